"""The Open data page in the browser: no axe-core violation in Dutch or English, usable
by keyboard, and its download links give the files (with JavaScript off, too)."""

import csv
import io

import pytest

from tests.a11y import controleer
from tests.initiatieven.factories import OnderwerpFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def onderwerp():
    return OnderwerpFactory(openbaar_=True, publieke_titel="Speeltuin in de browser")


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_pagina_toegankelijk(page, live_server, onderwerp, taal):
    page.context.add_cookies([{"name": "django_language", "value": taal, "url": live_server.url}])
    page.goto(live_server.url + "/")
    page.locator("footer").get_by_role("link", name="Open data").click()
    assert page.url == live_server.url + "/open-data/"
    assert page.locator("html").get_attribute("lang") == taal
    controleer(page, f"open data ({taal})")


def test_download_zonder_javascript(browser, live_server, onderwerp):
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.goto(live_server.url + "/open-data/")
    link = page.locator('a[href="/open-data/onderwerpen.csv"]')
    link.focus()
    with page.expect_download() as wachten:
        page.keyboard.press("Enter")
    download = wachten.value
    assert download.suggested_filename == "wijkportaal-onderwerpen.csv"
    with open(download.path(), encoding="utf-8", newline="") as bestand:
        rijen = list(csv.DictReader(io.StringIO(bestand.read())))
    assert [r["titel"] for r in rijen] == ["Speeltuin in de browser"]
    context.close()

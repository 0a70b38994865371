"""Attachments in a browser: the original file name may name the person who uploaded it
(``straat-prive-naam.png``), so nobody but the submitter sees it; everyone else sees and
downloads a generated name (issue 14.2; QUALITY.md, bad input 27)."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from initiatieven.models import Bijlage
from tests.e2e.hulp import bekijk, inloggen
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import WijkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAAM = "achtertuin-jansen-prive-naam.png"


def _links(page):
    return page.locator("#bijlagen a")


def test_bijlage_heet_openbaar_nooit_naar_de_upload(page, live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    wijk = WijkFactory(met_staf=True)
    indiener = GebruikerFactory(weergavenaam="Jansen")
    onderwerp = OnderwerpFactory(wijk=wijk, indiener=indiener, toon_naam=False, openbaar_=True)
    bijlage = Bijlage.objects.create(
        onderwerp=onderwerp,
        bestand=ContentFile(b"\x89PNG\r\n\x1a\nDATA", name="3f9c1e.png"),
        oorspronkelijke_naam=NAAM,
        inhoudstype="image/png",
        grootte=12,
    )
    publiek = f"bijlage-{bijlage.pk}.png"
    url = live_server.url + onderwerp.get_absolute_url()

    # Signed out: listed and downloaded under the generated name.
    page.goto(url)
    bekijk(page, "public item page with an attachment")
    expect(_links(page)).to_have_text(publiek)
    expect(page.locator("main")).not_to_contain_text("prive-naam")
    with page.expect_download() as download:
        _links(page).first.click()
    assert download.value.suggested_filename == publiek

    # The ward advisor on the internal item page: the same.
    inloggen(page, live_server, wijk.wijkadviseur)
    page.goto(url)
    expect(_links(page)).to_have_text(publiek)
    expect(page.locator("main")).not_to_contain_text("prive-naam")
    page.context.clear_cookies()

    # The submitter recognises their own file by the name they gave it.
    inloggen(page, live_server, indiener)
    page.goto(url)
    expect(_links(page)).to_have_text(NAAM)

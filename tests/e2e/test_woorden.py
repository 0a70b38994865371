"""What a person reads (issue 14, points 24 and 23): one word for signing in, "Wachtwoord
vergeten?" once, a confirmation in a sentence, "vandaag" and the one date style."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.hulp import inloggen
from tests.initiatieven.factories import OnderwerpFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_inlogpagina_zegt_inloggen(page, live_server):
    page.goto(live_server.url + reverse("account_login"))
    expect(page.locator("h1")).to_have_text("Inloggen")
    expect(page.locator("main form [type=submit]")).to_have_text("Inloggen")
    expect(page.get_by_text("Wachtwoord vergeten?")).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text("Aanmelden")


def test_stap_bevestigd_in_een_zin_met_vandaag_en_de_datumstijl(page, live_server):
    onderwerp = OnderwerpFactory()
    inloggen(page, live_server, onderwerp.wijk.wijkadviseur)
    page.goto(live_server.url + reverse("initiatieven:triage", args=[onderwerp.pk]))
    main = page.locator("main")
    expect(main).to_contain_text("(vandaag)")
    expect(main).not_to_contain_text("0 dagen geleden")
    page.locator("button[data-naar='in_behandeling']").click()
    page.wait_for_load_state()
    expect(page.locator(".meldingen")).to_have_text("Je hebt het onderwerp in behandeling genomen.")
    # Moments read "7 december 2026, 15:11": never "07-12-2026" or "7 dec 2026" (May is
    # "mei" in full).
    tekst = main.inner_text()
    assert re.search(r"\d{1,2} [a-z]+ \d{4}, \d{2}:\d{2}", tekst), tekst
    assert not re.search(r"\d{2}-\d{2}-\d{4}|\d{1,2} (?!mei )[a-z]{3} \d{4}", tekst), tekst

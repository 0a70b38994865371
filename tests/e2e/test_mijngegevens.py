"""'My data' in headless Chromium: a resident opens the page from the header, downloads
the JSON, changes their name, and deletes the account with the keyboard only; axe-core
checks every page."""

import json

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from contacten.models import Gebruiker
from initiatieven.models import Onderwerp
from tests.e2e.hulp import bekijk, inloggen, tab_naar
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_mijn_gegevens_downloaden_en_account_verwijderen(page, live_server):
    page.set_default_timeout(10_000)
    bewoner = GebruikerFactory(email="fatima@example.test", weergavenaam="Fatima de Vries")
    onderwerp = OnderwerpFactory(
        indiener=bewoner, openbaar_=True, toon_naam=True, titel="Bankjes bij de vijver"
    )
    inloggen(page, live_server, bewoner)

    # From the header to the overview.
    page.locator(f"header a[href='{reverse('mijngegevens:overzicht')}']").click()
    expect(page).to_have_url(live_server.url + reverse("mijngegevens:overzicht"))
    bekijk(page, "My data")
    expect(page.locator(f"[data-onderwerp='{onderwerp.pk}']")).to_be_visible()

    with page.expect_download() as info:
        page.locator("#download-json").click()
    with open(info.value.path(), encoding="utf-8") as bestand:
        gegevens = json.load(bestand)
    assert gegevens["account"]["email"] == "fatima@example.test"
    assert [o["id"] for o in gegevens["onderwerpen"]] == [onderwerp.pk]

    page.locator("#download-html").click()
    page.wait_for_load_state()
    bekijk(page, "My data, printable")
    page.go_back()
    page.wait_for_load_state()

    page.locator("#naam-wijzigen").click()
    expect(page).to_have_url(live_server.url + reverse("mijngegevens:naam_wijzigen"))
    bekijk(page, "Change my name")
    page.fill("#id_weergavenaam", "Fatima Bakker")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(live_server.url + reverse("mijngegevens:overzicht"))
    bekijk(page, "My data, after changing the name")
    assert Gebruiker.objects.get(pk=bewoner.pk).weergavenaam == "Fatima Bakker"

    # Keyboard only: Tab to the delete link, Enter; Tab to the checkbox, Space; Tab, Enter.
    tab_naar(page, "#verwijderen")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + reverse("mijngegevens:verwijderen"))
    bekijk(page, "Delete my account")
    tab_naar(page, "#id_bevestig")
    page.keyboard.press("Space")
    expect(page.locator("#id_bevestig")).to_be_checked()
    tab_naar(page, "#bevestig-verwijderen", max=3)
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + reverse("mijngegevens:verwijderd"))
    bekijk(page, "Account deleted")

    assert not Gebruiker.objects.filter(pk=bewoner.pk).exists()
    assert Onderwerp.objects.get(pk=onderwerp.pk).indiener_id is None
    # Signed out: the header offers to sign in, and My data asks for it.
    expect(page.locator(f"header a[href='{reverse('account_login')}']")).to_be_visible()
    page.goto(live_server.url + reverse("mijngegevens:overzicht"))
    expect(page).to_have_url(f"{live_server.url}{reverse('account_login')}?next=/mijn-gegevens/")

"""What residents see of their items, in headless Chromium: the location they typed on the
public page once screened, "My contributions", the outcome on the item page, and following
one item. axe-core checks every page on the way."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from initiatieven.forms import OnderwerpForm
from tests.e2e.hulp import bekijk, inloggen
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import WijkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_locatie_openbaar_na_screening(page, live_server, browser):
    """Point 4: the form says the location becomes public; the advisor adjusts it while
    screening (it starts as the resident typed it); the public page shows the adjusted one."""
    wijk = WijkFactory(met_staf=True, naam="Molenwijk")
    onderwerp = OnderwerpFactory(
        wijk=wijk,
        titel="Moestuin bij de speeltuin",
        locatie="Grasveld naast Dorpsstraat 12 (mijn huis)",
    )

    # The resident's form tells them the location is shown in public after screening.
    inloggen(page, live_server, onderwerp.indiener)
    page.goto(live_server.url + reverse("initiatieven:initiatief_indienen"))
    with translation.override("nl"):
        hulp = str(OnderwerpForm.Meta.help_texts["locatie"])
    expect(page.locator("#id_locatie_helptext")).to_have_text(hulp)
    bekijk(page, "submission form with the location's help")
    page.context.clear_cookies()

    inloggen(page, live_server, wijk.wijkadviseur)
    page.goto(live_server.url + reverse("initiatieven:triage", args=[onderwerp.pk]))
    veld = page.locator("#screenen-publieke_locatie")
    expect(veld).to_have_value("Grasveld naast Dorpsstraat 12 (mijn huis)")
    page.locator("#screenen-openbaar_0").check()
    veld.fill("Grasveld naast de speeltuin")
    page.locator("#screenen-form button[type=submit]").click()
    page.wait_for_load_state()
    bekijk(page, "triage after screening with a public location")
    onderwerp.refresh_from_db()
    assert onderwerp.openbaar and onderwerp.publieke_locatie == "Grasveld naast de speeltuin"

    publiek = browser.new_page(locale="nl-NL")
    publiek.goto(live_server.url + onderwerp.get_absolute_url())
    expect(publiek.locator("#locatie")).to_have_text("Grasveld naast de speeltuin")
    assert "Dorpsstraat 12" not in publiek.content()
    bekijk(publiek, "public item page with its location")

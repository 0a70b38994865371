"""The public item list in a browser: the filter form (rendered without widget templates)
keeps its labels and the chosen values, the search order can be chosen, both pages pass
the accessibility check."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from initiatieven.keuzes import Soort
from tests.e2e.hulp import bekijk
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.wijken.factories import WijkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_filteren_en_zoeken_in_de_lijst(page, live_server):
    wijk = WijkFactory(naam="Noord")
    WijkFactory(naam="Zuid")
    thema = ThemaFactory(naam="Groen en spelen")
    gevonden = OnderwerpFactory(
        wijk=wijk, thema=thema, openbaar_=True, knelpunt=True, titel="Speeltuin kapot"
    )
    OnderwerpFactory(
        wijk=wijk, thema=thema, openbaar_=True, titel="Bankje", beschrijving="Bij de vijver"
    )

    lijst = live_server.url + reverse("initiatieven:lijst")
    page.goto(lijst)
    bekijk(page, "public list")
    page.get_by_label(re.compile("Ward|Wijk")).select_option(label="Noord")
    page.select_option("#id_soort", Soort.KNELPUNT)
    page.select_option("#id_thema", label="Groen en spelen")
    page.click("#filters button[type=submit]")
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(rf"wijk={wijk.pk}"))
    bekijk(page, "public list, filtered")
    expect(page.locator("#id_wijk")).to_have_value(str(wijk.pk))
    expect(page.locator("#id_soort")).to_have_value(Soort.KNELPUNT)
    expect(page.locator("#id_thema")).to_have_value(str(thema.pk))
    expect(page.locator("#onderwerpen > li")).to_have_count(1)
    expect(page.locator(f"#onderwerp-{gevonden.pk}")).to_be_visible()

    page.goto(lijst)
    page.fill("#id_q", "speeltuin")
    page.select_option("#id_volgorde", "relevantie")
    page.click("#filters button[type=submit]")
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile("volgorde=relevantie"))
    bekijk(page, "public list, searched")
    expect(page.locator("#id_volgorde")).to_have_value("relevantie")
    expect(page.locator("#onderwerpen > li")).to_have_count(1)

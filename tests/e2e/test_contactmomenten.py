"""The contact log in headless Chromium: the ward advisor opens a group's page, logs a
contact moment (first with errors, then correctly), finds it in the log filtered on the
group and marks its follow-up done; another ward's advisor gets a 404 for it. axe-core
checks every page and state on the way. Assertions are on ids, URLs and database rows.
Set ``SCHERMAFDRUKKEN=<dir>`` to save a screenshot of every checked page there."""

import datetime
import os
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from contacten.contactmomenten import Contactmoment
from tests.contacten.factories import ContactmomentFactory
from tests.e2e import hulp
from tests.e2e.hulp import inloggen
from tests.wijken.factories import BewonersgroepFactory, WijkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def bekijk(page, wat: str) -> None:
    """One h1 and no axe-core violation; a screenshot when asked for (layout review)."""
    hulp.bekijk(page, wat)
    if map_ := os.environ.get("SCHERMAFDRUKKEN"):
        naam = re.sub(r"[^a-z0-9]+", "_", wat.lower())
        page.screenshot(path=os.path.join(map_, f"cm_{naam}.png"), full_page=True)


def test_adviseur_legt_een_contactmoment_vast_en_rondt_het_vervolg_af(page, live_server, browser):
    page.set_default_timeout(10_000)
    url = live_server.url
    wijk = WijkFactory(met_staf=True, naam="Molenwijk")
    groep = BewonersgroepFactory(wijk=wijk, naam="Buurtvereniging De Molen")
    eerder = ContactmomentFactory(
        wijk=wijk,
        groep=groep,
        datum=timezone.localdate() - datetime.timedelta(days=40),
        onderwerp="Rommelmarkt",
    )
    ContactmomentFactory(wijk=wijk, met_bewoner=True, onderwerp="Vraag over de speeltuin")
    andere = WijkFactory(met_staf=True, naam="Havenkwartier")
    adviseur = wijk.wijkadviseur
    inloggen(page, live_server, adviseur)

    # The group page shows its latest contact and the way to log a new one.
    page.goto(url + groep.get_absolute_url())
    bekijk(page, "group page with the contact log block")
    expect(page.locator(f"#groep-contactmoment-{eerder.pk}")).to_have_count(1)
    page.click("#groep-contactmoment-nieuw")
    expect(page).to_have_url(
        url + reverse("contactmomenten:nieuw") + f"?wijk={wijk.code}&groep={groep.pk}"
    )
    bekijk(page, "new contact moment, group preselected")
    expect(page.locator("#id_groep")).to_have_value(str(groep.pk))

    # First with errors: no subject, a date in the future, a follow-up date without text.
    morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    page.fill("#id_datum", morgen)
    page.fill("#id_vervolg_voor", morgen)
    page.fill("#id_notitie", "Het bestuur zoekt vrijwilligers voor de rommelmarkt.")
    page.click("#contactmoment-opslaan")
    page.wait_for_load_state()
    bekijk(page, "new contact moment with errors")
    samenvatting = page.locator("#foutensamenvatting")
    expect(samenvatting).to_have_count(1)
    for veld in ("id_onderwerp", "id_datum", "id_vervolg"):
        expect(samenvatting.locator(f"a[href='#{veld}']")).to_have_count(1)
        expect(page.locator(f"#{veld}")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_notitie")).to_have_value(
        "Het bestuur zoekt vrijwilligers voor de rommelmarkt."
    )
    samenvatting.locator("a[href='#id_onderwerp']").click()
    expect(page).to_have_url(page.url.split("#")[0] + "#id_onderwerp")
    assert not Contactmoment.objects.filter(onderwerp="Vrijwilligers gezocht").exists()

    # Then correctly.
    page.fill("#id_onderwerp", "Vrijwilligers gezocht")
    page.fill("#id_datum", timezone.localdate().isoformat())
    page.select_option("#id_vorm", "telefoon")
    page.fill("#id_vervolg", "Oproep op de wijkpagina zetten.")
    page.click("#contactmoment-opslaan")
    page.wait_for_url(f"**{reverse('contactmomenten:lijst')}?groep={groep.pk}*")
    page.wait_for_load_state()
    nieuw = Contactmoment.objects.get(onderwerp="Vrijwilligers gezocht")
    assert (nieuw.wijk, nieuw.groep, nieuw.vorm, nieuw.vastgelegd_door) == (
        wijk,
        groep,
        "telefoon",
        adviseur,
    )
    assert nieuw.datum == timezone.localdate()
    bekijk(page, "log filtered on the group, with the new entry")
    rij = page.locator(f"#contactmoment-{nieuw.pk}")
    expect(rij).to_have_attribute("data-vervolg", "open")
    expect(page.locator(f"#contactmoment-{eerder.pk}")).to_have_count(1)
    expect(page.locator("#contactmomenten tbody tr")).to_have_count(2)  # not the resident's

    # Mark the follow-up done from the log; it comes back to the same filtered log.
    rij.locator(".vervolg-knop").click()
    page.wait_for_url(f"**?groep={groep.pk}*")
    page.wait_for_load_state()
    expect(page.locator(f"#contactmoment-{nieuw.pk}")).to_have_attribute("data-vervolg", "gedaan")
    nieuw.refresh_from_db()
    assert nieuw.vervolg_gedaan
    bekijk(page, "log after marking the follow-up done")

    # The whole log, a search without results, and the edit page.
    page.goto(url + reverse("contactmomenten:lijst"))
    bekijk(page, "the whole log")
    expect(page.locator("#contactmomenten tbody tr")).to_have_count(3)
    page.goto(url + reverse("contactmomenten:lijst") + "?q=bestaat-niet&vervolg=open")
    bekijk(page, "log filtered without results")
    expect(page.locator("#leeg")).to_have_count(1)
    page.goto(url + reverse("contactmomenten:bewerken", args=[nieuw.pk]))
    bekijk(page, "change a contact moment")
    expect(page.locator("#id_onderwerp")).to_have_value("Vrijwilligers gezocht")

    # Another ward's advisor: a 404 for this entry and this ward, their own log without it.
    ander = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam").new_page()
    ander.set_default_timeout(10_000)
    tweede_wijk = WijkFactory(wijkadviseur=andere.wijkadviseur, naam="Vissersbuurt")
    inloggen(ander, live_server, andere.wijkadviseur)
    antwoord = ander.goto(url + reverse("contactmomenten:bewerken", args=[nieuw.pk]))
    assert antwoord.status == 404
    bekijk(ander, "another ward's advisor: 404")
    antwoord = ander.goto(url + reverse("contactmomenten:lijst") + f"?groep={groep.pk}")
    assert antwoord.status == 404
    ander.goto(url + reverse("contactmomenten:lijst"))
    bekijk(ander, "another ward's advisor: empty log")
    expect(ander.locator("#leeg")).to_have_count(1)
    ander.goto(url + groep.get_absolute_url())
    bekijk(ander, "group page for another ward's advisor")
    expect(ander.locator("#groep-contactlog")).to_have_count(0)
    # With two wards, logging starts by choosing the ward.
    ander.goto(url + reverse("contactmomenten:nieuw"))
    bekijk(ander, "choose the ward first")
    ander.select_option("#id_wijk", tweede_wijk.code)
    ander.locator("#wijk-kiezen button[type=submit]").click()
    ander.wait_for_url(f"**?wijk={tweede_wijk.code}")
    bekijk(ander, "new contact moment in the chosen ward")
    expect(ander.locator("#formulier-wijk")).to_have_attribute("data-wijk", tweede_wijk.code)

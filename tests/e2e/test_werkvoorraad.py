"""In the browser: an advisor signs in with their second factor, works the queue and
triages an item; the public sees the result. axe-core on every page and state.

Assertions are on ids, hrefs and database rows, not on copy. Set ``SCHERMAFDRUKKEN=<dir>`` to
save a screenshot of every checked page there (for reviewing the layout).
"""

import os
import re

import pytest
from django.db.models import F
from django.urls import reverse

from initiatieven.keuzes import RolGemeente, Status
from initiatieven.models import Actie, Bericht, Onderwerp
from tests.a11y import assert_toegankelijk
from tests.e2e.hulp import inloggen
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import WijkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _bekijk(page, wat: str) -> None:
    """One h1 and no axe-core violations on the page as it is now."""
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1, wat
    assert_toegankelijk(page, wat=wat)
    if map_ := os.environ.get("SCHERMAFDRUKKEN"):
        naam = re.sub(r"[^a-z0-9]+", "_", wat)
        page.screenshot(path=os.path.join(map_, f"wp_{naam}.png"), full_page=True)


def _knop(page, formulier: str):
    return page.locator(f"{formulier} button[type=submit]")


def _klik(page, knop: str) -> None:
    """Press a submit button and wait for the page it brings."""
    with page.expect_navigation():
        page.locator(knop).click()


def test_adviseur_triageert_een_item(page, live_server, browser):
    wijk = WijkFactory(met_staf=True, naam="Molenwijk")
    adviseur = wijk.wijkadviseur
    inloggen(page, live_server, adviseur)

    page.goto(live_server.url + reverse("initiatieven:werkvoorraad"))
    assert page.locator("#leeg").count() == 1
    _bekijk(page, "work queue empty")

    indiener = GebruikerFactory(email="noor.indiener@voorbeeld.test", weergavenaam="Noor Indiener")
    onderwerp = OnderwerpFactory(
        wijk=wijk,
        indiener=indiener,
        te_laat=True,
        titel="Moestuin bij speeltuin, bel Noor op 06-12345678",
        beschrijving="Met buren willen we een moestuin beginnen.\nKinderen helpen mee.",
    )
    OnderwerpFactory.create_batch(3, wijk=wijk)
    OnderwerpFactory(wijk=wijk, status=Status.IN_BEHANDELING, kansrijk=True)
    herbezien = OnderwerpFactory(wijk=wijk, nog_niet=True, herbezien_voorwaarde="Na de zomer")

    page.goto(live_server.url + reverse("initiatieven:werkvoorraad"))
    assert page.locator(f"#rij-{onderwerp.pk}[data-te-laat='1']").count() == 1
    _bekijk(page, "work queue with data")
    page.locator(f"#rij-{onderwerp.pk} a").first.click()
    page.wait_for_url(re.compile(rf"/initiatieven/{onderwerp.pk}/triage/$"))
    _bekijk(page, "triage")

    # (1) Publish with an adjusted title.
    page.locator("#screenen-openbaar_0").check()
    page.fill("#screenen-publieke_titel", "Moestuin bij speeltuin De Molen")
    _knop(page, "#screenen-form").click()
    page.wait_for_load_state()
    _bekijk(page, "triage after screening")
    # (2) The municipality's role.
    page.locator(f"#rol-form input[value='{RolGemeente.SAMEN_UITVOEREN}']").check()
    page.fill("#rol-rol_toelichting", "We leveren grond en een watertappunt.")
    page.locator("#rol-kansrijk").check()
    _knop(page, "#rol-form").click()
    page.wait_for_load_state()
    # (3) An action.
    page.fill("#actie-omschrijving", "Watertappunt aanvragen")
    page.fill("#actie-eigenaar", "Wijkadviseur")
    page.fill("#actie-deadline", "2031-04-01")
    _knop(page, "#actie-form").click()
    page.wait_for_load_state()
    # (4) A public answer.
    page.locator("#bericht-form input[value='ja']").check()
    page.fill("#bericht-tekst", "Dank voor uw initiatief, we nemen contact op.")
    _knop(page, "#bericht-form").click()
    page.wait_for_load_state()
    # (5) Take it into handling.
    page.locator("button[data-naar='in_behandeling']").click()
    page.wait_for_load_state()
    _bekijk(page, "triage in handling")

    onderwerp.refresh_from_db()
    assert onderwerp.openbaar and onderwerp.publieke_titel == "Moestuin bij speeltuin De Molen"
    assert onderwerp.rol_gemeente == RolGemeente.SAMEN_UITVOEREN and onderwerp.kansrijk
    assert onderwerp.status == Status.IN_BEHANDELING
    assert Actie.objects.filter(onderwerp=onderwerp, omschrijving="Watertappunt aanvragen").exists()
    assert Bericht.objects.filter(onderwerp=onderwerp, openbaar=True).count() == 1

    # A step without its required public explanation: the form comes back with errors.
    _klik(page, "#stap-uitvoeren button[data-kies]")
    _klik(page, "#stap-uitvoeren button[data-naar]")
    assert page.locator("main .foutensamenvatting").count() == 1
    assert page.locator("#stap-uitvoeren-toelichting").get_attribute("aria-invalid") == "true"
    _bekijk(page, "triage with form errors")

    # Someone else changes the item meanwhile: a conflict, nothing overwritten.
    Onderwerp.objects.filter(pk=onderwerp.pk).update(versie=F("versie") + 1)
    page.fill("#screenen-publieke_titel", "Een titel die niet mag winnen")
    _knop(page, "#screenen-form").click()
    page.wait_for_load_state()
    assert page.locator("#conflict").count() == 1
    _bekijk(page, "triage conflict")
    onderwerp.refresh_from_db()
    assert onderwerp.publieke_titel == "Moestuin bij speeltuin De Molen"

    # The revisit list.
    page.goto(live_server.url + reverse("initiatieven:herbezien"))
    assert page.locator(f"#onderwerp-{herbezien.pk}").count() == 1
    _bekijk(page, "revisit list")
    page.locator(f"#onderwerp-{herbezien.pk} button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/initiatieven/{herbezien.pk}/triage/"))
    herbezien.refresh_from_db()
    assert herbezien.status == Status.IN_BEHANDELING

    # The item page as the official.
    page.goto(live_server.url + onderwerp.get_absolute_url())
    assert page.locator("#naar-triage").count() == 1
    _bekijk(page, "item page official")

    # The public sees the adjusted title, the role and the answer; never the submitter.
    publiek = browser.new_page(locale="nl-NL")
    publiek.goto(live_server.url + onderwerp.get_absolute_url())
    assert publiek.locator("h1").inner_text() == "Moestuin bij speeltuin De Molen"
    html = publiek.content()
    assert "06-12345678" not in html and indiener.email not in html
    assert "Noor Indiener" not in html
    assert publiek.locator("#rol").count() == 1
    assert publiek.locator(".tijdlijn-regel[data-soort='antwoord']").count() == 1
    _bekijk(publiek, "item page public")
    publiek.goto(live_server.url + reverse("initiatieven:lijst"))
    assert publiek.locator(f"#onderwerp-{onderwerp.pk}").count() == 1
    _bekijk(publiek, "public list with results")
    publiek.fill("#id_q", "zzzzonbekend")
    publiek.locator("#filters button[type=submit]").click()
    publiek.wait_for_load_state()
    assert publiek.locator("#geen-resultaten").count() == 1
    _bekijk(publiek, "public list no results")
    publiek.close()

    # The submitter sees their own item, with the withdraw link.
    eigen = browser.new_page(locale="nl-NL")
    inloggen(eigen, live_server, indiener)
    eigen.goto(live_server.url + onderwerp.get_absolute_url())
    assert eigen.locator("#intrekken").count() == 1
    _bekijk(eigen, "item page submitter")
    niet_openbaar = OnderwerpFactory(
        wijk=wijk, indiener=indiener, niet_openbaar_reden="Er staan namen van buren in."
    )
    eigen.goto(live_server.url + niet_openbaar.get_absolute_url())
    assert eigen.locator("#niet-openbaar-reden").count() == 1
    _bekijk(eigen, "item page submitter not public")
    eigen.close()


def test_triage_verliest_niets_wat_getypt_is(page, live_server):
    """The triage page is one form: saving one part keeps what was typed in the others,
    a step's fields show only once it is chosen (no JavaScript needed), and Enter in a
    text field saves nothing by surprise."""
    wijk = WijkFactory(met_staf=True)
    onderwerp = OnderwerpFactory(wijk=wijk, titel="Bankje bij de vijver")
    inloggen(page, live_server, wijk.wijkadviseur)
    page.goto(live_server.url + reverse("initiatieven:triage", args=[onderwerp.pk]))
    assert page.locator("#workflow textarea").count() == 0  # no step's text box yet

    rol = "We denken mee over de plek en de vergunning."
    notitie = "Eerst navragen bij de groenbeheerder."
    page.fill("#rol-rol_toelichting", rol)
    page.fill("#bericht-tekst", notitie)
    page.fill("#screenen-publieke_titel", "Een bankje bij de vijver")
    _klik(page, "#screenen-form button[type=submit]")
    onderwerp.refresh_from_db()
    assert onderwerp.openbaar and onderwerp.publieke_titel == "Een bankje bij de vijver"
    assert page.locator("#rol-rol_toelichting").input_value() == rol
    assert page.locator("#bericht-tekst").input_value() == notitie
    _bekijk(page, "triage with unsaved input kept")

    # Enter in a text field saves nothing by surprise (here: an action half typed).
    page.fill("#actie-omschrijving", "Plek bekijken met de buurt")
    page.press("#actie-omschrijving", "Enter")
    page.wait_for_timeout(500)
    assert not Actie.objects.exists()
    assert page.locator("#rol-rol_toelichting").input_value() == rol

    # Choosing a step shows its fields only; what was typed stays.
    _klik(page, "#stap-nog_niet_mogelijk button[data-kies]")
    assert page.locator("#workflow textarea").count() == 1
    assert page.locator("#rol-rol_toelichting").input_value() == rol
    reden = "Eerst komt het nieuwe groenplan, daarna kijken we opnieuw."
    page.fill("#stap-nog_niet_mogelijk-toelichting", reden)
    page.fill("#stap-nog_niet_mogelijk-herbezien_voorwaarde", "Als het groenplan er is")
    _bekijk(page, "triage with a step chosen")

    # Saving the role keeps the step's text and the note.
    page.locator(f"#rol-form input[value='{RolGemeente.FACILITEREN}']").check()
    _klik(page, "#rol-form button[type=submit]")
    onderwerp.refresh_from_db()
    assert onderwerp.rol_toelichting == rol and onderwerp.status == Status.INGEDIEND
    assert page.locator("#stap-nog_niet_mogelijk-toelichting").input_value() == reden
    assert page.locator("#bericht-tekst").input_value() == notitie

    # And the step itself.
    _klik(page, "#stap-nog_niet_mogelijk button[data-naar]")
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.NOG_NIET_MOGELIJK
    assert page.locator("#bericht-tekst").input_value() == notitie
    assert page.locator("#actie-omschrijving").input_value() == "Plek bekijken met de buurt"
    _klik(page, "#bericht-form button[type=submit]")
    assert Bericht.objects.filter(onderwerp=onderwerp, tekst=notitie).count() == 1


def test_wethouder_beslist(page, live_server):
    wijk = WijkFactory(met_staf=True)
    onderwerp = OnderwerpFactory(
        wijk=wijk,
        status=Status.BIJ_WIJKWETHOUDER,
        advies_wethouder="Ik adviseer dit te steunen: veel draagvlak in de buurt.",
    )
    inloggen(page, live_server, wijk.wijkwethouder)
    page.goto(live_server.url + reverse("initiatieven:wethouder"))
    assert page.locator(f"#onderwerp-{onderwerp.pk}").count() == 1
    _bekijk(page, "alderman list")
    page.locator(f"#onderwerp-{onderwerp.pk} h2 a").click()
    page.wait_for_url(re.compile(rf"/initiatieven/{onderwerp.pk}/triage/"))
    _bekijk(page, "triage alderman")
    _klik(page, "#stap-terug_naar_adviseur button[data-kies]")
    page.fill("#stap-terug_naar_adviseur-notitie", "Eerst met de corporatie overleggen.")
    _klik(page, "#stap-terug_naar_adviseur button[data-naar]")
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.IN_BEHANDELING
    page.goto(live_server.url + reverse("initiatieven:wethouder"))
    assert page.locator("#leeg").count() == 1
    _bekijk(page, "alderman list empty")


def test_publieke_lijst_leeg(page, live_server):
    page.goto(live_server.url + reverse("initiatieven:lijst"))
    assert page.locator("#geen-resultaten").count() == 1
    _bekijk(page, "public list empty")

"""Up to the agenda in headless Chromium: from the alderman's list onto the college agenda,
to the council, to a decision; and a proposal returned with a reason. Staff sign in through
the login form with their second factor; axe-core checks every page on the way."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contacten.models import Agendapunt, AgendapuntStatus, Vergadering
from initiatieven import agenda
from initiatieven.keuzes import Status
from tests.a11y import controleer
from tests.contacten.factories import VergaderingFactory
from tests.e2e.hulp import inloggen
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import WijkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VERZENDEN = "main form[method=post] button[type=submit]"


def bekijk(page, url, wat):
    page.goto(url)
    controleer(page, wat)


def _ontvangers():
    adressen = sorted(a for m in mail.outbox for a in m.to)
    mail.outbox.clear()
    return adressen


def _naar_het_verleden(vergadering):
    Vergadering.objects.filter(pk=vergadering.pk).update(
        begin=timezone.now() - datetime.timedelta(hours=2)
    )


@pytest.fixture
def opzet(db):
    wijk = WijkFactory(met_staf=True, naam="Noord")
    indiener = GebruikerFactory(email="indiener@example.test")
    onderwerp = OnderwerpFactory(
        status=Status.BIJ_WIJKWETHOUDER,
        wijk=wijk,
        indiener=indiener,
        openbaar=True,
        titel="Gevaarlijke oversteek Koolmeesweg",
    )
    return {
        "wijk": wijk,
        "onderwerp": onderwerp,
        "griffie": GebruikerFactory(griffie=True, tweede_factor=True, email="griffie@example.test"),
        "college": VergaderingFactory(),
        "raad": VergaderingFactory(raad=True),
    }


def test_van_escalatie_via_college_en_raad_naar_een_besluit(browser, live_server, opzet):
    url = live_server.url
    wijk, onderwerp, college, raad = (opzet[k] for k in ("wijk", "onderwerp", "college", "raad"))
    adviseur, wethouder = wijk.wijkadviseur.email, wijk.wijkwethouder.email
    wethouder_pagina = browser.new_context(locale="nl-NL").new_page()
    griffie_pagina = browser.new_context(locale="nl-NL").new_page()
    publiek = browser.new_context(locale="nl-NL").new_page()
    publiek.set_default_timeout(10_000)
    mail.outbox.clear()

    # The alderman proposes the escalated item for the college.
    inloggen(wethouder_pagina, live_server, wijk.wijkwethouder)
    bekijk(wethouder_pagina, url + reverse("initiatieven:agenderen"), "alderman: escalations")
    wethouder_pagina.click("#voorstel button[type=submit]")  # empty: errors, linked and accessible
    controleer(wethouder_pagina, "alderman: proposal with errors")
    assert wethouder_pagina.locator(".foutensamenvatting").count() == 1
    wethouder_pagina.check(f"input[name=onderwerpen][value='{onderwerp.pk}']")
    wethouder_pagina.select_option("#id_vergadering", str(college.pk))
    wethouder_pagina.fill("#id_titel", "Verkeersveiligheid Noord")
    wethouder_pagina.fill("#id_toelichting", "De wijk kan deze oversteek niet alleen oplossen.")
    wethouder_pagina.click("#voorstel button[type=submit]")
    controleer(wethouder_pagina, "alderman: proposal sent")
    punt = Agendapunt.objects.get()
    assert wethouder_pagina.locator(f"#voorstel-{punt.pk}").count() == 1
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.GEAGENDEERD_COLLEGE
    assert _ontvangers() == sorted(["indiener@example.test", adviseur])
    bekijk(publiek, url + onderwerp.get_absolute_url(), "item page: proposed")
    assert "De wijk kan deze oversteek niet alleen oplossen." in publiek.content()
    # Only a proposal: not yet on the public agenda.
    bekijk(publiek, url + college.get_absolute_url(), "college meeting before accepting")
    assert publiek.locator(f"#punt-{punt.pk}").count() == 0

    # The griffie accepts it onto the agenda.
    inloggen(griffie_pagina, live_server, opzet["griffie"])
    bekijk(griffie_pagina, url + reverse("initiatieven:agenda_griffie"), "griffie: proposals")
    griffie_pagina.click(f"#voorstel-{punt.pk} form button[type=submit]")
    controleer(griffie_pagina, "griffie: accepted")
    assert _ontvangers() == [wethouder]
    bekijk(publiek, url + college.get_absolute_url(), "college meeting with the item")
    assert publiek.locator(f"#punt-{punt.pk} a[href='{onderwerp.get_absolute_url()}']").count() == 1
    bekijk(publiek, url + reverse("contacten:vergaderingen"), "public meetings")

    # After the meeting: the college refers it to the council, with a commitment.
    _naar_het_verleden(college)
    bekijk(griffie_pagina, url + reverse("initiatieven:agenda_griffie"), "griffie: to decide")
    griffie_pagina.click(f"#punt-{punt.pk} a.btn")
    controleer(griffie_pagina, "griffie: decision form")
    griffie_pagina.check("input[name=resultaat][value=doorverwezen_raad]")
    griffie_pagina.click(VERZENDEN)  # no explanation, no council meeting
    controleer(griffie_pagina, "griffie: decision with errors")
    griffie_pagina.check("input[name=resultaat][value=doorverwezen_raad]")
    griffie_pagina.fill("#id_toelichting", "Een verkeersplan vraagt budget: de raad beslist.")
    griffie_pagina.select_option("#id_raadsvergadering", str(raad.pk))
    griffie_pagina.fill("#id_toezegging", "Tijdelijk een snelheidsdisplay")
    griffie_pagina.fill("#id_verantwoordelijke", "Wethouder verkeer")
    griffie_pagina.fill("#id_datum", "2027-03-01")
    griffie_pagina.click(VERZENDEN)
    controleer(griffie_pagina, "college meeting after the decision (griffie)")
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.GEAGENDEERD_RAAD
    assert _ontvangers() == sorted(["indiener@example.test", adviseur, wethouder])
    bekijk(publiek, url + onderwerp.get_absolute_url(), "item page: with the council")
    assert "Een verkeersplan vraagt budget: de raad beslist." in publiek.content()
    bekijk(publiek, url + college.get_absolute_url(), "college meeting with the decision")
    assert "Tijdelijk een snelheidsdisplay" in publiek.content()
    raadspunt = Agendapunt.objects.get(vergadering=raad)
    bekijk(publiek, url + raad.get_absolute_url(), "council meeting with the item")
    assert publiek.locator(f"#punt-{raadspunt.pk} a[href='{onderwerp.get_absolute_url()}']").count()
    bekijk(publiek, url + reverse("contacten:toezeggingen"), "commitments per ward")
    assert "Tijdelijk een snelheidsdisplay" in publiek.content()
    bekijk(griffie_pagina, url + reverse("contacten:toezeggingen"), "commitments (griffie)")
    griffie_pagina.select_option("main form select[name=status]", "nagekomen")
    griffie_pagina.click("main form button[type=submit]")
    controleer(griffie_pagina, "commitment marked kept")
    from contacten.models import Toezegging

    assert Toezegging.objects.get().status == "nagekomen"

    # The council decides; the route is closed.
    _naar_het_verleden(raad)
    bekijk(
        griffie_pagina,
        url + reverse("initiatieven:besluit", args=[raadspunt.pk]),
        "council decision",
    )
    griffie_pagina.check("input[name=resultaat][value=aangenomen]")
    griffie_pagina.fill("#id_toelichting", "De raad stelt budget beschikbaar voor een zebrapad.")
    griffie_pagina.click(VERZENDEN)
    controleer(griffie_pagina, "council meeting after the decision (griffie)")
    onderwerp.refresh_from_db()
    assert (onderwerp.status, onderwerp.resultaat) == (
        Status.AFGEROND,
        "De raad stelt budget beschikbaar voor een zebrapad.",
    )
    assert _ontvangers() == sorted(["indiener@example.test", adviseur, wethouder])
    bekijk(publiek, url + onderwerp.get_absolute_url(), "item page: decided")
    assert "De raad stelt budget beschikbaar voor een zebrapad." in publiek.content()
    bekijk(publiek, url + raad.get_absolute_url(), "council meeting with the decision")
    assert "De raad stelt budget beschikbaar voor een zebrapad." in publiek.content()

    # The alderman sees the outcome of their proposal.
    bekijk(wethouder_pagina, url + reverse("initiatieven:agenderen"), "alderman: outcome")
    assert (
        "Een verkeersplan vraagt budget"
        in wethouder_pagina.locator(f"#voorstel-{punt.pk}").inner_text()
    )


def test_voorstel_teruggegeven_met_reden(browser, live_server, opzet):
    url = live_server.url
    wijk, onderwerp = opzet["wijk"], opzet["onderwerp"]
    later = VergaderingFactory(begin=timezone.now() + datetime.timedelta(days=21))
    punt = agenda.agenda_voorstellen(
        door=wijk.wijkwethouder,
        onderwerpen=[onderwerp],
        vergadering=opzet["college"],
        titel="Oversteek Koolmeesweg",
        toelichting="Graag bespreken in het college.",
    )
    mail.outbox.clear()
    griffie_pagina = browser.new_context(locale="nl-NL").new_page()
    inloggen(griffie_pagina, live_server, opzet["griffie"])

    # Moving it first, then returning it.
    bekijk(
        griffie_pagina,
        url + reverse("initiatieven:voorstel_verplaatsen", args=[punt.pk]),
        "move form",
    )
    griffie_pagina.select_option("#id_vergadering", str(later.pk))
    griffie_pagina.click(VERZENDEN)
    controleer(griffie_pagina, "griffie: moved")
    punt.refresh_from_db()
    assert punt.vergadering == later
    assert _ontvangers() == [wijk.wijkwethouder.email]

    bekijk(
        griffie_pagina,
        url + reverse("initiatieven:voorstel_teruggeven", args=[punt.pk]),
        "return form",
    )
    griffie_pagina.click(VERZENDEN)
    # The same URL comes back: wait for the answer, not the page that sent it.
    griffie_pagina.locator("#foutensamenvatting").wait_for()
    controleer(griffie_pagina, "return form with errors")
    griffie_pagina.fill("#id_reden", "Hierover loopt al een gemeentebreed verkeersplan.")
    griffie_pagina.click(VERZENDEN)
    controleer(griffie_pagina, "griffie: returned")
    punt.refresh_from_db()
    onderwerp.refresh_from_db()
    assert punt.status == AgendapuntStatus.TERUGGEGEVEN
    assert onderwerp.status == Status.BIJ_WIJKWETHOUDER
    assert _ontvangers() == sorted([wijk.wijkwethouder.email, "indiener@example.test"])

    publiek = browser.new_context(locale="nl-NL").new_page()
    bekijk(publiek, url + onderwerp.get_absolute_url(), "item page: returned")
    assert "Hierover loopt al een gemeentebreed verkeersplan." in publiek.content()
    wethouder_pagina = browser.new_context(locale="nl-NL").new_page()
    inloggen(wethouder_pagina, live_server, wijk.wijkwethouder)
    bekijk(wethouder_pagina, url + reverse("initiatieven:agenderen"), "alderman: returned")
    assert "Hierover loopt al een gemeentebreed verkeersplan." in wethouder_pagina.content()


def test_vergaderbeheer_van_de_griffie(browser, live_server, opzet):
    url = live_server.url
    pagina = browser.new_context(locale="nl-NL").new_page()
    inloggen(pagina, live_server, opzet["griffie"])
    bekijk(pagina, url + reverse("contacten:agenda"), "griffie: all meetings")
    pagina.click("#vergadering-nieuw")
    controleer(pagina, "new meeting form")
    pagina.click(VERZENDEN)
    controleer(pagina, "new meeting with errors")
    pagina.select_option("#id_orgaan", "gemeenteraad")
    pagina.fill("#id_begin", "2030-01-08T19:30")
    pagina.fill("#id_locatie", "Raadzaal, nieuwe vleugel")
    pagina.click(VERZENDEN)
    controleer(pagina, "draft meeting")
    v = Vergadering.objects.get(locatie="Raadzaal, nieuwe vleugel")
    pagina.click("#agendapunt-nieuw")
    controleer(pagina, "new agenda item form")
    pagina.fill("#id_titel", "Vaststellen agenda")
    pagina.fill("#id_toelichting", "De agenda van deze vergadering.")
    pagina.click(VERZENDEN)
    controleer(pagina, "draft meeting with an item")
    pagina.click("#publiceren")
    controleer(pagina, "published meeting")
    v.refresh_from_db()
    assert v.status == "gepubliceerd"

"""Ward pages in headless Chromium: the fallback flow end to end, and axe on every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.a11y import controleer
from tests.e2e.hulp import inloggen_met_sessie
from tests.factories import GebruikerFactory
from tests.wijken.factories import (
    BestuursfunctieFactory,
    BewonersgroepFactory,
    BuurtFactory,
    InteressereactieFactory,
    KerncijfersFactory,
    TerugvalregelingFactory,
    TerugvalTaakFactory,
    WijkFactory,
    WijkprofessionalFactory,
)
from wijken.models import Bewonersgroep, Terugvalregeling, WijkraadStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VERZENDEN = "main form[method=post] button[type=submit]"


@pytest.fixture
def wijk(db):
    wijk = WijkFactory(met_staf=True, naam="Noord", beschrijving="Een groene wijk.")
    for naam in ("Molenwijk", "Vogelbuurt"):
        KerncijfersFactory(buurt=BuurtFactory(wijk=wijk, naam=naam))
    WijkprofessionalFactory(
        wijk=wijk, naam="Kim de Wit", rol="Wijkagent", email="kim@politie.example.test"
    )
    return wijk


def test_terugvalregeling_van_begin_tot_eind(page, live_server, wijk):
    raad = BewonersgroepFactory(wijk=wijk, naam="Wijkraad Noord", onvolledig=True)
    buurthuis = BewonersgroepFactory(wijk=wijk, naam="Buurthuis De Schakel", soort="instelling")
    inloggen_met_sessie(page.context, live_server, wijk.wijkadviseur)

    page.goto(live_server.url + wijk.get_absolute_url())
    page.click("#wijk-beheren")
    page.click(f"#groep-{raad.pk} a[href$='/beheer/']")
    page.click("#status-vastleggen")
    page.check("input[name=status][value=gestopt]")
    page.fill("#id_toelichting", "Niet genoeg bestuursleden.")
    page.click(VERZENDEN)

    assert page.url.endswith(reverse("wijken:terugvalregeling", args=[raad.pk]))
    raad.refresh_from_db()
    assert raad.wijkraad_status == WijkraadStatus.GESTOPT
    controleer(page, "terugvalregeling (leeg)")
    page.check("input[name=aanspreekpunt][value=opbouwwerker]")
    page.fill("#id_toelichting", "Maatwerk: het buurthuis doet de wijkschouw.")
    page.select_option("#id_taken-0-overnemer", "opbouwwerker")
    page.select_option("#id_taken-1-overnemer", "wijkadviseur")
    page.select_option("#id_taken-2-overnemer", "groep")
    page.select_option("#id_taken-2-groep", str(buurthuis.pk))
    page.fill("#id_taken-3-taak", "Nieuwsbrief")
    page.select_option("#id_taken-3-overnemer", "opbouwwerker")
    page.click(VERZENDEN)

    assert page.url == live_server.url + wijk.get_absolute_url()
    regeling = Terugvalregeling.objects.get(groep=raad)
    assert regeling.taken.count() == 4

    # Anyone, signed out, sees who the ward's point of contact is.
    anoniem = page.context.browser.new_page()
    anoniem.goto(live_server.url + wijk.get_absolute_url())
    assert wijk.opbouwwerker.weergavenaam in anoniem.locator("#aanspreekpunt").inner_text()
    assert anoniem.locator("#wijkraad-status").get_attribute("data-status") == "gestopt"
    assert anoniem.locator("#terugval-taken tbody tr").count() == 4
    assert anoniem.locator(f"#terugval-taken a[href='{buurthuis.get_absolute_url()}']").count() == 1
    controleer(anoniem, "wijkpagina met terugval")
    anoniem.close()


def test_publieke_paginas_toegankelijk(page, live_server, wijk):
    page.goto(live_server.url + reverse("wijken:lijst"))
    controleer(page, "wijkenlijst leeg van groepen")
    page.goto(live_server.url + reverse("wijken:vacatures"))
    controleer(page, "vacatures leeg")

    raad = BewonersgroepFactory(wijk=wijk, naam="Wijkraad Noord", wijkraad=True)
    BestuursfunctieFactory(groep=raad)
    club = BewonersgroepFactory(wijk=wijk, naam="Voetbalclub", website="https://club.example.test")
    BestuursfunctieFactory(groep=club, vacant=True, vacaturetekst="Wie helpt?\nTwee regels.")
    for url, wat in [
        (reverse("home"), "home met wijkzoeker"),
        (reverse("wijken:lijst"), "wijkenlijst"),
        (reverse("wijken:lijst") + "?q=" + "x" * 101, "wijkenlijst met fout"),
        (reverse("wijken:lijst") + "?q=onbekend", "wijkenlijst zonder treffers"),
        (wijk.get_absolute_url(), "wijkpagina, actieve wijkraad"),
        (club.get_absolute_url(), "groepspagina"),
        (reverse("wijken:vacatures"), "vacatures"),
        (reverse("wijken:wijk_vacatures", args=[wijk.code]), "vacatures van de wijk"),
    ]:
        page.goto(live_server.url + url)
        controleer(page, wat)

    Bewonersgroep.objects.filter(pk=raad.pk).update(wijkraad_status="onvolledig")
    page.goto(live_server.url + wijk.get_absolute_url())
    assert page.locator("#wijkraad-status").get_attribute("data-status") == "onvolledig"
    controleer(page, "wijkpagina, onvolledig bestuur")

    Bewonersgroep.objects.filter(pk=raad.pk).update(wijkraad_status="gestopt")
    page.goto(live_server.url + wijk.get_absolute_url())
    controleer(page, "wijkpagina, gestopt zonder regeling")
    regeling = TerugvalregelingFactory(groep=raad, aanspreekpunt="groep", aanspreekpunt_groep=club)
    TerugvalTaakFactory(regeling=regeling)
    page.goto(live_server.url + wijk.get_absolute_url())
    controleer(page, "wijkpagina, gestopt met regeling")


def test_lijst_zonder_wijken_toegankelijk(page, live_server):
    page.goto(live_server.url + reverse("wijken:lijst"))
    assert page.locator("#aantal-wijken").count() == 1
    controleer(page, "wijkenlijst leeg")


def test_interesse_formulier_toegankelijk_en_werkt(page, live_server, wijk):
    club = BewonersgroepFactory(wijk=wijk)
    functie = BestuursfunctieFactory(groep=club, vacant=True)
    inloggen_met_sessie(page.context, live_server, GebruikerFactory())
    page.goto(live_server.url + reverse("wijken:vacatures"))
    page.click(f"#vacature-{functie.pk} a[href$='/interesse/']")
    controleer(page, "interesse")
    page.click(VERZENDEN)
    expect(page.locator(".foutensamenvatting a[href='#id_bericht']")).to_have_count(1)
    controleer(page, "interesse met fouten")
    page.fill("#id_bericht", "Ik help graag mee.")
    page.click(VERZENDEN)
    assert page.url == live_server.url + club.get_absolute_url()
    assert functie.reacties.count() == 1
    page.goto(live_server.url + reverse("wijken:interesse", args=[functie.pk]))
    assert page.locator("#al-gereageerd").count() == 1
    controleer(page, "interesse, al gereageerd")


def test_beheerpaginas_toegankelijk_ook_met_fouten(page, live_server, wijk):
    raad = BewonersgroepFactory(wijk=wijk, wijkraad=True)
    gestopt = BewonersgroepFactory(wijk=wijk, gestopt=True)
    functie = BestuursfunctieFactory(groep=raad, vacant=True)
    InteressereactieFactory(functie=functie, bericht="Ik wil <b>graag</b>")
    professional = WijkprofessionalFactory(wijk=wijk)
    inloggen_met_sessie(page.context, live_server, wijk.wijkadviseur)

    alleen_tonen = [
        (reverse("wijken:wijk_beheer", args=[wijk.code]), "wijkbeheer"),
        (reverse("wijken:groep_beheer", args=[raad.pk]), "groepsbeheer"),
        (reverse("wijken:functie_verwijderen", args=[functie.pk]), "functie verwijderen"),
        (
            reverse("wijken:professional_verwijderen", args=[professional.pk]),
            "professional verwijderen",
        ),
    ]
    for url, wat in alleen_tonen:
        page.goto(live_server.url + url)
        controleer(page, wat)

    # Each form: as it opens, then submitted with its required fields empty.
    formulieren = [
        (reverse("wijken:groep_nieuw", args=[wijk.code]), "groep toevoegen", []),
        (reverse("wijken:groep_bewerken", args=[raad.pk]), "groep bewerken", ["#id_naam"]),
        (reverse("wijken:functie_nieuw", args=[raad.pk]), "functie toevoegen", []),
        (
            reverse("wijken:functie_bewerken", args=[functie.pk]),
            "functie bewerken",
            ["#id_vacaturetekst"],
        ),
        (reverse("wijken:wijkraad_status", args=[raad.pk]), "wijkraadstatus", []),
        (reverse("wijken:terugvalregeling", args=[gestopt.pk]), "terugvalregeling", []),
        (reverse("wijken:professional_nieuw", args=[wijk.code]), "professional toevoegen", []),
        (
            reverse("wijken:professional_bewerken", args=[professional.pk]),
            "professional bewerken",
            ["#id_naam", "#id_telefoon"],
        ),
    ]
    for url, wat, leegmaken in formulieren:
        page.goto(live_server.url + url)
        controleer(page, wat)
        for veld in leegmaken:
            page.fill(veld, "")
        page.click(VERZENDEN)
        # The click returns once the answer starts to load; wait for the page it brings.
        expect(page.locator(".foutensamenvatting"), wat).to_have_count(1)
        controleer(page, wat + " met fouten")


def test_groepscontact_beheert_eigen_bestuur(page, live_server, wijk):
    contact = GebruikerFactory()
    club = BewonersgroepFactory(wijk=wijk, contactpersonen=[contact])
    inloggen_met_sessie(page.context, live_server, contact)
    page.goto(live_server.url + club.get_absolute_url())
    page.click("#groep-beheren")
    controleer(page, "groepsbeheer door groepscontact")
    assert page.locator("#groep-bewerken").count() == 0
    page.click("#functie-toevoegen")
    page.select_option("#id_functie", "penningmeester")
    page.check("input[name=bezetting][value=vacant]")
    page.fill("#id_vacaturetekst", "Wie houdt de kas bij?")
    page.click(VERZENDEN)
    assert club.functies.get().is_vacant

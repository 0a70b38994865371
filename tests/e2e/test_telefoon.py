"""The portal on a 390 px wide phone (issue 14, point 9): a main menu that folds away and
works without JavaScript, the first form field high on the screen, and a ward page that
is short, scannable and shows the ward's recent results."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from shapely.geometry import box

from tests.a11y import controleer, doelgrootte_overtredingen
from tests.e2e.hulp import inloggen_met_sessie
from tests.factories import GebruikerFactory
from tests.wijken.factories import BuurtFactory, WijkFactory
from wijken import services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TELEFOON = {"width": 390, "height": 844}
EERSTE_VELD = "main form input:not([type=hidden]), main form textarea, main form select"


def _top(page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


@override_settings(DEMO=True)
def test_menu_klapt_in_op_een_telefoon_zonder_javascript(browser, live_server):
    wethouder = GebruikerFactory(wijkwethouder=True, tweede_factor=True)
    WijkFactory(wijkwethouder=wethouder)
    context = browser.new_context(viewport=TELEFOON, java_script_enabled=False, locale="nl-NL")
    inloggen_met_sessie(context, live_server, wethouder)
    page = context.new_page()
    page.goto(live_server.url + reverse("initiatieven:initiatief_indienen"))

    # Folded: the menu, the account links and the language switch wait behind "Menu";
    # the form starts in the upper half of the screen, demo banner and all (the old
    # header, three rows of menu and the language switch, put it at about 700 px).
    expect(page.locator(".kopmenu-knop")).to_be_visible()
    expect(page.locator(".hoofdmenu")).to_be_hidden()
    expect(page.locator("#taalkeuze-taal")).to_be_hidden()
    assert _top(page, EERSTE_VELD) < 844 / 2, _top(page, EERSTE_VELD)

    # Opened without JavaScript: the groups, and a group opens to its links.
    page.locator(".kopmenu-knop").click()
    expect(page.locator(".hoofdmenu")).to_be_visible()
    expect(page.locator("form[action='/account/logout/'] button")).to_be_visible()
    page.locator(".hoofdmenu summary", has_text="Mijn werk").click()
    link = page.locator(".hoofdmenu a", has_text="Voor besluit")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("initiatieven:wethouder"))
    context.close()


def test_menu_op_een_telefoon_en_breed_scherm_toegankelijk(page, live_server):
    wethouder = GebruikerFactory(wijkwethouder=True, tweede_factor=True)
    WijkFactory(wijkwethouder=wethouder)
    inloggen_met_sessie(page.context, live_server, wethouder)
    page.set_viewport_size(TELEFOON)
    page.goto(live_server.url + reverse("initiatieven:knelpunt_melden"))
    page.locator(".kopmenu-knop").click()
    page.locator(".hoofdmenu summary", has_text="Agenda's en besluiten").click()
    controleer(page, "phone, menu open")

    # A wide screen: no "Menu" button, the account links and the menu in view, in one row.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("initiatieven:knelpunt_melden"))
    expect(page.locator(".kopmenu-knop")).to_be_hidden()
    expect(page.locator(".hoofdmenu")).to_be_visible()
    expect(page.locator("form[action='/account/logout/'] button")).to_be_visible()
    hoogte = page.locator(".hoofdmenu > ul").bounding_box()["height"]
    assert hoogte < 60, hoogte
    page.locator(".hoofdmenu summary", has_text="Mijn werk").click()
    expect(page.locator(".hoofdmenu a", has_text="Wijkdashboard")).to_be_visible()
    controleer(page, "wide, group open")


def test_wijkpagina_op_een_telefoon_kort_en_met_resultaten(page, live_server):
    from tests.contacten.factories import BezoekFactory
    from tests.initiatieven.factories import OnderwerpFactory
    from tests.wijken.factories import (
        BewonersgroepFactory,
        BuurtFactory,
        KerncijfersFactory,
        WijkprofessionalFactory,
    )

    wijk = WijkFactory(met_staf=True, naam="Noord")
    for naam in ("Molenwijk", "Vogelbuurt", "Bloemenbuurt"):
        KerncijfersFactory(buurt=BuurtFactory(wijk=wijk, naam=naam))
    for i in range(4):
        BewonersgroepFactory(wijk=wijk, naam=f"Buurtvereniging {i}")
        WijkprofessionalFactory(wijk=wijk, naam=f"Professional {i}", rol="Wijkagent")
    for i in range(10):
        OnderwerpFactory(wijk=wijk, openbaar_=True, titel=f"Lopend {i}")
    nu = timezone.now()
    klaar = [
        OnderwerpFactory(
            wijk=wijk,
            openbaar_=True,
            afgerond=True,
            titel=f"Gelukt {i}",
            afgehandeld_op=nu - datetime.timedelta(days=i),
        )
        for i in range(5)
    ]
    BezoekFactory(wijk=wijk)

    page.set_viewport_size(TELEFOON)
    page.goto(live_server.url + wijk.get_absolute_url())
    controleer(page, "ward page on a phone")

    # What the ward achieved: the three most recent results, and a link to all of them.
    resultaten = page.locator("#resultaten li")
    expect(resultaten).to_have_count(3)
    expect(resultaten.first).to_contain_text(klaar[0].titel)
    expect(page.locator("#alle-resultaten")).to_be_visible()
    # The calendar's raw address and instructions are folded away until asked for.
    expect(page.locator(".feed-adres")).to_be_hidden()
    page.locator(".agenda-abonneren summary").click()
    expect(page.locator(".feed-adres")).to_be_visible()
    page.locator(".agenda-abonneren summary").click()

    # Short enough to scan: the figures by age fold away too (3,960 px before, without
    # the results added since).
    expect(page.locator("#leeftijden")).to_be_hidden()
    # The ward's questions to think along (its own section) and the feed links added
    # about 270 px in December 2026 (3,780 -> 4,066 px on this page).
    hoogte = page.evaluate("document.documentElement.scrollHeight")
    assert hoogte < 4100, hoogte


def test_kaart_van_de_buurten_past_en_is_leesbaar_op_een_telefoon(browser, live_server):
    wijk = WijkFactory(naam="Centrum")
    # A long, narrow ward: the map is widest relative to its height there.
    services.buurtgrenzen_opslaan(
        grenzen_per_buurt={
            BuurtFactory(wijk=wijk, naam=f"Buurt {i}"): box(
                150_000 + i * 1500, 463_000, 151_500 + i * 1500, 463_600
            )
            for i in range(4)
        }
    )
    for breedte in (390, 1280):
        context = browser.new_context(viewport={"width": breedte, "height": 844}, locale="nl-NL")
        page = context.new_page()
        page.goto(live_server.url + wijk.get_absolute_url())
        kaart = page.locator("figure.buurtenkaart svg")
        expect(kaart).to_be_visible()
        assert kaart.bounding_box()["width"] <= breedte
        assert page.evaluate("document.documentElement.scrollWidth") <= breedte
        hoogtes = page.locator("figure.buurtenkaart text").evaluate_all(
            "els => els.map(el => el.getBoundingClientRect().height)"
        )
        # Four labels, each at least 12 px high on the phone, none absurd on a wide screen.
        assert len(hoogtes) == 4 and all(12 <= h <= 40 for h in hoogtes), (breedte, hoogtes)
        controleer(page, wat=f"ward page with a map at {breedte} px")
        # The "on this page" links wrap on a phone: far enough apart to tap.
        assert doelgrootte_overtredingen(page) == [], breedte
        context.close()

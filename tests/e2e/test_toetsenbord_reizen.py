"""The resident's five journeys, each done twice in Chromium:

(a) with the keyboard alone: the focus is moved with Tab only (``tab_naar``, which also
    checks that every element it passes shows the focus), controls are used with Enter,
    Space, the arrow keys and typing; nothing is clicked or filled in by the test;
(b) with JavaScript switched off (clicks and filling in are fine there).

Journeys: signing up (with the email confirmation), submitting an initiative and a
bottleneck, following up what one submitted, withdrawing it, and downloading one's data.
Each ends with what the database holds, not only what the page says.
"""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse

from contacten.models import Gebruiker
from initiatieven import services
from initiatieven.keuzes import Soort, Status
from initiatieven.models import Onderwerp, Statuswijziging
from tests.e2e.hulp import bekijk, inloggen_met_toetsenbord, inloggen_via_omweg, tab_naar
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.wijken.factories import WijkFactory
from wijken.models import Buurt
from wijkportaal.mijngegevens import gegevens_van

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MIJN_INBRENG = reverse("initiatieven:mijn_inbreng")
NIEUW_WACHTWOORD = "herfst-in-de-wijk-2026"


@pytest.fixture
def wijk(db):
    wijk = WijkFactory(met_staf=True, code="WK999903", naam="Oost")
    Buurt.objects.create(code="BU99990301", naam="Molenwijk", wijk=wijk, cbs_wijkcode="WK999903")
    ThemaFactory(naam="Groen en spelen")
    ThemaFactory(naam="Verkeer en parkeren")
    return wijk


@pytest.fixture
def zonder_js(browser):
    """A page in a browser context with JavaScript switched off."""
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def toetsenbord(page):
    page.set_default_timeout(15_000)
    return page


def _focus_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def _bevestigingslink(email: str) -> str:
    berichten = [m for m in mail.outbox if m.to == [email]]
    assert len(berichten) == 1, [m.subject for m in mail.outbox]
    return re.search(r"https?://\S+/account/confirm-email/\S+/", berichten[0].body).group(0)


def _aangemeld_en_bevestigd(email: str, naam: str) -> Gebruiker:
    gebruiker = Gebruiker.objects.get(email=email)
    assert gebruiker.weergavenaam == naam
    assert gebruiker.rol == "bewoner"
    assert gebruiker.check_password(NIEUW_WACHTWOORD)
    assert EmailAddress.objects.get(user=gebruiker, email=email).verified
    assert gebruiker.last_login is not None  # signed in after confirming
    return gebruiker


# --- 1. Signing up --------------------------------------------------------------------------


def test_aanmelden_met_alleen_het_toetsenbord(toetsenbord, live_server):
    page = toetsenbord
    mail.outbox.clear()
    page.goto(live_server.url + "/")
    # The skip link comes first, and shows itself when it has the focus.
    tab_naar(page, ".skiplink", max=1)
    tab_naar(page, "a[href='/account/login/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/account/login/$"))
    tab_naar(page, "#link-aanmelden")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/account/signup/$"))
    bekijk(page, "signup")

    tab_naar(page, "#id_weergavenaam")
    page.keyboard.type("Noor van Dijk")
    page.keyboard.press("Tab")
    assert _focus_id(page) == "id_email"
    page.keyboard.type("noor.toetsen@example.test")
    page.keyboard.press("Tab")
    assert _focus_id(page) == "id_password1"
    page.keyboard.type(NIEUW_WACHTWOORD)
    page.keyboard.press("Tab")
    assert _focus_id(page) == "id_password2"
    page.keyboard.type(NIEUW_WACHTWOORD)
    tab_naar(page, "form[action='/account/signup/'] [type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/account/confirm-email/$"))
    bekijk(page, "verification sent")

    # The link in the email, as the mail program opens it.
    page.goto(_bevestigingslink("noor.toetsen@example.test"))
    bekijk(page, "confirm email")
    tab_naar(page, "form[action*='/account/confirm-email/'] [type=submit]")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"/account/login/"))
    tab_naar(page, "#id_login")
    page.keyboard.type("noor.toetsen@example.test")
    tab_naar(page, "#id_password")
    page.keyboard.type(NIEUW_WACHTWOORD)
    tab_naar(page, "form[action^='/account/login/'] [type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + "/")
    tab_naar(page, "form[action='/account/logout/'] [type=submit]")

    _aangemeld_en_bevestigd("noor.toetsen@example.test", "Noor van Dijk")


def test_aanmelden_zonder_javascript(zonder_js, live_server):
    page = zonder_js
    mail.outbox.clear()
    page.goto(live_server.url + reverse("account_signup"))
    page.fill("#id_weergavenaam", "Sem de Wit")
    page.fill("#id_email", "sem.zonderjs@example.test")
    page.fill("#id_password1", NIEUW_WACHTWOORD)
    page.fill("#id_password2", NIEUW_WACHTWOORD)
    page.click("form[action='/account/signup/'] [type=submit]")
    page.wait_for_url(re.compile(r"/account/confirm-email/$"))

    page.goto(_bevestigingslink("sem.zonderjs@example.test"))
    page.click("form[action*='/account/confirm-email/'] [type=submit]")
    page.wait_for_url(re.compile(r"/account/login/"))
    page.fill("#id_login", "sem.zonderjs@example.test")
    page.fill("#id_password", NIEUW_WACHTWOORD)
    page.click("form[action^='/account/login/'] [type=submit]")
    page.wait_for_url(live_server.url + "/")
    assert page.locator("form[action='/account/logout/']").count() == 1

    _aangemeld_en_bevestigd("sem.zonderjs@example.test", "Sem de Wit")


# --- 2. Submitting --------------------------------------------------------------------------

_PADEN = {
    Soort.INITIATIEF: reverse("initiatieven:initiatief_indienen"),
    Soort.KNELPUNT: reverse("initiatieven:knelpunt_melden"),
}


def _ingediend(bewoner, wijk, *, soort, titel, thema) -> Onderwerp:
    onderwerp = Onderwerp.objects.get(indiener=bewoner)
    assert onderwerp.soort == soort
    assert onderwerp.status == Status.INGEDIEND
    assert onderwerp.titel == titel
    assert onderwerp.thema.naam == thema
    assert onderwerp.wijk == wijk and onderwerp.buurt.naam == "Molenwijk"
    assert onderwerp.ingediend_op is not None
    return onderwerp


@pytest.mark.parametrize(
    ("soort", "thema"),
    [(Soort.INITIATIEF, "Groen en spelen"), (Soort.KNELPUNT, "Verkeer en parkeren")],
)
def test_indienen_met_alleen_het_toetsenbord(toetsenbord, live_server, wijk, soort, thema):
    page = toetsenbord
    bewoner = GebruikerFactory()
    pad = _PADEN[soort]
    inloggen_met_toetsenbord(page, live_server, bewoner, "/")
    # To the form through the main menu.
    # The link is in a group of the menu: open the group (Enter on its summary) first.
    tab_naar(page, f"nav .menugroep:has(a[href='{pad}']) summary")
    page.keyboard.press("Enter")
    tab_naar(page, f"nav a[href='{pad}']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(pad) + "$"))

    # The title is left empty at first, to come back to it through the error summary.
    tab_naar(page, "#id_titel")
    page.keyboard.press("Tab")
    page.keyboard.type("Een bankje om even uit te rusten, met uitzicht op het water.")
    page.keyboard.press("Tab")
    assert _focus_id(page) == "id_thema"
    page.keyboard.type(thema.split()[0])
    page.keyboard.press("Tab")
    assert _focus_id(page) == "id_buurt"
    # The arrow keys walk the options; the first real one is the only neighbourhood.
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.selectedOptions[0].text") == "Molenwijk"
    tab_naar(page, "#id_toon_naam")
    page.keyboard.press("Space")
    tab_naar(page, "#knop-indienen")
    page.keyboard.press("Enter")
    page.locator("#foutensamenvatting").wait_for()
    assert not Onderwerp.objects.exists()

    # The summary's link takes the focus to the field; the rest of the input is still there.
    tab_naar(page, "#foutensamenvatting a[href='#id_titel']")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'id_titel'")
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"
    page.keyboard.type("Bankje bij de vijver")
    tab_naar(page, "#knop-indienen")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/initiatieven/\d+/ontvangen/(#id_titel)?$"))
    bekijk(page, "confirmation")

    onderwerp = _ingediend(bewoner, wijk, soort=soort, titel="Bankje bij de vijver", thema=thema)
    assert onderwerp.toon_naam is True
    # From the confirmation on to "my contributions", still by keyboard.
    tab_naar(page, "#naar-mijn-inbreng")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(MIJN_INBRENG) + "$"))
    assert page.locator(f"#onderwerp-{onderwerp.pk} [data-status='ingediend']").count() == 1


@pytest.mark.parametrize(
    ("soort", "thema"),
    [(Soort.INITIATIEF, "Groen en spelen"), (Soort.KNELPUNT, "Verkeer en parkeren")],
)
def test_indienen_zonder_javascript(zonder_js, live_server, wijk, soort, thema):
    page = zonder_js
    bewoner = GebruikerFactory()
    pad = _PADEN[soort]
    inloggen_via_omweg(page, live_server, bewoner, pad)
    # First with a mistake: the form comes back with the error summary and all input.
    page.fill("#id_titel", "   ")
    page.fill("#id_beschrijving", "Een bankje om even uit te rusten.")
    page.select_option("#id_thema", label=thema)
    page.select_option("#id_buurt", label="Molenwijk")
    page.click("#knop-indienen")
    page.locator("#foutensamenvatting").wait_for()
    assert page.locator("#foutensamenvatting a[href='#id_titel']").count() == 1
    assert page.input_value("#id_beschrijving") == "Een bankje om even uit te rusten."
    assert not Onderwerp.objects.exists()
    # The summary's link brings you to the field.
    page.click("#foutensamenvatting a[href='#id_titel']")
    assert page.url.endswith("#id_titel")

    page.fill("#id_titel", "Bankje bij de vijver")
    page.click("#knop-indienen")
    # A redirect keeps the fragment the summary's link put in the address.
    page.wait_for_url(re.compile(r"/initiatieven/\d+/ontvangen/(#id_titel)?$"))
    _ingediend(bewoner, wijk, soort=soort, titel="Bankje bij de vijver", thema=thema)


# --- 3. Following up ------------------------------------------------------------------------


@pytest.fixture
def lopend(wijk):
    """A resident's item in handling, with a public step and a public answer of the advisor."""
    bewoner = GebruikerFactory()
    onderwerp = OnderwerpFactory(
        indiener=bewoner, wijk=wijk, status=Status.IN_BEHANDELING, titel="Speeltuin opknappen"
    )
    Statuswijziging.objects.create(
        onderwerp=onderwerp,
        van=Status.INGEDIEND,
        naar=Status.IN_BEHANDELING,
        door=wijk.wijkadviseur,
        publieke_toelichting="We kijken samen naar de toestellen.",
    )
    services.bericht_plaatsen(
        onderwerp=onderwerp,
        door=wijk.wijkadviseur,
        tekst="Kunt u aangeven welke toestellen kapot zijn?",
        openbaar=True,
    )
    return onderwerp


def _opvolging_klopt(page, onderwerp):
    """The item page shows the status the database holds, and the public timeline."""
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.IN_BEHANDELING
    assert page.locator("h1").inner_text() == onderwerp.titel
    assert page.locator("main [data-status]").first.get_attribute("data-status") == (
        onderwerp.status
    )
    tijdlijn = page.locator("#tijdlijn").inner_text()
    assert "We kijken samen naar de toestellen." in tijdlijn
    assert "Kunt u aangeven welke toestellen kapot zijn?" in tijdlijn


def test_opvolgen_met_alleen_het_toetsenbord(toetsenbord, live_server, lopend):
    page = toetsenbord
    inloggen_met_toetsenbord(page, live_server, lopend.indiener, "/")
    # The link is in a group of the menu: open the group (Enter on its summary) first.
    tab_naar(page, f"nav .menugroep:has(a[href='{MIJN_INBRENG}']) summary")
    page.keyboard.press("Enter")
    tab_naar(page, f"nav a[href='{MIJN_INBRENG}']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(MIJN_INBRENG) + "$"))

    # The timeline in "my contributions" folds open with Enter.
    tab_naar(page, f"#tijdlijn-{lopend.pk}")
    page.keyboard.press("Enter")
    assert page.locator(f"#onderwerp-{lopend.pk} details").get_attribute("open") is not None
    assert "Kunt u aangeven" in page.locator(f"#onderwerp-{lopend.pk} details").inner_text()
    bekijk(page, "my contributions, timeline open")

    tab_naar(page, f"#onderwerp-{lopend.pk} h3 a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(lopend.get_absolute_url()) + "$"))
    bekijk(page, "own item page")
    _opvolging_klopt(page, lopend)


def test_opvolgen_zonder_javascript(zonder_js, live_server, lopend):
    page = zonder_js
    inloggen_via_omweg(page, live_server, lopend.indiener, MIJN_INBRENG)
    # <details> opens without script.
    page.click(f"#tijdlijn-{lopend.pk}")
    assert page.locator(f"#onderwerp-{lopend.pk} details").get_attribute("open") is not None
    page.click(f"#onderwerp-{lopend.pk} h3 a")
    page.wait_for_url(re.compile(re.escape(lopend.get_absolute_url()) + "$"))
    _opvolging_klopt(page, lopend)


# --- 4. Withdrawing -------------------------------------------------------------------------


def _ingetrokken(onderwerp):
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.INGETROKKEN
    stap = Statuswijziging.objects.get(onderwerp=onderwerp, naar=Status.INGETROKKEN)
    assert stap.van == Status.INGEDIEND and stap.door == onderwerp.indiener


def test_intrekken_met_alleen_het_toetsenbord(toetsenbord, live_server, wijk):
    page = toetsenbord
    onderwerp = OnderwerpFactory(wijk=wijk, titel="Hondenveld")
    intrekken = reverse("initiatieven:intrekken", args=[onderwerp.pk])
    inloggen_met_toetsenbord(page, live_server, onderwerp.indiener, MIJN_INBRENG)

    tab_naar(page, f"a[href='{intrekken}']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(intrekken) + "$"))
    bekijk(page, "withdraw")
    # "No, go back" comes after the button: Shift+Tab returns to it.
    tab_naar(page, f"main form a[href='{MIJN_INBRENG}']")
    tab_naar(page, "#knop-intrekken", max=1, terug=True)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(MIJN_INBRENG) + "$"))
    assert page.locator(f"#onderwerp-{onderwerp.pk} [data-status='ingetrokken']").count() == 1
    _ingetrokken(onderwerp)


def test_intrekken_zonder_javascript(zonder_js, live_server, wijk):
    page = zonder_js
    onderwerp = OnderwerpFactory(wijk=wijk, titel="Hondenveld")
    intrekken = reverse("initiatieven:intrekken", args=[onderwerp.pk])
    inloggen_via_omweg(page, live_server, onderwerp.indiener, MIJN_INBRENG)
    page.click(f"a[href='{intrekken}']")
    page.wait_for_url(re.compile(re.escape(intrekken) + "$"))
    page.click("#knop-intrekken")
    page.wait_for_url(re.compile(re.escape(MIJN_INBRENG) + "$"))
    _ingetrokken(onderwerp)


# --- 5. Downloading one's data --------------------------------------------------------------


def _zoals_in_de_database(gebruiker) -> dict:
    return json.loads(json.dumps(gegevens_van(gebruiker), cls=DjangoJSONEncoder))


def _download_klopt(pad_json, bewoner, onderwerp):
    with open(pad_json, encoding="utf-8") as bestand:
        gegevens = json.load(bestand)
    assert gegevens["account"]["email"] == bewoner.email
    assert [o["id"] for o in gegevens["onderwerpen"]] == [onderwerp.pk]
    # What the database holds about the person (sessions move with every request).
    verwacht = _zoals_in_de_database(bewoner)
    assert gegevens.keys() == verwacht.keys()
    assert gegevens["onderwerpen"] == verwacht["onderwerpen"]
    assert gegevens["account"]["emailadressen"] == verwacht["account"]["emailadressen"]


@pytest.fixture
def met_inbreng(wijk):
    bewoner = GebruikerFactory(weergavenaam="Fatima de Vries")
    onderwerp = OnderwerpFactory(indiener=bewoner, wijk=wijk, titel="Bankjes bij de vijver")
    return bewoner, onderwerp


def test_gegevens_downloaden_met_alleen_het_toetsenbord(toetsenbord, live_server, met_inbreng):
    page = toetsenbord
    bewoner, onderwerp = met_inbreng
    overzicht = reverse("mijngegevens:overzicht")
    inloggen_met_toetsenbord(page, live_server, bewoner, "/")
    tab_naar(page, f"header a[href='{overzicht}']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(overzicht) + "$"))

    tab_naar(page, "#download-json")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    _download_klopt(download.value.path(), bewoner, onderwerp)

    tab_naar(page, "#download-html")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"formaat=html"))
    bekijk(page, "my data, printable")
    assert "Fatima de Vries" in page.locator("h1").inner_text()
    assert "Bankjes bij de vijver" in page.locator("main").inner_text()


def test_gegevens_downloaden_zonder_javascript(zonder_js, live_server, met_inbreng):
    page = zonder_js
    bewoner, onderwerp = met_inbreng
    inloggen_via_omweg(page, live_server, bewoner, reverse("mijngegevens:overzicht"))
    with page.expect_download() as download:
        page.click("#download-json")
    _download_klopt(download.value.path(), bewoner, onderwerp)
    page.click("#download-html")
    page.wait_for_url(re.compile(r"formaat=html"))
    assert "Bankjes bij de vijver" in page.locator("main").inner_text()

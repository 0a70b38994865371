"""Meedenken tried by the roles test_meedenken.py does not cover, in headless Chromium:

1. the ward alderman asks a question and publishes it, keyboard only (the ward's
   followers get an email);
2. a group's contact person responds on behalf of the group and changes the response,
   keyboard only, and once more without JavaScript; the public page names the group;
3. a resident registers for the ward meeting, keyboard only, until it is full;
4. the griffie reads the responses (no screening), the college overview shows overdue
   feedback;
5. the "new question" form on a 390 px wide phone, without scrolling sideways.

Keyboard only means: the focus moves with Tab (``tab_naar``, which also checks every
element it passes shows the focus) and controls are used with Enter, Space, the arrow
keys and typing. axe-core checks every page visited.
"""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meedenken.models import Aanmelding, Beoordeling, Inbreng, Meedenkvraag, Staat
from tests.e2e.hulp import bekijk, inloggen_met_sessie, inloggen_met_toetsenbord, tab_naar
from tests.factories import WACHTWOORD, GebruikerFactory
from tests.initiatieven.factories import ThemaFactory
from tests.meedenken.factories import (
    BijeenkomstFactory,
    InbrengFactory,
    MeedenkvraagFactory,
)
from tests.wijken.factories import BewonersgroepFactory, WijkFactory
from wijken.models import Volger

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LIJST = reverse("meedenken:lijst")
NIEUW = reverse("meedenken:nieuw")


@pytest.fixture
def context(browser):
    """A Dutch browser context with JavaScript (axe-core needs it)."""
    context = browser.new_context(locale="nl-NL")
    yield context
    context.close()


@pytest.fixture
def toetsenbord(context):
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def zonder_js(browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _menu_naar(page, href: str) -> None:
    """Open the menu group holding ``href`` (Enter on its summary) and follow the link."""
    tab_naar(page, f"nav .menugroep:has(a[href='{href}']) summary")
    page.keyboard.press("Enter")
    tab_naar(page, f"nav a[href='{href}']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(href) + r"(\?.*)?$"))


def _typ_moment(page, veld: str, moment: datetime.datetime) -> None:
    """Type a date and time into a datetime-local field, segment by segment as headless
    Chromium shows it (its own language, not the page's: mm/dd/yyyy, hh:mm AM/PM). A full
    month or day moves on to the next segment by itself; the year takes up to six
    digits, so Tab moves on from it."""
    tab_naar(page, veld)
    lokaal = timezone.localtime(moment)
    page.keyboard.type(lokaal.strftime("%m%d%Y"))
    page.keyboard.press("Tab")
    page.keyboard.type(lokaal.strftime("%I%M") + lokaal.strftime("%p")[0])
    assert page.input_value(veld) == lokaal.strftime("%Y-%m-%dT%H:%M")


def _typ_datum(page, veld: str, datum: datetime.date) -> None:
    tab_naar(page, veld)
    page.keyboard.type(datum.strftime("%m%d%Y"))
    assert page.input_value(veld) == datum.isoformat()


# --- 1. The ward alderman asks a question ---------------------------------------------------


def test_wethouder_stelt_een_vraag_met_alleen_het_toetsenbord(toetsenbord, live_server, settings):
    settings.PORTAAL_URL = live_server.url
    page = toetsenbord
    wijk = WijkFactory(met_staf=True, naam="Molenwijk")
    WijkFactory(met_staf=True, naam="Havenkwartier")  # not the alderman's: not offered
    ThemaFactory(naam="Groen en spelen")
    ThemaFactory(naam="Verkeer en parkeren")
    wethouder = wijk.wijkwethouder
    volger = GebruikerFactory(email="volger@example.test")
    Volger.objects.create(gebruiker=volger, wijk=wijk, frequentie="direct")

    inloggen_met_toetsenbord(page, live_server, wethouder)
    _menu_naar(page, LIJST)
    bekijk(page, "question list, alderman")
    tab_naar(page, "#vraag-nieuw")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + NIEUW)
    bekijk(page, "new question form")
    # The alderman's one ward is already chosen; others are not offered.
    assert page.locator("input[name=wijken]").count() == 1
    expect(page.locator("input[name=wijken]")).to_be_checked()

    tab_naar(page, "#id_titel")
    page.keyboard.type("Waar komt de nieuwe speeltuin?")
    tab_naar(page, "#id_vraag")
    page.keyboard.type("Welke plek vind je het beste voor de speeltuin?")
    tab_naar(page, "#id_achtergrond")
    page.keyboard.type("Er is geld voor één speeltuin.\nDe plek is nog open.")
    tab_naar(page, "#id_thema")
    page.keyboard.type("Groen")
    expect(page.locator("#id_thema option:checked")).to_have_text("Groen en spelen")
    open_vanaf = timezone.now().replace(second=0, microsecond=0) - datetime.timedelta(minutes=5)
    sluit_op = open_vanaf + datetime.timedelta(days=21)
    terugkoppeling_voor = timezone.localdate() + datetime.timedelta(days=60)
    _typ_moment(page, "#id_open_vanaf", open_vanaf)
    _typ_moment(page, "#id_sluit_op", sluit_op)
    _typ_datum(page, "#id_terugkoppeling_voor", terugkoppeling_voor)
    tab_naar(page, "#id_opties")
    page.keyboard.type("Bij de school\nIn het park")
    tab_naar(page, "#id_reacties_openbaar")
    page.keyboard.press("Space")
    tab_naar(page, "form.formulier button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/meedenken/\d+/$"))
    bekijk(page, "draft question")

    vraag = Meedenkvraag.objects.get()
    assert vraag.gepubliceerd_op is None and vraag.gesteld_door == wethouder
    assert vraag.titel == "Waar komt de nieuwe speeltuin?"
    assert vraag.thema.naam == "Groen en spelen"
    assert list(vraag.wijken.all()) == [wijk]
    assert [o.tekst for o in vraag.opties.order_by("volgorde")] == ["Bij de school", "In het park"]
    assert vraag.open_vanaf == open_vanaf and vraag.sluit_op == sluit_op
    assert vraag.terugkoppeling_voor == terugkoppeling_voor
    assert vraag.open_reacties and vraag.reacties_openbaar

    mail.outbox.clear()
    tab_naar(page, "#vraag-publiceren")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#vraag-gegevens")).to_have_attribute("data-staat", Staat.OPEN)
    bekijk(page, "published question")
    vraag.refresh_from_db()
    assert vraag.gepubliceerd_op is not None
    berichten = [m for m in mail.outbox if volger.email in m.to]
    assert len(berichten) == 1, [m.subject for m in mail.outbox]
    assert "Waar komt de nieuwe speeltuin?" in berichten[0].body
    assert not [m for m in mail.outbox if wethouder.email in m.to]


# --- 2. A group's contact person responds on behalf of the group ----------------------------


@pytest.fixture
def groepsvraag(db):
    """An open question with public responses and two options, and a resident who is the
    contact person of a group in its ward."""
    wijk = WijkFactory(met_staf=True, naam="Molenwijk")
    vraag = MeedenkvraagFactory(
        wijken=[wijk],
        titel="Hoe richten we het Molenplein in?",
        reacties_openbaar=True,
        opties=["Meer groen", "Een speelplek"],
    )
    contact = GebruikerFactory(weergavenaam="Gerrit Groepscontact", email="gerrit@example.test")
    groep = BewonersgroepFactory(
        wijk=wijk, naam="Buurtvereniging De Molen", contactpersonen=[contact]
    )
    return vraag, contact, groep


def _groepsinbreng_klopt(vraag, contact, groep, tekst: str, keuze: str) -> Inbreng:
    inbreng = Inbreng.objects.get(vraag=vraag)
    assert inbreng.gebruiker == contact and inbreng.groep == groep
    assert inbreng.tekst == tekst
    assert [k.tekst for k in inbreng.keuzes.all()] == [keuze]
    return inbreng


def _publiek_toont_de_groep(browser, live_server, vraag, inbreng, tekst: str) -> None:
    """After screening, the public page names the group, never the person."""
    inbreng.beoordeling = Beoordeling.OPENBAAR
    inbreng.save(update_fields=["beoordeling"])
    publiek = browser.new_context(locale="nl-NL")
    page = publiek.new_page()
    page.goto(live_server.url + vraag.get_absolute_url())
    bekijk(page, "public question page with the group's response")
    reactie = page.locator(f"#reactie-{inbreng.pk}")
    expect(reactie).to_contain_text(tekst)
    expect(reactie).to_contain_text("Buurtvereniging De Molen")
    assert "Gerrit" not in page.content()
    publiek.close()


def test_groepscontact_reageert_namens_de_groep_met_alleen_het_toetsenbord(
    toetsenbord, browser, live_server, groepsvraag
):
    page = toetsenbord
    vraag, contact, groep = groepsvraag
    inloggen_met_toetsenbord(page, live_server, contact)
    _menu_naar(page, LIJST)
    bekijk(page, "question list, resident")
    tab_naar(page, f"#meedenkvraag-{vraag.pk} h3 a")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + vraag.get_absolute_url())
    bekijk(page, "open question, group contact")
    tab_naar(page, "#reageren")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/reageren/$"))
    bekijk(page, "respond form with the group choice")

    tab_naar(page, "#id_tekst")
    page.keyboard.type("Onze leden willen vooral bomen.")
    # A radio group: Tab reaches it once, Space chooses, the arrow keys move the choice.
    tab_naar(page, "input[name=keuzes]")
    page.keyboard.press("Space")
    expect(page.locator("input[name=keuzes]").first).to_be_checked()
    tab_naar(page, "input[name=namens]")
    expect(page.locator("input[name=namens][value='']")).to_be_checked()
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"input[name=namens][value='{groep.pk}']")).to_be_checked()
    tab_naar(page, "form.formulier button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(vraag.get_absolute_url()) + "(#eigen-inbreng)?$"))
    expect(page.locator("#eigen-tekst")).to_contain_text("Onze leden willen vooral bomen.")
    bekijk(page, "question after responding for the group")
    _groepsinbreng_klopt(vraag, contact, groep, "Onze leden willen vooral bomen.", "Meer groen")

    # Changing it before closing: the form comes back filled in, for the group.
    tab_naar(page, "#reageren")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/reageren/$"))
    bekijk(page, "respond form, changing")
    expect(page.locator(f"input[name=namens][value='{groep.pk}']")).to_be_checked()
    tab_naar(page, "#id_tekst")
    page.keyboard.press("End")
    page.keyboard.type(" En een speelplek voor de kleintjes.")
    tab_naar(page, "input[name=keuzes]")
    page.keyboard.press("ArrowDown")
    expect(page.locator("input[name=keuzes]").nth(1)).to_be_checked()
    tab_naar(page, "form.formulier button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(vraag.get_absolute_url()) + "(#eigen-inbreng)?$"))
    bekijk(page, "question after changing the response")
    tekst = "Onze leden willen vooral bomen. En een speelplek voor de kleintjes."
    inbreng = _groepsinbreng_klopt(vraag, contact, groep, tekst, "Een speelplek")
    assert Inbreng.objects.count() == 1
    _publiek_toont_de_groep(browser, live_server, vraag, inbreng, tekst)


def test_groepscontact_reageert_namens_de_groep_zonder_javascript(
    zonder_js, browser, live_server, groepsvraag
):
    page = zonder_js
    vraag, contact, groep = groepsvraag
    page.goto(live_server.url + reverse("meedenken:reageren", kwargs={"pk": vraag.pk}))
    page.wait_for_url(re.compile(r"/account/login/\?next="))
    page.fill("#id_login", contact.email)
    page.fill("#id_password", WACHTWOORD)
    page.click("form[action^='/account/login/'] [type=submit]")
    page.wait_for_url(re.compile(r"/reageren/$"))
    page.fill("#id_tekst", "Onze leden willen vooral bomen.")
    page.check("input[name=keuzes] >> nth=0")
    page.check(f"input[name=namens][value='{groep.pk}']")
    page.click("form.formulier button[type=submit]")
    page.wait_for_url(re.compile(re.escape(vraag.get_absolute_url()) + "(#eigen-inbreng)?$"))
    _groepsinbreng_klopt(vraag, contact, groep, "Onze leden willen vooral bomen.", "Meer groen")

    page.click("#reageren")
    page.wait_for_url(re.compile(r"/reageren/$"))
    assert page.is_checked(f"input[name=namens][value='{groep.pk}']")
    page.fill("#id_tekst", "Liever een speelplek.")
    page.check("input[name=keuzes] >> nth=1")
    page.click("form.formulier button[type=submit]")
    page.wait_for_url(re.compile(re.escape(vraag.get_absolute_url()) + "(#eigen-inbreng)?$"))
    expect(page.locator("#eigen-tekst")).to_contain_text("Liever een speelplek.")
    inbreng = _groepsinbreng_klopt(vraag, contact, groep, "Liever een speelplek.", "Een speelplek")
    # axe-core needs JavaScript: the pages of this journey again, in a context with it.
    met_js = browser.new_context(locale="nl-NL")
    inloggen_met_sessie(met_js, live_server, contact)
    axe = met_js.new_page()
    for pad, wat in [
        (reverse("meedenken:reageren", kwargs={"pk": vraag.pk}), "respond form, changing"),
        (vraag.get_absolute_url(), "question page after responding"),
    ]:
        axe.goto(live_server.url + pad)
        bekijk(axe, wat)
    met_js.close()
    _publiek_toont_de_groep(browser, live_server, vraag, inbreng, "Liever een speelplek.")


# --- 3. A resident registers for the ward meeting -------------------------------------------


def test_bewoner_meldt_zich_aan_voor_de_bijeenkomst_met_alleen_het_toetsenbord(
    toetsenbord, browser, live_server
):
    page = toetsenbord
    vraag = MeedenkvraagFactory(titel="Hoe richten we het Molenplein in?")
    bijeenkomst = BijeenkomstFactory(vraag=vraag, max_deelnemers=1)
    bewoner = GebruikerFactory(weergavenaam="Bea Bewoner")
    inloggen_met_toetsenbord(page, live_server, bewoner, vraag.get_absolute_url())
    bekijk(page, "question with a ward meeting")
    expect(page.locator("#plaatsen")).to_contain_text("0")
    tab_naar(page, "#aanmelden")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(vraag.get_absolute_url()) + "(#bijeenkomst)?$"))
    expect(page.locator("#aangemeld")).to_be_visible()
    expect(page.locator("#plaatsen")).to_contain_text("1")
    bekijk(page, "registered for the meeting")
    assert list(Aanmelding.objects.values_list("bijeenkomst", "gebruiker")) == [
        (bijeenkomst.pk, bewoner.pk)
    ]

    # The next one finds it full: no button, the page says so.
    volgende = GebruikerFactory()
    context = browser.new_context(locale="nl-NL")
    inloggen_met_sessie(context, live_server, volgende)
    tweede = context.new_page()
    tweede.goto(live_server.url + vraag.get_absolute_url())
    bekijk(tweede, "question whose meeting is full")
    expect(tweede.locator("#aanmelden")).to_have_count(0)
    expect(tweede.locator("#bijeenkomst")).to_contain_text("vol")
    context.close()
    assert Aanmelding.objects.count() == 1


# --- 4. The griffie and the college read ----------------------------------------------------


def test_griffie_leest_alle_inbreng_zonder_te_beoordelen(toetsenbord, live_server):
    page = toetsenbord
    vraag = MeedenkvraagFactory(
        titel="Hoe richten we het Molenplein in?",
        reacties_openbaar=True,
        opties=["Meer groen", "Een speelplek"],
    )
    inbreng = InbrengFactory(vraag=vraag, tekst="Nog niet beoordeeld: meer bankjes.")
    inbreng.keuzes.set([vraag.opties.get(tekst="Meer groen")])
    griffier = GebruikerFactory(griffie=True, tweede_factor=True)

    inloggen_met_toetsenbord(page, live_server, griffier)
    _menu_naar(page, LIJST)
    bekijk(page, "question list, griffie")
    tab_naar(page, f"#meedenkvraag-{vraag.pk} h3 a")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + vraag.get_absolute_url())
    bekijk(page, "question page, griffie")
    # Reading, not managing: no part for who manages the question.
    expect(page.locator("#beheer")).to_have_count(0)
    # The response is not public yet: not on the question page, but in the full list.
    expect(page.locator(f"#reactie-{inbreng.pk}")).to_have_count(0)
    tab_naar(page, "#intern-inbreng a")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("meedenken:inbreng", kwargs={"pk": vraag.pk}))
    bekijk(page, "every response, griffie")
    rij = page.locator(f"#inbreng-{inbreng.pk}")
    expect(rij).to_contain_text("Nog niet beoordeeld: meer bankjes.")
    expect(rij).to_contain_text("Meer groen")
    expect(rij).to_have_attribute("data-beoordeling", Beoordeling.TE_BEOORDELEN)
    expect(page.locator("#inbreng-lijst form, #inbreng-lijst button")).to_have_count(0)


def test_collegeoverzicht_toont_te_late_terugkoppeling(toetsenbord, live_server):
    page = toetsenbord
    wijk = WijkFactory(met_staf=True, naam="Molenwijk")
    op_tijd = WijkFactory(met_staf=True, naam="Havenkwartier")
    vraag = MeedenkvraagFactory(wijken=[wijk], titel="Waar komt de speeltuin?", opties=["Ja"])
    # Closed too, its feedback promised a month later: not overdue on the day below.
    MeedenkvraagFactory(
        wijken=[op_tijd],
        gesloten=True,
        terugkoppeling_voor=vraag.terugkoppeling_voor + datetime.timedelta(days=30),
    )
    collegelid = GebruikerFactory(collegelid=True, tweede_factor=True)
    # The feedback date passes: a day after it, the question is overdue.
    moment = datetime.datetime.combine(
        vraag.terugkoppeling_voor + datetime.timedelta(days=1),
        datetime.time(10),
        tzinfo=timezone.get_current_timezone(),
    )
    with time_machine.travel(moment, tick=True):
        assert Meedenkvraag.objects.terugkoppeling_te_laat().get() == vraag
        inloggen_met_toetsenbord(page, live_server, collegelid)
        _menu_naar(page, reverse("collegeoverzicht"))
        bekijk(page, "college overview")
        te_laat = page.locator(f"#meedenken-{wijk.code} td").nth(2)
        expect(te_laat).to_have_text("1")
        expect(te_laat).to_have_class(re.compile(r"text-danger"))
        expect(page.locator(f"#meedenken-{op_tijd.code} td").nth(2)).to_have_text("0")
        # The ward's link leads to its questions; the overdue one says it is late.
        tab_naar(page, f"#meedenken-{wijk.code} th a")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/meedenken/\?wijk="))
        bekijk(page, "questions of the ward, college")
        expect(page.locator(f"#meedenkvraag-{vraag.pk}")).to_have_attribute(
            "data-staat", Staat.TE_LAAT
        )
        tab_naar(page, f"#meedenkvraag-{vraag.pk} h3 a")
        page.keyboard.press("Enter")
        page.wait_for_url(live_server.url + vraag.get_absolute_url())
        bekijk(page, "overdue question, college")
        expect(page.locator("#terugkoppeling-te-laat")).to_be_visible()


# --- 5. The "new question" form on a phone --------------------------------------------------


def test_nieuwe_vraag_op_een_telefoon(browser, live_server):
    wijk = WijkFactory(met_staf=True, naam="Een wijk met een heel lange naam aan de rivier")
    ThemaFactory(naam="Groen en spelen")
    # With JavaScript on for axe-core; the form itself needs none.
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    inloggen_met_sessie(context, live_server, wijk.wijkwethouder)
    page = context.new_page()
    page.goto(live_server.url + LIJST)
    bekijk(page, "question list at 390 px")
    page.goto(live_server.url + NIEUW)
    bekijk(page, "new question form at 390 px")
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 390, breedte
    # With its mistakes too: the error summary above the fields.
    page.click("form.formulier button[type=submit]")
    page.wait_for_load_state()
    bekijk(page, "new question form with errors at 390 px")
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 390, breedte
    context.close()

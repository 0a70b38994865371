"""Whole journeys in the browser, as the issue asks for them:

1. An initiative from submission through screening, advisor actions, escalation to the
   alderman and back, to afgerond.
2. A bottleneck to "not possible yet" and, when its revisit date has come, back.

At each step: what the resident sees (their item page, "Mijn inbreng") and receives
(email), and what the public sees. Three people, three browser contexts.
"""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from initiatieven.keuzes import RolGemeente, Status
from initiatieven.models import Onderwerp
from tests.e2e.hulp import bekijk, inloggen
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import ThemaFactory
from tests.wijken.factories import WijkFactory
from wijken.models import Buurt

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def wijk(db):
    wijk = WijkFactory(met_staf=True, code="WK999902", naam="Noord")
    Buurt.objects.create(code="BU99990201", naam="Molenwijk", wijk=wijk, cbs_wijkcode="WK999902")
    ThemaFactory(naam="Groen en spelen")
    ThemaFactory(naam="Verkeer en parkeren")
    return wijk


def _mails_aan(adres: str) -> list:
    return [m for m in mail.outbox if adres in m.to]


def _indienen(page, live_server, pad, *, titel, beschrijving, thema):
    page.goto(live_server.url + pad)
    bekijk(page, f"form {pad}")
    page.fill("#id_titel", titel)
    page.fill("#id_beschrijving", beschrijving)
    page.select_option("#id_thema", label=thema)
    page.select_option("#id_buurt", label="Molenwijk")
    page.locator("#knop-indienen").click()
    page.wait_for_url(re.compile(r"/initiatieven/\d+/ontvangen/$"))
    bekijk(page, "confirmation")
    return Onderwerp.objects.get(titel=titel)


def _stap(page, code: str, **velden):
    """Choose a workflow step on the triage page (its fields open), fill them and press
    its button."""
    if velden:
        with page.expect_navigation():
            page.locator(f"#stap-{code} button[data-kies]").click()
    for veld, waarde in velden.items():
        page.fill(f"#stap-{code}-{veld}", waarde)
    with page.expect_navigation():
        page.locator(f"#stap-{code} button[data-naar]").click()
    page.wait_for_load_state()


def _publiek_ziet(browser, live_server, onderwerp) -> str:
    anoniem = browser.new_page(locale="nl-NL")
    response = anoniem.goto(live_server.url + onderwerp.get_absolute_url())
    tekst = anoniem.content() if response.status == 200 else ""
    if response.status == 200:
        bekijk(anoniem, f"public item page {onderwerp.status}")
    anoniem.close()
    return tekst if response.status == 200 else f"HTTP {response.status}"


def test_initiatief_van_indienen_tot_afgerond(browser, live_server, wijk):
    bewoner = GebruikerFactory(email="fatima.reis@voorbeeld.test", weergavenaam="Fatima Reis")
    adviseur, wethouder = wijk.wijkadviseur, wijk.wijkwethouder
    mail.outbox.clear()

    # The resident submits an initiative.
    ik = browser.new_page(locale="nl-NL")
    inloggen(ik, live_server, bewoner)
    onderwerp = _indienen(
        ik,
        live_server,
        reverse("initiatieven:initiatief_indienen"),
        titel="Moestuin bij speeltuin De Molen",
        beschrijving="Met een paar buren willen we een moestuin beginnen naast de speeltuin.",
        thema="Groen en spelen",
    )
    assert onderwerp.status == Status.INGEDIEND and onderwerp.wijk == wijk
    assert len(_mails_aan(bewoner.email)) == 1  # confirmation
    assert len(_mails_aan(adviseur.email)) == 1  # new item in their ward
    # Not public before screening.
    assert _publiek_ziet(browser, live_server, onderwerp) == "HTTP 404"

    # The advisor screens, records the role, adds an action, takes it into handling.
    adv = browser.new_page(locale="nl-NL")
    inloggen(adv, live_server, adviseur)
    adv.goto(live_server.url + reverse("initiatieven:werkvoorraad"))
    bekijk(adv, "work queue")
    adv.locator(f"#rij-{onderwerp.pk} a").first.click()
    adv.wait_for_url(re.compile(rf"/initiatieven/{onderwerp.pk}/triage/$"))
    adv.locator("#screenen-openbaar_0").check()
    adv.locator("#screenen-form button[type=submit]").click()
    adv.wait_for_load_state()
    adv.locator(f"#rol-form input[value='{RolGemeente.SAMEN_UITVOEREN}']").check()
    adv.fill("#rol-rol_toelichting", "De gemeente levert grond en een watertappunt.")
    adv.locator("#rol-form button[type=submit]").click()
    adv.wait_for_load_state()
    adv.fill("#actie-omschrijving", "Watertappunt aanvragen")
    adv.fill("#actie-eigenaar", "Wijkadviseur")
    adv.locator("#actie-form button[type=submit]").click()
    adv.wait_for_load_state()
    _stap(adv, "in_behandeling_nemen")
    bekijk(adv, "triage in handling")
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.IN_BEHANDELING and onderwerp.openbaar
    # Screened and published, the municipality's role, taken into handling: each told.
    onderwerpen = [m.subject for m in _mails_aan(bewoner.email)]
    assert len(onderwerpen) == 4, onderwerpen
    publiek = _publiek_ziet(browser, live_server, onderwerp)
    assert "Moestuin bij speeltuin De Molen" in publiek
    assert "De gemeente levert grond en een watertappunt." in publiek
    assert bewoner.email not in publiek

    # Escalation to the alderman, with the advisor's advice.
    _stap(adv, "escaleren", advies="Steunen: veel draagvlak, maar de grond is van de gemeente.")
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.BIJ_WIJKWETHOUDER
    assert len(_mails_aan(wethouder.email)) == 1
    assert len(_mails_aan(bewoner.email)) == 5

    # The alderman sends it back with a direction.
    weth = browser.new_page(locale="nl-NL")
    inloggen(weth, live_server, wethouder)
    weth.goto(live_server.url + reverse("initiatieven:wethouder"))
    bekijk(weth, "alderman's list")
    weth.locator(f"#onderwerp-{onderwerp.pk} h2 a").click()
    weth.wait_for_url(re.compile(rf"/initiatieven/{onderwerp.pk}/triage/"))
    _stap(weth, "terug_naar_adviseur", notitie="Akkoord: grond in bruikleen voor vijf jaar.")
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.IN_BEHANDELING

    # The advisor carries it out and completes it with a public result.
    adv.goto(live_server.url + reverse("initiatieven:triage", args=[onderwerp.pk]))
    _stap(
        adv, "uitvoeren", toelichting="De grond is in bruikleen gegeven; de tuin wordt aangelegd."
    )
    _stap(
        adv, "afronden", resultaat="De moestuin is aangelegd en wordt door twaalf buren verzorgd."
    )
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.AFGEROND
    laatste = _mails_aan(bewoner.email)[-1]
    assert "De moestuin is aangelegd" in laatste.body

    # What the resident sees: the whole public timeline on their item page and the status
    # in "Mijn inbreng"; the alderman's internal direction is not on it.
    ik.goto(live_server.url + onderwerp.get_absolute_url())
    bekijk(ik, "item page submitter completed")
    tijdlijn = ik.locator("#tijdlijn").inner_text()
    assert "De grond is in bruikleen gegeven" in tijdlijn
    assert "Akkoord: grond in bruikleen" not in ik.content()
    assert ik.locator(".tijdlijn-regel").count() >= 6
    ik.goto(live_server.url + reverse("initiatieven:mijn_inbreng"))
    bekijk(ik, "my contributions")
    assert onderwerp.get_absolute_url() in ik.content()
    publiek = _publiek_ziet(browser, live_server, onderwerp)
    assert "De moestuin is aangelegd en wordt door twaalf buren verzorgd." in publiek


def test_knelpunt_nog_niet_mogelijk_en_terug(browser, live_server, wijk):
    bewoner = GebruikerFactory(email="daan.reis@voorbeeld.test")
    adviseur = wijk.wijkadviseur
    mail.outbox.clear()

    ik = browser.new_page(locale="nl-NL")
    inloggen(ik, live_server, bewoner)
    onderwerp = _indienen(
        ik,
        live_server,
        reverse("initiatieven:knelpunt_melden"),
        titel="Gevaarlijke oversteek bij de school",
        beschrijving="Bij de Merelschool steken kinderen over tussen geparkeerde auto's.",
        thema="Verkeer en parkeren",
    )
    assert onderwerp.soort == "knelpunt"

    adv = browser.new_page(locale="nl-NL")
    inloggen(adv, live_server, adviseur)
    adv.goto(live_server.url + reverse("initiatieven:triage", args=[onderwerp.pk]))
    adv.locator("#screenen-openbaar_0").check()
    adv.locator("#screenen-form button[type=submit]").click()
    adv.wait_for_load_state()
    _stap(adv, "in_behandeling_nemen")
    over_een_maand = timezone.localdate() + datetime.timedelta(days=30)
    _stap(
        adv,
        "nog_niet_mogelijk",
        toelichting="De straat wordt volgend jaar heringericht; dan komt er een zebrapad.",
        herbezien_op=over_een_maand.isoformat(),
    )
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.NOG_NIET_MOGELIJK
    assert onderwerp.herbezien_op == over_een_maand
    bericht = _mails_aan(bewoner.email)[-1]
    assert "volgend jaar heringericht" in bericht.body

    ik.goto(live_server.url + onderwerp.get_absolute_url())
    bekijk(ik, "item page not possible yet")
    assert ik.locator("#herbezien-op").get_attribute("datetime") == over_een_maand.isoformat()

    # Not yet due: not on the revisit list. Once the date has come, it is.
    adv.goto(live_server.url + reverse("initiatieven:herbezien"))
    assert adv.locator(f"#onderwerp-{onderwerp.pk}").count() == 0
    Onderwerp.objects.filter(pk=onderwerp.pk).update(herbezien_op=timezone.localdate())
    adv.goto(live_server.url + reverse("initiatieven:herbezien"))
    bekijk(adv, "revisit list")
    adv.locator(f"#onderwerp-{onderwerp.pk} button[type=submit]").click()
    adv.wait_for_url(re.compile(rf"/initiatieven/{onderwerp.pk}/triage/"))
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.IN_BEHANDELING
    assert onderwerp.herbezien_op is None

    ik.goto(live_server.url + reverse("initiatieven:mijn_inbreng"))
    bekijk(ik, "my contributions after revisit")
    # Received, screened and published, in handling, not possible yet, in handling again.
    assert len(_mails_aan(bewoner.email)) == 5, [m.subject for m in _mails_aan(bewoner.email)]


def test_opbouwwerker_en_college_zien_de_behandelpagina(browser, live_server, wijk):
    from tests.initiatieven.factories import OnderwerpFactory

    onderwerp = OnderwerpFactory(wijk=wijk, status=Status.IN_BEHANDELING, openbaar=True)
    triage = live_server.url + reverse("initiatieven:triage", args=[onderwerp.pk])

    opbouw = browser.new_page(locale="nl-NL")
    inloggen(opbouw, live_server, wijk.opbouwwerker)
    opbouw.goto(live_server.url + reverse("initiatieven:werkvoorraad"))
    assert opbouw.locator(f"#rij-{onderwerp.pk}").count() == 1
    bekijk(opbouw, "work queue community worker")
    opbouw.goto(triage)
    bekijk(opbouw, "triage community worker")
    # Notes and actions, but no workflow step and no screening for the community worker.
    assert opbouw.locator("#actie-form").count() == 1
    assert opbouw.locator("#workflow button[data-naar]").count() == 0
    assert opbouw.locator("#screenen-form").count() == 0

    college = browser.new_page(locale="nl-NL")
    inloggen(college, live_server, GebruikerFactory(collegelid=True, tweede_factor=True))
    college.goto(triage)
    bekijk(college, "triage college read-only")
    assert college.locator("main form[method=post]").count() == 0

"""The alderman, the griffie and the agenda as they see it in the browser (issue 14, points
16, 17, 18, 20 and 21): a returned proposal keeps the advisor's advice and shows the
reason, a proposal is not yet "on the agenda", an item's card opens the proposal form with
that item chosen, the dashboard tiles do not overlap and count in words, and a meeting
marked held makes its items decidable at once."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatieven import agenda
from initiatieven.keuzes import Status
from tests.a11y import controleer
from tests.contacten.factories import VergaderingFactory
from tests.e2e.hulp import inloggen_met_sessie
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import WijkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ADVIES = "Ik adviseer dit te steunen: veel draagvlak in de buurt."
REDEN = "Hierover loopt al een gemeentebreed verkeersplan."


def _bekijk(page, url, wat):
    page.goto(url)
    controleer(page, wat)


@pytest.fixture
def opzet(db):
    wijk = WijkFactory(met_staf=True, naam="Noord")
    onderwerp = OnderwerpFactory(
        status=Status.BIJ_WIJKWETHOUDER,
        wijk=wijk,
        openbaar_=True,
        titel="Gevaarlijke oversteek Koolmeesweg",
        advies_wethouder=ADVIES,
    )
    return {
        "wijk": wijk,
        "onderwerp": onderwerp,
        "griffie": GebruikerFactory(griffie=True, tweede_factor=True),
        "college": VergaderingFactory(),
    }


def _voorstellen(opzet):
    return agenda.agenda_voorstellen(
        door=opzet["wijk"].wijkwethouder,
        onderwerpen=[opzet["onderwerp"]],
        vergadering=opzet["college"],
        titel="Oversteek Koolmeesweg",
        toelichting="Graag bespreken in het college.",
    )


def test_teruggegeven_voorstel_houdt_het_advies_en_toont_de_reden(page, live_server, opzet):
    """Point 16: the griffie returns the proposal; the alderman's list still shows the
    advisor's advice, and why the proposal came back."""
    punt = _voorstellen(opzet)
    agenda.voorstel_teruggeven(agendapunt=punt, door=opzet["griffie"], reden=REDEN)
    onderwerp = opzet["onderwerp"]
    onderwerp.refresh_from_db()
    assert onderwerp.advies_wethouder == ADVIES

    inloggen_met_sessie(page.context, live_server, opzet["wijk"].wijkwethouder)
    _bekijk(page, live_server.url + reverse("initiatieven:wethouder"), "returned proposal")
    kaart = page.locator(f"#onderwerp-{onderwerp.pk}")
    assert ADVIES in kaart.inner_text()
    assert REDEN in kaart.locator(".teruggave-reden").inner_text()

    # The ward dashboard's "waiting for the alderman" shows both too.
    _bekijk(
        page,
        live_server.url + reverse("wijkdashboard_wijk", args=[opzet["wijk"].code]),
        "dashboard with a returned proposal",
    )
    wachtend = page.locator(f"#wacht-{onderwerp.pk}").inner_text()
    assert ADVIES in wachtend
    assert REDEN in wachtend


def test_voorstel_is_nog_niet_geagendeerd(page, live_server, opzet):
    """Point 17: after the alderman's proposal the item says "proposed"; only once the
    griffie accepts it does it say it is on the college agenda."""
    punt = _voorstellen(opzet)
    onderwerp = opzet["onderwerp"]
    url = live_server.url + onderwerp.get_absolute_url()
    _bekijk(page, url, "item page: proposed")
    badge = page.locator("main .status-badge").first.inner_text()
    assert badge == "Voorgesteld voor de collegeagenda", badge
    tijdlijn = page.locator("main").inner_text()
    assert "Geagendeerd in het college" not in tijdlijn

    inloggen_met_sessie(page.context, live_server, opzet["wijk"].wijkwethouder)
    _bekijk(
        page,
        live_server.url + reverse("wijken:wijk", args=[opzet["wijk"].code]),
        "ward page: proposed",
    )
    assert "Geagendeerd in het college" not in page.locator("main").inner_text()

    agenda.voorstel_accepteren(agendapunt=punt, door=opzet["griffie"])
    _bekijk(page, url, "item page: on the agenda")
    badge = page.locator("main .status-badge").first.inner_text()
    assert badge == "Geagendeerd in het college", badge
    _bekijk(
        page,
        live_server.url + reverse("wijken:wijk", args=[opzet["wijk"].code]),
        "ward page: on the agenda",
    )
    assert "Geagendeerd in het college" in page.locator("main").inner_text()


def test_agenderen_vanaf_de_kaart_kiest_dat_onderwerp(page, live_server, opzet):
    """Point 18: "Put on the college agenda" on an item's card opens the proposal form
    with that item chosen (and no other)."""
    ander = OnderwerpFactory(
        status=Status.BIJ_WIJKWETHOUDER, wijk=opzet["wijk"], titel="Speeltuin Merelstraat"
    )
    inloggen_met_sessie(page.context, live_server, opzet["wijk"].wijkwethouder)
    _bekijk(page, live_server.url + reverse("initiatieven:wethouder"), "for your decision")
    page.locator(f"#onderwerp-{ander.pk} a[href*='agenderen']").click()
    page.wait_for_load_state()
    controleer(page, "proposal form from a card")
    assert page.locator(f"input[name=onderwerpen][value='{ander.pk}']").is_checked()
    gekozen = opzet["onderwerp"].pk
    assert not page.locator(f"input[name=onderwerpen][value='{gekozen}']").is_checked()


def test_dashboardtegels_overlappen_niet_en_tellen_in_woorden(page, live_server, opzet):
    """Point 20: an item with the alderman is counted once, under "waiting for the
    alderman", not again under a second tile; a tile of 1 speaks in the singular."""
    wijk = opzet["wijk"]
    OnderwerpFactory(wijk=wijk, te_laat=True)
    OnderwerpFactory(wijk=wijk, status=Status.GEAGENDEERD_RAAD)
    inloggen_met_sessie(page.context, live_server, wijk.wijkwethouder)
    _bekijk(page, live_server.url + reverse("wijkdashboard_wijk", args=[wijk.code]), "dashboard")
    tegels = {
        a.get_attribute("id"): a.inner_text().split("\n") for a in page.locator("#cijfers a").all()
    }
    # One item with the alderman, one with the council: each counted once.
    assert tegels["cijfer-wacht_op_wethouder"] == ["1", "Wacht op de wethouder"]
    assert tegels["cijfer-op_agenda"][0] == "1"
    assert "cijfer-geescaleerd" not in tegels
    assert tegels["cijfer-te_laat"] == ["1", "Eerste reactie te laat"]
    assert tegels["cijfer-te_herbezien"] == ["0", "Opnieuw te bekijken"]
    assert tegels["cijfer-open"] == ["3", "Open onderwerpen"]


def test_afgelopen_vergadering_maakt_besluiten_mogelijk(page, live_server, opzet):
    """Point 21: the griffie marks a meeting held whose planned start lies ahead; its
    accepted items are at once among the decisions to record."""
    punt = _voorstellen(opzet)
    agenda.voorstel_accepteren(agendapunt=punt, door=opzet["griffie"])
    college = opzet["college"]
    assert college.begin > timezone.now() + datetime.timedelta(days=1)

    inloggen_met_sessie(page.context, live_server, opzet["griffie"])
    griffie = live_server.url + reverse("initiatieven:agenda_griffie")
    _bekijk(page, griffie, "griffie before the meeting")
    assert page.locator(f"#zonder-besluit #punt-{punt.pk}").count() == 0
    _bekijk(page, live_server.url + college.get_absolute_url(), "meeting page")
    page.locator("main form button[type=submit]", has_text="afgelopen").click()
    page.wait_for_load_state()
    controleer(page, "meeting marked held")
    _bekijk(page, griffie, "griffie after marking the meeting held")
    page.locator(f"#zonder-besluit #punt-{punt.pk} a.btn").click()
    page.wait_for_load_state()
    controleer(page, "decision form")
    page.check("input[name=resultaat][value=aangenomen]")
    page.fill("#id_toelichting", "Het college maakt de oversteek veilig.")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    opzet["onderwerp"].refresh_from_db()
    assert opzet["onderwerp"].status == Status.AFGEROND
    # Held meetings are listed as held, not as upcoming.
    _bekijk(page, live_server.url + reverse("contacten:agenda"), "all meetings")
    komend = page.locator("main h2").first.locator("xpath=following-sibling::*[1]")
    assert college.get_absolute_url() not in komend.inner_html()

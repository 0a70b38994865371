"""In the browser: the alderman opens the dashboard of their ward, checks its figures
against the database, follows a figure to the list behind it and opens the printable
report; a member of the college reads the college overview in order of attention.
axe-core on every page.

The data set is built here (``dashboard_data``): a demo-like ward with items in every
state, an incomplete ward council, vacancies, a group never contacted, visits; and two
more wards that need more and less attention.
"""

import os
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.contacten.factories import BezoekFactory
from tests.e2e.hulp import bekijk as _bekijk
from tests.e2e.hulp import inloggen
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import TerugvalregelingFactory, TerugvalTaakFactory, WijkFactory
from tests.wijkportaal.dashboard_data import bouw_wijk, db_telling
from wijken.models import Wijk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def bekijk(page, wat: str) -> None:
    """One h1, no axe-core violation; with ``SCHERMAFDRUKKEN=<dir>`` also a screenshot."""
    _bekijk(page, wat)
    if map_ := os.environ.get("SCHERMAFDRUKKEN"):
        naam = re.sub(r"[^a-z0-9]+", "_", wat)
        page.screenshot(path=os.path.join(map_, f"dashboard_{naam}.png"), full_page=True)


def _uitloggen(page):
    page.locator("header form[action$='/logout/'] button[type=submit]").click()
    page.wait_for_load_state()


def test_wethouder_dashboard_en_collegeoverzicht(page, live_server):
    page.set_default_timeout(15_000)
    wijk = bouw_wijk("Molenwijk")
    # Another ward: overdue first responses and no college dagdeel, so it needs the most
    # attention; a third with its dagdeel held and nothing overdue, the least.
    druk = WijkFactory(met_staf=True, naam="Havenkwartier")
    OnderwerpFactory.create_batch(3, wijk=druk, te_laat=True)
    rustig = WijkFactory(met_staf=True, naam="Bosrand")
    BezoekFactory(wijk=rustig, gehouden=True)
    # Its ward council stopped; the community worker and a group took over its tasks.
    regeling = TerugvalregelingFactory(groep__wijk=rustig)
    TerugvalTaakFactory(regeling=regeling)
    # bouw_wijk made one more ward, with one overdue item and no dagdeel.
    ander = Wijk.objects.exclude(pk__in=[wijk.pk, druk.pk, rustig.pk]).get()
    verwacht = db_telling(wijk)

    # The alderman of one ward lands on its dashboard.
    inloggen(page, live_server, wijk.wijkwethouder)
    page.goto(live_server.url + reverse("wijkdashboard"))
    expect(page).to_have_url(
        live_server.url + reverse("wijkdashboard_wijk", kwargs={"code": wijk.code})
    )
    bekijk(page, "ward dashboard as its alderman")
    for naam, aantal in verwacht.items():
        if naam == "geescaleerd":
            continue  # no tile: split into "wacht_op_wethouder" and "op_agenda"
        assert page.locator(f"#cijfer-{naam}").get_attribute("data-aantal") == str(aantal), naam
    assert page.locator("#wijkraad-stand").get_attribute("data-status") == "onvolledig"
    assert page.locator("#zonder-contact").get_attribute("data-aantal") == "2"
    assert page.locator("#dagdeel").get_attribute("data-stand") == "gepland"
    assert page.locator("#trend-tabel tbody tr").count() == 12
    assert page.locator("svg#trend rect[data-soort]").count() == 24

    # A figure leads to the list with exactly that many items.
    page.locator("#cijfer-te_laat").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/onderwerpen/\?te_laat=1$"))
    bekijk(page, "items behind a figure")
    assert page.locator("#aantal-resultaten").get_attribute("data-aantal") == str(
        verwacht["te_laat"]
    )
    assert page.locator("#onderwerpen tbody tr").count() == verwacht["te_laat"]
    assert page.locator("#id_te_laat").is_checked()

    # The filter form works without JavaScript-only tricks: change it and submit.
    page.locator("#id_te_laat").uncheck()
    page.locator("#id_open").check()
    page.locator("#filters button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#aantal-resultaten").get_attribute("data-aantal") == str(verwacht["open"])
    bekijk(page, "items behind a figure, other filter")

    # The printable report.
    page.goto(live_server.url + reverse("wijkdashboard_wijk", kwargs={"code": wijk.code}))
    page.locator("#naar-rapport").click()
    expect(page).to_have_url(re.compile(r"/rapport/$"))
    bekijk(page, "ward report")
    assert page.locator("#open-onderwerpen tbody tr").count() == verwacht["open"]
    page.emulate_media(media="print")
    if map_ := os.environ.get("SCHERMAFDRUKKEN"):
        page.pdf(path=os.path.join(map_, "dashboard_ward_report.pdf"))
    expect(page.locator(".hoofdmenu")).to_be_hidden()
    expect(page.locator("#printen")).to_be_hidden()
    expect(page.locator("#open-onderwerpen")).to_be_visible()
    page.emulate_media(media="screen")
    _uitloggen(page)

    # A member of the college: every ward, the one needing attention first.
    collegelid = GebruikerFactory(collegelid=True, tweede_factor=True)
    inloggen(page, live_server, collegelid)
    page.goto(live_server.url + reverse("wijkdashboard"))
    page.wait_for_load_state()
    bekijk(page, "dashboard start page as college member")
    assert page.locator("#wijken tbody tr").count() == 4
    page.locator("#naar-collegeoverzicht").click()
    expect(page).to_have_url(live_server.url + reverse("collegeoverzicht"))
    bekijk(page, "college overview")
    volgorde = page.locator("#collegeoverzicht tbody tr").evaluate_all(
        "rijen => rijen.map(r => r.dataset.wijk)"
    )
    # Scores: Havenkwartier 3×3 + 5 = 14; Molenwijk 2×3 + 3 escalated + 2 incomplete
    # council = 11; the other ward 3 + 5 = 8; Bosrand 0.
    assert volgorde == [druk.code, wijk.code, ander.code, rustig.code]
    rij = page.locator(f"#wijk-{druk.code}")
    assert rij.locator("[data-cijfer=te_laat]").get_attribute("data-aantal") == "3"
    assert rij.locator("[data-dagdeel]").get_attribute("data-dagdeel") == "ontbreekt"

    # From the overview to the list behind a ward's figure.
    rij.locator("[data-cijfer=te_laat]").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(rf"/dashboard/{druk.code}/onderwerpen/\?te_laat=1$"))
    assert page.locator("#onderwerpen tbody tr").count() == 3
    bekijk(page, "items behind an overview figure")

    # A ward whose council stopped, as a college member (no contact log for them).
    page.goto(live_server.url + reverse("wijkdashboard_wijk", kwargs={"code": rustig.code}))
    bekijk(page, "ward dashboard with a fallback arrangement, as college member")
    assert page.locator("#terugval").count() == 1
    assert page.locator("#contactmomenten").count() == 0
    assert page.locator("#dagdeel").get_attribute("data-stand") == "gehouden"
    page.goto(live_server.url + reverse("wijkrapport", kwargs={"code": rustig.code}))
    bekijk(page, "ward report with a fallback arrangement")


def test_lege_wijk_en_keuzepagina_van_een_adviseur(page, live_server):
    """The empty states: an advisor of two wards chooses one; that ward has no items,
    groups, visits or term yet. Its list and report are empty too."""
    page.set_default_timeout(15_000)
    eerste = WijkFactory(met_staf=True, naam="Akkerveld")
    WijkFactory(wijkadviseur=eerste.wijkadviseur, naam="Beekdal")
    inloggen(page, live_server, eerste.wijkadviseur)
    page.goto(live_server.url + reverse("wijkdashboard"))
    page.wait_for_load_state()
    bekijk(page, "dashboard start page of an advisor with two wards")
    assert page.locator("#wijken tbody tr").count() == 2
    page.locator(f"#wijk-{eerste.code} th a").click()
    expect(page).to_have_url(
        live_server.url + reverse("wijkdashboard_wijk", kwargs={"code": eerste.code})
    )
    bekijk(page, "empty ward dashboard")
    assert page.locator("#cijfer-open").get_attribute("data-aantal") == "0"
    assert page.locator("#dagdeel").get_attribute("data-stand") == "geen_periode"
    page.locator("#cijfer-open").click()
    page.wait_for_load_state()
    assert page.locator("#leeg").count() == 1
    bekijk(page, "empty list behind a figure")
    page.goto(live_server.url + reverse("wijkrapport", kwargs={"code": eerste.code}))
    bekijk(page, "empty ward report")

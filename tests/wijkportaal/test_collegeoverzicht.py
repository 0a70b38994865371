"""The college overview: every ward side by side, the ward needing attention most first."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatieven.keuzes import Status
from tests.contacten.factories import BezoekFactory, CollegeperiodeFactory
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.responses import assert_page
from tests.wijken.factories import BewonersgroepFactory, TerugvalregelingFactory, WijkFactory
from wijkportaal import dashboard

pytestmark = pytest.mark.django_db

URL = reverse("collegeoverzicht")


@pytest.fixture
def collegelid():
    return GebruikerFactory(collegelid=True, tweede_factor=True)


@pytest.fixture
def wijken():
    """Five wards with a known score each (see the weights in wijkportaal.dashboard)."""
    periode = CollegeperiodeFactory()
    rustig = WijkFactory(met_staf=True, naam="A Rustig")  # dagdeel held: score 0
    BezoekFactory(wijk=rustig, periode=periode, gehouden=True)
    OnderwerpFactory(wijk=rustig)  # open but in time

    te_laat = WijkFactory(met_staf=True, naam="B Te laat")  # 2 overdue ×3 + planned = 6
    OnderwerpFactory.create_batch(2, wijk=te_laat, te_laat=True)
    BezoekFactory(wijk=te_laat, periode=periode)

    zonder_dagdeel = WijkFactory(met_staf=True, naam="C Zonder dagdeel")  # missing: 5
    OnderwerpFactory(wijk=zonder_dagdeel)

    escalaties = WijkFactory(met_staf=True, naam="D Escalaties")  # 2 escalated + planned = 2
    OnderwerpFactory(wijk=escalaties, status=Status.BIJ_WIJKWETHOUDER)
    OnderwerpFactory(wijk=escalaties, status=Status.GEAGENDEERD_RAAD)
    BezoekFactory(wijk=escalaties, periode=periode)

    gestopt = WijkFactory(met_staf=True, naam="E Gestopt")  # stopped, no fallback: 4
    BewonersgroepFactory(wijk=gestopt, gestopt=True)
    BezoekFactory(wijk=gestopt, periode=periode, gehouden=True)
    return {
        "rustig": rustig,
        "te_laat": te_laat,
        "zonder_dagdeel": zonder_dagdeel,
        "escalaties": escalaties,
        "gestopt": gestopt,
    }


def _volgorde(html: str) -> list[str]:
    return re.findall(r'<tr id="wijk-[^"]+" data-wijk="([^"]+)"', html)


def test_volgorde_op_aandacht(client, collegelid, wijken):
    client.force_login(collegelid)
    response = client.get(URL)
    assert response.status_code == 200
    scores = {r["wijk"].naam: r["score"] for r in response.context["rijen"]}
    assert scores == {
        "A Rustig": 0,
        "B Te laat": 6,
        "C Zonder dagdeel": 5,
        "D Escalaties": 2,
        "E Gestopt": 4,
    }
    verwacht = ["te_laat", "zonder_dagdeel", "gestopt", "escalaties", "rustig"]
    assert _volgorde(response.content.decode()) == [wijken[n].code for n in verwacht]


def test_cijfers_en_standen_per_wijk(client, collegelid, wijken):
    client.force_login(collegelid)
    response = client.get(URL)
    rijen = {r["wijk"].code: r for r in response.context["rijen"]}
    assert rijen[wijken["te_laat"].code]["te_laat"] == 2
    assert rijen[wijken["escalaties"].code]["geescaleerd"] == 2
    assert rijen[wijken["rustig"].code]["dagdeel_stand"] == dashboard.GEHOUDEN
    assert rijen[wijken["te_laat"].code]["dagdeel_stand"] == dashboard.GEPLAND
    assert rijen[wijken["zonder_dagdeel"].code]["dagdeel_stand"] == dashboard.ONTBREEKT
    assert rijen[wijken["gestopt"].code]["wijkraad_stand"] == "gestopt_zonder_regeling"
    html = response.content.decode()
    assert f'data-dagdeel="{dashboard.ONTBREEKT}"' in html


def test_elk_cijfer_linkt_naar_een_lijst_met_evenveel_items(client, collegelid, wijken):
    client.force_login(collegelid)
    html = client.get(URL).content.decode()
    links = re.findall(r'<a href="([^"]+)" data-cijfer="([a-z_]+)" data-aantal="(\d+)"', html)
    assert len(links) == 3 * len(wijken)
    for url, _naam, aantal in links:
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["pagina"].paginator.count == int(aantal), url


def test_terugvalregeling_verlaagt_de_score(client, collegelid, wijken):
    raad = wijken["gestopt"].groepen.get()
    TerugvalregelingFactory(groep=raad)
    client.force_login(collegelid)
    rijen = {r["wijk"].code: r for r in client.get(URL).context["rijen"]}
    assert rijen[wijken["gestopt"].code]["wijkraad_stand"] == "gestopt"
    assert rijen[wijken["gestopt"].code]["score"] == 0


def test_geannuleerd_dagdeel_telt_als_ontbrekend(client, collegelid):
    wijk = WijkFactory()
    BezoekFactory(wijk=wijk, geannuleerd=True)
    client.force_login(collegelid)
    rij = client.get(URL).context["rijen"][0]
    assert rij["dagdeel_stand"] == dashboard.ONTBREEKT


def test_zonder_collegeperiode(client, collegelid):
    WijkFactory()
    client.force_login(collegelid)
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["rijen"][0]["dagdeel_stand"] == dashboard.GEEN_PERIODE


def test_aandachtsscore():
    assert dashboard.aandachtsscore(te_laat=0, geescaleerd=0, dagdeel="gehouden", wijkraad="") == 0
    assert (
        dashboard.aandachtsscore(
            te_laat=1, geescaleerd=2, dagdeel=dashboard.ONTBREEKT, wijkraad="onvolledig"
        )
        == 3 + 2 + 5 + 2
    )


def _queries(client) -> int:
    """The queries of a request that renders the overview afresh (not from the cache)."""
    caches["fragmenten"].clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert_page(response, "wijkportaal/dashboard/collegeoverzicht.html")
    return len(ctx.captured_queries)


def test_aantal_queries_groeit_niet_met_wijken(client, collegelid):
    periode = CollegeperiodeFactory()
    for _ in range(2):
        wijk = WijkFactory(met_staf=True)
        OnderwerpFactory.create_batch(2, wijk=wijk, te_laat=True)
        BewonersgroepFactory(wijk=wijk, wijkraad=True)
        BezoekFactory(wijk=wijk, periode=periode)
    client.force_login(collegelid)
    client.get(URL)
    twee = _queries(client)
    for _ in range(4):
        wijk = WijkFactory(met_staf=True)
        OnderwerpFactory.create_batch(5, wijk=wijk, status=Status.BIJ_WIJKWETHOUDER)
        TerugvalregelingFactory(groep__wijk=wijk)
        BezoekFactory(wijk=wijk, periode=periode, gehouden=True)
    zes = _queries(client)
    assert twee == zes
    assert zes <= 15  # the query budget of every key page


def test_open_cijfers_per_wijk_gelijk_aan_volledige_telling(wijken):
    """Asked for figures among open items only, ``kengetallen_per_wijk`` reads the open
    rows alone (from an index); it must count exactly what the full count does."""
    from initiatieven.models import Onderwerp
    from initiatieven.querysets import BINNEN_OPEN

    OnderwerpFactory(wijk=wijken["gestopt"], afgerond=True)
    OnderwerpFactory(wijk=wijken["rustig"], kansrijk=True, status=Status.IN_BEHANDELING)
    OnderwerpFactory(wijk=wijken["te_laat"], nog_niet=True)
    basis = Onderwerp.objects.exclude(status=Status.CONCEPT)
    volledig = basis.kengetallen_per_wijk()
    alleen_open = basis.kengetallen_per_wijk(sorted(BINNEN_OPEN))
    assert alleen_open
    for wijk_id, cijfers in alleen_open.items():
        assert cijfers == {n: volledig[wijk_id][n] for n in BINNEN_OPEN}
    # Wards with only new, settled items appear in the full count alone (zero open).
    for wijk_id in set(volledig) - set(alleen_open):
        assert all(volledig[wijk_id][n] == 0 for n in BINNEN_OPEN)


def _tabel(html: str) -> str:
    return re.search(r'<table[^>]*id="collegeoverzicht".*?</table>', html, re.S).group()


def test_tabel_uit_de_cache_is_nooit_oud(client, collegelid, wijken):
    """The table's HTML is cached under a digest of every value it shows: the same data
    gives the same table, and a new overdue item or a renamed ward shows at once."""
    client.force_login(collegelid)
    eerst = _tabel(client.get(URL).content.decode())
    assert _tabel(client.get(URL).content.decode()) == eerst
    OnderwerpFactory(wijk=wijken["rustig"], te_laat=True)
    wijken["gestopt"].naam = "E Hernoemd"
    wijken["gestopt"].save()
    daarna = _tabel(client.get(URL).content.decode())
    rij = re.search(rf'<tr id="wijk-{wijken["rustig"].code}".*?</tr>', daarna, re.S).group()
    assert 'data-cijfer="te_laat" data-aantal="1"' in rij
    assert "E Hernoemd" in daarna and "E Gestopt" not in daarna

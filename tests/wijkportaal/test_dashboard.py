"""The ward dashboard, the list behind its figures and the ward report.

Every figure is checked three ways over a data set built for the test
(``dashboard_data.bouw_wijk``): against the number the data set was built with, against
an independent count in the database, and against the number of items the list behind
the figure shows. The query count must not grow with the number of items.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacten.models import Bezoek, Contactmoment
from initiatieven.keuzes import Soort, Status
from initiatieven.models import Onderwerp
from tests.contacten.factories import (
    AgendapuntFactory,
    BesluitFactory,
    VergaderingFactory,
)
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.responses import assert_page
from tests.wijken.factories import TerugvalregelingFactory, TerugvalTaakFactory, WijkFactory
from tests.wijkportaal.dashboard_data import bouw_wijk, db_telling, extra_items
from wijkportaal import dashboard

pytestmark = pytest.mark.django_db

VERWACHT = {
    "open": 10,
    "nieuw": 12,
    "wacht_op_wethouder": 2,
    "geescaleerd": 3,
    "op_agenda": 1,
    "te_laat": 2,
    "te_herbezien": 1,
    "kansrijk": 1,
    "langst_open": 3,
}
#: The figures shown as tiles: "geescaleerd" (the college overview's column) is split there
#: into "wacht_op_wethouder" and "op_agenda", so no two tiles count one item.
TEGELS = set(VERWACHT) - {"geescaleerd"}


def _aantal(html: str, element_id: str) -> int:
    """The data-aantal of the element with this id."""
    gevonden = re.search(rf'id="{element_id}"[^>]*data-aantal="(\d+)"', html)
    assert gevonden, f"#{element_id} with data-aantal not found"
    return int(gevonden.group(1))


def _figuur_urls(html: str) -> dict[str, str]:
    """{figure name: the URL it links to} from the dashboard's figures."""
    return {
        naam: url.replace("&amp;", "&")
        for url, naam in re.findall(r'<a href="([^"]+)" id="cijfer-([a-z_]+)"', html)
    }


def _lijst_aantal(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["pagina"].paginator.count


@pytest.fixture
def wijk():
    return bouw_wijk()


@pytest.fixture
def wethouder_client(client, wijk):
    client.force_login(wijk.wijkwethouder)
    return client


def _dashboard_url(wijk):
    return reverse("wijkdashboard_wijk", kwargs={"code": wijk.code})


def _lijst_url(wijk):
    return reverse("wijkdashboard_onderwerpen", kwargs={"code": wijk.code})


# --- figures -------------------------------------------------------------------------------


def test_elk_cijfer_klopt_met_de_database(wethouder_client, wijk):
    response = wethouder_client.get(_dashboard_url(wijk))
    assert response.status_code == 200
    html = response.content.decode()
    db = db_telling(wijk)
    assert db == VERWACHT  # the data set is what the test thinks it is
    for naam, aantal in VERWACHT.items():
        assert response.context["cijfers"][naam] == aantal, naam
        if naam in TEGELS:
            assert _aantal(html, f"cijfer-{naam}") == aantal, naam


def test_lijst_achter_elk_cijfer_toont_evenveel_items(wethouder_client, wijk):
    html = wethouder_client.get(_dashboard_url(wijk)).content.decode()
    urls = _figuur_urls(html)
    assert set(urls) == TEGELS
    for naam, url in urls.items():
        assert url.startswith(_lijst_url(wijk))
        assert _lijst_aantal(wethouder_client, url) == VERWACHT[naam], naam


def test_verdeling_per_status_soort_thema_en_de_lijsten_erachter(wethouder_client, wijk):
    response = wethouder_client.get(_dashboard_url(wijk))
    html = response.content.decode()
    verdeling = response.context["verdeling"]
    per_status = {r["waarde"]: r["aantal"] for r in verdeling["status"]}
    assert per_status == {
        Status.INGEDIEND: 3,
        Status.IN_BEHANDELING: 1,
        Status.IN_UITVOERING: 1,
        Status.BIJ_WIJKWETHOUDER: 2,
        Status.GEAGENDEERD_COLLEGE: 1,
        Status.NOG_NIET_MOGELIJK: 2,
    }
    per_soort = {r["waarde"]: r["aantal"] for r in verdeling["soort"]}
    assert per_soort == {Soort.KNELPUNT: 3, Soort.INITIATIEF: 7}
    per_thema = {r["naam"]: r["aantal"] for r in verdeling["thema"]}
    assert per_thema == {"Groen en spelen": 7, "Verkeer en parkeren": 3}
    assert sum(per_thema.values()) == VERWACHT["open"]
    # Each count links to a list with exactly that many items.
    links = re.findall(
        r'<a href="([^"]+)" data-(status|soort|thema)="([^"]+)" data-aantal="(\d+)"', html
    )
    assert len(links) == len(per_status) + len(per_soort) + len(per_thema)
    for url, _soort, _waarde, aantal in links:
        assert _lijst_aantal(wethouder_client, url.replace("&amp;", "&")) == int(aantal), url


def test_wachtende_en_langst_open_lijsten(wethouder_client, wijk):
    response = wethouder_client.get(_dashboard_url(wijk))
    wachtend = response.context["wacht_op_wethouder"]
    assert {o.status for o in wachtend} == {Status.BIJ_WIJKWETHOUDER}
    assert all(o.advies_wethouder for o in wachtend)
    assert "Advies: budget zoeken." in response.content.decode()
    langst = response.context["langst_open"]
    assert [o.titel for o in langst][0] == "Oude losse stoeptegels"  # oldest first
    assert all(o.soort == Soort.KNELPUNT for o in langst)


def test_lijst_langst_open_oudste_eerst(wethouder_client, wijk):
    response = wethouder_client.get(_lijst_url(wijk) + "?langst_open=1")
    data = [o.ingediend_op for o in response.context["pagina"]]
    assert data == sorted(data)


def test_lijst_combineert_filters_en_negeert_onzin(wethouder_client, wijk):
    assert _lijst_aantal(wethouder_client, _lijst_url(wijk) + "?open=1&soort=knelpunt") == 3
    assert _lijst_aantal(wethouder_client, _lijst_url(wijk) + "?te_laat=1&soort=knelpunt") == 1
    alle = Onderwerp.objects.filter(wijk=wijk).exclude(status=Status.CONCEPT).count()
    for onzin in (
        "?status=bestaat_niet",
        "?thema=abc",
        "?thema=99999999999999999999",
        "?soort=%00",
        "?page=999",
        "?page=x",
        "?status=concept",
    ):
        assert _lijst_aantal(wethouder_client, _lijst_url(wijk) + onzin) == alle, onzin


def test_lijst_toont_nooit_concepten_of_andere_wijken(wethouder_client, wijk):
    response = wethouder_client.get(_lijst_url(wijk))
    getoond = {o.pk for o in response.context["pagina"].paginator.object_list}
    items = Onderwerp.objects.filter(wijk=wijk).exclude(status=Status.CONCEPT)
    verwacht = set(items.values_list("pk", flat=True))
    assert getoond == verwacht


def test_adviseur_ziet_dezelfde_cijfers_als_de_wethouder(client, wijk):
    client.force_login(wijk.wijkadviseur)
    response = client.get(_dashboard_url(wijk))
    assert response.context["cijfers"] == VERWACHT


# --- trend ---------------------------------------------------------------------------------


def test_trend_twaalf_maanden_met_lege_maanden(wethouder_client, wijk):
    trend = wethouder_client.get(_dashboard_url(wijk)).context["trend"]
    assert len(trend) == 12
    vandaag = timezone.localdate()
    assert trend[-1]["maand"] == vandaag.replace(day=1)
    maanden = [m["maand"] for m in trend]
    assert maanden == sorted(maanden) and len(set(maanden)) == 12
    per_maand = {(m["maand"].year, m["maand"].month): m for m in trend}
    deze = per_maand[(vandaag.year, vandaag.month)]
    assert deze["ingediend"] == VERWACHT["nieuw"]
    assert deze["afgehandeld"] == 1
    twee_terug = trend[-3]
    assert (twee_terug["ingediend"], twee_terug["afgehandeld"]) == (1, 1)
    drie_terug = trend[-4]
    assert (drie_terug["ingediend"], drie_terug["afgehandeld"]) == (1, 0)
    assert sum(m["ingediend"] for m in trend[:-4]) == 0  # empty months are there, as zero


def test_trend_en_cijfers_meteen_actueel(wethouder_client, wijk):
    """The dashboard is cached, but a new item shows at once in the figures and in the
    trend (both counted from what the page declares: the ward's items and steps)."""
    url = _dashboard_url(wijk)
    eerst = wethouder_client.get(url)
    OnderwerpFactory(wijk=wijk)  # submitted today
    daarna = wethouder_client.get(url)
    assert daarna.context["trend"][-1]["ingediend"] == eerst.context["trend"][-1]["ingediend"] + 1
    assert daarna.context["cijfers"]["nieuw"] == eerst.context["cijfers"]["nieuw"] + 1
    assert daarna.context["cijfers"]["open"] == eerst.context["cijfers"]["open"] + 1


def test_trend_grafiek_en_tabel_tonen_dezelfde_cijfers(wethouder_client, wijk):
    response = wethouder_client.get(_dashboard_url(wijk))
    html = response.content.decode()
    assert 'role="img"' in html and 'aria-labelledby="trend-titel trend-desc"' in html
    assert " style=" not in html  # the CSP forbids inline styles
    staven = re.findall(r'data-soort="(ingediend|afgehandeld)" data-waarde="(\d+)"', html)
    tabel = re.findall(r'<td class="text-end" data-soort="(ingediend|afgehandeld)">(\d+)<', html)
    assert len(staven) == len(tabel) == 24
    assert staven == tabel
    # Coordinates are plain numbers whatever the language (no decimal commas).
    assert not re.search(r'(?:x|y|height|width)="\d+,\d', html)


def test_grafiek_schaal():
    trend = [
        {"maand": datetime.date(2026, m, 1), "ingediend": m, "afgehandeld": 0} for m in range(1, 13)
    ]
    grafiek = dashboard.trendgrafiek(trend)
    assert grafiek.maximum == 20
    hoogste = grafiek.maanden[-1]["staven"][0]
    assert hoogste["hoogte"] == pytest.approx(grafiek.plot_hoogte * 12 / 20, abs=0.1)
    leeg = dashboard.trendgrafiek([{**m, "ingediend": 0} for m in trend])
    assert leeg.maximum == 4 and all(s["hoogte"] == 0 for m in leeg.maanden for s in m["staven"])


# --- civil society and visits ------------------------------------------------------------------


def test_maatschappij(wethouder_client, wijk):
    response = wethouder_client.get(_dashboard_url(wijk))
    html = response.content.decode()
    m = response.context["maatschappij"]
    assert m["wijkraad"].wijkraad_status == "onvolledig"
    assert 'id="wijkraad-stand" data-status="onvolledig"' in html
    assert _aantal(html, "vacatures") == 2
    zonder = {g.naam: g.laatste_contact for g in m["zonder_contact"]}
    assert set(zonder) == {"Buurtvereniging De Es", "Speeltuinvereniging"}
    assert zonder["Speeltuinvereniging"] is None
    assert _aantal(html, "zonder-contact") == 2


def test_gestopte_wijkraad_toont_terugvalregeling_en_wie_die_draagt(client):
    wijk = WijkFactory(met_staf=True)
    regeling = TerugvalregelingFactory(groep__wijk=wijk)
    TerugvalTaakFactory(regeling=regeling, taak="Jaarlijkse schouw")
    client.force_login(wijk.wijkwethouder)
    html = client.get(_dashboard_url(wijk)).content.decode()
    assert 'data-status="gestopt"' in html
    assert 'id="terugval"' in html and "Jaarlijkse schouw" in html
    assert wijk.opbouwwerker.weergavenaam in html


def test_bezoeken_en_contactmomenten(wethouder_client, wijk):
    response = wethouder_client.get(_dashboard_url(wijk))
    b = response.context["bezoeken"]
    assert b["dagdeel_stand"] == dashboard.GEPLAND
    assert [v.pk for v in b["recent"]] == list(
        Bezoek.objects.filter(wijk=wijk, soort="werkbezoek").values_list("pk", flat=True)
    )
    assert len(b["contactmomenten"]) == Contactmoment.objects.filter(wijk=wijk).count()


def test_collegelid_ziet_geen_contactmomenten(client, wijk):
    collegelid = GebruikerFactory(collegelid=True, tweede_factor=True)
    client.force_login(collegelid)
    response = client.get(_dashboard_url(wijk))
    assert response.status_code == 200
    assert response.context["bezoeken"]["contactmomenten"] == []
    assert 'id="contactmomenten"' not in response.content.decode()
    assert response.context["cijfers"] == VERWACHT  # non-public items counted too


# --- the report --------------------------------------------------------------------------------


def test_rapport(wethouder_client, wijk):
    item = Onderwerp.objects.get(wijk=wijk, status=Status.GEAGENDEERD_COLLEGE)
    punt = AgendapuntFactory(onderwerpen=[item], titel="Speelplek Molenwijk")
    BesluitFactory(agendapunt=punt)
    # A decision on a draft meeting is not in the report yet.
    concept = AgendapuntFactory(
        onderwerpen=[item], titel="Nog geheim", vergadering=VergaderingFactory(concept=True)
    )
    BesluitFactory(agendapunt=concept)
    response = wethouder_client.get(reverse("wijkrapport", kwargs={"code": wijk.code}))
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.context["open_onderwerpen"]) == VERWACHT["open"]
    assert html.count('<tr id="onderwerp-') == VERWACHT["open"]
    assert [b.agendapunt.titel for b in response.context["besluiten"]] == ["Speelplek Molenwijk"]
    assert "Nog geheim" not in html
    assert 'data-veld="aantal_inwoners"' in html
    assert 'id="printen"' in html


# --- the start page ------------------------------------------------------------------------


def test_startpagina_leidt_naar_de_enige_wijk(client, wijk):
    for persoon in (wijk.wijkwethouder, wijk.wijkadviseur, wijk.opbouwwerker):
        client.force_login(persoon)
        response = client.get(reverse("wijkdashboard"))
        assert response.status_code == 302
        assert response["Location"] == _dashboard_url(wijk)


def test_startpagina_collegelid_ziet_alle_wijken_met_cijfers(client, wijk):
    ander = WijkFactory(met_staf=True)
    OnderwerpFactory(wijk=ander, te_laat=True)
    client.force_login(GebruikerFactory(griffie=True, tweede_factor=True))
    response = client.get(reverse("wijkdashboard"))
    assert response.status_code == 200
    rijen = {r["wijk"].code: r["cijfers"] for r in response.context["rijen"]}
    assert set(rijen) >= {wijk.code, ander.code}
    assert rijen[wijk.code]["open"] == VERWACHT["open"]
    assert rijen[ander.code]["te_laat"] == 1


def test_adviseur_met_twee_wijken_kiest(client):
    eerste = WijkFactory(met_staf=True)
    tweede = WijkFactory(wijkadviseur=eerste.wijkadviseur)
    client.force_login(eerste.wijkadviseur)
    response = client.get(reverse("wijkdashboard"))
    assert response.status_code == 200
    assert [r["wijk"] for r in response.context["rijen"]] == sorted(
        [eerste, tweede], key=lambda w: w.naam
    )


# --- query budget --------------------------------------------------------------------------


_TEMPLATES = {
    "wijkdashboard_wijk": "wijkportaal/dashboard/wijk.html",
    "wijkrapport": "wijkportaal/dashboard/rapport.html",
    "wijkdashboard_onderwerpen": "wijkportaal/dashboard/onderwerpen.html",
}


def _queries(client, url, template: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert_page(response, template)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("naam", ["wijkdashboard_wijk", "wijkrapport", "wijkdashboard_onderwerpen"])
def test_aantal_queries_groeit_niet_met_items(client, naam):
    klein = WijkFactory(met_staf=True)
    OnderwerpFactory.create_batch(3, wijk=klein)
    groot = bouw_wijk("Grote wijk")
    extra_items(groot, 60)
    assert Onderwerp.objects.filter(wijk=groot).count() > 60
    # One alderman for both, so the per-person queries are the same.
    groot.wijkwethouder = klein.wijkwethouder
    groot.save()
    client.force_login(klein.wijkwethouder)
    url_klein = reverse(naam, kwargs={"code": klein.code})
    url_groot = reverse(naam, kwargs={"code": groot.code})
    # Warm up the session and the menu, and the trend each ward keeps cached for a minute.
    client.get(url_klein)
    client.get(url_groot)
    n_klein = _queries(client, url_klein, _TEMPLATES[naam])
    n_groot = _queries(client, url_groot, _TEMPLATES[naam])
    assert n_klein == n_groot, (n_klein, n_groot)
    assert n_groot <= 15  # the query budget of every key page


# --- bad input -----------------------------------------------------------------------------


def test_gebruikerstekst_wordt_als_tekst_getoond(client):
    wijk = WijkFactory(met_staf=True, naam='<img src=x onerror="alert(1)">')
    aanval = '"><script>alert(1)</script>'
    OnderwerpFactory(
        wijk=wijk,
        titel=aanval,
        status=Status.BIJ_WIJKWETHOUDER,
        knelpunt=True,
        advies_wethouder=aanval,
    )
    client.force_login(wijk.wijkwethouder)
    for naam in ("wijkdashboard_wijk", "wijkdashboard_onderwerpen", "wijkrapport"):
        html = client.get(reverse(naam, kwargs={"code": wijk.code})).content.decode()
        assert "<script>alert(1)" not in html, naam
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, naam
        assert '<img src=x onerror="alert(1)">' not in html, naam


def test_startpagina_queries_groeien_niet_met_wijken(client):
    griffie = GebruikerFactory(griffie=True, tweede_factor=True)
    for _ in range(2):
        OnderwerpFactory.create_batch(2, wijk=WijkFactory(met_staf=True), te_laat=True)
    client.force_login(griffie)
    url = reverse("wijkdashboard")
    client.get(url)
    twee = _queries(client, url, "wijkportaal/dashboard/index.html")
    for _ in range(4):
        OnderwerpFactory.create_batch(5, wijk=WijkFactory(met_staf=True))
    assert _queries(client, url, "wijkportaal/dashboard/index.html") == twee <= 15


def test_trendgrafiek_uit_de_cache_volgt_de_trend(wethouder_client, wijk):
    """The chart and table are cached under a digest of the trend: once the trend itself
    is counted again (its own minute is over) they show the new figures, never old HTML."""
    from django.core.cache import cache

    url = _dashboard_url(wijk)

    def deze_maand(html: str) -> int:
        maand = timezone.localdate().strftime("%Y-%m")
        rij = re.search(rf'<tr data-maand="{maand}">.*?</tr>', html, re.S).group()
        return int(re.search(r'data-soort="ingediend">(\d+)<', rij).group(1))

    eerst = deze_maand(wethouder_client.get(url).content.decode())
    OnderwerpFactory(wijk=wijk)  # submitted today
    # Only the trend's own entry expires; the cached chart and table stay in the cache.
    cache.delete(f"wijkdashboard:trend:{wijk.pk}:{timezone.localdate().isoformat()}")
    assert deze_maand(wethouder_client.get(url).content.decode()) == eerst + 1


def test_cijfers_uit_de_cache_zijn_nooit_oud(wethouder_client, wijk):
    """The figures, breakdowns and short lists are cached under a digest of what they
    show; they are counted on every request, so a new item shows in them at once."""
    url = _dashboard_url(wijk)
    eerst = wethouder_client.get(url).content.decode()
    OnderwerpFactory(wijk=wijk, titel="Net binnen")  # submitted today, open
    escalatie = OnderwerpFactory(
        wijk=wijk, status=Status.BIJ_WIJKWETHOUDER, advies_wethouder="Doen."
    )
    daarna = wethouder_client.get(url).content.decode()
    assert _aantal(daarna, "cijfer-open") == _aantal(eerst, "cijfer-open") + 2
    assert _aantal(daarna, "cijfer-nieuw") == _aantal(eerst, "cijfer-nieuw") + 2
    assert f'id="wacht-{escalatie.pk}"' in daarna
    # A second ward's dashboard is not the first one's from the cache.
    ander = bouw_wijk(naam="Andere wijk")
    wethouder_client.force_login(ander.wijkwethouder)
    html = wethouder_client.get(_dashboard_url(ander)).content.decode()
    assert f'id="wacht-{escalatie.pk}"' not in html
    assert _lijst_url(ander) in html and _lijst_url(wijk) not in html

"""Boundaries: kept in whole metres of RD New, drawn as SVG paths, put on a ward's map
(``wijken.grenzen``), and Wijkstad's made-up map for the demo (``wijken.demo_kaart``)."""

import math
import re
from types import SimpleNamespace

import pytest
import shapely
from django.utils import translation
from django.utils.translation import gettext as _
from shapely.geometry import LineString, Polygon, box, shape

from tests.wijken.factories import BuurtFactory, WijkFactory
from tests.wijken.geopackage import gpkg_blob
from wijken import demo_kaart, grenzen, services


def test_geopackage_blob_met_en_zonder_envelop_en_bytevolgorde():
    vlak = box(1000, 2000, 1300, 2400)
    for blob in (
        gpkg_blob(vlak),
        gpkg_blob(vlak, envelop=False),
        gpkg_blob(vlak, groot=True),
    ):
        assert grenzen.uit_geopackage(blob).equals(vlak)
        assert grenzen.srs_van_blob(blob) == 28992


def test_geopackage_blob_onleesbaar():
    with pytest.raises(grenzen.OngeldigeGrens, match="not a GeoPackage geometry"):
        grenzen.uit_geopackage(b"\x00\x01\x02")
    with pytest.raises(grenzen.OngeldigeGrens, match="unknown envelope"):
        grenzen.uit_geopackage(b"GP\x00\x0b\x40\x71\x00\x00")  # envelope code 5


def test_vlak_in_hele_meters_en_vereenvoudigd():
    # A circle of 2,000 points: far more than a page shows; kept to the metre.
    cirkel = shapely.Point(155_000.4, 463_000.6).buffer(500, quad_segs=500)
    gehouden = grenzen.vlak(cirkel)
    ring = gehouden["coordinates"][0]
    assert all(isinstance(c, int) for punt in ring for c in punt)
    assert len(ring) < len(cirkel.exterior.coords) / 4
    assert shape(gehouden).symmetric_difference(cirkel).area < 0.01 * cirkel.area


def test_vlak_herstelt_een_vlinder_en_weigert_wat_geen_vlak_is():
    vlinder = Polygon([(0, 0), (100, 100), (100, 0), (0, 100)])  # crosses itself
    assert not vlinder.is_valid
    hersteld = shape(grenzen.vlak(vlinder))
    assert hersteld.is_valid and hersteld.area == pytest.approx(5000, rel=0.01)
    with pytest.raises(grenzen.OngeldigeGrens, match="must be an area"):
        grenzen.vlak(LineString([(0, 0), (10, 10)]))
    with pytest.raises(grenzen.OngeldigeGrens, match="smaller than a metre"):
        grenzen.vlak(box(0, 0, 0.2, 0.2))


def test_tekening_keert_y_om_sluit_ringen_en_houdt_gaten():
    met_gat = box(0, 0, 100, 100).difference(box(40, 40, 60, 60))
    t = grenzen.tekening(grenzen.vlak(met_gat))
    ringen = t.pad.split("Z")[:-1]
    assert len(ringen) == 2  # the outer ring and the hole, each its own subpath
    getallen = [int(g) for g in ringen[0].removeprefix("M").split()]
    punten = list(zip(getallen[0::2], getallen[1::2], strict=True))
    assert len(punten) == 4  # four corners, the closing point left to "Z"
    assert {y for _x, y in punten} == {0, -100}  # north is up: y negated
    assert (t.x_min, t.y_min, t.x_max, t.y_max) == (0, 0, 100, 100)
    assert shapely.Point(t.label_x, -t.label_y).within(met_gat)


def _buurt(naam, vlak=None):
    grens = None
    if vlak is not None:
        grens = SimpleNamespace(**vars(grenzen.tekening(grenzen.vlak(vlak))))
    return SimpleNamespace(naam=naam, grens=grens)


def test_kaart_nummert_als_de_lijst_en_slaat_buurten_zonder_grens_over():
    buurten = [
        _buurt("Aa", box(0, 0, 1000, 1000)),
        _buurt("Bb"),
        _buurt("Cc", box(1000, 0, 3000, 1000)),
    ]
    kaart = grenzen.kaart(buurten)
    assert [(v.nummer, v.naam) for v in kaart.vlakken] == [(1, "Aa"), (3, "Cc")]
    x, y, breedte, hoogte = map(int, kaart.viewbox.split())
    # Everything inside, north up: the top edge is -1000 less the margin.
    assert x < 0 and x + breedte > 3000 and y < -1000 and y + hoogte > 0
    # Labels stay readable on a phone: LABEL_PX at the narrowest the map is shown.
    assert kaart.lettergrootte * grenzen.SMALSTE_PX / breedte >= grenzen.LABEL_PX
    assert grenzen.kaart([_buurt("Dd")]) is None
    assert grenzen.kaart([]) is None


def test_demokaart_dekt_wijkstad_zonder_overlap():
    vlakken = demo_kaart.grenzen()
    assert set(vlakken) == set(demo_kaart.CENTRA)
    rand = demo_kaart.gemeentegrens()
    samen = shapely.union_all(list(vlakken.values()))
    assert samen.symmetric_difference(rand).area < 1
    lijst = list(vlakken.values())
    for i, a in enumerate(lijst):
        for b in lijst[i + 1 :]:
            assert a.intersection(b).area < 1
    # Each neighbourhood contains its own centre: the names' places hold.
    for code, (dx, dy) in demo_kaart.CENTRA.items():
        punt = shapely.Point(demo_kaart.MIDDEN[0] + dx, demo_kaart.MIDDEN[1] + dy)
        assert vlakken[code].contains(punt), code
    assert math.isclose(demo_kaart.grenzen()["BU99990101"].area, vlakken["BU99990101"].area)


# --- On the ward page ------------------------------------------------------------------------


@pytest.mark.django_db
def test_wijkpagina_toont_kaart_van_de_buurten_met_genummerde_lijst(client):
    wijk = WijkFactory(naam="Centrum")
    binnenstad = BuurtFactory(wijk=wijk, naam="Binnenstad")
    haven = BuurtFactory(wijk=wijk, naam="Havenkwartier")
    BuurtFactory(wijk=wijk, naam="Oude Buurt", vervallen_per=2023)
    zonder = BuurtFactory(wijk=wijk, naam="Zonder Grens")
    services.buurtgrenzen_opslaan(
        grenzen_per_buurt={
            binnenstad: box(155_000, 463_000, 156_000, 464_000),
            haven: box(156_000, 463_000, 157_000, 463_800),
        }
    )
    response = client.get(wijk.get_absolute_url())
    assert response.status_code == 200
    assert "wijken/includes/buurtenkaart.html" in [t.name for t in response.templates]
    html = response.content.decode()
    kaart = html[html.index('<figure class="buurtenkaart">') : html.index("</figure>")]
    with translation.override("nl"):  # the language the page answers in
        titel = _("Map of the neighbourhoods of %(naam)s") % {"naam": "Centrum"}
    assert 'role="img"' in kaart and f'<title id="buurtenkaart-titel">{titel}</title>' in kaart
    # One area per neighbourhood with a boundary, named and numbered as in the list.
    assert re.findall(r"<title>(\d+\. [^<]+)</title>", kaart) == [
        "1. Binnenstad",
        "2. Havenkwartier",
    ]
    assert re.findall(r"<text [^>]*>(\d+)</text>", kaart) == ["1", "2"]
    assert 'viewBox="154949 -464051 2102 1102"' in kaart
    lijst = html[
        html.index('<ol class="buurtenlijst"') : html.index(
            "</ol>", html.index('<ol class="buurtenlijst"')
        )
    ]
    assert re.findall(r"<li>([^<]+)</li>", lijst) == ["Binnenstad", "Havenkwartier", "Zonder Grens"]
    assert zonder.naam not in kaart and "Oude Buurt" not in lijst


@pytest.mark.django_db
def test_wijkpagina_zonder_grenzen_zonder_kaart(client):
    wijk = WijkFactory()
    BuurtFactory(wijk=wijk, naam="Kop Zeedijk")
    html = client.get(wijk.get_absolute_url()).content.decode()
    assert "buurtenkaart" not in html and "<svg" not in html
    assert '<ul class="buurtenlijst">' in html


@pytest.mark.django_db
def test_nieuwe_grens_ververst_de_wijkpagina_uit_de_cache(client):
    wijk = WijkFactory()
    buurt = BuurtFactory(wijk=wijk)
    client.get(wijk.get_absolute_url())  # cached without a map
    services.buurtgrenzen_opslaan(grenzen_per_buurt={buurt: box(0, 0, 500, 500)})
    assert "buurtenkaart" in client.get(wijk.get_absolute_url()).content.decode()

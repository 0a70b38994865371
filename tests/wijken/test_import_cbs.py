"""Importing the files CBS publishes, as CBS publishes them (``wijken.cbs``).

The fixtures in ``bestanden/`` are a few rows in the exact layouts: the StatLine export of
"Kerncijfers wijken en buurten" (byte-order mark, CRLF, ``;``, quoted, codes and names
padded with spaces, Nederland → gemeente → wijk → buurt, counts, "." and empty for
unknown; the 2019 and the 2024 numbering of the columns), and the wijk- en buurtkaart's
attribute table (lower-case names, no ward name, -99997 for secret). A GeoPackage is built
per test, with the tables a GeoPackage has.
"""

import io
import json
import sqlite3
import struct
from pathlib import Path

import pytest
import shapely
from django.core.management import CommandError, call_command
from django.utils import translation
from shapely.geometry import Point, box

from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import BewonersgroepFactory, BuurtFactory, WijkFactory
from tests.wijken.geopackage import geopackage, gpkg_blob, vierkant
from wijken import cbs
from wijken.models import Buurt, Buurtgrens, Kerncijfers, Wijk
from wijken.services import ImportGeweigerd, wijken_importeren

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _engels():
    """Messages are asserted in English, the source language; the command's own tests
    choose a language with --taal."""
    with translation.override("en"):
        yield


BESTANDEN = Path(__file__).parent / "bestanden"
STATLINE_2024 = BESTANDEN / "statline_2024_landelijk.csv"
STATLINE_2019 = BESTANDEN / "statline_2019_amsterdam.csv"
KAART = BESTANDEN / "kaart_buurten_2024.csv"

AMSTERDAM_2024 = {"BU0363AA01", "BU0363AA02", "BU0363AA03", "BU0363BA01", "BU0363BA02"}
AMSTERDAM_2019 = {"BU03630000", "BU03630001", "BU03630100"}


def importeer(bestand, **opties):
    return wijken_importeren(bestand=bestand, **opties)


def commando(*args, taal="en"):
    """Run import_wijken; (stdout, stderr, the CommandError or None)."""
    uit, fout = io.StringIO(), io.StringIO()
    try:
        call_command("import_wijken", *map(str, args), taal=taal, stdout=uit, stderr=fout)
    except CommandError as exc:
        return uit.getvalue(), fout.getvalue(), exc
    return uit.getvalue(), fout.getvalue(), None


def test_fixtures_hebben_de_vorm_van_cbs():
    """Guard the fixtures themselves: they must stay byte for byte as CBS writes them."""
    ruw = STATLINE_2024.read_bytes()
    assert ruw.startswith(b'\xef\xbb\xbf"ID";"WijkenEnBuurten";')
    assert b"\r\n" in ruw and b"\n" not in ruw.replace(b"\r\n", b"")
    assert b'"WK0363AA  "' in ruw and b'"Buurt     "' in ruw and b'"BU0363AA01"' in ruw
    assert (
        b'"HuishoudensTotaal_29"' in ruw and b'"HuishoudensTotaal_28"' in STATLINE_2019.read_bytes()
    )
    soorten = [r.split(b";")[3].strip(b'" ') for r in ruw.split(b"\r\n")[1:] if r]
    assert soorten[:4] == [b"Land", b"Gemeente", b"Wijk", b"Buurt"]
    assert KAART.read_text().startswith("jrstatcode,buurtcode,buurtnaam,wijkcode,gemeentecode,")


# --- StatLine ---------------------------------------------------------------------------------


def test_statline_landelijk_met_gemeente():
    resultaat = importeer(STATLINE_2024, gemeenten=["GM0363"], jaar=2024)

    assert resultaat.formaat == str(cbs.Formaat.NAMEN[cbs.Formaat.STATLINE])
    assert resultaat.gemeenten == [("GM0363", "Amsterdam")] and resultaat.jaren == [2024]
    assert (resultaat.wijken.aangemaakt, resultaat.buurten.aangemaakt) == (2, 5)
    # Padding gone, Amsterdam's letter codes accepted, the other municipality left out.
    wijk = Wijk.objects.get(code="WK0363AA")
    assert (wijk.naam, wijk.gemeentecode, wijk.gemeentenaam) == (
        "Burgwallen-Oude Zijde",
        "GM0363",
        "Amsterdam",
    )
    assert set(Buurt.objects.values_list("code", flat=True)) == AMSTERDAM_2024
    assert Buurt.objects.get(code="BU0363AA01").naam == "Kop Zeedijk"
    assert not Wijk.objects.filter(gemeentecode="GM1900").exists()


def test_statline_aantallen_worden_aandelen():
    importeer(STATLINE_2024, gemeenten=["GM0363"], jaar=2024)

    kop = Kerncijfers.objects.get(buurt__code="BU0363AA01")
    # 1040 inhabitants, 55 aged 0-14: 5 %; 145 aged 15-24: 14 %; 480 aged 25-44: 46 %.
    assert (kop.jaar, kop.aantal_inwoners, kop.aantal_huishoudens) == (2024, 1040, 740)
    assert (kop.p_00_14, kop.p_15_24, kop.p_25_44, kop.p_45_64, kop.p_65_eo) == (5, 14, 46, 23, 12)
    # CBS rounds counts to fives: 10 of 5 inhabitants aged 65+ is 100 %, never 200 %.
    assert Kerncijfers.objects.get(buurt__code="BU0363AA03").p_65_eo == 100


def test_statline_ontbrekende_waarden_zijn_onbekend_niet_nul():
    importeer(STATLINE_2024, gemeenten=["GM0363"], jaar=2024)

    # "." everywhere but the inhabitants: no shares (0 inhabitants cannot give one).
    leeg = Kerncijfers.objects.get(buurt__code="BU0363BA01")
    assert leeg.aantal_inwoners == 0 and leeg.aantal_huishoudens is None
    assert [leeg.p_00_14, leeg.p_65_eo] == [None, None]
    # An empty cell is unknown too; the other shares are there.
    haven = Kerncijfers.objects.get(buurt__code="BU0363BA02")
    assert haven.p_00_14 is None and haven.p_15_24 == 13
    profiel = Kerncijfers.objects.profiel(Wijk.objects.get(code="WK0363BA"))
    assert "p_00_14" not in {g["veld"] for g in profiel["leeftijden"]}


def test_statline_2019_met_andere_kolomnummers():
    resultaat = importeer(STATLINE_2019, jaar=2019)
    assert resultaat.gemeenten == [("GM0363", "Amsterdam")]
    assert set(Buurt.objects.values_list("code", flat=True)) == AMSTERDAM_2019
    assert Wijk.objects.get(code="WK036301").naam == "Burgwallen-Nieuwe Zijde"
    # HuishoudensTotaal is column 28 in 2019 and 29 in 2024: found by its name.
    assert Kerncijfers.objects.get(buurt__code="BU03630000").aantal_huishoudens == 745


def test_statline_alle_gemeenten_en_accenten():
    resultaat = importeer(STATLINE_2024, jaar=2024, alle_gemeenten=True)
    assert [gm for gm, _naam in resultaat.gemeenten] == ["GM0363", "GM1900"]
    assert Wijk.objects.get(code="WK190000").gemeentenaam == "Súdwest-Fryslân"


def test_statline_zonder_keuze_of_jaar_geweigerd_met_beide_redenen():
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(STATLINE_2024)
    berichten = " ".join(m for _n, m in exc.value.fouten)
    assert "--jaar" in berichten and "--gemeente" in berichten and "--alle-gemeenten" in berichten
    assert "GM0363 Amsterdam" in berichten and "GM1900 Súdwest-Fryslân" in berichten
    assert not Wijk.objects.exists()


def test_statline_onbekende_gemeente_geweigerd():
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(STATLINE_2024, gemeenten=["GM0599"], jaar=2024)
    assert exc.value.fouten == [
        (
            None,
            "Municipality GM0599 is not in this file. In the file: GM0363 Amsterdam, "
            "GM1900 Súdwest-Fryslân.",
        )
    ]
    assert not Wijk.objects.exists()


def test_statline_met_codes_in_plaats_van_namen():
    """The raw download (OData) has codes in WijkenEnBuurten: names come from the portal,
    and a new ward without one is refused with what to do."""
    tekst = STATLINE_2019.read_text(encoding="utf-8-sig").replace(
        '"Burgwallen-Nieuwe Zijde"', '"WK036301  "'
    )
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(io.StringIO(tekst), jaar=2019)
    assert [(n, "WK036301" in m) for n, m in exc.value.fouten] == [(6, True)]
    importeer(STATLINE_2019, jaar=2019)
    importeer(io.StringIO(tekst), jaar=2019)
    assert Wijk.objects.get(code="WK036301").naam == "Burgwallen-Nieuwe Zijde"


def test_statline_foute_regels_met_regelnummer():
    regels = STATLINE_2024.read_bytes().decode("utf-8-sig").split("\r\n")
    regels[4] = regels[4].replace('"BU0363AA01"', '"BU0363A   "')  # a code cut short
    regels[5] = regels[5].replace('"Buurt     "', '"Blok      "')  # an unknown kind
    regels[9] = regels[9].replace('"120"', '"veel"', 1)  # not a number
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(io.StringIO("\r\n".join(regels)), gemeenten=["GM0363"], jaar=2024)
    assert [n for n, _m in exc.value.fouten] == [5, 6, 10]
    assert "BU0363A" in exc.value.fouten[0][1]
    assert "SoortRegio_2" in exc.value.fouten[1][1]
    assert "AantalInwoners_5" in exc.value.fouten[2][1]
    assert not Buurt.objects.exists()


# --- The wijk- en buurtkaart ------------------------------------------------------------------


def test_kaart_csv_na_statline_neemt_wijknamen_uit_de_portal():
    importeer(STATLINE_2024, gemeenten=["GM0363"], jaar=2024)
    resultaat = importeer(KAART)
    assert resultaat.formaat == str(cbs.Formaat.NAMEN[cbs.Formaat.KAART_CSV])
    # The year comes from jrstatcode ("2024BU0363AA01"); percentages stay percentages.
    assert resultaat.jaren == [2024]
    assert resultaat.buurten.ongewijzigd == 3 and resultaat.wijken.ongewijzigd == 2
    assert Wijk.objects.get(code="WK0363AA").naam == "Burgwallen-Oude Zijde"
    geheim = Kerncijfers.objects.get(buurt__code="BU0363BA01")
    assert geheim.aantal_huishoudens is None and geheim.p_00_14 is None  # -99997


def test_kaart_csv_zonder_wijknamen_in_lege_portal_geweigerd():
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(KAART)
    assert [n for n, _m in exc.value.fouten] == [2, 4]
    assert all("has no name" in m and "GeoPackage" in m for _n, m in exc.value.fouten)
    assert not Wijk.objects.exists()


def test_kaart_wijklaag_alleen_geweigerd():
    tekst = "wijkcode,wijknaam,gemeentecode,gemeentenaam\nWK0363AA,Burgwallen,GM0363,Amsterdam\n"
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(io.StringIO(tekst))
    assert exc.value.fouten[0][0] == 1 and "buurten" in exc.value.fouten[0][1]


AMSTERDAM_KAART = {
    "buurten": [
        ("BU0363AA01", "Kop Zeedijk", "WK0363AA", "GM0363", "Amsterdam", 1040, 5.0, 12.0, 740),
        ("BU0363AA02", "Oude Kerk e.o.", "WK0363AA", "GM0363", "Amsterdam", 635, 3.0, 10.0, 480),
        ("BU0363BA01", "Sloterdijk", "WK0363BA", "GM0363", "Amsterdam", 0, -99997, -99997, None),
    ],
    "wijken": [
        ("WK0363AA", "Burgwallen-Oude Zijde", "GM0363", "Amsterdam"),
        ("WK0363BA", "Westelijk Havengebied", "GM0363", "Amsterdam"),
    ],
}


def test_geopackage_met_wijklaag(tmp_path):
    pad = geopackage(tmp_path / "WijkBuurtkaart_2024_v1.gpkg", **AMSTERDAM_KAART)
    resultaat = importeer(pad, jaar=2024)
    assert resultaat.formaat == str(cbs.Formaat.NAMEN[cbs.Formaat.KAART_GPKG])
    assert (resultaat.wijken.aangemaakt, resultaat.buurten.aangemaakt) == (2, 3)
    assert Wijk.objects.get(code="WK0363BA").naam == "Westelijk Havengebied"
    kop = Kerncijfers.objects.get(buurt__code="BU0363AA01")
    assert (kop.aantal_inwoners, kop.p_00_14, kop.p_65_eo, kop.aantal_huishoudens) == (
        1040,
        5,
        12,
        740,
    )
    geheim = Kerncijfers.objects.get(buurt__code="BU0363BA01")
    assert (geheim.aantal_inwoners, geheim.p_00_14, geheim.aantal_huishoudens) == (0, None, None)
    # The same file open as bytes (an upload, say) reads the same; again: unchanged.
    with pad.open("rb") as f:
        opnieuw = importeer(f, jaar=2024)
    assert opnieuw.buurten.ongewijzigd == 3 and opnieuw.kerncijfers.ongewijzigd == 3


def test_geopackage_fouten_noemen_laag_en_rij(tmp_path):
    kaart = {**AMSTERDAM_KAART, "buurten": [*AMSTERDAM_KAART["buurten"]]}
    kaart["buurten"][1] = ("BU0363XX02", *kaart["buurten"][1][1:])
    pad = geopackage(tmp_path / "kaart.gpkg", **kaart)
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(pad, jaar=2024)
    assert [n for n, _m in exc.value.fouten] == [2]
    assert exc.value.plaats(2) == "row 2 of layer buurten"
    uit, fout, weigering = commando(pad, "--jaar", "2024")
    assert weigering and "row 2 of layer buurten: Neighbourhood BU0363XX02" in fout


def test_geopackage_grenzen_bewaard_en_opnieuw_ongewijzigd(tmp_path):
    pad = geopackage(tmp_path / "kaart.gpkg", **AMSTERDAM_KAART)
    resultaat = importeer(pad, jaar=2024)
    assert resultaat.grenzen.aangemaakt == 3
    grens = Buurtgrens.objects.get(buurt__code="BU0363AA02")
    # The second square, in whole metres, as GeoJSON in RD New; y negated in the path.
    assert grens.vlak["type"] in ("Polygon", "MultiPolygon")
    assert "." not in json.dumps(grens.vlak["coordinates"])  # whole metres
    assert shapely.geometry.shape(grens.vlak).equals(box(120400, 487000, 120800, 487400))
    assert (grens.x_min, grens.y_min, grens.x_max, grens.y_max) == (120400, 487000, 120800, 487400)
    assert grens.pad.startswith("M") and grens.pad.endswith("Z") and "-487400" in grens.pad
    assert 120400 < grens.label_x < 120800 and -487400 < grens.label_y < -487000
    opnieuw = importeer(pad, jaar=2024)
    assert (opnieuw.grenzen.aangemaakt, opnieuw.grenzen.ongewijzigd) == (0, 3)
    # A file without boundaries (the attribute table as CSV) leaves them as they are.
    uit, _fout, _weigering = commando(pad, "--jaar", "2024")
    assert "Neighbourhood boundaries: 0 created, 0 updated, 3 unchanged." in uit
    importeer(KAART)
    assert Buurtgrens.objects.count() == 3


def test_geopackage_grens_gewijzigd_bijgewerkt(tmp_path):
    importeer(geopackage(tmp_path / "a.gpkg", **AMSTERDAM_KAART), jaar=2024)
    groter = [gpkg_blob(vierkant(i, 500), envelop=False, groot=True) for i in range(3)]
    resultaat = importeer(
        geopackage(tmp_path / "b.gpkg", **AMSTERDAM_KAART, vormen=groter), jaar=2024
    )
    assert resultaat.grenzen.bijgewerkt == 3
    grens = Buurtgrens.objects.get(buurt__code="BU0363AA01")
    assert (grens.x_max - grens.x_min, grens.y_max - grens.y_min) == (500, 500)


def test_geopackage_lege_grens_overgeslagen(tmp_path):
    leeg = b"GP\x00\x11" + struct.pack("<i", 28992)  # the empty-geometry flag
    vormen = [gpkg_blob(vierkant(0)), leeg, None]
    resultaat = importeer(
        geopackage(tmp_path / "kaart.gpkg", **AMSTERDAM_KAART, vormen=vormen), jaar=2024
    )
    assert resultaat.buurten.aangemaakt == 3 and resultaat.grenzen.aangemaakt == 1


@pytest.mark.parametrize(
    ("vorm", "fout"),
    [
        (b"XX\x00\x01\x40\x71\x00\x00", "The boundary cannot be read (not a GeoPackage geometry)"),
        (b"GP\x00\x01\x40\x71\x00\x00\x01\x03", "The boundary cannot be read (unreadable geometry"),
        (
            gpkg_blob(Point(120_000, 487_000)),
            "The boundary cannot be used (a boundary must be an area",
        ),
    ],
)
def test_geopackage_onbruikbare_grens_noemt_rij(tmp_path, vorm, fout):
    vormen = [gpkg_blob(vierkant(0)), vorm, gpkg_blob(vierkant(2))]
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(geopackage(tmp_path / "kaart.gpkg", **AMSTERDAM_KAART, vormen=vormen), jaar=2024)
    assert [n for n, _m in exc.value.fouten] == [2]
    assert exc.value.fouten[0][1].startswith(fout), exc.value.fouten
    assert not Buurt.objects.exists() and not Buurtgrens.objects.exists()


def test_geopackage_in_ander_stelsel_geweigerd(tmp_path):
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(geopackage(tmp_path / "wgs84.gpkg", **AMSTERDAM_KAART, srs=4326), jaar=2024)
    assert "not in RD New (EPSG:28992)" in exc.value.fouten[0][1]
    assert not Buurt.objects.exists()


def test_sqlite_zonder_geopackage_geweigerd(tmp_path):
    pad = tmp_path / "iets.gpkg"
    verbinding = sqlite3.connect(pad)
    verbinding.execute("CREATE TABLE x (a)")
    verbinding.close()
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(pad)
    assert "not a GeoPackage" in exc.value.fouten[0][1]


# --- What Excel and other programs write ----------------------------------------------------


def test_cp1252_bestand_geweigerd_met_regel_positie_en_advies():
    tekst = "GM_CODE;GM_NAAM;WK_CODE;WK_NAAM;BU_CODE;BU_NAAM\r\n"
    tekst += "GM0363;Amsterdam;WK0363AA;Burgwallen;BU0363AA01;Kop Zeedijk\r\n"
    tekst += "GM0363;Amsterdam;WK0363AA;Burgwallen;BU0363AA02;Café de Zwaan\r\n"
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(io.BytesIO(tekst.encode("cp1252")))
    ((regel, bericht),) = exc.value.fouten
    # "Café": the é is byte 52 of line 3, and byte 162 of the file.
    assert regel == 3
    assert "byte 52 of the line (byte 162 of the file) is 0xE9" in bericht and "“é”" in bericht
    assert "CSV UTF-8" in exc.value.advies
    assert not Wijk.objects.exists()
    # Saved as CSV UTF-8 (with Excel's byte-order mark), the same rows import.
    assert importeer(io.BytesIO(b"\xef\xbb\xbf" + tekst.encode())).buurten.aangemaakt == 2


def test_veel_coderingsfouten_worden_geteld():
    regels = ["GM_CODE;GM_NAAM;WK_CODE;WK_NAAM;BU_CODE;BU_NAAM"] + [
        f"GM0363;Amsterdam;WK0363AA;Burgwallen;BU0363AA{n:02d};Caf\xe9" for n in range(30)
    ]
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(io.BytesIO("\n".join(regels).encode("cp1252")))
    assert len(exc.value.fouten) == cbs.MAX_CODERINGSFOUTEN + 1
    assert exc.value.fouten[-1] == (22, "and 10 more lines that are not UTF-8.")


@pytest.mark.parametrize(
    ("begin", "woord"),
    [
        (b"PK\x03\x04", "Excel workbook"),
        (b"\xd0\xcf\x11\xe0", ".xls"),
        ("GM_CODE,GM_NAAM".encode("utf-16"), "UTF-16"),
    ],
)
def test_geen_csv_geweigerd_met_advies(begin, woord):
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(io.BytesIO(begin + b"rest"))
    assert woord in exc.value.fouten[0][1] and "CSV UTF-8" in exc.value.fouten[0][1]


def test_onbekende_kop_geweigerd():
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(io.StringIO("naam;adres;woonplaats\nA;B;C\n"))
    assert exc.value.fouten[0][0] == 1 and "naam, adres, woonplaats" in exc.value.fouten[0][1]


# --- A re-division --------------------------------------------------------------------------


def test_herindeling_gemeld_en_niets_gearchiveerd_zonder_optie():
    importeer(STATLINE_2019, jaar=2019)
    resultaat = importeer(STATLINE_2024, gemeenten=["GM0363"], jaar=2024)
    assert [c for c, _n in resultaat.vervallen_wijken] == ["WK036300", "WK036301"]
    assert {c for c, _n in resultaat.vervallen_buurten} == AMSTERDAM_2019
    assert not resultaat.gearchiveerd
    assert not Wijk.objects.vervallen().exists() and not Buurt.objects.vervallen().exists()


def test_herindeling_archiveert_en_bewaart_alles():
    importeer(STATLINE_2019, jaar=2019)
    oud = Wijk.objects.get(code="WK036300")
    groep = BewonersgroepFactory(wijk=oud, naam="Wijkraad Burgwallen")
    onderwerp = OnderwerpFactory(wijk=oud, buurt=oud.buurten.first())
    # Another municipality's wards are not in this file and must not be touched.
    elders = WijkFactory(code="WK059901", gemeentecode="GM0599")

    resultaat = importeer(STATLINE_2024, gemeenten=["GM0363"], jaar=2024, vervallen_archiveren=True)

    assert resultaat.gearchiveerd and resultaat.vervallen_per == 2024
    oud.refresh_from_db()
    assert oud.vervallen_per == 2024
    assert set(Buurt.objects.vervallen().values_list("code", flat=True)) == AMSTERDAM_2019
    assert set(Buurt.objects.actief().values_list("code", flat=True)) == AMSTERDAM_2024
    assert set(Wijk.objects.actief().values_list("code", flat=True)) == {
        "WK0363AA",
        "WK0363BA",
        elders.code,
    }
    # Nothing deleted: the ward keeps its neighbourhoods, key figures, group and item.
    assert oud.buurten.count() == 2 and Kerncijfers.objects.filter(jaar=2019).count() == 3
    groep.refresh_from_db()
    onderwerp.refresh_from_db()
    assert groep.wijk == oud and onderwerp.wijk == oud

    # Idempotent: the same file again changes nothing and archives nothing more.
    nog_eens = importeer(STATLINE_2024, gemeenten=["GM0363"], jaar=2024, vervallen_archiveren=True)
    assert nog_eens.vervallen_wijken == [] and nog_eens.vervallen_buurten == []
    assert (nog_eens.wijken.ongewijzigd, nog_eens.buurten.ongewijzigd) == (2, 5)
    assert nog_eens.kerncijfers.ongewijzigd == 5
    assert Wijk.objects.vervallen().count() == 2


def test_vervallen_wijk_in_een_later_bestand_weer_in_gebruik():
    importeer(STATLINE_2019, jaar=2019)
    importeer(STATLINE_2024, gemeenten=["GM0363"], jaar=2024, vervallen_archiveren=True)
    resultaat = importeer(STATLINE_2019, jaar=2019)
    assert [c for c, _n in resultaat.herstelde_wijken] == ["WK036300", "WK036301"]
    assert Wijk.objects.get(code="WK036300").vervallen_per is None
    assert Buurt.objects.get(code="BU03630000").vervallen_per is None


def test_eigen_wijkindeling_blijft_bij_een_cbs_bestand():
    """A municipality that put a neighbourhood in a ward of its own keeps it there when
    it imports CBS's figures: CBS does not know its division."""
    eigen = WijkFactory(code="WK0363ZZ", naam="Oude Stad", gemeentecode="GM0363")
    BuurtFactory(code="BU0363AA01", naam="Kop Zeedijk", wijk=eigen, cbs_wijkcode="WK0363AA")
    resultaat = importeer(STATLINE_2024, gemeenten=["GM0363"], jaar=2024)
    kop = Buurt.objects.get(code="BU0363AA01")
    assert (kop.wijk.code, kop.cbs_wijkcode) == ("WK0363ZZ", "WK0363AA")
    assert Wijk.objects.get(code="WK0363ZZ").naam == "Oude Stad"
    assert "WK0363ZZ" not in {c for c, _n in resultaat.vervallen_wijken}


def test_met_de_hand_ingevoerde_rijen_van_een_andere_gemeentecode_worden_bijgewerkt():
    """A ward and neighbourhood entered by hand under a wrong municipality code are found
    by their own codes and corrected, not created a second time."""
    wijk = WijkFactory(code="WK0363AA", naam="Oude Zijde", gemeentecode="GM9999")
    BuurtFactory(code="BU0363AA01", naam="Zeedijk", wijk=wijk, cbs_wijkcode="WK0363AA")
    resultaat = importeer(STATLINE_2024, gemeenten=["GM0363"], jaar=2024)
    assert (resultaat.wijken.bijgewerkt, resultaat.buurten.bijgewerkt) == (1, 1)
    wijk.refresh_from_db()
    assert (wijk.naam, wijk.gemeentecode) == ("Burgwallen-Oude Zijde", "GM0363")
    assert Buurt.objects.get(code="BU0363AA01").naam == "Kop Zeedijk"


# --- The command ------------------------------------------------------------------------------


def test_commando_zegt_wat_het_las_en_telt():
    uit, fout, weigering = commando(STATLINE_2024, "--gemeente", "GM0363", "--jaar", "2024")
    assert weigering is None, fout
    assert "Read: CBS StatLine table “Kerncijfers wijken en buurten” (CSV export)." in uit
    assert "Municipality: GM0363 Amsterdam." in uit
    assert "Wards: 2 created, 0 updated, 0 unchanged." in uit
    assert "Neighbourhoods: 5 created, 0 updated, 0 unchanged." in uit
    assert uit.rstrip().endswith("Import complete.")


def test_commando_herindeling_lijst_en_archiveren():
    commando(STATLINE_2019, "--jaar", "2019")
    uit, fout, _w = commando(STATLINE_2024, "--gemeente", "GM0363", "--jaar", "2024")
    assert "No longer in the file (a CBS re-division?): 2 wards and 3 neighbourhoods." in fout
    assert "  WK036300 Burgwallen-Oude Zijde" in fout and "--vervallen-archiveren" in fout
    uit, fout, _w = commando(
        STATLINE_2024, "--gemeente", "GM0363", "--jaar", "2024", "--vervallen-archiveren"
    )
    assert "archived as no longer in use from 2024: 2 wards and 3 neighbourhoods" in uit
    assert "  BU03630100 Nieuwendijk-Noord" in uit


def test_commando_in_het_nederlands_helemaal():
    """Every line in one language: the Dutch run has none of the English sentences."""
    uit, fout, _w = commando(STATLINE_2024, "--gemeente", "GM0363", "--jaar", "2024", taal="nl")
    assert "Gelezen: CBS StatLine-tabel" in uit and "Gemeente: GM0363 Amsterdam." in uit
    assert "Wijken: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd." in uit
    assert "Import voltooid." in uit
    for engels in ("Read:", "created", "Municipality", "Import complete"):
        assert engels not in uit + fout
    _uit, fout, weigering = commando(STATLINE_2024, taal="nl")
    assert "regel 1: " in fout and "gemeenten" in fout
    assert "Het bestand is geweigerd (2 fouten); er is niets geïmporteerd." in str(weigering)
    for engels in ("line 1", "municipalities", "refused", "nothing was imported"):
        assert engels not in fout + str(weigering)


def test_commando_cp1252(tmp_path):
    bestand = tmp_path / "wijken.csv"
    bestand.write_bytes(
        "GM_CODE;GM_NAAM;WK_CODE;WK_NAAM;BU_CODE;BU_NAAM\r\n"
        "GM1900;Súdwest-Fryslân;WK190000;Sneek;BU19000000;Sneek-Centrum\r\n".encode("cp1252")
    )
    _uit, fout, weigering = commando(bestand)
    assert "line 2: byte 9 of the line (byte 58 of the file) is 0xFA" in fout
    assert "save it as “CSV UTF-8 (comma delimited)”" in fout
    assert "nothing was imported" in str(weigering)


def test_commando_ongeldige_gemeentecode():
    _uit, _fout, weigering = commando(STATLINE_2024, "--gemeente", "Amsterdam")
    assert weigering and "GM followed by four digits" in str(weigering)


def test_commando_veel_fouten_afgekapt(tmp_path):
    bestand = tmp_path / "fout.csv"
    regels = ["GM_CODE,GM_NAAM,WK_CODE,WK_NAAM,BU_CODE,BU_NAAM"]
    regels += [f"GM0363,Amsterdam,WK0363AA,B,BU0363AB{n:02d},X" for n in range(99)] * 3
    bestand.write_text("\n".join(regels), encoding="utf-8")
    _uit, fout, weigering = commando(bestand)
    assert fout.count("\n") == 201 and "… and 97 more errors." in fout
    assert "(297 errors)" in str(weigering)

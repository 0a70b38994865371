"""manage.py import_wijken and the import service: all or nothing, idempotent."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from wijken.models import Buurt, Kerncijfers, Wijk
from wijken.services import ImportGeweigerd, wijken_importeren

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _engels():
    """Messages are asserted in English, the source language; the command's own tests
    choose a language with --taal."""
    with translation.override("en"):
        yield


KOP = "GM_CODE,GM_NAAM,WK_CODE,WK_NAAM,BU_CODE,BU_NAAM"
GOED = "\n".join(
    [
        KOP + ",JAAR,AANT_INW,AANTAL_HH,P_00_14_JR,P_15_24_JR,P_25_44_JR,P_45_64_JR,P_65_EO_JR",
        "GM0123,Teststad,WK012301,Noord,BU01230101,Molenwijk,2025,1000,400,10,10,30,30,20",
        "GM0123,Teststad,WK012301,Noord,BU01230102,Vogelbuurt,2025,3000,1200,20,10,30,20,20",
        "GM0123,Teststad,WK012302,Zuid,BU012302A1,Kanaalzone,2025,-99999999,.,,,,,",
    ]
)


def importeer(tekst, **kwargs):
    return wijken_importeren(bestand=io.StringIO(tekst), **kwargs)


def test_goed_bestand_maakt_wijken_buurten_en_kerncijfers():
    resultaat = importeer(GOED)

    assert (resultaat.wijken.aangemaakt, resultaat.buurten.aangemaakt) == (2, 3)
    assert resultaat.kerncijfers.aangemaakt == 2  # the third row has only secret values
    noord = Wijk.objects.get(code="WK012301")
    assert (noord.naam, noord.gemeentecode, noord.gemeentenaam) == ("Noord", "GM0123", "Teststad")
    assert set(noord.buurten.values_list("code", flat=True)) == {"BU01230101", "BU01230102"}
    # Letters past 99 are valid CBS neighbourhood codes.
    assert Buurt.objects.get(code="BU012302A1").wijk.code == "WK012302"
    cijfers = Kerncijfers.objects.get(buurt__code="BU01230101")
    assert (cijfers.jaar, cijfers.aantal_inwoners, cijfers.aantal_huishoudens) == (2025, 1000, 400)
    assert (cijfers.p_00_14, cijfers.p_65_eo) == (10, 20)


def test_profiel_weegt_percentages_naar_inwoners():
    importeer(GOED)
    profiel = Kerncijfers.objects.profiel(Wijk.objects.get(code="WK012301"))
    assert profiel["jaar"] == 2025
    assert profiel["aantal_inwoners"] == 4000
    assert profiel["aantal_huishoudens"] == 1600
    aandelen = {g["veld"]: g["procent"] for g in profiel["leeftijden"]}
    assert aandelen["p_00_14"] == round((10 * 1000 + 20 * 3000) / 4000)


def test_opnieuw_importeren_is_ongewijzigd():
    importeer(GOED)
    resultaat = importeer(GOED)
    assert resultaat.wijken.ongewijzigd == 2 and resultaat.wijken.aangemaakt == 0
    assert resultaat.buurten.ongewijzigd == 3 and resultaat.buurten.bijgewerkt == 0
    assert resultaat.kerncijfers.ongewijzigd == 2
    assert Wijk.objects.count() == 2 and Buurt.objects.count() == 3
    assert Kerncijfers.objects.count() == 2


def test_opnieuw_importeren_werkt_bij_en_laat_beschrijving_staan():
    importeer(GOED)
    Wijk.objects.filter(code="WK012301").update(beschrijving="Eigen tekst")
    resultaat = importeer(GOED.replace(",Noord,", ",Noord-Oost,"))
    assert resultaat.wijken.bijgewerkt == 1 and resultaat.wijken.ongewijzigd == 1
    wijk = Wijk.objects.get(code="WK012301")
    assert (wijk.naam, wijk.beschrijving) == ("Noord-Oost", "Eigen tekst")


@pytest.mark.parametrize(
    ("rij", "regel"),
    [
        ("GM123,Teststad,WK012301,Noord,BU01230103,X", 3),
        ("GM0123,Teststad,WK01231,Noord,BU01230103,X", 3),
        ("GM0123,Teststad,WK012301,Noord,BU0123010,X", 3),
        ("GM0123,Teststad,WK012301,Noord,bu01230103,X", 3),
        ("GM0123,Teststad,WK012301,Noord,BU99990103,X", 3),  # other municipality
        ("GM0123,Teststad,WK012301,Noord,BU01230201,X", 3),  # not in that CBS ward
        ("GM0123,Teststad,WK012301,Noord,BU01230101,Dubbel", 3),
        ("GM0123,Teststad,WK012301,,BU01230103,X", 3),
    ],
)
def test_fout_weigert_het_hele_bestand_met_regelnummer(rij, regel):
    tekst = "\n".join([KOP, "GM0123,Teststad,WK012301,Noord,BU01230101,Molenwijk", rij])
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(tekst)
    assert [n for n, _ in exc.value.fouten] == [regel] * len(exc.value.fouten)
    assert Wijk.objects.count() == 0 and Buurt.objects.count() == 0


def test_alle_fouten_worden_gemeld_en_niets_geschreven():
    importeer(GOED)
    voor = list(Buurt.objects.values_list("code", "naam", "wijk__code").order_by("code"))
    tekst = "\n".join(
        [
            KOP,
            "GM0123,Teststad,WK012301,Noord,BU01230101,Nieuwe naam",
            "GM0123,T,WKX,N,BU1,X",
            "",
            "X,Y,Z,,,",
        ]
    )
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(tekst)
    assert {n for n, _ in exc.value.fouten} == {3, 5}
    assert list(Buurt.objects.values_list("code", "naam", "wijk__code").order_by("code")) == voor


def test_ontbrekende_kolommen_en_leeg_bestand():
    with pytest.raises(ImportGeweigerd) as exc:
        importeer("GM_CODE,WK_CODE\nGM0123,WK012301")
    assert exc.value.fouten[0][0] == 1
    with pytest.raises(ImportGeweigerd):
        importeer("")


def test_kerncijfers_zonder_jaar_geweigerd_of_jaar_als_optie():
    tekst = KOP + ",AANT_INW\nGM0123,Teststad,WK012301,Noord,BU01230101,Molenwijk,1200"
    with pytest.raises(ImportGeweigerd):
        importeer(tekst)
    importeer(tekst, jaar=2024)
    assert Kerncijfers.objects.get().jaar == 2024


def test_ongeldig_kerncijfer_met_regelnummer():
    tekst = (
        KOP + ",JAAR,AANT_INW,P_00_14_JR\nGM0123,Teststad,WK012301,Noord,BU01230101,M,2025,veel,101"
    )
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(tekst)
    assert [n for n, _ in exc.value.fouten] == [2, 2]


def test_eigen_wijkindeling_van_de_gemeente():
    tekst = "\n".join(
        [
            KOP + ",PORTAAL_WK_CODE,PORTAAL_WK_NAAM",
            "GM0123,Teststad,WK012301,Noord,BU01230101,Molenwijk,,",
            # CBS puts the Sportpark in Oost; the municipality counts it with Noord.
            "GM0123,Teststad,WK012302,Oost,BU01230201,Sportpark,WK012301,",
            "GM0123,Teststad,WK012302,Oost,BU01230202,Oosterhof,WK0123A1,Oost en Haven",
        ]
    )
    importeer(tekst)
    sportpark = Buurt.objects.get(code="BU01230201")
    assert (sportpark.wijk.code, sportpark.cbs_wijkcode) == ("WK012301", "WK012302")
    assert Wijk.objects.get(code="WK0123A1").naam == "Oost en Haven"
    # CBS ward Oost has no neighbourhood of its own in the portal: no ward is made for it.
    assert set(Wijk.objects.values_list("code", flat=True)) == {"WK012301", "WK0123A1"}


def test_eigen_wijk_zonder_naam_geweigerd():
    tekst = KOP + ",PORTAAL_WK_CODE\nGM0123,Teststad,WK012302,Oost,BU01230201,Sportpark,WK012309"
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(tekst)
    assert exc.value.fouten[0][0] == 2


def test_puntkomma_en_bom():
    tekst = "\ufeff" + GOED.replace(",", ";")
    assert importeer(tekst).buurten.aangemaakt == 3


def test_commando_meldt_aantallen(tmp_path):
    bestand = tmp_path / "wijken.csv"
    bestand.write_text(GOED, encoding="utf-8")
    uit = io.StringIO()
    call_command("import_wijken", str(bestand), taal="en", stdout=uit)
    assert "Read: the portal's CSV format" in uit.getvalue()
    assert "Wards: 2 created, 0 updated, 0 unchanged." in uit.getvalue()
    uit = io.StringIO()
    call_command("import_wijken", str(bestand), taal="en", stdout=uit)
    assert "Neighbourhoods: 0 created, 0 updated, 3 unchanged." in uit.getvalue()


def test_commando_weigert_met_regelnummers(tmp_path):
    bestand = tmp_path / "fout.csv"
    bestand.write_text(KOP + "\nGM0123,Teststad,WK01,Noord,BU01230101,M\n", encoding="utf-8")
    fout = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_wijken", str(bestand), taal="en", stderr=fout)
    assert "line 2: 'WK01': Enter a CBS ward code" in fout.getvalue()
    assert Wijk.objects.count() == 0
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_wijken", str(tmp_path / "bestaat-niet.csv"), taal="en")


def test_lege_wijkcode_geeft_een_fout():
    tekst = "\n".join([KOP, "GM0123,Teststad,,Noord,BU01230101,Molenwijk"])
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(tekst)
    assert exc.value.fouten == [(2, "WK_CODE is empty.")]


@pytest.mark.parametrize(
    ("rij", "gevonden"),
    [
        ("GM0123,Teststad,WK012301,Noord,BU01230101", 5),
        ("GM0123,Teststad,WK012301,Noord,BU01230101,Molenwijk,extra", 7),
    ],
)
def test_te_korte_of_te_lange_regel_noemt_aantal_velden(rij, gevonden):
    with pytest.raises(ImportGeweigerd) as exc:
        importeer("\n".join([KOP, "GM0123,Teststad,WK012301,Noord,BU01230102,Vogelbuurt", rij]))
    assert exc.value.fouten == [
        (
            3,
            f"this line has {gevonden} fields where the header has 6. Look for a missing or "
            "extra “,” or an unclosed quotation mark.",
        )
    ]
    assert not Wijk.objects.exists()


def test_alleen_een_kop_waarschuwt(tmp_path):
    resultaat = importeer(KOP + "\r\n")
    assert resultaat.leeg and resultaat.wijken.aangemaakt == 0
    bestand = tmp_path / "leeg.csv"
    bestand.write_text(KOP + "\n", encoding="utf-8")
    uit, fout = io.StringIO(), io.StringIO()
    call_command("import_wijken", str(bestand), taal="en", stdout=uit, stderr=fout)
    assert "The file holds no neighbourhoods: nothing was imported." in fout.getvalue()
    assert "Import complete" not in uit.getvalue()


def test_meer_gemeenten_vraagt_een_keuze():
    tekst = "\n".join(
        [
            KOP,
            "GM0123,Teststad,WK012301,Noord,BU01230101,M",
            "GM0456,Elders,WK045601,Oost,BU04560101,O",
        ]
    )
    with pytest.raises(ImportGeweigerd) as exc:
        importeer(tekst)
    assert "--gemeente" in exc.value.fouten[0][1] and not Wijk.objects.exists()
    importeer(tekst, gemeenten=["GM0456"])
    assert list(Wijk.objects.values_list("code", flat=True)) == ["WK045601"]
    importeer(tekst, alle_gemeenten=True)
    assert Wijk.objects.count() == 2


def test_demobestand_is_geldig():
    from wijken.demo import DEMO_CSV

    with DEMO_CSV.open(encoding="utf-8") as f:
        resultaat = wijken_importeren(bestand=f)
    assert resultaat.wijken.aangemaakt >= 6
    assert all(2 <= w.buurten.count() <= 4 for w in Wijk.objects.all())

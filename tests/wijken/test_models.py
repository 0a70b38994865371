"""Models: CBS code validation, database constraints, QuerySet reads."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests.wijken.factories import (
    BestuursfunctieFactory,
    BewonersgroepFactory,
    BuurtFactory,
    KerncijfersFactory,
    WijkFactory,
    WijkprofessionalFactory,
)
from wijken.models import (
    Bestuursfunctie,
    Bewonersgroep,
    Kerncijfers,
    Wijk,
    buurtcode_validator,
    gemeentecode_validator,
    wijkcode_validator,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("validator", "goed", "fout"),
    [
        (
            gemeentecode_validator,
            ["GM0363", "GM9999"],
            ["GM363", "gm0363", "GM03631", "WK0363", ""],
        ),
        (
            wijkcode_validator,
            ["WK036301", "WK0363A1", "WK0363ZZ", "WK0363AA"],
            ["WK03631", "WK036301 ", "WK0363a1", "BU036301", "WK03A301", "WK0363A"],
        ),
        (
            buurtcode_validator,
            # Letters may follow the municipality's digits anywhere: Amsterdam's codes.
            ["BU03630101", "BU036301A2", "BU0363A101", "BU0363AA01", "BU0363AAZZ"],
            ["BU0363010", "BU03630101\n", "BU03A30101", "BU0363aa01", "WK03630101", ""],
        ),
    ],
)
def test_cbs_codes(validator, goed, fout):
    for code in goed:
        validator(code)
    for code in fout:
        with pytest.raises(ValidationError) as exc:
            validator(code)
        assert exc.value.messages[0]  # a message naming the expected form


def test_full_clean_meldt_foute_wijkcode():
    wijk = Wijk(code="WK12", naam="X", gemeentecode="GM0001", gemeentenaam="Y")
    with pytest.raises(ValidationError) as exc:
        wijk.full_clean()
    assert "code" in exc.value.message_dict


def test_vacature_zonder_tekst_kan_niet():
    with pytest.raises(IntegrityError):
        BestuursfunctieFactory(is_vacant=True, naam="", vacaturetekst="")


def test_bezette_functie_zonder_naam_kan_niet():
    with pytest.raises(IntegrityError):
        BestuursfunctieFactory(naam="")


def test_wijkraadstatus_alleen_bij_wijkraad():
    with pytest.raises(IntegrityError):
        BewonersgroepFactory(wijkraad_status="actief")


def test_wijkraad_zonder_status_kan_niet():
    with pytest.raises(IntegrityError):
        BewonersgroepFactory(soort="wijkraad", wijkraad_status="")


def test_professional_moet_bereikbaar_zijn():
    with pytest.raises(IntegrityError):
        WijkprofessionalFactory(telefoon="")


def test_ongeldige_soort_kan_niet():
    with pytest.raises(IntegrityError):
        BewonersgroepFactory(soort="geheim")


def test_met_aantallen_en_zoeken():
    noord = WijkFactory(naam="Noord")
    zuid = WijkFactory(naam="Zuid")
    BuurtFactory(wijk=noord, naam="Vogelbuurt")
    BuurtFactory(wijk=noord, naam="Vogelwijk")
    groep = BewonersgroepFactory(wijk=noord)
    BestuursfunctieFactory(groep=groep, vacant=True)
    BestuursfunctieFactory(groep=groep, vacant=True, functie="secretaris")
    BestuursfunctieFactory(groep=groep, functie="lid")
    rij = Wijk.objects.met_aantallen().get(pk=noord.pk)
    assert (rij.aantal_buurten, rij.aantal_groepen, rij.aantal_vacatures) == (2, 1, 2)
    assert list(Wijk.objects.zoeken("vogel")) == [noord]
    assert list(Wijk.objects.zoeken("ZUI")) == [zuid]
    assert set(Wijk.objects.zoeken("")) == {noord, zuid}
    for raar in ["' OR 1=1--", "%", "_", "\\", "x" * 10_000]:
        assert list(Wijk.objects.zoeken(raar)) == []


def test_zoeken_negeert_accenten_en_hoofdletters():
    """On SQLite through our function, on PostgreSQL through unaccent: the same answers."""
    indie = WijkFactory(naam="Indië")
    cafe = WijkFactory(naam="Oost")
    BuurtFactory(wijk=cafe, naam="Café Rûst")
    straat = WijkFactory(naam="GROẞE STRAßE")
    for term, wijken in [
        ("indie", [indie]),
        ("INDIË", [indie]),
        ("Indíe", [indie]),
        ("cafe", [cafe]),
        ("RUST", [cafe]),
        ("strasse", [straat]),
        ("indieë", []),
    ]:
        assert list(Wijk.objects.zoeken(term)) == wijken, term


def test_zoeken_op_gemeente_en_niet_in_vervallen_buurten():
    amsterdam = WijkFactory(naam="Centrum", gemeentenaam="Amsterdam")
    WijkFactory(naam="Centrum", gemeentenaam="Rotterdam")
    noord = WijkFactory(naam="Noord")
    BuurtFactory(wijk=noord, naam="Oude Haven", vervallen_per=2024)
    assert list(Wijk.objects.zoeken("amster")) == [amsterdam]
    assert list(Wijk.objects.zoeken("haven")) == []


def test_vervallen_wijken_en_buurten_apart():
    wijk = WijkFactory(naam="Noord")
    oud = WijkFactory(naam="Oud-Noord", vervallen_per=2024)
    BuurtFactory(wijk=wijk, naam="Nieuw")
    BuurtFactory(wijk=wijk, naam="Weg", vervallen_per=2024)
    assert list(Wijk.objects.actief()) == [wijk] and list(Wijk.objects.vervallen()) == [oud]
    assert Wijk.objects.met_aantallen().get(pk=wijk.pk).aantal_buurten == 1
    assert list(Wijk.objects.voor_wijkzoeker()) == [wijk]
    rijen = list(Wijk.objects.voor_overzicht())
    assert rijen == [wijk] and [b.naam for b in rijen[0].buurten.all()] == ["Nieuw"]


@pytest.mark.parametrize("jaar", [1989, 2101])
def test_vervallen_per_is_een_redelijk_jaar(jaar):
    with pytest.raises(IntegrityError):
        WijkFactory(vervallen_per=jaar)


def test_op_naam_negeert_accenten_gelijk_op_elke_database():
    namen = ["Zuid", "Émile", "'t Zand", "eiland", "Achterhoek", "Ede"]
    for naam in namen:
        WijkFactory(naam=naam)
    assert [w.naam for w in Wijk.objects.op_naam()] == [
        "'t Zand",
        "Achterhoek",
        "Ede",
        "eiland",
        "Émile",
        "Zuid",
    ]


def test_functies_op_volgorde():
    groep = BewonersgroepFactory()
    lid = BestuursfunctieFactory(groep=groep, functie="lid")
    voorzitter = BestuursfunctieFactory(groep=groep, functie="voorzitter")
    penningmeester = BestuursfunctieFactory(groep=groep, functie="penningmeester")
    assert list(groep.functies.op_volgorde()) == [voorzitter, penningmeester, lid]
    assert list(Bestuursfunctie.objects.filter(groep=groep)) == [voorzitter, penningmeester, lid]


def test_groepen_voor_wijkpagina_op_soort():
    wijk = WijkFactory()
    club = BewonersgroepFactory(wijk=wijk, soort="sportvereniging", naam="A")
    raad = BewonersgroepFactory(wijk=wijk, wijkraad=True, naam="Z")
    assert list(Bewonersgroep.objects.filter(wijk=wijk).voor_wijkpagina()) == [raad, club]


def test_profiel_neemt_laatste_jaar_en_slaat_ontbrekend_over():
    wijk = WijkFactory()
    KerncijfersFactory(buurt__wijk=wijk, jaar=2023, aantal_inwoners=5)
    KerncijfersFactory(buurt__wijk=wijk, jaar=2025, aantal_inwoners=1000, p_00_14=None)
    profiel = Kerncijfers.objects.profiel(wijk)
    assert profiel["jaar"] == 2025 and profiel["aantal_inwoners"] == 1000
    assert "p_00_14" not in {g["veld"] for g in profiel["leeftijden"]}

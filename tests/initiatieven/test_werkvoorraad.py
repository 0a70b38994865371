"""The ward officials' pages: work queue, revisit list, the alderman's list and triage.

Assertions are on status codes, rows, ids and hrefs, never on copy (it gets translated).
"""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from initiatieven.keuzes import RolGemeente, Soort, Status
from initiatieven.models import Actie, Bericht, Onderwerp, Statuswijziging
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import ActieFactory, OnderwerpFactory, ThemaFactory
from tests.responses import assert_page
from tests.wijken.factories import BewonersgroepFactory, WijkFactory
from wijken import pagecache

pytestmark = pytest.mark.django_db

WERKVOORRAAD = reverse("initiatieven:werkvoorraad")
HERBEZIEN = reverse("initiatieven:herbezien")
WETHOUDER = reverse("initiatieven:wethouder")


def _url(naam, onderwerp):
    return reverse(f"initiatieven:{naam}", args=[onderwerp.pk])


def _rijen(response) -> list[int]:
    return [int(i) for i in re.findall(r'id="rij-(\d+)"', response.content.decode())]


def _ids(response) -> set[int]:
    return {int(i) for i in re.findall(r'id="onderwerp-(\d+)"', response.content.decode())}


@pytest.fixture
def wijk():
    return WijkFactory(met_staf=True)


@pytest.fixture
def andere_wijk():
    return WijkFactory(met_staf=True)


@pytest.fixture
def adviseur(wijk):
    return wijk.wijkadviseur


def _client(gebruiker=None, **kwargs):
    c = Client(**kwargs)
    if gebruiker is not None:
        c.force_login(gebruiker)
    return c


# --- the work queue --------------------------------------------------------------------


def test_werkvoorraad_toegang(wijk):
    assert _client().get(WERKVOORRAAD).status_code == 302
    assert _client(GebruikerFactory()).get(WERKVOORRAAD).status_code == 403
    assert _client(wijk.wijkwethouder).get(WERKVOORRAAD).status_code == 403
    assert _client(wijk.wijkadviseur).get(WERKVOORRAAD).status_code == 200
    assert _client(wijk.opbouwwerker).get(WERKVOORRAAD).status_code == 200


def test_werkvoorraad_leeg(adviseur):
    response = _client(adviseur).get(WERKVOORRAAD)
    assert response.status_code == 200
    assert 'id="leeg"' in response.content.decode()


def test_werkvoorraad_volgorde_en_te_laat(wijk, andere_wijk, adviseur):
    vandaag = timezone.localdate()
    afgerond = OnderwerpFactory(wijk=wijk, afgerond=True)
    later = OnderwerpFactory(wijk=wijk, eerste_reactie_voor=vandaag + datetime.timedelta(days=9))
    eerder = OnderwerpFactory(wijk=wijk, eerste_reactie_voor=vandaag + datetime.timedelta(days=2))
    te_laat = OnderwerpFactory(wijk=wijk, te_laat=True)
    OnderwerpFactory(wijk=andere_wijk, te_laat=True)
    OnderwerpFactory(wijk=wijk, concept=True)
    response = _client(adviseur).get(WERKVOORRAAD)
    # Closed items are hidden unless asked for.
    assert _rijen(response) == [te_laat.pk, eerder.pk, later.pk]
    html = response.content.decode()
    assert f'id="rij-{te_laat.pk}" class="table-danger" data-te-laat="1"' in html
    assert html.count('data-te-laat="1"') == 1
    assert html.count('class="text-danger-emphasis te-laat"') == 1  # marked in text too
    assert f'href="{_url("triage", te_laat)}"' in html
    assert f'href="{HERBEZIEN}"' in html
    ook_afgesloten = _client(adviseur).get(WERKVOORRAAD, {"afgesloten": "on"})
    assert _rijen(ook_afgesloten) == [te_laat.pk, eerder.pk, later.pk, afgerond.pk]
    gekozen = _client(adviseur).get(WERKVOORRAAD, {"status": Status.AFGEROND})
    assert _rijen(gekozen) == [afgerond.pk]


def test_werkvoorraad_wat_de_adviseur_nu_nodig_heeft_bovenaan(wijk, adviseur):
    """An unanswered new item comes before answered ones, whatever their deadlines; a
    parked "not possible yet" item and items waiting for the alderman come after the
    advisor's own work; closed items are hidden."""
    vandaag = timezone.localdate()
    dag = datetime.timedelta(days=1)
    beantwoord = {"eerste_reactie_op": timezone.now()}
    # Within the advisor's own work the oldest submission first.
    oud, nieuwer = timezone.now() - 20 * dag, timezone.now() - 10 * dag
    geparkeerd = OnderwerpFactory(
        wijk=wijk,
        nog_niet=True,
        herbezien_op=vandaag + 30 * dag,
        eerste_reactie_voor=vandaag - 40 * dag,
    )
    bij_wethouder = OnderwerpFactory(
        wijk=wijk,
        status=Status.BIJ_WIJKWETHOUDER,
        eerste_reactie_voor=vandaag - 30 * dag,
        **beantwoord,
    )
    in_behandeling = OnderwerpFactory(
        wijk=wijk,
        status=Status.IN_BEHANDELING,
        eerste_reactie_voor=vandaag - 5 * dag,
        ingediend_op=oud,
        **beantwoord,
    )
    beantwoord_ingediend = OnderwerpFactory(
        wijk=wijk, eerste_reactie_voor=vandaag - 10 * dag, ingediend_op=nieuwer, **beantwoord
    )
    herbezien = OnderwerpFactory(wijk=wijk, nog_niet=True, eerste_reactie_voor=vandaag - 50 * dag)
    OnderwerpFactory(wijk=wijk, status=Status.INGETROKKEN, eerste_reactie_voor=vandaag - 60 * dag)
    OnderwerpFactory(wijk=wijk, status=Status.NIET_MOGELIJK, eerste_reactie_voor=vandaag - 60 * dag)
    nieuw = OnderwerpFactory(wijk=wijk, eerste_reactie_voor=vandaag + 14 * dag)
    te_laat = OnderwerpFactory(wijk=wijk, te_laat=True)
    rijen = _rijen(_client(adviseur).get(WERKVOORRAAD))
    assert rijen[:2] == [te_laat.pk, nieuw.pk]
    assert rijen == [
        te_laat.pk,
        nieuw.pk,
        herbezien.pk,
        in_behandeling.pk,
        beantwoord_ingediend.pk,
        bij_wethouder.pk,
        geparkeerd.pk,
    ]


def test_werkvoorraad_zegt_waarom_iets_niet_openbaar_is(wijk, adviseur):
    """ "Not public" tells "the submitter asked for it" from "not screened yet" (and from
    kept non-public at screening), in the work queue and on the triage page."""
    nieuw = OnderwerpFactory(wijk=wijk)
    nieuw_op_verzoek = OnderwerpFactory(wijk=wijk, wil_niet_openbaar=True)
    op_verzoek = OnderwerpFactory(
        wijk=wijk, wil_niet_openbaar=True, niet_openbaar_reden="Op verzoek van de indiener."
    )
    afgewezen = OnderwerpFactory(wijk=wijk, niet_openbaar_reden="Er staan namen in.")
    openbaar = OnderwerpFactory(wijk=wijk, openbaar_=True)
    c = _client(adviseur)
    html = c.get(WERKVOORRAAD).content.decode()

    def openbaarheid(onderwerp):
        rij = re.search(rf'<tr id="rij-{onderwerp.pk}".*?</tr>', html, re.S).group()
        gevonden = re.search(r'data-openbaarheid="([a-z_]+)">([^<]+)<', rij)
        return gevonden and gevonden.groups()

    assert openbaarheid(nieuw) == ("niet_gescreend", "Nog niet gescreend")
    assert openbaarheid(nieuw_op_verzoek)[0] == "niet_gescreend_op_verzoek"
    assert openbaarheid(op_verzoek)[0] == "op_verzoek"
    assert openbaarheid(afgewezen)[0] == "niet_openbaar"
    assert openbaarheid(openbaar) is None
    assert len({openbaarheid(o)[1] for o in (nieuw, nieuw_op_verzoek, op_verzoek, afgewezen)}) == 4
    for onderwerp, verwacht in ((nieuw, "niet_gescreend"), (op_verzoek, "op_verzoek")):
        triage = c.get(_url("triage", onderwerp)).content.decode()
        assert f'id="openbaarheid" data-openbaarheid="{verwacht}"' in triage


def test_werkvoorraad_rijen_uit_de_cache_zijn_nooit_oud(wijk, adviseur):
    """The rows are cached under a digest of what they show: a new state or an answer
    shows on the next request."""
    onderwerp = OnderwerpFactory(wijk=wijk, titel="Bankje")
    c = _client(adviseur)
    eerst = c.get(WERKVOORRAAD).content.decode()
    assert "Bankje" in eerst and 'data-status="ingediend"' in eerst
    onderwerp.status = Status.IN_BEHANDELING
    onderwerp.eerste_reactie_op = timezone.now()
    onderwerp.save()
    daarna = c.get(WERKVOORRAAD).content.decode()
    rij = re.search(rf'<tr id="rij-{onderwerp.pk}".*?</tr>', daarna, re.S).group()
    assert 'data-status="in_behandeling"' in rij and "Beantwoord" in rij


def test_werkvoorraad_opbouwwerker_ziet_eigen_wijken(wijk, andere_wijk):
    eigen = OnderwerpFactory(wijk=wijk)
    OnderwerpFactory(wijk=andere_wijk)
    assert _rijen(_client(wijk.opbouwwerker).get(WERKVOORRAAD)) == [eigen.pk]


def test_werkvoorraad_filters(wijk, andere_wijk, adviseur):
    tweede = WijkFactory(met_staf=True, wijkadviseur=adviseur)
    verkeer = ThemaFactory(naam="Alleen voor dit knelpunt")
    groen = ThemaFactory(naam="Groen en spelen")
    a = OnderwerpFactory(wijk=wijk, te_laat=True, thema=groen)
    b = OnderwerpFactory(wijk=tweede, knelpunt=True, thema=verkeer)
    c = OnderwerpFactory(wijk=wijk, status=Status.IN_BEHANDELING, kansrijk=True, thema=groen)
    OnderwerpFactory(wijk=andere_wijk)
    c_ = _client(adviseur)
    assert set(_rijen(c_.get(WERKVOORRAAD))) == {a.pk, b.pk, c.pk}
    assert set(_rijen(c_.get(WERKVOORRAAD, {"wijk": tweede.pk}))) == {b.pk}
    assert set(_rijen(c_.get(WERKVOORRAAD, {"soort": Soort.KNELPUNT}))) == {b.pk}
    assert set(_rijen(c_.get(WERKVOORRAAD, {"thema": verkeer.pk}))) == {b.pk}
    assert set(_rijen(c_.get(WERKVOORRAAD, {"status": Status.IN_BEHANDELING}))) == {c.pk}
    assert set(_rijen(c_.get(WERKVOORRAAD, {"te_laat": "on"}))) == {a.pk}
    assert set(_rijen(c_.get(WERKVOORRAAD, {"kansrijk": "on"}))) == {c.pk}
    # A ward that is not theirs is not a valid choice: ignored, never shown.
    assert set(_rijen(c_.get(WERKVOORRAAD, {"wijk": andere_wijk.pk}))) == {a.pk, b.pk, c.pk}
    for slecht in ({"page": "abc"}, {"page": "9999"}, {"status": "x' OR 1=1"}):
        assert c_.get(WERKVOORRAAD, slecht).status_code == 200


def test_werkvoorraad_aantallen_per_status(wijk, adviseur):
    OnderwerpFactory.create_batch(3, wijk=wijk)
    OnderwerpFactory.create_batch(2, wijk=wijk, status=Status.IN_BEHANDELING)
    OnderwerpFactory(wijk=WijkFactory(met_staf=True))
    html = _client(adviseur).get(WERKVOORRAAD).content.decode()
    assert re.search(r'data-status="ingediend">.*?<span class="aantal">3</span>', html)
    assert re.search(r'data-status="in_behandeling">.*?<span class="aantal">2</span>', html)
    assert 'data-status="afgerond">' not in html


def test_werkvoorraad_pagineert(wijk, adviseur):
    OnderwerpFactory.create_batch(23, wijk=wijk)
    c = _client(adviseur)
    assert len(_rijen(c.get(WERKVOORRAAD))) == 20
    assert len(_rijen(c.get(WERKVOORRAAD, {"page": 2}))) == 3


def test_werkvoorraad_queries_begrensd(wijk, adviseur, django_assert_max_num_queries):
    c = _client(adviseur)
    OnderwerpFactory.create_batch(2, wijk=wijk)
    c.get(WERKVOORRAAD)
    # Rendered afresh (the page cache off): the most the page costs.
    with pagecache.disabled(), django_assert_max_num_queries(9) as weinig:
        response = c.get(WERKVOORRAAD)
    assert_page(response, "initiatieven/werkvoorraad/werkvoorraad.html")
    OnderwerpFactory.create_batch(15, wijk=wijk, te_laat=True)
    OnderwerpFactory.create_batch(5, wijk=WijkFactory(met_staf=True, wijkadviseur=adviseur))
    with pagecache.disabled(), django_assert_max_num_queries(len(weinig.captured_queries)):
        response = c.get(WERKVOORRAAD)
    assert_page(response, "initiatieven/werkvoorraad/werkvoorraad.html")
    c.get(WERKVOORRAAD)
    # Unchanged data: from the cache, with only the session, the user, the person's wards
    # (the page's scope) and the versions; and the sections of higher apps, rendered on
    # every request (initiatieven.werkvoorraadsecties): meedenken's questions awaiting
    # feedback, one query when there are none.
    with django_assert_max_num_queries(5):
        response = c.get(WERKVOORRAAD)
    assert_page(response, "initiatieven/werkvoorraad/werkvoorraad.html")
    assert 'id="werkvoorraad"' in response.content.decode()


# --- revisit list ----------------------------------------------------------------------


def test_herbezien_lijst_en_knop(wijk, andere_wijk, adviseur):
    nu_aan_de_beurt = OnderwerpFactory(wijk=wijk, nog_niet=True)
    OnderwerpFactory(
        wijk=wijk, nog_niet=True, herbezien_op=timezone.localdate() + datetime.timedelta(days=5)
    )
    OnderwerpFactory(wijk=andere_wijk, nog_niet=True)
    response = _client(adviseur).get(HERBEZIEN)
    assert _ids(response) == {nu_aan_de_beurt.pk}
    assert f'action="{_url("stap", nu_aan_de_beurt)}"' in response.content.decode()
    # The community worker sees the list but has no step to take.
    html = _client(wijk.opbouwwerker).get(HERBEZIEN).content.decode()
    assert f'id="onderwerp-{nu_aan_de_beurt.pk}"' in html
    assert _url("stap", nu_aan_de_beurt) not in html
    assert _client(wijk.wijkwethouder).get(HERBEZIEN).status_code == 403

    response = _client(adviseur).post(
        _url("stap", nu_aan_de_beurt),
        {"naar": Status.IN_BEHANDELING, "versie": nu_aan_de_beurt.versie},
    )
    assert response.status_code == 302
    nu_aan_de_beurt.refresh_from_db()
    assert nu_aan_de_beurt.status == Status.IN_BEHANDELING
    assert nu_aan_de_beurt.herbezien_op is None


# --- the alderman's list ---------------------------------------------------------------


def test_wethouder_lijst(wijk, andere_wijk):
    escalatie = OnderwerpFactory(
        wijk=wijk, status=Status.BIJ_WIJKWETHOUDER, advies_wethouder="ADVIES-VOOR-WETHOUDER"
    )
    OnderwerpFactory(wijk=andere_wijk, status=Status.BIJ_WIJKWETHOUDER)
    OnderwerpFactory(wijk=wijk, status=Status.IN_BEHANDELING)
    response = _client(wijk.wijkwethouder).get(WETHOUDER)
    assert response.status_code == 200
    assert _ids(response) == {escalatie.pk}
    html = response.content.decode()
    assert "ADVIES-VOOR-WETHOUDER" in html
    assert _url("triage", escalatie) in html
    assert _client(wijk.wijkadviseur).get(WETHOUDER).status_code == 403
    assert _client(GebruikerFactory()).get(WETHOUDER).status_code == 403
    assert _client().get(WETHOUDER).status_code == 302
    assert 'id="leeg"' in _client(andere_wijk.wijkwethouder).get(WETHOUDER).content.decode() or (
        _ids(_client(andere_wijk.wijkwethouder).get(WETHOUDER)) != {escalatie.pk}
    )


def test_wethouder_beslist_op_triagepagina(wijk):
    onderwerp = OnderwerpFactory(wijk=wijk, status=Status.BIJ_WIJKWETHOUDER)
    c = _client(wijk.wijkwethouder)
    html = c.get(_url("triage", onderwerp)).content.decode()
    for naar in (Status.IN_BEHANDELING, Status.NIET_MOGELIJK, Status.NOG_NIET_MOGELIJK):
        # Each step needs a direction or explanation: a button that opens its fields.
        assert f'data-kies="{naar}"' in html
    assert 'id="screenen-form"' not in html and 'id="bericht-form"' not in html
    # Sending back requires a direction.
    response = c.post(
        _url("stap", onderwerp), {"naar": Status.IN_BEHANDELING, "versie": onderwerp.versie}
    )
    assert response.status_code == 200
    assert 'id="stap-terug_naar_adviseur-notitie"' in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.BIJ_WIJKWETHOUDER
    response = c.post(
        _url("stap", onderwerp),
        {"naar": Status.IN_BEHANDELING, "versie": onderwerp.versie, "notitie": "Eerst overleg."},
    )
    assert response.status_code == 302
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.IN_BEHANDELING
    assert onderwerp.statuswijzigingen.get().interne_notitie == "Eerst overleg."


# --- triage ----------------------------------------------------------------------------


def test_triage_menu_volgt_het_kruimelpad(wijk, adviseur):
    """The main menu marks the entry the breadcrumbs lead back to: the work queue for the
    advisor (also on the page a POST brings), the item list for the alderman."""
    onderwerp = OnderwerpFactory(wijk=wijk)

    def gemarkeerd(response) -> list[str]:
        menu = re.search(r'<nav class="hoofdmenu".*?</nav>', response.content.decode(), re.S)
        return re.findall(r'<a href="([^"]+)" aria-current="page">', menu.group())

    c = _client(adviseur)
    assert gemarkeerd(c.get(_url("triage", onderwerp))) == [WERKVOORRAAD]
    fout = c.post(_url("stap", onderwerp), {"naar": Status.NIET_MOGELIJK, "versie": 1})
    assert gemarkeerd(fout) == [WERKVOORRAAD]
    wethouder = _client(wijk.wijkwethouder).get(_url("triage", onderwerp))
    assert gemarkeerd(wethouder) == [reverse("initiatieven:lijst")]


def test_triage_toegang(wijk, andere_wijk):
    onderwerp = OnderwerpFactory(wijk=wijk)
    url = _url("triage", onderwerp)
    assert _client().get(url).status_code == 302
    assert _client(onderwerp.indiener).get(url).status_code == 404
    assert _client(GebruikerFactory()).get(url).status_code == 404
    assert _client(andere_wijk.wijkadviseur).get(url).status_code == 404
    assert _client(andere_wijk.opbouwwerker).get(url).status_code == 404
    for gebruiker in (wijk.wijkadviseur, wijk.opbouwwerker, wijk.wijkwethouder):
        assert _client(gebruiker).get(url).status_code == 200
    # College and griffie see every ward, read-only.
    for rol in ("collegelid", "griffie"):
        html = _client(GebruikerFactory(**{rol: True}, tweede_factor=True)).get(url)
        assert html.status_code == 200
        assert 'action="' + _url("screenen", onderwerp) not in html.content.decode()
    assert _client(OnderwerpFactory(wijk=wijk, concept=True).indiener).get(
        _url("triage", OnderwerpFactory(wijk=wijk, concept=True))
    ).status_code in (404,)


def test_triage_secties_per_rol(wijk):
    onderwerp = OnderwerpFactory(wijk=wijk, wil_niet_openbaar=True)
    html = _client(wijk.wijkadviseur).get(_url("triage", onderwerp)).content.decode()
    assert html.count("<h1") == 1
    for deel in ("screenen-form", "rol-form", "actie-form", "bericht-form", "wil-niet-openbaar"):
        assert f'id="{deel}"' in html
    assert 'data-naar="in_behandeling"' in html
    assert html.count('name="versie"') >= 3
    assert f'name="versie" value="{onderwerp.versie}"' in html
    # The community worker: notes and actions, no screening, no steps, no public answer.
    html = _client(wijk.opbouwwerker).get(_url("triage", onderwerp)).content.decode()
    assert 'id="actie-form"' in html and 'id="bericht-form"' in html
    assert 'id="screenen-form"' not in html and 'id="rol-form"' not in html
    assert "data-naar=" not in html
    assert 'value="ja"' not in html


def test_screenen_publiceren_met_aangepaste_titel(wijk, adviseur):
    onderwerp = OnderwerpFactory(wijk=wijk, titel="Origineel met naam buurman")
    response = _client(adviseur).post(
        _url("screenen", onderwerp),
        {
            "versie": onderwerp.versie,
            "openbaar": "ja",
            "publieke_titel": "Aangepaste titel",
            "publieke_beschrijving": "",
            # Fields the form does not have are ignored.
            "status": Status.AFGEROND,
            "wijk": 999,
            "indiener": adviseur.pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"].startswith(_url("triage", onderwerp))
    onderwerp.refresh_from_db()
    assert onderwerp.openbaar and onderwerp.publieke_titel == "Aangepaste titel"
    assert onderwerp.titel == "Origineel met naam buurman"
    assert onderwerp.status == Status.INGEDIEND and onderwerp.indiener != adviseur
    html = Client().get(onderwerp.get_absolute_url()).content.decode()
    assert "Aangepaste titel" in html and "buurman" not in html


def _screeningsvoorstel(html: str) -> dict:
    """What the screening form proposes: the checked choice and the reason's text."""
    form = re.search(r'<form[^>]*id="screenen-form".*?</form>', html, re.S)
    deel = form.group() if form else html
    gekozen = re.search(r'<input[^>]*name="openbaar"[^>]*value="(ja|nee)"[^>]*checked', deel)
    gekozen = gekozen or re.search(
        r'<input[^>]*name="openbaar"[^>]*checked[^>]*value="(ja|nee)"', deel
    )
    reden = re.search(r'<textarea[^>]*name="niet_openbaar_reden"[^>]*>(.*?)</textarea>', deel, re.S)
    return {"openbaar": gekozen.group(1), "niet_openbaar_reden": reden.group(1).strip()}


def test_screenen_stelt_voor_wat_de_indiener_vroeg(wijk, adviseur):
    """Not asked to keep it non-public: publishing is proposed, and saving the proposal
    publishes without asking for a reason. Asked: non-public is proposed with a reason."""
    c = _client(adviseur)
    gewoon = OnderwerpFactory(wijk=wijk)
    voorstel = _screeningsvoorstel(c.get(_url("triage", gewoon)).content.decode())
    assert voorstel["openbaar"] == "ja"
    response = c.post(_url("screenen", gewoon), {"versie": gewoon.versie, **voorstel})
    assert response.status_code == 302
    gewoon.refresh_from_db()
    assert gewoon.openbaar

    gevraagd = OnderwerpFactory(wijk=wijk, wil_niet_openbaar=True)
    voorstel = _screeningsvoorstel(c.get(_url("triage", gevraagd)).content.decode())
    assert voorstel["openbaar"] == "nee" and voorstel["niet_openbaar_reden"]
    response = c.post(_url("screenen", gevraagd), {"versie": gevraagd.versie, **voorstel})
    assert response.status_code == 302
    gevraagd.refresh_from_db()
    assert not gevraagd.openbaar and gevraagd.niet_openbaar_reden

    # Once screened, the form shows what was decided.
    afgewezen = OnderwerpFactory(wijk=wijk, niet_openbaar_reden="Er staan namen in.")
    voorstel = _screeningsvoorstel(c.get(_url("triage", afgewezen)).content.decode())
    assert voorstel == {"openbaar": "nee", "niet_openbaar_reden": "Er staan namen in."}


def test_triage_is_een_formulier_dat_niets_getypts_verliest(wijk, adviseur):
    """One form: saving the screening keeps a role explanation typed but not saved (the
    page comes back with it and says so); choosing a step shows that step's fields only
    and keeps everything typed; nothing is saved by choosing."""
    onderwerp = OnderwerpFactory(wijk=wijk)
    c = _client(adviseur)
    html = c.get(_url("triage", onderwerp)).content.decode()
    triage = re.search(r'<form[^>]*id="triage-form".*?</form>', html, re.S).group()
    for deel in ("screenen", "rol", "actie", "bericht"):
        assert (
            f'formaction="{_url(deel if deel != "actie" else "actie_toevoegen", onderwerp)}"'
            in triage
        )
    # No step's text box until a step is chosen.
    assert (
        "<textarea" not in re.search(r'<section id="workflow".*?</section>', triage, re.S).group()
    )
    # Enter in a text field submits nothing: the form's first submit button is disabled.
    assert re.search(r'<button type="submit" disabled hidden', triage.split("formaction")[0])

    pagina = {
        "versie": onderwerp.versie,
        "openbaar": "ja",
        "niet_openbaar_reden": "",
        "publieke_titel": "Bankje bij de vijver",
        "publieke_beschrijving": "",
        "rol_gemeente": "",
        "rol_toelichting": "TOELICHTING-NOG-NIET-OPGESLAGEN",
        "groep": "",
        "omschrijving": "",
        "eigenaar": "",
        "deadline": "",
        "bericht-openbaar": "nee",
        "bericht-tekst": "BERICHT-NOG-NIET-OPGESLAGEN",
    }
    response = c.post(_url("screenen", onderwerp), pagina)
    assert response.status_code == 200
    html = response.content.decode()
    assert "TOELICHTING-NOG-NIET-OPGESLAGEN" in html and "BERICHT-NOG-NIET-OPGESLAGEN" in html
    assert 'aria-invalid="true"' not in html  # kept, not checked
    onderwerp.refresh_from_db()
    assert onderwerp.openbaar and onderwerp.publieke_titel == "Bankje bij de vijver"
    assert onderwerp.rol_toelichting == "" and not Bericht.objects.exists()

    # Choosing a step: its fields, the input elsewhere kept, nothing saved.
    pagina.update(versie=onderwerp.versie, kies=Status.NIET_MOGELIJK)
    response = c.post(_url("stap", onderwerp), pagina)
    assert response.status_code == 200
    html = response.content.decode()
    werkstroom = re.search(r'<section id="workflow".*?</section>', html, re.S).group()
    assert 'id="stap-niet_mogelijk-toelichting"' in werkstroom
    assert werkstroom.count("<textarea") == 1
    assert 'name="gekozen_stap" value="niet_mogelijk"' in werkstroom
    assert "TOELICHTING-NOG-NIET-OPGESLAGEN" in html
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.INGEDIEND

    # Saving the role with the step's text typed: the step stays chosen with its text.
    del pagina["kies"]
    pagina.update(
        rol_gemeente=RolGemeente.FACILITEREN,
        gekozen_stap=Status.NIET_MOGELIJK,
        toelichting="REDEN-NOG-NIET-OPGESLAGEN",
    )
    response = c.post(_url("rol", onderwerp), pagina)
    assert response.status_code == 200
    html = response.content.decode()
    assert "REDEN-NOG-NIET-OPGESLAGEN" in html and "BERICHT-NOG-NIET-OPGESLAGEN" in html
    onderwerp.refresh_from_db()
    assert onderwerp.rol_toelichting == "TOELICHTING-NOG-NIET-OPGESLAGEN"
    assert onderwerp.status == Status.INGEDIEND

    # Choosing another step takes the explanation along.
    response = c.post(
        _url("stap", onderwerp),
        {**pagina, "versie": onderwerp.versie, "kies": Status.NOG_NIET_MOGELIJK},
    )
    werkstroom = re.search(
        r'<section id="workflow".*?</section>', response.content.decode(), re.S
    ).group()
    assert 'name="gekozen_stap" value="nog_niet_mogelijk"' in werkstroom
    assert re.search(
        r'id="stap-nog_niet_mogelijk-toelichting"[^>]*>\s*REDEN-NOG-NIET-OPGESLAGEN', werkstroom
    )

    # Nothing else typed: saving goes back to the page (a redirect).
    response = c.post(
        _url("screenen", onderwerp),
        {**pagina, "versie": onderwerp.versie, "toelichting": "", "bericht-tekst": ""},
    )
    assert response.status_code == 302


def test_screenen_niet_openbaar_vraagt_reden(wijk, adviseur):
    onderwerp = OnderwerpFactory(wijk=wijk, openbaar_=True)
    versie = onderwerp.versie
    response = _client(adviseur).post(
        _url("screenen", onderwerp),
        {"versie": versie, "openbaar": "nee", "publieke_titel": "Mijn invoer blijft"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="foutensamenvatting"' in html
    assert 'href="#screenen-niet_openbaar_reden"' in html
    assert 'value="Mijn invoer blijft"' in html
    onderwerp.refresh_from_db()
    assert onderwerp.openbaar and onderwerp.versie == versie
    response = _client(adviseur).post(
        _url("screenen", onderwerp),
        {"versie": versie, "openbaar": "nee", "niet_openbaar_reden": "Namen van buren."},
    )
    assert response.status_code == 302
    onderwerp.refresh_from_db()
    assert not onderwerp.openbaar and onderwerp.niet_openbaar_reden == "Namen van buren."


def test_conflict_twee_adviseurs(wijk, adviseur):
    """QUALITY.md 21: the second of two gets a conflict naming what changed; nothing lost."""
    onderwerp = OnderwerpFactory(wijk=wijk)
    gezien = onderwerp.versie
    eerste = _client(adviseur).post(
        _url("stap", onderwerp), {"naar": Status.IN_BEHANDELING, "versie": gezien}
    )
    assert eerste.status_code == 302
    tweede = _client(adviseur).post(
        _url("screenen", onderwerp),
        {"versie": gezien, "openbaar": "ja", "publieke_titel": "Te laat bedacht"},
    )
    assert tweede.status_code == 409
    html = tweede.content.decode()
    assert 'id="conflict"' in html
    assert str(Status.IN_BEHANDELING.label) in html
    # The person's input is kept, with the current version, to submit again knowingly.
    onderwerp.refresh_from_db()
    assert 'value="Te laat bedacht"' in html
    assert f'name="versie" value="{onderwerp.versie}"' in html
    assert not onderwerp.openbaar and onderwerp.publieke_titel == ""


def test_herhaalde_stap_geweigerd(wijk, adviseur):
    """QUALITY.md 11: a replayed transition is refused and writes no timeline row."""
    onderwerp = OnderwerpFactory(wijk=wijk)
    data = {"naar": Status.IN_BEHANDELING, "versie": onderwerp.versie}
    c = _client(adviseur)
    assert c.post(_url("stap", onderwerp), data).status_code == 302
    assert c.post(_url("stap", onderwerp), data).status_code == 409
    # Also with the current version: no such step from the new state.
    onderwerp.refresh_from_db()
    data["versie"] = onderwerp.versie
    assert c.post(_url("stap", onderwerp), data).status_code == 403
    assert Statuswijziging.objects.filter(onderwerp=onderwerp).count() == 1


def test_verboden_stap(wijk, adviseur):
    onderwerp = OnderwerpFactory(wijk=wijk)
    versie = onderwerp.versie
    c = _client(adviseur)
    for naar in (Status.GEAGENDEERD_RAAD, Status.AFGEROND, Status.CONCEPT):
        response = c.post(_url("stap", onderwerp), {"naar": naar, "versie": versie})
        assert response.status_code in (400, 403)
    assert c.post(_url("stap", onderwerp), {"naar": "onzin", "versie": versie}).status_code == 400
    assert c.post(_url("stap", onderwerp), {"naar": Status.IN_BEHANDELING}).status_code == 400
    onderwerp.refresh_from_db()
    assert onderwerp.versie == versie and not onderwerp.statuswijzigingen.exists()


def test_stap_met_vereiste_velden(wijk, adviseur):
    onderwerp = OnderwerpFactory(wijk=wijk, status=Status.IN_BEHANDELING)
    c = _client(adviseur)
    response = c.post(
        _url("stap", onderwerp),
        {"naar": Status.NOG_NIET_MOGELIJK, "versie": onderwerp.versie, "toelichting": "Budget."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#stap-nog_niet_mogelijk-herbezien_op"' in html
    assert "Budget." in html  # the input comes back
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.IN_BEHANDELING
    response = c.post(
        _url("stap", onderwerp),
        {
            "naar": Status.NOG_NIET_MOGELIJK,
            "versie": onderwerp.versie,
            "toelichting": "Budget.",
            "herbezien_op": "2031-01-15",
        },
    )
    assert response.status_code == 302
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.NOG_NIET_MOGELIJK
    assert onderwerp.herbezien_op == datetime.date(2031, 1, 15)
    stap = onderwerp.statuswijzigingen.get()
    assert stap.publieke_toelichting == "Budget." and stap.door == adviseur


def test_escaleren_en_afronden(wijk, adviseur):
    onderwerp = OnderwerpFactory(wijk=wijk, status=Status.IN_BEHANDELING)
    c = _client(adviseur)
    assert (
        c.post(
            _url("stap", onderwerp),
            {"naar": Status.BIJ_WIJKWETHOUDER, "versie": onderwerp.versie, "advies": "Steunen."},
        ).status_code
        == 302
    )
    onderwerp.refresh_from_db()
    assert onderwerp.advies_wethouder == "Steunen."
    ander = OnderwerpFactory(wijk=wijk, status=Status.IN_UITVOERING)
    response = c.post(
        _url("stap", ander),
        {"naar": Status.AFGEROND, "versie": ander.versie, "resultaat": "Er ligt een moestuin."},
    )
    assert response.status_code == 302
    ander.refresh_from_db()
    assert ander.status == Status.AFGEROND and ander.resultaat == "Er ligt een moestuin."


def test_rol_vastleggen(wijk, adviseur):
    groep = BewonersgroepFactory(wijk=wijk)
    vreemde_groep = BewonersgroepFactory(wijk=WijkFactory(met_staf=True))
    onderwerp = OnderwerpFactory(wijk=wijk)
    c = _client(adviseur)
    basis = {"versie": onderwerp.versie, "rol_gemeente": RolGemeente.GEEN_GEMEENTELIJKE_ZAAK}
    response = c.post(_url("rol", onderwerp), basis)
    assert response.status_code == 200
    assert 'href="#rol-rol_toelichting"' in response.content.decode()
    response = c.post(_url("rol", onderwerp), {**basis, "groep": vreemde_groep.pk})
    assert response.status_code == 200
    onderwerp.refresh_from_db()
    assert onderwerp.rol_gemeente == "" and onderwerp.groep is None
    response = c.post(
        _url("rol", onderwerp),
        {
            "versie": onderwerp.versie,
            "rol_gemeente": RolGemeente.FACILITEREN,
            "rol_toelichting": "Wij leveren materiaal.",
            "kansrijk": "on",
            "groep": groep.pk,
        },
    )
    assert response.status_code == 302
    onderwerp.refresh_from_db()
    assert onderwerp.rol_gemeente == RolGemeente.FACILITEREN
    assert onderwerp.kansrijk and onderwerp.groep == groep


def test_acties_toevoegen_en_afvinken(wijk):
    onderwerp = OnderwerpFactory(wijk=wijk)
    c = _client(wijk.opbouwwerker)
    response = c.post(
        _url("actie_toevoegen", onderwerp),
        {"omschrijving": "Buren uitnodigen", "eigenaar": "Opbouwwerk", "deadline": "2031-02-01"},
    )
    assert response.status_code == 302
    actie = Actie.objects.get(onderwerp=onderwerp)
    assert (
        actie.deadline == datetime.date(2031, 2, 1) and actie.aangemaakt_door == wijk.opbouwwerker
    )
    assert c.post(_url("actie_toevoegen", onderwerp), {"omschrijving": ""}).status_code == 200
    assert Actie.objects.count() == 1
    afvinken = reverse("initiatieven:actie_afvinken", args=[actie.pk])
    assert c.post(afvinken, {"gedaan": "1"}).status_code == 302
    actie.refresh_from_db()
    assert actie.gedaan and actie.gedaan_op
    html = c.get(_url("triage", onderwerp)).content.decode()
    assert f'id="actie-{actie.pk}" data-gedaan="1"' in html
    assert c.post(afvinken, {"gedaan": "0"}).status_code == 302
    actie.refresh_from_db()
    assert not actie.gedaan
    # Ticking is a button of the one triage form: a note typed meanwhile stays.
    response = c.post(
        afvinken, {"gedaan": "1", "bericht-openbaar": "nee", "bericht-tekst": "NOTITIE-BLIJFT"}
    )
    assert response.status_code == 200 and "NOTITIE-BLIJFT" in response.content.decode()
    actie.refresh_from_db()
    assert actie.gedaan and not Bericht.objects.exists()
    # The alderman may look, not tick.
    assert _client(wijk.wijkwethouder).post(afvinken, {"gedaan": "1"}).status_code == 403
    assert _client(WijkFactory(met_staf=True).wijkadviseur).post(afvinken).status_code == 404


def test_bericht_publiek_antwoord_en_notitie(wijk, adviseur, django_capture_on_commit_callbacks):
    onderwerp = OnderwerpFactory(wijk=wijk)
    c = _client(adviseur)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            _url("bericht", onderwerp), {"bericht-openbaar": "ja", "bericht-tekst": "Dank!"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[onderwerp.indiener.email]]
    onderwerp.refresh_from_db()
    assert onderwerp.eerste_reactie_op is not None
    assert c.post(
        _url("bericht", onderwerp), {"bericht-openbaar": "nee", "bericht-tekst": "Intern"}
    ).status_code
    assert list(Bericht.objects.values_list("openbaar", flat=True)) == [True, False]
    # Empty text: the form comes back, nothing stored.
    assert (
        c.post(
            _url("bericht", onderwerp), {"bericht-openbaar": "nee", "bericht-tekst": "  "}
        ).status_code
        == 200
    )
    assert Bericht.objects.count() == 2


def test_opbouwwerker_kan_niet_publiek_antwoorden(wijk):
    onderwerp = OnderwerpFactory(wijk=wijk)
    c = _client(wijk.opbouwwerker)
    assert (
        c.post(
            _url("bericht", onderwerp), {"bericht-openbaar": "ja", "bericht-tekst": "x"}
        ).status_code
        == 200
    )
    assert not Bericht.objects.exists()
    assert (
        c.post(
            _url("bericht", onderwerp), {"bericht-openbaar": "nee", "bericht-tekst": "x"}
        ).status_code
        == 302
    )
    assert Bericht.objects.get().openbaar is False
    assert c.post(_url("screenen", onderwerp), {"versie": 1, "openbaar": "ja"}).status_code == 403
    stap = {"naar": Status.IN_BEHANDELING, "versie": onderwerp.versie}
    assert c.post(_url("stap", onderwerp), stap).status_code == 403


@pytest.mark.parametrize(
    "naam", ["screenen", "rol", "stap", "bericht", "actie_toevoegen", "actie_afvinken"]
)
def test_wijzigen_alleen_met_post(wijk, adviseur, naam):
    onderwerp = OnderwerpFactory(wijk=wijk)
    pk = ActieFactory(onderwerp=onderwerp).pk if naam == "actie_afvinken" else onderwerp.pk
    assert _client(adviseur).get(reverse(f"initiatieven:{naam}", args=[pk])).status_code == 405


def test_csrf_vereist(wijk, adviseur):
    onderwerp = OnderwerpFactory(wijk=wijk)
    c = _client(adviseur, enforce_csrf_checks=True)
    response = c.post(
        _url("stap", onderwerp), {"naar": Status.IN_BEHANDELING, "versie": onderwerp.versie}
    )
    assert response.status_code == 403
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.INGEDIEND


def test_triage_queries_begrensd(wijk, adviseur, django_assert_max_num_queries):
    onderwerp = OnderwerpFactory(wijk=wijk)
    c = _client(adviseur)
    c.get(_url("triage", onderwerp))
    with pagecache.disabled(), django_assert_max_num_queries(20) as weinig:
        response = c.get(_url("triage", onderwerp))
    assert_page(response, "initiatieven/werkvoorraad/triage.html")
    for i in range(8):
        ActieFactory(onderwerp=onderwerp)
        Bericht.objects.create(
            onderwerp=onderwerp, tekst=f"b{i}", openbaar=i % 2 == 0, door=adviseur
        )
        Statuswijziging.objects.create(
            onderwerp=onderwerp, van=Status.INGEDIEND, naar=Status.INGEDIEND, door=adviseur
        )
    BewonersgroepFactory.create_batch(5, wijk=wijk)
    with pagecache.disabled(), django_assert_max_num_queries(len(weinig.captured_queries)):
        response = c.get(_url("triage", onderwerp))
    assert_page(response, "initiatieven/werkvoorraad/triage.html")


def test_hele_triage_via_services_schrijft_geen_onbedoelde_rijen(wijk, adviseur):
    """Walk the whole triage once; every section writes only what it should."""
    onderwerp = OnderwerpFactory(wijk=wijk)
    c = _client(adviseur)

    def versie():
        return Onderwerp.objects.get(pk=onderwerp.pk).versie

    assert (
        c.post(
            _url("screenen", onderwerp),
            {"versie": versie(), "openbaar": "ja", "publieke_titel": "Moestuin"},
        ).status_code
        == 302
    )
    assert (
        c.post(
            _url("rol", onderwerp),
            {"versie": versie(), "rol_gemeente": RolGemeente.SAMEN_UITVOEREN},
        ).status_code
        == 302
    )
    assert (
        c.post(
            _url("stap", onderwerp), {"naar": Status.IN_BEHANDELING, "versie": versie()}
        ).status_code
        == 302
    )
    assert (
        c.post(
            _url("stap", onderwerp),
            {"naar": Status.IN_UITVOERING, "versie": versie(), "toelichting": "We beginnen."},
        ).status_code
        == 302
    )
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.IN_UITVOERING
    assert list(onderwerp.statuswijzigingen.values_list("naar", flat=True)) == [
        Status.IN_BEHANDELING,
        Status.IN_UITVOERING,
    ]
    html = Client().get(onderwerp.get_absolute_url()).content.decode()
    assert "We beginnen." in html

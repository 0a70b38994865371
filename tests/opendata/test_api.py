"""The read API (/api/v1/): its generated OpenAPI description, every operation checked
against it, cursor pagination, filters, privacy, CORS, the rate limit, query counts and
bad input. The permission matrix is in test_api_permissiematrix.py."""

import datetime
import json
import re

import jsonschema
import pytest
import time_machine
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern
from django.utils import timezone
from openapi_spec_validator import OpenAPIV31SpecValidator, validate

from initiatieven.keuzes import Soort, Status
from initiatieven.models import Onderwerp
from opendata.api import urls as api_urls
from opendata.api.basis import TE_VEEL
from opendata.api.paginering import MAXIMALE_LIMIET, STANDAARD_LIMIET, maak_cursor
from tests.html import assert_geldige_html, vereis_validator
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.opendata import api_data
from tests.opendata.api_data import maak_wereld
from wijken import pagecache

pytestmark = pytest.mark.django_db

BASIS = "/api/v1/"


def _spec(client) -> dict:
    response = client.get(BASIS + "openapi.json")
    assert response.status_code == 200
    return response.json()


def _json(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return json.loads(response.content)


def _voorbeelden(w) -> dict:
    """A value for each path parameter, per path of the description."""
    return {
        "/api/v1/wijken/{code}": {"code": w.wijk.code},
        "/api/v1/onderwerpen/{id}": {"id": w.anoniem.pk},
        "/api/v1/vergaderingen/{id}": {"id": w.vergadering.pk},
        "/api/v1/besluiten/{id}": {"id": w.besluit.pk},
        "/api/v1/meedenkvragen/{id}": {"id": w.vraag.pk},
    }


def _voorbeeldwaarde(naam: str, schema: dict, w):
    """A valid value for a query parameter, from its schema in the description."""
    schema = schema.get("anyOf", [schema])[0]
    if "enum" in schema:
        return schema["enum"][0]
    voorbeelden = {
        "wijk": w.wijk.code,
        "gemeente": w.wijk.gemeentecode,
        "thema": w.anoniem.thema_id,
    }
    if naam in voorbeelden:
        return voorbeelden[naam]
    if schema.get("type") == "integer":
        return schema.get("minimum", 1)
    if schema.get("format") == "date":
        return "2026-01-01"
    return "park"


def _valideer(spec: dict, operatie: dict, status: int, inhoud) -> None:
    """The answer matches the description's schema for that status."""
    schema = operatie["responses"][str(status)]["content"]["application/json"]["schema"]
    jsonschema.validate(inhoud, {**schema, "components": spec["components"]})


# --- the description ---------------------------------------------------------------------


def test_de_beschrijving_is_geldig_openapi_3_1_en_noemt_elke_operatie(client):
    spec = _spec(client)
    assert spec["openapi"].startswith("3.1")
    validate(spec, cls=OpenAPIV31SpecValidator)
    # Every operation of the API's URLconf (not the description, docs and root) is there.
    eigen = {"openapi-json", "openapi-view", "api-root"}
    routes = {
        "/api/v1/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(p.pattern))
        for p in api_urls[0]
        if isinstance(p, URLPattern) and p.name not in eigen
    }
    assert routes == set(spec["paths"])
    assert len(routes) == 10
    namen = [m["get"]["operationId"] for m in spec["paths"].values()]
    assert len(set(namen)) == len(namen) == 10
    assert {"meedenkvragen", "meedenkvraag"} <= set(namen)
    for pad, methoden in spec["paths"].items():
        assert set(methoden) == {"get"}, pad
        for status in ("200", "400", "404", "429"):
            assert status in methoden["get"]["responses"], (pad, status)


def test_elke_operatie_antwoordt_volgens_de_beschrijving(client):
    """OpenAPI-driven: every GET path with example parameters, its 200 checked against
    the schema in the description; an unknown parameter a 400 as the description says."""
    w = maak_wereld()
    spec = _spec(client)
    voorbeelden = _voorbeelden(w)
    for pad, methoden in spec["paths"].items():
        operatie = methoden["get"]
        url = pad.format(**voorbeelden.get(pad, {}))
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        inhoud = _json(response)
        _valideer(spec, operatie, 200, inhoud)
        if "items" in inhoud:
            assert inhoud["items"], f"{url}: an empty list proves nothing"
        # Every query parameter the description lists, all at once with a value made
        # from its schema, is accepted, and the answer still matches the description.
        params = {
            p["name"]: _voorbeeldwaarde(p["name"], p["schema"], w)
            for p in operatie.get("parameters", [])
            if p["in"] == "query" and p["name"] != "cursor"
        }
        gefilterd = client.get(url, params)
        assert gefilterd.status_code == 200, (url, params, gefilterd.content[:300])
        _valideer(spec, operatie, 200, _json(gefilterd))
        fout = client.get(url, {"onbekend": "1"})
        assert fout.status_code == 400, url
        _valideer(spec, operatie, 400, _json(fout))
        assert "onbekend" in _json(fout)["detail"]


# --- pagination ----------------------------------------------------------------------------


def _alle_paginas(client, url, params) -> tuple[list[int], int]:
    ids, paginas, cursor = [], 0, None
    while True:
        response = client.get(url, {**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.content
        inhoud = _json(response)
        ids += [rij["id"] for rij in inhoud["items"]]
        paginas += 1
        cursor = inhoud["volgende_cursor"]
        if cursor is None:
            assert inhoud["volgende"] is None
            return ids, paginas
        assert f"cursor={cursor}" in inhoud["volgende"].replace("%3A", ":")


def test_cursors_lopen_elke_rij_precies_een_keer_langs(client):
    w = maak_wereld(aantal=30)
    verwacht = sorted(Onderwerp.objects.openbaar().values_list("pk", flat=True), reverse=True)
    assert len(verwacht) == 32
    ids, paginas = _alle_paginas(client, BASIS + "onderwerpen", {"limit": 7})
    assert ids == verwacht
    assert paginas == 5
    # With a filter, and rows added while walking do not disturb the walk.
    eerste = _json(client.get(BASIS + "onderwerpen", {"limit": 10, "wijk": w.wijk.code}))
    OnderwerpFactory(wijk=w.wijk, openbaar_=True)
    rest, _ = _alle_paginas(
        client,
        BASIS + "onderwerpen",
        {"limit": 10, "wijk": w.wijk.code, "cursor": eerste["volgende_cursor"]},
    )
    in_wijk = [pk for pk in verwacht if Onderwerp.objects.get(pk=pk).wijk_id == w.wijk.pk]
    assert [r["id"] for r in eerste["items"]] + rest == in_wijk


def test_dezelfde_pagina_geeft_dezelfde_cursor(client):
    # A cursor carries no time stamp: the page cache may hand out a page rendered earlier.
    maak_wereld(aantal=5)
    with pagecache.disabled():
        eerste = _json(client.get(BASIS + "onderwerpen", {"limit": 2}))
        with time_machine.travel(timezone.now() + datetime.timedelta(hours=1)):
            later = _json(client.get(BASIS + "onderwerpen", {"limit": 2}))
    assert eerste["volgende_cursor"] is not None
    assert later["volgende_cursor"] == eerste["volgende_cursor"]
    assert later["volgende"] == eerste["volgende"]


def test_cursors_van_de_vorige_versie_werken_een_dag(client):
    # Issued with a time stamp before cursors became deterministic: a client that was
    # walking a list during the deploy finishes its walk; a day later it is refused.
    maak_wereld(aantal=5)
    verwacht = sorted(Onderwerp.objects.openbaar().values_list("pk", flat=True), reverse=True)
    oud = signing.dumps(["onderwerpen", verwacht[1]], salt="opendata.api.cursor", compress=True)
    assert oud != maak_cursor("onderwerpen", verwacht[1])
    vervolg = _json(client.get(BASIS + "onderwerpen", {"cursor": oud}))
    assert [r["id"] for r in vervolg["items"]] == verwacht[2:]
    # Another list's old cursor is still another list's.
    vreemd = client.get(BASIS + "wijken", {"cursor": oud})
    assert vreemd.status_code == 400
    assert "another list" in _json(vreemd)["detail"]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, minutes=1)):
        verlopen = client.get(BASIS + "onderwerpen", {"cursor": oud})
    assert verlopen.status_code == 400
    assert _json(verlopen)["detail"].startswith("Invalid cursor")


def test_paginagrootte_heeft_een_standaard_en_een_maximum(client):
    maak_wereld(aantal=STANDAARD_LIMIET + 5)
    assert len(_json(client.get(BASIS + "onderwerpen"))["items"]) == STANDAARD_LIMIET
    assert client.get(BASIS + "onderwerpen", {"limit": MAXIMALE_LIMIET}).status_code == 200
    assert client.get(BASIS + "onderwerpen", {"limit": MAXIMALE_LIMIET + 1}).status_code == 400


def test_wijken_en_vergaderingen_bladeren_ook(client):
    w = maak_wereld()
    codes = []
    cursor = None
    while True:
        inhoud = _json(
            client.get(BASIS + "wijken", {"limit": 1, **({"cursor": cursor} if cursor else {})})
        )
        codes += [r["code"] for r in inhoud["items"]]
        cursor = inhoud["volgende_cursor"]
        if not cursor:
            break
    assert codes == sorted([w.wijk.code, w.ander.code])
    # A cursor of one list is refused by another.
    wijkcursor = _json(client.get(BASIS + "wijken", {"limit": 1}))["volgende_cursor"]
    response = client.get(BASIS + "onderwerpen", {"cursor": wijkcursor})
    assert response.status_code == 400
    assert "another list" in _json(response)["detail"]


# --- filters ---------------------------------------------------------------------------------


def _ids(client, **params) -> set[int]:
    response = client.get(BASIS + "onderwerpen", {"limit": MAXIMALE_LIMIET, **params})
    assert response.status_code == 200, response.content
    return {r["id"] for r in _json(response)["items"]}


def test_filters_zoals_de_publieke_lijst(client):
    w = maak_wereld()
    thema = ThemaFactory(naam="Alleen voor deze test")
    fiets = OnderwerpFactory(
        wijk=w.ander, openbaar_=True, thema=thema, titel="Fietsenstalling bij het station"
    )
    klaar = OnderwerpFactory(wijk=w.ander, openbaar_=True, afgerond=True)
    alle = set(Onderwerp.objects.openbaar().values_list("pk", flat=True))
    in_ander = {w.met_naam.pk, fiets.pk, klaar.pk}
    assert _ids(client) == alle
    assert _ids(client, wijk=w.ander.code) == in_ander
    assert _ids(client, soort=Soort.KNELPUNT) == {w.met_naam.pk}
    assert _ids(client, status=Status.AFGEROND) == {klaar.pk}
    assert _ids(client, statusgroep="afgesloten") == {klaar.pk}
    assert _ids(client, statusgroep="open") == alle - {klaar.pk}
    assert _ids(client, thema=thema.pk) == {fiets.pk}
    assert _ids(client, q="fietsenstalling") == {fiets.pk}
    assert _ids(client, wijk=w.ander.code, soort=Soort.INITIATIEF) == {fiets.pk, klaar.pk}


def test_vergaderingen_en_besluiten_filteren_op_orgaan_en_datum(client):
    w = maak_wereld()
    # The filter takes dates in the municipality's time zone (at 23:30 UTC it is tomorrow there).
    dag = timezone.localdate(w.vergadering.begin).isoformat()
    vergaderingen = _json(client.get(BASIS + "vergaderingen", {"van": dag, "tot": dag}))
    assert [v["id"] for v in vergaderingen["items"]] == [w.vergadering.pk]
    assert _json(client.get(BASIS + "vergaderingen", {"orgaan": "gemeenteraad"}))["items"] == []
    besluiten = _json(client.get(BASIS + "besluiten", {"resultaat": "aangenomen"}))
    assert [b["id"] for b in besluiten["items"]] == [w.besluit.pk]
    assert _json(client.get(BASIS + "besluiten", {"resultaat": "afgewezen"}))["items"] == []


# --- privacy ---------------------------------------------------------------------------------


def test_niet_openbaar_is_een_404_en_staat_in_geen_lijst(client):
    w = maak_wereld()
    for url in (
        f"onderwerpen/{w.niet_openbaar.pk}",
        f"onderwerpen/{w.concept.pk}",
        f"vergaderingen/{w.concept_vergadering.pk}",
        f"besluiten/{w.verborgen_besluit.pk}",
        f"meedenkvragen/{w.concept_vraag.pk}",
        "meedenkvragen/999999999",
        "onderwerpen/999999999",
        "wijken/WK999999",
    ):
        response = client.get(BASIS + url)
        assert response.status_code == 404, url
        assert _json(response)["detail"]
    onderwerpen = _ids(client)
    assert w.niet_openbaar.pk not in onderwerpen and w.concept.pk not in onderwerpen
    assert w.anoniem.pk in onderwerpen
    vergaderingen = _json(client.get(BASIS + "vergaderingen"))["items"]
    assert [v["id"] for v in vergaderingen] == [w.vergadering.pk]
    # Only the accepted agenda item, and on it only the published item.
    (punt,) = vergaderingen[0]["agendapunten"]
    assert [o["id"] for o in punt["onderwerpen"]] == [w.anoniem.pk]
    besluiten = _json(client.get(BASIS + "besluiten"))["items"]
    assert [b["id"] for b in besluiten] == [w.besluit.pk]
    vragen = _json(client.get(BASIS + "meedenkvragen"))["items"]
    assert [v["id"] for v in vragen] == [w.vraag_open.pk, w.vraag.pk]  # newest first


def test_geen_indiener_geen_contactgegevens_geen_interne_tekst(client):
    """Mirrors the portal's leak test for the API: every answer of every operation."""
    w = maak_wereld()
    spec = _spec(client)
    voorbeelden = _voorbeelden(w)
    teksten = []
    for pad in spec["paths"]:
        url = pad.format(**voorbeelden.get(pad, {}))
        teksten.append(client.get(url).content.decode())
    teksten.append(client.get(BASIS + f"onderwerpen/{w.met_naam.pk}").content.decode())
    teksten.append(client.get(BASIS + f"meedenkvragen/{w.vraag_open.pk}").content.decode())
    teksten.append(client.get(BASIS + "meedenkvragen").content.decode())
    alles = "\n".join(teksten)
    for geheim in (
        # No respondent, not even one who chose to be named, and no response.
        api_data.RESPONDENT_NAAM,
        api_data.RESPONDENT_EMAIL,
        api_data.REACTIE,
        api_data.CONCEPT_VRAAG,
        api_data.ANONIEM_NAAM,
        api_data.ANONIEM_EMAIL,
        api_data.ANONIEM_LOCATIE,
        api_data.INTERNE_NOTITIE,
        api_data.NIET_OPENBAAR_TITEL,
        w.wijk.contact_email,
        w.wijk.wijkadviseur.email,
        w.wijk.wijkadviseur.weergavenaam,
    ):
        assert geheim not in alles, geheim
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", alles), "an email address"
    # What is public is there: proof that the texts above are the real answers.
    assert w.met_naam.indiener.weergavenaam in alles
    assert "Bij het park" in alles
    assert "We gaan ermee aan de slag." in alles
    assert w.vraag.terugkoppeling.besluit in alles
    detail = _json(client.get(BASIS + f"onderwerpen/{w.anoniem.pk}"))
    assert detail["indiener"] == "anoniem"
    assert [r["tekst"] for r in detail["tijdlijn"] if r["soort"] == "antwoord"] == []


# --- questions to the wards ------------------------------------------------------------------


def test_meedenkvraag_met_terugkoppeling_en_aantallen_na_sluiten(client):
    w = maak_wereld()
    detail = _json(client.get(BASIS + f"meedenkvragen/{w.vraag.pk}"))
    assert detail["staat"] == "teruggekoppeld"
    assert detail["staat_label"] == "Teruggekoppeld"
    assert [w_["code"] for w_ in detail["wijken"]] == [w.wijk.code]
    assert detail["aantal_reacties"] == 2
    assert detail["uitslag_openbaar"] is True
    assert detail["keuzeopties"] == [{"tekst": "Ja", "aantal": 2}, {"tekst": "Nee", "aantal": 0}]
    # Only the published items it names.
    assert [o["id"] for o in detail["aanleiding"]] == [w.anoniem.pk]
    terugkoppeling = detail["terugkoppeling"]
    assert terugkoppeling["besluit"] == w.vraag.terugkoppeling.besluit
    assert [o["id"] for o in terugkoppeling["onderwerpen"]] == [w.anoniem.pk]
    assert terugkoppeling["agendapunt"]["id"] == w.besluit.agendapunt_id
    assert terugkoppeling["agendapunt"]["besluit"]["id"] == w.besluit.pk
    assert detail["teruggekoppeld_op"] == terugkoppeling["gepubliceerd_op"]
    assert detail["url"] == f"http://testserver{w.vraag.get_absolute_url()}"


def test_meedenkvraag_open_zonder_aantallen_en_zonder_concept_terugkoppeling(client):
    from tests.meedenken.factories import TerugkoppelingFactory

    w = maak_wereld()
    detail = _json(client.get(BASIS + f"meedenkvragen/{w.vraag_open.pk}"))
    assert detail["staat"] == "open"
    assert detail["alle_wijken"] is True
    assert detail["uitslag_openbaar"] is False
    assert detail["keuzeopties"] == [
        {"tekst": "Bomen", "aantal": None},
        {"tekst": "Bankjes", "aantal": None},
    ]
    assert detail["terugkoppeling"] is None
    # Shown while open when the question says so.
    w.vraag_open.uitslag_tijdens = True
    w.vraag_open.save()
    detail = _json(client.get(BASIS + f"meedenkvragen/{w.vraag_open.pk}"))
    assert [o["aantal"] for o in detail["keuzeopties"]] == [2, 0]
    # Draft feedback is not there.
    from meedenken.models import Terugkoppeling

    Terugkoppeling.objects.filter(vraag=w.vraag).update(gepubliceerd_op=None)
    TerugkoppelingFactory(vraag=w.vraag_open, samenvatting="Concept")
    for vraag in (w.vraag, w.vraag_open):
        detail = _json(client.get(BASIS + f"meedenkvragen/{vraag.pk}"))
        assert detail["terugkoppeling"] is None and detail["teruggekoppeld_op"] is None


def _vraag_ids(client, **params) -> list[int]:
    response = client.get(BASIS + "meedenkvragen", params)
    assert response.status_code == 200, response.content[:300]
    return [v["id"] for v in _json(response)["items"]]


def test_meedenkvragen_filteren_op_wijk_staat_en_thema(client):
    w = maak_wereld()
    # A ward: the questions asked of it, and those asked of every ward.
    assert _vraag_ids(client, wijk=w.wijk.code) == [w.vraag_open.pk, w.vraag.pk]
    assert _vraag_ids(client, wijk=w.ander.code) == [w.vraag_open.pk]
    assert _vraag_ids(client, staat="open") == [w.vraag_open.pk]
    assert _vraag_ids(client, staat="teruggekoppeld") == [w.vraag.pk]
    assert _vraag_ids(client, staat="gesloten") == []
    assert _vraag_ids(client, thema=w.vraag.thema_id) == [w.vraag.pk]
    # Walking the list with a cursor, one at a time.
    eerste = _json(client.get(BASIS + "meedenkvragen", {"limit": 1}))
    assert [v["id"] for v in eerste["items"]] == [w.vraag_open.pk]
    tweede = _json(client.get(eerste["volgende"]))
    assert [v["id"] for v in tweede["items"]] == [w.vraag.pk]
    assert tweede["volgende"] is None
    # The items list's cursor is not this list's.
    onderwerpen = _json(client.get(BASIS + "onderwerpen", {"limit": 1}))
    vreemd = client.get(BASIS + "meedenkvragen", {"cursor": onderwerpen["volgende_cursor"]})
    assert vreemd.status_code == 400
    assert "another list" in _json(vreemd)["detail"]


# --- CORS, methods, rate limit ----------------------------------------------------------


def test_cors_open_voor_lezen_alleen_onder_api(client):
    herkomst = {"HTTP_ORIGIN": "https://andere-site.example"}
    response = client.get(BASIS + "onderwerpen", **herkomst)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    voorcontrole = client.options(
        BASIS + "onderwerpen", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET", **herkomst
    )
    assert voorcontrole.status_code == 200
    methoden = {m.strip() for m in voorcontrole["Access-Control-Allow-Methods"].split(",")}
    assert methoden == {"GET", "HEAD", "OPTIONS"}
    for pad in ("/", "/initiatieven/", "/wijken/"):
        assert "Access-Control-Allow-Origin" not in client.get(pad, **herkomst), pad


def test_geen_sessie_of_cookie_nodig_en_geen_gezet(client):
    maak_wereld()
    response = client.get(BASIS + "onderwerpen")
    assert response.status_code == 200
    assert not response.cookies
    assert client.post(BASIS + "onderwerpen", {}).status_code == 405
    # No CSRF surface: a cross-site POST is a plain 405, for the description too.
    streng = Client(enforce_csrf_checks=True)
    for pad in ("onderwerpen", "openapi.json", "docs", ""):
        assert streng.post(BASIS + pad, {}).status_code == 405, pad
    # HEAD is GET without the body, for the operations as for the description.
    for pad in ("onderwerpen", "openapi.json"):
        kop = client.head(BASIS + pad)
        assert kop.status_code == 200, pad
        assert kop["Content-Type"].startswith("application/json")
        assert kop.content == b""


def test_snelheidslimiet_per_adres_met_retry_after(client, settings):
    settings.API_LIMIET = 3
    for _ in range(3):
        assert client.get(BASIS + "wijken", REMOTE_ADDR="10.0.0.1").status_code == 200
    response = client.get(BASIS + "wijken", REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert _json(response)["detail"] == TE_VEEL
    assert 1 <= int(response["Retry-After"]) <= settings.API_LIMIET_PERIODE
    # The docs and the description count too.
    beschrijving = client.get(BASIS + "openapi.json", REMOTE_ADDR="10.0.0.1")
    assert beschrijving.status_code == 429
    assert _json(beschrijving)["detail"] == TE_VEEL
    assert int(beschrijving["Retry-After"]) >= 1
    # Another address has its own count.
    assert client.get(BASIS + "wijken", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_snelheidslimiet_achter_de_proxy_telt_de_client(client, settings):
    settings.API_LIMIET = 2
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    balans = {"REMOTE_ADDR": "192.168.1.1"}
    for _ in range(2):
        ok = client.get(BASIS + "wijken", HTTP_X_FORWARDED_FOR="203.0.113.5", **balans)
        assert ok.status_code == 200
    weg = client.get(BASIS + "wijken", HTTP_X_FORWARDED_FOR="203.0.113.5", **balans)
    assert weg.status_code == 429
    ander = client.get(BASIS + "wijken", HTTP_X_FORWARDED_FOR="203.0.113.6", **balans)
    assert ander.status_code == 200


# --- the page cache --------------------------------------------------------------------------

#: The lists that are declared fragments of the page cache, with an address of each.
GECACHED = {
    "api onderwerpen": "onderwerpen?limit=2&soort=initiatief",
    "api wijken": "wijken?limit=1&q=a",
    "api vergaderingen": "vergaderingen?orgaan=college",
    "api besluiten": "besluiten?limit=1",
    "api meedenkvragen": "meedenkvragen?limit=1",
}


def test_elke_lijst_is_gecached():
    # Every list operation of the API is a declared fragment, tested below.
    gedeclareerd = {n for n in pagecache.fragments() if n.startswith("api ")}
    assert gedeclareerd == set(GECACHED)
    assert {p.split("?")[0] for p in GECACHED.values()} == set(LIJSTEN)


def _is_versie(query: dict) -> bool:
    return "wijken_cacheversion" in query["sql"]


@pytest.mark.parametrize(("naam", "pad"), GECACHED.items())
def test_een_hit_draait_geen_query_en_telt_voor_de_limiet(client, settings, naam, pad):
    maak_wereld(aantal=4)
    settings.API_LIMIET = 3
    adres = {"REMOTE_ADDR": "10.0.0.7", "HTTP_ORIGIN": "https://andere-site.example"}
    eerste = client.get(BASIS + pad, **adres)
    assert eerste.status_code == 200
    voor = pagecache.stats["hit", naam]
    with CaptureQueriesContext(connection) as queries:
        tweede = client.get(BASIS + pad, **adres)
    assert pagecache.stats["hit", naam] == voor + 1
    assert tweede.status_code == 200
    # Only the versions the key is made of: none of the list's own queries.
    assert [q["sql"] for q in queries if not _is_versie(q)] == []
    assert tweede.content == eerste.content
    # The same headers as a fresh answer: the content type, CORS, the security headers.
    assert dict(tweede.headers) == dict(eerste.headers)
    assert tweede["Access-Control-Allow-Origin"] == "*"
    # The hit counted: the third request is the last one allowed, the fourth is refused.
    assert client.head(BASIS + pad, **adres).status_code == 200
    weg = client.get(BASIS + pad, **adres)
    assert weg.status_code == 429
    assert _json(weg)["detail"] == TE_VEEL
    assert int(weg["Retry-After"]) >= 1


@pytest.mark.parametrize(("naam", "pad"), GECACHED.items())
def test_uit_de_cache_zoals_vers_ook_de_fouten(client, naam, pad):
    maak_wereld(aantal=4)
    geserveerd = [client.get(BASIS + pad) for _ in range(2)]
    with pagecache.disabled():
        vers = client.get(BASIS + pad)
    assert geserveerd[0].content == geserveerd[1].content == vers.content
    # Unknown and invalid parameters are answered as before, cached or not.
    for fout in ("&onbekend=1", "&limit=0", "&cursor=garbage"):
        response = client.get(BASIS + pad + fout)
        assert response.status_code == 400, fout
        assert _json(response)["detail"].startswith(("Invalid", "Unknown")), fout


def test_een_schrijfactie_verandert_de_lijst(client):
    w = maak_wereld()
    url = BASIS + "onderwerpen?limit=100"

    def rij(onderwerp) -> dict:
        return next(r for r in _json(client.get(url))["items"] if r["id"] == onderwerp.pk)

    assert rij(w.anoniem)["titel"] == w.anoniem.toon_titel
    w.anoniem.publieke_titel = "Een nieuwe openbare titel"
    w.anoniem.save(update_fields=["publieke_titel"])
    assert rij(w.anoniem)["titel"] == "Een nieuwe openbare titel"
    # The submitter's display name is shown where they chose so: their account is shown.
    genoemd = rij(w.met_naam)["indiener"]
    assert genoemd == w.met_naam.indiener.weergavenaam
    w.met_naam.indiener.weergavenaam = "Een andere naam"
    w.met_naam.indiener.save(update_fields=["weergavenaam"])
    assert rij(w.met_naam)["indiener"] == "Een andere naam"


def test_de_lijst_van_vragen_volgt_de_klok(client):
    # A question's state follows the clock: the cached list declares its next opening.
    from tests.meedenken.factories import MeedenkvraagFactory

    nu = timezone.now()
    vraag = MeedenkvraagFactory(
        open_vanaf=nu + datetime.timedelta(hours=2),
        sluit_op=nu + datetime.timedelta(days=10),
        gepubliceerd_op=nu - datetime.timedelta(days=1),
    )
    url = BASIS + "meedenkvragen"

    def staat() -> str:
        return next(v for v in _json(client.get(url))["items"] if v["id"] == vraag.pk)["staat"]

    assert staat() == "aangekondigd"
    assert staat() == "aangekondigd"  # from the cache
    with time_machine.travel(nu + datetime.timedelta(hours=3)):
        assert staat() == "open"


# --- query counts ----------------------------------------------------------------------------


def _aantal_queries(client, url) -> int:
    """The queries of a fresh render (the lists are cached: a hit would prove nothing)."""
    with pagecache.disabled(), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries)


LIJSTEN = ("wijken", "onderwerpen", "vergaderingen", "besluiten", "meedenkvragen")


def _meer(w, aantal: int) -> None:
    from tests.contacten.factories import (
        AgendapuntFactory,
        BesluitFactory,
        ToezeggingFactory,
        VergaderingFactory,
    )
    from tests.meedenken.factories import (
        InbrengFactory,
        MeedenkvraagFactory,
        TerugkoppelingFactory,
    )
    from tests.wijken.factories import BuurtFactory, KerncijfersFactory, WijkFactory

    for _ in range(aantal):
        wijk = WijkFactory()
        KerncijfersFactory(buurt=BuurtFactory(wijk=wijk))
        onderwerp = OnderwerpFactory(wijk=wijk, openbaar_=True, toon_naam=True)
        punt = AgendapuntFactory(vergadering=VergaderingFactory(), onderwerpen=[onderwerp])
        ToezeggingFactory(besluit=BesluitFactory(agendapunt=punt), wijk=wijk)
        vraag = MeedenkvraagFactory(gesloten=True, wijken=[wijk], opties=["A"])
        vraag.buurten.set(wijk.buurten.all())
        InbrengFactory(vraag=vraag).keuzes.set(vraag.opties.all())
        TerugkoppelingFactory(vraag=vraag, gepubliceerd=True, agendapunt=punt)


@pytest.mark.parametrize("lijst", LIJSTEN)
def test_queries_groeien_niet_met_de_gegevens(client, lijst):
    w = maak_wereld(aantal=3)
    url = f"{BASIS}{lijst}?limit={MAXIMALE_LIMIET}"
    klein = _aantal_queries(client, url)
    rijen_klein = len(_json(client.get(url))["items"])
    _meer(w, 27)
    groot = _aantal_queries(client, url)
    assert len(_json(client.get(url))["items"]) >= rijen_klein + 27
    assert groot == klein, f"{lijst}: {klein} queries for {rijen_klein} rows, {groot} for more"
    assert klein <= 6


def test_detailpagina_queries_begrensd(client):
    w = maak_wereld()
    for pad, kwargs in _voorbeelden(w).items():
        assert _aantal_queries(client, pad.format(**kwargs)) <= 8, pad


# --- bad input -------------------------------------------------------------------------------

SLECHT = [
    ("onderwerpen", {"limit": "0"}),
    ("onderwerpen", {"limit": "-5"}),
    ("onderwerpen", {"limit": "100000000000000000000000"}),
    ("onderwerpen", {"limit": "tien"}),
    ("onderwerpen", {"cursor": "garbage"}),
    ("onderwerpen", {"cursor": signing.dumps(["onderwerpen", 5], salt="een ander zout")}),
    ("onderwerpen", {"cursor": signing.Signer(salt="een ander zout").sign_object([1, 5])}),
    ("onderwerpen", {"cursor": maak_cursor("onderwerpen", 5)[:-1] + "x"}),
    ("onderwerpen", {"cursor": "x" * 501}),
    ("onderwerpen", {"wijk": "' OR 1=1--"}),
    ("onderwerpen", {"wijk": "WK999999"}),
    ("onderwerpen", {"soort": "alles"}),
    ("onderwerpen", {"status": "concept"}),
    ("onderwerpen", {"statusgroep": "half"}),
    ("onderwerpen", {"thema": "1; DROP TABLE x"}),
    ("onderwerpen", {"thema": "99999999999999999999"}),
    ("onderwerpen", {"q": "fiets\x00"}),
    ("onderwerpen", {"sorteer": "titel"}),
    ("onderwerpen/0", {}),
    ("onderwerpen/-1", {}),
    ("onderwerpen/99999999999999999999", {}),
    ("wijken/wk036301", {}),
    ("wijken", {"gemeente": "GM12345"}),
    ("wijken", {"q": "\x00"}),
    ("vergaderingen", {"van": "2026-02-30"}),
    ("vergaderingen", {"van": "10000-01-01"}),
    ("vergaderingen", {"tot": "gisteren"}),
    ("vergaderingen", {"orgaan": "kabinet"}),
    ("besluiten", {"resultaat": "misschien"}),
    ("besluiten/abc", {}),
    ("meedenkvragen", {"wijk": "WK999999"}),
    ("meedenkvragen", {"wijk": "wk0363"}),
    ("meedenkvragen", {"staat": "concept"}),
    ("meedenkvragen", {"staat": "alles"}),
    ("meedenkvragen", {"thema": "0"}),
    ("meedenkvragen", {"thema": "99999999999999999999"}),
    ("meedenkvragen", {"q": "plein"}),
    ("meedenkvragen/0", {}),
    ("meedenkvragen/abc", {}),
    ("meedenkvragen/99999999999999999999", {}),
]


# Ids from the parameter names and the position, not the values: a signed cursor differs
# from one collection to the next, and xdist's workers must collect the same tests.
@pytest.mark.parametrize(
    ("pad", "params"),
    SLECHT,
    ids=[f"{n}-{p}-{'-'.join(q)}" for n, (p, q) in enumerate(SLECHT)],
)
def test_slechte_invoer_is_een_duidelijke_400(client, pad, params):
    response = client.get(BASIS + pad, params)
    assert response.status_code == 400, response.content[:300]
    inhoud = _json(response)
    assert inhoud["detail"].startswith(("Invalid", "Unknown"))


@pytest.mark.parametrize(
    "params",
    [{"q": "' OR 1=1--"}, {"q": "%"}, {"q": "_"}, {"q": "\\"}, {"q": "x" * 10_000}],
)
def test_zoeken_naar_rare_tekens_geeft_gewoon_resultaten(client, params):
    w = maak_wereld()
    response = client.get(BASIS + "onderwerpen", params)
    assert response.status_code == 200
    assert w.anoniem.pk not in {r["id"] for r in _json(response)["items"]}


def test_datums_aan_de_randen_zijn_geen_fout(client):
    maak_wereld()
    for params in ({"van": "0001-01-01"}, {"tot": "9999-12-31"}):
        assert client.get(BASIS + "vergaderingen", params).status_code == 200


# --- the docs page ---------------------------------------------------------------------------


def test_docs_pagina_laadt_niets_van_andere_sites(client):
    response = client.get(BASIS + "docs")
    assert response.status_code == 200
    html = response.content.decode()
    bronnen = re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]*)"', html)
    assert any("swagger-ui-bundle.js" in b for b in bronnen)
    for bron in bronnen:
        assert bron.startswith("/") and not bron.startswith("//") or bron.startswith("data:"), bron
    # No inline script: only the JSON data block and same-origin files.
    for script in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
        attributen, inhoud = script
        assert 'type="application/json"' in attributen or not inhoud.strip(), attributen
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp
    assert '"validatorUrl": null' in html
    assert BASIS + "openapi.json" in html
    assert client.post(BASIS + "docs").status_code == 405


def test_docs_pagina_is_geldige_html(client):
    vereis_validator()
    response = client.get(BASIS + "docs")
    assert response.status_code == 200
    assert_geldige_html({"the read API's docs page": response.content.decode()})

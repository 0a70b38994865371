"""Open311 GeoReport v2, read as a client library reads it: discovery, services, service
definitions, the request list with its filters and one request, in JSON and in XML."""

import datetime
from collections import Counter

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import resolve
from django.utils import timezone

from initiatieven.keuzes import Status
from initiatieven.models import Bijlage, Statuswijziging
from opendata.open311 import diensten, verzoeken
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.opendata.open311_hulp import ENDPOINT, fouten_json, fouten_xml, get_json, get_xml, url
from tests.wijken.factories import BuurtFactory, WijkFactory
from wijken import pagecache

pytestmark = pytest.mark.django_db

#: The fields of a request in GeoReport v2's order (lat and long left out: no coordinates).
VELDEN = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "media_url",
]


@pytest.fixture
def client(client):
    # The portal speaks Dutch unless a client asks otherwise.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    return client


@pytest.fixture
def wijk():
    return WijkFactory(met_staf=True)


@pytest.fixture
def thema():
    return ThemaFactory(naam="Verkeer en parkeren")


def _knelpunt(wijk, thema, **kwargs):
    kwargs.setdefault("openbaar_", True)
    return OnderwerpFactory(knelpunt=True, wijk=wijk, thema=thema, **kwargs)


# --- discovery and services -----------------------------------------------------------------


def test_discovery_json_en_xml(client, settings):
    inhoud = get_json(client, "discovery")
    assert set(inhoud) == {"changeset", "contact", "key_service", "endpoints"}
    (endpoint,) = inhoud["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["type"] == "production"
    assert endpoint["url"] == settings.PORTAAL_URL + ENDPOINT.rstrip("/")
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}

    wortel = get_xml(client, "discovery")
    assert wortel.tag == "discovery"
    assert wortel.findtext("changeset") == inhoud["changeset"]
    xml_endpoint = wortel.find("endpoints/endpoint")
    assert xml_endpoint.findtext("type") == "production"
    assert {f.text for f in xml_endpoint.findall("formats/format")} == set(endpoint["formats"])


def test_services_zijn_de_actieve_themas(client, thema):
    ThemaFactory(naam="Oud thema", actief=False)
    andere = ThemaFactory(naam="Groen en spelen")
    diensten_json = get_json(client, "services")
    assert [d["service_code"] for d in diensten_json] == [
        diensten.service_code(t.pk) for t in sorted([thema, andere], key=lambda t: t.naam)
    ]
    for dienst in diensten_json:
        assert set(dienst) == {
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        }
        assert dienst["metadata"] is True
        assert dienst["type"] == "batch"
        assert dienst["group"] == "Knelpunt"

    wortel = get_xml(client, "services")
    assert wortel.tag == "services"
    assert [s.findtext("service_name") for s in wortel.findall("service")] == [
        d["service_name"] for d in diensten_json
    ]
    assert {s.findtext("metadata") for s in wortel.findall("service")} == {"true"}


def test_service_definition_met_de_wijken(client, thema, wijk):
    oud = WijkFactory(vervallen_per=2020)
    buurt = BuurtFactory(wijk=wijk)
    code = diensten.service_code(thema.pk)
    definitie = get_json(client, f"services/{code}")
    assert definitie["service_code"] == code
    attributen = {a["code"]: a for a in definitie["attributes"]}
    assert attributen["wijk"]["required"] is True
    assert attributen["wijk"]["datatype"] == "singlevaluelist"
    sleutels = [v["key"] for v in attributen["wijk"]["values"]]
    assert wijk.code in sleutels and oud.code not in sleutels
    assert buurt.code in [v["key"] for v in attributen["buurt"]["values"]]
    assert attributen["buurt"]["required"] is False

    wortel = get_xml(client, f"services/{code}")
    assert wortel.tag == "service_definition"
    attributen_xml = wortel.findall("attributes/attribute")
    xml_wijk = next(a for a in attributen_xml if a.findtext("code") == "wijk")
    assert xml_wijk.findtext("required") == "true"
    assert wijk.code in [v.findtext("key") for v in xml_wijk.findall("values/value")]


@pytest.mark.parametrize("code", ["knelpunt-999999", "initiatief-1", "onzin", "knelpunt-0"])
def test_onbekende_service_code_is_404_in_het_formaat(client, code):
    fouten_json(client.get(url(f"services/{code}", "json")))
    assert client.get(url(f"services/{code}", "json")).status_code == 404
    response = client.get(url(f"services/{code}", "xml"))
    assert response.status_code == 404
    fouten_xml(response)


def test_inactief_thema_heeft_geen_definitie(client):
    oud = ThemaFactory(naam="Oud thema", actief=False)
    response = client.get(url(f"services/{diensten.service_code(oud.pk)}"))
    assert response.status_code == 404


@pytest.mark.parametrize("fmt", ["html", "csv", "JSON"])
def test_onbekend_formaat_is_404(client, fmt):
    for resource in ("discovery", "services", "requests"):
        response = client.get(url(resource, fmt))
        assert response.status_code == 404
        fouten_json(response)


# --- requests ------------------------------------------------------------------------------


def test_alleen_gepubliceerde_knelpunten(client, wijk, thema):
    zichtbaar = _knelpunt(wijk, thema, publieke_locatie="Kruising Dorpsstraat")
    _knelpunt(wijk, thema, openbaar_=False)  # not screened yet
    _knelpunt(wijk, thema, openbaar_=False, status=Status.CONCEPT, concept=True)
    OnderwerpFactory(wijk=wijk, thema=thema, openbaar_=True)  # an initiative
    lijst = get_json(client, "requests")
    assert [r["service_request_id"] for r in lijst] == [str(zichtbaar.pk)]
    (verzoek,) = lijst
    assert list(verzoek) == VELDEN
    assert verzoek["address"] == "Kruising Dorpsstraat"
    assert verzoek["service_code"] == diensten.service_code(thema.pk)
    assert verzoek["service_name"] == thema.naam
    assert verzoek["description"] == zichtbaar.toon_beschrijving
    assert "lat" not in verzoek and "long" not in verzoek
    assert datetime.datetime.fromisoformat(
        verzoek["requested_datetime"]
    ) == zichtbaar.ingediend_op.replace(microsecond=0)

    wortel = get_xml(client, "requests")
    assert wortel.tag == "service_requests"
    (xml_verzoek,) = wortel.findall("request")
    assert [e.tag for e in xml_verzoek] == VELDEN
    assert xml_verzoek.findtext("address") == "Kruising Dorpsstraat"


def test_een_verzoek_en_niet_openbare_zijn_404(client, wijk, thema):
    openbaar = _knelpunt(wijk, thema)
    niet = _knelpunt(wijk, thema, openbaar_=False)
    initiatief = OnderwerpFactory(wijk=wijk, thema=thema, openbaar_=True)
    (verzoek,) = get_json(client, f"requests/{openbaar.pk}")
    assert verzoek["service_request_id"] == str(openbaar.pk)
    (xml_verzoek,) = get_xml(client, f"requests/{openbaar.pk}").findall("request")
    assert xml_verzoek.findtext("service_request_id") == str(openbaar.pk)
    for pk in (niet.pk, initiatief.pk, 999999999, "abc", "0", "99999999999"):
        response = client.get(url(f"requests/{pk}"))
        assert response.status_code == 404, pk
        fouten_json(response)
        response = client.get(url(f"requests/{pk}", "xml"))
        assert response.status_code == 404
        fouten_xml(response)


def test_status_notes_en_media_url(client, wijk, thema, settings):
    onderwerp = _knelpunt(wijk, thema, status=Status.NIET_MOGELIJK)
    Statuswijziging.objects.create(
        onderwerp=onderwerp,
        van=Status.INGEDIEND,
        naar=Status.NIET_MOGELIJK,
        publieke_toelichting="Dit valt onder de provincie.",
        interne_notitie="Alleen voor ambtenaren",
    )
    Bijlage.objects.create(
        onderwerp=onderwerp,
        bestand=ContentFile(b"%PDF-1.4", name="plan.pdf"),
        oorspronkelijke_naam="plan-jansen.pdf",
        inhoudstype="application/pdf",
        grootte=8,
    )
    foto = Bijlage.objects.create(
        onderwerp=onderwerp,
        bestand=ContentFile(b"\x89PNG\r\n", name="foto.png"),
        oorspronkelijke_naam="tuin-jansen.png",
        inhoudstype="image/png",
        grootte=6,
    )
    (verzoek,) = get_json(client, f"requests/{onderwerp.pk}")
    assert verzoek["status"] == "closed"
    assert verzoek["status_notes"] == "Niet mogelijk: Dit valt onder de provincie."
    assert verzoek["media_url"].startswith(settings.PORTAAL_URL)
    pad = verzoek["media_url"].removeprefix(settings.PORTAAL_URL)
    assert resolve(pad).kwargs == {"pk": onderwerp.pk, "bijlage": foto.pk}
    # The link is one a signed-out visitor may follow.
    assert client.get(pad).status_code == 200


def test_nog_niet_mogelijk_heeft_een_verwachte_datum(client, wijk, thema):
    onderwerp = _knelpunt(wijk, thema, nog_niet=True)
    (verzoek,) = get_json(client, f"requests/{onderwerp.pk}")
    assert verzoek["status"] == "open"
    verwacht = datetime.datetime.fromisoformat(verzoek["expected_datetime"])
    assert timezone.localtime(verwacht).date() == onderwerp.herbezien_op


# --- filters -------------------------------------------------------------------------------


def test_filter_op_ids_negeert_de_rest(client, wijk, thema):
    oud = _knelpunt(wijk, thema, ingediend_op=timezone.now() - datetime.timedelta(days=400))
    nieuw = _knelpunt(wijk, thema, status=Status.AFGEROND, afgerond=True)
    niet = _knelpunt(wijk, thema, openbaar_=False)
    lijst = get_json(
        client, "requests", service_request_id=f"{oud.pk},{nieuw.pk},{niet.pk}", status="open"
    )
    assert {r["service_request_id"] for r in lijst} == {str(oud.pk), str(nieuw.pk)}


def test_filter_op_service_code_en_status(client, wijk, thema):
    ander_thema = ThemaFactory(naam="Veiligheid")
    open_ = _knelpunt(wijk, thema, status=Status.IN_BEHANDELING)
    dicht = _knelpunt(wijk, thema, status=Status.AFGEROND, afgerond=True)
    elders = _knelpunt(wijk, ander_thema)
    code = diensten.service_code(thema.pk)

    def ids(**query):
        return {r["service_request_id"] for r in get_json(client, "requests", **query)}

    assert ids(service_code=code) == {str(open_.pk), str(dicht.pk)}
    assert ids(service_code=f"{code},{diensten.service_code(ander_thema.pk)}") == {
        str(open_.pk),
        str(dicht.pk),
        str(elders.pk),
    }
    assert ids(status="open") == {str(open_.pk), str(elders.pk)}
    assert ids(status="closed", service_code=code) == {str(dicht.pk)}
    assert ids(status="open,closed") == {str(open_.pk), str(dicht.pk), str(elders.pk)}
    assert ids(service_code="knelpunt-999999") == set()


def test_datumvenster(client, wijk, thema):
    nu = timezone.now()
    recent = _knelpunt(wijk, thema, ingediend_op=nu - datetime.timedelta(days=10))
    oud = _knelpunt(
        wijk, thema, ingediend_op=nu - datetime.timedelta(days=verzoeken.STANDAARD_DAGEN + 5)
    )

    def ids(**query):
        return {r["service_request_id"] for r in get_json(client, "requests", **query)}

    # Without dates: the last 90 days only.
    assert ids() == {str(recent.pk)}
    begin = (nu - datetime.timedelta(days=365)).isoformat(timespec="seconds")
    assert ids(start_date=begin) == {str(recent.pk), str(oud.pk)}
    eind = (nu - datetime.timedelta(days=30)).isoformat(timespec="seconds")
    assert ids(end_date=eind) == {str(oud.pk)}
    assert ids(start_date=begin, end_date=eind) == {str(oud.pk)}
    # A date alone, and a moment in another zone, are W3C dates too.
    assert ids(start_date=(nu - datetime.timedelta(days=20)).date().isoformat()) == {str(recent.pk)}
    assert ids(start_date="2000-01-01T00:00:00Z") == {str(recent.pk), str(oud.pk)}


def test_lijst_uit_de_cache_tot_het_venster_verschuift(client, wijk, thema):
    """The request list is kept in the page cache, and is not served from it once the
    default window has moved past its oldest request: time passing is not a write."""
    begin = datetime.datetime(2026, 12, 7, 9, 30, tzinfo=datetime.UTC)
    with time_machine.travel(begin, tick=False) as reis:
        oudste = _knelpunt(wijk, thema, ingediend_op=begin - datetime.timedelta(days=89, hours=23))
        nieuw = _knelpunt(wijk, thema, ingediend_op=begin - datetime.timedelta(days=1))

        def ids():
            return [r["service_request_id"] for r in get_json(client, "requests")]

        assert ids() == [str(nieuw.pk), str(oudste.pk)]
        voor = pagecache.stats.copy()
        assert ids() == [str(nieuw.pk), str(oudste.pk)]
        assert pagecache.stats - voor == Counter({("hit", "open311 verzoeken"): 1})
        reis.move_to(begin + datetime.timedelta(minutes=59))
        assert ids() == [str(nieuw.pk), str(oudste.pk)]
        reis.move_to(begin + datetime.timedelta(hours=1, seconds=1))
        assert ids() == [str(nieuw.pk)]


def test_hoogstens_het_maximum_nieuwste_eerst(client, wijk, thema, monkeypatch):
    monkeypatch.setattr(verzoeken, "MAX_RESULTATEN", 3)
    nu = timezone.now()
    items = [
        _knelpunt(wijk, thema, ingediend_op=nu - datetime.timedelta(hours=i)) for i in range(5)
    ]
    lijst = get_json(client, "requests")
    assert [r["service_request_id"] for r in lijst] == [str(o.pk) for o in items[:3]]


# --- bad input -----------------------------------------------------------------------------

SLECHT = [
    {"start_date": "gisteren"},
    {"start_date": "2026-13-45"},
    {"start_date": "2026-02-30T10:00:00"},
    {"start_date": "0001-01-01T00:00:00"},
    {"end_date": "9999-12-31T23:59:59"},
    {"start_date": "2026-12-01T00:00:00+01:00", "end_date": "2026-11-01T00:00:00+01:00"},
    {"start_date": "2026-12-01\x00"},
    {"start_date": "9" * 5000},
    {"status": "pending"},
    {"status": "open\x00"},
    {"status": "open,closed,open"},
    {"service_code": "' OR 1=1--"},
    {"service_code": "knelpunt-1; DROP TABLE initiatieven_onderwerp"},
    {"service_code": "%"},
    {"service_request_id": "1 OR 1=1"},
    {"service_request_id": "-1"},
    {"service_request_id": "99999999999"},
    {"service_request_id": ",".join(str(i) for i in range(1, verzoeken.MAX_IDS + 2))},
    {"service_request_id": "1\x002"},
    {"jurisdiction_id": "sfgov.org"},
]


@pytest.mark.parametrize("query", SLECHT, ids=lambda q: repr(q)[:60])
def test_slechte_invoer_is_400_in_het_formaat(client, wijk, thema, query):
    _knelpunt(wijk, thema)
    response = client.get(url("requests", "json", **query))
    assert response.status_code == 400
    fouten_json(response)
    response = client.get(url("requests", "xml", **query))
    assert response.status_code == 400
    fouten_xml(response)


def test_tekens_die_xml_niet_kan_dragen(client, wijk, thema):
    onderwerp = _knelpunt(
        wijk, thema, beschrijving="Lamp <kapot> & \x0b stuk \u202e rechts", publieke_locatie="A&B"
    )
    (verzoek,) = get_xml(client, f"requests/{onderwerp.pk}").findall("request")
    assert verzoek.findtext("description") == "Lamp <kapot> &  stuk \u202e rechts"
    assert verzoek.findtext("address") == "A&B"
    (json_verzoek,) = get_json(client, f"requests/{onderwerp.pk}")
    assert json_verzoek["description"] == onderwerp.beschrijving


def test_eigen_jurisdictie_is_goed(client, settings, wijk, thema):
    onderwerp = _knelpunt(wijk, thema)
    lijst = get_json(client, "requests", jurisdiction_id=settings.GEMEENTE_CODE)
    assert [r["service_request_id"] for r in lijst] == [str(onderwerp.pk)]

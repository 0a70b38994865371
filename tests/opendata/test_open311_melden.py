"""Creating a request (POST requests.{format}) with a partner app's key: the item goes
through the site's own submission into screening; keys are hashed, revocable, rate
limited and every use is in the audit log; the functional administrator issues and
revokes them in the admin."""

import json
import re

import pytest
from defusedxml import ElementTree
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from contacten import audit
from contacten.models import Gebruiker
from initiatieven import services
from initiatieven.keuzes import Soort, Status
from initiatieven.models import Onderwerp
from opendata.models import ApiSleutel
from opendata.open311 import diensten, melden, sleutels
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import ThemaFactory
from tests.opendata.open311_hulp import (
    fouten_json,
    fouten_xml,
    get_json,
    post,
    sleutel_uitgeven,
    url,
)
from tests.wijken.factories import BuurtFactory, WijkFactory
from wijken import snelheid

pytestmark = pytest.mark.django_db

REPORTER = {
    "email": "melder.uniek@voorbeeld.test",
    "first_name": "Zwaantje",
    "last_name": "Oosterbroekhuis",
    "phone": "06-98765432",
}


@pytest.fixture(autouse=True)
def _lege_cache():
    # The rate limit counts in the cache: every test starts with no uses counted.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def wijk():
    return WijkFactory(met_staf=True)


@pytest.fixture
def thema():
    return ThemaFactory(naam="Verkeer en parkeren")


@pytest.fixture
def sleutel():
    return sleutel_uitgeven()


def _velden(wijk, thema, **extra):
    return {
        "service_code": diensten.service_code(thema.pk),
        "description": "Stoplicht bij de school staat altijd op rood\nAl twee weken.",
        "address_string": "Kruising Schoolstraat / Dorpsweg",
        "attribute[wijk]": wijk.code,
        **extra,
    }


def _alle_tekst_in_de_database() -> str:
    """Every row of every table as text: for "appears nowhere in the database"."""
    delen = []
    with connection.cursor() as cursor:
        for tabel in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(tabel)}")  # noqa: S608
            delen.extend(repr(rij) for rij in cursor.fetchall())
    return "\n".join(delen)


def test_melding_gaat_in_screening_zoals_op_de_site(
    client, wijk, thema, sleutel, django_capture_on_commit_callbacks
):
    rij, tekst = sleutel
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, api_key=tekst, **_velden(wijk, thema), **REPORTER)
    assert response.status_code == 200
    (antwoord,) = json.loads(response.content)
    assert set(antwoord) == {"service_request_id", "service_notice", "account_id"}
    onderwerp = Onderwerp.objects.get(pk=int(antwoord["service_request_id"]))
    assert onderwerp.soort == Soort.KNELPUNT
    assert onderwerp.status == Status.INGEDIEND
    assert onderwerp.openbaar is False and onderwerp.toon_naam is False
    assert onderwerp.indiener == rij.account
    assert (onderwerp.wijk, onderwerp.thema) == (wijk, thema)
    assert onderwerp.titel == "Stoplicht bij de school staat altijd op rood"
    assert onderwerp.locatie == "Kruising Schoolstraat / Dorpsweg"
    assert onderwerp.statuswijzigingen.get().naar == Status.INGEDIEND
    # The emails of a submission on the site: the ward advisor, and the submitter (the
    # partner app's contact); never the reporter, whose address is not kept.
    ontvangers = sorted(a for bericht in mail.outbox for a in bericht.to)
    assert ontvangers == sorted([wijk.wijkadviseur.email, rij.contact])
    # The reporter's details are nowhere in the answer or the database.
    for waarde in REPORTER.values():
        assert waarde not in response.content.decode()
        assert waarde not in _alle_tekst_in_de_database()
    rij.refresh_from_db()
    assert rij.laatst_gebruikt is not None

    # Not public until screened: not in the list, not as one request.
    assert get_json(client, "requests") == []
    assert client.get(url(f"requests/{onderwerp.pk}")).status_code == 404
    # The advisor finds it in the work queue.
    adviseur = Client()
    adviseur.force_login(wijk.wijkadviseur)
    werkvoorraad = adviseur.get(reverse("initiatieven:werkvoorraad"))
    assert werkvoorraad.status_code == 200
    assert onderwerp.titel in werkvoorraad.content.decode()

    services.onderwerp_screenen(
        onderwerp=onderwerp,
        door=wijk.wijkadviseur,
        versie=None,
        openbaar=True,
        publieke_locatie="Schoolstraat",
    )
    (verzoek,) = get_json(client, f"requests/{onderwerp.pk}")
    assert verzoek["address"] == "Schoolstraat"
    assert verzoek["status"] == "open"


def test_antwoord_in_xml(client, wijk, thema, sleutel):
    response = post(client, "xml", api_key=sleutel[1], **_velden(wijk, thema))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    wortel = ElementTree.fromstring(response.content)
    assert wortel.tag == "service_requests"
    (verzoek,) = wortel.findall("request")
    pk = int(verzoek.findtext("service_request_id"))
    assert Onderwerp.objects.filter(pk=pk, indiener=sleutel[0].account).exists()
    assert verzoek.findtext("service_notice")


def test_buurt_en_niet_openbaar_en_coordinaten(client, wijk, thema, sleutel):
    buurt = BuurtFactory(wijk=wijk)
    velden = _velden(wijk, thema, lat="52.0907", long="5.1214")
    del velden["address_string"]
    velden["attribute[buurt]"] = buurt.code
    velden["attribute[niet_openbaar]"] = "ja"
    response = post(client, api_key=sleutel[1], **velden)
    assert response.status_code == 200
    onderwerp = Onderwerp.objects.get()
    assert onderwerp.buurt == buurt and onderwerp.wil_niet_openbaar is True
    # No coordinates in the portal yet: kept as text for the advisor to screen.
    assert onderwerp.locatie == "52.090700, 5.121400"


def test_lange_eerste_regel_wordt_een_titel(client, wijk, thema, sleutel):
    beschrijving = "woord " * 60
    response = post(client, api_key=sleutel[1], **_velden(wijk, thema, description=beschrijving))
    assert response.status_code == 200
    titel = Onderwerp.objects.get().titel
    assert len(titel) <= Onderwerp._meta.get_field("titel").max_length
    assert titel.endswith("…") and beschrijving.startswith(titel.removesuffix("…"))


# --- keys ----------------------------------------------------------------------------------


def test_sleutel_staat_nergens_in_de_database(sleutel):
    rij, tekst = sleutel
    voorvoegsel, geheim = tekst.split(".", 1)
    assert rij.voorvoegsel == voorvoegsel
    assert len(geheim) >= 40
    alles = _alle_tekst_in_de_database()
    assert geheim not in alles and tekst not in alles
    assert rij.hash != geheim and re.fullmatch(r"[0-9a-f]{64}", rij.hash)
    # The account of the partner app has no password anyone could sign in with.
    assert not rij.account.has_usable_password()


def test_twee_sleutels_delen_geen_hash_of_zout():
    (een, _), (twee, _) = sleutel_uitgeven("App een"), sleutel_uitgeven("App twee")
    assert een.zout != twee.zout and een.hash != twee.hash


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_zonder_verkeerde_of_ingetrokken_sleutel_403(client, wijk, thema, sleutel, fmt):
    rij, tekst = sleutel
    voorvoegsel, geheim = tekst.split(".", 1)
    ingetrokken, ingetrokken_tekst = sleutel_uitgeven("Oude app")
    sleutels.apisleutel_intrekken(sleutel=ingetrokken, door=None)
    slecht = [
        None,
        "",
        f"{voorvoegsel}.{geheim[:-1]}x",
        f"{voorvoegsel}.",
        geheim,
        f"00000000.{geheim}",
        ingetrokken_tekst,
        tekst + "\x00",
        "x" * 5000,
    ]
    for api_key in slecht:
        data = _velden(wijk, thema) | ({"api_key": api_key} if api_key is not None else {})
        response = post(client, fmt, **data)
        assert response.status_code == 403, api_key
        (fouten_json if fmt == "json" else fouten_xml)(response)
    assert not Onderwerp.objects.exists()
    rijen = audit.AuditRegel.objects.filter(actie=audit.AuditActie.OPEN311_MELDING)
    assert rijen.count() == len(slecht)
    assert set(rijen.values_list("uitkomst", flat=True)) == {audit.Uitkomst.GEWEIGERD}
    # The revoked key's refusals name its account; a key nobody has names nobody.
    assert rijen.filter(gebruiker=ingetrokken.account).count() == 1
    assert rijen.filter(gebruiker__isnull=True).count() == len(slecht) - 1
    # No row holds a secret that was tried.
    assert not rijen.filter(omschrijving__contains=geheim[:20]).exists()


def test_auditregel_bij_elk_gebruik(client, wijk, thema, sleutel):
    rij, tekst = sleutel
    post(client, api_key=tekst, **_velden(wijk, thema))
    post(client, api_key=tekst, **_velden(wijk, thema, description=""))
    onderwerp = Onderwerp.objects.get()
    rijen = audit.AuditRegel.objects.filter(actie=audit.AuditActie.OPEN311_MELDING).order_by("pk")
    geslaagd, mislukt = rijen
    assert geslaagd.uitkomst == audit.Uitkomst.GESLAAGD
    assert geslaagd.gebruiker == rij.account
    assert (geslaagd.object_type, geslaagd.object_id) == (
        "initiatieven.Onderwerp",
        str(onderwerp.pk),
    )
    assert rij.voorvoegsel in geslaagd.omschrijving and tekst not in geslaagd.omschrijving
    assert geslaagd.pad == url("requests")
    assert mislukt.uitkomst == audit.Uitkomst.MISLUKT
    assert (mislukt.object_type, mislukt.object_id) == ("opendata.ApiSleutel", str(rij.pk))
    uitgegeven = audit.AuditRegel.objects.get(actie=audit.AuditActie.API_SLEUTEL_UITGEGEVEN)
    assert uitgegeven.object_id == str(rij.pk)


def test_snelheidslimiet_per_sleutel(client, wijk, thema, sleutel, monkeypatch):
    monkeypatch.setattr(melden, "PER_UUR", 2)
    andere = sleutel_uitgeven("Andere app")
    # A request that saves nothing does not count.
    assert (
        post(client, api_key=sleutel[1], **_velden(wijk, thema, description="")).status_code == 400
    )
    for _ in range(2):
        assert post(client, api_key=sleutel[1], **_velden(wijk, thema)).status_code == 200
    response = post(client, api_key=sleutel[1], **_velden(wijk, thema))
    assert response.status_code == 429
    fouten_json(response)
    assert post(client, "xml", api_key=sleutel[1], **_velden(wijk, thema)).status_code == 429
    assert Onderwerp.objects.count() == 2
    # Per key: another app is not held back.
    assert post(client, api_key=andere[1], **_velden(wijk, thema)).status_code == 200
    assert snelheid.stand(f"open311:sleutel:{sleutel[0].pk}", melden.UUR) > 2
    assert (
        audit.AuditRegel.objects.filter(
            actie=audit.AuditActie.OPEN311_MELDING,
            uitkomst=audit.Uitkomst.GEWEIGERD,
            omschrijving__contains="rate limit",
        ).count()
        == 2
    )


def test_csrf_uitgezonderd_sessie_geeft_geen_rechten(wijk, thema, sleutel):
    # A partner app has no cookie and no CSRF token: the key alone authorises.
    app = Client(enforce_csrf_checks=True)
    assert post(app, api_key=sleutel[1], **_velden(wijk, thema)).status_code == 200
    # A signed-in administrator's or advisor's browser without a key gets nothing more...
    for persoon in (GebruikerFactory(beheerder=True, tweede_factor=True), wijk.wijkadviseur):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(persoon)
        assert post(browser, **_velden(wijk, thema)).status_code == 403
        # ...and with a key the item is the app's, not the signed-in person's.
        assert post(browser, api_key=sleutel[1], **_velden(wijk, thema)).status_code == 200
    assert set(Onderwerp.objects.values_list("indiener", flat=True)) == {sleutel[0].account.pk}


def test_inactief_account_van_de_app_kan_niet_indienen(client, wijk, thema, sleutel):
    Gebruiker.objects.filter(pk=sleutel[0].account.pk).update(is_active=False)
    response = post(client, api_key=sleutel[1], **_velden(wijk, thema))
    assert response.status_code == 403
    assert not Onderwerp.objects.exists()


def test_verwijderd_account_van_de_app_kan_niet_indienen(client, wijk, thema, sleutel):
    # Whoever holds the app's mailbox may delete "their" account through "my data"; the
    # key stays (the audit log refers to it) and creates nothing more.
    rij, tekst = sleutel
    rij.account.delete()
    rij.refresh_from_db()
    assert rij.account is None
    response = post(client, api_key=tekst, **_velden(wijk, thema))
    assert response.status_code == 403
    fouten_json(response)
    assert not Onderwerp.objects.exists()


SLECHTE_MELDINGEN = [
    {"description": ""},
    {"description": "   "},
    {"description": "x" * 10001},
    {"service_code": ""},
    {"service_code": "knelpunt-999999"},
    {"service_code": "' OR 1=1--"},
    {"attribute[wijk]": ""},
    {"attribute[wijk]": "WK999999"},
    {"attribute[buurt]": "BU99999999"},
    {"attribute[niet_openbaar]": "misschien"},
    {"lat": "52.1"},
    {"lat": "200", "long": "5"},
    {"lat": "nan", "long": "nan"},
    {"lat": "abc", "long": "5"},
    {"address_string": "x" * 201},
    {"media_url": "https://elders.example/foto.jpg"},
    {"email": "geen-adres"},
    {"phone": "1" * 101},
    {"description": "Lamp\x00kapot"},
]


@pytest.mark.parametrize("extra", SLECHTE_MELDINGEN, ids=lambda e: repr(e)[:50])
def test_slechte_melding_is_400_en_bewaart_niets(client, wijk, thema, sleutel, extra):
    for fmt, lees in (("json", fouten_json), ("xml", fouten_xml)):
        response = post(client, fmt, api_key=sleutel[1], **_velden(wijk, thema, **extra))
        assert response.status_code == 400, response.content
        lees(response)
    assert not Onderwerp.objects.exists()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_te_groot_verzoek_is_400_in_het_formaat(client, wijk, thema, sleutel, settings, fmt):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    groot = _velden(wijk, thema, description="x" * (1024 * 1024 + 1))
    response = post(client, fmt, api_key=sleutel[1], **groot)
    assert response.status_code == 400
    (fouten_json if fmt == "json" else fouten_xml)(response)
    veel = {f"veld{i}": "x" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = post(client, fmt, api_key=sleutel[1], **_velden(wijk, thema), **veel)
    assert response.status_code == 400
    (fouten_json if fmt == "json" else fouten_xml)(response)
    assert not Onderwerp.objects.exists()


def test_buurt_van_een_andere_wijk(client, wijk, thema, sleutel):
    elders = BuurtFactory(wijk=WijkFactory())
    velden = _velden(wijk, thema, **{"attribute[buurt]": elders.code})
    assert post(client, api_key=sleutel[1], **velden).status_code == 400
    assert not Onderwerp.objects.exists()


def test_put_en_delete_niet_toegestaan(client, sleutel):
    for methode in (client.put, client.delete):
        assert methode(url("requests")).status_code == 405


# --- the functional administrator ------------------------------------------------------------


def test_beheerder_geeft_sleutel_uit_en_trekt_hem_in(wijk, thema):
    beheerder = GebruikerFactory(beheerder=True, tweede_factor=True)
    browser = Client()
    browser.force_login(beheerder)
    response = browser.post(
        reverse("admin:opendata_apisleutel_add"),
        {"naam": "Buiten Beter", "contact": "apps@buitenbeter.example"},
    )
    assert response.status_code == 200
    inhoud = response.content.decode()
    rij = ApiSleutel.objects.get()
    tekst = re.search(rf'value="({rij.voorvoegsel}\.[^"]+)"', inhoud).group(1)
    assert "no-store" in response["Cache-Control"]
    assert rij.aangemaakt_door == beheerder and rij.account.email == "apps@buitenbeter.example"
    # The key works, and the key's own page never shows it again.
    assert post(Client(), api_key=tekst, **_velden(wijk, thema)).status_code == 200
    pagina = browser.get(reverse("admin:opendata_apisleutel_change", args=[rij.pk]))
    assert pagina.status_code == 200 and tekst.split(".")[1] not in pagina.content.decode()

    response = browser.post(
        reverse("admin:opendata_apisleutel_changelist"),
        {"action": "intrekken", "_selected_action": [rij.pk]},
    )
    assert response.status_code == 302
    rij.refresh_from_db()
    assert rij.is_ingetrokken
    assert post(Client(), api_key=tekst, **_velden(wijk, thema)).status_code == 403
    acties = set(
        audit.AuditRegel.objects.filter(gebruiker=beheerder).values_list("actie", flat=True)
    )
    assert {
        audit.AuditActie.API_SLEUTEL_UITGEGEVEN,
        audit.AuditActie.API_SLEUTEL_INGETROKKEN,
    } <= acties
    # Keys are revoked, never deleted.
    assert (
        browser.get(reverse("admin:opendata_apisleutel_delete", args=[rij.pk])).status_code == 403
    )


def test_beheerder_kan_geen_bestaand_account_als_contact_nemen():
    beheerder = GebruikerFactory(beheerder=True, tweede_factor=True)
    bestaand = GebruikerFactory()
    browser = Client()
    browser.force_login(beheerder)
    response = browser.post(
        reverse("admin:opendata_apisleutel_add"), {"naam": "App", "contact": bestaand.email}
    )
    assert response.status_code == 200
    assert not ApiSleutel.objects.exists()
    assert "errorlist" in response.content.decode()

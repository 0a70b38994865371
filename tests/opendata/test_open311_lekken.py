"""No personal data of a submitter leaves through Open311 (QUALITY.md: privacy, bad input
24 and 26), mirroring tests/wijkportaal/test_geen_lekken.py for these endpoints.

Published bottlenecks: one submitted on the site by a resident who chose "anoniem", one
by a resident who chose to appear by name (Open311 has no field for a name, so not even
that one shows), and one created through Open311 with the reporter's email, name and
telephone number. The original texts hold a telephone number and a home address that the
screening took out. Every Open311 answer, in JSON and XML, is searched for all of them.
"""

import datetime

import pytest

from initiatieven import services
from opendata.open311 import diensten
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.opendata.open311_hulp import post, sleutel_uitgeven, url
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db

REPORTER = {
    "email": "zwaantje.melder@voorbeeld.test",
    "first_name": "Zwaantje",
    "last_name": "Oosterbroekhuis",
    "phone": "06-11223344",
}
ANONIEM = {"naam": "Hendrikje Zwartveldhuis", "email": "hendrikje.z@voorbeeld.test"}
BIJ_NAAM = {"naam": "Barend Kwakernaatje", "email": "barend.k@voorbeeld.test"}
TELEFOON = "010-5550199"
THUISADRES = "Lindelaan 77b"


def _geheimen(sleutel) -> list[str]:
    return [
        *REPORTER.values(),
        *ANONIEM.values(),
        *BIJ_NAAM.values(),
        TELEFOON,
        THUISADRES,
        sleutel.contact,
        sleutel.naam,
    ]


@pytest.fixture
def wereld(django_capture_on_commit_callbacks, client):
    wijk = WijkFactory(met_staf=True)
    thema = ThemaFactory(naam="Veiligheid")
    geschreven = f"Bel me op {TELEFOON}, ik woon op {THUISADRES}. De lamp is kapot."
    for persoon, toon_naam in ((ANONIEM, False), (BIJ_NAAM, True)):
        indiener = GebruikerFactory(email=persoon["email"], weergavenaam=persoon["naam"])
        onderwerp = OnderwerpFactory(
            knelpunt=True,
            wijk=wijk,
            thema=thema,
            indiener=indiener,
            toon_naam=toon_naam,
            beschrijving=geschreven,
            locatie=THUISADRES,
        )
        services.onderwerp_screenen(
            onderwerp=onderwerp,
            door=wijk.wijkadviseur,
            versie=None,
            openbaar=True,
            publieke_beschrijving="De lamp is kapot.",
            publieke_locatie="Lindelaan",
        )
    sleutel, tekst = sleutel_uitgeven("Meldapp Zuid")
    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            client,
            api_key=tekst,
            service_code=diensten.service_code(thema.pk),
            description=geschreven,
            address_string=THUISADRES,
            **{"attribute[wijk]": wijk.code},
            **REPORTER,
        )
    assert response.status_code == 200
    antwoorden = [response]
    pk = int(response.json()[0]["service_request_id"])
    onderwerp = services.Onderwerp.objects.get(pk=pk)
    services.onderwerp_screenen(
        onderwerp=onderwerp,
        door=wijk.wijkadviseur,
        versie=None,
        openbaar=True,
        publieke_beschrijving="De lamp is kapot.",
        publieke_locatie="Lindelaan",
    )
    antwoorden.append(post(client, "xml", api_key=tekst, description="", **REPORTER))
    return {"thema": thema, "sleutel": sleutel, "antwoorden": antwoorden}


def test_geen_persoonsgegevens_in_open311(client, wereld):
    onderwerpen = services.Onderwerp.objects.openbaar()
    assert onderwerpen.count() == 3
    paden = []
    oud = (datetime.date.today() - datetime.timedelta(days=3650)).isoformat()
    for fmt in ("json", "xml"):
        paden += [
            url("discovery", fmt),
            url("services", fmt),
            url(f"services/{diensten.service_code(wereld['thema'].pk)}", fmt),
            url("requests", fmt),
            url("requests", fmt, start_date=oud, status="open"),
            url("requests", fmt, service_request_id=",".join(str(o.pk) for o in onderwerpen)),
        ]
        paden += [url(f"requests/{o.pk}", fmt) for o in onderwerpen]
    inhoud = []
    for pad in paden:
        response = client.get(pad)
        assert response.status_code == 200, pad
        inhoud.append((pad, response.content.decode()))
    inhoud += [("POST", r.content.decode()) for r in wereld["antwoorden"]]
    # The requests are there (the search proves something) ...
    lijst = dict(inhoud)[url("requests", "json", start_date=oud, status="open")]
    assert lijst.count("De lamp is kapot.") == 3 and lijst.count("Lindelaan") == 3
    # ... and nothing of the people behind them.
    for pad, tekst in inhoud:
        for geheim in _geheimen(wereld["sleutel"]):
            assert geheim not in tekst, f"{geheim!r} in {pad}"

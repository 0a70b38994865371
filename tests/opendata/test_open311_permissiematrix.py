"""Role × URL × method for Open311 GeoReport v2 (``opendata.urls``, the open311 views).

Everything Open311 reads is public, so every role gets every GET. The one write (POST
requests) is authorised by an API key alone: posted by every role with a complete
request but without a key, it is refused with 403 for each of them and creates nothing,
so a signed-in session (an advisor's, the administrator's) adds no right. POST on the
read-only URLs is 405. A new Open311 URL without an entry here fails the test.
"""

import pytest
from django.urls import reverse

from initiatieven.models import Onderwerp
from opendata import urls as opendata_urls
from opendata.models import ApiSleutel
from opendata.open311 import diensten
from opendata.views import open311 as open311_views
from tests.initiatieven.factories import OnderwerpFactory
from tests.opendata.open311_hulp import sleutel_uitgeven
from tests.permissiematrix import (
    assert_geen_fouten,
    assert_volledig,
    beoordeel,
    dekking,
    gebruikers,
    gevallen,
    patronen,
    per_methode,
    per_patroon,
    rollen,
    stand,
    vraag,
)
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db

ROLLEN = rollen("adviseur_ander")
IEDEREEN = set(ROLLEN)

#: URL name → (roles allowed to GET, roles allowed to POST without a key: none).
TOEGESTAAN = {
    "open311_discovery": (IEDEREEN, set()),
    "open311_services": (IEDEREEN, set()),
    "open311_service": (IEDEREEN, set()),
    "open311_requests": (IEDEREEN, set()),
    "open311_request": (IEDEREEN, set()),
}

PATRONEN = patronen(opendata_urls, namen=TOEGESTAAN)

DEKT = dekking(PATRONEN, "opendata")
GEVALLEN = gevallen(ROLLEN, len(PATRONEN))


def test_elk_open311_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)
    assert_volledig(patronen(opendata_urls, views_module=open311_views), TOEGESTAAN)


@pytest.fixture
def wereld():
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    onderwerp = OnderwerpFactory(knelpunt=True, openbaar_=True, wijk=wijk)
    sleutel_uitgeven()
    return {
        "wijk": wijk,
        "onderwerp": onderwerp,
        "gebruikers": gebruikers(ROLLEN, wijk=wijk, ander=ander),
    }


def _url(naam, onderwerp) -> str:
    kwargs = {"fmt": "json"}
    if naam == "open311_service":
        kwargs["service_code"] = diensten.service_code(onderwerp.thema_id)
    if naam == "open311_request":
        kwargs["service_request_id"] = str(onderwerp.pk)
    return reverse(f"opendata:{naam}", kwargs=kwargs)


def _stand():
    return stand(Onderwerp, ApiSleutel)


@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode):
    toegestaan = TOEGESTAAN[patroon.name][0 if methode == "get" else 1]
    onderwerp = wereld["onderwerp"]
    url = _url(patroon.name, onderwerp)
    # A complete request but for the key: only the missing key can be the reason to refuse.
    data = {
        "service_code": diensten.service_code(onderwerp.thema_id),
        "description": "Losliggende stoeptegels",
        "attribute[wijk]": wereld["wijk"].code,
    }
    fouten = []
    for rol in ROLLEN:
        voor = _stand()
        response = vraag(wereld["gebruikers"][rol], methode, url, data)
        na = _stand()
        fouten += beoordeel(rol, response, toegestaan=rol in toegestaan, voor=voor, na=na)
        if methode == "post" and patroon.name == "open311_requests" and response.status_code != 403:
            fouten.append(f"{rol}: POST without a key got {response.status_code}, not 403")
    assert_geen_fouten(fouten, methode, patroon.name)

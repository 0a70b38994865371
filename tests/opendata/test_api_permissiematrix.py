"""Role × URL × method × object for the read API (/api/v1/), generated from its URLconf.

The API is anonymous and read-only: every role, signed out or in, gets the same answer.
Each operation is requested with GET (200 for a public object, 404 for a non-public one,
whoever asks: a signed-in griffie gets no more from the API than a visitor) and with POST,
PUT, PATCH and DELETE (405, nothing changed). The description and the docs page answer
GET and refuse the other methods; the API's root is a 404.
"""

import pytest
from django.urls import URLPattern, reverse

from contacten.models import Agendapunt, Besluit, Vergadering
from initiatieven.models import Onderwerp, Statuswijziging
from meedenken.models import Inbreng, Meedenkvraag, Terugkoppeling
from opendata.api import urls as api_urls
from tests.opendata.api_data import maak_wereld
from tests.permissiematrix import (
    assert_geen_fouten,
    assert_volledig,
    beoordeel,
    client_voor,
    dekking,
    gebruikers,
    gevallen,
    rollen,
    stand,
)
from wijken.models import Wijk

pytestmark = pytest.mark.django_db

ROLLEN = rollen()
METHODEN = ("get", "post", "put", "patch", "delete")
VARIANTEN = ("openbaar", "verborgen")
NAMESPACE = api_urls[2]

PATRONEN = [p for p in api_urls[0] if isinstance(p, URLPattern)]
#: URL name → the answer to a GET of a public object (every role alike).
TOEGESTAAN = {
    "openapi-json": 200,
    "openapi-view": 200,
    "api-root": 404,
    "wijken": 200,
    "wijk": 200,
    "onderwerpen": 200,
    "onderwerp": 200,
    "vergaderingen": 200,
    "vergadering": 200,
    "besluiten": 200,
    "besluit": 200,
    "meedenkvragen": 200,
    "meedenkvraag": 200,
}

#: The URLs of an object the public may not see, asked for a public one and a hidden one
#: (every ward is public: its URL is asked once).
MET_OBJECT = {"onderwerp", "vergadering", "besluit", "meedenkvraag"}
GEVALLEN_PER_URL = [
    (patroon, variant)
    for patroon in PATRONEN
    for variant in (VARIANTEN if patroon.name in MET_OBJECT else VARIANTEN[:1])
]

DEKT = dekking(PATRONEN, NAMESPACE)
GEVALLEN = gevallen(ROLLEN, len(GEVALLEN_PER_URL), methoden=METHODEN)


def test_elk_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)


@pytest.fixture
def wereld():
    w = maak_wereld(aantal=1)
    return w, gebruikers(ROLLEN, wijk=w.wijk, ander=w.ander)


def _kwargs(naam: str, w, variant: str) -> dict:
    """The object of each detail URL: a public one, or one the public may not see (a
    non-public item, a draft meeting, a decision on it, a draft question). Every ward is
    public."""
    openbaar = variant == "openbaar"
    return {
        "wijk": {"code": w.wijk.code},
        "onderwerp": {"id": (w.anoniem if openbaar else w.niet_openbaar).pk},
        "vergadering": {"id": (w.vergadering if openbaar else w.concept_vergadering).pk},
        "besluit": {"id": (w.besluit if openbaar else w.verborgen_besluit).pk},
        "meedenkvraag": {"id": (w.vraag if openbaar else w.concept_vraag).pk},
    }.get(naam, {})


def _stand():
    return stand(
        Wijk,
        Onderwerp,
        Statuswijziging,
        Vergadering,
        Agendapunt,
        Besluit,
        Meedenkvraag,
        Inbreng,
        Terugkoppeling,
    )


@pytest.mark.parametrize("methode", METHODEN)
@pytest.mark.parametrize(
    ("patroon", "variant"), GEVALLEN_PER_URL, ids=[f"{p.name}-{v}" for p, v in GEVALLEN_PER_URL]
)
def test_matrix(wereld, patroon, methode, variant):
    w, personen = wereld
    kwargs = _kwargs(patroon.name, w, variant)
    url = reverse(f"{NAMESPACE}:{patroon.name}", kwargs=kwargs)
    verwacht = TOEGESTAAN[patroon.name]
    if variant == "verborgen":
        verwacht = 404
    fouten = []
    for rol in ROLLEN:
        voor = _stand()
        response = getattr(client_voor(personen[rol]), methode)(url)
        na = _stand()
        if methode == "get" and verwacht == 200:
            fouten += beoordeel(rol, response, toegestaan=True, voor=voor, na=na)
        else:
            # Refused: 404 for what is not there, 405 for any method but GET.
            codes = (verwacht,) if methode == "get" else (405,)
            fouten += beoordeel(rol, response, toegestaan=False, voor=voor, na=na, codes=codes)
    assert_geen_fouten(fouten, methode, patroon.name)

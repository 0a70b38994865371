"""Role × URL × method for the open data page and its downloads (``opendata.views.exports``).

Everything here is public: every role, signed out included, may GET the page and every
dataset in every format, and gets the same public file. Nothing takes a POST (405), and
no request changes a row.
"""

import pytest
from django.urls import reverse

from initiatieven.models import Onderwerp
from opendata import urls
from opendata.exports import DATASETS, FORMATEN
from opendata.views import exports as views
from tests.initiatieven.factories import OnderwerpFactory
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

ROLLEN = rollen()
IEDEREEN = set(ROLLEN)

#: URL name → (roles allowed to GET, roles allowed to POST).
TOEGESTAAN = {
    "open_data": (IEDEREEN, set()),
    "download": (IEDEREEN, set()),
}

PATRONEN = patronen(urls, views_module=views)
#: Each download is asked for every dataset in every format.
VARIANTEN = {
    "open_data": [{}],
    "download": [{"dataset": d, "formaat": f} for d in DATASETS for f in FORMATEN],
}

DEKT = dekking(PATRONEN, "opendata")
# Every variant of every URL, as every role, with GET and POST.
GEVALLEN = gevallen(ROLLEN, sum(len(v) for v in VARIANTEN.values()))


def test_elk_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)


@pytest.fixture
def wereld():
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    OnderwerpFactory(wijk=wijk, openbaar_=True, titel="Openbaar in de matrix")
    return gebruikers(ROLLEN, wijk=wijk, ander=ander)


def _lichaam(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode):
    toegestaan = TOEGESTAAN[patroon.name][0 if methode == "get" else 1]
    fouten = []
    for kwargs in VARIANTEN[patroon.name]:
        url = reverse(f"opendata:{patroon.name}", kwargs=kwargs)
        for rol in ROLLEN:
            voor = stand(Onderwerp)
            response = vraag(wereld[rol], methode, url, {})
            lichaam = _lichaam(response)
            na = stand(Onderwerp)
            fouten += [
                f"{url} {fout}"
                for fout in beoordeel(rol, response, toegestaan=rol in toegestaan, voor=voor, na=na)
            ]
            if methode == "post" and voor != na:
                fouten.append(f"{url} {rol}: a POST changed rows")
            # The same public file for everyone: no more, no less for a role.
            if (
                rol in toegestaan
                and kwargs.get("dataset") == "onderwerpen"
                and b"Openbaar in de matrix" not in lichaam
            ):
                fouten.append(f"{url} {rol}: the public item is missing")
    assert_geen_fouten(fouten, methode, patroon.name)

"""Role × URL × method for the dashboard pages, generated from ``wijkportaal.urls``.

Every URL pattern served by ``wijkportaal.views_dashboard`` is requested by every role
with GET and POST, for a ward of which the "own" officials are designated. Where a role
is not allowed, the answer is a redirect to sign in, 403 or 405, and no row changes. A
dashboard pattern added later without an entry in ``TOEGESTAAN`` fails the test.

The rule (contacten.permissions): the ward's own advisor, community worker and alderman,
and every member of the college (aldermen included) and the griffie. Residents, the
functional administrator and another ward's advisor or community worker are refused.
"""

import pytest
from django.urls import reverse

from initiatieven.models import Onderwerp, Statuswijziging
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.permissiematrix import (
    assert_geen_fouten,
    assert_volledig,
    beoordeel,
    client_voor,
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
from wijkportaal import urls as portaal_urls
from wijkportaal import views_dashboard

pytestmark = pytest.mark.django_db

ROLLEN = rollen("adviseur_ander", "opbouwwerker_ander", "wethouder_ander")
COLLEGE = {"wethouder_eigen", "wethouder_ander", "collegelid", "griffie"}
WIJK = COLLEGE | {"adviseur_eigen", "opbouwwerker_eigen"}
MET_DASHBOARD = WIJK | {"adviseur_ander", "opbouwwerker_ander"}

#: URL name → roles allowed to GET (nobody may POST: these pages only read).
TOEGESTAAN = {
    "wijkdashboard": MET_DASHBOARD,
    "wijkdashboard_wijk": WIJK,
    "wijkdashboard_onderwerpen": WIJK,
    "wijkrapport": WIJK,
    "collegeoverzicht": COLLEGE,
}

PATRONEN = patronen(portaal_urls, views_module=views_dashboard)

#: What this matrix covers of the root URLconf, and how many cases it checks.
DEKT = dekking(PATRONEN)
GEVALLEN = gevallen(ROLLEN, len(PATRONEN))

#: These pages exist for everyone: a refusal is a redirect to sign in, 403 or 405, and a
#: 404 would mean a broken URL, not a refusal.
WEIGERCODES = (403, 405)


def test_elk_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)


@pytest.fixture
def wereld():
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    OnderwerpFactory(wijk=wijk)
    return {"wijk": wijk, "gebruikers": gebruikers(ROLLEN, wijk=wijk, ander=ander)}


def _url(patroon, wijk) -> str:
    kwargs = dict.fromkeys(patroon.pattern.converters, wijk.code)
    return reverse(patroon.name, kwargs=kwargs)


def _stand():
    return stand(Onderwerp, Statuswijziging)


def _dashboard_of_pagina(response) -> bool:
    # The start page sends a person with one ward straight to its dashboard.
    if response.status_code == 302:
        return response["Location"].startswith("/dashboard/WK")
    return response.status_code == 200


@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode):
    toegestaan = TOEGESTAAN[patroon.name] if methode == "get" else set()
    url = _url(patroon, wereld["wijk"])
    fouten = []
    for rol in ROLLEN:
        voor = _stand()
        response = vraag(wereld["gebruikers"][rol], methode, url)
        na = _stand()
        fouten += beoordeel(
            rol,
            response,
            toegestaan=rol in toegestaan,
            voor=voor,
            na=na,
            verwacht=_dashboard_of_pagina,
            codes=WEIGERCODES,
        )
        # These pages only read: not even an allowed GET changes a row.
        if rol in toegestaan and na != voor:
            fouten.append(f"{rol}: changed rows")
    assert_geen_fouten(fouten, methode, patroon.name)


def test_onbekende_wijk_is_404(wereld):
    client = client_voor(wereld["gebruikers"]["collegelid"])
    for naam in ("wijkdashboard_wijk", "wijkdashboard_onderwerpen", "wijkrapport"):
        assert client.get(reverse(naam, kwargs={"code": "WK000000"})).status_code == 404
        assert client.get(reverse(naam, kwargs={"code": "<script>"})).status_code == 404


def test_medewerker_zonder_tweede_factor_moet_die_eerst_instellen(wereld):
    client = client_voor(GebruikerFactory(collegelid=True))
    response = client.get(reverse("collegeoverzicht"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

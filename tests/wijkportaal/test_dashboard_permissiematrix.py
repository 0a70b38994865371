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
from django.test import Client
from django.urls import URLPattern, reverse

from initiatieven.models import Onderwerp, Statuswijziging
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import WijkFactory
from wijkportaal import urls as portaal_urls
from wijkportaal import views_dashboard

pytestmark = pytest.mark.django_db

ROLLEN = [
    "anoniem",
    "bewoner",
    "adviseur_eigen",
    "adviseur_ander",
    "opbouwwerker_eigen",
    "opbouwwerker_ander",
    "wethouder_eigen",
    "wethouder_ander",
    "collegelid",
    "griffie",
    "beheerder",
]
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

PATRONEN = [
    p
    for p in portaal_urls.urlpatterns
    if isinstance(p, URLPattern) and p.callback.__module__ == views_dashboard.__name__
]


def test_elk_patroon_staat_in_de_matrix():
    assert {p.name for p in PATRONEN} == set(TOEGESTAAN)


@pytest.fixture
def wereld():
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    OnderwerpFactory(wijk=wijk)
    staf = {"tweede_factor": True}
    return {
        "wijk": wijk,
        "gebruikers": {
            "anoniem": None,
            "bewoner": GebruikerFactory(),
            "adviseur_eigen": wijk.wijkadviseur,
            "adviseur_ander": ander.wijkadviseur,
            "opbouwwerker_eigen": wijk.opbouwwerker,
            "opbouwwerker_ander": ander.opbouwwerker,
            "wethouder_eigen": wijk.wijkwethouder,
            "wethouder_ander": ander.wijkwethouder,
            "collegelid": GebruikerFactory(collegelid=True, **staf),
            "griffie": GebruikerFactory(griffie=True, **staf),
            "beheerder": GebruikerFactory(beheerder=True, **staf),
        },
    }


def _url(patroon, wijk) -> str:
    kwargs = dict.fromkeys(patroon.pattern.converters, wijk.code)
    return reverse(patroon.name, kwargs=kwargs)


def _stand():
    return (Onderwerp.objects.count(), Statuswijziging.objects.count())


def _geweigerd(response) -> bool:
    if response.status_code == 302:
        return response["Location"].startswith(reverse("account_login"))
    return response.status_code in (403, 405)


@pytest.mark.parametrize("methode", ["get", "post"])
@pytest.mark.parametrize("patroon", PATRONEN, ids=lambda p: p.name)
def test_matrix(wereld, patroon, methode):
    toegestaan = TOEGESTAAN[patroon.name] if methode == "get" else set()
    url = _url(patroon, wereld["wijk"])
    fouten = []
    for rol in ROLLEN:
        gebruiker = wereld["gebruikers"][rol]
        client = Client()
        if gebruiker is not None:
            client.force_login(gebruiker)
        voor = _stand()
        response = getattr(client, methode)(url)
        if response.status_code >= 500:
            fouten.append(f"{rol}: {response.status_code}")
        elif rol in toegestaan:
            # The start page sends a person with one ward straight to its dashboard.
            if response.status_code == 302:
                ok = response["Location"].startswith("/dashboard/WK")
            else:
                ok = response.status_code == 200
            if not ok:
                fouten.append(f"{rol}: allowed but got {response.status_code}")
        elif not _geweigerd(response):
            fouten.append(f"{rol}: not allowed but got {response.status_code}")
        if _stand() != voor:
            fouten.append(f"{rol}: changed rows")
    assert not fouten, f"{methode.upper()} {patroon.name}:\n" + "\n".join(fouten)


def test_onbekende_wijk_is_404(wereld):
    client = Client()
    client.force_login(wereld["gebruikers"]["collegelid"])
    for naam in ("wijkdashboard_wijk", "wijkdashboard_onderwerpen", "wijkrapport"):
        assert client.get(reverse(naam, kwargs={"code": "WK000000"})).status_code == 404
        assert client.get(reverse(naam, kwargs={"code": "<script>"})).status_code == 404


def test_medewerker_zonder_tweede_factor_moet_die_eerst_instellen(wereld):
    client = Client()
    client.force_login(GebruikerFactory(collegelid=True))
    response = client.get(reverse("collegeoverzicht"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

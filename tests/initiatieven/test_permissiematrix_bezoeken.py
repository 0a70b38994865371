"""Role × URL × method for the visit pages, generated from ``initiatieven.urls_bezoeken``.

Every URL pattern is resolved with a real object (a planned work visit of ward A dated
today, with a follow-up action) and requested by every role with GET and with a valid
POST. Where a role is not allowed, the answer is a redirect to sign in, 403, 404 or 405,
and no row changes. A pattern added later without an entry in ``TOEGESTAAN`` fails the
test, so nobody forgets it.
"""

from unittest import mock

import pytest
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from contacten.bezoeken import Bezoek, Bezoeksoort, Dagdeel
from initiatieven import urls_bezoeken
from initiatieven.models import Actie
from tests.contacten.factories import BezoekFactory, CollegeperiodeFactory
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import ActieFactory
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db

ROLLEN = [
    "anoniem",
    "bewoner",
    "adviseur_eigen",
    "adviseur_ander",
    "opbouwwerker_eigen",
    "wethouder_eigen",
    "collegelid",
    "griffie",
    "beheerder",
]
IEDEREEN = set(ROLLEN)
#: Manage the ward's visits: the college (aldermen included), the griffie, its advisor.
BEHEER = {"adviseur_eigen", "wethouder_eigen", "collegelid", "griffie"}

#: URL name → (roles allowed to GET, roles allowed to POST); every other role is refused.
TOEGESTAAN = {
    "lijst": (IEDEREEN, set()),
    "bezoek": (IEDEREEN, set()),
    "ical": (IEDEREEN, set()),
    "ical_wijk": (IEDEREEN, set()),
    "plannen": (BEHEER, BEHEER),
    "bewerken": (BEHEER, BEHEER),
    "annuleren": (BEHEER, BEHEER),
    "verslag": (BEHEER, BEHEER),
    "actie_toevoegen": (set(), BEHEER),
    "actie_afvinken": (set(), BEHEER),
}


def _datum():
    return timezone.localdate().isoformat()


#: A valid POST for each URL, so a refusal is about the role, not the input.
POST_DATA = {
    "plannen": lambda: {
        "soort": Bezoeksoort.WERKBEZOEK,
        "datum": _datum(),
        "dagdeel": Dagdeel.AVOND,
        "locatie": "Elders",
        "openbaar": "on",
    },
    "bewerken": lambda: {"datum": _datum(), "dagdeel": Dagdeel.AVOND, "locatie": "Elders"},
    "annuleren": lambda: {"reden": "Verhinderd"},
    "verslag": lambda: {"verslag": "Verslag", "publiceren": "on"},
    "actie_toevoegen": lambda: {"omschrijving": "Bellen", "eigenaar": "Wijkadviseur"},
    "actie_afvinken": lambda: {"gedaan": "1"},
}

PATRONEN = [p for p in urls_bezoeken.urlpatterns if isinstance(p, URLPattern)]


def test_elk_patroon_staat_in_de_matrix():
    assert {p.name for p in PATRONEN} == set(TOEGESTAAN)


@pytest.fixture(autouse=True)
def _stil():
    with mock.patch("contacten.services_bezoek.volgen.melden"):
        yield


@pytest.fixture
def wereld(db):
    CollegeperiodeFactory()
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    staf = {"tweede_factor": True}
    return {
        "wijk": wijk,
        "gebruikers": {
            "anoniem": None,
            "bewoner": GebruikerFactory(),
            "adviseur_eigen": wijk.wijkadviseur,
            "adviseur_ander": ander.wijkadviseur,
            "opbouwwerker_eigen": wijk.opbouwwerker,
            "wethouder_eigen": wijk.wijkwethouder,
            "collegelid": GebruikerFactory(collegelid=True, **staf),
            "griffie": GebruikerFactory(griffie=True, **staf),
            "beheerder": GebruikerFactory(beheerder=True, **staf),
        },
    }


def _objecten(wereld):
    bezoek = BezoekFactory(werkbezoek=True, wijk=wereld["wijk"], datum=timezone.localdate())
    actie = ActieFactory(onderwerp=None, bezoek=bezoek)
    return bezoek, actie


def _url(patroon, bezoek, actie) -> str:
    kwargs = {}
    for naam in patroon.pattern.converters:
        if naam == "code":
            kwargs[naam] = bezoek.wijk.code
        elif patroon.name == "actie_afvinken":
            kwargs[naam] = actie.pk
        else:
            kwargs[naam] = bezoek.pk
    url = reverse(f"bezoeken:{patroon.name}", kwargs=kwargs)
    if patroon.name == "plannen":
        url += f"?wijk={bezoek.wijk.code}"
    return url


def _stand(bezoek, actie):
    bezoek = Bezoek.objects.get(pk=bezoek.pk)
    return (
        Bezoek.objects.count(),
        Actie.objects.count(),
        bezoek.status,
        bezoek.verslag,
        bezoek.verslag_gepubliceerd_op,
        bezoek.locatie,
        bezoek.dagdeel,
        bezoek.annuleringsreden,
        Actie.objects.get(pk=actie.pk).gedaan,
    )


def _geweigerd(response) -> bool:
    if response.status_code == 302:
        return response["Location"].startswith(reverse("account_login"))
    return response.status_code in (403, 404, 405)


@pytest.mark.parametrize("methode", ["get", "post"])
@pytest.mark.parametrize("patroon", PATRONEN, ids=lambda p: p.name)
def test_matrix(wereld, patroon, methode):
    toegestaan_get, toegestaan_post = TOEGESTAAN[patroon.name]
    toegestaan = toegestaan_get if methode == "get" else toegestaan_post
    fouten = []
    for rol in ROLLEN:
        gebruiker = wereld["gebruikers"][rol]
        bezoek, actie = _objecten(wereld)
        url = _url(patroon, bezoek, actie)
        client = Client()
        if gebruiker is not None:
            client.force_login(gebruiker)
        voor = _stand(bezoek, actie)
        if methode == "post":
            response = client.post(url, POST_DATA.get(patroon.name, dict)())
        else:
            response = client.get(url)
        na = _stand(bezoek, actie)
        if response.status_code >= 500:
            fouten.append(f"{rol}: {response.status_code}")
            continue
        if rol in toegestaan:
            verwacht = 200 if methode == "get" else 302
            if response.status_code != verwacht or _geweigerd(response):
                fouten.append(f"{rol}: allowed but got {response.status_code}")
            if methode == "post" and voor == na:
                fouten.append(f"{rol}: allowed but nothing changed")
        else:
            if not _geweigerd(response):
                fouten.append(f"{rol}: not allowed but got {response.status_code}")
            if voor != na:
                fouten.append(f"{rol}: refused but changed {voor} -> {na}")
    assert not fouten, f"{methode.upper()} {patroon.name}:\n" + "\n".join(fouten)


@pytest.mark.parametrize(
    "patroon", [p for p in PATRONEN if p.name in POST_DATA], ids=lambda p: p.name
)
def test_niet_openbaar_bezoek_van_andere_wijk(wereld, patroon):
    """The advisor of ward A neither sees nor changes a non-public visit of ward B."""
    ander = WijkFactory(met_staf=True)
    bezoek = BezoekFactory(werkbezoek=True, wijk=ander, openbaar=False, datum=timezone.localdate())
    actie = ActieFactory(onderwerp=None, bezoek=bezoek)
    client = Client()
    client.force_login(wereld["wijk"].wijkadviseur)
    voor = _stand(bezoek, actie)
    url = _url(patroon, bezoek, actie)
    assert client.post(url, POST_DATA[patroon.name]()).status_code in (403, 404)
    assert _stand(bezoek, actie) == voor
    if patroon.name != "plannen":
        assert client.get(reverse("bezoeken:bezoek", args=[bezoek.pk])).status_code == 404


def test_csrf_verplicht(wereld):
    bezoek, _actie = _objecten(wereld)
    client = Client(enforce_csrf_checks=True)
    client.force_login(wereld["gebruikers"]["griffie"])
    response = client.post(reverse("bezoeken:annuleren", args=[bezoek.pk]), {"reden": "x"})
    assert response.status_code == 403
    bezoek.refresh_from_db()
    assert bezoek.status == "gepland"

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
from django.urls import reverse
from django.utils import timezone

from contacten.bezoeken import Bezoek, Bezoeksoort, Dagdeel
from initiatieven import urls_bezoeken
from initiatieven.models import Actie
from tests.contacten.factories import BezoekFactory, CollegeperiodeFactory
from tests.initiatieven.factories import ActieFactory
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

pytestmark = pytest.mark.django_db

ROLLEN = rollen("adviseur_ander")
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

PATRONEN = patronen(urls_bezoeken)

#: What this matrix covers of the root URLconf, and how many cases it checks.
DEKT = dekking(PATRONEN, "bezoeken")
GEVALLEN = gevallen(ROLLEN, len(PATRONEN))


def test_elk_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)


@pytest.fixture(autouse=True)
def _stil():
    with mock.patch("contacten.services_bezoek.volgen.melden"):
        yield


@pytest.fixture
def wereld(db):
    CollegeperiodeFactory()
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    return {"wijk": wijk, "gebruikers": gebruikers(ROLLEN, wijk=wijk, ander=ander)}


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


def _stand():
    # Every visit and action row: status, report, place, part of day, reason, done.
    return stand(Bezoek, Actie)


@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode):
    toegestaan_get, toegestaan_post = TOEGESTAAN[patroon.name]
    toegestaan = toegestaan_get if methode == "get" else toegestaan_post
    fouten = []
    for rol in ROLLEN:
        bezoek, actie = _objecten(wereld)
        url = _url(patroon, bezoek, actie)
        data = POST_DATA.get(patroon.name, dict)()
        voor = _stand()
        response = vraag(wereld["gebruikers"][rol], methode, url, data)
        na = _stand()
        verwacht = 200 if methode == "get" else 302
        fouten += beoordeel(
            rol, response, toegestaan=rol in toegestaan, voor=voor, na=na, verwacht=verwacht
        )
        # An allowed POST with the same data does change something, so the refused POSTs
        # were real attempts.
        if response.status_code < 500 and rol in toegestaan and methode == "post" and voor == na:
            fouten.append(f"{rol}: allowed but nothing changed")
    assert_geen_fouten(fouten, methode, patroon.name)


@per_patroon(p for p in PATRONEN if p.name in POST_DATA)
def test_niet_openbaar_bezoek_van_andere_wijk(wereld, patroon):
    """The advisor of ward A neither sees nor changes a non-public visit of ward B."""
    ander = WijkFactory(met_staf=True)
    bezoek = BezoekFactory(werkbezoek=True, wijk=ander, openbaar=False, datum=timezone.localdate())
    actie = ActieFactory(onderwerp=None, bezoek=bezoek)
    client = client_voor(wereld["wijk"].wijkadviseur)
    voor = _stand()
    url = _url(patroon, bezoek, actie)
    assert client.post(url, POST_DATA[patroon.name]()).status_code in (403, 404)
    assert _stand() == voor
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

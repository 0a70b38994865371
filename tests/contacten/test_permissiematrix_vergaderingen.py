"""Role × URL × method × meeting for the meeting pages, generated from ``contacten.urls``.

Every URL pattern is resolved with a real meeting (two agenda items, a decision with a
commitment for ward A), in two variants: a published meeting and a draft. Every role
requests it with GET and with a valid POST, with fresh objects each time. Where a role is
not allowed, the answer is a redirect to sign in, 403, 404 or 405, and no row changes; an
allowed POST does change something. A pattern added later without an entry in
``TOEGESTAAN`` fails the test.

The rule (contacten.permissions): published meetings and commitments are public, a draft
is for the college (aldermen included) and the griffie, and only the griffie manages
meetings, agenda items and commitments.
"""

import pytest
from django.urls import reverse

from contacten import urls as contacten_urls
from contacten.vergaderingen import Agendapunt, Besluit, Toezegging, Vergadering
from tests.contacten.factories import AgendapuntFactory, ToezeggingFactory, VergaderingFactory
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

ROLLEN = rollen("wethouder_ander")
IEDEREEN = set(ROLLEN)
COLLEGE = {"wethouder_eigen", "wethouder_ander", "collegelid", "griffie"}
GRIFFIE = {"griffie"}

#: URL name → (roles allowed to GET, roles allowed to POST) for a published meeting.
TOEGESTAAN = {
    "vergaderingen": (IEDEREEN, set()),
    "vergadering": (IEDEREEN, set()),
    "toezeggingen": (IEDEREEN, set()),
    "agenda": (COLLEGE, set()),
    "vergadering_nieuw": (GRIFFIE, GRIFFIE),
    "vergadering_bewerken": (GRIFFIE, GRIFFIE),
    "vergadering_status": (set(), GRIFFIE),
    "agendapunt_nieuw": (GRIFFIE, GRIFFIE),
    "agendapunt_bewerken": (GRIFFIE, GRIFFIE),
    "agendapunt_verschuiven": (set(), GRIFFIE),
    "toezegging_status": (set(), GRIFFIE),
}

#: Where a draft meeting differs: only the college and the griffie see it.
CONCEPT = {"vergadering": (COLLEGE, set())}

VARIANTEN = ("gepubliceerd", "concept")

#: A valid POST for each URL, so a refusal is about the role, not the input.
POST_DATA = {
    "vergadering_nieuw": lambda v: {
        "orgaan": "college",
        "begin": "2030-01-01T10:00",
        "locatie": "Nieuw",
    },
    "vergadering_bewerken": lambda v: {
        "orgaan": "college",
        "begin": "2030-01-01T10:00",
        "locatie": "Elders",
    },
    "vergadering_status": lambda v: {"status": "gepubliceerd" if v == "concept" else "afgelopen"},
    "agendapunt_nieuw": lambda v: {"titel": "Nieuw", "toelichting": "x"},
    "agendapunt_bewerken": lambda v: {"titel": "Anders", "toelichting": "x"},
    "agendapunt_verschuiven": lambda v: {"richting": "neer"},
    "toezegging_status": lambda v: {"status": "nagekomen"},
}

PATRONEN = patronen(contacten_urls)

#: What this matrix covers of the root URLconf, and how many cases it checks.
DEKT = dekking(PATRONEN, "contacten")
GEVALLEN = gevallen(ROLLEN, len(PATRONEN), varianten=len(VARIANTEN))


def test_elk_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)


@pytest.fixture
def wereld():
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    return {"wijk": wijk, "gebruikers": gebruikers(ROLLEN, wijk=wijk, ander=ander)}


def _objecten(wereld, variant):
    vergadering = VergaderingFactory(concept=variant == "concept")
    punt = AgendapuntFactory(vergadering=vergadering, titel="Eerste")
    AgendapuntFactory(vergadering=vergadering, titel="Tweede")
    toezegging = ToezeggingFactory(besluit__agendapunt=punt, wijk=wereld["wijk"])
    return vergadering, punt, toezegging


def _url(patroon, vergadering, punt, toezegging) -> str:
    kwargs = {}
    if "pk" in patroon.pattern.converters:
        if patroon.name.startswith("agendapunt_") and patroon.name != "agendapunt_nieuw":
            kwargs["pk"] = punt.pk
        elif patroon.name == "toezegging_status":
            kwargs["pk"] = toezegging.pk
        else:
            kwargs["pk"] = vergadering.pk
    return reverse(f"contacten:{patroon.name}", kwargs=kwargs)


def _stand():
    return stand(Vergadering, Agendapunt, Besluit, Toezegging)


@pytest.mark.parametrize("variant", VARIANTEN)
@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode, variant):
    regels = {**TOEGESTAAN, **CONCEPT} if variant == "concept" else TOEGESTAAN
    toegestaan = regels[patroon.name][0 if methode == "get" else 1]
    fouten = []
    for rol in ROLLEN:
        vergadering, punt, toezegging = _objecten(wereld, variant)
        url = _url(patroon, vergadering, punt, toezegging)
        data = POST_DATA.get(patroon.name, lambda v: {})(variant)
        voor = _stand()
        response = vraag(wereld["gebruikers"][rol], methode, url, data)
        na = _stand()
        verwacht = 200 if methode == "get" else 302
        fouten += beoordeel(
            rol, response, toegestaan=rol in toegestaan, voor=voor, na=na, verwacht=verwacht
        )
        if response.status_code < 500 and rol in toegestaan and methode == "post" and voor == na:
            fouten.append(f"{rol}: allowed but nothing changed")
        if methode == "get" and voor != na:
            fouten.append(f"{rol}: a GET changed rows")
    assert_geen_fouten(fouten, methode, f"{patroon.name} ({variant})")


def test_concept_vergadering_niet_in_publieke_lijst(wereld):
    """A draft is not listed for those who may not open it, and is for the griffie."""
    vergadering, _punt, _toezegging = _objecten(wereld, "concept")
    url = reverse("contacten:agenda")
    for rol in ROLLEN:
        response = vraag(wereld["gebruikers"][rol], "get", reverse("contacten:vergaderingen"))
        assert vergadering.get_absolute_url() not in response.content.decode(), rol
    response = vraag(wereld["gebruikers"]["griffie"], "get", url)
    assert vergadering.get_absolute_url() in response.content.decode()

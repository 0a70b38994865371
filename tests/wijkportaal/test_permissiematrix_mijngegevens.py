"""Role × URL × method for "My data", generated from ``wijkportaal.urls_mijngegevens``.

Every role has data of their own (an item they submitted, a ward they follow), and
someone else has theirs. Every role requests every URL with GET and with a valid POST:
anonymous visitors are sent to sign in; everyone signed in sees only their own data, and
a POST changes only their own rows (their name; a resident's own account on deletion,
which officials may not do themselves). A pattern added later without an entry in
``TOEGESTAAN`` fails the test.
"""

import pytest
from django.urls import reverse

from contacten.models import Gebruiker
from initiatieven.models import Onderwerp
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.permissiematrix import (
    ANONIEM,
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
    verschil,
    vraag,
)
from tests.wijken.factories import WijkFactory
from wijken.models import Volger
from wijkportaal import urls_mijngegevens

pytestmark = pytest.mark.django_db

ROLLEN = rollen()
IEDEREEN = set(ROLLEN)
INGELOGD = IEDEREEN - {ANONIEM}

#: URL name → (roles allowed to GET, roles allowed to POST). Officials cannot delete their
#: own account (their designations must be reassigned first); the confirmation after
#: deleting is public.
TOEGESTAAN = {
    "overzicht": (INGELOGD, set()),
    "download": (INGELOGD, set()),
    "naam_wijzigen": (INGELOGD, INGELOGD),
    "verwijderen": ({"bewoner"}, {"bewoner"}),
    "verwijderd": (IEDEREEN, set()),
}

#: A valid POST for each URL, so a refusal is about the role, not the input.
POST_DATA = {
    "naam_wijzigen": {"weergavenaam": "Een nieuwe naam"},
    "verwijderen": {"bevestig": "on"},
}

#: The pages that show a person's data: they must show the own, never someone else's.
MET_GEGEVENS = {"overzicht", "download"}

PATRONEN = patronen(urls_mijngegevens)

#: What this matrix covers of the root URLconf, and how many cases it checks.
DEKT = dekking(PATRONEN, "mijngegevens")
GEVALLEN = gevallen(ROLLEN, len(PATRONEN))


def test_elk_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)


@pytest.fixture
def wereld():
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    personen = gebruikers(ROLLEN, wijk=wijk, ander=ander)
    iemand = GebruikerFactory(email="iemand-anders@example.test")
    OnderwerpFactory(wijk=wijk, indiener=iemand, titel="Van iemand anders")
    Volger.objects.create(gebruiker=iemand, wijk=wijk)
    eigen = {}
    for rol, persoon in personen.items():
        if persoon is not None:
            eigen[rol] = OnderwerpFactory(wijk=wijk, indiener=persoon, titel=f"Eigen van {rol}")
            Volger.objects.create(gebruiker=persoon, wijk=ander)
    return {"gebruikers": personen, "eigen": eigen, "iemand": iemand}


#: A person's fields that a request may change; not ``last_login``, which signing in
#: (the client's ``force_login``) sets.
PERSOONSVELDEN = ("id", "email", "weergavenaam", "rol", "is_staff", "is_superuser", "is_active")


def _stand():
    return stand(Gebruiker.objects.values(*PERSOONSVELDEN), Onderwerp, Volger)


def _van_anderen(voor, na, gebruiker) -> tuple[tuple, tuple]:
    """Both snapshots without the person's own rows, as they were before the request (a
    deleted account's items stay, without their submitter)."""
    pk = getattr(gebruiker, "pk", None)
    personen, onderwerpen, volgers = voor
    eigen = (
        {r["id"] for r in personen if r["id"] == pk},
        {r["id"] for r in onderwerpen if r["indiener_id"] == pk},
        {r["id"] for r in volgers if r["gebruiker_id"] == pk},
    )

    def zonder(snapshot):
        return tuple(
            [r for r in rijen if r["id"] not in ids]
            for rijen, ids in zip(snapshot, eigen, strict=True)
        )

    return zonder(voor), zonder(na)


@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode):
    toegestaan = TOEGESTAAN[patroon.name][0 if methode == "get" else 1]
    url = reverse(f"mijngegevens:{patroon.name}")
    fouten = []
    for rol in ROLLEN:
        gebruiker = wereld["gebruikers"][rol]
        voor = _stand()
        response = vraag(gebruiker, methode, url, POST_DATA.get(patroon.name, {}))
        na = _stand()
        verwacht = 200 if methode == "get" else 302
        fouten += beoordeel(
            rol, response, toegestaan=rol in toegestaan, voor=voor, na=na, verwacht=verwacht
        )
        if response.status_code >= 500:
            continue
        # Whatever a role may do here, it never touches another person's rows.
        anderen_voor, anderen_na = _van_anderen(voor, na, gebruiker)
        if anderen_voor != anderen_na:
            fouten.append(f"{rol}: changed someone else's rows: {verschil(voor, na)}")
        if rol in toegestaan and methode == "post" and voor == na:
            fouten.append(f"{rol}: allowed but nothing changed")
        if rol in toegestaan and methode == "get" and patroon.name in MET_GEGEVENS:
            inhoud = response.content.decode()
            if wereld["eigen"][rol].titel not in inhoud or gebruiker.email not in inhoud:
                fouten.append(f"{rol}: does not see their own data")
            if "Van iemand anders" in inhoud or wereld["iemand"].email in inhoud:
                fouten.append(f"{rol}: sees someone else's data")
    assert_geen_fouten(fouten, methode, patroon.name)

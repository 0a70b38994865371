"""Role × URL × method × ward for the ward pages, generated from ``wijken.urls``.

Every URL pattern of the ward app (following a ward has its own matrix) is resolved with
real objects: a stopped ward council with a fallback arrangement, an open seat and a
professional. They are made in ward A ("eigen") and, as a second object variant, in ward B
("andere_wijk"); for ward B the roles swap: its advisor is "adviseur_ander", the contact
person of its council "groepscontact_ander". Every role requests every URL with GET and
with a valid POST, in a fresh state each time. Where a role is not allowed, the answer is
a redirect to sign in, 403, 404 or 405, and no row of any ward table changes; an allowed
POST with the same data does change something (so the refused POSTs were real attempts).
A pattern added later without an entry in ``TOEGESTAAN`` fails the test.
"""

from datetime import date

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from tests.factories import GebruikerFactory
from tests.permissiematrix import (
    ANONIEM,
    assert_geen_fouten,
    assert_volledig,
    beoordeel,
    client_voor,
    dekking,
    gebruikers,
    gespiegeld,
    gevallen,
    patronen,
    per_methode,
    per_patroon,
    rollen,
    stand,
    vraag,
)
from tests.wijken.factories import (
    BestuursfunctieFactory,
    BewonersgroepFactory,
    TerugvalregelingFactory,
    WijkFactory,
    WijkprofessionalFactory,
)
from tests.wijken.test_permissiematrix_volgen import TOEGESTAAN as VOLG_TOEGESTAAN
from wijken import permissions
from wijken import urls as wijken_urls
from wijken.models import Bewonersgroep, CacheVersion

pytestmark = pytest.mark.django_db

ROLLEN = rollen(
    # A contact person of the council under test, of the other ward's council, and of
    # another group in ward A.
    "groepscontact_eigen",
    "groepscontact_ander",
    "groepscontact_andere_groep",
    "adviseur_ander",
    "opbouwwerker_ander",
    "wethouder_ander",
)
IEDEREEN = set(ROLLEN)
INGELOGD = IEDEREEN - {ANONIEM}
#: The ward's designated staff: advisor and community worker (not the alderman).
STAF = {"adviseur_eigen", "opbouwwerker_eigen"}
BESTUUR = STAF | {"groepscontact_eigen"}

#: URL name → (roles allowed to GET, roles allowed to POST) for objects of ward A; for
#: ward B the same with "_eigen" and "_ander" swapped (``gespiegeld``).
TOEGESTAAN = {
    "lijst": (IEDEREEN, set()),
    "vacatures": (IEDEREEN, set()),
    "wijk": (IEDEREEN, set()),
    "wijk_vacatures": (IEDEREEN, set()),
    "groep": (IEDEREEN, set()),
    "interesse": (INGELOGD, INGELOGD),
    "wijk_beheer": (STAF, set()),
    "groep_nieuw": (STAF, STAF),
    "professional_nieuw": (STAF, STAF),
    "groep_bewerken": (STAF, STAF),
    "wijkraad_status": (STAF, STAF),
    "terugvalregeling": (STAF, STAF),
    "professional_bewerken": (STAF, STAF),
    "professional_verwijderen": (STAF, STAF),
    "groep_beheer": (BESTUUR, set()),
    "functie_nieuw": (BESTUUR, BESTUUR),
    "functie_bewerken": (BESTUUR, BESTUUR),
    "functie_verwijderen": (BESTUUR, BESTUUR),
}

#: The object variants: the objects in ward A, or in ward B.
VARIANTEN = ("eigen", "andere_wijk")


def _terugval_data(rol):
    return {
        "ingang": "2026-09-01",
        "aanspreekpunt": "wijkadviseur",
        "toelichting": f"Nieuw {rol}",
        "taken-TOTAL_FORMS": "1",
        "taken-INITIAL_FORMS": "0",
        "taken-0-taak": "Wijkbudget",
        "taken-0-overnemer": "wijkadviseur",
    }


def _prof(rol):
    return {"naam": f"Nieuw {rol}", "rol": "Wijkagent", "organisatie": "Politie", "telefoon": "0"}


def _functie(rol):
    return {"functie": "lid", "bezetting": "bezet", "naam": f"Nieuw Lid {rol}"}


#: A valid POST for each URL (given the role, so two allowed roles do not collide).
POST_DATA = {
    "interesse": lambda rol: {"bericht": "Ik wil"},
    "groep_nieuw": lambda rol: {"naam": f"Nieuwe club {rol}", "soort": "sportvereniging"},
    "professional_nieuw": _prof,
    "groep_bewerken": lambda rol: {"naam": f"Andere naam {rol}", "soort": "overig"},
    "wijkraad_status": lambda rol: {"status": "actief"},
    "terugvalregeling": _terugval_data,
    "professional_bewerken": _prof,
    "professional_verwijderen": lambda rol: {},
    "functie_nieuw": _functie,
    "functie_bewerken": _functie,
    "functie_verwijderen": lambda rol: {},
}

# Following a ward has its own matrix (test_permissiematrix_volgen.py).
PATRONEN = [p for p in patronen(wijken_urls) if p.name not in VOLG_TOEGESTAAN]

#: What this matrix covers of the root URLconf, and how many cases it checks.
DEKT = dekking(PATRONEN, "wijken")
GEVALLEN = gevallen(ROLLEN, len(PATRONEN), varianten=len(VARIANTEN))


def test_elk_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)


@pytest.fixture
def wereld(db):
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    contacten = {
        rol: GebruikerFactory()
        for rol in ("groepscontact_eigen", "groepscontact_ander", "groepscontact_andere_groep")
    }
    return {
        "eigen": wijk,
        "andere_wijk": ander,
        "contacten": contacten,
        "personen": gebruikers(ROLLEN, wijk=wijk, ander=ander, **contacten),
    }


def _objecten(wereld, variant) -> dict:
    """A fresh stopped council (with fallback, open seat) and professional in both wards;
    those of the variant's ward are returned."""
    Bewonersgroep.objects.all().delete()
    contacten = wereld["contacten"]
    BewonersgroepFactory(
        wijk=wereld["eigen"], contactpersonen=[contacten["groepscontact_andere_groep"]]
    )
    objecten = {}
    for naam, contact in (("eigen", "groepscontact_eigen"), ("andere_wijk", "groepscontact_ander")):
        wijk = wereld[naam]
        raad = BewonersgroepFactory(wijk=wijk, gestopt=True, contactpersonen=[contacten[contact]])
        TerugvalregelingFactory(groep=raad, ingang=date(2026, 1, 1))
        objecten[naam] = {
            "wijk": wijk,
            "raad": raad,
            "vacature": BestuursfunctieFactory(groep=raad, vacant=True),
            "professional": WijkprofessionalFactory(wijk=wijk),
        }
    return objecten[variant]


def _url(patroon, o) -> str:
    kwargs = {}
    if "code" in patroon.pattern.converters:
        kwargs["code"] = o["wijk"].code
    if "pk" in patroon.pattern.converters:
        if patroon.name.startswith("professional"):
            kwargs["pk"] = o["professional"].pk
        elif patroon.name in ("interesse", "functie_bewerken", "functie_verwijderen"):
            kwargs["pk"] = o["vacature"].pk
        else:
            kwargs["pk"] = o["raad"].pk
    return reverse(f"wijken:{patroon.name}", kwargs=kwargs)


def momentopname() -> tuple:
    """Every row of every wijken table (M2M tables included), but the page cache's
    versions: reading a page may record the cache's first generation, which is no data."""
    return stand(
        *(
            m
            for m in apps.get_app_config("wijken").get_models(include_auto_created=True)
            if m is not CacheVersion
        )
    )


@pytest.mark.parametrize("variant", VARIANTEN)
@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode, variant):
    toegestaan = TOEGESTAAN[patroon.name][0 if methode == "get" else 1]
    if variant == "andere_wijk":
        toegestaan = gespiegeld(toegestaan)
    fouten = []
    for rol in ROLLEN:
        objecten = _objecten(wereld, variant)
        url = _url(patroon, objecten)
        voor = momentopname()
        data = POST_DATA.get(patroon.name, lambda rol: {})(rol)
        response = vraag(wereld["personen"][rol], methode, url, data)
        na = momentopname()
        verwacht = 200 if methode == "get" else 302
        fouten += beoordeel(
            rol, response, toegestaan=rol in toegestaan, voor=voor, na=na, verwacht=verwacht
        )
        if response.status_code < 500 and rol in toegestaan and methode == "post" and voor == na:
            fouten.append(f"{rol}: allowed but nothing changed")
        if methode == "get" and voor != na:
            fouten.append(f"{rol}: a GET changed rows")
    assert_geen_fouten(fouten, methode, f"{patroon.name} ({variant})")


@pytest.fixture
def eigen(wereld):
    """Ward A's objects."""
    return _objecten(wereld, "eigen")


def test_predicaten(wereld, eigen):
    p = wereld["personen"]
    wijk, raad = eigen["wijk"], eigen["raad"]
    assert permissions.mag_wijk_beheren(p["adviseur_eigen"], wijk)
    assert permissions.mag_wijk_beheren(p["opbouwwerker_eigen"], wijk)
    assert not permissions.mag_wijk_beheren(p["adviseur_ander"], wijk)
    assert not permissions.mag_wijk_beheren(p["beheerder"], wijk)
    assert not permissions.mag_wijk_beheren(None, wijk)
    assert permissions.mag_bestuur_beheren(p["groepscontact_eigen"], raad)
    assert not permissions.mag_groep_beheren(p["groepscontact_eigen"], raad)
    assert not permissions.mag_bestuur_beheren(p["groepscontact_ander"], raad)
    # A designation counts only while the person is active and keeps the role.
    adviseur = p["adviseur_eigen"]
    adviseur.rol = "bewoner"
    assert not permissions.mag_wijk_beheren(adviseur, wijk)
    adviseur.rol, adviseur.is_active = "wijkadviseur", False
    assert not permissions.mag_wijk_beheren(adviseur, wijk)


def test_interesse_in_bezette_functie_is_404(wereld, eigen):
    bezet = BestuursfunctieFactory(groep=eigen["raad"])
    c = client_voor(wereld["personen"]["bewoner"])
    assert c.get(reverse("wijken:interesse", args=[bezet.pk])).status_code == 404


def test_status_van_gewone_groep_is_404(wereld, eigen):
    club = BewonersgroepFactory(wijk=eigen["wijk"])
    c = client_voor(wereld["personen"]["adviseur_eigen"])
    assert c.get(reverse("wijken:wijkraad_status", args=[club.pk])).status_code == 404
    assert c.get(reverse("wijken:terugvalregeling", args=[club.pk])).status_code == 404


def test_csrf_vereist(wereld, eigen):
    c = Client(enforce_csrf_checks=True)
    c.force_login(wereld["personen"]["adviseur_eigen"])
    voor = momentopname()
    antwoord = c.post(
        reverse("wijken:wijkraad_status", args=[eigen["raad"].pk]), {"status": "actief"}
    )
    assert antwoord.status_code == 403
    assert momentopname() == voor

"""The permission matrix: every wijken URL × every role, GET and POST.

Forbidden requests get 403/404/405 or a redirect to sign in, and change no row. Allowed
ones get their page, and an allowed POST with the same data does change something (so
the forbidden POSTs were real attempts).
"""

from datetime import date

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from tests.factories import GebruikerFactory
from tests.permissiematrix import (
    ANONIEM,
    assert_volledig,
    client_voor,
    gebruikers,
    is_geweigerd,
    patronen,
    stand,
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

pytestmark = pytest.mark.django_db

ROLLEN = [
    ANONIEM,
    "bewoner",
    "groepscontact_eigen",
    "groepscontact_ander",
    "adviseur_eigen",
    "adviseur_ander",
    "opbouwwerker_eigen",
    "opbouwwerker_ander",
    "wethouder_eigen",
    "beheerder",
]
IEDEREEN = set(ROLLEN)
INGELOGD = IEDEREEN - {ANONIEM}
STAF = {"adviseur_eigen", "opbouwwerker_eigen"}
BESTUUR = STAF | {"groepscontact_eigen"}


def _terugval_data(w):
    return {
        "ingang": "2026-09-01",
        "aanspreekpunt": "wijkadviseur",
        "toelichting": "Nieuw",
        "taken-TOTAL_FORMS": "1",
        "taken-INITIAL_FORMS": "0",
        "taken-0-taak": "Wijkbudget",
        "taken-0-overnemer": "wijkadviseur",
    }


_PROF = {"naam": "Nieuw", "rol": "Wijkagent", "organisatie": "Politie", "telefoon": "0900"}
_FUNCTIE = {"functie": "lid", "bezetting": "bezet", "naam": "Nieuw Lid"}

# URL name -> (kwargs, roles allowed to GET, roles allowed to POST, POST data)
MATRIX = {
    "lijst": (lambda w: {}, IEDEREEN, set(), lambda w: {}),
    "vacatures": (lambda w: {}, IEDEREEN, set(), lambda w: {}),
    "wijk": (lambda w: {"code": w["wijk"].code}, IEDEREEN, set(), lambda w: {}),
    "wijk_vacatures": (lambda w: {"code": w["wijk"].code}, IEDEREEN, set(), lambda w: {}),
    "groep": (lambda w: {"pk": w["raad"].pk}, IEDEREEN, set(), lambda w: {}),
    "interesse": (
        lambda w: {"pk": w["vacature"].pk},
        INGELOGD,
        INGELOGD,
        lambda w: {"bericht": "Ik wil"},
    ),
    "wijk_beheer": (lambda w: {"code": w["wijk"].code}, STAF, set(), lambda w: {}),
    "groep_nieuw": (
        lambda w: {"code": w["wijk"].code},
        STAF,
        STAF,
        lambda w: {"naam": "Nieuwe club", "soort": "sportvereniging"},
    ),
    "professional_nieuw": (lambda w: {"code": w["wijk"].code}, STAF, STAF, lambda w: _PROF),
    "groep_bewerken": (
        lambda w: {"pk": w["raad"].pk},
        STAF,
        STAF,
        lambda w: {"naam": "Andere naam", "soort": "overig", "is_staff": "on"},
    ),
    "wijkraad_status": (lambda w: {"pk": w["raad"].pk}, STAF, STAF, lambda w: {"status": "actief"}),
    "terugvalregeling": (lambda w: {"pk": w["raad"].pk}, STAF, STAF, _terugval_data),
    "professional_bewerken": (lambda w: {"pk": w["professional"].pk}, STAF, STAF, lambda w: _PROF),
    "professional_verwijderen": (lambda w: {"pk": w["professional"].pk}, STAF, STAF, lambda w: {}),
    "groep_beheer": (lambda w: {"pk": w["raad"].pk}, BESTUUR, set(), lambda w: {}),
    "functie_nieuw": (lambda w: {"pk": w["raad"].pk}, BESTUUR, BESTUUR, lambda w: _FUNCTIE),
    "functie_bewerken": (lambda w: {"pk": w["vacature"].pk}, BESTUUR, BESTUUR, lambda w: _FUNCTIE),
    "functie_verwijderen": (lambda w: {"pk": w["vacature"].pk}, BESTUUR, BESTUUR, lambda w: {}),
}


@pytest.fixture
def wereld(db):
    wijk = WijkFactory(met_staf=True)
    ander = WijkFactory(met_staf=True)
    contact_eigen, contact_ander = GebruikerFactory(), GebruikerFactory()
    raad = BewonersgroepFactory(wijk=wijk, gestopt=True, contactpersonen=[contact_eigen])
    BewonersgroepFactory(wijk=wijk, contactpersonen=[contact_ander])
    TerugvalregelingFactory(groep=raad, ingang=date(2026, 1, 1))
    return {
        "wijk": wijk,
        "raad": raad,
        "vacature": BestuursfunctieFactory(groep=raad, vacant=True),
        "professional": WijkprofessionalFactory(wijk=wijk),
        "personen": gebruikers(
            ROLLEN,
            wijk=wijk,
            ander=ander,
            groepscontact_eigen=contact_eigen,
            groepscontact_ander=contact_ander,
        ),
    }


def momentopname() -> tuple:
    """Every row of every wijken table (M2M tables included)."""
    return stand(*apps.get_app_config("wijken").get_models(include_auto_created=True))


def test_matrix_dekt_elke_url():
    # Following a ward has its own matrix (test_permissiematrix_volgen.py).
    assert_volledig([p for p in patronen(wijken_urls) if p.name not in VOLG_TOEGESTAAN], MATRIX)


@pytest.mark.parametrize("naam", sorted(MATRIX))
def test_matrix(wereld, naam):
    kwargs, mag_get, mag_post, data = MATRIX[naam]
    url = reverse(f"wijken:{naam}", kwargs=kwargs(wereld))
    voor = momentopname()
    for rol in ROLLEN:
        c = client_voor(wereld["personen"][rol])
        antwoord = c.get(url)
        if rol in mag_get:
            assert antwoord.status_code == 200, (naam, rol, "GET", antwoord.status_code)
        else:
            assert is_geweigerd(antwoord), (naam, rol, "GET", antwoord.status_code)
        if rol not in mag_post:
            antwoord = c.post(url, data(wereld))
            assert is_geweigerd(antwoord), (naam, rol, "POST", antwoord.status_code)
        assert momentopname() == voor, (naam, rol)
    # The same POST by someone allowed does change the data.
    if mag_post:
        rol = sorted(mag_post)[0]
        antwoord = client_voor(wereld["personen"][rol]).post(url, data(wereld))
        assert antwoord.status_code == 302, (naam, rol, antwoord.status_code)
        assert momentopname() != voor


def test_predicaten(wereld):
    p = wereld["personen"]
    wijk, raad = wereld["wijk"], wereld["raad"]
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


def test_interesse_in_bezette_functie_is_404(wereld):
    bezet = BestuursfunctieFactory(groep=wereld["raad"])
    c = client_voor(wereld["personen"]["bewoner"])
    assert c.get(reverse("wijken:interesse", args=[bezet.pk])).status_code == 404


def test_status_van_gewone_groep_is_404(wereld):
    club = BewonersgroepFactory(wijk=wereld["wijk"])
    c = client_voor(wereld["personen"]["adviseur_eigen"])
    assert c.get(reverse("wijken:wijkraad_status", args=[club.pk])).status_code == 404
    assert c.get(reverse("wijken:terugvalregeling", args=[club.pk])).status_code == 404


def test_csrf_vereist(wereld):
    c = Client(enforce_csrf_checks=True)
    c.force_login(wereld["personen"]["adviseur_eigen"])
    voor = momentopname()
    antwoord = c.post(
        reverse("wijken:wijkraad_status", args=[wereld["raad"].pk]), {"status": "actief"}
    )
    assert antwoord.status_code == 403
    assert momentopname() == voor

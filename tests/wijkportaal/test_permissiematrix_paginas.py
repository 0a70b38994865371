"""Role × URL × method for the portal's own pages, generated from ``wijkportaal.urls``.

The composition pages of ``wijkportaal.views`` (home, health check, statements) and the
language switch (``django.conf.urls.i18n``) are public: every role gets them with GET, and
only the language switch takes a POST; a POST to the others is refused (405) and no row
changes. The dashboards have a matrix of their own (test_dashboard_permissiematrix.py).
A pattern added later without an entry in ``TOEGESTAAN`` fails the test.
"""

import pytest
from django.conf.urls import i18n
from django.urls import reverse

from contacten.models import Gebruiker
from initiatieven.models import Onderwerp
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
from wijken.models import Wijk
from wijkportaal import urls as portaal_urls
from wijkportaal import views

pytestmark = pytest.mark.django_db

ROLLEN = rollen()
IEDEREEN = set(ROLLEN)

#: URL name → (roles allowed to GET, roles allowed to POST).
TOEGESTAAN = {
    "home": (IEDEREEN, set()),
    "healthz": (IEDEREEN, set()),
    "toegankelijkheid": (IEDEREEN, set()),
    "privacy": (IEDEREEN, set()),
    # "basislijn" exists only in a benchmark run (BENCHMARK=1): a public, read-only page.
    "basislijn": (IEDEREEN, set()),
    # Choosing a language is for everyone; it sets a cookie, not a row.
    "set_language": (IEDEREEN, IEDEREEN),
}

#: These pages exist for everyone: a 404 would be a broken URL, not a refusal.
WEIGERCODES = (403, 405)

PAGINAS = patronen(portaal_urls, views_module=views)
PATRONEN = PAGINAS + patronen(i18n)

#: What this matrix covers of the root URLconf, and how many cases it checks.
DEKT = dekking(PATRONEN)
GEVALLEN = gevallen(ROLLEN, len(PATRONEN))


def test_elk_patroon_staat_in_de_matrix():
    # The benchmark's page is only in the URLconf of a benchmark run.
    regels = {naam: regel for naam, regel in TOEGESTAAN.items() if naam != "basislijn"}
    assert_volledig([p for p in PATRONEN if p.name != "basislijn"], regels)


@pytest.fixture
def wereld():
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    OnderwerpFactory(wijk=wijk)
    return {"gebruikers": gebruikers(ROLLEN, wijk=wijk, ander=ander)}


def _stand():
    # Not the person's last_login: signing in (the client's force_login) sets it.
    return stand(Gebruiker.objects.values("id", "email", "rol", "is_active"), Onderwerp, Wijk)


def _taal_gekozen(response) -> bool:
    # The language switch answers with a redirect back (or 204 without a target).
    return response.status_code in (204, 302)


@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode):
    toegestaan = TOEGESTAAN[patroon.name][0 if methode == "get" else 1]
    url = reverse(patroon.name)
    data = {"language": "en", "next": "/"} if patroon.name == "set_language" else {}
    fouten = []
    for rol in ROLLEN:
        voor = _stand()
        response = vraag(wereld["gebruikers"][rol], methode, url, data)
        na = _stand()
        verwacht = _taal_gekozen if patroon.name == "set_language" else 200
        fouten += beoordeel(
            rol,
            response,
            toegestaan=rol in toegestaan,
            voor=voor,
            na=na,
            verwacht=verwacht,
            codes=WEIGERCODES,
        )
        # These pages only read: not even an allowed request changes a row.
        if voor != na:
            fouten.append(f"{rol}: changed rows")
    assert_geen_fouten(fouten, methode, patroon.name)

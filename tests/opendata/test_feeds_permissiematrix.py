"""Role × URL × method × item for the Atom feeds (opendata.feeds), from ``opendata.urls``.

The feeds are public and the same for everyone: every role, signed out included, GETs
each feed of a published item, a ward, a kind, the meetings, the decisions and the
questions to the wards (200, an Atom document). An item's feed exists only while the item
is published: for a draft, an item nobody screened yet, and one kept non-public, it is a
404 to every role, its submitter and the ward's officials included (they read such items
on their pages, never in a feed). POST is refused with 405 and changes no row.
"""

import pytest
from django.urls import reverse

from contacten.vergaderingen import Agendapunt, Besluit, Toezegging, Vergadering
from initiatieven.models import Bericht, Onderwerp, Statuswijziging
from meedenken.models import Inbreng, Meedenkvraag, Terugkoppeling
from opendata import urls as opendata_urls
from tests.initiatieven.factories import OnderwerpFactory
from tests.opendata.feeds_wereld import (
    tijdlijn_vullen,
    vergadering_met_besluit,
    vraag_met_terugkoppeling,
)
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

ROLLEN = rollen("indiener", "adviseur_ander", "wethouder_ander")
IEDEREEN = set(ROLLEN)

#: URL name → (roles allowed to GET, roles allowed to POST) for a published item.
TOEGESTAAN = {
    "feed_onderwerpen": (IEDEREEN, set()),
    "feed_soort": (IEDEREEN, set()),
    "feed_onderwerp": (IEDEREEN, set()),
    "feed_wijk": (IEDEREEN, set()),
    "feed_vergaderingen": (IEDEREEN, set()),
    "feed_besluiten": (IEDEREEN, set()),
    "feed_meedenken": (IEDEREEN, set()),
}

#: The item's state in each variant; a feed of an item that is not published is nobody's.
VARIANTEN = {
    "openbaar": {"openbaar_": True},
    "niet_gescreend": {},
    "op_verzoek_niet_openbaar": {"wil_niet_openbaar": True},
    "concept": {"concept": True},
}
NIET_OPENBAAR = {"feed_onderwerp": (set(), set())}

#: The feeds' patterns: the other open data URLs of this URLconf are in their own matrix.
PATRONEN = patronen(opendata_urls, namen=TOEGESTAAN)

DEKT = dekking(PATRONEN, "opendata")
GEVALLEN = gevallen(ROLLEN, len(PATRONEN), varianten=len(VARIANTEN))


def test_elk_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)
    # Every feed of the URLconf is here: a feed added later without a row fails.
    feeds = {p.name for p in opendata_urls.urlpatterns if p.name and p.name.startswith("feed")}
    assert feeds == set(TOEGESTAAN)


@pytest.fixture
def wereld():
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    return {"wijk": wijk, "gebruikers": gebruikers(ROLLEN, wijk=wijk, ander=ander)}


def _onderwerp(wereld, variant):
    onderwerp = OnderwerpFactory(
        wijk=wereld["wijk"], indiener=wereld["gebruikers"]["indiener"], **VARIANTEN[variant]
    )
    if variant != "concept":
        tijdlijn_vullen(onderwerp, 2, door=wereld["wijk"].wijkadviseur)
        _vergadering, besluit = vergadering_met_besluit(wereld["wijk"], [onderwerp])
        vraag_met_terugkoppeling([wereld["wijk"]], [onderwerp], besluit.agendapunt)
    return onderwerp


def _url(patroon, onderwerp) -> str:
    kwargs = {}
    if "pk" in patroon.pattern.converters:
        kwargs["pk"] = onderwerp.pk
    if "code" in patroon.pattern.converters:
        kwargs["code"] = onderwerp.wijk.code
    if "soort" in patroon.pattern.converters:
        kwargs["soort"] = onderwerp.soort
    return reverse(f"opendata:{patroon.name}", kwargs=kwargs)


def _stand():
    return stand(
        Onderwerp,
        Statuswijziging,
        Bericht,
        Vergadering,
        Agendapunt,
        Besluit,
        Toezegging,
        Meedenkvraag,
        Inbreng,
        Terugkoppeling,
    )


def _is_atom(response) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith(
        "application/atom+xml"
    )


@pytest.mark.parametrize("variant", VARIANTEN)
@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode, variant):
    regels = TOEGESTAAN if variant == "openbaar" else {**TOEGESTAAN, **NIET_OPENBAAR}
    toegestaan = regels[patroon.name][0 if methode == "get" else 1]
    onderwerp = _onderwerp(wereld, variant)
    url = _url(patroon, onderwerp)
    fouten = []
    for rol in ROLLEN:
        voor = _stand()
        response = vraag(wereld["gebruikers"][rol], methode, url, {"titel": "Overschreven"})
        na = _stand()
        fouten += beoordeel(
            rol, response, toegestaan=rol in toegestaan, voor=voor, na=na, verwacht=_is_atom
        )
        if methode == "post" and response.status_code != 405:
            fouten.append(f"{rol}: POST answered {response.status_code}, not 405")
        if not (rol in toegestaan or methode == "post") and response.status_code != 404:
            # A feed of a non-public item: whether it exists is not told (no 403).
            fouten.append(f"{rol}: expected 404, got {response.status_code}")
        if voor != na:
            fouten.append(f"{rol}: a {methode.upper()} changed rows")
    assert_geen_fouten(fouten, methode, f"{patroon.name} ({variant})")

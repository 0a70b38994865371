"""Role × URL × method, generated from ``contacten.urls_contactmomenten``.

Every URL pattern of the contact log is resolved with a contact moment (with a follow-up)
of ward A, and where it takes a ward or group from the query string, with ward A's. Every
role requests it with GET and POST. Where a role is not allowed, the answer is a redirect
to sign in, 403, 404 or 405, and no row changes. A pattern added later without an entry in
``TOEGESTAAN`` fails the test, so nobody forgets it.

Only the ward's designated officials see its log: not the college or the griffie in
general, not the administrator. An official of another ward has a log of their own (so the
bare list answers 200, without ward A's rows), but ward A's ward, group and entries are
a 404 to them.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from contacten import urls_contactmomenten
from contacten.contactmomenten import Contactmoment
from tests.contacten.factories import ContactmomentFactory
from tests.permissiematrix import (
    assert_geen_fouten,
    assert_volledig,
    beoordeel,
    client_voor,
    dekking,
    gebruikers,
    gevallen,
    is_geweigerd,
    patronen,
    per_methode,
    per_patroon,
    rollen,
    stand,
    vraag,
)
from tests.wijken.factories import BewonersgroepFactory, WijkFactory

pytestmark = pytest.mark.django_db

ROLLEN = rollen("adviseur_ander", "wethouder_ander")
EIGEN = {"adviseur_eigen", "opbouwwerker_eigen", "wethouder_eigen"}
FUNCTIONARISSEN = EIGEN | {"adviseur_ander", "wethouder_ander"}

#: URL name → (roles allowed to GET, roles allowed to POST); every other role is refused.
TOEGESTAAN = {
    "lijst": (FUNCTIONARISSEN, set()),
    "nieuw": (EIGEN, EIGEN),
    "bewerken": (EIGEN, EIGEN),
    "vervolg": (set(), EIGEN),
}

#: URL name → the query string, for the pages that take ward A or its group from it.
QUERY = {
    "nieuw": lambda w: f"?wijk={w['wijk'].code}&groep={w['groep'].pk}",
}

#: Where a role may GET a page, the same page filtered on ward A, and on its group, must be
#: refused to an official of another ward (and shown to ward A's own).
GEFILTERD = {
    "lijst": [lambda w: {"wijk": w["wijk"].code}, lambda w: {"groep": w["groep"].pk}],
}


def _post_data(wereld):
    wijk = wereld["wijk"]
    return {
        "groep": wereld["groep"].pk,
        "bewoner": "",
        "datum": timezone.localdate().isoformat(),
        "vorm": "gesprek",
        "medewerker": wijk.wijkadviseur.pk,
        "onderwerp": "Gewijzigd of nieuw",
        "notitie": "",
        "vervolg": "Nog iets doen",
        "vervolg_voor": "",
        "gedaan": "1",
    }


PATRONEN = patronen(urls_contactmomenten)

#: What this matrix covers of the root URLconf, and how many cases it checks.
DEKT = dekking(PATRONEN, "contactmomenten")
GEVALLEN = gevallen(ROLLEN, len(PATRONEN))


def test_elk_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)


@pytest.fixture
def wereld():
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    # The other ward's officials have a log of their own, with an entry in it.
    ContactmomentFactory(wijk=ander, onderwerp="Van de andere wijk")
    return {
        "wijk": wijk,
        "groep": BewonersgroepFactory(wijk=wijk),
        "gebruikers": gebruikers(ROLLEN, wijk=wijk, ander=ander),
    }


def _url(patroon, wereld, contactmoment) -> str:
    kwargs = dict.fromkeys(patroon.pattern.converters, contactmoment.pk)
    url = reverse(f"contactmomenten:{patroon.name}", kwargs=kwargs)
    return url + QUERY.get(patroon.name, lambda w: "")(wereld)


def _stand():
    return stand(Contactmoment)


@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode):
    toegestaan_get, toegestaan_post = TOEGESTAAN[patroon.name]
    toegestaan = toegestaan_get if methode == "get" else toegestaan_post
    fouten = []
    for rol in ROLLEN:
        contactmoment = ContactmomentFactory(
            wijk=wereld["wijk"], groep=wereld["groep"], met_vervolg=True
        )
        url = _url(patroon, wereld, contactmoment)
        voor = _stand()
        response = vraag(wereld["gebruikers"][rol], methode, url, _post_data(wereld))
        na = _stand()
        verwacht = 200 if methode == "get" else 302
        fouten += beoordeel(
            rol, response, toegestaan=rol in toegestaan, voor=voor, na=na, verwacht=verwacht
        )
        # Another ward's official may open the bare log: their own ward's, not ward A's.
        if response.status_code < 500 and rol in toegestaan and methode == "get":
            inhoud = response.content.decode()
            if rol not in EIGEN and "Van de andere wijk" not in inhoud:
                fouten.append(f"{rol}: does not see their own ward's log")
            if rol not in EIGEN and contactmoment.onderwerp in inhoud:
                fouten.append(f"{rol}: sees ward A's log")
    assert_geen_fouten(fouten, methode, patroon.name)


@pytest.mark.parametrize("naam", sorted(GEFILTERD))
def test_gefilterd_op_wijk_of_groep_van_een_ander_is_404(wereld, naam):
    url = reverse(f"contactmomenten:{naam}")
    for params in GEFILTERD[naam]:
        for rol in ROLLEN:
            response = client_voor(wereld["gebruikers"][rol]).get(url, params(wereld))
            if rol in EIGEN:
                assert response.status_code == 200, rol
            elif rol in FUNCTIONARISSEN:
                assert response.status_code == 404, rol
            else:
                assert is_geweigerd(response), rol


def test_ander_wijk_contactmoment_niet_te_wijzigen(wereld):
    """QUALITY.md 8: the advisor of ward A changes nothing of a ward-B entry."""
    ander = WijkFactory(met_staf=True)
    contactmoment = ContactmomentFactory(wijk=ander, met_vervolg=True)
    client = client_voor(wereld["wijk"].wijkadviseur)
    voor = _stand()
    for naam in ("bewerken", "vervolg"):
        url = reverse(f"contactmomenten:{naam}", args=[contactmoment.pk])
        assert client.post(url, _post_data(wereld)).status_code == 404
    assert (
        client.post(
            reverse("contactmomenten:nieuw") + f"?wijk={ander.code}", _post_data(wereld)
        ).status_code
        == 404
    )
    assert _stand() == voor

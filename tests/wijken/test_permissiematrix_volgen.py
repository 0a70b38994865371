"""Role × URL × method for following a ward, generated from ``wijken.urls``.

Every follow URL is requested by every role with GET and POST, with a fresh world each
time (the role's own follower of ward A, and someone else's). Where a role is not allowed,
the answer is a redirect to sign in, 403, 404 or 405 and no follower row changes. A follow
URL added later without an entry in ``TOEGESTAAN`` fails the test.
"""

import pytest
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
    gevallen,
    patronen,
    per_methode,
    per_patroon,
    rollen,
    stand,
    vraag,
)
from tests.wijken.factories import WijkFactory
from wijken import urls as wijken_urls
from wijken import views_volgen, volgen
from wijken.models import Volger

pytestmark = pytest.mark.django_db

ROLLEN = rollen("adviseur_ander")
IEDEREEN = set(ROLLEN)
INGELOGD = IEDEREEN - {ANONIEM}

#: URL name → (roles allowed to GET, roles allowed to POST). Anyone signed in follows
#: (staff too); the unsubscribe link works for anyone holding it, signed in or not.
TOEGESTAAN = {
    "gevolgd": (INGELOGD, set()),
    "volgen": (INGELOGD, INGELOGD),
    "ontvolgen": (set(), INGELOGD),
    "afmelden": (IEDEREEN, IEDEREEN),
}

PATRONEN = patronen(wijken_urls, namen=TOEGESTAAN)

#: What this matrix covers of the root URLconf, and how many cases it checks.
DEKT = dekking(PATRONEN, "wijken")
GEVALLEN = gevallen(ROLLEN, len(PATRONEN))


def test_elk_volgpatroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)
    # Every URL of the follow views is in this matrix.
    assert_volledig(patronen(wijken_urls, views_module=views_volgen), TOEGESTAAN)


@pytest.fixture
def wereld():
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    return {"wijk": wijk, "gebruikers": gebruikers(ROLLEN, wijk=wijk, ander=ander)}


def _stand():
    return stand(Volger.objects.values_list("pk", "gebruiker_id", "wijk_id", "frequentie"))


def _url(patroon, wijk, token) -> str:
    kwargs = {}
    if "code" in patroon.pattern.converters:
        kwargs["code"] = wijk.code
    if "token" in patroon.pattern.converters:
        kwargs["token"] = token
    return reverse(f"wijken:{patroon.name}", kwargs=kwargs)


@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode):
    toegestaan = TOEGESTAAN[patroon.name][0 if methode == "get" else 1]
    wijk = wereld["wijk"]
    fouten = []
    for rol in ROLLEN:
        Volger.objects.all().delete()
        gebruiker = wereld["gebruikers"][rol]
        # Someone else follows the ward (the unsubscribe link is theirs); the role itself
        # follows it too when signed in, so unfollowing has something to stop.
        iemand = Volger.objects.create(gebruiker=GebruikerFactory(), wijk=wijk)
        if gebruiker is not None:
            Volger.objects.create(gebruiker=gebruiker, wijk=wijk, frequentie="direct")
        url = _url(patroon, wijk, volgen.afmeldtoken(iemand))
        voor = _stand()
        response = vraag(gebruiker, methode, url, {"frequentie": "wekelijks"})
        na = _stand()
        verwacht = 302 if methode == "post" and patroon.name != "afmelden" else 200
        fouten += beoordeel(
            rol, response, toegestaan=rol in toegestaan, voor=voor, na=na, verwacht=verwacht
        )
        if response.status_code >= 500:
            continue
        # Whatever the role did, it only touched its own row (or the link's).
        (volgers_voor,), (volgers_na,) = voor, na
        andermans = {r for r in volgers_voor if r[1] != getattr(gebruiker, "pk", None)}
        if patroon.name != "afmelden" and not andermans <= set(volgers_na):
            fouten.append(f"{rol}: changed someone else's follower")
    assert_geen_fouten(fouten, methode, patroon.name)


@per_methode
def test_vervalste_afmeldlink_voor_iedereen_400(wereld, methode):
    iemand = Volger.objects.create(gebruiker=GebruikerFactory(), wijk=wereld["wijk"])
    token = volgen.afmeldtoken(iemand)[:-3] + "xyz"
    url = reverse("wijken:afmelden", kwargs={"token": token})
    for rol in ROLLEN:
        response = vraag(wereld["gebruikers"][rol], methode, url)
        assert response.status_code == 400, rol
        assert Volger.objects.filter(pk=iemand.pk).exists(), rol


def test_onbekende_wijk_404(wereld):
    client = client_voor(wereld["gebruikers"]["bewoner"])
    for naam in ("volgen", "ontvolgen"):
        url = reverse(f"wijken:{naam}", kwargs={"code": "WK000099"})
        assert client.post(url, {"frequentie": "direct"}).status_code == 404
    assert not Volger.objects.exists()

"""Role × URL × method for following a ward, generated from ``wijken.urls``.

Every follow URL is requested by every role with GET and POST, with a fresh world each
time (the role's own follower of ward A, and someone else's). Where a role is not allowed,
the answer is a redirect to sign in, 403, 404 or 405 and no follower row changes. A follow
URL added later without an entry in ``TOEGESTAAN`` fails the test.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, reverse

from tests.factories import GebruikerFactory
from tests.wijken.factories import WijkFactory
from wijken import urls as wijken_urls
from wijken import volgen
from wijken.models import Volger

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
INGELOGD = IEDEREEN - {"anoniem"}

#: URL name → (roles allowed to GET, roles allowed to POST). Anyone signed in follows
#: (staff too); the unsubscribe link works for anyone holding it, signed in or not.
TOEGESTAAN = {
    "gevolgd": (INGELOGD, set()),
    "volgen": (INGELOGD, INGELOGD),
    "ontvolgen": (set(), INGELOGD),
    "afmelden": (IEDEREEN, IEDEREEN),
}

PATRONEN = [
    p for p in wijken_urls.urlpatterns if isinstance(p, URLPattern) and p.name in TOEGESTAAN
]


def test_elk_volgpatroon_staat_in_de_matrix():
    namen = {p.name for p in PATRONEN}
    assert namen == set(TOEGESTAAN)
    # Every URL of the follow views is in this matrix.
    van_volgen = {
        p.name
        for p in wijken_urls.urlpatterns
        if isinstance(p, URLPattern) and p.callback.__module__ == "wijken.views_volgen"
    }
    assert van_volgen == namen


@pytest.fixture
def wereld():
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


def _stand():
    return sorted(Volger.objects.values_list("pk", "gebruiker_id", "wijk_id", "frequentie"))


def _geweigerd(response) -> bool:
    if response.status_code == 302:
        return response["Location"].startswith(reverse("account_login"))
    return response.status_code in (403, 404, 405)


def _url(patroon, wijk, token) -> str:
    kwargs = {}
    if "code" in patroon.pattern.converters:
        kwargs["code"] = wijk.code
    if "token" in patroon.pattern.converters:
        kwargs["token"] = token
    return reverse(f"wijken:{patroon.name}", kwargs=kwargs)


@pytest.mark.parametrize("methode", ["get", "post"])
@pytest.mark.parametrize("patroon", PATRONEN, ids=lambda p: p.name)
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
        client = Client()
        if gebruiker is not None:
            client.force_login(gebruiker)
        voor = _stand()
        if methode == "post":
            response = client.post(url, {"frequentie": "wekelijks"})
        else:
            response = client.get(url)
        na = _stand()
        if response.status_code >= 500:
            fouten.append(f"{rol}: {response.status_code}")
            continue
        if rol in toegestaan:
            verwacht = 302 if methode == "post" and patroon.name != "afmelden" else 200
            if response.status_code != verwacht or _geweigerd(response):
                fouten.append(f"{rol}: allowed but got {response.status_code}")
        else:
            if not _geweigerd(response):
                fouten.append(f"{rol}: not allowed but got {response.status_code}")
            if voor != na:
                fouten.append(f"{rol}: refused but changed {voor} -> {na}")
        # Whatever the role did, it only touched its own row (or the link's).
        andermans = {r for r in voor if r[1] not in (getattr(gebruiker, "pk", None),)}
        if patroon.name != "afmelden" and not andermans <= set(na):
            fouten.append(f"{rol}: changed someone else's follower")
    assert not fouten, f"{methode.upper()} {patroon.name}:\n" + "\n".join(fouten)


@pytest.mark.parametrize("methode", ["get", "post"])
def test_vervalste_afmeldlink_voor_iedereen_400(wereld, methode):
    iemand = Volger.objects.create(gebruiker=GebruikerFactory(), wijk=wereld["wijk"])
    token = volgen.afmeldtoken(iemand)[:-3] + "xyz"
    url = reverse("wijken:afmelden", kwargs={"token": token})
    for rol in ROLLEN:
        client = Client()
        if wereld["gebruikers"][rol] is not None:
            client.force_login(wereld["gebruikers"][rol])
        response = getattr(client, methode)(url)
        assert response.status_code == 400, rol
        assert Volger.objects.filter(pk=iemand.pk).exists(), rol


def test_onbekende_wijk_404(wereld):
    client = Client()
    client.force_login(wereld["gebruikers"]["bewoner"])
    for naam in ("volgen", "ontvolgen"):
        url = reverse(f"wijken:{naam}", kwargs={"code": "WK000099"})
        assert client.post(url, {"frequentie": "direct"}).status_code == 404
    assert not Volger.objects.exists()

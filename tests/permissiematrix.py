"""The shared harness of the permission matrices (role × URL × method).

Each ``test_permissiematrix*.py`` module declares *what* may happen: its roles, which
roles may GET and POST each URL name (``TOEGESTAAN``), valid POST data, and the world its
URLs are resolved in. This module holds *how* that is checked, so every matrix applies
the same rule:

- the URL patterns are collected from the URLconf itself (:func:`patronen`), and every
  pattern must have an entry in the matrix (:func:`assert_volledig`), so a URL added later
  without one fails the test;
- a role that is not allowed is refused (:func:`is_geweigerd`: a redirect to sign in,
  403, 404 or 405) and no row changes (:func:`stand` before and after);
- a role that is allowed gets its page or its redirect, and a server error is always a
  failure (:func:`beoordeel`).

A matrix test collects the failures of every role for one URL and method and reports them
together (:func:`assert_geen_fouten`), so one run shows the whole row of the matrix.

Each matrix module also says which patterns of the root URLconf it covers (``DEKT``, made
with :func:`dekking`) and how many cases it checks (``GEVALLEN``, made with
:func:`gevallen`): ``tests/test_permissiematrix_volledig.py`` walks the root URLconf and
requires every pattern in exactly one matrix, so a URL added anywhere without one fails.
"""

from collections.abc import Callable, Iterable, Mapping
from types import ModuleType

import pytest
from django.conf import settings
from django.db import models
from django.db.models.query import ModelIterable
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import GebruikerFactory

#: The role of someone who is not signed in: their "user" is ``None``.
ANONIEM = "anoniem"

#: The answers that refuse a request outright (besides a redirect to sign in).
WEIGERCODES = (403, 404, 405)

#: The methods every matrix requests each URL with.
METHODEN = ("get", "post")


def _medewerker(**rol) -> Callable:
    # Staff must have a second factor, or every page sends them to set one up first.
    return lambda wijk, ander: GebruikerFactory(tweede_factor=True, **rol)


#: Role name → how its person is made, given the ward under test ("eigen") and another
#: ward ("ander"), both made with ``WijkFactory(met_staf=True)``.
_MAKERS: dict[str, Callable] = {
    ANONIEM: lambda wijk, ander: None,
    "bewoner": lambda wijk, ander: GebruikerFactory(),
    "indiener": lambda wijk, ander: GebruikerFactory(),
    "adviseur_eigen": lambda wijk, ander: wijk.wijkadviseur,
    "adviseur_ander": lambda wijk, ander: ander.wijkadviseur,
    "opbouwwerker_eigen": lambda wijk, ander: wijk.opbouwwerker,
    "opbouwwerker_ander": lambda wijk, ander: ander.opbouwwerker,
    "wethouder_eigen": lambda wijk, ander: wijk.wijkwethouder,
    "wethouder_ander": lambda wijk, ander: ander.wijkwethouder,
    "collegelid": _medewerker(collegelid=True),
    "griffie": _medewerker(griffie=True),
    "beheerder": _medewerker(beheerder=True),
}


#: Every role a matrix may ask, defined once, in the order every matrix goes through
#: them. The roles ``_MAKERS`` does not make (a group's contact person, staff without a
#: second factor) are made by the matrix that asks them and passed to ``gebruikers``.
ALLE_ROLLEN = (
    ANONIEM,
    "bewoner",
    "indiener",
    "groepscontact",
    "groepscontact_eigen",
    "groepscontact_ander",
    "groepscontact_andere_groep",
    "adviseur_eigen",
    "adviseur_ander",
    "opbouwwerker_eigen",
    "opbouwwerker_ander",
    "wethouder_eigen",
    "wethouder_ander",
    "collegelid",
    "griffie",
    "medewerker_zonder_tweede_factor",
    "beheerder_zonder_tweede_factor",
    "beheerder",
)

#: The roles every matrix asks: a visitor, a resident, the three officials of the ward
#: under test, and the college-wide staff.
BASISROLLEN = (
    ANONIEM,
    "bewoner",
    "adviseur_eigen",
    "opbouwwerker_eigen",
    "wethouder_eigen",
    "collegelid",
    "griffie",
    "beheerder",
)


def rollen(*extra: str, basis: Iterable[str] = BASISROLLEN) -> list[str]:
    """A matrix's roles: ``basis`` and the ``extra`` ones it needs (another ward's
    officials, the submitter, ...), in the order of :data:`ALLE_ROLLEN`."""
    gekozen = set(basis) | set(extra)
    if onbekend := gekozen - set(ALLE_ROLLEN):
        raise ValueError(f"unknown roles: {sorted(onbekend)}")
    return [rol for rol in ALLE_ROLLEN if rol in gekozen]


def gebruikers(rollen: Iterable[str], *, wijk, ander, **eigen) -> dict:
    """Role name → the person who plays it (``None`` for :data:`ANONIEM`).

    The "_eigen" officials are the ones designated for ``wijk``, the "_ander" ones those
    of ``ander``; residents and college-wide staff are made fresh. A role this module does
    not know (e.g. a group's contact person) is passed in ``eigen``, which also overrides.
    """
    return {rol: eigen[rol] if rol in eigen else _MAKERS[rol](wijk, ander) for rol in rollen}


def patronen(
    urls_module: ModuleType,
    *,
    views_module: ModuleType | str | None = None,
    namen: Iterable[str] | None = None,
) -> list[URLPattern]:
    """The named URL patterns of ``urls_module`` (includes are left out), in their order.

    ``views_module`` keeps the patterns whose view lives in that module; ``namen`` keeps
    those with one of these names. Use them when the URLconf serves several matrices.
    """
    gevonden = [p for p in urls_module.urlpatterns if isinstance(p, URLPattern)]
    if views_module is not None:
        modulenaam = getattr(views_module, "__name__", views_module)
        gevonden = [p for p in gevonden if p.callback.__module__ == modulenaam]
    if namen is not None:
        namen = set(namen)
        gevonden = [p for p in gevonden if p.name in namen]
    return gevonden


def sleutel(patroon: URLPattern, namespace: str | None = None, route: str = "") -> str:
    """How the completeness test names a pattern: ``namespace:name``, or, for a pattern
    without a name (the admin has a few), the full route it is reached by."""
    if patroon.name is None:
        return route + str(patroon.pattern)
    return f"{namespace}:{patroon.name}" if namespace else patroon.name


def alle_patronen(resolver=None, prefix: str = "", namespace: str | None = None):
    """Every URL pattern reachable from the root URLconf, as (key, route, pattern)."""
    resolver = resolver or get_resolver()
    for patroon in resolver.url_patterns:
        if isinstance(patroon, URLResolver):
            ns = namespace
            if patroon.namespace:
                ns = f"{namespace}:{patroon.namespace}" if namespace else patroon.namespace
            yield from alle_patronen(patroon, prefix + str(patroon.pattern), ns)
        else:
            yield sleutel(patroon, namespace, prefix), prefix + str(patroon.pattern), patroon


def dekking(patronen: Iterable[URLPattern], namespace: str | None = None) -> frozenset[str]:
    """The keys (see :func:`sleutel`) of the patterns a matrix covers, for its ``DEKT``."""
    return frozenset(sleutel(p, namespace) for p in patronen)


def gevallen(rollen: Iterable[str], aantal_urls: int, *, methoden=METHODEN, varianten=1) -> int:
    """The number of permission cases a matrix checks: role × URL × method × object variant
    (own, someone else's, another ward's), for its ``GEVALLEN``."""
    return len(list(rollen)) * aantal_urls * len(methoden) * varianten


def gespiegeld(rollen: Iterable[str]) -> set[str]:
    """The same roles with "_eigen" and "_ander" swapped: who may act on an object of the
    other ward, when ``rollen`` may act on one of the own ward."""
    wissel = {"_eigen": "_ander", "_ander": "_eigen"}
    uit = set()
    for rol in rollen:
        for van, naar in wissel.items():
            if rol.endswith(van):
                rol = rol.removesuffix(van) + naar
                break
        uit.add(rol)
    return uit


def per_patroon(patronen: Iterable[URLPattern]):
    """``pytest.mark.parametrize`` over the patterns as ``patroon``, with the URL name as id."""
    return pytest.mark.parametrize("patroon", list(patronen), ids=lambda p: p.name)


#: ``pytest.mark.parametrize`` over GET and POST as ``methode``.
per_methode = pytest.mark.parametrize("methode", METHODEN)


def assert_volledig(patronen: Iterable[URLPattern], toegestaan: Mapping[str, object]) -> None:
    """Every pattern has an entry in the matrix, and every entry is a pattern."""
    namen = {p.name for p in patronen}
    zonder_regel = sorted(namen - set(toegestaan))
    zonder_url = sorted(set(toegestaan) - namen)
    assert namen == set(toegestaan), (
        f"URLs without a matrix entry: {zonder_regel}; entries without a URL: {zonder_url}"
    )


def client_voor(gebruiker) -> Client:
    """A test client signed in as ``gebruiker``, or an anonymous one for ``None``."""
    client = Client()
    if gebruiker is not None:
        client.force_login(gebruiker)
    return client


def vraag(gebruiker, methode: str, url: str, data=None):
    """The response to ``gebruiker`` requesting ``url`` with ``methode`` ("get"/"post")."""
    client = client_voor(gebruiker)
    if methode == "post":
        return client.post(url, data)
    return client.get(url)


def is_geweigerd(
    response, *, codes: Iterable[int] = WEIGERCODES, inloggen: Iterable[str] = ()
) -> bool:
    """The request was refused: one of ``codes``, or a redirect to the sign-in page.

    A matrix that must never answer 404 (its pages are known to every role) passes
    ``codes`` without it, so a 404 does not pass for a refusal there. ``inloggen`` adds
    paths that count as "sign in first" besides the portal's sign-in page (the admin's
    own login page, setting up a second factor); they must match without the query.
    """
    if response.status_code == 302:
        doel = response["Location"]
        return doel.startswith(reverse(settings.LOGIN_URL)) or doel.split("?")[0] in inloggen
    return response.status_code in codes


def _rijen(bron) -> list:
    if isinstance(bron, type) and issubclass(bron, models.Model):
        bron = bron._default_manager.all()
    if isinstance(bron, models.QuerySet):
        if bron._iterable_class is ModelIterable:
            # Model instances compare by pk only: compare every field instead.
            bron = bron.values()
        return list(bron.order_by("pk"))
    return bron()


def stand(*bronnen) -> tuple:
    """A snapshot to compare before and after a request: "did any row change?".

    Each source is a model (all its rows, every field), a QuerySet (its rows; every field
    unless it already picks them with ``values()``/``values_list()``), or a callable
    (whatever it returns). Rows are ordered by pk, so the snapshot is stable.
    """
    return tuple(_rijen(bron) for bron in bronnen)


def verschil(voor: tuple, na: tuple) -> str:
    """What changed between two snapshots of :func:`stand`: the rows gone and the rows new,
    so a failure shows the change rather than every row."""
    delen = []
    for oud, nieuw in zip(voor, na, strict=True):
        if oud == nieuw:
            continue
        if not isinstance(oud, list) or not isinstance(nieuw, list):
            delen.append(f"{oud!r} -> {nieuw!r}")
            continue
        weg = [rij for rij in oud if rij not in nieuw]
        erbij = [rij for rij in nieuw if rij not in oud]
        delen.append(f"gone {weg!r}, new {erbij!r}")
    return "; ".join(delen)


def beoordeel(
    rol: str,
    response,
    *,
    toegestaan: bool,
    voor,
    na,
    verwacht: int | Callable = 200,
    codes: Iterable[int] = WEIGERCODES,
    inloggen: Iterable[str] = (),
) -> list[str]:
    """The failures of one role's request; empty when it went as the matrix says.

    A server error always fails. An allowed role must get ``verwacht`` (a status code, or
    a predicate on the response) and no refusal. A role that is not allowed must be
    refused (see :func:`is_geweigerd`) and the snapshot (``voor``/``na``, see
    :func:`stand`) must not have changed.
    """
    status = response.status_code
    if status >= 500:
        return [f"{rol}: {status}"]
    fouten = []
    if toegestaan:
        goed = verwacht(response) if callable(verwacht) else status == verwacht
        if not goed or is_geweigerd(response, codes=codes, inloggen=inloggen):
            fouten.append(f"{rol}: allowed but got {status}")
    else:
        if not is_geweigerd(response, codes=codes, inloggen=inloggen):
            fouten.append(f"{rol}: not allowed but got {status}")
        if voor != na:
            fouten.append(f"{rol}: refused but changed: {verschil(voor, na)}")
    return fouten


def assert_geen_fouten(fouten: list[str], methode: str, naam: str) -> None:
    """Fail with every role's failure for this URL and method at once."""
    assert not fouten, f"{methode.upper()} {naam}:\n" + "\n".join(fouten)

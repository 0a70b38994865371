"""Cheaper rendering of long pages, shared by every app (the lowest layer, as
``wijken.snelheid`` is for rate limits).

``lui(functie)`` is a value a view passes to a template that is computed only when the
template reads it: not at all when the fragment showing it comes from the cache, keyed on
``wijken.gegevensversie``.

``url_per_sleutel(naam)`` gives the URLs of many rows for one ``reverse()``;
``inhoudssleutel(waarden)`` is the key of a cached fragment that shows ``waarden`` alone:
the same values give the same key, any change a new one, so such a fragment is never
stale (see docs/benchmarks.md, "Optimisations").
"""

import hashlib

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

#: A key no row has, put into a URL once so that the URL of every row is a string join.
_PLAATSHOUDER = 987_654_321


def url_per_sleutel(naam: str):
    """``reverse(naam, kwargs={"pk": pk})`` for many keys at the cost of one ``reverse()``:
    the URL is reversed once with a placeholder key and each row's URL is joined around
    its own key (a reverse per row was a tenth of a list's CPU time)."""
    voor, na = reverse(naam, kwargs={"pk": _PLAATSHOUDER}).split(str(_PLAATSHOUDER))
    return lambda pk: f"{voor}{int(pk)}{na}"


def inhoudssleutel(waarden) -> str:
    """The key of a cached fragment that is a function of ``waarden`` alone (plain
    values: numbers, strings, dates, and lists, tuples, dicts and dataclasses of them):
    a digest of their ``repr``."""
    return hashlib.sha256(repr(waarden).encode()).hexdigest()


def lui(functie):
    """``functie()``, called only when a template first reads it (and then once): the
    queries behind a fragment that comes from the cache are never run."""
    return SimpleLazyObject(functie)


def luie_lijst(functie):
    """``list(functie())``, fetched only when a template first reads it."""
    return SimpleLazyObject(lambda: list(functie()))

"""Cheaper rendering of long pages, shared by every app (the lowest layer, as
``wijken.snelheid`` is for rate limits).

``lui(functie)`` is a value a view passes to a template that is computed only when the
template reads it: not at all when the fragment showing it comes from the cache, keyed on
``wijken.gegevensversie``.

``gecachte_inhoud(request, "pagina.html#inhoud", context)`` is a page's content (a
template partial) for this request, from the cache while the data version is unchanged.

``url_per_sleutel(naam)`` gives the URLs of many rows for one ``reverse()``;
``inhoudssleutel(waarden)`` is the key of a cached fragment that shows ``waarden`` alone:
the same values give the same key, any change a new one, so such a fragment is never
stale (see docs/benchmarks.md, "Optimisations").
"""

import hashlib

from django.core.cache import caches
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from wijken import gegevensversie

#: How long a page's cached content is kept at most; a new data version replaces it sooner.
INHOUD_SECONDEN = 3600

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


def gecacht(
    request,
    naam: str,
    maak,
    *,
    per_persoon: bool = True,
    formulieren: bool = False,
    seconden: int = INHOUD_SECONDEN,
):
    """``maak()`` for this request: cached under ``naam`` per language and address (path
    and query string), and with ``per_persoon`` per person, under the data version
    (``wijken.gegevensversie``), so any change to the portal's data shows at once.
    ``maak`` is only called on a miss, so a hit runs none of its queries.

    ``formulieren``: the content holds POST forms, whose CSRF token is only valid with the
    browser's CSRF secret; such content is keyed on that secret too, and not cached for a
    browser that has none yet (its first render sets one). ``seconden``: kept at most this
    long, for content that also shows something cached apart from the data version."""
    geheim = request.META.get("CSRF_COOKIE") if formulieren else ""
    if geheim is None:
        return maak()
    sleutel = "inhoud:" + inhoudssleutel(
        (
            naam,
            get_language(),
            gegevensversie.huidige(request),
            request.get_full_path(),
            request.user.pk if per_persoon else None,
            geheim,
        )
    )
    fragmenten = caches["fragmenten"]
    waarde = fragmenten.get(sleutel)
    if waarde is None:
        waarde = maak()
        fragmenten.set(sleutel, waarde, seconden)
    return waarde


def gecachte_inhoud(request, partial: str, context, **opties) -> str:
    """The HTML of ``partial`` (``"page.html#name"``) for this request, rendered with
    ``context()`` only on a miss; cached as ``gecacht`` says (same options)."""
    return gecacht(
        request, partial, lambda: render_to_string(partial, context(), request=request), **opties
    )

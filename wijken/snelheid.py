"""Rate limits in Django's cache, shared by every server and worker when the cache is
Redis (CACHE_URL/REDIS_URL; see docs/deploy.md).

A fixed window: ``toegestaan(sleutel, limiet, periode)`` counts one more for the current
window of ``periode`` seconds and says whether the count is still within ``limiet``. The
count is an atomic increment in the cache (Redis INCR), so parallel requests on different
servers cannot slip past the limit together. ``teruggeven`` takes a count back, for an
attempt that turned out not to count (nothing was saved, or a repeat of an earlier post).
"""

import contextlib
import time

from django.core.cache import cache

_VOORVOEGSEL = "snelheid"


def _venster(periode: int, nu: float | None = None) -> int:
    return int(time.time() if nu is None else nu) // periode


def _cache_sleutel(sleutel: str, periode: int, nu: float | None = None) -> str:
    return f"{_VOORVOEGSEL}:{sleutel}:{periode}:{_venster(periode, nu)}"


def toegestaan(sleutel: str, limiet: int, periode: int) -> bool:
    """Count one for ``sleutel`` in the current window; False once over ``limiet``.

    A refused attempt is counted too (it keeps a script that keeps trying refused); take it
    back with ``teruggeven`` where a refusal should not cost anything.
    """
    naam = _cache_sleutel(sleutel, periode)
    # A little longer than the window, so the key never expires inside it.
    cache.add(naam, 0, timeout=periode + 60)
    try:
        aantal = cache.incr(naam)
    except ValueError:  # evicted between add and incr: this is the first count again
        cache.set(naam, 1, timeout=periode + 60)
        aantal = 1
    return aantal <= limiet


def teruggeven(sleutel: str, periode: int) -> None:
    """Take back one count of ``sleutel`` in the current window (never below zero)."""
    naam = _cache_sleutel(sleutel, periode)
    with contextlib.suppress(ValueError):  # the window just ended: nothing to take back
        if cache.decr(naam) < 0:
            cache.incr(naam)


def stand(sleutel: str, periode: int) -> int:
    """The count of ``sleutel`` in the current window (for tests and diagnostics)."""
    return cache.get(_cache_sleutel(sleutel, periode), 0)

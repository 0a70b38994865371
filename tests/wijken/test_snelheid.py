"""The rate-limit helper: a fixed window counted atomically in Django's cache."""

import os
import threading
import uuid

import pytest
import time_machine
from django.core.cache import cache

from wijken import snelheid


def test_tot_de_limiet_toegestaan_daarna_niet():
    assert [snelheid.toegestaan("a", 3, 60) for _ in range(5)] == [True, True, True, False, False]


def test_sleutels_tellen_los():
    for _ in range(2):
        snelheid.toegestaan("a", 2, 60)
    assert not snelheid.toegestaan("a", 2, 60)
    assert snelheid.toegestaan("b", 2, 60)


def test_periodes_tellen_los():
    for _ in range(2):
        snelheid.toegestaan("a", 2, 60)
    assert snelheid.toegestaan("a", 2, 3600)


def test_nieuw_venster_begint_opnieuw():
    with time_machine.travel(1_800_000_000, tick=False) as reis:
        for _ in range(3):
            snelheid.toegestaan("a", 2, 60)
        assert not snelheid.toegestaan("a", 2, 60)
        reis.shift(60)
        assert snelheid.toegestaan("a", 2, 60)
        assert snelheid.stand("a", 60) == 1


def test_teruggeven():
    snelheid.toegestaan("a", 1, 60)
    assert not snelheid.toegestaan("a", 1, 60)
    snelheid.teruggeven("a", 60)
    snelheid.teruggeven("a", 60)
    assert snelheid.stand("a", 60) == 0
    assert snelheid.toegestaan("a", 1, 60)


def test_teruggeven_nooit_onder_nul_en_zonder_teller_geen_fout():
    snelheid.teruggeven("nooit-geteld", 60)
    snelheid.toegestaan("a", 5, 60)
    snelheid.teruggeven("a", 60)
    snelheid.teruggeven("a", 60)
    assert snelheid.stand("a", 60) == 0


def test_sleutel_verdwenen_tussen_add_en_incr(monkeypatch):
    """An evicted key counts as the first attempt again, never an error."""
    echte_add = cache.add

    def add_en_kwijt(naam, *args, **kwargs):
        resultaat = echte_add(naam, *args, **kwargs)
        cache.delete(naam)
        return resultaat

    monkeypatch.setattr(cache, "add", add_en_kwijt)
    assert snelheid.toegestaan("a", 1, 60)
    assert snelheid.stand("a", 60) == 1


def test_sleutel_verloopt_niet_binnen_het_venster():
    begin = 1_800_000_000  # a multiple of 60: the first second of a window
    with time_machine.travel(begin, tick=False):
        snelheid.toegestaan("a", 1, 60)
    with time_machine.travel(begin + 59.5, tick=False):
        assert not snelheid.toegestaan("a", 1, 60)


@pytest.mark.parametrize("draden", [8])
def test_parallel_nooit_meer_dan_de_limiet(draden):
    uitkomsten = []
    start = threading.Barrier(draden)

    def probeer():
        start.wait()
        for _ in range(5):
            uitkomsten.append(snelheid.toegestaan("druk", 10, 60))

    threads = [threading.Thread(target=probeer) for _ in range(draden)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert uitkomsten.count(True) == 10
    assert snelheid.stand("druk", 60) == draden * 5


REDIS_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def _redis_bereikbaar() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except Exception:
        return False


@pytest.fixture
def redis_cache(settings):
    """Django's cache on the real Redis, under a key prefix of this test's own."""
    if not _redis_bereikbaar():
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    import redis

    voorvoegsel = f"test-snelheid-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": voorvoegsel,
        }
    }
    yield
    r = redis.Redis.from_url(REDIS_URL)
    sleutels = list(r.scan_iter(match=f"{voorvoegsel}:*"))
    if sleutels:
        r.delete(*sleutels)


def test_op_redis_dezelfde_telling(redis_cache):
    from django.core.cache import caches

    assert type(caches["default"]).__name__ == "RedisCache"
    assert [snelheid.toegestaan("r", 2, 60) for _ in range(3)] == [True, True, False]
    snelheid.teruggeven("r", 60)
    assert snelheid.stand("r", 60) == 2
    for _ in range(5):
        snelheid.teruggeven("r", 60)
    assert snelheid.stand("r", 60) == 0
    snelheid.teruggeven("nooit-geteld", 60)

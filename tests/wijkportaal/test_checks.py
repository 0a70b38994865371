"""Deploy checks for several servers: a per-process cache and the client's address."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Tags, run_checks

from wijkportaal import checks

ROOT = Path(__file__).resolve().parents[2]
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://redis.internal:6379/0",
    }
}


def ids(meldingen) -> set[str]:
    return {m.id for m in meldingen}


def test_cache_per_proces_waarschuwt(settings):
    settings.CACHES = LOCMEM
    settings.SINGLE_SERVER = False
    assert ids(checks.gedeelde_cache()) == {"wijkportaal.W001"}


def test_gedeelde_cache_in_orde(settings):
    settings.CACHES = REDIS
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    assert checks.gedeelde_cache() == []


def test_een_server_mag_het_uitdrukkelijk_accepteren(settings):
    settings.CACHES = LOCMEM
    settings.SINGLE_SERVER = True
    assert checks.gedeelde_cache() == []


def test_sessies_in_een_cache_per_proces_is_een_fout(settings):
    settings.CACHES = LOCMEM
    settings.SINGLE_SERVER = True  # several workers still disagree
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    assert ids(checks.gedeelde_cache()) == {"wijkportaal.E001"}


def test_alleen_bij_deploy(settings):
    settings.CACHES = LOCMEM
    settings.SINGLE_SERVER = False
    assert "wijkportaal.W001" not in ids(run_checks(tags=[Tags.security]))
    assert "wijkportaal.W001" in ids(
        run_checks(tags=[Tags.security], include_deployment_checks=True)
    )


@pytest.mark.parametrize(
    ("aantal", "kop", "verwacht"),
    [(0, None, {"wijkportaal.W002"}), (1, None, set()), (0, "X-Real-IP", set())],
)
def test_achter_een_proxy_het_adres_uit_de_kop(settings, aantal, kop, verwacht):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = aantal
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = kop
    assert ids(checks.adres_achter_proxy()) == verwacht


def test_zonder_proxy_geen_waarschuwing(settings):
    settings.SECURE_PROXY_SSL_HEADER = None
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert checks.adres_achter_proxy() == []


def _deploy_check(**env) -> subprocess.CompletedProcess:
    """`check --deploy --fail-level WARNING` in a fresh process with production settings."""
    basis = {
        k: v
        for k, v in os.environ.items()
        if k not in {"CACHE_URL", "REDIS_URL", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    basis.update(
        DEMO="",
        DEBUG="",
        SECRET_KEY="x" * 60 + "productie-achtig-geheim",
        ALLOWED_HOSTS="wijkportaal.example.org",
        TRUSTED_PROXY_COUNT="",
        SINGLE_SERVER="",
        SESSION_CACHE="",
    )
    basis.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=basis,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_productie_instellingen_van_de_documentatie_slagen():
    """The settings of docs/deploy.md (and `make lint`) pass; without them, W001/W002."""
    goed = _deploy_check(CACHE_URL="redis://redis.internal:6379/0", TRUSTED_PROXY_COUNT="1")
    assert goed.returncode == 0, goed.stderr
    kaal = _deploy_check()
    assert kaal.returncode != 0
    assert "wijkportaal.W001" in kaal.stderr and "wijkportaal.W002" in kaal.stderr
    een_server = _deploy_check(SINGLE_SERVER="1", TRUSTED_PROXY_COUNT="1")
    assert een_server.returncode == 0, een_server.stderr


def test_cache_url_werkt_als_redis_url_en_weigert_andere_soorten():
    assert _deploy_check(REDIS_URL="redis://r:6379/0", TRUSTED_PROXY_COUNT="1").returncode == 0
    fout = _deploy_check(CACHE_URL="memcached://m:11211", TRUSTED_PROXY_COUNT="1")
    assert fout.returncode != 0
    assert "CACHE_URL" in fout.stderr


def test_sessies_in_de_cache_alleen_met_een_gedeelde_cache():
    zonder = _deploy_check(SESSION_CACHE="1", SINGLE_SERVER="1", TRUSTED_PROXY_COUNT="1")
    assert zonder.returncode != 0 and "wijkportaal.E001" in zonder.stderr
    met = _deploy_check(SESSION_CACHE="1", CACHE_URL="redis://r:6379/0", TRUSTED_PROXY_COUNT="1")
    assert met.returncode == 0, met.stderr

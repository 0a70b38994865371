"""Deploy checks for running on several servers (``manage.py check --deploy``).

Django's own deploy checks cover the single request (HTTPS, cookies, HSTS). These cover
what goes wrong only once there is more than one process: counters kept in a process's
own memory, and every client seen under the load balancer's address.
"""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

_PER_PROCES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def _cache_per_proces() -> bool:
    return settings.CACHES["default"]["BACKEND"] in _PER_PROCES


@register(Tags.security, deploy=True)
def gedeelde_cache(app_configs=None, **kwargs):
    """Rate limits must be counted in a cache every server and worker shares."""
    meldingen = []
    per_proces = _cache_per_proces()
    if per_proces and not getattr(settings, "SINGLE_SERVER", False):
        meldingen.append(
            Warning(
                "The cache is kept in each process's own memory, so rate limits (sign-in "
                "attempts, sign-ups, password resets, submissions) are counted per gunicorn "
                "worker and per server (a limit of 10 becomes 10 per process), and an "
                "authenticator code used in one process can be used again in another.",
                hint=(
                    "Set CACHE_URL (or REDIS_URL) to a Redis shared by all app servers. A "
                    "single small server may accept per-process counters with SINGLE_SERVER=1."
                ),
                id="wijkportaal.W001",
            )
        )
    if per_proces and settings.SESSION_ENGINE.endswith(".cached_db"):
        # Not silenced by SINGLE_SERVER: even one server runs several worker processes.
        meldingen.append(
            Error(
                "Sessions are cached in each process's own memory (SESSION_CACHE=1 without a "
                "shared cache): a session signed out in one process stays signed in for "
                "the others until their copy expires.",
                hint="Set CACHE_URL (or REDIS_URL), or leave SESSION_CACHE unset.",
                id="wijkportaal.E001",
            )
        )
    return meldingen


@register(Tags.security, deploy=True)
def adres_achter_proxy(app_configs=None, **kwargs):
    """Behind a proxy, the client's address must come from the proxy's header."""
    achter_proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None) is not None
    vertrouwd = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0) or getattr(
        settings, "ALLAUTH_TRUSTED_CLIENT_IP_HEADER", None
    )
    if achter_proxy and not vertrouwd:
        return [
            Warning(
                "The portal runs behind a proxy (BEHIND_TLS_PROXY) but takes the client's "
                "address from the connection: every resident then has the load balancer's "
                "address, and one person's failed sign-ins or submissions block everyone's.",
                hint=(
                    "Set TRUSTED_PROXY_COUNT to the number of your proxies that add to "
                    "X-Forwarded-For (usually 1), or TRUSTED_CLIENT_IP_HEADER to the header "
                    "your load balancer puts the client's address in."
                ),
                id="wijkportaal.W002",
            )
        ]
    return []

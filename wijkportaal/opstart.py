"""What a serving process checks before it takes its first request."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def controleer_instellingen() -> None:
    """Refuse to serve without a SECRET_KEY: sessions, CSRF and password resets are signed
    with it. (Management commands that sign nothing still run without one.)"""
    try:
        sleutel = settings.SECRET_KEY
    except ImproperlyConfigured:
        sleutel = ""
    if not sleutel:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or DEMO=1 for a local demo)."
        )

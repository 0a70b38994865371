"""ASGI entry point."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings")
application = get_asgi_application()

from wijkportaal.opstart import controleer_instellingen  # noqa: E402 - needs Django set up

controleer_instellingen()

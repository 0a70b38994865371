"""WSGI entry point (gunicorn wijkportaal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings")
application = get_wsgi_application()

from wijkportaal.opstart import controleer_instellingen  # noqa: E402 - needs Django set up

controleer_instellingen()

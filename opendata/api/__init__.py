"""The read API (/api/v1/): Django Ninja, one router per resource.

``urls`` is what ``opendata.urls`` mounts under ``api/v1/``.
"""

from functools import wraps

from django.urls import URLPattern
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from opendata.api import meedenken, onderwerpen, vergaderingen, wijken
from opendata.api.basis import api

api.add_router("", wijken.router)
api.add_router("", onderwerpen.router)
api.add_router("", vergaderingen.router)
api.add_router("", meedenken.router)


def _alleen_lezen(view):
    """Every URL of the API: GET and HEAD only, anything else 405 before Ninja or the
    CSRF check sees it (nothing here changes anything, so there is no CSRF surface: a POST
    gets 405, not the CSRF failure page). HEAD answers as GET (the server sends the
    headers only): Ninja would refuse it, and CORS allows it here."""

    @wraps(view)
    def met_head(request, *args, **kwargs):
        if request.method != "HEAD":
            return view(request, *args, **kwargs)
        request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            # HEAD again for what follows (middleware, the server removing the body).
            request.method = "HEAD"

    return csrf_exempt(require_http_methods(["GET", "HEAD"])(met_head))


def _urls():
    patronen, app_name, namespace = api.urls
    for patroon in patronen:
        if isinstance(patroon, URLPattern):
            patroon.callback = _alleen_lezen(patroon.callback)
    return patronen, app_name, namespace


urls = _urls()

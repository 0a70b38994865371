"""The read API (/api/v1/): Django Ninja, one router per resource.

``urls`` is what ``opendata.urls`` mounts under ``api/v1/``.
"""

from functools import wraps

from django.urls import URLPattern

from opendata.api import onderwerpen, vergaderingen, wijken
from opendata.api.basis import api

api.add_router("", wijken.router)
api.add_router("", onderwerpen.router)
api.add_router("", vergaderingen.router)


def _head_als_get(view):
    """HEAD answers as GET (the server sends the headers only): Ninja would refuse it
    with 405, and HEAD is a safe method CORS allows here too. ``wraps`` keeps Ninja's
    ``csrf_exempt`` mark."""

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

    return met_head


def _urls():
    patronen, app_name, namespace = api.urls
    for patroon in patronen:
        if isinstance(patroon, URLPattern):
            patroon.callback = _head_als_get(patroon.callback)
    return patronen, app_name, namespace


urls = _urls()

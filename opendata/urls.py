"""What the portal publishes for other systems: exports, feeds, Open311 and the read API.

Everything here is public and read-only (except creating an Open311 request with a key),
and shows only what the public pages show.
"""

from django.urls import path

from opendata import api

urlpatterns = [
    # The read API, versioned in its address: a change that breaks clients gets /api/v2/.
    path("api/v1/", api.urls),
]

"""The read API (/api/v1/): Django Ninja, one router per resource.

``urlpatterns`` is what ``opendata.urls`` mounts under ``api/v1/``.
"""

from opendata.api import onderwerpen, vergaderingen, wijken
from opendata.api.basis import api

api.add_router("", wijken.router)
api.add_router("", onderwerpen.router)
api.add_router("", vergaderingen.router)

urls = api.urls

"""What the portal publishes for other systems: exports, feeds, Open311 and the read API.

Everything here is public and read-only (except creating an Open311 request with a key),
and shows only what the public pages show.
"""

from django.urls import path
from django.views.decorators.http import require_safe

from opendata import feeds

# The ward code converter (``<wijkcode:…>``, a CBS code) is registered by the ward app's
# URLconf: imported here so that this URLconf does not depend on the include order.
from wijken import urls as _wijken_urls  # noqa: F401

app_name = "opendata"

urlpatterns = [
    # Atom feeds (opendata.feeds): each at /feeds/ + the path of the page it belongs to.
    # GET and HEAD only: the syndication view would answer any method.
    path("feeds/initiatieven/", require_safe(feeds.OnderwerpenFeed()), name="feed_onderwerpen"),
    path(
        "feeds/initiatieven/soort/<str:soort>/",
        require_safe(feeds.SoortFeed()),
        name="feed_soort",
    ),
    path(
        "feeds/initiatieven/<int:pk>/", require_safe(feeds.OnderwerpFeed()), name="feed_onderwerp"
    ),
    path("feeds/wijken/<wijkcode:code>/", require_safe(feeds.WijkFeed()), name="feed_wijk"),
    path(
        "feeds/vergaderingen/", require_safe(feeds.VergaderingenFeed()), name="feed_vergaderingen"
    ),
    path(
        "feeds/vergaderingen/besluiten/",
        require_safe(feeds.BesluitenFeed()),
        name="feed_besluiten",
    ),
]

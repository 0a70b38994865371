"""What the portal publishes for other systems: exports, feeds, Open311 and the read API.

Everything here is public and read-only (except creating an Open311 request with a key),
and shows only what the public pages show.
"""

from django.urls import path, re_path
from django.views.decorators.http import require_safe

from opendata import feeds
from opendata.views import exports, open311

# The ward code converter (``<wijkcode:…>``, a CBS code) is registered by the ward app's
# URLconf: imported here so that this URLconf does not depend on the include order.
from wijken import urls as _wijken_urls  # noqa: F401

app_name = "opendata"

urlpatterns = [
    # The Open data page and the exports (opendata.exports).
    path("open-data/", exports.open_data, name="open_data"),
    # One pattern for every dataset and format: an unknown one gets a clear 404 or 400 in
    # the format asked for, rather than the portal's HTML 404 page.
    path("open-data/<str:dataset>.<str:formaat>", exports.download, name="download"),
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
    path("feeds/meedenken/", require_safe(feeds.MeedenkvragenFeed()), name="feed_meedenken"),
]

# --- Open311 GeoReport v2 (docs/open-data.md) -------------------------------------------
# The format is the path's extension; a format other than json or xml is answered by the
# views with a 404 (in JSON), so it is matched loosely here.
_FMT = r"\.(?P<fmt>[A-Za-z0-9]{1,10})$"
urlpatterns += [
    re_path(r"^open311/v2/discovery" + _FMT, open311.discovery, name="open311_discovery"),
    re_path(r"^open311/v2/services" + _FMT, open311.service_list, name="open311_services"),
    re_path(
        r"^open311/v2/services/(?P<service_code>[^/.]{1,100})" + _FMT,
        open311.service_definition,
        name="open311_service",
    ),
    re_path(r"^open311/v2/requests" + _FMT, open311.request_list, name="open311_requests"),
    re_path(
        r"^open311/v2/requests/(?P<service_request_id>[^/.]{1,100})" + _FMT,
        open311.request_detail,
        name="open311_request",
    ),
]

"""What the portal publishes for other systems: exports, feeds, Open311 and the read API.

Everything here is public and read-only (except creating an Open311 request with a key),
and shows only what the public pages show.
"""

from django.urls import path

from opendata.views import exports

app_name = "opendata"

urlpatterns = [
    path("open-data/", exports.open_data, name="open_data"),
    # One pattern for every dataset and format: an unknown one gets a clear 404 or 400 in
    # the format asked for, rather than the portal's HTML 404 page.
    path("open-data/<str:dataset>.<str:formaat>", exports.download, name="download"),
]

"""What the portal publishes for other systems: exports, feeds, Open311 and the read API.

Everything here is public and read-only (except creating an Open311 request with a key),
and shows only what the public pages show.
"""

urlpatterns = []

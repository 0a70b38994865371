"""Open311 GeoReport v2 for bottlenecks (knelpunten): see docs/open-data.md.

``diensten``: the services (one per theme) and the status mapping; ``verzoeken``: the
public requests and their filters; ``melden``: creating a request with a partner app's
key; ``sleutels``: issuing, finding and revoking those keys; ``formaat``: JSON and XML.
"""

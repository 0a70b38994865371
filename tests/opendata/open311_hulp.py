"""What the Open311 tests share: a client that talks to /open311/v2/ the way an Open311
client library does (it builds ``<endpoint>/<resource>.<format>?<query>`` and parses the
answer with json or defusedxml), and a partner app's key issued through the service."""

import itertools
import json
from urllib.parse import urlencode

from defusedxml import ElementTree

from opendata.open311 import sleutels

ENDPOINT = "/open311/v2/"
_teller = itertools.count(1)


def url(resource: str, fmt: str = "json", **query) -> str:
    return f"{ENDPOINT}{resource}.{fmt}" + (f"?{urlencode(query)}" if query else "")


def get_json(client, resource: str, verwacht: int = 200, **query):
    response = client.get(url(resource, "json", **query))
    assert response.status_code == verwacht, response.content[:500]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def get_xml(client, resource: str, verwacht: int = 200, **query):
    response = client.get(url(resource, "xml", **query))
    assert response.status_code == verwacht, response.content[:500]
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return ElementTree.fromstring(response.content)


def post(client, fmt: str = "json", **data):
    return client.post(url("requests", fmt), data)


def fouten_json(response) -> list[dict]:
    """GeoReport v2's error list: ``[{"code": 400, "description": "..."}]``."""
    inhoud = json.loads(response.content)
    assert isinstance(inhoud, list) and inhoud, inhoud
    for fout in inhoud:
        assert set(fout) == {"code", "description"}
        assert fout["code"] == response.status_code
        assert fout["description"]
    return inhoud


def fouten_xml(response) -> list[tuple[str, str]]:
    """``<errors><error><code>400</code><description>...</description></error></errors>``."""
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    wortel = ElementTree.fromstring(response.content)
    assert wortel.tag == "errors"
    uit = [(e.findtext("code"), e.findtext("description")) for e in wortel.findall("error")]
    assert uit and all(c == str(response.status_code) and d for c, d in uit), uit
    return uit


def sleutel_uitgeven(naam: str = "Buiten Beter", door=None):
    """A partner app's key, issued as the functional administrator does: (row, key)."""
    return sleutels.apisleutel_uitgeven(
        naam=naam, contact=f"partner{next(_teller)}@partner.example", door=door
    )

"""GeoReport v2's two formats: JSON and XML, for answers and errors alike.

The same Python structure (dicts, lists, strings, numbers, booleans) becomes either. In
XML a list is an element named after its field holding one element per entry, named as
GeoReport v2 names it (``<services><service>``, ``<values><value>``); the root element of
each answer is named by the caller. XML is built with ElementTree, which escapes text;
characters XML 1.0 cannot hold at all (control characters, typed into an old item) are
left out rather than written into a document no parser would read.
"""

import json
import re
import xml.etree.ElementTree as ET

from django.http import HttpResponse

JSON, XML = "json", "xml"
FORMATEN = (JSON, XML)
CONTENT_TYPE = {JSON: "application/json; charset=utf-8", XML: "text/xml; charset=utf-8"}

#: List field → the element of one entry (XML).
_ENKELVOUD = {
    "services": "service",
    "service_requests": "request",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
}
_NIET_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _tekst(waarde) -> str:
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if waarde is None:
        return ""
    return _NIET_IN_XML.sub("", str(waarde))


def _vullen(element: ET.Element, waarde) -> None:
    if isinstance(waarde, dict):
        for naam, kind in waarde.items():
            _vullen(ET.SubElement(element, naam), kind)
    elif isinstance(waarde, list | tuple):
        for kind in waarde:
            _vullen(ET.SubElement(element, _ENKELVOUD[element.tag]), kind)
    else:
        element.text = _tekst(waarde)


def xml_document(wortel: str, inhoud) -> bytes:
    element = ET.Element(wortel)
    _vullen(element, inhoud)
    return ET.tostring(element, encoding="utf-8", xml_declaration=True)


def lichaam(formaat: str, wortel: str, inhoud) -> bytes:
    """``inhoud`` as a document in ``formaat``; ``wortel`` names the XML root (JSON has
    none)."""
    if formaat == XML:
        return xml_document(wortel, inhoud)
    return json.dumps(inhoud, ensure_ascii=False, default=str).encode()


def antwoord_met_lichaam(formaat: str, document: bytes, *, status: int = 200) -> HttpResponse:
    """An answer holding a document ``lichaam`` wrote (perhaps kept in the page cache)."""
    response = HttpResponse(document, status=status, content_type=CONTENT_TYPE[formaat])
    response["X-Content-Type-Options"] = "nosniff"
    return response


def antwoord(formaat: str, wortel: str, inhoud, *, status: int = 200) -> HttpResponse:
    """``inhoud`` in ``formaat``; ``wortel`` names the XML root (JSON has none)."""
    return antwoord_met_lichaam(formaat, lichaam(formaat, wortel, inhoud), status=status)


def fout(formaat: str, status: int, *beschrijvingen: str) -> HttpResponse:
    """GeoReport v2's error answer: ``[{"code": 400, "description": "..."}]`` or
    ``<errors><error><code>400</code><description>...</description></error></errors>``.
    An unknown format is answered in JSON."""
    if formaat not in FORMATEN:
        formaat = JSON
    inhoud = [{"code": status, "description": str(b)} for b in beschrijvingen]
    return antwoord(formaat, "errors", inhoud, status=status)

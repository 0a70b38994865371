"""Sections that higher apps add to the work queue.

The work queue belongs to this app, but some of what the ward's officials must act on
lives in apps above it (a consultation question whose feedback is due), which this app
must not import. So those apps register a section here when they start (their
``AppConfig.ready``), and the work queue renders every registered section in order,
below its own content.

A section is rendered on every request, outside the work queue's cached content
(``initiatieven.views.werkvoorraad.WERKVOORRAAD``): what it lists may change at a moment
of its own (a question closing at 17:00), which that content's midnight moment would
miss. So a section must read what it shows in a fixed number of queries, whatever the
number of rows (the work queue's query budget).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Sectie:
    naam: str
    template: str  # an include; it gets the section's context as ``c``, with ``only``
    # (request, wijk_ids) -> dict, or None when the section has nothing to show this
    # person; ``wijk_ids`` are the keys of the wards the person is designated for.
    context: Callable
    volgorde: int = 50


_SECTIES: dict[str, Sectie] = {}


def registreer(sectie: Sectie) -> None:
    """Add a section to the work queue (again under the same name replaces it)."""
    _SECTIES[sectie.naam] = sectie


def secties_voor(request, wijk_ids) -> list[dict]:
    """The registered sections with something to show, in order, each with its context."""
    secties = []
    for s in sorted(_SECTIES.values(), key=lambda s: (s.volgorde, s.naam)):
        context = s.context(request, wijk_ids)
        if context is not None:
            secties.append({"naam": s.naam, "template": s.template, "c": context})
    return secties

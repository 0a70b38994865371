"""Sections that higher apps add to the ward page.

The ward page belongs to this app, but what happens in a ward (its items, later its
visits and commitments) lives in apps above it, which this lowest app must not import.
So those apps register a section here when they start (their ``AppConfig.ready``), and
the ward page renders every registered section in order. Each section declares what it
shows (``toont``, as ``wijken.pagecache.Fragment.shows``), which becomes part of the
ward page's own declaration.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sectie:
    naam: str
    template: str  # an include; it gets the section's context as ``c``, with ``only``
    context: Callable  # (request, wijk) -> dict
    volgorde: int = 50
    # The section's heading, for the page's "on this page" links: its id and a short
    # label (lazily translated). Without them the section has no link there.
    kop_id: str = ""
    label: str = ""
    # The models the section shows, each for all rows or scoped (only "wijk": the ward
    # page knows no other scope), as a page cache declaration.
    toont: Mapping[str, str | None] = field(default_factory=dict)


_SECTIES: dict[str, Sectie] = {}


def registreer(sectie: Sectie) -> None:
    """Add a section to every ward page (again under the same name replaces it)."""
    _SECTIES[sectie.naam] = sectie


def secties_voor(request, wijk) -> list[dict]:
    """The registered sections of this ward page, in order, each with its context."""
    return [
        {
            "naam": s.naam,
            "template": s.template,
            "c": s.context(request, wijk),
            "kop_id": s.kop_id,
            "label": s.label,
        }
        for s in sorted(_SECTIES.values(), key=lambda s: (s.volgorde, s.naam))
    ]


def toont() -> dict[str, str | None]:
    """What all registered sections show together (``Sectie.toont``); a model shown both
    for all rows and per ward counts as shown for all rows."""
    samen: dict[str, str | None] = {}
    for sectie in _SECTIES.values():
        for label, scope in sectie.toont.items():
            if label in samen and samen[label] != scope:
                samen[label] = None
            else:
                samen[label] = scope
    return samen

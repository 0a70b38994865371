"""Sections that higher apps add to the item page.

The item page belongs to this app, but what else an item led to or came out of (a
consultation question of ``meedenken``) lives in apps above it, which this app must not
import. So those apps register a section here when they start (their
``AppConfig.ready``), and the item page renders every registered section in order, after
its timeline. Each section declares what it shows (``toont``, as
``wijken.pagecache.Fragment.shows``), which becomes part of the item page's own
declaration (``initiatieven.views.publiek.ONDERWERP``). Only what may be public belongs
in a section: the signed-out visitor's page is cached for everyone.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Sectie:
    naam: str
    template: str  # an include; it gets the section's context as ``c``, with ``only``
    context: Callable  # (request, onderwerp) -> dict
    volgorde: int = 50
    # The models the section shows, each for all rows or scoped ("onderwerp", "wijk" or
    # "persoon", the scopes the item page knows), as a page cache declaration.
    toont: Mapping[str, str | None] = field(default_factory=dict)


_SECTIES: dict[str, Sectie] = {}


def registreer(sectie: Sectie) -> None:
    """Add a section to every item page (again under the same name replaces it)."""
    _SECTIES[sectie.naam] = sectie


def secties_voor(request, onderwerp) -> list[dict]:
    """The registered sections of this item page, in order, each with its context."""
    return [
        {"naam": s.naam, "template": s.template, "c": s.context(request, onderwerp)}
        for s in sorted(_SECTIES.values(), key=lambda s: (s.volgorde, s.naam))
    ]


def toont() -> dict[str, str | None]:
    """What all registered sections show together (``Sectie.toont``); a model shown both
    for all rows and in a scope counts as shown for all rows."""
    samen: dict[str, str | None] = {}
    for sectie in _SECTIES.values():
        for label, scope in sectie.toont.items():
            if label in samen and samen[label] != scope:
                samen[label] = None
            else:
                samen[label] = scope
    return samen

"""Topics of a visit that higher apps add, besides the ward's items.

A visit (``contacten.bezoeken.Bezoek``) has the ward's items as topics, chosen on the
visit form of this app. Other things worth discussing on a visit live in apps above this
one (a consultation question of ``meedenken``), which this app must not import. So such
an app registers a topic source here when it starts (its ``AppConfig.ready``): a field
it contributes to the visit form, how to store what was chosen, and a section of the
visit page. The relation itself is the higher app's own (``Meedenkvraag.bezoeken``).

The form's fields keep the source's name, so a source's errors (``ValidationError``
with that key) come back on its own field. Storing happens inside the transaction that
plans or changes the visit: a refused topic leaves nothing behind.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Bron:
    naam: str  # the visit form's field (and the error key) of this source
    # (wijk, bezoek or None when planning) -> the form field to choose from
    veld: Callable
    # (bezoek) -> the field's initial value: what the visit has now
    gekozen: Callable
    # (door, bezoek, waarde) -> None; raises ValidationError({naam: ...}) to refuse
    opslaan: Callable
    template: str  # an include of the visit page; it gets the section's context as ``c``
    # (user, bezoek, intern) -> dict, or None when there is nothing to show; ``intern``:
    # the person sees the visit's non-public side. A fixed number of queries.
    sectie: Callable
    volgorde: int = 50


_BRONNEN: dict[str, Bron] = {}


def registreer(bron: Bron) -> None:
    """Add a topic source to every visit (again under the same name replaces it)."""
    _BRONNEN[bron.naam] = bron


def _bronnen() -> list[Bron]:
    return sorted(_BRONNEN.values(), key=lambda b: (b.volgorde, b.naam))


def velden(wijk, bezoek=None) -> dict:
    """The form fields the sources add to the visit form, in order."""
    return {b.naam: b.veld(wijk, bezoek) for b in _bronnen()}


def initieel(bezoek) -> dict:
    return {b.naam: b.gekozen(bezoek) for b in _bronnen()}


def scheiden(gegevens: dict) -> tuple[dict, dict]:
    """A visit form's cleaned data split into the visit's own and the sources' values."""
    eigen = dict(gegevens)
    extra = {naam: eigen.pop(naam) for naam in _BRONNEN if naam in eigen}
    return eigen, extra


def opslaan(*, door, bezoek, waarden: dict) -> None:
    """Let each source store its chosen topics (a source missing from ``waarden``, as
    when a visit is changed elsewhere than on the form, keeps what it has)."""
    for bron in _bronnen():
        if bron.naam in waarden:
            bron.opslaan(door, bezoek, waarden[bron.naam])


def secties(user, bezoek, *, intern: bool) -> list[dict]:
    """The sources' sections of the visit page with something to show, in order."""
    uit = []
    for bron in _bronnen():
        context = bron.sectie(user, bezoek, intern)
        if context is not None:
            uit.append({"naam": bron.naam, "template": bron.template, "c": context})
    return uit

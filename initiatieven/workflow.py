"""The workflow of an Onderwerp: one transition table, nothing else decides a status.

Each transition says from which states it may be taken, to which state, by whom (an
actor: the submitter, or an official *designated for the item's ward*), what it requires,
and what the public timeline says. ``initiatieven.services.onderwerp_overgang`` is the one
function that performs a transition; ``initiatieven.permissions`` decides who is which
actor for an item.

    concept → ingediend → in_behandeling → in_uitvoering → afgerond
                             │  ↑               │
                             ▼  │               ▼
                        bij_wijkwethouder → geagendeerd_college → geagendeerd_raad → afgerond
    any open state → niet_mogelijk (public reason)
    any open state → nog_niet_mogelijk (public reason + revisit date or condition)
                      → in_behandeling on revisit
    the submitter may withdraw (ingetrokken) before a decision
"""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from initiatieven.keuzes import Status


class Actor(StrEnum):
    INDIENER = "indiener"  # the person who submitted the item
    WIJKADVISEUR = "wijkadviseur"  # designated for the item's ward
    WIJKWETHOUDER = "wijkwethouder"  # designated for the item's ward
    GRIFFIE = "griffie"  # keeps the college and council agendas


class Vereiste(StrEnum):
    TOELICHTING = "toelichting"  # a public explanation
    HERBEZIEN = "herbezien"  # a revisit date or condition
    RESULTAAT = "resultaat"  # the public result
    ADVIES = "advies"  # the advisor's advice to the alderman
    RICHTING = "richting"  # the alderman's direction to the advisor (internal)


@dataclass(frozen=True)
class Overgang:
    code: str
    van: frozenset[Status]
    naar: Status
    wie: frozenset[Actor]
    vereist: frozenset[Vereiste]
    knop: str | Promise  # what the button says
    publiek: str | Promise  # what the public timeline says happened
    # Taken only together with a meeting's agenda item or decision (initiatieven.agenda),
    # never as a plain step: the agenda and the item's status must not drift apart.
    via_agenda: bool = False

    @property
    def bevestiging(self) -> str | Promise:
        """What the person who took this step reads afterwards (BEVESTIGINGEN)."""
        return BEVESTIGINGEN[self.code]


def _o(code, van, naar, wie, knop, publiek, vereist=(), via_agenda=False):
    return Overgang(
        code, frozenset(van), naar, frozenset(wie), frozenset(vereist), knop, publiek, via_agenda
    )


S, A, V = Status, Actor, Vereiste
_OPEN_ADVISEUR = {S.INGEDIEND, S.IN_BEHANDELING, S.IN_UITVOERING}

OVERGANGEN: tuple[Overgang, ...] = (
    _o("indienen", {S.CONCEPT}, S.INGEDIEND, {A.INDIENER}, _("Submit"), _("Submitted")),
    _o(
        "in_behandeling_nemen",
        {S.INGEDIEND},
        S.IN_BEHANDELING,
        {A.WIJKADVISEUR},
        _("Take into handling"),
        _("Taken into handling by the ward advisor"),
    ),
    _o(
        "herbezien",
        {S.NOG_NIET_MOGELIJK},
        S.IN_BEHANDELING,
        {A.WIJKADVISEUR},
        _("Revisit now"),
        _("Taken up again"),
    ),
    _o(
        "uitvoeren",
        {S.IN_BEHANDELING},
        S.IN_UITVOERING,
        {A.WIJKADVISEUR},
        _("Start carrying out"),
        _("Being carried out"),
        {V.TOELICHTING},
    ),
    _o(
        "escaleren",
        {S.IN_BEHANDELING, S.IN_UITVOERING},
        S.BIJ_WIJKWETHOUDER,
        {A.WIJKADVISEUR},
        _("Pass to the ward alderman"),
        _("Passed to the ward alderman"),
        {V.ADVIES},
    ),
    _o(
        "terug_naar_adviseur",
        {S.BIJ_WIJKWETHOUDER},
        S.IN_BEHANDELING,
        {A.WIJKWETHOUDER},
        _("Send back to the ward advisor"),
        _("Sent back to the ward advisor by the alderman"),
        {V.RICHTING},
    ),
    _o(
        "afronden",
        {S.IN_BEHANDELING, S.IN_UITVOERING},
        S.AFGEROND,
        {A.WIJKADVISEUR},
        _("Complete"),
        _("Completed"),
        {V.RESULTAAT},
    ),
    _o(
        "niet_mogelijk",
        _OPEN_ADVISEUR,
        S.NIET_MOGELIJK,
        {A.WIJKADVISEUR},
        _("Not possible"),
        _("Not possible"),
        {V.TOELICHTING},
    ),
    _o(
        "niet_mogelijk_wethouder",
        {S.BIJ_WIJKWETHOUDER},
        S.NIET_MOGELIJK,
        {A.WIJKWETHOUDER},
        _("Not possible"),
        _("Not possible, decided by the ward alderman"),
        {V.TOELICHTING},
    ),
    _o(
        "nog_niet_mogelijk",
        _OPEN_ADVISEUR,
        S.NOG_NIET_MOGELIJK,
        {A.WIJKADVISEUR},
        _("Not possible yet"),
        _("Not possible yet"),
        {V.TOELICHTING, V.HERBEZIEN},
    ),
    _o(
        "nog_niet_mogelijk_wethouder",
        {S.BIJ_WIJKWETHOUDER},
        S.NOG_NIET_MOGELIJK,
        {A.WIJKWETHOUDER},
        _("Not possible yet"),
        _("Not possible yet, decided by the ward alderman"),
        {V.TOELICHTING, V.HERBEZIEN},
    ),
    # --- Up to the agenda (initiatieven.agenda) ------------------------------------------
    _o(
        "agenderen_college",
        {S.BIJ_WIJKWETHOUDER},
        S.GEAGENDEERD_COLLEGE,
        {A.WIJKWETHOUDER},
        _("Put on the college agenda"),
        _("Proposed for the college agenda by the ward alderman"),
        {V.TOELICHTING},
        via_agenda=True,
    ),
    _o(
        "agenda_teruggeven",
        {S.GEAGENDEERD_COLLEGE},
        S.BIJ_WIJKWETHOUDER,
        {A.GRIFFIE},
        _("Return to the alderman"),
        _("Returned to the ward alderman by the college"),
        {V.TOELICHTING},
        via_agenda=True,
    ),
    _o(
        "agenderen_raad",
        {S.GEAGENDEERD_COLLEGE},
        S.GEAGENDEERD_RAAD,
        {A.GRIFFIE},
        _("Refer to the council"),
        _("Referred to the council by the college"),
        {V.TOELICHTING},
        via_agenda=True,
    ),
    _o(
        "besluit_aangenomen",
        {S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD},
        S.AFGEROND,
        {A.GRIFFIE},
        _("Adopted"),
        _("Decided: adopted"),
        {V.RESULTAAT},
        via_agenda=True,
    ),
    _o(
        "besluit_afgewezen",
        {S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD},
        S.NIET_MOGELIJK,
        {A.GRIFFIE},
        _("Rejected"),
        _("Decided: rejected"),
        {V.TOELICHTING},
        via_agenda=True,
    ),
    _o(
        "besluit_aangehouden",
        {S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD},
        S.NOG_NIET_MOGELIJK,
        {A.GRIFFIE},
        _("Deferred"),
        _("Decided: deferred, to be revisited"),
        {V.TOELICHTING, V.HERBEZIEN},
        via_agenda=True,
    ),
    _o(
        "besluit_terug_naar_wijk",
        {S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD},
        S.IN_BEHANDELING,
        {A.GRIFFIE},
        _("Back to the ward"),
        _("Decided: back to the ward"),
        {V.TOELICHTING},
        via_agenda=True,
    ),
    _o(
        "intrekken",
        {S.INGEDIEND, S.IN_BEHANDELING, S.IN_UITVOERING, S.BIJ_WIJKWETHOUDER},
        S.INGETROKKEN,
        {A.INDIENER},
        _("Withdraw"),
        _("Withdrawn by the submitter"),
    ),
)

# What the person who took a step reads afterwards: a sentence as the municipality
# writes, saying what they did ("You have taken the item into handling."), not the
# button's label after "Done:". Kept beside the table; a test checks every rule has one.
BEVESTIGINGEN: dict[str, str | Promise] = {
    "indienen": _("You have submitted your item."),
    "in_behandeling_nemen": _("You have taken the item into handling."),
    "herbezien": _("You have taken the item up again."),
    "uitvoeren": _("You have started carrying out the item."),
    "escaleren": _("You have passed the item to the ward alderman."),
    "terug_naar_adviseur": _("You have sent the item back to the ward advisor."),
    "afronden": _("You have completed the item."),
    "niet_mogelijk": _("You have answered that this is not possible, with the reason."),
    "niet_mogelijk_wethouder": _("You have answered that this is not possible, with the reason."),
    "nog_niet_mogelijk": _(
        "You have answered that this is not possible yet. The item comes back on the "
        "date you set to look at it again."
    ),
    "nog_niet_mogelijk_wethouder": _(
        "You have answered that this is not possible yet. The item comes back on the "
        "date you set to look at it again."
    ),
    "agenderen_college": _("You have proposed the item for the college agenda."),
    "agenda_teruggeven": _("You have returned the item to the ward alderman."),
    "agenderen_raad": _("You have referred the item to the council."),
    "besluit_aangenomen": _("You have recorded the decision: adopted."),
    "besluit_afgewezen": _("You have recorded the decision: rejected."),
    "besluit_aangehouden": _("You have recorded the decision: deferred."),
    "besluit_terug_naar_wijk": _("You have recorded the decision: back to the ward."),
    "intrekken": _("You have withdrawn your item."),
}

_PER_STAP: dict[tuple[Status, Status], Overgang] = {}
for _overgang in OVERGANGEN:
    for _van in _overgang.van:
        # One (from, to) pair has exactly one rule: the table cannot contradict itself.
        if (_van, _overgang.naar) in _PER_STAP:
            raise ImproperlyConfigured(f"Two rules for {_van} -> {_overgang.naar}")
        _PER_STAP[(_van, _overgang.naar)] = _overgang
_PER_CODE = {o.code: o for o in OVERGANGEN}


def overgang(van: str, naar: str) -> Overgang | None:
    """The rule for going from ``van`` to ``naar``, or None when the table has none."""
    return _PER_STAP.get((Status(van), Status(naar)))


def per_code(code: str) -> Overgang | None:
    return _PER_CODE.get(code)


def vanuit(van: str) -> list[Overgang]:
    """Every transition the table allows from this state, whoever takes it."""
    return [o for o in OVERGANGEN if Status(van) in o.van]


def publieke_omschrijving(van: str, naar: str) -> str | Promise:
    """What the public timeline says about a step (also for steps no longer in the table)."""
    regel = _PER_STAP.get((Status(van), Status(naar))) if van else None
    return regel.publiek if regel else Status(naar).label

"""The workflow of an Onderwerp: one transition table, nothing else decides a status.

Each state says which groups it belongs to (``TOESTANDEN``: open, closed, settled, …; the
sets ``LOPEND``, ``AFGESLOTEN`` and the others are derived from it). Each transition says
from which states it may be taken, to which state, by whom (an actor: the submitter, or an
official *designated for the item's ward*), what it requires (and ``INVOER`` which form
fields meet a requirement), what the public timeline says, which emails it sends to whom,
which fields of the item it sets, and which agenda decision takes it. The rest of the
portal reads these declarations: ``initiatieven.services.onderwerp_overgang`` is the one
function that performs a transition; ``initiatieven.permissions`` decides who is which
actor for an item. A new state or step is added here (plus its migration, translations
and tests: docs/architecture.md, "Add a workflow state"); ``fouten`` checks the
declarations when this module loads.

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
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# --- the states --------------------------------------------------------------------------


class Status(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    INGEDIEND = "ingediend", _("Submitted")
    IN_BEHANDELING = "in_behandeling", _("Being handled")
    IN_UITVOERING = "in_uitvoering", _("Being carried out")
    BIJ_WIJKWETHOUDER = "bij_wijkwethouder", _("With the ward alderman")
    GEAGENDEERD_COLLEGE = "geagendeerd_college", _("On the college agenda")
    GEAGENDEERD_RAAD = "geagendeerd_raad", _("On the council agenda")
    AFGEROND = "afgerond", _("Completed")
    NIET_MOGELIJK = "niet_mogelijk", _("Not possible")
    NOG_NIET_MOGELIJK = "nog_niet_mogelijk", _("Not possible yet")
    INGETROKKEN = "ingetrokken", _("Withdrawn")


class Groep(StrEnum):
    """What a state means to the rest of the portal. Every state is in exactly one of the
    first four (``FASEN``); the others are further distinctions within them."""

    CONCEPT = "concept"  # the submitter's draft: nobody else sees it
    LOPEND = "lopend"  # the municipality is working on it: the work queue counts it
    WACHTEND = "wachtend"  # parked until a revisit date or condition: not an answer for good
    AFGESLOTEN = "afgesloten"  # nothing more happens (a revisit is a new step)
    # Answered for good by the municipality (within AFGESLOTEN): the step into one sets the
    # item's ``afgehandeld_op``. A withdrawal is the submitter's act and is not settling.
    AFGEHANDELD = "afgehandeld"
    GEESCALEERD = "geescaleerd"  # beyond the ward: with the alderman or on an agenda


#: The groups that divide the states: every state is in exactly one.
FASEN = (Groep.CONCEPT, Groep.LOPEND, Groep.WACHTEND, Groep.AFGESLOTEN)


@dataclass(frozen=True)
class Toestand:
    groepen: frozenset[Groep]
    # The body (a ``contacten.Orgaan`` value) on whose agenda an item in this state is:
    # the agenda pages and decisions find the item by it (``initiatieven.agenda``).
    op_agenda_van: str = ""
    # The status badge's Bootstrap colour. The text carries the meaning, the colour only
    # helps: red (danger) is for errors, and no status is one ("not possible yet" is a
    # reasoned answer with a revisit date).
    kleur: str = "primary"


def _t(*groepen: Groep, op_agenda_van: str = "", kleur: str = "primary") -> Toestand:
    return Toestand(frozenset(groepen), op_agenda_van, kleur)


G = Groep
TOESTANDEN: dict[Status, Toestand] = {
    Status.CONCEPT: _t(G.CONCEPT),
    Status.INGEDIEND: _t(G.LOPEND, kleur="warning"),  # waiting for a first response
    Status.IN_BEHANDELING: _t(G.LOPEND),
    Status.IN_UITVOERING: _t(G.LOPEND),
    Status.BIJ_WIJKWETHOUDER: _t(G.LOPEND, G.GEESCALEERD),
    Status.GEAGENDEERD_COLLEGE: _t(G.LOPEND, G.GEESCALEERD, op_agenda_van="college"),
    Status.GEAGENDEERD_RAAD: _t(G.LOPEND, G.GEESCALEERD, op_agenda_van="gemeenteraad"),
    Status.AFGEROND: _t(G.AFGESLOTEN, G.AFGEHANDELD, kleur="success"),
    Status.NIET_MOGELIJK: _t(G.AFGESLOTEN, G.AFGEHANDELD, kleur="secondary"),
    Status.NOG_NIET_MOGELIJK: _t(G.WACHTEND, kleur="info"),
    Status.INGETROKKEN: _t(G.AFGESLOTEN, kleur="secondary"),
}


def in_groep(groep: Groep, toestanden: dict[Status, Toestand] = TOESTANDEN) -> frozenset[Status]:
    return frozenset(s for s, t in toestanden.items() if groep in t.groepen)


#: States the municipality is working on; the work queue and dashboards count these.
LOPEND = in_groep(Groep.LOPEND)
#: States in which nothing more happens.
AFGESLOTEN = in_groep(Groep.AFGESLOTEN)
#: Settled for good by the municipality (see ``Groep.AFGEHANDELD``).
AFGEHANDELD = in_groep(Groep.AFGEHANDELD)
#: Open: being worked on, or parked with a revisit ("not possible yet" still counts).
OPEN = LOPEND | in_groep(Groep.WACHTEND)
#: Escalated: with the ward alderman or on the college or council agenda.
GEESCALEERD = in_groep(Groep.GEESCALEERD)
#: The state an item has while it is on the agenda of a body (``contacten.Orgaan``).
OP_AGENDA_VAN = {t.op_agenda_van: s for s, t in TOESTANDEN.items() if t.op_agenda_van}


def zichtbaar_voor_bewoners(toestand: Toestand) -> bool:
    """Whether residents see an item in this state (the submitter at least): all but drafts."""
    return Groep.CONCEPT not in toestand.groepen


# --- the steps ---------------------------------------------------------------------------


class Actor(StrEnum):
    INDIENER = "indiener"  # the person who submitted the item
    WIJKADVISEUR = "wijkadviseur"  # designated for the item's ward
    WIJKWETHOUDER = "wijkwethouder"  # designated for the item's ward
    GRIFFIE = "griffie"  # keeps the college and council agendas


#: Where the one person behind an actor is found, from the item (an email goes to them).
#: The griffie is a role several people have, not one person: it receives no step emails.
PERSOON_VAN = {
    Actor.INDIENER: "indiener",
    Actor.WIJKADVISEUR: "wijk.wijkadviseur",
    Actor.WIJKWETHOUDER: "wijk.wijkwethouder",
}


class Vereiste(StrEnum):
    TOELICHTING = "toelichting"  # a public explanation
    HERBEZIEN = "herbezien"  # a revisit date or condition
    RESULTAAT = "resultaat"  # the public result
    ADVIES = "advies"  # the advisor's advice to the alderman
    RICHTING = "richting"  # the alderman's direction to the advisor (internal)


@dataclass(frozen=True)
class Invoer:
    """What a requirement asks of the person taking the step: the fields of the step form,
    which are also the keyword arguments of ``onderwerp_overgang`` (one of them is enough),
    and what they read when all are empty (on the first field)."""

    velden: tuple[str, ...]
    ontbreekt: str | Promise


#: Each requirement's form fields: the step form shows them, the service checks them.
INVOER: dict[Vereiste, Invoer] = {
    Vereiste.TOELICHTING: Invoer(("toelichting",), _("Give a public explanation.")),
    Vereiste.RESULTAAT: Invoer(("resultaat",), _("Describe the result for the public.")),
    Vereiste.ADVIES: Invoer(("advies",), _("Give your advice to the alderman.")),
    Vereiste.RICHTING: Invoer(("notitie",), _("Give the advisor a direction.")),
    Vereiste.HERBEZIEN: Invoer(
        ("herbezien_op", "herbezien_voorwaarde"),
        _("Give a date or a condition on which this is looked at again."),
    ),
}


class Zet(StrEnum):
    """What a step writes on the item besides its status (``initiatieven.services``).
    ``afgehandeld_op`` is not here: it follows from the target's group (AFGEHANDELD)."""

    INGEDIEND = "ingediend"  # ingediend_op, the first-response deadline; not public yet
    EERSTE_REACTIE = "eerste_reactie"  # eerste_reactie_op, when the step leaves ingediend
    RESULTAAT = "resultaat"  # the public result (Vereiste.RESULTAAT)
    ADVIES = "advies"  # the advice the alderman decides on (advies_wethouder)
    HERBEZIEN = "herbezien"  # the revisit date or condition (Vereiste.HERBEZIEN)
    HERBEZIEN_WISSEN = "herbezien_wissen"  # taken up again: no revisit pending


@dataclass(frozen=True)
class Mail:
    """An email a step sends, after commit, in its recipient's language."""

    template: str  # template_basis: .txt and .html
    aan: Actor  # found through PERSOON_VAN
    onderwerp: str | Promise  # the subject; may use %(titel)s and %(wijk)s
    # Not sent when the recipient took the step themselves: their own act is no news.
    behalve_eigen_stap: bool = False


ONTVANGEN = Mail(
    "initiatieven/email/ontvangen",
    Actor.INDIENER,
    _("We received your submission: %(titel)s"),
)
NIEUW_VOOR_ADVISEUR = Mail(
    "initiatieven/email/nieuw_voor_adviseur",
    Actor.WIJKADVISEUR,
    _("New in %(wijk)s: %(titel)s"),
)
ESCALATIE = Mail(
    "initiatieven/email/escalatie",
    Actor.WIJKWETHOUDER,
    _("For your decision (%(wijk)s): %(titel)s"),
)
NIEUWS_VOOR_INDIENER = Mail(
    "initiatieven/email/stap",
    Actor.INDIENER,
    _("News about your submission: %(titel)s"),
    behalve_eigen_stap=True,
)


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
    # The emails the step sends. A step into a state residents see tells the submitter,
    # unless ``zonder_mail_indiener`` says why not (checked by ``fouten``).
    mails: tuple[Mail, ...] = ()
    zonder_mail_indiener: str = ""
    zet: frozenset[Zet] = frozenset()
    # The decision (a ``contacten.Resultaat`` value) that takes this step on an agenda item.
    besluit: str = ""

    @property
    def bevestiging(self) -> str | Promise:
        """What the person who took this step reads afterwards (BEVESTIGINGEN)."""
        return BEVESTIGINGEN[self.code]


# A step tells the submitter what happened unless it declares other emails: forgetting
# the email must not be the quiet default.
def _o(
    code,
    van,
    naar,
    wie,
    knop,
    publiek,
    vereist=(),
    via_agenda=False,
    *,
    mails=(NIEUWS_VOOR_INDIENER,),
    zonder_mail_indiener="",
    zet=(),
    besluit="",
):
    return Overgang(
        code,
        frozenset(van),
        naar,
        frozenset(wie),
        frozenset(vereist),
        knop,
        publiek,
        via_agenda,
        tuple(mails),
        zonder_mail_indiener,
        frozenset(zet),
        besluit,
    )


S, A, V, Z = Status, Actor, Vereiste, Zet
_OPEN_ADVISEUR = {S.INGEDIEND, S.IN_BEHANDELING, S.IN_UITVOERING}

OVERGANGEN: tuple[Overgang, ...] = (
    _o(
        "indienen",
        {S.CONCEPT},
        S.INGEDIEND,
        {A.INDIENER},
        _("Submit"),
        _("Submitted"),
        mails=(ONTVANGEN, NIEUW_VOOR_ADVISEUR),
        zet={Z.INGEDIEND},
    ),
    _o(
        "in_behandeling_nemen",
        {S.INGEDIEND},
        S.IN_BEHANDELING,
        {A.WIJKADVISEUR},
        _("Take into handling"),
        _("Taken into handling by the ward advisor"),
        zet={Z.EERSTE_REACTIE},
    ),
    _o(
        "herbezien",
        {S.NOG_NIET_MOGELIJK},
        S.IN_BEHANDELING,
        {A.WIJKADVISEUR},
        _("Revisit now"),
        _("Taken up again"),
        zet={Z.HERBEZIEN_WISSEN},
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
        mails=(ESCALATIE, NIEUWS_VOOR_INDIENER),
        zet={Z.ADVIES},
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
        zet={Z.RESULTAAT},
    ),
    _o(
        "niet_mogelijk",
        _OPEN_ADVISEUR,
        S.NIET_MOGELIJK,
        {A.WIJKADVISEUR},
        _("Not possible"),
        _("Not possible"),
        {V.TOELICHTING},
        zet={Z.EERSTE_REACTIE},
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
        zet={Z.EERSTE_REACTIE, Z.HERBEZIEN},
    ),
    _o(
        "nog_niet_mogelijk_wethouder",
        {S.BIJ_WIJKWETHOUDER},
        S.NOG_NIET_MOGELIJK,
        {A.WIJKWETHOUDER},
        _("Not possible yet"),
        _("Not possible yet, decided by the ward alderman"),
        {V.TOELICHTING, V.HERBEZIEN},
        zet={Z.HERBEZIEN},
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
        # No escalation email: the alderman had the item before, and initiatieven.agenda
        # tells them why it came back.
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
        besluit="doorverwezen_raad",
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
        zet={Z.RESULTAAT},
        besluit="aangenomen",
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
        besluit="afgewezen",
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
        zet={Z.HERBEZIEN},
        besluit="aangehouden",
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
        besluit="terug_naar_wijk",
    ),
    _o(
        "intrekken",
        {S.INGEDIEND, S.IN_BEHANDELING, S.IN_UITVOERING, S.BIJ_WIJKWETHOUDER},
        S.INGETROKKEN,
        {A.INDIENER},
        _("Withdraw"),
        _("Withdrawn by the submitter"),
        mails=(),
        zonder_mail_indiener="the submitter's own step: they know they withdrew it",
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


#: The item's next state for each decision on its agenda item (``contacten.Resultaat``).
NA_BESLUIT = {o.besluit: o.naar for o in OVERGANGEN if o.besluit}


# --- the declarations checked ------------------------------------------------------------
# Forgetting a declaration fails quietly elsewhere (an item missing from the work queue, a
# submitter who hears nothing), so the table is checked when it is loaded, and the tests
# run the same checks over the real table and over broken ones.


#: Bootstrap's colours a badge may take: not "danger", which is for errors.
BADGEKLEUREN = frozenset({"primary", "secondary", "success", "info", "warning"})


def toestandfouten(status: Status, toestand: Toestand | None) -> list[str]:
    if toestand is None:
        return [f"{status}: no declaration in TOESTANDEN"]
    if toestand.kleur not in BADGEKLEUREN:
        return [f"{status}: the badge colour {toestand.kleur!r} is not one of BADGEKLEUREN"]
    fasen = [g for g in FASEN if g in toestand.groepen]
    if len(fasen) != 1:
        return [f"{status}: in {len(fasen)} of the groups {', '.join(FASEN)}, not in one"]
    if Groep.AFGEHANDELD in toestand.groepen and Groep.AFGESLOTEN not in toestand.groepen:
        return [f"{status}: settled (afgehandeld) but not closed (afgesloten)"]
    return []


def overgangfouten(
    regel: Overgang,
    toestanden: dict[Status, Toestand] = TOESTANDEN,
    invoer: dict[Vereiste, Invoer] = INVOER,
) -> list[str]:
    fouten = []
    naar = toestanden.get(regel.naar)
    if naar is not None and zichtbaar_voor_bewoners(naar) and not regel.zonder_mail_indiener:
        # A mail to the submitter that skips their own step is never sent when only they
        # can take it.
        eigen = regel.wie == {Actor.INDIENER}
        if not any(
            m.aan == Actor.INDIENER and not (m.behalve_eigen_stap and eigen) for m in regel.mails
        ):
            fouten.append(
                f"{regel.code}: reaches {regel.naar}, which residents see, without an email "
                "to the submitter; send one or say why not (zonder_mail_indiener)"
            )
    fouten += [
        f"{regel.code}: emails {m.aan}, who is not one person (PERSOON_VAN)"
        for m in regel.mails
        if m.aan not in PERSOON_VAN
    ]
    fouten += [
        f"{regel.code}: requires {v}, which has no form field (INVOER)"
        for v in regel.vereist
        if v not in invoer or not invoer[v].velden
    ]
    if regel.code not in BEVESTIGINGEN:
        fouten.append(f"{regel.code}: no confirmation in BEVESTIGINGEN")
    return fouten


def invoerfouten(vereiste: Vereiste, invoer: Invoer | None) -> list[str]:
    if invoer is None or not invoer.velden:
        return [f"{vereiste}: no form field in INVOER"]
    if not invoer.ontbreekt:
        return [f"{vereiste}: no message for when it is missing"]
    return []


def fouten(
    toestanden: dict[Status, Toestand] = TOESTANDEN,
    overgangen: tuple[Overgang, ...] = OVERGANGEN,
    invoer: dict[Vereiste, Invoer] = INVOER,
) -> list[str]:
    """Everything wrong with these declarations (the real ones by default)."""
    gevonden = [f for s in Status for f in toestandfouten(s, toestanden.get(s))]
    gevonden += [f for v in Vereiste for f in invoerfouten(v, invoer.get(v))]
    gevonden += [f for o in overgangen for f in overgangfouten(o, toestanden, invoer)]
    besluiten: dict[str, Status] = {}
    for o in overgangen:
        if o.besluit and besluiten.setdefault(o.besluit, o.naar) != o.naar:
            gevonden.append(f"decision {o.besluit} leads to two states")
    return gevonden


if _fouten := fouten():
    raise ImproperlyConfigured("The workflow's declarations: " + "; ".join(_fouten))

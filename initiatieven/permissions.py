"""Who may see and do what with an item, expressed once.

Ward roles count only for the wards a person is designated for (FKs on ``wijken.Wijk``):
the ward advisor of ward A has no say over an item of ward B. Views, templates and the
workflow service ask these predicates; tests walk them over every role and ward.
"""

from contacten.permissions import heeft_rol, is_bewoner, is_college_of_griffie
from contacten.rollen import Rol
from initiatieven.keuzes import Status
from initiatieven.workflow import Actor, Overgang, overgang, vanuit
from wijken.permissions import is_functionaris_van


def _is_indiener(user, onderwerp) -> bool:
    return is_bewoner(user) and onderwerp.indiener_id == user.pk


def is_wijkadviseur_van(user, wijk) -> bool:
    return heeft_rol(user, Rol.WIJKADVISEUR) and wijk.wijkadviseur_id == user.pk


def is_opbouwwerker_van(user, wijk) -> bool:
    return heeft_rol(user, Rol.OPBOUWWERKER) and wijk.opbouwwerker_id == user.pk


def is_wijkwethouder_van(user, wijk) -> bool:
    return heeft_rol(user, Rol.WIJKWETHOUDER) and wijk.wijkwethouder_id == user.pk


def is_ambtenaar_van(user, wijk) -> bool:
    """The ward's designated officials: advisor, community worker, alderman."""
    return is_functionaris_van(user, wijk)


def actoren(user, onderwerp) -> set[Actor]:
    """The workflow actors this person is for this item."""
    rollen = set()
    if _is_indiener(user, onderwerp):
        rollen.add(Actor.INDIENER)
    if is_wijkadviseur_van(user, onderwerp.wijk):
        rollen.add(Actor.WIJKADVISEUR)
    if is_wijkwethouder_van(user, onderwerp.wijk):
        rollen.add(Actor.WIJKWETHOUDER)
    if heeft_rol(user, Rol.GRIFFIE):
        rollen.add(Actor.GRIFFIE)
    return rollen


def mag_overgang(user, onderwerp, naar: str) -> Overgang | None:
    """The rule this person may apply to take the item to ``naar``, or None."""
    regel = overgang(onderwerp.status, naar)
    if regel is None or not (regel.wie & actoren(user, onderwerp)):
        return None
    return regel


def toegestane_overgangen(user, onderwerp) -> list[Overgang]:
    """The steps this person may take on this item now (for the buttons on a page).
    Agenda steps are left out: they are taken on the agenda pages (initiatieven.agenda)."""
    mijn = actoren(user, onderwerp)
    return [o for o in vanuit(onderwerp.status) if o.wie & mijn and not o.via_agenda]


def mag_bekijken(user, onderwerp) -> bool:
    """Published items are public; the rest only for the submitter and the ward's officials
    (and the college and griffie, who see every ward). A draft only for its submitter."""
    if onderwerp.status == Status.CONCEPT:
        return _is_indiener(user, onderwerp)
    if onderwerp.openbaar:
        return True
    return mag_intern_bekijken(user, onderwerp) or _is_indiener(user, onderwerp)


def mag_volgen(user, onderwerp) -> bool:
    """Following one item (an email with each public step): anyone signed in, for a
    published item; not its submitter, who hears of every step already."""
    return (
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and onderwerp.openbaar
        and onderwerp.status != Status.CONCEPT
        and not _is_indiener(user, onderwerp)
    )


def mag_intern_bekijken(user, onderwerp) -> bool:
    """Internal notes, the original text, actions: the ward's officials, college, griffie."""
    if onderwerp.status == Status.CONCEPT:
        return False
    return is_ambtenaar_van(user, onderwerp.wijk) or is_college_of_griffie(user)


def mag_triageren(user, onderwerp) -> bool:
    """Screen, publish, set the municipality's role, mark promising, answer publicly."""
    return onderwerp.status != Status.CONCEPT and is_wijkadviseur_van(user, onderwerp.wijk)


def mag_notities_en_acties(user, onderwerp) -> bool:
    """Add internal notes and actions: the ward's advisor and community worker."""
    return onderwerp.status != Status.CONCEPT and (
        is_wijkadviseur_van(user, onderwerp.wijk) or is_opbouwwerker_van(user, onderwerp.wijk)
    )


def mag_concept_bewerken(user, onderwerp) -> bool:
    return onderwerp.status == Status.CONCEPT and _is_indiener(user, onderwerp)


def heeft_werkvoorraad(user) -> bool:
    return heeft_rol(user, Rol.WIJKADVISEUR, Rol.OPBOUWWERKER)


def heeft_wethouderslijst(user) -> bool:
    return heeft_rol(user, Rol.WIJKWETHOUDER)

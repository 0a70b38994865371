"""Who may do what, expressed once: predicates on the person (and later an object).

Views, templates (through the navigation) and tests all ask these functions; nothing else
decides about roles. Deny by default: an anonymous or inactive person has no role.
"""

from allauth.mfa.utils import is_mfa_enabled

from contacten.backends import HEEFT_TWEEDE_FACTOR
from contacten.rollen import Rol
from wijken.permissions import is_functionaris_van


def _actief(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def heeft_rol(user, *rollen: str) -> bool:
    """The person is signed in and has one of these roles."""
    return _actief(user) and user.rol in rollen


def is_bewoner(user) -> bool:
    """Any signed-up person may act as a resident (submit, follow, respond)."""
    return _actief(user)


def is_medewerker(user) -> bool:
    """Works for the municipality: every role but resident."""
    return _actief(user) and user.is_medewerker


def mist_tweede_factor(user) -> bool:
    """A municipal employee without an active second factor (TOTP)."""
    if not is_medewerker(user):
        return False
    # The request's user carries the answer from the query that loaded it (see backends).
    heeft = getattr(user, HEEFT_TWEEDE_FACTOR, None)
    return not (is_mfa_enabled(user) if heeft is None else heeft)


def is_college_of_griffie(user) -> bool:
    """Sees every ward: members of the college (aldermen included) and the griffie."""
    return heeft_rol(user, Rol.COLLEGELID, Rol.WIJKWETHOUDER, Rol.GRIFFIE)


def is_beheerder(user) -> bool:
    return heeft_rol(user, Rol.BEHEERDER)


def is_griffie(user) -> bool:
    """Keeps the college and council agendas: meetings, agenda items, decisions."""
    return heeft_rol(user, Rol.GRIFFIE)


def mag_vergadering_zien(user, vergadering) -> bool:
    """Published meetings are public; a draft only for the college and the griffie."""
    return vergadering.is_openbaar or is_college_of_griffie(user)


# --- dashboards, visits, contact log ---------------------------------------------------


def heeft_wijkdashboard(user) -> bool:
    """Has a ward dashboard somewhere: the college and griffie (every ward) and the ward
    advisors and community workers (their own wards). For the menu; the page asks
    ``mag_wijkdashboard_zien`` per ward."""
    return is_college_of_griffie(user) or heeft_rol(user, Rol.WIJKADVISEUR, Rol.OPBOUWWERKER)


def mag_wijkdashboard_zien(user, wijk) -> bool:
    """The ward's own officials, and the college and griffie for every ward."""
    return is_college_of_griffie(user) or is_functionaris_van(user, wijk)


def mag_collegeoverzicht_zien(user) -> bool:
    """All wards side by side: members of the college (aldermen included) and the griffie."""
    return is_college_of_griffie(user)


def mag_bezoek_beheren(user, wijk) -> bool:
    """Plan, change, cancel a visit and write its report: the college and griffie for
    every ward, and the ward's own advisor, who prepares the visit with the ward."""
    return is_college_of_griffie(user) or (
        heeft_rol(user, Rol.WIJKADVISEUR) and wijk is not None and wijk.wijkadviseur_id == user.pk
    )


def mag_contactlog_zien(user, wijk) -> bool:
    """The contact log of a ward: its designated officials only (advisor, community worker,
    alderman). Notes about residents are working notes, not for everyone in the town hall."""
    return is_functionaris_van(user, wijk)


def mag_contactmoment_vastleggen(user, wijk) -> bool:
    """Log a contact moment in a ward: the same officials who may read the log (one rule,
    so reading and writing can never drift apart)."""
    return mag_contactlog_zien(user, wijk)


def heeft_contactlog(user) -> bool:
    """Keeps a contact log: the roles that are designated per ward (advisor, community
    worker, alderman). Their log holds only their own wards; ``mag_contactlog_zien`` per ward."""
    return heeft_rol(user, Rol.WIJKADVISEUR, Rol.OPBOUWWERKER, Rol.WIJKWETHOUDER)


def mag_bezoek_intern_zien(user, wijk) -> bool:
    """A visit's non-public side (a non-public visit, its draft report, all its topics,
    the follow-up actions): who may manage it and the ward's own officials."""
    return mag_bezoek_beheren(user, wijk) or is_functionaris_van(user, wijk)


def mag_bezoek_zien(user, bezoek) -> bool:
    """A public visit (cancelled ones too, so a link keeps working) is for everyone; a
    non-public one only for who may see its non-public side."""
    return bezoek.openbaar or mag_bezoek_intern_zien(user, bezoek.wijk)

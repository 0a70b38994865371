"""Who may ask, respond, screen and write feedback on a consultation question, expressed once.

Asking and writing feedback: the ward advisor or ward alderman of every ward the question
concerns; a question to all wards only the college (its members and the aldermen). Reading
responses that are not public: the officials of a ward it concerns (advisor, community
worker, alderman), the college and the griffie. Responding: anyone signed in, while the
question is open. Views, templates and tests ask these predicates.
"""

from django.utils import timezone

from contacten.permissions import heeft_rol, is_bewoner, is_college_of_griffie
from contacten.rollen import Rol
from wijken.permissions import is_functionaris_van

_VRAAGSTELLERS = (Rol.WIJKADVISEUR, Rol.WIJKWETHOUDER)


def _is_vraagsteller_van(user, wijk) -> bool:
    return heeft_rol(user, *_VRAAGSTELLERS) and user.pk in (
        wijk.wijkadviseur_id,
        wijk.wijkwethouder_id,
    )


def mag_vragen_stellen(user) -> bool:
    """Has somewhere to ask a question (for the menu and the "new question" page)."""
    return heeft_rol(user, Rol.COLLEGELID, *_VRAAGSTELLERS)


def mag_elke_wijk_vragen(user) -> bool:
    """A college member may ask any ward, without being designated for it."""
    return heeft_rol(user, Rol.COLLEGELID)


def mag_vraag_stellen_aan(user, *, wijken, alle_wijken: bool) -> bool:
    """May ask a question of these wards (or of all wards: the college, aldermen included)."""
    if heeft_rol(user, Rol.COLLEGELID, Rol.WIJKWETHOUDER) and alle_wijken:
        return True
    if alle_wijken or not wijken:
        return False
    if mag_elke_wijk_vragen(user):
        return True
    return all(_is_vraagsteller_van(user, wijk) for wijk in wijken)


def mag_vraag_beheren(user, vraag) -> bool:
    """Edit, publish, screen responses, write and publish feedback: who may ask a question
    of the question's wards (so a successor in the ward takes over), and the asker while
    they still hold a role that may ask."""
    if not mag_vragen_stellen(user):
        return False
    if vraag.gesteld_door_id == user.pk:
        return True
    wijken = list(vraag.wijken.all())
    return mag_vraag_stellen_aan(user, wijken=wijken, alle_wijken=vraag.alle_wijken)


def mag_vraag_zien(user, vraag) -> bool:
    """A published question is public; a draft only for who may manage it."""
    return vraag.gepubliceerd_op is not None or mag_vraag_beheren(user, vraag)


def mag_inbreng_intern_zien(user, vraag) -> bool:
    """Every response with its respondent (not the public's screened selection): the
    officials of a ward it concerns, the college and the griffie, and who manages it."""
    if vraag.gepubliceerd_op is None:
        return mag_vraag_beheren(user, vraag)
    if is_college_of_griffie(user) or mag_vraag_beheren(user, vraag):
        return True
    if vraag.alle_wijken:
        return heeft_rol(user, Rol.WIJKADVISEUR, Rol.OPBOUWWERKER)
    return any(is_functionaris_van(user, wijk) for wijk in vraag.wijken.all())


def mag_reageren(user, vraag) -> bool:
    """Anyone signed in may respond (or change their response) while the question is open."""
    return is_bewoner(user) and vraag.is_open()


def mag_reageren_namens(user, groep) -> bool:
    """Only for a group one is a contact person of."""
    return is_bewoner(user) and groep.contactpersonen.filter(pk=user.pk).exists()


def mag_aanmelden(user, vraag) -> bool:
    """Register for the ward meeting: anyone signed in, for a published question whose
    meeting has not begun."""
    bijeenkomst = getattr(vraag, "bijeenkomst", None)
    return (
        is_bewoner(user)
        and vraag.gepubliceerd_op is not None
        and bijeenkomst is not None
        and bijeenkomst.begint > timezone.now()
    )


def mag_terugkoppeling_schrijven(user, vraag) -> bool:
    """After closing, who manages the question."""
    return vraag.is_gesloten() and mag_vraag_beheren(user, vraag)


def mag_vraagbijlagen_beheren(user, vraag) -> bool:
    """Add and remove a question's attachments: who manages it, while drafting and until
    it closes (as changing the question)."""
    return not vraag.is_gesloten() and mag_vraag_beheren(user, vraag)


def mag_inbrengbijlage_zien(user, inbreng) -> bool:
    """A response's attachment: whoever may read the response. The respondent, who reads
    every response (``mag_inbreng_intern_zien``), and anyone once the response is public."""
    vraag = inbreng.vraag
    if not mag_vraag_zien(user, vraag):
        return False
    if user.is_authenticated and inbreng.gebruiker_id == user.pk:
        return True
    return inbreng.is_openbaar or mag_inbreng_intern_zien(user, vraag)

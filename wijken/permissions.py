"""Who may change what in a ward, expressed once.

Based on designations (the ward's wijkadviseur and opbouwwerker, FKs on Wijk) and
memberships (a group's contactpersonen), never on a role alone: a ward advisor of ward A
has no say over ward B. Views, templates (through ``wijken_rechten``) and tests ask these
predicates. Deny by default: an anonymous or inactive person may change nothing.

The beheerder keeps wards, neighbourhoods and designations in the admin; the portal's
ward pages give the role no extra rights.
"""

# Role values of contacten.Rol, named here as strings because this lowest app imports no
# other app. A designation only counts while the person still has the matching role.
_WIJKROLLEN = frozenset({"wijkadviseur", "opbouwwerker"})


def is_actief(user) -> bool:
    """Signed in with an active account."""
    return bool(user and user.is_authenticated and user.is_active)


def mag_wijk_beheren(user, wijk) -> bool:
    """The ward's designated ward advisor or community worker: groups, professionals,
    board seats, ward-council status and fallback of this ward."""
    if not is_actief(user) or wijk is None or user.rol not in _WIJKROLLEN:
        return False
    return user.pk in (wijk.wijkadviseur_id, wijk.opbouwwerker_id)


def is_functionaris_van(user, wijk) -> bool:
    """One of the ward's designated officials: its ward advisor, community worker or
    ward alderman (each only while they still have that role)."""
    if not is_actief(user) or wijk is None:
        return False
    return (
        (user.rol == "wijkadviseur" and wijk.wijkadviseur_id == user.pk)
        or (user.rol == "opbouwwerker" and wijk.opbouwwerker_id == user.pk)
        or (user.rol == "wijkwethouder" and wijk.wijkwethouder_id == user.pk)
    )


def mag_groep_beheren(user, groep) -> bool:
    """Change a group's details, contact persons and ward-council status: its ward's staff."""
    return mag_wijk_beheren(user, groep.wijk)


def is_contactpersoon(user, groep) -> bool:
    """One of the group's contact persons (the groepscontact of this group)."""
    if not is_actief(user):
        return False
    return groep.contactpersonen.filter(pk=user.pk).exists()


def mag_bestuur_beheren(user, groep) -> bool:
    """Manage the group's own board seats and vacancies, and read the responses to them:
    the ward's staff and the group's contact persons."""
    return mag_groep_beheren(user, groep) or is_contactpersoon(user, groep)


def mag_interesse_melden(user, functie) -> bool:
    """Any signed-in person may respond to an open seat."""
    return is_actief(user) and functie.is_vacant

"""The roles a person can have (``Gebruiker.rol``), apart from the model.

The permission predicates (``contacten.permissions``) ask the role; the visits' queryset
(``contacten.bezoeken``, imported by ``contacten.models``) asks those predicates. With
the roles in ``contacten.models`` that was a cycle (models → bezoeken → permissions →
models); here they depend on nothing of the app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    """A person's function in the portal. Every signed-up person is at least a resident."""

    BEWONER = "bewoner", _("Resident")
    WIJKADVISEUR = "wijkadviseur", _("Ward advisor")
    OPBOUWWERKER = "opbouwwerker", _("Community worker")
    WIJKWETHOUDER = "wijkwethouder", _("Ward alderman")
    COLLEGELID = "collegelid", _("Member of the college")
    GRIFFIE = "griffie", _("Clerk's office")
    BEHEERDER = "beheerder", _("Functional administrator")


#: Roles that work for the municipality: they see non-public data and need a second factor.
MEDEWERKER_ROLLEN = frozenset(Rol) - {Rol.BEWONER}

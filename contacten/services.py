"""Writes on people and accounts: keyword-only, atomic service functions."""

from allauth.account.models import EmailAddress
from django.db import transaction

from contacten.models import Gebruiker, Rol


@transaction.atomic
def gebruiker_rol_toekennen(*, gebruiker: Gebruiker, rol: str) -> Gebruiker:
    """Give a person a role. Only the functional administrator may use the admin screens."""
    gebruiker.rol = Rol(rol)
    gebruiker.is_staff = gebruiker.rol == Rol.BEHEERDER
    gebruiker.is_superuser = gebruiker.rol == Rol.BEHEERDER
    gebruiker.save(update_fields=["rol", "is_staff", "is_superuser"])
    return gebruiker


@transaction.atomic
def demo_gebruiker_maken(*, email: str, weergavenaam: str, rol: str, wachtwoord: str) -> Gebruiker:
    """Create or refresh a demo account with a verified email (the demo seed only)."""
    gebruiker, _ = Gebruiker.objects.get_or_create(
        email=email, defaults={"weergavenaam": weergavenaam, "is_demo": True}
    )
    gebruiker.weergavenaam = weergavenaam
    gebruiker.is_demo = True
    gebruiker.is_active = True
    gebruiker.set_password(wachtwoord)
    gebruiker.save()
    gebruiker_rol_toekennen(gebruiker=gebruiker, rol=rol)
    EmailAddress.objects.update_or_create(
        user=gebruiker, email=email, defaults={"verified": True, "primary": True}
    )
    return gebruiker

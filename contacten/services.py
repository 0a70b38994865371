"""Writes on people and accounts: keyword-only, atomic service functions."""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from contacten.models import Gebruiker
from contacten.permissions import is_griffie
from contacten.rollen import Rol
from contacten.vergaderingen import (
    Agendapunt,
    AgendapuntStatus,
    Toezegging,
    Vergadering,
    VergaderStatus,
)


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


# --- meetings (griffie) ---------------------------------------------------------------------


def _alleen_griffie(door) -> None:
    if not is_griffie(door):
        raise PermissionDenied


@transaction.atomic
def vergadering_opslaan(
    *, door, orgaan: str, begin, locatie: str, vergadering: Vergadering | None = None
) -> Vergadering:
    """Create or change a meeting (body, date and time, location); the griffie only."""
    _alleen_griffie(door)
    vergadering = vergadering or Vergadering()
    vergadering.orgaan, vergadering.begin, vergadering.locatie = orgaan, begin, locatie.strip()
    vergadering.save()
    return vergadering


@transaction.atomic
def vergadering_status_zetten(*, door, vergadering: Vergadering, status: str) -> Vergadering:
    """Publish a meeting (its public agenda page appears) or mark it held."""
    _alleen_griffie(door)
    vergadering = Vergadering.objects.select_for_update().get(pk=vergadering.pk)
    vergadering.status = VergaderStatus(status)
    vergadering.save(update_fields=["status"])
    return vergadering


@transaction.atomic
def agendapunt_opslaan(
    *,
    door,
    vergadering: Vergadering,
    titel: str,
    toelichting: str,
    hamerstuk: bool = False,
    agendapunt: Agendapunt | None = None,
) -> Agendapunt:
    """Add an agenda item of the griffie's own (at the end) or change one's text."""
    _alleen_griffie(door)
    if agendapunt is None:
        hoogste = vergadering.agendapunten.aggregate(m=Max("volgorde"))["m"]
        agendapunt = Agendapunt(
            vergadering=vergadering,
            volgorde=1 if hoogste is None else hoogste + 1,
            status=AgendapuntStatus.GEAGENDEERD,
        )
    agendapunt.titel, agendapunt.toelichting = titel.strip(), toelichting.strip()
    agendapunt.hamerstuk = hamerstuk
    agendapunt.save()
    return agendapunt


@transaction.atomic
def agendapunt_verschuiven(*, door, agendapunt: Agendapunt, omhoog: bool) -> None:
    """Swap an agenda item with its neighbour above or below; numbers the agenda 1..n."""
    _alleen_griffie(door)
    vergadering = Vergadering.objects.select_for_update().get(pk=agendapunt.vergadering_id)
    punten = list(vergadering.agendapunten.order_by("volgorde", "pk"))
    i = next(n for n, p in enumerate(punten) if p.pk == agendapunt.pk)
    j = i - 1 if omhoog else i + 1
    if 0 <= j < len(punten):
        punten[i], punten[j] = punten[j], punten[i]
    for n, punt in enumerate(punten, start=1):
        if punt.volgorde != n:
            punt.volgorde = n
            punt.save(update_fields=["volgorde"])


@transaction.atomic
def toezegging_status_zetten(*, door, toezegging: Toezegging, status: str) -> Toezegging:
    """Record whether a commitment was kept."""
    _alleen_griffie(door)
    toezegging.status = status
    toezegging.save(update_fields=["status"])
    return toezegging

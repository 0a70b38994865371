"""The partner apps' keys: issued once, stored hashed, found by prefix, revocable.

A key reads ``<prefix>.<secret>``: the prefix (8 hex characters) finds the row, the
secret (43 URL-safe characters, 256 random bits) is checked against an HMAC-SHA256 under
the row's own salt. The secret has far too many bits to guess, so a fast hash is enough
(a slow password hasher would only make every request slower); the salt keeps two rows
from ever sharing a hash, and ``hmac.compare_digest`` compares in constant time.
"""

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from contacten import audit
from contacten.models import Gebruiker
from contacten.rollen import Rol
from opendata.models import ApiSleutel

_SCHEIDING = "."
_VOORVOEGSEL_HEX = 4  # bytes: 8 hex characters
_MAX_LENGTE = 100  # nothing longer is ever looked up


class AccountBestaat(Exception):
    """The contact address already belongs to an account: a partner app needs its own."""


def _hash(zout: str, geheim: str) -> str:
    return hmac.new(zout.encode(), geheim.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def apisleutel_uitgeven(
    *, naam: str, contact: str, door, is_demo: bool = False
) -> tuple[ApiSleutel, str]:
    """Issue a key for a partner app: its account (the submitter of the items it creates,
    without a password) and the key. Returns the row and the key, which is never stored
    and so can be shown only now. Raises AccountBestaat when ``contact`` has an account."""
    contact = Gebruiker.objects.normalize_email(contact).lower()
    if Gebruiker.objects.filter(email__iexact=contact).exists():
        raise AccountBestaat(contact)
    account = Gebruiker.objects.create_user(
        email=contact, password=None, weergavenaam=naam, rol=Rol.BEWONER, is_demo=is_demo
    )
    while True:
        voorvoegsel = secrets.token_hex(_VOORVOEGSEL_HEX)
        if not ApiSleutel.objects.filter(voorvoegsel=voorvoegsel).exists():
            break
    geheim = secrets.token_urlsafe(32)
    zout = secrets.token_hex(16)
    sleutel = ApiSleutel.objects.create(
        naam=naam,
        contact=contact,
        account=account,
        voorvoegsel=voorvoegsel,
        zout=zout,
        hash=_hash(zout, geheim),
        aangemaakt_door=door if getattr(door, "is_authenticated", False) else None,
    )
    audit.vastleggen(
        actie=audit.AuditActie.API_SLEUTEL_UITGEGEVEN,
        uitkomst=audit.Uitkomst.GESLAAGD,
        gebruiker=door,
        object=sleutel,
        omschrijving=f"{naam} ({voorvoegsel})",
    )
    return sleutel, f"{voorvoegsel}{_SCHEIDING}{geheim}"


@transaction.atomic
def apisleutel_intrekken(*, sleutel: ApiSleutel, door) -> ApiSleutel:
    """Revoke a key: from now on every request with it is refused (403). The items the app
    created stay, with its account as their submitter. Revoking twice changes nothing."""
    sleutel = ApiSleutel.objects.select_for_update().get(pk=sleutel.pk)
    if sleutel.ingetrokken_op is None:
        sleutel.ingetrokken_op = timezone.now()
        sleutel.save(update_fields=["ingetrokken_op"])
        audit.vastleggen(
            actie=audit.AuditActie.API_SLEUTEL_INGETROKKEN,
            uitkomst=audit.Uitkomst.GESLAAGD,
            gebruiker=door,
            object=sleutel,
            omschrijving=f"{sleutel.naam} ({sleutel.voorvoegsel})",
        )
    return sleutel


def apisleutel_vinden(tekst: str) -> ApiSleutel | None:
    """The key row ``tekst`` is the key of (revoked or not), or None. One query."""
    if not tekst or len(tekst) > _MAX_LENGTE or _SCHEIDING not in tekst:
        return None
    voorvoegsel, geheim = tekst.split(_SCHEIDING, 1)
    if len(voorvoegsel) != 2 * _VOORVOEGSEL_HEX or not geheim:
        return None
    sleutel = ApiSleutel.objects.select_related("account").filter(voorvoegsel=voorvoegsel).first()
    if sleutel is None or not hmac.compare_digest(sleutel.hash, _hash(sleutel.zout, geheim)):
        return None
    return sleutel

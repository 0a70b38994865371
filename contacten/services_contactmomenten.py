"""Writes on the contact log: keyword-only, atomic service functions.

Each function checks the permission itself (``contacten.permissions``) and what must hold
whatever the caller: the group belongs to the ward, the person "from the municipality" is
one of the ward's officials (or the one logging), the date is not in the future, a
follow-up date has a follow-up. A refusal raises ``PermissionDenied``; invalid data a
``ValidationError`` keyed by field, so a form can show it next to the field.
"""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacten.contactmomenten import Contactmoment, Contactvorm
from contacten.permissions import mag_contactmoment_vastleggen
from wijken.permissions import is_functionaris_van

#: The fields a person edits; a change to any of them by someone else is a conflict.
BEWERKBARE_VELDEN = (
    "groep",
    "bewoner",
    "datum",
    "vorm",
    "medewerker",
    "onderwerp",
    "notitie",
    "vervolg",
    "vervolg_voor",
    "vervolg_gedaan",
)


class Conflict(Exception):
    """Someone else changed the contact moment after this person opened it; ``velden``
    names the fields that changed."""

    def __init__(self, contactmoment: Contactmoment, velden: list[str]):
        super().__init__(contactmoment.pk)
        self.contactmoment = contactmoment
        self.velden = velden


def _vingerafdrukken(contactmoment: Contactmoment) -> dict[str, str]:
    # A short hash per field: the page carries what it showed without carrying the text.
    return {
        veld: hashlib.sha256(
            str(
                getattr(contactmoment, f"{veld}_id" if veld in ("groep", "medewerker") else veld)
            ).encode()
        ).hexdigest()[:12]
        for veld in BEWERKBARE_VELDEN
    }


def vingerafdruk(contactmoment: Contactmoment) -> str:
    """What the edit form saw of the contact moment, to detect a change in between."""
    return ",".join(f"{veld}:{h}" for veld, h in _vingerafdrukken(contactmoment).items())


def _gewijzigde_velden(contactmoment: Contactmoment, gezien: str) -> list[str]:
    """The fields whose value differs from what the form saw; every field when ``gezien``
    cannot be read (a page from before a field was added, or a tampered value)."""
    eerder = dict(deel.partition(":")[::2] for deel in gezien.split(",") if ":" in deel)
    return [veld for veld, h in _vingerafdrukken(contactmoment).items() if eerder.get(veld) != h]


def _gecontroleerd(
    *,
    door,
    wijk,
    groep,
    bewoner: str,
    datum,
    vorm: str,
    medewerker,
    onderwerp: str,
    notitie: str,
    vervolg: str,
    vervolg_voor,
    huidige_medewerker=None,
) -> dict:
    """The cleaned values, or a ValidationError naming every field that is wrong."""
    bewoner, onderwerp = (bewoner or "").strip(), (onderwerp or "").strip()
    notitie, vervolg = (notitie or "").strip(), (vervolg or "").strip()
    fouten: dict[str, list[str]] = {}
    if groep is not None and groep.wijk_id != wijk.pk:
        fouten.setdefault("groep", []).append(_("This group does not belong to the ward."))
    if groep is None and not bewoner:
        fouten.setdefault("groep", []).append(_("Choose a group or enter a resident's name."))
    if datum is None:
        fouten.setdefault("datum", []).append(_("Enter the date of the contact."))
    elif datum > timezone.localdate():
        fouten.setdefault("datum", []).append(_("The date cannot be in the future."))
    if vorm not in Contactvorm.values:
        fouten.setdefault("vorm", []).append(_("Choose a kind of contact."))
    # Someone who has since left the ward may stay on an existing entry; a new name must
    # be one of the ward's officials (or the person logging).
    if medewerker is None or not (
        medewerker.pk == door.pk
        or is_functionaris_van(medewerker, wijk)
        or (huidige_medewerker is not None and medewerker.pk == huidige_medewerker.pk)
    ):
        fouten.setdefault("medewerker", []).append(
            _("Choose one of the ward's officials or yourself.")
        )
    if not onderwerp:
        fouten.setdefault("onderwerp", []).append(_("Enter the subject."))
    if vervolg_voor is not None and not vervolg:
        fouten.setdefault("vervolg", []).append(
            _("Describe the follow-up, or leave its date empty.")
        )
    if fouten:
        raise ValidationError(fouten)
    return {
        "groep": groep,
        "bewoner": bewoner,
        "datum": datum,
        "vorm": vorm,
        "medewerker": medewerker,
        "onderwerp": onderwerp,
        "notitie": notitie,
        "vervolg": vervolg,
        "vervolg_voor": vervolg_voor if vervolg else None,
    }


@transaction.atomic
def contactmoment_vastleggen(
    *,
    door,
    wijk,
    groep=None,
    bewoner: str = "",
    datum,
    vorm: str,
    medewerker,
    onderwerp: str,
    notitie: str = "",
    vervolg: str = "",
    vervolg_voor=None,
    idempotentiesleutel=None,
) -> Contactmoment:
    """Log a contact with a group of the ward or a resident; the ward's officials only.
    With the form's ``idempotentiesleutel``, a second submission of the same form returns
    the contact moment the first one logged."""
    if not mag_contactmoment_vastleggen(door, wijk):
        raise PermissionDenied
    waarden = _gecontroleerd(
        door=door,
        wijk=wijk,
        groep=groep,
        bewoner=bewoner,
        datum=datum,
        vorm=vorm,
        medewerker=medewerker,
        onderwerp=onderwerp,
        notitie=notitie,
        vervolg=vervolg,
        vervolg_voor=vervolg_voor,
    )
    if idempotentiesleutel is None:
        return Contactmoment.objects.create(wijk=wijk, vastgelegd_door=door, **waarden)
    try:
        with transaction.atomic():
            return Contactmoment.objects.create(
                wijk=wijk, vastgelegd_door=door, idempotentiesleutel=idempotentiesleutel, **waarden
            )
    except IntegrityError:
        # The same form arrived twice at once: the other request logged it.
        return Contactmoment.objects.get(idempotentiesleutel=idempotentiesleutel)


@transaction.atomic
def contactmoment_wijzigen(
    *,
    door,
    contactmoment: Contactmoment,
    groep=None,
    bewoner: str = "",
    datum,
    vorm: str,
    medewerker,
    onderwerp: str,
    notitie: str = "",
    vervolg: str = "",
    vervolg_voor=None,
    gezien: str | None = None,
) -> Contactmoment:
    """Correct a logged contact moment; its ward stays the same. The ward's officials only.

    ``gezien`` is the ``vingerafdruk`` the edit form showed: when someone else changed the
    entry since, nothing is saved and ``Conflict`` names what changed. Clearing the
    follow-up also clears "done": a new follow-up starts open."""
    # Lock only the entry itself: PostgreSQL cannot lock the nullable side of a join.
    contactmoment = (
        Contactmoment.objects.select_for_update(of=("self",))
        .select_related("wijk", "medewerker")
        .get(pk=contactmoment.pk)
    )
    if not mag_contactmoment_vastleggen(door, contactmoment.wijk):
        raise PermissionDenied
    if gezien is not None and (gewijzigd := _gewijzigde_velden(contactmoment, gezien)):
        raise Conflict(contactmoment, gewijzigd)
    waarden = _gecontroleerd(
        door=door,
        wijk=contactmoment.wijk,
        groep=groep,
        bewoner=bewoner,
        datum=datum,
        vorm=vorm,
        medewerker=medewerker,
        onderwerp=onderwerp,
        notitie=notitie,
        vervolg=vervolg,
        vervolg_voor=vervolg_voor,
        huidige_medewerker=contactmoment.medewerker,
    )
    for veld, waarde in waarden.items():
        setattr(contactmoment, veld, waarde)
    if not contactmoment.vervolg:
        contactmoment.vervolg_gedaan = False
    contactmoment.save()
    return contactmoment


@transaction.atomic
def vervolg_afronden(*, door, contactmoment: Contactmoment, gedaan: bool = True) -> Contactmoment:
    """Mark a contact moment's follow-up done (or open again); the ward's officials only."""
    contactmoment = (
        Contactmoment.objects.select_for_update(of=("self",))
        .select_related("wijk")
        .get(pk=contactmoment.pk)
    )
    if not mag_contactmoment_vastleggen(door, contactmoment.wijk):
        raise PermissionDenied
    if not contactmoment.vervolg:
        raise ValidationError(_("This contact moment has no follow-up."))
    if contactmoment.vervolg_gedaan != gedaan:
        contactmoment.vervolg_gedaan = gedaan
        contactmoment.save(update_fields=["vervolg_gedaan"])
    return contactmoment

"""Retention: what the privacy statement promises to remove, and when.

Two writes, both run daily by ``manage.py bewaartermijnen``:

- ``onderwerpen_anonimiseren``: a closed item whose closing step is older than
  ``BEWAARTERMIJN_AFGESLOTEN_DAGEN`` loses everything that ties it to its submitter. The
  item itself stays, as the ward's history: its public texts, its timeline, the
  municipality's answers.
- ``onbevestigde_accounts_verwijderen``: a resident account never confirmed and never used
  is deleted after ``BEWAARTERMIJN_ONBEVESTIGD_DAGEN``, with its drafts.

Both work in batches of primary keys (a fixed number of queries per batch, bounded memory)
and are idempotent: a second run finds nothing more to do. They act for the system, not
for a person, so there is no permission to check; they are only called from the command.
"""

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, When
from django.utils import timezone

from contacten.models import Gebruiker
from contacten.rollen import Rol
from initiatieven import bijlagen as bijlagen_check
from initiatieven.keuzes import AFGESLOTEN, Status
from initiatieven.models import Bericht, Bijlage, Onderwerp, Statuswijziging

BATCH = 500


@dataclass
class Resultaat:
    """What a run did (or, in a dry run, would do)."""

    aantal: int = 0
    bijlagen: int = 0


def _sluitdatum():
    """The moment of an item's latest step into a closed state."""
    return Subquery(
        Statuswijziging.objects.filter(onderwerp=OuterRef("pk"), naar__in=AFGESLOTEN)
        .order_by("-tijdstip", "-pk")
        .values("tijdstip")[:1]
    )


def te_anonimiseren(*, nu: datetime.datetime | None = None):
    """Closed items not yet anonymised whose closing step is older than the retention period.

    An item closed without a recorded step (never through the workflow) is left alone: the
    portal does not know when it closed.
    """
    nu = nu or timezone.now()
    grens = nu - datetime.timedelta(days=settings.BEWAARTERMIJN_AFGESLOTEN_DAGEN)
    return (
        Onderwerp.objects.filter(status__in=AFGESLOTEN, geanonimiseerd_op__isnull=True)
        .alias(gesloten_op=_sluitdatum())
        .filter(gesloten_op__lt=grens)
    )


def _in_batches(queryset):
    """Lists of at most BATCH primary keys, in pk order, re-querying after each batch."""
    vorige = 0
    while True:
        pks = list(
            queryset.filter(pk__gt=vorige).order_by("pk").values_list("pk", flat=True)[:BATCH]
        )
        if not pks:
            return
        yield pks
        vorige = pks[-1]


def onderwerpen_anonimiseren(*, nu: datetime.datetime | None = None, dry_run: bool = False):
    """Remove the submitter's personal data from closed items past the retention period.

    Per item: no link to the submitter (``indiener``), shown as 'anonymous' (``toon_naam``);
    the submitter's own wording (``titel``, ``beschrijving``) replaced by the public version
    where the ward advisor screened it; the submitter no longer named as author of messages
    and steps (the texts stay, the step's role stays); attachments deleted unless the item
    is published (then they were public already; they keep a neutral file name). Marked
    with ``geanonimiseerd_op``.
    """
    nu = nu or timezone.now()
    resultaat = Resultaat()
    for pks in _in_batches(te_anonimiseren(nu=nu)):
        niet_openbare_bijlagen = Bijlage.objects.filter(
            onderwerp_id__in=pks, onderwerp__openbaar=False
        )
        if dry_run:
            resultaat.aantal += len(pks)
            resultaat.bijlagen += niet_openbare_bijlagen.count()
            continue
        with transaction.atomic():
            # Locked and filtered again: a second run at the same time skips these rows.
            pks = list(
                te_anonimiseren(nu=nu)
                .filter(pk__in=pks)
                .select_for_update()
                .values_list("pk", flat=True)
            )
            indiener = Onderwerp.objects.filter(pk=OuterRef("onderwerp_id")).values("indiener_id")[
                :1
            ]
            Bericht.objects.filter(onderwerp_id__in=pks, door_id__isnull=False).filter(
                door_id=Subquery(indiener)
            ).update(door=None)
            # The history is append-only for what was said and decided; who said it, when
            # that was the resident, is personal data the statement promises to remove.
            Statuswijziging.objects.filter(onderwerp_id__in=pks, door_id__isnull=False).filter(
                door_id=Subquery(indiener)
            ).update(door=None)
            bijlagen = Bijlage.objects.filter(
                pk__in=niet_openbare_bijlagen.filter(onderwerp_id__in=pks).values("pk")
            )
            namen = list(bijlagen.values_list("bestand", flat=True))
            bijlagen.delete()
            bijlagen_check.bestanden_verwijderen_na_commit(namen)
            resultaat.bijlagen += len(namen)
            # A published attachment stays, but its original file name may name the person.
            Bijlage.objects.filter(onderwerp_id__in=pks).update(
                oorspronkelijke_naam=bijlagen_check.publieke_naam_sql()
            )
            resultaat.aantal += Onderwerp.objects.filter(pk__in=pks).update(
                indiener=None,
                toon_naam=False,
                titel=Case(
                    When(~Q(publieke_titel=""), then=F("publieke_titel")), default=F("titel")
                ),
                beschrijving=Case(
                    When(~Q(publieke_beschrijving=""), then=F("publieke_beschrijving")),
                    default=F("beschrijving"),
                ),
                geanonimiseerd_op=nu,
                gewijzigd=nu,
                versie=F("versie") + 1,
            )
    return resultaat


def te_verwijderen_accounts(*, nu: datetime.datetime | None = None):
    """Resident accounts never confirmed, never signed in to, older than the period.

    Never staff, an administrator, a demo account or anyone with a submitted item: only
    drafts may go with the account.
    """
    nu = nu or timezone.now()
    grens = nu - datetime.timedelta(days=settings.BEWAARTERMIJN_ONBEVESTIGD_DAGEN)
    return Gebruiker.objects.filter(
        rol=Rol.BEWONER,
        is_staff=False,
        is_superuser=False,
        is_demo=False,
        last_login__isnull=True,
        date_joined__lt=grens,
    ).exclude(
        Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True))
        | Exists(Onderwerp.objects.filter(indiener=OuterRef("pk")).exclude(status=Status.CONCEPT))
    )


def onbevestigde_accounts_verwijderen(
    *, nu: datetime.datetime | None = None, dry_run: bool = False
):
    """Delete resident accounts never confirmed after the retention period, with their drafts."""
    nu = nu or timezone.now()
    resultaat = Resultaat()
    for pks in _in_batches(te_verwijderen_accounts(nu=nu)):
        if dry_run:
            resultaat.aantal += len(pks)
            resultaat.bijlagen += Bijlage.objects.filter(
                onderwerp__indiener_id__in=pks, onderwerp__status=Status.CONCEPT
            ).count()
            continue
        with transaction.atomic():
            pks = list(
                te_verwijderen_accounts(nu=nu)
                .filter(pk__in=pks)
                .select_for_update()
                .values_list("pk", flat=True)
            )
            # Drafts would otherwise stay behind without an owner (the link is SET_NULL).
            concepten = Onderwerp.objects.filter(indiener_id__in=pks, status=Status.CONCEPT)
            bijlagen = Bijlage.objects.filter(onderwerp__in=concepten)
            namen = list(bijlagen.values_list("bestand", flat=True))
            concepten.delete()
            bijlagen_check.bestanden_verwijderen_na_commit(namen)
            resultaat.bijlagen += len(namen)
            Gebruiker.objects.filter(pk__in=pks).delete()
            resultaat.aantal += len(pks)
    return resultaat

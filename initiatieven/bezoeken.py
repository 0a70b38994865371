"""Visits and the ward's items: which items to discuss, and what follows from a visit.

The visit itself is planned, held and cancelled by ``contacten.services_bezoek``; this
module adds what touches items: the topic suggestions for a ward (escalated ones first,
then promising ones, then those open longest), choosing the topics, and the follow-up
actions (``Actie`` with ``bezoek`` set, optionally about one of the visit's topics).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contacten import services_bezoek
from contacten.bezoeken import Bezoek, Bezoekstatus
from contacten.permissions import mag_bezoek_beheren
from initiatieven import bezoekonderwerpen
from initiatieven.keuzes import GEESCALEERD, OPEN, Status
from initiatieven.models import Actie, Onderwerp

#: Items escalated beyond the ward (the college will want to hear about these first), and
#: items that can still be discussed: open ones and those "not possible yet".
ACTUEEL = OPEN
#: How many of the longest-open items are suggested besides the escalated and promising.
AANTAL_LANGST_OPEN = 3
#: The topic list of a visit form is bounded: nobody ticks through more.
MAX_ONDERWERPEN = 100

#: Why an item is suggested, by rank (the annotation ``suggestie``); 9 = not suggested.
SUGGESTIE_REDENEN = {
    0: gettext_lazy("escalated"),
    1: gettext_lazy("promising"),
    2: gettext_lazy("open longest"),
}
NIET_VOORGESTELD = 9


def onderwerpen_voor_bezoek(wijk, *, ook=()):
    """The ward's current items to choose topics from, suggested ones first.

    Each row carries ``suggestie``: 0 escalated (with the alderman or on an agenda), 1
    promising, 2 among the ``AANTAL_LANGST_OPEN`` open longest, 9 the rest; within a rank
    the oldest first. ``ook``: pks of items chosen before that are no longer current, kept
    so that editing a visit does not silently drop them. Two queries."""
    actueel = Onderwerp.objects.filter(wijk=wijk, status__in=ACTUEEL)
    langst_open = list(
        actueel.exclude(status__in=GEESCALEERD)
        .filter(kansrijk=False)
        .order_by("ingediend_op", "pk")
        .values_list("pk", flat=True)[:AANTAL_LANGST_OPEN]
    )
    return (
        Onderwerp.objects.filter(models.Q(pk__in=actueel.values("pk")) | models.Q(pk__in=ook))
        .annotate(
            suggestie=Case(
                When(status__in=GEESCALEERD, then=Value(0)),
                When(kansrijk=True, then=Value(1)),
                When(pk__in=langst_open, then=Value(2)),
                default=Value(NIET_VOORGESTELD),
                output_field=IntegerField(),
            )
        )
        .select_related("thema")
        .met_voorstel_open()
        .order_by("suggestie", "ingediend_op", "pk")
    )


def _onderwerpen_van_wijk(bezoek: Bezoek, onderwerpen) -> list[Onderwerp]:
    onderwerpen = list(onderwerpen or [])
    if any(o.wijk_id != bezoek.wijk_id or o.status == Status.CONCEPT for o in onderwerpen):
        raise ValidationError({"onderwerpen": _("Choose items of the visited ward.")})
    return onderwerpen


@transaction.atomic
def bezoek_onderwerpen_kiezen(*, door, bezoek: Bezoek, onderwerpen) -> Bezoek:
    """Set the visit's topics: items of its own ward (never a draft)."""
    if not mag_bezoek_beheren(door, bezoek.wijk):
        raise PermissionDenied
    bezoek.onderwerpen.set(_onderwerpen_van_wijk(bezoek, onderwerpen))
    return bezoek


@transaction.atomic
def bezoek_plannen(*, door, onderwerpen=(), extra=None, **gegevens) -> Bezoek:
    """Plan a visit (``contacten.services_bezoek.bezoek_plannen``) with its topics, in
    one transaction: a refused topic leaves no visit behind. ``extra``: the values of
    the topic sources of higher apps (``initiatieven.bezoekonderwerpen``), by name."""
    bezoek = services_bezoek.bezoek_plannen(door=door, **gegevens)
    bezoek = bezoek_onderwerpen_kiezen(door=door, bezoek=bezoek, onderwerpen=onderwerpen)
    bezoekonderwerpen.opslaan(door=door, bezoek=bezoek, waarden=extra or {})
    return bezoek


@transaction.atomic
def bezoek_wijzigen(*, door, bezoek: Bezoek, onderwerpen=(), extra=None, **gegevens) -> Bezoek:
    """Change a visit (``contacten.services_bezoek.bezoek_wijzigen``) and its topics
    (``extra`` as in ``bezoek_plannen``)."""
    bezoek = services_bezoek.bezoek_wijzigen(door=door, bezoek=bezoek, **gegevens)
    bezoek = bezoek_onderwerpen_kiezen(door=door, bezoek=bezoek, onderwerpen=onderwerpen)
    bezoekonderwerpen.opslaan(door=door, bezoek=bezoek, waarden=extra or {})
    return bezoek


@transaction.atomic
def bezoek_actie_toevoegen(
    *, door, bezoek: Bezoek, omschrijving: str, eigenaar: str, deadline=None, onderwerp=None
) -> Actie:
    """A follow-up action of a visit, optionally about one of the visit's topics."""
    bezoek = Bezoek.objects.select_related("wijk").get(pk=bezoek.pk)
    if not mag_bezoek_beheren(door, bezoek.wijk):
        raise PermissionDenied
    if bezoek.status == Bezoekstatus.GEANNULEERD:
        raise ValidationError(_("A cancelled visit has no follow-up actions."))
    omschrijving, eigenaar = (omschrijving or "").strip(), (eigenaar or "").strip()
    fouten = {}
    if not omschrijving:
        fouten["omschrijving"] = _("Describe the action.")
    if not eigenaar:
        fouten["eigenaar"] = _("Say who carries it out.")
    if onderwerp is not None and not bezoek.onderwerpen.filter(pk=onderwerp.pk).exists():
        fouten["onderwerp"] = _("Choose one of the visit's topics.")
    if fouten:
        raise ValidationError(fouten)
    return Actie.objects.create(
        bezoek=bezoek,
        onderwerp=onderwerp,
        omschrijving=omschrijving,
        eigenaar=eigenaar,
        deadline=deadline,
        aangemaakt_door=door,
    )


@transaction.atomic
def bezoek_actie_afvinken(*, door, actie: Actie, gedaan: bool) -> Actie:
    """Mark a visit's follow-up action done, or open again."""
    actie = (
        Actie.objects.select_for_update(of=("self",))
        .select_related("bezoek__wijk")
        .get(pk=actie.pk)
    )
    if actie.bezoek is None or not mag_bezoek_beheren(door, actie.bezoek.wijk):
        raise PermissionDenied
    actie.gedaan = gedaan
    actie.gedaan_op = timezone.now() if gedaan else None
    actie.save(update_fields=["gedaan", "gedaan_op"])
    return actie

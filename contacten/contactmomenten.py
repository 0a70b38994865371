"""The contact log: who from the municipality spoke with which group or resident, when,
about what, and what follows.

Visible to the ward's officials only (``wijken.permissions.is_functionaris_van``): notes
about residents are working notes, not public records.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijken import datums


class Contactvorm(models.TextChoices):
    GESPREK = "gesprek", _("Conversation")
    TELEFOON = "telefoon", _("Telephone")
    EMAIL = "email", _("Email")
    BIJEENKOMST = "bijeenkomst", _("Meeting")
    SCHOUW = "schouw", _("Walk through the ward")


#: The longest search term used; a longer one is cut, not refused.
ZOEK_MAX = 200

#: Role → the FK on Wijk that designates it; the same rule as
#: ``wijken.permissions.is_functionaris_van``, as a query.
_AANWIJZINGEN = {
    "wijkadviseur": "wijkadviseur",
    "opbouwwerker": "opbouwwerker",
    "wijkwethouder": "wijkwethouder",
}


def wijken_van_functionaris(user):
    """The wards this person is a designated official of (advisor, community worker or
    alderman, while they still have that role), by name. Nobody else has any."""
    from wijken.models import Wijk

    veld = _AANWIJZINGEN.get(getattr(user, "rol", None))
    if veld is None or not (user.is_authenticated and user.is_active):
        return Wijk.objects.none()
    return Wijk.objects.filter(**{veld: user}).order_by("naam")


class ContactmomentQuerySet(models.QuerySet):
    def van_wijken(self, wijk_ids):
        """Contact moments of these wards (ids)."""
        return self.filter(wijk_id__in=wijk_ids)

    def zoeken(self, term: str):
        """Contact moments whose subject or note contains every word of ``term``."""
        qs = self
        for woord in " ".join((term or "").split())[:ZOEK_MAX].split():
            qs = qs.filter(Q(onderwerp__icontains=woord) | Q(notitie__icontains=woord))
        return qs

    def met_lijstgegevens(self):
        """What a row of the log shows, in the same query."""
        return self.select_related("wijk", "groep", "medewerker")

    def recent(self):
        """Newest first."""
        return self.order_by("-datum", "-pk")

    def vervolg_open(self):
        """Contact moments with a follow-up that is not done yet."""
        return self.exclude(vervolg="").filter(vervolg_gedaan=False)


class Contactmoment(models.Model):
    """One logged contact between the municipality and a ward group or resident."""

    datum = models.DateField(_("date"), default=timezone.localdate)
    wijk = models.ForeignKey(
        "wijken.Wijk",
        verbose_name=_("ward"),
        on_delete=models.PROTECT,
        related_name="contactmomenten",
    )
    # PROTECT: the log is the record of who was spoken with; a group with logged contact
    # moments is not deleted out from under it (and SET_NULL would break "group or resident").
    groep = models.ForeignKey(
        "wijken.Bewonersgroep",
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contactmomenten",
    )
    bewoner = models.CharField(
        _("resident"),
        max_length=150,
        blank=True,
        help_text=_("When the contact was with a resident rather than a group: a name."),
    )
    vorm = models.CharField(
        _("kind of contact"),
        max_length=20,
        choices=Contactvorm.choices,
        default=Contactvorm.GESPREK,
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from the municipality"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="contactmomenten",
    )
    onderwerp = models.CharField(_("subject"), max_length=200)
    notitie = models.TextField(_("note"), max_length=10000, blank=True)
    vervolg = models.TextField(_("follow-up"), max_length=2000, blank=True)
    vervolg_voor = models.DateField(_("follow-up by"), null=True, blank=True)
    vervolg_gedaan = models.BooleanField(_("follow-up done"), default=False)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    # One per form, as on Onderwerp: a double click or a resent form logs nothing twice.
    idempotentiesleutel = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ContactmomentQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        ordering = ["-datum", "-pk"]
        indexes = [
            models.Index(fields=["wijk", "-datum"], name="contactmoment_wijk_idx"),
            models.Index(fields=["groep", "-datum"], name="contactmoment_groep_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(vorm__in=Contactvorm.values), name="contactmoment_vorm"
            ),
            # With whom: a group or a resident, at least one.
            models.CheckConstraint(
                condition=Q(groep__isnull=False) | ~Q(bewoner=""),
                name="contactmoment_met_wie",
            ),
        ]

    def __str__(self):
        return f"{datums.datum(self.datum)} {self.onderwerp}"

    @property
    def met_wie(self) -> str:
        if self.groep_id and self.bewoner:
            return f"{self.groep}, {self.bewoner}"
        return str(self.groep) if self.groep_id else self.bewoner

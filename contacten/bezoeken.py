"""College terms and visits to the wards.

Once per four-year term (Collegeperiode) the whole college spends a half day (dagdeel)
in every ward; an alderman also pays work visits (werkbezoek). A visit has topics chosen
from the ward's current items (``initiatieven.Onderwerp``, a string many-to-many like the
agenda's: this app never imports ``initiatieven``), participants, a status and, after the
visit, a report that becomes public once published. Follow-up actions are
``initiatieven.Actie`` rows pointing here.

The once-per-term rule is a database constraint: at most one college dagdeel per ward and
term that is not cancelled. The services in ``contacten.services_bezoek`` check it first so
that a person gets a clear message rather than an IntegrityError.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contacten.permissions import is_college_of_griffie
from wijken import datums


class CollegeperiodeQuerySet(models.QuerySet):
    def op_datum(self, datum: datetime.date | None = None):
        """The term that includes this date (today by default), or None."""
        datum = datum or timezone.localdate()
        return self.filter(begin__lte=datum, einde__gte=datum).order_by("-begin").first()


class Collegeperiode(models.Model):
    """A four-year college term, e.g. 2026–2030 (begin and end dates inclusive)."""

    naam = models.CharField(_("name"), max_length=40, unique=True, help_text=_("E.g. 2026–2030."))
    begin = models.DateField(_("start"))
    einde = models.DateField(_("end"))

    objects = CollegeperiodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("college term")
        verbose_name_plural = _("college terms")
        ordering = ["-begin"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gt=models.F("begin")), name="collegeperiode_einde_na_begin"
            ),
        ]

    def __str__(self):
        return self.naam

    def clean(self):
        if self.begin and self.einde:
            overlap = Collegeperiode.objects.filter(
                begin__lte=self.einde, einde__gte=self.begin
            ).exclude(pk=self.pk)
            if overlap.exists():
                raise ValidationError(_("College terms may not overlap."))


class Bezoeksoort(models.TextChoices):
    COLLEGE_DAGDEEL = "college_dagdeel", _("College half-day visit")
    WERKBEZOEK = "werkbezoek", _("Work visit")


class Dagdeel(models.TextChoices):
    OCHTEND = "ochtend", _("Morning")
    MIDDAG = "middag", _("Afternoon")
    AVOND = "avond", _("Evening")


#: Local start and end time of each part of the day, for the calendar feed.
DAGDEEL_TIJDEN = {
    Dagdeel.OCHTEND: (datetime.time(9, 0), datetime.time(12, 30)),
    Dagdeel.MIDDAG: (datetime.time(13, 30), datetime.time(17, 0)),
    Dagdeel.AVOND: (datetime.time(19, 0), datetime.time(22, 0)),
}


class Bezoekstatus(models.TextChoices):
    GEPLAND = "gepland", _("Planned")
    # A visit is "gehouden" in Dutch; a meeting that has taken place is "afgelopen".
    GEHOUDEN = "gehouden", pgettext_lazy("visit", "Held")
    GEANNULEERD = "geannuleerd", _("Cancelled")


class BezoekQuerySet(models.QuerySet):
    def openbaar(self):
        """Visits the public may see: planned or held (a cancelled one only on its page)."""
        return self.filter(openbaar=True).exclude(status=Bezoekstatus.GEANNULEERD)

    def zichtbaar_voor(self, user):
        """The visits this person may see in lists: public ones (cancelled ones left out),
        and the non-public ones of wards whose visits they manage or are an official of."""
        if is_college_of_griffie(user):
            return self.niet_geannuleerd()
        zichtbaar = Q(openbaar=True)
        # The ward's officials, each only while they have the role they were designated in.
        rol = getattr(user, "rol", "") if user is not None and user.is_active else ""
        if rol in ("wijkadviseur", "opbouwwerker", "wijkwethouder"):
            zichtbaar |= Q(**{f"wijk__{rol}": user})
        return self.filter(zichtbaar).niet_geannuleerd()

    def college_dagdelen(self):
        """The college's half-day visits (one per ward and term unless cancelled)."""
        return self.filter(soort=Bezoeksoort.COLLEGE_DAGDEEL)

    def niet_geannuleerd(self):
        """Planned and held visits."""
        return self.exclude(status=Bezoekstatus.GEANNULEERD)

    def gepland(self):
        """Planned visits from today on, soonest first."""
        return self.filter(status=Bezoekstatus.GEPLAND, datum__gte=timezone.localdate()).order_by(
            "datum", "dagdeel", "pk"
        )

    def recent(self):
        """Held visits, most recent first."""
        return self.filter(status=Bezoekstatus.GEHOUDEN).order_by("-datum", "-pk")


class Bezoek(models.Model):
    """A visit to a ward: the term's college dagdeel or a work visit."""

    soort = models.CharField(_("kind"), max_length=20, choices=Bezoeksoort.choices)
    wijk = models.ForeignKey(
        "wijken.Wijk", verbose_name=_("ward"), on_delete=models.PROTECT, related_name="bezoeken"
    )
    # Set from the date by the service; kept so the once-per-term rule is a constraint.
    periode = models.ForeignKey(
        Collegeperiode,
        verbose_name=_("college term"),
        on_delete=models.PROTECT,
        related_name="bezoeken",
    )
    datum = models.DateField(_("date"))
    dagdeel = models.CharField(_("part of the day"), max_length=10, choices=Dagdeel.choices)
    locatie = models.CharField(_("location"), max_length=200, blank=True)
    programma = models.TextField(
        _("programme"),
        max_length=5000,
        blank=True,
        help_text=_("Public: who is visited, where, and what is discussed."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Bezoekstatus.choices, default=Bezoekstatus.GEPLAND
    )
    openbaar = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Shown on the ward page and in the calendar feed."),
    )
    deelnemers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participants from the college"),
        blank=True,
        related_name="bezoeken",
    )
    raad_uitgenodigd = models.BooleanField(_("council members invited"), default=False)
    onderwerpen = models.ManyToManyField(
        "initiatieven.Onderwerp", verbose_name=_("topics"), blank=True, related_name="bezoeken"
    )
    verslag = models.TextField(_("report"), max_length=20000, blank=True)
    verslag_gepubliceerd_op = models.DateTimeField(_("report published at"), null=True, blank=True)
    annuleringsreden = models.TextField(_("reason for cancelling"), max_length=2000, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    gewijzigd = models.DateTimeField(_("changed"), auto_now=True)

    objects = BezoekQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-datum", "dagdeel", "pk"]
        indexes = [
            models.Index(fields=["wijk", "datum"], name="bezoek_wijk_datum_idx"),
            models.Index(fields=["status", "datum"], name="bezoek_status_datum_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(soort__in=Bezoeksoort.values), name="bezoek_soort"),
            models.CheckConstraint(condition=Q(dagdeel__in=Dagdeel.values), name="bezoek_dagdeel"),
            models.CheckConstraint(
                condition=Q(status__in=Bezoekstatus.values), name="bezoek_status"
            ),
            models.CheckConstraint(
                condition=~Q(status=Bezoekstatus.GEANNULEERD) | ~Q(annuleringsreden=""),
                name="bezoek_geannuleerd_met_reden",
            ),
            models.CheckConstraint(
                condition=Q(verslag_gepubliceerd_op__isnull=True) | ~Q(verslag=""),
                name="bezoek_gepubliceerd_verslag",
            ),
            # Once per term the college visits each ward; a cancelled one may be replaced.
            models.UniqueConstraint(
                fields=["wijk", "periode"],
                condition=Q(soort=Bezoeksoort.COLLEGE_DAGDEEL)
                & ~Q(status=Bezoekstatus.GEANNULEERD),
                name="bezoek_een_college_dagdeel_per_periode",
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.wijk}, {datums.datum(self.datum)}"

    def get_absolute_url(self):
        return reverse("bezoeken:bezoek", kwargs={"pk": self.pk})

    @property
    def is_college_dagdeel(self) -> bool:
        return self.soort == Bezoeksoort.COLLEGE_DAGDEEL

    @property
    def verslag_openbaar(self) -> bool:
        return self.verslag_gepubliceerd_op is not None

    @property
    def tijden(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Start and end as aware datetimes in the portal's time zone."""
        begin, einde = DAGDEEL_TIJDEN[self.dagdeel]
        tz = timezone.get_current_timezone()
        return (
            datetime.datetime.combine(self.datum, begin, tzinfo=tz),
            datetime.datetime.combine(self.datum, einde, tzinfo=tz),
        )

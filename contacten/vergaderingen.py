"""Meetings of the college (B&W) and the council, their agendas and decisions.

Terms after the VNG Open Raadsinformatie model: Vergadering, Agendapunt, Besluit (with
resultaat, toelichting) and Toezegging. An Agendapunt carries ward items
(``initiatieven.Onderwerp``) through a string many-to-many: the one place this app
refers upward, and only by name; ``contacten`` never imports ``initiatieven``.

A proposal of a ward alderman is an Agendapunt with status ``voorgesteld``: the griffie
accepts it onto the agenda (``geagendeerd``), moves it to a later meeting, or returns it
with a reason (``teruggegeven``). The public sees only ``geagendeerd`` items of published
meetings. Moving items through the workflow happens in ``initiatieven.agenda``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijken import datums


class Orgaan(models.TextChoices):
    COLLEGE = "college", _("College of mayor and aldermen")
    GEMEENTERAAD = "gemeenteraad", _("Municipal council")
    RAADSCOMMISSIE = "raadscommissie", _("Council committee")


class VergaderStatus(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    GEPUBLICEERD = "gepubliceerd", _("Published")
    AFGELOPEN = "afgelopen", _("Held")


class AgendapuntStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Proposed")
    GEAGENDEERD = "geagendeerd", _("On the agenda")
    TERUGGEGEVEN = "teruggegeven", _("Returned")


class Resultaat(models.TextChoices):
    AANGENOMEN = "aangenomen", _("Adopted")
    AFGEWEZEN = "afgewezen", _("Rejected")
    AANGEHOUDEN = "aangehouden", _("Deferred")
    DOORVERWEZEN_RAAD = "doorverwezen_raad", _("Referred to the council")
    TERUG_NAAR_WIJK = "terug_naar_wijk", _("Back to the ward")


class ToezeggingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    NAGEKOMEN = "nagekomen", _("Kept")
    NIET_NAGEKOMEN = "niet_nagekomen", _("Not kept")


class VergaderingQuerySet(models.QuerySet):
    def gepubliceerd(self):
        """Meetings the public may see: published or held (never a draft)."""
        return self.exclude(status=VergaderStatus.CONCEPT)

    def komend(self, orgaan: str | None = None):
        """Meetings that have not been held yet, soonest first."""
        qs = self.filter(begin__gte=timezone.now()).exclude(status=VergaderStatus.AFGELOPEN)
        if orgaan:
            qs = qs.filter(orgaan=orgaan)
        return qs.order_by("begin")

    def geweest(self):
        """Meetings that have begun or that the griffie marked held, latest first."""
        return self.filter(
            Q(begin__lt=timezone.now()) | Q(status=VergaderStatus.AFGELOPEN)
        ).order_by("-begin")

    def met_agenda(self, *, publiek: bool = True):
        """Each meeting's agenda items (public: only accepted ones), their decision,
        commitments and items, in a fixed number of queries."""
        from django.apps import apps

        onderwerp = apps.get_model("initiatieven", "Onderwerp")
        punten = Agendapunt.objects.select_related("besluit").order_by("volgorde", "pk")
        if publiek:
            punten = punten.filter(status=AgendapuntStatus.GEAGENDEERD)
        return self.prefetch_related(
            Prefetch("agendapunten", queryset=punten),
            Prefetch("agendapunten__besluit__toezeggingen"),
            Prefetch(
                "agendapunten__onderwerpen",
                queryset=onderwerp.objects.filter(openbaar=True).select_related("wijk"),
                to_attr="openbare_onderwerpen",
            ),
        )


class Vergadering(models.Model):
    """A meeting of the college, the council or a council committee."""

    orgaan = models.CharField(_("body"), max_length=20, choices=Orgaan.choices)
    begin = models.DateTimeField(_("date and time"))
    locatie = models.CharField(_("location"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=VergaderStatus.choices, default=VergaderStatus.CONCEPT
    )
    aangemaakt = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = VergaderingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-begin"]
        indexes = [models.Index(fields=["status", "begin"], name="vergadering_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(orgaan__in=Orgaan.values), name="vergadering_orgaan"
            ),
            models.CheckConstraint(
                condition=Q(status__in=VergaderStatus.values), name="vergadering_status"
            ),
        ]

    def __str__(self):
        return f"{self.get_orgaan_display()}, {datums.moment(self.begin)}"

    def get_absolute_url(self):
        return reverse("contacten:vergadering", kwargs={"pk": self.pk})

    @property
    def is_openbaar(self) -> bool:
        return self.status != VergaderStatus.CONCEPT


class AgendapuntQuerySet(models.QuerySet):
    def openbaar(self):
        """Accepted agenda items of published meetings: what the public may see."""
        return self.filter(status=AgendapuntStatus.GEAGENDEERD).exclude(
            vergadering__status=VergaderStatus.CONCEPT
        )

    def van_onderwerp(self, onderwerp_id: int):
        """The public agenda items that carry this item, with meeting and decision, in
        meeting order: for the item page ("on the agenda of … / decision …")."""
        return (
            self.openbaar()
            .filter(onderwerpen=onderwerp_id)
            .select_related("vergadering", "besluit")
            .prefetch_related("besluit__toezeggingen")
            .order_by("vergadering__begin", "volgorde")
        )

    def voorstellen(self):
        """Open proposals of aldermen, for the griffie, soonest meeting first."""
        return (
            self.filter(status=AgendapuntStatus.VOORGESTELD)
            .select_related("vergadering", "voorgesteld_door")
            .prefetch_related("onderwerpen__wijk")
            .order_by("vergadering__begin", "pk")
        )

    def van_wethouder(self, user):
        """The proposals this alderman made, with their outcome, newest first."""
        from django.apps import apps

        onderwerp = apps.get_model("initiatieven", "Onderwerp")
        return (
            self.filter(voorgesteld_door=user)
            .select_related("vergadering", "besluit")
            .prefetch_related(
                # Each item's status badge says whether it is only proposed (no query each).
                Prefetch("onderwerpen", queryset=onderwerp.objects.met_voorstel_open())
            )
            .order_by("-aangemaakt", "-pk")
        )

    def _wachten_op_besluit(self):
        return self.filter(status=AgendapuntStatus.GEAGENDEERD, besluit__isnull=True)

    def zonder_besluit(self):
        """Accepted agenda items of held or past meetings that still need a decision. A
        meeting the griffie marked held counts from that moment, also when its planned
        start lies ahead (it met earlier, or the time was entered wrongly)."""
        return (
            self._wachten_op_besluit()
            .filter(
                Q(vergadering__begin__lte=timezone.now())
                | Q(vergadering__status=VergaderStatus.AFGELOPEN)
            )
            .select_related("vergadering", "voorgesteld_door")
            .prefetch_related("onderwerpen__wijk")
            .order_by("vergadering__begin", "volgorde")
        )

    def volgend_besluitmoment(self):
        """When the next accepted agenda item without a decision becomes one to record
        (its meeting begins), or None: the moment ``zonder_besluit`` grows without a
        write."""
        return (
            self._wachten_op_besluit()
            .filter(vergadering__begin__gt=timezone.now())
            .exclude(vergadering__status=VergaderStatus.AFGELOPEN)
            .aggregate(moment=models.Min("vergadering__begin"))["moment"]
        )


class Agendapunt(models.Model):
    """An item on a meeting's agenda; may bundle several ward items on one theme."""

    vergadering = models.ForeignKey(
        Vergadering,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="agendapunten",
    )
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)
    titel = models.CharField(_("title"), max_length=200)
    toelichting = models.TextField(_("public explanation"), max_length=5000)
    hamerstuk = models.BooleanField(
        _("formality"), default=False, help_text=_("Adopted without discussion (hamerstuk).")
    )
    onderwerpen = models.ManyToManyField(
        "initiatieven.Onderwerp",
        verbose_name=_("items"),
        blank=True,
        related_name="agendapunten",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AgendapuntStatus.choices,
        default=AgendapuntStatus.GEAGENDEERD,
    )
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    teruggave_reden = models.TextField(_("reason for returning"), blank=True)
    # The college decision this council item came from (doorverwezen naar de raad).
    herkomst = models.ForeignKey(
        "self",
        verbose_name=_("referred from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vervolg",
    )
    aangemaakt = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = AgendapuntQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["vergadering", "volgorde", "pk"]
        indexes = [
            # Every list of items asks which are still only proposed to the college
            # (``met_voorstel_open``): a few rows among thousands, without a scan of all.
            models.Index(
                fields=["status"],
                condition=Q(status=AgendapuntStatus.VOORGESTELD),
                name="agendapunt_voorgesteld_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AgendapuntStatus.values), name="agendapunt_status"
            ),
            models.CheckConstraint(
                condition=~Q(status=AgendapuntStatus.TERUGGEGEVEN) | ~Q(teruggave_reden=""),
                name="agendapunt_teruggegeven_met_reden",
            ),
        ]

    def __str__(self):
        return self.titel

    @property
    def is_openbaar(self) -> bool:
        """What ``AgendapuntQuerySet.openbaar`` selects, for one loaded agenda item (with
        its meeting): accepted onto a published meeting."""
        return self.status == AgendapuntStatus.GEAGENDEERD and self.vergadering.is_openbaar


class Besluit(models.Model):
    """The decision on an agenda item: its result and the public explanation."""

    agendapunt = models.OneToOneField(Agendapunt, on_delete=models.PROTECT, related_name="besluit")
    resultaat = models.CharField(_("result"), max_length=20, choices=Resultaat.choices)
    toelichting = models.TextField(_("explanation"), max_length=5000)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(resultaat__in=Resultaat.values), name="besluit_resultaat"
            ),
            models.CheckConstraint(condition=~Q(toelichting=""), name="besluit_met_toelichting"),
        ]

    def __str__(self):
        return f"{self.agendapunt}: {self.get_resultaat_display()}"


class ToezeggingQuerySet(models.QuerySet):
    def openbaar(self):
        """Commitments of decisions on published meetings, per ward, soonest due first."""
        return (
            self.exclude(besluit__agendapunt__vergadering__status=VergaderStatus.CONCEPT)
            .select_related("wijk", "besluit__agendapunt__vergadering")
            .order_by("wijk__naam", "datum", "pk")
        )


class Toezegging(models.Model):
    """A commitment made with a decision: what, who is responsible, by when, kept or not."""

    besluit = models.ForeignKey(Besluit, on_delete=models.CASCADE, related_name="toezeggingen")
    wijk = models.ForeignKey(
        "wijken.Wijk", verbose_name=_("ward"), on_delete=models.PROTECT, related_name="toezeggingen"
    )
    omschrijving = models.CharField(_("commitment"), max_length=500)
    verantwoordelijke = models.CharField(_("responsible"), max_length=150)
    datum = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ToezeggingStatus.choices, default=ToezeggingStatus.OPEN
    )

    objects = ToezeggingQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["datum", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ToezeggingStatus.values), name="toezegging_status"
            ),
        ]

    def __str__(self):
        return self.omschrijving

"""Items raised from the wards (Onderwerp: initiatief or knelpunt) and their history.

One model, one workflow (``initiatieven.workflow``). Every step is an append-only
Statuswijziging written in the same transaction as the status change
(``initiatieven.services``). What the public may see is an explicit list of fields
(``PUBLIEKE_VELDEN``): never the submitter's name unless they chose to appear by name,
never their email or any contact detail.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from contacten.models import AgendapuntStatus
from initiatieven import bijlagen
from initiatieven.keuzes import AFGESLOTEN, OPEN, Openbaarheid, RolGemeente, Soort, Status
from initiatieven.querysets import ActieQuerySet, OnderwerpQuerySet, StatuswijzigingQuerySet


class ThemaQuerySet(models.QuerySet):
    def actief(self):
        """Themes a resident can choose, in the administrator's order."""
        return self.filter(actief=True).order_by("volgorde", "naam")


class Thema(models.Model):
    """A theme an item belongs to, kept by the functional administrator."""

    naam = models.CharField(_("name"), max_length=60, unique=True)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)
    actief = models.BooleanField(_("active"), default=True)

    objects = ThemaQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


class Onderwerp(models.Model):
    """One item raised from a ward: an initiative or a bottleneck."""

    soort = models.CharField(_("kind"), max_length=12, choices=Soort.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )

    # What the submitter wrote, kept as written. The public sees the screened version.
    titel = models.CharField(_("title"), max_length=150)
    beschrijving = models.TextField(_("description"), max_length=10000)
    publieke_titel = models.CharField(_("public title"), max_length=150, blank=True)
    publieke_beschrijving = models.TextField(_("public description"), max_length=10000, blank=True)
    # The location as the public sees it: set at screening (prefilled with what the
    # submitter typed under ``locatie``), so the advisor can take out a home address.
    # Items screened before it existed show none: their submitters were never told.
    publieke_locatie = models.CharField(_("public location"), max_length=200, blank=True)

    thema = models.ForeignKey(
        Thema, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="onderwerpen"
    )
    wijk = models.ForeignKey(
        "wijken.Wijk", verbose_name=_("ward"), on_delete=models.PROTECT, related_name="onderwerpen"
    )
    buurt = models.ForeignKey(
        "wijken.Buurt",
        verbose_name=_("neighbourhood"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="onderwerpen",
    )
    locatie = models.CharField(_("location"), max_length=200, blank=True)
    groep = models.ForeignKey(
        "wijken.Bewonersgroep",
        verbose_name=_("on behalf of group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="onderwerpen",
    )

    # Null once the submitter deleted their account: the ward keeps the item, anonymous.
    indiener = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="onderwerpen",
    )
    toon_naam = models.BooleanField(
        _("show my name"),
        default=False,
        help_text=_("Otherwise you appear as 'anonymous' on public pages."),
    )
    wil_niet_openbaar = models.BooleanField(
        _("keep non-public"),
        default=False,
        help_text=_("Ask the ward advisor not to publish this item."),
    )

    # Screening: published or not, and why not.
    openbaar = models.BooleanField(_("published"), default=False)
    # When it was first published: followers of the ward hear of it from then on.
    gepubliceerd_op = models.DateTimeField(_("published at"), null=True, blank=True)
    niet_openbaar_reden = models.TextField(_("reason it is not published"), blank=True)

    rol_gemeente = models.CharField(
        _("role of the municipality"), max_length=30, choices=RolGemeente.choices, blank=True
    )
    rol_toelichting = models.TextField(
        _("explanation of the role"),
        blank=True,
        help_text=_("For 'not a matter for the municipality': whose matter it is."),
    )
    kansrijk = models.BooleanField(_("promising"), default=False)
    advies_wethouder = models.TextField(_("advice to the alderman"), blank=True)
    herbezien_op = models.DateField(_("revisit on"), null=True, blank=True)
    herbezien_voorwaarde = models.CharField(_("revisit when"), max_length=300, blank=True)
    resultaat = models.TextField(_("result"), blank=True)

    ingediend_op = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The step into afgerond or niet_mogelijk (both final), kept on the item by the one
    # transition function: the dashboard's trend counts settled items per month from the
    # ward's own rows instead of a year of every ward's status changes (170 ms → 1 ms).
    afgehandeld_op = models.DateTimeField(_("settled at"), null=True, blank=True)
    eerste_reactie_voor = models.DateField(_("first response due"), null=True, blank=True)
    eerste_reactie_op = models.DateTimeField(_("first response at"), null=True, blank=True)
    aangemaakt = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    gewijzigd = models.DateTimeField(_("changed"), auto_now=True)
    # Raised by every write; a form carries the version it showed, so a second person
    # acting on an old page gets a conflict instead of overwriting the first.
    versie = models.PositiveIntegerField(_("version"), default=1)
    # One per submission form: a double click or a replayed POST creates nothing twice.
    idempotentiesleutel = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    # Set by the retention command once the submitter's personal data was removed, so an
    # item is processed once (see initiatieven.bewaartermijnen).
    geanonimiseerd_op = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = OnderwerpQuerySet.as_manager()

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["-ingediend_op", "-aangemaakt"]
        indexes = [
            models.Index(fields=["wijk", "status"], name="onderwerp_wijk_status_idx"),
            models.Index(fields=["status", "eerste_reactie_voor"], name="onderwerp_reactie_idx"),
            models.Index(fields=["openbaar", "-ingediend_op"], name="onderwerp_openbaar_idx"),
            models.Index(fields=["indiener", "-aangemaakt"], name="onderwerp_indiener_idx"),
            # The dashboards' and the college overview's figures count open items only (and
            # this month's): a small part of ten years of items.
            models.Index(
                fields=["wijk", "status"],
                name="onderwerp_open_idx",
                condition=Q(status__in=sorted(OPEN)),
            ),
            # Every column the figures test, so that counting the open items per ward (the
            # college overview) reads this index alone and never the table.
            models.Index(
                fields=[
                    "wijk",
                    "status",
                    "eerste_reactie_voor",
                    "eerste_reactie_op",
                    "herbezien_op",
                    "soort",
                    "kansrijk",
                ],
                name="onderwerp_open_cijfers_idx",
                condition=Q(status__in=sorted(OPEN)),
            ),
            # The work queue of an advisor's wards: its filters, its counts per status and
            # its order by urgency read this index alone (see voor_werkvoorraad and the
            # work queue view, which pages over the keys and then reads 20 rows).
            models.Index(
                fields=[
                    "wijk",
                    "status",
                    "eerste_reactie_voor",
                    "eerste_reactie_op",
                    "ingediend_op",
                    "herbezien_op",
                    "soort",
                    "thema",
                    "kansrijk",
                    "id",
                ],
                name="onderwerp_werkvoorraad_idx",
            ),
            # Submitted items only (drafts have no date): "submitted since …" counts and the
            # trend use it, and it cannot serve the public list's "newest first", which
            # the planner otherwise took it for, reading past the newest unpublished items
            # (11–47 ms) where the public index below finds the first page in 0.1 ms.
            models.Index(
                fields=["ingediend_op"],
                name="onderwerp_ingediend_idx",
                condition=Q(ingediend_op__isnull=False),
            ),
            # The trend's settled items of one ward per month.
            models.Index(
                fields=["wijk", "afgehandeld_op"],
                name="onderwerp_afgehandeld_idx",
                condition=Q(afgehandeld_op__isnull=False),
            ),
            # The public list in its order, published rows only: the first page reads 20
            # entries and the (capped) count reads this index alone, not the table.
            models.Index(
                fields=["-ingediend_op", "-aangemaakt"],
                name="onderwerp_publiek_idx",
                condition=Q(openbaar=True) & ~Q(status="concept"),
            ),
            # The same per ward: the ward page's latest public items (and the public list
            # filtered by ward) read a few entries instead of walking every ward's items.
            models.Index(
                fields=["wijk", "-ingediend_op", "-aangemaakt"],
                name="onderwerp_publiek_wijk_idx",
                condition=Q(openbaar=True) & ~Q(status="concept"),
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(soort__in=Soort.values), name="onderwerp_soort"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="onderwerp_status"),
            models.CheckConstraint(
                condition=Q(rol_gemeente="") | Q(rol_gemeente__in=RolGemeente.values),
                name="onderwerp_rol_gemeente",
            ),
            # A concept is never public; the reasoned answers the portal promises are there.
            models.CheckConstraint(
                condition=~Q(status=Status.CONCEPT) | Q(openbaar=False),
                name="onderwerp_concept_niet_openbaar",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.AFGEROND) | ~Q(resultaat=""),
                name="onderwerp_afgerond_met_resultaat",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.NOG_NIET_MOGELIJK)
                | Q(herbezien_op__isnull=False)
                | ~Q(herbezien_voorwaarde=""),
                name="onderwerp_nog_niet_met_herbezien",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.CONCEPT) | Q(ingediend_op__isnull=False),
                name="onderwerp_ingediend_met_datum",
            ),
        ]

    def __str__(self):
        return self.toon_titel

    def get_absolute_url(self):
        return reverse("initiatieven:onderwerp", kwargs={"pk": self.pk})

    @cached_property
    def voorstel_open(self) -> bool:
        """On its way to the college, but only as a proposal the griffie may still return.
        Lists annotate it (``OnderwerpQuerySet.met_lijstgegevens``); otherwise one query."""
        if self.status != Status.GEAGENDEERD_COLLEGE:
            return False
        return self.agendapunten.filter(status=AgendapuntStatus.VOORGESTELD).exists()

    def get_status_display(self) -> str:
        # The status is geagendeerd_college from the alderman's proposal on (the table
        # moves it with the proposal), but it is on the agenda only once the griffie
        # accepts it: until then the badge says "proposed".
        if self.voorstel_open:
            return str(_("Proposed for the college agenda"))
        # A lookup by value, not ``in Status.values``: that builds the list of choices on
        # every call, which lists and the Open311 answer (200 rows) paid for per row.
        try:
            return str(Status(self.status).label)
        except ValueError:
            return self.status

    @property
    def toon_titel(self) -> str:
        """The title the public sees: the screened one where the advisor set it."""
        return self.publieke_titel or self.titel

    @property
    def toon_beschrijving(self) -> str:
        return self.publieke_beschrijving or self.beschrijving

    @property
    def publieke_indiener(self) -> str:
        """How the submitter appears in public: their display name only if they chose so."""
        if self.toon_naam and self.indiener_id and self.indiener.weergavenaam:
            return self.indiener.weergavenaam
        return str(_("anonymous"))

    def naam_van(self, gebruiker, *, noem_indiener: bool = False) -> str:
        """How the person who took a step or wrote a message on this item is named to
        officials. The submitter who chose "anonymous" is named only where that is
        ``noem_indiener`` (the triage page, whose every view is logged): everywhere else
        officials, college members and the griffie read "the submitter"."""
        if gebruiker is None:
            return str(_("a former user"))
        if gebruiker.pk == self.indiener_id and not (self.toon_naam or noem_indiener):
            return str(_("the submitter (anonymous)"))
        return gebruiker.weergavenaam

    @property
    def openbaarheid_voor_indiener(self) -> str:
        """Why the item is or is not public, for the submitter's pages (officials read
        ``openbaarheid``, which tells the kinds of screening apart): ``openbaar``,
        ``reden`` (the advisor kept it non-public, with a reason), ``gevraagd`` (the
        submitter asked for that), ``ingetrokken``, ``te_screenen`` (submitted, waiting
        for screening) or ``niet`` (not published, for none of those reasons)."""
        if self.openbaar:
            return "openbaar"
        if self.niet_openbaar_reden:
            return "reden"
        if self.wil_niet_openbaar:
            return "gevraagd"
        if self.status == Status.INGETROKKEN:
            return "ingetrokken"
        if self.status == Status.INGEDIEND:
            return "te_screenen"
        return "niet"

    @property
    def is_afgesloten(self) -> bool:
        return self.status in AFGESLOTEN

    @property
    def is_gescreend(self) -> bool:
        """The advisor has screened it: published (now or once), or kept non-public with
        a reason (the screening requires one)."""
        return bool(self.openbaar or self.gepubliceerd_op or self.niet_openbaar_reden)

    @property
    def openbaarheid(self) -> str:
        """Why it is or is not public (``Openbaarheid``)."""
        if self.openbaar:
            return Openbaarheid.OPENBAAR
        if not self.is_gescreend:
            if self.wil_niet_openbaar:
                return Openbaarheid.NIET_GESCREEND_OP_VERZOEK
            return Openbaarheid.NIET_GESCREEND
        if self.wil_niet_openbaar:
            return Openbaarheid.OP_VERZOEK
        return Openbaarheid.NIET_OPENBAAR

    def get_openbaarheid_display(self) -> str:
        return Openbaarheid(self.openbaarheid).label

    @property
    def is_te_laat(self) -> bool:
        """The first response is overdue."""
        return (
            self.eerste_reactie_op is None
            and self.eerste_reactie_voor is not None
            and self.status == Status.INGEDIEND
            and self.eerste_reactie_voor < timezone.localdate()
        )

    def clean(self):
        if self.buurt_id and self.wijk_id and self.buurt.wijk_id != self.wijk_id:
            raise ValidationError({"buurt": _("This neighbourhood is not in the chosen ward.")})


class Statuswijziging(models.Model):
    """One workflow step. Append-only: written once, with the status change, never edited."""

    onderwerp = models.ForeignKey(
        Onderwerp, on_delete=models.CASCADE, related_name="statuswijzigingen"
    )
    van = models.CharField(_("from"), max_length=20, choices=Status.choices, blank=True)
    naar = models.CharField(_("to"), max_length=20, choices=Status.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    door_rol = models.CharField(_("acting as"), max_length=20, blank=True)
    publieke_toelichting = models.TextField(_("public explanation"), blank=True)
    interne_notitie = models.TextField(_("internal note"), blank=True)
    tijdstip = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    objects = StatuswijzigingQuerySet.as_manager()

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["tijdstip", "pk"]
        indexes = [
            models.Index(fields=["onderwerp", "tijdstip"], name="statusw_onderwerp_idx"),
            # The dashboards' trend: steps into a final state within the last months.
            models.Index(fields=["naar", "tijdstip"], name="statusw_naar_tijdstip_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(naar__in=Status.values), name="statusw_naar"),
        ]

    def __str__(self):
        return f"{self.van} → {self.naar}"

    def save(self, *args, **kwargs):
        # Append-only: the history is evidence of what was said and decided.
        if self.pk is not None:
            raise ValidationError("A status change is never edited.")
        super().save(*args, **kwargs)

    def get_naar_display(self) -> str:
        # Every step into geagendeerd_college is the alderman's proposal; the agenda item
        # is accepted (or returned) later, by the griffie.
        if self.naar == Status.GEAGENDEERD_COLLEGE:
            return str(_("Proposed for the college agenda"))
        return str(Status(self.naar).label) if self.naar in Status.values else self.naar


class Bericht(models.Model):
    """A public answer to the submitter, or an internal note among the ward's officials."""

    onderwerp = models.ForeignKey(Onderwerp, on_delete=models.CASCADE, related_name="berichten")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    tekst = models.TextField(_("text"), max_length=5000)
    openbaar = models.BooleanField(
        _("public answer"), help_text=_("Otherwise an internal note for the ward's officials.")
    )
    tijdstip = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["tijdstip", "pk"]

    def __str__(self):
        return self.tekst[:60]


class Actie(models.Model):
    """A concrete, realistic action that follows from an item."""

    # An action follows from an item, from a visit to the ward, or from an item discussed
    # during a visit (both set).
    onderwerp = models.ForeignKey(
        Onderwerp, on_delete=models.CASCADE, null=True, blank=True, related_name="acties"
    )
    bezoek = models.ForeignKey(
        "contacten.Bezoek",
        verbose_name=_("visit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="acties",
    )
    omschrijving = models.CharField(_("what"), max_length=300)
    eigenaar = models.CharField(_("who"), max_length=150)
    deadline = models.DateField(_("due date"), null=True, blank=True)
    gedaan = models.BooleanField(_("done"), default=False)
    gedaan_op = models.DateTimeField(_("done at"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    aangemaakt = models.DateTimeField(_("created"), default=timezone.now)

    objects = ActieQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["gedaan", "deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(onderwerp__isnull=False) | Q(bezoek__isnull=False),
                name="actie_van_onderwerp_of_bezoek",
            ),
        ]

    def __str__(self):
        return self.omschrijving


#: The extension of an attachment's generated name, by its content type.
BIJLAGE_EXTENSIES = bijlagen.EXTENSIES


class BijlageBasis(models.Model):
    """A checked photo or PDF (``initiatieven.bijlagen``), stored under a random name.

    Shared by the attachments of items and of ``meedenken``'s questions and responses.
    Its original file name may name the person (``tuin-jansen.jpg``): only the one who
    added it sees it. Everyone else sees, and every download is named, ``publieke_naam``."""

    bestand = models.FileField(_("file"), upload_to="bijlagen/%Y/%m/")
    oorspronkelijke_naam = models.CharField(_("file name"), max_length=200)
    inhoudstype = models.CharField(_("content type"), max_length=50)
    grootte = models.PositiveIntegerField(_("size in bytes"))
    aangemaakt = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self):
        return self.publieke_naam

    @property
    def publieke_naam(self) -> str:
        """The name others see and download it as, never taken from the upload."""
        return bijlagen.publieke_naam(self.pk, self.inhoudstype)

    @property
    def is_afbeelding(self) -> bool:
        return self.inhoudstype.startswith("image/")

    @property
    def soort(self) -> str:
        """The kind of file as a person knows it: PDF, JPG, PNG."""
        return bijlagen.EXTENSIES.get(self.inhoudstype, "").lstrip(".").upper()


class Bijlage(BijlageBasis):
    """A photo or PDF with an item, private until published (the triage page, whose views
    are logged, shows the original name too)."""

    onderwerp = models.ForeignKey(Onderwerp, on_delete=models.CASCADE, related_name="bijlagen")

    class Meta(BijlageBasis.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

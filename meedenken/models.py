"""A question the municipality puts to one or more wards (Meedenkvraag), what the ward
gives in return (Inbreng), and what the municipality did with it (Terugkoppeling).

The state of a question is never stored: it follows from its publication, its dates and
its feedback (``Staat``, ``MeedenkvraagQuerySet.met_staat``), so it is right the moment
a date passes, with no write needed (bad input case 30).

What the public may see of a response is its screened text, its choices counted, and the
respondent's name only when they chose to be shown by name: never their email address.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, Exists, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatieven.models import BijlageBasis


class Staat(models.TextChoices):
    """Where a question stands; derived, never stored."""

    CONCEPT = "concept", _("Draft")
    AANGEKONDIGD = "aangekondigd", _("Announced")
    OPEN = "open", _("Open")
    GESLOTEN = "gesloten", _("Closed")
    TERUGGEKOPPELD = "teruggekoppeld", _("Feedback given")
    TE_LAAT = "te_laat", _("Feedback overdue")


class Beoordeling(models.TextChoices):
    """Screening of a response, for a question whose responses are public."""

    TE_BEOORDELEN = "te_beoordelen", _("To be screened")
    OPENBAAR = "openbaar", _("Published")
    NIET_OPENBAAR = "niet_openbaar", _("Not published")


def voorwaarden(nu, pad: str = "") -> dict[str, Q]:
    """The conditions the dashboard figures count with, optionally through a relation
    (``pad``, e.g. "meedenkvraag__")."""
    vandaag = timezone.localdate(nu)
    gepubliceerd = Q(**{f"{pad}gepubliceerd_op__isnull": False})
    return {
        "open": gepubliceerd & Q(**{f"{pad}open_vanaf__lte": nu, f"{pad}sluit_op__gt": nu}),
        "te_laat": gepubliceerd
        & Q(
            **{
                f"{pad}sluit_op__lte": nu,
                f"{pad}terugkoppeling_voor__lt": vandaag,
                f"{pad}terugkoppeling__gepubliceerd_op__isnull": True,
            }
        ),
    }


class MeedenkvraagQuerySet(models.QuerySet):
    """Reads of questions. ``nu`` defaults to the current moment; tests move the clock."""

    def gepubliceerd(self):
        """Every question that is no longer a draft."""
        return self.filter(gepubliceerd_op__isnull=False)

    def concepten(self):
        return self.filter(gepubliceerd_op__isnull=True)

    def aangekondigd(self, nu=None):
        nu = nu or timezone.now()
        return self.gepubliceerd().filter(open_vanaf__gt=nu)

    def open_(self, nu=None):
        """Published and between its opening and its closing moment."""
        nu = nu or timezone.now()
        return self.gepubliceerd().filter(open_vanaf__lte=nu, sluit_op__gt=nu)

    def gesloten_zonder_terugkoppeling(self, nu=None):
        nu = nu or timezone.now()
        return (
            self.gepubliceerd()
            .filter(sluit_op__lte=nu)
            .exclude(terugkoppeling__gepubliceerd_op__isnull=False)
        )

    def teruggekoppeld(self):
        return self.filter(terugkoppeling__gepubliceerd_op__isnull=False)

    def terugkoppeling_te_laat(self, nu=None):
        """Closed, its feedback date passed (before today), and no feedback published:
        what the work queue, the dashboards and ``herinneringen`` show."""
        nu = nu or timezone.now()
        return self.gesloten_zonder_terugkoppeling(nu).filter(
            terugkoppeling_voor__lt=timezone.localdate(nu)
        )

    def met_staat(self, nu=None):
        """Annotates ``staat`` (a ``Staat`` value), in one expression."""
        nu = nu or timezone.now()
        teruggekoppeld = Exists(
            Terugkoppeling.objects.filter(vraag=OuterRef("pk"), gepubliceerd_op__isnull=False)
        )
        return self.annotate(
            staat=Case(
                When(gepubliceerd_op__isnull=True, then=Value(Staat.CONCEPT)),
                When(open_vanaf__gt=nu, then=Value(Staat.AANGEKONDIGD)),
                When(sluit_op__gt=nu, then=Value(Staat.OPEN)),
                When(teruggekoppeld, then=Value(Staat.TERUGGEKOPPELD)),
                When(terugkoppeling_voor__lt=timezone.localdate(nu), then=Value(Staat.TE_LAAT)),
                default=Value(Staat.GESLOTEN),
                output_field=models.CharField(),
            )
        )

    def volgende_wissel(self, nu=None):
        """The next moment after ``nu`` at which a published question opens or closes: the
        states follow the clock (overdue feedback starts at a midnight, which pages that
        show states declare besides this). One query."""
        nu = nu or timezone.now()
        momenten = self.gepubliceerd().aggregate(
            opent=Min("open_vanaf", filter=Q(open_vanaf__gt=nu)),
            sluit=Min("sluit_op", filter=Q(sluit_op__gt=nu)),
        )
        return min((m for m in momenten.values() if m is not None), default=None)

    def met_aantal_inbreng(self):
        """Annotates ``aantal_inbreng``, the number of responses, as a subquery per row: a
        join with the responses grouped every question (and every response) before a page
        of them was taken (1.3 s for the list with seed_load's 77,000 responses); the
        subquery is evaluated only for the rows shown."""
        aantal = (
            Inbreng.objects.filter(vraag=OuterRef("pk"))
            .order_by()
            .values("vraag")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(aantal_inbreng=Coalesce(Subquery(aantal), 0))

    def in_staat(self, staat: str, nu=None):
        """Questions in one state (a ``Staat`` value)."""
        return self.met_staat(nu).filter(staat=staat)

    def voor_wijk(self, wijk):
        """Questions that concern this ward: asked of it, or of all wards."""
        wijk_id = getattr(wijk, "pk", wijk)
        return self.filter(Q(alle_wijken=True) | Q(wijken=wijk_id)).distinct()

    def voor_wijken(self, wijk_ids):
        return self.filter(Q(alle_wijken=True) | Q(wijken__in=list(wijk_ids))).distinct()

    def bij_onderwerp(self, onderwerp_id: int):
        """Published questions this item led to (``aanleiding``) or that it came out of
        (the items of published feedback), each annotated ``uit_aanleiding`` and
        ``uit_terugkoppeling``; subqueries rather than joins, so no row repeats."""
        aanleiding = Meedenkvraag.aanleiding.through.objects.filter(
            meedenkvraag=OuterRef("pk"), onderwerp_id=onderwerp_id
        )
        uitkomst = Terugkoppeling.objects.filter(
            vraag=OuterRef("pk"), gepubliceerd_op__isnull=False, onderwerpen=onderwerp_id
        )
        return (
            self.gepubliceerd()
            .annotate(uit_aanleiding=Exists(aanleiding), uit_terugkoppeling=Exists(uitkomst))
            .filter(Q(uit_aanleiding=True) | Q(uit_terugkoppeling=True))
        )

    def cijfers(self, nu=None) -> dict[str, int]:
        """Open questions, responses to them, and questions with overdue feedback, in one
        query (the ward dashboard's figures: filter to a ward first with ``voor_wijk_cijfers``)."""
        nu = nu or timezone.now()
        v = voorwaarden(nu)
        return self.aggregate(
            open=Count("pk", filter=v["open"], distinct=True),
            reacties=Count("inbreng", filter=v["open"], distinct=True),
            te_laat=Count("pk", filter=v["te_laat"], distinct=True),
        )

    def voor_wijk_cijfers(self, wijk_id: int):
        """The questions of one ward (or all wards) without a join that would repeat rows,
        for ``cijfers``."""
        koppeling = Meedenkvraag.wijken.through.objects.filter(wijk_id=wijk_id)
        return self.filter(Q(alle_wijken=True) | Q(pk__in=koppeling.values("meedenkvraag_id")))

    def cijfers_per_wijk(self, nu=None) -> tuple[dict[int, dict[str, int]], dict[str, int]]:
        """The figures of ``cijfers`` per ward (questions asked of it), and those of the
        questions to all wards, which count for every ward. Two queries."""
        nu = nu or timezone.now()
        v = voorwaarden(nu, "meedenkvraag__")
        per_wijk = {
            rij.pop("wijk_id"): rij
            for rij in Meedenkvraag.wijken.through.objects.filter(meedenkvraag__in=self)
            .values("wijk_id")
            .annotate(
                open=Count("meedenkvraag", filter=v["open"], distinct=True),
                reacties=Count("meedenkvraag__inbreng", filter=v["open"], distinct=True),
                te_laat=Count("meedenkvraag", filter=v["te_laat"], distinct=True),
            )
        }
        return per_wijk, self.filter(alle_wijken=True).cijfers(nu)


class Meedenkvraag(models.Model):
    """A question the municipality puts to one, several or all wards."""

    titel = models.CharField(_("title"), max_length=150)
    vraag = models.TextField(_("the question"), max_length=5000)
    achtergrond = models.TextField(
        _("background"),
        max_length=20000,
        help_text=_(
            "What the municipality already knows: figures, plans, constraints, what is and "
            "is not open for discussion. Write it so that every resident understands it."
        ),
    )
    thema = models.ForeignKey(
        "initiatieven.Thema",
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        related_name="meedenkvragen",
    )
    beleidsonderwerp = models.CharField(
        _("policy or project"),
        max_length=200,
        blank=True,
        help_text=_("The policy or implementation project the question belongs to."),
    )

    alle_wijken = models.BooleanField(_("all wards"), default=False)
    wijken = models.ManyToManyField(
        "wijken.Wijk", verbose_name=_("wards"), blank=True, related_name="meedenkvragen"
    )
    buurten = models.ManyToManyField(
        "wijken.Buurt",
        verbose_name=_("neighbourhoods"),
        blank=True,
        related_name="meedenkvragen",
        help_text=_("Leave empty when the question concerns the whole ward."),
    )
    uitgenodigde_groepen = models.ManyToManyField(
        "wijken.Bewonersgroep",
        verbose_name=_("invited groups"),
        blank=True,
        related_name="meedenkvragen",
        help_text=_("Their contact persons get an email when the question is published."),
    )
    uitgenodigde_professionals = models.ManyToManyField(
        "wijken.Wijkprofessional",
        verbose_name=_("invited professionals"),
        blank=True,
        related_name="meedenkvragen",
    )
    aanleiding = models.ManyToManyField(
        "initiatieven.Onderwerp",
        verbose_name=_("items that led to this question"),
        blank=True,
        related_name="meedenkvragen",
    )
    # The question as a topic of a visit of the college or a work visit: the relation lives
    # here because ``contacten`` and ``initiatieven`` may not know this app; it is chosen
    # on the visit form through ``initiatieven.bezoekonderwerpen`` (``meedenken.bezoeken``).
    bezoeken = models.ManyToManyField(
        "contacten.Bezoek",
        verbose_name=_("topic of visits"),
        blank=True,
        related_name="meedenkvragen",
    )

    open_vanaf = models.DateTimeField(_("open from"))
    sluit_op = models.DateTimeField(_("closes at"))
    terugkoppeling_voor = models.DateField(
        _("feedback promised by"),
        help_text=_("The date by which the municipality says what it did with the input."),
    )

    open_reacties = models.BooleanField(_("open responses"), default=True)
    meerdere_keuzes = models.BooleanField(
        _("several choices allowed"), default=False, help_text=_("Only with options.")
    )
    reacties_openbaar = models.BooleanField(
        _("responses are public"),
        default=False,
        help_text=_("Responses are screened before they are shown."),
    )
    uitslag_tijdens = models.BooleanField(
        _("show the results while open"),
        default=False,
        help_text=_("Otherwise the counts of the choices are shown after closing."),
    )

    gesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meedenkvragen",
    )
    gepubliceerd_op = models.DateTimeField(_("published at"), null=True, blank=True)
    # Set once ``herinneringen`` reminded the asker of overdue feedback, so it reminds once.
    herinnerd_op = models.DateTimeField(_("reminded at"), null=True, blank=True)
    aangemaakt = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    gewijzigd = models.DateTimeField(_("changed"), auto_now=True)
    versie = models.PositiveIntegerField(_("version"), default=1)

    objects = MeedenkvraagQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation question")
        verbose_name_plural = _("consultation questions")
        ordering = ["-open_vanaf", "-pk"]
        indexes = [
            models.Index(fields=["gepubliceerd_op", "sluit_op"], name="meedenkvraag_staat_idx"),
            models.Index(
                fields=["sluit_op", "terugkoppeling_voor"],
                name="meedenkvraag_te_laat_idx",
                condition=Q(gepubliceerd_op__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(sluit_op__gt=models.F("open_vanaf")), name="meedenkvraag_sluit_na_open"
            ),
            models.CheckConstraint(condition=~Q(titel=""), name="meedenkvraag_titel"),
        ]

    def __str__(self):
        return self.titel

    def get_absolute_url(self):
        return reverse("meedenken:vraag", kwargs={"pk": self.pk})

    def staat_op(self, nu=None) -> str:
        """The state at ``nu`` (the same rule as ``met_staat``, for one loaded question;
        reads the feedback, so load it with ``select_related('terugkoppeling')``)."""
        nu = nu or timezone.now()
        if self.gepubliceerd_op is None:
            return Staat.CONCEPT
        if self.open_vanaf > nu:
            return Staat.AANGEKONDIGD
        if self.sluit_op > nu:
            return Staat.OPEN
        terugkoppeling = getattr(self, "terugkoppeling", None) if self.pk else None
        if terugkoppeling is not None and terugkoppeling.gepubliceerd_op is not None:
            return Staat.TERUGGEKOPPELD
        if self.terugkoppeling_voor < timezone.localdate(nu):
            return Staat.TE_LAAT
        return Staat.GESLOTEN

    def is_open(self, nu=None) -> bool:
        return self.staat_op(nu) == Staat.OPEN

    def is_gesloten(self, nu=None) -> bool:
        """Closed for input (feedback given or not)."""
        return self.gepubliceerd_op is not None and self.sluit_op <= (nu or timezone.now())

    def toont_uitslag(self, nu=None) -> bool:
        """The counts of the choices: after closing, or while open when the question says so."""
        return self.is_gesloten(nu) or (self.uitslag_tijdens and self.is_open(nu))

    @property
    def heeft_keuzes(self) -> bool:
        return bool(self.opties.all())


class Keuzeoptie(models.Model):
    """An option the municipality offers to choose from."""

    vraag = models.ForeignKey(Meedenkvraag, on_delete=models.CASCADE, related_name="opties")
    tekst = models.CharField(_("option"), max_length=200)
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["volgorde", "pk"]

    def __str__(self):
        return self.tekst


class InbrengQuerySet(models.QuerySet):
    def openbaar_zichtbaar(self):
        """Responses the public sees: of a question with public responses, screened as
        public. A response to a question whose responses are not public is never shown."""
        return self.filter(vraag__reacties_openbaar=True, beoordeling=Beoordeling.OPENBAAR).exclude(
            tekst=""
        )

    def te_beoordelen(self):
        return self.filter(vraag__reacties_openbaar=True, beoordeling=Beoordeling.TE_BEOORDELEN)


class Inbreng(models.Model):
    """One person's response to a question: as themselves, or for a group they are a
    contact person of. One per person per question, editable until the question closes."""

    vraag = models.ForeignKey(Meedenkvraag, on_delete=models.CASCADE, related_name="inbreng")
    # Null once the respondent deleted their account: the input stays, anonymous.
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meedenkinbreng",
    )
    groep = models.ForeignKey(
        "wijken.Bewonersgroep",
        verbose_name=_("on behalf of group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meedenkinbreng",
    )
    tekst = models.TextField(_("your response"), max_length=5000, blank=True)
    keuzes = models.ManyToManyField(
        Keuzeoptie, verbose_name=_("choices"), blank=True, related_name="inbreng"
    )
    toon_naam = models.BooleanField(
        _("show my name"),
        default=False,
        help_text=_("Otherwise you appear as 'anonymous' on public pages."),
    )
    beoordeling = models.CharField(
        _("screening"),
        max_length=20,
        choices=Beoordeling.choices,
        default=Beoordeling.TE_BEOORDELEN,
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    gewijzigd = models.DateTimeField(_("changed"), auto_now=True)
    geanonimiseerd_op = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = InbrengQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["aangemaakt", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vraag", "gebruiker"], name="een_inbreng_per_persoon"),
            models.UniqueConstraint(
                fields=["vraag", "groep"],
                condition=Q(groep__isnull=False),
                name="een_inbreng_per_groep",
            ),
            models.CheckConstraint(
                condition=Q(beoordeling__in=Beoordeling.values), name="inbreng_beoordeling"
            ),
        ]
        indexes = [models.Index(fields=["vraag", "beoordeling"], name="inbreng_vraag_idx")]

    def __str__(self):
        return f"{self.vraag}: {self.pk}"

    @property
    def is_openbaar(self) -> bool:
        """Shown on the public page (the rule of ``InbrengQuerySet.openbaar_zichtbaar``)."""
        return (
            self.vraag.reacties_openbaar
            and self.beoordeling == Beoordeling.OPENBAAR
            and bool(self.tekst)
        )

    @property
    def bijlage_of_geen(self):
        """The attachment, or None (reading a missing one-to-one raises)."""
        try:
            return self.bijlage
        except Inbrengbijlage.DoesNotExist:
            return None

    @property
    def publieke_naam(self) -> str:
        """What public pages say about who responded: the group, the name when chosen,
        otherwise 'anonymous'."""
        if self.groep_id:
            return self.groep.naam
        if self.toon_naam and self.gebruiker_id:
            return self.gebruiker.weergavenaam or str(_("anonymous"))
        return str(_("anonymous"))


class Bijeenkomst(models.Model):
    """An invitation to a meeting in the ward about the question."""

    vraag = models.OneToOneField(Meedenkvraag, on_delete=models.CASCADE, related_name="bijeenkomst")
    begint = models.DateTimeField(_("starts at"))
    eindigt = models.DateTimeField(_("ends at"))
    plaats = models.CharField(_("place"), max_length=200)
    toegankelijkheid = models.TextField(
        _("accessibility of the venue"),
        max_length=2000,
        blank=True,
        help_text=_("For example: step-free entrance, hearing loop, accessible toilet."),
    )
    max_deelnemers = models.PositiveIntegerField(
        _("maximum number of participants"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("ward meeting")
        verbose_name_plural = _("ward meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(eindigt__gt=models.F("begint")), name="bijeenkomst_eindigt_na_begin"
            ),
            models.CheckConstraint(
                condition=Q(max_deelnemers__isnull=True) | Q(max_deelnemers__gt=0),
                name="bijeenkomst_max_positief",
            ),
        ]

    def __str__(self):
        return f"{self.vraag}: {self.plaats}"

    def is_vol(self, aantal: int) -> bool:
        return self.max_deelnemers is not None and aantal >= self.max_deelnemers


class Aanmelding(models.Model):
    """A person registered for a ward meeting."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst, on_delete=models.CASCADE, related_name="aanmeldingen"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meedenkaanmeldingen"
    )
    aangemaakt = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "gebruiker"], name="een_aanmelding_per_persoon"
            )
        ]

    def __str__(self):
        return f"{self.bijeenkomst}: {self.gebruiker_id}"


class Terugkoppeling(models.Model):
    """What the municipality did with the input ("Wat we met je inbreng doen")."""

    vraag = models.OneToOneField(
        Meedenkvraag, on_delete=models.CASCADE, related_name="terugkoppeling"
    )
    samenvatting = models.TextField(_("summary of what was said"), max_length=10000)
    besluit = models.TextField(_("what the municipality decided or will do"), max_length=10000)
    waarom = models.TextField(_("why"), max_length=10000)
    agendapunt = models.ForeignKey(
        "contacten.Agendapunt",
        verbose_name=_("agenda item or decision"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meedenkterugkoppelingen",
    )
    onderwerpen = models.ManyToManyField(
        "initiatieven.Onderwerp",
        verbose_name=_("items that came out of it"),
        blank=True,
        related_name="meedenkterugkoppelingen",
    )
    geschreven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gepubliceerd_op = models.DateTimeField(_("published at"), null=True, blank=True)
    gewijzigd = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return str(self.vraag)


def standaard_terugkoppeling_voor(sluit_op: datetime.datetime) -> datetime.date:
    """Six weeks after closing: the default promise a new question's form proposes."""
    return timezone.localdate(sluit_op) + datetime.timedelta(weeks=6)


class Vraagbijlage(BijlageBasis):
    """A document or photo with a question, added by who manages it: public with the
    question once it is published."""

    vraag = models.ForeignKey(Meedenkvraag, on_delete=models.CASCADE, related_name="bijlagen")

    class Meta(BijlageBasis.Meta):
        verbose_name = _("attachment of a question")
        verbose_name_plural = _("attachments of questions")


class Inbrengbijlage(BijlageBasis):
    """The one attachment a response may have: seen by whoever may read the response (on
    the public page only once the response is public). Its original name is shown to the
    respondent alone: it may name someone who responded anonymously."""

    inbreng = models.OneToOneField(Inbreng, on_delete=models.CASCADE, related_name="bijlage")

    class Meta(BijlageBasis.Meta):
        verbose_name = _("attachment of a response")
        verbose_name_plural = _("attachments of responses")

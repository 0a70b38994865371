"""The ward as a place and the people organised in it.

Wijk and Buurt are keyed by their CBS codes; the municipality may group neighbourhoods
into wards differently from CBS, so each Buurt points to exactly one Wijk of the portal.
People are referred to only through ``settings.AUTH_USER_MODEL``: this is the lowest app
and imports no other app of the portal.

Reads live in the QuerySet classes below; writes in ``wijken.services``.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, Count, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijken.zoeken import Zoekvorm, zoekvorm

# --- CBS codes --------------------------------------------------------------------------

gemeentecode_validator = RegexValidator(
    r"^GM\d{4}\Z",
    _("Enter a CBS municipality code: GM followed by four digits, e.g. GM0363."),
    code="gemeentecode",
)
wijkcode_validator = RegexValidator(
    r"^WK\d{4}[0-9A-Z]{2}\Z",
    _(
        "Enter a CBS ward code: WK, the four digits of the municipality and two digits "
        "or capital letters, e.g. WK036301 or WK0363AA."
    ),
    code="wijkcode",
)
# CBS codes nest: a neighbourhood code is its ward's code plus two characters, a ward
# code its municipality's plus two. Past the municipality's four digits CBS allows
# capital letters as well (Amsterdam: WK0363AA, BU0363AA01).
buurtcode_validator = RegexValidator(
    r"^BU\d{4}[0-9A-Z]{4}\Z",
    _(
        "Enter a CBS neighbourhood code: BU, the four digits of the municipality, the two "
        "characters of the ward and two of the neighbourhood (digits or capital letters), "
        "e.g. BU03630101 or BU0363AA01."
    ),
    code="buurtcode",
)
# A public link may only point to a web page, never to javascript: or data: URLs.
webadres_validator = RegexValidator(
    r"^https?://", _("Enter a web address starting with https:// or http://."), code="webadres"
)


class Tijdstempels(models.Model):
    aangemaakt = models.DateTimeField(_("created"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        abstract = True


# --- Wijk and Buurt ----------------------------------------------------------------------


def _jaar_redelijk(veld: str) -> Q:
    return Q(**{f"{veld}__isnull": True}) | Q(**{f"{veld}__gte": 1990, f"{veld}__lte": 2100})


class WijkQuerySet(models.QuerySet):
    def actief(self):
        """Wards in use: not archived after a CBS re-division (``vervallen_per``)."""
        return self.filter(vervallen_per__isnull=True)

    def vervallen(self):
        """Wards archived after a CBS re-division: kept with their history, not listed."""
        return self.filter(vervallen_per__isnull=False)

    def met_aantallen(self):
        """Wards with the number of neighbourhoods, groups and open vacancies, in one query.

        Correlated subqueries rather than COUNT(DISTINCT) over joins: the joins multiply
        neighbourhoods by groups by seats (millions of rows for a whole city), while each
        subquery is a small index lookup per ward."""

        def tel(queryset, veld):
            return Coalesce(
                Subquery(
                    queryset.filter(**{veld: OuterRef("pk")})
                    .order_by()
                    .values(veld)
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            )

        return self.annotate(
            aantal_buurten=tel(Buurt.objects.actief(), "wijk"),
            aantal_groepen=tel(Bewonersgroep.objects.all(), "wijk"),
            aantal_vacatures=tel(Bestuursfunctie.objects.filter(is_vacant=True), "groep__wijk"),
        )

    def zoeken(self, term: str):
        """Wards whose name, municipality or one of whose neighbourhoods' names (those in
        use) contains ``term``, ignoring case and accents: "indie" finds "Indië"."""
        term = (term or "").strip()
        if not term:
            return self
        # The term is folded by the same function as the names (wijken.zoeken), in the
        # database; Django escapes % and _ in it for LIKE.
        gevouwen = Zoekvorm(Value(term))
        # A subquery rather than a join: a ward matching in two neighbourhoods stays one row.
        buurt_treffers = (
            Buurt.objects.actief()
            .alias(zoeknaam=Zoekvorm("naam"))
            .filter(zoeknaam__contains=gevouwen)
            .values("wijk_id")
        )
        return self.alias(zoeknaam=Zoekvorm("naam"), zoekgemeente=Zoekvorm("gemeentenaam")).filter(
            Q(zoeknaam__contains=gevouwen)
            | Q(zoekgemeente__contains=gevouwen)
            | Q(pk__in=buurt_treffers)
        )

    def op_naam(self):
        """By name as a reader expects it, ignoring case and accents ("Émile" among the
        E's), the same on every database; the code decides between equal names."""
        return self.order_by(Zoekvorm("naam"), "code")

    def op_gemeente_en_naam(self):
        """By municipality, then by name (as ``op_naam``)."""
        return self.order_by(Zoekvorm("gemeentenaam"), "gemeentecode", Zoekvorm("naam"), "code")

    def voor_overzicht(self):
        """Wards in use for the public list, with counts and the names of their
        neighbourhoods in use: one query for the wards, one for their neighbourhoods."""
        return (
            self.actief()
            .met_aantallen()
            .prefetch_related(
                Prefetch("buurten", queryset=Buurt.objects.actief().only("id", "naam", "wijk_id"))
            )
        )

    def gemeenten(self) -> list[tuple[str, str]]:
        """(code, name) of every municipality with a ward in use, by name (case and
        accents ignored, as ``op_gemeente_en_naam``): one query. Sorted here rather than
        by the database: folding thousands of names there only to sort a few hundred
        distinct ones took longer."""
        paren = self.actief().order_by().values_list("gemeentecode", "gemeentenaam").distinct()
        return sorted(paren, key=lambda paar: (zoekvorm(paar[1]), paar[0]))

    def voor_wijkzoeker(self):
        """Code and name of every ward in use, by name: the ward links on the home page."""
        return self.actief().only("id", "code", "naam").order_by("naam")

    def beheerd_door(self, user):
        """The wards this person is designated for as ward advisor or community worker."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(Q(wijkadviseur=user) | Q(opbouwwerker=user))


class Wijk(Tijdstempels):
    """A ward of the portal; its code is a CBS ward code of the municipality."""

    code = models.CharField(
        _("CBS ward code"), max_length=8, unique=True, validators=[wijkcode_validator]
    )
    naam = models.CharField(_("name"), max_length=100)
    gemeentecode = models.CharField(
        _("CBS municipality code"), max_length=6, validators=[gemeentecode_validator]
    )
    gemeentenaam = models.CharField(_("municipality"), max_length=100)
    beschrijving = models.TextField(_("description"), blank=True)
    contact_email = models.EmailField(
        _("public email address"),
        blank=True,
        help_text=_("A shared mailbox that reaches the ward's officials, never a personal one."),
    )
    contact_telefoon = models.CharField(
        _("public telephone number"),
        max_length=30,
        blank=True,
        help_text=_("The municipality's general number, never a personal one."),
    )
    contact_toelichting = models.TextField(
        _("how to reach us"),
        blank=True,
        help_text=_("For example office hours in the community centre."),
    )
    wijkwethouder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ward alderman"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wijken_als_wethouder",
        limit_choices_to={"rol": "wijkwethouder"},
    )
    wijkadviseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ward advisor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wijken_als_adviseur",
        limit_choices_to={"rol": "wijkadviseur"},
    )
    opbouwwerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("community worker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wijken_als_opbouwwerker",
        limit_choices_to={"rol": "opbouwwerker"},
    )
    vervallen_per = models.PositiveSmallIntegerField(
        _("no longer in use from"),
        null=True,
        blank=True,
        help_text=_(
            "The year of the CBS division in which this ward no longer exists. It keeps its "
            "page, history, items and groups, but is no longer listed or offered."
        ),
    )

    objects = WijkQuerySet.as_manager()

    class Meta:
        verbose_name = _("ward")
        verbose_name_plural = _("wards")
        ordering = ["naam"]
        indexes = [models.Index(fields=["naam"], name="wijk_naam_idx")]
        constraints = [
            models.CheckConstraint(
                condition=_jaar_redelijk("vervallen_per"), name="wijk_vervallen_per_redelijk"
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("wijken:wijk", kwargs={"code": self.code})


class BuurtQuerySet(models.QuerySet):
    def actief(self):
        """Neighbourhoods in use: not archived after a CBS re-division."""
        return self.filter(vervallen_per__isnull=True)

    def vervallen(self):
        """Neighbourhoods archived after a CBS re-division."""
        return self.filter(vervallen_per__isnull=False)


class Buurt(Tijdstempels):
    """A neighbourhood (CBS buurt), belonging to exactly one ward of the portal."""

    code = models.CharField(
        _("CBS neighbourhood code"), max_length=10, unique=True, validators=[buurtcode_validator]
    )
    naam = models.CharField(_("name"), max_length=100)
    wijk = models.ForeignKey(
        Wijk, verbose_name=_("ward"), on_delete=models.PROTECT, related_name="buurten"
    )
    cbs_wijkcode = models.CharField(
        _("CBS ward code"),
        max_length=8,
        validators=[wijkcode_validator],
        help_text=_("The ward CBS puts this neighbourhood in; the portal's ward may differ."),
    )
    vervallen_per = models.PositiveSmallIntegerField(
        _("no longer in use from"),
        null=True,
        blank=True,
        help_text=_(
            "The year of the CBS division in which this neighbourhood no longer exists. It "
            "stays with its items and groups, but is no longer offered."
        ),
    )

    objects = BuurtQuerySet.as_manager()

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["naam"]
        indexes = [models.Index(fields=["naam"], name="buurt_naam_idx")]
        constraints = [
            models.CheckConstraint(
                condition=_jaar_redelijk("vervallen_per"), name="buurt_vervallen_per_redelijk"
            ),
        ]

    def __str__(self):
        return self.naam


class BuurtgrensQuerySet(models.QuerySet):
    def voor_kaart(self, buurten):
        """The boundaries of ``buurten`` as a map draws them (not the GeoJSON)."""
        return self.filter(buurt__in=buurten).defer("vlak")


class Buurtgrens(models.Model):
    """A neighbourhood's boundary from CBS's wijk- en buurtkaart, in RD New (EPSG:28992,
    metres), with what a page needs to draw it (``wijken.grenzen``). A row of its own,
    not a column of ``Buurt``: the neighbourhood is read on many pages that never draw it,
    and a boundary is kilobytes."""

    buurt = models.OneToOneField(
        Buurt,
        verbose_name=_("neighbourhood"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="grens",
    )
    vlak = models.JSONField(_("boundary (GeoJSON, RD New)"))
    pad = models.TextField(_("SVG path"))
    label_x = models.IntegerField()
    label_y = models.IntegerField()
    # The bounding box: the map's extent, and a quick first test of "which neighbourhood
    # is this point in" before the exact one.
    x_min = models.IntegerField()
    y_min = models.IntegerField()
    x_max = models.IntegerField()
    y_max = models.IntegerField()
    gewijzigd = models.DateTimeField(_("changed"), auto_now=True)

    objects = BuurtgrensQuerySet.as_manager()

    class Meta:
        verbose_name = _("neighbourhood boundary")
        verbose_name_plural = _("neighbourhood boundaries")
        indexes = [
            models.Index(fields=["x_min", "x_max", "y_min", "y_max"], name="buurtgrens_bbox_idx")
        ]

    def __str__(self):
        return str(self.buurt_id)


class KerncijfersQuerySet(models.QuerySet):
    def profiel(self, wijk) -> dict | None:
        """The ward profile from the latest year with key figures (``profiel_uit``). One
        query."""
        return profiel_uit(self.filter(buurt__wijk=wijk))


def profiel_uit(rijen) -> dict | None:
    """The profile of a ward from its neighbourhoods' key figures (``rijen``, any years,
    any order): the latest year's totals and age shares. Shares are weighted by each
    neighbourhood's inhabitants; CBS marks secret or unknown values as missing, and a
    neighbourhood without a value is left out of the share rather than counted as zero.
    The ward page and the open data export both use it."""
    rijen = list(rijen)
    if not rijen:
        return None
    jaar = max(r.jaar for r in rijen)
    rijen = [r for r in rijen if r.jaar == jaar]

    def som(veld):
        waarden = [getattr(r, veld) for r in rijen if getattr(r, veld) is not None]
        return sum(waarden) if waarden else None

    leeftijden = []
    for veld, label in Kerncijfers.LEEFTIJDSGROEPEN:
        gewogen = [
            (getattr(r, veld), r.aantal_inwoners)
            for r in rijen
            if getattr(r, veld) is not None and r.aantal_inwoners
        ]
        totaal = sum(inw for _p, inw in gewogen)
        if totaal:
            aandeel = round(sum(p * inw for p, inw in gewogen) / totaal)
            leeftijden.append({"veld": veld, "label": label, "procent": aandeel})
    return {
        "jaar": jaar,
        "aantal_inwoners": som("aantal_inwoners"),
        "aantal_huishoudens": som("aantal_huishoudens"),
        "leeftijden": leeftijden,
    }


class Kerncijfers(models.Model):
    """CBS key figures of a neighbourhood for one year, as the municipality imported them."""

    LEEFTIJDSGROEPEN = [
        ("p_00_14", _("0 to 14 years")),
        ("p_15_24", _("15 to 24 years")),
        ("p_25_44", _("25 to 44 years")),
        ("p_45_64", _("45 to 64 years")),
        ("p_65_eo", _("65 years and older")),
    ]

    buurt = models.ForeignKey(
        Buurt, verbose_name=_("neighbourhood"), on_delete=models.CASCADE, related_name="kerncijfers"
    )
    jaar = models.PositiveSmallIntegerField(_("year"))
    aantal_inwoners = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    aantal_huishoudens = models.PositiveIntegerField(_("households"), null=True, blank=True)
    p_00_14 = models.PositiveSmallIntegerField(_("% aged 0–14"), null=True, blank=True)
    p_15_24 = models.PositiveSmallIntegerField(_("% aged 15–24"), null=True, blank=True)
    p_25_44 = models.PositiveSmallIntegerField(_("% aged 25–44"), null=True, blank=True)
    p_45_64 = models.PositiveSmallIntegerField(_("% aged 45–64"), null=True, blank=True)
    p_65_eo = models.PositiveSmallIntegerField(_("% aged 65 and over"), null=True, blank=True)

    objects = KerncijfersQuerySet.as_manager()

    #: CSV column (CBS convention) -> field.
    KOLOMMEN = {
        "AANT_INW": "aantal_inwoners",
        "AANTAL_HH": "aantal_huishoudens",
        "P_00_14_JR": "p_00_14",
        "P_15_24_JR": "p_15_24",
        "P_25_44_JR": "p_25_44",
        "P_45_64_JR": "p_45_64",
        "P_65_EO_JR": "p_65_eo",
    }

    class Meta:
        verbose_name = _("key figures")
        verbose_name_plural = _("key figures")
        ordering = ["buurt", "-jaar"]
        constraints = [
            models.UniqueConstraint(fields=["buurt", "jaar"], name="kerncijfers_buurt_jaar_uniek"),
            models.CheckConstraint(
                condition=Q(jaar__gte=1990, jaar__lte=2100), name="kerncijfers_jaar_redelijk"
            ),
        ]

    def __str__(self):
        return f"{self.buurt} {self.jaar}"


# --- Groups --------------------------------------------------------------------------------


class Groepssoort(models.TextChoices):
    WIJKRAAD = "wijkraad", _("Ward council")
    BUURTPREVENTIETEAM = "buurtpreventieteam", _("Neighbourhood watch team")
    BUURTVERENIGING = "buurtvereniging", _("Neighbourhood association")
    JEUGDVERENIGING = "jeugdvereniging", _("Youth association")
    SPORTVERENIGING = "sportvereniging", _("Sports club")
    ONDERNEMERSVERENIGING = "ondernemersvereniging", _("Business association")
    INSTELLING = "instelling", _("Institution")
    OVERIG = "overig", _("Other")


class WijkraadStatus(models.TextChoices):
    ACTIEF = "actief", _("Active")
    ONVOLLEDIG = "onvolledig", _("Incomplete board")
    GESTOPT = "gestopt", _("Stopped")


class BewonersgroepQuerySet(models.QuerySet):
    def wijkraden(self):
        """Only ward councils."""
        return self.filter(soort=Groepssoort.WIJKRAAD)

    def met_aantal_vacatures(self):
        """Groups with the number of their open seats as ``aantal_vacatures``."""
        return self.annotate(
            aantal_vacatures=Count("functies", filter=Q(functies__is_vacant=True), distinct=True)
        )

    def voor_wijkpagina(self):
        """The groups of a ward page, ordered by kind then name, with their vacancy count."""
        volgorde = Case(
            *[When(soort=waarde, then=Value(i)) for i, waarde in enumerate(Groepssoort.values)],
            default=Value(99),
        )
        return self.met_aantal_vacatures().order_by(volgorde, "naam")

    def met_contactpersoon(self, user):
        """Groups this person is a contact person of."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(contactpersonen=user)


class Bewonersgroep(Tijdstempels):
    """A residents' group or organisation in a ward."""

    naam = models.CharField(_("name"), max_length=150)
    soort = models.CharField(_("kind"), max_length=30, choices=Groepssoort.choices)
    wijk = models.ForeignKey(
        Wijk, verbose_name=_("ward"), on_delete=models.PROTECT, related_name="groepen"
    )
    buurten = models.ManyToManyField(
        Buurt,
        verbose_name=_("neighbourhoods"),
        blank=True,
        related_name="groepen",
        help_text=_("Leave empty when the group serves the whole ward."),
    )
    beschrijving = models.TextField(_("description"), blank=True, max_length=5000)
    website = models.URLField(
        _("website"), blank=True, max_length=300, validators=[webadres_validator]
    )
    email = models.EmailField(
        _("organisation email address"),
        blank=True,
        help_text=_("A shared address of the organisation; it is shown publicly."),
    )
    contactpersonen = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact persons"),
        blank=True,
        related_name="contactgroepen",
        help_text=_("They manage the board seats and receive responses to vacancies."),
    )
    wijkraad_status = models.CharField(
        _("ward council status"),
        max_length=20,
        choices=WijkraadStatus.choices,
        blank=True,
        help_text=_("Only for a ward council."),
    )

    objects = BewonersgroepQuerySet.as_manager()

    class Meta:
        verbose_name = _("residents' group")
        verbose_name_plural = _("residents' groups")
        ordering = ["naam"]
        indexes = [models.Index(fields=["wijk", "soort"], name="groep_wijk_soort_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=Groepssoort.values), name="groep_soort_geldig"
            ),
            # A ward council always has a status; other groups never have one.
            models.CheckConstraint(
                condition=(
                    Q(soort=Groepssoort.WIJKRAAD, wijkraad_status__in=WijkraadStatus.values)
                    | (~Q(soort=Groepssoort.WIJKRAAD) & Q(wijkraad_status=""))
                ),
                name="groep_wijkraad_status_geldig",
            ),
            # At most one ward council that has not stopped, per ward.
            models.UniqueConstraint(
                fields=["wijk"],
                condition=Q(soort=Groepssoort.WIJKRAAD)
                & ~Q(wijkraad_status=WijkraadStatus.GESTOPT),
                name="een_lopende_wijkraad_per_wijk",
            ),
        ]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("wijken:groep", kwargs={"pk": self.pk})

    @property
    def is_wijkraad(self) -> bool:
        return self.soort == Groepssoort.WIJKRAAD


class Functiesoort(models.TextChoices):
    VOORZITTER = "voorzitter", _("Chair")
    SECRETARIS = "secretaris", _("Secretary")
    PENNINGMEESTER = "penningmeester", _("Treasurer")
    LID = "lid", _("Board member")
    ANDERS = "anders", _("Other role")


_FUNCTIE_VOLGORDE = Case(
    *[When(functie=waarde, then=Value(i)) for i, waarde in enumerate(Functiesoort.values)],
    default=Value(99),
)


class BestuursfunctieQuerySet(models.QuerySet):
    def op_volgorde(self):
        """Seats in board order: chair, secretary, treasurer, members, other."""
        return self.order_by(_FUNCTIE_VOLGORDE, "omschrijving", "pk")

    def vacatures(self):
        """Open seats with their group and ward, newest first, for the public vacancy lists."""
        return (
            self.filter(is_vacant=True)
            .select_related("groep", "groep__wijk")
            .order_by("-vacant_sinds", "groep__naam", "pk")
        )


class Bestuursfunctie(Tijdstempels):
    """A board seat of a group: filled by a name (optionally a user) or vacant."""

    groep = models.ForeignKey(
        Bewonersgroep, verbose_name=_("group"), on_delete=models.CASCADE, related_name="functies"
    )
    functie = models.CharField(_("seat"), max_length=20, choices=Functiesoort.choices)
    omschrijving = models.CharField(
        _("title"),
        max_length=100,
        blank=True,
        help_text=_("Required for 'other role', e.g. 'youth coordinator'."),
    )
    is_vacant = models.BooleanField(_("vacant"), default=False)
    naam = models.CharField(
        _("name of the board member"), max_length=100, blank=True, help_text=_("Shown publicly.")
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account of the board member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bestuursfuncties",
    )
    vacaturetekst = models.TextField(
        _("vacancy text"),
        blank=True,
        max_length=3000,
        help_text=_("What the seat involves and who you are looking for. Shown publicly."),
    )
    vacant_sinds = models.DateField(_("vacant since"), null=True, blank=True)

    objects = BestuursfunctieQuerySet.as_manager()

    class Meta:
        verbose_name = _("board seat")
        verbose_name_plural = _("board seats")
        ordering = [_FUNCTIE_VOLGORDE, "omschrijving", "pk"]
        indexes = [models.Index(fields=["is_vacant", "groep"], name="functie_vacant_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(functie__in=Functiesoort.values), name="functie_soort_geldig"
            ),
            models.CheckConstraint(
                condition=~Q(functie=Functiesoort.ANDERS) | ~Q(omschrijving=""),
                name="functie_anders_heeft_omschrijving",
            ),
            # Vacant: no holder and a vacancy text. Filled: a holder's name.
            models.CheckConstraint(
                condition=(
                    Q(is_vacant=True, naam="", gebruiker__isnull=True) & ~Q(vacaturetekst="")
                )
                | (Q(is_vacant=False) & ~Q(naam="")),
                name="functie_vacant_of_bezet",
            ),
        ]

    def __str__(self):
        return f"{self.titel} – {self.groep}"

    @property
    def titel(self) -> str:
        return self.omschrijving or self.get_functie_display()


class Interessereactie(models.Model):
    """A resident's "I am interested" in a vacant seat; read by the group's contacts."""

    functie = models.ForeignKey(
        Bestuursfunctie,
        verbose_name=_("board seat"),
        on_delete=models.CASCADE,
        related_name="reacties",
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.CASCADE,
        related_name="interessereacties",
    )
    bericht = models.TextField(_("message"), max_length=1000, blank=True)
    aangemaakt = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("response to a vacancy")
        verbose_name_plural = _("responses to vacancies")
        ordering = ["-aangemaakt"]
        constraints = [
            # One response per person per seat: a double click sends one email.
            models.UniqueConstraint(
                fields=["functie", "gebruiker"], name="een_reactie_per_persoon_per_functie"
            ),
        ]

    def __str__(self):
        return f"{self.gebruiker} → {self.functie}"


# --- Professionals -------------------------------------------------------------------------


class Wijkprofessional(Tijdstempels):
    """Someone who works in the ward for an organisation, with a public way to reach them."""

    wijk = models.ForeignKey(
        Wijk, verbose_name=_("ward"), on_delete=models.CASCADE, related_name="professionals"
    )
    naam = models.CharField(_("name"), max_length=100, help_text=_("A person or a team."))
    rol = models.CharField(
        _("role"), max_length=100, help_text=_("For example community police officer.")
    )
    organisatie = models.CharField(_("organisation"), max_length=150)
    email = models.EmailField(_("work email address"), blank=True)
    telefoon = models.CharField(_("work telephone number"), max_length=30, blank=True)
    website = models.URLField(
        _("website"), blank=True, max_length=300, validators=[webadres_validator]
    )
    bereikbaarheid = models.TextField(
        _("how to reach them"),
        blank=True,
        max_length=1000,
        help_text=_("For example a weekly consultation hour."),
    )

    class Meta:
        verbose_name = _("ward professional")
        verbose_name_plural = _("ward professionals")
        ordering = ["rol", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="", telefoon="", website="", bereikbaarheid=""),
                name="professional_bereikbaar",
                violation_error_message=_(
                    "Give at least one way to reach them: email, telephone, website or hours."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.naam} ({self.rol})"


# --- Ward council status and fallback -------------------------------------------------------


class WijkraadStatuswijziging(models.Model):
    """One append-only row per change of a ward council's status."""

    groep = models.ForeignKey(
        Bewonersgroep,
        verbose_name=_("ward council"),
        on_delete=models.CASCADE,
        related_name="statuswijzigingen",
    )
    van_status = models.CharField(
        _("from"), max_length=20, choices=WijkraadStatus.choices, blank=True
    )
    naar_status = models.CharField(_("to"), max_length=20, choices=WijkraadStatus.choices)
    toelichting = models.TextField(_("explanation"), blank=True, max_length=2000)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    tijdstip = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("ward council status change")
        verbose_name_plural = _("ward council status changes")
        ordering = ["-tijdstip", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(naar_status__in=WijkraadStatus.values)
                & Q(van_status__in=[*WijkraadStatus.values, ""]),
                name="statuswijziging_status_geldig",
            ),
        ]

    def __str__(self):
        return f"{self.groep}: {self.van_status or '–'} → {self.naar_status}"


class Overnemer(models.TextChoices):
    OPBOUWWERKER = "opbouwwerker", _("The community worker")
    WIJKADVISEUR = "wijkadviseur", _("The ward advisor")
    GROEP = "groep", _("A group in the ward")


class TerugvalregelingQuerySet(models.QuerySet):
    def lopend(self):
        """Arrangements that have not ended, with their tasks and groups, in two queries."""
        return (
            self.filter(einde__isnull=True)
            .select_related("aanspreekpunt_groep")
            .prefetch_related(
                Prefetch("taken", queryset=TerugvalTaak.objects.select_related("groep"))
            )
        )


class Terugvalregeling(Tijdstempels):
    """While a ward council has stopped: who takes over its tasks, tailored to the ward."""

    groep = models.ForeignKey(
        Bewonersgroep,
        verbose_name=_("stopped ward council"),
        on_delete=models.CASCADE,
        related_name="terugvalregelingen",
    )
    ingang = models.DateField(_("from"))
    einde = models.DateField(_("until"), null=True, blank=True)
    aanspreekpunt = models.CharField(
        _("point of contact for the ward"), max_length=20, choices=Overnemer.choices
    )
    aanspreekpunt_groep = models.ForeignKey(
        Bewonersgroep,
        verbose_name=_("group that is the point of contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    toelichting = models.TextField(
        _("the tailored arrangement"),
        blank=True,
        max_length=3000,
        help_text=_("Shown publicly on the ward page."),
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    objects = TerugvalregelingQuerySet.as_manager()

    class Meta:
        verbose_name = _("fallback arrangement")
        verbose_name_plural = _("fallback arrangements")
        ordering = ["-ingang", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(aanspreekpunt__in=Overnemer.values),
                name="terugval_aanspreekpunt_geldig",
            ),
            models.CheckConstraint(
                condition=Q(aanspreekpunt=Overnemer.GROEP, aanspreekpunt_groep__isnull=False)
                | (~Q(aanspreekpunt=Overnemer.GROEP) & Q(aanspreekpunt_groep__isnull=True)),
                name="terugval_aanspreekpunt_groep_alleen_bij_groep",
            ),
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=models.F("ingang")),
                name="terugval_einde_na_ingang",
            ),
            models.UniqueConstraint(
                fields=["groep"], condition=Q(einde__isnull=True), name="een_lopende_terugval"
            ),
        ]

    def __str__(self):
        return f"{self.groep} ({self.ingang})"


class TerugvalTaak(models.Model):
    """One overarching task of the stopped ward council and who takes it over."""

    #: Suggested tasks, offered in the form; the list is free.
    SUGGESTIES = [
        _("Point of contact for the municipality"),
        _("Ward budget"),
        _("Annual ward inspection"),
    ]

    regeling = models.ForeignKey(
        Terugvalregeling,
        verbose_name=_("arrangement"),
        on_delete=models.CASCADE,
        related_name="taken",
    )
    taak = models.CharField(_("task"), max_length=200)
    overnemer = models.CharField(_("taken over by"), max_length=20, choices=Overnemer.choices)
    groep = models.ForeignKey(
        Bewonersgroep,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overgenomen_taken",
    )

    class Meta:
        verbose_name = _("task taken over")
        verbose_name_plural = _("tasks taken over")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(overnemer__in=Overnemer.values), name="terugvaltaak_overnemer_geldig"
            ),
            models.CheckConstraint(
                condition=Q(overnemer=Overnemer.GROEP, groep__isnull=False)
                | (~Q(overnemer=Overnemer.GROEP) & Q(groep__isnull=True)),
                name="terugvaltaak_groep_alleen_bij_groep",
            ),
        ]

    def __str__(self):
        return self.taak


# --- Following a ward ----------------------------------------------------------------------


class Berichtfrequentie(models.TextChoices):
    DIRECT = "direct", _("Immediately")
    WEKELIJKS = "wekelijks", _("Once a week")


class VolgerQuerySet(models.QuerySet):
    def direct(self):
        return self.filter(frequentie=Berichtfrequentie.DIRECT)

    def wekelijks(self):
        return self.filter(frequentie=Berichtfrequentie.WEKELIJKS)

    def van_wijken(self):
        """People following a whole ward."""
        return self.filter(onderwerp__isnull=True)

    def van_onderwerpen(self):
        """People following one item (their ``wijk`` is the item's)."""
        return self.filter(onderwerp__isnull=False)


class Volger(models.Model):
    """A signed-in resident following a ward: an email with its new public items, steps
    and visits, immediately or once a week. ``laatst_bericht`` is where the next email
    starts, so nothing is sent twice and nothing is skipped.

    With ``onderwerp`` set, the person follows that one item instead of the whole ward: an
    email right away with each public step it takes. ``wijk`` is then the item's ward, so
    the ward's news run (``wijken.volgen``) serves both kinds with the same windows,
    locks and unsubscribe links."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gevolgde_wijken"
    )
    wijk = models.ForeignKey(
        Wijk, verbose_name=_("ward"), on_delete=models.CASCADE, related_name="volgers"
    )
    # The one upward reference of this app (a string, no import): following one item is
    # the ward's news for one item, and belongs with the rest of following.
    onderwerp = models.ForeignKey(
        "initiatieven.Onderwerp",
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="volgers",
    )
    frequentie = models.CharField(
        _("how often"),
        max_length=10,
        choices=Berichtfrequentie.choices,
        default=Berichtfrequentie.WEKELIJKS,
    )
    laatst_bericht = models.DateTimeField(_("news up to"), default=timezone.now)
    aangemaakt = models.DateTimeField(_("following since"), default=timezone.now)

    objects = VolgerQuerySet.as_manager()

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        ordering = ["wijk__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "wijk"],
                condition=Q(onderwerp__isnull=True),
                name="volger_eenmaal_per_wijk",
            ),
            models.UniqueConstraint(
                fields=["gebruiker", "onderwerp"],
                condition=Q(onderwerp__isnull=False),
                name="volger_eenmaal_per_onderwerp",
            ),
            # Following an item is always right away: each public step is one email.
            models.CheckConstraint(
                condition=Q(onderwerp__isnull=True) | Q(frequentie=Berichtfrequentie.DIRECT),
                name="volger_onderwerp_direct",
            ),
            models.CheckConstraint(
                condition=Q(frequentie__in=Berichtfrequentie.values), name="volger_frequentie"
            ),
        ]

    def __str__(self):
        if self.onderwerp_id:
            return f"{self.gebruiker} → {self.wijk} #{self.onderwerp_id}"
        return f"{self.gebruiker} → {self.wijk}"


class CacheVersion(models.Model):
    """The version of one key of the page cache (``wijken.pagecache``): a model, or a model
    in one scope (``initiatieven.onderwerp:wijk=3``), raised after every transaction that
    wrote such rows. Read once per cached fragment; never shown."""

    key = models.CharField(max_length=200, primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("page cache version")
        verbose_name_plural = _("page cache versions")

    def __str__(self):
        return f"{self.key}={self.version}"

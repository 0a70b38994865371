"""Reads of items, timelines and actions: every list the pages show is a method here."""

import datetime
from collections.abc import Callable

from django.apps import apps
from django.db import connection, models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, NullIf, TruncMonth
from django.utils import timezone

from contacten.models import Agendapunt, AgendapuntStatus
from contacten.permissions import heeft_rol, is_college_of_griffie
from contacten.rollen import Rol
from initiatieven.keuzes import AFGESLOTEN, GEESCALEERD, OPEN, Soort, Status

#: Longer search input is cut: nobody types more, and it keeps every search cheap.
ZOEK_MAX = 200


def _publieke_tekst(veld: str):
    # output_field: the description is a TextField and Value("") a CharField.
    tekst = models.TextField()
    return Coalesce(
        NullIf(F(f"publieke_{veld}"), Value(""), output_field=tekst), F(veld), output_field=tekst
    )


# --- the dashboard's figures ----------------------------------------------------------------
# Each figure of the ward dashboard is one condition below. The dashboard counts with it and
# the list behind the figure filters with it, so the figure and the list always agree.

# Open (worked on, or parked with a revisit: "not possible yet" is not an answer for good)
# and escalated (with the alderman or on an agenda) are groups of the workflow's states.


#: States the advisor works on (the work queue's rank 3, below what awaits a first response
#: or a due revisit, above what waits for the alderman or an agenda).
_ADVISEUR_WERKT = frozenset({Status.INGEDIEND, Status.IN_BEHANDELING, Status.IN_UITVOERING})


def begin_deze_maand() -> datetime.datetime:
    """Local midnight of the first day of the current month, as an aware datetime."""
    vandaag = timezone.localdate()
    return timezone.make_aware(datetime.datetime(vandaag.year, vandaag.month, 1))


def _q_open() -> Q:
    return Q(status__in=OPEN)


def _q_te_laat() -> Q:
    return Q(
        status=Status.INGEDIEND,
        eerste_reactie_op__isnull=True,
        eerste_reactie_voor__lt=timezone.localdate(),
    )


def _q_te_herbezien(op=None) -> Q:
    return Q(status=Status.NOG_NIET_MOGELIJK, herbezien_op__lte=op or timezone.localdate())


#: Figure name -> its condition. The names are also the list's GET filters.
KENGETALLEN: dict[str, Callable[[], Q]] = {
    "open": _q_open,
    # Submitted since the first of this month, whatever has happened to it since.
    "nieuw": lambda: Q(ingediend_op__gte=begin_deze_maand()) & ~Q(status=Status.CONCEPT),
    "wacht_op_wethouder": lambda: Q(status=Status.BIJ_WIJKWETHOUDER),
    "geescaleerd": lambda: Q(status__in=GEESCALEERD),
    # Past the alderman: proposed for or on the agenda of the college or the council. With
    # "wacht_op_wethouder" it splits "geescaleerd" in two, so tiles side by side never
    # count one item twice.
    "op_agenda": lambda: Q(status__in=GEESCALEERD - {Status.BIJ_WIJKWETHOUDER}),
    "te_laat": _q_te_laat,
    "te_herbezien": _q_te_herbezien,
    "kansrijk": lambda: Q(kansrijk=True) & _q_open(),
    # Open bottlenecks; the list behind it shows the oldest first.
    "langst_open": lambda: Q(soort=Soort.KNELPUNT) & _q_open(),
}


#: The figures that only ever count open items (every one but "nieuw", which counts this
#: month's submissions whatever became of them).
BINNEN_OPEN = frozenset(KENGETALLEN) - {"nieuw"}


def _q_telt_mee() -> Q:
    """Every row any figure of ``KENGETALLEN`` can count: open items (all status-based
    figures are within ``OPEN``) and the items submitted this month. Counting only these
    leaves out the bulk of ten years of settled items (a partial index holds the open ones)."""
    return _q_open() | Q(ingediend_op__gte=begin_deze_maand())


def _maanden_terug(aantal: int) -> list[datetime.date]:
    """The first days of the last ``aantal`` calendar months, this month last."""
    vandaag = timezone.localdate()
    index = vandaag.year * 12 + vandaag.month - 1
    return [datetime.date(i // 12, i % 12 + 1, 1) for i in range(index - aantal + 1, index + 1)]


def _maand(waarde) -> tuple[int, int]:
    """(year, month) of what TruncMonth gives back: a date, or a datetime in local time."""
    if isinstance(waarde, datetime.datetime) and timezone.is_aware(waarde):
        waarde = timezone.localtime(waarde)
    return (waarde.year, waarde.month)


class _Zoekvector(models.Expression):
    """The stored ``zoekvector`` column of the item table (PostgreSQL only, kept by the
    database: see migration 0003_zoekvector), under whatever alias the query gives it."""

    def __init__(self):
        from django.contrib.postgres.search import SearchVectorField

        super().__init__(output_field=SearchVectorField())

    def as_sql(self, compiler, connection):
        tabel = compiler.quote_name(compiler.query.get_initial_alias())
        return f"{tabel}.{connection.ops.quote_name('zoekvector')}", []


class OnderwerpQuerySet(models.QuerySet):
    def met_lijstgegevens(self):
        """What a list row shows (ward, theme, neighbourhood, and whether an item with the
        college is only proposed: ``Onderwerp.voorstel_open``) in the same query."""
        return self.select_related("wijk", "thema", "buurt").met_voorstel_open()

    def met_voorstel_open(self):
        """Annotate ``voorstel_open`` (see ``Onderwerp.voorstel_open``): the status badge
        of a list row then needs no query of its own."""
        voorgesteld = Agendapunt.objects.filter(
            onderwerpen=OuterRef("pk"), status=AgendapuntStatus.VOORGESTELD
        )
        return self.annotate(
            voorstel_open=Case(
                When(status=Status.GEAGENDEERD_COLLEGE, then=Exists(voorgesteld)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def openbaar(self):
        """Published items: visible to everyone."""
        return self.filter(openbaar=True).exclude(status=Status.CONCEPT)

    def recente_resultaten(self):
        """Published items that were completed, the most recently completed first: what
        the ward achieved (the ward page shows a few)."""
        return self.openbaar().filter(status=Status.AFGEROND).order_by("-afgehandeld_op", "-pk")

    def van_indiener(self, user):
        """The person's own items, drafts included, newest first."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(indiener=user).order_by("-aangemaakt")

    def van_wijken(self, wijk_ids):
        return self.filter(wijk_id__in=wijk_ids)

    def voor_werkvoorraad(self, user):
        """The items of the wards this advisor or community worker is designated for,
        drafts excluded, in the order of what needs the advisor now (``urgentie``): 0 an
        overdue first response, 1 a first response still to give, 2 a revisit that is due,
        3 items the advisor is working on, 4 items waiting for the alderman or an agenda,
        5 parked ("not possible yet", revisit not due), 6 closed; the nearest deadline
        first within each rank, then the oldest."""
        if heeft_rol(user, Rol.WIJKADVISEUR):
            filter_ = Q(wijk__wijkadviseur=user)
        elif heeft_rol(user, Rol.OPBOUWWERKER):
            filter_ = Q(wijk__opbouwwerker=user)
        else:
            return self.none()
        vandaag = timezone.localdate()
        onbeantwoord = Q(status=Status.INGEDIEND, eerste_reactie_op__isnull=True)
        return (
            self.filter(filter_)
            .exclude(status=Status.CONCEPT)
            .annotate(
                te_laat=Case(
                    When(onbeantwoord & Q(eerste_reactie_voor__lt=vandaag), then=Value(True)),
                    default=Value(False),
                    output_field=models.BooleanField(),
                ),
                urgentie=Case(
                    When(onbeantwoord & Q(eerste_reactie_voor__lt=vandaag), then=Value(0)),
                    When(onbeantwoord, then=Value(1)),
                    When(_q_te_herbezien(vandaag), then=Value(2)),
                    When(status__in=_ADVISEUR_WERKT, then=Value(3)),
                    When(status__in=GEESCALEERD, then=Value(4)),
                    When(status=Status.NOG_NIET_MOGELIJK, then=Value(5)),
                    default=Value(6),  # closed
                    output_field=models.IntegerField(),
                ),
            )
            .met_lijstgegevens()
            # The deadline only orders the unanswered ranks (every submitted item has one,
            # so later ranks fall back to the oldest first); the key last: a stable order,
            # the same for the page's keys and its rows.
            .order_by(
                "urgentie",
                Case(
                    When(urgentie__lte=1, then=F("eerste_reactie_voor")),
                    When(urgentie=2, then=F("herbezien_op")),
                    default=Value(None),
                    output_field=models.DateField(),
                ).asc(nulls_last=True),
                "ingediend_op",
                "pk",
            )
        )

    def zonder_afgesloten(self):
        """Without completed, impossible and withdrawn items: the work queue hides them
        unless asked."""
        return self.exclude(status__in=AFGESLOTEN)

    def te_laat(self):
        """Submitted items whose first response is overdue."""
        return self.filter(_q_te_laat())

    def te_herbezien(self, op=None):
        """'Not possible yet' items whose revisit date has come."""
        return self.filter(_q_te_herbezien(op))

    def bij_wethouder(self, user):
        """Items escalated to this alderman, for the wards they are designated for."""
        if not heeft_rol(user, Rol.WIJKWETHOUDER):
            return self.none()
        return (
            self.filter(status=Status.BIJ_WIJKWETHOUDER, wijk__wijkwethouder=user)
            .met_lijstgegevens()
            .met_teruggave_reden()
            .order_by("gewijzigd")
        )

    def met_teruggave_reden(self):
        """Annotate ``teruggave_reden``: the griffie's reason when the item's latest arrival
        with the alderman was a returned college proposal, "" otherwise (an escalation by
        the advisor brings advice instead). One subquery, no extra query."""
        stap = apps.get_model("initiatieven", "Statuswijziging")
        laatste = (
            stap.objects.filter(onderwerp=OuterRef("pk"), naar=Status.BIJ_WIJKWETHOUDER)
            .order_by("-tijdstip", "-pk")
            .annotate(
                reden=Case(
                    When(van=Status.GEAGENDEERD_COLLEGE, then=F("publieke_toelichting")),
                    default=Value(""),
                    output_field=models.TextField(),
                )
            )
            .values("reden")[:1]
        )
        return self.annotate(
            teruggave_reden=Coalesce(
                Subquery(laatste, output_field=models.TextField()),
                Value(""),
                output_field=models.TextField(),
            )
        )

    def zichtbaar_voor(self, user):
        """Everything this person may open: published items, their own, and (officials)
        their wards' items; college and griffie see every ward."""
        zichtbaar = Q(openbaar=True) & ~Q(status=Status.CONCEPT)
        if user and user.is_authenticated and user.is_active:
            zichtbaar |= Q(indiener=user)
            if is_college_of_griffie(user):
                zichtbaar |= ~Q(status=Status.CONCEPT)
            else:
                ambt = (
                    Q(wijk__wijkadviseur=user)
                    | Q(wijk__opbouwwerker=user)
                    | Q(wijk__wijkwethouder=user)
                )
                zichtbaar |= ambt & ~Q(status=Status.CONCEPT)
        return self.filter(zichtbaar)

    def zoeken(self, term: str, *, rangschikken: bool = False):
        """Full-text search in the public title and description, in the queryset's own
        order (the public list: newest first); with ``rangschikken``, best match first.

        Ranking is only done when asked: ``ts_rank`` reads and scores every match (5,000
        and more for a common word on the load data set, ~50 ms), where newest-first
        stops at the first page of matches along the date index.

        PostgreSQL: the Dutch and the simple configuration together, so that both a
        stemmed form ("fietsen") and a literal word ("fiets") find; websearch syntax, so
        quotes and operators typed by a person never raise. SQLite (demo): every word must
        occur in the title or description, case-insensitively.
        """
        term = " ".join((term or "").split())[:ZOEK_MAX]
        if not term:
            return self
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank

            # The tsvector is kept by the database (migration 0003_zoekvector, GIN index).
            vector = _Zoekvector()
            query = SearchQuery(term, config="dutch", search_type="websearch") | SearchQuery(
                term, config="simple", search_type="websearch"
            )
            gevonden = self.annotate(_zoek=vector).filter(_zoek=query)
            if not rangschikken:
                return gevonden
            return gevonden.annotate(zoekrang=SearchRank(vector, query)).order_by(
                "-zoekrang", "-ingediend_op", "-aangemaakt"
            )
        resultaat = self.annotate(
            _titel=_publieke_tekst("titel"), _beschrijving=_publieke_tekst("beschrijving")
        )
        for woord in term.split()[:10]:
            resultaat = resultaat.filter(
                Q(_titel__icontains=woord) | Q(_beschrijving__icontains=woord)
            )
        return resultaat

    def aantallen_werkvoorraad(self) -> tuple[dict[str, int], int, int]:
        """The counts above the work queue in one query: ({status: count}, the overdue
        first responses, the items due for revisit)."""
        rijen = (
            self.order_by()
            .values_list("status")
            .annotate(
                n=Count("pk"),
                n_te_laat=Count("pk", filter=_q_te_laat()),
                n_te_herbezien=Count("pk", filter=_q_te_herbezien()),
            )
        )
        per_status, te_laat, te_herbezien = {}, 0, 0
        for status, n, n_te_laat, n_te_herbezien in rijen:
            per_status[status] = n
            te_laat += n_te_laat
            te_herbezien += n_te_herbezien
        return per_status, te_laat, te_herbezien

    # --- dashboards ---------------------------------------------------------------------

    def open(self):
        """Open items: being worked on, or parked as 'not possible yet' (see ``OPEN``)."""
        return self.filter(_q_open())

    def met_kengetal(self, naam: str):
        """The items behind one dashboard figure (a key of ``KENGETALLEN``)."""
        return self.filter(KENGETALLEN[naam]())

    def kengetallen(self) -> dict[str, int]:
        """Every figure of ``KENGETALLEN`` over these items, in one query."""
        return (
            self.filter(_q_telt_mee())
            .order_by()
            .aggregate(
                **{
                    naam: Count("pk", filter=voorwaarde())
                    for naam, voorwaarde in KENGETALLEN.items()
                }
            )
        )

    def kengetallen_per_wijk(self, namen=None) -> dict[int, dict[str, int]]:
        """{ward id: the figures of ``KENGETALLEN`` (or only those in ``namen``)} for every
        ward with open or new items, in one query (a ward missing here has zero of
        everything). Asked for figures among open items only, it reads the open rows
        alone, from the covering partial index ``onderwerp_open_cijfers_idx``: an
        index-only scan instead of fetching some 30,000 scattered rows of the table."""
        namen = list(namen or KENGETALLEN)
        telt_mee = _q_open() if set(namen) <= BINNEN_OPEN else _q_telt_mee()
        rijen = (
            self.filter(telt_mee)
            .order_by()
            .values("wijk_id")
            # COUNT(status), not COUNT(id): status is never empty and is in the index; the
            # id is not.
            .annotate(**{naam: Count("status", filter=KENGETALLEN[naam]()) for naam in namen})
        )
        return {rij.pop("wijk_id"): rij for rij in rijen}

    def open_verdeling(self) -> list[dict]:
        """Open items counted per (status, kind, theme), one query; the dashboard adds
        them up per status, per kind and per theme. Rows: status, soort, thema_id,
        thema__naam, aantal."""
        return list(
            self.open()
            .order_by()
            .values("status", "soort", "thema_id", "thema__naam")
            .annotate(aantal=Count("pk"))
        )

    def trend_per_maand(self, maanden: int = 12) -> list[dict]:
        """Per calendar month of the last ``maanden`` (this month included, months without
        any too): items raised (``ingediend_op``) and items settled (the step into
        afgerond or niet_mogelijk, see ``AFGEHANDELD``, kept as ``afgehandeld_op``). Two
        queries, oldest month first.
        Rows: maand (first day, a date), ingediend, afgehandeld."""
        eerste_dagen = _maanden_terug(maanden)
        begin = timezone.make_aware(datetime.datetime.combine(eerste_dagen[0], datetime.time.min))
        ingediend = {
            _maand(maand): aantal
            for maand, aantal in self.filter(ingediend_op__gte=begin)
            .exclude(status=Status.CONCEPT)
            .annotate(maand=TruncMonth("ingediend_op"))
            .order_by()
            .values_list("maand")
            .annotate(aantal=Count("pk"))
        }
        afgehandeld = {
            _maand(maand): aantal
            for maand, aantal in self.filter(afgehandeld_op__gte=begin)
            .annotate(maand=TruncMonth("afgehandeld_op"))
            .order_by()
            .values_list("maand")
            .annotate(aantal=Count("pk"))
        }
        return [
            {
                "maand": dag,
                "ingediend": ingediend.get((dag.year, dag.month), 0),
                "afgehandeld": afgehandeld.get((dag.year, dag.month), 0),
            }
            for dag in eerste_dagen
        ]


class StatuswijzigingQuerySet(models.QuerySet):
    def publiek(self):
        """The steps shown on the public timeline (never the internal note)."""
        return self.exclude(naar=Status.CONCEPT).order_by("tijdstip", "pk")


class ActieQuerySet(models.QuerySet):
    def open(self):
        return self.filter(gedaan=False)

    def verlopen(self):
        return self.open().filter(deadline__lt=timezone.localdate())

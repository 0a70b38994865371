"""Reads of items, timelines and actions: every list the pages show is a method here."""

from django.db import connection, models
from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from contacten.models import Rol
from contacten.permissions import heeft_rol, is_college_of_griffie
from initiatieven.keuzes import AFGESLOTEN, Status

#: Longer search input is cut: nobody types more, and it keeps every search cheap.
ZOEK_MAX = 200


def _publieke_tekst(veld: str):
    # output_field: the description is a TextField and Value("") a CharField.
    tekst = models.TextField()
    return Coalesce(
        NullIf(F(f"publieke_{veld}"), Value(""), output_field=tekst), F(veld), output_field=tekst
    )


class OnderwerpQuerySet(models.QuerySet):
    def met_lijstgegevens(self):
        """What a list row shows (ward, theme, neighbourhood) in the same query."""
        return self.select_related("wijk", "thema", "buurt")

    def openbaar(self):
        """Published items: visible to everyone."""
        return self.filter(openbaar=True).exclude(status=Status.CONCEPT)

    def van_indiener(self, user):
        """The person's own items, drafts included, newest first."""
        if not (user and user.is_authenticated):
            return self.none()
        return self.filter(indiener=user).order_by("-aangemaakt")

    def van_wijken(self, wijk_ids):
        return self.filter(wijk_id__in=wijk_ids)

    def voor_werkvoorraad(self, user):
        """The items of the wards this advisor or community worker is designated for,
        drafts excluded, urgent first: overdue first responses, then oldest submitted."""
        if heeft_rol(user, Rol.WIJKADVISEUR):
            filter_ = Q(wijk__wijkadviseur=user)
        elif heeft_rol(user, Rol.OPBOUWWERKER):
            filter_ = Q(wijk__opbouwwerker=user)
        else:
            return self.none()
        vandaag = timezone.localdate()
        return (
            self.filter(filter_)
            .exclude(status=Status.CONCEPT)
            .annotate(
                te_laat=Case(
                    When(
                        status=Status.INGEDIEND,
                        eerste_reactie_op__isnull=True,
                        eerste_reactie_voor__lt=vandaag,
                        then=Value(True),
                    ),
                    default=Value(False),
                    output_field=models.BooleanField(),
                ),
                afgesloten=Case(
                    When(status__in=AFGESLOTEN, then=Value(True)),
                    default=Value(False),
                    output_field=models.BooleanField(),
                ),
            )
            .met_lijstgegevens()
            .order_by("afgesloten", "-te_laat", "eerste_reactie_voor", "-ingediend_op")
        )

    def te_laat(self):
        """Submitted items whose first response is overdue."""
        return self.filter(
            status=Status.INGEDIEND,
            eerste_reactie_op__isnull=True,
            eerste_reactie_voor__lt=timezone.localdate(),
        )

    def te_herbezien(self, op=None):
        """'Not possible yet' items whose revisit date has come."""
        return self.filter(
            status=Status.NOG_NIET_MOGELIJK, herbezien_op__lte=op or timezone.localdate()
        )

    def bij_wethouder(self, user):
        """Items escalated to this alderman, for the wards they are designated for."""
        if not heeft_rol(user, Rol.WIJKWETHOUDER):
            return self.none()
        return (
            self.filter(status=Status.BIJ_WIJKWETHOUDER, wijk__wijkwethouder=user)
            .met_lijstgegevens()
            .order_by("gewijzigd")
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

    def zoeken(self, term: str):
        """Full-text search in the public title and description.

        PostgreSQL: the Dutch and the simple configuration together, so that both a
        stemmed form ("fietsen") and a literal word ("fiets") find; websearch syntax, so
        quotes and operators typed by a person never raise. SQLite (demo): every word must
        occur in the title or description, case-insensitively.
        """
        term = " ".join((term or "").split())[:ZOEK_MAX]
        if not term:
            return self
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

            titel, beschrijving = _publieke_tekst("titel"), _publieke_tekst("beschrijving")
            vector = (
                SearchVector(titel, config="dutch", weight="A")
                + SearchVector(titel, config="simple", weight="A")
                + SearchVector(beschrijving, config="dutch", weight="B")
                + SearchVector(beschrijving, config="simple", weight="B")
            )
            query = SearchQuery(term, config="dutch", search_type="websearch") | SearchQuery(
                term, config="simple", search_type="websearch"
            )
            return (
                self.annotate(_zoek=vector, zoekrang=SearchRank(vector, query))
                .filter(_zoek=query)
                .order_by("-zoekrang", "-ingediend_op")
            )
        resultaat = self.annotate(
            _titel=_publieke_tekst("titel"), _beschrijving=_publieke_tekst("beschrijving")
        )
        for woord in term.split()[:10]:
            resultaat = resultaat.filter(
                Q(_titel__icontains=woord) | Q(_beschrijving__icontains=woord)
            )
        return resultaat

    def aantallen_per_status(self) -> dict[str, int]:
        """{status: count} in one query."""
        return dict(self.order_by().values_list("status").annotate(n=Count("pk")))


class StatuswijzigingQuerySet(models.QuerySet):
    def publiek(self):
        """The steps shown on the public timeline (never the internal note)."""
        return self.exclude(naar=Status.CONCEPT).order_by("tijdstip", "pk")


class ActieQuerySet(models.QuerySet):
    def open(self):
        return self.filter(gedaan=False)

    def verlopen(self):
        return self.open().filter(deadline__lt=timezone.localdate())

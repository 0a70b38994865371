"""Published initiatives and bottlenecks, filtered like the public list."""

from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from contacten.models import Agendapunt
from initiatieven.keuzes import AFGESLOTEN, Soort, Status
from initiatieven.models import Onderwerp
from initiatieven.selectors import filteren, met_tijdlijn, tijdlijn
from opendata.api.basis import FOUTEN, SJABLOON, bekende_parameters, gecached
from opendata.api.paginering import CursorPaginering
from opendata.api.parameters import Id, Tekst, Wijkcode
from opendata.api.schemas import OnderwerpSamenvatting, OnderwerpUit
from wijken import pagecache
from wijken.models import Wijk

router = Router(tags=["onderwerpen"])

_STATUSSEN = tuple(s for s in Status.values if s != Status.CONCEPT)


class OnderwerpFilter(Schema):
    wijk: Wijkcode | None = None
    soort: Literal[tuple(Soort.values)] | None = None
    status: Literal[_STATUSSEN] | None = None
    statusgroep: Literal["open", "afgesloten"] | None = Field(
        None,
        description="open: the municipality is working on it (or will look again); "
        "afgesloten: completed, not possible, or withdrawn.",
    )
    thema: Id | None = Field(None, description="A theme's id (see an item's thema.id).")
    q: Tekst | None = Field(
        None, description="Search in the public title and description, as the public list."
    )


def _gefilterd(filters: OnderwerpFilter):
    """The public list's queryset, its filters and its search (newest-first order is
    replaced by the cursor's key)."""
    waarden = {}
    if filters.wijk:
        wijk_id = Wijk.objects.filter(code=filters.wijk).values_list("pk", flat=True).first()
        if wijk_id is None:
            raise HttpError(400, f"Unknown ward code: {filters.wijk}.")
        waarden["wijk"] = wijk_id
    for naam in ("soort", "status", "thema"):
        if getattr(filters, naam):
            waarden[naam] = getattr(filters, naam)
    rijen = filteren(Onderwerp.objects.openbaar().met_lijstgegevens(), waarden)
    if filters.statusgroep == "open":
        rijen = rijen.open()
    elif filters.statusgroep == "afgesloten":
        rijen = rijen.filter(status__in=AFGESLOTEN)
    if filters.q:
        rijen = rijen.zoeken(filters.q)
    # The public name needs the submitter's display name (only shown if they chose so).
    return rijen.select_related("indiener")


#: The item list as a declared piece of the page cache: the same for everyone (filters,
#: cursor, limit and language are in its address and key), renewed on a write of a row it
#: shows. Nothing in it follows the clock.
LIJST = pagecache.Fragment(
    name="api onderwerpen",
    template=SJABLOON,
    shows={
        "initiatieven.Onderwerp": pagecache.ALL,
        "initiatieven.Thema": pagecache.ALL,
        "wijken.Wijk": pagecache.ALL,
        "wijken.Buurt": pagecache.ALL,
        # The submitter's display name, for those who chose to appear by name.
        "contacten.Gebruiker": pagecache.ALL,
        # An item proposed for the college's agenda says so in its status_label.
        "contacten.Agendapunt": pagecache.ALL,
    },
)


@router.get(
    "/onderwerpen", response={200: list[OnderwerpSamenvatting], **FOUTEN}, url_name="onderwerpen"
)
@gecached(LIJST)
@paginate(CursorPaginering, lijst="onderwerpen", sleutel="-pk", soort=int)
def onderwerpen(request, filters: Query[OnderwerpFilter]):
    """Published initiatives and bottlenecks, the newest first (by id)."""
    bekende_parameters(request, OnderwerpFilter)
    return _gefilterd(filters)


@router.get("/onderwerpen/{id}", response={200: OnderwerpUit, **FOUTEN}, url_name="onderwerp")
def onderwerp(request, id: Path[Id]):  # noqa: A002 - the path parameter's public name
    """One published item as its public page shows it: the public timeline, the
    municipality's role, and the agenda items, decisions and commitments that carry it.
    An item that is not published is a 404, as if it did not exist."""
    bekende_parameters(request)
    gevonden = get_object_or_404(
        met_tijdlijn(
            Onderwerp.objects.openbaar()
            .select_related("wijk", "thema", "buurt", "groep", "indiener")
            .met_voorstel_open()
        ),
        pk=id,
    )
    gevonden.tijdlijn = tijdlijn(gevonden, intern=False)
    gevonden.agenda = list(
        Agendapunt.objects.van_onderwerp(gevonden.pk).prefetch_related(
            "besluit__toezeggingen__wijk"
        )
    )
    return gevonden

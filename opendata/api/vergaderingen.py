"""Meetings with their agendas, and decisions."""

import datetime
from typing import Literal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from contacten.models import Agendapunt, Besluit, Orgaan, Resultaat, Vergadering
from initiatieven.models import Onderwerp
from opendata.api.basis import FOUTEN, SJABLOON, bekende_parameters, gecached
from opendata.api.paginering import CursorPaginering
from opendata.api.parameters import Id
from opendata.api.schemas import BesluitUit, VergaderingUit
from wijken import pagecache

router = Router(tags=["vergaderingen en besluiten"])


class Periode(Schema):
    orgaan: Literal[tuple(Orgaan.values)] | None = None
    van: datetime.date | None = Field(None, description="From this date (YYYY-MM-DD).")
    tot: datetime.date | None = Field(None, description="Up to and including this date.")


class BesluitFilter(Periode):
    resultaat: Literal[tuple(Resultaat.values)] | None = None


def _vergaderingen():
    # The public agenda (accepted items only, published items only) as the meeting page
    # reads it, plus the wards of the commitments: a fixed number of queries.
    return (
        Vergadering.objects.gepubliceerd()
        .met_agenda(publiek=True)
        .prefetch_related("agendapunten__besluit__toezeggingen__wijk")
    )


#: What a meeting and a decision show, as declared pieces of the page cache (see the item
#: list): the meeting, its accepted agenda items, their decisions and commitments (with
#: the commitment's ward), and the published items they carry (with their ward). A
#: meeting's status is the griffie's, not the clock's: nothing follows the clock.
_VERGADERING_TOONT = {
    "contacten.Vergadering": pagecache.ALL,
    "contacten.Agendapunt": pagecache.ALL,
    "contacten.Besluit": pagecache.ALL,
    "contacten.Toezegging": pagecache.ALL,
    "initiatieven.Onderwerp": pagecache.ALL,
    "wijken.Wijk": pagecache.ALL,
}
VERGADERINGEN = pagecache.Fragment(
    name="api vergaderingen", template=SJABLOON, shows=_VERGADERING_TOONT
)
BESLUITEN = pagecache.Fragment(name="api besluiten", template=SJABLOON, shows=_VERGADERING_TOONT)


@router.get(
    "/vergaderingen", response={200: list[VergaderingUit], **FOUTEN}, url_name="vergaderingen"
)
@gecached(VERGADERINGEN)
@paginate(CursorPaginering, lijst="vergaderingen", sleutel="-pk", soort=int)
def vergaderingen(request, filters: Query[Periode]):
    """Published and held meetings of the college and the council, the newest first (by
    id), each with its public agenda and decisions."""
    bekende_parameters(request, Periode)
    rijen = _vergaderingen()
    if filters.orgaan:
        rijen = rijen.filter(orgaan=filters.orgaan)
    if filters.van:
        rijen = rijen.filter(begin__date__gte=filters.van)
    if filters.tot:
        rijen = rijen.filter(begin__date__lte=filters.tot)
    return rijen


@router.get("/vergaderingen/{id}", response={200: VergaderingUit, **FOUTEN}, url_name="vergadering")
def vergadering(request, id: Path[Id]):  # noqa: A002 - the path parameter's public name
    """One published meeting; a draft is a 404."""
    bekende_parameters(request)
    return get_object_or_404(_vergaderingen(), pk=id)


def _besluiten():
    """Decisions on the public agenda items (accepted, of a published meeting)."""
    return (
        Besluit.objects.filter(agendapunt__in=Agendapunt.objects.openbaar())
        .select_related("agendapunt__vergadering")
        .prefetch_related(
            Prefetch(
                "agendapunt__onderwerpen",
                queryset=Onderwerp.objects.openbaar().select_related("wijk"),
                to_attr="openbare_onderwerpen",
            ),
            "toezeggingen__wijk",
        )
    )


@router.get("/besluiten", response={200: list[BesluitUit], **FOUTEN}, url_name="besluiten")
@gecached(BESLUITEN)
@paginate(CursorPaginering, lijst="besluiten", sleutel="-pk", soort=int)
def besluiten(request, filters: Query[BesluitFilter]):
    """Decisions of the college and the council, the newest first (by id), with their
    commitments and the published items they concern."""
    bekende_parameters(request, BesluitFilter)
    rijen = _besluiten()
    if filters.orgaan:
        rijen = rijen.filter(agendapunt__vergadering__orgaan=filters.orgaan)
    if filters.resultaat:
        rijen = rijen.filter(resultaat=filters.resultaat)
    if filters.van:
        rijen = rijen.filter(vastgelegd_op__date__gte=filters.van)
    if filters.tot:
        rijen = rijen.filter(vastgelegd_op__date__lte=filters.tot)
    return rijen


@router.get("/besluiten/{id}", response={200: BesluitUit, **FOUTEN}, url_name="besluit")
def besluit(request, id: Path[Id]):  # noqa: A002 - the path parameter's public name
    """One decision on a public agenda item; any other is a 404."""
    bekende_parameters(request)
    return get_object_or_404(_besluiten(), pk=id)

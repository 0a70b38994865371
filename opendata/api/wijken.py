"""Wards with their neighbourhoods, CBS codes and key figures."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from opendata.api.basis import FOUTEN, SJABLOON, bekende_parameters, gecached
from opendata.api.paginering import CursorPaginering
from opendata.api.parameters import Gemeentecode, Tekst, Wijkcode
from opendata.api.schemas import WijkUit
from wijken import pagecache
from wijken.models import Buurt, Kerncijfers, Wijk

router = Router(tags=["wijken"])


class WijkFilter(Schema):
    gemeente: Gemeentecode | None = None
    q: Tekst | None = Field(
        None, description="Part of the name of the ward, its municipality or a neighbourhood."
    )


def _wijken():
    # Three queries for any number of wards: the wards, their neighbourhoods, their figures.
    return Wijk.objects.prefetch_related(
        Prefetch("buurten", queryset=Buurt.objects.order_by("code")),
        Prefetch("buurten__kerncijfers", queryset=Kerncijfers.objects.order_by("-jaar")),
    )


#: The ward list as a declared piece of the page cache (see the item list): the wards,
#: their neighbourhoods and their key figures. Nothing in it follows the clock.
LIJST = pagecache.Fragment(
    name="api wijken",
    template=SJABLOON,
    shows={
        "wijken.Wijk": pagecache.ALL,
        "wijken.Buurt": pagecache.ALL,
        "wijken.Kerncijfers": pagecache.ALL,
    },
)


@router.get("/wijken", response={200: list[WijkUit], **FOUTEN}, url_name="wijken")
@gecached(LIJST)
@paginate(CursorPaginering, lijst="wijken", sleutel="code", soort=str)
def wijken(request, filters: Query[WijkFilter]):
    """The wards in use (not archived after a CBS re-division), by CBS code."""
    bekende_parameters(request, WijkFilter)
    rijen = _wijken().actief()
    if filters.gemeente:
        rijen = rijen.filter(gemeentecode=filters.gemeente)
    if filters.q:
        rijen = rijen.zoeken(filters.q)
    return rijen


@router.get("/wijken/{code}", response={200: WijkUit, **FOUTEN}, url_name="wijk")
def wijk(request, code: Path[Wijkcode]):
    """One ward by its CBS code, also one no longer in use (its page stays too)."""
    bekende_parameters(request)
    return get_object_or_404(_wijken(), code=code)

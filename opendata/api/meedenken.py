"""The municipality's published questions to the wards, with their feedback once published.

What the public list and question page show: never a response, never a respondent, never
a draft question or draft feedback; the counts of the options only once the results are
public (``Meedenkvraag.toont_uitslag``); the items and agenda item the feedback names only
when they are public.
"""

from typing import Literal

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from contacten.models import Agendapunt, Toezegging
from initiatieven.models import Onderwerp
from meedenken.models import Keuzeoptie, Meedenkvraag, Staat
from opendata.api.basis import FOUTEN, SJABLOON, bekende_parameters, gecached
from opendata.api.paginering import CursorPaginering
from opendata.api.parameters import Id, Wijkcode
from opendata.api.schemas import MeedenkvraagSamenvatting, MeedenkvraagUit
from wijken import pagecache
from wijken.models import Buurt, Wijk

router = Router(tags=["meedenken"])

#: The states a published question can be in (a draft is never shown).
_STATEN = tuple(s for s in Staat.values if s != Staat.CONCEPT)


class MeedenkvraagFilter(Schema):
    wijk: Wijkcode | None = Field(
        None, description="Questions asked of this ward (CBS code), or of all wards."
    )
    staat: Literal[_STATEN] | None = Field(None, description="The state at this moment.")
    thema: Id | None = Field(None, description="A theme's id (see a question's thema.id).")


def _vragen():
    """Published questions with their state now and their number of responses (the public
    list's reads), their theme, feedback, wards and neighbourhoods: a fixed number of
    queries."""
    return (
        Meedenkvraag.objects.gepubliceerd()
        .met_staat()
        .annotate(aantal_inbreng=Count("inbreng", distinct=True))
        .select_related("thema", "terugkoppeling")
        .prefetch_related(
            Prefetch("wijken", queryset=Wijk.objects.order_by("code")),
            Prefetch("buurten", queryset=Buurt.objects.order_by("code")),
        )
    )


#: The list of questions as a declared piece of the page cache (see the item list), like
#: the public list of questions: a question's state follows the clock (it opens and
#: closes at its moments, its feedback falls overdue at a midnight), so it declares the
#: next moment any published question opens or closes, and midnight.
LIJST = pagecache.Fragment(
    name="api meedenkvragen",
    template=SJABLOON,
    shows={
        "meedenken.Meedenkvraag": pagecache.ALL,
        "meedenken.Inbreng": pagecache.ALL,
        "meedenken.Terugkoppeling": pagecache.ALL,
        "initiatieven.Thema": pagecache.ALL,
        "wijken.Wijk": pagecache.ALL,
        "wijken.Buurt": pagecache.ALL,
    },
    moments=(pagecache.next_midnight, lambda c: Meedenkvraag.objects.volgende_wissel()),
)


@router.get(
    "/meedenkvragen",
    response={200: list[MeedenkvraagSamenvatting], **FOUTEN},
    url_name="meedenkvragen",
)
@gecached(LIJST)
@paginate(CursorPaginering, lijst="meedenkvragen", sleutel="-pk", soort=int)
def meedenkvragen(request, filters: Query[MeedenkvraagFilter]):
    """The municipality's published questions to the wards, the newest first (by id)."""
    bekende_parameters(request, MeedenkvraagFilter)
    rijen = _vragen()
    if filters.wijk:
        wijk_id = Wijk.objects.filter(code=filters.wijk).values_list("pk", flat=True).first()
        if wijk_id is None:
            raise HttpError(400, f"Unknown ward code: {filters.wijk}.")
        # Asked of the ward or of all wards, without a join that would repeat rows.
        rijen = rijen.voor_wijk_cijfers(wijk_id)
    if filters.staat:
        rijen = rijen.filter(staat=filters.staat)
    if filters.thema:
        rijen = rijen.filter(thema=filters.thema)
    return rijen


@router.get(
    "/meedenkvragen/{id}", response={200: MeedenkvraagUit, **FOUTEN}, url_name="meedenkvraag"
)
def meedenkvraag(request, id: Path[Id]):  # noqa: A002 - the path parameter's public name
    """One published question as its page shows it: the options (with their counts once
    the results are public) and the feedback once published. A draft is a 404."""
    bekende_parameters(request)
    openbare_onderwerpen = Onderwerp.objects.openbaar().select_related("wijk").order_by("pk")
    return get_object_or_404(
        _vragen().prefetch_related(
            Prefetch(
                "opties",
                queryset=Keuzeoptie.objects.annotate(aantal=Count("inbreng")).order_by(
                    "volgorde", "pk"
                ),
                to_attr="opties_met_aantal",
            ),
            Prefetch("aanleiding", queryset=openbare_onderwerpen, to_attr="openbare_aanleiding"),
            Prefetch(
                "terugkoppeling__onderwerpen",
                queryset=openbare_onderwerpen,
                to_attr="openbare_onderwerpen",
            ),
            # None when the agenda item is not public (a proposal, a draft meeting).
            Prefetch(
                "terugkoppeling__agendapunt",
                queryset=Agendapunt.objects.openbaar()
                .select_related("vergadering", "besluit")
                .prefetch_related(
                    Prefetch(
                        "besluit__toezeggingen",
                        queryset=Toezegging.objects.select_related("wijk"),
                    )
                ),
            ),
        ),
        pk=id,
    )

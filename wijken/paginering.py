"""Paging a list, for every app (the lowest layer): the requested page, and the page
numbers the page navigation (``templates/includes/paginering.html``) shows.

Not the read API's paging (``opendata.api.paginering``, a signed cursor).
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

PER_PAGINA = 20


class BegrensdePaginator(Paginator):
    """Counts at most ``tellen_tot`` rows (one cheap ``LIMIT`` query); ``begrensd`` says
    whether there were more, and the pages stop there."""

    def __init__(self, *args, tellen_tot: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.tellen_tot = tellen_tot
        self.begrensd = False

    @cached_property
    def count(self) -> int:
        # Only the keys: annotations such as the search rank are not computed for the count.
        aantal = self.object_list.order_by().values("pk")[: self.tellen_tot + 1].count()
        self.begrensd = aantal > self.tellen_tot
        return min(aantal, self.tellen_tot)


def pagineren(
    request,
    queryset,
    per_pagina: int = PER_PAGINA,
    *,
    tellen_tot: int | None = None,
    parameter: str = "page",
):
    """The page the query parameter ``parameter`` asks for, with its page numbers as the
    navigation shows them (``pagina.reeks``: two on each side of the current page and the
    first and last, the rest elided). A page number that is not a number or too high gives
    a valid page (the first or the last), never an error. With ``tellen_tot``, counted only
    up to that many (see ``BegrensdePaginator``)."""
    if tellen_tot is None:
        paginator = Paginator(queryset, per_pagina)
    else:
        paginator = BegrensdePaginator(queryset, per_pagina, tellen_tot=tellen_tot)
    pagina = paginator.get_page(request.GET.get(parameter))
    pagina.reeks = list(
        pagina.paginator.get_elided_page_range(pagina.number, on_each_side=2, on_ends=1)
    )
    return pagina

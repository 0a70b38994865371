"""Cursor pagination for the read API's lists.

Page numbers or offsets drift when rows are added while someone walks a list (a row is
seen twice or skipped) and an offset deep into a quarter of a million items reads every
row before it. A cursor is the position after the last row of a page: the next page is
``WHERE key > position`` on a unique, indexed key, the same cost on page 1 and page
10,000, and every row is seen exactly once.

The cursor is opaque and signed (``django.core.signing``, the portal's secret key): a
client cannot forge a position or reuse one list's cursor on another list, and anything
that is not a cursor we issued is a clear 400, never a database error. It carries no time:
the same page always gives the same cursor, so a page kept in the page cache hands out
the cursor a fresh render would.
"""

from typing import Any

from django.core import signing
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PaginationBase

#: Rows per page when the client does not say, and the most it may ask for.
STANDAARD_LIMIET = 25
MAXIMALE_LIMIET = 100

_ZOUT = "opendata.api.cursor.v2"

#: Cursors of the first version were signed with a time stamp (``signing.dumps``); a client
#: walking a list during the deploy that replaced them may finish its walk. A walk takes
#: minutes, so after a day such a cursor is refused like any other invalid one (and this
#: fallback can go in a release after that).
_OUD_ZOUT = "opendata.api.cursor"
OUDE_CURSOR_GELDIG = 24 * 3600


def _ondertekenaar() -> signing.Signer:
    # Made when used, not at import: it reads the secret key (and its fallbacks) then.
    return signing.Signer(salt=_ZOUT)


def maak_cursor(lijst: str, positie) -> str:
    """The cursor of the position ``positie`` in the list ``lijst``: the same text for the
    same position every time."""
    return _ondertekenaar().sign_object([lijst, positie], compress=True)


def _lezen(tekst: str):
    try:
        return _ondertekenaar().unsign_object(tekst)
    except signing.BadSignature:
        return signing.loads(tekst, salt=_OUD_ZOUT, max_age=OUDE_CURSOR_GELDIG)


class CursorPaginering(PaginationBase):
    """Pages of ``limit`` rows in the order of one unique key (``sleutel``: a field name,
    ``-`` in front for descending), continued with ``cursor``."""

    class Input(Schema):
        limit: int = Field(
            STANDAARD_LIMIET,
            ge=1,
            le=MAXIMALE_LIMIET,
            description=f"Rows per page, 1 to {MAXIMALE_LIMIET}.",
        )
        cursor: str | None = Field(
            None,
            max_length=500,
            description="The `volgende_cursor` of the previous page; leave out for the first.",
        )

    class Output(Schema):
        items: list[Any]
        volgende_cursor: str | None = Field(
            description="Pass as `cursor` for the next page; null on the last page."
        )
        volgende: str | None = Field(
            description="The address of the next page (this request with that cursor)."
        )

    items_attribute = "items"

    def __init__(self, *, lijst: str, sleutel: str, soort: type, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # The list's name goes into every cursor, so one list's cursor is refused by another.
        self.lijst = lijst
        self.sleutel = sleutel
        self.veld = sleutel.removeprefix("-")
        self.aflopend = sleutel.startswith("-")
        self.soort = soort

    def _positie(self, cursor: str):
        try:
            lijst, positie = _lezen(cursor)
        except (signing.BadSignature, ValueError, TypeError) as fout:
            raise HttpError(400, "Invalid cursor: use the volgende_cursor of a page.") from fout
        # Signed by us, so only a cursor of another list can get here with the wrong type.
        if lijst != self.lijst or type(positie) is not self.soort:
            raise HttpError(400, "This cursor belongs to another list.")
        return positie

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> Any:
        rijen = queryset.order_by(self.sleutel)
        if pagination.cursor:
            richting = "lt" if self.aflopend else "gt"
            positie = self._positie(pagination.cursor)
            rijen = rijen.filter(**{f"{self.veld}__{richting}": positie})
        # One row more than the page tells whether there is a next page, without a count.
        pagina = list(rijen[: pagination.limit + 1])
        volgende_cursor = volgende = None
        if len(pagina) > pagination.limit:
            pagina = pagina[: pagination.limit]
            volgende_cursor = maak_cursor(self.lijst, getattr(pagina[-1], self.veld))
            query = request.GET.copy()
            query["cursor"] = volgende_cursor
            volgende = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return {"items": pagina, "volgende_cursor": volgende_cursor, "volgende": volgende}

"""``{% atomfeeds pagina obj as feeds %}``: the Atom feeds a page announces.

The pages that have a feed (the public item list, an item, a ward, the meetings, the
commitments and the questions to the wards) name themselves here; which feeds that are,
their addresses and link texts are said once, in this module, beside the feeds
(``opendata.feeds``). The page puts them in
its head (``opendata/includes/feeds_kop.html``: ``<link rel="alternate">``) and shows
them (``opendata/includes/feeds.html``). Reading them costs no query.
"""

from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from initiatieven.keuzes import Soort

register = template.Library()


@dataclass(frozen=True)
class FeedLink:
    url: str
    titel: str


def _onderwerpen(obj) -> list[FeedLink]:
    return [
        FeedLink(reverse("opendata:feed_onderwerpen"), _("All initiatives and bottlenecks")),
        FeedLink(
            reverse("opendata:feed_soort", kwargs={"soort": Soort.INITIATIEF}), _("Initiatives")
        ),
        FeedLink(
            reverse("opendata:feed_soort", kwargs={"soort": Soort.KNELPUNT}), _("Bottlenecks")
        ),
    ]


def _wijk(wijk) -> list[FeedLink]:
    return [
        FeedLink(
            reverse("opendata:feed_wijk", kwargs={"code": wijk.code}),
            _("Initiatives and bottlenecks in %(wijk)s") % {"wijk": wijk.naam},
        )
    ]


def _onderwerp(pk) -> list[FeedLink]:
    return [
        FeedLink(
            reverse("opendata:feed_onderwerp", kwargs={"pk": pk}),
            _("What happens with this item"),
        )
    ]


def _besluiten(obj) -> list[FeedLink]:
    return [
        FeedLink(reverse("opendata:feed_besluiten"), _("Decisions of the college and the council"))
    ]


def _vergaderingen(obj) -> list[FeedLink]:
    return [
        FeedLink(
            reverse("opendata:feed_vergaderingen"), _("Meetings of the college and the council")
        ),
        *_besluiten(obj),
    ]


def _meedenken(obj) -> list[FeedLink]:
    return [FeedLink(reverse("opendata:feed_meedenken"), _("Questions to the wards"))]


#: Page -> its feeds, given the page's object (a ward, an item's key) or None.
PAGINAS = {
    "onderwerpen": _onderwerpen,
    "wijk": _wijk,
    "onderwerp": _onderwerp,
    "vergaderingen": _vergaderingen,
    "toezeggingen": _besluiten,
    "meedenken": _meedenken,
}


@register.simple_tag
def atomfeeds(pagina: str, obj=None) -> list[FeedLink]:
    """The feeds page ``pagina`` (a key of ``PAGINAS``) announces."""
    return PAGINAS[pagina](obj)

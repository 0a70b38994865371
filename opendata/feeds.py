"""Atom feeds (RFC 4287) of what the public pages show, with Django's syndication framework.

Seven feeds, each beside the page it belongs to (``/feeds/`` + the page's path, see
``opendata.urls`` and docs/open-data.md): every published item, the published items of one
kind or of one ward, one item's public timeline, the published meetings and the decisions
taken on them, and the municipality's published questions to the wards with their feedback.

Only what a signed-out visitor sees on those pages goes in, read through the same public
querysets and functions: ``Onderwerp.objects.openbaar()`` and the item page's own
``tijdlijn(intern=False)`` (never an internal note, never who took a step), the screened
title and text, ``publieke_locatie`` only, the submitter only as ``publieke_indiener``
("anonymous" unless they chose to be named), never an email address, phone number or
address. Meetings and decisions as ``Vergadering.objects.gepubliceerd()`` and
``Agendapunt.objects.openbaar()`` give them. A feed is the same for everyone who asks,
signed in or not.

Every feed reads a fixed number of queries, however many entries it has, and has at most
``MAX_ITEMS`` entries (an item's timeline ``MAX_REGELS``): newest first. Each is cached
as a declared fragment of the page cache (``wijken.pagecache``), as the public pages are:
it says what it shows, and is rendered again when one of those rows changes.

Entry ids are tag URIs (RFC 4151) on the portal's own host name (``PORTAAL_URL``), so an
entry keeps its id whatever address a reader used. Summaries are HTML built with
``format_html`` (every text escaped), with absolute links on ``PORTAAL_URL``.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, F, Prefetch, When
from django.db.models.functions import Greatest
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import linebreaks_filter
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from contacten.vergaderingen import Agendapunt, Vergadering
from initiatieven.keuzes import Soort
from initiatieven.models import Onderwerp
from initiatieven.selectors import met_tijdlijn, tijdlijn
from meedenken.models import Meedenkvraag
from wijken import datums, pagecache
from wijken.models import Wijk
from wijken.weergave import url_per_sleutel

#: Entries per feed at most: the newest. A reader polls and keeps what it has seen; the
#: whole history is on the pages and in the open data exports.
MAX_ITEMS = 50
#: Lines of one item's timeline at most (the newest): an item's history is seldom longer.
MAX_REGELS = 100

#: The date in the entries' tag URIs: from when the portal names things this way.
_TAG_DATUM = "2026"


def tag(pad: str) -> str:
    """A tag URI (RFC 4151) for ``pad`` on the portal's host name: stable across the
    addresses a request may come in on."""
    host = urlsplit(settings.PORTAAL_URL).hostname or "wijkportaal"
    return f"tag:{host},{_TAG_DATUM}:{pad}"


def _absoluut(pad: str) -> str:
    return f"{settings.PORTAAL_URL}{pad}"


def _tekst(tekst: str) -> str:
    """A text as HTML paragraphs, escaped (the ``linebreaks`` filter with autoescape)."""
    return linebreaks_filter(tekst, autoescape=True)


#: The ``<updated>`` of a feed without entries (a ward with nothing published yet): it
#: has not changed since, where Django would say "now" and every poll would differ.
NOOIT_GEWIJZIGD = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


class AtomFeed(Atom1Feed):
    """Atom whose time is always that of its content: an empty feed's is the feed's own
    ``leeg_sinds`` (an item's publication) or ``NOOIT_GEWIJZIGD``, never the moment of the
    request, so the same content gives the same bytes and ``Last-Modified``."""

    def latest_post_date(self):
        if any(item["updateddate"] or item["pubdate"] for item in self.items):
            return super().latest_post_date()
        return self.feed.get("leeg_sinds") or NOOIT_GEWIJZIGD


def _fragment(naam: str, shows: dict) -> pagecache.Fragment:
    """A feed's declaration in the page cache: the whole document, the same for everyone
    (the language, the host and the path are in the key), renewed when a row it shows
    changes. Its ``Last-Modified`` is kept with it."""
    return pagecache.Fragment(
        name=naam, template="opendata/feed.xml", shows=shows, value=lambda c: c["laatst"]
    )


class _PortaalFeed(Feed):
    """What every feed of the portal shares: Atom, the municipality as the author of the
    feed, titles as plain text (Atom's ``type="text"``: a reader shows them as written,
    so they are not HTML-escaped here; the XML writer escapes them once), and the page
    cache: each feed declares what it shows (``fragment``) and the scopes of the object
    it is about (``scopes``), so a feed is served from the cache until one of those rows
    changes, as the public pages are."""

    feed_type = AtomFeed
    fragment: pagecache.Fragment

    def scopes(self, obj) -> dict:
        """The values of the scopes the feed's declaration names (``wijk``, …)."""
        return {}

    def volledig(self, obj):
        """The object with everything the feed shows of it, read only when the feed is
        rendered (``get_object`` reads just enough to answer 404 and name the scopes)."""
        return obj

    def __call__(self, request, *args, **kwargs):
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as exc:
            raise Http404 from exc

        def context():
            feedgen = self.get_feed(self.volledig(obj), request)
            # The syndication framework's XML writer escaped every text already.
            xml = mark_safe(feedgen.writeString("utf-8"))  # noqa: S308
            return {"xml": xml, "laatst": feedgen.latest_post_date()}

        xml, laatst = self.fragment.render_with_value(request, context, **self.scopes(obj))
        response = HttpResponse(xml, content_type=self.feed_type.content_type)
        # As the syndication view sets it: the newest entry's time, for readers that
        # keep it (the portal answers "modified since" with the whole feed).
        response.headers["Last-Modified"] = http_date(laatst.timestamp())
        return response

    def author_name(self):
        return settings.GEMEENTE_NAAM

    def item_title(self, item):
        return str(item)


# --- items ----------------------------------------------------------------------------------


class _OnderwerpenFeed(_PortaalFeed):
    """Published items, newest first (the public list's order), as entries."""

    def _onderwerpen(self, obj):
        """The published items this feed is about (a subclass narrows them)."""
        return Onderwerp.objects.openbaar()

    def items(self, obj):
        onderwerpen = list(
            self._onderwerpen(obj)
            .met_lijstgegevens()
            # The submitter's display name, for those who chose to be named
            # (``publieke_indiener``); nothing else of the account is used.
            .select_related("indiener")
            .order_by("-ingediend_op", "-aangemaakt")[:MAX_ITEMS]
        )
        onderwerp_url = url_per_sleutel("initiatieven:onderwerp")
        for onderwerp in onderwerpen:
            onderwerp.url = onderwerp_url(onderwerp.pk)
        return onderwerpen

    def item_title(self, item):
        return item.toon_titel

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return tag(f"onderwerp/{item.pk}")

    def item_pubdate(self, item):
        return item.gepubliceerd_op or item.ingediend_op

    def item_updateddate(self, item):
        return item.gewijzigd

    def item_author_name(self, item):
        return item.publieke_indiener

    def item_categories(self, item):
        return (item.get_soort_display(), item.thema.naam, item.wijk.naam)

    def item_description(self, item):
        regels = [
            (_("Kind"), item.get_soort_display()),
            (_("Status"), item.get_status_display()),
            (_("Ward"), item.wijk.naam),
        ]
        if item.buurt_id:
            regels.append((_("Neighbourhood"), item.buurt.naam))
        if item.publieke_locatie:
            regels.append((_("Location"), item.publieke_locatie))
        regels.append((_("Theme"), item.thema.naam))
        return format_html(
            "<ul>{}</ul>{}",
            format_html_join("", "<li>{}: {}</li>", regels),
            _tekst(item.toon_beschrijving),
        )


#: What a feed of items shows: the items and their ward, neighbourhood and theme, the
#: submitter's display name for those who chose it (any account: who is named is only
#: known once rendered), and the agenda items that tell "proposed" from "on the agenda".
_ONDERWERPEN_TOONT = {
    "initiatieven.Onderwerp": pagecache.ALL,
    "initiatieven.Thema": pagecache.ALL,
    "wijken.Wijk": pagecache.ALL,
    "wijken.Buurt": pagecache.ALL,
    "contacten.Gebruiker": pagecache.ALL,
    "contacten.Agendapunt": pagecache.ALL,
}


class OnderwerpenFeed(_OnderwerpenFeed):
    """Every published item."""

    fragment = _fragment("feed onderwerpen", _ONDERWERPEN_TOONT)

    def title(self):
        return _("Initiatives and bottlenecks – %(gemeente)s") % {
            "gemeente": settings.GEMEENTE_NAAM
        }

    def subtitle(self):
        return _("The newest initiatives and bottlenecks residents raised in their ward.")

    def link(self):
        return reverse("initiatieven:lijst")

    def feed_guid(self):
        return tag("feeds/onderwerpen")


class SoortFeed(_OnderwerpenFeed):
    """The published items of one kind (initiative or bottleneck)."""

    fragment = _fragment("feed soort", _ONDERWERPEN_TOONT)

    #: The feed's title per kind.
    TITELS = {
        Soort.INITIATIEF: lambda: _("Initiatives – %(gemeente)s"),
        Soort.KNELPUNT: lambda: _("Bottlenecks – %(gemeente)s"),
    }

    def get_object(self, request, soort):
        if soort not in Soort.values:
            raise Http404
        return Soort(soort)

    def _onderwerpen(self, obj):
        return Onderwerp.objects.openbaar().filter(soort=obj)

    def title(self, obj):
        return self.TITELS[obj]() % {"gemeente": settings.GEMEENTE_NAAM}

    def subtitle(self, obj):
        return _("The newest published items of this kind.")

    def link(self, obj):
        return f"{reverse('initiatieven:lijst')}?soort={obj.value}"

    def feed_guid(self, obj):
        return tag(f"feeds/onderwerpen/{obj.value}")


class WijkFeed(_OnderwerpenFeed):
    """The published items of one ward (a ward no longer in use too: its page stays)."""

    fragment = _fragment(
        "feed wijk",
        {
            "initiatieven.Onderwerp": "wijk",
            "initiatieven.Thema": pagecache.ALL,
            "wijken.Wijk": "wijk",
            "wijken.Buurt": "wijk",
            "contacten.Gebruiker": pagecache.ALL,
            "contacten.Agendapunt": "wijk",
        },
    )

    def get_object(self, request, code):
        return get_object_or_404(Wijk.objects.only("pk", "code", "naam"), code=code)

    def scopes(self, obj):
        return {"wijk": obj.pk}

    def _onderwerpen(self, obj):
        return Onderwerp.objects.openbaar().filter(wijk=obj)

    def title(self, obj):
        return _("Initiatives and bottlenecks in %(wijk)s") % {"wijk": obj.naam}

    def subtitle(self, obj):
        return _("The newest initiatives and bottlenecks residents raised in this ward.")

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_guid(self, obj):
        return tag(f"feeds/wijken/{obj.code}")


class OnderwerpFeed(_PortaalFeed):
    """One published item's public timeline, as its page shows it: the public line and
    explanation of each step and the municipality's public answers, newest first. A
    non-public item (a draft, not screened, kept offline) is a 404, as its page is to
    someone who may not see it: whether it exists is not told."""

    fragment = _fragment(
        "feed onderwerp",
        {
            "initiatieven.Onderwerp": "onderwerp",
            "initiatieven.Statuswijziging": "onderwerp",
            "initiatieven.Bericht": "onderwerp",
            "wijken.Wijk": "wijk",
        },
    )

    def get_object(self, request, pk):
        return get_object_or_404(Onderwerp.objects.openbaar().only("pk", "wijk"), pk=pk)

    def scopes(self, obj):
        return {"onderwerp": obj.pk, "wijk": obj.wijk_id}

    def volledig(self, obj):
        return met_tijdlijn(Onderwerp.objects.select_related("wijk")).get(pk=obj.pk)

    def title(self, obj):
        return _("What happened: %(titel)s") % {"titel": obj.toon_titel}

    def subtitle(self, obj):
        return _("The public timeline of an item in %(wijk)s.") % {"wijk": obj.wijk.naam}

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_guid(self, obj):
        return tag(f"onderwerp/{obj.pk}/tijdlijn")

    def feed_extra_kwargs(self, obj):
        return {"leeg_sinds": obj.gepubliceerd_op or obj.ingediend_op}

    def items(self, obj):
        regels = tijdlijn(obj, intern=False)[-MAX_REGELS:]
        for regel in regels:
            regel.onderwerp = obj
        return regels[::-1]

    def item_title(self, item):
        if item.soort == "stap":
            return f"{item.kop} – {item.status_label}"
        return str(item.kop)

    def item_link(self, item):
        return f"{item.onderwerp.get_absolute_url()}#tijdlijn"

    def item_guid(self, item):
        return tag(f"onderwerp/{item.onderwerp.pk}/{item.sleutel}")

    def item_pubdate(self, item):
        return item.tijdstip

    def item_updateddate(self, item):
        # A step and an answer are written once, never edited.
        return item.tijdstip

    def item_description(self, item):
        return _tekst(item.tekst) if item.tekst else ""


# --- meetings and decisions -----------------------------------------------------------------


def _laatste(*momenten) -> datetime.datetime:
    return max(m for m in momenten if m is not None)


class VergaderingenFeed(_PortaalFeed):
    """Published meetings of the college and the council (upcoming and held), the latest
    first, each with its public agenda and the decisions on it."""

    fragment = _fragment(
        "feed vergaderingen",
        {
            "contacten.Vergadering": pagecache.ALL,
            "contacten.Agendapunt": pagecache.ALL,
            "contacten.Besluit": pagecache.ALL,
        },
    )

    def title(self):
        return _("Meetings of the college and the council – %(gemeente)s") % {
            "gemeente": settings.GEMEENTE_NAAM
        }

    def subtitle(self):
        return _("Published agendas, and the decisions on them.")

    def link(self):
        return reverse("contacten:vergaderingen")

    def feed_guid(self):
        return tag("feeds/vergaderingen")

    def items(self):
        return list(
            Vergadering.objects.gepubliceerd()
            .met_agenda(publiek=True)
            .order_by("-begin", "-pk")[:MAX_ITEMS]
        )

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        return tag(f"vergadering/{item.pk}")

    def item_pubdate(self, item):
        return item.aangemaakt

    def item_updateddate(self, item):
        # A meeting keeps no time of change; its latest recorded moment is when it was
        # made, an agenda item was added, or a decision was recorded.
        punten = item.agendapunten.all()
        return _laatste(
            item.aangemaakt,
            *(p.aangemaakt for p in punten),
            *(p.besluit.vastgelegd_op for p in punten if hasattr(p, "besluit")),
        )

    def item_description(self, item):
        punten = format_html_join(
            "",
            "<li>{}{}</li>",
            (
                (
                    punt.titel,
                    format_html(" ({}: {})", _("Decision"), punt.besluit.get_resultaat_display())
                    if hasattr(punt, "besluit")
                    else "",
                )
                for punt in item.agendapunten.all()
            ),
        )
        return format_html(
            "<p>{}: {}<br>{}: {}</p>{}",
            _("Location"),
            item.locatie,
            _("Status"),
            item.get_status_display(),
            format_html("<h2>{}</h2><ol>{}</ol>", _("Agenda"), punten)
            if punten
            else format_html("<p>{}</p>", _("The agenda is still empty.")),
        )


class BesluitenFeed(_PortaalFeed):
    """Decisions on the public agenda items of published meetings, the latest recorded
    first, with their explanation, commitments and the ward items they concern."""

    fragment = _fragment(
        "feed besluiten",
        {
            "contacten.Vergadering": pagecache.ALL,
            "contacten.Agendapunt": pagecache.ALL,
            "contacten.Besluit": pagecache.ALL,
            "contacten.Toezegging": pagecache.ALL,
            "initiatieven.Onderwerp": pagecache.ALL,
            "wijken.Wijk": pagecache.ALL,
        },
    )

    def title(self):
        return _("Decisions of the college and the council – %(gemeente)s") % {
            "gemeente": settings.GEMEENTE_NAAM
        }

    def subtitle(self):
        return _("What the college and the council decided on the items from the wards.")

    def link(self):
        return reverse("contacten:vergaderingen")

    def feed_guid(self):
        return tag("feeds/besluiten")

    def items(self):
        return list(
            Agendapunt.objects.openbaar()
            .filter(besluit__isnull=False)
            .select_related("vergadering", "besluit")
            .prefetch_related(
                "besluit__toezeggingen",
                Prefetch(
                    "onderwerpen",
                    queryset=Onderwerp.objects.openbaar().select_related("wijk").order_by("pk"),
                    to_attr="openbare_onderwerpen",
                ),
            )
            .order_by("-besluit__vastgelegd_op", "-pk")[:MAX_ITEMS]
        )

    def item_title(self, item):
        return f"{item.titel}: {item.besluit.get_resultaat_display()}"

    def item_link(self, item):
        return f"{item.vergadering.get_absolute_url()}#punt-{item.pk}"

    def item_guid(self, item):
        return tag(f"besluit/{item.besluit.pk}")

    def item_pubdate(self, item):
        return item.besluit.vastgelegd_op

    def item_updateddate(self, item):
        # A decision is recorded once; the page offers no way to change it.
        return item.besluit.vastgelegd_op

    def item_description(self, item):
        delen = [
            format_html(
                '<p>{}: <a href="{}">{}</a></p>',
                _("Meeting"),
                _absoluut(item.vergadering.get_absolute_url()),
                str(item.vergadering),
            ),
            _tekst(item.besluit.toelichting),
        ]
        toezeggingen = item.besluit.toezeggingen.all()
        if toezeggingen:
            delen.append(
                format_html(
                    "<h2>{}</h2><ul>{}</ul>",
                    _("Commitments"),
                    format_html_join(
                        "",
                        "<li>{} – {}; {}: {} ({})</li>",
                        (
                            (
                                t.omschrijving,
                                t.verantwoordelijke,
                                _("Due date"),
                                datums.datum(t.datum),
                                t.get_status_display(),
                            )
                            for t in toezeggingen
                        ),
                    ),
                )
            )
        if item.openbare_onderwerpen:
            delen.append(
                format_html(
                    "<h2>{}</h2><ul>{}</ul>",
                    _("Items from the wards"),
                    format_html_join(
                        "",
                        '<li><a href="{}">{}</a> ({})</li>',
                        (
                            (_absoluut(o.get_absolute_url()), o.toon_titel, o.wijk.naam)
                            for o in item.openbare_onderwerpen
                        ),
                    ),
                )
            )
        return format_html("{}" * len(delen), *delen)


# --- questions to the wards ----------------------------------------------------------------


class MeedenkvragenFeed(_PortaalFeed):
    """The municipality's published questions to the wards (never a draft), the latest
    changed first, each with its feedback once that is published: publishing the feedback
    (or changing it afterwards) updates the entry, so a reader sees it come in.

    What the public list and question page show, and nothing that changes with the clock
    alone: no state or counts (those are on the page), but the dates they follow from. No
    response and no respondent; the feedback's items and agenda item only when public."""

    fragment = _fragment(
        "feed meedenken",
        {
            "meedenken.Meedenkvraag": pagecache.ALL,
            "meedenken.Terugkoppeling": pagecache.ALL,
            "initiatieven.Thema": pagecache.ALL,
            "wijken.Wijk": pagecache.ALL,
            "initiatieven.Onderwerp": pagecache.ALL,
            "contacten.Agendapunt": pagecache.ALL,
            "contacten.Vergadering": pagecache.ALL,
        },
    )

    def title(self):
        return _("Questions to the wards – %(gemeente)s") % {"gemeente": settings.GEMEENTE_NAAM}

    def subtitle(self):
        return _(
            "What the municipality asks the wards to think along about, and what it did with "
            "the input."
        )

    def link(self):
        return reverse("meedenken:lijst")

    def feed_guid(self):
        return tag("feeds/meedenken")

    def items(self):
        # The entry's change time: the question's, or its published feedback's if later.
        bijgewerkt = Greatest(
            "gewijzigd",
            Case(
                When(
                    terugkoppeling__gepubliceerd_op__isnull=False,
                    then=F("terugkoppeling__gewijzigd"),
                ),
                default=F("gewijzigd"),
            ),
        )
        vragen = list(
            Meedenkvraag.objects.gepubliceerd()
            .select_related("thema", "terugkoppeling")
            .annotate(bijgewerkt=bijgewerkt)
            .prefetch_related(
                Prefetch("wijken", queryset=Wijk.objects.only("id", "naam").order_by("naam")),
                Prefetch(
                    "terugkoppeling__onderwerpen",
                    queryset=Onderwerp.objects.openbaar().select_related("wijk").order_by("pk"),
                    to_attr="openbare_onderwerpen",
                ),
                # None when the agenda item is not public (a proposal, a draft meeting).
                Prefetch(
                    "terugkoppeling__agendapunt",
                    queryset=Agendapunt.objects.openbaar().select_related("vergadering"),
                ),
            )
            .order_by("-bijgewerkt", "-pk")[:MAX_ITEMS]
        )
        vraag_url = url_per_sleutel("meedenken:vraag")
        for vraag in vragen:
            vraag.url = vraag_url(vraag.pk)
            terugkoppeling = getattr(vraag, "terugkoppeling", None)
            vraag.openbare_terugkoppeling = (
                terugkoppeling
                if terugkoppeling is not None and terugkoppeling.gepubliceerd_op is not None
                else None
            )
        return vragen

    def item_title(self, item):
        return item.titel

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return tag(f"meedenkvraag/{item.pk}")

    def item_pubdate(self, item):
        return item.gepubliceerd_op

    def item_updateddate(self, item):
        return item.bijgewerkt

    def _wijken(self, item) -> str:
        if item.alle_wijken:
            return _("All wards")
        return ", ".join(w.naam for w in item.wijken.all())

    def item_categories(self, item):
        return (item.thema.naam, *(w.naam for w in item.wijken.all()))

    def item_description(self, item):
        regels = [
            (_("Wards"), self._wijken(item)),
            (_("Theme"), item.thema.naam),
        ]
        if item.beleidsonderwerp:
            regels.append((_("Policy or project"), item.beleidsonderwerp))
        regels += [
            (_("Open from"), datums.moment(item.open_vanaf)),
            (_("Closes at"), datums.moment(item.sluit_op)),
            (_("Feedback promised by"), datums.datum(item.terugkoppeling_voor)),
        ]
        delen = [
            format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", regels)),
            _tekst(item.vraag),
        ]
        terugkoppeling = item.openbare_terugkoppeling
        if terugkoppeling is not None:
            delen.append(self._terugkoppeling(terugkoppeling))
        return format_html("{}" * len(delen), *delen)

    def _terugkoppeling(self, terugkoppeling):
        delen = [
            format_html(
                "<h2>{}</h2><p>{}</p>",
                _("What we do with your input"),
                _("Published %(datum)s") % {"datum": datums.datum(terugkoppeling.gepubliceerd_op)},
            ),
            format_html("<h3>{}</h3>", _("What was said")),
            _tekst(terugkoppeling.samenvatting),
            format_html("<h3>{}</h3>", _("What the municipality decided or will do")),
            _tekst(terugkoppeling.besluit),
            format_html("<h3>{}</h3>", _("Why")),
            _tekst(terugkoppeling.waarom),
        ]
        punt = terugkoppeling.agendapunt
        if punt is not None:
            delen.append(
                format_html(
                    '<p>{}: <a href="{}">{}</a></p>',
                    _("Decision"),
                    _absoluut(f"{punt.vergadering.get_absolute_url()}#punt-{punt.pk}"),
                    punt.titel,
                )
            )
        if terugkoppeling.openbare_onderwerpen:
            delen.append(
                format_html(
                    "<h3>{}</h3><ul>{}</ul>",
                    _("Items from the wards"),
                    format_html_join(
                        "",
                        '<li><a href="{}">{}</a> ({})</li>',
                        (
                            (_absoluut(o.get_absolute_url()), o.toon_titel, o.wijk.naam)
                            for o in terugkoppeling.openbare_onderwerpen
                        ),
                    ),
                )
            )
        return format_html("{}" * len(delen), *delen)

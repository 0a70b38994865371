"""iCalendar (RFC 5545) feeds of planned visits and published meetings.

Written with the ``icalendar`` package, the same one the tests read the feeds back with:
it escapes text values, folds lines at 75 octets without splitting a UTF-8 character and
ends lines with CRLF, as RFC 5545 asks. Times are given in UTC, so that no VTIMEZONE is
needed.

Only public data goes in: public, non-cancelled visits (planned ones, and held ones of the
last year for history) and published meetings, with public titles and texts only.

Higher apps add events of their own (meedenken: the ward meetings of published questions)
through ``registreer_bron`` in their ``AppConfig.ready``, as this app may not import them.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from contacten.bezoeken import Bezoek, Bezoekstatus
from contacten.vergaderingen import Agendapunt, AgendapuntStatus, Vergadering
from initiatieven.models import Onderwerp

#: Held visits and past meetings stay in the feed this long, as history.
GESCHIEDENIS = datetime.timedelta(days=365)
#: Meetings have a start only; a calendar needs an end.
VERGADERDUUR = datetime.timedelta(hours=2)
#: A feed is bounded however much is planned.
MAX_PER_SOORT = 500


@dataclass(frozen=True)
class Gebeurtenis:
    uid: str
    begin: datetime.datetime
    einde: datetime.datetime
    gewijzigd: datetime.datetime
    titel: str
    locatie: str
    beschrijving: str
    url: str


#: Sources of events of higher apps: name -> (wijk or None, basis_url, host) -> events.
#: A source reads its events in a fixed number of queries, at most ``MAX_PER_SOORT``.
_BRONNEN: dict[str, Callable[..., Iterable[Gebeurtenis]]] = {}


def registreer_bron(naam: str, bron: Callable[..., Iterable[Gebeurtenis]]) -> None:
    """Add a source of events to the feeds (again under the same name replaces it). It is
    called with ``wijk`` (a ward, or None for every ward), ``basis_url`` and ``host`` (for
    the UID, which must not change with the host a request came in on)."""
    _BRONNEN[naam] = bron


def _utc(moment: datetime.datetime) -> datetime.datetime:
    # In UTC, so that no VTIMEZONE is needed; whole seconds, as the format has no fraction.
    return moment.astimezone(datetime.UTC).replace(microsecond=0)


def kalender(naam: str, gebeurtenissen: Iterable[Gebeurtenis]) -> bytes:
    """The whole VCALENDAR, encoded as UTF-8 with CRLF line endings (``icalendar`` escapes
    the text values and folds the lines at 75 octets)."""
    kal = icalendar.Calendar()
    kal.add("version", "2.0")
    kal.add("prodid", "-//Wijkportaal//Bezoeken en vergaderingen//NL")
    kal.add("calscale", "GREGORIAN")
    kal.add("method", "PUBLISH")
    # An X- property is typed by its value: vText escapes it as the TEXT it is.
    kal.add("x-wr-calname", icalendar.vText(naam))
    kal.add("x-wr-timezone", settings.TIME_ZONE)
    for g in gebeurtenissen:
        event = icalendar.Event()
        event.add("uid", g.uid)
        event.add("dtstamp", _utc(g.gewijzigd))
        event.add("last-modified", _utc(g.gewijzigd))
        event.add("dtstart", _utc(g.begin))
        event.add("dtend", _utc(g.einde))
        event.add("summary", g.titel)
        if g.locatie:
            event.add("location", g.locatie)
        event.add("description", g.beschrijving)
        event.add("url", g.url)
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        kal.add_component(event)
    # In the order added (the library sorts by default): the order the feed always had.
    return kal.to_ical(sorted=False)


def _host() -> str:
    # The UID must not change with the host name a request came in on.
    return urlsplit(settings.PORTAAL_URL).hostname or "wijkportaal"


def _bezoeken(wijk=None):
    """Public, non-cancelled visits: planned ones, and held ones of the last year."""
    vanaf = timezone.localdate() - GESCHIEDENIS
    qs = (
        Bezoek.objects.openbaar()
        .filter(datum__gte=vanaf)
        .filter(status__in=[Bezoekstatus.GEPLAND, Bezoekstatus.GEHOUDEN])
        .select_related("wijk")
        .prefetch_related(
            Prefetch(
                "onderwerpen",
                queryset=Onderwerp.objects.openbaar().order_by("pk"),
                to_attr="openbare_onderwerpen",
            )
        )
        .order_by("datum", "pk")
    )
    if wijk is not None:
        qs = qs.filter(wijk=wijk)
    return qs[:MAX_PER_SOORT]


def _vergaderingen(wijk=None):
    """Published meetings from a year ago on; for a ward, those whose public agenda
    carries a public item of that ward."""
    qs = Vergadering.objects.gepubliceerd().filter(begin__gte=timezone.now() - GESCHIEDENIS)
    if wijk is not None:
        ids = Vergadering.objects.filter(
            agendapunten__status=AgendapuntStatus.GEAGENDEERD,
            agendapunten__onderwerpen__wijk=wijk,
            agendapunten__onderwerpen__openbaar=True,
        ).values("pk")
        qs = qs.filter(pk__in=ids)
    punten = Prefetch(
        "agendapunten",
        queryset=Agendapunt.objects.filter(status=AgendapuntStatus.GEAGENDEERD).order_by(
            "volgorde", "pk"
        ),
        to_attr="openbare_punten",
    )
    return qs.prefetch_related(punten).order_by("begin", "pk")[:MAX_PER_SOORT]


def gebeurtenissen(*, wijk=None, basis_url: str) -> list[Gebeurtenis]:
    """The feed's events: visits, meetings and those of the registered sources (all, or
    of one ward), by start time."""
    host = _host()
    lijst = []
    for bezoek in _bezoeken(wijk):
        begin, einde = bezoek.tijden
        delen = [bezoek.programma]
        if bezoek.openbare_onderwerpen:
            delen.append(
                _("Topics: %(onderwerpen)s")
                % {"onderwerpen": "; ".join(o.toon_titel for o in bezoek.openbare_onderwerpen)}
            )
        if bezoek.status == Bezoekstatus.GEHOUDEN:
            delen.append(_("This visit has taken place."))
        lijst.append(
            Gebeurtenis(
                uid=f"bezoek-{bezoek.pk}@{host}",
                begin=begin,
                einde=einde,
                gewijzigd=bezoek.gewijzigd,
                titel=f"{bezoek.get_soort_display()}: {bezoek.wijk.naam}",
                locatie=bezoek.locatie,
                beschrijving="\n\n".join(d for d in delen if d),
                url=basis_url + bezoek.get_absolute_url(),
            )
        )
    for vergadering in _vergaderingen(wijk):
        punten = [f"{n}. {p.titel}" for n, p in enumerate(vergadering.openbare_punten, start=1)]
        lijst.append(
            Gebeurtenis(
                uid=f"vergadering-{vergadering.pk}@{host}",
                begin=vergadering.begin,
                einde=vergadering.begin + VERGADERDUUR,
                gewijzigd=vergadering.aangemaakt,
                titel=vergadering.get_orgaan_display(),
                locatie=vergadering.locatie,
                beschrijving="\n".join(punten),
                url=basis_url + vergadering.get_absolute_url(),
            )
        )
    for naam in sorted(_BRONNEN):
        lijst.extend(_BRONNEN[naam](wijk=wijk, basis_url=basis_url, host=host))
    return sorted(lijst, key=lambda g: (g.begin, g.uid))

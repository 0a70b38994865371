"""iCalendar (RFC 5545) feeds of planned visits and published meetings.

A small generator of our own rather than a runtime dependency: a feed needs only
VCALENDAR and VEVENT with a handful of properties. What RFC 5545 asks and calendar
programs trip over is handled here: text escaping (backslash, semicolon, comma, newline),
CRLF line endings, lines folded at 75 octets without splitting a UTF-8 character, and
times in UTC.

Only public data goes in: public, non-cancelled visits (planned ones, and held ones of the
last year for history) and published meetings, with public titles and texts only.

Higher apps add events of their own (meedenken: the ward meetings of published questions)
through ``registreer_bron`` in their ``AppConfig.ready``, as this app may not import them.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

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


def escape(tekst: str) -> str:
    """A TEXT value per RFC 5545 §3.3.11."""
    tekst = (tekst or "").replace("\r\n", "\n").replace("\r", "\n")
    return tekst.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def vouw(regel: str) -> str:
    """Fold a content line into lines of at most 75 octets (RFC 5545 §3.1), never inside
    a UTF-8 character; continuation lines start with one space."""
    delen, huidig, grootte, maximum = [], [], 0, 75
    for teken in regel:
        n = len(teken.encode("utf-8"))
        if grootte + n > maximum:
            delen.append("".join(huidig))
            huidig, grootte, maximum = [], 0, 74  # the leading space counts
        huidig.append(teken)
        grootte += n
    delen.append("".join(huidig))
    return "\r\n ".join(delen)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def kalender(naam: str, gebeurtenissen) -> str:
    """The whole VCALENDAR as text with CRLF line endings."""
    regels = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Wijkportaal//Bezoeken en vergaderingen//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(naam)}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    for g in gebeurtenissen:
        regels += [
            "BEGIN:VEVENT",
            f"UID:{g.uid}",
            f"DTSTAMP:{_utc(g.gewijzigd)}",
            f"LAST-MODIFIED:{_utc(g.gewijzigd)}",
            f"DTSTART:{_utc(g.begin)}",
            f"DTEND:{_utc(g.einde)}",
            f"SUMMARY:{escape(g.titel)}",
            *([f"LOCATION:{escape(g.locatie)}"] if g.locatie else []),
            f"DESCRIPTION:{escape(g.beschrijving)}",
            f"URL:{g.url}",
            "STATUS:CONFIRMED",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
    regels.append("END:VCALENDAR")
    return "".join(vouw(r) + "\r\n" for r in regels)


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

"""The public requests: the published bottlenecks, their filters and their fields.

Only what the item page shows a signed-out visitor leaves here: the public title and
text, the public location as the screening left it, the status and its public
explanation, public attachments. Never the submitter (not even a chosen name: Open311
has no field for it), never an email address, a telephone number or the text as typed.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from initiatieven.keuzes import Status
from initiatieven.models import Bijlage, Onderwerp, Statuswijziging
from opendata.open311 import diensten

#: The window when neither start_date nor end_date is given (GeoReport v2's default).
STANDAARD_DAGEN = 90
#: The most requests one answer holds. GeoReport v2 lets the server choose (up to 1000);
#: 1000 requests cost about 70 ms of CPU per answer at seed_load scale, 200 a fifth of it,
#: and a client narrows the dates for more.
MAX_RESULTATEN = 200
#: The most ids one service_request_id filter may name, and service codes one filter.
MAX_IDS = 200
MAX_CODES = 100
_MAX_PK = 2**31 - 1
_MAX_PARAMETER = 4000


class OngeldigeVraag(Exception):
    """A parameter is malformed or out of range: answered with 400 and this text."""


def _controleer(naam: str, waarde: str) -> str:
    if "\x00" in waarde:
        raise OngeldigeVraag(_("The parameter %(naam)s holds a NUL character.") % {"naam": naam})
    if len(waarde) > _MAX_PARAMETER:
        raise OngeldigeVraag(_("The parameter %(naam)s is too long.") % {"naam": naam})
    return waarde.strip()


def _lijst(naam: str, waarde: str, maximum: int) -> list[str]:
    delen = [d.strip() for d in _controleer(naam, waarde).split(",") if d.strip()]
    if len(delen) > maximum:
        raise OngeldigeVraag(
            _("The parameter %(naam)s names more than %(max)d values.")
            % {"naam": naam, "max": maximum}
        )
    return delen


def request_id(tekst: str) -> int | None:
    """The item number behind a service_request_id, or None when it cannot be one."""
    if not tekst.isascii() or not tekst.isdigit() or len(tekst) > 10:
        return None
    pk = int(tekst)
    return pk if 0 < pk <= _MAX_PK else None


def tijdstip(naam: str, waarde: str) -> datetime.datetime:
    """A W3C date-time (``2026-12-07T15:11:00+01:00``; a date alone means its midnight,
    no zone the municipality's time zone), or OngeldigeVraag."""
    waarde = _controleer(naam, waarde)
    try:
        moment = parse_datetime(waarde)
        if moment is None:
            dag = parse_date(waarde)
            if dag is not None:
                moment = datetime.datetime.combine(dag, datetime.time())
    except ValueError:
        moment = None
    if moment is None:
        raise OngeldigeVraag(
            _("The parameter %(naam)s is not a date and time like 2026-12-07T15:11:00+01:00.")
            % {"naam": naam}
        )
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        # Far-off dates overflow on conversion (year 1 or 9999): refused, not a 500.
        moment.astimezone(datetime.UTC) + datetime.timedelta(days=STANDAARD_DAGEN)
        moment.astimezone(datetime.UTC) - datetime.timedelta(days=STANDAARD_DAGEN)
    except (OverflowError, ValueError):
        raise OngeldigeVraag(
            _("The parameter %(naam)s is out of range.") % {"naam": naam}
        ) from None
    return moment


#: The columns of an item that ``gegevens`` reads (a field read beyond them would cost a
#: query per request: the query budget test counts them).
_VELDEN = (
    "status",
    "soort",
    "openbaar",
    "thema__naam",
    "beschrijving",
    "publieke_beschrijving",
    "publieke_locatie",
    "ingediend_op",
    "gewijzigd",
    "herbezien_op",
)


def basis():
    """Published bottlenecks with what their fields need, in one query: the theme joined,
    whether a college proposal is still open, the latest public explanation and the first
    public image read as columns of the same query, and only the columns the fields read
    (an answer holds up to 200 requests; building the whole rows cost a third of it)."""
    laatste_uitleg = (
        Statuswijziging.objects.filter(onderwerp=OuterRef("pk"))
        .order_by("-tijdstip", "-pk")
        .values("publieke_toelichting")[:1]
    )
    eerste_afbeelding = (
        Bijlage.objects.filter(onderwerp=OuterRef("pk"), inhoudstype__startswith="image/")
        .order_by("pk")
        .values("pk")[:1]
    )
    return (
        Onderwerp.objects.openbaar()
        .filter(soort=diensten.SOORT)
        .select_related("thema")
        .only(*_VELDEN)
        .met_voorstel_open()
        .annotate(
            laatste_uitleg=Subquery(laatste_uitleg),
            eerste_afbeelding=Subquery(eerste_afbeelding),
        )
        .order_by("-ingediend_op", "-pk")
    )


@dataclass(frozen=True)
class Gevonden:
    """The requests a search found, and the moment the answer changes with no write: when
    the default window (the last 90 days) moves past the oldest of them. None when the
    question named its own dates or ids, or found nothing (the page cache needs it)."""

    verzoeken: list[Onderwerp]
    venster_verschuift: datetime.datetime | None = None


def zoeken(parameters) -> Gevonden:
    """The requests the filters ask for (GeoReport v2's GET requests), or OngeldigeVraag.

    service_request_id (comma separated) overrides every other filter, as the
    specification says; otherwise service_code, status (open, closed), start_date and
    end_date (default: the last 90 days), at most MAX_RESULTATEN newest first.
    """
    qs = basis()
    ids = parameters.get("service_request_id", "")
    if ids:
        nummers = []
        for tekst in _lijst("service_request_id", ids, MAX_IDS):
            pk = request_id(tekst)
            if pk is None:
                raise OngeldigeVraag(
                    _("%(waarde)s is not a service_request_id.") % {"waarde": tekst[:50]}
                )
            nummers.append(pk)
        return Gevonden(list(qs.filter(pk__in=nummers)[:MAX_RESULTATEN]))

    codes = _lijst("service_code", parameters.get("service_code", ""), MAX_CODES)
    if codes:
        themas = [diensten.thema_id(c) for c in codes]
        if None in themas:
            raise OngeldigeVraag(_("Unknown service_code; see services.json for the codes."))
        qs = qs.filter(thema_id__in=themas)

    status = _lijst("status", parameters.get("status", ""), 2)
    if status:
        if any(s not in ("open", "closed") for s in status):
            raise OngeldigeVraag(_("The status is open or closed."))
        qs = qs.filter(status__in=[p for s in status for p in diensten.statussen(s)])

    begin = parameters.get("start_date", "")
    eind = parameters.get("end_date", "")
    begin = tijdstip("start_date", begin) if begin else None
    eind = tijdstip("end_date", eind) if eind else None
    standaard = begin is None and eind is None
    if standaard:
        begin = timezone.now() - datetime.timedelta(days=STANDAARD_DAGEN)
    if begin is not None and eind is not None and begin > eind:
        raise OngeldigeVraag(_("The start_date lies after the end_date."))
    if begin is not None:
        qs = qs.filter(ingediend_op__gte=begin)
    if eind is not None:
        qs = qs.filter(ingediend_op__lte=eind)
    gevonden = list(qs[:MAX_RESULTATEN])
    verschuift = None
    if standaard and gevonden:
        # Newest first: the last one leaves the window first, and only then the answer
        # changes (older requests were not in it; newer ones come by a write).
        verschuift = gevonden[-1].ingediend_op + datetime.timedelta(days=STANDAARD_DAGEN)
    return Gevonden(gevonden, verschuift)


def _w3c(moment) -> str:
    if moment is None:
        return ""
    if not isinstance(moment, datetime.datetime):
        # A date (the revisit date): its midnight in the municipality's time zone.
        moment = timezone.make_aware(datetime.datetime.combine(moment, datetime.time()))
    return timezone.localtime(moment).isoformat(timespec="seconds")


def status_notes(onderwerp: Onderwerp) -> str:
    """The state in the portal's own words, with the latest public explanation."""
    label = onderwerp.get_status_display()
    uitleg = (getattr(onderwerp, "laatste_uitleg", "") or "").strip()
    return f"{label}: {uitleg}" if uitleg else label


def service_notice() -> str:
    return _(
        "A ward advisor screens every report before it is published and gives a first "
        "response within %(dagen)d working days."
    ) % {"dagen": settings.EERSTE_REACTIE_WERKDAGEN}


def gegevens(onderwerp: Onderwerp, *, notice: str | None = None) -> dict:
    """One request as GeoReport v2 lists it. The portal has no coordinates yet, so lat and
    long are left out, as the specification allows; address is the public location.
    ``notice``: ``service_notice()`` when the caller lists many (the same for each)."""
    media_url = ""
    if getattr(onderwerp, "eerste_afbeelding", None):
        media_url = settings.PORTAAL_URL + reverse(
            "initiatieven:bijlage", args=[onderwerp.pk, onderwerp.eerste_afbeelding]
        )
    verwacht = onderwerp.herbezien_op if onderwerp.status == Status.NOG_NIET_MOGELIJK else None
    return {
        "service_request_id": str(onderwerp.pk),
        "status": diensten.STATUS[onderwerp.status],
        "status_notes": status_notes(onderwerp),
        "service_name": onderwerp.thema.naam,
        "service_code": diensten.service_code(onderwerp.thema_id),
        "description": onderwerp.toon_beschrijving,
        "agency_responsible": settings.GEMEENTE_NAAM,
        "service_notice": notice if notice is not None else service_notice(),
        "requested_datetime": _w3c(onderwerp.ingediend_op),
        "updated_datetime": _w3c(onderwerp.gewijzigd),
        "expected_datetime": _w3c(verwacht),
        "address": onderwerp.publieke_locatie,
        "address_id": "",
        "zipcode": "",
        "media_url": media_url,
    }

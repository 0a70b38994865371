"""Open311 GeoReport v2 under /open311/v2/: discovery, services, requests.

Every answer comes in the format the URL asks for (``.json`` or ``.xml``), errors too, and
a bad parameter gets a 400 with a description, never a 500. The views never look at who
is signed in: the reads are public, and the one write is authorised by an API key alone.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from contacten import audit
from initiatieven import services
from opendata.open311 import diensten, formaat, melden, sleutels, verzoeken
from wijken import pagecache, snelheid

#: The request list as a declared piece of the page cache: the same for everyone (format,
#: filters and language are in its address and key), renewed when a row its fields read
#: changes, and when the default window of the last 90 days moves past its oldest request.
VERZOEKEN = pagecache.Fragment(
    name="open311 verzoeken",
    template="opendata/open311_verzoeken.txt",
    shows={
        "initiatieven.Onderwerp": pagecache.ALL,
        "initiatieven.Statuswijziging": pagecache.ALL,
        "initiatieven.Bijlage": pagecache.ALL,
        "initiatieven.Thema": pagecache.ALL,
        "contacten.Agendapunt": pagecache.ALL,
    },
    moments=(lambda c: c["verschuift"],),
)

#: When this implementation of the endpoint last changed (discovery's changeset).
CHANGESET = "2026-12-07T00:00:00+01:00"
SPECIFICATIE = "http://wiki.open311.org/GeoReport_v2"


def _onbekend_formaat() -> HttpResponse:
    return formaat.fout(formaat.JSON, 404, _("Unknown format: use .json or .xml."))


def _jurisdictie_fout(request, fmt: str) -> HttpResponse | None:
    # One municipality per portal: a jurisdiction_id is optional, but if given it is ours.
    gevraagd = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
    if gevraagd and gevraagd.strip().upper() != settings.GEMEENTE_CODE.upper():
        return formaat.fout(
            fmt,
            400,
            _("Unknown jurisdiction_id; this server serves %(code)s.")
            % {"code": settings.GEMEENTE_CODE},
        )
    return None


@require_safe
def discovery(request, fmt):
    if fmt not in formaat.FORMATEN:
        return _onbekend_formaat()
    inhoud = {
        "changeset": CHANGESET,
        "contact": _("%(gemeente)s, through %(url)s")
        % {"gemeente": settings.GEMEENTE_NAAM, "url": settings.PORTAAL_URL},
        "key_service": _(
            "Reading needs no key. To create requests, a partner app asks the functional "
            "administrator of %(gemeente)s for a key."
        )
        % {"gemeente": settings.GEMEENTE_NAAM},
        "endpoints": [
            {
                "specification": SPECIFICATIE,
                "url": settings.PORTAAL_URL + "/open311/v2",
                "changeset": CHANGESET,
                "type": "production",
                "formats": [formaat.CONTENT_TYPE[formaat.XML].split(";")[0], "application/json"],
            }
        ],
    }
    return formaat.antwoord(fmt, "discovery", inhoud)


@require_safe
def service_list(request, fmt):
    if fmt not in formaat.FORMATEN:
        return _onbekend_formaat()
    if fout := _jurisdictie_fout(request, fmt):
        return fout
    inhoud = [diensten.dienst_gegevens(thema) for thema in diensten.diensten()]
    return formaat.antwoord(fmt, "services", inhoud)


@require_safe
def service_definition(request, service_code, fmt):
    if fmt not in formaat.FORMATEN:
        return _onbekend_formaat()
    if fout := _jurisdictie_fout(request, fmt):
        return fout
    thema = diensten.dienst(service_code)
    if thema is None:
        return formaat.fout(fmt, 404, _("Unknown service_code."))
    return formaat.antwoord(fmt, "service_definition", diensten.definitie(thema))


@require_safe
def request_detail(request, service_request_id, fmt):
    if fmt not in formaat.FORMATEN:
        return _onbekend_formaat()
    if fout := _jurisdictie_fout(request, fmt):
        return fout
    pk = verzoeken.request_id(service_request_id)
    onderwerp = verzoeken.basis().filter(pk=pk).first() if pk is not None else None
    if onderwerp is None:
        # Unknown, not published, or an initiative: the same answer for each.
        return formaat.fout(fmt, 404, _("No public request with this service_request_id."))
    return formaat.antwoord(fmt, "service_requests", [verzoeken.gegevens(onderwerp)])


# A machine API for partner apps, authorised by the api_key in the body and never by a
# cookie: CSRF protects what a browser's cookies authorise, and nothing here reads the
# session (the person signed in, if any, is never consulted, so a browser session adds no
# right). Without the exemption no partner app could post at all.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def request_list(request, fmt):
    if fmt not in formaat.FORMATEN:
        return _onbekend_formaat()
    if request.method == "POST":
        try:
            request.POST  # noqa: B018 - parsed here, so Django's limits answer in the format
        except (RequestDataTooBig, TooManyFieldsSent):
            return formaat.fout(fmt, 400, _("The request is too large."))
    if fout := _jurisdictie_fout(request, fmt):
        return fout
    if request.method == "POST":
        return _aanmaken(request, fmt)

    def context():
        gevonden = verzoeken.zoeken(request.GET)
        notice = verzoeken.service_notice()
        inhoud = [verzoeken.gegevens(o, notice=notice) for o in gevonden.verzoeken]
        lichaam = formaat.lichaam(fmt, "service_requests", inhoud).decode()
        # Written by json.dumps or ElementTree, which escaped every text already.
        return {"lichaam": mark_safe(lichaam), "verschuift": gevonden.venster_verschuift}  # noqa: S308

    try:
        lichaam = VERZOEKEN.render(request, context)
    except verzoeken.OngeldigeVraag as fout:
        return formaat.fout(fmt, 400, str(fout))
    return formaat.antwoord_met_lichaam(fmt, lichaam.encode())


def _vastleggen(request, *, uitkomst, sleutel=None, object=None, omschrijving=""):
    """One audit row per use of the endpoint. The actor is the key's account, never a
    browser session that happens to come along (hence no anonymous default)."""
    audit.vastleggen(
        actie=audit.AuditActie.OPEN311_MELDING,
        uitkomst=uitkomst,
        gebruiker=(sleutel.account if sleutel is not None else None) or AnonymousUser(),
        request=request,
        object=object if object is not None else sleutel,
        omschrijving=omschrijving,
    )


def _aanmaken(request, fmt):
    tekst = request.POST.get("api_key", "")
    sleutel = sleutels.apisleutel_vinden(tekst) if "\x00" not in tekst else None
    if sleutel is None or not sleutel.is_bruikbaar:
        _vastleggen(
            request,
            uitkomst=audit.Uitkomst.GEWEIGERD,
            sleutel=sleutel,
            omschrijving="revoked key or deleted account" if sleutel else "no valid key",
        )
        return formaat.fout(fmt, 403, _("A valid api_key is required to create a request."))
    wie = f"{sleutel.naam} ({sleutel.voorvoegsel})"
    teller = f"open311:sleutel:{sleutel.pk}"
    if not snelheid.toegestaan(teller, melden.PER_UUR, melden.UUR):
        _vastleggen(
            request,
            uitkomst=audit.Uitkomst.GEWEIGERD,
            sleutel=sleutel,
            omschrijving=f"{wie}: rate limit",
        )
        return formaat.fout(
            fmt,
            429,
            _("This key created %(aantal)d requests in the past hour, the most we accept.")
            % {"aantal": melden.PER_UUR},
        )
    try:
        melding = melden.lezen(request.POST)
        onderwerp = melden.open311_melding_maken(sleutel=sleutel, melding=melding)
    except melden.OngeldigeMelding as fout:
        snelheid.teruggeven(teller, melden.UUR)  # nothing saved: it does not count
        _vastleggen(
            request,
            uitkomst=audit.Uitkomst.MISLUKT,
            sleutel=sleutel,
            omschrijving=f"{wie}: " + " ".join(fout.fouten),
        )
        return formaat.fout(fmt, 400, *fout.fouten)
    except services.Geweigerd:
        # The partner app's account was deactivated in the admin: the key cannot submit.
        snelheid.teruggeven(teller, melden.UUR)
        _vastleggen(
            request,
            uitkomst=audit.Uitkomst.GEWEIGERD,
            sleutel=sleutel,
            omschrijving=f"{wie}: account inactive",
        )
        return formaat.fout(fmt, 403, _("A valid api_key is required to create a request."))
    _vastleggen(
        request,
        uitkomst=audit.Uitkomst.GESLAAGD,
        sleutel=sleutel,
        object=onderwerp,
        omschrijving=f"{wie}: created item {onderwerp.pk}",
    )
    return formaat.antwoord(
        fmt,
        "service_requests",
        [
            {
                "service_request_id": str(onderwerp.pk),
                "service_notice": verzoeken.service_notice(),
                "account_id": "",
            }
        ],
    )

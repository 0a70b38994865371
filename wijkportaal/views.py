"""The composition pages: home, statements, health check and error pages."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from contacten import audit
from wijken import pagecache
from wijken.models import Wijk

logger = logging.getLogger(__name__)


#: The home page's links to every ward.
WIJKZOEKER = pagecache.Fragment(
    name="wijkzoeker",
    template="wijkportaal/home.html#wijkzoeker",
    shows={"wijken.Wijk": pagecache.ALL},
)


@require_safe
def home(request):
    # Rendering a link to each of a hundred wards cost more than the rest of the page.
    wijkzoeker = WIJKZOEKER.render(request, lambda: {"wijken": Wijk.objects.voor_wijkzoeker()})
    return render(request, "wijkportaal/home.html", {"wijkzoeker": wijkzoeker})


def _dagen(aantal: int) -> dict:
    """A period in days, and in whole years when it is one (730 -> 2), for the text."""
    return {"dagen": aantal, "jaren": aantal // 365 if aantal and aantal % 365 == 0 else None}


def termijnen() -> dict:
    """The periods the statements promise, read from the settings and constants that
    enforce them (``manage.py bewaartermijnen``, the audit clean-up, the session
    middleware), so a changed setting changes the text and the two cannot drift apart."""
    return {
        "afgesloten": _dagen(settings.BEWAARTERMIJN_AFGESLOTEN_DAGEN),
        "onbevestigd": _dagen(settings.BEWAARTERMIJN_ONBEVESTIGD_DAGEN),
        "audit": _dagen(audit.BEWAARTERMIJN.days),
        "csrf": _dagen(settings.CSRF_COOKIE_AGE // 86400),
        "inactief_minuten": settings.SESSION_IDLE_TIMEOUT // 60,
        "sessie_uren": settings.SESSION_COOKIE_AGE // 3600,
    }


@require_safe
def toegankelijkheid(request):
    return render(request, "wijkportaal/toegankelijkheid.html", {"termijnen": termijnen()})


@require_safe
def privacy(request):
    return render(request, "wijkportaal/privacy.html", {"termijnen": termijnen()})


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when this process can reach the database, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return HttpResponse("database unreachable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def basislijn(request):
    """The benchmark's baseline (registered only with BENCHMARK=1): one query and a trivial
    template, so a page's requests/s can be read as a share of the stack's own ceiling."""
    # No request passed: context processors would add queries of their own.
    from django.template.loader import render_to_string

    tekst = render_to_string("wijkportaal/basislijn.html", {"wijken": Wijk.objects.count()})
    return HttpResponse(tekst)


def fout_403(request, exception=None):
    # Every PermissionDenied ends here, so this is the one place refused access is logged.
    audit.vastleggen(
        actie=audit.AuditActie.TOEGANG_GEWEIGERD, uitkomst=audit.Uitkomst.GEWEIGERD, request=request
    )
    return render(request, "403.html", status=403)


def csrf_mislukt(request, reason=""):
    """A form refused by the CSRF check: most often one left open in an old tab, or from
    before signing in or out. Django's own page is English, technical and outside the
    portal's layout; this one says what to do. Logged as refused access."""
    audit.vastleggen(
        actie=audit.AuditActie.TOEGANG_GEWEIGERD,
        uitkomst=audit.Uitkomst.GEWEIGERD,
        request=request,
        omschrijving=f"CSRF: {reason}"[:500],
    )
    return render(request, "403_csrf.html", status=403)


def fout_404(request, exception=None):
    return render(request, "404.html", status=404)


def fout_500(request):
    # No context processors: whatever broke the page may break them too.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)

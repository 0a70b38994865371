"""Following a ward: follow or change how often, stop, the list of wards a person follows,
and the unsubscribe link of every email (``wijken.volgen``).

Anyone signed in may follow a ward (staff too). The unsubscribe link works signed out:
its signed token is the authorisation, which is also why that one view takes a POST
without a CSRF token (RFC 8058: a mail client's one-click unsubscribe).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wijken import volgen as volgdienst
from wijken.forms import volgformulier
from wijken.models import Volger, Wijk
from wijken.weergave import kruimelpad

_kruimels = kruimelpad("wijken:lijst", gettext_lazy("Wards"))


def _terug(request, standaard: str) -> str:
    """Where to go after the POST: ``next`` when it is a path on this site, else ``standaard``."""
    volgende = request.POST.get("next", "")
    if volgende and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return standaard


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def volgen(request, code):
    """Follow a ward, or change how often its news comes. The ward page carries the same
    form; this page is where a visitor lands after signing in to follow, and where the
    form comes back with its error."""
    wijk = get_object_or_404(Wijk, code=code)
    volger = Volger.objects.van_wijken().filter(gebruiker=request.user, wijk=wijk).first()
    form = volgformulier(volger, data=request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                volger, nieuw = volgdienst.volger_opslaan(
                    gebruiker=request.user, wijk=wijk, frequentie=form.cleaned_data["frequentie"]
                )
            except volgdienst.Geweigerd as exc:
                raise PermissionDenied from exc
            if nieuw:
                tekst = _("You now follow %(wijk)s.")
            else:
                tekst = _("Your choice for %(wijk)s is saved.")
            messages.success(request, tekst % {"wijk": wijk.naam})
            return redirect(_terug(request, wijk.get_absolute_url()))
        status = 400
    return render(
        request,
        "wijken/volgen.html",
        {
            "wijk": wijk,
            "volger": volger,
            "form": form,
            "kruimels": _kruimels((wijk.get_absolute_url(), wijk.naam)),
        },
        status=status,
    )


@login_required
@require_POST
def ontvolgen(request, code):
    """Stop following a ward (nothing to stop is fine: a second click changes nothing)."""
    wijk = get_object_or_404(Wijk, code=code)
    try:
        gestopt = volgdienst.volger_verwijderen(gebruiker=request.user, wijk=wijk)
    except volgdienst.Geweigerd as exc:
        raise PermissionDenied from exc
    if gestopt:
        messages.success(request, _("You no longer follow %(wijk)s.") % {"wijk": wijk.naam})
    return redirect(_terug(request, wijk.get_absolute_url()))


@login_required
@require_safe
def gevolgd(request):
    """Wards I follow: each with how often its news comes, to change or stop; then the
    items I follow, each to stop. Two queries, however many wards and items."""
    volgers = list(
        Volger.objects.filter(gebruiker=request.user)
        .select_related("wijk", "onderwerp")
        .order_by("wijk__naam", "pk")
    )
    rijen = [
        {"volger": v, "form": volgformulier(v, auto_id=f"id_{v.wijk.code}_%s")}
        for v in volgers
        if v.onderwerp_id is None
    ]
    onderwerpen = [v.onderwerp for v in volgers if v.onderwerp_id is not None]
    return render(
        request,
        "wijken/gevolgd.html",
        {"rijen": rijen, "onderwerpen": onderwerpen, "kruimels": _kruimels()[:1]},
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def afmelden(request, token):
    """Unsubscribe with the link of an email: GET (a person clicking) and POST (RFC 8058
    one-click from the mail client) both stop the following at once, signed in or not.
    Again is fine. A token that is not ours changes nothing and gets a 400 page."""
    afgemeld = volgdienst.volger_afmelden(token=token)
    if afgemeld is None:
        return render(
            request,
            "wijken/afmelden_ongeldig.html",
            {"kruimels": _kruimels()[:1]},
            status=400,
        )
    wijk, onderwerp_id = afgemeld
    volger = None
    if request.user.is_authenticated and onderwerp_id is None:
        volger = Volger.objects.van_wijken().filter(gebruiker=request.user, wijk=wijk).first()
    return render(
        request,
        "wijken/afmelden.html",
        {
            "wijk": wijk,
            # Stopped following one item: the page says so and offers no ward form.
            "onderwerp_afgemeld": onderwerp_id is not None,
            "volger": volger,
            "form": volgformulier(None),
            "kruimels": _kruimels((wijk.get_absolute_url(), wijk.naam)),
        },
    )

"""The ward dashboard, the list behind its figures, the printable ward report and the
college overview.

Who may see which dashboard is asked of ``contacten.permissions``: a ward's own officials
and the college (aldermen included) and griffie. A ward exists publicly, so a dashboard
the person may not see is 403, not 404. What is shown is put together in
``wijkportaal.dashboard``; each page runs a fixed number of queries. The dashboard and
the college overview are cached as ``WIJKDASHBOARD`` and ``COLLEGEOVERZICHT`` declare.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from contacten.permissions import (
    heeft_wijkdashboard,
    mag_collegeoverzicht_zien,
    mag_wijkdashboard_zien,
)
from meedenken import dashboard as meedenken_dashboard
from wijken import pagecache
from wijken.models import Wijk
from wijken.paginering import pagineren
from wijken.weergave import kruimelpad, kruimels, weiger_tenzij
from wijkportaal import dashboard
from wijkportaal.forms import KENGETAL_FILTERS, DashboardFilterForm


def _wijk(request, code) -> Wijk:
    wijk = get_object_or_404(
        meedenken_dashboard.met_wijkcijfers(
            Wijk.objects.select_related("wijkwethouder", "wijkadviseur", "opbouwwerker")
        ),
        code=code,
    )
    weiger_tenzij(mag_wijkdashboard_zien(request.user, wijk))
    return wijk


_kruimels = kruimelpad("wijkdashboard", gettext_lazy("Ward dashboard"))


def _wijk_kruimel(wijk) -> tuple[str, str]:
    return (reverse("wijkdashboard_wijk", kwargs={"code": wijk.code}), wijk.naam)


@login_required
@require_safe
def wijkdashboard(request):
    """The wards this person has a dashboard of, with a few headline figures each; with
    exactly one ward, straight to its dashboard."""
    user = request.user
    weiger_tenzij(heeft_wijkdashboard(user))
    wijken = list(dashboard.eigen_wijken(user))
    if len(wijken) == 1:
        return redirect("wijkdashboard_wijk", code=wijken[0].code)
    cijfers = dashboard.kerncijfers_per_wijk(user, wijken)
    leeg = {"open": 0, "te_laat": 0, "wacht_op_wethouder": 0}
    return render(
        request,
        "wijkportaal/dashboard/index.html",
        {
            "rijen": [{"wijk": w, "cijfers": cijfers.get(w.pk, leeg)} for w in wijken],
            "mag_collegeoverzicht": mag_collegeoverzicht_zien(user),
            "kruimels": kruimels(),
        },
    )


#: One ward's dashboard: its items (figures, breakdowns, short lists, the trend of steps)
#: with their themes and neighbourhoods, its groups, seats, fallback arrangements and
#: contact moments, its visits in this college term; per person (which items and
#: contact moments they may see). Overdue deadlines, "planned" visits and the contact
#: period change at midnight.
WIJKDASHBOARD = pagecache.Fragment(
    name="wijkdashboard",
    template="wijkportaal/dashboard/wijk.html#inhoud",
    shows={
        "initiatieven.Onderwerp": "wijk",
        "initiatieven.Statuswijziging": "wijk",
        "initiatieven.Thema": pagecache.ALL,
        # A badge says "proposed" while an item's agenda item is only proposed.
        "contacten.Agendapunt": "wijk",
        "wijken.Wijk": "wijk",
        "wijken.Buurt": "wijk",
        "wijken.Bewonersgroep": "wijk",
        "wijken.Bestuursfunctie": "wijk",
        "wijken.Terugvalregeling": "wijk",
        "wijken.TerugvalTaak": "wijk",
        "contacten.Contactmoment": "wijk",
        "contacten.Bezoek": "wijk",
        "contacten.Collegeperiode": pagecache.ALL,
        "contacten.Gebruiker": pagecache.ALL,
    },
    per_person=True,
    moments=(pagecache.next_midnight,),
)


@login_required
@require_safe
def wijkdashboard_wijk(request, code):
    """One ward's dashboard: figures, trend, civil society, visits (``WIJKDASHBOARD``)."""
    wijk = _wijk(request, code)
    inhoud = WIJKDASHBOARD.render(
        request, lambda: dashboard.wijkdashboard(request.user, wijk), wijk=wijk.pk
    )
    return render(
        request,
        "wijkportaal/dashboard/wijk.html",
        {
            "wijk": wijk,
            "inhoud": inhoud,
            "kruimels": _kruimels(),
            "meedenken": meedenken_dashboard.wijkcijfers(wijk, user=request.user),
        },
    )


@login_required
@require_safe
def wijkdashboard_onderwerpen(request, code):
    """The ward's items behind a figure: the same condition the figure counts with."""
    wijk = _wijk(request, code)
    form = DashboardFilterForm(request.GET or None)
    waarden = form.geldige_waarden()
    onderwerpen = dashboard.onderwerpen_van(request.user, wijk)
    for veld in ("status", "soort", "thema"):
        if veld in waarden:
            onderwerpen = onderwerpen.filter(**{veld: waarden[veld]})
    for naam, _label in KENGETAL_FILTERS:
        if waarden.get(naam):
            onderwerpen = onderwerpen.met_kengetal(naam)
    volgorde = ("ingediend_op", "pk") if waarden.get("langst_open") else ("-ingediend_op", "-pk")
    onderwerpen = (
        onderwerpen.select_related("thema", "buurt").met_voorstel_open().order_by(*volgorde)
    )
    return render(
        request,
        "wijkportaal/dashboard/onderwerpen.html",
        {
            "wijk": wijk,
            "form": form,
            "pagina": pagineren(request, onderwerpen),
            "gefilterd": bool(waarden),
            "kruimels": _kruimels(_wijk_kruimel(wijk)),
        },
    )


@login_required
@require_safe
def wijkrapport(request, code):
    """The ward report for the college's visit, laid out for printing."""
    wijk = _wijk(request, code)
    context = dashboard.wijkrapport(request.user, wijk)
    context["meedenken"] = meedenken_dashboard.rapportvragen(wijk)
    context["kruimels"] = _kruimels(_wijk_kruimel(wijk))
    return render(request, "wijkportaal/dashboard/rapport.html", context)


#: Every ward side by side: counts of open, escalated and overdue items per ward, the
#: ward councils and their fallback arrangements, this term's college half-days; per
#: person (the items they may see). Overdue deadlines and the term change at midnight.
COLLEGEOVERZICHT = pagecache.Fragment(
    name="collegeoverzicht",
    template="wijkportaal/dashboard/collegeoverzicht.html#inhoud",
    shows={
        "initiatieven.Onderwerp": pagecache.ALL,
        "wijken.Wijk": pagecache.ALL,
        "wijken.Bewonersgroep": pagecache.ALL,
        "wijken.Terugvalregeling": pagecache.ALL,
        "contacten.Bezoek": pagecache.ALL,
        "contacten.Collegeperiode": pagecache.ALL,
    },
    per_person=True,
    moments=(pagecache.next_midnight,),
)


@login_required
@require_safe
def collegeoverzicht(request):
    """Every ward side by side for the college and the griffie, most attention first
    (``COLLEGEOVERZICHT``)."""
    weiger_tenzij(mag_collegeoverzicht_zien(request.user))
    inhoud = COLLEGEOVERZICHT.render(request, lambda: dashboard.collegeoverzicht(request.user))
    return render(
        request,
        "wijkportaal/dashboard/collegeoverzicht.html",
        {
            "inhoud": inhoud,
            "kruimels": kruimels(),
            "meedenken": meedenken_dashboard.collegecijfers(Wijk.objects.order_by("naam")),
        },
    )

"""Meetings: the public agendas and decisions, commitments per ward, and the griffie's
management of meetings and agenda items.

Public pages show published meetings only, and on them only accepted agenda items; a draft
meeting is a 404 for anyone but the college and the griffie. Management is the griffie's:
others get 403 (anonymous visitors are sent to sign in) and nothing changes. Moving ward
items through the workflow (proposals, decisions) is done in ``initiatieven``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from contacten import permissions, services
from contacten.forms import AgendapuntForm, VergaderingForm
from contacten.vergaderingen import (
    Agendapunt,
    Toezegging,
    ToezeggingStatus,
    Vergadering,
    VergaderStatus,
)
from wijken.weergave import kruimelpad

_kruimels = kruimelpad("contacten:vergaderingen", gettext_lazy("Meetings and decisions"))


def _alleen_griffie(request) -> None:
    if not permissions.is_griffie(request.user):
        raise PermissionDenied


# --- public ---------------------------------------------------------------------------------


@require_safe
def vergaderingen(request):
    """Published meetings of the college and the council: upcoming, then held."""
    alle = Vergadering.objects.gepubliceerd().annotate(
        aantal_punten=Count("agendapunten", filter=Q(agendapunten__status="geagendeerd"))
    )
    return render(
        request,
        "contacten/vergaderingen.html",
        {
            "komend": alle.komend(),
            "geweest": alle.geweest()[:50],
            "kruimels": _kruimels()[:1],
        },
    )


@require_safe
def vergadering(request, pk):
    """A meeting's agenda in order, each item with its ward items and decision."""
    publiek = not permissions.is_college_of_griffie(request.user)
    qs = Vergadering.objects.met_agenda(publiek=publiek)
    vergadering = get_object_or_404(qs.gepubliceerd() if publiek else qs, pk=pk)
    return render(
        request,
        "contacten/vergadering.html",
        {
            "vergadering": vergadering,
            "punten": vergadering.agendapunten.all(),
            "is_griffie": permissions.is_griffie(request.user),
            "kruimels": _kruimels(),
        },
    )


@require_safe
def toezeggingen(request):
    """Commitments made with decisions, per ward, with whether they were kept."""
    per_wijk: dict = {}
    for toezegging in Toezegging.objects.openbaar():
        per_wijk.setdefault(toezegging.wijk, []).append(toezegging)
    return render(
        request,
        "contacten/toezeggingen.html",
        {
            "per_wijk": per_wijk,
            "is_griffie": permissions.is_griffie(request.user),
            "statussen": ToezeggingStatus.choices,
            "kruimels": _kruimels(),
        },
    )


# --- college and griffie --------------------------------------------------------------------


@login_required
@require_safe
def agenda(request):
    """All meetings, drafts included, for the college and the griffie."""
    if not permissions.is_college_of_griffie(request.user):
        raise PermissionDenied
    alle = Vergadering.objects.annotate(
        aantal_punten=Count("agendapunten", filter=Q(agendapunten__status="geagendeerd")),
        aantal_voorstellen=Count("agendapunten", filter=Q(agendapunten__status="voorgesteld")),
    )
    return render(
        request,
        "contacten/agenda.html",
        {
            "komend": alle.komend(),
            "geweest": alle.geweest()[:50],
            "is_griffie": permissions.is_griffie(request.user),
            "kruimels": _kruimels(),
        },
    )


def _vergadering_formulier(request, vergadering=None):
    _alleen_griffie(request)
    initieel = {}
    if vergadering:
        initieel = {
            "orgaan": vergadering.orgaan,
            "begin": timezone.localtime(vergadering.begin),
            "locatie": vergadering.locatie,
        }
    form = VergaderingForm(request.POST or None, initial=initieel)
    if (
        request.method == "POST"
        and form.is_valid()
        and vergadering
        and form.cleaned_data["orgaan"] != vergadering.orgaan
        and vergadering.agendapunten.filter(onderwerpen__isnull=False).exists()
    ):
        # Items carried by its agenda are "on the college agenda" (or the council's).
        form.add_error("orgaan", _("This meeting carries ward items: its body cannot change."))
    if request.method == "POST" and form.is_valid():
        vergadering = services.vergadering_opslaan(
            door=request.user, vergadering=vergadering, **form.cleaned_data
        )
        messages.success(request, _("The meeting is saved."))
        return redirect(vergadering)
    titel = _("Change the meeting") if vergadering else _("New meeting")
    return render(
        request,
        "contacten/formulier.html",
        {
            "form": form,
            "titel": titel,
            "knop": _("Save"),
            "annuleren": vergadering.get_absolute_url()
            if vergadering
            else reverse("contacten:agenda"),
            "kruimels": _kruimels(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def vergadering_nieuw(request):
    return _vergadering_formulier(request)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def vergadering_bewerken(request, pk):
    _alleen_griffie(request)
    return _vergadering_formulier(request, get_object_or_404(Vergadering, pk=pk))


@login_required
@require_POST
def vergadering_status(request, pk):
    """Publish a meeting, or mark it held."""
    _alleen_griffie(request)
    vergadering = get_object_or_404(Vergadering, pk=pk)
    status = request.POST.get("status")
    if status not in (VergaderStatus.GEPUBLICEERD, VergaderStatus.AFGELOPEN):
        messages.error(request, _("Choose a valid status."))
    else:
        services.vergadering_status_zetten(
            door=request.user, vergadering=vergadering, status=status
        )
        messages.success(
            request,
            _("The agenda is published.")
            if status == VergaderStatus.GEPUBLICEERD
            else _("The meeting is marked as held."),
        )
    return redirect(vergadering)


def _agendapunt_formulier(request, vergadering, punt=None):
    initieel = {}
    if punt:
        initieel = {
            "titel": punt.titel,
            "toelichting": punt.toelichting,
            "hamerstuk": punt.hamerstuk,
        }
    form = AgendapuntForm(request.POST or None, initial=initieel)
    if request.method == "POST" and form.is_valid():
        services.agendapunt_opslaan(
            door=request.user, vergadering=vergadering, agendapunt=punt, **form.cleaned_data
        )
        messages.success(request, _("The agenda item is saved."))
        return redirect(vergadering)
    return render(
        request,
        "contacten/formulier.html",
        {
            "form": form,
            "titel": _("Change the agenda item") if punt else _("New agenda item"),
            "onder_titel": str(vergadering),
            "knop": _("Save"),
            "annuleren": vergadering.get_absolute_url(),
            "kruimels": _kruimels((vergadering.get_absolute_url(), str(vergadering))),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agendapunt_nieuw(request, pk):
    _alleen_griffie(request)
    return _agendapunt_formulier(request, get_object_or_404(Vergadering, pk=pk))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agendapunt_bewerken(request, pk):
    _alleen_griffie(request)
    punt = get_object_or_404(Agendapunt.objects.select_related("vergadering"), pk=pk)
    return _agendapunt_formulier(request, punt.vergadering, punt)


@login_required
@require_POST
def agendapunt_verschuiven(request, pk):
    """Move an agenda item one place up or down."""
    _alleen_griffie(request)
    punt = get_object_or_404(Agendapunt.objects.select_related("vergadering"), pk=pk)
    richting = request.POST.get("richting")
    if richting not in ("op", "neer"):
        raise Http404
    services.agendapunt_verschuiven(door=request.user, agendapunt=punt, omhoog=richting == "op")
    return redirect(f"{punt.vergadering.get_absolute_url()}#punt-{punt.pk}")


@login_required
@require_POST
def toezegging_status(request, pk):
    """Record whether a commitment was kept."""
    _alleen_griffie(request)
    toezegging = get_object_or_404(Toezegging, pk=pk)
    status = request.POST.get("status")
    if status not in ToezeggingStatus.values:
        messages.error(request, _("Choose a valid status."))
    else:
        services.toezegging_status_zetten(door=request.user, toezegging=toezegging, status=status)
        messages.success(request, _("The commitment is updated."))
    return redirect(reverse("contacten:toezeggingen") + f"#toezegging-{toezegging.pk}")

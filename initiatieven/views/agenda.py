"""Agenda pages: the alderman's proposals, the griffie's handling of proposals and the
recording of decisions. Every step goes through ``initiatieven.agenda`` (and so through
the one transition table); a refused step is a 403 and changes nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from contacten.models import Agendapunt, AgendapuntStatus
from contacten.permissions import is_griffie
from initiatieven import agenda, permissions
from initiatieven.forms_agenda import BesluitForm, TeruggevenForm, VerplaatsenForm, VoorstelForm
from initiatieven.models import Onderwerp
from initiatieven.services import Geweigerd, Onvolledig
from wijken import pagecache
from wijken.weergave import kruimels


def _fouten_in_formulier(form, fout: Onvolledig) -> None:
    for veld, tekst in fout.velden.items():
        form.add_error(veld if veld in form.fields else None, tekst)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agenderen(request):
    """The alderman: escalated items of their wards, a proposal for the college agenda,
    and their proposals with the outcome."""
    if not permissions.heeft_wethouderslijst(request.user):
        raise PermissionDenied
    escalaties = Onderwerp.objects.bij_wethouder(request.user)
    # "Put on the college agenda" on an item's card links here with that item chosen.
    gekozen = request.GET.get("onderwerp", "")
    begin = {"onderwerpen": [int(gekozen)]} if gekozen.isdigit() else {}
    form = VoorstelForm(request.POST or None, onderwerpen=escalaties, initial=begin)
    if request.method == "POST" and form.is_valid():
        try:
            punt = agenda.agenda_voorstellen(door=request.user, **form.cleaned_data)
        except Geweigerd as fout:
            raise PermissionDenied from fout
        except Onvolledig as fout:
            _fouten_in_formulier(form, fout)
        else:
            messages.success(
                request,
                _("Your proposal for %(vergadering)s is sent to the griffie.")
                % {"vergadering": punt.vergadering},
            )
            return redirect("initiatieven:agenderen")
    return render(
        request,
        "initiatieven/agenda/agenderen.html",
        {
            "form": form,
            "heeft_escalaties": escalaties.exists(),
            "voorstellen": Agendapunt.objects.van_wethouder(request.user),
            "kruimels": kruimels(),
        },
    )


def _alleen_griffie(request):
    if not is_griffie(request.user):
        raise PermissionDenied


#: The griffie's proposals and decisions to record: agenda items with their meetings,
#: decisions, proposers and the items (and wards) they carry. An agenda item becomes one
#: to record when its meeting begins: that moment is declared.
GRIFFIE = pagecache.Fragment(
    name="griffie",
    template="initiatieven/agenda/griffie.html#inhoud",
    shows={
        "contacten.Agendapunt": pagecache.ALL,
        "contacten.Vergadering": pagecache.ALL,
        "contacten.Besluit": pagecache.ALL,
        "contacten.Gebruiker": pagecache.ALL,
        "initiatieven.Onderwerp": pagecache.ALL,
        "wijken.Wijk": pagecache.ALL,
    },
    moments=(lambda context: Agendapunt.objects.volgend_besluitmoment(),),
)


@login_required
@require_http_methods(["GET", "HEAD"])
def agenda_griffie(request):
    """The griffie: open proposals of aldermen, and agenda items awaiting a decision
    (``GRIFFIE``)."""
    _alleen_griffie(request)
    inhoud = GRIFFIE.render(
        request,
        lambda: {
            "voorstellen": list(Agendapunt.objects.voorstellen()),
            "zonder_besluit": list(Agendapunt.objects.zonder_besluit()),
        },
    )
    return render(
        request, "initiatieven/agenda/griffie.html", {"inhoud": inhoud, "kruimels": kruimels()}
    )


def _voorstel(pk):
    return get_object_or_404(
        Agendapunt.objects.select_related("vergadering"),
        pk=pk,
        status=AgendapuntStatus.VOORGESTELD,
    )


@login_required
@require_POST
def voorstel_accepteren(request, pk):
    _alleen_griffie(request)
    punt = _voorstel(pk)
    try:
        agenda.voorstel_accepteren(agendapunt=punt, door=request.user)
    except Geweigerd as fout:
        raise PermissionDenied from fout
    messages.success(request, _("“%(titel)s” is on the agenda.") % {"titel": punt.titel})
    return redirect("initiatieven:agenda_griffie")


def _voorstel_formulier(request, punt, form, titel, knop):
    return render(
        request,
        "initiatieven/agenda/voorstel_formulier.html",
        {
            "form": form,
            "punt": punt,
            "titel": titel,
            "knop": knop,
            "kruimels": kruimels(
                (reverse("initiatieven:agenda_griffie"), _("Proposals and decisions"))
            ),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def voorstel_verplaatsen(request, pk):
    _alleen_griffie(request)
    punt = _voorstel(pk)
    form = VerplaatsenForm(request.POST or None, huidig=punt.vergadering)
    if request.method == "POST" and form.is_valid():
        try:
            agenda.voorstel_verplaatsen(agendapunt=punt, door=request.user, **form.cleaned_data)
        except Geweigerd as fout:
            raise PermissionDenied from fout
        except Onvolledig as fout:
            _fouten_in_formulier(form, fout)
        else:
            messages.success(request, _("The proposal is moved."))
            return redirect("initiatieven:agenda_griffie")
    return _voorstel_formulier(request, punt, form, _("Move a proposal"), _("Move"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def voorstel_teruggeven(request, pk):
    _alleen_griffie(request)
    punt = _voorstel(pk)
    form = TeruggevenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agenda.voorstel_teruggeven(agendapunt=punt, door=request.user, **form.cleaned_data)
        except Geweigerd as fout:
            raise PermissionDenied from fout
        except Onvolledig as fout:
            _fouten_in_formulier(form, fout)
        else:
            messages.success(request, _("The proposal is returned to the alderman."))
            return redirect("initiatieven:agenda_griffie")
    return _voorstel_formulier(request, punt, form, _("Return a proposal"), _("Return"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def besluit(request, pk):
    """Record the decision on an agenda item; its items move on."""
    _alleen_griffie(request)
    punt = get_object_or_404(
        Agendapunt.objects.select_related("vergadering").prefetch_related("onderwerpen__wijk"),
        pk=pk,
        status=AgendapuntStatus.GEAGENDEERD,
        besluit__isnull=True,
    )
    form = BesluitForm(request.POST or None, orgaan=punt.vergadering.orgaan)
    if request.method == "POST" and form.is_valid():
        g = form.cleaned_data
        try:
            agenda.besluit_vastleggen(
                agendapunt=punt,
                door=request.user,
                resultaat=g["resultaat"],
                toelichting=g["toelichting"],
                herbezien_op=g.get("herbezien_op"),
                raadsvergadering=g.get("raadsvergadering"),
                toezeggingen=form.toezeggingen(),
            )
        except Geweigerd as fout:
            raise PermissionDenied from fout
        except Onvolledig as fout:
            _fouten_in_formulier(form, fout)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect(f"{punt.vergadering.get_absolute_url()}#punt-{punt.pk}")
    return _voorstel_formulier(request, punt, form, _("Record the decision"), _("Record"))

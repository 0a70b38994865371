"""Visit pages under /bezoeken/: the term overview, a visit's page, planning and changing
a visit with topics from the ward's items, cancelling it, its report, its follow-up
actions, and the calendar feeds.

Who may do what is asked of ``contacten.permissions``: a visit the person may not see is
a 404, an action they may see but not take is a 403. The writes go through
``contacten.services_bezoek`` and ``initiatieven.bezoeken``; their ``ValidationError``
comes back as form errors, and nothing is changed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from contacten import services_bezoek
from contacten.bezoeken import Bezoek, Bezoeksoort, Bezoekstatus, Collegeperiode
from contacten.permissions import (
    heeft_rol,
    is_college_of_griffie,
    mag_bezoek_beheren,
    mag_bezoek_intern_zien,
    mag_bezoek_zien,
)
from contacten.rollen import Rol
from initiatieven import bezoeken, bezoekonderwerpen, ical
from initiatieven.forms_bezoek import (
    AnnulerenForm,
    BezoekActieForm,
    BezoekForm,
    VerslagForm,
    WijkKeuzeForm,
)
from initiatieven.models import Actie, Onderwerp
from wijken import datums
from wijken.models import Wijk
from wijken.weergave import kruimelpad, kruimels, weiger_tenzij

#: The overview lists this many upcoming and recently held visits.
AANTAL_KOMEND = 20
AANTAL_RECENT = 10


_kruimels = kruimelpad("bezoeken:lijst", gettext_lazy("Visits"))


def _fouten_in_formulier(form, fout: ValidationError) -> None:
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.message_dict.items():
            for tekst in lijst:
                form.add_error(veld if veld in form.fields else None, tekst)
    else:
        for tekst in fout.messages:
            form.add_error(None, tekst)


def _wijken_om_te_plannen(user):
    """The wards this person may plan visits for: every ward for the college and griffie,
    their own wards for a ward advisor."""
    if is_college_of_griffie(user):
        return Wijk.objects.actief().order_by("naam")
    if heeft_rol(user, Rol.WIJKADVISEUR):
        return Wijk.objects.actief().filter(wijkadviseur=user).order_by("naam")
    return Wijk.objects.none()


def _mag_plannen(user) -> bool:
    return is_college_of_griffie(user) or heeft_rol(user, Rol.WIJKADVISEUR)


# --- the overview ----------------------------------------------------------------------------


@require_safe
def lijst(request):
    """Per term every ward with its college dagdeel (held, planned or missing; cancelled
    ones noted), then upcoming visits and recently held ones. Public; buttons to manage
    only for who may."""
    user = request.user
    periodes = list(Collegeperiode.objects.order_by("-begin"))
    gekozen = request.GET.get("periode", "")
    periode = next((p for p in periodes if str(p.pk) == gekozen), None)
    if periode is None:
        huidig = Collegeperiode.objects.op_datum()
        periode = next((p for p in periodes if huidig and p.pk == huidig.pk), None)
    if periode is None and periodes:
        periode = periodes[0]

    dagdelen = (
        list(
            Bezoek.objects.college_dagdelen()
            .filter(periode=periode)
            .select_related("wijk")
            .order_by("datum", "pk")
        )
        if periode
        else []
    )
    # A ward archived after a CBS re-division is listed only in a term it had a dagdeel.
    wijken = list(
        Wijk.objects.filter(
            Q(vervallen_per__isnull=True) | Q(pk__in={b.wijk_id for b in dagdelen})
        ).order_by("naam")
    )
    per_wijk: dict[int, dict] = {w.pk: {"bezoek": None, "geannuleerd": []} for w in wijken}
    for bezoek in dagdelen:
        if bezoek.wijk_id not in per_wijk or not mag_bezoek_zien(user, bezoek):
            continue
        if bezoek.status == Bezoekstatus.GEANNULEERD:
            per_wijk[bezoek.wijk_id]["geannuleerd"].append(bezoek)
        else:
            per_wijk[bezoek.wijk_id]["bezoek"] = bezoek
    rijen = [
        {
            "wijk": wijk,
            "bezoek": per_wijk[wijk.pk]["bezoek"],
            "geannuleerd": per_wijk[wijk.pk]["geannuleerd"],
            "mag_plannen": mag_bezoek_beheren(user, wijk),
        }
        for wijk in wijken
    ]
    zichtbaar = Bezoek.objects.zichtbaar_voor(user).select_related("wijk")
    tellingen = {
        "gehouden": sum(
            1 for r in rijen if r["bezoek"] and r["bezoek"].status == Bezoekstatus.GEHOUDEN
        ),
        "gepland": sum(
            1 for r in rijen if r["bezoek"] and r["bezoek"].status == Bezoekstatus.GEPLAND
        ),
        "ontbreekt": sum(1 for r in rijen if not r["bezoek"]),
    }
    return render(
        request,
        "initiatieven/bezoeken/lijst.html",
        {
            "periodes": periodes,
            "periode": periode,
            "rijen": rijen,
            "tellingen": tellingen,
            "komend": list(zichtbaar.gepland()[:AANTAL_KOMEND]),
            "recent": list(zichtbaar.recent()[:AANTAL_RECENT]),
            "mag_plannen": _mag_plannen(user),
            "vandaag": timezone.localdate(),
            "kruimels": kruimels(),
        },
    )


# --- one visit -------------------------------------------------------------------------------


def _bezoek(request, pk, *, intern=False) -> Bezoek:
    """The visit if this person may see it (``intern``: its non-public side); else 404."""
    bezoek = get_object_or_404(
        Bezoek.objects.select_related("wijk", "periode", "aangemaakt_door"), pk=pk
    )
    toegestaan = (
        mag_bezoek_intern_zien(request.user, bezoek.wijk)
        if intern
        else mag_bezoek_zien(request.user, bezoek)
    )
    if not toegestaan:
        raise Http404
    return bezoek


def _bezoek_pagina(request, bezoek, *, actie_form=None, status=200):
    user = request.user
    intern = mag_bezoek_intern_zien(user, bezoek.wijk)
    mag_beheren = mag_bezoek_beheren(user, bezoek.wijk)
    onderwerpen = bezoek.onderwerpen.select_related("thema").met_voorstel_open().order_by("pk")
    if not intern:
        onderwerpen = onderwerpen.filter(openbaar=True).exclude(status="concept")
    onderwerpen = list(onderwerpen)
    context = {
        "bezoek": bezoek,
        "onderwerpen": onderwerpen,
        # Topics of higher apps (questions to the ward), through their registry.
        "onderwerpsecties": bezoekonderwerpen.secties(user, bezoek, intern=intern),
        "deelnemers": list(bezoek.deelnemers.order_by("weergavenaam")),
        "intern": intern,
        "mag_beheren": mag_beheren,
        "toon_verslag": bool(bezoek.verslag) and (bezoek.verslag_openbaar or mag_beheren),
        "kan_houden": mag_beheren
        and bezoek.status != Bezoekstatus.GEANNULEERD
        and bezoek.datum <= timezone.localdate(),
        "vandaag": timezone.localdate(),
        "kruimels": _kruimels(),
    }
    if intern:
        context["acties"] = list(
            bezoek.acties.select_related("onderwerp").order_by("gedaan", "deadline", "pk")
        )
    if mag_beheren and bezoek.status != Bezoekstatus.GEANNULEERD:
        keuze = Onderwerp.objects.filter(pk__in=[o.pk for o in onderwerpen]).order_by("pk")
        context["actie_form"] = actie_form or BezoekActieForm(onderwerpen=keuze)
    return render(request, "initiatieven/bezoeken/bezoek.html", context, status=status)


@require_safe
def bezoek(request, pk):
    """A visit: programme, topics (the public sees public items only), participants, the
    report once published (who may manage it sees the draft), follow-up actions (staff)."""
    return _bezoek_pagina(request, _bezoek(request, pk))


# --- planning and changing ---------------------------------------------------------------------


def _formulier_pagina(request, context):
    return render(request, "initiatieven/bezoeken/formulier.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plannen(request):
    """Plan a visit. Without ``?wijk=`` it asks for the ward first (its items are the
    topics), so it works without JavaScript; ``?soort=`` preselects the kind."""
    user = request.user
    weiger_tenzij(_mag_plannen(user))
    wijken = _wijken_om_te_plannen(user)
    code = request.GET.get("wijk", "")
    soort = request.GET.get("soort", "")
    soort = soort if soort in Bezoeksoort.values else Bezoeksoort.COLLEGE_DAGDEEL
    if not code:
        return _formulier_pagina(
            request,
            {
                "titel": _("Plan a visit"),
                "keuze_form": WijkKeuzeForm(wijken=wijken, initial={"soort": soort}),
                "kruimels": _kruimels(),
            },
        )
    # A ward archived after a CBS re-division gets no new visits.
    wijk = get_object_or_404(Wijk.objects.actief(), code=code)
    weiger_tenzij(mag_bezoek_beheren(user, wijk))
    form = BezoekForm(
        request.POST or None,
        onderwerpen=bezoeken.onderwerpen_voor_bezoek(wijk),
        initial={"soort": soort, "openbaar": True},
        extra_velden=bezoekonderwerpen.velden(wijk),
    )
    if request.method == "POST" and form.is_valid():
        gegevens, extra = bezoekonderwerpen.scheiden(form.cleaned_data)
        try:
            nieuw = bezoeken.bezoek_plannen(door=user, wijk=wijk, extra=extra, **gegevens)
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            messages.success(
                request,
                _("The visit to %(wijk)s on %(datum)s is planned.")
                % {"wijk": wijk.naam, "datum": datums.datum(nieuw.datum)},
            )
            return redirect(nieuw.get_absolute_url())
    return _formulier_pagina(
        request,
        {
            "titel": _("Plan a visit to %(wijk)s") % {"wijk": wijk.naam},
            "wijk": wijk,
            "form": form,
            "knop": _("Plan the visit"),
            "annuleren": reverse("bezoeken:lijst"),
            "kruimels": _kruimels(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def bewerken(request, pk):
    """Change a visit's date, place, programme, participants and topics."""
    user = request.user
    bezoek = _bezoek(request, pk, intern=True)
    weiger_tenzij(mag_bezoek_beheren(user, bezoek.wijk))
    if bezoek.status == Bezoekstatus.GEANNULEERD:
        raise Http404  # a cancelled visit stays as it was; plan a new one
    gekozen = list(bezoek.onderwerpen.values_list("pk", flat=True))
    form = BezoekForm(
        request.POST or None,
        onderwerpen=bezoeken.onderwerpen_voor_bezoek(bezoek.wijk, ook=gekozen),
        met_soort=False,
        initial={
            "datum": bezoek.datum,
            "dagdeel": bezoek.dagdeel,
            "locatie": bezoek.locatie,
            "programma": bezoek.programma,
            "onderwerpen": gekozen,
            "deelnemers": list(bezoek.deelnemers.values_list("pk", flat=True)),
            "raad_uitgenodigd": bezoek.raad_uitgenodigd,
            "openbaar": bezoek.openbaar,
            **bezoekonderwerpen.initieel(bezoek),
        },
        extra_velden=bezoekonderwerpen.velden(bezoek.wijk, bezoek),
    )
    if request.method == "POST" and form.is_valid():
        gegevens, extra = bezoekonderwerpen.scheiden(form.cleaned_data)
        try:
            bezoeken.bezoek_wijzigen(door=user, bezoek=bezoek, extra=extra, **gegevens)
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            messages.success(request, _("The visit is changed."))
            return redirect(bezoek.get_absolute_url())
    return _formulier_pagina(
        request,
        {
            "titel": _("Change the visit"),
            "bezoek": bezoek,
            "wijk": bezoek.wijk,
            "form": form,
            "knop": _("Save"),
            "annuleren": bezoek.get_absolute_url(),
            "kruimels": _kruimels((bezoek.get_absolute_url(), str(bezoek))),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def annuleren(request, pk):
    """Cancel a planned visit, with a public reason."""
    user = request.user
    bezoek = _bezoek(request, pk, intern=True)
    weiger_tenzij(mag_bezoek_beheren(user, bezoek.wijk))
    if bezoek.status != Bezoekstatus.GEPLAND:
        raise Http404
    form = AnnulerenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_bezoek.bezoek_annuleren(
                door=user, bezoek=bezoek, reden=form.cleaned_data["reden"]
            )
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            messages.success(request, _("The visit is cancelled."))
            return redirect(bezoek.get_absolute_url())
    return _formulier_pagina(
        request,
        {
            "titel": _("Cancel the visit"),
            "bezoek": bezoek,
            "form": form,
            "knop": _("Cancel the visit"),
            # No "Cancel" link next to "Cancel the visit": the breadcrumbs lead back.
            "annuleren": "",
            "kruimels": _kruimels((bezoek.get_absolute_url(), str(bezoek))),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def verslag(request, pk):
    """Record the visit as held with its report, and publish the report (now or later)."""
    user = request.user
    bezoek = _bezoek(request, pk, intern=True)
    weiger_tenzij(mag_bezoek_beheren(user, bezoek.wijk))
    if bezoek.status == Bezoekstatus.GEANNULEERD:
        raise Http404
    gepubliceerd = bezoek.verslag_openbaar
    form = VerslagForm(
        request.POST or None, gepubliceerd=gepubliceerd, initial={"verslag": bezoek.verslag}
    )
    if request.method == "POST" and form.is_valid():
        publiceren = form.cleaned_data.get("publiceren", False)
        try:
            with transaction.atomic():
                services_bezoek.bezoek_houden(
                    door=user, bezoek=bezoek, verslag=form.cleaned_data["verslag"]
                )
                if publiceren:
                    services_bezoek.verslag_publiceren(door=user, bezoek=bezoek)
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            if gepubliceerd:
                melding = _("The published report is updated.")
            elif publiceren:
                melding = _("The report is published.")
            else:
                melding = _("The report is saved as a draft.")
            messages.success(request, melding)
            return redirect(bezoek.get_absolute_url() + "#verslag")
    return _formulier_pagina(
        request,
        {
            "titel": _("Report of the visit"),
            "bezoek": bezoek,
            "form": form,
            "knop": _("Save the report"),
            "annuleren": bezoek.get_absolute_url(),
            "kruimels": _kruimels((bezoek.get_absolute_url(), str(bezoek))),
        },
    )


# --- follow-up actions -----------------------------------------------------------------------


@login_required
@require_POST
def actie_toevoegen(request, pk):
    user = request.user
    bezoek = _bezoek(request, pk, intern=True)
    weiger_tenzij(mag_bezoek_beheren(user, bezoek.wijk))
    if bezoek.status == Bezoekstatus.GEANNULEERD:
        raise Http404
    form = BezoekActieForm(request.POST, onderwerpen=bezoek.onderwerpen.order_by("pk"))
    if form.is_valid():
        try:
            bezoeken.bezoek_actie_toevoegen(door=user, bezoek=bezoek, **form.cleaned_data)
        except ValidationError as fout:
            _fouten_in_formulier(form, fout)
        else:
            messages.success(request, _("The action is added."))
            return redirect(bezoek.get_absolute_url() + "#acties")
    return _bezoek_pagina(request, bezoek, actie_form=form)


@login_required
@require_POST
def actie_afvinken(request, pk):
    actie = get_object_or_404(
        Actie.objects.select_related("bezoek__wijk"), pk=pk, bezoek__isnull=False
    )
    if not mag_bezoek_intern_zien(request.user, actie.bezoek.wijk):
        raise Http404
    weiger_tenzij(mag_bezoek_beheren(request.user, actie.bezoek.wijk))
    gedaan = request.POST.get("gedaan") == "1"
    bezoeken.bezoek_actie_afvinken(door=request.user, actie=actie, gedaan=gedaan)
    messages.success(
        request,
        _("“%(actie)s” is marked done.") % {"actie": actie.omschrijving}
        if gedaan
        else _("“%(actie)s” is open again.") % {"actie": actie.omschrijving},
    )
    return redirect(actie.bezoek.get_absolute_url() + "#acties")


# --- calendar feeds ------------------------------------------------------------------------


def _feed(request, naam: str, bestandsnaam: str, wijk=None) -> HttpResponse:
    basis = request.build_absolute_uri("/").rstrip("/")
    inhoud = ical.kalender(naam, ical.gebeurtenissen(wijk=wijk, basis_url=basis))
    response = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{bestandsnaam}"'
    return response


@require_safe
def ical_feed(request):
    """Every public visit and published meeting, for a calendar program to subscribe to."""
    return _feed(request, _("Ward visits and meetings"), "wijkportaal.ics")


@require_safe
def ical_wijk(request, code):
    """One ward's public visits, and the published meetings that discuss its items."""
    wijk = get_object_or_404(Wijk, code=code)
    return _feed(
        request,
        _("Visits and meetings: %(wijk)s") % {"wijk": wijk.naam},
        f"wijk-{wijk.code}.ics",
        wijk=wijk,
    )

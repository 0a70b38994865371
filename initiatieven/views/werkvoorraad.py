"""The ward officials' pages: work queue, revisit list, the alderman's list, and triage.

Who may do what is asked of ``initiatieven.permissions``; what a step requires and whether
it may be taken now is decided by the services (and through them the one transition
table). Pages of an item the person has no internal view of are 404; an action the
person may see but not take is 403. The triage page is one form (nothing typed in one
part is lost by saving another); each part is saved by its own button, a POST to its own
URL carrying the ``versie`` the page showed; a change made by someone else in between is
a conflict (409) that names what changed, and nothing is overwritten.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST, require_safe

from contacten import audit
from initiatieven import permissions, services, werkvoorraadsecties
from initiatieven.forms_triage import (
    ActieForm,
    BerichtForm,
    RolForm,
    ScreenenForm,
    StapForm,
    WerkvoorraadFilterForm,
    wijken_keuze,
)
from initiatieven.keuzes import AFGESLOTEN, Status
from initiatieven.models import Actie, Onderwerp
from initiatieven.selectors import filteren, met_tijdlijn, tijdlijn
from initiatieven.weergave import met_statuslabels, onderwerp_kruimels
from initiatieven.workflow import OVERGANGEN
from wijken import pagecache
from wijken.models import Wijk
from wijken.paginering import pagineren
from wijken.weergave import (
    keuzelijsten,
    kruimelpad,
    kruimels,
    url_per_sleutel,
    weiger_tenzij,
)

_werkvoorraad_kruimels = kruimelpad("initiatieven:werkvoorraad", gettext_lazy("Work queue"))


# --- lists ---------------------------------------------------------------------------------


def _pagineren_op_sleutels(request, onderwerpen):
    """The requested page of ``onderwerpen``: paged over the keys alone, and the page's
    rows read by those keys in the same query (a subquery). Ordering an advisor's
    thousands of items by urgency then reads only the index ``onderwerp_werkvoorraad_idx``,
    not thousands of rows scattered over the table (and joined to ward, theme and
    neighbourhood) for the 20 that are shown. The order ends on the key, so the subquery
    and the rows agree on it."""
    pagina = pagineren(request, onderwerpen.values_list("pk", flat=True))
    pagina.object_list = list(onderwerpen.filter(pk__in=pagina.object_list))
    return pagina


def _werkvoorraadrijen(pagina):
    """What each row of the work queue shows that the template would otherwise compute
    per row: the status badge (once per status), the triage link (one ``reverse()`` for
    the page) and the age in days as text (the template's own plural message)."""
    triage_url = url_per_sleutel("initiatieven:triage")
    vandaag = timezone.localdate()
    for onderwerp in met_statuslabels(pagina):
        onderwerp.triage_url = triage_url(onderwerp.pk)
        # Every item in the queue was submitted (drafts are not in it, a constraint).
        dagen = (vandaag - timezone.localdate(onderwerp.ingediend_op)).days
        onderwerp.leeftijd = ngettext("%(dagen)s day", "%(dagen)s days", dagen) % {"dagen": dagen}
    return pagina


#: The work queue: the items of the person's wards with their ward, neighbourhood and
#: theme, counted per state; per person (their wards, their filters' choices). Ages and
#: overdue deadlines change at midnight.
WERKVOORRAAD = pagecache.Fragment(
    name="werkvoorraad",
    template="initiatieven/werkvoorraad/werkvoorraad.html#inhoud",
    shows={
        "initiatieven.Onderwerp": "wijk",
        "initiatieven.Thema": pagecache.ALL,
        "wijken.Wijk": "wijk",
        "wijken.Buurt": "wijk",
    },
    per_person=True,
    moments=(pagecache.next_midnight,),
)


def _werkvoorraad(request) -> dict:
    basis = Onderwerp.objects.voor_werkvoorraad(request.user)
    form = WerkvoorraadFilterForm(
        request.GET or None, wijken=wijken_keuze(Wijk.objects.beheerd_door(request.user))
    )
    waarden = form.geldige_waarden()
    onderwerpen = filteren(basis, waarden)
    if waarden.get("te_laat"):
        onderwerpen = onderwerpen.filter(te_laat=True)
    if waarden.get("kansrijk"):
        onderwerpen = onderwerpen.filter(kansrijk=True)
    if not (waarden.get("afgesloten") or waarden.get("status") in AFGESLOTEN):
        onderwerpen = onderwerpen.zonder_afgesloten()
    aantallen, aantal_te_laat, aantal_te_herbezien = basis.aantallen_werkvoorraad()
    return {
        "form": form,
        "keuzelijsten": keuzelijsten(form),
        "pagina": _werkvoorraadrijen(_pagineren_op_sleutels(request, onderwerpen)),
        "gefilterd": bool(waarden),
        "aantallen": [
            {"status": waarde, "label": label, "aantal": aantallen.get(waarde, 0)}
            for waarde, label in Status.choices
            if waarde != Status.CONCEPT
        ],
        "totaal": sum(aantallen.values()),
        "aantal_te_laat": aantal_te_laat,
        "aantal_te_herbezien": aantal_te_herbezien,
    }


@login_required
@require_safe
def werkvoorraad(request):
    """The items of the person's wards, what needs them now first, closed ones only when
    asked for, with filters and counts per state (``WERKVOORRAAD``); below them the
    sections of higher apps (``werkvoorraadsecties``)."""
    weiger_tenzij(permissions.heeft_werkvoorraad(request.user))
    wijken = list(Wijk.objects.beheerd_door(request.user).values_list("pk", flat=True))
    inhoud = WERKVOORRAAD.render(request, lambda: _werkvoorraad(request), wijk=wijken)
    return render(
        request,
        "initiatieven/werkvoorraad/werkvoorraad.html",
        {
            "inhoud": inhoud,
            # Sections of higher apps, rendered afresh on every request (not cached).
            "secties": werkvoorraadsecties.secties_voor(request, wijken),
            "kruimels": kruimels(),
        },
    )


@login_required
@require_safe
def herbezien(request):
    """'Not possible yet' items of the person's wards whose revisit date has come."""
    user = request.user
    weiger_tenzij(permissions.heeft_werkvoorraad(user))
    pagina = pagineren(request, Onderwerp.objects.voor_werkvoorraad(user).te_herbezien())
    for onderwerp in pagina:
        onderwerp.mag_herbezien = bool(
            permissions.mag_overgang(user, onderwerp, Status.IN_BEHANDELING)
        )
    return render(
        request,
        "initiatieven/werkvoorraad/herbezien.html",
        {"pagina": pagina, "naar": Status.IN_BEHANDELING, "kruimels": _werkvoorraad_kruimels()},
    )


@login_required
@require_safe
def wethouder(request):
    """For the alderman's decision: items of their wards escalated with the advice."""
    user = request.user
    weiger_tenzij(permissions.heeft_wethouderslijst(user))
    return render(
        request,
        "initiatieven/werkvoorraad/wethouder.html",
        {
            "pagina": pagineren(request, Onderwerp.objects.bij_wethouder(user)),
            "kruimels": kruimels(),
        },
    )


# --- triage --------------------------------------------------------------------------------


def _intern(request, pk, queryset=None) -> Onderwerp:
    """The item, if this person may see its internal side; 404 otherwise."""
    onderwerp = get_object_or_404(
        queryset
        if queryset is not None
        else Onderwerp.objects.select_related(
            "wijk__wijkadviseur", "wijk__opbouwwerker", "wijk__wijkwethouder", "thema", "buurt"
        ),
        pk=pk,
    )
    if not permissions.mag_intern_bekijken(request.user, onderwerp):
        raise Http404
    return onderwerp


def _voor_triage():
    """The item with everything the triage page shows (its timeline, attachments, actions)."""
    # The ward's officials are compared by key (``wijkadviseur_id``…), never shown here:
    # joining their three accounts cost about a millisecond and a quarter per render.
    return met_tijdlijn(
        Onderwerp.objects.select_related("wijk", "thema", "buurt", "groep", "indiener")
    ).prefetch_related("bijlagen", "acties")


TRIAGE = "initiatieven/werkvoorraad/triage.html"

#: The triage page's content: the item with its timeline, answers, notes, attachments
#: and actions, the people named on them, the ward's neighbourhoods and groups the forms
#: offer, and the steps this person may take (per person). "Overdue" and "n days ago"
#: change at midnight.
TRIAGEPAGINA = pagecache.Fragment(
    name="triage",
    template=f"{TRIAGE}#inhoud",
    shows={
        "initiatieven.Onderwerp": "onderwerp",
        "initiatieven.Statuswijziging": "onderwerp",
        "initiatieven.Bericht": "onderwerp",
        "initiatieven.Bijlage": "onderwerp",
        "initiatieven.Actie": "onderwerp",
        "initiatieven.Thema": pagecache.ALL,
        "contacten.Gebruiker": pagecache.ALL,
        "contacten.Vergadering": pagecache.ALL,
        "wijken.Wijk": "wijk",
        "wijken.Buurt": "wijk",
        "wijken.Bewonersgroep": "wijk",
    },
    per_person=True,
    moments=(pagecache.next_midnight,),
)


def _triage_render(request, onderwerp, inhoud: str, *, status: int = 200):
    """The triage page around its content ``inhoud``: title and breadcrumbs."""
    if permissions.heeft_werkvoorraad(request.user):
        stappen = _werkvoorraad_kruimels()
    else:
        stappen = onderwerp_kruimels((onderwerp.get_absolute_url(), onderwerp.toon_titel))
    # The main menu marks the page the breadcrumbs lead back to (the work queue for the
    # ward's advisors), not the public list its address lies under.
    request.menu_onder = stappen[-1][0]
    return render(
        request,
        TRIAGE,
        {"onderwerp": onderwerp, "inhoud": inhoud, "kruimels": stappen},
        status=status,
    )


def _triage_context(request, onderwerp, *, gebonden=None, bewaard=None, gekozen="", conflict=""):
    """The context of the triage page's content. ``gebonden`` holds the one part that comes
    back with its input and errors; ``bewaard`` the other parts showing input that was
    typed but not saved (``_bewaren``); ``gekozen`` the step whose fields are shown.
    ``onderwerp`` comes from ``_voor_triage()``."""
    user = request.user
    gebonden = gebonden or {}
    bewaard = bewaard or {}
    mag_triageren = permissions.mag_triageren(user, onderwerp)
    mag_notities = permissions.mag_notities_en_acties(user, onderwerp)
    stappen, gekozen_stap = [], None
    for regel in permissions.toegestane_overgangen(user, onderwerp):
        if regel.naar == Status.INGETROKKEN:
            continue  # the submitter's own step, on their item page
        sleutel = f"stap-{regel.code}"
        form = gebonden.get(sleutel) or bewaard.get(sleutel) or StapForm.voor(onderwerp, regel)
        stap = {"overgang": regel, "form": form, "velden": bool(form.visible_fields())}
        stappen.append(stap)
        if sleutel in gebonden or (gekozen_stap is None and regel.naar == gekozen):
            gekozen_stap = stap
    context = {
        "onderwerp": onderwerp,
        # The page that names the submitter (each view logged): its timeline does too.
        "tijdlijn": tijdlijn(onderwerp, intern=True, noem_indiener=True),
        "acties": list(onderwerp.acties.all()),
        "bijlagen": list(onderwerp.bijlagen.all()),
        "mag_triageren": mag_triageren,
        "mag_notities": mag_notities,
        "stappen": stappen,
        "gekozen_stap": gekozen_stap,
        "conflict": conflict,
        "vandaag": timezone.localdate(),
        "formulier": mag_triageren or mag_notities or bool(stappen),
    }
    if mag_triageren:
        context["screenen_form"] = (
            gebonden.get("screenen") or bewaard.get("screenen") or ScreenenForm.voor(onderwerp)
        )
        context["rol_form"] = gebonden.get("rol") or bewaard.get("rol") or RolForm.voor(onderwerp)
    if mag_notities:
        context["actie_form"] = gebonden.get("actie") or bewaard.get("actie") or ActieForm.voor()
        context["bericht_form"] = (
            gebonden.get("bericht")
            or bewaard.get("bericht")
            or BerichtForm.voor(mag_openbaar=mag_triageren)
        )
    return context


#: The parts of the one triage form: the key of a part, the name of a field that is always
#: submitted with it (a text field: in the POST whenever the part was on the page) and the
#: heading that names it in the "not saved yet" message.
_DELEN = (
    ("screenen", "publieke_titel", gettext_lazy("Screening")),
    ("rol", "rol_toelichting", gettext_lazy("Role of the municipality")),
    ("actie", "omschrijving", gettext_lazy("Add an action")),
    ("bericht", "bericht-tekst", gettext_lazy("Answer the submitter or write a note")),
)


def _als_invoer(leeg, gebonden):
    """``leeg`` (an unbound form) showing the input of ``gebonden``, without validating it:
    a part that was not saved must not come back with errors it was never checked for."""
    for naam in gebonden.fields:
        if naam not in ("versie", "naar"):
            leeg.initial[naam] = gebonden[naam].data
    return leeg


def _bewaren(request, onderwerp, *, behalve=(), kies=None) -> tuple[dict, str, list[str]]:
    """What was typed in the parts of the one triage form that the button pressed did not
    save, so that nothing typed is ever lost. Returns ({part: a form showing the input},
    the step chosen on the page (or ``kies``, a step being chosen now: what was typed for
    the previous one goes into its fields of the same name), the names of the parts with
    input). Only input that differs from what is stored counts; ``onderwerp`` is the item
    as it is now."""
    data = request.POST
    user = request.user
    mag_triageren = permissions.mag_triageren(user, onderwerp)
    mag_notities = permissions.mag_notities_en_acties(user, onderwerp)
    bouwers = {
        "screenen": mag_triageren and (lambda d=None: ScreenenForm.voor(onderwerp, d)),
        "rol": mag_triageren and (lambda d=None: RolForm.voor(onderwerp, d)),
        "actie": mag_notities and (lambda d=None: ActieForm.voor(d)),
        "bericht": mag_notities
        and (lambda d=None: BerichtForm.voor(mag_openbaar=mag_triageren, data=d)),
    }
    bewaard, namen = {}, []
    for sleutel, teken, naam in _DELEN:
        bouw = bouwers[sleutel]
        if sleutel in behalve or not bouw or teken not in data:
            continue
        gebonden = bouw(data)
        if any(veld != "versie" for veld in gebonden.changed_data):
            bewaard[sleutel] = _als_invoer(bouw(), gebonden)
            namen.append(str(naam))
    gekozen = data.get("gekozen_stap", "") if kies is None else kies
    regel = next(
        (
            r
            for r in permissions.toegestane_overgangen(user, onderwerp)
            if r.naar == gekozen and r.naar != Status.INGETROKKEN
        ),
        None,
    )
    if regel is None:
        gekozen = ""
    elif f"stap-{regel.code}" not in behalve:
        gebonden = StapForm.voor(onderwerp, regel, data)
        if any(veld not in ("versie", "naar") for veld in gebonden.changed_data):
            bewaard[f"stap-{regel.code}"] = _als_invoer(StapForm.voor(onderwerp, regel), gebonden)
            namen.append(str(regel.knop))
    return bewaard, gekozen, namen


def _triage_pagina(
    request, onderwerp, *, gebonden=None, behalve=(), conflict="", status=200, kies=None
):
    """The triage page after a POST that did not (only) redirect: the item read afresh (it
    may have changed), the part that was submitted with its input and errors
    (``gebonden``), every other part but ``behalve`` (saved just now) with what was typed
    in it (``_bewaren``), never from the cache. ``kies`` is the step whose fields to show
    (choosing one); otherwise the step chosen on the page stays chosen."""
    onderwerp = _voor_triage().get(pk=onderwerp.pk)
    gebonden = gebonden or {}
    bewaard, gekozen, _namen = _bewaren(
        request, onderwerp, behalve={*gebonden, *behalve}, kies=kies
    )
    context = _triage_context(
        request, onderwerp, gebonden=gebonden, bewaard=bewaard, gekozen=gekozen, conflict=conflict
    )
    inhoud = render_to_string(f"{TRIAGE}#inhoud", context, request=request)
    return _triage_render(request, onderwerp, inhoud, status=status)


@login_required
@require_safe
def triage(request, pk):
    """Screen, set the role, actions, answers and notes, and the workflow of one item.

    The item itself is read for the permission check and the audit line; the rest of the
    page is cached as ``TRIAGEPAGINA`` declares."""
    # Only what the check, the audit line, the title and the breadcrumbs read.
    licht = Onderwerp.objects.select_related("wijk").only(
        "titel",
        "publieke_titel",
        "status",
        "indiener",
        "wijk__wijkadviseur",
        "wijk__opbouwwerker",
        "wijk__wijkwethouder",
    )
    onderwerp = _intern(request, pk, licht)
    if onderwerp.indiener_id is not None:
        # The page names the submitter (also when they are anonymous to the public):
        # staff seeing who submitted an item is logged, once per page view.
        audit.vastleggen(
            actie=audit.AuditActie.CONTACTGEGEVENS_BEKEKEN,
            uitkomst=audit.Uitkomst.GESLAAGD,
            request=request,
            object=onderwerp,
        )
    inhoud = TRIAGEPAGINA.render(
        request,
        lambda: _triage_context(request, _voor_triage().get(pk=onderwerp.pk)),
        onderwerp=onderwerp.pk,
        wijk=onderwerp.wijk_id,
    )
    return _triage_render(request, onderwerp, inhoud)


def _conflict_melding(fout: services.Conflict) -> str:
    onderwerp = fout.onderwerp
    tijd = formats.time_format(timezone.localtime(onderwerp.gewijzigd), "H:i")
    melding = _(
        "Someone else changed this item at %(tijd)s: its status is now “%(status)s”. "
        "Nothing of yours was saved. Check the item below and submit again if it still applies."
    ) % {"tijd": tijd, "status": onderwerp.get_status_display()}
    laatste = fout.laatste
    if laatste is not None and laatste.door is not None:
        melding += " " + _("Last step: %(stap)s by %(wie)s at %(tijd)s.") % {
            "stap": laatste.get_naar_display(),
            "wie": onderwerp.naam_van(laatste.door),
            "tijd": formats.time_format(timezone.localtime(laatste.tijdstip), "H:i"),
        }
    return melding


def _uitvoeren(request, onderwerp, sleutel, form, actie, *, succes, anker, nieuw_form):
    """Validate ``form``, call ``actie(cleaned_data)`` and answer: back to triage with a
    message on success; the page with the form and its errors on Onvolledig; a conflict
    message (409) on Conflict; 403 on Geweigerd; 400 when the hidden fields are broken."""
    if not form.is_valid():
        if any(veld in form.errors for veld in ("versie", "naar")):
            return HttpResponseBadRequest(_("This form is incomplete. Reload the page."))
        return _triage_pagina(request, onderwerp, gebonden={sleutel: form})
    try:
        actie(form.cleaned_data)
    except services.Onvolledig as fout:
        for veld, tekst in fout.velden.items():
            form.add_error(veld if veld in form.fields else None, tekst)
        return _triage_pagina(request, onderwerp, gebonden={sleutel: form})
    except services.Conflict as fout:
        data = form.data.copy()
        data["versie"] = str(fout.onderwerp.versie)
        return _triage_pagina(
            request,
            fout.onderwerp,
            gebonden={sleutel: nieuw_form(fout.onderwerp, data)},
            conflict=_conflict_melding(fout),
            status=409,
        )
    except services.Geweigerd as fout:
        raise PermissionDenied from fout
    return _opgeslagen(request, onderwerp, succes, anker=anker, behalve={sleutel})


def _opgeslagen(request, onderwerp, succes: str, *, anker: str, behalve=()):
    """After a part was saved: back to the triage page; or, when other parts of the one
    form hold input that was not saved, the page again with that input in place and a
    message naming where it is (Enter never submits the form, so this is a button)."""
    messages.success(request, succes)
    _bewaard, _gekozen, namen = _bewaren(
        request, _voor_triage().get(pk=onderwerp.pk), behalve=behalve
    )
    if namen:
        messages.warning(
            request,
            _("Not saved yet: %(delen)s. What you typed there is still in the form.")
            % {"delen": ", ".join(f"“{naam}”" for naam in namen)},
        )
        return _triage_pagina(request, onderwerp, behalve=behalve)
    return redirect(reverse("initiatieven:triage", args=[onderwerp.pk]) + f"#{anker}")


@require_POST
@login_required
def screenen(request, pk):
    onderwerp = _intern(request, pk)
    weiger_tenzij(permissions.mag_triageren(request.user, onderwerp))
    return _uitvoeren(
        request,
        onderwerp,
        "screenen",
        ScreenenForm.voor(onderwerp, request.POST),
        lambda gegevens: services.onderwerp_screenen(
            onderwerp=onderwerp, door=request.user, **gegevens
        ),
        succes=_("The screening is saved."),
        anker="screenen",
        nieuw_form=lambda o, data: ScreenenForm.voor(o, data),
    )


@require_POST
@login_required
def rol(request, pk):
    onderwerp = _intern(request, pk)
    weiger_tenzij(permissions.mag_triageren(request.user, onderwerp))
    return _uitvoeren(
        request,
        onderwerp,
        "rol",
        RolForm.voor(onderwerp, request.POST),
        lambda gegevens: services.onderwerp_rol_vastleggen(
            onderwerp=onderwerp, door=request.user, **gegevens
        ),
        succes=_("The role of the municipality is saved."),
        anker="rol",
        nieuw_form=lambda o, data: RolForm.voor(o, data),
    )


def _overgang_voor(onderwerp, naar):
    """The rule for ``naar`` from the current state, or (for a form built on an older
    state, which the service will refuse) any rule to ``naar``, to read the input."""
    return next(
        (o for o in OVERGANGEN if o.naar == naar and onderwerp.status in o.van),
        next((o for o in OVERGANGEN if o.naar == naar), None),
    )


@require_POST
@login_required
def stap(request, pk):
    onderwerp = _intern(request, pk)
    user = request.user
    weiger_tenzij(bool(permissions.actoren(user, onderwerp)))
    if "naar" not in request.POST and "kies" in request.POST:
        # Choosing a step (a button of the one form, no JavaScript needed): the page again
        # with that step's fields and everything typed elsewhere; nothing is saved.
        return _triage_pagina(request, onderwerp, kies=request.POST["kies"])
    regel = _overgang_voor(onderwerp, request.POST.get("naar", ""))
    if regel is None:
        return HttpResponseBadRequest(_("This form is incomplete. Reload the page."))
    form = StapForm.voor(onderwerp, regel, request.POST)
    return _uitvoeren(
        request,
        onderwerp,
        f"stap-{regel.code}",
        form,
        lambda gegevens: services.onderwerp_overgang(
            onderwerp=onderwerp,
            door=user,
            versie=gegevens["versie"],
            naar=gegevens["naar"],
            **form.service_velden,
        ),
        succes=regel.bevestiging,
        anker="workflow",
        nieuw_form=lambda o, data: StapForm.voor(o, regel, data),
    )


@require_POST
@login_required
def bericht(request, pk):
    onderwerp = _intern(request, pk)
    user = request.user
    weiger_tenzij(permissions.mag_notities_en_acties(user, onderwerp))
    mag_openbaar = permissions.mag_triageren(user, onderwerp)
    form = BerichtForm.voor(mag_openbaar=mag_openbaar, data=request.POST)
    return _uitvoeren(
        request,
        onderwerp,
        "bericht",
        form,
        lambda gegevens: services.bericht_plaatsen(
            onderwerp=onderwerp, door=user, tekst=gegevens["tekst"], openbaar=gegevens["openbaar"]
        ),
        succes=_("The message is saved."),
        anker="berichten",
        nieuw_form=lambda o, data: BerichtForm.voor(mag_openbaar=mag_openbaar, data=data),
    )


@require_POST
@login_required
def actie_toevoegen(request, pk):
    onderwerp = _intern(request, pk)
    user = request.user
    weiger_tenzij(permissions.mag_notities_en_acties(user, onderwerp))
    return _uitvoeren(
        request,
        onderwerp,
        "actie",
        ActieForm.voor(request.POST),
        lambda gegevens: services.actie_toevoegen(onderwerp=onderwerp, door=user, **gegevens),
        succes=_("The action is added."),
        anker="acties",
        nieuw_form=lambda o, data: ActieForm.voor(data),
    )


@require_POST
@login_required
def actie_afvinken(request, pk):
    # An action of a visit without an item is ticked on the visit's page (bezoeken).
    actie = get_object_or_404(
        Actie.objects.select_related("onderwerp__wijk"), pk=pk, onderwerp__isnull=False
    )
    onderwerp = actie.onderwerp
    if not permissions.mag_intern_bekijken(request.user, onderwerp):
        raise Http404
    weiger_tenzij(permissions.mag_notities_en_acties(request.user, onderwerp))
    gedaan = request.POST.get("gedaan") == "1"
    try:
        services.actie_afvinken(actie=actie, door=request.user, gedaan=gedaan)
    except services.Geweigerd as fout:
        raise PermissionDenied from fout
    return _opgeslagen(
        request,
        onderwerp,
        _("“%(actie)s” is marked done.") % {"actie": actie.omschrijving}
        if gedaan
        else _("“%(actie)s” is open again.") % {"actie": actie.omschrijving},
        anker="acties",
    )

"""Ward pages: public (list, ward, group, vacancies) and management for the ward's staff.

Every management view asks ``wijken.permissions``: anonymous visitors are sent to sign
in, others without the right get 403 and nothing changes. Objects that do not exist (or
a seat that is not vacant, a status form for a group that is not a ward council) are 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from wijken import grenzen, pagecache, permissions, services, wijkpagina
from wijken.forms import (
    BestuursfunctieForm,
    BewonersgroepForm,
    InteresseForm,
    TaakFormSet,
    TerugvalregelingForm,
    WijkprofessionalForm,
    WijkraadStatusForm,
    WijkZoekForm,
    taken_initieel,
    terugval_initieel,
    volgformulier,
)
from wijken.models import (
    Bestuursfunctie,
    Bewonersgroep,
    Groepssoort,
    Interessereactie,
    Kerncijfers,
    Terugvalregeling,
    Volger,
    Wijk,
    Wijkprofessional,
    WijkraadStatus,
)
from wijken.paginering import pagineren
from wijken.weergave import kruimelpad, weiger_tenzij
from wijken.zoeken import zoekvorm

_WIJK_MET_FUNCTIONARISSEN = ("wijkwethouder", "wijkadviseur", "opbouwwerker")


_kruimels = kruimelpad("wijken:lijst", gettext_lazy("Wards"))


def _wijk_kruimel(wijk) -> tuple[str, str]:
    return (wijk.get_absolute_url(), wijk.naam)


def _groep(pk) -> Bewonersgroep:
    return get_object_or_404(Bewonersgroep.objects.select_related("wijk"), pk=pk)


# --- Public pages -------------------------------------------------------------------------


#: Wards per page of the ward list: a whole country (3,283 wards) is 66 small pages.
WIJKEN_PER_PAGINA = 50


def _gemeente_opties(gemeenten: list[tuple[str, str]], gekozen: str) -> str:
    """The municipality select's options, escaped in one pass: a whole country has 342,
    which through the template engine were a third of the list's rendering time."""
    opties = [("", _("All municipalities")), *gemeenten]
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('<option value="{}" selected>{}</option>', code, naam)
                if code == gekozen
                else format_html('<option value="{}">{}</option>', code, naam),
            )
            for code, naam in opties
        ),
    )


def _groepen(wijken, *, per_gemeente: bool) -> list[dict]:
    """The wards of a page under headings: their municipality, or the first letter of
    their name (accents and case ignored, as they are ordered; "#" for a name starting
    with a digit or a sign, such as 't Zand). Wards arrive in that order, so each heading
    is one run of them. Each ward gets its ``url`` by a string join (one ``reverse()``
    for the page instead of one per ward)."""
    voor, na = reverse("wijken:wijk", kwargs={"code": "WK0000XX"}).split("WK0000XX")
    groepen: list[dict] = []
    for wijk in wijken:
        wijk.url = f"{voor}{wijk.code}{na}"
        if per_gemeente:
            sleutel, kop = wijk.gemeentecode, wijk.gemeentenaam
        else:
            letter = (zoekvorm(wijk.naam) or "#")[:1].upper()
            sleutel = kop = letter if "A" <= letter <= "Z" else "#"
        if not groepen or groepen[-1]["sleutel"] != sleutel:
            anker = sleutel.lower() if sleutel != "#" else "overig"
            groepen.append({"sleutel": sleutel, "kop": kop, "anker": anker, "wijken": []})
        groepen[-1]["wijken"].append(wijk)
    return groepen


#: The ward list: the wards in use with their neighbourhoods and the counts of their
#: groups and open seats, searched, filtered by municipality and paged by the address.
WIJKENLIJST = pagecache.Fragment(
    name="wijkenlijst",
    template="wijken/lijst.html#inhoud",
    shows={
        "wijken.Wijk": pagecache.ALL,
        "wijken.Buurt": pagecache.ALL,
        "wijken.Bewonersgroep": pagecache.ALL,
        "wijken.Bestuursfunctie": pagecache.ALL,
    },
    value=lambda context: context["pagina"].number,
)


def _wijkenlijst(request) -> dict:
    gemeenten = Wijk.objects.gemeenten()
    form = WijkZoekForm(request.GET or None, gemeenten=gemeenten)
    waarden = {}
    if form.is_bound:
        form.is_valid()  # the valid part of an invalid search still applies
        waarden = form.cleaned_data
    term, gemeente = waarden.get("q", ""), waarden.get("gemeente", "")
    wijken = Wijk.objects.voor_overzicht().zoeken(term)
    if gemeente:
        wijken = wijken.filter(gemeentecode=gemeente)
    per_gemeente = len(gemeenten) > 1 and not gemeente
    wijken = wijken.op_gemeente_en_naam() if per_gemeente else wijken.op_naam()
    pagina = pagineren(request, wijken, WIJKEN_PER_PAGINA)
    rijen = list(pagina.object_list)
    return {
        "form": form,
        "gemeente_opties": _gemeente_opties(gemeenten, form["gemeente"].value() or "")
        if "gemeente" in form.fields
        else "",
        "wijken": rijen,
        "groepen": _groepen(rijen, per_gemeente=per_gemeente),
        "pagina": pagina,
        "term": term,
        "gemeente": gemeente,
    }


@require_safe
def lijst(request):
    """The wards in use, filtered by the name of the ward, its municipality or one of its
    neighbourhoods (case and accents ignored), a page at a time and grouped: by
    municipality when the portal has several (which can also be chosen), else by first
    letter. Archived wards are not listed; their own pages stay. Cached as
    ``WIJKENLIJST`` declares; a page of 50 wards is a fixed four queries when rendered
    (the municipalities, the count, the wards with their counts, their neighbourhoods)."""
    inhoud, paginanummer = WIJKENLIJST.render_with_value(request, lambda: _wijkenlijst(request))
    return render(
        request,
        "wijken/lijst.html",
        {"inhoud": inhoud, "paginanummer": paginanummer, "kruimels": _kruimels()[:1]},
    )


def _wijkraad_van(groepen: list[Bewonersgroep]) -> Bewonersgroep | None:
    """The ward council that counts: one that has not stopped, else the latest stopped one."""
    raden = [g for g in groepen if g.is_wijkraad]
    lopend = [g for g in raden if g.wijkraad_status != WijkraadStatus.GESTOPT]
    if lopend:
        return lopend[0]
    return max(raden, key=lambda g: g.gewijzigd, default=None)


def _buurten_van(wijk) -> dict[str, list]:
    """The ward's neighbourhoods in use and those archived after a re-division (an
    archived ward's are all archived), in one query."""
    # With what a map draws of each boundary (not the GeoJSON), in the same query.
    buurten = list(wijk.buurten.select_related("grens").defer("grens__vlak"))
    actief = [b for b in buurten if b.vervallen_per is None]
    return {
        "actief": actief,
        "vervallen": [b for b in buurten if b.vervallen_per is not None],
        "kaart": grenzen.kaart(actief),
    }


def _groepen_per_soort(wijk) -> list[dict]:
    groepen = list(wijk.groepen.voor_wijkpagina())
    per_soort = []
    for waarde, label in Groepssoort.choices:
        leden = [g for g in groepen if g.soort == waarde]
        if leden:
            per_soort.append({"soort": waarde, "label": label, "groepen": leden})
    return per_soort


#: The ward page below the follow block: the ward and its officials, neighbourhoods,
#: profile, groups and their seats, council and fallback arrangement, professionals, and
#: what the registered sections show (the ward's items, its visits); per person (who may
#: manage the ward or plan a visit, which visits they may see). Upcoming visits become
#: held ones at midnight.
WIJKPAGINA = pagecache.Fragment(
    name="wijkpagina",
    template="wijken/wijk.html#inhoud",
    shows=lambda: {
        "wijken.Wijk": "wijk",
        "wijken.Buurt": "wijk",
        "wijken.Buurtgrens": "wijk",
        "wijken.Kerncijfers": "wijk",
        "wijken.Bewonersgroep": "wijk",
        "wijken.Bestuursfunctie": "wijk",
        "wijken.WijkraadStatuswijziging": "wijk",
        "wijken.Terugvalregeling": "wijk",
        "wijken.TerugvalTaak": "wijk",
        "wijken.Wijkprofessional": "wijk",
        "contacten.Gebruiker": "persoon",
        **wijkpagina.toont(),
    },
    per_person=True,
    moments=(pagecache.next_midnight,),
)


#: Open seats on the ward page itself; the rest are on the ward's vacancy list.
VACATURES_OP_WIJKPAGINA = 3


def _wijkpagina(request, wijk) -> dict:
    wijkraad = _wijkraad_van(list(wijk.groepen.wijkraden()))
    regeling = None
    if wijkraad and wijkraad.wijkraad_status == WijkraadStatus.GESTOPT:
        regeling = Terugvalregeling.objects.lopend().filter(groep=wijkraad).first()
    groepen_per_soort = _groepen_per_soort(wijk)
    return {
        "wijk": wijk,
        "buurten": _buurten_van(wijk),
        "profiel": Kerncijfers.objects.profiel(wijk),
        "groepen_per_soort": groepen_per_soort,
        "wijkraad": wijkraad,
        "regeling": regeling,
        "professionals": list(wijk.professionals.all()),
        # The first few, with a link to all of them: a ward has dozens at times, and the
        # page is for finding one's way, not for reading every vacancy text.
        "vacatures": list(
            Bestuursfunctie.objects.vacatures().filter(groep__wijk=wijk)[:VACATURES_OP_WIJKPAGINA]
        ),
        "aantal_vacatures": sum(
            g.aantal_vacatures for soort in groepen_per_soort for g in soort["groepen"]
        ),
        "secties": wijkpagina.secties_voor(request, wijk),
    }


@require_safe
def wijk(request, code):
    """The ward page: officials, profile, neighbourhoods, groups, professionals, council,
    vacancies. A fixed number of queries, whatever the size of the ward; below the follow
    block cached as ``WIJKPAGINA`` declares."""
    wijk = get_object_or_404(Wijk.objects.select_related(*_WIJK_MET_FUNCTIONARISSEN), code=code)
    volger = None
    if request.user.is_authenticated:
        volger = Volger.objects.van_wijken().filter(gebruiker=request.user, wijk=wijk).first()
    volgen_url = reverse("wijken:volgen", kwargs={"code": wijk.code})
    inhoud = WIJKPAGINA.render(
        request,
        lambda: _wijkpagina(request, wijk),
        wijk=wijk.pk,
        persoon=[wijk.wijkwethouder_id, wijk.wijkadviseur_id, wijk.opbouwwerker_id],
    )
    return render(
        request,
        "wijken/wijk.html",
        {
            "wijk": wijk,
            "inhoud": inhoud,
            "mag_beheren": permissions.mag_wijk_beheren(request.user, wijk),
            "kruimels": _kruimels(),
            "volger": volger,
            "volgformulier": volgformulier(volger),
            # A visitor signs in and lands on the follow form of this ward.
            "inloggen_url": f"{reverse('account_login')}?{urlencode({'next': volgen_url})}",
        },
    )


#: How many of a group's latest contact moments its page shows the ward's officials.
RECENTE_CONTACTMOMENTEN = 5


@require_safe
def groep(request, pk):
    """A group's public page: description, neighbourhoods, board and open seats."""
    groep = get_object_or_404(
        Bewonersgroep.objects.select_related("wijk").prefetch_related("buurten"), pk=pk
    )
    is_functionaris = permissions.is_functionaris_van(request.user, groep.wijk)
    response = render(
        request,
        "wijken/groep.html",
        {
            "groep": groep,
            "functies": list(groep.functies.op_volgorde()),
            "mag_bestuur_beheren": permissions.mag_bestuur_beheren(request.user, groep),
            # The contact log is for the ward's officials only. Read through the reverse
            # relation: this app does not import the app that owns the log.
            "is_functionaris": is_functionaris,
            "contactmomenten": list(
                groep.contactmomenten.select_related("medewerker").order_by("-datum", "-pk")[
                    :RECENTE_CONTACTMOMENTEN
                ]
            )
            if is_functionaris
            else [],
            "kruimels": _kruimels(_wijk_kruimel(groep.wijk)),
        },
    )
    if is_functionaris:
        # The page now holds working notes: never from a shared cache, never stored.
        add_never_cache_headers(response)
    return response


#: Open seats per page of the vacancy lists.
VACATURES_PER_PAGINA = 25

#: A page of open board seats, with their groups and wards.
VACATURELIJST = pagecache.Fragment(
    name="vacatures",
    template="wijken/includes/vacaturelijst.html",
    shows={
        "wijken.Bestuursfunctie": pagecache.ALL,
        "wijken.Bewonersgroep": pagecache.ALL,
        "wijken.Wijk": pagecache.ALL,
    },
)


def _vacatures(request, functies) -> dict:
    # Thousands of open seats across the city: a page at a time keeps rendering cheap.
    pagina = pagineren(request, functies, VACATURES_PER_PAGINA)
    return {"vacatures": list(pagina), "pagina": pagina}


@require_safe
def vacatures(request, code=None):
    """Open board seats, of all wards or of one (a page cached as ``VACATURELIJST``)."""
    wijk = get_object_or_404(Wijk, code=code) if code else None
    functies = Bestuursfunctie.objects.vacatures()
    if wijk:
        functies = functies.filter(groep__wijk=wijk)
    return render(
        request,
        "wijken/vacatures.html",
        {
            "wijk": wijk,
            "inhoud": VACATURELIJST.render(request, lambda: _vacatures(request, functies)),
            "kruimels": _kruimels(_wijk_kruimel(wijk)) if wijk else _kruimels(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def interesse(request, pk):
    """ "I am interested": a signed-in resident responds to an open seat."""
    functie = get_object_or_404(
        Bestuursfunctie.objects.select_related("groep__wijk"), pk=pk, is_vacant=True
    )
    weiger_tenzij(permissions.mag_interesse_melden(request.user, functie))
    eerder = Interessereactie.objects.filter(functie=functie, gebruiker=request.user).first()
    form = InteresseForm(request.POST or None)
    if request.method == "POST" and eerder is None and form.is_valid():
        try:
            _reactie, nieuw = services.interesse_melden(
                functie=functie, gebruiker=request.user, bericht=form.cleaned_data["bericht"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if nieuw:
                messages.success(
                    request, _("Thank you. The group's contact persons will contact you.")
                )
            return redirect(functie.groep)
    return render(
        request,
        "wijken/interesse.html",
        {
            "functie": functie,
            "groep": functie.groep,
            "form": form,
            "eerder": eerder,
            "kruimels": _kruimels(
                _wijk_kruimel(functie.groep.wijk),
                (functie.groep.get_absolute_url(), functie.groep.naam),
            ),
        },
    )


# --- Management: ward ---------------------------------------------------------------------


@login_required
@require_safe
def wijk_beheer(request, code):
    """The ward staff's overview: groups, professionals, ward council, with their actions."""
    wijk = get_object_or_404(Wijk, code=code)
    weiger_tenzij(permissions.mag_wijk_beheren(request.user, wijk))
    groepen = list(wijk.groepen.voor_wijkpagina())
    return render(
        request,
        "wijken/beheer/wijk.html",
        {
            "wijk": wijk,
            "groepen": groepen,
            "professionals": list(wijk.professionals.all()),
            "kruimels": _kruimels(_wijk_kruimel(wijk)),
        },
    )


def _groepformulier(request, *, wijk, groep=None, kruimel):
    """Adding a group (``groep`` None) and changing one: the same form, page and steps;
    only the service called, the confirmation and the breadcrumb differ."""
    # A copy as instance: a failed validation must not rename the group shown on the page.
    instance = Bewonersgroep.objects.get(pk=groep.pk) if groep else None
    form = BewonersgroepForm(request.POST or None, instance=instance, wijk=wijk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        velden = {
            "door": request.user,
            "naam": data["naam"],
            "beschrijving": data["beschrijving"],
            "website": data["website"],
            "email": data["email"],
            "buurten": data["buurten"],
            "contactpersonen": data["contactpersonen"],
        }
        try:
            if groep is None:
                groep = services.bewonersgroep_aanmaken(wijk=wijk, soort=data["soort"], **velden)
                bevestiging = _("The group has been added.")
            else:
                services.bewonersgroep_bijwerken(groep=groep, **velden)
                bevestiging = _("The group has been changed.")
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, bevestiging)
            return redirect("wijken:groep_beheer", pk=groep.pk)
    context = {"wijk": wijk, "form": form, "kruimels": _kruimels(_wijk_kruimel(wijk), kruimel)}
    if instance is not None:
        context["groep"] = groep
    return render(request, "wijken/beheer/groep_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def groep_nieuw(request, code):
    wijk = get_object_or_404(Wijk, code=code)
    weiger_tenzij(permissions.mag_wijk_beheren(request.user, wijk))
    beheer = (reverse("wijken:wijk_beheer", args=[wijk.code]), _("Manage"))
    return _groepformulier(request, wijk=wijk, kruimel=beheer)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def groep_bewerken(request, pk):
    groep = _groep(pk)
    weiger_tenzij(permissions.mag_groep_beheren(request.user, groep))
    beheer = (reverse("wijken:groep_beheer", args=[groep.pk]), groep.naam)
    return _groepformulier(request, wijk=groep.wijk, groep=groep, kruimel=beheer)


@login_required
@require_safe
def groep_beheer(request, pk):
    """A group's management page: seats with the responses to vacancies, contact persons,
    and a ward council's status history. For the ward staff and the group's contacts."""
    groep = _groep(pk)
    weiger_tenzij(permissions.mag_bestuur_beheren(request.user, groep))
    functies = list(
        groep.functies.op_volgorde().prefetch_related(
            Prefetch("reacties", queryset=Interessereactie.objects.select_related("gebruiker"))
        )
    )
    return render(
        request,
        "wijken/beheer/groep.html",
        {
            "groep": groep,
            "functies": functies,
            "contactpersonen": list(groep.contactpersonen.all()),
            "statuswijzigingen": list(groep.statuswijzigingen.select_related("door")),
            "regeling": Terugvalregeling.objects.lopend().filter(groep=groep).first(),
            "mag_groep_beheren": permissions.mag_groep_beheren(request.user, groep),
            "kruimels": _kruimels(
                _wijk_kruimel(groep.wijk), (groep.get_absolute_url(), groep.naam)
            ),
        },
    )


# --- Management: board seats --------------------------------------------------------------


def _functie_opslaan(request, form, *, groep, functie=None):
    data = form.cleaned_data
    velden = {
        "door": request.user,
        "omschrijving": data["omschrijving"],
        "is_vacant": data["bezetting"] == BestuursfunctieForm.VACANT,
        "naam": data["naam"],
        "vacaturetekst": data["vacaturetekst"],
        # Only ward staff may link an account; for contacts the field is absent and an
        # existing link stays as it is.
        "gebruiker": data["gebruiker"]
        if "gebruiker" in form.fields
        else (functie.gebruiker if functie else None),
    }
    if functie is None:
        return services.bestuursfunctie_aanmaken(groep=groep, functie=data["functie"], **velden)
    return services.bestuursfunctie_bijwerken(functie=functie, soort=data["functie"], **velden)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def functie_nieuw(request, pk):
    groep = _groep(pk)
    weiger_tenzij(permissions.mag_bestuur_beheren(request.user, groep))
    form = BestuursfunctieForm(
        request.POST or None,
        mag_account_koppelen=permissions.mag_groep_beheren(request.user, groep),
    )
    if request.method == "POST" and form.is_valid():
        _functie_opslaan(request, form, groep=groep)
        messages.success(request, _("The seat has been added."))
        return redirect("wijken:groep_beheer", pk=groep.pk)
    return _functie_pagina(request, form, groep=groep)


def _functie_pagina(request, form, *, groep, functie=None):
    return render(
        request,
        "wijken/beheer/functie_form.html",
        {
            "groep": groep,
            "functie": functie,
            "form": form,
            "kruimels": _kruimels(
                _wijk_kruimel(groep.wijk),
                (reverse("wijken:groep_beheer", args=[groep.pk]), groep.naam),
            ),
        },
    )


def _functie(request, pk) -> Bestuursfunctie:
    functie = get_object_or_404(
        Bestuursfunctie.objects.select_related("groep__wijk", "gebruiker"), pk=pk
    )
    weiger_tenzij(permissions.mag_bestuur_beheren(request.user, functie.groep))
    return functie


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def functie_bewerken(request, pk):
    functie = _functie(request, pk)
    groep = functie.groep
    form = BestuursfunctieForm(
        request.POST or None,
        initial=BestuursfunctieForm.initial_van(functie),
        mag_account_koppelen=permissions.mag_groep_beheren(request.user, groep),
    )
    if request.method == "POST" and form.is_valid():
        _functie_opslaan(request, form, groep=groep, functie=functie)
        messages.success(request, _("The seat has been changed."))
        return redirect("wijken:groep_beheer", pk=groep.pk)
    return _functie_pagina(request, form, groep=groep, functie=functie)


def _verwijderen_bevestigen(request, obj, wijk, *, terug: tuple[str, str]):
    """The page that asks to confirm removing ``obj`` from a management page of ``wijk``;
    ``terug``: that page's address and name (the way back, and the last crumb)."""
    return render(
        request,
        "wijken/beheer/verwijderen.html",
        {"object": obj, "terug": terug[0], "kruimels": _kruimels(_wijk_kruimel(wijk), terug)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def functie_verwijderen(request, pk):
    functie = _functie(request, pk)
    groep = functie.groep
    if request.method == "POST":
        services.bestuursfunctie_verwijderen(functie=functie, door=request.user)
        messages.success(request, _("The seat has been removed."))
        return redirect("wijken:groep_beheer", pk=groep.pk)
    terug = reverse("wijken:groep_beheer", args=[groep.pk])
    return _verwijderen_bevestigen(request, functie, groep.wijk, terug=(terug, groep.naam))


# --- Management: ward council status and fallback -----------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def wijkraad_status(request, pk):
    """Record a ward council's status; when it stops, the fallback form comes next."""
    groep = get_object_or_404(
        Bewonersgroep.objects.select_related("wijk"), pk=pk, soort=Groepssoort.WIJKRAAD
    )
    weiger_tenzij(permissions.mag_groep_beheren(request.user, groep))
    form = WijkraadStatusForm(request.POST or None, huidige_status=groep.wijkraad_status)
    if request.method == "POST" and form.is_valid():
        try:
            services.wijkraad_status_vastleggen(
                groep=groep,
                status=form.cleaned_data["status"],
                door=request.user,
                toelichting=form.cleaned_data["toelichting"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if form.cleaned_data["status"] == WijkraadStatus.GESTOPT:
                messages.info(
                    request,
                    _("The ward council has stopped. Now record who takes over its tasks."),
                )
                return redirect("wijken:terugvalregeling", pk=groep.pk)
            messages.success(request, _("The status has been recorded."))
            return redirect("wijken:groep_beheer", pk=groep.pk)
    return render(
        request,
        "wijken/beheer/wijkraad_status.html",
        {
            "groep": groep,
            "form": form,
            "kruimels": _kruimels(
                _wijk_kruimel(groep.wijk),
                (reverse("wijken:groep_beheer", args=[groep.pk]), groep.naam),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def terugvalregeling(request, pk):
    """The fallback arrangement of a stopped ward council (create or change)."""
    groep = get_object_or_404(
        Bewonersgroep.objects.select_related("wijk"),
        pk=pk,
        soort=Groepssoort.WIJKRAAD,
        wijkraad_status=WijkraadStatus.GESTOPT,
    )
    weiger_tenzij(permissions.mag_groep_beheren(request.user, groep))
    regeling = Terugvalregeling.objects.lopend().filter(groep=groep).first()
    andere_groepen = groep.wijk.groepen.exclude(pk=groep.pk).order_by("naam")
    data = request.POST if request.method == "POST" else None
    form = TerugvalregelingForm(
        data, initial=terugval_initieel(regeling), andere_groepen=andere_groepen
    )
    formset = TaakFormSet(
        data,
        initial=taken_initieel(regeling),
        prefix="taken",
        form_kwargs={"andere_groepen": andere_groepen},
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.terugvalregeling_vastleggen(
                groep=groep,
                door=request.user,
                ingang=form.cleaned_data["ingang"],
                aanspreekpunt=form.cleaned_data["aanspreekpunt"],
                aanspreekpunt_groep=form.cleaned_data["aanspreekpunt_groep"],
                toelichting=form.cleaned_data["toelichting"],
                taken=[
                    services.TaakOvername(
                        taak=f.cleaned_data["taak"],
                        overnemer=f.cleaned_data["overnemer"],
                        groep=f.cleaned_data["groep"],
                    )
                    for f in formset.forms
                    if f.cleaned_data.get("taak")
                ],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The fallback arrangement has been recorded."))
            return redirect(groep.wijk)
    return render(
        request,
        "wijken/beheer/terugvalregeling.html",
        {
            "groep": groep,
            "form": form,
            "formset": formset,
            "kruimels": _kruimels(
                _wijk_kruimel(groep.wijk),
                (reverse("wijken:groep_beheer", args=[groep.pk]), groep.naam),
            ),
        },
    )


# --- Management: professionals ------------------------------------------------------------


def _professional_pagina(request, form, *, wijk, professional=None):
    return render(
        request,
        "wijken/beheer/professional_form.html",
        {
            "wijk": wijk,
            "professional": professional,
            "form": form,
            "kruimels": _kruimels(
                _wijk_kruimel(wijk), (reverse("wijken:wijk_beheer", args=[wijk.code]), _("Manage"))
            ),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def professional_nieuw(request, code):
    wijk = get_object_or_404(Wijk, code=code)
    weiger_tenzij(permissions.mag_wijk_beheren(request.user, wijk))
    form = WijkprofessionalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.wijkprofessional_aanmaken(wijk=wijk, door=request.user, **form.cleaned_data)
        messages.success(request, _("The professional has been added."))
        return redirect("wijken:wijk_beheer", code=wijk.code)
    return _professional_pagina(request, form, wijk=wijk)


def _professional(request, pk) -> Wijkprofessional:
    professional = get_object_or_404(Wijkprofessional.objects.select_related("wijk"), pk=pk)
    weiger_tenzij(permissions.mag_wijk_beheren(request.user, professional.wijk))
    return professional


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def professional_bewerken(request, pk):
    professional = _professional(request, pk)
    # A copy, so that a failed validation does not change the object shown in the page.
    form = WijkprofessionalForm(
        request.POST or None, instance=Wijkprofessional.objects.get(pk=professional.pk)
    )
    if request.method == "POST" and form.is_valid():
        services.wijkprofessional_bijwerken(
            professional=professional, door=request.user, **form.cleaned_data
        )
        messages.success(request, _("The professional has been changed."))
        return redirect("wijken:wijk_beheer", code=professional.wijk.code)
    return _professional_pagina(request, form, wijk=professional.wijk, professional=professional)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def professional_verwijderen(request, pk):
    professional = _professional(request, pk)
    wijk = professional.wijk
    if request.method == "POST":
        services.wijkprofessional_verwijderen(professional=professional, door=request.user)
        messages.success(request, _("The professional has been removed."))
        return redirect("wijken:wijk_beheer", code=wijk.code)
    terug = reverse("wijken:wijk_beheer", args=[wijk.code])
    return _verwijderen_bevestigen(request, professional, wijk, terug=(terug, _("Manage")))

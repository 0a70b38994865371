"""The resident's pages: submit an initiative or report a bottleneck, drafts, the
confirmation, "my contributions" and withdrawing.

Every page needs a signed-in person (anonymous visitors are sent to sign in and come
back). Items are looked up *among the person's own*: someone else's draft, confirmation
or item is a 404, the same as one that does not exist. Writes go through
``initiatieven.services``; the form hands over only the resident's own fields.
"""

import uuid

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from initiatieven import permissions, services, workflow
from initiatieven.forms import IntrekkenForm, OnderwerpForm
from initiatieven.keuzes import Soort, Status
from initiatieven.models import Bericht, Onderwerp, Statuswijziging
from initiatieven.selectors import tijdlijn
from initiatieven.weergave import met_statuslabels, met_urls
from wijken import datums, pagecache, snelheid
from wijken.paginering import pagineren
from wijken.weergave import kruimels, url_per_sleutel

#: Submissions (not draft saves) per account per clock hour. Generous for a resident,
#: a brake on a script or a stuck key.
INDIENINGEN_PER_UUR = 10
#: Submissions per client address per clock hour, over all accounts: a brake on one
#: script with many accounts. Several residents may share an address (a library, a
#: school, a mobile network), hence more than one account's limit.
INDIENINGEN_PER_ADRES_PER_UUR = 30
_UUR = 3600


def _mijn_inbreng_kruimel() -> tuple[str, str]:
    return (reverse("initiatieven:mijn_inbreng"), _("My contributions"))


# --- rate limit -----------------------------------------------------------------------------


def _tellers(request) -> list[tuple[str, int, str]]:
    """(counter, limit, refusal) for this request: per account and per client address.

    The counters are in the shared cache (wijken.snelheid), so they hold across servers.
    """
    adres = get_adapter(request).get_client_ip(request)
    return [
        (
            f"indienen:account:{request.user.pk}",
            INDIENINGEN_PER_UUR,
            _(
                "You have submitted %(aantal)d items in the past hour, the most we accept. "
                "Save this one as a draft and submit it later."
            )
            % {"aantal": INDIENINGEN_PER_UUR},
        ),
        (
            f"indienen:adres:{adres}",
            INDIENINGEN_PER_ADRES_PER_UUR,
            _(
                "Many items were submitted from your network in the past hour, more than we "
                "accept. Save this one as a draft and submit it later."
            ),
        ),
    ]


def _indiening_tellen(request) -> tuple[list[str], str]:
    """Count one submission on every counter: (the counters taken, refusal or "").

    On a refusal nothing stays counted: the resident may save a draft and try later.
    """
    genomen: list[str] = []
    for sleutel, limiet, weigering in _tellers(request):
        genomen.append(sleutel)
        if not snelheid.toegestaan(sleutel, limiet, _UUR):
            _telling_terugdraaien(genomen)
            return [], weigering
    return genomen, ""


def _telling_terugdraaien(genomen: list[str]) -> None:
    for sleutel in genomen:
        snelheid.teruggeven(sleutel, _UUR)


# --- the form -------------------------------------------------------------------------------

# Lazy: the module is imported once, in whatever language is active then; the title must
# follow the language of each request.
_TITELS = {
    Soort.INITIATIEF: gettext_lazy("Submit an initiative"),
    Soort.KNELPUNT: gettext_lazy("Report a bottleneck"),
}


def _na_opslaan(request, onderwerp: Onderwerp):
    if onderwerp.status == Status.CONCEPT:
        messages.success(
            request, _("Your draft is saved. Only you can see it. Submit it when you are ready.")
        )
        return redirect("initiatieven:concept_bewerken", pk=onderwerp.pk)
    return redirect("initiatieven:bevestiging", pk=onderwerp.pk)


def _opslaan(request, form: OnderwerpForm, onderwerp: Onderwerp | None):
    """Save (and submit) a valid form; a response, or None when the form shows an error."""
    user = request.user
    indienen = request.POST.get("actie") == "indienen"
    sleutel = form.cleaned_data.get("idempotentiesleutel") if onderwerp is None else None
    if sleutel is not None:
        # The same form posted again (a double click, a reload): the item it made.
        eerder = Onderwerp.objects.filter(idempotentiesleutel=sleutel, indiener=user).first()
        if eerder is not None:
            return _na_opslaan(request, eerder)
    elif onderwerp is None:
        sleutel = uuid.uuid4()
    geteld: list[str] = []
    if indienen:
        geteld, weigering = _indiening_tellen(request)
        if weigering:
            form.add_error(None, weigering)
            return None
    try:
        onderwerp, nieuw = services.onderwerp_opslaan(
            indiener=user,
            gegevens=form.gegevens(),
            onderwerp=onderwerp,
            idempotentiesleutel=sleutel,
            bijlagen=form.cleaned_data.get("bijlagen") or (),
            indienen=indienen,
        )
    except services.Geweigerd:
        _telling_terugdraaien(geteld)
        raise Http404 from None
    if sleutel is not None and not nieuw:
        _telling_terugdraaien(geteld)  # a parallel identical post made the item
    return _na_opslaan(request, onderwerp)


def _formulier(request, *, soort: str, onderwerp: Onderwerp | None = None):
    bestaande_bijlagen = list(onderwerp.bijlagen.all()) if onderwerp else []
    kwargs = {
        "soort": soort,
        "gebruiker": request.user,
        "instance": onderwerp,
        "aantal_bestaande_bijlagen": len(bestaande_bijlagen),
    }
    status = 200
    if request.method == "POST":
        form = OnderwerpForm(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            antwoord = _opslaan(request, form, onderwerp)
            if antwoord is not None:
                return antwoord
            status = 429
    else:
        form = OnderwerpForm(**kwargs)
    if onderwerp is None:
        titel = _TITELS[soort]
        pad = kruimels()
    else:
        titel = _("Your draft")
        pad = kruimels(_mijn_inbreng_kruimel())
    return render(
        request,
        "initiatieven/indienen/formulier.html",
        {
            "form": form,
            "soort": soort,
            "onderwerp": onderwerp,
            "bestaande_bijlagen": bestaande_bijlagen,
            "titel": titel,
            "kruimels": pad,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def initiatief_indienen(request):
    """An initiative: residents want to do something in their ward."""
    return _formulier(request, soort=Soort.INITIATIEF)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def knelpunt_melden(request):
    """A bottleneck: something in the ward that needs a solution."""
    return _formulier(request, soort=Soort.KNELPUNT)


def _eigen(request, pk, *velden) -> Onderwerp:
    """One of the signed-in person's own items; 404 for any other."""
    return get_object_or_404(
        Onderwerp.objects.select_related("wijk", *velden), pk=pk, indiener=request.user
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def concept_bewerken(request, pk):
    """The submission form for one's own draft; gone (404) once it is submitted."""
    onderwerp = _eigen(request, pk)
    if not permissions.mag_concept_bewerken(request.user, onderwerp):
        sleutel = request.POST.get("idempotentiesleutel") if request.method == "POST" else None
        if onderwerp.idempotentiesleutel and sleutel == str(onderwerp.idempotentiesleutel):
            # The "submit" of this page posted twice: the first one did it.
            return redirect("initiatieven:bevestiging", pk=onderwerp.pk)
        raise Http404
    return _formulier(request, soort=onderwerp.soort, onderwerp=onderwerp)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def concept_verwijderen(request, pk):
    """Ask (GET), then throw one's own draft away (POST)."""
    onderwerp = _eigen(request, pk)
    if not permissions.mag_concept_bewerken(request.user, onderwerp):
        raise Http404
    if request.method == "POST":
        try:
            services.concept_verwijderen(onderwerp=onderwerp, door=request.user)
        except services.Geweigerd:
            raise Http404 from None
        messages.success(request, _("Your draft is deleted."))
        return redirect("initiatieven:mijn_inbreng")
    return render(
        request,
        "initiatieven/indienen/verwijderen.html",
        {
            "onderwerp": onderwerp,
            "kruimels": kruimels(
                _mijn_inbreng_kruimel(),
                (reverse("initiatieven:concept_bewerken", args=[pk]), _("Your draft")),
            ),
        },
    )


@login_required
@require_safe
def bevestiging(request, pk):
    """After submitting: what happens next and when to expect a first response."""
    onderwerp = _eigen(request, pk, "thema", "buurt")
    if onderwerp.status == Status.CONCEPT:
        raise Http404
    return render(
        request,
        "initiatieven/indienen/bevestiging.html",
        {"onderwerp": onderwerp, "kruimels": kruimels(_mijn_inbreng_kruimel())},
    )


#: Drafts per page of "my contributions".
CONCEPTEN_PER_PAGINA = 10
#: Submitted items per page of "my contributions".
INGEDIEND_PER_PAGINA = 10


#: "My contributions": the person's own items, their public timelines and answers, with
#: ward, neighbourhood and theme; per person. A withdrawal stays possible only until a
#: decision, which is a write, so no moment is declared.
MIJN_INBRENG = pagecache.Fragment(
    name="mijn inbreng",
    template="initiatieven/mijn_inbreng.html#inhoud",
    shows={
        "initiatieven.Onderwerp": "persoon",
        "initiatieven.Statuswijziging": "persoon",
        "initiatieven.Bericht": "persoon",
        "initiatieven.Thema": pagecache.ALL,
        # A badge says "proposed" while the item's agenda item is only proposed.
        "contacten.Agendapunt": pagecache.ALL,
        "wijken.Wijk": pagecache.ALL,
        "wijken.Buurt": pagecache.ALL,
    },
    per_person=True,
)


@login_required
@require_safe
def mijn_inbreng(request):
    """The person's drafts and submitted items with status, ward, dates, whether public
    (and why not) and the public timeline (``MIJN_INBRENG``). A fixed number of queries for
    any number of items."""
    inhoud = MIJN_INBRENG.render(request, lambda: _mijn_inbreng(request), persoon=request.user.pk)
    return render(
        request, "initiatieven/mijn_inbreng.html", {"inhoud": inhoud, "kruimels": kruimels()}
    )


def _mijn_inbreng(request) -> dict:
    eigen = Onderwerp.objects.van_indiener(request.user).met_lijstgegevens()
    # Drafts stay first, but a page at a time too (own page parameter): someone with
    # hundreds of drafts would otherwise get them all rendered on every visit.
    concepten = pagineren(
        request,
        eigen.filter(status=Status.CONCEPT),
        CONCEPTEN_PER_PAGINA,
        parameter="concepten",
    )
    ingediend = eigen.exclude(status=Status.CONCEPT).prefetch_related(
        # Only what the resident may read: no internal notes are even fetched.
        Prefetch(
            "statuswijzigingen",
            queryset=Statuswijziging.objects.publiek().defer("interne_notitie"),
            to_attr="stappen",
        ),
        Prefetch(
            "berichten",
            queryset=Bericht.objects.filter(openbaar=True).order_by("tijdstip", "pk"),
            to_attr="alle_berichten",
        ),
    )
    # Each item carries its whole public timeline: ten per page keeps the page light.
    pagina = met_statuslabels(pagineren(request, ingediend, INGEDIEND_PER_PAGINA))
    # Each row's links joined around its key: one reverse() per kind of link, not per row.
    intrekken_url = url_per_sleutel("initiatieven:intrekken")
    for onderwerp in met_urls(pagina):
        onderwerp.tijdlijn = tijdlijn(onderwerp, intern=False)
        onderwerp.mag_intrekken = (
            permissions.mag_overgang(request.user, onderwerp, Status.INGETROKKEN) is not None
        )
        if onderwerp.mag_intrekken:
            onderwerp.intrekken_url = intrekken_url(onderwerp.pk)
    bewerken_url = url_per_sleutel("initiatieven:concept_bewerken")
    verwijderen_url = url_per_sleutel("initiatieven:concept_verwijderen")
    for concept in concepten:
        concept.bewerken_url = bewerken_url(concept.pk)
        concept.verwijderen_url = verwijderen_url(concept.pk)
    return {"concepten": list(concepten), "conceptpagina": concepten, "pagina": pagina}


def _wat_veranderde(conflict: services.Conflict) -> str:
    """A sentence naming what changed since the page was loaded."""
    onderwerp, laatste = conflict.onderwerp, conflict.laatste
    if laatste is not None:
        return _(
            "While you were on this page, the item changed: “%(stap)s” on %(datum)s. "
            "Its status is now “%(status)s”."
        ) % {
            "stap": workflow.publieke_omschrijving(laatste.van, laatste.naar),
            "datum": datums.moment(laatste.tijdstip),
            "status": onderwerp.get_status_display(),
        }
    return _(
        "While you were on this page, the ward advisor changed the item. "
        "Its status is “%(status)s”."
    ) % {"status": onderwerp.get_status_display()}


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def intrekken(request, pk):
    """Ask (GET), then withdraw one's own item (POST), while the table allows it."""
    onderwerp = _eigen(request, pk, "thema")
    if onderwerp.status == Status.CONCEPT:
        raise Http404  # a draft is deleted, not withdrawn
    context = {
        "onderwerp": onderwerp,
        "kruimels": kruimels(_mijn_inbreng_kruimel()),
        "conflict": "",
    }
    if permissions.mag_overgang(request.user, onderwerp, Status.INGETROKKEN) is None:
        return render(
            request,
            "initiatieven/indienen/intrekken.html",
            {**context, "niet_mogelijk": True},
            status=403,
        )
    status = 200
    if request.method == "POST":
        form = IntrekkenForm(request.POST)
        if form.is_valid():
            try:
                services.onderwerp_overgang(
                    onderwerp=onderwerp,
                    naar=Status.INGETROKKEN,
                    door=request.user,
                    versie=form.cleaned_data["versie"],
                )
            except services.Conflict as conflict:
                onderwerp = conflict.onderwerp
                context["onderwerp"] = onderwerp
                context["conflict"] = _wat_veranderde(conflict)
                status = 409
                if permissions.mag_overgang(request.user, onderwerp, Status.INGETROKKEN) is None:
                    context["niet_mogelijk"] = True
                    status = 403
            except services.Geweigerd:
                context["niet_mogelijk"] = True
                status = 403
            else:
                messages.success(request, _("Your item is withdrawn."))
                return redirect("initiatieven:mijn_inbreng")
        else:
            status = 400
    context["form"] = IntrekkenForm(initial={"versie": onderwerp.versie})
    return render(request, "initiatieven/indienen/intrekken.html", context, status=status)

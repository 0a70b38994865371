"""Pages of consultation questions: the public list and question page, responding, and the
pages of who asks (create, publish, screen, meeting, feedback).

Every page asks ``meedenken.permissions``; a question a person may not see is a 404
(a draft's id reveals nothing), an action they may not take is a 403.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from initiatieven import bijlagen as bijlagen_download
from meedenken import permissions, services
from meedenken.forms import (
    BeoordelingForm,
    BijeenkomstForm,
    FilterForm,
    InbrengForm,
    TerugkoppelingForm,
    VraagForm,
)
from meedenken.models import (
    Inbreng,
    Inbrengbijlage,
    Keuzeoptie,
    Meedenkvraag,
    Terugkoppeling,
    Vraagbijlage,
)
from wijken import pagecache
from wijken.grafieken import liggende_staven
from wijken.models import Bewonersgroep, Wijk
from wijken.paginering import pagineren
from wijken.weergave import keuzelijsten, kruimelpad

PER_PAGINA = 20
_T = "meedenken"


_kruimels = kruimelpad("meedenken:lijst", gettext_lazy("Think along"))


def _vraag_of_404(request, pk, *, beheren=False) -> Meedenkvraag:
    vraag = get_object_or_404(
        # The wards and options are read by several predicates and the template: once.
        Meedenkvraag.objects.select_related(
            "thema", "terugkoppeling__agendapunt__vergadering", "bijeenkomst"
        ).prefetch_related("wijken", "opties"),
        pk=pk,
    )
    if not permissions.mag_vraag_zien(request.user, vraag):
        raise Http404
    if beheren and not permissions.mag_vraag_beheren(request.user, vraag):
        raise PermissionDenied
    return vraag


#: The list's filters and results, a declared piece of the page cache: the same for
#: everyone (a person's drafts and the button to ask are outside it). A question's state
#: follows the clock: it opens and closes at its moments, and its feedback falls overdue
#: at a midnight; so the piece declares the next moment any published question opens or
#: closes, and midnight.
LIJST = pagecache.Fragment(
    name="meedenken lijst",
    template=f"{_T}/lijst.html#inhoud",
    shows={
        "meedenken.Meedenkvraag": pagecache.ALL,
        "meedenken.Inbreng": pagecache.ALL,
        "meedenken.Terugkoppeling": pagecache.ALL,
        "initiatieven.Thema": pagecache.ALL,
        "wijken.Wijk": pagecache.ALL,
    },
    moments=(pagecache.next_midnight, lambda c: c["volgende_wissel"]),
)


def _lijst(request) -> dict:
    form = FilterForm(request.GET or None)
    waarden = form.geldige_waarden()
    vragen = (
        Meedenkvraag.objects.gepubliceerd()
        .met_staat()
        .select_related("thema")
        .met_aantal_inbreng()
        .order_by("-open_vanaf", "-pk")
    )
    if "wijk" in waarden:
        vragen = vragen.voor_wijk(waarden["wijk"])
    if "staat" in waarden:
        vragen = vragen.filter(staat=waarden["staat"])
    if "thema" in waarden:
        vragen = vragen.filter(thema=waarden["thema"])
    return {
        "form": form,
        # The select boxes' options in one pass, as the item list does (Django's widget
        # templates rendering 100 wards' options were most of the page's CPU time).
        "keuzelijsten": keuzelijsten(form),
        "pagina": pagineren(request, vragen, PER_PAGINA),
        "gefilterd": bool(waarden),
        "volgende_wissel": Meedenkvraag.objects.volgende_wissel(),
    }


@require_safe
def lijst(request):
    """Published questions, newest first, filtered by ward, state and theme."""
    inhoud = LIJST.render(request, lambda: _lijst(request))
    concepten = []
    if permissions.mag_vragen_stellen(request.user):
        concepten = [
            v
            for v in Meedenkvraag.objects.concepten().prefetch_related("wijken")[:50]
            if permissions.mag_vraag_beheren(request.user, v)
        ]
    return render(
        request,
        f"{_T}/lijst.html",
        {
            "inhoud": inhoud,
            "concepten": concepten,
            "mag_stellen": permissions.mag_vragen_stellen(request.user),
            "kruimels": [(reverse("home"), _("Home"))],
        },
    )


def _uitslag(vraag) -> list[dict]:
    """The count of each option, one query; percentages of the respondents who chose."""
    opties = list(vraag.opties.annotate(aantal=Count("inbreng")))
    totaal = sum(o.aantal for o in opties)
    return [
        {"optie": o, "aantal": o.aantal, "procent": round(100 * o.aantal / totaal) if totaal else 0}
        for o in opties
    ]


def _vraagpagina_of_404(request, pk) -> Meedenkvraag:
    """The question for its page: what the page around the cached pieces and the
    permissions read (wards, feedback, meeting) in two queries; the pieces read the rest
    only when they are rendered."""
    vraag = get_object_or_404(
        # The feedback's agenda item and meeting are read by the piece when it is rendered
        # (a join of five tables cost a hit more CPU to build than the rest of its query).
        Meedenkvraag.objects.select_related(
            "thema", "terugkoppeling", "bijeenkomst"
        ).prefetch_related("wijken"),
        pk=pk,
    )
    if not permissions.mag_vraag_zien(request.user, vraag):
        raise Http404
    return vraag


def _opent(c):
    return c["vraag"].open_vanaf


def _sluit(c):
    return c["vraag"].sluit_op


def _te_laat_vanaf(c):
    """The start of the day after the promised feedback date: the state turns "overdue"."""
    dag = c["vraag"].terugkoppeling_voor + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time()))


def _bijeenkomst_begint(c):
    """Registration closes when the meeting begins (a full meeting is no longer "full")."""
    return c["bijeenkomst"].begint if c["bijeenkomst"] else None


#: What the question page shows everyone who reads the same kind of it: the question, its
#: state and dates, the feedback, background, options, attachments, linked items and the
#: meeting with its places. Rendered for the public or for the officials who read every
#: response (``intern``: its count, results while open, feedback before publication), a
#: variant in the key, so neither is ever served the other's. Scoped to the question: a
#: response to another question leaves it in the cache. Its state follows the clock: it
#: opens, closes, its feedback falls overdue at the midnight after the promised date, and
#: a full meeting stops saying so once it began.
VRAAG = pagecache.Fragment(
    name="meedenkvraag",
    template=f"{_T}/vraag.html#inhoud",
    shows={
        "meedenken.Meedenkvraag": "vraag",
        "meedenken.Keuzeoptie": "vraag",
        "meedenken.Vraagbijlage": "vraag",
        "meedenken.Inbreng": "vraag",  # the officials' count
        "meedenken.Terugkoppeling": "vraag",
        "meedenken.Bijeenkomst": "vraag",
        "meedenken.Aanmelding": "vraag",
        "initiatieven.Onderwerp": "onderwerp",  # the linked items
        "initiatieven.Thema": pagecache.ALL,
        "wijken.Wijk": "wijk",
        "contacten.Agendapunt": pagecache.ALL,  # the feedback's decision, if public now
        "contacten.Vergadering": pagecache.ALL,
    },
    variants=("openbaar", "intern"),
    moments=(_opent, _sluit, _te_laat_vanaf, _bijeenkomst_begint),
    # Whether the meeting is full, for the registration button outside the piece.
    value=lambda c: c["vol"],
)

#: The results of the choice (with their chart) and a page of public responses, below the
#: person's own response. Results show after closing (or while open when the question
#: says so), always for the officials: the same two variants.
REACTIES = pagecache.Fragment(
    name="meedenkvraag reacties",
    template=f"{_T}/vraag.html#reacties",
    shows={
        "meedenken.Meedenkvraag": "vraag",
        "meedenken.Keuzeoptie": "vraag",
        "meedenken.Inbreng": "vraag",
        "meedenken.Inbrengbijlage": "vraag",
        # Who responded, by name when they chose so, or the group they spoke for.
        "contacten.Gebruiker": pagecache.ALL,
        "wijken.Bewonersgroep": pagecache.ALL,
    },
    variants=("openbaar", "intern"),
    moments=(_opent, _sluit),
)


def _vraag_inhoud(vraag, intern: bool) -> dict:
    """The context of ``VRAAG``."""
    nu = timezone.now()
    bijeenkomst = getattr(vraag, "bijeenkomst", None)
    aanmeldingen = bijeenkomst.aanmeldingen.count() if bijeenkomst else 0
    terugkoppeling = getattr(vraag, "terugkoppeling", None)
    if terugkoppeling and not (terugkoppeling.gepubliceerd_op or intern):
        terugkoppeling = None
    if terugkoppeling and terugkoppeling.agendapunt_id:
        # Its agenda item with the meeting, one query (the page's own query leaves it out).
        terugkoppeling = Terugkoppeling.objects.select_related("agendapunt__vergadering").get(
            pk=terugkoppeling.pk
        )
    vol = bijeenkomst.is_vol(aanmeldingen) if bijeenkomst else False
    return {
        "vraag": vraag,
        "staat": vraag.staat_op(nu),
        "opties": list(vraag.opties.all()),
        "bijlagen": list(vraag.bijlagen.all()),
        "intern": intern,
        "aantal_inbreng": vraag.inbreng.count() if intern else None,
        "bijeenkomst": bijeenkomst,
        "aanmeldingen": aanmeldingen,
        "vol": vol,
        "begonnen": bijeenkomst is not None and bijeenkomst.begint <= nu,
        "terugkoppeling": terugkoppeling,
        # Its links, checked now: an agenda item can be returned or its meeting taken
        # back to draft after the feedback named it (loaded with the question).
        "agendapunt": terugkoppeling.agendapunt
        if terugkoppeling and terugkoppeling.agendapunt and terugkoppeling.agendapunt.is_openbaar
        else None,
        # Linked items, public ones only (an item may be unpublished after linking).
        "aanleiding": list(vraag.aanleiding.openbaar().order_by("-ingediend_op", "-pk")),
        "uit_terugkoppeling": list(
            terugkoppeling.onderwerpen.openbaar().order_by("-ingediend_op", "-pk")
        )
        if terugkoppeling
        else [],
        "wijken": list(vraag.wijken.all()),
    }


def _reacties_inhoud(request, vraag, intern: bool) -> dict:
    """The context of ``REACTIES``."""
    uitslag = _uitslag(vraag) if vraag.toont_uitslag() or intern else None
    reacties = None
    if vraag.reacties_openbaar:
        # A page at a time: a question of the whole city gets thousands of responses.
        openbaar = (
            Inbreng.objects.openbaar_zichtbaar()
            .filter(vraag=vraag)
            .select_related("gebruiker", "groep", "bijlage")
            .order_by("aangemaakt", "pk")
        )
        reacties = pagineren(request, openbaar, PER_PAGINA)
    return {
        "vraag": vraag,
        "uitslag": uitslag,
        "uitslaggrafiek": liggende_staven([(r["optie"].tekst, r["aantal"]) for r in uitslag])
        if uitslag
        else None,
        "reacties": reacties,
    }


def _gekoppelde_onderwerpen(vraag) -> list[int]:
    """The items the question led from or to (its feedback's), one query: the scope of
    ``VRAAG``'s dependency on items, read before the cache is asked."""
    aanleiding = Meedenkvraag.aanleiding.through.objects.filter(meedenkvraag=vraag.pk)
    uitkomst = Terugkoppeling.onderwerpen.through.objects.filter(terugkoppeling__vraag=vraag.pk)
    return list(
        aanleiding.values_list("onderwerp_id", flat=True).union(
            uitkomst.values_list("onderwerp_id", flat=True)
        )
    )


@require_safe
def vraag(request, pk):
    """The question: background, how to respond, results, public responses, feedback.
    What is the same for every reader of a kind is in two cached pieces; around them what
    is this person's (their response, their registration, the buttons they may use)."""
    vraag = _vraagpagina_of_404(request, pk)
    user = request.user
    intern = permissions.mag_inbreng_intern_zien(user, vraag)
    variant = "intern" if intern else "openbaar"
    inhoud, vol = VRAAG.render_with_value(
        request,
        lambda: _vraag_inhoud(vraag, intern),
        variant=variant,
        vraag=vraag.pk,
        wijk=[w.pk for w in vraag.wijken.all()],
        onderwerp=_gekoppelde_onderwerpen(vraag),
    )
    reacties = REACTIES.render(
        request, lambda: _reacties_inhoud(request, vraag, intern), variant=variant, vraag=vraag.pk
    )
    eigen = (
        Inbreng.objects.filter(vraag=vraag, gebruiker=user)
        .select_related("bijlage")
        .prefetch_related("keuzes")
        .first()
        if user.is_authenticated
        else None
    )
    bijeenkomst = getattr(vraag, "bijeenkomst", None)
    aangemeld = (
        bijeenkomst is not None
        and user.is_authenticated
        and bijeenkomst.aanmeldingen.filter(gebruiker=user).exists()
    )
    terugkoppeling = getattr(vraag, "terugkoppeling", None)
    return render(
        request,
        f"{_T}/vraag.html",
        {
            "vraag": vraag,
            "inhoud": inhoud,
            "reacties_inhoud": reacties,
            "staat": vraag.staat_op(),
            "eigen": eigen,
            "mag_reageren": permissions.mag_reageren(user, vraag),
            "mag_beheren": permissions.mag_vraag_beheren(user, vraag),
            "mag_terugkoppelen": permissions.mag_terugkoppeling_schrijven(user, vraag),
            "terugkoppeling": terugkoppeling,
            "bijeenkomst": bijeenkomst,
            "vol": vol,
            "aangemeld": aangemeld,
            "mag_aanmelden": permissions.mag_aanmelden(user, vraag),
            "kruimels": _kruimels(),
        },
    )


def _groepen(user):
    return list(Bewonersgroep.objects.met_contactpersoon(user).order_by("naam"))


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reageren(request, pk):
    """Respond, or change one's response, while the question is open."""
    vraag = _vraag_of_404(request, pk)
    if not permissions.mag_reageren(request.user, vraag):
        messages.error(request, _("This question is not open for responses."))
        return redirect(vraag)
    groepen = _groepen(request.user)
    eigen = (
        Inbreng.objects.filter(vraag=vraag, gebruiker=request.user)
        .select_related("bijlage")
        .first()
    )
    initieel = {}
    if eigen:
        keuzes = list(eigen.keuzes.all())
        initieel = {
            "tekst": eigen.tekst,
            "toon_naam": eigen.toon_naam,
            "namens": str(eigen.groep_id or ""),
            "keuzes": keuzes if vraag.meerdere_keuzes else (keuzes[0] if keuzes else None),
        }
    form = InbrengForm(
        request.POST or None,
        request.FILES or None,
        initial=initieel,
        vraag=vraag,
        groepen=groepen,
        bijlage=eigen.bijlage_of_geen if eigen else None,
    )
    if request.method == "POST" and form.is_valid():
        namens = form.cleaned_data.get("namens") or ""
        groep = next((g for g in groepen if str(g.pk) == namens), None)
        if namens and groep is None:
            raise PermissionDenied
        try:
            _inbreng, nieuw = services.inbreng_opslaan(
                vraag=vraag,
                door=request.user,
                tekst=form.cleaned_data.get("tekst", ""),
                keuzes=form.gekozen(),
                toon_naam=form.cleaned_data.get("toon_naam", False),
                groep=groep,
                bijlage=form.nieuwe_bijlage(),
                bijlage_weg=form.cleaned_data.get("bijlage_weg", False),
            )
        except services.Geweigerd as fout:
            raise PermissionDenied from fout
        except services.Ongeldig as fout:
            form.add_error(None, str(fout))
            form.bestanden_opnieuw_kiezen()
        else:
            messages.success(
                request,
                _("Thank you: your response is saved.")
                if nieuw
                else _("Your response is changed."),
            )
            return redirect(f"{vraag.get_absolute_url()}#eigen-inbreng")
    return render(
        request,
        f"{_T}/reageren.html",
        {
            "vraag": vraag,
            "form": form,
            "eigen": eigen,
            "knop": _("Save my changes") if eigen else _("Send my response"),
            "kruimels": _kruimels((vraag.get_absolute_url(), vraag.titel)),
        },
        status=400 if request.method == "POST" else 200,
    )


def _vraagwijken(user) -> tuple[list, bool]:
    """The wards this person may ask (a college member: every ward), and whether they
    may ask all wards at once."""
    if not permissions.mag_vragen_stellen(user):
        raise PermissionDenied
    alle = permissions.mag_vraag_stellen_aan(user, wijken=[], alle_wijken=True)
    wijken = Wijk.objects.actief()
    if not permissions.mag_elke_wijk_vragen(user):
        wijken = wijken.filter(Q(wijkadviseur=user) | Q(wijkwethouder=user))
    return list(wijken), alle


def _gekozen_wijken(request, wijken) -> list:
    """The wards ticked on a new question: the one a link chose (``?wijk=``, from the ward
    dashboard) if this person may ask it, else their only ward, else none."""
    gevraagd = request.GET.get("wijk", "")
    gekozen = [
        w for w in wijken if gevraagd.isascii() and gevraagd.isdigit() and w.pk == int(gevraagd)
    ]
    return gekozen or (wijken[:1] if len(wijken) == 1 else [])


def _vraag_opslaan(request, form, vraag=None):
    data = form.cleaned_data
    return services.meedenkvraag_opslaan(
        door=request.user,
        gegevens={k: data[k] for k in services.VRAAGVELDEN if k in data},
        wijken=list(data.get("wijken") or []),
        buurten=list(data.get("buurten") or []),
        groepen=list(data.get("groepen") or []),
        professionals=list(data.get("professionals") or []),
        aanleiding=list(data.get("aanleiding") or []),
        opties=form.opties_lijst(),
        bijlagen=data.get("bijlagen") or [],
        bijlagen_weg=data.get("bijlagen_weg") or [],
        vraag=vraag,
    )


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def nieuw(request):
    """Ask a new question (a draft until published)."""
    wijken, alle = _vraagwijken(request.user)
    form = VraagForm(
        request.POST or None,
        request.FILES or None,
        initial={"open_reacties": True, "wijken": _gekozen_wijken(request, wijken)},
        wijken=wijken,
        mag_alle_wijken=alle,
    )
    if request.method == "POST" and form.is_valid():
        try:
            vraag = _vraag_opslaan(request, form)
        except services.Geweigerd as fout:
            raise PermissionDenied from fout
        except services.Ongeldig as fout:
            form.add_error(None, str(fout))
            form.bestanden_opnieuw_kiezen()
        else:
            messages.success(request, _("You have saved the question as a draft."))
            return redirect(vraag)
    return _vraagformulier(request, form, titel=_("Ask the ward to think along"))


def _vraagformulier(request, form, *, titel, vraag=None):
    return render(
        request,
        "contacten/formulier.html",
        {
            "form": form,
            "titel": titel,
            "knop": _("Save") if vraag else _("Save as draft"),
            "annuleren": vraag.get_absolute_url() if vraag else reverse("meedenken:lijst"),
            "kruimels": _kruimels(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def bewerken(request, pk):
    vraag = _vraag_of_404(request, pk, beheren=True)
    if vraag.is_gesloten():
        messages.error(request, _("A closed question can no longer be changed."))
        return redirect(vraag)
    wijken, alle = _vraagwijken(request.user)
    wijken = list({w.pk: w for w in [*wijken, *vraag.wijken.all()]}.values())
    aanleiding = list(vraag.aanleiding.all())
    initieel = {
        **{k: getattr(vraag, k) for k in services.VRAAGVELDEN},
        "wijken": list(vraag.wijken.all()),
        "buurten": list(vraag.buurten.all()),
        "groepen": list(vraag.uitgenodigde_groepen.all()),
        "professionals": list(vraag.uitgenodigde_professionals.all()),
        "aanleiding": aanleiding,
        "opties": "\n".join(o.tekst for o in vraag.opties.all()),
        "open_vanaf": timezone.localtime(vraag.open_vanaf),
        "sluit_op": timezone.localtime(vraag.sluit_op),
    }
    form = VraagForm(
        request.POST or None,
        request.FILES or None,
        initial=initieel,
        wijken=wijken,
        mag_alle_wijken=alle,
        aanleiding=aanleiding,
        bijlagen=vraag.bijlagen.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            vraag = _vraag_opslaan(request, form, vraag)
        except services.Geweigerd as fout:
            raise PermissionDenied from fout
        except services.Ongeldig as fout:
            form.add_error(None, str(fout))
            form.bestanden_opnieuw_kiezen()
        else:
            messages.success(request, _("You have changed the question."))
            return redirect(vraag)
    return _vraagformulier(request, form, titel=_("Change the question"), vraag=vraag)


@login_required
@require_POST
def publiceren(request, pk):
    vraag = _vraag_of_404(request, pk, beheren=True)
    try:
        services.meedenkvraag_publiceren(vraag=vraag, door=request.user)
    except services.Ongeldig as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request, _("You have published the question; the ward's followers hear of it.")
        )
    return redirect(vraag)


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def inbreng(request, pk):
    """Every response, for the ward's officials; screening for who manages the question."""
    vraag = _vraag_of_404(request, pk)
    if not permissions.mag_inbreng_intern_zien(request.user, vraag):
        raise PermissionDenied
    mag_beoordelen = permissions.mag_vraag_beheren(request.user, vraag)
    form = None
    if request.method == "POST":
        if not mag_beoordelen:
            raise PermissionDenied
        form = BeoordelingForm(request.POST, vraag=vraag)
        if form.is_valid():
            gekozen, actie = form.cleaned_data["inbreng"], form.cleaned_data["actie"]
            try:
                services.inbreng_beoordelen(
                    inbreng=gekozen, door=request.user, openbaar=actie == "openbaar"
                )
            except services.Ongeldig as fout:
                form.add_error(None, str(fout))
            else:
                messages.success(
                    request,
                    _("You have published the response.")
                    if actie == "openbaar"
                    else _("You have kept the response non-public."),
                )
                url = reverse("meedenken:inbreng", kwargs={"pk": vraag.pk})
                return redirect(f"{url}#inbreng-{gekozen.pk}")
    rijen = (
        Inbreng.objects.filter(vraag=vraag)
        .select_related("gebruiker", "groep", "bijlage")
        .prefetch_related(Prefetch("keuzes", queryset=Keuzeoptie.objects.order_by("volgorde")))
        .order_by("beoordeling", "aangemaakt")
    )
    pagina = pagineren(request, rijen, 50)
    return render(
        request,
        f"{_T}/inbreng.html",
        {
            "vraag": vraag,
            "pagina": pagina,
            "mag_beoordelen": mag_beoordelen and vraag.reacties_openbaar,
            "form": form,
            "kruimels": _kruimels((vraag.get_absolute_url(), vraag.titel)),
        },
        status=400 if form is not None else 200,
    )


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def bijeenkomst(request, pk):
    """Add or change the ward meeting of a question."""
    vraag = _vraag_of_404(request, pk, beheren=True)
    bestaand = getattr(vraag, "bijeenkomst", None)
    initieel = {}
    if bestaand:
        initieel = {
            "begint": timezone.localtime(bestaand.begint),
            "eindigt": timezone.localtime(bestaand.eindigt),
            "plaats": bestaand.plaats,
            "toegankelijkheid": bestaand.toegankelijkheid,
            "max_deelnemers": bestaand.max_deelnemers,
        }
    form = BijeenkomstForm(request.POST or None, initial=initieel)
    if request.method == "POST" and form.is_valid():
        try:
            services.bijeenkomst_opslaan(vraag=vraag, door=request.user, gegevens=form.cleaned_data)
        except services.Ongeldig as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, _("You have saved the ward meeting."))
            return redirect(f"{vraag.get_absolute_url()}#bijeenkomst")
    return render(
        request,
        "contacten/formulier.html",
        {
            "form": form,
            "titel": _("Ward meeting"),
            "onder_titel": vraag.titel,
            "knop": _("Save the meeting"),
            "annuleren": vraag.get_absolute_url(),
            "kruimels": _kruimels((vraag.get_absolute_url(), vraag.titel)),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def aanmelden(request, pk):
    vraag = _vraag_of_404(request, pk)
    if request.POST.get("afmelden"):
        if services.afmelden(vraag=vraag, door=request.user):
            messages.success(request, _("You have cancelled your registration."))
        return redirect(f"{vraag.get_absolute_url()}#bijeenkomst")
    try:
        _aanmelding, nieuw = services.aanmelden(vraag=vraag, door=request.user)
    except services.Ongeldig as fout:
        messages.error(request, str(fout))
    else:
        if nieuw:
            messages.success(request, _("You have registered for the meeting."))
        else:
            messages.info(request, _("You were already registered for the meeting."))
    return redirect(f"{vraag.get_absolute_url()}#bijeenkomst")


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def terugkoppeling(request, pk):
    """Write (or change) the feedback of a closed question, then publish it."""
    vraag = _vraag_of_404(request, pk, beheren=True)
    if not permissions.mag_terugkoppeling_schrijven(request.user, vraag):
        raise PermissionDenied
    bestaand = getattr(vraag, "terugkoppeling", None)
    initieel = {}
    if bestaand:
        initieel = {
            "samenvatting": bestaand.samenvatting,
            "besluit": bestaand.besluit,
            "waarom": bestaand.waarom,
            "agendapunt": bestaand.agendapunt_id,
            "onderwerpen": list(bestaand.onderwerpen.all()),
        }
    form = TerugkoppelingForm(request.POST or None, initial=initieel, vraag=vraag)
    if request.method == "POST" and form.is_valid():
        try:
            services.terugkoppeling_opslaan(
                vraag=vraag,
                door=request.user,
                gegevens=form.cleaned_data,
                onderwerpen=form.cleaned_data["onderwerpen"],
                agendapunt=form.cleaned_data["agendapunt"],
            )
        except services.Ongeldig as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(
                request,
                _("You have saved the feedback. Publish it to send it to everyone who responded."),
            )
            return redirect(f"{vraag.get_absolute_url()}#terugkoppeling")
    return render(
        request,
        "contacten/formulier.html",
        {
            "form": form,
            "titel": _("What we do with your input"),
            "onder_titel": vraag.titel,
            "knop": _("Save the feedback"),
            "annuleren": vraag.get_absolute_url(),
            "kruimels": _kruimels((vraag.get_absolute_url(), vraag.titel)),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def terugkoppeling_publiceren(request, pk):
    vraag = _vraag_of_404(request, pk, beheren=True)
    try:
        services.terugkoppeling_publiceren(vraag=vraag, door=request.user)
    except services.Geweigerd as fout:
        raise PermissionDenied from fout
    except services.Ongeldig as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request, _("You have published the feedback; everyone who responded gets it by email.")
        )
    return redirect(f"{vraag.get_absolute_url()}#terugkoppeling")


@require_safe
def vraagbijlage(request, pk, bijlage):
    """A question's attachment as a download, for whoever may see the question (everyone
    once it is published; a draft's only for who manages it). Otherwise 404."""
    gevonden = get_object_or_404(
        Vraagbijlage.objects.select_related("vraag"), pk=bijlage, vraag_id=pk
    )
    if not permissions.mag_vraag_zien(request.user, gevonden.vraag):
        raise Http404
    # Chosen by the municipality for the public: its own name is the useful one.
    return bijlagen_download.download(gevonden, naam=gevonden.oorspronkelijke_naam)


@require_safe
def inbrengbijlage(request, pk, inbreng):
    """A response's attachment as a download, for whoever may read the response: its
    respondent, the officials who read every response, and everyone once it is public.
    Otherwise 404, so nobody learns that a response has one."""
    gevonden = get_object_or_404(
        Inbrengbijlage.objects.select_related("inbreng__vraag"),
        inbreng_id=inbreng,
        inbreng__vraag_id=pk,
    )
    if not permissions.mag_inbrengbijlage_zien(request.user, gevonden.inbreng):
        raise Http404
    # The upload's own name may name an anonymous respondent: never the download's name.
    return bijlagen_download.download(gevonden, naam=gevonden.publieke_naam)

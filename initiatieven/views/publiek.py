"""Public pages of items: the list with search and filters, the item page, attachments.

What the public sees is an explicit choice of fields: the screened title and text, the
municipality's role, the public timeline. The submitter appears only as
``publieke_indiener`` (their display name if they chose so, else "anonymous"); their
email address or any other contact detail is never rendered here.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from contacten.models import Agendapunt
from initiatieven import bijlagen, onderwerppagina, permissions, services
from initiatieven.forms_triage import LijstFilterForm, wijken_keuze
from initiatieven.keuzes import Status
from initiatieven.models import Bijlage, Onderwerp
from initiatieven.selectors import Regel, filteren, met_tijdlijn, tijdlijn
from initiatieven.weergave import met_statuslabels, met_urls, onderwerp_kruimels
from wijken import pagecache
from wijken.models import Volger
from wijken.paginering import pagineren
from wijken.weergave import keuzelijsten, kruimels

#: The public list counts its results exactly up to this many and says "more than" above
#: it: an exact count of a quarter of a million published items costs more than the page
#: itself (every published row is visited), nobody pages past page 500, and a search or a
#: filter narrows the list to an exact count again.
TELLEN_TOT = 10_000
#: A search counts up to this many: a common word ("speeltuin", 6,700 of 250,000 items)
#: made the count read thousands of rows from all over the table (30 ms) for a figure
#: nobody pages through; "more than 1,000" says as much, and more words narrow it.
TELLEN_TOT_ZOEKEN = 1_000


#: The public list's filters and results: every published item, and the wards,
#: neighbourhoods and themes its rows and filters name.
LIJST = pagecache.Fragment(
    name="publieke lijst",
    template="initiatieven/publiek/lijst.html#inhoud",
    shows={
        "initiatieven.Onderwerp": pagecache.ALL,
        "initiatieven.Thema": pagecache.ALL,
        "wijken.Wijk": pagecache.ALL,
        "wijken.Buurt": pagecache.ALL,
        # A badge says "proposed" while the item's agenda item is only proposed.
        "contacten.Agendapunt": pagecache.ALL,
    },
)


def _lijst(request) -> dict:
    form = LijstFilterForm(request.GET or None, wijken=wijken_keuze())
    waarden = form.geldige_waarden()
    onderwerpen = filteren(Onderwerp.objects.openbaar().met_lijstgegevens(), waarden)
    if waarden.get("q"):
        onderwerpen = onderwerpen.zoeken(
            waarden["q"], rangschikken=waarden.get("volgorde") == "relevantie"
        )
    pagina = pagineren(
        request, onderwerpen, tellen_tot=TELLEN_TOT_ZOEKEN if waarden.get("q") else TELLEN_TOT
    )
    return {
        "form": form,
        "keuzelijsten": keuzelijsten(form),
        "pagina": met_urls(met_statuslabels(pagina)),
        "gefilterd": bool(waarden),
    }


@require_safe
def lijst(request):
    """Published items, newest first (also when searching, unless best match first is
    asked for), 20 a page, with search and filters (``LIJST``)."""
    return render(
        request,
        "initiatieven/publiek/lijst.html",
        {"inhoud": LIJST.render(request, lambda: _lijst(request)), "kruimels": kruimels()},
    )


# --- the item page -------------------------------------------------------------------------


def _onderwerp_of_404(request, pk):
    basis = Onderwerp.objects.select_related("wijk", "thema", "buurt", "groep", "indiener")
    onderwerp = get_object_or_404(met_tijdlijn(basis), pk=pk)
    if not permissions.mag_bekijken(request.user, onderwerp):
        # Not "forbidden": whether a non-public item exists is not for others to know.
        raise Http404
    return onderwerp


def _mag_bijlagen_zien(user, onderwerp) -> bool:
    return (
        onderwerp.openbaar
        or onderwerp.indiener_id == getattr(user, "pk", None)
        or permissions.mag_intern_bekijken(user, onderwerp)
    )


#: The item page as a signed-out visitor sees it (the same for all of them): the item,
#: its public timeline, answers, attachments and agenda, its ward, neighbourhood, group
#: and theme, and the submitter's public name.
ONDERWERP = pagecache.Fragment(
    name="onderwerp voor bezoekers",
    template="initiatieven/publiek/onderwerp_inhoud.html",
    # A callable: the sections of higher apps (``initiatieven.onderwerppagina``) add
    # what they show once they have registered.
    shows=lambda: {
        "initiatieven.Onderwerp": "onderwerp",
        "initiatieven.Statuswijziging": "onderwerp",
        "initiatieven.Bericht": "onderwerp",
        "initiatieven.Bijlage": "onderwerp",
        "initiatieven.Thema": pagecache.ALL,
        "contacten.Agendapunt": "wijk",
        "contacten.Besluit": "wijk",
        "contacten.Toezegging": "wijk",
        "contacten.Vergadering": pagecache.ALL,
        "contacten.Gebruiker": "persoon",
        "wijken.Wijk": "wijk",
        "wijken.Buurt": "wijk",
        "wijken.Bewonersgroep": "wijk",
        **onderwerppagina.toont(),
    },
)


def _zonder_herhaling(regels: list[Regel], onderwerp, agendapunten) -> list[Regel]:
    """A decision's explanation is one text that three places used to show: the result,
    the decision on the agenda and the step it caused. The page shows it once, in the
    section above the timeline; the step points there."""
    elders = {}
    for punt in agendapunten:
        if hasattr(punt, "besluit") and punt.besluit.toelichting:
            elders.setdefault(punt.besluit.toelichting.strip(), "agenda-van-onderwerp")
    if onderwerp.resultaat:
        # The result section wins: the decision on the agenda points to it as well.
        elders[onderwerp.resultaat.strip()] = "uitkomst"
    for regel in regels:
        if regel.soort == "stap" and regel.tekst and regel.tekst.strip() in elders:
            regel.zie = elders[regel.tekst.strip()]
            regel.tekst = ""
    return regels


def _onderwerp_context(request, onderwerp) -> dict:
    """What the item page shows this person of ``onderwerp`` (from ``_onderwerp_of_404``)."""
    user = request.user
    intern = permissions.mag_intern_bekijken(user, onderwerp)
    is_indiener = user.is_authenticated and onderwerp.indiener_id == user.pk
    bijlagen = list(onderwerp.bijlagen.all()) if _mag_bijlagen_zien(user, onderwerp) else []
    agendapunten = list(Agendapunt.objects.van_onderwerp(onderwerp.pk))
    return {
        "onderwerp": onderwerp,
        "tijdlijn": _zonder_herhaling(tijdlijn(onderwerp, intern=intern), onderwerp, agendapunten),
        "bijlagen": bijlagen,
        "is_indiener": is_indiener,
        "intern": intern,
        "mag_intrekken": permissions.mag_overgang(user, onderwerp, Status.INGETROKKEN),
        "tekst_aangepast": bool(onderwerp.publieke_titel or onderwerp.publieke_beschrijving),
        "agendapunten": agendapunten,
        "volgen": _volgen(user, onderwerp, is_indiener),
        "secties": onderwerppagina.secties_voor(request, onderwerp),
    }


def _volgen(user, onderwerp, is_indiener) -> str:
    """The follow block's state: "" (none: not published, or the submitter, who hears of
    every step already), "inloggen" (a visitor: the same for all, so it may be cached),
    "volgt" or "kan" (signed in)."""
    if not onderwerp.openbaar or onderwerp.status == Status.CONCEPT or is_indiener:
        return ""
    if not user.is_authenticated:
        return "inloggen"
    if not permissions.mag_volgen(user, onderwerp):
        return ""
    volgt = Volger.objects.filter(gebruiker=user, onderwerp=onderwerp).exists()
    return "volgt" if volgt else "kan"


@require_POST
@login_required
def volgen(request, pk):
    """Follow one item: an email with each public step. Back to the item with a message."""
    onderwerp = get_object_or_404(Onderwerp.objects.select_related("wijk"), pk=pk)
    if not permissions.mag_bekijken(request.user, onderwerp):
        raise Http404
    try:
        nieuw = services.onderwerp_volgen(onderwerp=onderwerp, door=request.user)
    except services.Geweigerd as fout:
        raise PermissionDenied from fout
    if nieuw:
        messages.success(
            request, _("You now follow this item: we email you each public step it takes.")
        )
    return redirect(onderwerp.get_absolute_url() + "#volgen")


@require_POST
@login_required
def ontvolgen(request, pk):
    """Stop following one item, whatever its state now; again is fine. Someone who does
    not follow it and may not see it gets a 404: whether it exists is not theirs to know."""
    onderwerp = get_object_or_404(Onderwerp.objects.select_related("wijk"), pk=pk)
    try:
        gestopt = services.onderwerp_ontvolgen(onderwerp_id=onderwerp.pk, door=request.user)
    except services.Geweigerd as fout:
        raise PermissionDenied from fout
    if gestopt:
        messages.success(request, _("You no longer follow this item."))
    elif not permissions.mag_bekijken(request.user, onderwerp):
        raise Http404
    volgende = request.POST.get("next", "")
    if volgende and url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(volgende)
    if permissions.mag_bekijken(request.user, onderwerp):
        return redirect(onderwerp.get_absolute_url() + "#volgen")
    return redirect(reverse("wijken:gevolgd"))


@require_safe
def onderwerp(request, pk):
    """One item with its public timeline; more for the submitter and the ward's officials.

    What a signed-out visitor sees is the same for all of them: cached (``ONDERWERP``),
    after one light read of the item that checks it is public and names its scopes."""
    if request.user.is_authenticated:
        gevonden = _onderwerp_of_404(request, pk)
        titel = gevonden.toon_titel
        publiek = gevonden.openbaar and gevonden.status != Status.CONCEPT
        inhoud = render_to_string(
            ONDERWERP.template, _onderwerp_context(request, gevonden), request=request
        )
    else:
        licht = get_object_or_404(
            Onderwerp.objects.openbaar().only(
                "titel", "publieke_titel", "status", "openbaar", "wijk", "indiener"
            ),
            pk=pk,
        )
        titel = licht.toon_titel
        publiek = True  # read from the public items
        inhoud = ONDERWERP.render(
            request,
            lambda: _onderwerp_context(request, _onderwerp_of_404(request, pk)),
            onderwerp=licht.pk,
            wijk=licht.wijk_id,
            persoon=licht.indiener_id,
        )
    return render(
        request,
        "initiatieven/publiek/onderwerp.html",
        # A published item announces its Atom feed (opendata.feeds), the same for all.
        {
            "titel": titel,
            "inhoud": inhoud,
            "kruimels": onderwerp_kruimels(),
            "publiek": publiek,
            "pk": pk,
        },
    )


@require_safe
def bijlage(request, pk, bijlage):
    """An attachment as a download, only where the item's attachments may be seen: once
    published, or for the submitter and the ward's officials. Otherwise 404."""
    bijlage = get_object_or_404(
        Bijlage.objects.select_related("onderwerp__wijk"), pk=bijlage, onderwerp_id=pk
    )
    onderwerp = bijlage.onderwerp
    if not (
        permissions.mag_bekijken(request.user, onderwerp)
        and _mag_bijlagen_zien(request.user, onderwerp)
    ):
        raise Http404
    # The upload's own name may name the person: never the name of a download.
    return bijlagen.download(bijlage, naam=bijlage.publieke_naam)

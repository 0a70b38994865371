"""The contact log: the ward officials' record of contacts with groups and residents.

Only the ward's designated officials (advisor, community worker, alderman) see a ward's
log (``contacten.permissions``). Someone without such a role gets 403 on every page; a
ward, group or contact moment of a ward the person is not an official of is a 404, never
an empty list, so nobody learns what another ward's log holds. Every page is private:
``never_cache`` keeps it out of shared caches and the browser's back-forward history.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from contacten import permissions
from contacten.contactmomenten import Contactmoment, Contactvorm, wijken_van_functionaris
from contacten.forms_contactmomenten import (
    ContactmomentFilterForm,
    ContactmomentForm,
    WijkKeuzeForm,
)
from contacten.services_contactmomenten import (
    Conflict,
    contactmoment_vastleggen,
    contactmoment_wijzigen,
    vervolg_afronden,
    vingerafdruk,
)
from wijken.models import Bewonersgroep
from wijken.paginering import pagineren
from wijken.weergave import kruimelpad, kruimels

PER_PAGINA = 25
_TEMPLATES = "contacten/contactmomenten"


_kruimels = kruimelpad("contactmomenten:lijst", gettext_lazy("Contact log"))


def _eigen_wijken(user) -> list:
    """The person's wards; 403 for anyone whose role is not designated per ward."""
    if not permissions.heeft_contactlog(user):
        raise PermissionDenied
    return list(wijken_van_functionaris(user))


def _groep_of_404(waarde: str, wijken):
    """The group with this pk in one of these wards; anything else is a 404."""
    # A pk is digits only; more than 18 would overflow a bigint on PostgreSQL.
    if not (waarde.isascii() and waarde.isdigit()) or len(waarde) > 18:
        raise Http404
    groep = (
        Bewonersgroep.objects.select_related("wijk")
        .filter(pk=int(waarde), wijk__in=[w.pk for w in wijken])
        .first()
    )
    if groep is None:
        raise Http404
    return groep


@login_required
@never_cache
@require_safe
def lijst(request):
    """The log of every ward the person is an official of, newest first, with filters."""
    wijken = _eigen_wijken(request.user)
    per_code = {w.code: w for w in wijken}
    gevraagde_wijk = request.GET.get("wijk", "")
    if gevraagde_wijk and gevraagde_wijk not in per_code:
        raise Http404
    groep = _groep_of_404(request.GET["groep"], wijken) if request.GET.get("groep") else None

    form = ContactmomentFilterForm(request.GET or None, wijken=wijken)
    waarden = form.geldige_waarden()
    contactmomenten = (
        Contactmoment.objects.van_wijken([w.pk for w in wijken]).met_lijstgegevens().recent()
    )
    wijk = per_code.get(waarden.get("wijk", ""))
    if wijk:
        contactmomenten = contactmomenten.filter(wijk=wijk)
    if groep:
        contactmomenten = contactmomenten.filter(groep=groep)
    if "vorm" in waarden:
        contactmomenten = contactmomenten.filter(vorm=waarden["vorm"])
    if waarden.get("vervolg") == "open":
        contactmomenten = contactmomenten.vervolg_open()
    if "q" in waarden:
        contactmomenten = contactmomenten.zoeken(waarden["q"])

    nieuw = reverse("contactmomenten:nieuw")
    if groep:
        nieuw += f"?wijk={groep.wijk.code}&groep={groep.pk}"
    elif wijk:
        nieuw += f"?wijk={wijk.code}"
    return render(
        request,
        f"{_TEMPLATES}/lijst.html",
        {
            "form": form,
            "pagina": pagineren(request, contactmomenten, PER_PAGINA),
            "gefilterd": bool(waarden),
            "wijken": wijken,
            "wijk": wijk,
            "groep": groep,
            "nieuw_url": nieuw,
            "vandaag": timezone.localdate(),
            "kruimels": kruimels(),
        },
    )


def _formulier_pagina(
    request, form, *, titel, wijk, wijken, annuleren, contactmoment=None, status=200
):
    return render(
        request,
        f"{_TEMPLATES}/formulier.html",
        {
            "form": form,
            "titel": titel,
            "wijk": wijk,
            "meer_wijken": len(wijken) > 1,
            "contactmoment": contactmoment,
            "annuleren": annuleren,
            "kruimels": _kruimels(),
        },
        status=status,
    )


def _naar_log(contactmoment) -> str:
    """The log filtered on where the contact moment belongs, scrolled to its row."""
    if contactmoment.groep_id:
        filter_ = f"groep={contactmoment.groep_id}"
    else:
        filter_ = f"wijk={contactmoment.wijk.code}"
    return f"{reverse('contactmomenten:lijst')}?{filter_}#contactmoment-{contactmoment.pk}"


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def nieuw(request):
    """Log a contact moment. The ward comes from ``?wijk=`` (or is the person's only
    ward); with several wards and none chosen, the page first asks which ward, so the
    group list holds only that ward's groups, without JavaScript."""
    user = request.user
    wijken = _eigen_wijken(user)
    code = request.GET.get("wijk", "")
    if code:
        wijk = next((w for w in wijken if w.code == code), None)
        if wijk is None:
            raise Http404
    elif request.GET.get("groep"):
        # A group names its ward.
        wijk = _groep_of_404(request.GET["groep"], wijken).wijk
    elif len(wijken) == 1:
        wijk = wijken[0]
    else:
        return render(
            request,
            f"{_TEMPLATES}/wijk_kiezen.html",
            {"form": WijkKeuzeForm(wijken=wijken), "wijken": wijken, "kruimels": _kruimels()},
            status=400 if request.method == "POST" else 200,
        )
    initieel = {
        "datum": timezone.localdate(),
        "medewerker": user,
        "vorm": Contactvorm.GESPREK,
        "sleutel": uuid.uuid4(),
    }
    if request.GET.get("groep"):
        initieel["groep"] = _groep_of_404(request.GET["groep"], [wijk])
    form = ContactmomentForm(request.POST or None, initial=initieel, wijk=wijk, door=user)
    if request.method == "POST" and form.is_valid():
        sleutel = form.cleaned_data["sleutel"]
        # A double click or a resent form: the first request logged it under the form's
        # key; the others go to the same place.
        eerder = (
            Contactmoment.objects.filter(idempotentiesleutel=sleutel, vastgelegd_door=user).first()
            if sleutel
            else None
        )
        if eerder:
            messages.info(request, _("This contact moment was already logged."))
            return redirect(_naar_log(eerder))
        try:
            contactmoment = contactmoment_vastleggen(
                door=user, wijk=wijk, idempotentiesleutel=sleutel, **form.voor_service()
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, _("The contact moment is logged."))
            return redirect(_naar_log(contactmoment))
    groep = initieel.get("groep")
    return _formulier_pagina(
        request,
        form,
        titel=_("Log a contact moment"),
        wijk=wijk,
        wijken=wijken,
        annuleren=groep.get_absolute_url()
        if groep
        else f"{reverse('contactmomenten:lijst')}?wijk={wijk.code}",
    )


_BEWERKBAAR = (
    "groep",
    "bewoner",
    "datum",
    "vorm",
    "medewerker",
    "onderwerp",
    "notitie",
    "vervolg",
    "vervolg_voor",
)


def _zichtbaar_of_404(request, pk) -> Contactmoment:
    """The contact moment, if the person may see its ward's log; 404 otherwise."""
    _eigen_wijken(request.user)
    contactmoment = get_object_or_404(
        Contactmoment.objects.select_related("wijk", "groep", "medewerker"), pk=pk
    )
    if not permissions.mag_contactlog_zien(request.user, contactmoment.wijk):
        raise Http404
    return contactmoment


@login_required
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def bewerken(request, pk):
    """Correct a contact moment of one of the person's wards."""
    user = request.user
    contactmoment = _zichtbaar_of_404(request, pk)
    if not permissions.mag_contactmoment_vastleggen(user, contactmoment.wijk):
        raise PermissionDenied
    wijk = contactmoment.wijk
    initieel = {veld: getattr(contactmoment, veld) for veld in _BEWERKBAAR}
    initieel["gezien"] = vingerafdruk(contactmoment)
    form = ContactmomentForm(
        request.POST or None,
        initial=initieel,
        wijk=wijk,
        door=user,
        huidige_medewerker=contactmoment.medewerker,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            contactmoment = contactmoment_wijzigen(
                door=user,
                contactmoment=contactmoment,
                # Without a fingerprint (a form from elsewhere) there is nothing to compare.
                gezien=form.cleaned_data["gezien"] or None,
                **form.voor_service(),
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        except Conflict as conflict:
            # Nothing is saved; the person's input stays in the form, and the form now
            # carries the new state, so saving again deliberately overwrites it.
            velden = ", ".join(
                str(Contactmoment._meta.get_field(veld).verbose_name) for veld in conflict.velden
            )
            form.add_error(
                None,
                _(
                    "Someone else changed this contact moment after you opened it (%(velden)s). "
                    "Nothing is saved. Check the entry in the log; save again to overwrite it "
                    "with your version."
                )
                % {"velden": velden},
            )
            gegevens = form.data.copy()
            gegevens["gezien"] = vingerafdruk(conflict.contactmoment)
            form.data = gegevens
            contactmoment = conflict.contactmoment
            status = 409
        else:
            messages.success(request, _("The contact moment is changed."))
            return redirect(_naar_log(contactmoment))
    return _formulier_pagina(
        request,
        form,
        titel=_("Change a contact moment"),
        wijk=wijk,
        wijken=[wijk],
        annuleren=_naar_log(contactmoment),
        contactmoment=contactmoment,
        status=status,
    )


@login_required
@require_POST
def vervolg(request, pk):
    """Mark a contact moment's follow-up done (``gedaan=1``) or open again (``gedaan=0``)."""
    contactmoment = _zichtbaar_of_404(request, pk)
    if not permissions.mag_contactmoment_vastleggen(request.user, contactmoment.wijk):
        raise PermissionDenied
    gedaan = request.POST.get("gedaan") == "1"
    try:
        vervolg_afronden(door=request.user, contactmoment=contactmoment, gedaan=gedaan)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        if gedaan:
            messages.success(request, _("The follow-up is marked done."))
        else:
            messages.success(request, _("The follow-up is open again."))
    terug = request.POST.get("terug", "")
    lijst_url = reverse("contactmomenten:lijst")
    # Back to the filtered log the button was on; only a path of the log itself.
    if (
        terug.startswith(lijst_url)
        and url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()})
        and "#" not in terug
    ):
        return redirect(f"{terug}#contactmoment-{contactmoment.pk}")
    return redirect(_naar_log(contactmoment))

"""Questions to the ward as topics of a visit (see initiatieven.bezoekonderwerpen).

The college's half-day in a ward, or a work visit, can discuss what the ward thought of
a question, besides the ward's items. The relation is ``Meedenkvraag.bezoeken``; the
visit form gets a field to choose the questions and the visit page a list of them, both
registered with ``initiatieven.bezoekonderwerpen`` as ``contacten`` and ``initiatieven``
may not import this app.

Only published questions of the visited ward (or of all wards) can be chosen, and the
visit page shows only published ones: a question cannot go back to draft, but the rule
is stated where the page is drawn.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from initiatieven.bezoekonderwerpen import Bron, registreer
from meedenken.models import Meedenkvraag, Staat

NAAM = "meedenkvragen"
#: Questions that closed longer ago than this (with their feedback given) are not offered.
KEUZE_DAGEN = 365


class VraagKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.titel} ({Staat(obj.staat).label})"


def _keuze(wijk, gekozen=()):
    """The ward's published questions worth discussing: announced, open, closed within
    ``KEUZE_DAGEN`` or still waiting for feedback; and those the visit already has."""
    nu = timezone.now()
    wacht = Q(sluit_op__lte=nu) & ~Q(terugkoppeling__gepubliceerd_op__isnull=False)
    recent = Q(sluit_op__gte=nu - datetime.timedelta(days=KEUZE_DAGEN)) | wacht
    return (
        Meedenkvraag.objects.gepubliceerd()
        .voor_wijk_cijfers(wijk.pk)
        .filter(recent | Q(pk__in=list(gekozen)))
        .met_staat(nu)
        .order_by("-sluit_op", "-pk")
    )


def _veld(wijk, bezoek):
    gekozen = list(bezoek.meedenkvragen.values_list("pk", flat=True)) if bezoek else []
    return VraagKeuze(
        label=gettext_lazy("Questions to the ward"),
        queryset=_keuze(wijk, gekozen),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Published questions to this ward: what residents thought can be discussed."
        ),
    )


def _gekozen(bezoek):
    return list(bezoek.meedenkvragen.values_list("pk", flat=True))


def _opslaan(door, bezoek, vragen):
    """The visit's questions; the caller (``initiatieven.bezoeken``) has checked that
    ``door`` manages the visit's ward."""
    vragen = list(vragen or [])
    toegestaan = set(
        Meedenkvraag.objects.gepubliceerd()
        .voor_wijk_cijfers(bezoek.wijk_id)
        .filter(pk__in=[v.pk for v in vragen])
        .values_list("pk", flat=True)
    )
    if any(v.pk not in toegestaan for v in vragen):
        raise ValidationError({NAAM: _("Choose published questions to the visited ward.")})
    bezoek.meedenkvragen.set(vragen)


def _sectie(user, bezoek, intern):
    vragen = list(
        bezoek.meedenkvragen.gepubliceerd()
        .select_related("thema")
        .met_staat()
        .order_by("-sluit_op", "-pk")
    )
    return {"vragen": vragen} if vragen else None


def registreer_bezoekonderwerpen() -> None:
    registreer(
        Bron(
            naam=NAAM,
            veld=_veld,
            gekozen=_gekozen,
            opslaan=_opslaan,
            template="meedenken/includes/bezoek_meedenkvragen.html",
            sectie=_sectie,
            volgorde=10,
        )
    )

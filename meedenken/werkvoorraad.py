"""The work queue's section of feedback due (see initiatieven.werkvoorraadsecties).

A question that has closed without published feedback waits for the municipality to say
what it did with the input; once its feedback date has passed it is overdue, like an
overdue first response. The section lists those questions of the person's wards (asked
of one of them, or of all wards), overdue ones first, each linking to writing the
feedback (or to the question, for who may not write it). Rendered on every request: a
question closes at a moment of its own.
"""

from django.urls import reverse
from django.utils import timezone

from initiatieven.werkvoorraadsecties import Sectie, registreer
from meedenken import permissions
from meedenken.models import Meedenkvraag


def _terugkoppeling_te_doen(request, wijk_ids) -> dict | None:
    if not wijk_ids:
        return None
    nu = timezone.now()
    vandaag = timezone.localdate(nu)
    vragen = list(
        Meedenkvraag.objects.voor_wijken(wijk_ids)
        .gesloten_zonder_terugkoppeling(nu)
        .prefetch_related("wijken")
        .order_by("terugkoppeling_voor", "sluit_op", "pk")
    )
    if not vragen:
        return None
    for vraag in vragen:
        vraag.te_laat = vraag.terugkoppeling_voor < vandaag
        vraag.wijknamen = (
            None if vraag.alle_wijken else ", ".join(w.naam for w in vraag.wijken.all())
        )
        vraag.actie_url = (
            reverse("meedenken:terugkoppeling", args=[vraag.pk])
            if permissions.mag_terugkoppeling_schrijven(request.user, vraag)
            else vraag.get_absolute_url()
        )
    return {
        "vragen": vragen,
        "aantal_te_laat": sum(vraag.te_laat for vraag in vragen),
    }


def registreer_werkvoorraad() -> None:
    registreer(
        Sectie(
            naam="meedenken-terugkoppeling",
            template="meedenken/includes/werkvoorraad_terugkoppeling.html",
            context=_terugkoppeling_te_doen,
            volgorde=10,
        )
    )

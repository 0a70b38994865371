"""The ward page's section of consultation questions (see wijken.wijkpagina).

The ward page is cached until midnight (its declared moment), so this section chooses its
questions by date, never by the moment a question opens or closes: it lists published
questions that closed no longer than ``RECENT_DAGEN`` days ago, each with its dates in
words, and the question's own page (not cached) says whether it is open right now.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meedenken.models import Meedenkvraag
from wijken.wijkpagina import Sectie, registreer

AANTAL_OP_WIJKPAGINA = 5
RECENT_DAGEN = 90


def _meedenkvragen(request, wijk) -> dict:
    sinds = timezone.localdate() - datetime.timedelta(days=RECENT_DAGEN)
    vragen = (
        Meedenkvraag.objects.gepubliceerd()
        .voor_wijk(wijk)
        .filter(sluit_op__date__gte=sinds)
        .select_related("thema")
        .order_by("-sluit_op", "-pk")
    )
    return {
        "wijk": wijk,
        "vragen": list(vragen[:AANTAL_OP_WIJKPAGINA]),
        "lijst_url": f"{reverse('meedenken:lijst')}?wijk={wijk.pk}",
    }


def registreer_secties() -> None:
    registreer(
        Sectie(
            naam="meedenkvragen",
            template="meedenken/includes/wijk_meedenkvragen.html",
            context=_meedenkvragen,
            volgorde=12,
            kop_id="meedenkvragen-kop",
            label=_("Think along"),
            toont={"meedenken.Meedenkvraag": None, "initiatieven.Thema": None},
        )
    )

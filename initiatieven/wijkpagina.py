"""The ward page's section of current public items (see wijken.wijkpagina)."""

from django.urls import reverse

from initiatieven.keuzes import AFGESLOTEN
from initiatieven.models import Onderwerp
from wijken.wijkpagina import Sectie, registreer

#: The ward page shows the latest few; the full, filtered list is one click away.
AANTAL_OP_WIJKPAGINA = 8


def _lopende_onderwerpen(request, wijk) -> dict:
    onderwerpen = (
        Onderwerp.objects.openbaar()
        .filter(wijk=wijk)
        .exclude(status__in=AFGESLOTEN)
        .select_related("thema")
        .order_by("-ingediend_op")
    )
    return {
        "wijk": wijk,
        "onderwerpen": list(onderwerpen[: AANTAL_OP_WIJKPAGINA + 1]),
        "max": AANTAL_OP_WIJKPAGINA,
        "lijst_url": f"{reverse('initiatieven:lijst')}?wijk={wijk.pk}",
    }


def registreer_secties() -> None:
    registreer(
        Sectie(
            naam="onderwerpen",
            template="initiatieven/includes/wijk_onderwerpen.html",
            context=_lopende_onderwerpen,
            volgorde=10,
        )
    )

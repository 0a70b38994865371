"""The ward page's sections of current public items and of visits (see wijken.wijkpagina).

The visits section is registered here rather than from ``contacten``, although the model
lives there: the section links to the visit pages and the ward's calendar feed, which
are in this app's URLconf (``bezoeken``), and it keeps every ward-page section that this
part of the portal adds in one place, started from one ``AppConfig.ready``.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from contacten.bezoeken import Bezoek
from contacten.permissions import mag_bezoek_beheren
from initiatieven.keuzes import AFGESLOTEN, Status
from initiatieven.models import Onderwerp
from initiatieven.weergave import met_statuslabels, met_urls
from wijken.wijkpagina import Sectie, registreer

#: The ward page shows the latest few; the full, filtered list is one click away.
AANTAL_OP_WIJKPAGINA = 8


def _lopende_onderwerpen(request, wijk) -> dict:
    onderwerpen = (
        Onderwerp.objects.openbaar()
        .filter(wijk=wijk)
        .exclude(status__in=AFGESLOTEN)
        .select_related("thema")
        .met_voorstel_open()
        .order_by("-ingediend_op")
    )
    # Each row's link and status badge made once for the section (one reverse(), one
    # badge per status), not a reverse() and an include per row.
    rijen = met_urls(met_statuslabels(list(onderwerpen[: AANTAL_OP_WIJKPAGINA + 1])))
    return {
        "wijk": wijk,
        "onderwerpen": rijen,
        "max": AANTAL_OP_WIJKPAGINA,
        "lijst_url": f"{reverse('initiatieven:lijst')}?wijk={wijk.pk}",
    }


#: Completed items on the ward page: a few recent results, the rest one click away.
AANTAL_RESULTATEN = 3


def _resultaten(request, wijk) -> dict:
    return {
        "wijk": wijk,
        "onderwerpen": met_urls(
            list(
                Onderwerp.objects.recente_resultaten()
                .filter(wijk=wijk)
                .select_related("thema")[:AANTAL_RESULTATEN]
            )
        ),
        "lijst_url": f"{reverse('initiatieven:lijst')}?wijk={wijk.pk}&status={Status.AFGEROND}",
    }


#: Held visits shown on the ward page; older ones are on the visits overview.
AANTAL_GEHOUDEN_BEZOEKEN = 5


def _bezoeken(request, wijk) -> dict:
    zichtbaar = Bezoek.objects.zichtbaar_voor(request.user).filter(wijk=wijk)
    return {
        "wijk": wijk,
        "komend": list(zichtbaar.gepland().select_related("wijk")[:10]),
        "gehouden": list(zichtbaar.recent().select_related("wijk")[:AANTAL_GEHOUDEN_BEZOEKEN]),
        "feed": reverse("bezoeken:ical_wijk", kwargs={"code": wijk.code}),
        "host": request.get_host(),
        "scheme": request.scheme,
        "mag_plannen": mag_bezoek_beheren(request.user, wijk),
    }


def registreer_secties() -> None:
    registreer(
        Sectie(
            naam="onderwerpen",
            template="initiatieven/includes/wijk_onderwerpen.html",
            context=_lopende_onderwerpen,
            volgorde=10,
            kop_id="onderwerpen-kop",
            label=_("Initiatives and bottlenecks"),
            # Agenda items: a badge says "proposed" while an item's is only proposed.
            toont={
                "initiatieven.Onderwerp": "wijk",
                "initiatieven.Thema": None,
                "contacten.Agendapunt": "wijk",
            },
        )
    )
    registreer(
        Sectie(
            naam="resultaten",
            template="initiatieven/includes/wijk_resultaten.html",
            context=_resultaten,
            volgorde=15,
            kop_id="resultaten-kop",
            label=_("Results"),
            toont={"initiatieven.Onderwerp": "wijk", "initiatieven.Thema": None},
        )
    )
    registreer(
        Sectie(
            naam="bezoeken",
            template="initiatieven/includes/wijk_bezoeken.html",
            context=_bezoeken,
            volgorde=30,
            kop_id="bezoeken-kop",
            label=_("Visits"),
            toont={"contacten.Bezoek": "wijk"},
        )
    )

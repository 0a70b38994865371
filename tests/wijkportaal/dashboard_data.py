"""A ward with a known mix of items, groups and visits, built for the dashboard tests.

Each figure of the dashboard has at least one item that counts and one that must not
(another ward, a draft, a closed item, a date just outside), so a wrong condition shows.
"""

import datetime

from django.utils import timezone

from initiatieven.keuzes import Soort, Status
from initiatieven.models import Onderwerp, Statuswijziging
from tests.contacten.factories import (
    BezoekFactory,
    CollegeperiodeFactory,
    ContactmomentFactory,
)
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.wijken.factories import (
    BestuursfunctieFactory,
    BewonersgroepFactory,
    BuurtFactory,
    KerncijfersFactory,
    WijkFactory,
)


def maanden_geleden(aantal: int) -> datetime.datetime:
    """Noon on the 10th of the month ``aantal`` months before this one (local time)."""
    vandaag = timezone.localdate()
    index = vandaag.year * 12 + vandaag.month - 1 - aantal
    return timezone.make_aware(datetime.datetime(index // 12, index % 12 + 1, 10, 12, 0))


def afsluiten(onderwerp, naar: str, tijdstip: datetime.datetime) -> None:
    """Record the step that settled the item, at ``tijdstip``, and the item's moment of
    settling, as the transition function does."""
    Statuswijziging.objects.create(
        onderwerp=onderwerp, van=Status.IN_BEHANDELING, naar=naar, tijdstip=tijdstip
    )
    Onderwerp.objects.filter(pk=onderwerp.pk).update(afgehandeld_op=tijdstip)


def bouw_wijk(naam: str = "Molenwijk", **wijk_kwargs):
    """A ward with staff and the data set described in the module docstring.

    Expected figures (this ward, as its officials and the college see it):
    open 10, nieuw 12, wacht_op_wethouder 2, geescaleerd 3, te_laat 2, te_herbezien 1,
    kansrijk 1, langst_open 3; settled this month 1, two months ago 1.
    """
    wijk = WijkFactory(met_staf=True, naam=naam, **wijk_kwargs)
    groen = ThemaFactory(naam="Groen en spelen")
    verkeer = ThemaFactory(naam="Verkeer en parkeren")
    buurt = BuurtFactory(wijk=wijk)
    KerncijfersFactory(buurt=buurt)

    def item(**kwargs):
        kwargs.setdefault("thema", groen)
        return OnderwerpFactory(wijk=wijk, **kwargs)

    # Open: 10 (ingediend 3, in_behandeling 1, in_uitvoering 1, bij_wijkwethouder 2,
    # geagendeerd_college 1, nog_niet_mogelijk 2 of which 1 due for revisit). All but the
    # one in_uitvoering were submitted this month.
    item(te_laat=True, knelpunt=True, thema=verkeer, titel="Oversteek te laat")
    item(te_laat=True, openbaar_=True)
    item()  # first response still in time
    item(status=Status.IN_BEHANDELING, kansrijk=True, openbaar_=True)
    item(
        status=Status.IN_UITVOERING,
        knelpunt=True,
        thema=verkeer,
        titel="Oude losse stoeptegels",
        ingediend_op=maanden_geleden(3),
    )
    item(status=Status.BIJ_WIJKWETHOUDER, advies_wethouder="Advies: doen, met de buurt.")
    item(
        status=Status.BIJ_WIJKWETHOUDER,
        knelpunt=True,
        thema=verkeer,
        advies_wethouder="Advies: budget zoeken.",
    )
    item(status=Status.GEAGENDEERD_COLLEGE)
    item(nog_niet=True)  # revisit today: due
    item(
        status=Status.NOG_NIET_MOGELIJK,
        herbezien_op=timezone.localdate() + datetime.timedelta(days=30),
    )
    # Closed: never open; settled ones drive the trend.
    afgerond = item(afgerond=True)
    afsluiten(afgerond, Status.AFGEROND, timezone.now())
    niet = item(status=Status.NIET_MOGELIJK, ingediend_op=maanden_geleden(2))
    afsluiten(niet, Status.NIET_MOGELIJK, maanden_geleden(2))
    item(status=Status.INGETROKKEN)
    # A promising item that is closed does not count as promising.
    item(status=Status.INGETROKKEN, kansrijk=True)
    # Never counted: a draft of this ward, and an open item of another ward.
    item(concept=True)
    OnderwerpFactory(te_laat=True)

    # Civil society: an incomplete ward council, a group without contact, vacancies.
    raad = BewonersgroepFactory(wijk=wijk, onvolledig=True, naam="Wijkraad Molenwijk")
    BestuursfunctieFactory(groep=raad, vacant=True)
    BestuursfunctieFactory(groep=raad, vacant=True, functie="secretaris")
    vereniging = BewonersgroepFactory(wijk=wijk, naam="Buurtvereniging De Es")
    BewonersgroepFactory(wijk=wijk, naam="Speeltuinvereniging")  # never contacted
    ContactmomentFactory(wijk=wijk, groep=raad)
    ContactmomentFactory(
        wijk=wijk, groep=vereniging, datum=timezone.localdate() - datetime.timedelta(days=400)
    )

    # Visits: this term's college dagdeel planned, one work visit held.
    CollegeperiodeFactory()
    BezoekFactory(wijk=wijk)
    BezoekFactory(wijk=wijk, werkbezoek=True, gehouden=True)
    return wijk


def extra_items(wijk, aantal: int) -> None:
    """Many more items of every kind, to show the number of queries does not grow."""
    statussen = [
        Status.INGEDIEND,
        Status.IN_BEHANDELING,
        Status.BIJ_WIJKWETHOUDER,
        Status.GEAGENDEERD_RAAD,
        Status.AFGEROND,
    ]
    thema = ThemaFactory(naam="Jeugd")
    for i in range(aantal):
        status = statussen[i % len(statussen)]
        onderwerp = OnderwerpFactory(
            wijk=wijk,
            status=status,
            thema=thema if i % 2 else ThemaFactory(naam="Veiligheid"),
            soort=Soort.KNELPUNT if i % 3 else Soort.INITIATIEF,
            resultaat="Klaar." if status == Status.AFGEROND else "",
            ingediend_op=maanden_geleden(i % 12),
            kansrijk=bool(i % 4 == 0),
        )
        if status == Status.AFGEROND:
            afsluiten(onderwerp, Status.AFGEROND, maanden_geleden(i % 12))


def db_telling(wijk) -> dict[str, int]:
    """The figures counted straight from the database, written independently of the
    queryset methods under test."""
    vandaag = timezone.localdate()
    items = Onderwerp.objects.filter(wijk=wijk).exclude(status=Status.CONCEPT)
    open_ = items.filter(
        status__in=[
            Status.INGEDIEND,
            Status.IN_BEHANDELING,
            Status.IN_UITVOERING,
            Status.BIJ_WIJKWETHOUDER,
            Status.GEAGENDEERD_COLLEGE,
            Status.GEAGENDEERD_RAAD,
            Status.NOG_NIET_MOGELIJK,
        ]
    )
    return {
        "open": open_.count(),
        "nieuw": sum(
            1
            for o in items
            if (timezone.localtime(o.ingediend_op).year, timezone.localtime(o.ingediend_op).month)
            == (vandaag.year, vandaag.month)
        ),
        "wacht_op_wethouder": items.filter(status=Status.BIJ_WIJKWETHOUDER).count(),
        "geescaleerd": items.filter(
            status__in=[
                Status.BIJ_WIJKWETHOUDER,
                Status.GEAGENDEERD_COLLEGE,
                Status.GEAGENDEERD_RAAD,
            ]
        ).count(),
        "op_agenda": items.filter(
            status__in=[Status.GEAGENDEERD_COLLEGE, Status.GEAGENDEERD_RAAD]
        ).count(),
        "te_laat": sum(1 for o in items if o.is_te_laat),
        "te_herbezien": items.filter(
            status=Status.NOG_NIET_MOGELIJK, herbezien_op__lte=vandaag
        ).count(),
        "kansrijk": open_.filter(kansrijk=True).count(),
        "langst_open": open_.filter(soort=Soort.KNELPUNT).count(),
    }

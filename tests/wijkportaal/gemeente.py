"""A small municipality to render the portal's pages over: one main ward with its
officials, items, groups, meetings and visits, and other wards around it.

``gemeente()`` makes the people and objects the pages are rendered for; ``vul(g, n)``
adds ``n`` units of everything the key pages list or count (the query budget calls it
twice to compare a small and a ten-times-larger data set).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from shapely.geometry import box

from contacten.models import AgendapuntStatus
from initiatieven.keuzes import Soort, Status
from initiatieven.models import Bericht, Bijlage, Statuswijziging
from tests.contacten.factories import (
    AgendapuntFactory,
    BesluitFactory,
    BezoekFactory,
    CollegeperiodeFactory,
    ContactmomentFactory,
    VergaderingFactory,
)
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import ActieFactory, OnderwerpFactory, ThemaFactory
from tests.wijken.factories import (
    BestuursfunctieFactory,
    BewonersgroepFactory,
    BuurtFactory,
    KerncijfersFactory,
    TerugvalregelingFactory,
    TerugvalTaakFactory,
    WijkFactory,
)
from wijken import services as wijken_services


@dataclass
class Gemeente:
    """The people and objects the pages are rendered for; ``vul`` adds data around them."""

    wijk: object
    thema: object
    bewoner: object
    collegelid: object
    griffie: object
    onderwerp: object  # the public item with the long timeline
    triage: object  # an item in the advisor's queue
    vergadering: object
    wijken: list = field(default_factory=list)


def gemeente() -> Gemeente:
    """One ward with its officials, a resident with a public item and an item to triage,
    a stopped ward council with a fallback arrangement, a meeting."""
    CollegeperiodeFactory()
    wijk = WijkFactory(met_staf=True, naam="Aawijk")
    thema = ThemaFactory(naam="Groen en spelen")
    bewoner = GebruikerFactory()
    onderwerp = OnderwerpFactory(
        wijk=wijk, thema=thema, indiener=bewoner, openbaar_=True, status=Status.IN_BEHANDELING
    )
    triage = OnderwerpFactory(wijk=wijk, thema=thema, indiener=bewoner)
    # A stopped ward council with a fallback arrangement: the dashboard's costliest case.
    regeling = TerugvalregelingFactory(groep=BewonersgroepFactory(wijk=wijk, gestopt=True))
    TerugvalTaakFactory(regeling=regeling)
    # Neighbourhoods with boundaries (one with a hole, one in two parts): the ward page's
    # map is checked wherever the ward page is (HTML validity, axe, the page cache).
    met_gat = box(155_000, 463_000, 156_000, 464_000).difference(
        box(155_400, 463_400, 155_600, 463_600)
    )
    twee_delen = box(156_000, 463_000, 157_000, 463_500).union(
        box(155_400, 463_400, 155_600, 463_600)
    )
    wijken_services.buurtgrenzen_opslaan(
        grenzen_per_buurt={
            BuurtFactory(wijk=wijk, naam="Oude <Haven>"): met_gat,
            BuurtFactory(wijk=wijk, naam="Eiland & Kade"): twee_delen,
        }
    )
    return Gemeente(
        wijk=wijk,
        thema=thema,
        bewoner=bewoner,
        collegelid=GebruikerFactory(collegelid=True, tweede_factor=True),
        griffie=GebruikerFactory(griffie=True, tweede_factor=True),
        onderwerp=onderwerp,
        triage=triage,
        vergadering=VergaderingFactory(),
        wijken=[wijk],
    )


def _stappen(onderwerp, aantal: int, door) -> None:
    """``aantal`` steps and messages on the item's timeline."""
    nu = timezone.now()
    Statuswijziging.objects.bulk_create(
        Statuswijziging(
            onderwerp=onderwerp,
            van=Status.INGEDIEND,
            naar=Status.IN_BEHANDELING,
            door=door,
            publieke_toelichting="We kijken ernaar.",
            interne_notitie="Eerst met de buurt praten.",
            tijdstip=nu - datetime.timedelta(hours=i + 1),
        )
        for i in range(aantal)
    )
    Bericht.objects.bulk_create(
        Bericht(onderwerp=onderwerp, door=door, tekst="Dank voor uw melding.", openbaar=i % 2 == 0)
        for i in range(aantal)
    )


def vul(g: Gemeente, n: int) -> None:
    """Add ``n`` units of everything the key pages list or count."""
    statussen = [
        Status.INGEDIEND,
        Status.IN_BEHANDELING,
        Status.BIJ_WIJKWETHOUDER,
        Status.IN_UITVOERING,
        Status.NOG_NIET_MOGELIJK,
        Status.AFGEROND,
        Status.GEAGENDEERD_COLLEGE,
    ]
    adviseur = g.wijk.wijkadviseur
    # Other wards, each with a bit of everything: the ward list and the college overview.
    for _ in range(2 * n):
        wijk = WijkFactory(met_staf=True)
        g.wijken.append(wijk)
        KerncijfersFactory(buurt=BuurtFactory(wijk=wijk))
        OnderwerpFactory(wijk=wijk, thema=g.thema, indiener=g.bewoner, openbaar_=True)
        OnderwerpFactory(wijk=wijk, thema=g.thema, indiener=g.bewoner, te_laat=True)
        groep = BewonersgroepFactory(wijk=wijk, onvolledig=True)
        BestuursfunctieFactory(groep=groep, vacant=True)
        ContactmomentFactory(wijk=wijk, groep=groep)
        BezoekFactory(wijk=wijk, werkbezoek=True, gehouden=True)
    # The main ward: items of every state, some public, some the resident's (drafts too).
    buurt = BuurtFactory(wijk=g.wijk)
    KerncijfersFactory(buurt=buurt)
    for i in range(7 * n):
        onderwerp = OnderwerpFactory(
            wijk=g.wijk,
            buurt=buurt,
            thema=g.thema if i % 2 else ThemaFactory(naam="Verkeer en parkeren"),
            soort=Soort.KNELPUNT if i % 3 else Soort.INITIATIEF,
            status=statussen[i % len(statussen)],
            indiener=g.bewoner if i % 2 else GebruikerFactory(),
            openbaar=bool(i % 2),
            gepubliceerd_op=timezone.now() if i % 2 else None,
            kansrijk=i % 4 == 0,
            titel=f"Moestuin in het park {i}",
            resultaat="Klaar.",
            herbezien_op=timezone.localdate(),
        )
        _stappen(onderwerp, 2, adviseur)
        ActieFactory(onderwerp=onderwerp)
    OnderwerpFactory.create_batch(n, wijk=g.wijk, indiener=g.bewoner, concept=True)
    # The item page: a long timeline, attachments, agenda items.
    _stappen(g.onderwerp, 5 * n, adviseur)
    Bijlage.objects.bulk_create(
        Bijlage(
            onderwerp=g.onderwerp,
            bestand=f"bijlagen/foto{i}.jpg",
            oorspronkelijke_naam=f"foto{i}.jpg",
            inhoudstype="image/jpeg" if i % 2 else "application/pdf",
            grootte=1000,
        )
        for i in range(3 * n)
    )
    _stappen(g.triage, 3 * n, adviseur)
    # Civil society of the main ward: groups with seats, vacancies, contacts.
    for _ in range(3 * n):
        groep = BewonersgroepFactory(wijk=g.wijk)
        BestuursfunctieFactory(groep=groep)
        BestuursfunctieFactory(groep=groep, vacant=True)
        ContactmomentFactory(wijk=g.wijk, groep=groep)
    # Meetings with agenda items that carry ward items; visits.
    for i in range(2 * n):
        vergadering = VergaderingFactory(geweest=bool(i % 2))
        for _ in range(2):
            punt = AgendapuntFactory(vergadering=vergadering, onderwerpen=[g.onderwerp])
            if i % 2:
                BesluitFactory(agendapunt=punt)
        punt = AgendapuntFactory(
            vergadering=g.vergadering,
            onderwerpen=[g.onderwerp],
            status=AgendapuntStatus.VOORGESTELD if i % 2 else AgendapuntStatus.GEAGENDEERD,
        )
        if not i % 2:
            BesluitFactory(agendapunt=punt)
    BezoekFactory.create_batch(n, wijk=g.wijk, werkbezoek=True, gehouden=True)

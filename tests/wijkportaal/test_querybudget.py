"""Query budgets: every key page renders in a fixed number of SQL queries, at most 15.

One test builds a small data set, renders each key page as the person who uses it and
counts the queries of the whole request (session, user and second-factor lookups
included); then it adds nine times as much of everything that a page lists or counts
(items, steps per item, attachments, agenda items, groups, vacancies, wards, meetings,
visits, contact moments) and counts again. The counts must be equal and within budget.

Run with ``-s`` to see the table of counts per page.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

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

pytestmark = pytest.mark.django_db

BUDGET = 15
SCHAAL = 10  # the large data set holds ten times the small one
#: Pages whose content does not depend on the amount of data (the rest must grow).
VAST = {"home"}


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


def _gemeente() -> Gemeente:
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


def _paginas(g: Gemeente) -> list[tuple[str, str, object]]:
    """(page, URL, person or None for signed out)."""
    lijst = reverse("initiatieven:lijst")
    wethouder = g.wijk.wijkwethouder
    adviseur = g.wijk.wijkadviseur
    return [
        ("home", reverse("home"), None),
        ("ward list", reverse("wijken:lijst"), None),
        ("ward page", reverse("wijken:wijk", args=[g.wijk.code]), None),
        ("item list", lijst, None),
        (
            "item list, filtered",
            f"{lijst}?wijk={g.wijk.pk}&status={Status.IN_BEHANDELING}&thema={g.thema.pk}",
            None,
        ),
        ("item list, searched", f"{lijst}?q=moestuin", None),
        ("item page", reverse("initiatieven:onderwerp", args=[g.onderwerp.pk]), None),
        ("item page (advisor)", reverse("initiatieven:onderwerp", args=[g.onderwerp.pk]), adviseur),
        ("werkvoorraad", reverse("initiatieven:werkvoorraad"), adviseur),
        ("triage", reverse("initiatieven:triage", args=[g.triage.pk]), adviseur),
        ("wijkdashboard", reverse("wijkdashboard_wijk", args=[g.wijk.code]), wethouder),
        ("wijkrapport", reverse("wijkrapport", args=[g.wijk.code]), wethouder),
        ("collegeoverzicht", reverse("collegeoverzicht"), g.collegelid),
        ("agenda (griffie)", reverse("contacten:agenda"), g.griffie),
        ("proposals (griffie)", reverse("initiatieven:agenda_griffie"), g.griffie),
        ("to the agenda (alderman)", reverse("initiatieven:agenderen"), wethouder),
        ("meetings (public)", reverse("contacten:vergaderingen"), None),
        ("meeting (public)", reverse("contacten:vergadering", args=[g.vergadering.pk]), None),
        ("vacancies", reverse("wijken:vacatures"), None),
        ("ward vacancies", reverse("wijken:wijk_vacatures", args=[g.wijk.code]), None),
        ("mijn inbreng", reverse("initiatieven:mijn_inbreng"), g.bewoner),
    ]


def _tellen(g: Gemeente) -> dict[str, tuple[int, int]]:
    """The number of queries of each key page's whole request, warm (a first request per
    person writes the session's last-seen time; a page counts as the people see it)."""
    clients: dict[object, Client] = {}
    tellingen = {}
    for naam, url, persoon in _paginas(g):
        if persoon not in clients:
            clients[persoon] = Client()
            if persoon is not None:
                clients[persoon].force_login(persoon)
        c = clients[persoon]
        assert c.get(url).status_code == 200, naam
        with CaptureQueriesContext(connection) as queries:
            response = c.get(url)
        assert response.status_code == 200, naam
        tellingen[naam] = (len(queries), len(response.content))
    return tellingen


def test_sleutelpaginas_binnen_querybudget_en_groeien_niet():
    g = _gemeente()
    vul(g, 1)
    klein = _tellen(g)
    vul(g, SCHAAL - 1)
    groot = _tellen(g)

    regels = [f"{'page':<24}{'small':>7}{'10x':>7}{'bytes small':>13}{'bytes 10x':>11}"]
    regels += [
        f"{n:<24}{klein[n][0]:>7}{groot[n][0]:>7}{klein[n][1]:>13}{groot[n][1]:>11}" for n in klein
    ]
    print(f"\nQueries per request (budget {BUDGET})\n" + "\n".join(regels))

    # The larger data set must show on the page, or the comparison proves nothing.
    niet_groter = [n for n in klein if groot[n][1] <= klein[n][1] and n not in VAST]
    assert not niet_groter, f"these pages do not show the larger data set: {niet_groter}"
    groeit = {n: (klein[n][0], groot[n][0]) for n in klein if klein[n][0] != groot[n][0]}
    te_veel = {n: groot[n][0] for n in groot if groot[n][0] > BUDGET}
    assert not groeit, f"query count grows with the data: {groeit}"
    assert not te_veel, f"over the budget of {BUDGET} queries: {te_veel}"

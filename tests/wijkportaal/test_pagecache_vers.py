"""A cached page is never stale.

Every page that holds a declared fragment (``wijken.pagecache``) is rendered as the
person who uses it; then a random sequence of real writes runs (service functions as the
views call them, the admin's own forms, a bulk ``QuerySet.update()`` as the retention
command does) and the clock is moved past the moments the fragments declare; after each
of them every page as the cache serves it is compared with a fresh render of it. Any
difference fails the test, naming the page, the person and the write.

The sequence is seeded (``STAPPEN`` steps, each write at least once): a failure names
its seed, and the same seed repeats it. Once inside the test's transaction (the writes
are seen through the transaction's own token) and once with real commits (the versions in
the database raised after each commit, as between servers).
"""

import datetime
import html.parser
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone
from shapely.geometry import box

from contacten import services as contacten_services
from contacten import services_bezoek, services_contactmomenten
from contacten.models import (
    Agendapunt,
    Collegeperiode,
    Orgaan,
    Vergadering,
)
from initiatieven import agenda, permissions, services
from initiatieven.bijlagen import controleer_bijlage
from initiatieven.keuzes import RolGemeente, Soort, Status
from initiatieven.models import Onderwerp, Thema
from meedenken.models import Meedenkvraag
from opendata.api.paginering import maak_cursor
from opendata.open311 import verzoeken
from tests.bestanden import PDF
from tests.contacten.factories import VergaderingFactory
from tests.factories import GebruikerFactory
from tests.meedenken.factories import MeedenkvraagFactory
from tests.wijkportaal.gemeente import gemeente, vul
from wijken import pagecache, volgen
from wijken import services as wijken_services
from wijken.models import (
    Bestuursfunctie,
    Bewonersgroep,
    Buurt,
    CacheVersion,
    Groepssoort,
    Kerncijfers,
    Overnemer,
    WijkraadStatus,
)

#: Steps of each run (writes and moves of the clock), after every write once.
STAPPEN = 40
#: A fixed start, a Monday morning: the same seed gives the same sequence.
BEGIN = datetime.datetime(2026, 12, 7, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Attachments written by the writes below go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _geen_api_limiet(settings):
    """The read API's lists are asked for many times from one address here: its rate
    limit (tested in tests/opendata) would answer 429 to the served and the fresh render."""
    settings.API_LIMIET = 10**9


@dataclass
class Wereld:
    """The municipality and the people whose pages are compared."""

    g: object
    adviseur: object
    wethouder: object
    beheerder: object
    andere_wijk: object
    gesloten_vraag: object = None
    open_vraag: object = None
    tweede_bewoner: object = None
    clients: dict = field(default_factory=dict)

    def client(self, gebruiker) -> Client:
        """A client for ``gebruiker``, signed in afresh on every call: the clock moves
        further than a session lives, and a page that sends both renders to the sign-in
        page would compare equal and prove nothing."""
        sleutel = getattr(gebruiker, "pk", None)
        if sleutel not in self.clients:
            self.clients[sleutel] = Client()
        client = self.clients[sleutel]
        if gebruiker is not None:
            client.force_login(gebruiker)
        return client


def _wereld() -> Wereld:
    from tests.meedenken.factories import BijeenkomstFactory, InbrengFactory

    g = gemeente()
    vul(g, 1)
    beheerder = GebruikerFactory(beheerder=True, tweede_factor=True)
    w = Wereld(
        g=g,
        adviseur=g.wijk.wijkadviseur,
        wethouder=g.wijk.wijkwethouder,
        beheerder=beheerder,
        andere_wijk=g.wijken[1],
        # Closed before the runs begin, so its feedback can be written at any step; its
        # public responses and results are on its page.
        gesloten_vraag=MeedenkvraagFactory(
            wijken=[g.wijk],
            open_vanaf=BEGIN - datetime.timedelta(days=20),
            sluit_op=BEGIN - datetime.timedelta(days=1),
            gepubliceerd_op=BEGIN - datetime.timedelta(days=20),
            terugkoppeling_voor=(BEGIN + datetime.timedelta(days=30)).date(),
            reacties_openbaar=True,
            opties=["Bomen", "Bankjes"],
        ),
        # Open through every run (the clock moves a few days a step), for responses, with
        # options, public responses and a ward meeting of two places in two days.
        open_vraag=MeedenkvraagFactory(
            wijken=[g.wijk],
            open_vanaf=BEGIN - datetime.timedelta(days=1),
            sluit_op=BEGIN + datetime.timedelta(days=400),
            gepubliceerd_op=BEGIN - datetime.timedelta(days=1),
            terugkoppeling_voor=(BEGIN + datetime.timedelta(days=450)).date(),
            reacties_openbaar=True,
            opties=["Speeltuin", "Moestuin", "Parkeren"],
        ),
        tweede_bewoner=GebruikerFactory(weergavenaam="Tweede Bewoner"),
    )
    BijeenkomstFactory(
        vraag=w.open_vraag,
        begint=BEGIN + datetime.timedelta(days=2),
        eindigt=BEGIN + datetime.timedelta(days=2, hours=2),
        max_deelnemers=2,
    )
    gegeven = InbrengFactory(
        vraag=w.gesloten_vraag, gebruiker=w.tweede_bewoner, toon_naam=True, openbaar=True
    )
    gegeven.keuzes.set([w.gesloten_vraag.opties.first()])
    return w


def paginas(w: Wereld) -> list[tuple[str, object, str]]:
    """(fragment, person, address) of every page with a declared fragment."""
    g = w.g
    lijst = reverse("initiatieven:lijst")
    api_onderwerpen = reverse("api-v1:onderwerpen")
    return [
        ("wijkzoeker", None, reverse("home")),
        ("publieke lijst", None, lijst),
        ("publieke lijst", None, f"{lijst}?wijk={g.wijk.pk}&soort=knelpunt"),
        ("publieke lijst", None, f"{lijst}?q=moestuin"),
        ("onderwerp voor bezoekers", None, g.onderwerp.get_absolute_url()),
        ("wijkpagina", None, g.wijk.get_absolute_url()),
        ("wijkpagina", w.adviseur, g.wijk.get_absolute_url()),
        ("wijkpagina", g.bewoner, w.andere_wijk.get_absolute_url()),
        ("wijkenlijst", None, reverse("wijken:lijst")),
        ("wijkenlijst", None, reverse("wijken:lijst") + "?q=wijk"),
        ("vacatures", None, reverse("wijken:vacatures")),
        ("vacatures", None, reverse("wijken:wijk_vacatures", kwargs={"code": g.wijk.code})),
        ("werkvoorraad", w.adviseur, reverse("initiatieven:werkvoorraad")),
        ("werkvoorraad", w.adviseur, reverse("initiatieven:werkvoorraad") + "?te_laat=on"),
        ("triage", w.adviseur, reverse("initiatieven:triage", args=[g.triage.pk])),
        ("triage", w.adviseur, reverse("initiatieven:triage", args=[g.onderwerp.pk])),
        ("mijn inbreng", g.bewoner, reverse("initiatieven:mijn_inbreng")),
        ("griffie", g.griffie, reverse("initiatieven:agenda_griffie")),
        ("wijkdashboard", w.wethouder, reverse("wijkdashboard_wijk", args=[g.wijk.code])),
        ("wijkdashboard", g.collegelid, reverse("wijkdashboard_wijk", args=[g.wijk.code])),
        ("collegeoverzicht", g.collegelid, reverse("collegeoverzicht")),
        # The Atom feeds (opendata.feeds): the same for everyone, compared signed out.
        ("feed onderwerpen", None, reverse("opendata:feed_onderwerpen")),
        ("feed soort", None, reverse("opendata:feed_soort", args=["knelpunt"])),
        ("feed wijk", None, reverse("opendata:feed_wijk", args=[g.wijk.code])),
        ("feed onderwerp", None, reverse("opendata:feed_onderwerp", args=[g.onderwerp.pk])),
        ("feed vergaderingen", None, reverse("opendata:feed_vergaderingen")),
        ("feed besluiten", None, reverse("opendata:feed_besluiten")),
        ("feed meedenken", None, reverse("opendata:feed_meedenken")),
        # The list of questions to the wards, whole and filtered on a state.
        ("meedenken lijst", None, reverse("meedenken:lijst")),
        ("meedenken lijst", g.bewoner, reverse("meedenken:lijst") + "?staat=open"),
        ("meedenken lijst", w.adviseur, reverse("meedenken:lijst") + f"?wijk={g.wijk.pk}"),
        # A question's page as the public, a respondent and an official who reads every
        # response (the internal variant), open and closed.
        ("meedenkvraag", None, w.open_vraag.get_absolute_url()),
        ("meedenkvraag", g.bewoner, w.open_vraag.get_absolute_url()),
        ("meedenkvraag", w.adviseur, w.open_vraag.get_absolute_url()),
        ("meedenkvraag reacties", None, w.gesloten_vraag.get_absolute_url()),
        ("meedenkvraag reacties", w.adviseur, w.gesloten_vraag.get_absolute_url()),
        ("meedenkvraag reacties", g.bewoner, w.gesloten_vraag.get_absolute_url() + "?page=2"),
        # Open311's request list: the default window (the last 90 days), and filtered.
        ("open311 verzoeken", None, reverse("opendata:open311_requests", args=["json"])),
        (
            "open311 verzoeken",
            None,
            reverse("opendata:open311_requests", args=["xml"]) + "?status=open",
        ),
        # The read API's lists: the first page, filtered, and a page further on a cursor.
        ("api onderwerpen", None, reverse("api-v1:onderwerpen")),
        ("api onderwerpen", None, f"{api_onderwerpen}?soort=knelpunt&wijk={g.wijk.code}"),
        (
            "api onderwerpen",
            None,
            f"{api_onderwerpen}?limit=3&cursor={maak_cursor('onderwerpen', g.onderwerp.pk + 1)}",
        ),
        ("api wijken", None, reverse("api-v1:wijken") + "?q=wijk"),
        (
            "api wijken",
            None,
            reverse("api-v1:wijken") + f"?limit=2&cursor={maak_cursor('wijken', g.wijk.code)}",
        ),
        ("api vergaderingen", None, reverse("api-v1:vergaderingen")),
        ("api vergaderingen", None, reverse("api-v1:vergaderingen") + "?orgaan=college"),
        ("api besluiten", None, reverse("api-v1:besluiten")),
        (
            "api besluiten",
            None,
            reverse("api-v1:besluiten") + f"?cursor={maak_cursor('besluiten', 10**9)}",
        ),
        ("api meedenkvragen", None, reverse("api-v1:meedenkvragen") + "?staat=open"),
        (
            "api meedenkvragen",
            None,
            reverse("api-v1:meedenkvragen")
            + f"?wijk={g.wijk.code}&cursor={maak_cursor('meedenkvragen', 10**9)}",
        ),
    ]


_PER_VERZOEK = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'nonce="[^"]*"'),
]


def _zonder_per_verzoek(tekst: str) -> str:
    """The page without what differs on every request by design (CSRF tokens, nonces)."""
    for patroon in _PER_VERZOEK:
        tekst = patroon.sub("", tekst)
    return tekst


def vergelijk(w: Wereld, wat: str) -> None:
    """Every page as served (cache allowed) equals its fresh render."""
    for naam, persoon, adres in paginas(w):
        client = w.client(persoon)
        geserveerd = client.get(adres)
        with pagecache.disabled():
            vers = client.get(adres)
        assert geserveerd.status_code == vers.status_code, (naam, adres, wat)
        # A page is compared as the person sees it, not as a redirect to signing in.
        assert persoon is None or geserveerd.status_code == 200, (naam, adres, wat)
        a, b = (
            _zonder_per_verzoek(geserveerd.content.decode()),
            _zonder_per_verzoek(vers.content.decode()),
        )
        if a != b:
            pytest.fail(
                f"stale page {naam!r} ({adres}, as {persoon}) after: {wat}\n{_verschil(a, b)}"
            )


def _verschil(a: str, b: str) -> str:
    import difflib

    regels = difflib.unified_diff(
        a.splitlines(), b.splitlines(), "served", "fresh", n=1, lineterm=""
    )
    return "\n".join(list(regels)[:40])


# --- the writes --------------------------------------------------------------------------


def _open_onderwerpen(w: Wereld):
    return list(
        Onderwerp.objects.filter(wijk__in=[w.g.wijk, w.andere_wijk])
        .exclude(status__in=[Status.CONCEPT, Status.AFGEROND, Status.NIET_MOGELIJK])
        .exclude(status=Status.INGETROKKEN)
        .order_by("pk")
    )


def stap_workflow(w: Wereld, rnd: random.Random) -> str | None:
    kandidaten = []
    for onderwerp in _open_onderwerpen(w):
        for door in (onderwerp.wijk.wijkadviseur, onderwerp.wijk.wijkwethouder):
            for regel in permissions.toegestane_overgangen(door, onderwerp):
                if not regel.via_agenda and regel.naar != Status.INGETROKKEN:
                    kandidaten.append((onderwerp, door, regel))
    if not kandidaten:
        return None
    onderwerp, door, regel = rnd.choice(kandidaten)
    services.onderwerp_overgang(
        onderwerp=onderwerp,
        naar=regel.naar,
        door=door,
        toelichting="Toelichting bij de stap.",
        notitie="Richting voor de uitvoering.",
        resultaat="Het is gelukt.",
        advies="Advies aan de wethouder.",
        herbezien_op=timezone.localdate() + datetime.timedelta(days=rnd.randint(0, 3)),
    )
    return f"workflow step {regel.code} of item {onderwerp.pk}"


def screenen(w: Wereld, rnd: random.Random) -> str:
    onderwerp = rnd.choice(_open_onderwerpen(w))
    openbaar = rnd.random() < 0.7
    services.onderwerp_screenen(
        onderwerp=onderwerp,
        door=onderwerp.wijk.wijkadviseur,
        versie=None,
        openbaar=openbaar,
        publieke_titel=rnd.choice(["", f"Openbare titel {rnd.randint(1, 99)}"]),
        niet_openbaar_reden="" if openbaar else "Bevat persoonlijke gegevens.",
    )
    return f"screening of item {onderwerp.pk} (public: {openbaar})"


def rol(w: Wereld, rnd: random.Random) -> str:
    onderwerp = rnd.choice(_open_onderwerpen(w))
    services.onderwerp_rol_vastleggen(
        onderwerp=onderwerp,
        door=onderwerp.wijk.wijkadviseur,
        versie=None,
        rol_gemeente=rnd.choice(RolGemeente.values),
        rol_toelichting="Zo pakken we het aan.",
        kansrijk=rnd.random() < 0.5,
    )
    return f"role of item {onderwerp.pk}"


def bericht(w: Wereld, rnd: random.Random) -> str:
    onderwerp = rnd.choice(_open_onderwerpen(w))
    openbaar = rnd.random() < 0.5
    services.bericht_plaatsen(
        onderwerp=onderwerp,
        door=onderwerp.wijk.wijkadviseur,
        tekst="Een bericht.",
        openbaar=openbaar,
    )
    return f"message on item {onderwerp.pk} (public: {openbaar})"


def actie(w: Wereld, rnd: random.Random) -> str:
    onderwerp = rnd.choice(_open_onderwerpen(w))
    if rnd.random() < 0.5 and onderwerp.acties.exists():
        gevonden = onderwerp.acties.order_by("pk").first()
        services.actie_afvinken(
            actie=gevonden, door=onderwerp.wijk.wijkadviseur, gedaan=not gevonden.gedaan
        )
        return f"action {gevonden.pk} ticked"
    services.actie_toevoegen(
        onderwerp=onderwerp,
        door=onderwerp.wijk.wijkadviseur,
        omschrijving="Bankje plaatsen",
        eigenaar="Buitendienst",
        deadline=timezone.localdate() + datetime.timedelta(days=rnd.randint(-1, 2)),
    )
    return f"action added to item {onderwerp.pk}"


def indienen(w: Wereld, rnd: random.Random) -> str:
    wijk = rnd.choice([w.g.wijk, w.andere_wijk])
    onderwerp, _nieuw = services.onderwerp_opslaan(
        indiener=w.g.bewoner,
        gegevens={
            "soort": rnd.choice(Soort.values),
            "titel": f"Moestuin bij school {rnd.randint(1, 999)}",
            "beschrijving": "Samen met de buren een moestuin aanleggen.",
            "wijk": wijk,
            "thema": w.g.thema,
            "toon_naam": rnd.random() < 0.5,
        },
        indienen=rnd.random() < 0.8,
    )
    return f"submission {onderwerp.pk} in {wijk.code}"


def concept_verwijderen(w: Wereld, rnd: random.Random) -> str | None:
    concept = Onderwerp.objects.filter(indiener=w.g.bewoner, status=Status.CONCEPT).first()
    if concept is None:
        return None
    services.concept_verwijderen(onderwerp=concept, door=w.g.bewoner)
    return f"draft {concept.pk} deleted"


def agenderen(w: Wereld, rnd: random.Random) -> str | None:
    bij_wethouder = list(
        Onderwerp.objects.filter(wijk=w.g.wijk, status=Status.BIJ_WIJKWETHOUDER).order_by("pk")
    )
    vergadering = (
        Vergadering.objects.filter(orgaan=Orgaan.COLLEGE, begin__gt=timezone.now())
        .order_by("begin")
        .first()
    )
    if not bij_wethouder or vergadering is None:
        return None
    punt = agenda.agenda_voorstellen(
        door=w.wethouder,
        onderwerpen=bij_wethouder[:1],
        vergadering=vergadering,
        titel="Voorstel uit de wijk",
        toelichting="De wijk vraagt om een besluit.",
    )
    if rnd.random() < 0.7:
        agenda.voorstel_accepteren(agendapunt=punt, door=w.g.griffie)
    return f"agenda item {punt.pk} proposed"


def _ter_besluit(w: Wereld) -> Agendapunt:
    """An accepted agenda item carrying an item of the main ward, whose meeting has begun:
    made through the workflow when there is none (escalated by the advisor, proposed by
    the alderman, accepted by the griffie, the meeting moved to an hour ago)."""
    punt = (
        Agendapunt.objects.zonder_besluit()
        .filter(onderwerpen__status=Status.GEAGENDEERD_COLLEGE)
        .first()
    )
    if punt is not None:
        return punt
    onderwerp = Onderwerp.objects.filter(wijk=w.g.wijk, status=Status.BIJ_WIJKWETHOUDER).first()
    if onderwerp is None:
        onderwerp, _nieuw = services.onderwerp_opslaan(
            indiener=w.g.bewoner,
            gegevens={
                "soort": Soort.KNELPUNT,
                "titel": "Oversteek bij de school",
                "beschrijving": "Gevaarlijk voor kinderen.",
                "wijk": w.g.wijk,
                "thema": w.g.thema,
            },
            indienen=True,
        )
        for naar in (Status.IN_BEHANDELING, Status.BIJ_WIJKWETHOUDER):
            onderwerp = services.onderwerp_overgang(
                onderwerp=onderwerp,
                naar=naar,
                door=w.adviseur,
                toelichting="Op weg naar de wethouder.",
                advies="Graag agenderen.",
            )
    vergadering = VergaderingFactory(orgaan=Orgaan.COLLEGE)
    punt = agenda.agenda_voorstellen(
        door=w.wethouder,
        onderwerpen=[onderwerp],
        vergadering=vergadering,
        titel="Oversteek bij de school",
        toelichting="De wijk vraagt om een besluit.",
    )
    agenda.voorstel_accepteren(agendapunt=punt, door=w.g.griffie)
    contacten_services.vergadering_opslaan(
        door=w.g.griffie,
        orgaan=vergadering.orgaan,
        begin=timezone.now() - datetime.timedelta(hours=1),
        locatie=vergadering.locatie,
        vergadering=vergadering,
    )
    return punt


def besluiten(w: Wereld, rnd: random.Random) -> str:
    """Record a decision, with a commitment to the ward, on an agenda item."""
    punt = _ter_besluit(w)
    agenda.besluit_vastleggen(
        agendapunt=punt,
        door=w.g.griffie,
        resultaat=rnd.choice(["aangenomen", "afgewezen", "terug_naar_wijk"]),
        toelichting="Het college heeft besloten.",
        toezeggingen=[
            {
                "omschrijving": "Het college komt terug in de wijk.",
                "verantwoordelijke": "Wethouder",
                "datum": timezone.localdate() + datetime.timedelta(days=30),
            }
        ],
    )
    return f"decision on agenda item {punt.pk}"


def vergadering_verzetten(w: Wereld, rnd: random.Random) -> str:
    vergadering = rnd.choice(list(Vergadering.objects.order_by("pk")))
    begin = timezone.now() + datetime.timedelta(hours=rnd.choice([-30, 2, 26, 50]))
    contacten_services.vergadering_opslaan(
        door=w.g.griffie,
        orgaan=vergadering.orgaan,
        begin=begin,
        locatie="Raadzaal",
        vergadering=vergadering,
    )
    return f"meeting {vergadering.pk} moved to {begin:%Y-%m-%d %H:%M}"


def bezoek(w: Wereld, rnd: random.Random) -> str:
    wijk = rnd.choice([w.g.wijk, w.andere_wijk])
    gepland = services_bezoek.bezoek_plannen(
        door=wijk.wijkadviseur,
        wijk=wijk,
        soort="werkbezoek",
        datum=timezone.localdate() + datetime.timedelta(days=rnd.randint(0, 2)),
        dagdeel=rnd.choice(["ochtend", "middag", "avond"]),
        locatie="Buurthuis",
    )
    return f"visit {gepland.pk} planned in {wijk.code}"


def contactmoment(w: Wereld, rnd: random.Random) -> str:
    wijk = w.g.wijk
    groep = Bewonersgroep.objects.filter(wijk=wijk).order_by("?").first()
    moment = services_contactmomenten.contactmoment_vastleggen(
        door=wijk.wijkadviseur,
        wijk=wijk,
        groep=groep,
        datum=timezone.localdate(),
        vorm="gesprek",
        medewerker=wijk.wijkadviseur,
        onderwerp="Overleg over de speeltuin",
    )
    return f"contact moment {moment.pk}"


def groep(w: Wereld, rnd: random.Random) -> str:
    wijk = rnd.choice([w.g.wijk, w.andere_wijk])
    groep = wijken_services.bewonersgroep_aanmaken(
        wijk=wijk,
        door=wijk.wijkadviseur,
        naam=f"Buurtvereniging {rnd.randint(1, 999)}",
        soort=Groepssoort.BUURTVERENIGING,
    )
    return f"group {groep.pk} in {wijk.code}"


def zetel(w: Wereld, rnd: random.Random) -> str:
    wijk = rnd.choice([w.g.wijk, w.andere_wijk])
    groep = Bewonersgroep.objects.filter(wijk=wijk).order_by("pk").first()
    bestaand = groep.functies.order_by("pk").first()
    if bestaand is None or rnd.random() < 0.5:
        nieuw = wijken_services.bestuursfunctie_aanmaken(
            groep=groep,
            door=wijk.wijkadviseur,
            functie="lid",
            is_vacant=True,
            vacaturetekst="Wie helpt mee?",
        )
        return f"vacant seat {nieuw.pk} in group {groep.pk}"
    wijken_services.bestuursfunctie_bijwerken(
        functie=bestaand,
        door=wijk.wijkadviseur,
        soort=bestaand.functie,
        is_vacant=not bestaand.is_vacant,
        naam="Jan Jansen",
        vacaturetekst="Wie helpt mee?",
    )
    return f"seat {bestaand.pk} vacant/filled"


def _terugvalregeling(w: Wereld, raad) -> None:
    wijken_services.terugvalregeling_vastleggen(
        groep=raad,
        door=w.adviseur,
        ingang=timezone.localdate(),
        aanspreekpunt=Overnemer.OPBOUWWERKER,
        taken=[wijken_services.TaakOvername(taak="Wijkschouw", overnemer=Overnemer.WIJKADVISEUR)],
    )


def wijkraad(w: Wereld, rnd: random.Random) -> str:
    """The main ward's council: a stopped one first gets its fallback arrangement changed
    (tasks and all) and then starts again; a running one changes status, and when it
    stops its arrangement is recorded."""
    raad = Bewonersgroep.objects.filter(wijk=w.g.wijk, soort=Groepssoort.WIJKRAAD).first()
    if raad.wijkraad_status == WijkraadStatus.GESTOPT:
        _terugvalregeling(w, raad)
    naar = rnd.choice(
        [
            s
            for s in (WijkraadStatus.ACTIEF, WijkraadStatus.ONVOLLEDIG, WijkraadStatus.GESTOPT)
            if s != raad.wijkraad_status
        ]
    )
    wijken_services.wijkraad_status_vastleggen(groep=raad, status=naar, door=w.adviseur)
    if naar == WijkraadStatus.GESTOPT:
        _terugvalregeling(w, raad)
    return f"ward council {raad.pk} now {naar}"


def professional(w: Wereld, rnd: random.Random) -> str:
    wijk = rnd.choice([w.g.wijk, w.andere_wijk])
    bestaand = wijk.professionals.order_by("pk").first()
    if bestaand is None or rnd.random() < 0.5:
        nieuw = wijken_services.wijkprofessional_aanmaken(
            wijk=wijk,
            door=wijk.wijkadviseur,
            naam="Sanne Smit",
            rol="Wijkagent",
            email="wijkagent@example.org",
        )
        return f"professional {nieuw.pk} in {wijk.code}"
    wijken_services.wijkprofessional_bijwerken(
        professional=bestaand, door=wijk.wijkadviseur, naam=f"Sanne {rnd.randint(1, 99)}"
    )
    return f"professional {bestaand.pk} changed"


def volgen_en_interesse(w: Wereld, rnd: random.Random) -> str:
    if rnd.random() < 0.5:
        volgen.volger_opslaan(gebruiker=w.g.bewoner, wijk=w.andere_wijk, frequentie="direct")
        return "resident follows another ward"
    zetel = Bestuursfunctie.objects.vacatures().first()
    wijken_services.interesse_melden(
        functie=zetel, gebruiker=GebruikerFactory(), bericht="Ik wil wel."
    )
    return f"interest in seat {zetel.pk}"


def bulk_update(w: Wereld, rnd: random.Random) -> str:
    """A write no signal reports, as the retention command makes."""
    aantal = Onderwerp.objects.filter(wijk=w.g.wijk, openbaar=True).update(
        publieke_beschrijving=f"Bijgewerkt {rnd.randint(1, 999)}"
    )
    return f"QuerySet.update() of {aantal} items"


class _Formulier(html.parser.HTMLParser):
    """The named fields of the admin's change form, with the values it shows."""

    def __init__(self):
        super().__init__()
        self.velden: list[tuple[str, str]] = []
        self._select = self._textarea = None
        self._tekst = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type") in ("submit", "button", "file"):
                return
            self.velden.append(
                (a["name"], a.get("value", "on" if a.get("type") == "checkbox" else ""))
            )
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.velden.append((self._select, a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._tekst = a["name"], []

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.velden.append((self._textarea, "".join(self._tekst)))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._tekst.append(data)


def _beheer(w: Wereld, obj, **wijzigingen) -> None:
    """Change ``obj`` through the admin's own change form, as the beheerder does."""
    client = w.client(w.beheerder)
    meta = obj._meta
    adres = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    formulier = _Formulier()
    formulier.feed(client.get(adres).content.decode())
    data: dict[str, list[str]] = {}
    for naam, waarde in formulier.velden:
        data.setdefault(naam, []).append(waarde)
    for naam, waarde in wijzigingen.items():
        data[naam] = [waarde]
    data.pop("_addanother", None)
    data.pop("_continue", None)
    antwoord = client.post(adres, data)
    assert antwoord.status_code == 302, (adres, antwoord.content.decode()[:3000])


def beheer_wijk(w: Wereld, rnd: random.Random) -> str:
    wijk = rnd.choice([w.g.wijk, w.andere_wijk])
    _beheer(w, wijk, naam=f"Wijk {rnd.randint(1, 999)}")
    return f"admin: ward {wijk.code} renamed"


def beheer_thema(w: Wereld, rnd: random.Random) -> str:
    if rnd.random() < 0.3:
        thema = Thema.objects.create(naam=f"Nieuw thema {rnd.randint(1, 999)}")
        return f"theme {thema.pk} added"
    _beheer(w, w.g.thema, naam=f"Thema {rnd.randint(1, 999)}")
    return "admin: theme renamed"


def beheer_persoon(w: Wereld, rnd: random.Random) -> str:
    persoon = rnd.choice([w.adviseur, w.g.bewoner, w.wethouder])
    _beheer(w, persoon, weergavenaam=f"Persoon {rnd.randint(1, 999)}")
    return f"admin: person {persoon.pk} renamed"


def beheer_buurt(w: Wereld, rnd: random.Random) -> str:
    buurt = Buurt.objects.filter(wijk=w.g.wijk).order_by("pk").first()
    _beheer(w, buurt, naam=f"Buurt {rnd.randint(1, 999)}")
    return f"admin: neighbourhood {buurt.pk} renamed"


def buurtgrens(w: Wereld, rnd: random.Random) -> str:
    """A new boundary for a neighbourhood of either ward, as an import of CBS's map
    writes it (the ward page draws it)."""
    buurt = rnd.choice(list(Buurt.objects.filter(wijk__in=[w.g.wijk, w.andere_wijk])))
    x, y = 155_000 + rnd.randint(0, 4000), 463_000 + rnd.randint(0, 4000)
    vlak = box(x, y, x + rnd.randint(100, 900), y + rnd.randint(100, 900))
    wijken_services.buurtgrenzen_opslaan(grenzen_per_buurt={buurt: vlak})
    return f"boundary of neighbourhood {buurt.pk}"


def beheer_kerncijfers(w: Wereld, rnd: random.Random) -> str:
    cijfers = Kerncijfers.objects.filter(buurt__wijk=w.g.wijk).order_by("pk").first()
    _beheer(w, cijfers, aantal_inwoners=str(rnd.randint(100, 9999)))
    return f"admin: key figures {cijfers.pk} changed"


def beheer_collegeperiode(w: Wereld, rnd: random.Random) -> str:
    periode = Collegeperiode.objects.order_by("-begin").first()
    _beheer(w, periode, naam=f"College {rnd.randint(1, 99)}")
    return f"admin: college term {periode.pk} renamed"


def bijlage(w: Wereld, rnd: random.Random) -> str:
    """A submission with an attachment (a PDF), as the form stores it."""
    bestand = SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")
    onderwerp, _nieuw = services.onderwerp_opslaan(
        indiener=w.g.bewoner,
        gegevens={
            "soort": Soort.INITIATIEF,
            "titel": "Plan met bijlage",
            "beschrijving": "Zie de bijlage.",
            "wijk": w.g.wijk,
            "thema": w.g.thema,
        },
        bijlagen=[controleer_bijlage(bestand)],
        indienen=True,
    )
    services.onderwerp_screenen(onderwerp=onderwerp, door=w.adviseur, versie=None, openbaar=True)
    return f"submission {onderwerp.pk} with an attachment, published"


# --- meedenken: a question to the ward drafted, or a draft published (the ward page; the
# item page of an item that led to it); feedback naming an item written or published ---


def meedenkvraag(w: Wereld, rnd: random.Random) -> str:
    from initiatieven.models import Thema
    from meedenken import services as meedenken_services
    from meedenken.models import Meedenkvraag

    concept = Meedenkvraag.objects.concepten().order_by("pk").first()
    if concept is None or rnd.random() < 0.4:
        nu = timezone.now()
        onderwerp = Onderwerp.objects.openbaar().filter(pk=w.g.onderwerp.pk)
        vraag = meedenken_services.meedenkvraag_opslaan(
            door=w.adviseur,
            gegevens={
                "titel": f"Meedenken {rnd.randint(1, 999)}",
                "vraag": "Wat vindt u?",
                "achtergrond": "Achtergrond.",
                "thema": Thema.objects.first(),
                "open_vanaf": nu,
                "sluit_op": nu + datetime.timedelta(days=400),
                "terugkoppeling_voor": timezone.localdate(nu) + datetime.timedelta(days=500),
            },
            wijken=[w.g.wijk],
            # The compared item page lists the question once it is published.
            aanleiding=list(onderwerp),
        )
        return f"question {vraag.pk} drafted, led to by {len(onderwerp)} compared item"
    meedenken_services.meedenkvraag_publiceren(vraag=concept, door=w.adviseur)
    return f"question {concept.pk} published"


def terugkoppeling(w: Wereld, rnd: random.Random) -> str | None:
    """Feedback on the ward's closed question written, naming the compared item as one that
    came out of it, or published: only then does the item page list the question."""
    from meedenken import services as meedenken_services

    vraag = w.gesloten_vraag
    bestaand = getattr(type(vraag).objects.get(pk=vraag.pk), "terugkoppeling", None)
    if bestaand is None or bestaand.gepubliceerd_op is None and rnd.random() < 0.3:
        onderwerp = Onderwerp.objects.openbaar().filter(pk=w.g.onderwerp.pk)
        meedenken_services.terugkoppeling_opslaan(
            vraag=vraag,
            door=w.adviseur,
            gegevens={
                "samenvatting": f"Gezegd {rnd.randint(1, 999)}",
                "besluit": "Besloten.",
                "waarom": "Daarom.",
            },
            onderwerpen=list(onderwerp),
        )
        return f"feedback on question {vraag.pk} written, naming {len(onderwerp)} compared item"
    if bestaand.gepubliceerd_op is not None:
        return None
    meedenken_services.terugkoppeling_publiceren(vraag=vraag, door=w.adviseur)
    return f"feedback on question {vraag.pk} published"


def _pdf(naam: str) -> dict:
    return controleer_bijlage(SimpleUploadedFile(naam, PDF, content_type="application/pdf"))


def inbreng(w: Wereld, rnd: random.Random) -> str:
    """A resident responds to the ward's open question, or changes their response: a
    text, a choice of its options, shown by name or not, sometimes with an attachment (the
    list of questions counts the responses; the question page shows them once screened,
    and the results to its officials)."""
    from meedenken import services as meedenken_services
    from meedenken.models import Inbrengbijlage

    door = rnd.choice([w.g.bewoner, w.tweede_bewoner])
    opties = list(w.open_vraag.opties.all())
    eerder = Inbrengbijlage.objects.filter(inbreng__vraag=w.open_vraag).exists()
    gegeven, nieuw = meedenken_services.inbreng_opslaan(
        vraag=w.open_vraag,
        door=door,
        tekst=f"Reactie {rnd.randint(1, 999)}",
        keuzes=rnd.sample(opties, 1),
        toon_naam=rnd.random() < 0.5,
        # Always the first time, so that every run writes an attachment of a response.
        bijlage=_pdf("reactie.pdf") if rnd.random() < 0.4 or not eerder else None,
    )
    return f"response {gegeven.pk} {'given' if nieuw else 'changed'} on question {w.open_vraag.pk}"


def inbreng_screenen(w: Wereld, rnd: random.Random) -> str | None:
    """The advisor publishes a response to the open question, or keeps it non-public."""
    from meedenken import services as meedenken_services
    from meedenken.models import Inbreng

    gegeven = list(Inbreng.objects.filter(vraag=w.open_vraag).order_by("pk"))
    if not gegeven:
        return None
    gekozen, openbaar = rnd.choice(gegeven), rnd.random() < 0.7
    meedenken_services.inbreng_beoordelen(inbreng=gekozen, door=w.adviseur, openbaar=openbaar)
    return f"response {gekozen.pk} screened (public: {openbaar})"


def aanmelding(w: Wereld, rnd: random.Random) -> str | None:
    """A resident registers for the open question's meeting, or cancels (two places: it
    can be full)."""
    from meedenken import services as meedenken_services

    door = rnd.choice([w.g.bewoner, w.tweede_bewoner, GebruikerFactory()])
    if rnd.random() < 0.3:
        weg = meedenken_services.afmelden(vraag=w.open_vraag, door=door)
        return f"registration cancelled ({weg})"
    try:
        _aanmelding, nieuw = meedenken_services.aanmelden(vraag=w.open_vraag, door=door)
    except meedenken_services.Ongeldig as fout:
        return f"registration refused: {fout}"
    return f"registered for the meeting (new: {nieuw})"


def bijeenkomst(w: Wereld, rnd: random.Random) -> str:
    """The advisor changes the open question's meeting: its place, its places."""
    from meedenken import services as meedenken_services

    meedenken_services.bijeenkomst_opslaan(
        vraag=w.open_vraag,
        door=w.adviseur,
        gegevens={"plaats": f"Buurthuis {rnd.randint(1, 99)}", "max_deelnemers": rnd.randint(1, 3)},
    )
    return "meeting changed"


def vraagbijlage(w: Wereld, rnd: random.Random) -> str:
    """The advisor adds an attachment to the open question, or removes one."""
    from meedenken import services as meedenken_services

    vraag = Meedenkvraag.objects.get(pk=w.open_vraag.pk)
    bestaand = list(vraag.bijlagen.values_list("pk", flat=True))
    weg = bestaand[:1] if bestaand and rnd.random() < 0.4 else []
    meedenken_services.meedenkvraag_opslaan(
        door=w.adviseur,
        gegevens={},
        wijken=list(vraag.wijken.all()),
        aanleiding=list(vraag.aanleiding.all()),
        bijlagen=[] if weg else [_pdf(f"plan-{rnd.randint(1, 99)}.pdf")],
        bijlagen_weg=weg,
        vraag=vraag,
    )
    return f"attachment of question {vraag.pk} {'removed' if weg else 'added'}"


SCHRIJVEN = [
    meedenkvraag,
    terugkoppeling,
    inbreng,
    inbreng_screenen,
    aanmelding,
    bijeenkomst,
    vraagbijlage,
    stap_workflow,
    screenen,
    rol,
    bericht,
    actie,
    indienen,
    concept_verwijderen,
    agenderen,
    besluiten,
    vergadering_verzetten,
    bezoek,
    contactmoment,
    groep,
    zetel,
    wijkraad,
    professional,
    volgen_en_interesse,
    bulk_update,
    bijlage,
    beheer_wijk,
    beheer_thema,
    beheer_persoon,
    beheer_buurt,
    buurtgrens,
    beheer_kerncijfers,
    beheer_collegeperiode,
]


# --- the clock ---------------------------------------------------------------------------


def _tijd(reis, rnd: random.Random) -> str:
    """Move the clock: a little, past the next midnight, past the next moment an agenda
    item becomes one to record, or past the moment Open311's default window of 90 days
    lets go of the oldest request it lists, past the next moment a question to the
    wards opens or closes, or past the start of the next ward meeting of a question."""
    keuze = rnd.randint(0, 6)
    nu = timezone.now()
    if keuze == 0:
        doel = nu + datetime.timedelta(minutes=rnd.randint(1, 50))
    elif keuze == 1:
        doel = pagecache.next_midnight({}) + datetime.timedelta(seconds=1)
    elif keuze == 2:
        moment = Agendapunt.objects.volgend_besluitmoment()
        doel = (moment or nu + datetime.timedelta(hours=3)) + datetime.timedelta(seconds=1)
    elif keuze == 3:
        doel = nu + datetime.timedelta(days=rnd.randint(1, 3), hours=rnd.randint(0, 23))
    elif keuze == 4:
        moment = verzoeken.zoeken({}).venster_verschuift
        doel = (moment or nu + datetime.timedelta(hours=3)) + datetime.timedelta(seconds=1)
    elif keuze == 5:
        moment = Meedenkvraag.objects.volgende_wissel()
        doel = (moment or nu + datetime.timedelta(hours=3)) + datetime.timedelta(seconds=1)
    else:
        from meedenken.models import Bijeenkomst

        begint = Bijeenkomst.objects.filter(begint__gt=nu).order_by("begint").first()
        doel = (begint.begint if begint else nu + datetime.timedelta(hours=3)) + (
            datetime.timedelta(seconds=1)
        )
    reis.move_to(doel)
    return f"clock moved to {timezone.localtime(doel):%Y-%m-%d %H:%M}"


def _loop(w: Wereld, seed: int, stappen: int) -> None:
    rnd = random.Random(seed)
    with time_machine.travel(BEGIN, tick=False) as reis:
        vergelijk(w, "nothing (the first render)")
        voor = pagecache.stats.copy()
        vergelijk(w, "nothing (served from the cache)")
        # Every page came from the cache the second time, or the comparison proves nothing.
        treffers = {naam for (soort, naam), n in (pagecache.stats - voor).items() if soort == "hit"}
        assert treffers == {naam for naam, _p, _a in paginas(w)}
        volgorde = list(SCHRIJVEN)
        rnd.shuffle(volgorde)
        while len(volgorde) < stappen:
            volgorde.append(rnd.choice([*SCHRIJVEN, _tijd, _tijd]))
        for i, schrijf in enumerate(volgorde):
            if schrijf is _tijd:
                wat = _tijd(reis, rnd)
            else:
                wat = schrijf(w, rnd) or f"nothing to do for {schrijf.__name__}"
            vergelijk(w, f"step {i} of seed {seed}: {wat}")


@pytest.mark.django_db
def test_geen_gecachte_pagina_is_ooit_oud():
    w = _wereld()
    _loop(w, seed=20261207, stappen=STAPPEN)


@pytest.mark.django_db(transaction=True)
def test_geen_gecachte_pagina_is_oud_na_echte_commits():
    """The same with real commits: the versions in the database are raised after each
    transaction, not seen through a transaction's token."""
    w = _wereld()
    assert not connection.in_atomic_block
    _loop(w, seed=7, stappen=len(SCHRIJVEN) + 4)


def test_elk_fragment_staat_in_de_vergelijking():
    """A fragment declared anywhere in the portal is compared above; a new one without a
    page here fails."""
    assert get_resolver().url_patterns  # every view module loaded, with its declarations
    gedeclareerd = {n for n in pagecache.fragments() if not n.startswith("test ")}
    vergeleken = {naam for naam, _p, _a in paginas(_Leeg())}
    assert gedeclareerd == vergeleken, (
        f"declared but not compared: {sorted(gedeclareerd - vergeleken)}; "
        f"compared but not declared: {sorted(vergeleken - gedeclareerd)}"
    )


class _Leeg:
    """Stands in for a world where only the names of the pages matter."""

    def __getattr__(self, naam):
        return _Leeg()

    def get_absolute_url(self):
        return "/"

    pk = 1
    code = "WK000001"

    def __getitem__(self, i):
        return _Leeg()


#: Where caching is allowed outside the page cache: rate-limit counters (wijken.snelheid),
#: and the menu's URLs reversed once per process (a function of the code, not of data).
_ANDERE_CACHE = {Path("wijken/snelheid.py"), Path("wijkportaal/navigation.py")}


#: The page cache itself.
PAGECACHE = ("wijken", "pagecache")


def test_er_wordt_nergens_anders_gecacht():
    """No template caches with ``{% cache %}``, no module of the portal reads or writes a
    cache itself: every cached piece is a declared fragment."""
    basis = Path(settings.BASE_DIR)
    fouten = []
    for sjabloon in (basis / "templates").rglob("*.html"):
        tekst = sjabloon.read_text()
        if re.search(r"{%\s*(load\s+[^%]*\bcache\b|cache\s)", tekst):
            fouten.append(str(sjabloon.relative_to(basis)))
    for app in ("wijken", "contacten", "initiatieven", "wijkportaal"):
        for module in (basis / app).rglob("*.py"):
            pad = module.relative_to(basis)
            if pad in _ANDERE_CACHE or "migrations" in pad.parts or pad.parts[:2] == PAGECACHE:
                continue
            tekst = module.read_text()
            if re.search(
                r"from django\.core\.cache import|import django\.core\.cache|cache_page"
                r"|lru_cache|functools\.cache|@cache\b",
                tekst,
            ):
                fouten.append(str(pad))
    assert not fouten, f"caching outside wijken.pagecache: {fouten}"


def _uit_cache(client, adres: str) -> bool:
    """GET ``adres``: whether its fragment was served from the cache."""
    voor = pagecache.stats.copy()
    assert client.get(adres).status_code == 200, adres
    verschil = pagecache.stats - voor
    return any(soort == "hit" for soort, _naam in verschil) and not any(
        soort == "miss" for soort, _naam in verschil
    )


@pytest.mark.django_db(transaction=True)
def test_een_stap_in_een_wijk_laat_andere_wijken_en_mensen_in_de_cache():
    """With real commits: a workflow step on an item of ward A misses only the pages that
    show it; ward B's pages and the pages of people it does not concern stay cached."""
    w = _wereld()
    a, b = w.g.wijk, w.andere_wijk
    ander = GebruikerFactory()
    eigen_b = Onderwerp.objects.filter(wijk=b).exclude(status=Status.CONCEPT).first()
    eigen_b.indiener = ander
    eigen_b.save()
    onderwerp = Onderwerp.objects.filter(wijk=a, status=Status.INGEDIEND).first()
    overig = (
        Onderwerp.objects.filter(wijk=a)
        .exclude(pk=onderwerp.pk)
        .exclude(status=Status.CONCEPT)
        .first()
    )
    blijft = [
        (None, b.get_absolute_url()),
        (b.wijkadviseur, reverse("initiatieven:werkvoorraad")),
        (b.wijkadviseur, reverse("initiatieven:triage", args=[eigen_b.pk])),
        (b.wijkwethouder, reverse("wijkdashboard_wijk", args=[b.code])),
        (ander, reverse("initiatieven:mijn_inbreng")),
        (w.adviseur, reverse("initiatieven:triage", args=[overig.pk])),
        (None, reverse("home")),
        (None, reverse("wijken:vacatures")),
    ]
    vervalt = [
        (None, a.get_absolute_url()),
        (w.adviseur, reverse("initiatieven:werkvoorraad")),
        (w.adviseur, reverse("initiatieven:triage", args=[onderwerp.pk])),
        (w.wethouder, reverse("wijkdashboard_wijk", args=[a.code])),
        (onderwerp.indiener, reverse("initiatieven:mijn_inbreng")),
        (w.g.collegelid, reverse("collegeoverzicht")),
    ]
    for persoon, adres in blijft + vervalt:
        w.client(persoon).get(adres)
    services.onderwerp_overgang(
        onderwerp=onderwerp,
        naar=Status.IN_BEHANDELING,
        door=w.adviseur,
        toelichting="We pakken het op.",
    )
    for persoon, adres in blijft:
        assert _uit_cache(w.client(persoon), adres), f"{adres} as {persoon} was rendered again"
    for persoon, adres in vervalt:
        assert not _uit_cache(w.client(persoon), adres), f"{adres} as {persoon} is stale"


@pytest.mark.django_db(transaction=True)
def test_elk_getoond_model_wordt_in_de_vergelijking_geschreven():
    """The comparison's writes reach every model a fragment declares it shows: a model no
    write of the comparison touches would never be caught stale."""
    w = _wereld()
    CacheVersion.objects.all().delete()
    _loop(w, seed=11, stappen=len(SCHRIJVEN))
    geschreven = {
        sleutel.split(":")[0].rstrip("!")
        for sleutel in CacheVersion.objects.values_list("key", flat=True)
    }
    getoond = set()
    for naam, fragment in pagecache.fragments().items():
        if not naam.startswith("test "):
            getoond |= set(fragment.dependencies())
    assert getoond <= geschreven, f"shown but never written: {sorted(getoond - geschreven)}"


@pytest.mark.django_db
def test_onderwerppagina_nooit_oud_als_een_vraag_die_het_noemt_verschijnt():
    """The item page lists the published questions it led to or came out of: publishing
    the question (a write of the question only) or its feedback (of the feedback only)
    must reach the cached page, with no write of the item in between."""
    from meedenken import services as meedenken_services

    w = _wereld()
    onderwerp = w.g.onderwerp
    adres = onderwerp.get_absolute_url()
    client = w.client(None)
    nu = timezone.now()
    vraag = meedenken_services.meedenkvraag_opslaan(
        door=w.adviseur,
        gegevens={
            "titel": "Vraag die uit dit onderwerp kwam",
            "vraag": "Wat vind je?",
            "achtergrond": "Achtergrond.",
            "thema": Thema.objects.first(),
            "open_reacties": True,
            "open_vanaf": nu,
            "sluit_op": nu + datetime.timedelta(days=10),
            "terugkoppeling_voor": timezone.localdate(nu) + datetime.timedelta(days=50),
        },
        wijken=[w.g.wijk],
        aanleiding=[onderwerp],
    )
    meedenken_services.terugkoppeling_opslaan(
        vraag=w.gesloten_vraag,
        door=w.adviseur,
        gegevens={"samenvatting": "Gezegd.", "besluit": "Besloten.", "waarom": "Daarom."},
        onderwerpen=[onderwerp],
    )
    html = client.get(adres).content.decode()
    assert _uit_cache(client, adres)
    assert vraag.titel not in html and w.gesloten_vraag.titel not in html
    meedenken_services.meedenkvraag_publiceren(vraag=vraag, door=w.adviseur)
    assert vraag.titel in client.get(adres).content.decode()
    meedenken_services.terugkoppeling_publiceren(vraag=w.gesloten_vraag, door=w.adviseur)
    assert w.gesloten_vraag.titel in client.get(adres).content.decode()

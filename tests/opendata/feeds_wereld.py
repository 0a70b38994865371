"""The world the feed tests read: two wards, published and non-public items, a timeline
with public and internal lines, meetings with decisions, published and draft, and
questions to the wards with responses and feedback, published and draft.

The submitters have names, email addresses, a telephone number and a street address
nobody else in the world has (``NOOIT``): one chose "anoniem", one to appear by name. The
telephone number, the address and the internal texts are only where officials look: the
text as typed (the public text was screened), internal notes, internal messages.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from contacten.vergaderingen import AgendapuntStatus
from initiatieven.keuzes import Status
from initiatieven.models import Bericht, Onderwerp, Statuswijziging
from tests.contacten.factories import (
    AgendapuntFactory,
    BesluitFactory,
    ToezeggingFactory,
    VergaderingFactory,
)
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.wijken.factories import WijkFactory

ANONIEM = {"weergavenaam": "Zulkarnain Vrijdaghuis", "email": "zulkarnain.lek@prive.example"}
MET_NAAM = {"weergavenaam": "Hendrikje Zichtbaarveld", "email": "hendrikje.lek@prive.example"}
TELEFOON = "06-98761234"
ADRES = "Geheimweg 13b"
INTERNE_NOTITIE = "Alleen voor ambtenaren: eerst de buren bellen"
INTERN_BERICHT = "Interne afstemming over de begroting"
VERBORGEN_TITEL = "Hondenpoep op het Verborgenplein"
CONCEPT_TITEL = "Conceptvoorstel Speeltuinhof"
CONCEPT_BESLUIT = "Besluit van een conceptvergadering"
VOORSTEL_TITEL = "Voorstel dat de griffie nog niet aanvaardde"
CONCEPT_VRAAG = "Conceptvraag over het Geheimplein"
CONCEPT_TERUGKOPPELING = "Nog niet gepubliceerde terugkoppeling"
REACTIE = "Reactie van een bewoner op de vraag"

#: Strings that never appear in any feed: personal data, internal texts, non-public items.
NOOIT = [
    ANONIEM["weergavenaam"],
    ANONIEM["email"],
    MET_NAAM["email"],
    "zulkarnain.lek",
    "hendrikje.lek",
    TELEFOON,
    ADRES,
    INTERNE_NOTITIE,
    INTERN_BERICHT,
    VERBORGEN_TITEL,
    CONCEPT_TITEL,
    CONCEPT_BESLUIT,
    VOORSTEL_TITEL,
    CONCEPT_VRAAG,
    CONCEPT_TERUGKOPPELING,
    REACTIE,
]


@dataclass
class Wereld:
    wijk: object
    ander: object
    initiatief: Onderwerp  # published, its submitter named
    knelpunt: Onderwerp  # published, its submitter anonymous, with a timeline
    elders: Onderwerp  # published, in the other ward
    verborgen: Onderwerp  # submitted, kept non-public at the submitter's request
    concept: Onderwerp
    vergadering: object  # published, with a decision on the bottleneck
    concept_vergadering: object
    besluit: object
    vraag: object  # closed, with published feedback naming the bottleneck and a decision
    vraag_open: object  # open, its responses public after screening
    vraag_concept_terugkoppeling: object  # closed, its feedback written but not published

    def feeds(self) -> list[str]:
        """Every feed of this world: each kind, each ward, each published item's timeline."""
        return [
            reverse("opendata:feed_onderwerpen"),
            reverse("opendata:feed_soort", args=["initiatief"]),
            reverse("opendata:feed_soort", args=["knelpunt"]),
            reverse("opendata:feed_wijk", args=[self.wijk.code]),
            reverse("opendata:feed_wijk", args=[self.ander.code]),
            *(
                reverse("opendata:feed_onderwerp", args=[o.pk])
                for o in (self.initiatief, self.knelpunt, self.elders)
            ),
            reverse("opendata:feed_vergaderingen"),
            reverse("opendata:feed_besluiten"),
            reverse("opendata:feed_meedenken"),
        ]


def tijdlijn_vullen(onderwerp, aantal: int, *, door) -> None:
    """``aantal`` public steps with an internal note, and as many messages, every other
    one internal, on the item's timeline (oldest an hour before now and further back)."""
    nu = timezone.now()
    for i in range(aantal):
        Statuswijziging.objects.create(
            onderwerp=onderwerp,
            van=Status.INGEDIEND,
            naar=Status.IN_BEHANDELING,
            door=door,
            door_rol="wijkadviseur",
            publieke_toelichting=f"We kijken ernaar ({i}).",
            interne_notitie=f"{INTERNE_NOTITIE}, {TELEFOON}",
            tijdstip=nu - datetime.timedelta(hours=2 * i + 2),
        )
        Bericht.objects.create(
            onderwerp=onderwerp,
            door=door,
            tekst=f"Dank voor uw melding ({i})." if i % 2 == 0 else INTERN_BERICHT,
            openbaar=i % 2 == 0,
            tijdstip=nu - datetime.timedelta(hours=2 * i + 1),
        )


def vergadering_met_besluit(wijk, onderwerpen, *, concept=False, titel="Verkeersveiligheid"):
    """A college meeting with one accepted agenda item carrying ``onderwerpen``, its
    decision and a commitment for ``wijk``."""
    vergadering = VergaderingFactory(concept=concept, geweest=not concept)
    punt = AgendapuntFactory(vergadering=vergadering, titel=titel, onderwerpen=onderwerpen)
    besluit = BesluitFactory(
        agendapunt=punt, toelichting=CONCEPT_BESLUIT if concept else "Het college stemt in."
    )
    ToezeggingFactory(besluit=besluit, wijk=wijk, omschrijving="Een zebrapad bij de school.")
    return vergadering, besluit


def vraag_met_terugkoppeling(wijken, onderwerpen, agendapunt, *, titel="Hoe verder met het plein?"):
    """A closed question with two responses (the anonymous submitter's and the named
    one's) and its feedback published, naming ``onderwerpen`` and ``agendapunt``."""
    from tests.meedenken.factories import (
        InbrengFactory,
        MeedenkvraagFactory,
        TerugkoppelingFactory,
    )

    vraag = MeedenkvraagFactory(gesloten=True, wijken=wijken, titel=titel, opties=["Ja", "Nee"])
    InbrengFactory(vraag=vraag, gebruiker=None, tekst=REACTIE)
    terugkoppeling = TerugkoppelingFactory(
        vraag=vraag, gepubliceerd=True, agendapunt=agendapunt, besluit="We leggen een zebrapad aan."
    )
    terugkoppeling.onderwerpen.set(onderwerpen)
    return vraag


def wereld_maken() -> Wereld:
    wijk = WijkFactory(met_staf=True, naam="Noordhoek")
    ander = WijkFactory(met_staf=True, naam="Zuiderveld")
    thema = ThemaFactory(naam="Groen en spelen")
    anoniem = GebruikerFactory(**ANONIEM)
    met_naam = GebruikerFactory(**MET_NAAM)
    uur = datetime.timedelta(hours=1)
    initiatief = OnderwerpFactory(
        wijk=wijk,
        thema=thema,
        indiener=met_naam,
        toon_naam=True,
        openbaar_=True,
        titel=f"Moestuin bij {ADRES}",
        beschrijving=f"Bel me op {TELEFOON}.",
        locatie=ADRES,
        publieke_titel="Moestuin bij de school",
        publieke_beschrijving="Een moestuin voor de hele buurt.",
        publieke_locatie="Schoolplein",
        ingediend_op=timezone.now() - 3 * uur,
    )
    knelpunt = OnderwerpFactory(
        knelpunt=True,
        wijk=wijk,
        thema=thema,
        indiener=anoniem,
        openbaar_=True,
        status=Status.IN_BEHANDELING,
        titel=f"Oversteek {ADRES}",
        beschrijving=f"Mail {ANONIEM['email']}.",
        publieke_titel="Gevaarlijke oversteek bij de school",
        publieke_beschrijving="Auto's rijden te hard.\nVooral 's ochtends.",
        ingediend_op=timezone.now() - 2 * uur,
    )
    tijdlijn_vullen(knelpunt, 2, door=wijk.wijkadviseur)
    elders = OnderwerpFactory(
        wijk=ander,
        thema=thema,
        openbaar_=True,
        publieke_titel="Bankje in Zuiderveld",
        ingediend_op=timezone.now() - uur,
    )
    verborgen = OnderwerpFactory(
        wijk=wijk, thema=thema, indiener=anoniem, wil_niet_openbaar=True, titel=VERBORGEN_TITEL
    )
    concept = OnderwerpFactory(wijk=wijk, thema=thema, concept=True, titel=CONCEPT_TITEL)
    vergadering, besluit = vergadering_met_besluit(wijk, [knelpunt, verborgen])
    AgendapuntFactory(
        vergadering=vergadering, titel=VOORSTEL_TITEL, status=AgendapuntStatus.VOORGESTELD
    )
    concept_vergadering, _ = vergadering_met_besluit(wijk, [knelpunt], concept=True)

    from tests.meedenken.factories import (
        InbrengFactory,
        MeedenkvraagFactory,
        TerugkoppelingFactory,
    )

    vraag = vraag_met_terugkoppeling([wijk, ander], [knelpunt, verborgen], besluit.agendapunt)
    for persoon, toon_naam in ((anoniem, False), (met_naam, True)):
        InbrengFactory(
            vraag=vraag, gebruiker=persoon, toon_naam=toon_naam, openbaar=True, tekst=REACTIE
        )
    vraag_open = MeedenkvraagFactory(
        wijken=[wijk], titel="Wat doen we met de speeltuin?", reacties_openbaar=True
    )
    InbrengFactory(vraag=vraag_open, gebruiker=anoniem, openbaar=True, tekst=REACTIE)
    vraag_concept_terugkoppeling = MeedenkvraagFactory(
        gesloten=True, wijken=[ander], titel="Bomen in Zuiderveld?"
    )
    TerugkoppelingFactory(
        vraag=vraag_concept_terugkoppeling,
        samenvatting=CONCEPT_TERUGKOPPELING,
        agendapunt=besluit.agendapunt,
    )
    MeedenkvraagFactory(concept=True, wijken=[wijk], titel=CONCEPT_VRAAG)
    return Wereld(
        wijk=wijk,
        ander=ander,
        initiatief=initiatief,
        knelpunt=knelpunt,
        elders=elders,
        verborgen=verborgen,
        concept=concept,
        vergadering=vergadering,
        concept_vergadering=concept_vergadering,
        besluit=besluit,
        vraag=vraag,
        vraag_open=vraag_open,
        vraag_concept_terugkoppeling=vraag_concept_terugkoppeling,
    )

"""The world the read API's tests ask about: public and non-public items, an anonymous
submitter with contact details that must never appear, a meeting with an agenda, a
decision and a commitment, a ward with neighbourhoods and key figures, and questions to
the wards: a closed one with responses (an anonymous and a named respondent) and published
feedback, an open one whose counts are not public yet, and a draft."""

from dataclasses import dataclass

from contacten.models import AgendapuntStatus
from initiatieven.keuzes import RolGemeente, Status
from initiatieven.models import Bericht, Statuswijziging
from tests.contacten.factories import (
    AgendapuntFactory,
    BesluitFactory,
    ToezeggingFactory,
    VergaderingFactory,
)
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import BuurtFactory, KerncijfersFactory, WijkFactory

#: Details of the anonymous submitter: none of these may appear in any answer.
ANONIEM_NAAM = "Geheime Indienernaam"
ANONIEM_EMAIL = "geheim.adres@example.test"
ANONIEM_LOCATIE = "Dorpsstraat 12, thuisadres"
INTERNE_NOTITIE = "Interne notitie: bel de indiener terug"
NIET_OPENBAAR_TITEL = "Niet-openbaar onderwerp over een buurman"
RESPONDENT_NAAM = "Benoemde Respondentnaam"
RESPONDENT_EMAIL = "respondent.adres@example.test"
REACTIE = "Reactie met iets persoonlijks erin"
CONCEPT_VRAAG = "Conceptvraag die niemand mag zien"


@dataclass
class Wereld:
    wijk: object
    ander: object
    openbaar: list
    anoniem: object
    met_naam: object
    niet_openbaar: object
    concept: object
    vergadering: object
    concept_vergadering: object
    besluit: object
    verborgen_besluit: object
    vraag: object  # closed, responses, feedback published naming the item and the decision
    vraag_open: object  # open, with options whose counts are not public yet
    concept_vraag: object


def maak_wereld(aantal: int = 3) -> Wereld:
    """``aantal`` published items in one ward besides the special ones below."""
    wijk = WijkFactory(met_staf=True)
    ander = WijkFactory(met_staf=True)
    for jaar in (2024, 2025):
        KerncijfersFactory(buurt=BuurtFactory(wijk=wijk), jaar=jaar)
    openbaar = [OnderwerpFactory(wijk=wijk, openbaar_=True) for _ in range(aantal)]
    indiener = GebruikerFactory(weergavenaam=ANONIEM_NAAM, email=ANONIEM_EMAIL)
    anoniem = OnderwerpFactory(
        wijk=wijk,
        openbaar_=True,
        indiener=indiener,
        toon_naam=False,
        locatie=ANONIEM_LOCATIE,
        publieke_locatie="Bij het park",
        rol_gemeente=RolGemeente.FACILITEREN,
        rol_toelichting="De gemeente levert de materialen.",
    )
    Statuswijziging.objects.create(
        onderwerp=anoniem,
        van=Status.INGEDIEND,
        naar=Status.IN_BEHANDELING,
        door=wijk.wijkadviseur,
        publieke_toelichting="We gaan ermee aan de slag.",
        interne_notitie=INTERNE_NOTITIE,
    )
    Bericht.objects.create(onderwerp=anoniem, door=indiener, tekst=INTERNE_NOTITIE, openbaar=False)
    met_naam = OnderwerpFactory(wijk=ander, openbaar_=True, toon_naam=True, knelpunt=True)
    niet_openbaar = OnderwerpFactory(wijk=wijk, titel=NIET_OPENBAAR_TITEL, indiener=indiener)
    concept = OnderwerpFactory(wijk=wijk, concept=True, titel=NIET_OPENBAAR_TITEL)

    vergadering = VergaderingFactory(geweest=True)
    punt = AgendapuntFactory(vergadering=vergadering, onderwerpen=[anoniem, niet_openbaar])
    besluit = BesluitFactory(agendapunt=punt)
    ToezeggingFactory(besluit=besluit, wijk=wijk)
    # Not public: a proposal not yet accepted, and everything on a draft meeting.
    AgendapuntFactory(vergadering=vergadering, status=AgendapuntStatus.VOORGESTELD)
    concept_vergadering = VergaderingFactory(concept=True)
    verborgen_besluit = BesluitFactory(
        agendapunt=AgendapuntFactory(vergadering=concept_vergadering)
    )

    from tests.meedenken.factories import (
        InbrengFactory,
        MeedenkvraagFactory,
        TerugkoppelingFactory,
    )

    benoemd = GebruikerFactory(weergavenaam=RESPONDENT_NAAM, email=RESPONDENT_EMAIL)
    vraag = MeedenkvraagFactory(gesloten=True, wijken=[wijk], opties=["Ja", "Nee"])
    vraag.aanleiding.set([anoniem, niet_openbaar])
    vraag_open = MeedenkvraagFactory(
        alle_wijken=True, wijken=[], opties=["Bomen", "Bankjes"], reacties_openbaar=True
    )
    for v in (vraag, vraag_open):
        for persoon, toon_naam in ((indiener, False), (benoemd, True)):
            inbreng = InbrengFactory(
                vraag=v, gebruiker=persoon, toon_naam=toon_naam, openbaar=True, tekst=REACTIE
            )
            inbreng.keuzes.set([v.opties.first()])
    terugkoppeling = TerugkoppelingFactory(vraag=vraag, gepubliceerd=True, agendapunt=punt)
    terugkoppeling.onderwerpen.set([anoniem, niet_openbaar])
    concept_vraag = MeedenkvraagFactory(concept=True, wijken=[wijk], titel=CONCEPT_VRAAG)
    return Wereld(
        wijk=wijk,
        ander=ander,
        openbaar=openbaar,
        anoniem=anoniem,
        met_naam=met_naam,
        niet_openbaar=niet_openbaar,
        concept=concept,
        vergadering=vergadering,
        concept_vergadering=concept_vergadering,
        besluit=besluit,
        verborgen_besluit=verborgen_besluit,
        vraag=vraag,
        vraag_open=vraag_open,
        concept_vraag=concept_vraag,
    )

"""The demo's meetings: published and upcoming meetings of the college and the council,
with proposals, decisions and commitments, and items in both agenda states.

Everything goes through the same services the alderman and the griffie use, so the items'
timelines are real. The services only accept upcoming meetings; afterwards the meetings
that should lie in the past are moved back (demo only). Idempotent: nothing is made when
the first demo meeting exists already.
"""

import datetime

from django.utils import timezone

from contacten import services as contacten_services
from contacten.models import Orgaan, Resultaat, Toezegging, ToezeggingStatus, Vergadering
from initiatieven import agenda, services
from initiatieven.keuzes import RolGemeente, Soort, Status
from initiatieven.models import Onderwerp, Thema
from wijken.models import Buurt, Wijk

KENMERK = "Raadzaal, Stadhuis Wijkstad"  # the location of the first demo meeting

# Items that go up to the agenda: title, kind, theme, neighbourhood, description.
ITEMS = {
    "oversteek": (
        "Onveilige oversteek bij de Koolmeesweg",
        Soort.KNELPUNT,
        "Verkeer en parkeren",
        "Kinderen steken de Koolmeesweg over zonder zebrapad; auto's rijden er hard.",
    ),
    "hardrijders": (
        "Hardrijders op de Spreeuwlaan",
        Soort.KNELPUNT,
        "Verkeer en parkeren",
        "Op de Spreeuwlaan wordt 's avonds met hoge snelheid gereden.",
    ),
    "speelplek": (
        "Natuurspeelplek in het Noorderpark",
        Soort.INITIATIEF,
        "Groen en spelen",
        "Ouders willen samen met de gemeente een natuurspeelplek aanleggen.",
    ),
    "buurthuis": (
        "Buurthuis ook in het weekend open",
        Soort.INITIATIEF,
        "Zorg en welzijn",
        "Vrijwilligers willen het buurthuis op zaterdag openen voor ouderen en jongeren.",
    ),
    "jongeren": (
        "Ontmoetingsplek voor jongeren",
        Soort.INITIATIEF,
        "Jeugd",
        "Jongeren vragen een overdekte plek om elkaar te ontmoeten.",
    ),
    "bankjes": (
        "Meer bankjes langs de vijver",
        Soort.INITIATIEF,
        "Groen en spelen",
        "Ouderen willen onderweg kunnen rusten: graag bankjes langs het wandelpad.",
    ),
    "laadpalen": (
        "Laadpalen in de Vogelbuurt",
        Soort.KNELPUNT,
        "Verkeer en parkeren",
        "Er zijn te weinig laadpalen; bewoners parkeren laadkabels over de stoep.",
    ),
}


def _escalatie(sleutel, *, wijk, indiener) -> Onderwerp:
    titel, soort, thema, tekst = ITEMS[sleutel]
    onderwerp, _ = services.onderwerp_opslaan(
        indiener=indiener,
        gegevens={
            "soort": soort,
            "titel": titel,
            "beschrijving": tekst,
            "thema": Thema.objects.get(naam=thema),
            "wijk": wijk,
            "buurt": Buurt.objects.filter(wijk=wijk).first(),
            "toon_naam": False,
        },
        indienen=True,
    )
    adviseur = wijk.wijkadviseur
    services.onderwerp_screenen(onderwerp=onderwerp, door=adviseur, versie=None, openbaar=True)
    services.onderwerp_rol_vastleggen(
        onderwerp=onderwerp,
        door=adviseur,
        versie=None,
        rol_gemeente=RolGemeente.SAMEN_UITVOEREN,
    )
    services.onderwerp_overgang(onderwerp=onderwerp, naar=Status.IN_BEHANDELING, door=adviseur)
    return services.onderwerp_overgang(
        onderwerp=onderwerp,
        naar=Status.BIJ_WIJKWETHOUDER,
        door=adviseur,
        advies="Dit gaat de mogelijkheden van de wijk te boven; ik adviseer het college.",
    )


#: The day each body meets (Monday is 0): the college on Tuesday, the council on Thursday.
#: Dates counted from today would land on any day, a Sunday too.
VERGADERDAG = {Orgaan.COLLEGE: 1, Orgaan.GEMEENTERAAD: 3}


def op_vergaderdag(moment: datetime.datetime, orgaan, *, eerder: bool = False):
    """The same time on the body's meeting day: the first on or after ``moment``, or with
    ``eerder`` the last on or before it (a meeting moved into the past stays past)."""
    verschil = (VERGADERDAG[orgaan] - moment.weekday()) % 7
    if eerder:
        return moment - datetime.timedelta(days=(7 - verschil) % 7)
    return moment + datetime.timedelta(days=verschil)


def seed_agenda(*, accounts: dict, stdout=None) -> int:
    """Meetings, proposals, decisions and commitments; returns how many meetings were new."""
    if Vergadering.objects.filter(locatie=KENMERK).exists():
        return 0
    griffie, wethouder = accounts["griffie"], accounts["wijkwethouder"]
    wijk = Wijk.objects.select_related("wijkadviseur", "wijkwethouder").get(
        wijkwethouder=wethouder, code="WK999902"
    )
    items = {k: _escalatie(k, wijk=wijk, indiener=accounts["bewoner"]) for k in ITEMS}
    # Local time: the meeting day and hour are the municipality's, not UTC's.
    nu = timezone.localtime().replace(minute=0, second=0, microsecond=0)

    def vergadering(orgaan, dagen, locatie, uur=10):
        v = contacten_services.vergadering_opslaan(
            door=griffie,
            orgaan=orgaan,
            begin=op_vergaderdag(nu.replace(hour=uur) + datetime.timedelta(days=dagen), orgaan),
            locatie=locatie,
        )
        return contacten_services.vergadering_status_zetten(
            door=griffie, vergadering=v, status="gepubliceerd"
        )

    # Made in the future (the services accept only upcoming meetings), moved back below.
    raad_geweest = vergadering(Orgaan.GEMEENTERAAD, 100, KENMERK, uur=19)
    college_geweest2 = vergadering(Orgaan.COLLEGE, 101, "Collegekamer, Stadhuis")
    college_geweest = vergadering(Orgaan.COLLEGE, 102, "Collegekamer, Stadhuis")
    college_komend = vergadering(Orgaan.COLLEGE, 7, "Collegekamer, Stadhuis")
    raad_komend = vergadering(Orgaan.GEMEENTERAAD, 10, "Raadzaal, Stadhuis", uur=19)
    # A draft: not public yet.
    contacten_services.vergadering_opslaan(
        door=griffie,
        orgaan=Orgaan.COLLEGE,
        begin=op_vergaderdag(nu.replace(hour=10) + datetime.timedelta(days=21), Orgaan.COLLEGE),
        locatie="Wijkcentrum De Schakel (dagdeel in de wijk)",
    )

    def voorstel(sleutels, v, titel, toelichting, accepteren=True):
        punt = agenda.agenda_voorstellen(
            door=wethouder,
            onderwerpen=[items[k] for k in sleutels],
            vergadering=v,
            titel=titel,
            toelichting=toelichting,
        )
        if accepteren:
            agenda.voorstel_accepteren(agendapunt=punt, door=griffie)
        return punt

    # An earlier college referred the community centre to the council; the council adopted it.
    punt = voorstel(
        ["buurthuis"],
        college_geweest2,
        "Buurthuis Noord in het weekend open",
        "Vrijwilligers willen het buurthuis op zaterdag openen; dat vraagt een extra subsidie.",
    )
    agenda.besluit_vastleggen(
        agendapunt=punt,
        door=griffie,
        resultaat=Resultaat.DOORVERWEZEN_RAAD,
        toelichting="De subsidie vraagt een begrotingswijziging: de raad beslist.",
        raadsvergadering=raad_geweest,
    )
    raadspunt = punt.vervolg.get()
    besluit = agenda.besluit_vastleggen(
        agendapunt=raadspunt,
        door=griffie,
        resultaat=Resultaat.AANGENOMEN,
        toelichting="De raad stelt een subsidie beschikbaar voor de zaterdagopenstelling.",
        toezeggingen=[
            {
                "omschrijving": "De subsidie wordt voor 1 maart uitgekeerd.",
                "verantwoordelijke": "Wethouder welzijn",
                "datum": timezone.localdate() - datetime.timedelta(days=20),
            }
        ],
    )
    Toezegging.objects.filter(besluit=besluit).update(status=ToezeggingStatus.NAGEKOMEN)

    # The last college: traffic referred to the council, the play area adopted.
    punt = voorstel(
        ["oversteek", "hardrijders"],
        college_geweest,
        "Verkeersveiligheid in de Vogelbuurt",
        "Bewoners melden op meerdere plekken onveilige situaties; de wijk kan dit niet alleen.",
    )
    agenda.besluit_vastleggen(
        agendapunt=punt,
        door=griffie,
        resultaat=Resultaat.DOORVERWEZEN_RAAD,
        toelichting="Het college wil een verkeersplan; daarvoor is budget van de raad nodig.",
        raadsvergadering=raad_komend,
        toezeggingen=[
            {
                "omschrijving": "Tijdelijke snelheidsdisplays op de Koolmeesweg en Spreeuwlaan.",
                "verantwoordelijke": "Wethouder verkeer",
                "datum": timezone.localdate() + datetime.timedelta(days=30),
            }
        ],
    )
    punt = voorstel(
        ["speelplek"],
        college_geweest,
        "Natuurspeelplek Noorderpark",
        "Ouders en de gemeente leggen samen een natuurspeelplek aan.",
    )
    agenda.besluit_vastleggen(
        agendapunt=punt,
        door=griffie,
        resultaat=Resultaat.AANGENOMEN,
        toelichting="Het college stelt budget beschikbaar; de ouders helpen bij aanleg en beheer.",
        toezeggingen=[
            {
                "omschrijving": "De speelplek ligt er voor de zomervakantie.",
                "verantwoordelijke": "Wethouder groen",
                "datum": timezone.localdate() + datetime.timedelta(days=150),
            }
        ],
    )
    contacten_services.agendapunt_opslaan(
        door=griffie,
        vergadering=college_geweest,
        titel="Vaststellen besluitenlijst vorige vergadering",
        toelichting="De besluitenlijst van de vorige collegevergadering.",
        hamerstuk=True,
    )

    # The coming college: one proposal accepted, one still open; one returned.
    voorstel(
        ["jongeren"],
        college_komend,
        "Ontmoetingsplek voor jongeren in Noord",
        "Jongeren en het jongerenwerk zoeken een plek; het college wordt gevraagd mee te denken.",
    )
    voorstel(
        ["bankjes"],
        college_komend,
        "Bankjes langs de vijver",
        "Een kleine investering met veel waarde voor oudere bewoners.",
        accepteren=False,
    )
    teruggegeven = voorstel(
        ["laadpalen"],
        college_komend,
        "Laadpalen in de Vogelbuurt",
        "Meer laadpalen in de wijk.",
        accepteren=False,
    )
    agenda.voorstel_teruggeven(
        agendapunt=teruggegeven,
        door=griffie,
        reden="Hierover loopt al een gemeentebreed laadpalenplan; eerst de uitkomst daarvan.",
    )

    # Move the held meetings back into the past.
    for v, terug in ((raad_geweest, 140), (college_geweest2, 151), (college_geweest, 109)):
        begin = timezone.localtime(v.begin) - datetime.timedelta(days=terug)
        Vergadering.objects.filter(pk=v.pk).update(
            begin=op_vergaderdag(begin, v.orgaan, eerder=True), status="afgelopen"
        )
    if stdout is not None:
        stdout.write(f"Meetings: {Vergadering.objects.count()} in all.")
    return 6

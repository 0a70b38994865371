"""The demo municipality's items: every workflow state, across several wards.

Items are made through the same services a resident and an advisor use, so their
timelines are real. Afterwards the dates are moved back (demo only) so the work queue
shows ages, deadlines and overdue first responses. Idempotent: an item is looked up by its
ward and title before it is made.
"""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone
from PIL import Image

from initiatieven import services
from initiatieven.bijlagen import controleer_bijlage
from initiatieven.keuzes import RolGemeente, Soort, Status
from initiatieven.models import Actie, Onderwerp, Statuswijziging, Thema
from wijken.models import Bewonersgroep, Buurt, Wijk

THEMAS = [
    "Groen en spelen",
    "Verkeer en parkeren",
    "Veiligheid",
    "Jeugd",
    "Zorg en welzijn",
    "Schoon en heel",
    "Wonen",
    "Ondernemen",
    "Overig",
]

# Each item: ward, neighbourhood, kind, theme, title, description, submitter (account key),
# show name, days ago submitted, and the steps after submission: (status, actor, fields).
# Actor "adviseur"/"wethouder"/"indiener" is the ward's designated person or the submitter.
ITEMS = [
    (
        "WK999902",
        "Molenwijk",
        Soort.INITIATIEF,
        "Groen en spelen",
        "Moestuin bij speeltuin De Molen",
        "Met een paar buren willen we een moestuin beginnen op het grasveld naast de "
        "speeltuin. Kinderen uit de buurt kunnen meehelpen. We vragen de gemeente om het "
        "veld in bruikleen te geven en om een watertappunt.",
        "bewoner",
        True,
        40,
        [
            (Status.IN_BEHANDELING, "adviseur", {}),
            (
                Status.IN_UITVOERING,
                "adviseur",
                {
                    "toelichting": "We hebben met de initiatiefnemers afgesproken dat de gemeente het veld in bruikleen geeft en een watertappunt laat plaatsen. De bewoners zorgen voor de tuin."
                },
            ),
        ],
    ),
    (
        "WK999902",
        "Vogelbuurt",
        Soort.KNELPUNT,
        "Verkeer en parkeren",
        "Te hard rijden in de Merelstraat",
        "In de Merelstraat wordt veel te hard gereden, ook als de kinderen uit school komen. "
        "Er is al twee keer bijna een ongeluk gebeurd.",
        "bewoner",
        False,
        25,
        [
            (Status.IN_BEHANDELING, "adviseur", {}),
            (
                Status.BIJ_WIJKWETHOUDER,
                "adviseur",
                {
                    "advies": "Een drempel past niet in het budget van de wijk. Ik adviseer de wethouder een snelheidsdisplay en een herinrichting in het meerjarenplan op te nemen."
                },
            ),
        ],
    ),
    (
        "WK999901",
        "Havenkwartier",
        Soort.KNELPUNT,
        "Schoon en heel",
        "Zwerfvuil rond de containers aan de Kade",
        "Rond de ondergrondse containers aan de Kade ligt bijna elke dag afval. Het trekt "
        "ratten aan.",
        "bewoner",
        False,
        3,
        [],
    ),
    (
        "WK999902",
        "Molenwijk",
        Soort.INITIATIEF,
        "Zorg en welzijn",
        "Burendag in de Molenwijk",
        "De buurtvereniging wil op de landelijke Burendag de straat afsluiten voor een "
        "buurtfeest, met een springkussen voor de kinderen en soep voor iedereen.",
        "groepscontact",
        True,
        18,
        [(Status.IN_BEHANDELING, "adviseur", {})],
    ),
    (
        "WK999902",
        "Noorderpark",
        Soort.INITIATIEF,
        "Jeugd",
        "Pannakooi in het Noorderpark",
        "De jongeren uit Noord willen een pannakooi in het Noorderpark. Ze willen zelf "
        "meehelpen met het ontwerp en het onderhoud.",
        "bewoner",
        True,
        120,
        [
            (Status.IN_BEHANDELING, "adviseur", {}),
            (
                Status.IN_UITVOERING,
                "adviseur",
                {
                    "toelichting": "De jongeren hebben het ontwerp samen met de gemeente gemaakt. De kooi wordt in het voorjaar geplaatst."
                },
            ),
            (
                Status.AFGEROND,
                "adviseur",
                {
                    "resultaat": "De pannakooi staat er sinds juni. De jongeren houden zelf het veld schoon; de gemeente doet het grote onderhoud."
                },
            ),
        ],
    ),
    (
        "WK999901",
        "Stationsbuurt",
        Soort.KNELPUNT,
        "Verkeer en parkeren",
        "Fietsen parkeren bij het station",
        "De fietsenstalling bij het station is altijd vol. Fietsen staan overal op de stoep.",
        "bewoner",
        False,
        60,
        [
            (Status.IN_BEHANDELING, "adviseur", {}),
            (
                Status.NIET_MOGELIJK,
                "adviseur",
                {
                    "toelichting": "De stalling is van ProRail en NS; de gemeente kan die niet uitbreiden. We hebben je melding aan ProRail doorgegeven, dat in 2028 een nieuwe stalling bouwt."
                },
            ),
        ],
    ),
    (
        "WK999902",
        "Bloemenbuurt",
        Soort.KNELPUNT,
        "Groen en spelen",
        "Speeltoestellen Bloemenplein versleten",
        "De glijbaan en de schommel op het Bloemenplein zijn versleten en een paar planken "
        "zijn los.",
        "bewoner",
        False,
        90,
        [
            (Status.IN_BEHANDELING, "adviseur", {}),
            (
                Status.NOG_NIET_MOGELIJK,
                "adviseur",
                {
                    "toelichting": "Het plein wordt volgend jaar opnieuw ingericht, samen met de buurt. De losse planken zijn wel meteen vastgezet.",
                    "herbezien_op": "verleden",
                },
            ),
        ],
    ),
    (
        "WK999904",
        "Lindenhof",
        Soort.INITIATIEF,
        "Zorg en welzijn",
        "Koffieochtend voor ouderen in Lindenhof",
        "Elke week een koffieochtend voor oudere bewoners die weinig mensen zien.",
        "bewoner",
        True,
        8,
        [(Status.INGETROKKEN, "indiener", {})],
    ),
    (
        "WK999901",
        "Stationsbuurt",
        Soort.KNELPUNT,
        "Veiligheid",
        "Donker fietspad achter het station",
        "Het fietspad achter het station heeft geen verlichting. 's Avonds voelt het onveilig.",
        "bewoner",
        False,
        20,
        [],  # submitted long enough ago: its first response is overdue
    ),
    (
        "WK999903",
        "Tuinstad",
        Soort.INITIATIEF,
        "Groen en spelen",
        "Bloemenlint door Tuinstad",
        "Bewoners willen de boomspiegels in Tuinstad beplanten met bloemen voor bijen.",
        "bewoner",
        True,
        30,
        [
            (Status.IN_BEHANDELING, "adviseur", {}),
            (
                Status.NOG_NIET_MOGELIJK,
                "adviseur",
                {
                    "toelichting": "De bomen in Tuinstad worden dit najaar gesnoeid en deels vervangen. Daarna kijken we graag samen naar de beplanting.",
                    "herbezien_voorwaarde": "Als het snoeien klaar is (voorjaar 2027)",
                },
            ),
        ],
    ),
]

CONCEPT = (
    "WK999902",
    "Molenwijk",
    Soort.INITIATIEF,
    "Schoon en heel",
    "Opschoondag Molenwijk (concept)",
    "Een opschoondag in het voorjaar, met grijpers en vuilniszakken van de gemeente.",
)


#: Photos residents added, by item title. The file name names the family: only they see it;
#: everyone else sees and downloads "bijlage-<number>.png" (privacy.md, attachment names).
BIJLAGEN = {"Te hard rijden in de Merelstraat": "merelstraat-foto-familie-de-vries.png"}


def foto(naam: str) -> dict:
    """A small photo as a resident uploads it, through the same checks (the demo of
    meedenken uses it too)."""
    uit = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 140, 90)).save(uit, format="PNG")
    return controleer_bijlage(SimpleUploadedFile(naam, uit.getvalue(), content_type="image/png"))


#: Submitters who asked the advisor not to publish: the work queue tells these from items
#: nobody has screened yet.
NIET_OPENBAAR_GEVRAAGD = {"Donker fietspad achter het station"}


def _themas() -> dict[str, Thema]:
    for volgorde, naam in enumerate(THEMAS):
        Thema.objects.get_or_create(naam=naam, defaults={"volgorde": volgorde})
    return {t.naam: t for t in Thema.objects.all()}


def _terugdateren(onderwerp: Onderwerp, dagen: int) -> None:
    # Demo only: move the item's dates back, as if it was submitted ``dagen`` days ago.
    verschil = datetime.timedelta(days=dagen)
    Onderwerp.objects.filter(pk=onderwerp.pk, ingediend_op__isnull=False).update(
        ingediend_op=F("ingediend_op") - verschil,
        aangemaakt=F("aangemaakt") - verschil,
        eerste_reactie_voor=F("eerste_reactie_voor") - verschil,
    )
    stappen = list(Statuswijziging.objects.filter(onderwerp=onderwerp).order_by("pk"))
    for i, stap in enumerate(stappen):
        # Spread the steps over the period: submission first, the last step a day ago.
        dagen_terug = dagen - round(i * (dagen - 1) / max(len(stappen) - 1, 1)) if i else dagen
        Statuswijziging.objects.filter(pk=stap.pk).update(
            tijdstip=timezone.now() - datetime.timedelta(days=dagen_terug)
        )
    # The advisor's first step after submission was the first response.
    if len(stappen) > 1:
        tweede = Statuswijziging.objects.get(pk=stappen[1].pk)
        Onderwerp.objects.filter(pk=onderwerp.pk, eerste_reactie_op__isnull=False).update(
            eerste_reactie_op=tweede.tijdstip
        )


#: The published item of another submitter that the demo resident follows.
GEVOLGD_ONDERWERP = "Burendag in de Molenwijk"

#: What some submitters typed under "Locatie": shown on the public page once screened.
LOCATIES = {
    "Moestuin bij speeltuin De Molen": "Grasveld naast speeltuin De Molen",
    "Te hard rijden in de Merelstraat": "Merelstraat, tussen de school en de Spreeuwlaan",
    "Zwerfvuil rond de containers aan de Kade": "Ondergrondse containers aan de Kade",
}


def seed_initiatieven(*, accounts: dict, stdout=None) -> int:
    """Themes and demo items in every state this portal reaches; returns how many were new."""
    themas = _themas()
    wijken = {w.code: w for w in Wijk.objects.select_related("wijkadviseur", "wijkwethouder")}
    nieuw = 0
    for code, buurtnaam, soort, thema, titel, tekst, wie, toon_naam, dagen, stappen in ITEMS:
        wijk = wijken[code]
        if Onderwerp.objects.filter(wijk=wijk, titel=titel).exists():
            continue
        indiener = accounts[wie]
        groep = Bewonersgroep.objects.met_contactpersoon(indiener).filter(wijk=wijk).first()
        onderwerp, _ = services.onderwerp_opslaan(
            indiener=indiener,
            gegevens={
                "soort": soort,
                "titel": titel,
                "beschrijving": tekst,
                "thema": themas[thema],
                "wijk": wijk,
                "buurt": Buurt.objects.get(wijk=wijk, naam=buurtnaam),
                "locatie": LOCATIES.get(titel, ""),
                "groep": groep,
                "toon_naam": toon_naam,
                "wil_niet_openbaar": titel in NIET_OPENBAAR_GEVRAAGD,
            },
            bijlagen=[foto(BIJLAGEN[titel])] if titel in BIJLAGEN else (),
            indienen=True,
        )
        actoren = {
            "adviseur": wijk.wijkadviseur,
            "wethouder": wijk.wijkwethouder,
            "indiener": indiener,
        }
        for naar, actor, velden in stappen:
            velden = dict(velden)
            if velden.get("herbezien_op") == "verleden":
                velden["herbezien_op"] = timezone.localdate() - datetime.timedelta(days=2)
            if naar == Status.IN_BEHANDELING and onderwerp.status == Status.INGEDIEND:
                # Taking an item in is also when the advisor screens and publishes it.
                services.onderwerp_screenen(
                    onderwerp=onderwerp, door=wijk.wijkadviseur, versie=None, openbaar=True
                )
                services.onderwerp_rol_vastleggen(
                    onderwerp=onderwerp,
                    door=wijk.wijkadviseur,
                    versie=None,
                    rol_gemeente=RolGemeente.FACILITEREN
                    if soort == Soort.INITIATIEF
                    else RolGemeente.ZELF_UITVOEREN,
                    kansrijk=soort == Soort.INITIATIEF,
                    groep=groep,
                )
            onderwerp = services.onderwerp_overgang(
                onderwerp=onderwerp, naar=naar, door=actoren[actor], **velden
            )
        if onderwerp.status == Status.IN_UITVOERING:
            Actie.objects.get_or_create(
                onderwerp=onderwerp,
                omschrijving="Afspraken vastleggen in een gebruiksovereenkomst",
                defaults={
                    "eigenaar": "Wijkadviseur",
                    "deadline": timezone.localdate() + datetime.timedelta(days=14),
                },
            )
        _terugdateren(onderwerp, dagen)
        nieuw += 1

    code, buurtnaam, soort, thema, titel, tekst = CONCEPT
    if not Onderwerp.objects.filter(wijk=wijken[code], titel=titel).exists():
        services.onderwerp_opslaan(
            indiener=accounts["bewoner"],
            gegevens={
                "soort": soort,
                "titel": titel,
                "beschrijving": tekst,
                "thema": themas[thema],
                "wijk": wijken[code],
                "buurt": Buurt.objects.get(wijk=wijken[code], naam=buurtnaam),
            },
        )
        nieuw += 1
    # The demo resident follows one item of someone else (an email with each public step).
    gevolgd = Onderwerp.objects.openbaar().filter(titel=GEVOLGD_ONDERWERP).first()
    if gevolgd is not None:
        services.onderwerp_volgen(onderwerp=gevolgd, door=accounts["bewoner"])
    if stdout is not None:
        stdout.write(f"Items: {nieuw} new, {Onderwerp.objects.count()} in all.")
    return nieuw

"""The demo's contact log: a handful of contacts in the two wards of the demo advisor
and community worker (Centrum and Noord) over the last months.

Some have an open follow-up (one overdue), some a follow-up that is done; one group
(Voetbalclub Noorderpark) had its last contact more than a year ago, so a dashboard can
show a group nobody has spoken with lately. New entries go through the same service the
officials use. Idempotent: an entry is looked up by its natural key (ward, subject) before
it is made; dates are relative to the day of seeding.
"""

import datetime

from django.utils import timezone

from contacten.contactmomenten import Contactmoment, Contactvorm
from contacten.services_contactmomenten import contactmoment_vastleggen, vervolg_afronden
from wijken.models import Bewonersgroep, Wijk

# (ward code, group name or "", resident or "", days ago, kind, who (account key),
#  subject, note, follow-up, follow-up due in days (or None), follow-up done)
CONTACTMOMENTEN = [
    (
        "WK999901",
        "Wijkraad Centrum",
        "",
        20,
        Contactvorm.BIJEENKOMST,
        "wijkadviseur",
        "Jaarplanning van de wijkraad",
        "De wijkraad wil dit jaar een schouw in het Havenkwartier en een bewonersavond.",
        "Twee data voor de schouw voorstellen.",
        14,
        False,
    ),
    (
        "WK999901",
        "Ondernemersvereniging Binnenstad",
        "",
        75,
        Contactvorm.GESPREK,
        "wijkadviseur",
        "Verlichting in de winkelstraat",
        "Winkeliers vinden de straat 's avonds te donker.",
        "Melding doorzetten naar openbare verlichting.",
        -45,
        True,
    ),
    (
        "WK999901",
        "",
        "Mevrouw De Wit",
        10,
        Contactvorm.TELEFOON,
        "opbouwwerker",
        "Idee voor een buurtmoestuin",
        "Zij zoekt buren die mee willen doen.",
        "Uitnodigen voor het overleg met de buurtpreventie.",
        -3,
        False,
    ),
    (
        "WK999901",
        "Buurtpreventie Havenkwartier",
        "",
        140,
        Contactvorm.SCHOUW,
        "opbouwwerker",
        "Avondschouw Havenkwartier",
        "Samen de donkere plekken langs de kade bekeken.",
        "",
        None,
        False,
    ),
    (
        "WK999902",
        "Wijkraad Noord",
        "",
        35,
        Contactvorm.BIJEENKOMST,
        "wijkadviseur",
        "Bestuur zoekt een penningmeester",
        "Sinds het vertrek van de penningmeester is het bestuur niet compleet.",
        "Vacature op de wijkpagina zetten.",
        -20,
        True,
    ),
    (
        "WK999902",
        "Wijkraad Noord",
        "",
        60,
        Contactvorm.GESPREK,
        "wijkwethouder",
        "Werkbezoek van de wijkwethouder",
        "Gesproken over de oversteek bij de Koolmeesweg en de speelplek in het park.",
        "",
        None,
        False,
    ),
    (
        "WK999902",
        "Jeugdvereniging De Vogels",
        "",
        50,
        Contactvorm.GESPREK,
        "opbouwwerker",
        "Ruimte voor zomeractiviteiten",
        "De vereniging zoekt een binnenruimte voor regenachtige dagen.",
        "Navragen of de gymzaal van de basisschool beschikbaar is.",
        30,
        False,
    ),
    (
        "WK999902",
        "Buurtvereniging De Molen",
        "",
        100,
        Contactvorm.EMAIL,
        "wijkadviseur",
        "Vergunning voor de rommelmarkt",
        "Vragen over de evenementenvergunning beantwoord.",
        "",
        None,
        False,
    ),
    (
        "WK999902",
        "Voetbalclub Noorderpark",
        "",
        400,
        Contactvorm.GESPREK,
        "wijkadviseur",
        "Kennismaking met het nieuwe clubbestuur",
        "Kennisgemaakt; de club laat van zich horen als er iets speelt.",
        "",
        None,
        False,
    ),
]


def seed_contactmomenten(*, accounts: dict, stdout=None) -> int:
    """Log the demo contact moments that do not exist yet; returns how many were made."""
    vandaag = timezone.localdate()
    wijken = Wijk.objects.in_bulk(field_name="code")
    door = accounts["wijkadviseur"]
    gemaakt = 0
    for (
        code,
        groepsnaam,
        bewoner,
        dagen_geleden,
        vorm,
        wie,
        onderwerp,
        notitie,
        vervolg,
        vervolg_over,
        gedaan,
    ) in CONTACTMOMENTEN:
        wijk = wijken.get(code)
        if wijk is None or Contactmoment.objects.filter(wijk=wijk, onderwerp=onderwerp).exists():
            continue
        groep = Bewonersgroep.objects.filter(wijk=wijk, naam=groepsnaam).first()
        if groepsnaam and groep is None:
            continue
        datum = vandaag - datetime.timedelta(days=dagen_geleden)
        contactmoment = contactmoment_vastleggen(
            door=door,
            wijk=wijk,
            groep=groep,
            bewoner=bewoner,
            datum=datum,
            vorm=vorm,
            medewerker=accounts[wie],
            onderwerp=onderwerp,
            notitie=notitie,
            vervolg=vervolg,
            vervolg_voor=vandaag + datetime.timedelta(days=vervolg_over)
            if vervolg and vervolg_over is not None
            else None,
        )
        if gedaan:
            vervolg_afronden(door=door, contactmoment=contactmoment)
        gemaakt += 1
    if stdout:
        stdout.write(f"Contact moments: {gemaakt} created.")
    return gemaakt

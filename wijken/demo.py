"""The demo municipality's wards: Wijkstad (GM9999), its groups, seats and professionals.

Idempotent: wards and neighbourhoods come from ``data/demo_wijken.csv`` through the same
import service as ``manage.py import_wijken``; everything else is looked up by a natural
key (ward + name, group + seat) before it is created.
"""

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model

from wijken import demo_kaart, services
from wijken.models import (
    Berichtfrequentie,
    Bestuursfunctie,
    Bewonersgroep,
    Buurt,
    Functiesoort,
    Groepssoort,
    Overnemer,
    Terugvalregeling,
    Volger,
    Wijk,
    Wijkprofessional,
    WijkraadStatus,
)

DEMO_CSV = Path(__file__).resolve().parent / "data" / "demo_wijken.csv"

BESCHRIJVINGEN = {
    "WK999901": "Het oude centrum van Wijkstad, met de haven, het station en veel winkels.",
    "WK999902": "Een groene woonwijk uit de jaren zestig met veel gezinnen en een groot park.",
    "WK999903": "Rustige wijk aan de oostkant, met volkstuinen en het nieuwe Tuinstad.",
    "WK999904": "Zuid ligt langs het kanaal; het sportpark hoort voor de gemeente bij deze wijk.",
    "WK999905": "Jonge wijk met veel starters en een levendig winkelcentrum.",
    "WK999906": "Het dorp en de polders rond Wijkstad.",
}

# (ward code, name, kind, description, neighbourhood names served)
GROEPEN = [
    (
        "WK999901",
        "Wijkraad Centrum",
        Groepssoort.WIJKRAAD,
        "De wijkraad praat mee over alles wat het centrum aangaat.",
        [],
    ),
    (
        "WK999901",
        "Ondernemersvereniging Binnenstad",
        Groepssoort.ONDERNEMERSVERENIGING,
        "Winkeliers en horeca van de binnenstad.",
        ["Binnenstad"],
    ),
    (
        "WK999901",
        "Buurtpreventie Havenkwartier",
        Groepssoort.BUURTPREVENTIETEAM,
        "Bewoners die 's avonds een rondje lopen en opletten.",
        ["Havenkwartier"],
    ),
    ("WK999902", "Wijkraad Noord", Groepssoort.WIJKRAAD, "De wijkraad van Noord.", []),
    (
        "WK999902",
        "Buurtvereniging De Molen",
        Groepssoort.BUURTVERENIGING,
        "Straatfeesten, de jaarlijkse rommelmarkt en burenhulp.",
        ["Molenwijk"],
    ),
    (
        "WK999902",
        "Jeugdvereniging De Vogels",
        Groepssoort.JEUGDVERENIGING,
        "Activiteiten voor kinderen van 6 tot 16 jaar.",
        ["Vogelbuurt", "Bloemenbuurt"],
    ),
    (
        "WK999902",
        "Voetbalclub Noorderpark",
        Groepssoort.SPORTVERENIGING,
        "Voetbal voor jong en oud.",
        ["Noorderpark"],
    ),
    (
        "WK999902",
        "Buurthuis De Schakel",
        Groepssoort.INSTELLING,
        "Het buurthuis van Noord: ontmoeten, cursussen, spreekuren.",
        [],
    ),
    ("WK999904", "Wijkraad Zuid", Groepssoort.WIJKRAAD, "De wijkraad van Zuid.", []),
    (
        "WK999904",
        "Moestuin Lindenhof",
        Groepssoort.OVERIG,
        "Samen tuinieren op de hoek van de Lindenlaan.",
        ["Lindenhof"],
    ),
    (
        "WK999905",
        "Buurtvereniging De Akkers",
        Groepssoort.BUURTVERENIGING,
        "Voor en door bewoners van De Akkers.",
        ["De Akkers"],
    ),
]

# (group name, seat, title, holder name or "" for vacant, vacancy text)
FUNCTIES = [
    ("Wijkraad Centrum", Functiesoort.VOORZITTER, "", "Anneke Jansen", ""),
    (
        "Wijkraad Centrum",
        Functiesoort.SECRETARIS,
        "",
        "",
        "Houd jij van overzicht? Als secretaris bereid je de vergaderingen voor en houd je "
        "de contacten met de gemeente bij. Ongeveer vier uur per maand.",
    ),
    (
        "Wijkraad Centrum",
        Functiesoort.PENNINGMEESTER,
        "",
        "",
        "Wij zoeken iemand die het wijkbudget van de wijkraad wil beheren. Ervaring is "
        "niet nodig; de gemeente helpt je op weg.",
    ),
    (
        "Wijkraad Noord",
        Functiesoort.VOORZITTER,
        "",
        "",
        "De wijkraad van Noord is gestopt. Wil jij helpen een nieuwe wijkraad op te "
        "zetten? Laat het ons weten.",
    ),
    ("Buurtvereniging De Molen", Functiesoort.VOORZITTER, "", "Mehmet Yilmaz", ""),
    (
        "Buurtvereniging De Molen",
        Functiesoort.LID,
        "",
        "",
        "Help mee met het organiseren van het straatfeest en de rommelmarkt.",
    ),
    (
        "Jeugdvereniging De Vogels",
        Functiesoort.ANDERS,
        "Coördinator vrijwilligers",
        "",
        "Je zorgt dat er bij elke activiteit genoeg begeleiders zijn.",
    ),
    ("Wijkraad Zuid", Functiesoort.VOORZITTER, "", "Priya Ramdin", ""),
    ("Wijkraad Zuid", Functiesoort.SECRETARIS, "", "Joost de Boer", ""),
    ("Wijkraad Zuid", Functiesoort.PENNINGMEESTER, "", "Fatima el Amrani", ""),
]

# (ward code, name, role, organisation, email, telephone, how to reach)
PROFESSIONALS = [
    (
        "WK999901",
        "Wijkagent Centrum",
        "Wijkagent",
        "Politie",
        "",
        "0900-8844",
        "Spreekuur dinsdag 10–12 uur op het politiebureau.",
    ),
    (
        "WK999901",
        "Sociaal wijkteam Centrum",
        "Wijkteam",
        "Sociaal Wijkteam Wijkstad",
        "wijkteam-centrum@example.org",
        "",
        "",
    ),
    ("WK999902", "Wijkagent Noord", "Wijkagent", "Politie", "", "0900-8844", ""),
    (
        "WK999902",
        "Jongerenwerk Noord",
        "Jongerenwerker",
        "Stichting Welzijn Wijkstad",
        "jongerenwerk-noord@example.org",
        "",
        "Woensdagmiddag in Buurthuis De Schakel.",
    ),
    (
        "WK999902",
        "Woonconsulent Noord",
        "Woonconsulent",
        "Woningcorporatie Wijkstad Wonen",
        "noord@wijkstadwonen.example.org",
        "",
        "",
    ),
    (
        "WK999902",
        "Wijkverpleging Noord",
        "Wijkverpleegkundige",
        "Thuiszorg Wijkstad",
        "",
        "",
        "Via de huisarts of het wijkteam.",
    ),
    ("WK999904", "Wijkagent Zuid", "Wijkagent", "Politie", "", "0900-8844", ""),
]


def _demo_medewerker(email: str, naam: str, rol: str):
    """An extra official for the wards the demo accounts do not cover (cannot sign in)."""
    gebruiker, _ = get_user_model().objects.get_or_create(
        email=email, defaults={"weergavenaam": naam, "rol": rol, "is_demo": True}
    )
    return gebruiker


def seed_wijken(*, accounts: dict, stdout=None) -> dict:
    """Seed Wijkstad's wards; ``accounts`` as returned by ``seed_accounts()``. Returns the
    wards by code."""
    with DEMO_CSV.open(encoding="utf-8") as f:
        resultaat = services.wijken_importeren(bestand=f)
    if stdout:
        stdout.write(
            f"Wards: {resultaat.wijken.aangemaakt} created, {resultaat.wijken.bijgewerkt} "
            f"updated, {resultaat.wijken.ongewijzigd} unchanged."
        )
    # Wijkstad has no CBS map: the demo draws its own (wijken.demo_kaart).
    buurten = Buurt.objects.in_bulk(list(demo_kaart.CENTRA), field_name="code")
    services.buurtgrenzen_opslaan(
        grenzen_per_buurt={buurten[c]: g for c, g in demo_kaart.grenzen().items() if c in buurten}
    )
    wijken = Wijk.objects.in_bulk(field_name="code")

    adviseur, wethouder = accounts["wijkadviseur"], accounts["wijkwethouder"]
    opbouwwerker = accounts["opbouwwerker"]
    adviseur2 = _demo_medewerker("adviseur.zuidwest@example.org", "Sanne Smit", "wijkadviseur")
    adviseur3 = _demo_medewerker("adviseur.buiten@example.org", "Karim Haddou", "wijkadviseur")
    wethouder2 = _demo_medewerker("wethouder.zuid@example.org", "Henk Veldman", "wijkwethouder")
    aanwijzingen = {
        "WK999901": (wethouder, adviseur, opbouwwerker),
        "WK999902": (wethouder, adviseur, opbouwwerker),
        "WK999903": (wethouder2, adviseur3, None),
        "WK999904": (wethouder2, adviseur2, None),
        "WK999905": (wethouder2, adviseur2, None),
        "WK999906": (wethouder2, adviseur3, None),
    }
    for code, (weth, adv, opb) in aanwijzingen.items():
        # Designations are kept by the functional administrator in the admin; the demo
        # sets them directly, as the admin would.
        Wijk.objects.filter(code=code).update(
            wijkwethouder=weth,
            wijkadviseur=adv,
            opbouwwerker=opb,
            beschrijving=BESCHRIJVINGEN[code],
            contact_email=f"wijk-{wijken[code].naam.lower()}@example.org",
            contact_telefoon="14 0999",
            contact_toelichting="Inloopspreekuur op donderdag van 13 tot 15 uur in het buurthuis.",
        )

    groepen = {}
    for code, naam, soort, beschrijving, buurtnamen in GROEPEN:
        wijk = wijken[code]
        groep = Bewonersgroep.objects.filter(wijk=wijk, naam=naam).first()
        if groep is None:
            groep = services.bewonersgroep_aanmaken(
                wijk=wijk,
                door=None,
                naam=naam,
                soort=soort,
                beschrijving=beschrijving,
                email=f"info@{naam.lower().replace(' ', '')}.example.org",
                buurten=wijk.buurten.filter(naam__in=buurtnamen),
            )
        groepen[naam] = groep
    groepen["Buurtvereniging De Molen"].contactpersonen.add(accounts["groepscontact"])

    for groepnaam, functie, omschrijving, naam, tekst in FUNCTIES:
        groep = groepen[groepnaam]
        if not Bestuursfunctie.objects.filter(
            groep=groep, functie=functie, omschrijving=omschrijving
        ).exists():
            services.bestuursfunctie_aanmaken(
                groep=groep,
                door=None,
                functie=functie,
                omschrijving=omschrijving,
                is_vacant=not naam,
                naam=naam,
                vacaturetekst=tekst,
            )

    # Centrum: a ward council with an incomplete board.
    centrum = Bewonersgroep.objects.get(pk=groepen["Wijkraad Centrum"].pk)
    if centrum.wijkraad_status == WijkraadStatus.ACTIEF:
        services.wijkraad_status_vastleggen(
            groep=centrum,
            status=WijkraadStatus.ONVOLLEDIG,
            door=adviseur,
            toelichting="Secretaris en penningmeester zijn gestopt.",
        )
    # Noord: the ward council stopped; a tailored fallback arrangement runs.
    noord = Bewonersgroep.objects.get(pk=groepen["Wijkraad Noord"].pk)
    if noord.wijkraad_status != WijkraadStatus.GESTOPT:
        services.wijkraad_status_vastleggen(
            groep=noord,
            status=WijkraadStatus.GESTOPT,
            door=adviseur,
            toelichting="Er waren niet genoeg bestuursleden meer te vinden.",
        )
    if not Terugvalregeling.objects.filter(groep=noord, einde__isnull=True).exists():
        schakel = groepen["Buurthuis De Schakel"]
        services.terugvalregeling_vastleggen(
            groep=noord,
            door=adviseur,
            ingang=date(2026, 9, 1),
            aanspreekpunt=Overnemer.OPBOUWWERKER,
            toelichting=(
                "Tot er een nieuwe wijkraad is, is de opbouwwerker het aanspreekpunt. "
                "Buurthuis De Schakel organiseert samen met de buurtvereniging de wijkschouw."
            ),
            taken=[
                services.TaakOvername("Aanspreekpunt voor de gemeente", Overnemer.OPBOUWWERKER),
                services.TaakOvername("Wijkbudget", Overnemer.WIJKADVISEUR),
                services.TaakOvername("Jaarlijkse wijkschouw", Overnemer.GROEP, schakel),
            ],
        )

    for code, naam, rol, organisatie, email, telefoon, bereikbaarheid in PROFESSIONALS:
        wijk = wijken[code]
        if not Wijkprofessional.objects.filter(wijk=wijk, naam=naam).exists():
            services.wijkprofessional_aanmaken(
                wijk=wijk,
                door=None,
                naam=naam,
                rol=rol,
                organisatie=organisatie,
                email=email,
                telefoon=telefoon,
                bereikbaarheid=bereikbaarheid,
            )
    return wijken


#: The demo resident follows their own ward, once a week (``manage.py wijkberichten``).
DEMO_VOLGERS = [("bewoner", "WK999901", Berichtfrequentie.WEKELIJKS)]


def seed_volgers(*, accounts: dict, stdout=None) -> None:
    """The demo resident follows a ward. Idempotent: looked up by person and ward."""
    for account, code, frequentie in DEMO_VOLGERS:
        wijk = Wijk.objects.filter(code=code).first()
        if wijk is None or account not in accounts:
            continue
        _volger, nieuw = Volger.objects.get_or_create(
            gebruiker=accounts[account],
            wijk=wijk,
            onderwerp=None,
            defaults={"frequentie": frequentie},
        )
        if stdout and nieuw:
            stdout.write(f"{accounts[account].email} follows {wijk.naam}.")

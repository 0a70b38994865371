"""A municipality the size of Amsterdam for load tests and the benchmark (``seed_load``).

Everything is generated from one seeded ``random.Random``: the same seed on the same day
gives the same data set (times are relative to today: the items of the last weeks are
still open). Rows are streamed per table in chunks: on PostgreSQL through ``COPY`` (psycopg
3), elsewhere through ``executemany`` (only meant for the small preset in tests). Primary
keys are assigned here and the sequences are set afterwards, so later inserts through the
ORM continue after the generated rows.

No per-row ORM saves and no ORM objects: a row is a tuple of column values, and each
table's fields are listed once below. Items are generated in chronological order (their
ids grow with time, as in real life), their status history is a walk through the workflow
table (``initiatieven.workflow.OVERGANGEN``): every step is a transition the table allows,
taken by the actor the table names, with increasing timestamps.

Every account is a demo account (``is_demo``) with one shared, published password: they
can sign in only while ``DEMO`` is on.
"""

import bisect
import collections
import datetime as dt
import json
import math
import random
import resource
import time
import zoneinfo
from dataclasses import dataclass, replace

import shapely
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone
from shapely.geometry import MultiPoint, box

from contacten.models import (
    Agendapunt,
    AgendapuntStatus,
    Besluit,
    Bezoek,
    Bezoeksoort,
    Bezoekstatus,
    Collegeperiode,
    Contactmoment,
    Contactvorm,
    Dagdeel,
    Gebruiker,
    Orgaan,
    Resultaat,
    Rol,
    Toezegging,
    ToezeggingStatus,
    Vergadering,
    VergaderStatus,
)
from initiatieven.keuzes import AFGEHANDELD, AFGESLOTEN, RolGemeente, Soort, Status
from initiatieven.models import Actie, Onderwerp, Statuswijziging, Thema
from initiatieven.services import werkdagen_later
from initiatieven.workflow import NA_BESLUIT, Actor, Vereiste, overgang
from meedenken.models import (
    Aanmelding,
    Beoordeling,
    Bijeenkomst,
    Inbreng,
    Keuzeoptie,
    Meedenkvraag,
    Staat,
    Terugkoppeling,
    standaard_terugkoppeling_voor,
)
from wijken import grenzen, pagecache
from wijken.models import (
    Berichtfrequentie,
    Bestuursfunctie,
    Bewonersgroep,
    Buurt,
    Buurtgrens,
    Functiesoort,
    Groepssoort,
    Kerncijfers,
    Overnemer,
    Terugvalregeling,
    TerugvalTaak,
    Volger,
    Wijk,
    Wijkprofessional,
    WijkraadStatus,
    WijkraadStatuswijziging,
)

LOAD_WACHTWOORD = "wijkportaal-load"  # noqa: S105 - published on purpose, demo accounts only

#: The accounts the benchmark signs in as: (email, display name, role). Ward 1 is theirs.
ROLACCOUNTS = [
    ("load-bewoner@example.org", "Lotte Loadbewoner", Rol.BEWONER),
    ("load-wijkadviseur@example.org", "Ahmed Loadadviseur", Rol.WIJKADVISEUR),
    ("load-opbouwwerker@example.org", "Olga Loadopbouw", Rol.OPBOUWWERKER),
    ("load-wijkwethouder@example.org", "Wim Loadwethouder", Rol.WIJKWETHOUDER),
    ("load-collegelid@example.org", "Karin Loadcollege", Rol.COLLEGELID),
    ("load-griffie@example.org", "Gert Loadgriffie", Rol.GRIFFIE),
    ("load-beheerder@example.org", "Bea Loadbeheer", Rol.BEHEERDER),
]

GEMEENTECODE = "GM0363"
GEMEENTENAAM = "Amstelstad"
COLLEGEPERIODES = [(2018, 2022), (2022, 2026), (2026, 2030)]
CHUNK = 5000
#: Questions each ward is asked per year (drawn from this range), besides the one a year
#: to every ward; the mean number of responses to a question of one ward (all wards: 5x).
VRAGEN_PER_WIJK_PER_JAAR = (2, 4)
REACTIES_GEMIDDELD = 25
#: The question of ward 1 with 2,000 responses that the benchmark measures.
GROTE_VRAAG_TITEL = "Denk mee over de inrichting van het Marktplein"
GROTE_VRAAG_REACTIES = 2000


@dataclass(frozen=True)
class Omvang:
    """How much of everything; ``gebruikers`` is the total number of accounts."""

    wijken: int = 100
    buurten: int = 500
    groepen: int = 3000
    gebruikers: int = 100_000
    onderwerpen: int = 250_000
    jaren: int = 10

    def geschaald(self, factor: float) -> "Omvang":
        return replace(
            self,
            wijken=max(1, round(self.wijken * factor)),
            buurten=max(1, round(self.buurten * factor)),
            groepen=max(1, round(self.groepen * factor)),
            gebruikers=max(1, round(self.gebruikers * factor)),
            onderwerpen=max(1, round(self.onderwerpen * factor)),
        )

    def controleren(self) -> list[str]:
        fouten = []
        if self.buurten < self.wijken:
            fouten.append("--buurten must be at least --wijken (every ward has a neighbourhood)")
        if self.groepen < self.wijken:
            fouten.append("--groepen must be at least --wijken (every ward has a ward council)")
        if self.gebruikers < len(staf_omvang(self.wijken)) + 50:
            fouten.append("--gebruikers is too small for the staff plus residents")
        if self.onderwerpen < 2 * len(Status):
            fouten.append(f"--onderwerpen must be at least {2 * len(Status)} (every status)")
        if self.jaren < 1 or self.jaren > 30:
            fouten.append("--jaren must be between 1 and 30")
        if self.wijken > 99 + 26 * 36 or self.buurten // self.wijken > 900:
            fouten.append("too many wards or neighbourhoods per ward for CBS codes")
        return fouten


KLEIN = Omvang(wijken=10, buurten=30, groepen=60, gebruikers=500, onderwerpen=2000)


def staf_omvang(wijken: int) -> list[str]:
    """The roles of the staff accounts, role accounts included, for this many wards."""
    per_drie = max(1, -(-wijken // 3))
    return (
        [Rol.WIJKADVISEUR] * per_drie
        + [Rol.OPBOUWWERKER] * per_drie
        + [Rol.WIJKWETHOUDER] * min(8, max(1, -(-wijken // 10)))
        + [Rol.COLLEGELID] * 4
        + [Rol.GRIFFIE] * 3
        + [Rol.BEHEERDER] * 2
    )


# --- word lists: Dutch, so that full-text search finds things --------------------------------

VOORNAMEN = [
    "Anna",
    "Bram",
    "Chantal",
    "Daan",
    "Emma",
    "Fatima",
    "Gijs",
    "Hanna",
    "Ibrahim",
    "Jasmijn",
    "Kees",
    "Lieke",
    "Mohammed",
    "Noor",
    "Olivier",
    "Priya",
    "Quinten",
    "Rosa",
    "Sem",
    "Tess",
    "Umar",
    "Vera",
    "Willem",
    "Yara",
    "Zeynep",
    "Bas",
    "Mila",
    "Luuk",
    "Sara",
    "Thijs",
    "Femke",
    "Jesse",
    "Ayoub",
    "Ilse",
    "Ruben",
    "Naima",
    "Joost",
    "Esra",
    "Pieter",
    "Lotte",
]
ACHTERNAMEN = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Bouzid",
    "Pinas",
    "Kartosen",
    "van Dijk",
    "Verhoeven",
    "Koster",
    "Prins",
    "Huisman",
    "Kok",
]
NAAM_VOOR = [
    "Ooster",
    "Wester",
    "Noorder",
    "Zuider",
    "Linden",
    "Eiken",
    "Beuken",
    "Wilgen",
    "Molen",
    "Haven",
    "Kade",
    "Vogel",
    "Bloemen",
    "Dichter",
    "Schilders",
    "Rivieren",
    "Sterren",
    "Tuin",
    "Bos",
    "Water",
    "Veen",
    "Dijk",
    "Sluis",
    "Brug",
    "Kerk",
    "Markt",
    "Park",
    "Weide",
    "Akker",
    "Zee",
    "Duin",
    "Hof",
    "Slot",
    "Burcht",
    "Kanaal",
    "Spoor",
    "Lucht",
    "Vaart",
    "Beek",
    "Heide",
]
WIJK_ACHTER = [
    "wijk",
    "stad",
    "dorp",
    "kwartier",
    "park",
    "veld",
    "hoek",
    "meer",
    "polder",
    "dam",
    "zijde",
    "rijk",
    "oord",
    "hout",
]
BUURT_ACHTER = [
    "buurt",
    "hof",
    "straat",
    "plein",
    "kade",
    "eiland",
    "laan",
    "erf",
    "singel",
    "gracht",
    "tuinen",
    "hoven",
]
THEMAS = [
    "Groen",
    "Verkeer en parkeren",
    "Veiligheid",
    "Spelen",
    "Afval en schoon",
    "Ontmoeting",
    "Sport en bewegen",
    "Cultuur",
    "Wonen",
    "Zorg en welzijn",
    "Duurzaamheid",
    "Jeugd",
]
WENS = [
    "Nieuwe",
    "Meer",
    "Betere",
    "Veilige",
    "Groene",
    "Extra",
    "Vernieuwde",
    "Schone",
    "Gezellige",
    "Overdekte",
]
DING = [
    "bankjes",
    "speeltuin",
    "fietsenstalling",
    "straatverlichting",
    "bomen",
    "oversteekplaats",
    "moestuin",
    "afvalbakken",
    "jeu-de-boulesbaan",
    "buurtkamer",
    "geveltuinen",
    "watertappunt",
    "hondenuitlaatplek",
    "picknicktafels",
    "voetpaden",
    "laadpalen",
    "sportveld",
    "bloembakken",
    "zebrapaden",
    "kunstwerken",
    "drempels",
    "fietspaden",
    "trapveldje",
    "bibliotheekkastje",
    "bijenhotel",
]
KNELPUNT = [
    "Gevaarlijke kruising",
    "Te hard rijden",
    "Zwerfafval",
    "Kapotte stoeptegels",
    "Wateroverlast",
    "Donkere steeg",
    "Overvolle containers",
    "Geluidsoverlast",
    "Onveilige speelplek",
    "Parkeeroverlast",
    "Losliggende klinkers",
    "Verstopte putten",
    "Dumpingen van grofvuil",
    "Kapotte lantaarnpaal",
]
ZINNEN = [
    "Veel bewoners uit de buurt vragen hier al jaren om.",
    "Kinderen spelen hier dagelijks en ouders maken zich zorgen.",
    "Wij willen dit samen met de buren aanpakken en zelf onderhouden.",
    "De ondernemers in de straat steunen dit plan.",
    "Ouderen voelen zich hier 's avonds niet veilig.",
    "Er is ruimte genoeg op het plein bij de school.",
    "In de zomer is het hier erg warm en er is weinig schaduw.",
    "De wijkraad heeft dit besproken en is positief.",
    "Fietsers en voetgangers komen elkaar hier vaak tegen.",
    "Met een kleine bijdrage van de gemeente kunnen wij dit realiseren.",
    "Na regen staat het water hier dagenlang op straat.",
    "Er staan regelmatig fietswrakken en vuilniszakken naast de containers.",
    "Een buurtbewoner heeft een tekening gemaakt van hoe het eruit kan zien.",
    "Het groen in het park wordt slecht onderhouden.",
    "Jongeren hebben in de buurt geen plek om te sporten.",
]
TOELICHTINGEN = [
    "De gemeente neemt dit mee in het onderhoudsplan van dit jaar.",
    "De wijkadviseur heeft met de indieners gesproken en een plan gemaakt.",
    "Dit past niet binnen de regels voor de openbare ruimte.",
    "Het budget voor dit jaar is op; we kijken er volgend jaar opnieuw naar.",
    "Het college heeft het voorstel besproken.",
    "De aannemer start na de zomer met de uitvoering.",
    "De buurt is geraadpleegd en het merendeel is voor.",
]
RESULTATEN = [
    "Het plan is uitgevoerd en de buurt heeft het feestelijk geopend.",
    "De aanpassing is klaar; bewoners onderhouden het groen zelf.",
    "De gemeente heeft het probleem opgelost en controleert voortaan vaker.",
    "Het college heeft ingestemd en de uitvoering is afgerond.",
]
ADVIEZEN = [
    "Advies: steunen, het past in het wijkplan.",
    "Advies: eerst met de buurt in gesprek.",
    "Advies: agenderen voor het college vanwege het budget.",
]
STRATEN = [
    "Dorpsstraat",
    "Kerkweg",
    "Schoolstraat",
    "Molenlaan",
    "Parkweg",
    "Havenkade",
    "Lindelaan",
    "Marktplein",
]
MEEDENK_OPTIES = [
    ["Ja, graag", "Liever niet", "Maakt me niet uit"],
    ["Meer groen", "Meer speelruimte", "Meer parkeerplaatsen", "Laten zoals het is"],
    ["Op het plein", "In het park", "Bij de school", "Bij het buurthuis"],
    ["'s Ochtends", "'s Middags", "'s Avonds"],
]
BELEIDSONDERWERPEN = ["Wijkplan", "Groenplan", "Mobiliteitsplan", "Omgevingsvisie", ""]
TOEGANKELIJKHEID = [
    "Drempelvrije ingang, ringleiding en een invalidentoilet.",
    "De zaal is op de eerste verdieping; er is een lift.",
    "",
]
WAAROM = [
    "De meeste reacties wezen dezelfde kant op.",
    "Het plan past binnen het budget en de regels voor de openbare ruimte.",
    "Bewoners hebben goede argumenten gegeven die we hebben overgenomen.",
    "Niet alles kan: een deel van de wensen past niet in de ruimte die er is.",
]
STAF_NAMEN = {
    Rol.WIJKADVISEUR: "Wijkadviseur",
    Rol.OPBOUWWERKER: "Opbouwwerker",
    Rol.WIJKWETHOUDER: "Wethouder",
    Rol.COLLEGELID: "Collegelid",
    Rol.GRIFFIE: "Griffier",
    Rol.BEHEERDER: "Beheerder",
}

# --- the walk through the workflow -------------------------------------------------------------

S = Status
#: Where an item goes next from each state, with weights. Only steps the workflow table
#: allows are possible: checked on import, so a change of the table fails here loudly.
VERVOLG: dict[Status, list[tuple[Status, int]]] = {
    S.INGEDIEND: [
        (S.IN_BEHANDELING, 90),
        (S.NIET_MOGELIJK, 3),
        (S.NOG_NIET_MOGELIJK, 3),
        (S.INGETROKKEN, 4),
    ],
    S.IN_BEHANDELING: [
        (S.IN_UITVOERING, 45),
        (S.AFGEROND, 3),
        (S.BIJ_WIJKWETHOUDER, 45),
        (S.NIET_MOGELIJK, 3),
        (S.NOG_NIET_MOGELIJK, 7),
        (S.INGETROKKEN, 2),
    ],
    S.IN_UITVOERING: [
        (S.AFGEROND, 45),
        (S.BIJ_WIJKWETHOUDER, 35),
        (S.NIET_MOGELIJK, 3),
        (S.NOG_NIET_MOGELIJK, 7),
        (S.INGETROKKEN, 2),
    ],
    S.BIJ_WIJKWETHOUDER: [
        (S.GEAGENDEERD_COLLEGE, 45),
        (S.IN_BEHANDELING, 50),
        (S.NIET_MOGELIJK, 4),
        (S.NOG_NIET_MOGELIJK, 6),
        (S.INGETROKKEN, 2),
    ],
    S.GEAGENDEERD_COLLEGE: [
        (S.AFGEROND, 35),
        (S.GEAGENDEERD_RAAD, 40),
        (S.NIET_MOGELIJK, 8),
        (S.NOG_NIET_MOGELIJK, 7),
        (S.IN_BEHANDELING, 18),
        (S.BIJ_WIJKWETHOUDER, 8),
    ],
    S.GEAGENDEERD_RAAD: [
        (S.AFGEROND, 55),
        (S.NIET_MOGELIJK, 15),
        (S.NOG_NIET_MOGELIJK, 10),
        (S.IN_BEHANDELING, 20),
    ],
    S.NOG_NIET_MOGELIJK: [(S.IN_BEHANDELING, 1)],
}
#: Mean days an item stays in a state before its next step (agenda states follow meetings).
DUUR = {
    S.INGEDIEND: 7,
    S.IN_BEHANDELING: 30,
    S.IN_UITVOERING: 75,
    S.BIJ_WIJKWETHOUDER: 18,
    S.NOG_NIET_MOGELIJK: 200,
}
#: Share of "not possible yet" items that are taken up again when their revisit comes.
HERBEZIEN_KANS = 0.7
MAX_STAPPEN = 14
#: One path per status, ending in it: every status exists even in the small preset.
VASTE_PADEN: dict[Status, list[Status]] = {
    S.CONCEPT: [S.CONCEPT],
    S.INGEDIEND: [S.CONCEPT, S.INGEDIEND],
    S.IN_BEHANDELING: [S.CONCEPT, S.INGEDIEND, S.IN_BEHANDELING],
    S.IN_UITVOERING: [S.CONCEPT, S.INGEDIEND, S.IN_BEHANDELING, S.IN_UITVOERING],
    S.BIJ_WIJKWETHOUDER: [S.CONCEPT, S.INGEDIEND, S.IN_BEHANDELING, S.BIJ_WIJKWETHOUDER],
    S.GEAGENDEERD_COLLEGE: [
        *(S.CONCEPT, S.INGEDIEND, S.IN_BEHANDELING, S.BIJ_WIJKWETHOUDER),
        S.GEAGENDEERD_COLLEGE,
    ],
    S.GEAGENDEERD_RAAD: [
        *(S.CONCEPT, S.INGEDIEND, S.IN_BEHANDELING, S.BIJ_WIJKWETHOUDER),
        *(S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD),
    ],
    S.AFGEROND: [S.CONCEPT, S.INGEDIEND, S.IN_BEHANDELING, S.IN_UITVOERING, S.AFGEROND],
    S.NIET_MOGELIJK: [S.CONCEPT, S.INGEDIEND, S.IN_BEHANDELING, S.NIET_MOGELIJK],
    S.NOG_NIET_MOGELIJK: [S.CONCEPT, S.INGEDIEND, S.IN_BEHANDELING, S.NOG_NIET_MOGELIJK],
    S.INGETROKKEN: [S.CONCEPT, S.INGEDIEND, S.INGETROKKEN],
}
#: The decision recorded for an agenda item whose items go to this state (the workflow's
#: ``NA_BESLUIT`` the other way round).
BESLUIT_VOOR = {naar: Resultaat(besluit) for besluit, naar in NA_BESLUIT.items()}


def _tabel_controleren():
    for van, opties in VERVOLG.items():
        for naar, _gewicht in opties:
            if overgang(van, naar) is None:
                raise AssertionError(f"seed_load: the workflow has no step {van} -> {naar}")
    for pad in VASTE_PADEN.values():
        for van, naar in zip(pad, pad[1:], strict=False):
            if overgang(van, naar) is None:
                raise AssertionError(f"seed_load: the workflow has no step {van} -> {naar}")


_tabel_controleren()


# --- writing rows --------------------------------------------------------------------------------


class Schrijver:
    """Streams rows (tuples in the order of ``velden``) into a model's table."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self.aantallen: collections.Counter = collections.Counter()

    def schrijf(self, model, velden: list[str], rijen) -> int:
        qn = connection.ops.quote_name
        tabel = qn(model._meta.db_table)
        kolommen = ", ".join(qn(model._meta.get_field(v).column) for v in velden)
        n = 0
        with connection.cursor() as cursor:
            if self.postgres:
                # The DB-API cursor underneath Django's wrapper is psycopg 3's: COPY streams
                # the rows as they are generated, nothing is collected first.
                with cursor.cursor.copy(f"COPY {tabel} ({kolommen}) FROM STDIN") as copy:
                    for rij in rijen:
                        copy.write_row(rij)
                        n += 1
            else:
                plaatsen = ", ".join(["%s"] * len(velden))
                # Table and column names come from the models, never from input.
                sql = f"INSERT INTO {tabel} ({kolommen}) VALUES ({plaatsen})"  # noqa: S608
                partij = []
                for rij in rijen:
                    partij.append(tuple(_sqlite_waarde(w) for w in rij))
                    if len(partij) >= 2000:
                        cursor.executemany(sql, partij)
                        n += len(partij)
                        partij = []
                if partij:
                    cursor.executemany(sql, partij)
                    n += len(partij)
        self.aantallen[model._meta.label] += n
        return n


def _sqlite_waarde(w):
    if isinstance(w, dt.datetime):
        return connection.ops.adapt_datetimefield_value(w)
    if isinstance(w, dt.date):
        return w.isoformat()
    return w


def _m2m(model, veld: str):
    return model._meta.get_field(veld).remote_field.through


def portaal_modellen() -> list:
    """Every table the data set fills or that refers to its accounts (for --reset)."""
    modellen = []
    for label in (
        "wijken",
        "contacten",
        "initiatieven",
        "meedenken",
        "account",
        "mfa",
        "usersessions",
    ):
        modellen += apps.get_app_config(label).get_models(include_auto_created=True)
    modellen += [apps.get_model("sessions", "Session"), apps.get_model("admin", "LogEntry")]
    return modellen


def heeft_gegevens() -> bool:
    return any(m.objects.exists() for m in (Gebruiker, Wijk, Onderwerp, Thema))


def leegmaken() -> None:
    """Empty the portal's tables (TRUNCATE … RESTART IDENTITY on PostgreSQL)."""
    tabellen = [m._meta.db_table for m in portaal_modellen()]
    sql = connection.ops.sql_flush(no_style(), tabellen, reset_sequences=True, allow_cascade=True)
    if connection.vendor == "postgresql":
        # Inside a transaction that already wrote rows (a test), PostgreSQL truncates only
        # once the deferred foreign-key checks have run.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(sql)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def sequences_zetten(modellen) -> None:
    """Set every sequence past the highest generated key, so ORM inserts carry on."""
    sql = connection.ops.sequence_reset_sql(no_style(), modellen)
    with connection.cursor() as cursor:
        for regel in sql:
            cursor.execute(regel)


def piekgeheugen_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --- the generator -----------------------------------------------------------------------------


def _code(n: int) -> str:
    """Two CBS code characters for 1..99, then letters (A0..Z9), as the validators allow."""
    if n < 100:
        return f"{n:02d}"
    j = n - 100
    tekens = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return tekens[10 + j // 36] + tekens[j % 36]


def _unieke_namen(rng, n, voor, achter) -> list[str]:
    alle = [v + a for v in voor for a in achter]
    rng.shuffle(alle)
    return [
        alle[i % len(alle)] + ("" if i < len(alle) else f" {i // len(alle) + 1}") for i in range(n)
    ]


class Generator:
    def __init__(self, omvang: Omvang, *, seed: int = 1, uit=None):
        self.omvang = omvang
        # Reproducible test data, not secrets: a seeded generator is the point.
        self.rng = random.Random(seed)  # noqa: S311
        self.uit = uit or (lambda regel: None)
        self.schrijver = Schrijver()
        self.tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        vandaag = timezone.localdate()
        self.nu = dt.datetime.combine(vandaag, dt.time(7, 0), tzinfo=self.tz)
        self.begin = self.nu - dt.timedelta(days=365 * omvang.jaren)
        self.start_tijd = time.monotonic()

    # -- helpers --
    def _log(self, tabel: str, n: int | None):
        rijen = f"{n:>10,} rows" if n is not None else " " * 15
        self.uit(
            f"{tabel:<32} {rijen}  {time.monotonic() - self.start_tijd:7.1f} s  "
            f"peak {piekgeheugen_mb():6.0f} MB"
        )

    def _schrijf(self, model, velden, rijen, naam=None):
        n = self.schrijver.schrijf(model, velden, rijen)
        self._log(naam or model._meta.db_table, n)
        return n

    def _naam(self):
        return f"{self.rng.choice(VOORNAMEN)} {self.rng.choice(ACHTERNAMEN)}"

    def _tekst(self, n=2):
        return " ".join(self.rng.sample(ZINNEN, n))

    def alles(self) -> collections.Counter:
        self.gebruikers()
        self.wijken()
        self.groepen()
        self.themas()
        self.vergaderingen()
        self.bezoeken()
        self.onderwerpen()
        self.contactmomenten()
        self.volgers()
        self.meedenkvragen()
        sequences_zetten(portaal_modellen())
        # COPY is not a statement the page cache's write watcher sees: a server already
        # running must not keep serving what it cached before the load.
        pagecache.raise_all()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # VACUUM as well as ANALYZE: rows written by COPY are not yet marked all-visible,
            # so until autovacuum comes by every index-only scan (the college overview's
            # counts, the work queue's) still reads the table: 500 ms instead of 30.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            self._log("sequences set, VACUUM ANALYZE done", None)
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self._log("sequences set, ANALYZE done", None)
        return self.schrijver.aantallen

    # -- accounts --
    def gebruikers(self):
        o, rng = self.omvang, self.rng
        hash_ = make_password(LOAD_WACHTWOORD)  # once: one hash for every account
        staf = staf_omvang(o.wijken)
        # The role accounts come first (ids 1..7), then the rest of the staff pool.
        rollen: list[tuple[str, str, str]] = [(e, n, r) for e, n, r in ROLACCOUNTS]
        restant = collections.Counter(staf)
        for _e, _n, r in ROLACCOUNTS:
            if r != Rol.BEWONER:
                restant[r] -= 1
        volgnummer = collections.Counter()
        for rol in staf:
            if restant[rol] > 0:
                restant[rol] -= 1
                volgnummer[rol] += 1
                rollen.append(
                    (
                        f"{rol}-{volgnummer[rol]}@load.example.org",
                        f"{STAF_NAMEN[Rol(rol)]} {self._naam()}",
                        rol,
                    )
                )
        self.per_rol: dict[str, list[int]] = collections.defaultdict(list)
        for i, (_e, _n, rol) in enumerate(rollen, start=1):
            self.per_rol[rol].append(i)
        self.aantal_staf = len(rollen)
        self.bewoners = [1, *range(len(rollen) + 1, o.gebruikers + 1)]
        self.rol_van = {i: rol for i, (_e, _n, rol) in enumerate(rollen, start=1)}

        def rijen():
            for i in range(1, o.gebruikers + 1):
                if i <= len(rollen):
                    email, naam, rol = rollen[i - 1]
                else:
                    email, naam, rol = f"bewoner-{i}@load.example.org", self._naam(), Rol.BEWONER
                beheer = rol == Rol.BEHEERDER
                lid = self.begin + dt.timedelta(days=rng.random() * 365 * o.jaren)
                # One account in twenty uses the portal (and gets its emails) in English.
                taal = "en" if i % 20 == 0 else "nl"
                yield (i, hash_, None, beheer, email, naam, str(rol), beheer, True, True, lid, taal)

        self._schrijf(
            Gebruiker,
            [
                "id",
                "password",
                "last_login",
                "is_superuser",
                "email",
                "weergavenaam",
                "rol",
                "is_staff",
                "is_active",
                "is_demo",
                "date_joined",
                "taal",
            ],
            rijen(),
        )

        def adressen():
            for i in range(1, o.gebruikers + 1):
                email = rollen[i - 1][0] if i <= len(rollen) else f"bewoner-{i}@load.example.org"
                yield (i, email, True, True, i)

        self._schrijf(EmailAddress, ["id", "email", "verified", "primary", "user"], adressen())

    # -- wards, neighbourhoods, key figures --
    def _buurtgrenzen(self):
        """A made-up map, as the demo's (``wijken.demo_kaart``): the wards on a grid of
        1.5 km, each ward's neighbourhoods around its centre, each neighbourhood the area
        nearest its own centre. A random generator of its own, so that the rest of the
        data set is the same with or without it."""
        rng = random.Random(28992)  # noqa: S311 - a made-up map, not a secret
        kolommen = math.ceil(math.sqrt(len(self.buurten_van_wijk)))
        centra = []
        for w, buurten in sorted(self.buurten_van_wijk.items()):
            x = 120_000 + ((w - 1) % kolommen) * 1500
            y = 480_000 + ((w - 1) // kolommen) * 1500
            centra += [(b, x + rng.uniform(-600, 600), y + rng.uniform(-600, 600)) for b in buurten]
        rand = box(*MultiPoint([(x, y) for _b, x, y in centra]).buffer(800).bounds)
        vlakken = shapely.voronoi_polygons(
            MultiPoint([(x, y) for _b, x, y in centra]), extend_to=rand, ordered=True
        )
        for (b, _x, _y), vlak in zip(centra, vlakken.geoms, strict=True):
            gehouden = grenzen.vlak(vlak.intersection(rand))
            t = grenzen.tekening(gehouden)
            yield (
                b,
                json.dumps(gehouden),
                t.pad,
                t.label_x,
                t.label_y,
                t.x_min,
                t.y_min,
                t.x_max,
                t.y_max,
                self.begin,
            )

    def wijken(self):
        o, rng = self.omvang, self.rng
        namen = _unieke_namen(rng, o.wijken, NAAM_VOOR, WIJK_ACHTER)
        adv, opb, weth = (
            self.per_rol[Rol.WIJKADVISEUR],
            self.per_rol[Rol.OPBOUWWERKER],
            self.per_rol[Rol.WIJKWETHOUDER],
        )
        self.wijkcodes = {}
        self.staf_van_wijk = {}
        rijen = []
        for w in range(1, o.wijken + 1):
            code = f"WK{GEMEENTECODE[2:]}{_code(w)}"
            self.wijkcodes[w] = code
            staf = (adv[(w - 1) % len(adv)], opb[(w - 1) % len(opb)], weth[(w - 1) % len(weth)])
            self.staf_van_wijk[w] = staf
            rijen.append(
                (
                    w,
                    code,
                    namen[w - 1],
                    GEMEENTECODE,
                    GEMEENTENAAM,
                    f"{namen[w - 1]} is een wijk van {GEMEENTENAAM}. {self._tekst(1)}",
                    f"wijk{w}@load.example.org",
                    "14 020",
                    "Spreekuur in het buurthuis op dinsdagmiddag.",
                    staf[2],
                    staf[0],
                    staf[1],
                    self.begin,
                    self.begin,
                )
            )
        self._schrijf(
            Wijk,
            [
                "id",
                "code",
                "naam",
                "gemeentecode",
                "gemeentenaam",
                "beschrijving",
                "contact_email",
                "contact_telefoon",
                "contact_toelichting",
                "wijkwethouder",
                "wijkadviseur",
                "opbouwwerker",
                "aangemaakt",
                "gewijzigd",
            ],
            rijen,
        )
        self._schrijf(
            Wijkprofessional,
            [
                "id",
                "wijk",
                "naam",
                "rol",
                "organisatie",
                "email",
                "telefoon",
                "website",
                "bereikbaarheid",
                "aangemaakt",
                "gewijzigd",
            ],
            (
                (
                    (w - 1) * len(_PROFESSIONALS) + k + 1,
                    w,
                    self._naam(),
                    rol,
                    organisatie,
                    f"{rol.lower()}.wijk{w}@load.example.org",
                    "",
                    "",
                    "Spreekuur op woensdag in het buurthuis.",
                    self.begin,
                    self.begin,
                )
                for w in range(1, o.wijken + 1)
                for k, (rol, organisatie) in enumerate(_PROFESSIONALS)
            ),
        )
        buurtnamen = _unieke_namen(rng, o.buurten, NAAM_VOOR, BUURT_ACHTER)
        self.buurten_van_wijk = collections.defaultdict(list)
        rijen = []
        for b in range(1, o.buurten + 1):
            w = (b - 1) * o.wijken // o.buurten + 1
            self.buurten_van_wijk[w].append(b)
            code = f"BU{self.wijkcodes[w][2:]}{_code(len(self.buurten_van_wijk[w]))}"
            rijen.append((b, code, buurtnamen[b - 1], w, self.wijkcodes[w], self.begin, self.begin))
        self._schrijf(
            Buurt, ["id", "code", "naam", "wijk", "cbs_wijkcode", "aangemaakt", "gewijzigd"], rijen
        )
        self._schrijf(
            Buurtgrens,
            [
                "buurt",
                "vlak",
                "pad",
                "label_x",
                "label_y",
                "x_min",
                "y_min",
                "x_max",
                "y_max",
                "gewijzigd",
            ],
            self._buurtgrenzen(),
        )

        def cijfers():
            n = 0
            for b in range(1, o.buurten + 1):
                inwoners = rng.randint(400, 9000)
                for jaar in range(self.nu.year - 3, self.nu.year):
                    n += 1
                    inwoners = int(inwoners * rng.uniform(0.98, 1.04))
                    jong, tiener, midden, ouder = (rng.randint(lo, hi) for lo, hi in _LEEFTIJD)
                    oud = max(0, 100 - jong - tiener - midden - ouder)
                    yield (
                        n,
                        b,
                        jaar,
                        inwoners,
                        inwoners * 10 // rng.randint(18, 25),
                        jong,
                        tiener,
                        midden,
                        ouder,
                        oud,
                    )

        self._schrijf(
            Kerncijfers,
            [
                "id",
                "buurt",
                "jaar",
                "aantal_inwoners",
                "aantal_huishoudens",
                "p_00_14",
                "p_15_24",
                "p_25_44",
                "p_45_64",
                "p_65_eo",
            ],
            cijfers(),
        )

    # -- groups, seats, fallback arrangements --
    def groepen(self):
        o, rng = self.omvang, self.rng
        soorten = [s for s in Groepssoort.values if s != Groepssoort.WIJKRAAD]
        groep_rijen, buurt_rijen, contact_rijen = [], [], []
        status_rijen, terugval_rijen, taak_rijen = [], [], []
        self.groepen_van_wijk = collections.defaultdict(list)
        self.contact_van_groep = {}
        wijknamen = {}
        for w in range(1, o.wijken + 1):
            wijknamen[w] = f"wijk {self.wijkcodes[w][-2:]}"
        for g in range(1, o.groepen + 1):
            if g <= o.wijken:
                w, soort = g, Groepssoort.WIJKRAAD
                kans = rng.random()
                status = (
                    WijkraadStatus.GESTOPT
                    if kans < 0.1
                    else WijkraadStatus.ONVOLLEDIG
                    if kans < 0.2
                    else WijkraadStatus.ACTIEF
                )
                naam = f"Wijkraad {w}"
            else:
                w, soort, status = rng.randint(1, o.wijken), rng.choice(soorten), ""
                naam = f"{Groepssoort(soort).label} {rng.choice(NAAM_VOOR)}{g}"
            sinds = self.begin + dt.timedelta(days=rng.randint(0, 365))
            self.groepen_van_wijk[w].append(g)
            groep_rijen.append(
                (
                    g,
                    str(naam),
                    soort,
                    w,
                    self._tekst(2),
                    f"https://groep{g}.example.org" if rng.random() < 0.4 else "",
                    f"info@groep{g}.example.org" if rng.random() < 0.6 else "",
                    status,
                    sinds,
                    sinds,
                )
            )
            if soort != Groepssoort.WIJKRAAD and rng.random() < 0.6:
                for b in rng.sample(
                    self.buurten_van_wijk[w], min(2, len(self.buurten_van_wijk[w]))
                ):
                    buurt_rijen.append((len(buurt_rijen) + 1, g, b))
            contacten = rng.sample(self.bewoners, 2)
            self.contact_van_groep[g] = contacten[0]
            for c in contacten:
                contact_rijen.append((len(contact_rijen) + 1, g, c))
            if soort == Groepssoort.WIJKRAAD:
                adviseur = self.staf_van_wijk[w][0]
                status_rijen.append(
                    (len(status_rijen) + 1, g, "", WijkraadStatus.ACTIEF, "", adviseur, sinds)
                )
                if status != WijkraadStatus.ACTIEF:
                    wanneer = self.nu - dt.timedelta(days=rng.randint(30, 700))
                    status_rijen.append(
                        (
                            len(status_rijen) + 1,
                            g,
                            WijkraadStatus.ACTIEF,
                            status,
                            "Te weinig bestuursleden.",
                            adviseur,
                            wanneer,
                        )
                    )
                if status == WijkraadStatus.GESTOPT:
                    r = len(terugval_rijen) + 1
                    terugval_rijen.append(
                        (
                            r,
                            g,
                            wanneer.date(),
                            None,
                            Overnemer.OPBOUWWERKER,
                            None,
                            "De opbouwwerker is aanspreekpunt tot er een nieuwe wijkraad is.",
                            adviseur,
                            wanneer,
                            wanneer,
                        )
                    )
                    for taak, overnemer in (
                        ("Aanspreekpunt voor de gemeente", Overnemer.OPBOUWWERKER),
                        ("Wijkbudget", Overnemer.WIJKADVISEUR),
                    ):
                        taak_rijen.append((len(taak_rijen) + 1, r, taak, overnemer, None))
        self._schrijf(
            Bewonersgroep,
            [
                "id",
                "naam",
                "soort",
                "wijk",
                "beschrijving",
                "website",
                "email",
                "wijkraad_status",
                "aangemaakt",
                "gewijzigd",
            ],
            groep_rijen,
        )
        self._schrijf(_m2m(Bewonersgroep, "buurten"), ["id", "bewonersgroep", "buurt"], buurt_rijen)
        self._schrijf(
            _m2m(Bewonersgroep, "contactpersonen"),
            ["id", "bewonersgroep", "gebruiker"],
            contact_rijen,
        )
        self._schrijf(
            WijkraadStatuswijziging,
            ["id", "groep", "van_status", "naar_status", "toelichting", "door", "tijdstip"],
            status_rijen,
        )
        self._schrijf(
            Terugvalregeling,
            [
                "id",
                "groep",
                "ingang",
                "einde",
                "aanspreekpunt",
                "aanspreekpunt_groep",
                "toelichting",
                "vastgelegd_door",
                "aangemaakt",
                "gewijzigd",
            ],
            terugval_rijen,
        )
        self._schrijf(TerugvalTaak, ["id", "regeling", "taak", "overnemer", "groep"], taak_rijen)

        def zetels():
            n = 0
            for g in range(1, o.groepen + 1):
                functies = [Functiesoort.VOORZITTER, Functiesoort.SECRETARIS]
                functies += [Functiesoort.PENNINGMEESTER, *[Functiesoort.LID] * rng.randint(0, 3)]
                for functie in functies:
                    n += 1
                    if rng.random() < 0.15:
                        sinds = (self.nu - dt.timedelta(days=rng.randint(1, 400))).date()
                        tekst = f"Wij zoeken een {functie}. {self._tekst(1)}"
                        yield (n, g, functie, "", True, "", None, tekst, sinds, self.nu, self.nu)
                    else:
                        houder = self.contact_van_groep[g] if functie == "voorzitter" else None
                        naam = self._naam()
                        yield (n, g, functie, "", False, naam, houder, "", None, self.nu, self.nu)

        self._schrijf(
            Bestuursfunctie,
            [
                "id",
                "groep",
                "functie",
                "omschrijving",
                "is_vacant",
                "naam",
                "gebruiker",
                "vacaturetekst",
                "vacant_sinds",
                "aangemaakt",
                "gewijzigd",
            ],
            zetels(),
        )

    def themas(self):
        self._schrijf(
            Thema,
            ["id", "naam", "volgorde", "actief"],
            [(i, naam, i, True) for i, naam in enumerate(THEMAS, start=1)],
        )

    # -- college terms, meetings --
    def vergaderingen(self):
        self.periodes = []
        rijen = []
        for i, (van, tot) in enumerate(COLLEGEPERIODES, start=1):
            begin, einde = dt.date(van, 4, 1), dt.date(tot, 3, 31)
            self.periodes.append((i, begin, einde))
            rijen.append((i, f"{van}–{tot}", begin, einde))
        self._schrijf(Collegeperiode, ["id", "naam", "begin", "einde"], rijen)
        # College on Tuesday mornings, the council every fourth Thursday evening, from the
        # start of the data set until three months ahead.
        self.college, self.raad = [], []  # (begin, id, status)
        rijen = []
        dag = self.begin.date()
        dag += dt.timedelta(days=(1 - dag.weekday()) % 7)
        eind = (self.nu + dt.timedelta(days=90)).date()
        week = 0
        while dag <= eind:
            for orgaan, datum, uur, lijst in (
                (Orgaan.COLLEGE, dag, 10, self.college),
                (Orgaan.GEMEENTERAAD, dag + dt.timedelta(days=2), 20, self.raad),
            ):
                if orgaan == Orgaan.GEMEENTERAAD and week % 4:
                    continue
                begin = dt.datetime.combine(datum, dt.time(uur), tzinfo=self.tz)
                if begin < self.nu:
                    status = VergaderStatus.AFGELOPEN
                elif begin < self.nu + dt.timedelta(days=28):
                    status = VergaderStatus.GEPUBLICEERD
                else:
                    status = VergaderStatus.CONCEPT
                i = len(rijen) + 1
                lijst.append((begin, i, status))
                locatie = "Stadhuis, collegekamer" if orgaan == Orgaan.COLLEGE else "Raadzaal"
                rijen.append((i, orgaan, begin, locatie, status, begin - dt.timedelta(days=14)))
            dag += dt.timedelta(days=7)
            week += 1
        self.college_begin = [v[0] for v in self.college]
        self.raad_begin = [v[0] for v in self.raad]
        self._schrijf(
            Vergadering, ["id", "orgaan", "begin", "locatie", "status", "aangemaakt"], rijen
        )
        self.volgorde = collections.Counter()

    # -- visits --
    def bezoeken(self):
        o, rng = self.omvang, self.rng
        rijen, deelnemers = [], []
        grens = (self.nu + dt.timedelta(days=90)).date()
        vandaag = self.nu.date()
        college = self.per_rol[Rol.COLLEGELID]

        def bezoek(w, periode, datum, soort, geannuleerd=False):
            i = len(rijen) + 1
            wethouder = self.staf_van_wijk[w][2]
            if geannuleerd:
                status, reden = Bezoekstatus.GEANNULEERD, "Verplaatst wegens de begroting."
            elif datum < vandaag:
                status, reden = Bezoekstatus.GEHOUDEN, ""
            else:
                status, reden = Bezoekstatus.GEPLAND, ""
            verslag = (
                self._tekst(3) if status == Bezoekstatus.GEHOUDEN and rng.random() < 0.7 else ""
            )
            gepubliceerd = (
                dt.datetime.combine(datum, dt.time(16), tzinfo=self.tz) + dt.timedelta(days=7)
                if verslag and rng.random() < 0.8
                else None
            )
            dagdeel = rng.choice(Dagdeel.values)
            aangemaakt = dt.datetime.combine(datum, dt.time(9), tzinfo=self.tz) - dt.timedelta(
                days=30
            )
            rijen.append(
                (
                    i,
                    soort,
                    w,
                    periode,
                    datum,
                    dagdeel,
                    f"Buurthuis {self.wijkcodes[w][-2:]}",
                    f"Bezoek aan de wijk. {self._tekst(1)}",
                    status,
                    rng.random() < 0.9,
                    soort == Bezoeksoort.COLLEGE_DAGDEEL,
                    verslag,
                    gepubliceerd,
                    reden,
                    wethouder,
                    aangemaakt,
                    aangemaakt,
                )
            )
            mensen = {wethouder}
            if soort == Bezoeksoort.COLLEGE_DAGDEEL:
                mensen |= set(college)
            for m in sorted(mensen):
                deelnemers.append((len(deelnemers) + 1, i, m))
            if not geannuleerd:
                self.bezoek_lijst.append((datum, i, w, status == Bezoekstatus.GEHOUDEN and verslag))

        self.bezoek_lijst = []
        for periode, begin, einde in self.periodes:
            if begin > grens:
                continue
            laatst = min(einde, grens)
            for w in range(1, o.wijken + 1):
                # Once per term the college dagdeel (sometimes cancelled and replaced first);
                # in the running term not every ward has had or planned it yet.
                datum = begin + dt.timedelta(days=rng.randint(60, (einde - begin).days - 60))
                if datum <= laatst:
                    if rng.random() < 0.05:
                        eerder = datum - dt.timedelta(days=rng.randint(14, 50))
                        bezoek(w, periode, eerder, Bezoeksoort.COLLEGE_DAGDEEL, geannuleerd=True)
                    bezoek(w, periode, datum, Bezoeksoort.COLLEGE_DAGDEEL)
                dag = begin
                while True:
                    dag += dt.timedelta(days=rng.randint(90, 270))
                    if dag > laatst:
                        break
                    bezoek(w, periode, dag, Bezoeksoort.WERKBEZOEK, geannuleerd=rng.random() < 0.07)
        self._schrijf(
            Bezoek,
            [
                "id",
                "soort",
                "wijk",
                "periode",
                "datum",
                "dagdeel",
                "locatie",
                "programma",
                "status",
                "openbaar",
                "raad_uitgenodigd",
                "verslag",
                "verslag_gepubliceerd_op",
                "annuleringsreden",
                "aangemaakt_door",
                "aangemaakt",
                "gewijzigd",
            ],
            rijen,
        )
        self._schrijf(_m2m(Bezoek, "deelnemers"), ["id", "bezoek", "gebruiker"], deelnemers)
        self.bezoek_lijst.sort()

    # -- items and everything that hangs from them --
    ONDERWERP_VELDEN = [
        "id",
        "soort",
        "status",
        "titel",
        "beschrijving",
        "publieke_titel",
        "publieke_beschrijving",
        "thema",
        "wijk",
        "buurt",
        "locatie",
        "publieke_locatie",
        "groep",
        "indiener",
        "toon_naam",
        "wil_niet_openbaar",
        "openbaar",
        "gepubliceerd_op",
        "niet_openbaar_reden",
        "rol_gemeente",
        "rol_toelichting",
        "kansrijk",
        "advies_wethouder",
        "herbezien_op",
        "herbezien_voorwaarde",
        "resultaat",
        "ingediend_op",
        "eerste_reactie_voor",
        "eerste_reactie_op",
        "aangemaakt",
        "gewijzigd",
        "versie",
        "idempotentiesleutel",
        "afgehandeld_op",
    ]
    STAP_VELDEN = [
        "id",
        "onderwerp",
        "van",
        "naar",
        "door",
        "door_rol",
        "publieke_toelichting",
        "interne_notitie",
        "tijdstip",
    ]
    ACTIE_VELDEN = [
        "id",
        "onderwerp",
        "bezoek",
        "omschrijving",
        "eigenaar",
        "deadline",
        "gedaan",
        "gedaan_op",
        "aangemaakt_door",
        "aangemaakt",
    ]
    PUNT_VELDEN = [
        "id",
        "vergadering",
        "volgorde",
        "titel",
        "toelichting",
        "hamerstuk",
        "status",
        "voorgesteld_door",
        "teruggave_reden",
        "herkomst",
        "aangemaakt",
    ]
    BESLUIT_VELDEN = [
        "id",
        "agendapunt",
        "resultaat",
        "toelichting",
        "vastgelegd_door",
        "vastgelegd_op",
    ]

    def onderwerpen(self):
        o, rng = self.omvang, self.rng
        totaal = o.onderwerpen
        seconden = (self.nu - self.begin).total_seconds()
        # Creation times, sorted: ids grow with time. More items in recent years.
        momenten = sorted(rng.random() ** 0.8 for _ in range(totaal))
        # The newest few items follow a fixed path each so that every status exists.
        vast = {}
        for k, status in enumerate(VASTE_PADEN):
            vast[totaal - 2 * len(VASTE_PADEN) + 2 * k] = status
            vast[totaal - 2 * len(VASTE_PADEN) + 2 * k + 1] = status
        self.ids = collections.Counter()
        self.recent_openbaar = collections.defaultdict(lambda: collections.deque(maxlen=4))
        self.openbare_per_wijk = collections.defaultdict(list)
        self.bezoek_index = 0
        self.bundels = {}
        self.statusaantallen = collections.Counter()
        titels = self._titels(2000)
        beschrijvingen = [self._tekst(rng.randint(2, 4)) for _ in range(1000)]
        totaal_stappen = 0
        for start in range(0, totaal, CHUNK):
            buffers = {k: [] for k in ("o", "s", "a", "p", "po", "b", "t", "bo")}
            for i in range(start, min(start + CHUNK, totaal)):
                aangemaakt = self.begin + dt.timedelta(seconds=momenten[i] * seconden)
                if i in vast:
                    aangemaakt = min(aangemaakt, self.nu - dt.timedelta(days=40))
                self._onderwerp(i + 1, aangemaakt, vast.get(i), titels, beschrijvingen, buffers)
            totaal_stappen += len(buffers["s"])
            self._chunk_schrijven(buffers)
            if (start // CHUNK) % 10 == 9 or start + CHUNK >= totaal:
                self._log(f"items {min(start + CHUNK, totaal):,}/{totaal:,}", totaal_stappen)
        # Visits after the newest item get their topics from the latest public items.
        buffers = {k: [] for k in ("o", "s", "a", "p", "po", "b", "t", "bo")}
        self._bezoeken_tot(None, buffers)
        self._chunk_schrijven(buffers)
        for model in (
            Onderwerp,
            Statuswijziging,
            Actie,
            Agendapunt,
            _m2m(Agendapunt, "onderwerpen"),
            Besluit,
            Toezegging,
            _m2m(Bezoek, "onderwerpen"),
        ):
            self._log(model._meta.db_table, self.schrijver.aantallen[model._meta.label])
        self.uit(
            "  items per status: "
            + ", ".join(f"{s} {n:,}" for s, n in sorted(self.statusaantallen.items()))
        )

    def _chunk_schrijven(self, b):
        s = self.schrijver
        s.schrijf(Onderwerp, self.ONDERWERP_VELDEN, b["o"])
        s.schrijf(Statuswijziging, self.STAP_VELDEN, b["s"])
        s.schrijf(Agendapunt, self.PUNT_VELDEN, b["p"])
        s.schrijf(_m2m(Agendapunt, "onderwerpen"), ["id", "agendapunt", "onderwerp"], b["po"])
        s.schrijf(Besluit, self.BESLUIT_VELDEN, b["b"])
        s.schrijf(
            Toezegging,
            ["id", "besluit", "wijk", "omschrijving", "verantwoordelijke", "datum", "status"],
            b["t"],
        )
        s.schrijf(_m2m(Bezoek, "onderwerpen"), ["id", "bezoek", "onderwerp"], b["bo"])
        s.schrijf(Actie, self.ACTIE_VELDEN, b["a"])

    def _titels(self, n):
        rng = self.rng
        titels = []
        for _ in range(n):
            plek = rng.choice(NAAM_VOOR) + rng.choice(BUURT_ACHTER)
            if rng.random() < 0.6:
                titels.append((Soort.INITIATIEF, f"{rng.choice(WENS)} {rng.choice(DING)} {plek}"))
            else:
                titels.append((Soort.KNELPUNT, f"{rng.choice(KNELPUNT)} {plek}"))
        return titels

    def _nieuw_id(self, soort):
        self.ids[soort] += 1
        return self.ids[soort]

    def _bezoeken_tot(self, moment, b):
        """Topics and follow-up actions of the visits before ``moment`` (None: all)."""
        lijst = self.bezoek_lijst
        while self.bezoek_index < len(lijst) and (
            moment is None or lijst[self.bezoek_index][0] < moment.date()
        ):
            datum, bezoek_id, w, met_verslag = lijst[self.bezoek_index]
            self.bezoek_index += 1
            onderwerpen = list(self.recent_openbaar[w])[-3:]
            for oid in onderwerpen:
                b["bo"].append((self._nieuw_id("bo"), bezoek_id, oid))
            if met_verslag:
                gedaan = datum < self.nu.date() - dt.timedelta(days=60)
                b["a"].append(
                    (
                        self._nieuw_id("a"),
                        onderwerpen[0] if onderwerpen else None,
                        bezoek_id,
                        "Terugkoppeling van het bezoek aan de bewoners",
                        "Wijkadviseur",
                        datum + dt.timedelta(days=30),
                        gedaan,
                        dt.datetime.combine(datum, dt.time(12), tzinfo=self.tz)
                        + dt.timedelta(days=20)
                        if gedaan
                        else None,
                        self.staf_van_wijk[w][0],
                        dt.datetime.combine(datum, dt.time(17), tzinfo=self.tz),
                    )
                )

    def _onderwerp(self, oid, aangemaakt, vaste_status, titels, beschrijvingen, b):
        rng, o = self.rng, self.omvang
        self._bezoeken_tot(aangemaakt, b)
        w = rng.randint(1, o.wijken)
        adviseur, _opbouw, wethouder = self.staf_van_wijk[w]
        griffie = self.per_rol[Rol.GRIFFIE]
        groep = None
        if oid % 250 == 1:
            indiener = 1  # load-bewoner: many items of their own
        elif rng.random() < 0.1:
            groep = rng.choice(self.groepen_van_wijk[w])
            indiener = self.contact_van_groep[groep]
        else:
            indiener = rng.choice(self.bewoners)
        soort, titel = titels[rng.randrange(len(titels))]
        beschrijving = beschrijvingen[rng.randrange(len(beschrijvingen))]
        thema = rng.randint(1, len(THEMAS))

        # The walk: from concept through the table until now or a closed state.
        stappen = []  # (van, naar, tijdstip, door, toelichting, notitie)
        nieuwe_punten = []  # agenda items this item opened
        op_agenda = []  # every agenda item that carried this item
        herbezien_op, voorwaarde, resultaat, advies = None, "", "", ""
        status = S.CONCEPT
        t = aangemaakt
        if vaste_status is not None:
            pad = VASTE_PADEN[vaste_status]
            stap_duur = (self.nu - dt.timedelta(hours=2) - aangemaakt) / max(1, len(pad))
            volgende = iter(pad[1:])
        else:
            concept_kans = 0.1 if indiener == 1 else 0.03
            pad, volgende = None, None
            if rng.random() < concept_kans:
                pad = [S.CONCEPT]
        punt = None  # the agenda item the item is on now
        while True:
            if pad is not None:
                naar = next(volgende, None) if volgende else None
                if naar is None:
                    break
                t_volgend = t + stap_duur
                if status in (S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD) and punt:
                    t_volgend = max(t_volgend, punt["begin"] + dt.timedelta(hours=3))
                    if t_volgend >= self.nu:
                        break
            else:
                if status in AFGESLOTEN or len(stappen) >= MAX_STAPPEN:
                    break
                if status == S.CONCEPT:
                    naar = S.INGEDIEND
                    t_volgend = t + dt.timedelta(minutes=rng.randint(5, 4000))
                elif status in (S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD):
                    # Decided at the meeting, for every item the agenda item bundles.
                    t_volgend = punt["begin"] + dt.timedelta(hours=3)
                    naar = punt["uitkomst"] or _kies(rng, VERVOLG[status])
                else:
                    if status == S.NOG_NIET_MOGELIJK and rng.random() > HERBEZIEN_KANS:
                        break
                    t_volgend = t + dt.timedelta(days=rng.expovariate(1 / DUUR[status]) + 0.05)
                    opties = VERVOLG[status]
                    if len(stappen) >= MAX_STAPPEN - 2:
                        opties = [(n, g) for n, g in opties if n in AFGESLOTEN] or opties
                    naar = _kies(rng, opties)
                if t_volgend >= self.nu:
                    break
            regel = overgang(status, naar)
            if Actor.INDIENER in regel.wie:
                door = indiener
            elif Actor.WIJKADVISEUR in regel.wie:
                door = adviseur
            elif Actor.WIJKWETHOUDER in regel.wie:
                door = wethouder
            else:
                door = griffie[oid % len(griffie)]
            toelichting = notitie = ""
            if Vereiste.TOELICHTING in regel.vereist:
                toelichting = rng.choice(TOELICHTINGEN)
            if Vereiste.RESULTAAT in regel.vereist:
                resultaat = toelichting = rng.choice(RESULTATEN)
            if Vereiste.ADVIES in regel.vereist:
                advies = notitie = rng.choice(ADVIEZEN)
            if Vereiste.RICHTING in regel.vereist:
                notitie = "Graag eerst de kosten en draagvlak in beeld brengen."
            if naar == S.NOG_NIET_MOGELIJK:
                if rng.random() < 0.7:
                    herbezien_op, voorwaarde = (
                        (t_volgend + dt.timedelta(days=rng.randint(60, 400))).date(),
                        "",
                    )
                else:
                    herbezien_op, voorwaarde = None, "Als het budget voor volgend jaar bekend is."
            elif status == S.NOG_NIET_MOGELIJK:
                herbezien_op, voorwaarde = None, ""
            # The agenda: a decision closes the item's agenda item; a proposal opens one.
            agenda = status in (S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD)
            if agenda and punt["eigenaar"] == oid and punt["uitkomst"] is None:
                punt["uitkomst"] = naar
                if naar == S.BIJ_WIJKWETHOUDER:
                    punt["status"] = AgendapuntStatus.TERUGGEGEVEN
                    punt["reden"] = toelichting
                else:
                    besluit = self._nieuw_id("b")
                    b["b"].append(
                        (besluit, punt["id"], BESLUIT_VOOR[naar], toelichting, door, t_volgend)
                    )
                    if naar == S.AFGEROND and rng.random() < 0.4:
                        datum = (t_volgend + dt.timedelta(days=rng.randint(30, 180))).date()
                        b["t"].append(
                            (
                                self._nieuw_id("t"),
                                besluit,
                                w,
                                f"{rng.choice(WENS)} {rng.choice(DING)} in de wijk",
                                "Wijkwethouder",
                                datum,
                                ToezeggingStatus.OPEN
                                if datum >= self.nu.date()
                                else _kies(rng, _TOEZEGGING_AFLOOP),
                            )
                        )
            if naar in (S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD):
                college = naar == S.GEAGENDEERD_COLLEGE
                begins, lijst = (
                    (self.college_begin, self.college) if college else (self.raad_begin, self.raad)
                )
                k = bisect.bisect_left(begins, t_volgend + dt.timedelta(days=1))
                if k >= len(lijst):
                    break  # no meeting planned yet: the item waits where it is
                begin, vergadering, vstatus = lijst[k]
                # One agenda item per meeting and theme bundles the wards' items on it (a
                # college does not discuss a hundred ward items one by one).
                bundel = self.bundels.get((vergadering, thema))
                if bundel is None:
                    self.volgorde[vergadering] += 1
                    bundel = {
                        "id": self._nieuw_id("p"),
                        "vergadering": vergadering,
                        "begin": begin,
                        "status": AgendapuntStatus.GEAGENDEERD
                        if vstatus != VergaderStatus.CONCEPT
                        else AgendapuntStatus.VOORGESTELD,
                        "reden": "",
                        "voorgesteld": wethouder if college else None,
                        "herkomst": punt["id"] if (punt is not None and not college) else None,
                        "wanneer": t_volgend,
                        "volgorde": self.volgorde[vergadering],
                        "eigenaar": oid,
                        "uitkomst": None,
                    }
                    self.bundels[(vergadering, thema)] = bundel
                    nieuwe_punten.append(bundel)
                punt = bundel
                op_agenda.append(bundel["id"])
            elif agenda:
                punt = None  # decided or returned: off the agenda
            stappen.append((status, naar, t_volgend, door, toelichting, notitie))
            status, t = naar, t_volgend

        # The item row, consistent with its history and the database's constraints.
        ingediend_op = stappen[0][2] if stappen else None
        eerste_reactie_op = None
        if len(stappen) > 1 and stappen[1][0] == S.INGEDIEND and stappen[1][3] == adviseur:
            eerste_reactie_op = stappen[1][2]
        # Screened: the advisor took it up (and with that decided whether it is public).
        gescreend = eerste_reactie_op is not None
        wil_niet = rng.random() < 0.03
        openbaar = gescreend and not wil_niet and rng.random() < 0.9
        gepubliceerd_op = None
        if openbaar:
            gepubliceerd_op = eerste_reactie_op or min(
                ingediend_op + dt.timedelta(days=2), self.nu - dt.timedelta(minutes=1)
            )
        rol = ""
        rol_toelichting = ""
        if gescreend and status != S.INGETROKKEN:
            rol = _kies(rng, _ROLLEN)
            if rol == RolGemeente.GEEN_GEMEENTELIJKE_ZAAK:
                rol_toelichting = "Dit is een zaak van de woningcorporatie."
        if status != S.NOG_NIET_MOGELIJK and (herbezien_op or voorwaarde):
            herbezien_op, voorwaarde = None, ""
        buurt = rng.choice(self.buurten_van_wijk[w]) if rng.random() < 0.85 else None
        gewijzigd = stappen[-1][2] if stappen else aangemaakt
        # Drawn in the order the row lists them, so a seed gives the same data set as before.
        publieke_titel = titel if openbaar and rng.random() < 0.5 else ""
        publieke_beschrijving = beschrijving if openbaar and rng.random() < 0.3 else ""
        locatie = f"{rng.choice(STRATEN)} {rng.randint(1, 200)}" if rng.random() < 0.5 else ""
        b["o"].append(
            (
                oid,
                soort,
                status,
                titel,
                beschrijving,
                publieke_titel,
                publieke_beschrijving,
                thema,
                w,
                buurt,
                locatie,
                # Public at street level, as an advisor screens it (no house number).
                locatie.rsplit(" ", 1)[0] if openbaar and locatie else "",
                groep,
                indiener,
                rng.random() < 0.4,
                wil_niet,
                openbaar,
                gepubliceerd_op,
                "Bevat persoonlijke gegevens." if gescreend and not openbaar else "",
                rol,
                rol_toelichting,
                soort == Soort.INITIATIEF and rng.random() < 0.3,
                advies,
                herbezien_op,
                voorwaarde,
                resultaat if status == S.AFGEROND else "",
                ingediend_op,
                werkdagen_later(timezone.localdate(ingediend_op), 10) if ingediend_op else None,
                eerste_reactie_op,
                aangemaakt,
                gewijzigd,
                1 + len(stappen) + (1 if openbaar else 0),
                None,
                # Settled at the step into a final state, as the transition function sets it.
                stappen[-1][2] if status in AFGEHANDELD and stappen else None,
            )
        )
        self.statusaantallen[status] += 1
        for van, naar, tijdstip, door, toelichting, notitie in stappen:
            b["s"].append(
                (
                    self._nieuw_id("s"),
                    oid,
                    van,
                    naar,
                    door,
                    self.rol_van.get(door, Rol.BEWONER),
                    toelichting,
                    notitie,
                    tijdstip,
                )
            )
        for p in nieuwe_punten:
            b["p"].append(
                (
                    p["id"],
                    p["vergadering"],
                    min(p["volgorde"], 32767),
                    f"Voorstellen uit de wijken: {THEMAS[thema - 1]}",
                    f"Voorstellen van bewoners over {THEMAS[thema - 1].lower()}, met het advies "
                    "van de wijkwethouders.",
                    p["volgorde"] % 5 == 0,
                    p["status"],
                    p["voorgesteld"],
                    p["reden"],
                    p["herkomst"],
                    p["wanneer"],
                )
            )
        for pid in dict.fromkeys(op_agenda):
            b["po"].append((self._nieuw_id("po"), pid, oid))
        if openbaar:
            self.recent_openbaar[w].append(oid)
            if oid % 8 == 0:
                # A sample per ward, in time order: what questions name as their cause.
                self.openbare_per_wijk[w].append((aangemaakt, oid))
        if status in (S.IN_UITVOERING, S.AFGEROND) and rng.random() < 0.5:
            for _ in range(rng.randint(1, 2)):
                gedaan = status == S.AFGEROND
                deadline = (t + dt.timedelta(days=rng.randint(-20, 90))).date()
                b["a"].append(
                    (
                        self._nieuw_id("a"),
                        oid,
                        None,
                        f"{rng.choice(WENS)} {rng.choice(DING)} regelen met de aannemer",
                        rng.choice(["Wijkadviseur", "Stadsbeheer", "Opbouwwerk", "Bewonersgroep"]),
                        deadline,
                        gedaan,
                        t if gedaan else None,
                        adviseur,
                        t,
                    )
                )

    # -- contact log, followers --
    def contactmomenten(self):
        o, rng = self.omvang, self.rng

        def rijen():
            for i in range(1, max(o.wijken, o.onderwerpen // 50) + 1):
                w = (i - 1) % o.wijken + 1
                datum = (self.nu - dt.timedelta(days=rng.randint(0, 365 * min(o.jaren, 3)))).date()
                groep = rng.choice(self.groepen_van_wijk[w]) if rng.random() < 0.7 else None
                medewerker = self.staf_van_wijk[w][rng.randint(0, 1)]
                vervolg = "Terugbellen over de uitkomst." if rng.random() < 0.4 else ""
                yield (
                    i,
                    datum,
                    w,
                    groep,
                    "" if groep else self._naam(),
                    rng.choice(Contactvorm.values),
                    medewerker,
                    f"Gesprek over {rng.choice(DING)}",
                    self._tekst(1),
                    vervolg,
                    datum + dt.timedelta(days=14) if vervolg else None,
                    bool(vervolg) and rng.random() < 0.5,
                    medewerker,
                    dt.datetime.combine(datum, dt.time(15), tzinfo=self.tz),
                )

        self._schrijf(
            Contactmoment,
            [
                "id",
                "datum",
                "wijk",
                "groep",
                "bewoner",
                "vorm",
                "medewerker",
                "onderwerp",
                "notitie",
                "vervolg",
                "vervolg_voor",
                "vervolg_gedaan",
                "vastgelegd_door",
                "aangemaakt",
            ],
            rijen(),
        )

    def volgers(self):
        o, rng = self.omvang, self.rng
        volgers = rng.sample(self.bewoners[1:], max(1, len(self.bewoners) // 20))

        def rijen():
            yield (1, 1, 1, Berichtfrequentie.WEKELIJKS, self.nu, self.nu)
            for i, g in enumerate(volgers, start=2):
                yield (
                    i,
                    g,
                    rng.randint(1, o.wijken),
                    rng.choice(Berichtfrequentie.values),
                    self.nu - dt.timedelta(days=rng.randint(0, 7)),
                    self.nu - dt.timedelta(days=rng.randint(7, 900)),
                )

        self._schrijf(
            Volger,
            ["id", "gebruiker", "wijk", "frequentie", "laatst_bericht", "aangemaakt"],
            rijen(),
        )

    # -- consultation questions (meedenken) --
    def meedenkvragen(self):
        """A few questions per ward per year, in time order; the state of each follows from
        its dates and feedback as ``Meedenkvraag.staat_op`` derives it. Ward 1 (the load
        accounts' ward) has one question in every state and the large question
        (``GROTE_VRAAG_TITEL``) with ``grote_vraag_reacties`` responses."""
        o, rng = self.omvang, self.rng
        # The college's agenda items in time order: where feedback names the decision.
        self.agendapunten = sorted(
            (p["begin"], p["id"]) for p in self.bundels.values() if p["voorgesteld"]
        )
        specs = []
        for jaar in range(o.jaren):
            for w in range(1, o.wijken + 1):
                for _ in range(rng.randint(*VRAGEN_PER_WIJK_PER_JAAR)):
                    dag = self.begin + dt.timedelta(days=365 * jaar + rng.uniform(0, 365))
                    specs.append(self._vraagspec(w, dag))
            # Once a year the college asks every ward at once.
            dag = self.begin + dt.timedelta(days=365 * jaar + rng.uniform(0, 365))
            specs.append(self._vraagspec(None, dag))
        # Ward 1: one question in every state, so even the small preset has them all.
        for staat, dagen in (
            (Staat.CONCEPT, 10),
            (Staat.AANGEKONDIGD, 7),
            (Staat.OPEN, -7),
            (Staat.GESLOTEN, -33),
            (Staat.TE_LAAT, -98),
        ):
            specs.append(self._vraagspec(1, self.nu + dt.timedelta(days=dagen), vast=staat))
        specs.append(self._vraagspec(1, self.nu - dt.timedelta(days=88), vast="groot"))
        specs.sort(key=lambda s: (s["open_vanaf"], s["volgnummer"]))
        for i, s in enumerate(specs, start=1):
            s["id"] = i
        self.staataantallen = collections.Counter(s["staat"] for s in specs)
        ids = collections.Counter()

        def nieuw(soort):
            ids[soort] += 1
            return ids[soort]

        self._schrijf(
            Meedenkvraag,
            [
                "id",
                "titel",
                "vraag",
                "achtergrond",
                "thema",
                "beleidsonderwerp",
                "alle_wijken",
                "open_vanaf",
                "sluit_op",
                "terugkoppeling_voor",
                "open_reacties",
                "meerdere_keuzes",
                "reacties_openbaar",
                "uitslag_tijdens",
                "gesteld_door",
                "gepubliceerd_op",
                "herinnerd_op",
                "aangemaakt",
                "gewijzigd",
                "versie",
            ],
            (
                (
                    s["id"],
                    s["titel"],
                    s["vraag"],
                    s["achtergrond"],
                    s["thema"],
                    s["beleidsonderwerp"],
                    s["wijk"] is None,
                    s["open_vanaf"],
                    s["sluit_op"],
                    s["terugkoppeling_voor"],
                    s["open_reacties"],
                    s["meerdere_keuzes"],
                    s["reacties_openbaar"],
                    s["uitslag_tijdens"],
                    s["gesteld_door"],
                    s["gepubliceerd_op"],
                    s["herinnerd_op"],
                    s["aangemaakt"],
                    s["gewijzigd"],
                    1 + (s["gepubliceerd_op"] is not None),
                )
                for s in specs
            ),
        )
        koppelingen = (
            ("wijken", "wijk", "wijken"),
            ("buurten", "buurt", "buurten"),
            ("uitgenodigde_groepen", "bewonersgroep", "groepen"),
            ("uitgenodigde_professionals", "wijkprofessional", "professionals"),
            ("aanleiding", "onderwerp", "aanleiding"),
        )
        for veld, kolom, sleutel in koppelingen:
            self._schrijf(
                _m2m(Meedenkvraag, veld),
                ["id", "meedenkvraag", kolom],
                ((nieuw(veld), s["id"], x) for s in specs for x in s[sleutel]),
            )
        opties = {}  # question id -> option ids
        optie_rijen = []
        for s in specs:
            opties[s["id"]] = []
            for volgorde, tekst in enumerate(s["opties"], start=1):
                opties[s["id"]].append(nieuw("optie"))
                optie_rijen.append((opties[s["id"]][-1], s["id"], tekst, volgorde))
        self._schrijf(Keuzeoptie, ["id", "vraag", "tekst", "volgorde"], optie_rijen)
        del optie_rijen
        bijeenkomsten = [s for s in specs if s["bijeenkomst"]]
        self._schrijf(
            Bijeenkomst,
            ["id", "vraag", "begint", "eindigt", "plaats", "toegankelijkheid", "max_deelnemers"],
            ((s["id"], s["id"], *s["bijeenkomst"]) for s in bijeenkomsten),
        )

        def aanmeldingen():
            for s in bijeenkomsten:
                begint, max_ = s["bijeenkomst"][0], s["bijeenkomst"][4]
                tot = min(begint, self.nu)
                n = rng.randint(0, 40) if begint < self.nu else rng.randint(0, 12)
                if s["volgnummer"] == "groot":
                    n = 40
                if max_ is not None:
                    n = min(n, max_)
                for g in rng.sample(self.bewoners, min(n, len(self.bewoners))):
                    wanneer = s["gepubliceerd_op"] + (tot - s["gepubliceerd_op"]) * rng.random()
                    yield (nieuw("aanmelding"), s["id"], g, wanneer)

        self._schrijf(Aanmelding, ["id", "bijeenkomst", "gebruiker", "aangemaakt"], aanmeldingen())
        terug = [s for s in specs if s["terugkoppeling"]]
        self._schrijf(
            Terugkoppeling,
            [
                "id",
                "vraag",
                "samenvatting",
                "besluit",
                "waarom",
                "agendapunt",
                "geschreven_door",
                "gepubliceerd_op",
                "gewijzigd",
            ],
            ((s["id"], s["id"], *s["terugkoppeling"]) for s in terug),
        )
        self._schrijf(
            _m2m(Terugkoppeling, "onderwerpen"),
            ["id", "terugkoppeling", "onderwerp"],
            ((nieuw("uit"), s["id"], x) for s in terug for x in s["uitkomst"]),
        )

        # Responses with their choices, streamed per chunk of questions.
        inbreng, keuzes = [], []
        velden = [
            "id",
            "vraag",
            "gebruiker",
            "groep",
            "tekst",
            "toon_naam",
            "beoordeling",
            "beoordeeld_door",
            "aangemaakt",
            "gewijzigd",
        ]

        def wegschrijven():
            self.schrijver.schrijf(Inbreng, velden, inbreng)
            self.schrijver.schrijf(_m2m(Inbreng, "keuzes"), ["id", "inbreng", "keuzeoptie"], keuzes)
            inbreng.clear()
            keuzes.clear()

        for s in specs:
            for rij, gekozen in self._inbreng(s, opties[s["id"]]):
                iid = nieuw("inbreng")
                inbreng.append((iid, *rij))
                keuzes.extend((nieuw("keuze"), iid, k) for k in gekozen)
            if len(inbreng) >= CHUNK:
                wegschrijven()
        wegschrijven()
        for model in (Inbreng, _m2m(Inbreng, "keuzes")):
            self._log(model._meta.db_table, self.schrijver.aantallen[model._meta.label])
        self.uit(
            "  questions per state: "
            + ", ".join(f"{s} {n:,}" for s, n in sorted(self.staataantallen.items()))
            + f"; the large question has {self.grote_vraag_reacties:,} responses"
        )

    @property
    def grote_vraag_reacties(self) -> int:
        """Responses to the large question: ``GROTE_VRAAG_REACTIES``, or every resident
        when there are fewer (one response per person per question)."""
        return min(GROTE_VRAAG_REACTIES, len(self.bewoners))

    def _vraagspec(self, w, open_vanaf, vast=None) -> dict:
        """One question: its row, links, options, meeting and feedback (not its responses)."""
        rng, nu = self.rng, self.nu
        open_vanaf = dt.datetime.combine(open_vanaf.date(), dt.time(9), tzinfo=self.tz)
        sluit_op = open_vanaf + dt.timedelta(days=rng.choice([21, 28, 35, 42]), hours=8)
        groot = vast == "groot"
        if vast in (Staat.GESLOTEN, Staat.TE_LAAT, "groot"):
            sluit_op = open_vanaf + dt.timedelta(days=28, hours=8)
        terugkoppeling_voor = standaard_terugkoppeling_voor(sluit_op)
        if rng.random() < 0.2 and not vast:
            terugkoppeling_voor += dt.timedelta(weeks=4)
        if w is None:
            adviseur = gesteld = rng.choice(self.per_rol[Rol.COLLEGELID])
        else:
            adviseur, _opbouw, wethouder = self.staf_van_wijk[w]
            gesteld = adviseur if rng.random() < 0.8 else wethouder
        wens, ding = rng.choice(WENS).lower(), rng.choice(DING)
        titel = GROTE_VRAAG_TITEL if groot else f"Denk mee over {wens} {ding}"
        if w is None:
            titel = f"Denk mee over de stad: {wens} {ding}"
        met_opties = groot or vast == Staat.OPEN or rng.random() < 0.5
        optieset = rng.choice(MEEDENK_OPTIES) if met_opties else []
        open_reacties = not met_opties or groot or rng.random() < 0.8
        # Drafts and announced questions: the fixed ones, and a few of the newest.
        recent = open_vanaf > nu - dt.timedelta(days=30) and not vast
        kans = rng.random()
        concept = vast == Staat.CONCEPT or (recent and kans < 0.15)
        if recent and 0.15 <= kans < 0.3:
            open_vanaf += dt.timedelta(days=21)
            sluit_op += dt.timedelta(days=21)
            terugkoppeling_voor += dt.timedelta(days=21)
        gepubliceerd_op = None
        if not concept:
            gepubliceerd_op = min(
                open_vanaf - dt.timedelta(days=rng.randint(1, 7)), nu - dt.timedelta(hours=1)
            )
        aangemaakt = min(open_vanaf, nu) - dt.timedelta(days=rng.randint(8, 20))
        spec = {
            "volgnummer": vast or "",
            "wijk": w,
            "titel": titel,
            "vraag": f"Wat vind je van {wens} {ding} in de wijk? Wat moet er volgens jou zeker "
            "in, en wat liever niet?",
            "achtergrond": f"{self._tekst(2)} {rng.choice(TOELICHTINGEN)}",
            "thema": rng.randint(1, len(THEMAS)),
            "beleidsonderwerp": rng.choice(BELEIDSONDERWERPEN),
            "open_vanaf": open_vanaf,
            "sluit_op": sluit_op,
            "terugkoppeling_voor": terugkoppeling_voor,
            "open_reacties": open_reacties,
            "meerdere_keuzes": bool(optieset) and not groot and rng.random() < 0.3,
            "reacties_openbaar": groot or rng.random() < 0.5,
            "uitslag_tijdens": vast == Staat.OPEN or rng.random() < 0.3,
            "gesteld_door": gesteld,
            "adviseur": adviseur,
            "gepubliceerd_op": gepubliceerd_op,
            "herinnerd_op": None,
            "aangemaakt": aangemaakt,
            "gewijzigd": gepubliceerd_op or aangemaakt,
            "opties": optieset,
            "wijken": [] if w is None else [w],
            "buurten": [],
            "groepen": [],
            "professionals": [],
            "aanleiding": [],
            "bijeenkomst": None,
            "terugkoppeling": None,
            "uitkomst": [],
        }
        if w is not None:
            if rng.random() < 0.05 and self.omvang.wijken > 1:
                spec["wijken"].append(w % self.omvang.wijken + 1)  # with the next ward
            if rng.random() < 0.3:
                spec["buurten"] = [rng.choice(self.buurten_van_wijk[w])]
            if rng.random() < 0.5:
                groepen = self.groepen_van_wijk[w]
                spec["groepen"] = rng.sample(groepen, min(len(groepen), rng.randint(1, 2)))
            if rng.random() < 0.3:
                spec["professionals"] = [(w - 1) * len(_PROFESSIONALS) + rng.randint(1, 3)]
            # The public items of the ward shortly before it: what led to the question.
            eerder = self.openbare_per_wijk[w]
            k = bisect.bisect_left(eerder, (aangemaakt, 0))
            if k and rng.random() < 0.4:
                spec["aanleiding"] = [oid for _t, oid in eerder[max(0, k - 2) : k]]
        if gepubliceerd_op is not None and (groot or rng.random() < 0.2):
            begint = open_vanaf + dt.timedelta(days=rng.randint(3, 14), hours=10, minutes=30)
            plaats = f"Buurthuis {self.wijkcodes[w][-2:]}" if w else "Stadhuis, raadzaal"
            spec["bijeenkomst"] = (
                begint,
                begint + dt.timedelta(hours=2),
                plaats,
                rng.choice(TOEGANKELIJKHEID),
                None if groot else rng.choice([None, 30, 50, 80]),
            )
        self._terugkoppeling(spec, vast)
        spec["staat"] = self._staat(spec)
        return spec

    def _terugkoppeling(self, s, vast):
        """The feedback of a closed question: published by the promised date mostly, late
        or missing sometimes (overdue), now and then only a draft."""
        rng, nu = self.rng, self.nu
        if s["gepubliceerd_op"] is None or s["sluit_op"] > nu:
            return
        beloofd = dt.datetime.combine(s["terugkoppeling_voor"], dt.time(16), tzinfo=self.tz)
        verstreken = s["terugkoppeling_voor"] < nu.date()
        if vast == Staat.TE_LAAT:
            publiceren, concept = False, True
        elif vast == "groot":
            publiceren, concept = True, False
        elif vast == Staat.GESLOTEN:
            publiceren, concept = False, False
        elif verstreken:
            publiceren, concept = rng.random() < 0.9, rng.random() < 0.5
        else:
            publiceren, concept = rng.random() < 0.3, rng.random() < 0.4
        gepubliceerd = None
        if publiceren:
            laatst = beloofd + dt.timedelta(days=rng.randint(1, 20) if rng.random() < 0.1 else 0)
            gepubliceerd = s["sluit_op"] + (laatst - s["sluit_op"]) * rng.uniform(0.3, 1)
            if gepubliceerd >= nu:
                gepubliceerd = s["sluit_op"] + (nu - s["sluit_op"]) * rng.uniform(0.3, 0.9)
        elif verstreken:
            # Overdue: herinneringen reminded the asker once, the day after the promise.
            s["herinnerd_op"] = beloofd + dt.timedelta(hours=16)
            s["herinnerd_op"] = min(s["herinnerd_op"], nu - dt.timedelta(hours=1))
        if gepubliceerd is None and not concept:
            return
        geschreven = gepubliceerd or s["sluit_op"] + (nu - s["sluit_op"]) * rng.uniform(0.1, 0.9)
        agendapunt = None
        if gepubliceerd is not None and rng.random() < 0.3:
            # The college agenda item of the weeks between closing and the feedback.
            k = bisect.bisect_left(self.agendapunten, (s["sluit_op"], 0))
            if k < len(self.agendapunten) and self.agendapunten[k][0] < gepubliceerd:
                agendapunt = self.agendapunten[k][1]
        if s["wijk"] is not None and gepubliceerd is not None and rng.random() < 0.4:
            later = self.openbare_per_wijk[s["wijk"]]
            k = bisect.bisect_left(later, (s["sluit_op"], 0))
            s["uitkomst"] = [oid for _t, oid in later[k : k + rng.randint(1, 2)]]
        s["terugkoppeling"] = (
            f"We kregen veel reacties. {self._tekst(1)}",
            rng.choice(TOELICHTINGEN),
            rng.choice(WAAROM),
            agendapunt,
            s["gesteld_door"],
            gepubliceerd,
            geschreven,
        )
        s["gewijzigd"] = max(s["gewijzigd"], geschreven)

    def _staat(self, s) -> str:
        """The state at the generator's ``nu``, by the rule of ``Meedenkvraag.staat_op``."""
        if s["gepubliceerd_op"] is None:
            return Staat.CONCEPT
        if s["open_vanaf"] > self.nu:
            return Staat.AANGEKONDIGD
        if s["sluit_op"] > self.nu:
            return Staat.OPEN
        if s["terugkoppeling"] and s["terugkoppeling"][5] is not None:
            return Staat.TERUGGEKOPPELD
        if s["terugkoppeling_voor"] < self.nu.date():
            return Staat.TE_LAAT
        return Staat.GESLOTEN

    def _inbreng(self, s, opties):
        """The responses to one question: (row without id, chosen option ids) each. From the
        load residents, some for a group they are the contact person of."""
        rng, nu = self.rng, self.nu
        if s["gepubliceerd_op"] is None or s["open_vanaf"] >= nu:
            return
        tot = min(s["sluit_op"], nu)
        if s["volgnummer"] == "groot":
            n = self.grote_vraag_reacties
        else:
            n = int(rng.expovariate(1 / REACTIES_GEMIDDELD) * (5 if s["wijk"] is None else 1))
            n = min(n, len(self.bewoners) // 3)
            if s["sluit_op"] > nu:  # still open: the part of the period that has passed
                n = int(n * (nu - s["open_vanaf"]) / (s["sluit_op"] - s["open_vanaf"]))
        groepen = []
        if s["wijk"] is not None and n > 5 and rng.random() < 0.3:
            kandidaten = self.groepen_van_wijk[s["wijk"]]
            groepen = rng.sample(kandidaten, min(len(kandidaten), rng.randint(1, 2)))
        namens = {self.contact_van_groep[g]: g for g in groepen}
        personen = rng.sample(self.bewoners, n)
        if s["volgnummer"] == "groot" and 1 not in personen:
            personen[0] = 1  # load-bewoner responded to the large question
        # A group's contact person responds for the group (and not a second time alone).
        personen = [p for p in personen if p not in namens][: max(0, n - len(namens))]
        personen += list(namens)
        for p in personen:
            tekst = ""
            if s["open_reacties"] and (not opties or rng.random() < 0.6):
                tekst = self._tekst(rng.randint(1, 2))
            gekozen = []
            if opties and (not tekst or rng.random() < 0.9):
                aantal = rng.randint(1, min(2, len(opties))) if s["meerdere_keuzes"] else 1
                gekozen = rng.sample(opties, aantal)
            beoordeling, door = Beoordeling.TE_BEOORDELEN, None
            if s["reacties_openbaar"] and tekst and (s["sluit_op"] <= nu or rng.random() < 0.7):
                beoordeling = _kies(rng, _BEOORDELINGEN)
                door = s["adviseur"]
            wanneer = s["open_vanaf"] + (tot - s["open_vanaf"]) * rng.random()
            yield (
                (
                    s["id"],
                    p,
                    namens.get(p),
                    tekst,
                    rng.random() < 0.4,
                    beoordeling,
                    door,
                    wanneer,
                    wanneer,
                ),
                gekozen,
            )


_TOEZEGGING_AFLOOP = [(ToezeggingStatus.NAGEKOMEN, 8), (ToezeggingStatus.NIET_NAGEKOMEN, 2)]
_PROFESSIONALS = [
    ("Wijkagent", "Politie"),
    ("Jongerenwerker", "Stichting Jongerenwerk"),
    ("Wijkverpleegkundige", "Buurtzorg"),
]
_LEEFTIJD = [(10, 20), (8, 15), (25, 35), (20, 28)]
_BEOORDELINGEN = [(Beoordeling.OPENBAAR, 85), (Beoordeling.NIET_OPENBAAR, 15)]
_ROLLEN = [
    (RolGemeente.FACILITEREN, 40),
    (RolGemeente.SAMEN_UITVOEREN, 30),
    (RolGemeente.ZELF_UITVOEREN, 20),
    (RolGemeente.GEEN_GEMEENTELIJKE_ZAAK, 10),
]


def _kies(rng, opties):
    totaal = sum(g for _w, g in opties)
    r = rng.random() * totaal
    for waarde, gewicht in opties:
        r -= gewicht
        if r < 0:
            return waarde
    return opties[-1][0]


def genereren(omvang: Omvang, *, seed: int = 1, uit=None) -> collections.Counter:
    """Generate the whole data set into an empty database; returns rows per model label."""
    generator = Generator(omvang, seed=seed, uit=uit)
    if connection.vendor == "postgresql":
        # Each COPY commits on its own: the server keeps no huge transaction around.
        aantallen = generator.alles()
    else:
        # SQLite (the small preset): one transaction instead of one per row.
        with transaction.atomic():
            aantallen = generator.alles()
    return aantallen

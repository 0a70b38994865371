"""The demo's college terms and visits: the term 2026–2030 and the one before it; college
dagdelen held (with a published report, topics and follow-up actions) in some wards,
planned in another, missing in the rest, one cancelled and planned again; and work visits
of the demo ward alderman.

Everything goes through the services the griffie and the alderman use. Idempotent by
natural keys: a term by its name; a college dagdeel by ward and term (a cancelled one by
ward, term and reason); a work visit by ward and location.
"""

import datetime

from django.utils import timezone

from contacten import services_bezoek
from contacten.bezoeken import Bezoek, Bezoeksoort, Bezoekstatus, Collegeperiode, Dagdeel
from initiatieven import bezoeken
from initiatieven.models import Actie, Onderwerp
from wijken.models import Wijk

PERIODES = [
    ("2022–2026", datetime.date(2022, 4, 1), datetime.date(2026, 3, 31)),
    ("2026–2030", datetime.date(2026, 4, 1), datetime.date(2030, 3, 31)),
]

#: The previous term: every ward but the countryside had its college dagdeel.
VORIGE_PERIODE = {
    "WK999901": (datetime.date(2023, 3, 14), "Rondgang door de haven en het stationsgebied."),
    "WK999902": (datetime.date(2023, 5, 9), "Bezoek aan het Noorderpark en de scholen."),
    "WK999903": (datetime.date(2023, 9, 19), "Kennismaking met de volkstuinders."),
    "WK999904": (datetime.date(2024, 2, 6), "Wandeling langs het kanaal en het sportpark."),
    "WK999905": (datetime.date(2024, 6, 11), "Gesprek met ondernemers in het winkelcentrum."),
}

ANNULERINGSREDEN = "Het college was verhinderd door een spoedvergadering; het bezoek volgt later."


def _periodes() -> dict[str, Collegeperiode]:
    periodes = {}
    for naam, begin, einde in PERIODES:
        periode, _ = Collegeperiode.objects.update_or_create(
            naam=naam, defaults={"begin": begin, "einde": einde}
        )
        periodes[naam] = periode
    return periodes


def _in_periode(periode: Collegeperiode, datum: datetime.date) -> datetime.date:
    """Keep a date relative to today inside the term (the demo may run any day), on a
    working day: a visit counted from today would otherwise fall on a weekend too. A date
    in the past moves back to the Friday, one to come forward to the Monday."""
    datum = min(max(datum, periode.begin), periode.einde)
    if datum.weekday() < 5:
        return datum
    vrijdag = datum - datetime.timedelta(days=datum.weekday() - 4)
    maandag = datum + datetime.timedelta(days=7 - datum.weekday())
    voorkeur = [vrijdag, maandag] if datum < timezone.localdate() else [maandag, vrijdag]
    return next((d for d in voorkeur if periode.begin <= d <= periode.einde), datum)


def _dagdeel(periode, wijk):
    return (
        Bezoek.objects.college_dagdelen()
        .niet_geannuleerd()
        .filter(wijk=wijk, periode=periode)
        .first()
    )


def _houden(bezoek, door, verslag, *, acties=()):
    services_bezoek.bezoek_houden(door=door, bezoek=bezoek, verslag=verslag)
    services_bezoek.verslag_publiceren(door=door, bezoek=bezoek)
    # The services publish now; in the demo a report came out a few days after the visit.
    dagen_later = datetime.datetime.combine(
        bezoek.datum + datetime.timedelta(days=4),
        datetime.time(10),
        tzinfo=timezone.get_current_timezone(),
    )
    Bezoek.objects.filter(pk=bezoek.pk).update(
        verslag_gepubliceerd_op=min(dagen_later, timezone.now())
    )
    topics = list(bezoek.onderwerpen.order_by("pk"))
    for n, (omschrijving, eigenaar, dagen, gedaan) in enumerate(acties):
        actie = bezoeken.bezoek_actie_toevoegen(
            door=door,
            bezoek=bezoek,
            omschrijving=omschrijving,
            eigenaar=eigenaar,
            deadline=timezone.localdate() + datetime.timedelta(days=dagen),
            onderwerp=topics[n] if n < len(topics) else None,
        )
        if gedaan:
            bezoeken.bezoek_actie_afvinken(door=door, actie=actie, gedaan=True)


def _topics(wijk, aantal=3) -> list[Onderwerp]:
    return list(bezoeken.onderwerpen_voor_bezoek(wijk)[:aantal])


def seed_bezoeken(*, accounts: dict, stdout=None) -> int:
    """Terms and visits; returns how many visits were new."""
    periodes = _periodes()
    vorige, huidige = periodes["2022–2026"], periodes["2026–2030"]
    griffie, wethouder, collegelid = (
        accounts["griffie"],
        accounts["wijkwethouder"],
        accounts["collegelid"],
    )
    wijken = {w.code: w for w in Wijk.objects.filter(code__startswith="WK9999")}
    if not wijken:
        return 0
    vandaag = timezone.localdate()
    college = [collegelid, wethouder]
    voor = Bezoek.objects.count()

    def plannen(wijk, periode, datum, dagdeel, locatie, programma, **kwargs):
        return bezoeken.bezoek_plannen(
            door=griffie,
            wijk=wijk,
            soort=kwargs.pop("soort", Bezoeksoort.COLLEGE_DAGDEEL),
            datum=_in_periode(periode, datum),
            dagdeel=dagdeel,
            locatie=locatie,
            programma=programma,
            deelnemers=kwargs.pop("deelnemers", college),
            raad_uitgenodigd=kwargs.pop("raad_uitgenodigd", True),
            openbaar=True,
            onderwerpen=kwargs.pop("onderwerpen", []),
        )

    # The previous term: held, reports published.
    for code, (datum, programma) in VORIGE_PERIODE.items():
        wijk = wijken.get(code)
        if wijk is None or _dagdeel(vorige, wijk):
            continue
        bezoek = plannen(wijk, vorige, datum, Dagdeel.MIDDAG, "Buurthuis", programma)
        _houden(
            bezoek,
            griffie,
            f"Het college bezocht {wijk.naam}. {programma} De wijk vroeg aandacht voor "
            "verkeersveiligheid, groen en ontmoetingsplekken.",
        )

    # This term: Centrum and Noord held, with topics and follow-up actions.
    gehouden = {
        "WK999901": (
            vandaag - datetime.timedelta(days=75),
            Dagdeel.OCHTEND,
            "Wijkcentrum De Haven",
            "Ontvangst door de wijkraad; wandeling langs de haven; gesprek met ondernemers.",
            "Het college sprak met de wijkraad en ondernemers over de drukte rond het station "
            "en de verlichting van de havenkade. Afgesproken is dat de gemeente de "
            "verlichting laat onderzoeken en voor de zomer terugkomt in de wijk.",
            [
                ("Onderzoek naar verlichting havenkade", "Wijkadviseur", 30, False),
                ("Terugkoppeling aan de wijkraad", "Wijkwethouder", 60, False),
                ("Verslag naar alle deelnemers", "Griffie", -60, True),
            ],
        ),
        "WK999902": (
            vandaag - datetime.timedelta(days=40),
            Dagdeel.MIDDAG,
            "Buurthuis Noorderpark",
            "Bezoek aan de natuurspeelplek in wording en gesprek met jongeren.",
            "De jongeren lieten hun plek zien; het college zegde toe mee te denken over een "
            "overdekte ontmoetingsplek. De ouders van de natuurspeelplek zijn op stoom.",
            [
                ("Locaties ontmoetingsplek jongeren verkennen", "Opbouwwerker", 45, False),
                ("Budget natuurspeelplek bevestigen", "Wethouder groen", 20, False),
            ],
        ),
    }
    for code, (datum, dagdeel, locatie, programma, verslag, acties) in gehouden.items():
        wijk = wijken.get(code)
        if wijk is None or _dagdeel(huidige, wijk):
            continue
        bezoek = plannen(
            wijk, huidige, datum, dagdeel, locatie, programma, onderwerpen=_topics(wijk)
        )
        _houden(bezoek, griffie, verslag, acties=acties)

    # Oost: planned.
    wijk = wijken.get("WK999903")
    if wijk is not None and not _dagdeel(huidige, wijk):
        plannen(
            wijk,
            huidige,
            vandaag + datetime.timedelta(days=24),
            Dagdeel.MIDDAG,
            "Volkstuinencomplex De Oostertuin",
            "Rondgang door Tuinstad; gesprek met de volkstuinders en de nieuwe bewoners.",
            onderwerpen=_topics(wijk, 2),
        )

    # Zuid: planned, cancelled, planned again.
    wijk = wijken.get("WK999904")
    if wijk is not None:
        if not Bezoek.objects.filter(
            wijk=wijk, periode=huidige, status=Bezoekstatus.GEANNULEERD
        ).exists():
            eerste = plannen(
                wijk,
                huidige,
                vandaag + datetime.timedelta(days=3),
                Dagdeel.OCHTEND,
                "Sportpark Zuid",
                "Bezoek aan het sportpark en de wijkraad.",
            )
            services_bezoek.bezoek_annuleren(door=griffie, bezoek=eerste, reden=ANNULERINGSREDEN)
        if not _dagdeel(huidige, wijk):
            plannen(
                wijk,
                huidige,
                vandaag + datetime.timedelta(days=52),
                Dagdeel.AVOND,
                "Clubhuis Sportpark Zuid",
                "Het uitgestelde bezoek: sportpark, kanaaloever en de wijkraad.",
                onderwerpen=_topics(wijk, 2),
            )

    # Work visits of the demo ward alderman, one held with a report, one to come.
    werkbezoeken = [
        (
            "WK999901",
            vandaag - datetime.timedelta(days=12),
            "Basisschool De Vuurtoren",
            "Gesprek met de school en ouders over de oversteek bij de Koolmeesweg.",
            "De wethouder zag de oversteek tijdens het brengen; een tijdelijke "
            "verkeersregelaar wordt onderzocht.",
        ),
        (
            "WK999902",
            vandaag + datetime.timedelta(days=10),
            "Jongerencentrum Noord",
            "Kennismaking met het jongerenwerk en de jongeren die een ontmoetingsplek zoeken.",
            "",
        ),
    ]
    for code, datum, locatie, programma, verslag in werkbezoeken:
        wijk = wijken.get(code)
        if (
            wijk is None
            or Bezoek.objects.filter(
                wijk=wijk, soort=Bezoeksoort.WERKBEZOEK, locatie=locatie
            ).exists()
        ):
            continue
        bezoek = bezoeken.bezoek_plannen(
            door=wethouder,
            wijk=wijk,
            soort=Bezoeksoort.WERKBEZOEK,
            datum=_in_periode(huidige, datum),
            dagdeel=Dagdeel.OCHTEND,
            locatie=locatie,
            programma=programma,
            deelnemers=[wethouder],
            raad_uitgenodigd=False,
            openbaar=True,
            onderwerpen=_topics(wijk, 1),
        )
        if verslag:
            _houden(bezoek, wethouder, verslag)

    nieuw = Bezoek.objects.count() - voor
    if stdout is not None:
        stdout.write(
            f"Visits: {nieuw} new, {Bezoek.objects.count()} in all; "
            f"{Actie.objects.filter(bezoek__isnull=False).count()} follow-up actions."
        )
    return nieuw

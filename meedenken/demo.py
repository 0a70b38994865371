"""Consultation questions of the demo municipality: one open with responses of each kind
and a ward meeting (a sketch as its attachment, a photo with a response), one closed with feedback tied to a council decision, one closed with
overdue feedback, and a draft to all wards for the college member. Idempotent: each
question is looked up by its title before it is made."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from contacten.vergaderingen import Agendapunt
from initiatieven.bijlagen import controleer_bijlage
from initiatieven.demo import foto
from initiatieven.models import Thema
from meedenken import services
from meedenken.models import Inbreng, Meedenkvraag
from wijken.models import Bewonersgroep, Wijk

NU = timezone.now


def _thema(naam: str) -> Thema:
    return Thema.objects.filter(naam=naam).first() or Thema.objects.actief().first()


def _pdf(naam: str, regel: str) -> dict:
    """A one-page PDF with one line of text, through the same checks as an upload."""
    inhoud = f"BT /F1 18 Tf 72 720 Td ({regel}) Tj ET".encode("latin-1")
    objecten = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(inhoud), inhoud),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    uit, plekken = bytearray(b"%PDF-1.4\n"), []
    for nummer, obj in enumerate(objecten, start=1):
        plekken.append(len(uit))
        uit += b"%d 0 obj\n%s\nendobj\n" % (nummer, obj)
    xref = len(uit)
    uit += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objecten) + 1)
    uit += b"".join(b"%010d 00000 n \n" % plek for plek in plekken)
    uit += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objecten) + 1,
        xref,
    )
    return controleer_bijlage(SimpleUploadedFile(naam, bytes(uit), "application/pdf"))


def _vraag(*, titel, door, wijken, gegevens, opties=(), groepen=(), alle_wijken=False, bijlagen=()):
    bestaand = Meedenkvraag.objects.filter(titel=titel).first()
    if bestaand is not None:
        return bestaand, False
    nu = NU()
    vraag = services.meedenkvraag_opslaan(
        door=door,
        gegevens={
            "titel": titel,
            "open_vanaf": nu - datetime.timedelta(days=5),
            "sluit_op": nu + datetime.timedelta(days=20),
            "terugkoppeling_voor": timezone.localdate() + datetime.timedelta(days=60),
            "alle_wijken": alle_wijken,
            **gegevens,
        },
        wijken=wijken,
        groepen=groepen,
        opties=list(opties),
        bijlagen=bijlagen,
    )
    return vraag, True


def _sluiten(vraag, *, dagen_geleden: int, terugkoppeling_over: int) -> None:
    """Move a published question's dates into the past, as time would have done."""
    nu = NU()
    Meedenkvraag.objects.filter(pk=vraag.pk).update(
        open_vanaf=nu - datetime.timedelta(days=dagen_geleden + 30),
        sluit_op=nu - datetime.timedelta(days=dagen_geleden),
        gepubliceerd_op=nu - datetime.timedelta(days=dagen_geleden + 31),
        terugkoppeling_voor=timezone.localdate() + datetime.timedelta(days=terugkoppeling_over),
    )
    vraag.refresh_from_db()


def seed_meedenken(*, accounts: dict, stdout=None) -> int:
    """The demo questions; returns how many were made."""
    adviseur, wethouder = accounts["wijkadviseur"], accounts["wijkwethouder"]
    bewoner, contact = accounts["bewoner"], accounts["groepscontact"]
    noord, oost = Wijk.objects.get(code="WK999901"), Wijk.objects.get(code="WK999902")
    molen = Bewonersgroep.objects.filter(naam="Buurtvereniging De Molen").first()
    gemaakt = 0

    # 1. Open, with options, open responses (public after screening) and a ward meeting.
    plein, nieuw = _vraag(
        titel="Hoe richten we het Molenplein opnieuw in?",
        door=adviseur,
        wijken=[molen.wijk if molen else noord],
        groepen=[molen] if molen else [],
        opties=["Meer groen en schaduw", "Een speelplek", "Ruimte voor de markt"],
        gegevens={
            "vraag": "Het Molenplein wordt in 2027 opnieuw ingericht. Wat vind jij het belangrijkst?",
            "achtergrond": (
                "De gemeente heeft 400.000 euro voor het plein. De bomen aan de zuidkant "
                "blijven staan en de bussen blijven over het plein rijden: daarover valt niet "
                "mee te beslissen. Over de inrichting van de rest wel."
            ),
            "thema": _thema("Groen en spelen"),
            "beleidsonderwerp": "Programma Openbare Ruimte 2027",
            "open_reacties": True,
            "reacties_openbaar": True,
        },
        bijlagen=[_pdf("Schetsontwerp Molenplein.pdf", "Schetsontwerp Molenplein 2027")],
    )
    if nieuw:
        gemaakt += 1
        plein = services.meedenkvraag_publiceren(vraag=plein, door=adviseur)
        services.bijeenkomst_opslaan(
            vraag=plein,
            door=adviseur,
            gegevens={
                "begint": NU().replace(hour=19, minute=30, second=0, microsecond=0)
                + datetime.timedelta(days=9),
                "eindigt": NU().replace(hour=21, minute=30, second=0, microsecond=0)
                + datetime.timedelta(days=9),
                "plaats": "Buurthuis De Molen, Molenstraat 12",
                "toegankelijkheid": "Drempelvrije ingang, ringleiding in de grote zaal.",
                "max_deelnemers": 40,
            },
        )
        opties = list(plein.opties.all())
        eerste, _ = services.inbreng_opslaan(
            vraag=plein,
            door=bewoner,
            tekst="Graag bankjes in de schaduw; in de zomer is het plein nu te heet.",
            keuzes=[opties[0]],
            bijlage=foto("plein-in-de-zomer.png"),
        )
        services.inbreng_beoordelen(inbreng=eerste, door=adviseur, openbaar=True)
        if molen:
            # The group's response waits for screening: the advisor's task in the demo.
            services.inbreng_opslaan(
                vraag=plein,
                door=contact,
                tekst="Namens de buurtvereniging: houd ruimte voor de jaarlijkse braderie.",
                keuzes=[opties[2]],
                toon_naam=True,
                groep=molen,
            )
        services.aanmelden(vraag=plein, door=bewoner)

    # 2. Closed, feedback published and tied to the council's decision on the centre.
    buurthuis, nieuw = _vraag(
        titel="Wat moet het buurthuis in het weekend bieden?",
        door=wethouder,
        wijken=[noord],
        opties=[],
        gegevens={
            "vraag": "Als het buurthuis op zaterdag opengaat: waarvoor zou jij komen?",
            "achtergrond": "Vrijwilligers willen het buurthuis op zaterdag openen.",
            "thema": _thema("Jeugd"),
            "open_reacties": True,
        },
    )
    if nieuw:
        gemaakt += 1
        buurthuis = services.meedenkvraag_publiceren(vraag=buurthuis, door=wethouder)
        services.inbreng_opslaan(
            vraag=buurthuis, door=bewoner, tekst="Een repair café en een plek voor jongeren."
        )
        _sluiten(buurthuis, dagen_geleden=40, terugkoppeling_over=10)
        besluit = (
            Agendapunt.objects.filter(
                titel="Buurthuis Noord in het weekend open", besluit__isnull=False
            )
            .order_by("-pk")
            .first()
        )
        services.terugkoppeling_opslaan(
            vraag=buurthuis,
            door=wethouder,
            gegevens={
                "samenvatting": "Bijna iedereen wil een plek voor jongeren; velen noemden een repair café.",
                "besluit": "De raad stelt subsidie beschikbaar: het buurthuis is vanaf maart op zaterdag open.",
                "waarom": "Er is geen andere plek in de wijk waar jongeren in het weekend terecht kunnen.",
            },
            agendapunt=besluit,
        )
        services.terugkoppeling_publiceren(vraag=buurthuis, door=wethouder)

    # 3. Closed, and the promised feedback is overdue: on the advisor's dashboard.
    fietsen, nieuw = _vraag(
        titel="Waar moeten extra fietsenrekken komen?",
        door=adviseur,
        wijken=[noord, oost],
        opties=["Bij het station", "Bij de scholen", "Bij de winkels"],
        gegevens={
            "vraag": "Er komen 200 extra fietsparkeerplekken. Waar zijn ze het hardst nodig?",
            "achtergrond": "Het budget is voor 200 plekken; autoparkeerplaatsen verdwijnen er niet voor.",
            "thema": _thema("Verkeer en parkeren"),
            "open_reacties": False,
            "meerdere_keuzes": True,
        },
    )
    if nieuw:
        gemaakt += 1
        fietsen = services.meedenkvraag_publiceren(vraag=fietsen, door=adviseur)
        opties = list(fietsen.opties.all())
        services.inbreng_opslaan(vraag=fietsen, door=bewoner, keuzes=opties[:2])
        services.inbreng_opslaan(vraag=fietsen, door=contact, keuzes=[opties[0]])
        _sluiten(fietsen, dagen_geleden=30, terugkoppeling_over=-4)

    # 4. A draft to all wards for the college member to finish and publish.
    _concept, nieuw = _vraag(
        titel="Hoe maken we de wijken klimaatbestendig?",
        door=accounts["collegelid"],
        wijken=[],
        alle_wijken=True,
        gegevens={
            "vraag": "Waar heb jij last van hitte of wateroverlast, en wat zou helpen?",
            "achtergrond": "Het college maakt een plan voor hitte en water in alle wijken.",
            "thema": _thema("Groen en spelen"),
            "open_reacties": True,
        },
    )
    gemaakt += int(nieuw)
    if stdout is not None:
        stdout.write(
            f"Meedenken: {Meedenkvraag.objects.count()} questions, "
            f"{Inbreng.objects.count()} responses "
            f"({Inbreng.objects.te_beoordelen().count()} to screen)."
        )
    return gemaakt

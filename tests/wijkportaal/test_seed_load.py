"""The large data set (``manage.py seed_load``), checked on its small preset.

The database's own constraints are checked by inserting; what is checked here is what a
constraint cannot say: sizes follow the flags, every history is a path through the workflow
table, sequences continue after the generated keys, and the role accounts can sign in.
"""

import datetime as dt
import io
import zoneinfo
from collections import defaultdict

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from contacten.models import (
    Agendapunt,
    Bezoek,
    Bezoeksoort,
    Bezoekstatus,
    Collegeperiode,
    Gebruiker,
    Rol,
    Toezegging,
    Vergadering,
)
from initiatieven.keuzes import AFGEHANDELD, Status
from initiatieven.models import Onderwerp, Statuswijziging
from initiatieven.workflow import Actor, overgang
from meedenken.models import (
    Aanmelding,
    Beoordeling,
    Bijeenkomst,
    Inbreng,
    Meedenkvraag,
    Staat,
    Terugkoppeling,
)
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from wijken.models import (
    Bestuursfunctie,
    Bewonersgroep,
    Buurt,
    Groepssoort,
    Kerncijfers,
    Wijk,
    Wijkprofessional,
    WijkraadStatus,
    buurtcode_validator,
    wijkcode_validator,
)
from wijkportaal import laaddata


def seed_load(*args):
    uit = io.StringIO()
    call_command("seed_load", *args, stdout=uit)
    return uit.getvalue()


@pytest.fixture
def demomodus(settings):
    settings.DEMO = True
    settings.DEBUG = True


@pytest.fixture
def klein(db, demomodus):
    return seed_load("--small", "--seed", "7")


def test_aantallen_volgen_de_vlaggen(klein):
    omvang = laaddata.KLEIN
    assert Gebruiker.objects.count() == omvang.gebruikers
    assert not Gebruiker.objects.filter(is_demo=False).exists()
    # One shared hash, computed once.
    assert Gebruiker.objects.values("password").distinct().count() == 1
    assert Wijk.objects.count() == omvang.wijken
    assert Buurt.objects.count() == omvang.buurten
    assert Bewonersgroep.objects.count() == omvang.groepen
    assert Onderwerp.objects.count() == omvang.onderwerpen
    assert Kerncijfers.objects.count() == 3 * omvang.buurten
    assert Collegeperiode.objects.count() == 3
    # A few steps per item on average; the full size has about 1.3 million.
    assert 4 * omvang.onderwerpen <= Statuswijziging.objects.count() <= 7 * omvang.onderwerpen
    assert set(Onderwerp.objects.values_list("status", flat=True)) == set(Status.values)
    assert "peak memory" in klein
    for email, _naam, _rol in laaddata.ROLACCOUNTS:
        assert email in klein


def test_wijken_en_groepen_zijn_realistisch(klein):
    for wijk in Wijk.objects.all():
        wijkcode_validator(wijk.code)
        assert wijk.code.startswith("WK0363")
        assert wijk.wijkadviseur.rol == "wijkadviseur"
        assert wijk.opbouwwerker.rol == "opbouwwerker"
        assert wijk.wijkwethouder.rol == "wijkwethouder"
        assert wijk.groepen.filter(soort=Groepssoort.WIJKRAAD).count() == 1
    for buurt in Buurt.objects.select_related("wijk"):
        buurtcode_validator(buurt.code)
        assert buurt.code.startswith("BU" + buurt.wijk.code[2:])
    eerste = Wijk.objects.get(pk=1)
    assert eerste.wijkadviseur.email == "load-wijkadviseur@example.org"
    assert eerste.wijkwethouder.email == "load-wijkwethouder@example.org"
    assert eerste.opbouwwerker.email == "load-opbouwwerker@example.org"
    assert Wijkprofessional.objects.count() == 3 * laaddata.KLEIN.wijken
    assert Bestuursfunctie.objects.filter(is_vacant=True).exists()
    assert Bestuursfunctie.objects.filter(is_vacant=False).exists()
    for raad in Bewonersgroep.objects.filter(wijkraad_status=WijkraadStatus.GESTOPT):
        assert raad.terugvalregelingen.filter(einde__isnull=True).exists()


def test_elke_geschiedenis_is_een_pad_door_de_workflow(klein):
    stappen = defaultdict(list)
    for stap in Statuswijziging.objects.order_by("tijdstip", "pk"):
        stappen[stap.onderwerp_id].append(stap)
    onderwerpen = Onderwerp.objects.select_related("wijk")
    for onderwerp in onderwerpen:
        pad = stappen[onderwerp.pk]
        if not pad:
            assert onderwerp.status == Status.CONCEPT
            continue
        assert pad[0].van == Status.CONCEPT
        assert pad[0].tijdstip == onderwerp.ingediend_op
        vorige = None
        for stap in pad:
            regel = overgang(stap.van, stap.naar)
            assert regel is not None, (stap.van, stap.naar)
            if vorige is not None:
                assert stap.van == vorige.naar
                assert stap.tijdstip > vorige.tijdstip
            # Taken by the actor the table names for this ward.
            verwacht = {
                Actor.INDIENER: onderwerp.indiener_id,
                Actor.WIJKADVISEUR: onderwerp.wijk.wijkadviseur_id,
                Actor.WIJKWETHOUDER: onderwerp.wijk.wijkwethouder_id,
            }
            if Actor.GRIFFIE in regel.wie:
                assert Gebruiker.objects.get(pk=stap.door_id).rol == "griffie"
            else:
                assert stap.door_id in {verwacht[a] for a in regel.wie}
            vorige = stap
        assert pad[-1].naar == onderwerp.status


def test_velden_passen_bij_de_status(klein):
    for onderwerp in Onderwerp.objects.all():
        if onderwerp.status == Status.CONCEPT:
            assert not onderwerp.openbaar and onderwerp.ingediend_op is None
        else:
            assert onderwerp.ingediend_op is not None
            assert onderwerp.eerste_reactie_voor is not None
        if onderwerp.openbaar:
            assert onderwerp.gepubliceerd_op >= onderwerp.ingediend_op
        if onderwerp.status == Status.AFGEROND:
            assert onderwerp.resultaat
        if onderwerp.status in AFGEHANDELD:
            # As the transition function sets it: the moment of the step into the end state.
            stap = onderwerp.statuswijzigingen.get(naar=onderwerp.status)
            assert onderwerp.afgehandeld_op == stap.tijdstip
        else:
            assert onderwerp.afgehandeld_op is None
        if onderwerp.status == Status.NOG_NIET_MOGELIJK:
            assert onderwerp.herbezien_op or onderwerp.herbezien_voorwaarde
        if onderwerp.status in (Status.GEAGENDEERD_COLLEGE, Status.GEAGENDEERD_RAAD):
            assert onderwerp.agendapunten.exists()
    assert Onderwerp.objects.filter(openbaar=True).count() > Onderwerp.objects.count() // 2
    assert Onderwerp.objects.filter(indiener__email="load-bewoner@example.org").count() >= 5
    # Agenda items carry items and decisions; visits: once per ward and term.
    assert Agendapunt.objects.filter(onderwerpen__isnull=False, besluit__isnull=False).exists()
    # Items are bundled per meeting and theme: an agenda stays a readable length.
    per_vergadering = Agendapunt.objects.values("vergadering").annotate(n=Count("pk"))
    assert max(r["n"] for r in per_vergadering) <= len(laaddata.THEMAS)
    assert Vergadering.objects.filter(orgaan="gemeenteraad").exists()
    assert Toezegging.objects.exists()
    dagdelen = Bezoek.objects.filter(soort=Bezoeksoort.COLLEGE_DAGDEEL).exclude(
        status=Bezoekstatus.GEANNULEERD
    )
    assert dagdelen.count() == dagdelen.values("wijk", "periode").distinct().count()
    assert Bezoek.objects.filter(onderwerpen__isnull=False).exists()


def test_na_de_seed_werken_gewone_inserts(klein):
    hoogste = Onderwerp.objects.order_by("-pk").values_list("pk", flat=True).first()
    nieuw = OnderwerpFactory()
    assert nieuw.pk > hoogste
    assert GebruikerFactory().pk > laaddata.KLEIN.gebruikers
    assert Statuswijziging.objects.create(onderwerp=nieuw, van="concept", naar="ingediend").pk


def test_rolaccounts_kunnen_inloggen_in_demomodus(klein, client):
    for email, _naam, rol in laaddata.ROLACCOUNTS:
        gebruiker = Gebruiker.objects.get(email=email)
        assert gebruiker.rol == rol and gebruiker.is_demo
        assert client.login(email=email, password=laaddata.LOAD_WACHTWOORD), email
        client.logout()


def test_rolaccounts_niet_buiten_demomodus(klein, client, settings):
    settings.DEMO = False
    assert not client.login(email="load-bewoner@example.org", password=laaddata.LOAD_WACHTWOORD)


def test_nogmaals_weigert_zonder_reset_en_bouwt_met_reset(klein):
    def vingerafdruk():
        return list(Onderwerp.objects.order_by("pk").values_list("status", "titel", "wijk_id")[:50])

    voor = vingerafdruk()
    with pytest.raises(CommandError):
        seed_load("--small", "--seed", "7")
    assert Onderwerp.objects.count() == laaddata.KLEIN.onderwerpen
    vragen = Meedenkvraag.objects.count()
    seed_load("--small", "--seed", "7", "--reset")
    assert Onderwerp.objects.count() == laaddata.KLEIN.onderwerpen
    assert Meedenkvraag.objects.count() == vragen
    assert Gebruiker.objects.count() == laaddata.KLEIN.gebruikers
    assert Onderwerp.objects.order_by("pk").first().pk == 1
    # Same seed, same data.
    assert vingerafdruk() == voor


@pytest.mark.django_db
def test_weigert_buiten_demomodus_zonder_vlag(settings):
    settings.DEMO, settings.DEBUG = False, False
    with pytest.raises(CommandError):
        seed_load("--small")
    settings.DEMO = True  # demo mode with DEBUG off: still refused without the flag
    with pytest.raises(CommandError):
        seed_load("--small")
    assert not Gebruiker.objects.exists()


@pytest.mark.django_db
def test_weigert_onzinnige_omvang(demomodus):
    with pytest.raises(CommandError):
        seed_load("--small", "--scale", "0")
    with pytest.raises(CommandError):
        seed_load("--wijken", "10", "--buurten", "5", "--onderwerpen", "100")
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError):
            seed_load("--onderwerpen", "50000")
    assert not Gebruiker.objects.exists()


def test_scale_schaalt_elke_omvang(db, demomodus):
    seed_load("--small", "--scale", "0.5")
    assert Wijk.objects.count() == 5
    assert Buurt.objects.count() == 15
    assert Bewonersgroep.objects.count() == 30
    assert Gebruiker.objects.count() == 250
    assert Onderwerp.objects.count() == 1000


def _staten_bij_het_laden():
    """The states at the generator's own moment (today 07:00), as the command counts them."""
    nu = dt.datetime.combine(
        timezone.localdate(), dt.time(7), tzinfo=zoneinfo.ZoneInfo(django_settings.TIME_ZONE)
    )
    return dict(Meedenkvraag.objects.met_staat(nu).values_list("staat").annotate(n=Count("pk")))


def test_meedenkvragen_per_wijk_per_jaar_in_elke_staat(klein):
    omvang = laaddata.KLEIN
    laag, hoog = laaddata.VRAGEN_PER_WIJK_PER_JAAR
    # Ward 1: one in each state but "feedback given", and the large question (which is in it).
    vast = len(Staat)
    aantal = Meedenkvraag.objects.count()
    assert omvang.wijken * omvang.jaren * laag + omvang.jaren + vast <= aantal
    assert aantal <= omvang.wijken * omvang.jaren * hoog + omvang.jaren + vast
    assert Meedenkvraag.objects.filter(alle_wijken=True).count() == omvang.jaren
    assert not Meedenkvraag.objects.filter(alle_wijken=True, wijken__isnull=False).exists()
    assert not Meedenkvraag.objects.filter(alle_wijken=False, wijken__isnull=True).exists()
    staten = _staten_bij_het_laden()
    assert set(staten) == set(Staat.values)
    # Most closed questions have their feedback; some are overdue.
    gesloten = staten[Staat.TERUGGEKOPPELD] + staten[Staat.TE_LAAT] + staten[Staat.GESLOTEN]
    assert staten[Staat.TERUGGEKOPPELD] > gesloten // 2
    # The command's summary line counts what the database holds.
    regel = next(r for r in klein.splitlines() if "questions per state:" in r)
    for staat, n in staten.items():
        assert f"{staat} {n:,}" in regel
    assert Inbreng.objects.count() > aantal  # responses in proportion
    assert Bijeenkomst.objects.exists() and Aanmelding.objects.exists()
    assert Terugkoppeling.objects.filter(agendapunt__isnull=False).exists()
    assert Terugkoppeling.objects.filter(onderwerpen__isnull=False).exists()
    assert Meedenkvraag.objects.filter(aanleiding__isnull=False).exists()


def test_meedenkvragen_zijn_consistent(klein):
    nu = timezone.now()
    te_laat = Meedenkvraag.objects.terugkoppeling_te_laat(nu)
    assert te_laat.exists()
    assert not te_laat.filter(herinnerd_op__isnull=True).exists()
    for vraag in Meedenkvraag.objects.select_related("terugkoppeling").prefetch_related(
        "opties", "inbreng__keuzes", "inbreng__groep__contactpersonen"
    ):
        terug = getattr(vraag, "terugkoppeling", None)
        if terug is not None and terug.gepubliceerd_op is not None:
            assert vraag.sluit_op < terug.gepubliceerd_op < nu
        if vraag.gepubliceerd_op is None or vraag.open_vanaf > nu:
            assert not vraag.inbreng.all()
            continue
        assert vraag.gepubliceerd_op <= vraag.open_vanaf
        opties = set(vraag.opties.all())
        for inbreng in vraag.inbreng.all():
            assert vraag.open_vanaf <= inbreng.aangemaakt <= min(vraag.sluit_op, nu)
            keuzes = set(inbreng.keuzes.all())
            assert keuzes <= opties
            assert inbreng.tekst or keuzes
            assert vraag.open_reacties or not inbreng.tekst
            assert vraag.meerdere_keuzes or len(keuzes) <= 1
            if inbreng.groep is not None:
                assert inbreng.gebruiker in inbreng.groep.contactpersonen.all()
            if inbreng.beoordeling != Beoordeling.TE_BEOORDELEN:
                assert vraag.reacties_openbaar and inbreng.beoordeeld_door_id
    assert Inbreng.objects.filter(groep__isnull=False).exists()
    assert Inbreng.objects.filter(toon_naam=True).exists()
    assert Inbreng.objects.filter(toon_naam=False).exists()
    assert Inbreng.objects.openbaar_zichtbaar().exists()
    for bijeenkomst in Bijeenkomst.objects.annotate(n=Count("aanmeldingen")):
        assert bijeenkomst.max_deelnemers is None or bijeenkomst.n <= bijeenkomst.max_deelnemers


def test_de_grote_vraag_volgt_haar_schaalregel(klein):
    """At full size the large question has 2,000 responses; one response per person, so
    with fewer residents (the small preset) every resident responded."""
    bewoners = Gebruiker.objects.filter(rol=Rol.BEWONER).count()
    assert bewoners < laaddata.GROTE_VRAAG_REACTIES
    _controleer_grote_vraag(bewoners)


@pytest.mark.django_db
def test_de_grote_vraag_heeft_2000_reacties_zodra_er_genoeg_bewoners_zijn(demomodus):
    seed_load(
        *("--wijken", "2", "--buurten", "2", "--groepen", "4", "--gebruikers", "2100"),
        *("--onderwerpen", "60", "--jaren", "1"),
    )
    assert Gebruiker.objects.filter(rol=Rol.BEWONER).count() > laaddata.GROTE_VRAAG_REACTIES
    _controleer_grote_vraag(laaddata.GROTE_VRAAG_REACTIES)


def _controleer_grote_vraag(verwacht: int):
    vraag = Meedenkvraag.objects.get(titel=laaddata.GROTE_VRAAG_TITEL)
    assert vraag.inbreng.count() == verwacht
    # The benchmark picks it as the question with the most responses.
    meeste = Meedenkvraag.objects.annotate(n=Count("inbreng")).order_by("-n", "pk").first()
    assert meeste == vraag
    assert list(vraag.wijken.values_list("pk", flat=True)) == [1]
    assert vraag.staat_op() == Staat.TERUGGEKOPPELD and vraag.reacties_openbaar
    assert vraag.inbreng.filter(gebruiker__email="load-bewoner@example.org").exists()
    assert Inbreng.objects.openbaar_zichtbaar().filter(vraag=vraag).exists()
    assert vraag.bijeenkomst.aanmeldingen.exists()

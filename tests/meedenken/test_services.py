"""The writes on consultation questions: each allowed one does what it says, each refused
one raises and changes nothing, and the emails go to the right people in their language."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from meedenken import services
from meedenken.models import Aanmelding, Beoordeling, Inbreng, Meedenkvraag
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.meedenken.factories import (
    BijeenkomstFactory,
    InbrengFactory,
    MeedenkvraagFactory,
    TerugkoppelingFactory,
)
from tests.wijken.factories import (
    BewonersgroepFactory,
    BuurtFactory,
    WijkFactory,
    WijkprofessionalFactory,
)

pytestmark = pytest.mark.django_db


def _gegevens(**extra):
    nu = timezone.now()
    return {
        "titel": "Waar komt de nieuwe speeltuin?",
        "vraag": "Welke plek vindt u het beste?",
        "achtergrond": "Er is geld voor één speeltuin.",
        "thema": ThemaFactory(),
        "open_vanaf": nu,
        "sluit_op": nu + datetime.timedelta(days=21),
        "terugkoppeling_voor": timezone.localdate() + datetime.timedelta(days=60),
        **extra,
    }


# --- asking ----------------------------------------------------------------------------


def test_wijkadviseur_stelt_vraag_aan_eigen_wijk_met_opties():
    wijk = WijkFactory(met_staf=True)
    buurt = BuurtFactory(wijk=wijk)
    vraag = services.meedenkvraag_opslaan(
        door=wijk.wijkadviseur,
        gegevens=_gegevens(titel="Speeltuin", status="x", gepubliceerd_op=timezone.now()),
        wijken=[wijk],
        buurten=[buurt],
        opties=["Bij de school", " ", "In het park"],
    )
    assert vraag.gesteld_door == wijk.wijkadviseur
    assert vraag.gepubliceerd_op is None  # a field the asker may not set is ignored
    assert list(vraag.wijken.all()) == [wijk]
    assert [o.tekst for o in vraag.opties.all()] == ["Bij de school", "In het park"]


@pytest.mark.parametrize("wie", ["andere_adviseur", "opbouwwerker", "bewoner", "griffie"])
def test_anderen_mogen_geen_vraag_aan_de_wijk_stellen(wie):
    wijk = WijkFactory(met_staf=True)
    door = {
        "andere_adviseur": lambda: WijkFactory(met_staf=True).wijkadviseur,
        "opbouwwerker": lambda: wijk.opbouwwerker,
        "bewoner": GebruikerFactory,
        "griffie": lambda: GebruikerFactory(griffie=True),
    }[wie]()
    with pytest.raises(services.Geweigerd):
        services.meedenkvraag_opslaan(door=door, gegevens=_gegevens(), wijken=[wijk])
    assert not Meedenkvraag.objects.exists()


def test_alle_wijken_alleen_voor_het_college():
    wijk = WijkFactory(met_staf=True)
    with pytest.raises(services.Geweigerd):
        services.meedenkvraag_opslaan(
            door=wijk.wijkadviseur, gegevens=_gegevens(alle_wijken=True), wijken=[]
        )
    vraag = services.meedenkvraag_opslaan(
        door=GebruikerFactory(collegelid=True), gegevens=_gegevens(alle_wijken=True), wijken=[wijk]
    )
    assert vraag.alle_wijken and not vraag.wijken.exists()


def test_buurt_groep_of_professional_buiten_de_wijk_geweigerd():
    wijk = WijkFactory(met_staf=True)
    for extra in (
        {"buurten": [BuurtFactory()]},
        {"groepen": [BewonersgroepFactory()]},
        {"professionals": [WijkprofessionalFactory()]},
    ):
        with pytest.raises(services.Ongeldig):
            services.meedenkvraag_opslaan(
                door=wijk.wijkadviseur, gegevens=_gegevens(), wijken=[wijk], **extra
            )
    assert not Meedenkvraag.objects.exists()


def test_data_moeten_kloppen():
    wijk = WijkFactory(met_staf=True)
    nu = timezone.now()
    for fout in (
        {"sluit_op": nu - datetime.timedelta(days=1)},
        {"terugkoppeling_voor": timezone.localdate() + datetime.timedelta(days=2)},
    ):
        with pytest.raises(services.Ongeldig):
            services.meedenkvraag_opslaan(
                door=wijk.wijkadviseur, gegevens=_gegevens(**fout), wijken=[wijk]
            )
    with pytest.raises(services.Ongeldig):
        services.meedenkvraag_opslaan(
            door=wijk.wijkadviseur, gegevens=_gegevens(open_reacties=False), wijken=[wijk]
        )
    assert not Meedenkvraag.objects.exists()


def test_opties_vast_zodra_er_inbreng_is():
    vraag = MeedenkvraagFactory(opties=["A", "B"])
    InbrengFactory(vraag=vraag)
    wijk = vraag.wijken.get()
    with pytest.raises(services.Ongeldig):
        services.meedenkvraag_opslaan(
            door=wijk.wijkadviseur, gegevens={}, wijken=[wijk], vraag=vraag, opties=["C"]
        )
    assert [o.tekst for o in vraag.opties.all()] == ["A", "B"]


def test_publiceren_mailt_uitgenodigde_groepen_en_professionals_en_meldt_volgers(
    django_capture_on_commit_callbacks,
):
    wijk = WijkFactory(met_staf=True)
    contact = GebruikerFactory(taal="en")
    groep = BewonersgroepFactory(wijk=wijk, wijkraad=True, contactpersonen=[contact])
    professional = WijkprofessionalFactory(wijk=wijk, email="wijkagent@politie.example")
    vraag = MeedenkvraagFactory(concept=True, wijken=[wijk])
    vraag.uitgenodigde_groepen.set([groep])
    vraag.uitgenodigde_professionals.set([professional])
    with django_capture_on_commit_callbacks(execute=True):
        services.meedenkvraag_publiceren(vraag=vraag, door=wijk.wijkwethouder)
    vraag.refresh_from_db()
    assert vraag.gepubliceerd_op is not None
    ontvangers = {adres: m for m in mail.outbox for adres in m.to}
    assert set(ontvangers) == {contact.email, "wijkagent@politie.example"}
    assert "think along" in ontvangers[contact.email].subject
    assert "mee te denken" in ontvangers["wijkagent@politie.example"].subject
    with pytest.raises(services.Ongeldig):
        services.meedenkvraag_publiceren(vraag=vraag, door=wijk.wijkwethouder)


def test_volger_van_de_wijk_krijgt_het_nieuws(django_capture_on_commit_callbacks):
    from wijken.models import Berichtfrequentie, Volger

    wijk = WijkFactory(met_staf=True)
    volger = GebruikerFactory()
    Volger.objects.create(gebruiker=volger, wijk=wijk, frequentie=Berichtfrequentie.DIRECT)
    vraag = MeedenkvraagFactory(concept=True, wijken=[wijk], titel="Bankjes op het plein")
    with django_capture_on_commit_callbacks(execute=True):
        services.meedenkvraag_publiceren(vraag=vraag, door=wijk.wijkadviseur)
    berichten = [m for m in mail.outbox if volger.email in m.to]
    assert len(berichten) == 1
    assert "Bankjes op het plein" in berichten[0].body


# --- responding --------------------------------------------------------------------------


def test_reageren_en_wijzigen_tot_sluiting():
    vraag = MeedenkvraagFactory(opties=["A", "B"])
    a, b = vraag.opties.all()
    bewoner = GebruikerFactory()
    inbreng, nieuw = services.inbreng_opslaan(
        vraag=vraag, door=bewoner, tekst="  Meer bomen  ", keuzes=[a], toon_naam=True
    )
    assert nieuw and inbreng.tekst == "Meer bomen" and list(inbreng.keuzes.all()) == [a]
    # A second response is the same one, changed.
    tweede, nieuw = services.inbreng_opslaan(vraag=vraag, door=bewoner, tekst="", keuzes=[b])
    assert not nieuw and tweede.pk == inbreng.pk
    assert list(tweede.keuzes.all()) == [b] and Inbreng.objects.count() == 1
    na_sluiting = vraag.sluit_op + datetime.timedelta(seconds=1)
    with time_machine.travel(na_sluiting, tick=False), pytest.raises(services.Ongeldig):
        services.inbreng_opslaan(vraag=vraag, door=bewoner, tekst="Te laat")
    assert Inbreng.objects.get().tekst == ""


@pytest.mark.parametrize("staat", ["concept", "aangekondigd", "gesloten", "te_laat"])
def test_alleen_reageren_als_de_vraag_open_is(staat):
    vraag = MeedenkvraagFactory(**{staat: True})
    with pytest.raises(services.Ongeldig):
        services.inbreng_opslaan(vraag=vraag, door=GebruikerFactory(), tekst="Hallo")
    assert not Inbreng.objects.exists()


def test_keuzes_moeten_van_de_vraag_zijn_en_een_tenzij_meerdere():
    vraag = MeedenkvraagFactory(opties=["A", "B"])
    a, b = vraag.opties.all()
    vreemd = MeedenkvraagFactory(opties=["X"]).opties.get()
    for keuzes in ([vreemd], [a, b]):
        with pytest.raises(services.Ongeldig):
            services.inbreng_opslaan(vraag=vraag, door=GebruikerFactory(), keuzes=keuzes)
    vraag.meerdere_keuzes = True
    vraag.save()
    inbreng, _ = services.inbreng_opslaan(vraag=vraag, door=GebruikerFactory(), keuzes=[a, b])
    assert inbreng.keuzes.count() == 2
    assert Inbreng.objects.count() == 1


def test_lege_reactie_geweigerd():
    vraag = MeedenkvraagFactory()
    with pytest.raises(services.Ongeldig):
        services.inbreng_opslaan(vraag=vraag, door=GebruikerFactory(), tekst="   \n ")
    assert not Inbreng.objects.exists()


def test_namens_groep_alleen_als_contactpersoon_en_een_per_groep():
    vraag = MeedenkvraagFactory()
    eerste, tweede = GebruikerFactory(), GebruikerFactory()
    groep = BewonersgroepFactory(contactpersonen=[eerste, tweede])
    with pytest.raises(services.Geweigerd):
        services.inbreng_opslaan(vraag=vraag, door=GebruikerFactory(), tekst="Namens", groep=groep)
    inbreng, _ = services.inbreng_opslaan(vraag=vraag, door=eerste, tekst="Namens", groep=groep)
    assert inbreng.groep == groep
    with pytest.raises(services.Ongeldig):
        services.inbreng_opslaan(vraag=vraag, door=tweede, tekst="Ook namens", groep=groep)
    assert Inbreng.objects.count() == 1


def test_gewijzigde_tekst_wordt_opnieuw_beoordeeld():
    vraag = MeedenkvraagFactory(reacties_openbaar=True)
    bewoner = GebruikerFactory()
    inbreng, _ = services.inbreng_opslaan(vraag=vraag, door=bewoner, tekst="Eerst")
    services.inbreng_beoordelen(inbreng=inbreng, door=vraag.gesteld_door, openbaar=True)
    assert list(Inbreng.objects.openbaar_zichtbaar()) == [inbreng]
    services.inbreng_opslaan(vraag=vraag, door=bewoner, tekst="Daarna")
    assert not Inbreng.objects.openbaar_zichtbaar().exists()
    assert Inbreng.objects.get().beoordeling == Beoordeling.TE_BEOORDELEN


def test_beoordelen_alleen_door_wie_de_vraag_beheert():
    vraag = MeedenkvraagFactory(reacties_openbaar=True)
    inbreng = InbrengFactory(vraag=vraag)
    wijk = vraag.wijken.get()
    for door in (wijk.opbouwwerker, GebruikerFactory(), WijkFactory(met_staf=True).wijkadviseur):
        with pytest.raises(services.Geweigerd):
            services.inbreng_beoordelen(inbreng=inbreng, door=door, openbaar=True)
    services.inbreng_beoordelen(inbreng=inbreng, door=wijk.wijkwethouder, openbaar=False)
    inbreng.refresh_from_db()
    assert inbreng.beoordeling == Beoordeling.NIET_OPENBAAR


# --- the ward meeting -------------------------------------------------------------------


def test_aanmelden_tot_het_maximum():
    bijeenkomst = BijeenkomstFactory(max_deelnemers=2)
    vraag = bijeenkomst.vraag
    eerste = GebruikerFactory()
    _a, nieuw = services.aanmelden(vraag=vraag, door=eerste)
    assert nieuw
    _a, nieuw = services.aanmelden(vraag=vraag, door=eerste)
    assert not nieuw  # a double click registers once
    services.aanmelden(vraag=vraag, door=GebruikerFactory())
    with pytest.raises(services.Ongeldig):
        services.aanmelden(vraag=vraag, door=GebruikerFactory())
    assert Aanmelding.objects.count() == 2
    assert services.afmelden(vraag=vraag, door=eerste)
    assert Aanmelding.objects.count() == 1


def test_geen_aanmelding_na_het_begin():
    bijeenkomst = BijeenkomstFactory()
    with time_machine.travel(bijeenkomst.begint, tick=False), pytest.raises(services.Ongeldig):
        services.aanmelden(vraag=bijeenkomst.vraag, door=GebruikerFactory())
    assert not Aanmelding.objects.exists()


def test_bijeenkomst_moet_na_begin_eindigen():
    vraag = MeedenkvraagFactory()
    begint = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(services.Ongeldig):
        services.bijeenkomst_opslaan(
            vraag=vraag,
            door=vraag.gesteld_door,
            gegevens={"begint": begint, "eindigt": begint, "plaats": "Buurthuis"},
        )
    b = services.bijeenkomst_opslaan(
        vraag=vraag,
        door=vraag.gesteld_door,
        gegevens={
            "begint": begint,
            "eindigt": begint + datetime.timedelta(hours=2),
            "plaats": "Buurthuis",
            "max_deelnemers": 20,
        },
    )
    assert b.vraag == vraag and b.max_deelnemers == 20


# --- feedback ----------------------------------------------------------------------------


def test_terugkoppeling_pas_na_sluiting():
    vraag = MeedenkvraagFactory()
    gegevens = {"samenvatting": "S", "besluit": "B", "waarom": "W"}
    with pytest.raises(services.Geweigerd):
        services.terugkoppeling_opslaan(vraag=vraag, door=vraag.gesteld_door, gegevens=gegevens)


def test_terugkoppeling_schrijven_publiceren_en_mailen_in_eigen_taal(
    django_capture_on_commit_callbacks,
):
    vraag = MeedenkvraagFactory(gesloten=True, titel="Het Stationsplein")
    nl, en = GebruikerFactory(taal="nl"), GebruikerFactory(taal="en")
    InbrengFactory(vraag=vraag, gebruiker=nl)
    InbrengFactory(vraag=vraag, gebruiker=en)
    wijk = vraag.wijken.get()
    onderwerp = OnderwerpFactory(wijk=wijk, openbaar_=True)  # only published items
    with pytest.raises(services.Ongeldig):
        services.terugkoppeling_opslaan(
            vraag=vraag, door=wijk.wijkadviseur, gegevens={"samenvatting": "S", "besluit": " "}
        )
    t = services.terugkoppeling_opslaan(
        vraag=vraag,
        door=wijk.wijkadviseur,
        gegevens={"samenvatting": "Veel groen", "besluit": "Bomen", "waarom": "Koelte"},
        onderwerpen=[onderwerp],
    )
    assert list(t.onderwerpen.all()) == [onderwerp]
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        services.terugkoppeling_publiceren(vraag=vraag, door=wijk.wijkwethouder)
    per_adres = {m.to[0]: m for m in mail.outbox if len(m.to) == 1}
    assert "Wat we met je inbreng doen" in per_adres[nl.email].subject
    assert "What we do with your input" in per_adres[en.email].subject
    assert "Bomen" in per_adres[nl.email].body
    assert Meedenkvraag.objects.teruggekoppeld().get() == vraag
    with pytest.raises(services.Ongeldig):
        services.terugkoppeling_publiceren(vraag=vraag, door=wijk.wijkwethouder)


def test_herinnering_aan_de_vraagsteller_eenmaal(django_capture_on_commit_callbacks):
    te_laat = MeedenkvraagFactory(te_laat=True)
    MeedenkvraagFactory(gesloten=True)  # not overdue yet
    TerugkoppelingFactory(vraag=MeedenkvraagFactory(te_laat=True), gepubliceerd=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.terugkoppeling_herinneren() == 1
    assert [m.to for m in mail.outbox] == [[te_laat.gesteld_door.email]]
    assert services.terugkoppeling_herinneren() == 0


def test_manage_herinneringen_herinnert_ook_aan_te_late_terugkoppeling(
    django_capture_on_commit_callbacks,
):
    from io import StringIO

    from django.core.management import call_command

    vraag = MeedenkvraagFactory(te_laat=True)
    uit = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("herinneringen", stdout=uit)
    assert [m.to for m in mail.outbox if vraag.titel in m.subject] == [[vraag.gesteld_door.email]]
    assert "1 herinnering(en) aan een te late terugkoppeling" in uit.getvalue()

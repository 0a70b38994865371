"""Service functions: their rules, their history rows and their emails."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from tests.factories import GebruikerFactory
from tests.wijken.factories import (
    BestuursfunctieFactory,
    BewonersgroepFactory,
    BuurtFactory,
    TerugvalregelingFactory,
    WijkFactory,
)
from wijken import services
from wijken.models import (
    Bestuursfunctie,
    Bewonersgroep,
    Groepssoort,
    Interessereactie,
    Overnemer,
    Terugvalregeling,
    WijkraadStatus,
    WijkraadStatuswijziging,
)
from wijken.notificaties import mail_na_commit

pytestmark = pytest.mark.django_db


def test_interesse_melden_mailt_contactpersonen_en_adviseur(
    wijk, groep, groepscontact, django_capture_on_commit_callbacks
):
    functie = BestuursfunctieFactory(groep=groep, vacant=True)
    bewoner = GebruikerFactory(weergavenaam="<b>Bram</b>")
    with django_capture_on_commit_callbacks(execute=True):
        reactie, nieuw = services.interesse_melden(
            functie=functie, gebruiker=bewoner, bericht='<script>alert("x")</script> Ik help graag'
        )
    assert nieuw
    assert Interessereactie.objects.get() == reactie
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert set(bericht.to) == {groepscontact.email, wijk.wijkadviseur.email}
    assert bewoner.email in bericht.body
    assert '<script>alert("x")</script>' in bericht.body  # plain text stays plain
    html, mimetype = bericht.alternatives[0]
    assert mimetype == "text/html"
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>Bram</b>" not in html and "&lt;b&gt;Bram&lt;/b&gt;" in html


def test_tweede_reactie_verandert_niets_en_mailt_niet(groep, django_capture_on_commit_callbacks):
    functie = BestuursfunctieFactory(groep=groep, vacant=True)
    bewoner = GebruikerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.interesse_melden(functie=functie, gebruiker=bewoner, bericht="Eén")
        reactie, nieuw = services.interesse_melden(
            functie=functie, gebruiker=bewoner, bericht="Twee"
        )
    assert not nieuw and reactie.bericht == "Eén"
    assert Interessereactie.objects.count() == 1
    assert len(mail.outbox) == 1


def test_interesse_in_bezette_functie_geweigerd(groep):
    functie = BestuursfunctieFactory(groep=groep)
    with pytest.raises(ValidationError):
        services.interesse_melden(functie=functie, gebruiker=GebruikerFactory(), bericht="x")
    assert not Interessereactie.objects.exists()


def test_zonder_contactpersonen_gaat_de_mail_naar_de_groep(django_capture_on_commit_callbacks):
    groep = BewonersgroepFactory(wijk=WijkFactory(), email="bestuur@club.example.test")
    functie = BestuursfunctieFactory(groep=groep, vacant=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.interesse_melden(functie=functie, gebruiker=GebruikerFactory(), bericht="Hoi")
    assert mail.outbox[0].to == ["bestuur@club.example.test"]


def test_mail_na_commit_verstuurt_niets_bij_rollback(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                mail_na_commit(
                    template_basis="wijken/email/interesse",
                    context={},
                    onderwerp="x",
                    ontvangers=["a@example.test"],
                )
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []


def test_wijkraad_status_houdt_geschiedenis_bij(wijk):
    adviseur = wijk.wijkadviseur
    raad = services.bewonersgroep_aanmaken(
        wijk=wijk, door=adviseur, naam="Wijkraad", soort=Groepssoort.WIJKRAAD
    )
    assert raad.wijkraad_status == WijkraadStatus.ACTIEF
    services.wijkraad_status_vastleggen(groep=raad, status=WijkraadStatus.ONVOLLEDIG, door=adviseur)
    services.wijkraad_status_vastleggen(
        groep=raad, status=WijkraadStatus.GESTOPT, door=adviseur, toelichting="Geen bestuur"
    )
    raad.refresh_from_db()
    assert raad.wijkraad_status == WijkraadStatus.GESTOPT
    stappen = list(
        WijkraadStatuswijziging.objects.filter(groep=raad)
        .order_by("pk")
        .values_list("van_status", "naar_status", "door")
    )
    assert stappen == [
        ("", "actief", adviseur.pk),
        ("actief", "onvolledig", adviseur.pk),
        ("onvolledig", "gestopt", adviseur.pk),
    ]


def test_zelfde_status_en_geen_wijkraad_geweigerd(wijk):
    raad = BewonersgroepFactory(wijk=wijk, wijkraad=True)
    with pytest.raises(ValidationError):
        services.wijkraad_status_vastleggen(groep=raad, status=WijkraadStatus.ACTIEF, door=None)
    club = BewonersgroepFactory(wijk=wijk)
    with pytest.raises(ValidationError):
        services.wijkraad_status_vastleggen(groep=club, status=WijkraadStatus.GESTOPT, door=None)
    assert not WijkraadStatuswijziging.objects.exists()


def test_tweede_lopende_wijkraad_geweigerd(wijk):
    BewonersgroepFactory(wijk=wijk, wijkraad=True)
    with pytest.raises(ValidationError):
        services.bewonersgroep_aanmaken(
            wijk=wijk, door=None, naam="Nog een", soort=Groepssoort.WIJKRAAD
        )
    BewonersgroepFactory(wijk=wijk, gestopt=True)  # a stopped one may coexist
    assert Bewonersgroep.objects.filter(wijk=wijk).count() == 2


def test_terugvalregeling_vastleggen_en_beeindigen(wijk):
    raad = BewonersgroepFactory(wijk=wijk, gestopt=True)
    club = BewonersgroepFactory(wijk=wijk)
    regeling = services.terugvalregeling_vastleggen(
        groep=raad,
        door=wijk.wijkadviseur,
        ingang="2026-09-01",
        aanspreekpunt=Overnemer.GROEP,
        aanspreekpunt_groep=club,
        toelichting="Maatwerk",
        taken=[
            services.TaakOvername("Wijkbudget", Overnemer.WIJKADVISEUR),
            services.TaakOvername("Wijkschouw", Overnemer.GROEP, club),
            services.TaakOvername("  ", Overnemer.OPBOUWWERKER),
        ],
    )
    assert [(t.taak, t.overnemer, t.groep_id) for t in regeling.taken.all()] == [
        ("Wijkbudget", "wijkadviseur", None),
        ("Wijkschouw", "groep", club.pk),
    ]
    # Recording it again replaces the running arrangement rather than adding one.
    services.terugvalregeling_vastleggen(
        groep=raad,
        door=None,
        ingang="2026-10-01",
        aanspreekpunt=Overnemer.OPBOUWWERKER,
        taken=[services.TaakOvername("Wijkbudget", Overnemer.OPBOUWWERKER)],
    )
    assert Terugvalregeling.objects.filter(groep=raad).count() == 1
    # A new council: the fallback ends.
    services.wijkraad_status_vastleggen(groep=raad, status=WijkraadStatus.ACTIEF, door=None)
    assert Terugvalregeling.objects.get(groep=raad).einde is not None


def test_terugval_naar_groep_van_andere_wijk_geweigerd(wijk, andere_wijk):
    raad = BewonersgroepFactory(wijk=wijk, gestopt=True)
    vreemd = BewonersgroepFactory(wijk=andere_wijk)
    with pytest.raises(ValidationError):
        services.terugvalregeling_vastleggen(
            groep=raad,
            door=None,
            ingang="2026-09-01",
            aanspreekpunt=Overnemer.WIJKADVISEUR,
            taken=[services.TaakOvername("Wijkschouw", Overnemer.GROEP, vreemd)],
        )
    assert not Terugvalregeling.objects.exists()


def test_terugval_alleen_voor_gestopte_wijkraad(wijk):
    raad = BewonersgroepFactory(wijk=wijk, wijkraad=True)
    with pytest.raises(ValidationError):
        services.terugvalregeling_vastleggen(
            groep=raad,
            door=None,
            ingang="2026-09-01",
            aanspreekpunt=Overnemer.WIJKADVISEUR,
            taken=[services.TaakOvername("Wijkbudget", Overnemer.WIJKADVISEUR)],
        )


def test_lopende_regeling_is_uniek(wijk):
    regeling = TerugvalregelingFactory(groep__wijk=wijk)
    assert Terugvalregeling.objects.lopend().get() == regeling


def test_functie_vacant_maken_en_weer_bezetten(groep):
    functie = services.bestuursfunctie_aanmaken(
        groep=groep, door=None, functie="voorzitter", is_vacant=False, naam="Anna"
    )
    functie = services.bestuursfunctie_bijwerken(
        functie=functie,
        door=None,
        soort="voorzitter",
        is_vacant=True,
        naam="Anna",
        vacaturetekst="Wie?",
    )
    assert functie.is_vacant and functie.naam == "" and functie.vacant_sinds is not None
    assert list(Bestuursfunctie.objects.vacatures()) == [functie]
    functie = services.bestuursfunctie_bijwerken(
        functie=functie,
        door=None,
        soort="voorzitter",
        is_vacant=False,
        naam="Bert",
        vacaturetekst="Wie?",
    )
    assert not functie.is_vacant and functie.vacaturetekst == "" and functie.vacant_sinds is None
    assert not Bestuursfunctie.objects.vacatures().exists()


def test_groep_bedient_alleen_buurten_van_eigen_wijk(wijk, andere_wijk):
    vreemde_buurt = BuurtFactory(wijk=andere_wijk)
    with pytest.raises(ValidationError):
        services.bewonersgroep_aanmaken(
            wijk=wijk, door=None, naam="Club", soort="overig", buurten=[vreemde_buurt]
        )
    assert not Bewonersgroep.objects.exists()


def test_professional_onbekend_veld_geweigerd(wijk):
    with pytest.raises(TypeError):
        services.wijkprofessional_aanmaken(
            wijk=wijk, door=None, naam="X", rol="Y", organisatie="Z", telefoon="1", wijk_id=3
        )

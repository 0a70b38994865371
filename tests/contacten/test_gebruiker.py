import io

import pytest
from django.db import IntegrityError

from contacten.models import Gebruiker
from contacten.rollen import Rol
from contacten.services import gebruiker_rol_toekennen
from tests.factories import GebruikerFactory


@pytest.mark.django_db
def test_email_is_de_login_en_wordt_genormaliseerd():
    gebruiker = Gebruiker.objects.create_user(
        email="Noor@Example.TEST", password="x" * 12, weergavenaam="Noor"
    )
    assert gebruiker.email == "noor@example.test"
    assert gebruiker.rol == Rol.BEWONER
    assert not gebruiker.is_medewerker
    assert str(gebruiker) == "Noor"


@pytest.mark.django_db
def test_rol_wordt_door_de_database_bewaakt():
    gebruiker = GebruikerFactory()
    with pytest.raises(IntegrityError):
        Gebruiker.objects.filter(pk=gebruiker.pk).update(rol="koning")


@pytest.mark.django_db
@pytest.mark.parametrize("rol", list(Rol))
def test_alleen_de_beheerder_mag_in_het_beheer(rol):
    gebruiker = gebruiker_rol_toekennen(gebruiker=GebruikerFactory(), rol=rol)
    gebruiker.refresh_from_db()
    assert gebruiker.is_staff is (rol == Rol.BEHEERDER)
    assert gebruiker.is_medewerker is (rol != Rol.BEWONER)


@pytest.mark.django_db
def test_medewerkers_queryset():
    GebruikerFactory()
    adviseur = GebruikerFactory(wijkadviseur=True)
    assert list(Gebruiker.objects.medewerkers()) == [adviseur]


@pytest.mark.django_db
def test_beheerder_wijzigt_een_rol_in_het_beheer(client):
    beheerder = GebruikerFactory(beheerder=True, tweede_factor=True)
    bewoner = GebruikerFactory()
    client.force_login(beheerder)
    response = client.post(
        f"/beheer/contacten/gebruiker/{bewoner.pk}/change/",
        {
            "email": bewoner.email,
            "weergavenaam": bewoner.weergavenaam,
            "rol": Rol.BEHEERDER,
            "is_active": "on",
            "last_login_0": "",
            "last_login_1": "",
            "date_joined_0": "2026-11-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    bewoner.refresh_from_db()
    assert bewoner.rol == Rol.BEHEERDER
    assert bewoner.is_staff


@pytest.mark.django_db
def test_demo_seed_is_idempotent(settings):
    from django.core.management import call_command

    settings.DEMO = True
    call_command("seed_demo", stdout=io.StringIO())
    aantal = Gebruiker.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Gebruiker.objects.count() == aantal
    assert Gebruiker.objects.filter(email__endswith="@example.org", is_demo=True).count() >= 8
    assert Gebruiker.objects.get(email="beheerder@example.org").is_staff

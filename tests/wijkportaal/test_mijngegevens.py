"""'My data': the download holds one's own data and nobody else's, the printable page
renders, and deleting the account ends sessions, keeps public items anonymous and refuses
officials."""

import json

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.urls import reverse

from contacten.models import Gebruiker
from initiatieven.keuzes import Status
from initiatieven.models import Bericht, Onderwerp, Statuswijziging
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.responses import assert_page
from tests.wijken.factories import (
    BewonersgroepFactory,
    InteressereactieFactory,
    WijkFactory,
)
from wijken.models import Interessereactie, Volger

pytestmark = pytest.mark.django_db

OVERZICHT = reverse("mijngegevens:overzicht")
DOWNLOAD = reverse("mijngegevens:download")
VERWIJDEREN = reverse("mijngegevens:verwijderen")


@pytest.fixture
def resident():
    return GebruikerFactory(email="fatima@example.test", weergavenaam="Fatima de Vries")


@pytest.fixture
def inhoud(resident):
    """The resident's data, and another person's in the same ward."""
    wijk = WijkFactory(met_staf=True)
    eigen = OnderwerpFactory(
        wijk=wijk,
        indiener=resident,
        openbaar_=True,
        toon_naam=True,
        titel="Bankjes bij de vijver",
        beschrijving="Groet, Fatima de Vries (fatima@example.test)",
    )
    Statuswijziging.objects.create(
        onderwerp=eigen,
        van=Status.INGEDIEND,
        naar=Status.IN_BEHANDELING,
        publieke_toelichting="We kijken ernaar.",
        interne_notitie="GEHEIME-NOTITIE",
    )
    Bericht.objects.create(onderwerp=eigen, tekst="Publiek antwoord", openbaar=True)
    Bericht.objects.create(onderwerp=eigen, tekst="INTERN-BERICHT", openbaar=False)
    concept = OnderwerpFactory(wijk=wijk, indiener=resident, concept=True, titel="Halve gedachte")
    ander = GebruikerFactory(email="ander@example.test", weergavenaam="Piet Anders")
    vreemd = OnderwerpFactory(wijk=wijk, indiener=ander, titel="Iets van Piet")
    Volger.objects.create(gebruiker=resident, wijk=wijk)
    InteressereactieFactory(gebruiker=resident, bericht="Ik wil penningmeester worden")
    BewonersgroepFactory(wijk=wijk, naam="Buurtvereniging Vijver", contactpersonen=[resident])
    return {"eigen": eigen, "concept": concept, "ander": ander, "vreemd": vreemd, "wijk": wijk}


def test_json_bevat_eigen_gegevens_en_niets_van_anderen(client, resident, inhoud):
    client.force_login(resident)
    antwoord = client.get(DOWNLOAD, {"formaat": "json"})
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("application/json")
    assert antwoord["Content-Disposition"].startswith("attachment;")
    gegevens = json.loads(antwoord.content)
    assert gegevens["account"]["email"] == "fatima@example.test"
    assert gegevens["account"]["tweede_factor"] is False
    assert gegevens["account"]["taal"] == "nl"  # the language of their emails
    titels = {o["titel"] for o in gegevens["onderwerpen"]}
    assert titels == {"Bankjes bij de vijver", "Halve gedachte"}
    eigen = next(o for o in gegevens["onderwerpen"] if o["id"] == inhoud["eigen"].pk)
    assert [s["naar"] for s in eigen["tijdlijn"]] == [Status.IN_BEHANDELING]
    assert [a["tekst"] for a in eigen["antwoorden"]] == ["Publiek antwoord"]
    assert [v["wijk"] for v in gegevens["gevolgde_wijken"]] == [inhoud["wijk"].naam]
    assert gegevens["interessereacties"][0]["bericht"] == "Ik wil penningmeester worden"
    assert gegevens["contactpersoon_van"] == ["Buurtvereniging Vijver"]
    assert len(gegevens["sessies"]) == 0 or all("ip" in s for s in gegevens["sessies"])

    tekst = antwoord.content.decode()
    for verboden in ("GEHEIME-NOTITIE", "INTERN-BERICHT", "Piet", "ander@example.test"):
        assert verboden not in tekst
    # No secrets: no password hash, no TOTP secret.
    assert resident.password not in tekst
    assert "secret" not in tekst


def test_geen_tweede_factor_geheim(client):
    medewerker = GebruikerFactory(wijkadviseur=True, tweede_factor=True)
    client.force_login(medewerker)
    gegevens = json.loads(client.get(DOWNLOAD, {"formaat": "json"}).content)
    assert gegevens["account"]["tweede_factor"] is True
    assert "JBSWY3DPEHPK3PXP" not in json.dumps(gegevens)


def test_overzicht_en_afdruk_tonen_de_gegevens(
    client, resident, inhoud, django_assert_max_num_queries
):
    client.force_login(resident)
    with django_assert_max_num_queries(25):
        overzicht = client.get(OVERZICHT)
    assert_page(overzicht, "wijkportaal/mijngegevens/overzicht.html")
    assert f'data-onderwerp="{inhoud["eigen"].pk}"'.encode() in overzicht.content
    afdruk = client.get(DOWNLOAD, {"formaat": "html"})
    assert afdruk.status_code == 200
    assert afdruk["Content-Type"].startswith("text/html")
    assert b"Bankjes bij de vijver" in afdruk.content
    assert b"GEHEIME-NOTITIE" not in afdruk.content
    assert b"Iets van Piet" not in afdruk.content
    # People read labels, not the stored codes (the JSON keeps both).
    assert b"in_behandeling" not in afdruk.content
    assert b"wekelijks" not in afdruk.content


def test_aantal_queries_groeit_niet_met_onderwerpen(
    client, resident, django_assert_max_num_queries
):
    wijk = WijkFactory()
    OnderwerpFactory.create_batch(8, wijk=wijk, indiener=resident)
    client.force_login(resident)
    with django_assert_max_num_queries(25):
        response = client.get(DOWNLOAD, {"formaat": "json"})
    # The download itself (no template: JSON), with every item in it.
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert len(json.loads(response.content)["onderwerpen"]) == 8


def test_verwijderen_get_verwijdert_niets(client, resident):
    client.force_login(resident)
    assert client.get(VERWIJDEREN).status_code == 200
    assert Gebruiker.objects.filter(pk=resident.pk).exists()


def test_verwijderen_zonder_bevestiging_geeft_formulierfout(client, resident):
    client.force_login(resident)
    antwoord = client.post(VERWIJDEREN, {})
    assert antwoord.status_code == 400
    # The error is tied to the checkbox, as Django names it.
    assert b'id="id_bevestig_error"' in antwoord.content
    assert b'aria-describedby="id_bevestig_error"' in antwoord.content
    assert Gebruiker.objects.filter(pk=resident.pk).exists()


def test_verwijderen_vraagt_csrf(resident):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    c.force_login(resident)
    assert c.post(VERWIJDEREN, {"bevestig": "on"}).status_code == 403
    assert Gebruiker.objects.filter(pk=resident.pk).exists()


def test_account_verwijderen(client, resident, inhoud):
    # A second signed-in browser of the same person.
    from django.test import Client

    tweede = Client()
    tweede.force_login(resident)
    client.force_login(resident)
    assert Session.objects.count() == 2
    UserSession.objects.create(
        user=resident, ip="192.0.2.1", session_key=tweede.session.session_key, user_agent="x"
    )

    antwoord = client.post(VERWIJDEREN, {"bevestig": "on"})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("mijngegevens:verwijderd")

    assert not Gebruiker.objects.filter(pk=resident.pk).exists()
    assert not UserSession.objects.exists()
    # Both browsers are signed out: no session of the person remains.
    assert all(
        s.get_decoded().get("_auth_user_id") != str(resident.pk) for s in Session.objects.all()
    )
    assert tweede.get(OVERZICHT).status_code == 302
    assert client.get(OVERZICHT).status_code == 302
    assert client.get(reverse("mijngegevens:verwijderd")).status_code == 200

    # The draft is gone; the public item stays, anonymous, without name or email.
    assert not Onderwerp.objects.filter(pk=inhoud["concept"].pk).exists()
    eigen = Onderwerp.objects.get(pk=inhoud["eigen"].pk)
    assert eigen.indiener_id is None
    assert "Fatima" not in eigen.beschrijving and "fatima@" not in eigen.beschrijving
    pagina = client.get(reverse("initiatieven:onderwerp", args=[eigen.pk]))
    assert pagina.status_code == 200
    assert b"Fatima" not in pagina.content
    assert b"fatima@example.test" not in pagina.content
    assert eigen.publieke_indiener == Onderwerp(toon_naam=True).publieke_indiener
    # Follows and vacancy responses went with the account; others' data is untouched.
    assert not Volger.objects.exists()
    assert not Interessereactie.objects.exists()
    assert Onderwerp.objects.get(pk=inhoud["vreemd"].pk).indiener == inhoud["ander"]


@pytest.mark.parametrize("rol", ["wijkadviseur", "opbouwwerker", "wijkwethouder", "beheerder"])
def test_medewerker_kan_account_niet_zelf_verwijderen(client, rol):
    medewerker = GebruikerFactory(**{rol: True}, tweede_factor=True)
    client.force_login(medewerker)
    assert client.get(VERWIJDEREN).status_code == 403
    antwoord = client.post(VERWIJDEREN, {"bevestig": "on"})
    assert antwoord.status_code == 403
    assert b'id="geweigerd"' in antwoord.content
    assert Gebruiker.objects.filter(pk=medewerker.pk).exists()


def test_dienst_weigert_ander_en_medewerker(resident):
    from django.core.exceptions import PermissionDenied

    from wijkportaal.mijngegevens import account_verwijderen

    ander = GebruikerFactory()
    with pytest.raises(PermissionDenied):
        account_verwijderen(gebruiker=resident, door=ander)
    medewerker = GebruikerFactory(wijkadviseur=True)
    with pytest.raises(PermissionDenied):
        account_verwijderen(gebruiker=medewerker, door=medewerker)
    assert Gebruiker.objects.filter(pk__in=[resident.pk, medewerker.pk]).count() == 2


def test_naam_wijzigen(client, resident):
    client.force_login(resident)
    url = reverse("mijngegevens:naam_wijzigen")
    assert client.get(url).status_code == 200
    assert client.post(url, {"weergavenaam": "   "}).status_code == 400
    antwoord = client.post(url, {"weergavenaam": " Fatima Bakker "})
    assert antwoord.status_code == 302 and antwoord["Location"] == OVERZICHT
    resident.refresh_from_db()
    assert resident.weergavenaam == "Fatima Bakker"


# The permission matrix of these pages: test_permissiematrix_mijngegevens.py.

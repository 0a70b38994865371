"""A respondent's data: shown in "Mijn gegevens", anonymised when the account is deleted,
and by the retention run once the question closed long enough ago."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from meedenken.models import Aanmelding, Inbreng
from tests.factories import GebruikerFactory
from tests.meedenken.factories import AanmeldingFactory, InbrengFactory, MeedenkvraagFactory
from wijkportaal.mijngegevens import account_verwijderen, gegevens_van

pytestmark = pytest.mark.django_db


def test_inbreng_en_aanmelding_in_mijn_gegevens(client):
    bewoner = GebruikerFactory()
    inbreng = InbrengFactory(gebruiker=bewoner, tekst="Meer bankjes bij de vijver")
    AanmeldingFactory(gebruiker=bewoner, bijeenkomst__plaats="Buurthuis De Eik")
    InbrengFactory(tekst="Van iemand anders")
    gegevens = gegevens_van(bewoner)["meedenken"]
    assert [i["tekst"] for i in gegevens["inbreng"]] == ["Meer bankjes bij de vijver"]
    assert gegevens["inbreng"][0]["vraag"] == inbreng.vraag.titel
    assert [a["plaats"] for a in gegevens["aanmeldingen"]] == ["Buurthuis De Eik"]
    client.force_login(bewoner)
    html = client.get(reverse("mijngegevens:overzicht")).content.decode()
    assert "Meer bankjes bij de vijver" in html and "Buurthuis De Eik" in html
    assert "Van iemand anders" not in html


def test_account_verwijderen_laat_inbreng_anoniem_achter():
    bewoner = GebruikerFactory(weergavenaam="Fatima Bakker")
    InbrengFactory(gebruiker=bewoner, tekst="Groet, Fatima Bakker", toon_naam=True)
    AanmeldingFactory(gebruiker=bewoner)
    account_verwijderen(gebruiker=bewoner, door=bewoner)
    inbreng = Inbreng.objects.get()
    assert inbreng.gebruiker is None and not inbreng.toon_naam
    assert "Fatima" not in inbreng.tekst
    assert not Aanmelding.objects.exists()


def test_bewaartermijn_anonimiseert_inbreng_van_lang_gesloten_vragen(settings):
    settings.BEWAARTERMIJN_AFGESLOTEN_DAGEN = 30
    oud = MeedenkvraagFactory(
        open_vanaf=timezone.now() - datetime.timedelta(days=90),
        sluit_op=timezone.now() - datetime.timedelta(days=31),
        gepubliceerd_op=timezone.now() - datetime.timedelta(days=90),
    )
    oude = InbrengFactory(vraag=oud)
    recent = InbrengFactory(vraag=MeedenkvraagFactory(gesloten=True))
    call_command("bewaartermijnen", "--dry-run")
    assert Inbreng.objects.get(pk=oude.pk).gebruiker_id is not None
    call_command("bewaartermijnen")
    oude.refresh_from_db()
    recent.refresh_from_db()
    assert oude.gebruiker is None and oude.geanonimiseerd_op is not None
    assert oude.tekst  # the ward keeps what was said
    assert recent.gebruiker is not None

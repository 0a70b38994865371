"""Retention (`manage.py bewaartermijnen`): what the privacy statement promises, on a
frozen clock. Closed items are anonymised 2 years after their closing step, unconfirmed
accounts deleted after 30 days; nothing else is touched."""

import datetime
import io
import os

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacten.models import Gebruiker
from initiatieven.keuzes import Status
from initiatieven.models import Bericht, Bijlage, Onderwerp, Statuswijziging
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)
DAG = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _klok_en_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.BEWAARTERMIJN_AFGESLOTEN_DAGEN = 730
    settings.BEWAARTERMIJN_ONBEVESTIGD_DAGEN = 30
    with time_machine.travel(NU, tick=False):
        yield


def _run(*args) -> str:
    uit = io.StringIO()
    call_command("bewaartermijnen", *args, stdout=uit)
    return uit.getvalue()


def _gesloten(dagen_geleden, *, status=Status.AFGEROND, **kwargs):
    """An item whose step into ``status`` was ``dagen_geleden`` days ago, with the
    submitter's traces: a message and a step by them, and an attachment."""
    traits = {"afgerond": True} if status == Status.AFGEROND else {"status": status}
    onderwerp = OnderwerpFactory(
        toon_naam=True,
        titel="Moestuin naast het huis van Jan Jansen",
        beschrijving="Bel mij op 06-12345678, Jan Jansen",
        publieke_titel="Moestuin in het park",
        publieke_beschrijving="Een moestuin voor de buurt.",
        **traits,
        **kwargs,
    )
    tijdstip = NU - datetime.timedelta(days=dagen_geleden)
    Statuswijziging.objects.create(
        onderwerp=onderwerp,
        van="",
        naar=Status.INGEDIEND,
        door=onderwerp.indiener,
        door_rol="bewoner",
        tijdstip=tijdstip - 10 * DAG,
    )
    Statuswijziging.objects.create(
        onderwerp=onderwerp, van=Status.INGEDIEND, naar=status, tijdstip=tijdstip
    )
    Bericht.objects.create(
        onderwerp=onderwerp, door=onderwerp.indiener, tekst="Dank!", openbaar=True
    )
    Bijlage.objects.create(
        onderwerp=onderwerp,
        bestand=ContentFile(b"%PDF-1.7\n", name="x.pdf"),
        oorspronkelijke_naam="brief aan Jan Jansen.pdf",
        inhoudstype="application/pdf",
        grootte=9,
    )
    return onderwerp


def _is_geanonimiseerd(onderwerp) -> bool:
    onderwerp.refresh_from_db()
    return onderwerp.geanonimiseerd_op is not None and onderwerp.indiener_id is None


def test_731_dagen_na_sluiten_geanonimiseerd_729_niet(django_capture_on_commit_callbacks):
    oud = _gesloten(731)
    jong = _gesloten(729)
    indiener = oud.indiener
    bijlage = oud.bijlagen.get()
    pad = bijlage.bestand.path
    assert os.path.exists(pad)

    # The files go once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        _run()

    assert _is_geanonimiseerd(oud)
    assert not oud.toon_naam
    # The submitter's own wording is replaced by the screened public version.
    assert oud.titel == "Moestuin in het park"
    assert "Jan Jansen" not in oud.beschrijving and "06-12345678" not in oud.beschrijving
    assert not Bericht.objects.filter(onderwerp=oud, door=indiener).exists()
    assert Bericht.objects.filter(onderwerp=oud).count() == 1  # the text stays
    assert not Statuswijziging.objects.filter(onderwerp=oud, door=indiener).exists()
    assert Statuswijziging.objects.filter(onderwerp=oud).count() == 2
    # Not published: its attachment was never public, so it goes, file and all.
    assert not Bijlage.objects.filter(onderwerp=oud).exists()
    assert not os.path.exists(pad)
    # The account itself is not touched: only its link to the item.
    assert Gebruiker.objects.filter(pk=indiener.pk).exists()

    jong.refresh_from_db()
    assert jong.geanonimiseerd_op is None and jong.indiener_id is not None and jong.toon_naam
    assert jong.bijlagen.exists()


@pytest.mark.parametrize("status", [Status.NIET_MOGELIJK, Status.INGETROKKEN])
def test_andere_afgesloten_statussen_ook(status):
    onderwerp = _gesloten(800, status=status)
    _run()
    assert _is_geanonimiseerd(onderwerp)


def test_open_en_nog_niet_mogelijk_nooit():
    open_ = OnderwerpFactory(ingediend_op=NU - 3000 * DAG)
    Statuswijziging.objects.create(
        onderwerp=open_, van="", naar=Status.INGEDIEND, tijdstip=NU - 3000 * DAG
    )
    nog_niet = OnderwerpFactory(nog_niet=True, ingediend_op=NU - 3000 * DAG)
    Statuswijziging.objects.create(
        onderwerp=nog_niet,
        van=Status.INGEDIEND,
        naar=Status.NOG_NIET_MOGELIJK,
        tijdstip=NU - 3000 * DAG,
    )
    # Closed long ago, then reopened: the latest step is what counts, and it is open now.
    heropend = _gesloten(3000)
    Onderwerp.objects.filter(pk=heropend.pk).update(status=Status.IN_BEHANDELING)

    _run()

    for onderwerp in (open_, nog_niet, heropend):
        onderwerp.refresh_from_db()
        assert onderwerp.geanonimiseerd_op is None and onderwerp.indiener_id is not None


def test_laatste_sluitstap_telt():
    """Closed long ago, reopened and closed again recently: the period runs from the last."""
    onderwerp = _gesloten(3000)
    Statuswijziging.objects.create(
        onderwerp=onderwerp, van=Status.AFGEROND, naar=Status.AFGEROND, tijdstip=NU - 10 * DAG
    )
    _run()
    onderwerp.refresh_from_db()
    assert onderwerp.geanonimiseerd_op is None


def test_publieke_pagina_daarna_anoniem_zonder_sporen(client):
    onderwerp = _gesloten(731, openbaar_=True)
    indiener = onderwerp.indiener
    url = reverse("initiatieven:onderwerp", kwargs={"pk": onderwerp.pk})
    voor = client.get(url).content.decode()
    assert indiener.weergavenaam in voor  # they chose to appear by name

    _run()

    na = client.get(url)
    assert na.status_code == 200
    html = na.content.decode()
    assert indiener.weergavenaam not in html
    assert indiener.email not in html
    assert "Jan Jansen" not in html
    onderwerp.refresh_from_db()
    assert onderwerp.publieke_indiener == Onderwerp(toon_naam=False).publieke_indiener
    # Published: its attachment was public already and stays, under a neutral name.
    assert onderwerp.bijlagen.get().oorspronkelijke_naam.endswith(".pdf")


def test_dry_run_verandert_niets():
    onderwerp = _gesloten(731)
    account = GebruikerFactory(geverifieerd=False, date_joined=NU - 31 * DAG)

    uit = _run("--dry-run")

    assert "1" in uit
    onderwerp.refresh_from_db()
    assert onderwerp.geanonimiseerd_op is None and onderwerp.indiener_id is not None
    assert onderwerp.bijlagen.exists()
    assert Gebruiker.objects.filter(pk=account.pk).exists()


def test_tweede_run_verandert_niets_meer():
    onderwerp = _gesloten(731)
    _run()
    onderwerp.refresh_from_db()
    eerst = (onderwerp.geanonimiseerd_op, onderwerp.versie, onderwerp.gewijzigd)

    with time_machine.travel(NU + 5 * DAG, tick=False):
        uit = _run()

    onderwerp.refresh_from_db()
    assert (onderwerp.geanonimiseerd_op, onderwerp.versie, onderwerp.gewijzigd) == eerst
    assert ": 0" in uit


def test_onbevestigde_accounts():
    oud = GebruikerFactory(geverifieerd=False, date_joined=NU - 31 * DAG)
    concept = OnderwerpFactory(concept=True, indiener=oud)
    jong = GebruikerFactory(geverifieerd=False, date_joined=NU - 29 * DAG)
    bevestigd = GebruikerFactory(date_joined=NU - 400 * DAG)
    medewerker = GebruikerFactory(geverifieerd=False, wijkadviseur=True, date_joined=NU - 400 * DAG)
    staf = GebruikerFactory(geverifieerd=False, is_staff=True, date_joined=NU - 400 * DAG)
    ingediend = GebruikerFactory(geverifieerd=False, date_joined=NU - 400 * DAG)
    OnderwerpFactory(indiener=ingediend)
    ingelogd = GebruikerFactory(
        geverifieerd=False, date_joined=NU - 400 * DAG, last_login=NU - 300 * DAG
    )
    # One of two addresses confirmed: the person is confirmed.
    tweede = GebruikerFactory(geverifieerd=False, date_joined=NU - 400 * DAG)
    EmailAddress.objects.create(user=tweede, email="ander@example.test", verified=True)

    _run()

    assert not Gebruiker.objects.filter(pk=oud.pk).exists()
    assert not Onderwerp.objects.filter(pk=concept.pk).exists()
    assert not EmailAddress.objects.filter(user_id=oud.pk).exists()
    for blijft in (jong, bevestigd, medewerker, staf, ingediend, ingelogd, tweede):
        assert Gebruiker.objects.filter(pk=blijft.pk).exists(), blijft
    assert Onderwerp.objects.filter(indiener=ingediend).exists()


def _maak(n):
    for i in range(n):
        _gesloten(731 + i)
        GebruikerFactory(geverifieerd=False, date_joined=NU - (31 + i) * DAG)


def test_aantal_queries_groeit_niet_per_onderwerp():
    _maak(2)
    with CaptureQueriesContext(connection) as weinig:
        _run()
    _maak(12)
    with CaptureQueriesContext(connection) as veel:
        _run()
    assert (
        Onderwerp.objects.filter(geanonimiseerd_op__isnull=True, status=Status.AFGEROND).count()
        == 0
    )
    # Deleting accounts clears every table that refers to a person: a fixed set per batch.
    # (63: the responses' attachments add three, read and deleted in one go and renamed.)
    assert len(veel) == len(weinig) <= 63


def test_in_batches_alles_verwerkt(monkeypatch):
    monkeypatch.setattr("initiatieven.bewaartermijnen.BATCH", 3)
    _maak(7)
    uit = _run()
    assert not Onderwerp.objects.filter(geanonimiseerd_op__isnull=True).exists()
    assert not Gebruiker.objects.filter(emailaddress__verified=False).exists()
    assert ": 7" in uit

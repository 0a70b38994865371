"""Confirmations as the municipality writes them, "today" instead of "0 days ago", and one
date style across the portal (issue 14, point 23)."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation

from contacten.vergaderingen import VergaderStatus
from initiatieven import workflow
from initiatieven.keuzes import Status
from initiatieven.templatetags.onderwerpen import dagen_geleden
from tests.contacten.factories import VergaderingFactory
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from wijken import datums

ROOT = Path(__file__).resolve().parents[2]
AMS = ZoneInfo("Europe/Amsterdam")


def _meldingen(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_een_stap_bevestigt_wat_de_adviseur_deed(client):
    onderwerp = OnderwerpFactory()
    client.force_login(onderwerp.wijk.wijkadviseur)
    response = client.post(
        reverse("initiatieven:stap", args=[onderwerp.pk]),
        {"naar": Status.IN_BEHANDELING, "versie": onderwerp.versie},
    )
    assert _meldingen(response) == ["Je hebt het onderwerp in behandeling genomen."]


def test_elke_stap_heeft_een_bevestiging_in_zinnen():
    with translation.override("nl"):
        for overgang in workflow.OVERGANGEN:
            zin = str(overgang.bevestiging)
            assert zin.startswith("Je ") and zin.endswith("."), (overgang.code, zin)
            assert "Uitgevoerd" not in zin


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "verwacht"),
    [
        (VergaderStatus.GEPUBLICEERD, "De agenda is gepubliceerd."),
        (VergaderStatus.AFGELOPEN, "De vergadering is als afgelopen gemarkeerd."),
    ],
)
def test_vergaderstatus_bevestigt_in_woorden(client, status, verwacht):
    v = VergaderingFactory(concept=True)
    client.force_login(GebruikerFactory(griffie=True, tweede_factor=True))
    response = client.post(reverse("contacten:vergadering_status", args=[v.pk]), {"status": status})
    assert _meldingen(response) == [verwacht]


@pytest.mark.django_db
def test_triage_zegt_vandaag_niet_nul_dagen_geleden(client):
    onderwerp = OnderwerpFactory()
    client.force_login(onderwerp.wijk.wijkadviseur)
    html = client.get(reverse("initiatieven:triage", args=[onderwerp.pk])).content.decode()
    assert "(vandaag)" in html
    assert "0 dagen geleden" not in html


def test_dagen_geleden_in_woorden():
    vandaag = timezone.localdate()
    with translation.override("nl"):
        assert dagen_geleden(vandaag) == "vandaag"
        assert dagen_geleden(vandaag - datetime.timedelta(days=1)) == "gisteren"
        assert dagen_geleden(vandaag - datetime.timedelta(days=3)) == "3 dagen geleden"
        assert dagen_geleden(None) == ""


def test_een_datumstijl_in_beide_talen():
    moment = datetime.datetime(2026, 12, 7, 15, 11, tzinfo=AMS)
    with translation.override("nl"):
        assert datums.datum(moment.date()) == "7 december 2026"
        assert datums.moment(moment) == "7 december 2026, 15:11"
    with translation.override("en"):
        assert datums.datum(moment.date()) == "7 December 2026"
        assert datums.moment(moment) == "7 December 2026, 15:11"


@pytest.mark.django_db
def test_vergadering_heet_met_de_datumstijl():
    v = VergaderingFactory(begin=datetime.datetime(2026, 12, 7, 15, 11, tzinfo=AMS))
    with translation.override("nl"):
        assert str(v).endswith(", 7 december 2026, 15:11"), str(v)


@pytest.mark.django_db
def test_pagina_toont_datum_in_de_stijl(client):
    v = VergaderingFactory(begin=datetime.datetime(2026, 12, 21, 15, 11, tzinfo=AMS))
    html = client.get(v.get_absolute_url()).content.decode()
    assert "21 december 2026, 15:11" in html
    assert not re.search(r"\b21-12-2026\b|\b21 dec 2026\b|\b21 Dec\b", html)


# Formats a template may give the date filter: the portal's two (by name), the weekday
# variant of the same style, months on charts and month tables, and machine-readable ones
# for datetime attributes and data attributes.
TOEGESTAAN = {
    '"DATETIME_FORMAT"',
    '"l j F Y"',
    '"l j F Y, H:i"',
    '"F Y"',
    '"M"',
    '"Y"',
    "'Y-m-d'",
    "'Y-m'",
    "'Y-m-d\\TH:i:sO'",
}


def test_sjablonen_en_code_gebruiken_de_ene_datumstijl():
    afwijkend = []
    for pad in (ROOT / "templates").rglob("*.*"):
        for fmt in re.findall(r"\|date:(\"[^\"]*\"|'[^']*')", pad.read_text()):
            if fmt not in TOEGESTAAN:
                afwijkend.append(f"{pad.relative_to(ROOT)}: {fmt}")
    for app in ("wijkportaal", "contacten", "initiatieven", "wijken"):
        for pad in (ROOT / app).rglob("*.py"):
            tekst = pad.read_text()
            if re.search(r"strftime\(\"%d|:%d-%m|date_format\([^)]*,\s*\"[jdl]", tekst):
                afwijkend.append(f"{pad.relative_to(ROOT)}: strftime/date_format")
    assert not afwijkend, afwijkend

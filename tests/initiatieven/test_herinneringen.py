"""`manage.py herinneringen`: one email per advisor with overdue first responses and
due revisits, on a frozen clock."""

import datetime
import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from initiatieven.keuzes import Status
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2031, 3, 12, 7, 0, tzinfo=datetime.UTC)


@pytest.fixture
def _draaien(django_capture_on_commit_callbacks):
    """Run the command; the test's own transaction never commits, so run its hooks."""

    def draaien() -> str:
        uit = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("herinneringen", stdout=uit)
        return uit.getvalue()

    return draaien


def _triage(onderwerp) -> str:
    return reverse("initiatieven:triage", args=[onderwerp.pk])


def test_een_email_per_adviseur(_draaien):
    adviseur = GebruikerFactory(wijkadviseur=True, tweede_factor=True)
    wijk_a = WijkFactory(met_staf=True, wijkadviseur=adviseur)
    wijk_b = WijkFactory(met_staf=True, wijkadviseur=adviseur)
    wijk_c = WijkFactory(met_staf=True)
    rustig = WijkFactory(met_staf=True)
    with time_machine.travel(NU - datetime.timedelta(days=20), tick=False):
        te_laat_a = OnderwerpFactory(wijk=wijk_a, eerste_reactie_voor=datetime.date(2031, 3, 1))
        herbezien_b = OnderwerpFactory(
            wijk=wijk_b, status=Status.NOG_NIET_MOGELIJK, herbezien_op=datetime.date(2031, 3, 12)
        )
        nog_niet = OnderwerpFactory(
            wijk=wijk_b, status=Status.NOG_NIET_MOGELIJK, herbezien_op=datetime.date(2031, 3, 13)
        )
        op_tijd = OnderwerpFactory(wijk=wijk_a, eerste_reactie_voor=datetime.date(2031, 3, 12))
        beantwoord = OnderwerpFactory(
            wijk=wijk_a,
            eerste_reactie_voor=datetime.date(2031, 3, 1),
            eerste_reactie_op=NU - datetime.timedelta(days=15),
        )
        te_laat_c = OnderwerpFactory(wijk=wijk_c, eerste_reactie_voor=datetime.date(2031, 3, 2))
        OnderwerpFactory(wijk=rustig, eerste_reactie_voor=datetime.date(2031, 3, 20))
    mail.outbox.clear()
    with time_machine.travel(NU, tick=False):
        uitvoer = _draaien()
    assert re.search(r"\b2\b", uitvoer)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [adviseur.email, wijk_c.wijkadviseur.email]
    )
    bericht = next(m for m in mail.outbox if m.to == [adviseur.email])
    html = bericht.alternatives[0][0]
    for tekst in (bericht.body, html):
        assert _triage(te_laat_a) in tekst and _triage(herbezien_b) in tekst
        for niet in (nog_niet, op_tijd, beantwoord, te_laat_c):
            assert _triage(niet) not in tekst
    assert _triage(te_laat_c) in next(m for m in mail.outbox if m != bericht).body


def test_niets_te_melden_geen_email(_draaien):
    with time_machine.travel(NU - datetime.timedelta(days=1), tick=False):
        OnderwerpFactory()
    mail.outbox.clear()
    with time_machine.travel(NU, tick=False):
        uitvoer = _draaien()
    assert mail.outbox == []
    assert re.search(r"\b0\b", uitvoer)


def test_gebruikerstekst_is_geescaped_in_html(_draaien):
    with time_machine.travel(NU - datetime.timedelta(days=30), tick=False):
        OnderwerpFactory(titel="<script>alert(1)</script>", te_laat=True)
    mail.outbox.clear()
    with time_machine.travel(NU, tick=False):
        _draaien()
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html

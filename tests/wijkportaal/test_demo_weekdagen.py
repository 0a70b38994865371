"""The demo municipality on any day it is seeded: meetings on their meeting day and visits
on working days, never in a weekend (dates are counted from today); and what residents
see of the demo (a public location, an item followed)."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from contacten.bezoeken import Bezoek
from contacten.models import Orgaan, Vergadering
from initiatieven.models import Onderwerp
from wijken.models import Volger

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


# A Sunday, a Saturday and a Wednesday: before, a college meeting "in a week" fell on the
# day of the week the demo was seeded.
@pytest.mark.parametrize(
    "dag", [datetime.date(2026, 12, 6), datetime.date(2026, 12, 12), datetime.date(2026, 12, 9)]
)
def test_vergaderingen_en_bezoeken_niet_in_het_weekend(db, settings, dag):
    settings.DEMO = True
    with time_machine.travel(
        datetime.datetime.combine(dag, datetime.time(9), AMSTERDAM), tick=True
    ):
        call_command("seed_demo", stdout=io.StringIO())
    vergaderdag = {Orgaan.COLLEGE: 1, Orgaan.GEMEENTERAAD: 3}  # Tuesday, Thursday
    for v in Vergadering.objects.all():
        begin = timezone.localtime(v.begin)
        assert begin.weekday() == vergaderdag[v.orgaan], (v.orgaan, begin)
    for b in Bezoek.objects.all():
        assert b.datum.weekday() < 5, (b.soort, b.datum)


def test_demo_toont_locatie_en_gevolgd_onderwerp(db, settings):
    settings.DEMO = True
    call_command("seed_demo", stdout=io.StringIO())
    assert Onderwerp.objects.openbaar().exclude(publieke_locatie="").exists()
    assert (
        Volger.objects.van_onderwerpen()
        .filter(gebruiker__email="bewoner@example.org", onderwerp__openbaar=True)
        .exists()
    )

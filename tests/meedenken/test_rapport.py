"""The printable ward report's section of questions (meedenken.dashboard.rapportvragen):
the ward's questions of the report period, each with its state and number of responses."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meedenken.dashboard import RAPPORT_DAGEN
from tests.html import assert_geldige_html, vereis_validator
from tests.meedenken.factories import InbrengFactory, MeedenkvraagFactory, TerugkoppelingFactory
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db


def test_rapport_toont_de_vragen_van_de_wijk_met_staat_en_reacties():
    wijk, andere = WijkFactory(met_staf=True), WijkFactory()
    open_ = MeedenkvraagFactory(wijken=[wijk, andere])
    for _ in range(3):
        InbrengFactory(vraag=open_)
    gesloten = MeedenkvraagFactory(wijken=[wijk], gesloten=True)
    InbrengFactory(vraag=gesloten)
    te_laat = MeedenkvraagFactory(alle_wijken=True, wijken=[], te_laat=True)
    teruggekoppeld = MeedenkvraagFactory(wijken=[wijk], te_laat=True)
    TerugkoppelingFactory(vraag=teruggekoppeld, gepubliceerd=True)
    aangekondigd = MeedenkvraagFactory(wijken=[wijk], aangekondigd=True)
    # Not in the report: a draft, another ward's, feedback given long before the period.
    MeedenkvraagFactory(wijken=[wijk], concept=True)
    MeedenkvraagFactory(wijken=[andere], te_laat=True)
    lang_geleden = timezone.now() - datetime.timedelta(days=RAPPORT_DAGEN + 30)
    oud = MeedenkvraagFactory(
        wijken=[wijk],
        open_vanaf=lang_geleden - datetime.timedelta(days=30),
        sluit_op=lang_geleden,
        terugkoppeling_voor=timezone.localdate(lang_geleden),
    )
    TerugkoppelingFactory(vraag=oud, gepubliceerd=True)
    # Long closed but its feedback still missing: it stays in the report.
    oud_te_laat = MeedenkvraagFactory(
        wijken=[wijk],
        open_vanaf=lang_geleden - datetime.timedelta(days=30),
        sluit_op=lang_geleden,
        terugkoppeling_voor=timezone.localdate(lang_geleden),
    )

    client = Client()
    client.force_login(wijk.wijkwethouder)
    html = client.get(reverse("wijkrapport", kwargs={"code": wijk.code})).content.decode()
    rijen = {
        int(pk): (staat, int(reacties))
        for pk, staat, reacties in re.findall(
            r'<tr id="rapport-vraag-(\d+)" data-staat="(\w+)">.*?data-reacties="(\d+)"', html
        )
    }
    assert rijen == {
        open_.pk: ("open", 3),
        gesloten.pk: ("gesloten", 1),
        te_laat.pk: ("te_laat", 0),
        teruggekoppeld.pk: ("teruggekoppeld", 0),
        aangekondigd.pk: ("aangekondigd", 0),
        oud_te_laat.pk: ("te_laat", 0),
    }
    cijfers = dict(re.findall(r'<dd class="col-sm-7" data-staat="(\w+)">(\d+)</dd>', html))
    assert cijfers == {
        "aangekondigd": "1",
        "open": "1",
        "gesloten": "1",
        "te_laat": "2",
        "teruggekoppeld": "1",
    }
    assert 'data-cijfer="reacties">4</dd>' in html


def test_rapport_zonder_vragen():
    wijk = WijkFactory(met_staf=True)
    MeedenkvraagFactory(wijken=[WijkFactory()])
    client = Client()
    client.force_login(wijk.wijkwethouder)
    html = client.get(reverse("wijkrapport", kwargs={"code": wijk.code})).content.decode()
    assert 'id="rapport-geen-meedenkvragen"' in html
    assert "rapport-vraag-" not in html


def test_rapport_en_werkvoorraad_met_vragen_zijn_geldige_html():
    vereis_validator()
    wijk = WijkFactory(met_staf=True)
    vraag = MeedenkvraagFactory(wijken=[wijk], te_laat=True, titel='<b>"Plein"</b> & \u202ezo')
    InbrengFactory(vraag=vraag)
    MeedenkvraagFactory(alle_wijken=True, wijken=[], gesloten=True)
    documenten = {}
    for naam, persoon, url in (
        ("ward report", wijk.wijkwethouder, reverse("wijkrapport", kwargs={"code": wijk.code})),
        ("work queue", wijk.wijkadviseur, reverse("initiatieven:werkvoorraad")),
    ):
        client = Client()
        client.force_login(persoon)
        html = client.get(url).content.decode()
        assert vraag.titel not in html and "&lt;b&gt;" in html  # shown as text
        documenten[naam] = html
    assert_geldige_html(documenten)

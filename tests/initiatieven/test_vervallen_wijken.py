"""Wards and neighbourhoods archived after a CBS re-division are not offered for new
items or visits; what they already have stays reachable."""

import datetime
import uuid
from unittest import mock

import pytest
from django.urls import reverse

from contacten.models import Bezoek
from initiatieven.models import Onderwerp
from tests.contacten.factories import BezoekFactory, CollegeperiodeFactory
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.wijken.factories import BuurtFactory, WijkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _stil():
    with mock.patch("contacten.services_bezoek.volgen.melden"):
        yield


@pytest.fixture
def w():
    oud = WijkFactory(met_staf=True, naam="Oud-Noord", vervallen_per=2024)
    nieuw = WijkFactory(met_staf=True, naam="Noord")
    return {
        "oud": oud,
        "oude_buurt": BuurtFactory(wijk=oud, naam="Molenwijk", vervallen_per=2024),
        "nieuw": nieuw,
        "buurt": BuurtFactory(wijk=nieuw, naam="Vogelbuurt"),
        "vervallen_buurt": BuurtFactory(wijk=nieuw, naam="Sluisbuurt", vervallen_per=2024),
        "thema": ThemaFactory(),
    }


def test_indienen_biedt_geen_vervallen_wijk_of_buurt(client, w):
    client.force_login(GebruikerFactory())
    form = client.get(reverse("initiatieven:initiatief_indienen")).context["form"]
    assert list(form.fields["wijk"].queryset) == [w["nieuw"]]
    assert list(form.fields["buurt"].queryset) == [w["buurt"]]

    for velden in ({"wijk": w["oud"].pk}, {"buurt": w["oude_buurt"].pk}):
        response = client.post(
            reverse("initiatieven:initiatief_indienen"),
            {
                "titel": "Moestuin",
                "beschrijving": "We willen een moestuin beginnen.",
                "thema": w["thema"].pk,
                "wijk": "",
                "buurt": "",
                "idempotentiesleutel": str(uuid.uuid4()),
                "actie": "indienen",
                **velden,
            },
        )
        veld = next(iter(velden))
        assert response.status_code == 200
        assert [f.code for f in response.context["form"].errors.as_data()[veld]] == [
            "invalid_choice"
        ]
    assert not Onderwerp.objects.exists()


def test_onderwerpen_van_een_vervallen_wijk_blijven_vindbaar(client, w):
    onderwerp = OnderwerpFactory(wijk=w["oud"], openbaar_=True)
    assert client.get(onderwerp.get_absolute_url()).status_code == 200
    # The item list's ward filter still takes the archived ward: its items are there.
    response = client.get(reverse("initiatieven:lijst"), {"wijk": w["oud"].pk})
    assert response.status_code == 200
    assert onderwerp.get_absolute_url() in response.content.decode()


def test_bezoek_plannen_niet_voor_vervallen_wijk(client, w):
    CollegeperiodeFactory()
    client.force_login(GebruikerFactory(griffie=True, tweede_factor=True))
    keuze = client.get(reverse("bezoeken:plannen")).context["keuze_form"]
    assert list(keuze.fields["wijk"].queryset) == [w["nieuw"]]
    assert client.get(reverse("bezoeken:plannen"), {"wijk": w["oud"].code}).status_code == 404
    assert client.get(reverse("bezoeken:plannen"), {"wijk": w["nieuw"].code}).status_code == 200


def test_bezoekenoverzicht_toont_vervallen_wijk_alleen_met_een_dagdeel(client, w):
    periode = CollegeperiodeFactory()
    vorige = CollegeperiodeFactory(
        begin=datetime.date(periode.begin.year - 4, periode.begin.month, periode.begin.day),
        einde=periode.begin - datetime.timedelta(days=1),
        naam="vorige",
    )
    BezoekFactory(
        gehouden=True, wijk=w["oud"], periode=vorige, datum=vorige.begin + datetime.timedelta(30)
    )
    assert Bezoek.objects.filter(wijk=w["oud"]).exists()

    nu = client.get(reverse("bezoeken:lijst"), {"periode": periode.pk})
    assert [r["wijk"] for r in nu.context["rijen"]] == [w["nieuw"]]
    toen = client.get(reverse("bezoeken:lijst"), {"periode": vorige.pk})
    assert [r["wijk"] for r in toen.context["rijen"]] == [w["nieuw"], w["oud"]]

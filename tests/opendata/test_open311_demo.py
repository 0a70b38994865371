"""The demo has a partner app with a key: printed once by the seed, stored hashed, and
one report of the app waiting in the advisor's screening."""

import io

import pytest
from django.core.management import call_command

from initiatieven.keuzes import Status
from initiatieven.models import Onderwerp
from opendata import demo as open311_demo
from opendata.models import ApiSleutel
from tests.opendata.open311_hulp import get_json, post

pytestmark = pytest.mark.django_db


def test_demo_partnerapp(settings, tmp_path, client):
    settings.DEMO = True
    settings.MEDIA_ROOT = tmp_path / "media"
    eerste, tweede = io.StringIO(), io.StringIO()
    call_command("seed_demo", stdout=eerste)
    call_command("seed_demo", stdout=tweede)
    sleutel = ApiSleutel.objects.get()
    assert sleutel.naam == open311_demo.APP and sleutel.account.is_demo
    regels = [r for r in eerste.getvalue().splitlines() if "Open311 key" in r]
    (regel,) = regels
    tekst = regel.rsplit(" ", 1)[1]
    assert tekst.startswith(sleutel.voorvoegsel + ".")
    assert "Open311 key" not in tweede.getvalue()
    melding = Onderwerp.objects.get(indiener=sleutel.account)
    assert melding.status == Status.INGEDIEND and not melding.openbaar
    assert melding.wijk.wijkadviseur.email == "wijkadviseur@example.org"
    # The printed key works.
    code = get_json(client, "services")[0]["service_code"]
    response = post(
        client,
        api_key=tekst,
        service_code=code,
        description="Losse stoeptegel",
        **{"attribute[wijk]": melding.wijk.code},
    )
    assert response.status_code == 200

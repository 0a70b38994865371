"""The functional administrator issues a partner app's key in the browser, reads it once,
the app uses it, and the administrator revokes it: every page without an axe violation."""

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from opendata.models import ApiSleutel
from opendata.open311 import diensten
from tests.a11y import assert_toegankelijk
from tests.e2e.hulp import inloggen_met_sessie
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import ThemaFactory
from tests.wijken.factories import WijkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _melden(live_server, sleutel: str, wijk, thema) -> int:
    data = urllib.parse.urlencode(
        {
            "api_key": sleutel,
            "service_code": diensten.service_code(thema.pk),
            "description": "Losliggende stoeptegels voor de bibliotheek",
            "attribute[wijk]": wijk.code,
        }
    ).encode()
    pad = f"{live_server.url}/open311/v2/requests.json"
    verzoek = urllib.request.Request(pad, data=data)  # noqa: S310 - the test server
    try:
        with urllib.request.urlopen(verzoek) as antwoord:  # noqa: S310 - the test server
            assert json.loads(antwoord.read())[0]["service_request_id"]
            return antwoord.status
    except urllib.error.HTTPError as fout:
        return fout.code


def test_beheerder_geeft_een_sleutel_uit_en_trekt_hem_in(page, live_server):
    page.set_default_timeout(10_000)
    wijk, thema = WijkFactory(met_staf=True), ThemaFactory(naam="Schoon en heel")
    beheerder = GebruikerFactory(beheerder=True, tweede_factor=True)
    inloggen_met_sessie(page.context, live_server, beheerder)

    page.goto(f"{live_server.url}/beheer/opendata/apisleutel/add/")
    assert_toegankelijk(page, wat="add an API key")
    page.get_by_label("Partnerapp").fill("Buiten Beter")
    page.get_by_label("Contact").fill("apps@buitenbeter.example")
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert_toegankelijk(page, wat="the key, shown once")
    sleutel = page.get_by_label("API-sleutel").input_value()
    rij = ApiSleutel.objects.get()
    assert sleutel.startswith(rij.voorvoegsel + ".")
    assert _melden(live_server, sleutel, wijk, thema) == 200

    page.get_by_role("link", name="Naar de sleutel").click()
    page.wait_for_load_state()
    assert_toegankelijk(page, wat="the key's page")
    assert sleutel.split(".", 1)[1] not in page.content()

    page.goto(f"{live_server.url}/beheer/opendata/apisleutel/")
    assert_toegankelijk(page, wat="the list of keys")
    page.locator(f"input[name=_selected_action][value='{rij.pk}']").check()
    page.locator("select[name=action]").select_option("intrekken")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()
    assert "Je hebt 1 sleutel ingetrokken." in page.content()
    assert_toegankelijk(page, wat="the list after revoking")
    assert _melden(live_server, sleutel, wijk, thema) == 403

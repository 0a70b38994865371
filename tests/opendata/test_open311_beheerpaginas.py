"""The functional administrator's API key pages in the admin speak Dutch and are valid
HTML: the list, the add form (empty and with an error), a key's page and the page that
shows a new key once (which the crawl never reaches: it follows a POST)."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import GebruikerFactory
from tests.html import assert_geldige_html, vereis_validator
from tests.opendata.open311_hulp import sleutel_uitgeven
from tests.wijkportaal.test_geen_engels import Controle

pytestmark = pytest.mark.django_db


@pytest.fixture
def paginas(settings):
    settings.LANGUAGE_CODE = "nl"
    beheerder = GebruikerFactory(beheerder=True, tweede_factor=True)
    bestaand, _tekst = sleutel_uitgeven("Bestaande app")
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    client.force_login(beheerder)
    toevoegen = reverse("admin:opendata_apisleutel_add")
    verzoeken = {
        "list": client.get(reverse("admin:opendata_apisleutel_changelist")),
        "add": client.get(toevoegen),
        "add, errors": client.post(toevoegen, {"naam": "", "contact": beheerder.email}),
        "change": client.get(reverse("admin:opendata_apisleutel_change", args=[bestaand.pk])),
        "issued": client.post(toevoegen, {"naam": "Nieuwe app", "contact": "n@app.example"}),
    }
    for naam, response in verzoeken.items():
        assert response.status_code == 200, naam
    return {naam: r.content.decode() for naam, r in verzoeken.items()}


def test_sleutelpaginas_in_het_nederlands(paginas):
    assert "Dit is de sleutel van Nieuwe app" in paginas["issued"]
    assert "Dit adres heeft al een account" in paginas["add, errors"]
    controle = Controle()
    for naam, html in paginas.items():
        controle.pagina(naam, html)
    assert not controle.vondsten, controle.vondsten


def test_sleutelpaginas_zijn_geldige_html(paginas):
    vereis_validator()
    assert_geldige_html({f"admin api key {naam}": html for naam, html in paginas.items()})

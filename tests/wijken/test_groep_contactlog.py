"""The contact-log block on a group's page: the ward's officials see the group's latest
contact moments and links to the log and to log a new one; nobody else sees any of it."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.contacten.factories import ContactmomentFactory
from tests.factories import GebruikerFactory
from tests.responses import assert_page
from tests.wijken.factories import BewonersgroepFactory, WijkFactory
from wijken.views import RECENTE_CONTACTMOMENTEN

pytestmark = pytest.mark.django_db

GEHEIM = "Vertrouwelijke werkafspraak"


@pytest.fixture
def opzet(wijk, groep):
    andere = WijkFactory(met_staf=True)
    contactmomenten = [
        ContactmomentFactory(
            wijk=wijk,
            groep=groep,
            onderwerp=f"{GEHEIM} {i}",
            datum=timezone.localdate() - datetime.timedelta(days=i),
        )
        for i in range(RECENTE_CONTACTMOMENTEN + 2)
    ]
    return {"andere": andere, "contactmomenten": contactmomenten}


def _pagina(gebruiker, groep):
    client = Client()
    if gebruiker is not None:
        client.force_login(gebruiker)
    return client.get(reverse("wijken:groep", args=[groep.pk]))


@pytest.mark.parametrize("wie", ["wijkadviseur", "opbouwwerker", "wijkwethouder"])
def test_functionarissen_zien_de_laatste_contactmomenten(wijk, groep, opzet, wie):
    antwoord = _pagina(getattr(wijk, wie), groep)
    html = antwoord.content.decode()
    assert 'id="groep-contactlog"' in html
    nieuwste = opzet["contactmomenten"][:RECENTE_CONTACTMOMENTEN]
    oudste = opzet["contactmomenten"][RECENTE_CONTACTMOMENTEN:]
    assert [c.pk for c in antwoord.context["contactmomenten"]] == [c.pk for c in nieuwste]
    assert all(f'id="groep-contactmoment-{c.pk}"' in html for c in nieuwste)
    assert not any(f'id="groep-contactmoment-{c.pk}"' in html for c in oudste)
    lijst = reverse("contactmomenten:lijst")
    nieuw = reverse("contactmomenten:nieuw")
    assert f'href="{lijst}?groep={groep.pk}"' in html
    assert f'href="{nieuw}?wijk={wijk.code}&amp;groep={groep.pk}"' in html
    assert "no-store" in antwoord["Cache-Control"]


def test_functionaris_zonder_contact_ziet_een_lege_blok(wijk):
    stil = BewonersgroepFactory(wijk=wijk)
    html = _pagina(wijk.wijkadviseur, stil).content.decode()
    assert 'id="groep-geen-contactmomenten"' in html and 'id="groep-contactmoment-nieuw"' in html


@pytest.mark.parametrize(
    "wie",
    ["anoniem", "bewoner", "groepscontact", "adviseur_ander", "wethouder_ander", "collegelid"]
    + ["griffie", "beheerder"],
)
def test_anderen_zien_niets_van_het_contactlog(wijk, groep, groepscontact, opzet, wie):
    andere = opzet["andere"]
    gebruiker = {
        "anoniem": None,
        "bewoner": GebruikerFactory(),
        "groepscontact": groepscontact,
        "adviseur_ander": andere.wijkadviseur,
        "wethouder_ander": andere.wijkwethouder,
        "collegelid": GebruikerFactory(collegelid=True, tweede_factor=True),
        "griffie": GebruikerFactory(griffie=True, tweede_factor=True),
        "beheerder": GebruikerFactory(beheerder=True, tweede_factor=True),
    }[wie]
    antwoord = _pagina(gebruiker, groep)
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert 'id="groep-contactlog"' not in html and GEHEIM not in html
    assert reverse("contactmomenten:nieuw") not in html
    assert antwoord.context["contactmomenten"] == []


def test_contactblok_begrensde_queries(wijk, groep, opzet, django_assert_max_num_queries):
    client = Client()
    client.force_login(wijk.wijkadviseur)
    url = reverse("wijken:groep", args=[groep.pk])
    client.get(url)
    with django_assert_max_num_queries(12) as weinig:
        response = client.get(url)
    assert_page(response, "wijken/groep.html")
    ContactmomentFactory.create_batch(10, wijk=wijk, groep=groep, medewerker=wijk.opbouwwerker)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(url)
    assert_page(response, "wijken/groep.html")
    # The contact block with the moments was part of what was counted.
    assert 'id="groep-contactlog"' in response.content.decode()

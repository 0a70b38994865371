"""The benchmark's key pages (scripts/bench.py) include the public question list and the
page of the question with the most responses (seed_load's large question), as a resident
and as the ward's advisor; the paths answer 200 as those people (controleer_200 would
otherwise stop the run)."""

import importlib.util
from pathlib import Path

import pytest
from django.test import Client
from django.urls import path, reverse

from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.meedenken.factories import InbrengFactory, MeedenkvraagFactory
from tests.wijken.factories import WijkFactory
from wijkportaal import urls as portaal_urls
from wijkportaal import views

# The benchmark's baseline page exists only in a benchmark run: this test's own URLconf
# adds it to the portal's, so the key pages can be listed here.
urlpatterns = [*portaal_urls.urlpatterns, path("basislijn", views.basislijn, name="basislijn")]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

_PAD = Path(__file__).resolve().parents[2] / "scripts" / "bench.py"
_spec = importlib.util.spec_from_file_location("bench_meedenken", _PAD)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def _paginas(gebruikers):
    return {p.naam: p for p in bench.sleutelpaginas(gebruikers)}


def test_vraagpaginas_van_de_vraag_met_de_meeste_reacties():
    wijk = WijkFactory(met_staf=True)
    OnderwerpFactory(wijk=wijk, openbaar_=True)  # the item pages need one
    bewoner = GebruikerFactory()
    klein = MeedenkvraagFactory(wijken=[wijk], reacties_openbaar=True)
    InbrengFactory(vraag=klein, openbaar=True)
    groot = MeedenkvraagFactory(wijken=[wijk], reacties_openbaar=True)
    InbrengFactory(vraag=groot, gebruiker=bewoner, openbaar=True)
    InbrengFactory.create_batch(2, vraag=groot, openbaar=True)
    # A draft with more responses is no page anyone but its askers may see.
    concept = MeedenkvraagFactory(wijken=[wijk], concept=True)
    InbrengFactory.create_batch(4, vraag=concept)
    gebruikers = {"wijkadviseur": wijk.wijkadviseur, "bewoner": bewoner}
    paginas = _paginas(gebruikers)

    assert paginas["question list"].pad == reverse("meedenken:lijst")
    assert paginas["question list"].rol is None
    assert Client().get(paginas["question list"].pad).status_code == 200
    inhoud = {}
    for naam, rol in (("question page", "bewoner"), ("question page advisor", "wijkadviseur")):
        pagina = paginas[naam]
        assert (pagina.pad, pagina.rol) == (groot.get_absolute_url(), rol)
        client = Client()
        client.force_login(gebruikers[rol])
        antwoord = client.get(pagina.pad)
        assert antwoord.status_code == 200
        inhoud[rol] = antwoord
    # The advisor's page differs: it shows every response's count, the resident's does not.
    assert inhoud["wijkadviseur"].context["aantal_inbreng"] == 3
    assert inhoud["bewoner"].context["aantal_inbreng"] is None


def test_zonder_vragen_alleen_de_lijst():
    wijk = WijkFactory(met_staf=True)
    OnderwerpFactory(wijk=wijk, openbaar_=True)
    paginas = _paginas({"wijkadviseur": wijk.wijkadviseur})
    assert "question list" in paginas
    assert "question page" not in paginas and "question page advisor" not in paginas

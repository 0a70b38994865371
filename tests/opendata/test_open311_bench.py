"""The benchmark's key pages (scripts/bench.py) include Open311's request list, and the
path it measures answers 200 with requests (controleer_200 would otherwise stop the run)."""

import importlib.util
import json
from pathlib import Path

import pytest
from django.urls import path

from tests.initiatieven.factories import OnderwerpFactory
from wijkportaal import urls as portaal_urls
from wijkportaal import views

# The benchmark's baseline page exists only in a benchmark run: this test's own URLconf
# adds it to the portal's, so the key pages can be listed here.
urlpatterns = [*portaal_urls.urlpatterns, path("basislijn", views.basislijn, name="basislijn")]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

_PAD = Path(__file__).resolve().parents[2] / "scripts" / "bench.py"
_spec = importlib.util.spec_from_file_location("bench_open311", _PAD)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def test_open311_lijst_is_een_sleutelpagina(client):
    onderwerp = OnderwerpFactory(knelpunt=True, openbaar_=True)
    paginas = bench.sleutelpaginas({"wijkadviseur": onderwerp.wijk.wijkadviseur})
    (pagina,) = [p for p in paginas if p.naam == "open311 requests"]
    assert pagina.rol is None  # a partner app polls signed out
    response = client.get(pagina.pad)
    assert response.status_code == 200
    assert [r["service_request_id"] for r in json.loads(response.content)] == [str(onderwerp.pk)]

"""Open311's answers cost a constant number of queries, whatever the number of requests
they hold (docs/architecture.md, Query budget): measured over a small data set and one
ten times larger, signed out (as a partner app asks) and in both formats."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatieven.keuzes import Status
from initiatieven.models import Bijlage, Statuswijziging
from opendata.open311 import diensten
from tests import figures
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.opendata.open311_hulp import url
from tests.wijken.factories import WijkFactory
from wijken import pagecache

pytestmark = pytest.mark.django_db

BUDGET = 15
SCHAAL = 10


def _vullen(wijken, themas, aantal):
    for i in range(aantal):
        onderwerp = OnderwerpFactory(
            knelpunt=True,
            openbaar_=True,
            wijk=wijken[i % len(wijken)],
            thema=themas[i % len(themas)],
            status=Status.IN_BEHANDELING,
            publieke_locatie=f"Straat {i}",
        )
        Statuswijziging.objects.create(
            onderwerp=onderwerp, van=Status.INGEDIEND, naar=Status.IN_BEHANDELING
        )
        Bijlage.objects.create(
            onderwerp=onderwerp,
            bestand=ContentFile(b"\x89PNG\r\n", name="foto.png"),
            oorspronkelijke_naam="foto.png",
            inhoudstype="image/png",
            grootte=6,
        )


def _tellen(client, paden) -> dict[str, tuple[int, int]]:
    """Queries and bytes of each answer rendered fresh (the request list is in the page
    cache: a hit would count only the version reads)."""
    uit = {}
    for pad in paden:
        with pagecache.disabled(), CaptureQueriesContext(connection) as queries:
            response = client.get(pad)
        assert response.status_code == 200, pad
        uit[pad] = (len(queries), len(response.content))
    return uit


def test_open311_binnen_budget_en_groeit_niet(client, request):
    wijken = [WijkFactory(met_staf=True) for _ in range(2)]
    themas = [ThemaFactory(naam=n) for n in ("Veiligheid", "Verkeer en parkeren")]
    _vullen(wijken, themas, 2)
    eerste = OnderwerpFactory(knelpunt=True, openbaar_=True, wijk=wijken[0], thema=themas[0])
    code = diensten.service_code(themas[0].pk)
    paden = [
        url(resource, fmt, **query)
        for fmt in ("json", "xml")
        for resource, query in (
            ("discovery", {}),
            ("services", {}),
            (f"services/{code}", {}),
            ("requests", {}),
            ("requests", {"status": "open", "service_code": code}),
            (f"requests/{eerste.pk}", {}),
        )
    ]
    klein = _tellen(client, paden)
    _vullen(wijken, themas, 2 * (SCHAAL - 1))
    groot = _tellen(client, paden)
    regels = [f"{pad:<60}{klein[pad][0]:>6}{groot[pad][0]:>6}" for pad in paden]
    figures.report(request.config, "open311 query budget", "\n".join(regels))
    for pad in paden:
        assert groot[pad][0] <= BUDGET, pad
        assert klein[pad][0] == groot[pad][0], (pad, klein[pad][0], groot[pad][0])
    # The lists did grow, so the equal counts mean something.
    assert groot[url("requests", "json")][1] > 5 * klein[url("requests", "json")][1]

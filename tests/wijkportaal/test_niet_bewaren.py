"""Pages with internal data are never stored: ``Cache-Control: private, no-store`` on every
response to a signed-in person (issue 14.3; QUALITY.md, bad input 28).

The triage page, the internal item page, the work queue, the dashboards, the college
overview and the ward report sent no ``Cache-Control`` at all, so a shared cache or the
browser's stored history on a shared computer could keep them. One middleware
(``wijkportaal.middleware.PersoonlijkNietBewarenMiddleware``) now marks every response to
a signed-in person; this test walks every URL of the URLconf, with every object of the
leak test's world, as each official who works with a ward's items and as a resident.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import GebruikerFactory
from tests.wijkportaal.test_geen_lekken import (  # noqa: F401 (wereld: the fixture)
    _alle_paden,
    wereld,
)

pytestmark = pytest.mark.django_db


def _niet_bewaard(response) -> bool:
    waarden = {d.strip().split("=")[0] for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= waarden


def test_elke_pagina_voor_een_ingelogde_wordt_niet_bewaard(wereld):  # noqa: F811
    wijk = wereld["wijk"]
    paden = _alle_paden(wereld)
    personen = [
        wijk.wijkadviseur,
        wijk.wijkwethouder,
        GebruikerFactory(collegelid=True, tweede_factor=True),
        GebruikerFactory(griffie=True, tweede_factor=True),
        wereld["onderwerpen"][0].indiener,
    ]
    gezien = set()
    for persoon in personen:
        c = Client()
        c.force_login(persoon)
        for pad in paden:
            response = c.get(pad)
            assert _niet_bewaard(response), (pad, persoon.rol, response.get("Cache-Control"))
            if response.status_code == 200:
                gezien.add(pad.split("?")[0])
    # The pages the issue names really rendered (not only refusals and redirects).
    onderwerp = wereld["onderwerpen"][0]
    for pad in (
        reverse("initiatieven:triage", args=[onderwerp.pk]),
        onderwerp.get_absolute_url(),
        reverse("initiatieven:werkvoorraad"),
        reverse("wijkdashboard_wijk", args=[wijk.code]),
        reverse("collegeoverzicht"),
        reverse("wijkrapport", args=[wijk.code]),
    ):
        assert pad in gezien, pad


def test_openbare_pagina_voor_bezoekers_mag_bewaard(wereld):  # noqa: F811
    """Signed out, a public page is the same for everyone: no rule against storing it."""
    response = Client().get(wereld["onderwerpen"][0].get_absolute_url())
    assert response.status_code == 200
    assert not _niet_bewaard(response)

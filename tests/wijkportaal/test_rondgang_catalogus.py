"""The accessibility crawl's catalogue (tests/rondgang.py) covers every URL name, so a page
added later cannot escape the crawl. No browser needed: this runs everywhere."""

import pytest

from tests import rondgang


def test_elke_url_naam_heeft_een_regel():
    assert rondgang.ontbrekend() == []


def test_een_nieuwe_url_zonder_regel_valt_op():
    namen = {**rondgang.url_namen(), "wijken:nieuwe_pagina": "wijken/nieuw/"}
    assert rondgang.ontbrekend(namen) == ["wijken:nieuwe_pagina"]


def test_elke_regel_is_een_url_of_staat_buiten_het_portaal():
    namen = rondgang.url_namen()
    regels = rondgang.PAGINAS.keys() | rondgang.ACTIES.keys() | rondgang.GEEN_HTML.keys()
    assert sorted(regels - namen.keys()) == []
    # Each action's form lives on a page of the catalogue.
    assert set(rondgang.ACTIES.values()) <= rondgang.PAGINAS.keys()


@pytest.mark.django_db
def test_de_lege_wereld_laat_de_paginas_zonder_objecten_weg(settings, tmp_path):
    wereld = rondgang.wereld_maken(leeg=True)
    namen = {naam for naam, _ in rondgang.paginas(wereld, toestand=rondgang.LEEG)}
    assert "initiatieven:werkvoorraad" in namen
    assert "initiatieven:onderwerp" not in namen
    assert "toegankelijkheid" not in namen

"""The ward page shows the ward's current public items, and only those."""

import re

import pytest
from django.urls import reverse

from initiatieven.keuzes import Status
from tests.initiatieven.factories import OnderwerpFactory
from tests.responses import assert_page
from tests.wijken.factories import WijkFactory


@pytest.mark.django_db
def test_wijkpagina_toont_lopende_openbare_onderwerpen(client):
    wijk = WijkFactory(met_staf=True)
    andere = WijkFactory(met_staf=True)
    lopend = OnderwerpFactory(wijk=wijk, openbaar=True, status=Status.IN_BEHANDELING)
    verborgen = OnderwerpFactory(wijk=wijk, openbaar=False)
    klaar = OnderwerpFactory(wijk=wijk, openbaar=True, afgerond=True)
    elders = OnderwerpFactory(wijk=andere, openbaar=True)
    html = client.get(reverse("wijken:wijk", args=[wijk.code])).content.decode()
    assert f'id="wijk-onderwerp-{lopend.pk}"' in html
    for niet in (verborgen, klaar, elders):
        assert f'id="wijk-onderwerp-{niet.pk}"' not in html
    assert f"?wijk={wijk.pk}" in html


@pytest.mark.django_db
def test_wijkpagina_query_aantal_groeit_niet_met_onderwerpen(client, django_assert_max_num_queries):
    wijk = WijkFactory(met_staf=True)
    url = reverse("wijken:wijk", args=[wijk.code])
    OnderwerpFactory.create_batch(2, wijk=wijk, openbaar=True)
    with django_assert_max_num_queries(15) as weinig:
        response = client.get(url)
    assert_page(response, "wijken/wijk.html")
    OnderwerpFactory.create_batch(20, wijk=wijk, openbaar=True)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(url)
    assert_page(response, "wijken/wijk.html")
    assert response.content.decode().count('id="wijk-onderwerp-') == 8


@pytest.mark.django_db
def test_wijkpagina_onderwerpen_uit_de_cache_zijn_nooit_oud(client):
    """The section is cached under a digest of what it shows: a newly published item, a
    screened title or a step to "completed" shows on the next request."""
    wijk = WijkFactory()
    url = reverse("wijken:wijk", args=[wijk.code])
    lopend = OnderwerpFactory(wijk=wijk, openbaar_=True, titel="Oude titel")
    assert "Oude titel" in client.get(url).content.decode()
    lopend.publieke_titel = "Nieuwe titel"
    lopend.save()
    nieuw = OnderwerpFactory(wijk=wijk, openbaar_=True, titel="Net gepubliceerd")
    html = client.get(url).content.decode()
    assert "Nieuwe titel" in html and "Oude titel" not in html and nieuw.titel in html
    nieuw.status = Status.AFGEROND
    nieuw.resultaat = "Klaar."
    nieuw.save()
    # Completed, it leaves what is going on and shows among the ward's recent results.
    html = client.get(url).content.decode()
    assert f'id="wijk-onderwerp-{nieuw.pk}"' not in html
    assert f'id="wijk-resultaat-{nieuw.pk}"' in html


@pytest.mark.django_db
def test_wijkpagina_bezoeken_uit_de_cache_zijn_nooit_oud(client):
    """The visits section is cached under a digest of what it shows: a newly planned
    visit, a moved location or a published report shows on the next request."""
    from tests.contacten.factories import BezoekFactory

    wijk = WijkFactory(met_staf=True)
    url = reverse("wijken:wijk", args=[wijk.code])
    gepland = BezoekFactory(wijk=wijk, locatie="Buurthuis De Kern")
    assert "Buurthuis De Kern" in client.get(url).content.decode()
    gepland.locatie = "Wijkcentrum De Brug"
    gepland.save()
    gehouden = BezoekFactory(wijk=wijk, werkbezoek=True, gehouden=True, locatie="Schoolplein")
    html = client.get(url).content.decode()
    assert "Wijkcentrum De Brug" in html and "Buurthuis De Kern" not in html
    assert f'data-bezoek="{gehouden.pk}"' in html and "verslag-link" not in html
    gehouden.verslag_gepubliceerd_op = gehouden.aangemaakt
    gehouden.save()
    assert "verslag-link" in client.get(url).content.decode()


@pytest.mark.django_db
def test_op_deze_pagina_linkt_naar_elke_sectie_ook_die_van_andere_apps(client):
    """The "on this page" links reach the items and visits sections too, and every link
    has its heading on the page."""
    wijk = WijkFactory(met_staf=True)
    html = client.get(reverse("wijken:wijk", args=[wijk.code])).content.decode()
    nav = re.search(r'<nav aria-label="[^"]*" class="mb-4">(.*?)</nav>', html, re.S).group(1)
    doelen = re.findall(r'href="#([^"]+)"', nav)
    assert {"onderwerpen-kop", "bezoeken-kop"} <= set(doelen)
    for doel in doelen:
        assert f'id="{doel}"' in html, doel

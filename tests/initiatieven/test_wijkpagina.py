"""The ward page shows the ward's current public items, and only those."""

import pytest
from django.urls import reverse

from initiatieven.keuzes import Status
from tests.initiatieven.factories import OnderwerpFactory
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
        client.get(url)
    OnderwerpFactory.create_batch(20, wijk=wijk, openbaar=True)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count('id="wijk-onderwerp-') == 8

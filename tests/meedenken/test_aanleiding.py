"""An item can lead to a question and a question can lead to items: the question's form
chooses the items that led to it (of the wards asked only), the feedback form the items
that came out of it, and the question's page and the item's page link each other
(public items and published questions only)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meedenken import services
from meedenken.models import Meedenkvraag
from tests.initiatieven.factories import OnderwerpFactory
from tests.meedenken.factories import MeedenkvraagFactory, TerugkoppelingFactory
from tests.meedenken.test_views import _vraagformulier
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db


def _openbaar(wijk, **kwargs):
    return OnderwerpFactory(wijk=wijk, openbaar_=True, **kwargs)


def test_vraagformulier_biedt_de_lopende_openbare_onderwerpen_van_de_wijken(client):
    bestaand = MeedenkvraagFactory()
    wijk = bestaand.wijken.get()
    lopend = _openbaar(wijk, titel="Lopend in de wijk")
    _openbaar(wijk, titel="Al afgerond", afgerond=True)
    OnderwerpFactory(wijk=wijk, titel="Niet openbaar")
    _openbaar(WijkFactory(met_staf=True), titel="Van een andere wijk")
    client.force_login(bestaand.gesteld_door)
    html = client.get(reverse("meedenken:nieuw")).content.decode()
    assert f'value="{lopend.pk}"' in html and "Lopend in de wijk" in html
    for titel in ("Al afgerond", "Niet openbaar", "Van een andere wijk"):
        assert titel not in html


def test_aanleiding_kiezen_en_tonen(client):
    bestaand = MeedenkvraagFactory()
    wijk = bestaand.wijken.get()
    onderwerp = _openbaar(wijk, titel="Te hard rijden op de Dorpsstraat")
    client.force_login(bestaand.gesteld_door)
    response = client.post(
        reverse("meedenken:nieuw"),
        _vraagformulier(bestaand, titel="Nieuwe vraag", aanleiding=[onderwerp.pk]),
    )
    assert response.status_code == 302
    vraag = Meedenkvraag.objects.get(titel="Nieuwe vraag")
    assert list(vraag.aanleiding.all()) == [onderwerp]
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert f'href="{onderwerp.get_absolute_url()}"' in html
    # The change form shows the choice made.
    html = client.get(reverse("meedenken:bewerken", args=[vraag.pk])).content.decode()
    assert re.search(rf'name="aanleiding" value="{onderwerp.pk}"[^>]* checked', html)


def test_onderwerp_van_een_andere_wijk_als_aanleiding_geweigerd(client):
    bestaand = MeedenkvraagFactory()
    wijk = bestaand.wijken.get()
    andere = WijkFactory(met_staf=True)
    vreemd = _openbaar(andere)
    # The advisor of both wards, asking only the first: the other ward's item is offered
    # but refused for a question that does not ask its ward.
    andere.wijkadviseur = bestaand.gesteld_door
    andere.save()
    client.force_login(bestaand.gesteld_door)
    response = client.post(
        reverse("meedenken:nieuw"),
        _vraagformulier(bestaand, titel="Nieuwe vraag", aanleiding=[vreemd.pk]),
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    assert "Kies alleen initiatieven en knelpunten van de gevraagde wijken" in (
        response.content.decode()
    )
    assert not Meedenkvraag.objects.filter(titel="Nieuwe vraag").exists()
    # An item of a ward the asker has nothing to do with is not even a choice.
    buiten = _openbaar(WijkFactory(met_staf=True))
    response = client.post(
        reverse("meedenken:nieuw"),
        _vraagformulier(bestaand, titel="Nieuwe vraag", aanleiding=[buiten.pk]),
    )
    assert response.status_code == 400
    assert not Meedenkvraag.objects.filter(titel="Nieuwe vraag").exists()
    assert wijk.pk != andere.pk


def test_service_weigert_aanleiding_buiten_de_wijken_of_niet_openbaar():
    vraag = MeedenkvraagFactory(concept=True)
    wijk = vraag.wijken.get()
    gegevens = {"titel": vraag.titel}
    for fout in (_openbaar(WijkFactory(met_staf=True)), OnderwerpFactory(wijk=wijk)):
        with pytest.raises(services.Ongeldig):
            services.meedenkvraag_opslaan(
                door=vraag.gesteld_door,
                gegevens=gegevens,
                wijken=[wijk],
                aanleiding=[fout],
                vraag=vraag,
            )
    assert not vraag.aanleiding.exists()


def test_terugkoppeling_weigert_onderwerpen_buiten_de_wijken():
    vraag = MeedenkvraagFactory(gesloten=True)
    vreemd = _openbaar(WijkFactory(met_staf=True))
    with pytest.raises(services.Ongeldig):
        services.terugkoppeling_opslaan(
            vraag=vraag,
            door=vraag.gesteld_door,
            gegevens={"samenvatting": "s", "besluit": "b", "waarom": "w"},
            onderwerpen=[vreemd],
        )
    assert not hasattr(Meedenkvraag.objects.get(pk=vraag.pk), "terugkoppeling")


def test_terugkoppelingsformulier_kiest_de_onderwerpen_die_eruit_kwamen(client):
    vraag = MeedenkvraagFactory(gesloten=True)
    wijk = vraag.wijken.get()
    onderwerp = _openbaar(wijk, titel="Bomen planten op het plein")
    vreemd = _openbaar(WijkFactory(met_staf=True))
    client.force_login(vraag.gesteld_door)
    url = reverse("meedenken:terugkoppeling", args=[vraag.pk])
    gegevens = {"samenvatting": "Gezegd", "besluit": "Besloten", "waarom": "Daarom"}
    response = client.post(url, {**gegevens, "onderwerpen": [vreemd.pk]})
    assert response.status_code == 400
    response = client.post(url, {**gegevens, "onderwerpen": [onderwerp.pk]})
    assert response.status_code == 302
    assert list(vraag.terugkoppeling.onderwerpen.all()) == [onderwerp]


def test_vraagpagina_toont_alleen_openbare_onderwerpen(client):
    vraag = MeedenkvraagFactory()
    wijk = vraag.wijken.get()
    openbaar = _openbaar(wijk, titel="Openbaar onderwerp")
    verborgen = _openbaar(wijk, titel="Later verborgen onderwerp")
    vraag.aanleiding.set([openbaar, verborgen])
    verborgen.openbaar = False
    verborgen.save()
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert "Openbaar onderwerp" in html and "Later verborgen onderwerp" not in html


def test_onderwerppagina_toont_gepubliceerde_meedenkvragen(client):
    onderwerp = _openbaar(WijkFactory(met_staf=True))
    aanleiding = MeedenkvraagFactory(wijken=[onderwerp.wijk], titel="Vraag uit dit onderwerp")
    aanleiding.aanleiding.set([onderwerp])
    concept = MeedenkvraagFactory(wijken=[onderwerp.wijk], concept=True, titel="Concept vraag")
    concept.aanleiding.set([onderwerp])
    t = TerugkoppelingFactory(
        vraag=MeedenkvraagFactory(wijken=[onderwerp.wijk], gesloten=True, titel="Vraag ervoor")
    )
    t.onderwerpen.set([onderwerp])
    andere = MeedenkvraagFactory(wijken=[onderwerp.wijk], titel="Vraag zonder verband")
    assert andere.pk

    def pagina():
        return client.get(onderwerp.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    html = pagina()
    assert 'id="meedenkvragen-kop">Meedenkvragen<' in html
    assert f'id="onderwerp-meedenkvraag-{aanleiding.pk}"' in html
    assert "Vraag uit dit onderwerp" in html
    assert "Dit onderwerp was de aanleiding voor de vraag." in html
    # Neither a draft, nor a question whose feedback is not published, nor an unrelated one.
    for titel in ("Concept vraag", "Vraag ervoor", "Vraag zonder verband"):
        assert titel not in html
    t.gepubliceerd_op = timezone.now()
    t.save()
    html = pagina()
    assert "Vraag ervoor" in html and "Dit onderwerp kwam uit de vraag voort." in html
    # Signed in, the same section.
    client.force_login(onderwerp.indiener)
    html = pagina()
    assert "Vraag ervoor" in html and "Vraag uit dit onderwerp" in html


def test_onderwerppagina_zonder_meedenkvragen_heeft_geen_sectie(client):
    onderwerp = _openbaar(WijkFactory(met_staf=True))
    assert 'id="meedenkvragen"' not in client.get(onderwerp.get_absolute_url()).content.decode()


def test_onderwerppagina_queries_groeien_niet_met_de_vragen(client, django_assert_max_num_queries):
    onderwerp = _openbaar(WijkFactory(met_staf=True))
    MeedenkvraagFactory(wijken=[onderwerp.wijk]).aanleiding.set([onderwerp])
    client.get(onderwerp.get_absolute_url())
    with django_assert_max_num_queries(50) as een:
        client.get(onderwerp.get_absolute_url() + "?vers=1")  # another address: rendered
    for _ in range(5):
        MeedenkvraagFactory(wijken=[onderwerp.wijk]).aanleiding.set([onderwerp])
        TerugkoppelingFactory(
            vraag=MeedenkvraagFactory(wijken=[onderwerp.wijk], gesloten=True), gepubliceerd=True
        ).onderwerpen.set([onderwerp])
    with django_assert_max_num_queries(len(een.captured_queries)):
        html = client.get(onderwerp.get_absolute_url() + "?vers=2").content.decode()
    assert html.count('id="onderwerp-meedenkvraag-') == 11

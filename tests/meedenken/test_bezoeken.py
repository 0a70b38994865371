"""Questions to the ward as topics of a visit: chosen on the visit form (a field that
meedenken contributes through initiatieven.bezoekonderwerpen), listed on the visit page
and, for a planned visit, in the printable ward report."""

import datetime
import re
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from contacten.bezoeken import Bezoek, Bezoeksoort, Dagdeel
from initiatieven import bezoeken, bezoekonderwerpen
from tests.contacten.factories import BezoekFactory, CollegeperiodeFactory
from tests.factories import GebruikerFactory
from tests.meedenken.factories import MeedenkvraagFactory, TerugkoppelingFactory
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _stil():
    with mock.patch("contacten.services_bezoek.volgen.melden"):
        yield


@pytest.fixture
def w(db):
    CollegeperiodeFactory()
    wijk = WijkFactory(met_staf=True)
    andere = WijkFactory(met_staf=True)
    return {
        "wijk": wijk,
        "open": MeedenkvraagFactory(wijken=[wijk], titel="Wat doen we met het plein?"),
        "alle": MeedenkvraagFactory(alle_wijken=True, wijken=[], titel="Vraag aan de stad"),
        "concept": MeedenkvraagFactory(wijken=[wijk], concept=True, titel="Nog een concept"),
        "vreemd": MeedenkvraagFactory(wijken=[andere], titel="Vraag van Zuid"),
        "collegelid": GebruikerFactory(collegelid=True, tweede_factor=True),
    }


def _formulier(**kwargs):
    return {
        "soort": Bezoeksoort.COLLEGE_DAGDEEL,
        "datum": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        "dagdeel": Dagdeel.MIDDAG,
        "locatie": "Buurthuis",
        "openbaar": "on",
        **kwargs,
    }


def test_de_bron_is_geregistreerd():
    assert "meedenkvragen" in bezoekonderwerpen._BRONNEN


def test_plannen_met_een_vraag_als_onderwerp_en_op_de_bezoekpagina(client, w):
    client.force_login(w["collegelid"])
    url = reverse("bezoeken:plannen") + f"?wijk={w['wijk'].code}"
    form = client.get(url).context["form"]
    # Offered: the ward's published questions and those to all wards; after the items.
    assert set(form.fields["meedenkvragen"].queryset) == {w["open"], w["alle"]}
    velden = list(form.fields)
    assert velden.index("meedenkvragen") == velden.index("onderwerpen") + 1

    response = client.post(url, _formulier(meedenkvragen=[w["open"].pk, w["alle"].pk]))
    assert response.status_code == 302
    bezoek = Bezoek.objects.get()
    assert set(bezoek.meedenkvragen.all()) == {w["open"], w["alle"]}

    client.logout()
    html = client.get(bezoek.get_absolute_url()).content.decode()
    lijst = html[html.index('id="bezoek-meedenkvragen"') :].split("</ul>")[0]
    assert f'href="{w["open"].get_absolute_url()}"' in lijst
    assert "Vraag aan de stad" in lijst
    assert "No topics have been chosen" not in html


def test_concept_en_vraag_van_een_andere_wijk_geweigerd(client, w):
    client.force_login(w["collegelid"])
    url = reverse("bezoeken:plannen") + f"?wijk={w['wijk'].code}"
    for vraag in (w["concept"], w["vreemd"]):
        response = client.post(url, _formulier(meedenkvragen=[vraag.pk]))
        assert response.status_code == 200
        assert "meedenkvragen" in response.context["form"].errors
    assert not Bezoek.objects.exists()
    # The service refuses too, and leaves no visit behind (one transaction).
    with pytest.raises(ValidationError) as fout:
        bezoeken.bezoek_plannen(
            door=w["collegelid"],
            wijk=w["wijk"],
            soort=Bezoeksoort.WERKBEZOEK,
            datum=timezone.localdate() + datetime.timedelta(days=3),
            dagdeel=Dagdeel.OCHTEND,
            extra={"meedenkvragen": [w["vreemd"]]},
        )
    assert "meedenkvragen" in fout.value.message_dict
    assert not Bezoek.objects.exists()


def test_wijzigen_houdt_de_gekozen_vragen_en_kan_ze_weghalen(client, w):
    bezoek = BezoekFactory(wijk=w["wijk"])
    oud = MeedenkvraagFactory(
        wijken=[w["wijk"]],
        open_vanaf=timezone.now() - datetime.timedelta(days=800),
        sluit_op=timezone.now() - datetime.timedelta(days=700),
        terugkoppeling_voor=timezone.localdate() - datetime.timedelta(days=600),
    )
    TerugkoppelingFactory(vraag=oud, gepubliceerd=True)
    bezoek.meedenkvragen.set([oud])
    client.force_login(w["collegelid"])
    url = reverse("bezoeken:bewerken", args=[bezoek.pk])
    form = client.get(url).context["form"]
    # Long closed, but chosen before: still offered, and ticked.
    assert oud in form.fields["meedenkvragen"].queryset
    assert form.initial["meedenkvragen"] == [oud.pk]
    data = _formulier(datum=bezoek.datum.isoformat(), meedenkvragen=[w["open"].pk])
    del data["soort"]
    assert client.post(url, data).status_code == 302
    assert list(bezoek.meedenkvragen.all()) == [w["open"]]
    del data["meedenkvragen"]
    assert client.post(url, data).status_code == 302
    assert not bezoek.meedenkvragen.exists()
    html = client.get(bezoek.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Er zijn geen onderwerpen gekozen." in html and 'id="bezoek-meedenkvragen"' not in html


def test_rapport_noemt_het_geplande_bezoek_bij_de_vraag(client, w):
    wijk = w["wijk"]
    bezoek = BezoekFactory(wijk=wijk)
    # Closed long ago with its feedback: outside the report's period, but a topic.
    oud = MeedenkvraagFactory(
        wijken=[wijk],
        open_vanaf=timezone.now() - datetime.timedelta(days=800),
        sluit_op=timezone.now() - datetime.timedelta(days=700),
        terugkoppeling_voor=timezone.localdate() - datetime.timedelta(days=600),
    )
    TerugkoppelingFactory(vraag=oud, gepubliceerd=True)
    bezoek.meedenkvragen.set([oud, w["open"]])
    # A held visit is no longer what the report prepares for.
    BezoekFactory(wijk=wijk, werkbezoek=True, gehouden=True).meedenkvragen.set([w["alle"]])
    client.force_login(wijk.wijkwethouder)
    html = client.get(reverse("wijkrapport", kwargs={"code": wijk.code})).content.decode()
    for vraag in (oud, w["open"]):
        rij = re.search(rf'<tr id="rapport-vraag-{vraag.pk}".*?</tr>', html, re.S).group(0)
        assert f'data-bezoek="{bezoek.pk}"' in rij
        assert f'href="{bezoek.get_absolute_url()}"' in rij
    rij = re.search(rf'<tr id="rapport-vraag-{w["alle"].pk}".*?</tr>', html, re.S).group(0)
    assert "data-bezoek" not in rij

"""The public ward list at the size of a large municipality or a whole country, and the
wards archived after a CBS re-division: off the lists, on their own page."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import (
    BestuursfunctieFactory,
    BewonersgroepFactory,
    BuurtFactory,
    WijkFactory,
)
from wijken import pagecache
from wijken.views import WIJKEN_PER_PAGINA

pytestmark = pytest.mark.django_db

LIJST = reverse("wijken:lijst")


@pytest.fixture
def client(client):
    """Pages in English, the source language of the texts asserted here."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def wijken_op(response) -> list[str]:
    """The ward codes of a rendered list page, in the order shown."""
    return re.findall(
        r'<li class="border rounded p-3" id="wijk-(WK\w+)">', response.content.decode()
    )


def koppen(response) -> list[str]:
    """The group headings of a rendered list page."""
    return re.findall(
        r'<h3 class="h4 mt-4" id="groep-[\w-]+">([^<]+)</h3>', response.content.decode()
    )


def maak_wijken(aantal: int, *, gemeenten=(("GM8800", "Testgemeente"),), buurten: int = 2):
    """``aantal`` wards over ``gemeenten``, named over the alphabet, each with a group, a
    vacancy and ``buurten`` neighbourhoods."""
    wijken = []
    for n in range(aantal):
        code, naam = gemeenten[n % len(gemeenten)]
        letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[n % 26]
        wijk = WijkFactory(
            naam=f"{letter}wijk {n:04d}",
            gemeentecode=code,
            gemeentenaam=naam,
        )
        for _ in range(buurten):
            BuurtFactory(wijk=wijk)
        BestuursfunctieFactory(groep=BewonersgroepFactory(wijk=wijk), vacant=True)
        wijken.append(wijk)
    return wijken


def aantal_queries(client, url, params=None) -> int:
    """The queries of a fresh render (the page cache off): the most the page costs."""
    with pagecache.disabled(), CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_een_gemeente_per_letter_gegroepeerd_en_gepagineerd(client):
    maak_wijken(WIJKEN_PER_PAGINA + 12)

    eerste = client.get(LIJST)
    assert eerste.status_code == 200
    assert "wijken/lijst.html" in [t.name for t in eerste.templates]
    html = eerste.content.decode()
    assert len(wijken_op(eerste)) == WIJKEN_PER_PAGINA
    assert "62 wards · page 1 of 2" in html
    # One municipality: no choice of municipality; the headings are letters, in order.
    assert 'name="gemeente"' not in html
    # 62 wards over 26 letters: A to J three times, K to Z twice; page 1 ends with T.
    assert koppen(eerste) == list("ABCDEFGHIJKLMNOPQRST")
    assert 'href="?page=2"' in html

    tweede = client.get(LIJST, {"page": 2})
    assert len(wijken_op(tweede)) == 12 and koppen(tweede) == list("UVWXYZ")
    assert set(wijken_op(eerste)).isdisjoint(wijken_op(tweede))
    # Out-of-range or nonsense page numbers give a page, never an error.
    assert wijken_op(client.get(LIJST, {"page": 999})) == wijken_op(tweede)
    assert wijken_op(client.get(LIJST, {"page": "x"})) == wijken_op(eerste)


def test_letters_negeren_accenten_en_hoofdletters():
    from wijken.views import _groepen

    namen = ["'t Zand", "achterhoek", "Émile", "Ede", "Zuid"]
    groepen = _groepen([WijkFactory.build(naam=n) for n in namen], per_gemeente=False)
    assert [(g["kop"], [w.naam for w in g["wijken"]]) for g in groepen] == [
        ("#", ["'t Zand"]),
        ("A", ["achterhoek"]),
        ("E", ["Émile", "Ede"]),
        ("Z", ["Zuid"]),
    ]
    assert [g["anker"] for g in groepen] == ["overig", "a", "e", "z"]


def test_meer_gemeenten_per_gemeente_gegroepeerd_en_te_kiezen(client):
    gemeenten = (("GM0363", "Amsterdam"), ("GM1900", "Súdwest-Fryslân"), ("GM0014", "Groningen"))
    wijken = maak_wijken(9, gemeenten=gemeenten, buurten=1)

    response = client.get(LIJST)
    assert response.status_code == 200
    assert koppen(response) == ["Amsterdam", "Groningen", "Súdwest-Fryslân"]
    html = response.content.decode()
    assert '<select name="gemeente" id="id_gemeente"' in html
    assert '<option value="GM1900">Súdwest-Fryslân</option>' in html

    sneek = client.get(LIJST, {"gemeente": "GM1900"})
    assert sorted(wijken_op(sneek)) == sorted(w.code for w in wijken if w.gemeentecode == "GM1900")
    # Within one municipality the headings are letters again.
    assert all(len(k) == 1 for k in koppen(sneek))
    assert '<option value="GM1900" selected>' in sneek.content.decode()

    onbekend = client.get(LIJST, {"gemeente": "GM9999", "q": ""})
    assert onbekend.status_code == 200 and "gemeente" in onbekend.context["form"].errors
    assert len(wijken_op(onbekend)) == 9


def test_zoeken_zonder_accenten_en_op_gemeente(client):
    indie = WijkFactory(naam="Indië", gemeentenaam="Amsterdam", gemeentecode="GM0363")
    WijkFactory(naam="Oost", gemeentenaam="Súdwest-Fryslân", gemeentecode="GM1900")
    zuid = WijkFactory(naam="Zuid", gemeentenaam="Amsterdam", gemeentecode="GM0363")
    BuurtFactory(wijk=zuid, naam="Rivièrenbuurt")

    assert wijken_op(client.get(LIJST, {"q": "indie"})) == [indie.code]
    assert wijken_op(client.get(LIJST, {"q": "INDIË"})) == [indie.code]
    assert wijken_op(client.get(LIJST, {"q": "rivieren"})) == [zuid.code]
    assert len(wijken_op(client.get(LIJST, {"q": "sudwest"}))) == 1
    # The search and the municipality together.
    assert wijken_op(client.get(LIJST, {"q": "i", "gemeente": "GM0363"})) == [indie.code, zuid.code]
    geen = client.get(LIJST, {"q": "indië-plein"})
    assert wijken_op(geen) == [] and "No ward or neighbourhood matches" in geen.content.decode()


@pytest.mark.parametrize(
    "params",
    [{}, {"page": "2"}, {"q": "wijk"}, {"gemeente": "GM0363"}, {"q": "wijk", "gemeente": "GM0363"}],
)
def test_queries_groeien_niet_met_het_aantal_wijken(client, params):
    """The list's SQL is a fixed number of statements, for ten wards or a hundred and
    twenty over three municipalities, each with its neighbourhoods, groups and vacancies."""
    gemeenten = (("GM0363", "Amsterdam"), ("GM1900", "Súdwest-Fryslân"), ("GM0014", "Groningen"))
    maak_wijken(10, gemeenten=gemeenten)
    weinig = aantal_queries(client, LIJST, params)
    maak_wijken(120, gemeenten=gemeenten, buurten=3)
    assert aantal_queries(client, LIJST, params) == weinig
    assert weinig <= 5


def test_vervallen_wijk_niet_in_lijsten_wel_op_eigen_pagina(client):
    wijk = WijkFactory(naam="Burgwallen-Nieuwe Zijde", vervallen_per=2024)
    BuurtFactory(wijk=wijk, naam="Nieuwendijk-Noord", vervallen_per=2024)
    actief = WijkFactory(naam="Burgwallen-Oude Zijde")
    onderwerp = OnderwerpFactory(wijk=wijk, openbaar_=True, titel="Bankjes op de Dam")

    # Not on the list, not found by a search, not among the home page's ward links.
    assert wijken_op(client.get(LIJST)) == [actief.code]
    assert wijken_op(client.get(LIJST, {"q": "nieuwendijk"})) == []
    assert wijk.get_absolute_url() not in client.get(reverse("home")).content.decode()

    # Its own page stays, says since when, lists its former neighbourhoods and items.
    response = client.get(wijk.get_absolute_url())
    assert response.status_code == 200
    assert "wijken/wijk.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert 'id="vervallen" data-vervallen-per="2024"' in html
    assert "No longer in use from 2024" in html
    assert "Nieuwendijk-Noord (no longer in use from 2024)" in html
    assert onderwerp.get_absolute_url() in html
    assert client.get(onderwerp.get_absolute_url()).status_code == 200


def test_actieve_wijk_toont_vervallen_buurten_apart(client):
    wijk = WijkFactory()
    BuurtFactory(wijk=wijk, naam="Kop Zeedijk")
    BuurtFactory(wijk=wijk, naam="Oude Buurt", vervallen_per=2023)
    html = client.get(wijk.get_absolute_url()).content.decode()
    assert 'id="vervallen"' not in html
    huidige, vroegere = html.split('id="vervallen-buurten-kop"')
    assert "<li>Kop Zeedijk</li>" in huidige and "Oude Buurt" not in huidige
    assert "Oude Buurt (no longer in use from 2023)" in vroegere
    # On the list, only the neighbourhood in use.
    lijst = client.get(LIJST).content.decode()
    assert "Kop Zeedijk" in lijst and "Oude Buurt" not in lijst

"""The question page in the page cache (``meedenken.views.VRAAG`` and ``REACTIES``): served
from the cache while nothing it shows changed, renewed at the moments its state follows
the clock, running none of its pieces' queries on a hit, and never serving the officials'
variant to the public or the other way round."""

import datetime
from collections import Counter

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from meedenken import services
from tests.factories import GebruikerFactory
from tests.meedenken.factories import (
    BijeenkomstFactory,
    InbrengFactory,
    MeedenkvraagFactory,
    TerugkoppelingFactory,
    VraagbijlageFactory,
)
from tests.wijken.factories import WijkFactory
from wijken import pagecache

pytestmark = pytest.mark.django_db

BEGIN = datetime.datetime(2026, 12, 7, 9, 30, tzinfo=datetime.UTC)
BEIDE = {"meedenkvraag", "meedenkvraag reacties"}


def _get(client, adres):
    """The page's HTML, and which of its pieces came from the cache."""
    voor = pagecache.stats.copy()
    response = client.get(adres)
    assert response.status_code == 200, adres
    verschil = pagecache.stats - voor
    return response.content.decode(), {naam for (soort, naam) in verschil if soort == "hit"}


def _staat(html) -> str:
    return html.split('id="vraag-gegevens" data-staat="')[1].split('"')[0]


def test_de_vraagpagina_vervalt_als_de_vraag_sluit_en_de_terugkoppeling_te_laat_is(client):
    """Closing shows the results and the closed state, and the midnight after the promised
    feedback date the warning that it is late: no write says so, only the declared moments
    (without them the cached open page would be served on)."""
    with time_machine.travel(BEGIN, tick=False) as reis:
        vraag = MeedenkvraagFactory(
            open_vanaf=BEGIN - datetime.timedelta(days=3),
            sluit_op=BEGIN + datetime.timedelta(hours=2),
            gepubliceerd_op=BEGIN - datetime.timedelta(days=3),
            terugkoppeling_voor=datetime.date(2026, 12, 9),
            opties=["Bomen", "Bankjes"],
        )
        InbrengFactory(vraag=vraag, tekst="").keuzes.set([vraag.opties.first()])
        adres = vraag.get_absolute_url()
        html, _hits = _get(client, adres)
        assert _staat(html) == "open" and 'id="uitslag"' not in html
        html, hits = _get(client, adres)
        assert hits == BEIDE and _staat(html) == "open"

        reis.move_to(BEGIN + datetime.timedelta(hours=2, seconds=1))
        html, hits = _get(client, adres)
        assert hits == set()
        assert _staat(html) == "gesloten"
        assert 'id="uitslag"' in html and '<td class="text-end">1</td>' in html
        assert 'id="terugkoppeling-te-laat"' not in html
        assert _get(client, adres)[1] == BEIDE

        # Still the promised day, late in the evening in the municipality: not late yet
        # (rendered again first: entries are dropped after a day to free memory).
        reis.move_to(datetime.datetime(2026, 12, 9, 22, 59, tzinfo=datetime.UTC))
        _get(client, adres)
        html, hits = _get(client, adres)
        assert "meedenkvraag" in hits and 'id="terugkoppeling-te-laat"' not in html
        reis.move_to(datetime.datetime(2026, 12, 9, 23, 0, 1, tzinfo=datetime.UTC))
        html, hits = _get(client, adres)
        assert "meedenkvraag" not in hits
        assert _staat(html) == "te_laat" and 'id="terugkoppeling-te-laat"' in html


def test_een_volle_bijeenkomst_is_niet_meer_vol_als_ze_begonnen_is(client):
    with time_machine.travel(BEGIN, tick=False) as reis:
        bijeenkomst = BijeenkomstFactory(
            begint=BEGIN + datetime.timedelta(hours=1),
            eindigt=BEGIN + datetime.timedelta(hours=3),
            max_deelnemers=1,
        )
        vraag = bijeenkomst.vraag
        services.aanmelden(vraag=vraag, door=GebruikerFactory())
        adres = vraag.get_absolute_url()
        bewoner = Client()
        bewoner.force_login(GebruikerFactory())
        html, _hits = _get(bewoner, adres)
        assert 'id="vol"' in html and 'id="aanmelden"' not in html
        assert _get(bewoner, adres)[1] == BEIDE
        reis.move_to(BEGIN + datetime.timedelta(hours=1, seconds=1))
        html, hits = _get(bewoner, adres)
        assert "meedenkvraag" not in hits
        assert 'id="vol"' not in html and 'id="aanmelden"' not in html


def test_een_treffer_voert_geen_queries_van_de_stukken_uit(client):
    """Served from the cache, the page reads the question, its wards, the items it is
    linked with (the scope) and the versions: none of its options, attachments,
    responses, results, feedback or registrations."""
    wijk = WijkFactory(met_staf=True)
    vraag = MeedenkvraagFactory(wijken=[wijk], reacties_openbaar=True, opties=["A", "B"])
    BijeenkomstFactory(vraag=vraag)
    VraagbijlageFactory(vraag=vraag)
    for _ in range(3):
        InbrengFactory(vraag=vraag, openbaar=True).keuzes.set([vraag.opties.first()])
    adres = vraag.get_absolute_url()
    client.get(adres)
    voor = pagecache.stats.copy()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(adres)
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "meedenken/vraag.html"
    assert pagecache.stats - voor == Counter(
        {("hit", "meedenkvraag"): 1, ("hit", "meedenkvraag reacties"): 1}
    )
    sql = "\n".join(q["sql"] for q in queries.captured_queries)
    for tabel in (
        "meedenken_keuzeoptie",
        "meedenken_vraagbijlage",
        "meedenken_inbreng",
        "meedenken_aanmelding",
        "initiatieven_onderwerp",
    ):
        assert f'"{tabel}"' not in sql, tabel
    assert len(queries) <= 5, sql
    # Fresh, the same page runs its pieces' queries (or the comparison proves nothing).
    with pagecache.disabled(), CaptureQueriesContext(connection) as vers:
        assert client.get(adres).status_code == 200
    assert '"meedenken_inbreng"' in "\n".join(q["sql"] for q in vers.captured_queries)


def test_openbaar_en_intern_krijgen_nooit_elkaars_variant():
    """The officials who read every response (the advisor who manages it, the community
    worker who only reads) share one variant with the count of all responses, the results
    while open and the feedback before it is published; the public and residents another.
    Whichever renders first, neither is ever served the other's; buttons stay per person."""
    wijk = WijkFactory(met_staf=True)

    def vragen():
        gesloten = MeedenkvraagFactory(
            wijken=[wijk], reacties_openbaar=True, opties=["A", "B"], gesloten=True
        )
        InbrengFactory(vraag=gesloten, tekst="Niet beoordeeld").keuzes.set(
            [gesloten.opties.first()]
        )
        TerugkoppelingFactory(vraag=gesloten, besluit="Een besluit dat nog geheim is.")
        open_ = MeedenkvraagFactory(wijken=[wijk], opties=["C", "D"])
        InbrengFactory(vraag=open_, tekst="").keuzes.set([open_.opties.first()])
        return gesloten.get_absolute_url(), open_.get_absolute_url()

    def als(gebruiker):
        client = Client()
        if gebruiker is not None:
            client.force_login(gebruiker)
        return client

    intern = {"adviseur": wijk.wijkadviseur, "opbouwwerker": wijk.opbouwwerker}
    publiek = {"bezoeker": None, "bewoner": GebruikerFactory()}
    # The public first on one pair of questions, the officials first on another.
    for volgorde in ([*publiek.items(), *intern.items()], [*intern.items(), *publiek.items()]):
        gesloten, open_ = vragen()
        for wie, gebruiker in volgorde * 2:
            html, _hits = _get(als(gebruiker), gesloten)
            geheim = (
                'id="intern-inbreng"' in html,
                "Een besluit dat nog geheim is." in html,
                'id="terugkoppeling-concept"' in html,
            )
            assert all(geheim) if wie in intern else not any(geheim), (wie, geheim)
            # Buttons are the person's own, not the variant's.
            assert ('id="terugkoppeling-publiceren"' in html) is (wie == "adviseur"), wie
            assert ('id="beheer"' in html) is (wie == "adviseur"), wie
            html, _hits = _get(als(gebruiker), open_)
            geheim = ('id="intern-inbreng"' in html, 'id="uitslag"' in html)
            assert all(geheim) if wie in intern else not any(geheim), (wie, geheim)
        # Each kind's second visit was a hit: the variants were cached, not merely rendered.
        for wie, gebruiker in volgorde:
            assert _get(als(gebruiker), gesloten)[1] == BEIDE, wie

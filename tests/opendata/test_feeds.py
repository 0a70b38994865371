"""The Atom feeds (opendata.feeds), read with a real feed parser (``feedparser``).

Each feed parses without a fault and holds exactly the published entries its page shows,
with their titles, links to the public pages, stable tag URIs and the real change time;
the per-ward and per-kind feeds only their own items; an item's feed its public timeline
and nothing internal. No feed names an anonymous submitter or shows anyone's email
address, telephone number or address, an internal note or a non-public item, and a feed
is the same for everyone who asks. Non-public items, unknown wards and bad paths are 404s.
Every page with a feed announces it in its head and with a visible link. The number of
queries of a feed does not grow with its entries.
"""

import datetime
from html.parser import HTMLParser

import feedparser
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from initiatieven.keuzes import Soort, Status
from initiatieven.models import Bericht, Onderwerp, Statuswijziging
from opendata.feeds import MAX_ITEMS
from tests import figures
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.opendata.feeds_wereld import (
    ADRES,
    ANONIEM,
    CONCEPT_TERUGKOPPELING,
    CONCEPT_VRAAG,
    MET_NAAM,
    NOOIT,
    REACTIE,
    tijdlijn_vullen,
    vergadering_met_besluit,
    vraag_met_terugkoppeling,
    wereld_maken,
)
from wijken import pagecache

pytestmark = pytest.mark.django_db

ATOM = "application/atom+xml; charset=utf-8"
BUDGET = 15  # the portal's query budget per request (docs/architecture.md)


@pytest.fixture
def w():
    return wereld_maken()


def _client(gebruiker=None, taal="nl") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=taal)
    if gebruiker is not None:
        client.force_login(gebruiker)
    return client


def lees(pad: str, client: Client | None = None):
    """The feed at ``pad`` as feedparser reads it (a well-formed Atom 1.0 feed), and the
    response."""
    response = (client or _client()).get(pad)
    assert response.status_code == 200, pad
    assert response["Content-Type"] == ATOM, pad
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{pad}: {feed.get('bozo_exception')}"
    assert feed.version == "atom10", pad
    return feed, response


def _titels(feed) -> set[str]:
    return {entry.title for entry in feed.entries}


def _moment(tekst: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(tekst)


def _absoluut(pad: str) -> str:
    return f"http://testserver{pad}"


# --- what each feed holds -------------------------------------------------------------------


def test_alle_publieke_onderwerpen(w):
    feed, response = lees(reverse("opendata:feed_onderwerpen"))
    gepubliceerd = [w.elders, w.knelpunt, w.initiatief]  # newest first
    assert [e.title for e in feed.entries] == [o.publieke_titel for o in gepubliceerd]
    assert feed.feed.link == _absoluut(reverse("initiatieven:lijst"))
    for entry, onderwerp in zip(feed.entries, gepubliceerd, strict=True):
        assert entry.link == _absoluut(onderwerp.get_absolute_url())
        assert entry.id.startswith("tag:") and entry.id.endswith(f":onderwerp/{onderwerp.pk}")
        assert _moment(entry.updated) == onderwerp.gewijzigd
        assert _moment(entry.published) == onderwerp.gepubliceerd_op
    per_titel = {e.title: e for e in feed.entries}
    # The author as the item page shows the submitter: by name only if they chose so.
    assert per_titel[w.initiatief.publieke_titel].author == MET_NAAM["weergavenaam"]
    assert per_titel[w.knelpunt.publieke_titel].author == "anoniem"
    # The screened text and the public location, never what was typed.
    samenvatting = per_titel[w.initiatief.publieke_titel].summary
    assert "Een moestuin voor de hele buurt." in samenvatting
    assert "Schoolplein" in samenvatting
    # The feed's own time is that of its latest entry; a reader may ask "modified since".
    assert _moment(feed.feed.updated) == max(o.gewijzigd for o in gepubliceerd)
    assert response["Last-Modified"]


def test_per_soort_alleen_die_soort(w):
    feed, _ = lees(reverse("opendata:feed_soort", args=[Soort.KNELPUNT]))
    assert _titels(feed) == {w.knelpunt.publieke_titel}
    feed, _ = lees(reverse("opendata:feed_soort", args=[Soort.INITIATIEF]))
    assert _titels(feed) == {w.initiatief.publieke_titel, w.elders.publieke_titel}


def test_per_wijk_alleen_de_publieke_onderwerpen_van_die_wijk(w):
    feed, _ = lees(reverse("opendata:feed_wijk", args=[w.wijk.code]))
    assert _titels(feed) == {w.initiatief.publieke_titel, w.knelpunt.publieke_titel}
    assert feed.feed.link == _absoluut(w.wijk.get_absolute_url())
    assert w.wijk.naam in feed.feed.title
    feed, _ = lees(reverse("opendata:feed_wijk", args=[w.ander.code]))
    assert _titels(feed) == {w.elders.publieke_titel}


def test_een_wijk_zonder_publieke_onderwerpen_heeft_een_lege_feed(w):
    Onderwerp.objects.filter(wijk=w.ander).update(openbaar=False)
    feed, _ = lees(reverse("opendata:feed_wijk", args=[w.ander.code]))
    assert feed.entries == []


def test_tijdlijn_van_een_onderwerp_publiek_en_niets_interns(w):
    feed, _ = lees(reverse("opendata:feed_onderwerp", args=[w.knelpunt.pk]))
    stappen = list(Statuswijziging.objects.publiek().filter(onderwerp=w.knelpunt))
    antwoorden = list(Bericht.objects.filter(onderwerp=w.knelpunt, openbaar=True))
    assert len(feed.entries) == len(stappen) + len(antwoorden) == 3
    teksten = " ".join(e.get("summary", "") for e in feed.entries)
    for stap in stappen:
        assert stap.publieke_toelichting in teksten
    for antwoord in antwoorden:
        assert antwoord.tekst in teksten
    assert sum(e.title.startswith("Antwoord van de gemeente") for e in feed.entries) == 1
    # Newest first, each at its own moment, with an id of its own that stays.
    momenten = [_moment(e.updated) for e in feed.entries]
    assert momenten == sorted(momenten, reverse=True)
    assert set(momenten) == {r.tijdstip for r in [*stappen, *antwoorden]}
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == len(ids)
    assert {f":onderwerp/{w.knelpunt.pk}/stap-{s.pk}" for s in stappen} <= {
        i[i.index(":onderwerp/") :] for i in ids
    }
    tweede, _ = lees(reverse("opendata:feed_onderwerp", args=[w.knelpunt.pk]))
    assert [e.id for e in tweede.entries] == ids
    for entry in feed.entries:
        assert entry.link == _absoluut(w.knelpunt.get_absolute_url() + "#tijdlijn")
    assert feed.feed.link == _absoluut(w.knelpunt.get_absolute_url())


def test_vergaderingen_alleen_gepubliceerde_met_hun_publieke_agenda(w):
    feed, _ = lees(reverse("opendata:feed_vergaderingen"))
    assert [e.link for e in feed.entries] == [_absoluut(w.vergadering.get_absolute_url())]
    samenvatting = feed.entries[0].summary
    assert "Verkeersveiligheid" in samenvatting and "Aangenomen" in samenvatting
    # Its latest recorded moment: the decision, recorded after the meeting was made.
    assert _moment(feed.entries[0].updated) == w.besluit.vastgelegd_op


def test_besluiten_alleen_van_gepubliceerde_vergaderingen(w):
    feed, _ = lees(reverse("opendata:feed_besluiten"))
    assert [e.title for e in feed.entries] == ["Verkeersveiligheid: Aangenomen"]
    entry = feed.entries[0]
    assert entry.link == _absoluut(
        f"{w.vergadering.get_absolute_url()}#punt-{w.besluit.agendapunt.pk}"
    )
    assert _moment(entry.updated) == w.besluit.vastgelegd_op
    for tekst in ("Het college stemt in.", "Een zebrapad bij de school.", "Noordhoek"):
        assert tekst in entry.summary
    # The ward item it decided on, linked; the non-public one on the same agenda item not.
    assert w.knelpunt.publieke_titel in entry.summary
    assert w.knelpunt.get_absolute_url() in entry.summary
    assert w.verborgen.get_absolute_url() not in entry.summary


def test_meedenkvragen_met_hun_gepubliceerde_terugkoppeling(w):
    feed, response = lees(reverse("opendata:feed_meedenken"))
    assert feed.feed.link == _absoluut(reverse("meedenken:lijst"))
    gepubliceerd = {w.vraag, w.vraag_open, w.vraag_concept_terugkoppeling}
    per_link = {e.link: e for e in feed.entries}
    # Every published question, never a draft.
    assert set(per_link) == {_absoluut(v.get_absolute_url()) for v in gepubliceerd}
    assert CONCEPT_VRAAG not in _titels(feed)
    for vraag in gepubliceerd:
        entry = per_link[_absoluut(vraag.get_absolute_url())]
        assert entry.title == vraag.titel
        assert entry.id.startswith("tag:") and entry.id.endswith(f":meedenkvraag/{vraag.pk}")
        assert _moment(entry.published) == vraag.gepubliceerd_op
        assert vraag.vraag in entry.summary
    entry = per_link[_absoluut(w.vraag.get_absolute_url())]
    terugkoppeling = w.vraag.terugkoppeling
    # Published feedback: the entry changed when it was.
    assert _moment(entry.updated) == max(w.vraag.gewijzigd, terugkoppeling.gewijzigd)
    for tekst in (
        "Wat er gezegd is",
        terugkoppeling.samenvatting,
        "We leggen een zebrapad aan.",
        terugkoppeling.waarom,
        "Noordhoek, Zuiderveld",
    ):
        assert tekst in entry.summary, tekst
    # The decision it names and the published item, linked; the non-public item not.
    punt = w.besluit.agendapunt
    assert f"{w.vergadering.get_absolute_url()}#punt-{punt.pk}" in entry.summary
    assert w.knelpunt.get_absolute_url() in entry.summary
    assert w.verborgen.get_absolute_url() not in entry.summary
    # Without published feedback: the question, nothing of the draft feedback.
    concept = per_link[_absoluut(w.vraag_concept_terugkoppeling.get_absolute_url())]
    assert "Wat er gezegd is" not in concept.summary
    assert _moment(concept.updated) == w.vraag_concept_terugkoppeling.gewijzigd
    # No response and no respondent, named or not.
    tekst = response.content.decode()
    for verboden in (REACTIE, CONCEPT_TERUGKOPPELING, MET_NAAM["weergavenaam"], ANONIEM["email"]):
        assert verboden not in tekst, verboden


def test_terugkoppeling_publiceren_werkt_de_entry_bij(w):
    """Served from the page cache before and after: publishing the feedback renews the
    feed, and the entry says it changed (a reader sees it as updated)."""
    from meedenken import services as meedenken_services
    from meedenken.models import Meedenkvraag, Terugkoppeling

    vraag = w.vraag_concept_terugkoppeling
    eerder = timezone.now() - datetime.timedelta(hours=3)
    Meedenkvraag.objects.filter(pk=vraag.pk).update(gewijzigd=eerder)
    Terugkoppeling.objects.filter(vraag=vraag).update(gewijzigd=eerder)
    pad = reverse("opendata:feed_meedenken")
    voor, _ = lees(pad)
    lees(pad)  # into the page cache
    link = _absoluut(vraag.get_absolute_url())
    (entry,) = [e for e in voor.entries if e.link == link]
    assert _moment(entry.updated) == eerder
    assert voor.entries[0].link != link

    meedenken_services.terugkoppeling_publiceren(vraag=vraag, door=w.ander.wijkadviseur)
    na, _ = lees(pad)
    terugkoppeling = Terugkoppeling.objects.get(vraag=vraag)
    assert na.entries[0].link == link  # the latest changed first
    assert _moment(na.entries[0].updated) == terugkoppeling.gewijzigd > eerder
    assert CONCEPT_TERUGKOPPELING in na.entries[0].summary
    assert _moment(na.feed.updated) == terugkoppeling.gewijzigd


def test_de_taal_volgt_het_verzoek(w):
    pad = reverse("opendata:feed_onderwerpen")
    nl, _ = lees(pad, _client(taal="nl"))
    en, _ = lees(pad, _client(taal="en"))
    assert nl.feed.language == "nl" and en.feed.language == "en"
    assert nl.feed.title.startswith("Initiatieven en knelpunten")
    assert en.feed.title.startswith("Initiatives and bottlenecks")
    assert "Soort: Initiatief" in nl.entries[-1].summary
    assert "Kind: Initiative" in en.entries[-1].summary
    anoniem_en = {e.title: e for e in en.entries}[w.knelpunt.publieke_titel]
    assert anoniem_en.author == "anonymous"


def test_hoogstens_max_items_de_nieuwste(w):
    nieuwste = OnderwerpFactory.create_batch(
        MAX_ITEMS, wijk=w.wijk, thema=w.initiatief.thema, openbaar_=True
    )
    feed, _ = lees(reverse("opendata:feed_wijk", args=[w.wijk.code]))
    assert len(feed.entries) == MAX_ITEMS
    assert _titels(feed) == {o.titel for o in nieuwste}


def test_tekst_van_bewoners_blijft_tekst(w):
    """Titles are Atom text, summaries escaped HTML: markup typed by a person is shown as
    the characters it is, never run by a reader."""
    gevaarlijk = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    Onderwerp.objects.filter(pk=w.initiatief.pk).update(
        publieke_titel=gevaarlijk, publieke_beschrijving=gevaarlijk
    )
    feed, response = lees(reverse("opendata:feed_onderwerp", args=[w.initiatief.pk]))
    assert feed.feed.title.endswith(gevaarlijk)
    feed, response = lees(reverse("opendata:feed_onderwerpen"))
    entry = {e.link: e for e in feed.entries}[_absoluut(w.initiatief.get_absolute_url())]
    assert entry.title == gevaarlijk
    assert "&lt;script&gt;" in entry.summary and "<script" not in entry.summary
    assert b"<script" not in response.content and b"<img" not in response.content


# --- nothing that is not public ---------------------------------------------------------------


def test_geen_persoonsgegevens_of_interne_tekst_in_enige_feed(w):
    for pad in w.feeds():
        _feed, response = lees(pad)
        tekst = response.content.decode()
        gevonden = [s for s in NOOIT if s.lower() in tekst.lower()]
        assert not gevonden, f"{pad} shows {gevonden}"


def test_een_feed_is_voor_iedereen_gelijk(w):
    """Signed in as the ward's advisor (who sees internal notes on the item page), as the
    anonymous submitter or as another resident: the same feed as a visitor's."""
    mensen = [w.wijk.wijkadviseur, w.knelpunt.indiener, GebruikerFactory()]
    for pad in w.feeds():
        _feed, bezoeker = lees(pad)
        for persoon in mensen:
            _feed, response = lees(pad, _client(persoon))
            assert response.content == bezoeker.content, (pad, persoon)


@pytest.mark.parametrize("welk", ["verborgen", "concept"])
def test_feed_van_een_niet_publiek_onderwerp_is_404_voor_iedereen(w, welk):
    onderwerp = getattr(w, welk)
    pad = reverse("opendata:feed_onderwerp", args=[onderwerp.pk])
    for persoon in (None, onderwerp.indiener, w.wijk.wijkadviseur):
        response = _client(persoon).get(pad)
        assert response.status_code == 404, persoon
        assert onderwerp.titel not in response.content.decode()


def test_teruggetrokken_publicatie_verdwijnt_uit_de_feeds(w):
    pad = reverse("opendata:feed_onderwerp", args=[w.knelpunt.pk])
    lees(pad)
    Onderwerp.objects.filter(pk=w.knelpunt.pk).update(openbaar=False)
    assert _client().get(pad).status_code == 404
    feed, _ = lees(reverse("opendata:feed_onderwerpen"))
    assert w.knelpunt.publieke_titel not in _titels(feed)


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pad",
    [
        "/feeds/initiatieven/999999/",
        "/feeds/initiatieven/99999999999999999999/",
        "/feeds/initiatieven/abc/",
        "/feeds/initiatieven/-1/",
        "/feeds/initiatieven/1%00/",
        "/feeds/initiatieven/soort/bestaat-niet/",
        "/feeds/initiatieven/soort/INITIATIEF/",
        "/feeds/initiatieven/soort/knelpunt%00/",
        "/feeds/initiatieven/soort/" + "k" * 5000 + "/",
        "/feeds/wijken/WK000000/",
        "/feeds/wijken/wk880000/",
        "/feeds/wijken/WK%00/",
        "/feeds/wijken/x%E2%80%AE%00y/",
        "/feeds/wijken/" + "W" * 5000 + "/",
        "/feeds/" + "a/" * 2000,
        "/feeds/vergaderingen/besluiten/1/",
    ],
)
def test_slechte_invoer_is_een_404(w, pad):
    response = Client(raise_request_exception=False).get(pad)
    assert response.status_code == 404, (pad[:80], response.status_code)


def test_andere_methoden_dan_get_en_head_geweigerd(w):
    for pad in w.feeds():
        for methode in ("post", "put", "delete", "patch"):
            assert getattr(_client(), methode)(pad).status_code == 405, (methode, pad)
        assert _client().head(pad).status_code == 200


# --- the pages announce their feeds --------------------------------------------------------------


class _Links(HTMLParser):
    """The Atom links of a page: ``<link rel="alternate">`` in its head, and visible ``<a>``."""

    def __init__(self):
        super().__init__()
        self.in_head = False
        self.kop: list[tuple[str, str]] = []
        self.zichtbaar: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "head":
            self.in_head = True
        atom = a.get("type") == "application/atom+xml"
        if tag == "link" and self.in_head and a.get("rel") == "alternate" and atom:
            self.kop.append((a["href"], a.get("title", "")))
        if tag == "a" and atom:
            self.zichtbaar.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def _links(response) -> _Links:
    assert response.status_code == 200
    parser = _Links()
    parser.feed(response.content.decode())
    return parser


def _paginas_met_feeds(w) -> list[tuple[str, set[str]]]:
    """(page, the feeds it announces)."""
    onderwerpen = reverse("opendata:feed_onderwerpen")
    soorten = {reverse("opendata:feed_soort", args=[s]) for s in Soort.values}
    besluiten = reverse("opendata:feed_besluiten")
    return [
        (reverse("initiatieven:lijst"), {onderwerpen, *soorten}),
        (w.wijk.get_absolute_url(), {reverse("opendata:feed_wijk", args=[w.wijk.code])}),
        (
            w.knelpunt.get_absolute_url(),
            {reverse("opendata:feed_onderwerp", args=[w.knelpunt.pk])},
        ),
        (reverse("contacten:vergaderingen"), {reverse("opendata:feed_vergaderingen"), besluiten}),
        (reverse("contacten:toezeggingen"), {besluiten}),
        (reverse("meedenken:lijst"), {reverse("opendata:feed_meedenken")}),
    ]


@pytest.mark.parametrize("als", ["bezoeker", "adviseur"])
def test_paginas_kondigen_hun_feed_aan_in_de_kop_en_zichtbaar(w, als):
    persoon = w.wijk.wijkadviseur if als == "adviseur" else None
    for pagina, feeds in _paginas_met_feeds(w):
        links = _links(_client(persoon).get(pagina))
        assert {href for href, _titel in links.kop} == feeds, pagina
        assert all(titel for _href, titel in links.kop), pagina
        assert set(links.zichtbaar) == feeds, pagina
        for pad in feeds:
            lees(pad)  # what is announced is there


def test_niet_publiek_onderwerp_kondigt_geen_feed_aan(w):
    """Its submitter and the ward's officials see the page; it has no feed to announce."""
    for persoon in (w.verborgen.indiener, w.wijk.wijkadviseur):
        links = _links(_client(persoon).get(w.verborgen.get_absolute_url()))
        assert links.kop == [] and links.zichtbaar == [], persoon


def test_aankondiging_vertaald(w):
    html = _client(taal="nl").get(w.wijk.get_absolute_url()).content.decode()
    assert "Volgen met een feedlezer" in html
    assert f"Initiatieven en knelpunten in {w.wijk.naam}" in html
    html = _client(taal="en").get(w.wijk.get_absolute_url()).content.decode()
    assert "Follow in a feed reader" in html


def test_aankondigende_paginas_zijn_geldige_html(w):
    from tests.html import assert_geldige_html, vereis_validator

    vereis_validator()
    assert_geldige_html(
        {pagina: _client().get(pagina).content.decode() for pagina, _ in _paginas_met_feeds(w)}
    )


# --- queries -------------------------------------------------------------------------------------


def _meer(w, n: int) -> None:
    """``n`` more of everything the feeds list: published items in the ward, lines on the
    bottleneck's timeline, meetings with a decision, questions with published feedback."""
    for i in range(n):
        OnderwerpFactory(
            wijk=w.wijk, thema=w.initiatief.thema, openbaar_=True, knelpunt=True, buurt=None
        )
        _vergadering, besluit = vergadering_met_besluit(w.wijk, [w.knelpunt, w.initiatief])
        vraag_met_terugkoppeling(
            [w.wijk], [w.knelpunt, w.verborgen], besluit.agendapunt, titel=f"Vraag {i}"
        )
    tijdlijn_vullen(w.knelpunt, n, door=w.wijk.wijkadviseur)


def _tellen(w) -> dict[str, tuple[int, int, int]]:
    """Per feed: (queries of the whole request rendered fresh, served from the page cache,
    entries)."""
    tellingen = {}
    for pad in w.feeds():
        # Each count read at once: the next request empties the connection's query log.
        with pagecache.disabled(), CaptureQueriesContext(connection) as queries:
            feed, _ = lees(pad)
        vers = len(queries)
        lees(pad)  # into the cache
        voor = pagecache.stats.copy()
        with CaptureQueriesContext(connection) as queries:
            lees(pad)
        geserveerd = len(queries)
        # The second request was served from the page cache, or "served" measured nothing.
        assert {soort for soort, _naam in pagecache.stats - voor} == {"hit"}, pad
        tellingen[pad] = (vers, geserveerd, len(feed.entries))
    return tellingen


def test_aantal_queries_groeit_niet_met_de_entries(w, request):
    klein = _tellen(w)
    _meer(w, 27)
    groot = _tellen(w)
    kop = "".join(f"{k:>8}" for k in ("fresh", "served", "entries") * 2)
    regels = [f"{'feed':<40}{kop}"]
    regels += [f"{p:<40}" + "".join(f"{n:>8}" for n in (*klein[p], *groot[p])) for p in klein]
    figures.report(request.config, "feed queries", "small, then larger\n" + "\n".join(regels))
    groeit = {p: (klein[p][:2], groot[p][:2]) for p in klein if klein[p][:2] != groot[p][:2]}
    assert not groeit, f"queries grow with the entries: {groeit}"
    assert max(max(vers, geserveerd) for vers, geserveerd, _n in groot.values()) <= BUDGET
    # Served, a feed reads what names its scopes and the versions: no more than fresh.
    assert all(geserveerd <= vers + 1 for vers, geserveerd, _n in groot.values()), groot
    # The larger world is in the feeds, or the comparison proves nothing.
    gegroeid = {p for p in klein if groot[p][2] > klein[p][2]}
    assert gegroeid >= {
        reverse("opendata:feed_onderwerpen"),
        reverse("opendata:feed_soort", args=[Soort.KNELPUNT]),
        reverse("opendata:feed_wijk", args=[w.wijk.code]),
        reverse("opendata:feed_onderwerp", args=[w.knelpunt.pk]),
        reverse("opendata:feed_vergaderingen"),
        reverse("opendata:feed_besluiten"),
        reverse("opendata:feed_meedenken"),
    }
    assert groot[reverse("opendata:feed_vergaderingen")][2] >= 28
    assert groot[reverse("opendata:feed_meedenken")][2] >= 30


def test_een_lange_tijdlijn_is_begrensd(w):
    from opendata.feeds import MAX_REGELS

    tijdlijn_vullen(w.knelpunt, MAX_REGELS, door=w.wijk.wijkadviseur)
    feed, _ = lees(reverse("opendata:feed_onderwerp", args=[w.knelpunt.pk]))
    assert len(feed.entries) == MAX_REGELS
    # The newest lines: the oldest ones fall off.
    nieuwste = max(
        *Statuswijziging.objects.filter(onderwerp=w.knelpunt).values_list("tijdstip", flat=True),
        *Bericht.objects.filter(onderwerp=w.knelpunt, openbaar=True).values_list(
            "tijdstip", flat=True
        ),
    )
    assert _moment(feed.entries[0].updated) == nieuwste


def test_status_en_adres_in_de_samenvatting_komen_uit_de_publieke_velden(w):
    Onderwerp.objects.filter(pk=w.initiatief.pk).update(
        status=Status.IN_UITVOERING, gewijzigd=timezone.now()
    )
    feed, _ = lees(reverse("opendata:feed_onderwerpen"))
    entry = {e.link: e for e in feed.entries}[_absoluut(w.initiatief.get_absolute_url())]
    with translation.override("nl"):
        assert f"Status: {Status.IN_UITVOERING.label}" in entry.summary
    assert ADRES not in entry.summary
    assert ANONIEM["email"] not in entry.summary


# --- the benchmark -------------------------------------------------------------------------------


def test_de_benchmark_meet_de_feed_van_een_onderwerp(w):
    """``make bench`` lists the item feed among its key pages, and can measure it: served
    from the page cache, it reads fewer queries than fresh."""
    import importlib.util
    import inspect
    from pathlib import Path

    pad = Path(__file__).resolve().parents[2] / "scripts" / "bench.py"
    spec = importlib.util.spec_from_file_location("bench_feeds", pad)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert 'reverse("opendata:feed_onderwerp"' in inspect.getsource(bench.sleutelpaginas)
    pagina = bench.Pagina("item feed", reverse("opendata:feed_onderwerp", args=[w.knelpunt.pk]))
    queries, cpu_ms, queries_vers, _cpu_ms_vers = bench.meet_in_proces(pagina, None)
    assert queries < queries_vers <= BUDGET
    assert cpu_ms > 0

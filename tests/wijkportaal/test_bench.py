"""The pieces of the benchmark runner (scripts/bench.py): not a timed test."""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from wijken.paginering import BegrensdePaginator
from wijkportaal import views

_PAD = Path(__file__).resolve().parents[2] / "scripts" / "bench.py"
_spec = importlib.util.spec_from_file_location("bench", _PAD)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

WRK_UITVOER = """Running 10s test @ http://127.0.0.1:8000/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    21.35ms    5.12ms  80.01ms   75.00%
    Req/Sec   376.52     40.11   470.00     70.00%
  Latency Distribution
     50%  812.00us
     75%   24.00ms
     90%   27.10ms
     99%    1.20s
  7530 requests in 10.01s, 120.31MB read
  Socket errors: connect 0, read 0, write 0, timeout 3
  Non-2xx or 3xx responses: 2
Requests/sec:    752.26
Transfer/sec:     12.02MB
"""


def test_wrk_uitvoer_gelezen():
    uitslag = bench.lees_wrk(WRK_UITVOER)
    assert uitslag.rps == pytest.approx(752.26)
    assert uitslag.p50_ms == pytest.approx(0.812)
    assert uitslag.p99_ms == pytest.approx(1200.0)
    assert uitslag.fouten == 5


def test_wrk_uitvoer_zonder_verdeling_is_een_fout():
    with pytest.raises(ValueError):
        bench.lees_wrk("unable to connect to 127.0.0.1:8000 Connection refused\n")


def test_docs_alleen_eigen_deel_vervangen(tmp_path):
    pad = tmp_path / "benchmarks.md"
    pad.write_text("# Benchmarks\n\n## The data set (seed_load)\n\nRows.\n")
    bench.schrijf_docs("## Benchmark\n\nfirst\n", pad)
    bench.schrijf_docs("## Benchmark\n\nsecond\n", pad)
    tekst = pad.read_text()
    assert "## The data set (seed_load)\n\nRows." in tekst
    assert "second" in tekst and "first" not in tekst
    assert tekst.count(bench.BEGIN) == tekst.count(bench.EINDE) == 1


def test_omgeving_is_productie_over_http(monkeypatch, tmp_path):
    monkeypatch.setenv("DEMO", "1")
    monkeypatch.setenv("DEBUG", "1")
    omgeving = bench.bench_omgeving("postgres://x/y", str(tmp_path), "geheim")
    assert "DEMO" not in omgeving and "DEBUG" not in omgeving
    assert omgeving["SECURE_SSL_REDIRECT"] == "0"
    assert omgeving["BENCHMARK"] == "1"


@pytest.mark.django_db
def test_basislijn_een_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        antwoord = views.basislijn(RequestFactory().get("/basislijn"))
    assert antwoord.status_code == 200


def test_basislijn_niet_geregistreerd_buiten_de_benchmark():
    assert not settings.BENCHMARK
    with pytest.raises(NoReverseMatch):
        reverse("basislijn")


@pytest.mark.django_db
def test_sessie_van_medewerker_opent_werkvoorraad(client):
    """A session made by the runner counts as fully signed in: no sign-in page, no
    second-factor set-up page (that rule is on outside demo mode, as in this test)."""
    assert settings.MFA_VERPLICHT_VOOR_MEDEWERKERS
    adviseur = GebruikerFactory(wijkadviseur=True)
    bench.zorg_voor_totp(adviseur)
    bench.zorg_voor_totp(adviseur)  # a second call adds no second authenticator
    assert adviseur.authenticator_set.count() == 1
    client.cookies[settings.SESSION_COOKIE_NAME] = bench.maak_sessie(adviseur)
    antwoord = client.get(reverse("initiatieven:werkvoorraad"))
    assert antwoord.status_code == 200
    assert antwoord.wsgi_request.user == adviseur


@pytest.mark.django_db
def test_demo_account_van_seed_load_werkt_alleen_met_de_sessie(client):
    """Outside demo mode the portal refuses demo accounts; the runner makes the role
    accounts ordinary accounts without a password, so only its session signs them in."""
    assert not settings.DEMO
    bewoner = GebruikerFactory(is_demo=True, password="gepubliceerd-wachtwoord")  # noqa: S106
    bench.zonder_wachtwoord(bewoner)
    bewoner.refresh_from_db()
    assert not bewoner.is_demo and not bewoner.has_usable_password()
    client.cookies[settings.SESSION_COOKIE_NAME] = bench.maak_sessie(bewoner)
    antwoord = client.get(reverse("initiatieven:mijn_inbreng"))
    assert antwoord.status_code == 200
    assert antwoord.wsgi_request.user == bewoner


@pytest.mark.django_db
def test_bewoner_krijgt_geen_authenticator():
    bewoner = GebruikerFactory()
    bench.zorg_voor_totp(bewoner)
    assert bewoner.authenticator_set.count() == 0


@pytest.mark.django_db
def test_begrensde_telling():
    OnderwerpFactory.create_batch(4, openbaar_=True)
    from initiatieven.models import Onderwerp

    paginator = BegrensdePaginator(Onderwerp.objects.openbaar(), 2, tellen_tot=3)
    assert paginator.count == 3
    assert paginator.begrensd
    assert paginator.num_pages == 2
    ruim = BegrensdePaginator(Onderwerp.objects.openbaar(), 2, tellen_tot=10)
    assert (ruim.count, ruim.begrensd) == (4, False)


@pytest.mark.django_db
def test_publieke_lijst_zegt_meer_dan(client, monkeypatch):
    monkeypatch.setattr("initiatieven.views.publiek.TELLEN_TOT", 2)
    OnderwerpFactory.create_batch(3, openbaar_=True)
    antwoord = client.get(reverse("initiatieven:lijst"))
    assert 'data-aantal="2" data-begrensd' in antwoord.content.decode()


@pytest.mark.django_db
def test_een_zoekopdracht_telt_tot_een_lagere_grens(client, monkeypatch):
    """A search counts up to TELLEN_TOT_ZOEKEN (a common word made the count read
    thousands of rows), the plain list up to TELLEN_TOT."""
    monkeypatch.setattr("initiatieven.views.publiek.TELLEN_TOT_ZOEKEN", 2)
    OnderwerpFactory.create_batch(3, openbaar_=True, titel="Speeltuin opknappen")
    gezocht = client.get(reverse("initiatieven:lijst"), {"q": "speeltuin"}).content.decode()
    assert 'data-aantal="2" data-begrensd' in gezocht
    alles = client.get(reverse("initiatieven:lijst")).content.decode()
    assert 'data-aantal="3"' in alles and "data-begrensd" not in alles


@pytest.mark.django_db
def test_wijkzoeker_nooit_verouderd(client):
    """The home page's ward links are cached, keyed by the wards' version: a new or renamed
    ward shows at once."""
    from tests.wijken.factories import WijkFactory

    eerste = WijkFactory(naam="Eerstewijk")
    assert "Eerstewijk" in client.get(reverse("home")).content.decode()
    WijkFactory(naam="Tweedewijk")
    eerste.naam = "Hernoemd"
    eerste.save()
    tekst = client.get(reverse("home")).content.decode()
    assert "Tweedewijk" in tekst and "Hernoemd" in tekst and "Eerstewijk" not in tekst


@pytest.mark.django_db
def test_meting_in_proces_telt_queries_zoals_geserveerd_en_vers():
    OnderwerpFactory(openbaar_=True)
    pagina = bench.Pagina("item list", reverse("initiatieven:lijst"))
    queries, cpu_ms, queries_vers, cpu_ms_vers = bench.meet_in_proces(pagina, None)
    # Served from the cache: the version alone; fresh: the list's own queries too.
    assert queries == 1
    assert queries_vers > queries
    assert cpu_ms > 0 and cpu_ms_vers > 0


@pytest.mark.django_db
def test_zoeken_volgt_wijzigingen_en_werkt_als_subquery():
    """The stored search vector (PostgreSQL) is kept by the database on every save, and the
    search still works inside another query (where the table gets an alias)."""
    from initiatieven.models import Onderwerp

    onderwerp = OnderwerpFactory(openbaar_=True, titel="Nieuwe fietsenstalling")
    assert list(Onderwerp.objects.openbaar().zoeken("fietsenstalling")) == [onderwerp]
    onderwerp.publieke_titel = "Extra zebrapad"
    onderwerp.save()
    assert list(Onderwerp.objects.openbaar().zoeken("zebrapad")) == [onderwerp]
    assert not Onderwerp.objects.openbaar().zoeken("fietsenstalling").exists()
    binnen = Onderwerp.objects.filter(pk__in=Onderwerp.objects.zoeken("zebrapad").values("pk"))
    assert list(binnen) == [onderwerp]

"""The page cache (wijken.pagecache): every kind of write invalidates what declares its
rows, and only in the scopes the rows are in; reads, the audit log and a sign-in time do
not; versions are raised after a commit, once per transaction, and not at all after a
rollback; an autocommit write keeps its row; time is declared; CSRF tokens are per
browser; a page cached on one server shows a change committed on another."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import update_last_login
from django.core.cache import caches
from django.db import connection, connections, transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from contacten import audit
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import BewonersgroepFactory, BuurtFactory, WijkFactory
from wijken import pagecache
from wijken.models import Buurt, CacheVersion, Wijk
from wijken.pagecache import fragment, sources

pytestmark = pytest.mark.django_db

#: Renders of the test fragments, by fragment name (the template stands in for any page).
_RENDERS: list[str] = []


@pytest.fixture(autouse=True)
def _sjabloon(monkeypatch):
    def render_to_string(template, context, request):
        _RENDERS.append(template)
        return f"{context.get('tekst', '')}|{context['csrf_token']}"

    monkeypatch.setattr(fragment, "render_to_string", render_to_string)
    _RENDERS.clear()


PER_WIJK = pagecache.Fragment(
    name="test per wijk",
    template="test/per-wijk",
    shows={"wijken.Wijk": "wijk", "wijken.Buurt": "wijk"},
)
ALLE_WIJKEN = pagecache.Fragment(
    name="test alle wijken", template="test/alle", shows={"wijken.Wijk": pagecache.ALL}
)
PER_PERSOON = pagecache.Fragment(
    name="test per persoon",
    template="test/persoon",
    shows={"contacten.Gebruiker": "persoon"},
    per_person=True,
)


def _request(gebruiker=None, pad="/pagina/?page=2"):
    request = RequestFactory().get(pad)
    request.user = gebruiker or GebruikerFactory()
    return request


def _renders(fragment, request, **scopes) -> int:
    """Render ``fragment`` and say how many times it has been rendered afresh so far."""
    fragment.render(request, lambda: {"tekst": "x"}, **scopes)
    return _RENDERS.count(fragment.template)


SCHRIJFOPDRACHTEN = [
    pytest.param(lambda w: BuurtFactory(wijk=w), id="create"),
    pytest.param(lambda w: (setattr(w, "naam", "Anders"), w.save()), id="save"),
    pytest.param(lambda w: Wijk.objects.filter(pk=w.pk).update(naam="Bijgewerkt"), id="update"),
    pytest.param(
        lambda w: Buurt.objects.bulk_create([Buurt(wijk=w, code="BU99990101", naam="Bulk")]),
        id="bulk_create",
    ),
    pytest.param(lambda w: BuurtFactory(wijk=w).delete(), id="delete"),
    pytest.param(lambda w: Buurt.objects.filter(wijk=w).delete(), id="queryset-delete"),
    pytest.param(
        lambda w: connection.cursor().execute(
            'UPDATE "wijken_wijk" SET "beschrijving" = %s WHERE id = %s', ["rauw", w.pk]
        ),
        id="raw-sql",
    ),
]


@pytest.mark.parametrize("schrijven", SCHRIJFOPDRACHTEN)
def test_elke_schrijfopdracht_maakt_wat_de_rij_toont_ongeldig(schrijven):
    wijk = WijkFactory()
    BuurtFactory(wijk=wijk)
    request = _request()
    assert _renders(PER_WIJK, request, wijk=wijk.pk) == 1
    assert _renders(PER_WIJK, request, wijk=wijk.pk) == 1  # from the cache
    schrijven(wijk)
    assert _renders(PER_WIJK, request, wijk=wijk.pk) == 2


def test_veel_op_veel_maakt_beide_kanten_ongeldig():
    wijk = WijkFactory()
    groep, buurt = BewonersgroepFactory(wijk=wijk), BuurtFactory(wijk=wijk)
    request = _request()
    _renders(PER_WIJK, request, wijk=wijk.pk)
    groep.buurten.add(buurt)
    assert _renders(PER_WIJK, request, wijk=wijk.pk) == 2
    groep.buurten.clear()
    assert _renders(PER_WIJK, request, wijk=wijk.pk) == 3


def test_een_wijziging_in_een_wijk_laat_de_andere_wijken_in_de_cache():
    a, b = WijkFactory(), WijkFactory()
    request = _request()
    _renders(PER_WIJK, request, wijk=a.pk)
    _renders(PER_WIJK, request, wijk=b.pk)
    BuurtFactory(wijk=a)
    buurt_a = Buurt.objects.get(wijk=a)
    buurt_a.naam = "Nieuw"
    buurt_a.save()
    assert _RENDERS.count(PER_WIJK.template) == 2
    PER_WIJK.render(request, lambda: {}, wijk=b.pk)
    assert _RENDERS.count(PER_WIJK.template) == 2  # ward B: still from the cache
    PER_WIJK.render(request, lambda: {}, wijk=a.pk)
    assert _RENDERS.count(PER_WIJK.template) == 3


def test_een_rij_die_van_wijk_verhuist_maakt_beide_wijken_ongeldig():
    a, b = WijkFactory(), WijkFactory()
    buurt = BuurtFactory(wijk=a)
    request = _request()
    _renders(PER_WIJK, request, wijk=a.pk)
    _renders(PER_WIJK, request, wijk=b.pk)
    buurt.wijk = b
    buurt.save()
    assert _renders(PER_WIJK, request, wijk=a.pk) == 3  # it left ward A
    assert _renders(PER_WIJK, request, wijk=b.pk) == 4  # and arrived in ward B


def test_een_schrijfopdracht_zonder_signaal_maakt_elke_scope_ongeldig():
    """QuerySet.update() names no row to the signals: every ward of the model misses."""
    a, b = WijkFactory(), WijkFactory()
    buurt = BuurtFactory(wijk=a)
    request = _request()
    _renders(PER_WIJK, request, wijk=a.pk)
    _renders(PER_WIJK, request, wijk=b.pk)
    Buurt.objects.filter(pk=buurt.pk).update(naam="Stil")
    assert _renders(PER_WIJK, request, wijk=b.pk) == 3


def test_een_fragment_voor_alle_rijen_ziet_elke_wijk():
    a = WijkFactory()
    request = _request()
    _renders(ALLE_WIJKEN, request)
    a.naam = "Hernoemd"
    a.save()
    assert _renders(ALLE_WIJKEN, request) == 2


def test_lezen_audit_en_inlogtijd_maken_niets_ongeldig():
    wijk = WijkFactory()
    gebruiker = GebruikerFactory()
    request = _request(gebruiker)
    _renders(PER_PERSOON, request, persoon=gebruiker.pk)
    _renders(ALLE_WIJKEN, request)
    list(Wijk.objects.all())
    Wijk.objects.filter(pk=wijk.pk).exists()
    update_last_login(None, gebruiker)
    audit.vastleggen(
        actie=audit.AuditActie.INLOGGEN, uitkomst=audit.Uitkomst.GESLAAGD, request=request
    )
    assert _renders(PER_PERSOON, request, persoon=gebruiker.pk) == 1
    assert _renders(ALLE_WIJKEN, request) == 1
    gebruiker.weergavenaam = "Nieuwe naam"  # another field of the person does count
    gebruiker.save(update_fields=["weergavenaam"])
    assert _renders(PER_PERSOON, request, persoon=gebruiker.pk) == 2


def test_per_persoon_en_per_adres():
    anna, bert = GebruikerFactory(), GebruikerFactory()
    assert _renders(PER_PERSOON, _request(anna), persoon=anna.pk) == 1
    assert _renders(PER_PERSOON, _request(anna), persoon=anna.pk) == 1
    assert _renders(PER_PERSOON, _request(bert), persoon=anna.pk) == 2
    assert _renders(PER_PERSOON, _request(anna, "/ander/"), persoon=anna.pk) == 3


VARIANTEN = pagecache.Fragment(
    name="test varianten",
    template="test/varianten",
    shows={"wijken.Wijk": pagecache.ALL},
    variants=("openbaar", "intern"),
)


PER_VRAAG = pagecache.Fragment(
    name="test per vraag", template="test/per-vraag", shows={"meedenken.Inbreng": "vraag"}
)


def test_elke_variant_een_eigen_sleutel_en_alleen_gedeclareerde():
    """A piece rendered differently for kinds of reader (the public, officials) keeps
    each kind's HTML apart, whoever asks; a variant it does not declare, or none, is an
    error rather than a shared key."""
    request = _request()
    assert VARIANTEN.render(request, lambda: {"tekst": "openbaar"}, variant="openbaar")[:8] == (
        "openbaar"
    )
    assert VARIANTEN.render(request, lambda: {"tekst": "intern"}, variant="intern")[:6] == "intern"
    ander = _request()
    assert VARIANTEN.render(ander, lambda: {"tekst": "?"}, variant="openbaar")[:8] == "openbaar"
    assert VARIANTEN.render(ander, lambda: {"tekst": "?"}, variant="intern")[:6] == "intern"
    assert _RENDERS.count(VARIANTEN.template) == 2
    for fout in (None, "beheer"):
        with pytest.raises(TypeError, match="variant"):
            VARIANTEN.render(request, lambda: {}, variant=fout)
    with pytest.raises(TypeError, match="variant"):
        ALLE_WIJKEN.render(request, lambda: {}, variant="intern")


def test_een_vraag_is_een_scope():
    """Rows tied to a question to the wards (its responses) invalidate that question's
    pieces only."""
    from tests.meedenken.factories import InbrengFactory, MeedenkvraagFactory

    een, twee = MeedenkvraagFactory(), MeedenkvraagFactory()
    request = _request()
    assert _renders(PER_VRAAG, request, vraag=een.pk) == 1
    assert _renders(PER_VRAAG, _request(pad="/twee/"), vraag=twee.pk) == 2
    InbrengFactory(vraag=twee)
    assert _renders(PER_VRAAG, request, vraag=een.pk) == 2
    assert _renders(PER_VRAAG, _request(pad="/twee/"), vraag=twee.pk) == 3


def test_een_scope_die_niet_wordt_meegegeven_is_een_fout():
    with pytest.raises(TypeError, match="wijk="):
        PER_WIJK.render(_request(), lambda: {})


def test_het_csrf_token_komt_er_na_de_cache_in_per_browser():
    request = _request()
    eerste = PER_WIJK.render(request, lambda: {"tekst": "x"}, wijk=1)
    tweede_browser = _request(request.user)
    tweede = PER_WIJK.render(tweede_browser, lambda: {"tekst": "x"}, wijk=1)
    assert _RENDERS.count(PER_WIJK.template) == 1  # one render for both browsers
    assert pagecache.CSRF_PLACEHOLDER not in eerste + tweede
    assert eerste.split("|")[1] != tweede.split("|")[1]  # each its own masked token
    assert tweede_browser.META["CSRF_COOKIE"] != request.META["CSRF_COOKIE"]


def test_een_gedeclareerd_moment_laat_de_inhoud_vervallen_zonder_schrijfopdracht():
    nu = datetime.datetime(2026, 12, 7, 23, 59, tzinfo=datetime.UTC)
    fragment = pagecache.Fragment(
        name="test middernacht",
        template="test/middernacht",
        shows={"wijken.Wijk": pagecache.ALL},
        moments=(pagecache.next_midnight,),
    )
    request = _request()
    with time_machine.travel(nu, tick=False) as reis:
        assert _renders(fragment, request) == 1
        reis.shift(datetime.timedelta(minutes=-1))
        assert _renders(fragment, request) == 1
        middernacht = pagecache.next_midnight({})
        reis.move_to(middernacht)
        assert _renders(fragment, request) == 2
        assert _renders(fragment, request) == 2


def test_een_waarde_uit_de_context_gaat_met_de_html_mee():
    """What a page shows outside the piece but learns while building it (a page number in
    its title) is cached with the piece, and comes back on a hit."""
    fragment = pagecache.Fragment(
        name="test met waarde",
        template="test/waarde",
        shows={"wijken.Wijk": pagecache.ALL},
        value=lambda context: context["nummer"],
    )
    request = _request()
    assert fragment.render_with_value(request, lambda: {"tekst": "x", "nummer": 3})[1] == 3
    html, nummer = fragment.render_with_value(request, lambda: {"tekst": "y", "nummer": 4})
    assert nummer == 3 and html.startswith("x|")  # from the cache, with its value
    with pagecache.disabled():
        assert fragment.render_with_value(request, lambda: {"tekst": "y", "nummer": 4})[1] == 4


def test_een_onbereikbare_opslag_geeft_een_verse_pagina(monkeypatch):
    """When the fragment store fails (a shared cache that is down), the piece is rendered
    fresh every time: the page stays up."""

    def stuk(*args, **kwargs):
        raise ConnectionError("store down")

    opslag = caches["fragmenten"]
    monkeypatch.setattr(opslag, "get", stuk)
    monkeypatch.setattr(opslag, "set", stuk)
    request = _request()
    assert _renders(ALLE_WIJKEN, request) == 1
    assert _renders(ALLE_WIJKEN, request) == 2


def test_uitgeschakeld_rendert_vers():
    request = _request()
    _renders(ALLE_WIJKEN, request)
    with pagecache.disabled():
        assert _renders(ALLE_WIJKEN, request) == 2
    assert _renders(ALLE_WIJKEN, request) == 2


def test_een_geleegde_versietabel_is_een_nieuwe_generatie():
    """After a flush or a reload every earlier entry is out of date, also where its keys'
    versions would happen to be the same again."""
    request = _request()
    _renders(ALLE_WIJKEN, request)
    CacheVersion.objects.all().delete()
    assert _renders(ALLE_WIJKEN, request) == 2


def test_open_transactie_ziet_eigen_schrijfopdrachten_andere_niet():
    """Inside this test's transaction (never committed) the writer's own reads see its
    write through the transaction's token; the shared versions are not raised."""
    wijk = WijkFactory()
    request = _request()
    _renders(ALLE_WIJKEN, request)
    voor = dict(CacheVersion.objects.values_list("key", "version"))
    wijk.naam = "In transactie"
    wijk.save()
    assert _renders(ALLE_WIJKEN, request) == 2
    assert dict(CacheVersion.objects.values_list("key", "version")) == voor


def test_versies_eenmaal_per_transactie_en_pas_na_de_commit(django_capture_on_commit_callbacks):
    def versie(sleutel):
        return CacheVersion.objects.filter(key=sleutel).values_list("version", flat=True).first()

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        wijk = WijkFactory()
        sleutel = sources.scoped_key("wijken.wijk", "wijk", wijk.pk)
        wijk.naam = "Een"
        wijk.save()
        wijk.naam = "Twee"
        wijk.save()
        BuurtFactory(wijk=wijk)
        assert versie(sleutel) is None  # not before the commit
    assert len([c for c in callbacks if getattr(c, "pagecache_flush", False)]) == 1
    assert versie(sleutel) == 1  # once, for three writes


@pytest.mark.django_db(transaction=True)
def test_na_een_echte_commit_elk_proces_en_na_een_rollback_niets():
    wijk = WijkFactory()
    sleutel = sources.scoped_key("wijken.wijk", "wijk", wijk.pk)

    def versie():
        return CacheVersion.objects.get(key=sleutel).version

    eerst = versie()
    with transaction.atomic():
        wijk.naam = "Een"
        wijk.save()
        wijk.naam = "Twee"
        wijk.save()
    assert versie() == eerst + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        wijk.naam = "Terug"
        wijk.save()
        raise RuntimeError
    assert versie() == eerst + 1
    # The state of the rolled-back transaction is gone: the next read has no token.
    assert all(token is None for *_rest, token in pagecache.read_versions([sleutel]))


@pytest.mark.django_db(transaction=True)
def test_schrijven_in_autocommit_houdt_de_rij_en_verhoogt_de_versie():
    """The demo (SQLite, autocommit): a save outside any transaction keeps its row, also
    an INSERT … RETURNING whose row is fetched after the statement (the sign-up's 500:
    a write of the cache's own inside that statement rolled the new account back)."""
    request = _request()
    _renders(ALLE_WIJKEN, request)
    assert not connection.in_atomic_block
    wijk = Wijk(code="WK999977", naam="Autocommit", gemeentecode="GM9999")
    wijk.save()
    wijk.naam = "Autocommit bijgewerkt"
    wijk.save(update_fields=["naam"])  # the sign-up form's second save
    assert Wijk.objects.filter(pk=wijk.pk, naam="Autocommit bijgewerkt").exists()
    assert _renders(ALLE_WIJKEN, request) == 2
    Buurt.objects.bulk_create([Buurt(wijk=wijk, code="BU99990777", naam="Bulk")])
    assert Buurt.objects.filter(code="BU99990777").exists()
    assert _renders(ALLE_WIJKEN, request) == 2  # Buurt is not what it shows
    Wijk.objects.bulk_create([Wijk(code="WK999978", naam="Bulk", gemeentecode="GM9999")])
    assert Wijk.objects.filter(code="WK999978").exists()
    assert _renders(ALLE_WIJKEN, request) == 3


@pytest.mark.django_db(transaction=True)
def test_aanmelden_via_het_formulier_in_autocommit():
    """The demo's sign-up through the real form, outside a test transaction: the account
    exists afterwards (it answered 500 and rolled the account back on SQLite)."""
    client = Client()
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nieuw-autocommit@example.org",
            "weergavenaam": "Nieuwe Bewoner",
            "password1": "een-lang-wachtwoord-9",
            "password2": "een-lang-wachtwoord-9",
        },
    )
    assert response.status_code == 302
    from contacten.models import Gebruiker

    assert Gebruiker.objects.filter(email="nieuw-autocommit@example.org").exists()


def test_pagina_uit_cache_toont_wijziging_van_een_andere_server(monkeypatch):
    """Another server writes (this process's watcher does not see it) and raises the
    versions after its commit: the page cached here shows the change."""
    monkeypatch.undo()  # the real item page, not the stand-in template
    onderwerp = OnderwerpFactory(openbaar_=True, titel="Bankjes bij de vijver")
    url = reverse("initiatieven:onderwerp", args=[onderwerp.pk])
    client = Client()
    assert "Bankjes bij de vijver" in client.get(url).content.decode()
    connection.execute_wrappers.remove(pagecache.watch)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE initiatieven_onderwerp SET publieke_titel = %s WHERE id = %s",
                ["Picknicktafels bij de vijver", onderwerp.pk],
            )
        assert "Bankjes" in client.get(url).content.decode()  # no new version yet
        # The other server's flush after its commit.
        pagecache.raise_versions(sorted(sources.keys_of_pks(type(onderwerp), [onderwerp.pk])))
    finally:
        connection.execute_wrappers.append(pagecache.watch)
    assert "Picknicktafels bij de vijver" in client.get(url).content.decode()
    caches["fragmenten"].clear()


@pytest.mark.django_db(transaction=True)
def test_een_update_in_autocommit_zien_andere_verbindingen_meteen():
    """A write in autocommit that no signal reports (a command's or a shell's
    QuerySet.update()) raises its versions at once, not at this connection's next
    statement: another server reading in between would serve the old page."""
    wijk = WijkFactory()
    sleutel = sources.unscoped_key("wijken.wijk")
    ander = connections.create_connection("default")
    try:

        def versie() -> int:
            with ander.cursor() as cursor:
                cursor.execute(
                    'SELECT "version" FROM wijken_cacheversion WHERE "key" = %s', [sleutel]
                )
                rij = cursor.fetchone()
            return rij[0] if rij else 0

        voor = versie()
        Wijk.objects.filter(pk=wijk.pk).update(naam="Stil bijgewerkt")
        assert versie() == voor + 1
    finally:
        ander.close()

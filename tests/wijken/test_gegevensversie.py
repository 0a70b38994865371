"""The data version (wijken.gegevensversie) and the content cached under it
(wijken.weergave.gecachte_inhoud): every kind of write gives a new version, reads and the
audit log do not, the shared part is raised once per committed transaction, and a page
cached on one server shows a change made on another."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import update_last_login
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from contacten import audit
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import BewonersgroepFactory, BuurtFactory, WijkFactory
from wijken import gegevensversie, weergave
from wijken.models import Buurt, Gegevensversie, Wijk
from wijken.weergave import gecachte_inhoud

pytestmark = pytest.mark.django_db


def _gedeeld() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT versie FROM wijken_gegevensversie WHERE id = 1")
        rij = cursor.fetchone()
    return rij[0] if rij else 0


@pytest.mark.parametrize(
    "schrijven",
    [
        pytest.param(lambda w: WijkFactory(), id="create"),
        pytest.param(lambda w: (setattr(w, "naam", "Anders"), w.save()), id="save"),
        pytest.param(lambda w: Wijk.objects.filter(pk=w.pk).update(naam="Bijgewerkt"), id="update"),
        pytest.param(
            lambda w: Buurt.objects.bulk_create([Buurt(wijk=w, code="BU99990101", naam="Bulk")]),
            id="bulk_create",
        ),
        pytest.param(lambda w: BuurtFactory(wijk=w).delete(), id="delete"),
        pytest.param(lambda w: Buurt.objects.filter(wijk=w).delete(), id="queryset-delete"),
        pytest.param(
            lambda w: BewonersgroepFactory(wijk=w).buurten.add(BuurtFactory(wijk=w)),
            id="m2m",
        ),
        pytest.param(
            lambda w: connection.cursor().execute(
                'UPDATE "wijken_wijk" SET "beschrijving" = %s WHERE id = %s', ["rauw", w.pk]
            ),
            id="raw-sql",
        ),
    ],
)
def test_elke_schrijfopdracht_geeft_een_nieuwe_versie(schrijven):
    wijk = WijkFactory()
    BuurtFactory(wijk=wijk)
    voor = gegevensversie.huidige()
    schrijven(wijk)
    assert gegevensversie.huidige() != voor


def test_lezen_audit_en_inlogtijd_geven_geen_nieuwe_versie():
    wijk = WijkFactory()
    gebruiker = GebruikerFactory()
    voor = gegevensversie.huidige()
    list(Wijk.objects.all())
    Wijk.objects.filter(pk=wijk.pk).exists()
    update_last_login(None, gebruiker)
    request = RequestFactory().get("/")
    request.user = gebruiker
    audit.vastleggen(
        actie=audit.AuditActie.INLOGGEN, uitkomst=audit.Uitkomst.GESLAAGD, request=request
    )
    assert gegevensversie.huidige() == voor


def test_een_ander_veld_van_de_gebruiker_wel():
    gebruiker = GebruikerFactory()
    voor = gegevensversie.huidige()
    gebruiker.weergavenaam = "Nieuwe naam"
    gebruiker.save(update_fields=["weergavenaam"])
    assert gegevensversie.huidige() != voor


def test_gedeelde_versie_eenmaal_per_transactie_en_pas_na_commit(
    django_capture_on_commit_callbacks,
):
    voor = _gedeeld()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        WijkFactory()
        WijkFactory()
        BuurtFactory()
        assert _gedeeld() == voor  # not before the commit
    assert len([c for c in callbacks if getattr(c, "gegevensversie", False)]) == 1
    assert _gedeeld() == voor + 1


@pytest.mark.django_db(transaction=True)
def test_na_een_echte_commit_ziet_elk_proces_de_nieuwe_versie():
    """Committed for real (no test transaction around it): the row is raised, and put back
    when it was gone (as after a flush)."""
    Gegevensversie.objects.all().delete()
    WijkFactory()
    assert _gedeeld() == 1
    with transaction.atomic():
        WijkFactory()
        WijkFactory()
    assert _gedeeld() == 2


def test_eenmaal_per_request_gelezen_en_de_datum_telt_mee():
    request = RequestFactory().get("/")
    eerste = gegevensversie.huidige(request)
    WijkFactory()
    assert gegevensversie.huidige(request) == eerste  # read once per request
    vandaag = gegevensversie.huidige()
    assert vandaag != eerste
    # The next day, "overdue" and "today" in cached content change: a new version.
    morgen = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1)
    with time_machine.travel(morgen):
        assert gegevensversie.huidige() != vandaag


def _request(gebruiker=None, *, cookie=None):
    request = RequestFactory().get("/pagina/?page=2")
    request.user = gebruiker or GebruikerFactory()
    if cookie:
        request.META["CSRF_COOKIE"] = cookie
    return request


PARTIAL = "pagina.html#inhoud"


@pytest.fixture(autouse=True)
def _sjabloon(monkeypatch):
    """The partial's rendering stands in for any page's: what is cached is the point."""
    monkeypatch.setattr(weergave, "render_to_string", lambda partial, context, request: "html")


def test_gecachte_inhoud_per_persoon_en_alleen_bij_wijziging_opnieuw():
    teller = []

    def context():
        teller.append(1)
        return {}

    anna, bert = GebruikerFactory(), GebruikerFactory()
    gecachte_inhoud(_request(anna), PARTIAL, context)
    gecachte_inhoud(_request(anna), PARTIAL, context)
    assert len(teller) == 1  # the second from the cache
    gecachte_inhoud(_request(bert), PARTIAL, context)
    assert len(teller) == 2  # another person: rendered for them
    WijkFactory()
    gecachte_inhoud(_request(anna), PARTIAL, context)
    assert len(teller) == 3  # a change: rendered again


def test_inhoud_met_formulieren_alleen_onder_het_csrf_geheim():
    teller = []
    anna = GebruikerFactory()

    def context():
        teller.append(1)
        return {}

    for cookie in (None, None, "a" * 32, "a" * 32, "b" * 32):
        gecachte_inhoud(_request(anna, cookie=cookie), PARTIAL, context, formulieren=True)
    # Without a secret never cached; each secret rendered once.
    assert len(teller) == 4


def test_pagina_uit_cache_toont_wijziging_van_een_andere_server():
    """Another server writes (this process's wrapper does not see it) and raises the
    shared version after its commit: the page cached here shows the change."""
    onderwerp = OnderwerpFactory(openbaar_=True, titel="Bankjes bij de vijver")
    url = reverse("initiatieven:onderwerp", args=[onderwerp.pk])
    client = Client()
    assert "Bankjes bij de vijver" in client.get(url).content.decode()
    connection.execute_wrappers.remove(gegevensversie.schrijfwacht)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE initiatieven_onderwerp SET publieke_titel = %s WHERE id = %s",
                ["Picknicktafels bij de vijver", onderwerp.pk],
            )
        assert "Bankjes" in client.get(url).content.decode()  # no new version yet
        gegevensversie._verhoog_gedeeld("default")  # the other server's commit
    finally:
        connection.execute_wrappers.append(gegevensversie.schrijfwacht)
    assert "Picknicktafels bij de vijver" in client.get(url).content.decode()
    caches["fragmenten"].clear()

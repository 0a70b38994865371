"""The ward meetings of published questions in the calendar feeds (meedenken.ical via
initiatieven.ical's sources), read back with the ``icalendar`` package."""

import datetime

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.meedenken.factories import AanmeldingFactory, BijeenkomstFactory, MeedenkvraagFactory
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db


def _uids(client, url) -> dict[str, icalendar.Event]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    kal = icalendar.Calendar.from_ical(response.content)
    return {str(e.get("UID")).split("@")[0]: e for e in kal.walk("VEVENT")}


def _wijkfeed(wijk) -> str:
    return reverse("bezoeken:ical_wijk", kwargs={"code": wijk.code})


def test_bijeenkomsten_in_de_feeds_van_hun_wijken(client):
    wijk, andere, derde = WijkFactory(), WijkFactory(), WijkFactory()
    eigen = BijeenkomstFactory(
        vraag=MeedenkvraagFactory(wijken=[wijk, andere], titel='Plein; "Noord", oost'),
        plaats="Buurthuis; zaal 2",
        toegankelijkheid="Drempelvrij,\nmet ringleiding.",
    )
    alle = BijeenkomstFactory(vraag=MeedenkvraagFactory(alle_wijken=True, wijken=[]))
    concept = BijeenkomstFactory(vraag=MeedenkvraagFactory(wijken=[wijk], concept=True))
    oud_begin = timezone.now() - datetime.timedelta(days=400)
    oud = BijeenkomstFactory(
        vraag=MeedenkvraagFactory(wijken=[wijk], te_laat=True),
        begint=oud_begin,
        eindigt=oud_begin + datetime.timedelta(hours=2),
    )
    ander = BijeenkomstFactory(vraag=MeedenkvraagFactory(wijken=[derde]))

    def ids(*bijeenkomsten):
        return {f"meedenkbijeenkomst-{b.pk}" for b in bijeenkomsten}

    def meedenken(uids):
        return {u for u in uids if u.startswith("meedenkbijeenkomst-")}

    assert meedenken(_uids(client, reverse("bezoeken:ical"))) == ids(eigen, alle, ander)
    assert meedenken(_uids(client, _wijkfeed(wijk))) == ids(eigen, alle)
    assert meedenken(_uids(client, _wijkfeed(andere))) == ids(eigen, alle)
    assert meedenken(_uids(client, _wijkfeed(derde))) == ids(alle, ander)
    assert concept.pk and oud.pk

    e = _uids(client, _wijkfeed(wijk))[f"meedenkbijeenkomst-{eigen.pk}"]
    assert str(e.get("SUMMARY")).endswith('Plein; "Noord", oost')
    assert str(e.get("LOCATION")) == "Buurthuis; zaal 2"
    assert "Drempelvrij,\nmet ringleiding." in str(e.get("DESCRIPTION"))
    assert e.decoded("DTSTART") == eigen.begint.replace(microsecond=0)
    assert e.decoded("DTEND") == eigen.eindigt.replace(microsecond=0)
    assert str(e.get("URL")).endswith(eigen.vraag.get_absolute_url())


def test_feed_zonder_persoonsgegevens_van_aanmelders(client):
    """Registrations are personal: only the meeting's public fields go into the feed."""
    bijeenkomst = BijeenkomstFactory()
    aanmelding = AanmeldingFactory(bijeenkomst=bijeenkomst)
    body = client.get(reverse("bezoeken:ical")).content.decode()
    assert f"meedenkbijeenkomst-{bijeenkomst.pk}@" in body
    assert aanmelding.gebruiker.email not in body
    assert aanmelding.gebruiker.weergavenaam not in body


def test_feed_queries_groeien_niet_met_bijeenkomsten(client):
    wijk = WijkFactory()

    def tel() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            uids = _uids(client, _wijkfeed(wijk))
        return len(queries), len(uids)

    BijeenkomstFactory(vraag=MeedenkvraagFactory(wijken=[wijk]))
    weinig, events = tel()
    for _ in range(9):
        BijeenkomstFactory(vraag=MeedenkvraagFactory(wijken=[wijk]))
    assert tel() == (weinig, events + 9)

"""Visit pages: the overview and its queries, a visit's page for the public and for staff,
planning with suggested topics, the report, follow-up actions, the ward-page section, and
the calendar feeds parsed by a real iCalendar library."""

import datetime
from unittest import mock

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contacten.bezoeken import Bezoek, Bezoeksoort, Bezoekstatus, Dagdeel
from initiatieven import bezoeken
from initiatieven.ical import Gebeurtenis, kalender
from initiatieven.keuzes import Status
from initiatieven.models import Actie
from tests.contacten.factories import (
    AgendapuntFactory,
    BezoekFactory,
    CollegeperiodeFactory,
    VergaderingFactory,
)
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import ActieFactory, OnderwerpFactory
from tests.responses import assert_page
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


@pytest.fixture(autouse=True)
def _stil():
    with mock.patch("contacten.services_bezoek.volgen.melden"):
        yield


@pytest.fixture
def w(db):
    wijk = WijkFactory(met_staf=True, naam="Noord")
    return {
        "periode": CollegeperiodeFactory(),
        "wijk": wijk,
        "andere": WijkFactory(met_staf=True, naam="Zuid"),
        "griffie": GebruikerFactory(griffie=True, tweede_factor=True),
        "collegelid": GebruikerFactory(collegelid=True, tweede_factor=True),
    }


def _dagen(n):
    return timezone.now() - datetime.timedelta(days=n)


# --- topic suggestions -------------------------------------------------------------------


def test_suggesties_eerst_geescaleerd_dan_kansrijk_dan_langst_open(w):
    wijk = w["wijk"]
    nieuw = OnderwerpFactory(wijk=wijk, ingediend_op=_dagen(1))
    oud = [OnderwerpFactory(wijk=wijk, ingediend_op=_dagen(100 + n)) for n in range(4)]
    kansrijk = OnderwerpFactory(wijk=wijk, kansrijk=True, ingediend_op=_dagen(5))
    escalatie = OnderwerpFactory(wijk=wijk, status=Status.BIJ_WIJKWETHOUDER, ingediend_op=_dagen(2))
    geagendeerd = OnderwerpFactory(
        wijk=wijk, status=Status.GEAGENDEERD_COLLEGE, ingediend_op=_dagen(3)
    )
    # Not offered: closed, a draft, another ward.
    OnderwerpFactory(wijk=wijk, afgerond=True)
    OnderwerpFactory(wijk=wijk, concept=True)
    OnderwerpFactory(wijk=w["andere"])

    rijen = list(bezoeken.onderwerpen_voor_bezoek(wijk))
    assert [(o.pk, o.suggestie) for o in rijen] == [
        (geagendeerd.pk, 0),
        (escalatie.pk, 0),
        (kansrijk.pk, 1),
        (oud[3].pk, 2),
        (oud[2].pk, 2),
        (oud[1].pk, 2),
        (oud[0].pk, bezoeken.NIET_VOORGESTELD),
        (nieuw.pk, bezoeken.NIET_VOORGESTELD),
    ]


def test_plannen_pagina_toont_suggesties_eerst_en_gemarkeerd(client, w):
    gewoon = OnderwerpFactory(wijk=w["wijk"], titel="Gewoon item", ingediend_op=_dagen(1))
    for n in range(3):
        OnderwerpFactory(wijk=w["wijk"], ingediend_op=_dagen(50 + n))
    escalatie = OnderwerpFactory(wijk=w["wijk"], status=Status.BIJ_WIJKWETHOUDER)
    client.force_login(w["griffie"])
    response = client.get(reverse("bezoeken:plannen") + f"?wijk={w['wijk'].code}&soort=werkbezoek")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index(f'value="{escalatie.pk}"') < html.index(f'value="{gewoon.pk}"')
    keuzes = dict(response.context["form"].fields["onderwerpen"].choices)
    # A suggestion is marked before its title (in whatever language); a plain item is not.
    label = str(keuzes[escalatie.pk])
    assert escalatie.toon_titel in label and not label.startswith(escalatie.toon_titel)
    assert str(keuzes[gewoon.pk]).startswith("Gewoon item")
    assert response.context["form"].initial["soort"] == Bezoeksoort.WERKBEZOEK


def test_plannen_zonder_wijk_vraagt_eerst_de_wijk(client, w):
    client.force_login(w["wijk"].wijkadviseur)
    response = client.get(reverse("bezoeken:plannen"))
    assert response.status_code == 200
    # A ward advisor is offered only their own ward.
    assert list(response.context["keuze_form"].fields["wijk"].queryset) == [w["wijk"]]


# --- planning through the page ---------------------------------------------------------------


def _formulier(**kwargs):
    data = {
        "soort": Bezoeksoort.COLLEGE_DAGDEEL,
        "datum": (VANDAAG() + datetime.timedelta(days=7)).isoformat(),
        "dagdeel": Dagdeel.MIDDAG,
        "locatie": "Buurthuis",
        "programma": "Wandeling",
        "openbaar": "on",
    }
    data.update(kwargs)
    return data


def test_plannen_met_onderwerpen_en_tweede_geweigerd(client, w):
    item = OnderwerpFactory(wijk=w["wijk"], status=Status.BIJ_WIJKWETHOUDER)
    vreemd = OnderwerpFactory(wijk=w["andere"])
    client.force_login(w["collegelid"])
    url = reverse("bezoeken:plannen") + f"?wijk={w['wijk'].code}"
    response = client.post(url, _formulier(onderwerpen=[item.pk], deelnemers=[w["collegelid"].pk]))
    bezoek = Bezoek.objects.get()
    assert response.status_code == 302
    assert response["Location"] == bezoek.get_absolute_url()
    assert list(bezoek.onderwerpen.all()) == [item]
    assert list(bezoek.deelnemers.all()) == [w["collegelid"]]

    # A second college dagdeel in the same term: a form error, nothing saved.
    response = client.post(url, _formulier(datum=(VANDAAG() + datetime.timedelta(days=30))))
    assert response.status_code == 200
    assert "datum" in response.context["form"].errors
    assert Bezoek.objects.count() == 1
    # An item of another ward is not even a choice.
    response = client.post(url, _formulier(soort="werkbezoek", onderwerpen=[vreemd.pk]))
    assert "onderwerpen" in response.context["form"].errors
    assert Bezoek.objects.count() == 1


def test_plannen_buiten_periode_en_rare_invoer(client, w):
    client.force_login(w["griffie"])
    url = reverse("bezoeken:plannen") + f"?wijk={w['wijk'].code}"
    response = client.post(url, _formulier(datum="2099-01-01"))
    assert response.status_code == 200
    assert "datum" in response.context["form"].errors
    response = client.post(url, _formulier(dagdeel="nacht", soort="feest", datum="gisteren"))
    assert response.status_code == 200
    assert {"dagdeel", "soort", "datum"} <= set(response.context["form"].errors)
    response = client.post(url, _formulier(deelnemers=[w["wijk"].wijkadviseur.pk]))
    assert "deelnemers" in response.context["form"].errors
    assert not Bezoek.objects.exists()
    assert client.get(reverse("bezoeken:plannen") + "?wijk=WK000000").status_code == 404


def test_adviseur_plant_niet_voor_andere_wijk(client, w):
    client.force_login(w["wijk"].wijkadviseur)
    url = reverse("bezoeken:plannen") + f"?wijk={w['andere'].code}"
    assert client.post(url, _formulier()).status_code == 403
    assert not Bezoek.objects.exists()


def test_bewerken_houdt_gekozen_onderwerpen(client, w):
    oud = OnderwerpFactory(wijk=w["wijk"], afgerond=True)
    bezoek = BezoekFactory(wijk=w["wijk"], periode=w["periode"], onderwerpen=[oud])
    client.force_login(w["griffie"])
    url = reverse("bezoeken:bewerken", args=[bezoek.pk])
    response = client.get(url)
    assert oud.pk in [k for k, _ in response.context["form"].fields["onderwerpen"].choices]
    data = _formulier(onderwerpen=[oud.pk], locatie="Elders")
    data.pop("soort")
    response = client.post(url, data)
    assert response.status_code == 302
    bezoek.refresh_from_db()
    assert bezoek.locatie == "Elders"
    assert list(bezoek.onderwerpen.all()) == [oud]


# --- the visit page ---------------------------------------------------------------------------


def test_bezoekpagina_publiek_en_intern(client, w):
    openbaar = OnderwerpFactory(wijk=w["wijk"], openbaar_=True, titel="Openbaar item")
    geheim = OnderwerpFactory(wijk=w["wijk"], titel="Geheim item")
    bezoek = BezoekFactory(
        gehouden=True,
        wijk=w["wijk"],
        periode=w["periode"],
        onderwerpen=[openbaar, geheim],
        verslag="Concept van het verslag",
    )
    ActieFactory(onderwerp=None, bezoek=bezoek, omschrijving="Bankje plaatsen")
    url = bezoek.get_absolute_url()

    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Openbaar item" in html
    assert "Geheim item" not in html
    assert "Concept van het verslag" not in html  # a draft report
    assert "Bankje plaatsen" not in html

    client.force_login(w["griffie"])
    html = client.get(url).content.decode()
    assert "Geheim item" in html
    assert 'id="verslag-concept"' in html and "Concept van het verslag" in html
    assert "Bankje plaatsen" in html

    Bezoek.objects.filter(pk=bezoek.pk).update(verslag_gepubliceerd_op=timezone.now())
    client.logout()
    html = client.get(url).content.decode()
    assert "Concept van het verslag" in html
    assert 'id="verslag-concept"' not in html


def test_niet_openbaar_bezoek_is_404_voor_publiek(client, w):
    bezoek = BezoekFactory(wijk=w["wijk"], periode=w["periode"], openbaar=False)
    assert client.get(bezoek.get_absolute_url()).status_code == 404
    client.force_login(w["andere"].opbouwwerker)
    assert client.get(bezoek.get_absolute_url()).status_code == 404
    client.force_login(w["wijk"].opbouwwerker)
    assert client.get(bezoek.get_absolute_url()).status_code == 200


def test_verslag_houden_en_publiceren(client, w):
    bezoek = BezoekFactory(wijk=w["wijk"], periode=w["periode"], datum=VANDAAG())
    client.force_login(w["wijk"].wijkadviseur)
    url = reverse("bezoeken:verslag", args=[bezoek.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"verslag": "   "})
    assert response.status_code == 200 and "verslag" in response.context["form"].errors
    response = client.post(url, {"verslag": "We zagen de speeltuin.", "publiceren": "on"})
    assert response.status_code == 302
    bezoek.refresh_from_db()
    assert bezoek.status == Bezoekstatus.GEHOUDEN
    assert bezoek.verslag_gepubliceerd_op is not None


def test_verslag_van_toekomstig_bezoek_geweigerd(client, w):
    bezoek = BezoekFactory(wijk=w["wijk"], periode=w["periode"])
    client.force_login(w["griffie"])
    response = client.post(reverse("bezoeken:verslag", args=[bezoek.pk]), {"verslag": "Vooruit"})
    assert response.status_code == 200
    assert "verslag" in response.context["form"].errors
    bezoek.refresh_from_db()
    assert bezoek.status == Bezoekstatus.GEPLAND and bezoek.verslag == ""


def test_annuleren_pagina(client, w):
    bezoek = BezoekFactory(wijk=w["wijk"], periode=w["periode"])
    client.force_login(w["griffie"])
    url = reverse("bezoeken:annuleren", args=[bezoek.pk])
    response = client.post(url, {"reden": ""})
    assert response.status_code == 200 and "reden" in response.context["form"].errors
    assert client.post(url, {"reden": "Ziek"}).status_code == 302
    bezoek.refresh_from_db()
    assert bezoek.status == Bezoekstatus.GEANNULEERD
    # Cancelled: its page stays, the management pages are gone.
    assert client.get(bezoek.get_absolute_url()).status_code == 200
    assert client.get(url).status_code == 404
    assert client.get(reverse("bezoeken:bewerken", args=[bezoek.pk])).status_code == 404


# --- follow-up actions ----------------------------------------------------------------------


def test_acties_toevoegen_en_afvinken(client, w):
    item = OnderwerpFactory(wijk=w["wijk"])
    ander = OnderwerpFactory(wijk=w["wijk"])
    bezoek = BezoekFactory(gehouden=True, wijk=w["wijk"], periode=w["periode"], onderwerpen=[item])
    client.force_login(w["collegelid"])
    url = reverse("bezoeken:actie_toevoegen", args=[bezoek.pk])
    response = client.post(url, {"omschrijving": "Bellen", "eigenaar": "Wijkadviseur"})
    assert response.status_code == 302
    response = client.post(
        url, {"omschrijving": "Offerte", "eigenaar": "Groen", "onderwerp": item.pk}
    )
    assert response.status_code == 302
    # Not one of the visit's topics, or empty: form errors on the page, nothing saved.
    response = client.post(url, {"omschrijving": "X", "eigenaar": "Y", "onderwerp": ander.pk})
    assert response.status_code == 200 and "onderwerp" in response.context["actie_form"].errors
    response = client.post(url, {"omschrijving": "  ", "eigenaar": ""})
    assert response.status_code == 200
    assert Actie.objects.filter(bezoek=bezoek).count() == 2
    met_onderwerp = Actie.objects.get(onderwerp=item)
    assert met_onderwerp.bezoek == bezoek

    zonder = Actie.objects.get(bezoek=bezoek, onderwerp=None)
    response = client.post(reverse("bezoeken:actie_afvinken", args=[zonder.pk]), {"gedaan": "1"})
    assert response.status_code == 302
    zonder.refresh_from_db()
    assert zonder.gedaan and zonder.gedaan_op


def test_actie_zonder_onderwerp_is_404_in_de_werkvoorraad(client, w):
    bezoek = BezoekFactory(wijk=w["wijk"], periode=w["periode"])
    actie = ActieFactory(onderwerp=None, bezoek=bezoek)
    client.force_login(w["wijk"].wijkadviseur)
    response = client.post(reverse("initiatieven:actie_afvinken", args=[actie.pk]), {"gedaan": "1"})
    assert response.status_code == 404
    actie.refresh_from_db()
    assert not actie.gedaan
    # and an item's action is not ticked through the visit URL
    item_actie = ActieFactory(onderwerp=OnderwerpFactory(wijk=w["wijk"]))
    response = client.post(
        reverse("bezoeken:actie_afvinken", args=[item_actie.pk]), {"gedaan": "1"}
    )
    assert response.status_code == 404


# --- the overview ---------------------------------------------------------------------------


def _veel_bezoeken(w, n):
    for i in range(n):
        wijk = WijkFactory(met_staf=True)
        BezoekFactory(wijk=wijk, periode=w["periode"], gepubliceerd=(i % 2 == 0))
        BezoekFactory(werkbezoek=True, wijk=wijk, periode=w["periode"])
        BezoekFactory(werkbezoek=True, gehouden=True, wijk=wijk, periode=w["periode"])


@pytest.mark.parametrize("rol", ["anoniem", "griffie"])
def test_overzicht_begrensde_queries(client, w, django_assert_max_num_queries, rol):
    if rol == "griffie":
        client.force_login(w["griffie"])
    _veel_bezoeken(w, 2)
    with django_assert_max_num_queries(20) as weinig:
        response = client.get(reverse("bezoeken:lijst"))
    assert_page(response, "initiatieven/bezoeken/lijst.html")
    _veel_bezoeken(w, 8)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(reverse("bezoeken:lijst"))
    assert_page(response, "initiatieven/bezoeken/lijst.html")


def test_overzicht_per_wijk_en_periode(client, w):
    vorige = CollegeperiodeFactory(
        begin=datetime.date(w["periode"].begin.year - 4, 4, 1),
        einde=w["periode"].begin - datetime.timedelta(days=1),
        naam="vorige",
    )
    gehouden = BezoekFactory(gepubliceerd=True, wijk=w["wijk"], periode=w["periode"])
    BezoekFactory(geannuleerd=True, wijk=w["andere"], periode=w["periode"])
    BezoekFactory(
        gehouden=True, wijk=w["andere"], periode=vorige, datum=vorige.begin + datetime.timedelta(30)
    )
    response = client.get(reverse("bezoeken:lijst"))
    rijen = {r["wijk"].pk: r for r in response.context["rijen"]}
    assert rijen[w["wijk"].pk]["bezoek"] == gehouden
    assert rijen[w["andere"].pk]["bezoek"] is None
    assert len(rijen[w["andere"].pk]["geannuleerd"]) == 1
    html = response.content.decode()
    assert f'id="wijk-{w["andere"].code}" data-status="ontbreekt"' in html
    assert f'id="wijk-{w["wijk"].code}" data-status="gehouden"' in html
    assert reverse("bezoeken:ical") in html
    assert "bezoek-plannen" not in html  # no management for the public

    response = client.get(reverse("bezoeken:lijst") + f"?periode={vorige.pk}")
    rijen = {r["wijk"].pk: r for r in response.context["rijen"]}
    assert rijen[w["andere"].pk]["bezoek"].status == Bezoekstatus.GEHOUDEN
    assert rijen[w["wijk"].pk]["bezoek"] is None
    assert client.get(reverse("bezoeken:lijst") + "?periode=xyz").status_code == 200


def test_wijkpagina_toont_bezoeken_en_feed(client, w):
    gepland = BezoekFactory(wijk=w["wijk"], periode=w["periode"])
    gehouden = BezoekFactory(
        werkbezoek=True, gepubliceerd=True, wijk=w["wijk"], periode=w["periode"]
    )
    intern = BezoekFactory(werkbezoek=True, wijk=w["wijk"], periode=w["periode"], openbaar=False)
    html = client.get(w["wijk"].get_absolute_url()).content.decode()
    assert f'id="wijk-bezoeken-gepland-{gepland.pk}"' in html
    assert f'id="wijk-bezoeken-gehouden-{gehouden.pk}"' in html
    assert f'data-bezoek="{intern.pk}"' not in html
    assert reverse("bezoeken:ical_wijk", kwargs={"code": w["wijk"].code}) in html


def test_vergaderpaginas_linken_de_feed(client, w):
    assert (
        reverse("bezoeken:ical") in client.get(reverse("contacten:vergaderingen")).content.decode()
    )
    client.force_login(w["griffie"])
    assert reverse("bezoeken:ical") in client.get(reverse("contacten:agenda")).content.decode()


# --- the calendar feeds -------------------------------------------------------------------------


def test_vouwen_en_escapen():
    """The feed's text as RFC 5545 asks: TEXT values escaped, lines folded at 75 octets
    without splitting a UTF-8 character, CRLF line endings."""
    moment = datetime.datetime(2026, 12, 7, 10, 5, 3, tzinfo=datetime.UTC)
    gebeurtenis = Gebeurtenis(
        uid="bezoek-1@wijkportaal",
        begin=moment,
        einde=moment,
        gewijzigd=moment,
        titel="a\\b;c,d\ne\r\nf",
        locatie="",
        beschrijving="é" * 100,
        url="https://wijkportaal/bezoeken/1/",
    )
    tekst = kalender("x", [gebeurtenis]).decode("utf-8")
    assert "\r\nSUMMARY:a\\\\b\\;c\\,d\\ne\\nf\r\n" in tekst
    regel = "DESCRIPTION:" + "é" * 100
    begin = tekst.index("DESCRIPTION:")
    gevouwen = tekst[begin : tekst.index("\r\nURL:", begin)]
    delen = gevouwen.split("\r\n")
    assert len(delen) > 1
    assert all(len(d.encode("utf-8")) <= 75 for d in delen)
    assert all(d.startswith(" ") for d in delen[1:])
    assert "".join(d[1:] if i else d for i, d in enumerate(delen)) == regel
    assert tekst.endswith("END:VCALENDAR\r\n")
    assert kalender("x", []).endswith(b"END:VCALENDAR\r\n")


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline; filename=")
    body = response.content
    assert b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b"")
    return icalendar.Calendar.from_ical(body)


def test_feed_met_bezoeken_en_vergaderingen(client, w):
    titel_wijk = WijkFactory(naam='Oost, "Noord"; de\nHaven')
    item = OnderwerpFactory(wijk=w["wijk"], openbaar_=True, titel="Speeltuin")
    gepland = BezoekFactory(
        wijk=titel_wijk,
        periode=w["periode"],
        dagdeel=Dagdeel.OCHTEND,
        locatie="Buurthuis; zaal 2, boven",
        programma="Wandeling\nen gesprek, met koffie; thee",
    )
    gehouden = BezoekFactory(werkbezoek=True, gehouden=True, wijk=w["wijk"], periode=w["periode"])
    gehouden.onderwerpen.set([item])
    geannuleerd = BezoekFactory(geannuleerd=True, wijk=w["andere"], periode=w["periode"])
    intern = BezoekFactory(werkbezoek=True, wijk=w["wijk"], periode=w["periode"], openbaar=False)
    oud = BezoekFactory(
        werkbezoek=True,
        gehouden=True,
        wijk=w["wijk"],
        periode=w["periode"],
        datum=VANDAAG() - datetime.timedelta(days=400),
    )
    vergadering = VergaderingFactory()
    AgendapuntFactory(vergadering=vergadering, titel="Speeltuin Noord", onderwerpen=[item])
    concept = VergaderingFactory(concept=True)

    kal = _feed(client, reverse("bezoeken:ical"))
    assert kal.get("VERSION") == "2.0" and kal.get("METHOD") == "PUBLISH"
    assert str(kal.get("X-WR-CALNAME"))
    events = {str(e.get("UID")): e for e in kal.walk("VEVENT")}
    uids = set(events)
    assert any(u.startswith(f"bezoek-{gepland.pk}@") for u in uids)
    assert any(u.startswith(f"bezoek-{gehouden.pk}@") for u in uids)
    assert any(u.startswith(f"vergadering-{vergadering.pk}@") for u in uids)
    for weg in (
        f"bezoek-{geannuleerd.pk}@",
        f"bezoek-{intern.pk}@",
        f"bezoek-{oud.pk}@",
        f"vergadering-{concept.pk}@",
    ):
        assert not any(u.startswith(weg) for u in uids), weg

    e = next(v for k, v in events.items() if k.startswith(f"bezoek-{gepland.pk}@"))
    assert str(e.get("SUMMARY")).endswith('Oost, "Noord"; de\nHaven')
    assert str(e.get("LOCATION")) == "Buurthuis; zaal 2, boven"
    assert "Wandeling\nen gesprek, met koffie; thee" in str(e.get("DESCRIPTION"))
    begin, einde = gepland.tijden
    assert e.decoded("DTSTART") == begin
    assert e.decoded("DTEND") == einde
    assert e.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
    assert str(e.get("URL")).endswith(gepland.get_absolute_url())
    assert str(e.get("STATUS")) == "CONFIRMED"
    v = next(v for k, v in events.items() if k.startswith(f"vergadering-{vergadering.pk}@"))
    assert v.decoded("DTSTART") == vergadering.begin.replace(microsecond=0)
    assert "Speeltuin Noord" in str(v.get("DESCRIPTION"))


def test_feed_per_wijk(client, w):
    item = OnderwerpFactory(wijk=w["wijk"], openbaar_=True)
    geheim = OnderwerpFactory(wijk=w["andere"])
    eigen = BezoekFactory(wijk=w["wijk"], periode=w["periode"])
    ander = BezoekFactory(wijk=w["andere"], periode=w["periode"])
    met_item = VergaderingFactory()
    AgendapuntFactory(vergadering=met_item, onderwerpen=[item])
    met_geheim = VergaderingFactory()
    AgendapuntFactory(vergadering=met_geheim, onderwerpen=[geheim])
    kal = _feed(client, reverse("bezoeken:ical_wijk", kwargs={"code": w["wijk"].code}))
    uids = {str(e.get("UID")).split("@")[0] for e in kal.walk("VEVENT")}
    assert uids == {f"bezoek-{eigen.pk}", f"vergadering-{met_item.pk}"}
    kal = _feed(client, reverse("bezoeken:ical_wijk", kwargs={"code": w["andere"].code}))
    uids = {str(e.get("UID")).split("@")[0] for e in kal.walk("VEVENT")}
    assert uids == {f"bezoek-{ander.pk}"}  # a non-public item does not bring its meeting
    assert client.get(reverse("bezoeken:ical_wijk", kwargs={"code": "WK000000"})).status_code == 404


def test_feed_begrensde_queries(client, w, django_assert_max_num_queries):
    for _ in range(5):
        b = BezoekFactory(werkbezoek=True, wijk=w["wijk"], periode=w["periode"])
        b.onderwerpen.set([OnderwerpFactory(wijk=w["wijk"], openbaar_=True)])
        AgendapuntFactory(vergadering=VergaderingFactory())
    with django_assert_max_num_queries(6):
        feed = client.get(reverse("bezoeken:ical"))
    _assert_feed(feed, events=5)
    with django_assert_max_num_queries(7):
        feed = client.get(reverse("bezoeken:ical_wijk", kwargs={"code": w["wijk"].code}))
    _assert_feed(feed, events=5)


def _assert_feed(response, *, events: int) -> None:
    """The calendar itself was counted, with its events, not a refusal or an error page."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR")
    assert text.count("BEGIN:VEVENT") >= events


# --- the demo --------------------------------------------------------------------------------


def test_demo_bezoeken_idempotent(settings, client):
    import io

    from django.core.management import call_command

    settings.DEMO = True
    call_command("seed_demo", stdout=io.StringIO())
    aantal = Bezoek.objects.count()
    acties = Actie.objects.filter(bezoek__isnull=False).count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Bezoek.objects.count() == aantal
    assert Actie.objects.filter(bezoek__isnull=False).count() == acties

    dagdelen = Bezoek.objects.college_dagdelen()
    huidige = dagdelen.filter(periode__naam="2026–2030")
    assert huidige.filter(status=Bezoekstatus.GEHOUDEN, verslag_gepubliceerd_op__isnull=False)
    assert huidige.filter(status=Bezoekstatus.GEPLAND).exists()
    assert huidige.filter(status=Bezoekstatus.GEANNULEERD).count() == 1
    assert dagdelen.filter(periode__naam="2022–2026").count() >= 4
    gehouden = huidige.filter(status=Bezoekstatus.GEHOUDEN).first()
    assert gehouden.onderwerpen.exists() and gehouden.acties.exists()
    assert (
        Bezoek.objects.filter(
            soort=Bezoeksoort.WERKBEZOEK, deelnemers__email="wijkwethouder@example.org"
        ).count()
        >= 2
    )
    # Some wards have no college dagdeel in this term yet.
    response = client.get(reverse("bezoeken:lijst"))
    assert response.context["tellingen"]["ontbreekt"] >= 1


# --- bad input, privacy -----------------------------------------------------------------------


def test_html_in_programma_en_verslag_blijft_tekst(client, w):
    kwaad = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    bezoek = BezoekFactory(
        gepubliceerd=True, wijk=w["wijk"], periode=w["periode"], programma=kwaad, verslag=kwaad
    )
    html = client.get(bezoek.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_feed_zonder_persoonsgegevens_van_indieners(client, w):
    indiener = GebruikerFactory(email="geheim.adres@voorbeeld.test", weergavenaam="Geheime Naam")
    item = OnderwerpFactory(wijk=w["wijk"], openbaar_=True, indiener=indiener, toon_naam=False)
    BezoekFactory(wijk=w["wijk"], periode=w["periode"], onderwerpen=[item])
    AgendapuntFactory(vergadering=VergaderingFactory(), onderwerpen=[item])
    for url in (
        reverse("bezoeken:ical"),
        reverse("bezoeken:ical_wijk", kwargs={"code": w["wijk"].code}),
    ):
        body = client.get(url).content.decode()
        assert "geheim.adres" not in body and "Geheime Naam" not in body


def test_onderwerp_van_andere_wijk_laat_geen_bezoek_achter(w):
    from django.core.exceptions import ValidationError

    vreemd = OnderwerpFactory(wijk=w["andere"])
    with pytest.raises(ValidationError):
        bezoeken.bezoek_plannen(
            door=w["griffie"],
            wijk=w["wijk"],
            soort=Bezoeksoort.WERKBEZOEK,
            datum=VANDAAG(),
            dagdeel=Dagdeel.OCHTEND,
            onderwerpen=[vreemd],
        )
    assert not Bezoek.objects.exists()


def test_adviseur_ziet_planknop_alleen_bij_eigen_wijk(client, w):
    client.force_login(w["wijk"].wijkadviseur)
    rijen = {r["wijk"].pk: r for r in client.get(reverse("bezoeken:lijst")).context["rijen"]}
    assert rijen[w["wijk"].pk]["mag_plannen"]
    assert not rijen[w["andere"].pk]["mag_plannen"]


def _vol_bezoek(w, n):
    bezoek = BezoekFactory(werkbezoek=True, gehouden=True, wijk=w["wijk"], periode=w["periode"])
    items = [OnderwerpFactory(wijk=w["wijk"], openbaar_=True) for _ in range(n)]
    bezoek.onderwerpen.set(items)
    bezoek.deelnemers.set([GebruikerFactory(collegelid=True) for _ in range(n)])
    for item in items:
        ActieFactory(onderwerp=item, bezoek=bezoek)
    return bezoek


@pytest.mark.parametrize("rol", ["anoniem", "griffie"])
def test_bezoekpagina_en_wijkpagina_begrensde_queries(
    client, w, django_assert_max_num_queries, rol
):
    if rol == "griffie":
        client.force_login(w["griffie"])
    klein = _vol_bezoek(w, 1)
    with django_assert_max_num_queries(30) as weinig:
        response = client.get(klein.get_absolute_url())
    assert_page(response, "initiatieven/bezoeken/bezoek.html")
    groot = _vol_bezoek(w, 8)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(groot.get_absolute_url())
    assert_page(response, "initiatieven/bezoeken/bezoek.html")
    for _ in range(6):
        BezoekFactory(werkbezoek=True, wijk=w["wijk"], periode=w["periode"])
    with django_assert_max_num_queries(40) as wijkpagina:
        response = client.get(w["wijk"].get_absolute_url())
    assert_page(response, "wijken/wijk.html")
    for _ in range(6):
        BezoekFactory(werkbezoek=True, gepubliceerd=True, wijk=w["wijk"], periode=w["periode"])
    with django_assert_max_num_queries(len(wijkpagina.captured_queries)):
        response = client.get(w["wijk"].get_absolute_url())
    assert_page(response, "wijken/wijk.html")


def test_verslag_eerst_concept_dan_publiceren_dan_bijwerken(client, w):
    bezoek = BezoekFactory(wijk=w["wijk"], periode=w["periode"], datum=VANDAAG())
    client.force_login(w["griffie"])
    url = reverse("bezoeken:verslag", args=[bezoek.pk])
    assert client.post(url, {"verslag": "Concept"}).status_code == 302
    bezoek.refresh_from_db()
    assert bezoek.status == Bezoekstatus.GEHOUDEN and bezoek.verslag_gepubliceerd_op is None
    assert "Concept" not in Client().get(bezoek.get_absolute_url()).content.decode()

    assert client.post(url, {"verslag": "Definitief", "publiceren": "on"}).status_code == 302
    bezoek.refresh_from_db()
    gepubliceerd = bezoek.verslag_gepubliceerd_op
    assert gepubliceerd is not None

    # Published: no way to unpublish by leaving the box unticked; the text is updated.
    assert "publiceren" not in client.get(url).context["form"].fields
    assert client.post(url, {"verslag": "Definitief, aangevuld"}).status_code == 302
    bezoek.refresh_from_db()
    assert bezoek.verslag == "Definitief, aangevuld"
    assert bezoek.verslag_gepubliceerd_op == gepubliceerd

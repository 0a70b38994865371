"""Up to the agenda: the services, who may take each step, the pages and their queries."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contacten.models import Agendapunt, AgendapuntStatus, Besluit, Resultaat, Toezegging
from initiatieven import agenda
from initiatieven.keuzes import Status
from initiatieven.models import Statuswijziging
from initiatieven.services import Geweigerd, Onvolledig
from tests.contacten.factories import AgendapuntFactory, VergaderingFactory
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.responses import assert_page
from tests.wijken.factories import WijkFactory

S = Status


@pytest.fixture
def w(db):
    """A ward, another ward, the griffie, others, and upcoming meetings of both bodies."""
    wijk = WijkFactory(met_staf=True)
    andere = WijkFactory(met_staf=True)
    return {
        "wijk": wijk,
        "andere": andere,
        "wethouder": wijk.wijkwethouder,
        "griffie": GebruikerFactory(griffie=True, tweede_factor=True),
        "collegelid": GebruikerFactory(collegelid=True, tweede_factor=True),
        "college": VergaderingFactory(),
        "later": VergaderingFactory(begin=timezone.now() + datetime.timedelta(days=14)),
        "raad": VergaderingFactory(raad=True),
        "geweest": VergaderingFactory(geweest=True),
    }


def _escalatie(w, **kwargs):
    return OnderwerpFactory(status=S.BIJ_WIJKWETHOUDER, wijk=w["wijk"], openbaar=True, **kwargs)


def _voorstel(w, *onderwerpen, vergadering=None):
    return agenda.agenda_voorstellen(
        door=w["wethouder"],
        onderwerpen=list(onderwerpen) or [_escalatie(w)],
        vergadering=vergadering or w["college"],
        titel="Verkeersveiligheid Noord",
        toelichting="Meerdere meldingen over te hard rijden.",
    )


# --- services ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_voorstel_bundelt_items_en_meldt_het(w):
    a = _escalatie(w, indiener=GebruikerFactory(email="a@example.test"))
    b = _escalatie(w, indiener=GebruikerFactory(email="b@example.test"))
    mail.outbox.clear()
    punt = _voorstel(w, a, b)
    assert punt.status == AgendapuntStatus.VOORGESTELD and punt.voorgesteld_door == w["wethouder"]
    assert set(punt.onderwerpen.all()) == {a, b}
    for o in (a, b):
        o.refresh_from_db()
        assert o.status == S.GEAGENDEERD_COLLEGE
        stap = o.statuswijzigingen.get()
        assert stap.publieke_toelichting == "Meerdere meldingen over te hard rijden."
    ontvangers = sorted(a for m in mail.outbox for a in m.to)
    assert ontvangers == sorted(["a@example.test", "b@example.test", w["wijk"].wijkadviseur.email])


@pytest.mark.parametrize(
    "wie", ["wethouder_andere_wijk", "griffie", "collegelid", "adviseur", "indiener"]
)
def test_alleen_de_eigen_wethouder_stelt_voor(w, wie):
    onderwerp = _escalatie(w)
    door = {
        "wethouder_andere_wijk": w["andere"].wijkwethouder,
        "griffie": w["griffie"],
        "collegelid": w["collegelid"],
        "adviseur": w["wijk"].wijkadviseur,
        "indiener": onderwerp.indiener,
    }[wie]
    with pytest.raises(Geweigerd):
        agenda.agenda_voorstellen(
            door=door, onderwerpen=[onderwerp], vergadering=w["college"], titel="T", toelichting="T"
        )
    onderwerp.refresh_from_db()
    assert onderwerp.status == S.BIJ_WIJKWETHOUDER
    assert not Agendapunt.objects.exists() and not Statuswijziging.objects.exists()


def test_een_item_van_een_andere_wijk_in_de_bundel_weigert_alles(w):
    eigen = _escalatie(w)
    vreemd = OnderwerpFactory(status=S.BIJ_WIJKWETHOUDER, wijk=w["andere"])
    with pytest.raises(Geweigerd):
        _voorstel(w, eigen, vreemd)
    eigen.refresh_from_db()
    assert eigen.status == S.BIJ_WIJKWETHOUDER and not Statuswijziging.objects.exists()


@pytest.mark.parametrize("vergadering", ["raad", "geweest"])
def test_alleen_voor_een_komende_collegevergadering(w, vergadering):
    onderwerp = _escalatie(w)
    with pytest.raises(Onvolledig) as fout:
        _voorstel(w, onderwerp, vergadering=w[vergadering])
    assert "vergadering" in fout.value.velden
    onderwerp.refresh_from_db()
    assert onderwerp.status == S.BIJ_WIJKWETHOUDER


@pytest.mark.parametrize("wie", ["wethouder", "collegelid", "adviseur"])
def test_alleen_de_griffie_behandelt_voorstellen(w, wie):
    punt = _voorstel(w)
    door = {
        "wethouder": w["wethouder"],
        "collegelid": w["collegelid"],
        "adviseur": w["wijk"].wijkadviseur,
    }[wie]
    with pytest.raises(Geweigerd):
        agenda.voorstel_accepteren(agendapunt=punt, door=door)
    with pytest.raises(Geweigerd):
        agenda.voorstel_verplaatsen(agendapunt=punt, door=door, vergadering=w["later"])
    with pytest.raises(Geweigerd):
        agenda.voorstel_teruggeven(agendapunt=punt, door=door, reden="Nee")
    punt.refresh_from_db()
    assert (punt.status, punt.vergadering) == (AgendapuntStatus.VOORGESTELD, w["college"])


def test_griffie_accepteert_en_verplaatst(w):
    punt = _voorstel(w)
    agenda.voorstel_verplaatsen(agendapunt=punt, door=w["griffie"], vergadering=w["later"])
    punt.refresh_from_db()
    assert punt.vergadering == w["later"]
    with pytest.raises(Onvolledig):
        agenda.voorstel_verplaatsen(agendapunt=punt, door=w["griffie"], vergadering=w["raad"])
    agenda.voorstel_accepteren(agendapunt=punt, door=w["griffie"])
    punt.refresh_from_db()
    assert punt.status == AgendapuntStatus.GEAGENDEERD
    with pytest.raises(Geweigerd):  # replayed
        agenda.voorstel_accepteren(agendapunt=punt, door=w["griffie"])


def test_griffie_geeft_terug_met_reden(w):
    onderwerp = _escalatie(w)
    punt = _voorstel(w, onderwerp)
    with pytest.raises(Onvolledig):
        agenda.voorstel_teruggeven(agendapunt=punt, door=w["griffie"], reden="   ")
    agenda.voorstel_teruggeven(
        agendapunt=punt, door=w["griffie"], reden="Eerst met de raad overleggen."
    )
    punt.refresh_from_db()
    onderwerp.refresh_from_db()
    assert punt.status == AgendapuntStatus.TERUGGEGEVEN and onderwerp.status == S.BIJ_WIJKWETHOUDER
    laatste = onderwerp.statuswijzigingen.last()
    assert (laatste.naar, laatste.publieke_toelichting) == (
        S.BIJ_WIJKWETHOUDER,
        "Eerst met de raad overleggen.",
    )


def _geagendeerd(w, *onderwerpen):
    punt = _voorstel(w, *onderwerpen)
    agenda.voorstel_accepteren(agendapunt=punt, door=w["griffie"])
    return punt


@pytest.mark.parametrize(
    "resultaat,naar",
    [
        (Resultaat.AANGENOMEN, S.AFGEROND),
        (Resultaat.AFGEWEZEN, S.NIET_MOGELIJK),
        (Resultaat.AANGEHOUDEN, S.NOG_NIET_MOGELIJK),
        (Resultaat.TERUG_NAAR_WIJK, S.IN_BEHANDELING),
    ],
)
def test_besluit_zet_elk_item_door(w, resultaat, naar):
    a, b = _escalatie(w), _escalatie(w)
    punt = _geagendeerd(w, a, b)
    besluit = agenda.besluit_vastleggen(
        agendapunt=punt,
        door=w["griffie"],
        resultaat=resultaat,
        toelichting="Het college besluit.",
        herbezien_op=datetime.date(2027, 6, 1),
        toezeggingen=[
            {
                "omschrijving": "Display",
                "verantwoordelijke": "Wethouder",
                "datum": datetime.date(2027, 1, 1),
            }
        ],
    )
    assert besluit.resultaat == resultaat
    for o in (a, b):
        o.refresh_from_db()
        assert o.status == naar
        assert o.statuswijzigingen.last().publieke_toelichting == "Het college besluit."
    assert Toezegging.objects.get().wijk == w["wijk"]
    with pytest.raises(Geweigerd):  # one decision per agenda item
        agenda.besluit_vastleggen(
            agendapunt=punt, door=w["griffie"], resultaat=resultaat, toelichting="x"
        )


@pytest.mark.django_db(transaction=True)
def test_doorverwezen_naar_de_raad_en_het_raadsbesluit(w):
    onderwerp = _escalatie(w, indiener=GebruikerFactory(email="indiener@example.test"))
    punt = _geagendeerd(w, onderwerp)
    with pytest.raises(Onvolledig):
        agenda.besluit_vastleggen(
            agendapunt=punt,
            door=w["griffie"],
            resultaat=Resultaat.DOORVERWEZEN_RAAD,
            toelichting="Naar de raad.",
        )
    mail.outbox.clear()
    agenda.besluit_vastleggen(
        agendapunt=punt,
        door=w["griffie"],
        resultaat=Resultaat.DOORVERWEZEN_RAAD,
        toelichting="Naar de raad.",
        raadsvergadering=w["raad"],
    )
    onderwerp.refresh_from_db()
    assert onderwerp.status == S.GEAGENDEERD_RAAD
    raadspunt = Agendapunt.objects.get(vergadering=w["raad"])
    assert raadspunt.herkomst == punt and list(raadspunt.onderwerpen.all()) == [onderwerp]
    assert sorted(a for m in mail.outbox for a in m.to) == sorted(
        ["indiener@example.test", w["wijk"].wijkadviseur.email, w["wethouder"].email]
    )
    # The council cannot refer to itself; it decides and the route ends.
    with pytest.raises(Onvolledig):
        agenda.besluit_vastleggen(
            agendapunt=raadspunt,
            door=w["griffie"],
            resultaat=Resultaat.DOORVERWEZEN_RAAD,
            toelichting="x",
        )
    agenda.besluit_vastleggen(
        agendapunt=raadspunt,
        door=w["griffie"],
        resultaat=Resultaat.AANGENOMEN,
        toelichting="De raad stemt in.",
    )
    onderwerp.refresh_from_db()
    assert (onderwerp.status, onderwerp.resultaat) == (S.AFGEROND, "De raad stemt in.")
    assert [p.pk for p in Agendapunt.objects.van_onderwerp(onderwerp.pk)] == [punt.pk, raadspunt.pk]


def test_besluit_vraagt_wat_nodig_is_en_schrijft_anders_niets(w):
    onderwerp = _escalatie(w)
    punt = _geagendeerd(w, onderwerp)
    for gegevens, veld in (
        ({"resultaat": Resultaat.AANGEHOUDEN, "toelichting": "Later."}, "herbezien_op"),
        ({"resultaat": Resultaat.AFGEWEZEN, "toelichting": "  "}, "toelichting"),
        ({"resultaat": "verzonnen", "toelichting": "x"}, "resultaat"),
    ):
        with pytest.raises(Onvolledig) as fout:
            agenda.besluit_vastleggen(agendapunt=punt, door=w["griffie"], **gegevens)
        assert veld in fout.value.velden
    assert not Besluit.objects.exists()
    onderwerp.refresh_from_db()
    assert onderwerp.status == S.GEAGENDEERD_COLLEGE
    for door in (w["wethouder"], w["collegelid"]):
        with pytest.raises(Geweigerd):
            agenda.besluit_vastleggen(
                agendapunt=punt, door=door, resultaat="aangenomen", toelichting="x"
            )


def test_geen_besluit_op_een_voorstel(w):
    punt = _voorstel(w)
    with pytest.raises(Geweigerd):
        agenda.besluit_vastleggen(
            agendapunt=punt, door=w["griffie"], resultaat="aangenomen", toelichting="x"
        )


# --- pages ----------------------------------------------------------------------------------

PAGINAS = {
    "agenderen": ({"wethouder"}, lambda w, p: reverse("initiatieven:agenderen")),
    "agenda_griffie": ({"griffie"}, lambda w, p: reverse("initiatieven:agenda_griffie")),
    "voorstel_verplaatsen": (
        {"griffie"},
        lambda w, p: reverse("initiatieven:voorstel_verplaatsen", args=[p.pk]),
    ),
    "voorstel_teruggeven": (
        {"griffie"},
        lambda w, p: reverse("initiatieven:voorstel_teruggeven", args=[p.pk]),
    ),
}


@pytest.mark.parametrize("naam", PAGINAS)
@pytest.mark.parametrize(
    "wie", ["anoniem", "bewoner", "adviseur", "wethouder", "collegelid", "griffie"]
)
def test_wie_een_agendapagina_opent(client, w, naam, wie):
    punt = _voorstel(w)
    mag, url = PAGINAS[naam]
    gebruiker = {
        "anoniem": None,
        "bewoner": GebruikerFactory(),
        "adviseur": w["wijk"].wijkadviseur,
        "wethouder": w["wethouder"],
        "collegelid": w["collegelid"],
        "griffie": w["griffie"],
    }[wie]
    if gebruiker:
        client.force_login(gebruiker)
    antwoord = client.get(url(w, punt))
    if wie in mag:
        assert antwoord.status_code == 200
    elif gebruiker is None:
        assert antwoord.status_code == 302 and "/account/login/" in antwoord["Location"]
    else:
        assert antwoord.status_code == 403


@pytest.mark.parametrize("wie", ["bewoner", "adviseur", "wethouder", "collegelid"])
def test_verboden_posts_veranderen_niets(client, w, wie):
    punt = _voorstel(w)
    geagendeerd = _geagendeerd(w)
    client.force_login(
        {
            "bewoner": GebruikerFactory(),
            "adviseur": w["wijk"].wijkadviseur,
            "wethouder": w["wethouder"],
            "collegelid": w["collegelid"],
        }[wie]
    )
    voor = Statuswijziging.objects.count()
    for url, gegevens in (
        (reverse("initiatieven:voorstel_accepteren", args=[punt.pk]), {}),
        (
            reverse("initiatieven:voorstel_verplaatsen", args=[punt.pk]),
            {"vergadering": w["later"].pk},
        ),
        (reverse("initiatieven:voorstel_teruggeven", args=[punt.pk]), {"reden": "Nee"}),
        (
            reverse("initiatieven:besluit", args=[geagendeerd.pk]),
            {"resultaat": "aangenomen", "toelichting": "x"},
        ),
    ):
        assert client.post(url, gegevens).status_code == 403, url
    punt.refresh_from_db()
    assert (punt.status, punt.vergadering) == (AgendapuntStatus.VOORGESTELD, w["college"])
    assert Statuswijziging.objects.count() == voor and not Besluit.objects.exists()


def test_wethouder_kan_geen_item_van_een_andere_wijk_posten(client, w):
    vreemd = OnderwerpFactory(status=S.BIJ_WIJKWETHOUDER, wijk=w["andere"])
    _escalatie(w)
    client.force_login(w["wethouder"])
    antwoord = client.post(
        reverse("initiatieven:agenderen"),
        {
            "onderwerpen": [vreemd.pk],
            "vergadering": w["college"].pk,
            "titel": "T",
            "toelichting": "T",
            "status": "afgerond",
        },
    )
    assert antwoord.status_code == 200 and "onderwerpen" in antwoord.context["form"].errors
    vreemd.refresh_from_db()
    assert vreemd.status == S.BIJ_WIJKWETHOUDER and not Agendapunt.objects.exists()


def test_de_hele_route_via_de_paginas(client, w):
    onderwerp = _escalatie(w)
    client.force_login(w["wethouder"])
    antwoord = client.post(
        reverse("initiatieven:agenderen"),
        {
            "onderwerpen": [onderwerp.pk],
            "vergadering": w["college"].pk,
            "titel": "Drempels",
            "toelichting": "Te hard rijden.",
        },
    )
    assert antwoord.status_code == 302
    punt = Agendapunt.objects.get()
    client.force_login(w["griffie"])
    client.post(reverse("initiatieven:voorstel_accepteren", args=[punt.pk]))
    # Decisions come after the meeting: move the meeting into the past.
    w["college"].begin = timezone.now() - datetime.timedelta(hours=1)
    w["college"].save()
    assert punt in client.get(reverse("initiatieven:agenda_griffie")).context["zonder_besluit"]
    antwoord = client.post(
        reverse("initiatieven:besluit", args=[punt.pk]),
        {"resultaat": "doorverwezen_raad", "toelichting": "Naar de raad."},
    )
    assert antwoord.status_code == 200 and "raadsvergadering" in antwoord.context["form"].errors
    antwoord = client.post(
        reverse("initiatieven:besluit", args=[punt.pk]),
        {
            "resultaat": "doorverwezen_raad",
            "toelichting": "Naar de raad.",
            "raadsvergadering": w["raad"].pk,
            "toezegging": "Display plaatsen",
            "verantwoordelijke": "Wethouder verkeer",
            "datum": "2027-02-01",
        },
    )
    assert antwoord.status_code == 302
    onderwerp.refresh_from_db()
    assert onderwerp.status == S.GEAGENDEERD_RAAD
    pagina = client.get(w["college"].get_absolute_url()).content.decode()
    assert "Naar de raad." in pagina and "Display plaatsen" in pagina


@pytest.mark.parametrize("naam", ["agenderen", "agenda_griffie"])
def test_aantal_queries_groeit_niet_met_data(client, w, naam, django_assert_max_num_queries):
    def vul(n):
        for _ in range(n):
            punt = _voorstel(w, _escalatie(w), _escalatie(w))
            _escalatie(w)
            geagendeerd = AgendapuntFactory(
                vergadering=w["geweest"],
                onderwerpen=[OnderwerpFactory(wijk=w["wijk"]) for _ in range(2)],
            )
            assert punt and geagendeerd

    client.force_login(w["griffie"] if naam == "agenda_griffie" else w["wethouder"])
    url = reverse(f"initiatieven:{naam}")
    vul(1)
    template = {
        "agenda_griffie": "initiatieven/agenda/griffie.html",
        "agenderen": "initiatieven/agenda/agenderen.html",
    }[naam]
    with CaptureQueriesContext(connection) as weinig:
        response = client.get(url)
    assert_page(response, template)
    vul(4)
    with django_assert_max_num_queries(len(weinig)):
        response = client.get(url)
    assert_page(response, template)


def test_demo_heeft_vergaderingen_besluiten_en_beide_agendastanden(db, settings):
    from contacten.models import Orgaan, Vergadering, VergaderStatus
    from wijkportaal.demo import seed

    settings.DEMO = True
    seed()
    aantal = Vergadering.objects.count()
    seed()  # idempotent
    assert Vergadering.objects.count() == aantal
    nu = timezone.now()
    for orgaan in (Orgaan.COLLEGE, Orgaan.GEMEENTERAAD):
        vergaderingen = Vergadering.objects.gepubliceerd().filter(orgaan=orgaan)
        assert vergaderingen.filter(begin__lt=nu).exists(), orgaan
        assert vergaderingen.filter(begin__gt=nu).exists(), orgaan
    assert Vergadering.objects.filter(status=VergaderStatus.CONCEPT).exists()
    assert Besluit.objects.filter(agendapunt__vergadering__orgaan=Orgaan.GEMEENTERAAD).exists()
    assert Toezegging.objects.filter(status="nagekomen").exists()
    assert Toezegging.objects.filter(status="open").exists()
    from initiatieven.models import Onderwerp

    statussen = set(Onderwerp.objects.values_list("status", flat=True))
    assert {S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD} <= statussen
    assert Agendapunt.objects.filter(status=AgendapuntStatus.VOORGESTELD).exists()
    assert Agendapunt.objects.filter(status=AgendapuntStatus.TERUGGEGEVEN).exists()
    # Every public meeting page renders with the demo's data.
    from django.test import Client

    c = Client()
    assert c.get(reverse("contacten:vergaderingen")).status_code == 200
    assert c.get(reverse("contacten:toezeggingen")).status_code == 200
    for v in Vergadering.objects.gepubliceerd():
        assert c.get(v.get_absolute_url()).status_code == 200


def test_partial_voor_de_itempagina(w):
    from django.template.loader import render_to_string

    onderwerp = _escalatie(w)
    punt = _geagendeerd(w, onderwerp)
    agenda.besluit_vastleggen(
        agendapunt=punt, door=w["griffie"], resultaat="aangenomen", toelichting="<b>Ja</b>"
    )
    html = render_to_string(
        "initiatieven/includes/agenda_van_onderwerp.html",
        {"agendapunten": Agendapunt.objects.van_onderwerp(onderwerp.pk)},
    )
    assert w["college"].get_absolute_url() in html and "&lt;b&gt;Ja&lt;/b&gt;" in html
    leeg = render_to_string("initiatieven/includes/agenda_van_onderwerp.html", {"agendapunten": []})
    assert "agenda-van-onderwerp" not in leeg


def test_csrf_wordt_gecontroleerd(w):
    from django.test import Client

    punt = _voorstel(w)
    c = Client(enforce_csrf_checks=True)
    c.force_login(w["griffie"])
    antwoord = c.post(reverse("initiatieven:voorstel_accepteren", args=[punt.pk]))
    assert antwoord.status_code == 403
    punt.refresh_from_db()
    assert punt.status == AgendapuntStatus.VOORGESTELD


def test_griffiepagina_toont_het_punt_zodra_de_vergadering_begint(client, w):
    """The griffie's "Proposals and decisions" is cached; an accepted agenda item becomes
    one to record when its meeting begins, which is no write: the page shows it the
    moment the meeting has begun (it did not, until the griffie signed in again)."""
    nu = timezone.now().replace(microsecond=0)
    with time_machine.travel(nu, tick=False) as reis:
        vergadering = VergaderingFactory(begin=nu + datetime.timedelta(minutes=10))
        punt = _voorstel(w, vergadering=vergadering)
        agenda.voorstel_accepteren(agendapunt=punt, door=w["griffie"])
        client.force_login(w["griffie"])
        url = reverse("initiatieven:agenda_griffie")
        assert f'id="punt-{punt.pk}"' not in client.get(url).content.decode()
        assert f'id="punt-{punt.pk}"' not in client.get(url).content.decode()  # cached
        reis.move_to(vergadering.begin + datetime.timedelta(seconds=1))
        assert f'id="punt-{punt.pk}"' in client.get(url).content.decode()

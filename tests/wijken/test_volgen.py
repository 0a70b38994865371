"""Following a ward: the services, the news sources of the higher apps, the immediate and
weekly emails (once, never twice, never private data), the unsubscribe link and the pages."""

import datetime
import io

import pytest
import time_machine
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contacten.volgen import nieuws_van_bezoeken
from initiatieven import services
from initiatieven.keuzes import Status
from initiatieven.models import Statuswijziging
from initiatieven.volgen import nieuws_van_onderwerpen
from tests.contacten.factories import BezoekFactory
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.responses import assert_page
from tests.wijken.factories import WijkFactory
from wijken import volgen
from wijken.management.commands.wijkberichten import MARGE
from wijken.models import Berichtfrequentie, Volger

pytestmark = pytest.mark.django_db

UUR = datetime.timedelta(hours=1)
DAG = datetime.timedelta(days=1)


def _volger(wijk, frequentie=Berichtfrequentie.DIRECT, gebruiker=None, sinds=None) -> Volger:
    return Volger.objects.create(
        gebruiker=gebruiker or GebruikerFactory(),
        wijk=wijk,
        frequentie=frequentie,
        laatst_bericht=sinds or timezone.now() - UUR,
    )


def _inhoud(bericht) -> str:
    """Both parts of an email, plain and HTML."""
    return bericht.body + "".join(inhoud for inhoud, _type in bericht.alternatives)


# --- services ------------------------------------------------------------------------------


def test_volgen_wijzigen_en_stoppen(wijk, bewoner):
    volger, nieuw = volgen.volger_opslaan(
        gebruiker=bewoner, wijk=wijk, frequentie=Berichtfrequentie.DIRECT
    )
    assert nieuw and volger.frequentie == Berichtfrequentie.DIRECT
    # News starts now: a new follower does not get the ward's past.
    assert timezone.now() - volger.laatst_bericht < datetime.timedelta(seconds=10)

    volger2, nieuw = volgen.volger_opslaan(
        gebruiker=bewoner, wijk=wijk, frequentie=Berichtfrequentie.WEKELIJKS
    )
    assert not nieuw and volger2.pk == volger.pk
    assert Volger.objects.get().frequentie == Berichtfrequentie.WEKELIJKS

    assert volgen.volger_verwijderen(gebruiker=bewoner, wijk=wijk) is True
    assert volgen.volger_verwijderen(gebruiker=bewoner, wijk=wijk) is False
    assert not Volger.objects.exists()


def test_volgen_geweigerd_zonder_account_of_met_onzin(wijk, bewoner):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(volgen.Geweigerd):
        volgen.volger_opslaan(gebruiker=AnonymousUser(), wijk=wijk, frequentie="direct")
    bewoner.is_active = False
    with pytest.raises(volgen.Geweigerd):
        volgen.volger_opslaan(gebruiker=bewoner, wijk=wijk, frequentie="direct")
    bewoner.is_active = True
    with pytest.raises(ValueError):
        volgen.volger_opslaan(gebruiker=bewoner, wijk=wijk, frequentie="elk uur")
    assert not Volger.objects.exists()


# --- the registry ---------------------------------------------------------------------------


def test_beide_apps_registreren_hun_bron():
    assert {"onderwerpen", "bezoeken"} <= set(volgen.bronnen())


def test_register_houdt_zich_aan_venster_en_wijken(monkeypatch, wijk, andere_wijk):
    nu = timezone.now()

    def n(wijk_id, tijdstip, titel):
        return volgen.Nieuwtje(wijk_id, tijdstip, "onderwerp", titel, "", "/x/")

    def slordige_bron(wijk_ids, sinds, tot):
        return [
            n(wijk.pk, nu - UUR, "binnen"),
            n(wijk.pk, nu - 3 * UUR, "te oud"),
            n(wijk.pk, nu + UUR, "te nieuw"),
            n(andere_wijk.pk, nu - UUR, "andere wijk"),
        ]

    monkeypatch.setattr(volgen, "_BRONNEN", {"slordig": slordige_bron})
    per_wijk = volgen.nieuws([wijk.pk], nu - 2 * UUR, nu)
    assert [x.titel for x in per_wijk[wijk.pk]] == ["binnen"]
    assert andere_wijk.pk not in per_wijk


# --- the sources ----------------------------------------------------------------------------


def test_bron_onderwerpen_alleen_openbaar_en_in_venster(wijk, andere_wijk):
    nu = timezone.now()
    nieuw = OnderwerpFactory(wijk=wijk, openbaar_=True, publieke_titel="Bankje bij de vijver")
    OnderwerpFactory(wijk=wijk, titel="Geheim plan")  # not public
    OnderwerpFactory(wijk=andere_wijk, openbaar_=True, titel="Elders")
    oud = OnderwerpFactory(wijk=wijk, openbaar_=True, gepubliceerd_op=nu - 5 * DAG)

    nieuws = nieuws_van_onderwerpen([wijk.pk], nu - DAG, nu + UUR)
    assert [(x.soort, x.titel, x.url) for x in nieuws] == [
        ("onderwerp", "Bankje bij de vijver", nieuw.get_absolute_url())
    ]
    # A public item's step is news; the step before it was published is not.
    Statuswijziging.objects.create(
        onderwerp=oud, van="", naar=Status.INGEDIEND, tijdstip=nu - 6 * DAG
    )
    Statuswijziging.objects.create(
        onderwerp=oud,
        van=Status.INGEDIEND,
        naar=Status.IN_BEHANDELING,
        publieke_toelichting="We bellen de buurt.",
        interne_notitie="Wethouder vindt dit lastig",
        tijdstip=nu - UUR,
    )
    stappen = [x for x in nieuws_van_onderwerpen([wijk.pk], nu - 7 * DAG, nu) if x.soort == "stap"]
    assert len(stappen) == 1
    assert "We bellen de buurt." in stappen[0].tekst
    assert "lastig" not in stappen[0].tekst


def test_bron_onderwerpen_vaste_queries(wijk, django_assert_num_queries):
    nu = timezone.now()
    for _i in range(4):
        o = OnderwerpFactory(wijk=wijk, openbaar_=True)
        Statuswijziging.objects.create(
            onderwerp=o, van=Status.INGEDIEND, naar=Status.IN_BEHANDELING
        )
    with django_assert_num_queries(2):
        assert len(nieuws_van_onderwerpen([wijk.pk], nu - DAG, nu + DAG)) == 8


def test_bron_bezoeken(wijk, django_assert_num_queries):
    nu = timezone.now()
    gepland = BezoekFactory(wijk=wijk, werkbezoek=True)
    verslag = BezoekFactory(wijk=wijk, werkbezoek=True, gepubliceerd=True)
    verslag.aangemaakt = nu - 30 * DAG
    verslag.save()
    BezoekFactory(wijk=wijk, werkbezoek=True, geannuleerd=True)
    BezoekFactory(wijk=wijk, werkbezoek=True, openbaar=False)  # never news
    BezoekFactory(werkbezoek=True)  # another ward
    with django_assert_num_queries(1):
        nieuws = nieuws_van_bezoeken([wijk.pk], nu - DAG, nu + DAG)
    assert len(nieuws) == 3, nieuws
    assert all(x.soort == "bezoek" and x.wijk_id == wijk.pk for x in nieuws)
    # Planned, report published, cancelled: three different messages.
    assert len({x.tekst.split(".")[0] for x in nieuws}) == 3
    assert "Buurthuis De Kern" in next(x.tekst for x in nieuws if x.tijdstip == gepland.aangemaakt)
    assert any(x.tijdstip == verslag.verslag_gepubliceerd_op for x in nieuws)
    assert not any("verhinderd" in x.tekst for x in nieuws)  # the reason is not in the news


# --- the immediate email ----------------------------------------------------------------------


def _afmelden_zoals_verstuurd(bericht, afmelden: str) -> None:
    """Issue 14.25: the header as the mail server receives it. The mail library encoded
    the long line as RFC 2047 (``=?utf-8?q?=3Chttps…``), and mail clients then offered no
    one-click unsubscribe. RFC 2369/8058: the URL in angle brackets as it is, on one line
    (RFC 5322 allows 998 characters), with ``List-Unsubscribe-Post``."""
    import email
    import email.policy

    for policy in (email.policy.default, email.policy.SMTP):
        ruw = bericht.message(policy=policy).as_bytes()
        assert b"List-Unsubscribe: =?" not in ruw
        assert f"\nList-Unsubscribe: {afmelden}{policy.linesep}".encode() in ruw
        post = "List-Unsubscribe-Post: List-Unsubscribe=One-Click"
        assert f"\n{post}{policy.linesep}".encode() in ruw
        # Read back by a mail client: the same URL.
        gelezen = email.message_from_bytes(ruw, policy=email.policy.default)
        assert str(gelezen["List-Unsubscribe"]) == afmelden
    assert len(afmelden) > 78  # long enough to have been folded


def test_direct_bericht_bij_publiceren_en_bij_een_stap(
    wijk, mailoutbox, django_capture_on_commit_callbacks
):
    indiener = GebruikerFactory(email="indiener@example.test", weergavenaam="Ingrid Indiener")
    volger = _volger(wijk)
    wekelijks = _volger(wijk, frequentie=Berichtfrequentie.WEKELIJKS)
    onderwerp = OnderwerpFactory(
        wijk=wijk, indiener=indiener, titel="Speeltuin <script>alert(1)</script>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        onderwerp = services.onderwerp_screenen(
            onderwerp=onderwerp, door=wijk.wijkadviseur, versie=onderwerp.versie, openbaar=True
        )
    berichten = [m for m in mailoutbox if volger.gebruiker.email in m.to]
    assert len(berichten) == 1
    bericht = berichten[0]
    assert not [m for m in mailoutbox if wekelijks.gebruiker.email in m.to]
    inhoud = _inhoud(bericht)
    assert onderwerp.get_absolute_url() in inhoud
    assert "<script>" not in bericht.alternatives[0][0]  # escaped in HTML
    assert "&lt;script&gt;" in bericht.alternatives[0][0]
    assert "Ingrid" not in inhoud and "indiener@example.test" not in inhoud
    afmelden = bericht.extra_headers["List-Unsubscribe"]
    assert afmelden.startswith("<http") and "/wijken/afmelden/" in afmelden
    assert bericht.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert afmelden.strip("<>") in inhoud
    _afmelden_zoals_verstuurd(bericht, afmelden)

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.onderwerp_overgang(
            onderwerp=onderwerp,
            naar=Status.IN_BEHANDELING,
            door=wijk.wijkadviseur,
            toelichting="We nemen contact op met de buurt.",
            notitie="INTERN: budget is op",
        )
    berichten = [m for m in mailoutbox if volger.gebruiker.email in m.to]
    assert len(berichten) == 1
    inhoud = _inhoud(berichten[0])
    assert "We nemen contact op met de buurt." in inhoud
    assert "INTERN" not in inhoud
    # The publication was in the first email: not again.
    assert inhoud.count(onderwerp.get_absolute_url()) == 2  # plain + HTML, the step only


def test_geen_bericht_voor_niet_openbaar(wijk, mailoutbox, django_capture_on_commit_callbacks):
    volger = _volger(wijk)
    onderwerp = OnderwerpFactory(wijk=wijk, titel="Geheim plan")
    with django_capture_on_commit_callbacks(execute=True):
        onderwerp = services.onderwerp_screenen(
            onderwerp=onderwerp,
            door=wijk.wijkadviseur,
            versie=onderwerp.versie,
            openbaar=False,
            niet_openbaar_reden="Privé",
        )
        services.onderwerp_overgang(
            onderwerp=onderwerp,
            naar=Status.IN_BEHANDELING,
            door=wijk.wijkadviseur,
            toelichting="Openbare toelichting",
        )
    assert not [m for m in mailoutbox if volger.gebruiker.email in m.to]


def test_twee_taken_sturen_niets_dubbel(wijk, mailoutbox, django_capture_on_commit_callbacks):
    _volger(wijk)
    OnderwerpFactory(wijk=wijk, openbaar_=True)
    with django_capture_on_commit_callbacks(execute=True):
        volgen.direct_versturen.call(wijk_id=wijk.pk)
        volgen.direct_versturen.call(wijk_id=wijk.pk)
    assert len(mailoutbox) == 1
    # The same window twice (two tasks that read the clock at the same moment): once.
    mailoutbox.clear()
    OnderwerpFactory(wijk=wijk, openbaar_=True)
    tot = timezone.now() + UUR
    with django_capture_on_commit_callbacks(execute=True):
        assert volgen.berichten_versturen(Volger.objects.all(), tot=tot) == 1
        assert volgen.berichten_versturen(Volger.objects.all(), tot=tot) == 0
    assert len(mailoutbox) == 1


def test_geen_bericht_zonder_nieuws(wijk, mailoutbox, django_capture_on_commit_callbacks):
    volger = _volger(wijk)
    with django_capture_on_commit_callbacks(execute=True):
        assert volgen.direct_versturen.call(wijk_id=wijk.pk) == 0
    assert mailoutbox == []
    volger.refresh_from_db()
    assert timezone.now() - volger.laatst_bericht < datetime.timedelta(seconds=10)


def test_rollback_stuurt_niets(wijk, mailoutbox, django_capture_on_commit_callbacks):
    """melden() queues after the commit: a change that rolls back tells nobody."""
    from django.db import transaction

    _volger(wijk)
    OnderwerpFactory(wijk=wijk, openbaar_=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                volgen.melden(wijk_id=wijk.pk)
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == [] and mailoutbox == []


# --- the weekly command ---------------------------------------------------------------------


def test_weekbericht_bevat_precies_de_week(wijk, mailoutbox, django_capture_on_commit_callbacks):
    maandag = datetime.datetime(2026, 3, 9, 7, 0, tzinfo=datetime.UTC)
    vorige = maandag - 7 * DAG
    volger = _volger(wijk, frequentie=Berichtfrequentie.WEKELIJKS, sinds=vorige)
    direct = _volger(wijk, frequentie=Berichtfrequentie.DIRECT, sinds=vorige)
    OnderwerpFactory(wijk=wijk, openbaar_=True, titel="Vorige week", gepubliceerd_op=vorige - UUR)
    OnderwerpFactory(
        wijk=wijk, openbaar_=True, titel="Deze week", gepubliceerd_op=maandag - 3 * DAG
    )
    OnderwerpFactory(wijk=wijk, openbaar_=True, titel="Straks", gepubliceerd_op=maandag + UUR)
    BezoekFactory(wijk=wijk, werkbezoek=True, aangemaakt=maandag - 2 * DAG)

    with (
        time_machine.travel(maandag, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("wijkberichten", stdout=io.StringIO())
    assert len(mailoutbox) == 1
    bericht = mailoutbox[0]
    assert bericht.to == [volger.gebruiker.email]
    inhoud = _inhoud(bericht)
    assert "Deze week" in inhoud
    assert "Vorige week" not in inhoud and "Straks" not in inhoud
    assert "Buurthuis De Kern" in inhoud  # the visit
    volger.refresh_from_db()
    direct.refresh_from_db()
    assert volger.laatst_bericht == maandag - MARGE
    assert direct.laatst_bericht == vorige  # not the weekly command's business

    # Run again half an hour later: nothing new, nothing sent.
    mailoutbox.clear()
    with (
        time_machine.travel(maandag + UUR / 2, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("wijkberichten", stdout=io.StringIO())
    assert mailoutbox == []


def test_weekcommando_proef_en_direct(wijk, mailoutbox, django_capture_on_commit_callbacks):
    weekvolger = _volger(wijk, frequentie=Berichtfrequentie.WEKELIJKS, sinds=timezone.now() - DAG)
    direct = _volger(wijk, frequentie=Berichtfrequentie.DIRECT, sinds=timezone.now() - DAG)
    OnderwerpFactory(wijk=wijk, openbaar_=True, gepubliceerd_op=timezone.now() - UUR)
    uit = io.StringIO()
    call_command("wijkberichten", "--dry-run", "--direct", stdout=uit)
    assert mailoutbox == []
    assert "1 email(s) would be sent" in uit.getvalue()
    assert Volger.objects.get(pk=weekvolger.pk).laatst_bericht == weekvolger.laatst_bericht

    with django_capture_on_commit_callbacks(execute=True):
        call_command("wijkberichten", "--direct", stdout=io.StringIO())
    assert sorted(a for m in mailoutbox for a in m.to) == sorted(
        [weekvolger.gebruiker.email, direct.gebruiker.email]
    )


def test_geen_bericht_naar_inactief_account(wijk, mailoutbox, django_capture_on_commit_callbacks):
    volger = _volger(wijk, frequentie=Berichtfrequentie.WEKELIJKS, sinds=timezone.now() - DAG)
    volger.gebruiker.is_active = False
    volger.gebruiker.save()
    OnderwerpFactory(wijk=wijk, openbaar_=True)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("wijkberichten", stdout=io.StringIO())
    assert mailoutbox == []


def test_veel_volgers_vaste_queries(wijk, andere_wijk, django_assert_max_num_queries):
    for w in (wijk, andere_wijk):
        OnderwerpFactory(wijk=w, openbaar_=True)
        for _i in range(5):
            _volger(w, frequentie=Berichtfrequentie.WEKELIJKS, sinds=timezone.now() - DAG)
    # ids, lock+read, two item queries, one visit query, one query of questions to the
    # ward (meedenken's news source), one bulk update (+ savepoints)
    with django_assert_max_num_queries(11):
        assert volgen.berichten_versturen(Volger.objects.wekelijks()) == 10


# --- unsubscribing --------------------------------------------------------------------------


def test_afmelden_met_link_get_zonder_inloggen(wijk):
    volger = _volger(wijk)
    ander = _volger(wijk)
    url = reverse("wijken:afmelden", kwargs={"token": volgen.afmeldtoken(volger)})
    response = Client().get(url)
    assert response.status_code == 200
    assert not Volger.objects.filter(pk=volger.pk).exists()
    assert Volger.objects.filter(pk=ander.pk).exists()
    assert b'id="afgemeld"' in response.content
    # Again: still fine, nothing else changes.
    assert Client().get(url).status_code == 200
    assert Volger.objects.count() == 1


def test_afmelden_met_een_klik_post_zonder_csrf(wijk):
    volger = _volger(wijk)
    url = reverse("wijken:afmelden", kwargs={"token": volgen.afmeldtoken(volger)})
    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Volger.objects.exists()


def test_oude_link_stopt_ook_opnieuw_volgen(wijk):
    """An old email's link stops the following that was started again since."""
    volger = _volger(wijk)
    token = volgen.afmeldtoken(volger)
    gebruiker = volger.gebruiker
    volger.delete()
    _volger(wijk, gebruiker=gebruiker)
    Client().get(reverse("wijken:afmelden", kwargs={"token": token}))
    assert not Volger.objects.exists()


@pytest.mark.parametrize(
    "vervalsen",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: "onzin",
        # Same contents signed for another purpose
        lambda t: signing.dumps(signing.loads(t, salt=volgen.AFMELD_SALT)),
    ],
    ids=["gewijzigd", "onzin", "ander_doel"],
)
@pytest.mark.parametrize("methode", ["get", "post"])
def test_vervalste_link_400_en_niets_verandert(wijk, vervalsen, methode):
    volger = _volger(wijk)
    token = vervalsen(volgen.afmeldtoken(volger))
    url = reverse("wijken:afmelden", kwargs={"token": token})
    response = getattr(Client(), methode)(url)
    assert response.status_code == 400
    assert b'id="afmelden-ongeldig"' in response.content
    assert Volger.objects.filter(pk=volger.pk).exists()


def test_afmeldpagina_ingelogd_toont_opnieuw_volgen(client, wijk):
    volger = _volger(wijk)
    client.force_login(volger.gebruiker)
    response = client.get(reverse("wijken:afmelden", kwargs={"token": volgen.afmeldtoken(volger)}))
    assert response.status_code == 200
    assert reverse("wijken:volgen", kwargs={"code": wijk.code}).encode() in response.content


# --- the pages ------------------------------------------------------------------------------


def test_volgen_via_de_pagina(client, wijk, bewoner):
    client.force_login(bewoner)
    url = reverse("wijken:volgen", kwargs={"code": wijk.code})
    response = client.post(url, {"frequentie": "wekelijks"})
    assert response.status_code == 302 and response["Location"] == wijk.get_absolute_url()
    assert Volger.objects.get(gebruiker=bewoner).frequentie == "wekelijks"
    client.post(url, {"frequentie": "direct", "next": reverse("wijken:gevolgd")})
    assert Volger.objects.get(gebruiker=bewoner).frequentie == "direct"
    assert Volger.objects.count() == 1


def test_volgen_met_foute_invoer(client, wijk, bewoner):
    client.force_login(bewoner)
    url = reverse("wijken:volgen", kwargs={"code": wijk.code})
    response = client.post(url, {"frequentie": "elk uur", "gebruiker": 1, "wijk": 999})
    assert response.status_code == 400
    assert b"foutensamenvatting" in response.content
    assert not Volger.objects.exists()


def test_volgen_next_naar_buiten_blijft_op_de_site(client, wijk, bewoner):
    client.force_login(bewoner)
    url = reverse("wijken:volgen", kwargs={"code": wijk.code})
    response = client.post(url, {"frequentie": "direct", "next": "https://evil.example/"})
    assert response["Location"] == wijk.get_absolute_url()


def test_ontvolgen(client, wijk, bewoner):
    _volger(wijk, gebruiker=bewoner)
    ander = _volger(wijk)
    client.force_login(bewoner)
    response = client.post(reverse("wijken:ontvolgen", kwargs={"code": wijk.code}))
    assert response.status_code == 302
    assert list(Volger.objects.all()) == [ander]


def test_csrf_nodig_voor_volgen(wijk, bewoner):
    c = Client(enforce_csrf_checks=True)
    c.force_login(bewoner)
    response = c.post(
        reverse("wijken:volgen", kwargs={"code": wijk.code}), {"frequentie": "direct"}
    )
    assert response.status_code == 403
    assert not Volger.objects.exists()


def test_gevolgde_wijken_vaste_queries(client, bewoner, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _volger(WijkFactory(), gebruiker=bewoner)
    _volger(WijkFactory())  # someone else's
    client.force_login(bewoner)
    with CaptureQueriesContext(connection) as een:
        response = client.get(reverse("wijken:gevolgd"))
    assert_page(response, "wijken/gevolgd.html")
    for _i in range(5):
        _volger(WijkFactory(), gebruiker=bewoner)
    # As many queries for six wards as for one.
    with django_assert_max_num_queries(len(een.captured_queries)):
        response = client.get(reverse("wijken:gevolgd"))
    assert_page(response, "wijken/gevolgd.html")
    assert response.content.count(b'class="border rounded p-3 mb-3 gevolgde-wijk"') == 6


def test_wijkpagina_volgblok(client, wijk, bewoner):
    url = wijk.get_absolute_url()
    inhoud = client.get(url).content.decode()
    assert 'id="volgen-inloggen"' in inhoud
    assert "next=%2Fwijken%2F" in inhoud
    client.force_login(bewoner)
    inhoud = client.get(url).content.decode()
    assert 'data-volgt="nee"' in inhoud
    assert reverse("wijken:volgen", kwargs={"code": wijk.code}) in inhoud
    _volger(wijk, gebruiker=bewoner, frequentie=Berichtfrequentie.WEKELIJKS)
    inhoud = client.get(url).content.decode()
    assert 'data-volgt="wekelijks"' in inhoud
    assert reverse("wijken:ontvolgen", kwargs={"code": wijk.code}) in inhoud


def test_demo_volger_idempotent(bewoner):
    from wijken.demo import seed_volgers

    WijkFactory(code="WK999901")
    seed_volgers(accounts={"bewoner": bewoner}, stdout=io.StringIO())
    seed_volgers(accounts={"bewoner": bewoner})
    volger = Volger.objects.get()
    assert volger.gebruiker == bewoner and volger.frequentie == Berichtfrequentie.WEKELIJKS


@pytest.mark.django_db(transaction=True)
def test_parallelle_taken_sturen_een_bericht(mailoutbox):
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises the tasks anyway")
    wijk = WijkFactory(met_staf=True)
    volgers = [_volger(wijk) for _i in range(3)]
    OnderwerpFactory(wijk=wijk, openbaar_=True)
    start = threading.Barrier(8)
    fouten = []

    def taak():
        try:
            start.wait()
            volgen.direct_versturen.call(wijk_id=wijk.pk)
        except Exception as exc:  # noqa: BLE001 - reported below
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=taak) for _i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten
    assert sorted(a for m in mailoutbox for a in m.to) == sorted(v.gebruiker.email for v in volgers)


def test_extra_velden_worden_genegeerd(client, wijk, andere_wijk, bewoner):
    """QUALITY bad input 10: someone else's id or another ward in the POST change nothing."""
    ander = GebruikerFactory()
    client.force_login(bewoner)
    client.post(
        reverse("wijken:volgen", kwargs={"code": wijk.code}),
        {
            "frequentie": "direct",
            "gebruiker": ander.pk,
            "wijk": andere_wijk.pk,
            "laatst_bericht": "2000-01-01T00:00:00Z",
        },
    )
    volger = Volger.objects.get()
    assert (volger.gebruiker, volger.wijk) == (bewoner, wijk)
    assert timezone.now() - volger.laatst_bericht < datetime.timedelta(seconds=10)


def test_csrf_nodig_voor_ontvolgen(wijk, bewoner):
    _volger(wijk, gebruiker=bewoner)
    c = Client(enforce_csrf_checks=True)
    c.force_login(bewoner)
    response = c.post(reverse("wijken:ontvolgen", kwargs={"code": wijk.code}))
    assert response.status_code == 403
    assert Volger.objects.filter(gebruiker=bewoner).exists()

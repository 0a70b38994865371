"""The composition pages, navigation, health check, error pages, sessions and language."""

import pytest
import time_machine
from django.conf import settings
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation

from tests.factories import GebruikerFactory
from wijkportaal import views
from wijkportaal.navigation import alle_links, menu_voor


@pytest.mark.django_db
def test_healthz_doet_een_databaseronde(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_meldt_een_onbereikbare_database(client, monkeypatch):
    from django.db import DatabaseError

    def kapot(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(views.connection, "cursor", kapot)
    response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.django_db
@pytest.mark.parametrize("pad", ["/", "/toegankelijkheid/", "/privacy/"])
def test_publieke_paginas_hebben_een_h1_en_de_footerlinks(client, pad):
    response = client.get(pad)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'href="/toegankelijkheid/"' in html
    assert 'href="/privacy/"' in html
    assert 'id="inhoud"' in html
    assert 'href="#inhoud"' in html


@pytest.mark.django_db
def test_404_in_de_eigen_huisstijl(client):
    response = client.get("/bestaat-echt-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'id="inhoud"' in html
    assert settings.GEMEENTE_NAAM in html


def test_500_is_generiek_zonder_details():
    response = views.fout_500(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>" in html
    for lek in ("Traceback", "SECRET_KEY", "settings", "File "):
        assert lek not in html


@pytest.mark.django_db
def test_403_in_de_eigen_huisstijl(rf):
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = views.fout_403(request)
    assert response.status_code == 403
    assert 'id="inhoud"' in response.content.decode()


@pytest.mark.django_db
def test_menu_toont_alleen_bestaande_paginas():
    # Pages that do not exist yet (no URL) never appear, whoever asks.
    bestaande = {link["url"] for link in alle_links(menu_voor(GebruikerFactory(beheerder=True)))}
    for url in bestaande:
        assert url.startswith("/")


@pytest.mark.django_db
def test_menu_markeert_de_huidige_pagina():
    from wijkportaal import navigation

    origineel = navigation.HOOFDMENU
    try:
        navigation.HOOFDMENU = [
            navigation.Link("Privacy", "privacy", navigation._iedereen),
            navigation.Link("Nergens", "bestaat_niet", navigation._iedereen),
            navigation.Link("Alleen griffie", "toegankelijkheid", lambda u: False),
        ]
        menu = menu_voor(GebruikerFactory(), "/privacy/")
    finally:
        navigation.HOOFDMENU = origineel
    assert menu == [{"label": "Privacy", "url": "/privacy/", "actief": True}]


@pytest.mark.django_db
def test_ingelogd_ziet_uitloggen_uitgelogd_ziet_inloggen(client):
    html = client.get("/").content.decode()
    assert f'href="{reverse("account_login")}"' in html
    assert f'action="{reverse("account_logout")}"' not in html
    client.force_login(GebruikerFactory())
    html = client.get("/").content.decode()
    assert f'action="{reverse("account_logout")}"' in html


@pytest.mark.django_db
def test_nederlands_is_de_standaardtaal_en_engels_is_te_kiezen(client):
    response = client.get("/")
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in response.content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/privacy/"})
    assert response["Location"] == "/privacy/"
    response = client.get("/privacy/")
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()


def test_hoofdmenu_is_in_het_nederlands():
    from wijkportaal.navigation import HOOFDMENU, Groep

    with translation.override("nl"):
        labels = [
            [str(entry.label), [str(link.label) for link in entry.links]]
            if isinstance(entry, Groep)
            else str(entry.label)
            for entry in HOOFDMENU
        ]
    assert labels == [
        "Wijken",
        "Initiatieven en knelpunten",
        [
            "Doe mee",
            [
                "Initiatief indienen",
                "Knelpunt melden",
                "Meedenken",
                "Mijn inbreng",
                "Wijken die ik volg",
            ],
        ],
        [
            "Mijn werk",
            ["Werkvoorraad", "Voor besluit", "Wijkdashboard", "Bezoeken", "Contactmomenten"],
        ],
        [
            "Agenda's en besluiten",
            ["Naar de collegeagenda", "Agenda", "Voorstellen en besluiten", "Collegeoverzicht"],
        ],
    ]
    with translation.override("nl"):
        assert translation.gettext("Log in") == "Inloggen"
        assert translation.gettext("Log out") == "Uitloggen"


@pytest.mark.django_db
@override_settings(SESSION_IDLE_TIMEOUT=600)
def test_sessie_verloopt_na_inactiviteit(client):
    client.force_login(GebruikerFactory())
    with time_machine.travel(0, tick=False) as reis:
        reis.move_to("2026-11-24 10:00")
        assert client.get(reverse("account_email")).status_code == 200
        reis.move_to("2026-11-24 10:09")
        assert client.get(reverse("account_email")).status_code == 200
        reis.move_to("2026-11-24 10:18")  # 9 minutes after the last request: still fine
        assert client.get(reverse("account_email")).status_code == 200
        reis.move_to("2026-11-24 10:29")  # 11 minutes idle: signed out
        assert client.get(reverse("account_email")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@override_settings(SESSION_IDLE_TIMEOUT=3600, SESSION_COOKIE_AGE=4 * 3600)
def test_sessie_verloopt_na_de_absolute_termijn(client):
    client.force_login(GebruikerFactory())
    with time_machine.travel(0, tick=False) as reis:
        reis.move_to("2026-11-24 08:00")
        for uur in range(9, 12):
            reis.move_to(f"2026-11-24 {uur:02d}:00")
            assert client.get(reverse("account_email")).status_code == 200
        reis.move_to("2026-11-24 12:30")  # active all along, but 4.5 hours in all
        assert client.get(reverse("account_email")).status_code == 302


@pytest.mark.django_db
def test_alleen_de_meest_specifieke_menulink_is_actief():
    menu = menu_voor(GebruikerFactory(), "/initiatieven/knelpunt-melden/")
    actief = [link["url"] for link in alle_links(menu) if link["actief"]]
    assert actief == ["/initiatieven/knelpunt-melden/"]
    # The group holding the current page is marked too (its entry opens it).
    assert [str(item["label"]) for item in menu if item["actief"]] == ["Doe mee"]
    menu = menu_voor(GebruikerFactory(), "/initiatieven/12/")
    assert [link["url"] for link in alle_links(menu) if link["actief"]] == ["/initiatieven/"]

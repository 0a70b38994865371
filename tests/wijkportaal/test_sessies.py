"""Sessions: a resident sees and ends their other sessions; a session ends at sign-out,
after idle and absolute time-outs and when the account is deactivated, and a copy of the
old cookie opens nothing afterwards (QUALITY.md, bad input 16)."""

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import WACHTWOORD, GebruikerFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
LOGOUT = reverse("account_logout")
SESSIES = reverse("usersessions_list")
EIGEN_PAGINA = reverse("mijngegevens:overzicht")


def _aangemeld(gebruiker, browser: str) -> Client:
    """A browser signed in through the sign-in form, as a person does it."""
    c = Client(HTTP_USER_AGENT=browser)
    response = c.post(LOGIN, {"login": gebruiker.email, "password": WACHTWOORD})
    assert response.status_code == 302, "sign-in failed"
    assert c.get(EIGEN_PAGINA).status_code == 200
    return c


def _met_koekje_van(c: Client) -> Client:
    """A fresh browser carrying a copy of another one's session cookie."""
    kopie = Client()
    kopie.cookies[settings.SESSION_COOKIE_NAME] = c.cookies[settings.SESSION_COOKIE_NAME].value
    return kopie


def _buitengesloten(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_bewoner_ziet_beide_sessies_en_beeindigt_de_andere():
    bewoner = GebruikerFactory()
    laptop = _aangemeld(bewoner, "Laptopbrowser/1.0")
    telefoon = _aangemeld(bewoner, "Telefoonbrowser/2.0")
    ander = _aangemeld(GebruikerFactory(), "Vreemdebrowser/3.0")

    pagina = laptop.get(SESSIES)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Laptopbrowser/1.0" in html and "Telefoonbrowser/2.0" in html
    assert "Vreemdebrowser/3.0" not in html  # someone else's session is not theirs to see

    response = laptop.post(SESSIES)
    assert response.status_code == 302

    # The phone is signed out; the laptop, which ended it, and the other person are not.
    assert _buitengesloten(telefoon.get(EIGEN_PAGINA))
    assert laptop.get(EIGEN_PAGINA).status_code == 200
    assert ander.get(EIGEN_PAGINA).status_code == 200
    assert list(UserSession.objects.filter(user=bewoner).values_list("user_agent", flat=True)) == [
        "Laptopbrowser/1.0"
    ]
    html = laptop.get(SESSIES).content.decode()
    assert "Telefoonbrowser/2.0" not in html


def test_sessies_beeindigen_vraagt_csrf():
    bewoner = GebruikerFactory()
    _aangemeld(bewoner, "Laptopbrowser/1.0")
    telefoon = Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Telefoonbrowser/2.0")
    telefoon.force_login(bewoner)
    telefoon.get(EIGEN_PAGINA)
    assert telefoon.post(SESSIES).status_code == 403
    assert UserSession.objects.filter(user=bewoner).count() == 2


def test_sessiesleutel_wisselt_bij_inloggen():
    bewoner = GebruikerFactory()
    c = Client()
    c.get(LOGIN)  # an anonymous session exists before signing in
    c.session.save()
    voor = c.session.session_key
    c.post(LOGIN, {"login": bewoner.email, "password": WACHTWOORD})
    assert c.session.session_key != voor
    assert not Session.objects.filter(session_key=voor).exists()


def test_oud_koekje_na_uitloggen_geeft_geen_toegang():
    bewoner = GebruikerFactory()
    c = _aangemeld(bewoner, "Laptopbrowser/1.0")
    kopie = _met_koekje_van(c)
    assert kopie.get(EIGEN_PAGINA).status_code == 200  # the copy works while signed in

    assert c.post(LOGOUT).status_code == 302
    assert _buitengesloten(kopie.get(EIGEN_PAGINA))
    assert _buitengesloten(c.get(EIGEN_PAGINA))

    # Signed in again elsewhere: the ended session is in neither the list nor "my data".
    telefoon = _aangemeld(bewoner, "Telefoonbrowser/2.0")
    html = telefoon.get(SESSIES).content.decode()
    assert "Telefoonbrowser/2.0" in html and "Laptopbrowser/1.0" not in html
    sessies = telefoon.get(reverse("mijngegevens:download"), {"formaat": "json"}).json()["sessies"]
    assert [s["browser"] for s in sessies] == ["Telefoonbrowser/2.0"]


def test_mijn_gegevens_noemt_geen_beeindigde_sessies():
    bewoner = GebruikerFactory()
    laptop = _aangemeld(bewoner, "Laptopbrowser/1.0")
    telefoon = _aangemeld(bewoner, "Telefoonbrowser/2.0")
    telefoon.post(LOGOUT)
    # allauth keeps the row of the ended session until the list is shown again.
    assert UserSession.objects.filter(user=bewoner).count() == 2
    sessies = laptop.get(reverse("mijngegevens:download"), {"formaat": "json"}).json()["sessies"]
    assert [s["browser"] for s in sessies] == ["Laptopbrowser/1.0"]


def test_oud_koekje_na_deactiveren_geeft_geen_toegang():
    bewoner = GebruikerFactory()
    c = _aangemeld(bewoner, "Laptopbrowser/1.0")
    kopie = _met_koekje_van(c)
    bewoner.is_active = False
    bewoner.save(update_fields=["is_active"])
    assert _buitengesloten(kopie.get(EIGEN_PAGINA))
    assert _buitengesloten(c.get(EIGEN_PAGINA))
    # Signing in again is refused too.
    opnieuw = Client()
    response = opnieuw.post(LOGIN, {"login": bewoner.email, "password": WACHTWOORD})
    assert "_auth_user_id" not in opnieuw.session
    assert response.status_code in (200, 302)


def test_oud_koekje_na_wachtwoord_wijzigen_geeft_geen_toegang():
    bewoner = GebruikerFactory()
    telefoon = _aangemeld(bewoner, "Telefoonbrowser/2.0")
    laptop = _aangemeld(bewoner, "Laptopbrowser/1.0")
    response = laptop.post(
        reverse("account_change_password"),
        {
            "oldpassword": WACHTWOORD,
            "password1": "een-heel-ander-wachtwoord-77",
            "password2": "een-heel-ander-wachtwoord-77",
        },
    )
    assert response.status_code == 302
    assert _buitengesloten(telefoon.get(EIGEN_PAGINA))


@override_settings(SESSION_IDLE_TIMEOUT=600)
def test_na_inactiviteit_opent_ook_een_kopie_van_het_koekje_niets():
    """The idle time-out is kept on the server: replaying the cookie does not revive it."""
    bewoner = GebruikerFactory()
    with time_machine.travel("2026-11-24 10:00", tick=False) as reis:
        c = _aangemeld(bewoner, "Laptopbrowser/1.0")
        kopie = _met_koekje_van(c)
        reis.move_to("2026-11-24 10:11")
        assert _buitengesloten(c.get(EIGEN_PAGINA))
        assert _buitengesloten(kopie.get(EIGEN_PAGINA))


@override_settings(SESSION_IDLE_TIMEOUT=3600, SESSION_COOKIE_AGE=4 * 3600)
def test_absolute_termijn_geldt_ook_voor_een_kopie_van_het_koekje():
    bewoner = GebruikerFactory()
    with time_machine.travel("2026-11-24 08:00", tick=False) as reis:
        c = _aangemeld(bewoner, "Laptopbrowser/1.0")
        kopie = _met_koekje_van(c)
        for uur in range(9, 13):
            reis.move_to(f"2026-11-24 {uur:02d}:00")
            assert kopie.get(EIGEN_PAGINA).status_code == 200
        reis.move_to("2026-11-24 12:01")  # active all along, but more than 4 hours in all
        assert _buitengesloten(kopie.get(EIGEN_PAGINA))
        assert _buitengesloten(c.get(EIGEN_PAGINA))

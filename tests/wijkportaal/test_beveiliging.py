"""Security bar of the foundation: headers, CSRF, open redirects, second factor, demo accounts."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import WACHTWOORD, GebruikerFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "pad", ["/", "/account/login/", "/toegankelijkheid/", "/bestaat-niet/", "/healthz"]
)
def test_beveiligingsheaders_op_elk_antwoord(client, pad):
    response = client.get(pad)
    csp = response["Content-Security-Policy"]
    for richtlijn in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert richtlijn in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_over_https(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def _instellingen_in_productie(*namen):
    """Read settings as production would load them (no DEBUG, no DEMO, not under pytest)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DEMO", "DATABASE_URL"}}
    env.update(SECRET_KEY="s" * 60, ALLOWED_HOSTS="wijkportaal.example.org")
    code = (
        "import json, os, django; os.environ['DJANGO_SETTINGS_MODULE']='wijkportaal.settings';"
        "from django.conf import settings;"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(namen)!r}}}, default=str))"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(uit.stdout)


def test_productie_instellingen_zijn_streng():
    waarden = _instellingen_in_productie(
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "MFA_VERPLICHT_VOOR_MEDEWERKERS",
        "SESSION_COOKIE_HTTPONLY",
    )
    assert waarden == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_SSL_REDIRECT": True,
        "MFA_VERPLICHT_VOOR_MEDEWERKERS": True,
        "SESSION_COOKIE_HTTPONLY": True,
    }


def test_productie_weigert_te_starten_zonder_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEMO", "DEBUG"}}
    env["ALLOWED_HOSTS"] = "wijkportaal.example.org"

    def draai(*args):
        return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)

    # The server does not start...
    opstarten = draai(sys.executable, "-c", "import wijkportaal.wsgi")
    assert opstarten.returncode != 0
    assert "SECRET_KEY is not set" in opstarten.stderr
    # ...and the deploy check fails...
    deploy = draai(sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert deploy.returncode != 0
    assert "security.W009" in deploy.stderr + deploy.stdout
    # ...while commands that sign nothing still run (a developer's `manage.py check`).
    assert draai(sys.executable, "manage.py", "check").returncode == 0


@pytest.mark.django_db
def test_csrf_wordt_afgedwongen():
    gebruiker = GebruikerFactory()
    c = Client(enforce_csrf_checks=True)
    response = c.post(reverse("account_login"), {"login": gebruiker.email, "password": WACHTWOORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in c.session

    c.get(reverse("account_login"))
    token = c.cookies["csrftoken"].value
    response = c.post(
        reverse("account_login"),
        {"login": gebruiker.email, "password": WACHTWOORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert c.session["_auth_user_id"] == str(gebruiker.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "volgende",
    ["https://evil.example/", "//evil.example/pad", "https:evil.example", "/\\evil.example"],
)
def test_next_naar_een_andere_site_wordt_genegeerd(client, volgende):
    gebruiker = GebruikerFactory()
    response = client.post(
        reverse("account_login") + "?next=" + volgende,
        {"login": gebruiker.email, "password": WACHTWOORD, "next": volgende},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/")
    assert not response["Location"].startswith("//")
    assert "evil.example" not in response["Location"]


@pytest.mark.django_db
def test_next_binnen_de_site_wordt_gevolgd(client):
    gebruiker = GebruikerFactory()
    response = client.post(
        reverse("account_login"),
        {"login": gebruiker.email, "password": WACHTWOORD, "next": "/privacy/"},
    )
    assert response["Location"] == "/privacy/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "trait", ["wijkadviseur", "opbouwwerker", "wijkwethouder", "collegelid", "griffie", "beheerder"]
)
@pytest.mark.parametrize("pad", ["/", "/beheer/", "/privacy/"])
def test_medewerker_zonder_tweede_factor_komt_nergens(client, trait, pad):
    medewerker = GebruikerFactory(**{trait: True})
    client.force_login(medewerker)
    response = client.get(pad)
    if pad == "/privacy/":
        assert response.status_code == 200  # public statements stay readable
    else:
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_medewerker_kan_tweede_factor_instellen_zonder_omleiding(client):
    medewerker = GebruikerFactory(wijkadviseur=True)
    response = client.post(
        reverse("account_login"), {"login": medewerker.email, "password": WACHTWOORD}
    )
    # Signing in lands on the home page, which sends them on to set up TOTP...
    assert client.get(response["Location"])["Location"] == reverse("mfa_activate_totp")
    # ...where they can go (allauth first asks for the password again), as to their account.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": WACHTWOORD})
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    assert client.get(reverse("account_email")).status_code == 200


@pytest.mark.django_db
def test_medewerker_met_tweede_factor_komt_verder(client):
    client.force_login(GebruikerFactory(beheerder=True, tweede_factor=True))
    assert client.get("/").status_code == 200
    assert client.get("/beheer/").status_code == 200


@pytest.mark.django_db
def test_bewoner_heeft_geen_tweede_factor_nodig(client):
    client.force_login(GebruikerFactory())
    assert client.get("/").status_code == 200


@pytest.mark.django_db
@override_settings(MFA_VERPLICHT_VOOR_MEDEWERKERS=False)
def test_demomodus_mag_de_tweede_factor_overslaan(client):
    client.force_login(GebruikerFactory(wijkadviseur=True))
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_beheer_login_loopt_via_de_portaal_login(client):
    response = client.get("/beheer/login/?next=/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_bewoner_komt_niet_in_beheer(client):
    client.force_login(GebruikerFactory())
    assert client.get("/beheer/").status_code in (302, 403)
    assert client.get("/beheer/contacten/gebruiker/").status_code in (302, 403)


@pytest.mark.django_db
def test_demo_account_geweigerd_buiten_demomodus(rf):
    demo = GebruikerFactory(is_demo=True)
    request = rf.post("/")
    with override_settings(DEMO=False):
        assert authenticate(request, email=demo.email, password=WACHTWOORD) is None
    with override_settings(DEMO=True):
        assert authenticate(request, email=demo.email, password=WACHTWOORD) == demo


@pytest.mark.django_db
def test_sessie_van_demo_account_vervalt_buiten_demomodus(client):
    client.force_login(GebruikerFactory(is_demo=True))
    with override_settings(DEMO=False):
        response = client.get(reverse("account_email"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_gedeactiveerd_account_verliest_zijn_sessie(client):
    gebruiker = GebruikerFactory()
    client.force_login(gebruiker)
    gebruiker.is_active = False
    gebruiker.save()
    assert client.get(reverse("account_email")).status_code == 302


@pytest.mark.django_db
@override_settings(DEMO=False)
def test_demo_seed_weigert_buiten_demomodus():
    with pytest.raises(CommandError, match="DEMO=1"):
        call_command("seed_demo")
    from contacten.models import Gebruiker

    assert not Gebruiker.objects.filter(email="bewoner@example.org").exists()

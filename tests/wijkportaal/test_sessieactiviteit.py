"""Per-request bookkeeping kept cheap: session activity at most once a minute, the second
factor read with the user. Both run on every signed-in request (see the query budgets)."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacten.backends import HEEFT_TWEEDE_FACTOR, AuthenticationBackend
from contacten.permissions import mist_tweede_factor
from tests.factories import GebruikerFactory
from tests.responses import assert_page
from wijkportaal import middleware

pytestmark = pytest.mark.django_db

LIJST = reverse("initiatieven:lijst")


def _sql(client, url, **extra) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert_page(response, "initiatieven/publiek/lijst.html")
    return [q["sql"] for q in queries.captured_queries]


def test_sessie_wordt_vastgelegd_en_daarna_hooguit_eens_per_minuut(client, monkeypatch):
    klok = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: klok[0])
    bewoner = GebruikerFactory()
    client.force_login(bewoner)

    eerste = _sql(client, LIJST)
    sessie = UserSession.objects.get(session_key=client.session.session_key)
    assert sessie.user == bewoner
    assert any("usersessions_usersession" in q for q in eerste)

    klok[0] += 30
    assert not any("usersessions_usersession" in q for q in _sql(client, LIJST))

    klok[0] += 31  # more than a minute since the last write
    assert any("usersessions_usersession" in q for q in _sql(client, LIJST))
    assert UserSession.objects.get(pk=sessie.pk).last_seen_at > sessie.last_seen_at


def test_andere_browser_wordt_meteen_vastgelegd(client):
    client.force_login(GebruikerFactory())
    client.get(LIJST, HTTP_USER_AGENT="Browser A")
    client.get(LIJST, HTTP_USER_AGENT="Browser B")
    sessie = UserSession.objects.get(session_key=client.session.session_key)
    assert sessie.user_agent == "Browser B"


def test_afgemeld_geen_sessieboekhouding(client):
    assert not any("usersessions" in q or "django_session" in q for q in _sql(client, LIJST))
    assert not UserSession.objects.exists()


def test_tweede_factor_komt_mee_met_de_gebruiker(client):
    adviseur = GebruikerFactory(wijkadviseur=True, tweede_factor=True)
    client.force_login(adviseur)
    client.get(LIJST)
    vragen = [q for q in _sql(client, LIJST) if "mfa_authenticator" in q]
    # Only inside the query that loads the user, not as a query of its own.
    assert len(vragen) == 1 and "contacten_gebruiker" in vragen[0]


@pytest.mark.parametrize("met_factor", [True, False])
def test_backend_zet_de_tweede_factor_zoals_allauth_hem_ziet(met_factor):
    adviseur = GebruikerFactory(wijkadviseur=True, tweede_factor=met_factor)
    geladen = AuthenticationBackend().get_user(adviseur.pk)
    assert getattr(geladen, HEEFT_TWEEDE_FACTOR) is met_factor
    assert mist_tweede_factor(geladen) is not met_factor
    # Without the flag (a user loaded elsewhere) the rule asks allauth, with the same answer.
    assert mist_tweede_factor(adviseur) is not met_factor


def test_tweede_factor_ingesteld_geldt_vanaf_het_volgende_verzoek(client):
    adviseur = GebruikerFactory(wijkadviseur=True)
    client.force_login(adviseur)
    url = reverse("initiatieven:werkvoorraad")
    assert client.get(url).url == reverse("mfa_activate_totp")
    Authenticator.objects.create(
        user=adviseur, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    assert client.get(url).status_code == 200

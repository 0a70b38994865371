"""allauth's rate limits answer with the portal's own 429 page (not allauth's bare one)."""

import pytest
from django.urls import reverse

LOGIN = reverse("account_login")


@pytest.fixture
def kleine_limiet(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}


@pytest.mark.django_db
def test_te_veel_inlogpogingen_geeft_de_eigen_429_pagina(client, kleine_limiet):
    for _ in range(2):
        assert (
            client.post(LOGIN, {"login": "iemand@example.test", "password": ""}).status_code == 200
        )
    antwoord = client.post(LOGIN, {"login": "iemand@example.test", "password": ""})
    assert antwoord.status_code == 429
    assert "429.html" in [t.name for t in antwoord.templates]
    html = antwoord.content.decode()
    assert html.count("<h1") == 1 and 'id="te-veel-pogingen"' in html
    assert reverse("account_reset_password") in html


@pytest.mark.django_db
def test_ander_adres_telt_apart(client, kleine_limiet):
    for _ in range(3):
        client.post(LOGIN, {"login": "iemand@example.test", "password": ""})
    antwoord = client.post(
        LOGIN, {"login": "iemand@example.test", "password": ""}, REMOTE_ADDR="198.51.100.9"
    )
    assert antwoord.status_code == 200

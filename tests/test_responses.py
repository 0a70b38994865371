"""The check every query-count test makes of the response it measured (tests/responses.py)."""

import pytest
from django.urls import reverse

from tests.responses import assert_page

pytestmark = pytest.mark.django_db


def test_the_page_itself_passes(client):
    assert_page(client.get(reverse("wijken:lijst")), "wijken/lijst.html")


def test_a_redirect_to_sign_in_fails(client):
    response = client.get(reverse("initiatieven:werkvoorraad"))
    with pytest.raises(AssertionError, match=r"got 302 to /account/login/"):
        assert_page(response, "initiatieven/werkvoorraad/werkvoorraad.html")


def test_another_template_fails(client):
    response = client.get(reverse("wijken:vacatures"))
    with pytest.raises(AssertionError, match="wijken/lijst.html was not rendered"):
        assert_page(response, "wijken/lijst.html")


def test_a_refusal_fails_and_its_own_status_passes(client, bewoner):
    client.force_login(bewoner)
    response = client.get(reverse("initiatieven:werkvoorraad"))
    with pytest.raises(AssertionError, match="got 403"):
        assert_page(response, "initiatieven/werkvoorraad/werkvoorraad.html")
    assert_page(response, "403.html", status=403)

"""The accessibility statement names the meedenken pages as the other pages it lists: the
journey tested with the keyboard alone and without JavaScript, the question page on a
390 px phone, and the results table beside each bar; in both languages."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.meedenken.factories import MeedenkvraagFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("taal", "woorden"),
    [
        ("nl", ("reageren op een vraag van de gemeente", "meedenkvraag", "naast elke balk")),
        (
            "en",
            (
                "responding to a question of the municipality",
                "consultation question",
                "beside each bar",
            ),
        ),
    ],
)
def test_verklaring_noemt_meedenken(client, taal, woorden):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = taal
    html = client.get(reverse("toegankelijkheid")).content.decode()
    tekst = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    for woord in woorden:
        assert woord in tekst, woord
    assert 'id="meedenken-uitslag"' in html


def test_uitslag_staat_als_tekst_naast_elke_balk(client):
    """What the statement says of the results: a table, the percentage as text beside
    each bar."""
    vraag = MeedenkvraagFactory(opties=["Bomen", "Bankjes"], gesloten=True)
    html = client.get(vraag.get_absolute_url()).content.decode()
    rijen = re.findall(r"<meter [^>]*>(\d+)%</meter> (\d+)%", html)
    assert len(rijen) == 2

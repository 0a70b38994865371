"""The accessibility statement (the Dutch model statement) and the privacy statement:
their required parts in both languages, and periods that follow the settings that enforce
them rather than numbers typed into the text."""

import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

TOEGANKELIJKHEID = reverse("toegankelijkheid")
PRIVACY = reverse("privacy")


def _pagina(client, pad, taal="nl") -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = taal
    response = client.get(pad)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{taal}">' in html
    return html


def _tekst(html: str, element_id: str) -> str:
    """The text of the element with ``element_id`` (up to its first closing tag of that kind)."""
    gevonden = re.search(rf'<(\w+)[^>]* id="{element_id}"[^>]*>(.*?)</\1>', html, re.S)
    assert gevonden, f"#{element_id} is missing"
    return " ".join(re.sub(r"<[^>]+>", " ", gevonden.group(2)).split())


def _tekst_html(html: str, element_id: str) -> str:
    """The HTML from the heading with ``element_id`` to the next h2."""
    begin = html.index(f'id="{element_id}"')
    einde = html.find("<h2", begin)
    return html[begin : einde if einde != -1 else None]


# --- accessibility statement ----------------------------------------------------------------

#: The parts of the model statement, by the id of their heading or block, in order.
MODELVERKLARING = [
    "verklaring",
    "reikwijdte",
    "nalevingsstatus",
    "opstellen",
    "testmethoden",
    "beperkingen",
    "maatregelen",
    "contact",
    "handhaving",
    "datum",
]


@pytest.mark.parametrize(
    ("taal", "status", "toetsenbord"),
    [
        ("nl", "voldoet gedeeltelijk", "alleen het toetsenbord"),
        ("en", "partially complies", "keyboard alone"),
    ],
)
def test_toegankelijkheidsverklaring_volgt_de_modelverklaring(client, taal, status, toetsenbord):
    html = _pagina(client, TOEGANKELIJKHEID, taal)
    posities = [html.find(f'id="{deel}"') for deel in MODELVERKLARING]
    assert -1 not in posities, dict(zip(MODELVERKLARING, posities, strict=True))
    assert posities == sorted(posities), "the parts are not in the model's order"

    # Organisation and the website it is about.
    reikwijdte = _tekst(html, "reikwijdte")
    assert settings.GEMEENTE_NAAM in reikwijdte
    assert "http://testserver" in reikwijdte
    # Status B, never "fully complies" while limitations are listed.
    claim = _tekst(html, "status")
    assert status in claim
    assert "volledig" not in claim and "fully" not in claim
    # How it was tested: axe-core on WCAG 2.0/2.1 A and AA, HTML, forms, keyboard, no JavaScript.
    methoden = _tekst(html, "testmethoden")
    for woord in (
        "axe-core",
        "WCAG 2.0",
        "2.1",
        "Nu Html Checker",
        "Chromium",
        "JavaScript",
        toetsenbord,
    ):
        assert woord in methoden, woord
    # The date of the statement, machine-readable.
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', _tekst_html(html, "datum"))
    # Feedback and the complaint procedure.
    assert 'href="mailto:' in html
    assert 'href="https://www.nationaleombudsman.nl/"' in html


@override_settings(SESSION_IDLE_TIMEOUT=45 * 60)
def test_toegankelijkheidsverklaring_noemt_de_ingestelde_uitlogtijd(client):
    assert "Na 45 minuten zonder activiteit" in _tekst(
        _pagina(client, TOEGANKELIJKHEID), "uitloggen"
    )
    assert "After 45 minutes without activity" in _tekst(
        _pagina(client, TOEGANKELIJKHEID, "en"), "uitloggen"
    )


# --- privacy statement ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("taal", "koppen", "rechten"),
    [
        (
            "nl",
            ["Welke gegevens we verwerken", "Waarom", "Hoe lang", "Je rechten", "Zo gebruik"],
            ["Inzage", "Rectificatie", "Verwijdering", "Bezwaar"],
        ),
        (
            "en",
            ["Which data we process", "Why", "How long", "Your rights", "How to exercise"],
            ["Access", "Rectification", "Erasure", "Objection"],
        ),
    ],
)
def test_privacyverklaring_zegt_wat_waarom_hoelang_en_welke_rechten(client, taal, koppen, rechten):
    html = _pagina(client, PRIVACY, taal)
    h2 = " | ".join(re.findall(r"<h2[^>]*>(.*?)</h2>", html))
    for kop in koppen:
        assert kop in h2, (kop, h2)
    for recht in rechten:
        assert f"<strong>{recht}:</strong>" in html
    # Why: the legal basis.
    assert "Article 6(1)(e)" in html or "artikel 6, lid 1, onder e" in html
    # How to exercise them: My data, the data protection officer, the supervisor.
    mijn_gegevens = _tekst(html, "rechten-mijn-gegevens")
    assert f'href="{reverse("mijngegevens:overzicht")}"' in html
    assert "download" in mijn_gegevens.lower()
    assert 'href="mailto:privacy@' in html
    assert 'href="https://www.autoriteitpersoonsgegevens.nl/"' in html


def test_bewaartermijnen_komen_uit_de_instellingen(client):
    html = _pagina(client, PRIVACY)
    assert settings.BEWAARTERMIJN_AFGESLOTEN_DAGEN == 730  # the default the text shows
    assert "730 dagen (2 jaar) na het afsluiten" in _tekst(html, "termijn-afgesloten")
    assert "na 30 dagen" in _tekst(html, "termijn-onbevestigd")
    assert "365 dagen (1 jaar)" in _tekst(html, "termijn-audit")
    sessie = _tekst(html, "termijn-sessie")
    assert "na 60 minuten zonder activiteit" in sessie and "na 12 uur" in sessie


@override_settings(
    BEWAARTERMIJN_AFGESLOTEN_DAGEN=1095,
    BEWAARTERMIJN_ONBEVESTIGD_DAGEN=14,
    SESSION_IDLE_TIMEOUT=20 * 60,
    SESSION_COOKIE_AGE=8 * 3600,
)
def test_gewijzigde_bewaartermijnen_staan_zo_in_de_verklaring(client):
    html = _pagina(client, PRIVACY)
    assert "1095 dagen (3 jaar) na het afsluiten" in _tekst(html, "termijn-afgesloten")
    assert "na 14 dagen" in _tekst(html, "termijn-onbevestigd")
    sessie = _tekst(html, "termijn-sessie")
    assert "na 20 minuten zonder activiteit" in sessie and "na 8 uur" in sessie
    assert "730" not in html and "30 dagen" not in html

    engels = _pagina(client, PRIVACY, "en")
    assert "1095 days (3 years) after closing" in _tekst(engels, "termijn-afgesloten")
    assert "after 14 days" in _tekst(engels, "termijn-onbevestigd")


@override_settings(BEWAARTERMIJN_AFGESLOTEN_DAGEN=500, BEWAARTERMIJN_ONBEVESTIGD_DAGEN=1)
def test_een_termijn_van_geen_hele_jaren_staat_in_dagen(client):
    html = _pagina(client, PRIVACY)
    assert "500 dagen na het afsluiten" in _tekst(html, "termijn-afgesloten")
    assert "na 1 dag." in _tekst(html, "termijn-onbevestigd")

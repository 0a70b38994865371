"""One word for signing in and out, and the sign-in page's texts once (issue 14, point 24).

The header says "Inloggen"; allauth's Dutch says "Aanmelden" and "Afmelden" (words the
portal uses for signing up and unsubscribing). Every page about signing in or out says
"inloggen" / "uitloggen".
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def _tekst(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _zonder_voettekst(tekst: str) -> str:
    return tekst.split("Vergaderingen en besluiten")[0]


def test_inlogpagina_zegt_inloggen_en_wachtwoord_vergeten_een_keer(client):
    tekst = _tekst(client.get(reverse("account_login")))
    assert "anmeld" not in tekst.lower(), tekst
    assert tekst.count("Inloggen") >= 3, tekst  # header, heading, button
    assert tekst.count("Wachtwoord vergeten?") == 1, tekst


def test_registreren_verwijst_naar_inloggen(client):
    tekst = _tekst(client.get(reverse("account_signup")))
    assert "Log dan in" in tekst, tekst
    assert "Meld je" not in tekst, tekst


def test_uitloggen_heet_overal_uitloggen(client, inloggen, bewoner):
    inloggen(bewoner)
    tekst = _tekst(client.get(reverse("account_logout")))
    assert "afmeld" not in tekst.lower(), tekst
    assert "Weet je zeker dat je wilt uitloggen?" in tekst, tekst
    tekst = _tekst(client.get(reverse("usersessions_list")))
    assert "Afmelden" not in tekst, tekst
    volgende = client.post(reverse("account_logout"), follow=True)
    assert "Je bent uitgelogd." in _tekst(volgende)


def test_allauths_woorden_zijn_inloggen_en_uitloggen():
    with translation.override("nl"):
        for msgid, verwacht in [
            ("Sign In", "Inloggen"),
            ("Sign Out", "Uitloggen"),
            ("Sign in with a passkey", "Log in met een passkey"),
            ("Send me a sign-in code", "Stuur me een inlogcode"),
        ]:
            assert translation.gettext(msgid) == verwacht


def test_engelse_toegankelijkheidsverklaring_zonder_dubbele_puntkomma(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    tekst = _tekst(client.get(reverse("toegankelijkheid")))
    assert "Accessibility statement" in tekst
    assert ";;" not in tekst


def test_de_nederlandse_teksten_zeggen_je_en_niet_u():
    """The portal speaks to people as "je" (docs/glossary.md): one form everywhere, so a
    text in "u" beside one in "je" does not read as two voices."""
    import polib
    from django.conf import settings

    catalogus = polib.pofile(str(settings.BASE_DIR / "locale/nl/LC_MESSAGES/django.po"))
    met_u = [
        e.msgid[:60]
        for e in catalogus
        if not e.obsolete
        and re.search(r"\b(u|uw|U|Uw)\b", e.msgstr + "".join(e.msgstr_plural.values()))
    ]
    assert not met_u, met_u

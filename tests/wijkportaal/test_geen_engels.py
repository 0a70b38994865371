"""No English on the portal in Dutch: every page of the crawl's catalogue
(``tests/rondgang.py``), as every role, rendered with the test client in Dutch, shows no
interface text that has a Dutch translation but came out in English.

What counts as English interface text: every msgid of the portal's own catalogue whose
Dutch msgstr differs from it, every such msgid of Django's and allauth's Dutch catalogues
(those render in our pages: form errors, widgets, the account pages), and the English
strings Django renders that its Dutch catalogue lacks (Django 6.1's empty choice). A text
counts when it is the whole of a piece of visible text (a text node, an accessible name,
a placeholder), or a part of one between separators (``Reason: …``). User data does not
look like this; a string the catalogue lost (a plural entry that swallowed a singular
one, a lazy text rendered in the wrong language) does.
"""

import re
import time
from html.parser import HTMLParser
from pathlib import Path

import allauth
import django
import polib
import pytest
from django.db.models import fields as modelvelden
from django.test import Client
from django.utils import translation

from tests import figures, rondgang

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DJANGO = Path(django.__file__).parent

#: The Dutch catalogues whose English msgids must not show: ours, Django's (core and the
#: contrib apps the portal installs) and allauth's.
CATALOGI = [
    ROOT / "locale/nl/LC_MESSAGES/django.po",
    DJANGO / "conf/locale/nl/LC_MESSAGES/django.po",
    *sorted(DJANGO.glob("contrib/*/locale/nl/LC_MESSAGES/django.po")),
    Path(allauth.__file__).parent / "locale/nl/LC_MESSAGES/django.po",
]


def _bekend_engels() -> set[str]:
    """English that Django renders but its Dutch catalogue lacks: without a translation of
    our own it shows in English (as "- Select an option -" did on the agenda's forms)."""
    with translation.override(None):
        return {str(modelvelden.BLANK_CHOICE_LABEL)}


#: Attributes whose text a person sees or hears.
ZICHTBARE_ATTRIBUTEN = {"aria-label", "title", "placeholder", "alt", "aria-description"}
#: Separators between pieces of interface text within one text node.
SCHEIDING = re.compile(r"\s*(?:[:·|()\[\]—–]|\s-\s)\s*")
PLAATSHOUDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}")
WOORD = re.compile(r"[A-Za-z]{2,}")


def _kern(tekst: str) -> str:
    """A text without the punctuation around it ("Forgot your password?" and "Forgot
    your password" are one text)."""
    return tekst.strip(" .,;:!?*…").strip()


def _zelfde_in_het_nederlands() -> set[str]:
    return {
        _kern(" ".join(e.msgid.split()))
        for e in polib.pofile(str(CATALOGI[0]))
        if e.translated() and not e.msgid_plural and e.msgid == e.msgstr
    }


def _engelse_teksten() -> tuple[set[str], re.Pattern]:
    """(plain English texts, one pattern for those with placeholders) from the catalogues."""
    vast: set[str] = _bekend_engels()
    patronen: list[str] = []
    for pad in CATALOGI:
        for e in polib.pofile(str(pad)):
            if e.obsolete or not e.translated():
                continue
            paren = [(e.msgid, e.msgstr)]
            if e.msgid_plural:
                paren = [
                    (e.msgid, e.msgstr_plural.get(0, "")),
                    (e.msgid_plural, e.msgstr_plural.get(1, "")),
                ]
            for engels, nederlands in paren:
                engels = " ".join(engels.split())
                if not engels or _kern(engels).lower() == _kern(nederlands).lower():
                    # The same in Dutch ("Status", "Website"; "Jan." and "jan" differ in
                    # case and a dot only): not a sign of English.
                    continue
                if "\n" in engels or "<" in engels:
                    continue  # a block of markup: its pieces are checked as text
                if PLAATSHOUDER.search(engels):
                    letterlijk = PLAATSHOUDER.sub(" ", engels)
                    # Enough words of its own to be recognised, not just a placeholder.
                    if len(WOORD.findall(letterlijk)) >= 3:
                        delen = [re.escape(d) for d in PLAATSHOUDER.split(engels)[::2]]
                        patronen.append(".+?".join(delen))
                    continue
                # A word of two or three letters is too often a Dutch word as well.
                if len(WOORD.findall(engels)) >= 2 or len(engels) >= 4:
                    vast.add(_kern(engels))
    # What our own catalogue keeps as it is ("Home") is Dutch, whatever Django's says.
    vast -= _zelfde_in_het_nederlands()
    return vast, re.compile("(?:" + "|".join(patronen) + r")\.?")


class _Teksten(HTMLParser):
    """The visible texts of a page: text nodes outside script and style, and the
    attributes a person sees or hears; anything marked as another language is left out."""

    # Code (a cookie's name in the privacy statement) is not language.
    OVERSLAAN = {"script", "style", "template", "code", "kbd", "samp", "pre"}
    LEEG = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.teksten: list[str] = []
        self._stapel: list[bool] = []  # per open element: is its content left out?

    def _weg(self) -> bool:
        return bool(self._stapel) and self._stapel[-1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        weg = (
            self._weg()
            or tag in self.OVERSLAAN
            or bool(attrs.get("lang"))
            and not attrs["lang"].startswith("nl")
        )
        if not weg:
            for naam in ZICHTBARE_ATTRIBUTEN & attrs.keys():
                self.teksten.append(attrs[naam] or "")
            if tag == "input" and attrs.get("type") in ("submit", "button"):
                self.teksten.append(attrs.get("value") or "")
        if tag not in self.LEEG:
            self._stapel.append(weg)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.LEEG:
            self._stapel.pop()

    def handle_endtag(self, tag):
        if tag not in self.LEEG and self._stapel:
            self._stapel.pop()

    def handle_data(self, data):
        if not self._weg():
            self.teksten.append(data)


class Controle:
    def __init__(self):
        self.vast, self.patroon = _engelse_teksten()
        self._uitslag: dict[str, str | None] = {}
        self.vondsten: dict[str, set[str]] = {}

    def engels_in(self, tekst: str) -> str | None:
        """The English interface text ``tekst`` is or contains, or None."""
        tekst = " ".join(tekst.split())
        if tekst not in self._uitslag:
            gevonden = None
            for stuk in [tekst, *SCHEIDING.split(tekst)]:
                stuk = _kern(stuk)
                if stuk in self.vast or (len(stuk) > 8 and self.patroon.fullmatch(stuk)):
                    gevonden = stuk
                    break
            self._uitslag[tekst] = gevonden
        return self._uitslag[tekst]

    def pagina(self, waar: str, html: str) -> None:
        lezer = _Teksten()
        lezer.feed(html)
        for tekst in lezer.teksten:
            engels = self.engels_in(tekst)
            if engels:
                self.vondsten.setdefault(engels, set()).add(waar)


def test_controle_herkent_engels_en_laat_nederlands_staan():
    controle = Controle()
    for engels in ("- Select an option -", "This field is required.", "Forgot your password?"):
        assert controle.engels_in(engels), engels
    assert controle.engels_in("Reason: het budget is op")  # a label before user text
    for nederlands in ("- Maak een keuze -", "Dit veld is verplicht.", "Status", "Noord"):
        assert controle.engels_in(nederlands) is None, nederlands


def test_geen_engelse_interfacetekst_op_enige_pagina_als_enige_rol(request, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    begin = time.monotonic()
    wereld = rondgang.wereld_maken(media_root=tmp_path)
    controle = Controle()
    aantal = 0
    for rol in rondgang.ROLLEN:
        persoon = wereld["gebruikers"][rol]
        client = Client(HTTP_ACCEPT_LANGUAGE="nl")
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
        if persoon is not None:
            client.force_login(persoon)
        paginas = rondgang.paginas(wereld, rol=rol)
        if rol == "beheerder":
            paginas += rondgang.beheerpaginas(wereld)
        # Signing out and deleting the account are GET confirmation pages: harmless.
        for naam, pad in paginas:
            response = client.get(pad)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue  # refused or redirected for this role: the role sees no page
            aantal += 1
            controle.pagina(f"{naam} as {rol}", response.content.decode())
    duur = time.monotonic() - begin
    figures.report(request.config, "no English", f"{aantal} pages in Dutch checked in {duur:.0f}s")
    assert not controle.vondsten, "English interface text in Dutch pages:\n" + "\n".join(
        # The portal's own pages first: the admin repeats what they show.
        f"{engels!r} on {len(waar)} pages, e.g. "
        + ", ".join(sorted(waar, key=lambda w: (w.startswith("admin:"), w))[:5])
        for engels, waar in sorted(controle.vondsten.items())
    )

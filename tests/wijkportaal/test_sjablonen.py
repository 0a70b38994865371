"""Checks over every template that a page crawl would only catch where the data makes the
element appear."""

import re
from pathlib import Path

SJABLONEN = Path(__file__).resolve().parents[2] / "templates"
#: allauth's generic table element has no caption to point at; its pages are few and
#: their tables narrow.
UITGEZONDERD = {"allauth/elements/table.html"}


def test_elke_scrollende_tabel_heeft_een_naam():
    """A scroll container that takes keyboard focus (``tabindex="0"``) is a region named
    by its table's caption, so a screen reader says what it is when it gets focus."""
    zonder_naam = []
    for pad in sorted(SJABLONEN.rglob("*.html")):
        naam = pad.relative_to(SJABLONEN).as_posix()
        if naam in UITGEZONDERD:
            continue
        for element in re.findall(r"<div[^>]*tabindex=\"0\"[^>]*>", pad.read_text()):
            if 'role="region"' not in element or "aria-labelledby=" not in element:
                zonder_naam.append(f"{naam}: {element}")
    assert not zonder_naam, zonder_naam


def test_de_caption_waar_de_naam_naar_wijst_bestaat():
    for pad in sorted(SJABLONEN.rglob("*.html")):
        tekst = pad.read_text()
        for doel in re.findall(r'role="region" aria-labelledby="([^"]+)"', tekst):
            assert f'<caption id="{doel}"' in tekst, f"{pad.name}: {doel}"

"""The Dutch translation is complete, compiled and covers every string in the source."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def test_elke_zin_is_vertaald_en_niets_is_onzeker():
    po = polib.pofile(str(PO))
    onvertaald = [e.msgid for e in po.untranslated_entries()]
    onzeker = [e.msgid for e in po.fuzzy_entries()]
    assert not onvertaald, f"{len(onvertaald)} untranslated, e.g. {onvertaald[:5]}"
    assert not onzeker, f"{len(onzeker)} fuzzy, e.g. {onzeker[:5]}"


def test_gecompileerde_catalogus_is_bij():
    po = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(PO)).translated_entries()}
    mo = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(MO))}
    ontbreekt = [k for k in po if k not in mo]
    assert not ontbreekt, (
        f"django.mo is older than django.po (run `make messages`): {ontbreekt[:5]}"
    )
    verschil = [k for k, e in po.items() if e.msgstr and mo[k].msgstr != e.msgstr]
    assert not verschil, f"django.mo differs from django.po (run `make messages`): {verschil[:5]}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="gettext is not installed")
def test_elke_zin_uit_de_broncode_staat_in_de_catalogus(tmp_path):
    # makemessages writes in place, so run it on a copy of the sources.
    for deel in [
        "manage.py",
        "wijkportaal",
        "opendata",
        "wijken",
        "contacten",
        "initiatieven",
        "meedenken",
        "templates",
    ]:
        bron = ROOT / deel
        if bron.is_dir():
            shutil.copytree(bron, tmp_path / deel, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(bron, tmp_path / deel)
    (tmp_path / "locale").mkdir()
    env = {"DEMO": "1", "PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "wijkportaal.settings"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "nl", "--no-location"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    vers = {
        (e.msgctxt, e.msgid)
        for e in polib.pofile(str(tmp_path / "locale/nl/LC_MESSAGES/django.po"))
    }
    bestaand = {(e.msgctxt, e.msgid) for e in polib.pofile(str(PO)) if not e.obsolete}
    ontbreekt = sorted(str(m) for m in vers - bestaand)
    assert not ontbreekt, f"strings missing from locale/nl (run `make messages`): {ontbreekt[:10]}"

"""The HTML check: the W3C Nu Html Checker (vnu) on rendered documents, many per run.

vnu is a Java program; its jar comes from the npm package ``vnu-jar`` (pinned in
package.json, installed into node_modules by ``make test`` and ``.ci/run``). Starting the
JVM costs a second or two, so :func:`html_fouten` writes all documents it is given to a
temporary directory and checks them in one run.

Errors only (``--errors-only``), and nothing filtered out: every page of the portal passes
without exceptions, so any message is a real fault. Should a false positive ever appear,
filter that one message with ``--filterpattern`` and say here why.

Where Java or the jar is absent the check is skipped with a reason, except in CI (``CI``
set), where that is a failure: CI must validate.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from django.conf import settings

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _java() -> str | None:
    return shutil.which("java")


def validator_ontbreekt() -> str | None:
    """Why the validator cannot run here, or None when it can."""
    if not _java():
        return "Java is not installed (apt-get install default-jre-headless)"
    if not VNU_JAR.exists():
        return f"{VNU_JAR.relative_to(settings.BASE_DIR)} is missing (make validator)"
    return None


def vereis_validator() -> None:
    """Skip the calling test when the validator cannot run here; in CI, fail it."""
    reden = validator_ontbreekt()
    if reden is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must validate the HTML, but: {reden}", pytrace=False)
    pytest.skip(f"{reden}; CI validates the HTML")


def _regel(bericht: dict) -> str:
    plaats = f"line {bericht.get('lastLine', '?')}"
    if "firstColumn" in bericht:
        plaats += f":{bericht['firstColumn']}"
    uittreksel = (bericht.get("extract") or "").strip().replace("\n", " ")
    regel = f"{plaats}: {bericht.get('message', '').strip()}"
    return f"{regel}  [{uittreksel}]" if uittreksel else regel


def html_fouten(documenten: Mapping[str, str]) -> dict[str, list[str]]:
    """Name → the validator's errors in that HTML document, for every document with any.

    The names are the caller's (a URL, "item page as advisor", ...); they only label the
    result. Skips (fails in CI) when the validator cannot run.
    """
    vereis_validator()
    if not documenten:
        return {}
    namen = list(documenten)
    with tempfile.TemporaryDirectory(prefix="html-") as map_:
        for i, naam in enumerate(namen):
            (Path(map_) / f"{i:05d}.html").write_text(documenten[naam], encoding="utf-8")
        # The directory, not each file: no limit on the length of the command line. A
        # larger thread stack is vnu's own advice against a stack overflow on deep pages.
        opdracht = [_java(), "-Xss8m", "-jar", str(VNU_JAR), "--skip-non-html"]
        opdracht += ["--errors-only", "--format", "json", "--stdout", "--exit-zero-always"]
        resultaat = subprocess.run(
            [*opdracht, map_], capture_output=True, text=True, timeout=600, check=False
        )
    try:
        berichten = json.loads(resultaat.stdout)["messages"]
    except (ValueError, KeyError) as fout:
        raise AssertionError(
            f"vnu gave no JSON report (exit {resultaat.returncode}): "
            f"{resultaat.stdout[:500]} {resultaat.stderr[:2000]}"
        ) from fout
    fouten: dict[str, list[str]] = {}
    for bericht in berichten:
        if bericht.get("type") == "info":
            continue
        bestand = Path(unquote(urlparse(bericht.get("url", "")).path)).name
        nummer = re.fullmatch(r"(\d{5})\.html", bestand)
        naam = namen[int(nummer.group(1))] if nummer else f"(vnu) {bestand or '?'}"
        fouten.setdefault(naam, []).append(_regel(bericht))
    return fouten


def assert_geldige_html(documenten: Mapping[str, str]) -> None:
    """Fail with a readable report when any document is not valid HTML."""
    fouten = html_fouten(documenten)
    if fouten:
        aantal = sum(len(f) for f in fouten.values())
        delen = [f"{naam}:\n" + "\n".join(f"  - {f}" for f in fouten[naam]) for naam in fouten]
        raise AssertionError(
            f"vnu: {aantal} error(s) in {len(fouten)} of {len(documenten)} document(s):\n"
            + "\n".join(delen)
        )

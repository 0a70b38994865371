"""The two-server check (scripts/twee_servers.py, `make two-servers`) as a test.

It starts two gunicorn servers on a database of its own, so it needs PostgreSQL: it runs
when DATABASE_URL is PostgreSQL (as in CI) and is skipped on SQLite. In CI, Redis must be
reachable (the script fails without it); elsewhere, without Redis, the session and
submission steps still run and the test is then skipped for the shared-limit steps.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="starts two servers on a PostgreSQL database of its own (DATABASE_URL); CI runs it",
)


def test_twee_servers_delen_sessie_inbreng_en_limieten():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    args = [sys.executable, "scripts/twee_servers.py"]
    if os.environ.get("CI"):
        args.append("--require-redis")
    resultaat = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    uitvoer = resultaat.stdout + resultaat.stderr
    assert resultaat.returncode == 0, uitvoer
    regels = [r for r in resultaat.stdout.splitlines() if r.strip().startswith("ok ")]
    assert any("continues the session" in r for r in regels), uitvoer
    assert any("lists it" in r for r in regels), uitvoer
    assert any("signed out on server B" in r for r in regels), uitvoer
    assert "dropped" in resultaat.stdout, uitvoer
    if "SKIPPED" in resultaat.stdout:
        pytest.skip("Redis is not reachable: the shared rate-limit steps did not run")
    assert any("sign-in posts split over A and B" in r for r in regels), uitvoer
    assert any("submissions alternately on A and B" in r for r in regels), uitvoer

"""Shared fixtures: factories, signed-in clients, and the browser harness.

Browser tests (marked ``e2e``) run in Debian's Chromium through pytest-playwright against
Django's live server. Where Chromium is absent they skip with a reason, except in CI
(``CI`` set), where a missing browser is a failure: CI must run them.
"""

import os
import shutil

import pytest

# The live server runs in a thread next to Playwright's event loop; the ORM calls in
# browser tests are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
IN_CI = bool(os.environ.get("CI"))


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    browsertests = [item for item in items if "e2e" in item.keywords]
    if browsertests and IN_CI:
        raise pytest.UsageError(
            f"CI must run the {len(browsertests)} browser tests, but Chromium is not installed."
        )
    for item in browsertests:
        item.add_marker(
            pytest.mark.skip(
                reason="Chromium is not installed (apt-get install chromium); CI runs them"
            )
        )


_overgeslagen: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _overgeslagen.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    # In CI a skipped test is a test that did not run: fail the run rather than hide it.
    if IN_CI and _overgeslagen and exitstatus == 0:
        print(f"\nCI: {len(_overgeslagen)} test(s) were skipped; in CI that is a failure:")
        for nodeid in _overgeslagen[:20]:
            print(f"  {nodeid}")
        session.exitstatus = 1


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM or "/usr/bin/chromium",
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


@pytest.fixture(autouse=True)
def _schone_cache():
    """Rate-limit counters live in the cache; one test must not throttle the next. The
    cached fragments are cleared too, so a test's query counts do not depend on the one
    before it."""
    from django.core.cache import caches

    for alias in ("default", "fragmenten"):
        caches[alias].clear()
    yield
    for alias in ("default", "fragmenten"):
        caches[alias].clear()


@pytest.fixture
def wachtwoord():
    return "een-lang-testwachtwoord-42"


@pytest.fixture
def bewoner(db):
    from tests.factories import GebruikerFactory

    return GebruikerFactory()


@pytest.fixture
def inloggen(client):
    """Sign a person in on the test client (skipping allauth's form, tested elsewhere)."""

    def _inloggen(gebruiker, *, c=None):
        c = c or client
        c.force_login(gebruiker)
        return c

    return _inloggen


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    # The size of the portal's permission matrix, when its completeness test ran.
    from tests.test_permissiematrix_volledig import SAMENVATTING

    samenvatting = config.stash.get(SAMENVATTING, None)
    if samenvatting is None:
        return
    aantal_urls, per_module = samenvatting
    terminalreporter.section("permission matrix")
    for naam, (urls, gevallen) in sorted(per_module.items()):
        terminalreporter.write_line(f"{naam}: {urls} URLs, {gevallen} cases")
    totaal = sum(gevallen for _urls, gevallen in per_module.values())
    terminalreporter.write_line(
        f"total: {aantal_urls} URL patterns, {totaal} cases (role × URL × method × object)"
    )


@pytest.fixture(autouse=True)
def _geen_open_schrijfhaakjes():
    """Every save the page cache saw start has finished by the end of a test: a bracket
    left open (a save that failed in a way the cache did not see) would keep autocommit
    writes from raising their versions, and stale pages would follow."""
    yield
    from django.db import connections

    for verbinding in connections.all(initialized_only=True):
        staat = getattr(verbinding, "_pagecache", None)
        if staat is not None and staat.brackets:
            open_ = list(staat.brackets)
            staat.brackets.clear()
            pytest.fail(f"page cache: saves left open on {verbinding.alias}: {open_}")

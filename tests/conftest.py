"""Shared fixtures: factories, signed-in clients, and the browser harness.

Browser tests (marked ``e2e``) run in Debian's Chromium through pytest-playwright against
Django's live server. Where Chromium is absent they skip with a reason, except in CI
(``CI`` set), where a missing browser is a failure: CI must run them.
"""

import os
import shutil

import pytest

from tests.figures import FIGURES
from tests.figures import report as report_figure

# The live server runs in a thread next to Playwright's event loop; the ORM calls in
# browser tests are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
IN_CI = bool(os.environ.get("CI"))


def _is_worker(config) -> bool:
    """Whether this process is a pytest-xdist worker (the controller reports for all)."""
    return hasattr(config, "workerinput")


#: The accessibility crawl: five tests that take a third of the suite's time.
LONGEST_MODULES = ("tests/e2e/test_rondgang_a11y.py",)
#: A browser test takes about fifteen times as long as another test (measured on PostgreSQL).
E2E_WEIGHT = 15


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    _browsertests_need_chromium(config, items)
    _longest_first(config, items)


def _browsertests_need_chromium(config, items):
    if CHROMIUM:
        return
    browsertests = [item for item in items if "e2e" in item.keywords]
    if browsertests and IN_CI and not _is_worker(config):
        raise pytest.UsageError(
            f"CI must run the {len(browsertests)} browser tests, but Chromium is not installed."
        )
    # In a pytest-xdist worker an error here would lose its message (the run only reports a
    # crashed worker): the tests are skipped instead, which in CI fails the run at its end,
    # naming them (pytest_sessionfinish).
    for item in browsertests:
        item.add_marker(
            pytest.mark.skip(
                reason="Chromium is not installed (apt-get install chromium); CI runs them"
            )
        )


def _longest_first(config, items):
    """pytest-xdist (``make test``) hands out whole modules (``--dist loadfile``) in the
    order of this collection (``--no-loadscope-reorder``): the longest first, so that no
    worker is still crawling alone when the other has finished. Within a module the order
    stays pytest-django's (transactional tests last)."""
    if not _is_worker(config):
        return
    weights: dict[str, float] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        weight = E2E_WEIGHT if "e2e" in item.keywords else 1
        weights[module] = weights.get(module, 0) + weight
    for module in LONGEST_MODULES:
        if module in weights:
            weights[module] = float("inf")
    # A stable sort: the items of each module keep their order.
    items.sort(key=lambda item: -weights[item.nodeid.split("::", 1)[0]])


_overgeslagen: list[str] = []


def pytest_runtest_logreport(report):
    # On the controller this sees every worker's reports too.
    if report.skipped and not hasattr(report, "wasxfail"):
        _overgeslagen.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if _is_worker(session.config):
        # The figures of this worker's tests go to the controller, which prints them all.
        session.config.workeroutput["figures"] = [
            list(figure) for figure in session.config.stash.get(FIGURES, [])
        ]
        return
    # In CI a skipped test is a test that did not run: fail the run rather than hide it.
    if IN_CI and _overgeslagen and exitstatus == 0:
        print(f"\nCI: {len(_overgeslagen)} test(s) were skipped; in CI that is a failure:")
        for nodeid in _overgeslagen[:20]:
            print(f"  {nodeid}")
        session.exitstatus = 1


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist: a worker has finished; keep the figures it sent."""
    for section, text in getattr(node, "workeroutput", {}).get("figures", []):
        report_figure(node.config, section, text)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases. Before they are dropped, on PostgreSQL, the
    connections that threads of the live server may still hold are ended: a request thread
    lives as long as the browser keeps its connection open, past the server's stop, and
    its database connection made the drop fail ("being accessed by other users") and
    leave the database behind."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor != "postgresql":
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


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


@pytest.fixture(scope="session", autouse=True)
def _media_in_een_tijdelijke_map(tmp_path_factory):
    """Uploads made by tests (attachments, the demo seed's photo) go to a folder of this
    run, never into the checkout's media/ folder."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


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
    """The figures the tests reported (``tests.figures.report``), a section each: the
    permission matrix size, the query budget table, the validator and crawl counts."""
    if _is_worker(config):
        return
    sections: dict[str, list[str]] = {}
    for section, text in config.stash.get(FIGURES, []):
        sections.setdefault(section, []).append(text)
    for section, texts in sorted(sections.items()):
        terminalreporter.section(section)
        # Sorted: with several workers the order in which they finish varies.
        for text in sorted(texts):
            terminalreporter.write_line(text)


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

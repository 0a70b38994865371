"""One version of everything the portal shows, so that a cached fragment can be keyed on
it and its queries skipped: any write to the portal's own tables gives a new version.

Why one version for everything: what a page shows is spread over many tables (an item,
its steps, its ward, the people named on it), and per-table or per-ward versions would
have to be kept right by every write path. Here no write path can forget: a wrapper on
every database connection sees each INSERT, UPDATE and DELETE, whether it came from a
service function, the admin, a ``QuerySet.update()``, a bulk insert or raw SQL. The cost
is that every write makes every cached fragment miss once; with writes measured in
seconds apart and reads in milliseconds, the fragments are still served far more often
than rendered (docs/benchmarks.md, "One version of the data").

The version has two parts:

- ``gedeeld``: a row in the database, raised once after each transaction that wrote
  (``on_commit``), so all processes on all servers see a change. Raised after the commit,
  never before: a reader that saw the new number also sees the new rows.
- ``lokaal``: a counter in this process, raised at once by each write, so the writer's own
  process never serves a fragment from before its own write, even inside a transaction
  that has not committed (and in the test suite, whose transactions never commit).

Not counted: the audit log (written on every sign-in and refused request, shown on no
cached page), the version row itself, and a user's sign-in time.
"""

import itertools
import logging
import re

from django.db import DatabaseError, IntegrityError, connections, transaction
from django.utils import timezone

TABEL = "wijken_gegevensversie"
_GEVOLGDE_APPS = ("wijken_", "contacten_", "initiatieven_")
_NIET_GEVOLGD = frozenset({TABEL, "contacten_auditregel"})
_SCHRIJVEN = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"(\w+)"', re.IGNORECASE)
#: Django's own update of the sign-in time; nothing cached shows it.
_ALLEEN_INLOGTIJD = re.compile(
    r'\s*UPDATE\s+"contacten_gebruiker"\s+SET\s+"last_login"\s*=\s*%s\s+WHERE'
)

logger = logging.getLogger(__name__)
_teller = itertools.count(1)
_lokaal = 0


def _gevolgd(sql: str) -> bool:
    """Whether ``sql`` writes to a table whose rows a page may show."""
    if sql[:1] not in "IUDiud":  # most statements are SELECTs: one cheap test first
        return False
    gevonden = _SCHRIJVEN.match(sql)
    if not gevonden:
        return False
    tabel = gevonden.group(1)
    return (
        tabel.startswith(_GEVOLGDE_APPS)
        and tabel not in _NIET_GEVOLGD
        and not _ALLEEN_INLOGTIJD.match(sql)
    )


_tabel_bestaat: set[str] = set()


def _tabel_er_is(alias: str) -> bool:
    """Whether the version's table exists yet: not while a new database is being migrated
    up to the migration that makes it (the writes of earlier migrations need no version)."""
    if alias not in _tabel_bestaat and TABEL in connections[alias].introspection.table_names():
        _tabel_bestaat.add(alias)
    return alias in _tabel_bestaat


def _verhoog_gedeeld(alias: str) -> None:
    if not _tabel_er_is(alias):
        return
    try:
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            cursor.execute(f"UPDATE {TABEL} SET versie = versie + 1 WHERE id = 1")  # noqa: S608 - a constant
            if cursor.rowcount == 0:  # the row was flushed (a transactional test): put it back
                cursor.execute(f"INSERT INTO {TABEL} (id, versie) VALUES (1, 1)")  # noqa: S608
    except IntegrityError:
        pass  # another process put the row back first, which is just as good
    except DatabaseError:
        # Until the next write, other processes serve what they cached: worth a line.
        logger.warning("Gegevensversie niet verhoogd", exc_info=True)


def verhoog(alias: str = "default") -> None:
    """A new version: at once in this process, and for every process after the current
    transaction commits (once per transaction, however many rows it wrote)."""
    global _lokaal
    _lokaal = next(_teller)
    verbinding = connections[alias]
    if not verbinding.in_atomic_block:
        # Autocommit (the demo on SQLite): the statement that wrote may still be open
        # (an INSERT … RETURNING until its row is fetched), and a transaction of our own
        # started now would commit or roll back with it. Raised before the connection's
        # next statement instead, or at the end of the request.
        verbinding.gegevensversie_uitgesteld = True
        return
    gepland = getattr(verbinding, "run_on_commit", ())
    if verbinding.in_atomic_block and any(
        getattr(functie, "gegevensversie", False) for _, functie, *_ in gepland
    ):
        return

    def na_commit():
        _verhoog_gedeeld(alias)

    na_commit.gegevensversie = True
    transaction.on_commit(na_commit, using=alias)


def schrijfwacht(execute, sql, params, many, context):
    """Database execute wrapper (installed on every connection by ``WijkenConfig``): a
    write to a followed table raises the version once the statement has succeeded."""
    verbinding = context["connection"]
    if getattr(verbinding, "gegevensversie_uitgesteld", False):
        inhalen(verbinding)
    resultaat = execute(sql, params, many, context)
    if _gevolgd(sql):
        verhoog(context["connection"].alias)
    return resultaat


def inhalen(verbinding) -> None:
    """Raise the shared version for an autocommit write that was deferred (see ``verhoog``)."""
    if getattr(verbinding, "gegevensversie_uitgesteld", False) and not verbinding.in_atomic_block:
        verbinding.gegevensversie_uitgesteld = False
        _verhoog_gedeeld(verbinding.alias)


def alles_inhalen(**kwargs) -> None:
    """``request_finished`` receiver: no deferred raise outlives the request."""
    for verbinding in connections.all(initialized_only=True):
        inhalen(verbinding)


def installeer(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: every new connection gets the write wrapper."""
    if schrijfwacht not in connection.execute_wrappers:
        connection.execute_wrappers.append(schrijfwacht)


def huidige(request=None) -> str:
    """The current version, as a string for a cache key: the shared number, this process's
    counter and today's date (so that "overdue" and "today" in a cached fragment follow the
    calendar). Read once per request when ``request`` is given."""
    if request is not None and hasattr(request, "_gegevensversie"):
        return request._gegevensversie
    with connections["default"].cursor() as cursor:
        cursor.execute(f"SELECT versie FROM {TABEL} WHERE id = 1")  # noqa: S608 - a constant
        rij = cursor.fetchone()
    versie = f"{rij[0] if rij else 0}.{_lokaal}.{timezone.localdate().isoformat()}"
    if request is not None:
        request._gegevensversie = versie
    return versie

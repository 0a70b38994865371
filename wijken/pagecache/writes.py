"""Following writes, per database connection, and raising their versions after commit.

- A save of a tracked model is bracketed by ``pre_save`` and ``post_save``: the row's
  scopes before (read at ``pre_save`` when a scope field may change) and after are noted.
  A change of a many-to-many relation notes both sides.
- Every INSERT, UPDATE and DELETE on a tracked table is seen by the execute wrapper
  (``watch``); what no save accounts for (a delete, ``QuerySet.update()``,
  ``bulk_create``, raw SQL) raises the model's unscoped version. Deletes have no
  receivers on purpose (see ``connect_signals``).
- Inside a transaction the noted keys are raised once, after the commit (an on-commit
  callback); a rollback drops them with the callback. Until then this connection's own
  reads see them through the transaction's token (``read_versions``).
- In autocommit they are raised as soon as the statement that wrote has finished, never
  inside it: a write of our own inside SQLite's open ``INSERT … RETURNING`` would commit
  or roll back with it (that rolled a new account back, the sign-up's 500).
"""

import logging
import re
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import DatabaseError, connections
from django.db.models.signals import m2m_changed, post_save, pre_save

from wijken.pagecache import sources, versions

logger = logging.getLogger(__name__)


@dataclass
class _State:
    # Keys to raise at commit, and tables written that no signal reported; each with how
    # often, so that every write of an open transaction changes its own keys for itself.
    pending: Counter = field(default_factory=Counter)
    open_tables: Counter = field(default_factory=Counter)
    brackets: list = field(default_factory=list)  # (table, its count before, old keys)
    token: str | None = None  # this transaction's, while ``pending`` is not committed
    deferred: bool = False  # an autocommit write waits for its statement to finish


def _state(verbinding) -> _State:
    staat = getattr(verbinding, "_pagecache", None)
    if staat is None:
        staat = verbinding._pagecache = _State()
    return staat


def _marker_registered(verbinding) -> bool:
    return any(
        getattr(functie, "pagecache_flush", False) for _, functie, *_ in verbinding.run_on_commit
    )


def _live(verbinding) -> _State:
    """The connection's state, emptied if the transaction its writes were in has rolled
    back (Django dropped our after-commit callback with it)."""
    staat = _state(verbinding)
    if staat.token is not None and not (
        verbinding.in_atomic_block and _marker_registered(verbinding)
    ):
        staat.pending.clear()
        staat.open_tables.clear()
        staat.token = None
    return staat


def _after_commit(verbinding):
    def flush():
        _flush(verbinding)

    flush.pagecache_flush = True
    return flush


def _noted(verbinding) -> None:
    """Something was written: raise the versions after the commit (inside a transaction)
    or once no statement of the write is still open (autocommit)."""
    staat = _live(verbinding)
    if verbinding.in_atomic_block:
        if staat.token is None:
            staat.token = secrets.token_hex(8)
            verbinding.on_commit(_after_commit(verbinding))
    elif not staat.brackets:
        staat.deferred = True


def _flush(verbinding) -> None:
    """Raise every noted key (once each), in one statement."""
    staat = _state(verbinding)
    sleutels = set(staat.pending) | sources.unscoped_keys(staat.open_tables)
    staat.pending = Counter()
    staat.open_tables = Counter()
    staat.token = None
    staat.deferred = False
    if sleutels and versions.table_ready(verbinding):
        versions.raise_versions(list(sleutels), using=verbinding.alias)


def _close(staat: _State, tabel: str, eerder: int) -> None:
    """A save or relation change of ``tabel`` has reported its rows: its own statements
    need no unscoped raise (those before it still do)."""
    if eerder:
        staat.open_tables[tabel] = eerder
    else:
        staat.open_tables.pop(tabel, None)


# --- the execute wrapper -----------------------------------------------------------------

_SCHRIJVEN = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"(\w+)"', re.IGNORECASE)


def _written_table(sql: str) -> str | None:
    """The table an INSERT, UPDATE or DELETE writes (Django quotes it), else None."""
    if sql[:1] not in "IUDiud":  # most statements are SELECTs: one cheap test first
        return None
    gevonden = _SCHRIJVEN.match(sql)
    return gevonden.group(1) if gevonden else None


def _statement_open(verbinding, sql: str) -> bool:
    """Whether the statement may still be running after ``execute`` returned: SQLite's
    ``INSERT … RETURNING`` until its rows are fetched (a write of ours now would commit or
    roll back with it). Its versions are raised before the connection's next statement,
    at the end of the request, or when the process exits."""
    return verbinding.vendor == "sqlite" and "RETURNING" in sql.upper()


def watch(execute, sql, params, many, context):
    """Database execute wrapper (installed on every connection): notes each write to a
    tracked table; in autocommit, raises the versions of an earlier write whose
    statement was still open first (it has finished by now)."""
    verbinding = context["connection"]
    staat = getattr(verbinding, "_pagecache", None)
    if (
        staat is not None
        and staat.deferred
        and not staat.brackets
        and not verbinding.in_atomic_block
    ):
        _flush(verbinding)
    try:
        resultaat = execute(sql, params, many, context)
    except Exception:
        if staat is not None and staat.brackets:
            # A statement of a save failed: its post_save will not come (the error leaves
            # the save), so its bracket must not outlive it.
            tabel, eerder, _oud = staat.brackets.pop()
            _close(staat, tabel, eerder)
        raise
    tabel = _written_table(sql)
    if tabel is not None and tabel in sources.table_models():
        staat = _state(verbinding)
        staat.open_tables[tabel] += 1
        _noted(verbinding)
        if staat.deferred and not _statement_open(verbinding, sql):
            # Autocommit and nothing of the statement left to read: raise now, so that
            # another process (a server reading while a command or shell writes) sees it.
            _flush(verbinding)
    return resultaat


def install(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: every new connection gets the write watcher."""
    if watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch)


def flush_deferred(**kwargs) -> None:
    """``request_started`` and ``request_finished`` receiver: no autocommit write of a
    request waits past it, and no save spans two requests (a bracket left by one that
    failed before its first statement is dropped)."""
    for verbinding in connections.all(initialized_only=True):
        staat = getattr(verbinding, "_pagecache", None)
        if staat is None:
            continue
        staat.brackets.clear()
        if staat.deferred and not verbinding.in_atomic_block:
            _flush(verbinding)


def flush_at_exit() -> None:
    """At the end of a process (a management command, a shell): no autocommit write waits
    for a statement that will not come."""
    for verbinding in connections.all(initialized_only=True):
        staat = getattr(verbinding, "_pagecache", None)
        if staat is not None and staat.deferred and not verbinding.in_atomic_block:
            try:
                _flush(verbinding)
            except DatabaseError:
                logger.exception("Page cache versions not raised at exit")


# --- save and relation signals -----------------------------------------------------------


def _before_write(sender, instance, using, update_fields=None, **kwargs) -> None:
    verbinding = connections[using]
    staat = _live(verbinding)
    tabel = sender._meta.db_table
    oud = set()
    if instance.pk is not None and not instance._state.adding:
        raakt = update_fields is None or bool(sources.local_fields(sender) & set(update_fields))
        if sources.source(sender).scopes and raakt:
            oud = sources.keys_of_pks(sender, [instance.pk])  # the row before the write
    staat.brackets.append((tabel, staat.open_tables[tabel], oud))


def _after_write(sender, instance, using, update_fields=None, **kwargs) -> None:
    verbinding = connections[using]
    staat = _state(verbinding)
    if not staat.brackets:
        return  # its bracket was dropped with a new request (it cannot have one)
    tabel, eerder, oud = staat.brackets.pop()
    _close(staat, tabel, eerder)
    if update_fields is not None and set(update_fields) <= sources.source(sender).ignored_fields:
        return
    staat.pending.update(oud | sources.keys_of(instance))
    _noted(verbinding)
    if not verbinding.in_atomic_block and not staat.brackets:
        _flush(verbinding)


def _m2m(sender, instance, action, reverse, model, pk_set, using, **kwargs) -> None:
    verbinding = connections[using]
    staat = _live(verbinding)
    tabel = sender._meta.db_table
    if action.startswith("pre_"):
        oud = set()
        if action == "pre_clear":
            # Which rows are on the other side is not reported for a clear: all of them.
            oud = sources.unscoped_keys([tabel])
        staat.brackets.append((tabel, staat.open_tables[tabel], oud))
        return
    if not staat.brackets:
        return
    tabel, eerder, oud = staat.brackets.pop()
    _close(staat, tabel, eerder)
    sleutels = oud | sources.keys_of(instance)
    if pk_set:
        sleutels |= sources.keys_of_pks(model, pk_set)
    staat.pending.update(sleutels)
    _noted(verbinding)
    if not verbinding.in_atomic_block and not staat.brackets:
        _flush(verbinding)


def connect_signals() -> None:
    """Connect the save and many-to-many receivers to every tracked model (per model, not
    for all models at once).

    Deletes have no receivers: the watcher sees their statements and raises the model's
    unscoped version. A delete receiver would turn Django's fast deletes off and read
    every deleted row's scopes (the retention command deletes thousands); deletes are
    rare enough (a draft, a seat, a follower) that invalidating every scope of the model
    costs less than that."""
    for model in sources.tracked_models():
        uid = f"pagecache:{model._meta.label_lower}"
        if model._meta.auto_created:
            m2m_changed.connect(_m2m, sender=model, dispatch_uid=uid)
            continue
        pre_save.connect(_before_write, sender=model, dispatch_uid=uid)
        post_save.connect(_after_write, sender=model, dispatch_uid=uid)


# --- reading -------------------------------------------------------------------------------


def read_versions(sleutels: Iterable[str], *, using: str = "default") -> tuple:
    """The current version of each key, and of the generation, in one query; keys written
    by this connection's open transaction also carry its token and how often they were
    written in it."""
    verbinding = connections[using]
    staat = _live(verbinding)
    gevraagd = [versions.GENERATION, *sorted(set(sleutels))]
    opgeslagen = versions.fetch(gevraagd[1:], using=using)
    open_sleutels = Counter()
    if staat.token is not None:
        open_sleutels.update(staat.pending)
        for tabel, keer in staat.open_tables.items():
            for open_sleutel in sources.unscoped_keys([tabel]):
                open_sleutels[open_sleutel] += keer
    return tuple(
        (s, opgeslagen.get(s, 0), (staat.token, open_sleutels[s]) if s in open_sleutels else None)
        for s in gevraagd
    )

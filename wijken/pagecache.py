"""The portal's one page cache: each cached piece of a page declares what it shows, and its
key and invalidation follow from that declaration alone.

A piece is a ``Fragment``: a template partial, the models it shows (each for all rows, or
scoped to a ward, an item, a person or a group), whether it differs per person, and the
moments in time that change it (midnight, the start of a meeting). A view asks
``FRAGMENT.render(request, context, wijk=…)``; on a hit none of its queries run.

How a change reaches the cache:

- Every tracked model (``track``) names its scopes: the fields that tie a row to a ward,
  an item, a person or a group. A save of a row raises the version of the model in each
  scope the row was in before and is in after (``post_save``, the old values read at
  ``pre_save``); a change of a many-to-many relation raises both sides.
- A write that no signal reports (a delete, ``QuerySet.update()``, ``bulk_create``, raw
  SQL) is still seen: a database execute wrapper notes every INSERT, UPDATE and DELETE on a
  tracked table, and unless a save or delete of that table accounts for it, the model's
  unscoped version is raised, which every scoped key of that model includes. No write
  path can forget to invalidate; an unreported write only invalidates more widely.
- Versions live in one database table (``CacheVersion``), so every process on every
  server sees them. They are raised after the transaction commits, never before: a
  reader that sees a new version also sees the new rows. Inside a transaction that has
  not committed yet, the writer's own reads see its writes through a token of that
  transaction in the key, which no other transaction can produce.
- Time is declared, not guessed: each entry is stored with the first declared moment
  after it was rendered, and is not served from that moment on.

Rendered HTML lives in the ``fragmenten`` cache alias (per process, in memory): keys are
a digest of the fragment's name, the language, the address, the person where declared,
and the versions it depends on. CSRF tokens are put in after the cache (a placeholder is
cached), so forms need no per-browser keys. See docs/architecture.md, "The page cache".
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import hashlib
import logging
import re
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections, models
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

#: A dependency on every row of a model, not a scope of it.
ALL = None

#: Scopes a tracked model can name, and a fragment can be narrowed to.
SCOPES = ("wijk", "onderwerp", "persoon", "groep")

#: The version row that changes when the table was emptied or rebuilt (a test's flush, a
#: load run): all keys change with it, so nothing cached before can be served after.
GENERATION = "*"

#: Stands in for the CSRF token in cached HTML; replaced by the request's own token.
CSRF_PLACEHOLDER = "pagecache-csrf-placeholder-5e1b7c"

#: Entries are dropped after a day in any case: housekeeping of memory, not a dependency
#: (every dependency is in the key or in the declared moments).
HOUSEKEEPING_SECONDS = 24 * 3600

#: Hits and misses per fragment in this process (tests and the benchmark read them).
stats: Counter = Counter()

_disabled = contextvars.ContextVar("pagecache_disabled", default=False)


# --- what a model's rows are tied to -----------------------------------------------------


@dataclass(frozen=True)
class _Source:
    model: type[models.Model]
    scopes: Mapping[str, tuple[str, ...]]  # scope -> lookup paths ("wijk", "onderwerp__wijk")
    ignored_fields: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


_sources: dict[type[models.Model], _Source] = {}


def track(model, *, ignore: Iterable[str] = (), **scopes: str | tuple[str, ...]) -> None:
    """Declare what ``model``'s rows are tied to: ``wijk="buurt__wijk"``, ``onderwerp="pk"``,
    ``persoon="indiener"``… (a lookup path, or several whose values are all the row's).
    ``ignore``: fields whose change alone shows nowhere (a sign-in time)."""
    onbekend = set(scopes) - set(SCOPES)
    if onbekend:
        raise ValueError(f"unknown scope(s) {sorted(onbekend)} for {model.__name__}")
    _sources[model] = _Source(
        model=model,
        scopes={s: (p,) if isinstance(p, str) else tuple(p) for s, p in scopes.items()},
        ignored_fields=frozenset(ignore),
    )


def _untracked() -> set[type[models.Model]]:
    """Models of the tracked apps that no cached page shows (settings.PAGECACHE_UNTRACKED:
    the audit log, the versions themselves): their writes raise nothing."""
    return {apps.get_model(label) for label in settings.PAGECACHE_UNTRACKED}


def _tracked_models() -> list[type[models.Model]]:
    """Every model of ``settings.PAGECACHE_APPS`` (many-to-many tables included) that is
    not untracked."""
    niet = _untracked()
    gevolgd = []
    for label in settings.PAGECACHE_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model not in niet:
                gevolgd.append(model)
    return gevolgd


_tables: dict[str, tuple[str, ...]] | None = None


def _table_models() -> dict[str, tuple[str, ...]]:
    """Tracked table name -> the model labels a write to it concerns (a many-to-many
    table concerns both of its sides)."""
    global _tables
    if _tables is None:
        tabellen = {}
        niet = _untracked()
        for model in _tracked_models():
            if model._meta.auto_created:
                kanten = {
                    f.related_model._meta.label_lower
                    for f in model._meta.fields
                    if f.is_relation and f.related_model not in niet
                }
                tabellen[model._meta.db_table] = tuple(sorted(kanten))
            else:
                tabellen[model._meta.db_table] = (model._meta.label_lower,)
        _tables = tabellen
    return _tables


def _source(model) -> _Source:
    return _sources.get(model) or _Source(model=model, scopes={})


def _model_key(label: str) -> str:
    return label


def _unscoped_key(label: str) -> str:
    return f"{label}!"


def _scoped_key(label: str, scope: str, value) -> str:
    return f"{label}:{scope}={value}"


def _values(instance, path: str) -> set:
    """The values of ``path`` for a saved ``instance``: followed through related objects
    that are loaded, else read from the database from the first one that is not (one
    query)."""
    if path == "pk":
        return {instance.pk}
    obj = instance
    delen = path.split("__")
    for i, naam in enumerate(delen):
        veld = obj._meta.get_field(naam)
        if not veld.is_relation:
            return {getattr(obj, veld.attname)}
        vooruit = veld.concrete and (veld.many_to_one or veld.one_to_one)
        if vooruit:
            if i == len(delen) - 1 or getattr(obj, veld.attname) is None:
                return {getattr(obj, veld.attname)}
            if veld.is_cached(obj):
                obj = getattr(obj, naam)
                continue
        rest = "__".join(delen[i:])
        return set(type(obj)._base_manager.filter(pk=obj.pk).values_list(rest, flat=True))
    return {obj.pk}


def _keys_of(instance, *, from_db: bool) -> set[str]:
    """Every version key a write of ``instance`` raises: its model's, and its model's in
    each scope the row is in (read from the database with ``from_db``: the row as it is
    before the write)."""
    bron = _source(type(instance))
    label = bron.label
    sleutels = {_model_key(label)}
    if not bron.scopes:
        sleutels.add(_unscoped_key(label))
        return sleutels
    if from_db:
        paden = [p for paden in bron.scopes.values() for p in paden]
        rijen = list(type(instance)._base_manager.filter(pk=instance.pk).values_list(*paden))
        for rij in rijen:
            waarden = dict(zip(paden, rij, strict=True))
            for scope, scopepaden in bron.scopes.items():
                for pad in scopepaden:
                    if waarden[pad] is not None:
                        sleutels.add(_scoped_key(label, scope, waarden[pad]))
        return sleutels
    for scope, scopepaden in bron.scopes.items():
        for pad in scopepaden:
            for waarde in _values(instance, pad):
                if waarde is not None:
                    sleutels.add(_scoped_key(label, scope, waarde))
    return sleutels


def _keys_of_pks(model, pks: Iterable) -> set[str]:
    """The keys of the rows ``pks`` of ``model`` as they are in the database."""
    bron = _source(model)
    label = bron.label
    sleutels = {_model_key(label)}
    pks = list(pks)
    if not bron.scopes:
        sleutels.add(_unscoped_key(label))
        return sleutels
    paden = [p for paden in bron.scopes.values() for p in paden]
    for rij in model._base_manager.filter(pk__in=pks).values_list(*paden):
        waarden = dict(zip(paden, rij, strict=True))
        for scope, scopepaden in bron.scopes.items():
            for pad in scopepaden:
                if waarden[pad] is not None:
                    sleutels.add(_scoped_key(label, scope, waarden[pad]))
    return sleutels


def _local_fields(model) -> set[str]:
    """The fields of ``model`` its scope paths start from (their first hop)."""
    velden = set()
    for paden in _source(model).scopes.values():
        for pad in paden:
            eerste = pad.split("__")[0]
            if eerste != "pk":
                velden.add(model._meta.get_field(eerste).name)
    return velden


# --- following writes, per connection ----------------------------------------------------


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
    or now (autocommit, once no statement of the write is still open)."""
    staat = _live(verbinding)
    if verbinding.in_atomic_block:
        if staat.token is None:
            staat.token = secrets.token_hex(8)
            verbinding.on_commit(_after_commit(verbinding))
    elif not staat.brackets:
        staat.deferred = True


def _unscoped_keys(tabellen: Iterable[str]) -> set[str]:
    sleutels = set()
    modellen = _table_models()
    for tabel in tabellen:
        for label in modellen.get(tabel, ()):
            sleutels |= {_model_key(label), _unscoped_key(label)}
    return sleutels


def _flush(verbinding) -> None:
    """Raise every noted key (once each), in one statement."""
    staat = _state(verbinding)
    sleutels = set(staat.pending) | _unscoped_keys(staat.open_tables)
    staat.pending = Counter()
    staat.open_tables = Counter()
    staat.token = None
    staat.deferred = False
    if sleutels and _table_ready(verbinding):
        raise_versions(sorted(sleutels), using=verbinding.alias)


_ready: set[str] = set()


def _table_ready(verbinding) -> bool:
    """Whether the version table exists yet: not while a new database is migrated up to
    the migration that makes it (the writes of earlier migrations need no versions)."""
    if verbinding.alias not in _ready:
        tabel = apps.get_model("wijken", "CacheVersion")._meta.db_table
        if tabel in verbinding.introspection.table_names():
            _ready.add(verbinding.alias)
    return verbinding.alias in _ready


def raise_versions(sleutels: list[str], *, using: str = "default") -> None:
    """Raise the versions of ``sleutels`` (created at 1 when new). Sorted, so two writers
    always lock the rows in the same order."""
    verbinding = connections[using]
    tabel, sleutel, versie = _names(verbinding)
    waarden = ", ".join(["(%s, 1)"] * len(sleutels))
    try:
        with verbinding.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {tabel} ({sleutel}, {versie}) VALUES {waarden} "  # noqa: S608 - constant names
                f"ON CONFLICT ({sleutel}) DO UPDATE SET {versie} = {tabel}.{versie} + 1",
                sleutels,
            )
    except DatabaseError:
        # The data is committed; pages that depend on it would be served stale by every
        # process until the next write. Not a warning: an error, and the next write
        # retries nothing, so empty this process's entries at least.
        logger.error("Page cache versions not raised: %s", sleutels[:10], exc_info=True)
        caches["fragmenten"].clear()


def raise_all(*, using: str = "default") -> None:
    """A new generation: every cached entry of every process is out of date (after a
    load that bypassed the ORM and the wrapper, such as ``seed_load``'s COPY)."""
    raise_versions([GENERATION], using=using)


def _names(verbinding) -> tuple[str, str, str]:
    """The version table and its two columns, quoted for ``verbinding``."""
    q = verbinding.ops.quote_name
    return q(apps.get_model("wijken", "CacheVersion")._meta.db_table), q("key"), q("version")


_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"(\w+)"', re.IGNORECASE)


def _written_table(sql: str) -> str | None:
    if sql[:1] not in "IUDiud":  # most statements are SELECTs: one cheap test first
        return None
    gevonden = _WRITE.match(sql)
    return gevonden.group(1) if gevonden else None


def watch(execute, sql, params, many, context):
    """Database execute wrapper (installed on every connection): notes each write to a
    tracked table; in autocommit, raises the versions of an earlier write first (its
    statement has finished by now, where a write of our own would have joined it)."""
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
            # A statement of a save or delete failed: its post-signal will not come (the
            # error leaves the save), so its bracket must not outlive it.
            tabel, eerder, _oud = staat.brackets.pop()
            _close(staat, tabel, eerder)
        raise
    tabel = _written_table(sql)
    if tabel is not None and tabel in _table_models():
        staat = _state(verbinding)
        staat.open_tables[tabel] += 1
        _noted(verbinding)
        if staat.deferred and not _statement_open(verbinding, sql):
            # Autocommit and nothing of the statement left to read: raise now, so that
            # another process (a server reading while a command or shell writes) sees it.
            _flush(verbinding)
    return resultaat


def _statement_open(verbinding, sql: str) -> bool:
    """Whether the statement may still be running after ``execute`` returned: SQLite's
    ``INSERT … RETURNING`` until its rows are fetched (a write of ours now would commit or
    roll back with it). Its versions are raised before the connection's next statement,
    at the end of the request, or when the process exits."""
    return verbinding.vendor == "sqlite" and "RETURNING" in sql.upper()


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


def install(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: every new connection gets the write watcher."""
    if watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch)


def flush_deferred(**kwargs) -> None:
    """``request_started`` and ``request_finished`` receiver: no autocommit write of a
    request waits past it, and no save or delete spans two requests (a bracket left by one
    that failed before its first statement is dropped)."""
    for verbinding in connections.all(initialized_only=True):
        staat = getattr(verbinding, "_pagecache", None)
        if staat is None:
            continue
        staat.brackets.clear()
        if staat.deferred and not verbinding.in_atomic_block:
            _flush(verbinding)


def _close(staat: _State, tabel: str, eerder: int) -> None:
    """A save, delete or relation change of ``tabel`` has reported its rows: its own
    statements need no unscoped raise (those before it still do)."""
    if eerder:
        staat.open_tables[tabel] = eerder
    else:
        staat.open_tables.pop(tabel, None)


def _before_write(sender, instance, using, update_fields=None, **kwargs) -> None:
    verbinding = connections[using]
    staat = _live(verbinding)
    tabel = sender._meta.db_table
    oud = set()
    if instance.pk is not None and not instance._state.adding:
        bron = _source(sender)
        raakt = update_fields is None or bool(_local_fields(sender) & set(update_fields))
        if bron.scopes and raakt:
            oud = _keys_of(instance, from_db=True)
    staat.brackets.append((tabel, staat.open_tables[tabel], oud))


def _after_write(sender, instance, using, update_fields=None, **kwargs) -> None:
    verbinding = connections[using]
    staat = _state(verbinding)
    if not staat.brackets:
        return  # the before-write of this save ran in a transaction that rolled back
    tabel, eerder, oud = staat.brackets.pop()
    _close(staat, tabel, eerder)
    bron = _source(sender)
    if update_fields is not None and set(update_fields) <= bron.ignored_fields:
        return
    staat.pending.update(oud | _keys_of(instance, from_db=False))
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
            oud = _unscoped_keys([tabel])
        staat.brackets.append((tabel, staat.open_tables[tabel], oud))
        return
    if not staat.brackets:
        return
    tabel, eerder, oud = staat.brackets.pop()
    _close(staat, tabel, eerder)
    sleutels = oud | _keys_of(instance, from_db=False)
    if pk_set:
        sleutels |= _keys_of_pks(model, pk_set)
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
    for model in _tracked_models():
        uid = f"pagecache:{model._meta.label_lower}"
        if model._meta.auto_created:
            m2m_changed.connect(_m2m, sender=model, dispatch_uid=uid)
            continue
        pre_save.connect(_before_write, sender=model, dispatch_uid=uid)
        post_save.connect(_after_write, sender=model, dispatch_uid=uid)


# --- reading versions --------------------------------------------------------------------


def read_versions(sleutels: Iterable[str], *, using: str = "default") -> tuple:
    """The current version of each key, and of the generation, in one query; keys written
    by this connection's open transaction carry its token."""
    verbinding = connections[using]
    staat = _live(verbinding)
    sleutels = sorted(set(sleutels))
    tabel, sleutel, versie = _names(verbinding)
    gevraagd = [GENERATION, *sleutels]
    plaatsen = ", ".join(["%s"] * len(gevraagd))
    sql = f"SELECT {sleutel}, {versie} FROM {tabel} WHERE {sleutel} IN ({plaatsen})"  # noqa: S608
    with verbinding.cursor() as cursor:
        cursor.execute(sql, gevraagd)
        versies = dict(cursor.fetchall())
        if GENERATION not in versies:
            # A new or emptied table: a generation no earlier entry can have.
            cursor.execute(
                f"INSERT INTO {tabel} ({sleutel}, {versie}) VALUES (%s, %s) "  # noqa: S608
                f"ON CONFLICT ({sleutel}) DO NOTHING",
                [GENERATION, secrets.randbits(62)],
            )
            cursor.execute(
                f"SELECT {versie} FROM {tabel} WHERE {sleutel} = %s",  # noqa: S608
                [GENERATION],
            )
            versies[GENERATION] = cursor.fetchone()[0]
    open_sleutels = Counter()
    if staat.token is not None:
        open_sleutels.update(staat.pending)
        for tabel, keer in staat.open_tables.items():
            for sleutel in _unscoped_keys([tabel]):
                open_sleutels[sleutel] += keer
    return tuple(
        (s, versies.get(s, 0), (staat.token, open_sleutels[s]) if s in open_sleutels else None)
        for s in gevraagd
    )


# --- declared fragments ------------------------------------------------------------------

Moment = Callable[[dict], "datetime.datetime | None"]


def next_midnight(context: dict) -> datetime.datetime:
    """The next midnight, local time: "today", "overdue" and "n days ago" change there."""
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(morgen, datetime.time()))


_fragments: dict[str, Fragment] = {}


@dataclass(frozen=True)
class Fragment:
    """A cached piece of a page, declared by what it shows.

    ``shows``: model label -> ``ALL`` or a scope name (or several): the rows of that
    model the piece may show. A scoped dependency needs the scope's values at render
    time (``render(request, context, wijk=[…])``). May be a callable returning the
    mapping, for pieces put together from parts declared elsewhere (the ward page's
    sections). ``per_person``: the piece differs per person (their rights, their own
    rows). ``moments``: functions of the render context giving the next moment after now
    at which the piece changes without any write (``next_midnight``, a meeting's start).
    The address (path, query string, host) and the language are always part of the key.
    """

    name: str
    template: str
    shows: Mapping[str, str | tuple[str, ...] | None] | Callable[[], Mapping]
    per_person: bool = False
    moments: tuple[Moment, ...] = ()

    def __post_init__(self):
        if self.name in _fragments and _fragments[self.name] is not self:
            raise ValueError(f"two fragments named {self.name!r}")
        _fragments[self.name] = self

    def dependencies(self) -> dict[str, tuple[str | None, ...]]:
        """Model label (lower case) -> the scopes it is shown in (``ALL`` as ``None``)."""
        toont = self.shows() if callable(self.shows) else self.shows
        afhankelijk = {}
        for label, scopes in toont.items():
            scopes = scopes if isinstance(scopes, tuple) else (scopes,)
            afhankelijk[label.lower()] = scopes
        return afhankelijk

    def version_keys(self, scopes: Mapping[str, Iterable]) -> list[str]:
        sleutels = []
        for label, deze in self.dependencies().items():
            for scope in deze:
                if scope is ALL:
                    sleutels.append(_model_key(label))
                    continue
                if scope not in scopes:
                    raise TypeError(f"fragment {self.name!r} needs {scope}=… to render")
                sleutels.append(_unscoped_key(label))
                sleutels += [_scoped_key(label, scope, w) for w in scopes[scope]]
        return sleutels

    def _key(self, request, versies) -> str:
        gebruiker = getattr(request, "user", None)
        waarden = (
            self.name,
            get_language(),
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            gebruiker.pk if self.per_person and gebruiker is not None else None,
            versies,
        )
        return "fragment:" + hashlib.sha256(repr(waarden).encode()).hexdigest()

    def render(self, request, context: Callable[[], dict], **scopes) -> str:
        """The piece's HTML for this request: from the cache while nothing it declares has
        changed, else ``context()`` rendered (and cached). ``scopes``: the values of each
        scope it is narrowed to, as an iterable or a single value."""
        waarden = {
            s: tuple(sorted({v for v in (w if _iterable(w) else (w,)) if v is not None}))
            for s, w in scopes.items()
        }
        sleutels = self.version_keys(waarden)
        if _disabled.get() or not settings.PAGECACHE_ENABLED:
            return self._finish(request, self._render(request, context)[0])
        sleutel = self._key(request, read_versions(sleutels))
        opslag = caches["fragmenten"]
        gevonden = opslag.get(sleutel)
        if gevonden is not None and (gevonden[1] is None or timezone.now() < gevonden[1]):
            stats["hit", self.name] += 1
            return self._finish(request, gevonden[0])
        stats["miss", self.name] += 1
        html, tot = self._render(request, context)
        opslag.set(sleutel, (html, tot), HOUSEKEEPING_SECONDS)
        return self._finish(request, html)

    def _render(self, request, context) -> tuple[str, datetime.datetime | None]:
        inhoud = context()
        html = render_to_string(
            self.template, {**inhoud, "csrf_token": CSRF_PLACEHOLDER}, request=request
        )
        nu = timezone.now()
        momenten = [m for m in (moment(inhoud) for moment in self.moments) if m is not None]
        return html, min((m for m in momenten if m > nu), default=None)

    @staticmethod
    def _finish(request, html: str) -> str:
        if CSRF_PLACEHOLDER in html:
            html = html.replace(CSRF_PLACEHOLDER, get_token(request))
        return mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped there


def _iterable(waarde) -> bool:
    return isinstance(waarde, Iterable) and not isinstance(waarde, str | bytes)


def fragments() -> dict[str, Fragment]:
    """Every declared fragment by name (the staleness test covers each)."""
    return dict(_fragments)


@contextlib.contextmanager
def disabled():
    """Within this block every fragment renders fresh (tests compare with it)."""
    teken = _disabled.set(True)
    try:
        yield
    finally:
        _disabled.reset(teken)

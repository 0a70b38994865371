"""The page cache's versions: one row per key in ``wijken_cacheversion``, shared by every
process on every server, raised after commits and read once per fragment.

A generation row (``GENERATION``) gets a new random value when the table is emptied or
rebuilt (a test's flush, a load run): every key changes with it, so nothing cached before
can match a key after, even where a key's own version happens to be the same again.
"""

import logging
import secrets

from django.apps import apps
from django.core.cache import caches
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

GENERATION = "*"


def _names(verbinding) -> tuple[str, str, str]:
    """The version table and its two columns, quoted for ``verbinding``."""
    q = verbinding.ops.quote_name
    return q(apps.get_model("wijken", "CacheVersion")._meta.db_table), q("key"), q("version")


_ready: set[str] = set()


def table_ready(verbinding) -> bool:
    """Whether the version table exists yet: not while a new database is migrated up to
    the migration that makes it (the writes of earlier migrations need no versions)."""
    if verbinding.alias not in _ready:
        tabel = apps.get_model("wijken", "CacheVersion")._meta.db_table
        if tabel in verbinding.introspection.table_names():
            _ready.add(verbinding.alias)
    return verbinding.alias in _ready


def raise_versions(sleutels: list[str], *, using: str = "default") -> None:
    """Raise the versions of ``sleutels`` (created at 1 when new), in one statement.
    Sorted, so two writers always lock the rows in the same order."""
    sleutels = sorted(sleutels)
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
        # process until the next write. Not a warning: an error, and this process's
        # entries emptied at least.
        logger.error("Page cache versions not raised: %s", sleutels[:10], exc_info=True)
        caches["fragmenten"].clear()


def raise_all(*, using: str = "default") -> None:
    """A new generation: every cached entry of every process is out of date (after a
    load that bypassed the ORM and the write watcher, such as ``seed_load``'s COPY)."""
    raise_versions([GENERATION], using=using)


def fetch(sleutels: list[str], *, using: str = "default") -> dict[str, int]:
    """The stored version of each of ``sleutels`` and of the generation, in one query
    (a key never raised is absent); the generation is created when the table has none."""
    verbinding = connections[using]
    tabel, sleutel, versie = _names(verbinding)
    gevraagd = [GENERATION, *sleutels]
    plaatsen = ", ".join(["%s"] * len(gevraagd))
    with verbinding.cursor() as cursor:
        cursor.execute(
            f"SELECT {sleutel}, {versie} FROM {tabel} WHERE {sleutel} IN ({plaatsen})",  # noqa: S608
            gevraagd,
        )
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
    return versies

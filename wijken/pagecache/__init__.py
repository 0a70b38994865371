"""The portal's one page cache: each cached piece of a page declares what it shows, and its
key and invalidation follow from that declaration alone.

A piece is a ``Fragment`` (``fragment``): a template partial, the models it shows (each
for all rows, or scoped to a ward, an item, a person or a group), whether it differs per
person, and the moments in time that change it (midnight, the start of a meeting). A view
asks ``FRAGMENT.render(request, context, wijk=…)``; on a hit none of its queries run.

How a change reaches the cache:

- Every tracked model names its scopes (``sources.track``): the fields that tie a row to a
  ward, an item, a person or a group. A save of a row raises the version of the model in
  each scope the row was in before and is in after; a change of a many-to-many relation
  raises both sides (``writes``).
- A write that no signal reports (a delete, ``QuerySet.update()``, ``bulk_create``, raw
  SQL) is still seen: a database execute wrapper notes every INSERT, UPDATE and DELETE on a
  tracked table, and unless a save accounts for it, the model's unscoped version is
  raised, which every scoped key of that model includes. No write path can forget to
  invalidate; an unreported write only invalidates more widely.
- Versions live in one database table (``versions``), so every process on every server
  sees them. They are raised after the transaction commits, never before: a reader that
  sees a new version also sees the new rows. Inside a transaction that has not committed
  yet, the writer's own reads see its writes through a token of that transaction in the
  key, which no other transaction can produce.
- Time is declared, not guessed: each entry is stored with the first declared moment
  after it was rendered, and is not served from that moment on.

Rendered HTML lives in the ``fragmenten`` cache alias (per process, in memory). CSRF
tokens are put in after the cache (a placeholder is cached), so forms need no
per-browser keys. See docs/architecture.md, "The page cache".

Modules, each importing only those before it: ``sources`` (what a row is tied to, the
keys), ``versions`` (the table), ``writes`` (following writes per connection),
``fragment`` (the declared pieces).
"""

from wijken.pagecache.fragment import (
    ALL,
    CSRF_PLACEHOLDER,
    Fragment,
    disabled,
    fragments,
    next_midnight,
    stats,
)
from wijken.pagecache.sources import track
from wijken.pagecache.versions import raise_all, raise_versions
from wijken.pagecache.writes import (
    connect_signals,
    flush_at_exit,
    flush_deferred,
    install,
    read_versions,
    watch,
)

__all__ = [
    "ALL",
    "CSRF_PLACEHOLDER",
    "Fragment",
    "connect_signals",
    "disabled",
    "flush_at_exit",
    "flush_deferred",
    "fragments",
    "install",
    "next_midnight",
    "raise_all",
    "raise_versions",
    "read_versions",
    "stats",
    "track",
    "watch",
]

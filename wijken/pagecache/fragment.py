"""Declared pieces of pages: a ``Fragment`` says what it shows, and its key (and so when it
is rendered again) follows from that alone.

The key is a digest of the fragment's name, the language, the address (scheme, host, path
and query string), the person where declared, and the version of every (model, scope)
it shows (``writes.read_versions``). The HTML is kept in the ``fragmenten`` cache alias
with the first declared moment after it was rendered, and not served from that moment
on. CSRF tokens are put in after the cache.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wijken.pagecache import sources
from wijken.pagecache.writes import read_versions

#: A dependency on every row of a model, not a scope of it.
ALL = None

#: Stands in for the CSRF token in cached HTML; replaced by the request's own token.
CSRF_PLACEHOLDER = "pagecache-csrf-placeholder-5e1b7c"

#: Entries are dropped after a day in any case: housekeeping of memory, not a dependency
#: (every dependency is in the key or in the declared moments).
HOUSEKEEPING_SECONDS = 24 * 3600

#: Hits and misses per fragment in this process (tests and the benchmark read them).
stats: Counter = Counter()

_disabled = contextvars.ContextVar("pagecache_disabled", default=False)
logger = logging.getLogger(__name__)


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
    ``value``: a function of the render context whose (small, plain) result is cached with
    the HTML (``render_with_value``). ``variants``: the names of the kinds of reader the
    piece is rendered differently for (the public, officials who read more); each render
    names one (``render(…, variant="intern")``), and it is part of the key, so one kind
    is never served another's. The address (path, query string, host) and the language
    are always part of the key.
    """

    name: str
    template: str
    shows: Mapping[str, str | tuple[str, ...] | None] | Callable[[], Mapping]
    per_person: bool = False
    moments: tuple[Moment, ...] = ()
    value: Callable[[dict], object] | None = None
    variants: tuple[str, ...] = ()

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
        """The version keys this piece depends on, for the given scope values: a model for
        all rows, or per scope value together with the model's unscoped version."""
        sleutels = []
        for label, deze in self.dependencies().items():
            for scope in deze:
                if scope is ALL:
                    sleutels.append(sources.model_key(label))
                    continue
                if scope not in scopes:
                    raise TypeError(f"fragment {self.name!r} needs {scope}=… to render")
                sleutels.append(sources.unscoped_key(label))
                sleutels += [sources.scoped_key(label, scope, w) for w in scopes[scope]]
        return sleutels

    def _variant(self, variant: str | None) -> str | None:
        if variant not in (self.variants or (None,)):
            raise TypeError(
                f"fragment {self.name!r} renders for variant {variant!r}; "
                f"declared: {self.variants or 'none'}"
            )
        return variant

    def _key(self, request, versies, variant=None) -> str:
        gebruiker = getattr(request, "user", None)
        waarden = (
            self.name,
            variant,
            get_language(),
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            gebruiker.pk if self.per_person and gebruiker is not None else None,
            versies,
        )
        return "fragment:" + hashlib.sha256(repr(waarden).encode()).hexdigest()

    def render(
        self, request, context: Callable[[], dict], variant: str | None = None, **scopes
    ) -> str:
        """The piece's HTML for this request: from the cache while nothing it declares has
        changed, else ``context()`` rendered (and cached). ``scopes``: the values of each
        scope it is narrowed to, as an iterable or a single value; ``variant``: one of the
        declared ``variants``."""
        return self.render_with_value(request, context, variant=variant, **scopes)[0]

    def render_with_value(
        self, request, context: Callable[[], dict], variant: str | None = None, **scopes
    ) -> tuple:
        """(HTML, the declared ``value`` of the render context): for what the page shows
        outside the piece but learns only while building it (the page number in a title),
        cached with it."""
        variant = self._variant(variant)
        waarden = {
            s: tuple(sorted({v for v in (w if _iterable(w) else (w,)) if v is not None}))
            for s, w in scopes.items()
        }
        sleutels = self.version_keys(waarden)
        if _disabled.get() or not settings.PAGECACHE_ENABLED:
            html, _tot, waarde = self._render(request, context)
            return self._finish(request, html), waarde
        sleutel = self._key(request, read_versions(sleutels), variant)
        opslag = caches["fragmenten"]
        gevonden = _bewaard(lambda: opslag.get(sleutel))
        if gevonden is not None and (gevonden[1] is None or timezone.now() < gevonden[1]):
            stats["hit", self.name] += 1
            return self._finish(request, gevonden[0]), gevonden[2]
        stats["miss", self.name] += 1
        html, tot, waarde = self._render(request, context)
        _bewaard(lambda: opslag.set(sleutel, (html, tot, waarde), HOUSEKEEPING_SECONDS))
        return self._finish(request, html), waarde

    def _render(self, request, context) -> tuple[str, datetime.datetime | None, object]:
        inhoud = context()
        html = render_to_string(
            self.template, {**inhoud, "csrf_token": CSRF_PLACEHOLDER}, request=request
        )
        nu = timezone.now()
        momenten = [m for m in (moment(inhoud) for moment in self.moments) if m is not None]
        waarde = self.value(inhoud) if self.value is not None else None
        return html, min((m for m in momenten if m > nu), default=None), waarde

    @staticmethod
    def _finish(request, html: str) -> str:
        if CSRF_PLACEHOLDER in html:
            html = html.replace(CSRF_PLACEHOLDER, get_token(request))
        return mark_safe(html)  # noqa: S308 - rendered by the template engine, escaped there


def _bewaard(actie):
    """``actie()`` on the fragment store, or None when the store fails (a shared cache
    that is unreachable): the page is then rendered fresh, never an error."""
    try:
        return actie()
    except Exception:
        logger.warning("Page cache store unavailable; rendering fresh", exc_info=True)
        return None


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

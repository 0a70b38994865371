"""What a tracked model's rows are tied to, and the version keys a write of them raises.

A key is a model (``initiatieven.onderwerp``), a model in one scope
(``initiatieven.onderwerp:wijk=3``), or a model's unscoped version
(``initiatieven.onderwerp!``), raised by a write whose rows are not known.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models

#: Scopes a tracked model can name, and a fragment can be narrowed to (``vraag``: a
#: question to the wards, which can concern several wards or all of them).
SCOPES = ("wijk", "onderwerp", "persoon", "groep", "vraag")


@dataclass(frozen=True)
class _Source:
    model: type[models.Model]
    scopes: Mapping[str, tuple[str, ...]]  # scope -> lookup paths ("wijk", "onderwerp__wijk")
    ignored_fields: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def paths(self) -> list[str]:
        return [pad for paden in self.scopes.values() for pad in paden]


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


def source(model) -> _Source:
    """What ``model`` is tied to (nothing: only its unscoped and model keys)."""
    return _sources.get(model) or _Source(model=model, scopes={})


def _untracked() -> set[type[models.Model]]:
    """Models of the tracked apps that no cached page shows (settings.PAGECACHE_UNTRACKED:
    the audit log, the versions themselves): their writes raise nothing."""
    return {apps.get_model(label) for label in settings.PAGECACHE_UNTRACKED}


def tracked_models() -> list[type[models.Model]]:
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


def table_models() -> dict[str, tuple[str, ...]]:
    """Tracked table name -> the model labels a write to it concerns (a many-to-many
    table concerns both of its sides)."""
    global _tables
    if _tables is None:
        tabellen = {}
        niet = _untracked()
        for model in tracked_models():
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


def model_key(label: str) -> str:
    return label


def unscoped_key(label: str) -> str:
    return f"{label}!"


def scoped_key(label: str, scope: str, value) -> str:
    return f"{label}:{scope}={value}"


def unscoped_keys(tabellen: Iterable[str]) -> set[str]:
    """The keys a write to ``tabellen`` raises when its rows are not known."""
    sleutels = set()
    modellen = table_models()
    for tabel in tabellen:
        for label in modellen.get(tabel, ()):
            sleutels |= {model_key(label), unscoped_key(label)}
    return sleutels


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


def keys_of(instance) -> set[str]:
    """Every version key a write of ``instance`` (as it is now) raises: its model's, and
    its model's in each scope the row is in."""
    bron = source(type(instance))
    sleutels = {model_key(bron.label)}
    if not bron.scopes:
        return sleutels | {unscoped_key(bron.label)}
    for scope, paden in bron.scopes.items():
        for pad in paden:
            for waarde in _values(instance, pad):
                if waarde is not None:
                    sleutels.add(scoped_key(bron.label, scope, waarde))
    return sleutels


def keys_of_pks(model, pks: Iterable) -> set[str]:
    """The keys of the rows ``pks`` of ``model`` as they are in the database (one query)."""
    bron = source(model)
    sleutels = {model_key(bron.label)}
    if not bron.scopes:
        return sleutels | {unscoped_key(bron.label)}
    paden = bron.paths
    for rij in model._base_manager.filter(pk__in=list(pks)).values_list(*paden):
        waarden = dict(zip(paden, rij, strict=True))
        for scope, scopepaden in bron.scopes.items():
            for pad in scopepaden:
                if waarden[pad] is not None:
                    sleutels.add(scoped_key(bron.label, scope, waarden[pad]))
    return sleutels


def local_fields(model) -> set[str]:
    """The fields of ``model`` its scope paths start from (their first hop)."""
    velden = set()
    for pad in source(model).paths:
        eerste = pad.split("__")[0]
        if eerste != "pk":
            velden.add(model._meta.get_field(eerste).name)
    return velden

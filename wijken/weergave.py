"""What the views of every app share (the lowest layer, as ``wijken.snelheid`` is for
rate limits): breadcrumbs, refusing a request, and cheaper rendering of long pages.

``kruimels(*stappen)`` are the breadcrumbs from the home page; ``kruimelpad(naam, label)``
makes the breadcrumbs of a section whose first step is the section's own page.
``weiger_tenzij(toegestaan)`` answers 403 unless the person may.

What is cached is declared in ``wijken.pagecache``; the rest of this module only makes
rendering itself cheaper: ``url_per_sleutel(naam)`` and ``url_per_code(naam)`` give the
URLs of many rows for one ``reverse()``; ``keuzelijsten(form)`` renders a filter form's
select boxes in one pass. Paging is ``wijken.paginering``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

Kruimel = tuple[str, str]


def kruimels(*stappen: Kruimel) -> list[Kruimel]:
    """Breadcrumbs (URL, label): the home page, then ``stappen``."""
    return [(reverse("home"), _("Home")), *stappen]


def kruimelpad(naam: str, label) -> Callable[..., list[Kruimel]]:
    """The breadcrumbs of a section: home, the section's page (URL name ``naam``, a lazy
    ``label``), then the steps passed in. Reversed and translated on each call, in the
    language of the request."""

    def _kruimels(*stappen: Kruimel) -> list[Kruimel]:
        return kruimels((reverse(naam), str(label)), *stappen)

    return _kruimels


def weiger_tenzij(toegestaan: bool) -> None:
    """403 unless ``toegestaan`` (a permission predicate's answer)."""
    if not toegestaan:
        raise PermissionDenied


#: A key no row has, put into a URL once so that the URL of every row is a string join.
_PLAATSHOUDER = 987_654_321


def url_per_sleutel(naam: str):
    """``reverse(naam, kwargs={"pk": pk})`` for many keys at the cost of one ``reverse()``:
    the URL is reversed once with a placeholder key and each row's URL is joined around
    its own key (a reverse per row was a tenth of a list's CPU time)."""
    voor, na = reverse(naam, kwargs={"pk": _PLAATSHOUDER}).split(str(_PLAATSHOUDER))
    return lambda pk: f"{voor}{int(pk)}{na}"


#: A ward code no ward has (the path converter accepts it), put into a URL the same way.
_CODEPLAATSHOUDER = "WK999999"


def url_per_code(naam: str):
    """``reverse(naam, kwargs={"code": code})`` for many ward codes at the cost of one
    ``reverse()`` (as ``url_per_sleutel``). Codes are CBS codes: nothing to quote."""
    voor, na = reverse(naam, kwargs={"code": _CODEPLAATSHOUDER}).split(_CODEPLAATSHOUDER)
    return lambda code: f"{voor}{code}{na}"


@dataclass
class Keuzelijst:
    """A filter's ``<select>``: its bound field (label, name, id) and its options as HTML."""

    veld: object
    opties: str


def _opties(choices) -> str:
    return format_html_join(
        "", '<option value="{}">{}</option>', ((str(w), tekst) for w, tekst in choices)
    )


def keuzelijsten(form) -> list[Keuzelijst]:
    """The filter form's select boxes, their options rendered in one pass.

    Django's widget templates render each of the ~120 options (100 wards) through the
    template engine, which was most of the list page's CPU time; the options themselves
    are plain value/label pairs, escaped here by ``format_html_join``. The ``<select>``
    element, its label and id stay in the template. The chosen option is marked by its
    exact ``value="…"`` (values are unique within a select).
    """
    lijsten = []
    for veld in form:
        if not isinstance(veld.field, forms.ChoiceField):
            continue
        opties = _opties(veld.field.choices)
        gekozen = veld.value()
        waarde = conditional_escape("" if gekozen is None else str(gekozen))
        opties = mark_safe(  # noqa: S308 - both parts are escaped HTML already
            opties.replace(f'value="{waarde}">', f'value="{waarde}" selected>', 1)
        )
        lijsten.append(Keuzelijst(veld=veld, opties=opties))
    return lijsten

"""The error summary at the top of a form: every error, each linked to its field; and
crispy's rendering of an unbound form, cached.

``{% foutenlijst form formset as fouten %}`` collects the errors of forms and formsets;
``{% include "includes/foutensamenvatting.html" with fouten=fouten only %}`` shows them.
``{{ form|crispy_gecached }}`` renders as ``{{ form|crispy }}`` does.
"""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import forms, template
from django.core.cache import caches
from django.forms.models import ModelChoiceIterator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wijken.weergave import inhoudssleutel

register = template.Library()

#: How long a rendered form stays in the cache; its key changes with anything it shows.
CRISPY_CACHE_SECONDEN = 3600


def _veld_id(veld) -> str:
    # Radio buttons and checkboxes carry the id with an index; link to the first one.
    if veld.use_fieldset and isinstance(
        veld.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        return f"{veld.auto_id}_0"
    return veld.auto_id


def _van_formulier(formulier) -> list[dict]:
    # An error of the whole form (e.g. a wrong password) links to its first field, so the
    # summary's link still brings the keyboard to the form.
    zichtbaar = formulier.visible_fields()
    eerste = f"#{_veld_id(zichtbaar[0])}" if zichtbaar else ""
    fouten = [{"href": eerste, "label": "", "tekst": f} for f in formulier.non_field_errors()]
    for veld in formulier:
        for fout in veld.errors:
            fouten.append({"href": f"#{_veld_id(veld)}", "label": veld.label, "tekst": fout})
    return fouten


@register.simple_tag
def foutenlijst(*formulieren) -> list[dict]:
    """Errors as dicts with href (``#field-id`` or empty), label and tekst."""
    fouten = []
    for formulier in formulieren:
        if formulier is None or not formulier.is_bound:
            continue
        if isinstance(formulier, forms.BaseFormSet):
            fouten += [{"href": "", "label": "", "tekst": f} for f in formulier.non_form_errors()]
            for sub in formulier.forms:
                fouten += _van_formulier(sub)
        else:
            fouten += _van_formulier(formulier)
    return fouten


def _vingerafdruk(formulier) -> str:
    """A digest of everything crispy's rendering of an unbound form reads: the form's
    class, prefix and ids, the language, and per field its name, kind, widget (class,
    attributes, format), label, help text, required/disabled, initial value and choices.
    Two forms with the same digest render to the same HTML."""
    delen = [
        type(formulier).__module__,
        type(formulier).__qualname__,
        formulier.prefix,
        formulier.auto_id,
        formulier.label_suffix,
        formulier.use_required_attribute,
        get_language(),
    ]
    for veld in formulier:
        f, w = veld.field, veld.field.widget
        keuzes = getattr(f, "choices", None)
        if isinstance(keuzes, ModelChoiceIterator):
            # Read a model field's choices once: a render after a miss reuses this list
            # instead of querying again. Through iter(): list() of the iterator itself
            # asks its length first, a COUNT query of its own.
            keuzes = f.choices = list(iter(keuzes))
        delen.append(
            (
                veld.html_name,
                veld.auto_id,
                type(f).__name__,
                type(w).__name__,
                getattr(w, "template_name", None),
                sorted((k, str(v)) for k, v in w.attrs.items()),
                getattr(w, "format", None),
                getattr(w, "input_type", None),
                str(f.label),
                str(f.help_text),
                f.required,
                f.disabled,
                f.show_hidden_initial,
                f.localize,
                repr(veld.value()),
                None if keuzes is None else [(str(k), str(label)) for k, label in keuzes],
            )
        )
    return inhoudssleutel(delen)


@register.filter
def crispy_gecached(formulier):
    """``{{ form|crispy }}``, cached for an unbound form under a digest of everything the
    rendering reads (``_vingerafdruk``), so it is never stale. crispy's field templates
    are the slowest part of a page with several forms (20 ms of the triage page's 32).
    A bound form (errors, the input coming back) is always rendered afresh."""
    if formulier.is_bound:
        return as_crispy_form(formulier)
    sleutel = f"crispy:{_vingerafdruk(formulier)}"
    html = caches["fragmenten"].get(sleutel)
    if html is None:
        html = str(as_crispy_form(formulier))
        caches["fragmenten"].set(sleutel, html, CRISPY_CACHE_SECONDEN)
    # The cache holds crispy's own output: rendered by the template engine, escaped there.
    return mark_safe(html)  # noqa: S308

"""The error summary at the top of a form: every error, each linked to its field.

``{% foutenlijst form formset as fouten %}`` collects the errors of forms and formsets;
``{% include "includes/foutensamenvatting.html" with fouten=fouten only %}`` shows them.
"""

from django import forms, template

register = template.Library()


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

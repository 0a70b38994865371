"""Forms of the composition pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatieven.keuzes import Soort, Status
from initiatieven.models import Thema

_ALLE = [("", _("All"))]

#: The dashboard's figures as list filters (names of ``initiatieven.querysets.KENGETALLEN``),
#: with the label of their checkbox.
KENGETAL_FILTERS = [
    ("open", _("Open")),
    ("nieuw", _("Submitted this month")),
    ("wacht_op_wethouder", _("Waiting for the alderman")),
    ("geescaleerd", _("Escalated (alderman or agenda)")),
    ("op_agenda", _("For the college or council")),
    ("te_laat", _("First response overdue")),
    ("te_herbezien", _("Due for revisit")),
    ("kansrijk", _("Promising and open")),
    ("langst_open", _("Open bottlenecks (oldest first)")),
]


class DashboardFilterForm(forms.Form):
    """The filters of the list behind the dashboard's figures. They come from the address
    bar: an invalid value is ignored (it counts as 'all'), never an error."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    soort = forms.ChoiceField(label=_("Kind"), required=False)
    thema = forms.ModelChoiceField(
        label=_("Theme"), queryset=Thema.objects.none(), required=False, empty_label=_("All")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = _ALLE + [
            (w, label) for w, label in Status.choices if w != Status.CONCEPT
        ]
        self.fields["soort"].choices = _ALLE + list(Soort.choices)
        self.fields["thema"].queryset = Thema.objects.all()
        for naam, label in KENGETAL_FILTERS:
            self.fields[naam] = forms.BooleanField(label=label, required=False)
        for veld in self.fields.values():
            if isinstance(veld.widget, forms.CheckboxInput):
                veld.widget.attrs["class"] = "form-check-input"
            else:
                veld.widget.attrs["class"] = "form-select"

    def geldige_waarden(self) -> dict:
        """The valid filter values; invalid ones are left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}

    def keuzevelden(self):
        return [self[n] for n in ("status", "soort", "thema")]

    def vinkvelden(self):
        return [self[n] for n, _label in KENGETAL_FILTERS]

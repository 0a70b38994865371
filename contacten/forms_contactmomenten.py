"""Forms of the contact log: one contact moment, and the log's filters.

The forms only collect input and check what a person can correct on the spot; the
services in ``contacten.services_contactmomenten`` decide again (permission, group in the
ward, officials, date), so a rule holds whatever calls them.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacten.contactmomenten import Contactvorm


def _datumveld(**kwargs) -> forms.DateField:
    return forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


class ContactmomentForm(forms.Form):
    """One contact moment of a ward chosen beforehand: groups are that ward's only, and the
    person "from the municipality" one of its officials or the person logging."""

    groep = forms.ModelChoiceField(
        label=_("Group"),
        queryset=None,
        required=False,
        empty_label=_("No group: a resident"),
    )
    bewoner = forms.CharField(
        label=_("Resident"),
        max_length=150,
        required=False,
        help_text=_(
            "When the contact was with a resident rather than a group. A name only: no "
            "address, telephone or email."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    datum = _datumveld(label=_("Date"))
    vorm = forms.ChoiceField(label=_("Kind of contact"), choices=Contactvorm.choices)
    medewerker = forms.ModelChoiceField(
        label=_("From the municipality"), queryset=None, empty_label=None
    )
    onderwerp = forms.CharField(label=_("Subject"), max_length=200)
    notitie = forms.CharField(
        label=_("Note"),
        max_length=10000,
        required=False,
        help_text=_(
            "For the ward's officials only. Do not record sensitive personal data such as "
            "health, religion, ethnicity or finances."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    vervolg = forms.CharField(
        label=_("Follow-up"),
        max_length=2000,
        required=False,
        help_text=_("What the municipality will do next, if anything."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    vervolg_voor = _datumveld(label=_("Follow-up by"), required=False)
    #: New: a key per opened form, so a double click logs once. Change: what the form saw
    #: (``vingerafdruk``), so a change by someone else in between is not overwritten.
    sleutel = forms.UUIDField(widget=forms.HiddenInput, required=False)
    gezien = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1000)

    def __init__(self, *args, wijk, door, huidige_medewerker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.wijk = wijk
        self.fields["groep"].queryset = wijk.groepen.order_by("naam")
        functionarissen = {
            pk
            for pk in (wijk.wijkadviseur_id, wijk.opbouwwerker_id, wijk.wijkwethouder_id)
            if pk is not None
        }
        functionarissen.add(door.pk)
        if huidige_medewerker is not None:
            functionarissen.add(huidige_medewerker.pk)
        self.fields["medewerker"].queryset = get_user_model().objects.filter(pk__in=functionarissen)
        self.fields["datum"].widget.attrs["max"] = timezone.localdate().isoformat()

    def voor_service(self) -> dict:
        """The cleaned values the services take (not the hidden fields)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("sleutel", "gezien")}

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return datum

    def clean(self):
        gegevens = super().clean()
        # Only when both fields are valid: an invalid group has its own error already.
        if "groep" in gegevens and gegevens.get("bewoner") == "" and gegevens["groep"] is None:
            self.add_error("groep", _("Choose a group or enter a resident's name."))
        if gegevens.get("vervolg_voor") and not gegevens.get("vervolg"):
            self.add_error("vervolg", _("Describe the follow-up, or leave its date empty."))
        return gegevens


class WijkKeuzeForm(forms.Form):
    """First step of logging for someone with several wards: which ward (by GET)."""

    wijk = forms.ChoiceField(label=_("Ward"))

    def __init__(self, *args, wijken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].choices = [(w.code, w.naam) for w in wijken]
        self.fields["wijk"].widget.attrs["class"] = "form-select"


_ALLE = [("", _("All"))]


class ContactmomentFilterForm(forms.Form):
    """The log's filters, from the address bar: an invalid value counts as "all". A ward or
    group the person is not an official of is refused by the view (404) before this."""

    # No max_length: a long query is cut by ``zoeken()``, not refused.
    q = forms.CharField(
        label=_("Search in subject and note"), required=False, widget=forms.SearchInput
    )
    wijk = forms.ChoiceField(label=_("Ward"), required=False)
    vorm = forms.ChoiceField(
        label=_("Kind of contact"), required=False, choices=_ALLE + Contactvorm.choices
    )
    vervolg = forms.ChoiceField(
        label=_("Follow-up"),
        required=False,
        choices=[*_ALLE, ("open", _("Open follow-up"))],
    )
    groep = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, wijken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].choices = _ALLE + [(w.code, w.naam) for w in wijken]
        for veld in self.fields.values():
            if isinstance(veld.widget, forms.Select):
                veld.widget.attrs["class"] = "form-select"
            elif isinstance(veld.widget, forms.SearchInput):
                veld.widget.attrs["class"] = "form-control"

    def geldige_waarden(self) -> dict:
        """The valid filter values; invalid ones (a typo in the URL) count as "all"."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

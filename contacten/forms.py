"""Forms for accounts."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AanmeldForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    weergavenaam = forms.CharField(
        label=_("Your name"),
        max_length=100,
        help_text=_("Shown to the municipality. You choose per submission whether others see it."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["weergavenaam", "email", "password1", "password2"]

    def clean_weergavenaam(self):
        naam = self.cleaned_data["weergavenaam"].strip()
        if not naam:
            raise forms.ValidationError(_("Enter your name."))
        return naam

    def signup(self, request, user):
        user.weergavenaam = self.cleaned_data["weergavenaam"]
        user.save(update_fields=["weergavenaam"])


#: How far from today a meeting's date may lie.
MAX_JAREN_VAN_NU = 10


class VergaderingForm(forms.Form):
    """A meeting: body, date and time, location."""

    orgaan = forms.ChoiceField(label=_("Body"), choices=[])
    begin = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    locatie = forms.CharField(label=_("Location"), max_length=200)

    def __init__(self, *args, **kwargs):
        from contacten.vergaderingen import Orgaan

        super().__init__(*args, **kwargs)
        self.fields["orgaan"].choices = Orgaan.choices

    def clean_begin(self):
        # A typing slip like year 1 or 9999 would be stored, and then break the pages and
        # the calendar feed that compute with it (a time zone or the meeting's end falls
        # outside what a date can hold).
        begin = self.cleaned_data["begin"]
        vandaag = timezone.localdate()
        if abs(begin.year - vandaag.year) > MAX_JAREN_VAN_NU:
            raise forms.ValidationError(
                _("Enter a date within %(jaren)d years of today.") % {"jaren": MAX_JAREN_VAN_NU},
                code="buiten_bereik",
            )
        return begin

    def clean_locatie(self):
        locatie = self.cleaned_data["locatie"].strip()
        if not locatie:
            raise forms.ValidationError(_("Enter the location."))
        return locatie


class AgendapuntForm(forms.Form):
    """An agenda item's public text."""

    titel = forms.CharField(label=_("Title"), max_length=200)
    toelichting = forms.CharField(
        label=_("Public explanation"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    hamerstuk = forms.BooleanField(
        label=_("Formality (hamerstuk): adopted without discussion"), required=False
    )

    def clean(self):
        gegevens = super().clean()
        for veld in ("titel", "toelichting"):
            if veld in gegevens and not gegevens[veld].strip():
                self.add_error(veld, _("This field is required."))
        return gegevens

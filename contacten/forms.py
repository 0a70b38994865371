"""Forms for accounts."""

from django import forms
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

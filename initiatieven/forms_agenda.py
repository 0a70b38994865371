"""Forms of the agenda pages. They validate input; the views act through
``initiatieven.agenda``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contacten.models import Orgaan, Resultaat, Vergadering
from initiatieven.models import Onderwerp
from wijken.forms import Meerkeuze


class VergaderingKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class OnderwerpKeuze(Meerkeuze):
    def label_from_instance(self, obj):
        return f"{obj.titel} ({obj.wijk.naam})"


def _verplicht_tekst(form, *velden):
    for veld in velden:
        waarde = form.cleaned_data.get(veld)
        if waarde is not None and not waarde.strip():
            form.add_error(veld, _("This field is required."))


class VoorstelForm(forms.Form):
    """The alderman proposes an agenda item for an upcoming college meeting."""

    onderwerpen = OnderwerpKeuze(
        label=_("Items"),
        queryset=Onderwerp.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Several items of your wards on one theme can share one agenda item."),
    )
    vergadering = VergaderingKeuze(label=_("College meeting"), queryset=Vergadering.objects.none())
    titel = forms.CharField(label=_("Title of the agenda item"), max_length=200)
    toelichting = forms.CharField(
        label=_("Public explanation"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the agenda and on the items' public pages."),
    )

    def __init__(self, *args, onderwerpen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderwerpen"].queryset = onderwerpen
        self.fields["vergadering"].queryset = Vergadering.objects.komend(Orgaan.COLLEGE)

    def clean(self):
        gegevens = super().clean()
        _verplicht_tekst(self, "titel", "toelichting")
        return gegevens


class VerplaatsenForm(forms.Form):
    vergadering = VergaderingKeuze(
        label=_("Move to the college meeting of"), queryset=Vergadering.objects.none()
    )

    def __init__(self, *args, huidig, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vergadering"].queryset = Vergadering.objects.komend(Orgaan.COLLEGE).exclude(
            pk=huidig.pk
        )


class TeruggevenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reason (public)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The alderman, the ward and the submitters see this reason."),
    )

    def clean(self):
        gegevens = super().clean()
        _verplicht_tekst(self, "reden")
        return gegevens


class BesluitForm(forms.Form):
    """The decision on an agenda item, with at most one commitment."""

    resultaat = forms.ChoiceField(label=_("Result"), choices=[], widget=forms.RadioSelect)
    toelichting = forms.CharField(
        label=_("Public explanation of the decision"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    herbezien_op = forms.DateField(
        label=_("Revisit on (when deferred)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    raadsvergadering = VergaderingKeuze(
        label=_("Council meeting (when referred to the council)"),
        queryset=Vergadering.objects.none(),
        required=False,
    )
    toezegging = forms.CharField(label=_("Commitment (optional)"), max_length=500, required=False)
    verantwoordelijke = forms.CharField(
        label=_("Responsible for the commitment"), max_length=150, required=False
    )
    datum = forms.DateField(
        label=_("Commitment due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, orgaan, **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = Resultaat.choices
        if orgaan != Orgaan.COLLEGE:
            keuzes = [k for k in keuzes if k[0] != Resultaat.DOORVERWEZEN_RAAD]
            del self.fields["raadsvergadering"]
        else:
            self.fields["raadsvergadering"].queryset = Vergadering.objects.komend(
                Orgaan.GEMEENTERAAD
            )
        self.fields["resultaat"].choices = keuzes

    def clean(self):
        gegevens = super().clean()
        _verplicht_tekst(self, "toelichting")
        resultaat = gegevens.get("resultaat")
        if resultaat == Resultaat.AANGEHOUDEN and not gegevens.get("herbezien_op"):
            self.add_error("herbezien_op", _("Give the date on which this is looked at again."))
        if resultaat == Resultaat.DOORVERWEZEN_RAAD and not gegevens.get("raadsvergadering"):
            self.add_error("raadsvergadering", _("Choose the council meeting."))
        toezegging = [gegevens.get(v) for v in ("toezegging", "verantwoordelijke", "datum")]
        if any(toezegging) and not all(toezegging):
            for veld, waarde in zip(
                ("toezegging", "verantwoordelijke", "datum"), toezegging, strict=True
            ):
                if not waarde:
                    self.add_error(veld, _("A commitment needs what, who and by when."))
        return gegevens

    def toezeggingen(self) -> list[dict]:
        g = self.cleaned_data
        if not g.get("toezegging"):
            return []
        return [
            {
                "omschrijving": g["toezegging"].strip(),
                "verantwoordelijke": g["verantwoordelijke"].strip(),
                "datum": g["datum"],
            }
        ]

"""Forms of the visit pages. They validate input; the views act through
``initiatieven.bezoeken`` and ``contacten.services_bezoek``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from contacten.bezoeken import Bezoeksoort, Dagdeel
from contacten.services_bezoek import deelnemers_keuze
from initiatieven.bezoeken import NIET_VOORGESTELD, SUGGESTIE_REDENEN
from initiatieven.models import Onderwerp
from wijken.models import Wijk


class WijkKeuzeForm(forms.Form):
    """Step one of planning without JavaScript: which ward (its items are the topics)."""

    wijk = forms.ModelChoiceField(
        label=_("Ward"), queryset=Wijk.objects.none(), to_field_name="code"
    )
    soort = forms.ChoiceField(
        label=_("Kind of visit"), choices=Bezoeksoort.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, wijken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = wijken


class OnderwerpKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        suggestie = getattr(obj, "suggestie", NIET_VOORGESTELD)
        label = f"{obj.titel} ({obj.get_status_display()})"
        if suggestie in SUGGESTIE_REDENEN:
            return _("Suggested, %(reden)s: %(label)s") % {
                "reden": SUGGESTIE_REDENEN[suggestie],
                "label": label,
            }
        return label


class DeelnemerKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.weergavenaam} ({obj.get_rol_display()})"


def _verplicht_tekst(form, *velden):
    for veld in velden:
        waarde = form.cleaned_data.get(veld)
        if waarde is not None and not waarde.strip():
            form.add_error(veld, _("This field is required."))


class BezoekForm(forms.Form):
    """Plan or change a visit: when, where, what, who, and the topics."""

    soort = forms.ChoiceField(
        label=_("Kind of visit"), choices=Bezoeksoort.choices, widget=forms.RadioSelect
    )
    datum = forms.DateField(
        label=_("Date"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    dagdeel = forms.ChoiceField(
        label=_("Part of the day"), choices=Dagdeel.choices, widget=forms.RadioSelect
    )
    locatie = forms.CharField(label=_("Location"), max_length=200, required=False)
    programma = forms.CharField(
        label=_("Programme (public)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who is visited, where, and what is discussed."),
    )
    onderwerpen = OnderwerpKeuze(
        label=_("Topics"),
        queryset=Onderwerp.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The ward's current items. Suggested first: escalated ones, promising ones and "
            "those open longest."
        ),
    )
    deelnemers = DeelnemerKeuze(
        label=_("Participants from the college"),
        queryset=deelnemers_keuze(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    raad_uitgenodigd = forms.BooleanField(label=_("Council members invited"), required=False)
    openbaar = forms.BooleanField(
        label=_("Public"),
        required=False,
        initial=True,
        help_text=_("Shown on the ward page and in the calendar feed."),
    )

    def __init__(self, *args, onderwerpen, met_soort=True, extra_velden=None, **kwargs):
        """``extra_velden``: the fields of higher apps' topic sources
        (``initiatieven.bezoekonderwerpen.velden``), placed after the items."""
        super().__init__(*args, **kwargs)
        self.fields["onderwerpen"].queryset = onderwerpen
        if extra_velden:
            self.fields.update(extra_velden)
            volgorde = list(self.fields)
            voor = volgorde[: volgorde.index("onderwerpen") + 1]
            self.order_fields([*voor, *extra_velden])
        self.fields["deelnemers"].queryset = deelnemers_keuze()
        if not met_soort:
            del self.fields["soort"]
        if not onderwerpen.exists():
            self.fields["onderwerpen"].help_text = _("This ward has no current items.")


class AnnulerenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reason for cancelling (public)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        gegevens = super().clean()
        _verplicht_tekst(self, "reden")
        return gegevens


class VerslagForm(forms.Form):
    """Record the visit as held, with its report; publish it now or later."""

    verslag = forms.CharField(
        label=_("Report"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What was seen and discussed, and what was agreed."),
    )
    publiceren = forms.BooleanField(
        label=_("Publish the report"),
        required=False,
        help_text=_("Otherwise it stays a draft that only the municipality sees."),
    )

    def __init__(self, *args, gepubliceerd=False, **kwargs):
        super().__init__(*args, **kwargs)
        if gepubliceerd:
            # A published report stays published; changing it updates the public text.
            del self.fields["publiceren"]
            self.fields["verslag"].help_text = _("The report is public: changes show at once.")

    def clean(self):
        gegevens = super().clean()
        _verplicht_tekst(self, "verslag")
        return gegevens


class BezoekActieForm(forms.Form):
    """A follow-up action of a visit."""

    omschrijving = forms.CharField(label=_("What"), max_length=300)
    eigenaar = forms.CharField(label=_("Who"), max_length=150)
    deadline = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    onderwerp = forms.ModelChoiceField(
        label=_("About topic (optional)"),
        queryset=Onderwerp.objects.none(),
        required=False,
    )

    def __init__(self, *args, onderwerpen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderwerp"].queryset = onderwerpen
        self.fields["onderwerp"].label_from_instance = lambda o: o.titel

    def clean(self):
        gegevens = super().clean()
        _verplicht_tekst(self, "omschrijving", "eigenaar")
        return gegevens

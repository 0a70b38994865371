"""Forms of the ward pages. They validate input; the views save through ``wijken.services``."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijken.models import (
    Berichtfrequentie,
    Bewonersgroep,
    Functiesoort,
    Overnemer,
    TerugvalTaak,
    Wijkprofessional,
    WijkraadStatus,
)


def _niet_aanvullen(form, *namen) -> None:
    """Details of someone else (a board member, a professional, a group): the browser must
    not fill in the signed-in official's own name, address or number."""
    for naam in namen:
        if naam in form.fields:
            form.fields[naam].widget.attrs["autocomplete"] = "off"


def _tekstvak(rijen=4):
    return forms.Textarea(attrs={"rows": rijen})


class WijkZoekForm(forms.Form):
    q = forms.CharField(
        label=_("Ward or neighbourhood"),
        max_length=100,
        required=False,
        widget=forms.SearchInput,
    )
    gemeente = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args, gemeenten: list[tuple[str, str]] = (), **kwargs):
        """``gemeenten``: (code, name) of the municipalities to choose from; with fewer
        than two there is nothing to choose and the field is left out."""
        super().__init__(*args, **kwargs)
        if len(gemeenten) > 1:
            self.fields["gemeente"].choices = [("", _("All municipalities")), *gemeenten]
        else:
            del self.fields["gemeente"]


class EmailadressenField(forms.CharField):
    """One email address per line (or separated by commas), each of an existing account.

    Only ward staff see this field: it tells them whether an address has an account.
    """

    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value):
        value = super().clean(value)
        adressen = sorted(
            {a.strip().lower() for a in value.replace(",", "\n").split() if a.strip()}
        )
        if not adressen:
            return []
        gebruikers = list(get_user_model().objects.filter(email__in=adressen, is_active=True))
        onbekend = set(adressen) - {g.email.lower() for g in gebruikers}
        if onbekend:
            raise forms.ValidationError(
                _("No active account has this email address: %(adressen)s."),
                params={"adressen": ", ".join(sorted(onbekend))},
                code="onbekend",
            )
        return gebruikers


class BewonersgroepForm(forms.ModelForm):
    contactpersonen = EmailadressenField(
        label=_("Contact persons"),
        required=False,
        max_length=2000,
        help_text=_(
            "Email addresses of their accounts, one per line. They manage the board seats "
            "and receive responses to vacancies."
        ),
    )

    class Meta:
        model = Bewonersgroep
        fields = ["naam", "soort", "buurten", "beschrijving", "website", "email"]
        widgets = {"buurten": forms.CheckboxSelectMultiple, "beschrijving": _tekstvak(5)}

    def __init__(self, *args, wijk, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buurten"].queryset = wijk.buurten.all()
        self.fields["website"].widget.attrs["placeholder"] = "https://"
        _niet_aanvullen(self, "naam", "email", "contactpersonen")
        if self.instance.pk:
            # The kind of a group is fixed: a ward council's status has its own history.
            self.fields["soort"].disabled = True
            self.fields["soort"].help_text = _("The kind cannot be changed.")
            self.initial["contactpersonen"] = "\n".join(
                p.email for p in self.instance.contactpersonen.all()
            )


class BestuursfunctieForm(forms.Form):
    BEZET, VACANT = "bezet", "vacant"

    functie = forms.ChoiceField(label=_("Seat"), choices=Functiesoort.choices)
    omschrijving = forms.CharField(
        label=_("Title"),
        max_length=100,
        required=False,
        help_text=_("Required for 'other role', e.g. 'youth coordinator'."),
    )
    bezetting = forms.ChoiceField(
        label=_("Is the seat filled?"),
        choices=[(BEZET, _("Filled")), (VACANT, _("Vacant: publish a vacancy"))],
        widget=forms.RadioSelect,
        initial=BEZET,
    )
    naam = forms.CharField(
        label=_("Name of the board member"),
        max_length=100,
        required=False,
        help_text=_("When filled. Shown publicly."),
    )
    gebruiker = EmailadressenField(
        label=_("Account of the board member (optional)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput,
        help_text=_("The email address of their account, if they have one."),
    )
    vacaturetekst = forms.CharField(
        label=_("Vacancy text"),
        max_length=3000,
        required=False,
        widget=_tekstvak(5),
        help_text=_("When vacant: what the seat involves and who you are looking for."),
    )

    def __init__(self, *args, mag_account_koppelen: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not mag_account_koppelen:
            # Contact persons are residents: they may not look up other people's accounts.
            del self.fields["gebruiker"]
        _niet_aanvullen(self, "naam", "gebruiker")

    def clean(self):
        data = super().clean()
        if data.get("functie") == Functiesoort.ANDERS and not data.get("omschrijving"):
            self.add_error("omschrijving", _("Give the title of this seat."))
        if data.get("bezetting") == self.VACANT:
            if not data.get("vacaturetekst"):
                self.add_error("vacaturetekst", _("Describe the vacancy."))
        elif data.get("bezetting") == self.BEZET and not data.get("naam"):
            self.add_error("naam", _("Give the name of the board member, or mark the seat vacant."))
        gebruikers = data.get("gebruiker") or []
        if len(gebruikers) > 1:
            self.add_error("gebruiker", _("Give one email address."))
        data["gebruiker"] = gebruikers[0] if gebruikers else None
        return data

    @classmethod
    def initial_van(cls, functie) -> dict:
        return {
            "functie": functie.functie,
            "omschrijving": functie.omschrijving,
            "bezetting": cls.VACANT if functie.is_vacant else cls.BEZET,
            "naam": functie.naam,
            "gebruiker": functie.gebruiker.email if functie.gebruiker else "",
            "vacaturetekst": functie.vacaturetekst,
        }


class InteresseForm(forms.Form):
    bericht = forms.CharField(
        label=_("Your message"),
        max_length=1000,
        widget=_tekstvak(5),
        help_text=_(
            "Tell the group briefly who you are and why you are interested. They receive "
            "your name and email address to contact you. At most 1000 characters."
        ),
    )


class WijkraadStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect, choices=())
    toelichting = forms.CharField(
        label=_("Explanation"), max_length=2000, required=False, widget=_tekstvak(3)
    )

    def __init__(self, *args, huidige_status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (waarde, label) for waarde, label in WijkraadStatus.choices if waarde != huidige_status
        ]


class TerugvalregelingForm(forms.Form):
    ingang = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    aanspreekpunt = forms.ChoiceField(
        label=_("Point of contact for the ward while there is no ward council"),
        choices=Overnemer.choices,
        widget=forms.RadioSelect,
        help_text=_("Shown publicly on the ward page."),
    )
    aanspreekpunt_groep = forms.ModelChoiceField(
        label=_("Group that is the point of contact"),
        queryset=Bewonersgroep.objects.none(),
        required=False,
        help_text=_("Only when a group is the point of contact."),
    )
    toelichting = forms.CharField(
        label=_("The tailored arrangement"),
        max_length=3000,
        required=False,
        widget=_tekstvak(4),
        help_text=_("Shown publicly on the ward page."),
    )

    def __init__(self, *args, andere_groepen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanspreekpunt_groep"].queryset = andere_groepen

    def clean(self):
        data = super().clean()
        if data.get("aanspreekpunt") == Overnemer.GROEP and not data.get("aanspreekpunt_groep"):
            self.add_error("aanspreekpunt_groep", _("Choose the group."))
        if data.get("aanspreekpunt") != Overnemer.GROEP:
            data["aanspreekpunt_groep"] = None
        return data


class TaakForm(forms.Form):
    taak = forms.CharField(label=_("Task"), max_length=200, required=False)
    overnemer = forms.ChoiceField(
        label=_("Taken over by"), choices=[("", "—"), *Overnemer.choices], required=False
    )
    groep = forms.ModelChoiceField(
        label=_("Group"),
        queryset=Bewonersgroep.objects.none(),
        required=False,
        help_text=_("Only when a group takes it over."),
    )

    def __init__(self, *args, andere_groepen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groep"].queryset = andere_groepen

    def clean(self):
        data = super().clean()
        taak, overnemer = data.get("taak", ""), data.get("overnemer", "")
        if not taak:
            if overnemer or data.get("groep"):
                self.add_error("taak", _("Name the task, or clear this row."))
            return data
        if not overnemer:
            self.add_error("overnemer", _("Choose who takes this task over, or clear the task."))
        elif overnemer == Overnemer.GROEP and not data.get("groep"):
            self.add_error("groep", _("Choose the group."))
        if overnemer != Overnemer.GROEP:
            data["groep"] = None
        return data


class BaseTaakFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not any(f.cleaned_data.get("taak") for f in self.forms):
            raise forms.ValidationError(_("Name at least one task and who takes it over."))


TaakFormSet = forms.formset_factory(TaakForm, formset=BaseTaakFormSet, extra=3, max_num=20)


def taken_initieel(regeling) -> list[dict]:
    """The rows the form starts with: the running arrangement's tasks, or the suggestions."""
    if regeling is not None:
        return [
            {"taak": t.taak, "overnemer": t.overnemer, "groep": t.groep_id}
            for t in regeling.taken.all()
        ]
    return [{"taak": str(s)} for s in TerugvalTaak.SUGGESTIES]


def terugval_initieel(regeling) -> dict:
    if regeling is None:
        return {"ingang": timezone.localdate()}
    return {
        "ingang": regeling.ingang,
        "aanspreekpunt": regeling.aanspreekpunt,
        "aanspreekpunt_groep": regeling.aanspreekpunt_groep_id,
        "toelichting": regeling.toelichting,
    }


class WijkprofessionalForm(forms.ModelForm):
    class Meta:
        model = Wijkprofessional
        fields = ["naam", "rol", "organisatie", "email", "telefoon", "website", "bereikbaarheid"]
        widgets = {"bereikbaarheid": _tekstvak(3)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs["placeholder"] = "https://"
        self.fields["telefoon"].widget.input_type = "tel"
        _niet_aanvullen(self, "naam", "email", "telefoon")

    # "At least one way to reach them" is the model's constraint, checked by the ModelForm.


class VolgForm(forms.Form):
    """Follow a ward, or change how often its news comes. ``auto_id`` may carry the ward's
    code, so a page with a form per ward keeps its ids unique."""

    frequentie = forms.ChoiceField(
        label=_("How often would you like an email with the ward's news?"),
        choices=Berichtfrequentie.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        initial=Berichtfrequentie.WEKELIJKS,
    )


def volgformulier(volger, *, auto_id="id_%s", data=None) -> VolgForm:
    """The follow form, with the current frequency chosen when the person follows already
    (the ward page and the follow pages both show it)."""
    initial = {"frequentie": volger.frequentie if volger else Berichtfrequentie.WEKELIJKS}
    return VolgForm(data, initial=initial, auto_id=auto_id)

"""Forms of the public item list, the work queue and the triage page.

The triage forms only collect input; the services in ``initiatieven.services`` decide
what is required (``Onvolledig``) and who may do it (``Geweigerd``), so a rule lives in
one place. Every form that changes the item carries the ``versie`` the page showed: a
second person acting on an old page gets a conflict instead of overwriting the first.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatieven.keuzes import RolGemeente, Soort, Status
from initiatieven.models import Thema
from initiatieven.workflow import INVOER, Overgang
from wijken.models import Bewonersgroep, Wijk

_ALLE = [("", _("All"))]


def _keuzes(choices, uitgezonderd=()):
    return _ALLE + [(waarde, label) for waarde, label in choices if waarde not in uitgezonderd]


class _FilterForm(forms.Form):
    """Filters come from the address bar: an invalid value is ignored, never an error."""

    soort = forms.ChoiceField(label=_("Kind"), required=False)
    thema = forms.ModelChoiceField(
        label=_("Theme"), queryset=Thema.objects.none(), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, wijken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = _keuzes(Soort.choices)
        self.fields["status"].choices = _keuzes(Status.choices, {Status.CONCEPT})
        self.fields["thema"].queryset = Thema.objects.all()
        self.fields["wijk"] = forms.ModelChoiceField(
            label=_("Ward"), queryset=wijken, required=False, empty_label=_("All")
        )
        self.order_fields(["q", "wijk", "soort", "thema", "status"])
        for veld in self.fields.values():
            if isinstance(veld.widget, forms.CheckboxInput):
                veld.widget.attrs["class"] = "form-check-input"
            elif isinstance(veld.widget, forms.Select):
                veld.widget.attrs["class"] = "form-select"
            else:
                # The input type comes from the widget (SearchInput): an attribute would
                # render a second ``type`` on the element.
                veld.widget.attrs["class"] = "form-control"

    def geldige_waarden(self) -> dict:
        """The valid filter values; invalid ones (a typo in the URL) count as 'all'."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}


class LijstFilterForm(_FilterForm):
    """Search and filters of the public list."""

    # No max_length: a long query is cut by ``zoeken()``, not refused.
    q = forms.CharField(label=_("Search"), required=False, strip=True, widget=forms.SearchInput)
    # Newest first unless asked: ranking scores every match (see ``zoeken()``).
    volgorde = forms.ChoiceField(
        label=_("Order of search results"),
        required=False,
        choices=[("", _("Newest first")), ("relevantie", _("Best match first"))],
    )


class WerkvoorraadFilterForm(_FilterForm):
    """Filters of the work queue; the wards are only those of the signed-in person."""

    te_laat = forms.BooleanField(label=_("Only overdue first responses"), required=False)
    kansrijk = forms.BooleanField(label=_("Only promising initiatives"), required=False)
    # Closed items need nothing from the advisor: hidden unless asked for (or a closed
    # status is chosen).
    afgesloten = forms.BooleanField(
        label=_("Also show completed, impossible and withdrawn items"), required=False
    )


# --- triage ------------------------------------------------------------------------------


class _VersieForm(forms.Form):
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ScreenenForm(_VersieForm):
    """(1) Publish, or keep non-public with a reason; adjust the public title and text."""

    openbaar = forms.TypedChoiceField(
        label=_("Publish this item?"),
        choices=[
            ("ja", _("Publish: everyone can see it")),
            ("nee", _("Keep it non-public")),
        ],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
    )
    niet_openbaar_reden = forms.CharField(
        label=_("Reason it is not published"),
        help_text=_("The submitter sees this reason. Required when you keep it non-public."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    publieke_titel = forms.CharField(
        label=_("Public title"),
        help_text=_("Leave empty to publish the submitter's own title."),
        required=False,
        max_length=150,
    )
    publieke_beschrijving = forms.CharField(
        label=_("Public description"),
        help_text=_(
            "Leave empty to publish the submitter's own text. Remove personal details "
            "such as names, addresses and phone numbers."
        ),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    publieke_locatie = forms.CharField(
        label=_("Public location"),
        help_text=_(
            "Shown on the public page. It starts as the submitter typed it: take out a "
            "home address or a name, or empty it to show no location."
        ),
        required=False,
        max_length=200,
    )

    @classmethod
    def voor(cls, onderwerp, data=None):
        niet_openbaar_reden = onderwerp.niet_openbaar_reden
        if onderwerp.is_gescreend:
            openbaar = onderwerp.openbaar
        else:
            # Before the first screening the choice follows what the submitter asked:
            # publish, unless they asked not to; then with their request as the reason, so
            # saving the proposed choice never asks for more.
            openbaar = not onderwerp.wil_niet_openbaar
            if not openbaar:
                niet_openbaar_reden = _("You asked us not to publish it.")
        # Until the first screening the submitter's own location is offered; after it,
        # what the advisor chose (which may be none).
        gescreend = onderwerp.is_gescreend
        initial = {
            "versie": onderwerp.versie,
            "openbaar": "ja" if openbaar else "nee",
            "niet_openbaar_reden": niet_openbaar_reden,
            "publieke_titel": onderwerp.publieke_titel,
            "publieke_beschrijving": onderwerp.publieke_beschrijving,
            "publieke_locatie": onderwerp.publieke_locatie if gescreend else onderwerp.locatie,
        }
        return cls(data, initial=initial, auto_id="screenen-%s")


class RolForm(_VersieForm):
    """(2) The municipality's role, promising or not, and the group it is on behalf of."""

    rol_gemeente = forms.ChoiceField(
        label=_("Role of the municipality"),
        choices=RolGemeente.choices,
        widget=forms.RadioSelect,
    )
    rol_toelichting = forms.CharField(
        label=_("Explanation of the role"),
        help_text=_("Shown publicly. For 'not a matter for the municipality': whose it is."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    kansrijk = forms.BooleanField(label=_("Promising initiative"), required=False)
    groep = forms.ModelChoiceField(
        label=_("On behalf of group"),
        queryset=Bewonersgroep.objects.none(),
        required=False,
        empty_label=_("No group"),
    )

    def __init__(self, *args, onderwerp, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groep"].queryset = Bewonersgroep.objects.filter(
            wijk_id=onderwerp.wijk_id
        ).order_by("naam")
        if onderwerp.soort != Soort.INITIATIEF:
            # Only initiatives are marked promising.
            del self.fields["kansrijk"]

    @classmethod
    def voor(cls, onderwerp, data=None):
        initial = {
            "versie": onderwerp.versie,
            "rol_gemeente": onderwerp.rol_gemeente,
            "rol_toelichting": onderwerp.rol_toelichting,
            "kansrijk": onderwerp.kansrijk,
            "groep": onderwerp.groep_id,
        }
        return cls(data, initial=initial, onderwerp=onderwerp, auto_id="rol-%s")


class ActieForm(forms.Form):
    """(3) A concrete action: what, who, when."""

    omschrijving = forms.CharField(label=_("What"), max_length=300)
    eigenaar = forms.CharField(label=_("Who"), max_length=150)
    deadline = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    @classmethod
    def voor(cls, data=None):
        return cls(data, auto_id="actie-%s")


class BerichtForm(forms.Form):
    """(4) A public answer to the submitter, or an internal note for the ward's officials."""

    openbaar = forms.TypedChoiceField(
        label=_("Kind of message"),
        choices=[
            ("nee", _("Internal note for the ward's officials")),
            ("ja", _("Public answer to the submitter (also sent by email)")),
        ],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
        initial="nee",
    )
    tekst = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, mag_openbaar: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not mag_openbaar:
            # A community worker writes internal notes only.
            self.fields["openbaar"].choices = self.fields["openbaar"].choices[:1]
            self.fields["openbaar"].widget = forms.HiddenInput()

    @classmethod
    def voor(cls, *, mag_openbaar: bool, data=None):
        # Prefixed: the triage page is one form, and the screening has an ``openbaar`` too.
        return cls(data, mag_openbaar=mag_openbaar, prefix="bericht", auto_id="%s")


# --- workflow ----------------------------------------------------------------------------


class StapForm(_VersieForm):
    """(5) One step of the workflow; shows only the fields its transition requires
    (each requirement's fields are declared in ``workflow.INVOER``).

    The fields are not required here: the service says what is missing (``Onvolledig``),
    so the rule is not written twice. ``auto_id`` keeps ids unique on a page with several
    step forms; the names stay plain so a single button (``naar`` + ``versie``) also works.
    """

    naar = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    toelichting = forms.CharField(
        label=_("Public explanation"),
        help_text=_("Shown on the public page and sent to the submitter."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    resultaat = forms.CharField(
        label=_("Result"),
        help_text=_("What came of it, for the public page."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    advies = forms.CharField(
        label=_("Advice to the alderman"),
        help_text=_("Internal: only the ward's officials see it."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    notitie = forms.CharField(
        label=_("Direction to the ward advisor"),
        help_text=_("Internal: only the ward's officials see it."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    herbezien_op = forms.DateField(
        label=_("Revisit on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    herbezien_voorwaarde = forms.CharField(
        label=_("Or revisit when"),
        help_text=_("A condition, for example 'when the new budget is known'."),
        required=False,
        max_length=300,
    )

    def __init__(self, *args, overgang: Overgang, **kwargs):
        super().__init__(*args, **kwargs)
        self.overgang = overgang
        nodig = {"versie", "naar"}
        for vereiste in overgang.vereist:
            nodig.update(INVOER[vereiste].velden)
        for naam in list(self.fields):
            if naam not in nodig:
                del self.fields[naam]

    @classmethod
    def voor(cls, onderwerp, overgang: Overgang, data=None):
        return cls(
            data,
            overgang=overgang,
            initial={"versie": onderwerp.versie, "naar": overgang.naar},
            auto_id=f"stap-{overgang.code}-%s",
        )

    @property
    def service_velden(self) -> dict:
        """The keyword arguments for ``onderwerp_overgang`` (without versie and naar)."""
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in ("versie", "naar") and v not in (None, "")
        }


def wijken_keuze(queryset=None):
    """Wards for a filter: all of them (public list) or the given ones, by name."""
    return (
        (queryset if queryset is not None else Wijk.objects.all())
        .only("id", "naam")
        .order_by("naam")
    )

"""The resident's form for an initiative or a bottleneck (one form for both kinds).

It validates input only; the views save through ``initiatieven.services.onderwerp_opslaan``,
which takes nothing but ``INDIENERSVELDEN``: a posted ``status``, ``indiener`` or
``openbaar`` never reaches the item.
"""

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from initiatieven.bijlagen import ACCEPT, controleer_bijlage
from initiatieven.keuzes import Soort
from initiatieven.models import Onderwerp, Thema
from wijken.models import Bewonersgroep, Buurt


class MeerdereBestandenInput(forms.FileInput):
    allow_multiple_selected = True


class BijlagenField(forms.FileField):
    """Several files in one input; each is checked by content (``initiatieven.bijlagen``)
    and cleaned into the dict ``Bijlage.objects.create`` takes."""

    widget = MeerdereBestandenInput

    def __init__(self, *args, max_aantal: int, **kwargs):
        self.max_aantal = max_aantal
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not isinstance(data, list | tuple):
            data = [data]
        bestanden = [b for b in data if b]
        if len(bestanden) > self.max_aantal:
            raise ValidationError(
                _("Choose at most %(max)d files; you chose %(aantal)d."),
                code="te_veel",
                params={"max": self.max_aantal, "aantal": len(bestanden)},
            )
        gecontroleerd, fouten = [], []
        for bestand in bestanden:
            try:
                gecontroleerd.append(controleer_bijlage(bestand))
            except ValidationError as fout:
                fouten.append(fout)
        if fouten:
            raise ValidationError(fouten)
        return gecontroleerd


class BestandenOpnieuwKiezen:
    """A form mixin: a browser does not send chosen files again, so when other fields are
    wrong the file inputs (``bestandsvelden``) that were filled say to choose them again."""

    bestandsvelden: tuple[str, ...] = ("bijlagen",)

    def full_clean(self):
        super().full_clean()
        if self._errors:
            self.bestanden_opnieuw_kiezen()

    def bestanden_opnieuw_kiezen(self):
        """Also for a view whose service refused a valid form: nothing was saved."""
        for veld in self.bestandsvelden:
            if veld not in self.fields or self.has_error(veld):
                continue
            if self.files.getlist(self.add_prefix(veld)):
                self.add_error(
                    veld,
                    ValidationError(
                        _(
                            "Your files were not saved because of the other errors in the "
                            "form. Choose them again."
                        ),
                        code="opnieuw_kiezen",
                    ),
                )


class BuurtKeuze(forms.ModelChoiceField):
    """Neighbourhoods in use grouped by ward (``<optgroup>``), in one query; those
    archived after a CBS re-division are not offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(
            Buurt.objects.actief()
            .filter(wijk__vervallen_per__isnull=True)
            .select_related("wijk")
            .order_by("wijk__naam", "naam")
        )
        self.required = False

    def groeperen(self):
        groepen: dict[str, list] = {}
        for buurt in self.queryset:
            groepen.setdefault(buurt.wijk.naam, []).append((buurt.pk, buurt.naam))
        self.choices = [("", _("I don't know / the whole ward")), *groepen.items()]


#: Labels and help per kind: a resident describes an initiative differently from a problem.
_BESCHRIJVING_HULP = {
    Soort.INITIATIEF: _(
        "What do you want to do, with whom, and what would you like from the municipality? "
        "At most 10,000 characters."
    ),
    Soort.KNELPUNT: _(
        "What is the problem, where and when does it happen, and who is affected? "
        "At most 10,000 characters."
    ),
}


class OnderwerpForm(BestandenOpnieuwKiezen, forms.ModelForm):
    """Title, description, theme, ward or neighbourhood, location, group, attachments and
    the two privacy choices of a resident's initiative or bottleneck."""

    buurt = BuurtKeuze()
    bijlagen = BijlagenField(
        label=_("Add photos or documents"),
        max_aantal=settings.BIJLAGEN_MAX_AANTAL,
        widget=MeerdereBestandenInput(attrs={"accept": ACCEPT}),
    )
    idempotentiesleutel = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Onderwerp
        fields = [
            "titel",
            "beschrijving",
            "thema",
            "buurt",
            "wijk",
            "locatie",
            "groep",
            "toon_naam",
            "wil_niet_openbaar",
        ]
        labels = {
            "titel": _("Title"),
            "beschrijving": _("Description"),
            "thema": _("Theme"),
            "wijk": _("Ward"),
            "locatie": _("Location"),
            "groep": _("On behalf of a group"),
            "toon_naam": _("Show my name on public pages"),
            "wil_niet_openbaar": _("Keep this non-public"),
        }
        help_texts = {
            "titel": _("A short title, at most 150 characters."),
            "locatie": _(
                "For example a street, a crossing or a playground. At most 200 characters. "
                "Once the ward advisor publishes your item, the location is shown on its "
                "public page; they may adjust it. Do not give your home address."
            ),
            "groep": _(
                "Only groups you are a contact person of. Leave empty to submit as a resident."
            ),
            "toon_naam": _(
                "Otherwise you appear as “anonymous”. We never show your email address."
            ),
            "wil_niet_openbaar": _(
                "Ask the ward advisor not to publish this. Only you and the ward's "
                "officials will see it."
            ),
        }
        widgets = {"beschrijving": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, soort: str, gebruiker, aantal_bestaande_bijlagen: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.soort = soort
        if not self.is_bound and not self.initial.get("idempotentiesleutel"):
            # One key per form as first shown: every post of this form is the same item.
            self.initial["idempotentiesleutel"] = self.instance.idempotentiesleutel or uuid.uuid4()

        self.fields["beschrijving"].help_text = _BESCHRIJVING_HULP[soort]
        if soort == Soort.KNELPUNT:
            self.fields["beschrijving"].label = _("Describe the bottleneck")
        else:
            self.fields["beschrijving"].label = _("Describe your initiative")

        self.fields["thema"].queryset = Thema.objects.actief()
        self.fields["thema"].empty_label = _("Choose a theme")

        buurt = self.fields["buurt"]
        buurt.label = _("Neighbourhood")
        buurt.help_text = _("Choose your neighbourhood and we fill in the ward.")
        buurt.groeperen()

        wijk = self.fields["wijk"]
        wijk.required = False  # taken from the neighbourhood when one is chosen
        wijk.queryset = wijk.queryset.actief().order_by("naam")
        wijk.empty_label = _("Choose a ward")
        wijk.help_text = _("Needed only when you did not choose a neighbourhood.")

        groepen = Bewonersgroep.objects.met_contactpersoon(gebruiker).select_related("wijk")
        if groepen.exists():
            self.fields["groep"].queryset = groepen.order_by("naam")
            self.fields["groep"].label_from_instance = lambda g: f"{g.naam} ({g.wijk.naam})"
            self.fields["groep"].empty_label = _("No group: I submit this as a resident")
        else:
            del self.fields["groep"]

        ruimte = settings.BIJLAGEN_MAX_AANTAL - aantal_bestaande_bijlagen
        self.fields["bijlagen"].max_aantal = max(ruimte, 0)
        self.fields["bijlagen"].help_text = _(
            "Photos (JPEG or PNG) or PDF documents, at most %(aantal)d files of at most "
            "%(mb)d MB each. We remove location data from photos."
        ) % {"aantal": max(ruimte, 0), "mb": settings.BIJLAGE_MAX_BYTES // (1024 * 1024)}
        if ruimte <= 0:
            self.fields["bijlagen"].disabled = True

        for naam in ("titel", "beschrijving", "locatie"):
            # No maxlength in the page: a browser cuts pasted text silently; the server
            # says so instead.
            self.fields[naam].widget.attrs.pop("maxlength", None)

    def clean(self):
        data = super().clean()
        buurt, wijk = data.get("buurt"), data.get("wijk")
        if buurt and not wijk and "wijk" not in self.errors:
            data["wijk"] = buurt.wijk
        elif buurt and wijk and buurt.wijk_id != wijk.pk:
            self.add_error(
                "buurt",
                ValidationError(
                    _("%(buurt)s is in %(wijk)s. Choose that ward or another neighbourhood."),
                    code="buurt_wijk",
                    params={"buurt": buurt.naam, "wijk": buurt.wijk.naam},
                ),
            )
        elif not buurt and not wijk and "wijk" not in self.errors:
            self.add_error(
                "wijk",
                ValidationError(_("Choose a ward or a neighbourhood."), code="required"),
            )
        groep = data.get("groep")
        wijk = data.get("wijk")
        if groep and wijk and groep.wijk_id != wijk.pk:
            self.add_error(
                "groep",
                ValidationError(
                    _("%(groep)s belongs to %(wijk)s. Choose a group of the chosen ward."),
                    code="groep_wijk",
                    params={"groep": groep.naam, "wijk": groep.wijk.naam},
                ),
            )
        return data

    def _post_clean(self):
        # The model's clean() checks neighbourhood and ward as well; skip it once the
        # form has said so, so the resident does not read the same error twice.
        if self.has_error("buurt"):
            return
        super()._post_clean()

    def gegevens(self) -> dict:
        """What the service takes: the resident's fields, with the kind of item."""
        gegevens = {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in {"bijlagen", "idempotentiesleutel"}
        }
        gegevens["soort"] = self.soort
        if "groep" not in self.fields:
            # Not (or no longer) a contact person of any group: on one's own behalf.
            gegevens["groep"] = None
        return gegevens


class IntrekkenForm(forms.Form):
    """Withdrawing carries the version the resident saw: a change since is a conflict."""

    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

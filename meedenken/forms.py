"""Forms of consultation questions. They collect input and check what a person can correct
on the spot; the services (``meedenken.services``) decide again."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from contacten.vergaderingen import Agendapunt
from initiatieven.bijlagen import ACCEPT
from initiatieven.forms import BestandenOpnieuwKiezen, BijlagenField, MeerdereBestandenInput
from initiatieven.keuzes import AFGESLOTEN
from initiatieven.models import Onderwerp, Thema
from meedenken.models import Staat
from wijken.forms import Meerkeuze
from wijken.models import Bewonersgroep, Buurt, Wijk, Wijkprofessional

_MOMENT = {"attrs": {"type": "datetime-local"}, "format": "%Y-%m-%dT%H:%M"}


def _moment(label, **kwargs):
    return forms.DateTimeField(label=label, widget=forms.DateTimeInput(**_MOMENT), **kwargs)


def _tekst(label, max_length, rijen=5, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rijen}),
        **kwargs,
    )


class VraagForm(BestandenOpnieuwKiezen, forms.Form):
    """A question: what is asked, of whom, when, and in which forms of input."""

    titel = forms.CharField(label=_("Title"), max_length=150)
    vraag = _tekst(_("The question"), 5000, rijen=3)
    achtergrond = _tekst(
        _("Background"),
        20000,
        rijen=8,
        help_text=_(
            "What the municipality already knows: figures, plans, constraints, what is and "
            "is not open for discussion. Write it so that every resident understands it."
        ),
    )
    thema = forms.ModelChoiceField(label=_("Theme"), queryset=Thema.objects.none())
    beleidsonderwerp = forms.CharField(label=_("Policy or project"), max_length=200, required=False)
    alle_wijken = forms.BooleanField(label=_("Ask all wards"), required=False)
    wijken = Meerkeuze(
        label=_("Wards"),
        queryset=Wijk.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    buurten = Meerkeuze(
        label=_("Only these neighbourhoods"),
        queryset=Buurt.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty when the question concerns the whole ward."),
    )
    groepen = Meerkeuze(
        label=_("Invite groups"),
        queryset=Bewonersgroep.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their contact persons get an email when the question is published."),
    )
    professionals = Meerkeuze(
        label=_("Invite professionals working in the ward"),
        queryset=Wijkprofessional.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    aanleiding = Meerkeuze(
        label=_("Initiatives and bottlenecks that led to this question"),
        queryset=Onderwerp.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Published items of the wards asked that are still running."),
    )
    open_vanaf = _moment(_("Open from"))
    sluit_op = _moment(_("Closes at"))
    terugkoppeling_voor = forms.DateField(
        label=_("Feedback promised by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    open_reacties = forms.BooleanField(label=_("Ask for open responses"), required=False)
    opties = _tekst(
        _("Options to choose from"),
        4000,
        rijen=4,
        required=False,
        help_text=_("One option per line. Leave empty for no choice."),
    )
    meerdere_keuzes = forms.BooleanField(label=_("Several choices allowed"), required=False)
    reacties_openbaar = forms.BooleanField(
        label=_("Responses are public (after screening)"), required=False
    )
    uitslag_tijdens = forms.BooleanField(
        label=_("Show the counts of the choices while the question is open"), required=False
    )
    bijlagen = BijlagenField(
        label=_("Add documents or photos"),
        max_aantal=settings.BIJLAGEN_MAX_AANTAL,
        widget=MeerdereBestandenInput(attrs={"accept": ACCEPT}),
    )
    bijlagen_weg = forms.TypedMultipleChoiceField(
        label=_("Remove attachments"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, wijken, mag_alle_wijken: bool, aanleiding=(), bijlagen=(), **kwargs):
        """``aanleiding``: the items the question already names, offered even once
        they are closed; ``bijlagen``: its attachments, to remove."""
        super().__init__(*args, **kwargs)
        self.bestaande_bijlagen = list(bijlagen)
        self.fields["bijlagen"].help_text = _(
            "Photos (JPEG, PNG) or PDF documents, at most %(max)d, each at most %(grootte)s. "
            "Everyone sees them with the question once it is published."
        ) % {
            "max": settings.BIJLAGEN_MAX_AANTAL,
            "grootte": filesizeformat(settings.BIJLAGE_MAX_BYTES),
        }
        if self.bestaande_bijlagen:
            self.fields["bijlagen_weg"].choices = [
                (b.pk, f"{b.oorspronkelijke_naam} ({b.soort}, {filesizeformat(b.grootte)})")
                for b in self.bestaande_bijlagen
            ]
        else:
            del self.fields["bijlagen_weg"]
        wijk_ids = [w.pk for w in wijken]
        self.fields["aanleiding"].queryset = (
            Onderwerp.objects.openbaar()
            .filter(wijk__in=wijk_ids)
            .filter(~Q(status__in=AFGESLOTEN) | Q(pk__in=[o.pk for o in aanleiding]))
            .select_related("wijk")
            .order_by("wijk__naam", "-ingediend_op", "-pk")
        )
        self.fields["aanleiding"].label_from_instance = lambda o: f"{o.toon_titel} ({o.wijk.naam})"
        self.fields["thema"].queryset = Thema.objects.actief()
        self.fields["wijken"].queryset = Wijk.objects.filter(pk__in=wijk_ids)
        self.fields["buurten"].queryset = Buurt.objects.actief().filter(wijk__in=wijk_ids)
        self.fields["groepen"].queryset = Bewonersgroep.objects.filter(wijk__in=wijk_ids)
        self.fields["professionals"].queryset = Wijkprofessional.objects.filter(wijk__in=wijk_ids)
        if not mag_alle_wijken:
            del self.fields["alle_wijken"]
        self.fields["titel"].widget.attrs["autocomplete"] = "off"
        self.fields["beleidsonderwerp"].widget.attrs["autocomplete"] = "off"

    def clean_titel(self):
        titel = self.cleaned_data["titel"].strip()
        if not titel:
            raise forms.ValidationError(_("Give the question a title."))
        return titel

    def clean(self):
        data = super().clean()
        if not data.get("alle_wijken") and not data.get("wijken") and "wijken" in self.fields:
            self.add_error("wijken", _("Choose at least one ward."))
        gekozen = {w.pk for w in data.get("wijken") or []}
        buiten = [o for o in data.get("aanleiding") or [] if o.wijk_id not in gekozen]
        if buiten and not data.get("alle_wijken"):
            self.add_error(
                "aanleiding", _("Choose only initiatives and bottlenecks of the wards asked.")
            )
        blijven = len(self.bestaande_bijlagen) - len(data.get("bijlagen_weg") or [])
        if blijven + len(data.get("bijlagen") or []) > settings.BIJLAGEN_MAX_AANTAL:
            self.add_error(
                "bijlagen",
                forms.ValidationError(
                    _(
                        "A question can have at most %(max)d attachments; remove one first "
                        "or choose fewer files."
                    ),
                    code="te_veel",
                    params={"max": settings.BIJLAGEN_MAX_AANTAL},
                ),
            )
        return data

    def opties_lijst(self) -> list[str]:
        return [r.strip() for r in self.cleaned_data.get("opties", "").splitlines() if r.strip()]


class InbrengForm(BestandenOpnieuwKiezen, forms.Form):
    """A response: text and/or choices, as a person or for a group, by name or anonymous."""

    bestandsvelden = ("bijlage",)

    tekst = _tekst(_("Your response"), 5000, rijen=6, required=False)
    keuzes = Meerkeuze(
        label=_("Your choice"), queryset=None, required=False, widget=forms.RadioSelect
    )
    namens = forms.ChoiceField(label=_("You respond"), required=False)
    toon_naam = forms.BooleanField(
        label=_("Show my name"),
        required=False,
        help_text=_("Otherwise you appear as 'anonymous' on public pages."),
    )
    bijlage = BijlagenField(
        label=_("Add a document or photo (optional)"),
        max_aantal=1,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
    )
    bijlage_weg = forms.BooleanField(required=False)

    def __init__(self, *args, vraag, groepen, bijlage=None, **kwargs):
        """``bijlage``: the response's attachment, if it has one."""
        super().__init__(*args, **kwargs)
        self.fields["bijlage"].help_text = _(
            "One photo (JPEG, PNG) or PDF document of at most %(grootte)s. Whoever may read "
            "your response sees it; its file name only you. Leave out what names you or others."
        ) % {"grootte": filesizeformat(settings.BIJLAGE_MAX_BYTES)}
        if bijlage is not None:
            self.fields["bijlage"].label = _("Replace your attachment (optional)")
            self.fields["bijlage_weg"].label = _("Remove your attachment “%(naam)s”") % {
                "naam": bijlage.oorspronkelijke_naam
            }
        else:
            del self.fields["bijlage_weg"]
        opties = vraag.opties.all()
        if opties:
            self.fields["keuzes"].queryset = opties
            if vraag.meerdere_keuzes:
                self.fields["keuzes"].widget = forms.CheckboxSelectMultiple()
                self.fields["keuzes"].label = _("Your choices")
            else:
                # One choice: a radio group posts one value; the field still takes a list.
                self.fields["keuzes"] = forms.ModelChoiceField(
                    label=_("Your choice"),
                    queryset=opties,
                    required=False,
                    widget=forms.RadioSelect,
                    empty_label=None,
                )
            if vraag.open_reacties:
                self.fields["tekst"].label = _("Explanation or response (optional)")
        else:
            del self.fields["keuzes"]
        if not vraag.open_reacties and opties:
            self.fields["tekst"].label = _("Explanation (optional)")
        if groepen:
            self.fields["namens"].choices = [("", _("As myself"))] + [
                (str(g.pk), _("On behalf of %(groep)s") % {"groep": g.naam}) for g in groepen
            ]
            self.fields["namens"].widget = forms.RadioSelect(choices=self.fields["namens"].choices)
        else:
            del self.fields["namens"]

    def nieuwe_bijlage(self) -> dict | None:
        """The checked file to store, or None."""
        return (self.cleaned_data.get("bijlage") or [None])[0]

    def gekozen(self) -> list:
        waarde = self.cleaned_data.get("keuzes")
        if waarde is None:
            return []
        return list(waarde) if hasattr(waarde, "__iter__") else [waarde]


class BijeenkomstForm(forms.Form):
    begint = _moment(_("Starts at"))
    eindigt = _moment(_("Ends at"))
    plaats = forms.CharField(label=_("Place"), max_length=200)
    toegankelijkheid = _tekst(
        _("Accessibility of the venue"),
        2000,
        rijen=3,
        required=False,
        help_text=_("For example: step-free entrance, hearing loop, accessible toilet."),
    )
    max_deelnemers = forms.IntegerField(
        label=_("Maximum number of participants"),
        min_value=1,
        max_value=100000,
        required=False,
        help_text=_("Leave empty for no maximum."),
    )


class TerugkoppelingForm(forms.Form):
    samenvatting = _tekst(_("Summary of what was said"), 10000, rijen=6)
    besluit = _tekst(_("What the municipality decided or will do"), 10000, rijen=5)
    waarom = _tekst(_("Why"), 10000, rijen=4)
    agendapunt = forms.ModelChoiceField(
        label=_("Agenda item or decision of the college or council"),
        queryset=Agendapunt.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    onderwerpen = Meerkeuze(
        label=_("Initiatives and bottlenecks that came out of it"),
        queryset=Onderwerp.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, vraag, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agendapunt"].queryset = (
            Agendapunt.objects.openbaar().select_related("vergadering").order_by("-pk")
        )
        onderwerpen = Onderwerp.objects.openbaar()
        if not vraag.alle_wijken:
            onderwerpen = onderwerpen.filter(wijk__in=vraag.wijken.all())
        self.fields["onderwerpen"].queryset = onderwerpen.order_by("-ingediend_op")


class BeoordelingForm(forms.Form):
    """Screening one response: its id and the button pressed, both hidden. A wrong value
    (a stale page, a tampered post) is an error of the whole form, so the error summary
    names it without linking to a control the person cannot see."""

    ACTIES = ("openbaar", "niet_openbaar")

    inbreng = forms.CharField(widget=forms.HiddenInput, required=False)
    actie = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, vraag, **kwargs):
        super().__init__(*args, **kwargs)
        self.vraag = vraag

    def clean(self):
        data = super().clean()
        rij, actie = data.get("inbreng", ""), data.get("actie", "")
        gekozen = None
        if rij.isascii() and rij.isdigit() and len(rij) < 19 and actie in self.ACTIES:
            gekozen = self.vraag.inbreng.filter(pk=int(rij)).first()
        if gekozen is None:
            raise forms.ValidationError(_("Choose a response and what to do with it."))
        data["inbreng"] = gekozen
        return data


class FilterForm(forms.Form):
    """The public list's filters; invalid values are ignored (``geldige_waarden``)."""

    wijk = forms.ModelChoiceField(
        label=_("Ward"), queryset=Wijk.objects.none(), required=False, empty_label=_("All wards")
    )
    staat = forms.ChoiceField(label=_("State"), required=False)
    thema = forms.ModelChoiceField(
        label=_("Theme"), queryset=Thema.objects.none(), required=False, empty_label=_("All themes")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wijk"].queryset = Wijk.objects.actief()
        self.fields["thema"].queryset = Thema.objects.actief()
        self.fields["staat"].choices = [("", _("All states"))] + [
            (s.value, s.label) for s in Staat if s != Staat.CONCEPT
        ]

    def geldige_waarden(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

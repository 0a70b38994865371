"""Admin (/beheer/) of the questions to the ward, for the functional administrator.

Read-only, as the items of ``initiatieven`` are: a question, its responses, meeting and
feedback are written through ``meedenken.services`` alone, which checks who may, keeps
the version, tells followers and respondents, and refuses what would break a promise to
residents (the options once people chose, a closed question). The administrator finds a
row here (a data subject's request, a question from the ward) and reads it; nothing is
added, changed or deleted. Deleting an account (``Mijn gegevens``) and the retention run
take out the personal data. Pages that name a person are logged as the portal's are.
"""

from django.contrib import admin

from contacten.admin import InzageVastleggenMixin
from meedenken.models import (
    Aanmelding,
    Bijeenkomst,
    Inbreng,
    Inbrengbijlage,
    Keuzeoptie,
    Meedenkvraag,
    Terugkoppeling,
    Vraagbijlage,
)
from wijken.admin import AlleenLezen


class KeuzeoptieInline(AlleenLezen, admin.TabularInline):
    model = Keuzeoptie
    extra = 0
    fields = ["volgorde", "tekst"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class _BijlageInline(AlleenLezen, admin.TabularInline):
    """An attachment's name, type, size and date; the file itself is downloaded through
    the portal's permission-checked pages, not from here."""

    extra = 0
    fields = ["oorspronkelijke_naam", "inhoudstype", "grootte", "aangemaakt"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class VraagbijlageInline(_BijlageInline):
    model = Vraagbijlage


class InbrengbijlageInline(_BijlageInline):
    # On the response's page, which is logged as naming the respondent: the original
    # file name may name them too.
    model = Inbrengbijlage


@admin.register(Meedenkvraag)
class MeedenkvraagAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = [
        "titel",
        "thema",
        "alle_wijken",
        "open_vanaf",
        "sluit_op",
        "terugkoppeling_voor",
        "gepubliceerd_op",
    ]
    list_filter = [
        "alle_wijken",
        ("gepubliceerd_op", admin.EmptyFieldListFilter),
        "thema",
        "wijken",
    ]
    search_fields = ["titel", "beleidsonderwerp"]
    list_select_related = ["thema"]
    date_hierarchy = "open_vanaf"
    inlines = [KeuzeoptieInline, VraagbijlageInline]
    # Written by the services alone, even were changing ever allowed here.
    readonly_fields = ["gesteld_door", "gepubliceerd_op", "herinnerd_op", "aangemaakt", "versie"]


@admin.register(Inbreng)
class InbrengAdmin(InzageVastleggenMixin, AlleenLezen, admin.ModelAdmin):
    list_display = ["vraag", "groep", "toon_naam", "beoordeling", "aangemaakt"]
    list_filter = ["beoordeling", "toon_naam", ("groep", admin.EmptyFieldListFilter)]
    search_fields = ["vraag__titel", "groep__naam"]
    list_select_related = ["vraag", "groep"]
    readonly_fields = ["aangemaakt", "geanonimiseerd_op", "beoordeeld_door"]
    inlines = [InbrengbijlageInline]

    def noemt_persoon(self, obj) -> bool:
        # The page names the respondent, also one who is anonymous to the public.
        return obj.gebruiker_id is not None


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["vraag", "begint", "plaats", "max_deelnemers"]
    search_fields = ["vraag__titel", "plaats"]
    list_select_related = ["vraag"]
    date_hierarchy = "begint"


@admin.register(Aanmelding)
class AanmeldingAdmin(InzageVastleggenMixin, AlleenLezen, admin.ModelAdmin):
    list_display = ["bijeenkomst", "aangemaakt"]
    search_fields = ["bijeenkomst__vraag__titel"]
    list_select_related = ["bijeenkomst__vraag"]


@admin.register(Terugkoppeling)
class TerugkoppelingAdmin(AlleenLezen, admin.ModelAdmin):
    list_display = ["vraag", "agendapunt", "gepubliceerd_op", "gewijzigd"]
    list_filter = [("gepubliceerd_op", admin.EmptyFieldListFilter)]
    search_fields = ["vraag__titel", "samenvatting", "besluit"]
    list_select_related = ["vraag", "agendapunt"]
    readonly_fields = ["geschreven_door", "gepubliceerd_op", "gewijzigd"]

"""Admin for the functional administrator: wards, neighbourhoods, designations, groups."""

from django.contrib import admin

from wijken.models import (
    Bestuursfunctie,
    Bewonersgroep,
    Buurt,
    Interessereactie,
    Kerncijfers,
    Terugvalregeling,
    TerugvalTaak,
    Wijk,
    Wijkprofessional,
    WijkraadStatuswijziging,
)

# Accessibility (docs/toegankelijkheid.md): inlines are stacked, because a tabular inline's
# fields have no label of their own; related objects are chosen with a plain select (few
# rows) or the raw id field (many rows), because the admin's autocomplete widget gives its
# combobox no accessible name.


class AlleenLezen:
    """For a ModelAdmin of rows that are written by the portal alone (histories, logs):
    readable, never added, changed or deleted in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BuurtInline(admin.StackedInline):
    model = Buurt
    extra = 0
    fields = ["code", "naam", "cbs_wijkcode", "vervallen_per"]


@admin.register(Wijk)
class WijkAdmin(admin.ModelAdmin):
    list_display = [
        "naam",
        "code",
        "gemeentenaam",
        "wijkwethouder",
        "wijkadviseur",
        "opbouwwerker",
        "vervallen_per",
    ]
    list_filter = ["gemeentenaam", "vervallen_per"]
    search_fields = ["naam", "code", "buurten__naam", "buurten__code"]
    raw_id_fields = ["wijkwethouder", "wijkadviseur", "opbouwwerker"]
    list_select_related = ["wijkwethouder", "wijkadviseur", "opbouwwerker"]
    inlines = [BuurtInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "code",
                    "naam",
                    "gemeentecode",
                    "gemeentenaam",
                    "beschrijving",
                    "vervallen_per",
                ]
            },
        ),
        ("Contact", {"fields": ["contact_email", "contact_telefoon", "contact_toelichting"]}),
        ("Designations", {"fields": ["wijkwethouder", "wijkadviseur", "opbouwwerker"]}),
    ]


@admin.register(Buurt)
class BuurtAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "wijk", "cbs_wijkcode", "vervallen_per"]
    list_filter = ["vervallen_per", "wijk"]
    search_fields = ["naam", "code"]
    list_select_related = ["wijk"]


@admin.register(Kerncijfers)
class KerncijfersAdmin(admin.ModelAdmin):
    list_display = ["buurt", "jaar", "aantal_inwoners", "aantal_huishoudens"]
    list_filter = ["jaar", "buurt__wijk"]
    search_fields = ["buurt__naam", "buurt__code"]
    raw_id_fields = ["buurt"]
    list_select_related = ["buurt"]


class BestuursfunctieInline(admin.StackedInline):
    model = Bestuursfunctie
    extra = 0
    fields = [
        "functie",
        "omschrijving",
        "is_vacant",
        "naam",
        "gebruiker",
        "vacaturetekst",
        "vacant_sinds",
    ]
    raw_id_fields = ["gebruiker"]


@admin.register(Bewonersgroep)
class BewonersgroepAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "wijk", "wijkraad_status"]
    list_filter = ["soort", "wijkraad_status", "wijk"]
    search_fields = ["naam", "wijk__naam"]
    raw_id_fields = ["buurten", "contactpersonen"]
    list_select_related = ["wijk"]
    inlines = [BestuursfunctieInline]


@admin.register(Bestuursfunctie)
class BestuursfunctieAdmin(admin.ModelAdmin):
    list_display = ["__str__", "groep", "is_vacant", "vacant_sinds"]
    list_filter = ["is_vacant", "functie", "groep__wijk"]
    search_fields = ["groep__naam", "naam", "omschrijving"]
    raw_id_fields = ["groep", "gebruiker"]
    list_select_related = ["groep"]


@admin.register(Interessereactie)
class InteressereactieAdmin(admin.ModelAdmin):
    list_display = ["functie", "gebruiker", "aangemaakt"]
    list_filter = ["functie__groep__wijk"]
    search_fields = ["functie__groep__naam"]
    raw_id_fields = ["functie", "gebruiker"]
    list_select_related = ["functie__groep", "gebruiker"]


@admin.register(Wijkprofessional)
class WijkprofessionalAdmin(admin.ModelAdmin):
    list_display = ["naam", "rol", "organisatie", "wijk"]
    list_filter = ["wijk"]
    search_fields = ["naam", "rol", "organisatie"]
    list_select_related = ["wijk"]


@admin.register(WijkraadStatuswijziging)
class WijkraadStatuswijzigingAdmin(AlleenLezen, admin.ModelAdmin):
    """Append-only history: readable, never changed or deleted here."""

    list_display = ["groep", "van_status", "naar_status", "door", "tijdstip"]
    list_filter = ["naar_status"]
    search_fields = ["groep__naam"]
    list_select_related = ["groep", "door"]


class TerugvalTaakInline(admin.StackedInline):
    model = TerugvalTaak
    extra = 0
    raw_id_fields = ["groep"]


@admin.register(Terugvalregeling)
class TerugvalregelingAdmin(admin.ModelAdmin):
    list_display = ["groep", "ingang", "einde", "aanspreekpunt"]
    list_filter = ["aanspreekpunt"]
    search_fields = ["groep__naam"]
    raw_id_fields = ["groep", "aanspreekpunt_groep", "vastgelegd_door"]
    list_select_related = ["groep"]
    inlines = [TerugvalTaakInline]

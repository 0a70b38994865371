"""Admin: themes are master data kept by the functional administrator; items are read-only
there (their workflow runs through the portal's own pages and its one service)."""

from django.contrib import admin

from contacten.admin import InzageVastleggenMixin
from initiatieven.models import Onderwerp, Statuswijziging, Thema
from wijken.admin import AlleenLezen


@admin.register(Thema)
class ThemaAdmin(admin.ModelAdmin):
    # Not list_editable: the list's inline fields have no label (WCAG 1.3.1); order and
    # active are changed on the theme's own form.
    list_display = ["naam", "volgorde", "actief"]
    search_fields = ["naam"]


class StatuswijzigingInline(admin.TabularInline):
    model = Statuswijziging
    extra = 0
    can_delete = False
    fields = ["tijdstip", "van", "naar", "door", "publieke_toelichting"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Onderwerp)
class OnderwerpAdmin(InzageVastleggenMixin, AlleenLezen, admin.ModelAdmin):
    list_display = ["titel", "soort", "status", "wijk", "thema", "openbaar", "ingediend_op"]
    list_filter = ["soort", "status", "openbaar", "wijk", "thema"]
    search_fields = ["titel"]
    list_select_related = ["wijk", "thema"]
    inlines = [StatuswijzigingInline]

    def noemt_persoon(self, obj) -> bool:
        # The page names the submitter, also one who is anonymous to the public.
        return obj.indiener_id is not None

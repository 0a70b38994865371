"""Admin screens for the functional administrator: people and their roles."""

from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from allauth.usersessions.admin import UserSessionAdmin
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from contacten import audit
from contacten.models import AuditRegel, Collegeperiode, Contactmoment, Gebruiker
from contacten.rollen import Rol
from contacten.services import gebruiker_rol_toekennen
from wijken.admin import AlleenLezen

# Access follows from the one role on the person (docs/architecture.md); Django's groups
# are not used, so their screen (whose permission picker fails WCAG) is not offered.
admin.site.unregister(Group)


class InzageVastleggenMixin:
    """Logs each showing of an object's page that names a person (``noemt_persoon``), as
    the triage page does: staff looking at someone's contact details is in the audit log."""

    def noemt_persoon(self, obj) -> bool:
        return True

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            obj = self.get_object(request, object_id)
            if obj is not None and self.noemt_persoon(obj):
                audit.vastleggen(
                    actie=audit.AuditActie.CONTACTGEGEVENS_BEKEKEN,
                    uitkomst=audit.Uitkomst.GESLAAGD,
                    request=request,
                    object=obj,
                )
        return response


@admin.register(Gebruiker)
class GebruikerAdmin(InzageVastleggenMixin, UserAdmin):
    ordering = ["weergavenaam", "email"]
    list_display = ["email", "weergavenaam", "rol", "is_active", "is_demo", "date_joined"]
    list_filter = ["rol", "is_active", "is_demo"]
    search_fields = ["email", "weergavenaam"]
    readonly_fields = ["is_staff", "is_superuser", "is_demo", "last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["weergavenaam", "rol", "is_active"]}),
        (_("Derived from the role"), {"fields": ["is_staff", "is_superuser", "is_demo"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "weergavenaam", "rol", "password1", "password2"],
            },
        ),
    ]
    filter_horizontal = []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Admin access follows from the role; set through the one service that decides it.
        gebruiker_rol_toekennen(gebruiker=obj, rol=obj.rol)


@admin.register(Contactmoment)
class ContactmomentAdmin(admin.ModelAdmin):
    """Read-mostly: officials keep the log in the portal. The administrator can find an
    entry (e.g. for a data subject's request) and delete it, but not add or change one;
    the working notes are not shown here, as the log is for the ward's officials only."""

    list_display = ["datum", "wijk", "groep", "vorm", "medewerker", "onderwerp", "vervolg_gedaan"]
    list_filter = ["vorm", "vervolg_gedaan", "wijk"]
    search_fields = ["onderwerp", "groep__naam", "bewoner"]
    list_select_related = ["wijk", "groep", "medewerker"]
    date_hierarchy = "datum"
    fields = [
        "datum",
        "wijk",
        "groep",
        "bewoner",
        "vorm",
        "medewerker",
        "onderwerp",
        "vervolg_voor",
        "vervolg_gedaan",
        "vastgelegd_door",
        "aangemaakt",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Collegeperiode)
class CollegeperiodeAdmin(admin.ModelAdmin):
    """College terms are master data: visits find their term from their date, so a term
    must exist (and terms may not overlap, see ``Collegeperiode.clean``)."""

    list_display = ["naam", "begin", "einde"]
    ordering = ["-begin"]


@admin.register(AuditRegel)
class AuditRegelAdmin(AlleenLezen, admin.ModelAdmin):
    """The audit log, read-only for the functional administrator. Nobody may add, change
    or delete a row here (not even a superuser): the log is append-only and rows go only
    after the retention period, through ``contacten.audit.opschonen``."""

    list_display = [
        "tijdstip",
        "wie",
        "rol",
        "actie",
        "uitkomst",
        "object_type",
        "object_id",
        "pad",
        "ip",
    ]
    list_filter = ["actie", "uitkomst", ("tijdstip", admin.DateFieldListFilter)]
    search_fields = ["wie", "omschrijving", "pad", "object_id", "ip"]
    date_hierarchy = "tijdstip"
    fields = [
        "tijdstip",
        "wie",
        "rol",
        "actie",
        "uitkomst",
        "object_type",
        "object_id",
        "omschrijving",
        "pad",
        "ip",
    ]
    readonly_fields = fields
    actions = None
    show_full_result_count = False

    def _is_beheerder(self, request) -> bool:
        user = request.user
        return user.is_active and (user.is_superuser or user.rol == Rol.BEHEERDER)

    def has_module_permission(self, request):
        return self._is_beheerder(request)

    def has_view_permission(self, request, obj=None):
        return self._is_beheerder(request)


# allauth's screens of sessions and second factors label their columns and fields from the
# field names, in English ("Last seen at", "User"): the same screens with Dutch labels.


def _kolom(veld: str, label):
    """A list column showing ``veld`` under a translated heading, sortable by it."""

    @admin.display(description=label, ordering=veld)
    def kolom(obj):
        weergave = getattr(obj, f"get_{veld}_display", None)
        return weergave() if weergave else getattr(obj, veld)

    kolom.__name__ = veld
    return kolom


class _NederlandseLabels:
    """A third-party ModelAdmin with Dutch labels (``labels``: field -> label) on its
    form and its list columns."""

    labels: dict = {}

    def get_form(self, request, obj=None, **kwargs):
        return super().get_form(request, obj, labels=self.labels, **kwargs)

    def get_list_display(self, request):
        return [
            _kolom(veld, self.labels[veld]) if veld in self.labels else veld
            for veld in super().get_list_display(request)
        ]


admin.site.unregister(UserSession)
admin.site.unregister(Authenticator)


@admin.register(UserSession)
class SessieAdmin(_NederlandseLabels, UserSessionAdmin):
    labels = {
        "user": _("user"),
        "created_at": _("started at"),
        "last_seen_at": _("last seen at"),
        "ip": _("IP address"),
        "session_key": _("session key"),
        "user_agent": _("browser"),
        "data": _("data"),
    }


@admin.register(Authenticator)
class TweedeFactorAdmin(_NederlandseLabels, AuthenticatorAdmin):
    labels = {
        "user": _("user"),
        "type": _("kind"),
        "data": _("data"),
        "created_at": _("created at"),
        "last_used_at": _("last used at"),
    }

"""The partner apps' API keys in the admin (/beheer/), for the functional administrator.

Adding a key issues it through ``opendata.open311.sleutels`` and shows it once, on the
page that follows; it is never stored, so it cannot be shown again (a lost key is revoked
and a new one issued). Keys are revoked, never deleted: the audit log and the items the
app created refer to them.
"""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from contacten.models import Gebruiker
from opendata.models import ApiSleutel
from opendata.open311 import sleutels
from opendata.permissions import mag_api_sleutels_beheren


class ApiSleutelForm(forms.ModelForm):
    class Meta:
        model = ApiSleutel
        fields = ["naam", "contact"]

    def clean_contact(self):
        contact = self.cleaned_data["contact"]
        if self.instance.pk is None and Gebruiker.objects.filter(email__iexact=contact).exists():
            raise forms.ValidationError(
                _(
                    "This address already has an account. The partner app needs an address "
                    "of its own: its items are submitted from an account with this address."
                )
            )
        return contact


@admin.action(description=_("Revoke the selected keys"))
def intrekken(modeladmin, request, queryset):
    aantal = 0
    for sleutel in queryset.filter(ingetrokken_op__isnull=True):
        sleutels.apisleutel_intrekken(sleutel=sleutel, door=request.user)
        aantal += 1
    modeladmin.message_user(
        request,
        ngettext("You have revoked %(aantal)d key.", "You have revoked %(aantal)d keys.", aantal)
        % {"aantal": aantal},
        messages.SUCCESS,
    )


@admin.register(ApiSleutel)
class ApiSleutelAdmin(admin.ModelAdmin):
    form = ApiSleutelForm
    list_display = [
        "naam",
        "voorvoegsel",
        "contact",
        "aangemaakt",
        "laatst_gebruikt",
        "ingetrokken_op",
    ]
    list_filter = [("ingetrokken_op", admin.EmptyFieldListFilter)]
    search_fields = ["naam", "contact", "voorvoegsel"]
    actions = [intrekken]
    readonly_fields = [
        "voorvoegsel",
        "account",
        "aangemaakt",
        "aangemaakt_door",
        "laatst_gebruikt",
        "ingetrokken_op",
    ]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["naam", "contact"]
        return ["naam", "contact", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        # The contact is the partner account's address: it is set once, with the key.
        return [*self.readonly_fields, "contact"] if obj is not None else []

    # The functional administrator's, by their role (opendata.permissions), not by
    # Django's per-model permissions, which the portal does not hand out.
    def has_module_permission(self, request):
        return mag_api_sleutels_beheren(request.user)

    def has_view_permission(self, request, obj=None):
        return mag_api_sleutels_beheren(request.user)

    def has_add_permission(self, request):
        return mag_api_sleutels_beheren(request.user)

    def has_change_permission(self, request, obj=None):
        return mag_api_sleutels_beheren(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # revoked, never deleted: the audit log and the items refer to keys

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        sleutel, tekst = sleutels.apisleutel_uitgeven(
            naam=obj.naam, contact=obj.contact, door=request.user
        )
        # The admin goes on with the row the service made (its log entry, its page).
        obj.__dict__.update({k: v for k, v in sleutel.__dict__.items() if k != "_state"})
        obj._state.adding = False
        request._uitgegeven_sleutel = tekst

    def response_add(self, request, obj, post_url_continue=None):
        tekst = getattr(request, "_uitgegeven_sleutel", None)
        if tekst is None:
            return super().response_add(request, obj, post_url_continue)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "sleutel": obj,
            "tekst": tekst,
            "title": _("The key of %(naam)s") % {"naam": obj.naam},
        }
        return TemplateResponse(request, "admin/opendata/apisleutel/uitgegeven.html", context)

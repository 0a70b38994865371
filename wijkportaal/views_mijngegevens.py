"""'My data' pages: what we hold, the download, and deleting the account."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from wijken.weergave import kruimels
from wijkportaal.mijngegevens import account_verwijderen, gegevens_van, weergavenaam_wijzigen


class VerwijderForm(forms.Form):
    bevestig = forms.BooleanField(
        label=gettext_lazy("I understand that my account and personal data will be deleted."),
        required=True,
    )


class NaamForm(forms.Form):
    weergavenaam = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=100,
        help_text=gettext_lazy(
            "Shown to the municipality. You choose per submission whether others see it."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_weergavenaam(self):
        naam = self.cleaned_data["weergavenaam"].strip()
        if not naam:
            raise forms.ValidationError(_("Enter your name."))
        return naam


@never_cache
@login_required
@require_safe
def overzicht(request):
    return render(
        request,
        "wijkportaal/mijngegevens/overzicht.html",
        {"gegevens": gegevens_van(request.user), "kruimels": kruimels()},
    )


@never_cache
@login_required
@require_safe
def download(request):
    gegevens = gegevens_van(request.user)
    datum = timezone.localdate().isoformat()
    if request.GET.get("formaat") == "json":
        response = HttpResponse(
            json.dumps(gegevens, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{datum}.json"'
        return response
    # The readable version: a printable page of the same data.
    return render(
        request,
        "wijkportaal/mijngegevens/afdruk.html",
        {
            "gegevens": gegevens,
            "kruimels": kruimels((reverse("mijngegevens:overzicht"), _("My data"))),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def naam_wijzigen(request):
    if request.method == "POST":
        form = NaamForm(request.POST)
        if form.is_valid():
            weergavenaam_wijzigen(
                gebruiker=request.user, door=request.user, naam=form.cleaned_data["weergavenaam"]
            )
            messages.success(request, _("Your name has been changed."))
            return redirect("mijngegevens:overzicht")
    else:
        form = NaamForm(initial={"weergavenaam": request.user.weergavenaam})
    return render(
        request,
        "wijkportaal/mijngegevens/naam.html",
        {"form": form, "kruimels": kruimels((reverse("mijngegevens:overzicht"), _("My data")))},
        status=400 if form.is_bound else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def verwijderen(request):
    pad = kruimels((reverse("mijngegevens:overzicht"), _("My data")))
    if request.user.is_medewerker:
        # Their ward designations must be reassigned first: the administrator does that.
        return render(
            request,
            "wijkportaal/mijngegevens/verwijderen.html",
            {"geweigerd": True, "kruimels": pad},
            status=403,
        )
    form = VerwijderForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        gebruiker = request.user
        account_verwijderen(gebruiker=gebruiker, door=gebruiker, request=request)
        # The service ended every session already; this request gets a fresh, empty one
        # (without the logout signal, which would look for the deleted user).
        request.session.flush()
        request.user = AnonymousUser()
        messages.success(request, _("Your account has been deleted."))
        return redirect("mijngegevens:verwijderd")
    return render(
        request,
        "wijkportaal/mijngegevens/verwijderen.html",
        {"form": form, "kruimels": pad},
        status=400 if request.method == "POST" else 200,
    )


@require_safe
def verwijderd(request):
    return render(request, "wijkportaal/mijngegevens/verwijderd.html", {"kruimels": kruimels()})

"""allauth adapter: the portal's own rules around accounts."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def _geweigerde_demo(user) -> bool:
    """A demo account outside demo mode: the authentication backend refuses it."""
    return getattr(user, "is_demo", False) and not settings.DEMO


class AccountAdapter(DefaultAccountAdapter):
    def get_from_email(self):
        return settings.DEFAULT_FROM_EMAIL

    def populate_username(self, request, user):
        # There is no username: people sign in with their email address.
        return None

    def clean_email(self, email):
        # allauth cuts a longer address to the column's length when it creates the account:
        # the person would get an account for an address that is not theirs. Refuse it.
        email = super().clean_email(email)
        maximum = get_user_model()._meta.get_field("email").max_length
        if len(email) > maximum:
            raise ValidationError(
                _("An email address can be at most %(maximum)d characters long.")
                % {"maximum": maximum},
                code="max_length",
            )
        return email

    def pre_authenticate(self, request, **credentials):
        # allauth refuses a sign-in after too many failures before the password is checked,
        # so Django's user_login_failed (which the audit log listens to) is not sent.
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            from contacten import audit

            geprobeerd = str(credentials.get("email") or credentials.get("username") or "")
            audit.vastleggen(
                actie=audit.AuditActie.INLOGGEN_MISLUKT,
                uitkomst=audit.Uitkomst.GEWEIGERD,
                request=request,
                omschrijving=f"{geprobeerd[:254]} (too many failed attempts)",
            )
            raise

    def authenticate(self, request, **credentials):
        # allauth hands back a user whose password matched but whom the backend refused
        # (meant for its "account inactive" page) and signs them in when they are active:
        # a demo account outside demo mode was logged as a successful sign-in, and the next
        # request was anonymous. Django has recorded the failure already (user_login_failed);
        # the form answers as for a wrong password.
        user = super().authenticate(request, **credentials)
        if _geweigerde_demo(user):
            self.authentication_failed(request, **credentials)
            return None
        return user

    def pre_login(self, request, user, **kwargs):
        # Every other way allauth signs someone in (after confirming an email address, by
        # a code) passes here before the session is made: refuse a demo account there too.
        if _geweigerde_demo(user):
            from allauth.account.internal.stagekit import clear_login

            from contacten import audit

            clear_login(request)
            audit.vastleggen(
                actie=audit.AuditActie.INLOGGEN_MISLUKT,
                uitkomst=audit.Uitkomst.GEWEIGERD,
                request=request,
                omschrijving=f"{user.email} (demo account outside demo mode)",
            )
            messages.error(request, _("Demo accounts can only sign in to the demo portal."))
            return redirect("account_login")
        return super().pre_login(request, user, **kwargs)

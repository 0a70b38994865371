"""allauth adapter: the portal's own rules around accounts."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


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

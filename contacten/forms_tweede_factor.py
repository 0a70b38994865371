"""allauth's second-factor form at sign-in, as the portal uses it.

A module of its own: allauth imports ``contacten.forms`` (the sign-up form class) while it
loads its own forms, so importing allauth's forms there could be circular.
"""

from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm
from django import forms

from contacten import audit


class TweedeFactorForm(AuthenticateForm):
    """allauth's form for the second factor at sign-in (``MFA_FORMS``). A wrong code is
    logged through allauth's signal; a code refused unchecked after too many attempts
    sends none, so that refusal is logged here."""

    def clean_code(self):
        try:
            return super().clean_code()
        except forms.ValidationError as fout:
            if fout.code == "too_many_login_attempts":
                audit.vastleggen(
                    actie=audit.AuditActie.INLOGGEN_MISLUKT,
                    uitkomst=audit.Uitkomst.GEWEIGERD,
                    gebruiker=self.user,
                    request=context.request,
                    omschrijving="second factor (too many attempts)",
                )
            raise

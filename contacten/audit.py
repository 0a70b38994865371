"""The audit log: who did what, when, and with what outcome.

Sign-ins (and failed ones, a wrong second-factor code included), sign-outs, deleted
accounts, refused access, every workflow step of an item and
staff looking at a submitter's contact details are written here through
:func:`vastleggen`. The log is append-only: a row is never changed, and the admin offers
no way to add, change or delete one. The only deletion path is the retention of one year
promised in the privacy statement: ``AuditRegel.objects.verlopen().delete()`` through
:func:`opschonen` (the ``audit_opschonen`` management command, run daily).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: How long a row is kept (the privacy statement shows this period).
BEWAARTERMIJN = datetime.timedelta(days=365)


class AuditActie(models.TextChoices):
    INLOGGEN = "inloggen", _("Signed in")
    INLOGGEN_MISLUKT = "inloggen_mislukt", _("Failed sign-in")
    UITLOGGEN = "uitloggen", _("Signed out")
    TOEGANG_GEWEIGERD = "toegang_geweigerd", _("Access refused")
    WORKFLOWSTAP = "workflowstap", _("Workflow step")
    CONTACTGEGEVENS_BEKEKEN = "contactgegevens_bekeken", _("Contact details viewed")
    ACCOUNT_VERWIJDERD = "account_verwijderd", _("Account deleted")
    # Open311 (opendata): a partner app's key issued or revoked, and every use of one.
    API_SLEUTEL_UITGEGEVEN = "api_sleutel_uitgegeven", _("API key issued")
    API_SLEUTEL_INGETROKKEN = "api_sleutel_ingetrokken", _("API key revoked")
    OPEN311_MELDING = "open311_melding", _("Open311 request")


class Uitkomst(models.TextChoices):
    GESLAAGD = "geslaagd", _("Succeeded")
    GEWEIGERD = "geweigerd", _("Refused")
    MISLUKT = "mislukt", _("Failed")


class AuditRegelQuerySet(models.QuerySet):
    def verlopen(self, *, nu=None):
        """Rows older than the retention period (one year): the only ones that may go."""
        return self.filter(tijdstip__lt=(nu or timezone.now()) - BEWAARTERMIJN)


class AuditRegel(models.Model):
    """One event in the audit log. Never edited; deleted only after the retention period."""

    tijdstip = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # Kept as text so the row still says who it was after the account is deleted.
    wie = models.CharField(_("who"), max_length=254, blank=True)
    rol = models.CharField(_("role"), max_length=20, blank=True)
    actie = models.CharField(_("action"), max_length=30, choices=AuditActie.choices)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    omschrijving = models.TextField(_("description"), blank=True)
    uitkomst = models.CharField(_("outcome"), max_length=10, choices=Uitkomst.choices)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    pad = models.CharField(_("path"), max_length=500, blank=True)

    objects = AuditRegelQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-tijdstip", "-pk"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.tijdstip:%Y-%m-%d %H:%M} {self.wie} {self.actie} {self.uitkomst}"

    def save(self, *args, **kwargs):
        # Append-only: the log is evidence of who did what.
        if self.pk is not None:
            raise ValidationError("An audit log entry is never edited.")
        super().save(*args, **kwargs)


def _client_ip(request) -> str | None:
    # allauth's helper respects the configured trusted proxies (X-Forwarded-For).
    from allauth.account.adapter import get_adapter

    try:
        adres = get_adapter(request).get_client_ip(request)
    except Exception:  # noqa: BLE001 - a missing address must never stop the logging
        return None
    try:
        from django.core.validators import validate_ipv46_address

        validate_ipv46_address(adres)
    except (ValidationError, TypeError):
        return None
    return adres


def vastleggen(
    *, actie, uitkomst, gebruiker=None, request=None, object=None, omschrijving=""
) -> AuditRegel:
    """Write one row of the audit log (one INSERT).

    ``gebruiker`` defaults to the request's signed-in user; ``object`` (any model
    instance) is recorded by type and primary key.
    """
    if gebruiker is None and request is not None:
        gebruiker = getattr(request, "user", None)
    if gebruiker is not None and not getattr(gebruiker, "is_authenticated", False):
        gebruiker = None
    return AuditRegel.objects.create(
        gebruiker=gebruiker,
        wie=(getattr(gebruiker, "email", "") or str(gebruiker))[:254] if gebruiker else "",
        rol=getattr(gebruiker, "rol", "") or "",
        actie=actie,
        uitkomst=uitkomst,
        object_type=object._meta.label if object is not None else "",
        object_id=str(object.pk) if object is not None else "",
        omschrijving=omschrijving,
        ip=_client_ip(request) if request is not None else None,
        pad=request.path[:500] if request is not None else "",
    )


def opschonen(*, nu=None) -> int:
    """Delete the rows past the retention period; the only way a row is ever deleted."""
    aantal, _per_model = AuditRegel.objects.verlopen(nu=nu).delete()
    return aantal


# --- sign-in and sign-out ---------------------------------------------------------------
# Connected in ContactenConfig.ready. Domain writes never go through signals (they belong
# in the service that makes the change); these are fine as a signal because Django's auth
# is the only place that knows a sign-in happened (or failed), and the row records that
# fact without changing any domain data.


def _ingelogd(sender, request, user, **kwargs):
    vastleggen(
        actie=AuditActie.INLOGGEN, uitkomst=Uitkomst.GESLAAGD, gebruiker=user, request=request
    )


def _inloggen_mislukt(sender, credentials, request=None, **kwargs):
    # The credentials hold the address tried (never the password: Django masks it); the
    # account need not exist, so it is recorded as text only.
    geprobeerd = str(credentials.get("email") or credentials.get("username") or "")[:254]
    vastleggen(
        actie=AuditActie.INLOGGEN_MISLUKT,
        uitkomst=Uitkomst.MISLUKT,
        request=request,
        omschrijving=geprobeerd,
    )


def _uitgelogd(sender, request, user, **kwargs):
    if user is None:
        return
    vastleggen(
        actie=AuditActie.UITLOGGEN, uitkomst=Uitkomst.GESLAAGD, gebruiker=user, request=request
    )


def _tweede_factor_mislukt(sender, request, user, authenticator, **kwargs):
    # A wrong code for the second factor: the password was right, so the account is known
    # and recorded, but the person is not signed in. Django's user_login_failed is not sent
    # for this step (allauth checks the code itself), hence allauth.mfa's own signal.
    stap = "reauthentication" if kwargs.get("reauthentication") else "sign-in"
    vastleggen(
        actie=AuditActie.INLOGGEN_MISLUKT,
        uitkomst=Uitkomst.MISLUKT,
        gebruiker=user,
        request=request,
        omschrijving=f"second factor ({authenticator.type}) wrong code at {stap}",
    )


def signalen_verbinden() -> None:
    from allauth.mfa import signals as mfa_signals
    from django.contrib.auth import signals

    signals.user_logged_in.connect(_ingelogd, dispatch_uid="audit_ingelogd")
    signals.user_login_failed.connect(_inloggen_mislukt, dispatch_uid="audit_inloggen_mislukt")
    signals.user_logged_out.connect(_uitgelogd, dispatch_uid="audit_uitgelogd")
    mfa_signals.authentication_failed.connect(
        _tweede_factor_mislukt, dispatch_uid="audit_tweede_factor_mislukt"
    )

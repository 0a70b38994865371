"""The keys of partner apps that may create Open311 requests (``opendata.open311``).

The only models of this app: everything else it publishes is read from the apps below.
A key is shown once, when the functional administrator issues it; the database keeps a
short prefix (to find the row) and an HMAC-SHA256 of the secret part under a salt of
its own, so a copy of the database lets nobody use a key.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiSleutelQuerySet(models.QuerySet):
    def geldig(self):
        """Keys that have not been revoked."""
        return self.filter(ingetrokken_op__isnull=True)


class ApiSleutel(models.Model):
    """The key of one partner app for creating Open311 requests.

    Items the app creates have ``account`` as their submitter: an account of the partner
    app itself (made with the key, no password), so they go through the same submission,
    screening and emails as an item submitted on the site.
    """

    naam = models.CharField(_("partner app"), max_length=100)
    contact = models.EmailField(
        _("contact"),
        help_text=_(
            "The address of the partner app's contact person. It receives the emails a "
            "submitter receives for the items the app creates."
        ),
    )
    # Empty once that account is deleted (in the admin, or by whoever holds its mailbox
    # through "my data"): the key then creates nothing, as a revoked one, and its row stays
    # for the audit log.
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account of the partner app"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="api_sleutel",
    )
    voorvoegsel = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    zout = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)
    aangemaakt = models.DateTimeField(_("issued at"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ingetrokken_op = models.DateTimeField(_("revoked at"), null=True, blank=True)
    laatst_gebruikt = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = ApiSleutelQuerySet.as_manager()

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["naam", "pk"]
        constraints = [
            # An empty hash would match nothing, but a row without one is a bug.
            models.CheckConstraint(condition=~Q(hash="") & ~Q(zout=""), name="apisleutel_hash"),
        ]

    def __str__(self):
        return f"{self.naam} ({self.voorvoegsel})"

    @property
    def is_ingetrokken(self) -> bool:
        return self.ingetrokken_op is not None

    @property
    def is_bruikbaar(self) -> bool:
        """Not revoked, and its account still exists."""
        return self.ingetrokken_op is None and self.account_id is not None

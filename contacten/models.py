"""People of the portal: the custom user and their role.

Ward designations (wijkwethouder, wijkadviseur, opbouwwerker) live as foreign keys on
``wijken.Wijk``; being a group's contact (groepscontact) is a relation on
``wijken.Bewonersgroep``. This model holds only what a person is everywhere.
"""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacten.rollen import MEDEWERKER_ROLLEN, Rol


class GebruikerQuerySet(models.QuerySet):
    def medewerkers(self):
        """People who work for the municipality (every role but resident)."""
        return self.filter(rol__in=MEDEWERKER_ROLLEN)


class GebruikerManager(BaseUserManager.from_queryset(GebruikerQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("rol", Rol.BEHEERDER)
        return self._create_user(email, password, **extra_fields)


class Gebruiker(AbstractBaseUser, PermissionsMixin):
    """A person with an account; signs in with their email address."""

    email = models.EmailField(_("email address"), unique=True)
    weergavenaam = models.CharField(
        _("display name"),
        max_length=100,
        help_text=_("How your name is shown to the municipality, e.g. 'Fatima de Vries'."),
    )
    rol = models.CharField(_("role"), max_length=20, choices=Rol.choices, default=Rol.BEWONER)
    is_staff = models.BooleanField(
        _("may use the admin"),
        default=False,
        help_text=_("Gives access to the administration screens for master data."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Created by the demo seed; refused at sign-in outside demo mode."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # The language the person uses the portal in, kept by wijkportaal's middleware as
    # they use it: their emails are written in it, also those sent on someone else's action.
    taal = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the portal and of your emails."),
    )

    objects = GebruikerManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["weergavenaam"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["weergavenaam", "email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rol__in=Rol.values), name="gebruiker_rol_geldig"
            ),
        ]

    def __str__(self):
        return self.weergavenaam or self.email

    def get_full_name(self):
        return self.weergavenaam

    def get_short_name(self):
        return self.weergavenaam

    @property
    def is_medewerker(self) -> bool:
        """Works for the municipality (any role but resident)."""
        return self.rol in MEDEWERKER_ROLLEN


# Meetings, visits and the contact log live in their own modules; imported here so Django
# finds the models.
from contacten.audit import AuditActie, AuditRegel, Uitkomst  # noqa: E402, F401
from contacten.bezoeken import (  # noqa: E402, F401
    Bezoek,
    Bezoeksoort,
    Bezoekstatus,
    Collegeperiode,
    Dagdeel,
)
from contacten.contactmomenten import Contactmoment, Contactvorm  # noqa: E402, F401
from contacten.vergaderingen import (  # noqa: E402, F401
    Agendapunt,
    AgendapuntStatus,
    Besluit,
    Orgaan,
    Resultaat,
    Toezegging,
    ToezeggingStatus,
    Vergadering,
    VergaderStatus,
)

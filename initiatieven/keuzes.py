"""The choices of an item: kind, status, and the municipality's role.

The states and their groups are declared with the workflow (``initiatieven.workflow``)
and importable from here as well; this module imports the workflow, never the reverse.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatieven.workflow import (  # noqa: F401 (importable from here)
    AFGEHANDELD,
    AFGESLOTEN,
    GEESCALEERD,
    LOPEND,
    OPEN,
    Status,
)


class Soort(models.TextChoices):
    INITIATIEF = "initiatief", _("Initiative")
    KNELPUNT = "knelpunt", _("Bottleneck")


class Openbaarheid(models.TextChoices):
    """Why an item is or is not public, as the ward's officials need to tell apart: "not
    public" alone did not say whether the submitter asked for it or nobody has screened
    it yet (``Onderwerp.openbaarheid``)."""

    OPENBAAR = "openbaar", _("Published")
    NIET_GESCREEND = "niet_gescreend", _("Not screened yet")
    NIET_GESCREEND_OP_VERZOEK = (
        "niet_gescreend_op_verzoek",
        _("Not screened yet; the submitter asks not to publish it"),
    )
    OP_VERZOEK = "op_verzoek", _("Not public: the submitter asked for it")
    NIET_OPENBAAR = "niet_openbaar", _("Not public after screening")


class RolGemeente(models.TextChoices):
    FACILITEREN = "faciliteren", _("The municipality facilitates")
    SAMEN_UITVOEREN = "samen_uitvoeren", _("We carry it out together")
    ZELF_UITVOEREN = "zelf_uitvoeren", _("The municipality carries it out")
    GEEN_GEMEENTELIJKE_ZAAK = "geen_gemeentelijke_zaak", _("Not a matter for the municipality")

"""The choices of an item: kind, status, and the municipality's role."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    INITIATIEF = "initiatief", _("Initiative")
    KNELPUNT = "knelpunt", _("Bottleneck")


class Status(models.TextChoices):
    CONCEPT = "concept", _("Draft")
    INGEDIEND = "ingediend", _("Submitted")
    IN_BEHANDELING = "in_behandeling", _("Being handled")
    IN_UITVOERING = "in_uitvoering", _("Being carried out")
    BIJ_WIJKWETHOUDER = "bij_wijkwethouder", _("With the ward alderman")
    GEAGENDEERD_COLLEGE = "geagendeerd_college", _("On the college agenda")
    GEAGENDEERD_RAAD = "geagendeerd_raad", _("On the council agenda")
    AFGEROND = "afgerond", _("Completed")
    NIET_MOGELIJK = "niet_mogelijk", _("Not possible")
    NOG_NIET_MOGELIJK = "nog_niet_mogelijk", _("Not possible yet")
    INGETROKKEN = "ingetrokken", _("Withdrawn")


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


#: States in which nothing more happens (a revisit of nog_niet_mogelijk is a new step).
AFGESLOTEN = frozenset({Status.AFGEROND, Status.NIET_MOGELIJK, Status.INGETROKKEN})
#: Settled: answered for good by the municipality (both final; the step into one sets the
#: item's ``afgehandeld_op``). A withdrawal is the submitter's act and is not settling.
AFGEHANDELD = frozenset({Status.AFGEROND, Status.NIET_MOGELIJK})
#: States the municipality is working on; the work queue and dashboards count these.
LOPEND = frozenset(
    {
        Status.INGEDIEND,
        Status.IN_BEHANDELING,
        Status.IN_UITVOERING,
        Status.BIJ_WIJKWETHOUDER,
        Status.GEAGENDEERD_COLLEGE,
        Status.GEAGENDEERD_RAAD,
    }
)


class RolGemeente(models.TextChoices):
    FACILITEREN = "faciliteren", _("The municipality facilitates")
    SAMEN_UITVOEREN = "samen_uitvoeren", _("We carry it out together")
    ZELF_UITVOEREN = "zelf_uitvoeren", _("The municipality carries it out")
    GEEN_GEMEENTELIJKE_ZAAK = "geen_gemeentelijke_zaak", _("Not a matter for the municipality")

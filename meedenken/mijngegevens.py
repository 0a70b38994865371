"""A person's data in consultation questions, for "Mijn gegevens", the deletion of their
account and the retention run (composed in ``wijkportaal``, which imports every app)."""

import datetime
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatieven.bewaartermijnen import Resultaat
from initiatieven.bijlagen import publieke_naam_sql
from meedenken.models import Aanmelding, Inbreng, Inbrengbijlage, Meedenkvraag


def gegevens_van(gebruiker) -> dict:
    """The person's responses (with their choices and attachment) and registrations.
    Three queries."""
    return {
        "inbreng": [
            {
                "vraag": inbreng.vraag.titel,
                "url": inbreng.vraag.get_absolute_url(),
                "tekst": inbreng.tekst,
                "keuzes": [k.tekst for k in inbreng.keuzes.all()],
                # The name the person gave the file: theirs to see.
                "bijlage": inbreng.bijlage_of_geen.oorspronkelijke_naam
                if inbreng.bijlage_of_geen
                else None,
                "namens_groep": inbreng.groep.naam if inbreng.groep_id else None,
                "toon_naam": inbreng.toon_naam,
                "beoordeling": inbreng.beoordeling,
                "beoordeling_label": str(inbreng.get_beoordeling_display()),
                "aangemaakt": inbreng.aangemaakt,
                "gewijzigd": inbreng.gewijzigd,
            }
            for inbreng in Inbreng.objects.filter(gebruiker=gebruiker)
            .select_related("vraag", "groep", "bijlage")
            .prefetch_related("keuzes")
            .order_by("aangemaakt", "pk")
        ],
        "aanmeldingen": [
            {
                "vraag": a.bijeenkomst.vraag.titel,
                "plaats": a.bijeenkomst.plaats,
                "begint": a.bijeenkomst.begint,
                "aangemeld": a.aangemaakt,
            }
            for a in Aanmelding.objects.filter(gebruiker=gebruiker)
            .select_related("bijeenkomst__vraag")
            .order_by("aangemaakt", "pk")
        ],
    }


def _zonder_namen(tekst: str, namen: list[str]) -> str:
    for naam in namen:
        tekst = re.sub(re.escape(naam), _("anonymous"), tekst, flags=re.IGNORECASE)
    return tekst


@transaction.atomic
def bij_verwijderen(*, gebruiker, namen: list[str]) -> None:
    """Before an account is deleted: its responses stay with the question, anonymous (the
    foreign key is emptied by the delete), with ``namen`` taken out of their text; their
    attachments go (a photo or document cannot be made anonymous; the files after the
    commit); its registrations go with the row (CASCADE)."""
    Inbrengbijlage.objects.filter(inbreng__gebruiker=gebruiker).delete()
    for inbreng in Inbreng.objects.filter(gebruiker=gebruiker):
        tekst = _zonder_namen(inbreng.tekst, namen)
        inbreng.tekst = tekst
        inbreng.toon_naam = False
        inbreng.save(update_fields=["tekst", "toon_naam", "gewijzigd"])


def inbreng_anonimiseren(
    *, nu: datetime.datetime | None = None, dry_run: bool = False
) -> Resultaat:
    """Responses to questions closed longer than ``BEWAARTERMIJN_AFGESLOTEN_DAGEN`` lose
    their respondent (the text stays, anonymous), and registrations for meetings of those
    questions go. Their attachments go too, unless the response is public (then the
    attachment was public already and stays, under a neutral file name), as items'
    attachments do. Idempotent; returns the number of responses anonymised and of
    attachments deleted."""
    nu = nu or timezone.now()
    grens = nu - datetime.timedelta(days=settings.BEWAARTERMIJN_AFGESLOTEN_DAGEN)
    vragen = Meedenkvraag.objects.filter(sluit_op__lt=grens)
    inbreng = Inbreng.objects.filter(vraag__in=vragen, geanonimiseerd_op__isnull=True)
    bijlagen = Inbrengbijlage.objects.filter(inbreng__in=inbreng)
    openbaar = Inbreng.objects.openbaar_zichtbaar().values("pk")
    niet_openbare_bijlagen = bijlagen.exclude(inbreng__in=openbaar)
    if dry_run:
        return Resultaat(aantal=inbreng.count(), bijlagen=niet_openbare_bijlagen.count())
    with transaction.atomic():
        # Files go after the commit (the signal in meedenken.apps).
        verwijderd, _per_model = niet_openbare_bijlagen.delete()
        bijlagen.update(oorspronkelijke_naam=publieke_naam_sql())
        aantal = inbreng.update(gebruiker=None, toon_naam=False, geanonimiseerd_op=nu)
        Aanmelding.objects.filter(bijeenkomst__vraag__in=vragen).delete()
    return Resultaat(aantal=aantal, bijlagen=verwijderd)

"""Writes on visits (Bezoek): keyword-only, atomic service functions.

Every function checks the permission itself (``mag_bezoek_beheren``: PermissionDenied)
and refuses bad input with a ``ValidationError`` whose dict maps a field name to a clear
message, so a form can show it next to the field. Choosing topics and adding follow-up
actions touch items and live in ``initiatieven.bezoeken``.

Followers of the ward hear about a visit that is planned, held, cancelled or whose
report is published: each of those calls ``volgen.melden``, which decides what of it is
public and when to tell.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacten.bezoeken import Bezoek, Bezoeksoort, Bezoekstatus, Collegeperiode, Dagdeel
from contacten.models import Gebruiker
from contacten.permissions import mag_bezoek_beheren
from contacten.rollen import Rol
from wijken import volgen

#: Who can take part on behalf of the college.
DEELNEMER_ROLLEN = (Rol.COLLEGELID, Rol.WIJKWETHOUDER)


def deelnemers_keuze():
    """People who may be chosen as participants: active members of the college."""
    return Gebruiker.objects.filter(rol__in=DEELNEMER_ROLLEN, is_active=True).order_by(
        "weergavenaam", "email"
    )


def _weiger_tenzij_bezoekbeheer(door, wijk) -> None:
    """403 unless ``door`` may manage the visits of ``wijk``: the services check it
    themselves, whoever calls them."""
    if not mag_bezoek_beheren(door, wijk):
        raise PermissionDenied


def _periode_voor(datum: datetime.date) -> Collegeperiode:
    periode = Collegeperiode.objects.op_datum(datum)
    if periode is None:
        raise ValidationError({"datum": _("No college term covers this date.")})
    return periode


def _dubbel_dagdeel_fout() -> ValidationError:
    return ValidationError(
        {
            "datum": _(
                "This ward already has its college half-day visit in this term. "
                "Cancel that one first if it is to be replaced."
            )
        }
    )


def _controleer_een_per_periode(bezoek: Bezoek) -> None:
    """The once-per-term rule, checked before the database constraint would refuse."""
    if bezoek.soort != Bezoeksoort.COLLEGE_DAGDEEL or bezoek.status == Bezoekstatus.GEANNULEERD:
        return
    bestaand = (
        Bezoek.objects.college_dagdelen()
        .niet_geannuleerd()
        .filter(wijk_id=bezoek.wijk_id, periode_id=bezoek.periode_id)
        .exclude(pk=bezoek.pk)
    )
    if bestaand.exists():
        raise _dubbel_dagdeel_fout()


def _opslaan(bezoek: Bezoek) -> None:
    """Save; a parallel request that won the race for the term's college dagdeel makes
    the constraint refuse, which is the same clear message as the check before it."""
    try:
        with transaction.atomic():
            bezoek.save()
    except IntegrityError as fout:
        if bezoek.soort == Bezoeksoort.COLLEGE_DAGDEEL:
            raise _dubbel_dagdeel_fout() from fout
        raise


def _deelnemers(deelnemers) -> list[Gebruiker]:
    deelnemers = list(deelnemers or [])
    toegestaan = set(
        deelnemers_keuze().filter(pk__in=[d.pk for d in deelnemers]).values_list("pk", flat=True)
    )
    if any(d.pk not in toegestaan for d in deelnemers):
        raise ValidationError(
            {"deelnemers": _("Only members of the college can take part for the college.")}
        )
    return deelnemers


def _velden(*, datum, dagdeel, locatie, programma) -> dict:
    fouten = {}
    if not isinstance(datum, datetime.date):
        fouten["datum"] = _("Give the date of the visit.")
    if dagdeel not in Dagdeel.values:
        fouten["dagdeel"] = _("Choose the part of the day.")
    if fouten:
        raise ValidationError(fouten)
    return {
        "datum": datum,
        "dagdeel": dagdeel,
        "locatie": (locatie or "").strip(),
        "programma": (programma or "").strip(),
    }


@transaction.atomic
def bezoek_plannen(
    *,
    door,
    wijk,
    soort: str,
    datum: datetime.date,
    dagdeel: str,
    locatie: str = "",
    programma: str = "",
    deelnemers=(),
    raad_uitgenodigd: bool = False,
    openbaar: bool = True,
) -> Bezoek:
    """Plan a visit to ``wijk``. The college term follows from the date; a ward gets one
    college dagdeel per term (a cancelled one may be replaced). A date in the past is
    allowed, so a visit can be recorded afterwards."""
    _weiger_tenzij_bezoekbeheer(door, wijk)
    if soort not in Bezoeksoort.values:
        raise ValidationError({"soort": _("Choose the kind of visit.")})
    velden = _velden(datum=datum, dagdeel=dagdeel, locatie=locatie, programma=programma)
    deelnemers = _deelnemers(deelnemers)
    bezoek = Bezoek(
        soort=soort,
        wijk=wijk,
        periode=_periode_voor(velden["datum"]),
        raad_uitgenodigd=bool(raad_uitgenodigd),
        openbaar=bool(openbaar),
        aangemaakt_door=door,
        **velden,
    )
    _controleer_een_per_periode(bezoek)
    _opslaan(bezoek)
    bezoek.deelnemers.set(deelnemers)
    volgen.melden(wijk_id=bezoek.wijk_id)
    return bezoek


def _vergrendeld(bezoek: Bezoek) -> Bezoek:
    return Bezoek.objects.select_for_update(of=("self",)).select_related("wijk").get(pk=bezoek.pk)


@transaction.atomic
def bezoek_wijzigen(
    *,
    door,
    bezoek: Bezoek,
    datum: datetime.date,
    dagdeel: str,
    locatie: str = "",
    programma: str = "",
    deelnemers=(),
    raad_uitgenodigd: bool = False,
    openbaar: bool = True,
) -> Bezoek:
    """Change a visit's date, part of the day, place, programme, participants and
    visibility; the ward and kind stay (plan another visit for another ward). A cancelled
    visit is not changed any more."""
    bezoek = _vergrendeld(bezoek)
    _weiger_tenzij_bezoekbeheer(door, bezoek.wijk)
    if bezoek.status == Bezoekstatus.GEANNULEERD:
        raise ValidationError(_("A cancelled visit cannot be changed; plan a new one."))
    velden = _velden(datum=datum, dagdeel=dagdeel, locatie=locatie, programma=programma)
    if bezoek.status == Bezoekstatus.GEHOUDEN and velden["datum"] > timezone.localdate():
        raise ValidationError({"datum": _("A visit that was held cannot move to the future.")})
    deelnemers = _deelnemers(deelnemers)
    for veld, waarde in velden.items():
        setattr(bezoek, veld, waarde)
    bezoek.periode = _periode_voor(bezoek.datum)
    bezoek.raad_uitgenodigd, bezoek.openbaar = bool(raad_uitgenodigd), bool(openbaar)
    _controleer_een_per_periode(bezoek)
    _opslaan(bezoek)
    bezoek.deelnemers.set(deelnemers)
    return bezoek


@transaction.atomic
def bezoek_annuleren(*, door, bezoek: Bezoek, reden: str) -> Bezoek:
    """Cancel a planned visit with a reason; the ward may then get another college
    dagdeel in the same term."""
    bezoek = _vergrendeld(bezoek)
    _weiger_tenzij_bezoekbeheer(door, bezoek.wijk)
    if bezoek.status != Bezoekstatus.GEPLAND:
        raise ValidationError(_("Only a planned visit can be cancelled."))
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Give the reason for cancelling.")})
    bezoek.status = Bezoekstatus.GEANNULEERD
    bezoek.annuleringsreden = reden
    bezoek.save(update_fields=["status", "annuleringsreden", "gewijzigd"])
    volgen.melden(wijk_id=bezoek.wijk_id)
    return bezoek


@transaction.atomic
def bezoek_houden(*, door, bezoek: Bezoek, verslag: str) -> Bezoek:
    """Record that the visit took place, with its report (a draft until published). On
    or after the visit's date only; a held visit's report may be revised."""
    bezoek = _vergrendeld(bezoek)
    _weiger_tenzij_bezoekbeheer(door, bezoek.wijk)
    if bezoek.status == Bezoekstatus.GEANNULEERD:
        raise ValidationError(_("A cancelled visit cannot be held."))
    if bezoek.datum > timezone.localdate():
        raise ValidationError({"verslag": _("A visit can be recorded as held from its date on.")})
    verslag = (verslag or "").strip()
    if not verslag:
        raise ValidationError({"verslag": _("Write the report of the visit.")})
    nieuw_gehouden = bezoek.status != Bezoekstatus.GEHOUDEN
    bezoek.status = Bezoekstatus.GEHOUDEN
    bezoek.verslag = verslag
    bezoek.save(update_fields=["status", "verslag", "gewijzigd"])
    if nieuw_gehouden:
        volgen.melden(wijk_id=bezoek.wijk_id)
    return bezoek


@transaction.atomic
def verslag_publiceren(*, door, bezoek: Bezoek) -> Bezoek:
    """Publish the report of a held visit: from now on it is on the visit's public page.
    Publishing again changes nothing."""
    bezoek = _vergrendeld(bezoek)
    _weiger_tenzij_bezoekbeheer(door, bezoek.wijk)
    if bezoek.status != Bezoekstatus.GEHOUDEN or not bezoek.verslag.strip():
        raise ValidationError(_("Only the report of a held visit can be published."))
    if bezoek.verslag_gepubliceerd_op is None:
        bezoek.verslag_gepubliceerd_op = timezone.now()
        bezoek.save(update_fields=["verslag_gepubliceerd_op", "gewijzigd"])
        volgen.melden(wijk_id=bezoek.wijk_id)
    return bezoek

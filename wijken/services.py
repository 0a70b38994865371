"""Writes on wards, groups, board seats, professionals and the fallback arrangement.

Keyword-only and atomic, named ``<entity>_<action>``. Permission checks happen in the
views (through ``wijken.permissions``); these functions check what must hold whatever the
caller, and queue emails with ``transaction.on_commit``.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijken.models import (
    Bestuursfunctie,
    Bewonersgroep,
    Buurt,
    Groepssoort,
    Interessereactie,
    Kerncijfers,
    Overnemer,
    Terugvalregeling,
    TerugvalTaak,
    Wijk,
    Wijkprofessional,
    WijkraadStatus,
    WijkraadStatuswijziging,
    buurtcode_validator,
    gemeentecode_validator,
    wijkcode_validator,
)
from wijken.notificaties import mail_na_commit

# --- Import of wards and neighbourhoods (CBS wijk- en buurtkaart columns) -----------------

VERPLICHTE_KOLOMMEN = ("GM_CODE", "GM_NAAM", "WK_CODE", "WK_NAAM", "BU_CODE", "BU_NAAM")
#: Optional: the portal's own ward of a neighbourhood when it differs from CBS.
PORTAAL_KOLOMMEN = ("PORTAAL_WK_CODE", "PORTAAL_WK_NAAM")
JAAR_KOLOM = "JAAR"


class ImportGeweigerd(Exception):
    """The file was refused as a whole; ``fouten`` lists (line number, message)."""

    def __init__(self, fouten: list[tuple[int, str]]):
        self.fouten = fouten
        super().__init__("; ".join(f"line {n}: {m}" for n, m in fouten))


@dataclass
class Telling:
    aangemaakt: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0


@dataclass
class ImportResultaat:
    wijken: Telling = field(default_factory=Telling)
    buurten: Telling = field(default_factory=Telling)
    kerncijfers: Telling = field(default_factory=Telling)


def _controleer(validator, waarde: str) -> str | None:
    try:
        validator(waarde)
    except ValidationError as exc:
        return f"{waarde!r}: {' '.join(str(m) for m in exc.messages)}"
    return None


def _lees_tabel(bestand) -> tuple[list[str], list[tuple[int, dict]]]:
    """Header and rows (with their line numbers) of a CSV separated by ',', ';' or tab."""
    tekst = bestand.read()
    if isinstance(tekst, bytes):
        tekst = tekst.decode("utf-8-sig")
    tekst = tekst.removeprefix("\ufeff")
    eerste_regel = tekst.split("\n", 1)[0]
    scheiding = max([",", ";", "\t"], key=eerste_regel.count)
    lezer = csv.reader(io.StringIO(tekst), delimiter=scheiding)
    try:
        kop = [k.strip().upper() for k in next(lezer)]
    except StopIteration:
        raise ImportGeweigerd([(1, _("The file is empty."))]) from None
    rijen = []
    for regel in lezer:
        if not any(cel.strip() for cel in regel):
            continue
        rijen.append((lezer.line_num, dict(zip(kop, (c.strip() for c in regel), strict=False))))
    return kop, rijen


def _getal(waarde: str, *, kolom: str, procent: bool) -> int | None:
    """An integer key figure; CBS writes secret or unknown values as negative numbers."""
    if waarde == "" or waarde == ".":
        return None
    try:
        getal = int(waarde)
    except ValueError:
        raise ValueError(
            _("%(kolom)s must be a whole number, not %(waarde)r.")
            % {"kolom": kolom, "waarde": waarde}
        ) from None
    if getal < 0:
        return None
    if procent and getal > 100:
        raise ValueError(_("%(kolom)s is a percentage and cannot be over 100.") % {"kolom": kolom})
    return getal


def _bijwerken(obj, waarden: dict, telling: Telling) -> None:
    gewijzigd = [veld for veld, waarde in waarden.items() if getattr(obj, veld) != waarde]
    if not gewijzigd:
        telling.ongewijzigd += 1
        return
    for veld in gewijzigd:
        setattr(obj, veld, waarden[veld])
    obj.save(update_fields=[*gewijzigd, *(["gewijzigd"] if hasattr(obj, "gewijzigd") else [])])
    telling.bijgewerkt += 1


def wijken_importeren(*, bestand, jaar: int | None = None) -> ImportResultaat:
    """Load or update wards, neighbourhoods and their key figures from a CBS-style CSV.

    Columns ``GM_CODE, GM_NAAM, WK_CODE, WK_NAAM, BU_CODE, BU_NAAM`` are required; a
    neighbourhood goes to ward ``PORTAAL_WK_CODE`` (named ``PORTAAL_WK_NAAM``) when given,
    else to its CBS ward. Key-figure columns (``Kerncijfers.KOLOMMEN``) need a year: a
    ``JAAR`` column or ``jaar``. The whole file is checked first; any invalid row refuses
    the file with every error and its line number, and nothing is written. Only fields
    from the file are written: descriptions and designations stay as they are.
    """
    kop, rijen = _lees_tabel(bestand)
    fouten: list[tuple[int, str]] = []
    ontbrekend = [k for k in VERPLICHTE_KOLOMMEN if k not in kop]
    if ontbrekend:
        raise ImportGeweigerd([(1, _("Missing columns: %s.") % ", ".join(ontbrekend))])
    cijferkolommen = [k for k in Kerncijfers.KOLOMMEN if k in kop]
    if cijferkolommen and JAAR_KOLOM not in kop and jaar is None:
        raise ImportGeweigerd(
            [(1, _("Key figures need a year: add a JAAR column or pass --jaar."))]
        )

    wijken: dict[str, dict] = {}  # ward code -> {naam, gemeentecode, gemeentenaam, regel}
    cbs_wijknamen: dict[str, str] = {}
    gemeente = ""
    buurten: dict[str, dict] = {}
    cijfers: list[tuple[str, int, dict]] = []
    for regelnummer, rij in rijen:
        regelfouten = []
        gm, wk, bu = rij.get("GM_CODE", ""), rij.get("WK_CODE", ""), rij.get("BU_CODE", "")
        portaal_wk = rij.get("PORTAAL_WK_CODE", "") or wk
        for validator, waarde in (
            (gemeentecode_validator, gm),
            (wijkcode_validator, wk),
            (buurtcode_validator, bu),
            (wijkcode_validator, portaal_wk),
        ):
            if fout := _controleer(validator, waarde):
                regelfouten.append(fout)
        if not regelfouten:
            cijfers_gm = gm[2:]
            if wk[2:6] != cijfers_gm or bu[2:6] != cijfers_gm or portaal_wk[2:6] != cijfers_gm:
                regelfouten.append(
                    _("The ward and neighbourhood codes must belong to municipality %s.") % gm
                )
            elif gemeente and gm != gemeente:
                regelfouten.append(
                    _("One file holds one municipality: %(gm)s differs from %(eerste)s.")
                    % {"gm": gm, "eerste": gemeente}
                )
            elif bu[2:8] != wk[2:8]:
                regelfouten.append(
                    _("Neighbourhood %(bu)s does not lie in CBS ward %(wk)s.")
                    % {"bu": bu, "wk": wk}
                )
        for kolom in ("GM_NAAM", "WK_NAAM", "BU_NAAM"):
            if not rij.get(kolom):
                regelfouten.append(_("%s is empty.") % kolom)
        for kolom, waarde in rij.items():
            if len(waarde) > 100 and kolom.endswith("NAAM"):
                regelfouten.append(_("%s is longer than 100 characters.") % kolom)
        if bu in buurten:
            regelfouten.append(
                _("Neighbourhood %(bu)s appears twice (also on line %(regel)s).")
                % {"bu": bu, "regel": buurten[bu]["regel"]}
            )
        rij_jaar = jaar
        if rij.get(JAAR_KOLOM):
            try:
                rij_jaar = int(rij[JAAR_KOLOM])
                if not 1990 <= rij_jaar <= 2100:
                    raise ValueError
            except ValueError:
                regelfouten.append(_("JAAR must be a year, not %r.") % rij[JAAR_KOLOM])
        waarden = {}
        for kolom in cijferkolommen:
            try:
                waarden[Kerncijfers.KOLOMMEN[kolom]] = _getal(
                    rij.get(kolom, ""), kolom=kolom, procent=kolom.startswith("P_")
                )
            except ValueError as exc:
                regelfouten.append(str(exc))
        if regelfouten:
            fouten.extend((regelnummer, f) for f in regelfouten)
            continue

        gemeente = gemeente or gm
        # The portal's ward is named by PORTAAL_WK_NAAM, or else by the CBS ward of the
        # same code (found on any line), so a mapped neighbourhood may omit the name.
        cbs_wijknamen.setdefault(wk, rij["WK_NAAM"])
        wijknaam = rij.get("PORTAAL_WK_NAAM", "") if rij.get("PORTAAL_WK_CODE") else rij["WK_NAAM"]
        bekend = wijken.setdefault(
            portaal_wk,
            {"naam": "", "gemeentecode": gm, "gemeentenaam": rij["GM_NAAM"], "regel": regelnummer},
        )
        if wijknaam and bekend["naam"] and bekend["naam"] != wijknaam:
            fouten.append(
                (
                    regelnummer,
                    _("Ward %(wk)s is named %(a)r here but %(b)r on line %(regel)s.")
                    % {
                        "wk": portaal_wk,
                        "a": wijknaam,
                        "b": bekend["naam"],
                        "regel": bekend["regel"],
                    },
                )
            )
            continue
        if wijknaam and not bekend["naam"]:
            bekend.update(naam=wijknaam, regel=regelnummer)
        buurten[bu] = {
            "naam": rij["BU_NAAM"],
            "wijk": portaal_wk,
            "cbs_wijkcode": wk,
            "regel": regelnummer,
        }
        if cijferkolommen and any(v is not None for v in waarden.values()):
            cijfers.append((bu, rij_jaar, waarden))

    for code, gegevens in wijken.items():
        gegevens["naam"] = gegevens["naam"] or cbs_wijknamen.get(code, "")
        if not gegevens["naam"]:
            fouten.append(
                (gegevens["regel"], _("Ward %s has no name: fill PORTAAL_WK_NAAM.") % code)
            )
    if fouten:
        raise ImportGeweigerd(sorted(fouten))

    resultaat = ImportResultaat()
    with transaction.atomic():
        bestaande_wijken = Wijk.objects.select_for_update().in_bulk(list(wijken), field_name="code")
        wijk_per_code = {}
        for code, gegevens in wijken.items():
            waarden = {k: gegevens[k] for k in ("naam", "gemeentecode", "gemeentenaam")}
            if wijk := bestaande_wijken.get(code):
                _bijwerken(wijk, waarden, resultaat.wijken)
            else:
                wijk = Wijk.objects.create(code=code, **waarden)
                resultaat.wijken.aangemaakt += 1
            wijk_per_code[code] = wijk
        bestaande_buurten = Buurt.objects.select_for_update().in_bulk(
            list(buurten), field_name="code"
        )
        buurt_per_code = {}
        for code, gegevens in buurten.items():
            waarden = {
                "naam": gegevens["naam"],
                "wijk": wijk_per_code[gegevens["wijk"]],
                "cbs_wijkcode": gegevens["cbs_wijkcode"],
            }
            if buurt := bestaande_buurten.get(code):
                _bijwerken(buurt, waarden, resultaat.buurten)
            else:
                buurt = Buurt.objects.create(code=code, **waarden)
                resultaat.buurten.aangemaakt += 1
            buurt_per_code[code] = buurt
        bestaande_cijfers = {
            (k.buurt_id, k.jaar): k
            for k in Kerncijfers.objects.filter(buurt__in=list(buurt_per_code.values()))
        }
        for bu, rij_jaar, waarden in cijfers:
            buurt = buurt_per_code[bu]
            if k := bestaande_cijfers.get((buurt.pk, rij_jaar)):
                _bijwerken(k, waarden, resultaat.kerncijfers)
            else:
                Kerncijfers.objects.create(buurt=buurt, jaar=rij_jaar, **waarden)
                resultaat.kerncijfers.aangemaakt += 1
    return resultaat


# --- Groups -------------------------------------------------------------------------------


def _statuswijziging(*, groep, van: str, naar: str, door, toelichting: str = ""):
    return WijkraadStatuswijziging.objects.create(
        groep=groep, van_status=van, naar_status=naar, door=door, toelichting=toelichting
    )


def _buurten_van_wijk(wijk, buurten) -> list:
    buurten = list(buurten or [])
    if any(b.wijk_id != wijk.pk for b in buurten):
        raise ValidationError(_("A group can only serve neighbourhoods of its own ward."))
    return buurten


@transaction.atomic
def bewonersgroep_aanmaken(
    *,
    wijk: Wijk,
    door,
    naam: str,
    soort: str,
    beschrijving: str = "",
    website: str = "",
    email: str = "",
    buurten: Iterable[Buurt] = (),
    contactpersonen: Iterable = (),
) -> Bewonersgroep:
    """Register a group in a ward. A ward council starts as active, with a history row."""
    soort = Groepssoort(soort)
    buurten = _buurten_van_wijk(wijk, buurten)
    if (
        soort == Groepssoort.WIJKRAAD
        and Bewonersgroep.objects.wijkraden()
        .filter(wijk=wijk)
        .exclude(wijkraad_status=WijkraadStatus.GESTOPT)
        .exists()
    ):
        raise ValidationError(_("This ward already has a ward council that has not stopped."))
    groep = Bewonersgroep.objects.create(
        wijk=wijk,
        naam=naam,
        soort=soort,
        beschrijving=beschrijving,
        website=website,
        email=email,
        wijkraad_status=WijkraadStatus.ACTIEF if soort == Groepssoort.WIJKRAAD else "",
    )
    groep.buurten.set(buurten)
    groep.contactpersonen.set(list(contactpersonen))
    if groep.is_wijkraad:
        _statuswijziging(groep=groep, van="", naar=WijkraadStatus.ACTIEF, door=door)
    return groep


@transaction.atomic
def bewonersgroep_bijwerken(
    *,
    groep: Bewonersgroep,
    door,
    naam: str,
    beschrijving: str = "",
    website: str = "",
    email: str = "",
    buurten: Iterable[Buurt] = (),
    contactpersonen: Iterable = (),
) -> Bewonersgroep:
    """Change a group's public details, neighbourhoods and contact persons.

    The kind stays: a ward council's status has its own history and service.
    """
    groep = Bewonersgroep.objects.select_for_update().get(pk=groep.pk)
    groep.naam, groep.beschrijving, groep.website, groep.email = naam, beschrijving, website, email
    groep.save()
    groep.buurten.set(_buurten_van_wijk(groep.wijk, buurten))
    groep.contactpersonen.set(list(contactpersonen))
    return groep


@transaction.atomic
def wijkraad_status_vastleggen(
    *, groep: Bewonersgroep, status: str, door, toelichting: str = ""
) -> WijkraadStatuswijziging:
    """Record a ward council's new status and keep the history.

    Leaving ``gestopt`` ends a running fallback arrangement; entering it leaves the
    arrangement to ``terugvalregeling_vastleggen`` (the form asks for it next).
    """
    status = WijkraadStatus(status)
    groep = Bewonersgroep.objects.select_for_update().get(pk=groep.pk)
    if not groep.is_wijkraad:
        raise ValidationError(_("Only a ward council has a status."))
    if groep.wijkraad_status == status:
        raise ValidationError(_("The ward council already has this status."))
    if (
        groep.wijkraad_status == WijkraadStatus.GESTOPT
        and Bewonersgroep.objects.wijkraden()
        .filter(wijk_id=groep.wijk_id)
        .exclude(pk=groep.pk)
        .exclude(wijkraad_status=WijkraadStatus.GESTOPT)
        .exists()
    ):
        raise ValidationError(_("This ward already has another ward council that has not stopped."))
    van = groep.wijkraad_status
    groep.wijkraad_status = status
    groep.save(update_fields=["wijkraad_status", "gewijzigd"])
    if van == WijkraadStatus.GESTOPT:
        Terugvalregeling.objects.filter(groep=groep, einde__isnull=True).update(
            einde=timezone.localdate(), gewijzigd=timezone.now()
        )
    return _statuswijziging(groep=groep, van=van, naar=status, door=door, toelichting=toelichting)


@dataclass(frozen=True)
class TaakOvername:
    taak: str
    overnemer: str
    groep: Bewonersgroep | None = None


@transaction.atomic
def terugvalregeling_vastleggen(
    *,
    groep: Bewonersgroep,
    door,
    ingang,
    aanspreekpunt: str,
    aanspreekpunt_groep: Bewonersgroep | None = None,
    toelichting: str = "",
    taken: Iterable[TaakOvername],
) -> Terugvalregeling:
    """Record (or replace) the running fallback arrangement of a stopped ward council:
    which overarching tasks go to whom, from when, and the public point of contact."""
    groep = Bewonersgroep.objects.select_for_update().get(pk=groep.pk)
    if groep.wijkraad_status != WijkraadStatus.GESTOPT:
        raise ValidationError(_("A fallback arrangement is only for a ward council that stopped."))
    taken = [t for t in taken if t.taak.strip()]
    if not taken:
        raise ValidationError(_("Name at least one task and who takes it over."))
    for kandidaat in [aanspreekpunt_groep, *(t.groep for t in taken)]:
        if kandidaat is not None and (
            kandidaat.wijk_id != groep.wijk_id or kandidaat.pk == groep.pk
        ):
            raise ValidationError(_("Tasks can only go to other groups of the same ward."))
    if (aanspreekpunt == Overnemer.GROEP) != (aanspreekpunt_groep is not None):
        raise ValidationError(_("Choose the group that is the point of contact."))
    regeling = Terugvalregeling.objects.filter(groep=groep, einde__isnull=True).first()
    if regeling is None:
        regeling = Terugvalregeling(groep=groep)
    regeling.ingang = ingang
    regeling.aanspreekpunt = Overnemer(aanspreekpunt)
    regeling.aanspreekpunt_groep = aanspreekpunt_groep
    regeling.toelichting = toelichting
    regeling.vastgelegd_door = door
    regeling.save()
    regeling.taken.all().delete()
    TerugvalTaak.objects.bulk_create(
        TerugvalTaak(
            regeling=regeling,
            taak=t.taak.strip(),
            overnemer=Overnemer(t.overnemer),
            groep=t.groep if t.overnemer == Overnemer.GROEP else None,
        )
        for t in taken
    )
    return regeling


# --- Board seats and vacancies ------------------------------------------------------------


def _functie_velden(functie: Bestuursfunctie, *, is_vacant, naam, gebruiker, vacaturetekst):
    if is_vacant:
        if not functie.is_vacant or functie.vacant_sinds is None:
            functie.vacant_sinds = timezone.localdate()
        functie.naam, functie.gebruiker = "", None
        functie.vacaturetekst = vacaturetekst
    else:
        functie.vacant_sinds = None
        functie.naam, functie.gebruiker = naam, gebruiker
        functie.vacaturetekst = ""
    functie.is_vacant = is_vacant


@transaction.atomic
def bestuursfunctie_aanmaken(
    *,
    groep: Bewonersgroep,
    door,
    functie: str,
    omschrijving: str = "",
    is_vacant: bool,
    naam: str = "",
    gebruiker=None,
    vacaturetekst: str = "",
) -> Bestuursfunctie:
    """Add a board seat to a group: filled by ``naam`` or vacant with ``vacaturetekst``."""
    zetel = Bestuursfunctie(groep=groep, functie=functie, omschrijving=omschrijving)
    _functie_velden(
        zetel, is_vacant=is_vacant, naam=naam, gebruiker=gebruiker, vacaturetekst=vacaturetekst
    )
    zetel.save()
    return zetel


@transaction.atomic
def bestuursfunctie_bijwerken(
    *,
    functie: Bestuursfunctie,
    door,
    soort: str,
    omschrijving: str = "",
    is_vacant: bool,
    naam: str = "",
    gebruiker=None,
    vacaturetekst: str = "",
) -> Bestuursfunctie:
    """Change a seat; making it vacant publishes it, filling it takes the vacancy down."""
    zetel = Bestuursfunctie.objects.select_for_update().get(pk=functie.pk)
    zetel.functie, zetel.omschrijving = soort, omschrijving
    _functie_velden(
        zetel, is_vacant=is_vacant, naam=naam, gebruiker=gebruiker, vacaturetekst=vacaturetekst
    )
    zetel.save()
    return zetel


@transaction.atomic
def bestuursfunctie_verwijderen(*, functie: Bestuursfunctie, door) -> None:
    """Remove a seat, with the responses to it."""
    Bestuursfunctie.objects.filter(pk=functie.pk).delete()


@transaction.atomic
def interesse_melden(
    *, functie: Bestuursfunctie, gebruiker, bericht: str
) -> tuple[Interessereactie, bool]:
    """Record a resident's interest in an open seat and email the group's contact persons
    and the ward advisor (after the commit). A second response to the same seat changes
    nothing and sends nothing; returns (response, created)."""
    zetel = (
        # Lock only the seat: the joined ward advisor is optional (an outer join).
        Bestuursfunctie.objects.select_for_update(of=("self",))
        .select_related("groep__wijk__wijkadviseur")
        .get(pk=functie.pk)
    )
    if not zetel.is_vacant:
        raise ValidationError(_("This seat is no longer vacant."))
    bestaand = Interessereactie.objects.filter(functie=zetel, gebruiker=gebruiker).first()
    if bestaand:
        return bestaand, False
    try:
        with transaction.atomic():
            reactie = Interessereactie.objects.create(
                functie=zetel, gebruiker=gebruiker, bericht=bericht.strip()
            )
    except IntegrityError:
        # A parallel identical request won the race; that one sent the email.
        return Interessereactie.objects.get(functie=zetel, gebruiker=gebruiker), False
    groep = zetel.groep
    ontvangers = [p.email for p in groep.contactpersonen.filter(is_active=True)]
    adviseur = groep.wijk.wijkadviseur
    if adviseur and adviseur.is_active:
        ontvangers.append(adviseur.email)
    if not ontvangers and groep.email:
        ontvangers.append(groep.email)
    mail_na_commit(
        template_basis="wijken/email/interesse",
        context={"functie": zetel, "groep": groep, "reactie": reactie, "bewoner": gebruiker},
        onderwerp=gettext_lazy("Interest in the vacancy %(functie)s of %(groep)s")
        % {"functie": zetel.titel, "groep": groep.naam},
        ontvangers=ontvangers,
    )
    return reactie, True


# --- Professionals ------------------------------------------------------------------------

PROFESSIONAL_VELDEN = (
    "naam",
    "rol",
    "organisatie",
    "email",
    "telefoon",
    "website",
    "bereikbaarheid",
)


@transaction.atomic
def wijkprofessional_aanmaken(*, wijk: Wijk, door, **velden) -> Wijkprofessional:
    """Add a professional who works in the ward (fields: ``PROFESSIONAL_VELDEN``)."""
    onbekend = set(velden) - set(PROFESSIONAL_VELDEN)
    if onbekend:
        raise TypeError(f"Unknown fields: {sorted(onbekend)}")
    return Wijkprofessional.objects.create(wijk=wijk, **velden)


@transaction.atomic
def wijkprofessional_bijwerken(
    *, professional: Wijkprofessional, door, **velden
) -> Wijkprofessional:
    """Change a professional's public details (fields: ``PROFESSIONAL_VELDEN``)."""
    onbekend = set(velden) - set(PROFESSIONAL_VELDEN)
    if onbekend:
        raise TypeError(f"Unknown fields: {sorted(onbekend)}")
    professional = Wijkprofessional.objects.select_for_update().get(pk=professional.pk)
    for veld, waarde in velden.items():
        setattr(professional, veld, waarde)
    professional.save()
    return professional


@transaction.atomic
def wijkprofessional_verwijderen(*, professional: Wijkprofessional, door) -> None:
    """Remove a professional from the ward's list."""
    Wijkprofessional.objects.filter(pk=professional.pk).delete()

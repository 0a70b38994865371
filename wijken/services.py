"""Writes on wards, groups, board seats, professionals and the fallback arrangement.

Keyword-only and atomic, named ``<entity>_<action>``. Permission checks happen in the
views (through ``wijken.permissions``); these functions check what must hold whatever the
caller, and queue emails with ``transaction.on_commit``.
"""

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijken import cbs, grenzen
from wijken.models import (
    Bestuursfunctie,
    Bewonersgroep,
    Buurt,
    Buurtgrens,
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

# --- Import of wards and neighbourhoods (CBS files, see wijken.cbs) -----------------------


class ImportGeweigerd(Exception):
    """The file was refused as a whole; nothing was written.

    ``fouten`` lists (line number or ``None``, message); ``plaats(n)`` names line ``n`` as
    the file counts ("line 3", or in a GeoPackage "row 3 of layer buurten"); ``advies``
    is what to do, said once (or empty)."""

    def __init__(self, fouten: list[tuple[int | None, str]], *, advies: str = "", plaats=None):
        self.fouten = fouten
        self.advies = advies
        self.plaats = plaats or (lambda n: _("line %d") % n)
        super().__init__("; ".join(m for _n, m in fouten))


@dataclass
class Telling:
    aangemaakt: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0


@dataclass
class ImportResultaat:
    #: the layout that was read (``wijken.cbs.Formaat.NAMEN``).
    formaat: str = ""
    #: (code, name) of the municipalities imported.
    gemeenten: list[tuple[str, str]] = field(default_factory=list)
    #: the years of the key figures imported.
    jaren: list[int] = field(default_factory=list)
    wijken: Telling = field(default_factory=Telling)
    buurten: Telling = field(default_factory=Telling)
    kerncijfers: Telling = field(default_factory=Telling)
    #: neighbourhood boundaries (only a GeoPackage has them; other files leave them be).
    grenzen: Telling = field(default_factory=Telling)
    #: (code, name) of the wards and neighbourhoods of these municipalities in use before
    #: but no longer in the file; archived (as of ``vervallen_per``) when asked.
    vervallen_wijken: list[tuple[str, str]] = field(default_factory=list)
    vervallen_buurten: list[tuple[str, str]] = field(default_factory=list)
    gearchiveerd: bool = False
    vervallen_per: int | None = None
    #: (code, name) of archived wards and neighbourhoods in the file again: in use again.
    herstelde_wijken: list[tuple[str, str]] = field(default_factory=list)
    herstelde_buurten: list[tuple[str, str]] = field(default_factory=list)

    @property
    def leeg(self) -> bool:
        """The file held no neighbourhood: nothing was imported."""
        return not self.gemeenten


def _controleer(validator, waarde: str) -> str | None:
    try:
        validator(waarde)
    except ValidationError as exc:
        return f"{waarde!r}: {' '.join(str(m) for m in exc.messages)}"
    return None


def _wijzigingen(obj, waarden: dict) -> list[str]:
    """Set ``waarden`` on ``obj``; the fields that changed."""
    gewijzigd = [veld for veld, waarde in waarden.items() if getattr(obj, veld) != waarde]
    for veld in gewijzigd:
        setattr(obj, veld, waarden[veld])
    return gewijzigd


def _bulk_bijwerken(model, gewijzigd: list[tuple[object, list[str]]]) -> None:
    """Save the changed fields of many rows in a few statements (a whole country is
    thousands of rows); ``gewijzigd`` is kept up to date, as ``save()`` would."""
    if not gewijzigd:
        return
    velden = sorted({veld for _obj, lijst in gewijzigd for veld in lijst})
    if any(f.name == "gewijzigd" for f in model._meta.fields):
        nu = timezone.now()
        for obj, _lijst in gewijzigd:
            obj.gewijzigd = nu
        velden.append("gewijzigd")
    model.objects.bulk_update([obj for obj, _lijst in gewijzigd], velden, batch_size=500)


def _grenzen_bijwerken(vlakken: dict[int, dict], *, teller: Telling) -> None:
    """Keep each neighbourhood's boundary (neighbourhood pk -> ``grenzen.vlak``), with
    what a map needs to draw it; an unchanged boundary is not written again."""
    bestaand = {g.buurt_id: g for g in Buurtgrens.objects.filter(buurt_id__in=list(vlakken))}
    nieuw, gewijzigd = [], []
    for pk, vlak in vlakken.items():
        waarden = {"vlak": vlak, **asdict(grenzen.tekening(vlak))}
        if rij := bestaand.get(pk):
            if velden := _wijzigingen(rij, waarden):
                gewijzigd.append((rij, velden))
                teller.bijgewerkt += 1
            else:
                teller.ongewijzigd += 1
        else:
            nieuw.append(Buurtgrens(buurt_id=pk, **waarden))
    Buurtgrens.objects.bulk_create(nieuw, batch_size=200)
    teller.aangemaakt += len(nieuw)
    _bulk_bijwerken(Buurtgrens, gewijzigd)


def buurtgrenzen_opslaan(*, grenzen_per_buurt: dict) -> Telling:
    """Keep the boundaries of neighbourhoods (``Buurt`` -> a shapely geometry in RD New)
    that come from elsewhere than a CBS file (the demo's own map)."""
    teller = Telling()
    with transaction.atomic():
        _grenzen_bijwerken(
            {b.pk: grenzen.vlak(g) for b, g in grenzen_per_buurt.items()}, teller=teller
        )
    return teller


def _per_code_bijwerken(model, bestaande: dict, rijen: dict, waarden, *, teller, hersteld) -> dict:
    """Bring ``model``'s rows in line with ``rijen`` (code -> what the source says): a new
    code is created, a known one updated where ``waarden(gegevens)`` differs, and one that
    had lapsed (``vervallen_per``) is restored and listed in ``hersteld``; ``teller`` counts
    created, updated and unchanged rows. Returns code -> row, for the rows that point here."""
    per_code, nieuw, gewijzigd = {}, [], []
    for code, gegevens in rijen.items():
        nu = waarden(gegevens)
        if rij := bestaande.get(code):
            if rij.vervallen_per is not None:
                hersteld.append((code, gegevens["naam"]))
            if velden := _wijzigingen(rij, {**nu, "vervallen_per": None}):
                gewijzigd.append((rij, velden))
                teller.bijgewerkt += 1
            else:
                teller.ongewijzigd += 1
        else:
            rij = model(code=code, **nu)
            nieuw.append(rij)
        per_code[code] = rij
    model.objects.bulk_create(nieuw, batch_size=500)
    teller.aangemaakt = len(nieuw)
    _bulk_bijwerken(model, gewijzigd)
    return per_code


def _gemeenten_kiezen(
    gelezen, gemeenten: list[str] | None, alle_gemeenten: bool
) -> tuple[list, dict[str, str]]:
    """The rows of the chosen municipalities and {code: name} of those municipalities.
    A file of several municipalities needs a choice (``gemeenten``) or ``alle_gemeenten``,
    so that a national file is never imported whole by accident."""
    in_bestand: dict[str, str] = {}
    for rij in gelezen.rijen:
        gm = rij.waarden.get(cbs.GM_CODE, "")
        if gm and not _controleer(gemeentecode_validator, gm):
            in_bestand.setdefault(gm, rij.waarden.get(cbs.GM_NAAM, ""))
    if gemeenten:
        ontbrekend = [gm for gm in gemeenten if gm not in in_bestand]
        if ontbrekend:
            raise ImportGeweigerd(
                [
                    (
                        None,
                        ngettext(
                            "Municipality %(codes)s is not in this file.",
                            "Municipalities %(codes)s are not in this file.",
                            len(ontbrekend),
                        )
                        % {"codes": ", ".join(ontbrekend)}
                        + " "
                        + _voorbeelden(in_bestand),
                    )
                ]
            )
        gekozen = set(gemeenten)
        rijen = [
            r
            for r in gelezen.rijen
            # A row without a municipality code cannot be told apart: it is checked.
            if r.waarden.get(cbs.GM_CODE, "") in gekozen or not r.waarden.get(cbs.GM_CODE)
        ]
        return rijen, {gm: in_bestand[gm] for gm in gemeenten}
    if len(in_bestand) > 1 and not alle_gemeenten:
        raise ImportGeweigerd(
            [
                (
                    None,
                    _(
                        "This file holds %(aantal)d municipalities. Choose yours with "
                        "--gemeente (for example --gemeente %(eerste)s), or import them all "
                        "with --alle-gemeenten."
                    )
                    % {"aantal": len(in_bestand), "eerste": next(iter(in_bestand))}
                    + " "
                    + _voorbeelden(in_bestand),
                )
            ]
        )
    return gelezen.rijen, in_bestand


def _voorbeelden(gemeenten: dict[str, str]) -> str:
    if not gemeenten:
        return _("The file holds no municipality.")
    lijst = ", ".join(f"{code} {naam}".strip() for code, naam in list(gemeenten.items())[:5])
    if len(gemeenten) > 5:
        lijst += ", …"
    return _("In the file: %s.") % lijst


def wijken_importeren(
    *,
    bestand,
    jaar: int | None = None,
    gemeenten: list[str] | None = None,
    alle_gemeenten: bool = False,
    vervallen_archiveren: bool = False,
) -> ImportResultaat:
    """Load or update wards, neighbourhoods and their key figures from a file CBS
    publishes or the portal's own CSV (``wijken.cbs``; a path or an open file).

    ``gemeenten`` picks municipalities (``GM0363``) from a file of several; such a file
    is refused without a choice unless ``alle_gemeenten``. A neighbourhood goes to the
    ward ``PORTAAL_WK_CODE`` names, else to the portal ward it was mapped to before (when
    the municipality divides itself differently from CBS), else to its CBS ward. Key
    figures need a year: from the file or ``jaar``. Counts become shares of the
    inhabitants; values CBS does not publish are unknown.

    The whole file is checked first; any invalid row refuses the file with every error
    and its line number, and nothing is written. Only fields from the file are written:
    descriptions and designations stay as they are. Wards and neighbourhoods of these
    municipalities that are in use but no longer in the file are reported, and with
    ``vervallen_archiveren`` archived (never deleted) as of the file's year; one that is
    in the file again is in use again. Running it again changes nothing.
    """
    try:
        gelezen = cbs.lees(bestand)
    except cbs.BestandOnleesbaar as exc:
        raise ImportGeweigerd(exc.fouten, advies=exc.advies) from None
    weigeren = partial(ImportGeweigerd, plaats=gelezen.plaats)
    if gelezen.fouten and not gelezen.rijen:
        raise weigeren(sorted(gelezen.fouten))
    # What is wrong with the file as a whole, said at once rather than one run at a time.
    bestandsfouten: list[tuple[int | None, str]] = []
    if gelezen.heeft_cijfers and not gelezen.heeft_jaar and jaar is None:
        bestandsfouten.append(
            (
                1,
                _(
                    "The file has key figures but no year for them: pass --jaar with the "
                    "year of the figures (for StatLine, the year in the table's title)."
                ),
            )
        )
    rijen, gekozen = [], {}
    try:
        rijen, gekozen = _gemeenten_kiezen(gelezen, gemeenten, alle_gemeenten)
    except ImportGeweigerd as exc:
        bestandsfouten += exc.fouten
    if bestandsfouten:
        raise weigeren(bestandsfouten)

    resultaat = ImportResultaat(formaat=gelezen.naam)
    if not rijen and not gelezen.fouten:
        return resultaat
    fouten: list[tuple[int | None, str]] = list(gelezen.fouten)
    portaal = gelezen.formaat == cbs.Formaat.PORTAAL
    # StatLine gives one code per row; the municipality's and ward's are taken from it.
    afgeleid = {cbs.GM_CODE, cbs.WK_CODE} if gelezen.formaat == cbs.Formaat.STATLINE else set()
    verplicht = [cbs.GM_CODE, cbs.GM_NAAM, cbs.WK_CODE, cbs.BU_CODE, cbs.BU_NAAM]
    if portaal:
        verplicht.insert(3, cbs.WK_NAAM)
    geldig: list = []
    buurtregel: dict[str, int] = {}
    vlakken: dict[str, dict] = {}  # neighbourhood code -> its boundary as kept
    for rij in rijen:
        w = rij.waarden
        regelfouten = list(rij.fouten)
        if not w:  # a row the reader could not place; its error says why
            fouten.extend((rij.regel, f) for f in regelfouten)
            continue
        for kolom in verplicht:
            if kolom not in afgeleid and not w.get(kolom):
                regelfouten.append(_("%s is empty.") % gelezen.kolom(kolom))
        codefouten = []
        for validator, kolom in (
            (gemeentecode_validator, cbs.GM_CODE),
            (wijkcode_validator, cbs.WK_CODE),
            (buurtcode_validator, cbs.BU_CODE),
            (wijkcode_validator, cbs.PORTAAL_WK_CODE),
        ):
            if kolom in afgeleid or not w.get(kolom):
                continue
            if fout := _controleer(validator, w[kolom]):
                codefouten.append(fout)
        regelfouten += codefouten
        gm, wk, bu = w.get(cbs.GM_CODE, ""), w.get(cbs.WK_CODE, ""), w.get(cbs.BU_CODE, "")
        if not codefouten and gm and wk and bu:
            portaal_wk = w.get(cbs.PORTAAL_WK_CODE) or wk
            cijfers_gm = gm[2:]
            if wk[2:6] != cijfers_gm or bu[2:6] != cijfers_gm or portaal_wk[2:6] != cijfers_gm:
                regelfouten.append(
                    _("The ward and neighbourhood codes must belong to municipality %s.") % gm
                )
            elif bu[2:8] != wk[2:8]:
                regelfouten.append(
                    _("Neighbourhood %(bu)s does not lie in CBS ward %(wk)s.")
                    % {"bu": bu, "wk": wk}
                )
        for kolom in (cbs.GM_NAAM, cbs.WK_NAAM, cbs.BU_NAAM, cbs.PORTAAL_WK_NAAM):
            if len(w.get(kolom, "")) > 100:
                regelfouten.append(_("%s is longer than 100 characters.") % gelezen.kolom(kolom))
        if bu in buurtregel:
            regelfouten.append(
                _("Neighbourhood %(bu)s appears twice (also on %(plaats)s).")
                % {"bu": bu, "plaats": gelezen.plaats(buurtregel[bu])}
            )
        rij_jaar = jaar
        if w.get(cbs.JAAR):
            try:
                rij_jaar = int(w[cbs.JAAR])
                if not 1990 <= rij_jaar <= 2100:
                    raise ValueError
            except ValueError:
                regelfouten.append(
                    _("%(kolom)s must be a year, not %(waarde)r.")
                    % {"kolom": gelezen.kolom(cbs.JAAR), "waarde": w[cbs.JAAR]}
                )
        if rij.grens is not None and not regelfouten:
            try:
                vlakken[bu] = grenzen.vlak(rij.grens)
            except grenzen.OngeldigeGrens as exc:
                regelfouten.append(_("The boundary cannot be used (%s).") % exc)
        if regelfouten:
            fouten.extend((rij.regel, f) for f in regelfouten)
            continue
        buurtregel[bu] = rij.regel
        geldig.append((rij, rij_jaar))
    if fouten:
        raise weigeren(sorted(fouten, key=lambda f: (f[0] or 0, f[1])))

    resultaat.gemeenten = sorted(gekozen.items())
    in_bestand = {rij.waarden[cbs.BU_CODE] for rij, _j in geldig}
    with transaction.atomic():
        # Everything of these municipalities, and whatever has a code of the file (a row
        # entered by hand may name another municipality), locked: a second import waits.
        bestaande_wijken = {
            w.code: w
            for w in Wijk.objects.select_for_update().filter(
                Q(gemeentecode__in=list(gekozen))
                | Q(code__in={rij.waarden[cbs.WK_CODE] for rij, _j in geldig})
                | Q(code__in={rij.waarden.get(cbs.PORTAAL_WK_CODE) for rij, _j in geldig} - {None})
            )
        }
        bestaande_buurten = {
            b.code: b
            for b in Buurt.objects.select_for_update(of=("self",))
            .select_related("wijk")
            .filter(Q(wijk__gemeentecode__in=list(gekozen)) | Q(code__in=in_bestand))
        }
        wijken: dict[str, dict] = {}  # portal ward code -> naam, gemeente, regel
        cbs_wijknamen: dict[str, str] = {}
        buurten: dict[str, dict] = {}
        cijfers: list[tuple[str, int, dict]] = []
        for rij, rij_jaar in geldig:
            w = rij.waarden
            gm, wk, bu = w[cbs.GM_CODE], w[cbs.WK_CODE], w[cbs.BU_CODE]
            bestaand = bestaande_buurten.get(bu)
            if w.get(cbs.PORTAAL_WK_CODE):
                portaal_wk, naam_hier = w[cbs.PORTAAL_WK_CODE], w.get(cbs.PORTAAL_WK_NAAM, "")
            elif (
                not portaal
                and bestaand
                and bestaand.wijk.code != bestaand.cbs_wijkcode
                and bestaand.wijk.vervallen_per is None
            ):
                # The municipality put this neighbourhood in a ward of its own choosing; a
                # CBS file does not know that division and does not undo it.
                portaal_wk, naam_hier = bestaand.wijk.code, ""
            else:
                portaal_wk, naam_hier = wk, w.get(cbs.WK_NAAM, "")
            if w.get(cbs.WK_NAAM):
                cbs_wijknamen.setdefault(wk, w[cbs.WK_NAAM])
            bekend = wijken.setdefault(
                portaal_wk,
                {
                    "naam": "",
                    "gemeentecode": gm,
                    "gemeentenaam": w[cbs.GM_NAAM],
                    "regel": rij.regel,
                },
            )
            if naam_hier and bekend["naam"] and bekend["naam"] != naam_hier:
                fouten.append(
                    (
                        rij.regel,
                        _("Ward %(wk)s is named %(a)r here but %(b)r on %(plaats)s.")
                        % {
                            "wk": portaal_wk,
                            "a": naam_hier,
                            "b": bekend["naam"],
                            "plaats": gelezen.plaats(bekend["regel"]),
                        },
                    )
                )
                continue
            if naam_hier and not bekend["naam"]:
                bekend.update(naam=naam_hier, regel=rij.regel)
            buurten[bu] = {"naam": w[cbs.BU_NAAM], "wijk": portaal_wk, "cbs_wijkcode": wk}
            if rij.cijfers and any(v is not None for v in rij.cijfers.values()):
                cijfers.append((bu, rij_jaar, rij.cijfers))

        for code, gegevens in wijken.items():
            wijkrij = gelezen.wijkrijen.get(code)
            bestaand = bestaande_wijken.get(code)
            # A StatLine ward row is a line of the same file; a GeoPackage's ward layer is
            # another table, so there the ward's first neighbourhood row is named.
            wijkregel = wijkrij.regel if wijkrij and not gelezen.laag else gegevens["regel"]
            gegevens["naam"] = (
                gegevens["naam"]
                or cbs_wijknamen.get(code, "")
                or (wijkrij.naam if wijkrij else "")
                or (bestaand.naam if bestaand else "")
            )
            if not gegevens["naam"]:
                fouten.append(
                    (
                        wijkregel,
                        _("Ward %s has no name: fill PORTAAL_WK_NAAM.") % code
                        if portaal
                        else _(
                            "Ward %s has no name in this file and is new to the portal: "
                            "import a file that names it (StatLine's ward rows, or the "
                            "GeoPackage of the wijk- en buurtkaart with its ward layer)."
                        )
                        % code,
                    )
                )
            elif len(gegevens["naam"]) > 100:
                fouten.append(
                    (
                        wijkregel,
                        _("The name of ward %s is longer than 100 characters.") % code,
                    )
                )
        if fouten:
            raise weigeren(sorted(fouten, key=lambda f: (f[0] or 0, f[1])))

        resultaat.jaren = sorted({j for _bu, j, _c in cijfers})
        vervallen_per = jaar or max(resultaat.jaren, default=None) or timezone.localdate().year

        # Wards, then their neighbourhoods (which point to the ward rows just saved)
        wijk_per_code = _per_code_bijwerken(
            Wijk,
            bestaande_wijken,
            wijken,
            lambda g: {k: g[k] for k in ("naam", "gemeentecode", "gemeentenaam")},
            teller=resultaat.wijken,
            hersteld=resultaat.herstelde_wijken,
        )
        buurt_per_code = _per_code_bijwerken(
            Buurt,
            bestaande_buurten,
            buurten,
            lambda g: {
                "naam": g["naam"],
                "wijk": wijk_per_code[g["wijk"]],
                "cbs_wijkcode": g["cbs_wijkcode"],
            },
            teller=resultaat.buurten,
            hersteld=resultaat.herstelde_buurten,
        )

        _grenzen_bijwerken(
            {buurt_per_code[bu].pk: vlak for bu, vlak in vlakken.items()},
            teller=resultaat.grenzen,
        )

        # Key figures
        bestaande_cijfers = {
            (k.buurt_id, k.jaar): k
            for k in Kerncijfers.objects.filter(
                buurt__wijk__gemeentecode__in=list(gekozen), jaar__in=resultaat.jaren
            )
        }
        nieuw, gewijzigd = [], []
        for bu, rij_jaar, waarden in cijfers:
            buurt = buurt_per_code[bu]
            if k := bestaande_cijfers.get((buurt.pk, rij_jaar)):
                if velden := _wijzigingen(k, waarden):
                    gewijzigd.append((k, velden))
                    resultaat.kerncijfers.bijgewerkt += 1
                else:
                    resultaat.kerncijfers.ongewijzigd += 1
            else:
                nieuw.append(Kerncijfers(buurt=buurt, jaar=rij_jaar, **waarden))
        Kerncijfers.objects.bulk_create(nieuw, batch_size=500)
        resultaat.kerncijfers.aangemaakt = len(nieuw)
        _bulk_bijwerken(Kerncijfers, gewijzigd)

        # A re-division: what these municipalities had in use and the file no longer has.
        weg_wijken = sorted(
            (
                w
                for code, w in bestaande_wijken.items()
                if code not in wijken and w.vervallen_per is None and w.gemeentecode in gekozen
            ),
            key=lambda w: w.code,
        )
        weg_buurten = sorted(
            (
                b
                for code, b in bestaande_buurten.items()
                if code not in buurten
                and b.vervallen_per is None
                and b.wijk.gemeentecode in gekozen
            ),
            key=lambda b: b.code,
        )
        resultaat.vervallen_wijken = [(w.code, w.naam) for w in weg_wijken]
        resultaat.vervallen_buurten = [(b.code, b.naam) for b in weg_buurten]
        if vervallen_archiveren and (weg_wijken or weg_buurten):
            resultaat.gearchiveerd = True
            resultaat.vervallen_per = vervallen_per
            for obj in (*weg_wijken, *weg_buurten):
                obj.vervallen_per = vervallen_per
            _bulk_bijwerken(Wijk, [(w, ["vervallen_per"]) for w in weg_wijken])
            _bulk_bijwerken(Buurt, [(b, ["vervallen_per"]) for b in weg_buurten])
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
    # Accounts, not addresses: each gets the email in the language they use the portal in.
    ontvangers = list(groep.contactpersonen.filter(is_active=True))
    adviseur = groep.wijk.wijkadviseur
    if adviseur and adviseur.is_active:
        ontvangers.append(adviseur)
    if not ontvangers and groep.email:
        ontvangers.append(groep.email)
    mail_na_commit(
        template_basis="wijken/email/interesse",
        context={"functie": zetel, "groep": groep, "reactie": reactie, "bewoner": gebruiker},
        onderwerp=lambda: (
            _("Interest in the vacancy %(functie)s of %(groep)s")
            % {"functie": zetel.titel, "groep": groep.naam}
        ),
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

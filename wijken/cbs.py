"""Reading the ward files a municipality gets from CBS, as CBS publishes them.

Three layouts are recognised from their header, without conversion:

- the StatLine table "Kerncijfers wijken en buurten" (any year from 2019), exported as
  CSV: UTF-8 with a byte-order mark, ``;``-separated, quoted, codes and names padded with
  spaces, one row per region (Nederland, gemeente, wijk, buurt; ``SoortRegio_2`` says
  which, ``Codering_3`` holds the code), counts where the profile shows shares. The
  numbers after the column names change between years, so columns are matched by name;
- the wijk- en buurtkaart: its neighbourhood layer's attribute table as CSV (lowercase
  names: ``buurtcode``, ``buurtnaam``, ``wijkcode``, ``gemeentecode``, ``gemeentenaam``;
  no ward name), or the GeoPackage itself (an SQLite file, read with ``sqlite3``), whose
  ward layer names the wards;
- the portal's own CSV (``GM_CODE``, ``GM_NAAM``, ``WK_CODE``, ``WK_NAAM``, ``BU_CODE``,
  ``BU_NAAM``, optionally the portal's own ward and key figures as percentages).

:func:`lees` turns any of them into :class:`Gelezen`: neighbourhood rows in one form
(the portal CSV's column names), ward names where the file has them, and what is wrong
with the file itself. Checking codes and writing is ``wijken.services.wijken_importeren``.
"""

import csv
import io
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijken import grenzen

#: The portal CSV's columns; every layout is read into these.
GM_CODE, GM_NAAM, WK_CODE, WK_NAAM, BU_CODE, BU_NAAM = (
    "GM_CODE",
    "GM_NAAM",
    "WK_CODE",
    "WK_NAAM",
    "BU_CODE",
    "BU_NAAM",
)
PORTAAL_WK_CODE, PORTAAL_WK_NAAM, JAAR = "PORTAAL_WK_CODE", "PORTAAL_WK_NAAM", "JAAR"

#: Key-figure fields of ``Kerncijfers`` that hold a share of the inhabitants (percent).
AANDELEN = ("p_00_14", "p_15_24", "p_25_44", "p_45_64", "p_65_eo")

#: How CBS writes a value it does not publish: "." (unknown), "x" (secret), "NA" (from R
#: or pandas), or empty; negative numbers (-99997 and the like) are secret too. "-" is
#: nil in CBS tables: zero.
ONBEKEND = {"", ".", "x", "X", "NA", "na", "n/a", "N/A"}

SQLITE_KOP = b"SQLite format 3\x00"
#: What other programs write instead of a CSV, recognised by their first bytes.
ANDERE_BESTANDEN = {
    b"PK\x03\x04": gettext_lazy(
        "This is an Excel workbook or another zip file, not a CSV. Open it in Excel and "
        "save it as “CSV UTF-8 (comma delimited)”."
    ),
    b"\xd0\xcf\x11\xe0": gettext_lazy(
        "This is an old Excel workbook (.xls), not a CSV. Open it in Excel and save it as "
        "“CSV UTF-8 (comma delimited)”."
    ),
    b"\xff\xfe": gettext_lazy(
        "This file is UTF-16 text (Excel's “Unicode text”). Save it as “CSV UTF-8 (comma "
        "delimited)”."
    ),
    b"\xfe\xff": gettext_lazy(
        "This file is UTF-16 text (Excel's “Unicode text”). Save it as “CSV UTF-8 (comma "
        "delimited)”."
    ),
}
UTF8_ADVIES = gettext_lazy(
    "The file is not UTF-8 text. Excel's “CSV (comma delimited)” writes Windows-1252: "
    "open the file in Excel and save it as “CSV UTF-8 (comma delimited)”, then import it "
    "again."
)

#: Encoding errors reported per file; the rest are counted.
MAX_CODERINGSFOUTEN = 20


class Formaat:
    """The layouts :func:`lees` recognises, with the name the import reports."""

    STATLINE = "statline"
    KAART_CSV = "kaart_csv"
    KAART_GPKG = "kaart_gpkg"
    PORTAAL = "portaal"

    NAMEN = {
        STATLINE: gettext_lazy("CBS StatLine table “Kerncijfers wijken en buurten” (CSV export)"),
        KAART_CSV: gettext_lazy(
            "CBS wijk- en buurtkaart, attribute table of the neighbourhoods (CSV)"
        ),
        KAART_GPKG: gettext_lazy("CBS wijk- en buurtkaart (GeoPackage)"),
        PORTAAL: gettext_lazy(
            "the portal's CSV format (GM_CODE, GM_NAAM, WK_CODE, WK_NAAM, BU_CODE, BU_NAAM)"
        ),
    }


class BestandOnleesbaar(Exception):
    """The file cannot be read at all: ``fouten`` lists (line, message); ``advies`` says
    what to do, once."""

    def __init__(self, fouten: list[tuple[int, str]], advies: str = ""):
        self.fouten = fouten
        self.advies = advies
        super().__init__("; ".join(m for _n, m in fouten))


@dataclass
class Rij:
    """One neighbourhood of the file, in the portal CSV's columns, with its key figures
    (``Kerncijfers`` field -> whole number or ``None`` for unknown)."""

    regel: int
    waarden: dict[str, str]
    cijfers: dict[str, int | None] = field(default_factory=dict)
    fouten: list[str] = field(default_factory=list)
    #: the neighbourhood's boundary (a shapely geometry in RD New), where the file has one.
    grens: object = None


@dataclass
class Wijkrij:
    """A ward as a ward row (StatLine) or the ward layer (GeoPackage) gives it: its
    name, for neighbourhood rows that do not carry it."""

    regel: int
    code: str
    naam: str


@dataclass
class Gelezen:
    """A file read: its layout (``Formaat``), its neighbourhood rows and what else it
    says about them."""

    formaat: str
    rijen: list[Rij]
    #: ward code -> its row, where the file has ward rows.
    wijkrijen: dict[str, Wijkrij] = field(default_factory=dict)
    #: file-wide problems (line, message): the file is refused.
    fouten: list[tuple[int, str]] = field(default_factory=list)
    #: the file's own name for each portal column, for messages.
    kolomnamen: dict[str, str] = field(default_factory=dict)
    #: the file has key-figure columns; and has a year for them in its rows.
    heeft_cijfers: bool = False
    heeft_jaar: bool = False
    #: the file has the neighbourhoods' boundaries (the GeoPackage).
    heeft_grenzen: bool = False
    #: the GeoPackage layer the rows come from: a row's place is then "row 12 of layer
    #: buurten" rather than "line 12".
    laag: str = ""

    @property
    def naam(self) -> str:
        return str(Formaat.NAMEN[self.formaat])

    def plaats(self, regel: int) -> str:
        if self.laag:
            return _("row %(rij)d of layer %(laag)s") % {"rij": regel, "laag": self.laag}
        return _("line %d") % regel

    def kolom(self, kolom: str) -> str:
        return self.kolomnamen.get(kolom, kolom)


# --- Values ---------------------------------------------------------------------------------


def getal(waarde, *, kolom: str) -> int | None:
    """A whole number as CBS writes it (see ``ONBEKEND``); a decimal is rounded half up.
    Raises ``ValueError`` with a message naming ``kolom``."""
    tekst = repr(waarde) if isinstance(waarde, int | float) else (waarde or "").strip()
    if tekst in ONBEKEND:
        return None
    if tekst == "-":
        return 0
    try:
        getal = float(tekst.replace(",", "."))
    except ValueError:
        raise ValueError(
            _("%(kolom)s must be a number, not %(waarde)r.") % {"kolom": kolom, "waarde": tekst}
        ) from None
    if getal != getal or getal in (float("inf"), float("-inf")):  # NaN, infinity
        return None
    if getal < 0:
        return None
    return int(getal + 0.5)


def aandeel(aantal: int | None, inwoners: int | None) -> int | None:
    """A count as a whole percentage of the inhabitants, rounded half up. CBS rounds the
    counts to fives, so a group can add up to more than the total: capped at 100."""
    if aantal is None or not inwoners:
        return None
    return min(100, (200 * aantal + inwoners) // (2 * inwoners))


def _normaal(kop: str) -> str:
    """A column name without case, spaces and punctuation: "Gemeentenaam_1" → "gemeentenaam1"."""
    return re.sub(r"[^0-9a-z]", "", kop.lower())


def _stam(kop: str) -> str:
    """A StatLine column name without its number: "AantalInwoners_5" → "aantalinwoners"."""
    return _normaal(re.sub(r"_\d+\s*$", "", kop.strip()))


# --- Bytes to text ------------------------------------------------------------------------


def _tekst(inhoud: bytes) -> str:
    """The file as text: UTF-8, with or without a byte-order mark. Anything else is
    refused with the line, the byte position and what to do (see ``UTF8_ADVIES``)."""
    for kop, advies in ANDERE_BESTANDEN.items():
        if inhoud.startswith(kop):
            raise BestandOnleesbaar([(1, str(advies))])
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    fouten = []
    positie = 0
    for nummer, regel in enumerate(inhoud.split(b"\n"), start=1):
        try:
            regel.decode("utf-8")
        except UnicodeDecodeError as exc:
            if len(fouten) < MAX_CODERINGSFOUTEN:
                byte = regel[exc.start]
                teken = bytes([byte]).decode("cp1252", errors="replace")
                fouten.append(
                    (
                        nummer,
                        _(
                            "byte %(kolom)d of the line (byte %(positie)d of the file) is "
                            "0x%(byte)02X, which is not UTF-8 (in Windows-1252 it is "
                            "“%(teken)s”)."
                        )
                        % {
                            "kolom": exc.start + 1,
                            "positie": positie + exc.start + 1,
                            "byte": byte,
                            "teken": teken,
                        },
                    )
                )
            else:
                fouten.append((nummer, ""))
        positie += len(regel) + 1
    if not fouten:  # not expected: every invalid sequence lies within one line
        raise BestandOnleesbaar([(1, str(UTF8_ADVIES))])
    getoond = [f for f in fouten if f[1]]
    rest = len(fouten) - len(getoond)
    if rest:
        getoond.append(
            (
                fouten[len(getoond)][0],
                _("and %d more lines that are not UTF-8.") % rest,
            )
        )
    raise BestandOnleesbaar(getoond, advies=str(UTF8_ADVIES))


def _tabel(tekst: str) -> tuple[list[str], list[tuple[int, list[str]]], list[tuple[int, str]]]:
    """Header, rows with their line numbers, and rows whose number of fields is not the
    header's, of a CSV separated by ',', ';' or tab (whichever the header has most of)."""
    eerste_regel = tekst.split("\n", 1)[0]
    scheiding = max([",", ";", "\t"], key=eerste_regel.count)
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding)
    fouten: list[tuple[int, str]] = []
    try:
        kop = next(lezer, None)
        if kop is None or not any(k.strip() for k in kop):
            raise BestandOnleesbaar([(1, _("The file is empty."))])
        kop = [k.strip() for k in kop]
        rijen = []
        begin = lezer.line_num + 1
        for velden in lezer:
            regel, begin = begin, lezer.line_num + 1
            if not any(v.strip() for v in velden):
                continue
            if len(velden) != len(kop):
                fouten.append(
                    (
                        regel,
                        _(
                            "this line has %(gevonden)d fields where the header has "
                            "%(verwacht)d. Look for a missing or extra “%(teken)s” or an "
                            "unclosed quotation mark."
                        )
                        % {
                            "gevonden": len(velden),
                            "verwacht": len(kop),
                            "teken": "tab" if scheiding == "\t" else scheiding,
                        },
                    )
                )
                continue
            rijen.append((regel, velden))
    except csv.Error as exc:
        raise BestandOnleesbaar(
            [(lezer.line_num or 1, _("the file is not a readable CSV: %s.") % exc)]
        ) from None
    return kop, rijen, fouten


# --- The layouts ----------------------------------------------------------------------------

#: StatLine column (without its number, see ``_stam``) -> key-figure count.
STATLINE_AANTALLEN = {
    "aantalinwoners": "aantal_inwoners",
    "huishoudenstotaal": "aantal_huishoudens",
    "k0tot15jaar": "p_00_14",
    "k15tot25jaar": "p_15_24",
    "k25tot45jaar": "p_25_44",
    "k45tot65jaar": "p_45_64",
    "k65jaarofouder": "p_65_eo",
}

#: wijk- en buurtkaart attribute -> portal column / key-figure field.
KAART_KOLOMMEN = {
    "buurtcode": BU_CODE,
    "buurtnaam": BU_NAAM,
    "wijkcode": WK_CODE,
    "wijknaam": WK_NAAM,
    "gemeentecode": GM_CODE,
    "gemeentenaam": GM_NAAM,
    "jaar": JAAR,
}
KAART_CIJFERS = {
    "aantal_inwoners": "aantal_inwoners",
    "aantal_huishoudens": "aantal_huishoudens",
    "percentage_personen_0_tot_15_jaar": "p_00_14",
    "percentage_personen_15_tot_25_jaar": "p_15_24",
    "percentage_personen_25_tot_45_jaar": "p_25_44",
    "percentage_personen_45_tot_65_jaar": "p_45_64",
    "percentage_personen_65_jaar_en_ouder": "p_65_eo",
}
KAART_VERPLICHT = (BU_CODE, BU_NAAM, WK_CODE, GM_CODE, GM_NAAM)

#: Portal CSV column -> key-figure field (percentages, as the wijk- en buurtkaart had).
PORTAAL_CIJFERS = {
    "AANT_INW": "aantal_inwoners",
    "AANTAL_HH": "aantal_huishoudens",
    "P_00_14_JR": "p_00_14",
    "P_15_24_JR": "p_15_24",
    "P_25_44_JR": "p_25_44",
    "P_45_64_JR": "p_45_64",
    "P_65_EO_JR": "p_65_eo",
}
PORTAAL_VERPLICHT = (GM_CODE, GM_NAAM, WK_CODE, WK_NAAM, BU_CODE, BU_NAAM)


def _cijfers(ruw: dict[str, object], kolomnamen: dict[str, str], *, aantallen: bool, rij: Rij):
    """Key figures of a row: ``ruw`` maps a field to the file's value. With ``aantallen``
    the age groups are counts, turned into shares of the inhabitants."""
    waarden: dict[str, int | None] = {}
    for veld, waarde in ruw.items():
        try:
            waarden[veld] = getal(waarde, kolom=kolomnamen[veld])
        except ValueError as exc:
            rij.fouten.append(str(exc))
    inwoners = waarden.get("aantal_inwoners")
    for veld in AANDELEN:
        if veld not in waarden:
            continue
        if aantallen:
            waarden[veld] = aandeel(waarden[veld], inwoners)
        elif waarden[veld] is not None and waarden[veld] > 100:
            rij.fouten.append(
                _("%(kolom)s is a percentage and cannot be over 100.") % {"kolom": kolomnamen[veld]}
            )
    rij.cijfers = waarden


def _statline(kop, rijen, fouten) -> Gelezen:
    stammen = {_stam(k): i for i, k in reversed(list(enumerate(kop)))}
    gelezen = Gelezen(formaat=Formaat.STATLINE, rijen=[], fouten=fouten)
    ontbrekend = [k for k in ("wijkenenbuurten", "gemeentenaam") if k not in stammen]
    if ontbrekend:
        namen = {"wijkenenbuurten": "WijkenEnBuurten", "gemeentenaam": "Gemeentenaam_1"}
        gelezen.fouten.append(
            (1, _("Missing columns: %s.") % ", ".join(namen[k] for k in ontbrekend))
        )
        return gelezen
    soort_i, code_i = stammen["soortregio"], stammen["codering"]
    naam_i, gemeente_i = stammen["wijkenenbuurten"], stammen["gemeentenaam"]
    cijfer_i = {veld: stammen[s] for s, veld in STATLINE_AANTALLEN.items() if s in stammen}
    kolomnamen = {veld: kop[i] for veld, i in cijfer_i.items()}
    gelezen.kolomnamen = {
        GM_CODE: kop[code_i],
        WK_CODE: kop[code_i],
        BU_CODE: kop[code_i],
        GM_NAAM: kop[gemeente_i],
        WK_NAAM: kop[naam_i],
        BU_NAAM: kop[naam_i],
    }
    gelezen.heeft_cijfers = bool(cijfer_i)
    for regel, velden in rijen:
        soort = velden[soort_i].strip().casefold()
        code = velden[code_i].strip()
        naam = velden[naam_i].strip()
        # The raw download (OData) has the code here instead of a name: no name then.
        if naam == code:
            naam = ""
        if soort in ("land", "nederland", "gemeente"):
            continue
        if soort == "wijk":
            gelezen.wijkrijen.setdefault(code, Wijkrij(regel=regel, code=code, naam=naam))
            continue
        if soort != "buurt":
            rij = Rij(regel=regel, waarden={})
            rij.fouten.append(
                _("%(kolom)s must be Land, Gemeente, Wijk or Buurt, not %(waarde)r.")
                % {"kolom": kop[soort_i], "waarde": velden[soort_i].strip()}
            )
            gelezen.rijen.append(rij)
            continue
        # A neighbourhood code holds its ward's and its municipality's codes (the import
        # checks only the neighbourhood code: one error for a bad code, not three).
        rij = Rij(
            regel=regel,
            waarden={
                GM_CODE: f"GM{code[2:6]}",
                GM_NAAM: velden[gemeente_i].strip(),
                WK_CODE: f"WK{code[2:8]}",
                WK_NAAM: "",
                BU_CODE: code,
                BU_NAAM: naam,
            },
        )
        _cijfers(
            {veld: velden[i] for veld, i in cijfer_i.items()}, kolomnamen, aantallen=True, rij=rij
        )
        gelezen.rijen.append(rij)
    return gelezen


def _kaart(kop, rijen, fouten, *, formaat=Formaat.KAART_CSV) -> Gelezen:
    index = {k.strip().lower(): i for i, k in reversed(list(enumerate(kop)))}
    gelezen = Gelezen(formaat=formaat, rijen=[], fouten=fouten)
    kolom_i = {kolom: index[naam] for naam, kolom in KAART_KOLOMMEN.items() if naam in index}
    ontbrekend = [
        naam
        for naam, kolom in KAART_KOLOMMEN.items()
        if kolom in KAART_VERPLICHT and kolom not in kolom_i
    ]
    if ontbrekend:
        gelezen.fouten.append((1, _("Missing columns: %s.") % ", ".join(ontbrekend)))
        return gelezen
    cijfer_i = {veld: index[naam] for naam, veld in KAART_CIJFERS.items() if naam in index}
    kolomnamen = {veld: kop[i] for veld, i in cijfer_i.items()}
    gelezen.kolomnamen = {kolom: kop[i] for kolom, i in kolom_i.items()}
    gelezen.heeft_cijfers = bool(cijfer_i)
    jrstat_i = index.get("jrstatcode")
    gelezen.heeft_jaar = JAAR in kolom_i or jrstat_i is not None
    for regel, velden in rijen:
        waarden = {kolom: _als_tekst(velden[i]) for kolom, i in kolom_i.items()}
        # "2024BU03630000": the year of the map before the code.
        if not waarden.get(JAAR) and jrstat_i is not None:
            waarden[JAAR] = _als_tekst(velden[jrstat_i])[:4]
        rij = Rij(regel=regel, waarden=waarden)
        _cijfers(
            {veld: velden[i] for veld, i in cijfer_i.items()}, kolomnamen, aantallen=False, rij=rij
        )
        gelezen.rijen.append(rij)
    return gelezen


def _portaal(kop, rijen, fouten) -> Gelezen:
    index = {k.strip().upper(): i for i, k in reversed(list(enumerate(kop)))}
    gelezen = Gelezen(formaat=Formaat.PORTAAL, rijen=[], fouten=fouten)
    ontbrekend = [k for k in PORTAAL_VERPLICHT if k not in index]
    if ontbrekend:
        gelezen.fouten.append((1, _("Missing columns: %s.") % ", ".join(ontbrekend)))
        return gelezen
    kolommen = [*PORTAAL_VERPLICHT, PORTAAL_WK_CODE, PORTAAL_WK_NAAM, JAAR]
    cijfer_i = {veld: index[k] for k, veld in PORTAAL_CIJFERS.items() if k in index}
    kolomnamen = {veld: k for k, veld in PORTAAL_CIJFERS.items()}
    gelezen.heeft_cijfers = bool(cijfer_i)
    gelezen.heeft_jaar = JAAR in index
    for regel, velden in rijen:
        waarden = {k: velden[index[k]].strip() for k in kolommen if k in index}
        rij = Rij(regel=regel, waarden=waarden)
        _cijfers(
            {veld: velden[i] for veld, i in cijfer_i.items()}, kolomnamen, aantallen=False, rij=rij
        )
        gelezen.rijen.append(rij)
    return gelezen


def _als_tekst(waarde) -> str:
    """A cell as text: GeoPackage cells may be numbers or NULL."""
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        waarde = int(waarde)
    return str(waarde).strip()


def _csv(inhoud: bytes | str) -> Gelezen:
    tekst = _tekst(inhoud) if isinstance(inhoud, bytes) else inhoud.removeprefix("\ufeff")
    kop, rijen, fouten = _tabel(tekst)
    stammen = {_stam(k) for k in kop}
    normaal = {_normaal(k) for k in kop}
    if {"soortregio", "codering"} <= stammen:
        return _statline(kop, rijen, fouten)
    if "bucode" in normaal or "gmcode" in normaal:
        return _portaal(kop, rijen, fouten)
    if "buurtcode" in normaal:
        return _kaart(kop, rijen, fouten)
    if "wijkcode" in normaal:
        raise BestandOnleesbaar(
            [
                (
                    1,
                    _(
                        "This is the ward layer (wijken) of the wijk- en buurtkaart. Import "
                        "the neighbourhood layer (buurten), or the GeoPackage with both."
                    ),
                )
            ]
        )
    getoond = ", ".join(kop[:6]) + (", …" if len(kop) > 6 else "")
    raise BestandOnleesbaar(
        [
            (
                1,
                _(
                    "The header (%(kop)s) is not one the import knows: a StatLine export of "
                    "“Kerncijfers wijken en buurten” (SoortRegio, Codering), the wijk- en "
                    "buurtkaart (buurtcode, wijkcode, gemeentecode) or the portal's CSV "
                    "(GM_CODE, WK_CODE, BU_CODE)."
                )
                % {"kop": getoond},
            )
        ]
    )


# --- GeoPackage -----------------------------------------------------------------------------


def _geopackage(verbinding: sqlite3.Connection) -> Gelezen:
    """The neighbourhood layer of a wijk- en buurtkaart GeoPackage, with the ward names
    of its ward layer. Layers are found by their columns, not their names, which change
    between years."""
    q = _sql_naam
    try:
        lagen = [
            r[0]
            for r in verbinding.execute(
                "SELECT table_name FROM gpkg_contents WHERE data_type IN ('features', "
                "'attributes') ORDER BY table_name"
            )
        ]
    except sqlite3.DatabaseError:
        raise BestandOnleesbaar(
            [(1, _("This SQLite file is not a GeoPackage (it has no gpkg_contents)."))]
        ) from None
    kolommen = {
        laag: [r[1] for r in verbinding.execute(f"PRAGMA table_info({q(laag)})")] for laag in lagen
    }
    buurtlagen = [laag for laag in lagen if "buurtcode" in {k.lower() for k in kolommen[laag]}]
    wijklagen = [
        laag
        for laag in lagen
        if {"wijkcode", "wijknaam"} <= {k.lower() for k in kolommen[laag]}
        and "buurtcode" not in {k.lower() for k in kolommen[laag]}
    ]
    if not buurtlagen:
        raise BestandOnleesbaar(
            [
                (
                    1,
                    _(
                        "This GeoPackage has no layer of neighbourhoods (a layer with the "
                        "column buurtcode). Its layers: %s."
                    )
                    % ", ".join(lagen),
                )
            ]
        )
    laag = buurtlagen[0]
    bekend = {*KAART_KOLOMMEN, *KAART_CIJFERS, "jrstatcode"}
    kop = [k for k in kolommen[laag] if k.lower() in bekend]
    rijen = [
        (nummer, list(rij))
        for nummer, rij in enumerate(
            verbinding.execute(
                f"SELECT {', '.join(q(k) for k in kop)} FROM {q(laag)} ORDER BY rowid"  # noqa: S608 - names from the file's own schema, quoted
            ),
            start=1,
        )
    ]
    gelezen = _kaart(kop, rijen, [], formaat=Formaat.KAART_GPKG)
    gelezen.laag = laag
    _grenzen_lezen(verbinding, laag, gelezen)
    if wijklagen:
        wijklaag = wijklagen[0]
        namen = {k.lower(): k for k in kolommen[wijklaag]}
        for nummer, (code, naam) in enumerate(
            verbinding.execute(
                f"SELECT {q(namen['wijkcode'])}, {q(namen['wijknaam'])} "  # noqa: S608 - as above
                f"FROM {q(wijklaag)} ORDER BY rowid"
            ),
            start=1,
        ):
            code = _als_tekst(code)
            gelezen.wijkrijen.setdefault(
                code, Wijkrij(regel=nummer, code=code, naam=_als_tekst(naam))
            )
    return gelezen


def _grenzen_lezen(verbinding: sqlite3.Connection, laag: str, gelezen: Gelezen) -> None:
    """The boundary of each neighbourhood row, from the layer's geometry column. The
    boundaries must be in RD New, as CBS publishes them: the portal keeps and draws them
    in metres on that grid and does not reproject."""
    q = _sql_naam
    try:
        kolom = verbinding.execute(
            "SELECT column_name, srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (laag,)
        ).fetchone()
    except sqlite3.DatabaseError:
        kolom = None
    if kolom is None:
        return  # an attribute table without geometry: names and codes only
    naam, srs_id = kolom
    epsg = verbinding.execute(
        "SELECT organization, organization_coordsys_id FROM gpkg_spatial_ref_sys WHERE srs_id = ?",
        (srs_id,),
    ).fetchone()
    if not epsg or epsg[0].upper() != "EPSG" or epsg[1] != grenzen.RD_NEW:
        gelezen.fouten.append(
            (
                1,
                _(
                    "The boundaries in layer %(laag)s are not in RD New (EPSG:28992), in "
                    "which CBS publishes the wijk- en buurtkaart. Use CBS's own file."
                )
                % {"laag": laag},
            )
        )
        return
    gelezen.heeft_grenzen = True
    blobs = verbinding.execute(
        f"SELECT {q(naam)} FROM {q(laag)} ORDER BY rowid"  # noqa: S608 - names from the file's own schema, quoted
    )
    for rij, (blob,) in zip(gelezen.rijen, blobs, strict=True):
        if blob is None:
            continue
        try:
            rij.grens = grenzen.uit_geopackage(blob)
        except grenzen.OngeldigeGrens as exc:
            rij.fouten.append(_("The boundary cannot be read (%s).") % exc)


def _sql_naam(naam: str) -> str:
    return '"' + naam.replace('"', '""') + '"'


# --- The entry point ----------------------------------------------------------------------


def lees(bestand) -> Gelezen:
    """Read ``bestand`` (a path, or an open file of text or bytes) in whichever layout it
    has. Raises :class:`BestandOnleesbaar` when it cannot be read at all; problems of
    single rows are in the rows (``Rij.fouten``) and in ``Gelezen.fouten``."""
    if isinstance(bestand, str | Path):
        pad = Path(bestand)
        with pad.open("rb") as f:
            begin = f.read(len(SQLITE_KOP))
        if begin == SQLITE_KOP:
            verbinding = sqlite3.connect(f"{pad.resolve().as_uri()}?mode=ro", uri=True)
            try:
                return _geopackage(verbinding)
            finally:
                verbinding.close()
        return _csv(pad.read_bytes())
    inhoud = bestand.read()
    if isinstance(inhoud, bytes) and inhoud.startswith(SQLITE_KOP):
        verbinding = sqlite3.connect(":memory:")
        try:
            verbinding.deserialize(inhoud)
            return _geopackage(verbinding)
        finally:
            verbinding.close()
    return _csv(inhoud)

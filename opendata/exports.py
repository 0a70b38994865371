"""Open data exports: every public dataset, declared once as a list of columns.

A dataset is its public rows (the same querysets and predicates the public pages use)
and its columns; each column has a name, a type, a meaning and, where one fits, the Open
Raadsinformatie / Popolo term. The files (CSV and JSON) and the schema tables on the
"Open data" page are both made from these declarations, so they cannot drift apart.

What is never here: a submitter (not even one who chose to appear by name: a bulk file
of residents' names under a public-domain licence is not what they agreed to), the text
as the submitter typed it, the location they typed, internal notes, advice, who took a
step, non-public items, draft meetings and proposals not (yet) on an agenda.

Rows are read with a server-side cursor (``iterator(chunk_size=BLOK)``); what a row needs
of other tables is prefetched per chunk, so the number of queries grows with the number
of chunks, not of rows, and memory stays that of one chunk.
"""

import csv
import datetime
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from contacten.vergaderingen import Agendapunt, Toezegging, Vergadering
from initiatieven import workflow
from initiatieven.models import Bijlage, Onderwerp, Statuswijziging
from meedenken.models import Keuzeoptie, Meedenkvraag
from wijken.models import Bewonersgroep, Buurt, Kerncijfers, Wijk, profiel_uit, wijkcode_validator

LICENTIE = "CC0-1.0"
LICENTIE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
#: Rows per chunk of the server-side cursor (and per prefetch of related rows).
BLOK = 2000
#: Labels in the files are in Dutch whatever the reader's language: a file is the same
#: for everyone (and may be cached as such); the codes beside them never change.
TAAL = "nl"
#: A CSV cell starting with one of these is read as a formula by spreadsheet programs;
#: such a cell gets a leading apostrophe (the OWASP rule for CSV injection).
FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
#: How a list is written in one CSV cell.
LIJST_SCHEIDER = ";"
FORMATEN = ("csv", "json")


class OngeldigeParameter(ValueError):
    """A query parameter the export cannot use; the message says what to send instead."""


#: Column type -> what the schema table says about it.
TYPEN: dict[str, Promise] = {
    "integer": _("whole number"),
    "string": _("text"),
    "boolean": _("true or false"),
    "date": _("date (YYYY-MM-DD)"),
    "datetime": _("date and time (ISO 8601, with the offset from UTC)"),
    "url": _("web address"),
    "integer_list": _("list of whole numbers (in CSV separated by ';')"),
    "string_list": _("list of texts (in CSV separated by ';')"),
    "url_list": _("list of web addresses (in CSV separated by ';')"),
}


@dataclass(frozen=True)
class Kolom:
    """One column of a dataset: in the file, and as a row of the schema table."""

    naam: str
    type: str
    betekenis: Promise
    waarde: Callable[[Any], Any]
    #: The Open Raadsinformatie / Popolo term it corresponds to, where one fits.
    term: str = ""

    def __post_init__(self):
        if self.type not in TYPEN:
            raise ValueError(f"Unknown column type {self.type!r}")

    @property
    def type_omschrijving(self) -> Promise:
        return TYPEN[self.type]


@dataclass(frozen=True)
class Filter:
    """A query parameter a dataset accepts: its name, its meaning, the lookup it sets."""

    naam: str
    betekenis: Promise
    lookup: str


@dataclass(frozen=True)
class Dataset:
    naam: str
    titel: Promise
    beschrijving: Promise
    kolommen: tuple[Kolom, ...]
    #: The public rows in a stable order (the key), related rows prefetched.
    rijen: Callable[[], QuerySet]
    term: str = ""
    filters: tuple[Filter, ...] = field(default=())
    #: Rows per chunk when not ``BLOK``: fewer for rows that bring many related rows.
    blok: int | None = None

    def bestandsnaam(self, formaat: str) -> str:
        return f"wijkportaal-{self.naam}.{formaat}"

    def url(self, formaat: str) -> str:
        return reverse("opendata:download", kwargs={"dataset": self.naam, "formaat": formaat})


# --- query parameters --------------------------------------------------------------------

#: The earliest and latest date ``sinds`` accepts: what the database's date fields allow
#: for this portal (the years of its other date checks), not any date Python can parse.
SINDS_MIN = datetime.date(1990, 1, 1)
SINDS_MAX = datetime.date(2100, 12, 31)
#: Longer values are refused before they are parsed.
PARAMETER_MAX = 40


def _wijk_filter(lookup: str) -> Filter:
    return Filter("wijk", _("a CBS ward code (e.g. WK036301): only this ward's rows"), lookup)


def _sinds_filter(lookup: str, betekenis: Promise) -> Filter:
    return Filter("sinds", betekenis, lookup)


def _waarde_wijk(tekst: str) -> str:
    wijkcode_validator(tekst)  # raises ValidationError, turned into a message below
    if not Wijk.objects.filter(code=tekst).exists():
        raise OngeldigeParameter(_("There is no ward with the code %(code)s.") % {"code": tekst})
    return tekst


def _waarde_sinds(tekst: str):
    try:
        dag = datetime.date.fromisoformat(tekst)
    except ValueError:
        raise OngeldigeParameter(
            _("The parameter 'sinds' takes a date as YYYY-MM-DD, e.g. 2026-01-31.")
        ) from None
    if not SINDS_MIN <= dag <= SINDS_MAX:
        raise OngeldigeParameter(
            _("The parameter 'sinds' takes a date from %(min)s to %(max)s.")
            % {"min": SINDS_MIN.isoformat(), "max": SINDS_MAX.isoformat()}
        )
    # Local midnight of that day: "since 31 January" as a resident of the ward means it.
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


_WAARDEN = {"wijk": _waarde_wijk, "sinds": _waarde_sinds}


def filters_uit(dataset: Dataset, parameters) -> dict[str, Any]:
    """The lookups for ``parameters`` (a QueryDict), or ``OngeldigeParameter`` with a
    message for the first one this dataset cannot use. Unknown parameters are refused
    rather than ignored: a mistyped filter would otherwise give the whole dataset."""
    toegestaan = {f.naam: f for f in dataset.filters}
    lookups = {}
    for naam in parameters:
        if naam not in toegestaan:
            namen = ", ".join(sorted(toegestaan)) or _("none")
            raise OngeldigeParameter(
                _("Unknown parameter. This dataset accepts: %(namen)s.") % {"namen": namen}
            )
        waarden = parameters.getlist(naam)
        if len(waarden) != 1:
            raise OngeldigeParameter(_("Give the parameter '%(naam)s' once.") % {"naam": naam})
        tekst = waarden[0]
        if not tekst:
            continue  # an empty field of a form: no filter
        if len(tekst) > PARAMETER_MAX or "\x00" in tekst or not tekst.isprintable():
            raise OngeldigeParameter(
                _("The parameter '%(naam)s' has a value that is too long or not printable.")
                % {"naam": naam}
            )
        try:
            lookups[toegestaan[naam].lookup] = _WAARDEN[naam](tekst)
        except ValidationError as fout:
            raise OngeldigeParameter(" ".join(fout.messages)) from None
    return lookups


# --- the datasets ------------------------------------------------------------------------


#: A number no row has, standing in for the real ones in a reversed path.
_PLEK = 987654321


@functools.cache
def _sjabloon(naam: str, *sleutels: str) -> str:
    return reverse(naam, kwargs={s: _PLEK + i for i, s in enumerate(sleutels)})


def _pad(naam: str, **kwargs) -> str:
    """The path of a URL name, like ``reverse``: the URLconf is resolved once per name and
    the numbers put in, since a reverse per row was a tenth of an export's time."""
    pad = _sjabloon(naam, *kwargs)
    for i, waarde in enumerate(kwargs.values()):
        pad = pad.replace(str(_PLEK + i), str(int(waarde)), 1)
    return pad


#: What the items export reads of an item and its relations. The text as typed
#: (``titel``, ``beschrijving``) is only shown where the advisor left the public one
#: empty, as on the item page (``toon_titel``).
ONDERWERP_VELDEN = (
    "id",
    "soort",
    "status",
    "titel",
    "beschrijving",
    "publieke_titel",
    "publieke_beschrijving",
    "publieke_locatie",
    "groep_id",
    "kansrijk",
    "rol_gemeente",
    "rol_toelichting",
    "resultaat",
    "herbezien_op",
    "herbezien_voorwaarde",
    "ingediend_op",
    "afgehandeld_op",
    "thema__naam",
    "wijk__code",
    "wijk__naam",
    "buurt__code",
    "buurt__naam",
)


def _onderwerpen() -> QuerySet:
    # The public list's own predicate (openbaar: published and not a draft); each item's
    # public agenda items and its attachments (by their public name) per chunk.
    return (
        Onderwerp.objects.openbaar()
        .met_voorstel_open()
        .select_related("wijk", "buurt", "thema")
        # The fields the columns read, and no others: internal text (advice, the reason
        # it is not public, the location as typed) is never even loaded, and a chunk of
        # rows holds a third of the memory.
        .only(*ONDERWERP_VELDEN)
        .prefetch_related(
            Prefetch(
                "agendapunten",
                queryset=Agendapunt.objects.openbaar().only("id").order_by("pk"),
                to_attr="openbare_agendapunten",
            ),
            # Into a list (to_attr): a related manager per row cost more than the query.
            Prefetch(
                "bijlagen",
                queryset=Bijlage.objects.only("id", "onderwerp_id").order_by("pk"),
                to_attr="openbare_bijlagen",
            ),
        )
        .order_by("pk")
    )


ONDERWERPEN = Dataset(
    naam="onderwerpen",
    titel=_("Initiatives and bottlenecks"),
    beschrijving=_(
        "Every published item raised from a ward: the public title and description, its "
        "status, the role the municipality takes, the result. Never who submitted it."
    ),
    rijen=_onderwerpen,
    filters=(
        _wijk_filter("wijk__code"),
        _sinds_filter("ingediend_op__gte", _("a date (YYYY-MM-DD): items submitted since")),
    ),
    kolommen=(
        Kolom("id", "integer", _("The item's number (as in its web address)."), lambda o: o.pk),
        Kolom(
            "url",
            "url",
            _("The item's public page."),
            lambda o: _pad("initiatieven:onderwerp", pk=o.pk),
        ),
        Kolom("soort", "string", _("initiatief or knelpunt (bottleneck)."), lambda o: o.soort),
        Kolom("status", "string", _("The workflow status (code)."), lambda o: o.status),
        Kolom(
            "status_label",
            "string",
            _("The status as the item page shows it."),
            lambda o: o.get_status_display(),
        ),
        Kolom("titel", "string", _("The public title."), lambda o: o.toon_titel, "name"),
        Kolom(
            "beschrijving",
            "string",
            _("The public description."),
            lambda o: o.toon_beschrijving,
            "description",
        ),
        Kolom("thema", "string", _("The theme."), lambda o: o.thema.naam),
        Kolom("wijk_code", "string", _("CBS code of the ward."), lambda o: o.wijk.code),
        Kolom("wijk_naam", "string", _("Name of the ward."), lambda o: o.wijk.naam),
        Kolom(
            "buurt_code",
            "string",
            _("CBS code of the neighbourhood, if one was given."),
            lambda o: o.buurt.code if o.buurt else None,
        ),
        Kolom(
            "buurt_naam",
            "string",
            _("Name of the neighbourhood, if one was given."),
            lambda o: o.buurt.naam if o.buurt else None,
        ),
        Kolom(
            "locatie",
            "string",
            _("The location as the ward advisor published it (never as typed)."),
            lambda o: o.publieke_locatie or None,
        ),
        Kolom(
            "groep_id",
            "integer",
            _("The group it was raised on behalf of (see the groups dataset)."),
            lambda o: o.groep_id,
        ),
        Kolom("kansrijk", "boolean", _("Marked as promising."), lambda o: o.kansrijk),
        Kolom(
            "rol_gemeente",
            "string",
            _("The role the municipality takes (code), empty while undecided."),
            lambda o: o.rol_gemeente or None,
        ),
        Kolom(
            "rol_gemeente_label",
            "string",
            _("That role in words."),
            lambda o: o.get_rol_gemeente_display() if o.rol_gemeente else None,
        ),
        Kolom(
            "rol_toelichting",
            "string",
            _("The explanation of the role (for not a municipal matter: whose it is)."),
            lambda o: o.rol_toelichting or None,
        ),
        Kolom(
            "resultaat", "string", _("The result, once completed."), lambda o: o.resultaat or None
        ),
        Kolom(
            "herbezien_op",
            "date",
            _("For 'not possible yet': when it is looked at again."),
            lambda o: o.herbezien_op,
        ),
        Kolom(
            "herbezien_voorwaarde",
            "string",
            _("For 'not possible yet': on what condition it is looked at again."),
            lambda o: o.herbezien_voorwaarde or None,
        ),
        Kolom("ingediend_op", "datetime", _("When it was submitted."), lambda o: o.ingediend_op),
        Kolom(
            "afgehandeld_op",
            "datetime",
            _("When it was completed or found not possible."),
            lambda o: o.afgehandeld_op,
        ),
        Kolom(
            "agendapunten",
            "integer_list",
            _("The public agenda items that carry it (see the agenda items dataset)."),
            lambda o: [p.pk for p in o.openbare_agendapunten],
        ),
        Kolom(
            "bijlagen",
            "url_list",
            _("Its attachments, by their public web address."),
            lambda o: [
                _pad("initiatieven:bijlage", pk=o.pk, bijlage=b.pk) for b in o.openbare_bijlagen
            ],
        ),
    ),
)


def _statuswijzigingen() -> QuerySet:
    # The public timeline's own predicate (no draft steps), of published items only; by
    # key, the order they were recorded in (the key index lets the file start at once).
    return (
        Statuswijziging.objects.publiek()
        .filter(onderwerp__in=Onderwerp.objects.openbaar().values("pk"))
        .only("id", "onderwerp_id", "van", "naar", "publieke_toelichting", "tijdstip")
        .order_by("pk")
    )


STATUSWIJZIGINGEN = Dataset(
    naam="statuswijzigingen",
    titel=_("Status history"),
    beschrijving=_(
        "Every public step of a published item, as its public timeline shows it: from "
        "which status to which, what it means, and the public explanation. Never who took "
        "it, never an internal note."
    ),
    rijen=_statuswijzigingen,
    filters=(
        _wijk_filter("onderwerp__wijk__code"),
        _sinds_filter("tijdstip__gte", _("a date (YYYY-MM-DD): steps taken since")),
    ),
    kolommen=(
        Kolom("id", "integer", _("The step's number."), lambda s: s.pk),
        Kolom(
            "onderwerp_id",
            "integer",
            _("The item (see the initiatives and bottlenecks dataset)."),
            lambda s: s.onderwerp_id,
        ),
        Kolom("tijdstip", "datetime", _("When the step was taken."), lambda s: s.tijdstip),
        Kolom(
            "van",
            "string",
            _("The status before (code); empty for the first."),
            lambda s: s.van or None,
        ),
        Kolom("naar", "string", _("The status after (code)."), lambda s: s.naar),
        Kolom(
            "omschrijving",
            "string",
            _("What the step means, as the public timeline says it."),
            lambda s: str(workflow.publieke_omschrijving(s.van, s.naar)),
        ),
        Kolom(
            "toelichting",
            "string",
            _("The public explanation given with the step."),
            lambda s: s.publieke_toelichting or None,
        ),
    ),
)


#: The key figures of a ward or neighbourhood: name, meaning, profile key.
_KERNCIJFERS = (
    ("kerncijfers_jaar", "integer", _("The year of the CBS key figures below."), "jaar"),
    ("aantal_inwoners", "integer", _("Inhabitants (CBS)."), "aantal_inwoners"),
    ("aantal_huishoudens", "integer", _("Households (CBS)."), "aantal_huishoudens"),
) + tuple(
    (veld, "integer", label, veld)
    for veld, label in (
        ("p_00_14", _("Share of inhabitants aged 0 to 14, in percent (CBS).")),
        ("p_15_24", _("Share of inhabitants aged 15 to 24, in percent (CBS).")),
        ("p_25_44", _("Share of inhabitants aged 25 to 44, in percent (CBS).")),
        ("p_45_64", _("Share of inhabitants aged 45 to 64, in percent (CBS).")),
        ("p_65_eo", _("Share of inhabitants aged 65 and over, in percent (CBS).")),
    )
)


def _kerncijfer_kolommen(profiel: Callable[[Any], dict | None]) -> tuple[Kolom, ...]:
    def waarde(sleutel):
        return lambda obj: (profiel(obj) or {}).get(sleutel)

    return tuple(
        Kolom(naam, typ, betekenis, waarde(sleutel))
        for naam, typ, betekenis, sleutel in _KERNCIJFERS
    )


def _wijkprofiel(wijk) -> dict | None:
    # Every year of every neighbourhood is prefetched with the chunk; the profile is the
    # ward page's own (wijken.models.profiel_uit), flattened.
    if not hasattr(wijk, "_profiel"):
        rijen = [k for buurt in wijk.buurten.all() for k in buurt.kerncijfers.all()]
        profiel = profiel_uit(rijen)
        if profiel is not None:
            for leeftijd in profiel.pop("leeftijden"):
                profiel[leeftijd["veld"]] = leeftijd["procent"]
        wijk._profiel = profiel
    return wijk._profiel


def _buurtprofiel(buurt) -> dict | None:
    # The latest year of the neighbourhood's own figures (prefetched, newest first).
    jaren = buurt.kerncijfers.all()
    if not jaren:
        return None
    laatste = jaren[0]
    return {"jaar": laatste.jaar} | {
        veld: getattr(laatste, veld) for _n, _t, _b, veld in _KERNCIJFERS[1:]
    }


WIJKEN = Dataset(
    naam="wijken",
    titel=_("Wards"),
    beschrijving=_(
        "Every ward of the portal with its CBS codes and the CBS key figures of its "
        "neighbourhoods in the latest year (shares weighted by inhabitants), as its ward "
        "page shows them. Wards no longer in use after a CBS re-division are included, "
        "with the year."
    ),
    rijen=lambda: Wijk.objects.prefetch_related(
        Prefetch("buurten__kerncijfers", queryset=Kerncijfers.objects.order_by("-jaar"))
    ).order_by("pk"),
    filters=(_wijk_filter("code"),),
    kolommen=(
        Kolom("code", "string", _("CBS ward code (WKxxxxyy)."), lambda w: w.code, "identifier"),
        Kolom("naam", "string", _("Name."), lambda w: w.naam, "name"),
        Kolom(
            "gemeentecode", "string", _("CBS municipality code (GMxxxx)."), lambda w: w.gemeentecode
        ),
        Kolom("gemeentenaam", "string", _("Municipality."), lambda w: w.gemeentenaam),
        Kolom("beschrijving", "string", _("Description."), lambda w: w.beschrijving or None),
        Kolom(
            "vervallen_per",
            "integer",
            _("The year of the CBS division from which it is no longer in use; empty if in use."),
            lambda w: w.vervallen_per,
        ),
        Kolom("url", "url", _("The ward's public page."), lambda w: w.get_absolute_url()),
        *_kerncijfer_kolommen(_wijkprofiel),
    ),
)


BUURTEN = Dataset(
    naam="buurten",
    titel=_("Neighbourhoods"),
    beschrijving=_(
        "Every neighbourhood with its CBS code, the portal's ward it belongs to (which may "
        "differ from CBS's), and its CBS key figures of the latest year."
    ),
    rijen=lambda: (
        Buurt.objects.select_related("wijk")
        .prefetch_related(Prefetch("kerncijfers", queryset=Kerncijfers.objects.order_by("-jaar")))
        .order_by("pk")
    ),
    filters=(_wijk_filter("wijk__code"),),
    kolommen=(
        Kolom(
            "code",
            "string",
            _("CBS neighbourhood code (BUxxxxyyzz)."),
            lambda b: b.code,
            "identifier",
        ),
        Kolom("naam", "string", _("Name."), lambda b: b.naam, "name"),
        Kolom("wijk_code", "string", _("The portal's ward (CBS code)."), lambda b: b.wijk.code),
        Kolom("cbs_wijkcode", "string", _("The ward CBS puts it in."), lambda b: b.cbs_wijkcode),
        Kolom(
            "vervallen_per",
            "integer",
            _("The year of the CBS division from which it is no longer in use; empty if in use."),
            lambda b: b.vervallen_per,
        ),
        *_kerncijfer_kolommen(_buurtprofiel),
    ),
)


GROEPEN = Dataset(
    naam="groepen",
    titel=_("Residents' groups"),
    beschrijving=_(
        "Ward councils, associations and other groups of a ward, with what their public "
        "page shows: never their contact persons or board members."
    ),
    rijen=lambda: (
        Bewonersgroep.objects.met_aantal_vacatures()
        .select_related("wijk")
        .prefetch_related(
            Prefetch("buurten", queryset=Buurt.objects.only("id", "code").order_by("code"))
        )
        .order_by("pk")
    ),
    term="Organization",
    filters=(_wijk_filter("wijk__code"),),
    kolommen=(
        Kolom(
            "id", "integer", _("The group's number (as in its web address)."), lambda g: g.pk, "id"
        ),
        Kolom("naam", "string", _("Name."), lambda g: g.naam, "name"),
        Kolom("soort", "string", _("Kind (code)."), lambda g: g.soort, "classification"),
        Kolom("soort_label", "string", _("Kind in words."), lambda g: g.get_soort_display()),
        Kolom("wijk_code", "string", _("The ward (CBS code)."), lambda g: g.wijk.code),
        Kolom(
            "buurten",
            "string_list",
            _("The neighbourhoods it serves (CBS codes); empty: the whole ward."),
            lambda g: [b.code for b in g.buurten.all()],
        ),
        Kolom("beschrijving", "string", _("Description."), lambda g: g.beschrijving or None),
        Kolom("website", "url", _("Website."), lambda g: g.website or None, "links"),
        Kolom(
            "email",
            "string",
            _("The organisation's shared email address, as its page shows it."),
            lambda g: g.email or None,
            "contact_details",
        ),
        Kolom(
            "wijkraad_status",
            "string",
            _("For a ward council: actief, onvolledig (incomplete board) or gestopt."),
            lambda g: g.wijkraad_status or None,
        ),
        Kolom("aantal_vacatures", "integer", _("Open board seats."), lambda g: g.aantal_vacatures),
        Kolom("url", "url", _("The group's public page."), lambda g: _pad("wijken:groep", pk=g.pk)),
    ),
)


VERGADERINGEN = Dataset(
    naam="vergaderingen",
    titel=_("Meetings"),
    beschrijving=_(
        "Published meetings of the college, the council and its committees (never a draft)."
    ),
    rijen=lambda: Vergadering.objects.gepubliceerd().order_by("pk"),
    term="Event (Popolo; Open Raadsinformatie: Meeting)",
    filters=(_sinds_filter("begin__gte", _("a date (YYYY-MM-DD): meetings from that day on")),),
    kolommen=(
        Kolom(
            "id",
            "integer",
            _("The meeting's number (as in its web address)."),
            lambda v: v.pk,
            "id",
        ),
        Kolom(
            "orgaan",
            "string",
            _("college, gemeenteraad or raadscommissie."),
            lambda v: v.orgaan,
            "organization_id",
        ),
        Kolom(
            "orgaan_label",
            "string",
            _("The body in words."),
            lambda v: v.get_orgaan_display(),
            "name",
        ),
        Kolom("begin", "datetime", _("Date and time it begins."), lambda v: v.begin, "start_date"),
        Kolom("locatie", "string", _("Where it is held."), lambda v: v.locatie, "location"),
        Kolom(
            "status",
            "string",
            _("gepubliceerd (published) or afgelopen (held)."),
            lambda v: v.status,
            "status",
        ),
        Kolom(
            "url",
            "url",
            _("The meeting's public page."),
            lambda v: _pad("contacten:vergadering", pk=v.pk),
            "url",
        ),
    ),
)


def _agendapunten() -> QuerySet:
    # The public agenda's own predicate: accepted items of published meetings, with their
    # decision; only published ward items are named.
    return (
        Agendapunt.objects.openbaar()
        .select_related("vergadering", "besluit")
        .prefetch_related(
            Prefetch(
                "onderwerpen",
                queryset=Onderwerp.objects.openbaar().only("id").order_by("pk"),
                to_attr="openbare_onderwerpen",
            )
        )
        .order_by("pk")
    )


def _besluit(punt):
    return getattr(punt, "besluit", None)


AGENDAPUNTEN = Dataset(
    naam="agendapunten",
    titel=_("Agenda items and decisions"),
    beschrijving=_(
        "Items on the agendas of published meetings, the ward items they carry, and the "
        "decision taken on each (the result and its explanation)."
    ),
    rijen=_agendapunten,
    # An agenda item bundles up to a dozen items (some 18 links each at seed_load scale):
    # a chunk of 2,000 brought 36,000 of them, and the first rows took over a second.
    blok=500,
    term="Event with a parent (Popolo; Open Raadsinformatie: AgendaItem), decision as Motion",
    filters=(
        _sinds_filter(
            "vergadering__begin__gte", _("a date (YYYY-MM-DD): of meetings from that day on")
        ),
    ),
    kolommen=(
        Kolom("id", "integer", _("The agenda item's number."), lambda p: p.pk, "id"),
        Kolom(
            "vergadering_id",
            "integer",
            _("The meeting (see the meetings dataset)."),
            lambda p: p.vergadering_id,
            "parent_id",
        ),
        Kolom(
            "volgorde", "integer", _("Its place on the agenda."), lambda p: p.volgorde, "position"
        ),
        Kolom("titel", "string", _("Title."), lambda p: p.titel, "name"),
        Kolom(
            "toelichting",
            "string",
            _("The public explanation."),
            lambda p: p.toelichting,
            "description",
        ),
        Kolom(
            "hamerstuk",
            "boolean",
            _("Adopted without discussion (hamerstuk)."),
            lambda p: p.hamerstuk,
        ),
        Kolom(
            "herkomst_id",
            "integer",
            _("The college agenda item it was referred from, for a council item."),
            lambda p: p.herkomst_id,
        ),
        Kolom(
            "onderwerpen",
            "integer_list",
            _("The published ward items it carries (see the initiatives dataset)."),
            lambda p: [o.pk for o in p.openbare_onderwerpen],
        ),
        Kolom(
            "besluit_resultaat",
            "string",
            _(
                "The decision (code): aangenomen, afgewezen, aangehouden, doorverwezen_raad, "
                "terug_naar_wijk; empty before one was taken."
            ),
            lambda p: _besluit(p).resultaat if _besluit(p) else None,
            "Motion.result",
        ),
        Kolom(
            "besluit_toelichting",
            "string",
            _("The explanation of the decision."),
            lambda p: _besluit(p).toelichting if _besluit(p) else None,
            "Motion.text",
        ),
        Kolom(
            "besluit_op",
            "datetime",
            _("When the decision was recorded."),
            lambda p: _besluit(p).vastgelegd_op if _besluit(p) else None,
            "Motion.date",
        ),
    ),
)


TOEZEGGINGEN = Dataset(
    naam="toezeggingen",
    titel=_("Commitments"),
    beschrijving=_(
        "What was promised with a decision, to which ward, by whom and by when, and whether "
        "it was kept."
    ),
    rijen=lambda: (
        Toezegging.objects.openbaar()
        .filter(besluit__agendapunt__in=Agendapunt.objects.openbaar().values("pk"))
        .order_by("pk")
    ),
    filters=(
        _wijk_filter("wijk__code"),
        _sinds_filter("datum__gte", _("a date (YYYY-MM-DD): due on or after that day")),
    ),
    kolommen=(
        Kolom("id", "integer", _("The commitment's number."), lambda t: t.pk),
        Kolom(
            "agendapunt_id",
            "integer",
            _("The agenda item whose decision made it (see the agenda items dataset)."),
            lambda t: t.besluit.agendapunt_id,
        ),
        Kolom("wijk_code", "string", _("The ward (CBS code)."), lambda t: t.wijk.code),
        Kolom(
            "omschrijving",
            "string",
            _("What was promised."),
            lambda t: t.omschrijving,
            "description",
        ),
        Kolom(
            "verantwoordelijke", "string", _("Who is responsible."), lambda t: t.verantwoordelijke
        ),
        Kolom("datum", "date", _("By when."), lambda t: t.datum),
        Kolom(
            "status",
            "string",
            _("open, nagekomen (kept) or niet_nagekomen (not kept)."),
            lambda t: t.status,
        ),
    ),
)


def _meedenkvragen() -> QuerySet:
    # The public list's own reads: published questions (never a draft) with their state
    # now (``met_staat``) and their number of responses; per chunk the wards and
    # neighbourhoods (codes), the options with their counts, and of the items and the
    # agenda item they link to only the public ones. No respondent is ever read.
    return (
        Meedenkvraag.objects.gepubliceerd()
        .met_staat()
        .annotate(aantal_inbreng=Count("inbreng", distinct=True))
        .select_related("thema", "terugkoppeling")
        .prefetch_related(
            Prefetch("wijken", queryset=Wijk.objects.only("id", "code").order_by("code")),
            Prefetch("buurten", queryset=Buurt.objects.only("id", "code").order_by("code")),
            Prefetch(
                "opties",
                queryset=Keuzeoptie.objects.annotate(aantal=Count("inbreng")).order_by(
                    "volgorde", "pk"
                ),
                to_attr="opties_met_aantal",
            ),
            Prefetch(
                "aanleiding",
                queryset=Onderwerp.objects.openbaar().only("id").order_by("pk"),
                to_attr="openbare_aanleiding",
            ),
            Prefetch(
                "terugkoppeling__onderwerpen",
                queryset=Onderwerp.objects.openbaar().only("id").order_by("pk"),
                to_attr="openbare_onderwerpen",
            ),
            # A forward key with a filtered queryset: None when the agenda item is not
            # public (a proposal, a draft meeting).
            Prefetch(
                "terugkoppeling__agendapunt",
                queryset=Agendapunt.objects.openbaar().only("id", "vergadering_id"),
            ),
        )
        .order_by("pk")
    )


def _terugkoppeling(vraag):
    """The question's feedback once published, else None: a draft is never exported."""
    terugkoppeling = getattr(vraag, "terugkoppeling", None)
    if terugkoppeling is None or terugkoppeling.gepubliceerd_op is None:
        return None
    return terugkoppeling


def _uit_terugkoppeling(lees: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def waarde(vraag):
        terugkoppeling = _terugkoppeling(vraag)
        return lees(terugkoppeling) if terugkoppeling is not None else None

    return waarde


def _agendapunt(vraag):
    terugkoppeling = _terugkoppeling(vraag)
    return terugkoppeling.agendapunt if terugkoppeling is not None else None


MEEDENKVRAGEN = Dataset(
    naam="meedenkvragen",
    titel=_("Questions to the wards"),
    beschrijving=_(
        "Every published question the municipality put to the wards: what it asked, of "
        "which wards, when, how many responded, the counts of the choices once the results "
        "are public, and what the municipality did with the input once it published its "
        "feedback. Never who responded, never a response itself."
    ),
    rijen=_meedenkvragen,
    filters=(_sinds_filter("open_vanaf__gte", _("a date (YYYY-MM-DD): open from that day on")),),
    kolommen=(
        Kolom("id", "integer", _("The question's number (as in its web address)."), lambda v: v.pk),
        Kolom(
            "url",
            "url",
            _("The question's public page."),
            lambda v: _pad("meedenken:vraag", pk=v.pk),
        ),
        Kolom("titel", "string", _("Title."), lambda v: v.titel, "name"),
        Kolom("vraag", "string", _("The question."), lambda v: v.vraag, "description"),
        Kolom(
            "achtergrond",
            "string",
            _("Background: what the municipality knows, what is and is not open."),
            lambda v: v.achtergrond,
        ),
        Kolom(
            "alle_wijken",
            "boolean",
            _("Asked of every ward (the wards column is then empty)."),
            lambda v: v.alle_wijken,
        ),
        Kolom(
            "wijken",
            "string_list",
            _("The wards asked (CBS codes)."),
            lambda v: [w.code for w in v.wijken.all()],
        ),
        Kolom(
            "buurten",
            "string_list",
            _("The neighbourhoods it concerns (CBS codes); empty: the whole ward."),
            lambda v: [b.code for b in v.buurten.all()],
        ),
        Kolom("thema", "string", _("The theme."), lambda v: v.thema.naam),
        Kolom(
            "beleidsonderwerp",
            "string",
            _("The policy or project it belongs to."),
            lambda v: v.beleidsonderwerp or None,
        ),
        Kolom("open_vanaf", "datetime", _("Open for input from."), lambda v: v.open_vanaf),
        Kolom("sluit_op", "datetime", _("Closes for input at."), lambda v: v.sluit_op),
        Kolom(
            "terugkoppeling_voor",
            "date",
            _("The date by which the municipality promised its feedback."),
            lambda v: v.terugkoppeling_voor,
        ),
        Kolom(
            "staat",
            "string",
            _(
                "Where it stands at the time of the file: aangekondigd (announced), open, "
                "gesloten (closed), teruggekoppeld (feedback given) or te_laat (feedback "
                "overdue)."
            ),
            lambda v: v.staat,
            "status",
        ),
        Kolom(
            "aantal_reacties",
            "integer",
            _("The number of responses, as the public list shows it."),
            lambda v: v.aantal_inbreng,
        ),
        Kolom(
            "keuzeopties",
            "string_list",
            _("The options to choose from, in their order."),
            lambda v: [o.tekst for o in v.opties_met_aantal],
        ),
        Kolom(
            "keuzeopties_aantallen",
            "integer_list",
            _(
                "How many chose each option, in the same order; empty while the results "
                "are not public (before closing, unless the question shows them while open)."
            ),
            lambda v: [o.aantal for o in v.opties_met_aantal] if v.toont_uitslag() else None,
        ),
        Kolom(
            "aanleiding",
            "integer_list",
            _("The published items that led to the question (see the initiatives dataset)."),
            lambda v: [o.pk for o in v.openbare_aanleiding],
        ),
        Kolom(
            "terugkoppeling_samenvatting",
            "string",
            _("Feedback: a summary of what was said; empty until published."),
            _uit_terugkoppeling(lambda t: t.samenvatting),
        ),
        Kolom(
            "terugkoppeling_besluit",
            "string",
            _("Feedback: what the municipality decided or will do."),
            _uit_terugkoppeling(lambda t: t.besluit),
        ),
        Kolom(
            "terugkoppeling_waarom",
            "string",
            _("Feedback: why."),
            _uit_terugkoppeling(lambda t: t.waarom),
        ),
        Kolom(
            "terugkoppeling_gepubliceerd_op",
            "datetime",
            _("When the feedback was published."),
            _uit_terugkoppeling(lambda t: t.gepubliceerd_op),
        ),
        Kolom(
            "terugkoppeling_onderwerpen",
            "integer_list",
            _("Feedback: the published items that came out of it."),
            _uit_terugkoppeling(lambda t: [o.pk for o in t.openbare_onderwerpen]),
        ),
        Kolom(
            "terugkoppeling_agendapunt_id",
            "integer",
            _(
                "Feedback: the public agenda item (and its decision) it names (see the "
                "agenda items dataset)."
            ),
            lambda v: _agendapunt(v).pk if _agendapunt(v) else None,
        ),
        Kolom(
            "terugkoppeling_agendapunt_url",
            "url",
            _("That agenda item on its meeting's public page."),
            lambda v: (
                _pad("contacten:vergadering", pk=_agendapunt(v).vergadering_id)
                + f"#punt-{_agendapunt(v).pk}"
                if _agendapunt(v)
                else None
            ),
        ),
    ),
)


#: Every dataset, in the order of the "Open data" page.
DATASETS: dict[str, Dataset] = {
    d.naam: d
    for d in (
        ONDERWERPEN,
        STATUSWIJZIGINGEN,
        WIJKEN,
        BUURTEN,
        GROEPEN,
        VERGADERINGEN,
        AGENDAPUNTEN,
        TOEZEGGINGEN,
        MEEDENKVRAGEN,
    )
}


# --- writing the files -------------------------------------------------------------------


def rijen(dataset: Dataset, lookups: dict, basis: str) -> Iterator[list]:
    """The dataset's rows as lists of values in column order (Python values: numbers,
    text, dates, lists), web addresses absolute on ``basis``.

    Inside a transaction: outside one (autocommit), Django declares the server-side
    cursor WITH HOLD, and PostgreSQL then computes the whole result before the first row
    (5 s for the items at seed_load scale). In a transaction the cursor hands out rows as
    it finds them. It only reads; a client that goes away ends it (GeneratorExit)."""
    queryset = dataset.rijen().filter(**lookups)
    with transaction.atomic(), translation.override(TAAL):
        if connection.vendor == "postgresql":
            # The planner costs a whole export high enough to compile it first (JIT):
            # almost a second before the first row, for a plan that only walks an index.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        for obj in queryset.iterator(chunk_size=dataset.blok or BLOK):
            yield [_waarde(k, obj, basis) for k in dataset.kolommen]


def _waarde(kolom: Kolom, obj, basis: str):
    waarde = kolom.waarde(obj)
    if waarde is None:
        return None
    if kolom.type == "url":
        return waarde if waarde.startswith(("http://", "https://")) else basis + waarde
    if kolom.type == "url_list":
        return [basis + pad for pad in waarde]
    if isinstance(waarde, Promise):
        return str(waarde)
    return waarde


def _tekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).isoformat(timespec="seconds")
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    if isinstance(waarde, list):
        return LIJST_SCHEIDER.join(_tekst(w) for w in waarde)
    return str(waarde)


def cel(waarde) -> str:
    """One CSV cell: the value as text, a formula neutralised with a leading apostrophe."""
    tekst = _tekst(waarde)
    if tekst.startswith(FORMULE_TEKENS):
        return "'" + tekst
    return tekst


class _Regel:
    """A file-like object for csv.writer that hands back what it was given."""

    def write(self, tekst: str) -> str:
        return tekst


#: About this many bytes go out per chunk of the response: a row per write would mean
#: thousands of tiny writes to the socket.
STUK = 64 * 1024


def _in_stukken(kop: str, delen: Iterable[str]) -> Iterator[bytes]:
    """The head of the file at once (the client knows the download has begun), then the
    rows in pieces of about ``STUK`` bytes."""
    yield kop.encode()
    buffer, grootte = [], 0
    for deel in delen:
        buffer.append(deel)
        grootte += len(deel)
        if grootte >= STUK:
            yield "".join(buffer).encode()
            buffer, grootte = [], 0
    if buffer:
        yield "".join(buffer).encode()


def csv_stroom(dataset: Dataset, lookups: dict, basis: str) -> Iterator[bytes]:
    """The dataset as CSV (UTF-8, comma, a header row). The last column, ``licentie``,
    carries the licence on every row: the file stays a plain table that any CSV reader
    takes, and a row copied elsewhere keeps its licence."""
    schrijver = csv.writer(_Regel(), lineterminator="\r\n")

    def regels():
        for rij in rijen(dataset, lookups, basis):
            yield schrijver.writerow([cel(w) for w in rij] + [LICENTIE_URL])

    kop = schrijver.writerow([k.naam for k in dataset.kolommen] + ["licentie"])
    return _in_stukken(kop, regels())


def _json_waarde(waarde):
    if isinstance(waarde, datetime.datetime):
        return timezone.localtime(waarde).isoformat(timespec="seconds")
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    return waarde


def metadata(dataset: Dataset, basis: str) -> dict:
    """What the JSON file says about itself before its rows."""
    with translation.override(TAAL):
        return {
            "dataset": dataset.naam,
            "titel": str(dataset.titel),
            "beschrijving": str(dataset.beschrijving),
            "licentie": LICENTIE,
            "licentie_url": LICENTIE_URL,
            "bron": basis + reverse("opendata:open_data"),
            "taal": TAAL,
            "gemaakt_op": timezone.localtime().isoformat(timespec="seconds"),
            "schema": [
                {"naam": k.naam, "type": k.type, "betekenis": str(k.betekenis), "term": k.term}
                for k in dataset.kolommen
            ],
        }


def json_stroom(dataset: Dataset, lookups: dict, basis: str) -> Iterator[bytes]:
    """The dataset as one JSON object: the metadata (licence, schema), then ``rijen``, a
    list of objects keyed by column name. Written row by row, never held whole."""
    namen = [k.naam for k in dataset.kolommen]

    def delen():
        eerste = True
        for rij in rijen(dataset, lookups, basis):
            object_ = dict(zip(namen, (_json_waarde(w) for w in rij), strict=True))
            yield ("\n" if eerste else ",\n") + json.dumps(object_, ensure_ascii=False)
            eerste = False
        yield "\n]}\n"

    kop = json.dumps(metadata(dataset, basis), ensure_ascii=False)
    return _in_stukken(kop[:-1] + ', "rijen": [', delen())


STROMEN = {"csv": csv_stroom, "json": json_stroom}
INHOUDSTYPEN = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}

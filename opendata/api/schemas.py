"""What the read API returns: an explicit list of public fields per resource.

Nothing is read from a model wholesale: each field here is one the public pages show.
The submitter is only ever ``indiener`` (``Onderwerp.publieke_indiener``: their display
name if they chose so, "anonymous" otherwise); no email address, telephone number or
address of anyone, no internal note, and the location only as screened
(``publieke_locatie``).
"""

import datetime

from django.urls import reverse
from ninja import Field, Schema

from meedenken.models import Staat

# --- wards -----------------------------------------------------------------------------------


class KerncijfersUit(Schema):
    """CBS key figures of a neighbourhood for one year (CBS "Kerncijfers wijken en
    buurten"); a figure CBS keeps secret or does not know is null."""

    jaar: int
    aantal_inwoners: int | None
    aantal_huishoudens: int | None
    p_00_14: int | None = Field(description="Percentage of inhabitants aged 0 to 14.")
    p_15_24: int | None
    p_25_44: int | None
    p_45_64: int | None
    p_65_eo: int | None = Field(description="Percentage of inhabitants aged 65 and over.")


class BuurtUit(Schema):
    code: str = Field(description="CBS neighbourhood code, e.g. BU03630001.")
    naam: str
    cbs_wijkcode: str = Field(description="The CBS ward this neighbourhood is in for CBS.")
    vervallen_per: int | None = Field(description="No longer in use from this CBS year.")
    kerncijfers: list[KerncijfersUit] = Field(description="Per year, the latest first.")

    @staticmethod
    def resolve_kerncijfers(buurt) -> list:
        return list(buurt.kerncijfers.all())


class WijkUit(Schema):
    code: str = Field(description="CBS ward code, e.g. WK036301.")
    naam: str
    gemeentecode: str = Field(description="CBS municipality code, e.g. GM0363.")
    gemeentenaam: str
    beschrijving: str
    vervallen_per: int | None = Field(description="No longer in use from this CBS year.")
    url: str = Field(description="The ward's public page.")
    buurten: list[BuurtUit]

    @staticmethod
    def resolve_url(wijk, context) -> str:
        return context["request"].build_absolute_uri(wijk.get_absolute_url())

    @staticmethod
    def resolve_buurten(wijk) -> list:
        return list(wijk.buurten.all())


# --- items -----------------------------------------------------------------------------------


class WijkVerwijzing(Schema):
    code: str
    naam: str


class BuurtVerwijzing(Schema):
    code: str
    naam: str


class ThemaUit(Schema):
    id: int
    naam: str


class OnderwerpSamenvatting(Schema):
    """A published item as a row of the public list shows it."""

    id: int
    soort: str = Field(description="initiatief or knelpunt.")
    status: str
    status_label: str
    titel: str = Field(description="The public (screened) title.")
    beschrijving: str = Field(description="The public (screened) description.")
    locatie: str = Field(description="The location as screened for publication; may be empty.")
    wijk: WijkVerwijzing
    buurt: BuurtVerwijzing | None
    thema: ThemaUit
    indiener: str = Field(
        description="The submitter's display name if they chose to appear by name, "
        "otherwise 'anonymous' (in the request's language)."
    )
    rol_gemeente: str = Field(description="The municipality's role; empty until it is set.")
    rol_gemeente_label: str
    ingediend_op: datetime.datetime | None
    afgehandeld_op: datetime.datetime | None
    url: str = Field(description="The item's public page.")

    @staticmethod
    def resolve_status_label(onderwerp) -> str:
        return onderwerp.get_status_display()

    @staticmethod
    def resolve_titel(onderwerp) -> str:
        return onderwerp.toon_titel

    @staticmethod
    def resolve_beschrijving(onderwerp) -> str:
        return onderwerp.toon_beschrijving

    @staticmethod
    def resolve_locatie(onderwerp) -> str:
        return onderwerp.publieke_locatie

    @staticmethod
    def resolve_indiener(onderwerp) -> str:
        return onderwerp.publieke_indiener

    @staticmethod
    def resolve_rol_gemeente_label(onderwerp) -> str:
        return onderwerp.get_rol_gemeente_display() if onderwerp.rol_gemeente else ""

    @staticmethod
    def resolve_url(onderwerp, context) -> str:
        return context["request"].build_absolute_uri(
            reverse("initiatieven:onderwerp", args=[onderwerp.pk])
        )


class TijdlijnRegel(Schema):
    """One line of the public timeline: a workflow step or a public answer."""

    tijdstip: datetime.datetime
    soort: str = Field(description="stap (a workflow step) or antwoord (a public answer).")
    kop: str
    tekst: str
    status: str = Field(description="For a step: the status it led to.")
    status_label: str


class ToezeggingUit(Schema):
    id: int
    omschrijving: str
    verantwoordelijke: str = Field(description="The responsible body or department.")
    datum: datetime.date
    status: str
    wijk: WijkVerwijzing


class BesluitKort(Schema):
    id: int
    resultaat: str
    resultaat_label: str
    toelichting: str
    vastgelegd_op: datetime.datetime
    toezeggingen: list[ToezeggingUit]

    @staticmethod
    def resolve_resultaat_label(besluit) -> str:
        return besluit.get_resultaat_display()

    @staticmethod
    def resolve_toezeggingen(besluit) -> list:
        return list(besluit.toezeggingen.all())


class VergaderingKort(Schema):
    id: int
    orgaan: str
    begin: datetime.datetime


class AgendaVanOnderwerp(Schema):
    """An agenda item that carries this item, with its meeting and decision."""

    id: int
    titel: str
    vergadering: VergaderingKort
    besluit: BesluitKort | None

    @staticmethod
    def resolve_besluit(punt):
        return getattr(punt, "besluit", None)


class OnderwerpUit(OnderwerpSamenvatting):
    """A published item as its public page shows it."""

    kansrijk: bool
    groep: str | None = Field(description="The group it was submitted on behalf of.")
    rol_toelichting: str
    resultaat: str
    herbezien_op: datetime.date | None
    herbezien_voorwaarde: str
    tijdlijn: list[TijdlijnRegel]
    agenda: list[AgendaVanOnderwerp]

    @staticmethod
    def resolve_groep(onderwerp) -> str | None:
        return onderwerp.groep.naam if onderwerp.groep_id else None


# --- meetings and decisions ------------------------------------------------------------------


class OnderwerpVerwijzing(Schema):
    id: int
    titel: str
    wijk: WijkVerwijzing

    @staticmethod
    def resolve_titel(onderwerp) -> str:
        return onderwerp.toon_titel


class AgendapuntUit(Schema):
    id: int
    volgorde: int
    titel: str
    toelichting: str
    hamerstuk: bool
    onderwerpen: list[OnderwerpVerwijzing]
    besluit: BesluitKort | None

    @staticmethod
    def resolve_onderwerpen(punt) -> list:
        return punt.openbare_onderwerpen

    @staticmethod
    def resolve_besluit(punt):
        return getattr(punt, "besluit", None)


class VergaderingUit(Schema):
    id: int
    orgaan: str = Field(description="college, gemeenteraad or raadscommissie.")
    orgaan_label: str
    begin: datetime.datetime
    locatie: str
    status: str = Field(description="gepubliceerd or afgelopen.")
    url: str
    agendapunten: list[AgendapuntUit]

    @staticmethod
    def resolve_orgaan_label(vergadering) -> str:
        return vergadering.get_orgaan_display()

    @staticmethod
    def resolve_url(vergadering, context) -> str:
        return context["request"].build_absolute_uri(vergadering.get_absolute_url())

    @staticmethod
    def resolve_agendapunten(vergadering) -> list:
        return list(vergadering.agendapunten.all())


class BesluitUit(BesluitKort):
    agendapunt: "AgendapuntVerwijzing"
    vergadering: VergaderingKort
    onderwerpen: list[OnderwerpVerwijzing]

    @staticmethod
    def resolve_agendapunt(besluit):
        return besluit.agendapunt

    @staticmethod
    def resolve_vergadering(besluit):
        return besluit.agendapunt.vergadering

    @staticmethod
    def resolve_onderwerpen(besluit) -> list:
        return besluit.agendapunt.openbare_onderwerpen


class AgendapuntVerwijzing(Schema):
    id: int
    titel: str


BesluitUit.model_rebuild()


# --- questions to the wards ------------------------------------------------------------------


class KeuzeoptieUit(Schema):
    tekst: str
    aantal: int | None = Field(
        description="How many chose it; null while the results are not public (before "
        "closing, unless the question shows them while open)."
    )

    @staticmethod
    def resolve_aantal(optie) -> int | None:
        return optie.aantal if optie.vraag_toont_uitslag else None


class TerugkoppelingUit(Schema):
    """What the municipality did with the input, once published."""

    samenvatting: str = Field(description="What was said.")
    besluit: str = Field(description="What the municipality decided or will do.")
    waarom: str
    gepubliceerd_op: datetime.datetime
    agendapunt: AgendaVanOnderwerp | None = Field(
        description="The public agenda item (and its decision) the feedback names."
    )
    onderwerpen: list[OnderwerpVerwijzing] = Field(
        description="The published items that came out of it."
    )

    @staticmethod
    def resolve_onderwerpen(terugkoppeling) -> list:
        return terugkoppeling.openbare_onderwerpen


class MeedenkvraagSamenvatting(Schema):
    """A published question to the wards as the public list shows it."""

    id: int
    titel: str
    vraag: str
    staat: str = Field(
        description="aangekondigd, open, gesloten, teruggekoppeld or te_laat, at the moment "
        "of the request."
    )
    staat_label: str
    thema: ThemaUit
    alle_wijken: bool = Field(description="Asked of every ward (wijken is then empty).")
    wijken: list[WijkVerwijzing]
    buurten: list[BuurtVerwijzing] = Field(description="Empty: the whole ward.")
    open_vanaf: datetime.datetime
    sluit_op: datetime.datetime
    terugkoppeling_voor: datetime.date = Field(description="Feedback promised by.")
    aantal_reacties: int = Field(description="Responses, as the public list counts them.")
    teruggekoppeld_op: datetime.datetime | None = Field(
        description="When the feedback was published; null until then."
    )
    url: str = Field(description="The question's public page.")

    @staticmethod
    def resolve_staat_label(vraag) -> str:
        return str(Staat(vraag.staat).label)

    @staticmethod
    def resolve_wijken(vraag) -> list:
        return list(vraag.wijken.all())

    @staticmethod
    def resolve_buurten(vraag) -> list:
        return list(vraag.buurten.all())

    @staticmethod
    def resolve_aantal_reacties(vraag) -> int:
        return vraag.aantal_inbreng

    @staticmethod
    def resolve_teruggekoppeld_op(vraag) -> datetime.datetime | None:
        terugkoppeling = openbare_terugkoppeling(vraag)
        return terugkoppeling.gepubliceerd_op if terugkoppeling else None

    @staticmethod
    def resolve_url(vraag, context) -> str:
        return context["request"].build_absolute_uri(vraag.get_absolute_url())


def openbare_terugkoppeling(vraag):
    """The question's feedback once published, else None: draft feedback is never shown."""
    terugkoppeling = getattr(vraag, "terugkoppeling", None)
    if terugkoppeling is None or terugkoppeling.gepubliceerd_op is None:
        return None
    return terugkoppeling


class MeedenkvraagUit(MeedenkvraagSamenvatting):
    """A published question as its public page shows it. Never a response or respondent."""

    achtergrond: str
    beleidsonderwerp: str
    uitslag_openbaar: bool = Field(description="Whether the counts of the options are public.")
    keuzeopties: list[KeuzeoptieUit]
    aanleiding: list[OnderwerpVerwijzing] = Field(
        description="The published items that led to the question."
    )
    terugkoppeling: TerugkoppelingUit | None

    @staticmethod
    def resolve_uitslag_openbaar(vraag) -> bool:
        return vraag.toont_uitslag()

    @staticmethod
    def resolve_keuzeopties(vraag) -> list:
        toont = vraag.toont_uitslag()
        for optie in vraag.opties_met_aantal:
            optie.vraag_toont_uitslag = toont
        return vraag.opties_met_aantal

    @staticmethod
    def resolve_aanleiding(vraag) -> list:
        return vraag.openbare_aanleiding

    @staticmethod
    def resolve_terugkoppeling(vraag):
        return openbare_terugkoppeling(vraag)

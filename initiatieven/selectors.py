"""Reads of items for more than one page: the list filters and the timeline.

Used by the public pages, the work queue, the resident's own pages and the open data
layer (exports, Atom feeds, the read API), so that each shows the same items and the
same timeline.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from initiatieven import workflow
from initiatieven.keuzes import Status
from initiatieven.models import Bericht, Onderwerp, Statuswijziging


def filteren(queryset, waarden: dict):
    """Apply the valid values of a filter form (ward, kind, theme, status)."""
    if "wijk" in waarden:
        queryset = queryset.filter(wijk=waarden["wijk"])
    if "soort" in waarden:
        queryset = queryset.filter(soort=waarden["soort"])
    if "thema" in waarden:
        queryset = queryset.filter(thema=waarden["thema"])
    if "status" in waarden:
        queryset = queryset.filter(status=waarden["status"])
    return queryset


@dataclass
class Regel:
    """One line of a timeline: a workflow step or a message."""

    tijdstip: datetime
    soort: str  # "stap", "antwoord" or "notitie"
    kop: str
    tekst: str = ""
    status: str = ""
    status_label: str = ""
    interne_notitie: str = ""
    door: str = ""
    # The id of the page's section that already shows this line's text (a decision's
    # explanation, the result): the line points there instead of repeating it.
    zie: str = ""
    # The row it comes from ("stap-12", "bericht-5"): a stable name for the line, which
    # the item's Atom feed (opendata.feeds) uses as its entry's id.
    sleutel: str = ""


def tijdlijn(onderwerp: Onderwerp, *, intern: bool, noem_indiener: bool = False) -> list[Regel]:
    """The item's timeline, oldest first, from the prefetched ``stappen`` and ``berichten``.

    Public: each step's public line and explanation, and the public answers. Internal (the
    ward's officials): also the internal notes, and who did what; an anonymous submitter
    by name only with ``noem_indiener`` (the triage page, whose views are logged).
    """

    def _naam(gebruiker) -> str:
        return onderwerp.naam_van(gebruiker, noem_indiener=noem_indiener)

    regels = []
    for stap in onderwerp.stappen:
        if stap.naar == Status.CONCEPT:
            continue
        regels.append(
            Regel(
                tijdstip=stap.tijdstip,
                soort="stap",
                kop=str(workflow.publieke_omschrijving(stap.van, stap.naar)),
                tekst=stap.publieke_toelichting,
                status=stap.naar,
                status_label=stap.get_naar_display(),
                interne_notitie=stap.interne_notitie if intern else "",
                door=_naam(stap.door) if intern else "",
                sleutel=f"stap-{stap.pk}",
            )
        )
    for bericht in onderwerp.alle_berichten:
        if not (bericht.openbaar or intern):
            continue
        regels.append(
            Regel(
                tijdstip=bericht.tijdstip,
                soort="antwoord" if bericht.openbaar else "notitie",
                kop=_("Answer from the municipality") if bericht.openbaar else _("Internal note"),
                tekst=bericht.tekst,
                door=_naam(bericht.door) if intern else "",
                sleutel=f"bericht-{bericht.pk}",
            )
        )
    return sorted(regels, key=lambda r: r.tijdstip)


def met_tijdlijn(queryset):
    """Prefetch what the timeline needs: two queries, however long the history. Internal
    notes are fetched too; ``tijdlijn(intern=False)`` leaves them out."""
    return queryset.prefetch_related(
        Prefetch(
            "statuswijzigingen",
            queryset=Statuswijziging.objects.select_related("door").order_by("tijdstip", "pk"),
            to_attr="stappen",
        ),
        Prefetch(
            "berichten",
            queryset=Bericht.objects.select_related("door").order_by("tijdstip", "pk"),
            to_attr="alle_berichten",
        ),
    )

"""Up to the agenda: the alderman's proposal, the griffie's handling, the decision.

Keyword-only, atomic service functions. Every status change of an item goes through
``initiatieven.services.onderwerp_overgang`` (and so through the one transition table);
these functions add the meeting side (``contacten.vergaderingen``) in the same
transaction, and queue the emails on commit.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from contacten.models import (
    Agendapunt,
    AgendapuntStatus,
    Besluit,
    Orgaan,
    Resultaat,
    Toezegging,
    Vergadering,
    VergaderStatus,
)
from contacten.permissions import is_griffie
from initiatieven.keuzes import Status
from initiatieven.models import Onderwerp
from initiatieven.services import Geweigerd, Onvolledig, _adres, onderwerp_overgang
from initiatieven.workflow import NA_BESLUIT, OP_AGENDA_VAN
from wijken.notificaties import mail_na_commit


def _vergrendeld_punt(agendapunt: Agendapunt) -> Agendapunt:
    return (
        Agendapunt.objects.select_for_update(of=("self",))
        .select_related("vergadering")
        .get(pk=agendapunt.pk)
    )


def _komende_vergadering(vergadering: Vergadering, orgaan: str, veld: str) -> Vergadering:
    """The meeting, checked: of this body and still to come (locked against a change)."""
    if (
        vergadering is None
        or not Vergadering.objects.komend(orgaan).filter(pk=vergadering.pk).exists()
    ):
        raise Onvolledig({veld: _("Choose an upcoming meeting of the %s.") % Orgaan(orgaan).label})
    return vergadering


def _volgende_volgorde(vergadering: Vergadering) -> int:
    hoogste = vergadering.agendapunten.aggregate(m=Max("volgorde"))["m"]
    return 1 if hoogste is None else hoogste + 1


def _mail_ambtenaren(*, agendapunt, onderwerpen, wat, onderwerp, ook_wethouder=True):
    """Tell the wards' advisors (and aldermen) what happened with an agenda item; the
    submitters hear of it from the step itself (``onderwerp_overgang``). ``wat`` and
    ``onderwerp`` are functions giving the text, worded in each recipient's language."""
    ontvangers = []
    for item in onderwerpen:
        ontvangers += _adres(item.wijk.wijkadviseur)
        if ook_wethouder:
            ontvangers += _adres(item.wijk.wijkwethouder)
    mail_na_commit(
        template_basis="initiatieven/email/agenda",
        context={
            "agendapunt": agendapunt,
            "vergadering": agendapunt.vergadering,
            "onderwerpen": list(onderwerpen),
            "wat": wat,
            "url": settings.PORTAAL_URL + agendapunt.vergadering.get_absolute_url(),
            "portaal_url": settings.PORTAAL_URL,
        },
        onderwerp=onderwerp,
        ontvangers=ontvangers,
    )


# --- the alderman ----------------------------------------------------------------------


@transaction.atomic
def agenda_voorstellen(
    *, door, onderwerpen, vergadering: Vergadering, titel: str, toelichting: str
) -> Agendapunt:
    """The ward alderman proposes one agenda item for an upcoming college meeting,
    carrying one or more escalated items of their own wards; each item moves to
    geagendeerd_college with the explanation as its public text."""
    titel, toelichting = (titel or "").strip(), (toelichting or "").strip()
    fouten = {}
    if not titel:
        fouten["titel"] = _("Give the agenda item a title.")
    if not toelichting:
        fouten["toelichting"] = _("Give a public explanation.")
    if not onderwerpen:
        fouten["onderwerpen"] = _("Choose at least one item.")
    if fouten:
        raise Onvolledig(fouten)
    vergadering = _komende_vergadering(vergadering, Orgaan.COLLEGE, "vergadering")
    for onderwerp in onderwerpen:
        # Refuses an item of another ward, or one not (or no longer) with the alderman.
        onderwerp_overgang(
            onderwerp=onderwerp,
            naar=Status.GEAGENDEERD_COLLEGE,
            door=door,
            toelichting=toelichting,
            via_agenda=True,
        )
    punt = Agendapunt.objects.create(
        vergadering=vergadering,
        volgorde=_volgende_volgorde(vergadering),
        titel=titel,
        toelichting=toelichting,
        status=AgendapuntStatus.VOORGESTELD,
        voorgesteld_door=door,
    )
    punt.onderwerpen.set(onderwerpen)
    _mail_ambtenaren(
        agendapunt=punt,
        onderwerpen=Onderwerp.objects.filter(pk__in=[o.pk for o in onderwerpen]).select_related(
            "wijk__wijkadviseur"
        ),
        wat=lambda: _("The ward alderman proposed this for the college agenda."),
        onderwerp=lambda: _("Proposed for the college agenda: %(titel)s") % {"titel": titel},
        ook_wethouder=False,
    )
    return punt


# --- the griffie: proposals ---------------------------------------------------------------


def _voorstel(agendapunt: Agendapunt, door) -> Agendapunt:
    if not is_griffie(door):
        raise Geweigerd
    punt = _vergrendeld_punt(agendapunt)
    if punt.status != AgendapuntStatus.VOORGESTELD:
        raise Geweigerd  # handled already (a replayed or parallel request)
    return punt


def _mail_wethouder(punt: Agendapunt, wat, onderwerp) -> None:
    # ``wat`` and ``onderwerp``: functions giving the text, in the alderman's language.
    mail_na_commit(
        template_basis="initiatieven/email/agenda",
        context={
            "agendapunt": punt,
            "vergadering": punt.vergadering,
            "onderwerpen": list(punt.onderwerpen.all()),
            "wat": wat,
            "url": settings.PORTAAL_URL + punt.vergadering.get_absolute_url(),
            "portaal_url": settings.PORTAAL_URL,
        },
        onderwerp=onderwerp,
        ontvangers=_adres(punt.voorgesteld_door),
    )


@transaction.atomic
def voorstel_accepteren(*, agendapunt: Agendapunt, door) -> Agendapunt:
    """The griffie puts a proposal on the agenda of its meeting."""
    punt = _voorstel(agendapunt, door)
    punt.status = AgendapuntStatus.GEAGENDEERD
    punt.save(update_fields=["status"])
    # The items' badges change from "proposed" to "on the college agenda": a save of each
    # tells every cached page that shows them (the lists track items, not agenda items).
    for onderwerp in punt.onderwerpen.all():
        onderwerp.save(update_fields=["gewijzigd"])
    _mail_wethouder(
        punt,
        lambda: _("Your proposal is on the agenda."),
        lambda: _("On the college agenda: %(titel)s") % {"titel": punt.titel},
    )
    return punt


@transaction.atomic
def voorstel_verplaatsen(*, agendapunt: Agendapunt, door, vergadering: Vergadering) -> Agendapunt:
    """The griffie moves a proposal to another upcoming college meeting."""
    punt = _voorstel(agendapunt, door)
    vergadering = _komende_vergadering(vergadering, Orgaan.COLLEGE, "vergadering")
    if vergadering.pk == punt.vergadering_id:
        raise Onvolledig({"vergadering": _("Choose another meeting.")})
    punt.vergadering = vergadering
    punt.volgorde = _volgende_volgorde(vergadering)
    punt.save(update_fields=["vergadering", "volgorde"])
    _mail_wethouder(
        punt,
        lambda: _("Your proposal was moved to another meeting."),
        lambda: _("Moved to another college meeting: %(titel)s") % {"titel": punt.titel},
    )
    return punt


@transaction.atomic
def voorstel_teruggeven(*, agendapunt: Agendapunt, door, reden: str) -> Agendapunt:
    """The griffie returns a proposal with a reason; its items go back to the alderman."""
    punt = _voorstel(agendapunt, door)
    reden = (reden or "").strip()
    if not reden:
        raise Onvolledig({"reden": _("Give the reason for returning it.")})
    for onderwerp in punt.onderwerpen.filter(status=Status.GEAGENDEERD_COLLEGE):
        onderwerp_overgang(
            onderwerp=onderwerp,
            naar=Status.BIJ_WIJKWETHOUDER,
            door=door,
            toelichting=reden,
            via_agenda=True,
        )
    punt.status = AgendapuntStatus.TERUGGEGEVEN
    punt.teruggave_reden = reden
    punt.save(update_fields=["status", "teruggave_reden"])
    _mail_wethouder(
        punt,
        lambda: _("Your proposal was returned: %(reden)s") % {"reden": reden},
        lambda: _("Returned by the college: %(titel)s") % {"titel": punt.titel},
    )
    return punt


# --- the griffie: decisions -----------------------------------------------------------------


@transaction.atomic
def besluit_vastleggen(
    *,
    agendapunt: Agendapunt,
    door,
    resultaat: str,
    toelichting: str,
    herbezien_op: datetime.date | None = None,
    raadsvergadering: Vergadering | None = None,
    toezeggingen=(),
) -> Besluit:
    """Record the decision on an agenda item and move each of its items on through the
    workflow, with the decision as its public explanation. "Referred to the council"
    places the items on the chosen council meeting's agenda (geagendeerd_raad).
    ``toezeggingen``: dicts with omschrijving, verantwoordelijke, datum."""
    if not is_griffie(door):
        raise Geweigerd
    punt = _vergrendeld_punt(agendapunt)
    if (
        punt.status != AgendapuntStatus.GEAGENDEERD
        or Besluit.objects.filter(agendapunt=punt).exists()
    ):
        raise Geweigerd  # not on an agenda, or decided already
    vergadering = punt.vergadering
    if vergadering.status == VergaderStatus.CONCEPT:
        raise Onvolledig({"resultaat": _("Publish the meeting before recording decisions.")})
    toelichting = (toelichting or "").strip()
    fouten = {}
    if resultaat not in Resultaat.values:
        fouten["resultaat"] = _("Choose a result.")
    if not toelichting:
        fouten["toelichting"] = _("Give a public explanation.")
    if resultaat == Resultaat.AANGEHOUDEN and not herbezien_op:
        fouten["herbezien_op"] = _("Give the date on which this is looked at again.")
    if resultaat == Resultaat.DOORVERWEZEN_RAAD and vergadering.orgaan != Orgaan.COLLEGE:
        fouten["resultaat"] = _("Only the college refers an item to the council.")
    onderwerpen = list(
        punt.onderwerpen.filter(status=OP_AGENDA_VAN.get(vergadering.orgaan, "")).select_related(
            "wijk__wijkadviseur", "wijk__wijkwethouder"
        )
    )
    if toezeggingen and not onderwerpen:
        fouten["toezeggingen"] = _("A commitment belongs to a ward: this item carries none.")
    if fouten:
        raise Onvolledig(fouten)
    if resultaat == Resultaat.DOORVERWEZEN_RAAD:
        raadsvergadering = _komende_vergadering(
            raadsvergadering, Orgaan.GEMEENTERAAD, "raadsvergadering"
        )

    besluit = Besluit.objects.create(
        agendapunt=punt, resultaat=resultaat, toelichting=toelichting, vastgelegd_door=door
    )
    for toezegging in toezeggingen:
        Toezegging.objects.create(besluit=besluit, wijk=onderwerpen[0].wijk, **toezegging)
    naar = NA_BESLUIT[Resultaat(resultaat)]
    for onderwerp in onderwerpen:
        onderwerp_overgang(
            onderwerp=onderwerp,
            naar=naar,
            door=door,
            toelichting=toelichting,
            resultaat=toelichting,
            herbezien_op=herbezien_op,
            via_agenda=True,
        )
    if resultaat == Resultaat.DOORVERWEZEN_RAAD:
        vervolg = Agendapunt.objects.create(
            vergadering=raadsvergadering,
            volgorde=_volgende_volgorde(raadsvergadering),
            titel=punt.titel,
            toelichting=toelichting,
            status=AgendapuntStatus.GEAGENDEERD,
            herkomst=punt,
        )
        vervolg.onderwerpen.set(onderwerpen)
    _mail_ambtenaren(
        agendapunt=punt,
        onderwerpen=onderwerpen,
        wat=lambda: _("Decision: %(resultaat)s.") % {"resultaat": Resultaat(resultaat).label},
        onderwerp=lambda: (
            _("Decision of the %(orgaan)s: %(titel)s")
            % {"orgaan": vergadering.get_orgaan_display(), "titel": punt.titel}
        ),
    )
    return besluit

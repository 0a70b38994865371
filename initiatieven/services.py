"""Writes on items: keyword-only, atomic service functions.

``onderwerp_overgang`` is the only function that changes a status. It locks the row,
checks the transition table and the actor, checks the version the person saw, writes the
Statuswijziging in the same transaction and queues the emails on commit.
"""

import datetime
import operator
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacten import audit
from initiatieven import permissions
from initiatieven.keuzes import AFGEHANDELD, RolGemeente, Status
from initiatieven.models import Actie, Bericht, Bijlage, Onderwerp, Statuswijziging
from initiatieven.workflow import INVOER, PERSOON_VAN, Overgang, Zet
from wijken import volgen
from wijken.notificaties import mail_na_commit


class Geweigerd(Exception):
    """The person may not do this, or the table has no such step from the current state."""


class Onvolledig(Exception):
    """A required field for this step is missing. ``velden`` maps field name → message."""

    def __init__(self, velden: dict[str, str]):
        super().__init__(velden)
        self.velden = velden


class Conflict(Exception):
    """Someone else changed the item after this person loaded it."""

    def __init__(self, onderwerp: Onderwerp, laatste: Statuswijziging | None):
        super().__init__(onderwerp.pk)
        self.onderwerp = onderwerp
        self.laatste = laatste


# --- helpers --------------------------------------------------------------------------


def werkdagen_later(datum: datetime.date, werkdagen: int) -> datetime.date:
    """The date ``werkdagen`` working days (Monday to Friday) after ``datum``."""
    while werkdagen > 0:
        datum += datetime.timedelta(days=1)
        if datum.weekday() < 5:
            werkdagen -= 1
    return datum


def _vergrendeld(onderwerp: Onderwerp, versie: int | None) -> Onderwerp:
    """The item's row, locked until the transaction ends; Conflict on an old version."""
    actueel = Onderwerp.objects.select_for_update().select_related("wijk").get(pk=onderwerp.pk)
    if versie is not None and actueel.versie != versie:
        laatste = actueel.statuswijzigingen.order_by("-tijdstip", "-pk").first()
        raise Conflict(actueel, laatste)
    return actueel


def _adres(user) -> list:
    """The person to email, if they can receive it: the account itself, so the email is
    written in the language they use the portal in (``wijken.notificaties``)."""
    return [user] if user is not None and user.is_active and user.email else []


# --- submitting -----------------------------------------------------------------------

#: Fields a resident fills in; everything else is the municipality's to set.
INDIENERSVELDEN = (
    "soort",
    "titel",
    "beschrijving",
    "thema",
    "wijk",
    "buurt",
    "locatie",
    "groep",
    "toon_naam",
    "wil_niet_openbaar",
)


@transaction.atomic
def onderwerp_opslaan(
    *,
    indiener,
    gegevens: dict,
    onderwerp: Onderwerp | None = None,
    idempotentiesleutel: uuid.UUID | None = None,
    bijlagen=(),
    indienen: bool = False,
) -> tuple[Onderwerp, bool]:
    """Save a resident's draft, and submit it when ``indienen``.

    Only the fields in INDIENERSVELDEN are taken from ``gegevens``. A new item carries the
    form's idempotency key: the same form posted twice (a double click, a replayed request)
    returns the item the first post made. Returns (item, created).
    """
    if onderwerp is None and idempotentiesleutel is not None:
        bestaand = Onderwerp.objects.filter(idempotentiesleutel=idempotentiesleutel).first()
        if bestaand is not None:
            if bestaand.indiener_id != indiener.pk:
                raise Geweigerd
            return bestaand, False
    if onderwerp is not None:
        onderwerp = _vergrendeld(onderwerp, None)
        if not permissions.mag_concept_bewerken(indiener, onderwerp):
            raise Geweigerd
    else:
        onderwerp = Onderwerp(indiener=indiener, idempotentiesleutel=idempotentiesleutel)
    for veld in INDIENERSVELDEN:
        if veld in gegevens:
            setattr(onderwerp, veld, gegevens[veld])
    if onderwerp.groep_id and not onderwerp.groep.contactpersonen.filter(pk=indiener.pk).exists():
        raise Geweigerd  # only on behalf of a group one is a contact person of
    nieuw = onderwerp.pk is None
    if not nieuw:
        onderwerp.versie += 1
    try:
        with transaction.atomic():
            onderwerp.save()
    except IntegrityError:
        # A parallel request with the same key won the race: that one is the item.
        bestaand = Onderwerp.objects.filter(idempotentiesleutel=idempotentiesleutel).first()
        if bestaand is None or bestaand.indiener_id != indiener.pk:
            raise
        return bestaand, False
    for bestand in bijlagen:
        Bijlage.objects.create(onderwerp=onderwerp, **bestand)
    if indienen:
        onderwerp = onderwerp_overgang(onderwerp=onderwerp, naar=Status.INGEDIEND, door=indiener)
    return onderwerp, nieuw


@transaction.atomic
def concept_verwijderen(*, onderwerp: Onderwerp, door) -> None:
    """A resident throws away their own draft."""
    onderwerp = _vergrendeld(onderwerp, None)
    if not permissions.mag_concept_bewerken(door, onderwerp):
        raise Geweigerd
    for bijlage in onderwerp.bijlagen.all():
        bijlage.bestand.delete(save=False)
    onderwerp.delete()


# --- the workflow ---------------------------------------------------------------------


def onderwerp_overgang(*, onderwerp: Onderwerp, naar: str, door, **kwargs) -> Onderwerp:
    """Take ``onderwerp`` to status ``naar`` as ``door``: the one way a status changes.

    See :func:`_overgang` for the arguments and what is raised. A refused step is written
    to the audit log here, outside the step's transaction, so the refusal is kept while
    nothing of the step is (inside a caller's own transaction it goes with that one).
    """
    try:
        return _overgang(onderwerp=onderwerp, naar=naar, door=door, **kwargs)
    except Geweigerd:
        audit.vastleggen(
            actie=audit.AuditActie.WORKFLOWSTAP,
            uitkomst=audit.Uitkomst.GEWEIGERD,
            gebruiker=door,
            object=onderwerp,
            omschrijving=f"{onderwerp.status} → {naar}",
        )
        raise


@transaction.atomic
def _overgang(
    *,
    onderwerp: Onderwerp,
    naar: str,
    door,
    versie: int | None = None,
    toelichting: str = "",
    notitie: str = "",
    resultaat: str = "",
    advies: str = "",
    herbezien_op: datetime.date | None = None,
    herbezien_voorwaarde: str = "",
    via_agenda: bool = False,
) -> Onderwerp:
    """Take ``onderwerp`` to status ``naar`` as ``door``: the one way a status changes.

    Agenda steps (``Overgang.via_agenda``) are refused unless ``via_agenda``: only
    ``initiatieven.agenda`` takes them, together with the agenda item or decision.

    Raises Geweigerd when the table has no such step from the current status or ``door``
    is not one of its actors for this item (a replayed step is refused the same way),
    Conflict when ``versie`` is given and the item changed since, and Onvolledig when a
    required field is empty. Nothing is written in any of those cases.
    """
    onderwerp = _vergrendeld(onderwerp, versie)
    regel = permissions.mag_overgang(door, onderwerp, naar)
    if regel is None or (regel.via_agenda and not via_agenda):
        raise Geweigerd
    toelichting, notitie, resultaat, advies, herbezien_voorwaarde = (
        (t or "").strip() for t in (toelichting, notitie, resultaat, advies, herbezien_voorwaarde)
    )
    # By the names of the step form's fields (workflow.INVOER).
    invoer = {
        "toelichting": toelichting,
        "resultaat": resultaat,
        "advies": advies,
        "notitie": notitie,
        "herbezien_op": herbezien_op,
        "herbezien_voorwaarde": herbezien_voorwaarde,
    }
    ontbreekt = {
        INVOER[v].velden[0]: str(INVOER[v].ontbreekt)
        for v in regel.vereist
        if not any(invoer[veld] for veld in INVOER[v].velden)
    }
    if ontbreekt:
        raise Onvolledig(ontbreekt)

    nu = timezone.now()
    van = onderwerp.status
    onderwerp.status = naar
    onderwerp.versie += 1
    _velden_zetten(onderwerp, regel, van=van, nu=nu, invoer=invoer)
    onderwerp.save()
    stap = Statuswijziging.objects.create(
        onderwerp=onderwerp,
        van=van,
        naar=naar,
        door=door,
        door_rol=getattr(door, "rol", ""),
        publieke_toelichting=toelichting or resultaat,
        interne_notitie="\n\n".join(t for t in (notitie, advies) if t),
        tijdstip=nu,
    )
    # In the same transaction as the step: the log and the history never disagree.
    audit.vastleggen(
        actie=audit.AuditActie.WORKFLOWSTAP,
        uitkomst=audit.Uitkomst.GESLAAGD,
        gebruiker=door,
        object=onderwerp,
        omschrijving=f"{van} → {naar}",
    )
    _meldingen_na_stap(onderwerp, stap, regel)
    if onderwerp.openbaar and onderwerp.gepubliceerd_op is not None:
        # A public item's step is news for the ward's followers (after the commit).
        volgen.melden(wijk_id=onderwerp.wijk_id)
    return onderwerp


def _velden_zetten(onderwerp: Onderwerp, regel: Overgang, *, van, nu, invoer: dict) -> None:
    """Write what the step declares it sets (``Overgang.zet``) on the item."""
    if Zet.INGEDIEND in regel.zet:
        onderwerp.ingediend_op = nu
        onderwerp.eerste_reactie_voor = werkdagen_later(
            timezone.localdate(nu), settings.EERSTE_REACTIE_WERKDAGEN
        )
        # Until the advisor screens it, a new item is not public.
        onderwerp.openbaar = False
    if Zet.EERSTE_REACTIE in regel.zet and van == Status.INGEDIEND:
        # Taken from a later state, the same step is no first response.
        onderwerp.eerste_reactie_op = onderwerp.eerste_reactie_op or nu
    if Zet.RESULTAAT in regel.zet:
        onderwerp.resultaat = invoer["resultaat"]
    if Zet.ADVIES in regel.zet and invoer["advies"]:
        onderwerp.advies_wethouder = invoer["advies"]
    if Zet.HERBEZIEN in regel.zet:
        onderwerp.herbezien_op = invoer["herbezien_op"]
        onderwerp.herbezien_voorwaarde = invoer["herbezien_voorwaarde"]
    if Zet.HERBEZIEN_WISSEN in regel.zet:
        onderwerp.herbezien_op = None
        onderwerp.herbezien_voorwaarde = ""
    if regel.naar in AFGEHANDELD:
        onderwerp.afgehandeld_op = nu


def _url(onderwerp: Onderwerp) -> str:
    return settings.PORTAAL_URL + onderwerp.get_absolute_url()


def _meldingen_na_stap(onderwerp: Onderwerp, stap: Statuswijziging, regel: Overgang) -> None:
    """Queue the emails the step declares (``Overgang.mails``)."""
    context = {"onderwerp": onderwerp, "stap": stap, "url": _url(onderwerp)}
    waarden = {"titel": onderwerp.titel, "wijk": onderwerp.wijk.naam}
    for mail in regel.mails:
        ontvanger = operator.attrgetter(PERSOON_VAN[mail.aan])(onderwerp)
        if mail.behalve_eigen_stap and ontvanger is not None and ontvanger.pk == stap.door_id:
            continue
        mail_na_commit(
            template_basis=mail.template,
            context=context,
            # A function: the subject is worded in each recipient's language.
            onderwerp=lambda mail=mail: str(mail.onderwerp) % waarden,
            ontvangers=_adres(ontvanger),
        )


# --- following one item ----------------------------------------------------------------


def onderwerp_volgen(*, onderwerp: Onderwerp, door) -> bool:
    """Follow one published item as ``door``: an email right away with each public step it
    takes from now on (``wijken.volgen``, which sends the news of wards). Returns whether
    the following is new; again is fine."""
    if not permissions.mag_volgen(door, onderwerp):
        raise Geweigerd
    try:
        _volger, nieuw = volgen.onderwerp_volgen(gebruiker=door, onderwerp=onderwerp)
    except volgen.Geweigerd as fout:
        raise Geweigerd from fout
    return nieuw


def onderwerp_ontvolgen(*, onderwerp_id: int, door) -> bool:
    """Stop following one item. Allowed whatever the item's state now (it may have gone
    offline since); returns whether there was anything to stop."""
    try:
        return volgen.onderwerp_ontvolgen(gebruiker=door, onderwerp_id=onderwerp_id)
    except volgen.Geweigerd as fout:
        raise Geweigerd from fout


# --- triage ---------------------------------------------------------------------------


@transaction.atomic
def onderwerp_screenen(
    *,
    onderwerp: Onderwerp,
    door,
    versie: int | None,
    openbaar: bool,
    publieke_titel: str = "",
    publieke_beschrijving: str = "",
    publieke_locatie: str | None = None,
    niet_openbaar_reden: str = "",
) -> Onderwerp:
    """Publish an item (optionally with an adjusted public title and text, the original
    kept), or keep it non-public with a reason the submitter sees.

    ``publieke_locatie`` is the location the public sees ("" for none); None takes the
    submitter's own, as the screening form offers it. The submitter gets an email with the
    outcome when it changes: published, or not published with the reason."""
    onderwerp = _vergrendeld(onderwerp, versie)
    if not permissions.mag_triageren(door, onderwerp):
        raise Geweigerd
    vorige_uitkomst = (onderwerp.openbaar, onderwerp.niet_openbaar_reden)
    niet_openbaar_reden = (niet_openbaar_reden or "").strip()
    if not openbaar and not niet_openbaar_reden:
        raise Onvolledig(
            {"niet_openbaar_reden": _("Tell the submitter why the item is not published.")}
        )
    onderwerp.openbaar = openbaar
    eerst_gepubliceerd = openbaar and onderwerp.gepubliceerd_op is None
    if eerst_gepubliceerd:
        onderwerp.gepubliceerd_op = timezone.now()
    onderwerp.publieke_titel = (publieke_titel or "").strip()
    onderwerp.publieke_beschrijving = (publieke_beschrijving or "").strip()
    if publieke_locatie is None:
        publieke_locatie = onderwerp.locatie
    onderwerp.publieke_locatie = publieke_locatie.strip()
    onderwerp.niet_openbaar_reden = "" if openbaar else niet_openbaar_reden
    onderwerp.versie += 1
    onderwerp.save()
    if eerst_gepubliceerd:
        volgen.melden(wijk_id=onderwerp.wijk_id)
    if (onderwerp.openbaar, onderwerp.niet_openbaar_reden) != vorige_uitkomst:
        # Adjusting the public text of a published item is no news for the submitter;
        # publishing, keeping it non-public (or a new reason for that) is.
        mail_na_commit(
            template_basis="initiatieven/email/screening",
            context={"onderwerp": onderwerp, "url": _url(onderwerp)},
            onderwerp=(
                _("Your submission is published: %(titel)s")
                if onderwerp.openbaar
                else _("Your submission is not published: %(titel)s")
            )
            % {"titel": onderwerp.titel},
            ontvangers=_adres(onderwerp.indiener),
        )
    return onderwerp


@transaction.atomic
def onderwerp_rol_vastleggen(
    *,
    onderwerp: Onderwerp,
    door,
    versie: int | None,
    rol_gemeente: str,
    rol_toelichting: str = "",
    kansrijk: bool = False,
    groep=None,
) -> Onderwerp:
    """Record the municipality's role (shown publicly), promising or not, and the group.
    The submitter gets an email when the role they read on the item page changes."""
    onderwerp = _vergrendeld(onderwerp, versie)
    if not permissions.mag_triageren(door, onderwerp):
        raise Geweigerd
    vorige_rol = (onderwerp.rol_gemeente, onderwerp.rol_toelichting)
    rol_toelichting = (rol_toelichting or "").strip()
    if rol_gemeente == RolGemeente.GEEN_GEMEENTELIJKE_ZAAK and not rol_toelichting:
        raise Onvolledig({"rol_toelichting": _("Say whose matter it is.")})
    if groep is not None and groep.wijk_id != onderwerp.wijk_id:
        raise Onvolledig({"groep": _("Choose a group of this ward.")})
    onderwerp.rol_gemeente = rol_gemeente
    onderwerp.rol_toelichting = rol_toelichting
    onderwerp.kansrijk = kansrijk
    onderwerp.groep = groep
    onderwerp.versie += 1
    onderwerp.save()
    if (onderwerp.rol_gemeente, onderwerp.rol_toelichting) != vorige_rol:
        mail_na_commit(
            template_basis="initiatieven/email/rol",
            context={"onderwerp": onderwerp, "url": _url(onderwerp)},
            onderwerp=_("The role of the municipality in your submission: %(titel)s")
            % {"titel": onderwerp.titel},
            ontvangers=_adres(onderwerp.indiener),
        )
    return onderwerp


@transaction.atomic
def bericht_plaatsen(*, onderwerp: Onderwerp, door, tekst: str, openbaar: bool) -> Bericht:
    """A public answer to the submitter (advisor) or an internal note (ward officials)."""
    onderwerp = _vergrendeld(onderwerp, None)
    tekst = (tekst or "").strip()
    if not tekst:
        raise Onvolledig({"tekst": _("Write a message.")})
    mag = (
        permissions.mag_triageren(door, onderwerp)
        if openbaar
        else permissions.mag_notities_en_acties(door, onderwerp)
    )
    if not mag:
        raise Geweigerd
    bericht = Bericht.objects.create(onderwerp=onderwerp, door=door, tekst=tekst, openbaar=openbaar)
    if openbaar:
        if onderwerp.eerste_reactie_op is None:
            onderwerp.eerste_reactie_op = bericht.tijdstip
            onderwerp.save(update_fields=["eerste_reactie_op", "gewijzigd"])
        mail_na_commit(
            template_basis="initiatieven/email/antwoord",
            context={"onderwerp": onderwerp, "bericht": bericht, "url": _url(onderwerp)},
            onderwerp=lambda: (
                _("An answer about your submission: %(titel)s") % {"titel": onderwerp.titel}
            ),
            ontvangers=_adres(onderwerp.indiener),
        )
    return bericht


@transaction.atomic
def actie_toevoegen(
    *, onderwerp: Onderwerp, door, omschrijving: str, eigenaar: str, deadline=None
) -> Actie:
    """Add a concrete action (what, who, when) to an item."""
    onderwerp = _vergrendeld(onderwerp, None)
    if not permissions.mag_notities_en_acties(door, onderwerp):
        raise Geweigerd
    return Actie.objects.create(
        onderwerp=onderwerp,
        omschrijving=omschrijving.strip(),
        eigenaar=eigenaar.strip(),
        deadline=deadline,
        aangemaakt_door=door,
    )


@transaction.atomic
def actie_afvinken(*, actie: Actie, door, gedaan: bool = True) -> Actie:
    """Mark an action done (or open again)."""
    # of=self: the item is nullable now (an action of a visit), and PostgreSQL does not
    # lock the nullable side of an outer join.
    actie = (
        Actie.objects.select_for_update(of=("self",))
        .select_related("onderwerp__wijk")
        .get(pk=actie.pk)
    )
    if actie.onderwerp is None or not permissions.mag_notities_en_acties(door, actie.onderwerp):
        raise Geweigerd
    actie.gedaan = gedaan
    actie.gedaan_op = timezone.now() if gedaan else None
    actie.save(update_fields=["gedaan", "gedaan_op"])
    return actie

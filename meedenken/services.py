"""Writes on consultation questions: keyword-only, atomic service functions.

Every function checks the permission predicate itself (``meedenken.permissions``), so a
view that forgot to ask still cannot write, and raises ``Geweigerd`` or ``Ongeldig``
(with a message for the person) before anything changed. Emails go after the commit
(``mail_na_commit``), each in its recipient's language.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from contacten import audit
from initiatieven.keuzes import Status
from meedenken import permissions
from meedenken.models import (
    Aanmelding,
    Beoordeling,
    Bijeenkomst,
    Inbreng,
    Inbrengbijlage,
    Keuzeoptie,
    Meedenkvraag,
    Terugkoppeling,
    Vraagbijlage,
)
from wijken import volgen
from wijken.models import Wijk
from wijken.notificaties import mail_na_commit


class Geweigerd(Exception):
    """The person may not do this (now)."""


class Ongeldig(Exception):
    """The request cannot be carried out; ``str()`` is a message for the person."""


#: Fields of a question the asker fills in; the rest is the portal's to set.
VRAAGVELDEN = (
    "titel",
    "vraag",
    "achtergrond",
    "thema",
    "beleidsonderwerp",
    "alle_wijken",
    "open_vanaf",
    "sluit_op",
    "terugkoppeling_voor",
    "open_reacties",
    "meerdere_keuzes",
    "reacties_openbaar",
    "uitslag_tijdens",
)


def _vergrendeld(vraag: Meedenkvraag) -> Meedenkvraag:
    return Meedenkvraag.objects.select_for_update().get(pk=vraag.pk)


def _controleer_data(vraag: Meedenkvraag) -> None:
    if vraag.sluit_op <= vraag.open_vanaf:
        raise Ongeldig(_("The question must close after it opens."))
    if vraag.terugkoppeling_voor < timezone.localdate(vraag.sluit_op):
        raise Ongeldig(_("The feedback date cannot be before the question closes."))


@transaction.atomic
def meedenkvraag_opslaan(
    *,
    door,
    gegevens: dict,
    wijken=(),
    buurten=(),
    groepen=(),
    professionals=(),
    aanleiding=(),
    opties: list[str] | None = None,
    bijlagen=(),
    bijlagen_weg=(),
    vraag: Meedenkvraag | None = None,
) -> Meedenkvraag:
    """Create or change a question. Only VRAAGVELDEN are taken from ``gegevens``. The
    options (``opties``, texts in order) can change only while nobody has responded;
    neighbourhoods, groups, professionals and the items that led to the question
    (``aanleiding``, published ones) must belong to the wards asked. ``bijlagen`` are
    files checked by ``initiatieven.bijlagen.controleer_bijlage`` to add, ``bijlagen_weg``
    the primary keys of its attachments to remove; at most BIJLAGEN_MAX_AANTAL remain."""
    wijken = list(wijken)
    alle_wijken = bool(gegevens.get("alle_wijken", vraag.alle_wijken if vraag else False))
    if not permissions.mag_vraag_stellen_aan(door, wijken=wijken, alle_wijken=alle_wijken):
        raise Geweigerd
    if vraag is not None:
        vraag = _vergrendeld(vraag)
        if not permissions.mag_vraag_beheren(door, vraag):
            raise Geweigerd
        if vraag.is_gesloten():
            raise Ongeldig(_("A closed question can no longer be changed."))
        vraag.versie += 1
    else:
        vraag = Meedenkvraag(gesteld_door=door)
    for veld in VRAAGVELDEN:
        if veld in gegevens:
            setattr(vraag, veld, gegevens[veld])
    if vraag.alle_wijken:
        wijken = []
    _controleer_data(vraag)
    wijk_ids = {w.pk for w in wijken}
    buiten = [
        x
        for x in (*buurten, *groepen, *professionals)
        if not vraag.alle_wijken and x.wijk_id not in wijk_ids
    ]
    if buiten:
        raise Ongeldig(_("Neighbourhoods, groups and professionals must be in the wards asked."))
    aanleiding = list(aanleiding)
    if any(
        not o.openbaar
        or o.status == Status.CONCEPT
        or (not vraag.alle_wijken and o.wijk_id not in wijk_ids)
        for o in aanleiding
    ):
        raise Ongeldig(_("Choose only initiatives and bottlenecks of the wards asked."))
    vraag.save()
    vraag.wijken.set(wijken)
    vraag.buurten.set(list(buurten))
    vraag.uitgenodigde_groepen.set(list(groepen))
    vraag.uitgenodigde_professionals.set(list(professionals))
    vraag.aanleiding.set(aanleiding)
    if opties is not None:
        opties = [o.strip() for o in opties if o.strip()]
        huidige = [o.tekst for o in vraag.opties.all()]
        if opties != huidige:
            if vraag.inbreng.exists():
                raise Ongeldig(_("The options cannot change once people have responded."))
            vraag.opties.all().delete()
            Keuzeoptie.objects.bulk_create(
                Keuzeoptie(vraag=vraag, tekst=tekst, volgorde=i) for i, tekst in enumerate(opties)
            )
    if not vraag.open_reacties and not opties and not vraag.opties.exists():
        raise Ongeldig(_("Offer open responses, options to choose from, or both."))
    _vraagbijlagen_wijzigen(vraag, door=door, bijlagen=list(bijlagen), weg=list(bijlagen_weg))
    return vraag


def _vraagbijlagen_wijzigen(vraag: Meedenkvraag, *, door, bijlagen: list, weg: list) -> None:
    if not (bijlagen or weg):
        return
    if not permissions.mag_vraagbijlagen_beheren(door, vraag):
        raise Geweigerd
    # Their files go after the commit (the signal in meedenken.apps).
    Vraagbijlage.objects.filter(vraag=vraag, pk__in=weg).delete()
    if Vraagbijlage.objects.filter(vraag=vraag).count() + len(bijlagen) > (
        settings.BIJLAGEN_MAX_AANTAL
    ):
        raise Ongeldig(
            _("A question can have at most %(max)d attachments.")
            % {"max": settings.BIJLAGEN_MAX_AANTAL}
        )
    for bestand in bijlagen:
        Vraagbijlage.objects.create(vraag=vraag, **bestand)


@transaction.atomic
def meedenkvraag_publiceren(*, vraag: Meedenkvraag, door) -> Meedenkvraag:
    """Make a draft public; its wards' followers hear of it (their news, wijken.volgen)
    and the contact persons of invited groups and the invited professionals get an email."""
    vraag = _vergrendeld(vraag)
    if not permissions.mag_vraag_beheren(door, vraag):
        raise Geweigerd
    if vraag.gepubliceerd_op is not None:
        raise Ongeldig(_("This question has already been published."))
    if vraag.sluit_op <= timezone.now():
        raise Ongeldig(_("The closing moment has passed: choose a later one first."))
    vraag.gepubliceerd_op = timezone.now()
    vraag.versie += 1
    vraag.save(update_fields=["gepubliceerd_op", "versie", "gewijzigd"])
    wijk_ids = (
        Wijk.objects.actief().values_list("pk", flat=True)
        if vraag.alle_wijken
        else vraag.wijken.values_list("pk", flat=True)
    )
    for wijk_id in wijk_ids:
        volgen.melden(wijk_id=wijk_id)
    ontvangers = []
    for groep in vraag.uitgenodigde_groepen.prefetch_related("contactpersonen"):
        ontvangers += [p for p in groep.contactpersonen.all() if p.is_active and p.email]
    ontvangers += [p.email for p in vraag.uitgenodigde_professionals.all() if p.email]
    if ontvangers:
        mail_na_commit(
            template_basis="meedenken/email/uitnodiging",
            context={"vraag": vraag, "portaal_url": settings.PORTAAL_URL},
            onderwerp=lambda: (
                _("The municipality asks you to think along: %(titel)s") % {"titel": vraag.titel}
            ),
            ontvangers=ontvangers,
        )
    audit.vastleggen(
        actie=audit.AuditActie.WORKFLOWSTAP,
        uitkomst=audit.Uitkomst.GESLAAGD,
        gebruiker=door,
        object=vraag,
        omschrijving="meedenkvraag gepubliceerd",
    )
    return vraag


def _keuzes_controleren(vraag: Meedenkvraag, keuzes) -> list[Keuzeoptie]:
    keuzes = list(keuzes)
    eigen = {o.pk for o in vraag.opties.all()}
    if any(k.pk not in eigen for k in keuzes):
        raise Ongeldig(_("Choose from the options of this question."))
    if len(keuzes) > 1 and not vraag.meerdere_keuzes:
        raise Ongeldig(_("Choose one option."))
    return keuzes


@transaction.atomic
def inbreng_opslaan(
    *,
    vraag: Meedenkvraag,
    door,
    tekst: str = "",
    keuzes=(),
    toon_naam: bool = False,
    groep=None,
    bijlage: dict | None = None,
    bijlage_weg: bool = False,
) -> tuple[Inbreng, bool]:
    """Respond, or change one's response, while the question is open. One response per
    person per question (a second post changes the first) and per group. ``bijlage`` (a
    file checked by ``initiatieven.bijlagen.controleer_bijlage``) replaces the response's
    one attachment, ``bijlage_weg`` removes it. A changed text or attachment of a
    public-response question is screened again. Returns (response, created)."""
    vraag = _vergrendeld(vraag)
    if not permissions.mag_reageren(door, vraag):
        raise Ongeldig(_("This question is not open for responses."))
    if groep is not None and not permissions.mag_reageren_namens(door, groep):
        raise Geweigerd
    tekst = (tekst or "").strip()
    if not vraag.open_reacties:
        tekst_verplicht = False
        tekst = tekst if vraag.opties.exists() else ""
    else:
        tekst_verplicht = not vraag.opties.exists()
    keuzes = _keuzes_controleren(vraag, keuzes)
    if tekst_verplicht and not tekst:
        raise Ongeldig(_("Write your response."))
    if not tekst and not keuzes:
        raise Ongeldig(_("Write your response or make a choice."))
    inbreng = Inbreng.objects.filter(vraag=vraag, gebruiker=door).first()
    nieuw = inbreng is None
    bijlage_wijzigt = bijlage is not None or (
        bijlage_weg and not nieuw and Inbrengbijlage.objects.filter(inbreng=inbreng).exists()
    )
    if nieuw:
        inbreng = Inbreng(vraag=vraag, gebruiker=door)
    elif inbreng.tekst != tekst or bijlage_wijzigt:
        inbreng.beoordeling = Beoordeling.TE_BEOORDELEN
    inbreng.tekst = tekst
    inbreng.groep = groep
    inbreng.toon_naam = toon_naam
    try:
        with transaction.atomic():
            inbreng.save()
    except IntegrityError:
        # Another contact person already answered for this group.
        raise Ongeldig(_("This group has already responded to this question.")) from None
    inbreng.keuzes.set(keuzes)
    if bijlage_wijzigt:
        # One attachment: a new one replaces the old (whose file goes after the commit).
        Inbrengbijlage.objects.filter(inbreng=inbreng).delete()
        if bijlage is not None:
            Inbrengbijlage.objects.create(inbreng=inbreng, **bijlage)
    return inbreng, nieuw


@transaction.atomic
def inbreng_beoordelen(*, inbreng: Inbreng, door, openbaar: bool) -> Inbreng:
    """Publish a response or keep it non-public (screening)."""
    inbreng = Inbreng.objects.select_for_update().select_related("vraag").get(pk=inbreng.pk)
    if not permissions.mag_vraag_beheren(door, inbreng.vraag):
        raise Geweigerd
    if not inbreng.vraag.reacties_openbaar:
        raise Ongeldig(_("The responses to this question are not public."))
    inbreng.beoordeling = Beoordeling.OPENBAAR if openbaar else Beoordeling.NIET_OPENBAAR
    inbreng.beoordeeld_door = door
    inbreng.save(update_fields=["beoordeling", "beoordeeld_door", "gewijzigd"])
    return inbreng


@transaction.atomic
def bijeenkomst_opslaan(*, vraag: Meedenkvraag, door, gegevens: dict) -> Bijeenkomst:
    """Add or change the ward meeting of a question."""
    vraag = _vergrendeld(vraag)
    if not permissions.mag_vraag_beheren(door, vraag):
        raise Geweigerd
    bijeenkomst = Bijeenkomst.objects.filter(vraag=vraag).first() or Bijeenkomst(vraag=vraag)
    for veld in ("begint", "eindigt", "plaats", "toegankelijkheid", "max_deelnemers"):
        if veld in gegevens:
            setattr(bijeenkomst, veld, gegevens[veld])
    if bijeenkomst.eindigt <= bijeenkomst.begint:
        raise Ongeldig(_("The meeting must end after it begins."))
    bijeenkomst.save()
    return bijeenkomst


@transaction.atomic
def aanmelden(*, vraag: Meedenkvraag, door) -> tuple[Aanmelding, bool]:
    """Register for the question's ward meeting; a second time changes nothing. Refused
    when it is full (the meeting's row is locked, so two at once never exceed it)."""
    bijeenkomst = (
        Bijeenkomst.objects.select_for_update().select_related("vraag").filter(vraag=vraag).first()
    )
    # The question as it is now (the caller's copy may predate its publication).
    if bijeenkomst is None or not permissions.mag_aanmelden(door, bijeenkomst.vraag):
        raise Ongeldig(_("You can no longer register for this meeting."))
    bestaand = Aanmelding.objects.filter(bijeenkomst=bijeenkomst, gebruiker=door).first()
    if bestaand is not None:
        return bestaand, False
    if bijeenkomst.is_vol(bijeenkomst.aanmeldingen.count()):
        raise Ongeldig(_("This meeting is full."))
    return Aanmelding.objects.create(bijeenkomst=bijeenkomst, gebruiker=door), True


@transaction.atomic
def afmelden(*, vraag: Meedenkvraag, door) -> bool:
    """Cancel one's registration; True when there was one."""
    aantal, _per_model = Aanmelding.objects.filter(
        bijeenkomst__vraag=vraag, gebruiker=door
    ).delete()
    return aantal > 0


@transaction.atomic
def terugkoppeling_opslaan(
    *, vraag: Meedenkvraag, door, gegevens: dict, onderwerpen=(), agendapunt=None
) -> Terugkoppeling:
    """Write or change the feedback of a closed question (before or after publishing it)."""
    vraag = _vergrendeld(vraag)
    if not permissions.mag_terugkoppeling_schrijven(door, vraag):
        raise Geweigerd
    terugkoppeling = Terugkoppeling.objects.filter(vraag=vraag).first() or Terugkoppeling(
        vraag=vraag
    )
    for veld in ("samenvatting", "besluit", "waarom"):
        waarde = (gegevens.get(veld) or "").strip()
        if not waarde:
            raise Ongeldig(_("Fill in the summary, the decision and the reasons."))
        setattr(terugkoppeling, veld, waarde)
    onderwerpen = list(onderwerpen)
    wijk_ids = set(vraag.wijken.values_list("pk", flat=True))
    if any(
        not o.openbaar
        or o.status == Status.CONCEPT
        or (not vraag.alle_wijken and o.wijk_id not in wijk_ids)
        for o in onderwerpen
    ):
        raise Ongeldig(_("Choose only initiatives and bottlenecks of the wards asked."))
    terugkoppeling.agendapunt = agendapunt
    terugkoppeling.geschreven_door = door
    terugkoppeling.save()
    terugkoppeling.onderwerpen.set(onderwerpen)
    return terugkoppeling


@transaction.atomic
def terugkoppeling_publiceren(*, vraag: Meedenkvraag, door) -> Terugkoppeling:
    """Publish the feedback: it shows on the question's page and everyone who responded
    gets it by email, in their own language."""
    vraag = _vergrendeld(vraag)
    if not permissions.mag_terugkoppeling_schrijven(door, vraag):
        raise Geweigerd
    terugkoppeling = Terugkoppeling.objects.select_for_update().filter(vraag=vraag).first()
    if terugkoppeling is None:
        raise Ongeldig(_("Write the feedback first."))
    if terugkoppeling.gepubliceerd_op is not None:
        raise Ongeldig(_("This feedback has already been published."))
    terugkoppeling.gepubliceerd_op = timezone.now()
    terugkoppeling.save(update_fields=["gepubliceerd_op", "gewijzigd"])
    respondenten = [
        i.gebruiker
        for i in vraag.inbreng.select_related("gebruiker")
        if i.gebruiker is not None and i.gebruiker.is_active and i.gebruiker.email
    ]
    if respondenten:
        mail_na_commit(
            template_basis="meedenken/email/terugkoppeling",
            context={
                "vraag": vraag,
                "terugkoppeling": terugkoppeling,
                "portaal_url": settings.PORTAAL_URL,
            },
            onderwerp=lambda: _("What we do with your input: %(titel)s") % {"titel": vraag.titel},
            ontvangers=respondenten,
        )
    for wijk_id in vraag.wijken.values_list("pk", flat=True):
        volgen.melden(wijk_id=wijk_id)
    audit.vastleggen(
        actie=audit.AuditActie.WORKFLOWSTAP,
        uitkomst=audit.Uitkomst.GESLAAGD,
        gebruiker=door,
        object=vraag,
        omschrijving="terugkoppeling gepubliceerd",
    )
    return terugkoppeling


#: The reminder's subject, lazily translated (``herinneringen`` sends it per language).
HERINNERING_ONDERWERP = gettext_lazy("Feedback overdue: %(titel)s")


def terugkoppeling_herinneren(*, nu: datetime.datetime | None = None) -> int:
    """Remind the asker of each question whose feedback is overdue, once; returns how many
    reminders were queued. For ``manage.py herinneringen``."""
    nu = nu or timezone.now()
    aantal = 0
    vragen = (
        Meedenkvraag.objects.terugkoppeling_te_laat(nu)
        .filter(herinnerd_op__isnull=True, gesteld_door__isnull=False)
        .select_related("gesteld_door")
    )
    for vraag in vragen:
        with transaction.atomic():
            if not (vraag.gesteld_door.is_active and vraag.gesteld_door.email):
                continue
            Meedenkvraag.objects.filter(pk=vraag.pk).update(herinnerd_op=nu)
            mail_na_commit(
                template_basis="meedenken/email/herinnering",
                context={"vraag": vraag, "portaal_url": settings.PORTAAL_URL},
                onderwerp=lambda v=vraag: HERINNERING_ONDERWERP % {"titel": v.titel},
                ontvangers=[vraag.gesteld_door],
            )
            aantal += 1
    return aantal

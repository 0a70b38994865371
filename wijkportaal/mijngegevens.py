"""'My data': everything the portal holds about one person, and deleting their account.

This lives at the composition level because it reads from every app; the apps never
import it. The collector returns plain data (dicts, lists, strings, datetimes) so the same
result feeds the JSON download and the readable page.

Never included: other people's personal data (answers carry no author, steps no
official), officials' internal notes, and secrets (password hash, TOTP secret,
recovery codes, session keys).
"""

import re
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacten import audit
from initiatieven.models import Bericht, Onderwerp, Statuswijziging
from initiatieven.models import Status as OnderwerpStatus
from meedenken import mijngegevens as meedenken_gegevens
from wijken.models import Interessereactie, Volger


def _onderwerp(onderwerp: Onderwerp, stappen, berichten) -> dict:
    """The item as the submitter wrote it, plus what is visible to them about it."""
    return {
        "id": onderwerp.pk,
        # The stored codes for machines, the labels (in the page's language) for people.
        "soort": onderwerp.soort,
        "soort_label": str(onderwerp.get_soort_display()),
        "status": onderwerp.status,
        "status_label": str(onderwerp.get_status_display()),
        "titel": onderwerp.titel,
        "beschrijving": onderwerp.beschrijving,
        "wijk": onderwerp.wijk.naam,
        "buurt": onderwerp.buurt.naam if onderwerp.buurt_id else None,
        "thema": str(onderwerp.thema),
        "locatie": onderwerp.locatie,
        "namens_groep": onderwerp.groep.naam if onderwerp.groep_id else None,
        "toon_naam": onderwerp.toon_naam,
        "wil_niet_openbaar": onderwerp.wil_niet_openbaar,
        "openbaar": onderwerp.openbaar,
        "publieke_titel": onderwerp.publieke_titel if onderwerp.openbaar else "",
        "publieke_beschrijving": onderwerp.publieke_beschrijving if onderwerp.openbaar else "",
        "aangemaakt": onderwerp.aangemaakt,
        "ingediend_op": onderwerp.ingediend_op,
        "resultaat": onderwerp.resultaat,
        # Steps as the public timeline shows them: never the internal note or who set them.
        "tijdlijn": [
            {
                "van": stap.van,
                "naar": stap.naar,
                "naar_label": str(stap.get_naar_display()),
                "tijdstip": stap.tijdstip,
                "toelichting": stap.publieke_toelichting,
            }
            for stap in stappen
        ],
        # Public answers only; the author's name is another person's data.
        "antwoorden": [
            {"tekst": bericht.tekst, "tijdstip": bericht.tijdstip} for bericht in berichten
        ],
        "bijlagen": [bijlage.oorspronkelijke_naam for bijlage in onderwerp.bijlagen.all()],
    }


def gegevens_van(gebruiker) -> dict:
    """Everything held about ``gebruiker``, as plain data. A fixed number of queries."""
    onderwerpen = list(
        Onderwerp.objects.filter(indiener=gebruiker)
        .select_related("wijk", "buurt", "thema", "groep")
        .prefetch_related("bijlagen")
        .order_by("aangemaakt", "pk")
    )
    ids = [o.pk for o in onderwerpen]
    stappen: dict[int, list] = {}
    for stap in Statuswijziging.objects.filter(onderwerp_id__in=ids).publiek():
        stappen.setdefault(stap.onderwerp_id, []).append(stap)
    berichten: dict[int, list] = {}
    for bericht in Bericht.objects.filter(onderwerp_id__in=ids, openbaar=True):
        berichten.setdefault(bericht.onderwerp_id, []).append(bericht)

    return {
        "account": {
            "email": gebruiker.email,
            "weergavenaam": gebruiker.weergavenaam,
            "rol": gebruiker.rol,
            "rol_omschrijving": str(gebruiker.get_rol_display()),
            # The language of the portal and of their emails (kept as they use it).
            "taal": gebruiker.taal,
            "taal_omschrijving": str(gebruiker.get_taal_display()),
            "lid_sinds": gebruiker.date_joined,
            "laatst_ingelogd": gebruiker.last_login,
            "emailadressen": [
                {"email": adres.email, "bevestigd": adres.verified, "primair": adres.primary}
                for adres in EmailAddress.objects.filter(user=gebruiker).order_by("pk")
            ],
            # Only whether a second factor is set: never its secret or recovery codes.
            "tweede_factor": Authenticator.objects.filter(
                user=gebruiker, type=Authenticator.Type.TOTP
            ).exists(),
        },
        "onderwerpen": [
            _onderwerp(o, stappen.get(o.pk, []), berichten.get(o.pk, [])) for o in onderwerpen
        ],
        "gevolgde_wijken": [
            {
                "wijk": volger.wijk.naam,
                "frequentie": volger.frequentie,
                "frequentie_label": str(volger.get_frequentie_display()),
                "sinds": volger.aangemaakt,
            }
            for volger in Volger.objects.van_wijken()
            .filter(gebruiker=gebruiker)
            .select_related("wijk")
        ],
        "gevolgde_onderwerpen": [
            {
                "titel": volger.onderwerp.toon_titel,
                "url": volger.onderwerp.get_absolute_url(),
                "sinds": volger.aangemaakt,
            }
            for volger in Volger.objects.van_onderwerpen()
            .filter(gebruiker=gebruiker)
            .select_related("onderwerp")
        ],
        "interessereacties": [
            {
                "functie": reactie.functie.omschrijving
                or str(reactie.functie.get_functie_display()),
                "groep": reactie.functie.groep.naam,
                "bericht": reactie.bericht,
                "verstuurd": reactie.aangemaakt,
            }
            for reactie in Interessereactie.objects.filter(gebruiker=gebruiker).select_related(
                "functie__groep"
            )
        ],
        "contactpersoon_van": [groep.naam for groep in gebruiker.contactgroepen.order_by("naam")],
        # Responses to the municipality's questions, and registrations for their meetings.
        "meedenken": meedenken_gegevens.gegevens_van(gebruiker),
        "sessies": [
            {
                "ip": sessie.ip,
                "browser": sessie.user_agent,
                "begonnen": sessie.created_at,
                "laatst_gezien": sessie.last_seen_at,
            }
            # allauth removes the row of an ended session only when the list is next shown
            # or at the next sign-in: only sessions that still exist are theirs.
            for sessie in UserSession.objects.filter(
                user=gebruiker,
                session_key__in=Session.objects.filter(expire_date__gt=timezone.now()).values(
                    "session_key"
                ),
            ).order_by("-last_seen_at")
        ],
    }


@transaction.atomic
def weergavenaam_wijzigen(*, gebruiker, door, naam: str) -> None:
    """Change the display name; only the person themselves may."""
    if door.pk != gebruiker.pk:
        raise PermissionDenied
    gebruiker.weergavenaam = naam.strip()
    gebruiker.save(update_fields=["weergavenaam"])


def _zonder_naam(tekst: str, namen: list[str]) -> str:
    """``tekst`` with each of ``namen`` (case-insensitive) replaced by 'anonymous'."""
    for naam in namen:
        tekst = re.sub(re.escape(naam), _("anonymous"), tekst, flags=re.IGNORECASE)
    return tekst


@transaction.atomic
def account_verwijderen(*, gebruiker, door, request=None) -> None:
    """Delete ``gebruiker``'s account; only they may, and only as a resident.

    Staff are refused: their ward designations must be reassigned by the administrator
    first. Sessions end everywhere; drafts go (nobody else has seen them); submitted items
    stay with the ward, anonymous (indiener becomes NULL), with the person's display name
    and email address taken out of the text they typed. Follows and responses to vacancies
    go with the row (CASCADE); group contact memberships with the M2M rows. The deletion
    is written to the audit log in the same transaction (``request`` gives its path and
    client address).
    """
    if door.pk != gebruiker.pk:
        raise PermissionDenied
    if gebruiker.is_medewerker:
        raise PermissionDenied(_("Ask the administrator to delete an official's account."))

    # Every session of this person: the ones allauth tracks, and any other of the database
    # engine (a session from before tracking began).
    for sessie in UserSession.objects.filter(user=gebruiker):
        sessie.end()
    # Through the engine's store, so a cached copy (cached_db) goes as well.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    sleutel = str(gebruiker.pk)
    for sessie in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if sessie.get_decoded().get("_auth_user_id") == sleutel:
            store.delete(sessie.session_key)

    Onderwerp.objects.filter(indiener=gebruiker, status=OnderwerpStatus.CONCEPT).delete()

    namen = [n for n in (gebruiker.weergavenaam.strip(), gebruiker.email) if len(n) >= 3]
    velden = ["titel", "beschrijving", "publieke_titel", "publieke_beschrijving", "locatie"]
    for onderwerp in Onderwerp.objects.filter(indiener=gebruiker):
        gewijzigd = []
        for veld in velden:
            nieuw = _zonder_naam(getattr(onderwerp, veld), namen)
            if nieuw != getattr(onderwerp, veld):
                setattr(onderwerp, veld, nieuw[: Onderwerp._meta.get_field(veld).max_length])
                gewijzigd.append(veld)
        if gewijzigd:
            onderwerp.save(update_fields=gewijzigd)
    meedenken_gegevens.bij_verwijderen(gebruiker=gebruiker, namen=namen)

    # Before the row goes: the audit row keeps who it was as text, its foreign key is
    # emptied by the delete below as for every other row of this person.
    audit.vastleggen(
        actie=audit.AuditActie.ACCOUNT_VERWIJDERD,
        uitkomst=audit.Uitkomst.GESLAAGD,
        gebruiker=gebruiker,
        request=request,
        object=gebruiker,
    )
    gebruiker.delete()

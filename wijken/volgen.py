"""Following a ward: who follows which ward, the news they get, and the email that carries it.

A signed-in person follows a ward (``Volger``) and chooses an email right away
(``direct``) or once a week (``wekelijks``). What happens in a ward (new public items,
their steps, visits) lives in apps above this one, which this lowest app must not import.
So those apps register a *source* when they start (their ``AppConfig.ready``), like the
ward page's sections (``wijken.wijkpagina``)::

    registreer_bron("onderwerpen", nieuws_van_onderwerpen)

A source is ``functie(wijk_ids, sinds, tot) -> list[Nieuwtje]``: the public news of those
wards with a moment in ``(sinds, tot]``. It does a fixed number of queries however many
wards or followers there are.

Sending: a service that changed something followers should hear about calls
``melden(wijk_id=...)``; after its commit a task emails that ward's ``direct`` followers
their news since their ``laatst_bericht``. The weekly digest is the ``wijkberichten``
management command (docs/volgen.md). Each follower's row is locked while their email is
prepared (rows another task holds are skipped), and ``laatst_bericht`` moves to the end
of the window in the same transaction that queues the email: two tasks at once never
send the same news twice, and an email without news is never sent.

A person can also follow one item (``Volger.onderwerp``; always ``direct``): the same run
sends them the news of that item only, which a source marks with ``Nieuwtje.onderwerp_id``.

Every email has a one-click unsubscribe link (RFC 2369 ``List-Unsubscribe`` and RFC 8058
``List-Unsubscribe-Post``) with a signed token (``afmeldtoken``), so it works signed out.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijken.models import Berichtfrequentie, Volger, Wijk
from wijken.notificaties import mail_na_commit
from wijken.permissions import is_actief

#: Kinds of news, in the order the email lists them, each with its heading.
SOORTEN = {
    "onderwerp": gettext_lazy("New initiatives and bottlenecks"),
    "stap": gettext_lazy("Steps taken"),
    "bezoek": gettext_lazy("Visits"),
    "meedenkvraag": gettext_lazy("The municipality asks you to think along"),
}

#: The salt makes an unsubscribe token useless for anything else signed with the key.
AFMELD_SALT = "wijken.volgen.afmelden"

#: Followers handled per transaction: keeps locks short and memory flat for big wards.
PER_KEER = 200


@dataclass(frozen=True)
class Nieuwtje:
    """One piece of public news of a ward. ``url`` is a path on the portal."""

    wijk_id: int
    tijdstip: datetime.datetime
    soort: str  # a key of SOORTEN
    titel: str
    tekst: str
    url: str
    # The item the news is about, if any: followers of that one item get it as well.
    onderwerp_id: int | None = None


Bron = Callable[[Iterable[int], datetime.datetime, datetime.datetime], list[Nieuwtje]]

_BRONNEN: dict[str, Bron] = {}


def registreer_bron(naam: str, functie: Bron) -> None:
    """Add a source of news (again under the same name replaces it)."""
    _BRONNEN[naam] = functie


def bronnen() -> dict[str, Bron]:
    """The registered sources by name (a copy)."""
    return dict(_BRONNEN)


def nieuws(
    wijk_ids: Iterable[int], sinds: datetime.datetime, tot: datetime.datetime
) -> dict[int, list[Nieuwtje]]:
    """The news of these wards in ``(sinds, tot]`` from every source, per ward, oldest
    first."""
    wijk_ids = sorted(set(wijk_ids))
    per_wijk: dict[int, list[Nieuwtje]] = defaultdict(list)
    if not wijk_ids or sinds >= tot:
        return per_wijk
    for naam in sorted(_BRONNEN):
        for nieuwtje in _BRONNEN[naam](wijk_ids, sinds, tot):
            # A source that strays outside its window or wards must not leak into a mail.
            if nieuwtje.wijk_id in wijk_ids and sinds < nieuwtje.tijdstip <= tot:
                per_wijk[nieuwtje.wijk_id].append(nieuwtje)
    for lijst in per_wijk.values():
        lijst.sort(key=lambda n: (n.tijdstip, n.soort, n.titel))
    return per_wijk


# --- following: the services the pages call ----------------------------------------------


class Geweigerd(Exception):
    """The person may not do this (not signed in, or the account is not active)."""


@transaction.atomic
def volger_opslaan(*, gebruiker, wijk: Wijk, frequentie: str) -> tuple[Volger, bool]:
    """Follow ``wijk`` as ``gebruiker`` with this frequency, or change the frequency of
    following it. Returns the follower and whether it is new. News starts from now: a
    new follower does not get the ward's past."""
    if not is_actief(gebruiker):
        raise Geweigerd
    if frequentie not in Berichtfrequentie.values:
        raise ValueError(frequentie)
    volger, nieuw = Volger.objects.select_for_update().get_or_create(
        gebruiker=gebruiker,
        wijk=wijk,
        onderwerp=None,
        defaults={"frequentie": frequentie, "laatst_bericht": timezone.now()},
    )
    if not nieuw and volger.frequentie != frequentie:
        volger.frequentie = frequentie
        volger.save(update_fields=["frequentie"])
    return volger, nieuw


@transaction.atomic
def volger_verwijderen(*, gebruiker, wijk: Wijk) -> bool:
    """Stop following ``wijk``; returns whether there was anything to stop (idempotent)."""
    if not is_actief(gebruiker):
        raise Geweigerd
    verwijderd, _detail = (
        Volger.objects.van_wijken().filter(gebruiker=gebruiker, wijk=wijk).delete()
    )
    return bool(verwijderd)


@transaction.atomic
def onderwerp_volgen(*, gebruiker, onderwerp) -> tuple[Volger, bool]:
    """Follow one item as ``gebruiker``: an email right away with each public step it
    takes from now on. The caller checks the person may see the item (this app does not
    know items). Returns the follower and whether it is new; again is fine."""
    if not is_actief(gebruiker):
        raise Geweigerd
    return Volger.objects.select_for_update().get_or_create(
        gebruiker=gebruiker,
        onderwerp_id=onderwerp.pk,
        defaults={
            "wijk_id": onderwerp.wijk_id,
            "frequentie": Berichtfrequentie.DIRECT,
            "laatst_bericht": timezone.now(),
        },
    )


@transaction.atomic
def onderwerp_ontvolgen(*, gebruiker, onderwerp_id: int) -> bool:
    """Stop following one item; returns whether there was anything to stop (idempotent)."""
    if not is_actief(gebruiker):
        raise Geweigerd
    verwijderd, _detail = Volger.objects.filter(
        gebruiker=gebruiker, onderwerp_id=onderwerp_id
    ).delete()
    return bool(verwijderd)


def afmeldtoken(volger: Volger) -> str:
    """The signed token of an unsubscribe link: the follower, the person, the ward, and
    the item for someone following one item.

    The ward is in it so the page can name it after the row is gone, and so a link from
    an old email still stops the following a person restarted later."""
    inhoud = {"v": volger.pk, "g": volger.gebruiker_id, "w": volger.wijk_id}
    if volger.onderwerp_id:
        inhoud["o"] = volger.onderwerp_id
    return signing.dumps(inhoud, salt=AFMELD_SALT)


def afmeldtoken_lezen(token: str) -> dict | None:
    """The token's contents, or None when it is not one of ours or was tampered with."""
    try:
        inhoud = signing.loads(token, salt=AFMELD_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(inhoud, dict) or not all(
        isinstance(inhoud.get(k), int) for k in ("v", "g", "w")
    ):
        return None
    if "o" in inhoud and not isinstance(inhoud["o"], int):
        return None
    return inhoud


@transaction.atomic
def volger_afmelden(*, token: str) -> tuple[Wijk, int | None] | None:
    """Unsubscribe with the signed token of an email link: no sign-in needed, the
    signature is the authorisation. Idempotent. Returns the ward and the item (None when
    the link stopped following the ward), or None for a bad token (nothing changes)."""
    inhoud = afmeldtoken_lezen(token)
    if inhoud is None:
        return None
    wijk = Wijk.objects.filter(pk=inhoud["w"]).first()
    if wijk is None:
        return None
    onderwerp_id = inhoud.get("o")
    if onderwerp_id is not None:
        Volger.objects.filter(gebruiker_id=inhoud["g"], onderwerp_id=onderwerp_id).delete()
    else:
        Volger.objects.van_wijken().filter(gebruiker_id=inhoud["g"], wijk=wijk).delete()
    return wijk, onderwerp_id


# --- sending ----------------------------------------------------------------------------


def melden(*, wijk_id: int) -> None:
    """Something followers of this ward should hear about changed: after the current
    transaction commits, email the ward's ``direct`` followers their news."""
    transaction.on_commit(lambda: direct_versturen.enqueue(wijk_id=wijk_id))


@task
def direct_versturen(*, wijk_id: int) -> int:
    """Email the ``direct`` followers of one ward their news up to now; returns the count."""
    return berichten_versturen(Volger.objects.direct().filter(wijk_id=wijk_id))


def berichten_versturen(volgers, *, tot: datetime.datetime | None = None, proef=False) -> int:
    """Email each follower in the queryset ``volgers`` their news in
    ``(laatst_bericht, tot]`` (``tot`` defaults to now) and move their ``laatst_bericht``
    to ``tot``. Followers without news get nothing (their window still moves on: there
    was nothing in it). ``proef``: count the emails, send nothing, change nothing.
    Returns the number of emails."""
    tot = tot or timezone.now()
    pks = list(volgers.filter(laatst_bericht__lt=tot).order_by("pk").values_list("pk", flat=True))
    aantal = 0
    for begin in range(0, len(pks), PER_KEER):
        aantal += _groep_versturen(pks[begin : begin + PER_KEER], tot=tot, proef=proef)
    return aantal


@transaction.atomic
def _groep_versturen(pks: list[int], *, tot: datetime.datetime, proef: bool) -> int:
    # Locked per row; a row another task holds is skipped (that task sends its news), and
    # the window is read again under the lock, so the same news never goes out twice.
    volgers = list(
        Volger.objects.filter(pk__in=pks, laatst_bericht__lt=tot)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("gebruiker", "wijk")
        .order_by("pk")
    )
    if not volgers:
        return 0
    # The sources word their news (kinds, statuses) in the language of the email: read
    # once per language the followers use the portal in (Gebruiker.taal).
    per_taal = {}
    for taal in sorted({_taal(v) for v in volgers}):
        van_taal = [v for v in volgers if _taal(v) == taal]
        with translation.override(taal):
            per_taal[taal] = nieuws(
                {v.wijk_id for v in van_taal}, min(v.laatst_bericht for v in van_taal), tot
            )
    aantal = 0
    for volger in volgers:
        per_wijk = per_taal[_taal(volger)]
        items = [n for n in per_wijk.get(volger.wijk_id, []) if n.tijdstip > volger.laatst_bericht]
        if volger.onderwerp_id:
            # Someone following one item hears of that item's steps, not the ward's news.
            items = [n for n in items if n.onderwerp_id == volger.onderwerp_id]
        if items and volger.gebruiker.is_active and volger.gebruiker.email:
            if not proef:
                _mail(volger, items)
            aantal += 1
        volger.laatst_bericht = tot
    if not proef:
        Volger.objects.bulk_update(volgers, ["laatst_bericht"])
    return aantal


def _taal(volger: Volger) -> str:
    """The language of this follower's email: the one they use the portal in."""
    talen = {code for code, _naam in settings.LANGUAGES}
    taal = getattr(volger.gebruiker, "taal", None)
    return taal if taal in talen else settings.LANGUAGE_CODE


def _absoluut(pad: str) -> str:
    return settings.PORTAAL_URL + pad


def _mail(volger: Volger, items: list[Nieuwtje]) -> None:
    afmelden = _absoluut(reverse("wijken:afmelden", kwargs={"token": afmeldtoken(volger)}))
    groepen = []
    for soort, kop in SOORTEN.items():
        van_soort = [
            {"titel": n.titel, "tekst": n.tekst, "url": _absoluut(n.url), "tijdstip": n.tijdstip}
            for n in items
            if n.soort == soort
        ]
        if van_soort:
            groepen.append({"soort": soort, "kop": kop, "items": van_soort})
    # In the follower's language (mail_na_commit), also when sent from a task.
    wekelijks = volger.frequentie == Berichtfrequentie.WEKELIJKS
    if volger.onderwerp_id:
        # One item's steps: named after the item (its public title, as the news has it).
        template_basis = "wijken/email/onderwerpbericht"

        def onderwerp():
            return _("News about %(titel)s") % {"titel": items[-1].titel}

    else:
        template_basis = "wijken/email/wijkbericht"

        def onderwerp():
            return (_("This week in %(wijk)s") if wekelijks else _("News from %(wijk)s")) % {
                "wijk": volger.wijk.naam
            }

    mail_na_commit(
        template_basis=template_basis,
        context={
            "titel": items[-1].titel,
            "onderwerp_url": _absoluut(items[-1].url),
            "wijk": volger.wijk,
            "wekelijks": wekelijks,
            "groepen": groepen,
            "wijk_url": _absoluut(volger.wijk.get_absolute_url()),
            "afmelden_url": afmelden,
            "beheren_url": _absoluut(reverse("wijken:gevolgd")),
        },
        onderwerp=onderwerp,
        ontvangers=[volger.gebruiker],
        headers={
            "List-Unsubscribe": f"<{afmelden}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )

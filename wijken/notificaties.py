"""Email, reusable by every app: render a text and an HTML part, send after the commit.

Usage from a service function, inside its transaction::

    mail_na_commit(
        template_basis="wijken/email/interesse",
        context={"functie": functie, "reactie": reactie},
        onderwerp=lambda: _("Someone is interested in a seat"),  # in each one's language
        ontvangers=[contactpersoon, "groep@example.org"],  # accounts, or addresses
    )

The templates ``{template_basis}.txt`` and ``{template_basis}.html`` are rendered now
(in each recipient's language, ``Gebruiker.taal``, Dutch by default; autoescaped; user
text is never marked safe) and the email is
queued with ``transaction.on_commit``: a rolled-back change sends nothing. The sending
itself is a django.tasks task, so a worker backend can take it out of the request.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models.functions import Lower
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

#: Header lines sent exactly as given, on one line. RFC 2369 wants the URL of
#: List-Unsubscribe in angle brackets as it is, RFC 8058 the one-click POST beside it; the
#: mail library RFC 2047-encodes any header line over 78 characters that it cannot fold
#: (``=?utf-8?q?=3Chttps…``), and mail clients then offer no one-click unsubscribe.
ONGEVOUWEN_KOPPEN = {"list-unsubscribe", "list-unsubscribe-post"}


class _OngevouwenKop(str):
    """A header value the email library writes out unchanged: its policy serialises a
    value with a ``name`` through the value's own ``fold``. ASCII on one line, within
    RFC 5322's 998 characters; anything else is refused rather than sent mangled."""

    def __new__(cls, name: str, waarde: str):
        regel = f"{name}: {waarde}"
        if not regel.isascii() or "\r" in regel or "\n" in regel or len(regel) > 998:
            raise ValueError(f"{name} cannot be sent as one plain header line")
        kop = super().__new__(cls, waarde)
        kop.name = name
        return kop

    def fold(self, *, policy) -> str:
        return f"{self.name}: {self}{policy.linesep}"


class _Email(EmailMultiAlternatives):
    """Django's email, with the ``ONGEVOUWEN_KOPPEN`` set unfolded."""

    def message(self, **kwargs):
        msg = super().message(**kwargs)
        for naam, waarde in self.extra_headers.items():
            if naam.lower() in ONGEVOUWEN_KOPPEN:
                del msg[naam]
                msg[naam] = _OngevouwenKop(naam, str(waarde))
        return msg


@task
def mail_versturen(
    *,
    onderwerp: str,
    tekst: str,
    html: str,
    ontvangers: list[str],
    headers: dict[str, str] | None = None,
) -> int:
    """Send one email with a plain-text body and an HTML alternative; returns the count sent.
    ``headers`` are extra header lines, e.g. List-Unsubscribe for a ward's followers."""
    # A subject often carries a title someone typed; a line break in it (a crafted request
    # can send one) would make the mail library refuse the whole message, so every run of
    # whitespace becomes one space and the email still goes.
    onderwerp = " ".join(
        f"{getattr(settings, 'ACCOUNT_EMAIL_SUBJECT_PREFIX', '')}{onderwerp}".split()
    )
    bericht = _Email(
        subject=onderwerp,
        body=tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=ontvangers,
        headers=headers or None,
    )
    bericht.attach_alternative(html, "text/html")
    return bericht.send()


def _per_taal(ontvangers) -> dict[str, list[str]]:
    """The addresses by the language their person uses the portal in (``taal``). An
    account gives its own; an address alone is looked up (one query), and one without an
    account (a group's general address) gets the portal's language."""
    standaard = settings.LANGUAGE_CODE
    talen = {code for code, _naam in settings.LANGUAGES}
    taal_van: dict[str, str | None] = {}
    for ontvanger in ontvangers:
        adres = ontvanger if isinstance(ontvanger, str) else getattr(ontvanger, "email", "")
        adres = (adres or "").strip().lower()
        if not adres:
            continue
        taal = None if isinstance(ontvanger, str) else getattr(ontvanger, "taal", None)
        if taal or adres not in taal_van:
            taal_van[adres] = taal
    onbekend = [a for a, t in taal_van.items() if t is None]
    if onbekend:
        # The user model by its setting: this lowest app refers to accounts no other way.
        gevonden = (
            get_user_model()
            .objects.annotate(adres=Lower("email"))
            .filter(adres__in=onbekend)
            .values_list("adres", "taal")
        )
        taal_van.update(dict(gevonden))
    per_taal: dict[str, list[str]] = {}
    for adres, taal in sorted(taal_van.items()):
        per_taal.setdefault(taal if taal in talen else standaard, []).append(adres)
    return per_taal


def mail_na_commit(
    *,
    template_basis: str,
    context: dict,
    onderwerp,
    ontvangers,
    headers: dict[str, str] | None = None,
) -> bool:
    """Render ``template_basis`` .txt/.html with ``context`` and send it once the current
    transaction commits, to each person in the language they use the portal in.

    ``ontvangers``: accounts or addresses (an address is matched to its account; without
    one it gets the portal's language, Dutch). One email per language. ``onderwerp``: the
    subject, or a function that gives it, called in each language (so ``_("… %(titel)s")
    % …`` inside a ``lambda``); lazy texts in ``context`` are translated per language too.
    Duplicate and empty addresses are dropped; returns False (and queues nothing) when no
    address is left. ``headers``: extra header lines (strings)."""
    per_taal = _per_taal(ontvangers)
    if not per_taal:
        return False
    headers = {str(k): str(v) for k, v in (headers or {}).items()}
    for taal, adressen in per_taal.items():
        with translation.override(taal):
            inhoud = {"gemeente_naam": settings.GEMEENTE_NAAM, **context, "LANGUAGE_CODE": taal}
            # Rendered now, inside the request, so the task gets plain strings (JSON-safe
            # for a queue) and the templates see the objects as they were when the change
            # was made.
            tekst = render_to_string(f"{template_basis}.txt", inhoud)
            html = render_to_string(f"{template_basis}.html", inhoud)
            titel = str(onderwerp() if callable(onderwerp) else onderwerp)
        transaction.on_commit(
            lambda titel=titel, tekst=tekst, html=html, adressen=adressen: mail_versturen.enqueue(
                onderwerp=titel, tekst=tekst, html=html, ontvangers=adressen, headers=headers
            )
        )
    return True

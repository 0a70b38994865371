"""Email, reusable by every app: render a text and an HTML part, send after the commit.

Usage from a service function, inside its transaction::

    mail_na_commit(
        template_basis="wijken/email/interesse",
        context={"functie": functie, "reactie": reactie},
        onderwerp=_("Someone is interested in a seat"),
        ontvangers=["a@example.org"],
    )

The templates ``{template_basis}.txt`` and ``{template_basis}.html`` are rendered now
(with the current language, autoescaped; user text is never marked safe) and the email is
queued with ``transaction.on_commit``: a rolled-back change sends nothing. The sending
itself is a django.tasks task, so a worker backend can take it out of the request.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string

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


def mail_na_commit(
    *,
    template_basis: str,
    context: dict,
    onderwerp,
    ontvangers,
    headers: dict[str, str] | None = None,
) -> bool:
    """Render ``template_basis`` .txt/.html with ``context`` and send it once the current
    transaction commits. Duplicate and empty addresses are dropped; returns False (and
    queues nothing) when no address is left. ``headers``: extra header lines (strings)."""
    adressen = sorted({a.strip().lower() for a in ontvangers if a and a.strip()})
    if not adressen:
        return False
    context = {"gemeente_naam": settings.GEMEENTE_NAAM, **context}
    # Rendered now, inside the request, so the task gets plain strings (JSON-safe for a
    # queue) and the templates see the objects as they were when the change was made.
    tekst = render_to_string(f"{template_basis}.txt", context)
    html = render_to_string(f"{template_basis}.html", context)
    onderwerp = str(onderwerp)
    headers = {str(k): str(v) for k, v in (headers or {}).items()}
    transaction.on_commit(
        lambda: mail_versturen.enqueue(
            onderwerp=onderwerp, tekst=tekst, html=html, ontvangers=adressen, headers=headers
        )
    )
    return True

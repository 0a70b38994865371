"""Session time-outs, throttled session activity, the second-factor rule for staff, and
no storing of pages rendered for a signed-in person."""

import hashlib
import time

from allauth.account.adapter import get_adapter
from allauth.usersessions import app_settings as usersessions_settings
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from contacten.permissions import mist_tweede_factor

_SESSIE_TIJD = "_wp_tijd"  # [user pk, signed in at, last seen] in epoch seconds
_BIJWERKEN_NA = 60  # write "last seen" at most once a minute, not on every request


class SessionTimeoutMiddleware:
    """Ends a session after SESSION_IDLE_TIMEOUT of inactivity or SESSION_COOKIE_AGE in all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            nu = int(time.time())
            pk, begin, gezien = request.session.get(_SESSIE_TIJD) or (None, nu, nu)
            if pk != user.pk:
                begin = gezien = nu
            if (
                nu - gezien > settings.SESSION_IDLE_TIMEOUT
                or nu - begin > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
                messages.info(request, _("You were signed out after a period of inactivity."))
            elif pk != user.pk or nu - gezien > _BIJWERKEN_NA:
                request.session[_SESSIE_TIJD] = [user.pk, begin, nu]
        return self.get_response(request)


_SESSIE_ACTIVITEIT = "_wp_activiteit"  # [fingerprint of key, IP, browser; epoch seconds]


class UserSessionsMiddleware:
    """allauth's activity tracking for the "your sessions" page, at most once a minute.

    allauth's own middleware writes the session's row on every request (five queries: a
    savepoint, a read, the user, an update, a release). "Last seen" to the minute is all
    the sessions page needs, so the row is written when the session, the IP address or the
    browser changed (which is what allauth's "client changed" signal is about), or when
    the last write is more than a minute old.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        sessie = getattr(request, "session", None)
        if (
            usersessions_settings.TRACK_ACTIVITY
            and sessie is not None
            and sessie.session_key
            and user is not None
            and user.is_authenticated
        ):
            self._bijhouden(request, sessie)
        return self.get_response(request)

    @staticmethod
    def _bijhouden(request, sessie):
        nu = int(time.time())
        bron = "\n".join(
            [sessie.session_key, get_adapter().get_client_ip(request) or "", _browser(request)]
        )
        kenmerk = hashlib.sha256(bron.encode()).hexdigest()[:16]
        vorig_kenmerk, vorige_keer = sessie.get(_SESSIE_ACTIVITEIT) or ("", 0)
        if vorig_kenmerk != kenmerk or nu - vorige_keer > _BIJWERKEN_NA:
            UserSession.objects.create_from_request(request)
            sessie[_SESSIE_ACTIVITEIT] = [kenmerk, nu]


def _browser(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[
        : UserSession._meta.get_field("user_agent").max_length
    ]


# URL names a member of staff without a second factor may still use: setting one up,
# their account, signing out, and the public statements.
_ZONDER_TWEEDE_FACTOR = ("account_", "mfa_", "usersessions_")
_ZONDER_TWEEDE_FACTOR_EXACT = {"set_language", "healthz", "toegankelijkheid", "privacy"}


class StaffSecondFactorMiddleware:
    """Municipal staff must set up a second factor before anything else (not in demo mode)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.MFA_VERPLICHT_VOOR_MEDEWERKERS or not mist_tweede_factor(request.user):
            return None
        naam = request.resolver_match.url_name or ""
        # By name only outside a namespace: the admin names its pages of allauth's models
        # "account_emailaddress_…", "mfa_authenticator_…", "usersessions_usersession_…",
        # and those are administration, not the person's own account.
        vrij = naam in _ZONDER_TWEEDE_FACTOR_EXACT or naam.startswith(_ZONDER_TWEEDE_FACTOR)
        if vrij and not request.resolver_match.namespace:
            return None
        messages.warning(
            request,
            _(
                "Your role gives access to personal data. Set up two-step verification "
                "with an authenticator app before you continue."
            ),
        )
        return redirect("mfa_activate_totp")


class TaalBewarenMiddleware:
    """Keeps the language a signed-in person uses the portal in (``Gebruiker.taal``), so
    every email to them is written in it, also one set off by someone else's action or
    sent by a task. Written only when it changes (the language switch, or a browser in
    another language), before the view runs, so an email the view sends already uses it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.talen = {code for code, _naam in settings.LANGUAGES}

    def __call__(self, request):
        user = getattr(request, "user", None)
        taal = getattr(request, "LANGUAGE_CODE", None)
        if (
            user is not None
            and user.is_authenticated
            and taal in self.talen
            and getattr(user, "taal", taal) != taal
        ):
            user.taal = taal
            user.save(update_fields=["taal"])
        return self.get_response(request)


class PersoonlijkNietBewarenMiddleware:
    """Every response to a signed-in person is ``Cache-Control: private, no-store``.

    Internal data (triage, the internal side of an item page, the work queue, dashboards,
    the college overview, the ward report, the contact log) is only ever shown to someone
    signed in, and some of it lives at the same address as a public page (an item page is
    internal for the ward's officials). Keying the rule on the signed-in request, not on a
    list of views, covers every such page, including the next one built, and keeps a page
    of one person out of shared caches and the browser's stored history on a shared
    computer. Pages for signed-out visitors are the same for all and may be cached.
    Headers a view set itself are kept and extended (``never_cache`` already has both).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response

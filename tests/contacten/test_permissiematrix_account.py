"""Role × URL × method for the account pages (django-allauth, under ``/account/``).

Every account URL (sign-in, sign-up, password reset, email, the second factor, sessions)
is requested by a visitor, a resident and two members of staff (one with a second factor,
one still without) with GET and with an empty POST. No request ends in a server error;
the pages that belong to a signed-in person (``SESSIE``) send a visitor to sign in and
change no row. The links from emails (confirm an address, reset a password) take a key,
here a forged one. A URL added later without an entry here fails the test.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import URLResolver, get_resolver, reverse

from contacten.models import Gebruiker
from tests.factories import GebruikerFactory
from tests.permissiematrix import (
    ANONIEM,
    METHODEN,
    assert_geen_fouten,
    assert_volledig,
    beoordeel,
    dekking,
    gebruikers,
    gevallen,
    per_methode,
    per_patroon,
    rollen,
    stand,
    vraag,
)
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db

ROLLEN = rollen("medewerker_zonder_tweede_factor", basis=(ANONIEM, "bewoner", "griffie"))


def _account_patronen():
    """Every pattern included under account/ (allauth's, the second factor's, sessions')."""
    resolver = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and str(p.pattern) == "account/"
    )
    gevonden = []

    def verzamel(r):
        for p in r.url_patterns:
            if isinstance(p, URLResolver):
                verzamel(p)
            else:
                gevonden.append(p)

    verzamel(resolver)
    return gevonden


PATRONEN = _account_patronen()

#: The pages of a signed-in person: a visitor is sent to sign in, for GET and POST.
SESSIE = {
    "account_email",
    "account_change_password",
    "account_set_password",
    "account_reauthenticate",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "usersessions_list",
}
#: The pages anyone may open (signed in or not); what they do is allauth's own tests'.
OPEN = {
    "account_login",
    "account_logout",
    "account_inactive",
    "account_signup",
    "account_email_verification_sent",
    "account_reset_password",
    "account_confirm_login_code",
    "account_confirm_email",
    "account_reset_password_from_key_done",
    "account_reset_password_from_key",
    "account_reset_password_done",
    "mfa_authenticate",
}
TOEGESTAAN = dict.fromkeys(SESSIE, "sessie") | dict.fromkeys(OPEN, "open")

#: Forged keys for the links from emails.
KWARGS = {
    "account_confirm_email": {"key": "vervalst-1"},
    "account_reset_password_from_key": {"uidb36": "1", "key": "vervalst-2"},
}

#: What this matrix covers of the root URLconf, and how many cases it checks.
DEKT = dekking(PATRONEN)
GEVALLEN = gevallen(ROLLEN, len(PATRONEN), methoden=METHODEN)


def test_elk_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)


@pytest.fixture
def wereld():
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    zonder = GebruikerFactory(wijkadviseur=True)
    personen = gebruikers(ROLLEN, wijk=wijk, ander=ander, medewerker_zonder_tweede_factor=zonder)
    return {"gebruikers": personen}


def _stand():
    # Not last_login: signing in (the client's force_login) sets it.
    return stand(
        Gebruiker.objects.values("id", "email", "password", "rol", "is_active"),
        EmailAddress,
        Authenticator,
    )


@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode):
    url = reverse(patroon.name, kwargs=KWARGS.get(patroon.name))
    fouten = []
    for rol in ROLLEN:
        gebruiker = wereld["gebruikers"][rol]
        voor = _stand()
        response = vraag(gebruiker, methode, url, {})
        na = _stand()
        if TOEGESTAAN[patroon.name] == "sessie" and gebruiker is None:
            fouten += beoordeel(rol, response, toegestaan=False, voor=voor, na=na)
        elif response.status_code >= 500:
            fouten.append(f"{rol}: {response.status_code}")
        elif gebruiker is None and voor != na:
            fouten.append(f"{rol}: a visitor changed rows")
    assert_geen_fouten(fouten, methode, patroon.name)

"""What browser tests share: signing in through the real form (with the second factor
when the person has one), and the check every page gets (one h1, no axe violation)."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from tests.a11y import assert_toegankelijk
from tests.factories import WACHTWOORD

TOTP_GEHEIM = "JBSWY3DPEHPK3PXP"  # the secret GebruikerFactory(tweede_factor=True) gets


def totp_code(geheim: str = TOTP_GEHEIM) -> str:
    """The authenticator app's current code for ``geheim``."""
    return format_hotp_value(hotp_value(geheim, int(time.time()) // 30))


def inloggen(page, live_server, gebruiker) -> None:
    """Sign in through the login form, and the TOTP step when the person has one."""
    page.goto(live_server.url + reverse("account_login"))
    page.fill("#id_login", gebruiker.email)
    page.fill("#id_password", WACHTWOORD)
    page.locator("form[action^='/account/login/'] [type=submit]").click()
    page.wait_for_load_state()
    if Authenticator.objects.filter(user=gebruiker, type=Authenticator.Type.TOTP).exists():
        assert page.url.endswith(reverse("mfa_authenticate")), page.url
        page.fill("#id_code", totp_code())
        page.locator("main form [type=submit]").first.click()
        page.wait_for_load_state()
        assert not page.url.endswith(reverse("mfa_authenticate"))


def bekijk(page, wat: str) -> None:
    """The page as it is now has exactly one h1 and no WCAG A/AA axe-core violation."""
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1, wat
    assert_toegankelijk(page, wat=wat)

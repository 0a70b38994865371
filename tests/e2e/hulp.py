"""What browser tests share: signing in through the real form (with the second factor
when the person has one), moving the focus with the keyboard alone, and the check every
page gets (one h1, no axe violation)."""

import re
import time
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.a11y import assert_toegankelijk
from tests.factories import WACHTWOORD

TOTP_GEHEIM = "JBSWY3DPEHPK3PXP"  # the secret GebruikerFactory(tweede_factor=True) gets


def totp_code(geheim: str = TOTP_GEHEIM) -> str:
    """The authenticator app's current code for ``geheim``; a code about to expire is
    waited out, so that it is still valid when the server checks it."""
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(geheim, int(time.time()) // 30))


def inloggen(page, live_server, gebruiker, *, tweede_factor: bool = True) -> None:
    """Sign in through the login form, and the TOTP step when the person has one (unless
    ``tweede_factor`` is False: a test of that step itself then takes it)."""
    page.goto(live_server.url + reverse("account_login"))
    page.fill("#id_login", gebruiker.email)
    page.fill("#id_password", WACHTWOORD)
    page.locator("form[action^='/account/login/'] [type=submit]").click()
    page.wait_for_load_state()
    heeft_totp = Authenticator.objects.filter(user=gebruiker, type=Authenticator.Type.TOTP)
    if tweede_factor and heeft_totp.exists():
        assert page.url.endswith(reverse("mfa_authenticate")), page.url
        page.fill("#id_code", totp_code())
        page.locator("main form [type=submit]").first.click()
        page.wait_for_load_state()
        assert not page.url.endswith(reverse("mfa_authenticate"))


def inloggen_met_toetsenbord(page, live_server, gebruiker, pad: str = "/") -> None:
    """Sign in on the login page with the keyboard alone (and the authenticator code when
    the person has a second factor); the portal returns to ``pad``."""
    page.goto(f"{live_server.url}{reverse('account_login')}?next={pad}")
    tab_naar(page, "#id_login")
    page.keyboard.type(gebruiker.email)
    tab_naar(page, "#id_password")
    page.keyboard.type(WACHTWOORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: not url.split("?")[0].endswith(reverse("account_login")))
    if page.url.endswith(reverse("mfa_authenticate")):
        bekijk(page, "second factor")
        tab_naar(page, "#id_code")
        page.keyboard.type(totp_code())
        page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + pad)


def inloggen_via_omweg(page, live_server, gebruiker, pad: str) -> None:
    """Open a page that needs an account while signed out: the portal asks to sign in
    (the form filled in, as without JavaScript), then returns to ``pad``."""
    page.goto(live_server.url + pad)
    page.wait_for_url(re.compile(r"/account/login/\?next="))
    page.fill("#id_login", gebruiker.email)
    page.fill("#id_password", WACHTWOORD)
    page.locator("form[action^='/account/login/'] [type=submit]").click()
    page.wait_for_url(live_server.url + pad)


def inloggen_met_sessie(context, live_server, gebruiker) -> None:
    """Sign ``context`` (a browser context) in by session cookie, for tests about what a
    signed-in person sees rather than about signing in (the form is tested with
    ``inloggen``)."""
    c = Client()
    c.force_login(gebruiker)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": c.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def bekijk(page, wat: str) -> None:
    """The page as it is now has exactly one h1 and no WCAG A/AA axe-core violation."""
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1, wat
    assert_toegankelijk(page, wat=wat)


# The focus indicator of the element that has the focus, or "" when it shows none. The
# portal draws an outline (wijkportaal.css); Bootstrap's form controls and buttons a
# box-shadow. Either counts, as long as it is not zero-width or transparent.
_FOCUSRING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "body";
  const stijl = getComputedStyle(el);
  const lijn = stijl.outlineStyle !== "none" && parseFloat(stijl.outlineWidth) > 0
    && stijl.outlineColor !== "rgba(0, 0, 0, 0)";
  const schaduw = stijl.boxShadow && stijl.boxShadow !== "none";
  return lijn || schaduw ? "zichtbaar" : "";
}"""

_FOCUS_BESCHRIJVING = """() => {
  const el = document.activeElement;
  return el.outerHTML.slice(0, 160);
}"""


def tab_naar(page, doel: str | Callable, max: int = 80, *, terug: bool = False) -> None:
    """Press Tab (Shift+Tab with ``terug``) until the focus is on ``doel``: a CSS selector
    the focused element matches, or a predicate ``doel(page) -> bool``. Every element the
    focus passes on the way must show it (WCAG 2.4.7), the target included."""
    toets = "Shift+Tab" if terug else "Tab"
    for _ in range(max):
        page.keyboard.press(toets)
        ring = page.evaluate(_FOCUSRING)
        # Past the last control the focus leaves the page (body): nothing to draw there.
        if ring == "":
            raise AssertionError(f"focus not visible on {page.evaluate(_FOCUS_BESCHRIJVING)}")
        if ring == "body":
            continue
        gevonden = (
            doel(page)
            if callable(doel)
            else page.evaluate("s => document.activeElement.matches(s)", doel)
        )
        if gevonden:
            return
    raise AssertionError(f"{doel!r} not reached with {max} x {toets} on {page.url}")

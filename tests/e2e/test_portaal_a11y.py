"""Accessibility of the foundation's own pages, signed out and signed in."""

import pytest

from tests.a11y import assert_toegankelijk
from tests.e2e.hulp import inloggen
from tests.factories import WACHTWOORD, GebruikerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGINAS = ["/", "/toegankelijkheid/", "/privacy/", "/bestaat-niet/"]


@pytest.mark.parametrize("pad", PAGINAS)
def test_uitgelogd(page, live_server, pad):
    page.goto(live_server.url + pad)
    assert page.locator("h1").count() == 1
    assert_toegankelijk(page)


def test_ingelogd_als_bewoner_en_als_medewerker(page, live_server):
    inloggen(page, live_server, GebruikerFactory())
    for pad in PAGINAS:
        page.goto(live_server.url + pad)
        assert_toegankelijk(page, wat=f"{pad} (bewoner)")
    page.context.clear_cookies()
    wethouder = GebruikerFactory(wijkwethouder=True, tweede_factor=True)
    page.goto(live_server.url + "/account/login/")
    page.fill("#id_login", wethouder.email)
    page.fill("#id_password", WACHTWOORD)
    page.locator("form[action^='/account/login/'] [type=submit]").click()
    page.wait_for_load_state()
    # A staff member with a second factor is asked for it at sign-in.
    assert "/account/2fa/authenticate/" in page.url
    assert_toegankelijk(page, wat="second factor step")


def test_toetsenbord_skiplink_en_zichtbare_focus(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focus = page.evaluate("document.activeElement.getAttribute('href')")
    assert focus == "#inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_werkt_zonder_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.select_option("#taalkeuze-taal", "en")
    page.locator(".taalkeuze [type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()

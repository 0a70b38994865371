"""A new resident signs up, confirms their email, logs in and logs out, in the browser."""

import re

import pytest
from django.core import mail

from contacten.models import Gebruiker
from tests.a11y import assert_toegankelijk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_aanmelden_bevestigen_inloggen_uitloggen(page, live_server):
    mail.outbox.clear()
    page.goto(live_server.url + "/")
    page.locator("a[href='/account/signup/']").first.click()
    assert_toegankelijk(page, wat="signup")

    page.fill("#id_weergavenaam", "Noor van Dijk")
    page.fill("#id_email", "noor@example.test")
    page.fill("#id_password1", "lente-in-de-wijk-2026")
    page.fill("#id_password2", "lente-in-de-wijk-2026")
    page.locator("form[action='/account/signup/'] [type=submit]").click()

    page.wait_for_url(re.compile(r"/account/confirm-email/$"))
    assert_toegankelijk(page, wat="verification sent")
    gebruiker = Gebruiker.objects.get(email="noor@example.test")
    assert gebruiker.weergavenaam == "Noor van Dijk"
    assert gebruiker.rol == "bewoner"

    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["noor@example.test"]
    link = re.search(r"https?://[^\s]+/account/confirm-email/[^\s]+/", bericht.body).group(0)
    assert link.startswith(live_server.url)

    page.goto(link)
    assert_toegankelijk(page, wat="confirm email")
    page.locator("form[action*='/account/confirm-email/'] [type=submit]").click()
    # Confirming does not sign in by itself: the resident signs in with their password.
    page.wait_for_url(re.compile(r"/account/login/"))
    page.fill("#id_login", "noor@example.test")
    page.fill("#id_password", "lente-in-de-wijk-2026")
    page.locator("form[action='/account/login/'] [type=submit]").click()
    page.wait_for_url(live_server.url + "/")
    assert page.locator("form[action='/account/logout/']").count() == 1
    assert_toegankelijk(page, wat="home signed in")

    page.locator("form[action='/account/logout/'] [type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("a[href='/account/login/']").count() >= 1
    assert page.locator("form[action='/account/logout/']").count() == 0


def test_inloggen_zonder_bevestigd_email_stuurt_naar_bevestigen(page, live_server):
    from tests.factories import WACHTWOORD, GebruikerFactory

    gebruiker = GebruikerFactory(geverifieerd=False)
    page.goto(live_server.url + "/account/login/")
    page.fill("#id_login", gebruiker.email)
    page.fill("#id_password", WACHTWOORD)
    page.locator("form[action='/account/login/'] [type=submit]").click()
    page.wait_for_url(re.compile(r"/account/confirm-email/$"))
    assert page.locator("form[action='/account/logout/']").count() == 0


def test_demo_account_buiten_demomodus_krijgt_een_foutmelding(page, live_server, settings):
    """Issue 14.26: outside demo mode a demo account's sign-in looked successful (the
    home page, and "inloggen: geslaagd" in the audit log), and the next page was signed
    out. The form now says the sign-in failed, and nothing records a success."""
    from contacten.audit import AuditActie, AuditRegel
    from tests.factories import WACHTWOORD, GebruikerFactory

    settings.DEMO = False
    demo = GebruikerFactory(is_demo=True)
    page.goto(live_server.url + "/account/login/")
    page.fill("#id_login", demo.email)
    page.fill("#id_password", WACHTWOORD)
    page.locator("form[action='/account/login/'] [type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/account/login/")
    fout = page.locator("form[action='/account/login/'] .alert-danger, .invalid-feedback")
    assert fout.count()
    assert page.locator("form[action='/account/logout/']").count() == 0
    assert not AuditRegel.objects.filter(actie=AuditActie.INLOGGEN).exists()

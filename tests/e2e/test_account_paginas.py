"""Every allauth page, and the public statements, pass axe-core in headless Chromium.

Signed out, with form errors, and signed in through the real login form. Assertions are
on structure (ids, hrefs, roles, counts), not on copy, so they hold when the Dutch
catalogue lands.
"""

import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.a11y import assert_toegankelijk
from tests.e2e.hulp import inloggen, totp_code
from tests.factories import WACHTWOORD, GebruikerFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _bekijk(page, url: str) -> None:
    """Open a page, check it has exactly one h1 and no axe-core violations."""
    page.goto(url)
    assert page.locator("h1").count() == 1, url
    assert_toegankelijk(page)


def _verstuur(page) -> None:
    """Submit the (first) form in the main content with its primary button."""
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _samenvatting_linkt_naar_velden(page) -> None:
    """The error summary exists, is an alert, and each of its links targets a field."""
    samenvatting = page.locator("main .foutensamenvatting")
    assert samenvatting.count() == 1
    assert samenvatting.get_attribute("role") == "alert"
    links = samenvatting.locator("a")
    assert links.count() >= 1
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        assert href.startswith("#id_"), href
        doel = page.locator(href)
        assert doel.count() == 1, href
        assert doel.evaluate("el => ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)"), href


# --- Signed out -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "naam",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key_done",
        "account_email_verification_sent",
        "account_inactive",
    ],
)
def test_afgemeld_toegankelijk(page, live_server, naam):
    _bekijk(page, live_server.url + reverse(naam))


def test_inlogpagina_linkt_naar_aanmelden_en_wachtwoord_vergeten(page, live_server):
    page.goto(live_server.url + reverse("account_login"))
    assert page.locator(f"main a[href='{reverse('account_signup')}']").count() >= 1
    assert page.locator(f"main a[href='{reverse('account_reset_password')}']").count() >= 1


def test_ongeldige_resetlink_toegankelijk(page, live_server):
    url = reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "fout-sleutel"})
    _bekijk(page, live_server.url + url)
    assert page.locator(f"main a[href='{reverse('account_reset_password')}']").count() == 1


def test_geldige_resetlink_met_fouten_en_klaar(page, live_server):
    gebruiker = GebruikerFactory()
    url = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(gebruiker),
            "key": default_token_generator.make_token(gebruiker),
        },
    )
    _bekijk(page, live_server.url + url)
    assert page.locator("#id_password1").get_attribute("autocomplete") == "new-password"

    page.fill("#id_password1", "een-nieuw-wachtwoord-81")
    page.fill("#id_password2", "iets-heel-anders-81")
    _verstuur(page)
    _samenvatting_linkt_naar_velden(page)
    assert page.locator("#id_password2").get_attribute("aria-invalid") == "true"
    assert_toegankelijk(page, wat="password reset with errors")

    page.fill("#id_password1", "een-nieuw-wachtwoord-81")
    page.fill("#id_password2", "een-nieuw-wachtwoord-81")
    _verstuur(page)
    assert page.url.endswith(reverse("account_reset_password_from_key_done"))
    assert page.locator("h1").count() == 1
    assert_toegankelijk(page, wat="password reset done")


def test_ongeldige_bevestigingslink_toegankelijk(page, live_server):
    url = reverse("account_confirm_email", kwargs={"key": "geen-geldige-sleutel"})
    _bekijk(page, live_server.url + url)


def test_geldige_bevestigingslink_toegankelijk(page, live_server):
    gebruiker = GebruikerFactory(geverifieerd=False)
    adres = EmailAddress.objects.get(user=gebruiker)
    url = reverse("account_confirm_email", kwargs={"key": EmailConfirmationHMAC(adres).key})
    _bekijk(page, live_server.url + url)
    _verstuur(page)
    adres.refresh_from_db()
    assert adres.verified


# --- Form errors ------------------------------------------------------------------------


def test_inloggen_met_verkeerd_wachtwoord_toegankelijk(page, live_server):
    gebruiker = GebruikerFactory()
    page.goto(live_server.url + reverse("account_login"))
    page.fill("#id_login", gebruiker.email)
    page.fill("#id_password", "dit-is-niet-het-wachtwoord")
    _verstuur(page)

    assert page.url.endswith(reverse("account_login"))
    _samenvatting_linkt_naar_velden(page)
    assert page.locator("#id_login").input_value() == gebruiker.email
    assert page.locator("h1").count() == 1
    assert_toegankelijk(page, wat="login with a wrong password")


def test_aanmelden_met_ongelijke_wachtwoorden_toegankelijk(page, live_server):
    page.goto(live_server.url + reverse("account_signup"))
    assert page.locator("#id_weergavenaam").count() == 1
    page.fill("#id_weergavenaam", "Sanne Jansen")
    page.fill("#id_email", "sanne@example.test")
    page.fill("#id_password1", "een-lang-wachtwoord-19")
    page.fill("#id_password2", "een-ander-wachtwoord-19")
    _verstuur(page)

    _samenvatting_linkt_naar_velden(page)
    assert page.locator(".foutensamenvatting a[href='#id_password2']").count() == 1
    wachtwoord2 = page.locator("#id_password2")
    assert wachtwoord2.get_attribute("aria-invalid") == "true"
    foutid = "id_password2_error"
    assert foutid in wachtwoord2.get_attribute("aria-describedby").split()
    assert page.locator(f"#{foutid}").count() == 1
    # What was typed (but not the passwords) comes back.
    assert page.locator("#id_weergavenaam").input_value() == "Sanne Jansen"
    assert page.locator("#id_email").input_value() == "sanne@example.test"
    assert page.locator("h1").count() == 1
    assert_toegankelijk(page, wat="signup with mismatched passwords")


def test_leeg_aanmeldformulier_markeert_elk_veld(page, live_server):
    page.goto(live_server.url + reverse("account_signup"))
    _verstuur(page)

    _samenvatting_linkt_naar_velden(page)
    for veld in ("id_weergavenaam", "id_email", "id_password1", "id_password2"):
        assert page.locator(f"#{veld}").get_attribute("aria-invalid") == "true", veld
    assert_toegankelijk(page, wat="empty signup form")


# --- Signed in --------------------------------------------------------------------------


def test_ingelogd_accountpaginas_toegankelijk(page, live_server):
    gebruiker = GebruikerFactory()
    inloggen(page, live_server, gebruiker, tweede_factor=False)
    assert not page.url.endswith(reverse("account_login"))

    for naam in (
        "account_email",
        "account_change_password",
        "usersessions_list",
        "mfa_index",
        "account_reauthenticate",
        "account_logout",
    ):
        _bekijk(page, live_server.url + reverse(naam))

    # The sessions list shows this very session, with a header above every column.
    page.goto(live_server.url + reverse("usersessions_list"))
    assert page.locator("main tbody tr").count() == 1
    assert page.locator("main thead th").count() == page.locator("main tbody tr td").count()


def test_wachtwoord_wijzigen_met_fouten_toegankelijk(page, live_server):
    inloggen(page, live_server, GebruikerFactory())
    page.goto(live_server.url + reverse("account_change_password"))
    assert page.locator("#id_oldpassword").get_attribute("autocomplete") == "current-password"
    page.fill("#id_oldpassword", "niet-mijn-wachtwoord")
    page.fill("#id_password1", "kort")
    page.fill("#id_password2", "kort")
    _verstuur(page)

    _samenvatting_linkt_naar_velden(page)
    assert page.locator("#id_oldpassword").get_attribute("aria-invalid") == "true"
    assert_toegankelijk(page, wat="password change with errors")


def test_email_toevoegen_met_fout_toegankelijk(page, live_server):
    inloggen(page, live_server, GebruikerFactory())
    page.goto(live_server.url + reverse("account_email"))
    page.fill("#id_email", "geen-adres")
    page.locator("main button[name=action_add]").click()
    page.wait_for_load_state()

    assert page.locator("main .foutensamenvatting").count() == 1
    _samenvatting_linkt_naar_velden(page)
    assert_toegankelijk(page, wat="add email with an error")


def test_wachtwoord_instellen_toegankelijk(page, live_server, client):
    # Someone without a usable password (e.g. made by an administrator) sets one.
    gebruiker = GebruikerFactory()
    gebruiker.set_unusable_password()
    gebruiker.save()
    client.force_login(gebruiker)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    _bekijk(page, live_server.url + reverse("account_set_password"))
    assert page.locator("#id_password1").get_attribute("autocomplete") == "new-password"


def test_tweede_factor_instellen_en_herstelcodes(page, live_server):
    inloggen(page, live_server, GebruikerFactory())

    # Setting up a second factor asks for the password again first.
    _bekijk(page, live_server.url + reverse("mfa_activate_totp"))
    assert reverse("account_reauthenticate") in page.url
    page.fill("#id_password", WACHTWOORD)
    _verstuur(page)
    assert page.url.endswith(reverse("mfa_activate_totp"))
    assert page.locator("h1").count() == 1
    assert_toegankelijk(page, wat="activate TOTP")
    qr = page.locator("main img.wp-qr")
    assert qr.count() == 1
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    geheim = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]+", geheim)

    # A wrong code first: the error is tied to the field.
    page.fill("#id_code", "000000" if totp_code(geheim) != "000000" else "111111")
    _verstuur(page)
    _samenvatting_linkt_naar_velden(page)
    assert page.locator("#id_code").get_attribute("aria-invalid") == "true"
    assert_toegankelijk(page, wat="activate TOTP with a wrong code")

    page.fill("#id_code", totp_code(geheim))
    _verstuur(page)
    assert page.url.endswith(reverse("mfa_view_recovery_codes"))
    assert page.locator("h1").count() == 1
    assert page.locator("#recovery_codes").count() == 1
    assert_toegankelijk(page, wat="recovery codes after activation")

    for naam in ("mfa_index", "mfa_generate_recovery_codes", "mfa_deactivate_totp"):
        _bekijk(page, live_server.url + reverse(naam))


def test_tweede_stap_bij_inloggen_toegankelijk(page, live_server):
    gebruiker = GebruikerFactory(tweede_factor=True)
    RecoveryCodes.activate(gebruiker)
    inloggen(page, live_server, gebruiker, tweede_factor=False)

    assert page.url.endswith(reverse("mfa_authenticate"))
    assert page.locator("h1").count() == 1
    assert page.locator("#id_code").get_attribute("autocomplete") == "one-time-code"
    assert_toegankelijk(page, wat="second factor at login")

    page.fill("#id_code", "000000" if totp_code() != "000000" else "111111")
    _verstuur(page)
    assert page.url.endswith(reverse("mfa_authenticate"))
    _samenvatting_linkt_naar_velden(page)
    assert_toegankelijk(page, wat="second factor with a wrong code")

    page.fill("#id_code", totp_code())
    _verstuur(page)
    assert not page.url.endswith(reverse("mfa_authenticate"))

    # Viewing the recovery codes asks for the second factor again first.
    _bekijk(page, live_server.url + reverse("mfa_view_recovery_codes"))
    assert reverse("account_reauthenticate") in page.url
    _bekijk(page, live_server.url + reverse("mfa_reauthenticate"))
    _bekijk(page, live_server.url + reverse("mfa_index"))
    assert page.locator("main section.card h2").count() == 2


def test_afmelden_via_bevestigingspagina(page, live_server):
    gebruiker = GebruikerFactory()
    inloggen(page, live_server, gebruiker, tweede_factor=False)
    _bekijk(page, live_server.url + reverse("account_logout"))
    _verstuur(page)
    assert page.locator(f"header a[href='{reverse('account_login')}']").count() == 1
    assert get_user_model().objects.filter(pk=gebruiker.pk).exists()


# --- The statements, in both languages ---------------------------------------------------


def _kopniveaus_zonder_sprong(page) -> None:
    niveaus = page.locator("main :is(h1, h2, h3, h4, h5, h6)").evaluate_all(
        "els => els.map(el => Number(el.tagName[1]))"
    )
    assert niveaus[0] == 1
    for vorige, huidige in zip(niveaus, niveaus[1:], strict=False):
        assert huidige <= vorige + 1, niveaus


def _kies_taal(page, taal: str) -> None:
    page.select_option("select#taalkeuze-taal", taal)
    page.locator("form.taalkeuze button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("naam", ["toegankelijkheid", "privacy"])
def test_verklaringen_in_beide_talen_toegankelijk(page, live_server, naam):
    page.goto(live_server.url + reverse(naam))
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").count() == 1
    assert page.locator("main h2").count() >= 5
    _kopniveaus_zonder_sprong(page)
    assert_toegankelijk(page, wat=f"{naam} (nl)")
    nl_kop = page.locator("h1").inner_text()

    _kies_taal(page, "en")
    assert page.url.endswith(reverse(naam))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text() != nl_kop
    assert page.locator("main h2").count() >= 5
    _kopniveaus_zonder_sprong(page)
    assert_toegankelijk(page, wat=f"{naam} (en)")

    _kies_taal(page, "nl")
    assert page.locator("html").get_attribute("lang") == "nl"


def test_toegankelijkheidsverklaring_noemt_datum_en_contact(page, live_server):
    page.goto(live_server.url + reverse("toegankelijkheid"))
    main = page.locator("main")
    assert main.locator("a[href^='mailto:']").count() >= 1
    assert main.locator("time[datetime='2026-11-29']").count() >= 1
    assert main.locator("a[href^='https://www.nationaleombudsman.nl']").count() >= 1


def test_privacyverklaring_noemt_contact_en_toezichthouder(page, live_server):
    page.goto(live_server.url + reverse("privacy"))
    main = page.locator("main")
    assert main.locator("a[href='mailto:privacy@example.org']").count() >= 1
    assert main.locator("a[href^='https://www.autoriteitpersoonsgegevens.nl']").count() >= 1

"""Following a ward in headless Chromium: a visitor signs in to follow a ward weekly, sees it
on "Wards I follow", gets the weekly email after an item is published, and unsubscribes
with the email's link; axe-core checks every page on the way."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from initiatieven import services
from tests.e2e.hulp import bekijk
from tests.factories import WACHTWOORD, GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import WijkFactory
from wijken import volgen
from wijken.models import Volger

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_volgen_weekbericht_en_afmelden(page, live_server, settings):
    # The email's links must point at this test server.
    settings.PORTAAL_URL = live_server.url
    page.set_default_timeout(10_000)
    wijk = WijkFactory(met_staf=True, naam="Noordwijk")
    bewoner = GebruikerFactory(email="volger@example.test")
    ander = GebruikerFactory(email="iemand@example.test", weergavenaam="Ingrid Indiener")
    onderwerp = OnderwerpFactory(
        wijk=wijk, indiener=ander, titel="Bankjes langs de singel", toon_naam=False
    )
    wijk_url = live_server.url + wijk.get_absolute_url()
    volgen_pad = reverse("wijken:volgen", kwargs={"code": wijk.code})

    # Signed out: the ward page asks to sign in to follow, and comes back to the form.
    page.goto(wijk_url)
    bekijk(page, "ward page, signed out")
    page.click("#volgen-inloggen")
    page.wait_for_load_state()
    bekijk(page, "login page to follow")
    page.fill("#id_login", bewoner.email)
    page.fill("#id_password", WACHTWOORD)
    page.locator("form[action^='/account/login/'] [type=submit]").click()
    expect(page).to_have_url(live_server.url + volgen_pad)
    bekijk(page, "follow page")

    # Follow weekly from the ward page itself.
    page.goto(wijk_url)
    bekijk(page, "ward page, signed in, not following")
    page.check("#volgen input[name=frequentie][value=wekelijks]")
    page.click("#volgen form.volgformulier button[type=submit]")
    expect(page).to_have_url(wijk_url)
    expect(page.locator("#volgen")).to_have_attribute("data-volgt", "wekelijks")
    bekijk(page, "ward page, following")
    assert Volger.objects.get(gebruiker=bewoner, wijk=wijk).frequentie == "wekelijks"

    # "Wards I follow" lists it.
    page.goto(live_server.url + reverse("wijken:gevolgd"))
    bekijk(page, "wards I follow")
    rij = page.locator(f"#gevolgde-wijken li[data-wijk='{wijk.code}']")
    expect(rij).to_have_attribute("data-frequentie", "wekelijks")

    # The ward advisor publishes an item; the weekly run emails the follower.
    services.onderwerp_screenen(
        onderwerp=onderwerp, door=wijk.wijkadviseur, versie=onderwerp.versie, openbaar=True
    )
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7), tick=False):
        call_command("wijkberichten", stdout=io.StringIO())
    berichten = [m for m in mail.outbox if bewoner.email in m.to]
    assert len(berichten) == 1
    bericht = berichten[0]
    assert "Bankjes langs de singel" in bericht.body
    assert "Ingrid" not in bericht.body and ander.email not in bericht.body
    assert bericht.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    afmelden = bericht.extra_headers["List-Unsubscribe"].strip("<>")
    assert afmelden in bericht.body
    assert afmelden.startswith(live_server.url + "/wijken/afmelden/")

    # A second run has nothing new to tell.
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8), tick=False):
        call_command("wijkberichten", stdout=io.StringIO())
    assert mail.outbox == []

    # The link in the email unsubscribes at once.
    page.goto(afmelden)
    expect(page.locator("h1#afgemeld")).to_have_attribute("data-wijk", wijk.code)
    bekijk(page, "unsubscribed")
    assert not Volger.objects.filter(gebruiker=bewoner).exists()

    # The ward page offers to follow again.
    page.goto(wijk_url)
    expect(page.locator("#volgen")).to_have_attribute("data-volgt", "nee")
    expect(page.locator("#volgen form.volgformulier")).to_have_count(1)
    bekijk(page, "ward page after unsubscribing")

    # "Wards I follow", now empty; and a broken link changes nothing.
    page.goto(live_server.url + reverse("wijken:gevolgd"))
    expect(page.locator("#geen-gevolgde-wijken")).to_have_count(1)
    bekijk(page, "wards I follow, empty")
    page.goto(afmelden[:-4] + "xyz/")
    expect(page.locator("h1#afmelden-ongeldig")).to_have_count(1)
    bekijk(page, "broken unsubscribe link")


def test_gevolgd_wijzigen_en_stoppen(page, live_server):
    page.set_default_timeout(10_000)
    bewoner = GebruikerFactory()
    wijken = [WijkFactory(naam=f"Wijk {n}") for n in ("A", "B")]
    for w in wijken:
        Volger.objects.create(gebruiker=bewoner, wijk=w, frequentie="direct")
    page.goto(live_server.url + reverse("account_login"))
    page.fill("#id_login", bewoner.email)
    page.fill("#id_password", WACHTWOORD)
    page.locator("form[action^='/account/login/'] [type=submit]").click()
    page.wait_for_load_state()

    gevolgd = live_server.url + reverse("wijken:gevolgd")
    page.goto(gevolgd)
    bekijk(page, "wards I follow, two wards")
    eerste = page.locator(f"li[data-wijk='{wijken[0].code}']")
    eerste.locator("input[value=wekelijks]").check()
    eerste.locator("form.volgformulier button[type=submit]").click()
    expect(page).to_have_url(gevolgd)
    expect(page.locator(f"li[data-wijk='{wijken[0].code}']")).to_have_attribute(
        "data-frequentie", "wekelijks"
    )
    bekijk(page, "wards I follow, changed")
    page.locator(f"li[data-wijk='{wijken[1].code}'] form.ontvolgformulier button").click()
    expect(page).to_have_url(gevolgd)
    expect(page.locator(f"li[data-wijk='{wijken[1].code}']")).to_have_count(0)
    bekijk(page, "wards I follow, one stopped")
    assert list(Volger.objects.values_list("wijk_id", "frequentie")) == [
        (wijken[0].pk, "wekelijks")
    ]

    # A tampered choice comes back with the error summary, and changes nothing.
    page.goto(live_server.url + reverse("wijken:volgen", kwargs={"code": wijken[1].code}))
    bekijk(page, "follow page")
    keuze = page.locator("#id_frequentie_0")
    keuze.evaluate("e => { e.value = 'elk-uur'; }")
    keuze.check()
    page.click("main form.volgformulier button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator(".foutensamenvatting")).to_have_count(1)
    bekijk(page, "follow page with an error")
    assert Volger.objects.count() == 1

    # Signed out, the unsubscribe link still works (no form to follow again then).
    anoniem = page.context.browser.new_context(locale="nl-NL").new_page()
    volger = Volger.objects.get()
    anoniem.goto(
        live_server.url + reverse("wijken:afmelden", kwargs={"token": volgen.afmeldtoken(volger)})
    )
    expect(anoniem.locator("h1#afgemeld")).to_have_count(1)
    expect(anoniem.locator("form.volgformulier")).to_have_count(0)
    bekijk(anoniem, "unsubscribed, signed out")
    assert not Volger.objects.exists()
    anoniem.context.close()

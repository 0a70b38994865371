"""What residents see of their items, in headless Chromium: the location they typed on the
public page once screened, "My contributions", the outcome on the item page, and following
one item. axe-core checks every page on the way."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from initiatieven import services
from initiatieven.forms import OnderwerpForm
from initiatieven.keuzes import Status
from initiatieven.models import Statuswijziging
from tests.contacten.factories import AgendapuntFactory, BesluitFactory, VergaderingFactory
from tests.e2e.hulp import bekijk, inloggen
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import WijkFactory
from wijken.models import Volger

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_locatie_openbaar_na_screening(page, live_server, browser):
    """Point 4: the form says the location becomes public; the advisor adjusts it while
    screening (it starts as the resident typed it); the public page shows the adjusted one."""
    wijk = WijkFactory(met_staf=True, naam="Molenwijk")
    onderwerp = OnderwerpFactory(
        wijk=wijk,
        titel="Moestuin bij de speeltuin",
        locatie="Grasveld naast Dorpsstraat 12 (mijn huis)",
    )

    # The resident's form tells them the location is shown in public after screening.
    inloggen(page, live_server, onderwerp.indiener)
    page.goto(live_server.url + reverse("initiatieven:initiatief_indienen"))
    with translation.override("nl"):
        hulp = str(OnderwerpForm.Meta.help_texts["locatie"])
    expect(page.locator("#id_locatie_helptext")).to_have_text(hulp)
    bekijk(page, "submission form with the location's help")
    page.context.clear_cookies()

    inloggen(page, live_server, wijk.wijkadviseur)
    page.goto(live_server.url + reverse("initiatieven:triage", args=[onderwerp.pk]))
    veld = page.locator("#screenen-publieke_locatie")
    expect(veld).to_have_value("Grasveld naast Dorpsstraat 12 (mijn huis)")
    page.locator("#screenen-openbaar_0").check()
    veld.fill("Grasveld naast de speeltuin")
    page.locator("#screenen-form button[type=submit]").click()
    page.wait_for_load_state()
    bekijk(page, "triage after screening with a public location")
    onderwerp.refresh_from_db()
    assert onderwerp.openbaar and onderwerp.publieke_locatie == "Grasveld naast de speeltuin"

    publiek = browser.new_page(locale="nl-NL")
    publiek.goto(live_server.url + onderwerp.get_absolute_url())
    expect(publiek.locator("#locatie")).to_have_text("Grasveld naast de speeltuin")
    assert "Dorpsstraat 12" not in publiek.content()
    bekijk(publiek, "public item page with its location")


def _nl(tekst: str) -> str:
    with translation.override("nl"):
        return translation.gettext(tekst)


def test_mijn_inbreng_ingetrokken_niet_te_screenen(page, live_server):
    """Point 5: a withdrawn item does not say the advisor will screen it, neither on "My
    contributions" nor on its own page, and the section heading does not read as a status."""
    ingetrokken = OnderwerpFactory(status=Status.INGETROKKEN, titel="Bankje bij de vijver")
    bewoner = ingetrokken.indiener
    nieuw = OnderwerpFactory(indiener=bewoner, titel="Speeltoestel repareren")
    inloggen(page, live_server, bewoner)

    page.goto(live_server.url + reverse("initiatieven:mijn_inbreng"))
    bekijk(page, "my contributions with a withdrawn item")
    kop = page.locator("#ingediend-kop").inner_text()
    assert kop not in (_nl("Submitted"), Status.INGEDIEND.label)
    openbaar = page.locator(f"#onderwerp-{ingetrokken.pk} [data-openbaar]")
    expect(openbaar).to_have_attribute("data-openbaarheid", "ingetrokken")
    assert _nl("Not yet: the ward advisor screens it first") not in openbaar.inner_text()
    expect(page.locator(f"#onderwerp-{nieuw.pk} [data-openbaar]")).to_contain_text(
        _nl("Not yet: the ward advisor screens it first")
    )

    page.goto(live_server.url + ingetrokken.get_absolute_url())
    melding = page.locator("#niet-openbaar")
    expect(melding).to_have_attribute("data-openbaarheid", "ingetrokken")
    assert (
        _nl("The ward advisor has not screened it yet. Items are published after screening.")
        not in melding.inner_text()
    )
    bekijk(page, "withdrawn item page for its submitter")


def test_besluit_eenmaal_en_nog_niet_mogelijk_niet_rood(page, live_server):
    """Point 6: the decision's explanation shows once on the item page (the result; the
    decision on the agenda and the step point to it), and "not possible yet" has no badge
    in the colour of an error."""
    besluittekst = "Het college stelt geld beschikbaar voor de moestuin en een watertappunt."
    onderwerp = OnderwerpFactory(afgerond=True, openbaar_=True, resultaat=besluittekst)
    Statuswijziging.objects.create(
        onderwerp=onderwerp,
        van=Status.GEAGENDEERD_COLLEGE,
        naar=Status.AFGEROND,
        publieke_toelichting=besluittekst,
    )
    punt = AgendapuntFactory(vergadering=VergaderingFactory(geweest=True), onderwerpen=[onderwerp])
    BesluitFactory(agendapunt=punt, toelichting=besluittekst)

    page.goto(live_server.url + onderwerp.get_absolute_url())
    bekijk(page, "item page with a decision")
    assert page.locator("main").inner_text().count(besluittekst) == 1
    expect(page.locator("#uitkomst")).to_contain_text(besluittekst)
    expect(page.locator("#agenda-van-onderwerp a[href='#uitkomst']")).to_have_count(1)
    expect(page.locator("#tijdlijn a[href='#uitkomst']")).to_have_count(1)

    later = OnderwerpFactory(nog_niet=True, openbaar_=True)
    page.goto(live_server.url + later.get_absolute_url())
    bekijk(page, "item page not possible yet")
    badge = page.locator("main .status-badge").first
    expect(badge).to_have_attribute("data-status", Status.NOG_NIET_MOGELIJK)
    assert "danger" not in badge.get_attribute("class")


def test_een_onderwerp_volgen(page, live_server, settings):
    """Point 8: a signed-in person follows one published item from its page, gets an
    email right away with each public step of that item (not of other items of the ward),
    sees it under "what I follow", and stops with the email's one-click link."""
    settings.PORTAAL_URL = live_server.url
    wijk = WijkFactory(met_staf=True, naam="Molenwijk")
    adviseur = wijk.wijkadviseur
    onderwerp = OnderwerpFactory(
        wijk=wijk, openbaar_=True, titel="Bankjes langs de singel", toon_naam=False
    )
    ander = OnderwerpFactory(wijk=wijk, openbaar_=True, titel="Zebrapad bij de school")
    volger = GebruikerFactory(email="volger@example.test")

    # A visitor is asked to sign in; the submitter gets no follow button (they hear of
    # every step already).
    page.goto(live_server.url + onderwerp.get_absolute_url())
    expect(page.locator("#volgen")).to_have_attribute("data-volgen", "inloggen")
    bekijk(page, "item page, signed out, follow block")
    inloggen(page, live_server, onderwerp.indiener)
    page.goto(live_server.url + onderwerp.get_absolute_url())
    expect(page.locator("#volgen")).to_have_count(0)
    page.context.clear_cookies()

    inloggen(page, live_server, volger)
    page.goto(live_server.url + onderwerp.get_absolute_url())
    expect(page.locator("#volgen")).to_have_attribute("data-volgen", "kan")
    page.locator("#volgen button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#volgen")).to_have_attribute("data-volgen", "volgt")
    bekijk(page, "item page, following")
    assert Volger.objects.filter(gebruiker=volger, onderwerp=onderwerp).exists()

    page.goto(live_server.url + reverse("wijken:gevolgd"))
    expect(
        page.locator(f"#gevolgde-onderwerpen li[data-onderwerp='{onderwerp.pk}']")
    ).to_have_count(1)
    bekijk(page, "what I follow, with an item")

    # A public step of the item: one email right away; a step of another item: none.
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1), tick=True):
        services.onderwerp_overgang(
            onderwerp=onderwerp,
            naar=Status.IN_BEHANDELING,
            door=adviseur,
            toelichting="We bekijken waar de bankjes kunnen staan.",
        )
        services.onderwerp_overgang(onderwerp=ander, naar=Status.IN_BEHANDELING, door=adviseur)
    berichten = [m for m in mail.outbox if volger.email in m.to]
    assert len(berichten) == 1
    bericht = berichten[0]
    assert "Bankjes langs de singel" in bericht.subject
    assert "We bekijken waar de bankjes kunnen staan." in bericht.body
    assert "Zebrapad" not in bericht.body
    assert onderwerp.indiener.email not in bericht.body
    afmelden = bericht.extra_headers["List-Unsubscribe"].strip("<>")
    assert bericht.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The email's link stops it, signed out too.
    page.context.clear_cookies()
    page.goto(afmelden)
    expect(page.locator("#onderwerp-afgemeld")).to_have_count(1)
    bekijk(page, "unsubscribed from an item")
    assert not Volger.objects.filter(gebruiker=volger).exists()

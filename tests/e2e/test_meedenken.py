"""Meedenken in headless Chromium, with the keyboard and without JavaScript: a resident
responds to a question with an attachment (anonymously, with a choice), the advisor
screens the response and after closing writes and publishes the feedback, and the
respondent gets it by email.
axe-core checks every page on the way; a 390 px wide phone sees the question page whole."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meedenken.models import Beoordeling, Inbreng
from tests.e2e.hulp import bekijk, inloggen_met_sessie
from tests.factories import GebruikerFactory
from tests.meedenken.factories import (
    PDF,
    InbrengFactory,
    MeedenkvraagFactory,
    VraagbijlageFactory,
)
from tests.wijken.factories import WijkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def zonder_js(browser):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    yield context
    context.close()


def test_bewoner_reageert_adviseur_beoordeelt_en_koppelt_terug(
    browser, live_server, settings, zonder_js
):
    settings.PORTAAL_URL = live_server.url
    wijk = WijkFactory(met_staf=True, naam="Molenwijk")
    vraag = MeedenkvraagFactory(
        wijken=[wijk],
        titel="Hoe richten we het Molenplein in?",
        # Closing soon: the clock moves past it below, within the sessions' idle time-out.
        sluit_op=timezone.now() + datetime.timedelta(minutes=10),
        reacties_openbaar=True,
        opties=["Meer groen", "Een speelplek"],
    )
    VraagbijlageFactory(vraag=vraag, oorspronkelijke_naam="Plankaart Molenplein.pdf")
    bewoner = GebruikerFactory(weergavenaam="Rosa Reageerder", email="rosa@example.test")
    adviseur = wijk.wijkadviseur

    # The resident, keyboard only, without JavaScript.
    inloggen_met_sessie(zonder_js, live_server, bewoner)
    page = zonder_js.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + reverse("meedenken:lijst"))
    page.goto(live_server.url + vraag.get_absolute_url())
    page.focus("#reageren")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("h1")).to_contain_text("Reageren")
    page.focus("#id_tekst")
    page.keyboard.type("Meer schaduw <b>graag</b>")
    page.check("input[name=keuzes] >> nth=0")
    # The file input posts without JavaScript (the form is multipart).
    page.set_input_files(
        "#id_bijlage",
        files=[{"name": "schets rosa.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.focus("form.formulier button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#eigen-tekst")).to_contain_text("Meer schaduw <b>graag</b>")
    expect(page.locator("#eigen-bijlage")).to_contain_text("schets rosa.pdf")
    expect(page.locator("#vraag-bijlagen")).to_contain_text("Plankaart Molenplein.pdf")
    # axe-core needs JavaScript: the same pages again, in a context with it on.
    met_js = browser.new_context(locale="nl-NL")
    inloggen_met_sessie(met_js, live_server, bewoner)
    axe = met_js.new_page()
    for pad, wat in [
        (reverse("meedenken:lijst"), "list of questions"),
        (vraag.get_absolute_url(), "question page after responding"),
        (reverse("meedenken:reageren", kwargs={"pk": vraag.pk}), "respond form"),
    ]:
        axe.goto(live_server.url + pad)
        bekijk(axe, wat)
    met_js.close()
    inbreng = Inbreng.objects.get()
    assert inbreng.gebruiker == bewoner and not inbreng.toon_naam
    assert inbreng.bijlage.inhoudstype == "application/pdf"
    assert [k.tekst for k in inbreng.keuzes.all()] == ["Meer groen"]

    # The advisor screens it: now public, and the resident is not named.
    context = browser.new_context(locale="nl-NL")
    inloggen_met_sessie(context, live_server, adviseur)
    staf = context.new_page()
    staf.set_default_timeout(10_000)
    staf.goto(live_server.url + reverse("meedenken:inbreng", kwargs={"pk": vraag.pk}))
    bekijk(staf, "responses for the advisor")
    staf.click(f"#inbreng-{inbreng.pk} button[value=openbaar]")
    staf.wait_for_load_state()
    assert Inbreng.objects.get().beoordeling == Beoordeling.OPENBAAR
    publiek = browser.new_page()
    publiek.goto(live_server.url + vraag.get_absolute_url())
    expect(publiek.locator(f"#reactie-{inbreng.pk}")).to_contain_text("Meer schaduw")
    expect(publiek.locator(f"#reactie-{inbreng.pk}")).to_contain_text(
        f"bijlage-{inbreng.bijlage.pk}.pdf"
    )
    assert "Rosa" not in publiek.content() and "rosa" not in publiek.content()
    publiek.close()

    # After closing: results, then the feedback, published; the respondent gets it.
    na = vraag.sluit_op + datetime.timedelta(minutes=1)
    with time_machine.travel(na, tick=True):
        staf.goto(live_server.url + vraag.get_absolute_url())
        bekijk(staf, "closed question, advisor")
        expect(staf.locator("#vraag-gegevens")).to_have_attribute("data-staat", "gesloten")
        expect(staf.locator("#uitslag")).to_be_visible()
        staf.click("#terugkoppeling-schrijven")
        staf.wait_for_load_state()
        bekijk(staf, "feedback form")
        staf.fill("#id_samenvatting", "Veel mensen willen schaduw.")
        staf.fill("#id_besluit", "We planten tien bomen op het plein.")
        staf.fill("#id_waarom", "Koelte in de zomer.")
        staf.locator("form.formulier button[type=submit]").click()
        staf.wait_for_load_state()
        mail.outbox.clear()
        staf.click("#terugkoppeling-publiceren")
        staf.wait_for_load_state()
        bekijk(staf, "question with feedback")
        expect(staf.locator("#terugkoppeling")).to_contain_text("tien bomen")
    berichten = [m for m in mail.outbox if bewoner.email in m.to]
    assert len(berichten) == 1
    assert "Wat we met je inbreng doen" in berichten[0].subject
    assert "tien bomen" in berichten[0].body
    context.close()


def test_vraagpagina_op_een_telefoon(browser, live_server):
    # With JavaScript on for axe-core; the journey above runs the resident's part without.
    vraag = MeedenkvraagFactory(
        opties=["Ja, graag meer bomen op het plein", "Nee"],
        titel="Een heel lange titel " * 5,
        uitslag_tijdens=True,
    )
    VraagbijlageFactory(vraag=vraag, oorspronkelijke_naam="Plankaart-" * 15 + ".pdf")
    InbrengFactory(vraag=vraag, tekst="").keuzes.set([vraag.opties.first()])
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    page = context.new_page()
    page.goto(live_server.url + vraag.get_absolute_url())
    bekijk(page, "question page at 390 px")
    breedte = page.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 390, breedte
    # The results chart's text as drawn: none smaller than 12 px.
    expect(page.locator("#uitslaggrafiek")).to_be_visible()
    kleinste = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('#uitslaggrafiek text')]
            .map(t => t.getBoundingClientRect().height).filter(h => h > 0))"""
    )
    assert kleinste >= 12, kleinste
    context.close()

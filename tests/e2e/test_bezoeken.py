"""In the browser: the griffie plans a ward's college dagdeel with suggested topics, is
refused a second one in the same term, holds it with a report and a follow-up action and
publishes the report; an anonymous visitor then finds the visit and the report on the
ward page, and the calendar feed carries it. axe-core on every page and state.

Assertions are on ids, URLs and database rows, not on copy (the browser runs in Dutch).
"""

import re

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from contacten.bezoeken import Bezoek, Bezoekstatus
from initiatieven.keuzes import Status
from initiatieven.models import Actie
from tests.contacten.factories import CollegeperiodeFactory
from tests.e2e.hulp import bekijk, inloggen
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import WijkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VERZENDEN = "main form[method=post] button[type=submit]"


def test_college_dagdeel_plannen_houden_en_publiceren(page, live_server):
    page.set_default_timeout(10_000)
    CollegeperiodeFactory()
    wijk = WijkFactory(met_staf=True, naam="Vogelwijk")
    escalatie = OnderwerpFactory(
        wijk=wijk, status=Status.BIJ_WIJKWETHOUDER, openbaar=True, titel="Oversteek bij school"
    )
    kansrijk = OnderwerpFactory(wijk=wijk, kansrijk=True, openbaar=True, titel="Buurtmoestuin")
    gewoon = OnderwerpFactory(wijk=wijk, titel="Gewoon verzoek")
    collegelid = GebruikerFactory(collegelid=True, weergavenaam="Karel Collegelid")
    griffie = GebruikerFactory(griffie=True, tweede_factor=True)
    inloggen(page, live_server, griffie)

    # The overview: the ward has no college dagdeel yet.
    page.goto(live_server.url + reverse("bezoeken:lijst"))
    rij = page.locator(f"#wijk-{wijk.code}")
    expect(rij).to_have_attribute("data-status", "ontbreekt")
    bekijk(page, "visits overview, nothing planned")

    # Plan it from the ward's row: the suggested topics come first.
    rij.locator("a.btn").click()
    expect(page).to_have_url(re.compile(r"/bezoeken/plannen/\?wijk="))
    bekijk(page, "plan a college dagdeel")
    vakjes = page.locator("input[name=onderwerpen]")
    waarden = [vakjes.nth(i).get_attribute("value") for i in range(vakjes.count())]
    assert waarden.index(str(escalatie.pk)) < waarden.index(str(gewoon.pk))
    assert waarden.index(str(kansrijk.pk)) < waarden.index(str(gewoon.pk))
    expect(page.locator("input[name=soort][value=college_dagdeel]")).to_be_checked()
    page.check(f"input[name=onderwerpen][value='{escalatie.pk}']")
    page.check(f"input[name=onderwerpen][value='{kansrijk.pk}']")
    page.check(f"input[name=deelnemers][value='{collegelid.pk}']")
    # Today: a visit can be recorded as held from its date on.
    page.fill("#id_datum", timezone.localdate().isoformat())
    page.check("input[name=dagdeel][value=ochtend]")
    page.fill("#id_locatie", "Buurthuis De Spreeuw")
    page.fill("#id_programma", "Wandeling door de wijk; gesprek met de wijkraad.")
    page.locator(VERZENDEN).click()
    expect(page).to_have_url(re.compile(r"/bezoeken/\d+/$"))
    bezoek = Bezoek.objects.get()
    assert set(bezoek.onderwerpen.all()) == {escalatie, kansrijk}
    assert list(bezoek.deelnemers.all()) == [collegelid]
    expect(page.locator("#bezoek-status")).to_have_attribute("data-status", "gepland")
    bekijk(page, "visit planned")

    # A second college dagdeel for the ward in this term is refused, visibly.
    page.goto(
        live_server.url + reverse("bezoeken:plannen") + f"?wijk={wijk.code}&soort=college_dagdeel"
    )
    page.fill("#id_datum", (timezone.localdate()).isoformat())
    page.check("input[name=dagdeel][value=middag]")
    page.locator(VERZENDEN).click()
    page.wait_for_load_state()
    expect(page.locator("#foutensamenvatting")).to_be_visible()
    expect(page.locator("#id_datum")).to_have_attribute("aria-invalid", "true")
    assert Bezoek.objects.count() == 1
    bekijk(page, "second college dagdeel refused")

    # Hold it: the report, published.
    page.goto(live_server.url + bezoek.get_absolute_url())
    page.click("#bezoek-verslag")
    expect(page).to_have_url(re.compile(r"/verslag/$"))
    bekijk(page, "report form")
    page.fill("#id_verslag", "Het college zag de oversteek; de wijkraad sprak over de moestuin.")
    page.check("#id_publiceren")
    page.locator(VERZENDEN).click()
    expect(page.locator("#verslag-tekst")).to_be_visible()
    bezoek.refresh_from_db()
    assert bezoek.status == Bezoekstatus.GEHOUDEN
    assert bezoek.verslag_gepubliceerd_op is not None
    bekijk(page, "visit held, report published")

    # A follow-up action about one of the topics, then ticked off.
    page.fill("#actie-form #id_omschrijving", "Verkeersregelaar bij de school onderzoeken")
    page.fill("#actie-form #id_eigenaar", "Wijkadviseur")
    page.select_option("#actie-form #id_onderwerp", str(escalatie.pk))
    page.locator("#actie-form button[type=submit]").click()
    page.wait_for_load_state()
    actie = Actie.objects.get(bezoek=bezoek)
    assert actie.onderwerp == escalatie
    expect(page.locator(f"#actie-{actie.pk}")).to_have_attribute("data-gedaan", "0")
    bekijk(page, "visit with a follow-up action")
    page.locator(f"#actie-{actie.pk} button[type=submit]").click()
    expect(page.locator(f"#actie-{actie.pk}")).to_have_attribute("data-gedaan", "1")
    actie.refresh_from_db()
    assert actie.gedaan

    # The overview now counts the ward as held.
    page.goto(live_server.url + reverse("bezoeken:lijst"))
    expect(page.locator(f"#wijk-{wijk.code}")).to_have_attribute("data-status", "gehouden")
    bekijk(page, "visits overview, one held")
    page.goto(live_server.url + reverse("contacten:agenda"))
    expect(page.locator(".feed-webcal")).to_have_count(1)
    bekijk(page, "the griffie's agenda with the calendar feed")

    # Signed out: the ward page shows the visit, its page the report, not the actions.
    page.context.clear_cookies()
    page.goto(live_server.url + wijk.get_absolute_url())
    expect(page.locator(f"#wijk-bezoeken-gehouden-{bezoek.pk} a").first).to_be_visible()
    link = page.locator(f"#wijk-bezoeken-gehouden-{bezoek.pk} a.verslag-link")
    bekijk(page, "ward page with its visit")
    link.click()
    expect(page).to_have_url(re.compile(rf"/bezoeken/{bezoek.pk}/#verslag$"))
    expect(page.locator("#verslag-tekst")).to_contain_text("de wijkraad sprak over de moestuin")
    expect(page.locator("#acties")).to_have_count(0)
    expect(page.locator(f"#bezoek-onderwerpen [data-onderwerp='{escalatie.pk}']")).to_be_visible()
    expect(page.locator(f"#bezoek-onderwerpen [data-onderwerp='{gewoon.pk}']")).to_have_count(0)
    bekijk(page, "public visit page with report")

    # The ward's calendar feed, as a calendar program would fetch it.
    feed = page.locator(".feed-link").first.get_attribute("href")
    antwoord = page.request.get(live_server.url + feed)
    assert antwoord.ok
    assert antwoord.headers["content-type"].startswith("text/calendar")
    kalender = icalendar.Calendar.from_ical(antwoord.body())
    uids = [str(e.get("UID")) for e in kalender.walk("VEVENT")]
    assert any(u.startswith(f"bezoek-{bezoek.pk}@") for u in uids)


def test_overige_bezoekpaginas_toegankelijk(page, live_server):
    """The ward advisor's way: choose the ward first, change a visit, cancel it (first
    without a reason), and the pages that link the calendar feed."""
    page.set_default_timeout(10_000)
    periode = CollegeperiodeFactory()
    CollegeperiodeFactory(
        begin=periode.begin.replace(year=periode.begin.year - 4),
        einde=periode.begin - timezone.timedelta(days=1),
        naam="vorige",
    )
    wijk = WijkFactory(met_staf=True, naam="Molenwijk")
    OnderwerpFactory(wijk=wijk, status=Status.BIJ_WIJKWETHOUDER)
    inloggen(page, live_server, wijk.wijkadviseur)

    page.goto(live_server.url + reverse("bezoeken:plannen"))
    bekijk(page, "plan: choose the ward")
    page.select_option("#id_wijk", wijk.code)
    page.check("input[name=soort][value=werkbezoek]")
    page.locator("#wijkkeuze button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"soort=werkbezoek"))
    expect(page.locator("input[name=soort][value=werkbezoek]")).to_be_checked()
    page.fill("#id_datum", (timezone.localdate() + timezone.timedelta(days=5)).isoformat())
    page.check("input[name=dagdeel][value=avond]")
    page.locator(VERZENDEN).click()
    expect(page).to_have_url(re.compile(r"/bezoeken/\d+/$"))
    bezoek = Bezoek.objects.get()

    page.click("#bezoek-bewerken")
    expect(page).to_have_url(re.compile(r"/bewerken/$"))
    bekijk(page, "change a visit")
    page.fill("#id_locatie", "Molenhuis")
    page.locator(VERZENDEN).click()
    expect(page).to_have_url(re.compile(r"/bezoeken/\d+/$"))
    bezoek.refresh_from_db()
    assert bezoek.locatie == "Molenhuis"

    page.click("#bezoek-annuleren")
    expect(page).to_have_url(re.compile(r"/annuleren/$"))
    bekijk(page, "cancel a visit")
    page.locator(VERZENDEN).click()
    page.wait_for_load_state()
    expect(page.locator("#foutensamenvatting")).to_be_visible()
    bekijk(page, "cancel a visit without a reason")
    page.fill("#id_reden", "De wethouder is ziek.")
    page.locator(VERZENDEN).click()
    expect(page.locator("#geannuleerd")).to_be_visible()
    bezoek.refresh_from_db()
    assert bezoek.status == Bezoekstatus.GEANNULEERD
    bekijk(page, "cancelled visit")

    page.goto(live_server.url + reverse("bezoeken:lijst"))
    page.select_option("#id_periode", label="vorige")
    page.locator("#periodekeuze button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"periode="))
    bekijk(page, "visits overview, previous term")

    page.goto(live_server.url + reverse("contacten:vergaderingen"))
    expect(page.locator(".feed-webcal")).to_have_count(1)
    bekijk(page, "meetings with the calendar feed")

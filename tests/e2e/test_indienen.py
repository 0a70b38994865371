"""The resident's journey in headless Chromium: sign in, submit with a photo, find it in
"my contributions", withdraw it; errors keep the input; keyboard only; JavaScript off;
axe-core on every page and state."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from initiatieven.keuzes import Status
from initiatieven.models import Bericht, Bijlage, Onderwerp, Statuswijziging
from tests.a11y import controleer
from tests.e2e.hulp import inloggen_via_omweg, tab_naar
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.initiatieven.test_bijlagen import jpeg_met_gps
from tests.wijken.factories import BuurtFactory, WijkFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NIEUW_INITIATIEF = reverse("initiatieven:initiatief_indienen")
NIEUW_KNELPUNT = reverse("initiatieven:knelpunt_melden")
MIJN_INBRENG = reverse("initiatieven:mijn_inbreng")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def gegevens(db):
    wijk = WijkFactory(met_staf=True, naam="Noord")
    BuurtFactory(wijk=wijk, naam="Molenwijk")
    BuurtFactory(wijk=WijkFactory(met_staf=True, naam="Zuid"), naam="Havenkwartier")
    ThemaFactory(naam="Groen en spelen")
    ThemaFactory(naam="Verkeer en parkeren")
    return {"wijk": wijk, "bewoner": GebruikerFactory(weergavenaam="Noor van Dijk")}


def test_indienen_met_foto_bevestiging_mijn_inbreng_en_intrekken(
    page, live_server, gegevens, tmp_path
):
    bewoner, wijk = gegevens["bewoner"], gegevens["wijk"]
    foto = tmp_path / "speeltuin.jpg"
    foto.write_bytes(jpeg_met_gps(breedte=120, hoogte=80))

    inloggen_via_omweg(page, live_server, bewoner, NIEUW_INITIATIEF)
    controleer(page, "initiatief indienen (leeg)")

    page.fill("#id_titel", "Moestuin naast de speeltuin")
    page.fill("#id_beschrijving", "We willen met tien buren een moestuin beginnen.")
    page.select_option("#id_thema", label="Groen en spelen")
    page.select_option("#id_buurt", label="Molenwijk")
    page.fill("#id_locatie", "Parkweg, naast de speeltuin")
    page.set_input_files("#id_bijlagen", str(foto))
    page.click("#knop-indienen")
    page.wait_for_url(re.compile(r"/initiatieven/\d+/ontvangen/$"))

    onderwerp = Onderwerp.objects.get()
    assert page.url.endswith(reverse("initiatieven:bevestiging", args=[onderwerp.pk]))
    controleer(page, "bevestiging")
    assert onderwerp.status == Status.INGEDIEND and onderwerp.wijk == wijk
    datum = page.get_attribute("#eerste-reactie-voor", "datetime")
    assert datum == onderwerp.eerste_reactie_voor.isoformat()
    assert page.get_attribute("#naar-onderwerp", "href") == onderwerp.get_absolute_url()

    bijlage = Bijlage.objects.get(onderwerp=onderwerp)
    assert bijlage.oorspronkelijke_naam == "speeltuin.jpg"
    with bijlage.bestand.open("rb") as f, Image.open(io.BytesIO(f.read())) as beeld:
        assert not beeld.getexif() and "exif" not in beeld.info
        assert beeld.size == (120, 80)

    page.click("#naar-mijn-inbreng")
    page.wait_for_url(re.compile(MIJN_INBRENG + "$"))
    item = page.locator(f"#onderwerp-{onderwerp.pk}")
    assert item.locator('[data-status="ingediend"]').count() == 1
    item.locator("summary").click()
    controleer(page, "mijn inbreng met een item")

    item.locator(f"a[href='{reverse('initiatieven:intrekken', args=[onderwerp.pk])}']").click()
    controleer(page, "intrekken bevestigen")
    page.click("#knop-intrekken")
    page.wait_for_url(re.compile(MIJN_INBRENG + "$"))
    assert page.locator(f'#onderwerp-{onderwerp.pk} [data-status="ingetrokken"]').count() == 1
    controleer(page, "mijn inbreng na intrekken")
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.INGETROKKEN


def test_formulier_met_fouten_houdt_de_invoer(page, live_server, gegevens):
    inloggen_via_omweg(page, live_server, gegevens["bewoner"], NIEUW_KNELPUNT)
    controleer(page, "knelpunt melden (leeg)")
    page.fill("#id_titel", "   ")
    page.fill("#id_beschrijving", "De oversteek bij de school is gevaarlijk.")
    page.select_option("#id_buurt", label="Havenkwartier")
    page.select_option("#id_wijk", label="Noord")  # does not match the neighbourhood
    page.fill("#id_locatie", "Schoolstraat")
    page.check("#id_toon_naam")
    page.click("#knop-indienen")

    # The same URL comes back with errors: wait for the new page, not the old one.
    page.locator("#foutensamenvatting").wait_for(state="visible")
    controleer(page, "knelpunt melden (met fouten)")
    assert page.locator("#foutensamenvatting a[href='#id_titel']").count() == 1
    assert page.locator("#foutensamenvatting a[href='#id_buurt']").count() == 1
    assert page.locator("#foutensamenvatting a[href='#id_thema']").count() == 1
    assert page.input_value("#id_beschrijving") == "De oversteek bij de school is gevaarlijk."
    assert page.input_value("#id_locatie") == "Schoolstraat"
    assert page.is_checked("#id_toon_naam")
    assert page.get_attribute("#id_titel", "aria-invalid") == "true"
    assert "id_titel_error" in page.get_attribute("#id_titel", "aria-describedby")
    assert not Onderwerp.objects.exists()


def test_alleen_met_het_toetsenbord(page, live_server, gegevens):
    inloggen_via_omweg(page, live_server, gegevens["bewoner"], NIEUW_INITIATIEF)
    tab_naar(page, "#id_titel")
    page.keyboard.type("Bankje bij de vijver")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_beschrijving"
    page.keyboard.type("Een bankje om even uit te rusten.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_thema"
    page.keyboard.type("Groen")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_buurt"
    page.keyboard.type("Molen")
    tab_naar(page, "#id_toon_naam")
    page.keyboard.press("Space")
    tab_naar(page, "#knop-indienen")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/ontvangen/$"))
    onderwerp = Onderwerp.objects.get()
    assert onderwerp.titel == "Bankje bij de vijver"
    assert onderwerp.thema.naam == "Groen en spelen"
    assert onderwerp.buurt.naam == "Molenwijk" and onderwerp.wijk == gegevens["wijk"]
    assert onderwerp.toon_naam is True


def test_zonder_javascript(browser, live_server, gegevens):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    try:
        inloggen_via_omweg(page, live_server, gegevens["bewoner"], NIEUW_KNELPUNT)
        page.fill("#id_titel", "Losliggende stoeptegels")
        page.fill("#id_beschrijving", "Bij nummer 12 liggen de tegels los.")
        page.select_option("#id_thema", label="Verkeer en parkeren")
        page.select_option("#id_wijk", label="Zuid")
        page.click("#knop-concept")
        page.wait_for_url(re.compile(r"/bewerken/$"))
        concept = Onderwerp.objects.get()
        assert concept.status == Status.CONCEPT
        assert page.input_value("#id_titel") == "Losliggende stoeptegels"
        page.click("#knop-indienen")
        page.wait_for_url(re.compile(r"/ontvangen/$"))
        concept.refresh_from_db()
        assert concept.status == Status.INGEDIEND and concept.soort == "knelpunt"
    finally:
        context.close()


def test_toegankelijk_mijn_inbreng_concepten_en_verwijderen(page, live_server, gegevens):
    bewoner, wijk = gegevens["bewoner"], gegevens["wijk"]
    inloggen_via_omweg(page, live_server, bewoner, MIJN_INBRENG)
    controleer(page, "mijn inbreng (leeg)")

    concept = OnderwerpFactory(indiener=bewoner, wijk=wijk, concept=True, titel="Halve gedachte")
    lopend = OnderwerpFactory(indiener=bewoner, wijk=wijk, status=Status.IN_BEHANDELING)
    Statuswijziging.objects.create(
        onderwerp=lopend,
        van=Status.INGEDIEND,
        naar=Status.IN_BEHANDELING,
        publieke_toelichting="We bellen u deze week.",
    )
    Bericht.objects.create(onderwerp=lopend, tekst="Wat een goed idee!", openbaar=True)
    OnderwerpFactory(
        indiener=bewoner,
        wijk=wijk,
        status=Status.NIET_MOGELIJK,
        niet_openbaar_reden="Er staat een telefoonnummer in.",
    )
    OnderwerpFactory(indiener=bewoner, wijk=wijk, openbaar_=True, toon_naam=True)
    page.goto(live_server.url + MIJN_INBRENG)
    for summary in page.locator("main summary").all():
        summary.click()
    controleer(page, "mijn inbreng (met items)")

    # Wait for the next page: on a busy machine the old one is still there after the click.
    page.click(f"#concept-{concept.pk} a[href$='/bewerken/']")
    page.wait_for_url(re.compile(r"/bewerken/$"))
    controleer(page, "concept bewerken")
    page.click("#concept-verwijderen")
    page.wait_for_url(re.compile(r"/verwijderen/$"))
    controleer(page, "concept verwijderen")
    page.click("#knop-verwijderen")
    page.wait_for_url(re.compile(MIJN_INBRENG + "$"))
    assert not Onderwerp.objects.filter(pk=concept.pk).exists()

    afgerond = OnderwerpFactory(indiener=bewoner, wijk=wijk, afgerond=True)
    page.goto(live_server.url + reverse("initiatieven:intrekken", args=[afgerond.pk]))
    controleer(page, "intrekken niet meer mogelijk")

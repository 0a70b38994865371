"""The 25 cases of QUALITY.md "Bad input", plus more, each asserting a clear answer
(status and what the person sees), no 500 (the test client re-raises any exception a view
lets through) and no change (rows and objects as before).

A test of case N is named ``test_NN_...``. Cases that are tested thoroughly elsewhere are
listed in ``GEDEKT_ELDERS`` with those tests; ``test_elk_geval_is_gedekt`` checks that all
25 are tested here or there and that every test named there exists. Extra cases are named
``test_extra_...``. The run ends with a count of the cases this module exercised (`make test`
runs each module in one pytest-xdist worker, so the count is the module's).
"""

import importlib
import re
import time
import uuid
from urllib.parse import urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape

from contacten.audit import AuditActie, AuditRegel, Uitkomst
from contacten.models import Gebruiker
from initiatieven.keuzes import Status
from initiatieven.models import Bijlage, Onderwerp, Statuswijziging
from tests import figures
from tests.factories import WACHTWOORD, GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.initiatieven.test_bijlagen import HTML, jpeg_met_gps
from tests.wijken.factories import BewonersgroepFactory, WijkFactory
from wijken.models import Bewonersgroep, Wijkprofessional

pytestmark = pytest.mark.django_db

GEVAARLIJK = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
BIJZONDER = "Bankje 🌳🪑 — e\u0301\u0301n \u202egnalkcab\u202c \u200f שלום"
INDIENEN = reverse("initiatieven:initiatief_indienen")
LOGIN = reverse("account_login")

#: Case number → the tests elsewhere that cover it (all of them must exist).
GEDEKT_ELDERS: dict[int, list[str]] = {
    3: [
        "tests/initiatieven/test_publiek.py::test_lijst_slechte_invoer",
        "tests/initiatieven/test_publiek.py::test_zoeken_in_publieke_tekst",
    ],
    5: [
        "tests/initiatieven/test_indienen.py::test_maximale_lengte_plus_een_is_een_fout",
        "tests/initiatieven/test_indienen.py::test_een_megabyte_tekst_is_een_formulierfout",
        "tests/initiatieven/test_indienen.py::test_te_grote_body_is_een_nette_weigering",
    ],
    7: [
        "tests/initiatieven/test_indienen.py::test_concept_van_een_ander",
        "tests/initiatieven/test_indienen.py::test_ids_raden",
        "tests/opendata/test_feeds.py::test_feed_van_een_niet_publiek_onderwerp_is_404_voor_iedereen",
    ],
    8: [
        "tests/initiatieven/test_permissiematrix.py::test_matrix",
        "tests/initiatieven/test_werkvoorraad.py::test_triage_toegang",
    ],
    10: ["tests/initiatieven/test_indienen.py::test_extra_velden_worden_genegeerd"],
    11: [
        "tests/initiatieven/test_workflow.py::test_elke_stap_voor_elke_rol",
        "tests/initiatieven/test_workflow.py::test_herhaalde_stap_wordt_geweigerd",
        "tests/initiatieven/test_werkvoorraad.py::test_verboden_stap",
    ],
    12: [
        "tests/wijkportaal/test_beveiliging.py::test_csrf_wordt_afgedwongen",
        "tests/initiatieven/test_indienen.py::test_zonder_csrf_geweigerd",
    ],
    13: ["tests/wijkportaal/test_beveiliging.py::test_next_naar_een_andere_site_wordt_genegeerd"],
    14: [
        "tests/wijkportaal/test_te_veel_pogingen.py::test_te_veel_inlogpogingen_geeft_de_eigen_429_pagina"
    ],
    16: [
        "tests/wijkportaal/test_sessies.py::test_oud_koekje_na_uitloggen_geeft_geen_toegang",
        "tests/wijkportaal/test_sessies.py::test_oud_koekje_na_deactiveren_geeft_geen_toegang",
    ],
    17: [
        "tests/initiatieven/test_bijlagen.py::test_verkeerde_inhoud_geweigerd",
        "tests/initiatieven/test_bijlagen.py::test_decompressiebom_geweigerd",
        "tests/initiatieven/test_bijlagen.py::test_jpeg_opnieuw_gecodeerd_zonder_exif_en_gps",
        "tests/initiatieven/test_indienen.py::test_slechte_bijlage_is_een_formulierfout",
    ],
    18: ["tests/initiatieven/test_bijlagen.py::test_pad_in_de_naam_wordt_nooit_de_opslagnaam"],
    19: ["tests/initiatieven/test_publiek.py::test_prive_bijlage_lekt_nooit"],
    20: [
        "tests/initiatieven/test_indienen.py::test_dubbelklik_maakt_een_item",
        "tests/initiatieven/test_indienen.py::test_tien_parallelle_posts_maken_een_item",
    ],
    21: [
        "tests/initiatieven/test_werkvoorraad.py::test_conflict_twee_adviseurs",
        "tests/initiatieven/test_workflow.py::test_tweede_persoon_op_een_oude_versie_krijgt_een_conflict",
    ],
    22: [
        "tests/initiatieven/test_indienen.py::test_hoogstens_tien_indieningen_per_uur",
        "tests/initiatieven/test_indienen.py::test_limiet_per_adres_over_accounts",
    ],
    23: ["tests/wijkportaal/test_paginas.py::test_500_is_generiek_zonder_details"],
    24: [
        "tests/wijkportaal/test_geen_lekken.py::test_geen_persoonsgegevens_op_publieke_paginas",
        "tests/wijkportaal/test_geen_lekken.py::test_geen_persoonsgegevens_in_atomfeeds",
        "tests/opendata/test_feeds.py::test_geen_persoonsgegevens_of_interne_tekst_in_enige_feed",
    ],
    25: ["tests/wijkportaal/test_beveiliging.py::test_beveiligingsheaders_op_elk_antwoord"],
}

# Open311 GeoReport v2 (opendata): the same cases on its endpoints, answered in its format.
for _nummer, _test in (
    (3, "tests/opendata/test_open311_lezen.py::test_slechte_invoer_is_400_in_het_formaat"),
    (5, "tests/opendata/test_open311_melden.py::test_slechte_melding_is_400_en_bewaart_niets"),
    (7, "tests/opendata/test_open311_lezen.py::test_een_verzoek_en_niet_openbare_zijn_404"),
    (
        12,
        "tests/opendata/test_open311_melden.py::test_csrf_uitgezonderd_sessie_geeft_geen_rechten",
    ),
    (22, "tests/opendata/test_open311_melden.py::test_snelheidslimiet_per_sleutel"),
    (24, "tests/opendata/test_open311_lekken.py::test_geen_persoonsgegevens_in_open311"),
):
    GEDEKT_ELDERS.setdefault(_nummer, []).append(_test)

_gedraaid: set[str] = set()


@pytest.fixture(autouse=True)
def _tel(request):
    yield
    _gedraaid.add(request.node.originalname)


@pytest.fixture(autouse=True, scope="module")
def _verslag(request):
    yield
    nummers = {int(m[1]) for naam in _gedraaid if (m := re.match(r"test_(\d\d)_", naam))}
    extra = {naam for naam in _gedraaid if naam.startswith("test_extra_")}
    elders = set(GEDEKT_ELDERS) - nummers
    figures.report(
        request.config,
        "bad input",
        f"{len(nummers)} of the 25 cases ran here {sorted(nummers)}, "
        f"{len(elders)} only elsewhere {sorted(elders)}, {len(extra)} extra cases.",
    )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def wijk():
    return WijkFactory(met_staf=True, naam="Noord")


@pytest.fixture
def thema():
    return ThemaFactory(naam="Groen en spelen")


def _client(gebruiker=None, **kwargs) -> Client:
    c = Client(**kwargs)
    if gebruiker is not None:
        c.force_login(gebruiker)
    return c


def _formulier(wijk, thema, **velden) -> dict:
    return {
        "titel": "Moestuin bij de speeltuin",
        "beschrijving": "We willen met de buurt een moestuin beginnen.",
        "thema": thema.pk,
        "wijk": wijk.pk,
        "buurt": "",
        "locatie": "Parkweg",
        "idempotentiesleutel": str(uuid.uuid4()),
        "actie": "indienen",
        **velden,
    }


def _ziet_fout(response, veld: str, code: str) -> None:
    """The form came back with ``code`` on ``veld`` and the person sees its message."""
    form = response.context["form"]
    fouten = form.errors.as_data().get(veld, [])
    assert code in {fout.code for fout in fouten}, form.errors
    html = response.content.decode()
    for fout in form.errors[veld]:
        assert _html_tekst(fout) in html


def _html_tekst(tekst: str) -> str:
    """A message as it stands in the page (escaped)."""
    return escape(tekst)


def _geweigerd(response) -> None:
    """Refused with the portal's own page: 403 or 404, never a bare server error."""
    assert response.status_code in (403, 404), response.status_code
    namen = {t.name for t in response.templates}
    assert namen & {"403.html", "404.html"}, namen


def _snapshot(onderwerp) -> tuple:
    onderwerp.refresh_from_db()
    return (
        onderwerp.status,
        onderwerp.versie,
        onderwerp.titel,
        onderwerp.openbaar,
        onderwerp.statuswijzigingen.count(),
    )


# --- 1: markup in text ---------------------------------------------------------------------


def test_01_opmaak_is_tekst_op_publieke_paginas_dashboard_en_in_email(
    wijk, thema, django_capture_on_commit_callbacks
):
    indiener = GebruikerFactory(weergavenaam=GEVAARLIJK)
    c = _client(indiener)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            INDIENEN,
            _formulier(wijk, thema, titel=GEVAARLIJK[:150], beschrijving=GEVAARLIJK),
        )
    assert response.status_code == 302
    onderwerp = Onderwerp.objects.get()
    assert onderwerp.titel == GEVAARLIJK[:150]  # stored as typed
    onderwerp.openbaar = True
    onderwerp.toon_naam = True
    onderwerp.publieke_titel = GEVAARLIJK[:150]
    onderwerp.publieke_beschrijving = GEVAARLIJK
    onderwerp.gepubliceerd_op = onderwerp.ingediend_op
    onderwerp.save()

    paginas = [
        (Client(), reverse("initiatieven:onderwerp", args=[onderwerp.pk])),
        (Client(), reverse("initiatieven:lijst")),
        (Client(), reverse("wijken:wijk", args=[wijk.code])),
        (Client(), reverse("home")),
        (_client(wijk.wijkadviseur), reverse("initiatieven:triage", args=[onderwerp.pk])),
        (_client(wijk.wijkadviseur), reverse("initiatieven:werkvoorraad")),
        (_client(wijk.wijkwethouder), reverse("wijkdashboard_wijk", args=[wijk.code])),
        (
            _client(wijk.wijkwethouder),
            reverse("wijkdashboard_onderwerpen", args=[wijk.code]),
        ),
    ]
    for klant, pad in paginas:
        response = klant.get(pad)
        assert response.status_code == 200, pad
        html = response.content.decode()
        assert "<script>alert(1)" not in html, pad
        assert "<img src=x" not in html, pad
    html = Client().get(reverse("initiatieven:onderwerp", args=[onderwerp.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    # The confirmation and the advisor's notice: escaped in HTML, plain in the text part.
    assert len(mail.outbox) >= 2
    for bericht in mail.outbox:
        html_deel = bericht.alternatives[0].content if bericht.alternatives else ""
        assert "<script>alert(1)" not in html_deel
        assert "<img src=x" not in html_deel


# --- 2: links ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "adres",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>x</script>",
        " javascript:x",
    ],
)
def test_02_gevaarlijke_link_geweigerd(wijk, adres):
    c = _client(wijk.wijkadviseur)
    response = c.post(
        reverse("wijken:professional_nieuw", args=[wijk.code]),
        {"naam": "Wijkagent", "rol": "Wijkagent", "organisatie": "Politie", "website": adres},
    )
    assert response.status_code in (200, 400)
    _ziet_fout(response, "website", response.context["form"].errors.as_data()["website"][0].code)
    assert not Wijkprofessional.objects.exists()

    groep = BewonersgroepFactory(wijk=wijk, website="https://wijkraad.example.test/")
    response = c.post(
        reverse("wijken:groep_bewerken", args=[groep.pk]),
        {"naam": groep.naam, "soort": groep.soort, "website": adres},
    )
    assert response.status_code in (200, 400)
    assert "website" in response.context["form"].errors
    assert Bewonersgroep.objects.get(pk=groep.pk).website == "https://wijkraad.example.test/"


# --- 3: search -----------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["' OR 1=1--", "%", "_", "\\", "a" * 10_000, "\x00"])
def test_03_zoeken_naar_wijken_snel_en_letterlijk(wijk, q):
    link = reverse("wijken:wijk", args=[wijk.code])
    begin = time.monotonic()
    response = Client().get(reverse("wijken:lijst"), {"q": q})
    assert time.monotonic() - begin < 2
    assert response.status_code == 200
    form = response.context["form"]
    if form.is_valid():
        # Wildcards and quotes match themselves, never every ward.
        assert link not in response.content.decode()
    else:
        # Too long, or a NUL: the person is told so beside the field.
        _ziet_fout(response, "q", form.errors.as_data()["q"][0].code)
    assert link in Client().get(reverse("wijken:lijst"), {"q": "noord"}).content.decode()
    for pad in (reverse("wijken:vacatures"), reverse("home"), reverse("bezoeken:lijst")):
        assert Client().get(pad, {"q": q}).status_code == 200, pad


# --- 4: unusual characters --------------------------------------------------------------


def test_04_emoji_en_rtl_opgeslagen_en_getoond(wijk, thema):
    c = _client(GebruikerFactory())
    assert c.post(INDIENEN, _formulier(wijk, thema, titel=BIJZONDER)).status_code == 302
    onderwerp = Onderwerp.objects.get()
    assert onderwerp.titel == BIJZONDER
    Onderwerp.objects.filter(pk=onderwerp.pk).update(
        openbaar=True, publieke_titel=BIJZONDER, gepubliceerd_op=onderwerp.ingediend_op
    )
    html = Client().get(reverse("initiatieven:onderwerp", args=[onderwerp.pk])).content.decode()
    assert BIJZONDER in html
    # Display names too.
    assert (
        c.post(reverse("mijngegevens:naam_wijzigen"), {"weergavenaam": BIJZONDER}).status_code
        == 302
    )
    assert BIJZONDER in c.get(reverse("mijngegevens:overzicht")).content.decode()


# --- 5: too long ----------------------------------------------------------------------------


def test_05_te_lange_naam_is_een_formulierfout():
    bewoner = GebruikerFactory(weergavenaam="Fatima")
    c = _client(bewoner)
    response = c.post(reverse("mijngegevens:naam_wijzigen"), {"weergavenaam": "a" * 101})
    assert response.status_code == 400
    _ziet_fout(response, "weergavenaam", "max_length")
    bewoner.refresh_from_db()
    assert bewoner.weergavenaam == "Fatima"


def test_05_te_lang_emailadres_bij_aanmelden_wordt_niet_ingekort(client):
    adres = "a" * 250 + "@example.test"  # 263 characters; the column holds 254
    response = client.post(
        reverse("account_signup"),
        {
            "weergavenaam": "Lang",
            "email": adres,
            "password1": WACHTWOORD,
            "password2": WACHTWOORD,
        },
    )
    assert response.status_code == 200
    _ziet_fout(response, "email", "max_length")
    assert not Gebruiker.objects.exists()


# --- 6: whitespace only --------------------------------------------------------------------


@pytest.mark.parametrize("tekst", [" ", "\t\n", "\u00a0\u2003"])
def test_06_alleen_witruimte(wijk, thema, tekst):
    bewoner = GebruikerFactory(weergavenaam="Fatima")
    c = _client(bewoner)
    response = c.post(INDIENEN, _formulier(wijk, thema, titel=tekst))
    assert response.status_code == 200
    _ziet_fout(response, "titel", "required")
    assert not Onderwerp.objects.exists()

    response = c.post(reverse("mijngegevens:naam_wijzigen"), {"weergavenaam": tekst})
    assert response.status_code == 400
    assert "weergavenaam" in response.context["form"].errors
    bewoner.refresh_from_db()
    assert bewoner.weergavenaam == "Fatima"


# --- 7: someone else's draft ---------------------------------------------------------------


def test_07_concept_van_een_ander_bestaat_niet():
    concept = OnderwerpFactory(concept=True, titel="Van een ander")
    c = _client(GebruikerFactory())
    for naam in ("concept_bewerken", "bevestiging", "onderwerp"):
        _geweigerd(c.get(reverse(f"initiatieven:{naam}", args=[concept.pk])))
    _geweigerd(Client().get(reverse("initiatieven:onderwerp", args=[concept.pk])))
    assert Onderwerp.objects.get(pk=concept.pk).titel == "Van een ander"


# --- 8: another ward -----------------------------------------------------------------------


def test_08_adviseur_van_wijk_a_op_een_item_van_wijk_b(wijk):
    andere = WijkFactory(met_staf=True)
    onderwerp = OnderwerpFactory(wijk=andere)
    voor = _snapshot(onderwerp)
    c = _client(wijk.wijkadviseur)
    _geweigerd(c.get(reverse("initiatieven:triage", args=[onderwerp.pk])))
    for naam, data in (
        ("stap", {"naar": Status.IN_BEHANDELING, "versie": onderwerp.versie}),
        ("screenen", {"versie": onderwerp.versie, "openbaar": "ja", "publieke_titel": "X"}),
        ("bericht", {"bericht-tekst": "Hallo", "bericht-openbaar": "on"}),
        ("actie_toevoegen", {"omschrijving": "Iets", "eigenaar": "Ik"}),
    ):
        _geweigerd(c.post(reverse(f"initiatieven:{naam}", args=[onderwerp.pk]), data))
    assert _snapshot(onderwerp) == voor
    assert not onderwerp.berichten.exists() and not onderwerp.acties.exists()
    _geweigerd(c.get(reverse("wijkdashboard_wijk", args=[andere.code])))


# --- 9: a resident on staff URLs -----------------------------------------------------------


def test_09_bewoner_op_triage_en_beheer(wijk):
    onderwerp = OnderwerpFactory(wijk=wijk)
    voor = _snapshot(onderwerp)
    c = _client(onderwerp.indiener)
    for naam in ("stap", "screenen", "rol", "bericht", "actie_toevoegen"):
        response = c.post(
            reverse(f"initiatieven:{naam}", args=[onderwerp.pk]),
            {"naar": Status.NIET_MOGELIJK, "versie": onderwerp.versie, "toelichting": "Nee"},
        )
        _geweigerd(response)
    _geweigerd(c.get(reverse("initiatieven:werkvoorraad")))
    # The admin sends them through its login, which a signed-in resident does not pass.
    response = c.get("/beheer/", follow=True)
    assert response.status_code in (200, 403)
    assert reverse("admin:contacten_gebruiker_changelist") not in response.content.decode()
    response = c.post(
        reverse("admin:contacten_gebruiker_changelist"),
        {"action": "delete_selected", "_selected_action": [onderwerp.indiener.pk], "post": "yes"},
    )
    assert response.status_code in (302, 403)
    assert _snapshot(onderwerp) == voor
    assert Gebruiker.objects.count() == 4  # submitter + the ward's three officials


# --- 10: extra fields ----------------------------------------------------------------------


def test_10_extra_velden_bij_naam_wijzigen_genegeerd():
    bewoner = GebruikerFactory(email="fatima@example.test")
    c = _client(bewoner)
    response = c.post(
        reverse("mijngegevens:naam_wijzigen"),
        {
            "weergavenaam": "Fatima",
            "email": "ander@example.test",
            "rol": "beheerder",
            "is_staff": "on",
            "is_superuser": "on",
            "is_active": "",
        },
    )
    assert response.status_code == 302
    bewoner.refresh_from_db()
    assert bewoner.weergavenaam == "Fatima"
    assert bewoner.email == "fatima@example.test"
    assert bewoner.rol == "bewoner" and not bewoner.is_staff and not bewoner.is_superuser
    assert bewoner.is_active


# --- 11: forbidden or replayed transition --------------------------------------------------


def test_11_verboden_en_herhaalde_stap_via_de_pagina(wijk):
    concept = OnderwerpFactory(wijk=wijk, concept=True)
    niet_mogelijk = OnderwerpFactory(wijk=wijk, status=Status.NIET_MOGELIJK)
    c = _client(wijk.wijkadviseur)
    for onderwerp, naar in (
        (niet_mogelijk, Status.AFGEROND),
        (niet_mogelijk, Status.IN_BEHANDELING),
    ):
        voor = _snapshot(onderwerp)
        response = c.post(
            reverse("initiatieven:stap", args=[onderwerp.pk]),
            {"naar": naar, "versie": onderwerp.versie, "resultaat": "Klaar", "toelichting": "x"},
        )
        assert response.status_code in (400, 403)
        assert _snapshot(onderwerp) == voor
    # A draft is not the officials' to see at all, let alone move onto the council agenda.
    response = c.post(
        reverse("initiatieven:stap", args=[concept.pk]),
        {"naar": Status.GEAGENDEERD_RAAD, "versie": concept.versie},
    )
    _geweigerd(response)
    assert not Statuswijziging.objects.exists()


# --- 12: cross-site form -------------------------------------------------------------------


@override_settings(CSRF_TRUSTED_ORIGINS=[])
def test_12_formulier_van_een_andere_site_geweigerd(wijk, thema):
    bewoner = GebruikerFactory()
    c = _client(bewoner, enforce_csrf_checks=True)
    c.get(INDIENEN)
    token = c.cookies["csrftoken"].value
    response = c.post(
        INDIENEN,
        {**_formulier(wijk, thema), "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert not Onderwerp.objects.exists()
    _csrf_pagina(response)


def test_12_formulier_zonder_token_krijgt_een_duidelijke_pagina(wijk, thema):
    """Most often a form left open in an old tab: the portal's page says what to do."""
    c = _client(GebruikerFactory(), enforce_csrf_checks=True)
    response = c.post(INDIENEN, _formulier(wijk, thema))
    assert response.status_code == 403
    assert not Onderwerp.objects.exists()
    _csrf_pagina(response)
    regel = AuditRegel.objects.get(actie=AuditActie.TOEGANG_GEWEIGERD)
    assert regel.uitkomst == Uitkomst.GEWEIGERD and regel.pad == INDIENEN
    assert regel.omschrijving.startswith("CSRF")


def _csrf_pagina(response) -> None:
    assert "403_csrf.html" in {t.name for t in response.templates}
    html = response.content.decode()
    assert html.count("<h1") == 1 and 'id="csrf-mislukt"' in html
    assert "CSRF verification failed" not in html  # not Django's technical page


# --- 13: redirects -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "volgende",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "https:evil.example"],
)
def test_13_uitloggen_en_taal_kiezen_blijven_op_de_site(volgende):
    c = _client(GebruikerFactory())
    response = c.post(reverse("account_logout"), {"next": volgende})
    assert response.status_code == 302
    assert urlsplit(response["Location"]).netloc == ""
    assert "evil.example" not in response["Location"]

    response = Client().post(
        reverse("set_language"),
        {"language": "en", "next": volgende},
        HTTP_REFERER="https://evil.example/",
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


# --- 14: enumeration -----------------------------------------------------------------------


def test_14_aanmelden_antwoordt_hetzelfde_voor_bekend_en_onbekend():
    bekend = GebruikerFactory(email="bekend@example.test")

    def aanmelden(adres):
        return Client().post(
            reverse("account_signup"),
            {"weergavenaam": "X", "email": adres, "password1": WACHTWOORD, "password2": WACHTWOORD},
        )

    a, b = aanmelden("bekend@example.test"), aanmelden("nieuw@example.test")
    assert a.status_code == b.status_code == 302
    assert a["Location"] == b["Location"]
    assert Gebruiker.objects.filter(email="bekend@example.test").get() == bekend
    # The owner of the known address learns of the attempt by email, not the stranger.
    assert {m.to[0] for m in mail.outbox} == {"bekend@example.test", "nieuw@example.test"}


def test_14_wachtwoord_vergeten_antwoordt_hetzelfde_voor_bekend_en_onbekend():
    GebruikerFactory(email="bekend@example.test")
    pad = reverse("account_reset_password")
    a = Client().post(pad, {"email": "bekend@example.test"})
    b = Client().post(pad, {"email": "onbekend@example.test"})
    assert a.status_code == b.status_code == 302
    assert a["Location"] == b["Location"]


def test_14_herhaalde_foute_wachtwoorden_per_account_geblokkeerd():
    """Per account (5 in 5 minutes, from any address) as well as per address."""
    bekend = GebruikerFactory()
    for i in range(5):
        response = Client(REMOTE_ADDR=f"198.51.100.{i + 1}").post(
            LOGIN, {"login": bekend.email, "password": "fout-wachtwoord-1"}
        )
        assert response.status_code == 200
    c = Client(REMOTE_ADDR="198.51.100.77")
    response = c.post(LOGIN, {"login": bekend.email, "password": WACHTWOORD})
    # Not even the right password gets in now; the form says why.
    assert response.status_code == 200
    assert "_auth_user_id" not in c.session
    fouten = response.context["form"].non_field_errors()
    assert fouten and all(_html_tekst(f) in response.content.decode() for f in fouten)
    # Five failures and the refusal, each in the audit log.
    regels = AuditRegel.objects.filter(actie=AuditActie.INLOGGEN_MISLUKT).order_by("pk")
    assert [r.uitkomst for r in regels] == [Uitkomst.MISLUKT] * 5 + [Uitkomst.GEWEIGERD]
    assert bekend.email in regels.last().omschrijving
    assert WACHTWOORD not in regels.last().omschrijving


def test_14_herhaald_wachtwoord_vergeten_en_aanmelden_geremd():
    GebruikerFactory(email="bekend@example.test")
    pad = reverse("account_reset_password")
    antwoorden = [
        Client(REMOTE_ADDR=f"198.51.100.{i + 1}")
        .post(pad, {"email": "bekend@example.test"})
        .status_code
        for i in range(6)
    ]
    assert antwoorden == [302] * 5 + [429]
    assert len(mail.outbox) == 5  # the sixth request mails nothing

    c = Client(REMOTE_ADDR="198.51.100.200")
    for i in range(20):
        c.post(
            reverse("account_signup"),
            {
                "weergavenaam": "X",
                "email": f"nieuw{i}@example.test",
                "password1": WACHTWOORD,
                "password2": WACHTWOORD,
            },
        )
        c.cookies.clear()
    aantal = Gebruiker.objects.count()
    response = c.post(
        reverse("account_signup"),
        {
            "weergavenaam": "X",
            "email": "teveel@example.test",
            "password1": WACHTWOORD,
            "password2": WACHTWOORD,
        },
    )
    assert response.status_code == 429
    assert Gebruiker.objects.count() == aantal


# --- 15: reset tokens ----------------------------------------------------------------------


def _resetpad(gebruiker, token=None) -> str:
    sleutel = token or default_token_generator.make_token(gebruiker)
    return reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(gebruiker), "key": sleutel},
    )


def _nieuw_wachtwoord(c: Client, pad: str):
    response = c.get(pad, follow=True)
    formpad = response.redirect_chain[-1][0] if response.redirect_chain else pad
    return c.post(
        formpad,
        {"password1": "nieuw-wachtwoord-van-mij-9", "password2": "nieuw-wachtwoord-van-mij-9"},
    )


def test_15_resettoken_hergebruikt_verlopen_of_van_een_ander():
    fatima = GebruikerFactory()
    ander = GebruikerFactory()

    # Someone else's token with Fatima's id.
    response = Client().get(_resetpad(fatima, default_token_generator.make_token(ander)))
    assert response.status_code == 200 and response.context["token_fail"]

    # Used once: fine. Used again: refused, the password stays what the first use set.
    pad = _resetpad(fatima)
    assert _nieuw_wachtwoord(Client(), pad).status_code == 302
    fatima.refresh_from_db()
    assert fatima.check_password("nieuw-wachtwoord-van-mij-9")
    response = Client().get(pad, follow=True)
    assert response.context["token_fail"]

    # Expired.
    pad = _resetpad(ander)
    with override_settings(PASSWORD_RESET_TIMEOUT=-1):
        response = Client().get(pad, follow=True)
    assert response.context["token_fail"]
    ander.refresh_from_db()
    assert ander.check_password(WACHTWOORD)


# --- 17 and 18: uploads through the form --------------------------------------------------

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@pytest.mark.parametrize(
    ("naam", "inhoud"),
    [
        ("plaatje.svg", SVG),
        ("pagina.html", HTML),
        ("foto.jpg.html", HTML),
        ("foto.jpg", HTML),  # wrong magic bytes
        ("leeg.jpg", b""),
    ],
)
def test_17_slechte_bijlage_via_het_formulier(wijk, thema, naam, inhoud):
    c = _client(GebruikerFactory())
    bestand = SimpleUploadedFile(naam, inhoud, content_type="image/jpeg")
    response = c.post(INDIENEN, _formulier(wijk, thema, bijlagen=bestand))
    assert response.status_code == 200
    assert "bijlagen" in response.context["form"].errors
    for fout in response.context["form"].errors["bijlagen"]:
        assert _html_tekst(fout) in response.content.decode()
    assert not Onderwerp.objects.exists() and not Bijlage.objects.exists()


@pytest.mark.parametrize(
    "naam", ["../../x.jpg", "..\\..\\x.jpg", "fo\u202egpj.exe.jpg", "ë🙂 foto.jpg"]
)
def test_18_vreemde_bestandsnaam_krijgt_een_willekeurige_opslagnaam(wijk, thema, naam):
    c = _client(GebruikerFactory())
    bestand = SimpleUploadedFile(naam, jpeg_met_gps(), content_type="image/jpeg")
    assert c.post(INDIENEN, _formulier(wijk, thema, bijlagen=bestand)).status_code == 302
    bijlage = Bijlage.objects.get()
    opgeslagen = bijlage.bestand.name
    assert ".." not in opgeslagen and "\\" not in opgeslagen
    assert not any(deel in opgeslagen for deel in ("x.jpg", "foto", "\u202e"))
    assert "/" not in bijlage.oorspronkelijke_naam and "\\" not in bijlage.oorspronkelijke_naam


# --- 19: someone else's export -------------------------------------------------------------


def test_19_download_is_altijd_de_eigen_en_anoniem_niets():
    fatima = GebruikerFactory(email="fatima@example.test")
    GebruikerFactory(email="ander@example.test")
    pad = reverse("mijngegevens:download")
    response = _client(fatima).get(pad, {"formaat": "json", "gebruiker": "2", "pk": "2"})
    assert response.status_code == 200
    assert response.json()["account"]["email"] == "fatima@example.test"
    assert b"ander@example.test" not in response.content
    response = Client().get(pad, {"formaat": "json"})
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


# --- 22: throttled with a clear message -----------------------------------------------------


def test_22_te_veel_indieningen_geeft_een_duidelijke_melding(wijk, thema, settings):
    from initiatieven.views.indienen import INDIENINGEN_PER_UUR

    c = _client(GebruikerFactory())
    for _ in range(INDIENINGEN_PER_UUR):
        assert c.post(INDIENEN, _formulier(wijk, thema)).status_code == 302
    response = c.post(INDIENEN, _formulier(wijk, thema, titel="Eén te veel"))
    assert response.status_code == 429
    html = response.content.decode()
    # The form comes back with what was typed, and a message above it.
    assert "Eén te veel" in html
    assert 'role="alert"' in html or 'class="alert' in html
    assert Onderwerp.objects.count() == INDIENINGEN_PER_UUR


# --- 23: a forced server error -------------------------------------------------------------


def test_23_geforceerde_fout_toont_een_generieke_pagina(monkeypatch, settings):
    from wijkportaal import views

    settings.DEBUG = False

    def stuk(*args, **kwargs):
        raise RuntimeError("geheime-details-DATABASE_URL")

    monkeypatch.setattr(views.Wijk.objects, "voor_wijkzoeker", stuk)
    c = Client(raise_request_exception=False)
    response = c.get(reverse("home"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "geheime-details" not in html and "Traceback" not in html
    assert "SECRET_KEY" not in html and "DATABASE" not in html
    assert "<h1" in html


# --- 25: framing -----------------------------------------------------------------------------


@pytest.mark.parametrize("pad", ["/", INDIENEN, LOGIN, "/bestaat-niet/"])
def test_25_inlijsten_door_een_andere_site_geblokkeerd(pad):
    response = _client(GebruikerFactory()).get(pad)
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


# --- extra cases -----------------------------------------------------------------------------


def test_extra_nul_teken_in_tekst_is_een_formulierfout(wijk, thema):
    c = _client(GebruikerFactory(weergavenaam="Fatima"))
    response = c.post(INDIENEN, _formulier(wijk, thema, beschrijving="Tekst\x00met nul"))
    assert response.status_code == 200
    _ziet_fout(response, "beschrijving", "null_characters_not_allowed")
    assert not Onderwerp.objects.exists()
    response = c.post(reverse("mijngegevens:naam_wijzigen"), {"weergavenaam": "A\x00B"})
    assert response.status_code == 400
    response = Client().post(LOGIN, {"login": "a\x00@example.test", "password": "x\x00y"})
    assert response.status_code == 200 and "_auth_user_id" not in Client().session


@pytest.mark.parametrize("params", [{"q": "\x00"}, {"wijk": "\x00"}, {"page": "9" * 30}])
def test_extra_nul_teken_en_enorme_getallen_in_de_zoekbalk(params):
    for pad in (reverse("initiatieven:lijst"), reverse("wijken:lijst"), reverse("bezoeken:lijst")):
        assert Client().get(pad, params).status_code == 200, pad


def test_extra_enorme_querystring():
    response = Client().get(reverse("initiatieven:lijst") + "?" + "&".join(["a=b"] * 20_000))
    assert response.status_code in (200, 400)


@pytest.mark.parametrize(
    "pad",
    [
        "/initiatieven/99999999999999999999/",
        "/initiatieven/1/bijlagen/99999999999999999999/",
        "/wijken/groepen/99999999999999999999/",
        "/bezoeken/99999999999999999999/",
        "/vergaderingen/99999999999999999999/",
        "/wijken/afmelden/x\u202e\u0000y/",
        "/feeds/initiatieven/99999999999999999999/",
        "/feeds/wijken/x\u202e\u0000y/",
    ],
)
def test_extra_id_buiten_bereik_is_een_404(pad):
    response = Client().get(pad)
    assert response.status_code in (400, 404)


@override_settings(ALLOWED_HOSTS=["wijkportaal.example.test"])
@pytest.mark.parametrize("host", ["evil.example", "wijkportaal.example.test\r\nX-Kop: 1"])
def test_extra_host_header_van_buiten_geweigerd(host):
    bekend = GebruikerFactory(email="fatima@example.test")
    c = Client(HTTP_HOST=host, raise_request_exception=False)
    response = c.post(reverse("account_reset_password"), {"email": bekend.email})
    assert response.status_code == 400
    # No reset link to another site is ever mailed.
    assert not mail.outbox


def test_extra_andere_http_methoden_op_formulieren(wijk, thema):
    bewoner = GebruikerFactory(weergavenaam="Fatima")
    c = _client(bewoner)
    for pad in (
        INDIENEN,
        reverse("mijngegevens:naam_wijzigen"),
        reverse("mijngegevens:verwijderen"),
        reverse("initiatieven:mijn_inbreng"),
    ):
        for methode in ("put", "delete", "patch", "options"):
            assert getattr(c, methode)(pad).status_code == 405, (methode, pad)
        assert c.head(pad).status_code == 200
    assert Gebruiker.objects.filter(pk=bewoner.pk).exists()
    assert not Onderwerp.objects.exists()


def test_extra_regeleinde_in_de_titel_breekt_de_email_niet(
    wijk, thema, django_capture_on_commit_callbacks
):
    c = _client(GebruikerFactory())
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            INDIENEN, _formulier(wijk, thema, titel="Moestuin\r\nBcc: buit@evil.example")
        )
    assert response.status_code == 302
    # The confirmation and the advisor's notice both went, each with a one-line subject.
    assert len(mail.outbox) >= 2
    for bericht in mail.outbox:
        kop = bericht.message()["Subject"]
        assert "\n" not in kop and "\r" not in kop
        assert "buit@evil.example" not in bericht.bcc
        assert bericht.message()["Bcc"] is None


def test_extra_gebruikersnaam_met_regeleinde_in_aanmelden(client):
    response = client.post(
        reverse("account_signup"),
        {
            "weergavenaam": "Fatima\r\nBcc: x@evil.example",
            "email": "nieuw@example.test\r\nBcc: x@evil.example",
            "password1": WACHTWOORD,
            "password2": WACHTWOORD,
        },
    )
    assert response.status_code == 200
    _ziet_fout(response, "email", "invalid")
    assert not Gebruiker.objects.exists() and not mail.outbox


# --- the table ---------------------------------------------------------------------------------


def test_elk_geval_is_gedekt():
    hier = {
        int(m[1])
        for naam in globals()
        if (m := re.match(r"test_(\d\d)_", naam)) and callable(globals()[naam])
    }
    assert set(range(1, 26)) <= hier | set(GEDEKT_ELDERS), (
        set(range(1, 26)) - hier - set(GEDEKT_ELDERS)
    )
    for nummer, testen in GEDEKT_ELDERS.items():
        for test in testen:
            bestand, naam = test.split("::")
            module = importlib.import_module(bestand.removesuffix(".py").replace("/", "."))
            assert callable(getattr(module, naam, None)), f"case {nummer}: {test} is missing"


@pytest.mark.parametrize("begin", ["0001-01-01T00:00", "9999-12-31T23:59", "99999-01-01T00:00"])
def test_extra_vergaderdatum_buiten_elk_redelijk_bereik(begin):
    """Year 1 does not fit the database once converted to UTC; 9999 broke the calendar
    feed (the meeting's end falls past the last date there is)."""
    from contacten.models import Vergadering

    griffie = GebruikerFactory(griffie=True, tweede_factor=True)
    response = _client(griffie).post(
        reverse("contacten:vergadering_nieuw"),
        {"orgaan": "college", "begin": begin, "locatie": "Stadhuis"},
    )
    assert response.status_code in (200, 400)
    assert "begin" in response.context["form"].errors
    for fout in response.context["form"].errors["begin"]:
        assert _html_tekst(fout) in response.content.decode()
    assert not Vergadering.objects.exists()
    assert Client().get(reverse("bezoeken:ical")).status_code == 200


# --- compact versions of cases tested in depth elsewhere ------------------------------------


def test_16_oud_sessiekoekje_na_uitloggen():
    c = Client()
    bewoner = GebruikerFactory()
    c.post(LOGIN, {"login": bewoner.email, "password": WACHTWOORD})
    kopie = Client()
    kopie.cookies["sessionid"] = c.cookies["sessionid"].value
    c.post(reverse("account_logout"))
    response = kopie.get(reverse("mijngegevens:overzicht"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_20_dubbelklik_maakt_een_item(wijk, thema):
    c = _client(GebruikerFactory())
    data = _formulier(wijk, thema)
    eerste, tweede = c.post(INDIENEN, data), c.post(INDIENEN, data)
    assert eerste.status_code == tweede.status_code == 302
    # The second click lands where the first did: the one item's confirmation.
    assert eerste["Location"] == tweede["Location"]
    assert Onderwerp.objects.count() == 1


def test_21_twee_adviseurs_tegelijk(wijk):
    """Two officials with the page open at the same version (here two browsers of the
    ward's advisors): the second gets the conflict, with what changed, and overwrites
    nothing."""
    onderwerp = OnderwerpFactory(wijk=wijk)
    gezien = onderwerp.versie
    pad = reverse("initiatieven:stap", args=[onderwerp.pk])
    eerste = _client(wijk.wijkadviseur).post(pad, {"naar": Status.IN_BEHANDELING, "versie": gezien})
    assert eerste.status_code == 302
    tweede = _client(wijk.wijkadviseur).post(
        pad, {"naar": Status.NIET_MOGELIJK, "versie": gezien, "toelichting": "Kan niet."}
    )
    assert tweede.status_code == 409
    html = tweede.content.decode()
    assert 'id="conflict"' in html
    assert str(Status.IN_BEHANDELING.label) in html
    assert "Kan niet." in html  # their input is kept to submit again knowingly
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.IN_BEHANDELING
    assert onderwerp.statuswijzigingen.count() == 1


def test_24_anoniem_blijft_anoniem(wijk):
    indiener = GebruikerFactory(weergavenaam="Zulkarnain Vrijdaghuis", email="z.lek@example.test")
    onderwerp = OnderwerpFactory(wijk=wijk, indiener=indiener, openbaar_=True, toon_naam=False)
    for pad in (onderwerp.get_absolute_url(), reverse("initiatieven:lijst")):
        html = Client().get(pad).content.decode()
        assert "Vrijdaghuis" not in html and "z.lek@" not in html, pad


@pytest.mark.parametrize("naam", ['ë🙂 "foto"; x=1.jpg', "a\r\nX-Kop: 1.jpg", "\u202egpj.exe"])
def test_extra_vreemde_bestandsnaam_veilig_in_de_download(wijk, thema, naam):
    indiener = GebruikerFactory()
    bestand = SimpleUploadedFile(naam, jpeg_met_gps(), content_type="image/jpeg")
    c = _client(indiener)
    assert c.post(INDIENEN, _formulier(wijk, thema, bijlagen=bestand)).status_code == 302
    bijlage = Bijlage.objects.get()
    assert "\r" not in bijlage.oorspronkelijke_naam and "\u202e" not in bijlage.oorspronkelijke_naam
    response = c.get(reverse("initiatieven:bijlage", args=[bijlage.onderwerp_id, bijlage.pk]))
    assert response.status_code == 200
    kop = response["Content-Disposition"]
    assert kop.startswith("attachment;")
    assert "\r" not in kop and "\n" not in kop
    assert "X-Kop" not in response.headers
    # A quote or semicolon in the name cannot add a parameter to the header: the name
    # is the only parameter, percent-encoded or quoted with its quotes escaped.
    assert re.fullmatch(
        r"""attachment; (filename\*=utf-8''[^\s;"]+|filename="([^"\\]|\\.)*")""", kop
    )
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"

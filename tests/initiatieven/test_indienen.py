"""The resident's pages: submitting, drafts, confirmation, my contributions, withdrawing.

Assertions are on status codes, redirects, rows, ids and hrefs, and the outbox; never on
interface text (it is translated).
"""

import datetime
import re
import threading
import uuid

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from initiatieven.keuzes import Soort, Status
from initiatieven.models import Bericht, Bijlage, Onderwerp, Statuswijziging
from initiatieven.views import indienen as indienen_views
from initiatieven.views.indienen import INDIENINGEN_PER_UUR
from tests.bestanden import PDF
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.initiatieven.test_bijlagen import HTML, heeft_geen_metadata, jpeg_met_gps
from tests.responses import assert_page
from tests.wijken.factories import BewonersgroepFactory, BuurtFactory, WijkFactory
from wijken import snelheid

NIEUW_INITIATIEF = reverse("initiatieven:initiatief_indienen")
NIEUW_KNELPUNT = reverse("initiatieven:knelpunt_melden")
MIJN_INBRENG = reverse("initiatieven:mijn_inbreng")


def url(naam, pk):
    return reverse(f"initiatieven:{naam}", args=[pk])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def wijk(db):
    return WijkFactory(met_staf=True, naam="Noord")


@pytest.fixture
def buurt(wijk):
    return BuurtFactory(wijk=wijk, naam="Molenwijk")


@pytest.fixture
def andere_buurt(db):
    return BuurtFactory(wijk=WijkFactory(met_staf=True, naam="Zuid"), naam="Havenkwartier")


@pytest.fixture
def thema(db):
    return ThemaFactory(naam="Groen en spelen")


@pytest.fixture
def ingelogd(client, bewoner):
    client.force_login(bewoner)
    return client


@pytest.fixture
def post(ingelogd, wijk, thema):
    """POST the submission form; ``actie`` is "indienen" (submit) or "concept" (draft)."""

    def _post(pad=NIEUW_INITIATIEF, *, actie="indienen", c=None, **velden):
        data = {
            "titel": "Moestuin bij de speeltuin",
            "beschrijving": "We willen met de buurt een moestuin beginnen.",
            "thema": thema.pk,
            "wijk": wijk.pk,
            "buurt": "",
            "locatie": "Parkweg",
            "idempotentiesleutel": str(uuid.uuid4()),
            "actie": actie,
            **velden,
        }
        return (c or ingelogd).post(pad, data)

    return _post


def fouten(response) -> dict:
    return response.context["form"].errors.as_data()


def codes(response, veld) -> set[str]:
    return {fout.code for fout in fouten(response).get(veld, [])}


# --- access -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pad",
    [
        NIEUW_INITIATIEF,
        NIEUW_KNELPUNT,
        MIJN_INBRENG,
        "/initiatieven/1/bewerken/",
        "/initiatieven/1/verwijderen/",
        "/initiatieven/1/ontvangen/",
        "/initiatieven/1/intrekken/",
    ],
)
def test_anoniem_naar_inloggen_en_terug(client, db, pad):
    response = client.get(pad)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={pad}"
    assert client.post(pad, {"titel": "x"}).status_code == 302
    assert not Onderwerp.objects.exists()


@pytest.mark.parametrize(
    ("taal", "initiatief", "knelpunt"),
    [
        ("nl", "Initiatief indienen", "Knelpunt melden"),
        ("en", "Submit an initiative", "Report a bottleneck"),
    ],
)
def test_titel_in_de_taal_van_het_verzoek(ingelogd, settings, taal, initiatief, knelpunt):
    # Both languages in one process: a title translated once, at import, would be wrong
    # in one of them.
    ingelogd.cookies[settings.LANGUAGE_COOKIE_NAME] = taal
    assert f"<h1>{initiatief}</h1>" in ingelogd.get(NIEUW_INITIATIEF).content.decode()
    assert f"<h1>{knelpunt}</h1>" in ingelogd.get(NIEUW_KNELPUNT).content.decode()


def test_formulier_toont_sleutel_en_buurten_per_wijk(ingelogd, buurt, andere_buurt, thema):
    response = ingelogd.get(NIEUW_INITIATIEF)
    assert response.status_code == 200
    form = response.context["form"]
    assert isinstance(form.initial["idempotentiesleutel"], uuid.UUID)
    html = response.content.decode()
    assert 'name="idempotentiesleutel"' in html
    assert '<optgroup label="Noord">' in html and '<optgroup label="Zuid">' in html
    assert 'enctype="multipart/form-data"' in html
    # No maxlength: a browser would cut pasted text silently.
    assert "maxlength" not in html.split('id="onderwerp-formulier"')[1].split("</form>")[0]
    # Two buttons on the same form: submit first (the default for the Enter key).
    assert html.index('value="indienen"') < html.index('value="concept"')
    # A new key each time the form is shown.
    tweede = ingelogd.get(NIEUW_INITIATIEF).context["form"].initial["idempotentiesleutel"]
    assert tweede != form.initial["idempotentiesleutel"]


def test_velden_verwijzen_naar_fouten_en_hulp(ingelogd, post):
    response = post(titel="   ")
    html = response.content.decode()
    assert 'id="foutensamenvatting"' in html
    assert 'href="#id_titel"' in html
    assert 'aria-describedby="id_titel_helptext id_titel_error"' in html
    assert 'aria-invalid="true"' in html


# --- submitting ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pad", "soort"), [(NIEUW_INITIATIEF, Soort.INITIATIEF), (NIEUW_KNELPUNT, Soort.KNELPUNT)]
)
def test_indienen(post, bewoner, wijk, thema, pad, soort, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(pad)

    onderwerp = Onderwerp.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("bevestiging", onderwerp.pk)
    assert onderwerp.soort == soort
    assert onderwerp.status == Status.INGEDIEND
    assert onderwerp.indiener == bewoner
    assert (onderwerp.wijk, onderwerp.thema, onderwerp.locatie) == (wijk, thema, "Parkweg")
    assert onderwerp.openbaar is False and onderwerp.toon_naam is False
    assert onderwerp.eerste_reactie_voor > timezone.localdate()
    assert list(onderwerp.statuswijzigingen.values_list("van", "naar")) == [
        (Status.CONCEPT, Status.INGEDIEND)
    ]
    ontvangers = sorted(adres for bericht in mail.outbox for adres in bericht.to)
    assert ontvangers == sorted([bewoner.email, wijk.wijkadviseur.email])


def test_bevestiging_toont_datum_en_link(post, ingelogd):
    post()
    onderwerp = Onderwerp.objects.get()
    response = ingelogd.get(url("bevestiging", onderwerp.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'datetime="{onderwerp.eerste_reactie_voor:%Y-%m-%d}"' in html
    assert f'href="{onderwerp.get_absolute_url()}"' in html
    assert f'href="{MIJN_INBRENG}"' in html


def test_keuzes_naam_en_niet_openbaar(post):
    post(toon_naam="on", wil_niet_openbaar="on")
    onderwerp = Onderwerp.objects.get()
    assert onderwerp.toon_naam and onderwerp.wil_niet_openbaar
    assert onderwerp.openbaar is False


def test_indienen_met_foto_zonder_gps(post, ingelogd, wijk, thema):
    response = ingelogd.post(
        NIEUW_INITIATIEF,
        {
            "titel": "Bankje",
            "beschrijving": "Een bankje bij de vijver.",
            "thema": thema.pk,
            "wijk": wijk.pk,
            "idempotentiesleutel": str(uuid.uuid4()),
            "actie": "indienen",
            "bijlagen": [
                SimpleUploadedFile("../../vijver.jpg", jpeg_met_gps(), "image/jpeg"),
                SimpleUploadedFile("plan.pdf", PDF, "application/pdf"),
            ],
        },
    )
    assert response.status_code == 302
    foto, pdf = Bijlage.objects.order_by("pk")
    assert foto.oorspronkelijke_naam == "vijver.jpg"
    assert foto.inhoudstype == "image/jpeg" and pdf.inhoudstype == "application/pdf"
    assert "vijver" not in foto.bestand.name and ".." not in foto.bestand.name
    with foto.bestand.open("rb") as f:
        assert heeft_geen_metadata(f.read())


def test_slechte_bijlage_is_een_formulierfout(post, ingelogd, wijk, thema):
    response = ingelogd.post(
        NIEUW_INITIATIEF,
        {
            "titel": "Bankje",
            "beschrijving": "Een bankje bij de vijver.",
            "thema": thema.pk,
            "wijk": wijk.pk,
            "actie": "indienen",
            "bijlagen": [SimpleUploadedFile("x.jpg.html", HTML, "image/jpeg")],
        },
    )
    assert response.status_code == 200
    assert codes(response, "bijlagen") == {"soort"}
    assert not Onderwerp.objects.exists() and not Bijlage.objects.exists()


def test_te_veel_bijlagen(ingelogd, wijk, thema, settings):
    settings.BIJLAGEN_MAX_AANTAL = 5
    response = ingelogd.post(
        NIEUW_INITIATIEF,
        {
            "titel": "Bankje",
            "beschrijving": "Een bankje.",
            "thema": thema.pk,
            "wijk": wijk.pk,
            "actie": "indienen",
            "bijlagen": [SimpleUploadedFile(f"{i}.pdf", PDF, "application/pdf") for i in range(6)],
        },
    )
    assert codes(response, "bijlagen") == {"te_veel"}
    assert not Onderwerp.objects.exists()


def test_fout_houdt_alle_invoer_en_vraagt_bestanden_opnieuw(ingelogd, wijk, buurt, thema):
    data = {
        "titel": "",
        "beschrijving": "Mijn lange verhaal over de buurt.",
        "thema": thema.pk,
        "buurt": buurt.pk,
        "wijk": "",
        "locatie": "Hoek Kerkstraat",
        "toon_naam": "on",
        "idempotentiesleutel": str(uuid.uuid4()),
        "actie": "indienen",
        "bijlagen": [SimpleUploadedFile("foto.jpg", jpeg_met_gps(), "image/jpeg")],
    }
    response = ingelogd.post(NIEUW_INITIATIEF, data)
    assert response.status_code == 200
    assert codes(response, "titel") == {"required"}
    assert codes(response, "bijlagen") == {"opnieuw_kiezen"}
    html = response.content.decode()
    assert "Mijn lange verhaal over de buurt." in html
    assert 'value="Hoek Kerkstraat"' in html
    assert f'value="{data["idempotentiesleutel"]}"' in html  # the same form, the same key
    assert f'<option value="{buurt.pk}" selected>' in html
    assert re.search(r'<input[^>]*name="toon_naam"[^>]*checked', html)
    assert not Onderwerp.objects.exists() and not Bijlage.objects.exists()


# --- neighbourhood and ward ---------------------------------------------------------------


def test_buurt_bepaalt_de_wijk(post, buurt, wijk):
    post(buurt=buurt.pk, wijk="")
    onderwerp = Onderwerp.objects.get()
    assert (onderwerp.buurt, onderwerp.wijk) == (buurt, wijk)


def test_buurt_en_wijk_die_niet_passen(post, andere_buurt, wijk):
    response = post(buurt=andere_buurt.pk, wijk=wijk.pk)
    assert response.status_code == 200
    assert codes(response, "buurt") == {"buurt_wijk"}
    assert not Onderwerp.objects.exists()


def test_geen_wijk_en_geen_buurt(post):
    response = post(wijk="", buurt="")
    assert codes(response, "wijk") == {"required"}
    assert not Onderwerp.objects.exists()


# --- groups -------------------------------------------------------------------------------


def test_groepsveld_verborgen_zonder_groepen(ingelogd, post, wijk):
    vreemd = BewonersgroepFactory(wijk=wijk)
    assert "groep" not in ingelogd.get(NIEUW_INITIATIEF).context["form"].fields
    post(groep=vreemd.pk)  # posted anyway: ignored
    assert Onderwerp.objects.get().groep is None


def test_alleen_eigen_groepen(ingelogd, post, bewoner, wijk):
    eigen = BewonersgroepFactory(wijk=wijk, contactpersonen=[bewoner])
    vreemd = BewonersgroepFactory(wijk=wijk)
    keuzes = ingelogd.get(NIEUW_INITIATIEF).context["form"].fields["groep"].queryset
    assert list(keuzes) == [eigen]

    response = post(groep=vreemd.pk)
    assert codes(response, "groep") == {"invalid_choice"}
    assert not Onderwerp.objects.exists()

    post(groep=eigen.pk)
    assert Onderwerp.objects.get().groep == eigen


def test_concept_van_een_groep_waar_je_geen_contact_meer_van_bent(post, ingelogd, bewoner, wijk):
    groep = BewonersgroepFactory(wijk=wijk, contactpersonen=[bewoner])
    post(actie="concept", groep=groep.pk)
    concept = Onderwerp.objects.get()
    assert concept.groep == groep
    groep.contactpersonen.remove(bewoner)
    response = post(url("concept_bewerken", concept.pk), groep=groep.pk)
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.status == Status.INGEDIEND and concept.groep is None


def test_groep_van_een_andere_wijk(post, bewoner, andere_buurt):
    groep = BewonersgroepFactory(wijk=andere_buurt.wijk, contactpersonen=[bewoner])
    response = post(groep=groep.pk)
    assert codes(response, "groep") == {"groep_wijk"}
    assert not Onderwerp.objects.exists()


# --- drafts -------------------------------------------------------------------------------


def test_concept_opslaan_afmaken_en_indienen(post, ingelogd, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(actie="concept", titel="Eerste versie")
    onderwerp = Onderwerp.objects.get()
    assert response["Location"] == url("concept_bewerken", onderwerp.pk)
    assert onderwerp.status == Status.CONCEPT and onderwerp.ingediend_op is None
    assert not mail.outbox and not Statuswijziging.objects.exists()

    response = ingelogd.get(url("concept_bewerken", onderwerp.pk))
    assert response.status_code == 200
    assert 'value="Eerste versie"' in response.content.decode()
    assert response.context["form"].initial["idempotentiesleutel"] == onderwerp.idempotentiesleutel

    post(url("concept_bewerken", onderwerp.pk), actie="concept", titel="Tweede versie")
    onderwerp.refresh_from_db()
    assert onderwerp.titel == "Tweede versie" and onderwerp.status == Status.CONCEPT
    assert Onderwerp.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = post(url("concept_bewerken", onderwerp.pk), titel="Definitief")
    onderwerp.refresh_from_db()
    assert response["Location"] == url("bevestiging", onderwerp.pk)
    assert onderwerp.status == Status.INGEDIEND and onderwerp.titel == "Definitief"
    assert len(mail.outbox) == 2

    # Submitted: no longer a draft to edit.
    assert ingelogd.get(url("concept_bewerken", onderwerp.pk)).status_code == 404
    assert ingelogd.get(url("concept_verwijderen", onderwerp.pk)).status_code == 404


def test_dubbel_indienen_van_een_concept(post, ingelogd):
    post(actie="concept")
    onderwerp = Onderwerp.objects.get()
    sleutel = str(onderwerp.idempotentiesleutel)
    eerste = post(url("concept_bewerken", onderwerp.pk), idempotentiesleutel=sleutel)
    tweede = post(url("concept_bewerken", onderwerp.pk), idempotentiesleutel=sleutel)
    assert eerste["Location"] == tweede["Location"] == url("bevestiging", onderwerp.pk)
    assert Statuswijziging.objects.count() == 1


def test_concept_verwijderen(post, ingelogd):
    post(actie="concept")
    onderwerp = Onderwerp.objects.get()
    pad = url("concept_verwijderen", onderwerp.pk)
    assert ingelogd.get(pad).status_code == 200
    assert Onderwerp.objects.exists()  # no side effect on GET
    response = ingelogd.post(pad)
    assert response["Location"] == MIJN_INBRENG
    assert not Onderwerp.objects.exists()


def test_ingediend_item_kan_niet_verwijderd_worden(ingelogd, bewoner):
    onderwerp = OnderwerpFactory(indiener=bewoner)
    assert ingelogd.post(url("concept_verwijderen", onderwerp.pk)).status_code == 404
    assert Onderwerp.objects.filter(pk=onderwerp.pk).exists()


# --- idempotency (bad input 20) ------------------------------------------------------------


def test_dubbelklik_maakt_een_item(post):
    sleutel = str(uuid.uuid4())
    antwoorden = [post(idempotentiesleutel=sleutel) for _ in range(10)]
    onderwerp = Onderwerp.objects.get()
    assert {a.status_code for a in antwoorden} == {302}
    assert {a["Location"] for a in antwoorden} == {url("bevestiging", onderwerp.pk)}
    assert Statuswijziging.objects.count() == 1


def test_sleutel_van_een_ander_geeft_niets_prijs(post, client):
    sleutel = str(uuid.uuid4())
    post(idempotentiesleutel=sleutel)
    ander = Client()
    ander.force_login(GebruikerFactory())
    response = post(idempotentiesleutel=sleutel, c=ander)
    assert response.status_code == 404
    assert Onderwerp.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_tien_parallelle_posts_maken_een_item(wijk, thema):
    if connection.vendor != "postgresql":
        pytest.skip("parallel writes need PostgreSQL; SQLite serialises them anyway")
    bewoner = GebruikerFactory()
    data = {
        "titel": "Parallel",
        "beschrijving": "Tien keer tegelijk.",
        "thema": thema.pk,
        "wijk": wijk.pk,
        "idempotentiesleutel": str(uuid.uuid4()),
        "actie": "indienen",
    }
    clients = []
    for _ in range(10):
        c = Client()
        c.force_login(bewoner)
        clients.append(c)
    start = threading.Barrier(len(clients))
    antwoorden, fouten_ = [], []

    def versturen(c):
        try:
            start.wait()
            antwoorden.append(c.post(NIEUW_INITIATIEF, data))
        except Exception as exc:  # noqa: BLE001 - reported below
            fouten_.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=versturen, args=(c,)) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert not fouten_
    onderwerp = Onderwerp.objects.get()
    assert onderwerp.status == Status.INGEDIEND
    assert {a.status_code for a in antwoorden} == {302}
    assert {a["Location"] for a in antwoorden} == {url("bevestiging", onderwerp.pk)}
    assert Statuswijziging.objects.count() == 1


# --- rate limit (bad input 22) -------------------------------------------------------------


def test_hoogstens_tien_indieningen_per_uur(post):
    for _ in range(INDIENINGEN_PER_UUR):
        assert post().status_code == 302
    response = post(titel="De elfde")
    assert response.status_code == 429
    assert fouten(response)["__all__"]
    assert 'value="De elfde"' in response.content.decode()  # nothing typed is lost
    assert Onderwerp.objects.count() == INDIENINGEN_PER_UUR
    # Saving as a draft is still possible, and the draft waits.
    assert post(actie="concept", titel="De elfde").status_code == 302
    assert Onderwerp.objects.filter(status=Status.CONCEPT).count() == 1


def test_herhaalde_post_telt_niet_mee(post):
    sleutel = str(uuid.uuid4())
    for _ in range(INDIENINGEN_PER_UUR + 5):
        post(idempotentiesleutel=sleutel)
    assert post().status_code == 302


def test_limiet_per_account(post):
    for _ in range(INDIENINGEN_PER_UUR):
        post()
    ander = Client()
    ander.force_login(GebruikerFactory())
    assert post(c=ander).status_code == 302


@pytest.fixture
def adreslimiet(monkeypatch):
    """A small per-address limit, so a test needs few accounts."""
    monkeypatch.setattr(indienen_views, "INDIENINGEN_PER_ADRES_PER_UUR", 3)
    return 3


def _vanaf(adres, **headers):
    c = Client(REMOTE_ADDR=adres, headers=headers)
    c.force_login(GebruikerFactory())
    return c


def test_limiet_per_adres_over_accounts(post, adreslimiet):
    for _ in range(adreslimiet):
        assert post(c=_vanaf("203.0.113.7")).status_code == 302
    response = post(c=_vanaf("203.0.113.7"), titel="Een te veel")
    assert response.status_code == 429
    assert fouten(response)["__all__"]
    assert not Onderwerp.objects.filter(titel="Een te veel").exists()
    assert Onderwerp.objects.count() == adreslimiet
    # Another address is not affected.
    assert post(c=_vanaf("198.51.100.1")).status_code == 302


def test_geweigerd_op_adres_kost_het_account_niets(post, adreslimiet):
    for _ in range(adreslimiet):
        post(c=_vanaf("203.0.113.7"))
    c = _vanaf("203.0.113.7")
    gebruiker_pk = int(c.session["_auth_user_id"])
    assert post(c=c).status_code == 429
    assert snelheid.stand(f"indienen:account:{gebruiker_pk}", 3600) == 0
    assert snelheid.stand("indienen:adres:203.0.113.7", 3600) == adreslimiet


def test_achter_de_load_balancer_telt_het_adres_van_de_bewoner(post, adreslimiet, settings):
    """With TRUSTED_PROXY_COUNT set, residents behind one balancer count separately."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for i in range(adreslimiet + 2):
        c = _vanaf("10.0.0.2", x_forwarded_for=f"192.0.2.{i + 1}")
        assert post(c=c).status_code == 302
    for _ in range(adreslimiet):
        post(c=_vanaf("10.0.0.2", x_forwarded_for="192.0.2.200"))
    assert post(c=_vanaf("10.0.0.2", x_forwarded_for="192.0.2.200")).status_code == 429


def test_concept_opslaan_telt_niet(post, adreslimiet):
    c = _vanaf("203.0.113.7")
    for _ in range(adreslimiet + 2):
        assert post(c=c, actie="concept").status_code == 302
    assert snelheid.stand("indienen:adres:203.0.113.7", 3600) == 0


# --- bad input -----------------------------------------------------------------------------

GEVAARLIJK = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
BIJZONDER = "Bankje 🌳🪑 bij de vijver — e\u0301\u0301n \u202egnalkcab\u202c \u200f שלום"


def test_script_opgeslagen_zoals_getypt_en_getoond_als_tekst(post, ingelogd):
    post(titel=GEVAARLIJK, beschrijving=GEVAARLIJK, locatie=GEVAARLIJK)
    onderwerp = Onderwerp.objects.get()
    assert onderwerp.titel == onderwerp.beschrijving == onderwerp.locatie == GEVAARLIJK
    for pad in (url("bevestiging", onderwerp.pk), MIJN_INBRENG, url("intrekken", onderwerp.pk)):
        html = ingelogd.get(pad).content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html, pad
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, pad


def test_script_in_een_formulier_met_fouten(post):
    html = post(titel=GEVAARLIJK, beschrijving="").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_emoji_combinerende_tekens_en_rtl_blijven_zoals_getypt(post, ingelogd):
    post(titel=BIJZONDER, beschrijving=BIJZONDER)
    onderwerp = Onderwerp.objects.get()
    assert onderwerp.titel == onderwerp.beschrijving == BIJZONDER
    assert BIJZONDER in ingelogd.get(MIJN_INBRENG).content.decode()


@pytest.mark.parametrize(
    ("veld", "maximum"), [("titel", 150), ("beschrijving", 10000), ("locatie", 200)]
)
def test_maximale_lengte_plus_een_is_een_fout(post, veld, maximum):
    response = post(**{veld: "a" * (maximum + 1)})
    assert response.status_code == 200
    assert codes(response, veld) == {"max_length"}
    assert not Onderwerp.objects.exists()
    post(**{veld: "a" * maximum})
    assert len(getattr(Onderwerp.objects.get(), veld)) == maximum  # never cut


def test_een_megabyte_tekst_is_een_formulierfout(post):
    response = post(beschrijving="x" * 1_000_000)
    assert response.status_code == 200
    assert codes(response, "beschrijving") == {"max_length"}
    assert not Onderwerp.objects.exists()


def test_te_grote_body_is_een_nette_weigering(post):
    # Over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB): Django refuses the body itself.
    assert post(beschrijving="x" * 3_000_000).status_code == 400
    assert not Onderwerp.objects.exists()


def test_andere_methoden_geweigerd(ingelogd):
    assert ingelogd.put(NIEUW_INITIATIEF).status_code == 405
    assert ingelogd.post(MIJN_INBRENG).status_code == 405
    assert ingelogd.delete(MIJN_INBRENG).status_code == 405


@pytest.mark.parametrize("veld", ["titel", "beschrijving"])
def test_alleen_witruimte_is_ongeldig(post, veld):
    response = post(**{veld: " \t\n\u00a0 "})
    assert codes(response, veld) == {"required"}
    assert not Onderwerp.objects.exists()


def test_onzin_in_keuzevelden(post):
    response = post(thema="99999", wijk="abc", buurt="'; DROP TABLE x;--")
    assert response.status_code == 200
    assert codes(response, "thema") == {"invalid_choice"}
    assert not Onderwerp.objects.exists()


def test_extra_velden_worden_genegeerd(post, bewoner):
    ander = GebruikerFactory()
    post(
        status=Status.AFGEROND,
        indiener=ander.pk,
        is_staff="on",
        is_superuser="on",
        openbaar="on",
        publieke_titel="Gekaapt",
        aangemaakt="2000-01-01T00:00:00",
        ingediend_op="2000-01-01T00:00:00",
        eerste_reactie_voor="2000-01-01",
        kansrijk="on",
        rol_gemeente="zelf_uitvoeren",
        versie="99",
    )
    onderwerp = Onderwerp.objects.get()
    assert onderwerp.status == Status.INGEDIEND
    assert onderwerp.indiener == bewoner
    assert onderwerp.openbaar is False and onderwerp.kansrijk is False
    assert onderwerp.publieke_titel == "" and onderwerp.rol_gemeente == ""
    assert onderwerp.aangemaakt.year == timezone.now().year
    assert onderwerp.eerste_reactie_voor > timezone.localdate()
    bewoner.refresh_from_db()
    assert not bewoner.is_staff and not bewoner.is_superuser


def test_extra_velden_bij_een_concept(post, ingelogd):
    post(actie="concept")
    onderwerp = Onderwerp.objects.get()
    post(url("concept_bewerken", onderwerp.pk), actie="concept", status="afgerond", openbaar="on")
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.CONCEPT and onderwerp.openbaar is False


# --- CSRF (bad input 12) ---------------------------------------------------------------------


def test_zonder_csrf_geweigerd(bewoner, wijk, thema):
    c = Client(enforce_csrf_checks=True)
    c.force_login(bewoner)
    data = {
        "titel": "Zonder token",
        "beschrijving": "x",
        "thema": thema.pk,
        "wijk": wijk.pk,
        "actie": "indienen",
    }
    assert c.post(NIEUW_INITIATIEF, data).status_code == 403
    assert c.post(NIEUW_KNELPUNT, data).status_code == 403
    concept = OnderwerpFactory(indiener=bewoner, concept=True)
    ingediend = OnderwerpFactory(indiener=bewoner)
    assert c.post(url("concept_bewerken", concept.pk), data).status_code == 403
    assert c.post(url("concept_verwijderen", concept.pk)).status_code == 403
    assert c.post(url("intrekken", ingediend.pk), {"versie": ingediend.versie}).status_code == 403
    ingediend.refresh_from_db()
    assert ingediend.status == Status.INGEDIEND
    assert Onderwerp.objects.count() == 2
    assert Onderwerp.objects.get(pk=concept.pk).titel == concept.titel


# --- someone else's items (bad input 7) ------------------------------------------------------


def test_concept_van_een_ander(ingelogd, post):
    concept = OnderwerpFactory(concept=True, titel="Van een ander")
    for naam in ("concept_bewerken", "concept_verwijderen", "bevestiging", "intrekken"):
        assert ingelogd.get(url(naam, concept.pk)).status_code == 404, naam
    assert post(url("concept_bewerken", concept.pk), titel="Overschreven").status_code == 404
    assert ingelogd.post(url("concept_verwijderen", concept.pk)).status_code == 404
    concept.refresh_from_db()
    assert concept.titel == "Van een ander" and concept.status == Status.CONCEPT


def test_item_van_een_ander(ingelogd):
    onderwerp = OnderwerpFactory()
    assert ingelogd.get(url("bevestiging", onderwerp.pk)).status_code == 404
    assert ingelogd.get(url("intrekken", onderwerp.pk)).status_code == 404
    response = ingelogd.post(url("intrekken", onderwerp.pk), {"versie": onderwerp.versie})
    assert response.status_code == 404
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.INGEDIEND
    assert not Statuswijziging.objects.exists()


def test_ids_raden(ingelogd, bewoner):
    eigen = OnderwerpFactory(indiener=bewoner)
    for pk in (eigen.pk + 1, eigen.pk + 1000, 0):
        for naam in ("concept_bewerken", "bevestiging", "intrekken", "concept_verwijderen"):
            assert ingelogd.get(url(naam, pk)).status_code == 404


def test_bevestiging_van_een_concept_bestaat_niet(ingelogd, bewoner):
    concept = OnderwerpFactory(indiener=bewoner, concept=True)
    assert ingelogd.get(url("bevestiging", concept.pk)).status_code == 404
    assert ingelogd.get(url("intrekken", concept.pk)).status_code == 404


# --- withdrawing ----------------------------------------------------------------------------


def test_intrekken(ingelogd, bewoner, django_capture_on_commit_callbacks):
    onderwerp = OnderwerpFactory(indiener=bewoner)
    pad = url("intrekken", onderwerp.pk)
    response = ingelogd.get(pad)
    assert response.status_code == 200
    assert f'name="versie" value="{onderwerp.versie}"' in response.content.decode()
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.INGEDIEND  # no side effect on GET

    with django_capture_on_commit_callbacks(execute=True):
        response = ingelogd.post(pad, {"versie": onderwerp.versie})
    assert response["Location"] == MIJN_INBRENG
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.INGETROKKEN
    stap = Statuswijziging.objects.get()
    assert (stap.van, stap.naar, stap.door) == (Status.INGEDIEND, Status.INGETROKKEN, bewoner)
    assert not mail.outbox  # nobody is told about their own step

    # A replay is refused and writes nothing.
    response = ingelogd.post(pad, {"versie": onderwerp.versie})
    assert response.status_code == 403
    assert Statuswijziging.objects.count() == 1


@pytest.mark.parametrize(
    "kenmerken",
    [{"afgerond": True}, {"nog_niet": True}, {"status": Status.NIET_MOGELIJK}],
)
def test_intrekken_na_een_besluit_kan_niet(ingelogd, bewoner, kenmerken):
    onderwerp = OnderwerpFactory(indiener=bewoner, **kenmerken)
    pad = url("intrekken", onderwerp.pk)
    assert ingelogd.get(pad).status_code == 403
    assert ingelogd.post(pad, {"versie": onderwerp.versie}).status_code == 403
    status = onderwerp.status
    onderwerp.refresh_from_db()
    assert onderwerp.status == status
    assert not Statuswijziging.objects.exists()


def test_intrekken_na_een_wijziging_is_een_conflict(ingelogd, bewoner):
    from initiatieven import services

    onderwerp = OnderwerpFactory(indiener=bewoner)
    gezien = onderwerp.versie
    services.onderwerp_overgang(
        onderwerp=onderwerp, naar=Status.IN_BEHANDELING, door=onderwerp.wijk.wijkadviseur
    )
    response = ingelogd.post(url("intrekken", onderwerp.pk), {"versie": gezien})
    assert response.status_code == 409
    assert response.context["conflict"]
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.IN_BEHANDELING
    # The page offers the new version; confirming again works.
    assert response.context["form"].initial["versie"] == onderwerp.versie
    response = ingelogd.post(url("intrekken", onderwerp.pk), {"versie": onderwerp.versie})
    assert response.status_code == 302
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.INGETROKKEN


def test_intrekken_met_onzin_versie(ingelogd, bewoner):
    onderwerp = OnderwerpFactory(indiener=bewoner)
    assert ingelogd.post(url("intrekken", onderwerp.pk), {"versie": "x"}).status_code == 400
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.INGEDIEND


# --- my contributions -----------------------------------------------------------------------


def _item_met_geschiedenis(bewoner, **kenmerken):
    onderwerp = OnderwerpFactory(indiener=bewoner, **kenmerken)
    nu = timezone.now()
    Statuswijziging.objects.create(
        onderwerp=onderwerp,
        van=Status.CONCEPT,
        naar=Status.INGEDIEND,
        tijdstip=nu - datetime.timedelta(days=2),
    )
    Statuswijziging.objects.create(
        onderwerp=onderwerp,
        van=Status.INGEDIEND,
        naar=Status.IN_BEHANDELING,
        publieke_toelichting="We kijken ernaar.",
        interne_notitie="GEHEIME-NOTITIE",
        tijdstip=nu - datetime.timedelta(days=1),
    )
    Bericht.objects.create(onderwerp=onderwerp, tekst="Een antwoord.", openbaar=True)
    Bericht.objects.create(onderwerp=onderwerp, tekst="INTERN-BERICHT", openbaar=False)
    return onderwerp


def test_mijn_inbreng_leeg(ingelogd):
    response = ingelogd.get(MIJN_INBRENG)
    assert response.status_code == 200
    assert 'id="niets-ingediend"' in response.content.decode()


def test_mijn_inbreng_toont_eigen_items_en_tijdlijn(ingelogd, bewoner):
    concept = OnderwerpFactory(indiener=bewoner, concept=True)
    lopend = _item_met_geschiedenis(bewoner, status=Status.IN_BEHANDELING)
    niet_openbaar = OnderwerpFactory(
        indiener=bewoner,
        niet_openbaar_reden="Er staat een adres in.",
        status=Status.AFGEROND,
        resultaat="Klaar.",
    )
    vreemd = OnderwerpFactory(titel="Van iemand anders")

    response = ingelogd.get(MIJN_INBRENG)
    html = response.content.decode()
    assert f'id="concept-{concept.pk}"' in html
    assert f'href="{url("concept_bewerken", concept.pk)}"' in html
    assert f'href="{url("concept_verwijderen", concept.pk)}"' in html
    assert f'id="onderwerp-{lopend.pk}"' in html
    assert f'href="{lopend.get_absolute_url()}"' in html
    assert f'href="{url("intrekken", lopend.pk)}"' in html
    assert f'href="{url("intrekken", niet_openbaar.pk)}"' not in html  # decided: no withdraw
    assert "We kijken ernaar." in html and "Een antwoord." in html
    assert "Er staat een adres in." in html
    assert "GEHEIME-NOTITIE" not in html and "INTERN-BERICHT" not in html
    assert vreemd.titel not in html and f'id="onderwerp-{vreemd.pk}"' not in html
    assert 'data-status="in_behandeling"' in html


def test_mijn_inbreng_uit_de_cache_is_nooit_oud(ingelogd, bewoner):
    """The lists and each timeline are cached under a digest of what they show: a new
    answer shows at once, and the other items' timelines stay as they were."""
    lopend = _item_met_geschiedenis(bewoner)
    ander = _item_met_geschiedenis(bewoner)
    eerst = ingelogd.get(MIJN_INBRENG).content.decode()
    assert eerst.count("Een antwoord.") == 2 and "Nog een antwoord." not in eerst
    Bericht.objects.create(onderwerp=lopend, tekst="Nog een antwoord.", openbaar=True)
    daarna = ingelogd.get(MIJN_INBRENG).content.decode()
    blok = re.search(rf'id="onderwerp-{lopend.pk}".*?</li>\s*</ol>', daarna, re.S).group()
    assert "Nog een antwoord." in blok and "(4 stappen)" in blok
    andere = re.search(rf'id="onderwerp-{ander.pk}".*?</li>\s*</ol>', daarna, re.S).group()
    assert "Nog een antwoord." not in andere and "(3 stappen)" in andere
    # The cards and drafts are cached the same way: an edit shows at once.
    concept = OnderwerpFactory(indiener=bewoner, concept=True, titel="Eerste opzet")
    assert "Eerste opzet" in ingelogd.get(MIJN_INBRENG).content.decode()
    concept.titel = "Tweede opzet"
    concept.save()
    ander.niet_openbaar_reden = "Er staat een naam in."
    ander.save()
    laatst = ingelogd.get(MIJN_INBRENG).content.decode()
    assert "Tweede opzet" in laatst and "Eerste opzet" not in laatst
    assert "Er staat een naam in." in laatst


def test_mijn_inbreng_vast_aantal_queries(ingelogd, bewoner, django_assert_max_num_queries):
    """Rendered afresh: six queries of the page's own (drafts and their count, items and
    their count, steps, answers) plus the session, the user and the data version, for one
    item or thirty. From the cache: only those last three."""

    def eigen_queries(context) -> int:
        return sum("initiatieven_" in q["sql"] for q in context.captured_queries)

    _item_met_geschiedenis(bewoner)
    OnderwerpFactory(indiener=bewoner, concept=True)
    ingelogd.get(MIJN_INBRENG)  # the first request of a session writes its bookkeeping
    caches["fragmenten"].clear()
    with django_assert_max_num_queries(9) as weinig:
        response = ingelogd.get(MIJN_INBRENG)
    assert_page(response, "initiatieven/mijn_inbreng.html")
    with django_assert_max_num_queries(3):
        response = ingelogd.get(MIJN_INBRENG)
    assert_page(response, "initiatieven/mijn_inbreng.html")

    wijk = WijkFactory(met_staf=True)
    for _ in range(15):
        _item_met_geschiedenis(bewoner, wijk=wijk)
        OnderwerpFactory(indiener=bewoner, concept=True, wijk=wijk)
    with django_assert_max_num_queries(9) as veel:
        response = ingelogd.get(MIJN_INBRENG)
    assert_page(response, "initiatieven/mijn_inbreng.html")
    # Both groups a page at a time: 16 drafts and 16 submitted items give full first pages.
    assert len(response.context["concepten"]) == 10
    assert len(response.context["pagina"]) == 10
    assert eigen_queries(veel) == eigen_queries(weinig) == 6


def test_mijn_inbreng_concepten_en_ingediend_apart_gepagineerd(ingelogd, bewoner):
    """Drafts have their own page parameter: paging through them keeps the page of
    submitted items, and the other way round."""
    concepten = [OnderwerpFactory(indiener=bewoner, concept=True) for _ in range(12)]
    ingediend = [OnderwerpFactory(indiener=bewoner) for _ in range(12)]
    response = ingelogd.get(MIJN_INBRENG, {"concepten": 2, "page": 2})
    assert [o.pk for o in response.context["concepten"]] == [o.pk for o in concepten[:2]][::-1]
    assert [o.pk for o in response.context["pagina"]] == [o.pk for o in ingediend[:2]][::-1]
    html = response.content.decode()
    assert "concepten=1" in html and "page=1" in html
    response = ingelogd.get(MIJN_INBRENG)
    html = response.content.decode()
    assert f'id="concept-{concepten[-1].pk}"' in html
    assert f'id="concept-{concepten[0].pk}"' not in html
    assert "concepten=2" in html and "page=2" in html


def test_mijn_inbreng_pagina_nummer_onzin(ingelogd, bewoner):
    OnderwerpFactory(indiener=bewoner)
    OnderwerpFactory(indiener=bewoner, concept=True)
    for pagina in ("x", "999", "-1"):
        assert ingelogd.get(MIJN_INBRENG, {"page": pagina}).status_code == 200
        assert ingelogd.get(MIJN_INBRENG, {"concepten": pagina}).status_code == 200

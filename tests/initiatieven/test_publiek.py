"""The public pages: the list (filters, search, pages, bad input), the item page
(visibility, privacy) and attachments (QUALITY.md 3, 7, 19, 24)."""

import re
import time

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from initiatieven.keuzes import RolGemeente, Soort, Status
from initiatieven.models import Bericht, Bijlage, Statuswijziging
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.responses import assert_page
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db

LIJST = reverse("initiatieven:lijst")


def _ids(response) -> set[int]:
    return {int(i) for i in re.findall(r'id="onderwerp-(\d+)"', response.content.decode())}


@pytest.fixture
def wijk():
    return WijkFactory(met_staf=True)


@pytest.fixture
def andere_wijk():
    return WijkFactory(met_staf=True)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# --- the list ----------------------------------------------------------------------------


def test_lijst_toont_alleen_gepubliceerde(client, wijk):
    openbaar = OnderwerpFactory(wijk=wijk, openbaar_=True)
    niet = OnderwerpFactory(wijk=wijk)
    concept = OnderwerpFactory(wijk=wijk, concept=True)
    response = client.get(LIJST)
    assert response.status_code == 200
    assert _ids(response) == {openbaar.pk}
    html = response.content.decode()
    assert niet.titel not in html and concept.titel not in html


def test_lijst_rijen_uit_de_cache_zijn_nooit_oud(client, wijk):
    """The rows are cached under a digest of what they show: a screened title, a new state
    or a newly published item shows on the next request."""
    onderwerp = OnderwerpFactory(wijk=wijk, openbaar_=True, titel="Eerste titel")
    assert "Eerste titel" in client.get(LIJST).content.decode()
    onderwerp.publieke_titel = "Gescreende titel"
    onderwerp.status = Status.AFGEROND
    onderwerp.resultaat = "Klaar."
    onderwerp.save()
    nieuw = OnderwerpFactory(wijk=wijk, openbaar_=True)
    response = client.get(LIJST)
    html = response.content.decode()
    assert "Gescreende titel" in html and "Eerste titel" not in html
    assert 'data-status="afgerond"' in html
    assert _ids(response) == {onderwerp.pk, nieuw.pk}


def test_lijst_filters(client, wijk, andere_wijk):
    groen = ThemaFactory(naam="Groen en spelen")
    verkeer = ThemaFactory(naam="Verkeer en parkeren")
    a = OnderwerpFactory(wijk=wijk, thema=groen, openbaar_=True)
    b = OnderwerpFactory(wijk=andere_wijk, thema=verkeer, openbaar_=True, knelpunt=True)
    c = OnderwerpFactory(
        wijk=wijk, thema=verkeer, openbaar_=True, status=Status.IN_BEHANDELING, knelpunt=True
    )
    assert _ids(client.get(LIJST, {"wijk": wijk.pk})) == {a.pk, c.pk}
    assert _ids(client.get(LIJST, {"soort": Soort.KNELPUNT})) == {b.pk, c.pk}
    assert _ids(client.get(LIJST, {"thema": verkeer.pk})) == {b.pk, c.pk}
    assert _ids(client.get(LIJST, {"status": Status.IN_BEHANDELING})) == {c.pk}
    assert _ids(client.get(LIJST, {"wijk": wijk.pk, "thema": verkeer.pk})) == {c.pk}


def test_zoeken_in_publieke_tekst(client, wijk):
    fiets = OnderwerpFactory(
        wijk=wijk, openbaar_=True, titel="Fietsenstalling bij het station", beschrijving="x"
    )
    bank = OnderwerpFactory(
        wijk=wijk, openbaar_=True, titel="Bankje", beschrijving="Een bankje bij de vijver"
    )
    # The public title is searched, not the submitter's original.
    aangepast = OnderwerpFactory(
        wijk=wijk, openbaar_=True, titel="Geheim origineel", publieke_titel="Speeltoestel"
    )
    assert _ids(client.get(LIJST, {"q": "fietsenstalling"})) == {fiets.pk}
    assert _ids(client.get(LIJST, {"q": "vijver"})) == {bank.pk}
    assert _ids(client.get(LIJST, {"q": "speeltoestel"})) == {aangepast.pk}
    assert _ids(client.get(LIJST, {"q": "origineel"})) == set()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "' OR 1=1--"},
        {"q": "%"},
        {"q": "_"},
        {"q": "\\"},
        {"q": "a" * 10_000},
        {"q": "fiets & | ! ( ) : * <script>"},
        {"q": "\x00"},
        {"wijk": "abc"},
        {"wijk": "99999999999999999999999"},
        {"thema": "-1"},
        {"soort": "niets"},
        {"status": "concept"},
        {"page": "abc"},
        {"page": "9999"},
        {"page": "-1"},
    ],
)
def test_lijst_slechte_invoer(client, wijk, params):
    zichtbaar = OnderwerpFactory(wijk=wijk, openbaar_=True, titel="Fiets")
    OnderwerpFactory(wijk=wijk, concept=True, titel="Concept dat nooit verschijnt")
    begin = time.monotonic()
    response = client.get(LIJST, params)
    assert time.monotonic() - begin < 2
    assert response.status_code == 200
    html = response.content.decode()
    assert "Concept dat nooit verschijnt" not in html
    assert "<script>" not in html
    if "q" not in params:
        # An invalid filter or page is ignored: the valid list (the last page) is shown.
        assert _ids(response) == {zichtbaar.pk}
    else:
        # A query that is plain wrong matches nothing, and never everything.
        assert _ids(response) <= {zichtbaar.pk}


def test_lijst_pagineert_per_twintig(client, wijk):
    OnderwerpFactory.create_batch(45, wijk=wijk, openbaar_=True)
    eerste = client.get(LIJST)
    assert len(_ids(eerste)) == 20
    derde = client.get(LIJST, {"page": 3})
    assert len(_ids(derde)) == 5
    assert not _ids(eerste) & _ids(derde)
    # The page links keep the filters.
    gefilterd = client.get(LIJST, {"wijk": wijk.pk})
    assert f'href="?wijk={wijk.pk}&amp;page=2"' in gefilterd.content.decode()


def test_lijst_queries_begrensd(client, wijk, django_assert_max_num_queries):
    OnderwerpFactory.create_batch(3, wijk=wijk, openbaar_=True)
    with django_assert_max_num_queries(8) as weinig:
        response = client.get(LIJST, {"q": "moestuin"})
    assert_page(response, "initiatieven/publiek/lijst.html")
    OnderwerpFactory.create_batch(25, wijk=WijkFactory(met_staf=True), openbaar_=True)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(LIJST, {"q": "moestuin"})
    assert_page(response, "initiatieven/publiek/lijst.html")


# --- the item page -----------------------------------------------------------------------


@pytest.fixture
def indiener():
    return GebruikerFactory(
        email="geheim.adres@voorbeeld-indiener.test", weergavenaam="Zeldzame Naam Pietersen"
    )


def test_onderwerp_zichtbaarheid(client, inloggen, wijk, andere_wijk, indiener):
    concept = OnderwerpFactory(wijk=wijk, concept=True, indiener=indiener)
    niet_openbaar = OnderwerpFactory(wijk=wijk, indiener=indiener)
    openbaar = OnderwerpFactory(wijk=wijk, indiener=indiener, openbaar_=True)

    def status(gebruiker, onderwerp):
        c = Client()
        if gebruiker:
            c.force_login(gebruiker)
        return c.get(onderwerp.get_absolute_url()).status_code

    for gebruiker in (None, GebruikerFactory(), andere_wijk.wijkadviseur):
        assert status(gebruiker, concept) == 404
        assert status(gebruiker, niet_openbaar) == 404
        assert status(gebruiker, openbaar) == 200
    assert status(indiener, concept) == 200
    assert status(indiener, niet_openbaar) == 200
    for ambtenaar in (wijk.wijkadviseur, wijk.opbouwwerker, wijk.wijkwethouder):
        assert status(ambtenaar, concept) == 404
        assert status(ambtenaar, niet_openbaar) == 200
    assert Client().get(reverse("initiatieven:onderwerp", args=[123456789])).status_code == 404


def test_onderwerp_toont_publieke_gegevens_en_tijdlijn(client, wijk, indiener):
    onderwerp = OnderwerpFactory(
        wijk=wijk,
        indiener=indiener,
        openbaar_=True,
        status=Status.NOG_NIET_MOGELIJK,
        herbezien_op="2031-05-01",
        titel="Origineel met adres Dorpsstraat 1",
        publieke_titel="Speelplek aan de dorpsstraat",
        rol_gemeente=RolGemeente.SAMEN_UITVOEREN,
        rol_toelichting="We helpen met materiaal.",
        kansrijk=True,
    )
    Statuswijziging.objects.create(
        onderwerp=onderwerp,
        van=Status.INGEDIEND,
        naar=Status.NOG_NIET_MOGELIJK,
        publieke_toelichting="Eerst de riolering.",
        interne_notitie="GEHEIME-INTERNE-NOTITIE",
    )
    Bericht.objects.create(onderwerp=onderwerp, tekst="Publiek antwoord hier", openbaar=True)
    Bericht.objects.create(onderwerp=onderwerp, tekst="INTERN-BERICHT-XYZ", openbaar=False)
    html = client.get(onderwerp.get_absolute_url()).content.decode()
    assert html.count("<h1") == 1
    assert "Speelplek aan de dorpsstraat" in html
    assert "Dorpsstraat 1" not in html
    assert "Eerst de riolering." in html
    assert "Publiek antwoord hier" in html
    assert "We helpen met materiaal." in html
    assert 'datetime="2031-05-01"' in html
    assert f'href="{wijk.get_absolute_url()}"' in html
    assert "GEHEIME-INTERNE-NOTITIE" not in html
    assert "INTERN-BERICHT-XYZ" not in html
    assert reverse("initiatieven:triage", args=[onderwerp.pk]) not in html


def test_onderwerp_voor_ambtenaar_toont_intern(client, inloggen, wijk, indiener):
    onderwerp = OnderwerpFactory(
        wijk=wijk, indiener=indiener, titel="Origineel ABC", publieke_titel="Publiek ABC"
    )
    Bericht.objects.create(onderwerp=onderwerp, tekst="INTERN-BERICHT-XYZ", openbaar=False)
    inloggen(wijk.wijkadviseur)
    html = client.get(onderwerp.get_absolute_url()).content.decode()
    assert "INTERN-BERICHT-XYZ" in html
    assert "Origineel ABC" in html
    assert reverse("initiatieven:triage", args=[onderwerp.pk]) in html
    assert indiener.email not in html


@pytest.mark.parametrize("toon_naam", [True, False])
def test_privacy_indiener(client, inloggen, wijk, indiener, toon_naam):
    """Never the email (or phone) on a public page; the name only when chosen."""
    onderwerp = OnderwerpFactory(wijk=wijk, indiener=indiener, openbaar_=True, toon_naam=toon_naam)
    Statuswijziging.objects.create(
        onderwerp=onderwerp, van=Status.CONCEPT, naar=Status.INGEDIEND, door=indiener
    )
    Bericht.objects.create(onderwerp=onderwerp, tekst="Dank", openbaar=True, door=wijk.wijkadviseur)
    paginas = [
        client.get(onderwerp.get_absolute_url()),
        client.get(LIJST),
        client.get(LIJST, {"q": "moestuin"}),
    ]
    for response in paginas:
        html = response.content.decode()
        assert indiener.email not in html
        assert "voorbeeld-indiener" not in html
        assert wijk.wijkadviseur.email not in html
    html = paginas[0].content.decode()
    assert ("Zeldzame Naam Pietersen" in html) is toon_naam


def test_indiener_ziet_reden_en_intrekken(client, inloggen, wijk, indiener):
    onderwerp = OnderwerpFactory(
        wijk=wijk, indiener=indiener, niet_openbaar_reden="Bevat namen van buren."
    )
    inloggen(indiener)
    html = client.get(onderwerp.get_absolute_url()).content.decode()
    assert 'id="niet-openbaar-reden"' in html
    assert "Bevat namen van buren." in html
    assert f'href="{reverse("initiatieven:intrekken", args=[onderwerp.pk])}"' in html
    # Others never see the withdraw link, nor the reason.
    onderwerp.openbaar = True
    onderwerp.save()
    client.logout()
    html = client.get(onderwerp.get_absolute_url()).content.decode()
    assert reverse("initiatieven:intrekken", args=[onderwerp.pk]) not in html
    assert "Bevat namen van buren." not in html


def test_onderwerp_queries_begrensd(client, inloggen, wijk, django_assert_max_num_queries):
    onderwerp = OnderwerpFactory(wijk=wijk, openbaar_=True)
    inloggen(wijk.wijkadviseur)
    client.get(onderwerp.get_absolute_url())  # the first request also records the session
    # One of them: the sections higher apps add (initiatieven.onderwerppagina), the
    # consultation questions the item led to or came out of.
    with django_assert_max_num_queries(9) as weinig:
        response = client.get(onderwerp.get_absolute_url())
    assert_page(response, "initiatieven/publiek/onderwerp.html")
    for i in range(10):
        Statuswijziging.objects.create(
            onderwerp=onderwerp, van=Status.INGEDIEND, naar=Status.INGEDIEND, door=wijk.opbouwwerker
        )
        Bericht.objects.create(onderwerp=onderwerp, tekst=f"b{i}", openbaar=i % 2 == 0)
        Bijlage.objects.create(
            onderwerp=onderwerp,
            bestand=ContentFile(b"x", name="a.pdf"),
            oorspronkelijke_naam="a.pdf",
            inhoudstype="application/pdf",
            grootte=1,
        )
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        response = client.get(onderwerp.get_absolute_url())
    assert_page(response, "initiatieven/publiek/onderwerp.html")


# --- attachments -------------------------------------------------------------------------


def _bijlage(onderwerp, naam="foto.jpg", inhoud=b"\xff\xd8\xffJPEGDATA"):
    return Bijlage.objects.create(
        onderwerp=onderwerp,
        bestand=ContentFile(inhoud, name="8f3a2b.jpg"),
        oorspronkelijke_naam=naam,
        inhoudstype="image/jpeg",
        grootte=len(inhoud),
    )


def _url(bijlage):
    return reverse("initiatieven:bijlage", args=[bijlage.onderwerp_id, bijlage.pk])


def test_bijlage_van_gepubliceerd_onderwerp(client, wijk):
    bijlage = _bijlage(OnderwerpFactory(wijk=wijk, openbaar_=True))
    response = client.get(_url(bijlage))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"\xff\xd8\xffJPEGDATA"
    html = client.get(bijlage.onderwerp.get_absolute_url()).content.decode()
    assert _url(bijlage) in html


def test_bijlage_heet_nooit_naar_de_upload(client, inloggen, wijk, indiener):
    """Issue 14.2: the original file name may name the person; the list and the download
    use a generated name, except for the submitter's own view of their item."""
    onderwerp = OnderwerpFactory(wijk=wijk, indiener=indiener, openbaar_=True)
    bijlage = _bijlage(onderwerp, naam="tuin-prive-naam.jpg")
    publiek = f"bijlage-{bijlage.pk}.jpg"
    response = client.get(_url(bijlage))
    assert response["Content-Disposition"] == f'attachment; filename="{publiek}"'
    html = client.get(onderwerp.get_absolute_url()).content.decode()
    assert publiek in html and "prive-naam" not in html
    assert str(bijlage) == publiek
    inloggen(indiener)
    assert "tuin-prive-naam.jpg" in client.get(onderwerp.get_absolute_url()).content.decode()


def test_prive_bijlage_lekt_nooit(client, inloggen, wijk, andere_wijk, indiener):
    """QUALITY.md 19: someone else's private attachment by direct URL → 404."""
    niet_openbaar = OnderwerpFactory(wijk=wijk, indiener=indiener)
    concept = OnderwerpFactory(wijk=wijk, indiener=indiener, concept=True)
    prive, concept_bijlage = _bijlage(niet_openbaar), _bijlage(concept)
    openbaar = OnderwerpFactory(wijk=wijk, openbaar_=True)

    def status(gebruiker, url):
        c = Client()
        if gebruiker:
            c.force_login(gebruiker)
        return c.get(url).status_code

    for gebruiker in (None, GebruikerFactory(), andere_wijk.wijkadviseur):
        assert status(gebruiker, _url(prive)) == 404
        assert status(gebruiker, _url(concept_bijlage)) == 404
    # The right attachment under the wrong item is not found either.
    fout = reverse("initiatieven:bijlage", args=[openbaar.pk, prive.pk])
    assert status(None, fout) == 404
    assert status(indiener, _url(prive)) == 200
    assert status(indiener, _url(concept_bijlage)) == 200
    assert status(wijk.wijkadviseur, _url(prive)) == 200
    assert status(wijk.opbouwwerker, _url(prive)) == 200
    assert status(wijk.wijkadviseur, _url(concept_bijlage)) == 404
    # The public page of the item does not link private attachments.
    assert _url(prive) not in client.get(niet_openbaar.get_absolute_url()).content.decode()


def test_bijlage_zonder_bestand_is_404(client, wijk):
    bijlage = _bijlage(OnderwerpFactory(wijk=wijk, openbaar_=True))
    bijlage.bestand.delete(save=False)
    assert client.get(_url(bijlage)).status_code == 404


def test_url_per_sleutel_is_reverse():
    from django.urls import reverse

    from wijken.weergave import url_per_sleutel

    for naam in ("initiatieven:onderwerp", "initiatieven:triage", "wijken:groep"):
        url = url_per_sleutel(naam)
        for pk in (1, 7, 987_654_321, 12345678901):
            assert url(pk) == reverse(naam, kwargs={"pk": pk})

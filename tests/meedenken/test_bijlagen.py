"""Attachments of a question (who manages it adds and removes them until it closes; public
with it) and the one attachment of a response (its respondent adds, replaces or removes
it while the question is open; seen by whoever may read the response). Checked, stored
and served by ``initiatieven.bijlagen``, as items' attachments are."""

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meedenken.models import Beoordeling, Inbreng, Inbrengbijlage, Vraagbijlage
from tests.factories import GebruikerFactory
from tests.initiatieven.test_bijlagen import HTML, heeft_geen_metadata, jpeg_met_gps, upload
from tests.meedenken.factories import (
    PDF,
    InbrengbijlageFactory,
    InbrengFactory,
    MeedenkvraagFactory,
    VraagbijlageFactory,
)
from tests.wijken.factories import WijkFactory
from wijkportaal.mijngegevens import account_verwijderen, gegevens_van

pytestmark = pytest.mark.django_db


def _inhoud(response) -> bytes:
    return b"".join(response.streaming_content)


def _reageren(client, vraag, **data):
    return client.post(
        reverse("meedenken:reageren", args=[vraag.pk]), {"tekst": "Meer bomen.", **data}
    )


def _vraaggegevens(vraag, **extra) -> dict:
    moment = lambda dagen: timezone.localtime(  # noqa: E731
        timezone.now() + datetime.timedelta(days=dagen)
    ).strftime("%Y-%m-%dT%H:%M")
    return {
        "titel": vraag.titel,
        "vraag": vraag.vraag,
        "achtergrond": vraag.achtergrond,
        "thema": vraag.thema_id,
        "wijken": [w.pk for w in vraag.wijken.all()],
        "open_vanaf": moment(-1),
        "sluit_op": moment(20),
        "terugkoppeling_voor": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        "open_reacties": "on",
        **extra,
    }


# --- a question's attachments --------------------------------------------------------------


def test_vraagsteller_voegt_bijlagen_toe_en_iedereen_ziet_ze_na_publiceren(client):
    vraag = MeedenkvraagFactory(concept=True)
    adviseur = vraag.wijken.get().wijkadviseur
    client.force_login(adviseur)
    response = client.post(
        reverse("meedenken:bewerken", args=[vraag.pk]),
        _vraaggegevens(
            vraag,
            bijlagen=[
                upload("Plankaart Stationsplein.pdf", PDF, "application/pdf"),
                upload("foto.jpg", jpeg_met_gps()),
            ],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    pdf, foto = vraag.bijlagen.order_by("pk")
    assert pdf.oorspronkelijke_naam == "Plankaart Stationsplein.pdf"
    assert (pdf.inhoudstype, foto.inhoudstype) == ("application/pdf", "image/jpeg")
    assert heeft_geen_metadata(foto.bestand.read())
    # The form posts files.
    html = client.get(reverse("meedenken:bewerken", args=[vraag.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in html

    url = reverse("meedenken:vraagbijlage", args=[vraag.pk, pdf.pk])
    client.logout()
    assert client.get(url).status_code == 404  # a draft's attachment is nobody's business
    assert client.get(vraag.get_absolute_url()).status_code == 404

    vraag.gepubliceerd_op = timezone.now()
    vraag.save()
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert "Plankaart Stationsplein.pdf" in html and url in html
    assert "PDF" in html and "JPG" in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Plankaart" in response["Content-Disposition"]
    # The stored PDF, written again without its metadata: the same pages.
    assert len(PdfReader(io.BytesIO(_inhoud(response))).pages) == len(
        PdfReader(io.BytesIO(PDF)).pages
    )


def test_vraagsteller_verwijdert_een_bijlage_met_het_bestand(
    client, django_capture_on_commit_callbacks
):
    vraag = MeedenkvraagFactory()
    weg, blijft = VraagbijlageFactory(vraag=vraag), VraagbijlageFactory(vraag=vraag)
    naam = weg.bestand.name
    assert default_storage.exists(naam)
    client.force_login(vraag.wijken.get().wijkadviseur)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meedenken:bewerken", args=[vraag.pk]),
            _vraaggegevens(vraag, bijlagen_weg=[weg.pk]),
        )
    assert response.status_code == 302
    assert list(vraag.bijlagen.all()) == [blijft]
    assert not default_storage.exists(naam)


def test_niet_meer_dan_het_maximum_aan_bijlagen(client, settings):
    settings.BIJLAGEN_MAX_AANTAL = 2
    vraag = MeedenkvraagFactory()
    VraagbijlageFactory(vraag=vraag)
    client.force_login(vraag.wijken.get().wijkadviseur)
    response = client.post(
        reverse("meedenken:bewerken", args=[vraag.pk]),
        _vraaggegevens(
            vraag,
            bijlagen=[upload("a.pdf", PDF, "application/pdf"), upload("b.pdf", PDF, "pdf")],
        ),
    )
    assert response.status_code == 400
    assert vraag.bijlagen.count() == 1


def test_een_bewoner_of_een_andere_wijk_voegt_geen_bijlage_toe(client):
    vraag = MeedenkvraagFactory()
    for wie in (GebruikerFactory(), WijkFactory(met_staf=True).wijkadviseur):
        client.force_login(wie)
        response = client.post(
            reverse("meedenken:bewerken", args=[vraag.pk]),
            _vraaggegevens(vraag, bijlagen=[upload("a.pdf", PDF, "application/pdf")]),
        )
        assert response.status_code == 403
    assert not Vraagbijlage.objects.exists()


def test_na_sluiten_geen_bijlagen_meer(client):
    from meedenken import services

    vraag = MeedenkvraagFactory(gesloten=True)
    with pytest.raises(services.Ongeldig):
        services.meedenkvraag_opslaan(
            door=vraag.wijken.get().wijkadviseur,
            gegevens={},
            wijken=list(vraag.wijken.all()),
            bijlagen=[{"bestand": None}],
            vraag=vraag,
        )
    assert not Vraagbijlage.objects.exists()


# --- a response's attachment: checks --------------------------------------------------------


@pytest.fixture
def open_vraag():
    return MeedenkvraagFactory(reacties_openbaar=True)


@pytest.fixture
def bewoner(client):
    persoon = GebruikerFactory(weergavenaam="Jan Bijlsma")
    client.force_login(persoon)
    return persoon


def test_geldige_bijlage_bij_inbreng(client, open_vraag, bewoner):
    response = _reageren(client, open_vraag, bijlage=upload("schets.pdf", PDF, "application/pdf"))
    assert response.status_code == 302
    bijlage = Inbreng.objects.get(gebruiker=bewoner).bijlage
    assert (bijlage.oorspronkelijke_naam, bijlage.inhoudstype) == ("schets.pdf", "application/pdf")
    assert bijlage.bestand.name.endswith(".pdf") and "schets" not in bijlage.bestand.name
    html = client.get(reverse("meedenken:reageren", args=[open_vraag.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in html and "schets.pdf" in html


@pytest.mark.parametrize(
    ("naam", "inhoud", "code"),
    [
        ("leeg.pdf", b"", "leeg"),
        ("pagina.html", HTML, "soort"),
        # The name says photo, the content is a web page: refused by its content.
        ("foto.jpg", HTML, "soort"),
        ("tekening.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "soort"),
    ],
    ids=["leeg", "html", "html-als-jpg", "gif-als-png"],
)
def test_ongeldige_bijlage_geweigerd(client, open_vraag, bewoner, naam, inhoud, code):
    response = _reageren(client, open_vraag, bijlage=upload(naam, inhoud))
    assert response.status_code == 400
    assert code in {e.code for e in response.context["form"].errors.as_data()["bijlage"]}
    assert not Inbreng.objects.exists() and not Inbrengbijlage.objects.exists()


def test_te_grote_bijlage_geweigerd(client, open_vraag, bewoner, settings):
    settings.BIJLAGE_MAX_BYTES = 50
    response = _reageren(client, open_vraag, bijlage=upload("groot.pdf", PDF, "application/pdf"))
    assert response.status_code == 400
    assert "te_groot" in {e.code for e in response.context["form"].errors.as_data()["bijlage"]}
    assert not Inbrengbijlage.objects.exists()


def test_inhoud_die_niet_bij_de_extensie_past_volgt_de_inhoud(client, open_vraag, bewoner):
    """A real PDF named .jpg is stored, served and named as the PDF it is."""
    _reageren(client, open_vraag, bijlage=upload("foto.jpg", PDF, "image/jpeg"))
    bijlage = Inbrengbijlage.objects.get()
    assert bijlage.inhoudstype == "application/pdf" and bijlage.bestand.name.endswith(".pdf")
    response = client.get(
        reverse("meedenken:inbrengbijlage", args=[open_vraag.pk, bijlage.inbreng_id])
    )
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="bijlage-{bijlage.pk}.pdf"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("naam", "verwacht"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\jan\\brief.pdf", "brief.pdf"),
        ("brief\x00.pdf", "brief.pdf"),
        ("brief\u202efdp.exe.pdf", "brieffdp.exe.pdf"),
    ],
    ids=["pad", "windows-pad", "nul", "rtl"],
)
def test_naam_zonder_pad_nul_of_richtingsteken(client, open_vraag, bewoner, naam, verwacht):
    response = _reageren(client, open_vraag, bijlage=upload(naam, PDF, "application/pdf"))
    assert response.status_code == 302
    bijlage = Inbrengbijlage.objects.get()
    assert bijlage.oorspronkelijke_naam == verwacht
    assert "/" not in bijlage.bestand.name.split("/", 3)[-1]
    download = client.get(
        reverse("meedenken:inbrengbijlage", args=[open_vraag.pk, bijlage.inbreng_id])
    )
    assert download["Content-Disposition"] == f'attachment; filename="bijlage-{bijlage.pk}.pdf"'


def test_vervangen_en_verwijderen_met_het_bestand(
    client, open_vraag, bewoner, django_capture_on_commit_callbacks
):
    _reageren(client, open_vraag, bijlage=upload("een.pdf", PDF, "application/pdf"))
    inbreng = Inbreng.objects.get()
    Inbreng.objects.filter(pk=inbreng.pk).update(beoordeling=Beoordeling.OPENBAAR)
    eerste = inbreng.bijlage.bestand.name
    with django_capture_on_commit_callbacks(execute=True):
        _reageren(client, open_vraag, bijlage=upload("twee.jpg", jpeg_met_gps()))
    inbreng.refresh_from_db()
    assert inbreng.bijlage.oorspronkelijke_naam == "twee.jpg"
    assert not default_storage.exists(eerste)
    # A new attachment is screened again before the public sees it.
    assert inbreng.beoordeling == Beoordeling.TE_BEOORDELEN
    tweede = inbreng.bijlage.bestand.name
    with django_capture_on_commit_callbacks(execute=True):
        _reageren(client, open_vraag, bijlage_weg="on")
    assert not Inbrengbijlage.objects.exists() and not default_storage.exists(tweede)
    assert Inbreng.objects.get().tekst == "Meer bomen."


def test_na_sluiten_geen_bijlage_meer(client, bewoner):
    vraag = MeedenkvraagFactory(gesloten=True)
    response = _reageren(client, vraag, bijlage=upload("a.pdf", PDF, "application/pdf"))
    assert response.status_code == 302
    assert not Inbrengbijlage.objects.exists()


# --- a response's attachment: who sees it ----------------------------------------------------


def test_wie_de_bijlage_van_inbreng_ziet(client, django_assert_max_num_queries):
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    vraag = MeedenkvraagFactory(wijken=[wijk], reacties_openbaar=True)
    respondent = GebruikerFactory(weergavenaam="Saskia Verborgen")
    inbreng = InbrengFactory(vraag=vraag, gebruiker=respondent)
    bijlage = InbrengbijlageFactory(inbreng=inbreng, oorspronkelijke_naam="saskia-verborgen.pdf")
    url = reverse("meedenken:inbrengbijlage", args=[vraag.pk, inbreng.pk])
    mag = [respondent, wijk.wijkadviseur, wijk.opbouwwerker, wijk.wijkwethouder]
    mag_niet = [None, GebruikerFactory(), ander.wijkadviseur, ander.opbouwwerker]
    for wie in mag + mag_niet:
        client.logout()
        if wie:
            client.force_login(wie)
        response = client.get(url)
        assert response.status_code == (200 if wie in mag else 404), wie
        if wie in mag:
            assert response["Content-Disposition"] == (
                f'attachment; filename="bijlage-{bijlage.pk}.pdf"'
            )
            assert "saskia" not in str(response.headers).lower()
    # The officials' list links it under its neutral name.
    client.force_login(wijk.wijkadviseur)
    html = client.get(reverse("meedenken:inbreng", args=[vraag.pk])).content.decode()
    assert url in html and "saskia" not in html.lower()
    # Once screened public, everyone; the public page names neither file nor person.
    Inbreng.objects.filter(pk=inbreng.pk).update(beoordeling=Beoordeling.OPENBAAR)
    client.logout()
    assert client.get(url).status_code == 200
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert url in html and "saskia" not in html.lower()
    # Its respondent sees their own file name on the question.
    client.force_login(respondent)
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert 'id="eigen-bijlage"' in html and "saskia-verborgen.pdf" in html


def test_inbreng_niet_openbaar_geen_bijlage_voor_publiek(client):
    vraag = MeedenkvraagFactory(reacties_openbaar=False)
    inbreng = InbrengFactory(vraag=vraag, beoordeling=Beoordeling.OPENBAAR)
    InbrengbijlageFactory(inbreng=inbreng)
    url = reverse("meedenken:inbrengbijlage", args=[vraag.pk, inbreng.pk])
    assert client.get(url).status_code == 404


def test_ontbrekend_bestand_is_404(client):
    bijlage = VraagbijlageFactory()
    default_storage.delete(bijlage.bestand.name)
    assert (
        client.get(
            reverse("meedenken:vraagbijlage", args=[bijlage.vraag_id, bijlage.pk])
        ).status_code
        == 404
    )


# --- privacy: my data, deleting the account, retention -------------------------------------


def test_bijlage_in_mijn_gegevens(client):
    bewoner = GebruikerFactory()
    InbrengbijlageFactory(inbreng__gebruiker=bewoner, oorspronkelijke_naam="tuin-achterom.pdf")
    assert gegevens_van(bewoner)["meedenken"]["inbreng"][0]["bijlage"] == "tuin-achterom.pdf"
    client.force_login(bewoner)
    assert "tuin-achterom.pdf" in client.get(reverse("mijngegevens:overzicht")).content.decode()


def test_account_verwijderen_verwijdert_de_bijlage(django_capture_on_commit_callbacks):
    bewoner = GebruikerFactory()
    bijlage = InbrengbijlageFactory(inbreng__gebruiker=bewoner, inbreng__beoordeling="openbaar")
    anders = InbrengbijlageFactory()
    naam = bijlage.bestand.name
    with django_capture_on_commit_callbacks(execute=True):
        account_verwijderen(gebruiker=bewoner, door=bewoner)
    assert list(Inbrengbijlage.objects.all()) == [anders]
    assert Inbreng.objects.filter(pk=bijlage.inbreng_id, gebruiker=None).exists()
    assert not default_storage.exists(naam)
    assert default_storage.exists(anders.bestand.name)


def test_bewaartermijn_verwijdert_niet_openbare_bijlagen(
    settings, django_capture_on_commit_callbacks
):
    settings.BEWAARTERMIJN_AFGESLOTEN_DAGEN = 30
    oud = MeedenkvraagFactory(
        reacties_openbaar=True,
        open_vanaf=timezone.now() - datetime.timedelta(days=90),
        sluit_op=timezone.now() - datetime.timedelta(days=31),
        gepubliceerd_op=timezone.now() - datetime.timedelta(days=90),
    )
    prive = InbrengbijlageFactory(inbreng__vraag=oud, oorspronkelijke_naam="familie-de-wit.pdf")
    openbaar = InbrengbijlageFactory(
        inbreng__vraag=oud, inbreng__beoordeling="openbaar", oorspronkelijke_naam="de-wit.pdf"
    )
    recent = InbrengbijlageFactory(inbreng__vraag=MeedenkvraagFactory(gesloten=True))
    vraagbijlage = VraagbijlageFactory(vraag=oud)
    call_command("bewaartermijnen", "--dry-run")
    assert Inbrengbijlage.objects.count() == 3
    with django_capture_on_commit_callbacks(execute=True):
        call_command("bewaartermijnen")
    assert set(Inbrengbijlage.objects.all()) == {openbaar, recent}
    assert not default_storage.exists(prive.bestand.name)
    openbaar.refresh_from_db()
    assert openbaar.oorspronkelijke_naam == f"bijlage-{openbaar.pk}.pdf"
    # The question's own attachments are the municipality's, not personal data.
    assert Vraagbijlage.objects.filter(pk=vraagbijlage.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("bewaartermijnen")  # a second run finds nothing more
    assert Inbrengbijlage.objects.count() == 2


def test_bij_een_andere_fout_opnieuw_kiezen(client, open_vraag, bewoner):
    """A browser does not send a file again: the form says so rather than losing it."""
    response = _reageren(
        client, open_vraag, tekst="", bijlage=upload("a.pdf", PDF, "application/pdf")
    )
    assert response.status_code == 400
    codes = {e.code for e in response.context["form"].errors.as_data()["bijlage"]}
    assert codes == {"opnieuw_kiezen"}
    assert not Inbrengbijlage.objects.exists()
    vraag = MeedenkvraagFactory(concept=True)
    client.force_login(vraag.wijken.get().wijkadviseur)
    response = client.post(
        reverse("meedenken:bewerken", args=[vraag.pk]),
        _vraaggegevens(vraag, titel="", bijlagen=[upload("a.pdf", PDF, "application/pdf")]),
    )
    assert response.status_code == 400
    assert {e.code for e in response.context["form"].errors.as_data()["bijlagen"]} == {
        "opnieuw_kiezen"
    }

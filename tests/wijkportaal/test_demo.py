"""The demo municipality shows what the issues promise a new user will see."""

import io

import pytest
from django.core.management import call_command

from initiatieven.keuzes import Status
from initiatieven.models import Onderwerp


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DEMO = True
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())


def test_items_in_elke_status_die_het_portaal_nu_bereikt(demo):
    bereikt = set(Onderwerp.objects.values_list("status", flat=True))
    verwacht = set(Status) - {Status.GEAGENDEERD_COLLEGE, Status.GEAGENDEERD_RAAD}
    assert verwacht <= bereikt
    assert Onderwerp.objects.values("wijk").distinct().count() >= 4
    assert Onderwerp.objects.te_laat().filter(wijk__wijkadviseur__email="wijkadviseur@example.org")
    assert Onderwerp.objects.te_herbezien().exists()


def test_demo_accounts_hebben_iets_te_doen(demo):
    bewoner = Onderwerp.objects.filter(indiener__email="bewoner@example.org")
    assert bewoner.filter(status=Status.CONCEPT).exists()
    assert bewoner.exclude(status=Status.CONCEPT).count() >= 5
    assert Onderwerp.objects.filter(
        status=Status.BIJ_WIJKWETHOUDER, wijk__wijkwethouder__email="wijkwethouder@example.org"
    ).exists()
    assert Onderwerp.objects.filter(
        indiener__email="groepscontact@example.org", groep__isnull=False
    ).exists()


def test_demo_foto_heet_openbaar_naar_geen_persoon(demo, client):
    """Issue 14.2 in the demo: a published anonymous item has a photo whose file name names
    the family; its page lists and serves it as bijlage-<number>.png."""
    onderwerp = Onderwerp.objects.get(titel="Te hard rijden in de Merelstraat")
    bijlage = onderwerp.bijlagen.get()
    assert onderwerp.openbaar and not onderwerp.toon_naam
    assert "de-vries" in bijlage.oorspronkelijke_naam
    html = client.get(onderwerp.get_absolute_url()).content.decode()
    assert f"bijlage-{bijlage.pk}.png" in html and "de-vries" not in html


def test_demo_meedenkvraag_met_bijlagen(demo, client):
    """The open question has a sketch, the resident's public response a photo: both listed
    on the question's page and served (the photo under its neutral name)."""
    from django.urls import reverse

    from meedenken.models import Meedenkvraag

    vraag = Meedenkvraag.objects.get(titel="Hoe richten we het Molenplein opnieuw in?")
    schets = vraag.bijlagen.get()
    inbreng = vraag.inbreng.get(gebruiker__email="bewoner@example.org")
    assert schets.inhoudstype == "application/pdf" and inbreng.bijlage.is_afbeelding
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert "Schetsontwerp Molenplein.pdf" in html
    assert f"bijlage-{inbreng.bijlage.pk}.png" in html
    for url in (
        reverse("meedenken:vraagbijlage", args=[vraag.pk, schets.pk]),
        reverse("meedenken:inbrengbijlage", args=[vraag.pk, inbreng.pk]),
    ):
        assert client.get(url).status_code == 200

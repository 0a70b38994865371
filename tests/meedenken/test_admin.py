"""The admin of the questions to the ward: every model's list and a row's page answer the
functional administrator (with a second factor), in Dutch; nothing can be added, changed
or deleted there; a page that names a respondent is logged."""

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from contacten.models import AuditRegel
from meedenken.models import (
    Aanmelding,
    Bijeenkomst,
    Inbreng,
    Inbrengbijlage,
    Meedenkvraag,
    Terugkoppeling,
    Vraagbijlage,
)
from tests.factories import GebruikerFactory
from tests.meedenken.factories import (
    AanmeldingFactory,
    InbrengFactory,
    MeedenkvraagFactory,
    TerugkoppelingFactory,
)

pytestmark = pytest.mark.django_db

MODELLEN = [Meedenkvraag, Inbreng, Bijeenkomst, Aanmelding, Terugkoppeling]


@pytest.fixture
def beheerder_client():
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(GebruikerFactory(beheerder=True, tweede_factor=True))
    return client


@pytest.fixture
def rijen():
    vraag = MeedenkvraagFactory(opties=["Bomen", "Bankjes"])
    InbrengFactory(vraag=vraag).keuzes.set([vraag.opties.first()])
    AanmeldingFactory(bijeenkomst__vraag=vraag)
    TerugkoppelingFactory(gepubliceerd=True)
    # An attachment on each, shown inline on the question's and the response's page.
    Vraagbijlage.objects.create(
        vraag=vraag,
        bestand=ContentFile(b"%PDF-1.4", name="schets.pdf"),
        oorspronkelijke_naam="Schets plein.pdf",
        inhoudstype="application/pdf",
        grootte=8,
    )
    Inbrengbijlage.objects.create(
        inbreng=vraag.inbreng.get(),
        bestand=ContentFile(b"%PDF-1.4", name="reactie.pdf"),
        oorspronkelijke_naam="Onze tekening.pdf",
        inhoudstype="application/pdf",
        grootte=8,
    )


def test_elk_model_is_geregistreerd():
    assert all(model in admin.site._registry for model in MODELLEN)


@pytest.mark.parametrize("model", MODELLEN, ids=lambda m: m._meta.model_name)
def test_lijst_en_pagina_voor_de_beheerder(beheerder_client, rijen, model):
    naam = f"admin:meedenken_{model._meta.model_name}"
    lijst = beheerder_client.get(reverse(f"{naam}_changelist"))
    assert lijst.status_code == 200
    # Searching and filtering answer too (the search fields exist).
    assert beheerder_client.get(reverse(f"{naam}_changelist"), {"q": "plein"}).status_code == 200
    rij = model.objects.order_by("pk").first()
    pagina = beheerder_client.get(reverse(f"{naam}_change", args=[rij.pk]))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert 'name="_save"' not in html  # read-only: no save button
    assert beheerder_client.get(reverse(f"{naam}_add")).status_code == 403
    assert beheerder_client.post(reverse(f"{naam}_delete", args=[rij.pk])).status_code == 403
    assert model.objects.filter(pk=rij.pk).exists()
    bijlage = {Meedenkvraag: "Schets plein.pdf", Inbreng: "Onze tekening.pdf"}.get(model)
    assert bijlage is None or bijlage in html


def test_pagina_van_een_reactie_wordt_vastgelegd(beheerder_client, rijen):
    inbreng = Inbreng.objects.get()
    voor = AuditRegel.objects.count()
    url = reverse("admin:meedenken_inbreng_change", args=[inbreng.pk])
    assert beheerder_client.get(url).status_code == 200
    assert AuditRegel.objects.count() == voor + 1


def test_anderen_komen_er_niet_in(rijen):
    client = Client()
    client.force_login(GebruikerFactory(wijkadviseur=True, tweede_factor=True))
    response = client.get(reverse("admin:meedenken_meedenkvraag_changelist"))
    assert response.status_code in (302, 403)

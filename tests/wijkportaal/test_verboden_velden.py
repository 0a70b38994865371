"""Fields a resident may not set, across the portal's forms (QUALITY.md, bad input 10).

Every form a resident fills in (submitting an item and a problem, editing a draft, their
name under My data, following a ward, interest in a vacancy) is posted with extra fields
a resident may not set: a status, another person as owner or follower, another ward, the
staff and administrator flags, a creation date. The valid part goes through; the extra
fields change nothing, of the resident or of anyone else.
"""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatieven.keuzes import Status
from initiatieven.models import Onderwerp
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.wijken.factories import BestuursfunctieFactory, BewonersgroepFactory, WijkFactory
from wijken.models import Interessereactie, Volger

pytestmark = pytest.mark.django_db

LANG_GELEDEN = "2000-01-01T00:00:00"


@pytest.fixture
def wereld(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    bewoner = GebruikerFactory(weergavenaam="Fatima")
    client.force_login(bewoner)
    return {
        "client": client,
        "bewoner": bewoner,
        "iemand": GebruikerFactory(weergavenaam="Iemand anders"),
        "wijk": WijkFactory(met_staf=True),
        "andere_wijk": WijkFactory(met_staf=True),
        "thema": ThemaFactory(),
    }


def _verboden(w) -> dict:
    """The extra fields: someone else as owner, another ward, staff flags, old dates."""
    return {
        "status": Status.AFGEROND,
        "indiener": w["iemand"].pk,
        "gebruiker": w["iemand"].pk,
        "is_staff": "on",
        "is_superuser": "on",
        "rol": "beheerder",
        "aangemaakt": LANG_GELEDEN,
        "ingediend_op": LANG_GELEDEN,
        "openbaar": "on",
        "versie": "99",
    }


def _persoon(gebruiker) -> tuple:
    gebruiker.refresh_from_db()
    return gebruiker.rol, gebruiker.is_staff, gebruiker.is_superuser, gebruiker.email


def _assert_personen_onveranderd(w, voor_bewoner, voor_iemand):
    assert _persoon(w["bewoner"]) == voor_bewoner
    assert _persoon(w["iemand"]) == voor_iemand
    assert not w["bewoner"].is_staff and w["bewoner"].rol == "bewoner"


@pytest.mark.parametrize("naam", ["initiatief_indienen", "knelpunt_melden"])
def test_indienen(wereld, naam):
    w = wereld
    voor = _persoon(w["bewoner"]), _persoon(w["iemand"])
    data = {
        **_verboden(w),
        "titel": "Moestuin",
        "beschrijving": "Met de buurt.",
        "thema": w["thema"].pk,
        "wijk": w["wijk"].pk,
        "buurt": "",
        "locatie": "Parkweg",
        "idempotentiesleutel": str(uuid.uuid4()),
        "actie": "indienen",
    }
    assert w["client"].post(reverse(f"initiatieven:{naam}"), data).status_code == 302
    onderwerp = Onderwerp.objects.get()
    assert onderwerp.indiener == w["bewoner"]
    assert onderwerp.status == Status.INGEDIEND
    assert onderwerp.openbaar is False and onderwerp.versie != 99
    # Made now, not at the posted date. Compared as instants: a date
    # comparison fails around midnight, when UTC and Amsterdam disagree.
    assert onderwerp.aangemaakt > timezone.now() - datetime.timedelta(minutes=5)
    _assert_personen_onveranderd(w, *voor)


def test_concept_bewerken(wereld):
    w = wereld
    concept = OnderwerpFactory(indiener=w["bewoner"], wijk=w["wijk"], concept=True)
    aangemaakt = concept.aangemaakt
    voor = _persoon(w["bewoner"]), _persoon(w["iemand"])
    data = {
        **_verboden(w),
        "titel": "Anders",
        "beschrijving": "Nog steeds een concept.",
        "thema": w["thema"].pk,
        "wijk": w["wijk"].pk,
        "buurt": "",
        "locatie": "",
        "actie": "concept",
    }
    url = reverse("initiatieven:concept_bewerken", args=[concept.pk])
    assert w["client"].post(url, data).status_code == 302
    concept.refresh_from_db()
    assert concept.titel == "Anders"
    assert concept.indiener == w["bewoner"]
    assert concept.status == Status.CONCEPT and concept.openbaar is False
    assert concept.aangemaakt == aangemaakt
    _assert_personen_onveranderd(w, *voor)


def test_mijn_gegevens_naam(wereld):
    w = wereld
    voor = _persoon(w["bewoner"]), _persoon(w["iemand"])
    data = {**_verboden(w), "weergavenaam": "Fatima Bakker", "email": "ander@example.test"}
    assert w["client"].post(reverse("mijngegevens:naam_wijzigen"), data).status_code == 302
    w["bewoner"].refresh_from_db()
    w["iemand"].refresh_from_db()
    assert w["bewoner"].weergavenaam == "Fatima Bakker"
    assert w["iemand"].weergavenaam == "Iemand anders"
    _assert_personen_onveranderd(w, *voor)


def test_volgen(wereld):
    w = wereld
    voor = _persoon(w["bewoner"]), _persoon(w["iemand"])
    data = {**_verboden(w), "frequentie": "direct", "wijk": w["andere_wijk"].pk}
    url = reverse("wijken:volgen", kwargs={"code": w["wijk"].code})
    assert w["client"].post(url, data).status_code == 302
    # One follower: the resident, of the ward in the URL, made now.
    volger = Volger.objects.get()
    assert (volger.gebruiker, volger.wijk) == (w["bewoner"], w["wijk"])
    assert volger.aangemaakt > timezone.now() - datetime.timedelta(minutes=5)
    _assert_personen_onveranderd(w, *voor)


def test_ontvolgen_raakt_alleen_de_eigen_volger(wereld):
    w = wereld
    andermans = Volger.objects.create(gebruiker=w["iemand"], wijk=w["wijk"])
    Volger.objects.create(gebruiker=w["bewoner"], wijk=w["wijk"])
    url = reverse("wijken:ontvolgen", kwargs={"code": w["wijk"].code})
    assert w["client"].post(url, _verboden(w)).status_code == 302
    assert list(Volger.objects.all()) == [andermans]


def test_interesse_in_een_vacature(wereld):
    w = wereld
    functie = BestuursfunctieFactory(groep=BewonersgroepFactory(wijk=w["wijk"]), vacant=True)
    andere = BestuursfunctieFactory(groep=BewonersgroepFactory(wijk=w["andere_wijk"]), vacant=True)
    voor = _persoon(w["bewoner"]), _persoon(w["iemand"])
    data = {**_verboden(w), "bericht": "Ik help graag", "functie": andere.pk}
    assert w["client"].post(reverse("wijken:interesse", args=[functie.pk]), data).status_code == 302
    reactie = Interessereactie.objects.get()
    assert (reactie.gebruiker, reactie.functie) == (w["bewoner"], functie)
    assert reactie.aangemaakt > timezone.now() - datetime.timedelta(minutes=5)
    andere.refresh_from_db()
    assert andere.is_vacant
    _assert_personen_onveranderd(w, *voor)

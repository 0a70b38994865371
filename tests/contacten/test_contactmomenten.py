"""The contact log: services (who may log, what must hold), pages, filters, scoping.

Only the ward's designated officials (advisor, community worker, alderman) may read or
write a ward's log; a ward, group or entry of another ward is a 404.
"""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contacten.contactmomenten import Contactmoment, Contactvorm, wijken_van_functionaris
from contacten.services_contactmomenten import (
    contactmoment_vastleggen,
    contactmoment_wijzigen,
    vervolg_afronden,
)
from tests.contacten.factories import ContactmomentFactory
from tests.factories import GebruikerFactory
from tests.responses import assert_page
from tests.wijken.factories import BewonersgroepFactory, WijkFactory

pytestmark = pytest.mark.django_db

LIJST = reverse("contactmomenten:lijst")
NIEUW = reverse("contactmomenten:nieuw")
VANDAAG = timezone.localdate


@pytest.fixture
def wijk():
    return WijkFactory(met_staf=True)


@pytest.fixture
def andere_wijk():
    return WijkFactory(met_staf=True)


@pytest.fixture
def groep(wijk):
    return BewonersgroepFactory(wijk=wijk)


def _als(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def _velden(**anders):
    velden = {
        "datum": VANDAAG(),
        "vorm": Contactvorm.GESPREK,
        "onderwerp": "Kennismaking",
        "notitie": "Het bestuur is compleet.",
        "vervolg": "",
        "vervolg_voor": None,
        "bewoner": "",
    }
    velden.update(anders)
    return velden


def _post(wijk, groep=None, **anders):
    data = {
        "groep": groep.pk if groep else "",
        "bewoner": "",
        "datum": VANDAAG().isoformat(),
        "vorm": Contactvorm.TELEFOON,
        "medewerker": wijk.wijkadviseur.pk,
        "onderwerp": "Speeltuin",
        "notitie": "Vraag naar de speeltuin.",
        "vervolg": "",
        "vervolg_voor": "",
    }
    data.update(anders)
    return data


# --- services -----------------------------------------------------------------------------


@pytest.mark.parametrize("wie", ["wijkadviseur", "opbouwwerker", "wijkwethouder"])
def test_elke_functionaris_legt_vast(wijk, groep, wie):
    door = getattr(wijk, wie)
    cm = contactmoment_vastleggen(door=door, wijk=wijk, groep=groep, medewerker=door, **_velden())
    assert (cm.wijk, cm.groep, cm.medewerker, cm.vastgelegd_door) == (wijk, groep, door, door)


@pytest.mark.parametrize(
    "wie", ["ander_adviseur", "ander_wethouder", "collegelid", "griffie", "beheerder", "bewoner"]
)
def test_anderen_mogen_niet_vastleggen(wijk, andere_wijk, groep, wie):
    door = {
        "ander_adviseur": andere_wijk.wijkadviseur,
        "ander_wethouder": andere_wijk.wijkwethouder,
        "collegelid": GebruikerFactory(collegelid=True),
        "griffie": GebruikerFactory(griffie=True),
        "beheerder": GebruikerFactory(beheerder=True),
        "bewoner": GebruikerFactory(),
    }[wie]
    with pytest.raises(PermissionDenied):
        contactmoment_vastleggen(door=door, wijk=wijk, groep=groep, medewerker=door, **_velden())
    assert not Contactmoment.objects.exists()


def test_aanwijzing_telt_alleen_met_de_rol(wijk, groep):
    """A designated advisor who no longer has the role has no access any more."""
    adviseur = wijk.wijkadviseur
    adviseur.rol = "bewoner"
    adviseur.save()
    with pytest.raises(PermissionDenied):
        contactmoment_vastleggen(
            door=adviseur, wijk=wijk, groep=groep, medewerker=adviseur, **_velden()
        )
    assert not wijken_van_functionaris(adviseur).exists()


def test_groep_van_andere_wijk_geweigerd(wijk, andere_wijk):
    vreemd = BewonersgroepFactory(wijk=andere_wijk)
    with pytest.raises(ValidationError) as fout:
        contactmoment_vastleggen(
            door=wijk.wijkadviseur,
            wijk=wijk,
            groep=vreemd,
            medewerker=wijk.wijkadviseur,
            **_velden(),
        )
    assert "groep" in fout.value.message_dict
    assert not Contactmoment.objects.exists()


def test_datum_in_de_toekomst_geweigerd(wijk, groep):
    morgen = VANDAAG() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as fout:
        contactmoment_vastleggen(
            door=wijk.wijkadviseur,
            wijk=wijk,
            groep=groep,
            medewerker=wijk.wijkadviseur,
            **_velden(datum=morgen),
        )
    assert set(fout.value.message_dict) == {"datum"}
    assert not Contactmoment.objects.exists()


def test_groep_of_bewoner_verplicht_en_onderwerp_niet_leeg(wijk):
    with pytest.raises(ValidationError) as fout:
        contactmoment_vastleggen(
            door=wijk.wijkadviseur,
            wijk=wijk,
            medewerker=wijk.wijkadviseur,
            **_velden(onderwerp="   ", bewoner="  "),
        )
    assert {"groep", "onderwerp"} <= set(fout.value.message_dict)
    cm = contactmoment_vastleggen(
        door=wijk.wijkadviseur,
        wijk=wijk,
        medewerker=wijk.wijkadviseur,
        **_velden(bewoner="  Mevrouw Jansen "),
    )
    assert (cm.groep, cm.bewoner) == (None, "Mevrouw Jansen")


def test_medewerker_moet_functionaris_van_de_wijk_zijn(wijk, andere_wijk, groep):
    for buitenstaander in (andere_wijk.wijkadviseur, GebruikerFactory(collegelid=True)):
        with pytest.raises(ValidationError) as fout:
            contactmoment_vastleggen(
                door=wijk.wijkadviseur,
                wijk=wijk,
                groep=groep,
                medewerker=buitenstaander,
                **_velden(),
            )
        assert set(fout.value.message_dict) == {"medewerker"}
    cm = contactmoment_vastleggen(
        door=wijk.opbouwwerker, wijk=wijk, groep=groep, medewerker=wijk.wijkwethouder, **_velden()
    )
    assert cm.medewerker == wijk.wijkwethouder


def test_vervolgdatum_zonder_vervolg_geweigerd(wijk, groep):
    with pytest.raises(ValidationError) as fout:
        contactmoment_vastleggen(
            door=wijk.wijkadviseur,
            wijk=wijk,
            groep=groep,
            medewerker=wijk.wijkadviseur,
            **_velden(vervolg_voor=VANDAAG()),
        )
    assert set(fout.value.message_dict) == {"vervolg"}


def test_wijzigen_houdt_de_wijk_en_opent_nieuw_vervolg(wijk, groep, andere_wijk):
    cm = ContactmomentFactory(wijk=wijk, groep=groep, met_vervolg=True, vervolg_gedaan=True)
    gewijzigd = contactmoment_wijzigen(
        door=wijk.opbouwwerker,
        contactmoment=cm,
        medewerker=cm.medewerker,
        groep=groep,
        **_velden(onderwerp="Nieuw onderwerp"),
    )
    assert gewijzigd.onderwerp == "Nieuw onderwerp" and not gewijzigd.vervolg_gedaan
    assert gewijzigd.vervolg == "" and gewijzigd.wijk == wijk
    with pytest.raises(PermissionDenied):
        contactmoment_wijzigen(
            door=andere_wijk.wijkadviseur,
            contactmoment=cm,
            medewerker=andere_wijk.wijkadviseur,
            groep=groep,
            **_velden(onderwerp="Gekaapt"),
        )
    assert Contactmoment.objects.get(pk=cm.pk).onderwerp == "Nieuw onderwerp"


def test_wijzigen_houdt_een_vertrokken_medewerker(wijk, groep):
    """Someone who left the ward may stay on an old entry, but not be put on a new one."""
    vertrokken = GebruikerFactory(wijkadviseur=True)
    cm = ContactmomentFactory(wijk=wijk, groep=groep, medewerker=vertrokken)
    contactmoment_wijzigen(
        door=wijk.wijkadviseur,
        contactmoment=cm,
        medewerker=vertrokken,
        groep=groep,
        **_velden(onderwerp="Gecorrigeerd"),
    )
    assert Contactmoment.objects.get(pk=cm.pk).onderwerp == "Gecorrigeerd"
    with pytest.raises(ValidationError):
        contactmoment_vastleggen(
            door=wijk.wijkadviseur, wijk=wijk, groep=groep, medewerker=vertrokken, **_velden()
        )


def test_vervolg_afronden(wijk, andere_wijk):
    cm = ContactmomentFactory(wijk=wijk, met_vervolg=True)
    assert vervolg_afronden(door=wijk.wijkwethouder, contactmoment=cm).vervolg_gedaan
    heropend = vervolg_afronden(door=wijk.wijkadviseur, contactmoment=cm, gedaan=False)
    assert not heropend.vervolg_gedaan
    with pytest.raises(PermissionDenied):
        vervolg_afronden(door=andere_wijk.wijkadviseur, contactmoment=cm)
    zonder = ContactmomentFactory(wijk=wijk)
    with pytest.raises(ValidationError):
        vervolg_afronden(door=wijk.wijkadviseur, contactmoment=zonder)
    assert not Contactmoment.objects.get(pk=zonder.pk).vervolg_gedaan


# --- the log --------------------------------------------------------------------------------


def test_lijst_toont_alleen_eigen_wijken(wijk, andere_wijk):
    eigen = ContactmomentFactory(wijk=wijk)
    vreemd = ContactmomentFactory(wijk=andere_wijk)
    for wie in (wijk.wijkadviseur, wijk.opbouwwerker, wijk.wijkwethouder):
        antwoord = _als(wie).get(LIJST)
        assert antwoord.status_code == 200
        rijen = {cm.pk for cm in antwoord.context["pagina"]}
        assert rijen == {eigen.pk}, wie
    assert vreemd.pk not in {cm.pk for cm in _als(wijk.wijkadviseur).get(LIJST).context["pagina"]}


def test_lijst_nooit_in_een_gedeelde_cache(wijk):
    antwoord = _als(wijk.wijkadviseur).get(LIJST)
    assert "no-store" in antwoord["Cache-Control"] and "private" in antwoord["Cache-Control"]


@pytest.mark.parametrize("rol", ["collegelid", "griffie", "beheerder", None])
def test_lijst_geweigerd_voor_andere_rollen(rol):
    gebruiker = GebruikerFactory(**({rol: True, "tweede_factor": True} if rol else {}))
    assert _als(gebruiker).get(LIJST).status_code == 403
    assert Client().get(LIJST).status_code == 302


def test_wijk_of_groep_van_een_ander_is_404(wijk, andere_wijk):
    vreemde_groep = BewonersgroepFactory(wijk=andere_wijk)
    client = _als(wijk.wijkadviseur)
    assert client.get(LIJST, {"wijk": andere_wijk.code}).status_code == 404
    assert client.get(LIJST, {"wijk": "WK-BESTAAT-NIET"}).status_code == 404
    assert client.get(LIJST, {"groep": vreemde_groep.pk}).status_code == 404
    for onzin in ("abc", "-1", "9" * 30, "1 OR 1=1", "²", "١٢"):
        assert client.get(LIJST, {"groep": onzin}).status_code == 404
    assert client.get(NIEUW, {"wijk": andere_wijk.code}).status_code == 404
    assert client.get(NIEUW, {"wijk": wijk.code, "groep": vreemde_groep.pk}).status_code == 404


def test_filters(wijk, groep):
    adviseur = wijk.wijkadviseur
    tweede_wijk = WijkFactory(wijkadviseur=adviseur)
    andere_groep = BewonersgroepFactory(wijk=wijk)
    a = ContactmomentFactory(wijk=wijk, groep=groep, onderwerp="Speeltuin", met_vervolg=True)
    b = ContactmomentFactory(
        wijk=wijk, groep=andere_groep, vorm=Contactvorm.EMAIL, notitie="Over de speeltuin"
    )
    c = ContactmomentFactory(
        wijk=tweede_wijk,
        groep=BewonersgroepFactory(wijk=tweede_wijk),
        medewerker=adviseur,
        met_vervolg=True,
        vervolg_gedaan=True,
    )
    client = _als(adviseur)

    def rijen(**params):
        antwoord = client.get(LIJST, params)
        assert antwoord.status_code == 200
        return {cm.pk for cm in antwoord.context["pagina"]}

    assert rijen() == {a.pk, b.pk, c.pk}
    assert rijen(wijk=tweede_wijk.code) == {c.pk}
    assert rijen(groep=groep.pk) == {a.pk}
    assert rijen(vorm=Contactvorm.EMAIL) == {b.pk}
    assert rijen(vervolg="open") == {a.pk}
    assert rijen(q="speeltuin") == {a.pk, b.pk}
    assert rijen(q="SPEELTUIN over") == {b.pk}
    # Invalid filter values count as "all"; odd search input is just text.
    assert rijen(vorm="bestaat-niet", vervolg="x") == {a.pk, b.pk, c.pk}
    for zoek in ("' OR 1=1--", "%", "_", "\\", "x" * 10_000):
        assert rijen(q=zoek) == set()
    assert rijen(page="999") == {a.pk, b.pk, c.pk}
    assert rijen(q="a\x00b") == {a.pk, b.pk, c.pk}  # invalid (NUL): ignored, no error


def test_pagineert(wijk, groep):
    ContactmomentFactory.create_batch(30, wijk=wijk, groep=groep)
    client = _als(wijk.wijkadviseur)
    eerste = client.get(LIJST).context["pagina"]
    tweede = client.get(LIJST, {"page": 2}).context["pagina"]
    assert len(eerste) == 25 and len(tweede) == 5 and eerste.paginator.count == 30


@pytest.mark.parametrize("aantal", [3, 30])
def test_lijst_begrensde_queries(wijk, groep, aantal, django_assert_max_num_queries):
    """The same bound for 3 and 30 rows: a row's ward, group and official come along."""
    for i in range(aantal):
        ContactmomentFactory(
            wijk=wijk,
            groep=BewonersgroepFactory(wijk=wijk) if i % 2 else None,
            bewoner="" if i % 2 else f"Bewoner {i}",
            medewerker=wijk.opbouwwerker if i % 3 else wijk.wijkadviseur,
            met_vervolg=bool(i % 2),
        )
    client = _als(wijk.wijkadviseur)
    client.get(LIJST)  # the session's first request records it (allauth's user sessions)
    with django_assert_max_num_queries(12):
        antwoord = client.get(LIJST)
    assert_page(antwoord, "contacten/contactmomenten/lijst.html")
    assert len(antwoord.context["pagina"]) == min(aantal, 25)
    with django_assert_max_num_queries(12):
        antwoord = client.get(
            LIJST, {"groep": groep.pk, "q": "kennis", "vervolg": "open", "page": 2}
        )
    # Filtered and paged, it is still the list page that was counted.
    assert_page(antwoord, "contacten/contactmomenten/lijst.html")


def test_escapet_gebruikerstekst(wijk, groep):
    ContactmomentFactory(
        wijk=wijk, groep=groep, onderwerp='"><img src=x onerror=alert(1)>', notitie="<script>x"
    )
    html = _als(wijk.wijkadviseur).get(LIJST).content.decode()
    assert "<img src=x" not in html and "<script>x" not in html
    assert "&lt;img src=x" in html


# --- logging and changing ---------------------------------------------------------------------


def test_nieuw_met_voorgekozen_groep_en_alleen_groepen_van_de_wijk(wijk, andere_wijk, groep):
    vreemd = BewonersgroepFactory(wijk=andere_wijk)
    antwoord = _als(wijk.opbouwwerker).get(NIEUW, {"wijk": wijk.code, "groep": groep.pk})
    assert antwoord.status_code == 200
    form = antwoord.context["form"]
    assert form.initial["groep"] == groep
    keuzes = set(form.fields["groep"].queryset)
    assert groep in keuzes and vreemd not in keuzes
    medewerkers = set(form.fields["medewerker"].queryset)
    assert medewerkers == {wijk.wijkadviseur, wijk.opbouwwerker, wijk.wijkwethouder}
    assert "no-store" in antwoord["Cache-Control"]


def test_nieuw_vastleggen_en_terug_naar_het_gefilterde_log(wijk, groep):
    client = _als(wijk.wijkadviseur)
    antwoord = client.post(f"{NIEUW}?wijk={wijk.code}", _post(wijk, groep))
    cm = Contactmoment.objects.get()
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{LIJST}?groep={groep.pk}#contactmoment-{cm.pk}"
    assert (cm.vastgelegd_door, cm.vorm, cm.groep) == (wijk.wijkadviseur, "telefoon", groep)


def test_nieuw_fouten_komen_terug_met_invoer(wijk, andere_wijk, groep):
    client = _als(wijk.wijkadviseur)
    morgen = (VANDAAG() + datetime.timedelta(days=1)).isoformat()
    vreemd = BewonersgroepFactory(wijk=andere_wijk)
    data = _post(wijk, onderwerp="  ", datum=morgen, notitie="Bewaar mij", vervolg_voor=morgen)
    antwoord = client.post(NIEUW, data)
    assert antwoord.status_code == 200
    fouten = antwoord.context["form"].errors
    assert {"groep", "onderwerp", "datum", "vervolg"} <= set(fouten)
    assert b'id="foutensamenvatting"' in antwoord.content and b"Bewaar mij" in antwoord.content
    # A group of another ward, posted by hand: a field error, nothing logged.
    antwoord = client.post(NIEUW, _post(wijk, vreemd))
    assert antwoord.status_code == 200 and "groep" in antwoord.context["form"].errors
    # A person outside the ward as "from the municipality": refused too.
    antwoord = client.post(NIEUW, _post(wijk, groep, medewerker=andere_wijk.wijkadviseur.pk))
    assert "medewerker" in antwoord.context["form"].errors
    antwoord = client.post(NIEUW, _post(wijk, groep, onderwerp="x" * 201))
    assert "onderwerp" in antwoord.context["form"].errors
    assert not Contactmoment.objects.exists()


def test_extra_velden_worden_genegeerd(wijk, andere_wijk, groep):
    client = _als(wijk.wijkadviseur)
    data = {
        **_post(wijk, groep),
        "wijk": andere_wijk.pk,
        "vastgelegd_door": andere_wijk.wijkadviseur.pk,
        "vervolg_gedaan": "on",
        "aangemaakt": "2000-01-01T00:00",
    }
    client.post(NIEUW, data)
    cm = Contactmoment.objects.get()
    assert (cm.wijk, cm.vastgelegd_door, cm.vervolg_gedaan) == (wijk, wijk.wijkadviseur, False)
    assert cm.aangemaakt.year == VANDAAG().year


def test_meer_wijken_eerst_de_wijk_kiezen(wijk):
    adviseur = wijk.wijkadviseur
    tweede = WijkFactory(wijkadviseur=adviseur)
    client = _als(adviseur)
    antwoord = client.get(NIEUW)
    assert antwoord.status_code == 200
    assert "contactmoment-formulier" not in antwoord.content.decode()
    assert {c[0] for c in antwoord.context["form"].fields["wijk"].choices} == {
        wijk.code,
        tweede.code,
    }
    assert client.post(NIEUW, {"onderwerp": "x"}).status_code == 400
    assert not Contactmoment.objects.exists()
    assert client.get(NIEUW, {"wijk": tweede.code}).context["form"].wijk == tweede


def test_bewerken(wijk, andere_wijk, groep):
    cm = ContactmomentFactory(wijk=wijk, groep=groep)
    url = reverse("contactmomenten:bewerken", args=[cm.pk])
    client = _als(wijk.wijkwethouder)
    antwoord = client.get(url)
    assert antwoord.status_code == 200 and antwoord.context["form"].initial["onderwerp"] == (
        cm.onderwerp
    )
    antwoord = client.post(url, _post(wijk, groep, onderwerp="Verbeterd"))
    assert antwoord.status_code == 302
    assert Contactmoment.objects.get(pk=cm.pk).onderwerp == "Verbeterd"
    vreemd = _als(andere_wijk.wijkadviseur)
    assert vreemd.get(url).status_code == 404
    assert vreemd.post(url, _post(wijk, groep, onderwerp="Gekaapt")).status_code == 404
    assert Contactmoment.objects.get(pk=cm.pk).onderwerp == "Verbeterd"
    assert client.get(reverse("contactmomenten:bewerken", args=[99999])).status_code == 404


def test_vervolg_afvinken_en_terug(wijk, andere_wijk):
    cm = ContactmomentFactory(wijk=wijk, met_vervolg=True)
    url = reverse("contactmomenten:vervolg", args=[cm.pk])
    client = _als(wijk.opbouwwerker)
    assert client.get(url).status_code == 405
    terug = f"{LIJST}?vervolg=open"
    antwoord = client.post(url, {"gedaan": "1", "terug": terug})
    assert antwoord["Location"] == f"{terug}#contactmoment-{cm.pk}"
    assert Contactmoment.objects.get(pk=cm.pk).vervolg_gedaan
    # Somewhere else than the log: back to the log, never off the site.
    for vreemd in ("https://evil.example/", "//evil.example/", "/account/logout/"):
        antwoord = client.post(url, {"gedaan": "0", "terug": vreemd})
        assert antwoord["Location"].startswith(LIJST)
    assert not Contactmoment.objects.get(pk=cm.pk).vervolg_gedaan
    assert _als(andere_wijk.wijkadviseur).post(url, {"gedaan": "1"}).status_code == 404
    assert not Contactmoment.objects.get(pk=cm.pk).vervolg_gedaan


def test_csrf_verplicht(wijk, groep):
    client = Client(enforce_csrf_checks=True)
    client.force_login(wijk.wijkadviseur)
    assert client.post(NIEUW, _post(wijk, groep)).status_code == 403
    assert not Contactmoment.objects.exists()


def test_demo_seed_idempotent(settings):
    from wijkportaal.demo import seed

    settings.DEMO = True
    accounts = seed()
    aantal = Contactmoment.objects.count()
    assert aantal >= 6
    seed()
    assert Contactmoment.objects.count() == aantal
    assert Contactmoment.objects.vervolg_open().exists()
    assert Contactmoment.objects.filter(vervolg_gedaan=True).exists()
    assert set(Contactmoment.objects.values_list("medewerker", flat=True)) >= {
        accounts["wijkadviseur"].pk,
        accounts["opbouwwerker"].pk,
    }
    jaar_geleden = VANDAAG() - datetime.timedelta(days=365)
    from wijken.models import Bewonersgroep

    zonder_recent_contact = Bewonersgroep.objects.filter(
        wijk__wijkadviseur=accounts["wijkadviseur"]
    ).exclude(contactmomenten__datum__gte=jaar_geleden)
    assert zonder_recent_contact.exists()


def test_dubbel_verzenden_legt_een_keer_vast(wijk, groep):
    client = _als(wijk.wijkadviseur)
    sleutel = client.get(NIEUW).context["form"].initial["sleutel"]
    data = _post(wijk, groep, sleutel=str(sleutel))
    eerste = client.post(NIEUW, data)
    tweede = client.post(NIEUW, data)
    cm = Contactmoment.objects.get()
    assert (
        eerste["Location"]
        == tweede["Location"]
        == (f"{LIJST}?groep={groep.pk}#contactmoment-{cm.pk}")
    )
    # A form with errors does not use up its key.
    client.post(NIEUW, _post(wijk, groep, sleutel=str(sleutel := uuid.uuid4()), onderwerp=""))
    client.post(NIEUW, _post(wijk, groep, sleutel=str(sleutel)))
    assert Contactmoment.objects.count() == 2


def test_wijziging_van_een_ander_wordt_niet_overschreven(wijk, groep):
    cm = ContactmomentFactory(wijk=wijk, groep=groep, met_vervolg=True)
    url = reverse("contactmomenten:bewerken", args=[cm.pk])
    adviseur, opbouwwerker = _als(wijk.wijkadviseur), _als(wijk.opbouwwerker)
    gezien_a = adviseur.get(url).context["form"].initial["gezien"]
    gezien_b = opbouwwerker.get(url).context["form"].initial["gezien"]
    antwoord = opbouwwerker.post(
        url, _post(wijk, groep, onderwerp="Van B", vervolg="Doen", gezien=gezien_b)
    )
    assert antwoord.status_code == 302
    # A, on the page opened before B saved: a conflict naming the subject, nothing saved.
    antwoord = adviseur.post(
        url, _post(wijk, groep, onderwerp="Van A", vervolg="Doen", gezien=gezien_a)
    )
    assert antwoord.status_code == 409
    fout = " ".join(antwoord.context["form"].non_field_errors())
    assert str(Contactmoment._meta.get_field("onderwerp").verbose_name) in fout
    assert Contactmoment.objects.get(pk=cm.pk).onderwerp == "Van B"
    assert b"Van A" in antwoord.content  # their input is not lost
    # Saving again from that page deliberately overwrites.
    nieuw_gezien = antwoord.context["form"]["gezien"].value()
    antwoord = adviseur.post(
        url, _post(wijk, groep, onderwerp="Van A", vervolg="Doen", gezien=nieuw_gezien)
    )
    assert antwoord.status_code == 302
    assert Contactmoment.objects.get(pk=cm.pk).onderwerp == "Van A"
    # Marking the follow-up done in between is a change too.
    gezien = adviseur.get(url).context["form"].initial["gezien"]
    vervolg_afronden(door=wijk.wijkwethouder, contactmoment=cm)
    antwoord = adviseur.post(
        url, _post(wijk, groep, onderwerp="Van A", vervolg="Doen", gezien=gezien)
    )
    assert antwoord.status_code == 409


def test_vingerafdruk_in_de_service(wijk, groep):
    from contacten.services_contactmomenten import Conflict, vingerafdruk

    cm = ContactmomentFactory(wijk=wijk, groep=groep)
    gezien = vingerafdruk(cm)
    Contactmoment.objects.filter(pk=cm.pk).update(notitie="Anders")
    with pytest.raises(Conflict) as conflict:
        contactmoment_wijzigen(
            door=wijk.wijkadviseur,
            contactmoment=cm,
            groep=groep,
            medewerker=cm.medewerker,
            gezien=gezien,
            **_velden(),
        )
    assert conflict.value.velden == ["notitie"]
    with pytest.raises(Conflict):
        contactmoment_wijzigen(
            door=wijk.wijkadviseur,
            contactmoment=cm,
            groep=groep,
            medewerker=cm.medewerker,
            gezien="onzin",
            **_velden(),
        )
    assert Contactmoment.objects.get(pk=cm.pk).notitie == "Anders"


def test_admin_leest_maar_toont_geen_notities(wijk, groep):
    cm = ContactmomentFactory(wijk=wijk, groep=groep, notitie="Werkaantekening X")
    beheerder = _als(GebruikerFactory(beheerder=True, tweede_factor=True))
    lijst = beheerder.get(reverse("admin:contacten_contactmoment_changelist"))
    assert lijst.status_code == 200 and cm.onderwerp in lijst.content.decode()
    detail = beheerder.get(reverse("admin:contacten_contactmoment_change", args=[cm.pk]))
    assert detail.status_code == 200 and "Werkaantekening X" not in detail.content.decode()
    assert beheerder.get(reverse("admin:contacten_contactmoment_add")).status_code == 403


def test_functionaris_zonder_wijken(wijk):
    zonder = _als(GebruikerFactory(wijkadviseur=True, tweede_factor=True))
    for url in (LIJST, NIEUW):
        antwoord = zonder.get(url)
        assert antwoord.status_code == 200 and b'id="geen-wijken"' in antwoord.content
    assert zonder.post(NIEUW, _post(wijk)).status_code == 400
    assert zonder.get(LIJST, {"wijk": wijk.code}).status_code == 404
    assert not Contactmoment.objects.exists()


def test_groep_kiest_de_wijk(wijk):
    adviseur = wijk.wijkadviseur
    tweede = WijkFactory(wijkadviseur=adviseur)
    groep = BewonersgroepFactory(wijk=tweede)
    antwoord = _als(adviseur).get(NIEUW, {"groep": groep.pk})
    assert antwoord.context["form"].wijk == tweede
    assert antwoord.context["form"].initial["groep"] == groep

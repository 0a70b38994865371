"""Meetings: what the public sees, what the griffie may manage, and bounded queries."""

import pytest
from django.urls import reverse

from contacten.models import Agendapunt, AgendapuntStatus, Toezegging, Vergadering, VergaderStatus
from tests.contacten.factories import (
    AgendapuntFactory,
    BesluitFactory,
    ToezeggingFactory,
    VergaderingFactory,
)
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.responses import assert_page
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def griffie():
    return GebruikerFactory(griffie=True, tweede_factor=True)


def test_publiek_ziet_alleen_gepubliceerde_vergaderingen_en_geagendeerde_punten(client):
    concept = VergaderingFactory(concept=True)
    v = VergaderingFactory()
    geheim = OnderwerpFactory(status="geagendeerd_college", openbaar=False, titel="Niet openbaar")
    zichtbaar = OnderwerpFactory(status="geagendeerd_college", openbaar=True, titel="Wel openbaar")
    AgendapuntFactory(vergadering=v, titel="Geaccepteerd", onderwerpen=[geheim, zichtbaar])
    AgendapuntFactory(
        vergadering=v, titel="Alleen voorgesteld", status=AgendapuntStatus.VOORGESTELD
    )

    lijst = client.get(reverse("contacten:vergaderingen")).content.decode()
    assert v.get_absolute_url() in lijst and concept.get_absolute_url() not in lijst
    assert client.get(concept.get_absolute_url()).status_code == 404
    pagina = client.get(v.get_absolute_url()).content.decode()
    assert "Geaccepteerd" in pagina and "Alleen voorgesteld" not in pagina
    assert "Wel openbaar" in pagina and "Niet openbaar" not in pagina


def test_college_en_griffie_zien_concepten(client, griffie):
    concept = VergaderingFactory(concept=True)
    client.force_login(GebruikerFactory(collegelid=True, tweede_factor=True))
    assert client.get(concept.get_absolute_url()).status_code == 200
    assert client.get(reverse("contacten:agenda")).status_code == 200


@pytest.mark.parametrize("rol", [None, "bewoner", "wijkadviseur", "wijkwethouder", "collegelid"])
def test_alleen_de_griffie_beheert_vergaderingen(client, rol):
    v = VergaderingFactory(concept=True)
    punt = AgendapuntFactory(vergadering=v, titel="Eerste")
    AgendapuntFactory(vergadering=v, titel="Tweede")
    t = ToezeggingFactory(besluit__agendapunt__vergadering=v, wijk=WijkFactory(met_staf=True))
    if rol:
        extra = {rol: True} if rol != "bewoner" else {}
        client.force_login(GebruikerFactory(tweede_factor=True, **extra))
    posts = [
        (
            reverse("contacten:vergadering_nieuw"),
            {"orgaan": "college", "begin": "2030-01-01T10:00", "locatie": "X"},
        ),
        (
            reverse("contacten:vergadering_bewerken", args=[v.pk]),
            {"orgaan": "gemeenteraad", "begin": "2030-01-01T10:00", "locatie": "X"},
        ),
        (reverse("contacten:vergadering_status", args=[v.pk]), {"status": "gepubliceerd"}),
        (
            reverse("contacten:agendapunt_nieuw", args=[v.pk]),
            {"titel": "Nieuw", "toelichting": "x"},
        ),
        (
            reverse("contacten:agendapunt_bewerken", args=[punt.pk]),
            {"titel": "Anders", "toelichting": "x"},
        ),
        (reverse("contacten:agendapunt_verschuiven", args=[punt.pk]), {"richting": "neer"}),
        (reverse("contacten:toezegging_status", args=[t.pk]), {"status": "nagekomen"}),
    ]
    for url, gegevens in posts:
        antwoord = client.post(url, gegevens)
        assert antwoord.status_code in (302, 403), url
        if rol:
            assert antwoord.status_code == 403, url
        else:
            assert "/account/login/" in antwoord["Location"], url
    v.refresh_from_db()
    punt.refresh_from_db()
    t.refresh_from_db()
    assert (v.status, v.orgaan, Vergadering.objects.count()) == ("concept", "college", 1)
    assert (punt.titel, punt.volgorde) == ("Eerste", punt.volgorde)
    assert Agendapunt.objects.count() == 3 and t.status == "open"
    if rol not in ("collegelid", "wijkwethouder"):  # aldermen are college members
        assert client.get(reverse("contacten:agenda")).status_code in (302, 403)


def test_griffie_maakt_ordent_en_publiceert_een_vergadering(client, griffie):
    client.force_login(griffie)
    antwoord = client.post(
        reverse("contacten:vergadering_nieuw"),
        {"orgaan": "college", "begin": "2030-01-08T10:00", "locatie": "Stadhuis"},
    )
    v = Vergadering.objects.get()
    assert antwoord["Location"] == v.get_absolute_url() and v.status == VergaderStatus.CONCEPT
    for titel in ("Eerste", "Tweede"):
        client.post(
            reverse("contacten:agendapunt_nieuw", args=[v.pk]),
            {"titel": titel, "toelichting": "Uitleg", "hamerstuk": "on"},
        )
    eerste, tweede = v.agendapunten.order_by("volgorde")
    assert eerste.hamerstuk and (eerste.volgorde, tweede.volgorde) == (1, 2)
    client.post(reverse("contacten:agendapunt_verschuiven", args=[tweede.pk]), {"richting": "op"})
    assert [p.titel for p in v.agendapunten.order_by("volgorde")] == ["Tweede", "Eerste"]
    client.post(reverse("contacten:vergadering_status", args=[v.pk]), {"status": "gepubliceerd"})
    v.refresh_from_db()
    assert v.status == VergaderStatus.GEPUBLICEERD
    # Whitespace only is refused with a message; nothing is added.
    antwoord = client.post(
        reverse("contacten:agendapunt_nieuw", args=[v.pk]), {"titel": "  ", "toelichting": "x"}
    )
    assert antwoord.status_code == 200 and antwoord.context["form"].errors
    assert v.agendapunten.count() == 2
    assert (
        client.post(
            reverse("contacten:vergadering_status", args=[v.pk]), {"status": "x"}
        ).status_code
        == 302
    )
    v.refresh_from_db()
    assert v.status == VergaderStatus.GEPUBLICEERD


def test_toezeggingen_per_wijk(client, griffie):
    wijk = WijkFactory(met_staf=True, naam="Noord")
    t = ToezeggingFactory(wijk=wijk, omschrijving="<script>x</script> display")
    ToezeggingFactory(
        wijk=wijk, besluit__agendapunt__vergadering__concept=True, omschrijving="Geheim"
    )
    pagina = client.get(reverse("contacten:toezeggingen")).content.decode()
    assert "Noord" in pagina and "&lt;script&gt;x&lt;/script&gt; display" in pagina
    assert "Geheim" not in pagina
    client.force_login(griffie)
    client.post(reverse("contacten:toezegging_status", args=[t.pk]), {"status": "nagekomen"})
    assert Toezegging.objects.get(pk=t.pk).status == "nagekomen"


def test_van_onderwerp_voor_de_itempagina():
    onderwerp = OnderwerpFactory(status="afgerond", resultaat="Klaar", openbaar=True)
    college = AgendapuntFactory(onderwerpen=[onderwerp], vergadering__geweest=True)
    BesluitFactory(agendapunt=college)
    AgendapuntFactory(onderwerpen=[onderwerp], vergadering__concept=True)
    AgendapuntFactory(onderwerpen=[onderwerp], status=AgendapuntStatus.VOORGESTELD)
    assert list(Agendapunt.objects.van_onderwerp(onderwerp.pk)) == [college]


def _vul(aantal):
    wijk = WijkFactory(met_staf=True)
    for v in (VergaderingFactory(), VergaderingFactory(geweest=True)):
        for _ in range(aantal):
            punt = AgendapuntFactory(
                vergadering=v,
                onderwerpen=[OnderwerpFactory(wijk=wijk, openbaar=True) for _ in range(2)],
            )
            ToezeggingFactory(besluit__agendapunt=punt, wijk=wijk)
    return v


@pytest.mark.parametrize("naam", ["vergaderingen", "vergadering", "toezeggingen", "agenda"])
def test_aantal_queries_groeit_niet_met_data(client, griffie, naam, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(griffie)
    v = _vul(1)
    url = reverse(f"contacten:{naam}", args=[v.pk] if naam == "vergadering" else [])
    with CaptureQueriesContext(connection) as weinig:
        response = client.get(url)
    assert_page(response, f"contacten/{naam}.html")
    v = _vul(5)
    url = reverse(f"contacten:{naam}", args=[v.pk] if naam == "vergadering" else [])
    with django_assert_max_num_queries(len(weinig)):
        response = client.get(url)
    assert_page(response, f"contacten/{naam}.html")


def test_orgaan_blijft_als_er_items_op_de_agenda_staan(client, griffie):
    v = VergaderingFactory()
    AgendapuntFactory(vergadering=v, onderwerpen=[OnderwerpFactory(status="geagendeerd_college")])
    client.force_login(griffie)
    antwoord = client.post(
        reverse("contacten:vergadering_bewerken", args=[v.pk]),
        {"orgaan": "gemeenteraad", "begin": "2030-01-01T10:00", "locatie": "Elders"},
    )
    assert antwoord.status_code == 200 and "orgaan" in antwoord.context["form"].errors
    v.refresh_from_db()
    assert (v.orgaan, v.locatie) == ("college", "Stadhuis, collegekamer")

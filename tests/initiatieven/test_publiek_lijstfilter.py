"""The public list's filter form as rendered for speed (options in one pass, the ward options
cached on the wards' version) and the search order (newest first unless asked)."""

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from initiatieven.keuzes import Soort, Status
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db

LIJST = reverse("initiatieven:lijst")


def _select(html: str, naam: str) -> str:
    gevonden = re.search(
        rf'<select name="{naam}" class="form-select" id="id_{naam}">(.*?)</select>', html, re.S
    )
    assert gevonden, f"no select for {naam}"
    return gevonden.group(1)


def _gekozen(html: str, naam: str) -> list[str]:
    return re.findall(r'<option value="([^"]*)" selected>', _select(html, naam))


def _waarden(html: str, naam: str) -> list[str]:
    return re.findall(r'<option value="([^"]*)"', _select(html, naam))


def _ids(response) -> list[int]:
    return [int(i) for i in re.findall(r'id="onderwerp-(\d+)"', response.content.decode())]


def test_keuzelijsten_hebben_label_id_en_alle_opties(client):
    wijken = WijkFactory.create_batch(3)
    thema = ThemaFactory()
    html = client.get(LIJST).content.decode()
    for naam in ("wijk", "soort", "thema", "status", "volgorde"):
        assert f'<label for="id_{naam}" class="form-label">' in html
        # Nothing chosen: the empty option ("all") is the selected one.
        assert _gekozen(html, naam) == [""]
    assert set(_waarden(html, "wijk")) == {""} | {str(w.pk) for w in wijken}
    assert str(thema.pk) in _waarden(html, "thema")
    assert set(_waarden(html, "soort")) == {""} | set(Soort.values)
    assert Status.CONCEPT not in _waarden(html, "status")


def test_keuzelijsten_tonen_de_gekozen_waarde(client):
    wijken = WijkFactory.create_batch(12)
    thema = ThemaFactory()
    # Ward 1 and ward 10+ share a prefix: only the exact value is marked.
    gekozen = wijken[0]
    html = client.get(
        LIJST,
        {"wijk": gekozen.pk, "thema": thema.pk, "soort": Soort.KNELPUNT, "status": "afgerond"},
    ).content.decode()
    assert _gekozen(html, "wijk") == [str(gekozen.pk)]
    assert _gekozen(html, "thema") == [str(thema.pk)]
    assert _gekozen(html, "soort") == [Soort.KNELPUNT]
    assert _gekozen(html, "status") == [Status.AFGEROND]


@pytest.mark.parametrize("waarde", ['"><script>x</script>', "abc", "99999"])
def test_ongeldige_keuze_markeert_niets_en_lekt_niet(client, waarde):
    WijkFactory()
    response = client.get(LIJST, {"wijk": waarde})
    assert response.status_code == 200
    html = response.content.decode()
    assert _gekozen(html, "wijk") == []
    assert "<script>x</script>" not in html


def test_nieuwe_en_hernoemde_wijk_direct_in_de_keuzes(client):
    wijk = WijkFactory(naam="Oude Naam")
    assert ">Oude Naam<" in _select(client.get(LIJST).content.decode(), "wijk")
    wijk.naam = "Nieuwe Naam"
    wijk.save()
    nieuw = WijkFactory(naam="Erbij Gekomen")
    html = client.get(LIJST).content.decode()
    assert ">Nieuwe Naam<" in _select(html, "wijk")
    assert ">Oude Naam<" not in html
    assert str(nieuw.pk) in _waarden(html, "wijk")
    nieuw.delete()
    assert str(nieuw.pk) not in _waarden(client.get(LIJST).content.decode(), "wijk")


def test_zoeken_nieuwste_eerst_tenzij_beste_overeenkomst_gevraagd(client):
    wijk = WijkFactory()
    nu = timezone.now()
    # The older item matches better (the word three times, in the title too).
    beter = OnderwerpFactory(
        wijk=wijk,
        openbaar_=True,
        titel="Speeltuin speeltuin",
        beschrijving="Een speeltuin bij de school",
        ingediend_op=nu - datetime.timedelta(days=30),
    )
    nieuwer = OnderwerpFactory(
        wijk=wijk,
        openbaar_=True,
        titel="Bankjes",
        beschrijving="Bankjes bij de speeltuin en het plein en de vijver en de school",
        ingediend_op=nu - datetime.timedelta(days=1),
    )
    assert _ids(client.get(LIJST, {"q": "speeltuin"})) == [nieuwer.pk, beter.pk]
    relevant = client.get(LIJST, {"q": "speeltuin", "volgorde": "relevantie"})
    assert relevant.status_code == 200
    assert _gekozen(relevant.content.decode(), "volgorde") == ["relevantie"]
    if connection.vendor == "postgresql":
        assert _ids(relevant) == [beter.pk, nieuwer.pk]
    else:
        # SQLite (demo) has no ranking: the same matches, newest first.
        assert set(_ids(relevant)) == {beter.pk, nieuwer.pk}


def test_volgorde_zonder_zoekterm_verandert_niets(client):
    wijk = WijkFactory()
    OnderwerpFactory.create_batch(3, wijk=wijk, openbaar_=True)
    assert _ids(client.get(LIJST, {"volgorde": "relevantie"})) == _ids(client.get(LIJST))
    assert client.get(LIJST, {"volgorde": "onzin"}).status_code == 200


def test_elke_rij_heeft_het_statuslabel_van_zijn_eigen_status(client):
    wijk = WijkFactory()
    ingediend = OnderwerpFactory.create_batch(2, wijk=wijk, openbaar_=True)
    afgerond = OnderwerpFactory(wijk=wijk, openbaar_=True, afgerond=True)
    html = client.get(LIJST).content.decode()
    for onderwerp in [*ingediend, afgerond]:
        rij = re.search(rf'id="onderwerp-{onderwerp.pk}">(.*?)</li>', html, re.S).group(1)
        assert re.findall(r'data-status="([^"]+)"', rij) == [onderwerp.status]

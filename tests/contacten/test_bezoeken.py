"""Visits: planning, changing, cancelling, holding and publishing; the once-per-term rule
(also after a cancellation and against a race), the term derived from the date, and who
may do it."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from contacten import services_bezoek
from contacten.bezoeken import Bezoek, Bezoeksoort, Bezoekstatus, Dagdeel
from contacten.permissions import mag_bezoek_intern_zien, mag_bezoek_zien
from tests.contacten.factories import BezoekFactory, CollegeperiodeFactory
from tests.factories import GebruikerFactory
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


@pytest.fixture
def w(db):
    periode = CollegeperiodeFactory()
    vorige = CollegeperiodeFactory(
        begin=datetime.date(periode.begin.year - 4, 4, 1),
        einde=periode.begin - datetime.timedelta(days=1),
        naam="vorige",
    )
    wijk = WijkFactory(met_staf=True)
    return {
        "periode": periode,
        "vorige": vorige,
        "wijk": wijk,
        "andere": WijkFactory(met_staf=True),
        "griffie": GebruikerFactory(griffie=True),
        "collegelid": GebruikerFactory(collegelid=True),
    }


def _plannen(w, door=None, **kwargs):
    gegevens = {
        "door": door or w["griffie"],
        "wijk": w["wijk"],
        "soort": Bezoeksoort.COLLEGE_DAGDEEL,
        "datum": VANDAAG() + datetime.timedelta(days=10),
        "dagdeel": Dagdeel.OCHTEND,
        "locatie": "Buurthuis",
        "programma": "Rondgang",
        "deelnemers": [],
        "raad_uitgenodigd": False,
        "openbaar": True,
    }
    gegevens.update(kwargs)
    return services_bezoek.bezoek_plannen(**gegevens)


@pytest.fixture
def gemeld():
    with mock.patch("contacten.services_bezoek.volgen.melden") as melden:
        yield melden


def test_plannen_leidt_periode_af_van_datum(w, gemeld):
    bezoek = _plannen(w, deelnemers=[w["collegelid"], w["wijk"].wijkwethouder])
    assert bezoek.periode == w["periode"]
    assert bezoek.status == Bezoekstatus.GEPLAND
    assert set(bezoek.deelnemers.all()) == {w["collegelid"], w["wijk"].wijkwethouder}
    gemeld.assert_called_once_with(wijk_id=w["wijk"].pk)

    eerder = _plannen(w, datum=w["vorige"].begin + datetime.timedelta(days=30))
    assert eerder.periode == w["vorige"]


def test_geen_periode_voor_datum_is_een_veldfout(w, gemeld):
    with pytest.raises(ValidationError) as fout:
        _plannen(w, datum=w["periode"].einde + datetime.timedelta(days=1))
    assert "datum" in fout.value.message_dict
    assert not Bezoek.objects.exists()
    gemeld.assert_not_called()


def test_tweede_college_dagdeel_in_dezelfde_periode_geweigerd(w, gemeld):
    _plannen(w)
    with pytest.raises(ValidationError) as fout:
        _plannen(w, datum=VANDAAG() + datetime.timedelta(days=40))
    assert "datum" in fout.value.message_dict
    assert Bezoek.objects.count() == 1
    # Another ward, a work visit, or the previous term: all fine.
    _plannen(w, wijk=w["andere"])
    _plannen(w, soort=Bezoeksoort.WERKBEZOEK)
    _plannen(w, datum=w["vorige"].einde - datetime.timedelta(days=3))
    assert Bezoek.objects.count() == 4


def test_na_annuleren_mag_een_nieuw_dagdeel(w, gemeld):
    eerste = _plannen(w)
    services_bezoek.bezoek_annuleren(door=w["griffie"], bezoek=eerste, reden="Verhinderd")
    tweede = _plannen(w, datum=VANDAAG() + datetime.timedelta(days=50))
    assert tweede.periode == eerste.periode
    eerste.refresh_from_db()
    assert eerste.status == Bezoekstatus.GEANNULEERD
    assert eerste.annuleringsreden == "Verhinderd"
    assert gemeld.call_count == 3


def test_race_om_het_dagdeel_geeft_dezelfde_veldfout(w, gemeld):
    """Two requests pass the check at once: the constraint refuses the second, and the
    person gets the field error, not a server error."""
    _plannen(w)
    with (
        mock.patch("contacten.services_bezoek._controleer_een_per_periode"),
        pytest.raises(ValidationError) as fout,
    ):
        _plannen(w, datum=VANDAAG() + datetime.timedelta(days=30))
    assert "datum" in fout.value.message_dict
    assert Bezoek.objects.count() == 1


def test_database_dwingt_een_per_periode_af(w):
    BezoekFactory(wijk=w["wijk"], periode=w["periode"])
    with pytest.raises(IntegrityError):
        BezoekFactory(wijk=w["wijk"], periode=w["periode"])


def test_wijzigen_naar_andere_periode_en_terug(w, gemeld):
    bezoek = _plannen(w)
    andere = _plannen(w, wijk=w["andere"])
    services_bezoek.bezoek_wijzigen(
        door=w["griffie"],
        bezoek=bezoek,
        datum=w["vorige"].einde - datetime.timedelta(days=1),
        dagdeel=Dagdeel.AVOND,
        locatie=" Wijkcentrum ",
        programma="Nieuw",
        deelnemers=[],
        raad_uitgenodigd=True,
        openbaar=False,
    )
    bezoek.refresh_from_db()
    assert bezoek.periode == w["vorige"]
    assert (bezoek.dagdeel, bezoek.locatie, bezoek.raad_uitgenodigd, bezoek.openbaar) == (
        Dagdeel.AVOND,
        "Wijkcentrum",
        True,
        False,
    )
    # Changing itself within its own term is no conflict with itself.
    services_bezoek.bezoek_wijzigen(
        door=w["griffie"],
        bezoek=andere,
        datum=VANDAAG() + datetime.timedelta(days=3),
        dagdeel=Dagdeel.MIDDAG,
    )


def test_deelnemers_alleen_collegeleden(w, gemeld):
    with pytest.raises(ValidationError) as fout:
        _plannen(w, deelnemers=[w["wijk"].wijkadviseur])
    assert "deelnemers" in fout.value.message_dict
    assert not Bezoek.objects.exists()


def test_houden_pas_vanaf_de_datum(w, gemeld):
    bezoek = _plannen(w)
    with pytest.raises(ValidationError):
        services_bezoek.bezoek_houden(door=w["griffie"], bezoek=bezoek, verslag="Verslag")
    bezoek.refresh_from_db()
    assert bezoek.status == Bezoekstatus.GEPLAND

    vandaag = _plannen(w, soort=Bezoeksoort.WERKBEZOEK, datum=VANDAAG())
    services_bezoek.bezoek_houden(door=w["griffie"], bezoek=vandaag, verslag="  Goed gesprek ")
    vandaag.refresh_from_db()
    assert vandaag.status == Bezoekstatus.GEHOUDEN
    assert vandaag.verslag == "Goed gesprek"
    assert vandaag.verslag_gepubliceerd_op is None


def test_houden_vraagt_verslag_en_geen_annulering(w, gemeld):
    bezoek = _plannen(w, datum=VANDAAG())
    with pytest.raises(ValidationError) as fout:
        services_bezoek.bezoek_houden(door=w["griffie"], bezoek=bezoek, verslag="   ")
    assert "verslag" in fout.value.message_dict
    services_bezoek.bezoek_annuleren(door=w["griffie"], bezoek=bezoek, reden="Storm")
    with pytest.raises(ValidationError):
        services_bezoek.bezoek_houden(door=w["griffie"], bezoek=bezoek, verslag="Toch")


def test_publiceren(w, gemeld):
    bezoek = _plannen(w, datum=VANDAAG() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        services_bezoek.verslag_publiceren(door=w["griffie"], bezoek=bezoek)
    services_bezoek.bezoek_houden(door=w["griffie"], bezoek=bezoek, verslag="Verslag")
    services_bezoek.verslag_publiceren(door=w["griffie"], bezoek=bezoek)
    bezoek.refresh_from_db()
    eerst = bezoek.verslag_gepubliceerd_op
    assert eerst is not None
    services_bezoek.verslag_publiceren(door=w["griffie"], bezoek=bezoek)
    bezoek.refresh_from_db()
    assert bezoek.verslag_gepubliceerd_op == eerst
    # planned, held, published: three times the followers hear of it
    assert gemeld.call_count == 3


def test_annuleren_vraagt_reden_en_alleen_gepland(w, gemeld):
    bezoek = _plannen(w)
    with pytest.raises(ValidationError) as fout:
        services_bezoek.bezoek_annuleren(door=w["griffie"], bezoek=bezoek, reden=" ")
    assert "reden" in fout.value.message_dict
    gehouden = BezoekFactory(gehouden=True, wijk=w["andere"], periode=w["periode"])
    with pytest.raises(ValidationError):
        services_bezoek.bezoek_annuleren(door=w["griffie"], bezoek=gehouden, reden="x")


@pytest.mark.parametrize(
    ("wie", "mag"),
    [
        ("griffie", True),
        ("collegelid", True),
        ("wethouder_ander", True),  # a member of the college, for every ward
        ("adviseur_eigen", True),
        ("adviseur_ander", False),
        ("opbouwwerker_eigen", False),
        ("bewoner", False),
        ("beheerder", False),
    ],
)
def test_wie_mag_plannen(w, gemeld, wie, mag):
    gebruikers = {
        "griffie": w["griffie"],
        "collegelid": w["collegelid"],
        "wethouder_ander": w["andere"].wijkwethouder,
        "adviseur_eigen": w["wijk"].wijkadviseur,
        "adviseur_ander": w["andere"].wijkadviseur,
        "opbouwwerker_eigen": w["wijk"].opbouwwerker,
        "bewoner": GebruikerFactory(),
        "beheerder": GebruikerFactory(beheerder=True),
    }
    if mag:
        assert _plannen(w, door=gebruikers[wie]).pk
        return
    with pytest.raises(PermissionDenied):
        _plannen(w, door=gebruikers[wie])
    bezoek = BezoekFactory(wijk=w["wijk"], periode=w["periode"], datum=VANDAAG())
    for actie in (
        lambda: services_bezoek.bezoek_annuleren(door=gebruikers[wie], bezoek=bezoek, reden="x"),
        lambda: services_bezoek.bezoek_houden(door=gebruikers[wie], bezoek=bezoek, verslag="x"),
        lambda: services_bezoek.verslag_publiceren(door=gebruikers[wie], bezoek=bezoek),
    ):
        with pytest.raises(PermissionDenied):
            actie()
    bezoek.refresh_from_db()
    assert bezoek.status == Bezoekstatus.GEPLAND
    assert Bezoek.objects.count() == 1


def test_zichtbaarheid(w):
    openbaar = BezoekFactory(wijk=w["wijk"], periode=w["periode"])
    intern = BezoekFactory(werkbezoek=True, wijk=w["wijk"], periode=w["periode"], openbaar=False)
    geannuleerd = BezoekFactory(
        geannuleerd=True, werkbezoek=True, wijk=w["andere"], periode=w["periode"]
    )
    bewoner = GebruikerFactory()
    assert mag_bezoek_zien(bewoner, openbaar)
    assert mag_bezoek_zien(bewoner, geannuleerd)  # its page keeps working
    assert not mag_bezoek_zien(bewoner, intern)
    assert mag_bezoek_zien(w["wijk"].opbouwwerker, intern)
    assert not mag_bezoek_zien(w["andere"].opbouwwerker, intern)
    assert not mag_bezoek_intern_zien(bewoner, w["wijk"])

    def zichtbaar(user):
        return set(Bezoek.objects.zichtbaar_voor(user))

    assert zichtbaar(bewoner) == {openbaar}
    assert zichtbaar(w["wijk"].opbouwwerker) == {openbaar, intern}
    assert zichtbaar(w["andere"].wijkadviseur) == {openbaar}
    assert zichtbaar(w["griffie"]) == {openbaar, intern}


@pytest.mark.django_db(transaction=True)
def test_parallel_plannen_geeft_een_dagdeel(gemeld):
    """Ten people plan the ward's college dagdeel at the same moment: one visit; the others
    get the field error, none a server error."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("parallel writes need PostgreSQL; SQLite serialises them anyway")
    CollegeperiodeFactory()
    wijk = WijkFactory(met_staf=True)
    griffie = GebruikerFactory(griffie=True)
    start = threading.Barrier(10)
    uitkomsten, fouten = [], []

    def plannen(n):
        try:
            start.wait()
            services_bezoek.bezoek_plannen(
                door=griffie,
                wijk=wijk,
                soort=Bezoeksoort.COLLEGE_DAGDEEL,
                datum=VANDAAG() + datetime.timedelta(days=n + 1),
                dagdeel=Dagdeel.MIDDAG,
            )
            uitkomsten.append("gepland")
        except ValidationError as fout:
            uitkomsten.append(sorted(fout.message_dict))
        except Exception as exc:  # noqa: BLE001 - reported below
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=plannen, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten
    assert uitkomsten.count("gepland") == 1
    assert all(u == ["datum"] for u in uitkomsten if u != "gepland")
    assert Bezoek.objects.filter(wijk=wijk).count() == 1


def test_gehouden_bezoek_en_afgelopen_vergadering_heten_in_het_nederlands_anders():
    """Both are "Held" in English; in Dutch a visit is "gehouden", a meeting "afgelopen"."""
    from django.utils import translation

    from contacten.bezoeken import Bezoekstatus
    from contacten.vergaderingen import VergaderStatus

    with translation.override("nl"):
        assert str(Bezoekstatus.GEHOUDEN.label) == "Gehouden"
        assert str(VergaderStatus.AFGELOPEN.label) == "Afgelopen"

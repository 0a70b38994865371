"""The transition table, walked over every (from, to, actor) triple.

Allowed steps succeed and write exactly one Statuswijziging; every other triple is refused
and writes nothing. The expectation is written out here independently of the table, so a
change to the table that nobody meant fails this test.
"""

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.utils import timezone

from initiatieven import services
from initiatieven.keuzes import Status
from initiatieven.models import Onderwerp, Statuswijziging
from initiatieven.workflow import OVERGANGEN
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import WijkFactory

S = Status
OPEN_ADVISEUR = {S.INGEDIEND, S.IN_BEHANDELING, S.IN_UITVOERING}

#: (from, to) → who may take it. Written out by hand from DESIGN.md §4 and the issue.
VERWACHT = {
    (S.CONCEPT, S.INGEDIEND): {"indiener"},
    (S.INGEDIEND, S.IN_BEHANDELING): {"adviseur"},
    (S.NOG_NIET_MOGELIJK, S.IN_BEHANDELING): {"adviseur"},
    (S.IN_BEHANDELING, S.IN_UITVOERING): {"adviseur"},
    (S.IN_BEHANDELING, S.BIJ_WIJKWETHOUDER): {"adviseur"},
    (S.IN_UITVOERING, S.BIJ_WIJKWETHOUDER): {"adviseur"},
    (S.BIJ_WIJKWETHOUDER, S.IN_BEHANDELING): {"wethouder"},
    (S.IN_BEHANDELING, S.AFGEROND): {"adviseur"},
    (S.IN_UITVOERING, S.AFGEROND): {"adviseur"},
    **{(van, S.NIET_MOGELIJK): {"adviseur"} for van in OPEN_ADVISEUR},
    **{(van, S.NOG_NIET_MOGELIJK): {"adviseur"} for van in OPEN_ADVISEUR},
    (S.BIJ_WIJKWETHOUDER, S.NIET_MOGELIJK): {"wethouder"},
    (S.BIJ_WIJKWETHOUDER, S.NOG_NIET_MOGELIJK): {"wethouder"},
    # Up to the agenda: the alderman proposes (own wards only), the griffie does the rest.
    (S.BIJ_WIJKWETHOUDER, S.GEAGENDEERD_COLLEGE): {"wethouder"},
    (S.GEAGENDEERD_COLLEGE, S.BIJ_WIJKWETHOUDER): {"griffie"},
    (S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD): {"griffie"},
    **{
        (van, naar): {"griffie"}
        for van in (S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD)
        for naar in (S.AFGEROND, S.NIET_MOGELIJK, S.NOG_NIET_MOGELIJK, S.IN_BEHANDELING)
    },
    **{
        (van, S.INGETROKKEN): {"indiener"}
        for van in (S.INGEDIEND, S.IN_BEHANDELING, S.IN_UITVOERING, S.BIJ_WIJKWETHOUDER)
    },
}

ACTOREN = [
    "indiener",
    "adviseur",
    "adviseur_andere_wijk",
    "opbouwwerker",
    "wethouder",
    "wethouder_andere_wijk",
    "collegelid",
    "griffie",
    "beheerder",
    "andere_bewoner",
    "anoniem",
]

VOLLEDIG = {
    "toelichting": "Omdat het budget dit jaar op is.",
    "notitie": "Kijk of het samen met de woningcorporatie kan.",
    "resultaat": "De moestuin is aangelegd.",
    "advies": "Ik adviseer dit te steunen.",
    "herbezien_op": datetime.date(2027, 3, 1),
}


def _staat(status):
    extra = {}
    if status == S.CONCEPT:
        extra = {"ingediend_op": None, "eerste_reactie_voor": None}
    if status == S.AFGEROND:
        extra = {"resultaat": "Klaar."}
    if status == S.NOG_NIET_MOGELIJK:
        extra = {"herbezien_op": timezone.localdate()}
    return extra


@pytest.fixture
def mensen(db):
    wijk = WijkFactory(met_staf=True)
    andere = WijkFactory(met_staf=True)
    return {
        "wijk": wijk,
        "indiener": GebruikerFactory(),
        "adviseur": wijk.wijkadviseur,
        "adviseur_andere_wijk": andere.wijkadviseur,
        "opbouwwerker": wijk.opbouwwerker,
        "wethouder": wijk.wijkwethouder,
        "wethouder_andere_wijk": andere.wijkwethouder,
        "collegelid": GebruikerFactory(collegelid=True),
        "griffie": GebruikerFactory(griffie=True),
        "beheerder": GebruikerFactory(beheerder=True),
        "andere_bewoner": GebruikerFactory(),
        "anoniem": AnonymousUser(),
    }


def test_de_tabel_is_wat_het_ontwerp_zegt():
    tabel = {}
    for regel in OVERGANGEN:
        for van in regel.van:
            tabel[(van, regel.naar)] = {
                {
                    "indiener": "indiener",
                    "wijkadviseur": "adviseur",
                    "wijkwethouder": "wethouder",
                    "griffie": "griffie",
                }[a]
                for a in regel.wie
            }
    assert tabel == VERWACHT


@pytest.mark.parametrize("van,naar", list(itertools.product(S, S)), ids=lambda s: s.value)
def test_elke_stap_voor_elke_rol(mensen, van, naar):
    toegestaan = VERWACHT.get((van, naar), set())
    for actor in ACTOREN:
        onderwerp = OnderwerpFactory(
            status=van, wijk=mensen["wijk"], indiener=mensen["indiener"], **_staat(van)
        )
        voor = Statuswijziging.objects.count()
        if actor in toegestaan:
            services.onderwerp_overgang(
                onderwerp=onderwerp,
                naar=naar,
                door=mensen[actor],
                versie=onderwerp.versie,
                via_agenda=True,  # who may take agenda steps; the route is tested below
                **VOLLEDIG,
            )
            onderwerp.refresh_from_db()
            assert onderwerp.status == naar, actor
            stap = Statuswijziging.objects.get(onderwerp=onderwerp)
            assert (stap.van, stap.naar, stap.door) == (van, naar, mensen[actor])
            assert Statuswijziging.objects.count() == voor + 1
        else:
            with pytest.raises(services.Geweigerd):
                services.onderwerp_overgang(
                    onderwerp=onderwerp, naar=naar, door=mensen[actor], via_agenda=True, **VOLLEDIG
                )
            onderwerp.refresh_from_db()
            assert onderwerp.status == van, actor
            assert Statuswijziging.objects.count() == voor, actor


@pytest.mark.parametrize(
    "van,naar,ontbreekt",
    [
        (S.INGEDIEND, S.NIET_MOGELIJK, "toelichting"),
        (S.IN_BEHANDELING, S.NOG_NIET_MOGELIJK, "herbezien_op"),
        (S.IN_BEHANDELING, S.NOG_NIET_MOGELIJK, "toelichting"),
        (S.IN_UITVOERING, S.AFGEROND, "resultaat"),
        (S.IN_BEHANDELING, S.BIJ_WIJKWETHOUDER, "advies"),
        (S.IN_BEHANDELING, S.IN_UITVOERING, "toelichting"),
    ],
)
def test_wat_een_stap_vereist(mensen, van, naar, ontbreekt):
    onderwerp = OnderwerpFactory(status=van, wijk=mensen["wijk"], **_staat(van))
    gegevens = {**VOLLEDIG, ontbreekt: None if ontbreekt == "herbezien_op" else "   "}
    with pytest.raises(services.Onvolledig) as fout:
        services.onderwerp_overgang(
            onderwerp=onderwerp, naar=naar, door=mensen["adviseur"], **gegevens
        )
    assert ontbreekt in fout.value.velden
    onderwerp.refresh_from_db()
    assert onderwerp.status == van
    assert not Statuswijziging.objects.filter(onderwerp=onderwerp).exists()


def test_nog_niet_mogelijk_met_alleen_een_voorwaarde(mensen):
    onderwerp = OnderwerpFactory(status=S.IN_BEHANDELING, wijk=mensen["wijk"])
    services.onderwerp_overgang(
        onderwerp=onderwerp,
        naar=S.NOG_NIET_MOGELIJK,
        door=mensen["adviseur"],
        toelichting="Eerst moet de riolering vervangen worden.",
        herbezien_voorwaarde="Als de riolering klaar is",
    )
    onderwerp.refresh_from_db()
    assert onderwerp.herbezien_voorwaarde == "Als de riolering klaar is"
    # ...and revisiting clears it again.
    services.onderwerp_overgang(onderwerp=onderwerp, naar=S.IN_BEHANDELING, door=mensen["adviseur"])
    onderwerp.refresh_from_db()
    assert (onderwerp.herbezien_op, onderwerp.herbezien_voorwaarde) == (None, "")


@pytest.mark.parametrize("naar", [S.AFGEROND, S.NIET_MOGELIJK])
def test_een_stap_naar_een_eindstand_legt_het_moment_vast(mensen, naar):
    """The trend counts settled items by ``afgehandeld_op``: set by the step itself, at the
    step's moment, and by no other step."""
    onderwerp = OnderwerpFactory(status=S.IN_UITVOERING, wijk=mensen["wijk"])
    services.onderwerp_overgang(
        onderwerp=onderwerp,
        naar=S.NOG_NIET_MOGELIJK,
        door=mensen["adviseur"],
        toelichting="Nog even niet.",
        herbezien_voorwaarde="Na de zomer",
    )
    onderwerp.refresh_from_db()
    assert onderwerp.afgehandeld_op is None
    services.onderwerp_overgang(onderwerp=onderwerp, naar=S.IN_BEHANDELING, door=mensen["adviseur"])
    services.onderwerp_overgang(
        onderwerp=onderwerp,
        naar=naar,
        door=mensen["adviseur"],
        toelichting="Zo is het besloten.",
        resultaat="Klaar.",
    )
    onderwerp.refresh_from_db()
    stap = onderwerp.statuswijzigingen.get(naar=naar)
    assert onderwerp.afgehandeld_op == stap.tijdstip


def test_tweede_persoon_op_een_oude_versie_krijgt_een_conflict(mensen):
    onderwerp = OnderwerpFactory(status=S.IN_BEHANDELING, wijk=mensen["wijk"])
    gezien = onderwerp.versie
    services.onderwerp_overgang(
        onderwerp=onderwerp,
        naar=S.IN_UITVOERING,
        door=mensen["adviseur"],
        versie=gezien,
        toelichting="We gaan aan de slag.",
    )
    with pytest.raises(services.Conflict) as conflict:
        services.onderwerp_overgang(
            onderwerp=onderwerp,
            naar=S.NIET_MOGELIJK,
            door=mensen["adviseur"],
            versie=gezien,
            toelichting="Kan niet.",
        )
    assert conflict.value.laatste.naar == S.IN_UITVOERING
    onderwerp.refresh_from_db()
    assert onderwerp.status == S.IN_UITVOERING
    assert Statuswijziging.objects.filter(onderwerp=onderwerp).count() == 1


def test_herhaalde_stap_wordt_geweigerd(mensen):
    onderwerp = OnderwerpFactory(status=S.INGEDIEND, wijk=mensen["wijk"])
    services.onderwerp_overgang(onderwerp=onderwerp, naar=S.IN_BEHANDELING, door=mensen["adviseur"])
    with pytest.raises(services.Geweigerd):
        services.onderwerp_overgang(
            onderwerp=onderwerp, naar=S.IN_BEHANDELING, door=mensen["adviseur"]
        )
    assert Statuswijziging.objects.filter(onderwerp=onderwerp).count() == 1


def test_statuswijziging_is_alleen_toevoegen(mensen):
    onderwerp = OnderwerpFactory(status=S.INGEDIEND, wijk=mensen["wijk"])
    services.onderwerp_overgang(onderwerp=onderwerp, naar=S.IN_BEHANDELING, door=mensen["adviseur"])
    stap = Statuswijziging.objects.get(onderwerp=onderwerp)
    stap.publieke_toelichting = "herschreven"
    with pytest.raises(Exception, match="never edited"):
        stap.save()


@pytest.mark.django_db(transaction=True)
def test_meldingen_gaan_pas_na_de_commit_en_bij_elke_publieke_stap():
    wijk = WijkFactory(met_staf=True)
    indiener = GebruikerFactory(email="indiener@example.test")
    onderwerp = OnderwerpFactory(concept=True, wijk=wijk, indiener=indiener, titel="<b>Bankje</b>")
    mail.outbox.clear()
    services.onderwerp_overgang(onderwerp=onderwerp, naar=S.INGEDIEND, door=indiener)
    ontvangers = sorted(m.to[0] for m in mail.outbox)
    assert ontvangers == sorted([indiener.email, wijk.wijkadviseur.email])
    # User text is escaped in the HTML part.
    html = mail.outbox[0].alternatives[0].content
    assert "<b>Bankje</b>" not in html and "&lt;b&gt;Bankje&lt;/b&gt;" in html

    mail.outbox.clear()
    services.onderwerp_overgang(onderwerp=onderwerp, naar=S.IN_BEHANDELING, door=wijk.wijkadviseur)
    services.onderwerp_overgang(
        onderwerp=onderwerp, naar=S.BIJ_WIJKWETHOUDER, door=wijk.wijkadviseur, advies="Steunen."
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [indiener.email, indiener.email, wijk.wijkwethouder.email]
    )

    # A step that fails writes nothing and sends nothing.
    mail.outbox.clear()
    with pytest.raises(services.Onvolledig):
        services.onderwerp_overgang(
            onderwerp=onderwerp, naar=S.NIET_MOGELIJK, door=wijk.wijkwethouder
        )
    assert mail.outbox == []


def test_indienen_zet_de_termijn_voor_de_eerste_reactie(mensen):
    onderwerp = OnderwerpFactory(concept=True, wijk=mensen["wijk"], indiener=mensen["indiener"])
    services.onderwerp_overgang(onderwerp=onderwerp, naar=S.INGEDIEND, door=mensen["indiener"])
    onderwerp.refresh_from_db()
    assert onderwerp.ingediend_op is not None
    assert onderwerp.eerste_reactie_voor == services.werkdagen_later(
        timezone.localdate(onderwerp.ingediend_op), 10
    )
    assert not onderwerp.openbaar
    services.onderwerp_overgang(onderwerp=onderwerp, naar=S.IN_BEHANDELING, door=mensen["adviseur"])
    onderwerp.refresh_from_db()
    assert onderwerp.eerste_reactie_op is not None


@pytest.mark.parametrize(
    "start,werkdagen,verwacht",
    [
        (datetime.date(2026, 11, 20), 1, datetime.date(2026, 11, 23)),  # Friday → Monday
        (datetime.date(2026, 11, 24), 10, datetime.date(2026, 12, 8)),
        (datetime.date(2026, 11, 28), 1, datetime.date(2026, 11, 30)),  # Saturday → Monday
    ],
)
def test_werkdagen(start, werkdagen, verwacht):
    assert services.werkdagen_later(start, werkdagen) == verwacht


def test_database_bewaakt_de_beloften(mensen):
    from django.db import IntegrityError, transaction

    onderwerp = OnderwerpFactory(status=S.IN_UITVOERING, wijk=mensen["wijk"])
    for fout in (
        {"status": S.AFGEROND, "resultaat": ""},
        {"status": S.NOG_NIET_MOGELIJK, "herbezien_op": None, "herbezien_voorwaarde": ""},
        {"status": S.CONCEPT, "openbaar": True},
        {"status": "verzonnen"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Onderwerp.objects.filter(pk=onderwerp.pk).update(**fout)


AGENDASTAPPEN = [
    stap for stap in VERWACHT if set(stap) & {S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD}
]


@pytest.mark.parametrize("van,naar", AGENDASTAPPEN, ids=str)
def test_agendastappen_alleen_via_de_agenda(mensen, van, naar):
    assert len(AGENDASTAPPEN) == 11
    """An agenda step as a plain step (e.g. a button on the triage page) would leave the
    agenda and the item's status apart: refused, and not offered as a button."""
    from initiatieven import permissions

    wie = mensen["griffie"] if VERWACHT[(van, naar)] == {"griffie"} else mensen["wethouder"]
    onderwerp = OnderwerpFactory(status=van, wijk=mensen["wijk"], **_staat(van))
    assert naar not in {o.naar for o in permissions.toegestane_overgangen(wie, onderwerp)}
    with pytest.raises(services.Geweigerd):
        services.onderwerp_overgang(onderwerp=onderwerp, naar=naar, door=wie, **VOLLEDIG)
    onderwerp.refresh_from_db()
    assert onderwerp.status == van and not Statuswijziging.objects.exists()

"""The state of a question follows from its publication, dates and feedback: a frozen
clock moved past each date changes it, with no write in between."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from meedenken.models import Meedenkvraag, Staat
from tests.meedenken.factories import MeedenkvraagFactory, TerugkoppelingFactory

pytestmark = pytest.mark.django_db

UUR = datetime.timedelta(hours=1)


def _staat(vraag, nu):
    """The state in the database's annotation, and on the loaded row; they must agree."""
    annotatie = Meedenkvraag.objects.met_staat(nu).get(pk=vraag.pk).staat
    geladen = Meedenkvraag.objects.select_related("terugkoppeling").get(pk=vraag.pk)
    assert geladen.staat_op(nu) == annotatie
    return annotatie


def test_een_vraag_doorloopt_elke_staat_met_de_klok():
    begin = timezone.now().replace(microsecond=0)
    vraag = MeedenkvraagFactory(
        gepubliceerd_op=None,
        open_vanaf=begin + 2 * UUR,
        sluit_op=begin + 5 * UUR,
        terugkoppeling_voor=timezone.localdate(begin + 5 * UUR) + datetime.timedelta(days=10),
    )
    assert _staat(vraag, begin) == Staat.CONCEPT
    Meedenkvraag.objects.filter(pk=vraag.pk).update(gepubliceerd_op=begin)
    assert _staat(vraag, begin + UUR) == Staat.AANGEKONDIGD
    assert _staat(vraag, begin + 2 * UUR) == Staat.OPEN
    assert _staat(vraag, begin + 5 * UUR - datetime.timedelta(seconds=1)) == Staat.OPEN
    assert _staat(vraag, begin + 5 * UUR) == Staat.GESLOTEN
    # The feedback date itself is still in time; the day after it is overdue.
    laatste_dag = datetime.datetime.combine(
        vraag.terugkoppeling_voor, datetime.time(23, 59), tzinfo=timezone.get_current_timezone()
    )
    assert _staat(vraag, laatste_dag) == Staat.GESLOTEN
    assert _staat(vraag, laatste_dag + 2 * UUR) == Staat.TE_LAAT
    terugkoppeling = TerugkoppelingFactory(vraag=vraag)
    # Written but not published: still overdue.
    assert _staat(vraag, laatste_dag + 2 * UUR) == Staat.TE_LAAT
    terugkoppeling.gepubliceerd_op = laatste_dag + 3 * UUR
    terugkoppeling.save()
    assert _staat(vraag, laatste_dag + 4 * UUR) == Staat.TERUGGEKOPPELD


def test_querysets_per_staat_bij_de_echte_klok():
    open_ = MeedenkvraagFactory()
    concept = MeedenkvraagFactory(concept=True)
    aangekondigd = MeedenkvraagFactory(aangekondigd=True)
    gesloten = MeedenkvraagFactory(gesloten=True)
    te_laat = MeedenkvraagFactory(te_laat=True)
    teruggekoppeld = TerugkoppelingFactory(
        vraag=MeedenkvraagFactory(te_laat=True), gepubliceerd=True
    ).vraag
    assert set(Meedenkvraag.objects.open_()) == {open_}
    assert set(Meedenkvraag.objects.concepten()) == {concept}
    assert set(Meedenkvraag.objects.aangekondigd()) == {aangekondigd}
    assert set(Meedenkvraag.objects.terugkoppeling_te_laat()) == {te_laat}
    assert set(Meedenkvraag.objects.teruggekoppeld()) == {teruggekoppeld}
    assert set(Meedenkvraag.objects.gesloten_zonder_terugkoppeling()) == {gesloten, te_laat}
    for vraag, staat in [
        (open_, Staat.OPEN),
        (concept, Staat.CONCEPT),
        (aangekondigd, Staat.AANGEKONDIGD),
        (gesloten, Staat.GESLOTEN),
        (te_laat, Staat.TE_LAAT),
        (teruggekoppeld, Staat.TERUGGEKOPPELD),
    ]:
        assert set(Meedenkvraag.objects.in_staat(staat)) == {vraag}, staat


def test_te_laat_zonder_schrijven_na_middernacht():
    """Overdue the moment the day after the promised date begins (bad input case 30)."""
    vraag = MeedenkvraagFactory(gesloten=True, terugkoppeling_voor=timezone.localdate())
    assert not Meedenkvraag.objects.terugkoppeling_te_laat().exists()
    morgen = timezone.now() + datetime.timedelta(days=1)
    with time_machine.travel(morgen, tick=False):
        assert list(Meedenkvraag.objects.terugkoppeling_te_laat()) == [vraag]


def test_voor_wijk_omvat_vragen_aan_alle_wijken():
    gericht = MeedenkvraagFactory()
    wijk = gericht.wijken.get()
    alle = MeedenkvraagFactory(alle_wijken=True, wijken=[])
    andere = MeedenkvraagFactory()
    assert set(Meedenkvraag.objects.voor_wijk(wijk)) == {gericht, alle}
    assert set(Meedenkvraag.objects.voor_wijk(andere.wijken.get())) == {andere, alle}

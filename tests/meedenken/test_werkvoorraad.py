"""The work queue's section of feedback due (meedenken.werkvoorraad): the questions of
the advisor's wards that closed without published feedback, overdue ones marked, each
linking to writing the feedback; right the moment the feedback date passes, with no
write in between (the section is not part of the work queue's cached content)."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.meedenken.factories import MeedenkvraagFactory, TerugkoppelingFactory
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db

WERKVOORRAAD = reverse("initiatieven:werkvoorraad")


def _vragen_op_pagina(html: str) -> dict[int, bool]:
    """The questions in the section: {pk: marked overdue}."""
    return {
        int(pk): bool(te_laat)
        for pk, te_laat in re.findall(r'id="terugkoppeling-vraag-(\d+)"( data-te-laat="1")?', html)
    }


def test_sectie_toont_precies_de_vragen_van_de_eigen_wijken_die_op_terugkoppeling_wachten(
    client,
):
    wijk = WijkFactory(met_staf=True)
    andere_wijk = WijkFactory(met_staf=True)
    vandaag = timezone.localdate()
    # Closed, feedback promised in three days: awaiting, not overdue yet.
    wacht = MeedenkvraagFactory(
        wijken=[wijk], gesloten=True, terugkoppeling_voor=vandaag + datetime.timedelta(days=3)
    )
    te_laat = MeedenkvraagFactory(wijken=[wijk, andere_wijk], te_laat=True)
    alle_wijken = MeedenkvraagFactory(alle_wijken=True, wijken=[], te_laat=True)
    # Not in the section: another ward's, one with published feedback, an open one, a draft.
    MeedenkvraagFactory(wijken=[andere_wijk], te_laat=True)
    TerugkoppelingFactory(vraag=MeedenkvraagFactory(wijken=[wijk], te_laat=True), gepubliceerd=True)
    MeedenkvraagFactory(wijken=[wijk])
    MeedenkvraagFactory(wijken=[wijk], te_laat=True, gepubliceerd_op=None)
    # Feedback written but not published yet still waits.
    geschreven = MeedenkvraagFactory(wijken=[wijk], te_laat=True)
    TerugkoppelingFactory(vraag=geschreven)

    client.force_login(wijk.wijkadviseur)
    html = client.get(WERKVOORRAAD).content.decode()
    assert _vragen_op_pagina(html) == {
        wacht.pk: False,
        te_laat.pk: True,
        alle_wijken.pk: True,
        geschreven.pk: True,
    }
    assert 'id="melding-terugkoppeling-te-laat"' in html
    # The advisor may write the feedback of a question to their ward; one to all wards
    # is the college's, so it links to the question itself.
    schrijven = reverse("meedenken:terugkoppeling", args=[te_laat.pk])
    assert re.search(rf'id="terugkoppeling-vraag-{te_laat.pk}"[^>]*>\s*<a href="{schrijven}"', html)
    assert re.search(
        rf'id="terugkoppeling-vraag-{alle_wijken.pk}"[^>]*>\s*'
        rf'<a href="{alle_wijken.get_absolute_url()}"',
        html,
    )
    assert client.get(schrijven).status_code == 200

    # The other ward's advisor sees their own ward's questions, not this ward's.
    client.force_login(andere_wijk.wijkadviseur)
    andere = _vragen_op_pagina(client.get(WERKVOORRAAD).content.decode())
    assert wacht.pk not in andere and geschreven.pk not in andere
    assert te_laat.pk in andere


def _zien(client, persoon) -> str:
    """The work queue as ``persoon`` sees it now (signed in afresh: a session idles out
    when the clock is moved by hours)."""
    client.logout()
    client.force_login(persoon)
    response = client.get(WERKVOORRAAD)
    assert response.status_code == 200
    return response.content.decode()


def test_overdue_zodra_de_datum_voorbij_is_zonder_schrijven(client):
    """The page seen today (its content cached), then the clock moved past a closing moment
    and past the feedback date: the section follows without any write (bad input case 30)."""
    middag = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(12)))
    with time_machine.travel(middag, tick=False) as reis:
        wijk = WijkFactory(met_staf=True)
        adviseur = wijk.wijkadviseur
        datum = timezone.localdate() + datetime.timedelta(days=2)
        vraag = MeedenkvraagFactory(wijken=[wijk], gesloten=True, terugkoppeling_voor=datum)
        sluit_vanmiddag = MeedenkvraagFactory(
            wijken=[wijk], sluit_op=middag + datetime.timedelta(hours=2)
        )
        html = _zien(client, adviseur)
        assert _vragen_op_pagina(html) == {vraag.pk: False}
        assert 'id="melding-terugkoppeling-te-laat"' not in html

        # At three the other question has closed (the same day): it waits for feedback too.
        reis.move_to(middag + datetime.timedelta(hours=3))
        html = _zien(client, adviseur)
        assert _vragen_op_pagina(html) == {vraag.pk: False, sluit_vanmiddag.pk: False}

        # On the promised date itself it is not overdue yet; the day after it is.
        op_datum = timezone.make_aware(datetime.datetime.combine(datum, datetime.time(23, 59)))
        reis.move_to(op_datum)
        assert _vragen_op_pagina(_zien(client, adviseur))[vraag.pk] is False
        reis.move_to(op_datum + datetime.timedelta(minutes=2))
        html = _zien(client, adviseur)
        assert _vragen_op_pagina(html)[vraag.pk] is True
        assert 'id="melding-terugkoppeling-te-laat"' in html

        # Feedback published: gone from the section.
        TerugkoppelingFactory(vraag=vraag, gepubliceerd=True)
        assert vraag.pk not in _vragen_op_pagina(_zien(client, adviseur))

"""Every state of the workflow maps onto Open311's open or closed, or is never shown.

A state added to ``initiatieven.keuzes.Status`` without a line in ``diensten.STATUS``
fails the first test, so no new state reaches partner apps unmapped."""

import pytest

from initiatieven.keuzes import AFGESLOTEN, LOPEND, Status
from opendata.open311 import diensten
from tests.initiatieven.factories import OnderwerpFactory
from tests.opendata.open311_hulp import get_json, get_xml

pytestmark = pytest.mark.django_db


def test_elke_status_heeft_een_afbeelding():
    assert set(diensten.STATUS) == set(Status.values)
    assert set(diensten.STATUS.values()) == {"open", "closed", None}


def test_afbeelding_volgt_de_statusgroepen():
    # Closed is what the portal calls final; everything it still works on, or has parked
    # with a revisit, is open; a draft never leaves the portal.
    for status in Status:
        if status == Status.CONCEPT:
            verwacht = None
        elif status in AFGESLOTEN:
            verwacht = "closed"
        else:
            assert status in LOPEND | {Status.NOG_NIET_MOGELIJK}
            verwacht = "open"
        assert diensten.STATUS[status] == verwacht, status


def _in_status(status):
    extra = {}
    if status == Status.AFGEROND:
        extra["afgerond"] = True
    if status == Status.NOG_NIET_MOGELIJK:
        extra["nog_niet"] = True
    return OnderwerpFactory(knelpunt=True, openbaar_=True, status=status, **extra)


@pytest.mark.parametrize("status", [s for s in Status if s != Status.CONCEPT])
def test_elke_openbare_status_over_open311(client, status):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    onderwerp = _in_status(status)
    (verzoek,) = get_json(client, f"requests/{onderwerp.pk}")
    assert verzoek["status"] == diensten.STATUS[status]
    # The portal's own (Dutch) label of the state.
    assert verzoek["status_notes"] == onderwerp.get_status_display()
    with_filter = get_json(client, "requests", status=diensten.STATUS[status])
    assert [r["service_request_id"] for r in with_filter] == [str(onderwerp.pk)]
    andere = "closed" if diensten.STATUS[status] == "open" else "open"
    assert get_json(client, "requests", status=andere) == []
    (xml_verzoek,) = get_xml(client, f"requests/{onderwerp.pk}").findall("request")
    assert xml_verzoek.findtext("status") == diensten.STATUS[status]


def test_label_in_het_nederlands(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "nl"
    onderwerp = _in_status(Status.IN_BEHANDELING)
    (verzoek,) = get_json(client, f"requests/{onderwerp.pk}")
    assert verzoek["status_notes"] == "In behandeling"

"""An item with the college carries the badge "proposed" while its agenda item is only
proposed. The pages that show the badge declare the agenda items, so a change of that
agenda item alone (here an update no item save accompanies, as an administrator's edit
or a bulk change would be) reaches them, and no page keeps saying "proposed"."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from contacten.models import Agendapunt, AgendapuntStatus
from initiatieven.keuzes import Status
from tests.contacten.factories import AgendapuntFactory
from tests.initiatieven.factories import OnderwerpFactory

pytestmark = pytest.mark.django_db

with translation.override("nl"):  # the portal's language, in which the pages answer
    VOORGESTELD = str(_("Proposed for the college agenda"))
    GEAGENDEERD = str(Status.GEAGENDEERD_COLLEGE.label)


@pytest.fixture
def voorstel():
    onderwerp = OnderwerpFactory(openbaar_=True, status=Status.GEAGENDEERD_COLLEGE)
    punt = AgendapuntFactory(status=AgendapuntStatus.VOORGESTELD, onderwerpen=[onderwerp])
    return onderwerp, punt


def _badges(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("pagina", ["publieke lijst", "wijkpagina", "mijn inbreng"])
def test_geaccepteerd_voorstel_niet_meer_voorgesteld(client, voorstel, pagina):
    onderwerp, punt = voorstel
    url = {
        "publieke lijst": reverse("initiatieven:lijst"),
        "wijkpagina": onderwerp.wijk.get_absolute_url(),
        "mijn inbreng": reverse("initiatieven:mijn_inbreng"),
    }[pagina]
    if pagina == "mijn inbreng":
        client.force_login(onderwerp.indiener)
    assert VOORGESTELD in _badges(client, url)  # rendered, and now cached
    # The agenda item alone changes: no save of the item tells the cache.
    Agendapunt.objects.filter(pk=punt.pk).update(status=AgendapuntStatus.GEAGENDEERD)
    html = _badges(client, url)
    assert VOORGESTELD not in html and GEAGENDEERD in html

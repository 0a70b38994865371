"""Query budgets: every key page renders in a fixed number of SQL queries, at most 15.

One test builds a small data set, renders each key page as the person who uses it and
counts the queries of the whole request (session, user and second-factor lookups
included); then it adds nine times as much of everything that a page lists or counts
(items, steps per item, attachments, agenda items, groups, vacancies, wards, meetings,
visits, contact moments) and counts again. The counts must be equal and within budget.

The table of counts per page is printed at the end of the run.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatieven.keuzes import Status
from tests import figures
from tests.wijkportaal.gemeente import Gemeente, gemeente, vul

pytestmark = pytest.mark.django_db

BUDGET = 15
SCHAAL = 10  # the large data set holds ten times the small one
#: Pages whose content does not depend on the amount of data (the rest must grow).
VAST = {"home"}


def _paginas(g: Gemeente) -> list[tuple[str, str, object]]:
    """(page, URL, person or None for signed out)."""
    lijst = reverse("initiatieven:lijst")
    wethouder = g.wijk.wijkwethouder
    adviseur = g.wijk.wijkadviseur
    return [
        ("home", reverse("home"), None),
        ("ward list", reverse("wijken:lijst"), None),
        ("ward page", reverse("wijken:wijk", args=[g.wijk.code]), None),
        ("item list", lijst, None),
        (
            "item list, filtered",
            f"{lijst}?wijk={g.wijk.pk}&status={Status.IN_BEHANDELING}&thema={g.thema.pk}",
            None,
        ),
        ("item list, searched", f"{lijst}?q=moestuin", None),
        ("item page", reverse("initiatieven:onderwerp", args=[g.onderwerp.pk]), None),
        ("item page (advisor)", reverse("initiatieven:onderwerp", args=[g.onderwerp.pk]), adviseur),
        ("werkvoorraad", reverse("initiatieven:werkvoorraad"), adviseur),
        ("triage", reverse("initiatieven:triage", args=[g.triage.pk]), adviseur),
        ("wijkdashboard", reverse("wijkdashboard_wijk", args=[g.wijk.code]), wethouder),
        ("wijkrapport", reverse("wijkrapport", args=[g.wijk.code]), wethouder),
        ("collegeoverzicht", reverse("collegeoverzicht"), g.collegelid),
        ("agenda (griffie)", reverse("contacten:agenda"), g.griffie),
        ("proposals (griffie)", reverse("initiatieven:agenda_griffie"), g.griffie),
        ("to the agenda (alderman)", reverse("initiatieven:agenderen"), wethouder),
        ("meetings (public)", reverse("contacten:vergaderingen"), None),
        ("meeting (public)", reverse("contacten:vergadering", args=[g.vergadering.pk]), None),
        ("vacancies", reverse("wijken:vacatures"), None),
        ("ward vacancies", reverse("wijken:wijk_vacatures", args=[g.wijk.code]), None),
        ("mijn inbreng", reverse("initiatieven:mijn_inbreng"), g.bewoner),
    ]


def _tellen(g: Gemeente) -> dict[str, tuple[int, int]]:
    """The number of queries of each key page's whole request (a first request per person
    writes the session's last-seen time; a page counts as the people see it), with the
    content rendered afresh: what is cached under the data version is cleared first, so
    the count is that of the first request after a change, the most a page costs."""
    clients: dict[object, Client] = {}
    tellingen = {}
    for naam, url, persoon in _paginas(g):
        if persoon not in clients:
            clients[persoon] = Client()
            if persoon is not None:
                clients[persoon].force_login(persoon)
        c = clients[persoon]
        assert c.get(url).status_code == 200, naam
        caches["fragmenten"].clear()
        with CaptureQueriesContext(connection) as queries:
            response = c.get(url)
        assert response.status_code == 200, naam
        tellingen[naam] = (len(queries), len(response.content))
    return tellingen


def test_sleutelpaginas_binnen_querybudget_en_groeien_niet(request):
    g = gemeente()
    vul(g, 1)
    klein = _tellen(g)
    vul(g, SCHAAL - 1)
    groot = _tellen(g)

    regels = [f"{'page':<24}{'small':>7}{'10x':>7}{'bytes small':>13}{'bytes 10x':>11}"]
    regels += [
        f"{n:<24}{klein[n][0]:>7}{groot[n][0]:>7}{klein[n][1]:>13}{groot[n][1]:>11}" for n in klein
    ]
    figures.report(
        request.config,
        "query budget",
        f"Queries per request (budget {BUDGET})\n" + "\n".join(regels),
    )

    # The larger data set must show on the page, or the comparison proves nothing.
    niet_groter = [n for n in klein if groot[n][1] <= klein[n][1] and n not in VAST]
    assert not niet_groter, f"these pages do not show the larger data set: {niet_groter}"
    groeit = {n: (klein[n][0], groot[n][0]) for n in klein if klein[n][0] != groot[n][0]}
    te_veel = {n: groot[n][0] for n in groot if groot[n][0] > BUDGET}
    assert not groeit, f"query count grows with the data: {groeit}"
    assert not te_veel, f"over the budget of {BUDGET} queries: {te_veel}"

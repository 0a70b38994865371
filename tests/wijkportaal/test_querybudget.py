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
from tests.responses import assert_page
from tests.wijkportaal.gemeente import Gemeente, gemeente, vul

pytestmark = pytest.mark.django_db

BUDGET = 15
SCHAAL = 10  # the large data set holds ten times the small one
#: Pages whose content does not depend on the amount of data (the rest must grow).
VAST = {"home"}


def _paginas(g: Gemeente) -> list[tuple[str, str, object, str]]:
    """(page, URL, person or None for signed out, the page's template)."""
    lijst = reverse("initiatieven:lijst")
    wethouder = g.wijk.wijkwethouder
    adviseur = g.wijk.wijkadviseur
    onderwerp = reverse("initiatieven:onderwerp", args=[g.onderwerp.pk])
    return [
        ("home", reverse("home"), None, "wijkportaal/home.html"),
        ("ward list", reverse("wijken:lijst"), None, "wijken/lijst.html"),
        ("ward page", reverse("wijken:wijk", args=[g.wijk.code]), None, "wijken/wijk.html"),
        ("item list", lijst, None, "initiatieven/publiek/lijst.html"),
        (
            "item list, filtered",
            f"{lijst}?wijk={g.wijk.pk}&status={Status.IN_BEHANDELING}&thema={g.thema.pk}",
            None,
            "initiatieven/publiek/lijst.html",
        ),
        ("item list, searched", f"{lijst}?q=moestuin", None, "initiatieven/publiek/lijst.html"),
        ("item page", onderwerp, None, "initiatieven/publiek/onderwerp.html"),
        ("item page (advisor)", onderwerp, adviseur, "initiatieven/publiek/onderwerp.html"),
        (
            "werkvoorraad",
            reverse("initiatieven:werkvoorraad"),
            adviseur,
            "initiatieven/werkvoorraad/werkvoorraad.html",
        ),
        (
            "triage",
            reverse("initiatieven:triage", args=[g.triage.pk]),
            adviseur,
            "initiatieven/werkvoorraad/triage.html",
        ),
        (
            "wijkdashboard",
            reverse("wijkdashboard_wijk", args=[g.wijk.code]),
            wethouder,
            "wijkportaal/dashboard/wijk.html",
        ),
        (
            "wijkrapport",
            reverse("wijkrapport", args=[g.wijk.code]),
            wethouder,
            "wijkportaal/dashboard/rapport.html",
        ),
        (
            "collegeoverzicht",
            reverse("collegeoverzicht"),
            g.collegelid,
            "wijkportaal/dashboard/collegeoverzicht.html",
        ),
        ("agenda (griffie)", reverse("contacten:agenda"), g.griffie, "contacten/agenda.html"),
        (
            "proposals (griffie)",
            reverse("initiatieven:agenda_griffie"),
            g.griffie,
            "initiatieven/agenda/griffie.html",
        ),
        (
            "to the agenda (alderman)",
            reverse("initiatieven:agenderen"),
            wethouder,
            "initiatieven/agenda/agenderen.html",
        ),
        (
            "meetings (public)",
            reverse("contacten:vergaderingen"),
            None,
            "contacten/vergaderingen.html",
        ),
        (
            "meeting (public)",
            reverse("contacten:vergadering", args=[g.vergadering.pk]),
            None,
            "contacten/vergadering.html",
        ),
        ("vacancies", reverse("wijken:vacatures"), None, "wijken/vacatures.html"),
        (
            "ward vacancies",
            reverse("wijken:wijk_vacatures", args=[g.wijk.code]),
            None,
            "wijken/vacatures.html",
        ),
        (
            "mijn inbreng",
            reverse("initiatieven:mijn_inbreng"),
            g.bewoner,
            "initiatieven/mijn_inbreng.html",
        ),
    ]


def _tellen(g: Gemeente) -> dict[str, tuple[int, int]]:
    """The number of queries of each key page's whole request (a first request per person
    writes the session's last-seen time; a page counts as the people see it), with the
    content rendered afresh: what is cached under the data version is cleared first, so
    the count is that of the first request after a change, the most a page costs."""
    clients: dict[object, Client] = {}
    tellingen = {}
    for naam, url, persoon, template in _paginas(g):
        if persoon not in clients:
            clients[persoon] = Client()
            if persoon is not None:
                clients[persoon].force_login(persoon)
        c = clients[persoon]
        assert_page(c.get(url), template)
        caches["fragmenten"].clear()
        with CaptureQueriesContext(connection) as queries:
            response = c.get(url)
        # The page itself was counted, not a redirect or a refusal.
        assert_page(response, template)
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

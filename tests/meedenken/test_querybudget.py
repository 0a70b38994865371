"""Query budgets of the meedenken pages: the list, a question page (as a resident, and as
the advisor with every response), the responses page and the advisor's work queue with
its questions awaiting feedback render (the ward dashboard's
figures: tests/wijkportaal/test_querybudget.py and test_views.py) in at most 15 queries,
the same number with ten times as many questions, responses and attachments."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import GebruikerFactory
from tests.meedenken.factories import (
    BijeenkomstFactory,
    InbrengbijlageFactory,
    InbrengFactory,
    MeedenkvraagFactory,
    TerugkoppelingFactory,
    VraagbijlageFactory,
)
from tests.wijken.factories import WijkFactory
from wijken import pagecache

pytestmark = pytest.mark.django_db

BUDGET = 15


def _vul(wijk, vraag, aantal):
    for i in range(aantal):
        MeedenkvraagFactory(wijken=[wijk], opties=["A", "B"])
        TerugkoppelingFactory(vraag=MeedenkvraagFactory(wijken=[wijk], gesloten=True))
        MeedenkvraagFactory(wijken=[wijk, WijkFactory()], te_laat=True)
        MeedenkvraagFactory(alle_wijken=True, wijken=[], gesloten=True)
        inbreng = InbrengFactory(vraag=vraag, openbaar=True, toon_naam=bool(i % 2))
        inbreng.keuzes.set([vraag.opties.first()])
        # Attachments of the question and of every other response, one the resident's own.
        VraagbijlageFactory(vraag=vraag)
        if i % 2:
            InbrengbijlageFactory(inbreng=inbreng)


#: The template each page renders, so that a count is of the page itself (not of a
#: redirect or an error page that happens to be cheap).
_SJABLONEN = {
    "list": "meedenken/lijst.html",
    "question": "meedenken/vraag.html",
    "responses": "meedenken/inbreng.html",
}


def _tel(gebruiker, url, sjabloon=None) -> int:
    client = Client()
    if gebruiker is not None:
        client.force_login(gebruiker)
        # The first request of a session records it (allauth's session list); count a
        # request of a session that is under way, as the portal's budget test does.
        client.get(reverse("home"))
    # Rendered fresh: the list is in the page cache, where a hit counts only the versions.
    with pagecache.disabled(), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    if sjabloon is not None:
        assert sjabloon in [t.name for t in response.templates], (url, sjabloon)
    return len(queries)


def test_meedenkpaginas_binnen_budget_en_groeien_niet():
    wijk = WijkFactory(met_staf=True)
    vraag = MeedenkvraagFactory(wijken=[wijk], reacties_openbaar=True, opties=["A", "B"])
    BijeenkomstFactory(vraag=vraag)
    bewoner = GebruikerFactory()
    InbrengbijlageFactory(inbreng=InbrengFactory(vraag=vraag, gebruiker=bewoner, openbaar=True))
    paginas = [
        ("list", None, reverse("meedenken:lijst")),
        ("list, filtered", None, f"{reverse('meedenken:lijst')}?wijk={wijk.pk}&staat=open"),
        ("question", None, vraag.get_absolute_url()),
        ("question (resident)", bewoner, vraag.get_absolute_url()),
        ("question (advisor)", wijk.wijkadviseur, vraag.get_absolute_url()),
        ("responses (advisor)", wijk.wijkadviseur, reverse("meedenken:inbreng", args=[vraag.pk])),
        ("work queue (advisor)", wijk.wijkadviseur, reverse("initiatieven:werkvoorraad")),
    ]
    _vul(wijk, vraag, 2)

    def tel(naam, wie, url):
        return _tel(wie, url, _SJABLONEN.get(naam.split(" ")[0].rstrip(",")))

    klein = {naam: tel(naam, wie, url) for naam, wie, url in paginas}
    _vul(wijk, vraag, 18)
    groot = {naam: tel(naam, wie, url) for naam, wie, url in paginas}
    # The work queue showed every question awaiting feedback (three per round of ``_vul``:
    # feedback written but not published waits too), or the count proves nothing.
    werkvoorraad = Client()
    werkvoorraad.force_login(wijk.wijkadviseur)
    html = werkvoorraad.get(reverse("initiatieven:werkvoorraad")).content.decode()
    assert html.count('id="terugkoppeling-vraag-') == 3 * 20
    print("meedenken query counts:", groot)
    assert klein == groot
    assert max(groot.values()) <= BUDGET, groot
    # The attachments were on the pages counted.
    client = Client()
    client.force_login(bewoner)
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert html.count("/bijlagen/") == 20 and 'id="eigen-bijlage"' in html
    assert html.count("/bijlage/") >= 10

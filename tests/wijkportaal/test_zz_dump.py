# helper: dump queries of one page name given in env PAGINA
import os
from tests.wijkportaal import test_querybudget as t
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.db import connection

import pytest
@pytest.mark.django_db
def test_dump():
    g = t._gemeente(); t.vul(g, 2)
    for naam, url, persoon in t._paginas(g):
        if naam not in os.environ["PAGINA"].split(","):
            continue
        c = Client()
        if persoon: c.force_login(persoon)
        c.get(url)
        with CaptureQueriesContext(connection) as q:
            c.get(url)
        print(f"\n==== {naam} {len(q)}")
        for x in q.captured_queries:
            print("  -", x["sql"][:230])

"""No export holds what the public may not see (QUALITY.md: privacy; bad input 24, 26, 27).

The world is the leak test's (``tests/wijkportaal/test_geen_lekken.py``): submitters with
names, email addresses, a telephone number and an address nobody else has, two of them
"anoniem", in text as typed, internal notes, non-public answers, advice and attachment
names. That test already requests every export signed out; this one reads each file
whole and also holds it to what is stricter for bulk files: not even the name of the
submitter who chose to appear by name, no internal text, no unpublished item.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from initiatieven.models import Onderwerp
from opendata.exports import DATASETS, FORMATEN
from tests.wijkportaal.test_geen_lekken import MET_NAAM, NOOIT, _geen_lek, _inhoud, wereld

pytestmark = pytest.mark.django_db

__all__ = ["wereld"]  # the leak test's world, used as a fixture here

#: Besides ``NOOIT``: what only officials or the submitter see.
OOK_NIET = [
    MET_NAAM["weergavenaam"],  # by name on the item page, but never in a bulk file
    "Gebeld met",  # internal notes (the title as typed holds the address: NOOIT)
    "Intern:",  # non-public answers
    "Indiener belde",  # advice to the alderman
    "foto van",  # an attachment's original file name
    "Concept ",  # a draft
    "Niet 06",  # an item its submitter asked to keep non-public
]


@pytest.mark.parametrize("formaat", FORMATEN)
@pytest.mark.parametrize("dataset", list(DATASETS))
def test_geen_persoonsgegevens_of_interne_tekst_in_exports(wereld, dataset, formaat):
    url = reverse("opendata:download", kwargs={"dataset": dataset, "formaat": formaat})
    response = Client().get(url)
    assert response.status_code == 200
    tekst = _inhoud(response)
    _geen_lek(tekst, url, ook=OOK_NIET, verboden=NOOIT)
    if formaat == "json":
        # Unescaped as a reader sees it (JSON may write é as \u00e9).
        rijen = json.loads(tekst[tekst.index("\n{") + 1 :])["rijen"]
        _geen_lek(json.dumps(rijen, ensure_ascii=False), url, ook=OOK_NIET, verboden=NOOIT)


def test_de_openbare_onderwerpen_staan_er_wel_in(wereld):
    # The check above proves something only if the files hold the world's public items.
    response = Client().get(
        reverse("opendata:download", kwargs={"dataset": "onderwerpen", "formaat": "json"})
    )
    tekst = _inhoud(response)
    rijen = json.loads(tekst[tekst.index("\n{") + 1 :])["rijen"]
    openbaar = Onderwerp.objects.openbaar()
    assert {r["id"] for r in rijen} == set(openbaar.values_list("pk", flat=True))
    assert len(rijen) > 10
    assert all(r["titel"].startswith("Bankje in de Molenwijk") for r in rijen)

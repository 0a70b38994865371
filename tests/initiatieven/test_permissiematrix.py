"""Role × URL × method, generated from ``initiatieven.urls``.

Every URL pattern of the app is resolved with a real object (a submitted, non-public item
of ward A, with an action and an attachment) and requested by every role with GET and
POST. Where a role is not allowed, the answer is a redirect to sign in, 403, 404 or 405,
and no row changes (row counts, the item's ``versie`` and status, the action). A pattern
added later without an entry in ``TOEGESTAAN`` fails the test, so nobody forgets it.
"""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from initiatieven import urls as initiatieven_urls
from initiatieven.keuzes import RolGemeente, Status
from initiatieven.models import Actie, Bericht, Bijlage, Onderwerp, Statuswijziging
from tests.initiatieven.factories import ActieFactory, OnderwerpFactory
from tests.permissiematrix import (
    ANONIEM,
    assert_geen_fouten,
    assert_volledig,
    beoordeel,
    dekking,
    gebruikers,
    gevallen,
    patronen,
    per_methode,
    per_patroon,
    rollen,
    stand,
    verschil,
    vraag,
)
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db

ROLLEN = rollen("indiener", "adviseur_ander", "wethouder_ander")
IEDEREEN = set(ROLLEN)
INGELOGD = IEDEREEN - {ANONIEM}
#: The item is submitted and not published: its ward's officials, college and griffie.
INTERN = {
    "adviseur_eigen",
    "opbouwwerker_eigen",
    "wethouder_eigen",
    "wethouder_ander",
    "collegelid",
    "griffie",
}
ZICHTBAAR = INTERN | {"indiener"}
WERKVOORRAAD = {"adviseur_eigen", "adviseur_ander", "opbouwwerker_eigen"}

#: URL name → (roles allowed to GET, roles allowed to POST); every other role is refused.
TOEGESTAAN = {
    "lijst": (IEDEREEN, set()),
    "onderwerp": (ZICHTBAAR, set()),
    "bijlage": (ZICHTBAAR, set()),
    # Following needs a published item; stopping is a no-op for those who may see it.
    "volgen": (set(), set()),
    "ontvolgen": (set(), ZICHTBAAR),
    "werkvoorraad": (WERKVOORRAAD, set()),
    "herbezien": (WERKVOORRAAD, set()),
    "wethouder": ({"wethouder_eigen", "wethouder_ander"}, set()),
    "triage": (INTERN, set()),
    "screenen": (set(), {"adviseur_eigen"}),
    "rol": (set(), {"adviseur_eigen"}),
    "stap": (set(), {"adviseur_eigen"}),
    "bericht": (set(), {"adviseur_eigen", "opbouwwerker_eigen"}),
    "actie_toevoegen": (set(), {"adviseur_eigen", "opbouwwerker_eigen"}),
    "actie_afvinken": (set(), {"adviseur_eigen", "opbouwwerker_eigen"}),
    # The resident's pages (another engineer's views): anyone signed in may submit.
    "initiatief_indienen": (INGELOGD, set()),
    "knelpunt_melden": (INGELOGD, set()),
    "mijn_inbreng": (INGELOGD, set()),
    "concept_bewerken": (set(), set()),
    "concept_verwijderen": (set(), set()),
    "bevestiging": (set(), set()),
    "intrekken": (set(), set()),
    # Up to the agenda. The alderman's and the griffie's own pages are checked here; the
    # proposal and decision URLs take an agenda item's pk, which this world does not make,
    # so here every role must get a refusal and change nothing. Who may act on a real
    # proposal or decision is walked in test_agenda.py (test_wie_een_agendapagina_opent,
    # test_verboden_posts_veranderen_niets).
    "agenderen": ({"wethouder_eigen", "wethouder_ander"}, set()),
    "agenda_griffie": ({"griffie"}, set()),
    "voorstel_accepteren": (set(), set()),
    "voorstel_verplaatsen": (set(), set()),
    "voorstel_teruggeven": (set(), set()),
    "besluit": (set(), set()),
}

#: (URL name, method) → roles whose answer is only checked for "no server error": the
#: submitter on their own item's resident pages (what they may do there is that flow's
#: own test), and an empty submission form (it answers with field errors).
VRIJ = {
    **{
        (naam, methode): {"indiener"}
        for naam in ("concept_bewerken", "concept_verwijderen", "bevestiging", "intrekken")
        for methode in ("get", "post")
    },
    ("initiatief_indienen", "post"): INGELOGD,
    ("knelpunt_melden", "post"): INGELOGD,
    ("agenderen", "post"): {"wethouder_eigen", "wethouder_ander"},
}

#: A valid POST for each of the officials' URLs, so a refusal is about the role, not input.
POST_DATA = {
    "screenen": lambda o: {"versie": o.versie, "openbaar": "ja", "publieke_titel": "Nieuw"},
    "rol": lambda o: {"versie": o.versie, "rol_gemeente": RolGemeente.FACILITEREN},
    "stap": lambda o: {"naar": Status.IN_BEHANDELING, "versie": o.versie},
    "bericht": lambda o: {"bericht-openbaar": "nee", "bericht-tekst": "Notitie"},
    "actie_toevoegen": lambda o: {"omschrijving": "Bellen", "eigenaar": "Wijkadviseur"},
    "actie_afvinken": lambda o: {"gedaan": "1"},
}

PATRONEN = patronen(initiatieven_urls)

#: The second object variant: the submitter's own draft. Only its submitter sees it,
#: edits it and throws it away; to everyone else (officials of its ward too) it is a 404,
#: and it is not yet an item to triage, confirm or withdraw. URL name → (GET, POST).
CONCEPT_TOEGESTAAN = {naam: (set(), set()) for naam, _regel in TOEGESTAAN.items()} | {
    "onderwerp": ({"indiener"}, set()),
    "concept_bewerken": ({"indiener"}, set()),
    "concept_verwijderen": ({"indiener"}, {"indiener"}),
    "ontvolgen": (set(), {"indiener"}),
}
#: (URL name, method) → roles only checked for "no server error" on the draft: the
#: submitter's own attachment, and saving their draft with an empty form (field errors).
CONCEPT_VRIJ = {
    ("bijlage", "get"): {"indiener"},
    ("concept_bewerken", "post"): {"indiener"},
}
#: The URLs that take the item (or its action, attachment) by id: those of the variant.
MET_ONDERWERP = [
    p for p in PATRONEN if p.pattern.converters and not p.name.startswith(("voorstel_", "besluit"))
]

#: What this matrix covers of the root URLconf, and how many cases it checks.
DEKT = dekking(PATRONEN, "initiatieven")
GEVALLEN = gevallen(ROLLEN, len(PATRONEN)) + gevallen(ROLLEN, len(MET_ONDERWERP))


def test_elk_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)


@pytest.fixture
def wereld(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    return {"wijk": wijk, "gebruikers": gebruikers(ROLLEN, wijk=wijk, ander=ander)}


def _objecten(wereld, **varianten):
    onderwerp = OnderwerpFactory(
        wijk=wereld["wijk"], indiener=wereld["gebruikers"]["indiener"], **varianten
    )
    actie = ActieFactory(onderwerp=onderwerp)
    bijlage = Bijlage.objects.create(
        onderwerp=onderwerp,
        bestand=ContentFile(b"%PDF-1.4 x", name="a1b2c3.pdf"),
        oorspronkelijke_naam="verslag.pdf",
        inhoudstype="application/pdf",
        grootte=10,
    )
    return onderwerp, actie, bijlage


def _url(patroon, onderwerp, actie, bijlage) -> str:
    kwargs = {}
    for naam in patroon.pattern.converters:
        if naam == "bijlage":
            kwargs[naam] = bijlage.pk
        elif patroon.name == "actie_afvinken":
            kwargs[naam] = actie.pk
        else:
            kwargs[naam] = onderwerp.pk
    return reverse(f"initiatieven:{patroon.name}", kwargs=kwargs)


def _stand():
    # Every row of the item and what hangs from it: versie, status, screening, actions.
    return stand(Onderwerp, Statuswijziging, Bericht, Actie, Bijlage)


@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode):
    toegestaan_get, toegestaan_post = TOEGESTAAN[patroon.name]
    toegestaan = toegestaan_get if methode == "get" else toegestaan_post
    fouten = []
    for rol in ROLLEN:
        onderwerp, actie, bijlage = _objecten(wereld)
        url = _url(patroon, onderwerp, actie, bijlage)
        data = POST_DATA.get(patroon.name, lambda o: {})(onderwerp)
        voor = _stand()
        response = vraag(wereld["gebruikers"][rol], methode, url, data)
        na = _stand()
        if rol in VRIJ.get((patroon.name, methode), ()):
            if response.status_code >= 500:
                fouten.append(f"{rol}: {response.status_code}")
            elif patroon.name in ("initiatief_indienen", "knelpunt_melden") and voor != na:
                fouten.append(f"{rol}: an empty form changed: {verschil(voor, na)}")
            continue
        verwacht = 200 if methode == "get" else 302
        fouten += beoordeel(
            rol, response, toegestaan=rol in toegestaan, voor=voor, na=na, verwacht=verwacht
        )
    assert_geen_fouten(fouten, methode, patroon.name)


@per_patroon(p for p in PATRONEN if p.name in POST_DATA)
def test_ander_wijk_item_niet_te_wijzigen(wereld, patroon):
    """QUALITY.md 8: the advisor of ward A changes nothing of a ward-B item."""
    ander = WijkFactory(met_staf=True)
    onderwerp = OnderwerpFactory(wijk=ander, openbaar_=True)
    actie = ActieFactory(onderwerp=onderwerp)
    url = _url(patroon, onderwerp, actie, None)
    voor = _stand()
    response = vraag(wereld["wijk"].wijkadviseur, "post", url, POST_DATA[patroon.name](onderwerp))
    assert response.status_code in (403, 404)
    assert _stand() == voor


@per_methode
@per_patroon(MET_ONDERWERP)
def test_matrix_concept(wereld, patroon, methode):
    """QUALITY.md 7: someone else's draft by id is a 404 to everyone but its submitter,
    and nothing changes."""
    toegestaan = CONCEPT_TOEGESTAAN[patroon.name][0 if methode == "get" else 1]
    fouten = []
    for rol in ROLLEN:
        onderwerp, actie, bijlage = _objecten(wereld, concept=True)
        url = _url(patroon, onderwerp, actie, bijlage)
        data = POST_DATA.get(patroon.name, lambda o: {})(onderwerp)
        voor = _stand()
        response = vraag(wereld["gebruikers"][rol], methode, url, data)
        na = _stand()
        if rol in CONCEPT_VRIJ.get((patroon.name, methode), ()):
            if response.status_code >= 500:
                fouten.append(f"{rol}: {response.status_code}")
            continue
        verwacht = 200 if methode == "get" else 302
        fouten += beoordeel(
            rol, response, toegestaan=rol in toegestaan, voor=voor, na=na, verwacht=verwacht
        )
    assert_geen_fouten(fouten, methode, f"{patroon.name} (concept)")

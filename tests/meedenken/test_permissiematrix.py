"""Role × URL × method for consultation questions, generated from ``meedenken.urls``.

Every URL is requested by every role with GET and POST on real objects of ward A (an
open question with public responses and a ward meeting, a draft, a closed question with
written feedback), with ward B's officials as strangers. A refused request gets a
redirect to sign in, 403, 404 or 405 and changes no row.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meedenken import urls as meedenken_urls
from meedenken.models import Aanmelding, Bijeenkomst, Inbreng, Meedenkvraag, Terugkoppeling
from tests.factories import GebruikerFactory
from tests.meedenken.factories import (
    BijeenkomstFactory,
    InbrengbijlageFactory,
    InbrengFactory,
    MeedenkvraagFactory,
    TerugkoppelingFactory,
    VraagbijlageFactory,
)
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
    vraag,
)
from tests.wijken.factories import BewonersgroepFactory, WijkFactory

pytestmark = pytest.mark.django_db

ROLLEN = rollen("groepscontact", "adviseur_ander", "wethouder_ander")
IEDEREEN = set(ROLLEN)
INGELOGD = IEDEREEN - {ANONIEM}
#: Who may ask ward A and manage its questions.
BEHEER = {"adviseur_eigen", "wethouder_eigen", "collegelid"}
#: Who may read every response: ward A's officials, the college (aldermen) and the griffie.
INTERN = BEHEER | {"opbouwwerker_eigen", "wethouder_ander", "griffie"}
#: Who may open the form for a new question (each for their own wards).
VRAGERS = BEHEER | {"adviseur_ander", "wethouder_ander"}

#: URL name → (roles allowed to GET, roles allowed to POST).
TOEGESTAAN = {
    "lijst": (IEDEREEN, set()),
    "vraag": (IEDEREEN, set()),
    "nieuw": (VRAGERS, VRAGERS),
    "reageren": (INGELOGD, INGELOGD),
    "bewerken": (BEHEER, BEHEER),
    "publiceren": (set(), BEHEER),
    "inbreng": (INTERN, BEHEER),
    "bijeenkomst": (BEHEER, BEHEER),
    "aanmelden": (set(), INGELOGD),
    "terugkoppeling": (BEHEER, BEHEER),
    "terugkoppeling_publiceren": (set(), BEHEER),
    # The open question's attachment is public with it; a draft's: tests below.
    "vraagbijlage": (IEDEREEN, set()),
    # A response not (yet) public: its respondent (tested below) and who reads every
    # response.
    "inbrengbijlage": (INTERN, set()),
}

PATRONEN = patronen(meedenken_urls, namen=TOEGESTAAN)
DEKT = dekking(PATRONEN, "meedenken")
GEVALLEN = gevallen(ROLLEN, len(PATRONEN))


def test_elk_patroon_staat_in_de_matrix():
    assert_volledig(PATRONEN, TOEGESTAAN)


@pytest.fixture
def wereld():
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    contact = GebruikerFactory()
    BewonersgroepFactory(wijk=wijk, contactpersonen=[contact])
    open_ = MeedenkvraagFactory(wijken=[wijk], reacties_openbaar=True, opties=["Ja", "Nee"])
    BijeenkomstFactory(vraag=open_)
    inbreng = InbrengFactory(vraag=open_)
    vraagbijlage = VraagbijlageFactory(vraag=open_)
    InbrengbijlageFactory(inbreng=inbreng)
    concept = MeedenkvraagFactory(wijken=[wijk], concept=True)
    gesloten = MeedenkvraagFactory(wijken=[wijk], gesloten=True)
    TerugkoppelingFactory(vraag=gesloten)
    return {
        "wijk": wijk,
        "open": open_,
        "concept": concept,
        "gesloten": gesloten,
        "inbreng": inbreng,
        "vraagbijlage": vraagbijlage,
        "gebruikers": gebruikers(ROLLEN, wijk=wijk, ander=ander, groepscontact=contact),
    }


def _stand():
    return stand(
        Meedenkvraag.objects.values_list("pk", "titel", "gepubliceerd_op", "versie"),
        Inbreng.objects.values_list("pk", "tekst", "beoordeling"),
        Aanmelding.objects.values_list("pk", "gebruiker_id"),
        Bijeenkomst.objects.values_list("pk", "plaats"),
        Terugkoppeling.objects.values_list("pk", "samenvatting", "gepubliceerd_op"),
    )


def _moment(dagen):
    return timezone.localtime(timezone.now() + datetime.timedelta(days=dagen)).strftime(
        "%Y-%m-%dT%H:%M"
    )


def _vraaggegevens(wereld):
    vraag_ = wereld["open"]
    return {
        "titel": "Nieuwe titel",
        "vraag": "Wat vindt u?",
        "achtergrond": "Achtergrond.",
        "thema": vraag_.thema_id,
        "wijken": [wereld["wijk"].pk],
        "open_vanaf": _moment(-1),
        "sluit_op": _moment(20),
        "terugkoppeling_voor": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
        "open_reacties": "on",
        "opties": "Ja\nNee",
    }


def _doel(naam, wereld) -> tuple[str, dict]:
    w = wereld
    welke = {"publiceren": "concept", "terugkoppeling": "gesloten"}.get(naam, "open")
    if naam == "terugkoppeling_publiceren":
        welke = "gesloten"
    data = {
        "nieuw": _vraaggegevens(w),
        "bewerken": _vraaggegevens(w),
        "reageren": {"tekst": "Mijn mening", "keuzes": w["open"].opties.first().pk},
        "inbreng": {"inbreng": w["inbreng"].pk, "actie": "openbaar"},
        "bijeenkomst": {"begint": _moment(3), "eindigt": _moment(4), "plaats": "Buurthuis"},
        "terugkoppeling": {"samenvatting": "S2", "besluit": "B", "waarom": "W"},
    }.get(naam, {})
    kwargs = {} if naam in ("lijst", "nieuw") else {"pk": w[welke].pk}
    if naam == "vraagbijlage":
        kwargs["bijlage"] = w["vraagbijlage"].pk
    if naam == "inbrengbijlage":
        kwargs["inbreng"] = w["inbreng"].pk
    return reverse(f"meedenken:{naam}", kwargs=kwargs), data


@per_methode
@per_patroon(PATRONEN)
def test_matrix(wereld, patroon, methode):
    toegestaan = TOEGESTAAN[patroon.name][0 if methode == "get" else 1]
    url, data = _doel(patroon.name, wereld)
    fouten = []
    for rol in ROLLEN:
        gebruiker = wereld["gebruikers"][rol]
        voor = _stand()
        response = vraag(gebruiker, methode, url, data)
        na = _stand()
        if methode == "get":
            verwacht = 200
        elif patroon.name == "nieuw" and rol.endswith("_ander"):
            # Their own wards only: ward A is not offered, so the form comes back.
            verwacht = 400
        else:
            verwacht = 302
        fouten += beoordeel(
            rol, response, toegestaan=rol in toegestaan, voor=voor, na=na, verwacht=verwacht
        )
    assert_geen_fouten(fouten, methode, patroon.name)


def test_concept_alleen_voor_wie_het_beheert(wereld):
    url = reverse("meedenken:vraag", kwargs={"pk": wereld["concept"].pk})
    for rol in ROLLEN:
        status = vraag(wereld["gebruikers"][rol], "get", url).status_code
        assert status == (200 if rol in BEHEER else 404), rol


def test_nieuwe_vraag_alleen_door_eigen_functionarissen(wereld):
    for rol in VRAGERS:
        Meedenkvraag.objects.filter(titel="Nieuwe titel").delete()
        vraag(wereld["gebruikers"][rol], "post", *_doel("nieuw", wereld))
        gemaakt = Meedenkvraag.objects.filter(titel="Nieuwe titel", wijken=wereld["wijk"])
        assert gemaakt.exists() == (rol in BEHEER), rol


def test_bijlage_van_een_concept_alleen_voor_wie_het_beheert(wereld):
    bijlage = VraagbijlageFactory(vraag=wereld["concept"])
    url = reverse(
        "meedenken:vraagbijlage", kwargs={"pk": wereld["concept"].pk, "bijlage": bijlage.pk}
    )
    for rol in ROLLEN:
        status = vraag(wereld["gebruikers"][rol], "get", url).status_code
        assert status == (200 if rol in BEHEER else 404), rol


def test_bijlage_van_inbreng_ook_voor_wie_reageerde_en_openbaar_voor_iedereen(wereld):
    inbreng = wereld["inbreng"]
    url = reverse(
        "meedenken:inbrengbijlage", kwargs={"pk": inbreng.vraag_id, "inbreng": inbreng.pk}
    )
    assert vraag(inbreng.gebruiker, "get", url).status_code == 200
    Inbreng.objects.filter(pk=inbreng.pk).update(beoordeling="openbaar")
    for rol in ROLLEN:
        assert vraag(wereld["gebruikers"][rol], "get", url).status_code == 200, rol


def test_bijlage_onder_een_andere_vraag_bestaat_niet(wereld):
    """The ids must belong together: another question's id in the path is a 404."""
    adviseur = wereld["gebruikers"]["adviseur_eigen"]
    inbreng, ander = wereld["inbreng"], wereld["gesloten"]
    paden = [
        reverse(
            "meedenken:vraagbijlage", kwargs={"pk": ander.pk, "bijlage": wereld["vraagbijlage"].pk}
        ),
        reverse("meedenken:inbrengbijlage", kwargs={"pk": ander.pk, "inbreng": inbreng.pk}),
    ]
    for pad in paden:
        assert vraag(adviseur, "get", pad).status_code == 404, pad

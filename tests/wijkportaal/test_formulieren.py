"""Every form of the portal, sent with mistakes: what a person (and their screen reader)
gets back.

Each form page is posted with invalid input and the answer is read with an HTML parser:

- an error summary (``includes/foutensamenvatting.html``) comes before the form's fields,
  and each of its links points at a control on the page;
- every control marked ``aria-invalid`` is linked from the summary, and is described
  (``aria-describedby``, on itself or its fieldset) by an element that holds its error;
- every required control says so in words in its label or legend, "(verplicht)", not
  only with an asterisk;
- personal fields carry ``autocomplete``: the person's own name, email address, password
  and one-time code their token; names and addresses of *other* people, typed by staff,
  ``off``.

The list of form pages is checked against the URLconf: every URL whose view accepts POST
is either here or in :data:`ZONDER_INVOER` with the reason it has nothing to get wrong,
so a form added later without an entry fails :func:`test_elke_formulierpagina_staat_erin`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from initiatieven import agenda
from initiatieven.keuzes import Status
from tests.contacten.factories import (
    AgendapuntFactory,
    BezoekFactory,
    CollegeperiodeFactory,
    ContactmomentFactory,
    VergaderingFactory,
)
from tests.factories import WACHTWOORD, GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.meedenken.factories import MeedenkvraagFactory
from tests.wijken.factories import (
    BestuursfunctieFactory,
    BewonersgroepFactory,
    BuurtFactory,
    WijkFactory,
    WijkprofessionalFactory,
)

pytestmark = pytest.mark.django_db

VERPLICHT = "(verplicht)"  # the page's language is Dutch unless the visitor chose English


# --- a small DOM ------------------------------------------------------------------------------

_LEEG = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass(eq=False)
class Knoop:
    tag: str
    attrs: dict
    ouder: "Knoop | None" = None
    kinderen: list = field(default_factory=list)
    tekstdelen: list = field(default_factory=list)

    @property
    def tekst(self) -> str:
        delen = list(self.tekstdelen)
        for kind in self.kinderen:
            delen.append(kind.tekst)
        return " ".join(" ".join(delen).split())

    def voorouders(self):
        knoop = self.ouder
        while knoop is not None:
            yield knoop
            knoop = knoop.ouder


class _Bouwer(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.wortel = Knoop("#document", {})
        self.huidig = self.wortel
        self.alle: list[Knoop] = []  # in document order

    def handle_starttag(self, tag, attrs):
        knoop = Knoop(tag, {k: v or "" for k, v in attrs}, self.huidig)
        self.huidig.kinderen.append(knoop)
        self.alle.append(knoop)
        if tag not in _LEEG:
            self.huidig = knoop

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _LEEG:
            self.huidig = self.huidig.ouder

    def handle_endtag(self, tag):
        knoop = self.huidig
        while knoop is not None and knoop.tag != tag:
            knoop = knoop.ouder
        if knoop is not None and knoop.ouder is not None:
            self.huidig = knoop.ouder

    def handle_data(self, data):
        self.huidig.tekstdelen.append(data)


def ontleed(html: str) -> list[Knoop]:
    bouwer = _Bouwer()
    bouwer.feed(html)
    return bouwer.alle


def _bedieningen(knopen) -> list[Knoop]:
    """The controls a person fills in: no hidden fields, no buttons."""
    return [
        k
        for k in knopen
        if k.tag in ("select", "textarea")
        or (k.tag == "input" and k.attrs.get("type") not in ("hidden", "submit", "button"))
    ]


# --- the checks -------------------------------------------------------------------------------

#: Field name → the autocomplete token for the person's *own* data.
EIGEN_GEGEVENS = {
    "weergavenaam": {"name"},
    "email": {"email"},
    "login": {"email", "username"},
    "password": {"current-password"},
    "oldpassword": {"current-password"},
    "password1": {"new-password"},
    "password2": {"new-password"},
    "code": {"one-time-code"},
}
#: Fields about someone else (a board member, a professional, a resident in the log).
ANDERMANS_GEGEVENS = {"naam", "email", "telefoon", "bewoner"}


def problemen(html: str, *, andermans: bool = False) -> list[str]:
    """What is wrong with a form page that shows errors; empty when nothing is."""
    knopen = ontleed(html)
    op_id = {k.attrs["id"]: k for k in knopen if "id" in k.attrs}
    fout = []

    samenvatting = op_id.get("foutensamenvatting")
    if samenvatting is None:
        return ["no error summary (#foutensamenvatting)"]
    links = [
        k.attrs.get("href", "") for k in knopen if k.tag == "a" and samenvatting in k.voorouders()
    ]
    meldingen = [k.tekst for k in knopen if k.tag == "li" and samenvatting in k.voorouders()]
    if not meldingen:
        fout.append("the summary lists no error")
    bedieningen = _bedieningen(knopen)
    ongeldig = [k for k in bedieningen if k.attrs.get("aria-invalid") == "true"]
    if ongeldig and knopen.index(samenvatting) > knopen.index(ongeldig[0]):
        fout.append("the summary comes after the first field with an error")
    for href in links:
        doel = op_id.get(href.removeprefix("#")) if href.startswith("#") else None
        if doel is None or doel not in bedieningen:
            fout.append(f"summary link {href!r} does not point at a control")
    gelinkt = {href.removeprefix("#") for href in links}
    namen_gelinkt = {op_id[i].attrs.get("name") for i in gelinkt if i in op_id}

    for k in ongeldig:
        naam = k.attrs.get("name", "")
        if k.attrs.get("id") not in gelinkt and naam not in namen_gelinkt:
            fout.append(f"field {naam!r} is invalid but not in the summary")
        beschreven = k.attrs.get("aria-describedby", "")
        for voorouder in k.voorouders():
            if voorouder.tag == "fieldset" and voorouder.attrs.get("aria-describedby"):
                beschreven += " " + voorouder.attrs["aria-describedby"]
        teksten = [op_id[i].tekst for i in beschreven.split() if i in op_id]
        if not any(t and any(t in regel for regel in meldingen) for t in teksten):
            fout.append(f"field {naam!r} is invalid but not described by its error")

    labels = {k.attrs.get("for"): k for k in knopen if k.tag == "label"}
    for k in bedieningen:
        if "required" not in k.attrs:
            continue
        label = labels.get(k.attrs.get("id"))
        if k.attrs.get("type") == "radio" or label is None:
            # A choice among options: its group's legend names the question.
            fieldset = next((v for v in k.voorouders() if v.tag == "fieldset"), None)
            legends = [c for c in fieldset.kinderen if c.tag == "legend"] if fieldset else []
            teksten = [legend.tekst for legend in legends[:1]]
        else:
            teksten = [label.tekst]
        if not any(VERPLICHT in t for t in teksten):
            fout.append(f"required field {k.attrs.get('name')!r} is not marked {VERPLICHT}")

    for k in bedieningen:
        naam, soort = k.attrs.get("name", ""), k.attrs.get("type", "")
        if soort in ("radio", "checkbox", "file"):
            continue  # choices, not text a browser could fill in
        token = k.attrs.get("autocomplete")
        if andermans and (naam in ANDERMANS_GEGEVENS or soort in ("email", "tel")):
            if token != "off":
                fout.append(f"someone else's {naam!r} has autocomplete={token!r}, not 'off'")
        elif naam in EIGEN_GEGEVENS or soort in ("email", "tel", "password"):
            verwacht = EIGEN_GEGEVENS.get(
                naam, {"email", "tel", "current-password", "new-password"}
            )
            if token not in verwacht:
                fout.append(f"own {naam!r} has autocomplete={token!r}, expected {sorted(verwacht)}")
    return fout


# --- the form pages ---------------------------------------------------------------------------


@pytest.fixture
def w(db):
    """One ward with its officials, a resident with items, and one of everything a form
    works on."""
    CollegeperiodeFactory()
    wijk = WijkFactory(met_staf=True)
    buurt = BuurtFactory(wijk=wijk)
    ThemaFactory(naam="Groen en spelen")
    bewoner = GebruikerFactory()
    groep = BewonersgroepFactory(wijk=wijk, wijkraad=True, contactpersonen=[bewoner])
    escalatie = OnderwerpFactory(wijk=wijk, status=Status.BIJ_WIJKWETHOUDER, openbaar=True)
    vergadering = VergaderingFactory()
    return {
        "wijk": wijk,
        "buurt": buurt,
        "bewoner": bewoner,
        "adviseur": wijk.wijkadviseur,
        "wethouder": wijk.wijkwethouder,
        "griffie": GebruikerFactory(griffie=True, tweede_factor=True),
        "groep": groep,
        "gestopt": BewonersgroepFactory(wijk=wijk, gestopt=True),
        "functie": BestuursfunctieFactory(groep=groep),
        "vacature": BestuursfunctieFactory(groep=BewonersgroepFactory(wijk=wijk), vacant=True),
        "professional": WijkprofessionalFactory(wijk=wijk),
        "onderwerp": OnderwerpFactory(wijk=wijk, indiener=bewoner, status=Status.IN_BEHANDELING),
        "concept": OnderwerpFactory(wijk=wijk, indiener=bewoner, concept=True),
        "escalatie": escalatie,
        "vergadering": vergadering,
        "voorstel": agenda.agenda_voorstellen(
            door=wijk.wijkwethouder,
            onderwerpen=[OnderwerpFactory(wijk=wijk, status=Status.BIJ_WIJKWETHOUDER)],
            vergadering=vergadering,
            titel="Verkeersveiligheid",
            toelichting="Meerdere meldingen over te hard rijden.",
        ),
        "agendapunt": AgendapuntFactory(vergadering=vergadering),
        "bezoek": BezoekFactory(wijk=wijk),
        "gehouden": BezoekFactory(
            wijk=wijk, werkbezoek=True, datum=timezone.localdate() - datetime.timedelta(days=2)
        ),
        "contactmoment": ContactmomentFactory(wijk=wijk, groep=groep),
        "vraag": MeedenkvraagFactory(
            wijken=[wijk], opties=["Bomen", "Bankjes"], reacties_openbaar=True
        ),
        "gesloten_vraag": MeedenkvraagFactory(wijken=[wijk], gesloten=True),
    }


@dataclass(frozen=True)
class Formulier:
    """How to get a form page back with errors: who posts, where, and what."""

    wie: Callable  # w -> the person, or None for a visitor
    url: Callable  # w -> the URL
    data: Callable = lambda w: {}  # noqa: E731 - w -> the (invalid) POST data
    andermans: bool = False  # its personal fields are about someone else
    herbevestigen: bool = False  # the page asks for the password again first


def _r(naam, *sleutels):
    """w -> reverse(naam) with the pks (or a ward's code) of the objects under ``sleutels``."""

    def url(w):
        args = []
        for sleutel in sleutels:
            obj = w[sleutel]
            args.append(obj.code if sleutel == "wijk" else obj.pk)
        return reverse(naam, args=args)

    return url


def _wie(sleutel):
    return lambda w: w[sleutel]


BEWONER, ADVISEUR, WETHOUDER, GRIFFIE = (
    _wie("bewoner"),
    _wie("adviseur"),
    _wie("wethouder"),
    _wie("griffie"),
)


def _stap(naar):
    return lambda w: {"naar": naar, "versie": w["onderwerp"].versie}


#: URL name → how to send its form with mistakes.
FORMULIEREN: dict[str, Formulier] = {
    # Residents
    "initiatieven:initiatief_indienen": Formulier(
        BEWONER, _r("initiatieven:initiatief_indienen"), lambda w: {"actie": "indienen"}
    ),
    "initiatieven:knelpunt_melden": Formulier(
        BEWONER, _r("initiatieven:knelpunt_melden"), lambda w: {"actie": "indienen"}
    ),
    "initiatieven:concept_bewerken": Formulier(
        BEWONER, _r("initiatieven:concept_bewerken", "concept"), lambda w: {"actie": "indienen"}
    ),
    "wijken:interesse": Formulier(
        BEWONER, _r("wijken:interesse", "vacature"), lambda w: {"bericht": "x" * 3000}
    ),
    "wijken:volgen": Formulier(BEWONER, _r("wijken:volgen", "wijk"), lambda w: {"frequentie": "?"}),
    "mijngegevens:naam_wijzigen": Formulier(BEWONER, _r("mijngegevens:naam_wijzigen")),
    "mijngegevens:verwijderen": Formulier(BEWONER, _r("mijngegevens:verwijderen")),
    # The ward's officials
    "initiatieven:screenen": Formulier(
        ADVISEUR,
        _r("initiatieven:screenen", "onderwerp"),
        lambda w: {"versie": w["onderwerp"].versie},
    ),
    "initiatieven:rol": Formulier(
        ADVISEUR, _r("initiatieven:rol", "onderwerp"), lambda w: {"versie": w["onderwerp"].versie}
    ),
    "initiatieven:stap": Formulier(
        ADVISEUR, _r("initiatieven:stap", "onderwerp"), _stap(Status.AFGEROND)
    ),
    "initiatieven:bericht": Formulier(ADVISEUR, _r("initiatieven:bericht", "onderwerp")),
    "initiatieven:actie_toevoegen": Formulier(
        ADVISEUR, _r("initiatieven:actie_toevoegen", "onderwerp")
    ),
    "wijken:groep_nieuw": Formulier(ADVISEUR, _r("wijken:groep_nieuw", "wijk"), andermans=True),
    "wijken:groep_bewerken": Formulier(
        ADVISEUR, _r("wijken:groep_bewerken", "groep"), andermans=True
    ),
    "wijken:wijkraad_status": Formulier(ADVISEUR, _r("wijken:wijkraad_status", "groep")),
    "wijken:terugvalregeling": Formulier(ADVISEUR, _r("wijken:terugvalregeling", "gestopt")),
    "wijken:professional_nieuw": Formulier(
        ADVISEUR, _r("wijken:professional_nieuw", "wijk"), andermans=True
    ),
    "wijken:professional_bewerken": Formulier(
        ADVISEUR, _r("wijken:professional_bewerken", "professional"), andermans=True
    ),
    "wijken:functie_nieuw": Formulier(
        BEWONER, _r("wijken:functie_nieuw", "groep"), lambda w: {"bezetting": "bezet"}, True
    ),
    "wijken:functie_bewerken": Formulier(
        BEWONER, _r("wijken:functie_bewerken", "functie"), lambda w: {"bezetting": "bezet"}, True
    ),
    "contactmomenten:nieuw": Formulier(
        ADVISEUR,
        lambda w: reverse("contactmomenten:nieuw") + f"?wijk={w['wijk'].code}",
        andermans=True,
    ),
    "contactmomenten:bewerken": Formulier(
        ADVISEUR, _r("contactmomenten:bewerken", "contactmoment"), andermans=True
    ),
    # Visits
    "bezoeken:plannen": Formulier(
        ADVISEUR, lambda w: reverse("bezoeken:plannen") + f"?wijk={w['wijk'].code}"
    ),
    "bezoeken:bewerken": Formulier(ADVISEUR, _r("bezoeken:bewerken", "bezoek")),
    "bezoeken:annuleren": Formulier(ADVISEUR, _r("bezoeken:annuleren", "bezoek")),
    "bezoeken:verslag": Formulier(ADVISEUR, _r("bezoeken:verslag", "gehouden")),
    "bezoeken:actie_toevoegen": Formulier(ADVISEUR, _r("bezoeken:actie_toevoegen", "gehouden")),
    # Up to the agenda
    "initiatieven:agenderen": Formulier(WETHOUDER, _r("initiatieven:agenderen")),
    "initiatieven:voorstel_verplaatsen": Formulier(
        GRIFFIE, _r("initiatieven:voorstel_verplaatsen", "voorstel")
    ),
    "initiatieven:voorstel_teruggeven": Formulier(
        GRIFFIE, _r("initiatieven:voorstel_teruggeven", "voorstel")
    ),
    "initiatieven:besluit": Formulier(GRIFFIE, _r("initiatieven:besluit", "agendapunt")),
    "contacten:vergadering_nieuw": Formulier(GRIFFIE, _r("contacten:vergadering_nieuw")),
    "contacten:vergadering_bewerken": Formulier(
        GRIFFIE, _r("contacten:vergadering_bewerken", "vergadering")
    ),
    "contacten:agendapunt_nieuw": Formulier(
        GRIFFIE, _r("contacten:agendapunt_nieuw", "vergadering")
    ),
    "contacten:agendapunt_bewerken": Formulier(
        GRIFFIE, _r("contacten:agendapunt_bewerken", "agendapunt")
    ),
    # Questions to the ward
    "meedenken:reageren": Formulier(BEWONER, _r("meedenken:reageren", "vraag")),
    "meedenken:nieuw": Formulier(ADVISEUR, _r("meedenken:nieuw"), lambda w: {"titel": " "}),
    "meedenken:bewerken": Formulier(
        ADVISEUR, _r("meedenken:bewerken", "vraag"), lambda w: {"sluit_op": "morgen"}
    ),
    "meedenken:inbreng": Formulier(
        ADVISEUR, _r("meedenken:inbreng", "vraag"), lambda w: {"inbreng": "x", "actie": "?"}
    ),
    "meedenken:bijeenkomst": Formulier(
        ADVISEUR, _r("meedenken:bijeenkomst", "vraag"), lambda w: {"max_deelnemers": "0"}
    ),
    "meedenken:terugkoppeling": Formulier(
        ADVISEUR, _r("meedenken:terugkoppeling", "gesloten_vraag")
    ),
    # Accounts (allauth, in the portal's templates)
    "account_login": Formulier(
        lambda w: None,
        _r("account_login"),
        lambda w: {"login": "niemand@example.test", "password": "onjuist-wachtwoord"},
    ),
    "account_signup": Formulier(lambda w: None, _r("account_signup")),
    "account_reset_password": Formulier(
        lambda w: None, _r("account_reset_password"), lambda w: {"email": "geen-adres"}
    ),
    "account_reauthenticate": Formulier(
        BEWONER, _r("account_reauthenticate"), lambda w: {"password": "onjuist-wachtwoord"}
    ),
    "account_email": Formulier(
        BEWONER, _r("account_email"), lambda w: {"action_add": "", "email": "geen-adres"}
    ),
    "account_change_password": Formulier(BEWONER, _r("account_change_password")),
    "mfa_activate_totp": Formulier(
        BEWONER, _r("mfa_activate_totp"), lambda w: {"code": "000000"}, herbevestigen=True
    ),
    "mfa_reauthenticate": Formulier(ADVISEUR, _r("mfa_reauthenticate"), lambda w: {"code": "1"}),
}

#: URL names whose POST has nothing a person types or chooses: a button (with hidden
#: fields), so there is no error to summarise. The reason says which.
ZONDER_INVOER: dict[str, str] = {
    "wijken:ontvolgen": "one button: stop following",
    "initiatieven:volgen": "one button: follow this item",
    "initiatieven:ontvolgen": "one button: stop following this item",
    "wijken:afmelden": "one button: unsubscribe with the signed link",
    "wijken:professional_verwijderen": "confirmation button",
    "wijken:functie_verwijderen": "confirmation button",
    "initiatieven:concept_verwijderen": "confirmation button",
    "initiatieven:intrekken": "confirmation button (a stale version is a conflict message)",
    "initiatieven:actie_afvinken": "one button per action",
    "initiatieven:voorstel_accepteren": "one button per proposal",
    "contacten:vergadering_status": "one button per state (publish, held)",
    "contacten:agendapunt_verschuiven": "up and down buttons",
    "contacten:toezegging_status": "one button per state",
    "contactmomenten:vervolg": "one button: follow-up done",
    "bezoeken:actie_afvinken": "one button per action",
    "account_logout": "one button",
    "account_confirm_email": "one button: confirm the address in the link",
    "account_set_password": "only for accounts without a password; every account has one",
    "account_confirm_login_code": "sign-in by code is switched off",
    "account_reset_password_from_key": "the same fields as changing the password",
    "mfa_authenticate": "the same code field as mfa_reauthenticate, in the sign-in flow",
    "mfa_deactivate_totp": "confirmation button",
    "mfa_generate_recovery_codes": "confirmation button",
    "usersessions_list": "one button: end the other sessions",
    "account_email_verification_sent": "a page that says the email is on its way",
    "set_language": "the language choice submits a menu of two languages, no input",
    "opendata:open311_requests": "a machine API (Open311 POST with a key), not an HTML form",
    "meedenken:publiceren": "confirmation button",
    "meedenken:terugkoppeling_publiceren": "confirmation button",
    "meedenken:aanmelden": "one button: register for the meeting, or cancel",
}


def _patronen(resolver=None, namespace=""):
    for patroon in (resolver or get_resolver()).url_patterns:
        if isinstance(patroon, URLResolver):
            if patroon.namespace == "admin":
                continue  # Django's own admin, with its own forms
            ns = f"{namespace}{patroon.namespace}:" if patroon.namespace else namespace
            yield from _patronen(patroon, ns)
        elif isinstance(patroon, URLPattern) and patroon.name:
            yield f"{namespace}{patroon.name}", patroon.callback


def _neemt_post_aan(view) -> bool:
    """Whether the view answers POST: from a class-based view's handlers, or the method
    list of ``require_http_methods`` (``require_POST`` etc.) somewhere in its decorators."""
    klasse = getattr(view, "view_class", None)
    if klasse is not None:
        return hasattr(klasse, "post") and "post" in klasse.http_method_names
    functie = view
    while functie is not None:
        vrij = functie.__code__.co_freevars
        if functie.__closure__ and "request_method_list" in vrij:
            methoden = functie.__closure__[vrij.index("request_method_list")].cell_contents
            return "POST" in methoden
        functie = getattr(functie, "__wrapped__", None)
    return True  # no method restriction at all: it takes POST


def test_elke_formulierpagina_staat_erin():
    met_post = {naam for naam, view in _patronen() if _neemt_post_aan(view)}
    gekend = set(FORMULIEREN) | set(ZONDER_INVOER)
    assert not set(FORMULIEREN) & set(ZONDER_INVOER)
    assert not met_post - gekend, f"form pages without an entry: {sorted(met_post - gekend)}"
    assert not gekend - met_post, f"entries of URLs that take no POST: {sorted(gekend - met_post)}"


@pytest.mark.parametrize("naam", sorted(FORMULIEREN))
def test_formulier_met_fouten(w, naam):
    formulier = FORMULIEREN[naam]
    client = Client()
    gebruiker = formulier.wie(w)
    if gebruiker is not None:
        client.force_login(gebruiker)
    if formulier.herbevestigen:
        client.post(reverse("account_reauthenticate"), {"password": WACHTWOORD})
    # A browser always sends the CSRF token, so a form sent empty is still a non-empty
    # POST (views test ``request.POST or None``); the test client does not check it.
    data = {"csrfmiddlewaretoken": "x", **formulier.data(w)}
    response = client.post(formulier.url(w), data)
    assert response.status_code in (200, 400, 409, 429), (
        f"{naam}: {response.status_code} {response.get('Location', '')}"
    )
    gevonden = problemen(response.content.decode(), andermans=formulier.andermans)
    assert not gevonden, f"{naam}:\n" + "\n".join(gevonden)

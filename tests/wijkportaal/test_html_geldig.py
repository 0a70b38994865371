"""Valid HTML on every page: the portal's pages, as the people who see them, through vnu.

One data set (``tests/wijkportaal/gemeente.py``), every page reachable in it rendered with
the test client as a role that sees it, forms empty and sent back with errors, the
account pages and the error pages; then all documents go to the validator in one run
(``tests/html.py``). The end of the run says how many documents were validated.
"""

import io
import re
from collections import Counter
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve, reverse

from contacten.models import Agendapunt, AgendapuntStatus, Bezoek, Contactmoment, Gebruiker
from initiatieven import agenda, services
from initiatieven.keuzes import Status
from tests import figures
from tests.contacten.factories import BezoekFactory, ToezeggingFactory, VergaderingFactory
from tests.e2e.hulp import totp_code
from tests.factories import WACHTWOORD, GebruikerFactory
from tests.html import assert_geldige_html, html_fouten, vereis_validator
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import (
    BestuursfunctieFactory,
    BewonersgroepFactory,
    BuurtFactory,
    TerugvalregelingFactory,
    TerugvalTaakFactory,
    WijkFactory,
    WijkprofessionalFactory,
)
from tests.wijkportaal.gemeente import gemeente, vul
from wijken import services as wijken_services
from wijken import volgen
from wijken.models import Berichtfrequentie, Bestuursfunctie, Bewonersgroep, Volger, WijkraadStatus
from wijken.views import WIJKEN_PER_PAGINA
from wijken.volgen import afmeldtoken
from wijkportaal import views

pytestmark = pytest.mark.django_db

#: Long, awkward user text: shown escaped, it must not break the markup.
LASTIG = '<b>"Moestuin" & <script>alert(1)</script> ‮ \U0001f333 ' + "lang " * 60


class Bezoeker:
    """One test client per person, signed in once; collects the documents it gets."""

    def __init__(self):
        self._clients: dict[object, Client] = {}
        self.documenten: dict[str, str] = {}
        self.problemen: list[str] = []

    def client(self, persoon) -> Client:
        if persoon not in self._clients:
            c = Client()
            if persoon is not None:
                c.force_login(persoon)
            self._clients[persoon] = c
        return self._clients[persoon]

    def neem(self, naam: str, response, status: int = 200) -> None:
        # Collected rather than asserted, so one run shows every page that went wrong.
        if response.status_code != status or "text/html" not in response["Content-Type"]:
            naar = response.get("Location", "")
            self.problemen.append(f"{naam}: {response.status_code} {naar}".rstrip())
            return
        self.documenten[naam] = response.content.decode()

    def get(self, naam: str, url: str, persoon=None, *, status: int = 200) -> None:
        self.neem(f"{naam} [GET {url}]", self.client(persoon).get(url), status)

    def post(self, naam: str, url: str, persoon=None, data=None, *, status: int = 200) -> None:
        # An empty POST would leave ``Form(request.POST or None)`` unbound: send a field of
        # no form, so the form is bound and its required fields are missing.
        data = data or {"leeg": ""}
        self.neem(f"{naam} [POST {url}]", self.client(persoon).post(url, data), status)


def _wereld():
    g = gemeente()
    vul(g, 1)
    wijk = g.wijk
    # What the data set leaves out: a ward council with a board and a vacancy, a
    # professional, a commitment, a draft of the resident's, an item with awkward text.
    raad = BewonersgroepFactory(wijk=wijk, wijkraad=True, beschrijving=LASTIG)
    BestuursfunctieFactory(groep=raad)
    BestuursfunctieFactory(groep=raad, vacant=True)
    WijkprofessionalFactory(wijk=wijk)
    ToezeggingFactory(besluit__agendapunt__vergadering=g.vergadering, wijk=wijk)
    lastig = OnderwerpFactory(
        wijk=wijk,
        thema=g.thema,
        indiener=g.bewoner,
        openbaar_=True,
        status=Status.IN_BEHANDELING,
        titel="Lastig " + LASTIG[:80],
        beschrijving=LASTIG,
    )
    # More than a page of everything that is paged (20 on the public list, 10 of each
    # kind in "my contributions"), so the page navigation is on the pages too.
    OnderwerpFactory.create_batch(
        21, wijk=wijk, thema=g.thema, indiener=g.bewoner, openbaar_=True, te_laat=True
    )
    OnderwerpFactory.create_batch(11, wijk=wijk, indiener=g.bewoner, concept=True)
    return g, raad, lastig


def _paginas(b: Bezoeker, g, raad, lastig) -> None:
    wijk = g.wijk
    adviseur, wethouder, opbouwwerker = wijk.wijkadviseur, wijk.wijkwethouder, wijk.opbouwwerker
    beheerder = GebruikerFactory(beheerder=True, tweede_factor=True)
    bewoner = g.bewoner
    onderwerp = g.onderwerp
    concept = g.bewoner.onderwerpen.filter(status=Status.CONCEPT).first()
    vacature = Bestuursfunctie.objects.get(groep=raad, is_vacant=True)
    functie = Bestuursfunctie.objects.get(groep=raad, is_vacant=False)
    professional = wijk.professionals.first()
    bezoek = Bezoek.objects.filter(wijk=wijk).first()
    contactmoment = Contactmoment.objects.filter(wijk=wijk).first()
    agendapunt = Agendapunt.objects.filter(vergadering=g.vergadering).first()
    voorstel = Agendapunt.objects.filter(
        vergadering=g.vergadering, status=AgendapuntStatus.VOORGESTELD
    ).first()
    open_punt = Agendapunt.objects.filter(
        status=AgendapuntStatus.GEAGENDEERD, besluit__isnull=True
    ).first()
    gepland = BezoekFactory(wijk=wijk)
    gestopt = Bewonersgroep.objects.get(wijk=wijk, wijkraad_status=WijkraadStatus.GESTOPT)
    groep = Bewonersgroep.objects.filter(wijk=wijk).exclude(pk=raad.pk).first()

    # Composition pages and statements
    for persoon in (None, bewoner, adviseur):
        b.get(f"home ({persoon and persoon.rol})", reverse("home"), persoon)
    b.get("accessibility statement", reverse("toegankelijkheid"))
    b.get("privacy statement", reverse("privacy"))
    b.get("open data", reverse("opendata:open_data"))
    b.get("ward dashboards", reverse("wijkdashboard"), g.collegelid)
    b.get("ward dashboard", reverse("wijkdashboard_wijk", args=[wijk.code]), wethouder)
    b.get(
        "ward dashboard items",
        reverse("wijkdashboard_onderwerpen", args=[wijk.code]),
        wethouder,
    )
    b.get("ward report", reverse("wijkrapport", args=[wijk.code]), wethouder)
    b.get("college overview", reverse("collegeoverzicht"), g.collegelid)

    # Wards, groups, vacancies, following
    b.get("ward list", reverse("wijken:lijst"))
    b.get("ward page", reverse("wijken:wijk", args=[wijk.code]))
    b.get("ward page (advisor)", reverse("wijken:wijk", args=[wijk.code]), adviseur)
    b.get("vacancies", reverse("wijken:vacatures"))
    b.get("ward vacancies", reverse("wijken:wijk_vacatures", args=[wijk.code]))
    b.get("ward council", reverse("wijken:groep", args=[raad.pk]))
    b.get("group", reverse("wijken:groep", args=[groep.pk]), bewoner)
    b.get("interest", reverse("wijken:interesse", args=[vacature.pk]), bewoner)
    b.post("interest, errors", reverse("wijken:interesse", args=[vacature.pk]), bewoner)
    b.get("followed wards", reverse("wijken:gevolgd"), bewoner)
    b.get("follow", reverse("wijken:volgen", args=[wijk.code]), bewoner)
    b.post("follow, errors", reverse("wijken:volgen", args=[wijk.code]), bewoner, status=400)
    b.get("unsubscribe, bad token", reverse("wijken:afmelden", args=["onzin"]), status=400)
    b.get("ward admin", reverse("wijken:wijk_beheer", args=[wijk.code]), adviseur)
    b.get("new group", reverse("wijken:groep_nieuw", args=[wijk.code]), adviseur)
    b.post("new group, errors", reverse("wijken:groep_nieuw", args=[wijk.code]), adviseur)
    b.get("new professional", reverse("wijken:professional_nieuw", args=[wijk.code]), adviseur)
    b.post(
        "new professional, errors",
        reverse("wijken:professional_nieuw", args=[wijk.code]),
        adviseur,
    )
    b.get(
        "edit professional",
        reverse("wijken:professional_bewerken", args=[professional.pk]),
        adviseur,
    )
    b.get(
        "remove professional",
        reverse("wijken:professional_verwijderen", args=[professional.pk]),
        adviseur,
    )
    b.get("edit group", reverse("wijken:groep_bewerken", args=[raad.pk]), adviseur)
    b.post("edit group, errors", reverse("wijken:groep_bewerken", args=[raad.pk]), adviseur)
    b.get("council status", reverse("wijken:wijkraad_status", args=[raad.pk]), adviseur)
    b.get("fallback", reverse("wijken:terugvalregeling", args=[gestopt.pk]), opbouwwerker)
    b.get("group board", reverse("wijken:groep_beheer", args=[raad.pk]), adviseur)
    b.get("new seat", reverse("wijken:functie_nieuw", args=[raad.pk]), adviseur)
    b.post("new seat, errors", reverse("wijken:functie_nieuw", args=[raad.pk]), adviseur)
    b.get("edit seat", reverse("wijken:functie_bewerken", args=[functie.pk]), adviseur)
    b.get("remove seat", reverse("wijken:functie_verwijderen", args=[functie.pk]), adviseur)

    # Items: public, submitting, the resident's own
    lijst = reverse("initiatieven:lijst")
    b.get("item list", lijst)
    b.get(
        "item list, filtered",
        f"{lijst}?wijk={wijk.pk}&status={Status.IN_BEHANDELING}&thema={g.thema.pk}",
    )
    b.get("item list, searched", f"{lijst}?q=moestuin")
    b.get("item list, nothing found", f"{lijst}?q=bestaatnergens")
    b.get("item list, page 2", f"{lijst}?page=2")
    b.get("item page", reverse("initiatieven:onderwerp", args=[onderwerp.pk]))
    b.get("item page, awkward text", reverse("initiatieven:onderwerp", args=[lastig.pk]))
    b.get(
        "item page (submitter)",
        reverse("initiatieven:onderwerp", args=[onderwerp.pk]),
        bewoner,
    )
    b.get(
        "item page (advisor)",
        reverse("initiatieven:onderwerp", args=[onderwerp.pk]),
        adviseur,
    )
    b.get(
        "item page (alderman)",
        reverse("initiatieven:onderwerp", args=[onderwerp.pk]),
        wethouder,
    )
    b.get(
        "item page (triage, advisor)",
        reverse("initiatieven:onderwerp", args=[g.triage.pk]),
        adviseur,
    )
    for naam in ("initiatief_indienen", "knelpunt_melden"):
        b.get(naam, reverse(f"initiatieven:{naam}"), bewoner)
        b.post(f"{naam}, errors", reverse(f"initiatieven:{naam}"), bewoner, {"titel": " "})
    b.get("mijn inbreng", reverse("initiatieven:mijn_inbreng"), bewoner)
    b.get("mijn inbreng, page 2", f"{reverse('initiatieven:mijn_inbreng')}?page=2", bewoner)
    b.get("edit draft", reverse("initiatieven:concept_bewerken", args=[concept.pk]), bewoner)
    b.get("delete draft", reverse("initiatieven:concept_verwijderen", args=[concept.pk]), bewoner)
    b.get("received", reverse("initiatieven:bevestiging", args=[onderwerp.pk]), bewoner)
    b.get("withdraw", reverse("initiatieven:intrekken", args=[g.triage.pk]), bewoner)

    # Officials: queue, triage, alderman, agenda
    b.get("werkvoorraad", reverse("initiatieven:werkvoorraad"), adviseur)
    b.get("werkvoorraad (community worker)", reverse("initiatieven:werkvoorraad"), opbouwwerker)
    b.get("to review", reverse("initiatieven:herbezien"), adviseur)
    b.get("voor besluit", reverse("initiatieven:wethouder"), wethouder)
    b.get("triage", reverse("initiatieven:triage", args=[g.triage.pk]), adviseur)
    for naam in ("bericht", "actie_toevoegen"):
        b.post(
            f"triage, {naam} errors", reverse(f"initiatieven:{naam}", args=[g.triage.pk]), adviseur
        )
    # A step that misses what it requires (a public explanation), and one sent on a page
    # someone else changed meanwhile (the conflict message, 409).
    stap = reverse("initiatieven:stap", args=[g.triage.pk])
    versie = g.triage.versie
    b.post("triage, step errors", stap, adviseur, {"naar": Status.NIET_MOGELIJK, "versie": versie})
    b.post(
        "triage, conflict",
        stap,
        adviseur,
        {"naar": Status.NIET_MOGELIJK, "versie": versie + 1, "toelichting": "Kan niet."},
        status=409,
    )
    werkvoorraad = reverse("initiatieven:werkvoorraad")
    b.get(
        "werkvoorraad, filtered",
        f"{werkvoorraad}?wijk={wijk.pk}&status={Status.INGEDIEND}&te_laat=on&kansrijk=on",
        adviseur,
    )
    b.get("to the agenda", reverse("initiatieven:agenderen"), wethouder)
    b.get("proposals (griffie)", reverse("initiatieven:agenda_griffie"), g.griffie)
    b.get(
        "move proposal",
        reverse("initiatieven:voorstel_verplaatsen", args=[voorstel.pk]),
        g.griffie,
    )
    b.get(
        "return proposal",
        reverse("initiatieven:voorstel_teruggeven", args=[voorstel.pk]),
        g.griffie,
    )
    b.get("decision", reverse("initiatieven:besluit", args=[open_punt.pk]), g.griffie)
    b.post("decision, errors", reverse("initiatieven:besluit", args=[open_punt.pk]), g.griffie)

    # Meetings
    b.get("meetings", reverse("contacten:vergaderingen"))
    b.get("meetings (griffie)", reverse("contacten:vergaderingen"), g.griffie)
    b.get("meeting", reverse("contacten:vergadering", args=[g.vergadering.pk]))
    b.get(
        "meeting (griffie)",
        reverse("contacten:vergadering", args=[g.vergadering.pk]),
        g.griffie,
    )
    b.get("commitments", reverse("contacten:toezeggingen"))
    b.get("agenda (griffie)", reverse("contacten:agenda"), g.griffie)
    b.get("new meeting", reverse("contacten:vergadering_nieuw"), g.griffie)
    b.post("new meeting, errors", reverse("contacten:vergadering_nieuw"), g.griffie)
    b.get(
        "edit meeting",
        reverse("contacten:vergadering_bewerken", args=[g.vergadering.pk]),
        g.griffie,
    )
    b.get(
        "new agenda item",
        reverse("contacten:agendapunt_nieuw", args=[g.vergadering.pk]),
        g.griffie,
    )
    b.post(
        "new agenda item, errors",
        reverse("contacten:agendapunt_nieuw", args=[g.vergadering.pk]),
        g.griffie,
    )
    b.get(
        "edit agenda item",
        reverse("contacten:agendapunt_bewerken", args=[agendapunt.pk]),
        g.griffie,
    )

    # Visits and the contact log
    b.get("visits", reverse("bezoeken:lijst"))
    b.get("visits (advisor)", reverse("bezoeken:lijst"), adviseur)
    b.get("visit", reverse("bezoeken:bezoek", args=[bezoek.pk]))
    b.get("visit (advisor)", reverse("bezoeken:bezoek", args=[bezoek.pk]), adviseur)
    b.get("plan a visit", reverse("bezoeken:plannen"), adviseur)
    plannen = f"{reverse('bezoeken:plannen')}?wijk={wijk.code}"
    b.get("plan a visit to the ward", plannen, adviseur)
    b.post("plan a visit, errors", plannen, adviseur)
    b.get("edit visit", reverse("bezoeken:bewerken", args=[bezoek.pk]), adviseur)
    b.get("cancel visit", reverse("bezoeken:annuleren", args=[gepland.pk]), adviseur)
    b.post("cancel visit, errors", reverse("bezoeken:annuleren", args=[gepland.pk]), adviseur)
    b.get("visit report", reverse("bezoeken:verslag", args=[bezoek.pk]), adviseur)
    b.post("visit report, errors", reverse("bezoeken:verslag", args=[bezoek.pk]), adviseur)
    b.get("contact log", reverse("contactmomenten:lijst"), adviseur)
    b.get(
        "contact log, searched",
        f"{reverse('contactmomenten:lijst')}?q=bestuur&wijk={wijk.code}&vervolg=open",
        adviseur,
    )
    b.get("new contact", reverse("contactmomenten:nieuw"), adviseur)
    b.post("new contact, errors", reverse("contactmomenten:nieuw"), adviseur)
    b.get(
        "edit contact",
        reverse("contactmomenten:bewerken", args=[contactmoment.pk]),
        contactmoment.vastgelegd_door,
    )

    # My data
    b.get("my data", reverse("mijngegevens:overzicht"), bewoner)
    b.get("my data, printable", reverse("mijngegevens:download"), bewoner)
    b.get("change name", reverse("mijngegevens:naam_wijzigen"), bewoner)
    b.post("change name, errors", reverse("mijngegevens:naam_wijzigen"), bewoner, status=400)
    b.get("delete account", reverse("mijngegevens:verwijderen"), bewoner)
    b.post("delete account, errors", reverse("mijngegevens:verwijderen"), bewoner, status=400)
    b.get("account deleted", reverse("mijngegevens:verwijderd"))

    # Edit forms sent back with errors (required fields emptied)
    for naam, url, persoon in (
        (
            "edit professional",
            reverse("wijken:professional_bewerken", args=[professional.pk]),
            adviseur,
        ),
        ("edit seat", reverse("wijken:functie_bewerken", args=[functie.pk]), adviseur),
        ("council status", reverse("wijken:wijkraad_status", args=[raad.pk]), adviseur),
        ("fallback", reverse("wijken:terugvalregeling", args=[gestopt.pk]), opbouwwerker),
        (
            "edit meeting",
            reverse("contacten:vergadering_bewerken", args=[g.vergadering.pk]),
            g.griffie,
        ),
        (
            "edit agenda item",
            reverse("contacten:agendapunt_bewerken", args=[agendapunt.pk]),
            g.griffie,
        ),
        ("edit visit", reverse("bezoeken:bewerken", args=[bezoek.pk]), adviseur),
        (
            "edit contact",
            reverse("contactmomenten:bewerken", args=[contactmoment.pk]),
            contactmoment.vastgelegd_door,
        ),
        ("edit draft", reverse("initiatieven:concept_bewerken", args=[concept.pk]), bewoner),
    ):
        b.post(f"{naam}, errors", url, persoon)

    # Empty states: a new resident, a new ward's officials.
    nieuw = WijkFactory(met_staf=True)
    for naam, url, persoon in (
        ("mijn inbreng, empty", reverse("initiatieven:mijn_inbreng"), GebruikerFactory()),
        ("followed wards, empty", reverse("wijken:gevolgd"), GebruikerFactory()),
        ("werkvoorraad, empty", reverse("initiatieven:werkvoorraad"), nieuw.wijkadviseur),
        ("to review, empty", reverse("initiatieven:herbezien"), nieuw.wijkadviseur),
        ("voor besluit, empty", reverse("initiatieven:wethouder"), nieuw.wijkwethouder),
        ("contact log, empty", reverse("contactmomenten:lijst"), nieuw.wijkadviseur),
        ("ward page, empty", reverse("wijken:wijk", args=[nieuw.code]), None),
        ("dashboard, empty", reverse("wijkdashboard_wijk", args=[nieuw.code]), nieuw.wijkwethouder),
        ("report, empty", reverse("wijkrapport", args=[nieuw.code]), nieuw.wijkwethouder),
    ):
        b.get(naam, url, persoon)

    # A page with a message from the step before (following a ward).
    b.neem(
        "message after following",
        b.client(bewoner).post(
            reverse("wijken:volgen", args=[wijk.code]), {"frequentie": "wekelijks"}, follow=True
        ),
    )
    # The unsubscribe link of the news email, signed out.
    volger = Volger.objects.get(gebruiker=bewoner, wijk=wijk)
    b.get("unsubscribed", reverse("wijken:afmelden", args=[afmeldtoken(volger)]))

    # A ward whose council stopped: the point of contact of its fallback arrangement.
    zonder_raad = WijkFactory(met_staf=True)
    regeling = TerugvalregelingFactory(groep=BewonersgroepFactory(wijk=zonder_raad, gestopt=True))
    TerugvalTaakFactory(regeling=regeling)
    b.get("ward page, council stopped", reverse("wijken:wijk", args=[zonder_raad.code]))
    b.get(
        "dashboard, council stopped",
        reverse("wijkdashboard_wijk", args=[zonder_raad.code]),
        zonder_raad.wijkwethouder,
    )
    # An advisor of two wards chooses the ward before logging a contact.
    zonder_raad.wijkadviseur = adviseur
    zonder_raad.save()
    b.get("new contact, choose the ward", reverse("contactmomenten:nieuw"), adviseur)

    # A ward archived after a CBS re-division; the ward list of two municipalities over
    # two pages (grouped by municipality, one of which can be chosen).
    vervallen = WijkFactory(naam="Oud-Noord", vervallen_per=2024)
    BuurtFactory(wijk=vervallen, naam="Molenbuurt", vervallen_per=2024)
    b.get("ward page, archived", reverse("wijken:wijk", args=[vervallen.code]))
    WijkFactory.create_batch(WIJKEN_PER_PAGINA, gemeentecode="GM8801", gemeentenaam="Buurgemeente")
    wijkenlijst = reverse("wijken:lijst")
    b.get("ward list, two municipalities", wijkenlijst)
    b.get("ward list, page 2", f"{wijkenlijst}?page=2")
    b.get("ward list, a municipality chosen", f"{wijkenlijst}?gemeente=GM8801&q=wijk")
    b.get("ward list, unknown municipality", f"{wijkenlijst}?gemeente=GM0000")

    # The administration (Django's admin, behind the portal's sign-in).
    for naam, url in (
        ("admin", reverse("admin:index")),
        ("admin list", reverse("admin:wijken_wijk_changelist")),
        ("admin change", reverse("admin:wijken_wijk_change", args=[wijk.pk])),
    ):
        b.get(naam, url, beheerder)

    # The statements in English are templates of their own.
    engels = Client()
    engels.cookies["django_language"] = "en"
    for naam in ("toegankelijkheid", "privacy"):
        antwoord = engels.get(reverse(naam))
        assert '<html lang="en">' in antwoord.content.decode(), naam
        b.neem(f"{naam} (English)", antwoord)

    # Error pages
    b.get("404", "/bestaat-echt-niet/", status=404)
    b.get("403 (resident at the queue)", reverse("initiatieven:werkvoorraad"), bewoner, status=403)
    verzoek = RequestFactory().get("/")
    b.neem("500", views.fout_500(verzoek), 500)
    # A form sent without its CSRF token: the portal's own page, not Django's.
    zonder_token = Client(enforce_csrf_checks=True)
    zonder_token.force_login(bewoner)
    b.neem("403 (CSRF)", zonder_token.post(reverse("wijken:volgen", args=[g.wijk.code])), 403)


def _aangemeld(persoon) -> Client:
    """A client signed in through allauth's form (and the second factor when the person has
    one) and reauthenticated, so pages that ask for it show their form, not a redirect."""
    c = Client()
    antwoord = c.post(reverse("account_login"), {"login": persoon.email, "password": WACHTWOORD})
    if antwoord["Location"] == reverse("mfa_authenticate"):
        c.post(reverse("mfa_authenticate"), {"code": totp_code()})
    # Setting up or removing a factor asks for the password again: give it once.
    c.post(reverse("account_reauthenticate"), {"password": WACHTWOORD})
    return c


def _accountpaginas(b: Bezoeker, settings) -> None:
    """allauth's pages, signed out, signed in, with and without a second factor."""
    bewoner = GebruikerFactory()
    met_factor = GebruikerFactory(wijkadviseur=True, tweede_factor=True)
    for naam in (
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
        "account_reset_password_from_key_done",
        "account_inactive",
    ):
        b.get(naam, reverse(naam))
    b.get("bad reset key", "/account/password/reset/key/1-onzin/")
    # A valid reset link: allauth moves the key into the session and shows the form.
    c = Client()
    sleutel = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(bewoner),
            "key": default_token_generator.make_token(bewoner),
        },
    )
    formulier = c.get(sleutel, follow=True)
    b.neem("new password", formulier)
    b.neem("new password, errors", c.post(formulier.redirect_chain[-1][0], {"password1": "a"}))
    b.get("bad confirmation key", reverse("account_confirm_email", args=["onzin"]))
    b.post("login, errors", reverse("account_login"), None, {"login": "x@example.test"})
    b.post("signup, errors", reverse("account_signup"), None, {"email": "geen-adres"})
    b.post("reset, errors", reverse("account_reset_password"), None, {"email": "geen-adres"})

    c = _aangemeld(bewoner)
    for naam in (
        "account_email",
        "account_change_password",
        "account_logout",
        "account_reauthenticate",
        "mfa_index",
        "mfa_activate_totp",
        "usersessions_list",
    ):
        b.neem(f"{naam} (resident)", c.get(reverse(naam)))
    fout_wachtwoord = {"oldpassword": "fout", "password1": "a", "password2": "b"}
    b.neem("change password, errors", c.post(reverse("account_change_password"), fout_wachtwoord))
    b.neem("activate TOTP, errors", c.post(reverse("mfa_activate_totp"), {"code": "000000"}))
    b.neem("email, errors", c.post(reverse("account_email"), {"action_add": "", "email": "x"}))
    b.neem("reauthenticate, errors", c.post(reverse("account_reauthenticate"), {"password": "x"}))

    # An account without a usable password gets the form to set one.
    zonder = GebruikerFactory()
    zonder.set_unusable_password()
    zonder.save()
    b.get("set password", reverse("account_set_password"), zonder)

    c = _aangemeld(met_factor)
    for naam in (
        "mfa_index",
        "mfa_deactivate_totp",
        "mfa_generate_recovery_codes",
        "mfa_reauthenticate",
    ):
        b.neem(f"{naam} (with TOTP)", c.get(reverse(naam)))
    # New recovery codes, then the page that shows them.
    c.post(reverse("mfa_generate_recovery_codes"))
    b.neem("recovery codes", c.get(reverse("mfa_view_recovery_codes")))

    # The second step of signing in, empty and with a wrong code.
    c = Client()
    antwoord = c.post(reverse("account_login"), {"login": met_factor.email, "password": WACHTWOORD})
    assert antwoord["Location"] == reverse("mfa_authenticate")
    b.neem("second factor", c.get(reverse("mfa_authenticate")))
    b.neem("second factor, errors", c.post(reverse("mfa_authenticate"), {"code": "000000"}))

    # Too many attempts: the portal's 429 page.
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    c = Client()
    for _ in range(3):
        antwoord = c.post(reverse("account_login"), {"login": bewoner.email, "password": "fout"})
    b.neem("429", antwoord, 429)


def test_elke_pagina_is_geldige_html(settings, request):
    vereis_validator()  # before building the data set, not after
    b = Bezoeker()
    _paginas(b, *_wereld())
    _accountpaginas(b, settings)
    assert not b.problemen, "pages that did not render:\n" + "\n".join(b.problemen)
    # The "errors" states must really show errors, or they check the empty form twice.
    zonder_fouten = [
        naam
        for naam, html in b.documenten.items()
        if ", errors" in naam and 'id="foutensamenvatting"' not in html
    ]
    assert not zonder_fouten, f"no error summary on: {zonder_fouten}"
    # One h1 on each of the portal's pages (Django's admin has its own layout).
    h1 = {
        naam: html.count("<h1")
        for naam, html in b.documenten.items()
        if not naam.startswith("admin") and html.count("<h1") != 1
    }
    assert not h1, f"pages without exactly one h1: {h1}"
    figures.report(request.config, "HTML validation", f"{len(b.documenten)} pages")
    assert_geldige_html(b.documenten)


def test_de_validator_meldt_fouten_per_document():
    """The check itself: errors are reported under the caller's name, valid pages not."""
    geldig = (
        "<!doctype html><html lang=nl><head><title>t</title></head><body><p>a</p></body></html>"
    )
    fout = geldig.replace("<p>a</p>", '<p id="x">a</p><div id="x"><li>b</li></div>')
    fouten = html_fouten({"goed": geldig, "dubbel id": fout})
    assert list(fouten) == ["dubbel id"]
    assert any("Duplicate ID" in regel for regel in fouten["dubbel id"])
    assert any("“li” not allowed" in regel for regel in fouten["dubbel id"])


def test_elke_email_is_geldige_html(mailoutbox, django_capture_on_commit_callbacks, request):
    """The HTML part of every kind of email, with awkward user text in it."""
    vereis_validator()
    wijk = WijkFactory(met_staf=True)
    adviseur, wethouder = wijk.wijkadviseur, wijk.wijkwethouder
    indiener = GebruikerFactory()
    volgen.volger_opslaan(
        gebruiker=GebruikerFactory(), wijk=wijk, frequentie=Berichtfrequentie.DIRECT
    )
    raad = BewonersgroepFactory(wijk=wijk, wijkraad=True, naam="Raad " + LASTIG[:40])
    zetel = BestuursfunctieFactory(groep=raad, vacant=True)
    OnderwerpFactory(wijk=wijk, te_laat=True)  # an overdue first response: the reminder
    onderwerp = OnderwerpFactory(
        wijk=wijk, indiener=indiener, concept=True, titel=LASTIG[:150], beschrijving=LASTIG
    )
    with django_capture_on_commit_callbacks(execute=True):
        # received, and new for the advisor
        onderwerp = services.onderwerp_overgang(
            onderwerp=onderwerp, naar=Status.INGEDIEND, door=indiener
        )
        # published: news for the ward's followers
        onderwerp = services.onderwerp_screenen(
            onderwerp=onderwerp, door=adviseur, versie=onderwerp.versie, openbaar=True
        )
        # a step, an answer, the escalation to the alderman
        onderwerp = services.onderwerp_overgang(
            onderwerp=onderwerp, naar=Status.IN_BEHANDELING, door=adviseur, toelichting=LASTIG
        )
        services.bericht_plaatsen(onderwerp=onderwerp, door=adviseur, tekst=LASTIG, openbaar=True)
        onderwerp = services.onderwerp_overgang(
            onderwerp=onderwerp, naar=Status.BIJ_WIJKWETHOUDER, door=adviseur, advies=LASTIG
        )
        # proposed for the college agenda
        agenda.agenda_voorstellen(
            door=wethouder,
            onderwerpen=[onderwerp],
            vergadering=VergaderingFactory(),
            titel=LASTIG[:100],
            toelichting=LASTIG,
        )
        # interest in a vacant seat, and the advisors' reminder
        wijken_services.interesse_melden(functie=zetel, gebruiker=indiener, bericht=LASTIG)
        # Meedenken: the invitation, the feedback to a respondent, and (through
        # herinneringen below) the reminder of overdue feedback.
        from meedenken import services as meedenken_services
        from tests.meedenken.factories import InbrengFactory, MeedenkvraagFactory
        from tests.wijken.factories import WijkprofessionalFactory

        vraag = MeedenkvraagFactory(wijken=[wijk], concept=True, titel=LASTIG[:150], vraag=LASTIG)
        vraag.uitgenodigde_professionals.set([WijkprofessionalFactory(wijk=wijk, email="p@x.test")])
        meedenken_services.meedenkvraag_publiceren(vraag=vraag, door=adviseur)
        gesloten = MeedenkvraagFactory(wijken=[wijk], gesloten=True, titel=LASTIG[:150])
        InbrengFactory(vraag=gesloten, gebruiker=indiener)
        tekst = {"samenvatting": LASTIG, "besluit": LASTIG, "waarom": LASTIG}
        meedenken_services.terugkoppeling_opslaan(vraag=gesloten, door=adviseur, gegevens=tekst)
        meedenken_services.terugkoppeling_publiceren(vraag=gesloten, door=adviseur)
        MeedenkvraagFactory(wijken=[wijk], te_laat=True, titel=LASTIG[:150])
        call_command("herinneringen", stdout=io.StringIO())

    documenten = {
        f"{m.subject} (to {', '.join(m.to)})": inhoud
        for m in mailoutbox
        for inhoud, soort in m.alternatives
        if soort == "text/html"
    }
    figures.report(request.config, "HTML validation", f"{len(documenten)} emails")
    # One per subject and recipient: ontvangen, nieuw_voor_adviseur, wijkbericht, stap,
    # antwoord, escalatie, agenda, interesse, herinnering; each kind at least once; and
    # meedenken's uitnodiging, terugkoppeling and herinnering.
    assert len(documenten) >= 12, sorted(documenten)
    assert_geldige_html(documenten)


#: Demo accounts (README), besides someone signed out.
DEMO_ROLLEN = (
    "bewoner",
    "groepscontact",
    "wijkadviseur",
    "opbouwwerker",
    "wijkwethouder",
    "collegelid",
    "griffie",
    "beheerder",
)
#: Links the walk does not follow: leaving, changing the language, Django's admin (its
#: own templates), files and feeds that are not HTML.
NIET_VOLGEN = ("/account/logout/", "/i18n/", "/beheer/", "/static/", "/media/", ".ics")
PER_URLNAAM = 1  # a page per URL name and role: every kind of page, not every item


def _links(url: str, html: str) -> list[str]:
    """The site's own links on a page (path and query), in order."""
    gevonden = []
    for href in re.findall(r'href="([^"#]*)', html):
        deel = urlsplit(urljoin(url, unescape(href)))
        if deel.netloc or not deel.path.startswith("/"):
            continue
        pad = deel.path + (f"?{deel.query}" if deel.query else "")
        if not any(n in pad for n in NIET_VOLGEN):
            gevonden.append(pad)
    return gevonden


def test_demo_gemeente_rondgang_is_geldige_html(settings, request):
    """Every kind of page reachable by links in the demo municipality, as each demo
    account: real-looking content the hand-made data set above may not have."""
    vereis_validator()
    settings.DEMO = True
    settings.MFA_VERPLICHT_VOOR_MEDEWERKERS = False  # as in demo mode
    call_command("seed_demo", stdout=io.StringIO())
    documenten: dict[str, str] = {}
    urlnamen: set[str] = set()
    for rol in (None, *DEMO_ROLLEN):
        c = Client()
        if rol:
            c.force_login(Gebruiker.objects.get(email=f"{rol}@example.org"))
        gezien, per_naam, wachtrij = set(), Counter(), ["/"]
        while wachtrij:
            url = wachtrij.pop(0)
            if url in gezien:
                continue
            gezien.add(url)
            try:
                naam = resolve(urlsplit(url).path).view_name
            except Resolver404:
                continue
            if per_naam[naam] >= PER_URLNAAM:
                continue
            per_naam[naam] += 1
            antwoord = c.get(url)
            assert antwoord.status_code < 500, (rol, url)
            if antwoord.status_code != 200 or "text/html" not in antwoord["Content-Type"]:
                continue
            urlnamen.add(naam)
            html = antwoord.content.decode()
            documenten[f"{rol or 'signed out'}: {url}"] = html
            wachtrij += _links(url, html)
    figures.report(
        request.config,
        "HTML validation",
        f"{len(documenten)} demo pages of {len(urlnamen)} URL names",
    )
    assert len(urlnamen) >= 40, sorted(urlnamen)  # the walk reached the portal's pages
    h1 = {naam: html.count("<h1") for naam, html in documenten.items() if html.count("<h1") != 1}
    assert not h1, f"pages without exactly one h1: {h1}"
    assert_geldige_html(documenten)

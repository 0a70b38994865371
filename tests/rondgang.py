"""The catalogue of the portal's pages: every URL name of the root URLconf, how to build
its URL from a world of objects, and the roles and states a page is visited in.

The browser crawl (``tests/e2e/test_rondgang_a11y.py``) walks it for accessibility; it
imports no browser code, so any other check over every page (an HTML validator, a link
checker) can walk the same pages with the test client.

Every URL name has exactly one entry:

- :data:`PAGINAS`: a GET page; a callable ``world -> kwargs`` (or a list of kwargs, one
  per variant worth seeing, e.g. an item in every workflow state). A callable that finds
  nothing to show in a world (the empty one has no items) raises ``KeyError`` or returns
  an empty list, and the page is left out of that state.
- :data:`ACTIES`: a POST-only action (GET answers 405); its form lives on another page,
  which is in :data:`PAGINAS`, so the crawl meets the form there.
- :data:`GEEN_HTML`: answers something other than a page (a feed, a file, JSON).
- the Django admin (the ``admin`` namespace) as one group: :func:`beheerpaginas`.

:func:`ontbrekend` names the URL names without an entry; the completeness test fails on
them, so a page added later cannot escape the crawl.
"""

from collections.abc import Callable

from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

#: The roles the crawl signs in as, in this order; ``anoniem`` is signed out.
ROLLEN = (
    "anoniem",
    "bewoner",
    "indiener",
    "wijkadviseur",
    "opbouwwerker",
    "wijkwethouder",
    "collegelid",
    "griffie",
    "beheerder",
)

#: The states every page is seen in.
MET_GEGEVENS = "met gegevens"
LEEG = "leeg"
FORMULIERFOUTEN = "formulierfouten"
LANGE_TEKSTEN = "lange teksten"
TOESTANDEN = (MET_GEGEVENS, LEEG, FORMULIERFOUTEN, LANGE_TEKSTEN)

#: The admin's URL names live in this namespace; they are handled as one group.
BEHEER_NAMESPACE = "admin"


def url_namen() -> dict[str, str]:
    """Every named URL pattern of the root URLconf: the (namespaced) name -> its route."""
    namen: dict[str, str] = {}

    def loop(resolver: URLResolver, prefix: str, namespace: str | None) -> None:
        for patroon in resolver.url_patterns:
            if isinstance(patroon, URLResolver):
                ns = namespace
                if patroon.namespace:
                    ns = f"{namespace}:{patroon.namespace}" if namespace else patroon.namespace
                loop(patroon, prefix + str(patroon.pattern), ns)
            elif isinstance(patroon, URLPattern) and patroon.name:
                naam = f"{namespace}:{patroon.name}" if namespace else patroon.name
                namen.setdefault(naam, prefix + str(patroon.pattern))

    loop(get_resolver(), "", None)
    return namen


def _pk(sleutel: str) -> Callable[[dict], dict]:
    return lambda w: {"pk": w[sleutel].pk}


def _code(sleutel: str = "wijk") -> Callable[[dict], dict]:
    return lambda w: {"code": w[sleutel].code}


def _geen(w: dict) -> dict:
    return {}


def _per_status(w: dict) -> list[dict]:
    # Every workflow state has its own timeline, buttons and forms. The first is the
    # public item being handled (with actions and an attachment): the one every role sees.
    onderwerpen = sorted(w["onderwerpen"].items(), key=lambda item: item[0] != "in_behandeling")
    return [{"pk": o.pk} for _, o in onderwerpen]


#: URL name -> how its URL's kwargs are built from a world (see the module docstring).
PAGINAS: dict[str, Callable[[dict], dict | list[dict]]] = {
    # Meedenken: an open question (with responses and a meeting) and a closed one with
    # written feedback.
    "meedenken:lijst": _geen,
    "meedenken:nieuw": _geen,
    "meedenken:vraag": lambda w: [
        {"pk": w[sleutel].pk}
        for sleutel in ("meedenkvraag", "meedenkvraag_gesloten")
        if sleutel in w
    ],
    "meedenken:reageren": _pk("meedenkvraag"),
    "meedenken:bewerken": _pk("meedenkvraag"),
    "meedenken:inbreng": _pk("meedenkvraag"),
    "meedenken:bijeenkomst": _pk("meedenkvraag"),
    "meedenken:terugkoppeling": _pk("meedenkvraag_gesloten"),
    # The composition pages
    "home": _geen,
    "toegankelijkheid": _geen,
    "privacy": _geen,
    "wijkdashboard": _geen,
    "wijkdashboard_wijk": _code(),
    "wijkdashboard_onderwerpen": _code(),
    "wijkrapport": _code(),
    "collegeoverzicht": _geen,
    # Wards, groups, vacancies, following
    "wijken:lijst": _geen,
    "wijken:vacatures": _geen,
    "wijken:interesse": _pk("vacature"),
    # The ward page, of another ward, and of a ward archived after a CBS re-division.
    "wijken:wijk": lambda w: [
        {"code": w[sleutel].code} for sleutel in ("wijk", "ander", "vervallen") if sleutel in w
    ],
    "wijken:gevolgd": _geen,
    "wijken:volgen": _code(),
    # A GET of the signed link unsubscribes at once (RFC 8058), signed in or not: the
    # answer page, and the page for a link that is not ours.
    "wijken:afmelden": lambda w: [{"token": w["afmeldtoken"]}, {"token": "ongeldig"}],
    "wijken:wijk_vacatures": _code(),
    "wijken:groep": lambda w: [{"pk": w[g].pk} for g in ("wijkraad", "gestopt", "vereniging")],
    "wijken:wijk_beheer": _code(),
    "wijken:groep_nieuw": _code(),
    "wijken:professional_nieuw": _code(),
    "wijken:groep_bewerken": _pk("vereniging"),
    "wijken:wijkraad_status": _pk("wijkraad"),
    "wijken:terugvalregeling": _pk("gestopt"),
    "wijken:professional_bewerken": _pk("professional"),
    "wijken:professional_verwijderen": _pk("professional"),
    "wijken:groep_beheer": lambda w: [{"pk": w[g].pk} for g in ("wijkraad", "vereniging")],
    "wijken:functie_nieuw": _pk("wijkraad"),
    "wijken:functie_bewerken": _pk("vacature"),
    "wijken:functie_verwijderen": _pk("functie"),
    # Items: public, the resident's, the officials'
    "initiatieven:lijst": _geen,
    "initiatieven:onderwerp": _per_status,
    "initiatieven:initiatief_indienen": _geen,
    "initiatieven:knelpunt_melden": _geen,
    "initiatieven:mijn_inbreng": _geen,
    "initiatieven:concept_bewerken": _pk("concept"),
    "initiatieven:concept_verwijderen": _pk("concept"),
    "initiatieven:bevestiging": _pk("ingediend"),
    "initiatieven:intrekken": _pk("ingediend"),
    "initiatieven:werkvoorraad": _geen,
    "initiatieven:herbezien": _geen,
    "initiatieven:wethouder": _geen,
    "initiatieven:triage": _per_status,
    "initiatieven:agenderen": _geen,
    "initiatieven:agenda_griffie": _geen,
    "initiatieven:voorstel_verplaatsen": _pk("voorstel"),
    "initiatieven:voorstel_teruggeven": _pk("voorstel"),
    "initiatieven:besluit": _pk("agendapunt"),
    # Meetings
    "contacten:vergaderingen": _geen,
    "contacten:vergadering": lambda w: [{"pk": w[v].pk} for v in ("vergadering", "raad")],
    "contacten:toezeggingen": _geen,
    "contacten:agenda": _geen,
    "contacten:vergadering_nieuw": _geen,
    "contacten:vergadering_bewerken": _pk("vergadering"),
    "contacten:agendapunt_nieuw": _pk("vergadering"),
    "contacten:agendapunt_bewerken": _pk("agendapunt"),
    # Visits
    "bezoeken:lijst": _geen,
    "bezoeken:bezoek": lambda w: [{"pk": b.pk} for b in w["bezoeken"].values()],
    "bezoeken:plannen": _geen,
    "bezoeken:bewerken": lambda w: {"pk": w["bezoeken"]["gepland"].pk},
    "bezoeken:annuleren": lambda w: {"pk": w["bezoeken"]["gepland"].pk},
    "bezoeken:verslag": lambda w: {"pk": w["bezoeken"]["gehouden"].pk},
    # The contact log
    "contactmomenten:lijst": _geen,
    "contactmomenten:nieuw": _geen,
    "contactmomenten:bewerken": _pk("contactmoment"),
    # My data
    "mijngegevens:overzicht": _geen,
    "mijngegevens:download": _geen,  # without ?formaat=json: the printable page
    "mijngegevens:naam_wijzigen": _geen,
    "mijngegevens:verwijderen": _geen,
    "mijngegevens:verwijderd": _geen,
    # Accounts (allauth, in the portal's layout)
    "account_login": _geen,
    "account_logout": _geen,
    "account_inactive": _geen,
    "account_signup": _geen,
    "account_reauthenticate": _geen,
    "account_email": _geen,
    "account_email_verification_sent": _geen,
    "account_change_password": _geen,
    "account_set_password": _geen,
    "account_reset_password": _geen,
    "account_reset_password_done": _geen,
    "account_reset_password_from_key_done": _geen,
    "account_confirm_login_code": _geen,
    # A link that is not (or no longer) valid: the page that says so.
    "account_confirm_email": lambda w: {"key": "ongeldig"},
    "account_reset_password_from_key": lambda w: {"uidb36": "0", "key": "ongeldig-sleutel"},
    "mfa_index": _geen,
    "mfa_authenticate": _geen,
    "mfa_reauthenticate": _geen,
    "mfa_activate_totp": _geen,
    "mfa_deactivate_totp": _geen,
    "mfa_view_recovery_codes": _geen,
    "mfa_generate_recovery_codes": _geen,
    "usersessions_list": _geen,
    # The read API's docs page (opendata.api); its operations answer JSON (GEEN_HTML).
    "api-v1:openapi-view": _geen,
    # Open data
    "opendata:open_data": _geen,
}

#: Pages with a variant per state of their object: every role sees the first variant; the
#: roles named here, for whom the page changes most from state to state, see them all.
#: (Every role seeing every variant doubles the crawl's run time for little more.)
ALLE_VARIANTEN: dict[str, set[str]] = {
    "initiatieven:onderwerp": {"anoniem", "indiener", "wijkadviseur"},
    "initiatieven:triage": {"wijkadviseur", "wijkwethouder"},
    "bezoeken:bezoek": {"anoniem", "wijkadviseur"},
}

#: Pages that show nothing of the world's data (statements, account and second-factor
#: pages): the empty state leaves them out, being the same page as with data.
ZONDER_GEGEVENS: set[str] = {
    "toegankelijkheid",
    "privacy",
    "mijngegevens:naam_wijzigen",
    "mijngegevens:verwijderen",
    "mijngegevens:verwijderd",
    "usersessions_list",
    "api-v1:openapi-view",
    "opendata:open_data",
} | {naam for naam in PAGINAS if naam.startswith(("account_", "mfa_"))}

#: POST-only actions (GET answers 405) -> the page whose form posts to them.
ACTIES: dict[str, str] = {
    "wijken:ontvolgen": "wijken:volgen",
    "initiatieven:volgen": "initiatieven:onderwerp",
    "initiatieven:ontvolgen": "initiatieven:onderwerp",
    "initiatieven:screenen": "initiatieven:triage",
    "initiatieven:rol": "initiatieven:triage",
    "initiatieven:stap": "initiatieven:triage",
    "initiatieven:bericht": "initiatieven:triage",
    "initiatieven:actie_toevoegen": "initiatieven:triage",
    "initiatieven:actie_afvinken": "initiatieven:triage",
    "initiatieven:voorstel_accepteren": "initiatieven:agenda_griffie",
    "contacten:vergadering_status": "contacten:vergadering",
    "contacten:agendapunt_verschuiven": "contacten:vergadering",
    "contacten:toezegging_status": "contacten:toezeggingen",
    "contactmomenten:vervolg": "contactmomenten:lijst",
    "bezoeken:actie_toevoegen": "bezoeken:bezoek",
    "bezoeken:actie_afvinken": "bezoeken:bezoek",
    "set_language": "home",  # the language choice in every page's header
    # Meedenken: their buttons are on the question's page.
    "meedenken:publiceren": "meedenken:vraag",
    "meedenken:aanmelden": "meedenken:vraag",
    "meedenken:terugkoppeling_publiceren": "meedenken:vraag",
}

#: URL names that answer something other than an HTML page -> what they answer.
GEEN_HTML: dict[str, str] = {
    "healthz": "plain-text health check",
    "initiatieven:bijlage": "the attachment itself, as a download",
    "meedenken:vraagbijlage": "a question's attachment itself, as a download",
    "meedenken:inbrengbijlage": "a response's attachment itself, as a download",
    "bezoeken:ical": "iCalendar feed",
    "bezoeken:ical_wijk": "iCalendar feed",
    "mfa_download_recovery_codes": "the recovery codes as a text file",
    # The Atom feeds (opendata.feeds); the pages that announce them are in the crawl.
    "opendata:feed_onderwerpen": "Atom feed",
    "opendata:feed_soort": "Atom feed",
    "opendata:feed_onderwerp": "Atom feed",
    "opendata:feed_wijk": "Atom feed",
    "opendata:feed_vergaderingen": "Atom feed",
    "opendata:feed_besluiten": "Atom feed",
    "opendata:feed_meedenken": "Atom feed",
    # Open311 GeoReport v2 (opendata): JSON and XML for partner apps.
    "opendata:open311_discovery": "Open311 JSON/XML",
    "opendata:open311_services": "Open311 JSON/XML",
    "opendata:open311_service": "Open311 JSON/XML",
    "opendata:open311_requests": "Open311 JSON/XML",
    "opendata:open311_request": "Open311 JSON/XML",
    # The read API (opendata.api): JSON, tested in tests/opendata/test_api*.py.
    "api-v1:openapi-json": "the API's OpenAPI description (JSON)",
    "api-v1:api-root": "a 404: the API's root is no page (its docs are api-v1:openapi-view)",
    **{
        f"api-v1:{naam}": "a read API answer (JSON)"
        for naam in (
            "wijken",
            "wijk",
            "onderwerpen",
            "onderwerp",
            "vergaderingen",
            "vergadering",
            "besluiten",
            "besluit",
            "meedenkvragen",
            "meedenkvraag",
        )
    },
    "opendata:download": "an open data export, as CSV or JSON",
}

#: URL names that exist only in a special run, not in the portal -> why.
BUITEN_PORTAAL: dict[str, str] = {
    "basislijn": "the benchmark's baseline page, only with BENCHMARK=1",
}


def ontbrekend(namen=None) -> list[str]:
    """The URL names of the URLconf without an entry in the catalogue."""
    namen = url_namen() if namen is None else namen
    bekend = PAGINAS.keys() | ACTIES.keys() | GEEN_HTML.keys() | BUITEN_PORTAAL.keys()
    return sorted(
        naam for naam in namen if naam not in bekend and not naam.startswith(f"{BEHEER_NAMESPACE}:")
    )


def paginas(
    wereld: dict, *, rol: str | None = None, toestand: str | None = None
) -> list[tuple[str, str]]:
    """(URL name, URL) of every page variant this world can show, in catalogue order;
    with ``rol``, the variants that role is shown (see :data:`ALLE_VARIANTEN`); with
    ``toestand``, the pages worth seeing in that state (see :data:`ZONDER_GEGEVENS`)."""
    gevonden = []
    for naam, kwargs_van in PAGINAS.items():
        if toestand == LEEG and naam in ZONDER_GEGEVENS:
            continue
        try:
            varianten = kwargs_van(wereld)
        except KeyError:
            continue  # nothing of the kind in this world (the empty one)
        if isinstance(varianten, dict):
            varianten = [varianten]
        if rol is not None and naam in ALLE_VARIANTEN and rol not in ALLE_VARIANTEN[naam]:
            varianten = varianten[:1]
        gevonden += [(naam, reverse(naam, kwargs=kwargs)) for kwargs in varianten]
    return gevonden


def beheerpaginas(wereld: dict) -> list[tuple[str, str]]:
    """The Django admin as its beheerder sees it: the index, and per registered model its
    list, its add form and (where the world has one) the change form of an object.

    The admin is Django's own; it is checked with the same bar, as far as these pages
    reach. Its history, delete and per-app pages are left out: they use the same layout.
    """
    gevonden = [("admin:index", reverse("admin:index"))]
    for model, model_admin in admin.site._registry.items():
        voorvoegsel = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        gevonden.append((f"{voorvoegsel}_changelist", reverse(f"{voorvoegsel}_changelist")))
        if model_admin.has_add_permission(_BeheerVerzoek()):
            gevonden.append((f"{voorvoegsel}_add", reverse(f"{voorvoegsel}_add")))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            url = reverse(f"{voorvoegsel}_change", args=[obj.pk])
            gevonden.append((f"{voorvoegsel}_change", url))
    return gevonden


class _BeheerVerzoek:
    """Just enough of a request for ``has_add_permission``: a superuser."""

    class user:  # noqa: N801 - mimics request.user
        is_active = is_staff = is_superuser = True
        # The functional administrator's role, for admins that ask the portal's predicates
        # (opendata.permissions) rather than Django's model permissions.
        is_authenticated = True
        rol = "beheerder"

        @staticmethod
        def has_perm(*args, **kwargs):
            return True


# --- The worlds -------------------------------------------------------------------------

#: A long word that does not break by itself: it shows overflow where text cannot wrap.
LANG_WOORD = "Wijkbewonersparticipatieondersteuningsbudgetaanvraagformulierenstapel"


def _tekst(basis: str, lengte: int, *, lang: bool) -> str:
    """``basis``, or in the long-texts world: text of exactly ``lengte`` characters, with
    unbreakable words between the ordinary ones."""
    if not lang:
        return basis
    tekst = basis
    while len(tekst) < lengte:
        tekst += f" {LANG_WOORD} {basis}"
    return tekst[:lengte].rstrip() + "x" * (lengte - len(tekst[:lengte].rstrip()))


def wereld_maken(*, leeg: bool = False, lang: bool = False, media_root=None) -> dict:
    """The world the crawl walks: the people of every role, two wards, and (unless
    ``leeg``) a ward archived after a CBS re-division, a ward of a second municipality,
    items in every workflow state with their timelines, an attachment, actions,
    groups with board seats and a vacancy, a stopped ward council with its fallback,
    professionals, contact moments, visits in every state, meetings with agenda items,
    a decision and a commitment, and follows.

    ``lang`` gives every text its maximum length with long unbroken words, names too.
    The factories import here, so the catalogue itself loads without a database.
    """
    from contacten.models import AgendapuntStatus
    from initiatieven.keuzes import RolGemeente, Status
    from initiatieven.models import Bericht, Bijlage, Statuswijziging
    from tests.contacten.factories import (
        AgendapuntFactory,
        BesluitFactory,
        BezoekFactory,
        ContactmomentFactory,
        ToezeggingFactory,
        VergaderingFactory,
    )
    from tests.factories import GebruikerFactory
    from tests.initiatieven.factories import ActieFactory, OnderwerpFactory, ThemaFactory
    from tests.wijken.factories import (
        BestuursfunctieFactory,
        BewonersgroepFactory,
        BuurtFactory,
        InteressereactieFactory,
        KerncijfersFactory,
        TerugvalregelingFactory,
        TerugvalTaakFactory,
        WijkFactory,
        WijkprofessionalFactory,
    )
    from wijken import volgen
    from wijken.models import Volger

    def t(basis: str, lengte: int) -> str:
        return _tekst(basis, lengte, lang=lang)

    def naam(basis: str) -> str:
        return t(basis, 100)

    wijk = WijkFactory(met_staf=True, naam=t("Noorderwijk", 100))
    ander = WijkFactory(met_staf=True, naam=t("Zuiderwijk", 100))
    for persoon in (wijk.wijkadviseur, wijk.opbouwwerker, wijk.wijkwethouder):
        persoon.weergavenaam = naam(persoon.weergavenaam)
        persoon.save(update_fields=["weergavenaam"])
    buurt = BuurtFactory(wijk=wijk, naam=t("Vogelbuurt", 100))
    KerncijfersFactory(buurt=buurt)
    gebruikers = {
        "anoniem": None,
        "bewoner": GebruikerFactory(weergavenaam=naam("Bram Bewoner")),
        "indiener": GebruikerFactory(weergavenaam=naam("Ilse Indiener")),
        "wijkadviseur": wijk.wijkadviseur,
        "opbouwwerker": wijk.opbouwwerker,
        "wijkwethouder": wijk.wijkwethouder,
        "collegelid": GebruikerFactory(
            collegelid=True, tweede_factor=True, weergavenaam=naam("Karel Collegelid")
        ),
        "griffie": GebruikerFactory(
            griffie=True, tweede_factor=True, weergavenaam=naam("Greet Griffie")
        ),
        "beheerder": GebruikerFactory(
            beheerder=True, tweede_factor=True, weergavenaam=naam("Bert Beheerder")
        ),
    }
    assert set(gebruikers) == set(ROLLEN)
    wereld = {"wijk": wijk, "ander": ander, "buurt": buurt, "gebruikers": gebruikers}
    if leeg:
        return wereld

    indiener = gebruikers["indiener"]
    thema = ThemaFactory(naam=t("Groen en spelen", 60))

    # Groups: an active ward council with a filled seat and a vacancy, a stopped one with
    # its fallback, and an association whose contact person is the submitter.
    wijkraad = BewonersgroepFactory(
        wijk=wijk,
        wijkraad=True,
        naam=t("Wijkraad Noord", 150),
        beschrijving=t("De wijkraad van de wijk.", 5000),
    )
    functie = BestuursfunctieFactory(groep=wijkraad, naam=t("Anna de Vries", 100))
    vacature = BestuursfunctieFactory(
        groep=wijkraad,
        vacant=True,
        functie="penningmeester",
        vacaturetekst=t("Wij zoeken iemand die mee wil denken.", 3000),
    )
    InteressereactieFactory(
        functie=vacature, gebruiker=gebruikers["bewoner"], bericht=t("Ik wil graag helpen.", 1000)
    )
    gestopt = BewonersgroepFactory(wijk=wijk, gestopt=True, naam=t("Wijkraad Oost", 150))
    regeling = TerugvalregelingFactory(
        groep=gestopt, toelichting=t("Maatwerk voor deze wijk.", 3000)
    )
    TerugvalTaakFactory(regeling=regeling, taak=t("Aanspreekpunt voor de gemeente", 200))
    vereniging = BewonersgroepFactory(
        wijk=wijk, naam=t("Buurtvereniging De Spreeuw", 150), contactpersonen=[indiener]
    )
    professional = WijkprofessionalFactory(
        wijk=wijk, naam=t("Wijkagent Jansen", 100), organisatie=t("Politie", 150)
    )

    # Items in every workflow state, all of the submitter, most of them public.
    onderwerpen = {}
    for status in Status:
        velden = {
            "status": status,
            "titel": t(f"Moestuin in het park ({status.label})", 150),
            "beschrijving": t("We willen met de buurt een moestuin beginnen.", 10000),
            "thema": thema,
            "wijk": wijk,
            "buurt": buurt,
            "indiener": indiener,
            "locatie": t("Naast de speeltuin", 200),
        }
        if status == Status.CONCEPT:
            velden |= {"ingediend_op": None, "eerste_reactie_voor": None}
        elif status != Status.INGEDIEND:
            velden |= {
                "openbaar": True,
                "gepubliceerd_op": timezone.now(),
                "publieke_titel": t("Moestuin in het park", 150),
                "rol_gemeente": RolGemeente.FACILITEREN,
                "rol_toelichting": t("De gemeente helpt met materiaal.", 2000),
            }
        if status == Status.NOG_NIET_MOGELIJK:
            velden |= {
                "herbezien_op": timezone.localdate(),
                "herbezien_voorwaarde": t("Na de herinrichting", 300),
            }
        if status == Status.AFGEROND:
            velden["resultaat"] = t("De moestuin is er.", 2000)
        onderwerpen[status.value] = onderwerp = OnderwerpFactory(**velden)
        if status != Status.CONCEPT:
            Statuswijziging.objects.create(
                onderwerp=onderwerp, van=Status.CONCEPT, naar=Status.INGEDIEND, door=indiener
            )
        if status not in (Status.CONCEPT, Status.INGEDIEND):
            Statuswijziging.objects.create(
                onderwerp=onderwerp,
                van=Status.INGEDIEND,
                naar=status,
                door=wijk.wijkadviseur,
                door_rol="wijkadviseur",
                publieke_toelichting=t("We pakken dit samen op.", 2000),
                interne_notitie=t("Afgestemd met de wijkwethouder.", 2000),
            )
            Bericht.objects.create(
                onderwerp=onderwerp,
                door=wijk.wijkadviseur,
                tekst=t("Wij nemen contact met u op.", 5000),
                openbaar=True,
            )
            Bericht.objects.create(
                onderwerp=onderwerp,
                door=wijk.opbouwwerker,
                tekst=t("Interne notitie.", 5000),
                openbaar=False,
            )
    knelpunt = OnderwerpFactory(
        knelpunt=True,
        wijk=wijk,
        indiener=indiener,
        thema=thema,
        titel=t("Gevaarlijke oversteek bij school", 150),
    )
    onderwerpen["knelpunt"] = knelpunt
    # Another ward's item: the advisor of this ward must not see it.
    OnderwerpFactory(wijk=ander, openbaar_=True, titel=t("Bankjes langs de vijver", 150))
    lopend = onderwerpen[Status.IN_BEHANDELING]
    ActieFactory(
        onderwerp=lopend,
        omschrijving=t("Bewoners uitnodigen voor een avond", 300),
        eigenaar=t("Wijkadviseur", 150),
        deadline=timezone.localdate(),
    )
    ActieFactory(
        onderwerp=lopend,
        omschrijving=t("Grond laten testen", 300),
        gedaan=True,
        gedaan_op=timezone.now(),
    )
    bijlage_naam = t("verslag", 190) + ".pdf"
    if media_root is not None:
        Bijlage.objects.create(
            onderwerp=lopend,
            bestand=ContentFile(b"%PDF-1.4 x", name="a1b2c3.pdf"),
            oorspronkelijke_naam=bijlage_naam,
            inhoudstype="application/pdf",
            grootte=10,
        )

    # Visits in every state, with topics, participants and follow-up actions.
    bezoeken = {
        "gepland": BezoekFactory(
            wijk=wijk,
            onderwerpen=[lopend],
            deelnemers=[gebruikers["collegelid"]],
            programma=t("Wandeling door de wijk.", 5000),
            locatie=t("Buurthuis De Kern", 200),
        ),
        "gehouden": BezoekFactory(
            wijk=wijk,
            werkbezoek=True,
            gehouden=True,
            verslag=t("Het college sprak met de wijkraad.", 10000),
        ),
        "gepubliceerd": BezoekFactory(
            wijk=wijk, werkbezoek=True, gepubliceerd=True, verslag=t("Het verslag.", 10000)
        ),
        "geannuleerd": BezoekFactory(
            wijk=wijk,
            werkbezoek=True,
            geannuleerd=True,
            annuleringsreden=t("Het college is verhinderd.", 2000),
        ),
    }
    ActieFactory(
        onderwerp=None, bezoek=bezoeken["gepubliceerd"], omschrijving=t("Speeltuin opknappen", 300)
    )

    # Meetings: an upcoming college meeting with a proposal and an agenda item, a past
    # council meeting with a decision and a commitment, a draft.
    vergadering = VergaderingFactory(locatie=t("Stadhuis, collegekamer", 200))
    voorstel = AgendapuntFactory(
        vergadering=vergadering,
        status=AgendapuntStatus.VOORGESTELD,
        voorgesteld_door=wijk.wijkwethouder,
        titel=t("Oversteek Koolmeesweg", 200),
        toelichting=t("Voorstel van de wijkwethouder.", 5000),
        onderwerpen=[onderwerpen[Status.BIJ_WIJKWETHOUDER]],
    )
    agendapunt = AgendapuntFactory(
        vergadering=vergadering,
        titel=t("Natuurspeelplek", 200),
        onderwerpen=[onderwerpen[Status.GEAGENDEERD_COLLEGE]],
    )
    raad = VergaderingFactory(raad=True, geweest=True)
    besluit = BesluitFactory(
        agendapunt=AgendapuntFactory(
            vergadering=raad,
            onderwerpen=[onderwerpen[Status.GEAGENDEERD_RAAD]],
            titel=t("Buurthuis open", 200),
        ),
        toelichting=t("De raad stemt in.", 5000),
    )
    ToezeggingFactory(
        besluit=besluit,
        wijk=wijk,
        omschrijving=t("De gemeente plaatst een snelheidsdisplay.", 500),
        verantwoordelijke=t("Wethouder verkeer", 150),
    )
    VergaderingFactory(concept=True)

    contactmoment = ContactmomentFactory(
        wijk=wijk,
        groep=wijkraad,
        onderwerp=t("Kennismaking met het nieuwe bestuur", 200),
        notitie=t("Het bestuur zoekt nog een penningmeester.", 10000),
    )
    ContactmomentFactory(
        wijk=wijk,
        met_bewoner=True,
        met_vervolg=True,
        bewoner=naam("Mevrouw Jansen"),
        vervolg=t("Terugbellen.", 2000),
    )

    # A ward archived after a CBS re-division, with its former neighbourhood and an item;
    # and a ward of a second municipality, so that the ward list groups by municipality.
    vervallen = WijkFactory(naam=t("Oud-Noorderwijk", 100), vervallen_per=2024)
    BuurtFactory(wijk=vervallen, naam=t("Molenbuurt", 100), vervallen_per=2024)
    OnderwerpFactory(
        wijk=vervallen, openbaar_=True, thema=thema, titel=t("Bankjes bij de molen", 150)
    )
    WijkFactory(
        naam=t("Westerwijk", 100), gemeentecode="GM8801", gemeentenaam=t("Buurgemeente", 100)
    )

    # Follows: the resident follows the ward; someone else's follow gives an unsubscribe link.
    Volger.objects.create(gebruiker=gebruikers["bewoner"], wijk=wijk)
    afmelder = Volger.objects.create(gebruiker=GebruikerFactory(), wijk=wijk)

    wereld.update(
        onderwerpen=onderwerpen,
        concept=onderwerpen[Status.CONCEPT],
        ingediend=onderwerpen[Status.INGEDIEND],
        wijkraad=wijkraad,
        gestopt=gestopt,
        vereniging=vereniging,
        functie=functie,
        vacature=vacature,
        professional=professional,
        bezoeken=bezoeken,
        vergadering=vergadering,
        raad=raad,
        voorstel=voorstel,
        agendapunt=agendapunt,
        contactmoment=contactmoment,
        afmeldtoken=volgen.afmeldtoken(afmelder),
        vervallen=vervallen,
    )
    wereld.update(_meedenken(wijk, gebruikers, t))
    return wereld


def _meedenken(wijk, gebruikers, t) -> dict:
    """An open question of the ward with options, public responses (one by name, one
    anonymous) and a ward meeting, and a closed one with written, unpublished feedback."""
    from meedenken.models import Beoordeling
    from tests.meedenken.factories import (
        BijeenkomstFactory,
        InbrengFactory,
        MeedenkvraagFactory,
        TerugkoppelingFactory,
    )

    vraag = MeedenkvraagFactory(
        wijken=[wijk],
        titel=t("Hoe richten we het Molenplein in?", 150),
        vraag=t("Wat vindt u belangrijk op het plein?", 5000),
        achtergrond=t("Het budget ligt vast; de bomen blijven staan.", 20000),
        reacties_openbaar=True,
        opties=[t("Meer groen", 200), t("Een speelplek", 200)],
    )
    BijeenkomstFactory(vraag=vraag, plaats=t("Buurthuis De Linde", 200))
    InbrengFactory(
        vraag=vraag,
        gebruiker=gebruikers["indiener"],
        tekst=t("Meer bankjes in de schaduw.", 5000),
        beoordeling=Beoordeling.OPENBAAR,
        toon_naam=True,
    )
    InbrengFactory(vraag=vraag, gebruiker=gebruikers["bewoner"], tekst=t("Een speelplek.", 5000))
    gesloten = MeedenkvraagFactory(wijken=[wijk], gesloten=True, opties=["Ja", "Nee"])
    TerugkoppelingFactory(vraag=gesloten, besluit=t("We planten bomen.", 10000))
    return {"meedenkvraag": vraag, "meedenkvraag_gesloten": gesloten}

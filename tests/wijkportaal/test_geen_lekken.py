"""No personal data of a submitter leaves through a public page, feed, export or email
(QUALITY.md: privacy; bad input 24).

One ward full of everything the public sees: items of both kinds in every state, with
attachments, actions, public and internal messages, steps with a public explanation and
an internal note, on a meeting's agenda and among a visit's topics, and a vacancy someone
responded to. The submitters have names, email addresses, a telephone number and a
street address nobody else has. Two of them chose "anoniem"; one chose to appear by name
(then the name may show, the email address never). The telephone number and address are
in what only officials see: the text as typed (the public text was screened), internal
notes, non-public answers, advice, a vacancy response.

Every page of the URLconf (outside the admin) is rendered signed out and as another
resident, with arguments for every object of the world; then the calendar feeds, the
follow emails (direct and weekly), the public JSON export of "my data" of someone else,
and the dashboards, ward report and agenda pages of the officials who read them, which
show names only of those who chose so.
"""

import datetime
import io
import re
from urllib.parse import quote, quote_plus

import pytest
import time_machine
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from contacten.models import Besluit, Vergadering
from initiatieven.keuzes import Soort, Status
from initiatieven.models import Actie, Bericht, Bijlage, Onderwerp, Statuswijziging
from tests.contacten.factories import (
    AgendapuntFactory,
    BesluitFactory,
    BezoekFactory,
    ContactmomentFactory,
    ToezeggingFactory,
    VergaderingFactory,
)
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.wijken.factories import (
    BestuursfunctieFactory,
    BewonersgroepFactory,
    BuurtFactory,
    InteressereactieFactory,
    WijkFactory,
    WijkprofessionalFactory,
)
from wijken import volgen
from wijken.models import Berichtfrequentie, Volger

pytestmark = pytest.mark.django_db

# Nobody else in the world has these; none may appear where they do not belong.
ANONIEM = [
    {"weergavenaam": "Zulkarnain Vrijdaghuis", "email": "zulkarnain.lek@prive.example"},
    {"weergavenaam": "Ottoline Brakkeveen", "email": "ottoline.lek@prive.example"},
]
MET_NAAM = {"weergavenaam": "Hendrikje Zichtbaarveld", "email": "hendrikje.lek@prive.example"}
TELEFOON = "06-98761234"
ADRES = "Geheimweg 13b"

#: What officials' overviews never show: an email address, or the name of someone who
#: chose "anoniem". (They do show internal text: the original title, the advice.)
NOOIT_VOOR_MEDEWERKERS = [
    *(p["weergavenaam"] for p in ANONIEM),
    *(p["email"] for p in ANONIEM),
    MET_NAAM["email"],
]

#: Strings that never appear on a public page, feed or export.
NOOIT = [
    *(p["weergavenaam"] for p in ANONIEM),
    *(p["email"] for p in ANONIEM),
    MET_NAAM["email"],
    TELEFOON,
    ADRES,
    # The local part alone, in case an address is shown cut or obfuscated.
    "zulkarnain.lek",
    "ottoline.lek",
    "hendrikje.lek",
]

CONTACTLOG_NAAM = "Gerritdina Kwakernaak"

# URL names left out, each with the reason.
OVERGESLAGEN = {
    "set_language": "POST only, answers with a redirect",
    "account_confirm_email": "a token of an email confirmation; no submitter data",
    "account_reset_password_from_key": "a reset token; no submitter data",
    "healthz": "a plain 'ok'",
    "account_logout": "GET asks to confirm; signing out is tested elsewhere",
}


def _client(gebruiker=None) -> Client:
    c = Client()
    if gebruiker is not None:
        c.force_login(gebruiker)
    return c


def _inhoud(response) -> str:
    if getattr(response, "streaming", False):
        lichaam = b"".join(response.streaming_content)
    else:
        lichaam = response.content
    koppen = " ".join(f"{k}: {v}" for k, v in response.headers.items())
    return koppen + "\n" + lichaam.decode("utf-8", errors="replace")


def _geen_lek(tekst: str, waar: str, *, ook=(), verboden=NOOIT) -> None:
    gevonden = [s for s in (*verboden, *ook) if s.lower() in tekst.lower()]
    if gevonden:
        plek = tekst.lower().find(gevonden[0].lower())
        print(f"\n--- {waar}:\n{tekst[max(plek - 600, 0) : plek + 200]}")
    assert not gevonden, f"{waar} shows {gevonden}"


@pytest.fixture
def wereld(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    wijk = WijkFactory(met_staf=True, naam="Noord")
    buurt = BuurtFactory(wijk=wijk, naam="Molenwijk")
    thema = ThemaFactory(naam="Groen en spelen")
    anoniem = [GebruikerFactory(**p) for p in ANONIEM]
    met_naam = GebruikerFactory(**MET_NAAM)
    indieners = [*anoniem, met_naam]
    groep = BewonersgroepFactory(wijk=wijk, naam="Buurtvereniging Molenwijk")
    functie = BestuursfunctieFactory(groep=groep, vacant=True)
    InteressereactieFactory(
        functie=functie, gebruiker=anoniem[0], bericht=f"Bel me op {TELEFOON}, {ADRES}."
    )
    WijkprofessionalFactory(wijk=wijk)

    onderwerpen = []
    statussen = [s for s in Status if s != Status.CONCEPT]
    for i, (soort, status) in enumerate((soort, status) for soort in Soort for status in statussen):
        indiener = indieners[i % len(indieners)]
        extra = {}
        if status == Status.AFGEROND:
            extra["resultaat"] = "De moestuin is er gekomen."
        if status == Status.NOG_NIET_MOGELIJK:
            extra["herbezien_op"] = timezone.localdate() + datetime.timedelta(days=90)
        onderwerp = OnderwerpFactory(
            wijk=wijk,
            buurt=buurt,
            thema=thema,
            soort=soort,
            status=status,
            indiener=indiener,
            toon_naam=indiener == met_naam,
            openbaar=True,
            gepubliceerd_op=timezone.now() - datetime.timedelta(hours=1),
            # As typed: contact details the advisor took out of the public text.
            titel=f"Bankje bij {ADRES}",
            beschrijving=f"Mail {indiener.email} of bel {TELEFOON}. {indiener.weergavenaam}",
            locatie=ADRES,
            publieke_titel=f"Bankje in de Molenwijk {i}",
            publieke_beschrijving="Een bankje bij de vijver.",
            advies_wethouder=f"Indiener belde vanaf {TELEFOON}",
            **extra,
        )
        Statuswijziging.objects.create(
            onderwerp=onderwerp,
            van=Status.INGEDIEND,
            naar=status,
            door=wijk.wijkadviseur,
            door_rol="wijkadviseur",
            publieke_toelichting="We gaan ermee aan de slag.",
            interne_notitie=f"Gebeld met {indiener.weergavenaam}, {TELEFOON}, {indiener.email}",
        )
        Bericht.objects.create(
            onderwerp=onderwerp,
            door=wijk.wijkadviseur,
            tekst="Dank voor uw melding.",
            openbaar=True,
        )
        Bericht.objects.create(
            onderwerp=onderwerp,
            door=wijk.wijkadviseur,
            tekst=f"Intern: {indiener.email} woont op {ADRES}",
            openbaar=False,
        )
        Actie.objects.create(
            onderwerp=onderwerp, omschrijving="Bankje bestellen", eigenaar="Wijkadviseur"
        )
        Bijlage.objects.create(
            onderwerp=onderwerp,
            bestand=ContentFile(b"\xff\xd8\xffJPEGDATA", name="8f3a2b.jpg"),
            # A file name that names the person: only the submitter sees it (14.2).
            oorspronkelijke_naam=f"foto van {indiener.email}.jpg",
            inhoudstype="image/jpeg",
            grootte=12,
        )
        onderwerpen.append(onderwerp)

    # Never public: a draft and an item its submitter asked to keep non-public.
    onderwerpen.append(
        OnderwerpFactory(wijk=wijk, indiener=anoniem[0], concept=True, titel=f"Concept {ADRES}")
    )
    onderwerpen.append(
        OnderwerpFactory(
            wijk=wijk, indiener=anoniem[1], wil_niet_openbaar=True, titel=f"Niet {TELEFOON}"
        )
    )

    vergadering = VergaderingFactory()
    punt = AgendapuntFactory(vergadering=vergadering, onderwerpen=onderwerpen[:4])
    besluit = BesluitFactory(agendapunt=punt)
    ToezeggingFactory(besluit=besluit, wijk=wijk)
    bezoek = BezoekFactory(wijk=wijk, onderwerpen=onderwerpen[4:8])
    verslag = BezoekFactory(
        wijk=wijk, werkbezoek=True, gepubliceerd=True, onderwerpen=onderwerpen[8:10]
    )
    Actie.objects.create(bezoek=verslag, omschrijving="Terugkoppelen", eigenaar="Wethouder")
    # The contact log names the resident an official spoke with: for the ward's officials
    # (their dashboard shows it), never for the public.
    ContactmomentFactory(wijk=wijk, met_bewoner=True, bewoner=CONTACTLOG_NAAM)

    # Meedenken: the anonymous residents responded to a question whose responses are
    # public after screening, and were screened public; they stay "anoniem" everywhere.
    from tests.meedenken.factories import (
        InbrengbijlageFactory,
        InbrengFactory,
        MeedenkvraagFactory,
        VraagbijlageFactory,
    )

    meedenkvraag = MeedenkvraagFactory(wijken=[wijk], reacties_openbaar=True, opties=["Ja"])
    VraagbijlageFactory(vraag=meedenkvraag)
    for persoon, openbaar in zip(anoniem, (True, False), strict=True):
        inbreng = InbrengFactory(
            vraag=meedenkvraag, gebruiker=persoon, openbaar=openbaar, tekst="Bankjes."
        )
        # A file name that names the anonymous respondent: only they see it; every
        # download, public or for the ward's officials, has a neutral name.
        InbrengbijlageFactory(
            inbreng=inbreng,
            oorspronkelijke_naam=f"schets {persoon.weergavenaam} {persoon.email}.pdf",
        )

    buurvrouw = GebruikerFactory(weergavenaam="Buurvrouw", email="buurvrouw@example.test")
    return {
        "meedenkvragen": [meedenkvraag],
        "wijk": wijk,
        "groep": groep,
        "functie": functie,
        "onderwerpen": onderwerpen,
        "vergadering": vergadering,
        "punt": punt,
        "bezoeken": [bezoek, verslag],
        "buurvrouw": buurvrouw,
    }


# --- every page of the URLconf -------------------------------------------------------------


def _patronen(patronen, ns=None):
    for patroon in patronen:
        if isinstance(patroon, URLResolver):
            if patroon.app_name == "admin":
                continue
            naam = patroon.namespace
            yield from _patronen(
                patroon.url_patterns, f"{ns}:{naam}" if ns and naam else naam or ns
            )
        elif isinstance(patroon, URLPattern) and patroon.name:
            yield (f"{ns}:{patroon.name}" if ns else patroon.name), patroon


def _open311_argumenten(naam: str, w) -> list[dict]:
    """Open311 GeoReport v2 (opendata): both formats, every theme's service definition and
    every item of the world as a request (published or not, bottleneck or initiative)."""
    from initiatieven.models import Thema
    from opendata.open311 import diensten

    uit = []
    for fmt in ("json", "xml"):
        if naam == "opendata:open311_service":
            uit += [
                {"service_code": diensten.service_code(t.pk), "fmt": fmt}
                for t in Thema.objects.all()
            ]
        elif naam == "opendata:open311_request":
            uit += [{"service_request_id": str(o.pk), "fmt": fmt} for o in w["onderwerpen"]]
        else:
            uit.append({"fmt": fmt})
    return uit


def _argumenten(naam: str, params: set[str], w) -> list[dict]:
    """Every object of the world a URL with parameters can be about."""
    if not params:
        return [{}]
    if naam.startswith("opendata:open311_"):
        return _open311_argumenten(naam, w)
    wijk, o = w["wijk"], w["onderwerpen"]
    pk = lambda qs: [{"pk": x.pk} for x in qs]  # noqa: E731
    if params == {"code"}:
        return [{"code": wijk.code}]
    if naam == "initiatieven:bijlage":
        return [{"pk": b.onderwerp_id, "bijlage": b.pk} for b in Bijlage.objects.all()]
    if naam == "meedenken:vraagbijlage":
        from meedenken.models import Vraagbijlage

        return [{"pk": b.vraag_id, "bijlage": b.pk} for b in Vraagbijlage.objects.all()]
    if naam == "meedenken:inbrengbijlage":
        from meedenken.models import Inbrengbijlage

        return [
            {"pk": b.inbreng.vraag_id, "inbreng": b.inbreng_id}
            for b in Inbrengbijlage.objects.select_related("inbreng")
        ]
    if naam == "opendata:download":
        # Every dataset in every format (tests/opendata/test_exports_lekken.py looks closer).
        from opendata.exports import DATASETS, FORMATEN

        return [{"dataset": d, "formaat": f} for d in DATASETS for f in FORMATEN]
    if naam == "wijken:afmelden":
        volger, _ = volgen.volger_opslaan(
            gebruiker=w["buurvrouw"], wijk=wijk, frequentie=Berichtfrequentie.DIRECT
        )
        return [{"token": volgen.afmeldtoken(volger)}]
    tabel = {
        "initiatieven:actie_afvinken": lambda: pk(Actie.objects.filter(onderwerp__isnull=False)),
        "bezoeken:actie_afvinken": lambda: pk(Actie.objects.filter(bezoek__isnull=False)),
        "initiatieven:voorstel_accepteren": lambda: pk([w["punt"]]),
        "initiatieven:voorstel_verplaatsen": lambda: pk([w["punt"]]),
        "initiatieven:voorstel_teruggeven": lambda: pk([w["punt"]]),
        "initiatieven:besluit": lambda: pk([w["punt"]]),
        "contacten:agendapunt_bewerken": lambda: pk([w["punt"]]),
        "contacten:agendapunt_verschuiven": lambda: pk([w["punt"]]),
        "contacten:toezegging_status": lambda: pk(w["punt"].besluit.toezeggingen.all()),
        "wijken:interesse": lambda: pk([w["functie"]]),
        "wijken:functie_bewerken": lambda: pk([w["functie"]]),
        "wijken:functie_verwijderen": lambda: pk([w["functie"]]),
        "wijken:professional_bewerken": lambda: pk(wijk.professionals.all()),
        "wijken:professional_verwijderen": lambda: pk(wijk.professionals.all()),
        # The Atom feeds: every item's timeline, and each kind.
        "opendata:feed_onderwerp": lambda: pk(o),
        "opendata:feed_soort": lambda: [{"soort": s} for s in Soort.values],
    }
    # The read API (opendata.api): its ids, every object of the world, public or not.
    api_ids = lambda qs: [{"id": x.pk} for x in qs]  # noqa: E731
    tabel |= {
        "api-v1:onderwerp": lambda: api_ids(o),
        "api-v1:vergadering": lambda: api_ids(Vergadering.objects.all()),
        "api-v1:besluit": lambda: api_ids(Besluit.objects.all()),
        "api-v1:meedenkvraag": lambda: api_ids(w["meedenkvragen"]),
    }
    if naam in tabel:
        return tabel[naam]()
    app = naam.split(":")[0]
    per_app = {
        "initiatieven": lambda: pk(o),
        "wijken": lambda: pk([w["groep"]]),
        "contacten": lambda: pk([w["vergadering"]]),
        "bezoeken": lambda: pk(w["bezoeken"]),
        "contactmomenten": lambda: pk(wijk.contactmomenten.all()),
        "meedenken": lambda: pk(w["meedenkvragen"]),
    }
    if params == {"pk"} and app in per_app:
        return per_app[app]()
    raise AssertionError(f"{naam}: say which objects its parameters {params} take")


def _alle_paden(w) -> list[str]:
    paden = []
    for naam, patroon in _patronen(get_resolver().url_patterns):
        if naam in OVERGESLAGEN:
            continue
        params = set(patroon.pattern.regex.groupindex)
        for kwargs in _argumenten(naam, params, w):
            paden.append(reverse(naam, kwargs=kwargs))
    return paden


def test_geen_persoonsgegevens_op_publieke_paginas(wereld):
    paden = _alle_paden(wereld)
    assert len(paden) > 100  # every object of the world, not a handful of pages
    bekeken = 0
    for wie, c in (("signed out", _client()), ("another resident", _client(wereld["buurvrouw"]))):
        for pad in paden:
            response = c.get(pad)
            assert response.status_code < 500, pad
            _geen_lek(_inhoud(response), f"{pad} ({wie})", ook=[CONTACTLOG_NAAM])
            bekeken += response.status_code == 200
        for pad in (reverse("initiatieven:lijst"), reverse("home")):
            # Search for the hidden strings: the search must not find items by them.
            for term in (TELEFOON, ADRES, ANONIEM[0]["email"], ANONIEM[0]["weergavenaam"]):
                response = c.get(pad, {"q": term})
                # The search box shows what was typed; nothing else may match it.
                zonder_zoekterm = _inhoud(response)
                for vorm in (term, quote(term), quote_plus(term), term.lower()):
                    zonder_zoekterm = zonder_zoekterm.replace(vorm, "")
                _geen_lek(zonder_zoekterm, f"{pad}?q= ({wie})")
                assert not re.search(r"Bankje in de Molenwijk \d", response.content.decode())
    # The public item pages really rendered (a 404 everywhere would prove nothing).
    assert bekeken > 60


def test_de_naam_staat_er_alleen_als_de_indiener_dat_koos(wereld):
    met_naam = Onderwerp.objects.filter(indiener__email=MET_NAAM["email"]).first()
    anoniem = Onderwerp.objects.filter(indiener__email=ANONIEM[0]["email"], openbaar=True).first()
    html = Client().get(met_naam.get_absolute_url()).content.decode()
    assert MET_NAAM["weergavenaam"] in html
    html = Client().get(anoniem.get_absolute_url()).content.decode()
    assert ANONIEM[0]["weergavenaam"] not in html
    assert 'id="indiener"' in html


# --- feeds, emails and exports -------------------------------------------------------------


def test_geen_persoonsgegevens_in_agendafeeds(wereld):
    for pad in (
        reverse("bezoeken:ical"),
        reverse("bezoeken:ical_wijk", args=[wereld["wijk"].code]),
    ):
        response = Client().get(pad)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        tekst = _inhoud(response)
        assert "BEGIN:VEVENT" in tekst
        # iCalendar folds long lines: unfold before searching.
        _geen_lek(tekst.replace("\r\n ", ""), pad)


def test_geen_persoonsgegevens_in_atomfeeds(wereld):
    """Every Atom feed (opendata.feeds) of this world, each with entries, shows nothing
    of a submitter but a name they chose to show; a non-public item has no feed."""
    publiek = [o for o in wereld["onderwerpen"] if o.openbaar]
    paden = [
        reverse("opendata:feed_onderwerpen"),
        *(reverse("opendata:feed_soort", args=[s]) for s in Soort.values),
        reverse("opendata:feed_wijk", args=[wereld["wijk"].code]),
        *(reverse("opendata:feed_onderwerp", args=[o.pk]) for o in publiek),
        reverse("opendata:feed_vergaderingen"),
        reverse("opendata:feed_besluiten"),
    ]
    for pad in paden:
        response = Client().get(pad)
        assert response.status_code == 200, pad
        tekst = _inhoud(response)
        assert "<entry>" in tekst, pad
        _geen_lek(tekst, pad, ook=[CONTACTLOG_NAAM])
    for onderwerp in wereld["onderwerpen"]:
        if not onderwerp.openbaar:
            pad = reverse("opendata:feed_onderwerp", args=[onderwerp.pk])
            assert Client().get(pad).status_code == 404, pad


def test_geen_persoonsgegevens_in_volgberichten(wereld, django_capture_on_commit_callbacks):
    wijk = wereld["wijk"]
    direct = Volger.objects.create(
        gebruiker=wereld["buurvrouw"],
        wijk=wijk,
        frequentie=Berichtfrequentie.DIRECT,
        laatst_bericht=timezone.now() - datetime.timedelta(days=2),
    )
    week = Volger.objects.create(
        gebruiker=GebruikerFactory(email="weekvolger@example.test"),
        wijk=wijk,
        frequentie=Berichtfrequentie.WEKELIJKS,
        laatst_bericht=timezone.now() - datetime.timedelta(days=8),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert volgen.direct_versturen.call(wijk_id=wijk.pk) == 1
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(minutes=5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("wijkberichten", stdout=io.StringIO())
    ontvangers = sorted(a for m in mail.outbox for a in m.to)
    assert ontvangers == sorted([direct.gebruiker.email, week.gebruiker.email])
    for bericht in mail.outbox:
        delen = [bericht.subject, bericht.body, *(a.content for a in bericht.alternatives)]
        tekst = "\n".join([*delen, *(f"{k}: {v}" for k, v in bericht.extra_headers.items())])
        assert "Bankje in de Molenwijk" in tekst  # the news is there...
        _geen_lek(tekst, f"follow email to {bericht.to}")  # ...the people are not


def test_download_van_mijn_gegevens_van_een_ander_bevat_niets_van_indieners(wereld):
    for formaat in ({"formaat": "json"}, {}):
        response = _client(wereld["buurvrouw"]).get(reverse("mijngegevens:download"), formaat)
        assert response.status_code == 200
        _geen_lek(_inhoud(response), f"my data {formaat}")


# --- what officials read: dashboards, report, agendas ---------------------------------------


def test_geen_persoonsgegevens_op_dashboards_rapport_en_agenda(wereld):
    """The design names the submitter to the ward's officials on the triage page (each
    view logged); the dashboards, the ward report and the agendas show items and their
    internal text, but not who raised them if they chose "anoniem", and never an email
    address."""
    wijk = wereld["wijk"]
    collegelid = GebruikerFactory(collegelid=True, tweede_factor=True)
    griffie = GebruikerFactory(griffie=True, tweede_factor=True)
    paginas = [
        (wijk.wijkwethouder, reverse("wijkdashboard")),
        (wijk.wijkwethouder, reverse("wijkdashboard_wijk", args=[wijk.code])),
        (wijk.wijkwethouder, reverse("wijkdashboard_onderwerpen", args=[wijk.code])),
        (wijk.wijkwethouder, reverse("wijkrapport", args=[wijk.code])),
        (wijk.wijkwethouder, reverse("initiatieven:agenderen")),
        (wijk.wijkadviseur, reverse("wijkdashboard_wijk", args=[wijk.code])),
        (wijk.wijkadviseur, reverse("wijkrapport", args=[wijk.code])),
        (collegelid, reverse("collegeoverzicht")),
        (collegelid, reverse("wijkdashboard_wijk", args=[wijk.code])),
        (collegelid, reverse("contacten:agenda")),
        (griffie, reverse("initiatieven:agenda_griffie")),
        (griffie, reverse("contacten:vergadering", args=[wereld["vergadering"].pk])),
        (griffie, reverse("contacten:agendapunt_bewerken", args=[wereld["punt"].pk])),
        *(
            (wijk.wijkwethouder, reverse("bezoeken:bezoek", args=[b.pk]))
            for b in wereld["bezoeken"]
        ),
    ]
    for wie, pad in paginas:
        response = _client(wie).get(pad, follow=True)
        assert response.status_code == 200, (pad, wie.rol)
        _geen_lek(_inhoud(response), f"{pad} ({wie.rol})", verboden=NOOIT_VOOR_MEDEWERKERS)


# --- every page as every official: only triage names an anonymous submitter ------------------

#: The one page that names the submitter to the ward's officials; each view is logged.
NOEMT_INDIENER = {"initiatieven:triage"}


def _medewerkers(wijk):
    return [
        wijk.wijkadviseur,
        wijk.opbouwwerker,
        wijk.wijkwethouder,
        GebruikerFactory(collegelid=True, tweede_factor=True),
        GebruikerFactory(griffie=True, tweede_factor=True),
    ]


def test_medewerkers_zien_anonieme_indieners_nergens_dan_op_triage(wereld):
    """Issue 14.1: the internal item page's timeline said "Ingediend … Door <name>" of an
    anonymous submitter. Every page of the URLconf, as every official who works with the
    ward's items, names nobody who chose "anoniem" (and shows no email address); the
    triage page does, and each view of it is logged."""
    from contacten.audit import AuditActie, AuditRegel

    wijk = wereld["wijk"]
    # A response to a vacancy asks to be contacted: the group's managers see who sent it,
    # whatever that person chose for their items. Not what this test is about.
    wereld["functie"].reacties.all().delete()
    # Free text people typed (the submitter's own description, an advisor's note) says
    # what its writer put in it; this test is about the names the portal itself adds.
    Onderwerp.objects.update(beschrijving=f"Bel {TELEFOON}.")
    Statuswijziging.objects.update(interne_notitie=f"Gebeld: {TELEFOON}")
    Bericht.objects.filter(openbaar=False).update(tekst=f"Intern: woont op {ADRES}")
    # The submitters' own steps: submitting and withdrawing are theirs.
    for onderwerp in wereld["onderwerpen"]:
        Statuswijziging.objects.create(
            onderwerp=onderwerp,
            van=Status.CONCEPT,
            naar=Status.INGEDIEND,
            door=onderwerp.indiener,
            door_rol="bewoner",
            tijdstip=timezone.now() - datetime.timedelta(days=3),
        )
    triage, paden = [], []
    for naam, patroon in _patronen(get_resolver().url_patterns):
        if naam in OVERGESLAGEN:
            continue
        for kwargs in _argumenten(naam, set(patroon.pattern.regex.groupindex), wereld):
            (triage if naam in NOEMT_INDIENER else paden).append(reverse(naam, kwargs=kwargs))
    bekeken = 0
    for medewerker in _medewerkers(wijk):
        c = _client(medewerker)
        for pad in paden:
            response = c.get(pad)
            assert response.status_code < 500, pad
            _geen_lek(
                _inhoud(response), f"{pad} ({medewerker.rol})", verboden=NOOIT_VOOR_MEDEWERKERS
            )
            bekeken += response.status_code == 200
    assert bekeken > 300

    # The triage page does name them, and says so in the audit log, once per view.
    anoniem = Onderwerp.objects.get(indiener__email=ANONIEM[0]["email"], status=Status.INGEDIEND)
    voor = AuditRegel.objects.filter(actie=AuditActie.CONTACTGEGEVENS_BEKEKEN).count()
    response = _client(wijk.wijkadviseur).get(reverse("initiatieven:triage", args=[anoniem.pk]))
    assert ANONIEM[0]["weergavenaam"] in response.content.decode()
    regels = AuditRegel.objects.filter(actie=AuditActie.CONTACTGEGEVENS_BEKEKEN)
    assert regels.count() == voor + 1
    assert regels.latest("pk").object_id == str(anoniem.pk)


def test_emails_aan_medewerkers_noemen_anonieme_indieners_niet(
    django_capture_on_commit_callbacks,
):
    """The emails a submission sets off to officials (new item, for the alderman's
    decision, on the college agenda, accepted by the griffie, the advisors' reminder)
    name nobody who chose "anoniem"; only the submitter's own emails greet them."""
    from initiatieven import agenda, services

    wijk = WijkFactory(met_staf=True)
    indiener = GebruikerFactory(**ANONIEM[0])
    onderwerp = OnderwerpFactory(concept=True, wijk=wijk, indiener=indiener, toon_naam=False)
    griffie = GebruikerFactory(griffie=True, tweede_factor=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        onderwerp = services.onderwerp_overgang(
            onderwerp=onderwerp, naar=Status.INGEDIEND, door=indiener
        )
        onderwerp = services.onderwerp_overgang(
            onderwerp=onderwerp, naar=Status.IN_BEHANDELING, door=wijk.wijkadviseur
        )
        onderwerp = services.onderwerp_overgang(
            onderwerp=onderwerp,
            naar=Status.BIJ_WIJKWETHOUDER,
            door=wijk.wijkadviseur,
            advies="Steunen.",
        )
        punt = agenda.agenda_voorstellen(
            door=wijk.wijkwethouder,
            onderwerpen=[onderwerp],
            vergadering=VergaderingFactory(),
            titel="Bankjes",
            toelichting="Voor het college.",
        )
        agenda.voorstel_accepteren(agendapunt=punt, door=griffie)
    with (
        time_machine.travel(timezone.now() + datetime.timedelta(days=30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        OnderwerpFactory(
            wijk=wijk,
            indiener=indiener,
            eerste_reactie_voor=timezone.localdate() - datetime.timedelta(days=2),
        )
        call_command("herinneringen", stdout=io.StringIO())
    aan_medewerkers = [m for m in mail.outbox if indiener.email not in m.to]
    assert {a for m in aan_medewerkers for a in m.to} >= {
        wijk.wijkadviseur.email,
        wijk.wijkwethouder.email,
    }
    for bericht in aan_medewerkers:
        delen = [bericht.subject, bericht.body, *(a.content for a in bericht.alternatives)]
        _geen_lek("\n".join(delen), f"email to {bericht.to}", verboden=NOOIT_VOOR_MEDEWERKERS)

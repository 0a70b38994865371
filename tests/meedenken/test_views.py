"""The pages of consultation questions as a person uses them, and the bad input of the
quality bar on the response form (long, empty, script, RTL, NUL, double submit, a closed
question, responding twice, a group one is not the contact of)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from meedenken.models import Beoordeling, Inbreng
from tests.factories import GebruikerFactory
from tests.meedenken.factories import InbrengFactory, MeedenkvraagFactory, TerugkoppelingFactory
from tests.wijken.factories import BewonersgroepFactory, WijkFactory

pytestmark = pytest.mark.django_db


def _url(naam, vraag):
    return reverse(f"meedenken:{naam}", kwargs={"pk": vraag.pk})


def test_lijst_filtert_op_staat_en_wijk(client):
    open_ = MeedenkvraagFactory(titel="Open vraag")
    te_laat = MeedenkvraagFactory(te_laat=True, titel="Late vraag")
    MeedenkvraagFactory(concept=True, titel="Geheim concept")
    html = client.get(reverse("meedenken:lijst")).content.decode()
    assert "Open vraag" in html and "Late vraag" in html and "Geheim concept" not in html
    html = client.get(reverse("meedenken:lijst"), {"staat": "te_laat"}).content.decode()
    assert "Late vraag" in html and "Open vraag" not in html
    wijk = open_.wijken.get()
    html = client.get(reverse("meedenken:lijst"), {"wijk": wijk.pk}).content.decode()
    assert "Open vraag" in html and "Late vraag" not in html
    # Nonsense filters are ignored, never an error.
    onzin = {"wijk": "x'--", "staat": "\x00"}
    assert client.get(reverse("meedenken:lijst"), onzin).status_code == 200
    assert te_laat.pk


def test_lijst_telt_de_reacties_per_vraag(client):
    """The count is a subquery per row (seed_load's list took 1.3 s with a grouped join):
    right for each question, with none, and filtered by a ward when a question is asked of
    two wards (a join that could repeat rows)."""
    tweede = MeedenkvraagFactory(titel="Zonder reacties")
    vraag = MeedenkvraagFactory(titel="Met reacties")
    vraag.wijken.add(tweede.wijken.get())
    InbrengFactory.create_batch(3, vraag=vraag)
    InbrengFactory(vraag=MeedenkvraagFactory(concept=True))
    for filters in ({}, {"wijk": tweede.wijken.get().pk}):
        pagina = client.get(reverse("meedenken:lijst"), filters).context["pagina"]
        assert {v.titel: v.aantal_inbreng for v in pagina} == {
            "Met reacties": 3,
            "Zonder reacties": 0,
        }
        assert pagina.paginator.count == 2


def test_openbare_reacties_per_pagina(client):
    """A page of public responses at a time, all of them reachable (the page showed the
    first 200 and no more), in the order they came in."""
    from meedenken.views import PER_PAGINA

    vraag = MeedenkvraagFactory(reacties_openbaar=True)
    reacties = [
        InbrengFactory(vraag=vraag, openbaar=True, tekst=f"Reactie {i}")
        for i in range(PER_PAGINA + 3)
    ]
    InbrengFactory(vraag=vraag, tekst="Nog niet beoordeeld")
    eerste = client.get(vraag.get_absolute_url())
    assert [i.pk for i in eerste.context["reacties"]] == [r.pk for r in reacties[:PER_PAGINA]]
    html = eerste.content.decode()
    assert 'href="?page=2"' in html
    tweede = client.get(vraag.get_absolute_url(), {"page": 2})
    assert [i.pk for i in tweede.context["reacties"]] == [r.pk for r in reacties[PER_PAGINA:]]
    assert "Nog niet beoordeeld" not in eerste.content.decode() + tweede.content.decode()
    # A page number out of range or nonsense shows a page, never an error.
    assert client.get(vraag.get_absolute_url(), {"page": "x'"}).status_code == 200


def test_uitslag_pas_na_sluiting(client):
    vraag = MeedenkvraagFactory(opties=["Bomen", "Bankjes"])
    bomen = vraag.opties.first()
    for _ in range(3):
        InbrengFactory(vraag=vraag, tekst="").keuzes.set([bomen])
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert 'id="uitslag"' not in html
    vraag.sluit_op = timezone.now()
    vraag.open_vanaf = timezone.now() - timezone.timedelta(days=9)
    vraag.save()
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert 'id="uitslag"' in html
    assert '<td class="text-end">3</td>' in html


def test_reageren_met_script_en_rtl_getoond_als_tekst_na_beoordeling(client):
    vraag = MeedenkvraagFactory(reacties_openbaar=True)
    bewoner = GebruikerFactory(weergavenaam="Jan Geheim")
    client.force_login(bewoner)
    tekst = "<script>alert(1)</script> \u202egnp.exe 👍"
    response = client.post(_url("reageren", vraag), {"tekst": tekst})
    assert response.status_code == 302
    inbreng = Inbreng.objects.get()
    assert inbreng.tekst == tekst and not inbreng.toon_naam
    # Not public before screening.
    client.logout()
    assert "alert(1)" not in client.get(vraag.get_absolute_url()).content.decode()
    Inbreng.objects.update(beoordeling=Beoordeling.OPENBAAR)
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "Jan Geheim" not in html  # chose anonymous (the default)


@pytest.mark.parametrize(
    ("tekst", "fout"),
    [
        ("", "Schrijf je reactie"),
        ("   ", "Schrijf je reactie"),
        ("x" * 5001, "5000"),
        ("nul\x00byte", "Null"),
    ],
)
def test_slechte_reactie_geweigerd(client, tekst, fout):
    vraag = MeedenkvraagFactory()
    client.force_login(GebruikerFactory())
    response = client.post(_url("reageren", vraag), {"tekst": tekst}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert not Inbreng.objects.exists()
    html = response.content.decode()
    assert fout in html or fout.lower() in html.lower()


def test_dubbel_versturen_en_tweemaal_reageren_geeft_een_reactie(client):
    vraag = MeedenkvraagFactory()
    client.force_login(GebruikerFactory())
    for tekst in ("Eerste", "Eerste", "Tweede"):
        assert client.post(_url("reageren", vraag), {"tekst": tekst}).status_code == 302
    assert list(Inbreng.objects.values_list("tekst", flat=True)) == ["Tweede"]


def test_gesloten_vraag_neemt_niets_aan(client):
    vraag = MeedenkvraagFactory(gesloten=True)
    client.force_login(GebruikerFactory())
    response = client.post(_url("reageren", vraag), {"tekst": "Te laat"})
    assert response.status_code == 302
    assert not Inbreng.objects.exists()


def test_namens_een_groep_waarvan_je_geen_contact_bent(client):
    vraag = MeedenkvraagFactory()
    eigen = BewonersgroepFactory()
    andere = BewonersgroepFactory()
    bewoner = GebruikerFactory()
    eigen.contactpersonen.set([bewoner])
    client.force_login(bewoner)
    response = client.post(_url("reageren", vraag), {"tekst": "Namens", "namens": andere.pk})
    assert response.status_code == 400  # not a choice offered
    assert not Inbreng.objects.exists()
    response = client.post(_url("reageren", vraag), {"tekst": "Namens", "namens": eigen.pk})
    assert response.status_code == 302
    assert Inbreng.objects.get().groep == eigen


def test_andermans_reactie_wijzigen_kan_niet(client):
    vraag = MeedenkvraagFactory()
    andermans = InbrengFactory(vraag=vraag, tekst="Van een ander")
    client.force_login(GebruikerFactory())
    client.post(_url("reageren", vraag), {"tekst": "Overschreven"})
    andermans.refresh_from_db()
    assert andermans.tekst == "Van een ander"
    assert Inbreng.objects.count() == 2


def test_terugkoppeling_op_de_vraagpagina_pas_na_publiceren(client):
    t = TerugkoppelingFactory(besluit="We planten twintig bomen.")
    assert "twintig bomen" not in client.get(t.vraag.get_absolute_url()).content.decode()
    t.gepubliceerd_op = timezone.now()
    t.save()
    html = client.get(t.vraag.get_absolute_url()).content.decode()
    assert "twintig bomen" in html


def test_wijkpagina_toont_de_vraag(client):
    vraag = MeedenkvraagFactory(titel="Wat doen we met het plein?")
    wijk = vraag.wijken.get()
    html = client.get(wijk.get_absolute_url()).content.decode()
    assert 'id="meedenkvragen"' in html and "Wat doen we met het plein?" in html


@pytest.mark.parametrize("schaal", [1, 4])
def test_dashboardcijfers_kloppen_en_groeien_niet(client, schaal, django_assert_num_queries):
    from meedenken.dashboard import collegecijfers, met_wijkcijfers, wijkcijfers
    from wijken.models import Wijk

    vraag = MeedenkvraagFactory()
    wijk = vraag.wijken.get()
    for _ in range(schaal):
        InbrengFactory(vraag=vraag)
        MeedenkvraagFactory(te_laat=True, wijken=[wijk])
        MeedenkvraagFactory(alle_wijken=True, wijken=[])  # open, counts for every ward
        MeedenkvraagFactory(wijken=[MeedenkvraagFactory().wijken.get()])  # another ward
    verwacht = {"open": 1 + schaal, "reacties": schaal, "te_laat": schaal}
    with django_assert_num_queries(1):
        geladen = met_wijkcijfers(Wijk.objects.all()).get(pk=wijk.pk)
        assert wijkcijfers(geladen)["cijfers"] == verwacht
    with django_assert_num_queries(1):
        assert wijkcijfers(wijk)["cijfers"] == verwacht
    with django_assert_num_queries(2):
        rijen = collegecijfers([wijk])["rijen"]
    assert {k: rijen[0][k] for k in verwacht} == verwacht


def test_adviseur_ziet_na_sluiting_de_knop_voor_terugkoppeling(client):
    vraag = MeedenkvraagFactory(gesloten=True)
    client.force_login(vraag.gesteld_door)
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert 'id="terugkoppeling-schrijven"' in html


def _vraagformulier(vraag, **extra):
    from django.utils import timezone as tz

    nu = tz.localtime(tz.now())
    return {
        "titel": "Titel",
        "vraag": "Wat vindt u?",
        "achtergrond": "Achtergrond.",
        "thema": vraag.thema_id,
        "wijken": [vraag.wijken.get().pk],
        "open_vanaf": nu.strftime("%Y-%m-%dT%H:%M"),
        "sluit_op": (nu + timezone.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M"),
        "terugkoppeling_voor": (nu + timezone.timedelta(days=50)).date().isoformat(),
        "open_reacties": "on",
        **extra,
    }


@pytest.mark.parametrize(
    "fout",
    [
        {"titel": "   "},
        {"titel": "x" * 151},
        {"titel": "nul\x00"},
        {"achtergrond": ""},
        {"sluit_op": "2026-13-45T99:99"},
        {"open_vanaf": "9999-12-31T23:59"},
        {"terugkoppeling_voor": "1999-01-01"},
        {"wijken": ["999999999999999999999"]},
    ],
)
def test_slechte_vraag_verandert_niets(client, fout):
    bestaand = MeedenkvraagFactory()
    client.force_login(bestaand.gesteld_door)
    response = client.post(reverse("meedenken:nieuw"), _vraagformulier(bestaand, **fout))
    assert response.status_code == 400
    # The form comes back with its error summary at the top.
    assert 'id="foutensamenvatting"' in response.content.decode()
    from meedenken.models import Meedenkvraag

    assert Meedenkvraag.objects.count() == 1


def test_script_in_de_titel_wordt_tekst(client):
    bestaand = MeedenkvraagFactory()
    client.force_login(bestaand.gesteld_door)
    titel = '"><img src=x onerror=alert(1)> \u202e'
    response = client.post(reverse("meedenken:nieuw"), _vraagformulier(bestaand, titel=titel))
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_dubbel_klikken_op_publiceren_publiceert_eenmaal(client):
    vraag = MeedenkvraagFactory(concept=True)
    client.force_login(vraag.gesteld_door)
    for _ in range(2):
        assert client.post(reverse("meedenken:publiceren", args=[vraag.pk])).status_code == 302
    vraag.refresh_from_db()
    eerste = vraag.gepubliceerd_op
    assert eerste is not None and vraag.versie == 2


def test_beoordelen_met_een_fout_toont_de_samenvatting(client):
    """A stale or tampered screening (a response of another question, an unknown action)
    comes back as the page with its error summary, and changes nothing."""
    vraag = MeedenkvraagFactory(reacties_openbaar=True)
    eigen = InbrengFactory(vraag=vraag)
    ander = InbrengFactory(vraag=MeedenkvraagFactory(reacties_openbaar=True))
    client.force_login(vraag.gesteld_door)
    for data in (
        {"inbreng": ander.pk, "actie": "openbaar"},
        {"inbreng": eigen.pk, "actie": "weg"},
        {"inbreng": "1e3", "actie": "openbaar"},
    ):
        response = client.post(_url("inbreng", vraag), data, HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 400
        html = response.content.decode()
        assert 'id="foutensamenvatting"' in html and "Kies een reactie" in html
    assert not Inbreng.objects.filter(beoordeling=Beoordeling.OPENBAAR).exists()
    response = client.post(_url("inbreng", vraag), {"inbreng": eigen.pk, "actie": "openbaar"})
    assert response.status_code == 302 and response["Location"].endswith(f"#inbreng-{eigen.pk}")
    eigen.refresh_from_db()
    assert eigen.beoordeling == Beoordeling.OPENBAAR


def test_uitslag_met_staafgrafiek_naast_de_tabel(client):
    """The results table gets a server-drawn bar chart with it: an image with a title and
    a description holding the same counts, one bar per option in the table's order, its
    length to scale, plain numbers in Dutch too (no decimal commas)."""
    import re

    from wijken.grafieken import liggende_staven

    vraag = MeedenkvraagFactory(gesloten=True, opties=["Bomen", "Bankjes", "Een fontein"])
    bomen, bankjes, _fontein = vraag.opties.all()
    for optie, aantal in ((bomen, 3), (bankjes, 1)):
        for _ in range(aantal):
            InbrengFactory(vraag=vraag, tekst="").keuzes.set([optie])
    response = client.get(vraag.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    grafiek = response.context["uitslaggrafiek"]
    assert [(s["label"], s["waarde"]) for s in grafiek.staven] == [
        ("Bomen", 3),
        ("Bankjes", 1),
        ("Een fontein", 0),
    ]
    svg = html[html.index('<svg xmlns="http://www.w3.org/2000/svg" role="img"') :]
    svg = svg[: svg.index("</svg>")]
    assert 'aria-labelledby="uitslaggrafiek-titel uitslaggrafiek-desc"' in svg
    assert "<title" in svg and "Bomen: 3; Bankjes: 1; Een fontein: 0" in svg
    assert svg.count("<rect") == 3
    assert not re.search(r'(?:x|y|height|width)="\d+,\d', svg)
    assert "<script" not in html[html.index('id="uitslag"') :].split("</section>")[0]
    # Readable on a 390 px phone: drawn in a column of about 358 px, no text under 12 px
    # (beside their bars, the labels left the chart at three quarters of its size: 8 px).
    schaal = 358 / grafiek.breedte
    groottes = [int(g) for g in re.findall(r'font-size="(\d+)"', svg)]
    assert groottes and min(groottes) * schaal >= 12, (groottes, schaal)

    lang = liggende_staven([("x" * 80, 7), ("y", 14)])
    assert lang.maximum == 20 and lang.staven[0]["label"].endswith("…")
    assert lang.staven[1]["breedte"] == pytest.approx(lang.plot_breedte * 14 / 20, abs=0.1)
    assert liggende_staven([("leeg", 0)]).staven[0]["breedte"] == 0


def test_links_van_de_terugkoppeling_alleen_als_ze_nu_openbaar_zijn(client):
    """The feedback named an agenda item and items when they were public; the question's
    page checks again when it is drawn: an item made non-public, an agenda item returned
    or its meeting back to draft, are no longer linked (for anyone)."""
    from contacten.vergaderingen import AgendapuntStatus, VergaderStatus
    from tests.contacten.factories import AgendapuntFactory
    from tests.initiatieven.factories import OnderwerpFactory

    t = TerugkoppelingFactory(gepubliceerd=True)
    vraag = t.vraag
    wijk = vraag.wijken.get()
    blijft = OnderwerpFactory(wijk=wijk, titel="Blijft openbaar", openbaar=True)
    verborgen = OnderwerpFactory(wijk=wijk, titel="Wordt verborgen", openbaar=True)
    aanleiding = OnderwerpFactory(wijk=wijk, titel="Aanleiding verborgen", openbaar=True)
    t.onderwerpen.set([blijft, verborgen])
    vraag.aanleiding.set([aanleiding])
    punt = AgendapuntFactory(titel="Besluit over het plein")
    t.agendapunt = punt
    t.save()

    html = client.get(vraag.get_absolute_url()).content.decode()
    for tekst in ("Blijft openbaar", "Wordt verborgen", "Aanleiding verborgen"):
        assert tekst in html
    assert f"#punt-{punt.pk}" in html and 'id="terugkoppeling-agendapunt"' in html

    verborgen.openbaar = False
    verborgen.save()
    aanleiding.openbaar = False
    aanleiding.niet_openbaar_reden = "Bevat een adres."
    aanleiding.save()
    punt.status = AgendapuntStatus.TERUGGEGEVEN
    punt.teruggave_reden = "Hoort bij de raad."
    punt.save()
    client.force_login(vraag.gesteld_door)  # the asker too: the page shows public links
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert "Blijft openbaar" in html
    assert "Wordt verborgen" not in html and verborgen.get_absolute_url() not in html
    assert aanleiding.get_absolute_url() not in html
    assert "Besluit over het plein" not in html and 'id="terugkoppeling-agendapunt"' not in html

    # Accepted again, but its meeting taken back to draft: still not linked.
    punt.status = AgendapuntStatus.GEAGENDEERD
    punt.save()
    punt.vergadering.status = VergaderStatus.CONCEPT
    punt.vergadering.save()
    client.logout()
    html = client.get(vraag.get_absolute_url()).content.decode()
    assert "Besluit over het plein" not in html
    punt.vergadering.status = VergaderStatus.GEPUBLICEERD
    punt.vergadering.save()
    assert "Besluit over het plein" in client.get(vraag.get_absolute_url()).content.decode()


def test_wijkdashboard_biedt_wie_mag_vragen_een_nieuwe_vraag_aan(client):
    """The ward dashboard leads the ward's advisor and alderman (and the college) to ask
    the ward a question, the ward already chosen; the community worker reads the figures
    without the link."""
    wijk = WijkFactory(met_staf=True)
    andere = WijkFactory(met_staf=True)
    adres = reverse("wijkdashboard_wijk", args=[wijk.code])
    nieuw = f"{reverse('meedenken:nieuw')}?wijk={wijk.pk}"
    for wie, verwacht in (
        (wijk.wijkwethouder, True),
        (wijk.wijkadviseur, True),
        (wijk.opbouwwerker, False),
    ):
        client.force_login(wie)
        response = client.get(adres)
        assert response.status_code == 200, wie
        assert (f'href="{escape(nieuw)}"' in response.content.decode()) is verwacht, wie
    # A college member may ask every ward: the link's ward is the one ticked.
    client.force_login(GebruikerFactory(collegelid=True, tweede_factor=True))
    form = client.get(nieuw).context["form"]
    assert [w.pk for w in form.initial["wijken"]] == [wijk.pk]
    # An alderman asked for a ward not theirs gets their own (the only one they may ask).
    client.force_login(wijk.wijkwethouder)
    for wijk_param in (andere.pk, "x", "١", ""):
        form = client.get(f"{reverse('meedenken:nieuw')}?wijk={wijk_param}").context["form"]
        assert [w.pk for w in form.initial["wijken"]] == [wijk.pk], wijk_param


def test_lijst_uit_de_cache_tot_een_vraag_opent_of_sluit(client):
    """The list is kept in the page cache and is not served from it once a question opens
    or closes: its state follows the clock, which no write reports."""
    import datetime
    from collections import Counter

    import time_machine

    from wijken import pagecache

    begin = datetime.datetime(2026, 12, 7, 9, 30, tzinfo=datetime.UTC)
    with time_machine.travel(begin, tick=False) as reis:
        vraag = MeedenkvraagFactory(
            gepubliceerd_op=begin - datetime.timedelta(hours=1),
            open_vanaf=begin + datetime.timedelta(hours=1),
            sluit_op=begin + datetime.timedelta(days=3),
            terugkoppeling_voor=(begin + datetime.timedelta(days=40)).date(),
        )

        def staat():
            html = client.get(reverse("meedenken:lijst")).content.decode()
            return html.split(f'id="meedenkvraag-{vraag.pk}" data-staat="')[1].split('"')[0]

        assert staat() == "aangekondigd"
        voor = pagecache.stats.copy()
        assert staat() == "aangekondigd"
        assert pagecache.stats - voor == Counter({("hit", "meedenken lijst"): 1})
        reis.move_to(begin + datetime.timedelta(hours=1, seconds=1))
        assert staat() == "open"
        reis.move_to(begin + datetime.timedelta(days=3, seconds=1))
        assert staat() == "gesloten"

"""Ward pages through the test client: content, forms, emails, query budgets."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import GebruikerFactory
from tests.responses import assert_page
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
from wijken.models import (
    Bestuursfunctie,
    Bewonersgroep,
    Groepssoort,
    Interessereactie,
    Terugvalregeling,
    Wijk,
    WijkraadStatus,
)

pytestmark = pytest.mark.django_db


def vul_wijk(wijk, n):
    """A ward with n of everything the ward page shows."""
    for i in range(n):
        buurt = BuurtFactory(wijk=wijk)
        KerncijfersFactory(buurt=buurt)
        groep = BewonersgroepFactory(wijk=wijk, soort=Groepssoort.values[1 + i % 7])
        BestuursfunctieFactory(groep=groep, vacant=True)
        BestuursfunctieFactory(groep=groep, functie="lid")
        WijkprofessionalFactory(wijk=wijk)
    raad = BewonersgroepFactory(wijk=wijk, gestopt=True)
    regeling = TerugvalregelingFactory(groep=raad)
    for _ in range(n):
        TerugvalTaakFactory(regeling=regeling, overnemer="groep", groep=groep)


def aantal_queries(client, url, template: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert_page(response, template)
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url", "template"),
    [
        (lambda w: reverse("wijken:lijst"), "wijken/lijst.html"),
        (lambda w: reverse("wijken:wijk", args=[w.code]), "wijken/wijk.html"),
        (lambda w: reverse("wijken:vacatures"), "wijken/vacatures.html"),
        (lambda w: reverse("wijken:wijk_vacatures", args=[w.code]), "wijken/vacatures.html"),
        (lambda w: reverse("home"), "wijkportaal/home.html"),
    ],
)
def test_aantal_queries_groeit_niet_met_data(client, url, template, django_assert_max_num_queries):
    klein = WijkFactory(met_staf=True)
    vul_wijk(klein, 1)
    weinig = aantal_queries(client, url(klein), template)
    for _ in range(3):
        vul_wijk(WijkFactory(met_staf=True), 2)
    vul_wijk(klein, 6)
    with django_assert_max_num_queries(weinig):
        response = client.get(url(klein))
    assert_page(response, template)


def test_lijst_filtert_op_wijk_en_buurt(client):
    noord = WijkFactory(naam="Noord")
    zuid = WijkFactory(naam="Zuid")
    BuurtFactory(wijk=zuid, naam="Kanaalzone")
    antwoord = client.get(reverse("wijken:lijst"), {"q": "kanaal"})
    assert list(antwoord.context["wijken"]) == [zuid]
    assert noord.get_absolute_url() not in antwoord.content.decode()
    antwoord = client.get(reverse("wijken:lijst"), {"q": "x" * 101})
    assert antwoord.status_code == 200 and antwoord.context["form"].errors


def test_lijst_leeg(client):
    antwoord = client.get(reverse("wijken:lijst"))
    assert antwoord.status_code == 200 and list(antwoord.context["wijken"]) == []


def test_home_toont_wijkzoeker(client):
    wijk = WijkFactory()
    html = client.get(reverse("home")).content.decode()
    assert 'id="wijkzoeker"' in html and wijk.get_absolute_url() in html
    assert f'action="{reverse("wijken:lijst")}"' in html


def test_wijkpagina_toont_terugval_publiek(client):
    wijk = WijkFactory(met_staf=True)
    raad = BewonersgroepFactory(wijk=wijk, gestopt=True)
    club = BewonersgroepFactory(wijk=wijk, naam="Buurthuis")
    regeling = TerugvalregelingFactory(groep=raad, aanspreekpunt="groep", aanspreekpunt_groep=club)
    TerugvalTaakFactory(regeling=regeling, taak="Wijkschouw", overnemer="groep", groep=club)
    antwoord = client.get(wijk.get_absolute_url())
    assert antwoord.context["wijkraad"] == raad and antwoord.context["regeling"] == regeling
    html = antwoord.content.decode()
    assert 'id="terugval"' in html and club.get_absolute_url() in html
    assert 'data-status="gestopt"' in html
    # Officials are named; their personal email addresses never appear.
    assert wijk.wijkadviseur.weergavenaam in html
    assert wijk.wijkadviseur.email not in html and wijk.opbouwwerker.email not in html


def test_wijkpagina_zonder_regeling_en_onvolledig(client):
    wijk = WijkFactory()
    BewonersgroepFactory(wijk=wijk, gestopt=True)
    nieuw = BewonersgroepFactory(wijk=wijk, onvolledig=True)
    antwoord = client.get(wijk.get_absolute_url())
    # The regeling is lazy: read, it is None.
    assert antwoord.context["wijkraad"] == nieuw and not antwoord.context["regeling"]


def test_gebruikerstekst_wordt_geescaped(client):
    wijk = WijkFactory(naam='"><img src=x onerror=alert(1)>')
    groep = BewonersgroepFactory(wijk=wijk, naam="<script>alert(1)</script>")
    BestuursfunctieFactory(groep=groep, vacant=True, vacaturetekst="<b>vet</b>")
    for url in (wijk.get_absolute_url(), groep.get_absolute_url(), reverse("wijken:vacatures")):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html and "<b>vet</b>" not in html


def test_contactpersonen_niet_publiek(client, groep, groepscontact):
    html = client.get(groep.get_absolute_url()).content.decode()
    assert groepscontact.email not in html and groepscontact.weergavenaam not in html


def test_interesse_melden_via_formulier(
    client, wijk, groep, groepscontact, django_capture_on_commit_callbacks
):
    functie = BestuursfunctieFactory(groep=groep, vacant=True)
    bewoner = GebruikerFactory()
    client.force_login(bewoner)
    url = reverse("wijken:interesse", args=[functie.pk])
    # An empty message: the form comes back, nothing stored.
    antwoord = client.post(url, {"bericht": "  "})
    assert antwoord.status_code == 200 and not Interessereactie.objects.exists()
    assert 'class="foutensamenvatting' in antwoord.content.decode()
    assert 'href="#id_bericht"' in antwoord.content.decode()
    # Too long: refused, and the input comes back as typed.
    lang = "a" * 1001
    antwoord = client.post(url, {"bericht": lang})
    assert lang in antwoord.content.decode() and not Interessereactie.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, {"bericht": "Ik wil helpen", "gebruiker": "1", "functie": "9"})
    assert antwoord.status_code == 302 and antwoord["Location"] == groep.get_absolute_url()
    reactie = Interessereactie.objects.get()
    assert (reactie.gebruiker, reactie.functie, reactie.bericht) == (
        bewoner,
        functie,
        "Ik wil helpen",
    )
    assert set(mail.outbox[0].to) == {groepscontact.email, wijk.wijkadviseur.email}
    # A second POST (double click) stores and sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"bericht": "Nog eens"})
    assert Interessereactie.objects.count() == 1 and len(mail.outbox) == 1


def test_reacties_zichtbaar_voor_groepscontact(client, groep, groepscontact):
    reactie = InteressereactieFactory(functie__groep=groep, bericht="Graag!")
    client.force_login(groepscontact)
    html = client.get(reverse("wijken:groep_beheer", args=[groep.pk])).content.decode()
    assert f'id="reactie-{reactie.pk}"' in html and reactie.gebruiker.email in html


def test_groepscontact_kan_geen_account_koppelen(client, groep, groepscontact):
    ander = GebruikerFactory()
    client.force_login(groepscontact)
    url = reverse("wijken:functie_nieuw", args=[groep.pk])
    assert "gebruiker" not in client.get(url).context["form"].fields
    client.post(
        url, {"functie": "lid", "bezetting": "bezet", "naam": "Lid", "gebruiker": ander.email}
    )
    assert Bestuursfunctie.objects.get().gebruiker is None


def test_adviseur_koppelt_account_en_publiceert_vacature(client, wijk, groep):
    lid = GebruikerFactory()
    client.force_login(wijk.wijkadviseur)
    url = reverse("wijken:functie_nieuw", args=[groep.pk])
    client.post(
        url, {"functie": "lid", "bezetting": "bezet", "naam": "Lid", "gebruiker": lid.email}
    )
    assert Bestuursfunctie.objects.get().gebruiker == lid
    # Vacant without a text: an error tied to the field, nothing stored.
    antwoord = client.post(url, {"functie": "secretaris", "bezetting": "vacant"})
    assert antwoord.status_code == 200 and Bestuursfunctie.objects.count() == 1
    assert (
        'aria-describedby="id_vacaturetekst_helptext id_vacaturetekst_error"'
        in antwoord.content.decode()
    )
    client.post(
        url, {"functie": "secretaris", "bezetting": "vacant", "vacaturetekst": "Wie?", "naam": "X"}
    )
    vacature = Bestuursfunctie.objects.vacatures().get()
    assert vacature.naam == "" and vacature.functie == "secretaris"


def test_groep_aanmaken_met_contactpersonen(client, wijk):
    contact = GebruikerFactory()
    buurt = BuurtFactory(wijk=wijk)
    vreemde_buurt = BuurtFactory()
    client.force_login(wijk.opbouwwerker)
    url = reverse("wijken:groep_nieuw", args=[wijk.code])
    data = {"naam": "Club", "soort": "sportvereniging", "contactpersonen": "onbekend@example.test"}
    antwoord = client.post(url, data)
    assert antwoord.status_code == 200 and not Bewonersgroep.objects.exists()
    assert "Club" in antwoord.content.decode()  # input comes back
    antwoord = client.post(url, {**data, "buurten": [vreemde_buurt.pk]})
    assert not Bewonersgroep.objects.exists()
    antwoord = client.post(
        url,
        {**data, "contactpersonen": contact.email.upper(), "buurten": [buurt.pk], "wijk": "999"},
    )
    groep = Bewonersgroep.objects.get()
    assert antwoord["Location"] == reverse("wijken:groep_beheer", args=[groep.pk])
    assert groep.wijk == wijk and list(groep.contactpersonen.all()) == [contact]
    assert list(groep.buurten.all()) == [buurt]


def test_website_met_javascript_geweigerd(client, wijk):
    client.force_login(wijk.wijkadviseur)
    for adres in ("javascript:alert(1)", "data:text/html,x", "ftp://example.test/"):
        client.post(
            reverse("wijken:groep_nieuw", args=[wijk.code]),
            {"naam": "Club", "soort": "overig", "website": adres},
        )
    assert not Bewonersgroep.objects.exists()


def test_soort_van_bestaande_groep_blijft(client, wijk, groep):
    client.force_login(wijk.wijkadviseur)
    client.post(
        reverse("wijken:groep_bewerken", args=[groep.pk]),
        {"naam": "Nieuwe naam", "soort": "wijkraad", "wijkraad_status": "gestopt"},
    )
    groep.refresh_from_db()
    assert (groep.naam, groep.soort, groep.wijkraad_status) == (
        "Nieuwe naam",
        "buurtvereniging",
        "",
    )


def test_wijkraad_stoppen_leidt_naar_terugvalregeling(client, wijk):
    raad = BewonersgroepFactory(wijk=wijk, onvolledig=True)
    club = BewonersgroepFactory(wijk=wijk)
    client.force_login(wijk.wijkadviseur)
    antwoord = client.post(reverse("wijken:wijkraad_status", args=[raad.pk]), {"status": "gestopt"})
    assert antwoord["Location"] == reverse("wijken:terugvalregeling", args=[raad.pk])
    raad.refresh_from_db()
    assert raad.wijkraad_status == WijkraadStatus.GESTOPT
    url = antwoord["Location"]
    formset = client.get(url).context["formset"]
    assert len(formset.forms) == 6  # three suggested tasks, three empty rows
    # A task without who takes it over: refused, with the input back.
    data = {
        "ingang": "2026-09-01",
        "aanspreekpunt": "groep",
        "aanspreekpunt_groep": str(club.pk),
        "toelichting": "Maatwerk",
        "taken-TOTAL_FORMS": "2",
        "taken-INITIAL_FORMS": "0",
        "taken-0-taak": "Wijkbudget",
        "taken-0-overnemer": "",
        "taken-1-taak": "Wijkschouw",
        "taken-1-overnemer": "groep",
        "taken-1-groep": str(club.pk),
    }
    antwoord = client.post(url, data)
    assert antwoord.status_code == 200 and not Terugvalregeling.objects.exists()
    assert 'href="#id_taken-0-overnemer"' in antwoord.content.decode()
    antwoord = client.post(url, {**data, "taken-0-overnemer": "wijkadviseur"})
    assert antwoord["Location"] == wijk.get_absolute_url()
    regeling = Terugvalregeling.objects.get()
    assert regeling.aanspreekpunt_groep == club
    assert list(regeling.taken.values_list("taak", "overnemer")) == [
        ("Wijkbudget", "wijkadviseur"),
        ("Wijkschouw", "groep"),
    ]


def test_professional_zonder_bereikbaarheid_geweigerd(client, wijk):
    client.force_login(wijk.wijkadviseur)
    url = reverse("wijken:professional_nieuw", args=[wijk.code])
    antwoord = client.post(url, {"naam": "Kim", "rol": "Wijkagent", "organisatie": "Politie"})
    assert antwoord.status_code == 200 and antwoord.context["form"].non_field_errors()
    assert not wijk.professionals.exists()


def test_demo_seed_twee_keer_zonder_dubbelen(settings):
    from wijkportaal.demo import seed

    settings.DEMO = True
    seed()
    tellingen = {
        m: m.objects.count() for m in (Wijk, Bewonersgroep, Bestuursfunctie, Terugvalregeling)
    }
    seed()
    assert {m: m.objects.count() for m in tellingen} == tellingen
    assert set(Bewonersgroep.objects.values_list("soort", flat=True)) == set(Groepssoort.values)
    statussen = set(Bewonersgroep.objects.wijkraden().values_list("wijkraad_status", flat=True))
    assert {"onvolledig", "gestopt"} <= statussen
    assert (
        Terugvalregeling.objects.lopend().exists() and Bestuursfunctie.objects.vacatures().exists()
    )


def test_vacatures_per_pagina_met_wijkfilter(client):
    """The vacancy lists show a page at a time, keep the ward filter, and a nonsense
    page number gives a page, not an error."""
    from wijken.views import VACATURES_PER_PAGINA

    wijk = WijkFactory()
    groep = BewonersgroepFactory(wijk=wijk)
    BestuursfunctieFactory.create_batch(VACATURES_PER_PAGINA + 3, groep=groep, vacant=True)
    elders = BestuursfunctieFactory(vacant=True)

    antwoord = client.get(reverse("wijken:wijk_vacatures", args=[wijk.code]))
    assert len(antwoord.context["vacatures"]) == VACATURES_PER_PAGINA
    assert "page=2" in antwoord.content.decode()
    antwoord = client.get(reverse("wijken:wijk_vacatures", args=[wijk.code]), {"page": 2})
    assert len(antwoord.context["vacatures"]) == 3
    assert elders not in antwoord.context["vacatures"]
    alle = client.get(reverse("wijken:vacatures"), {"page": 2})
    assert len(alle.context["vacatures"]) == 4
    for onzin in ("x", "999", "-1"):
        assert client.get(reverse("wijken:vacatures"), {"page": onzin}).status_code == 200


def test_wijkenlijst_toont_wijzigingen_meteen(client):
    """The ward list is cached (WIJKENLIJST): every kind of edit of wards, neighbourhoods,
    groups and seats shows on the next request all the same."""
    from django.utils.html import escape

    wijk = WijkFactory(naam="Noord")
    buurt = BuurtFactory(wijk=wijk, naam="Vogelbuurt")
    groep = BewonersgroepFactory(wijk=wijk)
    lijst = reverse("wijken:lijst")

    def html():
        return client.get(lijst).content.decode()

    vacatures_url = reverse("wijken:wijk_vacatures", args=[wijk.code])
    assert "Vogelbuurt" in html() and vacatures_url not in html()
    # Cached: the second request reads the versions, not the wards.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(lijst)
    assert_page(response, "wijken/lijst.html")
    assert not any("wijken_wijk" in q["sql"] for q in queries.captured_queries)

    functie = BestuursfunctieFactory(groep=groep, vacant=True)
    assert vacatures_url in html()  # a new vacancy
    functie.is_vacant = False
    functie.naam = "Ingevuld"
    functie.save()
    assert vacatures_url not in html()  # the seat filled
    buurt.naam = "Kanaalzone"
    buurt.save()
    assert "Kanaalzone" in html() and "Vogelbuurt" not in html()  # a renamed neighbourhood
    tweede = BewonersgroepFactory(wijk=wijk)
    assert 'data-aantal-groepen="2"' in html()
    tweede.delete()
    assert 'data-aantal-groepen="1"' in html()  # a removed group
    wijk.naam = "Noord & Oost"
    wijk.save()
    assert escape("Noord & Oost") in html()
    # A search filters.
    zuid = WijkFactory(naam="Zuid")
    antwoord = client.get(lijst, {"q": "zuid"})
    assert list(antwoord.context["wijken"]) == [zuid]  # a new address: rendered


def test_wijkpagina_lijsten_uit_cache_tonen_wijzigingen_meteen(client):
    """The ward page's lists come from a fragment cached under the data version: every
    kind of edit shows on the next request."""
    wijk = WijkFactory()
    buurt = BuurtFactory(wijk=wijk, naam="Vogelbuurt")
    groep = BewonersgroepFactory(wijk=wijk, naam="Speeltuinvereniging")
    professional = WijkprofessionalFactory(wijk=wijk)
    url = wijk.get_absolute_url()

    def html():
        return client.get(url).content.decode()

    assert "Vogelbuurt" in html() and "Speeltuinvereniging" in html()
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url)
    assert_page(response, "wijken/wijk.html")
    # Cached: neither the vacancies nor the professionals are read.
    gelezen = " ".join(q["sql"] for q in warm.captured_queries)
    assert '"wijken_wijkprofessional"."naam"' not in gelezen
    assert '"wijken_bestuursfunctie"."vacaturetekst"' not in gelezen
    assert 'id="vacatures"' not in html()

    functie = BestuursfunctieFactory(groep=groep, vacant=True)
    assert f'id="vacature-{functie.pk}"' in html()  # a new vacancy
    functie.is_vacant = False
    functie.naam = "Ingevuld"
    functie.save()
    assert f'id="vacature-{functie.pk}"' not in html()  # the seat filled
    buurt.naam = "Kanaalzone"
    buurt.save()
    assert "Kanaalzone" in html() and "Vogelbuurt" not in html()
    groep.naam = "Buurtmoestuin"
    groep.save()
    assert "Buurtmoestuin" in html() and "Speeltuinvereniging" not in html()
    professional.delete()
    assert f'id="professional-{professional.pk}"' not in html()
    groep.delete()
    assert "Buurtmoestuin" not in html()


def test_vacatures_uit_cache_tonen_wijzigingen_meteen(client):
    """A page of the vacancy list is cached on the version of wards, groups and seats:
    a new or filled seat shows on the next request; other query strings are not cached."""
    groep = BewonersgroepFactory(naam="Speeltuinvereniging")
    url = reverse("wijken:vacatures")
    assert 'id="geen-vacatures"' in client.get(url).content.decode()
    functie = BestuursfunctieFactory(groep=groep, vacant=True)
    assert f'id="vacature-{functie.pk}"' in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url)
    assert_page(response, "wijken/vacatures.html")
    assert len(warm.captured_queries) == 1  # only the version
    groep.naam = "Buurtmoestuin"
    groep.save()
    assert "Buurtmoestuin" in client.get(url).content.decode()
    functie.is_vacant = False
    functie.naam = "Ingevuld"
    functie.save()
    assert f'id="vacature-{functie.pk}"' not in client.get(url).content.decode()
    # Extra parameters: rendered as they are (the page links repeat them).
    with CaptureQueriesContext(connection) as ongecacht:
        response = client.get(url, {"page": "1", "x": "y"})
    assert_page(response, "wijken/vacatures.html")
    gelezen = " ".join(q["sql"] for q in ongecacht.captured_queries)
    assert "__count" in gelezen and "gewijzigd" not in gelezen  # counted, no version read

"""The audit log: sign-ins, refused access, workflow steps and viewing a submitter's
details each write one append-only row; only the administrator can read the log."""

import datetime
import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contacten.audit import AuditActie, AuditRegel, Uitkomst, opschonen, vastleggen
from initiatieven import services
from initiatieven.keuzes import Status
from tests.factories import WACHTWOORD, GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.responses import assert_page
from tests.wijken.factories import WijkFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
LOGOUT = reverse("account_logout")
ADMIN_LIJST = reverse("admin:contacten_auditregel_changelist")


def _client(gebruiker=None):
    c = Client()
    if gebruiker is not None:
        c.force_login(gebruiker)
    return c


def test_inloggen_via_allauth_schrijft_een_geslaagde_regel():
    gebruiker = GebruikerFactory()
    response = Client().post(
        LOGIN, {"login": gebruiker.email, "password": WACHTWOORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302
    (regel,) = AuditRegel.objects.filter(actie=AuditActie.INLOGGEN)
    assert regel.gebruiker == gebruiker
    assert regel.wie == gebruiker.email
    assert regel.uitkomst == Uitkomst.GESLAAGD
    assert regel.ip == "198.51.100.7"


def test_demo_account_buiten_demomodus_is_een_mislukte_inlog(settings):
    """Issue 14.26: allauth signed a demo account in (its password is right, the backend
    refuses it), the audit log said "geslaagd", and the next request was anonymous. Now
    the form refuses it like a wrong password, and the log says so, once."""
    settings.DEMO = False
    demo = GebruikerFactory(is_demo=True)
    c = Client()
    response = c.post(LOGIN, {"login": demo.email, "password": WACHTWOORD})
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in c.session
    assert not AuditRegel.objects.filter(actie=AuditActie.INLOGGEN).exists()
    (regel,) = AuditRegel.objects.all()
    assert regel.actie == AuditActie.INLOGGEN_MISLUKT
    assert demo.email in regel.omschrijving


def test_demo_account_buiten_demomodus_ook_niet_zonder_wachtwoord(settings, rf):
    """The same for every way allauth signs someone in without the password form (after
    confirming an email address, by a code): refused before the session is made."""
    from allauth.account.internal.flows.login import perform_login
    from allauth.account.models import Login
    from allauth.core import context
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    settings.DEMO = False
    demo = GebruikerFactory(is_demo=True)
    request = rf.get("/")
    request.session = SessionStore()
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    with context.request_context(request):
        response = perform_login(request, Login(user=demo, email=demo.email))
    assert response.status_code == 302
    assert "_auth_user_id" not in request.session
    assert not AuditRegel.objects.filter(actie=AuditActie.INLOGGEN).exists()
    regel = AuditRegel.objects.get()
    assert (regel.actie, regel.uitkomst) == (AuditActie.INLOGGEN_MISLUKT, Uitkomst.GEWEIGERD)


def test_mislukt_inloggen_schrijft_een_regel_zonder_wachtwoord():
    gebruiker = GebruikerFactory()
    response = Client().post(LOGIN, {"login": gebruiker.email, "password": "fout-wachtwoord-1"})
    assert response.status_code == 200
    (regel,) = AuditRegel.objects.all()
    assert regel.actie == AuditActie.INLOGGEN_MISLUKT
    assert regel.uitkomst == Uitkomst.MISLUKT
    assert regel.gebruiker is None
    assert gebruiker.email in regel.omschrijving
    assert "fout-wachtwoord-1" not in regel.omschrijving


def test_uitloggen_schrijft_een_regel():
    gebruiker = GebruikerFactory()
    c = _client(gebruiker)
    assert c.post(LOGOUT).status_code == 302
    (regel,) = AuditRegel.objects.filter(actie=AuditActie.UITLOGGEN)
    assert regel.gebruiker == gebruiker and regel.uitkomst == Uitkomst.GESLAAGD


def test_geweigerde_toegang_schrijft_gebruiker_en_pad():
    bewoner = GebruikerFactory()
    c = _client(bewoner)
    AuditRegel.objects.all().delete()  # the sign-in row of force_login
    pad = reverse("initiatieven:wethouder")
    assert c.get(pad).status_code == 403
    (regel,) = AuditRegel.objects.all()
    assert regel.actie == AuditActie.TOEGANG_GEWEIGERD
    assert regel.uitkomst == Uitkomst.GEWEIGERD
    assert regel.gebruiker == bewoner
    assert regel.pad == pad


@pytest.fixture
def wijk():
    return WijkFactory(met_staf=True)


def test_elke_stap_via_de_service_schrijft_precies_een_regel(wijk):
    indiener = GebruikerFactory()
    onderwerp = OnderwerpFactory(wijk=wijk, indiener=indiener, status=Status.CONCEPT)
    onderwerp.ingediend_op = onderwerp.eerste_reactie_voor = None
    onderwerp.save()
    volledig = {"toelichting": "Omdat het kan.", "resultaat": "De moestuin is aangelegd."}
    stappen = [
        (indiener, Status.INGEDIEND),
        (wijk.wijkadviseur, Status.IN_BEHANDELING),
        (wijk.wijkadviseur, Status.IN_UITVOERING),
        (wijk.wijkadviseur, Status.AFGEROND),
    ]
    for i, (door, naar) in enumerate(stappen, start=1):
        onderwerp = services.onderwerp_overgang(
            onderwerp=onderwerp, naar=naar, door=door, **volledig
        )
        regels = AuditRegel.objects.filter(actie=AuditActie.WORKFLOWSTAP)
        assert regels.count() == i
        regel = regels.first()  # newest first
        assert regel.gebruiker == door and regel.rol == door.rol
        assert regel.uitkomst == Uitkomst.GESLAAGD
        assert regel.object_type == "initiatieven.Onderwerp"
        assert regel.object_id == str(onderwerp.pk)
        assert naar in regel.omschrijving


def test_geweigerde_stap_schrijft_een_geweigerd_regel_en_verder_niets(wijk):
    onderwerp = OnderwerpFactory(wijk=wijk, status=Status.INGEDIEND)
    bewoner = GebruikerFactory()
    with pytest.raises(services.Geweigerd):
        services.onderwerp_overgang(onderwerp=onderwerp, naar=Status.AFGEROND, door=bewoner)
    (regel,) = AuditRegel.objects.all()
    assert regel.actie == AuditActie.WORKFLOWSTAP
    assert regel.uitkomst == Uitkomst.GEWEIGERD
    assert regel.gebruiker == bewoner
    assert regel.object_id == str(onderwerp.pk)
    onderwerp.refresh_from_db()
    assert onderwerp.status == Status.INGEDIEND


def test_anoniem_geweigerde_stap_wordt_vastgelegd_zonder_gebruiker(wijk):
    onderwerp = OnderwerpFactory(wijk=wijk, status=Status.INGEDIEND)
    with pytest.raises(services.Geweigerd):
        services.onderwerp_overgang(
            onderwerp=onderwerp, naar=Status.IN_BEHANDELING, door=AnonymousUser()
        )
    (regel,) = AuditRegel.objects.all()
    assert regel.gebruiker is None and regel.wie == ""
    assert regel.uitkomst == Uitkomst.GEWEIGERD


def test_triagepagina_bekijken_legt_contactgegevens_bekeken_vast(wijk):
    onderwerp = OnderwerpFactory(wijk=wijk, status=Status.INGEDIEND)
    c = _client(wijk.wijkadviseur)
    response = c.get(reverse("initiatieven:triage", args=[onderwerp.pk]))
    assert response.status_code == 200
    (regel,) = AuditRegel.objects.filter(actie=AuditActie.CONTACTGEGEVENS_BEKEKEN)
    assert regel.gebruiker == wijk.wijkadviseur
    assert regel.object_id == str(onderwerp.pk)
    assert regel.pad == reverse("initiatieven:triage", args=[onderwerp.pk])


def test_triagepagina_van_andere_wijk_legt_geen_inzage_vast(wijk):
    onderwerp = OnderwerpFactory(wijk=wijk, status=Status.INGEDIEND)
    andere = WijkFactory(met_staf=True)
    response = _client(andere.wijkadviseur).get(reverse("initiatieven:triage", args=[onderwerp.pk]))
    assert response.status_code in (403, 404)
    assert not AuditRegel.objects.filter(actie=AuditActie.CONTACTGEGEVENS_BEKEKEN).exists()


def test_een_regel_wordt_nooit_gewijzigd():
    regel = vastleggen(actie=AuditActie.INLOGGEN, uitkomst=Uitkomst.GESLAAGD)
    regel.omschrijving = "anders"
    with pytest.raises(ValidationError):
        regel.save()
    regel.refresh_from_db()
    assert regel.omschrijving == ""


def test_regel_blijft_als_de_gebruiker_verdwijnt():
    gebruiker = GebruikerFactory()
    regel = vastleggen(actie=AuditActie.INLOGGEN, uitkomst=Uitkomst.GESLAAGD, gebruiker=gebruiker)
    email = gebruiker.email
    gebruiker.delete()
    regel.refresh_from_db()
    assert regel.gebruiker is None and regel.wie == email


def test_vastleggen_kost_een_query(django_assert_num_queries):
    gebruiker = GebruikerFactory()
    with django_assert_num_queries(1):
        vastleggen(actie=AuditActie.INLOGGEN, uitkomst=Uitkomst.GESLAAGD, gebruiker=gebruiker)


def test_opschonen_verwijdert_alleen_wat_ouder_is_dan_een_jaar():
    nu = timezone.now()
    oud = vastleggen(actie=AuditActie.INLOGGEN, uitkomst=Uitkomst.GESLAAGD)
    AuditRegel.objects.filter(pk=oud.pk).update(tijdstip=nu - datetime.timedelta(days=366))
    recent = vastleggen(actie=AuditActie.INLOGGEN, uitkomst=Uitkomst.GESLAAGD)
    AuditRegel.objects.filter(pk=recent.pk).update(tijdstip=nu - datetime.timedelta(days=364))
    assert list(AuditRegel.objects.verlopen(nu=nu)) == [oud]
    assert opschonen(nu=nu) == 1
    assert list(AuditRegel.objects.all()) == [recent]


# --- the admin ------------------------------------------------------------------------------


def test_beheerder_ziet_de_lijst_maar_kan_niets_toevoegen_wijzigen_of_verwijderen():
    beheerder = GebruikerFactory(beheerder=True, tweede_factor=True)
    c = _client(beheerder)
    regel = vastleggen(actie=AuditActie.INLOGGEN, uitkomst=Uitkomst.GESLAAGD, gebruiker=beheerder)
    response = c.get(ADMIN_LIJST)
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1
    assert c.get(reverse("admin:contacten_auditregel_add")).status_code == 403
    assert c.get(reverse("admin:contacten_auditregel_delete", args=[regel.pk])).status_code == 403
    c.post(reverse("admin:contacten_auditregel_change", args=[regel.pk]), {"omschrijving": "x"})
    regel.refresh_from_db()
    assert regel.omschrijving == ""
    model_admin = admin.site._registry[AuditRegel]
    request = response.wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, regel)
    assert not model_admin.has_delete_permission(request, regel)
    assert not model_admin.get_actions(request)


def test_beheerder_filtert_en_zoekt():
    beheerder = GebruikerFactory(beheerder=True, tweede_factor=True)
    c = _client(beheerder)
    vastleggen(
        actie=AuditActie.TOEGANG_GEWEIGERD, uitkomst=Uitkomst.GEWEIGERD, omschrijving="zoekmij"
    )
    response = c.get(ADMIN_LIJST, {"actie": AuditActie.TOEGANG_GEWEIGERD, "q": "zoekmij"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


@pytest.mark.parametrize(
    "rol", [{}, {"wijkadviseur": True}, {"collegelid": True}, {"griffie": True}]
)
def test_alleen_de_beheerder_opent_het_log(rol):
    gebruiker = GebruikerFactory(tweede_factor=bool(rol), **rol)
    response = _client(gebruiker).get(ADMIN_LIJST)
    assert response.status_code in (302, 403)
    assert "cl" not in (response.context or {})


def test_lijst_heeft_een_begrensd_aantal_queries(django_assert_max_num_queries):
    beheerder = GebruikerFactory(beheerder=True, tweede_factor=True)
    c = _client(beheerder)
    for _ in range(30):
        vastleggen(actie=AuditActie.INLOGGEN, uitkomst=Uitkomst.GESLAAGD, gebruiker=beheerder)
    with django_assert_max_num_queries(15):
        response = c.get(ADMIN_LIJST)
    assert_page(response, "admin/change_list.html")
    # The 30 rows and the administrator's own sign-in of this client.
    assert response.context["cl"].result_count == 31


def test_opschoon_commando():
    oud = vastleggen(actie=AuditActie.INLOGGEN, uitkomst=Uitkomst.GESLAAGD)
    AuditRegel.objects.filter(pk=oud.pk).update(
        tijdstip=timezone.now() - datetime.timedelta(days=400)
    )
    nieuw = vastleggen(actie=AuditActie.UITLOGGEN, uitkomst=Uitkomst.GESLAAGD)
    call_command("audit_opschonen", stdout=io.StringIO())
    assert list(AuditRegel.objects.all()) == [nieuw]


def test_geweigerde_stap_via_de_pagina_blijft_in_het_log(wijk):
    """The step's rollback does not take the refusal with it; the 403 is logged too."""
    onderwerp = OnderwerpFactory(wijk=wijk, status=Status.INGEDIEND)
    c = _client(wijk.wijkwethouder)
    response = c.post(
        reverse("initiatieven:stap", args=[onderwerp.pk]),
        {"naar": Status.IN_BEHANDELING, "versie": onderwerp.versie, "toelichting": "Zo."},
    )
    assert response.status_code == 403
    acties = set(
        AuditRegel.objects.filter(
            gebruiker=wijk.wijkwethouder, uitkomst=Uitkomst.GEWEIGERD
        ).values_list("actie", flat=True)
    )
    assert acties == {AuditActie.WORKFLOWSTAP, AuditActie.TOEGANG_GEWEIGERD}
    assert not AuditRegel.objects.filter(uitkomst=Uitkomst.GESLAAGD, actie=AuditActie.WORKFLOWSTAP)


def _foute_code(geheim: str) -> str:
    """A six-digit code that is none of the ones valid right now (any window allowed)."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    geldig = {format_hotp_value(hotp_value(geheim, t)) for t in yield_hotp_counters_from_time()}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in geldig)


def test_foute_code_van_de_tweede_factor_schrijft_een_mislukte_inlogregel():
    adviseur = GebruikerFactory(wijkadviseur=True, tweede_factor=True)
    c = Client()
    response = c.post(
        LOGIN, {"login": adviseur.email, "password": WACHTWOORD}, REMOTE_ADDR="198.51.100.9"
    )
    assert response["Location"] == reverse("mfa_authenticate")
    # The password was right: that is not yet a sign-in, and nothing is logged for it.
    assert not AuditRegel.objects.exists()

    response = c.post(
        reverse("mfa_authenticate"),
        {"code": _foute_code("JBSWY3DPEHPK3PXP")},
        REMOTE_ADDR="198.51.100.9",
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in c.session
    (regel,) = AuditRegel.objects.all()
    assert regel.actie == AuditActie.INLOGGEN_MISLUKT
    assert regel.uitkomst == Uitkomst.MISLUKT
    assert regel.gebruiker == adviseur and regel.wie == adviseur.email
    assert "second factor" in regel.omschrijving
    assert regel.ip == "198.51.100.9"
    assert regel.pad == reverse("mfa_authenticate")


def test_juiste_code_van_de_tweede_factor_schrijft_alleen_de_inlogregel():
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    adviseur = GebruikerFactory(wijkadviseur=True, tweede_factor=True)
    c = Client()
    c.post(LOGIN, {"login": adviseur.email, "password": WACHTWOORD})
    code = format_hotp_value(hotp_value("JBSWY3DPEHPK3PXP", int(timezone.now().timestamp()) // 30))
    response = c.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert list(AuditRegel.objects.values_list("actie", "uitkomst")) == [
        (AuditActie.INLOGGEN, Uitkomst.GESLAAGD)
    ]


def test_account_verwijderen_schrijft_een_regel_die_blijft():
    bewoner = GebruikerFactory(email="verdwijnt@example.test")
    pk = bewoner.pk
    c = _client(bewoner)
    response = c.post(
        reverse("mijngegevens:verwijderen"), {"bevestig": "on"}, REMOTE_ADDR="198.51.100.8"
    )
    assert response.status_code == 302
    (regel,) = AuditRegel.objects.filter(actie=AuditActie.ACCOUNT_VERWIJDERD)
    # The account is gone: the row says who it was as text, as every row of theirs does.
    assert regel.gebruiker is None
    assert regel.wie == "verdwijnt@example.test"
    assert (regel.object_type, regel.object_id) == ("contacten.Gebruiker", str(pk))
    assert regel.uitkomst == Uitkomst.GESLAAGD
    assert regel.ip == "198.51.100.8"
    assert regel.pad == reverse("mijngegevens:verwijderen")


def test_geweigerd_verwijderen_schrijft_geen_verwijderregel():
    medewerker = GebruikerFactory(wijkadviseur=True, tweede_factor=True)
    c = _client(medewerker)
    assert c.post(reverse("mijngegevens:verwijderen"), {"bevestig": "on"}).status_code == 403
    assert not AuditRegel.objects.filter(actie=AuditActie.ACCOUNT_VERWIJDERD).exists()


def test_beheer_legt_inzage_van_een_account_en_een_onderwerp_vast():
    beheerder = GebruikerFactory(beheerder=True, tweede_factor=True)
    bewoner = GebruikerFactory(email="inzage@example.test")
    onderwerp = OnderwerpFactory(indiener=bewoner)
    zonder_indiener = OnderwerpFactory(indiener=None)
    c = _client(beheerder)
    paden = [
        reverse("admin:contacten_gebruiker_change", args=[bewoner.pk]),
        reverse("admin:initiatieven_onderwerp_change", args=[onderwerp.pk]),
        reverse("admin:initiatieven_onderwerp_change", args=[zonder_indiener.pk]),
    ]
    for pad in paden:
        assert c.get(pad).status_code == 200
    regels = AuditRegel.objects.filter(actie=AuditActie.CONTACTGEGEVENS_BEKEKEN).order_by("pk")
    assert [(r.object_type, r.object_id, r.gebruiker) for r in regels] == [
        ("contacten.Gebruiker", str(bewoner.pk), beheerder),
        ("initiatieven.Onderwerp", str(onderwerp.pk), beheerder),
    ]
    assert regels[0].pad == paden[0]
    # The list pages log nothing: they are not one person's details.
    c.get(reverse("admin:contacten_gebruiker_changelist"))
    assert AuditRegel.objects.filter(actie=AuditActie.CONTACTGEGEVENS_BEKEKEN).count() == 2


def test_te_veel_foute_codes_voor_de_tweede_factor_ook_in_het_log():
    adviseur = GebruikerFactory(wijkadviseur=True, tweede_factor=True)
    c = Client()
    c.post(LOGIN, {"login": adviseur.email, "password": WACHTWOORD})
    fout = _foute_code("JBSWY3DPEHPK3PXP")
    for _ in range(6):
        response = c.post(reverse("mfa_authenticate"), {"code": fout})
        assert response.status_code == 200
    assert "_auth_user_id" not in c.session
    regels = AuditRegel.objects.filter(actie=AuditActie.INLOGGEN_MISLUKT).order_by("pk")
    assert [r.uitkomst for r in regels] == [Uitkomst.MISLUKT] * 5 + [Uitkomst.GEWEIGERD]
    assert regels.last().gebruiker == adviseur
    assert "too many" in regels.last().omschrijving

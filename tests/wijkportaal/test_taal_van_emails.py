"""Each person's emails in the language they use the portal in, Dutch by default
(issue 14.10).

Emails went out in Dutch only: rendered in the language of whoever's request set them
off (or the portal's, from a task). Now the language a signed-in person uses is kept on
their account (``Gebruiker.taal``, by ``wijkportaal.middleware.TaalBewarenMiddleware``)
and ``wijken.notificaties.mail_na_commit`` writes each email in its recipient's language.
"""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from contacten.models import Gebruiker
from initiatieven import services
from initiatieven.keuzes import Status
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory
from tests.wijken.factories import WijkFactory
from wijken import volgen
from wijken.models import Berichtfrequentie, Volger
from wijken.notificaties import mail_na_commit

pytestmark = pytest.mark.django_db


def _taal_kiezen(gebruiker, taal: str) -> Client:
    c = Client()
    c.force_login(gebruiker)
    c.post(reverse("set_language"), {"language": taal, "next": "/"})
    c.get(reverse("home"))  # the next page, in the chosen language
    return c


def _aan(adres: str):
    (bericht,) = [m for m in mail.outbox if adres in m.to]
    return bericht


def test_de_gekozen_taal_blijft_bij_het_account():
    bewoner = GebruikerFactory()
    assert bewoner.taal == "nl"  # Dutch by default
    _taal_kiezen(bewoner, "en")
    bewoner.refresh_from_db()
    assert bewoner.taal == "en"
    _taal_kiezen(bewoner, "nl")
    bewoner.refresh_from_db()
    assert bewoner.taal == "nl"


def test_stap_van_een_nederlandstalige_adviseur_komt_in_het_engels_bij_de_bewoner(
    django_capture_on_commit_callbacks,
):
    wijk = WijkFactory(met_staf=True)
    bewoner = GebruikerFactory()
    _taal_kiezen(bewoner, "en")
    onderwerp = OnderwerpFactory(concept=True, wijk=wijk, indiener=bewoner, titel="Bankje")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        onderwerp = services.onderwerp_overgang(
            onderwerp=onderwerp, naar=Status.INGEDIEND, door=Gebruiker.objects.get(pk=bewoner.pk)
        )
        services.onderwerp_overgang(
            onderwerp=onderwerp,
            naar=Status.IN_BEHANDELING,
            door=wijk.wijkadviseur,
            toelichting="We gaan ermee aan de slag.",
        )
    ontvangen, stap = [m for m in mail.outbox if bewoner.email in m.to]
    assert "We received your submission: Bankje" in ontvangen.subject
    assert "News about your submission: Bankje" in stap.subject
    assert "Dear " in stap.body and 'lang="en"' in stap.alternatives[0].content
    # The advisor uses the portal in Dutch (the default): their email is Dutch.
    adviseur = _aan(wijk.wijkadviseur.email)
    assert "Nieuw in" in adviseur.subject and 'lang="nl"' in adviseur.alternatives[0].content


def test_een_email_aan_meerdere_mensen_gaat_per_taal(django_capture_on_commit_callbacks):
    nl = GebruikerFactory()
    en = GebruikerFactory(taal="en")
    with django_capture_on_commit_callbacks(execute=True):
        mail_na_commit(
            template_basis="initiatieven/email/herinnering",
            context={"adviseur": nl, "te_laat": [], "herbezien": [], "portaal_url": ""},
            onderwerp=lambda: gettext("Reminder: items in your wards need you"),
            # An address alone is matched to its account; one without gets Dutch.
            ontvangers=[nl.email, en.email.upper(), "groep@example.test"],
        )
    assert sorted(m.to for m in mail.outbox) == sorted(
        [[en.email], sorted([nl.email, "groep@example.test"])]
    )
    assert "Reminder" in _aan(en.email).subject
    assert "Herinnering" in _aan(nl.email).subject


def test_volgbericht_in_de_taal_van_de_volger(django_capture_on_commit_callbacks):
    wijk = WijkFactory(met_staf=True, naam="Noord")
    volgers = {
        taal: Volger.objects.create(
            gebruiker=GebruikerFactory(taal=taal),
            wijk=wijk,
            frequentie=Berichtfrequentie.DIRECT,
            laatst_bericht=timezone.now() - datetime.timedelta(hours=1),
        )
        for taal in ("nl", "en")
    }
    OnderwerpFactory(wijk=wijk, openbaar_=True, titel="Bankje bij de vijver")
    with django_capture_on_commit_callbacks(execute=True):
        assert volgen.direct_versturen.call(wijk_id=wijk.pk) == 2
    engels = _aan(volgers["en"].gebruiker.email)
    nederlands = _aan(volgers["nl"].gebruiker.email)
    assert engels.subject.endswith("News from Noord")
    assert nederlands.subject.endswith("Nieuws uit Noord")
    assert "New initiatives and bottlenecks" in engels.body
    assert "Bankje bij de vijver" in engels.body and "Bankje bij de vijver" in nederlands.body

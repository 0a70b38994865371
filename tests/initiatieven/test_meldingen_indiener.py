"""The submitter hears every outcome that concerns them by email: the screening (published,
or not published with the reason) and the municipality's role, besides the steps and
answers. Assertions on recipients, links and the submitter's own texts, not on copy."""

import pytest
from django.core import mail

from initiatieven import services
from initiatieven.keuzes import RolGemeente
from tests.initiatieven.factories import OnderwerpFactory

pytestmark = pytest.mark.django_db


def _aan(adres):
    return [m for m in mail.outbox if adres in m.to]


def _screenen(onderwerp, **kwargs):
    return services.onderwerp_screenen(
        onderwerp=onderwerp, door=onderwerp.wijk.wijkadviseur, versie=None, **kwargs
    )


def test_gepubliceerd_bericht_aan_indiener(django_capture_on_commit_callbacks):
    onderwerp = OnderwerpFactory(titel="Moestuin bij de speeltuin")
    indiener = onderwerp.indiener
    with django_capture_on_commit_callbacks(execute=True):
        onderwerp = _screenen(onderwerp, openbaar=True)
    berichten = _aan(indiener.email)
    assert len(berichten) == 1
    assert "Moestuin bij de speeltuin" in berichten[0].subject
    assert onderwerp.get_absolute_url() in berichten[0].body

    # Adjusting the public title of a published item afterwards is no news for them.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _screenen(onderwerp, openbaar=True, publieke_titel="Moestuin")
    assert not _aan(indiener.email)


def test_niet_openbaar_bericht_met_reden(django_capture_on_commit_callbacks):
    onderwerp = OnderwerpFactory()
    indiener = onderwerp.indiener
    reden = "Er staat een adres in. <script>alert(1)</script>"
    with django_capture_on_commit_callbacks(execute=True):
        onderwerp = _screenen(onderwerp, openbaar=False, niet_openbaar_reden=reden)
    berichten = _aan(indiener.email)
    assert len(berichten) == 1
    assert reden in berichten[0].body
    html = berichten[0].alternatives[0].content
    assert "<script>" not in html and "&lt;script&gt;" in html

    # Saved again with the same reason: nothing new; a new reason: a new email.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        onderwerp = _screenen(onderwerp, openbaar=False, niet_openbaar_reden=reden)
    assert not _aan(indiener.email)
    with django_capture_on_commit_callbacks(execute=True):
        _screenen(onderwerp, openbaar=False, niet_openbaar_reden="Het gaat over één persoon.")
    assert len(_aan(indiener.email)) == 1


def test_rol_van_de_gemeente_bericht(django_capture_on_commit_callbacks):
    onderwerp = OnderwerpFactory()
    indiener = onderwerp.indiener
    with django_capture_on_commit_callbacks(execute=True):
        services.onderwerp_rol_vastleggen(
            onderwerp=onderwerp,
            door=onderwerp.wijk.wijkadviseur,
            versie=None,
            rol_gemeente=RolGemeente.GEEN_GEMEENTELIJKE_ZAAK,
            rol_toelichting="Dit is een zaak van de woningcorporatie.",
        )
    berichten = _aan(indiener.email)
    assert len(berichten) == 1
    assert "Dit is een zaak van de woningcorporatie." in berichten[0].body


def test_geen_bericht_aan_verwijderd_account(django_capture_on_commit_callbacks):
    onderwerp = OnderwerpFactory(indiener=None)
    with django_capture_on_commit_callbacks(execute=True):
        _screenen(onderwerp, openbaar=False, niet_openbaar_reden="Niet voor publicatie.")
    assert not mail.outbox

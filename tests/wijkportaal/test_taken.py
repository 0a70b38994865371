"""Emails as background tasks: immediate by default, or queued for a worker in production."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from wijken.notificaties import mail_na_commit

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _verstuur():
    with transaction.atomic():
        mail_na_commit(
            template_basis="initiatieven/email/antwoord",
            context={"onderwerp": None, "bericht": {"tekst": "<b>Hallo</b>"}, "url": "/x"},
            onderwerp="Onderwerp",
            ontvangers=["Iemand@Example.test", "iemand@example.test", ""],
        )


@pytest.mark.django_db(transaction=True)
def test_direct_na_de_commit():
    mail.outbox.clear()
    _verstuur()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["iemand@example.test"]
    assert "&lt;b&gt;Hallo&lt;/b&gt;" in mail.outbox[0].alternatives[0].content


@pytest.mark.django_db(transaction=True)
def test_niets_na_een_rollback():
    mail.outbox.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_na_commit(
            template_basis="initiatieven/email/antwoord",
            context={"bericht": {"tekst": "x"}},
            onderwerp="x",
            ontvangers=["a@example.test"],
        )
        raise RuntimeError
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_een_worker_verstuurt_wat_in_de_database_wacht():
    from django_tasks_db.models import DBTaskResult

    mail.outbox.clear()
    with override_settings(TASKS=DATABASE_TASKS):
        _verstuur()
        assert mail.outbox == []  # queued, not sent by the request
        assert DBTaskResult.objects.count() == 1
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"

"""The portal with real commits: a separate server, as ``make demo`` runs it, on SQLite and
on PostgreSQL.

Every other test runs inside a transaction that is rolled back, or in a live server
thread of the test process: a write that fails only when it is committed, or an email
queued "after the commit", is not tested there the way a resident meets it. Here the
portal runs as its own process (``manage.py runserver``, ``DEMO=1``) on a database of its
own: a temporary SQLite file (what a newcomer's ``make demo`` uses), and, when
``DATABASE_URL`` is PostgreSQL (as in CI), a scratch database on that server. The tests
speak HTTP to it like a browser without JavaScript, read what was committed over a
connection of their own, and read the emails from the folder the server writes them to.

Every test starts with a resident who signs up through the real form and confirms the
address from the email: on SQLite that sign-up once answered 500 and left no account (a
cache write made inside the still open statement that created the user, rolled back with
it), and no test noticed.
"""

import contextlib
import os
import re
import secrets

import pytest

from tests.live_portal import Browser, Portal, forms, is_postgres, links_in, scratch_postgres

DATABASE_URL = os.environ.get("DATABASE_URL", "")
PASSWORD = "real-commit-" + secrets.token_hex(6)

# One transaction, as a seed command would: the tests are about the writes of the pages.
SEED = """
from allauth.account.models import EmailAddress
from django.db import transaction
from contacten.models import Gebruiker
from initiatieven.models import Thema
from wijken.models import Wijk

with transaction.atomic():
    adviseur = Gebruiker.objects.create_user(
        email="adviseur@real-commits.test", password="{password}",
        weergavenaam="Adviseur Echte Commits", rol="wijkadviseur")
    EmailAddress.objects.create(user=adviseur, email=adviseur.email, primary=True, verified=True)
    wijk = Wijk.objects.create(code="WK777701", naam="Commitwijk", gemeentecode="GM9999",
                               gemeentenaam="Gemeente Wijkstad", wijkadviseur=adviseur)
    thema = Thema.objects.create(naam="Groen")
print(wijk.pk, thema.pk)
"""

ADVISEUR = "adviseur@real-commits.test"


def _databases():
    yield pytest.param("sqlite", id="sqlite")
    yield pytest.param(
        "postgresql",
        id="postgresql",
        marks=pytest.mark.skipif(
            not is_postgres(DATABASE_URL),
            reason="the PostgreSQL run needs DATABASE_URL=postgres://… (CI sets it)",
        ),
    )


@pytest.fixture(scope="module", params=list(_databases()))
def portal(request, tmp_path_factory):
    """A running portal on a fresh, migrated database with one ward, its advisor and a
    theme; stopped (and its PostgreSQL database dropped) after the module."""
    workdir = tmp_path_factory.mktemp(f"real-commits-{request.param}")
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            database_url = f"sqlite:///{workdir / 'portaal.sqlite3'}"
        else:
            database_url = stack.enter_context(scratch_postgres(DATABASE_URL, "real_commits"))
        portal = Portal(database_url, workdir)
        stack.callback(portal.stop)
        portal.manage("migrate", "--noinput")
        portal.wijk_pk, portal.thema_pk = portal.manage(
            "shell", "--no-imports", "-c", SEED.format(password=PASSWORD)
        ).split()[-2:]
        portal.start()
        yield portal


def _sign_up(portal: Portal) -> tuple[Browser, str]:
    """A new resident signs up through the form, confirms the address from the email
    and signs in; returns their browser and address."""
    address = f"bewoner-{secrets.token_hex(4)}@real-commits.test"
    browser = Browser(portal)
    response = browser.submit(
        "/account/signup/",
        {
            "weergavenaam": "Noor van Dijk",
            "email": address,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status == 302, f"sign-up gave {response.status}\n{portal.tail()}"
    assert response.location.endswith("/account/confirm-email/"), response.location
    # Committed: another connection sees the account and its unconfirmed address.
    assert portal.rows(
        "SELECT g.weergavenaam, g.rol, e.verified FROM contacten_gebruiker g "
        "JOIN account_emailaddress e ON e.user_id = g.id WHERE g.email = %s",
        (address,),
    ) == [("Noor van Dijk", "bewoner", False)]

    mail = portal.mailbox().wait_for(address, "onfirm")
    (link,) = links_in(mail, r"https?://\S+/account/confirm-email/\S+/")
    assert link.startswith(portal.url), link
    response = browser.submit(link, {}, pick=lambda f: "/account/confirm-email/" in f.action)
    assert response.status == 302 and "/account/login/" in response.location, response.status
    assert portal.rows(
        "SELECT verified FROM account_emailaddress WHERE email = %s", (address,)
    ) == [(True,)]

    browser.sign_in(address, PASSWORD)
    return browser, address


def _submit(portal: Portal, browser: Browser, title: str) -> int:
    """Submit an initiative in the portal's ward through the form; its id."""
    response = browser.submit(
        "/initiatieven/initiatief-indienen/",
        {
            "titel": title,
            "beschrijving": "Een rij fruitbomen langs het fietspad, door de buurt geplant.",
            "thema": portal.thema_pk,
            "wijk": portal.wijk_pk,
            "buurt": "",
            "locatie": "Fietspad langs de vaart",
            "actie": "indienen",
        },
    )
    assert response.status == 302, f"submitting gave {response.status}\n{portal.tail()}"
    found = re.search(r"/initiatieven/(\d+)/ontvangen/$", response.location)
    assert found, response.location
    return int(found.group(1))


def test_sign_up_through_the_form_and_confirm_from_the_mail(portal):
    browser, address = _sign_up(portal)
    home = browser.get("/")
    assert "Noor van Dijk" in home.text
    assert 'action="/account/logout/"' in home.text
    # Signed in, so the account and the session were committed, and so was the sign-in.
    assert portal.rows(
        "SELECT last_login IS NOT NULL FROM contacten_gebruiker WHERE email = %s", (address,)
    ) == [(True,)]


def test_submission_is_committed_and_mailed_after_the_commit(portal):
    browser, address = _sign_up(portal)
    title = f"Fruitbomen langs het fietspad {secrets.token_hex(3)}"
    pk = _submit(portal, browser, title)

    assert portal.rows(
        "SELECT o.status, o.openbaar, g.email FROM initiatieven_onderwerp o "
        "JOIN contacten_gebruiker g ON g.id = o.indiener_id WHERE o.id = %s",
        (pk,),
    ) == [("ingediend", False, address)]
    assert browser.get(f"/initiatieven/{pk}/ontvangen/").status == 200
    assert title in browser.get("/initiatieven/mijn-inbreng/").text
    # The emails are sent by a task queued after the commit: it ran, and only once.
    mailbox = portal.mailbox()
    assert title in mailbox.wait_for(address, "We received your submission")["Subject"]
    # Each in their own language: the resident's browser asks for English; the advisor
    # never used the portal, so theirs is Dutch, the default (issue 14.10).
    assert title in mailbox.wait_for(ADVISEUR, "Nieuw in Commitwijk")["Subject"]
    assert len(mailbox.to(address, title)) == 1


def test_wijkadviseur_step_is_committed_and_mails_the_indiener(portal):
    bewoner, address = _sign_up(portal)
    title = f"Bankjes bij de speeltuin {secrets.token_hex(3)}"
    pk = _submit(portal, bewoner, title)

    adviseur = Browser(portal)
    adviseur.sign_in(ADVISEUR, PASSWORD)
    triage = f"/initiatieven/{pk}/triage/"
    assert title in adviseur.get(triage).text

    # The triage page is one form; each part's button posts it to that part's address.
    # Screening: publish it.
    formulier = next(f for f in forms(adviseur.get(triage).text) if f.id == "triage-form")
    response = adviseur.request(
        "POST", f"/initiatieven/{pk}/screenen/", {**formulier.fields, "openbaar": "ja"}
    )
    assert response.status == 302, f"screening gave {response.status}\n{portal.tail()}"
    # A workflow step: take it into handling.
    formulier = next(f for f in forms(adviseur.get(triage).text) if f.id == "triage-form")
    response = adviseur.request(
        "POST", f"/initiatieven/{pk}/stap/", {**formulier.fields, "naar": "in_behandeling"}
    )
    assert response.status == 302, f"the step gave {response.status}\n{portal.tail()}"

    assert portal.rows(
        "SELECT status, openbaar FROM initiatieven_onderwerp WHERE id = %s", (pk,)
    ) == [("in_behandeling", True)]
    assert portal.rows(
        "SELECT van, naar FROM initiatieven_statuswijziging WHERE onderwerp_id = %s ORDER BY id",
        (pk,),
    ) == [("concept", "ingediend"), ("ingediend", "in_behandeling")]
    mail = portal.mailbox().wait_for(address, "News about your submission")
    assert title in mail["Subject"]

    # Signed out, anyone sees the published item and its step.
    public = Browser(portal).get(f"/initiatieven/{pk}/")
    assert title in public.text
    assert "Taken into handling by the ward advisor" in public.text

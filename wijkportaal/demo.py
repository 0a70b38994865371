"""The fictional demo municipality: accounts here, each app adds its own part.

Idempotent: every step looks up by a natural key before it creates, so running the seed
again updates rather than duplicates.
"""

from django.conf import settings

from contacten.demo import seed_contactmomenten
from contacten.rollen import Rol
from contacten.services import demo_gebruiker_maken
from initiatieven.demo import seed_initiatieven
from initiatieven.demo_agenda import seed_agenda
from initiatieven.demo_bezoeken import seed_bezoeken
from meedenken.demo import seed_meedenken
from opendata.demo import seed_open311
from wijken.demo import seed_volgers, seed_wijken

DEMO_WACHTWOORD = "wijkportaal-demo"  # noqa: S105 - published on purpose, demo mode only

DEMO_ACCOUNTS = [
    ("bewoner@example.org", "Bram Bewoner", Rol.BEWONER),
    ("groepscontact@example.org", "Gonca Groepscontact", Rol.BEWONER),
    ("wijkadviseur@example.org", "Wim Wijkadviseur", Rol.WIJKADVISEUR),
    ("opbouwwerker@example.org", "Olga Opbouwwerker", Rol.OPBOUWWERKER),
    ("wijkwethouder@example.org", "Wendy Wijkwethouder", Rol.WIJKWETHOUDER),
    ("collegelid@example.org", "Karel Collegelid", Rol.COLLEGELID),
    ("griffie@example.org", "Greet Griffie", Rol.GRIFFIE),
    ("beheerder@example.org", "Bert Beheerder", Rol.BEHEERDER),
]


class DemoNietToegestaan(Exception):
    """The demo seed runs only in demo mode: its accounts have a published password."""


def seed_accounts() -> dict:
    """The eight demo accounts, keyed by the part of the email before the @."""
    if not settings.DEMO:
        raise DemoNietToegestaan
    return {
        email.split("@")[0]: demo_gebruiker_maken(
            email=email, weergavenaam=naam, rol=rol, wachtwoord=DEMO_WACHTWOORD
        )
        for email, naam, rol in DEMO_ACCOUNTS
    }


def seed(*, stdout=None) -> dict:
    """Seed the whole demo municipality; returns the demo accounts."""
    accounts = seed_accounts()
    # Each app adds its part here, lowest layer first (wijken, contacten, initiatieven).
    seed_wijken(accounts=accounts, stdout=stdout)
    seed_contactmomenten(accounts=accounts, stdout=stdout)
    seed_initiatieven(accounts=accounts, stdout=stdout)
    seed_agenda(accounts=accounts, stdout=stdout)
    seed_bezoeken(accounts=accounts, stdout=stdout)
    seed_volgers(accounts=accounts, stdout=stdout)
    seed_meedenken(accounts=accounts, stdout=stdout)
    # Open311 (opendata): a partner app with a key, and a report it made.
    seed_open311(accounts=accounts, stdout=stdout)
    return accounts

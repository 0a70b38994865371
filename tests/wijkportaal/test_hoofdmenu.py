"""The main menu per role, grouped around what each person does (issue 14, point 19):
at most five entries in one row, the agenda's pages under one entry."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from tests.factories import GebruikerFactory
from wijkportaal.navigation import menu_voor

pytestmark = pytest.mark.django_db


def _menu(gebruiker) -> list:
    with translation.override("nl"):
        return [
            [str(item["label"]), [str(link["label"]) for link in item["links"]]]
            if "links" in item
            else str(item["label"])
            for item in menu_voor(gebruiker)
        ]


BEKIJKEN = ["Wijken", "Initiatieven en knelpunten"]
# Meedenken: the questions the municipality puts to the wards, for everyone.
INDIENEN = ["Initiatief indienen", "Knelpunt melden", "Meedenken"]
# Everyone signed in may submit and follow, staff included.
MEEDOEN = ["Doe mee", [*INDIENEN, "Mijn inbreng", "Wijken die ik volg"]]


@pytest.mark.parametrize(
    ("rol", "verwacht"),
    [
        (None, [*BEKIJKEN, ["Doe mee", INDIENEN]]),
        (
            "bewoner",
            [*BEKIJKEN, MEEDOEN],
        ),
        (
            "wijkadviseur",
            [
                *BEKIJKEN,
                MEEDOEN,
                ["Mijn werk", ["Werkvoorraad", "Wijkdashboard", "Bezoeken", "Contactmomenten"]],
            ],
        ),
        (
            "wijkwethouder",
            [
                *BEKIJKEN,
                MEEDOEN,
                ["Mijn werk", ["Voor besluit", "Wijkdashboard", "Bezoeken", "Contactmomenten"]],
                ["Agenda's en besluiten", ["Naar de collegeagenda", "Agenda", "Collegeoverzicht"]],
            ],
        ),
        (
            "griffie",
            [
                *BEKIJKEN,
                MEEDOEN,
                ["Mijn werk", ["Wijkdashboard", "Bezoeken"]],
                [
                    "Agenda's en besluiten",
                    ["Agenda", "Voorstellen en besluiten", "Collegeoverzicht"],
                ],
            ],
        ),
    ],
)
def test_menu_per_rol(rol, verwacht):
    gebruiker = AnonymousUser() if rol is None else GebruikerFactory(rol=rol)
    menu = _menu(gebruiker)
    assert menu == verwacht
    assert len(menu) <= 5


def test_wethouder_had_dertien_losse_ingangen_nu_vijf():
    # Thirteen links in two rows before; five entries in one row now.
    menu = menu_voor(GebruikerFactory(rol="wijkwethouder"))
    assert len(menu) == 5
    # Fourteen since "Meedenken" joined "Doe mee": still five entries in the row.
    assert sum(len(item.get("links", [item])) for item in menu) == 14

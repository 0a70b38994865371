"""The demo municipality's Open311 partner app: one key, and one report it made.

The key is issued as the functional administrator issues one, so it is stored hashed and
shown once: in the seed's output the first time (demo mode only), never in the docs. A
second run finds the app and issues nothing; who needs a key then revokes it in the admin
and issues a new one, as in production.
"""

from django.conf import settings

from initiatieven.models import Onderwerp, Thema
from opendata.models import ApiSleutel
from opendata.open311 import melden, sleutels
from wijken.models import Wijk

APP = "Buiten Beter (demo)"
CONTACT = "partnerapp@example.org"
WIJK = "WK999901"
THEMA = "Schoon en heel"
MELDING = (
    "Omgevallen afvalbak bij de bushalte\n"
    "De afvalbak naast de bushalte ligt al een paar dagen op de stoep."
)


def seed_open311(*, accounts: dict, stdout=None) -> ApiSleutel | None:
    """The demo partner app with its key (printed once) and one report of it in screening."""
    if not settings.DEMO:
        raise RuntimeError("The demo seed runs only with DEMO=1.")
    sleutel = ApiSleutel.objects.filter(naam=APP).select_related("account").first()
    if sleutel is None:
        try:
            sleutel, tekst = sleutels.apisleutel_uitgeven(
                naam=APP, contact=CONTACT, door=accounts["beheerder"], is_demo=True
            )
        except sleutels.AccountBestaat:
            # The app's account outlived its key (deleted in the admin): nothing to show.
            return None
        if stdout is not None:
            stdout.write(
                f"Open311 key of the demo partner app (shown only now, stored hashed): {tekst}"
            )
    wijk = Wijk.objects.filter(code=WIJK).first()
    thema = Thema.objects.filter(naam=THEMA).first()
    titel = MELDING.splitlines()[0]
    bestaat = Onderwerp.objects.filter(indiener=sleutel.account_id, titel=titel).exists()
    if sleutel.account_id and wijk and thema and not bestaat:
        melden.open311_melding_maken(
            sleutel=sleutel,
            melding=melden.Melding(
                thema=thema,
                wijk=wijk,
                buurt=None,
                beschrijving=MELDING,
                locatie="Bushalte Dorpsplein",
                wil_niet_openbaar=False,
            ),
        )
    return sleutel

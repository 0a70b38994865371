"""Creating a request (GeoReport v2's POST requests) for a partner app with a key.

The request becomes a bottleneck through the same service function as a submission on
the site (``initiatieven.services.onderwerp_opslaan``, with ``indienen``): the same
checks, the same screening before anything is public, the same workflow step and emails
(the ward advisor hears of a new item; the submitter, here the partner app's account,
gets the confirmation).

What the portal keeps of a request is what an item on the site holds. The reporter's
email, name and telephone number are not kept: an item's submitter is an account, and
the partner app (whose account it is) already knows its user; the portal answers through
the item's public status, which the app reads back. lat and long are kept as text in the
location, since the portal has no coordinates yet; the advisor screens that location
before it is public, as every location. media_url is refused: the portal does not fetch
files from other servers (it checks every attachment by content), and would otherwise
publish a link it cannot vouch for.
"""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatieven import services
from initiatieven.models import Onderwerp
from opendata.models import ApiSleutel
from opendata.open311 import diensten
from wijken.models import Buurt, Wijk

#: Creating requests per key per hour (wijken.snelheid), like a resident's limit on the site
#: but for an app that reports for many people.
PER_UUR = 120
UUR = 3600
_TITEL_MAX = 150
_BESCHRIJVING_MAX = 10000
_LOCATIE_MAX = 200
_NAAM_MAX = 100


class OngeldigeMelding(Exception):
    """A field is missing or wrong: 400 with these descriptions, nothing saved."""

    def __init__(self, fouten: list[str]):
        super().__init__(fouten)
        self.fouten = fouten


@dataclass
class Melding:
    thema: object
    wijk: Wijk
    buurt: Buurt | None
    beschrijving: str
    locatie: str
    wil_niet_openbaar: bool


def _titel(beschrijving: str) -> str:
    """An item needs a title and Open311 has none: the description's first line, cut at a
    word within the title's length (the advisor may set a public title at screening)."""
    eerste = beschrijving.strip().splitlines()[0].strip()
    if len(eerste) <= _TITEL_MAX:
        return eerste
    afgekapt = eerste[: _TITEL_MAX - 1].rsplit(" ", 1)[0]
    return (afgekapt or eerste[: _TITEL_MAX - 1]) + "…"


def _getal(tekst: str, laag: float, hoog: float) -> float | None:
    try:
        getal = float(tekst)
    except ValueError:
        return None
    return getal if laag <= getal <= hoog and getal == getal else None  # noqa: PLR0124 (NaN)


def lezen(data) -> Melding:
    """Check a POST's fields; raises OngeldigeMelding with every problem at once."""
    fouten: list[str] = []
    waarden = {}
    for naam in data:
        waarde = data.get(naam, "")
        if "\x00" in naam or "\x00" in waarde:
            raise OngeldigeMelding([_("A field holds a NUL character.")])
        waarden[naam] = waarde.strip()

    code = waarden.get("service_code", "")
    thema = diensten.dienst(code) if code else None
    if not code:
        fouten.append(_("service_code is required."))
    elif thema is None:
        fouten.append(_("Unknown service_code; see services.json for the codes."))

    beschrijving = waarden.get("description", "")
    if not beschrijving:
        fouten.append(_("description is required."))
    elif len(beschrijving) > _BESCHRIJVING_MAX:
        fouten.append(
            _("description holds more than %(max)d characters.") % {"max": _BESCHRIJVING_MAX}
        )

    wijkcode = waarden.get("attribute[wijk]", "")
    wijk = Wijk.objects.actief().filter(code=wijkcode).first() if wijkcode else None
    if not wijkcode:
        fouten.append(_("attribute[wijk] is required: the code of the ward."))
    elif wijk is None:
        fouten.append(_("attribute[wijk] is not the code of a ward; see the service definition."))

    buurt = None
    buurtcode = waarden.get("attribute[buurt]", "")
    if buurtcode:
        buurt = Buurt.objects.actief().filter(code=buurtcode).first()
        if buurt is None or (wijk is not None and buurt.wijk_id != wijk.pk):
            fouten.append(_("attribute[buurt] is not the code of a neighbourhood in this ward."))

    niet_openbaar = waarden.get("attribute[niet_openbaar]", "nee")
    if niet_openbaar not in ("ja", "nee"):
        fouten.append(_("attribute[niet_openbaar] is ja or nee."))

    adres = waarden.get("address_string", "")
    lat, lon = waarden.get("lat", ""), waarden.get("long", "")
    locatie = adres
    if lat or lon:
        breedte, lengte = _getal(lat, -90, 90), _getal(lon, -180, 180)
        if breedte is None or lengte is None:
            fouten.append(_("lat and long are given together, as decimal degrees (WGS84)."))
        elif not adres:
            locatie = f"{breedte:.6f}, {lengte:.6f}"
    if len(locatie) > _LOCATIE_MAX:
        fouten.append(
            _("address_string holds more than %(max)d characters.") % {"max": _LOCATIE_MAX}
        )

    if waarden.get("media_url"):
        fouten.append(
            _(
                "media_url is not accepted: the portal does not fetch files from other "
                "servers. Leave it out."
            )
        )
    email = waarden.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            fouten.append(_("email is not an email address."))
    for veld in ("first_name", "last_name", "phone", "device_id", "account_id"):
        if len(waarden.get(veld, "")) > _NAAM_MAX:
            fouten.append(
                _("%(veld)s holds more than %(max)d characters.") % {"veld": veld, "max": _NAAM_MAX}
            )
    if fouten:
        raise OngeldigeMelding(fouten)
    return Melding(
        thema=thema,
        wijk=wijk,
        buurt=buurt,
        beschrijving=beschrijving,
        locatie=locatie,
        wil_niet_openbaar=niet_openbaar == "ja",
    )


@transaction.atomic
def open311_melding_maken(*, sleutel: ApiSleutel, melding: Melding) -> Onderwerp:
    """Submit the request as a bottleneck from the partner app's account: the same service
    as the site's form, so it is screened before it is public. Returns the item."""
    onderwerp, _nieuw = services.onderwerp_opslaan(
        indiener=sleutel.account,
        gegevens={
            "soort": diensten.SOORT,
            "titel": _titel(melding.beschrijving),
            "beschrijving": melding.beschrijving,
            "thema": melding.thema,
            "wijk": melding.wijk,
            "buurt": melding.buurt,
            "locatie": melding.locatie,
            # Open311 has no way to choose to appear by name: the public reads "anonymous".
            "toon_naam": False,
            "wil_niet_openbaar": melding.wil_niet_openbaar,
        },
        idempotentiesleutel=uuid.uuid4(),
        indienen=True,
    )
    ApiSleutel.objects.filter(pk=sleutel.pk).update(laatst_gebruikt=timezone.now())
    return onderwerp

"""What Open311 calls services, and how the portal's states map onto open and closed.

A service is one theme (``initiatieven.Thema``) for bottlenecks: GeoReport v2 is made for
reporting problems in public space, which is what a knelpunt is. Initiatives (residents
who want to do something themselves) are not offered: they need a conversation with the
ward advisor that a partner app cannot hold, so they are submitted on the site and are
not in the request list either.
"""

import re

from django.utils.translation import gettext as _

from initiatieven.keuzes import Soort, Status
from initiatieven.models import Thema
from wijken.models import Buurt, Wijk

#: The one kind of item Open311 exposes.
SOORT = Soort.KNELPUNT
_CODE = re.compile(r"^knelpunt-([1-9][0-9]{0,8})$")

#: Every state of an item, as Open311's status. ``None``: never shown through Open311 (a
#: draft is never public). A state added to ``Status`` without a line here fails
#: tests/opendata/test_open311_status.py, so none is ever exposed by accident.
STATUS: dict[str, str | None] = {
    Status.CONCEPT: None,
    Status.INGEDIEND: "open",
    Status.IN_BEHANDELING: "open",
    Status.IN_UITVOERING: "open",
    Status.BIJ_WIJKWETHOUDER: "open",
    Status.GEAGENDEERD_COLLEGE: "open",
    Status.GEAGENDEERD_RAAD: "open",
    # Parked with a revisit date or condition: not an answer for good, so still open.
    Status.NOG_NIET_MOGELIJK: "open",
    Status.AFGEROND: "closed",
    Status.NIET_MOGELIJK: "closed",
    Status.INGETROKKEN: "closed",
}


def statussen(open311_status: str) -> list[str]:
    """The portal's states behind one Open311 status ("open" or "closed")."""
    return sorted(s for s, o in STATUS.items() if o == open311_status)


def service_code(thema_id: int) -> str:
    return f"knelpunt-{thema_id}"


def thema_id(code: str) -> int | None:
    """The theme behind a service code, or None when the code is not one of ours."""
    gevonden = _CODE.match(code)
    return int(gevonden.group(1)) if gevonden else None


def is_geldige_code(code: str) -> bool:
    return thema_id(code) is not None


def diensten() -> list[Thema]:
    """The services: the themes a resident can choose now, in the administrator's order."""
    return list(Thema.objects.actief())


def dienst(code: str) -> Thema | None:
    """The active theme behind a service code, or None."""
    pk = thema_id(code)
    return None if pk is None else Thema.objects.actief().filter(pk=pk).first()


def dienst_gegevens(thema: Thema) -> dict:
    """One service as GeoReport v2 lists it."""
    return {
        "service_code": service_code(thema.pk),
        "service_name": thema.naam,
        "description": _("Report a bottleneck about %(thema)s in a ward.") % {"thema": thema.naam},
        # Every service has attributes (the ward is required): see definitie().
        "metadata": True,
        # Every report is screened by the ward advisor before it is public, and answered
        # within working days, not at once: batch, not realtime.
        "type": "batch",
        "keywords": ", ".join([str(Soort.KNELPUNT.label).lower(), thema.naam.lower()]),
        "group": str(Soort.KNELPUNT.label),
    }


def definitie(thema: Thema) -> dict:
    """The service definition: the attributes a request for this service takes."""
    wijken = list(Wijk.objects.actief().order_by("naam").values_list("code", "naam"))
    buurten = list(
        Buurt.objects.actief()
        .filter(wijk__vervallen_per__isnull=True)
        .order_by("naam")
        .values_list("code", "naam")
    )
    return {
        "service_code": service_code(thema.pk),
        "attributes": [
            {
                "variable": True,
                "code": "wijk",
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": _("The code of the ward (CBS code)."),
                "order": 1,
                "description": _("Ward"),
                "values": [{"key": code, "name": naam} for code, naam in wijken],
            },
            {
                "variable": True,
                "code": "buurt",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": _(
                    "The code of the neighbourhood (CBS code); it must lie in the ward."
                ),
                "order": 2,
                "description": _("Neighbourhood"),
                "values": [{"key": code, "name": naam} for code, naam in buurten],
            },
            {
                "variable": True,
                "code": "niet_openbaar",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": _(
                    "Whether the reporter asks the ward advisor not to publish the report."
                ),
                "order": 3,
                "description": _("Keep non-public"),
                "values": [{"key": "ja", "name": _("Yes")}, {"key": "nee", "name": _("No")}],
            },
        ],
    }

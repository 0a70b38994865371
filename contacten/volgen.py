"""News of visits for the followers of a ward (see wijken.volgen): a public visit that is
planned, held with its report published, or cancelled.

Public fields only: the kind, date, part of the day and place. Not the participants, not
the reason for cancelling (the visit's page decides what it shows of that).
"""

from django.db.models import Q
from django.template.defaultfilters import date as datumfilter
from django.utils.translation import gettext as _

from contacten.bezoeken import Bezoek, Bezoekstatus
from wijken.volgen import Nieuwtje, registreer_bron


def nieuws_van_bezoeken(wijk_ids, sinds, tot) -> list[Nieuwtje]:
    """Public visits to these wards planned, reported on or cancelled in ``(sinds, tot]``.
    One query. A cancellation counts from the visit's last change (the model keeps no
    separate moment for it)."""
    binnen = {"__gt": sinds, "__lte": tot}

    def venster(veld):
        return Q(**{f"{veld}{k}": v for k, v in binnen.items()})

    bezoeken = (
        Bezoek.objects.filter(wijk_id__in=wijk_ids, openbaar=True)
        .filter(
            venster("aangemaakt")
            | venster("verslag_gepubliceerd_op")
            | (Q(status=Bezoekstatus.GEANNULEERD) & venster("gewijzigd"))
        )
        .select_related("wijk")
        .order_by("datum", "pk")
    )
    nieuws = []
    for b in bezoeken:
        datum = datumfilter(b.datum, "j F Y")
        titel = f"{b.get_soort_display()}, {datum} ({b.get_dagdeel_display()})"
        plaats = f" {_('Location')}: {b.locatie}." if b.locatie else ""

        def nieuwtje(tijdstip, tekst, b=b, titel=titel):
            return Nieuwtje(
                wijk_id=b.wijk_id,
                tijdstip=tijdstip,
                soort="bezoek",
                titel=titel,
                tekst=tekst,
                url=b.get_absolute_url(),
            )

        if b.status == Bezoekstatus.GEANNULEERD:
            if sinds < b.gewijzigd <= tot:
                nieuws.append(nieuwtje(b.gewijzigd, _("The visit is cancelled.")))
            continue
        if sinds < b.aangemaakt <= tot:
            nieuws.append(nieuwtje(b.aangemaakt, _("A visit is planned.") + plaats))
        if b.verslag_gepubliceerd_op and sinds < b.verslag_gepubliceerd_op <= tot:
            nieuws.append(nieuwtje(b.verslag_gepubliceerd_op, _("The report is published.")))
    return nieuws


def registreer_bronnen() -> None:
    registreer_bron("bezoeken", nieuws_van_bezoeken)

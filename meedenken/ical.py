"""The ward meetings of published questions in the calendar feeds (initiatieven.ical).

A meeting goes into the feed of every ward its question concerns (a question to all
wards: every ward's feed) and into the feed of all wards, with public fields only: the
question's title, the place, the note on the venue's accessibility and the question's
page. Meetings from a year ago on, as the feeds keep their history.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from initiatieven.ical import GESCHIEDENIS, MAX_PER_SOORT, Gebeurtenis, registreer_bron
from meedenken.models import Bijeenkomst, Meedenkvraag


def bijeenkomsten(*, wijk=None, basis_url: str, host: str) -> list[Gebeurtenis]:
    vragen = Meedenkvraag.objects.gepubliceerd()
    if wijk is not None:
        vragen = vragen.voor_wijk_cijfers(wijk.pk)
    qs = (
        Bijeenkomst.objects.filter(
            vraag__in=vragen.values("pk"), eindigt__gte=timezone.now() - GESCHIEDENIS
        )
        .select_related("vraag")
        .order_by("begint", "pk")[:MAX_PER_SOORT]
    )
    lijst = []
    for bijeenkomst in qs:
        vraag = bijeenkomst.vraag
        delen = [
            _("Ward meeting about the question “%(vraag)s”.") % {"vraag": vraag.titel},
            bijeenkomst.toegankelijkheid,
        ]
        lijst.append(
            Gebeurtenis(
                uid=f"meedenkbijeenkomst-{bijeenkomst.pk}@{host}",
                begin=bijeenkomst.begint,
                einde=bijeenkomst.eindigt,
                gewijzigd=vraag.gewijzigd,
                titel=_("Ward meeting: %(vraag)s") % {"vraag": vraag.titel},
                locatie=bijeenkomst.plaats,
                beschrijving="\n\n".join(d for d in delen if d),
                url=basis_url + vraag.get_absolute_url(),
            )
        )
    return lijst


def registreer_kalender() -> None:
    registreer_bron("meedenken-bijeenkomsten", bijeenkomsten)

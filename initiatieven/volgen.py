"""News of items for the followers of a ward (see wijken.volgen): newly published items
and the steps public items take.

Built from public fields only: the public title, the kind and theme, the new status and
its public explanation. Never the internal note, never who took the step, never the
submitter (their name only appears on the item's page, and only if they chose so).
"""

from django.db.models import F

from initiatieven.keuzes import Status
from initiatieven.models import Onderwerp, Statuswijziging
from initiatieven.workflow import publieke_omschrijving
from wijken.volgen import Nieuwtje, registreer_bron


def nieuws_van_onderwerpen(wijk_ids, sinds, tot) -> list[Nieuwtje]:
    """Items of these wards first published in ``(sinds, tot]`` and still public, and the
    steps public items took in that window after their publication. Two queries."""
    nieuws = []
    onderwerpen = (
        Onderwerp.objects.openbaar()
        .filter(wijk_id__in=wijk_ids, gepubliceerd_op__gt=sinds, gepubliceerd_op__lte=tot)
        .select_related("thema")
        .order_by("gepubliceerd_op", "pk")
    )
    for o in onderwerpen:
        nieuws.append(
            Nieuwtje(
                wijk_id=o.wijk_id,
                tijdstip=o.gepubliceerd_op,
                soort="onderwerp",
                titel=o.toon_titel,
                tekst=f"{o.get_soort_display()} · {o.thema.naam}",
                url=o.get_absolute_url(),
                onderwerp_id=o.pk,
            )
        )
    stappen = (
        Statuswijziging.objects.publiek()
        .filter(
            onderwerp__wijk_id__in=wijk_ids,
            onderwerp__openbaar=True,
            onderwerp__gepubliceerd_op__isnull=False,
            tijdstip__gt=sinds,
            tijdstip__lte=tot,
            # Steps before the item was public (its submission, say) are not news.
            tijdstip__gte=F("onderwerp__gepubliceerd_op"),
        )
        .exclude(onderwerp__status=Status.CONCEPT)
        .select_related("onderwerp")
        .only(
            "tijdstip",
            "van",
            "naar",
            "publieke_toelichting",
            "onderwerp__wijk",
            "onderwerp__titel",
            "onderwerp__publieke_titel",
        )
        .order_by("tijdstip", "pk")
    )
    for stap in stappen:
        # What the item's public timeline says about the step, with its public explanation.
        tekst = str(publieke_omschrijving(stap.van, stap.naar))
        if stap.publieke_toelichting:
            tekst = f"{tekst}: {stap.publieke_toelichting}"
        nieuws.append(
            Nieuwtje(
                wijk_id=stap.onderwerp.wijk_id,
                tijdstip=stap.tijdstip,
                soort="stap",
                titel=stap.onderwerp.toon_titel,
                tekst=tekst,
                url=stap.onderwerp.get_absolute_url(),
                onderwerp_id=stap.onderwerp_id,
            )
        )
    return nieuws


def registreer_bronnen() -> None:
    registreer_bron("onderwerpen", nieuws_van_onderwerpen)

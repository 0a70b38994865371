"""News of consultation questions for the followers of a ward (see wijken.volgen): a
question published for their ward, and its feedback published.

Built from public fields only: title, theme and closing date. Never a respondent.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from meedenken.models import Meedenkvraag
from wijken.datums import datum
from wijken.models import Wijk
from wijken.volgen import Nieuwtje, registreer_bron


def nieuws_van_meedenkvragen(wijk_ids, sinds, tot) -> list[Nieuwtje]:
    """Questions of these wards (or of all wards) published in ``(sinds, tot]``, and
    those whose feedback was published then. Three queries."""
    wijk_ids = list(wijk_ids)
    nieuws = []
    gepubliceerd = (
        Meedenkvraag.objects.gepubliceerd()
        .voor_wijken(wijk_ids)
        .filter(gepubliceerd_op__gt=sinds, gepubliceerd_op__lte=tot)
        .select_related("thema")
        .prefetch_related("wijken")
    )
    teruggekoppeld = (
        Meedenkvraag.objects.teruggekoppeld()
        .voor_wijken(wijk_ids)
        .filter(terugkoppeling__gepubliceerd_op__gt=sinds, terugkoppeling__gepubliceerd_op__lte=tot)
        .select_related("terugkoppeling")
        .prefetch_related("wijken")
    )
    alle = set(Wijk.objects.filter(pk__in=wijk_ids).values_list("pk", flat=True))
    for vraag in gepubliceerd:
        for wijk_id in alle if vraag.alle_wijken else {w.pk for w in vraag.wijken.all()}:
            nieuws.append(
                Nieuwtje(
                    wijk_id=wijk_id,
                    tijdstip=vraag.gepubliceerd_op,
                    soort="meedenkvraag",
                    titel=vraag.titel,
                    tekst=_("%(thema)s · respond until %(datum)s")
                    % {
                        "thema": vraag.thema.naam,
                        "datum": datum(timezone.localdate(vraag.sluit_op)),
                    },
                    url=vraag.get_absolute_url(),
                )
            )
    for vraag in teruggekoppeld:
        for wijk_id in alle if vraag.alle_wijken else {w.pk for w in vraag.wijken.all()}:
            nieuws.append(
                Nieuwtje(
                    wijk_id=wijk_id,
                    tijdstip=vraag.terugkoppeling.gepubliceerd_op,
                    soort="meedenkvraag",
                    titel=vraag.titel,
                    tekst=_("What we do with your input"),
                    url=vraag.get_absolute_url(),
                )
            )
    return nieuws


def registreer_bronnen() -> None:
    registreer_bron("meedenkvragen", nieuws_van_meedenkvragen)

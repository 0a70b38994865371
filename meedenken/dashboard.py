"""The figures of consultation questions on the ward dashboard and the college overview,
and the questions of the printable ward report.

Rendered outside their cached fragments, on every request: a question opens and closes
at a moment of its own, which the fragments' midnight moment would miss, and the figures
are one query (a ward) or two (every ward) whatever the number of questions and responses.
"""

import datetime

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from contacten.bezoeken import Bezoek
from meedenken import permissions
from meedenken.models import Inbreng, Meedenkvraag, Staat, voorwaarden

_VELDEN = ("open", "reacties", "te_laat")


class _Aantal(Subquery):
    """The number of rows of a subquery, as a column of the outer query."""

    template = "(SELECT count(*) FROM (%(subquery)s) _aantal)"
    output_field = IntegerField()


def met_wijkcijfers(wijken):
    """The wards with the figures of ``wijkcijfers`` as columns (``meedenken_open``…), so
    the ward dashboard reads them in the query that loads its ward, not in one more."""
    nu = timezone.now()
    v = voorwaarden(nu)
    iv = voorwaarden(nu, "vraag__")
    van_wijk = Q(alle_wijken=True) | Q(wijken=OuterRef("pk"))
    inbreng_van_wijk = Q(vraag__alle_wijken=True) | Q(vraag__wijken=OuterRef("pk"))
    return wijken.annotate(
        meedenken_open=_Aantal(Meedenkvraag.objects.filter(van_wijk, v["open"]).values("pk")),
        meedenken_reacties=_Aantal(
            Inbreng.objects.filter(inbreng_van_wijk, iv["open"]).values("pk")
        ),
        meedenken_te_laat=_Aantal(Meedenkvraag.objects.filter(van_wijk, v["te_laat"]).values("pk")),
    )


def wijkcijfers(wijk, *, user=None) -> dict:
    """A ward's open questions, responses to them and overdue feedback: read from the
    ward's columns (``met_wijkcijfers``), or else in one query. With ``user``, the link to
    ask this ward a new question when they may (its advisor, its alderman, the college)."""
    if hasattr(wijk, "meedenken_open"):
        cijfers = {veld: getattr(wijk, f"meedenken_{veld}") for veld in _VELDEN}
    else:
        cijfers = Meedenkvraag.objects.voor_wijk_cijfers(wijk.pk).cijfers()
    lijst = f"{reverse('meedenken:lijst')}?wijk={wijk.pk}"
    return {
        "cijfers": cijfers,
        "open_url": f"{lijst}&staat=open",
        "te_laat_url": f"{lijst}&staat=te_laat",
        "nieuw_url": (
            f"{reverse('meedenken:nieuw')}?wijk={wijk.pk}"
            if user is not None
            and permissions.mag_vraag_stellen_aan(user, wijken=[wijk], alle_wijken=False)
            else None
        ),
    }


def collegecijfers(wijken) -> dict:
    """Per ward the same figures; questions to all wards count for each (two queries)."""
    per_wijk, alle = Meedenkvraag.objects.all().cijfers_per_wijk()
    leeg = {"open": 0, "reacties": 0, "te_laat": 0}
    rijen = []
    for wijk in wijken:
        eigen = per_wijk.get(wijk.pk, leeg)
        rijen.append(
            {
                "wijk": wijk,
                **{k: eigen[k] + alle[k] for k in leeg},
                "url": f"{reverse('meedenken:lijst')}?wijk={wijk.pk}",
            }
        )
    return {"rijen": rijen, "alle": alle}


#: The printable ward report lists the questions that closed in this many days, besides
#: those still announced, open or waiting for feedback.
RAPPORT_DAGEN = 365


def rapportvragen(wijk) -> dict:
    """The ward report's questions: published questions to the ward (or to all wards)
    that are announced or open, closed in the last ``RAPPORT_DAGEN`` days, or still
    waiting for feedback, or topics of a planned visit to the ward; each with its state,
    number of responses and that visit (``bezoek_id``, ``bezoek_datum``), and the number
    of questions per state. One query."""
    nu = timezone.now()
    sinds = nu - datetime.timedelta(days=RAPPORT_DAGEN)
    wacht = Q(sluit_op__lte=nu) & ~Q(terugkoppeling__gepubliceerd_op__isnull=False)
    # The soonest planned visit to this ward with the question as a topic (the report is
    # prepared for it), as columns: still one query. Such a question is in the report
    # whatever its dates.
    bezoek = Meedenkvraag.bezoeken.through.objects.filter(
        meedenkvraag=OuterRef("pk"),
        bezoek__in=Bezoek.objects.filter(wijk=wijk).gepland(),
    ).order_by("bezoek__datum", "bezoek__dagdeel", "bezoek_id")
    vragen = list(
        Meedenkvraag.objects.gepubliceerd()
        .voor_wijk_cijfers(wijk.pk)
        .annotate(
            bezoek_id=Subquery(bezoek.values("bezoek_id")[:1]),
            bezoek_datum=Subquery(bezoek.values("bezoek__datum")[:1]),
        )
        .filter(Q(sluit_op__gte=sinds) | wacht | Q(bezoek_id__isnull=False))
        .met_staat(nu)
        .annotate(aantal_reacties=Count("inbreng", distinct=True))
        .order_by("-sluit_op", "-pk")
    )
    labels = dict(Staat.choices)
    for vraag in vragen:
        vraag.staat_label = labels[vraag.staat]
    per_staat = [
        {"staat": staat, "label": labels[staat], "aantal": n}
        for staat in (
            Staat.AANGEKONDIGD,
            Staat.OPEN,
            Staat.GESLOTEN,
            Staat.TE_LAAT,
            Staat.TERUGGEKOPPELD,
        )
        if (n := sum(v.staat == staat for v in vragen))
    ]
    return {
        "vragen": vragen,
        "per_staat": per_staat,
        "reacties": sum(v.aantal_reacties for v in vragen),
        "sinds": timezone.localdate(sinds),
    }

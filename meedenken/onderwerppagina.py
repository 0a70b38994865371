"""The item page's section of consultation questions (see initiatieven.onderwerppagina).

An item can lead to a question (``Meedenkvraag.aanleiding``) and a question can lead to
items (``Terugkoppeling.onderwerpen``); the item's page lists the published questions of
either kind. The visitor's copy of the item page is cached with no moment, so the section
shows nothing that changes with time alone: each question's dates in words, never whether
it is open right now (the question's own page says that).
"""

from initiatieven.onderwerppagina import Sectie, registreer
from meedenken.models import Meedenkvraag

#: More than an item would ever have; the section never grows the page without bound.
AANTAL_OP_ONDERWERPPAGINA = 20


def _meedenkvragen(request, onderwerp) -> dict:
    vragen = (
        Meedenkvraag.objects.bij_onderwerp(onderwerp.pk)
        .select_related("thema")
        .order_by("-open_vanaf", "-pk")
    )
    return {"vragen": list(vragen[:AANTAL_OP_ONDERWERPPAGINA])}


def registreer_secties() -> None:
    registreer(
        Sectie(
            naam="meedenkvragen",
            template="meedenken/includes/onderwerp_meedenkvragen.html",
            context=_meedenkvragen,
            volgorde=10,
            toont={
                "meedenken.Meedenkvraag": None,
                "meedenken.Terugkoppeling": None,
                "initiatieven.Thema": None,
            },
        )
    )

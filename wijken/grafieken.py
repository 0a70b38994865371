"""Bar charts drawn on the server as SVG, without JavaScript: the scale and every bar are
computed here, the partials in ``templates/includes/`` only place them.

The ward dashboard's trend (``wijkportaal.dashboard.trendgrafiek``, upright bars per month)
and the results of a question to the ward (``liggende_staven``, a horizontal bar per
option) share the scale. A chart always stands beside a table with the same figures, which
stays the accessible source; the SVG carries a title and a description of its own.
"""

from dataclasses import dataclass, field

from django.utils.text import Truncator


@dataclass
class Grafiek:
    """What an SVG partial draws: the canvas, the plot area, the scale and the bars."""

    breedte: int
    hoogte: int
    links: int
    boven: int
    plot_breedte: int
    plot_hoogte: int
    maanden: list[dict] = field(default_factory=list)  # upright bars grouped per month
    staven: list[dict] = field(default_factory=list)  # horizontal bars, one per row
    ticks: list[dict] = field(default_factory=list)
    maximum: int = 0

    @property
    def onder(self) -> int:
        return self.boven + self.plot_hoogte

    @property
    def rechts(self) -> int:
        return self.links + self.plot_breedte


def mooi_maximum(waarde: int) -> int:
    """The smallest 'round' number (1, 2, 5 × 10^n; at least 4) at or above ``waarde``."""
    if waarde <= 4:
        return 4
    stap = 1
    while True:
        for factor in (1, 2, 5):
            if factor * stap >= waarde:
                return factor * stap
        stap *= 10


def schaalstreepjes(maximum: int, lengte: float) -> list[dict]:
    """Five marks from 0 to ``maximum``: each value and its distance from the axis."""
    return [
        {"waarde": maximum * i // 4, "afstand": round(lengte * (maximum * i // 4) / maximum, 1)}
        for i in range(5)
    ]


#: Characters of an option's text drawn above its bar; the table has the whole text.
LABEL_TEKENS = 40

#: The font sizes of ``includes/staafgrafiek.html`` in the chart's own units (its labels
#: and counts, its scale). Its width (``breedte``) is about a phone's column, so on a
#: 390 px screen (a column of about 358 px) it is drawn at least at its own size: no text
#: smaller than 12 px. CSS caps the width on wider screens.
LABEL_PUNTEN = 14
SCHAAL_PUNTEN = 12


def liggende_staven(rijen: list[tuple[str, int]]) -> Grafiek:
    """A horizontal bar per (label, count), in the given order, scaled to a round maximum.
    Each option's text stands above its bar rather than beside it: beside it, the labels
    took more than a third of the width and the chart was drawn at three quarters of its
    size on a phone, its text 8 px high."""
    label, staaf, tussen = 18, 20, 10
    rij_hoogte = label + staaf + tussen
    grafiek = Grafiek(
        breedte=340,
        hoogte=8 + rij_hoogte * max(len(rijen), 1) + 24,
        links=4,
        boven=8,
        # Room on the right for the largest count written after its bar.
        plot_breedte=290,
        plot_hoogte=rij_hoogte * max(len(rijen), 1),
    )
    grafiek.maximum = mooi_maximum(max([aantal for _label, aantal in rijen] + [0]))
    grafiek.ticks = [
        {**t, "x": round(grafiek.links + t["afstand"], 1)}
        for t in schaalstreepjes(grafiek.maximum, grafiek.plot_breedte)
    ]
    schaal = grafiek.plot_breedte / grafiek.maximum
    for i, (tekst, aantal) in enumerate(rijen):
        boven = grafiek.boven + rij_hoogte * i
        y = boven + label
        breedte = round(aantal * schaal, 1)
        grafiek.staven.append(
            {
                "label": Truncator(tekst).chars(LABEL_TEKENS),
                "label_y": round(boven + label - 5, 1),
                "waarde": aantal,
                "y": round(y, 1),
                "hoogte": staaf,
                "breedte": breedte,
                "midden": round(y + staaf / 2, 1),
                "tekst_x": round(grafiek.links + breedte + 4, 1),
            }
        )
    return grafiek

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


#: Characters of an option's text drawn beside its bar; the table has the whole text.
LABEL_TEKENS = 28


def liggende_staven(rijen: list[tuple[str, int]]) -> Grafiek:
    """A horizontal bar per (label, count), in the given order, scaled to a round maximum."""
    rij_hoogte, staaf = 30, 20
    grafiek = Grafiek(
        # Drawn at about its own size under the table (CSS caps it at 30rem), and scaled
        # down no further than three quarters on a 390 px phone: its text stays legible.
        breedte=480,
        hoogte=16 + rij_hoogte * max(len(rijen), 1) + 24,
        links=180,
        boven=8,
        plot_breedte=270,
        plot_hoogte=rij_hoogte * max(len(rijen), 1),
    )
    grafiek.maximum = mooi_maximum(max([aantal for _label, aantal in rijen] + [0]))
    grafiek.ticks = [
        {**t, "x": round(grafiek.links + t["afstand"], 1)}
        for t in schaalstreepjes(grafiek.maximum, grafiek.plot_breedte)
    ]
    schaal = grafiek.plot_breedte / grafiek.maximum
    for i, (label, aantal) in enumerate(rijen):
        y = grafiek.boven + rij_hoogte * i + (rij_hoogte - staaf) / 2
        breedte = round(aantal * schaal, 1)
        grafiek.staven.append(
            {
                "label": Truncator(label).chars(LABEL_TEKENS),
                "waarde": aantal,
                "y": round(y, 1),
                "hoogte": staaf,
                "breedte": breedte,
                "midden": round(y + staaf / 2, 1),
                "tekst_x": round(grafiek.links + breedte + 4, 1),
            }
        )
    return grafiek

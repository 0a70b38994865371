"""Wijkstad's map: made-up boundaries for the demo's made-up municipality.

Wijkstad (GM9999) does not exist, so CBS has no boundaries for it. The demo draws its
own, in the national grid (RD New) around Amersfoort's grid origin, so that the maps
have something true to the demo's wards to show: each neighbourhood is the area closer
to its own centre than to any other (a Voronoi tessellation) within a round-ish
municipal border. A real municipality imports CBS's wijk- en buurtkaart instead
(``manage.py import_wijken``).
"""

import math

import shapely
from shapely.geometry import MultiPoint, Polygon

#: The grid's origin near Amersfoort: somewhere in the middle of the country.
MIDDEN = (155_000, 463_000)

#: Each neighbourhood's centre, metres east and north of the middle, placed so that the
#: wards come out as the names say (Centrum in the middle, Noord to the north, …).
CENTRA = {
    "BU99990101": (0, 0),  # Binnenstad
    "BU99990102": (650, -350),  # Havenkwartier
    "BU99990103": (-350, 550),  # Stationsbuurt
    "BU99990201": (-700, 1450),  # Molenwijk
    "BU99990202": (250, 1550),  # Vogelbuurt
    "BU99990203": (1050, 1150),  # Bloemenbuurt
    "BU99990204": (0, 2400),  # Noorderpark
    "BU99990301": (1550, 250),  # Oosterhof
    "BU99990302": (1650, -900),  # Sportpark
    "BU99990303": (2200, 950),  # Tuinstad
    "BU99990401": (0, -1450),  # Zuiderhout
    "BU99990402": (900, -1750),  # Kanaalzone
    "BU99990403": (-750, -1300),  # Lindenhof
    "BU99990501": (-1450, 150),  # Westerkwartier
    "BU99990502": (-1650, -700),  # De Akkers
    "BU99990601": (-2500, 1900),  # Kerkdorp
    "BU99990602": (2950, -700),  # Polder Oost
    "BU99990603": (-3000, -1150),  # Polder West
}


def gemeentegrens() -> Polygon:
    """A round-ish border of about 3.5 km around the middle, wavy like a real one."""
    punten = []
    for i in range(180):
        hoek = 2 * math.pi * i / 180
        straal = 3500 + 320 * math.sin(3 * hoek) + 180 * math.cos(5 * hoek + 1)
        punten.append((MIDDEN[0] + straal * math.cos(hoek), MIDDEN[1] + straal * math.sin(hoek)))
    return Polygon(punten)


def grenzen() -> dict[str, shapely.Geometry]:
    """Neighbourhood code -> its boundary (RD New), the same on every run."""
    codes = list(CENTRA)
    grens = gemeentegrens()
    punten = MultiPoint([(MIDDEN[0] + dx, MIDDEN[1] + dy) for dx, dy in CENTRA.values()])
    vlakken = shapely.voronoi_polygons(punten, extend_to=grens, ordered=True)
    return {code: vlak.intersection(grens) for code, vlak in zip(codes, vlakken.geoms, strict=True)}

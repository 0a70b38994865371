"""Boundaries of neighbourhoods: read from the wijk- en buurtkaart, kept in the shape the
pages draw, and drawn.

CBS publishes the boundaries in RD New (EPSG:28992, the Dutch national grid): x and y in
metres, so distances and areas need no projection, and the map on a page is the grid
itself, scaled. The portal keeps them so (``Buurtgrens``), simplified to the metre, which
is far more detail than a page can show and a small fraction of CBS's size.

Geometry goes through shapely (GEOS in a wheel, no system library): the GeoPackage's
blobs are parsed here (header, then standard WKB), so neither GDAL nor a spatial
database extension is needed on any machine the portal runs on (docs/architecture.md).
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

# shapely (with numpy, about 20 MB per process) is imported by the functions that read,
# keep or measure a boundary: an import or a save. Drawing a kept boundary (``kaart``)
# needs none of it, so the web workers that only draw maps never load it.

#: The national grid, in which CBS publishes and the portal keeps boundaries.
RD_NEW = 28992

#: Simplification, in metres: below what a page of a ward can show, above the noise of
#: CBS's survey detail (a neighbourhood's edge can have thousands of points).
TOLERANTIE_M = 1.0

# GeoPackage geometry blob (GeoPackage 1.3, §2.1.3): "GP", version, flags, srs_id, an
# optional envelope whose size the flags give, then WKB.
_ENVELOP_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


class OngeldigeGrens(ValueError):
    """A geometry that is not a usable boundary (its message says why)."""


def uit_geopackage(blob: bytes) -> BaseGeometry | None:
    """The geometry of a GeoPackage geometry blob; None for an empty one."""
    if not blob or len(blob) < 8 or blob[:2] != b"GP":
        raise OngeldigeGrens("not a GeoPackage geometry")
    vlaggen = blob[3]
    envelop = (vlaggen >> 1) & 0b111
    if envelop not in _ENVELOP_BYTES:
        raise OngeldigeGrens("unknown envelope in a GeoPackage geometry")
    if vlaggen & 0b10000:  # the empty-geometry flag
        return None
    import shapely

    try:
        geometrie = shapely.from_wkb(blob[8 + _ENVELOP_BYTES[envelop] :])
    except shapely.errors.GEOSException as exc:
        raise OngeldigeGrens(f"unreadable geometry: {exc}") from None
    return geometrie


def srs_van_blob(blob: bytes) -> int:
    """The spatial reference id a GeoPackage geometry blob names in its header."""
    orde = "<" if blob[3] & 1 else ">"
    return struct.unpack(f"{orde}i", blob[4:8])[0]


def vlak(geometrie: BaseGeometry) -> dict:
    """A neighbourhood's boundary as the portal keeps it: a GeoJSON (Multi)Polygon in RD
    New, whole metres, simplified; refuses what is not an area."""
    import shapely

    geometrie = shapely.force_2d(geometrie)
    if geometrie.geom_type not in ("Polygon", "MultiPolygon") or geometrie.is_empty:
        raise OngeldigeGrens(f"a boundary must be an area, not a {geometrie.geom_type}")
    if not geometrie.is_valid:
        geometrie = shapely.make_valid(geometrie)
    geometrie = shapely.set_precision(geometrie.simplify(TOLERANTIE_M, preserve_topology=True), 1.0)
    if geometrie.is_empty:
        raise OngeldigeGrens("the boundary is smaller than a metre")
    return _als_geojson(geometrie)


def _als_geojson(geometrie: BaseGeometry) -> dict:
    import shapely
    from shapely.geometry import mapping

    # Whole metres as ints: a smaller JSON, and equal boundaries compare equal.
    def rond(ringen):
        return [[[round(x), round(y)] for x, y in ring] for ring in ringen]

    gegevens = mapping(geometrie)
    if gegevens["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": rond(gegevens["coordinates"])}
    if gegevens["type"] == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [rond(polygoon) for polygoon in gegevens["coordinates"]],
        }
    # set_precision can turn an area into a collection (a sliver collapsing to a line):
    # keep its areas.
    delen = [
        g for g in getattr(geometrie, "geoms", ()) if g.geom_type in ("Polygon", "MultiPolygon")
    ]
    if not delen:
        raise OngeldigeGrens("the boundary is smaller than a metre")
    return _als_geojson(shapely.union_all(delen))


@dataclass(frozen=True)
class Tekening:
    """What a page needs to draw a boundary, computed once when it is saved."""

    pad: str  # SVG path data, y negated (north up in SVG's downward y)
    label_x: int  # a point inside the area, for its label
    label_y: int  # in SVG's y (negated)
    x_min: int
    y_min: int
    x_max: int
    y_max: int


def tekening(gegevens: dict) -> Tekening:
    """The SVG path, a label point and the bounding box (RD New) of a kept boundary."""
    from shapely.geometry import shape

    geometrie = shape(gegevens)
    polygonen = (
        gegevens["coordinates"] if gegevens["type"] == "MultiPolygon" else [gegevens["coordinates"]]
    )
    delen = []
    for polygoon in polygonen:
        for ring in polygoon:
            # The closing point repeats the first: "Z" closes the ring instead.
            punten = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring
            delen.append("M" + " ".join(f"{x} {-y}" for x, y in punten) + "Z")
    punt = geometrie.representative_point()
    x_min, y_min, x_max, y_max = (round(v) for v in geometrie.bounds)
    return Tekening(
        pad="".join(delen),
        label_x=round(punt.x),
        label_y=-round(punt.y),
        x_min=x_min,
        y_min=y_min,
        x_max=x_max,
        y_max=y_max,
    )


#: The widest a map is shown (CSS: .buurtenkaart) and the narrowest (a 390 px phone,
#: less the page's padding), in CSS pixels: labels are sized to stay readable at the
#: narrowest without crowding the widest.
SMALSTE_PX = 350
LABEL_PX = 15


@dataclass(frozen=True)
class Kaartvlak:
    nummer: int
    naam: str
    pad: str
    label_x: int
    label_y: int


@dataclass(frozen=True)
class Kaart:
    viewbox: str
    lettergrootte: int  # in the map's units (metres), for LABEL_PX at SMALSTE_PX
    vlakken: list[Kaartvlak]


def kaart(buurten) -> Kaart | None:
    """A map of ``buurten`` (in the order given; each numbered as in a list beside it),
    drawn from their kept boundaries (``Buurtgrens``, loaded as ``buurt.grens``); those
    without a boundary are left out, and None when none has one."""
    vlakken, grenzen = [], []
    for nummer, buurt in enumerate(buurten, start=1):
        grens = getattr(buurt, "grens", None)
        if grens is None:
            continue
        grenzen.append(grens)
        vlakken.append(Kaartvlak(nummer, buurt.naam, grens.pad, grens.label_x, grens.label_y))
    if not vlakken:
        return None
    x_min, x_max = min(g.x_min for g in grenzen), max(g.x_max for g in grenzen)
    y_min, y_max = min(g.y_min for g in grenzen), max(g.y_max for g in grenzen)
    marge = max(x_max - x_min, y_max - y_min) // 40 + 1
    breedte, hoogte = x_max - x_min + 2 * marge, y_max - y_min + 2 * marge
    # y is negated in the paths: the top of the map is -y_max.
    return Kaart(
        viewbox=f"{x_min - marge} {-y_max - marge} {breedte} {hoogte}",
        lettergrootte=math.ceil(breedte * LABEL_PX / SMALSTE_PX),
        vlakken=vlakken,
    )

"""GeoPackages as CBS publishes the wijk- en buurtkaart, built per test: the GeoPackage
tables, a neighbourhood, ward and municipality layer, and geometry blobs."""

import sqlite3
import struct
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, box


def gpkg_blob(geometrie, *, srs: int = 28992, envelop: bool = True, groot: bool = False) -> bytes:
    """A GeoPackage geometry blob: "GP", version 0, flags (byte order, envelope), the srs
    id, the envelope (minx, maxx, miny, maxy) where flagged, then WKB."""
    orde = ">" if groot else "<"
    vlaggen = (0 if groot else 1) | ((1 << 1) if envelop else 0)
    kop = b"GP\x00" + bytes([vlaggen]) + struct.pack(f"{orde}i", srs)
    if envelop:
        minx, miny, maxx, maxy = geometrie.bounds
        kop += struct.pack(f"{orde}4d", minx, maxx, miny, maxy)
    return kop + shapely.to_wkb(geometrie, byte_order=0 if groot else 1)


def vierkant(i: int, zijde: int = 400):
    """The i-th neighbourhood's square, side by side along the grid's x axis."""
    x, y = 120_000 + i * zijde, 487_000
    return MultiPolygon([box(x, y, x + zijde, y + zijde)])


def geopackage(pad: Path, *, buurten, wijken=(), vormen=None, srs: int = 28992) -> Path:
    """A GeoPackage as the wijk- en buurtkaart is one: the GeoPackage tables, a
    neighbourhood layer, a ward layer and a municipality layer, each with a geometry
    (the neighbourhoods' from ``vormen``, a blob each, else squares side by side)."""
    verbinding = sqlite3.connect(pad)
    verbinding.executescript(
        """
        PRAGMA application_id = 1196444487;
        PRAGMA user_version = 10300;
        CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
            organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
            definition TEXT NOT NULL, description TEXT);
        INSERT INTO gpkg_spatial_ref_sys VALUES ('Amersfoort / RD New', 28992, 'EPSG', 28992,
            'PROJCS["Amersfoort / RD New"]', NULL);
        INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326,
            'GEOGCS["WGS 84"]', NULL);
        CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
            identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME,
            min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
        CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
            geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
            m TINYINT NOT NULL);
        CREATE TABLE gemeenten (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON,
            gemeentecode TEXT, gemeentenaam TEXT, aantal_inwoners INTEGER);
        CREATE TABLE wijken (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON,
            wijkcode TEXT, wijknaam TEXT, gemeentecode TEXT, gemeentenaam TEXT,
            aantal_inwoners INTEGER);
        CREATE TABLE buurten (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON,
            buurtcode TEXT, buurtnaam TEXT, wijkcode TEXT, gemeentecode TEXT,
            gemeentenaam TEXT, ind_wbi INTEGER, aantal_inwoners INTEGER,
            percentage_personen_0_tot_15_jaar REAL, percentage_personen_65_jaar_en_ouder REAL,
            aantal_huishoudens INTEGER);
        """
    )
    for laag in ("gemeenten", "wijken", "buurten"):
        verbinding.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
            "VALUES (?, 'features', ?, 28992)",
            (laag, laag),
        )
        verbinding.execute(
            "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', ?, 0, 0)",
            (laag, srs),
        )
    verbinding.executemany(
        "INSERT INTO wijken (geom, wijkcode, wijknaam, gemeentecode, gemeentenaam) "
        "VALUES (?, ?, ?, ?, ?)",
        [(gpkg_blob(vierkant(i, 2000), srs=srs), *w) for i, w in enumerate(wijken)],
    )
    if vormen is None:
        vormen = [gpkg_blob(vierkant(i), srs=srs) for i in range(len(buurten))]
    verbinding.executemany(
        "INSERT INTO buurten (geom, buurtcode, buurtnaam, wijkcode, gemeentecode, gemeentenaam, "
        "ind_wbi, aantal_inwoners, percentage_personen_0_tot_15_jaar, "
        "percentage_personen_65_jaar_en_ouder, aantal_huishoudens) "
        "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
        [(vorm, *b) for vorm, b in zip(vormen, buurten, strict=True)],
    )
    verbinding.commit()
    verbinding.close()
    return pad

"""Build the map's sea ice, ``static/data/sea-ice-3413-01.json`` .. ``-12.json``, from ``geodata/sea-ice/``.

Reads the twelve vendored NSIDC 1981-2010 median-extent polygons (lon/lat,
closed over the North Pole along +-180 deg; see ``geodata/sea-ice/README.md``)
and writes each month to its own file (the map fetches only the month it
shows) in the map's plane, EPSG:3413, with the land's encoding
(``arctic_routes/rings.py``): integer coordinates in units of ``unit_m``,
delta-encoded per ring, rings not closed; September's file::

    {"unit_m": 100, "months": {"9": [[ring, ...], ...]}}

Projecting the lon/lat polygon as it stands gives a slit (the seam along
+-180 and the cap along 90N collapse onto one line and one point), so each
polygon is segmentised in lon/lat, cut into four 90-degree wedges of
longitude, each wedge projected on its own (a wedge's cap is a single point,
the Pole) and the wedges joined again in EPSG:3413. The script checks the
result against the lon/lat polygons on a grid of points and fails if they
disagree.

Usage::

    python scripts/build_sea_ice.py
"""

from __future__ import annotations

import hashlib
import json

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from arctic_routes.datafiles import SEA_ICE_FILES, sea_ice_display_file
from arctic_routes.geodesy import POLAR_CRS, to_polar
from arctic_routes.rings import encode_rings  # the land's encoding, decoded alike by the map and the images
from arctic_routes.seaice import ICE_CREDIT, MONTH_NAMES, ice_extent

#: Edges are split in lon/lat to at most this many degrees before projecting, so they stay curves.
SEGMENTIZE_DEG = 0.1
#: Simplification tolerance in EPSG:3413 (metres): well under the source's 10-25 km resolution.
DISPLAY_TOLERANCE_M = 2000.0
#: Display coordinates are integers in this unit (metres), as for the land.
DISPLAY_UNIT_M = 100
#: Longitude wedges, each under 180 degrees wide, projected one at a time.
WEDGES_DEG = ((-180.0, -90.0), (-90.0, 0.0), (0.0, 90.0), (90.0, 180.0))
#: Most grid points (share of the points inside either version) allowed to disagree in the check.
MAX_DISAGREEMENT = 0.01


def polygons_of(geom: shapely.Geometry) -> list[Polygon]:
    """Every non-empty Polygon inside ``geom``, however deeply nested in collections."""
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    return [p for part in getattr(geom, "geoms", []) for p in polygons_of(part)]


def polar_extent(lonlat: shapely.Geometry) -> MultiPolygon:
    """A lon/lat extent as valid polygons in EPSG:3413 metres, with a filled cap over the Pole."""
    dense = shapely.segmentize(lonlat, SEGMENTIZE_DEG)
    pieces: list[Polygon] = []
    for west, east in WEDGES_DEG:
        wedge = dense.intersection(shapely.segmentize(box(west, -90.0, east, 90.0), SEGMENTIZE_DEG))
        for piece in polygons_of(wedge):
            projected = shapely.transform(piece, to_polar)
            pieces.extend(polygons_of(shapely.make_valid(projected)))
    joined = shapely.union_all(pieces, grid_size=1.0)  # a 1 m grid welds the wedges' shared edges
    simple = shapely.make_valid(joined.simplify(DISPLAY_TOLERANCE_M, preserve_topology=True))
    result = MultiPolygon(polygons_of(simple))
    if not result.is_valid:
        raise SystemExit(f"invalid polygon after projection: {shapely.is_valid_reason(result)}")
    return result


def check_against_lonlat(month: int, polar: MultiPolygon) -> float:
    """Share of grid points (north of 40N) where the EPSG:3413 version and the lon/lat polygon disagree."""
    lon, lat = np.meshgrid(np.arange(-179.75, 180.0, 0.5), np.arange(40.125, 90.0, 0.25))
    lon, lat = lon.ravel(), lat.ravel()
    xy = to_polar(np.column_stack([lon, lat]))
    in_lonlat = shapely.intersects_xy(ice_extent(month), lon, lat)
    in_polar = shapely.intersects_xy(polar, xy[:, 0], xy[:, 1])
    return float(np.sum(in_lonlat != in_polar) / max(1, np.sum(in_lonlat | in_polar)))


def main() -> None:
    months: dict[str, list[list[list[int]]]] = {}
    for month in range(1, 13):
        polar = polar_extent(ice_extent(month))
        disagreement = check_against_lonlat(month, polar)
        if disagreement > MAX_DISAGREEMENT:
            raise SystemExit(f"{MONTH_NAMES[month - 1]}: {disagreement:.2%} of grid points disagree")
        months[str(month)] = encode_rings(polar, DISPLAY_UNIT_M)
        vertices = sum(len(r) // 2 for rings in months[str(month)] for r in rings)
        print(f"{MONTH_NAMES[month - 1]:>9}: {len(months[str(month)])} polygons, {vertices} vertices,"
              f" {polar.area / 1e12:.2f} M km2 in the plane, {disagreement:.3%} of grid points disagree")
    for month in range(1, 13):
        doc = {
            "source": f"geodata/{SEA_ICE_FILES[0].split('/')[0]}/ (see its README.md)",
            "credit": ICE_CREDIT,
            "crs": POLAR_CRS,
            "simplified_m": DISPLAY_TOLERANCE_M,
            "unit_m": DISPLAY_UNIT_M,
            "encoding": "months > polygons > rings > [x0, y0, dx, dy, ...]",
            "months": {str(month): months[str(month)]},
        }
        data = json.dumps(doc, separators=(",", ":"))
        path = sea_ice_display_file(month)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data)
        print(f"{path.name} sha256 {hashlib.sha256(data.encode()).hexdigest()} ({len(data)} bytes)")


if __name__ == "__main__":
    main()

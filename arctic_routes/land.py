"""The base geography of the polar map: land and graticule, in the map plane (EPSG:3413 metres).

The land is Natural Earth 1:10m, projected, simplified at 1 km and delta-encoded
by ``scripts/build_land.py`` into ``static/data/land-3413.json``: the map fetches
that file once zoomed in (``land-3413-coarse.json``, the same land coarser, before),
the images and the voyage module decode it here. Builds geometry only; draws
nothing (no folium, no matplotlib).

The voyages ask two more questions of the land, anywhere on the map (:func:`sea_land`: the Arctic's
1:10m north of :data:`SEA_LAND_SPLIT_DEG`, the world's 1:50m south of it, both as the map draws them):
is a point at sea, and how far is the nearest sea (:func:`nearest_sea`); does a line run over land
(:func:`land_crossed`). Both read only these files: no land mask is needed at run time.
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import shapely
import shapely.ops

from arctic_routes.datafiles import LAND_DISPLAY_FILE, LAND_WORLD_DISPLAY_FILE
from arctic_routes.geodesy import ARCTIC_CIRCLE_DEG, GEOD, densify_geodesic, from_polar, to_polar
from arctic_routes.rings import PolygonsDocument, Rings, decode_rings

#: The Arctic land files (1:10m) reach south to this latitude (scripts/build_land.py) ...
ARCTIC_LAND_SOUTH_DEG = 45.0
#: ... this far from the Pole in the map's plane (metres): a view or an image reaching farther draws the world's
#: land (1:50m, scripts/build_world_land.py) instead.
ARCTIC_LAND_REACH_M = float(np.hypot(*to_polar(np.array([[0.0, ARCTIC_LAND_SOUTH_DEG]]))[0]))


@lru_cache(maxsize=1)
def land_document() -> PolygonsDocument:
    """The display land: EPSG:3413, integer coordinates delta-encoded per ring (:mod:`arctic_routes.rings`)."""
    return json.loads(LAND_DISPLAY_FILE.read_text())


@lru_cache(maxsize=1)
def world_land_document() -> PolygonsDocument:
    """The world's land (to 50S), coarser, in the same encoding: for frames beyond the Arctic land."""
    return json.loads(LAND_WORLD_DISPLAY_FILE.read_text())


def decode_land(doc: PolygonsDocument) -> Rings:
    """Polygons as lists of rings of (x, y) metres: what the map's script draws."""
    return decode_rings(doc["polygons"], doc["unit_m"])


@lru_cache(maxsize=1)
def land_near_coast() -> shapely.Geometry:
    """The display land grown by 1 km, as one prepared shapely geometry: clear of this is clear of the coast."""
    polygons = []
    for rings in decode_land(land_document()):
        polygon = shapely.Polygon(rings[0], rings[1:])
        # Mended one by one: make_valid on the whole MultiPolygon gives the same land after the buffer, but
        # its working memory (about 80 MB) stays with the server process for good.
        polygons.extend([polygon] if shapely.is_valid(polygon) else
                        [p for p in shapely.get_parts(shapely.make_valid(polygon)) if p.geom_type == "Polygon"])
    land = shapely.buffer(shapely.MultiPolygon(polygons), 1000.0, quad_segs=2)
    shapely.prepare(land)
    return land


#: Where the voyages' land check passes from the world's 1:50m land (south) to the Arctic's 1:10m (north).
SEA_LAND_SPLIT_DEG = 46.0


def _valid_polygons(rings_list: Rings) -> list[shapely.Polygon]:
    out: list[shapely.Polygon] = []
    for rings in rings_list:
        polygon = shapely.Polygon(rings[0], rings[1:])
        out.extend([polygon] if shapely.is_valid(polygon) else
                   [p for p in shapely.get_parts(shapely.make_valid(polygon)) if p.geom_type == "Polygon"])
    return out


@lru_cache(maxsize=1)
def sea_land() -> shapely.STRtree:
    """The land the voyages check, as a tree of polygons in the map plane (EPSG:3413 metres), built once.

    North of :data:`SEA_LAND_SPLIT_DEG` the Arctic's 1:10m land (``land-3413.json``), south of it the world's
    1:50m (``land-3413-world.json``, which stops at 50S: farther south everything is sea to this check).
    Each polygon is prepared: a point or a line is tested against the few whose box it meets.
    """
    radius = float(np.hypot(*to_polar(np.array([[0.0, SEA_LAND_SPLIT_DEG]]))[0]))
    disc = shapely.Point(0.0, 0.0).buffer(radius, quad_segs=180)
    north = _valid_polygons(decode_land(land_document()))
    south = shapely.get_parts(shapely.difference(shapely.MultiPolygon(
        _valid_polygons(decode_land(world_land_document()))), disc))
    parts = [p for p in [*north, *south] if p.geom_type == "Polygon" and not p.is_empty]
    shapely.prepare(parts)
    return shapely.STRtree(parts)


def nearest_sea(lon: float, lat: float, offshore_m: float = 500.0) -> tuple[float, tuple[float, float]]:
    """How far (metres, geodesic) the point is from the sea, and a point at sea ``offshore_m`` past the coast.

    A point at sea gives ``(0.0, (lon, lat))``.

    Examples
    --------
    >>> round(nearest_sea(10.0, 53.0)[0] / 1000)  # Lower Saxony: the nearest sea is the Elbe estuary, km
    62
    >>> nearest_sea(0.0, 60.0)  # the North Sea
    (0.0, (0.0, 60.0))
    """
    tree = sea_land()
    point = shapely.Point(to_polar([(lon, lat)])[0])
    if len(tree.query(point, predicate="within")) == 0:
        return 0.0, (lon, lat)
    # The land within a growing reach, its pieces joined again (the cut at SEA_LAND_SPLIT_DEG is no coast): the nearest point of
    # the boundary is a coast once it lies within the reach (a cut between a piece taken and one left lies
    # beyond it).
    coast = None
    for reach_m in (50_000.0, 200_000.0, 800_000.0, 3_200_000.0):
        pieces = tree.geometries.take(tree.query(point.buffer(reach_m, quad_segs=4)))
        land = next(p for p in shapely.get_parts(shapely.union_all(pieces)) if p.contains(point))
        coast = shapely.ops.nearest_points(land.boundary, point)[0]
        if coast.distance(point) <= reach_m:
            break
    assert coast is not None
    coast_lonlat = from_polar([(coast.x, coast.y)])[0]
    azimuth, _, distance_m = GEOD.inv(lon, lat, coast_lonlat[0], coast_lonlat[1])
    for extra in (offshore_m, 2 * offshore_m, 4 * offshore_m, 8 * offshore_m):
        off_lon, off_lat, _ = GEOD.fwd(lon, lat, azimuth, distance_m + extra)
        if not is_land(off_lon, off_lat):
            return float(distance_m), (round(float(off_lon), 5), round(float(off_lat), 5))
    return float(distance_m), (float(coast_lonlat[0]), float(coast_lonlat[1]))


def is_land(lon: float, lat: float) -> bool:
    """Whether the point lies on :func:`sea_land`'s land."""
    return bool(len(sea_land().query(shapely.Point(to_polar([(lon, lat)])[0]), predicate="within")))


def land_crossed(coords: np.ndarray, free_start_m: float = 0.0, free_end_m: float = 0.0) -> float:
    """Metres of land (:func:`sea_land`) a line of geodesics crosses, leaving out land within
    ``free_start_m`` of its first vertex and ``free_end_m`` of its last (a harbour, a river node).

    Examples
    --------
    >>> round(land_crossed(np.array([[9.0, 56.5], [11.0, 56.5]])) / 1000)  # across Jutland and Funen, km
    111
    >>> land_crossed(np.array([[3.0, 53.0], [4.0, 56.0]]))  # the North Sea
    0.0
    """
    dense = densify_geodesic(coords, 1.0)
    xy = to_polar(dense)
    line = shapely.LineString(xy)
    tree = sea_land()
    hits = tree.query(line, predicate="intersects")
    if len(hits) == 0:
        return 0.0
    on_land = np.zeros(len(xy), dtype=bool)
    for k in hits:
        on_land |= shapely.contains_xy(tree.geometries[k], xy[:, 0], xy[:, 1])
    n = len(dense)
    start = GEOD.inv(np.full(n, dense[0, 0]), np.full(n, dense[0, 1]), dense[:, 0], dense[:, 1])[2]
    end = GEOD.inv(np.full(n, dense[-1, 0]), np.full(n, dense[-1, 1]), dense[:, 0], dense[:, 1])[2]
    counted = on_land & (start > free_start_m) & (end > free_end_m)
    steps = GEOD.inv(dense[:-1, 0], dense[:-1, 1], dense[1:, 0], dense[1:, 1])[2]
    # A step counts as land when both its ends are (a sampled line: every 1 km at most).
    return float(np.sum(steps[counted[:-1] & counted[1:]]))


def _meridian_label(lon: int) -> str:
    if lon in (0, 180, -180):
        return f"{abs(lon)}°"
    return f"{abs(lon)}°{'E' if lon > 0 else 'W'}"


#: Where a parallel's label goes: its vertex at 135 E (parallels run from 180 W in 1 deg steps),
#: straight up from the Pole in this projection.
PARALLEL_LABEL_INDEX = 135 + 180


def graticule(south_deg: float = 50.0, meridian_south_deg: float | None = None
              ) -> tuple[list[tuple[str, np.ndarray]], list[tuple[str, np.ndarray]]]:
    """Parallels (every 10 deg from ``south_deg``, and the Arctic Circle) and meridians (every 30 deg, from
    ``meridian_south_deg``, default 5 deg south of ``south_deg``, to the Pole), in the polar plane."""
    parallels = []
    for lat in [*range(int(south_deg), 90, 10), ARCTIC_CIRCLE_DEG]:
        lons = np.linspace(-180, 180, 361)  # 1 deg steps: smooth circles at every zoom
        label = "Arctic Circle" if lat == ARCTIC_CIRCLE_DEG else ("Equator" if lat == 0 else
                                                                   f"{abs(lat)}°{'N' if lat > 0 else 'S'}")
        parallels.append((label, to_polar(np.column_stack([lons, np.full_like(lons, lat)]))))
    meridians = []
    start = south_deg - 5 if meridian_south_deg is None else meridian_south_deg
    for lon in range(-180, 180, 30):
        lats = np.linspace(start, 90, 50)
        meridians.append((_meridian_label(lon), to_polar(np.column_stack([np.full_like(lats, lon), lats]))))
    return parallels, meridians


def meridian_label_points(lat: float = 46.8) -> np.ndarray:
    """Where the meridians' labels go, in the order of :func:`graticule`'s meridians: on each, at ``lat``."""
    lons = np.arange(-180, 180, 30, dtype=float)
    return to_polar(np.column_stack([lons, np.full_like(lons, lat)]))

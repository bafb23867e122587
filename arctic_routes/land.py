"""The base geography of the polar map: land and graticule, in the map plane (EPSG:3413 metres).

The land is Natural Earth 1:10m, projected, simplified at 1 km and delta-encoded
by ``scripts/build_land.py`` into ``static/data/land-3413.json``: the map fetches
that file once zoomed in (``land-3413-coarse.json``, the same land coarser, before),
the images and the voyage module decode it here. Builds geometry only; draws
nothing (no folium, no matplotlib).
"""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import shapely

from arctic_routes.datafiles import LAND_DISPLAY_FILE, LAND_WORLD_DISPLAY_FILE
from arctic_routes.geodesy import ARCTIC_CIRCLE_DEG, to_polar
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

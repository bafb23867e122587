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
from typing import Any

import numpy as np

from arctic_routes.datafiles import LAND_DISPLAY_FILE
from arctic_routes.geodesy import ARCTIC_CIRCLE_DEG, to_polar
from arctic_routes.rings import Rings, decode_rings


@lru_cache(maxsize=1)
def land_document() -> dict[str, Any]:
    """The display land: EPSG:3413, integer coordinates delta-encoded per ring (:mod:`arctic_routes.rings`)."""
    return json.loads(LAND_DISPLAY_FILE.read_text())


def decode_land(doc: dict[str, Any]) -> Rings:
    """Polygons as lists of rings of (x, y) metres: what the map's script draws."""
    return decode_rings(doc["polygons"], doc["unit_m"])


@lru_cache(maxsize=1)
def land_near_coast() -> Any:
    """The display land grown by 1 km, as one prepared shapely geometry: clear of this is clear of the coast."""
    import shapely

    polygons = [shapely.Polygon(rings[0], rings[1:]) for rings in decode_land(land_document())]
    land = shapely.buffer(shapely.make_valid(shapely.MultiPolygon(polygons)), 1000.0, quad_segs=2)
    shapely.prepare(land)
    return land


def _meridian_label(lon: int) -> str:
    if lon in (0, 180, -180):
        return f"{abs(lon)}°"
    return f"{abs(lon)}°{'E' if lon > 0 else 'W'}"


#: Where a parallel's label goes: its vertex at 135 E (parallels run from 180 W in 1 deg steps),
#: straight up from the Pole in this projection.
PARALLEL_LABEL_INDEX = 135 + 180


def graticule(south_deg: float = 50.0) -> tuple[list[tuple[str, np.ndarray]], list[tuple[str, np.ndarray]]]:
    """Parallels (every 10 deg and the Arctic Circle) and meridians (every 30 deg), in the polar plane."""
    parallels = []
    for lat in [*range(int(south_deg), 90, 10), ARCTIC_CIRCLE_DEG]:
        lons = np.linspace(-180, 180, 361)  # 1 deg steps: smooth circles at every zoom
        label = "Arctic Circle" if lat == ARCTIC_CIRCLE_DEG else f"{lat}°N"
        parallels.append((label, to_polar(np.column_stack([lons, np.full_like(lons, lat)]))))
    meridians = []
    for lon in range(-180, 180, 30):
        lats = np.linspace(south_deg - 5, 90, 50)
        meridians.append((_meridian_label(lon), to_polar(np.column_stack([np.full_like(lats, lon), lats]))))
    return parallels, meridians

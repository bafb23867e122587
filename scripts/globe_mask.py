"""The GLOBE 1 km land mask, for the build scripts: land along a geodesic, and a window of the grid.

The mask is PyPI ``global-land-mask`` (MIT; NOAA's GLOBE 30 arc-second
elevation data, 1/120 deg cells). It is a second, independent land source: the
routes are drawn on Natural Earth 1:10m, which lacks small islands that GLOBE
has (Coronation Gulf, Dease Strait). Points are looked up with the package's
own ``globe.is_land`` (the same call ``tests/test_land_globe.py`` makes); the
grid window reads the package's mask file for the searches.

GLOBE sees the canals, and straits about as narrow as its cells (the Bosporus,
the Kanmon Strait), as land (:data:`arctic_routes.seanet.CANAL_BOXES`): a
sample inside one of those boxes never counts as land here (:func:`in_canal`,
which ``tests/test_land_globe.py`` uses too).

Needs the build extra (``pip install -e '.[build]'``).
"""

from __future__ import annotations

from importlib.resources import files

import numpy as np
from global_land_mask import globe

from arctic_routes.geodesy import GEOD
from arctic_routes.seanet import CANAL_BOXES

#: One cell of the mask, degrees (30 arc-seconds: about 0.93 km of latitude).
CELL_DEG = 1.0 / 120.0
ROWS, COLS = 21600, 43200


def in_canal(lonlat: np.ndarray) -> np.ndarray:
    """Which (lon, lat) points lie in a canal box (or a narrow strait's)."""
    lon, lat = lonlat[:, 0], lonlat[:, 1]
    inside = np.zeros(len(lonlat), dtype=bool)
    for west, south, east, north in CANAL_BOXES.values():
        inside |= (lon >= west) & (lon <= east) & (lat >= south) & (lat <= north)
    return inside


def land_at(lonlat: np.ndarray, around: int = 0, margin_deg: float = 0.0) -> np.ndarray:
    """GLOBE land at each (lon, lat) point, in any of the (2k+1)^2 cells about it (``around`` = k), or
    within ``margin_deg`` of it in latitude and longitude (a line through a cell corner touches land).

    Points in a canal box are never land.
    """
    pts = np.asarray(lonlat, dtype=float).reshape(-1, 2)
    steps = sorted({k * CELL_DEG + m for k in range(-around, around + 1) for m in (-margin_deg, 0.0, margin_deg)})
    land = np.zeros(len(pts), dtype=bool)
    for dy in steps:
        lat = np.clip(pts[:, 1] + dy, -90.0, 90.0)
        for dx in steps:
            lon = (pts[:, 0] + dx + 180.0) % 360.0 - 180.0
            land |= np.asarray(globe.is_land(lat, lon), dtype=bool)
    return land & ~in_canal(pts)


#: How far a line checked "on water" keeps from a land cell: a line through a cell corner would
#: otherwise touch land where a sample falls on the corner itself (about 40 m).
CORNER_MARGIN_DEG = 0.0004


def line_is_water(p: tuple[float, float], q: tuple[float, float], around: int = 0) -> bool:
    """Whether the geodesic from ``p`` to ``q`` keeps off GLOBE land: ``around`` = k cells off it, or
    (k = 0) at least :data:`CORNER_MARGIN_DEG` off it."""
    if around:
        return not land_at(geodesic_samples(p, q, 100.0), around).any()
    return not land_at(geodesic_samples(p, q, 25.0), 0, CORNER_MARGIN_DEG).any()


def geodesic_samples(p: tuple[float, float], q: tuple[float, float], step_m: float) -> np.ndarray:
    """Points every ``step_m`` or less along the geodesic from ``p`` to ``q``, both ends included."""
    dist = GEOD.inv(p[0], p[1], q[0], q[1])[2]
    n = int(np.ceil(dist / step_m)) - 1
    mids = np.asarray(GEOD.npts(p[0], p[1], q[0], q[1], n), dtype=float).reshape(-1, 2) if n > 0 else np.empty((0, 2))
    return np.vstack([[p], mids, [q]])


def window(west: float, south: float, east: float, north: float) -> tuple[np.ndarray, int, int]:
    """The mask's water cells (True) from ``west`` to ``east`` (unwrapped: east may pass 180) and south to north.

    Returns the boolean window and the row and (unwrapped) column of its top-left cell; cell (r, c)
    covers latitudes 90 - (r + 1)/120 to 90 - r/120 and longitudes -180 + c/120 to -180 + (c + 1)/120.
    """
    ocean = _ocean()
    r0 = max(int(np.floor((90.0 - north) / CELL_DEG)), 0)
    r1 = min(int(np.floor((90.0 - south) / CELL_DEG)) + 1, ROWS)
    c0 = int(np.floor((west + 180.0) / CELL_DEG))
    c1 = int(np.floor((east + 180.0) / CELL_DEG)) + 1
    cols = np.arange(c0, c1) % COLS
    return ocean[r0:r1][:, cols], r0, c0


def cell_centres(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """(lon, lat) of the centres of cells (row, unwrapped column), longitudes left unwrapped."""
    return np.column_stack([-180.0 + (cols + 0.5) * CELL_DEG, 90.0 - (rows + 0.5) * CELL_DEG])


_OCEAN: list[np.ndarray] = []


def _ocean() -> np.ndarray:
    if not _OCEAN:
        with files("global_land_mask").joinpath("globe_combined_mask_compressed.npz").open("rb") as f:
            _OCEAN.append(np.load(f)["mask"])
    return _OCEAN[0]

"""Sea ice: the NSIDC 1981-2010 monthly median extent, and how much of a route lies under it.

The twelve polygons (``geodata/sea-ice/``, see its README for source, licence
and caveats) are in lon/lat and close over the North Pole along the 180 deg
meridian. Shares are measured in lon/lat: a route is sampled along its
geodesics every :data:`SAMPLE_STEP_KM` and each sample is tested against the
polygon, so the polygons are never reprojected: in EPSG:3413 their seam along
+-180 deg and their edge along 90N collapse into a slit and a point, an invalid
polygon (intersecting there has been reported to give wrong shares).

The map's copy of the polygons (EPSG:3413, delta-encoded integers, built by
``scripts/build_sea_ice.py``, one file per month) is read by :func:`ice_month_document`.

Pure logic: this module must not import streamlit, folium or matplotlib.

Examples
--------
>>> MONTH_NAMES[DEFAULT_MONTH - 1]
'September'
>>> round(ice_share_pct([(-150.0, 85.0), (30.0, 85.0)], 9))  # across the Pole
100
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from numbers import Integral
from typing import cast

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import shape

from arctic_routes.datafiles import SEA_ICE_FILES, geodata_file, sea_ice_display_file
from arctic_routes.geodesy import GEOD, densify_geodesic, geometry_lonlat
from arctic_routes.reading import JSONObject, RouteDataError, read_json
from arctic_routes.rings import IceDocument, Rings, decode_rings

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
#: September: the month of least ice, shown first.
DEFAULT_MONTH = 9
#: Shown on the map and in every export that shows the ice.
ICE_CREDIT = ("Sea ice: NSIDC Sea Ice Index v3 (G02135), median extent 1981-2010, "
              "via QGreenland / MPAS geometric_features")
#: Routes are sampled along their geodesics at most this far apart (km) to be tested against the ice.
SAMPLE_STEP_KM = 2.0
#: A month counts as open when at most this share (%) of a route's length lies under the median
#: extent. Not 0: a short ice-bound stretch does not close a season that ships sail with escort, and
#: the simplified polygons (10-25 km) overlap coasts. nep-coastal is 10 % under ice in September:
#: about 620 km of the Taymyr ice massif east of Vilkitsky Strait (77N, 92-116E), in the NSR's
#: July-November season (CHNL). 15 % keeps that month open, yet a month with a longer barrier
#: closed (Peel Sound, 22 % in August; ice clears by early September per the Canadian Sailing Directions).
OPEN_MAX_ICE_PCT = 15.0


def check_month(month: object) -> int:
    """``month`` as an int 1..12 (January = 1), or ValueError.

    Examples
    --------
    >>> check_month(9)
    9
    >>> check_month("9")
    Traceback (most recent call last):
    ...
    ValueError: month must be an integer 1..12 (January = 1), not '9'
    """
    if isinstance(month, bool) or not isinstance(month, Integral) or not 1 <= int(month) <= 12:
        raise ValueError(f"month must be an integer 1..12 (January = 1), not {month!r}")
    return int(month)


def month_from_text(text: str) -> int:
    """A month as a link or a command line writes it (``"1"`` to ``"12"``, ASCII digits) as an int 1..12.

    Anything else is a ValueError, never another month: ``"0"`` is not December and ``"13"`` not January;
    ``"²"``, ``"٣"`` and a fullwidth ``"１"`` are digits to Python's ``str.isdigit`` but not months here.

    Examples
    --------
    >>> month_from_text("9"), month_from_text("09"), month_from_text(" 12 ")
    (9, 9, 12)
    >>> month_from_text("0")
    Traceback (most recent call last):
    ...
    ValueError: month must be 1..12 (January = 1), not '0'
    >>> month_from_text("²")
    Traceback (most recent call last):
    ...
    ValueError: month must be 1..12 (January = 1), not '²'
    """
    digits = text.strip(" ") if isinstance(text, str) else ""
    if not (0 < len(digits) <= 2 and all(c in "0123456789" for c in digits)) or not 1 <= int(digits) <= 12:
        raise ValueError(f"month must be 1..12 (January = 1), not {str(text)[:20]!r}")
    return int(digits)


def month_name(month: int) -> str:
    """The name of ``month`` (1..12), or ValueError: ``0`` is no month (``MONTH_NAMES[0 - 1]`` is December).

    >>> month_name(9)
    'September'
    """
    return MONTH_NAMES[check_month(month) - 1]


@lru_cache(maxsize=None, typed=True)  # typed: a cached 9 must not let 9.0 or True skip the check
def ice_extent(month: int) -> shapely.Geometry:
    """The median sea-ice extent of ``month`` (1..12), a prepared shapely (Multi)Polygon in lon/lat.

    The polygon closes over the North Pole along +-180 deg: the Pole and that
    seam lie on its boundary, so test points with :func:`shapely.intersects_xy`
    (boundary included), not ``contains_xy``. Raises
    :class:`~arctic_routes.reading.RouteDataError` if the file is missing or broken.
    """
    name = SEA_ICE_FILES[check_month(month) - 1]
    path = geodata_file(name)
    doc = read_json(path)
    try:
        features = cast("list[JSONObject]", doc["features"])  # a non-empty list (read_json); a bad item is caught here
        geom = shape(features[0]["geometry"])
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, shapely.errors.ShapelyError) as exc:
        raise RouteDataError(str(path), f"feature 0 has no readable geometry ({type(exc).__name__})") from None
    if geom.geom_type not in ("Polygon", "MultiPolygon") or geom.is_empty:
        raise RouteDataError(str(path), f"expected a Polygon or MultiPolygon, got {geom.geom_type}")
    west, south, east, north = geom.bounds
    if not (-180.0 <= west and east <= 180.0 and -90.0 <= south and north <= 90.0):
        raise RouteDataError(str(path), "coordinates out of range (lon -180..180, lat -90..90)")
    polygons = [g for g in shapely.get_parts(shapely.make_valid(geom)) if g.geom_type == "Polygon"]
    if not polygons:
        raise RouteDataError(str(path), "the polygon has no area")
    extent = shapely.MultiPolygon(polygons) if len(polygons) > 1 else polygons[0]  # October self-touches
    shapely.prepare(extent)
    return extent


def _samples(coords_lonlat: Iterable[Sequence[float]]) -> tuple[np.ndarray, np.ndarray]:
    """Points every <= :data:`SAMPLE_STEP_KM` along the geodesics, and each step's geodesic length (m)."""
    dense = densify_geodesic(coords_lonlat, SAMPLE_STEP_KM)
    if len(dense) < 2:
        return dense, np.zeros(0)
    step_m = GEOD.inv(dense[:-1, 0], dense[:-1, 1], dense[1:, 0], dense[1:, 1])[2]
    return dense, np.asarray(step_m, dtype=float)


def _ice_lengths_m(dense: np.ndarray, step_m: np.ndarray, months: Iterable[int]) -> list[float]:
    """Metres under each month's extent: every step counts by the share of its two ends that are in ice."""
    lengths = []
    for month in months:
        inside = shapely.intersects_xy(ice_extent(month), dense[:, 0], dense[:, 1]).astype(float)
        lengths.append(float(np.sum(step_m * (inside[:-1] + inside[1:]) / 2.0)))
    return lengths


def ice_length_m(coords_lonlat: Iterable[Sequence[float]], month: int) -> float:
    """Geodesic length (metres) of the polyline that lies under ``month``'s median ice extent.

    Vertices are (lon, lat); consecutive vertices are joined by geodesics
    (a step from 179.9 to -179.9 deg is short). Accurate to about one sample
    step (:data:`SAMPLE_STEP_KM`) per crossing of the ice edge.
    """
    dense, step_m = _samples(coords_lonlat)
    return _ice_lengths_m(dense, step_m, [check_month(month)])[0]


def _shares_pct(dense: np.ndarray, step_m: np.ndarray, months: list[int]) -> list[float]:
    total_m = float(np.sum(step_m))
    if total_m <= 0.0:
        raise ValueError("the line has no length: an ice share needs at least two distinct points")
    return [100.0 * ice_m / total_m for ice_m in _ice_lengths_m(dense, step_m, months)]


def ice_share_pct(coords_lonlat: Iterable[Sequence[float]], month: int) -> float:
    """Share (%, 0-100) of the polyline's geodesic length under ``month``'s median ice extent."""
    return _shares_pct(*_samples(coords_lonlat), [check_month(month)])[0]


def monthly_ice_pct(coords_lonlat: Iterable[Sequence[float]]) -> list[float]:
    """Twelve shares (%, January first) of the polyline's length under each month's median extent.

    The line is sampled once and the twelve polygons are tested on the same points.
    """
    return _shares_pct(*_samples(coords_lonlat), list(range(1, 13)))


def route_seasons(routes: gpd.GeoDataFrame) -> dict[str, list[float]]:
    """Route id -> :func:`monthly_ice_pct`, for a frame from :func:`arctic_routes.routes.load_routes`."""
    return {str(route_id): monthly_ice_pct(geometry_lonlat(geojson))
            for route_id, geojson in routes["geojson"].items()}


def open_months_text(shares_pct: Sequence[float], max_ice_pct: float = OPEN_MAX_ICE_PCT) -> str:
    """The months in which at most ``max_ice_pct`` of a route is under the median extent, in words.

    Consecutive months are joined into ranges, also across the new year.

    Examples
    --------
    >>> open_months_text([100, 100, 100, 100, 100, 96, 76, 22, 0, 37, 94, 100])
    'September'
    >>> open_months_text([86, 87, 88, 88, 86, 81, 65, 14, 10, 12, 79, 84])
    'August-October'
    >>> open_months_text([5, 20, 90, 90, 90, 90, 90, 90, 0, 90, 0, 0])
    'September, November-January'
    >>> open_months_text([100] * 12), open_months_text([0] * 12)
    ('never at the 1981-2010 median', 'all year')
    """
    if len(shares_pct) != 12:
        raise ValueError(f"expected 12 monthly shares (January first), got {len(shares_pct)}")
    is_open = [share <= max_ice_pct for share in shares_pct]
    if all(is_open):
        return "all year"
    if not any(is_open):
        return "never at the 1981-2010 median"
    first = is_open.index(False) + 1  # start just after a closed month, so no run is cut at December
    runs: list[list[int]] = []
    previous_open = False
    for month in ((first + i) % 12 for i in range(12)):
        if is_open[month]:
            if previous_open:
                runs[-1].append(month)
            else:
                runs.append([month])
        previous_open = is_open[month]
    runs.sort(key=lambda run: run[0])
    words = [MONTH_NAMES[run[0]] if len(run) == 1 else f"{MONTH_NAMES[run[0]]}-{MONTH_NAMES[run[-1]]}"
             for run in runs]
    return ", ".join(words)


@lru_cache(maxsize=12)
def ice_month_document(month: int) -> IceDocument:
    """The map's sea ice for ``month``: EPSG:3413, delta-encoded, ``{"unit_m", "months": {"<month>": [...]}}``.

    The file the map fetches (``scripts/build_sea_ice.py``); it must hold exactly its own month.
    """
    month = check_month(month)
    path = sea_ice_display_file(month)
    name = str(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RouteDataError(name, "file not found; run python scripts/build_sea_ice.py") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RouteDataError(name, f"not valid JSON ({type(exc).__name__})") from None
    months = doc.get("months") if isinstance(doc, dict) else None
    if not isinstance(months, dict) or list(months) != [str(month)]:
        raise RouteDataError(name, f"expected 'months' with the one key '{month}'")
    if not isinstance(doc.get("unit_m"), (int, float)):
        raise RouteDataError(name, "expected a number 'unit_m'")
    return doc


def decode_ice(doc: IceDocument, month: int) -> Rings:
    """``month``'s polygons as lists of rings of (x, y) metres in EPSG:3413 (rings not closed)."""
    return decode_rings(doc["months"][str(check_month(month))], doc["unit_m"])

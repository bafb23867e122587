"""Geodesic lengths and antimeridian-safe coordinate handling.

Coordinates are ``(lon, lat)`` in degrees everywhere in this package; the only
swap to ``[lat, lon]`` happens in :func:`arctic_routes.leaflet.to_leaflet`.
Units and their conversions are in :mod:`arctic_routes.units`.

All lengths are geodesic on the WGS84 ellipsoid (Karney's algorithm through
:class:`pyproj.Geod`). Never use shapely's ``.length`` on lon/lat: that is a
length in degrees, which means nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, TypedDict

import numpy as np
from pyproj import Geod, Transformer

from arctic_routes.units import METRES_PER_KM

#: The one ellipsoid every length in the app is measured on.
GEOD = Geod(ellps="WGS84")

#: Mean latitude of the Arctic Circle (epoch 2025), degrees.
ARCTIC_CIRCLE_DEG = 66.5634

#: NSIDC Sea Ice Polar Stereographic North: the map's plane (metres).
POLAR_CRS = "EPSG:3413"
_TO_POLAR = Transformer.from_crs("EPSG:4326", POLAR_CRS, always_xy=True)
_FROM_POLAR = Transformer.from_crs(POLAR_CRS, "EPSG:4326", always_xy=True)


class LineString(TypedDict):
    """A GeoJSON LineString: [lon, lat] positions in degrees."""

    type: Literal["LineString"]
    coordinates: list[list[float]]


class MultiLineString(TypedDict):
    """A GeoJSON MultiLineString: parts of [lon, lat] positions in degrees (a line split at 180 deg)."""

    type: Literal["MultiLineString"]
    coordinates: list[list[list[float]]]


#: A line as every route, voyage and reader's track is stored and drawn (RFC 7946).
LineGeometry = LineString | MultiLineString


def as_lonlat(coords: Iterable[Sequence[float]]) -> np.ndarray:
    """An ``(n, 2)`` float array of (lon, lat) from any sequence of pairs."""
    arr = np.asarray(list(coords) if not isinstance(coords, np.ndarray) else coords, dtype=float)
    if arr.ndim != 2 or arr.shape[1] < 2:
        raise ValueError("coordinates must be a sequence of (lon, lat) pairs")
    return arr[:, :2]


def geodesic_length_m(coords: Iterable[Sequence[float]]) -> float:
    """Geodesic length (metres) of a polyline on the WGS84 ellipsoid.

    Each pair of consecutive vertices is joined by the shortest geodesic, so a
    step from 179.9 to -179.9 deg longitude is 0.2 deg long, not 359.8.

    Examples
    --------
    >>> round(geodesic_length_m([(0, 0), (1, 0)]))  # one degree of the equator
    111319
    >>> round(geodesic_length_m([(179.5, 70), (-179.5, 70)]))
    38186
    """
    arr = as_lonlat(coords)
    if len(arr) < 2:
        return 0.0
    return float(GEOD.line_length(arr[:, 0], arr[:, 1]))


def densify_geodesic(coords: Iterable[Sequence[float]], max_step_km: float) -> np.ndarray:
    """Insert points along each geodesic so no step exceeds ``max_step_km``.

    Returns (lon, lat) with longitudes normalised to [-180, 180]; the original
    vertices are kept exactly.
    """
    arr = as_lonlat(coords)
    out = [arr[:1]]
    for (lon1, lat1), (lon2, lat2) in zip(arr[:-1], arr[1:]):
        dist = GEOD.inv(lon1, lat1, lon2, lat2)[2]
        n = int(np.ceil(dist / (max_step_km * METRES_PER_KM))) - 1
        if n > 0:
            mids = np.asarray(GEOD.npts(lon1, lat1, lon2, lat2, n), dtype=float)
            out.append(mids)
        out.append(np.array([[lon2, lat2]]))
    dense = np.vstack(out)
    dense[:, 0] = normalise_lon(dense[:, 0])
    return dense


def normalise_lon(lon: np.ndarray) -> np.ndarray:
    """Longitudes (degrees) in [-180, 180]: those outside wrapped, the others (+180 and -180 too) untouched.

    >>> normalise_lon(np.array([180.0, -180.0, 190.0, -190.0, 540.0])).tolist()
    [180.0, -180.0, -170.0, 170.0, 180.0]
    """
    lon = np.array(lon, dtype=float)
    outside = np.abs(lon) > 180.0
    wrapped = (lon[outside] + 180.0) % 360.0 - 180.0
    lon[outside] = np.where(wrapped == -180.0, np.copysign(180.0, lon[outside]), wrapped)  # 540 is +180
    return lon


def split_antimeridian(coords: Iterable[Sequence[float]]) -> LineGeometry:
    """A GeoJSON LineString, or a MultiLineString split at 180 deg (RFC 7946 3.1.9).

    A step whose longitudes differ by more than 180 deg crosses the
    antimeridian; the crossing is found on the geodesic itself and both parts
    end on it (one at +180, the other at -180). A vertex on the antimeridian
    takes the sign of the side its line comes from (the first one: the side it
    goes to), so no part is a lone point or a step of zero length: every part
    has at least two distinct points when the line has. The parts are as long
    together as the line.

    >>> split_antimeridian([(-180, 62.1), (167.9, 59.6)])
    {'type': 'LineString', 'coordinates': [[180.0, 62.1], [167.9, 59.6]]}
    """
    arr = as_lonlat(coords).copy()
    arr[:, 0] = _antimeridian_sides(normalise_lon(arr[:, 0]))
    parts: list[list[list[float]]] = [[arr[0].tolist()]]
    for (lon1, lat1), (lon2, lat2) in zip(arr[:-1], arr[1:]):
        if abs(lon2 - lon1) > 180.0:
            east = 180.0 if lon1 > 0 else -180.0
            if abs(lon1) == 180.0:  # the line leaves the antimeridian from this vertex: the crossing is the vertex
                parts.append([[-east, float(lat1)]])
            else:
                lat = round(_crossing_latitude(lon1, lat1, lon2, lat2), 7)
                parts[-1].append([east, lat])
                parts.append([[-east, lat]])
        parts[-1].append([float(lon2), float(lat2)])
    if len(parts) == 1:
        return {"type": "LineString", "coordinates": parts[0]}
    return {"type": "MultiLineString", "coordinates": parts}


def _antimeridian_sides(lon: np.ndarray) -> np.ndarray:
    """Longitudes in [-180, 180] with each vertex on the antimeridian signed like the vertex before it (the
    ones a line starts with: like its first vertex off it; a line all on it: like its first vertex).

    The shorter way from a vertex off the antimeridian reaches it on that vertex's own side, so a step to
    or along the antimeridian never crosses it.
    """
    lon = np.array(lon, dtype=float)
    on = np.abs(lon) == 180.0
    if on.all():
        return np.full_like(lon, lon[0])
    side = 180.0 if lon[int(np.argmin(on))] >= 0 else -180.0  # the first vertex off the antimeridian
    for i in range(len(lon)):
        if on[i]:
            lon[i] = side
        else:
            side = 180.0 if lon[i] >= 0 else -180.0
    return lon


def _crossing_latitude(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Latitude where the geodesic from point 1 to point 2 crosses 180 deg (bisection)."""
    az, _, dist = GEOD.inv(lon1, lat1, lon2, lat2)
    lo, hi = 0.0, dist
    for _ in range(60):
        mid = (lo + hi) / 2.0
        lon, _, _ = GEOD.fwd(lon1, lat1, az, mid)
        if (lon > 0) == (lon1 > 0):
            lo = mid
        else:
            hi = mid
    return float(GEOD.fwd(lon1, lat1, az, (lo + hi) / 2.0)[1])


def join_parts(parts: Sequence[Sequence[Sequence[float]]]) -> np.ndarray:
    """One vertex sequence from the parts of a line split at 180 deg.

    Consecutive parts that meet at the antimeridian (end at +-180, start at
    -+180, same latitude) are joined without repeating the crossing; other
    parts are simply concatenated (a jump the geodesic bridges).
    """
    joined: list[np.ndarray] = []
    for part in parts:
        arr = as_lonlat(part)
        if joined:
            last = joined[-1][-1]
            if abs(abs(last[0]) - 180.0) < 1e-9 and np.allclose(
                [abs(arr[0][0]), arr[0][1]], [180.0, last[1]], atol=1e-9
            ):
                arr = arr[1:]
        joined.append(arr)
    return np.vstack(joined)


def geometry_lonlat(geometry: LineGeometry) -> np.ndarray:
    """The vertex sequence of a GeoJSON LineString or MultiLineString."""
    kind = geometry.get("type")
    if kind not in ("LineString", "MultiLineString"):
        raise ValueError(f"expected LineString or MultiLineString, got {kind}")
    if geometry["type"] == "LineString":
        return as_lonlat(geometry["coordinates"])
    return join_parts(geometry["coordinates"])


def to_polar(coords: Iterable[Sequence[float]]) -> np.ndarray:
    """(lon, lat) degrees to (x, y) metres in :data:`POLAR_CRS`."""
    arr = as_lonlat(coords)
    x, y = _TO_POLAR.transform(arr[:, 0], arr[:, 1])
    return np.column_stack([x, y])


def from_polar(xy: Iterable[Sequence[float]]) -> np.ndarray:
    """(x, y) metres in :data:`POLAR_CRS` to (lon, lat) degrees."""
    arr = as_lonlat(xy)
    lon, lat = _FROM_POLAR.transform(arr[:, 0], arr[:, 1])
    return np.column_stack([lon, lat])

"""Load, validate and measure the routes, straits and ports.

Every loader returns a :class:`geopandas.GeoDataFrame` in EPSG:4326 or raises
:class:`arctic_routes.reading.RouteDataError`, whose message names the file and
the problem in one line. A reader's own lines become a frame of the same shape
(:mod:`arctic_routes.uploads`).

Examples
--------
>>> routes = load_routes()
>>> sorted(routes["family"].unique())
['northeast-passage', 'northwest-passage', 'transpolar']
>>> table = lengths_table(routes)
>>> bool((table["length_nm"] > 1000).all())
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TypedDict, cast

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.geometry

from arctic_routes.datafiles import PORTS_FILE, ROUTES_FILE, STRAITS_FILE, geodata_file
from arctic_routes.geodesy import LineGeometry, geodesic_length_m, geometry_lonlat
from arctic_routes.reading import RouteDataError, check_lines, check_point, checked_features, read_json
from arctic_routes.units import METRES_PER_KM, METRES_PER_MI, METRES_PER_NM

ROUTE_FIELDS = (
    "id",
    "name",
    "family",
    "variant",
    "from",
    "to",
    "via",
    "description",
    "constraints",
    "sources",
)
FAMILIES = ("northwest-passage", "northeast-passage", "transpolar")


class Waypoint(TypedDict):
    """A named place a route passes, on a vertex of its line (a route's ``waypoints`` property)."""

    name: str
    lon: float
    lat: float


def _shape(geometry: Mapping[str, object] | None) -> shapely.Geometry | None:
    """A validated GeoJSON geometry as shapely; lines built from one array each (a 500,000-vertex line in a
    tenth of the time ``shapely.geometry.shape`` takes, which reads it point by point)."""
    if geometry is None:
        return None
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    try:
        if kind == "LineString":
            return shapely.linestrings(np.asarray(coords, dtype=float))
        if kind == "MultiLineString" and isinstance(coords, list):
            return shapely.multilinestrings([shapely.linestrings(np.asarray(p, dtype=float)) for p in coords])
    except ValueError:  # positions of 2 and 3 values mixed: read point by point
        pass
    return shapely.geometry.shape(geometry)


def features_frame(features: Sequence[Mapping[str, object]]) -> gpd.GeoDataFrame:
    """Validated GeoJSON features as a frame in EPSG:4326, each feature's geometry also kept as ``geojson``."""
    rows = []
    for feature in features:  # as GeoDataFrame.from_features: a property named geometry is not the geometry
        properties = cast("Mapping[str, object] | None", feature.get("properties")) or {}
        rows.append({k: v for k, v in properties.items() if k != "geometry"})
    geometries = [_shape(cast("Mapping[str, object] | None", f["geometry"])) for f in features]
    frame = gpd.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")
    # Keep the exact GeoJSON geometry too: it carries the 180 deg split as stored.
    frame["geojson"] = [f["geometry"] for f in features]
    return frame


def load_routes(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """The built-in routes (``geodata/routes.geojson``), validated.

    Raises :class:`RouteDataError` naming the file and the first problem: not
    JSON, not a FeatureCollection, a missing property, an unknown family, a
    duplicate id, a geometry that is not a line, a coordinate out of range.
    """
    path = Path(path) if path else geodata_file(ROUTES_FILE)
    name = str(path)
    features = checked_features(name, read_json(path))
    seen: set[object] = set()
    for i, feature in enumerate(features):
        props = feature["properties"] or {}
        missing = [f for f in ROUTE_FIELDS if f not in props]
        if missing:
            raise RouteDataError(name, f"feature {i}: missing properties {', '.join(missing)}")
        if props["family"] not in FAMILIES:
            raise RouteDataError(name, f"feature {i}: unknown family {props['family']!r}")
        if props["id"] in seen:
            raise RouteDataError(name, f"duplicate route id {props['id']!r}")
        if (
            not isinstance(props["via"], list)
            or not isinstance(props["sources"], list)
            or not props["sources"]
        ):
            raise RouteDataError(name, f"feature {i}: 'via' and 'sources' must be non-empty lists")
        seen.add(props["id"])
        check_lines(name, f"feature {i}", feature["geometry"])
    return measured(features_frame(features)).set_index("id", drop=False)


def measured(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Lines measured once, on load: ``length_m`` is what every table, tooltip and image reads."""
    frame["length_m"] = [route_length_m(g) for g in frame["geojson"]]
    return frame


def load_points(filename: str, required: tuple[str, ...], path: Path | str | None = None) -> gpd.GeoDataFrame:
    path = Path(path) if path else geodata_file(filename)
    name = str(path)
    features = checked_features(name, read_json(path))
    for i, feature in enumerate(features):
        props = feature["properties"] or {}
        missing = [f for f in required if f not in props]
        if missing:
            raise RouteDataError(name, f"feature {i}: missing properties {', '.join(missing)}")
        check_point(name, f"feature {i}", feature["geometry"])
    return features_frame(features)


def load_straits(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Named straits and sea gateways (``geodata/straits.geojson``), validated."""
    return load_points(STRAITS_FILE, ("name", "kind", "description", "sources"), path).set_index(
        "name", drop=False
    )


def load_ports(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Ports with UN/LOCODE where known and a source per coordinate, validated."""
    return load_points(PORTS_FILE, ("name", "region", "unlocode", "source"), path).set_index(
        "name", drop=False
    )


def route_length_m(geometry: LineGeometry) -> float:
    """Geodesic length (metres, WGS84) of a route's GeoJSON line geometry."""
    return geodesic_length_m(geometry_lonlat(geometry))


def waypoint_indexes(coords: np.ndarray, waypoints: Sequence[Waypoint]) -> list[int]:
    """The index of the route vertex nearest each waypoint (longitude differences taken across 180 deg)."""
    return [
        int(np.argmin(np.hypot((coords[:, 0] - w["lon"] + 180) % 360 - 180, coords[:, 1] - w["lat"])))
        for w in waypoints
    ]


def section_length_m(route: pd.Series, start: str, end: str) -> float:
    """Geodesic length (metres) of a route from waypoint ``start`` to waypoint ``end``."""
    legs = leg_lengths(route)
    names = list(legs["from"]) + [legs["to"].iloc[-1]]
    return float(legs["length_m"].iloc[names.index(start) : names.index(end)].sum())


def leg_lengths(route: pd.Series) -> pd.DataFrame:
    """Lengths between the route's named waypoints, in order.

    Each waypoint is matched to the nearest vertex of the route (the build puts
    a vertex exactly on it). Columns: ``from``, ``to``, ``length_m``,
    ``length_km``, ``length_nm``, ``length_mi``.
    """
    coords = geometry_lonlat(route["geojson"])
    waypoints = route.get("waypoints") or []
    if not isinstance(waypoints, list) or len(waypoints) < 2:
        return _with_units(
            pd.DataFrame(
                {"from": [route["from"]], "to": [route["to"]], "length_m": [geodesic_length_m(coords)]}
            )
        )
    indexes = waypoint_indexes(coords, waypoints)
    rows = [
        {"from": a["name"], "to": b["name"], "length_m": geodesic_length_m(coords[i : j + 1])}
        for a, b, i, j in zip(waypoints[:-1], waypoints[1:], indexes[:-1], indexes[1:])
    ]
    return _with_units(pd.DataFrame(rows))


def _with_units(frame: pd.DataFrame) -> pd.DataFrame:
    frame["length_km"] = frame["length_m"] / METRES_PER_KM
    frame["length_nm"] = frame["length_m"] / METRES_PER_NM
    frame["length_mi"] = frame["length_m"] / METRES_PER_MI
    return frame


def lengths_table(routes: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per route: id, name, family, variant, from, to and geodesic lengths (measured on load)."""
    frame = pd.DataFrame(
        {
            "id": routes["id"].astype(str).to_numpy(),
            "name": routes["name"].astype(str).to_numpy(),
            "family": routes["family"].astype(str).to_numpy(),
            "variant": routes["variant"].astype(str).to_numpy(),
            "from": routes["from"].astype(str).to_numpy(),
            "to": routes["to"].astype(str).to_numpy(),
            "length_m": routes["length_m"].to_numpy(),
        }
    )
    return _with_units(frame)

"""Load, validate and measure the routes, straits and ports.

Every loader returns a :class:`geopandas.GeoDataFrame` in EPSG:4326 or raises
:class:`RouteDataError`, whose message names the file and the problem in one
line.

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

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from arctic_routes.datafiles import PORTS_FILE, ROUTES_FILE, STRAITS_FILE, geodata_file
from arctic_routes.geodesy import geodesic_length_m, geometry_lonlat
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
#: Largest file the loaders accept, in megabytes as Streamlit counts them (BYTES_PER_MB each): the one
#: source of the limit. ``server.maxUploadSize`` in .streamlit/config.toml and the README state the same
#: number (tests/test_tracks.py checks both).
MAX_FILE_MB = 20
BYTES_PER_MB = 1024 * 1024  # Streamlit's megabyte: server.maxUploadSize * 1024 * 1024 bytes
MAX_FILE_BYTES = MAX_FILE_MB * BYTES_PER_MB
#: Most vertices per file.
MAX_VERTICES = 500_000
#: Most lines per file: each is drawn, listed and measured on its own (a GPS that loses its fix starts a
#: new segment; a thousand is generous for a voyage, and keeps a hostile file from drawing 250,000 lines).
MAX_LINES = 1_000
#: Longest line name kept, in characters (a name is a label on the map and in tables, not a text).
MAX_NAME_CHARS = 120
#: Every user line's id starts with this; no built-in route id does (tests/test_hostile.py checks).
USER_ID_PREFIX = "user-"
GEOJSON_GEOMETRIES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                      "GeometryCollection")


class RouteDataError(ValueError):
    """A route, strait, port or user file that cannot be used; the message says why."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


def check_file_size(name: str, size_bytes: int) -> None:
    """Refuse a file over :data:`MAX_FILE_BYTES` with a :class:`RouteDataError` giving both sizes in MB.

    The file's size is rounded up to 0.1 MB, so a file over the limit never reads as within it.

    Examples
    --------
    >>> check_file_size("track.csv", MAX_FILE_BYTES)  # at the limit: accepted
    >>> check_file_size("track.csv", MAX_FILE_BYTES + 1)
    Traceback (most recent call last):
    ...
    arctic_routes.routes.RouteDataError: track.csv: file is 20.1 MB; the limit is 20 MB
    """
    if size_bytes > MAX_FILE_BYTES:
        shown_mb = math.ceil(size_bytes * 10 / BYTES_PER_MB) / 10
        raise RouteDataError(name, f"file is {shown_mb:.1f} MB; the limit is {MAX_FILE_MB} MB")


def parse_json(name: str, data: bytes) -> Any:
    """The JSON document in ``data`` (UTF-8, with or without a byte-order mark), or a one-line refusal."""
    if not data.strip():
        raise RouteDataError(name, "file is empty")
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RouteDataError(name, "not text (UTF-8 expected); is it a binary file?") from None
    except RecursionError:
        raise RouteDataError(name, "JSON nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise RouteDataError(
            name, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except ValueError:  # an integer of more than sys.get_int_max_str_digits() digits
        raise RouteDataError(name, "a number in the JSON has too many digits") from None


def read_bytes(path: Path | str, data: bytes | None = None) -> bytes:
    """A file's bytes (``data`` if given), its size checked first; every problem a one-line RouteDataError."""
    name = str(path)
    if data is not None:
        check_file_size(name, len(data))
        return data
    try:
        check_file_size(name, Path(path).stat().st_size)
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise RouteDataError(name, "file not found") from None
    except IsADirectoryError:
        raise RouteDataError(name, "is a directory, not a file") from None
    except OSError as exc:
        raise RouteDataError(name, f"cannot read: {exc.strerror or exc}") from None


def read_json(path: Path | str, data: bytes | None = None) -> dict[str, Any]:
    """A GeoJSON FeatureCollection with at least one feature, from ``path`` (or ``data``), or RouteDataError."""
    name = str(path)
    doc = parse_json(name, read_bytes(path, data))
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise RouteDataError(name, "not a GeoJSON FeatureCollection")
    if not isinstance(doc.get("features"), list) or not doc["features"]:
        raise RouteDataError(name, "the FeatureCollection has no features")
    return doc


def check_position(name: str, where: str, pos: Any) -> None:
    """Refuse a position that is not ``[lon, lat]`` in range (finite numbers; lon -180..180, lat -90..90)."""
    if not isinstance(pos, list | tuple) or len(pos) < 2:
        raise RouteDataError(name, f"{where}: a position must be [lon, lat]")
    lon, lat = pos[0], pos[1]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat)):
        raise RouteDataError(name, f"{where}: coordinates must be numbers")
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise RouteDataError(name, f"{where}: coordinates must be finite")
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise RouteDataError(
            name, f"{where}: position [{lon}, {lat}] is out of range (lon -180..180, lat -90..90)"
        )


def check_lines(name: str, where: str, geometry: Any) -> int:
    """Validate a LineString/MultiLineString; return its vertex count."""
    if not isinstance(geometry, Mapping) or geometry.get("type") not in ("LineString", "MultiLineString"):
        kind = _kind(geometry)
        raise RouteDataError(name, f"{where}: geometry must be a LineString or MultiLineString, not {kind}")
    coords = geometry.get("coordinates")
    parts = [coords] if geometry["type"] == "LineString" else coords
    if not isinstance(parts, list) or not parts:
        raise RouteDataError(name, f"{where}: geometry has no coordinates")
    count = 0
    for part in parts:
        if not isinstance(part, list) or len(part) < 2:
            raise RouteDataError(name, f"{where}: each line needs at least two positions")
        for pos in part:
            check_position(name, where, pos)
        count += len(part)
    return count


def _kind(geometry: Any) -> str:
    """What a GeoJSON geometry is, for a message: its type, ``null`` or the JSON kind (never a Python name)."""
    if geometry is None:
        return "null"
    if isinstance(geometry, Mapping):
        kind = geometry.get("type")
        return kind[:40] if isinstance(kind, str) else "an object without a type"
    return {str: "a string", bool: "a boolean", int: "a number", float: "a number", list: "an array"}.get(
        type(geometry), "unknown")


def _check_point(name: str, index: int, geometry: Any) -> None:
    if not isinstance(geometry, Mapping) or geometry.get("type") != "Point":
        raise RouteDataError(name, f"feature {index}: geometry must be a Point")
    check_position(name, f"feature {index}", geometry.get("coordinates"))


def _features(name: str, doc: dict[str, Any]) -> list[dict[str, Any]]:
    features = doc["features"]
    for i, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise RouteDataError(name, f"feature {i} is not a GeoJSON Feature")
        if not isinstance(feature.get("properties") or {}, dict):
            raise RouteDataError(name, f"feature {i}: properties must be an object")
    return features


def features_frame(features: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
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
    features = _features(name, read_json(path))
    seen: set[str] = set()
    for i, feature in enumerate(features):
        props = feature.get("properties") or {}
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
        check_lines(name, f"feature {i}", feature.get("geometry"))
    return measured(features_frame(features)).set_index("id", drop=False)


def measured(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Lines measured once, on load: ``length_m`` is what every table, tooltip and image reads."""
    frame["length_m"] = [route_length_m(g) for g in frame["geojson"]]
    return frame


def load_points(filename: str, required: tuple[str, ...], path: Path | str | None = None) -> gpd.GeoDataFrame:
    path = Path(path) if path else geodata_file(filename)
    name = str(path)
    features = _features(name, read_json(path))
    for i, feature in enumerate(features):
        props = feature.get("properties") or {}
        missing = [f for f in required if f not in props]
        if missing:
            raise RouteDataError(name, f"feature {i}: missing properties {', '.join(missing)}")
        _check_point(name, i, feature.get("geometry"))
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


def route_length_m(geometry: Mapping[str, Any]) -> float:
    """Geodesic length (metres, WGS84) of a route's GeoJSON line geometry."""
    return geodesic_length_m(geometry_lonlat(dict(geometry)))


def waypoint_indexes(coords: np.ndarray, waypoints: list[Mapping[str, Any]]) -> list[int]:
    """The index of the route vertex nearest each waypoint (longitude differences taken across 180 deg)."""
    return [
        int(np.argmin(np.hypot((coords[:, 0] - w["lon"] + 180) % 360 - 180, coords[:, 1] - w["lat"])))
        for w in waypoints
    ]


def section_length_m(route: Mapping[str, Any], start: str, end: str) -> float:
    """Geodesic length (metres) of a route from waypoint ``start`` to waypoint ``end``."""
    legs = leg_lengths(route)
    names = list(legs["from"]) + [legs["to"].iloc[-1]]
    return float(legs["length_m"].iloc[names.index(start) : names.index(end)].sum())


def leg_lengths(route: Mapping[str, Any]) -> pd.DataFrame:
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

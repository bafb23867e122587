"""A reader's upload: its limits, and the one frame every uploaded format (GeoJSON, GPX, CSV) becomes.

The limits on what a reader's file may hold (lines, vertices, name length; its size in bytes is checked
on reading, :data:`arctic_routes.reading.MAX_FILE_MB`), the GeoJSON reader and :func:`user_lines_frame`
live here; :mod:`arctic_routes.tracks` reads GPX and CSV into :class:`UserLine` and hands them over.
Every line gets an id of ours (``user-1``...), never the file's, so nothing in a file can collide with a
built-in route or break the frame. Problems are one-line :class:`arctic_routes.reading.RouteDataError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import geopandas as gpd
import numpy as np

from arctic_routes.geodesy import LineGeometry
from arctic_routes.reading import (
    JSONObject,
    RouteDataError,
    check_lines,
    check_position,
    parse_json,
    read_bytes,
)
from arctic_routes.routes import features_frame, measured

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


@dataclass(frozen=True)
class UserLine:
    """One line from a user's file, not yet validated.

    ``label`` is the name the file gives it (anything: it is checked), ``geometry`` a GeoJSON geometry
    and ``where`` how messages point at it ("feature 2", "track 1, segment 3").
    """

    label: object
    geometry: object
    where: str


def line_name(value: object, default: str) -> str:
    """A line's name as a file gives it: text or a number, on one line, at most MAX_NAME_CHARS; else ``default``.

    Examples
    --------
    >>> line_name("  Ship\\nX ", "track 1"), line_name({"a": 1}, "track 1"), line_name(7, "track 1")
    ('Ship X', 'track 1', '7')
    """
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return default
    return " ".join(str(value).split())[:MAX_NAME_CHARS] or default


def _plain_lines(geometry: LineGeometry) -> LineGeometry:
    """A validated line geometry with nothing but its type and [lon, lat] floats (no 3rd value, no extra members)."""
    def plain(part: Sequence[Sequence[float]]) -> list[list[float]]:
        try:
            return np.asarray(part, dtype=float)[:, :2].tolist()  # type: ignore[no-any-return]
        except ValueError:  # positions of 2 and 3 values mixed
            return [[float(p[0]), float(p[1])] for p in part]

    if geometry["type"] == "LineString":
        return {"type": "LineString", "coordinates": plain(geometry["coordinates"])}
    return {"type": "MultiLineString", "coordinates": [plain(part) for part in geometry["coordinates"]]}


def user_lines_frame(name: str, lines: Sequence[UserLine]) -> gpd.GeoDataFrame:
    """Validated user lines as a frame like :func:`load_routes`'s, with family ``user``.

    Each line gets the id ``user-1``, ``user-2``... in file order, whatever the file says: an ``id`` in the
    file could repeat or name a built-in route (every built-in id starts with its family, never ``user-``).
    Only the columns below are kept, so a property called ``geometry``, ``geojson`` or ``length_m``
    cannot shadow the frame's own. Unnamed lines are ``track 1``, ``track 2``...
    """
    if not lines:
        raise RouteDataError(name, "no line in the file")
    if len(lines) > MAX_LINES:
        raise RouteDataError(name, f"{len(lines):,} lines; the limit is {MAX_LINES:,} per file")
    total = 0
    rows = []
    for k, line in enumerate(lines, 1):
        total += check_lines(name, line.where, line.geometry)
        if total > MAX_VERTICES:
            raise RouteDataError(name, f"more than {MAX_VERTICES:,} vertices; simplify the track first")
        props = {"id": f"{USER_ID_PREFIX}{k}", "name": line_name(line.label, f"track {k}"), "family": "user",
                 "variant": "", "from": "", "to": ""}
        rows.append({"type": "Feature", "properties": props, "geometry": _plain_lines(cast(LineGeometry, line.geometry))})  # checked
    return measured(features_frame(rows)).set_index("id", drop=False)


def _user_features(name: str, doc: object) -> list[tuple[str, object]]:
    """(where, feature) for each feature of a FeatureCollection, a lone Feature or a bare geometry."""
    members = doc if isinstance(doc, dict) else {}
    kind = members.get("type")
    if kind == "FeatureCollection":
        features = members.get("features")
        if features is not None and not isinstance(features, list):
            raise RouteDataError(name, "the FeatureCollection's features must be a list")
        if not features:
            raise RouteDataError(name, "the FeatureCollection has no features")
        return [(f"feature {i}", feature) for i, feature in enumerate(features, 1)]
    if kind == "Feature":
        return [("the feature", doc)]
    if kind in ("LineString", "MultiLineString", "Point"):
        return [("the geometry", {"type": "Feature", "properties": None, "geometry": doc})]
    if kind in GEOJSON_GEOMETRIES:
        raise RouteDataError(name, f"a {kind} is not a line; a track is a LineString or MultiLineString")
    if kind == "Topology":
        raise RouteDataError(name, "TopoJSON is not supported; convert it to GeoJSON first")
    raise RouteDataError(name, "not GeoJSON: a FeatureCollection, a Feature or a LineString was expected")


def load_user_lines(path: Path | str, data: bytes | None = None) -> gpd.GeoDataFrame:
    """The lines in a user's GeoJSON, validated (see :func:`user_lines_frame`).

    The file may be a FeatureCollection, a single Feature or a bare LineString/MultiLineString. Point
    features beside lines are waypoints and are left out; a file of Points only is one track through them
    in order, named after the file.
    """
    name = str(path)
    data = read_bytes(path, data)
    lines: list[UserLine] = []
    points: list[tuple[str, JSONObject]] = []
    for where, feature in _user_features(name, parse_json(name, data)):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise RouteDataError(name, f"{where} is not a GeoJSON Feature")
        props = feature.get("properties")
        if props is not None and not isinstance(props, dict):
            raise RouteDataError(name, f"{where}: properties must be an object")
        geometry = feature.get("geometry")
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind == "Point" and isinstance(geometry, dict):
            points.append((where, geometry))
        else:
            lines.append(UserLine((props or {}).get("name"), geometry, where))
    if lines:
        return user_lines_frame(name, lines)
    if len(points) < 2:
        raise RouteDataError(name, "a track needs at least two points")
    if len(points) > MAX_VERTICES:
        raise RouteDataError(name, f"more than {MAX_VERTICES:,} vertices; simplify the track first")
    for where, point in points:
        check_position(name, where, point.get("coordinates"))
    track = {"type": "LineString", "coordinates": [point["coordinates"] for _, point in points]}
    return user_lines_frame(name, [UserLine(Path(name).stem, track, "the points")])

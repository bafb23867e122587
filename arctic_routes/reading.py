"""Reading a data file safely: its size checked, its JSON parsed, its GeoJSON validated.

Every problem is a :class:`RouteDataError` whose message names the file and the problem in one line.
The built-in routes, straits, ports and ice (:mod:`arctic_routes.routes`, :mod:`arctic_routes.seaice`)
and a reader's upload (:mod:`arctic_routes.uploads`, :mod:`arctic_routes.tracks`) are all read here.

Examples
--------
>>> parse_json("doc.json", b'{"type": "FeatureCollection"}')
{'type': 'FeatureCollection'}
>>> parse_json("doc.json", b"{")
Traceback (most recent call last):
...
arctic_routes.reading.RouteDataError: doc.json: not valid JSON (line 1, column 2: Expecting property name enclosed in double quotes)
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import TypedDict, cast

import numpy as np

#: Largest file the loaders accept, in megabytes as Streamlit counts them (BYTES_PER_MB each): the one
#: source of the limit. ``server.maxUploadSize`` in .streamlit/config.toml and the README state the same
#: number (tests/test_tracks.py checks both).
MAX_FILE_MB = 20
BYTES_PER_MB = 1024 * 1024  # Streamlit's megabyte: server.maxUploadSize * 1024 * 1024 bytes
MAX_FILE_BYTES = MAX_FILE_MB * BYTES_PER_MB

#: A JSON object as read from a file: its members not yet checked.
JSONObject = dict[str, object]


class Feature(TypedDict):
    """A GeoJSON Feature whose properties are an object (or null); its geometry not yet checked."""

    type: str
    properties: JSONObject | None
    geometry: object


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
    arctic_routes.reading.RouteDataError: track.csv: file is 20.1 MB; the limit is 20 MB
    """
    if size_bytes > MAX_FILE_BYTES:
        shown_mb = math.ceil(size_bytes * 10 / BYTES_PER_MB) / 10
        raise RouteDataError(name, f"file is {shown_mb:.1f} MB; the limit is {MAX_FILE_MB} MB")


def parse_json(name: str, data: bytes) -> object:
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


def read_json(path: Path | str, data: bytes | None = None) -> JSONObject:
    """A GeoJSON FeatureCollection with at least one feature, from ``path`` (or ``data``), or RouteDataError."""
    name = str(path)
    doc = parse_json(name, read_bytes(path, data))
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise RouteDataError(name, "not a GeoJSON FeatureCollection")
    if not isinstance(doc.get("features"), list) or not doc["features"]:
        raise RouteDataError(name, "the FeatureCollection has no features")
    return doc


def check_position(name: str, where: str, pos: object) -> None:
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


def check_lines(name: str, where: str, geometry: object) -> int:
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
        if not isinstance(part, list | np.ndarray) or len(part) < 2:  # an array: a GPX or CSV read as one
            raise RouteDataError(name, f"{where}: each line needs at least two positions")
        if not _positions_ok(part):  # else name the first bad position, one by one
            for pos in (part.tolist() if isinstance(part, np.ndarray) else part):
                check_position(name, where, pos)
        count += len(part)
    return count


def _positions_ok(part: list[object] | np.ndarray) -> bool:
    """Whether every position of ``part`` is ``[lon, lat, ...]`` of plain finite numbers in range, checked as
    one array (a 500,000-vertex file in a tenth of a second; :func:`check_position` one by one takes seconds).

    False means "not proven here", never "bad": the caller then checks one by one, which names the problem.
    A boolean is not a number (NumPy would read ``true`` as 1.0), so any boolean sends the part the slow way.
    """
    try:
        array = np.array(part)
    except (ValueError, TypeError, OverflowError):  # ragged positions, nested objects
        return False
    if array.ndim != 2 or array.shape[1] < 2 or array.dtype.kind not in "if":
        return False  # strings, nulls, huge integers (object), booleans alone
    if isinstance(part, list) and any(type(p[0]) is bool or type(p[1]) is bool for p in part):  # type: ignore[index]
        return False
    lonlat = array[:, :2].astype(float)
    return bool(np.isfinite(lonlat).all() and (np.abs(lonlat[:, 0]) <= 180.0).all()
                and (np.abs(lonlat[:, 1]) <= 90.0).all())


def check_point(name: str, where: str, geometry: object) -> None:
    """Refuse a geometry that is not a GeoJSON Point at a valid ``[lon, lat]``."""
    if not isinstance(geometry, Mapping) or geometry.get("type") != "Point":
        raise RouteDataError(name, f"{where}: geometry must be a Point")
    check_position(name, where, geometry.get("coordinates"))


def _kind(geometry: object) -> str:
    """What a GeoJSON geometry is, for a message: its type, ``null`` or the JSON kind (never a Python name)."""
    if geometry is None:
        return "null"
    if isinstance(geometry, Mapping):
        kind = geometry.get("type")
        return kind[:40] if isinstance(kind, str) else "an object without a type"
    return {str: "a string", bool: "a boolean", int: "a number", float: "a number", list: "an array"}.get(
        type(geometry), "unknown")


def checked_features(name: str, doc: JSONObject) -> list[Feature]:
    """The features of a FeatureCollection from :func:`read_json`, each checked to be a Feature with object
    properties (or none)."""
    features = cast("list[object]", doc["features"])  # a non-empty list: read_json checked
    for i, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise RouteDataError(name, f"feature {i} is not a GeoJSON Feature")
        if not isinstance(feature.get("properties") or {}, dict):
            raise RouteDataError(name, f"feature {i}: properties must be an object")
    return cast("list[Feature]", features)

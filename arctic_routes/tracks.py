"""A reader's own track: GeoJSON, GPX or CSV in, a validated line (GeoDataFrame) out.

Every loader raises :class:`~arctic_routes.routes.RouteDataError` with one line
naming the file and the problem; nothing else escapes.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import geopandas as gpd
import pandas as pd

from arctic_routes.routes import MAX_VERTICES, RouteDataError, check_file_size, load_user_lines

SUFFIXES = ("geojson", "json", "gpx", "csv")
LAT_NAMES = ("lat", "latitude", "y")
LON_NAMES = ("lon", "lng", "long", "longitude", "x")


def _line_collection(name: str, coords: list[list[float]], label: str) -> bytes:
    if len(coords) < 2:
        raise RouteDataError(name, "a track needs at least two points")
    feature = {"type": "Feature", "properties": {"name": label},
               "geometry": {"type": "LineString", "coordinates": coords}}
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()


def _points_to_line(name: str, data: bytes) -> bytes:
    """GeoJSON whose features are all Points: joined in order into one track."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return data  # let the GeoJSON loader say what is wrong
    feats = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(feats, list) or not feats:
        return data
    geoms = [f.get("geometry") if isinstance(f, dict) else None for f in feats]
    if not all(isinstance(g, dict) and g.get("type") == "Point" for g in geoms):
        return data
    return _line_collection(name, [g.get("coordinates") for g in geoms], Path(name).stem)  # type: ignore[union-attr]


def _gpx_to_line(name: str, data: bytes) -> bytes:
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise RouteDataError(name, f"not valid GPX/XML ({exc})") from None
    points = [el for el in root.iter() if el.tag.split("}")[-1] in ("trkpt", "rtept")]
    if not points:
        raise RouteDataError(name, "no track or route points (trkpt/rtept) in the GPX")
    if len(points) > MAX_VERTICES:
        raise RouteDataError(name, f"more than {MAX_VERTICES:,} vertices; simplify the track first")
    coords = []
    for el in points:
        try:
            coords.append([float(el.attrib["lon"]), float(el.attrib["lat"])])
        except (KeyError, ValueError):
            raise RouteDataError(name, "a GPX point lacks a numeric lat/lon") from None
    label = next((el.text for el in root.iter() if el.tag.split("}")[-1] == "name" and el.text), Path(name).stem)
    return _line_collection(name, coords, str(label)[:200])


def _csv_to_line(name: str, data: bytes) -> bytes:
    try:
        frame = pd.read_csv(io.BytesIO(data), nrows=MAX_VERTICES + 1)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise RouteDataError(name, f"not readable CSV ({str(exc).splitlines()[0][:80]})") from None
    columns = {str(c).strip().lower(): c for c in frame.columns}
    lat = next((columns[c] for c in LAT_NAMES if c in columns), None)
    lon = next((columns[c] for c in LON_NAMES if c in columns), None)
    if lat is None or lon is None:
        raise RouteDataError(name, "CSV needs lat and lon columns (lat/latitude and lon/lng/longitude)")
    if len(frame) > MAX_VERTICES:
        raise RouteDataError(name, f"more than {MAX_VERTICES:,} vertices; simplify the track first")
    lats = pd.to_numeric(frame[lat], errors="coerce")
    lons = pd.to_numeric(frame[lon], errors="coerce")
    if lats.isna().any() or lons.isna().any():
        raise RouteDataError(name, "a lat or lon value is empty or not a number")
    coords = [[float(x), float(y)] for x, y in zip(lons, lats)]
    if any(not (math.isfinite(x) and math.isfinite(y)) for x, y in coords):
        raise RouteDataError(name, "coordinates must be finite")
    return _line_collection(name, coords, Path(name).stem)


def load_track(name: str, data: bytes) -> gpd.GeoDataFrame:
    """The track(s) in an uploaded file, validated, as lines with family ``user``."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in SUFFIXES:
        raise RouteDataError(name, f"unsupported file type .{suffix or '?'}; use GeoJSON, GPX or CSV")
    check_file_size(name, len(data))
    if not data.strip():
        raise RouteDataError(name, "file is empty")
    if suffix == "gpx":
        data = _gpx_to_line(name, data)
    elif suffix == "csv":
        data = _csv_to_line(name, data)
    else:
        data = _points_to_line(name, data)
    return load_user_lines(name, data)


def load_track_file(path: str | Path) -> gpd.GeoDataFrame:
    """:func:`load_track` for a file on disk (size checked before reading)."""
    name = str(path)
    try:
        check_file_size(name, Path(path).stat().st_size)
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise RouteDataError(name, "file not found") from None
    except IsADirectoryError:
        raise RouteDataError(name, "is a directory, not a file") from None
    except OSError as exc:
        raise RouteDataError(name, f"cannot read: {exc.strerror or exc}") from None
    return load_track(name, data)

"""A reader's own tracks: GeoJSON, GPX or CSV in, validated lines (a GeoDataFrame) out.

The page's upload, ``arctic-routes measure``, ``lengths --file`` and ``export-html --file`` all read files
here, with the same rules:

- GeoJSON: a FeatureCollection, a single Feature or a bare LineString/MultiLineString; each line
  feature is a line, Points beside lines are waypoints and left out, Points alone are one track in order
  (:func:`arctic_routes.uploads.load_user_lines`).
- GPX (parsed with gpxpy, after defusedxml has refused entities and external references): each track
  segment and each route is its own line, named from its ``<name>``; waypoints, empty and one-point
  segments are left out; times, elevations and extensions are not read.
- CSV: one track through the rows, in order, from columns named lat/latitude and lon/lng/longitude;
  the separator may be a comma, a semicolon or a tab, and with a semicolon or a tab the decimals may be
  written with a comma (``70,5``). A comma-separated file with decimal commas is ambiguous and refused.

The content decides between JSON and XML (a ``.geojson`` that holds GPX is read as GPX); the name's
suffix decides the rest. Every refusal is a :class:`~arctic_routes.reading.RouteDataError` whose message
names the file and the problem in one line; nothing else escapes :func:`load_track`.

Examples
--------
>>> tracks = load_track("voyage.csv", b"lat;lon\\n70,5;10\\n71;11,25\\n")
>>> list(tracks.index), round(float(tracks["length_m"].iloc[0]))
(['user-1'], 72311)
>>> load_track("voyage.kml", b"<kml/>")
Traceback (most recent call last):
...
arctic_routes.reading.RouteDataError: voyage.kml: KML is not supported; convert it to GPX or GeoJSON first (QGIS, ogr2ogr or GPSBabel can)
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import defusedxml.ElementTree as SafeET
import geopandas as gpd
import gpxpy
import gpxpy.gpx
from defusedxml import DefusedXmlException

from arctic_routes.geodesy import LineString
from arctic_routes.reading import RouteDataError, check_file_size, check_position, read_bytes
from arctic_routes.uploads import (
    MAX_NAME_CHARS,
    MAX_VERTICES,
    UserLine,
    line_name,
    load_user_lines,
    user_lines_frame,
)

SUFFIXES = ("geojson", "json", "gpx", "csv")
LAT_NAMES = ("lat", "latitude", "y")
LON_NAMES = ("lon", "lng", "long", "longitude", "x")
#: Column separators a CSV may use, in the order tried.
CSV_SEPARATORS = (",", ";", "\t")
#: Deepest XML element nesting read in a GPX (gpx/trk/trkseg/trkpt/name is 5).
MAX_XML_DEPTH = 64
#: The GPX elements a line is made of; the rest (metadata, times, elevations, extensions) is not read.
GPX_KEPT = frozenset({"trk", "trkseg", "trkpt", "rte", "rtept", "wpt", "name"})

_CONVERT = "convert it to GPX or GeoJSON first (QGIS, ogr2ogr or GPSBabel can)"
#: File types people try, and why each is refused, in our words.
REFUSED_SUFFIXES = {
    "kml": f"KML is not supported; {_CONVERT}",
    "kmz": f"KMZ (zipped KML) is not supported; {_CONVERT}",
    "shp": "a shapefile is not supported; convert it to GeoJSON first (QGIS or ogr2ogr can)",
    "shx": "a shapefile is not supported; convert it to GeoJSON first (QGIS or ogr2ogr can)",
    "dbf": "a shapefile is not supported; convert it to GeoJSON first (QGIS or ogr2ogr can)",
    "zip": "a ZIP archive is not supported; unzip it and use the GeoJSON, GPX or CSV inside",
    "gz": "a compressed file is not supported; decompress it and use the GeoJSON, GPX or CSV inside",
    "xlsx": "a spreadsheet is not supported; save it as CSV with lat and lon columns",
    "xls": "a spreadsheet is not supported; save it as CSV with lat and lon columns",
    "ods": "a spreadsheet is not supported; save it as CSV with lat and lon columns",
    "topojson": "TopoJSON is not supported; convert it to GeoJSON first",
    "tcx": f"TCX is not supported; {_CONVERT}",
    "fit": f"FIT is not supported; {_CONVERT}",
}
#: What a file's first bytes say it is, when that is not what its name says.
_MAGIC = (
    (b"\x1f\x8b", "compressed (gzip); decompress it first"),
    (b"PK\x03\x04", "a ZIP archive (a KMZ, a zipped shapefile or a spreadsheet?), not GeoJSON, GPX or CSV"),
    (b"\xff\xfe", "UTF-16 text; save it as UTF-8"),
    (b"\xfe\xff", "UTF-16 text; save it as UTF-8"),
)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_GPXPY_BAD_VALUE = re.compile(r"Invalid value for <(\w+)>\.\.\. (.*) \(", re.DOTALL)


def _short(text: object, limit: int = 30) -> str:
    """A value from a file, quoted and cut, fit for a one-line message."""
    value = " ".join(str(text).split())
    return repr(value if len(value) <= limit else value[:limit] + "...")


# ---- GPX ------------------------------------------------------------------------------------------


def _local(tag: object) -> tuple[str, str]:
    """(namespace, local name) of an element tag."""
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _gpx_only(name: str, root: ET.Element) -> int:
    """Keep only the GPX elements we read (:data:`GPX_KEPT`, no namespaces) and check every point's lat and lon.

    Returns the point count. gpxpy then reads a small, plain document: it registers every namespace prefix
    it sees with ElementTree, globally, so a hostile file must not reach it with its own; and parsing
    times, elevations and extensions, which no length needs, was most of its work.
    """
    gpx_ns, _ = _local(root.tag)
    root.tag = "gpx"
    root.attrib = {k: v for k, v in root.attrib.items() if not k.startswith("{")}
    stack, points = [(root, 1)], 0
    while stack:
        element, depth = stack.pop()
        if depth > MAX_XML_DEPTH:
            raise RouteDataError(name, f"XML nested more than {MAX_XML_DEPTH} levels deep")
        for child in list(element):
            ns, local = _local(child.tag)
            if ns != gpx_ns or local not in GPX_KEPT:
                element.remove(child)
                continue
            child.tag = local
            child.attrib = {k: v for k, v in child.attrib.items() if not k.startswith("{")}
            if local in ("trkpt", "rtept"):
                points += 1
                if points > MAX_VERTICES:
                    raise RouteDataError(name, f"more than {MAX_VERTICES:,} vertices; simplify the track first")
                _check_gpx_point(name, local, points, child)
            stack.append((child, depth + 1))
    return points


def _check_gpx_point(name: str, kind: str, number: int, element: ET.Element) -> None:
    """A point's lat and lon are there and are numbers (their range is checked with the line's)."""
    for attr in ("lat", "lon"):
        text = (element.get(attr) or "").strip()
        if not _NUMBER.fullmatch(text):
            where = f"{'track' if kind == 'trkpt' else 'route'} point {number}"
            raise RouteDataError(name, f"{where}: {attr} {_short(text)} is not a number" if text
                                 else f"{where} has no {attr}")


def _gpx_lines(name: str, data: bytes, named_gpx: bool = True) -> list[UserLine]:
    """Each track segment and each route of a GPX, as lines (waypoints left out).

    ``named_gpx`` is False for XML in a file named .geojson, .json or .csv: read if it is GPX, else refused
    as XML that is not GPX (often a web page saved by mistake).
    """
    not_gpx = "the file starts with '<' but is not GPX (a web page or other XML?)"
    try:
        root = SafeET.fromstring(data)
    except DefusedXmlException:
        raise RouteDataError(name, "XML entities and external references are not allowed") from None
    except ET.ParseError as exc:
        raise RouteDataError(name, f"not valid XML ({_first_line(exc)})" if named_gpx else not_gpx) from None
    _, kind = _local(root.tag)
    if kind.lower() == "kml":
        raise RouteDataError(name, f"this is KML: KML is not supported; {_CONVERT}")
    if kind != "gpx":
        raise RouteDataError(name, f"not GPX: the document is <{kind[:30]}>, not <gpx>" if named_gpx else not_gpx)
    _gpx_only(name, root)
    try:
        gpx = gpxpy.parse(ET.tostring(root, encoding="unicode"))
    except gpxpy.gpx.GPXException as exc:
        bad = _GPXPY_BAD_VALUE.match(str(exc))  # "Invalid value for <ele>... high (could not convert...)"
        problem = f"<{bad[1]}> {_short(bad[2])} is not a valid value" if bad else _first_line(exc)
        raise RouteDataError(name, f"not valid GPX: {problem}") from None
    lines = []
    for t, track in enumerate(gpx.tracks, 1):
        label = line_name(track.name, f"track {t}")[:MAX_NAME_CHARS - 20]  # room for " (segment N)"
        for s, segment in enumerate(track.segments, 1):
            if len(segment.points) >= 2:  # an empty or one-point segment (a GPS that lost its fix) has no length
                part = f" (segment {s})" if len(track.segments) > 1 else ""
                lines.append(UserLine(label + part, _linestring(segment.points), f"track {t}, segment {s}"))
    for r, route in enumerate(gpx.routes, 1):
        if len(route.points) >= 2:
            lines.append(UserLine(line_name(route.name, f"route {r}"), _linestring(route.points), f"route {r}"))
    if not lines:
        only = " (waypoints are points, not a line)" if gpx.waypoints else ""
        raise RouteDataError(name, f"no track or route with at least two points in the GPX{only}")
    return lines


def _linestring(points: Sequence[gpxpy.gpx.GPXTrackPoint | gpxpy.gpx.GPXRoutePoint]) -> LineString:
    return {"type": "LineString", "coordinates": [[p.longitude, p.latitude] for p in points]}


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or "unreadable"
    return text[:100]


# ---- CSV ------------------------------------------------------------------------------------------


def _csv_text(name: str, data: bytes) -> str:
    """The file as text: UTF-8 (with or without a byte-order mark), else Windows-1252 (Excel's CSV)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise RouteDataError(name, "not text; is it a binary file?")


def _lat_lon_columns(header: list[str]) -> tuple[int, int] | None:
    names = [h.strip().strip('"').strip().lower() for h in header]
    lat = next((names.index(n) for n in LAT_NAMES if n in names), None)
    lon = next((names.index(n) for n in LON_NAMES if n in names), None)
    return None if lat is None or lon is None else (lat, lon)


def _csv_number(name: str, row: int, column: str, text: str, separator: str) -> float:
    value = text.strip()
    if not value:
        raise RouteDataError(name, f"row {row}: {column} is empty")
    if separator != "," and _DECIMAL_COMMA.fullmatch(value):
        value = value.replace(",", ".")  # 70,5 in a file separated by ; or tab: a decimal comma, unambiguous
    if not _NUMBER.fullmatch(value):
        raise RouteDataError(name, f"row {row}: {column} {_short(text)} is not a number (decimal degrees expected)")
    return float(value)


def _fields(fields: list[str]) -> str:
    return "1 field" if len(fields) == 1 else f"{len(fields)} fields"


def _csv_lines(name: str, data: bytes) -> list[UserLine]:
    """One track through the rows of a CSV with lat and lon columns."""
    text = _csv_text(name, data)
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise RouteDataError(name, "file is empty")
    found = {sep: _lat_lon_columns(next(csv.reader([lines[first]], delimiter=sep))) for sep in CSV_SEPARATORS}
    usable = [(sep, cols) for sep, cols in found.items() if cols is not None]
    if not usable:
        raise RouteDataError(name, "CSV needs lat and lon columns (lat/latitude and lon/lng/longitude)")
    if len(usable) > 1:
        raise RouteDataError(name, "cannot tell which separator the CSV uses (comma, semicolon or tab)")
    separator, (lat_col, lon_col) = usable[0]
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    coords: list[list[float]] = []
    try:
        header = next((row for row in reader if any(field.strip() for field in row)), [])
        for fields in reader:
            if not any(field.strip() for field in fields):
                continue
            row = reader.line_num
            if len(fields) > len(header) and any(f.strip() for f in fields[len(header):]):
                hint = ("; decimal commas in a comma-separated file? write 70.5, or separate the columns with ;"
                        if separator == "," else "")
                raise RouteDataError(name, f"row {row} has {_fields(fields)}, the header has {len(header)}{hint}")
            if len(fields) <= max(lat_col, lon_col):
                raise RouteDataError(name, f"row {row} has {_fields(fields)}, the header has {len(header)}")
            if len(coords) >= MAX_VERTICES:
                raise RouteDataError(name, f"more than {MAX_VERTICES:,} vertices; simplify the track first")
            lat = _csv_number(name, row, "lat", fields[lat_col], separator)
            lon = _csv_number(name, row, "lon", fields[lon_col], separator)
            check_position(name, f"row {row}", [lon, lat])
            coords.append([lon, lat])
    except csv.Error as exc:
        raise RouteDataError(name, f"not readable CSV (row {reader.line_num}: {_first_line(exc)})") from None
    if len(coords) < 2:
        raise RouteDataError(name, "a track needs at least two points")
    return [UserLine(Path(name).stem, {"type": "LineString", "coordinates": coords}, "the rows")]


# ---- any file -------------------------------------------------------------------------------------


def _format(name: str, data: bytes) -> str:
    """The file's format by its name and first bytes (geojson, gpx, csv; xml: XML not named .gpx), or a refusal."""
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix in REFUSED_SUFFIXES:
        raise RouteDataError(name, REFUSED_SUFFIXES[suffix])
    if suffix not in SUFFIXES:
        raise RouteDataError(name, f"unsupported file type .{suffix[:20]}; use GeoJSON, GPX or CSV" if suffix
                             else "no file type in the name; use a .geojson, .gpx or .csv file")
    check_file_size(name, len(data))
    if not data.strip():
        raise RouteDataError(name, "file is empty")
    for magic, problem in _MAGIC:
        if data.startswith(magic):
            raise RouteDataError(name, problem)
    start = data.lstrip()[:1]
    if data.lstrip().startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark
        start = data.lstrip()[3:].lstrip()[:1]
    if start == b"<":  # XML, whatever the name says: read if it is GPX; KML and the rest named
        return "gpx" if suffix == "gpx" else "xml"
    if start in (b"{", b"["):
        return "geojson"
    return "csv" if suffix == "csv" else ("gpx" if suffix == "gpx" else "geojson")


def load_track(name: str, data: bytes) -> gpd.GeoDataFrame:
    """The lines in a file a reader gives us, validated, with family ``user`` and ids ``user-1``, ``user-2``...

    Raises :class:`~arctic_routes.reading.RouteDataError` (one line: the file and the problem) and nothing
    else: an unexpected failure on hostile bytes is a refusal too, never a traceback on the page.
    """
    try:
        kind = _format(name, data)
        if kind in ("gpx", "xml"):
            return user_lines_frame(name, _gpx_lines(name, data, named_gpx=kind == "gpx"))
        if kind == "csv":
            return user_lines_frame(name, _csv_lines(name, data))
        return load_user_lines(name, data)
    except RouteDataError:
        raise
    except MemoryError:
        raise RouteDataError(name, "too large to read") from None
    except RecursionError:
        raise RouteDataError(name, "nested too deeply") from None
    except Exception as exc:  # a reader's file must never crash the page: say it, in one line
        raise RouteDataError(name, f"could not be read ({_first_line(exc)})") from None


def load_track_file(path: str | Path) -> gpd.GeoDataFrame:
    """:func:`load_track` for a file on disk (size checked before reading)."""
    return load_track(str(path), read_bytes(path))

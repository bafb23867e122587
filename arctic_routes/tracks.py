"""A reader's own tracks: GeoJSON, GPX or CSV in, validated lines (a GeoDataFrame) out.

The page's upload, ``arctic-routes measure``, ``lengths --file`` and ``export-html --file`` all read files
here, with the same rules:

- GeoJSON: a FeatureCollection, a single Feature or a bare LineString/MultiLineString; each line
  feature is a line, Points beside lines are waypoints and left out, Points alone are one track in order
  (:func:`arctic_routes.uploads.load_user_lines`).
- GPX (parsed by defusedxml, which refuses entities and external references; only the elements a line is
  made of are read, the points converted as one array): each track
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
from pathlib import Path

import defusedxml.ElementTree as SafeET
import geopandas as gpd
import numpy as np
import pandas as pd
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


def _gpx_read(name: str, root: ET.Element) -> tuple[list[UserLine], int]:
    """Each track segment and each route of a parsed GPX as lines, and how many waypoints it has.

    Only the GPX elements a line is made of are read (:data:`GPX_KEPT`, in the document's own namespace):
    ``gpx/trk/name``, ``gpx/trk/trkseg/trkpt``, ``gpx/rte/name`` and ``gpx/rte/rtept``; metadata, times,
    elevations, extensions and waypoints are never parsed. Points are counted against the vertex limit
    before any is converted, and converted as one array.
    """
    gpx_ns, _ = _local(root.tag)
    _check_depth(name, root)

    def children(element: ET.Element, local: str) -> list[ET.Element]:
        tag = f"{{{gpx_ns}}}{local}" if gpx_ns else local
        return [child for child in element if child.tag == tag]

    def label(element: ET.Element) -> str | None:
        names = children(element, "name")
        return names[0].text if names else None

    tracks, routes = children(root, "trk"), children(root, "rte")
    segments = [children(segment, "trkpt") for track in tracks for segment in children(track, "trkseg")]
    route_points = [children(route, "rtept") for route in routes]
    total = sum(map(len, segments)) + sum(map(len, route_points))
    if total > MAX_VERTICES:
        raise RouteDataError(name, f"more than {MAX_VERTICES:,} vertices; simplify the track first")
    track_coords = _gpx_coords(name, "track", [p for points in segments for p in points])
    route_coords = _gpx_coords(name, "route", [p for points in route_points for p in points])
    lines: list[UserLine] = []
    start = 0
    for t, track in enumerate(tracks, 1):
        track_label = line_name(label(track), f"track {t}")[:MAX_NAME_CHARS - 20]  # room for " (segment N)"
        track_segments = [children(segment, "trkpt") for segment in children(track, "trkseg")]
        for k, points in enumerate(track_segments, 1):
            coords, start = track_coords[start:start + len(points)], start + len(points)
            if len(points) >= 2:  # an empty or one-point segment (a GPS that lost its fix) has no length
                part = f" (segment {k})" if len(track_segments) > 1 else ""
                lines.append(UserLine(track_label + part, _linestring(coords), f"track {t}, segment {k}"))
    start = 0
    for r, (route, points) in enumerate(zip(routes, route_points, strict=True), 1):
        coords, start = route_coords[start:start + len(points)], start + len(points)
        if len(points) >= 2:
            lines.append(UserLine(line_name(label(route), f"route {r}"), _linestring(coords), f"route {r}"))
    return lines, len(children(root, "wpt"))


def _check_depth(name: str, root: ET.Element) -> None:
    """Refuse XML nested more than :data:`MAX_XML_DEPTH` levels (points' own children are not read: not walked)."""
    gpx_ns, _ = _local(root.tag)
    leaves = {f"{{{gpx_ns}}}{local}" if gpx_ns else local for local in ("trkpt", "rtept", "wpt")}
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > MAX_XML_DEPTH:
            raise RouteDataError(name, f"XML nested more than {MAX_XML_DEPTH} levels deep")
        stack.extend((child, depth + 1) for child in element if child.tag not in leaves)


def _gpx_coords(name: str, kind: str, points: list[ET.Element]) -> np.ndarray:
    """The (lon, lat) of GPX points as an array: every value a number (range is checked with the line's)."""
    lats = [p.get("lat") for p in points]
    lons = [p.get("lon") for p in points]
    try:
        coords = np.array([lons, lats], dtype=float).T.reshape(-1, 2)
        if np.isfinite(coords).all():
            return coords
    except (TypeError, ValueError):  # a missing or non-numeric value: found and named below
        pass
    for number, (lat, lon) in enumerate(zip(lats, lons, strict=True), 1):
        for attr, value in (("lat", lat), ("lon", lon)):
            text = (value or "").strip()
            if not _NUMBER.fullmatch(text):
                where = f"{kind} point {number}"
                raise RouteDataError(name, f"{where}: {attr} {_short(text)} is not a number" if text
                                     else f"{where} has no {attr}")
    raise RouteDataError(name, f"a {kind} point's coordinates are not finite")  # e.g. 1e999


def _parse_xml(data: bytes) -> ET.Element:
    """The XML document in ``data``; entities and external references refused (defusedxml).

    A document with no DOCTYPE can declare no entity and reference no external one, and expat reads only
    UTF-8, UTF-16 and Latin-1 (UTF-16 is refused before): such a document goes to the standard library's C
    parser, four times faster than defusedxml's Python callbacks on a large track. The rest goes to defusedxml.
    """
    if b"<!DOCTYPE" not in data and b"\x00" not in data:
        return ET.fromstring(data)  # noqa: S314  # no DOCTYPE: no entity can be declared (see above)
    return SafeET.fromstring(data)


def _gpx_lines(name: str, data: bytes, named_gpx: bool = True) -> list[UserLine]:
    """Each track segment and each route of a GPX, as lines (waypoints left out).

    ``named_gpx`` is False for XML in a file named .geojson, .json or .csv: read if it is GPX, else refused
    as XML that is not GPX (often a web page saved by mistake).
    """
    not_gpx = "the file starts with '<' but is not GPX (a web page or other XML?)"
    try:
        root = _parse_xml(data)
    except DefusedXmlException:
        raise RouteDataError(name, "XML entities and external references are not allowed") from None
    except ET.ParseError as exc:
        raise RouteDataError(name, f"not valid XML ({_first_line(exc)})" if named_gpx else not_gpx) from None
    _, kind = _local(root.tag)
    if kind.lower() == "kml":
        raise RouteDataError(name, f"this is KML: KML is not supported; {_CONVERT}")
    if kind != "gpx":
        raise RouteDataError(name, f"not GPX: the document is <{kind[:30]}>, not <gpx>" if named_gpx else not_gpx)
    lines, waypoints = _gpx_read(name, root)
    if not lines:
        only = " (waypoints are points, not a line)" if waypoints else ""
        raise RouteDataError(name, f"no track or route with at least two points in the GPX{only}")
    return lines


def _linestring(coords: np.ndarray) -> LineString:
    """A line as an array of (lon, lat): checked and made plain lists once, in :func:`user_lines_frame`."""
    return {"type": "LineString", "coordinates": coords}  # type: ignore[typeddict-item]


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


def _csv_coords_fast(text: str, separator: str, lat_col: int, lon_col: int) -> np.ndarray | None:
    """The rows' (lon, lat) read as whole columns (pandas' C reader), or None when any row needs a closer look.

    None for anything short of a clean file: ragged rows, an empty or non-numeric value, a number out of range,
    more rows than the limit. The row-by-row reader then names the problem (and accepts what it can). Tens of
    times faster on a large file: 500,000 rows in about half a second.
    """
    try:
        frame = pd.read_csv(io.StringIO(text), sep=separator, header=None, dtype=str, skip_blank_lines=True,
                            keep_default_na=False, engine="c", on_bad_lines="error", quoting=csv.QUOTE_MINIMAL)
    except (ValueError, pd.errors.ParserError, csv.Error):
        return None
    rows = frame.iloc[1:]  # the header: the first line that is not blank
    if not (2 <= len(rows) <= MAX_VERTICES) or frame.shape[1] <= max(lat_col, lon_col):
        return None
    columns = []
    for col in (lon_col, lat_col):
        if rows[col].isna().any():  # a short row
            return None
        values = rows[col].str.strip()
        if separator != ",":
            values = values.str.replace(",", ".", n=1, regex=False)  # 70,5: a decimal comma (unambiguous here)
        if not values.str.fullmatch(_NUMBER.pattern).all():  # nan, inf, 1_000, 70°30': the slow reader says so
            return None
        columns.append(values.astype(float).to_numpy())
    coords = np.column_stack(columns)
    in_range = np.isfinite(coords).all() and (np.abs(coords[:, 0]) <= 180).all() and (np.abs(coords[:, 1]) <= 90).all()
    return coords if in_range else None


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
    if sum(1 for line in lines[first + 1:] if line.strip(f" \t\r\n{separator}")) > MAX_VERTICES:  # counted first
        raise RouteDataError(name, f"more than {MAX_VERTICES:,} vertices; simplify the track first")
    fast = _csv_coords_fast(text, separator, lat_col, lon_col)
    if fast is not None:
        return [UserLine(Path(name).stem, {"type": "LineString", "coordinates": fast}, "the rows")]  # type: ignore[typeddict-item]
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

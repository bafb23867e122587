"""Build the Arctic land files in ``geodata/`` from Natural Earth 1:10m land.

Source: the npm package ``world-atlas@2.0.2`` (Natural Earth 4.1.0 land,
public domain, quantized TopoJSON). The script fetches the package with
``npm pack`` from the npm registry (or takes an already unpacked
``land-10m.json`` with ``--topojson``), decodes the TopoJSON itself, repairs the
rings that world-atlas stitches across the 180 deg meridian, clips to the
Arctic and writes:

* ``geodata/land-10m-arctic.geojson``: full resolution, for checks;
* ``static/data/land-3413.json``: simplified at 1 km in EPSG:3413, for the
  map zoomed in, the images and the voyages' over-water check: integer
  coordinates in units of ``DISPLAY_UNIT_M``, delta-encoded per ring
  (``arctic_routes/rings.py``; decoded there and by the map's script, see
  ``arctic_routes/leaflet_layers.py``);
* ``static/data/land-3413-coarse.json``: the same document simplified at
  ``COARSE_TOLERANCE_M``, islands under ``COARSE_MIN_AREA_KM2`` dropped: what the
  map draws first, at its default view (the map swaps in the 1 km file when the
  reader zooms in past the zoom where the coarse tolerance is half a pixel).

Usage::

    python scripts/build_land.py            # runs `npm pack world-atlas@2.0.2`
    python scripts/build_land.py --topojson path/to/land-10m.json
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import subprocess
import tarfile
import tempfile
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon, box, mapping
from shapely.ops import unary_union

from arctic_routes.rings import encode_rings

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "world-atlas@2.0.2"
CLIP_SOUTH_DEG = 45.0
#: Simplification tolerance for the display file, metres in EPSG:3413.
DISPLAY_TOLERANCE_M = 1000.0
#: Islands smaller than this (km^2) are dropped from the display file only.
DISPLAY_MIN_AREA_KM2 = 2.0
#: Display coordinates are integers in this unit (metres).
DISPLAY_UNIT_M = 100
#: The coarse file serves the map up to this zoom (Leaflet's Simple CRS: 2**zoom px per metre, zoom steps
#: of 0.25): every default view (-14.25 on a phone, -14 to -13.5 on a desktop page, whose map is 640 px high)
#: and, from the 1400 px-wide page's -13.75, one click on + (half a level).
COARSE_LAST_ZOOM = -13.25
#: Half a pixel at ``COARSE_LAST_ZOOM`` (4,870 m), rounded down to 100 m: 4,800 m. The map swaps in the 1 km
#: file past the zoom where one pixel is twice this (-13.0 and closer); screenshots at the default view and one
#: level in showed no difference a reader could see, and the file fits the 40 KB (gzipped) set for the first view.
COARSE_TOLERANCE_M = math.floor(2.0**-COARSE_LAST_ZOOM / 2 / 100) * 100.0
#: Islands under this (km^2, under a quarter pixel at ``COARSE_LAST_ZOOM``) are dropped from the coarse file.
COARSE_MIN_AREA_KM2 = 20.0
#: Coarse coordinates are integers in this unit (metres): rounding moves a vertex at most 0.7 km.
COARSE_UNIT_M = 1000


def fetch_topojson(workdir: Path, member: str = "land-10m.json") -> Path:
    """``member`` of the npm package (fetched with ``npm pack`` into ``workdir``), unpacked there."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True)
    tgz = next(workdir.glob("world-atlas-*.tgz"))
    with tarfile.open(tgz) as tar:
        tar.extract(f"package/{member}", workdir, filter="data")
    return workdir / "package" / member


def decode_arcs(topology: dict) -> list[np.ndarray]:
    """Absolute (lon, lat) arrays for every arc of a quantized topology."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        q = np.cumsum(np.asarray(arc, dtype=float), axis=0)
        arcs.append(np.column_stack([q[:, 0] * sx + tx, q[:, 1] * sy + ty]))
    return arcs


def ring_coords(indexes: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = []
    for i in indexes:
        a = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(a if not parts else a[1:])
    return np.vstack(parts)


def unwrap(ring: np.ndarray) -> np.ndarray:
    """Make longitudes continuous (a ring stitched across 180 deg gets lon > 180)."""
    lon = np.degrees(np.unwrap(np.radians(ring[:, 0])))
    return np.column_stack([lon, ring[:, 1]])


def polygons_of(geom: shapely.Geometry) -> list[Polygon]:
    """Every Polygon inside ``geom``, however deeply nested in collections."""
    if isinstance(geom, Polygon):
        return [] if geom.is_empty else [geom]
    return [p for part in getattr(geom, "geoms", []) for p in polygons_of(part)]


def cut_and_shift(poly: Polygon) -> list[Polygon]:
    """Cut an unwrapped polygon at every multiple of 180 deg and shift parts into [-180, 180]."""
    out = []
    for k in (-1, 0, 1):
        window = box(-180 + 360 * k, -90, 180 + 360 * k, 90)
        piece = poly.intersection(window)
        if piece.is_empty:
            continue
        out.extend(polygons_of(shapely.affinity.translate(piece, xoff=-360 * k)))
    return out


def arctic_land(topology: dict) -> MultiPolygon:
    return land_north_of(topology, CLIP_SOUTH_DEG)


def land_north_of(topology: dict, south_deg: float) -> MultiPolygon:
    """The topology's land north of ``south_deg`` (lon/lat, cut at 180 deg, each polygon valid)."""
    arcs = decode_arcs(topology)
    polygons: list[Polygon] = []
    for geom in topology["objects"]["land"]["geometries"]:
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        for rings in polys:
            coords = [unwrap(ring_coords(r, arcs)) for r in rings]
            if coords[0][:, 1].max() < south_deg:
                continue  # wholly south of the clip (includes Antarctica's pole-wrapping ring)
            for part in polygons_of(shapely.make_valid(Polygon(coords[0], coords[1:]))):
                polygons.extend(cut_and_shift(part))
    land = unary_union(polygons)
    # Clip densely so the southern edge stays a parallel, not a chord, once projected.
    clip = shapely.segmentize(box(-180, south_deg, 180, 90), 0.25)
    return MultiPolygon(polygons_of(land.intersection(clip)))


def polar_land(land: MultiPolygon) -> MultiPolygon:
    """``land`` in EPSG:3413 metres (the map's plane), healed at the 180 deg cut."""
    to_polar = Transformer.from_crs(4326, 3413, always_xy=True)
    polar = shapely.transform(land, lambda xy: np.column_stack(to_polar.transform(xy[:, 0], xy[:, 1])))
    return unary_union(polygons_of(polar))  # heals the seam left by the cut at 180 deg


def display_land(polar: MultiPolygon, tolerance_m: float, min_area_km2: float) -> MultiPolygon:
    """``polar`` simplified at ``tolerance_m``, polygons under ``min_area_km2`` dropped (still EPSG:3413)."""
    simple = polar.simplify(tolerance_m, preserve_topology=True)
    kept = [p for p in polygons_of(simple) if p.area >= min_area_km2 * 1e6]
    # Kept in EPSG:3413: a round trip back to lon/lat can flip vertices on +-180.
    return MultiPolygon(kept)


def _round(coords: object, precision: int) -> object:
    if isinstance(coords, float):
        return int(round(coords, precision)) if precision <= 0 else round(coords, precision)
    return [_round(c, precision) for c in coords]  # type: ignore[attr-defined]


def write_geojson(geom: MultiPolygon, path: Path, properties: dict, precision: int) -> str:
    """Write one-feature GeoJSON, coordinates rounded to ``precision`` decimals; return sha256."""
    geometry = {
        "type": "MultiPolygon",
        "coordinates": _round(json.loads(json.dumps(mapping(geom)))["coordinates"], precision),
    }
    feature = {"type": "Feature", "properties": properties, "geometry": geometry}
    data = json.dumps({"type": "FeatureCollection", "features": [feature]}, separators=(",", ":"))
    path.write_text(data)
    return hashlib.sha256(data.encode()).hexdigest()


def write_display(polar: MultiPolygon, path: Path, props: dict, tolerance_m: float, min_area_km2: float,
                  unit_m: int) -> None:
    """Write one display document of ``polar`` (see the module docstring) and print what was written."""
    doc = {**props, "crs": "EPSG:3413", "simplified_m": tolerance_m, "min_area_km2": min_area_km2,
           "unit_m": unit_m, "encoding": "polygons > rings > [x0, y0, dx, dy, ...]",
           "polygons": encode_rings(display_land(polar, tolerance_m, min_area_km2), unit_m)}
    data = json.dumps(doc, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data)
    print(f"{path.relative_to(ROOT)} sha256 {hashlib.sha256(data.encode()).hexdigest()}"
          f" ({len(data)} bytes, {len(gzip.compress(data.encode(), 6))} gzipped, {len(doc['polygons'])} polygons)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topojson", type=Path, help="an unpacked land-10m.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = args.topojson or fetch_topojson(Path(tmp))
        raw = src.read_bytes()
        topology = json.loads(raw)
    print(f"source {PACKAGE}/land-10m.json sha256 {hashlib.sha256(raw).hexdigest()}")
    land = arctic_land(topology)
    props = {
        "source": "Natural Earth 1:10m land v4.1.0 via npm world-atlas@2.0.2",
        "licence": "public domain",
        "clip_south_deg": CLIP_SOUTH_DEG,
    }
    full = ROOT / "geodata" / "land-10m-arctic.geojson"
    print(
        f"{full.relative_to(ROOT)} sha256 {write_geojson(land, full, props, 5)}"
        f" ({full.stat().st_size} bytes, {len(land.geoms)} polygons)"
    )
    polar = polar_land(land)
    data_dir = ROOT / "static" / "data"
    write_display(polar, data_dir / "land-3413.json", props, DISPLAY_TOLERANCE_M, DISPLAY_MIN_AREA_KM2,
                  DISPLAY_UNIT_M)
    write_display(polar, data_dir / "land-3413-coarse.json", props, COARSE_TOLERANCE_M, COARSE_MIN_AREA_KM2,
                  COARSE_UNIT_M)


if __name__ == "__main__":
    main()

"""Build ``geodata/places.geojson``: the names the map writes on its countries and seas, with label points.

Sources, both read from files in ``geodata/`` or fetched from a registry:

* seas: ``geodata/sea-names/sea-areas.geojson``, the sea outlines used here (a subset of the sea areas of
  MPAS-Dev/geometric_features: IHO Sea Areas from Marine Regions, CC BY 4.0, and Arctic regions drawn by
  that repository's authors, BSD 3-clause; see ``geodata/sea-names/README.md``);
* countries: Natural Earth 1:50m admin-0 countries v4.1.0 (public domain), ``countries-50m.json`` of the npm
  package ``world-atlas@2.0.2`` (the package the land comes from), fetched with ``npm pack``.

Which places are named is the list below (a choice of what the routes' story needs); where each name goes is
computed: the pole of inaccessibility (``shapely.polylabel``) of the place's largest polygon in the map's
plane (EPSG:3413), i.e. the point of it farthest from its edges, where a label reads best on this map.
A place that is part of a country (Alaska, Svalbard) is that country's largest polygon inside a box.

Usage::

    python scripts/build_places.py                       # runs `npm pack world-atlas@2.0.2`
    python scripts/build_places.py --topojson path/to/countries-50m.json
    python scripts/build_places.py --sea-areas ../shared/data/sea-names/sea-areas.geojson  # re-vendor the seas
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from pathlib import Path

import numpy as np
import shapely
from build_land import (
    PACKAGE,
    ROOT,
    cut_and_shift,
    decode_arcs,
    fetch_topojson,
    polygons_of,
    ring_coords,
    unwrap,
)
from pyproj import Transformer
from shapely.geometry import Polygon, box, shape
from shapely.ops import polylabel

SEA_AREAS = ROOT / "geodata" / "sea-names" / "sea-areas.geojson"
OUT = ROOT / "geodata" / "places.geojson"
COUNTRIES_FILE = "countries-50m.json"
COUNTRY_SOURCE = "Natural Earth 1:50m admin-0 countries v4.1.0 via npm world-atlas@2.0.2 (public domain)"

#: (label, Natural Earth name, rank, lon/lat box to pick a part from or None). Rank 1 is named first and
#: kept at every zoom; higher ranks make way for lower ones where labels would overlap.
COUNTRIES = [
    ("Russia", "Russia", 1, None),
    ("Canada", "Canada", 1, None),
    ("Greenland", "Greenland", 1, None),
    ("United States", "United States of America", 1, None),
    ("China", "China", 1, None),
    ("Alaska (US)", "United States of America", 2, (-170.0, 51.0, -129.0, 72.0)),
    ("Norway", "Norway", 2, (4.0, 57.0, 32.0, 72.0)),
    ("Svalbard (Norway)", "Norway", 2, (9.0, 74.0, 35.0, 81.0)),
    ("Iceland", "Iceland", 2, None),
    ("Japan", "Japan", 2, None),
    ("India", "India", 2, None),
    ("Sweden", "Sweden", 3, None),
    ("Finland", "Finland", 3, None),
    ("United Kingdom", "United Kingdom", 3, None),
    ("Germany", "Germany", 3, None),
    ("France", "France", 3, None),
    ("Spain", "Spain", 3, None),
    ("Netherlands", "Netherlands", 3, None),
    ("South Korea", "South Korea", 3, None),
    ("Egypt", "Egypt", 3, None),
    ("Saudi Arabia", "Saudi Arabia", 3, None),
    ("Indonesia", "Indonesia", 3, None),
    ("Malaysia", "Malaysia", 3, (99.0, 0.0, 105.0, 8.0)),
    ("Mexico", "Mexico", 3, None),
    ("Brazil", "Brazil", 3, None),
    ("South Africa", "South Africa", 3, None),
    ("Australia", "Australia", 3, None),
]
#: (label, name in the sea areas, rank).
SEAS = [
    ("Arctic Ocean", "Central Arctic", 1),
    ("Barents Sea", "Barents Sea", 2),
    ("Kara Sea", "Kara Sea", 2),
    ("Laptev Sea", "Laptev Sea", 2),
    ("East Siberian Sea", "East Siberian Sea", 2),
    ("Chukchi Sea", "Chukchi Sea", 2),
    ("Beaufort Sea", "Beaufort Sea", 2),
    ("Bering Sea", "Bering Sea", 2),
    ("Baffin Bay", "Baffin Bay", 2),
    ("Greenland Sea", "Greenland Sea", 2),
    ("Norwegian Sea", "Norwegian Sea", 2),
    ("North Atlantic Ocean", "North Atlantic Ocean", 1),
    ("North Pacific Ocean", "North Pacific Ocean", 1),
    ("Indian Ocean", "Indian Ocean", 1),
    ("North Sea", "North Sea", 3),
    ("Labrador Sea", "Labrador Sea", 3),
    ("Hudson Bay", "Hudson Bay", 3),
    ("Sea of Okhotsk", "Sea of Okhotsk", 3),
    ("Sea of Japan", "Japan Sea", 3),
    ("East China Sea", "Eastern China Sea", 3),
    ("South China Sea", "South China Sea", 2),
    ("Malacca Strait", "Malacca Strait", 3),
    ("Bay of Bengal", "Bay of Bengal", 3),
    ("Arabian Sea", "Arabian Sea", 2),
    ("Gulf of Aden", "Gulf of Aden", 3),
    ("Red Sea", "Red Sea", 2),
    ("Mediterranean Sea", "Mediterranean Sea - Eastern Basin", 2),
    ("Caribbean Sea", "Caribbean Sea", 3),
    ("Gulf of Alaska", "Gulf of Alaska", 3),
]
CLIP = box(-180.0, -50.0, 180.0, 90.0)  # the map's reach (the polar plane stretches the far south without bound)
_TO_POLAR = Transformer.from_crs(4326, 3413, always_xy=True)
_TO_LONLAT = Transformer.from_crs(3413, 4326, always_xy=True)


def polar(geom: shapely.Geometry) -> shapely.Geometry:
    dense = shapely.segmentize(geom.intersection(CLIP), 0.25)
    return shapely.make_valid(shapely.transform(dense, lambda xy: np.column_stack(_TO_POLAR.transform(xy[:, 0], xy[:, 1]))))


def label_point(parts: list[Polygon]) -> tuple[float, float]:
    """Lon, lat of the pole of inaccessibility of the largest of ``parts`` in the map's plane."""
    largest = max((p for part in parts for p in polygons_of(polar(part))), key=lambda p: p.area)
    point = polylabel(largest, tolerance=5000.0)
    lon, lat = _TO_LONLAT.transform(point.x, point.y)
    return round(float(lon), 3), round(float(lat), 3)


def country_parts(topology: dict) -> dict[str, list[Polygon]]:
    arcs = decode_arcs(topology)
    out: dict[str, list[Polygon]] = {}
    for geom in topology["objects"]["countries"]["geometries"]:
        if geom.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        parts = out.setdefault(geom["properties"]["name"], [])
        for rings in polys:
            coords = [unwrap(ring_coords(r, arcs)) for r in rings]
            for part in polygons_of(shapely.make_valid(Polygon(coords[0], coords[1:]))):
                parts.extend(cut_and_shift(part))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topojson", type=Path, help=f"an unpacked {COUNTRIES_FILE}")
    parser.add_argument("--sea-areas", type=Path, help="re-vendor the seas used from this sea-areas.geojson")
    args = parser.parse_args()
    if args.sea_areas:  # keep only the outlines named in SEAS, as they are
        every = json.loads(args.sea_areas.read_text())
        wanted = {name for _, name, _ in SEAS}
        used = [f for f in every["features"] if f["properties"]["name"] in wanted]
        SEA_AREAS.write_text(json.dumps({"type": "FeatureCollection", "features": used}, separators=(",", ":")))
    seas = {f["properties"]["name"]: f for f in json.loads(SEA_AREAS.read_text())["features"]}
    with tempfile.TemporaryDirectory() as tmp:
        raw = (args.topojson or fetch_topojson(Path(tmp), COUNTRIES_FILE)).read_bytes()
    print(f"source {PACKAGE}/{COUNTRIES_FILE} sha256 {hashlib.sha256(raw).hexdigest()}")
    countries = country_parts(json.loads(raw))
    features = []
    for label, name, rank, window in COUNTRIES:
        parts = countries[name]
        if window is not None:
            parts = [p for part in parts for p in polygons_of(part.intersection(box(*window)))]
        lon, lat = label_point(parts)
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": {"name": label, "kind": "country", "rank": rank, "source": COUNTRY_SOURCE}})
    for label, name, rank in SEAS:
        sea = seas[name]
        lon, lat = label_point(polygons_of(shape(sea["geometry"])))
        iho = sea["properties"]["author"].startswith("http://www.marineregions.org")
        source = ("Marine Regions, IHO Sea Areas (CC BY 4.0)" if iho else
                  f"MPAS-Dev/geometric_features, region drawn by {sea['properties']['author']} (BSD 3-clause)")
        features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                         "properties": {"name": label, "kind": "sea", "rank": rank,
                                        "source": f"{source}: {sea['properties']['file']}"}})
    data = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=0)
    OUT.write_text(data + "\n")
    print(f"{OUT.relative_to(ROOT)} sha256 {hashlib.sha256((data + chr(10)).encode()).hexdigest()} "
          f"({len(features)} places)")


if __name__ == "__main__":
    main()

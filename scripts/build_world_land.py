"""Build the map's world land, ``static/data/land-3413-world.json``, from Natural Earth 1:50m land.

What the map draws once its view reaches beyond the Arctic land of ``scripts/build_land.py`` (north of
45N): a voyage's whole frame, Suez, Singapore, Panama and the Cape included. At those scales (10 km and
more to the pixel) 1:50m is finer than the screen; zoomed in on the Arctic, the map goes back to the
1:10m land. South of 50S nothing is kept: the polar projection stretches the far south without bound,
and no voyage of the comparison goes there.

Source: ``land-50m.json`` of the npm package ``world-atlas@2.0.2`` (Natural Earth 4.1.0, public domain),
the same package as the Arctic land; decoded and repaired at 180 deg by ``scripts/build_land.py``'s
functions, projected to EPSG:3413, simplified at ``TOLERANCE_M``, delta-encoded in ``UNIT_M`` units.

Usage::

    python scripts/build_world_land.py            # runs `npm pack world-atlas@2.0.2`
    python scripts/build_world_land.py --topojson path/to/land-50m.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from pathlib import Path

import shapely
from build_land import PACKAGE, ROOT, fetch_topojson, land_north_of, polar_land, polygons_of, write_display
from shapely.geometry import MultiPolygon

SOURCE_FILE = "land-50m.json"
#: The world land reaches this far south (Antarctica and the Southern Ocean's islands are left out).
CLIP_SOUTH_DEG = -50.0
#: Simplification in the map's plane: under half a pixel at the widest zoom that draws the Arctic this way.
TOLERANCE_M = 5000.0
MIN_AREA_KM2 = 100.0
UNIT_M = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topojson", type=Path, help=f"an unpacked {SOURCE_FILE}")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = args.topojson or fetch_topojson(Path(tmp), SOURCE_FILE)
        raw = src.read_bytes()
    print(f"source {PACKAGE}/{SOURCE_FILE} sha256 {hashlib.sha256(raw).hexdigest()}")
    land = land_north_of(json.loads(raw), CLIP_SOUTH_DEG)
    props = {"source": "Natural Earth 1:50m land v4.1.0 via npm world-atlas@2.0.2", "licence": "public domain",
             "clip_south_deg": CLIP_SOUTH_DEG}
    polar = polar_land(MultiPolygon(polygons_of(shapely.segmentize(land, 0.5))))
    write_display(polar, ROOT / "static" / "data" / "land-3413-world.json", props, TOLERANCE_M, MIN_AREA_KM2,
                  UNIT_M)


if __name__ == "__main__":
    main()

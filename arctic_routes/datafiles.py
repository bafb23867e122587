"""Where the data files are: the one place paths are resolved.

``geodata/`` (beside the package in the source tree) holds the route, strait,
port and full-resolution land files; ``arctic_routes/data/`` holds the facts;
``static/`` holds what the browser fetches (vendored scripts, the map's land). ``ARCTIC_ROUTES_GEODATA`` points elsewhere if set.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parent / "data"
#: The web root Streamlit serves at /app/static/ (server.enableStaticServing).
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


def geodata_dir() -> Path:
    """The ``geodata/`` folder (``$ARCTIC_ROUTES_GEODATA`` if set)."""
    override = os.environ.get("ARCTIC_ROUTES_GEODATA")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "geodata"


def geodata_file(name: str) -> Path:
    return geodata_dir() / name


ROUTES_FILE = "routes.geojson"
STRAITS_FILE = "straits.geojson"
PORTS_FILE = "ports.geojson"
LAND_FILE = "land-10m-arctic.geojson"
#: The map's land: EPSG:3413, delta-encoded integers (scripts/build_land.py), and its URL on the page.
LAND_DISPLAY_FILE = STATIC_DIR / "data" / "land-3413.json"
LAND_DISPLAY_URL = "/app/static/data/land-3413.json"
#: NSIDC monthly median sea-ice extent 1981-2010 (geodata/sea-ice/README.md): one file per month, January first.
SEA_ICE_FILES = tuple(
    f"sea-ice/{month}-median-extent-1981-2010.geojson"
    for month in ("january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december")
)
#: The same twelve extents for the map: EPSG:3413, delta-encoded integers (scripts/build_sea_ice.py).
SEA_ICE_DISPLAY_FILE = STATIC_DIR / "data" / "sea-ice-3413.json"
SEA_ICE_DISPLAY_URL = "/app/static/data/sea-ice-3413.json"

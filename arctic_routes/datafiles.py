"""Where the data files are: the one place paths are resolved.

``geodata/`` (beside the package in the source tree) holds the route, strait,
port and full-resolution land files; ``arctic_routes/data/`` holds files the
map ships with. ``ARCTIC_ROUTES_GEODATA`` points elsewhere if set.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DATA = Path(__file__).resolve().parent / "data"


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
LAND_DISPLAY_FILE = PACKAGE_DATA / "land-display-3413.geojson"

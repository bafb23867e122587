"""Where the data files are: the one place paths are resolved.

Everything the runtime reads is found through
``importlib.resources.files("arctic_routes")``:

- ``arctic_routes/data/``: the facts and the sea-network repairs (package data
  in the source tree as in the wheel);
- the *site*: ``app.py``, ``geodata/`` (routes, straits, ports, land,
  ``sea-ice/``), ``static/`` (what the browser fetches at ``/app/static/``: the
  vendored Leaflet, the map's land and ice) and ``.streamlit/config.toml``.
  In a checkout they sit at the top of the repository, which stays their source
  of truth; the wheel ships them as ``arctic_routes/site/`` (``pyproject.toml``
  maps ``static/`` and ``geodata/`` in as data; ``app.py`` and the config come
  through the links in ``arctic_routes/site/``), ``static/`` still next to
  ``app.py`` where Streamlit looks for it.

``$ARCTIC_ROUTES_GEODATA`` points ``geodata/`` elsewhere if set.

Examples
--------
>>> (SITE_DIR / "app.py") == APP_FILE and APP_FILE.is_file()
True
>>> geodata_file(ROUTES_FILE).name
'routes.geojson'
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

#: The folder in the wheel that holds the checkout's top-level runtime files (see pyproject.toml).
SITE_FOLDER = "site"


def _package_dir() -> Path:
    """The installed ``arctic_routes`` package as a folder on disk (Streamlit and GDAL need real paths)."""
    package = files("arctic_routes")
    if not isinstance(package, Path):  # a zipped install: nothing here could serve or read from it
        raise RuntimeError(f"arctic_routes must be installed as files on disk, not {package!r}")
    return package


def _site_dir() -> Path:
    """``arctic_routes/site/`` when installed from a wheel; the repository root in a checkout."""
    package = _package_dir()
    shipped = package / SITE_FOLDER
    # A checkout has arctic_routes/site/ too, holding only the links to app.py and the config: the wheel's
    # copy is the one with static/ in it.
    return shipped if (shipped / "static").is_dir() else package.parent


#: ``arctic_routes/data/``: facts.json, seanet-repairs.json.
PACKAGE_DATA = _package_dir() / "data"
#: The folder holding app.py, geodata/, static/ and .streamlit/.
SITE_DIR = _site_dir()
#: The Streamlit page, run by ``arctic-routes serve``.
APP_FILE = SITE_DIR / "app.py"
#: The page's Streamlit settings; ``arctic-routes serve`` passes them as flags.
STREAMLIT_CONFIG_FILE = SITE_DIR / ".streamlit" / "config.toml"
#: The web root Streamlit serves at /app/static/ (server.enableStaticServing): next to app.py.
STATIC_DIR = SITE_DIR / "static"
#: The vendored Leaflet (static/vendor/README.md) and its BSD 2-Clause licence.
LEAFLET_DIR = STATIC_DIR / "vendor" / "leaflet-1.9.3"
LEAFLET_LICENSE_FILE = LEAFLET_DIR / "LICENSE"


def geodata_dir() -> Path:
    """The ``geodata/`` folder (``$ARCTIC_ROUTES_GEODATA`` if set)."""
    override = os.environ.get("ARCTIC_ROUTES_GEODATA")
    return Path(override) if override else SITE_DIR / "geodata"


def geodata_file(name: str) -> Path:
    return geodata_dir() / name


ROUTES_FILE = "routes.geojson"
STRAITS_FILE = "straits.geojson"
PORTS_FILE = "ports.geojson"
#: Every port a voyage can start or end at (World Port Index and UN/LOCODE list; scripts/build_world_ports.py).
WORLD_PORTS_FILE = "world-ports.csv"
LAND_FILE = "land-10m-arctic.geojson"
#: The map's land: EPSG:3413, delta-encoded integers (scripts/build_land.py), and its URL on the page.
#: Simplified at 1 km: the map zoomed in, the images, the voyages' over-water check.
LAND_DISPLAY_FILE = STATIC_DIR / "data" / "land-3413.json"
LAND_DISPLAY_URL = "/app/static/data/land-3413.json"
#: The same land, coarser (its ``simplified_m``): what the map draws first, at its default view.
LAND_COARSE_DISPLAY_FILE = STATIC_DIR / "data" / "land-3413-coarse.json"
LAND_COARSE_DISPLAY_URL = "/app/static/data/land-3413-coarse.json"
#: Natural Earth 1:50m land of the whole map (to 50S), coarser (scripts/build_world_land.py): what the map and
#: the images draw once their frame reaches beyond the Arctic land (north of 45N), a voyage's frame.
LAND_WORLD_DISPLAY_FILE = STATIC_DIR / "data" / "land-3413-world.json"
LAND_WORLD_DISPLAY_URL = "/app/static/data/land-3413-world.json"
#: The page's sea-ice charts' size in CSS pixels: the panel's width beside the map on a laptop.
EXTENT_CHART_PX = (260, 250)


def extent_chart_file(month: int) -> Path:
    """The page's chart of one month's sea-ice extent, every year (scripts/build_extent_charts.py)."""
    return STATIC_DIR / "data" / f"sea-ice-extent-{month:02d}.svg"


def extent_chart_url(month: int) -> str:
    return f"/app/static/data/sea-ice-extent-{month:02d}.svg"


#: The names of countries and seas and where the map writes them (scripts/build_places.py).
PLACES_FILE = "places.geojson"
#: The IHO sea areas' outlines (geodata/sea-names/README.md): the seas a direct Arctic crossing passes, and the
#: central Arctic it must enter (arctic_routes.arctic_legs).
SEA_AREAS_FILE = "sea-names/sea-areas.geojson"
#: NSIDC monthly median sea-ice extent 1981-2010 (geodata/sea-ice/README.md): one file per month, January first.
SEA_ICE_FILES = tuple(
    f"sea-ice/{month}-median-extent-1981-2010.geojson"
    for month in ("january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december")
)

#: NSIDC Sea Ice Index monthly mean extent of every year (geodata/sea-ice-index/README.md), January first: version 4,
#: except January, version 3 (1979-2020): no version 4 copy of it could be vendored. The name carries the version.
SEA_ICE_INDEX_FILES = tuple(
    f"sea-ice-index/N_{month:02d}_extent_v{3 if month == 1 else 4}.0.csv" for month in range(1, 13)
)


def sea_ice_display_file(month: int) -> Path:
    """The map's copy of ``month``'s extent: EPSG:3413, delta-encoded integers (scripts/build_sea_ice.py).

    One file per month: the map fetches only the month it shows (1-2 KB of the twelve's 15 KB, gzipped).
    """
    return STATIC_DIR / "data" / f"sea-ice-3413-{month:02d}.json"


def sea_ice_display_url(month: int) -> str:
    """Where the page serves :func:`sea_ice_display_file`."""
    return f"/app/static/data/sea-ice-3413-{month:02d}.json"


SEA_ICE_DISPLAY_FILES = tuple(sea_ice_display_file(month) for month in range(1, 13))


def runtime_files() -> list[Path]:
    """Every file the installed package reads or serves, as resolved here (the packaging tests check each).

    Examples
    --------
    >>> all(path.is_file() for path in runtime_files())
    True
    """
    fixed = [APP_FILE, STREAMLIT_CONFIG_FILE, LAND_DISPLAY_FILE, LAND_COARSE_DISPLAY_FILE, LAND_WORLD_DISPLAY_FILE,
             *SEA_ICE_DISPLAY_FILES,
             LEAFLET_LICENSE_FILE, LEAFLET_DIR / "leaflet.js", LEAFLET_DIR / "leaflet.css", PACKAGE_DATA / "facts.json"]
    data = [geodata_file(name) for name in (ROUTES_FILE, STRAITS_FILE, PORTS_FILE, LAND_FILE, PLACES_FILE,
                                             SEA_AREAS_FILE, WORLD_PORTS_FILE, *SEA_ICE_FILES, *SEA_ICE_INDEX_FILES)]
    shipped = sorted(PACKAGE_DATA.glob("*.json")) + sorted((LEAFLET_DIR / "images").glob("*.png"))
    return fixed + data + [path for path in shipped if path not in fixed]

"""Shared fixtures: the data files, loaded once per session; the page's server and the one browser."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from arctic_routes.datafiles import LAND_FILE, geodata_file
from arctic_routes.geodesy import to_polar
from arctic_routes.routes import load_ports, load_routes, load_straits
from devkit.browser import CHROMIUM, launch, streamlit_server


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by mark
def pytest_collection_modifyitems(items):
    """Every test that drives Chromium (it uses the ``browser`` fixture, directly or through another) is
    marked ``browser``, so ``-m "not browser"`` leaves it out without each module saying so."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def routes():
    return load_routes()


@pytest.fixture(scope="session")
def straits():
    return load_straits()


@pytest.fixture(scope="session")
def ports():
    return load_ports()


@pytest.fixture(scope="session")
def land_polar():
    """Natural Earth 1:10m land (full resolution) in EPSG:3413 metres, prepared."""
    doc = json.loads(geodata_file(LAND_FILE).read_text())
    land = shape(doc["features"][0]["geometry"])
    polar = shapely.make_valid(shapely.transform(land, lambda xy: to_polar(xy)))
    shapely.prepare(polar)
    return polar


@pytest.fixture(scope="session")
def eroded_land(land_polar):
    """The land shrunk by 250 m: a route may touch the coastline, not cut across it."""
    eroded = shapely.buffer(land_polar, -250.0, quad_segs=2)
    shapely.prepare(eroded)
    return eroded


def polar_line(coords: np.ndarray) -> shapely.LineString:
    return shapely.LineString(to_polar(coords))


@pytest.fixture(scope="module")
def server():
    """``streamlit run app.py`` on a free port, for one test module; its URL."""
    with streamlit_server() as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright, one for the whole session (the sync API allows one instance)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run the suite through scripts/test.sh, which installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()

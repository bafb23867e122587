"""The built wheel and the page it serves once installed: run by ``scripts/check_wheel.sh`` only.

Its name keeps it out of the suite; run alone without the script, it fails (it needs the wheel).

The script builds the wheel, installs it into a fresh virtual environment
outside the checkout, starts ``arctic-routes serve`` from there and runs this
file with ``ARCTIC_ROUTES_WHEEL`` (the wheel file) and ``ARCTIC_ROUTES_WHEEL_URL``
(the installed server's address) set.
"""

from __future__ import annotations

import os
import zipfile
from importlib.resources import files
from pathlib import Path

import pytest

from arctic_routes import datafiles
from devkit.browser import ARTIFACTS, LOCAL_PREFIXES, MAP_DRAWN, launch, map_container, map_frame

WHEEL = os.environ.get("ARCTIC_ROUTES_WHEEL", "")
URL = os.environ.get("ARCTIC_ROUTES_WHEEL_URL", "")


def _name_in_wheel(path: Path) -> str:
    """Where a file the runtime reads (as resolved in this checkout) lies in the wheel."""
    package = Path(str(files("arctic_routes")))
    if path.is_relative_to(package):
        return "arctic_routes/" + path.relative_to(package).as_posix()
    return f"arctic_routes/{datafiles.SITE_FOLDER}/" + path.relative_to(datafiles.SITE_DIR).as_posix()


def test_wheel_holds_every_runtime_file_and_the_licences():
    with zipfile.ZipFile(WHEEL) as wheel:
        names = set(wheel.namelist())
        metadata = next(wheel.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    assert {_name_in_wheel(p) for p in datafiles.runtime_files()} - names == set()
    licences = {n.split(".dist-info/licenses/", 1)[1] for n in names if ".dist-info/licenses/" in n}
    assert {"LICENSE", "THIRD_PARTY_NOTICES.md", "static/vendor/leaflet-1.9.3/LICENSE"} <= licences
    assert "arctic_routes/site/static/vendor/leaflet-1.9.3/LICENSE" in names
    assert "License-Expression: MIT" in metadata
    # Nothing but the package and its metadata: no tests, scripts or benchmarks.
    assert {n.split("/", 1)[0] for n in names} == {"arctic_routes", "arctic_routes-0.1.0.dist-info"}
    site = f"arctic_routes/{datafiles.SITE_FOLDER}/"  # the checkout's root: its development folders stay behind
    assert not [n for n in names if n.startswith(tuple(f"{site}{d}/" for d in ("devkit", "tests", "bench", "scripts")))]


@pytest.mark.browser
def test_installed_page_draws_the_map_with_no_outside_request():
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda r: None if r.url.startswith(LOCAL_PREFIXES) else outside.append(r.url))
            page.goto(URL, wait_until="domcontentloaded")
            map_container(page).wait_for(timeout=90_000)
            map_frame(page).wait_for_function(MAP_DRAWN, timeout=60_000)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "wheel-page.png"))
        finally:
            browser.close()
    assert outside == []

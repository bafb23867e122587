"""The sea ice a reader sees: the month named, NSIDC credited, visibly different ice in March and September."""

from __future__ import annotations

import io

import numpy as np
import pytest

from arctic_routes.style import ICE_COLOUR
from devkit.browser import ARTIFACTS, MAP_DRAWN, MAP_FRAME, map_container, map_frame

#: Generous bound for a drawn map on a busy 2-core machine (the benchmark measures the real time).
MAP_DRAWN_WITHIN_MS = 60_000
#: In the map's frame: the ice pane's canvas exists and some pixel of it is not transparent.
ICE_PAINTED = """() => {
    const canvas = document.querySelector('.leaflet-arcticIce-pane canvas');
    if (!canvas || !canvas.width || !canvas.height) return false;
    const alpha = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < alpha.length; i += 4) if (alpha[i] > 0) return true;
    return false;
}"""


def ice_pixels(png: bytes) -> int:
    """Pixels of the ice colour (within a small tolerance for canvas antialiasing)."""
    from PIL import Image

    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    target = np.array([int(ICE_COLOUR[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(rgb - target).sum(axis=2) <= 6).sum())


@pytest.fixture(scope="module")
def month_views(browser, server):
    views = {}
    for month in (3, 9):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{server}/?month={month}")
        map_container(page).wait_for(timeout=MAP_DRAWN_WITHIN_MS)
        frame = map_frame(page)
        frame.wait_for_function(MAP_DRAWN, timeout=MAP_DRAWN_WITHIN_MS)
        key = page.frame_locator(MAP_FRAME).locator(".arctic-ice-key")
        key.wait_for(timeout=MAP_DRAWN_WITHIN_MS)
        # The ice comes from its own file, drawn on a canvas of its own: wait until that canvas has pixels.
        frame.wait_for_function(ICE_PAINTED, timeout=MAP_DRAWN_WITHIN_MS, polling=100)
        shot = page.locator(MAP_FRAME).screenshot()
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"map-ice-month-{month}.png").write_bytes(shot)
        attribution = page.frame_locator(MAP_FRAME).locator(".leaflet-control-attribution").inner_text()
        views[month] = {"key": key.inner_text(), "attribution": attribution, "ice": ice_pixels(shot)}
        page.close()
    return views


@pytest.mark.parametrize("month, name", [(3, "March"), (9, "September")])
def test_the_map_names_the_month_and_says_it_is_not_this_years_ice(month_views, month, name):
    key = month_views[month]["key"]
    assert f"Sea ice, {name}" in key and "not this year's ice" in key and "NSIDC" in key


def test_the_map_credits_nsidc(month_views):
    assert all("NSIDC" in view["attribution"] for view in month_views.values())


def test_march_draws_visibly_more_ice_than_september(month_views):
    march, september = month_views[3]["ice"], month_views[9]["ice"]
    assert september > 5_000  # some ice is drawn in September: the central Arctic
    assert march > 1.5 * september, (march, september)

"""The embed in an article: the iframe sizes itself to its content, so nothing is clipped at any width."""

from __future__ import annotations

import pytest

from arctic_routes.embed import embed_snippet
from arctic_routes.leaflet import MapSetup
from arctic_routes.routes import load_routes
from arctic_routes.share import PageState
from devkit.browser import ARTIFACTS, MAP_DRAWN, map_frame, wait_stable

WITHIN_MS = 90_000
ARTICLE = """<!doctype html><html><head><meta name="viewport" content="width=device-width">
<style>body{margin:0;font-family:serif} p{margin:12px}</style></head><body>
<p>An article paragraph before the map.</p>{snippet}<p id="after">And the article goes on.</p></body></html>"""


@pytest.mark.parametrize("width", [320, 700, 1200])
def test_the_embed_is_never_clipped(browser, server, width):
    ids = list(load_routes().index)
    state = PageState(tuple(ids), voyage=("NLRTM", "JPYOK"))
    snippet = embed_snippet(server + "/", state, ids, port_names=("Rotterdam", "Yokohama"))
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_content(ARTICLE.replace("{snippet}", snippet))
    iframe = page.locator("iframe[data-arctic-routes]")
    # The page reports its height once drawn: the iframe leaves its initial 720 px.
    page.wait_for_function("() => document.querySelector('iframe[data-arctic-routes]').style.height !== ''",
                           timeout=WITHIN_MS)
    embedded = next(f for f in page.frames if "view=map" in f.url)
    embedded.get_by_text("Arctic Routes · lengths computed").wait_for(timeout=WITHIN_MS)
    map_frame(page).wait_for_function(MAP_DRAWN, timeout=WITHIN_MS)
    # The last height report: the page's content and the iframe's height (set by each report) both settled.
    wait_stable(page, lambda: (embedded.evaluate("() => document.documentElement.scrollHeight"),
                               iframe.evaluate("frame => frame.style.height")), timeout_ms=WITHIN_MS)
    frame_box = iframe.bounding_box()
    credit = embedded.get_by_text("Arctic Routes · lengths computed").bounding_box()
    numbers = embedded.get_by_text("Rotterdam → Yokohama").bounding_box()
    assert frame_box and credit and numbers
    # Both captions lie wholly inside the iframe (bounding boxes are in the article's coordinates).
    for box in (credit, numbers):
        assert box["y"] + box["height"] <= frame_box["y"] + frame_box["height"] + 1, (box, frame_box)
    legend = map_frame(page).locator(".arctic-legend")
    if width < MapSetup.narrow_px:  # a narrow map folds its boxes into one button, which opens them
        assert not legend.is_visible()
        map_frame(page).get_by_role("button", name="Show the map's key, legend and sources").click()
    assert legend.is_visible()
    title = iframe.get_attribute("title")
    assert title == "Map of Arctic shipping routes, port to port: Rotterdam to Yokohama"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"embed-{width}.png"), full_page=True)
    page.close()

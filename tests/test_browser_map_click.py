"""A click on the sea sets either end of the voyage, in a real browser (Debian's chromium driven by Playwright).

The page is served by `streamlit run`; the reader clicks the Beaufort Sea and the Barents Sea on the map's first
view, makes one the start and the other the end, and the voyage is compared and drawn. The offer is in the bar
pinned at the foot of the window (``st.bottom``): on a phone (390 x 844) a tap puts its buttons on the screen without
scrolling. Screenshots go to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from arctic_routes.geodesy import geometry_lonlat, to_polar
from arctic_routes.ports import find_end
from arctic_routes.routes import load_routes
from arctic_routes.share import voyage_ends
from devkit.browser import (
    ARTIFACTS,
    LOCAL_PREFIXES,
    MAP_DRAWN,
    MAP_FRAME,
    map_container,
    map_frame,
    wait_idle,
)

#: Generous bound for a busy 2-core CI machine; the benchmark, not this test, measures the real time.
MAP_DRAWN_WITHIN_S = 60
#: Points (lon, lat) of open sea on the map's first view (1400 x 1000), clear of every line and label, with
#: voyages between them: the Beaufort Sea, and the Barents Sea north of Norway.
BEAUFORT_SEA = (-150.0, 73.0)
BARENTS_SEA = (20.0, 71.0)
#: A click lands on a whole pixel: about 12 km on the first view, a tenth of a degree of longitude up here.
PIXEL_DEG = 0.3
#: The offer's first line: the point, as a reader reads it.
OFFERED = re.compile(r"(\d+\.\d)° ([NS]), (\d+\.\d)° ([EW]), the point you clicked:")
#: A click within a line's few pixels is a click on the line (it selects the route): the points keep clear.
CLEAR_OF_LINES_PX = 8
#: In the map's frame: the distance (px) from a container point to the nearest clickable line, and what is there.
CLEARANCE = """([x, y]) => {
  const at = window.map.containerPointToLayerPoint(L.point(x, y));
  let nearest = Infinity;
  window.feature_group.forEach(g => { if (window.map.hasLayer(g)) g.eachLayer(l => {
    if (l instanceof L.Polyline && l.options.interactive !== false && l._parts && l._parts.length) {
      const c = l.closestLayerPoint(at);
      if (c) nearest = Math.min(nearest, c.distance);
    }
  }); });
  return [nearest, document.elementFromPoint(x, y).tagName];
}"""
#: A finger's target (CSS px; WCAG 2.5.5): the offer's buttons are at least this tall on a phone.
TAP_TARGET_PX = 44
#: The phone: an iPhone 12-14's screen (CSS px).
PHONE = {"width": 390, "height": 844}
#: Open sea on the phone's first view (the map fits the Arctic into 358 px), clear of every line.
PHONE_SEA = (-140.0, 75.0)
#: The window's scroll: Streamlit scrolls its main section, not the document.
SCROLL = "() => [window.scrollY, document.querySelector('[data-testid=\"stMain\"]')?.scrollTop ?? 0]"
POLYLINES = ("() => { let n = 0; window.feature_group.forEach(g => { if (window.map.hasLayer(g))"
             " g.eachLayer(l => { if (l instanceof L.Polyline) n++; }); }); return n; }")


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.requests, pg.errors = [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def open_page(page, url: str) -> None:
    """The page with its map drawn and its controls beside it."""
    page.goto(url)
    map_container(page).locator("canvas").first.wait_for(timeout=MAP_DRAWN_WITHIN_S * 1000)
    map_frame(page).wait_for_function(MAP_DRAWN, timeout=MAP_DRAWN_WITHIN_S * 1000)
    page.get_by_label("From", exact=True).wait_for(timeout=MAP_DRAWN_WITHIN_S * 1000)
    wait_idle(page)


def click_sea(page, lon: float, lat: float) -> None:
    """A reader's click on the map at (lon, lat), checked to be on the open map, clear of every line."""
    frame = map_frame(page)
    ((x, y),) = to_polar([[lon, lat]])
    point = frame.evaluate(f"() => window.map.latLngToContainerPoint([{y}, {x}])")
    nearest_px, element = frame.evaluate(CLEARANCE, [point["x"], point["y"]])
    assert element == "CANVAS" and nearest_px >= CLEAR_OF_LINES_PX, (lon, lat, nearest_px, element)
    page.locator(MAP_FRAME).scroll_into_view_if_needed()  # after the keyboard went down the page
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def on_screen(page, locator) -> dict:
    """The element's box, asserted wholly inside the window as it is (no scrolling)."""
    box = locator.bounding_box()
    size = page.viewport_size
    assert box and box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= size["width"] and box["y"] + box["height"] <= size["height"], (box, size)
    return box


def offered(page) -> tuple[float, float]:
    """The point the panel offers, (lon, lat) degrees, once it is there."""
    line = page.get_by_text(OFFERED)
    line.wait_for(timeout=30_000)
    match = OFFERED.search(line.inner_text())
    assert match is not None
    lat, ns, lon, ew = match.groups()
    return (-1 if ew == "W" else 1) * float(lon), (-1 if ns == "S" else 1) * float(lat)


def near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= PIXEL_DEG and abs(a[1] - b[1]) <= PIXEL_DEG


def test_a_click_on_the_sea_sets_the_start_and_another_the_end(page, server):
    ARTIFACTS.mkdir(exist_ok=True)
    open_page(page, server)
    assert page.get_by_role("button", name="Start here").count() == 0  # nothing before a click
    before = map_frame(page).evaluate(POLYLINES)

    click_sea(page, *BEAUFORT_SEA)
    assert near(offered(page), BEAUFORT_SEA)
    start = page.get_by_role("button", name="Start here", exact=True)
    end = page.get_by_role("button", name="End here", exact=True)
    start.wait_for(timeout=30_000)
    assert end.is_visible() and start.is_enabled() and end.is_enabled()
    wait_idle(page)
    bar = page.get_by_test_id("stBottom")
    assert bar.get_by_role("button", name="Start here", exact=True).count() == 1  # in the bar at the foot
    for button in (start, end, page.get_by_role("button", name="Cancel", exact=True)):
        on_screen(page, button)
    page.screenshot(path=str(ARTIFACTS / "page-map-click-offer.png"))
    start.click()
    wait_idle(page)
    # The From picker shows the point; the offer is gone, and the panel says what is still missing.
    assert page.get_by_role("button", name="Start here").count() == 0
    hint = page.get_by_text("Click the map for the end, or choose a port under To.", exact=False)
    hint.wait_for(timeout=30_000)
    on_screen(page, hint)

    click_sea(page, *BARENTS_SEA)
    assert near(offered(page), BARENTS_SEA)
    wait_idle(page)
    page.get_by_role("button", name="End here", exact=True).click()
    page.get_by_text("Fastest open voyage", exact=True).wait_for(timeout=30_000)
    wait_idle(page)
    frame = map_frame(page)
    frame.wait_for_function(f"() => ({POLYLINES})() > {before}", timeout=30_000)  # the voyage's lines
    key = frame.locator(".arctic-voyage-key")
    key.wait_for(timeout=30_000)
    assert re.search(r"7[23](\.\d+)?°N 1[45]\d(\.\d+)?°W → 7[01](\.\d+)?°N \d+(\.\d+)?°E", key.inner_text())
    # The share link names both points (positions, in the order chosen).
    page.wait_for_url("**voyage=*", timeout=30_000)
    (raw,) = parse_qs(urlparse(page.url).query)["voyage"]
    ends = [find_end(e) for e in voyage_ends(raw)]
    assert [e.point for e in ends] == [True, True], raw
    assert near((ends[0].lon, ends[0].lat), BEAUFORT_SEA) and near((ends[1].lon, ends[1].lat), BARENTS_SEA), raw
    page.screenshot(path=str(ARTIFACTS / "page-map-click-voyage.png"))
    external = [u for u in page.requests if not u.startswith(LOCAL_PREFIXES)]
    assert external == [] and page.errors == [], (external, page.errors)


def test_the_offer_is_real_buttons_a_keyboard_can_press_and_axe_finds_nothing_serious(page, server):
    a11y = pytest.importorskip("tests.test_browser_a11y")  # axe-core, through axe-playwright-python
    open_page(page, server)
    click_sea(page, *BEAUFORT_SEA)
    offered(page)
    start = page.get_by_role("button", name="Start here", exact=True)
    end = page.get_by_role("button", name="End here", exact=True)
    start.wait_for(timeout=30_000)
    assert start.evaluate("e => e.tagName") == end.evaluate("e => e.tagName") == "BUTTON"
    a11y.settled(page)
    assert a11y.serious(page) == []
    # Reached by Tab from the page's last control (the bar comes after the page: the story's expander), pressed by
    # Enter.
    page.get_by_test_id("stMain").locator("summary").last.focus()
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.innerText.trim()") == "Start here":
            break
    else:
        pytest.fail("Tab never reached Start here")
    page.keyboard.press("Enter")
    page.get_by_text("Click the map for the end, or choose a port under To.", exact=False).wait_for(timeout=30_000)
    assert page.get_by_role("button", name="Start here").count() == 0
    # Cancel, by the keyboard too: the point is offered no longer.
    click_sea(page, *BARENTS_SEA)
    cancel = page.get_by_role("button", name="Cancel", exact=True)
    cancel.wait_for(timeout=30_000)
    wait_idle(page)
    cancel.focus()
    page.keyboard.press("Space")
    cancel.wait_for(state="detached", timeout=30_000)
    assert page.get_by_test_id("stBottom").get_by_role("button").count() == 0


def test_on_a_phone_a_tap_on_the_sea_puts_the_offer_on_the_screen(browser, server):
    """The tester's phone: the panel is under the map, below the fold; the offer is in the bar at the foot of the
    window, on the screen without scrolling, its buttons a finger's size; after Start here, so is what to do next."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    open_page(page, server)
    frame = map_frame(page)
    ((x, y),) = to_polar([list(PHONE_SEA)])
    point = frame.evaluate(f"() => window.map.latLngToContainerPoint([{y}, {x}])")
    nearest_px, element = frame.evaluate(CLEARANCE, [point["x"], point["y"]])
    assert element == "CANVAS" and nearest_px >= CLEAR_OF_LINES_PX, (nearest_px, element)
    box = page.locator(MAP_FRAME).bounding_box()
    tap = (box["x"] + point["x"], box["y"] + point["y"])
    assert 0 <= tap[1] <= PHONE["height"], tap  # the sea is on the first screen, as the tester saw it
    scroll = page.evaluate(SCROLL)
    page.touchscreen.tap(*tap)
    assert near(offered(page), PHONE_SEA)
    start = page.get_by_role("button", name="Start here", exact=True)
    start.wait_for(timeout=30_000)
    wait_idle(page)
    assert page.evaluate(SCROLL) == scroll  # nothing scrolled: the reader sees it where they are
    on_screen(page, page.get_by_text(OFFERED))
    for name in ("Start here", "End here", "Cancel"):
        button = on_screen(page, page.get_by_role("button", name=name, exact=True))
        assert button["height"] >= TAP_TARGET_PX, (name, button)
    page.screenshot(path=str(ARTIFACTS / "phone-map-click-offer.png"))
    start.tap()
    hint = page.get_by_text("Click the map for the end, or choose a port under To.", exact=False)
    hint.wait_for(timeout=30_000)
    wait_idle(page)
    on_screen(page, hint)
    assert page.evaluate(SCROLL) == scroll
    page.screenshot(path=str(ARTIFACTS / "phone-map-click-start.png"))
    context.close()


def test_a_click_on_a_route_selects_it_and_offers_nothing(page, server):
    """The line's click and the map's report the same point (the object clicked): the page selects, no more."""
    open_page(page, server)
    coords = geometry_lonlat(load_routes().loc["nep-high-latitude", "geojson"])
    ((x, y),) = to_polar(coords[len(coords) // 3: len(coords) // 3 + 1])
    point = map_frame(page).evaluate(f"() => window.map.latLngToContainerPoint([{y}, {x}])")
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.get_by_role("heading", name="Northeast Passage, high-latitude").wait_for(timeout=30_000)
    wait_idle(page)
    assert page.get_by_role("button", name="Start here").count() == 0
    assert page.get_by_text(OFFERED).count() == 0

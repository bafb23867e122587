"""What a reader sees, in a real browser (Debian's chromium driven by Playwright).

The page is served by `streamlit run`; every request the browser makes is
recorded, and a screenshot is saved to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
import time

import pytest

from arctic_routes.datafiles import (
    LAND_COARSE_DISPLAY_FILE,
    LAND_COARSE_DISPLAY_URL,
    LAND_DISPLAY_FILE,
    LAND_DISPLAY_URL,
)
from arctic_routes.geodesy import geometry_lonlat, to_polar
from arctic_routes.routes import load_routes
from arctic_routes.style import LAND_COLOUR
from devkit.browser import (
    ARTIFACTS,
    LOCAL_PREFIXES,
    MAP_DRAWN,
    MAP_FRAME,
    map_container,
    map_frame,
    wait_idle,
)

#: Generous bound for navigation to a drawn map on a busy 2-core CI machine;
#: the benchmark, not this test, measures the real time.
MAP_DRAWN_WITHIN_S = 60


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


def open_map(page, url):
    start = time.monotonic()
    page.goto(url)
    map_container(page).locator("canvas").first.wait_for(timeout=MAP_DRAWN_WITHIN_S * 1000)
    frame = map_frame(page)
    # Drawn means the route layers are on the map, not just the frame.
    frame.wait_for_function(MAP_DRAWN, timeout=MAP_DRAWN_WITHIN_S * 1000)
    return frame, time.monotonic() - start


def test_map_renders_offline_with_no_errors(page, server):
    frame, elapsed = open_map(page, server)
    assert elapsed < MAP_DRAWN_WITHIN_S
    # The Pole is on the map and inside the view.
    assert frame.evaluate("() => window.map.getBounds().contains([0, 0])")
    # Every route polyline is drawn (3 per route: line, hit area, plus a halo for the selected one).
    n_lines = frame.evaluate(
        "() => { let n = 0; window.feature_group.forEach(g => g.eachLayer(l => { if (l instanceof L.Polyline) n++; })); return n; }")
    assert n_lines >= 2 * 6
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(ARTIFACTS / "page.png"))
    external = [u for u in page.requests if not u.startswith(LOCAL_PREFIXES)]
    assert external == [], external
    assert page.errors == [], page.errors


def test_page_completes_when_the_map_reports_it_is_drawn(page, server):
    """First paint is the map; the map's own report (not the fallback timer) brings the rest, map kept."""
    sent: list[bytes] = []
    page.on("websocket", lambda ws: ws.on(
        "framesent", lambda data: sent.append(data if isinstance(data, bytes) else data.encode())))
    frame, _ = open_map(page, server)
    frame.evaluate("() => { window.mapIdentity = 7; }")
    page.get_by_role("checkbox", name="M'Clure Strait").wait_for(timeout=30_000)  # a control beside the map
    page.get_by_role("heading", name="Port to port: how much faster, really, for which ship, in which month?").wait_for(timeout=30_000)
    assert any(b"arctic_drawn" in frame_bytes for frame_bytes in sent)
    frame = map_frame(page)
    assert frame.evaluate("() => window.mapIdentity") == 7  # the same map, not redrawn
    assert page.errors == [], page.errors


def test_page_completes_when_the_land_cannot_be_fetched(page, server):
    """Failed land requests (coarse and fine) leave the sea blank but the routes drawn; the page completes."""
    for url in (LAND_COARSE_DISPLAY_URL, LAND_DISPLAY_URL):
        page.route(f"**{url}", lambda route: route.abort())
    page.goto(server)
    page.get_by_role("heading", name="Port to port: how much faster, really, for which ship, in which month?").wait_for(timeout=60_000)
    frame = map_frame(page)
    assert frame.evaluate("() => window.map._landFailed === true && window.feature_group.length > 0")
    assert not frame.evaluate("() => window.map._landDrawn === true")
    assert any(u.endswith(LAND_COARSE_DISPLAY_URL) for u in page.requests)  # asked for, and refused
    assert not any("Traceback" in e for e in page.errors)


#: In the map's frame: the land polygon layers on the map (by their fill), each as its number of polygons.
LAND_LAYERS = ("() => { const n = []; window.map.eachLayer(l => { if (l instanceof L.Polygon && "
               f"l.options.fillColor === '{LAND_COLOUR}') n.push(l.arcticPolygons); }}); return n; }}")


def _land_requests(page):
    """How often the page asked for the coarse and for the fine land file."""
    return (sum(u.endswith(LAND_COARSE_DISPLAY_URL) for u in page.requests),
            sum(u.endswith(LAND_DISPLAY_URL) for u in page.requests))


def _polygons_in(path):
    """The number of polygons in a land display file."""
    return len(json.loads(path.read_text())["polygons"])


#: In the map's frame: a triangle drawn by window.arcticRings, its vertices' pixels against Leaflet's own
#: projection of the same points (map.latLngToLayerPoint), at the current zoom.
RINGS_AGAINST_LEAFLET = """() => {
  const m = window.map, pts = [[-1200000, 300000], [800000, 1500000], [400000, -900000]];
  const flat = Float64Array.from(pts.flat());
  const layer = window.arcticRings([flat], {color: '#000'}, 1).addTo(m);
  const mine = layer._rings[0].map(p => [p.x, p.y]);
  const leaflet = pts.map(([x, y]) => { const p = m.latLngToLayerPoint([y, x]); return [p.x, p.y]; });
  m.removeLayer(layer);
  return {mine, leaflet};
}"""


def test_rings_land_where_leaflet_would_put_them(page, server):
    """The land's and the ice's fast drawing projects each vertex to the same pixel as Leaflet, at any zoom."""
    frame, _ = open_map(page, server)
    for step in (0, 2, 3):
        frame.evaluate(f"() => window.map.setZoom(window.map.getZoom() + {step}, {{animate: false}})")
        got = frame.evaluate(RINGS_AGAINST_LEAFLET)
        assert got["mine"] == got["leaflet"], step


def test_the_first_view_draws_the_coarse_land_and_zooming_in_the_fine(page, server):
    """A new reader downloads the coarse land only; three levels in, the fine land replaces it, fetched once."""
    frame, _ = open_map(page, server)
    page.wait_for_load_state("networkidle")
    assert _land_requests(page) == (1, 0)
    assert frame.evaluate(LAND_LAYERS) == [_polygons_in(LAND_COARSE_DISPLAY_FILE)]
    assert frame.evaluate("() => window.map._landDetail") is False
    frame.evaluate("() => window.map.setZoom(window.map.getZoom() + 3)")
    frame.wait_for_function("() => window.map._landDetail === true", timeout=30_000)
    assert frame.evaluate(LAND_LAYERS) == [_polygons_in(LAND_DISPLAY_FILE)]  # one land layer: the fine one
    # Out to the first view and in again: the fine land stays, and is not asked for again.
    frame.evaluate("() => { const m = window.map; m.setZoom(m.getZoom() - 3, {animate: false});"
                   " m.setZoom(m.getZoom() + 3, {animate: false}); }")
    page.wait_for_load_state("networkidle")
    assert _land_requests(page) == (1, 1)
    assert frame.evaluate(LAND_LAYERS) == [_polygons_in(LAND_DISPLAY_FILE)]
    assert page.errors == [], page.errors


def test_the_coarse_land_stays_when_the_fine_cannot_be_fetched(page, server):
    """A failed fine request is not an error: the coarse land stays drawn, and it is not asked for again."""
    page.route(f"**{LAND_DISPLAY_URL}", lambda route: route.abort())
    frame, _ = open_map(page, server)
    with page.expect_event("requestfailed", predicate=lambda r: r.url.endswith(LAND_DISPLAY_URL), timeout=30_000):
        frame.evaluate("() => window.map.setZoom(window.map.getZoom() + 3)")
    frame.evaluate("() => window.map.setZoom(window.map.getZoom() + 0.5, {animate: false})")  # asks no more
    page.wait_for_load_state("networkidle")
    assert _land_requests(page) == (1, 1)
    assert frame.evaluate(LAND_LAYERS) == [_polygons_in(LAND_COARSE_DISPLAY_FILE)]
    assert frame.evaluate("() => window.map._landDetail === false && !window.map._landFailed")
    assert [e for e in page.errors if "Failed to load resource" not in e] == [], page.errors


def test_clicking_a_route_shows_its_details(page, server):
    frame, _ = open_map(page, server)
    routes = load_routes()
    coords = geometry_lonlat(routes.loc["nep-high-latitude", "geojson"])
    x, y = to_polar(coords[len(coords) // 3 : len(coords) // 3 + 1])[0]
    point = frame.evaluate(f"() => window.map.latLngToContainerPoint([{y}, {x}])")
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    heading = page.get_by_role("heading", name="Northeast Passage, high-latitude")
    heading.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "page-after-click.png"))
    assert page.get_by_text("North of Severnaya Zemlya").first.is_visible()


def test_pan_updates_link_without_reloading_map(page, server):
    frame, _ = open_map(page, server)
    frame.evaluate("() => { window.mapIdentity = 42; }")
    box = page.locator(MAP_FRAME).bounding_box()
    page.mouse.move(box["x"] + 300, box["y"] + 300)
    page.mouse.down()
    page.mouse.move(box["x"] + 200, box["y"] + 250, steps=10)
    page.mouse.up()
    page.wait_for_url("**at=*", timeout=30_000)
    frame = map_frame(page)
    assert frame.evaluate("() => window.mapIdentity") == 42  # same map, never reloaded


def test_html_download_from_the_page(page, server, tmp_path):
    open_map(page, server)
    button = page.get_by_role("button", name="Interactive map (one HTML file)")
    button.scroll_into_view_if_needed()
    wait_idle(page)  # the map reports its first view once: let that rerun finish before clicking
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / "map.html"
    info.value.save_as(path)
    text = path.read_text()
    assert text.startswith("<!DOCTYPE html>") and "Trans-Arctic route over the North Pole: 2,114 nm" in text


# streamlit-folium keeps replaced groups in window.feature_group: count only those on the map.
TRACK_ON_MAP = ("(window.feature_group || []).some(g => window.map.hasLayer(g) && g.getLayers().some(l => "
                "l.getTooltip && l.getTooltip() && String(l.getTooltip().getContent()).startsWith('my-voyage:')))")


def test_upload_a_track_then_a_broken_file(page, server, tmp_path):
    frame, _ = open_map(page, server)
    good = tmp_path / "my-voyage.csv"
    good.write_text("lat,lon\n70,170\n71,-170\n72,-160\n")
    page.get_by_test_id("stExpandSidebarButton").click()  # the sidebar starts folded: the uploader is in it
    page.locator("input[type=file]").set_input_files(str(good))
    frame = map_frame(page)
    frame.wait_for_function(f"() => {TRACK_ON_MAP}", timeout=30_000)  # drawn, with its own tooltip
    page.get_by_text("Lengths compared, like for like").click()  # a folded section
    page.get_by_role("cell", name="my-voyage").first.wait_for(timeout=30_000)
    bad = tmp_path / "broken.gpx"
    bad.write_text("<gpx><trk><trkseg><trkpt lat='70'")
    page.locator("input[type=file]").set_input_files(str(bad))
    page.get_by_text("Could not use that file").wait_for(timeout=30_000)
    frame = map_frame(page)
    frame.wait_for_function(f"() => !{TRACK_ON_MAP}", timeout=30_000)  # the refused file's track is gone
    # The page keeps working with every built-in route.
    page.get_by_text("Routes shown").first.wait_for()
    assert page.get_by_role("cell", name="Trans-Arctic route over the North Pole").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "page-bad-upload.png"), full_page=True)


#: What may cover a phone's map: the zoom buttons, the Key button its boxes fold into, the scale bar.
MAP_COVER = """() => {
    const c = document.querySelector('.leaflet-container').getBoundingClientRect();
    return Array.from(document.querySelectorAll('.leaflet-control')).map(e => e.getBoundingClientRect())
        .filter(r => r.width && r.height).reduce((a, r) => a + r.width * r.height, 0) / (c.width * c.height);
}"""


@pytest.mark.parametrize(("width", "height"), [(390, 844), (320, 640)])
def test_a_phone_gets_the_whole_map_first_and_the_controls_in_the_page(browser, server, width, height):
    """The map is the page's width and starts in the first 350 px; nothing covers over 12 % of it; the month
    is a control in the page, not only in the sidebar; the season strip's last month is on the screen."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server)
    map_container(page).wait_for(timeout=60_000)
    map_frame(page).wait_for_function(MAP_DRAWN, timeout=60_000)
    page.get_by_text("When is each route free of ice?").wait_for(timeout=60_000)
    box = page.locator(MAP_FRAME).bounding_box()
    assert box["width"] >= 0.9 * width and box["y"] <= 350, box
    assert map_frame(page).evaluate(MAP_COVER) <= 0.12
    month = page.get_by_role("slider", name="Month").first
    month.scroll_into_view_if_needed()
    assert month.bounding_box() and not page.get_by_test_id("stSidebar").get_by_role("slider").count()
    december = page.get_by_role("columnheader", name="Dec", exact=True)
    december.scroll_into_view_if_needed()
    edge = december.bounding_box()
    assert edge and edge["x"] + edge["width"] <= width, edge  # no sideways scrolling to reach it
    page.screenshot(path=str(ARTIFACTS / f"page-phone-{width}.png"))
    context.close()


def test_exported_html_opens_from_disk_with_no_requests(browser, tmp_path):
    """The stand-alone file, opened via file://, draws the routes and asks nobody for anything;
    a route named like an XSS payload, hovered and clicked, runs no script."""
    import json

    from arctic_routes.cli import main

    track = tmp_path / "track.geojson"
    track.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "<img src=x onerror=alert(1)>"},
         "geometry": {"type": "LineString", "coordinates": [[-10.0, 80.0], [20.0, 85.0], [60.0, 84.0]]}}]}))
    out = tmp_path / "map.html"
    assert main(["export-html", "--out", str(out), "--file", str(track)]) == 0
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    page = context.new_page()
    requests, dialogs, errors = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(out.as_uri())
    page.wait_for_function("() => window.arcticMap && window.arcticMap._landDrawn", timeout=30_000)
    n_lines = page.evaluate("() => { let n = 0; window.arcticMap.eachLayer(l => { if (l instanceof L.Polyline && !(l instanceof L.Polygon)) n++; }); return n; }")
    assert n_lines >= 2 * 7  # 6 routes + the track, each a drawn line and a hit line (plus the graticule)
    # Hover and click the hostile track: its tooltip shows the name as text, no script runs.
    from arctic_routes.geodesy import to_polar

    x, y = to_polar([(20.0, 85.0)])[0]
    # In page coordinates: the export has a title above the map.
    point = page.evaluate(f"() => {{ const p = window.arcticMap.latLngToContainerPoint([{y}, {x}]);"
                          " const r = window.arcticMap.getContainer().getBoundingClientRect();"
                          " return {x: p.x + r.left, y: p.y + r.top}; }")
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    tooltip = page.locator(".leaflet-tooltip")
    for _ in range(10):  # Leaflet's canvas hover is throttled: move like a real pointer until it notices
        page.mouse.move(point["x"] - 30, point["y"] - 30)
        page.mouse.move(point["x"], point["y"], steps=8)
        try:
            tooltip.first.wait_for(state="attached", timeout=200)  # this pass's hover noticed: stop moving
            break
        except PlaywrightTimeoutError:
            continue
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector(".leaflet-tooltip", timeout=10_000)
    assert "<img src=x onerror=alert(1)>" in page.inner_text(".leaflet-tooltip")
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
    page.screenshot(path=str(ARTIFACTS / "export-file.png"))
    assert dialogs == []
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:"))] == []
    assert errors == []
    context.close()


def test_port_to_port_draws_the_voyages(page, server):
    frame, _ = open_map(page, server)
    count = ("() => { let n = 0; window.feature_group.forEach(g => { if (window.map.hasLayer(g))"
             " g.eachLayer(l => { if (l instanceof L.Polyline) n++; }); }); return n; }")
    before = frame.evaluate(count)
    for label, port in (("From", "Rotterdam"), ("To", "Yokohama")):
        box = page.get_by_label(label, exact=True)
        box.click()
        box.fill(port)
        page.keyboard.press("Enter")
        wait_idle(page)
    page.get_by_text("Conventional voyage", exact=True).wait_for(timeout=30_000)
    frame = map_frame(page)
    frame.wait_for_function(f"() => ({count})() >= {before} + 6", timeout=30_000)  # two voyages, 3 lines each
    assert frame.locator(".arctic-label", has_text="Yokohama").count() == 1
    key = frame.locator(".arctic-voyage-key")
    assert key.count() == 1 and "Rotterdam → Yokohama" in key.inner_text() and "via Suez" in key.inner_text()
    page.get_by_role("heading", name="Port to port", exact=False).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "page-voyage.png"))
    external = [u for u in page.requests if not u.startswith(LOCAL_PREFIXES)]
    assert external == [] and page.errors == [], (external, page.errors)

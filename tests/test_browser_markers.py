"""Every annotation marker answers hover and keyboard focus with its own tooltip, inside the map."""

from __future__ import annotations

import pytest

from devkit.browser import ARTIFACTS, MAP_DRAWN, map_container, map_frame, wait_idle

ALL_LAYERS = "?layers=ice,straits,ports,icebreakers,seasons"
WITHIN_MS = 60_000


@pytest.fixture(scope="module")
def map_page(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server + "/" + ALL_LAYERS)
    map_container(page).wait_for(timeout=WITHIN_MS)
    frame = map_frame(page)
    frame.wait_for_function(MAP_DRAWN, timeout=WITHIN_MS)
    frame.wait_for_function("() => document.querySelectorAll('.arctic-marker').length > 40", timeout=WITHIN_MS)
    frame.wait_for_function("() => window.arcticMap._arcticLabelsDone && !window.arcticMap._arcticLabelsQueued",
                            timeout=WITHIN_MS)  # decluttered once the map is drawn
    yield page, frame
    page.close()


def _names(frame, visible: bool = True) -> list[str]:
    """The markers drawn now (``visible``), or those hidden so as not to overlap another (not ``visible``)."""
    return frame.eval_on_selector_all(
        ".arctic-marker", "(els, visible) => els.filter(e => (e.style.display !== 'none') === visible)"
                          ".map(e => e.getAttribute('aria-label'))", visible)


def _visible_tooltip(frame) -> tuple[str, dict]:
    tip = frame.locator(".leaflet-tooltip").last
    tip.wait_for(state="visible", timeout=5_000)
    box = tip.evaluate("e => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; }")
    return tip.inner_text(), box


def _short(name: str) -> str:
    """What the tooltip must say: the marker's own name without its kind ("Strait: Kara Gate" -> "Kara Gate")."""
    return name.split(": ", 1)[-1].replace("Icebreakers: ", "")


def test_every_marker_answers_hover_with_its_own_tooltip_inside_the_map(map_page):
    page, frame = map_page
    names = _names(frame)
    assert len(names) >= 25, names
    width, height = frame.evaluate("() => [window.innerWidth, window.innerHeight]")
    wrong = []
    for name in names:
        marker = frame.get_by_role("button", name=name, exact=True)
        marker.hover()
        text, box = _visible_tooltip(frame)
        if _short(name).split(" (")[0] not in text:
            wrong.append((name, text[:60]))
        assert box["l"] >= 0 and box["t"] >= 0 and box["r"] <= width and box["b"] <= height, (name, box)
        page.mouse.move(0, 0)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-all-layers.png"))
    assert wrong == [], f"{len(wrong)} of {len(names)} markers show another tooltip: {wrong}"


def test_every_marker_is_reachable_by_keyboard_focus(map_page):
    _, frame = map_page
    names = _names(frame)
    missing = []
    for name in names:
        marker = frame.get_by_role("button", name=name, exact=True)
        assert marker.get_attribute("tabindex") == "0", name
        marker.focus()
        text, _ = _visible_tooltip(frame)
        if _short(name).split(" (")[0] not in text:
            missing.append(name)
        marker.blur()
    assert missing == [], missing


def test_no_marker_overlaps_another_and_each_hidden_one_appears_when_zoomed_in(map_page):
    _, frame = map_page
    boxes = frame.eval_on_selector_all(".arctic-marker", "els => els.filter(e => e.style.display !== 'none')"
                                       ".map(e => { const r = e.getBoundingClientRect(); "
                                       "return [r.left + r.width / 2, r.top + r.height / 2, r.width / 2]; })")
    for i, (x, y, r) in enumerate(boxes):
        for x2, y2, r2 in boxes[i + 1 :]:
            # and targets under 24 px are spaced so their 24 px circles meet no other (WCAG 2.2, 2.5.8)
            assert ((x - x2) ** 2 + (y - y2) ** 2) ** 0.5 >= max(r + r2, 24), (x, y, x2, y2)
    hidden = _names(frame, visible=False)
    assert len(hidden) + len(_names(frame)) >= 45
    for name in hidden:
        shown = frame.evaluate("""name => {
            const map = window.arcticMap, m = map._arcticMarkers.find(k => k.getElement().getAttribute('aria-label') === name);
            map.setView(m.getLatLng(), map.getMaxZoom(), {animate: false});
            return m.getElement().style.display !== 'none';
        }""", name)
        assert shown, name
    frame.evaluate("() => window.arcticMap.setView([0, 0], -13, {animate: false})")


def test_on_a_phone_a_tap_shows_the_tooltip_and_map_boxes_do_not_overlap(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    page = context.new_page()
    page.goto(server + "/?layers=ice,straits&voyage=NLRTM,JPYOK")
    map_container(page).wait_for(timeout=WITHIN_MS)
    frame = map_frame(page)
    frame.wait_for_function(MAP_DRAWN, timeout=WITHIN_MS)
    frame.wait_for_function("() => document.querySelectorAll('.arctic-marker').length > 5", timeout=WITHIN_MS)
    wait_idle(page)  # the rest of the page has arrived (a tap before that can be lost in its rerun)
    frame = map_frame(page)
    name = _names(frame)[1]
    frame.get_by_role("button", name=name, exact=True).tap()
    text, _ = _visible_tooltip(frame)
    assert _short(name).split(" (")[0] in text
    boxes = frame.evaluate("""() => Array.from(document.querySelectorAll(
        '.leaflet-control-attribution, .leaflet-control-scale, .arctic-legend, .arctic-ice-key, .arctic-voyage-key'))
        .map(e => { const r = e.getBoundingClientRect();
                    return [e.className.split(' ').find(c => c.startsWith('arctic') || c.startsWith('leaflet-control-')),
                            r.left, r.top, r.right, r.bottom]; })""")
    for i, (a, *ra) in enumerate(boxes):
        for b, *rb in boxes[i + 1 :]:
            apart = ra[2] <= rb[0] or rb[2] <= ra[0] or ra[3] <= rb[1] or rb[3] <= ra[1]
            assert apart, (a, ra, b, rb)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone-map.png"))
    context.close()

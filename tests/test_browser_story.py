"""What a reader sees when a voyage is chosen: the whole story on the map, clear of its boxes, and readable names.

On the page, in the embed and in the stand-alone HTML file, the map frames both ports and the places the
conventional voyage passes (Suez, Bab-el-Mandeb, the Singapore Strait) inside its container and outside
every legend, key and control; a short voyage far from the Arctic (Mombasa to Mumbai, Genoa to Piraeus),
linked or picked on the page, is framed so that its whole line, both end markers and their names show, on a
wide page, a phone and in the embed; and on the default map no two visible labels overlap, none lies under a
box and none is cut by the map's edge.
"""

from __future__ import annotations

import pytest

from arctic_routes.cli import main
from arctic_routes.geodesy import to_polar
from arctic_routes.ports import find_end, find_port
from devkit.browser import ARTIFACTS, MAP_DRAWN, MAP_FRAME, map_container, map_frame, wait_idle, wait_stable

WITHIN_MS = 90_000
#: Each voyage by its link's value, and its ports' names (as the export's --voyage takes them).
VOYAGES = {"CNSHA,NLRTM": ("Shanghai", "Rotterdam"), "NLRTM,JPYOK": ("Rotterdam", "Yokohama")}
#: What the conventional voyage via Suez passes, (lon, lat): the reader must see it on the map.
WAYPOINTS = {"Suez": (32.56, 29.93), "Bab-el-Mandeb": (43.4, 12.6), "Singapore Strait": (103.8, 1.2)}
FITTED = "() => window.arcticMap && window.arcticMap._arcticFitKey !== undefined"
WORLD_LAND = "() => window.arcticMap && window.arcticMap._landWorld === true"
#: arcticLabels has run since the last change (it runs in the next animation frame).
LABELS_SETTLED = ("() => window.arcticMap && window.arcticMap._arcticLabelsOn === true"
                  " && !window.arcticMap._arcticLabelsQueued")
#: The map's container (client rectangle) and every visible ``.leaflet-control``'s, and the container points
#: of ``points`` ([name, y, x] on the map plane: Leaflet's Simple CRS, lat = y metres, lng = x metres).
MEASURE = """points => {
    const map = window.arcticMap, c = map.getContainer().getBoundingClientRect();
    const rect = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
    const boxes = Array.from(map.getContainer().querySelectorAll('.leaflet-control')).filter(e => {
        const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    }).map(e => Object.assign({name: e.className.split(' ').filter(n => n !== 'leaflet-control').join(' ')},
                              rect(e.getBoundingClientRect())));
    const at = points.map(([name, y, x]) => {
        const q = map.latLngToContainerPoint(L.latLng(y, x));
        return {name: name, x: q.x + c.left, y: q.y + c.top};
    });
    return {frame: rect(c), boxes: boxes, points: at, zoom: map.getZoom(), key: map._arcticFitKey};
}"""
#: Every visible text label (its first child's rectangle, as arcticLabels measures it), the visible boxes
#: and the container.
LABELS = """() => {
    const map = window.arcticMap, c = map.getContainer().getBoundingClientRect();
    const rect = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
    const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
    const boxes = Array.from(map.getContainer().querySelectorAll('.leaflet-control')).filter(e => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && shown(e);
    }).map(e => Object.assign({name: e.className.split(' ').filter(n => n !== 'leaflet-control').join(' ')},
                              rect(e.getBoundingClientRect())));
    const labels = Array.from(map.getContainer().querySelectorAll('.arctic-label')).filter(shown).map(e => {
        const r = (e.firstChild && e.firstChild.getBoundingClientRect ? e.firstChild : e).getBoundingClientRect();
        return Object.assign({text: e.textContent.trim(), place: e.classList.contains('arctic-place')}, rect(r));
    }).filter(r => r.right > r.left && r.bottom > r.top);
    // a label over a marker that is not its own (a port's name over another port)
    const onMarkers = [];
    (map._arcticMarkers || []).forEach(m => {
        const el = m.getElement(), own = m._arcticLabel && m._arcticLabel.getElement();
        if (!el || el.style.display === 'none') { return; }
        const r = el.getBoundingClientRect();
        map.getContainer().querySelectorAll('.arctic-label').forEach(l => {
            if (l === own || !shown(l)) { return; }
            const q = (l.firstChild && l.firstChild.getBoundingClientRect ? l.firstChild : l).getBoundingClientRect();
            if (q.left < r.right && r.left < q.right && q.top < r.bottom && r.top < q.bottom && q.right > q.left) {
                onMarkers.push(l.textContent.trim() + ' over ' + el.getAttribute('aria-label'));
            }
        });
    });
    return {frame: rect(c), boxes: boxes, labels: labels, zoom: map.getZoom(), onMarkers: onMarkers};
}"""


#: Short voyages far from the Arctic, by their link's value (any port of the world is an end).
FAR_VOYAGES = ("KEMBA,INBOM", "ITGOA,GRPIR")
#: The layer holding the voyage's end markers: its lines, every fifth point and the last, as [name, y, x]
#: (for MEASURE), and each end marker with its label (shown or not, and their client rectangles).
VOYAGE_DRAWN = """() => {
    const map = window.arcticMap, rect = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
    const isEnd = l => l instanceof L.Marker && (l.options.alt || '').startsWith('Voyage end: ');
    const group = (window.feature_group || []).find(g => map.hasLayer(g) && g.getLayers().some(isEnd));
    if (!group) { return null; }
    const line = [], ends = [];
    group.eachLayer(l => {
        if (l instanceof L.Polyline) {
            const flat = l.getLatLngs().flat(Infinity);
            flat.forEach((p, i) => { if (i % 5 === 0 || i === flat.length - 1) { line.push(['line', p.lat, p.lng]); } });
        } else if (isEnd(l)) {
            const el = l.getElement(), label = l._arcticLabel && l._arcticLabel.getElement();
            const text = label && label.firstChild;
            ends.push({name: l.options.alt, marker: el ? rect(el.getBoundingClientRect()) : null,
                       shown: !!el && el.style.display !== 'none' && getComputedStyle(el).visibility !== 'hidden',
                       label: text ? rect(text.getBoundingClientRect()) : null,
                       labelShown: !!text && label.style.display !== 'none'
                                   && getComputedStyle(label).visibility !== 'hidden'});
        }
    });
    return {line: line, ends: ends};
}"""
#: The map's view, to wait until the fit has settled (it is fitted again as the frame and its boxes settle).
VIEW = ("() => { const m = window.arcticMap, c = m.getCenter();"
        " return [m.getZoom(), Math.round(c.lat), Math.round(c.lng), m._arcticFitKey || null]; }")


def story_points(voyage: str) -> list[list[object]]:
    """Both ports of ``voyage`` and the waypoints, as [name, y, x] on the map plane (EPSG:3413 metres)."""
    named = [(name, (p.lon, p.lat)) for name in VOYAGES[voyage] for p in [find_port(name)]]
    named += list(WAYPOINTS.items())
    xy = to_polar([lonlat for _, lonlat in named])
    return [[name, float(y), float(x)] for (name, _), (x, y) in zip(named, xy, strict=True)]


def fit_key_expected(voyage: str) -> tuple[str, str, bool]:
    """What the fit must be keyed on: both ports (by label) and the conventional option via Suez."""
    start, end = (find_port(name).label for name in VOYAGES[voyage])
    return start, end, True


def fit_key_names(key: str | None) -> tuple[str, str, bool]:
    """The ports of a fit key (``map._arcticFitKey``: ports, then the options drawn) and whether Suez is one."""
    parts = (key or "").split(" | ")
    return (parts[0], parts[1] if len(parts) > 1 else "", "via Suez" in parts[2:])


def _overlap(a: dict, b: dict) -> bool:
    """Rectangles that share some area (touching edges do not), as arcticLabels tests them."""
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def misplaced(seen: dict) -> list[str]:
    """Each point outside the map's container or inside a visible box, in words with its numbers."""
    frame, wrong = seen["frame"], []
    for p in seen["points"]:
        at = f"{p['name']} at ({p['x']:.0f}, {p['y']:.0f})"
        if not (frame["left"] <= p["x"] <= frame["right"] and frame["top"] <= p["y"] <= frame["bottom"]):
            wrong.append(f"{at} outside the map {_box(frame)}")
        for b in seen["boxes"]:
            if b["left"] <= p["x"] <= b["right"] and b["top"] <= p["y"] <= b["bottom"]:
                wrong.append(f"{at} under {b['name']} {_box(b)}")
    return wrong


def ends_misplaced(drawn: dict, seen: dict) -> list[str]:
    """Each voyage end whose marker or name is hidden, cut by the map's edge or under a visible box, in words."""
    frame, wrong = seen["frame"], []
    for end in drawn["ends"]:
        if not end["shown"]:
            wrong.append(f"{end['name']}: its marker is hidden")
        if not end["labelShown"]:
            wrong.append(f"{end['name']}: its name is hidden")
        for what, r in (("marker", end["marker"]), ("name", end["label"])):
            if r is None:
                wrong.append(f"{end['name']}: no {what} on the map")
                continue
            if not (frame["left"] <= r["left"] and r["right"] <= frame["right"]
                    and frame["top"] <= r["top"] and r["bottom"] <= frame["bottom"]):
                wrong.append(f"{end['name']}: its {what} {_box(r)} is cut by the map's edge {_box(frame)}")
            wrong += [f"{end['name']}: its {what} {_box(r)} is under {b['name']} {_box(b)}"
                      for b in seen["boxes"] if _overlap(r, b)]
    return wrong


def _box(r: dict) -> str:
    return f"[{r['left']:.0f}, {r['top']:.0f}, {r['right']:.0f}, {r['bottom']:.0f}]"


def _open_page(browser, url: str, width: int, height: int):
    """A page at ``url`` with its map drawn, fitted, on the world's land and the page idle: (page, frame)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    map_container(page).wait_for(timeout=WITHIN_MS)
    map_frame(page).wait_for_function(MAP_DRAWN, timeout=WITHIN_MS)
    wait_idle(page, timeout_ms=WITHIN_MS)
    frame = map_frame(page)  # afresh: a rerun may have replaced it
    frame.wait_for_function(MAP_DRAWN, timeout=WITHIN_MS)
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    return page, frame


SURFACES = [("page", 1280), ("embed", 320), ("embed", 700), ("embed", 1200)]


@pytest.mark.parametrize("voyage", list(VOYAGES))
@pytest.mark.parametrize(("surface", "width"), SURFACES, ids=[f"{s}-{w}" for s, w in SURFACES])
def test_the_voyage_is_framed_clear_of_the_boxes(browser, server, voyage, surface, width):
    query = f"?voyage={voyage}" + ("&view=map" if surface == "embed" else "")
    page, frame = _open_page(browser, server + "/" + query, width, 800 if surface == "page" else 900)
    frame.wait_for_function(FITTED, timeout=WITHIN_MS)
    frame.wait_for_function(WORLD_LAND, timeout=WITHIN_MS)  # the world's land beyond the Arctic
    seen = frame.evaluate(MEASURE, story_points(voyage))
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"story-{surface}-{voyage.replace(',', '-')}-{width}.png"
    if surface == "page":
        page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / name))
    else:
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    page.close()
    assert fit_key_names(seen["key"]) == fit_key_expected(voyage), seen["key"]
    assert misplaced(seen) == [], (seen["zoom"], seen["boxes"])


def _settled_voyage(page, frame, ends: tuple[str, str]) -> tuple[dict, dict]:
    """Once the map is fitted to the voyage between ``ends`` (link keys) and has settled, with the world's land
    and its labels placed: what the voyage drew (VOYAGE_DRAWN) and where its line lies (MEASURE)."""
    labels = tuple(find_end(key).label for key in ends)
    frame.wait_for_function("labels => window.arcticMap && (window.arcticMap._arcticFitKey || '')"
                            ".startsWith(labels.join(' | '))", arg=list(labels), timeout=WITHIN_MS)
    frame.wait_for_function(WORLD_LAND, timeout=WITHIN_MS)  # the world's land beyond the Arctic
    wait_stable(page, lambda: frame.evaluate(VIEW), quiet_ms=800, timeout_ms=WITHIN_MS)
    frame.wait_for_function(LABELS_SETTLED, timeout=WITHIN_MS)
    drawn = frame.evaluate(VOYAGE_DRAWN)
    assert drawn is not None and len(drawn["ends"]) == 2 and drawn["line"], drawn
    return drawn, frame.evaluate(MEASURE, drawn["line"])


def _assert_framed(drawn: dict, seen: dict) -> None:
    wrong = misplaced(seen)
    assert wrong == [], (len(wrong), wrong[:6], seen["zoom"], seen["boxes"])
    assert ends_misplaced(drawn, seen) == [], (ends_misplaced(drawn, seen), seen["zoom"], seen["boxes"])


FAR_SURFACES = [("page", 1400, 1000), ("page", 390, 844), ("embed", 1200, 900), ("embed", 390, 700)]


@pytest.mark.parametrize("voyage", FAR_VOYAGES)
@pytest.mark.parametrize(("surface", "width", "height"), FAR_SURFACES, ids=[f"{s}-{w}" for s, w, _ in FAR_SURFACES])
def test_a_voyage_far_from_the_arctic_is_framed_whole(browser, server, voyage, surface, width, height):
    """Linked: the whole line, both end markers and their names inside the map and clear of every box."""
    query = f"?voyage={voyage}" + ("&view=map" if surface == "embed" else "")
    page, frame = _open_page(browser, server + "/" + query, width, height)
    drawn, seen = _settled_voyage(page, frame, tuple(voyage.split(",")))
    ARTIFACTS.mkdir(exist_ok=True)
    name = f"story-far-{surface}-{voyage.replace(',', '-')}-{width}.png"
    if surface == "page":
        page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / name))
    else:
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    page.close()
    _assert_framed(drawn, seen)


def test_ports_picked_on_the_page_are_framed_whole(browser, server):
    """The reader types both ports in the pickers (Enter takes a port outside the list): the same framing."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server + "/")
    map_container(page).wait_for(timeout=WITHIN_MS)
    map_frame(page).wait_for_function(MAP_DRAWN, timeout=WITHIN_MS)
    for label, port in (("From", "Mombasa"), ("To", "Mumbai")):
        box = page.get_by_label(label, exact=True)
        box.click()
        box.fill(port)
        page.keyboard.press("Enter")
        wait_idle(page, timeout_ms=WITHIN_MS)
    frame = map_frame(page)
    drawn, seen = _settled_voyage(page, frame, ("KEMBA", "INBOM"))
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / "story-far-picked-KEMBA-INBOM-1400.png"))
    page.close()
    _assert_framed(drawn, seen)


@pytest.mark.parametrize("width", [700, 1280])
@pytest.mark.parametrize("voyage", list(VOYAGES))
def test_the_exported_file_frames_the_voyage_clear_of_the_boxes(browser, tmp_path, voyage, width):
    out = tmp_path / "voyage.html"
    assert main(["export-html", "--out", str(out), "--voyage", *VOYAGES[voyage]]) == 0
    page = browser.new_page(viewport={"width": width, "height": 800})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(out.as_uri())
    page.wait_for_function("() => window.arcticMap && window.arcticMap._landDrawn", timeout=WITHIN_MS)
    page.wait_for_function(FITTED, timeout=WITHIN_MS)
    page.wait_for_function(WORLD_LAND, timeout=WITHIN_MS)
    page.locator(".leaflet-container").first.scroll_into_view_if_needed()
    seen = page.evaluate(MEASURE, story_points(voyage))
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".leaflet-container").first.screenshot(
        path=str(ARTIFACTS / f"story-export-{voyage.replace(',', '-')}-{width}.png"))
    page.close()
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:", "blob:"))] == []
    assert fit_key_names(seen["key"]) == fit_key_expected(voyage), seen["key"]
    assert misplaced(seen) == [], (seen["zoom"], seen["boxes"])


@pytest.mark.parametrize("width", [1280, 700, 390])
def test_the_labels_are_readable(browser, server, width):
    page, frame = _open_page(browser, server + "/?layers=ice,straits,ports", width, 800)
    frame.wait_for_function("() => document.querySelectorAll('.arctic-place').length > 0"
                            " && document.querySelectorAll('.arctic-marker').length > 10", timeout=WITHIN_MS)
    frame.wait_for_function(LABELS_SETTLED, timeout=WITHIN_MS)
    seen = frame.evaluate(LABELS)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(MAP_FRAME).screenshot(path=str(ARTIFACTS / f"story-labels-{width}.png"))
    page.close()
    labels, frame_box, wrong = seen["labels"], seen["frame"], []
    for i, a in enumerate(labels):
        if not (a["left"] >= frame_box["left"] and a["right"] <= frame_box["right"]
                and a["top"] >= frame_box["top"] and a["bottom"] <= frame_box["bottom"]):
            wrong.append(f"{a['text']!r} {_box(a)} cut by the map's edge {_box(frame_box)}")
        wrong += [f"{a['text']!r} {_box(a)} under {b['name']} {_box(b)}" for b in seen["boxes"] if _overlap(a, b)]
        wrong += [f"{a['text']!r} {_box(a)} overlaps {b['text']!r} {_box(b)}" for b in labels[i + 1:] if _overlap(a, b)]
    assert wrong == [], wrong
    assert seen["onMarkers"] == [], seen["onMarkers"]
    places = {a["text"] for a in labels if a["place"]}
    if width == 1280:
        assert len(places) >= 6, places
    assert labels, "no label visible"
    assert any(a["text"] == "North Pole" for a in labels), [a["text"] for a in labels]  # the map's centre, named

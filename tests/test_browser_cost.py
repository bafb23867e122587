"""What a new reader costs the server: how many times the page's script runs, and what the map sends."""

from __future__ import annotations

from devkit.browser import MAP_DRAWN, map_container, map_frame, wait_idle

WITHIN_MS = 90_000


def test_a_new_reader_runs_the_script_twice_map_first_then_the_page(browser, server):
    """One run for the first paint, one when the map reports it is drawn: streamlit-folium's own reports
    (on creation, and on the resize when the rest of the page arrives) must not rerun the page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    reruns: list[bytes] = []  # what the browser sends on the page's websocket: each is a request to run
    page.on("websocket", lambda ws: ws.on(
        "framesent", lambda payload: reruns.append(payload if isinstance(payload, bytes) else payload.encode())))
    page.goto(server)
    map_container(page).wait_for(timeout=WITHIN_MS)
    map_frame(page).wait_for_function(MAP_DRAWN, timeout=WITHIN_MS)
    page.get_by_text("The story, checked").wait_for(timeout=WITHIN_MS)  # the last section (folded)
    wait_idle(page)
    page.wait_for_timeout(1_500)  # a late report (a resize, a debounced move) would arrive in this time
    wait_idle(page)
    assert len(reruns) == 2, [frame[-160:] for frame in reruns]
    assert b"arctic_drawn" not in reruns[0] and b"arctic_drawn" in reruns[1]  # then: the map is drawn
    # A reader's pan is still reported (the share link follows the view): one more run, the flag kept.
    map_frame(page).evaluate("() => window.map.panBy([120, 0], {animate: false})")
    page.wait_for_timeout(1_000)  # streamlit-folium reports a move after 250 ms
    wait_idle(page)
    assert len(reruns) == 3 and b"arctic_drawn" in reruns[2]
    context.close()

"""What a new reader costs the server: how many times the page's script runs, and what the map sends."""

from __future__ import annotations

import json

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: TID251  # the page's websocket messages, read as Streamlit writes them

from arctic_routes.leaflet import DRAWN_KEY
from devkit.browser import MAP_DRAWN, assert_quiet, map_container, map_frame, wait_idle

WITHIN_MS = 90_000
#: Long enough for a late report to arrive (a resize when the rest of the page comes, a debounced move).
LATE_REPORT_MS = 1_500


def full_run(payload: bytes | str) -> BackMsg | None:
    """The browser's message asking to run the whole script, or None (a fragment's run, a heartbeat...).

    The page's first-paint fallback is a fragment run every few seconds (``complete_page_later``): on a busy
    machine its runs fall inside the test; they rerun that fragment only, not the page.
    """
    msg = BackMsg.FromString(payload if isinstance(payload, bytes) else payload.encode())
    if msg.WhichOneof("type") != "rerun_script" or msg.rerun_script.fragment_id:
        return None
    return msg


def map_says_drawn(run: BackMsg) -> bool:
    """Whether the run carries the map's report with the drawn flag set.

    The map's widget id is a hash; its report is the JSON value with the view in it (``center``).
    """
    values = [json.loads(w.json_value) for w in run.rerun_script.widget_states.widgets
              if w.WhichOneof("value") == "json_value"]
    return any(value.get(DRAWN_KEY) is True for value in values if isinstance(value, dict) and "center" in value)


def test_only_a_whole_script_run_counts():
    whole, fragment, heartbeat = BackMsg(), BackMsg(), BackMsg()
    whole.rerun_script.query_string = ""
    fragment.rerun_script.fragment_id = "complete_page_later"
    heartbeat.app_heartbeat = True
    assert full_run(whole.SerializeToString()) == whole
    assert full_run(fragment.SerializeToString()) is None and full_run(heartbeat.SerializeToString()) is None


def test_a_new_reader_runs_the_script_twice_map_first_then_the_page(browser, server):
    """One run for the first paint, one when the map reports it is drawn: streamlit-folium's own reports
    (on creation, and on the resize when the rest of the page arrives) must not rerun the page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    runs: list[BackMsg] = []  # the browser's requests, on the page's websocket, to run the whole script
    sockets = []

    def watch(ws) -> None:  # type: ignore[no-untyped-def]
        sockets.append(ws)
        ws.on("framesent", lambda payload: runs.append(run) if (run := full_run(payload)) else None)

    page.on("websocket", watch)
    page.goto(server)
    map_container(page).wait_for(timeout=WITHIN_MS)
    map_frame(page).wait_for_function(MAP_DRAWN, timeout=WITHIN_MS)
    page.get_by_text("The story, checked").wait_for(timeout=WITHIN_MS)  # the last section (folded)
    wait_idle(page)
    assert_quiet(page, LATE_REPORT_MS, lambda: len(runs) > 2, "a late report reran the page")
    assert len(runs) == 2, [str(run.rerun_script)[-300:] for run in runs]
    assert not map_says_drawn(runs[0]) and map_says_drawn(runs[1])  # then: the map is drawn
    # A reader's pan is still reported (the share link follows the view): one more run, the flag kept.
    with sockets[-1].expect_event("framesent", predicate=full_run, timeout=WITHIN_MS):
        map_frame(page).evaluate("() => window.map.panBy([120, 0], {animate: false})")
    wait_idle(page)
    assert_quiet(page, LATE_REPORT_MS, lambda: len(runs) > 3, "one pan reran the page more than once")
    assert len(runs) == 3 and map_says_drawn(runs[2])
    context.close()

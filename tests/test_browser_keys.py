"""No control can break the page: the month slider pressed as fast as a hand can, the map ending where it says.

Streamlit reruns the page on every press; each rerun may refer to a large message (the map) that the browser
cached from an earlier run. With the pressing fast enough, the browser had dropped it before the reference
arrived ("Cached ForwardMsg MISS", a connection error on the page); .streamlit/config.toml keeps such
messages longer in the browser (global.maxCachedMessageAge).
"""

from __future__ import annotations

import pytest

from devkit.browser import MAP_DRAWN, MAP_FRAME, map_container, map_frame, wait_idle

WITHIN_MS = 90_000


@pytest.fixture
def page(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server)
    map_container(page).wait_for(timeout=WITHIN_MS)
    map_frame(page).wait_for_function(MAP_DRAWN, timeout=WITHIN_MS)
    page.get_by_role("slider", name="Month").first.wait_for(timeout=WITHIN_MS)
    wait_idle(page)
    yield page
    page.close()


@pytest.mark.parametrize("gap_ms", [0, 80])  # without a pause, and a hand's pace (where it broke: 2 times in 24)
def test_the_month_pressed_home_then_eleven_times_right_three_times_never_breaks_the_page(page, gap_ms):
    slider = page.get_by_role("slider", name="Month").first
    key = page.frame_locator(MAP_FRAME).locator(".arctic-ice-key")
    for attempt in range(3):
        slider.focus()
        page.keyboard.press("Home")
        for _ in range(11):
            # The rhythm of the presses is what is under test (the race needs them this close), not a wait.
            page.wait_for_timeout(gap_ms)
            page.keyboard.press("ArrowRight")
        wait_idle(page, timeout_ms=WITHIN_MS)
        body = page.locator("body").inner_text()
        assert "Connection error" not in body and "ForwardMsg" not in body, (attempt, body[:300])
        assert "December" in (slider.get_attribute("aria-valuetext") or slider.inner_text()), attempt
        assert "month=12" in page.url, attempt
        key.filter(has_text="December").wait_for(timeout=WITHIN_MS)  # the map ends on what the slider says
        assert "Sea ice, December" in key.inner_text(), attempt

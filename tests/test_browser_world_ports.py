"""Every port of the world in the pickers, for the reader who asks: searched as one types, chosen with the
keyboard, drawn on the map; and a port so chosen stays when the list shrinks back to the main ports."""

from __future__ import annotations

from devkit.browser import ARTIFACTS, LOCAL_PREFIXES, map_container, map_frame, wait_idle
from tests.test_browser import open_map, page  # noqa: F401  (the fixture, shared)
from tests.test_browser_story import FITTED, LABELS_SETTLED, WORLD_LAND

EVERY_PORT = "Search all 5,269 ports as I type (114 KB)"


def test_a_reader_finds_a_port_of_the_world_as_they_type(page, server):  # noqa: F811
    open_map(page, server)
    picker = page.get_by_label("From", exact=True)
    picker.click()
    picker.press_sequentially("Momb")
    assert page.get_by_role("option", name="Mombasa, Kenya (KE MBA) · also Mvita").count() == 0  # not a main port
    page.keyboard.press("Escape")
    page.get_by_text(EVERY_PORT).click()  # the checkbox's label
    wait_idle(page)
    picker = page.get_by_label("From", exact=True)
    picker.click()
    picker.press_sequentially("Momb")
    option = page.get_by_role("option", name="Mombasa, Kenya (KE MBA) · also Mvita")
    option.click()  # tapped
    wait_idle(page)
    to = page.get_by_label("To", exact=True)
    to.click()
    to.press_sequentially("Bombay")  # an old name finds the port
    page.get_by_role("option", name="Mumbai, India (IN BOM) · also Bombay").wait_for(timeout=10_000)
    page.keyboard.press("ArrowDown")  # from what was typed to the first port it names, with the keyboard
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_text("Conventional voyage", exact=True).wait_for(timeout=30_000)
    frame = map_frame(page)
    frame.locator(".arctic-label", has_text="Mombasa").wait_for(state="attached", timeout=30_000)
    assert "voyage=KEMBA%2CINBOM" in page.url or "voyage=KEMBA,INBOM" in page.url
    frame.wait_for_function(FITTED, timeout=30_000)
    frame.wait_for_function(WORLD_LAND, timeout=30_000)  # the world's land beyond the Arctic
    frame.wait_for_function(LABELS_SETTLED, timeout=30_000)
    map_container(page).scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "page-world-port.png"))
    page.get_by_text(EVERY_PORT).click()  # back to the main ports: the chosen ones stay
    wait_idle(page)
    assert page.get_by_label("From", exact=True).input_value().startswith("Mombasa, Kenya")
    page.get_by_text("Conventional voyage", exact=True).wait_for(timeout=30_000)
    assert [u for u in page.requests if not u.startswith(LOCAL_PREFIXES)] == [] and page.errors == []

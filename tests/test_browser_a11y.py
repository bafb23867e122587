"""Accessibility checked by axe-core (through axe-playwright-python): the page, the embed and the export."""

from __future__ import annotations

import pytest

from arctic_routes.export import standalone_html
from arctic_routes.mapview import MAP_TITLE, MapOptions
from arctic_routes.routes import load_routes, load_straits
from devkit.browser import MAP_DRAWN, MAP_FRAME, map_container, map_frame, wait_idle

axe_api = pytest.importorskip("axe_playwright_python.sync_playwright")

WITHIN_MS = 90_000
BLOCKING = ("serious", "critical")


#: What an element axe-core names is, for the assertion message: its test id, scroll size, focusable inputs.
DESCRIBE = """s => { const e = document.querySelector(s); if (!e) return 'no longer on the page';
  const inputs = [...e.querySelectorAll('input, button, textarea, select, [tabindex]')];
  return `testid=${e.getAttribute('data-testid')} scroll ${e.scrollHeight}/${e.clientHeight}, `
    + `${inputs.length} inputs (${inputs.filter(i => i.disabled).length} disabled), connection `
    + document.querySelector('[data-test-connection-state]')?.getAttribute('data-test-connection-state'); }"""


def settled(page, timeout_ms: int = WITHIN_MS) -> None:
    """No script run going, nothing faded as stale, every element drawn (Streamlit shows a skeleton in an
    element's place until that element's code has loaded: a sidebar of skeletons is a scrollable region
    with nothing to focus), connected (Streamlit disables every widget otherwise)."""
    wait_idle(page, timeout_ms)
    page.wait_for_function("() => document.querySelectorAll('[data-stale=\"true\"]').length === 0",
                           timeout=timeout_ms)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
                           timeout=timeout_ms)
    page.wait_for_function("() => document.querySelector('[data-test-connection-state]')"
                           "?.getAttribute('data-test-connection-state') === 'CONNECTED'", timeout=timeout_ms)


def serious(page) -> list[str]:
    """The serious and critical violations axe-core finds, with where, for the assertion message."""
    violations = axe_api.Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): " + "; ".join(
        f"{n['target']} [{page.evaluate(DESCRIBE, n['target'][0]) if len(n['target']) == 1 else 'in a frame'}] "
        f"{n['failureSummary'][-160:]}" for n in v["nodes"][:3])
        for v in violations if v["impact"] in BLOCKING]


@pytest.mark.parametrize(("query", "scheme", "width"), [
    ("/", "light", 1400), ("/?view=map&voyage=NLRTM,JPYOK", "light", 1400),
    ("/?month=3&layers=ice,straits,ports", "light", 1400), ("/", "dark", 1400),
    ("/?voyage=NLRTM,JPYOK&highlight=voyage&note=Record%20low@Tiksi", "light", 390),  # a phone
    ("/?view=map&voyage=NLRTM,JPYOK", "light", 390),  # an embed in a phone's column
])
def test_no_serious_violation_on_the_page_and_the_embed(browser, server, query, scheme, width):
    """A reader whose system prefers dark gets the same light page (the map is drawn for white)."""
    page = browser.new_page(viewport={"width": width, "height": 1000}, color_scheme=scheme)
    page.goto(server + query)
    map_container(page).wait_for(timeout=WITHIN_MS)
    map_frame(page).wait_for_function(MAP_DRAWN, timeout=WITHIN_MS)
    page.get_by_text("Arctic Routes" if "view=map" in query else "The story, checked").first.wait_for(
        timeout=WITHIN_MS)
    # During a run Streamlit fades stale elements (lower contrast for a moment): measure the settled page.
    settled(page)
    assert serious(page) == []
    assert page.locator(MAP_FRAME).get_attribute("title") == MAP_TITLE  # not "streamlit_folium.st_folium"
    page.close()


def test_no_serious_violation_in_the_exported_html(browser, tmp_path):
    routes = load_routes()
    path = tmp_path / "map.html"
    path.write_text(standalone_html(routes, MapOptions(tuple(routes.index), layers=frozenset({"ice", "straits"})),
                                    straits=load_straits()), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_function("() => window.arcticMap && window.arcticMap._landDrawn", timeout=WITHIN_MS)
    assert serious(page) == []
    page.close()

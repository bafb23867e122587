"""A click on the map selects a built-in route by the exact tooltip of that route, through Streamlit's AppTest.

streamlit-folium hands back the clicked line's tooltip text; a reader's track named like a route (or copying
one, name and length) must not select that route.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest  # noqa: TID251  # the page's own tests drive it, like tests/test_app.py

from arctic_routes.captions import route_tooltip
from arctic_routes.page.session import clicked_route  # noqa: TID251  # a page helper, tested as the page uses it
from arctic_routes.uploads import load_user_lines

APP = str(Path(__file__).resolve().parents[1] / "app.py")
MCCLURE = "nwp-mcclure"
MCCLURE_NAME = "Northwest Passage via M'Clure Strait"
#: Named like the route: the tooltip starts with the route's own name and a colon, then goes on.
LOOKALIKE_NAMES = [f"{MCCLURE_NAME}: my ship", f"{MCCLURE_NAME} (my ship)"]


def _track(name: str, coordinates: list) -> tuple[str, bytes]:
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": name},
                                                       "geometry": {"type": "LineString", "coordinates": coordinates}}]}
    return "my-ship.geojson", json.dumps(doc).encode()


def _page_with_track(name: str, coordinates: list) -> tuple[AppTest, str]:
    """The whole page with the reader's track uploaded; and that track's tooltip (what a click on it reports)."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["_page_complete"] = True
    at.run()
    file_name, data = _track(name, coordinates)
    at.file_uploader(key="upload").set_value((file_name, data, "application/geo+json")).run()
    assert not at.exception and not at.sidebar.error
    (track,) = [row for _, row in load_user_lines(file_name, data).iterrows()]
    return at, route_tooltip(track, "nm")


def _click(at: AppTest, tooltip: str) -> str:
    at.session_state["map"] = {"last_object_clicked_tooltip": tooltip}
    at.run()
    assert not at.exception, at.exception
    return str(at.selectbox(key="selected").value)


@pytest.mark.parametrize("name", LOOKALIKE_NAMES)
def test_a_track_named_like_a_route_does_not_select_it(name, routes):
    at, tooltip = _page_with_track(name, [[-125.0, 72.0], [-115.0, 74.5]])
    assert tooltip.startswith(name + ":")
    before = at.selectbox(key="selected").value
    assert before != MCCLURE and _click(at, tooltip) == before
    assert _click(at, route_tooltip(routes.loc[MCCLURE], "nm")) == MCCLURE  # the route itself still selects it


def test_the_exact_tooltip_selects_in_any_unit_and_a_copy_of_a_route_selects_nothing(routes):
    mcclure = routes.loc[MCCLURE]
    for unit in ("nm", "km", "mi"):
        assert clicked_route(route_tooltip(mcclure, unit), routes) == MCCLURE
    assert clicked_route(route_tooltip(mcclure, "nm") + " ", routes) is None
    assert clicked_route(f"{MCCLURE_NAME}: my ship: 1 nm", routes) is None
    # A reader's track copying the route, name and line: the same tooltip, so the click selects nothing.
    name, data = _track(MCCLURE_NAME, mcclure["geojson"]["coordinates"])
    tracks = load_user_lines(name, data)
    drawn = pd.concat([routes, tracks])
    assert route_tooltip(tracks.iloc[0], "nm") == route_tooltip(mcclure, "nm")
    assert clicked_route(route_tooltip(mcclure, "nm"), routes, drawn) is None
    assert clicked_route(route_tooltip(routes.loc["tsr-pole"], "km"), routes, drawn) == "tsr-pole"

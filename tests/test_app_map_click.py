"""A click on the sea offers it as either end of the voyage, through Streamlit's AppTest.

The offer is in Streamlit's bottom bar (``st.bottom``), pinned to the foot of the window: on a phone the panel is
below the fold (tests/test_browser_map_click.py measures where it lands).

AppTest runs no JavaScript: the map's report is put in the session as streamlit-folium would send it (its
Simple CRS: ``lat`` is y, ``lng`` x, metres of EPSG:3413), as tests/test_app_click.py does for a route.

AppTest sends a selectbox's value by its place among the options, and so fails on a value a reader typed (or a
click set): a browser sends the text the box shows, which Streamlit sent it (``raw_value``). The fixture
``browser_like_pickers`` makes AppTest send that too; tests/test_browser_map_click.py does it for real.
"""

from __future__ import annotations

import json

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: TID251  # the page's own tests drive it
from streamlit.testing.v1 import AppTest  # noqa: TID251  # the page's own tests drive it, like tests/test_app.py
from streamlit.testing.v1.element_tree import Selectbox  # noqa: TID251  # as above

from arctic_routes.captions import route_tooltip
from arctic_routes.geodesy import to_polar
from arctic_routes.page.mapsection import OFFER_CSS  # noqa: TID251  # the style the page sends with the offer
from tests.test_app import APP, map_args, metric, new_page

#: Points (lon, lat) in the map's first view: the Barents Sea and the Beaufort Sea, at sea; a point of Alaska's
#: North Slope 158 km from the sea; Point Barrow's shore, 6 km inland in the coastline data.
BARENTS_SEA = (35.0, 72.0)
BEAUFORT_SEA = (-150.0, 73.0)
NORTH_SLOPE = (-150.0, 69.0)
NEAR_BARROW = (-156.8, 71.2)


#: The map's zoom on its first view (1400 px wide page), and one closer in.
FIRST_VIEW_ZOOM = -13.5
CLOSE_ZOOM = -9.0


def report(lon: float, lat: float, *, on_line: bool = False, tooltip: str | None = None,
           zoom: float = FIRST_VIEW_ZOOM) -> dict:
    """The map's report of a click at (lon, lat) degrees: on the sea, or on a line (the object clicked)."""
    ((x, y),) = to_polar([[lon, lat]])
    clicked = {"lat": float(y), "lng": float(x)}
    return {"last_clicked": clicked, "last_object_clicked": dict(clicked) if on_line else None,
            "last_object_clicked_tooltip": tooltip, "zoom": zoom, "center": {"lat": 0.0, "lng": 0.0}}


def click(at: AppTest, lon: float, lat: float, **kwargs: object) -> AppTest:
    at.session_state["map"] = report(lon, lat, **kwargs)  # type: ignore[arg-type]
    at.run()
    assert not at.exception, at.exception
    return at


def shown(element) -> str:
    """An element's text as a reader sees it (the page escapes text it did not write as Markdown)."""
    return str(element.value).replace("\\", "")


def button(at: AppTest, label: str):
    found = [b for b in at.button if b.label == label]
    return found[0] if found else None


#: Streamlit's root container for ``st.bottom`` (RootContainer.BOTTOM): the bar at the foot of the window.
BOTTOM = 3


def bottom(at: AppTest):
    """What the bar at the foot of the window holds (None: nothing, the bar is not there)."""
    return at._tree.children.get(BOTTOM)


def in_bottom(at: AppTest) -> list[str]:
    """The bar's text (as a reader reads it), captions, errors, then its buttons' labels."""
    bar = bottom(at)
    if bar is None:
        return []
    return [shown(e) if hasattr(e, "value") and not hasattr(e, "label") else e.label
            for e in bar.get("markdown") + bar.get("caption") + bar.get("error") + bar.get("button")]


@pytest.fixture
def browser_like_pickers(monkeypatch):
    """A selectbox holding a value that is not among its options sends the text it shows, as a browser does."""
    listed = Selectbox._widget_state

    def sent(self: Selectbox) -> WidgetState:
        shown = None if self.value is None else self.format_func(self.value)
        if shown is None or shown in self.options:
            return listed.fget(self)  # type: ignore[attr-defined]
        state = WidgetState()
        state.id = self.id
        state.string_value = shown
        return state

    monkeypatch.setattr(Selectbox, "_widget_state", property(sent))


@pytest.fixture
def app():
    at = new_page()
    at.run()
    assert not at.exception, at.exception
    return at


def test_nothing_is_offered_before_a_click(app):
    assert button(app, "Start here") is None and button(app, "End here") is None
    assert not any("the point you clicked" in m.value for m in app.markdown)
    assert bottom(app) is None  # no bar, and not the offer's style either: the first view is unchanged
    assert not any(OFFER_CSS in h.proto.body for h in app.get("html"))  # AppTest.html is newer than 1.65


def test_a_click_on_the_sea_offers_the_point_as_either_end(app):
    click(app, *BEAUFORT_SEA)
    assert any(m.value == "**73.0° N, 150.0° W**, the point you clicked:" for m in app.markdown)
    start, end = button(app, "Start here"), button(app, "End here")
    assert start is not None and end is not None and not app.error
    assert "73.0° N, 150.0° W" in start.help and "73.0° N, 150.0° W" in end.help
    # All of it at the foot of the window, whatever the reader's scroll, and the buttons 44 px tall.
    assert in_bottom(app) == ["**73.0° N, 150.0° W**, the point you clicked:", "Start here", "End here", "Cancel"]
    assert any(OFFER_CSS in h.proto.body for h in app.get("html")) and "min-height:44px" in OFFER_CSS


def test_cancel_offers_the_point_no_longer(app):
    ring = '"dashArray": "3 3"'  # the clicked point's dashed ring (mapview.clicked_point_layer)
    click(app, *BEAUFORT_SEA)
    assert ring in map_args(app)["feature_group"]
    button(app, "Cancel").click().run()
    assert not app.exception, app.exception
    assert bottom(app) is None and button(app, "Start here") is None
    assert ring not in map_args(app)["feature_group"]
    assert app.session_state["voy_from"] in (None, "") and app.session_state["voy_to"] in (None, "")
    click(app, *BARENTS_SEA)  # the next click is offered again
    assert button(app, "Start here") is not None


def test_start_and_end_here_set_the_pickers_and_the_voyage_is_compared(app, browser_like_pickers):
    click(app, *BARENTS_SEA)
    button(app, "Start here").click().run()
    assert not app.exception, app.exception
    picker = app.selectbox(key="voy_from")
    assert picker.value == "72,35"  # a position find_end reads; not among the picker's options, and kept
    assert picker.proto.set_value and picker.proto.raw_value == "72°N 35°E"  # what the browser shows and sends
    assert button(app, "Start here") is None  # the offer is used
    # What to do next, in the bar at the foot of the window (on a phone, the pickers are below the fold).
    assert in_bottom(app) == ["From: 72.0° N, 35.0° E. Click the map for the end, or choose a port under To."]

    app.run()  # a rerun: the browser sends the picker's text back, and Streamlit keeps it
    assert not app.exception, app.exception
    assert app.selectbox(key="voy_from").value == "72°N 35°E"
    assert any("Click the map for the end" in c.value for c in app.caption)  # the same point, as the box shows it

    click(app, *BEAUFORT_SEA)
    button(app, "End here").click().run()
    assert not app.exception, app.exception
    assert app.selectbox(key="voy_to").value == "73,-150"
    assert not app.error
    assert metric(app, "Fastest open voyage").value.endswith("days")
    assert bottom(app) is None  # a voyage: nothing is missing, the bar goes
    assert any(m.value.startswith("**72°N 35°E → 73°N 150°W**") for m in app.markdown)
    assert app.query_params["voyage"] == "72,35,73,-150"  # the share link names both points
    drawn = map_args(app)["feature_group"]
    assert "arctic-voyage-key" in drawn  # the voyage is drawn, with its key naming both ends (as JSON in the script)
    assert all(json.dumps(end)[1:-1] in drawn for end in ("72°N 35°E", "73°N 150°W"))

    app.run()
    assert not app.exception, app.exception
    assert app.query_params["voyage"] == "72,35,73,-150"


def test_a_click_closer_in_is_kept_more_precisely(app, browser_like_pickers):
    """On the first view a pixel is 12 km: a tenth of a degree; zoomed in, a thousandth (a hundred metres)."""
    click(app, -150.28361, 73.23449, zoom=CLOSE_ZOOM)
    assert any(m.value == "**73.234° N, 150.284° W**, the point you clicked:" for m in app.markdown)
    button(app, "Start here").click().run()
    assert app.selectbox(key="voy_from").value == "73.234,-150.284"
    click(app, -150.31, 73.19)  # the first view again
    assert any(m.value == "**73.2° N, 150.3° W**, the point you clicked:" for m in app.markdown)
    button(app, "End here").click().run()
    assert app.selectbox(key="voy_to").value == "73.2,-150.3"


def test_what_the_panel_says_after_a_choice_goes_when_the_picker_changes(app):
    click(app, *BEAUFORT_SEA)
    button(app, "End here").click().run()
    assert any("To: 73.0° N, 150.0° W. Click the map for the start, or choose a port under From." in c.value
               for c in app.caption)
    app.session_state["voy_to"] = "Rotterdam (NLRTM)"  # the reader picks a port there instead
    app.run()
    assert not app.exception
    assert not any("Click the map for the start" in c.value for c in app.caption)


def test_the_link_a_click_made_opens_the_same_voyage():
    at = new_page()
    at.query_params["voyage"] = "72,35,73,-150"
    at.run()
    assert not at.exception and not at.error
    assert (at.session_state["voy_from"], at.session_state["voy_to"]) == ("72,35", "73,-150")
    assert metric(at, "Fastest open voyage").value.endswith("days")


def test_a_click_far_inland_is_refused_in_one_line(app):
    click(app, *NORTH_SLOPE)
    (error,) = app.error
    assert shown(error) == "69°N 150°W is on land, 158 km from the nearest sea; give a point at sea"
    assert button(app, "Start here") is None and button(app, "End here") is None
    assert in_bottom(app) == ["**69.0° N, 150.0° W**, the point you clicked:", shown(error)]  # in the bar too
    click(app, *BEAUFORT_SEA)  # the next click replaces it
    assert not app.error and button(app, "Start here") is not None


def test_a_click_on_land_near_the_sea_says_where_the_voyage_starts(app, browser_like_pickers):
    click(app, *NEAR_BARROW)
    assert button(app, "Start here") is not None
    assert "71.2°N 156.8°W is on land in our coastline data (6 km from the sea): the voyage starts or ends at the " \
           "nearest water, 71.23,-156.97." in in_bottom(app)
    button(app, "End here").click().run()
    click(app, *BARENTS_SEA)
    button(app, "Start here").click().run()
    assert not app.exception and not app.error
    assert app.query_params["voyage"] == "72,35,71.2,-156.8"
    assert any("nearest water, 71.23,-156.97" in shown(i) for i in app.info)  # and the voyage section says so


def test_a_click_on_a_route_selects_it_and_offers_nothing(app, routes):
    tooltip = route_tooltip(routes.loc["nwp-mcclure"], "nm")
    click(app, *BEAUFORT_SEA, on_line=True, tooltip=tooltip)
    assert app.selectbox(key="selected").value == "nwp-mcclure"
    assert button(app, "Start here") is None and bottom(app) is None


def test_the_first_paint_offers_nothing():
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["map"] = report(*BEAUFORT_SEA)  # no "drawn" in the report: the first paint still
    at.run()
    assert not at.exception and button(at, "Start here") is None


def test_the_point_offered_is_ringed_on_the_map_until_it_is_made_an_end(app):
    ring = '"dashArray": "3 3"'  # the clicked point's dashed ring (mapview.clicked_point_layer)
    assert ring not in map_args(app)["feature_group"]
    click(app, *BARENTS_SEA)
    drawn = map_args(app)["feature_group"]
    assert ring in drawn
    y, x = (round(v, -1) for v in to_polar([BARENTS_SEA])[0][::-1])
    assert f"[{y}, {x}]" in drawn  # where it was clicked
    button(app, "Start here").click().run()
    assert ring not in map_args(app)["feature_group"]  # now a voyage's end, or the hint at the foot

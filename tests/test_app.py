"""The page logic, through Streamlit's AppTest (no browser, no JavaScript)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from arctic_routes.captions import route_tooltip
from arctic_routes.leaflet import external_urls
from arctic_routes.navigation import assess
from arctic_routes.ports import find_port
from arctic_routes.voyage import compare
from tests.html_tables import read_html_tables

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def new_page() -> AppTest:
    """A page whose map has reported that it is drawn: the whole page, as a reader sees it a moment later.

    (AppTest runs no JavaScript, so the map never reports; test_first_paint_* covers that step.)
    """
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["_page_complete"] = True
    return at


@pytest.fixture
def app():
    at = new_page()
    at.run()
    assert not at.exception, at.exception
    return at


def map_args(at) -> dict:
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def metric(at, label_start: str):
    return next(m for m in at.metric if m.label.startswith(label_start))


def tables(at) -> list[pd.DataFrame]:
    """Every table on the page (HTML tables, see arctic_routes.tables.table_html), cells as their text."""
    return [frame for element in at.get("html") for frame in read_html_tables(element.proto.body)]


def table(at, column: str) -> pd.DataFrame:
    """The one table on the page with a column named ``column`` (tables have no key: found by what they hold)."""
    (found,) = [t for t in tables(at) if column in t.columns]
    return found


def test_page_runs_clean(app):
    assert app.title[0].value == "Arctic shipping routes"
    assert not app.error
    assert metric(app, "Routes shown").value == "6"


def test_map_loads_nothing_from_third_parties(app):
    args = map_args(app)
    assert args["js_links"] and args["css_links"]
    assert external_urls(args["js_links"] + args["css_links"]) == []
    for blob in (args["script"], args["header"], args["html"], args["feature_group"]):
        assert "https://" not in (blob or "") and "http://" not in (blob or "")


def test_units_change_the_lengths_table(app):
    as_number = lambda text: float(text.replace(",", ""))  # noqa: E731
    nm = table(app, "Against routes between the same ends").set_index("Route")["Length (nm)"]
    app.radio(key="unit").set_value("km").run()
    km = table(app, "Against routes between the same ends").set_index("Route")["Length (km)"]
    for route in nm.index:
        assert as_number(km[route]) == pytest.approx(as_number(nm[route]) * 1.852, rel=0.002)
    assert km["Trans-Arctic route over the North Pole"] == "3,915"  # thousands separated


def test_lengths_are_compared_only_between_the_same_ends(app):
    lengths = table(app, "Against routes between the same ends").set_index("Route")
    compared = lengths["Against routes between the same ends"]
    assert compared["Trans-Arctic route over the North Pole"] == "the only route shown between these ends"
    assert compared["Northeast Passage, high-latitude"] == "shortest of the 2 shown"
    assert compared["Northeast Passage, coastal (Northern Sea Route)"].endswith("longer (+23 %)")


def test_traffic_counts_are_whole_numbers_and_gaps_are_said(app):
    traffic = table(app, "NSR full transits")
    assert traffic.loc["2010", "NSR full transits"] == "4"  # not 4.0000
    assert traffic.loc["2018", "NSR full transits"] == "no figure"
    assert traffic.loc["2024", "NSR cargo (Mt)"] == "37.90"


def test_the_strip_says_it_is_the_median_and_what_ships_did_sits_beside_it(app):
    words = " ".join(m.value for m in app.markdown) + " ".join(c.value for c in app.caption)
    assert "shows the 1981-2010 median ice, not recent years" in words
    # The observed 2025 season (cited) against the months the strip leaves the coastal NSR open (computed).
    assert "Northern Sea Route, 2025: the first transit voyage on 30 June, the last on 17 November" in words
    assert "140 days apart" in words and "mostly ice-free only in: coastal August-September; high-latitude never" in words
    assert "Northern Sea Route, 2025: 103 transits" in words and "Northwest Passage, 2024: 18 transits" in words
    traffic = table(app, "NSR transit cargo (Mt)")
    assert traffic.loc["2023", "NSR full transits"] == "80" and traffic.loc["2025", "NSR transit cargo (Mt)"] == "3.20"
    for doi in ("10.1038/s43017-023-00515-9", "10.1038/s41467-023-38511-8"):
        assert doi in words
    assert "IPCC AR6" in words


def test_switching_routes_changes_table_but_not_base_map(app):
    before = map_args(app)
    app.checkbox(key="show_tsr-pole").uncheck().run()
    after = map_args(app)
    assert metric(app, "Routes shown").value == "5"
    assert "Trans-Arctic route over the North Pole" not in set(table(app, "Against routes between the same ends")["Route"])
    # The base map is identical, so the browser keeps the reader's pan and zoom;
    # only the dynamic layers changed.
    assert before["script"] == after["script"]
    assert before["feature_group"] != after["feature_group"]


def test_no_route_shown(app):
    for key in [c.key for c in app.checkbox if c.key.startswith("show_")]:
        app.checkbox(key=key).uncheck()
    app.run()
    assert not app.exception
    assert any("No route is shown" in i.value for i in app.info)


def details_title(at) -> str:
    """The name of the route the details section shows (its heading)."""
    return next(m.value.removeprefix("#### ") for m in at.markdown if m.value.startswith("#### "))


def test_details_follow_selection(app):
    app.selectbox(key="selected").set_value("nep-coastal").run()
    assert details_title(app) == "Northeast Passage, coastal (Northern Sea Route)"
    assert metric(app, "Length, Barents Sea off North Cape to Bering Strait").value.endswith("nm")
    legs = table(app, "Leg (nm)")
    assert list(legs["From"])[:2] == ["North Cape", "Kara Gate"]


def test_a_click_on_a_route_selects_it(app, routes):
    # What streamlit-folium hands back after a click: the route's tooltip text, exactly (tests/test_app_click.py).
    tooltip = route_tooltip(routes.loc["nwp-peel-sound"], "nm")
    assert tooltip.startswith("Northwest Passage via Peel Sound: 2,9") and tooltip.endswith(" nm")
    app.session_state["map"] = {"last_object_clicked_tooltip": tooltip}
    app.run()
    assert details_title(app) == "Northwest Passage via Peel Sound"


def test_layers_add_annotations(app):
    base = map_args(app)["feature_group"]
    app.checkbox(key="layer_icebreakers").check().run()
    assert "Russia" in map_args(app)["feature_group"] and "Russia" not in base


def test_story_panel_cites_sources(app):
    text = " ".join(m.value for m in app.markdown)
    assert "Bloomberg" in text and "Politico" in text
    icebreakers = table(app, "What it counts")
    assert {"Figure", "What it counts", "Source"} <= set(icebreakers.columns)
    assert icebreakers["Source"].str.len().min() > 3


def test_downloads(app):
    labels = [b.label for b in app.get("download_button")]
    assert {"Routes (GeoJSON)", "Lengths (CSV)", "Interactive map (one HTML file)"} <= set(labels)


def fresh(params: dict) -> AppTest:
    at = new_page()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def widget_state(at) -> dict:
    return {"shown": sorted(c.key for c in at.checkbox if c.key.startswith("show_") and c.value),
            "layers": sorted(c.key for c in at.checkbox if c.key.startswith("layer_") and c.value),
            "unit": at.radio(key="unit").value, "selected": at.selectbox(key="selected").value}


def test_share_link_round_trips(app):
    app.checkbox(key="show_nwp-mcclure").uncheck()
    app.checkbox(key="layer_ports").check()
    app.radio(key="unit").set_value("mi")
    app.selectbox(key="selected").set_value("nep-high-latitude")
    app.run()
    before = widget_state(app)
    link = {k: app.query_params[k] for k in app.query_params}
    assert link["unit"] == "mi" and link["route"] == "nep-high-latitude"
    again = fresh(link)
    assert widget_state(again) == before
    assert not again.warning


@pytest.mark.parametrize("params", [
    {"routes": "tsr-pole,<script>alert(1)</script>"},
    {"unit": "furlongs"},
    {"layers": "ports,../../etc/passwd"},
    {"route": "x" * 5000},
    {"routes": "," * 3000},
    {"routes": "\x00\x1b[31m", "unit": "", "layers": "", "route": ""},
    {"view": "javascript:alert(1)"},
])
def test_hostile_links_are_ignored_with_a_notice(params):
    at = fresh(params)
    assert at.warning, "a visible notice"
    assert all(len(w.value) < 200 for w in at.warning)
    assert "<script>" not in " ".join(w.value for w in at.warning)
    assert metric(at, "Routes shown")  # the page still works


def test_embed_mode_shows_the_map_alone():
    at = fresh({"view": "map", "routes": "tsr-pole,nep-coastal", "unit": "km"})
    assert not at.checkbox and not at.title and not at.sidebar.children
    args = map_args(at)
    assert "Trans-Arctic route over the North Pole: 3,915 km" in args["feature_group"]
    assert "Northwest Passage" not in args["feature_group"].split("var d =")[-1].split("legend")[0]


def test_share_and_embed_snippets_shown(app):
    codes = [t.value for t in app.text_input if t.label.startswith("This link")]
    codes += [t.value for t in app.text_area]
    assert any(c.startswith("http") for c in codes)
    assert any(c.startswith("<iframe") and "view=map" in c and "embed=true" in c for c in codes)


def test_image_export_on_request(app):
    assert not app.get("imgs")
    next(b for b in app.button if b.label == "Draw the image").click().run()
    assert not app.exception
    labels = [b.label for b in app.get("download_button")]
    assert "Download PNG" in labels and "Download SVG" in labels


def test_link_restores_map_view():
    at = fresh({"at": "-1200,-800,-11.5"})
    args = map_args(at)
    assert args["center"] == [-800_000.0, -1_200_000.0] and args["zoom"] == -11.5
    assert at.query_params["at"] == "-1200,-800,-11.5"
    # After the reader pans, the link follows the map; the map is not told to move.
    at.session_state["map"] = {"zoom": -12, "center": {"lat": 100_000.0, "lng": 200_000.0}}
    at.run()
    assert at.query_params["at"] == "200,100,-12"
    assert map_args(at)["center"] == [-800_000.0, -1_200_000.0]


def test_bad_view_in_link_is_noticed():
    at = fresh({"at": "0,0,999"})
    assert any("map view" in w.value for w in at.warning)
    assert map_args(at)["zoom"] is None


MALFORMED = sorted(p for p in (Path(__file__).parent / "malformed").iterdir() if p.suffix != ".md")


def test_every_malformed_upload_is_refused_by_the_page():
    at = new_page().run()
    for path in MALFORMED:
        at.file_uploader(key="upload").set_value((path.name, path.read_bytes(), "application/octet-stream")).run()
        assert not at.exception, (path.name, at.exception)
        errors = [e.value for e in at.sidebar.error]
        assert len(errors) == 1 and errors[0].startswith("Could not use that file: "), (path.name, errors)
        assert "\n" not in errors[0] and "Traceback" not in errors[0]
        assert metric(at, "Routes shown").value == "6", path.name  # the built-in routes untouched


def test_a_good_upload_joins_the_table():
    at = new_page().run()
    at.file_uploader(key="upload").set_value(("voyage.csv", b"lat,lon\n70,170\n71,-170\n72,-160\n", "text/csv")).run()
    assert not at.exception and not at.sidebar.error
    assert "voyage" in set(table(at, "Against routes between the same ends")["Route"])
    assert metric(at, "Routes shown").value == "7"


def test_port_to_port_comparison(app):
    assert not any(m.label.startswith("Conventional") for m in app.metric)  # nothing until two ports are picked
    app.selectbox(key="voy_from").set_value("Rotterdam (NLRTM)").run()
    app.selectbox(key="voy_to").set_value("Yokohama (JPYOK)").run()
    assert not app.exception and not app.error
    suez = assess(compare("Rotterdam", "Yokohama")).conventional  # September, no ice class, 14 kn
    assert metric(app, "Conventional voyage").value == f"{suez.days(14):.1f} days"
    assert any(c.value.startswith(f"via Suez, {suez.voyage.length_m / 1852:,.0f} nm") for c in app.caption)
    voyages = table(app, "Voyage")
    assert {"via Suez", "Northeast Passage, coastal (Northern Sea Route)"} <= set(voyages["Voyage"])
    # September, a ship without ice class: the fastest open option and the conventional one are drawn.
    drawn = map_args(app)["feature_group"]
    assert "via Suez: " in drawn and "days at 14 kn" in drawn
    assert "Northeast Passage, coastal (Northern Sea Route): " in drawn
    assert "Trans-Arctic route over the North Pole: 6," not in drawn  # shorter, but not open to this ship
    app.number_input(key="voy_speed").set_value(20.0).run()
    assert "days at 20 kn" in map_args(app)["feature_group"]
    app.radio(key="unit").set_value("km").run()
    assert any(c.value.startswith(f"via Suez, {suez.voyage.length_m / 1000:,.0f} km") for c in app.caption)
    assert "Length (km)" in table(app, "Voyage").columns


def test_month_and_ship_decide_the_headline(app):
    app.selectbox(key="voy_from").set_value("Rotterdam (NLRTM)").run()
    app.selectbox(key="voy_to").set_value("Yokohama (JPYOK)").run()
    headline = lambda: next(c.value for c in app.caption if "the fastest option open to" in c.value)  # noqa: E731
    coastal = assess(compare("Rotterdam", "Yokohama")).headline.voyage
    assert coastal.variant == "nep-coastal"
    assert headline().startswith(f"Northeast Passage, coastal (Northern Sea Route), {coastal.length_m / 1852:,.0f} nm")
    rows = table(app, "Voyage").set_index("Voyage")
    assert rows.loc["Trans-Arctic route over the North Pole", "Open"].startswith("no: icebreaker only")
    app.select_slider(key="month").set_value(3).run()
    assert headline().startswith("via Suez")
    assert app.query_params["month"] == "3"
    assert table(app, "Voyage").set_index("Voyage").loc["Northeast Passage, coastal (Northern Sea Route)",
                                                          "Open"].startswith("no: closed December-June")
    app.selectbox(key="ship").set_value("icebreaker").run()
    assert app.query_params["ship"] == "icebreaker"
    assert not headline().startswith("via Suez")  # an icebreaker may take the NSR in March


def test_a_closed_option_shows_no_days_in_the_table_or_on_the_map(app):
    """Shanghai to Rotterdam in March: the Trans-Arctic route is not open to a ship without ice class, so its row
    has a dash for days, and drawn on the map it says so instead of a time that would beat Suez's."""
    app.selectbox(key="voy_from").set_value("Shanghai (CNSGH)").run()
    app.selectbox(key="voy_to").set_value("Rotterdam (NLRTM)").run()
    app.select_slider(key="month").set_value(3).run()
    rows = table(app, "Voyage").set_index("Voyage")
    assert rows.loc["Trans-Arctic route over the North Pole", "Days"] == "—"
    assert rows.loc["via Suez", "Days"] == "31.5"
    assert rows.loc["Trans-Arctic route over the North Pole", "Shorter than conventional"] == "+28 %"  # length: true
    draw_key = next(w.key for w in app.multiselect if w.label == "Draw on the map")
    app.multiselect(key=draw_key).set_value(["Trans-Arctic route over the North Pole", "via Suez"]).run()
    assert not app.exception
    drawn = map_args(app)["feature_group"]
    assert "Trans-Arctic route over the North Pole: 7,639 nm, not open to this ship this month" in drawn
    assert "via Suez: 10,582 nm, 31.5 days at 14 kn" in drawn


def test_port_to_port_same_port_twice(app):
    app.selectbox(key="voy_from").set_value("Murmansk (RUMMK)").run()
    app.selectbox(key="voy_to").set_value("Murmansk (RUMMK)").run()
    assert not app.exception
    assert "both the origin and the destination" in app.error[0].value


def test_track_names_are_never_evaluated_as_templates():
    """branca compiles rendered scripts as Jinja templates; ours must not, or a name could run code."""
    at = new_page().run()
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "X{{ 7*7 }}Y"},
           "geometry": {"type": "LineString", "coordinates": [[0, 80], [10, 81]]}}]}
    at.file_uploader(key="upload").set_value(("t.geojson", json.dumps(doc).encode(), "application/geo+json")).run()
    assert not at.exception and not at.sidebar.error
    args = json.dumps(map_args(at))
    assert "X{{ 7*7 }}Y" in args and "X49Y" not in args


def test_voyage_round_trips_through_the_link(app):
    app.selectbox(key="voy_from").set_value("Hamburg (DEHAM)").run()
    app.selectbox(key="voy_to").set_value("Vancouver (CAVAN)").run()
    app.number_input(key="voy_speed").set_value(16.5).run()
    assert app.query_params["voyage"] == "DEHAM,CAVAN" and app.query_params["kn"] == "16.5"
    again = new_page()
    again.query_params.update({"voyage": "DEHAM,CAVAN", "kn": "16.5"})
    again.run()
    assert not again.exception and not again.warning
    assert again.selectbox(key="voy_from").value == "Hamburg (DEHAM)"
    assert again.number_input(key="voy_speed").value == 16.5
    assert any(c.value.startswith("via Panama, ") for c in again.caption)
    # The embed shows the map with the voyages and one line of numbers under it.
    embed = new_page()
    embed.query_params.update({"voyage": "DEHAM,CAVAN", "view": "map"})
    embed.run()
    assert not embed.exception
    assert "via Panama: " in map_args(embed)["feature_group"]
    assert any(c.value.startswith("Hamburg → Vancouver, September, a ship without ice class at 14 kn: ")
               for c in embed.caption)


@pytest.mark.parametrize("params", [{"voyage": "NLRTM"}, {"voyage": "NLRTM,XXXXX"}, {"voyage": "NLRTM,NLRTM"},
                                    {"voyage": "NLRTM,JPYOK", "kn": "nan"}, {"voyage": "NLRTM,JPYOK", "kn": "99"}])
def test_bad_voyage_in_link_is_noticed(params):
    at = new_page()
    at.query_params.update(params)
    at.run()
    assert not at.exception
    assert len(at.warning) == 1 and at.warning[0].value.startswith("Ignored")


def test_image_with_the_voyage(app):
    app.selectbox(key="voy_from").set_value("Rotterdam (NLRTM)").run()
    app.selectbox(key="voy_to").set_value("Shanghai (CNSGH)").run()
    assert app.checkbox(key="image_voyages").value is True
    next(b for b in app.button if b.label == "Draw the image").click().run()
    assert not app.exception
    assert "Download PNG" in [b.label for b in app.get("download_button")]


def test_voyage_numbers_agree_between_metric_and_table(app):
    """Formatted once from the same value: a 23.47 % saving is 23 % in both (not 23 % and +24 %)."""
    app.selectbox(key="voy_from").set_value("New York (USNYC)").run()
    app.selectbox(key="voy_to").set_value("Shanghai (CNSGH)").run()
    voyages = table(app, "Voyage")
    best = next(c.value for c in app.caption if "the fastest option open to" in c.value)
    name, length = best.split(":")[0].rsplit(", ", 1)
    row = voyages[voyages["Voyage"] == name].iloc[0]
    assert row["Length (nm)"] + " nm" == length
    assert row["Days"] + " days" == metric(app, "Fastest open voyage").value


# ------------------------------------------------------------ first paint


def test_first_paint_is_the_map_alone_then_the_whole_page():
    """A new page sends the title and the map; the controls follow once the map reports it is drawn."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["routes"] = "tsr-pole"
    at.query_params["unit"] = "km"
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Arctic shipping routes"
    assert len(at.get("component_instance")) == 1
    assert not at.checkbox and not at.selectbox and not tables(at)  # nothing else yet
    assert any("as soon as the map is drawn" in c.value for c in at.caption)
    assert "Trans-Arctic route over the North Pole" in map_args(at)["feature_group"]
    assert "Northwest Passage via M'Clure Strait:" not in map_args(at)["feature_group"]  # the link's routes

    # An early report (the map created, not yet drawn) changes nothing.
    at.session_state["map"] = {"last_object_clicked_tooltip": None, "zoom": -13, "center": {"lat": 0, "lng": 0}}
    at.run()
    assert not at.checkbox

    at.session_state["map"] = {"last_object_clicked_tooltip": None, "zoom": -13, "center": {"lat": 0, "lng": 0},
                               "arctic_drawn": True}
    at.run()
    assert not at.exception, at.exception
    assert at.checkbox(key="show_tsr-pole").value and not at.checkbox(key="show_nwp-mcclure").value
    assert at.radio(key="unit").value == "km"
    assert at.get("download_button")
    # Complete for the rest of the session, whatever the map reports next (a pan carries no flag).
    at.session_state["map"] = {"last_object_clicked_tooltip": None, "zoom": -12, "center": {"lat": 0, "lng": 0}}
    at.run()
    assert at.checkbox(key="show_tsr-pole").value


def test_the_map_reports_when_drawn_and_the_export_does_not():
    at = new_page().run()
    assert "arctic_drawn" in map_args(at)["script"] and "window.Streamlit" in map_args(at)["script"]
    embed = AppTest.from_file(APP, default_timeout=120)
    embed.query_params["view"] = "map"
    embed.run()
    assert "arctic_drawn" not in map_args(embed)["script"]


def test_first_paint_falls_back_to_the_whole_page():
    """If the map reports but never says drawn (a script error), the page completes on the fallback timer."""
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.run()  # no report from the map yet: the timer has not started
    assert not at.checkbox and "_map_reported_at" not in at.session_state
    at.session_state["map"] = {"last_object_clicked_tooltip": None, "zoom": -13, "center": {"lat": 0, "lng": 0}}
    at.run()  # the map's first report starts the timer; still the first paint
    assert not at.checkbox
    at.session_state["_map_reported_at"] = time.monotonic() - 60.0
    at.run()
    assert not at.exception, at.exception
    assert at.checkbox(key="show_tsr-pole").value


def test_straits_table_gives_every_strait_its_facts_and_source(app):
    straits = table(app, "Depth and width, as published")
    assert len(straits) >= 20
    kara = straits.set_index("Strait").loc["Kara Gate"]
    assert "21 m" in kara["Depth and width, as published"] and "CRREL" in kara["Source"]
    assert "Northeast Passage, coastal" in kara["Routes through it"]
    assert straits["Source"].str.len().min() > 3


def as_shown(markdown: str) -> str:
    """Markdown as the reader sees it: backslash escapes (arctic_routes.plaintext.markdown_literal) resolved."""
    import re

    return re.sub(r"\\(.)", r"\1", markdown)


def test_the_map_in_words(app):
    (words,) = [e for e in app.expander if e.label == "The map in words"]
    text = as_shown(words.markdown[0].value)
    assert "6 routes drawn" in text and "Trans-Arctic route over the North Pole: 2,114 nm" in text
    assert "Highlighted: Trans-Arctic route over the North Pole." in text
    assert "median extent for September" in text
    app.checkbox(key="show_tsr-pole").uncheck().run()
    text = as_shown(next(e for e in app.expander if e.label == "The map in words").markdown[0].value)
    assert "5 routes drawn" in text and "Trans-Arctic" not in text


def test_the_link_gains_a_view_only_once_the_reader_moves_the_map(app):
    opened = {"zoom": -13.25, "center": {"lat": 0.0, "lng": 0.0}}
    app.session_state["map"] = opened  # the map's first report: where it opened
    app.run()
    assert "at" not in app.query_params
    app.session_state["map"] = {"zoom": -11.5, "center": {"lat": -800_000.0, "lng": -1_200_000.0}}
    app.run()
    assert app.query_params["at"] == "-1200,-800,-11.5"
    app.session_state["map"] = {"zoom": -15, "center": {"lat": 4_000_000.0, "lng": -4_500_000.0}}  # widest zoom
    app.run()
    again = new_page()
    again.query_params["at"] = app.query_params["at"]
    again.run()
    assert not again.warning and again.query_params["at"] == "-4500,4000,-15"


#: Run in a fresh interpreter (this process's other tests freeze the heap themselves): the page's warm-up
#: must be what freezes the data it loaded. Prints "ok" or raises.
_FREEZE_PROBE = """
import gc, threading

from tests.test_app import new_page

assert gc.get_freeze_count() == 0, f"frozen before the page ran: {gc.get_freeze_count()}"
at = new_page()
at.run()
assert not at.exception, at.exception
(warm,) = [t for t in threading.enumerate() if t.name == "warm-voyages"]
warm.join(timeout=120)
assert not warm.is_alive(), "the warm-up did not finish in 120 s"

from arctic_routes.seanet import network
from arctic_routes.voyage import arctic_routes

net = network()
loaded = {"network()": net, "network().detours": net.detours, "arctic_routes()": arctic_routes(),
          "arctic_routes()[0]": arctic_routes()[0]}
made_after = [object()]
# Only objects the collector tracks are in a generation or frozen (a dict of numbers is untracked: not one to check).
assert all(gc.is_tracked(o) for o in [*loaded.values(), made_after]), "every object checked is tracked"
walked = {id(o) for o in gc.get_objects()}
left = [name for name, o in loaded.items() if id(o) in walked]
assert not left, f"loaded by the warm-up but still walked by every run's collection: {left}"
assert id(made_after) in walked, "an object made after the freeze is walked"
print("ok")
"""


def test_the_server_keeps_what_it_loaded_out_of_each_runs_collection():
    """After the sea network is loaded, the heap is frozen: Streamlit's collection after each run
    (about 100 ms with everything loaded, twice per new reader) then walks only what a run made.

    Frozen objects leave the generations :func:`gc.get_objects` lists; what is made afterwards stays in them.
    """
    import os
    import subprocess
    import sys

    root = Path(APP).parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run([sys.executable, "-c", _FREEZE_PROBE], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), proc.stderr[-3000:]


def test_every_reader_with_the_same_choices_gets_the_same_layers(app):
    """The layers are built once per choice and shared (each run gets its own copy): a second reader's map
    is the first's, and a choice made in between does not leak into either."""
    first = map_args(app)["feature_group"]
    other = new_page()
    other.run()
    other.checkbox(key="layer_icebreakers").check().run()
    assert "Icebreakers: Russia" in map_args(other)["feature_group"]
    again = new_page()
    again.run()
    assert map_args(again)["feature_group"] == first
    assert "Icebreakers: Russia" not in first


def test_magic_is_off_and_would_change_nothing():
    """The page runs with Streamlit's magic off (it costs 20-60 ms per compile of the script); that is safe
    only while the script has no bare expression magic would have written to the page."""
    import ast

    from streamlit.runtime.scriptrunner import magic

    from arctic_routes import datafiles
    from arctic_routes.serve import config_settings

    assert config_settings()["runner.magicEnabled"] is False
    source = datafiles.APP_FILE.read_text(encoding="utf-8")
    rewritten = magic.add_magic(source, str(datafiles.APP_FILE))
    rewritten.body = [node for node in rewritten.body  # magic always imports its helper; nothing else is new
                      if not (isinstance(node, ast.Import) and node.names[0].asname == "__streamlitmagic__")]
    assert ast.dump(rewritten) == ast.dump(ast.parse(source))


def test_settle_heap_freezes_what_is_loaded():
    import gc

    from arctic_routes.page.caches import settle_heap

    kept = [[n] for n in range(1000)]  # lists: objects the collector tracks
    assert settle_heap() == gc.get_freeze_count() >= len(kept)
    walked = {id(o) for generation in range(3) for o in gc.get_objects(generation)}
    assert not walked & {id(o) for o in kept}, "frozen objects are not walked by any generation's collection"


def link_values(at, key: str) -> list[str]:
    """Every value of a repeated parameter in the page's address (AppTest keeps a list, or one string)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def test_a_highlight_in_the_link_mutes_the_other_routes_and_leads_the_legend():
    at = fresh({"highlight": "nep-coastal"})
    assert at.multiselect(key="highlight").value == ["nep-coastal"]
    layers = map_args(at)["feature_group"]
    assert '"opacity": 0.35' in layers or '"opacity":0.35' in layers  # the others, faded
    legend = layers[layers.index("arctic-legend") - 4000 : layers.index("arctic-legend")]
    assert legend.index("coastal") < legend.index("via the North Pole")  # the legend leads with it
    at.multiselect(key="highlight").set_value([]).run()
    assert "0.35" not in map_args(at)["feature_group"] and "highlight" not in at.query_params


def test_notes_from_the_link_are_drawn_as_text_and_a_bad_one_is_noticed():
    at = new_page()
    at.query_params["note"] = ["<b>Record low</b>@Tiksi", "Hi@91,0"]
    at.run()
    assert not at.exception
    assert any("latitude" in w.value for w in at.warning)
    layers = map_args(at)["feature_group"]
    # escaped once as HTML (markup is text), then as JSON in a script (< and & as \u003c, \u0026)
    assert "\\u0026lt;b\\u0026gt;Record low" in layers and "<b>Record low" not in layers
    assert link_values(at, "note") == ["<b>Record low</b>@" + find_port("Tiksi").key]


def test_a_journalist_adds_and_removes_a_note_on_the_page(app):
    app.text_input(key="note_new").input("Ice-free since 2007@Murmansk").run()
    assert "Ice-free since 2007" in map_args(app)["feature_group"]
    assert link_values(app, "note") == ["Ice-free since 2007@RUMMK"]
    app.text_input(key="note_new").input("Too long " * 20 + "@Oslo").run()
    assert any("at most 60 characters" in e.value for e in app.sidebar.error)
    app.button(key="note_remove_0").click().run()
    assert "Ice-free since 2007" not in map_args(app)["feature_group"] and "note" not in app.query_params


def test_with_a_route_filter_only_the_straits_of_the_routes_shown_are_marked():
    layers = map_args(fresh({"routes": "nep-coastal", "layers": "straits"}))["feature_group"]
    assert "Strait: Kara Gate" in layers and "Strait: Vilkitsky Strait" in layers
    assert "Strait: M\\u0027Clure Strait" not in layers and "Strait: Bellot Strait" not in layers
    every = map_args(fresh({"layers": "straits"}))["feature_group"]
    assert "Strait: M\\u0027Clure Strait" in every or "Strait: M'Clure Strait" in every


def _ice_figure(at) -> str:
    (figure,) = [h.proto.body for h in at.get("html") if "sea-ice-extent-" in h.proto.body]
    return figure


def test_the_ice_chart_beside_the_map_follows_the_month():
    september = _ice_figure(fresh({"month": "9"}))
    # Computed from the NSIDC files: the latest September, the median, the record low.
    assert "In September 2025 the ice covered 4.75 million km², 27% less than the 1981-2010 median (6.51)" in september
    assert "the record low was 3.57 in 2012" in september
    assert 'alt="Chart of the Arctic&#x27;s sea-ice extent in September, each year from 1979 to 2025' in september
    at = fresh({"month": "3"})
    march = _ice_figure(at)
    assert "In March 2026 the ice covered 14.13 million km²" in march and "record low was 14.12 in 2025" in march
    at.select_slider(key="month").set_value(1).run()
    january = _ice_figure(at)
    assert "In January 2020" in january and "Sea Ice Index version 3, which ends in 2020" in january


MARKUP = "![x](http://evil.example/x.png) :red[$5] <img src=y>"


def _every_markdown_body(at) -> list[str]:
    bodies = [m.value for m in at.markdown] + [c.value for c in at.caption]
    bodies += [e.value for e in at.error] + [w.value for w in at.warning]
    return bodies


def _renders_markup(body: str) -> bool:
    """Whether Markdown would draw an image, a link, a colour or maths from this body (unescaped syntax)."""
    import re

    return bool(re.search(r"(?<!\\)!(?<!\\)\[|(?<!\\)\]\(|(?<!\\):red(?<!\\)\[|(?<!\\)\$5", body))


def test_a_track_named_with_markdown_is_shown_as_text_and_fetches_nothing():
    at = new_page()
    at.run()
    doc = {"type": "Feature", "properties": {"name": MARKUP},
           "geometry": {"type": "LineString", "coordinates": [[0, 70], [10, 71]]}}
    at.file_uploader(key="upload").set_value(("t.geojson", json.dumps(doc).encode(), "application/geo+json")).run()
    assert not at.exception
    bodies = _every_markdown_body(at)
    assert any("evil" in b for b in bodies)  # the name is on the page (the map in words), as text
    assert not [b for b in bodies if _renders_markup(b)]


def test_a_refused_file_and_a_hostile_link_quote_markup_as_text():
    at = new_page()
    at.query_params["month"] = MARKUP
    at.run()
    assert not at.exception
    at.file_uploader(key="upload").set_value(("t.csv", f"lat,lon\n70,1\n{MARKUP},2\n".encode(), "text/csv")).run()
    bodies = _every_markdown_body(at)
    assert any("evil" in b for b in at.error.values) or any("evil" in b for b in bodies)
    assert not [b for b in bodies if _renders_markup(b)]


def test_the_ice_for_publication_offers_the_chart_and_the_animation(app):
    assert not any(b.label == "Chart (PNG)" for b in app.get("download_button"))  # on request only
    app.button(key="ice_files").click().run()
    labels = [b.label for b in app.get("download_button")]
    assert {"Chart (PNG)", "Chart (SVG)", "Alt text (TXT)"} <= set(labels)
    assert any(b.label == "Make the animation" for b in app.button)
    assert not app.code  # st.code's highlighter is 0.5 MB more for every reader's browser


def test_the_animation_is_made_on_request_with_its_alt_text(app):
    app.button(key="ice_files").click().run()
    app.button(key="anim_make").click().run()
    assert not app.exception
    (download,) = [b for b in app.get("download_button") if b.label.startswith("Download the animation (GIF")]
    megabytes = float(download.label.split(", ")[1].split(" MB")[0])
    assert 0 < megabytes <= 8
    fields = [t.value for t in app.text_area]
    assert any("An animation of twelve frames, January to December" in f and "not one year's ice" in f
               for f in fields)

"""The page's port pickers: a curated port from the list, any other port or a position typed in, and a link.

AppTest's ``set_value`` knows only a selectbox's listed options, so what a reader types and takes with Enter is
put in the session before the page's first run (AppTest cannot rerun a selectbox holding a typed value).
"""

from __future__ import annotations

import pytest

from tests.test_app import map_args, metric, new_page
from tests.test_app_map_click import browser_like_pickers  # noqa: F401  (the fixture, shared)


def typed(origin: str, destination: str):
    at = new_page()
    at.session_state["voy_from"], at.session_state["voy_to"] = origin, destination
    return at.run()


def test_a_typed_port_and_a_position_make_a_voyage():
    at = typed("Sydney AU", "53.55,9.97")
    assert not at.exception and not at.error
    assert metric(at, "Conventional voyage").value.endswith("days")
    assert at.query_params["voyage"] == "AUSYD,53.55,9.97"  # the link names them by their keys
    assert "Sydney" in map_args(at)["feature_group"]


def test_a_shared_name_is_said_in_one_line():
    at = typed("Sydney", "Rotterdam (NLRTM)")
    assert not at.exception
    (error,) = at.error
    shown = error.value.replace("\\", "")  # escaped as Markdown: shown as written
    assert shown == '"Sydney" names 2 ports: Sydney, Australia (AU SYD) · Sydney, Canada (CA SYD)'
    assert "voyage" not in at.query_params


@pytest.mark.parametrize("text", ["![x](http://example.invalid/x.png)", "91,0"])
def test_what_cannot_be_an_end_is_said_as_text(text):
    at = typed(text, "Rotterdam (NLRTM)")
    assert not at.exception
    (error,) = at.error
    assert "](http" not in error.value  # what the reader typed stays text, never Markdown


def test_a_link_opens_a_voyage_from_any_port_or_position():
    at = new_page()
    at.query_params["voyage"] = "INBOM,-33.86,151.21"
    at.run()
    assert not at.exception and not at.error
    assert at.session_state["voy_from"] == "INBOM" and at.session_state["voy_to"] == "-33.86,151.21"
    assert metric(at, "Conventional voyage").value.endswith("days")
    assert at.query_params["voyage"] == "INBOM,-33.86,151.21"


def test_the_count_the_checkbox_names_is_the_files():
    from arctic_routes.ports import all_world_ports

    at = new_page().run()
    assert at.checkbox(key="voy_all").label == f"Search all {len(all_world_ports()):,} ports as I type (114 KB)"


def test_the_pickers_list_the_main_ports_until_the_reader_asks_for_all():
    at = new_page().run()
    first = at.selectbox(key="voy_from").options
    assert 50 < len(first) < 100  # the curated ports only: every reader's first view stays small
    assert not at.checkbox(key="voy_all").value
    at.checkbox(key="voy_all").check().run()
    for key in ("voy_from", "voy_to"):
        listed = at.selectbox(key=key).options
        assert len(listed) > 5000
        assert listed[: len(first)] == first  # the main ports first, as before
        assert "Tema, Ghana (GH TEM)" in listed and "Tema, Ghana (GH TEM)" not in first
        assert any(o.startswith("Mumbai, India (IN BOM)") and "Bombay" in o for o in listed)  # searched by old names


def test_a_port_chosen_from_the_whole_list_makes_a_voyage_and_stays_when_the_list_shrinks():
    at = new_page().run()
    at.checkbox(key="voy_all").check().run()
    at.selectbox(key="voy_from").set_value("Tema (GHTEM)").run()
    at.selectbox(key="voy_to").set_value("Rotterdam (NLRTM)").run()
    assert not at.exception and not at.error
    assert metric(at, "Conventional voyage").value.endswith("days")
    assert at.query_params["voyage"] == "GHTEM,NLRTM"
    at.checkbox(key="voy_all").uncheck().run()
    assert not at.exception and not at.error
    assert at.session_state["voy_from"] == "Tema (GHTEM)"
    assert at.query_params["voyage"] == "GHTEM,NLRTM"
    assert metric(at, "Conventional voyage").value.endswith("days")


def test_the_voyages_drawn_stay_chosen_when_a_typed_end_comes_back_as_shown(browser_like_pickers):  # noqa: F811
    at = typed("Rotterdam (NLRTM)", "-33.86,151.21")
    (drawn,) = [m for m in at.multiselect if m.label == "Draw on the map"]
    one = drawn.options[-1]
    drawn.set_value([one]).run()
    at.run()  # the picker now holds the text it showed ("33.86°S 151.21°E"), not what was typed
    assert at.session_state["voy_to"] != "-33.86,151.21"
    (now,) = [m for m in at.multiselect if m.label == "Draw on the map"]
    assert now.value == [one]


def test_ends_no_ship_of_this_class_may_join_are_marked_and_the_page_says_who_could():
    at = typed("88,60", "75.5,-140")  # near the Pole to the Beaufort Sea's ice, in September
    assert not at.exception and not at.error
    assert metric(at, "Fastest open voyage").value == "none"
    (said,) = [c.value for c in at.caption if c.value.startswith("No option is open to a ship without ice class")]
    assert "Open to an icebreaker: " in said and "days" in said
    drawn = map_args(at)["feature_group"]
    assert drawn.count("Voyage end: ") == 2  # both ends marked, though no line is drawn
    assert "No voyage drawn" in drawn  # and the map's key says why nothing joins them


def test_a_typed_end_no_port_answers_is_said_under_the_pickers_before_the_other_end_is_chosen():
    at = new_page()
    at.session_state["voy_from"] = "Momb"
    at.run()
    assert not at.exception
    (error,) = at.error
    assert error.value.replace("\\", "").startswith("From: unknown port 'Momb'; closest: Mombasa")

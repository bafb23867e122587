"""Share-link parsing: anything a URL can carry, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arctic_routes.share import PageState, iframe_snippet, parse_query, share_url, to_query

IDS = ["nwp-mcclure", "nep-coastal", "tsr-pole"]
PORTS = ["NLRTM", "JPYOK", "Provideniya"]


def test_voyage_round_trip():
    state = PageState(tuple(IDS), voyage=("NLRTM", "Provideniya"), speed_kn=11.5)
    query = to_query(state, IDS)
    assert query == {"voyage": "NLRTM,Provideniya", "kn": "11.5"}
    again, notices = parse_query(query, IDS, PORTS)
    assert notices == [] and (again.voyage, again.speed_kn) == (state.voyage, 11.5)
    assert "voyage=NLRTM%2CProvideniya" in iframe_snippet("http://x/", state, IDS)


def test_round_trip():
    state = PageState(("tsr-pole", "nep-coastal"), "km", frozenset({"ports"}), "nep-coastal")
    again, notices = parse_query(to_query(state, IDS), IDS)
    assert notices == []
    assert (set(again.route_ids), again.unit, again.layers, again.selected) == (
        set(state.route_ids), state.unit, state.layers, state.selected)


def test_defaults_make_short_links():
    assert to_query(PageState(tuple(IDS)), IDS) == {}
    assert share_url("http://x/?old=1", PageState(tuple(IDS)), IDS) == "http://x/"


def test_none_shown_is_a_state_not_an_error():
    state, notices = parse_query({"routes": "none", "layers": "none"}, IDS)
    assert state.route_ids == () and state.layers == frozenset() and notices == []


def test_iframe_is_embed_mode_and_escaped_in_url():
    snippet = iframe_snippet("https://example.org/app", PageState(("tsr-pole",), "mi"), IDS)
    assert snippet.startswith("<iframe") and "view=map" in snippet and "embed=true" in snippet
    assert "unit=mi" in snippet


# Long strings are the point (past MAX_VALUE_CHARS); generating them on a busy 2-core CI machine can
# trip Hypothesis' speed health check, which says nothing about the parser.
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["routes", "unit", "layers", "route", "view", "voyage", "kn", "other"]),
                       st.one_of(st.text(max_size=1200), st.lists(st.text(max_size=50), max_size=3))))
def test_any_query_parses(params):
    state, notices = parse_query(params, IDS, PORTS)
    assert state.voyage is None or (set(state.voyage) <= set(PORTS) and state.voyage[0] != state.voyage[1])
    assert 5 <= state.speed_kn <= 30
    assert set(state.route_ids) <= set(IDS)
    assert state.unit in ("nm", "km", "mi")
    assert state.selected in (None, *IDS)
    assert all(isinstance(n, str) and len(n) < 200 for n in notices)


def test_map_view_round_trip():
    state, notices = parse_query({"at": "-1200,-800,-11.5"}, IDS)
    assert notices == [] and state.at == (-1200.0, -800.0, -11.5)
    assert to_query(state, IDS)["at"] == "-1200,-800,-11.5"


def test_view_from_map_value():
    from arctic_routes.share import view_from_map

    assert view_from_map({"zoom": -12.25, "center": {"lat": -800_400.0, "lng": 1_200_600.0}}) == (1201.0, -800.0, -12.25)
    assert view_from_map({"zoom": -12}) is None
    assert view_from_map({"zoom": 3, "center": {"lat": 0, "lng": 0}}) is None  # outside the map's zoom range
    assert view_from_map(None) is None


def test_bad_views_are_noticed():
    for raw in ["1,2", "a,b,c", "nan,0,-12", "99999,0,-12", "0,0,-40", "1e400,0,-12"]:
        state, notices = parse_query({"at": raw}, IDS)
        assert state.at is None and len(notices) == 1, raw

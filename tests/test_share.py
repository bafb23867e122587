"""Share-link parsing: anything a URL can carry, never an exception."""

from __future__ import annotations

import math
from dataclasses import replace
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arctic_routes.embed import embed_snippet
from arctic_routes.navigation import DEFAULT_SHIP, SHIPS
from arctic_routes.notes import parse_note
from arctic_routes.ports import port_key
from arctic_routes.seaice import DEFAULT_MONTH
from arctic_routes.share import (
    DEFAULT_ROUTE,
    LAYER_KEYS,
    MAX_NOTICES,
    VIEW_LIMIT_KM,
    ZOOM_RANGE,
    PageState,
    parse_query,
    share_url,
    to_query,
)
from arctic_routes.units import DEFAULT_SPEED_KN, SPEED_RANGE_KN, UNITS

IDS = ["nwp-mcclure", "nep-coastal", "tsr-pole"]
PORTS = ["NLRTM", "JPYOK", "Provideniya"]


def test_voyage_round_trip():
    state = PageState(tuple(IDS), voyage=("NLRTM", "Provideniya"), speed_kn=11.5)
    query = to_query(state, IDS)
    assert query == {"voyage": "NLRTM,Provideniya", "kn": "11.5"}
    again, notices = parse_query(query, IDS, PORTS)
    assert notices == [] and (again.voyage, again.speed_kn) == (state.voyage, 11.5)
    assert "voyage=NLRTM%2CProvideniya" in embed_snippet("http://x/", state, IDS)


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


class _Iframes(HTMLParser):
    """The ``src`` of each iframe, as a browser reads the attribute (character references decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.srcs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "iframe":
            self.srcs.append(dict(attrs)["src"])


def test_iframe_is_embed_mode_and_escaped_in_url():
    """The snippet's src is the base URL plus the state, every value percent-encoded, in embed mode."""
    state = PageState(("tsr-pole", "nep-coastal"), "mi", frozenset({"ports", "straits"}), "tsr-pole",
                      at=(-1200.0, -800.0, -11.5), voyage=("NLRTM", "Provideniya"), speed_kn=11.5)
    snippet = embed_snippet("https://example.org/app", state, IDS)
    parser = _Iframes()
    parser.feed(snippet)
    (src,) = parser.srcs
    url = urlsplit(src)
    assert (url.scheme, url.netloc, url.path, url.fragment) == ("https", "example.org", "/app", "")
    # Escaped: commas inside values are %2C, and nothing in the query could end the attribute or the URL
    # (no raw quote, <, > or space); the query splits back into exactly the parameters that were set.
    assert not set(url.query) & set(",; \"'<>")
    assert "routes=tsr-pole%2Cnep-coastal" in url.query and "at=-1200%2C-800%2C-11.5" in url.query
    params = parse_qs(url.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in params.values())
    assert params["view"] == ["map"] and params["embed"] == ["true"]  # ours, and Streamlit's (no chrome)
    again, notices = parse_query({k: v[0] for k, v in params.items()}, IDS, PORTS)
    assert notices == [] and again == replace(state, embed=True)


#: Every parameter a link knows (and Streamlit's own, and one we do not know).
KEYS = ["routes", "unit", "layers", "route", "view", "at", "voyage", "kn", "month", "ship", "highlight", "note",
        "embed", "embed_options", "utm_source"]
#: Values written to break a parser: Unicode digits, NaN and infinities, huge and negative-zero numbers, empties,
#: over-long text, control characters and markup, and a few good values to mix them with.
HOSTILE = ["", " ", "²", "٣", "１", "１２", "¹²", "nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-1e400", "-0",
           "-0.0", "0", "00", "13", "-1", "+3", "3.0", "1_0", "0x10", "1" + "0" * 1000, "9" * 5000, "1" * 1001,
           "<script>alert(1)</script>", "\x00\x1b[31m", "\u202e3", "\n3", "none", ",", "," * 3000, "x" * 100_000,
           "nan,nan,nan", "inf,0,-12", "0,0,-12", "-0,-0,-12", "1e400,0,-12", "０,０,-12", "NLRTM,JPYOK",
           "NLRTM,NLRTM", "NLRTM,JPYOK,Provideniya", "tsr-pole", "tsr-pole,bogus", "voyage", "map", "page", "km",
           "ｋｍ", "icebreaker", "ice,ports", "16.5", "16.3", "5", "30", "30.5", "3", "03", " 3 ", "12",
           "Hi@Provideniya", "Hi@91,0", "Hi@٣,٣", "<b>Hi</b>@75,-100", "a\x00b@75,-100", "x" * 100_000 + "@75,-100"]
value = st.one_of(st.text(max_size=1200), st.sampled_from(HOSTILE), st.integers().map(str),
                  st.floats().map(repr), st.from_regex(r"-?[0-9]{1,12}(\.[0-9]{0,4})?(e-?[0-9]{1,3})?", fullmatch=True))
query = st.dictionaries(st.sampled_from(KEYS), st.one_of(value, st.lists(value, max_size=3)))


def _given(raw) -> str | None:
    """The one value a parameter was given (None: absent, or several different ones)."""
    values = list(dict.fromkeys(str(v) for v in raw)) if isinstance(raw, list) else [str(raw)]
    return values[0] if len(values) == 1 else None


def _said(notices: list[str], *words: str) -> bool:
    return any(word in notice for notice in notices for word in words) or any("more parts" in n for n in notices)


# Long strings are the point (past MAX_VALUE_CHARS); generating them on a busy 2-core CI machine can
# trip Hypothesis' speed health check, which says nothing about the parser.
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], max_examples=300)
@given(query)
def test_any_query_parses_to_valid_fields_or_a_notice(params):
    state, notices = parse_query(params, IDS, PORTS, resolve_port=port_key)  # never raises
    assert len(set(state.route_ids)) == len(state.route_ids) and set(state.route_ids) <= set(IDS)
    assert state.unit in UNITS and state.layers <= set(LAYER_KEYS) and state.ship in SHIPS
    assert state.selected in (None, *IDS) and isinstance(state.embed, bool)
    assert state.at is None or (all(math.isfinite(v) and math.copysign(1.0, v) == math.copysign(1.0, v + 0.0)
                                    for v in state.at)  # finite, and no -0
                                and max(abs(state.at[0]), abs(state.at[1])) <= VIEW_LIMIT_KM
                                and ZOOM_RANGE[0] <= state.at[2] <= ZOOM_RANGE[1])
    assert state.voyage is None or (set(state.voyage) <= set(PORTS) and state.voyage[0] != state.voyage[1])
    assert SPEED_RANGE_KN[0] <= state.speed_kn <= SPEED_RANGE_KN[1] and (state.speed_kn * 2).is_integer()
    assert type(state.month) is int and 1 <= state.month <= 12
    assert len(set(state.highlight)) == len(state.highlight) and set(state.highlight) <= {*IDS, "voyage"}
    assert len(state.notes) <= 10
    assert all(parse_note(spec).spec == spec for spec in state.notes)  # what is kept reads back the same
    assert all(isinstance(n, str) and len(n) < 200 and "\n" not in n for n in notices)
    assert len(notices) <= MAX_NOTICES
    # Nothing is silently read as something else: a month or speed that differs from the default is the one
    # the link wrote, in ASCII digits; a default where the link asked for another is explained by a notice.
    for key, got, default, words in (("month", state.month, DEFAULT_MONTH, ("month",)),
                                     ("kn", state.speed_kn, DEFAULT_SPEED_KN, ("speed",))):
        if params.get(key, []) == [] or _given(params[key]) is None:
            continue
        given = str(_given(params[key])).strip(" ")
        if got != default:
            assert given.isascii() and abs(float(given) - got) <= 0.25, (key, given, got)
        elif not (given.isascii() and given and _is_number(given) and float(given) == default):
            assert _said(notices, *words), (key, given, notices)
    # Any value of these that is not used is noticed.
    unused = {"month": state.month == DEFAULT_MONTH, "at": state.at is None, "unit": state.unit == "nm",
              "ship": state.ship == DEFAULT_SHIP, "voyage": state.voyage is None}
    words = {"month": "month", "at": "map view", "unit": "unit", "ship": "ship", "voyage": "voyage"}
    defaults = {"month": ("9", "09"), "unit": ("nm",), "ship": (DEFAULT_SHIP,)}
    for key, default_kept in unused.items():
        given = _given(params[key]) if params.get(key, []) != [] else None
        if params.get(key, []) != [] and default_kept and (given or "").strip(" ") not in defaults.get(key, ()):
            assert _said(notices, words[key]), (key, params[key], notices)
    # A link the page writes from the state reads back to it, without a notice.
    again, more = parse_query(to_query(state, IDS), IDS, PORTS)
    assert more == [] and replace(again, at=None, speed_kn=0) == replace(state, at=None, speed_kn=0)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


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


def test_embed_snippet_titles_the_map_and_sizes_it_from_its_own_origin_only():
    state = PageState(("tsr-pole",), voyage=("NLRTM", "JPYOK"))
    snippet = embed_snippet("https://maps.example.org/app", state, IDS, port_names=("Rotterdam", "Yokohama"))
    assert 'title="Map of Arctic shipping routes, port to port: Rotterdam to Yokohama"' in snippet
    assert 'e.origin!=="https://maps.example.org"' in snippet  # another site's messages are ignored
    assert "embed_options=dark_theme" not in snippet
    dark = embed_snippet("https://maps.example.org/app", state, IDS, dark=True)
    assert "embed_options=dark_theme" in dark
    hostile = embed_snippet('https://x.org/"><script>alert(1)</script>', PageState(("tsr-pole",)), IDS)
    assert "<script>alert(1)" not in hostile


def test_the_default_page_has_a_bare_address():
    """A new reader's state needs no query: the address stays bare and the browser is sent no rewrite of it."""
    state, notices = parse_query({}, IDS, PORTS)
    assert notices == [] and state.selected == DEFAULT_ROUTE
    assert to_query(state, IDS) == {}
    assert to_query(replace(state, selected="nep-coastal"), IDS) == {"route": "nep-coastal"}


def test_highlight_and_notes_round_trip_through_the_link():
    state = PageState(tuple(IDS), highlight=("nep-coastal", "voyage"), notes=("Record low@RUMMK", "Here@75,-100"))
    query = to_query(state, IDS)
    assert query["highlight"] == "nep-coastal,voyage" and query["note"] == ["Record low@RUMMK", "Here@75,-100"]
    url = share_url("http://x/", state, IDS)
    assert parse_qs(urlsplit(url).query)["note"] == ["Record low@RUMMK", "Here@75,-100"]  # repeated, in order
    again, notices = parse_query(parse_qs(urlsplit(url).query), IDS)
    assert notices == [] and (again.highlight, again.notes) == (state.highlight, state.notes)


def test_hostile_notes_are_refused_one_line_each_and_the_rest_of_the_link_applies():
    params = {"note": ["<b>bold</b>@Murmansk", "x" * 5000 + "@Oslo", "Hi@Atlantis", "Hi@91,0"],
              "unit": "km", "highlight": "nep-coastal,bogus"}
    state, notices = parse_query(params, IDS)
    assert state.notes == ("<b>bold</b>@RUMMK",) and state.unit == "km" and state.highlight == ("nep-coastal",)
    assert len(notices) == 4 and all("\n" not in n and len(n) < 200 for n in notices)
    assert any("5,000" in n for n in notices) and any("91" in n for n in notices)
    assert any("Atlantis" in n for n in notices) and any("bogus" in n for n in notices)

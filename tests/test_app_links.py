"""Hostile share links, through Streamlit's AppTest: each opens the page, never an exception.

A link with a bad value opens the normal page with a notice (``st.warning``) for what it ignored; the rest of
the link still applies, and a dropped value takes the default, never a neighbour (``month=0`` is no month, not
December). The parsing itself is property-tested in tests/test_share.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest  # noqa: TID251  # the page's own tests drive it, like tests/test_app.py

from arctic_routes.seaice import DEFAULT_MONTH

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TITLE = "Arctic shipping routes"
VOYAGE = {"voyage": "NLRTM,JPYOK"}


#: (what it tries, the link's parameters, a word the notice must hold, or None: a good link, no notice).
HOSTILE_LINKS = [
    ("month, superscript two", {"month": "²"}, "month"),
    ("month, Arabic-Indic three", {"month": "٣"}, "month"),
    ("month, fullwidth one", {"month": "１"}, "month"),
    ("month 0 (not December)", {"month": "0"}, "month"),
    ("month 13 (not January)", {"month": "13"}, "month"),
    ("month repeated, differently", {"month": ["3", "4"]}, "month"),
    ("month empty", {"month": ""}, "month"),
    ("month, 10**1000", {"month": "1" + "0" * 1000}, "month"),
    ("speed inf", {**VOYAGE, "kn": "inf"}, "speed"),
    ("speed NaN", {**VOYAGE, "kn": "NaN"}, "speed"),
    ("speed 1e400", {**VOYAGE, "kn": "1e400"}, "speed"),
    ("speed, fullwidth digits", {**VOYAGE, "kn": "１６"}, "speed"),
    ("speed -0", {**VOYAGE, "kn": "-0"}, "speed"),
    ("view nan,nan,nan", {"at": "nan,nan,nan"}, "map view"),
    ("view 1e400", {"at": "1e400,0,-12"}, "map view"),
    ("view, fullwidth zeros", {"at": "０,０,-12"}, "map view"),
    ("highlight, unknown ids and markup", {"highlight": "bogus,<script>alert(1)</script>"}, "highlight"),
    ("note, 100 kB", {"note": "<b>" * 33_000 + "@Tiksi"}, "note"),
    ("note, control characters", {"note": "a\x00\x1b[31mb@Tiksi"}, "note"),
    ("note, Arabic-Indic lat,lon", {"note": "Here@٧٥,٣"}, "note"),
    ("routes repeated, differently", {"routes": ["tsr-pole", "nep-coastal"]}, "route list"),
    ("unit, fullwidth km", {"unit": "ｋｍ"}, "unit"),
    ("ship, markup", {"ship": "<img src=x onerror=alert(1)>"}, "ship"),
    ("voyage, one port twice", {"voyage": "NLRTM,NLRTM"}, "voyage"),
    ("view repeated (map and page)", {"view": ["map", "page"]}, "view"),
    ("layers empty", {"layers": ""}, "layer"),
    ("selected route, 100 kB", {"route": "x" * 100_000}, "selected route"),
    ("every parameter bad at once", {"routes": "\x00", "unit": "", "layers": "../../etc", "route": "?",
                                     "at": "inf,inf,inf", "voyage": "<b>", "kn": "1_0", "month": "-0",
                                     "ship": "none", "highlight": "voyage,voyage,x", "note": ["@", "x@"] * 50},
     "month"),
    ("good: month 03, a half-knot speed, -0 in the view", {**VOYAGE, "month": "03", "kn": "16.5",
                                                           "at": "-0,-0,-12"}, None),
]


def open_link(params: dict) -> AppTest:
    """The whole page (the map reported drawn, as tests/test_app.py's new_page) opened on a link."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["_page_complete"] = True
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize(("params", "word"), [case[1:] for case in HOSTILE_LINKS], ids=[c[0] for c in HOSTILE_LINKS])
def test_a_hostile_link_opens_the_page_with_a_notice(params, word):
    at = open_link(params)
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == [TITLE]
    notices = [w.value for w in at.warning]
    if word is None:
        assert notices == []
    else:
        assert any(word in notice for notice in notices), notices
        assert all(len(n) < 200 and "<script>" not in n and "<img" not in n for n in notices)
    assert 1 <= at.session_state["month"] <= 12
    assert at.select_slider(key="month").value == at.session_state["month"]


def test_month_zero_opens_the_default_month_not_december():
    at = open_link({"month": "0"})
    assert at.session_state["month"] == DEFAULT_MONTH == 9
    assert at.select_slider(key="month").value == DEFAULT_MONTH
    assert at.query_params.get("month") is None  # the address bar no longer carries the bad month


def test_the_good_parts_of_a_link_apply_beside_the_bad():
    at = open_link({**VOYAGE, "month": "03", "kn": "16.5", "unit": "ｋｍ", "highlight": "bogus"})
    assert not at.exception
    assert at.session_state["month"] == 3 and at.session_state["voy_speed"] == 16.5
    assert at.radio(key="unit").value == "nm"  # the fullwidth unit is dropped, not read as km
    assert len(at.warning) == 2

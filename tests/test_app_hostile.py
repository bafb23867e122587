"""Hostile input on the page: every row of docs/RELIABILITY.md's table, uploaded through Streamlit's AppTest.

A refused file shows exactly one sidebar error, "Could not use that file: <the table's message>", and
leaves the built-in routes alone; a file that loads adds its lines to the table; never an exception.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest  # noqa: TID251  # the page's own tests drive it, like tests/test_app.py

from tests.hostile import CASE_IDS, CASES, TESTS

APP = str(Path(__file__).resolve().parents[1] / "app.py")


#: Why a file type may not reach our loader yet: the page's uploader lists the types it takes.
NEEDS_APP_CHANGE = ("app.py's st.file_uploader passes type=[...]: Streamlit refuses any other file in its own "
                    "words (in the browser) or with an exception (AppTest) before our loader can explain; "
                    "the fix is to drop type=")


def _new_page() -> AppTest:
    """A whole page, as tests/test_app.py's new_page: the map has reported that it is drawn."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["_page_complete"] = True
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def pages() -> list[AppTest]:
    return [_new_page()]


@pytest.fixture
def page(pages) -> AppTest:
    """The module's page, reused (each upload replaces the one before); a new one after a failure."""
    if pages[0].exception or not pages[0].get("file_uploader"):
        pages[0] = _new_page()
    return pages[0]


def _skip_types_the_uploader_refuses(at: AppTest, name: str) -> None:
    allowed = at.file_uploader(key="upload").allowed_type
    if allowed and Path(name).suffix.lower() not in allowed:
        pytest.xfail(NEEDS_APP_CHANGE)


def _routes_shown(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Routes shown")


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return at.file_uploader(key="upload").set_value((name, data, "application/octet-stream")).run()


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_page_does_what_the_table_says(page, case, routes):
    _skip_types_the_uploader_refuses(page, case.name)
    at = _upload(page, case.name, case.data())
    assert not at.exception, (case.case, at.exception)
    errors = [re.sub(r"\\(.)", r"\1", e.value) for e in at.sidebar.error]  # as shown: Markdown escapes resolved
    if case.problem is not None:
        assert errors == [f"Could not use that file: {case.problem}"]
        assert _routes_shown(at) == str(len(routes))  # the built-in routes untouched
    else:
        assert errors == []
        assert _routes_shown(at) == str(len(routes) + case.lines)


def test_a_track_with_a_built_in_id_leaves_that_route_alone(page):
    at = _upload(page, "pole.geojson", (TESTS / "accepted" / "id-tsr-pole.geojson").read_bytes())
    assert not at.exception and not at.sidebar.error
    at.selectbox(key="selected").set_value("tsr-pole").run()
    assert not at.exception
    assert any(m.value == "#### Trans-Arctic route over the North Pole" for m in at.markdown)


def test_the_uploader_lets_every_file_reach_our_loader(page):
    """The browser refuses types missing from ``type=``, in Streamlit's words; ours explain KML and the rest."""
    allowed = page.file_uploader(key="upload").allowed_type
    if allowed:
        pytest.xfail(NEEDS_APP_CHANGE)
    assert allowed == []

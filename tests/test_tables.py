"""The page's HTML tables: escaped, accessible, numbers aligned, bars scaled to their figures."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from arctic_routes.tables import TABLE_CSS, load_facts, table_html, traffic_html, transits_chart_data
from tests.html_tables import read_html_tables


def test_a_reader_s_text_is_escaped_not_markup():
    frame = pd.DataFrame({"Route": ['<img src=x onerror="alert(1)">'], "Length (nm)": ["1,234"]})
    text = table_html(frame, 'A "label" <b>')
    assert "<img" not in text and "&lt;img" in text
    assert 'aria-label="A &quot;label&quot; &lt;b&gt;"' in text
    assert read_html_tables(text)[0].loc[0, "Route"] == '<img src=x onerror="alert(1)">'


def test_headers_have_scopes_and_the_region_can_take_focus():
    frame = pd.DataFrame({"n": ["1"]}, index=pd.Index(["2010"], name="Year"))
    text = table_html(frame, "Counts", index=True)
    assert '<th scope="col">Year</th>' in text and '<th scope="row">2010</th>' in text
    assert 'role="region"' in text and 'tabindex="0"' in text


def test_numbers_are_right_aligned_and_words_are_not():
    frame = pd.DataFrame({"Voyage": ["via Suez", "NSR"], "Days": ["33.7", "23.5"],
                          "Shorter": ["conventional", "+30 %"], "Ice": ["1,200", "no figure"]})
    head = re.search(r"<thead>.*</thead>", table_html(frame, "t")).group(0)
    assert '<th scope="col" class="num">Days</th>' in head
    assert '<th scope="col" class="num">Ice</th>' in head  # "no figure" is allowed in a column of numbers
    assert '<th scope="col">Voyage</th>' in head and '<th scope="col">Shorter</th>' in head


def test_row_classes_and_cell_styles_are_applied():
    frame = pd.DataFrame({"a": ["x", "y"]})
    styles = pd.DataFrame({"a": ["color:red", ""]})
    text = table_html(frame, "t", styles=styles, row_classes=["", "closed"])
    assert '<td style="color:red">x</td>' in text and '<tr class="closed"><td>y</td>' in text
    assert "tr.closed td" in TABLE_CSS


def bar_widths(text: str, column_index: int) -> dict[str, float]:
    """Year -> bar width (rem) in the ``column_index``-th data column of the traffic table."""
    widths = {}
    for year, cells in re.findall(r'<th scope="row">(\d+)</th>(.*?)</tr>', text):
        cell = re.findall(r"<td[^>]*>(.*?)</td>", cells)[column_index]
        found = re.search(r"width:([\d.]+)rem", cell)
        if found:
            widths[year] = float(found.group(1))
    return widths


def test_traffic_bars_share_a_scale_per_unit_and_numbers_stay_text():
    facts = load_facts()
    numbers = transits_chart_data(facts)
    text = traffic_html(facts)
    frame = read_html_tables(text)[0]
    assert list(frame.columns) == list(numbers.columns)
    # Every figure has a bar; every gap has none and says so.
    assert text.count('class="bar"') == int(numbers.notna().sum().sum())
    assert (frame == "no figure").sum().sum() == int(numbers.isna().sum().sum())
    columns = list(numbers.columns)
    nsr, nwp = (bar_widths(text, columns.index(c)) for c in ("NSR full transits", "NWP full transits"))
    assert nsr[numbers["NSR full transits"].idxmax()] == 6.0  # the most transits: the longest bar
    assert nsr[numbers["NSR full transits"].idxmin()] < 1.0
    # NWP transits on the NSR's scale: a bar's length is proportional to its count across both columns.
    (year, count), top = next(iter(numbers["NWP full transits"].dropna().items())), numbers["NSR full transits"].max()
    assert nwp[year] == pytest.approx(0.2 + 5.8 * count / top, abs=0.01)
    cargo = bar_widths(text, columns.index("NSR cargo (Mt)"))
    assert cargo[numbers["NSR cargo (Mt)"].idxmax()] == 6.0  # its own scale: million tonnes

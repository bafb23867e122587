"""Sea-ice extent of every year: the vendored NSIDC files read right, the numbers a reader is told, the chart and
the command line."""

from __future__ import annotations

import csv
import io
import json
import statistics
import struct
import xml.etree.ElementTree as ET

import pytest
from matplotlib.text import Text

from arctic_routes.cli import main
from arctic_routes.datafiles import SEA_ICE_INDEX_FILES, geodata_file
from arctic_routes.extent import (
    MonthSeries,
    all_months,
    extent_alt_text,
    extent_sentence,
    load_month,
    parse_extent_csv,
    read_extent_file,
    series_sentence,
    summarise,
)
from arctic_routes.extent_chart import (
    CHART_SIZES,
    EXTENT_COLOUR,
    INK_COLOUR,
    MEDIAN_COLOUR,
    RECORD_COLOUR,
    extent_figure,
    render_extent_chart,
)
from arctic_routes.reading import RouteDataError
from arctic_routes.render import DPI
from tests.hostile import CLASS_NAME
from tests.test_style import contrast

#: NSIDC Sea Ice Index v4 monthly mean extent, million km² (FACTS.md section 8; NSIDC's files).
SEPTEMBER_1979_MKM2 = 7.05
SEPTEMBER_2012_MKM2 = 3.57  # the September record low
SEPTEMBER_2025_MKM2 = 4.75
SEPTEMBER_MEDIAN_1981_2010_MKM2 = 6.51
MARCH_2025_MKM2 = 14.12  # the March record low
#: Months without satellite data in the record (NSIDC's -9999 rows).
KNOWN_GAPS = {12: 1987, 1: 1988}
HEADER = "year, mo,source_dataset, region, extent,   area\n"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def raw_extents(month: int) -> dict[int, str]:
    """The extent column of the vendored file as text, read here with the csv module (not the package's reader)."""
    lines = geodata_file(SEA_ICE_INDEX_FILES[month - 1]).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("year"))
    rows = csv.reader(lines[start + 1:], skipinitialspace=True)
    return {int(row[0]): row[4].strip() for row in rows if row}


def test_september_and_march_equal_nsidc():
    september, march = load_month(9), load_month(3)
    assert september.value(1979) == pytest.approx(SEPTEMBER_1979_MKM2, abs=0.01)
    assert september.value(2012) == pytest.approx(SEPTEMBER_2012_MKM2, abs=0.01)
    assert september.value(2025) == pytest.approx(SEPTEMBER_2025_MKM2, abs=0.01)
    assert march.value(2025) == pytest.approx(MARCH_2025_MKM2, abs=0.01)
    assert summarise(march).record_low == (2025, pytest.approx(MARCH_2025_MKM2, abs=0.01))
    assert summarise(september).record_low == (2012, pytest.approx(SEPTEMBER_2012_MKM2, abs=0.01))


@pytest.mark.parametrize("month", range(1, 13))
def test_every_value_is_the_files_value(month):
    series = load_month(month)
    raw = raw_extents(month)
    assert [year for year, _ in series.values] == sorted(raw)
    for year, value in series.values:
        expected = None if raw[year] == "-9999" else float(raw[year])
        assert value == expected, (month, year)


def test_the_median_is_the_median_of_the_1981_2010_values():
    raw = raw_extents(9)
    expected = statistics.median(float(raw[year]) for year in range(1981, 2011))
    summary = summarise(load_month(9))
    assert summary.median_mkm2 == pytest.approx(expected)
    assert summary.median_mkm2 == pytest.approx(SEPTEMBER_MEDIAN_1981_2010_MKM2, abs=0.005)
    assert summary.pct_from_median == pytest.approx((SEPTEMBER_2025_MKM2 / SEPTEMBER_MEDIAN_1981_2010_MKM2 - 1) * 100,
                                                    abs=0.2)


def test_the_september_sentence():
    assert extent_sentence(9) == (
        f"In September 2025 the ice covered {SEPTEMBER_2025_MKM2} million km², 27% less than the 1981-2010 median "
        f"({SEPTEMBER_MEDIAN_1981_2010_MKM2}); the record low was {SEPTEMBER_2012_MKM2} in 2012.")


def _series(values: dict[int, float | None], month: int = 9, version: int = 4) -> MonthSeries:
    return MonthSeries(month=month, values=tuple(sorted(values.items())), version=version, source="test.csv")


def test_the_sentence_when_the_latest_year_is_the_record_low_or_above_the_median():
    lowest_last = _series({**dict.fromkeys(range(1981, 2011), 6.0), 2011: 5.0, 2012: 4.0})
    assert series_sentence(lowest_last, summarise(lowest_last)) == (
        "In September 2012 the ice covered 4.00 million km², 33% less than the 1981-2010 median (6.00): "
        "the lowest September on record (since 1981).")
    higher = _series({**dict.fromkeys(range(1981, 2011), 6.0), 2011: 3.0, 2012: 6.6})
    assert series_sentence(higher, summarise(higher)) == (
        "In September 2012 the ice covered 6.60 million km², 10% more than the 1981-2010 median (6.00); "
        "the record low was 3.00 in 2011.")
    level = _series({**dict.fromkeys(range(1981, 2011), 6.0), 2011: 3.0, 2012: 6.01})
    assert "about the 1981-2010 median (6.00)" in series_sentence(level, summarise(level))


def test_december_2024_is_its_record_low():
    summary = summarise(load_month(12))
    assert summary.latest_is_record_low and summary.latest[0] == 2024
    assert "the lowest December on record" in extent_sentence(12)


def test_january_names_version_3_and_its_last_year():
    january = load_month(1)
    assert january.version == 3 and january.last_year == 2020
    assert all(series.version == 4 for series in all_months()[1:])
    assert "version 3, which ends in 2020" in extent_sentence(1)
    assert "version 3, which ends in 2020" in extent_alt_text(january)
    assert january.credit == "NSIDC Sea Ice Index v3 (ends 2020)"
    assert load_month(9).credit == "NSIDC Sea Ice Index v4"


@pytest.mark.parametrize("month", range(1, 13))
def test_json_of_every_month_has_40_years_and_nulls_for_gaps(capsys, month):
    code, out, err = run(capsys, "extent", "--month", str(month), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert sum(row["extent_mkm2"] is not None for row in rows) >= 40
    years = [row["year"] for row in rows]
    assert years == list(range(years[0], years[-1] + 1))
    assert all(set(row) == {"year", "extent_mkm2"} for row in rows)
    raw = raw_extents(month)
    nulls = {row["year"] for row in rows if row["extent_mkm2"] is None}
    assert nulls == {year for year, text in raw.items() if text == "-9999"}
    if month in KNOWN_GAPS:
        assert KNOWN_GAPS[month] in nulls  # null, never 0
    assert all(row["extent_mkm2"] != 0 for row in rows)
    assert "NSIDC Sea Ice Index" in err and ("v3 (ends 2020)" in err) == (month == 1)


def test_csv_parses_and_a_gap_is_an_empty_field(capsys):
    code, out, _ = run(capsys, "extent", "--month", "12", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["year", "extent_mkm2"]
    values = {int(r["year"]): r["extent_mkm2"] for r in rows}
    assert values[1987] == "" and float(values[2024]) == pytest.approx(11.41, abs=0.01)


def test_gaps_and_blanks_in_a_file_are_gaps_and_zero_is_a_value(tmp_path):
    path = tmp_path / "N_09_extent_v4.0.csv"
    path.write_text("https://example.org/where-it-came-from\n" + HEADER +
                    "1979,  9,    NSIDC-0051,      N,   7.05,   4.58\n"
                    "1980,  9,         -9999,      N,  -9999,  -9999\n"
                    "\n"
                    "1981,  9,    NSIDC-0051,      N,       ,   4.44\n"
                    "1983,  9,    NSIDC-0051,      N,   0.00,   0.00\n", encoding="utf-8")
    series = read_extent_file(path, 9)
    assert series.values == ((1979, 7.05), (1980, None), (1981, None), (1982, None), (1983, 0.0))
    assert series.gaps == (1980, 1981, 1982) and series.version == 4


@pytest.mark.parametrize(("content", "problem"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not text"),
    (b"", "no header"),
    (b"1979, 9, x, N, 7.05, 4.58\n", "no header"),
    (HEADER.encode() + b"1979, 9, x, N, seven, 4.58\n", "not a number"),
    (HEADER.encode() + b"1979, 9, x, N, -3.00, 4.58\n", "not a month's Arctic extent"),
    (HEADER.encode() + b"1979, 9, x, N, nan, 4.58\n", "not a month's Arctic extent"),
    (HEADER.encode() + b"1979, 8, x, N, 7.05, 4.58\n", "month 8, not 9"),
    (HEADER.encode() + b"1979, 9, x, N, 7.05\n", "5 fields"),
    (HEADER.encode() + b"1979, 9, x, N, 7.05, 4.58\n1979, 9, x, N, 7.05, 4.58\n", "given twice"),
    (HEADER.encode() + b"1979, 9, x, N, -9999, -9999\n", "no extent"),
    (HEADER.encode() + b"19x9, 9, x, N, 7.05, 4.58\n", "whole number"),
])
def test_a_broken_file_is_one_line(tmp_path, content, problem):
    path = tmp_path / "N_09_extent_v4.0.csv"
    path.write_bytes(content)
    with pytest.raises(RouteDataError) as caught:
        read_extent_file(path, 9)
    message = str(caught.value)
    assert problem in message and "\n" not in message and message.startswith(str(path))


def test_a_broken_vendored_file_is_one_line_on_the_command_line(capsys, tmp_path, monkeypatch):
    (tmp_path / "sea-ice-index").mkdir()
    (tmp_path / SEA_ICE_INDEX_FILES[8]).write_text(HEADER + "1979, 9, x, N, seven, 4.58\n", encoding="utf-8")
    monkeypatch.setenv("ARCTIC_ROUTES_GEODATA", str(tmp_path))
    load_month.cache_clear()
    try:
        code, out, err = run(capsys, "extent", "--month", "9")
    finally:
        load_month.cache_clear()  # the next test reads the real file again
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "not a number" in err
    assert "Traceback" not in err and not CLASS_NAME.search(err)


@pytest.mark.parametrize("month", ["0", "13", "september", "-1"])
def test_a_month_outside_1_to_12_is_refused(capsys, month):
    with pytest.raises(SystemExit) as caught:
        main(["extent", "--month", month])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "month must be 1..12" in err
    with pytest.raises(ValueError):
        load_month(13)


@pytest.mark.parametrize("argv", [["--format", "xml"], ["--out", "chart.gif"], ["--out", "chart.png", "--size", "9x9"],
                                  ["--out", "chart.png", "--format", "csv"]])
def test_bad_arguments_are_one_line(capsys, tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    try:
        code = main(["extent", *argv])
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not list(tmp_path.iterdir())  # nothing written


def test_an_unwritable_path_is_one_line(capsys, tmp_path):
    code, _, err = run(capsys, "extent", "--out", str(tmp_path / "no-such-folder" / "chart.png"))
    assert code == 2 and err.count("\n") == 1 and "cannot write" in err


def _svg_texts(svg: bytes) -> list[str]:
    root = ET.fromstring(svg)
    return ["".join(element.itertext()) for element in root.iter("{http://www.w3.org/2000/svg}text")]


def test_the_svg_keeps_the_record_year_and_the_unit_as_text(capsys, tmp_path):
    out = tmp_path / "september.svg"
    code, printed, _ = run(capsys, "extent", "--month", "9", "--out", str(out))
    assert code == 0 and str(out) in printed
    texts = _svg_texts(out.read_bytes())
    assert any("2012" in t for t in texts) and "million km²" in texts
    assert any("September" in t for t in texts) and any("NSIDC Sea Ice Index v4" in t for t in texts)
    alt = (tmp_path / "september.alt.txt").read_text(encoding="utf-8")
    assert "September" in alt and "1979" in alt and "3.57 in 2012" in alt and "6.51" in alt and "4.75" in alt


def test_the_january_chart_names_version_3():
    texts = _svg_texts(render_extent_chart(load_month(1), CHART_SIZES["social"], "svg"))
    assert any("v3 (ends 2020)" in t for t in texts)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("preset", ["phone", "social", "square"])
def test_the_png_is_the_presets_size(preset):
    assert _png_size(render_extent_chart(load_month(9), CHART_SIZES[preset], "png")) == CHART_SIZES[preset]


def test_a_size_in_pixels(capsys, tmp_path):
    out = tmp_path / "march.png"
    code, _, _ = run(capsys, "extent", "--month", "3", "--out", str(out), "--size", "700x500")
    assert code == 0 and _png_size(out.read_bytes()) == (700, 500)


@pytest.mark.parametrize("preset", ["phone", "social", "print"])
def test_no_text_is_under_10_px(preset):
    fig = extent_figure(load_month(9), CHART_SIZES[preset])
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert len(texts) >= 8  # title, subtitle, credit, axis label, ticks, median, record low, latest
    for text in texts:
        assert text.get_fontsize() * DPI / 72 >= 10, (preset, text.get_text(), text.get_fontsize())


@pytest.mark.parametrize("preset", ["phone", "social"])
def test_nothing_drawn_leaves_the_canvas(preset):
    fig = extent_figure(load_month(1), CHART_SIZES[preset])  # the longest credit, the subtitle with a gap
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    drawn = fig.get_tightbbox(renderer)  # inches: every artist drawn, ticks outside the axes' range left out
    width, height = CHART_SIZES[preset]
    assert drawn.x0 >= 0 and drawn.y0 >= 0
    assert drawn.x1 * DPI <= width + 0.5 and drawn.y1 * DPI <= height + 0.5


def test_a_gap_is_a_gap_in_the_line():
    fig = extent_figure(load_month(12), CHART_SIZES["social"])
    line = fig.axes[0].lines[0]
    years, values = list(line.get_xdata()), list(line.get_ydata())
    gap = values[years.index(1987)]
    assert gap != gap  # NaN: matplotlib breaks the line there (a 0 would draw a plunge)


@pytest.mark.parametrize("colour", [EXTENT_COLOUR, MEDIAN_COLOUR, RECORD_COLOUR, INK_COLOUR])
def test_data_marks_are_at_least_3_to_1_on_white(colour):
    assert contrast(colour, "#ffffff") >= 3.0


def test_the_same_chart_gives_the_same_bytes():
    series = load_month(9)
    assert render_extent_chart(series, CHART_SIZES["phone"], "svg") == render_extent_chart(series, CHART_SIZES["phone"],
                                                                                           "svg")
    with pytest.raises(ValueError):
        render_extent_chart(series, CHART_SIZES["phone"], "gif")


def test_a_series_parses_from_bytes_with_its_month_checked():
    data = (HEADER + "2000,  3,    NSIDC-0051,      N,  15.22,  13.17\n").encode()
    assert parse_extent_csv("x.csv", data, 3, 4).values == ((2000, 15.22),)
    with pytest.raises(RouteDataError, match="month 3, not 4"):
        parse_extent_csv("x.csv", data, 4, 4)


@pytest.mark.parametrize("month", range(1, 13))
def test_the_pages_static_chart_shows_this_months_data(month):
    """The page's chart is drawn ahead (scripts/build_extent_charts.py): it must name what the data says now."""
    from arctic_routes.datafiles import EXTENT_CHART_PX, extent_chart_file
    from arctic_routes.extent import format_mkm2, summarise

    series = load_month(month)
    summary = summarise(series)
    svg = extent_chart_file(month).read_text()
    year, value = summary.latest
    low_year, low = summary.record_low
    assert f"{series.month_name}," in svg and f"{series.first_year}-{series.last_year}<" in svg  # title, wrapped
    assert f"{year}: {format_mkm2(value)}" in svg or f"{format_mkm2(value)} in {year}" in svg
    assert format_mkm2(low) in svg and str(low_year) in svg
    width, height = EXTENT_CHART_PX
    assert f'width="{width * 0.72:g}pt"' in svg and f'height="{height * 0.72:g}pt"' in svg  # 100 px per inch

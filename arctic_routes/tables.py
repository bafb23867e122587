"""Tables the page shows, as DataFrames (lengths compared, legs, the facts), and as plain HTML tables.

The page draws its tables as HTML (:func:`table_html`), not with Streamlit's
table element: that one needs Apache Arrow in the reader's browser (about
130 KB gzipped of script) and costs the server a DataFrame conversion on
every run. The traffic figures are a table with bars in its cells
(:func:`traffic_html`) rather than a chart (a chart library is another
260 KB gzipped), and stay readable as numbers.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Hashable, Mapping, Sequence
from functools import lru_cache

import geopandas as gpd
import pandas as pd

from arctic_routes.datafiles import PACKAGE_DATA
from arctic_routes.model import Facts
from arctic_routes.navigation import Assessment
from arctic_routes.routes import leg_lengths, lengths_table
from arctic_routes.style import FAMILY_COLOURS
from arctic_routes.units import UNITS, convert_m
from arctic_routes.voyage import options_rows

#: The page's table look (Streamlit's, without its table element), once per page. Greyed rows at 4.5:1.
TABLE_CSS = (
    "<style>.arctic-table{overflow-x:auto;margin:0 0 1rem}"
    ".arctic-table table{border-collapse:collapse;width:100%;font-size:0.875rem;color:#31333f}"
    ".arctic-table th,.arctic-table td{border-bottom:1px solid #e6e9ef;padding:0.35rem 0.5rem;"
    "text-align:left;vertical-align:top}"
    ".arctic-table thead th{font-weight:600;border-bottom:2px solid #d5dae5}"
    ".arctic-table tbody th{font-weight:600}"
    ".arctic-table .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    ".arctic-table tr.closed td,.arctic-table tr.closed th{color:#6b6b6b}"
    ".arctic-table .bar{display:inline-block;height:0.7rem;margin-right:0.4rem;vertical-align:baseline}"
    # A compact table (the season strip) fits a phone's width whole: every column visible, text wrapped.
    "@media (max-width:640px){.arctic-compact table{table-layout:fixed;font-size:0.6rem;line-height:1.2}"
    ".arctic-compact th,.arctic-compact td{padding:0.3rem 0;text-align:center;white-space:normal;"
    "letter-spacing:-0.02em;border-left:1px solid #fff}"
    ".arctic-compact th:first-child{width:20%;text-align:left;overflow-wrap:anywhere;border-left:0}"
    ".arctic-compact th:last-child,.arctic-compact td:last-child{width:14%;overflow-wrap:anywhere}}"
    "</style>")

#: What a table shows for the days of an option not open to the ship that month: it has no sailing time.
NO_DAYS = "—"

_NUMBER = re.compile(r"^[+-]?[\d,]+(\.\d+)?( ?%)?$")


def _cell(value: object) -> str:
    return html.escape(str(value))


def _numeric(values: Sequence[object]) -> bool:
    """A column of numbers as read (``1,234``, ``23.5``, ``+12 %``), ``no figure``, ``n/a`` and ``—`` allowed."""
    numbers = [t for t in (str(v).strip() for v in values) if t not in ("no figure", "n/a", NO_DAYS, "")]
    return bool(numbers) and all(_NUMBER.match(t) for t in numbers)


def table_html(frame: pd.DataFrame, label: str, *, index: bool = False, styles: pd.DataFrame | None = None,
               row_classes: Sequence[str] | None = None,
               decorations: Mapping[tuple[Hashable, str], str] | None = None, compact: bool = False) -> str:
    """``frame`` as an accessible HTML table: a labelled region that scrolls sideways (and takes focus to).

    Column headers are ``th scope=col``; with ``index`` the index is a row header (``th scope=row``) under
    the index's name. Text is escaped; columns of numbers are right-aligned. ``styles`` (same shape as
    ``frame``) gives CSS per cell, ``row_classes`` a class per row, ``decorations`` trusted HTML (ours, never
    a reader's) put before the text of the cell at ``(index label, column)``. A ``compact`` table fits a phone's
    width whole (smaller text, every column visible) instead of scrolling sideways.

    >>> print(table_html(pd.DataFrame({"Strait": ["Kara <Gate>"], "Depth (m)": ["21"]}), "Straits"))
    ... # doctest: +NORMALIZE_WHITESPACE
    <div class="arctic-table" role="region" aria-label="Straits" tabindex="0"><table><thead><tr><th scope="col">Strait</th><th scope="col" class="num">Depth (m)</th></tr></thead><tbody><tr><td>Kara &lt;Gate&gt;</td><td class="num">21</td></tr></tbody></table></div>
    """
    decorated = {column for _, column in decorations or {}}  # a bar before the text: left-aligned
    numeric = {c: c not in decorated and _numeric(list(frame[c])) for c in frame.columns}
    num = ' class="num"'
    head = "".join(f'<th scope="col"{num if numeric[c] else ""}>{_cell(c)}</th>' for c in frame.columns)
    if index:
        head = f'<th scope="col">{_cell(frame.index.name or "")}</th>' + head
    rows = []
    for i, (key, row) in enumerate(frame.iterrows()):
        cells = [f'<th scope="row">{_cell(key)}</th>'] if index else []
        for j, column in enumerate(frame.columns):
            css = styles.iat[i, j] if styles is not None else ""
            attrs = (num if numeric[column] else "") + (f' style="{html.escape(css)}"' if css else "")
            before = decorations.get((key, column), "") if decorations else ""
            cells.append(f"<td{attrs}>{before}{_cell(row[column])}</td>")
        klass = f' class="{html.escape(row_classes[i])}"' if row_classes and row_classes[i] else ""
        rows.append(f"<tr{klass}>{''.join(cells)}</tr>")
    klass = "arctic-table arctic-compact" if compact else "arctic-table"
    return (f'<div class="{klass}" role="region" aria-label="{html.escape(label)}" tabindex="0"><table>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


@lru_cache(maxsize=1)
def load_facts() -> Facts:
    """The sourced facts shown on the page (``arctic_routes/data/facts.json``)."""
    return json.loads((PACKAGE_DATA / "facts.json").read_text())


def comparison_table(routes: gpd.GeoDataFrame, route_ids: list[str], unit: str) -> pd.DataFrame:
    """Chosen routes with from/to and length in ``unit``, each compared only with routes between the same ends.

    The Trans-Arctic route (Bering Strait to Fram Strait) is shorter than the Northeast Passage (North Cape to
    Bering Strait), but they join different places: a percentage between them would mislead. Numbers come
    formatted for reading (thousands separators; words for the comparison).
    """
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    chosen = routes.loc[[r for r in route_ids if r in routes.index]]
    table = lengths_table(chosen)
    columns = ["Route", "From", "To", f"Length ({unit})", "Against routes between the same ends"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    length = table["length_m"].map(lambda m: convert_m(m, unit))
    ends = table["from"] + " → " + table["to"]
    shortest = length.groupby(ends).transform("min")
    count = length.groupby(ends).transform("size")

    def against(i: int) -> str:
        if count.iloc[i] == 1:
            return "the only route shown between these ends"
        extra = length.iloc[i] - shortest.iloc[i]
        if round(extra) == 0:
            return f"shortest of the {count.iloc[i]} shown"
        return f"{extra:,.0f} {unit} longer (+{100 * extra / shortest.iloc[i]:.0f} %)"

    return pd.DataFrame({
        "Route": table["name"],
        "From": table["from"],
        "To": table["to"],
        f"Length ({unit})": length.map(lambda v: f"{v:,.0f}"),
        "Against routes between the same ends": [against(i) for i in range(len(table))],
    }).reset_index(drop=True)


def legs_table(route: pd.Series, unit: str) -> pd.DataFrame:
    """The route's legs between its named waypoints, in ``unit``, with a running total."""
    legs = leg_lengths(route)
    length = legs["length_m"].map(lambda m: convert_m(m, unit))
    return pd.DataFrame({"From": legs["from"], "To": legs["to"], f"Leg ({unit})": length.map(lambda v: f"{v:,.0f}"),
                         f"Total ({unit})": length.cumsum().map(lambda v: f"{v:,.0f}")})


def icebreaker_table(facts: Facts) -> pd.DataFrame:
    rows = [{"Fleet": t["topic"], "Figure": f["figure"], "What it counts": f["counts"], "Source": f["source"]}
            for t in facts["icebreakers"] for f in t["figures"]]
    return pd.DataFrame(rows)


#: The traffic series of the facts file and how the page names them.
TRAFFIC_LABELS = {"northern_sea_route_full_transits": "NSR full transits",
                  "northern_sea_route_cargo_mt": "NSR cargo (Mt)",
                  "northern_sea_route_transit_cargo_mt": "NSR transit cargo (Mt)",
                  "northwest_passage_full_transits": "NWP full transits"}


def transits_chart_data(facts: Facts) -> pd.DataFrame:
    """Yearly traffic as published, as numbers (NaN where there is no figure), indexed by year (a chart's data)."""
    series = facts["transits"]
    years = sorted({y for s in series.values() for y in s["values"]})
    return pd.DataFrame({TRAFFIC_LABELS[k]: [s["values"].get(y) for y in years] for k, s in series.items()},
                        index=[str(y) for y in years], dtype=float)


def transits_table(facts: Facts) -> pd.DataFrame:
    """The same for reading: counts as whole numbers, cargo in million tonnes to 0.01, a gap in words."""
    numbers = transits_chart_data(facts)
    frame = pd.DataFrame({
        column: ["no figure" if pd.isna(v) else f"{v:,.2f}" if column.endswith("(Mt)") else f"{v:,.0f}"
                 for v in numbers[column]]
        for column in numbers.columns}, index=numbers.index)
    frame.index.name = "Year"
    return frame


#: The bar colour of each traffic series: the colour of its route family on the map.
TRAFFIC_COLOURS = {"NSR full transits": FAMILY_COLOURS["northeast-passage"],
                   "NSR cargo (Mt)": FAMILY_COLOURS["northeast-passage"],
                   "NSR transit cargo (Mt)": FAMILY_COLOURS["northeast-passage"],
                   "NWP full transits": FAMILY_COLOURS["northwest-passage"]}


def traffic_html(facts: Facts) -> str:
    """The yearly traffic as a table with a bar in each cell, on one scale per unit.

    Transits of the two passages share a scale (24 NWP transits draw a quarter of 97 NSR ones); cargo in
    million tonnes has its own. The numbers stay the cell's text (a screen reader reads the table); the
    bars are decoration.
    """
    numbers = transits_chart_data(facts)
    unit = {c: "Mt" if c.endswith("(Mt)") else "transits" for c in numbers.columns}
    tops = {u: max(numbers[c].max() for c in numbers.columns if unit[c] == u) for u in set(unit.values())}
    bars = {}
    for column in numbers.columns:
        top = tops[unit[column]]
        for year, value in numbers[column].dropna().items():
            width = 0.2 + 5.8 * value / top  # rem: the largest figure's bar is 6 rem
            bars[(year, column)] = (f'<span class="bar" aria-hidden="true" style="width:{width:.2f}rem;'
                                    f'background:{TRAFFIC_COLOURS.get(column, "#555")}"></span>')
    return table_html(transits_table(facts), "Traffic on the Arctic routes by year (cited)", index=True,
                      decorations=bars)


def straits_table(straits: gpd.GeoDataFrame, routes: gpd.GeoDataFrame) -> pd.DataFrame:
    """Each strait: the routes through it, its depth and width as published, and the source (for the page).

    The same facts as the map's strait markers, for readers who cannot or will not hover a map.
    """
    rows = []
    for _, strait in straits[straits["kind"] == "strait"].iterrows():
        through = [str(r["name"]) for _, r in routes.iterrows() if strait["name"] in r["via"]]
        rows.append({
            "Strait": strait["name"],
            "Routes through it": "; ".join(through) or "none of these routes (an alternative passage)",
            "Depth and width, as published": strait["constraints"] or "not published in our sources",
            "Source": "; ".join(strait["sources"]),
        })
    return pd.DataFrame(rows)


def voyage_table(assessment: Assessment, unit: str) -> pd.DataFrame:
    """The voyage options as the reader reads them, on the page and in the HTML export: one row per option.

    Built from :func:`arctic_routes.voyage.options_rows`, the numbers behind the CSV too; the saving is
    against the conventional voyage (the shortest that uses no Arctic route). An option not open to the ship
    in that month has no days (:data:`NO_DAYS`): its length is true, a sailing time would not be.

    >>> from arctic_routes.navigation import assess
    >>> from arctic_routes.voyage import compare
    >>> table = voyage_table(assess(compare("Rotterdam", "Yokohama"), 9, "ordinary"), "nm")
    >>> table.loc[table["Voyage"] == "via Suez", "Shorter than conventional"].item()
    'conventional'
    >>> table.loc[table["Voyage"] == "Trans-Arctic route over the North Pole", "Days"].item()
    '—'
    """
    conventional = assessment.conventional
    conventional_name = conventional.voyage.name if conventional is not None else None
    return pd.DataFrame([
        {"Voyage": r["voyage"], "Open": "yes" if r["open"] else "no: " + r["why"],
         f"Length ({unit})": f"{r[f'length_{unit}']:,.0f}", f"In ice ({unit})": f"{r[f'ice_{unit}']:,.0f}",
         "Days": NO_DAYS if r["days"] is None else f"{r['days']:.1f}",
         "Shorter than conventional": ("conventional" if r["voyage"] == conventional_name
                                       else "n/a" if r["saving_pct"] is None else f"{r['saving_pct']:+.0f} %"),
         "Via": r["via"]}
        for r in options_rows(assessment, unit)])


def voyage_table_html(assessment: Assessment, unit: str) -> str:
    """:func:`voyage_table` as an HTML table; the options not open to the ship that month are greyed."""
    return table_html(voyage_table(assessment, unit), "Voyage options compared",
                      row_classes=["" if o.open else "closed" for o in assessment.options])

"""Tables the page shows, as DataFrames (lengths compared, legs, the facts)."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import geopandas as gpd
import pandas as pd

from arctic_routes.datafiles import PACKAGE_DATA
from arctic_routes.routes import leg_lengths, lengths_table
from arctic_routes.units import UNITS, convert_m


@lru_cache(maxsize=1)
def load_facts() -> dict[str, Any]:
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


def legs_table(route: Any, unit: str) -> pd.DataFrame:
    """The route's legs between its named waypoints, in ``unit``, with a running total."""
    legs = leg_lengths(route)
    length = legs["length_m"].map(lambda m: convert_m(m, unit))
    return pd.DataFrame({"From": legs["from"], "To": legs["to"], f"Leg ({unit})": length.map(lambda v: f"{v:,.0f}"),
                         f"Total ({unit})": length.cumsum().map(lambda v: f"{v:,.0f}")})


def icebreaker_table(facts: dict[str, Any]) -> pd.DataFrame:
    rows = [{"Fleet": t["topic"], "Figure": f["figure"], "What it counts": f["counts"], "Source": f["source"]}
            for t in facts["icebreakers"] for f in t["figures"]]
    return pd.DataFrame(rows)


#: The traffic series of the facts file and how the page names them.
TRAFFIC_LABELS = {"northern_sea_route_full_transits": "NSR full transits",
                  "northern_sea_route_cargo_mt": "NSR cargo (Mt)",
                  "northwest_passage_full_transits": "NWP full transits"}


def transits_chart_data(facts: dict[str, Any]) -> pd.DataFrame:
    """Yearly traffic as published, as numbers (NaN where there is no figure), indexed by year (a chart's data)."""
    series = facts["transits"]
    years = sorted({y for s in series.values() for y in s["values"]})
    return pd.DataFrame({TRAFFIC_LABELS[k]: [s["values"].get(y) for y in years] for k, s in series.items()},
                        index=[str(y) for y in years], dtype=float)


def transits_table(facts: dict[str, Any]) -> pd.DataFrame:
    """The same for reading: counts as whole numbers, cargo in million tonnes to 0.01, a gap in words."""
    numbers = transits_chart_data(facts)
    frame = pd.DataFrame({
        column: ["no figure" if pd.isna(v) else f"{v:,.2f}" if column.endswith("(Mt)") else f"{v:,.0f}"
                 for v in numbers[column]]
        for column in numbers.columns}, index=numbers.index)
    frame.index.name = "Year"
    return frame


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

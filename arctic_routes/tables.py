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
    """Chosen routes with from/to, length in ``unit`` and the difference against the shortest shown."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    chosen = routes.loc[[r for r in route_ids if r in routes.index]]
    table = lengths_table(chosen)
    if table.empty:
        return pd.DataFrame(columns=["Route", "From", "To", f"Length ({unit})", f"vs shortest ({unit})", "vs shortest"])
    length = table["length_m"].map(lambda m: convert_m(m, unit))
    shortest = length.min()
    return pd.DataFrame({
        "Route": table["name"],
        "From": table["from"],
        "To": table["to"],
        f"Length ({unit})": length.round(0).astype(int),
        f"vs shortest ({unit})": (length - shortest).round(0).astype(int),
        "vs shortest": ((length / shortest - 1.0) * 100).map(lambda p: f"+{p:.0f} %" if p >= 0.5 else "shortest"),
    }).reset_index(drop=True)


def legs_table(route: Any, unit: str) -> pd.DataFrame:
    """The route's legs between its named waypoints, in ``unit``, with a running total."""
    legs = leg_lengths(route)
    length = legs["length_m"].map(lambda m: convert_m(m, unit))
    return pd.DataFrame({"From": legs["from"], "To": legs["to"], f"Leg ({unit})": length.round(0).astype(int),
                         f"Total ({unit})": length.cumsum().round(0).astype(int)})


def icebreaker_table(facts: dict[str, Any]) -> pd.DataFrame:
    rows = [{"Fleet": t["topic"], "Figure": f["figure"], "What it counts": f["counts"], "Source": f["source"]}
            for t in facts["icebreakers"] for f in t["figures"]]
    return pd.DataFrame(rows)


def transits_table(facts: dict[str, Any]) -> pd.DataFrame:
    series = facts["transits"]
    years = sorted({y for s in series.values() for y in s["values"]})
    labels = {"northern_sea_route_full_transits": "NSR full transits",
              "northern_sea_route_cargo_mt": "NSR cargo (Mt)",
              "northwest_passage_full_transits": "NWP full transits"}
    frame = pd.DataFrame({labels[k]: [s["values"].get(y) for y in years] for k, s in series.items()}, index=years)
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

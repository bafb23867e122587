"""The text the command line prints: tables of lengths, measured tracks, comparisons and seasons.

Pure formatting of what the package computed; each number is formatted once,
from its unrounded value. :mod:`arctic_routes.cli` prints these.
"""

from __future__ import annotations

import json

import pandas as pd

from arctic_routes.captions import voyage_time
from arctic_routes.navigation import ICE_SPEED_KN, SHIPS, Assessment, OptionStatus
from arctic_routes.plaintext import csv_text
from arctic_routes.routes import lengths_table
from arctic_routes.seaice import MONTH_NAMES, OPEN_MAX_ICE_PCT, open_months_text
from arctic_routes.tables import NO_DAYS
from arctic_routes.voyage import options_rows

COLUMNS = ["id", "name", "family", "variant", "from", "to", "length_km", "length_nm", "length_mi"]


def format_lengths(table: pd.DataFrame, fmt: str) -> str:
    """The lengths table as text in ``fmt`` (table, json or csv)."""
    table = table[COLUMNS].copy()
    for col in ("length_km", "length_nm", "length_mi"):
        table[col] = table[col].round(1)
    if fmt == "json":
        return json.dumps(table.to_dict(orient="records"), indent=2, ensure_ascii=False)
    if fmt == "csv":
        return csv_text(table).rstrip("\n")
    shown = table.drop(columns=["family"]).rename(
        columns={"length_km": "km", "length_nm": "nm", "length_mi": "mi"}
    )
    return shown.to_string(index=False, float_format=lambda v: f"{v:,.0f}")


def format_measure(tracks: pd.DataFrame, fmt: str) -> str:
    """Each line of a user's file: id, name and geodesic length in nm and km (to 0.1), as a table, JSON or CSV
    (a name a spreadsheet would run as a formula starts with ``'``)."""
    table = lengths_table(tracks)[["id", "name", "length_nm", "length_km"]].round({"length_nm": 1, "length_km": 1})
    if fmt == "json":
        return json.dumps(table.to_dict(orient="records"), indent=2, ensure_ascii=False)
    if fmt == "csv":
        return csv_text(table).rstrip("\n")
    shown = table.rename(columns={"id": "line", "length_nm": "nm", "length_km": "km"})
    return shown.to_string(index=False, float_format=lambda v: f"{v:,.1f}")


def format_comparison(assessment: Assessment) -> str:
    """A comparison as an aligned text table, the headline first (each number formatted once)."""
    comparison, speed_kn = assessment.comparison, assessment.speed_kn
    head = (f"{comparison.origin.name} -> {comparison.destination.name}, {MONTH_NAMES[assessment.month - 1]}, "
            f"{SHIPS[assessment.ship]}, {speed_kn:g} knots in open water")
    best, conventional = assessment.headline, assessment.conventional
    lines = [head]
    if best is not None:
        saved = assessment.days_saved(best)
        gain = f", {saved:.1f} days faster than the conventional voyage" if saved and saved >= 0.05 else ""
        lines.append(f"fastest open option: {best.voyage.name}, {best.voyage.length_m / 1852:,.0f} nm, "
                     f"{voyage_time(best, speed_kn)}{gain}")
    elif comparison.voyages:
        lines.append("no option is open to this ship in this month")
    rows = [
        {
            "": "*" if o is best else ("x" if not o.open else ""),
            "route": o.voyage.kind,
            "variant": o.voyage.variant or "",
            "nm": f"{r['length_nm']:,.0f}",
            "ice nm": f"{r['ice_nm']:,.0f}",
            "days": NO_DAYS if r["days"] is None else f"{r['days']:.1f}",
            "shorter": _shorter(o, r["saving_pct"], conventional),
            "open": "yes" if o.open else "no",
        }
        for o, r in zip(assessment.options, options_rows(assessment, "nm"))
    ]
    if rows:
        lines.append(pd.DataFrame(rows).to_string(index=False))
        lines += [f"  not open: {o.voyage.variant or o.voyage.kind}: {o.why}" for o in assessment.options if not o.open]
        lines.append(f"* fastest open option; x not open to this ship in this month ({NO_DAYS}: no days); shorter: "
                     "length against the conventional voyage. Ice: NSIDC median extent 1981-2010 (not this year's ice); miles in ice "
                     f"at {ICE_SPEED_KN:g} kn or slower.")
    lines += [f"note: {n}" for n in comparison.notes]
    return "\n".join(lines)


def _shorter(option: OptionStatus, saving_pct: float | None, conventional: OptionStatus | None) -> str:
    if option is conventional:
        return "conventional"
    return "" if saving_pct is None else f"{saving_pct:+.0f}%"


def format_seasons(routes: pd.DataFrame, shares: dict[str, list[float]]) -> str:
    """Each route's share under the median ice, month by month, and its open months in words."""
    rows = [
        {"id": rid, **{MONTH_NAMES[m][:3]: f"{pct:.0f}" for m, pct in enumerate(shares[rid])},
         "mostly ice-free": open_months_text(shares[rid])}
        for rid in routes.index
    ]
    return "\n".join([
        "% of each route's length under the NSIDC median sea-ice extent 1981-2010 (not this year's ice)",
        pd.DataFrame(rows).to_string(index=False),
        f"mostly ice-free: at most {OPEN_MAX_ICE_PCT:g} % of the length under the median extent.",
    ])

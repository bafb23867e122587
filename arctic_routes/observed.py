"""What ships actually did, set against the 1981-2010 median the season strip is built on: words computed from
the cited facts (``facts.json``'s observed seasons and traffic) and the strip's own monthly shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from arctic_routes.model import Facts, ObservedSeason
from arctic_routes.seaice import MONTH_NAMES

#: How the page names a route family in a sentence.
FAMILY_NAMES = {"northeast-passage": "Northern Sea Route", "northwest-passage": "Northwest Passage",
                "transpolar": "Trans-Arctic route"}


def _day(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {MONTH_NAMES[day.month - 1]}"


def observed_season_text(season: ObservedSeason, median_open: Mapping[str, str]) -> str:
    """One observed season in words, with the months the median ice leaves each variant of that family open.

    ``median_open`` maps a variant's name to :func:`arctic_routes.seaice.open_months_text` of its shares.

    Examples
    --------
    >>> s = ObservedSeason(family="northeast-passage", year=2025, first="2025-06-30", last="2025-11-17",
    ...                    what="transit voyage", source="CHNL")
    >>> print(observed_season_text(s, {"coastal": "August-September", "high-latitude": "never at the 1981-2010 median"}))
    Northern Sea Route, 2025: the first transit voyage on 30 June, the last on 17 November, 140 days apart \
(CHNL). The strip's 1981-2010 median ice leaves it mostly ice-free only in: coastal August-September; \
high-latitude never.
    """
    first, last = dt.date.fromisoformat(season["first"]), dt.date.fromisoformat(season["last"])
    if last < first:
        raise ValueError(f"observed season {season['year']}: last {season['last']} before first {season['first']}")
    family = FAMILY_NAMES.get(season["family"], season["family"])
    median = "; ".join(f"{variant} {'never' if months.startswith('never') else months}"
                       for variant, months in median_open.items())
    text = (f"{family}, {season['year']}: the first {season['what']} on {_day(season['first'])}, the last on "
            f"{_day(season['last'])}, {(last - first).days} days apart ({season['source']}).")
    if median:
        text += f" The strip's 1981-2010 median ice leaves it mostly ice-free only in: {median}."
    return text


def latest_transits(facts: Facts) -> list[str]:
    """The latest published count of each transit series, in words with its source (newest year first).

    >>> from arctic_routes.tables import load_facts
    >>> latest_transits(load_facts())[0].startswith("Northern Sea Route, 2025: 103 transits")
    True
    """
    lines = []
    for key, series in facts["transits"].items():
        if not key.endswith("_transits"):
            continue
        years = [y for y, v in series["values"].items() if v is not None]
        if not years:
            continue
        year = max(years, key=int)
        family = "Northern Sea Route" if key.startswith("northern_sea_route") else "Northwest Passage"
        source = series.get("year_sources", {}).get(year, series["source"])
        lines.append(f"{family}, {year}: {series['values'][year]:,.0f} transits ({source}).")
    return sorted(lines, key=lambda line: line.split(",")[1], reverse=True)

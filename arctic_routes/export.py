"""Exports that stand alone: one HTML file with the interactive map, GeoJSON and CSV of routes and voyages.

The HTML file inlines Leaflet, the land, the ice and every route: it opens
from disk or any static host and makes no network request, which is how a
newsroom can serve it to any number of readers from a CDN. It carries the same
state as a share link: routes, ice month, voyage (with its table), title,
subtitle and map view.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import geopandas as gpd
import pandas as pd

from arctic_routes.datafiles import LEAFLET_LICENSE_FILE, STATIC_DIR, extent_chart_file
from arctic_routes.extent import extent_alt_text, extent_sentence, load_month
from arctic_routes.leaflet import RawElement, SetView
from arctic_routes.mapview import CREDIT, MapOptions, build_map
from arctic_routes.model import Facts
from arctic_routes.navigation import SHIPS, Assessment, OptionStatus
from arctic_routes.plaintext import csv_text
from arctic_routes.routes import lengths_table
from arctic_routes.seaice import MONTH_NAMES
from arctic_routes.tables import voyage_table_html
from arctic_routes.voyage import options_rows

VENDOR = STATIC_DIR / "vendor"
_SCRIPTS = [VENDOR / "leaflet-1.9.3" / "leaflet.js"]
_STYLES = [VENDOR / "leaflet-1.9.3" / "leaflet.css"]


def _with_licence(path: Path) -> str:
    """A vendored file's text; Leaflet's starts with its BSD 2-Clause licence, which redistributions must carry.

    ``/*!`` marks a comment that minifiers keep.
    """
    source = path.read_text()
    if path.parent != LEAFLET_LICENSE_FILE.parent:
        return source
    licence = LEAFLET_LICENSE_FILE.read_text().replace("*/", "* /").strip()
    return f"/*! Leaflet 1.9.3, https://leafletjs.com\n\n{licence}\n*/\n{source}"


def _inline_script(source: str) -> str:
    # A literal "</script" inside would end the element early.
    return "<script>" + source.replace("</script", "<\\/script") + "</script>"


def standalone_html(routes: gpd.GeoDataFrame, options: MapOptions, title: str = "Arctic shipping routes",
                    straits: gpd.GeoDataFrame | None = None, ports: gpd.GeoDataFrame | None = None,
                    facts: Facts | None = None, subtitle: str | None = None,
                    assessment: Assessment | None = None, voyages: Sequence[OptionStatus] = (),
                    view: tuple[float, float, float] | None = None) -> str:
    """One self-contained HTML page with the interactive polar map (no network requests).

    ``assessment`` (:class:`arctic_routes.navigation.Assessment`) adds its comparison as a table under
    the map; ``voyages`` (its options to draw, default: its headline and conventional options) are drawn.
    ``view`` is a share link's ``(x_km, y_km, zoom)``.

    Examples
    --------
    >>> from arctic_routes.routes import load_routes
    >>> page = standalone_html(load_routes(), MapOptions(route_ids=("tsr-pole",)))
    >>> import re
    >>> re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="[^"]+', page)  # nothing the browser would fetch
    []
    """
    speed_kn = assessment.speed_kn if assessment is not None else 14.0
    drawn = tuple(voyages) or (assessment.to_draw() if assessment is not None else ())
    comparison = cast(Assessment, assessment).comparison if drawn else None  # voyages come with their assessment
    ends = (comparison.origin, comparison.destination) if comparison is not None else ()
    m = build_map(routes, options, straits, ports, facts, inline_land=True, voyages=drawn, speed_kn=speed_kn,
                  voyage_ends=ends)
    if view is not None:
        m.add_child(SetView([view[1] * 1000.0, view[0] * 1000.0], view[2]))
    m.default_js, m.default_css = [], []
    header = m.get_root().header  # type: ignore[attr-defined]  # a folium Figure
    for path in _STYLES:
        header.add_child(RawElement("<style>" + path.read_text() + "</style>"), name=f"inline-{path.name}")
    for path in _SCRIPTS:
        header.add_child(RawElement(_inline_script(_with_licence(path))), name=f"inline-{path.name}")
    header.add_child(RawElement(f"<title>{html.escape(title)}</title>"), name="title")
    header.add_child(RawElement('<meta name="description" content="' + html.escape(CREDIT) + '">'), name="desc")
    page = m.get_root().render().replace("<html>", '<html lang="en">', 1)  # a language for screen readers
    head = (f"<header class=\"arctic-page\"><h1>{html.escape(title)}</h1>"
            + (f"<p>{html.escape(subtitle)}</p>" if subtitle else "") + "</header>")
    foot = (voyage_section_html(assessment, options.unit) if assessment is not None else "")
    foot += ice_section_html(options.month)
    foot += f"<footer class=\"arctic-page\"><p>{html.escape(CREDIT)}. Lengths are geodesic on WGS84.</p></footer>"
    style = ("<style>html,body{height:auto}.folium-map{height:78vh!important;min-height:420px}"
             ".arctic-page{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#222;"
             "margin:0 auto;max-width:1100px;padding:8px 12px}.arctic-page h1{font-size:24px;margin:4px 0}"
             ".arctic-page p{margin:2px 0;color:#444}.arctic-page table{border-collapse:collapse;width:100%}"
             ".arctic-page th,.arctic-page td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left}"
             ".arctic-page .num{text-align:right}.arctic-page tr.closed td{color:#595959}"
             ".arctic-table{overflow-x:auto}</style>")
    page = page.replace("</head>", style + "</head>", 1)
    page = page.replace("<body>", "<body>" + head, 1)
    return page.replace("</body>", foot + "</body>", 1)


def ice_section_html(month: int) -> str:
    """The month's sea ice every year since 1979 under the exported map: the page's chart, inlined as SVG (no
    request), with its alt text and the sentence computed from the NSIDC Sea Ice Index."""
    series = load_month(month)
    svg = extent_chart_file(month).read_text(encoding="utf-8")
    svg = svg[svg.index("<svg"):]  # no XML declaration or DOCTYPE inside HTML
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(extent_alt_text(series))}" '
                              'style="max-width:100%;height:auto" ', 1)
    return (f"<section class=\"arctic-page\"><h2>Sea ice in {series.month_name}, every year</h2>{svg}"
            f"<p>{html.escape(extent_sentence(month))} Computed from the NSIDC Sea Ice Index (Fetterer et al., "
            "doi:10.7265/a98x-0f50). The map's ice is the 1981-2010 median, not one year's.</p></section>")


def voyage_section_html(assessment: Assessment, unit: str) -> str:
    """The comparison under the exported map: what was compared, the fastest open option, every option."""
    comparison = assessment.comparison
    heading = (f"{comparison.origin.name} → {comparison.destination.name}, {MONTH_NAMES[assessment.month - 1]}, "
               f"{SHIPS[assessment.ship]} at {assessment.speed_kn:g} kn")
    best = assessment.headline
    lead = f"Fastest open option: {best.voyage.name}." if best is not None else "No option is open."
    return (f"<section class=\"arctic-page\"><h2>{html.escape(heading)}</h2><p>{html.escape(lead)}</p>"
            f"{voyage_table_html(assessment, unit)}"
            "<p>Ice: the median extent 1981-2010 (NSIDC), not this year's ice; miles in ice at 8 kn or slower."
            "</p></section>")


def voyage_csv(assessment: Assessment, unit: str = "nm") -> str:
    """The comparison as CSV: one row per option, with the month, ship, speed and why an option is not open.

    A value that does not exist is an empty cell, as ``saving_pct`` without a conventional voyage: ``days`` of
    an option not open to the ship in that month (it has no sailing time), so the column stays numbers.
    ``ice_<unit>`` is the ice along the whole voyage, ``arctic_ice_<unit>`` along the Arctic leg only.
    """
    rows = options_rows(assessment, unit)
    frame = pd.DataFrame([{
        "from": assessment.comparison.origin.name, "to": assessment.comparison.destination.name,
        "month": assessment.month, "ship": assessment.ship, "speed_kn": assessment.speed_kn,
        "voyage": r["voyage"], "via": r["via"], f"length_{unit}": round(r[f"length_{unit}"], 1),
        f"ice_{unit}": round(r[f"ice_{unit}"], 1), f"arctic_ice_{unit}": round(r[f"arctic_ice_{unit}"], 1),
        "days": None if r["days"] is None else round(r["days"], 2),
        "saving_pct": None if r["saving_pct"] is None else round(r["saving_pct"], 1),
        "open": r["open"], "why_not": r["why"],
    } for r in rows])
    return csv_text(frame)


def routes_geojson(routes: gpd.GeoDataFrame, route_ids: list[str] | tuple[str, ...]) -> str:
    """The chosen routes as an RFC 7946 FeatureCollection, with their properties and lengths."""
    table = lengths_table(routes).set_index("id")
    features = []
    for rid in route_ids:
        if rid not in routes.index:
            continue
        row = routes.loc[rid]
        props = {k: _plain(row[k]) for k in routes.columns if k not in ("geometry", "geojson", "length_m")}
        props.update(length_km=round(float(table.loc[rid, "length_km"]), 1),
                     length_nm=round(float(table.loc[rid, "length_nm"]), 1))
        features.append({"type": "Feature", "properties": props, "geometry": row["geojson"]})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)


def lengths_csv(routes: gpd.GeoDataFrame, route_ids: list[str] | tuple[str, ...]) -> str:
    table = lengths_table(routes.loc[[r for r in route_ids if r in routes.index]])
    cols = ["id", "name", "family", "variant", "from", "to", "length_km", "length_nm", "length_mi"]
    return csv_text(table[cols].round({"length_km": 1, "length_nm": 1, "length_mi": 1}))


def _plain(value: object) -> object:
    if isinstance(value, float) and pd.isna(value):
        return None
    return value

"""Exports that stand alone: one HTML file with the interactive map, GeoJSON and CSV of routes.

The HTML file inlines Leaflet, the land and every route: it opens
from disk or any static host and makes no network request, which is how a
newsroom can serve it to any number of readers from a CDN.
"""

from __future__ import annotations

import html
import json
from typing import Any

import geopandas as gpd
import pandas as pd

from arctic_routes.datafiles import STATIC_DIR
from arctic_routes.leaflet import RawElement
from arctic_routes.mapview import CREDIT, MapOptions, build_map
from arctic_routes.routes import lengths_table

VENDOR = STATIC_DIR / "vendor"
_SCRIPTS = [VENDOR / "leaflet-1.9.3" / "leaflet.js"]
_STYLES = [VENDOR / "leaflet-1.9.3" / "leaflet.css"]


def _inline_script(source: str) -> str:
    # A literal "</script" inside would end the element early.
    return "<script>" + source.replace("</script", "<\\/script") + "</script>"


def standalone_html(routes: gpd.GeoDataFrame, options: MapOptions, title: str = "Arctic shipping routes",
                    straits: gpd.GeoDataFrame | None = None, ports: gpd.GeoDataFrame | None = None,
                    facts: dict[str, Any] | None = None) -> str:
    """One self-contained HTML page with the interactive polar map (no network requests).

    Examples
    --------
    >>> from arctic_routes.routes import load_routes
    >>> page = standalone_html(load_routes(), MapOptions(route_ids=("tsr-pole",)))
    >>> any(f'{attr}="http' in page for attr in ("src", "href")) or "<link" in page
    False
    """
    m = build_map(routes, options, straits, ports, facts, inline_land=True)
    m.default_js, m.default_css = [], []
    header = m.get_root().header  # type: ignore[attr-defined]  # a folium Figure
    for path in _STYLES:
        header.add_child(RawElement("<style>" + path.read_text() + "</style>"), name=f"inline-{path.name}")
    for path in _SCRIPTS:
        header.add_child(RawElement(_inline_script(path.read_text())), name=f"inline-{path.name}")
    header.add_child(RawElement(f"<title>{html.escape(title)}</title>"), name="title")
    header.add_child(RawElement('<meta name="description" content="' + html.escape(CREDIT) + '">'), name="desc")
    return m.get_root().render()


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
    return table[cols].round({"length_km": 1, "length_nm": 1, "length_mi": 1}).to_csv(index=False)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and pd.isna(value):
        return None
    return value

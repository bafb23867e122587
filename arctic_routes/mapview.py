"""The polar map: a :class:`folium.Map` in the EPSG:3413 plane, built, never shown.

Everything is projected with pyproj to NSIDC polar stereographic north
(EPSG:3413, metres) and drawn on Leaflet's ``Simple`` CRS, so the Pole is on
the map, nothing is clamped at 85N and the 180 deg meridian is no seam. In
Leaflet's ``[lat, lng]`` convention a map point is ``[y, x]``:
:func:`to_leaflet` is the one place that swap happens.

The map is split in two so a page can keep the reader's view:
:func:`base_map` (land, sea, graticule, legend, scale: the same for every
selection) and :func:`overlay_layers` (routes and annotations: what changes).
:func:`build_map` puts both on one map (exports, tests).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import folium
import geopandas as gpd
import numpy as np
from branca.element import MacroElement
from jinja2 import Template

from arctic_routes.datafiles import LAND_DISPLAY_FILE, LAND_DISPLAY_URL
from arctic_routes.geodesy import UNITS, convert_m, densify_geodesic, geometry_lonlat, to_polar
from arctic_routes.routes import route_length_m

#: Where the page serves the vendored scripts (static/vendor, see its README).
STATIC_PREFIX = "/app/static/vendor"
LEAFLET_JS = f"{STATIC_PREFIX}/leaflet-1.9.3/leaflet.js"
LEAFLET_CSS = f"{STATIC_PREFIX}/leaflet-1.9.3/leaflet.css"
LEAFLET_IMAGES = f"{STATIC_PREFIX}/leaflet-1.9.3/images/"
JQUERY_JS = f"{STATIC_PREFIX}/jquery-3.7.1/jquery.min.js"

SEA_COLOUR = "#d5e5f1"
LAND_COLOUR = "#efeadf"
COAST_COLOUR = "#a79f8d"
GRATICULE_COLOUR = "#7d98b3"

#: Okabe-Ito colours (safe for the common colour-vision deficiencies), one per family.
FAMILY_COLOURS = {
    "northwest-passage": "#D55E00",  # vermillion
    "northeast-passage": "#0072B2",  # blue
    "transpolar": "#CC79A7",  # reddish purple
    "user": "#000000",
}
FAMILY_LABELS = {
    "northwest-passage": "Northwest Passage",
    "northeast-passage": "Northeast Passage / Northern Sea Route",
    "transpolar": "Trans-Arctic route",
    "user": "Your track",
}
#: Variants within a family are told apart by dash pattern, in data order.
DASHES = [None, "12 8", "3 7"]

#: Half-width of the area the map opens on and may be panned within (metres).
VIEW_HALF_M = 3_300_000.0
BOUNDS_HALF_M = 5_000_000.0
ARCTIC_CIRCLE_DEG = 66.5634  # mean latitude of the Arctic Circle (epoch 2025)


def to_leaflet(xy: np.ndarray | Sequence[Sequence[float]]) -> list[list[float]]:
    """Map-plane (x, y) metres to Leaflet ``[lat, lng]`` = ``[y, x]``, rounded to 10 m."""
    arr = np.asarray(xy, dtype=float)
    return np.round(arr[:, ::-1], -1).tolist()


def lonlat_to_leaflet(coords: np.ndarray | Sequence[Sequence[float]]) -> list[list[float]]:
    """(lon, lat) degrees to Leaflet ``[y, x]`` on the polar plane."""
    return to_leaflet(to_polar(coords))


@dataclass(frozen=True)
class MapOptions:
    """What the reader chose: which routes, the unit, the annotation layers."""

    route_ids: tuple[str, ...] = ()
    unit: str = "nm"
    layers: frozenset[str] = field(default_factory=frozenset)
    selected: str | None = None


LAYERS = {
    "straits": "Straits (depth, width)",
    "ports": "Ports",
    "icebreakers": "Icebreaker fleets",
    "seasons": "Navigation season",
}


class _MapSetup(MacroElement):
    """Sea colour, attribution, pan limits: a few lines of script on the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.Icon.Default.prototype.options.imagePath = {{ this.images|tojson }};
        (function() {
          var css = document.createElement("style");
          css.textContent = ".leaflet-control-attribution,.leaflet-control-scale-line{font-size:11px!important}" +
            ".leaflet-tooltip{font:12px/1.35 system-ui,-apple-system,Segoe UI,Roboto,sans-serif}" +
            "@media (max-width:520px){.arctic-legend{font-size:9.5px!important;max-width:150px!important;" +
            "padding:3px 5px!important}.arctic-legend svg{width:18px}}";
          document.head.appendChild(css);
        })();
        {{ this._parent.get_name() }}.getContainer().style.background = {{ this.sea|tojson }};
        {{ this._parent.get_name() }}.setMaxBounds({{ this.bounds|tojson }});
        {{ this._parent.get_name() }}.attributionControl.setPrefix(false);
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.credit|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, sea: str, bounds: list[list[float]], credit: str) -> None:
        super().__init__()
        self.sea, self.bounds, self.credit = sea, bounds, credit
        self.images = LEAFLET_IMAGES


class _Legend(MacroElement):
    """A Leaflet control with the legend's HTML (escaped text, no remote assets)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
          var legend = L.control({position: "topright"});
          legend.onAdd = function() {
            var div = L.DomUtil.create("div", "arctic-legend");
            div.style.cssText = "background:rgba(255,255,255,0.92);padding:6px 8px;border-radius:4px;" +
              "font:12px/1.35 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#222;" +
              "box-shadow:0 1px 4px rgba(0,0,0,0.25);max-width:220px";
            div.innerHTML = {{ this.body|tojson }};
            L.DomEvent.disableClickPropagation(div);
            return div;
          };
          legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, body: str) -> None:
        super().__init__()
        self.body = body


def _swatch(colour: str, dash: str | None) -> str:
    style = f"stroke:{colour};stroke-width:3" + (f";stroke-dasharray:{dash.replace(' ', ',')}" if dash else "")
    return f'<svg width="28" height="8" aria-hidden="true"><line x1="0" y1="4" x2="28" y2="4" style="{style}"/></svg>'


def legend_html(routes: gpd.GeoDataFrame) -> str:
    """Legend rows: one per variant, grouped by family, in the family colour and dash."""
    rows = ['<div style="font-weight:600;margin-bottom:2px">Arctic shipping routes</div>']
    for family, group in routes.groupby("family", sort=False):
        colour = FAMILY_COLOURS.get(str(family), "#000")
        rows.append(f'<div style="margin-top:3px;font-weight:600;color:{colour}">'
                    f"{html.escape(FAMILY_LABELS.get(str(family), str(family)))}</div>")
        for i, (_, route) in enumerate(group.iterrows()):
            rows.append(f"<div>{_swatch(colour, DASHES[i % len(DASHES)])} {html.escape(str(route['variant']))}</div>")
    rows.append('<div style="margin-top:4px;color:#555">Polar stereographic (EPSG:3413). '
                "Lengths are geodesic (WGS84).</div>")
    return "".join(rows)


@lru_cache(maxsize=1)
def land_document() -> dict[str, Any]:
    """The display land: EPSG:3413, integer coordinates delta-encoded per ring (see scripts/build_land.py)."""
    return json.loads(LAND_DISPLAY_FILE.read_text())


def decode_land(doc: dict[str, Any]) -> list[list[np.ndarray]]:
    """Polygons as lists of rings of (x, y) metres: what the map's script draws."""
    unit = doc["unit_m"]
    return [[np.cumsum(np.asarray(r, dtype=float).reshape(-1, 2), axis=0) * unit for r in rings]
            for rings in doc["polygons"]]


class _LandLayer(MacroElement):
    """Land as one canvas polygon under everything; fetched from our server, or inlined for exports."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map) {
          function draw(doc) {
            var u = doc.unit_m;
            var polygons = doc.polygons.map(function(rings) {
              return rings.map(function(r) {
                var x = 0, y = 0, out = new Array(r.length / 2);
                for (var i = 0; i < r.length; i += 2) { x += r[i]; y += r[i + 1]; out[i / 2] = [y * u, x * u]; }
                return out;
              });
            });
            L.polygon(polygons, {{ this.style|tojson }}).addTo(map).bringToBack();
            map._landDrawn = true;
          }
          {% if this.url %}
          fetch({{ this.url|tojson }}).then(function(r) { return r.json(); }).then(draw);
          {% else %}
          draw({{ this.data|tojson }});
          {% endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, url: str | None = None, data: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.url, self.data = url, data
        self.style = {"fillColor": LAND_COLOUR, "fillOpacity": 1.0, "color": COAST_COLOUR, "weight": 0.6,
                      "interactive": False, "smoothFactor": 1.0}


def _meridian_label(lon: int) -> str:
    if lon in (0, 180, -180):
        return f"{abs(lon)}°"
    return f"{abs(lon)}°{'E' if lon > 0 else 'W'}"


def graticule(south_deg: float = 50.0) -> tuple[list[tuple[str, np.ndarray]], list[tuple[str, np.ndarray]]]:
    """Parallels (every 10 deg and the Arctic Circle) and meridians (every 30 deg), in the polar plane."""
    parallels = []
    for lat in [*range(int(south_deg), 90, 10), ARCTIC_CIRCLE_DEG]:
        lons = np.linspace(-180, 180, 361)
        label = "Arctic Circle" if lat == ARCTIC_CIRCLE_DEG else f"{lat}°N"
        parallels.append((label, to_polar(np.column_stack([lons, np.full_like(lons, lat)]))))
    meridians = []
    for lon in range(-180, 180, 30):
        lats = np.linspace(south_deg - 5, 90, 50)
        meridians.append((_meridian_label(lon), to_polar(np.column_stack([np.full_like(lats, lon), lats]))))
    return parallels, meridians


def _label(text: str, xy: Sequence[float], css: str = "") -> folium.Marker:
    style = ("font:11px system-ui,sans-serif;color:#46627d;white-space:nowrap;"
             "text-shadow:0 0 3px #fff,0 0 3px #fff;transform:translate(-50%,-50%);" + css)
    icon = folium.DivIcon(html=f'<div style="{style}">{html.escape(text)}</div>', icon_size=(0, 0))
    return folium.Marker(location=[float(xy[1]), float(xy[0])], icon=icon, interactive=False)


def _use_local_assets(m: folium.Map) -> None:
    """Leaflet and jQuery from our own server (jQuery: folium popups use ``$``)."""
    m.default_js = [("leaflet", LEAFLET_JS), ("jquery", JQUERY_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]


CREDIT = "Land © Natural Earth (public domain) · Routes: Arctic Routes"


def base_map(routes: gpd.GeoDataFrame, inline_land: bool = False) -> folium.Map:
    """The map without routes: land, sea, graticule, Pole, legend, scale bar.

    Depends only on the route list (for the legend), so a page can keep it
    identical across reruns and the browser keeps the reader's pan and zoom.
    The land is fetched from the page's server (and cached by the browser);
    ``inline_land=True`` puts it in the script instead (a file that stands alone).
    """
    half = VIEW_HALF_M
    m = folium.Map(location=[0, 0], zoom_start=-13, crs="Simple", tiles=None, zoom_snap=0.25, zoom_delta=0.5,
                   control_scale=True, prefer_canvas=True, max_bounds_viscosity=0.8)
    # folium passes min_zoom/max_zoom to tiles only; without them Leaflet clamps zoom at 0.
    m.options.update(minZoom=-15, maxZoom=-6)
    _use_local_assets(m)
    m.add_child(_MapSetup(SEA_COLOUR, [[-BOUNDS_HALF_M] * 2, [BOUNDS_HALF_M] * 2], CREDIT))
    m.add_child(_LandLayer(data=land_document()) if inline_land else _LandLayer(url=LAND_DISPLAY_URL))
    parallels, meridians = graticule()
    grid = folium.FeatureGroup(name="graticule", control=False)
    for label, xy in meridians:
        folium.PolyLine(to_leaflet(xy), color=GRATICULE_COLOUR, weight=0.7, opacity=0.55, interactive=False).add_to(grid)
        _label(label, xy[2]).add_to(grid)
    for label, xy in parallels:
        circle = label == "Arctic Circle"
        folium.PolyLine(to_leaflet(xy), color=GRATICULE_COLOUR, weight=1.1 if circle else 0.7,
                        opacity=0.8 if circle else 0.55, dash_array="6 5" if circle else None,
                        interactive=False).add_to(grid)
        # Labels on the 135E meridian (straight up from the Pole in this projection).
        at = int(np.argmin(np.abs(np.linspace(-180, 180, 361) - 135)))
        _label(label, xy[at], "font-style:italic").add_to(grid)
    grid.add_to(m)
    folium.CircleMarker([0, 0], radius=4, color="#222", weight=1.5, fill=True, fill_color="#fff", fill_opacity=1,
                        tooltip="North Pole (90°N)").add_to(m)
    _label("North Pole", (0, -90_000), "font-weight:600;color:#222").add_to(m)
    m.add_child(_Legend(legend_html(routes)))
    m.fit_bounds([[-half, -half], [half, half]])
    return m


@lru_cache(maxsize=64)
def _route_points(route_id: str, geometry_json: str) -> list[list[float]]:
    """A route's line on the map plane, densified every 25 km (cached: the geometry is the key)."""
    return to_leaflet(to_polar(densify_geodesic(geometry_lonlat(json.loads(geometry_json)), 25.0)))


@lru_cache(maxsize=256)
def _length_m(geometry_json: str) -> float:
    return route_length_m(json.loads(geometry_json))


def route_tooltip(route: Any, unit: str) -> str:
    length = convert_m(_length_m(json.dumps(route["geojson"])), unit)
    return f"{route['name']}: {length:,.0f} {unit}"


def route_layer(routes: gpd.GeoDataFrame, options: MapOptions) -> folium.FeatureGroup:
    """The chosen routes, each in its family colour and variant dash; the selected one drawn wider."""
    group = folium.FeatureGroup(name="routes")
    dash_index = {rid: i for _, g in routes.groupby("family", sort=False) for i, rid in enumerate(g["id"])}
    for rid in options.route_ids:
        if rid not in routes.index:
            continue
        route = routes.loc[rid]
        colour = FAMILY_COLOURS.get(route["family"], "#000")
        points = _route_points(rid, json.dumps(route["geojson"]))
        tip = html.escape(route_tooltip(route, options.unit))
        selected = rid == options.selected
        if selected:  # a halo under the selected route
            folium.PolyLine(points, color="#ffffff", weight=9, opacity=0.9, interactive=False).add_to(group)
        folium.PolyLine(points, color=colour, weight=5 if selected else 3, opacity=1.0,
                        dash_array=DASHES[dash_index[rid] % len(DASHES)], interactive=False).add_to(group)
        # A wide invisible line on top: easy to hover and tap, carries the tooltip.
        folium.PolyLine(points, color=colour, weight=16, opacity=0.0,
                        tooltip=folium.Tooltip(tip, sticky=True)).add_to(group)
    return group


def annotation_layer(options: MapOptions, straits: gpd.GeoDataFrame | None, ports: gpd.GeoDataFrame | None,
                     facts: dict[str, Any] | None) -> folium.FeatureGroup:
    """Straits, ports, icebreaker and season notes, as the reader switched them on."""
    group = folium.FeatureGroup(name="annotations")
    if "straits" in options.layers and straits is not None:
        for _, s in straits[straits["kind"] == "strait"].iterrows():
            (lon, lat) = s["geometry"].coords[0]
            [[y, x]] = lonlat_to_leaflet([(lon, lat)])
            detail = s.get("constraints") or ""
            tip = f"<b>{html.escape(s['name'])}</b>" + (f"<br>{html.escape(detail)}" if detail else "")
            tip += f"<br><i>{html.escape('; '.join(s['sources']))}</i>"
            folium.CircleMarker([y, x], radius=4, color="#1b3a57", weight=1.5, fill=True, fill_color="#ffffff",
                                fill_opacity=1, tooltip=tip).add_to(group)
    if "ports" in options.layers and ports is not None:
        for _, p in ports[ports["region"] == "arctic"].iterrows():
            [[y, x]] = lonlat_to_leaflet([p["geometry"].coords[0]])
            code = f" ({p['unlocode']})" if p.get("unlocode") else ""
            tip = f"<b>{html.escape(p['name'] + code)}</b><br><i>{html.escape(p['source'])}</i>"
            folium.CircleMarker([y, x], radius=3, color="#333", weight=1, fill=True, fill_color="#333",
                                fill_opacity=0.9, tooltip=tip).add_to(group)
            _label(p["name"], (x + 40_000, y + 40_000), "color:#333;transform:none").add_to(group)
    if facts and "icebreakers" in options.layers:
        notes = {(40.0, 71.5): facts["icebreakers"][0], (-150.0, 73.5): facts["icebreakers"][1]}
        for (lon, lat), topic in notes.items():
            [[y, x]] = lonlat_to_leaflet([(lon, lat)])
            lines = "".join(f"<li>{html.escape(f['figure'])} <i>({html.escape(f['source'])})</i></li>"
                            for f in topic["figures"])
            box = (f'<div style="font:11px/1.3 system-ui,sans-serif;background:rgba(255,255,255,0.93);'
                   f'border:1px solid #999;border-radius:4px;padding:4px 6px;width:230px;color:#222">'
                   f"<b>{html.escape(topic['topic'])}</b><ul style='margin:2px 0 0 14px;padding:0'>{lines}</ul></div>")
            folium.Marker([y, x], icon=folium.DivIcon(html=box, icon_size=(0, 0)), interactive=False).add_to(group)
    if facts and "seasons" in options.layers:
        anchors = {"northeast-passage": (120.0, 68.5), "northwest-passage": (-85.0, 68.0), "transpolar": (-160.0, 84.0)}
        for family, (lon, lat) in anchors.items():
            season = facts["seasons"][family]
            [[y, x]] = lonlat_to_leaflet([(lon, lat)])
            colour = FAMILY_COLOURS[family]
            box = (f'<div style="font:11px/1.3 system-ui,sans-serif;background:rgba(255,255,255,0.93);'
                   f'border-left:4px solid {colour};padding:3px 6px;width:200px;color:#222">'
                   f"<b>Season</b>: {html.escape(season['text'])} <i>({html.escape(season['source'])})</i></div>")
            folium.Marker([y, x], icon=folium.DivIcon(html=box, icon_size=(0, 0)), interactive=False).add_to(group)
    return group


def overlay_layers(routes: gpd.GeoDataFrame, options: MapOptions, straits: gpd.GeoDataFrame | None = None,
                   ports: gpd.GeoDataFrame | None = None,
                   facts: dict[str, Any] | None = None) -> list[folium.FeatureGroup]:
    """What changes with the reader's choices: annotations first, routes on top."""
    return [annotation_layer(options, straits, ports, facts), route_layer(routes, options)]


def build_map(routes: gpd.GeoDataFrame, options: MapOptions, straits: gpd.GeoDataFrame | None = None,
              ports: gpd.GeoDataFrame | None = None, facts: dict[str, Any] | None = None,
              inline_land: bool = False) -> folium.Map:
    """The whole map on one :class:`folium.Map`: base, annotations and routes.

    Examples
    --------
    >>> from arctic_routes.routes import load_routes
    >>> m = build_map(load_routes(), MapOptions(route_ids=("tsr-pole",)), inline_land=True)
    >>> "Trans-Arctic route over the North Pole" in m.get_root().render()
    True
    """
    m = base_map(routes, inline_land=inline_land)
    for layer in overlay_layers(routes, options, straits, ports, facts):
        layer.add_to(m)
    return m


def external_urls(urls: Iterable[str]) -> list[str]:
    """The URLs that would leave our server (anything with a scheme or ``//``)."""
    return [u for u in urls if "://" in u or u.startswith("//")]


__all__ = ["LAYERS", "UNITS", "MapOptions", "base_map", "build_map", "overlay_layers", "to_leaflet"]

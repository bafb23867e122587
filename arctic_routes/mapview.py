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
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from arctic_routes.datafiles import LAND_DISPLAY_FILE, LAND_DISPLAY_URL
from arctic_routes.geodesy import ARCTIC_CIRCLE_DEG, convert_m, densify_geodesic, geometry_lonlat, to_polar

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


class RawElement(Element):
    """Text put into the page as it is, never compiled as a Jinja template.

    branca wraps each rendered script in ``Element(text)``, which compiles the
    text as a template: slow for a large script, and any ``{{ ... }}`` in a
    reader's text (an uploaded track's name) would be evaluated on the server.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _Macro(MacroElement):
    """A MacroElement whose rendered header, html and script are added as :class:`RawElement`."""

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # branca's MacroElement returns None too
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError("render the map's Figure, not a lone element")
        module = self._template.module
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = module.__dict__.get(part)
            if macro is not None:
                target.add_child(RawElement(str(macro(self, kwargs))), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class _MapSetup(_Macro):
    """Sea colour, attribution, pan limits: a few lines of script on the map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.Icon.Default.prototype.options.imagePath = {{ this.images|tojson }};
        (function() {
          var css = document.createElement("style");
          css.textContent = ".leaflet-control-attribution,.leaflet-control-scale-line{font-size:11px!important}" +
            ".leaflet-tooltip{font:12px/1.35 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;" +
            "white-space:normal;width:max-content;max-width:300px}" +
            ".arctic-box{background:rgba(255,255,255,0.92);padding:6px 8px;border-radius:4px;color:#222;" +
            "font:12px/1.35 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:270px;" +
            "box-shadow:0 1px 4px rgba(0,0,0,0.25)}" +
            "@media (max-width:520px){.arctic-legend,.arctic-voyage-key{font-size:9.5px!important;" +
            "max-width:150px!important;padding:3px 5px!important}.arctic-legend svg,.arctic-voyage-key svg{width:18px}}";
          document.head.appendChild(css);
        })();
        {{ this._parent.get_name() }}.getContainer().style.background = {{ this.sea|tojson }};
        {{ this._parent.get_name() }}.setMaxBounds({{ this.bounds|tojson }});
        {{ this._parent.get_name() }}.attributionControl.setPrefix(false);
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.credit|tojson }});
        window.arcticMap = {{ this._parent.get_name() }};
        {% endmacro %}
        """
    )

    def __init__(self, sea: str, bounds: list[list[float]], credit: str) -> None:
        super().__init__()
        self.sea, self.bounds, self.credit = sea, bounds, credit
        self.images = LEAFLET_IMAGES


class _Box(_Macro):
    """A Leaflet control showing ``body`` (escaped HTML) in a white box at ``position``.

    With a ``slot``, the box replaces the one put in that slot before (an overlay
    redrawn on every rerun), and an empty body just removes it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map) {
          if (!map) { return; }
          {% if this.slot %}
          if (map[{{ this.slot|tojson }}]) { map[{{ this.slot|tojson }}].remove(); map[{{ this.slot|tojson }}] = null; }
          {% endif %}
          var body = {{ this.body|tojson }};
          if (!body) { return; }
          var box = L.control({position: {{ this.position|tojson }}});
          box.onAdd = function() {
            var div = L.DomUtil.create("div", {{ this.css_class|tojson }} + " arctic-box");
            div.innerHTML = body;
            L.DomEvent.disableClickPropagation(div);
            return div;
          };
          box.addTo(map);
          {% if this.slot %}map[{{ this.slot|tojson }}] = box;{% endif %}
        })({{ this.map_js or this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, body: str, position: str, css_class: str, slot: str | None = None,
                 map_js: str | None = None) -> None:
        super().__init__()
        self.body, self.position, self.css_class, self.slot = body, position, css_class, slot
        self.map_js = map_js  # how the script finds the map; None: this element's parent


def variant_index(routes: gpd.GeoDataFrame) -> dict[str, int]:
    """Each route's place among its family's variants, in data order (picks its dash pattern)."""
    seen: dict[str, int] = {}
    out = {}
    for rid, family in zip(routes.index, routes["family"]):
        out[rid] = seen.get(family, 0)
        seen[family] = out[rid] + 1
    return out


def route_dash(index: int) -> str | None:
    return DASHES[index % len(DASHES)]


def _swatch(colour: str, dash: str | None) -> str:
    # The map's dash patterns, halved so a whole period fits the 22 px swatch.
    legend_dash = ",".join(str(int(n) / 2) for n in dash.split()) if dash else None
    style = f"stroke:{colour};stroke-width:3" + (f";stroke-dasharray:{legend_dash}" if legend_dash else "")
    return f'<svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" style="{style}"/></svg>'


def legend_html(routes: gpd.GeoDataFrame) -> str:
    """A compact legend: one row per family, its variants inline in the family colour and dash."""
    rows = []
    for family, group in routes.groupby("family", sort=False):
        colour = FAMILY_COLOURS.get(str(family), "#000")
        variants = " ".join(
            f'<span style="white-space:nowrap">{_swatch(colour, route_dash(i))}&nbsp;{_esc(v)}</span>'
            for i, v in enumerate(group["variant"]))
        rows.append(f'<div style="margin-top:2px"><b style="color:{colour}">'
                    f"{_esc(FAMILY_LABELS.get(str(family), str(family)))}</b><br>{variants}</div>")
    rows.append('<div style="margin-top:3px;color:#555">Polar stereographic view · geodesic lengths (WGS84)</div>')
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


class _LandLayer(_Macro):
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
          fetch({{ this.url|tojson }}).then(function(r) { return r.json(); }).then(draw)
            .catch(function() { map._landFailed = true; });  // the routes still count as drawn
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


#: The field a map adds to its report once its land and routes are drawn (see ``base_map(signal_drawn=True)``).
DRAWN_KEY = "arctic_drawn"


class _DrawnSignal(_Macro):
    """Tells a Streamlit page, once, that the land and the routes are on the map.

    The page can then send what lies outside the map (the sidebar, the details,
    the tables) without competing with the map for the browser's one main
    thread. It reports through the ``window.Streamlit`` that streamlit-folium
    exposes, with the same fields its own reports carry plus ``DRAWN_KEY``.
    Does nothing on a page without Streamlit (an exported file).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map) {
          if (!window.Streamlit) return;
          function ready() {
            return (map._landDrawn || map._landFailed) && window.feature_group && window.feature_group.length > 0;
          }
          function tell() {
            if (!ready()) { requestAnimationFrame(tell); return; }
            // Report after the frame with the drawn map is painted: one more frame, then a task.
            requestAnimationFrame(function() { setTimeout(send, 0); });
          }
          function send() {
            var g = window.__GLOBAL_DATA__ || {}, c = map.getCenter();
            var value = {last_object_clicked_tooltip: g.last_object_clicked_tooltip || null,
                         zoom: map.getZoom(), center: {lat: c.lat, lng: c.lng}};
            value[{{ this.key|tojson }}] = true;
            window.Streamlit.setComponentValue(value);
          }
          requestAnimationFrame(tell);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self.key = DRAWN_KEY


def _meridian_label(lon: int) -> str:
    if lon in (0, 180, -180):
        return f"{abs(lon)}°"
    return f"{abs(lon)}°{'E' if lon > 0 else 'W'}"


#: Where a parallel's label goes: its vertex at 135 E (parallels run from 180 W in 1 deg steps),
#: straight up from the Pole in this projection.
PARALLEL_LABEL_INDEX = 135 + 180


def graticule(south_deg: float = 50.0) -> tuple[list[tuple[str, np.ndarray]], list[tuple[str, np.ndarray]]]:
    """Parallels (every 10 deg and the Arctic Circle) and meridians (every 30 deg), in the polar plane."""
    parallels = []
    for lat in [*range(int(south_deg), 90, 10), ARCTIC_CIRCLE_DEG]:
        lons = np.linspace(-180, 180, 361)  # 1 deg steps: smooth circles at every zoom
        label = "Arctic Circle" if lat == ARCTIC_CIRCLE_DEG else f"{lat}°N"
        parallels.append((label, to_polar(np.column_stack([lons, np.full_like(lons, lat)]))))
    meridians = []
    for lon in range(-180, 180, 30):
        lats = np.linspace(south_deg - 5, 90, 50)
        meridians.append((_meridian_label(lon), to_polar(np.column_stack([np.full_like(lats, lon), lats]))))
    return parallels, meridians


class Vectors(_Macro):
    """Lines, circle markers and text labels drawn from one JSON blob by one small script.

    Hundreds of folium elements would each compile a template on every page
    rerun; this is one element. Tooltips and labels are HTML that the caller
    has already escaped (see :func:`_esc`).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(target) {
          var d = {{ this.payload() }};
          d.lines.forEach(function(l) {
            var p = L.polyline(d.paths[l.path], l.style);
            if (l.tip) { p.bindTooltip(l.tip, {sticky: true}); }
            p.addTo(target);
          });
          d.circles.forEach(function(c) {
            var m = L.circleMarker(c.at, c.style);
            if (c.tip) { m.bindTooltip(c.tip); }
            m.addTo(target);
          });
          d.labels.forEach(function(t) {
            L.marker(t.at, {icon: L.divIcon({html: t.html, className: "arctic-label", iconSize: [0, 0]}),
                            interactive: false, keyboard: false}).addTo(target);
          });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[dict[str, Any]]] = {"lines": [], "circles": [], "labels": []}
        self.paths: dict[str, int] = {}  # serialised points -> index: a line drawn three times is sent once

    def line(self, pts: list[list[float]] | PointsJSON, tip: str | None = None, **style: Any) -> None:
        """``pts`` as Leaflet [y, x] pairs, or already serialised by :func:`points_json` (cached)."""
        text = pts if isinstance(pts, PointsJSON) else points_json(pts)
        index = self.paths.setdefault(text, len(self.paths))
        self.data["lines"].append({"path": index, "style": style, "tip": tip})

    def circle(self, at: Sequence[float], tip: str | None = None, **style: Any) -> None:
        self.data["circles"].append({"at": [float(at[0]), float(at[1])], "style": style, "tip": tip})

    def label(self, at: Sequence[float], html_text: str) -> None:
        self.data["labels"].append({"at": [float(at[0]), float(at[1])], "html": html_text})

    def payload(self) -> str:
        """The script's data as HTML-safe JSON (as Jinja's ``tojson``), paths spliced in unparsed."""
        body = str(htmlsafe_json_dumps(self.data))
        return '{"paths":[' + ",".join(self.paths) + "]," + body[1:]


class PointsJSON(str):
    """A list of points already serialised as HTML-safe JSON."""


def points_json(points: list[list[float]]) -> PointsJSON:
    return PointsJSON(htmlsafe_json_dumps(points))


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _text_label(text: str, css: str = "") -> str:
    style = ("font:11px system-ui,sans-serif;color:#46627d;white-space:nowrap;"
             "text-shadow:0 0 3px #fff,0 0 3px #fff;transform:translate(-50%,-50%);" + css)
    return f'<div style="{style}">{_esc(text)}</div>'


def _use_local_assets(m: folium.Map) -> None:
    """Leaflet and jQuery from our own server (jQuery: folium popups use ``$``)."""
    m.default_js = [("leaflet", LEAFLET_JS), ("jquery", JQUERY_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]


CREDIT = "Land © Natural Earth (public domain) · Routes: Arctic Routes"


def base_map(routes: gpd.GeoDataFrame, inline_land: bool = False, signal_drawn: bool = False) -> folium.Map:
    """The map without routes: land, sea, graticule, Pole, legend, scale bar.

    Depends only on the route list (for the legend), so a page can keep it
    identical across reruns and the browser keeps the reader's pan and zoom.
    The land is fetched from the page's server (and cached by the browser);
    ``inline_land=True`` puts it in the script instead (a file that stands alone).
    ``signal_drawn=True`` makes the map report once to a Streamlit page when its
    land and routes are drawn (the report carries ``DRAWN_KEY``).
    """
    half = VIEW_HALF_M
    m = folium.Map(location=[0, 0], zoom_start=-13, crs="Simple", tiles=None, zoom_snap=0.25, zoom_delta=0.5,
                   control_scale=True, prefer_canvas=True, max_bounds_viscosity=0.8)
    # folium passes min_zoom/max_zoom to tiles only; without them Leaflet clamps zoom at 0.
    m.options.update(minZoom=-15, maxZoom=-6)
    _use_local_assets(m)
    m.add_child(_MapSetup(SEA_COLOUR, [[-BOUNDS_HALF_M] * 2, [BOUNDS_HALF_M] * 2], CREDIT))
    m.add_child(_LandLayer(data=land_document()) if inline_land else _LandLayer(url=LAND_DISPLAY_URL))
    grid = Vectors()
    meridians, parallels = _graticule_lines()
    for label, points, at in meridians:
        grid.line(points, color=GRATICULE_COLOUR, weight=0.7, opacity=0.55, interactive=False)
        grid.label(at, _text_label(label))
    for label, points, at in parallels:
        circle = label == "Arctic Circle"
        grid.line(points, color=GRATICULE_COLOUR, weight=1.1 if circle else 0.7,
                  opacity=0.8 if circle else 0.55, dashArray="6 5" if circle else None, interactive=False)
        grid.label(at, _text_label(label, "font-style:italic"))
    grid.circle([0, 0], tip="North Pole (90°N)", radius=4, color="#222", weight=1.5, fillColor="#fff",
                fillOpacity=1)
    grid.label([-90_000, 0], _text_label("North Pole", "font-weight:600;color:#222"))
    m.add_child(grid)
    m.add_child(_Box(legend_html(routes), "bottomright", "arctic-legend"))
    if signal_drawn:
        m.add_child(_DrawnSignal())
    m.fit_bounds([[-half, -half], [half, half]])
    return m


@lru_cache(maxsize=1)
def _graticule_lines() -> tuple[list[tuple[str, PointsJSON, list[float]]], list[tuple[str, PointsJSON, list[float]]]]:
    """Meridians and parallels as (label, serialised points, label position): the same on every rerun."""
    parallels, meridians = graticule()
    at = PARALLEL_LABEL_INDEX
    return ([(label, points_json(to_leaflet(xy)), to_leaflet(xy[2:3])[0]) for label, xy in meridians],
            [(label, points_json(to_leaflet(xy)), to_leaflet(xy[at : at + 1])[0]) for label, xy in parallels])


@lru_cache(maxsize=64)
def _route_points(route_id: str, geometry_json: str) -> PointsJSON:
    """A route's line on the map plane, densified every 25 km, serialised (cached: the geometry is the key)."""
    return points_json(to_leaflet(to_polar(densify_geodesic(geometry_lonlat(json.loads(geometry_json)), 25.0))))


def route_tooltip(route: Any, unit: str) -> str:
    length = convert_m(route["length_m"], unit)
    return f"{route['name']}: {length:,.0f} {unit}"


def route_layer(routes: gpd.GeoDataFrame, options: MapOptions) -> folium.FeatureGroup:
    """The chosen routes, each in its family colour and variant dash; the selected one drawn wider."""
    group = folium.FeatureGroup(name="routes")
    vectors = Vectors()
    dash_index = variant_index(routes)
    for rid in options.route_ids:
        if rid not in routes.index:
            continue
        route = routes.loc[rid]
        colour = FAMILY_COLOURS.get(route["family"], "#000")
        points = _route_points(rid, json.dumps(route["geojson"]))
        selected = rid == options.selected
        if selected:  # a halo under the selected route
            vectors.line(points, color="#ffffff", weight=9, opacity=0.9, interactive=False)
        vectors.line(points, color=colour, weight=5 if selected else 3, opacity=1.0,
                     dashArray=route_dash(dash_index[rid]), interactive=False)
        # A wide invisible line on top: easy to hover and tap, carries the tooltip.
        vectors.line(points, tip=_esc(route_tooltip(route, options.unit)), color=colour, weight=16, opacity=0.0)
    group.add_child(vectors)
    return group


def annotation_layer(options: MapOptions, straits: gpd.GeoDataFrame | None, ports: gpd.GeoDataFrame | None,
                     facts: dict[str, Any] | None) -> folium.FeatureGroup:
    """Straits, ports, icebreaker and season notes, as the reader switched them on."""
    group = folium.FeatureGroup(name="annotations")
    vectors = Vectors()
    if "straits" in options.layers and straits is not None:
        for _, s in straits[straits["kind"] == "strait"].iterrows():
            at = lonlat_to_leaflet([s["geometry"].coords[0]])[0]
            detail = s.get("constraints") or ""
            tip = f"<b>{_esc(s['name'])}</b>" + (f"<br>{_esc(detail)}" if detail else "")
            tip += f"<br><i>{_esc('; '.join(s['sources']))}</i>"
            vectors.circle(at, tip=tip, radius=4, color="#1b3a57", weight=1.5, fillColor="#ffffff", fillOpacity=1)
    if "ports" in options.layers and ports is not None:
        for _, p in ports[ports["region"] == "arctic"].iterrows():
            y, x = lonlat_to_leaflet([p["geometry"].coords[0]])[0]
            code = f" ({p['unlocode']})" if p.get("unlocode") else ""
            tip = f"<b>{_esc(p['name'] + code)}</b><br><i>{_esc(p['source'])}</i>"
            vectors.circle([y, x], tip=tip, radius=3, color="#333", weight=1, fillColor="#333", fillOpacity=0.9)
            vectors.label([y + 40_000, x + 40_000], _text_label(p["name"], "color:#333;transform:none"))
    if facts and "icebreakers" in options.layers:
        # Off Murmansk (Russia's icebreaker base) and off Alaska; the figures are in the tooltip.
        anchors = [(36.0, 70.2, "Icebreakers: Russia"), (-163.0, 69.2, "Icebreakers: United States")]
        for (lon, lat, title), topic in zip(anchors, facts["icebreakers"]):
            lines = "".join(f"<li>{_esc(f['figure'])} ({_esc(f['source'])})</li>" for f in topic["figures"])
            note = f"<br>{_esc(topic['disagreement'])}" if topic.get("disagreement") else ""
            tip = f"<b>{_esc(topic['topic'])}</b><ul style='margin:2px 0 0 14px;padding:0'>{lines}</ul>{note}"
            at = lonlat_to_leaflet([(lon, lat)])[0]
            vectors.circle(at, tip=tip, radius=7, color="#222", weight=1.5, fillColor="#F0E442", fillOpacity=1)
            vectors.label([at[0] - 60_000, at[1]], _text_label(title, "color:#222;font-weight:600"))
    if facts and "seasons" in options.layers:
        anchors2 = {"northeast-passage": (125.0, 75.5), "northwest-passage": (-100.0, 74.8),
                    "transpolar": (-150.0, 85.0)}
        for family, (lon, lat) in anchors2.items():
            season = facts["seasons"][family]
            colour = FAMILY_COLOURS[family]
            tip = f"<b>Navigation season</b><br>{_esc(season['text'])}<br>({_esc(season['source'])})"
            at = lonlat_to_leaflet([(lon, lat)])[0]
            vectors.circle(at, tip=tip, radius=7, color=colour, weight=2, fillColor="#ffffff", fillOpacity=1)
            vectors.label([at[0] - 60_000, at[1]], _text_label("Season", f"color:{colour};font-weight:600"))
    group.add_child(vectors)
    return group


#: Voyages that use no Arctic route: dark grey, told apart by dash.
CONVENTIONAL_COLOUR = "#3b3b3b"
CONVENTIONAL_STYLE = {"suez": None, "panama": "12 8", "cape-of-good-hope": "3 7", "open-sea": None}


@lru_cache(maxsize=128)
def _voyage_points(voyage: Any) -> PointsJSON:
    """A voyage's line on the map plane, serialised (cached: voyages are immutable and hashable)."""
    return points_json(to_leaflet(to_polar(densify_geodesic(voyage.coordinates, 50.0))))


def voyage_style(voyage: Any) -> tuple[str, str | None]:
    """(colour, dash) of a voyage: its Arctic family's colour, else dark grey with a dash per option."""
    if voyage.is_arctic:
        return FAMILY_COLOURS.get(voyage.route, CONVENTIONAL_COLOUR), None
    return CONVENTIONAL_COLOUR, CONVENTIONAL_STYLE.get(voyage.route)


def voyage_key_html(voyages: Sequence[Any], unit: str, speed_kn: float, ends: Sequence[Any] = ()) -> str:
    """The voyages' key: each one's swatch, name, length and days at ``speed_kn`` (escaped)."""
    if not voyages:
        return ""
    rows = []
    if len(ends) == 2:
        rows.append(f"<b>{_esc(ends[0].name)} → {_esc(ends[1].name)}</b>")
    for v in voyages:
        colour, dash = voyage_style(v)
        rows.append(f'<div style="margin-top:2px">{_swatch(colour, dash)}&nbsp;{_esc(v.name)}: '
                    f"<b>{convert_m(v.length_m, unit):,.0f}&nbsp;{_esc(unit)}</b>, {v.days(speed_kn):.1f}&nbsp;days</div>")
    rows.append(f'<div style="color:#555">at {speed_kn:g} knots · geodesic lengths (WGS84)</div>')
    return "".join(rows)


def voyage_layer(voyages: Sequence[Any], unit: str, speed_kn: float,
                 ends: Sequence[Any] = ()) -> folium.FeatureGroup:
    """Port-to-port voyages (:class:`arctic_routes.voyage.Voyage`) over the routes; ``ends`` (ports) marked."""
    group = folium.FeatureGroup(name="voyages")
    vectors = Vectors()
    for v in voyages:
        points = _voyage_points(v)
        colour, dash = voyage_style(v)
        vectors.line(points, color="#ffffff", weight=6, opacity=0.8, interactive=False)
        vectors.line(points, color=colour, weight=2.5, opacity=1.0, dashArray=dash, interactive=False)
        tip = f"{v.name}: {convert_m(v.length_m, unit):,.0f} {unit}, {v.days(speed_kn):.1f} days at {speed_kn:g} kn"
        vectors.line(points, tip=_esc(tip), color=colour, weight=14, opacity=0.0)
    for port in ends:
        at = lonlat_to_leaflet([(port.lon, port.lat)])[0]
        vectors.circle(at, tip=_esc(port.label), radius=5, color="#000", weight=2, fillColor="#ffffff",
                       fillOpacity=1)
        vectors.label([at[0] + 50_000, at[1] + 50_000],
                      _text_label(port.name, "color:#000;font-weight:600;transform:none"))
    group.add_child(vectors)
    # Overlays are redrawn on every rerun: the key replaces its predecessor (window.arcticMap: see _MapSetup).
    group.add_child(_Box(voyage_key_html(voyages, unit, speed_kn, ends), "topright", "arctic-voyage-key",
                         slot="_voyageKey", map_js="window.arcticMap"))
    return group


def overlay_layers(routes: gpd.GeoDataFrame, options: MapOptions, straits: gpd.GeoDataFrame | None = None,
                   ports: gpd.GeoDataFrame | None = None, facts: dict[str, Any] | None = None,
                   voyages: Sequence[Any] = (), speed_kn: float = 14.0,
                   voyage_ends: Sequence[Any] = ()) -> list[folium.FeatureGroup]:
    """What changes with the reader's choices: annotations first, routes, then voyages on top.

    The voyage layer is there even when empty: it also removes the key of voyages drawn before.
    """
    return [annotation_layer(options, straits, ports, facts), route_layer(routes, options),
            voyage_layer(voyages, options.unit, speed_kn, voyage_ends)]


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


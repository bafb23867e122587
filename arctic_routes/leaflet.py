"""Leaflet plumbing for folium: our own assets, elements that render as plain text, one-blob vector layers.

What the map builder (:mod:`arctic_routes.mapview`) draws with: the CRS
conventions (a map point is Leaflet ``[y, x]``, :func:`to_leaflet` is the one
place that swap happens), the vendored Leaflet served by our own server, and
branca elements that never compile a reader's text as a Jinja template.
Knows nothing of routes, ports or voyages.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

import folium
import numpy as np
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from arctic_routes.geodesy import to_polar

#: Where the page serves the vendored scripts (static/vendor, see its README).
STATIC_PREFIX = "/app/static/vendor"
LEAFLET_JS = f"{STATIC_PREFIX}/leaflet-1.9.3/leaflet.js"
LEAFLET_CSS = f"{STATIC_PREFIX}/leaflet-1.9.3/leaflet.css"
LEAFLET_IMAGES = f"{STATIC_PREFIX}/leaflet-1.9.3/images/"


def to_leaflet(xy: np.ndarray | Sequence[Sequence[float]]) -> list[list[float]]:
    """Map-plane (x, y) metres to Leaflet ``[lat, lng]`` = ``[y, x]``, rounded to 10 m."""
    arr = np.asarray(xy, dtype=float)
    return np.round(arr[:, ::-1], -1).tolist()


def lonlat_to_leaflet(coords: np.ndarray | Sequence[Sequence[float]]) -> list[list[float]]:
    """(lon, lat) degrees to Leaflet ``[y, x]`` on the polar plane."""
    return to_leaflet(to_polar(coords))


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


class RawMacro(MacroElement):
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


class MapSetup(RawMacro):
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
            ".arctic-marker{cursor:pointer;border-radius:50%}" +
            ".arctic-marker:focus,.arctic-marker:focus-visible,.leaflet-container a:focus-visible" +
            "{outline:3px solid #1a5fb4!important;outline-offset:2px}" +
            ".leaflet-control-attribution{max-width:calc(100% - 120px);white-space:normal;line-height:1.3}" +
            "@media (max-width:520px){.arctic-legend,.arctic-voyage-key,.arctic-ice-key{font-size:9.5px!important;" +
            "max-width:122px!important;padding:3px 5px!important}.arctic-legend span{white-space:normal!important}" +
            ".arctic-legend svg,.arctic-voyage-key svg,.arctic-ice-key svg{width:18px}" +
            ".leaflet-control-attribution{font-size:9px!important}}";
          document.head.appendChild(css);
        })();
        {{ this._parent.get_name() }}.getContainer().style.background = {{ this.sea|tojson }};
        {{ this._parent.get_name() }}.setMaxBounds({{ this.bounds|tojson }});
        {{ this._parent.get_name() }}.attributionControl.setPrefix(false);
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.credit|tojson }});
        window.arcticMap = {{ this._parent.get_name() }};
        {{ this._parent.get_name() }}.getContainer().setAttribute("aria-label", {{ this.title|tojson }});
        try {  // a page's map frame (same origin): its title is what a screen reader announces
          if (window.frameElement) { window.frameElement.setAttribute("title", {{ this.title|tojson }}); }
        } catch (e) {}
        {% endmacro %}
        """
    )

    def __init__(self, sea: str, bounds: list[list[float]], credit: str, title: str) -> None:
        super().__init__()
        self.sea, self.bounds, self.credit, self.title = sea, bounds, credit, title
        self.images = LEAFLET_IMAGES


class SetView(RawMacro):
    """Opens the map on a given centre (Leaflet ``[y, x]`` metres) and zoom: a shared view, in an export."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.setView({{ this.center|tojson }}, {{ this.zoom|tojson }}, {animate: false});
        {% endmacro %}
        """
    )

    def __init__(self, center: Sequence[float], zoom: float) -> None:
        super().__init__()
        self.center, self.zoom = [float(center[0]), float(center[1])], float(zoom)


class Box(RawMacro):
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


class EncodedPolygons(RawMacro):
    """Polygons from a delta-encoded document (``scripts/build_land.py``, ``scripts/build_sea_ice.py``).

    The document is ``{"unit_m", "polygons": [...]}`` or, with ``key``, ``{"unit_m", "months": {key: [...]}}``;
    each ring is a flat list of integer steps. It is fetched from ``url`` (once per page, then cached by the
    browser) or inlined as ``data`` (a file that stands alone). Without ``pane`` the polygons go under
    everything on the map itself, and ``map._landDrawn`` (or ``map._landFailed``) records the outcome; with a
    ``pane`` they go into the parent feature group, in that pane under the land (``window.arcticMap``).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(target) {
          var map = {{ "window.arcticMap" if this.pane else "target" }};
          if (!map) { return; }
          {% if this.pane %}
          if (!map.getPane({{ this.pane|tojson }})) {
            map.createPane({{ this.pane|tojson }}).style.zIndex = 350;  // under the overlay pane (land, routes)
            map[{{ this.pane|tojson }}] = L.canvas({pane: {{ this.pane|tojson }}});
          }
          {% endif %}
          function draw(doc) {
            var u = doc.unit_m;
            var source = {{ ("doc.months[" ~ (this.key|tojson) ~ "]") if this.key else "doc.polygons" }};
            var polygons = source.map(function(rings) {
              return rings.map(function(r) {
                var x = 0, y = 0, out = new Array(r.length / 2);
                for (var i = 0; i < r.length; i += 2) { x += r[i]; y += r[i + 1]; out[i / 2] = [y * u, x * u]; }
                return out;
              });
            });
            var style = Object.assign({interactive: false, smoothFactor: 1.0}, {{ this.style|tojson }});
            {% if this.pane %}
            style.pane = {{ this.pane|tojson }}; style.renderer = map[{{ this.pane|tojson }}];
            L.polygon(polygons, style).addTo(target);
            {% else %}
            L.polygon(polygons, style).addTo(map).bringToBack();
            map._landDrawn = true;
            {% endif %}
          }
          {% if this.url %}
          window.__arcticDocs = window.__arcticDocs || {};
          var url = {{ this.url|tojson }};
          window.__arcticDocs[url] = window.__arcticDocs[url] || fetch(url).then(function(r) { return r.json(); });
          window.__arcticDocs[url].then(draw).catch(function() {
            delete window.__arcticDocs[url];
            {% if not this.pane %}map._landFailed = true;  // the routes still count as drawn{% endif %}
          });
          {% else %}
          draw({{ this.data|tojson }});
          {% endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, style: dict[str, Any], url: str | None = None, data: dict[str, Any] | None = None,
                 key: str | None = None, pane: str | None = None) -> None:
        super().__init__()
        self.style, self.url, self.data, self.key, self.pane = style, url, data, key, pane


#: The field a map adds to its report once its land and routes are drawn (see ``base_map(signal_drawn=True)``).
DRAWN_KEY = "arctic_drawn"


class DrawnSignal(RawMacro):
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


class Vectors(RawMacro):
    """Lines, annotation markers and text labels drawn from one JSON blob by one small script.

    Hundreds of folium elements would each compile a template on every page
    rerun; this is one element. Tooltips and labels are HTML that the caller
    has already escaped (see :func:`esc`). Annotation markers (:meth:`marker`)
    are DOM elements in Leaflet's marker pane, above every line (a route's wide
    hover line cannot hide them), reachable by the keyboard, and named for screen
    readers; their tooltips open on hover, tap and focus and are kept inside the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(target) {
          var d = {{ this.payload() }};
          d.lines.forEach(function(l) {
            var p = L.polyline(d.paths[l.path], l.style);
            if (l.tip) {
              p.bindTooltip(l.tip, {sticky: true});
              p.on("tooltipopen", keepInside);
              p.on("click", function(e) { p.openTooltip(e.latlng); });  // a tap has no hover
            }
            p.addTo(target);
          });
          function keepInside(e) {  // nudge a tooltip back inside the map's frame
            var el = e.tooltip.getElement(), map = e.target._map;
            if (!el || !map) { return; }
            el.style.marginLeft = ""; el.style.marginTop = "";
            var box = el.getBoundingClientRect(), frame = map.getContainer().getBoundingClientRect();
            var dx = Math.max(0, frame.left + 4 - box.left) - Math.max(0, box.right - frame.right + 4);
            var dy = Math.max(0, frame.top + 4 - box.top) - Math.max(0, box.bottom - frame.bottom + 4);
            if (dx) { el.style.marginLeft = dx + "px"; }
            if (dy) { el.style.marginTop = dy + "px"; }
          }
          var mine = [];
          d.markers.forEach(function(k) {
            var size = 2 * k.radius + 2 * k.weight + 2, c = size / 2;
            var svg = '<svg width="' + size + '" height="' + size + '" aria-hidden="true"><circle cx="' + c +
              '" cy="' + c + '" r="' + k.radius + '" style="fill:' + k.fill + ';stroke:' + k.stroke +
              ';stroke-width:' + k.weight + '"/></svg>';
            var m = L.marker(k.at, {icon: L.divIcon({html: svg, className: "arctic-marker", iconSize: [size, size]}),
                                    keyboard: true, alt: k.name});
            m.bindTooltip(k.tip, {direction: "auto"});
            m.on("tooltipopen", keepInside);
            m.on("click", function() { m.openTooltip(); });  // a tap has no hover
            m.on("add", function() {
              var el = m.getElement();
              el.setAttribute("aria-label", k.name);
              el.setAttribute("role", "button");
            });
            m._arcticRadius = size / 2;
            if (k.label) {
              m._arcticLabel = L.marker(k.label_at || k.at, {icon: L.divIcon({html: k.label, className: "arctic-label",
                                                                 iconSize: [0, 0]}),
                                               interactive: false, keyboard: false}).addTo(target);
            }
            m.addTo(target);
            mine.push(m);
          });
          d.labels.forEach(function(t) {
            L.marker(t.at, {icon: L.divIcon({html: t.html, className: "arctic-label", iconSize: [0, 0]}),
                            interactive: false, keyboard: false}).addTo(target);
          });
          // Declutter: at each zoom, a marker that would overlap one drawn before it (the Pole, then the
          // layers in order) is hidden with its label until the reader zooms in; every one stays in the
          // page's tables. Markers of layers removed on a rerun leave the registry with them.
          var map = window.arcticMap || (target instanceof L.Map ? target : null);
          if (!map || !mine.length) { return; }
          map._arcticMarkers = (map._arcticMarkers || []).concat(mine);
          target.on("remove", function() {
            map._arcticMarkers = map._arcticMarkers.filter(function(m) { return mine.indexOf(m) < 0; });
          });
          if (!map._arcticDeclutter) {
            map._arcticDeclutter = function() {
              var shown = [];
              map._arcticMarkers.forEach(function(m) {
                var el = m.getElement();
                if (!el) { return; }
                var p = map.latLngToContainerPoint(m.getLatLng()), r = m._arcticRadius + 1;
                var clash = shown.some(function(q) { return Math.hypot(q.x - p.x, q.y - p.y) < r + q.r; });
                el.style.display = clash ? "none" : "";
                var label = m._arcticLabel && m._arcticLabel.getElement();
                if (label) { label.style.display = clash ? "none" : ""; }
                if (!clash) { shown.push({x: p.x, y: p.y, r: r}); }
              });
            };
            map.on("zoomend", map._arcticDeclutter);
          }
          map._arcticDeclutter();
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[dict[str, Any]]] = {"lines": [], "markers": [], "labels": []}
        self.paths: dict[str, int] = {}  # serialised points -> index: a line drawn three times is sent once

    def line(self, pts: list[list[float]] | PointsJSON, tip: str | None = None, **style: Any) -> None:
        """``pts`` as Leaflet [y, x] pairs, or already serialised by :func:`points_json` (cached)."""
        text = pts if isinstance(pts, PointsJSON) else points_json(pts)
        index = self.paths.setdefault(text, len(self.paths))
        self.data["lines"].append({"path": index, "style": style, "tip": tip})

    def marker(self, at: Sequence[float], name: str, tip: str, radius: float = 5, fill: str = "#ffffff",
               stroke: str = "#222222", weight: float = 1.5, label: str | None = None,
               label_at: Sequence[float] | None = None) -> None:
        """An annotation: a focusable ring named ``name`` (plain text) with the tooltip ``tip`` (escaped HTML).

        ``label`` (escaped HTML) is drawn at ``label_at`` (default: on the marker) and hidden with the
        marker when that would overlap another marker.
        """
        self.data["markers"].append({"at": [float(at[0]), float(at[1])], "name": name, "tip": tip,
                                     "radius": radius, "fill": fill, "stroke": stroke, "weight": weight,
                                     "label": label,
                                     "label_at": None if label_at is None else [float(v) for v in label_at]})

    def label(self, at: Sequence[float], html_text: str) -> None:
        self.data["labels"].append({"at": [float(at[0]), float(at[1])], "html": html_text})

    def payload(self) -> str:
        """The script's data as HTML-safe JSON (as Jinja's ``tojson``), paths spliced in unparsed."""
        body = str(htmlsafe_json_dumps(self.data))
        return '{"paths":[' + ",".join(self.paths) + "]," + body[1:]


class PointsJSON(str):
    """A list of points already serialised as HTML-safe JSON."""


def points_json(points: list[list[float]]) -> PointsJSON:
    """Leaflet ``[y, x]`` points serialised once (cache the result: a line drawn on every rerun is sent as is)."""
    return PointsJSON(htmlsafe_json_dumps(points))


def esc(text: object) -> str:
    """``text`` escaped for HTML (tooltips and labels are HTML: anything from data or a reader goes through here)."""
    return html.escape(str(text), quote=True)


def text_label(text: str, css: str = "") -> str:
    """A map label: ``text`` escaped, centred on its point, with a white halo; ``css`` adds or overrides style."""
    style = ("font:11px system-ui,sans-serif;color:#46627d;white-space:nowrap;"
             "text-shadow:0 0 3px #fff,0 0 3px #fff;transform:translate(-50%,-50%);" + css)
    return f'<div style="{style}">{esc(text)}</div>'


def use_local_assets(m: folium.Map) -> None:
    """Leaflet from our own server, and nothing else: no CDN, and no jQuery (nothing on our maps uses it)."""
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]


def external_urls(urls: Iterable[str]) -> list[str]:
    """The URLs that would leave our server (anything with a scheme or ``//``)."""
    return [u for u in urls if "://" in u or u.startswith("//")]

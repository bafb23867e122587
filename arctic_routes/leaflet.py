"""Leaflet plumbing for folium: our own assets, elements that render as plain text, one-blob vector layers.

What the map builder (:mod:`arctic_routes.mapview`) draws with: the CRS
conventions (a map point is Leaflet ``[y, x]``, :func:`to_leaflet` is the one
place that swap happens), the vendored Leaflet served by our own server, and
branca elements that never compile a reader's text as a Jinja template.
Knows nothing of routes, ports or voyages.
"""

from __future__ import annotations

import html
import json
import urllib.parse
from collections.abc import Iterable, Sequence

import folium
import numpy as np
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

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

    def render(self, **kwargs: object) -> str:
        return self.text


class RawMacro(MacroElement):
    """A MacroElement whose rendered header, html and script are added as :class:`RawElement`."""

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # branca's MacroElement returns None too
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


class Group(folium.FeatureGroup):
    """folium's FeatureGroup, rendered as :class:`RawMacro` is: its script is not compiled as a template.

    A page builds its layers' groups on every rerun; folium's own compiles each group's output and its
    ``addTo`` line as Jinja templates, a few milliseconds each.
    """

    def render(self, **kwargs: object) -> None:  # type: ignore[override]  # as RawMacro.render
        RawMacro.render(self, **kwargs)  # type: ignore[arg-type]  # the same MacroElement plumbing
        if self.show and self._parent is not None:
            self.get_root().script.add_child(  # type: ignore[attr-defined]
                RawElement(f"{self.get_name()}.addTo({self._parent.get_name()});"), name=self.get_name() + "_add")


class MapSetup(RawMacro):
    """Sea colour, attribution, pan limits, and on a narrow map the one button its boxes fold into."""

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
            "@media (max-width:720px){.arctic-legend,.arctic-voyage-key,.arctic-ice-key{font-size:11px!important;" +
            "max-width:175px!important}.arctic-legend span{white-space:normal!important}}" +
            "@media (max-width:520px){.arctic-legend,.arctic-voyage-key,.arctic-ice-key{font-size:9.5px!important;" +
            "max-width:122px!important;padding:3px 5px!important}" +
            ".arctic-legend svg,.arctic-voyage-key svg,.arctic-ice-key svg{width:18px}" +
            ".leaflet-control-attribution{font-size:9px!important}}" +
            // A narrow map (a phone, a narrow embed) folds its boxes and credit into one button: they would
            // cover half of it; open, they show in their corners until closed again.
            ".arctic-key-toggle{display:none;font:600 13px/1 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;" +
            "color:#222;background:#fff;border:1px solid rgba(0,0,0,0.4);border-radius:4px;min-height:32px;" +
            "min-width:48px;padding:0 10px;box-shadow:0 1px 4px rgba(0,0,0,0.25);cursor:pointer}" +
            ".arctic-narrow .arctic-key-toggle{display:block}" +
            ".arctic-label{visibility:hidden}" +  // until arcticLabels has placed it (once the map is drawn)
            ".arctic-narrow:not(.arctic-key-open) .arctic-box," +
            ".arctic-narrow:not(.arctic-key-open) .leaflet-control-attribution{display:none}";
          document.head.appendChild(css);
        })();
        (function(map) {
          var container = map.getContainer(), toggle = L.control({position: "topright"});
          toggle.onAdd = function() {
            var button = L.DomUtil.create("button", "arctic-key-toggle");
            button.type = "button";
            button.textContent = "Key";
            button.setAttribute("aria-expanded", "false");
            button.setAttribute("aria-label", "Show the map's key, legend and sources");
            L.DomEvent.disableClickPropagation(button);
            L.DomEvent.on(button, "click", function() {
              var open = !container.classList.contains("arctic-key-open");
              container.classList.toggle("arctic-key-open", open);
              button.setAttribute("aria-expanded", String(open));
              button.textContent = open ? "Hide key" : "Key";
              if (map._arcticDeclutter) { map._arcticDeclutter(); } else if (window.arcticLabels) { window.arcticLabels(map); }
            });
            return button;
          };
          toggle.addTo(map);
          function fold() { container.classList.toggle("arctic-narrow", container.clientWidth < {{ this.narrow_px }}); }
          fold();
          map.on("resize", fold);
          // The frame is sized after its script runs (a page's component, an embed): whenever the container's
          // size changes, or the fonts arrive, fold again and place the labels again.
          function relayout() {
            fold();
            if (map._arcticDeclutter) { map._arcticDeclutter(); } else if (window.arcticLabels) { window.arcticLabels(map); }
          }
          if (window.ResizeObserver) { new ResizeObserver(relayout).observe(container); }
          if (document.fonts && document.fonts.ready) { document.fonts.ready.then(relayout); }
        })({{ this._parent.get_name() }});
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

    #: A map narrower than this (CSS pixels) folds its boxes and credit into its "Key" button.
    narrow_px = 560

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
          // What lies under the box makes way (markers and their labels, then every other label), once the box
          // is laid out: in the next frame.
          requestAnimationFrame(function() {
            if (map._arcticDeclutter) { map._arcticDeclutter(); } else if (window.arcticLabels) { window.arcticLabels(map); }
          });
        })({{ this.map_js or this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, body: str, position: str, css_class: str, slot: str | None = None,
                 map_js: str | None = None) -> None:
        super().__init__()
        self.body, self.position, self.css_class, self.slot = body, position, css_class, slot
        self.map_js = map_js  # how the script finds the map; None: this element's parent


class OpenOn(RawMacro):
    """Opens the map on ``bounds`` (Leaflet [[y, x], [y, x]]) at once, without the zoom animation.

    folium's ``fit_bounds`` animates from the map's first zoom; a later fit (a voyage's, :class:`FitView`)
    made while that animation runs is undone when it ends.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.fitBounds({{ this.bounds|tojson }}, {animate: false});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: Sequence[Sequence[float]]) -> None:
        super().__init__()
        self.bounds = [[float(v) for v in corner] for corner in bounds]


class FitView(RawMacro):
    """Fits the map's view to ``points`` (Leaflet [y, x]) once per ``key``, clear of the map's boxes.

    A page rerun sends the same key again and leaves the reader's pan and zoom alone; a new key (another
    voyage) fits again. With ``keep_view`` the first key only is recorded, not fitted: a link that gave a view
    wins over the fit. The fit leaves every point outside the legends, keys and controls where it can: while
    one lies under a box, the view is fitted again with room on that box's side (at most four times).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map) {
          if (!map) { return; }
          var key = {{ this.key|tojson }};
          if (map._arcticFitKey === key) { return; }
          var first = map._arcticFitKey === undefined;
          map._arcticFitKey = key;
          if (first && {{ this.keep_view|tojson }}) { return; }
          var points = {{ this.points|tojson }}.map(function(p) { return L.latLng(p[0], p[1]); });
          var bounds = L.latLngBounds(points), fitted = null;
          function fit() {
            var pad = {left: 10, top: 10, right: 10, bottom: 10};
            for (var i = 0; i < 5; i++) {
            map.fitBounds(bounds, {paddingTopLeft: [pad.left, pad.top], paddingBottomRight: [pad.right, pad.bottom],
                                   animate: false});
            var size = map.getSize(), frame = map.getContainer().getBoundingClientRect(), more = false;
            map.getContainer().querySelectorAll(".leaflet-control").forEach(function(c) {
              var r = c.getBoundingClientRect();
              if (!r.width || !r.height) { return; }
              var covered = points.some(function(p) {
                var q = map.latLngToContainerPoint(p), x = q.x + frame.left, y = q.y + frame.top;
                return x > r.left - 6 && x < r.right + 6 && y > r.top - 6 && y < r.bottom + 6;
              });
              if (!covered) { return; }
              var side = r.width < r.height  // room where the box takes less of the map
                ? (r.left + r.right) / 2 - frame.left < size.x / 2 ? "left" : "right"
                : (r.top + r.bottom) / 2 - frame.top < size.y / 2 ? "top" : "bottom";
              var room = (side === "left" || side === "right" ? r.width : r.height) + 12;
              var across = side === "left" || side === "right" ? pad.left + pad.right : pad.top + pad.bottom;
              var limit = 0.6 * (side === "left" || side === "right" ? size.x : size.y);
              if (room > pad[side] && across - pad[side] + room < limit) { pad[side] = room; more = true; }
            });
            if (!more) { break; }
            }
            fitted = [map.getCenter(), map.getZoom()];
          }
          function untouched() {  // the reader has not moved the map since the fit
            return fitted && map.getZoom() === fitted[1] && map.getCenter().equals(fitted[0]) && map._arcticFitKey === key;
          }
          fit();
          // The frame may not have its final size yet, nor its boxes theirs (a page's component is sized and
          // laid out after its script runs, later still on a busy machine): fit again in the next frames and a
          // little later, unless the reader has moved the map meanwhile.
          requestAnimationFrame(function() { if (untouched()) { fit(); } });
          [300, 1000, 2500].forEach(function(ms) { setTimeout(function() { if (untouched()) { fit(); } }, ms); });
          var until = Date.now() + 3000;
          map.on("resize", function refit() {
            if (Date.now() > until || !untouched()) { map.off("resize", refit); return; }
            fit();
          });
        })(window.arcticMap);
        {% endmacro %}
        """
    )

    def __init__(self, points: Sequence[Sequence[float]], key: str, keep_view: bool = False) -> None:
        super().__init__()
        self.points = [[round(float(y), 0), round(float(x), 0)] for y, x in points]
        self.key, self.keep_view = key, keep_view


#: The field a map adds to its report once its land and routes are drawn (see ``base_map(signal_drawn=True)``).
DRAWN_KEY = "arctic_drawn"


class DrawnSignal(RawMacro):
    """Tells a Streamlit page, once, that the land and the routes are on the map; reports nothing before.

    The page can then send what lies outside the map (the sidebar, the details,
    the tables) without competing with the map for the browser's one main
    thread. It reports through the ``window.Streamlit`` that streamlit-folium
    exposes, with the same fields its own reports carry plus ``DRAWN_KEY``.

    Every report is a run of the page's script on the server, so this also
    filters streamlit-folium's own reports: none before the map is drawn (its
    report on creation would rerun a page that has nothing new to show), each
    one after it carries ``DRAWN_KEY`` too, and one equal to the last sent is
    dropped (the map's resize, when the rest of the page arrives, reports an
    unchanged view). A map that has not drawn after ``GIVE_UP_MS`` sends what
    it has, so that the page's fallback can complete it. Does nothing on a page
    without Streamlit (an exported file).
    """

    GIVE_UP_MS = 15_000

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map) {
          var S = window.Streamlit;
          if (!S) return;
          var set = S.setComponentValue, key = {{ this.key|tojson }}, drawn = false, gaveUp = false,
              pending = null, last = null;
          function pass(value) {
            var v = Object.assign({}, value);
            if (drawn) v[key] = true;
            var text = JSON.stringify(v);
            if (text === last) return;
            last = text;
            set.call(S, v);
          }
          S.setComponentValue = function(value) {
            if (drawn || gaveUp) pass(value); else pending = value;
          };
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
            drawn = true;
            pass({last_object_clicked_tooltip: g.last_object_clicked_tooltip || null,
                  zoom: map.getZoom(), center: {lat: c.lat, lng: c.lng}});
          }
          setTimeout(function() {
            if (drawn) return;
            gaveUp = true;
            if (pending) pass(pending);
          }, {{ this.GIVE_UP_MS }});
          requestAnimationFrame(tell);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self.key = DRAWN_KEY


class PointsJSON(str):
    """A line's points already encoded (:func:`points_json`) and serialised as JSON."""


#: Line points travel as integer steps of this many metres (the land's unit): drawn within 50 m of the
#: geometry, and a fifth of the bytes of plain coordinates (the page's messages are not compressed).
POINT_UNIT_M = 100


def points_json(points: list[list[float]]) -> PointsJSON:
    """Leaflet ``[y, x]`` points as ``[y0, x0, dy1, dx1, ...]`` in :data:`POINT_UNIT_M`, serialised once.

    Cache the result: a line drawn on every rerun is sent as is. The map's script decodes it
    (:class:`arctic_routes.leaflet_layers.VectorsRuntime`).

    >>> points_json([[2077540.0, 479640.0], [2077410.0, 480020.0]])
    '[20775,4796,-1,4]'
    """
    cells = np.rint(np.asarray(points, dtype=float).reshape(-1, 2) / POINT_UNIT_M).astype(np.int64)
    steps = np.concatenate([cells[:1], np.diff(cells, axis=0)]).ravel()
    return PointsJSON("[" + ",".join(map(str, steps.tolist())) + "]")


def esc(text: object) -> str:
    """``text`` escaped for HTML (tooltips and labels are HTML: anything from data or a reader goes through here)."""
    return html.escape(str(text), quote=True)


def text_label(text: str, css: str = "") -> str:
    """A map label: ``text`` escaped, centred on its point, with a white halo; ``css`` adds or overrides style."""
    style = ("display:inline-block;font:11px system-ui,sans-serif;color:#46627d;white-space:nowrap;"
             "text-shadow:0 0 3px #fff,0 0 3px #fff;transform:translate(-50%,-50%);" + css)
    return f'<div style="{style}">{esc(text)}</div>'


def use_local_assets(m: folium.Map) -> None:
    """Leaflet from our own server, and nothing else: no CDN, and no jQuery (nothing on our maps uses it)."""
    m.default_js = [("leaflet", LEAFLET_JS)]
    m.default_css = [("leaflet_css", LEAFLET_CSS)]


def prefetch_js(urls: Sequence[str]) -> str:
    """A script (as a ``data:`` URL, no request of its own) that starts fetching ``urls`` at once.

    The map's frame loads its scripts one after another and runs the map's own script last; the data
    documents it draws (land, ice) would only be asked for then. Put first among the map's scripts,
    this asks for them while Leaflet downloads, into the same ``window.__arcticDocs`` cache the
    layers read (:class:`arctic_routes.leaflet_layers.EncodedPolygons`).

    >>> prefetch_js(["/a.json"])[:40]
    'data:text/javascript,window.__arcticDocs'
    """
    code = ("window.__arcticDocs=window.__arcticDocs||{};" + "".join(
        f"window.__arcticDocs[{json.dumps(u)}]=fetch({json.dumps(u)}).then(function(r){{return r.json();}});"
        for u in urls))
    return "data:text/javascript," + urllib.parse.quote(code, safe="=;(){}.,[]|")


def external_urls(urls: Iterable[str]) -> list[str]:
    """The URLs that would leave our server (anything with a scheme or ``//``)."""
    return [u for u in urls if "://" in u or u.startswith("//")]

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
    wins over the fit.

    What must show is each point with a line's half width around it and, where one of the map's markers stands
    on a point (a voyage's end), that marker as the declutter measures it (``_arcticRadius``) and its label:
    inside the map, and outside every legend, key and control. The view is planned before it is set: the
    padding on one side grows while something lies under a box or beyond the map's edge, by exactly what clears
    it (the box's far edge from the map's edge, plus how far the mark reaches from its point), on whichever of
    the box's two sides leaves the larger zoom. The map then moves once.

    The frame and its boxes are laid out after the script runs (a page's component is sized later, fonts
    arrive, the voyage's markers and labels are on the map once its layer is): the fit is planned again in the
    next frame, at a few moments after, and whenever the map or a corner of boxes changes size, for
    ``REFIT_MS``, until the reader moves the map. "Moved" is judged in pixels, not by the exact centre: a
    resize keeps the centre only to half a pixel, and that must not end the refits.
    """

    #: How long (ms) after a fit the view is fitted again when the frame or its boxes change size.
    REFIT_MS = 6000

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
          var EDGE = 4, LINE = 6;  // px: kept between a mark and the map's edge or a box; half a line's width
          var SIDES = ["left", "top", "right", "bottom"];
          function marks() {
            // Each point and how far its marks reach from it: a line's half width, and a marker standing on it
            // (as the declutter sees it) with its label, measured as laid out (a label hidden with its marker
            // is shown for the measure, then hidden again).
            var at = {}, frame = map.getContainer().getBoundingClientRect();
            var items = points.map(function(p) {
              var item = {at: p, reach: LINE, label: null};
              at[p.lat + "," + p.lng] = item;
              return item;
            });
            (map._arcticMarkers || []).forEach(function(m) {
              var ll = m.getLatLng(), item = at[ll.lat + "," + ll.lng];
              if (!item || !m.getElement()) { return; }
              item.reach = Math.max(item.reach, (m._arcticRadius || 0) + 1);
              var el = m._arcticLabel && m._arcticLabel.getElement();
              if (!el || !el.firstChild || !el.firstChild.getBoundingClientRect) { return; }
              var display = el.style.display;
              el.style.display = "";
              var a = el.getBoundingClientRect(), r = el.firstChild.getBoundingClientRect();
              el.style.display = display;
              if (!r.width || !r.height) { return; }
              // the label's box from its anchor, in px (it does not scale); its anchor from the point, per zoom
              item.label = {anchor: m._arcticLabel.getLatLng(), left: r.left - a.left, top: r.top - a.top,
                            right: r.right - a.left, bottom: r.bottom - a.top};
            });
            return {items: items, boxes: boxes(frame)};
          }
          function boxes(frame) {
            var found = [];
            map.getContainer().querySelectorAll(".leaflet-control").forEach(function(c) {
              var r = c.getBoundingClientRect();
              if (r.width && r.height) {
                found.push({left: r.left - frame.left, top: r.top - frame.top,
                            right: r.right - frame.left, bottom: r.bottom - frame.top});
              }
            });
            return found;
          }
          function reach(item, zoom) {  // px beyond the point on each side, at ``zoom``
            var e = {left: item.reach, top: item.reach, right: item.reach, bottom: item.reach}, l = item.label;
            if (l) {
              var d = map.project(l.anchor, zoom).subtract(map.project(item.at, zoom));
              e.left = Math.max(e.left, -(d.x + l.left));
              e.top = Math.max(e.top, -(d.y + l.top));
              e.right = Math.max(e.right, d.x + l.right);
              e.bottom = Math.max(e.bottom, d.y + l.bottom);
            }
            return e;
          }
          function view(pad, size) {  // as fitBounds would set it (Leaflet's own arithmetic)
            var zoom = map.getBoundsZoom(bounds, false, L.point(pad.left + pad.right, pad.top + pad.bottom));
            var sw = map.project(bounds.getSouthWest(), zoom), ne = map.project(bounds.getNorthEast(), zoom);
            var centre = sw.add(ne).divideBy(2).add(L.point(pad.right - pad.left, pad.bottom - pad.top).divideBy(2));
            return {zoom: zoom, centre: map.unproject(centre, zoom), origin: centre.subtract(size.divideBy(2))};
          }
          function plan(size) {
            var seen = marks(), pad = {left: 10, top: 10, right: 10, bottom: 10}, v = view(pad, size);
            for (var i = 0; i < 12; i++) {
              var need = L.extend({}, pad);
              seen.items.forEach(function(item) {
                var q = map.project(item.at, v.zoom).subtract(v.origin), e = reach(item, v.zoom);
                var r = {left: q.x - e.left, top: q.y - e.top, right: q.x + e.right, bottom: q.y + e.bottom};
                // inside the map: that side's padding as far as the mark reaches
                if (r.left < EDGE) { need.left = Math.max(need.left, e.left + EDGE); }
                if (r.top < EDGE) { need.top = Math.max(need.top, e.top + EDGE); }
                if (r.right > size.x - EDGE) { need.right = Math.max(need.right, e.right + EDGE); }
                if (r.bottom > size.y - EDGE) { need.bottom = Math.max(need.bottom, e.bottom + EDGE); }
                seen.boxes.forEach(function(b) {
                  if (!(r.left < b.right + EDGE && b.left - EDGE < r.right && r.top < b.bottom + EDGE &&
                        b.top - EDGE < r.bottom)) { return; }
                  // Room beside the box (its far edge from the map's edge) or above or below it: each keeps
                  // every point, and so this mark, clear of the box; the one that leaves the larger zoom wins.
                  var options = [
                    b.left + b.right < size.x ? ["left", b.right + EDGE + e.left, size.x]
                                              : ["right", size.x - b.left + EDGE + e.right, size.x],
                    b.top + b.bottom < size.y ? ["top", b.bottom + EDGE + e.top, size.y]
                                              : ["bottom", size.y - b.top + EDGE + e.bottom, size.y]];
                  var best = null;
                  for (var k = 0; k < options.length; k++) {
                    var side = options[k][0], room = options[k][1], axis = options[k][2];
                    if (need[side] >= room) { return; }  // already made this round
                    var trial = L.extend({}, need);
                    trial[side] = room;
                    var across = side === "left" || side === "right" ? trial.left + trial.right : trial.top + trial.bottom;
                    if (across > 0.7 * axis) { continue; }  // the voyage would be too small to read
                    var zoom = map.getBoundsZoom(bounds, false, L.point(trial.left + trial.right, trial.top + trial.bottom));
                    if (!best || zoom > best.zoom || (zoom === best.zoom && room / axis < best.share)) {
                      best = {side: side, room: room, zoom: zoom, share: room / axis};
                    }
                  }
                  if (best) { need[best.side] = best.room; }
                });
              });
              if (SIDES.every(function(s) { return need[s] === pad[s]; })) { break; }
              pad = need;
              v = view(pad, size);
            }
            return v;
          }
          function fit() {
            var size = map.getSize();
            if (size.x > 40 && size.y > 40) {
              var v = plan(size);
              if (v.zoom !== map.getZoom() ||
                  map.project(map.getCenter(), v.zoom).distanceTo(map.project(v.centre, v.zoom)) > 0.5) {
                map.setView(v.centre, v.zoom, {animate: false});
              }
            }
            fitted = {centre: map.getCenter(), zoom: map.getZoom()};
          }
          function untouched() {  // the reader has not moved the map since the fit (to a pixel: see the docstring)
            return fitted !== null && map._arcticFitKey === key && map.getZoom() === fitted.zoom &&
              map.project(map.getCenter(), fitted.zoom).distanceTo(map.project(fitted.centre, fitted.zoom)) < 1.5;
          }
          function refit() { if (untouched()) { fit(); } }
          fit();
          requestAnimationFrame(refit);
          [300, 1000, 2500, {{ this.REFIT_MS }}].forEach(function(ms) { setTimeout(refit, ms); });
          if (document.fonts && document.fonts.ready) { document.fonts.ready.then(refit); }
          var until = Date.now() + {{ this.REFIT_MS }}, queued = false;
          function soon() {  // at most once a frame, while it may still matter
            if (Date.now() > until || !untouched()) { stop(); return; }
            if (!queued) { queued = true; requestAnimationFrame(function() { queued = false; refit(); }); }
          }
          var watch = window.ResizeObserver ? new ResizeObserver(soon) : null;
          if (watch) {
            watch.observe(map.getContainer());
            map.getContainer().querySelectorAll(".leaflet-control-container > div").forEach(function(corner) {
              watch.observe(corner);
            });
          }
          map.on("resize", soon);
          function stop() { if (watch) { watch.disconnect(); } map.off("resize", soon); }
          setTimeout(stop, {{ this.REFIT_MS }} + 100);
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

"""Leaflet layers drawn from compact data: delta-encoded polygons (land, ice) and one-blob vector layers.

Each is one branca element with a small script, instead of hundreds of folium
elements that would each compile a template on every page rerun. Built on the
plumbing of :mod:`arctic_routes.leaflet`; knows nothing of routes or voyages.
"""

from __future__ import annotations

from collections.abc import Sequence

from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from arctic_routes.leaflet import POINT_UNIT_M, PointsJSON, RawMacro, esc, points_json
from arctic_routes.rings import IceDocument, PolygonsDocument


class EncodedPolygons(RawMacro):
    """Polygons from a delta-encoded document (``scripts/build_land.py``, ``scripts/build_sea_ice.py``).

    The document is ``{"unit_m", "polygons": [...]}`` or, with ``key``, ``{"unit_m", "months": {key: [...]}}``;
    each ring is a flat list of integer steps. It is fetched from ``url`` (once per page, then cached by the
    browser) or inlined as ``data`` (a file that stands alone). Without ``pane`` the polygons go under
    everything on the map itself, and ``map._landDrawn`` (or ``map._landFailed``) records the outcome; with a
    ``pane`` they go into the parent feature group, in that pane under the land (``window.arcticMap``).
    Drawn by ``window.arcticRings`` (:class:`VectorsRuntime`, which must be on the map first).

    Levels of detail (no ``pane``): the document at ``url`` (or ``data``) is drawn at the map's usual views.
    With ``detail_url``, it is a coarse one (its ``simplified_m``, metres in the map's plane) and the finer
    document at ``detail_url`` replaces it, once per page, when the reader zooms in past the zoom where one
    pixel is less than twice that tolerance (``map.options.crs.scale(zoom)`` pixels per metre); ``map._landDetail``
    is then true, and the coarse land never comes back. With ``world_url`` (or ``world_data``), that document
    replaces either whenever the view reaches farther than ``world_beyond_m`` from the Pole (beyond the land the
    others hold) at a zoom under ``world_below_zoom`` (wider than the map's usual views, which keep the finer
    land: a voyage's frame, or the reader zoomed far out) or without the Pole in it (a voyage far from the
    Arctic, Mombasa to Mumbai, framed closer than that zoom); ``map._landWorld`` is then true. Each level
    is fetched once, when first wanted, and a new one is added at the back before the old one is removed, so
    there is no blank frame. If a fetch fails, the level shown stays.
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
          function rings(doc) {
            var u = doc.unit_m, out = [];
            var source = {{ ("doc.months[" ~ (this.key|tojson) ~ "]") if this.key else "doc.polygons" }};
            source.forEach(function(polygon) {  // every ring, flat [x0, y0, x1, y1, ...] metres: see arcticRings
              polygon.forEach(function(r) {
                var x = 0, y = 0, flat = new Float64Array(r.length);
                for (var i = 0; i < r.length; i += 2) { x += r[i]; y += r[i + 1]; flat[i] = x * u; flat[i + 1] = y * u; }
                out.push(flat);
              });
            });
            var style = Object.assign({interactive: false}, {{ this.style|tojson }});
            {% if this.pane %}style.pane = {{ this.pane|tojson }}; style.renderer = map[{{ this.pane|tojson }}];{% endif %}
            return window.arcticRings(out, style, source.length);
          }
          window.__arcticDocs = window.__arcticDocs || {};
          var docs = window.__arcticDocs;
          function load(source) {  // one request per document and page, shared by every element
            if (source.data) { return Promise.resolve(source.data); }
            docs[source.url] = docs[source.url] || fetch(source.url).then(function(r) { return r.json(); });
            return docs[source.url].catch(function(e) { delete docs[source.url]; throw e; });
          }
          {% if this.pane %}
          load({url: {{ this.url|tojson }}, data: {{ this.data|tojson }}}).then(function(doc) {
            rings(doc).addTo(target);
          }).catch(function() {});
          {% else %}
          var sources = {
            base: {url: {{ this.url|tojson }}, data: {{ this.data|tojson }}},
            detail: {{ {"url": this.detail_url}|tojson if this.detail_url else "null" }},
            world: {{ {"url": this.world_url, "data": this.world_data}|tojson
                      if (this.world_url or this.world_data) else "null" }}
          };
          var beyond = {{ this.world_beyond_m|tojson }}, layers = {}, asked = {}, shown = null, kind = null;
          var tolerance = 0, detailed = false;
          function wanted() {
            if (sources.world) {  // the view reaches past the land the other levels hold: the world's
              var b = map.getBounds(), far = 0;
              [b.getSouthWest(), b.getNorthEast(), b.getNorthWest(), b.getSouthEast()].forEach(function(p) {
                far = Math.max(far, Math.hypot(p.lat, p.lng));
              });
              // wider than the usual views, or a view of somewhere else than the Pole (a voyage far south):
              // the Arctic's land would leave the land beyond it blank, drawn as sea
              if (far > beyond && (map.getZoom() < {{ this.world_below_zoom|tojson }}
                                   || !b.contains(L.latLng(0, 0)))) { return "world"; }
            }
            if (sources.detail && (detailed || (tolerance && 2 * tolerance * map.options.crs.scale(map.getZoom()) > 1))) {
              return "detail";  // past the zoom where the coarse tolerance is half a pixel (and never back)
            }
            return "base";
          }
          function show(level) {
            layers[level].addTo(map).bringToBack();
            if (shown && shown !== layers[level]) { map.removeLayer(shown); }  // after the new one: no blank frame
            shown = layers[level]; kind = level;
            if (level === "detail") { detailed = true; }
            map._landDrawn = true; map._landDetail = level === "detail"; map._landWorld = level === "world";
            map.fire("arcticland");  // see window.arcticAfterDraw
          }
          function update() {
            var level = wanted();
            if (level === kind) { return; }
            if (layers[level]) { show(level); return; }
            if (asked[level]) { return; }
            asked[level] = true;  // once per page: if it fails, what is shown stays
            load(sources[level]).then(function(doc) {
              if (level === "base") { tolerance = doc.simplified_m || 0; }
              layers[level] = rings(doc);
              if (!shown || wanted() === level) { show(level); }
              update();
            }).catch(function() {  // the routes still count as drawn
              if (!shown) { map._landFailed = true; map.fire("arcticland"); }
            });
          }
          map.on("zoomend moveend", update);
          setTimeout(update, 0);  // after the script has set the map's first view
          {% endif %}
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, style: dict[str, object], url: str | None = None, data: PolygonsDocument | IceDocument | None = None,
                 key: str | None = None, pane: str | None = None, detail_url: str | None = None,
                 world_url: str | None = None, world_data: PolygonsDocument | None = None,
                 world_beyond_m: float = 0.0, world_below_zoom: float = 0.0) -> None:
        super().__init__()
        if (url is None) == (data is None):
            raise ValueError("polygons come from a url or inline data, one of the two")
        if detail_url is not None and (url is None or pane is not None or key is not None):
            raise ValueError("detail_url refines a fetched document of polygons on the map itself (url, no pane)")
        if (world_url or world_data) and (pane is not None or key is not None or not world_beyond_m > 0):
            raise ValueError("a world level is for polygons on the map itself, beyond world_beyond_m")
        self.style, self.url, self.data, self.key, self.pane = style, url, data, key, pane
        self.detail_url, self.world_url, self.world_data = detail_url, world_url, world_data
        self.world_beyond_m, self.world_below_zoom = world_beyond_m, world_below_zoom


class VectorsRuntime(RawMacro):
    """The drawing code of every :class:`Vectors` and :class:`EncodedPolygons` layer, sent once with the base map.

    The map's CRS must be Leaflet's Simple (map units are metres on the polar plane): the rings of
    :class:`EncodedPolygons` are projected as on it. Put it on the map before any other layer.

    Each layer then carries only its data: the page's messages are not compressed, and four layers
    each with their own copy of this code were a third of the map's message.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.arcticRings = (function() {
          // Filled rings (land, ice) from flat [x0, y0, x1, y1, ...] map-plane metres, drawn without Leaflet's
          // LatLng objects, clipping and simplification: on the map's Simple CRS a vertex's pixel is its metres
          // times 2^zoom, and vertices that round to the pixel before them are skipped (at the opening view
          // most of the coarse land's do). The canvas clips what lies outside it. Not interactive.
          var Rings = L.Polygon.extend({
            initialize: function(rings, options) {
              L.setOptions(this, options);
              var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
              rings.forEach(function(r) {
                for (var i = 0; i < r.length; i += 2) {
                  if (r[i] < x0) { x0 = r[i]; } if (r[i] > x1) { x1 = r[i]; }
                  if (r[i + 1] < y0) { y0 = r[i + 1]; } if (r[i + 1] > y1) { y1 = r[i + 1]; }
                }
              });
              this._flat = rings; this._latlngs = []; this._bounds = L.latLngBounds([y0, x0], [y1, x1]);
            },
            _project: function() {
              var map = this._map, s = map.options.crs.scale(map.getZoom()), o = map.getPixelOrigin();
              var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
              this._rings = this._flat.map(function(r) {
                var out = [], lx = NaN, ly = NaN;
                for (var i = 0; i < r.length; i += 2) {  // as map.latLngToLayerPoint: round, then less the origin
                  var x = Math.round(r[i] * s) - o.x, y = Math.round(-r[i + 1] * s) - o.y;
                  if (x === lx && y === ly) { continue; }
                  out.push(new L.Point(x, y)); lx = x; ly = y;
                  if (x < x0) { x0 = x; } if (x > x1) { x1 = x; } if (y < y0) { y0 = y; } if (y > y1) { y1 = y; }
                }
                return L.LineUtil.simplify(out, 1);  // as Leaflet's smoothFactor 1: within a pixel
              });
              if (x0 <= x1) { this._rawPxBounds = L.bounds([x0, y0], [x1, y1]); this._updateBounds(); }
            },
            _update: function() {
              if (!this._map) { return; }
              this._parts = this._rings;
              this._updatePath();
            }
          });
          return function(rings, style, polygons) {  // polygons: how many the rings make (for checks)
            var layer = new Rings(rings, Object.assign({}, style, {interactive: false}));
            layer.arcticPolygons = polygons;
            return layer;
          };
        })();
        window.arcticVectors = function(target, d) {
          var paths = d.paths.map(function(r) {  // integer steps of d.unit metres (points_json)
            var y = 0, x = 0, out = new Array(r.length / 2);
            for (var i = 0; i < r.length; i += 2) { y += r[i]; x += r[i + 1]; out[i / 2] = [y * d.unit, x * d.unit]; }
            return out;
          });
          var map = window.arcticMap || (target instanceof L.Map ? target : null);
          function paneRenderer(name, z) {  // a canvas of its own, in a pane at z (routes over the place names)
            if (!map.getPane(name)) { map.createPane(name).style.zIndex = z; map["_arcticCanvas_" + name] = L.canvas({pane: name}); }
            return map["_arcticCanvas_" + name];
          }
          d.lines.forEach(function(l) {
            var style = l.style;
            if (style.pane && map) { style = Object.assign({}, style, {renderer: paneRenderer(style.pane, 420)}); }
            var p = L.polyline(paths[l.path], style);
            if (l.tip) {
              p.bindTooltip(l.tip, {sticky: true});
              p.on("tooltipopen", keepInside);
              p.on("click", function(e) { p.openTooltip(e.latlng); });  // a tap has no hover
            }
            p.addTo(target);
          });
          (d.circles || []).forEach(function(c) {  // radius in map units (metres): CRS.Simple
            L.circle(c.at, Object.assign({radius: c.radius, fill: false}, c.style)).addTo(target);
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
            // Declutter keeps markers' centres 24 px apart or more (WCAG 2.2, 2.5.8: an undersized target's 24 px
            // circle meets no other target's).
            m._arcticRadius = Math.max(size / 2, 12);
            if (k.label) {
              m._arcticLabel = L.marker(k.label_at || k.at, {icon: L.divIcon({html: k.label, className: "arctic-label",
                                                                 iconSize: [0, 0]}),
                                               interactive: false, keyboard: false}).addTo(target);
            }
            m.addTo(target);
            mine.push(m);
          });
          d.labels.forEach(function(t) {
            var label = L.marker(t.at, {icon: L.divIcon({html: t.html, className: "arctic-label", iconSize: [0, 0]}),
                                        interactive: false, keyboard: false});
            label.on("add", function() { label.getElement().dataset.priority = t.priority; });
            label.addTo(target);
          });
          if (d.places && d.places.length) {  // names of countries and seas, under the routes: once the map is drawn
            window.arcticAfterDraw(map || target, function() {
              if (map && !map.getPane("arcticPlaces")) { map.createPane("arcticPlaces").style.zIndex = 410; }
              d.places.forEach(function(t) {
                var place = L.marker(t.at, {icon: L.divIcon({html: t.html, className: "arctic-label arctic-place",
                                                             iconSize: [0, 0]}),
                                            interactive: false, keyboard: false,
                                            pane: map ? "arcticPlaces" : "markerPane"});
                place.on("add", function() { place.getElement().dataset.priority = t.priority; });
                place.addTo(target);
              });
              if (map && window.arcticLabels) { window.arcticLabels(map); }
            });
          }
          (d.notes || []).forEach(function(t) {  // a dot at the place, the text beside it (see arcticLabels)
            var html = '<svg class="arctic-note-lead" width="1" height="1" aria-hidden="true" style="position:absolute;' +
              'left:0;top:0;overflow:visible"><line x1="0" y1="0" x2="0" y2="0" style="stroke:#111;stroke-width:1.2"/>' +
              '<circle r="3.5" style="fill:#111;stroke:#fff;stroke-width:1.5"/></svg>' +
              '<div class="arctic-note-text" style="position:absolute;left:0;top:0;white-space:nowrap;' +
              'font:600 12px/1.2 system-ui,sans-serif;color:#111;background:rgba(255,255,255,0.88);' +
              'padding:1px 4px;border-radius:3px;box-shadow:0 0 0 1px rgba(0,0,0,0.25)">' + t.html + '</div>';
            var note = L.marker(t.at, {icon: L.divIcon({html: html, className: "arctic-label arctic-note",
                                                        iconSize: [0, 0]}),
                                       interactive: false, keyboard: false});
            note.on("add", function() { var el = note.getElement(); el.dataset.priority = t.priority; el.dataset.note = "1"; });
            note.addTo(target);
          });
          if (map && window.arcticLabels) { window.arcticLabels(map); }
          if (map && target !== map) {  // a layer group's elements exist once it is on the map: declutter then
            target.on("add", function() { (map._arcticDeclutter || window.arcticLabels)(map); });
          }
          // Declutter: at each zoom, a marker that would overlap one drawn before it (the Pole, then the
          // layers in order) is hidden with its label until the reader zooms in; every one stays in the
          // page's tables. Markers of layers removed on a rerun leave the registry with them.
          if (!map || !mine.length) { return; }
          map._arcticMarkers = (map._arcticMarkers || []).concat(mine);
          target.on("remove", function() {
            map._arcticMarkers = map._arcticMarkers.filter(function(m) { return mine.indexOf(m) < 0; });
          });
          if (!map._arcticDeclutter) {
            map._arcticDeclutter = function() {
              // Measured once the map is drawn: the first map's frames are for the land and the routes.
              if (!(map._landDrawn || map._landFailed)) {  // once, however many layers asked meanwhile
                if (!map._arcticDeclutterWaits) {
                  map._arcticDeclutterWaits = true;
                  window.arcticAfterDraw(map, function() { map._arcticDeclutter(); });
                }
                return;
              }
              // A marker under a box (legend, key, control) could be neither seen nor reached: hidden too.
              var shown = [], frame = map.getContainer().getBoundingClientRect(), boxes = [];
              map.getContainer().querySelectorAll(".leaflet-control").forEach(function(c) {
                var b = c.getBoundingClientRect();
                if (b.width && b.height) { boxes.push(b); }
              });
              map._arcticMarkers.forEach(function(m) {
                var el = m.getElement();
                if (!el) { return; }
                var p = map.latLngToContainerPoint(m.getLatLng()), r = m._arcticRadius + 1;
                var x = p.x + frame.left, y = p.y + frame.top;
                var clash = shown.some(function(q) { return Math.hypot(q.x - p.x, q.y - p.y) < r + q.r; }) ||
                  boxes.some(function(b) { return x + r > b.left && x - r < b.right && y + r > b.top && y - r < b.bottom; });
                el.style.display = clash ? "none" : "";
                var label = m._arcticLabel && m._arcticLabel.getElement();
                if (label) { label.style.display = clash ? "none" : ""; }
                if (!clash) { shown.push({x: p.x, y: p.y, r: r}); }
              });
              if (window.arcticLabels) { window.arcticLabels(map); }
            };
            map.on("zoomend moveend resize", map._arcticDeclutter);
          }
          map._arcticDeclutter();
        };
        window.arcticAfterDraw = function(map, fn) {
          // ``fn`` once the map's land is drawn (or failed), after that frame is painted: not before, so the
          // first map's frames are the land's and the routes'.
          if (map._landDrawn || map._landFailed) { fn(); return; }
          map.once("arcticland", function() { requestAnimationFrame(function() { setTimeout(fn, 0); }); });
        };
        // Where a note's text may go, in pixels from its dot (x right, y down): beside it first, then farther.
        var NOTE_SPOTS = [[7, -5], [7, 5], [-7, -5], [-7, 5], [0, -10], [0, 10], [26, -22], [26, 22], [-26, -22],
                          [-26, 22], [0, -40], [0, 40], [48, 0], [-48, 0], [56, -44], [-56, -44], [56, 44], [-56, 44]];
        window.arcticLabels = function(map) {
          // Every text label on the map (marker labels, voyage ends, notes, place names, the graticule's) in
          // order of priority (data-priority: lower first): one that would overlap a label kept before it, sit
          // under a legend, key or control, cover a marker or be cut by the map's edge is hidden until the view
          // changes. Runs once per frame at most, after every change of view, layers or boxes.
          if (map._arcticLabelsQueued) { return; }
          map._arcticLabelsQueued = true;
          if (!map._arcticLabelsOn) {
            map._arcticLabelsOn = true;
            map.on("zoomend moveend resize", function() { window.arcticLabels(map); });
          }
          // Labels start hidden (.arctic-label) and are shown here, once the map is drawn.
          window.arcticAfterDraw(map, function() { requestAnimationFrame(pass); });
          function pass() {
            map._arcticLabelsQueued = false;
            var frame = map.getContainer().getBoundingClientRect(), kept = [];
            if (!frame.width) { return; }
            map.getContainer().querySelectorAll(".leaflet-control").forEach(function(c) {
              var r = c.getBoundingClientRect();
              if (r.width && r.height) { kept.push(r); }
            });
            var markers = [];  // what no label may cover: every marker shown (but a label's own marker)
            (map._arcticMarkers || []).forEach(function(m) {
              var el = m.getElement(), label = m._arcticLabel && m._arcticLabel.getElement();
              if (el && el.style.display !== "none") {
                var r = el.getBoundingClientRect();
                markers.push({left: r.left, right: r.right, top: r.top, bottom: r.bottom, label: label});
              }
            });
            var labels = Array.prototype.slice.call(map.getContainer().querySelectorAll(".arctic-label"));
            labels = labels.filter(function(el) { return el.style.display !== "none"; });  // with a hidden marker
            labels.forEach(function(el, i) { el._arcticOrder = i; });
            labels.sort(function(a, b) {
              return (+a.dataset.priority || 0) - (+b.dataset.priority || 0) || a._arcticOrder - b._arcticOrder;
            });
            function overlaps(r, q) { return r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom; }
            function fits(r, el) {
              var inside = r.left >= frame.left && r.right <= frame.right && r.top >= frame.top && r.bottom <= frame.bottom;
              return inside && !kept.some(function(q) { return overlaps(r, q); })
                     && !markers.some(function(q) { return q.label !== el && overlaps(r, q); });
            }
            labels.forEach(function(el) {
              el.style.visibility = "";
              if (el.dataset.note) { placeNote(el); return; }
              var r = (el.firstChild && el.firstChild.getBoundingClientRect) ? el.firstChild.getBoundingClientRect()
                                                                               : el.getBoundingClientRect();
              var ok = fits(r, el);  // a marker's label may touch its own marker, no other
              el.style.visibility = ok ? "visible" : "hidden";
              if (ok) { kept.push(r); }
            });
            function placeNote(el) {
              // Beside the dot where it fits, else farther out with a leader line; the dot always shows.
              var text = el.querySelector(".arctic-note-text"), line = el.querySelector("line");
              var dot = el.getBoundingClientRect();
              for (var i = 0; i < NOTE_SPOTS.length; i++) {
                var dx = NOTE_SPOTS[i][0], dy = NOTE_SPOTS[i][1];
                text.style.transform = "translate(" + (dx >= 0 ? dx + "px" : "calc(-100% + " + dx + "px)") + "," +
                  (dy > 0 ? dy + "px" : dy < 0 ? "calc(-100% + " + dy + "px)" : "-50%") + ")";
                var r = text.getBoundingClientRect();
                if (fits(r)) {
                  var far = Math.hypot(dx, dy) > 14;  // moved off the point: a leader to the text's nearest corner
                  line.setAttribute("x2", far ? Math.max(r.left, Math.min(dot.left, r.right)) - dot.left : 0);
                  line.setAttribute("y2", far ? Math.max(r.top, Math.min(dot.top, r.bottom)) - dot.top : 0);
                  text.style.visibility = "visible";
                  kept.push(r, {left: dot.left - 4, right: dot.left + 4, top: dot.top - 4, bottom: dot.top + 4});
                  return;
                }
              }
              text.style.visibility = "hidden"; line.setAttribute("x2", 0); line.setAttribute("y2", 0);
            }
            map._arcticLabelsDone = true;
          }
        };
        {% endmacro %}
        """
    )


class Vectors(RawMacro):
    """Lines, annotation markers and text labels drawn from one JSON blob by one small script.

    Hundreds of folium elements would each compile a template on every page
    rerun; this is one element. Tooltips and labels are HTML that the caller
    has already escaped (see :func:`esc`). Annotation markers (:meth:`marker`)
    are DOM elements in Leaflet's marker pane, above every line (a route's wide
    hover line cannot hide them), reachable by the keyboard, and named for screen
    readers; their tooltips open on hover, tap and focus and are kept inside the map. Drawn by the code
    of :class:`VectorsRuntime`, which must be on the map first (:func:`arctic_routes.mapview.base_map`).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.arcticVectors({{ this._parent.get_name() }}, {{ this.payload() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[dict[str, object]]] = {"lines": [], "circles": [], "markers": [], "labels": []}
        self.paths: dict[str, int] = {}  # serialised points -> index: a line drawn three times is sent once

    def line(self, pts: list[list[float]] | PointsJSON, tip: str | None = None, **style: object) -> None:
        """``pts`` as Leaflet [y, x] pairs, or already serialised by :func:`points_json` (cached)."""
        text = pts if isinstance(pts, PointsJSON) else points_json(pts)
        index = self.paths.setdefault(text, len(self.paths))
        self.data["lines"].append({"path": index, "style": style, "tip": tip})

    def circle(self, at: Sequence[float], radius_m: float, **style: object) -> None:
        """A circle around ``at`` (Leaflet [y, x]) of ``radius_m`` map metres, not filled: a parallel."""
        self.data["circles"].append({"at": [float(at[0]), float(at[1])], "radius": round(float(radius_m), 1),
                                     "style": style})

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

    def label(self, at: Sequence[float], html_text: str, priority: int = 0) -> None:
        """A text label; where labels would overlap, the lower ``priority`` is kept (see ``arcticLabels``)."""
        self.data["labels"].append({"at": [float(at[0]), float(at[1])], "html": html_text, "priority": priority})

    def note(self, at: Sequence[float], text: str, priority: int) -> None:
        """A journalist's note: a dot at ``at`` and ``text`` as typed (escaped here), placed where it fits."""
        self.data.setdefault("notes", []).append({"at": [float(at[0]), float(at[1])], "html": esc(text),
                                                   "priority": priority})

    def place(self, at: Sequence[float], html_text: str, priority: int) -> None:
        """A place name (country, sea), in a pane under the routes and over the land."""
        self.data.setdefault("places", []).append({"at": [float(at[0]), float(at[1])], "html": html_text,
                                                    "priority": priority})

    def payload(self) -> str:
        """The script's data as HTML-safe JSON (as Jinja's ``tojson``), paths spliced in unparsed."""
        body = str(htmlsafe_json_dumps(self.data))
        return f'{{"unit":{POINT_UNIT_M},"paths":[' + ",".join(self.paths) + "]," + body[1:]

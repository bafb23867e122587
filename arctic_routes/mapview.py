"""The polar map: a :class:`folium.Map` in the EPSG:3413 plane, built, never shown.

Everything is projected with pyproj to NSIDC polar stereographic north
(EPSG:3413, metres) and drawn on Leaflet's ``Simple`` CRS, so the Pole is on
the map, nothing is clamped at 85N and the 180 deg meridian is no seam. The Leaflet
plumbing (assets, CRS swap, elements) is in :mod:`arctic_routes.leaflet`, the
colours in :mod:`arctic_routes.style`, the land and graticule geometry in
:mod:`arctic_routes.land`; this module decides what goes on the map.

The map is split in two so a page can keep the reader's view:
:func:`base_map` (land, sea, graticule, legend, scale: the same for every
selection) and :func:`overlay_layers` (routes and annotations: what changes).
:func:`build_map` puts both on one map (exports, tests).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import folium
import geopandas as gpd
import numpy as np

from arctic_routes.captions import (
    ice_key_html,
    legend_html,
    route_tooltip,
    voyage_key_html,
    voyage_time,
    voyages_in_words,
)
from arctic_routes.datafiles import (
    LAND_COARSE_DISPLAY_URL,
    LAND_DISPLAY_URL,
    LAND_WORLD_DISPLAY_URL,
    sea_ice_display_url,
)
from arctic_routes.geodesy import densify_geodesic, from_polar, geometry_lonlat, to_polar
from arctic_routes.land import (
    ARCTIC_LAND_REACH_M,
    PARALLEL_LABEL_INDEX,
    graticule,
    land_document,
    meridian_label_points,
    world_land_document,
)
from arctic_routes.leaflet import (
    Box,
    DrawnSignal,
    FitView,
    Group,
    MapSetup,
    OpenOn,
    PointsJSON,
    esc,
    lonlat_to_leaflet,
    points_json,
    prefetch_js,
    text_label,
    to_leaflet,
    use_local_assets,
)
from arctic_routes.leaflet_layers import EncodedPolygons, Vectors, VectorsRuntime
from arctic_routes.model import Facts, Port, Voyage
from arctic_routes.navigation import OptionStatus
from arctic_routes.notes import Note
from arctic_routes.places import all_places
from arctic_routes.seaice import DEFAULT_MONTH, MONTH_NAMES, ice_month_document
from arctic_routes.share import HIGHLIGHT_VOYAGE
from arctic_routes.style import (
    COAST_COLOUR,
    COUNTRY_NAME_COLOUR,
    FAMILY_COLOURS,
    FAMILY_LABELS,
    FAMILY_TEXT_COLOURS,
    GRATICULE_COLOUR,
    ICE_COLOUR,
    ICE_EDGE_COLOUR,
    LAND_COLOUR,
    MUTED_OPACITY,
    SEA_COLOUR,
    SEA_NAME_COLOUR,
    route_dash,
    variant_index,
    voyage_style,
)
from arctic_routes.units import convert_m

#: Half-width of the area the map opens on (metres).
VIEW_HALF_M = 3_300_000.0
#: Half-width of the area the map may be panned within: the world's land reaches 50S, 33,700 km from the Pole.
BOUNDS_HALF_M = 30_000_000.0
#: The widest zoom (Leaflet's Simple CRS: 2**zoom pixels per metre): a voyage round the Cape of Good Hope
#: (35S, 23,600 km from the Pole) fits a 400 px map.
MIN_ZOOM = -17
#: Where labels would overlap, the lower number is kept (marker labels and voyage ends are 0).
PLACE_PRIORITY = 2  # plus the place's rank (1..3)
GRATICULE_PRIORITY = 9
#: Route and voyage lines are drawn in a pane of their own, over the place names.
ROUTE_PANE = "arcticRoutes"
#: The journalist's notes come first where labels would overlap (marker labels are 0, place names 3 to 5).
NOTE_PRIORITY = -1
#: The map draws the world's 1:50m land instead of the Arctic's 1:10m at zooms under this, when its view
#: reaches beyond the Arctic land: wider than every opening view (-14.25 on a phone, -14 to -13.5 on a page),
#: which keep the 1:10m land (its straits); a voyage's frame is wider.
WORLD_BELOW_ZOOM = -14.3


@dataclass(frozen=True)
class MapOptions:
    """What the reader chose: which routes, the unit, the annotation layers, the ice month."""

    route_ids: tuple[str, ...] = ()
    unit: str = "nm"
    layers: frozenset[str] = field(default_factory=frozenset)
    selected: str | None = None
    month: int = DEFAULT_MONTH  # the sea ice drawn when ``"ice"`` is in ``layers``
    #: Route ids and/or "voyage" to emphasise: every other line is muted (empty: none is).
    highlight: frozenset[str] = field(default_factory=frozenset)
    notes: tuple[Note, ...] = ()  #: the journalist's own labels

    def muted(self, key: str) -> bool:
        """Whether the line of ``key`` (a route id, or "voyage") is muted by the highlight."""
        return bool(self.highlight) and key not in self.highlight


LAYERS = {
    "ice": "Sea ice (median extent)",
    "straits": "Straits (depth, width)",
    "ports": "Ports",
    "icebreakers": "Icebreaker fleets",
    "seasons": "Navigation season",
}


CREDIT = ("Land © Natural Earth (public domain) · Sea names: Marine Regions (CC BY 4.0) · Sea ice: NSIDC Sea Ice "
          "Index v3 · Routes: Arctic Routes")
#: What the map is, for screen readers (the map's frame and container); the page describes it in words too.
MAP_TITLE = "Interactive polar map of the Arctic shipping routes, seen from above the North Pole"
LAND_STYLE = {"fillColor": LAND_COLOUR, "fillOpacity": 1.0, "color": COAST_COLOUR, "weight": 0.6}


def base_map(inline_land: bool = False, signal_drawn: bool = False, inline_world: bool = False) -> folium.Map:
    """The map without routes: land, sea, graticule, Pole, scale bar.

    The same for every reader and every choice, so a page can keep it identical
    across reruns and the browser keeps the reader's pan and zoom.
    The land is fetched from the page's server (and cached by the browser): the coarse land first, the
    1 km land once the reader zooms in far enough to see the difference (:class:`EncodedPolygons`);
    ``inline_land=True`` puts the 1 km land in the script instead (a file that stands alone), with
    ``inline_world=True`` the world's too (a voyage's frame reaches beyond the Arctic land). The places are
    named under the routes; every label makes way for the ones that matter more (``arcticLabels``).
    ``signal_drawn=True`` makes the map report once to a Streamlit page when its
    land and routes are drawn (the report carries ``DRAWN_KEY``).
    """
    half = VIEW_HALF_M
    # Starts fully zoomed out until fit_bounds (below) sets the view: a land document arriving before the
    # fit must not see a close zoom and fetch the 1 km land for nothing.
    m = folium.Map(location=[0, 0], zoom_start=-15, crs="Simple", tiles=None, zoom_snap=0.25, zoom_delta=0.5,
                   control_scale=True, prefer_canvas=True, max_bounds_viscosity=0.8)
    # folium passes min_zoom/max_zoom to tiles only; without them Leaflet clamps zoom at 0.
    m.options.update(minZoom=MIN_ZOOM, maxZoom=-6)
    use_local_assets(m)
    if not inline_land:  # the coarse land and the ice (on by default, in September) start downloading with Leaflet
        m.default_js.insert(0, ("arctic_prefetch", prefetch_js([LAND_COARSE_DISPLAY_URL,
                                                                sea_ice_display_url(DEFAULT_MONTH)])))
    m.add_child(MapSetup(SEA_COLOUR, [[-BOUNDS_HALF_M] * 2, [BOUNDS_HALF_M] * 2], CREDIT, MAP_TITLE))
    m.add_child(VectorsRuntime())  # draws the land, the ice and every vector layer
    # The land: 1:10m in the Arctic (coarse, then 1 km zoomed in); the world's 1:50m once the view reaches beyond.
    m.add_child(EncodedPolygons(LAND_STYLE, data=land_document(), world_data=world_land_document() if inline_world
                                else None, world_beyond_m=ARCTIC_LAND_REACH_M, world_below_zoom=WORLD_BELOW_ZOOM)
                if inline_land
                else EncodedPolygons(LAND_STYLE, url=LAND_COARSE_DISPLAY_URL, detail_url=LAND_DISPLAY_URL,
                                     world_url=LAND_WORLD_DISPLAY_URL, world_beyond_m=ARCTIC_LAND_REACH_M,
                                     world_below_zoom=WORLD_BELOW_ZOOM))
    grid = Vectors()
    meridians, parallels = _graticule_lines()
    for label, points, at in meridians:
        grid.line(points, color=GRATICULE_COLOUR, weight=0.7, opacity=0.55, interactive=False)
        grid.label(at, text_label(label), priority=GRATICULE_PRIORITY)
    for label, radius, at in parallels:
        circle = label == "Arctic Circle"
        grid.circle([0, 0], radius, color=GRATICULE_COLOUR, weight=1.1 if circle else 0.7,
                    opacity=0.8 if circle else 0.55, dashArray="6 5" if circle else None, interactive=False)
        grid.label(at, text_label(label, "font-style:italic"), priority=GRATICULE_PRIORITY)
    for at, html, priority in _place_labels():
        grid.place(at, html, priority)
    grid.marker([0, 0], "North Pole", "North Pole (90°N)", radius=4,  # the label is the marker's own: it may touch it
                label=text_label("North Pole", "font-weight:600;color:#222"), label_at=[-90_000, 0])
    m.add_child(grid)
    if signal_drawn:
        m.add_child(DrawnSignal())
    m.add_child(OpenOn([[-half, -half], [half, half]]))
    return m


@lru_cache(maxsize=1)
def _graticule_lines() -> tuple[list[tuple[str, PointsJSON, list[float]]], list[tuple[str, float, list[float]]]]:
    """Meridians as (label, serialised ends, label position), parallels as (label, radius in metres, label
    position): the same on every rerun.

    The projection is azimuthal about the Pole: a meridian is a straight line from it (its two ends are sent,
    not 50 points) and a parallel a circle around it (its radius is sent, not 361 points).
    """
    parallels, meridians = graticule(south_deg=0.0, meridian_south_deg=-45.0)  # as far as a voyage's frame reaches
    at = PARALLEL_LABEL_INDEX
    return ([(label, points_json(to_leaflet(xy[[0, -1]])), to_leaflet(label_xy[None, :])[0])
             for (label, xy), label_xy in zip(meridians, meridian_label_points())],
            [(label, float(np.hypot(*xy[0])), to_leaflet(xy[at : at + 1])[0]) for label, xy in parallels])


@lru_cache(maxsize=1)
def _place_labels() -> tuple[tuple[list[float], str, int], ...]:
    """Each place's label as the base map draws it (Leaflet [y, x], HTML, priority): the same on every rerun."""
    return tuple((to_leaflet(np.array([[p.x_m, p.y_m]]))[0], place_label(p.name, p.kind, p.rank),
                  PLACE_PRIORITY + p.rank) for p in all_places())


def place_label(name: str, kind: str, rank: int) -> str:
    """A place's name on the map: countries in small capitals, seas in italics, quieter as the rank grows."""
    size = {1: 12, 2: 11, 3: 10.5}.get(rank, 10.5)
    if kind == "sea":
        css = f"font:italic {size}px system-ui,sans-serif;color:{SEA_NAME_COLOUR};letter-spacing:0.02em"
    else:
        css = (f"font:600 {size - 1}px system-ui,sans-serif;color:{COUNTRY_NAME_COLOUR};letter-spacing:0.08em;"
               "text-transform:uppercase")
    return text_label(name, css)


@lru_cache(maxsize=64)
def _route_points(route_id: str, geometry_json: str) -> PointsJSON:
    """A route's line on the map plane, densified every 25 km, serialised (cached: the geometry is the key)."""
    return points_json(to_leaflet(to_polar(densify_geodesic(geometry_lonlat(json.loads(geometry_json)), 25.0))))


def route_layer(routes: gpd.GeoDataFrame, options: MapOptions) -> folium.FeatureGroup:
    """The chosen routes, each in its family colour and variant dash; the selected one drawn wider."""
    group = Group(name="routes")
    vectors = Vectors()
    dash_index = variant_index(routes)
    # The legend lists what is drawn (and an uploaded track); it replaces the one drawn before.
    group.add_child(Box(legend_html(routes, options.route_ids, options.highlight), "bottomright", "arctic-legend",
                        slot="_legend", map_js="window.arcticMap"))
    for rid in _highlighted_last(options.route_ids, options):
        if rid not in routes.index:
            continue
        route = routes.loc[rid]
        colour = FAMILY_COLOURS.get(route["family"], "#000")
        points = _route_points(rid, json.dumps(route["geojson"]))
        selected = rid == options.selected
        muted = options.muted(rid)
        if selected and not muted:  # a halo under the selected route
            vectors.line(points, color="#ffffff", weight=9, opacity=0.9, interactive=False, pane=ROUTE_PANE)
        vectors.line(points, color=colour, weight=5 if selected and not muted else 3,
                     opacity=MUTED_OPACITY if muted else 1.0,
                     dashArray=route_dash(dash_index[rid]), interactive=False, pane=ROUTE_PANE)
        # A wide invisible line on top: easy to hover and tap, carries the tooltip.
        vectors.line(points, tip=esc(route_tooltip(route, options.unit)), color=colour, weight=16, opacity=0.0,
                     pane=ROUTE_PANE)
    group.add_child(vectors)
    return group


def _straits_passed(routes: gpd.GeoDataFrame | None, route_ids: Sequence[str]) -> set[str] | None:
    """The straits the routes shown pass, when a filter leaves some built-in routes out (else None: all)."""
    if routes is None or set(routes.index) <= set(route_ids):
        return None
    return {str(name) for rid in route_ids if rid in routes.index
            for name in (routes.loc[rid].get("via") if isinstance(routes.loc[rid].get("via"), list) else [])}


def _highlighted_last(route_ids: Sequence[str], options: MapOptions) -> list[str]:
    """The routes in drawing order: the muted ones first, so the highlighted ones lie on top."""
    return sorted(route_ids, key=lambda rid: not options.muted(rid))


def annotation_layer(options: MapOptions, straits: gpd.GeoDataFrame | None, ports: gpd.GeoDataFrame | None,
                     facts: Facts | None, routes: gpd.GeoDataFrame | None = None) -> folium.FeatureGroup:
    """Straits, ports, icebreaker and season notes, as the reader switched them on.

    With ``routes`` and only some of them shown, only the straits those routes pass are marked.
    """
    group = Group(name="annotations")
    vectors = Vectors()
    # Drawn first, kept first when markers would overlap: the few large notes, then straits, then ports.
    if facts and "icebreakers" in options.layers:
        # Off Murmansk (Russia's icebreaker base) and off Alaska; the figures are in the tooltip.
        anchors = [(36.0, 70.2, "Icebreakers: Russia"), (-163.0, 69.2, "Icebreakers: United States")]
        for (lon, lat, title), topic in zip(anchors, facts["icebreakers"]):
            lines = "".join(f"<li>{esc(f['figure'])} ({esc(f['source'])})</li>" for f in topic["figures"])
            note = f"<br>{esc(topic['disagreement'])}" if topic.get("disagreement") else ""
            tip = f"<b>{esc(topic['topic'])}</b><ul style='margin:2px 0 0 14px;padding:0'>{lines}</ul>{note}"
            at = lonlat_to_leaflet([(lon, lat)])[0]
            vectors.marker(at, str(topic["topic"]), tip, radius=7, fill="#F0E442",
                           label=text_label(title, "color:#222;font-weight:600"), label_at=[at[0] - 60_000, at[1]])
    if facts and "seasons" in options.layers:
        season_anchors = {"northeast-passage": (125.0, 75.5), "northwest-passage": (-100.0, 74.8),
                          "transpolar": (-150.0, 85.0)}
        for family, (lon, lat) in season_anchors.items():
            season = facts["seasons"][family]
            colour = FAMILY_COLOURS[family]
            name = f"Navigation season: {FAMILY_LABELS[family]}"
            tip = f"<b>{esc(name)}</b><br>{esc(season['text'])}<br>({esc(season['source'])})"
            at = lonlat_to_leaflet([(lon, lat)])[0]
            vectors.marker(at, name, tip, radius=7, stroke=colour, weight=2,
                           label=text_label("Season", f"color:{FAMILY_TEXT_COLOURS[family]};font-weight:600"),
                           label_at=[at[0] - 60_000, at[1]])
    if "straits" in options.layers and straits is not None:
        passed = _straits_passed(routes, options.route_ids)
        for _, s in straits[straits["kind"] == "strait"].iterrows():
            if passed is not None and s["name"] not in passed:
                continue
            at = lonlat_to_leaflet([s["geometry"].coords[0]])[0]
            detail = s.get("constraints") or ""
            tip = f"<b>{esc(s['name'])}</b>" + (f"<br>{esc(detail)}" if detail else "")
            tip += f"<br><i>{esc('; '.join(s['sources']))}</i>"
            vectors.marker(at, f"Strait: {s['name']}", tip, radius=4, stroke="#1b3a57")
    if "ports" in options.layers and ports is not None:
        for _, p in ports[ports["region"] == "arctic"].iterrows():
            y, x = lonlat_to_leaflet([p["geometry"].coords[0]])[0]
            code = f" ({p['unlocode']})" if p.get("unlocode") else ""
            tip = f"<b>{esc(p['name'] + code)}</b><br><i>{esc(p['source'])}</i>"
            vectors.marker([y, x], f"Port: {p['name']}", tip, radius=3.5, fill="#333333", stroke="#ffffff", weight=1,
                           label=text_label(p["name"], "color:#333;transform:none"), label_at=[y + 40_000, x + 40_000])
    group.add_child(vectors)
    return group


def ice_layer(month: int | None, inline: bool = False) -> folium.FeatureGroup:
    """The median sea-ice extent of ``month`` under the land, with its key (nothing, and no key, for None)."""
    group = Group(name="ice")
    if month is not None:
        style = {"fillColor": ICE_COLOUR, "fillOpacity": 0.95, "color": ICE_EDGE_COLOUR, "weight": 0.8}
        source = {"data": ice_month_document(month)} if inline else {"url": sea_ice_display_url(month)}
        group.add_child(EncodedPolygons(style, key=str(month), pane="arcticIce", **source))
    group.add_child(Box(ice_key_html(month) if month is not None else "", "bottomleft", "arctic-ice-key",
                        slot="_iceKey", map_js="window.arcticMap"))
    return group


@lru_cache(maxsize=128)
def _voyage_points(voyage: Voyage) -> PointsJSON:
    """A voyage's line on the map plane, serialised (cached: voyages are immutable and hashable)."""
    return points_json(to_leaflet(to_polar(densify_geodesic(voyage.coordinates, 50.0))))


def voyage_layer(voyages: Sequence[OptionStatus], unit: str, speed_kn: float,
                 ends: Sequence[Port] = (), keep_view: bool = False, muted: bool = False) -> folium.FeatureGroup:
    """Port-to-port voyages over the routes; ``ends`` (ports) marked; the view fitted to them (see
    :class:`~arctic_routes.leaflet.FitView`; ``keep_view``: a link's view wins over the first fit).

    ``voyages`` are :class:`arctic_routes.navigation.OptionStatus` (a voyage for one ship in one month).
    ``muted``: a highlight emphasises something else (the voyages keep their colour, faded).
    """
    group = Group(name="voyages")
    vectors = Vectors()
    for option in voyages:
        v = option.voyage
        points = _voyage_points(v)
        colour, dash = voyage_style(v)
        if not muted:
            vectors.line(points, color="#ffffff", weight=6, opacity=0.8, interactive=False, pane=ROUTE_PANE)
        vectors.line(points, color=colour, weight=2.5, opacity=MUTED_OPACITY if muted else 1.0, dashArray=dash,
                     interactive=False, pane=ROUTE_PANE)
        tip = f"{v.name}: {convert_m(v.length_m, unit):,.0f} {unit}, {voyage_time(option, speed_kn, at_speed=True)}"
        vectors.line(points, tip=esc(tip), color=colour, weight=14, opacity=0.0, pane=ROUTE_PANE)
    for port in ends:
        at = lonlat_to_leaflet([(port.lon, port.lat)])[0]
        vectors.marker(at, f"Voyage end: {port.label}", esc(port.label), radius=5, stroke="#000000", weight=2,
                       label=text_label(port.name, "color:#000;font-weight:600;transform:none"),
                       label_at=[at[0] + 50_000, at[1] + 50_000])
    group.add_child(vectors)
    # Overlays are redrawn on every rerun: the key replaces its predecessor (window.arcticMap: see MapSetup).
    group.add_child(Box(voyage_key_html(voyages, unit, speed_kn, ends), "topright", "arctic-voyage-key",
                         slot="_voyageKey", map_js="window.arcticMap"))
    if voyages or ends:  # the frame follows the story: both ends and every option drawn, clear of the boxes
        group.add_child(FitView(_voyage_frame_points(voyages, ends), voyage_fit_key(voyages, ends),
                                keep_view=keep_view))
    return group


def voyage_fit_key(voyages: Sequence[OptionStatus], ends: Sequence[Port]) -> str:
    """What the map's view is fitted to: the two ports and the options drawn (a new key fits again)."""
    return " | ".join([*(p.label for p in ends), *sorted(o.voyage.name for o in voyages)])


def _voyage_frame_points(voyages: Sequence[OptionStatus], ends: Sequence[Port]) -> list[list[float]]:
    """The ports and every option's line every 150 km or so, as Leaflet [y, x]: what the view must show."""
    points = [lonlat_to_leaflet([(p.lon, p.lat)])[0] for p in ends]
    for option in voyages:
        xy = to_polar(densify_geodesic(option.voyage.coordinates, 150.0))
        points.extend(to_leaflet(xy))
    return points


def overlay_layers(routes: gpd.GeoDataFrame, options: MapOptions, straits: gpd.GeoDataFrame | None = None,
                   ports: gpd.GeoDataFrame | None = None, facts: Facts | None = None,
                   voyages: Sequence[OptionStatus] = (), speed_kn: float = 14.0,
                   voyage_ends: Sequence[Port] = (), inline: bool = False,
                   keep_view: bool = False) -> list[folium.FeatureGroup]:
    """What changes with the reader's choices: ice (under the land), annotations, routes, voyages on top.

    The ice and voyage layers are there even when empty: they also remove the keys drawn before.
    ``keep_view``: the map opens where a link said, not fitted to the voyage.
    """
    ice_month = options.month if "ice" in options.layers else None
    return [ice_layer(ice_month, inline=inline), annotation_layer(options, straits, ports, facts, routes),
            route_layer(routes, options),
            voyage_layer(voyages, options.unit, speed_kn, voyage_ends, keep_view, options.muted(HIGHLIGHT_VOYAGE)),
            notes_layer(options.notes)]


def notes_layer(notes: Sequence[Note]) -> folium.FeatureGroup:
    """The journalist's notes: a dot at each place and its text as typed (escaped: markup stays text), set
    beside the dot where it fits, with a leader line when it must move farther (``arcticLabels``)."""
    group = Group(name="notes")
    vectors = Vectors()
    for note in notes:
        vectors.note(lonlat_to_leaflet([(note.lon, note.lat)])[0], note.text, NOTE_PRIORITY)
    group.add_child(vectors)
    return group


def build_map(routes: gpd.GeoDataFrame, options: MapOptions, straits: gpd.GeoDataFrame | None = None,
              ports: gpd.GeoDataFrame | None = None, facts: Facts | None = None,
              inline_land: bool = False, voyages: Sequence[OptionStatus] = (), speed_kn: float = 14.0,
              voyage_ends: Sequence[Port] = (), keep_view: bool = False) -> folium.Map:
    """The whole map on one :class:`folium.Map`: base, ice, annotations, routes and voyages.

    ``inline_land=True`` puts the land and the ice in the page (a file that stands alone).

    Examples
    --------
    >>> from arctic_routes.routes import load_routes
    >>> m = build_map(load_routes(), MapOptions(route_ids=("tsr-pole",)), inline_land=True)
    >>> "Trans-Arctic route over the North Pole" in m.get_root().render()
    True
    """
    m = base_map(inline_land=inline_land, inline_world=inline_land and bool(voyages))
    for layer in overlay_layers(routes, options, straits, ports, facts, voyages, speed_kn, voyage_ends,
                                inline=inline_land, keep_view=keep_view):
        layer.add_to(m)
    return m


def map_in_words(routes: gpd.GeoDataFrame, options: MapOptions, voyages: Sequence[OptionStatus] = (),
                 speed_kn: float = 14.0, ends: Sequence[Port] = ()) -> str:
    """The map as text (its text alternative): what is drawn, the lengths, what is highlighted, the ice."""
    shown = [rid for rid in options.route_ids if rid in routes.index]
    parts = ["A polar map of the Arctic centred on the North Pole."]
    if shown:
        parts.append(f"{len(shown)} route{'s' if len(shown) > 1 else ''} drawn: "
                     + "; ".join(route_tooltip(routes.loc[rid], options.unit) for rid in shown) + ".")
    else:
        parts.append("No route is drawn.")
    if options.highlight:
        named = [str(routes.loc[rid, "name"]) for rid in shown if rid in options.highlight]
        named += ["the voyage"] if HIGHLIGHT_VOYAGE in options.highlight and voyages else []
        if named:
            parts.append(f"Highlighted: {'; '.join(named)}; the other lines are faded.")
    elif options.selected in shown:
        parts.append(f"Highlighted: {routes.loc[options.selected, 'name']}.")
    if "ice" in options.layers:
        parts.append(f"Sea ice shown: the median extent for {MONTH_NAMES[options.month - 1]}, 1981-2010, "
                     "not this year's ice.")
    if voyages:
        parts.append(voyages_in_words(voyages, options.unit, speed_kn, ends))
    if options.notes:
        parts.append("Notes on the map: " + "; ".join(f"“{n.text}” at {n.place}" for n in options.notes) + ".")
    layers = [LAYERS[k] for k in LAYERS if k in options.layers and k != "ice"]
    if layers:
        parts.append("Marked: " + ", ".join(layers).lower() + " (their facts are in the tables below).")
    return " ".join(parts)


# ----------------------------------------------------------------- a click on the map

#: The most decimal degrees kept of a point a reader clicks: 0.001 degree of latitude is 111 m, under two
#: screen pixels at the map's closest zoom (``maxZoom`` -6 in Leaflet's Simple CRS: 2**-6 pixels per metre).
CLICK_DECIMALS = 3
#: A degree of latitude, about (metres): what a click's decimals are judged by.
DEGREE_OF_LATITUDE_M = 111_000.0


def click_decimals(zoom: object) -> int:
    """The decimal degrees worth keeping of a click at Leaflet ``zoom``: the fewest whose step of latitude is at
    most two screen pixels (a click is no more precise), from 1 to :data:`CLICK_DECIMALS` (the most, also for
    no zoom).

    >>> click_decimals(-13.5), click_decimals(-11), click_decimals(-6), click_decimals(-17), click_decimals(None)
    (1, 2, 3, 1, 3)
    """
    if not isinstance(zoom, int | float) or not math.isfinite(zoom):
        return CLICK_DECIMALS
    two_pixels_m = 2 * 2.0 ** -zoom  # Simple CRS: 2**zoom pixels per metre
    return min(max(math.ceil(math.log10(DEGREE_OF_LATITUDE_M / two_pixels_m)), 1), CLICK_DECIMALS)


def clicked_lonlat(clicked: Mapping[str, object] | None, decimals: int = CLICK_DECIMALS) -> tuple[float, float] | None:
    """Where a reader clicked the map, as (lon, lat) degrees rounded to ``decimals``; None for no click.

    streamlit-folium reports a click (``last_clicked``) in the map's Simple CRS: ``lat`` is y and ``lng`` is x,
    metres of EPSG:3413, the plane :func:`arctic_routes.geodesy.to_polar` projects everything on the map to;
    this is its inverse (:func:`arctic_routes.geodesy.from_polar`). A report that is not two finite numbers
    within the map's pan limits (:data:`BOUNDS_HALF_M`) is no click. At the Pole the longitude is the plane's
    own (-45, its y axis), like any at that point.

    Examples
    --------
    >>> clicked_lonlat({"lat": 0.0, "lng": 0.0})
    (-45.0, 90.0)
    >>> clicked_lonlat({"lat": 542070.7, "lng": -1981476.8}), clicked_lonlat({"lat": 474994.7, "lng": -1795711.8}, 1)
    ((-150.3, 71.2), (-149.8, 73.0))
    >>> clicked_lonlat(None), clicked_lonlat({"lat": "NaN", "lng": 0}), clicked_lonlat({"lat": 1.0})
    (None, None, None)
    """
    if not isinstance(clicked, Mapping):
        return None
    try:
        x_m, y_m = float(clicked["lng"]), float(clicked["lat"])  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(x_m) and math.isfinite(y_m)) or max(abs(x_m), abs(y_m)) > BOUNDS_HALF_M:
        return None
    ((lon, lat),) = from_polar([[x_m, y_m]])
    return round(float(lon), decimals) + 0.0, round(float(lat), decimals) + 0.0  # + 0.0: -0 is 0


def degrees_text(lon: float, lat: float, decimals: int = 1) -> str:
    """A point as a reader reads it, to ``decimals`` (a tenth of a degree: 11 km of latitude): ``71.2° N, 150.3° W``.

    >>> degrees_text(-150.284, 71.234), degrees_text(9.97, -33.86), degrees_text(-0.04, 0.04)
    ('71.2° N, 150.3° W', '33.9° S, 10.0° E', '0.0° N, 0.0° E')
    >>> degrees_text(-150.284, 71.234, 3), degrees_text(-45.0, 90.0)
    ('71.234° N, 150.284° W', 'the North Pole')
    """
    lat_r, lon_r = round(lat, decimals) + 0.0, round(lon, decimals) + 0.0
    if abs(lat_r) == 90:  # every longitude meets there: naming one would be noise
        return "the North Pole" if lat_r > 0 else "the South Pole"
    return (f"{abs(lat_r):.{decimals}f}° {'S' if lat_r < 0 else 'N'}, "
            f"{abs(lon_r):.{decimals}f}° {'W' if lon_r < 0 else 'E'}")


def clicked_point_layer(lon: float, lat: float) -> folium.FeatureGroup:
    """The point a reader clicked on the sea, ringed on the map while the panel offers it as an end."""
    group = folium.FeatureGroup(name="The point you clicked", control=False)
    # Like a voyage's end (black ring), dashed: not an end yet.
    folium.CircleMarker(lonlat_to_leaflet([(lon, lat)])[0], radius=7, weight=2.5, color="#000000", dash_array="3 3",
                        fill=True, fill_color="#ffffff", fill_opacity=0.9, interactive=False).add_to(group)
    return group

"""The page's state between runs: the link read once, the first paint, the selected route, the map's view
and the address bar.

Streamlit reruns the whole script on every change; what must outlive a run lives in ``st.session_state``
under the keys used here and by the widgets (``show_<route id>``, ``unit``, ``month``, ``layer_<key>``,
``selected``, ``voy_from``, ``voy_to``, ``voy_speed``, ``ship``). The map's own report is ``"map"``; the
point a reader clicked on it, offered as an end of the voyage, is ``"_map_click"``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import streamlit as st

from arctic_routes.captions import route_tooltip
from arctic_routes.leaflet import DRAWN_KEY
from arctic_routes.mapview import LAYERS, click_decimals, clicked_lonlat, degrees_text
from arctic_routes.model import Port
from arctic_routes.ports import port_key, position
from arctic_routes.share import DEFAULT_ROUTE, PageState, parse_query, to_query, view_from_map
from arctic_routes.units import UNITS
from arctic_routes.voyage import end_at_sea

#: If the map, once it exists, never reports that it is drawn (a script error), the whole page is sent
#: this long after its first report; checked every FIRST_PAINT_CHECK_S. Not sooner: on a loaded server
#: a timer that completes the page while maps are still drawing slowed 20 readers from 56 s to 116 s.
FIRST_PAINT_FALLBACK_S = 30.0
FIRST_PAINT_CHECK_S = 5.0

#: A map view: centre x, y (km in EPSG:3413) and Leaflet zoom.
View = tuple[float, float, float]


@dataclass(frozen=True)
class Phase:
    """Which page this run draws."""

    embed: bool  #: the map alone, for an article's iframe (no widgets at all)
    first_paint: bool  #: a new reader's first runs: the title and the map only, until the map is drawn

    @property
    def widgets(self) -> bool:
        """Whether this run shows the controls (neither embedded nor before the map is drawn)."""
        return not (self.embed or self.first_paint)


def read_link_once(known_ids: Sequence[str], ports: dict[str, Port]) -> None:
    """The shared link sets the starting state, once per session; what it got wrong becomes notices."""
    if "_link_read" in st.session_state:
        return
    by_key = {port.key: port for port in ports.values()}
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    link, st.session_state["_notices"] = parse_query(params, known_ids, list(by_key), resolve_port=port_key)
    if link.voyage:
        # A curated port by its label in the picker; any other port or a position as its key, typed in.
        st.session_state["voy_from"], st.session_state["voy_to"] = (by_key[k].label if k in by_key else k
                                                                    for k in link.voyage)
    st.session_state["voy_speed"] = link.speed_kn
    st.session_state["month"] = link.month
    st.session_state["ship"] = link.ship
    for rid in known_ids:
        st.session_state[f"show_{rid}"] = rid in link.route_ids
    st.session_state["unit"] = link.unit
    for key in LAYERS:
        st.session_state[f"layer_{key}"] = key in link.layers
    st.session_state["selected"] = link.selected or DEFAULT_ROUTE
    st.session_state["highlight"] = list(link.highlight)
    st.session_state["notes"] = list(link.notes)
    st.session_state["_embed"] = link.embed or bool(st.context.is_embedded)
    st.session_state["_link_view"] = link.at
    st.session_state["_link_read"] = True


def link_notices() -> list[str]:
    """What the link asked for that the page could not do, one line each."""
    return list(st.session_state.get("_notices", []))


def phase() -> Phase:
    """Until the map reports that its land and routes are drawn, a new page sends only the title and the map.

    The browser has one main thread, and every other element would make the map wait (about 1.3 s on a
    2-core machine, docs/BENCHMARKS.md). The controls, details and tables follow in the next run.
    """
    embed = bool(st.session_state["_embed"])
    if (st.session_state.get("map") or {}).get(DRAWN_KEY):
        st.session_state["_page_complete"] = True
    return Phase(embed=embed, first_paint=not embed and not st.session_state.get("_page_complete"))


@st.fragment(run_every=FIRST_PAINT_CHECK_S)
def complete_page_later() -> None:
    """The fallback: the whole page FIRST_PAINT_FALLBACK_S after the map's first report, if it never says drawn."""
    if st.session_state.get("map") is None:
        return  # the map has not started yet: nothing to wait for
    started = st.session_state.setdefault("_map_reported_at", time.monotonic())
    if time.monotonic() - started >= FIRST_PAINT_FALLBACK_S:
        st.session_state["_page_complete"] = True
        st.rerun()


def selected_route(routes: gpd.GeoDataFrame, drawn: gpd.GeoDataFrame | None = None) -> str:
    """The route whose details are shown: the last one clicked on the map, else the one chosen or linked.

    ``routes`` are the built-in routes (the ones that can be selected); ``drawn`` every line on the map, the
    reader's tracks too (see :func:`clicked_route`).
    """
    clicked = (st.session_state.get("map") or {}).get("last_object_clicked_tooltip")
    if clicked and clicked != st.session_state.get("_last_click"):
        st.session_state["_last_click"] = clicked
        rid = clicked_route(str(clicked), routes, drawn)
        if rid is not None:
            st.session_state["selected"] = rid
    if st.session_state.get("selected") not in routes.index:
        st.session_state["selected"] = DEFAULT_ROUTE
    return str(st.session_state["selected"])


def clicked_route(tooltip: str, routes: gpd.GeoDataFrame, drawn: gpd.GeoDataFrame | None = None) -> str | None:
    """The built-in route a click on the map chose, or None: the one whose tooltip is exactly ``tooltip``.

    A click comes back as the text of the clicked line's tooltip (:func:`arctic_routes.captions.route_tooltip`,
    "<name>: <length> <unit>", in whichever unit the map was drawn). Only an exact match counts: a reader's track
    named like a route ("Northwest Passage via M'Clure Strait: my ship") is not that route, and a click whose
    tooltip a line of ``drawn`` that is not built in shares (a track copying a route, name and length) selects
    nothing rather than guess.
    """
    def has_tooltip(frame: gpd.GeoDataFrame) -> list[str]:
        return [str(rid) for rid, route in frame.iterrows()
                if any(route_tooltip(route, unit) == tooltip for unit in UNITS)]

    built_in = has_tooltip(routes)
    others = has_tooltip(drawn.drop(index=routes.index, errors="ignore")) if drawn is not None else []
    return built_in[0] if len(built_in) == 1 and not others else None


@dataclass(frozen=True)
class MapClick:
    """A point of the sea a reader clicked on the map, offered as either end of the voyage."""

    end: str  #: the position as the pickers, :func:`arctic_routes.ports.find_end` and the link take it
    text: str  #: as a reader reads it: ``71.2° N, 150.3° W``
    refused: str | None = None  #: why it cannot be an end: on land, farther than 10 km from the sea (one line)
    notice: str | None = None  #: on land close to the sea: the voyage starts or ends at the nearest water
    lonlat: tuple[float, float] = (0.0, 0.0)  #: where it was clicked (lon, lat degrees): ringed on the map


def map_click() -> MapClick | None:
    """The point a reader last clicked on the map, until it is made an end or another click replaces it.

    A click on a line (a route, which selects it, or a voyage) reports the same point as the object clicked:
    it offers nothing. Each click is judged once, when it arrives (whether it is on land: a few ms).
    """
    report = st.session_state.get("map") or {}
    clicked = report.get("last_clicked")
    if clicked and clicked != st.session_state.get("_map_click_seen"):
        st.session_state["_map_click_seen"] = clicked
        st.session_state.pop("_map_click_used", None)
        decimals = click_decimals(report.get("zoom"))  # as precise as a click at that zoom, no more
        lonlat = None if clicked == report.get("last_object_clicked") else clicked_lonlat(clicked, decimals)
        st.session_state["_map_click"] = None if lonlat is None else _judged(*lonlat, decimals)
    click: MapClick | None = st.session_state.get("_map_click")
    return click


def _judged(lon: float, lat: float, decimals: int) -> MapClick:
    """The clicked point as an end, judged as a voyage judges its ends (:func:`arctic_routes.voyage.end_at_sea`);
    shown to the decimals it was kept to, so the point offered is the point set."""
    end, text = position(lat, lon), degrees_text(lon, lat, decimals)
    try:
        notice = end_at_sea(end)[1]
    except ValueError as exc:
        return MapClick(end.key, text, refused=str(exc), lonlat=(lon, lat))
    return MapClick(end.key, text, notice=notice, lonlat=(lon, lat))


def use_map_click(picker: str, click: MapClick) -> None:
    """Make the clicked point the voyage's start (``picker`` ``voy_from``) or end (``voy_to``): a button's
    callback, run before the pickers exist in the run (Streamlit refuses a widget's value set after)."""
    st.session_state[picker] = click.end
    st.session_state["_map_click"] = None
    st.session_state["_map_click_used"] = (picker, click)


def decline_map_click() -> None:
    """Offer the clicked point no longer (the reader pressed Cancel): its ring goes from the map too."""
    st.session_state["_map_click"] = None


def map_click_used() -> tuple[str, MapClick] | None:
    """The picker the last clicked point was put in, and that point: until the next click, or until the reader
    chooses another end in that picker (the browser sends the point back as the picker shows it: its key is
    compared)."""
    used: tuple[str, MapClick] | None = st.session_state.get("_map_click_used")
    if used is None:
        return None
    picker, click = used
    held = st.session_state.get(picker)
    if held is None or (held != click.end and port_key(str(held)) != click.end):
        st.session_state.pop("_map_click_used", None)
        return None
    return used


def link_view() -> View | None:
    """The view the link asked for (None: the map's default view)."""
    view: View | None = st.session_state["_link_view"]
    return view


def map_view() -> View | None:
    """The map view to share: as the reader left it, else as the link asked.

    The map reports its view as soon as it opens: that first report is where it opened, not a choice, so
    the link gains a view only once the reader has moved the map away from it.
    """
    reported = view_from_map(st.session_state.get("map"))
    if reported is not None and "_opened_view" not in st.session_state:
        st.session_state["_opened_view"] = link_view() or reported  # a link's view is where it opens
    moved = reported is not None and reported != st.session_state.get("_opened_view")
    return reported if moved else link_view()


def sync_address_bar(state: PageState, known_ids: Sequence[str], *, every_run: bool) -> None:
    """The address bar is always a share link. With ``every_run`` (a page with its controls) it is sent by every
    run, a message of a few bytes (the browser changes its address only when it differs); otherwise (the first
    paint, the embed) only when it differs from the address the run started with, so the first map waits for
    nothing more.

    Sent only when it differed, the last change was lost about once in five when the month was pressed eleven
    times quickly (the slider on December, the address on January, and still so with the page idle;
    tests/test_browser_keys.py). Sent by every run, the last run's address wins.
    """
    query = to_query(state, known_ids)
    wanted = {k: v if isinstance(v, list) else [v] for k, v in query.items()}
    if every_run or wanted != {k: st.query_params.get_all(k) for k in st.query_params}:
        st.query_params.from_dict(query)

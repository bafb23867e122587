"""What the page builds once and shares: data, tables, map layers, images (Streamlit's caches).

A module of its own, imported once per server: Streamlit computes each cache's key from its function's
source (``inspect.getsource``), which costs about 0.7 ms per decorated function every time the decorator
runs, and app.py's top level runs again on every rerun (docs/BENCHMARKS.md).
"""

from __future__ import annotations

import ctypes
import gc
import threading
from typing import NamedTuple

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from arctic_routes.mapview import MapOptions, overlay_layers
from arctic_routes.model import Facts, Port
from arctic_routes.navigation import OptionStatus
from arctic_routes.notes import Note
from arctic_routes.ports import all_ports, all_world_ports
from arctic_routes.reading import RouteDataError
from arctic_routes.routes import load_ports, load_routes, load_straits
from arctic_routes.seaice import MONTH_NAMES, open_months_text, route_seasons
from arctic_routes.style import SIZES, ice_cell_css
from arctic_routes.tables import (
    comparison_table,
    icebreaker_table,
    legs_table,
    load_facts,
    straits_table,
    table_html,
    traffic_html,
)
from arctic_routes.tracks import load_track
from arctic_routes.units import DEFAULT_SPEED_KN
from arctic_routes.voyage import warm_up


class PageData(NamedTuple):
    """The built-in data every section reads: loaded once per server."""

    routes: gpd.GeoDataFrame
    straits: gpd.GeoDataFrame
    ports: gpd.GeoDataFrame  # the map's annotated ports (not the voyage ports: see voyage_ports)
    facts: Facts


@st.cache_resource
def data() -> PageData:
    return PageData(load_routes(), load_straits(), load_ports(), load_facts())


def data_or_stop() -> PageData:
    """The data, or a one-line error on the page and nothing more (a broken data file: never a traceback)."""
    try:
        return data()
    except RouteDataError as exc:
        st.error(f"The route data could not be loaded: {exc}")
        st.stop()
        raise  # st.stop() ends the run; this line only tells type checkers so


@st.cache_resource
def voyage_ports() -> dict[str, Port]:
    """The ports a voyage can join, by the label the pickers show."""
    return {port.label: port for port in all_ports()}


@st.cache_resource
def world_port_choices() -> dict[str, str]:
    """Every port of the world, by the label a picker keeps (``Mumbai (INBOM)``, which
    :func:`arctic_routes.ports.find_end` reads back), with what the list shows and searches as one types:
    its name, country and code, and its other names (``Mumbai, India (IN BOM) · also Bombay``). Built on the
    first reader who asks for it, never for the others."""
    return {port.label: port.title + (f" · also {', '.join(port.aliases)}" if port.aliases else "")
            for port in all_world_ports()}


@st.cache_data(max_entries=32, show_spinner="Drawing the image...")
def image(route_ids: tuple[str, ...], unit: str, size: str, fmt: str, title: str, subtitle: str,
          voyages: tuple[OptionStatus, ...] = (), speed_kn: float = DEFAULT_SPEED_KN,
          ice_month: int | None = None, ends: tuple[Port, ...] = (), highlight: tuple[str, ...] = (),
          notes: tuple[Note, ...] = (), short_credit: bool = False) -> tuple[bytes, str]:
    """The image's bytes and its world file (where its pixels lie on the map's plane, EPSG:3413)."""
    from arctic_routes.render import render_georeferenced  # matplotlib: loaded by the first image drawn

    image_bytes, where = render_georeferenced(data().routes, route_ids, unit=unit, size=SIZES[size], fmt=fmt,
                                              title=title, subtitle=subtitle or None, voyages=voyages,
                                              speed_kn=speed_kn, ice_month=ice_month, ends=ends,
                                              highlight=highlight, notes=notes, short_credit=short_credit)
    return image_bytes, where.world_file()


@st.cache_data(max_entries=8, show_spinner="Reading your file...")
def user_file(name: str, content: bytes) -> gpd.GeoDataFrame:
    """A reader's track, read once per file (not on every rerun); a refusal raises and is not cached."""
    return load_track(name, content)


@st.cache_resource
def seasons() -> dict[str, list[float]]:
    """Each route's share under each month's median ice: the same for every reader."""
    return route_seasons(data().routes)


@st.cache_resource
def route_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The sidebar's routes: each family with its (route id, variant) pairs, in the data's order."""
    return [(str(family), [(str(rid), str(variant)) for rid, variant in group["variant"].items()])
            for family, group in data().routes.groupby("family", sort=False)]


@st.cache_resource
def route_names() -> list[str]:
    """Each built-in route's name, in the data's order."""
    return [str(name) for name in data().routes["name"]]


@st.cache_resource
def fixed_tables() -> dict[str, str]:
    """The tables that are the same for every reader, as HTML, built once per server."""
    routes, straits, _, facts = data()
    shares = seasons()
    months = [MONTH_NAMES[m][:3] for m in range(12)]
    season = pd.DataFrame({months[m]: [f"{shares[rid][m]:.0f}" for rid in routes.index] for m in range(12)},
                          index=pd.Index([routes.loc[rid, "name"] for rid in routes.index], name="Route"))
    season["Mostly ice-free"] = [open_months_text(shares[rid]) for rid in routes.index]
    styles = pd.DataFrame({months[m]: [ice_cell_css(shares[rid][m]) for rid in routes.index] for m in range(12)},
                          index=season.index)
    styles["Mostly ice-free"] = ""
    return {
        "seasons": table_html(season, "Share of each route under the median ice, by month (%)", index=True,
                              styles=styles, compact=True),
        "traffic": traffic_html(facts),
        "straits": table_html(straits_table(straits, routes), "Straits and chokepoints"),
        "icebreakers": table_html(icebreaker_table(facts), "Icebreaker counts and what each counts"),
    }


@st.cache_resource
def observed_median_open() -> dict[str, dict[str, str]]:
    """Route family -> each variant's months mostly free of the median ice, in words (the season strip's)."""
    routes = data().routes
    shares = seasons()
    out: dict[str, dict[str, str]] = {}
    for rid in routes.index:
        out.setdefault(str(routes.loc[rid, "family"]), {})[str(routes.loc[rid, "variant"])] = \
            open_months_text(shares[rid])
    return out


@st.cache_data(max_entries=256)
def lengths_html(route_ids: tuple[str, ...], unit: str) -> str:
    """The lengths compared, for built-in routes only (a reader's track is not cached)."""
    return table_html(comparison_table(data().routes, list(route_ids), unit), "Lengths of the routes shown")


@st.cache_data(max_entries=256)
def built_layers(options: MapOptions, speed_kn: float, drawn_key: tuple[object, ...], keep_view: bool,
                 _voyages: tuple[OptionStatus, ...], _ends: tuple[Port, ...]) -> list[folium.FeatureGroup]:
    """The map's layers over the built-in routes (about 20 ms to build), once per choice for every reader.

    ``drawn_key`` (the two ports, the ship and the names of the voyages drawn) decides ``_voyages`` and
    ``_ends``, which are not hashed. Streamlit returns each caller its own copy (unpickled, about 0.1 ms):
    streamlit-folium attaches the layers to that run's map.
    """
    routes, straits, ports, facts = data()
    return overlay_layers(routes, options, straits, ports, facts, voyages=_voyages, speed_kn=speed_kn,
                          voyage_ends=_ends, keep_view=keep_view)


@st.cache_data(max_entries=64)
def legs_html(route_id: str, unit: str) -> str:
    return table_html(legs_table(data().routes.loc[route_id], unit), "Legs of the route")


def settle_heap() -> int:
    """Collect once, then keep what is loaded (modules, data, the sea network) out of later collections.

    Streamlit collects every generation after each script run (``runner.postScriptGC``); with
    geopandas, shapely, pyproj and the sea network loaded, one such collection walks about 200,000
    objects, some 50-100 ms of CPU per run on a 2-core machine, twice per new reader. Frozen objects
    are never walked again (:func:`gc.freeze`), so a run's collection sees only what that run made.
    Call it once per server, after the loading. Returns how many objects are frozen.

    Then the memory the loading used and let go goes back to the system (:func:`release_free_memory`).
    """
    gc.collect()
    gc.freeze()
    release_free_memory()
    return gc.get_freeze_count()


def release_free_memory() -> bool:
    """Give the C heap's free memory back to the system (glibc's ``malloc_trim``); False where there is none.

    Loading the land, the sea network and the data leaves tens of MB freed but held by the allocator, which
    counts against the server's resident memory (docs/BENCHMARKS.md) until the process ends.
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.malloc_trim(0))
    except (OSError, AttributeError):  # not glibc (macOS, Windows, musl): nothing to do
        return False


def _warm_and_settle() -> None:
    warm_up()
    settle_heap()  # what is loaded now stays loaded: Streamlit's collection after each run skips it


@st.cache_resource
def warm_voyages() -> threading.Thread:
    """Load the sea network (a second or so) off the readers' path, once per server."""
    thread = threading.Thread(target=_warm_and_settle, name="warm-voyages", daemon=True)
    thread.start()
    return thread

"""The sidebar: which routes, the unit, the month, the annotations and the reader's track, as one value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from arctic_routes.mapview import LAYERS
from arctic_routes.page.caches import route_choices, user_file
from arctic_routes.page.session import Phase
from arctic_routes.reading import RouteDataError
from arctic_routes.seaice import DEFAULT_MONTH, MONTH_NAMES
from arctic_routes.style import FAMILY_LABELS, FAMILY_TEXT_COLOURS
from arctic_routes.units import UNITS


@dataclass(frozen=True)
class Controls:
    """What the reader chose in the sidebar (or, before the widgets exist, what the link set)."""

    route_ids: tuple[str, ...]  #: the built-in routes ticked, in the data's order
    unit: str  #: "nm", "km" or "mi"
    layers: frozenset[str]  #: the map's layers switched on (keys of mapview.LAYERS)
    month: int  #: 1..12: the sea ice drawn and the month each voyage is judged in
    upload: UploadedFile | None = None  #: the reader's track file, if any


def month_name(month: int) -> str:
    return MONTH_NAMES[month - 1]


def sidebar(known_ids: Sequence[str], phase: Phase) -> Controls:
    """The controls; without widgets (first paint, embed) the state as the link set it."""
    if not phase.widgets:
        if phase.first_paint:
            st.sidebar.header("Routes")
            st.sidebar.caption("The controls appear as soon as the map is drawn.")
        return Controls(
            route_ids=tuple(rid for rid in known_ids if st.session_state.get(f"show_{rid}")),
            unit=st.session_state.get("unit", "nm"),
            layers=frozenset(k for k in LAYERS if st.session_state.get(f"layer_{k}")),
            month=int(st.session_state.get("month", DEFAULT_MONTH)),
        )
    with st.sidebar:
        st.header("Routes")
        chosen = []
        for family, variants in route_choices():
            st.html(f'<b style="color:{FAMILY_TEXT_COLOURS[family]}">{FAMILY_LABELS[family]}</b>')  # the map's hue
            for rid, variant in variants:
                if st.checkbox(variant, key=f"show_{rid}"):
                    chosen.append(rid)
        unit = st.radio("Units", list(UNITS), format_func=lambda u: UNITS[u][1], horizontal=True, key="unit")
        st.header("Sea ice and season")
        month = st.select_slider("Month", options=list(range(1, 13)), format_func=month_name, key="month",
                                 help="Draws that month's sea ice and judges each voyage in it.")
        st.caption("Median sea-ice extent 1981-2010, **not this year's ice** (NSIDC). Default: September, "
                   "the month with the least ice.")
        st.header("Annotations")
        layers = frozenset(k for k, label in LAYERS.items() if st.checkbox(label, key=f"layer_{k}"))
        st.header("Your track")
        # No type= filter: our loader names every refused format (KML, shapefile...) in its own words.
        upload = st.file_uploader("A ship's track to compare (GeoJSON, GPX or CSV with lat/lon)", key="upload")
    return Controls(tuple(chosen), str(unit), layers, int(month), upload)


@dataclass(frozen=True)
class Shown:
    """The routes on the map, in the tables and in the downloads: the built-in ones and the reader's track."""

    routes: gpd.GeoDataFrame  #: the built-in routes, plus the reader's lines if any
    ids: tuple[str, ...]  #: the routes chosen, then the reader's lines
    tracks: gpd.GeoDataFrame | None  #: the reader's lines alone (None: no file, or a refused one)


def shown_routes(routes: gpd.GeoDataFrame, controls: Controls) -> Shown:
    """A reader's track joins the built-in routes; a refused file is one sidebar line, the rest untouched."""
    tracks = None
    if controls.upload is not None:
        try:
            tracks = user_file(controls.upload.name, controls.upload.getvalue())
        except RouteDataError as exc:
            st.sidebar.error(f"Could not use that file: {exc.problem}")
    if tracks is None:
        return Shown(routes, controls.route_ids, None)
    return Shown(pd.concat([routes, tracks]), controls.route_ids + tuple(tracks.index), tracks)

"""The controls, as one value: beside the map what a reader needs (month, ports, ship, routes), in the sidebar
the rest (highlight, notes, unit, annotations, the reader's track)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.uploaded_file_manager import UploadedFile

from arctic_routes.mapview import LAYERS
from arctic_routes.model import Port
from arctic_routes.navigation import SHIPS
from arctic_routes.notes import MAX_NOTE_CHARS, MAX_NOTES, Note, NoteError, parse_note, parse_notes
from arctic_routes.page.caches import route_choices, route_names, user_file, world_port_choices
from arctic_routes.page.session import Phase
from arctic_routes.plaintext import markdown_literal
from arctic_routes.ports import find_end
from arctic_routes.reading import RouteDataError
from arctic_routes.seaice import DEFAULT_MONTH, month_name
from arctic_routes.share import HIGHLIGHT_VOYAGE
from arctic_routes.style import FAMILY_LABELS, FAMILY_TEXT_COLOURS
from arctic_routes.units import UNITS

#: The session key of "Search all ports as I type" (the pickers list every port of the world).
EVERY_PORT_KEY = "voy_all"

#: How many ports that list holds (geodata/world-ports.csv; a test checks it against the file).
WORLD_PORT_COUNT = 5269


@dataclass(frozen=True)
class Controls:
    """What the reader chose (or, before the widgets exist, what the link set)."""

    route_ids: tuple[str, ...]  #: the built-in routes ticked, in the data's order
    unit: str  #: "nm", "km" or "mi"
    layers: frozenset[str]  #: the map's layers switched on (keys of mapview.LAYERS)
    month: int  #: 1..12: the sea ice drawn and the month each voyage is judged in
    upload: UploadedFile | None = None  #: the reader's track file, if any
    highlight: tuple[str, ...] = ()  #: route ids and/or "voyage": every other line is muted
    notes: tuple[Note, ...] = ()  #: the journalist's own labels


def controls(known_ids: Sequence[str], phase: Phase, panel: DeltaGenerator, ports: dict[str, Port],
             after_month: Callable[[DeltaGenerator, int], None] | None = None) -> Controls:
    """The controls: what a reader needs in ``panel`` beside the map (under it on a phone: the month, the routes,
    the two ports and the ship), the rest in the sidebar; without widgets (first paint, embed) the state as
    the link set it. ``after_month`` draws what follows the month (the ice of that month) right under it."""
    if not phase.widgets:
        if phase.first_paint:
            panel.caption("The controls appear as soon as the map is drawn.")
        return Controls(
            route_ids=tuple(rid for rid in known_ids if st.session_state.get(f"show_{rid}")),
            unit=st.session_state.get("unit", "nm"),
            layers=frozenset(k for k in LAYERS if st.session_state.get(f"layer_{k}")),
            month=int(st.session_state.get("month", DEFAULT_MONTH)),
            highlight=tuple(st.session_state.get("highlight", ())),
            notes=_notes(),
        )
    with panel:
        month = st.select_slider("Month", options=list(range(1, 13)), format_func=month_name, key="month",
                                 help="Draws that month's median sea ice (1981-2010, not this year's ice, NSIDC) and "
                                      "judges each voyage in it. Default: September, the least ice.")
        if after_month is not None:
            after_month(panel, int(month))
        _port_pickers(ports)
        with st.expander("Routes on the map", expanded=True):
            chosen = []
            for family, variants in route_choices():
                st.html(f'<b style="color:{FAMILY_TEXT_COLOURS[family]}">{FAMILY_LABELS[family]}</b>')  # the map's hue
                for rid, variant in variants:
                    if st.checkbox(variant, key=f"show_{rid}"):
                        chosen.append(rid)
    names = dict(zip(known_ids, route_names(), strict=True))
    with st.sidebar:
        st.header("Your story")
        highlight = st.multiselect(
            "Highlight", [*known_ids, HIGHLIGHT_VOYAGE], key="highlight", placeholder="Nothing: all lines alike",
            format_func=lambda key: "The voyage (port to port)" if key == HIGHLIGHT_VOYAGE else names[key],
            help="What your story is about keeps its colour; every other line is faded, on the map, in the "
                 "images and in the exported map.")
        notes = _notes()  # parsed once per run: the editor lists them, the map draws them
        _notes_editor(notes)
        st.header("Map")
        unit = st.radio("Units", list(UNITS), format_func=lambda u: UNITS[u][1], horizontal=True, key="unit")
        layers = frozenset(k for k, label in LAYERS.items() if st.checkbox(label, key=f"layer_{k}"))
        st.header("Your track")
        # No type= filter: our loader names every refused format (KML, shapefile...) in its own words.
        upload = st.file_uploader("A ship's track to compare (GeoJSON, GPX or CSV with lat/lon)", key="upload")
    return Controls(tuple(chosen), str(unit), layers, int(month), upload, tuple(highlight), notes)


def _port_pickers(ports: dict[str, Port]) -> None:
    """Port to port: the two ends and the ship.

    The list holds the curated ports (searched as one types by name, country, code or another name); any other
    port of the world, or a position ``LAT,LON``, is typed and taken with Enter, then read by
    :func:`arctic_routes.ports.find_end` (a shared name or an unknown one is said in one line by the voyage
    section). "Search every port" lists all the world's ports in both pickers, for the reader who ticks it:
    for every reader, that list would add about 330 KB (114 KB compressed) to the page's first view.
    """
    world = world_port_choices() if st.session_state.get(EVERY_PORT_KEY) else {}

    def searchable(value: str) -> str:
        if value in ports:
            port = ports[value]
            return port.title + (f" · also {', '.join(port.aliases)}" if port.aliases else "")
        return world.get(value) or _typed_end(value)

    options = list(ports) + [label for label in world if label not in ports]
    for label, key, help_text in (("From", "voy_from", "Either end: any port by name ('Sydney, Australia'), "
                                                       "UN/LOCODE or lat,lon, then Enter."), ("To", "voy_to", None)):
        st.selectbox(label, options, index=None, key=key, format_func=searchable, accept_new_options=True,
                     placeholder="A port: type a name, code or lat,lon", help=help_text)
    # A typed end no port answers, while the other end is empty: said here at once (with both ends, the answer
    # beside the map and the voyage section say it).
    ends = {key: st.session_state.get(key) for key in ("voy_from", "voy_to")}
    for label, key, other in (("From", "voy_from", "voy_to"), ("To", "voy_to", "voy_from")):
        problem = None if ends[other] else _unreadable_end(ends[key], ports, world)
        if problem:
            st.error(markdown_literal(f"{label}: {problem}"))  # it repeats what the reader typed: text
    # The list's cost in the label, not a help text: the first view carries every byte of it.
    st.checkbox(f"Search all {WORLD_PORT_COUNT:,} ports as I type (114 KB)", key=EVERY_PORT_KEY)
    st.selectbox("Ship", list(SHIPS), key="ship", format_func=lambda k: SHIPS[k][0].upper() + SHIPS[k][1:],
                 help="Who may sail an Arctic route, and when, depends on the ship's ice class.")


def _unreadable_end(value: object, ports: dict[str, Port], world: dict[str, str]) -> str | None:
    """Why a typed end names no port or position (a name several share, an unknown one, a bad position), in one
    line; None for a listed port, an empty picker or an end that reads."""
    if not value or value in ports or value in world:
        return None
    try:
        find_end(str(value))
    except ValueError as exc:
        return str(exc)
    return None


def _typed_end(text: str) -> str:
    """What a reader typed as an end, as the picker shows it: the port or position it names, else as typed."""
    try:
        return find_end(text).title
    except ValueError:
        return text


def _notes() -> tuple[Note, ...]:
    """The notes the session holds (each checked when added or read from the link)."""
    return parse_notes(st.session_state.get("notes", []))[0]


def _add_note() -> None:
    spec = st.session_state.get("note_new", "")
    try:
        note = parse_note(spec)
    except NoteError as exc:
        st.session_state["note_error"] = str(exc)
        return
    notes = list(st.session_state.get("notes", []))
    if len(notes) >= MAX_NOTES:
        st.session_state["note_error"] = f"at most {MAX_NOTES} notes on one map: remove one first"
        return
    if note.spec not in notes:
        notes.append(note.spec)
    st.session_state["notes"] = notes
    st.session_state["note_new"] = ""
    st.session_state.pop("note_error", None)


def _remove_note(spec: str) -> None:
    st.session_state["notes"] = [n for n in st.session_state.get("notes", []) if n != spec]


def _notes_editor(notes: tuple[Note, ...]) -> None:
    """Add a short label at a port or a point, and remove them again; each as typed, never as markup."""
    st.header("Your notes on the map")
    st.text_input(f"Note: TEXT@PLACE (a port, or lat,lon), at most {MAX_NOTE_CHARS} characters",
                  key="note_new", placeholder="Record low ice in 2012@Tiksi", on_change=_add_note)
    if st.session_state.get("note_error"):
        st.error(f"Could not add that note: {markdown_literal(st.session_state['note_error'])}")
    for i, note in enumerate(notes):
        text_col, remove_col = st.columns([5, 2])
        text_col.text(f"{note.text} @ {note.place}")
        remove_col.button(f"Remove note {i + 1}", key=f"note_remove_{i}", on_click=_remove_note, args=(note.spec,),
                          help=f"Remove the note {note.text!r}")


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
            st.sidebar.error(f"Could not use that file: {markdown_literal(exc.problem)}")
    if tracks is None:
        return Shown(routes, controls.route_ids, None)
    return Shown(pd.concat([routes, tracks]), controls.route_ids + tuple(tracks.index), tracks)

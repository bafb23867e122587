"""The map, the words around it and the details of the selected route."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit_folium import st_folium

from arctic_routes.mapview import MapOptions, base_map, clicked_point_layer, map_in_words, overlay_layers
from arctic_routes.navigation import SHIPS
from arctic_routes.page.caches import PageData, built_layers, data, legs_html
from arctic_routes.page.controls import Controls, Shown, month_name
from arctic_routes.page.session import (
    MapClick,
    Phase,
    View,
    decline_map_click,
    map_click,
    map_click_used,
    use_map_click,
)
from arctic_routes.page.voyages import VoyageChoice, voyage_headline
from arctic_routes.plaintext import markdown_literal
from arctic_routes.tables import TABLE_CSS
from arctic_routes.units import convert_m

#: Focus is always visible, and the tables' style. Sent after the map, and only once the whole page is (style-
#: only st.html takes no place on the page): the code that draws st.html is fetched when the first one arrives,
#: and the map's frame would wait for it (docs/BENCHMARKS.md). Captions need no style of ours: the theme's text
#: colour (.streamlit/config.toml) puts them at 4.7:1 on white (WCAG 1.4.3), whatever the reader's system theme.
PAGE_CSS = "<style>:focus-visible{outline:3px solid #1a5fb4!important;outline-offset:2px}</style>" + TABLE_CSS
#: The map's height on the page (CSS pixels).
MAP_HEIGHT_PX = 600


def map_options(controls: Controls, shown: Shown, selected: str) -> MapOptions:
    return MapOptions(route_ids=shown.ids, unit=controls.unit, layers=controls.layers, selected=selected,
                      month=controls.month, highlight=frozenset(controls.highlight), notes=controls.notes)


def draw_map(options: MapOptions, shown: Shown, voyage: VoyageChoice, link_view: View | None, height: int,
             *, signal_drawn: bool) -> None:
    """The map: a constant base (kept by the browser across reruns) plus the reader's layers.

    ``link_view`` is passed only when a link asked for a view; it is constant afterwards, so the reader's
    pans are never undone, and it wins over the fit to a voyage the link also names. ``signal_drawn``: the map reports once when drawn (the first paint waits on it).
    """
    if shown.tracks is None:  # the built-in routes: built once per choice, whoever makes it
        drawn_key = (voyage.keys, voyage.ship, tuple(o.voyage.name for o in voyage.drawn))
        layers = built_layers(options, voyage.speed_kn, drawn_key, link_view is not None, voyage.drawn, voyage.ends)
    else:  # a reader's own file: not cached
        _, straits, ports, facts = data()
        layers = overlay_layers(shown.routes, options, straits, ports, facts, voyages=voyage.drawn,
                                speed_kn=voyage.speed_kn, voyage_ends=voyage.ends, keep_view=link_view is not None)
    click = map_click()
    if click is not None and click.refused is None and map_click_used() is None:  # offered at the foot of the window
        lon, lat = click.lonlat
        layers = [*layers, clicked_point_layer(lon, lat)]
    view = {"center": [link_view[1] * 1000, link_view[0] * 1000], "zoom": link_view[2]} if link_view else {}
    st_folium(base_map(signal_drawn=signal_drawn), key="map", height=height, use_container_width=True,
              feature_group_to_add=layers, returned_objects=[
                  "last_object_clicked_tooltip", "zoom", "center", "last_clicked", "last_object_clicked"],
              **view)


def page_header(notices: list[str]) -> None:
    for notice in notices:
        st.warning(markdown_literal(notice))  # a notice quotes the link: kept as text
    st.title("Arctic shipping routes")  # alone above the map: on a phone the map starts in the first screen


def map_and_panel() -> tuple[DeltaGenerator, DeltaGenerator]:
    """The map's column (three quarters of a wide page, all of a phone's) and the panel beside it (under it on a
    phone): the headline answer and the controls a reader needs."""
    map_col, panel = st.columns([3, 1], gap="medium")
    return map_col, panel


def map_column(map_col: DeltaGenerator, options: MapOptions, shown: Shown, voyage: VoyageChoice,
               link_view: View | None, *, complete: bool) -> None:
    """The map with its caption and, once the page is complete, its text alternative."""
    with map_col:
        draw_map(options, shown, voyage, link_view, MAP_HEIGHT_PX, signal_drawn=True)
        st.caption("The Northwest Passage, the Northeast Passage and the Trans-Arctic route on a true polar map: "
                   "lengths **computed** (geodesic, WGS84), facts **cited**. Click or tap a route for its details, "
                   "the sea to start or end a voyage there. Land: Natural Earth (public domain).")
        if complete:
            with st.expander("The map in words"):
                # A reader's track names are in it: shown as written (markdown_literal), never as Markdown.
                st.markdown(markdown_literal(map_in_words(shown.routes, options, voyage.drawn, voyage.speed_kn,
                                                          voyage.ends)))
            st.html(PAGE_CSS)


#: The offer's buttons at least 44 CSS pixels tall, a finger's target (WCAG 2.5.5; Streamlit draws 40); sent with
#: the offer, never before a click.
OFFER_CSS = ("<style>.st-key-map_click_from button,.st-key-map_click_to button,.st-key-map_click_cancel button"
             "{min-height:44px}</style>")


def map_click_offer(phase: Phase, voyage: VoyageChoice) -> None:
    """After a click on the sea: the point, a button to start the voyage there, one to end it and one to cancel.

    In Streamlit's bottom bar (``st.bottom``), pinned to the foot of the window on every device: on a phone the
    panel is under the map, below the fold, and the reader would not know to scroll. Not a dialog: it takes no
    focus and blocks nothing, so a tap that was not meant (to close a route's tooltip on a phone, say) costs
    nothing, and the reader may pan on with the point ringed. Nothing before a click: a new reader's first view
    is unchanged. A point on land far from the sea is refused in one line (near it, the offer says where the
    voyage will start instead). Once a button is pressed, until the next click: what is still missing, or why
    the two ends make no voyage.
    """
    if not phase.widgets:
        return
    click = map_click()
    if click is not None:
        with st.bottom:
            _offer(click)
        return
    used = map_click_used()
    if used is None:
        return
    if voyage.error:
        st.bottom.error(markdown_literal(voyage.error))
    elif voyage.comparison is None:
        picker, used_click = used
        missing = ("the end", "To") if picker == "voy_from" else ("the start", "From")
        st.bottom.caption(f"{'From' if picker == 'voy_from' else 'To'}: {used_click.text}. Click the map for "
                          f"{missing[0]}, or choose a port under {missing[1]}.")


def _offer(click: MapClick) -> None:
    st.markdown(f"**{click.text}**, the point you clicked:")
    if click.refused:
        st.error(markdown_literal(click.refused))
        return
    st.html(OFFER_CSS)
    with st.container(horizontal=True, gap="small"):  # one row, a phone's too: the bar covers little of the map
        st.button("Start here", key="map_click_from", on_click=use_map_click, args=("voy_from", click),
                  width="stretch", help=f"The voyage starts at {click.text} (From)")
        st.button("End here", key="map_click_to", on_click=use_map_click, args=("voy_to", click),
                  width="stretch", help=f"The voyage ends at {click.text} (To)")
        st.button("Cancel", key="map_click_cancel", on_click=decline_map_click, width="stretch",
                  help="Neither: the point is no longer offered")
    if click.notice:
        st.caption(markdown_literal(click.notice))


def headline(box: DeltaGenerator, page: PageData, options: MapOptions, voyage: VoyageChoice) -> None:
    """The answer, beside the map: the voyage's fastest open option against the conventional one, or the lengths
    of the routes shown, each between its own two gateways (lengths between different ends are no saving)."""
    with box:
        assessment = voyage.assessment
        if assessment is not None and voyage.comparison is not None and voyage.comparison.voyages:
            st.markdown(f"**{voyage.comparison.origin.name} → {voyage.comparison.destination.name}**, "
                        f"{month_name(assessment.month)}, {SHIPS[assessment.ship]}")
            voyage_headline(assessment, options.unit)
            return
        routes = page.routes
        shown = [rid for rid in options.route_ids if rid in routes.index]
        if not shown:
            st.markdown("No route is shown: tick one below.")
            return
        st.markdown("**Lengths** (computed, geodesic)")
        st.markdown("\n".join(
            f"- {routes.loc[rid, 'name']}, {routes.loc[rid, 'from']} to {routes.loc[rid, 'to']}: "
            f"**{convert_m(routes.loc[rid, 'length_m'], options.unit):,.0f} {options.unit}**" for rid in shown))
        st.caption("Routes with different ends do not compare. For a like-for-like answer, and who may sail "
                   "each route when, choose two ports below.")


def route_details(page: PageData, unit: str) -> None:
    """The selected route: its length, what it passes, its legs, constraints, season and sources."""
    st.subheader("Route details")
    routes = page.routes
    selected = st.selectbox("Route", list(routes.index), key="selected",
                            format_func=lambda rid: routes.loc[rid, "name"])
    route = routes.loc[selected]
    st.markdown(f"#### {route['name']}")
    st.metric(f"Length, {route['from']} to {route['to']}", f"{convert_m(route['length_m'], unit):,.0f} {unit}",
              help="Computed: geodesic length of the route geometry on the WGS84 ellipsoid.")
    st.write(route["description"])
    st.markdown("**Passes, in order:** " + " → ".join(route["via"]))
    st.html(legs_html(selected, unit))
    st.markdown("**Constraints (cited):**\n" + "\n".join(f"- {k}: {v}" for k, v in route["constraints"].items()))
    season = page.facts["seasons"].get(route["family"])
    if season:
        st.markdown(f"**Season:** {season['text']} ({season['source']})")
    st.markdown("**Sources:** " + "; ".join(route["sources"]))

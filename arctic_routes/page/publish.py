"""What a reader takes away: downloads, images for publication, the share link and the embed, and the
embedded page itself (the map alone, for an article's iframe)."""

from __future__ import annotations

from functools import partial

import streamlit as st
import streamlit.components.v1 as components

from arctic_routes.captions import MAX_TITLE_CHARS, alt_text, credit_text, voyage_time
from arctic_routes.embed import embed_snippet, height_reporter
from arctic_routes.export import lengths_csv, routes_geojson, standalone_html, voyage_csv
from arctic_routes.mapview import MapOptions
from arctic_routes.navigation import SHIPS
from arctic_routes.page.caches import PageData, image
from arctic_routes.page.controls import Controls, Shown, month_name
from arctic_routes.page.mapsection import PAGE_CSS, draw_map
from arctic_routes.page.session import View
from arctic_routes.page.voyages import VoyageChoice
from arctic_routes.share import PageState, share_url
from arctic_routes.style import SIZES
from arctic_routes.units import convert_m

DEFAULT_TITLE = "Arctic shipping routes"


def embedded_page(options: MapOptions, shown: Shown, voyage: VoyageChoice, link_view: View | None) -> None:
    """The map alone, the numbers behind its voyages in one line, the credit; sizes the article's iframe."""
    draw_map(options, shown, voyage, link_view, 600, signal_drawn=False)
    st.html(PAGE_CSS)
    if voyage.assessment is not None and voyage.comparison is not None and voyage.comparison.voyages:
        # The headline drawn is open to that ship; a closed option says so.
        unit, speed_kn = options.unit, voyage.speed_kn
        parts = [f"{o.voyage.name} {convert_m(o.voyage.length_m, unit):,.0f} {unit}, "
                 + (voyage_time(o, speed_kn) if o.open else f"not open: {o.why}") for o in voyage.drawn]
        st.caption(f"{voyage.comparison.origin.name} → {voyage.comparison.destination.name}, "
                   f"{month_name(options.month)}, {SHIPS[voyage.ship]} at {speed_kn:g} kn: " + "; ".join(parts))
    credit = "Arctic Routes · lengths computed geodesically (WGS84) · land © Natural Earth"
    if "ice" in options.layers:
        credit += f" · sea ice: {month_name(options.month)} median 1981-2010, not this year's (NSIDC)"
    st.caption(credit)
    components.html(height_reporter(), height=0)  # sizes the article's iframe to this content


def downloads_section(page: PageData, options: MapOptions, shown: Shown, voyage: VoyageChoice,
                      view: View | None) -> None:
    """The routes, lengths and voyage as data, and the interactive map as one HTML file."""
    st.subheader("Downloads")
    st.caption("The routes shown above: data to reuse, or the interactive map as one HTML file that opens from "
               "disk or any static web host with no network requests. The HTML file keeps what the page shows: "
               "routes, ice month, voyage and its table, map view, and the title and subtitle set under "
               "\"Images\".")
    # Callables: each file is built only when the reader clicks, never on a rerun.
    geojson, lengths, html_map, voyage_table = st.columns(4)
    geojson.download_button("Routes (GeoJSON)", partial(routes_geojson, shown.routes, shown.ids),
                            file_name="arctic-routes.geojson", mime="application/geo+json", on_click="ignore",
                            disabled=not shown.ids)
    lengths.download_button("Lengths (CSV)", partial(lengths_csv, shown.routes, shown.ids),
                            file_name="arctic-routes-lengths.csv", mime="text/csv", on_click="ignore",
                            disabled=not shown.ids)
    html_map.download_button(
        "Interactive map (one HTML file)",
        partial(standalone_html, shown.routes, options, title=st.session_state.get("pub_title") or DEFAULT_TITLE,
                straits=page.straits, ports=page.ports, facts=page.facts,
                subtitle=st.session_state.get("pub_subtitle") or None, assessment=voyage.assessment,
                voyages=voyage.drawn, view=view),
        file_name="arctic-routes-map.html", mime="text/html", on_click="ignore",
        disabled=not (shown.ids or voyage.drawn))
    assessment = voyage.assessment
    voyage_table.download_button(
        "Voyage comparison (CSV)", partial(voyage_csv, assessment, options.unit) if assessment else bytes,
        file_name="arctic-routes-voyage.csv", mime="text/csv", on_click="ignore",
        disabled=assessment is None or not assessment.options,
        help="Pick two ports above first." if assessment is None else None)


def images_section(page: PageData, controls: Controls, voyage: VoyageChoice) -> None:
    """PNG and SVG for publication, drawn on request, with their alt text."""
    with st.expander("Images for publication (PNG, SVG)"):
        title_field, subtitle_field = st.columns(2)
        title = title_field.text_input("Title", DEFAULT_TITLE, max_chars=MAX_TITLE_CHARS, key="pub_title",
                                       help="Wrapped onto at most two lines in every size; used by the HTML map "
                                            "too.")
        subtitle = subtitle_field.text_input("Subtitle", "", max_chars=120, placeholder="optional",
                                             key="pub_subtitle")
        size = st.radio("Size", list(SIZES), horizontal=True,
                        format_func=lambda k: f"{k} ({SIZES[k][0]}x{SIZES[k][1]})")
        with_voyages = False
        if voyage.drawn and voyage.comparison is not None:
            with_voyages = st.checkbox(f"Include the voyages drawn on the map ({voyage.comparison.origin.name} → "
                                       f"{voyage.comparison.destination.name})", value=True, key="image_voyages")
        voyages = voyage.drawn if with_voyages else ()
        short_credit = st.checkbox("Short credit line (the full sources go in the alt text and a note below)",
                                   key="image_short_credit")
        route_ids = controls.route_ids
        if st.button("Draw the image", disabled=not (route_ids or voyages)):
            st.session_state["want_image"] = True
        if not (st.session_state.get("want_image") and (route_ids or voyages)):
            return
        ice_month = controls.month if "ice" in controls.layers else None
        ends = voyage.ends if voyages else ()
        drawing = partial(image, route_ids, controls.unit, size, title=title, subtitle=subtitle, voyages=voyages,
                          speed_kn=voyage.speed_kn, ice_month=ice_month, ends=ends, highlight=controls.highlight,
                          notes=controls.notes, short_credit=short_credit)
        png, world_file = drawing(fmt="png")
        headline = voyage.assessment.headline if voyages and voyage.assessment is not None else None
        alt = alt_text(page.routes, route_ids, controls.unit, voyages, voyage.speed_kn, ice_month, title,
                       headline, ends, controls.month, voyage.ship, highlight=controls.highlight,
                       notes=controls.notes)
        sources = credit_text(page.routes, route_ids, voyages, ice_month)
        if short_credit:
            alt += f" Sources: {sources}"
        st.image(png, caption=alt)
        st.markdown("**Alt text** for the image (paste it into your CMS's description field):")
        st.code(alt, language=None, wrap_lines=True)
        if short_credit:
            st.markdown("**Sources note** (print it with the image, or link to it):")
            st.code(sources, language=None, wrap_lines=True)
        png_button, svg_button, world_button = st.columns(3)
        png_button.download_button("Download PNG", png, file_name=f"arctic-routes-{size}.png", mime="image/png",
                                   on_click="ignore")
        svg_button.download_button("Download SVG", lambda: drawing(fmt="svg")[0],
                                   file_name=f"arctic-routes-{size}.svg", mime="image/svg+xml", on_click="ignore",
                                   help="Text stays text; the map's projection and frame are in its metadata.")
        world_button.download_button("World file (.pgw)", world_file, file_name=f"arctic-routes-{size}.pgw",
                                     mime="text/plain", on_click="ignore",
                                     help="Places the PNG on the map's plane (EPSG:3413) in QGIS or ArcGIS: "
                                          "keep it beside the PNG, with the same name.")


def share_section(page: PageData, state: PageState, voyage: VoyageChoice) -> None:
    """The link that opens the page as it is, and the embed code for an article."""
    st.subheader("Share and embed")
    known_ids = list(page.routes.index)
    page_url = st.context.url or "http://localhost:8501/"
    # Plain text fields, not st.code: its syntax highlighter alone is 0.5 MB for the reader to download.
    st.text_input("This link opens the page exactly as it is now (routes, unit, layers, selected route, map "
                  "view, port-to-port voyage and speed):", share_url(page_url, state, known_ids))
    dark = st.toggle("For a dark article page", key="embed_dark",
                     help="The embedded map's text and background in Streamlit's dark theme.")
    names = [page.routes.loc[rid, "name"] for rid in state.route_ids]
    ends = (voyage.comparison.origin.name, voyage.comparison.destination.name) if voyage.comparison else ()
    st.text_area("To put the map alone in an article, paste this (an iframe and a small script that sizes it to "
                 "its content, so nothing is cut off in a narrow column):",
                 embed_snippet(page_url, state, known_ids, dark=dark, route_names=names, port_names=ends),
                 height=150)

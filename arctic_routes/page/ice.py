"""The sea ice of the month chosen, every year since 1979: a chart beside the map with its words (computed
from the NSIDC Sea Ice Index)."""

from __future__ import annotations

import html

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from arctic_routes.datafiles import EXTENT_CHART_PX, extent_chart_url
from arctic_routes.extent import extent_alt_text, extent_sentence, load_month
from arctic_routes.style import CHART_SIZES


@st.cache_resource(max_entries=12)
def extent_figure_html(month: int) -> str:
    """The month's chart (a static SVG: scripts/build_extent_charts.py) with its alt text, and the sentence."""
    width, height = EXTENT_CHART_PX
    return (f'<figure style="margin:0 0 .5rem 0"><img src="{extent_chart_url(month)}" '
            f'alt="{html.escape(extent_alt_text(load_month(month)))}" width="{width}" height="{height}" '
            f'style="width:100%;max-width:{width * 1.4:.0f}px;height:auto">'
            f'<figcaption style="font-size:.875rem">{html.escape(extent_sentence(month))} '
            "Computed from the NSIDC Sea Ice Index (monthly mean extent). The map's ice is the 1981-2010 "
            "median, not one year's.</figcaption></figure>")


def ice_chart(box: DeltaGenerator, month: int) -> None:
    """Beside the map, under the month: that month's ice every year, and what it says, in words."""
    box.html(extent_figure_html(month))


@st.cache_data(max_entries=24, show_spinner="Drawing the chart...")
def chart_image(month: int, size: str, fmt: str) -> bytes:
    from arctic_routes.extent_chart import render_extent_chart  # matplotlib: on request only

    return render_extent_chart(load_month(month), CHART_SIZES[size], fmt)


@st.cache_data(max_entries=6, show_spinner="Making the animation: twelve frames, a few seconds...")
def animation(route_ids: tuple[str, ...], unit: str, fmt: str, size: str) -> tuple[bytes, str]:
    """The twelve months of median ice with the routes, and its alt text (once per choice, for every reader)."""
    from arctic_routes.animate import animation_alt_text, build_animation  # matplotlib: on request only
    from arctic_routes.routes import load_routes
    from arctic_routes.style import SIZES

    routes = load_routes()
    made = build_animation(routes, route_ids, fmt, SIZES[size], unit=unit)
    return made.data, animation_alt_text(routes, route_ids, unit)


def ice_publication_section(month: int, route_ids: tuple[str, ...], unit: str) -> None:
    """The month's ice chart as an image to publish, and the twelve months of ice as an animation to post."""
    with st.expander("The ice, for publication: the chart (PNG, SVG) and an animation (GIF, MP4)"):
        series = load_month(month)
        st.markdown(f"**{series.month_name}'s sea ice, every year since {series.first_year}** as an image, and the "
                    "twelve months of median ice with the routes as an animation to post.")
        # The choices appear on request: every reader's browser would otherwise receive them with the page.
        if st.button("Choose the files", key="ice_files"):
            st.session_state["want_ice_files"] = True
        if not st.session_state.get("want_ice_files"):
            return
        size = st.radio("Chart size", list(CHART_SIZES), horizontal=True, key="chart_size",
                        format_func=lambda k: f"{k} ({CHART_SIZES[k][0]}x{CHART_SIZES[k][1]})")
        png_col, svg_col, alt_col = st.columns(3)
        png_col.download_button("Chart (PNG)", lambda: chart_image(month, size, "png"), on_click="ignore",
                                file_name=f"sea-ice-extent-{month:02d}-{size}.png", mime="image/png")
        svg_col.download_button("Chart (SVG)", lambda: chart_image(month, size, "svg"), on_click="ignore",
                                file_name=f"sea-ice-extent-{month:02d}-{size}.svg", mime="image/svg+xml",
                                help="Text stays text.")
        # The alt text as a file (built on the click): the same words are the chart's own alt beside the map,
        # and a text field here would be sent to every reader's browser.
        alt_col.download_button("Alt text (TXT)", lambda: extent_alt_text(series) + "\n", on_click="ignore",
                                file_name=f"sea-ice-extent-{month:02d}.alt.txt", mime="text/plain",
                                help="Paste it into your CMS's description field.")

        st.markdown("**The twelve months of median ice (1981-2010) with the routes shown**: an animation to post, "
                    "at most 8 MB, one second a month (September two).")
        fmt = st.radio("Animation", ["gif", "mp4"], horizontal=True, key="anim_fmt",
                       format_func=lambda f: {"gif": "GIF (loops everywhere)", "mp4": "MP4 (video, smaller)"}[f])
        anim_size = st.radio("Animation size", ["social", "square", "story"], horizontal=True, key="anim_size")
        if not route_ids:
            st.caption("Tick a route beside the map first.")
            return
        if st.button("Make the animation", key="anim_make"):
            st.session_state["want_animation"] = True
        if not st.session_state.get("want_animation"):
            return
        data, alt = animation(route_ids, unit, fmt, anim_size)
        st.download_button(f"Download the animation ({fmt.upper()}, {len(data) / 1e6:.1f} MB)", data,
                           file_name=f"arctic-sea-ice-months-{anim_size}.{fmt}",
                           mime="image/gif" if fmt == "gif" else "video/mp4", on_click="ignore")
        st.text_area("Alt text for the animation", alt, height=150, key="anim_alt")

"""The sea ice of the month chosen, every year since 1979: a chart beside the map with its words (computed
from the NSIDC Sea Ice Index), and the chart and the ice animation as files to publish."""

from __future__ import annotations

import base64
import html

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from arctic_routes.extent import extent_alt_text, extent_sentence, load_month

#: The chart's size beside the map (CSS pixels): drawn at the width it is shown, so its text stays its size.
PANEL_CHART_PX = (260, 250)


@st.cache_resource(max_entries=12)
def extent_figure_html(month: int) -> str:
    """The month's chart as an SVG image with its alt text, and the sentence under it (once per server)."""
    from arctic_routes.extent_chart import render_extent_chart  # matplotlib: only once the page is complete

    series = load_month(month)
    svg = base64.b64encode(render_extent_chart(series, PANEL_CHART_PX, "svg")).decode("ascii")
    return (f'<figure style="margin:0 0 .5rem 0"><img src="data:image/svg+xml;base64,{svg}" '
            f'alt="{html.escape(extent_alt_text(series))}" width="{PANEL_CHART_PX[0]}" '
            f'height="{PANEL_CHART_PX[1]}" style="width:100%;max-width:{PANEL_CHART_PX[0] * 1.4:.0f}px;'
            f'height:auto"><figcaption style="font-size:.875rem">{html.escape(extent_sentence(month))} '
            "Computed from the NSIDC Sea Ice Index (monthly mean extent). The map's ice is the 1981-2010 "
            "median, not one year's.</figcaption></figure>")


def ice_chart(box: DeltaGenerator, month: int) -> None:
    """Beside the map, under the month: that month's ice every year, and what it says, in words."""
    box.html(extent_figure_html(month))

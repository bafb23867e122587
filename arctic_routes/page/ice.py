"""The sea ice of the month chosen, every year since 1979: a chart beside the map with its words (computed
from the NSIDC Sea Ice Index)."""

from __future__ import annotations

import html

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from arctic_routes.datafiles import EXTENT_CHART_PX, extent_chart_url
from arctic_routes.extent import extent_alt_text, extent_sentence, load_month


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

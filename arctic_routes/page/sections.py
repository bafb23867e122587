"""The sections under the map that read the same data for every reader: seasons and traffic, straits,
the lengths compared, and the story checked."""

from __future__ import annotations

import streamlit as st

from arctic_routes.model import Facts
from arctic_routes.page.caches import fixed_tables, lengths_html
from arctic_routes.page.controls import Shown
from arctic_routes.seaice import ICE_CREDIT, OPEN_MAX_ICE_PCT
from arctic_routes.tables import comparison_table, table_html


def seasons_section(facts: Facts) -> None:
    """When each route is free of the median ice, month by month, and how many ships actually sail."""
    st.subheader("When is each route free of ice?")
    st.caption("Share of each route's length (%) under the median sea-ice extent of each month, 1981-2010.")
    st.html(fixed_tables()["seasons"])
    st.caption(f"Computed: the share of each route's length under each month's median sea-ice extent 1981-2010 "
               f"(sampled every 2 km). Mostly ice-free: at most {OPEN_MAX_ICE_PCT:g} % under the ice. The median "
               "is a climatology: recent Septembers had much less ice (record low 2012), and any year can have "
               f"more. Not for navigation. {ICE_CREDIT}.")
    with st.expander("How many ships actually sail these routes (cited)"):
        st.html(fixed_tables()["traffic"])
        for series in facts["transits"].values():
            st.caption(f"{series['note']} ({series['source']})")
        st.caption("No commercial ship has ever crossed the central Arctic Ocean (the Trans-Arctic route). "
                   "A Northern Sea Route 'transit' crosses both ends without a port call: most NSR cargo is to and "
                   "from Arctic ports. Years without a bar have no published figure in our sources.")


def straits_section() -> None:
    with st.expander("Straits and chokepoints: depth and width, cited"):
        st.html(fixed_tables()["straits"])
        st.caption("Cited: depth and width as each source gives them. The same facts are in the map's strait "
                   "markers (switch on \"Straits\" in the sidebar).")


def lengths_section(shown: Shown, built_in: list[str], unit: str) -> None:
    """The routes shown, each compared only with the routes between the same two gateways."""
    if not shown.ids:
        st.info("No route is shown: tick one beside the map.")
        return
    with st.expander("Lengths compared, like for like"):
        _lengths_table(shown, built_in, unit)


def _lengths_table(shown: Shown, built_in: list[str], unit: str) -> None:
    st.metric("Routes shown", len(shown.ids))
    st.html(lengths_html(shown.ids, unit) if set(shown.ids) <= set(built_in)  # built-in: cached
            else table_html(comparison_table(shown.routes, list(shown.ids), unit), "Lengths of the routes shown"))
    st.caption("Computed: geodesic lengths of the route geometry (WGS84). Each route is compared only with the "
               "routes shown between the same two gateways (From and To): the Trans-Arctic route joins the "
               "Bering and Fram Straits, the Northeast Passage North Cape and the Bering Strait, so their lengths "
               "are not a saving. For a like-for-like comparison, compare two ports above.")


def story_section(facts: Facts) -> None:
    """The news story's claims with their sources, and the icebreaker counts side by side."""
    with st.expander("The story, checked: the claims and their sources"):
        for item in facts["story"]:
            note = f" {item['note']}" if item.get("note") else ""
            st.markdown(f"- {item['claim']}{note} ({item['source']})")
        st.markdown("**Icebreakers: the counts disagree because they count different things.**")
        st.html(fixed_tables()["icebreakers"])
        for topic in facts["icebreakers"]:
            if topic.get("disagreement"):
                st.caption(f"{topic['topic']}: {topic['disagreement']}")

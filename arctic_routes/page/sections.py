"""The sections under the map that read the same data for every reader: seasons and traffic, straits,
the lengths compared, and the story checked."""

from __future__ import annotations

import streamlit as st

from arctic_routes.model import Facts
from arctic_routes.observed import latest_transits, observed_season_text
from arctic_routes.page.caches import fixed_tables, lengths_html, observed_median_open
from arctic_routes.page.controls import Shown
from arctic_routes.seaice import ICE_CREDIT, OPEN_MAX_ICE_PCT
from arctic_routes.tables import comparison_table, table_html


def seasons_section(facts: Facts) -> None:
    """When each route is free of the median ice, month by month, then what ships actually did and what the
    projections say comes next."""
    st.subheader("When is each route free of ice?")
    st.caption("This strip shows the 1981-2010 median ice, not recent years: share of each route's length (%) "
               "under each month's median sea-ice extent.")
    st.html(fixed_tables()["seasons"])
    st.caption(f"Computed: the share of each route's length under each month's median sea-ice extent 1981-2010 "
               f"(sampled every 2 km). Mostly ice-free: at most {OPEN_MAX_ICE_PCT:g} % under the ice. The median "
               "is a climatology: recent years had much less ice (the chart beside the map shows every year), so "
               f"recent seasons were longer, and any year can have more. Not for navigation. {ICE_CREDIT}.")
    st.markdown("**What ships actually did** (cited)")
    shares = observed_median_open()
    st.markdown("\n".join(f"- {observed_season_text(season, shares.get(season['family'], {}))}"
                           for season in facts["observed_seasons"]))
    st.markdown("\n".join(f"- {line}" for line in latest_transits(facts)))
    with st.expander("Transits and cargo, year by year (cited)"):
        st.html(fixed_tables()["traffic"])
        for series in facts["transits"].values():
            st.caption(f"{series['note']} ({series['source']})")
        st.caption("No commercial ship has ever crossed the central Arctic Ocean (the Trans-Arctic route). "
                   "A Northern Sea Route 'transit' crosses both ends without a port call: most NSR cargo is to and "
                   "from Arctic ports. Years without a bar have no published figure in our sources.")
    st.markdown("**What comes next** (cited projections)")
    st.markdown("\n".join(f"- {item['text'].rstrip('.')} ({item['source']})." for item in facts["outlook"]))


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

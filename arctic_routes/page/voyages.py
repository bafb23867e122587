"""Port to port: the voyage the reader chose (needed by the map, above its widgets) and its section."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from arctic_routes.captions import voyage_time
from arctic_routes.model import Comparison, Port
from arctic_routes.navigation import (
    DEFAULT_SHIP,
    ICE_SPEED_SOURCE,
    RULES,
    SHIPS,
    Assessment,
    OptionStatus,
    assess,
)
from arctic_routes.page.controls import month_name
from arctic_routes.plaintext import markdown_literal
from arctic_routes.ports import find_end
from arctic_routes.seaice import ICE_CREDIT
from arctic_routes.style import FAMILY_LABELS
from arctic_routes.tables import voyage_table_html
from arctic_routes.units import DEFAULT_SPEED_KN, SPEED_RANGE_KN, convert_m
from arctic_routes.voyage import compare


@dataclass(frozen=True)
class VoyageChoice:
    """The two ports, ship and speed as the reader set them, and what follows from them this month."""

    ship: str
    speed_kn: float
    comparison: Comparison | None = None  #: None until two ports are chosen
    assessment: Assessment | None = None
    error: str | None = None  #: why the two ends cannot be compared (the same port twice, an unknown name)
    drawn: tuple[OptionStatus, ...] = ()  #: the options drawn on the map
    draw_key: str = ""  #: the session key of the "Draw on the map" choice, per ports, ship and month
    default_draw: tuple[str, ...] = ()  #: drawn unless the reader chooses: the fastest open and the conventional

    @property
    def keys(self) -> tuple[str, str] | None:
        """The two ports as a share link names them."""
        if self.comparison is None:
            return None
        return self.comparison.origin.key, self.comparison.destination.key

    @property
    def ends(self) -> tuple[Port, ...]:
        """The two ends, once they are compared: marked on the map even when no option is drawn (none open to
        this ship this month, or none chosen), so the map never looks as if nothing was asked."""
        if self.comparison is None:
            return ()
        return self.comparison.origin, self.comparison.destination


def current_voyage(ports: dict[str, Port], month: int) -> VoyageChoice:
    """The voyage as the session holds it: its widgets sit below the map, but the map needs it first."""
    origin, destination = st.session_state.get("voy_from"), st.session_state.get("voy_to")
    speed_kn = float(st.session_state.get("voy_speed") or DEFAULT_SPEED_KN)
    ship = str(st.session_state.get("ship")) if st.session_state.get("ship") in SHIPS else DEFAULT_SHIP
    if not origin or not destination:
        return VoyageChoice(ship, speed_kn)
    try:  # a port of the list, else what the reader typed: any port of the world or a position (find_end)
        ends = [ports[end] if end in ports else find_end(str(end)) for end in (origin, destination)]
        comparison = compare(ends[0], ends[1])
        assessment = assess(comparison, month, ship, speed_kn)
    except ValueError as exc:  # the same port twice, a name several ports share, an unknown one: one line
        return VoyageChoice(ship, speed_kn, error=str(exc))
    if not comparison.voyages:
        return VoyageChoice(ship, speed_kn, comparison, assessment)
    # Per ship and month: what is drawn first is the fastest option open to that ship, never a closed one.
    # Keyed by the ends as resolved, not as typed: the picker sends back its display text ("72°N 35°E" for a
    # typed "72,35") on the next run, which must not reset the reader's choice.
    draw_key = f"voy_draw_{ends[0].key}_{ends[1].key}_{ship}_{month}"
    default_draw = tuple(o.voyage.name for o in assessment.to_draw())
    wanted = st.session_state.get(draw_key, default_draw)
    drawn = tuple(o for o in assessment.options if o.voyage.name in wanted)
    return VoyageChoice(ship, speed_kn, comparison, assessment, None, drawn, draw_key, default_draw)


def voyage_headline(assessment: Assessment, unit: str) -> None:
    """The answer, stacked for the panel beside the map: the fastest voyage open to this ship this month, the
    conventional one, and the days saved (never a closed route's)."""
    speed_kn, ship, month = assessment.speed_kn, assessment.ship, month_name(assessment.month)
    best, conventional = assessment.headline, assessment.conventional
    if best is None:
        st.metric("Fastest open voyage", "none")
        st.caption(f"No option is open to {SHIPS[ship]} in {month}. {_open_to_others(assessment)}")
    else:
        st.metric("Fastest open voyage", voyage_time(best, speed_kn),
                  help="Days at sea at the chosen speed, the miles in the month's median ice at 8 kn.")
        st.caption(f"{best.voyage.name}, {convert_m(best.voyage.length_m, unit):,.0f} {unit}: the fastest "
                   f"option open to {SHIPS[ship]} in {month}")
    if conventional is None:
        st.metric("Conventional voyage", "none", help="Every voyage between these two ends uses an Arctic route.")
        return
    st.metric("Conventional voyage", voyage_time(conventional, speed_kn))
    st.caption(f"{conventional.voyage.name}, {convert_m(conventional.voyage.length_m, unit):,.0f} {unit}")
    saved = assessment.days_saved(best) if best is not None else None
    if saved is not None and best is not conventional:
        st.metric("Days saved against the conventional voyage", f"{saved:.1f}",
                  help=f"At {speed_kn:g} kn in open water and {ICE_SPEED_SOURCE.split(' (')[0].lower()}: "
                       "the miles under the median ice are sailed at 8 kn. No canal queue, no escort wait.")


def _open_to_others(assessment: Assessment) -> str:
    """Who could sail it this month, when this ship cannot: the fastest option open to each other ship."""
    said = []
    for ship in SHIPS:
        if ship == assessment.ship:
            continue
        best = assess(assessment.comparison, assessment.month, ship, assessment.speed_kn).headline
        if best is not None:
            said.append(f"{SHIPS[ship]}: {best.voyage.name}, {voyage_time(best, assessment.speed_kn)}")
    if not said:
        return "Nor to any other ship: no route here is open in this month."
    return "Open to " + "; to ".join(said) + "."


def _rules(assessment: Assessment) -> None:
    with st.expander("Who may sail which route, when: the rules used, with their sources"):
        families = dict.fromkeys(o.voyage.kind for o in assessment.options if o.voyage.is_arctic)
        for family in families:
            rule = RULES[(family, assessment.ship)]
            st.markdown(f"- **{FAMILY_LABELS[family]}**, {SHIPS[assessment.ship]}: "
                        + (", ".join(month_name(m) for m in sorted(rule.months)) or "never")
                        + (f", and at most {rule.max_ice_pct:.0f} % of the Arctic leg in ice"
                           if rule.max_ice_pct is not None else "") + f". {rule.source}.")
        st.markdown(f"- Speed in ice: {ICE_SPEED_SOURCE}.")


def voyage_section(voyage: VoyageChoice, unit: str, month: int) -> None:
    """Port to port: the headline, every option with why it is or is not open, the speed, the rules."""
    st.subheader("Port to port: how much faster, really, for which ship, in which month?")
    st.caption(f"In **{month_name(month)}**, judged against that month's median sea ice 1981-2010, not this "
               "year's ice. Choose the ports, the ship and the month beside the map.")
    st.number_input("Speed in open water (knots)", min_value=SPEED_RANGE_KN[0], max_value=SPEED_RANGE_KN[1],
                    step=0.5, key="voy_speed")  # its value comes from session state: the link's, or 14 kn
    comparison, assessment = voyage.comparison, voyage.assessment
    if voyage.error:
        st.error(markdown_literal(voyage.error))  # it may repeat what the reader typed: text, never Markdown
        return
    if comparison is None or assessment is None:
        st.caption("Pick two ports, or two points on the map, to compare the voyages via Suez, Panama and the "
                   "Cape with the Arctic routes.")
        return
    if comparison.voyages:  # the answer itself is beside the map (voyage_headline)
        st.html(voyage_table_html(assessment, unit))
        st.caption("Greyed: not open to this ship in this month, with the reason. Days: the miles under the "
                   "median ice at 8 kn or slower, the rest at the chosen speed.")
        st.multiselect("Draw on the map", [v.name for v in comparison.voyages], default=list(voyage.default_draw),
                       key=voyage.draw_key)
        _rules(assessment)
    for note in comparison.notes:
        st.info(note)
    st.caption("Computed: open-ocean legs are shortest paths on the Eurostat SeaRoute network (as shipped by "
               "searoute 1.6.0); Arctic legs are this map's routes, joined at their gateways; every length is "
               "geodesic (WGS84) on the final line; ice along each line from the NSIDC median extent. "
               f"{ICE_CREDIT}.")

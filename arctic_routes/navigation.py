"""Who may sail which voyage in which month: ship classes, the season rules, time lost in ice.

A :class:`arctic_routes.model.Comparison` says how long each option is; this
module says which of them a given ship may take in a given month, why not
when it may not, how long each takes once the miles under the ice are sailed
at ice speed, and which open option is the fastest (the headline). A route
that only an icebreaker can sail is never the headline for a cargo ship.

The rules are data (:data:`RULES`), each with its source; where no published
rule exists the rule says it is our assumption. The ice is the NSIDC
1981-2010 median extent (:mod:`arctic_routes.seaice`): a climatology, not this
year's ice and not for navigation.

Examples
--------
>>> from arctic_routes.voyage import compare
>>> march = assess(compare("Rotterdam", "Yokohama"), month=3, ship="ordinary")
>>> march.headline.voyage.kind
'suez'
>>> september = assess(compare("Rotterdam", "Yokohama"), month=9, ship="ordinary")
>>> september.headline.voyage.variant
'nep-coastal'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from arctic_routes.model import Comparison, Voyage
from arctic_routes.seaice import DEFAULT_MONTH, MONTH_NAMES, check_month, monthly_ice_pct
from arctic_routes.units import METRES_PER_NM, check_speed

#: Ship classes a reader can choose, and how the page describes each.
SHIPS = {
    "ordinary": "a ship without ice class",
    "ice-class": "a high ice-class cargo ship (Arc7, as the Yamal LNG carriers)",
    "icebreaker": "an icebreaker",
}
DEFAULT_SHIP = "ordinary"

#: Speed through the part of a voyage under the median ice extent (knots): NSR transits averaged
#: 7-9 kn in July and 9-11 kn in August (CHNL, 2013 season); a faster chosen speed is capped here.
ICE_SPEED_KN = 8.0
ICE_SPEED_SOURCE = "NSR transits averaged 7-9 kn in July and 9-11 kn in August (CHNL, 2013 season)"
#: Without ice class a ship needs open water: at most this share of the Arctic leg under the median
#: extent (the extent's edge is already only 15 % ice concentration).
OPEN_WATER_MAX_ICE_PCT = 15.0
#: An Arc7-class ship in the Northwest Passage: light to medium ice, at most this share (our assumption;
#: Canada's Zone/Date System sets dates per class and zone, which a median map cannot resolve).
ICE_CLASS_NWP_MAX_ICE_PCT = 50.0


@dataclass(frozen=True)
class Rule:
    """When a ship class may sail an Arctic route family, and on what evidence."""

    months: frozenset[int]  # 1..12; empty: never
    closed_why: str  # shown for a month outside ``months``
    source: str
    max_ice_pct: float | None = None  # None: no limit on the ice along the voyage in an allowed month

    def allows(self, month: int) -> bool:
        return month in self.months


ALL_YEAR = frozenset(range(1, 13))
RULES: dict[tuple[str, str], Rule] = {
    ("northeast-passage", "ordinary"): Rule(
        frozenset(range(7, 12)), "closed December-June to ships without ice class",
        "Ships without ice class (or Ice1-Ice3) may use the NSR only from July to 15 November "
        "(Russian Transport Ministry order No. 5, 2017; NSR Rules 2013 admission table)",
        OPEN_WATER_MAX_ICE_PCT),
    ("northeast-passage", "ice-class"): Rule(
        frozenset({1, *range(6, 13)}), "closed February-May even to Arc7 ships",
        "Since February 2024 Arc7/Arc8 ships may sail the NSR independently in any ice in January and "
        "June-December (gCaptain, 2024)"),
    ("northeast-passage", "icebreaker"): Rule(
        ALL_YEAR, "", "Our assumption: an icebreaker is what escorts the others, in any month"),
    ("northwest-passage", "ordinary"): Rule(
        frozenset(range(5, 12)), "outside the Canadian Coast Guard season (mid-May to mid-November)",
        "Canadian Coast Guard season from about 15 May to mid-November (CCG); Peel Sound clears by early "
        "September and refreezes from the third week of September (Canadian Sailing Directions)",
        OPEN_WATER_MAX_ICE_PCT),
    ("northwest-passage", "ice-class"): Rule(
        frozenset(range(5, 12)), "outside the Canadian Coast Guard season (mid-May to mid-November)",
        "Canadian Coast Guard season (CCG); at most half the Arctic leg in ice is our assumption (Canada's "
        "Zone/Date System sets entry dates per ice class and zone, Transport Canada)",
        ICE_CLASS_NWP_MAX_ICE_PCT),
    ("northwest-passage", "icebreaker"): Rule(
        frozenset(range(5, 12)), "outside the Canadian Coast Guard season (mid-May to mid-November)",
        "Canadian Coast Guard season from about 15 May to mid-November (CCG)"),
    ("transpolar", "ordinary"): Rule(
        frozenset(), "icebreaker only: no commercial ship has ever crossed the central Arctic",
        "No commercial transit of the central Arctic Ocean has ever been made; projections give Polar "
        "Class 6 ships robust September routes over the Pole only by 2040-59 (Smith & Stephenson, PNAS 2013)"),
    ("transpolar", "ice-class"): Rule(
        frozenset(), "icebreaker only: no commercial ship has ever crossed the central Arctic",
        "No commercial transit of the central Arctic Ocean has ever been made (Smith & Stephenson, PNAS 2013)"),
    ("transpolar", "icebreaker"): Rule(
        frozenset({7, 8, 9}), "surface ships have reached the Pole only in summer",
        "Surface ships at the Pole: Arktika in August 1977, icebreaker cruises since 2007 in summer, research "
        "icebreakers in 2005, 2015 and 2020"),
}


def check_ship(ship: object) -> str:
    """``ship`` if it is one of :data:`SHIPS`, else a one-line ValueError."""
    if not isinstance(ship, str) or ship not in SHIPS:
        raise ValueError(f"ship must be one of {', '.join(SHIPS)}, not {str(ship)[:40]!r}")
    return ship


@lru_cache(maxsize=512)
def monthly_ice_m(voyage: Voyage) -> tuple[float, ...]:
    """Metres of ``voyage``'s line under each month's median extent, January first (cached per voyage)."""
    return tuple(pct / 100.0 * voyage.length_m for pct in monthly_ice_pct(voyage.coordinates))


@lru_cache(maxsize=512)
def monthly_arctic_ice_m(voyage: Voyage) -> tuple[float, ...]:
    """Metres of ``voyage``'s Arctic leg under each month's median extent, January first (zeros without one).

    Never more than the Arctic leg's length, nor than the ice on the whole voyage: the leg is a part of the
    voyage's line, sampled at the same points (:func:`arctic_routes.seaice.monthly_ice_pct`).
    """
    if len(voyage.arctic_coordinates) < 2 or voyage.arctic_length_m <= 0.0:
        return (0.0,) * 12
    whole = monthly_ice_m(voyage)
    # The same samples on a part of the line: equal sums up to rounding, which min() keeps from showing.
    return tuple(min(pct / 100.0 * voyage.arctic_length_m, voyage.arctic_length_m, whole[i])
                 for i, pct in enumerate(monthly_ice_pct(voyage.arctic_coordinates)))


@dataclass(frozen=True)
class OptionStatus:
    """One option of a comparison, for one ship in one month."""

    voyage: Voyage
    ice_m: float  # length of the whole voyage under the month's median ice extent
    arctic_ice_m: float  # length of its Arctic leg under that extent (0 for the conventional options)
    open: bool
    why: str | None  # why it is not open (None when open)
    rule_source: str | None  # the rule applied (None for the conventional options)

    @property
    def arctic_ice_pct(self) -> float:
        """Share (%, 0-100) of the Arctic leg under the month's median extent (0 without an Arctic leg)."""
        length_m = self.voyage.arctic_length_m
        return 100.0 * min(self.arctic_ice_m / length_m, 1.0) if length_m > 0.0 else 0.0

    def days(self, speed_kn: float) -> float | None:
        """Days at sea: the miles under the ice at :data:`ICE_SPEED_KN` (or slower), the rest at ``speed_kn``.

        None for an option not open to the ship in that month: it has no sailing time, and a time computed
        as if it did would read as a voyage one could make.
        """
        days = self._days_at_sea(speed_kn)
        return days if self.open else None

    def _days_at_sea(self, speed_kn: float) -> float:
        speed = check_speed(speed_kn)
        ice_speed = min(speed, ICE_SPEED_KN)
        open_m = max(self.voyage.length_m - self.ice_m, 0.0)
        return (open_m / speed + self.ice_m / ice_speed) / METRES_PER_NM / 24.0


@dataclass(frozen=True)
class Assessment:
    """A comparison seen by one ship in one month: every option's status and the headline."""

    comparison: Comparison
    month: int
    ship: str
    speed_kn: float
    options: tuple[OptionStatus, ...]  # in the comparison's order (shortest first)

    @property
    def headline(self) -> OptionStatus | None:
        """The fastest option open to this ship in this month (None if none is)."""
        return min((o for o in self.options if o.open), key=lambda o: o._days_at_sea(self.speed_kn), default=None)

    @property
    def conventional(self) -> OptionStatus | None:
        base = self.comparison.conventional
        return next((o for o in self.options if o.voyage == base), None)

    def to_draw(self) -> tuple[OptionStatus, ...]:
        """What to draw first: the headline and the conventional option (once if they are the same)."""
        picks = [o for o in (self.headline, self.conventional) if o is not None]
        return tuple(dict.fromkeys(picks))

    def days_saved(self, option: OptionStatus) -> float | None:
        """Days ``option`` saves against the conventional option at this speed (negative: it takes longer).

        None when there is no conventional option, or when ``option`` is not open (it has no sailing time).
        """
        base, days = self.conventional, option.days(self.speed_kn)
        base_days = base.days(self.speed_kn) if base is not None else None
        return None if base_days is None or days is None else base_days - days


def status(voyage: Voyage, month: int, ship: str) -> OptionStatus:
    """Whether ``ship`` may sail ``voyage`` in ``month``, and why not.

    The ice rule weighs the Arctic leg alone: its miles under the median extent over its length. Ice on the
    way to the route (Davis Strait in May, say) slows the voyage down but is no part of that share.
    """
    month = check_month(month)  # 0 is no month: [0 - 1] would read December
    ice_m = monthly_ice_m(voyage)[month - 1]
    arctic_ice_m = monthly_arctic_ice_m(voyage)[month - 1]
    if not voyage.is_arctic:
        return OptionStatus(voyage, ice_m, arctic_ice_m, True, None, None)
    rule = RULES[(voyage.kind, ship)]
    if not rule.allows(month):
        return OptionStatus(voyage, ice_m, arctic_ice_m, False, rule.closed_why, rule.source)
    judged = OptionStatus(voyage, ice_m, arctic_ice_m, True, None, rule.source)
    share = judged.arctic_ice_pct
    if rule.max_ice_pct is not None and share > rule.max_ice_pct:
        why = (f"ice on {share:.0f} % of the Arctic leg at the {MONTH_NAMES[month - 1]} median "
               f"(at most {rule.max_ice_pct:.0f} % for {SHIPS[ship]})")
        return OptionStatus(voyage, ice_m, arctic_ice_m, False, why, rule.source)
    return judged


def assess(comparison: Comparison, month: int = DEFAULT_MONTH, ship: str = DEFAULT_SHIP,
           speed_kn: float = 14.0) -> Assessment:
    """Every option of ``comparison`` for ``ship`` in ``month`` at ``speed_kn`` knots in open water."""
    month, ship, speed_kn = check_month(month), check_ship(ship), check_speed(speed_kn)
    options = tuple(status(v, month, ship) for v in comparison.voyages)
    return Assessment(comparison, month, ship, speed_kn, options)


def headline_key(option: OptionStatus | None) -> str | None:
    """What the JSON calls the headline: an Arctic option's variant, else the conventional route's name."""
    if option is None:
        return None
    return option.voyage.variant or option.voyage.kind

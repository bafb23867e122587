"""Units of length and speed: how many metres in each unit the page can show, and voyage speeds.

Holds numbers and two small checks only; imports nothing from the package, so
any module (share links included) can use it without loading geodesy or the
sea network.

Examples
--------
>>> round(convert_m(1852.0, "nm"), 3), round(convert_m(1852.0, "km"), 3)
(1.0, 1.852)
>>> check_speed(14)
14.0
"""

from __future__ import annotations

METRES_PER_KM = 1000.0
METRES_PER_NM = 1852.0  # international nautical mile
METRES_PER_MI = 1609.344  # international statute mile

#: Units a length can be shown in: key -> (metres per unit, label).
UNITS: dict[str, tuple[float, str]] = {
    "nm": (METRES_PER_NM, "nautical miles"),
    "km": (METRES_PER_KM, "kilometres"),
    "mi": (METRES_PER_MI, "statute miles"),
}

#: Voyage speed (knots) unless the reader picks another, and the speeds a voyage may be computed at:
#: slow steaming to a fast feeder.
DEFAULT_SPEED_KN = 14.0
SPEED_RANGE_KN = (5.0, 30.0)


def convert_m(metres: float, unit: str) -> float:
    """A length in metres expressed in ``unit`` (one of :data:`UNITS`)."""
    try:
        return metres / UNITS[unit][0]
    except KeyError:
        raise ValueError(f"unknown unit {unit!r}; use one of {', '.join(UNITS)}") from None


def check_speed(speed_kn: float) -> float:
    """``speed_kn`` as a float if it lies in :data:`SPEED_RANGE_KN`, else a one-line ValueError."""
    low, high = SPEED_RANGE_KN
    if isinstance(speed_kn, bool) or not (isinstance(speed_kn, int | float) and low <= speed_kn <= high):
        raise ValueError(f"speed must be between {low:g} and {high:g} knots, got {speed_kn!r}")
    return float(speed_kn)

"""Published distances the routes and voyages are checked against (each with its publication below).

One place for the cited figures, so the tests, ``bench/voyages.py`` and the
README's table measure against the same numbers in the same way. A development module: the package
itself never checks its figures against these.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from arctic_routes.geodesy import geodesic_length_m
from arctic_routes.routes import section_length_m
from arctic_routes.units import METRES_PER_KM, METRES_PER_NM


@dataclass(frozen=True)
class Reference:
    origin: str
    destination: str
    route: str  # a voyage option: "suez", "northeast-passage", ...
    nm: float
    source: str


#: Port-to-port voyages (nautical miles).
VOYAGES = (
    Reference("Rotterdam", "Yokohama", "suez", 11_205.0, "Liu & Kronbak 2010 (via Rosatom) [U]"),
    Reference("Rotterdam", "Yokohama", "northeast-passage", 7_345.0, "Liu & Kronbak 2010 (via Rosatom) [U]"),
    Reference("Rotterdam", "Shanghai", "suez", 10_500.0, "Port of Barcelona (PierNext)"),
    Reference("Rotterdam", "Shanghai", "northeast-passage", 8_500.0, "Port of Barcelona (PierNext)"),
    Reference("Rotterdam", "Shanghai", "northwest-passage", 8_700.0, "Port of Barcelona (PierNext)"),
)

#: How far our voyages may stray from the reference, in per cent: conventional routes and the NSR.
BAND_PCT = {"suez": (-3.0, 3.0), "panama": (-3.0, 3.0), "northeast-passage": (-2.0, 6.0)}

#: The official length of the Northern Sea Route, Kara Gate to Provideniya Bay (TASS 2018; Valdai Club).
NSR_KARA_GATE_PROVIDENIYA_KM = 5_600.0
NSR_KARA_GATE_PROVIDENIYA_SOURCE = "TASS 2018; Valdai Club"

#: From the Bering Strait waypoint round Cape Chaplino into Provideniya Bay, drawn on the
#: Natural Earth 1:10m land (tests/test_route_data.py checks it stays at sea); the last
#: point is the port (approximate centre as published), about 6 km beyond the 1:10m shore of the bay.
PROVIDENIYA_APPROACH = ((-172.79, 64.0), (-173.2, 64.22), (-173.4, 64.28), (-173.4, 64.36), (-173.35, 64.41),
                        (-173.233, 64.4167))


def kara_gate_provideniya_m(routes: pd.DataFrame) -> float:
    """Our coastal NSR from Kara Gate to Provideniya: the route section, then the approach over water."""
    coastal = routes.loc["nep-coastal"]
    bering = coastal["waypoints"][-1]
    approach = [(bering["lon"], bering["lat"]), *PROVIDENIYA_APPROACH]
    return section_length_m(coastal, "Kara Gate", "Bering Strait") + geodesic_length_m(approach)


def gap_pct(measured_m: float, reference_nm: float) -> float:
    return 100.0 * (measured_m / METRES_PER_NM / reference_nm - 1.0)


def nsr_official_nm() -> float:
    return NSR_KARA_GATE_PROVIDENIYA_KM * METRES_PER_KM / METRES_PER_NM

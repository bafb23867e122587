"""The direct crossing of the Arctic Ocean: offered between two ends inside the Arctic when the straight line
stays at sea and crosses the central Arctic, judged by the Trans-Arctic route's rules."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import Geod

from arctic_routes.arctic_legs import HARBOUR_APPROACH_M, direct_crossing, inside_arctic
from arctic_routes.geodesy import to_polar
from arctic_routes.land import land_near_coast
from arctic_routes.navigation import RULES, assess
from arctic_routes.ports import find_end
from arctic_routes.voyage import DIRECT_NAME, DIRECT_VARIANT, as_json, compare, options_rows

#: The tester's case: near the Pole (88 N 60 E) to the Beaufort Sea (72.5 N 145 W).
NEAR_POLE = "88,60"
BEAUFORT = "72.5,-145"
#: Computed here with pyproj alone (WGS84 inverse), not with the package's geodesy: about 1,165 nm.
WGS84 = Geod(ellps="WGS84")
NEAR_POLE_TO_BEAUFORT_M = WGS84.inv(60.0, 88.0, -145.0, 72.5)[2]
#: The roundabout that was the only option before: down the Trans-Arctic route to the Bering Strait and back
#: north, about 2,340 nm.
ROUNDABOUT_M = 2_340 * 1852.0
LENGTH_TOLERANCE_M = 1.0


def _direct(comparison):
    return [v for v in comparison.voyages if v.variant == DIRECT_VARIANT]


@pytest.fixture(scope="module")
def pole_to_beaufort():
    return compare(find_end(NEAR_POLE), find_end(BEAUFORT))


def test_pole_to_beaufort_gets_the_direct_crossing_and_it_is_the_shortest(pole_to_beaufort):
    (direct,) = _direct(pole_to_beaufort)
    assert direct.name == DIRECT_NAME and direct.kind == "transpolar" and direct.is_arctic
    assert direct.length_m == pytest.approx(NEAR_POLE_TO_BEAUFORT_M, abs=LENGTH_TOLERANCE_M)
    assert direct.length_m < ROUNDABOUT_M / 2
    # The whole line is the Arctic leg.
    assert direct.arctic_length_m == direct.length_m
    assert direct.arctic_span == (0, len(direct.coordinates) - 1)
    assert direct.via == ("Central Arctic Ocean", "Beaufort Sea")
    # Every other Arctic option is longer; the way along the routes stays, named for both routes it sails.
    others = [v for v in pole_to_beaufort.voyages if v is not direct]
    assert others and all(v.is_arctic and v.length_m > direct.length_m for v in others)
    assert pole_to_beaufort.voyages[0] is direct
    (roundabout,) = others
    assert roundabout.length_m == pytest.approx(ROUNDABOUT_M, rel=0.01)
    assert roundabout.name == "Trans-Arctic route over the North Pole and Northwest Passage via M'Clure Strait, in part"


def test_the_direct_line_follows_the_geodesic_and_stays_at_sea(pole_to_beaufort):
    (direct,) = _direct(pole_to_beaufort)
    coords = np.asarray(direct.coordinates)
    assert tuple(coords[0]) == (60.0, 88.0) and tuple(coords[-1]) == (-145.0, 72.5)
    # Each vertex lies on the geodesic: the two parts on either side of it add up to the whole.
    to_vertex = WGS84.inv(np.full(len(coords), 60.0), np.full(len(coords), 88.0), coords[:, 0], coords[:, 1])[2]
    from_vertex = WGS84.inv(coords[:, 0], coords[:, 1], np.full(len(coords), -145.0),
                            np.full(len(coords), 72.5))[2]
    assert np.allclose(to_vertex + from_vertex, NEAR_POLE_TO_BEAUFORT_M, atol=LENGTH_TOLERANCE_M)
    steps_m = WGS84.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])[2]
    assert steps_m.max() <= 50_000.0 + LENGTH_TOLERANCE_M
    crossed = shapely.intersection(shapely.LineString(to_polar(coords)), land_near_coast())
    assert crossed.length < HARBOUR_APPROACH_M


def test_the_direct_crossing_is_judged_by_the_trans_arctic_rules(pole_to_beaufort):
    ordinary = [o for o in assess(pole_to_beaufort, month=9, ship="ordinary").options
                if o.voyage.variant == DIRECT_VARIANT]
    assert [o.open for o in ordinary] == [False]
    assert ordinary[0].why == RULES[("transpolar", "ordinary")].closed_why
    for month in range(1, 13):
        (closed,) = [o for o in assess(pole_to_beaufort, month=month, ship="ordinary").options
                     if o.voyage.variant == DIRECT_VARIANT]
        assert not closed.open and closed.days(14.0) is None
    september = assess(pole_to_beaufort, month=9, ship="icebreaker")
    assert september.headline is not None and september.headline.voyage.variant == DIRECT_VARIANT
    # The ice is weighed on its own line: the central Arctic in September is under the median extent.
    assert september.headline.arctic_ice_m == pytest.approx(september.headline.ice_m)
    assert september.headline.ice_m > 0.9 * NEAR_POLE_TO_BEAUFORT_M
    assert not [o for o in assess(pole_to_beaufort, month=12, ship="icebreaker").options if o.open]


def test_the_outputs_carry_the_direct_crossing(pole_to_beaufort):
    september = assess(pole_to_beaufort, month=9, ship="icebreaker")
    document = as_json(september)
    assert document["headline"] == DIRECT_VARIANT
    option = document["options"][0]
    assert option["name"] == DIRECT_NAME and option["route"] == "transpolar"
    assert option["length_nm"] == round(NEAR_POLE_TO_BEAUFORT_M / 1852.0, 1)
    rows = options_rows(september, "nm")
    assert rows[0]["voyage"] == DIRECT_NAME and rows[0]["via"] == "Central Arctic Ocean, Beaufort Sea"


@pytest.mark.parametrize(("start", "end"), [
    ("76,75", BEAUFORT),  # Kara Sea to Beaufort Sea: the line crosses Severnaya Zemlya
    ("Resolute", "Pevek"),  # the Canadian islands
])
def test_no_direct_crossing_over_land(start, end):
    origin, destination = find_end(start), find_end(end)
    assert inside_arctic(origin) and inside_arctic(destination)
    assert direct_crossing(origin, destination) is None
    comparison = compare(origin, destination)
    assert comparison.voyages and not _direct(comparison)


def test_no_direct_crossing_between_ordinary_ports():
    assert not inside_arctic(find_end("Rotterdam")) and not inside_arctic(find_end("Yokohama"))
    assert not _direct(compare("Rotterdam", "Yokohama"))


def test_no_direct_crossing_that_stays_on_the_shelf_seas():
    # Both inside the Arctic and the line at sea, but through the Chukchi and Beaufort Seas only: no crossing of
    # the central Arctic Ocean, which the Trans-Arctic rules judge.
    chukchi, beaufort = find_end("71.5,-165"), find_end(BEAUFORT)
    assert inside_arctic(chukchi) and direct_crossing(chukchi, beaufort) is not None
    assert not _direct(compare(chukchi, beaufort))


def test_the_direct_crossing_does_not_set_the_length_limit():
    # Barents Sea to Beaufort Sea: the direct crossing (icebreakers, in summer) is 2,108 nm; the Northern Sea Route
    # an ordinary ship may sail in September, 3,968 nm, stays (limit: 1.5 times the shortest along the routes).
    comparison = compare(find_end("72,35"), find_end("73,-150"))
    assert comparison.voyages[0].variant == DIRECT_VARIANT
    assert "nep-coastal" in {v.variant for v in comparison.voyages}
    september = assess(comparison, month=9, ship="ordinary")
    assert september.headline is not None and september.headline.voyage.variant == "nep-coastal"

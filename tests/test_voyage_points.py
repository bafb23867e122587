"""A point at sea in the middle of the Arctic Ocean (clicked or typed as lat,lon) has its voyages: it joins the
nearest route by a straight line over water up to 1,000 km away, where a port would be refused (250 km); a
point that reaches a route within that keeps its way along the routes. One that no route reaches (the middle
of the Norwegian Sea) joins the ocean lanes up to 1,000 km away, by a line at sea only."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from arctic_routes.arctic_legs import MAX_CONNECTOR_M, MAX_POINT_CONNECTOR_M, connector_limit_m, sea_snap_m
from arctic_routes.geodesy import GEOD, to_polar
from arctic_routes.land import land_near_coast
from arctic_routes.ports import find_end
from arctic_routes.seanet import MAX_POINT_SNAP_M, MAX_SNAP_M
from arctic_routes.voyage import compare

#: Open water farther than 250 km from every route (lat,lon): the Canada Basin, off the Pole, the Eurasian Basin.
CENTRAL_ARCTIC = ["78,-150", "84,-30", "87,60", "81,150"]


@pytest.mark.parametrize("point", CENTRAL_ARCTIC)
def test_a_point_in_the_middle_of_the_arctic_ocean_has_voyages(point):
    end = find_end(point)
    assert connector_limit_m(end) == MAX_POINT_CONNECTOR_M
    comparison = compare(end, find_end("Rotterdam"))
    assert comparison.voyages, comparison.notes
    land = land_near_coast()
    for voyage in comparison.voyages:
        first = np.asarray(voyage.coordinates[:2])
        joined_m = GEOD.inv(first[0, 0], first[0, 1], first[1, 0], first[1, 1])[2]
        assert MAX_CONNECTOR_M < joined_m <= MAX_POINT_CONNECTOR_M or voyage.name.startswith(("open sea", "via"))
        leg = shapely.LineString(to_polar(first))
        assert shapely.intersection(leg, land).length < 1.0  # the straight way in stays at sea


def test_a_point_near_a_route_keeps_its_way_along_the_routes():
    beaufort = find_end("73,-150")  # 250 km from no route: joined as a port would be
    assert connector_limit_m(beaufort) == MAX_CONNECTOR_M
    names = {v.name for v in compare(beaufort, find_end("72,35")).voyages}
    assert "Northeast Passage, coastal (Northern Sea Route), in part" in names


def test_a_port_is_never_joined_from_afar():
    assert connector_limit_m(find_end("Tiksi")) == MAX_CONNECTOR_M


def test_a_point_far_out_in_the_ocean_joins_the_sea_lanes_by_a_line_at_sea():
    norwegian_sea = find_end("69,0")  # 300 km and more from every lane, 1,000 km from every route
    assert sea_snap_m(norwegian_sea) == MAX_POINT_SNAP_M
    (voyage,) = compare(norwegian_sea, find_end("Rotterdam")).voyages
    assert voyage.name == "open sea"
    first = np.asarray(voyage.coordinates[:2])
    assert shapely.intersection(shapely.LineString(to_polar(first)), land_near_coast()).length < 1.0


def test_only_a_point_joins_from_afar():
    assert sea_snap_m(find_end("Tiksi")) == MAX_SNAP_M  # a port up the Lena's delta: its own rules
    assert sea_snap_m(find_end("84,-30")) == MAX_SNAP_M  # a route reaches it: joined there

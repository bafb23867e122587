"""A point at sea in the middle of the Arctic Ocean (clicked or typed as lat,lon) has its voyages: it joins the
nearest route by a straight line over water up to 1,000 km away, where a port would be refused (250 km); a
point that reaches a route within that keeps its way along the routes."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from arctic_routes.arctic_legs import MAX_CONNECTOR_M, MAX_POINT_CONNECTOR_M, connector_limit_m
from arctic_routes.geodesy import GEOD, to_polar
from arctic_routes.land import land_near_coast
from arctic_routes.ports import find_end
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

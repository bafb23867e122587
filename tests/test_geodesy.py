"""Geodesic lengths against published values, and the 180 deg meridian."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyproj import Geod
from shapely.geometry import shape

from arctic_routes.geodesy import (
    densify_geodesic,
    geodesic_length_m,
    geometry_lonlat,
    join_parts,
    split_antimeridian,
)
from arctic_routes.units import METRES_PER_NM, convert_m

# Karney's worked example (GeographicLib docs, WGS84): Wellington, NZ to Salamanca, Spain.
WELLINGTON = (174.81, -41.32)
SALAMANCA = (-5.50, 40.96)
WELLINGTON_SALAMANCA_M = 19959679.267
# WGS84: one degree of the equator, and the meridian quadrant (equator to pole).
EQUATOR_DEGREE_M = 6378137.0 * math.pi / 180.0
MERIDIAN_QUADRANT_M = 10001965.729


def test_published_wgs84_value():
    assert geodesic_length_m([WELLINGTON, SALAMANCA]) == pytest.approx(WELLINGTON_SALAMANCA_M, abs=1e-3)


def test_equator_degree_and_meridian_quadrant():
    assert geodesic_length_m([(0, 0), (1, 0)]) == pytest.approx(EQUATOR_DEGREE_M, abs=1e-3)
    assert geodesic_length_m([(30, 0), (30, 90)]) == pytest.approx(MERIDIAN_QUADRANT_M, abs=1e-2)


def test_crossing_180_is_short_way_round():
    across = geodesic_length_m([(179.5, 70.0), (-179.5, 70.0)])
    at_greenwich = geodesic_length_m([(-0.5, 70.0), (0.5, 70.0)])
    assert across == pytest.approx(at_greenwich, rel=1e-12)
    assert across < 40_000  # the wrong way round would be ~13,700 km


def test_units():
    assert convert_m(1852.0, "nm") == pytest.approx(1.0)
    assert convert_m(1609.344, "mi") == pytest.approx(1.0)
    assert convert_m(1000.0, "km") == pytest.approx(1.0)
    with pytest.raises(ValueError, match="unknown unit"):
        convert_m(1.0, "furlongs")


def test_split_at_antimeridian_is_rfc7946():
    geom = split_antimeridian([(170.0, 70.0), (-170.0, 72.0)])
    assert geom["type"] == "MultiLineString"
    first, second = geom["coordinates"]
    assert first[-1][0] == 180.0 and second[0][0] == -180.0
    assert first[-1][1] == second[0][1]
    assert 70.0 < first[-1][1] < 72.0
    # Splitting adds no length, and the parts join back into one sequence.
    joined = join_parts(geom["coordinates"])
    assert len(joined) == 3
    assert geodesic_length_m(joined) == pytest.approx(geodesic_length_m([(170, 70), (-170, 72)]), rel=1e-9)


def test_densify_keeps_vertices_and_length():
    line = [(170.0, 70.0), (-170.0, 72.0), (-160.0, 71.0)]
    dense = densify_geodesic(line, 5.0)
    assert len(dense) > 100
    steps = [geodesic_length_m(dense[i : i + 2]) for i in range(len(dense) - 1)]
    assert max(steps) <= 5000.0 + 1e-6
    assert geodesic_length_m(dense) == pytest.approx(geodesic_length_m(line), rel=1e-9)
    assert np.allclose(dense[-1], line[-1])


lon = st.floats(-179.9, 179.9)
lat = st.floats(-85.0, 85.0)


@given(st.lists(st.tuples(lon, lat), min_size=2, max_size=6))
def test_split_then_length_matches_pyproj_on_multilinestring(points):
    """Our length of the stored (split) geometry equals pyproj's own geometry_length."""
    geom = split_antimeridian(points)
    ours = geodesic_length_m(geometry_lonlat(geom))
    theirs = Geod(ellps="WGS84").geometry_length(shape(geom))
    assert ours == pytest.approx(theirs, rel=1e-6, abs=1e-3)


def test_nautical_mile_is_international():
    assert METRES_PER_NM == 1852.0

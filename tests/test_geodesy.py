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
# WGS84 defining parameters (NIMA TR8350.2, 3rd ed., table 3.1): semi-major axis and flattening.
WGS84_A_M = 6378137.0
WGS84_F = 1 / 298.257223563
# WGS84: one degree of the equator, and the meridian quadrant (equator to pole).
EQUATOR_DEGREE_M = WGS84_A_M * math.pi / 180.0
MERIDIAN_QUADRANT_M = 10001965.729
#: Half a minute of arc, degrees: a minute of latitude runs from 30" south of 45 deg N to 30" north of it.
HALF_ARCMINUTE_DEG = 0.5 / 60


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


@pytest.mark.parametrize("end", [180.0, -180.0])
def test_densify_keeps_a_vertex_on_the_antimeridian_as_given(end):
    """+180 stays +180 and -180 stays -180: the vertices are kept exactly."""
    start = math.copysign(170.0, end)
    for line in ([(start, 70.0), (end, 71.0)], [(end, 71.0), (start, 70.0)], [(start, 70.0), (end, 71.0), (start, 72.0)]):
        dense = densify_geodesic(line, 50.0)
        assert [tuple(p) for p in dense[[0, -1]]] == [line[0], line[-1]]
        assert sum(1 for p in dense if tuple(p) == (end, 71.0)) == 1 and not (np.abs(dense[:, 0]) > 180).any()


#: Two nodes of the sea network (searoute's graph): a step from the antimeridian itself.
FROM_THE_ANTIMERIDIAN = [(-180.0, 62.1), (167.9, 59.6)]


def _distinct(part) -> int:
    return len({tuple(p) for p in part})


def _parts(geom) -> list:
    return [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]


def test_a_step_from_the_antimeridian_is_one_part_not_a_point():
    geom = split_antimeridian(FROM_THE_ANTIMERIDIAN)
    assert geom == {"type": "LineString", "coordinates": [[180.0, 62.1], [167.9, 59.6]]}
    assert split_antimeridian(FROM_THE_ANTIMERIDIAN[::-1])["coordinates"] == [[167.9, 59.6], [180.0, 62.1]]
    # Through a vertex on the antimeridian: two parts meeting at that vertex, no extra crossing point.
    assert split_antimeridian([(170.0, 60.0), (180.0, 61.0), (-170.0, 62.0)])["coordinates"] == [
        [[170.0, 60.0], [180.0, 61.0]], [[-180.0, 61.0], [-170.0, 62.0]]]


on_or_near_180 = st.one_of(st.floats(-180.0, 180.0), st.sampled_from([-180.0, 180.0, 0.0, 179.9, -179.9]))


def _places(points: list[tuple[float, float]]) -> set[tuple[float, float]]:
    """The points as places on the Earth: -180 and +180 are the same meridian."""
    return {(180.0 if abs(lon) == 180.0 else lon, lat) for lon, lat in points}


@given(st.lists(st.tuples(on_or_near_180, st.floats(-89.0, 89.0)), min_size=2, max_size=6)
       .filter(lambda points: len(_places(points)) >= 2))  # [(-180, 0), (180, 0)] is one place: no line
def test_every_part_is_a_line_within_the_range_and_as_long_as_the_line(points):
    geom = split_antimeridian(points)
    assert all(_distinct(part) >= 2 for part in _parts(geom)), geom
    assert all(-180.0 <= lon <= 180.0 for part in _parts(geom) for lon, _ in part)
    total = sum(geodesic_length_m(part) for part in _parts(geom))
    assert total == pytest.approx(geodesic_length_m(points), rel=1e-6, abs=1e-3)


lon = st.floats(-179.9, 179.9)
lat = st.floats(-85.0, 85.0)


@given(st.lists(st.tuples(lon, lat), min_size=2, max_size=6))
def test_split_then_length_matches_pyproj_on_multilinestring(points):
    """Our length of the stored (split) geometry equals pyproj's own geometry_length."""
    geom = split_antimeridian(points)
    ours = geodesic_length_m(geometry_lonlat(geom))
    theirs = Geod(ellps="WGS84").geometry_length(shape(geom))
    assert ours == pytest.approx(theirs, rel=1e-6, abs=1e-3)


def meridian_arc_m(lat1_deg: float, lat2_deg: float, steps: int = 10) -> float:
    """Length (metres) along a WGS84 meridian between two latitudes, computed without pyproj.

    Simpson's rule on the radius of curvature in the meridian, M(phi) = a (1 - e^2) / (1 - e^2 sin^2 phi)^(3/2)
    (Snyder, *Map Projections: A Working Manual*, USGS PP 1395, 1987, ch. 4); over one minute of arc the
    rule's error is below 1e-9 m.
    """
    e2 = WGS84_F * (2 - WGS84_F)

    def radius_m(phi: float) -> float:
        return WGS84_A_M * (1 - e2) / (1 - e2 * math.sin(phi) ** 2) ** 1.5

    phi1, phi2 = math.radians(lat1_deg), math.radians(lat2_deg)
    h = (phi2 - phi1) / steps
    weights = [1] + [4 if i % 2 else 2 for i in range(1, steps)] + [1]
    return h / 3 * sum(w * radius_m(phi1 + i * h) for i, w in enumerate(weights))


def test_minute_of_latitude_at_45_degrees_is_a_nautical_mile():
    """The nautical mile was defined as a minute of latitude; 1852 m is that minute near 45 deg N
    (1852.196 m on WGS84). The 1852 m value: SI Brochure, 8th ed. (2006), table 8 and its note (adopted
    by the International Extraordinary Hydrographic Conference, Monaco 1929)."""
    south, north = 45.0 - HALF_ARCMINUTE_DEG, 45.0 + HALF_ARCMINUTE_DEG
    expected_m = meridian_arc_m(south, north)
    assert expected_m == pytest.approx(1852.196, abs=1e-3)  # M(45 deg) x pi/10800 rad, by hand
    assert geodesic_length_m([(-30.0, south), (-30.0, north)]) == pytest.approx(expected_m, abs=1e-6)
    assert abs(expected_m - METRES_PER_NM) < 0.25  # "within a fraction of a metre" of the nautical mile


def test_meridian_quadrant_in_each_unit():
    """Equator to pole, measured, then converted: 90 x 60 = 5400 minutes of arc is ~5400.6 nautical miles.

    Expected values are MERIDIAN_QUADRANT_M divided by 1852 m (nm), 1000 m (km) and 1609.344 m (mi),
    done by hand, so a wrong factor in ``convert_m`` fails here."""
    quadrant_m = geodesic_length_m([(30.0, 0.0), (30.0, 90.0)])
    assert convert_m(quadrant_m, "nm") == pytest.approx(5400.6294, abs=1e-3)
    assert convert_m(quadrant_m, "km") == pytest.approx(10001.9657, abs=1e-3)
    assert convert_m(quadrant_m, "mi") == pytest.approx(6214.9334, abs=1e-3)

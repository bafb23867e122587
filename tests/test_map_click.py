"""A click on the map, from the map's plane (EPSG:3413 metres) to degrees: arctic_routes.mapview.clicked_lonlat.

The expected planes are computed here without pyproj, from Snyder's polar stereographic formulas (Map
Projections: A Working Manual, USGS Professional Paper 1395, 1987, eqs. 15-9, 21-33, 21-34) with EPSG:3413's
parameters: WGS84, latitude of true scale 70 N, longitude down the y axis -45.
"""

from __future__ import annotations

import math

import pytest

from arctic_routes.mapview import (
    BOUNDS_HALF_M,
    CLICK_DECIMALS,
    DEGREE_OF_LATITUDE_M,
    MIN_ZOOM,
    click_decimals,
    clicked_lonlat,
    degrees_text,
)
from arctic_routes.ports import find_end, position

WGS84_A_M = 6_378_137.0
WGS84_F = 1 / 298.257223563
TRUE_SCALE_LAT_DEG = 70.0
CENTRAL_LON_DEG = -45.0
E = math.sqrt(WGS84_F * (2 - WGS84_F))


def _t(lat_rad: float) -> float:
    s = E * math.sin(lat_rad)
    return math.tan(math.pi / 4 - lat_rad / 2) / ((1 - s) / (1 + s)) ** (E / 2)


def snyder_epsg3413(lon_deg: float, lat_deg: float) -> tuple[float, float]:
    """(x, y) metres of EPSG:3413 for a point north of the equator, by Snyder's formulas (no pyproj)."""
    lat_c = math.radians(TRUE_SCALE_LAT_DEG)
    m_c = math.cos(lat_c) / math.sqrt(1 - (E * math.sin(lat_c)) ** 2)
    rho = WGS84_A_M * m_c * _t(math.radians(lat_deg)) / _t(lat_c)
    dlon = math.radians(lon_deg - CENTRAL_LON_DEG)
    return rho * math.sin(dlon), -rho * math.cos(dlon)


def report(x_m: float, y_m: float) -> dict:
    """What streamlit-folium reports for a click in the map's Simple CRS: lat is y, lng is x."""
    return {"lat": y_m, "lng": x_m}


def test_the_pole_is_the_plane_origin():
    assert clicked_lonlat(report(0.0, 0.0)) == (CENTRAL_LON_DEG, 90.0)
    assert clicked_lonlat(report(-0.0, 0.0)) == (CENTRAL_LON_DEG, 90.0)


def test_the_latitude_of_true_scale_on_the_central_meridian():
    """At 70 N on the -45 meridian the distance from the Pole is a * m_c (t = t_c), straight down the y axis."""
    lat_c = math.radians(TRUE_SCALE_LAT_DEG)
    rho_m = WGS84_A_M * math.cos(lat_c) / math.sqrt(1 - (E * math.sin(lat_c)) ** 2)
    assert rho_m == pytest.approx(2_187_927.6, abs=0.1)  # about 2,188 km
    assert clicked_lonlat(report(0.0, -rho_m)) == (CENTRAL_LON_DEG, TRUE_SCALE_LAT_DEG)


@pytest.mark.parametrize(("lon", "lat"), [(-150.3, 71.2), (35.0, 72.0), (135.0, 45.0), (179.999, 60.0),
                                          (-179.5, 66.56), (9.97, 53.55), (-0.001, 89.5)])
def test_points_whose_plane_is_computed_here(lon, lat):
    x, y = snyder_epsg3413(lon, lat)
    assert clicked_lonlat(report(x, y)) == (round(lon, CLICK_DECIMALS), round(lat, CLICK_DECIMALS))


def test_the_south_is_reached_too():
    """The plane goes on south of the equator (a voyage round the Cape): Snyder's formula holds there too."""
    x, y = snyder_epsg3413(18.47, -34.36)  # off the Cape of Good Hope
    assert clicked_lonlat(report(x, y)) == (18.47, -34.36)


def test_the_click_is_rounded_to_a_pixel_or_so():
    x, y = snyder_epsg3413(-150.28361, 71.23449)
    assert clicked_lonlat(report(x, y)) == (-150.284, 71.234)
    assert clicked_lonlat(report(x, y), 1) == (-150.3, 71.2)


#: The map's zooms, from the widest (MIN_ZOOM) to the closest (maxZoom -6), by quarters (its zoom_snap).
ZOOMS = [MIN_ZOOM + q / 4 for q in range((-6 - MIN_ZOOM) * 4 + 1)]


@pytest.mark.parametrize("zoom", ZOOMS)
def test_a_click_keeps_the_decimals_its_zoom_can_tell(zoom):
    """The fewest decimals whose step of latitude is at most two pixels; at least one, at most CLICK_DECIMALS."""
    decimals = click_decimals(zoom)
    two_pixels_m = 2 * 2.0 ** -zoom
    step_m = DEGREE_OF_LATITUDE_M * 10.0 ** -decimals
    assert 1 <= decimals <= CLICK_DECIMALS
    assert step_m <= two_pixels_m or decimals == CLICK_DECIMALS
    assert DEGREE_OF_LATITUDE_M * 10.0 ** -(decimals - 1) > two_pixels_m or decimals == 1


def test_the_first_view_keeps_a_tenth_of_a_degree_and_no_zoom_the_most():
    assert click_decimals(-13.5) == 1  # the page's first view: 11.6 km a pixel
    assert click_decimals(-6) == CLICK_DECIMALS
    assert [click_decimals(z) for z in (None, "x", float("nan"), float("inf"))] == [CLICK_DECIMALS] * 4


@pytest.mark.parametrize("bad", [None, {}, {"lat": 1.0}, {"lng": 1.0}, {"lat": "x", "lng": 0}, {"lat": None, "lng": 0},
                                 {"lat": float("nan"), "lng": 0.0}, {"lat": 0.0, "lng": float("inf")},
                                 {"lat": BOUNDS_HALF_M * 2, "lng": 0.0}, [1.0, 2.0], "71,-150"])
def test_what_is_not_a_click_is_none(bad):
    assert clicked_lonlat(bad) is None


def test_the_clicked_point_is_an_end_the_pickers_and_the_link_take():
    lon, lat = clicked_lonlat(report(*snyder_epsg3413(-150.3, 71.2)))
    key = position(lat, lon).key
    assert key == "71.2,-150.3"
    end = find_end(key)
    assert (end.lon, end.lat, end.key, end.point) == (-150.3, 71.2, key, True)
    assert find_end(end.title).key == key  # what the picker shows, sent back by the browser, reads the same


@pytest.mark.parametrize(("lon", "lat", "text"), [
    (-150.3, 71.2, "71.2° N, 150.3° W"),
    (CENTRAL_LON_DEG, 90.0, "the North Pole"),
    (179.96, 60.0, "60.0° N, 180.0° E"),
    (18.47, -34.36, "34.4° S, 18.5° E"),
    (-0.04, -0.04, "0.0° N, 0.0° E"),  # no "0.0° S": a rounded zero has no hemisphere
])
def test_a_point_as_a_reader_reads_it(lon, lat, text):
    assert degrees_text(lon, lat) == text


def test_a_point_to_the_decimals_it_was_kept_to():
    assert degrees_text(-150.284, 71.234, 3) == "71.234° N, 150.284° W"
    assert degrees_text(-150.0, 73.0, 2) == "73.00° N, 150.00° W"

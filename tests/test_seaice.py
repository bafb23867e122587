"""The NSIDC 1981-2010 median sea-ice extent: loading, shares of route length under it, the map's copy."""

from __future__ import annotations

import json
import shutil
import time

import geopandas as gpd
import numpy as np
import pytest
import shapely

from arctic_routes.datafiles import SEA_ICE_DISPLAY_FILES, SEA_ICE_FILES, geodata_file, sea_ice_display_file
from arctic_routes.geodesy import GEOD, geodesic_length_m, split_antimeridian, to_polar
from arctic_routes.reading import RouteDataError
from arctic_routes.seaice import (
    DEFAULT_MONTH,
    MONTH_NAMES,
    check_month,
    decode_ice,
    ice_extent,
    ice_length_m,
    ice_month_document,
    ice_share_pct,
    month_from_text,
    month_name,
    monthly_ice_pct,
    open_months_text,
    route_seasons,
)

#: Shares (%, Jan..Dec) measured independently on the same routes and polygons before this module existed.
REFERENCE_SHARES_PCT = {
    "nwp-peel-sound": [100, 100, 100, 100, 100, 96, 76, 22, 0, 37, 94, 100],
    "nep-coastal": [86, 87, 88, 88, 86, 81, 65, 14, 10, 64, 79, 84],
    "tsr-pole": [100, 100, 100, 100, 100, 93, 86, 80, 77, 79, 94, 100],
}
TOLERANCE_PP = 3.0
NORTH_POLE = (0.0, 90.0)
BARENTS_OFF_MURMANSK = (35.0, 72.0)  # open water in September at the median
SEA_OF_OKHOTSK = (150.0, 57.0)  # ice-covered in March at the median
#: Each month's file the map fetches (the twelve together were 47 KB).
DISPLAY_MAX_BYTES = 15_000
SEPTEMBER = 9


@pytest.fixture(scope="module")
def seasons(routes):
    return route_seasons(routes)


@pytest.fixture(scope="module")
def raw_ice():
    """The twelve vendored files read as they are with geopandas (not through ice_extent), repaired."""
    frames = [gpd.read_file(geodata_file(name)) for name in SEA_ICE_FILES]
    return [frame.set_geometry(frame.geometry.make_valid())[["geometry"]] for frame in frames]


def _independent_shares_pct(geojson: dict, raw_ice: list[gpd.GeoDataFrame], step_km: float = 1.0) -> list[float]:
    """Twelve shares computed another way: GEOD.npts every ~1 km per stored part, each step counted by
    its geodesic midpoint, midpoints joined to the raw GeoJSON polygons with geopandas ``sjoin``."""
    parts = [geojson["coordinates"]] if geojson["type"] == "LineString" else geojson["coordinates"]
    lons, lats, steps_m = [], [], []
    for part in parts:
        for (lon1, lat1), (lon2, lat2) in zip(part[:-1], part[1:]):
            dist_m = GEOD.inv(lon1, lat1, lon2, lat2)[2]
            n = max(1, int(np.ceil(dist_m / (step_km * 1000.0))))
            pts = np.array([(lon1, lat1), *GEOD.npts(lon1, lat1, lon2, lat2, n - 1), (lon2, lat2)])
            az, _, step_m = GEOD.inv(pts[:-1, 0], pts[:-1, 1], pts[1:, 0], pts[1:, 1])
            mid_lon, mid_lat, _ = GEOD.fwd(pts[:-1, 0], pts[:-1, 1], az, np.asarray(step_m) / 2.0)
            lons.append(mid_lon)
            lats.append(mid_lat)
            steps_m.append(step_m)
    midpoints = gpd.GeoDataFrame(
        {"step_m": np.concatenate(steps_m)},
        geometry=gpd.points_from_xy(np.concatenate(lons), np.concatenate(lats)),
        crs="EPSG:4326",
    )
    total_m = midpoints["step_m"].sum()
    shares = []
    for ice in raw_ice:
        hits = gpd.sjoin(midpoints, ice, predicate="intersects", how="inner")
        in_ice = midpoints.index.isin(hits.index)
        shares.append(100.0 * midpoints.loc[in_ice, "step_m"].sum() / total_m)
    return shares


@pytest.mark.parametrize("route_id", ["nwp-mcclure", "nwp-prince-of-wales", "nwp-peel-sound",
                                      "nep-coastal", "nep-high-latitude", "tsr-pole"])
def test_monthly_shares_agree_with_an_independent_computation(routes, seasons, raw_ice, route_id):
    expected = _independent_shares_pct(routes.loc[route_id, "geojson"], raw_ice)
    assert np.allclose(seasons[route_id], expected, atol=TOLERANCE_PP), (seasons[route_id], expected)


#: Long lines given only by their ends: the module must sample along the geodesic, not test the ends.
COARSE_LINES = {
    "murmansk-pole": [(33.0, 69.0), NORTH_POLE],
    "bering-fram": [(-169.35, 65.9), (0.0, 79.0)],
    "chukotka-utqiagvik": [(170.0, 65.0), (-156.8, 71.3)],  # across 180 deg
    "barents-laptev": [(40.0, 72.0), (90.0, 82.0), (130.0, 75.0)],
}


@pytest.mark.parametrize("name", sorted(COARSE_LINES))
def test_coarse_lines_agree_with_an_independent_computation(raw_ice, name):
    coords = COARSE_LINES[name]
    expected = _independent_shares_pct({"type": "LineString", "coordinates": coords}, raw_ice)
    assert np.allclose(monthly_ice_pct(coords), expected, atol=1.0), (monthly_ice_pct(coords), expected)
    assert max(expected) - min(expected) > 20.0  # each line meets the ice edge in some months


def test_every_route_is_measured(routes, seasons):
    assert list(seasons) == list(routes.index)
    assert all(len(shares) == 12 and all(0.0 <= s <= 100.0 for s in shares) for shares in seasons.values())


@pytest.mark.parametrize("route_id", sorted(REFERENCE_SHARES_PCT))
def test_shares_reproduce_the_published_measurement(seasons, route_id):
    assert np.allclose(seasons[route_id], REFERENCE_SHARES_PCT[route_id], atol=TOLERANCE_PP), seasons[route_id]


def test_september_has_least_ice_on_every_route(seasons):
    for route_id, shares in seasons.items():
        assert int(np.argmin(shares)) + 1 == SEPTEMBER == DEFAULT_MONTH, (route_id, shares)


@pytest.mark.parametrize("month", range(1, 13))
def test_the_pole_is_under_every_months_extent(month):
    assert shapely.intersects_xy(ice_extent(month), *NORTH_POLE)
    assert ice_share_pct([(-100.0, 89.0), NORTH_POLE, (80.0, 89.0)], month) == pytest.approx(100.0)


@pytest.mark.parametrize(
    "month, start, end",
    [(3, (170.0, 58.0), (-170.0, 66.0)), (10, (172.0, 66.0), (-172.0, 74.0))],  # both cross the ice edge
)
def test_a_line_across_180_measures_like_its_two_halves(month, start, end):
    across = [start, end]
    halves = split_antimeridian(across)["coordinates"]
    whole_m = ice_length_m(across, month)
    assert len(halves) == 2
    assert 0.1 < whole_m / geodesic_length_m(across) < 0.9
    assert whole_m == pytest.approx(sum(ice_length_m(h, month) for h in halves), abs=2000.0)
    assert whole_m == pytest.approx(ice_length_m([start, (end[0] + 360.0, end[1])], month), abs=1.0)
    assert whole_m == pytest.approx(ice_length_m(across[::-1], month), abs=2000.0)


def test_shares_of_all_routes_are_fast(routes):
    route_seasons(routes)  # loads the polygons
    start = time.perf_counter()
    route_seasons(routes)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("bad", [0, 13, -1, "9", 9.5, 9.0, None, True, [9]])
def test_check_month_rejects_anything_but_an_int_1_to_12(bad):
    with pytest.raises(ValueError, match=r"^month must be an integer 1\.\.12") as info:
        check_month(bad)
    assert "\n" not in str(info.value)


def test_check_month_accepts_1_to_12():
    assert [check_month(m) for m in range(1, 13)] == list(range(1, 13))
    assert check_month(np.int64(9)) == 9
    assert len(MONTH_NAMES) == 12 and MONTH_NAMES[0] == "January"


@pytest.fixture()
def broken_geodata(tmp_path, monkeypatch):
    """A copy of the sea-ice folder in a tmp geodata/ that a test may break; caches cleared around it."""
    shutil.copytree(geodata_file("sea-ice"), tmp_path / "sea-ice")
    monkeypatch.setenv("ARCTIC_ROUTES_GEODATA", str(tmp_path))
    ice_extent.cache_clear()
    yield tmp_path / SEA_ICE_FILES[SEPTEMBER - 1]
    ice_extent.cache_clear()


@pytest.mark.parametrize(
    "content, problem",
    [
        ('{"type": "FeatureCollection", "features": [', "not valid JSON"),
        ("", "file is empty"),
        ('{"type": "FeatureCollection", "features": []}', "no features"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": null}]}', "no readable geometry"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": '
         '{"type": "Point", "coordinates": [0, 90]}}]}', "expected a Polygon"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Polygon", '
         '"coordinates": [[[0, 80], [400, 80], [0, 85], [0, 80]]]}}]}', "out of range"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Polygon", '
         '"coordinates": [[[0, 80], [10, 80], [0, 80], [0, 80]]]}}]}', "no area"),
    ],
)
def test_a_broken_ice_file_raises_route_data_error(broken_geodata, content, problem):
    assert ice_extent(3).is_valid  # the copy itself is fine
    broken_geodata.write_text(content)
    with pytest.raises(RouteDataError, match=problem) as info:
        ice_extent(SEPTEMBER)
    assert info.value.source == str(broken_geodata)
    assert "\n" not in str(info.value)


def test_a_missing_ice_file_raises_route_data_error(broken_geodata):
    broken_geodata.unlink()
    with pytest.raises(RouteDataError, match="file not found"):
        ice_extent(SEPTEMBER)


def test_open_months_read_as_words(seasons):
    assert open_months_text(seasons["nwp-peel-sound"]) == "September"
    assert open_months_text(seasons["nep-coastal"]) == "August-September"
    assert open_months_text(seasons["tsr-pole"]) == "never at the 1981-2010 median"
    assert open_months_text([0.0] * 12) == "all year"
    assert open_months_text([10, 10, 50, 50, 50, 50, 50, 50, 50, 50, 10, 10]) == "November-February"
    assert open_months_text([50] * 12, max_ice_pct=50) == "all year"
    with pytest.raises(ValueError, match="12 monthly shares"):
        open_months_text([0.0] * 11)


def _display_polygons(month: int) -> shapely.MultiPolygon:
    return shapely.MultiPolygon([shapely.Polygon(rings[0], rings[1:])
                                 for rings in decode_ice(ice_month_document(month), month)])


def test_display_file_holds_twelve_valid_months_and_is_small():
    assert [list(ice_month_document(m)["months"]) for m in range(1, 13)] == [[str(m)] for m in range(1, 13)]
    assert all(path.stat().st_size < DISPLAY_MAX_BYTES for path in SEA_ICE_DISPLAY_FILES)
    for month in range(1, 13):
        polygons = decode_ice(ice_month_document(month), month)
        assert polygons and all(len(ring) >= 3 and ring.shape[1] == 2 for rings in polygons for ring in rings)
        assert _display_polygons(month).is_valid, MONTH_NAMES[month - 1]


def test_display_file_caps_the_pole_and_leaves_open_water_open():
    september = _display_polygons(SEPTEMBER)
    march = _display_polygons(3)
    assert september.contains(shapely.Point(0.0, 0.0))  # the Pole in EPSG:3413
    assert not september.contains(shapely.Point(to_polar([BARENTS_OFF_MURMANSK])[0]))
    assert shapely.intersects_xy(ice_extent(3), *SEA_OF_OKHOTSK)
    assert march.contains(shapely.Point(to_polar([SEA_OF_OKHOTSK])[0]))


@pytest.mark.parametrize("month", [3, 6, SEPTEMBER])
def test_display_file_agrees_with_the_lon_lat_polygons(month):
    lon, lat = (a.ravel() for a in np.meshgrid(np.arange(-179.5, 180.0, 1.0), np.arange(45.25, 90.0, 0.5)))
    xy = to_polar(np.column_stack([lon, lat]))
    in_lonlat = shapely.intersects_xy(ice_extent(month), lon, lat)
    in_display = shapely.intersects_xy(_display_polygons(month), xy[:, 0], xy[:, 1])
    assert np.sum(in_lonlat != in_display) <= 0.005 * np.sum(in_lonlat)


def test_monthly_ice_pct_needs_a_line_with_length():
    with pytest.raises(ValueError, match="no length"):
        monthly_ice_pct([(0.0, 80.0), (0.0, 80.0)])


def test_a_month_file_holding_another_month_is_refused_in_one_line(tmp_path, monkeypatch):
    """Each month's file must hold its own month and no other: a mix-up is named, not drawn as the wrong ice."""
    march = json.loads(sea_ice_display_file(3).read_text(encoding="utf-8"))
    bad = tmp_path / "sea-ice-3413-09.json"
    bad.write_text(json.dumps({**march, "months": {"3": march["months"]["3"]}}), encoding="utf-8")
    monkeypatch.setattr("arctic_routes.seaice.sea_ice_display_file",
                        lambda month: bad if month == 9 else sea_ice_display_file(month))
    ice_month_document.cache_clear()
    try:
        with pytest.raises(RouteDataError, match="one key '9'"):
            ice_month_document(9)
    finally:
        ice_month_document.cache_clear()


@pytest.mark.parametrize("text", ["0", "00", "13", "-1", "+3", "3.0", "²", "٣", "１", "１２", "", " ", "1" + "0" * 1000, "nan"])
def test_a_month_that_is_not_one_to_twelve_is_refused_never_read_as_another(text):
    with pytest.raises(ValueError, match="month must be 1..12"):
        month_from_text(text)


def test_month_zero_is_no_month_not_december():
    assert [month_from_text(t) for t in ("1", "09", " 12 ")] == [1, 9, 12]
    assert month_name(12) == "December"
    for bad in (0, 13, -11):
        with pytest.raises(ValueError):
            month_name(bad)  # MONTH_NAMES[0 - 1] would be December

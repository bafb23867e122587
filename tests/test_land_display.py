"""The map's two land files (scripts/build_land.py): the coarse one drawn first, the 1 km one when zoomed in.

Checks the coarse file against the fine one (same land, same provenance, far smaller) and the rendered map
against the levels of detail: the page fetches the coarse file and names the fine one as its detail; the
stand-alone export inlines the fine land only.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from typing import Any

import numpy as np
import pytest
import shapely

from arctic_routes.datafiles import (
    LAND_COARSE_DISPLAY_FILE,
    LAND_COARSE_DISPLAY_URL,
    LAND_DISPLAY_FILE,
    LAND_DISPLAY_URL,
    LAND_WORLD_DISPLAY_FILE,
    LAND_WORLD_DISPLAY_URL,
)
from arctic_routes.geodesy import to_polar
from arctic_routes.land import ARCTIC_LAND_REACH_M, decode_land
from arctic_routes.leaflet_layers import EncodedPolygons

#: What the first view may cost a new reader: the coarse file gzipped at level 6 (what the server sends).
COARSE_GZIP_MAX_BYTES = 40_000
#: How far the coarse land's area may stray from the fine land's (islands dropped, coasts simplified).
AREA_TOLERANCE = 0.02
#: The map's zoom at its default view (Leaflet's Simple CRS, 2**zoom px per metre), as measured in Chromium
#: on the page: a phone 400 px wide, desktop pages 1280 and 1400 px wide, and a wide one (map 640 px high).
DEFAULT_ZOOMS = (-14.25, -14.0, -13.75, -13.5)
PROVENANCE = ("source", "licence", "clip_south_deg", "crs", "simplified_m", "min_area_km2", "unit_m", "encoding")


@lru_cache(maxsize=2)
def _document(path: str) -> dict[str, Any]:
    with open(path) as f:
        return dict(json.load(f))


def _land(path: str) -> shapely.MultiPolygon:
    """The decoded land as drawn: polygons that may touch where rounding met them (so not repaired)."""
    land = shapely.MultiPolygon([shapely.Polygon(rings[0], rings[1:]) for rings in decode_land(_document(path))])
    shapely.prepare(land)
    return land


def _shows_the_coarse(zoom: float) -> bool:
    """The map's rule (EncodedPolygons): the coarse land while its tolerance is at most half a pixel."""
    return 2 * _document(str(LAND_COARSE_DISPLAY_FILE))["simplified_m"] * 2.0**zoom <= 1


def test_the_coarse_file_carries_the_fine_files_provenance():
    coarse, fine = _document(str(LAND_COARSE_DISPLAY_FILE)), _document(str(LAND_DISPLAY_FILE))
    assert [name for name in PROVENANCE if name not in coarse] == []
    for name in ("source", "licence", "clip_south_deg", "crs", "encoding"):
        assert coarse[name] == fine[name], name
    assert coarse["simplified_m"] > fine["simplified_m"] and coarse["min_area_km2"] >= fine["min_area_km2"]
    assert coarse["unit_m"] >= fine["unit_m"] and isinstance(coarse["unit_m"], int)


def test_the_coarse_file_decodes_to_rings():
    rings = [ring for polygon in decode_land(_document(str(LAND_COARSE_DISPLAY_FILE))) for ring in polygon]
    assert len(rings) > 500
    assert all(ring.ndim == 2 and ring.shape[1] == 2 and len(ring) >= 3 for ring in rings)
    # In the map's plane: within the 45N clip, about 5,200 km from the Pole in EPSG:3413.
    assert max(abs(ring).max() for ring in rings) < 5_300_000


def test_the_coarse_land_covers_the_fine_lands_area():
    coarse, fine = _land(str(LAND_COARSE_DISPLAY_FILE)), _land(str(LAND_DISPLAY_FILE))
    assert coarse.area == pytest.approx(fine.area, rel=AREA_TOLERANCE)
    # The same land, not merely as much: sampled every 10 km, the points on one land and not the other
    # (slivers along the coasts, the islands dropped) are few.
    steps = np.arange(-5_300_000.0, 5_300_000.0, 10_000.0)
    x, y = (grid.ravel() for grid in np.meshgrid(steps, steps))
    on_coarse, on_fine = shapely.contains_xy(coarse, x, y), shapely.contains_xy(fine, x, y)
    assert on_fine.sum() > 400_000  # 45 million km^2 of land in the plane: 450,000 squares of 10 km
    assert (on_coarse ^ on_fine).sum() < AREA_TOLERANCE * on_fine.sum()


def test_every_strait_point_is_at_sea_on_the_coarse_land(straits):
    """The first view draws the straits' markers over the coarse land: none may sit on it."""
    coarse = _land(str(LAND_COARSE_DISPLAY_FILE))
    points = to_polar(np.array([geometry.coords[0] for geometry in straits.geometry]))
    on_land = [name for name, (x, y) in zip(straits["name"], points) if shapely.contains_xy(coarse, x, y)]
    assert on_land == []


def test_the_coarse_file_is_small():
    coarse, fine = LAND_COARSE_DISPLAY_FILE.read_bytes(), LAND_DISPLAY_FILE.read_bytes()
    assert len(gzip.compress(coarse, 6)) < COARSE_GZIP_MAX_BYTES
    assert len(coarse) < len(fine) / 3


@pytest.mark.parametrize("zoom", DEFAULT_ZOOMS)
def test_the_coarse_land_serves_every_default_view(zoom):
    assert _shows_the_coarse(zoom)


def test_the_fine_land_is_drawn_three_levels_in():
    assert not any(_shows_the_coarse(zoom + 3) for zoom in DEFAULT_ZOOMS)


def test_the_page_fetches_the_coarse_land_the_fine_as_its_detail_and_the_world_beyond():
    from arctic_routes.mapview import base_map

    html = base_map().get_root().render()
    assert f'base: {{url: "{LAND_COARSE_DISPLAY_URL}", data: null}}' in html
    assert f'detail: {{"url": "{LAND_DISPLAY_URL}"}}' in html
    assert f'world: {{"data": null, "url": "{LAND_WORLD_DISPLAY_URL}"}}' in html
    assert f"var beyond = {ARCTIC_LAND_REACH_M}" in html


def test_the_export_inlines_the_fine_land_and_the_world_only_with_a_voyage():
    from arctic_routes.mapview import base_map

    html = base_map(inline_land=True).get_root().render()
    urls = (LAND_COARSE_DISPLAY_URL, LAND_DISPLAY_URL, LAND_WORLD_DISPLAY_URL)
    assert not any(url in html for url in urls) and "world: null" in html
    fine = _document(str(LAND_DISPLAY_FILE))
    assert json.dumps(fine["polygons"][0], separators=(",", ":")) in html.replace(", ", ",")
    with_world = base_map(inline_land=True, inline_world=True).get_root().render()
    assert not any(url in with_world for url in urls) and "world: null" not in with_world
    world = _document(str(LAND_WORLD_DISPLAY_FILE))
    assert json.dumps(world["polygons"][0], separators=(",", ":")) in with_world.replace(", ", ",")


def test_the_world_land_reaches_every_voyage_and_stops_short_of_the_far_south():
    """Every voyage of the comparison, Cape and Panama ones included, lies within the world's land document,
    which holds land at the Cape of Good Hope and Singapore and nothing south of 50S."""
    world = _document(str(LAND_WORLD_DISPLAY_FILE))
    polygons = decode_land(world)
    reach = max(float(np.hypot(*ring.T).max()) for rings in polygons for ring in rings)
    assert reach < float(np.hypot(*to_polar(np.array([[0.0, -50.5]]))[0]))
    land = shapely.MultiPolygon([shapely.Polygon(r[0], r[1:]) for r in polygons])
    for lon, lat in [(18.47, -34.36), (103.8, 1.37), (-79.9, 9.3)]:  # the Cape, Singapore, Panama (on land)
        x, y = to_polar(np.array([[lon, lat]]))[0]
        assert shapely.contains_xy(land.buffer(20_000), x, y), (lon, lat)
    assert ARCTIC_LAND_REACH_M == pytest.approx(float(np.hypot(*to_polar(np.array([[0.0, 45.0]]))[0])))


@pytest.mark.parametrize("kwargs", [{"data": {"unit_m": 1, "polygons": []}}, {"url": "/a.json", "pane": "ice"},
                                    {"url": "/a.json", "key": "3"}])
def test_detail_is_only_for_fetched_polygons_on_the_map(kwargs):
    with pytest.raises(ValueError, match="detail_url"):
        EncodedPolygons({}, detail_url="/fine.json", **kwargs)


def test_each_parallel_is_sent_as_a_circle_that_matches_its_projected_points():
    """Polar stereographic is azimuthal about the Pole: a parallel is a circle around it, so the base map
    sends its radius instead of 361 points. Every point of the projected parallel lies on that circle."""
    from arctic_routes.land import graticule
    from arctic_routes.mapview import _graticule_lines, base_map

    parallels, _ = graticule()
    sent = {label: radius for label, radius, _ in _graticule_lines()[1]}
    for label, xy in parallels:
        assert np.abs(np.hypot(xy[:, 0], xy[:, 1]) - sent[label]).max() < 1.0, label
    script = base_map().get_root().render()
    assert script.count('"radius": ') >= len(parallels)  # drawn as circles, not as lines of points
    assert sent["Arctic Circle"] == pytest.approx(np.hypot(*to_polar(np.array([[0.0, 66.5634]]))[0]), abs=200)

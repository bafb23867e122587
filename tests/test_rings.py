"""The compact polygon encoding of the map's land and ice: what the scripts write, the package reads back."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon, Polygon

from arctic_routes.datafiles import LAND_COARSE_DISPLAY_FILE, sea_ice_display_file
from arctic_routes.rings import decode_rings, encode_rings

SEPTEMBER = 9
#: A hole's vertices sit this far inside the outer ring's, in units: far apart after rounding.
HOLE_INSET_UNITS = 50


def _ring(centre_m: tuple[float, float], radius_m: float, jitter_m: list[float]) -> np.ndarray:
    """A star-shaped ring around ``centre_m``: one vertex per jitter, at ``radius_m`` plus that jitter."""
    angles = np.linspace(0.0, 2 * np.pi, len(jitter_m), endpoint=False)
    radii = radius_m + np.asarray(jitter_m)
    return np.column_stack([centre_m[0] + radii * np.cos(angles), centre_m[1] + radii * np.sin(angles)])


polygons_m = st.lists(
    st.tuples(
        st.tuples(st.floats(-4e6, 4e6), st.floats(-4e6, 4e6)),  # centre, metres in EPSG:3413
        st.lists(st.floats(0.0, 0.2), min_size=3, max_size=40),  # radius jitter, as a share of the radius
        st.booleans(),  # with a hole
    ),
    min_size=1, max_size=4,
)


@settings(max_examples=60, deadline=None)
@given(polygons_m, st.sampled_from([100, 1000]))
def test_decode_gives_back_every_vertex_within_half_a_unit(polygons, unit_m):
    radius_m = 1000.0 * unit_m  # vertices a few hundred units apart: none rounds onto its neighbour
    shapes = []
    for centre, jitter, holed in polygons:
        outer = _ring(centre, radius_m, [j * radius_m for j in jitter])
        holes = [_ring(centre, radius_m / 2, [0.0] * len(jitter))] if holed else []
        shapes.append((outer, holes))
    geom = MultiPolygon([Polygon(outer, holes) for outer, holes in shapes])

    encoded = encode_rings(geom, unit_m)
    assert all(isinstance(v, int) for rings in encoded for ring in rings for v in ring)
    decoded = decode_rings(encoded, unit_m)

    assert len(decoded) == len(shapes)
    for (outer, holes), rings in zip(shapes, decoded, strict=True):
        assert len(rings) == 1 + len(holes)
        for given_m, back_m in zip([outer, *holes], rings, strict=True):
            assert back_m.shape == given_m.shape  # rings not closed, no vertex lost or added
            assert np.abs(back_m - given_m).max() <= unit_m / 2 + 1e-6


def test_a_ring_is_its_first_vertex_then_steps():
    square = MultiPolygon([Polygon([(0, 0), (1000, 0), (1000, 1000), (0, 1000)],
                                   [[(400, 400), (600, 400), (600, 600)]])])
    assert encode_rings(square, 100) == [[[0, 0, 10, 0, 0, 10, -10, 0], [4, 4, 2, 0, 0, 2]]]


def test_repeats_after_rounding_and_rings_too_small_are_dropped():
    geom = MultiPolygon([
        Polygon([(0, 0), (10, 0), (1000, 0), (1000, 1000)]),  # (10, 0) rounds onto (0, 0)
        Polygon([(0, 0), (20, 0), (0, 20)]),  # one vertex after rounding: nothing to draw
    ])
    assert encode_rings(geom, 100) == [[[0, 0, 10, 0, 0, 10]]]


@pytest.mark.parametrize("path", [LAND_COARSE_DISPLAY_FILE, sea_ice_display_file(SEPTEMBER)],
                         ids=["land-coarse", "sea-ice-september"])
def test_the_shipped_files_are_what_the_encoder_writes(path):
    """Encoding what the package decodes from a shipped file gives the file's rings again, integer for integer."""
    doc = json.loads(path.read_text())
    stored = doc["polygons"] if "polygons" in doc else doc["months"][str(SEPTEMBER)]
    decoded = decode_rings(stored, doc["unit_m"])
    geom = MultiPolygon([Polygon(rings[0], rings[1:]) for rings in decoded])
    assert encode_rings(geom, doc["unit_m"]) == stored

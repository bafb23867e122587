"""Polygons as compact integer rings: the encoding of the map's land and sea-ice files, both ways.

A document holds polygons as lists of rings, each ring a flat list of integers
``[x0, y0, dx1, dy1, dx2, dy2, ...]`` in units of ``unit_m`` metres of the map's
plane (EPSG:3413): the first vertex, then each vertex's step from the one before.
Rings are not closed (the last vertex is not the first again). The build scripts
(``scripts/build_land.py``, ``scripts/build_world_land.py``, ``scripts/build_sea_ice.py``)
encode with :func:`encode_rings`; the images, the voyages' over-water check and the
tests decode with :func:`decode_rings`, the map's script
(:class:`arctic_routes.leaflet_layers.EncodedPolygons`) decodes alike in JavaScript.
Rounding moves a vertex at most half a unit along each axis.

Examples
--------
>>> from shapely.geometry import MultiPolygon, Polygon
>>> square = MultiPolygon([Polygon([(0, 0), (1000, 0), (1000, 1000), (0, 1000)])])
>>> encode_rings(square, 100)
[[[0, 0, 10, 0, 0, 10, -10, 0]]]
>>> [ring.tolist() for ring in decode_rings(encode_rings(square, 100), 100)[0]]
[[[0.0, 0.0], [1000.0, 0.0], [1000.0, 1000.0], [0.0, 1000.0]]]
"""

from __future__ import annotations

from typing import TypedDict

import numpy as np
from numpy.typing import NDArray
from shapely.geometry import MultiPolygon

#: Polygons > rings > flat integers ``[x0, y0, dx1, dy1, ...]`` in the document's ``unit_m``.
EncodedRings = list[list[list[int]]]
#: Polygons > rings, each ring an (n, 2) array of (x, y) metres in EPSG:3413, not closed.
Rings = list[list[NDArray[np.float64]]]


class PolygonsDocument(TypedDict):
    """A land display file (``static/data/land-3413*.json``): ``unit_m`` and its ``polygons``, encoded."""

    unit_m: float
    polygons: EncodedRings


class IceDocument(TypedDict):
    """A month's sea-ice display file (``static/data/sea-ice-3413-MM.json``): ``unit_m`` and ``months``, whose
    one key is that month (``"9"``) and its polygons, encoded."""

    unit_m: float
    months: dict[str, EncodedRings]


def encode_rings(geom: MultiPolygon, unit_m: float) -> EncodedRings:
    """Each polygon of ``geom`` (metres) as rings of flat integer arrays ``[x0, y0, dx1, dy1, ...]`` in ``unit_m``.

    The closing vertex is left out, vertices that round onto the one before are dropped, and rings left with
    fewer than three vertices (and polygons left with no ring) are dropped.
    """
    polygons = []
    for poly in geom.geoms:
        rings = []
        for ring in (poly.exterior, *poly.interiors):
            q = np.round(np.asarray(ring.coords)[:-1] / unit_m).astype(np.int64)
            q = q[np.r_[True, np.any(np.diff(q, axis=0) != 0, axis=1)]]  # drop repeats after rounding
            if len(q) < 3:
                continue
            deltas = np.vstack([q[:1], np.diff(q, axis=0)])
            rings.append(deltas.ravel().tolist())
        if rings:
            polygons.append(rings)
    return polygons


def decode_rings(polygons: EncodedRings, unit_m: float) -> Rings:
    """Encoded polygons back as lists of rings of (x, y) metres: what the map's script draws."""
    return [[np.cumsum(np.asarray(ring, dtype=np.float64).reshape(-1, 2), axis=0) * unit_m for ring in rings]
            for rings in polygons]

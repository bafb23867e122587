"""Build ``geodata/routes.geojson`` and ``geodata/straits.geojson`` reproducibly.

Inputs: ``scripts/straits.json`` (named straits and gateways, with sources) and
``scripts/route_definitions.json`` (each route's waypoints and properties).

Each route is a list of named waypoints (strait centres and sea gateways,
defined in ``scripts/straits.json`` with their sources). A route may also follow
a published lane: ``lane.after[w]`` lists the lane's points sailed after
waypoint ``w`` (``nep-coastal`` takes the coastal NSR lane's nodes from the
Eurostat SeaRoute network; the build checks that each is a node of that network
as PyPI ``searoute`` ships it). Between consecutive points the script finds a water path on a 2 km cost raster of the Natural Earth 1:10m land
in EPSG:3413 (cells near the coast cost more, so paths keep off the shore where
the water allows), then straightens it: consecutive path points are joined by
geodesics wherever the geodesic stays at least ``MARGIN_M`` off the land. The
result is densified along geodesics every ``DENSIFY_KM`` and split at the 180
deg meridian as RFC 7946 asks.

A second, independent land source keeps the routes off the islets that the
1:10m land lacks (Coronation Gulf, Dease Strait): the GLOBE 1 km land mask
(PyPI ``global-land-mask``, see ``scripts/globe_mask.py``). Its land is an
obstacle in the raster (each 2 km cell within ``GLOBE_NEAR_M`` of the 1:10m land
is sampled on a ``GLOBE_SUBSAMPLES`` x ``GLOBE_SUBSAMPLES`` grid), a
straightened segment keeps a GLOBE cell off it, and the finished route is
checked to be on GLOBE water everywhere. A waypoint that GLOBE puts on land is
sailed past at the nearest point of open water (and the build says so).

Needs the build extra (``pip install -e '.[build]'``): rasterio, scipy,
scikit-image, global-land-mask. Usage::

    python scripts/build_routes.py
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import rasterio.features
import shapely
from globe_mask import land_at, line_is_water
from pyproj import Transformer
from scipy import ndimage
from shapely.geometry import LineString, shape
from skimage.graph import MCP_Geometric

from arctic_routes.geodesy import GEOD, densify_geodesic, split_antimeridian

ROOT = Path(__file__).resolve().parents[1]
CELL_M = 2000.0
HALF_EXTENT_M = 3_400_000.0
#: Cells closer than this to land cost more (up to COAST_PENALTY extra).
COAST_BAND_M = 25_000.0
COAST_PENALTY = 3.0
#: A straightened segment keeps at least this far from land.
MARGIN_M = 3000.0
DENSIFY_KM = 10.0
#: GLOBE land is looked for in raster cells this close to the 1:10m land (islets it lacks lie near coasts),
#: on a grid of GLOBE_SUBSAMPLES^2 points a cell (0.5 km apart).
GLOBE_NEAR_M = 100_000.0
GLOBE_SUBSAMPLES = 4
#: A waypoint on GLOBE land is moved to the nearest point this many GLOBE cells clear of it (and
#: MARGIN_M clear of the 1:10m land), looked for on a grid of WAYPOINT_STEP_DEG.
WAYPOINT_CLEAR_CELLS = 2
WAYPOINT_STEP_DEG = 0.005

TO_POLAR = Transformer.from_crs(4326, 3413, always_xy=True)
TO_LONLAT = Transformer.from_crs(3413, 4326, always_xy=True)

STRAITS_JSON = ROOT / "scripts" / "straits.json"
ROUTES_JSON = ROOT / "scripts" / "route_definitions.json"


def load_land_polar() -> shapely.Geometry:
    data = json.loads((ROOT / "geodata" / "land-10m-arctic.geojson").read_text())
    land = shape(data["features"][0]["geometry"])
    return shapely.transform(land, lambda xy: np.column_stack(TO_POLAR.transform(xy[:, 0], xy[:, 1])))


class Router:
    def __init__(self, land_polar: shapely.Geometry) -> None:
        n = int(2 * HALF_EXTENT_M / CELL_M)
        self.n = n
        self.transform = rasterio.transform.from_origin(-HALF_EXTENT_M, HALF_EXTENT_M, CELL_M, CELL_M)
        is_land = rasterio.features.rasterize(
            [(g, 1) for g in shapely.get_parts(land_polar)],
            out_shape=(n, n),
            transform=self.transform,
            all_touched=True,
            dtype="uint8",
        ).astype(bool)
        dist = ndimage.distance_transform_edt(~is_land) * CELL_M
        cost = 1.0 + COAST_PENALTY * np.clip(1.0 - dist / COAST_BAND_M, 0.0, 1.0)
        cost[is_land] = np.inf
        cost[self.globe_land(~is_land & (dist <= GLOBE_NEAR_M))] = np.inf  # an obstacle, not a coast
        self.cost = cost
        self.clearance = shapely.buffer(land_polar, MARGIN_M, quad_segs=2)
        shapely.prepare(self.clearance)

    def globe_land(self, candidates: np.ndarray) -> np.ndarray:
        """The ``candidates`` cells in which any of GLOBE_SUBSAMPLES^2 points is on GLOBE land."""
        rows, cols = np.nonzero(candidates)
        xs, ys = rasterio.transform.xy(self.transform, rows, cols)
        xs, ys = np.asarray(xs), np.asarray(ys)
        offsets = (np.arange(GLOBE_SUBSAMPLES) + 0.5) / GLOBE_SUBSAMPLES * CELL_M - CELL_M / 2
        hit = np.zeros(len(rows), dtype=bool)
        for dx in offsets:
            for dy in offsets:
                lon, lat = TO_LONLAT.transform(xs + dx, ys + dy)
                hit |= land_at(np.column_stack([lon, lat]))
        out = np.zeros_like(candidates)
        out[rows[hit], cols[hit]] = True
        print(f"GLOBE land in {hit.sum():,} of {len(rows):,} water cells near the 1:10m coast")
        return out

    def cell(self, x: float, y: float) -> tuple[int, int]:
        row, col = rasterio.transform.rowcol(self.transform, x, y)
        if not np.isfinite(self.cost[row, col]):
            raise ValueError(f"waypoint at {x:.0f}, {y:.0f} falls on a land cell")
        return int(row), int(col)

    def raster_path(self, a: tuple[float, float], b: tuple[float, float]) -> np.ndarray:
        start, end = self.cell(*a), self.cell(*b)
        mcp = MCP_Geometric(self.cost)
        mcp.find_costs([start], [end])
        cells = np.array(mcp.traceback(end), dtype=float)
        xs, ys = rasterio.transform.xy(self.transform, cells[:, 0], cells[:, 1])
        pts = np.column_stack([xs, ys])
        pts[0], pts[-1] = a, b
        return pts

    def clear(self, p: np.ndarray, q: np.ndarray) -> bool:
        """MARGIN_M off the 1:10m land, and a GLOBE cell off the GLOBE land."""
        lonlat = np.column_stack(TO_LONLAT.transform([p[0], q[0]], [p[1], q[1]]))
        dense = densify_geodesic(lonlat, 2.0)
        xy = np.column_stack(TO_POLAR.transform(dense[:, 0], dense[:, 1]))
        if self.clearance.intersects(LineString(xy)):
            return False
        return line_is_water(tuple(lonlat[0]), tuple(lonlat[1]), around=1)

    def open_water(self, lon: float, lat: float) -> tuple[float, float]:
        """The point itself if GLOBE has it at sea, else the nearest point clear of both lands."""
        if not land_at(np.array([[lon, lat]])).any():
            return lon, lat
        steps = np.arange(-60, 61) * WAYPOINT_STEP_DEG
        grid = np.array([(lon + dx / np.cos(np.radians(lat)), lat + dy) for dy in steps for dx in steps])
        grid = grid[~land_at(grid, WAYPOINT_CLEAR_CELLS)]
        polar = np.column_stack(TO_POLAR.transform(grid[:, 0], grid[:, 1]))
        rows, cols = rasterio.transform.rowcol(self.transform, polar[:, 0], polar[:, 1])
        at_sea = np.isfinite(self.cost[np.asarray(rows), np.asarray(cols)])
        grid = grid[at_sea & ~shapely.intersects_xy(self.clearance, polar[:, 0], polar[:, 1])]
        dist = GEOD.inv(np.full(len(grid), lon), np.full(len(grid), lat), grid[:, 0], grid[:, 1])[2]
        best = int(np.argmin(dist))
        moved = (round(float(grid[best, 0]), 3), round(float(grid[best, 1]), 3))
        print(f"  waypoint {lat}N {lon}E is on GLOBE land: sailed past at {moved[1]}N {moved[0]}E "
              f"({dist[best] / 1000:.1f} km)")
        return moved

    def check_globe(self, route_id: str, lonlat: np.ndarray) -> None:
        """Every segment of the finished route on GLOBE water (and a little off any land cell)."""
        for p, q in zip(lonlat[:-1], lonlat[1:]):
            if not line_is_water(tuple(p), tuple(q)):
                raise ValueError(f"{route_id}: the segment {p} - {q} touches GLOBE land")

    def straighten(self, pts: np.ndarray) -> np.ndarray:
        """Greedy any-angle smoothing: jump to the farthest point in clear view."""
        out = [0]
        i = 0
        while i < len(pts) - 1:
            lo, hi = i + 1, len(pts) - 1
            if self.clear(pts[i], pts[hi]):
                best = hi
            else:
                best = lo
                while hi - lo > 1:  # binary search on the last clear index (near-monotone)
                    mid = (lo + hi) // 2
                    if self.clear(pts[i], pts[mid]):
                        lo = best = mid
                    else:
                        hi = mid
            out.append(best)
            i = best
        return pts[out]


def check_lane_nodes(route_id: str, lane: dict) -> None:
    """Each lane point must be a node of the SeaRoute network (to the 0.01 deg written)."""
    from arctic_routes.seanet import network  # the network as the voyages read it (longitudes normalised)

    nodes = {(float(lon), float(lat)) for lon, lat in np.round(network().lonlat, 2)}
    for points in lane["after"].values():
        for lon, lat in points:
            if (round(lon, 2), round(lat, 2)) not in nodes:
                raise ValueError(f"{route_id}: lane point {lon}, {lat} is not a SeaRoute network node")


def route_points(route: dict, gateways: dict[str, dict]) -> list[tuple[float, float]]:
    """The route's waypoints in order, with any lane points sailed after each."""
    lane = route.get("lane", {}).get("after", {})
    points: list[tuple[float, float]] = []
    for name in route["waypoints"]:
        points.append((gateways[name]["lon"], gateways[name]["lat"]))
        points.extend((lon, lat) for lon, lat in lane.get(name, []))
    return points


def write_straits(straits: list[dict]) -> None:
    """geodata/straits.geojson: one Point per named strait or gateway."""
    features = [
        {
            "type": "Feature",
            "properties": {k: v for k, v in s.items() if k not in ("lat", "lon")},
            "geometry": {"type": "Point", "coordinates": [s["lon"], s["lat"]]},
        }
        for s in straits
    ]
    out = {"type": "FeatureCollection", "features": features}
    (ROOT / "geodata" / "straits.geojson").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")


def main() -> None:
    straits = json.loads(STRAITS_JSON.read_text())
    write_straits(straits)
    definitions = json.loads(ROUTES_JSON.read_text())
    gateways = {s["name"]: s for s in straits}
    router = Router(load_land_polar())
    features = []
    for route in definitions:
        names = route["waypoints"]
        if "lane" in route:
            check_lane_nodes(route["id"], route["lane"])
        print(route["id"])
        xy = [TO_POLAR.transform(*router.open_water(lon, lat)) for lon, lat in route_points(route, gateways)]
        vertices: list[np.ndarray] = []
        for a, b in zip(xy[:-1], xy[1:]):
            leg = router.straighten(router.raster_path(a, b))
            vertices.extend(leg if not vertices else leg[1:])
        polar = np.array(vertices)
        lonlat = np.column_stack(TO_LONLAT.transform(polar[:, 0], polar[:, 1]))
        dense = densify_geodesic(lonlat, DENSIFY_KM)
        router.check_globe(route["id"], np.round(dense, 5))
        props = {k: v for k, v in route.items() if k not in ("waypoints", "lane")}
        props["waypoints"] = [
            {"name": w, "lon": gateways[w]["lon"], "lat": gateways[w]["lat"]} for w in names
        ]
        features.append(
            {"type": "Feature", "properties": props, "geometry": split_antimeridian(np.round(dense, 5))}
        )
        print(f"  {len(dense)} vertices, {GEOD.line_length(dense[:, 0], dense[:, 1]) / 1000:,.1f} km")
    out = {"type": "FeatureCollection", "features": features}
    (ROOT / "geodata" / "routes.geojson").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()

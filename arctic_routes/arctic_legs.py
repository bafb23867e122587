"""How a voyage uses an Arctic route: where a port joins it, and which part of it is sailed.

Each route of ``geodata/routes.geojson`` becomes an immutable :class:`ArcticRoute`
with its distance along the line to every vertex. A port on the open-sea network
reaches a route at either gateway by an ocean leg (:mod:`arctic_routes.seanet`);
a port inside the Arctic joins the nearest vertex it can see across water, or
sails along another route to a gateway the two share. Knows nothing of the
conventional options or of how a comparison is presented.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import shapely
import shapely.geometry

from arctic_routes.datafiles import SEA_AREAS_FILE, geodata_file
from arctic_routes.geodesy import GEOD, densify_geodesic, geometry_lonlat, to_polar
from arctic_routes.land import land_near_coast
from arctic_routes.model import Port
from arctic_routes.routes import load_routes, waypoint_indexes
from arctic_routes.seanet import (
    ARCTIC,
    INTEROCEAN,
    MAX_GATEWAY_SNAP_M,
    MAX_POINT_SNAP_M,
    MAX_SNAP_M,
    Leg,
    ocean_leg,
    snap_node,
)

#: A port inside the Arctic joins a route at the route's nearest vertex, if it is this close.
MAX_CONNECTOR_M = 250_000.0
#: A point at sea (typed or clicked as lat,lon: in open water, not a port up a bay) joins a route this far away,
#: still by a straight line over water: the Arctic Ocean's middle lies up to about 900 km from every route.
MAX_POINT_CONNECTOR_M = 1_000_000.0
#: How many of a route's nearest vertices such a point tries (each a line checked against the land).
CONNECTOR_TRIES = 16


@dataclass(frozen=True)
class ArcticRoute:
    id: str
    family: str
    name: str
    via: tuple[str, ...]
    coordinates: np.ndarray
    cumulative_m: np.ndarray  # distance along the route to each vertex
    waypoints: tuple[tuple[str, int], ...]  # each named strait or gateway, and its nearest vertex

    def slice(self, i: int, j: int) -> np.ndarray:
        """The vertices from index ``i`` to ``j`` (both included), in that direction."""
        return self.coordinates[i : j + 1] if j >= i else self.coordinates[j : i + 1][::-1]

    def passes(self, i: int, j: int) -> list[str]:
        """The named waypoints between vertices ``i`` and ``j``, in the order sailed."""
        names = [name for name, k in self.waypoints if min(i, j) <= k <= max(i, j)]
        return names if j >= i else names[::-1]


@lru_cache(maxsize=1)
def arctic_routes() -> tuple[ArcticRoute, ...]:
    out = []
    for _, row in load_routes().iterrows():
        coords = geometry_lonlat(row.geometry.__geo_interface__)
        steps = GEOD.inv(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])[2]
        cumulative = np.concatenate([[0.0], np.cumsum(steps)])
        coords.setflags(write=False)
        waypoints = tuple(
            (str(w["name"]), index) for w, index in zip(row["waypoints"], waypoint_indexes(coords, row["waypoints"]))
        )
        out.append(
            ArcticRoute(
                str(row["id"]), str(row["family"]), str(row["name"]), tuple(row["via"]), coords, cumulative,
                waypoints,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Access:
    """How a port reaches an Arctic route: at vertex ``index``, along ``leg`` (port first).

    ``inside`` says the leg lies in the Arctic (a port inside it: a connector, the sea network's Arctic
    lanes or another route), so it is part of the voyage's Arctic leg; an open-sea port's leg is not.
    """

    index: int
    leg: Leg
    length_m: float
    inside: bool = False
    #: The other route the leg sails along to a gateway the two share ("" if none), and how far (metres).
    along: str = ""
    along_m: float = 0.0


def access(port: Port, route: ArcticRoute) -> list[Access]:
    """How ``port`` reaches ``route``: each way in (the route's vertex, the leg to it, its length)."""
    return _access(port, route, connector_limit_m(port), sea_snap_m(port))


def _access(port: Port, route: ArcticRoute, limit_m: float, snap_m: float = MAX_SNAP_M) -> list[Access]:
    if snap_node(port.lon, port.lat, INTEROCEAN, snap_m) is not None:
        # An open-sea port reaches a route at either end, staying in its own ocean.
        out = []
        for index in (0, len(route.coordinates) - 1):
            end = (float(route.coordinates[index, 0]), float(route.coordinates[index, 1]))
            leg = ocean_leg((port.lon, port.lat), end, INTEROCEAN, MAX_GATEWAY_SNAP_M, snap_m)
            if leg is not None:
                out.append(Access(index, leg, leg.length_m))
        return out
    # A port inside the Arctic joins the route where it can reach it over water...
    hit = joining_leg(port, route.id, limit_m)
    if hit is not None:
        index, leg = hit
        return [Access(index, leg, leg.length_m, inside=True)]
    # ... or sails along another route to a gateway the two share (Bering Strait).
    best: dict[int, Access] = {}
    for other in arctic_routes():
        near = joining_leg(port, other.id, limit_m) if other.id != route.id else None
        if near is None:
            continue
        k, join = near
        for oi in (0, len(other.coordinates) - 1):
            for ri in (0, len(route.coordinates) - 1):
                if oi == k or not np.allclose(other.coordinates[oi], route.coordinates[ri]):
                    continue
                coords = np.vstack([join.coordinates, other.slice(k, oi)[1:]])
                along_m = float(abs(other.cumulative_m[oi] - other.cumulative_m[k]))
                length_m = join.length_m + along_m
                if ri not in best or length_m < best[ri].length_m:
                    best[ri] = Access(ri, Leg(coords, tuple(other.passes(k, oi))), length_m, inside=True,
                                      along=other.name, along_m=along_m)
    return list(best.values())


#: A port up an estuary (Sabetta, in the Ob) joins a route along the sea network's own Arctic lanes
#: when no straight line over water reaches it: its nearest network node must be this close...
LANE_SNAP_M = 50_000.0
#: ... the lane must reach one of the route's nearest vertices, be at most this long, and at most
#: LANE_DETOUR times the straight distance (no sailing half the NSR to join the Northwest Passage).
LANE_MAX_M = 800_000.0
LANE_DETOUR = 2.0
ARCTIC_LANES = INTEROCEAN - {ARCTIC}


@lru_cache(maxsize=128)
def joining_leg(port: Port, route_id: str, limit_m: float = MAX_CONNECTOR_M) -> tuple[int, Leg] | None:
    """How a port inside the Arctic joins ``route_id``: (vertex index, leg from the port), or None.

    A straight line over water (:func:`connector`) if there is one, else the sea network's Arctic lanes.
    """
    route = next(r for r in arctic_routes() if r.id == route_id)
    hit = connector(port, route_id, limit_m)
    if hit is not None:
        index, _ = hit
        return index, Leg(np.array([[port.lon, port.lat], route.coordinates[index]]), ())
    if snap_node(port.lon, port.lat, ARCTIC_LANES, LANE_SNAP_M) is None:
        return None
    c = route.coordinates
    straight = GEOD.inv(np.full(len(c), port.lon), np.full(len(c), port.lat), c[:, 0], c[:, 1])[2]
    best: tuple[int, Leg] | None = None
    for index in np.argsort(straight)[:12]:
        leg = ocean_leg((port.lon, port.lat), (float(c[index, 0]), float(c[index, 1])), ARCTIC_LANES, LANE_SNAP_M)
        if leg is None or leg.length_m > min(LANE_MAX_M, LANE_DETOUR * straight[index]):
            continue
        if best is None or leg.length_m < best[1].length_m:
            best = (int(index), Leg(leg.coordinates, ()))
    return best


#: A port's own shore: the part of a connector that may run over land next to the
#: port (a town's position is often inland of its quays).
HARBOUR_APPROACH_M = 15_000.0


@lru_cache(maxsize=128)
def connector(port: Port, route_id: str, limit_m: float = MAX_CONNECTOR_M) -> tuple[int, float] | None:
    """The nearest vertex of ``route_id`` that ``port`` reaches by a straight line over water.

    The line may cross land only within its first :data:`HARBOUR_APPROACH_M`
    (the port's own shore, and the islets and spits of its bay on the 1:10m land).
    """
    route = next(r for r in arctic_routes() if r.id == route_id)
    c = route.coordinates
    n = len(c)
    dist = GEOD.inv(np.full(n, port.lon), np.full(n, port.lat), c[:, 0], c[:, 1])[2]
    start = shapely.Point(to_polar([(port.lon, port.lat)])[0])
    order = np.argsort(dist)
    for index in order if limit_m <= MAX_CONNECTOR_M else order[:CONNECTOR_TRIES]:
        if dist[index] > limit_m:
            break
        if _at_sea(densify_geodesic([(port.lon, port.lat), tuple(c[index])], LAND_CHECK_STEP_KM), (start,)):
            return int(index), float(dist[index])
    return None


#: A straight line is checked against the land at points this far apart (km), in the polar plane.
LAND_CHECK_STEP_KM = 2.0


def _at_sea(line_lonlat: np.ndarray, shores: Sequence[shapely.Point]) -> bool:
    """Whether the line (densified (lon, lat)) crosses land (:func:`~arctic_routes.land.land_near_coast`) only
    within :data:`HARBOUR_APPROACH_M` of one of ``shores`` (its ends, as points in the polar plane)."""
    crossed = shapely.intersection(shapely.LineString(to_polar(line_lonlat)), land_near_coast())
    pieces = list(getattr(crossed, "geoms", [crossed])) if not crossed.is_empty else []
    return all(any(shore.hausdorff_distance(p) <= HARBOUR_APPROACH_M for shore in shores) for p in pieces)


def connector_limit_m(port: Port) -> float:
    """How far a straight connector may reach from ``port`` to a route (metres): :data:`MAX_CONNECTOR_M`, and
    :data:`MAX_POINT_CONNECTOR_M` for a point at sea that nothing reaches within that (the middle of the
    Arctic Ocean). Only then: a long straight line across the ice must not replace a way along the routes."""
    return MAX_POINT_CONNECTOR_M if _far_at_sea(port) else MAX_CONNECTOR_M


@lru_cache(maxsize=256)
def _far_at_sea(port: Port) -> bool:
    if not port.point or snap_node(port.lon, port.lat, INTEROCEAN) is not None:
        return False
    return not any(_access(port, r, MAX_CONNECTOR_M) for r in arctic_routes())


@lru_cache(maxsize=256)
def sea_snap_m(port: Port) -> float:
    """How far from the open-sea network ``port`` may join it (metres): :data:`~arctic_routes.seanet.MAX_SNAP_M`,
    and :data:`~arctic_routes.seanet.MAX_POINT_SNAP_M` for a point at sea that no route reaches either, even
    from :data:`MAX_POINT_CONNECTOR_M` away (the middle of the Norwegian Sea), by a line at sea only."""
    if not _far_at_sea(port) or any(_access(port, r, MAX_POINT_CONNECTOR_M) for r in arctic_routes()):
        return MAX_SNAP_M
    return MAX_POINT_SNAP_M


def stranded(port: Port) -> bool:
    """Neither on the open-sea network nor near any Arctic route."""
    return snap_node(port.lon, port.lat, INTEROCEAN, sea_snap_m(port)) is None and not any(
        access(port, r) for r in arctic_routes()
    )


# ----------------------------------------------------------------- straight across


def inside_arctic(port: Port) -> bool:
    """Whether ``port`` lies inside the area the Arctic routes serve: north of the Arctic Circle
    (``region == "arctic"``), off the open-sea network, and joining a route from where it lies
    (:attr:`Access.inside`: a connector, the Arctic lanes or another route), as Pevek or a point near the Pole."""
    return port.region == "arctic" and any(a.inside for r in arctic_routes() for a in access(port, r))


#: A direct crossing's vertices are at most this far apart (km), all on the geodesic: drawn on the polar map,
#: on the images or from the GeoJSON, the line stays the geodesic, and the ice share samples that line.
DIRECT_STEP_KM = 50.0


@lru_cache(maxsize=128)
def direct_crossing(origin: Port, destination: Port) -> np.ndarray | None:
    """The geodesic from ``origin`` to ``destination`` as (lon, lat) every :data:`DIRECT_STEP_KM`, or None if it
    crosses land.

    The land check is a connector's (:func:`connector`): the line, checked every :data:`LAND_CHECK_STEP_KM` in
    the polar plane, may cross land only within :data:`HARBOUR_APPROACH_M` of either end (its own shore).
    """
    ends = [(origin.lon, origin.lat), (destination.lon, destination.lat)]
    shores = tuple(shapely.Point(xy) for xy in to_polar(ends))
    if not _at_sea(densify_geodesic(ends, LAND_CHECK_STEP_KM), shores):
        return None
    line = densify_geodesic(ends, DIRECT_STEP_KM)
    line.setflags(write=False)
    return line


#: The sea area whose crossing makes a direct line a Trans-Arctic voyage: the deep basin north of the shelf
#: seas (north of about 74.5 deg N in that data).
CENTRAL_ARCTIC = "Central Arctic"
#: How a sea area is named in a voyage's ``via`` when not by its name in the data (as the routes name it).
SEA_AREA_NAMES = {CENTRAL_ARCTIC: "Central Arctic Ocean"}


@lru_cache(maxsize=1)
def sea_areas() -> tuple[tuple[str, shapely.Geometry], ...]:
    """Each sea area of :data:`SEA_AREAS_FILE`: its name and its outline in (lon, lat), prepared."""
    features = json.loads(geodata_file(SEA_AREAS_FILE).read_text(encoding="utf-8"))["features"]
    out = []
    for feature in features:
        outline = shapely.geometry.shape(feature["geometry"])
        shapely.prepare(outline)
        out.append((str(feature["properties"]["name"]), outline))
    return tuple(out)


def seas_crossed(coords: np.ndarray) -> tuple[str, ...]:
    """The sea areas (their names in the data) that the vertices ``coords`` (lon, lat) lie in, in the order
    sailed, each once; a vertex in none of them (among the Canadian islands, say) names none.

    >>> seas_crossed(np.array([[60.0, 88.0], [-145.0, 80.0], [-145.0, 72.5]]))
    ('Central Arctic', 'Beaufort Sea')
    """
    names = [name for name, _ in sea_areas()]
    hits = np.array([shapely.intersects_xy(outline, coords[:, 0], coords[:, 1]) for _, outline in sea_areas()])
    held = hits.any(axis=0)
    first = hits.argmax(axis=0)  # the first area holding each vertex (0 where none does: left out by ``held``)
    return tuple(dict.fromkeys(names[int(i)] for i in first[held]))

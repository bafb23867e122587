"""Port-to-port voyages: the Arctic routes against Suez, Panama and the Cape.

Open-ocean legs are shortest paths on the Eurostat SeaRoute maritime network
as shipped by PyPI ``searoute`` (Apache-2.0). Only its node and edge lists
(``searoute.data.marnet_dict``) are read; the graph and the routing are ours,
which is how the sharp edges measured in FACTS.md section 4 are avoided:

- restrictions are an argument of each search and select a read-only graph;
  nothing is ever written onto shared state, so concurrent readers cannot see
  each other's settings;
- longitudes are normalised to [-180, 180) before nodes are merged, which joins
  the two Bering Strait nodes (-169.15 and 190.85) and the two sides of 180 deg;
- every edge weight and every length is geodesic on WGS84
  (:func:`arctic_routes.geodesy.geodesic_length_m`): no haversine, no unit table.

The Arctic legs are our own validated routes (``geodata/routes.geojson``),
joined at their gateways: the ocean legs end exactly at a route's first or last
vertex. The length of a voyage is measured once, on its final geometry.

Examples
--------
>>> trip = compare("Rotterdam", "Yokohama")
>>> trip.conventional.name, round(trip.conventional.length_m / 1852, -2)  # nautical miles
('via Suez', 11300.0)
>>> nsr = next(v for v in trip.voyages if v.variant == "nep-coastal")
>>> f"{trip.saving_pct(nsr):.0f} %"
'35 %'
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from arctic_routes.geodesy import (
    ARCTIC_CIRCLE_DEG,
    DEFAULT_SPEED_KN,
    GEOD,
    METRES_PER_KM,
    METRES_PER_NM,
    SPEED_RANGE_KN,
    convert_m,
    densify_geodesic,
    geodesic_length_m,
    geometry_lonlat,
    to_polar,
)
from arctic_routes.routes import load_ports, load_routes, waypoint_indexes

#: What each non-Arctic option is called (``route`` in the CLI's JSON).
SUEZ, PANAMA, CAPE, OPEN_SEA = "suez", "panama", "cape-of-good-hope", "open-sea"
#: Passages that join the Atlantic to the Indian and Pacific oceans, plus the
#: Arctic itself: a leg that must stay in its ocean is searched with all blocked.
CAPE_HORN, ARCTIC = "cape-horn", "arctic"
INTEROCEAN = frozenset({SUEZ, PANAMA, CAPE, CAPE_HORN, ARCTIC})

#: Option name -> passage it must use (None: none of them).
CONVENTIONAL = {
    SUEZ: SUEZ,
    PANAMA: PANAMA,
    CAPE: CAPE,
    OPEN_SEA: None,
}
ARCTIC_FAMILIES = ("northeast-passage", "northwest-passage", "transpolar")

#: How the network's passage tags and ours read on the page.
PASSAGE_NAMES = {
    "gibraltar": "Strait of Gibraltar",
    "bosporus": "Bosporus",
    "dardanelles": "Dardanelles",
    SUEZ: "Suez Canal",
    "babalmandab": "Bab-el-Mandeb",
    "ormuz": "Strait of Hormuz",
    "malacca": "Strait of Malacca",
    "sunda": "Sunda Strait",
    PANAMA: "Panama Canal",
    CAPE: "Cape of Good Hope",
    "bering": "Bering Sea",
}

#: Options longer than this multiple of the conventional route are left out:
#: nobody sails Rotterdam to Singapore through Panama.
SENSIBLE_FACTOR = 1.5
#: A port further than this from the open-sea network is not on it (an Arctic port).
MAX_SNAP_M = 150_000.0
#: A route's gateway may be this far from the network's nearest node: Davis Strait
#: and Fram Strait lie beyond the network's last open-water nodes (checked for land in tests).
MAX_GATEWAY_SNAP_M = 300_000.0
#: A port inside the Arctic joins a route at the route's nearest vertex, if it is this close.
MAX_CONNECTOR_M = 250_000.0


class UnknownPort(ValueError):
    """A port name or UN/LOCODE that is not in the list; the message names the closest matches."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"unknown port {query!r}{hint}")


@dataclass(frozen=True)
class Port:
    name: str
    unlocode: str | None
    lon: float
    lat: float
    region: str
    country: str
    source: str

    @property
    def key(self) -> str:
        """What a share link names the port by: its UN/LOCODE, else its name."""
        return self.unlocode or self.name

    @property
    def label(self) -> str:
        """``Rotterdam (NLRTM)``: how the page and the CLI name a port."""
        return f"{self.name} ({self.unlocode})" if self.unlocode else self.name


@dataclass(frozen=True)
class Voyage:
    """One way from port to port, with its geometry and its geodesic length (metres)."""

    route: str  # suez | panama | cape-of-good-hope | open-sea | northeast-passage | ...
    variant: str | None  # the Arctic route id (geodata/routes.geojson), None for the others
    name: str
    via: tuple[str, ...]
    coordinates: tuple[tuple[float, float], ...] = field(repr=False)
    length_m: float
    arctic_length_m: float = 0.0

    @property
    def is_arctic(self) -> bool:
        return self.route in ARCTIC_FAMILIES

    def days(self, speed_kn: float) -> float:
        """Days at sea at a constant ``speed_kn`` knots (no canal waits, no ice)."""
        return self.length_m / METRES_PER_NM / check_speed(speed_kn) / 24.0


@dataclass(frozen=True)
class Comparison:
    origin: Port
    destination: Port
    voyages: tuple[Voyage, ...]  # shortest first
    notes: tuple[str, ...] = ()

    @property
    def conventional(self) -> Voyage | None:
        """The shortest voyage that uses no Arctic route: what the saving is measured against."""
        return min((v for v in self.voyages if not v.is_arctic), key=lambda v: v.length_m, default=None)

    def headline(self) -> tuple[Voyage, ...]:
        """What to draw first: the shortest voyage and the conventional one (once if they are the same)."""
        if not self.voyages:
            return ()
        base = self.conventional
        return (self.voyages[0],) if base is None or base == self.voyages[0] else (self.voyages[0], base)

    def saving_pct(self, voyage: Voyage) -> float | None:
        """How much shorter ``voyage`` is than the conventional route (negative: longer)."""
        base = self.conventional
        if base is None:
            return None
        return 100.0 * (base.length_m - voyage.length_m) / base.length_m


def check_speed(speed_kn: float) -> float:
    low, high = SPEED_RANGE_KN
    if not (isinstance(speed_kn, int | float) and low <= speed_kn <= high):
        raise ValueError(f"speed must be between {low:g} and {high:g} knots, got {speed_kn!r}")
    return float(speed_kn)


# --------------------------------------------------------------------- ports


@lru_cache(maxsize=1)
def load_voyage_ports() -> tuple[Port, ...]:
    """Every port in ``geodata/ports.geojson``, sorted by name."""
    frame = load_ports()
    ports = [
        Port(
            name=str(row["name"]),
            unlocode=row["unlocode"] if isinstance(row["unlocode"], str) else None,
            lon=float(row.geometry.x),
            lat=float(row.geometry.y),
            region=str(row["region"]),
            country=str(row["country"]),
            source=str(row["source"]),
        )
        for _, row in frame.iterrows()
    ]
    return tuple(sorted(ports, key=lambda p: p.name))


def _fold(text: str) -> str:
    """Lower case without accents or punctuation: 'Tromsø' and 'tromso' match."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O"))
    return "".join(c for c in decomposed if c.isalnum()).lower()


def find_port(query: str, ports: tuple[Port, ...] | None = None) -> Port:
    """The port named ``query`` (name, or UN/LOCODE with or without its space).

    Raises :class:`UnknownPort` naming up to three close matches.

    >>> find_port("nlrtm").name, find_port("St. Petersburg").unlocode
    ('Rotterdam', 'RULED')
    >>> find_port("Rotterdm")
    Traceback (most recent call last):
    ...
    arctic_routes.voyage.UnknownPort: unknown port 'Rotterdm'; closest: Rotterdam (NLRTM)
    """
    ports = ports or load_voyage_ports()
    key = _fold(str(query))
    if key:
        for port in ports:
            names = {_fold(port.name), _fold(port.name.split("(")[0])}
            if key in names or (port.unlocode and key == _fold(port.unlocode)):
                return port
    by_key = {_fold(p.name): p for p in ports}
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6)
    raise UnknownPort(str(query)[:60], [by_key[c].label for c in close])


# --------------------------------------------------------------- sea network


@dataclass(frozen=True)
class _Network:
    lonlat: np.ndarray  # (n, 2), longitudes in [-180, 180)
    edges: np.ndarray  # (m, 2) node indices
    weight_m: np.ndarray  # (m,) geodesic length of each edge
    tags: np.ndarray  # (m,) passage tag or ""


def _in_arctic(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """North of the Arctic Circle, except the ice-free Norwegian and Barents seas up to 80 N.

    That leaves the approaches to North Cape, Murmansk and Fram Strait open to
    ocean legs while closing every way from the Atlantic to the Pacific.
    """
    atlantic_sector = (lon >= -35.0) & (lon <= 60.0) & (lat <= 80.0)
    return (lat > ARCTIC_CIRCLE_DEG) & ~atlantic_sector


def _crosses_meridian(a: np.ndarray, b: np.ndarray, meridian: float, south_of: float) -> np.ndarray:
    """Edges from ``a`` to ``b`` that cross ``meridian`` south of latitude ``south_of``."""
    lon1, lat1, lon2, lat2 = a[:, 0], a[:, 1], b[:, 0], b[:, 1]
    spans = ((lon1 - meridian) * (lon2 - meridian) <= 0) & (np.abs(lon2 - lon1) < 180.0) & (lon1 != lon2)
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(spans, (meridian - lon1) / (lon2 - lon1), 0.0)
    lat = lat1 + t * (lat2 - lat1)
    return spans & (lat < south_of)


@lru_cache(maxsize=1)
def _network() -> _Network:
    """The SeaRoute network, merged across 180 deg, weighted geodesically, tagged by passage."""
    from searoute.data.marnet_dict import edge_list  # 1.8 MB module: imported once, on first use

    index: dict[tuple[float, float], int] = {}
    coords: list[tuple[float, float]] = []

    def node(lon: float, lat: float) -> int:
        key = (round((lon + 180.0) % 360.0 - 180.0, 6), round(lat, 6))
        if key not in index:
            index[key] = len(coords)
            coords.append(key)
        return index[key]

    pairs: dict[tuple[int, int], str] = {}
    for u, targets in edge_list.items():
        for v, attrs in targets.items():
            i, j = node(*u), node(*v)
            if i == j:
                continue
            pair = (min(i, j), max(i, j))
            tag = attrs.get("passage") or ""
            if tag in ("segment", "segment2", "pacific_ocean"):
                tag = ""
            pairs[pair] = pairs.get(pair) or tag
    lonlat = np.array(coords, dtype=float)
    edges = np.array(list(pairs), dtype=np.int64)
    tags = np.array(list(pairs.values()), dtype=object)
    a, b = lonlat[edges[:, 0]], lonlat[edges[:, 1]]
    weight = np.asarray(GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])[2], dtype=float)

    arctic = _in_arctic(a[:, 0], a[:, 1]) | _in_arctic(b[:, 0], b[:, 1]) | (tags == "northwest")
    good_hope = _crosses_meridian(a, b, 20.0, -34.5) | (tags == "south_africa")
    horn = _crosses_meridian(a, b, -67.0, -52.0) | (tags == "chili")
    tags[good_hope] = CAPE
    tags[horn] = CAPE_HORN
    tags[arctic] = ARCTIC
    for arr in (lonlat, edges, weight, tags):
        arr.setflags(write=False)
    return _Network(lonlat, edges, weight, tags)


def _unit_vectors(lonlat: np.ndarray) -> np.ndarray:
    lon, lat = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


@dataclass(frozen=True)
class _Graph:
    matrix: csr_matrix
    tree: cKDTree  # over the nodes of the graph's large components
    nodes: np.ndarray  # node index of each tree point


@lru_cache(maxsize=16)
def _graph(blocked: frozenset[str]) -> _Graph:
    """The network without the edges tagged ``blocked``: read-only, one per restriction set."""
    net = _network()
    keep = ~np.isin(net.tags, list(blocked))
    e, w = net.edges[keep], net.weight_m[keep]
    n = len(net.lonlat)
    matrix = csr_matrix((w, (e[:, 0], e[:, 1])), shape=(n, n))
    _, labels = connected_components(matrix, directed=False)
    sizes = np.bincount(labels)
    nodes = np.flatnonzero(sizes[labels] >= 100)  # not a stub of river or lake
    return _Graph(matrix, cKDTree(_unit_vectors(net.lonlat[nodes])), nodes)


def _snap(lon: float, lat: float, blocked: frozenset[str], max_m: float = MAX_SNAP_M) -> int | None:
    """The nearest usable node of the network, if it is within ``max_m``."""
    graph = _graph(blocked)
    _, i = graph.tree.query(_unit_vectors(np.array([[lon, lat]]))[0])
    node = int(graph.nodes[i])
    nlon, nlat = _network().lonlat[node]
    if GEOD.inv(lon, lat, nlon, nlat)[2] > max_m:
        return None
    return node


@lru_cache(maxsize=256)
def _shortest_tree(blocked: frozenset[str], source: int) -> tuple[np.ndarray, np.ndarray]:
    dist, pred = dijkstra(_graph(blocked).matrix, directed=False, indices=source, return_predecessors=True)
    dist.setflags(write=False)
    pred.setflags(write=False)
    return dist, pred


@dataclass(frozen=True)
class _Leg:
    coordinates: np.ndarray  # from the start point to the end point, both included
    tags: tuple[str, ...]  # passages in the order they are sailed

    @cached_property
    def length_m(self) -> float:
        return geodesic_length_m(self.coordinates)


@lru_cache(maxsize=512)  # the six Arctic routes share three gateways: each leg is found once
def _ocean_leg(start: tuple[float, float], end: tuple[float, float], blocked: frozenset[str],
               end_snap_m: float = MAX_SNAP_M) -> _Leg | None:
    """The shortest open-sea path from ``start`` to ``end`` avoiding ``blocked`` passages."""
    a, b = _snap(*start, blocked), _snap(*end, blocked, end_snap_m)
    if a is None or b is None:
        return None
    dist, pred = _shortest_tree(blocked, a)
    if not np.isfinite(dist[b]):
        return None
    path = [b]
    while path[-1] != a:
        path.append(int(pred[path[-1]]))
    path.reverse()
    net = _network()
    tags = _edge_tags()
    passages: list[str] = []
    for u, v in zip(path[:-1], path[1:]):
        tag = tags.get((min(u, v), max(u, v)), "")
        if tag and tag not in passages:
            passages.append(tag)
    coords = _drop_repeats(np.vstack([np.array([start]), net.lonlat[path], np.array([end])]))
    coords.setflags(write=False)
    return _Leg(coords, tuple(passages))


@lru_cache(maxsize=1)
def _edge_tags() -> dict[tuple[int, int], str]:
    net = _network()
    return {(int(u), int(v)): str(t) for (u, v), t in zip(net.edges, net.tags) if t}


def _drop_repeats(coords: np.ndarray) -> np.ndarray:
    keep = np.ones(len(coords), dtype=bool)
    keep[1:] = np.any(np.abs(np.diff(coords, axis=0)) > 1e-9, axis=1)
    return coords[keep]


# ------------------------------------------------------------- Arctic routes


@dataclass(frozen=True)
class _ArcticRoute:
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
def _arctic_routes() -> tuple[_ArcticRoute, ...]:
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
            _ArcticRoute(
                str(row["id"]), str(row["family"]), str(row["name"]), tuple(row["via"]), coords, cumulative,
                waypoints,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class _Access:
    """How a port reaches an Arctic route: at vertex ``index``, along ``leg`` (port first)."""

    index: int
    leg: _Leg
    length_m: float


def _access(port: Port, route: _ArcticRoute) -> list[_Access]:
    if _snap(port.lon, port.lat, INTEROCEAN) is not None:
        # An open-sea port reaches a route at either end, staying in its own ocean.
        out = []
        for index in (0, len(route.coordinates) - 1):
            end = (float(route.coordinates[index, 0]), float(route.coordinates[index, 1]))
            leg = _ocean_leg((port.lon, port.lat), end, INTEROCEAN, MAX_GATEWAY_SNAP_M)
            if leg is not None:
                out.append(_Access(index, leg, leg.length_m))
        return out
    # A port inside the Arctic joins the route at the nearest vertex it can see across water...
    hit = _connector(port, route.id)
    if hit is not None:
        index, length_m = hit
        leg = _Leg(np.array([[port.lon, port.lat], route.coordinates[index]]), ())
        return [_Access(index, leg, length_m)]
    # ... or sails along another route to a gateway the two share (Bering Strait).
    best: dict[int, _Access] = {}
    for other in _arctic_routes():
        near = _connector(port, other.id) if other.id != route.id else None
        if near is None:
            continue
        k, connector_m = near
        for oi in (0, len(other.coordinates) - 1):
            for ri in (0, len(route.coordinates) - 1):
                if oi == k or not np.allclose(other.coordinates[oi], route.coordinates[ri]):
                    continue
                coords = np.vstack([[[port.lon, port.lat]], other.slice(k, oi)])
                length_m = connector_m + abs(other.cumulative_m[oi] - other.cumulative_m[k])
                if ri not in best or length_m < best[ri].length_m:
                    best[ri] = _Access(ri, _Leg(coords, tuple(other.passes(k, oi))), length_m)
    return list(best.values())


#: A port's own shore: the part of a connector that may run over land next to the
#: port (a town's position is often inland of its quays).
HARBOUR_APPROACH_M = 15_000.0


@lru_cache(maxsize=1)
def _land_nearby() -> Any:
    """The display land (EPSG:3413, simplified at 1 km), grown by 1 km: clear of this is clear of the coast."""
    import shapely

    from arctic_routes.mapview import decode_land, land_document

    polygons = [shapely.Polygon(rings[0], rings[1:]) for rings in decode_land(land_document())]
    land = shapely.buffer(shapely.make_valid(shapely.MultiPolygon(polygons)), 1000.0, quad_segs=2)
    shapely.prepare(land)
    return land


@lru_cache(maxsize=128)
def _connector(port: Port, route_id: str) -> tuple[int, float] | None:
    """The nearest vertex of ``route_id`` that ``port`` reaches by a straight line over water.

    The line may cross land only within its first :data:`HARBOUR_APPROACH_M`
    (the port's own shore, and the islets and spits of its bay on the 1:10m land).
    """
    import shapely

    route = next(r for r in _arctic_routes() if r.id == route_id)
    c = route.coordinates
    n = len(c)
    dist = GEOD.inv(np.full(n, port.lon), np.full(n, port.lat), c[:, 0], c[:, 1])[2]
    land = _land_nearby()
    start = shapely.Point(to_polar([(port.lon, port.lat)])[0])
    for index in np.argsort(dist):
        if dist[index] > MAX_CONNECTOR_M:
            break
        line = shapely.LineString(to_polar(densify_geodesic([(port.lon, port.lat), tuple(c[index])], 2.0)))
        crossed = shapely.intersection(line, land)
        pieces = list(getattr(crossed, "geoms", [crossed])) if not crossed.is_empty else []
        if all(start.hausdorff_distance(p) <= HARBOUR_APPROACH_M for p in pieces):
            return int(index), float(dist[index])
    return None


def _stranded(port: Port) -> bool:
    """Neither on the open-sea network nor near any Arctic route."""
    return _snap(port.lon, port.lat, INTEROCEAN) is None and not any(
        _access(port, r) for r in _arctic_routes()
    )


def _arctic_voyage(origin: Port, destination: Port, route: _ArcticRoute) -> Voyage | None:
    best: tuple[float, _Access, _Access] | None = None
    for a in _access(origin, route):
        for b in _access(destination, route):
            if a.index == b.index:
                continue  # both ends at the same gateway: the route is not used
            along = abs(route.cumulative_m[b.index] - route.cumulative_m[a.index])
            total = a.length_m + along + b.length_m
            if best is None or total < best[0]:
                best = (total, a, b)
    if best is None:
        return None
    _, a, b = best
    arctic = route.slice(a.index, b.index)
    coords = _drop_repeats(np.vstack([a.leg.coordinates, arctic, b.leg.coordinates[::-1]]))
    whole = {a.index, b.index} == {0, len(route.coordinates) - 1}
    if whole:
        passes = list(route.via if b.index > a.index else route.via[::-1])
    else:
        passes = route.passes(a.index, b.index)
    via = [PASSAGE_NAMES.get(t, t) for t in a.leg.tags] + passes
    via += [PASSAGE_NAMES.get(t, t) for t in reversed(b.leg.tags)]
    return Voyage(
        route=route.family,
        variant=route.id,
        name=route.name if whole else f"{route.name}, in part",
        via=tuple(dict.fromkeys(via)),
        coordinates=tuple(map(tuple, coords.tolist())),
        length_m=geodesic_length_m(coords),
        arctic_length_m=geodesic_length_m(arctic),
    )


def _conventional_voyage(origin: Port, destination: Port, option: str) -> Voyage | None:
    must_use = CONVENTIONAL[option]
    blocked = INTEROCEAN - {must_use} if must_use else INTEROCEAN
    leg = _ocean_leg((origin.lon, origin.lat), (destination.lon, destination.lat), blocked)
    if leg is None or (must_use and must_use not in leg.tags):
        return None
    names = {SUEZ: "via Suez", PANAMA: "via Panama", CAPE: "via the Cape of Good Hope", OPEN_SEA: "open sea"}
    return Voyage(
        route=option,
        variant=None,
        name=names[option],
        via=tuple(PASSAGE_NAMES.get(t, t) for t in leg.tags),
        coordinates=tuple(map(tuple, leg.coordinates.tolist())),
        length_m=leg.length_m,
    )


# ----------------------------------------------------------------- compare


def compare(origin: Port | str, destination: Port | str) -> Comparison:
    """Every sensible voyage from ``origin`` to ``destination``, shortest first.

    Ports may be given by name or UN/LOCODE. The result is cached and shared:
    it is immutable, and nothing a caller does changes what another sees.
    """
    o = origin if isinstance(origin, Port) else find_port(origin)
    d = destination if isinstance(destination, Port) else find_port(destination)
    return _compare(o, d)


@lru_cache(maxsize=64)  # about 1 MB a comparison (vertex tuples); one costs ~20 ms to redo
def _compare(origin: Port, destination: Port) -> Comparison:
    if (origin.lon, origin.lat) == (destination.lon, destination.lat):
        raise ValueError(f"{origin.label} is both the origin and the destination")
    voyages = [v for opt in CONVENTIONAL if (v := _conventional_voyage(origin, destination, opt))]
    for route in _arctic_routes():
        v = _arctic_voyage(origin, destination, route)
        # Variants that share the part sailed (Utqiagvik to Prudhoe Bay) are one voyage: keep the first.
        if v and all(u.coordinates != v.coordinates for u in voyages):
            voyages.append(v)
    notes = [
        f"{p.name} is off the open-sea network and over {MAX_CONNECTOR_M / 1000:.0f} km from every "
        "Arctic route (a river or bay port): no voyage to or from it in our data."
        for p in (origin, destination)
        if _stranded(p)
    ]
    if not voyages and not notes:
        notes.append(f"No voyage joins {origin.name} and {destination.name} in our data: they are on "
                     "different Arctic routes that share no gateway.")
    conventional = [v for v in voyages if not v.is_arctic]
    if conventional:
        limit = SENSIBLE_FACTOR * min(v.length_m for v in conventional)
    elif voyages:
        limit = SENSIBLE_FACTOR * min(v.length_m for v in voyages)
        notes.append("No voyage avoids the Arctic: there is no conventional route to compare with.")
    else:
        limit = 0.0
    dropped = [v.name for v in voyages if v.length_m > limit]
    if dropped:
        against = "the conventional" if conventional else "the shortest"
        notes.append(f"Left out as more than {SENSIBLE_FACTOR:g} times {against} length: {', '.join(dropped)}.")
    kept = sorted((v for v in voyages if v.length_m <= limit), key=lambda v: v.length_m)
    return Comparison(origin, destination, tuple(kept), tuple(notes))


def warm_up() -> None:
    """Load the sea network, the routes and the land check (about 3 s) before a comparison needs them."""
    _arctic_routes()
    _edge_tags()
    _land_nearby()
    for passage in CONVENTIONAL.values():
        _graph(INTEROCEAN - {passage} if passage else INTEROCEAN)


def clear_cache() -> None:
    """Forget computed comparisons and searches (the network itself stays loaded)."""
    _compare.cache_clear()
    _ocean_leg.cache_clear()
    _shortest_tree.cache_clear()


def as_json(comparison: Comparison, speed_kn: float = DEFAULT_SPEED_KN) -> dict[str, Any]:
    """The CLI's JSON: ``{"from", "to", "speed_kn", "options": [...]}``."""

    def port(p: Port) -> dict[str, Any]:
        return {"name": p.name, "unlocode": p.unlocode, "lon": p.lon, "lat": p.lat}

    options = []
    for v in comparison.voyages:
        saving = comparison.saving_pct(v)
        options.append(
            {
                "route": v.route,
                "variant": v.variant,
                "name": v.name,
                "via": list(v.via),
                "length_nm": round(v.length_m / METRES_PER_NM, 1),
                "length_km": round(v.length_m / METRES_PER_KM, 1),
                "arctic_length_nm": round(v.arctic_length_m / METRES_PER_NM, 1),
                "days": round(v.days(speed_kn), 2),
                "saving_pct": None if saving is None else round(saving, 1),
            }
        )
    return {
        "from": port(comparison.origin),
        "to": port(comparison.destination),
        "speed_kn": speed_kn,
        "options": options,
        "notes": list(comparison.notes),
    }


def options_rows(comparison: Comparison, unit: str, speed_kn: float) -> list[dict[str, Any]]:
    """One row per voyage for a table: name, via, length in ``unit``, days, saving (unrounded: format once)."""
    return [
        {
            "voyage": v.name,
            "via": ", ".join(v.via) or "open sea",
            f"length_{unit}": convert_m(v.length_m, unit),
            "days": v.days(speed_kn),
            "saving_pct": comparison.saving_pct(v),
        }
        for v in comparison.voyages
    ]

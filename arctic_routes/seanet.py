"""The open-sea network: shortest ocean legs between two points, avoiding the passages a search closes.

The Eurostat SeaRoute maritime network as shipped by PyPI ``searoute``
(Apache-2.0; the network itself EUPL-1.2). Only its node and edge lists
(``searoute.data.marnet_dict``) are read; the graph and the routing are ours,
which avoids the library's measured sharp edges:

- restrictions are an argument of each search and select a read-only graph;
  nothing is ever written onto shared state, so concurrent readers cannot see
  each other's settings;
- longitudes are normalised to [-180, 180) before nodes are merged, which joins
  the two Bering Strait nodes (-169.15 and 190.85) and the two sides of 180 deg;
- every edge weight and every length is geodesic on WGS84
  (:func:`arctic_routes.geodesy.geodesic_length_m`): no haversine, no unit table;
- the network's edges are simplified and some cross land (the Olyutorsky
  peninsula, Guadalupe Island, the Anambas islands...): each such edge is
  replaced by a water path, precomputed on the GLOBE 1 km land mask by
  ``scripts/build_seanet_repairs.py`` into ``arctic_routes/data/seanet-repairs.json``
  (provenance in its header). An edge's weight is the geodesic length of its
  repaired line, and a leg's coordinates include the detour vertices;
- a point joins the network at the nearest of its few nearest nodes that it
  reaches by a line at sea (:func:`join_node`, on the package's own land,
  :func:`arctic_routes.land.land_crossed`): a straight line to the nearest node
  alone crossed peninsulas and islands;
- the same file closes the edges through passages large ships do not sail (the
  Johor causeway, the Corinth Canal, the Euripus, the Menai Strait) and adds
  lanes for ports the network does not reach (the Yenisei to Dudinka, Tiksi
  Bay) or reaches only across land that GLOBE has and our coastline lacks
  (Krishnapatnam past Pulicat lagoon, Abashiri round Cape Shiretoko, Kempo in
  Saleh Bay, Puerto Escondido, Trinity Bay); the edges at a node that lies on
  land (Yagishiri Island, inland Guam, Hamilton Harbour in Bermuda, an island
  of the Stockholm archipelago) are closed and its neighbours joined by water
  paths; each with its provenance.

Knows nothing of ports, Arctic routes or voyages: points in, legs out.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from arctic_routes.datafiles import PACKAGE_DATA
from arctic_routes.geodesy import ARCTIC_CIRCLE_DEG, GEOD, geodesic_length_m
from arctic_routes.land import land_crossed

#: The passages a search may require or close (the conventional options are named after the first three).
SUEZ, PANAMA, CAPE, OPEN_SEA = "suez", "panama", "cape-of-good-hope", "open-sea"
#: Passages that join the Atlantic to the Indian and Pacific oceans, plus the
#: Arctic itself: a leg that must stay in its ocean is searched with all blocked.
CAPE_HORN, ARCTIC = "cape-horn", "arctic"
INTEROCEAN = frozenset({SUEZ, PANAMA, CAPE, CAPE_HORN, ARCTIC})

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

#: A port further than this from the open-sea network is not on it (an Arctic port).
MAX_SNAP_M = 150_000.0
#: A point at sea (lat,lon) that neither the network within MAX_SNAP_M nor any Arctic route reaches (the middle
#: of the Norwegian Sea) joins the network this far away, by a straight line at sea only.
MAX_POINT_SNAP_M = 1_000_000.0
#: The edges repaired to stay off the GLOBE 1 km land (scripts/build_seanet_repairs.py).
REPAIRS_FILE = PACKAGE_DATA / "seanet-repairs.json"
#: Boxes (west, south, east, north; degrees) round the canals, and the straits ships sail that are narrower
#: than or about as wide as the GLOBE 1 km mask's cells, which it sees as land (in part): the only places a
#: repaired edge may run over the GLOBE land. What each box holds and its source: :data:`CANAL_BOX_SOURCES`.
CANAL_BOXES = {
    "Suez Canal": (32.25, 29.88, 32.62, 31.30),
    "Panama Canal": (-79.95, 8.88, -79.50, 9.38),
    "Kiel Canal": (9.10, 53.86, 10.18, 54.38),
    "Cape Cod Canal": (-70.69, 41.68, -70.49, 41.785),
    "Bosporus": (28.98, 41.00, 29.14, 41.24),
    "Kanmon Strait": (130.83, 33.89, 131.04, 34.00),
}
CANAL_BOX_SOURCES = {
    "Suez Canal": "Port Said to Port Tewfik",
    "Panama Canal": "Colon to Balboa",
    "Kiel Canal": "Brunsbuettel to Kiel-Holtenau",
    "Cape Cod Canal": "Cape Cod Bay to Buzzards Bay, the land cut and its approach channels: 17.4 miles, 480 ft "
                      "wide, 32 ft deep (US Army Corps of Engineers, New England District, 'Cape Cod Canal')",
    "Bosporus": "the strait from the Sea of Marmara to the Black Sea, about 30 km long and at least about 700 m "
                "wide (Encyclopaedia Britannica, 'Bosporus'): GLOBE's cells leave it a broken line of water",
    "Kanmon Strait": "Shimonoseki to Moji, about 600 m wide at Hayatomo-no-seto: the Kanmon Passage, a fairway "
                     "under Japan's Port Regulations Act, its traffic managed by the Japan Coast Guard's Kanmon "
                     "Kaikyo Vessel Traffic Service Center (Kanmon MARTIS); GLOBE closes it",
}

#: A route's gateway may be this far from the network's nearest node: Davis Strait
#: and Fram Strait lie beyond the network's last open-water nodes (checked for land in tests).
MAX_GATEWAY_SNAP_M = 300_000.0


@dataclass(frozen=True)
class Network:
    """The SeaRoute nodes and edges, read-only; ``tags`` names the passage an edge belongs to (or "").

    ``detours`` maps a repaired edge (i, j), i < j, to the vertices sailed between its nodes, from
    node i to node j (neither included); an edge not in it is a single geodesic.
    """

    lonlat: np.ndarray  # (n, 2), longitudes in [-180, 180)
    edges: np.ndarray  # (m, 2) node indices, the smaller first
    weight_m: np.ndarray  # (m,) geodesic length of each edge's line (with its detour, if repaired)
    tags: np.ndarray  # (m,) passage tag or ""
    detours: Mapping[tuple[int, int], np.ndarray]

    def line(self, i: int, j: int) -> np.ndarray:
        """The (lon, lat) vertices sailed along the edge from node ``i`` to node ``j``, both included.

        Examples
        --------
        searoute's edge from the Bering Sea (62.1N 180) to Kamchatka (59.6N 167.9E) crossed the
        Olyutorsky peninsula; repaired, it rounds Cape Olyutorsky:

        >>> net = network()
        >>> i, j = (int(np.flatnonzero((net.lonlat == p).all(axis=1))[0]) for p in ([-180, 62.1], [167.9, 59.6]))
        >>> net.line(i, j).round(2).tolist()
        [[-180.0, 62.1], [170.23, 59.89], [167.9, 59.6]]
        """
        detour = self.detours.get((min(i, j), max(i, j)))
        if detour is None:
            return self.lonlat[[i, j]]
        inner = detour if i < j else detour[::-1]
        return np.vstack([self.lonlat[i : i + 1], inner, self.lonlat[j : j + 1]])


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


def _node_key(lon: float, lat: float) -> tuple[float, float]:
    """How a node is known: longitude normalised to [-180, 180), both to 1e-6 deg."""
    return round((lon + 180.0) % 360.0 - 180.0, 6), round(lat, 6)


@lru_cache(maxsize=2)
def network(repaired: bool = True) -> Network:
    """The SeaRoute network, merged across 180 deg, weighted geodesically, tagged by passage.

    ``repaired=False`` gives the edges as searoute ships them, every one a single geodesic (what
    ``scripts/build_seanet_repairs.py`` repairs).
    """
    edge_list = _searoute_edges()

    index: dict[tuple[float, float], int] = {}
    coords: list[tuple[float, float]] = []

    def node(lon: float, lat: float) -> int:
        key = _node_key(lon, lat)
        if key not in index:
            index[key] = len(coords)
            coords.append(key)
        return index[key]

    doc = json.loads(REPAIRS_FILE.read_text()) if repaired else {}
    closed = {frozenset((_node_key(*e["from"]), _node_key(*e["to"]))) for e in doc.get("closed", [])}
    pairs: dict[tuple[int, int], str] = {}
    for u, targets in edge_list.items():
        for v, attrs in targets.items():
            if frozenset((_node_key(*u), _node_key(*v))) in closed:
                continue
            i, j = node(*u), node(*v)
            if i == j:
                continue
            pair = (min(i, j), max(i, j))
            tag = str(attrs.get("passage") or "")
            if tag in ("segment", "segment2", "pacific_ocean"):
                tag = ""
            pairs[pair] = pairs.get(pair) or tag
    lanes: dict[tuple[int, int], list[list[float]]] = {}
    for entry in doc.get("lanes", []):  # a port's way in: its end becomes a node
        i, j = node(*entry["from"]), node(*entry["to"])
        pairs[(min(i, j), max(i, j))] = ""
        lanes[(min(i, j), max(i, j))] = entry["via"] if i < j else entry["via"][::-1]
    lonlat = np.array(coords, dtype=float)
    edges = np.array(list(pairs), dtype=np.int64)
    tags = np.array(list(pairs.values()), dtype=object)
    a, b = lonlat[edges[:, 0]], lonlat[edges[:, 1]]
    weight = np.asarray(GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])[2], dtype=float)
    detours: dict[tuple[int, int], np.ndarray] = {}
    if repaired:
        position = {pair: k for k, pair in enumerate(pairs)}
        repairs = [((e["from"][0], e["from"][1], e["to"][0], e["to"][1]), e["via"]) for e in doc["edges"]]
        repairs += [((lon1, lat1, lon2, lat2), via) for (lon1, lat1), (lon2, lat2), via in (
            (coords[i], coords[j], v) for (i, j), v in lanes.items())]
        for (lon1, lat1, lon2, lat2), vertices in repairs:
            i, j = index.get(_node_key(lon1, lat1), -1), index.get(_node_key(lon2, lat2), -1)
            if (min(i, j), max(i, j)) not in position:
                continue  # a repaired edge since closed
            inner = np.array(vertices if i < j else vertices[::-1], dtype=float).reshape(-1, 2)
            inner.setflags(write=False)
            detours[(min(i, j), max(i, j))] = inner
            weight[position[(min(i, j), max(i, j))]] = GEOD.line_length(
                *np.vstack([lonlat[min(i, j)], inner, lonlat[max(i, j)]]).T
            )

    arctic = _in_arctic(a[:, 0], a[:, 1]) | _in_arctic(b[:, 0], b[:, 1]) | (tags == "northwest")
    good_hope = _crosses_meridian(a, b, 20.0, -34.5) | (tags == "south_africa")
    horn = _crosses_meridian(a, b, -67.0, -52.0) | (tags == "chili")
    tags[good_hope] = CAPE
    tags[horn] = CAPE_HORN
    tags[arctic] = ARCTIC
    for arr in (lonlat, edges, weight, tags):
        arr.setflags(write=False)
    return Network(lonlat, edges, weight, tags, MappingProxyType(detours))


def _searoute_edges() -> dict[tuple[float, float], dict[tuple[float, float], dict[str, object]]]:
    """searoute's edge list (``searoute/data/marnet_dict.py``), read without importing the searoute package.

    The package's ``__init__`` imports networkx and its own router (about 11 MB a server never uses), and
    an imported module would keep the 1.8 MB source's dicts (about 12 MB) for good. Loaded as a module of
    its own name, read once, and let go when :func:`network` returns (Python still caches its bytecode).
    """
    spec = importlib.util.find_spec("searoute")  # finds the package; does not run it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("searoute is not installed")
    path = Path(spec.submodule_search_locations[0]) / "data" / "marnet_dict.py"
    module_spec = importlib.util.spec_from_file_location("arctic_routes._searoute_marnet", path)
    if module_spec is None or module_spec.loader is None:
        raise ModuleNotFoundError(f"cannot read {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)  # never put in sys.modules: freed with the last reference
    return module.edge_list  # type: ignore[no-any-return]


def _unit_vectors(lonlat: np.ndarray) -> np.ndarray:
    lon, lat = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


@dataclass(frozen=True)
class Graph:
    """A searchable view of the network with some passages closed."""

    matrix: csr_matrix
    tree: cKDTree  # over the nodes of the graph's large components
    nodes: np.ndarray  # node index of each tree point


@lru_cache(maxsize=16)
def graph(blocked: frozenset[str]) -> Graph:
    """The network without the edges tagged ``blocked``: read-only, one per restriction set."""
    net = network()
    keep = ~np.isin(net.tags, list(blocked))
    e, w = net.edges[keep], net.weight_m[keep]
    n = len(net.lonlat)
    matrix = csr_matrix((w, (e[:, 0], e[:, 1])), shape=(n, n))
    _, labels = connected_components(matrix, directed=False)
    sizes = np.bincount(labels)
    nodes = np.flatnonzero(sizes[labels] >= 100)  # not a stub of river or lake
    return Graph(matrix, cKDTree(_unit_vectors(net.lonlat[nodes])), nodes)


def snap_node(lon: float, lat: float, blocked: frozenset[str], max_m: float = MAX_SNAP_M) -> int | None:
    """The nearest usable node of the network, if it is within ``max_m``."""
    usable = graph(blocked)
    _, i = usable.tree.query(_unit_vectors(np.array([[lon, lat]]))[0])
    node = int(usable.nodes[i])
    nlon, nlat = network().lonlat[node]
    if GEOD.inv(lon, lat, nlon, nlat)[2] > max_m:
        return None
    return node


#: A point joins the network at one of this many nearest nodes (within the snap distance)...
JOIN_CANDIDATES = 8
#: ... the nearest whose straight line to it crosses no land farther than this from the point (a port's own
#: shore, the islets and spits of its bay), else no land farther than APPROACH_M (a port up a river or an
#: estuary), else the nearest node as before.
HARBOUR_APPROACH_M = 15_000.0
APPROACH_M = 90_000.0
#: Land this close to the node is not counted either (a node in a river or a harbour that the land calls land).
NODE_SHORE_M = 3_000.0


@lru_cache(maxsize=2048)
def join_node(lon: float, lat: float, blocked: frozenset[str], max_m: float = MAX_SNAP_M) -> int | None:
    """The node of the network a point joins: the nearest it reaches by a line at sea, within ``max_m``.

    Of the :data:`JOIN_CANDIDATES` nearest usable nodes within ``max_m``, the nearest whose straight line from
    the point crosses no land (:func:`arctic_routes.land.land_crossed`) beyond :data:`HARBOUR_APPROACH_M` of
    the point, else beyond :data:`APPROACH_M`, else the nearest node (what :func:`snap_node` gives); farther
    than :data:`MAX_SNAP_M` (a point far out at sea, :data:`MAX_POINT_SNAP_M`) only by a line at sea.

    """
    usable = graph(blocked)
    k = min(JOIN_CANDIDATES, len(usable.nodes))
    _, found = usable.tree.query(_unit_vectors(np.array([[lon, lat]]))[0], k=k)
    nodes = usable.nodes[np.atleast_1d(found)]
    ends = network().lonlat[nodes]
    dist = np.asarray(GEOD.inv(np.full(len(nodes), lon), np.full(len(nodes), lat), ends[:, 0], ends[:, 1])[2])
    order = [int(k) for k in np.argsort(dist) if dist[k] <= max_m]
    if not order:
        return None
    for free_m in (HARBOUR_APPROACH_M, APPROACH_M):
        for k in order:
            if dist[k] <= free_m or not land_crossed(np.array([[lon, lat], ends[k]]), free_m, NODE_SHORE_M):
                return int(nodes[k])
    # A port's nearest node as before; a point far out at sea joins by a line at sea, or not at all.
    return int(nodes[order[0]]) if max_m <= MAX_SNAP_M else None


@lru_cache(maxsize=256)
def _shortest_tree(blocked: frozenset[str], source: int) -> tuple[np.ndarray, np.ndarray]:
    dist, pred = dijkstra(graph(blocked).matrix, directed=False, indices=source, return_predecessors=True)
    dist.setflags(write=False)
    pred.setflags(write=False)
    return dist, pred


@dataclass(frozen=True)
class Leg:
    """A line sailed: its (lon, lat) vertices and the tagged passages it goes through."""

    coordinates: np.ndarray  # from the start point to the end point, both included, with the edges' detours
    tags: tuple[str, ...]  # passages in the order they are sailed

    @cached_property
    def length_m(self) -> float:
        return geodesic_length_m(self.coordinates)


@lru_cache(maxsize=512)  # the six Arctic routes share three gateways: each leg is found once
def ocean_leg(start: tuple[float, float], end: tuple[float, float], blocked: frozenset[str],
               end_snap_m: float = MAX_SNAP_M, start_snap_m: float = MAX_SNAP_M) -> Leg | None:
    """The shortest open-sea path from ``start`` to ``end`` avoiding ``blocked`` passages."""
    a, b = join_node(*start, blocked, start_snap_m), join_node(*end, blocked, end_snap_m)
    if a is None or b is None:
        return None
    dist, pred = _shortest_tree(blocked, a)
    if not np.isfinite(dist[b]):
        return None
    path = [b]
    while path[-1] != a:
        path.append(int(pred[path[-1]]))
    path.reverse()
    net = network()
    tags = edge_tags()
    passages: list[str] = []
    for u, v in zip(path[:-1], path[1:]):
        tag = tags.get((min(u, v), max(u, v)), "")
        if tag and tag not in passages:
            passages.append(tag)
    lines = [net.line(u, v)[1:] for u, v in zip(path[:-1], path[1:])]
    coords = drop_repeats(np.vstack([np.array([start]), net.lonlat[path[:1]], *lines, np.array([end])]))
    coords.setflags(write=False)
    return Leg(coords, tuple(passages))


@lru_cache(maxsize=1)
def edge_tags() -> dict[tuple[int, int], str]:
    net = network()
    return {(int(u), int(v)): str(t) for (u, v), t in zip(net.edges, net.tags) if t}


def drop_repeats(coords: np.ndarray) -> np.ndarray:
    keep = np.ones(len(coords), dtype=bool)
    keep[1:] = np.any(np.abs(np.diff(coords, axis=0)) > 1e-9, axis=1)
    return coords[keep]


def clear_search_cache() -> None:
    """Forget computed legs and shortest-path trees (the network itself stays loaded)."""
    ocean_leg.cache_clear()
    _shortest_tree.cache_clear()
    join_node.cache_clear()

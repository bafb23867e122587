"""Build ``arctic_routes/data/seanet-repairs.json``: a water path for every sea-network edge that crosses land.

The Eurostat SeaRoute network (as PyPI ``searoute`` 1.6.0 ships it) joins its
nodes by simplified edges, and some run over land that a 1 km mask sees: the
Olyutorsky peninsula on every Bering Sea voyage, Guadalupe Island, islands off
Zhejiang and SW Korea, the Anambas islands... For each edge whose geodesic,
sampled every ``SAMPLE_M``, touches the GLOBE 1 km land (PyPI
``global-land-mask``, outside the boxes round the canals and the straits GLOBE
closes, :data:`arctic_routes.seanet.CANAL_BOXES`), the script:

1. cuts a window of the GLOBE grid round the edge (``MARGIN`` of its length on
   each side, at least ``MIN_MARGIN_DEG``; twice as wide if no path is found);
2. finds the cheapest 4-connected path over water cells between the two nodes
   (scikit-image ``MCP_Geometric``; cells within ``COAST_BAND_CELLS`` of land
   cost up to ``1 + COAST_PENALTY``, so the path keeps to mid-channel where it
   can); a node on GLOBE land (a river mouth, a harbour) starts from the nearest
   water cell within ``MAX_ANCHOR_M``;
3. straightens it greedily: from each vertex, the farthest path point whose
   geodesic keeps one cell off the land (else stays on water cells), as
   ``scripts/build_routes.py`` does on the 1:10m land;
4. checks the result: every sample every ``CHECK_M`` on water and
   ``CORNER_MARGIN_DEG`` off any land cell (a line through a cell corner touches
   land), except between a node on land and its water cell.

An edge whose node lies in water that GLOBE calls land (a lake, a river: the
Caspian Sea, the Great Lakes, the Mississippi, the Yangtze) has no water path,
and one whose water path is longer than ``DETOUR_FACTOR`` times the edge plus
``DETOUR_EXTRA_M`` goes round a channel narrower than GLOBE's cells (Euripus,
the Menai Strait): both are listed as unrepaired, with the reason, and left as
they are. The runtime reads the file; it does not need global-land-mask.

Two more lists, also built here:

- ``closed``: edges through passages that large ships do not sail, found as the edges passing within a
  given distance of a named point (:data:`CLOSURES`): the Johor causeway (a road and rail dam since 1924:
  the network's edge joins the two halves of the Johor Strait across it), the Corinth Canal (24.6 m wide
  and 8 m deep: ships beyond about 10,000 t go round the Peloponnese), the Euripus at Chalkis (40 m, a
  sliding bridge) and the Menai Strait (shoals and bridges; coastal craft only). The runtime leaves them out.
- ``lanes``: a way in for ports the network does not reach (:data:`LANES`): from the port's water to a
  network node, the cheapest path on the GLOBE grid where land cells (a river GLOBE closes) cost
  ``LANE_LAND_COST`` times water, straightened as the repairs are; its km over GLOBE land are recorded.
  The runtime adds the port's end as a node joined to the network by that line.

- bypasses (:data:`BYPASSES`): a network node that lies on land (on Yagishiri Island, inland on Guam...) has
  every edge closed, and its neighbours are joined pairwise by water paths found as the repairs are, listed
  with the lanes.

``--lanes-only`` rebuilds those lists and keeps the repaired edges as the file has them.
Deterministic: the same network and mask give the same file (run from the
repository root or anywhere: ``scripts/`` is on the path as the script's folder).

Usage::

    pip install -e '.[build]' && python scripts/build_seanet_repairs.py
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json

import numpy as np
from globe_mask import CELL_DEG, CORNER_MARGIN_DEG, cell_centres, geodesic_samples, in_canal, land_at, window
from scipy import ndimage
from skimage.graph import MCP_Geometric

from arctic_routes.geodesy import GEOD
from arctic_routes.seanet import CANAL_BOXES, REPAIRS_FILE, network

#: An edge is sampled this often to decide whether it crosses land.
SAMPLE_M = 250.0
#: The repaired line is checked this densely.
CHECK_M = 25.0
#: Search window: this share of the edge's length on each side, at least MIN_MARGIN_DEG of latitude.
MARGIN = 0.25
MIN_MARGIN_DEG = 0.3
#: Water cells this close to land cost more (up to COAST_PENALTY extra).
COAST_BAND_CELLS = 4
COAST_PENALTY = 2.0
#: A water path longer than DETOUR_FACTOR times the edge plus DETOUR_EXTRA_M goes round a channel
#: narrower than GLOBE's cells (Euripus at Chalkis, 40 m; the Menai Strait): not a repair, the edge stays.
DETOUR_FACTOR = 2.0
DETOUR_EXTRA_M = 20_000.0
#: Next to a node (as searoute places it) a line need only be on water, not CORNER_MARGIN_DEG off land.
NODE_SLACK_M = 100.0
#: A node on GLOBE land is joined to the nearest water cell this close; else the edge is not repaired.
MAX_ANCHOR_M = 5_000.0


def _unwrap(lon: float, reference: float) -> float:
    return reference + ((lon - reference + 180.0) % 360.0 - 180.0)


def _normalise(coords: np.ndarray) -> np.ndarray:
    out = coords.copy()
    out[:, 0] = (out[:, 0] + 180.0) % 360.0 - 180.0
    return out


class EdgeRepair:
    """The water path for one edge from ``a`` to ``b`` (lon, lat; ``b`` unwrapped next to ``a``)."""

    def __init__(self, a: np.ndarray, b: np.ndarray) -> None:
        self.a, self.b = a, np.array([_unwrap(b[0], a[0]), b[1]])
        self.stub_m = [0.0, 0.0]  # metres next to each node that may be land (a node on land)

    def clear(self, p: np.ndarray, q: np.ndarray, around: int) -> bool:
        """Whether the geodesic from p to q keeps ``around`` cells (or, for 0, CORNER_MARGIN_DEG) off land.

        Land between a node on land and its water cell is allowed; within NODE_SLACK_M of a node the
        margin is not asked for (the node is where searoute put it, perhaps next to a land cell).
        """
        step, margin = (4 * CHECK_M, 0.0) if around else (CHECK_M, CORNER_MARGIN_DEG)
        samples = geodesic_samples(tuple(p), tuple(q), step)
        lonlat = _normalise(samples)
        land = land_at(lonlat, around, margin)
        if not land.any():
            return True
        n = len(samples)
        to_node = [GEOD.inv(np.full(n, node[0]), np.full(n, node[1]), samples[:, 0], samples[:, 1])[2]
                   for node in (self.a, self.b)]
        if around == 0:
            close = (to_node[0] <= NODE_SLACK_M) | (to_node[1] <= NODE_SLACK_M)
            land = np.where(close, land_at(lonlat), land)
        allowed = (to_node[0] <= self.stub_m[0]) | (to_node[1] <= self.stub_m[1])
        return not (land & ~allowed).any()

    def path(self, margin_deg: float) -> np.ndarray | None:
        """Path points (lon, lat, unwrapped) from a to b over water cells, or None."""
        lat_mid = np.radians((self.a[1] + self.b[1]) / 2.0)
        lon_margin = min(margin_deg / max(np.cos(lat_mid), 0.2), 60.0)
        west, east = min(self.a[0], self.b[0]) - lon_margin, max(self.a[0], self.b[0]) + lon_margin
        south = max(min(self.a[1], self.b[1]) - margin_deg, -89.9)
        north = min(max(self.a[1], self.b[1]) + margin_deg, 89.9)
        ocean, r0, c0 = window(west, south, east, north)
        if _near_canal(west, south, east, north):  # a canal is water to the search
            rows, cols = np.indices(ocean.shape)
            centres = cell_centres(rows.ravel() + r0, cols.ravel() + c0)
            ocean = ocean | in_canal(_normalise(centres)).reshape(ocean.shape)
        if not ocean.any():
            return None
        dist_cells, nearest = ndimage.distance_transform_edt(~ocean, return_indices=True)
        to_land = ndimage.distance_transform_edt(ocean)
        cost = 1.0 + COAST_PENALTY * np.clip(1.0 - (to_land - 1.0) / COAST_BAND_CELLS, 0.0, 1.0)
        cost[~ocean] = np.inf
        ends = []
        for k, node in enumerate((self.a, self.b)):
            r = int(np.floor((90.0 - node[1]) / CELL_DEG)) - r0
            c = int(np.floor((node[0] + 180.0) / CELL_DEG)) - c0
            if not (0 <= r < ocean.shape[0] and 0 <= c < ocean.shape[1]):
                return None
            if not ocean[r, c]:
                r, c = int(nearest[0, r, c]), int(nearest[1, r, c])
                lon, lat = cell_centres(np.array([r + r0]), np.array([c + c0]))[0]
                hop = GEOD.inv(node[0], node[1], lon, lat)[2]
                if hop > MAX_ANCHOR_M:
                    return None
                self.stub_m[k] = hop + 0.75 * 1852.0 * 60 * CELL_DEG  # the hop and most of a cell
            ends.append((r, c))
        # 4-connected: two water cells that touch only at a corner are no passage (a line there touches land).
        mcp = MCP_Geometric(cost, fully_connected=False, sampling=(1.0, float(np.cos(lat_mid))))
        costs, _ = mcp.find_costs([ends[0]], [ends[1]])
        if not np.isfinite(costs[ends[1]]):
            return None
        cells = np.array(mcp.traceback(ends[1]))
        pts = cell_centres(cells[:, 0] + r0, cells[:, 1] + c0)
        return np.vstack([self.a, pts, self.b])

    def straighten(self, pts: np.ndarray) -> np.ndarray:
        """Greedy any-angle smoothing: jump to the farthest point in clear view (one cell off land if possible)."""
        out = [0]
        i = 0
        while i < len(pts) - 1:
            best = i + 1
            for around in (1, 0):
                far = self._farthest(pts, i, around)
                if far is not None:
                    best = far
                    break
            out.append(best)
            i = best
        return pts[out]

    def _farthest(self, pts: np.ndarray, i: int, around: int) -> int | None:
        lo, hi = i + 1, len(pts) - 1
        if self.clear(pts[i], pts[hi], around):
            return hi
        if not self.clear(pts[i], pts[lo], around):
            return None
        best = lo
        while hi - lo > 1:  # binary search on the last clear index (near-monotone)
            mid = (lo + hi) // 2
            if self.clear(pts[i], pts[mid], around):
                lo = best = mid
            else:
                hi = mid
        return best

    def repair(self, length_m: float) -> np.ndarray | None:
        """The detour vertices between a and b (normalised lon, lat), or None if no water path is found."""
        margin = max(MIN_MARGIN_DEG, MARGIN * length_m / 111_000.0)
        for attempt in range(3):
            self.stub_m = [0.0, 0.0]
            pts = self.path(margin * 2**attempt)
            if pts is not None:
                line = self.straighten(pts)
                if not all(self.clear(p, q, 0) for p, q in zip(line[:-1], line[1:])):
                    raise RuntimeError(f"the straightened path from {self.a} to {self.b} touches land")
                return _normalise(line[1:-1])
        return None


#: Passages large ships do not sail: (name, why, lon, lat, metres): every edge passing that close is closed.
CLOSURES = [
    ("Johor causeway", "a road and rail dam across the Johor Strait since 1924", 103.7685, 1.4545, 1500.0),
    ("Corinth Canal", "24.6 m wide and 8 m deep: no passage for large ships", 22.98, 37.93, 2500.0),
    ("Euripus at Chalkis", "40 m wide under a sliding bridge", 23.5925, 38.4625, 700.0),
    ("Menai Strait", "shoals and low bridges: coastal craft only", -4.185, 53.216, 2500.0),
]

#: Ways in for ports off the network: (name, port's water (lon, lat), network node (lon, lat), why). After the
#: two river ports: ports whose straight line to every nearby node crosses land that GLOBE has and the
#: package's 1:50m land lacks (a connector is checked on the latter at run time), found by
#: ``python -m scripts.sample_voyages_globe``.
LANES = [
    ("Yenisei to Dudinka", (86.10, 69.41), (82.467, 71.983), ""),
    ("Tiksi Bay", (128.95, 71.62), (132.188, 72.633), ""),
    ("Coromandel coast off Krishnapatnam", (80.25, 14.25), (81.0, 13.0),
     "Krishnapatnam's line to the Chennai node crossed the sand bar of Pulicat lagoon (13.4N 80.3E, 8 km)"),
    ("Coromandel coast north of Krishnapatnam", (80.25, 14.25), (82.0, 16.0),
     "the way north from Krishnapatnam, without going south to Chennai first"),
    ("Abashiri round Cape Shiretoko", (144.30, 44.05), (145.6128, 44.3867),
     "Abashiri's line to the node off Cape Shiretoko crossed the cape's tip (44.3N 145.3E, 2 km)"),
    ("Abashiri to the Sea of Okhotsk", (144.30, 44.05), (144.2065, 45.9435),
     "the way west and north from Abashiri, without going round Cape Shiretoko first"),
    ("Saleh Bay to Kempo", (118.15, -8.62), (119.4104, -7.9776),
     "Kempo had no node in reach at sea: its line crossed eastern Sumbawa (8.75S 119.1E, 15 km)"),
    ("Saleh Bay to the Flores Sea, west", (118.15, -8.62), (116.764022, -7.902296),
     "the way west from Kempo, without going east to Sape Strait first"),
    ("Gulf of California off Puerto Escondido", (-111.17, 25.62), (-110.473, 24.7718),
     "Puerto Escondido's (Baja California Sur) line to the node off La Paz crossed Isla San Jose (25.0N 110.6W, "
     "15 km)"),
    ("Gulf of California north of Puerto Escondido", (-111.17, 25.62), (-111.0938, 27.2351),
     "the way north from Puerto Escondido"),
    ("Trinity Bay round Cape St Francis", (-53.45, 48.0), (-52.5, 47.7),
     "Clarenville's line to the node off St John's crossed the Avalon peninsula at Cape St Francis (47.8N "
     "52.8W, 3 km)"),
    ("Trinity Bay to the Atlantic, north", (-53.45, 48.0), (-52.5, 49.6), "the way north out of Trinity Bay"),
]

#: Nodes of the network that lie on land (GLOBE and the islands' charts agree): (name, why, node (lon, lat)).
#: Every edge at such a node is closed and its neighbours are joined pairwise by water paths built as the
#: repairs are (:class:`EdgeRepair`), listed with the lanes.
BYPASSES = [
    ("Yagishiri Island", "the node lies on the island (44.43N 141.42E, off Haboro, Hokkaido): the coastal edges "
     "from La Perouse Strait crossed it", (141.416016, 44.425934)),
    ("Guam", "the node lies inland on Guam (13.50N 144.80E): the edges from Apra Harbor crossed the island",
     (144.8, 13.5)),
    ("Bermuda", "the node lies in Hamilton Harbour (32.30N 64.80W), which GLOBE closes: the ocean edges through "
     "it crossed the island", (-64.8, 32.3)),
    ("an island of the Stockholm archipelago", "the node lies on an island (59.37N 18.73E): the fairway's edges "
     "to Stockholm crossed it", (18.7255, 59.3727)),
]
#: On a lane's search, a GLOBE land cell costs this many water cells (a river GLOBE closes is crossed where
#: shortest, the rest stays on water).
LANE_LAND_COST = 25.0


def closed_edges(net) -> list[dict]:
    """The edges of :data:`CLOSURES`, each with its passage's name and why."""
    out = []
    for name, why, lon, lat, within_m in CLOSURES:
        for i, j in net.edges:
            a, b = net.lonlat[i], net.lonlat[j]
            samples = geodesic_samples(tuple(a), tuple(b), 100.0)
            n = len(samples)
            if GEOD.inv(np.full(n, lon), np.full(n, lat), samples[:, 0], samples[:, 1])[2].min() <= within_m:
                out.append({"from": a.tolist(), "to": b.tolist(), "passage": name, "why": why})
                print(f"closed: {name}: {a[1]:.4f}N {a[0]:.4f}E - {b[1]:.4f}N {b[0]:.4f}E")
    return out


def lane(name: str, port: tuple[float, float], node: tuple[float, float], why: str = "") -> dict:
    """The way from a port's water to a network node on GLOBE: the cheapest path, land cells dearer than water,
    straightened; if that crosses land, the water path found as a repaired edge's is, where there is one (else
    a river GLOBE closes: the land crossed is recorded)."""
    net = network(repaired=False)
    nearest = int(np.argmin(GEOD.inv(np.full(len(net.lonlat), node[0]), np.full(len(net.lonlat), node[1]),
                                     net.lonlat[:, 0], net.lonlat[:, 1])[2]))
    node = (float(net.lonlat[nearest, 0]), float(net.lonlat[nearest, 1]))  # the node exactly as the network has it
    a, b = np.array(port), np.array(node)
    margin = 0.5
    lat_mid = np.radians((a[1] + b[1]) / 2.0)
    lon_margin = margin / max(np.cos(lat_mid), 0.2)
    ocean, r0, c0 = window(min(a[0], b[0]) - lon_margin, min(a[1], b[1]) - margin,
                           max(a[0], b[0]) + lon_margin, max(a[1], b[1]) + margin)
    cost = np.where(ocean, 1.0, LANE_LAND_COST)
    ends = [(int(np.floor((90.0 - p[1]) / CELL_DEG)) - r0, int(np.floor((p[0] + 180.0) / CELL_DEG)) - c0)
            for p in (a, b)]
    mcp = MCP_Geometric(cost, fully_connected=True, sampling=(1.0, float(np.cos(lat_mid))))
    mcp.find_costs([ends[0]], [ends[1]])
    cells = np.array(mcp.traceback(ends[1]))
    pts = cell_centres(cells[:, 0] + r0, cells[:, 1] + c0)
    on_land = ~ocean[cells[:, 0], cells[:, 1]]
    # Straightened: from each point, the farthest later point whose geodesic crosses no more GLOBE land than
    # the path between them does.
    keep = [0]
    i = 0
    while i < len(pts) - 1:
        best = i + 1
        for k in range(len(pts) - 1, i + 1, -1):
            allowed = int(on_land[i : k + 1].sum())
            if int(land_at(geodesic_samples(tuple(pts[i]), tuple(pts[k]), 500.0)).sum()) <= allowed:
                best = k
                break
        keep.append(best)
        i = best
    line = np.vstack([a, pts[keep][1:-1], b])
    dense = geodesic_samples(tuple(line[0]), tuple(line[1]), 1000.0)
    for p, q in zip(line[1:-1], line[2:]):
        dense = np.vstack([dense, geodesic_samples(tuple(p), tuple(q), 1000.0)[1:]])
    land_km = float(land_at(dense).sum())
    if land_km:  # over land: the water path, if there is one (a bay's narrow mouth, not a river)
        at_sea = EdgeRepair(a, b)
        detour = at_sea.repair(float(GEOD.inv(*port, *node)[2]))
        if detour is not None and not any(at_sea.stub_m):
            line = np.vstack([a, np.round(detour, 5), b])
            land_km = 0.0
    km = GEOD.line_length(*line.T) / 1000.0
    print(f"lane {name}: {km:.0f} km, {len(line) - 2} vertices, about {land_km:.0f} km on GLOBE land")
    entry = {"name": name, "from": list(port), "to": list(node), "via": np.round(line[1:-1], 5).tolist(),
             "length_km": round(km, 1), "globe_land_km": round(land_km)}
    return {**entry, "why": why} if why else entry


def bypass(net, name: str, why: str, node: tuple[float, float]) -> tuple[list[dict], list[dict]]:
    """The edges at a node on land (closed) and the water paths joining its neighbours pairwise (lanes)."""
    k = int(np.argmin(GEOD.inv(np.full(len(net.lonlat), node[0]), np.full(len(net.lonlat), node[1]),
                               net.lonlat[:, 0], net.lonlat[:, 1])[2]))
    at_node = net.edges[(net.edges == k).any(axis=1)]
    neighbours = sorted({int(j) for e in at_node for j in e if j != k})
    closed = [{"from": net.lonlat[i].tolist(), "to": net.lonlat[j].tolist(), "passage": name, "why": why}
              for i, j in at_node]
    lanes = []
    for m, i in enumerate(neighbours):
        for j in neighbours[m + 1 :]:
            a, b = net.lonlat[i], net.lonlat[j]
            detour = EdgeRepair(a, b).repair(float(GEOD.inv(a[0], a[1], b[0], b[1])[2]))
            if detour is None:
                raise RuntimeError(f"no water path round {name} from {a} to {b}")
            via = np.round(detour, 5)
            km = GEOD.line_length(*np.vstack([a, via, b]).T) / 1000.0
            lanes.append({"name": f"round {name}", "from": a.tolist(), "to": b.tolist(), "via": via.tolist(),
                          "length_km": round(km, 1), "globe_land_km": 0, "why": why})
            print(f"bypass {name}: {a[1]:.3f}N {a[0]:.3f}E - {b[1]:.3f}N {b[0]:.3f}E  {km:.0f} km, "
                  f"{len(via)} vertices")
    return closed, lanes


def closed_and_lanes(net) -> tuple[list[dict], list[dict]]:
    """The ``closed`` and ``lanes`` lists: :data:`CLOSURES`, :data:`LANES` and :data:`BYPASSES`."""
    closed = closed_edges(net)
    lanes = [lane(*entry) for entry in LANES]
    for name, why, node in BYPASSES:
        shut, joins = bypass(net, name, why, node)
        closed += shut
        lanes += joins
    return closed, lanes


def _near_canal(west: float, south: float, east: float, north: float) -> bool:
    for box_west, box_south, box_east, box_north in CANAL_BOXES.values():
        for shift in (-360.0, 0.0, 360.0):
            if box_west + shift <= east and west <= box_east + shift and box_south <= north and south <= box_north:
                return True
    return False


def crosses_land(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(land_at(geodesic_samples(tuple(a), tuple(b), SAMPLE_M)).any())


LANES_METHOD = ("'closed': edges passing close to a passage large ships do not sail (scripts/build_seanet_repairs.py "
                "CLOSURES, each with why), left out at run time. 'lanes': a way in for a port off the network, from "
                "its water ('from') to a network node ('to'): the cheapest 8-connected path on the GLOBE grid, a "
                f"land cell costing {LANE_LAND_COST:g} water cells (a river GLOBE closes), straightened where a "
                "geodesic crosses no more land than the path; 'globe_land_km' is what it crosses of GLOBE land "
                "(the river). Lanes named 'round ...' replace the edges at a network node that lies on land (closed, "
                "with why): its neighbours joined pairwise by water paths built as the repaired edges are.")


def _dump(doc: dict) -> str:
    """JSON with the header fields and each edge on a line of its own (small, and diffs by edge)."""
    lines = ["{"]
    for key, value in doc.items():
        if isinstance(value, list):
            items = ",\n".join("  " + json.dumps(item) for item in value)
            lines.append(f" {json.dumps(key)}: [\n{items}\n ],")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value)},")
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines) + "\n}\n"


def main() -> None:
    import sys

    if "--lanes-only" in sys.argv:
        doc = json.loads(REPAIRS_FILE.read_text())
        net = network(repaired=False)
        doc["closed"], doc["lanes"] = closed_and_lanes(net)
        doc["lanes_method"] = LANES_METHOD
        REPAIRS_FILE.write_text(_dump(doc))
        print(f"{len(doc['closed'])} edges closed, {len(doc['lanes'])} lanes; wrote {REPAIRS_FILE}")
        return
    net = network(repaired=False)
    edges = []
    unrepaired = []
    for k, (i, j) in enumerate(net.edges):
        a, b = net.lonlat[i], net.lonlat[j]
        if not crosses_land(a, b):
            continue
        detour = EdgeRepair(a, b).repair(float(net.weight_m[k]))
        entry = {"from": a.tolist(), "to": b.tolist()}
        old_km = net.weight_m[k] / 1000.0
        if detour is None:
            why = "no water path on GLOBE: a node in a lake, river or channel that GLOBE closes"
        else:
            via = np.round(detour, 5)
            new_km = GEOD.line_length(*np.vstack([a, via, b]).T) / 1000.0
            too_long = new_km * 1000.0 > DETOUR_FACTOR * net.weight_m[k] + DETOUR_EXTRA_M
            why = f"a channel narrower than GLOBE's cells (water path {new_km:.0f} km)" if too_long else ""
        if not why and len(via) == 0:
            continue  # land only next to a node on land: the straight edge is the water path
        if why:
            unrepaired.append({**entry, "length_km": round(old_km, 1), "why": why})
            print(f"not repaired: {a[1]:.3f}N {a[0]:.3f}E - {b[1]:.3f}N {b[0]:.3f}E  {old_km:.0f} km: {why}")
            continue
        edges.append({**entry, "via": via.tolist(), "length_km": [round(old_km, 1), round(new_km, 1)]})
        print(f"repaired: {a[1]:.3f}N {a[0]:.3f}E - {b[1]:.3f}N {b[0]:.3f}E  {old_km:.0f} -> {new_km:.0f} km, "
              f"{len(via)} vertices")
    doc = {
        "source": "Eurostat SeaRoute marine network (EUPL-1.2) as shipped by PyPI searoute "
                  f"{importlib.metadata.version('searoute')} (searoute.data.marnet_dict)",
        "land": f"GLOBE 1 km land mask (NOAA NGDC GLOBE) as shipped by PyPI global-land-mask "
                f"{importlib.metadata.version('global-land-mask')} (MIT)",
        "method": "Every edge whose geodesic, sampled every 250 m, touches GLOBE land outside the boxes round the "
                  "canals and the straits GLOBE closes (arctic_routes.seanet.CANAL_BOXES) is replaced by the cheapest water path on the GLOBE grid "
                  "round it, straightened to geodesics that keep one cell off the land where they can and "
                  "stay on water everywhere, about 40 m off any land cell (checked every 25 m). 'via' lists the vertices from 'from' to "
                  "'to'; 'length_km' is the edge's geodesic length before and after. 'unrepaired': edges "
                  "left as they are, with why: a node in a lake, river or channel that GLOBE closes, or a "
                  "channel narrower than its 1 km cells (a water path longer than twice the edge plus 20 km).",
        "built": dt.date.today().isoformat(),
        "command": "pip install -e '.[build]' && python scripts/build_seanet_repairs.py",
        "edges": edges,
        "unrepaired": unrepaired,
    }
    doc["closed"], doc["lanes"] = closed_and_lanes(net)
    doc["lanes_method"] = LANES_METHOD
    REPAIRS_FILE.write_text(_dump(doc))
    print(f"{len(edges)} edges repaired, {len(unrepaired)} not; wrote {REPAIRS_FILE}")


if __name__ == "__main__":
    main()

"""No land at 1 km: every route and every voyage line checked against a second, independent land source.

The routes are drawn on Natural Earth 1:10m, which lacks small islands
(Coronation Gulf, Dease Strait), and the open-sea legs follow the Eurostat
SeaRoute network, whose simplified edges cut across land (the Olyutorsky
peninsula, Guadalupe Island...). Here each line is sampled every
:data:`SAMPLE_KM` along its geodesics and each sample looked up in the GLOBE
1 km land mask (PyPI ``global-land-mask``, a test dependency). Spared, and
nothing else: the canals, which a 1 km mask sees as land
(:data:`arctic_routes.seanet.CANAL_BOXES`, by ``in_canal`` from
``scripts/globe_mask.py``, as the build scripts spare them), and a harbour
radius round a voyage's two end ports (a port's position is often inland of its
quays, or up a river).
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from global_land_mask import globe

from arctic_routes.geodesy import GEOD, densify_geodesic, geometry_lonlat
from arctic_routes.routes import load_routes
from arctic_routes.seanet import CANAL_BOX_SOURCES, CANAL_BOXES, REPAIRS_FILE, network
from arctic_routes.voyage import compare
from scripts.globe_mask import in_canal  # the canals the build scripts spare, spared here too

SAMPLE_KM = 1.0

#: A port's own shore: its listed position is often a town centre inland of its quays
#: (the same allowance as arctic_legs.HARBOUR_APPROACH_M for the Arctic ports' connectors).
HARBOUR_KM = 15.0
#: Ports whose approach runs further over what a 1 km mask calls land (measured 2026-12-03).
HARBOUR_KM_BY_PORT = {
    "Rotterdam": 35.0,  # the position is in the city; the Nieuwe Waterweg (28 km to Hook of Holland) is land at 1 km
    "Shanghai": 35.0,  # up the Huangpu River from the Yangtze estuary (25 km of land at 1 km)
    "Houston": 45.0,  # up the Houston Ship Channel through Galveston Bay (37 km of land at 1 km)
    "Provideniya": 25.0,  # at the head of Komsomolskaya Bay, which GLOBE closes (21 km of land at 1 km)
}

#: Port pairs whose every option is checked: all oceans, both canals, the Cape, the Arctic
#: routes from either side, and the Bering Sea (every voyage to Asia through the Bering Strait,
#: the Aleutians, Nome - Provideniya).
VOYAGE_PAIRS = [
    ("Rotterdam", "Yokohama"), ("Rotterdam", "Shanghai"), ("Hamburg", "Busan"), ("New York", "Shanghai"),
    ("Seattle", "Rotterdam"), ("Murmansk", "Vladivostok"), ("Vancouver", "Rotterdam"), ("Houston", "Tokyo"),
    ("Singapore", "Rotterdam"), ("Los Angeles", "Hamburg"), ("Pevek", "Rotterdam"), ("Resolute", "Tokyo"),
    ("Anchorage", "Shanghai"), ("Dutch Harbor", "Busan"), ("Nome", "Provideniya"), ("Prince Rupert", "Yokohama"),
    ("Santos", "Shanghai"), ("Cape Town", "Singapore"), ("Valparaiso", "Rotterdam"), ("Piraeus", "Singapore"),
    ("Sabetta", "Shanghai"),
]


def land_stretches(coords, harbours=()) -> list[str]:
    """Each run of land samples as "lat N lon E, km", outside the canals and the ``harbours`` (lon, lat, km)."""
    samples = densify_geodesic(coords, SAMPLE_KM)
    land = np.asarray(globe.is_land(samples[:, 1], samples[:, 0]), dtype=bool) & ~in_canal(samples)
    for lon, lat, km in harbours:
        n = len(samples)
        dist = GEOD.inv(np.full(n, lon), np.full(n, lat), samples[:, 0], samples[:, 1])[2]
        land &= dist > km * 1000.0
    steps = np.concatenate([[0.0], GEOD.inv(samples[:-1, 0], samples[:-1, 1], samples[1:, 0], samples[1:, 1])[2]])
    out = []
    edges = np.flatnonzero(np.diff(np.concatenate([[0], land.astype(int), [0]])))
    for start, stop in zip(edges[::2], edges[1::2]):
        km = (steps[start + 1 : stop].sum() + SAMPLE_KM * 1000.0) / 1000.0
        lon, lat = samples[start]
        out.append(f"{lat:.2f}N {lon:.2f}E, {km:.0f} km")
    return out


def test_the_mask_sees_what_it_is_checked_for():
    """Not a vacuous check: GLOBE has the Olyutorsky peninsula, the islets in Coronation Gulf, the canals."""
    assert globe.is_land(60.2, 170.2)  # Olyutorsky peninsula
    assert globe.is_land(68.2, -112.0)  # an islet in Coronation Gulf, missing from Natural Earth 1:10m
    assert land_stretches([(32.33, 31.0), (32.33, 30.5)]) == []  # the Suez Canal, spared
    assert land_stretches([(170.69, 60.31), (169.95, 60.13)])  # the old edge over the peninsula


#: A box spares a canal or a strait, not a region: the largest, the Kiel Canal's, is 0.56 square degrees.
MAX_BOX_DEG2 = 0.6


@pytest.mark.parametrize("name", list(CANAL_BOXES))
def test_each_box_is_cited_small_and_needed(name):
    """Each box round a canal or strait names what it holds and its source, is no larger than a canal's, and
    holds GLOBE land (a box round open water would spare nothing and hide a mistake)."""
    west, south, east, north = CANAL_BOXES[name]
    assert CANAL_BOX_SOURCES[name]
    assert 0 < (east - west) * (north - south) <= MAX_BOX_DEG2
    lon, lat = np.meshgrid(np.arange(west, east, 1 / 120), np.arange(south, north, 1 / 120))
    assert np.asarray(globe.is_land(lat.ravel(), lon.ravel())).any()


@pytest.mark.parametrize("route_id", list(load_routes().index))  # every route in the data, whatever their number
def test_route_is_clear_of_globe_land(routes, route_id):
    crossed = land_stretches(geometry_lonlat(routes.loc[route_id, "geojson"]))
    assert not crossed, f"{route_id} crosses land at {', '.join(crossed)}"


@pytest.mark.parametrize("origin, destination", VOYAGE_PAIRS)
def test_voyage_options_are_clear_of_globe_land(origin, destination):
    trip = compare(origin, destination)
    assert trip.voyages
    harbours = [(p.lon, p.lat, HARBOUR_KM_BY_PORT.get(p.name, HARBOUR_KM)) for p in (trip.origin, trip.destination)]
    crossed = {v.name: s for v in trip.voyages if (s := land_stretches(v.coordinates, harbours))}
    assert not crossed, "; ".join(f"{name} crosses land at {', '.join(where)}" for name, where in crossed.items())


#: Next to a node that itself lies on GLOBE land (a harbour, a river mouth) an edge may cross land this far.
NODE_ON_LAND_KM = 6.0


def test_every_network_edge_is_water_but_the_listed_ones():
    """Each edge of the repaired network is water at 1 km, but next to a node on land and on the edges the
    repair file lists as unrepaired (a node in a lake or river, a channel narrower than GLOBE's cells)."""
    net = network()
    doc = json.loads(REPAIRS_FILE.read_text())
    listed = {tuple(e["from"]) + tuple(e["to"]) for e in doc["unrepaired"]}
    # A lane up a river GLOBE closes (the Yenisei to Dudinka) records the land it crosses.
    listed |= {tuple(e[k]) + tuple(e[m]) for e in doc.get("lanes", []) if e["globe_land_km"]
               for k, m in (("from", "to"), ("to", "from"))}
    node_on_land = np.asarray(globe.is_land(net.lonlat[:, 1], net.lonlat[:, 0]), dtype=bool)
    crossing = []
    for i, j in net.edges:
        spared = [(*net.lonlat[k], NODE_ON_LAND_KM) for k in (i, j) if node_on_land[k]]
        if land_stretches(net.line(int(i), int(j)), spared):
            crossing.append(tuple(net.lonlat[i]) + tuple(net.lonlat[j]))
    assert set(crossing) - listed == set()
    assert len(doc["unrepaired"]) < 0.03 * len(net.edges)

"""The route, strait and port data: complete, at sea, through the straits, plausible."""

from __future__ import annotations

import json

import pytest
import shapely

from arctic_routes.datafiles import ROUTES_FILE, geodata_file
from arctic_routes.geodesy import densify_geodesic, geodesic_length_m, geometry_lonlat, to_polar
from arctic_routes.routes import ROUTE_FIELDS, leg_lengths, lengths_table, section_length_m
from arctic_routes.units import METRES_PER_KM, METRES_PER_NM
from devkit.references import (
    NSR_KARA_GATE_PROVIDENIYA_KM,
    PROVIDENIYA_APPROACH,
    kara_gate_provideniya_m,
)

from .conftest import polar_line

REQUIRED_IDS = {
    "nwp-mcclure",
    "nwp-prince-of-wales",
    "nwp-peel-sound",
    "nep-coastal",
    "nep-high-latitude",
    "tsr-pole",
}

# Published reference figures (sources in devkit/references.py and the README).
TRANSPOLAR_BERING_POLE_FRAM_NM = 2100.0  # great circle Bering Strait - North Pole - Fram Strait
CRREL_MURMANSK_VILKITSKY_NM = 1510.0  # US Army CRREL Report 96-03, via Kara Gate
AMSA_MCCLURE_NM = 1094.0  # Arctic Council AMSA route line, Baffin Bay to Beaufort Sea
AMSA_MCCLINTOCK_NM = 1606.0
MURMANSK = (33.061, 68.969)

#: Narrow straits and the clearance (km from the strait point to the nearest
#: land) measured on the 1:10m land when the data was built; a rebuild that
#: closes or narrows one below half of it fails here.
NARROW_STRAITS_KM = {
    "Yugorsky Shar": 2.1,
    "Bellot Strait": 0.8,
    "Simpson Strait": 1.3,
    "Dease Strait": 5.2,
    "Prince of Wales Strait": 14.6,
    "Shokalsky Strait": 5.0,
    "Kara Gate": 23.6,
}


def test_required_routes_and_properties(routes):
    assert REQUIRED_IDS <= set(routes["id"])
    for _, route in routes.iterrows():
        for field in ROUTE_FIELDS:
            assert route[field] not in (None, "", []), (route["id"], field)
        assert route["sources"], route["id"]


def test_stored_file_is_rfc7946():
    doc = json.loads(geodata_file(ROUTES_FILE).read_text())
    for feature in doc["features"]:
        geom = feature["geometry"]
        parts = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        for part in parts:
            assert all(-180.0 <= lon <= 180.0 and -90 <= lat <= 90 for lon, lat in part)
            steps = [abs(b[0] - a[0]) for a, b in zip(part[:-1], part[1:])]
            assert max(steps) < 180.0, "a part jumps across the antimeridian: split it (RFC 7946 3.1.9)"


def test_routes_crossing_180_are_split(routes):
    for rid in ("nep-coastal", "nep-high-latitude"):
        assert routes.loc[rid, "geojson"]["type"] == "MultiLineString", rid


@pytest.mark.parametrize("route_id", sorted(REQUIRED_IDS))
def test_no_route_crosses_land(routes, eroded_land, route_id):
    coords = densify_geodesic(geometry_lonlat(routes.loc[route_id, "geojson"]), 2.0)
    on_land = shapely.intersection(polar_line(coords), eroded_land)
    assert on_land.length == 0.0, f"{route_id} crosses {on_land.length / 1000:.2f} km of land"


@pytest.mark.parametrize("route_id", sorted(REQUIRED_IDS))
def test_route_passes_each_named_strait(routes, straits, route_id):
    line = polar_line(densify_geodesic(geometry_lonlat(routes.loc[route_id, "geojson"]), 2.0))
    named = [v for v in routes.loc[route_id, "via"] if v in straits.index]
    assert len(named) >= 2, route_id
    for name in named:
        point = shapely.Point(to_polar([straits.loc[name, "geometry"].coords[0]])[0])
        assert line.distance(point) <= 10_000.0, f"{route_id} misses {name}"


def test_straits_are_open_water(straits, land_polar):
    for name, row in straits.iterrows():
        point = shapely.Point(to_polar([row["geometry"].coords[0]])[0])
        assert not land_polar.contains(point), f"{name} is on land"


@pytest.mark.parametrize("name", sorted(NARROW_STRAITS_KM))
def test_narrow_straits_stay_open(straits, land_polar, name):
    point = shapely.Point(to_polar([straits.loc[name, "geometry"].coords[0]])[0])
    clearance_km = land_polar.distance(point) / 1000.0  # the point is at sea: distance to the coast
    assert not land_polar.contains(point)
    assert clearance_km >= NARROW_STRAITS_KM[name] / 2, f"{name} narrowed to {clearance_km:.1f} km"


def _leg_sum_m(routes, route_id, start, end):
    return section_length_m(routes.loc[route_id], start, end)


def test_nsr_against_official_length(routes):
    """Kara Gate - Provideniya on our coastal NSR against the official 5,600 km (the NSR band: -2..+6 %).

    The coastal variant follows the SeaRoute coastal lane (through Sannikov
    Strait, not the shallow Dmitry Laptev Strait), as the official length
    follows the coastal lanes.
    """
    ratio = kara_gate_provideniya_m(routes) / METRES_PER_KM / NSR_KARA_GATE_PROVIDENIYA_KM
    assert 0.98 <= ratio <= 1.06


def test_provideniya_approach_stays_at_sea(routes, eroded_land):
    """The measured approach to Provideniya crosses no land but the port's own shore (<= 6 km)."""
    bering = routes.loc["nep-coastal", "waypoints"][-1]
    at_sea = [(bering["lon"], bering["lat"]), *PROVIDENIYA_APPROACH[:-1]]
    assert shapely.intersection(polar_line(densify_geodesic(at_sea, 0.5)), eroded_land).is_empty
    assert geodesic_length_m(PROVIDENIYA_APPROACH[-2:]) <= 6_000.0


def test_transpolar_against_great_circle(routes):
    nm = lengths_table(routes).set_index("id").loc["tsr-pole", "length_m"] / METRES_PER_NM
    assert nm == pytest.approx(TRANSPOLAR_BERING_POLE_FRAM_NM, rel=0.03)


def test_murmansk_to_vilkitsky_against_crrel(routes):
    ours = _leg_sum_m(routes, "nep-coastal", "Kara Gate", "Vilkitsky Strait")
    kara_gate = routes.loc["nep-coastal", "waypoints"][1]
    ours += geodesic_length_m([MURMANSK, (kara_gate["lon"], kara_gate["lat"])])
    assert 0.85 <= ours / METRES_PER_NM / CRREL_MURMANSK_VILKITSKY_NM <= 1.05


@pytest.mark.parametrize(
    ("route_id", "reference_nm"), [("nwp-mcclure", AMSA_MCCLURE_NM), ("nwp-peel-sound", AMSA_MCCLINTOCK_NM)]
)
def test_northwest_passage_against_amsa(routes, route_id, reference_nm):
    """Lancaster Sound - Beaufort Sea, against AMSA's Baffin Bay - Beaufort Sea lines (which start further east)."""
    ours = _leg_sum_m(routes, route_id, "Lancaster Sound", "Beaufort Sea") / METRES_PER_NM
    assert 0.8 <= ours / reference_nm <= 1.0


def test_variants_order(routes):
    """Published ordering: M'Clure shortest NWP; high-latitude shorter than coastal NSR."""
    nm = lengths_table(routes).set_index("id")["length_nm"]
    assert nm["nwp-mcclure"] < nm["nwp-prince-of-wales"] < nm["nwp-peel-sound"]
    assert nm["nep-high-latitude"] < nm["nep-coastal"]


def test_legs_add_up_to_route(routes):
    table = lengths_table(routes).set_index("id")
    for rid in REQUIRED_IDS:
        assert leg_lengths(routes.loc[rid])["length_m"].sum() == pytest.approx(
            table.loc[rid, "length_m"], rel=1e-9
        )


def test_ports_have_sources(ports):
    assert {"Murmansk", "Pevek", "Nome", "Tuktoyaktuk", "Rotterdam", "Shanghai"} <= set(ports.index)
    assert ports["source"].str.len().min() > 10
    assert ports.loc["Murmansk", "unlocode"] == "RUMMK"

"""Port-to-port voyages: reference distances, land, concurrency, the CLI."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import shapely
import shapely.ops

from arctic_routes import arctic_legs, seanet, voyage
from arctic_routes.cli import main
from arctic_routes.geodesy import densify_geodesic, geodesic_length_m, to_polar
from arctic_routes.navigation import assess
from arctic_routes.units import METRES_PER_KM, METRES_PER_NM
from arctic_routes.voyage import as_json, compare
from devkit import references

ROUTE_NAMES = {"suez", "panama", "cape-of-good-hope", "open-sea", "northeast-passage", "northwest-passage",
               "transpolar"}


def option(trip, route, variant=None):
    return next(v for v in trip.voyages if v.kind == route and (variant is None or v.variant == variant))


def nm(v) -> float:
    return v.length_m / METRES_PER_NM


# ---------------------------------------------------- reference voyages


BANDED = [r for r in references.VOYAGES if r.route in references.BAND_PCT]


@pytest.mark.parametrize("ref", BANDED, ids=lambda r: f"{r.origin}-{r.destination}-{r.route}")
def test_reference_voyages_within_band(ref):
    """Published reference voyages reproduced within their band (+-3 % conventional, -2..+6 % NSR)."""
    trip = compare(ref.origin, ref.destination)
    variant = "nep-coastal" if ref.route == "northeast-passage" else None
    low, high = references.BAND_PCT[ref.route]
    assert low <= references.gap_pct(option(trip, ref.route, variant).length_m, ref.nm) <= high


def test_conventional_reference_voyages_are_the_conventional_choice():
    for ref in BANDED:
        if ref.route == "suez":
            assert compare(ref.origin, ref.destination).conventional.kind == "suez"


# ----------------------------------------------------------- behaviour


def test_options_are_the_sensible_ones():
    assert [v.kind for v in compare("Rotterdam", "Hamburg").voyages] == ["open-sea"]
    ny = compare("New York", "Shanghai")
    assert ny.conventional.kind == "panama"
    assert {v.kind for v in ny.voyages} == ROUTE_NAMES - {"open-sea"}
    # Seattle to Rotterdam: Suez and the Cape are more than 1.5 times Panama, so left out, and said so.
    seattle = compare("Seattle", "Rotterdam")
    assert {"suez", "cape-of-good-hope"}.isdisjoint(v.kind for v in seattle.voyages)
    assert any("Left out" in n for n in seattle.notes)
    # Canals and capes appear in 'via' in the order sailed.
    suez = option(compare("Rotterdam", "Singapore"), "suez")
    assert suez.via.index("Strait of Gibraltar") < suez.via.index("Suez Canal") < suez.via.index("Bab-el-Mandeb")


def test_arctic_port_has_only_arctic_options():
    trip = compare("Pevek", "Shanghai")
    assert trip.voyages and all(v.is_arctic for v in trip.voyages)
    assert trip.conventional is None and trip.saving_pct(trip.voyages[0]) is None
    assert any("no conventional route" in n for n in trip.notes)


def test_arctic_ports_on_different_routes_chain_at_bering():
    trip = compare("Resolute", "Pevek")
    best = trip.voyages[0]
    assert best.name.endswith(", in part")
    assert best.via.index("Bering Strait") < best.via.index("Long Strait")  # along the NWP, then the NSR
    assert "Kara Gate" not in best.via
    # Variants that share the part sailed are one voyage, not three.
    assert len(compare("Utqiagvik (Barrow)", "Prudhoe Bay").voyages) == 1
    # A partial voyage names only the straits it passes.
    murmansk = option(compare("Murmansk", "Pevek"), "northeast-passage", "nep-coastal")
    assert "Sannikov Strait" in murmansk.via and "Bering Strait" not in murmansk.via


def test_river_port_is_refused_with_a_reason():
    trip = compare("Dudinka", "Rotterdam")
    assert trip.voyages == ()
    assert "Dudinka" in trip.notes[0]


def test_lengths_are_geodesic_on_the_final_geometry_and_days_follow_speed():
    trip = compare("Hamburg", "Vancouver")
    for v in trip.voyages:
        assert v.length_m == pytest.approx(geodesic_length_m(v.coordinates))
        assert v.days(14) == pytest.approx(v.length_m / METRES_PER_NM / 14 / 24)
        assert v.coordinates[0] == pytest.approx((trip.origin.lon, trip.origin.lat))
        assert v.coordinates[-1] == pytest.approx((trip.destination.lon, trip.destination.lat))
    arctic = option(trip, "northwest-passage", "nwp-mcclure")
    route_nm = nm(arctic) - (arctic.length_m - arctic.arctic_length_m) / METRES_PER_NM
    assert route_nm == pytest.approx(2463, abs=2)  # the whole route, gateway to gateway


def test_bering_gap_and_antimeridian_are_closed():
    net = seanet.network()
    assert (net.lonlat[:, 0] >= -180).all() and (net.lonlat[:, 0] < 180).all()
    # searoute's two Bering Strait nodes (-169.15 and 190.85) are one node here.
    assert np.sum(np.all(np.isclose(net.lonlat, [-169.1502, 65.9622]), axis=1)) == 1
    # Nome to Provideniya crosses the Bering Sea: a few hundred km, not a trip round the world.
    trip = compare("Nome", "Provideniya")
    assert trip.conventional.length_m / METRES_PER_KM < 600


def test_restrictions_do_not_leak_between_calls():
    voyage.clear_cache()
    alone = compare("Rotterdam", "Yokohama")
    compare("New York", "Los Angeles")  # blocks Suez for its Panama option, and so on
    compare("Piraeus", "Singapore")
    voyage.clear_cache()
    assert compare("Rotterdam", "Yokohama") == alone


def test_concurrent_comparisons_match_running_alone():
    pairs = [("Rotterdam", "Yokohama", 14.0), ("Seattle", "Hamburg", 18.5), ("New York", "Busan", 11.0),
             ("Murmansk", "Pevek", 9.0), ("Singapore", "Antwerp", 22.0), ("Churchill", "Shanghai", 12.0)]
    voyage.clear_cache()
    alone = [as_json(assess(compare(o, d), speed_kn=kn)) for o, d, kn in pairs]
    for _ in range(3):
        voyage.clear_cache()
        with ThreadPoolExecutor(max_workers=6) as pool:
            together = list(pool.map(lambda p: as_json(assess(compare(p[0], p[1]), speed_kn=p[2])), pairs * 2))
        assert together == alone * 2


def test_speed_outside_range_is_refused():
    trip = compare("Rotterdam", "Hamburg")
    for bad in (0, 4.9, 31, float("nan"), "14"):
        with pytest.raises(ValueError, match="speed"):
            trip.voyages[0].days(bad)


def test_same_port_twice_is_refused():
    with pytest.raises(ValueError, match="both the origin and the destination"):
        compare("NLRTM", "Rotterdam")


# ----------------------------------------------------------------- land


def _clear_of_land(coords, eroded_land, skip_from_start_m=0.0) -> float:
    """Km of land crossed, after the first ``skip_from_start_m`` (a port's own shore)."""
    line = shapely.LineString(to_polar(densify_geodesic(coords, 1.0)))
    if skip_from_start_m:
        line = shapely.ops.substring(line, skip_from_start_m, line.length)
    return shapely.intersection(line, eroded_land).length / 1000.0


ARCTIC_PAIRS = [("Rotterdam", "Yokohama"), ("New York", "Shanghai"), ("Murmansk", "Pevek"), ("Resolute", "Busan"),
                ("Resolute", "Pevek"), ("Pevek", "Tuktoyaktuk"),
                ("Tuktoyaktuk", "Hamburg"), ("Utqiagvik (Barrow)", "Rotterdam"), ("Dikson", "Vladivostok"),
                ("Prudhoe Bay", "Halifax"), ("Churchill", "Tokyo")]


@pytest.mark.parametrize("origin, destination", ARCTIC_PAIRS)
def test_no_arctic_leg_crosses_land(origin, destination, eroded_land):
    """The same check as the route data: every Arctic leg clear of the 1:10m land (less 250 m).

    An Arctic leg is the route slice plus, for a port inside the Arctic, its
    connector to the route (whose first 15 km may cross the port's own shore)
    and, for an open-sea port, the link from the network to the route's gateway.
    """
    trip = compare(origin, destination)
    arctic = [v for v in trip.voyages if v.is_arctic]
    assert arctic
    for v in arctic:
        routes = {r.id: r for r in arctic_legs.arctic_routes()}
        route = routes[v.variant]
        for port in (trip.origin, trip.destination):
            if seanet.snap_node(port.lon, port.lat, seanet.INTEROCEAN) is None:
                # Its connector to each route it joins (a chained voyage joins another route first).
                joined = [(r, hit) for r in routes.values() if (hit := arctic_legs.connector(port, r.id))]
                assert joined, port.name
                for r, (index, _) in joined:
                    connector = [(port.lon, port.lat), tuple(r.coordinates[index])]
                    assert _clear_of_land(connector, eroded_land, arctic_legs.HARBOUR_APPROACH_M) == 0.0, port.name
        for end in (route.coordinates[0], route.coordinates[-1]):
            node = seanet.snap_node(end[0], end[1], seanet.INTEROCEAN, seanet.MAX_GATEWAY_SNAP_M)
            link = [tuple(end), tuple(seanet.network().lonlat[node])]
            assert _clear_of_land(link, eroded_land) == 0.0, f"gateway link at {end}"


# ------------------------------------------------------------------ CLI


def test_cli_compare_json(capsys):
    assert main(["compare", "Rotterdam", "JPYOK", "--speed", "16", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["from"]["unlocode"] == "NLRTM" and doc["to"]["name"] == "Yokohama"
    assert {o["route"] for o in doc["options"]} <= ROUTE_NAMES
    for o in doc["options"]:
        assert set(o) >= {"route", "variant", "via", "length_nm", "length_km", "days", "saving_pct", "ice_nm", "open"}
        # Days: the miles under the median ice at 8 kn, the rest at the chosen 16 kn.
        expected = ((o["length_nm"] - o["ice_nm"]) / 16 + o["ice_nm"] / 8) / 24
        assert o["days"] == pytest.approx(expected, abs=0.01)
        assert o["length_km"] == pytest.approx(o["length_nm"] * 1.852, rel=1e-3)
    suez = next(o for o in doc["options"] if o["route"] == "suez")
    assert suez["saving_pct"] == 0.0 and "Suez Canal" in suez["via"]


def test_cli_compare_table(capsys):
    assert main(["compare", "hamburg", "vancouver"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Hamburg -> Vancouver, September, a ship without ice class, 14 knots in open water")
    assert "northwest-passage" in out and "panama" in out


@pytest.mark.parametrize("args, message", [
    (["compare", "Rotterdm", "Tokyo"], "unknown port 'Rotterdm'; closest: Rotterdam (NLRTM)"),
    (["compare", "Rotterdam", "Tokyo", "--speed", "0"], "speed must be between 5 and 30 knots"),
    (["compare", "Rotterdam", "Rotterdam"], "both the origin and the destination"),
])
def test_cli_compare_refuses_in_one_line(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err

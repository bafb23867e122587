"""Port-to-port voyages: reference distances, land, concurrency, the CLI."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import shapely
import shapely.ops

from arctic_routes import arctic_legs, land, seanet, voyage
from arctic_routes.cli import main
from arctic_routes.geodesy import densify_geodesic, geodesic_length_m, to_polar
from arctic_routes.model import Port
from arctic_routes.navigation import SHIPS, assess
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


def test_river_and_bay_ports_get_their_voyages():
    """Dudinka (up the Yenisei) and Tiksi (in its bay) join the Northern Sea Route by the lanes the repair file
    adds; Montreal sails down the St Lawrence (it had no voyage, or a connector over the land)."""
    for name, lon, lat in [("Dudinka", 86.2, 69.4), ("Tiksi", 128.9, 71.6)]:
        trip = compare(Port(name, None, lon, lat, "", "RU", "test"), "Rotterdam")
        assert option(trip, "northeast-passage", "nep-coastal").length_m / METRES_PER_NM < 4000, name
    montreal = compare(Port("Montreal", None, -73.55, 45.5, "", "CA", "test"), "Rotterdam")
    assert montreal.conventional.length_m / METRES_PER_NM == pytest.approx(3173, abs=30)


def test_an_end_on_land_is_moved_or_refused_in_one_line():
    inland = Port("53.00,10.00", None, 10.0, 53.0, "", "", "a point", point=True)
    with pytest.raises(ValueError, match=r"^53.00,10.00 is on land, \d+ km from the nearest sea; give a point at sea$"):
        compare(inland, "Rotterdam")
    near = Port("60.39,5.33", None, 5.33, 60.39, "", "", "a point", point=True)  # Bergen's hills, 2 km inland
    trip = compare(near, "Rotterdam")
    assert trip.voyages and "on land in our coastline data" in trip.notes[0]
    assert not land.is_land(trip.origin.lon, trip.origin.lat)
    assert trip.voyages[0].coordinates[0] == pytest.approx((trip.origin.lon, trip.origin.lat))


def test_a_connector_goes_round_the_land():
    """A point off Jutland's west coast facing a node over the land: it joins a node it reaches at sea."""
    lon, lat = 8.0, 56.6
    node = seanet.join_node(lon, lat, seanet.INTEROCEAN)
    end = seanet.network().lonlat[node]
    assert land.land_crossed(np.array([[lon, lat], end]), seanet.HARBOUR_APPROACH_M) == 0.0


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
        assert set(o) >= {"route", "variant", "via", "length_nm", "length_km", "days", "saving_pct", "ice_nm",
                          "arctic_ice_nm", "open"}
        # Days: the miles under the median ice at 8 kn, the rest at the chosen 16 kn; none for a closed option.
        expected = ((o["length_nm"] - o["ice_nm"]) / 16 + o["ice_nm"] / 8) / 24
        assert o["days"] == (pytest.approx(expected, abs=0.01) if o["open"] else None)
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


# ------------------------------------- the Arctic leg's ice; a closed option's days


#: Ports whose way to an Arctic route is icy in spring (Davis Strait, Hudson Strait, the Barents Sea) or that
#: lie inside the Arctic, against the Pacific and Europe.
ICE_ORIGINS = ["Churchill", "Iqaluit", "Nuuk", "Murmansk", "Tromso", "Reykjavik", "Utqiagvik (Barrow)", "Pevek",
               "Resolute"]
ICE_DESTINATIONS = ["Yokohama", "Shanghai", "Rotterdam", "Busan", "Sabetta"]
PERCENT = re.compile(r"(\d+(?:\.\d+)?) ?%")


def test_no_reason_says_more_than_the_whole_arctic_leg():
    """Over every port pair, month and ship: the ice on the Arctic leg is a part of the leg and of the voyage's
    ice, every reason's percentage is at most 100 and is that leg's own share, and a closed option has no days."""
    reasons = 0
    for origin in ICE_ORIGINS:
        for destination in ICE_DESTINATIONS:
            trip = compare(origin, destination)
            for month in range(1, 13):
                for ship in SHIPS:
                    doc = as_json(assess(trip, month, ship))
                    for o in doc["options"]:
                        where = (origin, destination, month, ship, o["variant"] or o["route"])
                        assert 0 <= o["arctic_ice_nm"] <= o["arctic_length_nm"] <= o["length_nm"], where
                        assert o["arctic_ice_nm"] <= o["ice_nm"] <= o["length_nm"] + 0.1, where
                        assert (o["days"] is None) == (not o["open"]), where
                        why = o["why"] or ""
                        assert all(float(p) <= 100 for p in PERCENT.findall(why)), (where, why)
                        if why.startswith("ice on "):
                            reasons += 1
                            share = 100 * o["arctic_ice_nm"] / o["arctic_length_nm"]
                            assert float(PERCENT.findall(why)[0]) == pytest.approx(share, abs=0.6), (where, why)
    assert reasons > 100  # the ice rule was put to the test, not only the season rule


def test_ice_on_the_way_to_the_route_is_not_ice_on_the_arctic_leg():
    """Iqaluit to Yokohama: in June Davis Strait's ice on the way in counts in the voyage's ice (and its days),
    not in the Arctic leg's share (it was 107 % of the leg's length, shown as 100 %)."""
    june = as_json(assess(compare("Iqaluit", "Yokohama"), 6, "ordinary"))
    mcclure = next(o for o in june["options"] if o["variant"] == "nwp-mcclure")
    assert mcclure["ice_nm"] > mcclure["arctic_length_nm"]  # more ice on the voyage than the leg is long
    assert mcclure["arctic_ice_nm"] < mcclure["ice_nm"]
    assert mcclure["why"].startswith("ice on 96 % of the Arctic leg at the June median")
    panama = next(o for o in june["options"] if o["route"] == "panama")
    assert panama["arctic_ice_nm"] == 0 and panama["ice_nm"] > 0  # no Arctic leg, ice on the way out all the same


def test_the_arctic_leg_is_the_route_and_an_arctic_ports_way_to_it():
    open_sea = option(compare("Iqaluit", "Yokohama"), "northwest-passage", "nwp-mcclure")
    first, last = open_sea.arctic_span
    assert 0 < first < last < len(open_sea.coordinates) - 1  # Davis Strait and the Pacific are ocean legs
    assert open_sea.arctic_coordinates == open_sea.coordinates[first : last + 1]
    assert open_sea.arctic_length_m == pytest.approx(geodesic_length_m(open_sea.arctic_coordinates))
    assert nm(open_sea) - open_sea.arctic_length_m / METRES_PER_NM > 3000
    inside = compare("Utqiagvik (Barrow)", "Sabetta").voyages[0]  # both ports inside the Arctic
    assert inside.arctic_span == (0, len(inside.coordinates) - 1)
    assert inside.arctic_length_m == pytest.approx(inside.length_m)
    half = option(compare("Pevek", "Shanghai"), "northeast-passage")  # from inside the Arctic out to the Pacific
    assert half.arctic_span[0] == 0 and half.arctic_span[1] < len(half.coordinates) - 1
    conventional = [v for v in compare("New York", "Shanghai").voyages if not v.is_arctic]
    assert conventional and all(v.arctic_span is None and v.arctic_coordinates == () for v in conventional)


def test_a_closed_option_has_no_days(capsys):
    """Shanghai to Rotterdam in March: the Trans-Arctic route is closed to a ship without ice class, so it has no
    sailing time (it used to show 29.8 days, faster than Suez's 31.5); the fastest open option is via Suez."""
    march = assess(compare("Shanghai", "Rotterdam"), 3, "ordinary")
    tsr = next(o for o in march.options if o.voyage.variant == "tsr-pole")
    suez = march.conventional
    assert not tsr.open and tsr.days(14) is None and march.days_saved(tsr) is None
    assert suez.days(14) == pytest.approx(31.5, abs=0.05) and march.headline is suez
    doc = as_json(march)
    tsr_json = next(o for o in doc["options"] if o["variant"] == "tsr-pole")
    assert tsr_json["days"] is None and tsr_json["saving_pct"] > 0  # the length stays true
    assert doc["headline"] == "suez"
    # The text table: a dash for its days, and nothing says it is faster.
    assert main(["compare", "Shanghai", "Rotterdam", "--month", "3"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "tsr-pole" in line and "not open" not in line)
    assert "—" in row and "29.8" not in out
    assert out.splitlines()[1] == "fastest open option: via Suez, 10,582 nm, 31.5 days"


def test_closed_options_drawn_say_so_instead_of_days():
    """Every option drawn (a reader may draw the closed ones): the map's key and tooltips, the map in words, the
    images' legend name no days for a closed option."""
    from arctic_routes.captions import NOT_OPEN, voyage_key_html, voyages_in_words
    from arctic_routes.leaflet_layers import Vectors
    from arctic_routes.mapview import voyage_layer
    from arctic_routes.render import _legend_handles

    march = assess(compare("Shanghai", "Rotterdam"), 3, "ordinary")
    tsr = next(o for o in march.options if o.voyage.variant == "tsr-pole")
    drawn = (tsr, march.conventional)
    closed_days = f"{tsr._days_at_sea(14):.1f}"  # what a closed option used to show
    key = voyage_key_html(drawn, "nm", 14)
    words = voyages_in_words(drawn, "nm", 14)
    layer = voyage_layer(drawn, "nm", 14)
    tips = "".join(str(c.payload()) for c in layer._children.values() if isinstance(c, Vectors))
    legend = [label for _, label in _legend_handles(None, [], drawn, "nm", 14, None, {}, lambda px: px)]
    for text in (key, words, legend[0]):
        assert closed_days not in text and NOT_OPEN.split()[0] in text, text
    assert "Trans-Arctic route over the North Pole, 7,639 nm, not open: icebreaker only" in words
    assert "via Suez, 10,582 nm, 31.5 days" in words
    assert legend[0] == f"Voyage Trans-Arctic route over the North Pole: 7,639 nm, {NOT_OPEN}"
    assert legend[1].endswith("31.5 days at 14 kn")
    assert f"Trans-Arctic route over the North Pole: 7,639 nm, {NOT_OPEN}" in tips
    assert "via Suez: 10,582 nm, 31.5 days at 14 kn" in tips and closed_days not in tips

"""Ports people type: names, UN/LOCODEs and aliases resolve; the Arctic ports readers look up exist."""

from __future__ import annotations

import json

import pytest
import shapely
import shapely.ops
from hypothesis import given
from hypothesis import strategies as st

from arctic_routes import seanet
from arctic_routes.arctic_legs import HARBOUR_APPROACH_M
from arctic_routes.cli import main
from arctic_routes.datafiles import PORTS_FILE, geodata_file
from arctic_routes.geodesy import densify_geodesic, to_polar
from arctic_routes.ports import UnknownPort, _fold, all_ports, find_port, port_key
from arctic_routes.share import parse_query, to_query
from arctic_routes.voyage import compare

REQUIRED_PORTS = ["Rotterdam", "Hamburg", "Antwerp", "St Petersburg", "Murmansk", "New York", "Houston", "Seattle",
                  "Vancouver", "Shanghai", "Busan", "Yokohama", "Tokyo", "Vladivostok", "Singapore"]

#: The Arctic ports readers look up.
ARCTIC_LOOKUPS = ["Sabetta", "Reykjavik", "Nuuk", "Murmansk", "Tromso", "Longyearbyen", "Churchill", "Iqaluit",
                  "Tuktoyaktuk", "Pevek", "Dudinka"]
#: Approximate centres (lat, lon) as listed in the project's port references, good to about half a degree.
REFERENCE_CENTRES = {
    "Sabetta": (71.27, 72.07),
    "Nuuk": (64.18, -51.72),
    "Murmansk": (68.969, 33.061),
    "Longyearbyen": (78.22, 15.63),
    "Churchill": (58.741, -94.078),
    "Iqaluit": (63.734, -68.531),
    "Tuktoyaktuk": (69.45, -133.03),
    "Pevek": (69.622, 170.316),
    "Dudinka": (69.402, 86.175),
}
REFERENCE_TOLERANCE_DEG = 0.5
#: ISO 3166 country of the ports the references give no centre for.
COUNTRIES = {"Reykjavik": "IS", "Tromso": "NO"}
#: Ports added for these lookups, and whether each is an Arctic port (Reykjavik: North Atlantic, open sea).
ADDED_REGIONS = {"Sabetta": "arctic", "Nuuk": "arctic", "Longyearbyen": "arctic", "Iqaluit": "arctic",
                 "Reykjavik": "world"}

# Share-link fixtures: the page's route ids do not matter here.
IDS = ["nwp-mcclure", "nep-coastal", "tsr-pole"]


def keys() -> list[str]:
    return [p.key for p in all_ports()]


# ------------------------------------------------------- what people type


@pytest.mark.parametrize("query, name", [
    # UN/LOCODEs users know, the port's own and another code of the same port
    ("CNSHA", "Shanghai"), ("SGSIN", "Singapore"), ("KRPUS", "Busan"), ("RULED", "St Petersburg"),
    ("cnsha", "Shanghai"), ("CN SHA", "Shanghai"), ("sg-sin", "Singapore"), ("CNSGH", "Shanghai"),
    ("SGKEP", "Singapore"), ("CNNGB", "Ningbo"), ("CNTAO", "Qingdao"), ("CNSZX", "Shenzhen (Yantian)"),
    # everyday names and exonyms
    ("Pusan", "Busan"), ("Saint Petersburg", "St Petersburg"), ("St. Petersburg", "St Petersburg"),
    ("Sankt-Peterburg", "St Petersburg"), ("saint-petersburg", "St Petersburg"), ("Tromsø", "Tromso"),
    ("Barrow", "Utqiagvik (Barrow)"), ("Utqiagvik", "Utqiagvik (Barrow)"), ("Hammerfest", "Hammerfest"),
    ("Reykjavík", "Reykjavik"), ("Resolute Bay", "Resolute"), ("Antwerpen", "Antwerp"), ("Saigon", "Ho Chi Minh City"),
    ("Yantian", "Shenzhen (Yantian)"), ("Shenzhen", "Shenzhen (Yantian)"),
])
def test_codes_and_names_people_type_resolve(query, name):
    assert find_port(query).name == name


@pytest.mark.parametrize("name", ARCTIC_LOOKUPS)
def test_arctic_ports_readers_look_up_exist(name):
    port = find_port(name)
    assert port.name == name
    assert "record" in port.source or "Wikipedia" in port.source  # where the coordinate comes from
    if name in REFERENCE_CENTRES:
        lat, lon = REFERENCE_CENTRES[name]
        assert abs(port.lat - lat) <= REFERENCE_TOLERANCE_DEG and abs(port.lon - lon) <= REFERENCE_TOLERANCE_DEG
    else:
        assert port.country == COUNTRIES[name]


@pytest.mark.parametrize("name, region", ADDED_REGIONS.items())
def test_added_ports_are_classified(name, region):
    assert find_port(name).region == region


@pytest.mark.parametrize("name", REQUIRED_PORTS)
def test_required_ports_have_locodes(name):
    port = find_port(name)
    assert port.unlocode and len(port.unlocode) == 5
    assert find_port(port.unlocode.lower()) == port


def test_arctic_ports_are_listed():
    arctic = {p.name for p in all_ports() if p.region == "arctic"}
    assert {"Murmansk", "Pevek", "Resolute", "Tuktoyaktuk", "Churchill", "Nuuk", "Iqaluit", "Longyearbyen",
            "Sabetta"} <= arctic


# ------------------------------------------------------------- aliases


def test_every_alias_names_its_record():
    features = json.loads(geodata_file(PORTS_FILE).read_text())["features"]
    aliases = [a for f in features for a in f["properties"].get("aliases", [])]
    assert len(aliases) >= 15
    for a in aliases:
        assert set(a) == {"alias", "kind", "source"} and a["kind"] in ("unlocode", "name")
        assert "record" in a["source"] or "UN/LOCODE list" in a["source"]
    # No historic names (Leningrad, today Saint Petersburg, is one).
    assert "Leningrad" not in {a["alias"] for a in aliases}


def test_alias_codes_are_codes_of_the_ports_country():
    for port in all_ports():
        for alias in port.aliases:
            if alias.isupper() and len(alias) == 5:
                assert alias[:2] == port.country, (port.name, alias)


def test_aliases_never_shadow_another_port():
    """An alias folds to no other port's name, code or alias, so what people type has one meaning."""
    owner: dict[str, str] = {}
    for port in all_ports():
        for key in {_fold(port.name), _fold(port.name.split("(")[0]), _fold(port.unlocode or "")} - {""}:
            assert owner.setdefault(key, port.name) == port.name, key
    for port in all_ports():
        for alias in port.aliases:
            assert owner.setdefault(_fold(alias), port.name) == port.name, alias


@pytest.mark.parametrize("query, expected", [
    ("Rotterdm", "Rotterdam (NLRTM)"), ("yokohma", "Yokohama (JPYOK)"), ("Reykjavek", "Reykjavik (ISREY)"),
    ("Pusn", "Busan (KRPUS)"),  # close to an alias: the port is named by its label
    ("CNSHAA", "Shanghai (CNSGH)"), ("Longyearbien", "Longyearbyen"),
])
def test_unknown_port_names_the_closest(query, expected):
    with pytest.raises(UnknownPort) as err:
        find_port(query)
    assert expected in err.value.suggestions
    assert len(err.value.suggestions) <= 3 and len(set(err.value.suggestions)) == len(err.value.suggestions)
    assert str(err.value).count("\n") == 0


def test_unknown_port_message_names_the_closest_first():
    with pytest.raises(UnknownPort, match=r"^unknown port 'Rotterdm'; closest: Rotterdam \(NLRTM\)(, [^,]+){0,2}$"):
        find_port("Rotterdm")
    with pytest.raises(UnknownPort, match=r"^unknown port 'Xqzvk'$"):
        find_port("Xqzvk")


def test_port_key_is_the_share_link_key():
    assert port_key("CNSHA") == "CNSGH" == find_port("Shanghai").key
    assert port_key("Pusan") == "KRPUS"
    assert port_key("provideniya") == "Provideniya"  # no UN/LOCODE: the name
    assert port_key("Nuuk") == "Nuuk"
    assert port_key("Xqzvk") is None and port_key("") is None


# ------------------------------------------------------------ share link


@pytest.mark.parametrize("raw, voyage", [
    ("CNSHA,SGSIN", ("CNSGH", "SGKEP")),
    ("Pusan,NLRTM", ("KRPUS", "NLRTM")),
    ("Saint Petersburg, Sabetta", ("RULED", "Sabetta")),
    ("NLRTM,JPYOK", ("NLRTM", "JPYOK")),
])
def test_share_link_with_aliases_resolves_to_keys(raw, voyage):
    state, notices = parse_query({"voyage": raw}, IDS, keys(), resolve_port=port_key)
    assert (state.voyage, notices) == (voyage, [])
    assert to_query(state, IDS)["voyage"] == ",".join(voyage)  # written back by the canonical keys


@pytest.mark.parametrize("raw", ["CNSHA,Shanghai", "CNSHA,Atlantis", "CNSHA", "CNSHA,SGSIN,NLRTM"])
def test_share_link_refuses_the_same_or_unknown_ports(raw):
    state, notices = parse_query({"voyage": raw}, IDS, keys(), resolve_port=port_key)
    assert state.voyage is None and len(notices) == 1


def test_share_link_without_a_resolver_reads_keys_only():
    state, notices = parse_query({"voyage": "CNSHA,SGSIN"}, IDS, keys())
    assert state.voyage is None and notices


@given(st.text(max_size=80), st.text(max_size=80))
def test_any_voyage_with_a_resolver_parses(a, b):
    state, _ = parse_query({"voyage": f"{a},{b}"}, IDS, keys(), resolve_port=port_key)
    assert state.voyage is None or (set(state.voyage) <= set(keys()) and state.voyage[0] != state.voyage[1])


# ------------------------------------------------------------ voyages


def test_cli_compare_by_codes_carriers_use(capsys):
    assert main(["compare", "CNSHA", "SGSIN", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["from"]["name"], doc["to"]["name"]) == ("Shanghai", "Singapore")
    assert doc["options"]


def test_cli_compare_to_reykjavik(capsys):
    assert main(["compare", "Rotterdam", "Reykjavik", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["to"]["unlocode"] == "ISREY" and len(doc["options"]) >= 1


@pytest.mark.parametrize("name", ["Nuuk", "Iqaluit", "Longyearbyen", "Reykjavik"])
def test_added_ports_reach_the_arctic_routes(name):
    trip = compare(name, "Yokohama")
    assert any(v.is_arctic for v in trip.voyages) and trip.conventional is not None
    assert not trip.notes


@pytest.mark.parametrize("name", ["Nuuk", "Iqaluit", "Longyearbyen", "Reykjavik"])
def test_added_ports_join_the_sea_network_over_water(name, eroded_land):
    """Each joins the open-sea network at its nearest node, crossing land only within its own harbour approach."""
    port = find_port(name)
    node = seanet.snap_node(port.lon, port.lat, seanet.INTEROCEAN)
    assert node is not None
    hop = shapely.LineString(to_polar(densify_geodesic([(port.lon, port.lat),
                                                         tuple(seanet.network().lonlat[node])], 1.0)))
    beyond = shapely.ops.substring(hop, min(HARBOUR_APPROACH_M, hop.length), hop.length)
    assert shapely.intersection(beyond, eroded_land).length == 0.0


def test_sabetta_joins_the_nsr_along_the_ob_estuary_lane():
    """Sabetta lies up the Ob estuary: no straight line over water reaches a route, the sea network's lane does."""
    from arctic_routes.arctic_legs import LANE_MAX_M, joining_leg

    sabetta = find_port("Sabetta")
    index, leg = joining_leg(sabetta, "nep-coastal")
    assert tuple(leg.coordinates[0]) == (sabetta.lon, sabetta.lat) and leg.length_m < LANE_MAX_M
    assert joining_leg(sabetta, "nwp-mcclure") is None  # not by sailing half the NSR
    trip = compare("Sabetta", "Shanghai")
    assert {v.variant for v in trip.voyages} >= {"nep-coastal"}
    assert all("off the open-sea network" not in n for n in trip.notes)

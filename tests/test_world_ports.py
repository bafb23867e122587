"""Every port of the world as an end of a voyage: found by what a reader types, or a position LAT,LON."""

from __future__ import annotations

import csv
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arctic_routes.cli import main
from arctic_routes.datafiles import WORLD_PORTS_FILE, geodata_file
from arctic_routes.ports import (
    AmbiguousPort,
    BadPosition,
    UnknownPort,
    all_ports,
    all_world_ports,
    find_end,
    find_port,
    parse_position,
    port_key,
    search_ports,
)
from arctic_routes.share import parse_query, to_query

#: Ports readers name, and the ISO 3166 country each is in.
NAMED = {
    "Mumbai": "IN", "Durban": "ZA", "Santos": "BR", "Vancouver": "CA", "Tianjin": "CN", "Kaohsiung": "TW",
    "Piraeus": "GR", "Gdansk": "PL", "Montreal": "CA", "Tiksi": "RU", "Dikson": "RU", "Dudinka": "RU",
    "Melbourne": "AU", "Rotterdam": "NL",
}
#: Rows of world-ports.csv by where they come from (scripts/build_world_ports.py): at least this many.
AT_LEAST = {"curated": 75, "WPI": 2800, "UN/LOCODE": 2000}


def rows() -> list[dict[str, str]]:
    with geodata_file(WORLD_PORTS_FILE).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ------------------------------------------------------------------ the file


def test_the_file_holds_the_world_port_index_and_the_curated_ports():
    table = rows()
    by_source = {s: [r for r in table if r["source"] == s] for s in AT_LEAST}
    assert {r["source"] for r in table} == set(AT_LEAST)
    for source, n in AT_LEAST.items():
        assert len(by_source[source]) >= n, source
    assert all(r["wpi"].isdigit() for r in by_source["WPI"])
    assert not any(r["wpi"] for r in by_source["UN/LOCODE"])
    assert {r["key"] for r in by_source["curated"]} == {p.key for p in all_ports()}
    for r in table:
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180
        assert r["unlocode"] == "" or (len(r["unlocode"]) == 6 and r["unlocode"][2] == " "), r
        assert len(r["country"]) == 2 and r["country_name"], r


def test_curated_ports_keep_their_names_keys_and_positions():
    world = {p.key: p for p in all_world_ports()}
    for port in all_ports():
        same = world[port.key]
        assert (same.name, same.lon, same.lat, same.source) == (port.name, port.lon, port.lat, port.source)
        assert same.aliases[: len(port.aliases)] == port.aliases  # then the World Port Index's names


def test_a_curated_port_takes_the_world_port_index_names_of_the_same_port():
    assert find_end("Piraievs").key == "GRPIR"  # the index's own spelling of Piraeus
    assert find_end("Tianjin Xin Gang").key == "CNTXG"
    assert find_end("Kao-Hsiung").key == "TWKHH"


def test_every_key_is_unique_and_finds_its_port():
    ports = all_world_ports()
    keys = [p.key for p in ports]
    assert len(set(keys)) == len(keys) == len(rows())
    assert len({p.label for p in ports}) == len(ports)  # the page's picker names each by its label
    for port in ports:
        assert find_end(port.key) is port
        assert port_key(port.key) == port.key


# ------------------------------------------------------------------ names


@pytest.mark.parametrize("name, country", NAMED.items())
def test_named_ports_resolve_to_their_country(name, country):
    port = find_end(name)
    assert port.country == country and port.name == name and not port.point
    assert find_port(name) is port


def test_a_shared_name_lists_every_port_it_names():
    with pytest.raises(AmbiguousPort) as err:
        find_end("Sydney")
    assert str(err.value) == '"Sydney" names 2 ports: Sydney, Australia (AU SYD) · Sydney, Canada (CA SYD)'
    assert [p.key for p in err.value.candidates] == ["AUSYD", "CASYD"]
    assert isinstance(err.value, UnknownPort) and isinstance(err.value, ValueError)
    assert port_key("Sydney") is None  # quiet for a link


def test_a_long_list_of_namesakes_is_cut_on_one_line():
    with pytest.raises(AmbiguousPort) as err:
        find_end("Victoria")
    message = str(err.value)
    assert "\n" not in message and message.startswith('"Victoria" names ')
    assert "Victoria, Seychelles (SC POV)" in message and "Victoria, Malaysia (WPI51680)" in message


@pytest.mark.parametrize("query, key", [
    ("Sydney, Australia", "AUSYD"), ("Sydney AU", "AUSYD"), ("Sydney (AU SYD)", "AUSYD"), ("sydney,au", "AUSYD"),
    ("Sydney, Canada", "CASYD"), ("Sydney CA", "CASYD"), ("Sydney (CASYD)", "CASYD"),
    ("Portland, United Kingdom", "GBPTL"), ("Portland (US PWM)", "USPWM"),
    ("Vancouver", "CAVAN"), ("Vancouver US", "USVAN"),  # the curated port wins its name; the other by country
    ("Gloucester (WPI8120)", "WPI8120"),
])
def test_a_country_or_a_code_picks_one_of_the_namesakes(query, key):
    assert find_end(query).key == key


@pytest.mark.parametrize("query, key", [
    ("NL RTM", "NLRTM"), ("nlrtm", "NLRTM"), ("NLRTM", "NLRTM"), ("AU SYD", "AUSYD"), ("ausyd", "AUSYD"),
    ("IN BOM", "INBOM"), ("in-bom", "INBOM"), ("Bombay", "INBOM"),
])
def test_unlocodes_with_or_without_the_space(query, key):
    assert find_end(query).key == key


@pytest.mark.parametrize("query, key", [
    ("Gdańsk", "PLGDN"), ("GDANSK", "PLGDN"), ("Tromsø", "NOTOS"), ("tromso", "NOTOS"), ("Reykjavík", "ISREY"),
    ("Piräeus", "GRPIR"),
])
def test_accents_are_folded(query, key):
    assert find_end(query).key == key


@pytest.mark.parametrize("query, key", [
    ("St Petersburg", "RULED"), ("St. Petersburg", "RULED"), ("Saint Petersburg", "RULED"),
    ("saint-petersburg", "RULED"), ("St. John's, Canada", "CASJF"), ("Saint Johns Canada", "CASJF"),
    ("Ste Johns CA", "CASJF"), ("Pt Hedland", "AUPHE"), ("Port Hedland", "AUPHE"),
])
def test_saint_and_port_are_written_any_way(query, key):
    assert find_end(query).key == key


def test_an_unknown_name_names_close_matches():
    with pytest.raises(UnknownPort) as err:
        find_end("Mumbay")
    assert "Mumbai (INBOM)" in err.value.suggestions and len(err.value.suggestions) <= 3
    assert not isinstance(err.value, (AmbiguousPort, BadPosition))
    with pytest.raises(UnknownPort, match=r"^unknown port 'Xqzvk'$"):
        find_end("Xqzvk")


def test_search_as_one_types():
    assert [p.key for p in search_ports("syd")][:3] == ["AUSYD", "CASYD", "CANSY"]  # North Sydney by its word
    assert search_ports("rotterd")[0].key == "NLRTM"
    assert search_ports("ham", 3)[0].key == "DEHAM"  # a curated port first
    assert search_ports("PL GDN")[0].key == "PLGDN"
    assert len(search_ports("s", 10)) == 10 and search_ports("") == [] and search_ports("zzzzq") == []


# ------------------------------------------------------------------ positions


@pytest.mark.parametrize("query, lat, lon, name, key", [
    ("53.55,9.97", 53.55, 9.97, "53.55°N 9.97°E", "53.55,9.97"),
    ("-33.86, 151.21", -33.86, 151.21, "33.86°S 151.21°E", "-33.86,151.21"),
    ("\u221233.86,\u2212151.21", -33.86, -151.21, "33.86°S 151.21°W", "-33.86,-151.21"),
    ("  35.45 ,139.65 ", 35.45, 139.65, "35.45°N 139.65°E", "35.45,139.65"),
    ("+90,-180", 90.0, -180.0, "90°N 180°W", "90,-180"),
    ("-0,0", 0.0, 0.0, "0°N 0°E", "0,0"),
    ("53.123456789,9", 53.12346, 9.0, "53.12346°N 9°E", "53.12346,9"),
    ("53.55°N 9.97°E", 53.55, 9.97, "53.55°N 9.97°E", "53.55,9.97"),
    ("33.86 S, 151.21 W", -33.86, -151.21, "33.86°S 151.21°W", "-33.86,-151.21"),
])
def test_a_position_is_an_end(query, lat, lon, name, key):
    end = find_end(query)
    assert (end.lat, end.lon, end.name, end.key, end.label) == (lat, lon, name, key, name)
    assert end.point and end.unlocode is None and end.country == ""
    assert find_end(end.key) == end == find_end(end.name) and port_key(query) == key


@pytest.mark.parametrize("query", ["91,0", "-90.0001,0", "0,180.5", "0,-181", "nan,0", "0,NaN", "inf,0",
                                   "-Infinity,0", "1e400,0", "0,1e999"])
def test_a_position_off_the_globe_is_one_line(query):
    with pytest.raises(BadPosition) as err:
        find_end(query)
    assert "\n" not in str(err.value) and str(err.value).startswith(repr(query))
    assert isinstance(err.value, UnknownPort) and port_key(query) is None


@pytest.mark.parametrize("query", ["53.55,9.97,1", "53,55;9", "1,2,3,4", "12", "N 53 E 9", "0x10,5", "١٢,٣"])
def test_what_is_not_a_position_is_looked_up_as_a_name(query):
    assert parse_position(query) is None
    with pytest.raises(UnknownPort):
        find_end(query)


@given(st.text(max_size=80))
def test_any_text_finds_an_end_or_says_why_in_one_line(text):
    try:
        end = find_end(text)
    except UnknownPort as exc:
        assert "\n" not in str(exc) or "\n" in text
        assert port_key(text) is None
    else:
        assert math.isfinite(end.lat) and math.isfinite(end.lon)
        assert port_key(text) == end.key


# ------------------------------------------------------------------ the command line and the link

#: Ports `arctic-routes compare NAME Rotterdam` is asked for by readers.
COMPARED = ["Mumbai", "Durban", "Santos", "Vancouver", "Tianjin", "Kaohsiung", "Piraeus", "Gdansk", "Montreal",
            "Tiksi", "Dikson"]
IDS = ["nwp-mcclure", "nep-coastal", "tsr-pole"]


@pytest.mark.parametrize("name", COMPARED)
def test_cli_compares_any_named_port(name, capsys):
    assert main(["compare", name, "Rotterdam", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["from"]["name"], doc["to"]["name"]) == (name, "Rotterdam")
    assert doc["options"] or doc["notes"]  # a port off the sea network says so in a note, never a traceback


def test_cli_lists_the_namesakes_in_one_line(capsys):
    assert main(["compare", "Sydney", "Rotterdam"]) == 2
    err = capsys.readouterr().err
    assert err == 'arctic-routes: error: "Sydney" names 2 ports: Sydney, Australia (AU SYD) · Sydney, Canada (CA SYD)\n'
    assert main(["compare", "Sydney, Australia", "Rotterdam", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["from"]["unlocode"] == "AUSYD"


def test_cli_compares_positions(capsys):
    assert main(["compare", "53.55,9.97", "35.45,139.65", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["from"]["name"], doc["to"]["name"]) == ("53.55°N 9.97°E", "35.45°N 139.65°E")
    assert doc["from"]["unlocode"] is None and doc["options"]
    assert main(["compare", "91,0", "Rotterdam"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize("raw, voyage", [
    ("AUSYD,NLRTM", ("AUSYD", "NLRTM")),
    ("Sydney AU,Mumbai", ("AUSYD", "INBOM")),
    ("WPI8120,NLRTM", ("WPI8120", "NLRTM")),
    ("53.55,9.97,35.45,139.65", ("53.55,9.97", "35.45,139.65")),
    ("53.55, 9.97 ,JPYOK", ("53.55,9.97", "JPYOK")),
    ("NLRTM,-33.86,151.21", ("NLRTM", "-33.86,151.21")),
])
def test_a_link_names_any_port_or_a_position(raw, voyage):
    keys = [p.key for p in all_ports()]  # the link is read against the curated keys; the others resolve
    state, notices = parse_query({"voyage": raw}, IDS, keys, resolve_port=port_key)
    assert (state.voyage, notices) == (voyage, [])
    again, _ = parse_query(to_query(state, IDS), IDS, keys, resolve_port=port_key)
    assert again.voyage == voyage  # written back by the keys, read back the same


@pytest.mark.parametrize("raw", ["Sydney,NLRTM", "91,0,NLRTM", "nan,0,NLRTM", "53.55,9.97,53.55,9.97", "1,2,3",
                                 "53.55,9.97", "Atlantis,NLRTM"])
def test_a_link_refuses_namesakes_bad_positions_and_the_same_end(raw):
    state, notices = parse_query({"voyage": raw}, IDS, [p.key for p in all_ports()], resolve_port=port_key)
    assert state.voyage is None and len(notices) == 1

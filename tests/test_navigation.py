"""Ice, seasons and ship class decide which voyage is open, and which one is the headline."""

from __future__ import annotations

import json

import pytest

from arctic_routes.cli import main
from arctic_routes.navigation import ICE_SPEED_KN, RULES, SHIPS, assess, headline_key, status
from arctic_routes.units import METRES_PER_NM
from arctic_routes.voyage import compare

MONTHS = range(1, 13)
#: Port pairs across the oceans and both passages; Arctic ports too.
PAIRS = [("Rotterdam", "Yokohama"), ("Hamburg", "Vancouver"), ("New York", "Shanghai"), ("Murmansk", "Busan"),
         ("Seattle", "Rotterdam"), ("Pevek", "Rotterdam")]


def compare_json(capsys, *args: str) -> dict:
    assert main(["compare", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_rotterdam_yokohama_march_headlines_a_conventional_route(capsys):
    doc = compare_json(capsys, "Rotterdam", "Yokohama", "--month", "3")
    assert doc["month"] == 3 and doc["ship"] == "ordinary"
    assert doc["headline"] in ("suez", "panama", "cape-of-good-hope")


def test_rotterdam_yokohama_september_headlines_an_arctic_route_an_ordinary_ship_can_sail(capsys):
    doc = compare_json(capsys, "Rotterdam", "Yokohama", "--month", "9")
    arctic = {o["variant"] for o in doc["options"] if o["variant"]}
    assert doc["headline"] in arctic and doc["headline"] not in ("tsr-pole", "nep-high-latitude")
    headline = next(o for o in doc["options"] if o["variant"] == doc["headline"])
    assert headline["open"] is True and headline["why"] is None
    assert headline["days"] == min(o["days"] for o in doc["options"] if o["open"])


def test_the_default_month_is_september_and_the_default_ship_ordinary(capsys):
    assert compare_json(capsys, "Rotterdam", "Yokohama") == compare_json(
        capsys, "Rotterdam", "Yokohama", "--month", "9", "--ship", "ordinary")


@pytest.mark.parametrize("ship", ["ordinary", "ice-class"])
def test_the_trans_arctic_route_is_never_open_to_cargo_ships(ship):
    trip = compare("Rotterdam", "Yokohama")
    for month in MONTHS:
        option = next(o for o in assess(trip, month, ship).options if o.voyage.variant == "tsr-pole")
        assert option.open is False and option.why.startswith("icebreaker only"), month


def test_the_trans_arctic_route_is_open_to_an_icebreaker_in_september(capsys):
    doc = compare_json(capsys, "Rotterdam", "Yokohama", "--month", "9", "--ship", "icebreaker")
    tsr = next(o for o in doc["options"] if o["variant"] == "tsr-pole")
    assert tsr["open"] is True and tsr["why"] is None


def test_every_option_says_its_ice_whether_it_is_open_and_why_not(capsys):
    for month in ("1", "6", "9"):
        for ship in SHIPS:
            doc = compare_json(capsys, "Hamburg", "Vancouver", "--month", month, "--ship", ship)
            for o in doc["options"]:
                assert o["ice_nm"] >= 0 and isinstance(o["open"], bool)
                assert (o["why"] is None) == o["open"], o
                assert o["ice_nm"] <= o["length_nm"] + 0.1


@pytest.mark.parametrize("origin, destination", PAIRS)
def test_the_headline_is_always_open_and_the_fastest_open(origin, destination):
    trip = compare(origin, destination)
    for month in MONTHS:
        for ship in SHIPS:
            found = assess(trip, month, ship)
            best = found.headline
            open_options = [o for o in found.options if o.open]
            assert (best is None) == (not open_options)
            if best is not None:
                assert best.open
                assert best.days(found.speed_kn) == min(o.days(found.speed_kn) for o in open_options)
                assert best in found.to_draw()
            assert all(o.open for o in found.to_draw()), (origin, destination, month, ship)


def test_ice_slows_the_voyage_down():
    trip = compare("Rotterdam", "Yokohama")
    march = assess(trip, 3, "icebreaker", speed_kn=14)
    coastal = next(o for o in march.options if o.voyage.variant == "nep-coastal")
    assert coastal.ice_m > 1000 * METRES_PER_NM  # the NSR lies under the March ice
    ice_free_days = coastal.voyage.length_m / METRES_PER_NM / 14 / 24
    extra = coastal.ice_m / METRES_PER_NM * (1 / ICE_SPEED_KN - 1 / 14) / 24
    assert coastal.days(14) == pytest.approx(ice_free_days + extra)
    assert coastal.days(6) == pytest.approx(coastal.voyage.length_m / METRES_PER_NM / 6 / 24)  # slower than ice speed


def test_ordinary_ships_need_open_water_on_the_nsr():
    trip = compare("Rotterdam", "Yokohama")
    by_month = {m: next(o for o in assess(trip, m, "ordinary").options if o.voyage.variant == "nep-coastal")
                for m in MONTHS}
    assert [m for m, o in by_month.items() if o.open] == [8, 9]
    assert by_month[1].why.startswith("closed December-June")
    assert by_month[10].why.startswith("ice on ") and "October median" in by_month[10].why


def test_every_rule_has_a_source():
    families = {"northeast-passage", "northwest-passage", "transpolar"}
    assert set(RULES) == {(f, s) for f in families for s in SHIPS}
    assert all(len(rule.source) > 30 for rule in RULES.values())


def test_geojson_has_one_feature_per_option(capsys):
    assert main(["compare", "Rotterdam", "Yokohama", "--format", "geojson"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["type"] == "FeatureCollection"
    as_json_doc = compare_json(capsys, "Rotterdam", "Yokohama")
    assert [f["properties"] for f in doc["features"]] == as_json_doc["options"]
    assert doc["properties"]["headline"] == as_json_doc["headline"]
    for feature in doc["features"]:
        assert feature["geometry"]["type"] in ("LineString", "MultiLineString")
        for part in ([feature["geometry"]["coordinates"]] if feature["geometry"]["type"] == "LineString"
                     else feature["geometry"]["coordinates"]):
            assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in part)


def test_the_table_headlines_the_open_option(capsys):
    assert main(["compare", "Rotterdam", "Yokohama", "--month", "3"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].startswith("fastest open option: via Suez")
    assert "not open: tsr-pole: icebreaker only" in out


@pytest.mark.parametrize("args, message", [
    (["--month", "13"], "month must be 1..12"),
    (["--month", "march"], "month must be 1..12"),
    (["--month", "0"], "month must be 1..12"),  # not December
    (["--month", "²"], "month must be 1..12"),  # a digit to str.isdigit, not to int()
    (["--month", "٣"], "month must be 1..12"),  # int() reads it as 3: not a month here
    (["--month", "１"], "month must be 1..12"),
    (["--month", "1" + "0" * 5000], "month must be 1..12"),  # past int()'s 4300 digits
    (["--ship", "yacht"], "invalid choice: 'yacht'"),
])
def test_bad_month_or_ship_is_one_line(args, message, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["compare", "Rotterdam", "Yokohama", *args])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize("month", [0, 13, -11])
def test_a_voyage_is_never_judged_in_a_month_that_is_no_month(month):
    """status reads the month's ice by index: month 0 would be December's ([0 - 1])."""
    voyage = compare("Rotterdam", "Yokohama").voyages[0]
    with pytest.raises(ValueError, match="month must be an integer 1..12"):
        status(voyage, month, "ordinary")


def test_seasons_json_is_twelve_shares_per_route(capsys, routes):
    assert main(["seasons", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) == set(routes.index)
    assert all(len(v) == 12 and all(0 <= p <= 100 for p in v) for v in doc.values())
    assert min(doc["tsr-pole"]) > 70  # the central Arctic is never mostly free of ice at the median


def test_headline_key_names_the_variant_or_the_route():
    found = assess(compare("Rotterdam", "Yokohama"), 9)
    assert headline_key(found.headline) == "nep-coastal"
    assert headline_key(found.conventional) == "suez"
    assert headline_key(None) is None

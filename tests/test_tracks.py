"""A reader's track: GeoJSON, GPX, CSV; every malformed file refused with one clear line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arctic_routes.geodesy import geodesic_length_m
from arctic_routes.routes import RouteDataError, lengths_table
from arctic_routes.tracks import load_track

MALFORMED = sorted(p for p in (Path(__file__).parent / "malformed").iterdir() if p.suffix != ".md")
CSV = b"lat,lon\n70,170\n71,-170\n72,-160\n"
GPX = (b'<?xml version="1.0"?><gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Ship X</name><trkseg>'
       b'<trkpt lat="70" lon="170"/><trkpt lat="71" lon="-170"/><trkpt lat="72" lon="-160"/></trkseg></trk></gpx>')
POINTS = json.dumps({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": c}}
    for c in ([170, 70], [-170, 71], [-160, 72])]}).encode()
EXPECTED_M = geodesic_length_m([(170, 70), (-170, 71), (-160, 72)])


@pytest.mark.parametrize(("name", "data"), [("t.csv", CSV), ("t.gpx", GPX), ("t.geojson", POINTS)])
def test_formats_give_the_same_track(name, data):
    track = load_track(name, data)
    assert list(track["family"]) == ["user"]
    assert lengths_table(track)["length_m"].iloc[0] == pytest.approx(EXPECTED_M, rel=1e-9)


def test_gpx_name_is_kept():
    assert load_track("t.gpx", GPX)["name"].iloc[0] == "Ship X"


@pytest.mark.parametrize("path", MALFORMED, ids=[p.name for p in MALFORMED])
def test_malformed_refused_with_one_line(path):
    with pytest.raises(RouteDataError) as info:
        load_track(path.name, path.read_bytes())
    message = str(info.value)
    assert "\n" not in message and path.name in message and len(message) < 300


def test_unknown_type():
    with pytest.raises(RouteDataError, match="unsupported file type"):
        load_track("track.kml", b"<kml/>")


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["x.geojson", "x.gpx", "x.csv", "x.json"]), st.binary(max_size=2000))
def test_any_bytes_either_load_or_are_refused_cleanly(name, data):
    try:
        load_track(name, data)
    except RouteDataError as exc:
        assert "\n" not in str(exc)

"""A reader's track: the formats give the same line, and one size limit holds in every loader.

Every hostile file (refused or loading) and the fuzzing are in tests/test_hostile.py.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from arctic_routes.geodesy import geodesic_length_m
from arctic_routes.reading import BYTES_PER_MB, MAX_FILE_BYTES, MAX_FILE_MB, RouteDataError
from arctic_routes.routes import lengths_table, load_routes
from arctic_routes.tracks import load_track, load_track_file
from arctic_routes.uploads import MAX_VERTICES, load_user_lines

ROOT = Path(__file__).resolve().parents[1]
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


def _refusal(loader, on_disk: bool, tmp_path: Path, size_bytes: int) -> str:
    """What ``loader`` says of a file of ``size_bytes``: blanks in memory, or a sparse file on disk."""
    path = tmp_path / "big.geojson"
    try:
        if on_disk:
            with path.open("wb") as f:
                f.truncate(size_bytes)
            loader(path)
        else:
            loader(path.name, b" " * size_bytes)
    except RouteDataError as exc:
        return exc.problem
    raise AssertionError(f"{loader.__name__} accepted {size_bytes} bytes of nothing")


@pytest.mark.parametrize(("loader", "on_disk"), [(load_track, False), (load_user_lines, False),
                                                 (load_track_file, True), (load_routes, True)],
                         ids=["load_track", "load_user_lines", "load_track_file", "load_routes"])
def test_size_limit_is_one_number_in_every_loader(loader, on_disk, tmp_path):
    def refusal(size_bytes: int) -> str:
        return _refusal(loader, on_disk, tmp_path, size_bytes)

    assert refusal(int(21.1 * BYTES_PER_MB)) == f"file is 21.1 MB; the limit is {MAX_FILE_MB} MB"
    # One byte over still reads as over; at the limit the file gets past the size check (refused for its content).
    assert refusal(MAX_FILE_BYTES + 1) == f"file is {MAX_FILE_MB}.1 MB; the limit is {MAX_FILE_MB} MB"
    assert "limit" not in refusal(MAX_FILE_BYTES)


def test_streamlit_upload_limit_is_the_package_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == MAX_FILE_MB


def test_readme_states_the_package_limits():
    """Every "N MB and/or M vertices" in the README is the loaders' limits."""
    stated = re.findall(r"(\d+) MB (?:and|or) ([\d,]+) vertices", (ROOT / "README.md").read_text())
    assert stated, "the README no longer states the upload limits"
    assert {(int(mb), int(v.replace(",", ""))) for mb, v in stated} == {(MAX_FILE_MB, MAX_VERTICES)}

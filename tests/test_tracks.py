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


# ---- large files: read as whole columns, with the row-by-row reader as the reference -------------------


def _rows_one_by_one(monkeypatch, name: str, data: bytes) -> list[list[float]]:
    """The coordinates as the row-by-row CSV reader gives them (the whole-column reader switched off)."""
    import arctic_routes.tracks as tracks

    monkeypatch.setattr(tracks, "_csv_coords_fast", lambda *args: None)
    return load_track(name, data)["geojson"].iloc[0]["coordinates"]


@pytest.mark.parametrize("data", [
    b"lat,lon\n70.5,10\n71,11.25\n-12.5e0,-179.99\n",
    b"time;Latitude;Longitude\n2024-01-01;70,5;10,25\n\n2024-01-02;71;-11,75\n",
    b'"lat"\t"lon"\textra\n"70.5"\t"10"\tx\n71\t11\t\n',
    b"LAT,LON\r\n 70.1 , 10.2 \r\n71,12\r\n",
])
def test_whole_columns_read_what_the_row_reader_reads(monkeypatch, data):
    fast = load_track("t.csv", data)["geojson"].iloc[0]["coordinates"]
    assert fast == _rows_one_by_one(monkeypatch, "t.csv", data)


@pytest.mark.parametrize("data, problem", [
    (b"lat,lon\n70,10\n71,nan\n", "row 3: lon 'nan' is not a number"),
    (b"lat,lon\n70,10\n71\n", "row 3 has 1 field, the header has 2"),
    (b"lat,lon\n70,10\n95,11\n", "row 3: position [11.0, 95.0] is out of range"),
    (b"lat;lon\n70,5;10\n71,2,3;11\n", "row 3: lat '71,2,3' is not a number"),
])
def test_a_large_file_with_one_bad_row_is_refused_by_that_row(data, problem):
    big = data.replace(b"\n", b"\n" + b"70,10\n" * 50_000, 1) if b"," in data.split(b"\n")[0] else data
    with pytest.raises(RouteDataError, match=re.escape(problem.replace("row 3", f"row {3 + (len(big) > len(data)) * 50_000}"))):
        load_track("t.csv", big)


def test_the_largest_files_read_and_over_the_limit_is_refused_before_reading():
    from devkit.uploads import largest_uploads

    for fmt, data in largest_uploads().items():
        track = load_track(f"largest.{fmt}", data)
        assert len(track["geojson"].iloc[0]["coordinates"]) == MAX_VERTICES, fmt
    over = b"lat,lon\n" + b"70,1\n" * (MAX_VERTICES + 1)
    with pytest.raises(RouteDataError, match="more than 500,000 vertices"):
        load_track("over.csv", over)


def test_gpx_waypoints_are_not_read_and_a_track_beside_them_loads():
    wpts = b'<wpt lat="70" lon="1"><name>w</name></wpt>' * 100_000
    data = (b'<gpx xmlns="http://www.topografix.com/GPX/1/1">' + wpts
            + b'<trk><trkseg><trkpt lat="70" lon="1"/><trkpt lat="71" lon="2"/></trkseg></trk></gpx>')
    track = load_track("w.gpx", data)
    assert track["geojson"].iloc[0]["coordinates"] == [[1.0, 70.0], [2.0, 71.0]]

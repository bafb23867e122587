"""Hostile input, all of it: every row of docs/RELIABILITY.md's table through the command line, which
reads files with the page's loader; then the accepted files in detail, and fuzzing.

The page gets the same rows in tests/test_app_hostile.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from arctic_routes.cli import main
from arctic_routes.export import lengths_csv, routes_geojson
from arctic_routes.reading import RouteDataError
from arctic_routes.routes import lengths_table
from arctic_routes.tracks import load_track
from arctic_routes.uploads import MAX_NAME_CHARS, USER_ID_PREFIX
from tests.hostile import CASE_IDS, CASES, CLASS_NAME, TESTS, command, corpus_files

ACCEPTED = TESTS / "accepted"
GEOD = Geod(ellps="WGS84")  # lengths checked against pyproj directly, not our own geodesy module


# ---- the table and the corpus agree ---------------------------------------------------------------


def test_the_table_names_every_stored_case_once_and_nothing_else():
    stored = [c.case for c in CASES if not c.generated]
    assert len(stored) == len(set(stored)), "a case is listed twice"
    assert set(stored) == corpus_files()
    assert len(CASES) >= 40


@pytest.mark.parametrize("folder", ["malformed", "accepted"])
def test_each_folder_readme_has_a_line_per_file(folder):
    listed = re.findall(r"^- `([^`]+)`: \S", (TESTS / folder / "README.md").read_text(), flags=re.M)
    assert sorted(listed) == sorted(c.split("/", 1)[1] for c in corpus_files() if c.startswith(folder + "/"))


def test_refused_cases_are_in_malformed_and_loading_cases_in_accepted():
    for case in CASES:
        folder = case.case.split("/")[0]
        assert folder in ("malformed", "accepted", "generated"), case.case
        assert (folder == "malformed") <= (case.problem is not None), case.case
        assert (folder == "accepted") <= (case.lines is not None), case.case


# ---- every row: the loader, through the command line ----------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_cli_does_what_the_table_says(case, capsys, tmp_path):
    """``measure FILE`` reads the file as the page's upload does (``load_track``, after the size check on
    disk): the table's exact problem in one line with exit status 2, or its lines, each measured."""
    path = case.path(tmp_path)
    code = main(["measure", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    if case.problem is not None:
        assert (code, out, err) == (2, "", f"arctic-routes: error: {path}: {case.problem}\n")
    else:
        rows = json.loads(out)
        assert (code, err, len(rows)) == (0, "", case.lines)
        assert [r["id"] for r in rows] == [f"user-{i}" for i in range(1, len(rows) + 1)]
        assert all(r["length_km"] > 0 for r in rows)


def test_cases_marked_process_in_a_real_process():
    cases = [c for c in CASES if c.in_a_process]
    assert len(cases) >= 10
    procs = [subprocess.Popen(command("measure", str(TESTS / c.case)), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for c in cases]  # all at once: each takes seconds
    for case, proc in zip(cases, procs):
        out, err = proc.communicate(timeout=300)
        assert "Traceback" not in err and not CLASS_NAME.search(err), (case.case, err)
        if case.problem is not None:
            assert (proc.returncode, out) == (2, ""), case.case
            assert err == f"arctic-routes: error: {TESTS / case.case}: {case.problem}\n"
        else:
            assert (proc.returncode, err) == (0, ""), case.case
            assert len(out.strip().splitlines()) == 1 + case.lines  # the header and a row per line


# ---- the accepted files, in detail ---------------------------------------------------------------


def _gpx_tracks(path: Path) -> list[list[tuple[float, float]]]:
    """Each <trk>'s points as (lon, lat), read with the standard library (independently of tracks.py)."""
    ns = {"g": "http://www.topografix.com/GPX/1/1"}
    root = ET.parse(path).getroot()
    return [[(float(p.get("lon")), float(p.get("lat"))) for p in trk.iterfind(".//g:trkpt", ns)]
            for trk in root.iterfind("g:trk", ns)]


def test_two_gpx_tracks_are_two_lines_with_their_own_lengths(capsys):
    path = ACCEPTED / "two-tracks.gpx"
    assert main(["measure", str(path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    tracks = _gpx_tracks(path)
    assert [r["name"] for r in rows] == ["Leg 1: Tromso to Kirkenes", "Leg 2: Bering Strait to Utqiagvik"]
    for row, points in zip(rows, tracks, strict=True):
        lons, lats = zip(*points)
        expected_m = GEOD.line_length(lons, lats)
        assert row["length_km"] == pytest.approx(expected_m / 1000, abs=0.05)
        assert row["length_nm"] == pytest.approx(expected_m / 1852, abs=0.05)
    joined_lons, joined_lats = zip(*(tracks[0] + tracks[1]))
    assert sum(r["length_km"] for r in rows) < GEOD.line_length(joined_lons, joined_lats) / 1000 / 2


def test_gpx_route_points_are_not_mixed_into_the_track():
    tracks = load_track("t.gpx", (ACCEPTED / "tracks-routes-waypoints.gpx").read_bytes())
    assert list(tracks["name"]) == ["Sailed", "Planned"]
    sailed = tracks.loc["user-1", "geojson"]["coordinates"]
    assert len(sailed) == 6 and [33.0, 69.2] not in sailed and [5.0, 60.0] not in sailed  # no rtept, no wpt


def test_gpx_segments_are_lines_and_empty_or_one_point_segments_are_left_out():
    tracks = load_track("t.gpx", (ACCEPTED / "two-segments.gpx").read_bytes())
    assert list(tracks["name"]) == ["Lost fix (segment 1)", "Lost fix (segment 4)"]
    assert [len(g["coordinates"]) for g in tracks["geojson"]] == [3, 2]


def test_user_ids_never_collide_with_built_in_routes_or_each_other(routes):
    assert not any(rid.startswith(USER_ID_PREFIX) for rid in routes.index)
    pole = load_track("t.geojson", (ACCEPTED / "id-tsr-pole.geojson").read_bytes())
    assert list(pole.index) == ["user-1"] and pole.loc["user-1", "name"] == "not the pole route"
    both = pd.concat([routes, pole])
    assert both.index.is_unique and both.loc["tsr-pole", "family"] == "transpolar"
    twice = load_track("t.geojson", (ACCEPTED / "duplicate-ids.geojson").read_bytes())
    assert list(twice.index) == ["user-1", "user-2"] and list(twice["name"]) == ["first", "second"]


def test_reserved_property_names_do_not_shadow_the_frame():
    track = load_track("t.geojson", (ACCEPTED / "reserved-properties.geojson").read_bytes()).iloc[0]
    assert (track["name"], track["family"], track["variant"], track["from"], track["to"]) == (
        "reserved names", "user", "", "", "")
    assert track["geometry"].geom_type == "LineString" and track["geojson"]["type"] == "LineString"
    assert track["length_m"] == pytest.approx(GEOD.line_length([0, 10], [70, 71]), rel=1e-9)


def test_a_bare_feature_and_a_bare_geometry_load():
    for name in ("bare-feature.geojson", "bare-geometry.geojson"):
        track = load_track(name, (ACCEPTED / name).read_bytes())
        assert track["length_m"].iloc[0] == pytest.approx(GEOD.line_length([0, 10], [70, 71]), rel=1e-9)


def test_decimal_commas_read_as_the_same_numbers():
    comma = load_track("a.csv", (ACCEPTED / "decimal-comma.csv").read_bytes())
    point = load_track("b.csv", b"lat,lon\n70.5,10.25\n71,11.5\n71.75,13\n")
    assert comma.loc["user-1", "geojson"] == point.loc["user-1", "geojson"]


def test_names_are_one_short_line_of_text():
    names = load_track("t.geojson", (ACCEPTED / "names-not-text.geojson").read_bytes())["name"]
    assert list(names) == ["track 1", "12", "track 3", "track 4"]
    long = load_track("t.geojson", (ACCEPTED / "long-multiline-name.geojson").read_bytes())["name"].iloc[0]
    assert len(long) == MAX_NAME_CHARS and "\n" not in long and long.startswith("A very long name A very")


@pytest.mark.parametrize("case", [c for c in CASES if c.lines and not c.generated], ids=lambda c: c.case)
def test_every_accepted_file_exports_with_the_built_in_routes(case, routes):
    """The downloads the page offers (GeoJSON, CSV) work with the user's lines beside the built-in routes."""
    user = load_track(case.name, case.data())
    both = pd.concat([routes, user])
    ids = list(both.index)
    doc = json.loads(routes_geojson(both, ids))
    assert len(doc["features"]) == len(ids)
    assert len(pd.read_csv(pd.io.common.StringIO(lengths_csv(both, ids)))) == len(ids)
    assert lengths_table(both)["length_m"].gt(0).all()


@pytest.mark.parametrize("name", ["two-tracks.gpx", "id-tsr-pole.geojson", "duplicate-ids.geojson",
                                  "reserved-properties.geojson", "semicolon.csv"])
def test_export_html_takes_every_format(name, capsys, tmp_path):
    out = tmp_path / "map.html"
    code = main(["export-html", "--out", str(out), "--routes", "tsr-pole", "--file", str(ACCEPTED / name)])
    _, err = capsys.readouterr()
    assert (code, err) == (0, "")
    page = out.read_text()
    for track in load_track(name, (ACCEPTED / name).read_bytes())["name"]:  # each line drawn, with its tooltip
        assert f"{json.dumps(track)[1:-1]}: " in page, track


# ---- fuzz -----------------------------------------------------------------------------------------

CSV_TEXT = st.text(alphabet="latlon,;\t\n 0123456789.-e+\"'", max_size=300)
GPX_TEXT = st.lists(st.sampled_from(['<gpx>', '</gpx>', '<trk>', '</trk>', '<trkseg>', '</trkseg>', '<rte>',
                                     '</rte>', '<trkpt lat="70" lon="1"/>', '<rtept lat="-91" lon="0"/>',
                                     '<trkpt lat="x"/>', '<name>a</name>', '<wpt lat="1" lon="1"/>', '<ele>1</ele>',
                                     '<!DOCTYPE gpx>', '&amp;', '<kml>', '<?xml version="1.0"?>']),
                    max_size=40).map("".join)


def _loads_or_is_refused_in_one_line(name: str, data: bytes) -> None:
    try:
        load_track(name, data)
    except RouteDataError as exc:
        assert "\n" not in str(exc) and not CLASS_NAME.search(exc.problem)


@settings(max_examples=200, deadline=None)
@given(CSV_TEXT)
def test_csv_like_text_loads_or_is_refused_in_one_line(text):
    _loads_or_is_refused_in_one_line("x.csv", text.encode())


@settings(max_examples=200, deadline=None)
@given(GPX_TEXT)
def test_gpx_like_text_loads_or_is_refused_in_one_line(text):
    _loads_or_is_refused_in_one_line("x.gpx", text.encode())


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["x.geojson", "x.gpx", "x.csv", "x.json"]), st.binary(max_size=2000))
def test_any_bytes_load_or_are_refused_in_one_line(name, data):
    _loads_or_is_refused_in_one_line(name, data)

"""The arctic-routes command line: output formats, user files, and bad arguments.

Every hostile file of docs/RELIABILITY.md runs through ``measure`` in tests/test_hostile.py.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pyproj import Geod
from shapely.geometry import shape

from arctic_routes import cli
from arctic_routes.cli import CLOSED_PIPE_STATUS, main
from tests.hostile import CLASS_NAME, command

#: Reads one line and exits; the command is still computing, so its output meets a closed pipe.
READ_ONE_LINE = [sys.executable, "-c", "import sys; sys.stdin.readline()"]
CLOSE_AT_ONCE = [sys.executable, "-c", "import sys; sys.stdin.close()"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lengths_equal_geodesic_length_of_stored_geometry(capsys, routes):
    code, out, _ = run(capsys, "lengths", "--format", "json")
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    assert set(rows) == set(routes["id"])
    geod = Geod(ellps="WGS84")  # measured independently of our own length function
    for rid, route in routes.iterrows():
        expected_m = geod.geometry_length(shape(route["geojson"]))
        assert rows[rid]["length_km"] == pytest.approx(expected_m / 1000, abs=0.06)
        assert rows[rid]["length_nm"] == pytest.approx(expected_m / 1852, abs=0.06)
        for key in ("name", "family", "variant", "from", "to"):
            assert rows[rid][key] == route[key]


def test_csv_and_table(capsys):
    code, out, _ = run(capsys, "lengths", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["id"] for r in rows} >= {"tsr-pole", "nep-coastal"}
    code, out, _ = run(capsys, "lengths")
    assert code == 0 and "tsr-pole" in out and "nm" in out.splitlines()[0]


def test_user_file_is_measured(capsys, tmp_path):
    path = tmp_path / "voyage.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "across 180"},
                        "geometry": {"type": "LineString", "coordinates": [[179.5, 70.0], [-179.5, 70.0]]},
                    }
                ],
            }
        )
    )
    code, out, _ = run(capsys, "lengths", "--format", "json", "--file", str(path))
    assert code == 0
    (row,) = json.loads(out)
    assert row["name"] == "across 180" and row["family"] == "user"
    assert row["length_km"] == pytest.approx(38.2, abs=0.05)


@pytest.mark.parametrize("argv", [["lengths", "--format", "xml"], ["nonsense"], [], ["lengths", "--file"]])
def test_bad_arguments_exit_2(argv):
    proc = subprocess.run(command(*argv), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("arctic-routes: error: "), proc.stderr


def test_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "lengths", "--file", str(tmp_path / "absent.geojson"))
    assert code == 2 and "not found" in err


def test_measure_prints_each_line_with_nm_and_km(capsys):
    path = Path(__file__).parent / "accepted" / "two-tracks.gpx"
    code, out, err = run(capsys, "measure", str(path))
    assert (code, err) == (0, "")
    header, *rows = out.strip().splitlines()
    assert header.split() == ["line", "name", "nm", "km"]
    assert [r.split()[0] for r in rows] == ["user-1", "user-2"]
    assert rows[0].endswith("285.9 529.5") and rows[1].endswith("412.2 763.4")


@pytest.mark.parametrize(("argv", "message"), [
    (["compare", "Murmansk", "Murmansk"], "Murmansk (RUMMK) is both the origin and the destination"),
    (["compare", "Nowhere", "Yokohama"], "unknown port 'Nowhere'; closest: "),
    (["compare", "Rotterdam", "Yokohama", "--speed", "0"], "speed must be between 5 and 30 knots"),
    (["render", "--out", "x.jpg"], "x.jpg: the output file must end in .png or .svg"),
    (["export-html", "--out", "/nonexistent-dir/x.html"], "/nonexistent-dir/x.html: cannot write: "),
    (["measure", "/"], "/: is a directory, not a file"),
])
def test_errors_are_one_line_without_a_class_name(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith(f"arctic-routes: error: {message}") and err.count("\n") == 1, err
    assert not CLASS_NAME.search(err), err


@pytest.mark.parametrize(("exc", "line"), [
    (KeyError("x"), "unexpected problem ('x'); please report it"),
    (OSError(28, "No space left on device", "out.png"), "out.png: No space left on device"),
    (MemoryError(), "out of memory"),
    (RecursionError("maximum recursion depth exceeded"), "unexpected problem (maximum recursion depth exceeded); "
                                                         "please report it"),
])
def test_even_a_bug_is_one_line_with_status_2(capsys, monkeypatch, exc, line):
    def broken(args):
        raise exc

    monkeypatch.setattr(cli, "_seasons", broken)
    code, out, err = run(capsys, "seasons")
    assert (code, out, err) == (2, "", f"arctic-routes: error: {line}\n")


def test_errors_in_a_real_process_are_one_line():
    proc = subprocess.run(command("compare", "Murmansk", "Murmansk"), capture_output=True, text=True, timeout=300)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == "arctic-routes: error: Murmansk (RUMMK) is both the origin and the destination\n"


@pytest.mark.parametrize("reader", [READ_ONE_LINE, CLOSE_AT_ONCE], ids=["reads-one-line", "closes-at-once"])
def test_a_closed_pipe_ends_quietly(reader):
    """``arctic-routes compare ... | head``: no traceback, no BrokenPipe, whenever the reader goes."""
    writer = subprocess.Popen(command("compare", "Rotterdam", "Yokohama"), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    subprocess.run(reader, stdin=writer.stdout, timeout=300, check=True)
    writer.stdout.close()  # only the reader holds the pipe now: when it exits, the pipe is closed
    err = writer.stderr.read().decode()
    status = writer.wait(timeout=300)
    assert "Traceback" not in err and "BrokenPipe" not in err and err == "", err
    assert status in (0, CLOSED_PIPE_STATUS)  # 0 if the reader took the one line it wanted before leaving
    if reader is CLOSE_AT_ONCE:
        assert status == CLOSED_PIPE_STATUS

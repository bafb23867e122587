"""The arctic-routes command line: output formats, user files, and bad input."""

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

from arctic_routes.cli import main
from arctic_routes.routes import MAX_FILE_BYTES, MAX_FILE_MB, MAX_VERTICES

MALFORMED = sorted(p for p in (Path(__file__).parent / "malformed").iterdir() if p.suffix != ".md")
#: Run as real processes, one file per way in (bytes, JSON nesting, XML, CSV, coordinates): there an
#: exception that escapes main would print its traceback and exit 1.
IN_A_PROCESS = ("binary.geojson", "deeply-nested.geojson", "entity-expansion.gpx", "not-a-number.csv",
                "lat-out-of-range.geojson")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def command(*argv: str) -> list[str]:
    """``arctic-routes ARGV`` in a new interpreter, as the console script runs it."""
    return [sys.executable, "-m", "arctic_routes.cli", *argv]


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


@pytest.mark.parametrize("path", MALFORMED, ids=[p.name for p in MALFORMED])
def test_malformed_files_exit_2_with_one_line(capsys, path):
    code, out, err = run(capsys, "lengths", "--file", str(path))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and str(path) in err


def test_malformed_files_in_a_real_process_exit_2_with_one_line():
    paths = [p for p in MALFORMED if p.name in IN_A_PROCESS]
    assert [p.name for p in paths] == sorted(IN_A_PROCESS)  # every sample is still in the corpus
    procs = [subprocess.Popen(command("lengths", "--file", str(p)), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for p in paths]  # all at once: each interpreter takes a second to start
    for path, proc in zip(paths, procs):
        out, err = proc.communicate(timeout=120)
        assert "Traceback" not in err, err
        assert (proc.returncode, out) == (2, ""), (path.name, proc.returncode, err)
        assert len(err.splitlines()) == 1 and err.startswith(f"arctic-routes: error: {path}: "), err


def test_too_big_and_too_many_vertices(capsys, tmp_path):
    big = tmp_path / "big.geojson"
    big.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    code, _, err = run(capsys, "lengths", "--file", str(big))
    assert code == 2 and err.endswith(f"; the limit is {MAX_FILE_MB} MB\n")
    many = tmp_path / "many.geojson"
    coords = [[(i % 3600) / 10 - 180, 70.0] for i in range(MAX_VERTICES + 1)]
    many.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {},
                        "geometry": {"type": "LineString", "coordinates": coords},
                    }
                ],
            }
        )
    )
    code, _, err = run(capsys, "lengths", "--file", str(many))
    assert code == 2 and "vertices" in err


@pytest.mark.parametrize("argv", [["lengths", "--format", "xml"], ["nonsense"], [], ["lengths", "--file"]])
def test_bad_arguments_exit_2(argv):
    proc = subprocess.run(command(*argv), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and proc.stderr.startswith("arctic-routes: error: "), proc.stderr


def test_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "lengths", "--file", str(tmp_path / "absent.geojson"))
    assert code == 2 and "not found" in err

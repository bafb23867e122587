"""The hostile-input cases: the table in docs/RELIABILITY.md, read as data, and the inputs it names.

Each row names a file in tests/malformed/ (refused) or tests/accepted/ (loads), or an input the tests
generate (over a limit), and says what happens: ``refused: `<the one-line problem>` `` or
``loads: N line(s)``. Each row runs once per front end: tests/test_hostile.py through the command line
(``measure``, which reads the file with the page's loader), tests/test_app_hostile.py through the page's
upload; the rows marked "process" also in a real ``arctic-routes`` process.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from arctic_routes.reading import MAX_FILE_BYTES
from arctic_routes.uploads import MAX_LINES, MAX_VERTICES

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
RELIABILITY = ROOT / "docs" / "RELIABILITY.md"
CORPUS_DIRS = ("malformed", "accepted")
#: Python class names that must never reach a reader ("ValueError: ...", "BrokenPipeError").
CLASS_NAME = re.compile(r"\b[A-Z]\w*(?:Error|Exception|Interrupt)\b")
#: | `malformed/track.kml` | what it is | refused: `KML is not supported; ...` | CLI, page |
_ROW = re.compile(r"^\| `(?P<case>[^`]+)` \| (?P<what>[^|]+) \| "
                  r"(?:refused: `(?P<problem>[^`]+)`|loads: (?P<lines>\d+) lines?) \| (?P<tested>[^|]+) \|$")


@dataclass(frozen=True)
class Case:
    case: str  # "malformed/track.kml", "accepted/two-tracks.gpx" or "generated/over-line-limit.gpx"
    problem: str | None  # the one-line problem when refused
    lines: int | None  # how many lines when it loads
    in_a_process: bool  # also run as a real `arctic-routes` process

    @property
    def name(self) -> str:
        return self.case.split("/", 1)[1]

    @property
    def generated(self) -> bool:
        return self.case.startswith("generated/")

    def data(self) -> bytes:
        return GENERATED[self.name]() if self.generated else (TESTS / self.case).read_bytes()

    def path(self, tmp_path: Path) -> Path:
        """The input as a file on disk (generated inputs written to ``tmp_path``)."""
        if not self.generated:
            return TESTS / self.case
        path = tmp_path / self.name
        path.write_bytes(self.data())
        return path


def _lines_geojson(count: int) -> bytes:
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[0, 70], [1, 71]]}}
    return json.dumps({"type": "FeatureCollection", "features": [feature] * count}).encode()


#: Inputs over a limit, built when asked (once each).
GENERATED = {name: functools.cache(build) for name, build in {
    "over-size-limit.geojson": lambda: b" " * (MAX_FILE_BYTES + 1),
    "over-vertex-limit.geojson": lambda: json.dumps({"type": "LineString", "coordinates": [
        [(i % 3600) / 10 - 180, 70.0] for i in range(MAX_VERTICES + 1)]}).encode(),
    "over-vertex-limit.gpx": lambda: (b"<gpx><trk><trkseg>" + b'<trkpt lat="70" lon="1"/>' * (MAX_VERTICES + 1)
                                      + b"</trkseg></trk></gpx>"),
    "over-vertex-limit.csv": lambda: b"lat,lon\n" + b"70,1\n" * (MAX_VERTICES + 1),
    "over-line-limit.geojson": lambda: _lines_geojson(MAX_LINES + 1),
    "at-line-limit.geojson": lambda: _lines_geojson(MAX_LINES),
    "over-line-limit.gpx": lambda: (b"<gpx><trk>" + b'<trkseg><trkpt lat="70" lon="1"/><trkpt lat="71" lon="1"/></trkseg>'
                                    * (MAX_LINES + 1) + b"</trk></gpx>"),
}.items()}


def read_table() -> list[Case]:
    """Every row of the hostile-input table in docs/RELIABILITY.md."""
    cases = []
    for line in RELIABILITY.read_text().splitlines():
        match = _ROW.match(line)
        if match:
            cases.append(Case(match["case"], match["problem"], int(match["lines"]) if match["lines"] else None,
                              "process" in match["tested"]))
    return cases


CASES = read_table()
CASE_IDS = [c.case for c in CASES]


def corpus_files() -> set[str]:
    """Every stored case, as "malformed/NAME" or "accepted/NAME" (READMEs left out)."""
    return {f"{d}/{p.name}" for d in CORPUS_DIRS for p in (TESTS / d).iterdir() if p.name != "README.md"}


def command(*argv: str) -> list[str]:
    """``arctic-routes ARGV`` in a new interpreter, as the console script runs it."""
    return [sys.executable, "-m", "arctic_routes.cli", *argv]

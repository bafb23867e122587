"""Check the vendored NSIDC Sea Ice Index monthly extent files, ``geodata/sea-ice-index/N_MM_extent_v*.csv``.

The twelve files were copied byte for byte from public repositories (``geodata/sea-ice-index/README.md`` names
each repository, path and commit); this script cannot download anything. It checks each file's SHA-256 against
:data:`SHA256` below, then reads every file once with :func:`arctic_routes.extent.read_extent_file` (the reader
the package uses) to prove it parses, and prints each month's years, latest value, 1981-2010 median and record
low. It exits with status 1 on the first file that differs or does not read.

To refresh from NSIDC itself, on a machine with internet access: download ``N_01_extent_v4.0.csv`` ..
``N_12_extent_v4.0.csv`` from https://noaadata.apps.nsidc.org/NOAA/G02135/north/monthly/data/ into
``geodata/sea-ice-index/`` (removing ``N_01_extent_v3.0.csv`` and pointing ``SEA_ICE_INDEX_FILES`` in
``arctic_routes/datafiles.py`` at the version 4 January), run this script with ``--update`` to rewrite the
table of sums, then record the date, source and new sums in the README.

Usage::

    python scripts/build_sea_ice_index.py            # check
    python scripts/build_sea_ice_index.py --update   # after replacing the files: print the new table
"""

from __future__ import annotations

import argparse
import hashlib
import sys

from arctic_routes.datafiles import SEA_ICE_INDEX_FILES, geodata_file
from arctic_routes.extent import format_mkm2, read_extent_file, summarise
from arctic_routes.reading import RouteDataError

#: SHA-256 of each file as vendored on 2026-12-06 (geodata/sea-ice-index/README.md).
SHA256 = {
    "sea-ice-index/N_01_extent_v3.0.csv": "8fd8f6d089767c15f464ac15125d553c4f068041d9599212899b7032dcad5eae",
    "sea-ice-index/N_02_extent_v4.0.csv": "cf1df2e3730acdc39831c386fc4c5ae765fc0d661f7466290e9239490422b32e",
    "sea-ice-index/N_03_extent_v4.0.csv": "01c4fa25d1a4a35aee9558eeecd652564fc91582e35e7b2fcaf8c19ebf56aff7",
    "sea-ice-index/N_04_extent_v4.0.csv": "31ededc3210d6b30dce1ac5c3bf1009d8ab8faee75d1cdf6a9ff39dcc7fe6e94",
    "sea-ice-index/N_05_extent_v4.0.csv": "143786739a6f3d5d1a3208fa61f299a4afdff142974dfc973bfd1ee86670dc72",
    "sea-ice-index/N_06_extent_v4.0.csv": "33f08540d96b62554ebcd8e27030364815be3e0836d03453e9bb078ef4452d0f",
    "sea-ice-index/N_07_extent_v4.0.csv": "0be2b36d07f5eb3ec2ddb7a8604fcdf508ef718254ae3795c655681b3e567bf4",
    "sea-ice-index/N_08_extent_v4.0.csv": "099dfed84622912b5dc11d56acfa81193788e0d81a2e751ebeecb16ddb1de504",
    "sea-ice-index/N_09_extent_v4.0.csv": "a37f6b0057cf7c98f903b7d3a6da2abd86f48ebd38280b40294460bc0360363f",
    "sea-ice-index/N_10_extent_v4.0.csv": "f66823f55ea5ad91cdebbcfe81a810af5e251c2c0918a9b0784db1695f7ef060",
    "sea-ice-index/N_11_extent_v4.0.csv": "c4de006d4599608c763a4959936487e4c04df76f4fbbb634cbb09bc02a52c9b1",
    "sea-ice-index/N_12_extent_v4.0.csv": "881287efd9860618b1375a426a167822b6af60af20be6bbf523c076ee27cb43c",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="print the SHA256 table of the files as they are")
    args = parser.parse_args(argv)
    sums = {name: hashlib.sha256(geodata_file(name).read_bytes()).hexdigest() for name in SEA_ICE_INDEX_FILES}
    if args.update:
        print("SHA256 = {")
        print("\n".join(f'    "{name}": "{digest}",' for name, digest in sums.items()))
        print("}")
        return 0
    if set(sums) != set(SHA256):
        print(f"the files named in datafiles.py differ from the table: {sorted(set(sums) ^ set(SHA256))}",
              file=sys.stderr)
        return 1
    for month, name in enumerate(SEA_ICE_INDEX_FILES, start=1):
        if sums[name] != SHA256[name]:
            print(f"{name}: SHA-256 {sums[name]}, expected {SHA256[name]}", file=sys.stderr)
            return 1
        try:
            series = read_extent_file(geodata_file(name), month)
            summary = summarise(series)
        except (RouteDataError, ValueError) as exc:
            print(exc, file=sys.stderr)
            return 1
        low_year, low = summary.record_low
        year, value = summary.latest
        gaps = f", gaps {', '.join(map(str, series.gaps))}" if series.gaps else ""
        print(f"{name}: v{series.version}, {len(series.measured)} years {series.first_year}-{series.last_year}"
              f"{gaps}; {year} {format_mkm2(value)}, median 1981-2010 {format_mkm2(summary.median_mkm2)}, "
              f"record low {format_mkm2(low)} ({low_year}); sha256 ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

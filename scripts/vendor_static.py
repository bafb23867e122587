"""Copy Leaflet from its PyPI xstatic package into ``static/vendor/``.

Streamlit serves ``static/`` at ``/app/static/`` (``server.enableStaticServing``),
so the map loads its script from our own server and works offline. Reproduce
with::

    pip install xstatic-leaflet==1.9.3.0 && python scripts/vendor_static.py
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import xstatic.pkg.leaflet as leaflet

ROOT = Path(__file__).resolve().parents[1]
DEST = ROOT / "static" / "vendor"
FILES = [
    (Path(leaflet.BASE_DIR) / "leaflet.js", f"leaflet-{leaflet.VERSION}/leaflet.js"),
    (Path(leaflet.BASE_DIR) / "leaflet.css", f"leaflet-{leaflet.VERSION}/leaflet.css"),
]


def main() -> None:
    for src, rel in FILES:
        dest = DEST / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        print(f"{rel}  sha256 {hashlib.sha256(dest.read_bytes()).hexdigest()}")
    images = Path(leaflet.BASE_DIR) / "images"
    shutil.copytree(images, DEST / f"leaflet-{leaflet.VERSION}" / "images", dirs_exist_ok=True)


if __name__ == "__main__":
    main()

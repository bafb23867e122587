"""Copy Leaflet and jQuery from their PyPI xstatic packages into ``static/vendor/``.

Streamlit serves ``static/`` at ``/app/static/`` (``server.enableStaticServing``),
so the map loads its scripts from our own server and works offline. Reproduce
with::

    pip install xstatic-leaflet==1.9.3.0 xstatic-jquery==3.7.1.1 && python scripts/vendor_static.py
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import xstatic.pkg.jquery as jquery
import xstatic.pkg.leaflet as leaflet

ROOT = Path(__file__).resolve().parents[1]
DEST = ROOT / "static" / "vendor"
FILES = [
    (Path(leaflet.BASE_DIR) / "leaflet.js", f"leaflet-{leaflet.VERSION}/leaflet.js"),
    (Path(leaflet.BASE_DIR) / "leaflet.css", f"leaflet-{leaflet.VERSION}/leaflet.css"),
    (Path(jquery.BASE_DIR) / "jquery.min.js", f"jquery-{jquery.VERSION}/jquery.min.js"),
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

"""Build the page's sea-ice charts, ``static/data/sea-ice-extent-01.svg`` ... ``-12.svg``, from the vendored
NSIDC Sea Ice Index files (``geodata/sea-ice-index/``).

The page shows the month's chart beside the map at :data:`arctic_routes.datafiles.EXTENT_CHART_PX`; drawn here
once, the server never loads matplotlib for it (about 27 MB of its memory) and the browser caches the file.
``tests/test_extent.py`` checks each file names its month's latest year, value and record low, so a chart left
behind by new data fails. Rebuild after refreshing ``geodata/sea-ice-index/``.

Usage::

    python scripts/build_extent_charts.py
"""

from __future__ import annotations

import re

from arctic_routes.datafiles import EXTENT_CHART_PX, extent_chart_file
from arctic_routes.extent import load_month
from arctic_routes.extent_chart import render_extent_chart


def compact(svg: bytes) -> bytes:
    """Matplotlib's SVG made smaller for every reader's first view: no XML prolog, RDF metadata, group names or indentation, numbers in its tags
    to 0.1 pt (under 0.14 CSS px at the page's size), every text's font stack in one rule instead of on each text.
    About a fifth less, gzipped."""
    text = svg.decode("utf-8")
    text = re.sub(r"\A.*?(?=<svg)", "", text, flags=re.S)
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)
    text = re.sub(r"<[^>]*>", lambda tag: re.sub(r"(\d+\.\d)\d+", r"\1", tag[0]), text)  # in tags, not the words
    text = re.sub(r'<g id="[^"]*">', "<g>", text)  # matplotlib's group names: nothing refers to them
    text = re.sub(r"\n\s+", "\n", text)
    stack = re.search(r"font-family: ([^;\"]+);", text)
    if stack:
        text = text.replace(f"font-family: {stack[1]}; ", "").replace(f"font-family: {stack[1]}", "")
        text = text.replace("<style type=\"text/css\">", f"<style type=\"text/css\">text{{font-family:{stack[1]}}}", 1)
    return text.encode("utf-8")


def main() -> None:
    for month in range(1, 13):
        path = extent_chart_file(month)
        path.write_bytes(compact(render_extent_chart(load_month(month), EXTENT_CHART_PX, "svg")))
        print(f"{path}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()

"""Read the page's HTML tables back into DataFrames (cells as their text), for the page tests."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._section = ""

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag == "table":
            self.tables.append({"head": [], "rows": [], "row_header": False})
        elif tag in ("thead", "tbody"):
            self._section = tag
        elif tag == "tr" and self.tables:
            (self.tables[-1]["head"] if self._section == "thead" else self.tables[-1]["rows"]).append([])
        elif tag in ("th", "td"):
            self._cell = []
            if tag == "th" and dict(attrs).get("scope") == "row":
                self.tables[-1]["row_header"] = True

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in ("th", "td") and self._cell is not None:
            rows = self.tables[-1]["head"] if self._section == "thead" else self.tables[-1]["rows"]
            rows[-1].append("".join(self._cell).strip())
            self._cell = None


def read_html_tables(text: str) -> list[pd.DataFrame]:
    """Each ``<table>`` in ``text``: its header row as the columns, a row header (``th scope=row``) as the index.

    >>> read_html_tables('<table><thead><tr><th>Year</th><th>n</th></tr></thead>'
    ...                  '<tbody><tr><th scope="row">2010</th><td>4</td></tr></tbody></table>')[0].loc["2010", "n"]
    '4'
    """
    parser = _Tables()
    parser.feed(text)
    frames = []
    for t in parser.tables:
        columns = t["head"][0] if t["head"] else []
        frame = pd.DataFrame(t["rows"], columns=columns or None)
        if t["row_header"]:
            frame = frame.set_index(frame.columns[0])
        frames.append(frame)
    return frames

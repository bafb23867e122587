"""Ports a reader can sail from or to, and finding one by what a reader types.

:func:`all_ports` is every port of ``geodata/ports.geojson`` as an immutable
:class:`Port`; :func:`find_port` resolves a name or UN/LOCODE, forgiving case,
accents and punctuation, and names the closest matches when it cannot. Knows
nothing of routes or the sea network.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from arctic_routes.routes import load_ports


class UnknownPort(ValueError):
    """A port name or UN/LOCODE that is not in the list; the message names the closest matches."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"unknown port {query!r}{hint}")


@dataclass(frozen=True)
class Port:
    name: str
    unlocode: str | None
    lon: float
    lat: float
    region: str
    country: str
    source: str

    @property
    def key(self) -> str:
        """What a share link names the port by: its UN/LOCODE, else its name."""
        return self.unlocode or self.name

    @property
    def label(self) -> str:
        """``Rotterdam (NLRTM)``: how the page and the CLI name a port."""
        return f"{self.name} ({self.unlocode})" if self.unlocode else self.name


@lru_cache(maxsize=1)
def all_ports() -> tuple[Port, ...]:
    """Every port in ``geodata/ports.geojson``, sorted by name."""
    frame = load_ports()
    ports = [
        Port(
            name=str(row["name"]),
            unlocode=row["unlocode"] if isinstance(row["unlocode"], str) else None,
            lon=float(row.geometry.x),
            lat=float(row.geometry.y),
            region=str(row["region"]),
            country=str(row["country"]),
            source=str(row["source"]),
        )
        for _, row in frame.iterrows()
    ]
    return tuple(sorted(ports, key=lambda p: p.name))


def _fold(text: str) -> str:
    """Lower case without accents or punctuation: 'Tromsø' and 'tromso' match."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O"))
    return "".join(c for c in decomposed if c.isalnum()).lower()


def find_port(query: str, ports: tuple[Port, ...] | None = None) -> Port:
    """The port named ``query`` (name, or UN/LOCODE with or without its space).

    Raises :class:`UnknownPort` naming up to three close matches.

    >>> find_port("nlrtm").name, find_port("St. Petersburg").unlocode
    ('Rotterdam', 'RULED')
    >>> find_port("Rotterdm")
    Traceback (most recent call last):
    ...
    arctic_routes.ports.UnknownPort: unknown port 'Rotterdm'; closest: Rotterdam (NLRTM)
    """
    ports = ports or all_ports()
    key = _fold(str(query))
    if key:
        for port in ports:
            names = {_fold(port.name), _fold(port.name.split("(")[0])}
            if key in names or (port.unlocode and key == _fold(port.unlocode)):
                return port
    by_key = {_fold(p.name): p for p in ports}
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6)
    raise UnknownPort(str(query)[:60], [by_key[c].label for c in close])

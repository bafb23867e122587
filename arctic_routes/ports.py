"""Ports a reader can sail from or to, and finding one by what a reader types.

:func:`all_ports` is every port of ``geodata/ports.geojson`` as an immutable
:class:`arctic_routes.model.Port`; :func:`find_port` resolves a name, a UN/LOCODE or an alias (another
code or everyday name of the port, each sourced in the data: ``CNSHA``, ``Pusan``),
forgiving case, accents and punctuation, and names the closest matches when it
cannot; :func:`port_key` does the same quietly for a share link. Knows nothing of
routes or the sea network.
"""

from __future__ import annotations

import difflib
import unicodedata
from functools import lru_cache

from arctic_routes.model import Port
from arctic_routes.routes import load_ports

#: What an error message repeats of a query, and how much of it is compared with the names.
MAX_QUERY_CHARS = 60


class UnknownPort(ValueError):
    """A port name or UN/LOCODE that is not in the list; the message names the closest matches."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"unknown port {query!r}{hint}")


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
            aliases=_aliases(row.get("aliases")),
        )
        for _, row in frame.iterrows()
    ]
    return tuple(sorted(ports, key=lambda p: p.name))


def _aliases(value: object) -> tuple[str, ...]:
    """The alias names of a feature's ``aliases`` property (absent where a port has none)."""
    if not isinstance(value, list):
        return ()
    return tuple(str(a["alias"]) for a in value if isinstance(a, dict) and a.get("alias"))


def _fold(text: str) -> str:
    """Lower case without accents or punctuation: 'Tromsø' and 'tromso' match."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O"))
    return "".join(c for c in decomposed if c.isalnum()).lower()


def _index(ports: tuple[Port, ...]) -> dict[str, Port]:
    """Folded name, name before any parenthesis, UN/LOCODE and aliases -> port.

    A port's own name or code wins over another port's alias; among equals, the first in name order.
    """
    index: dict[str, Port] = {}
    for port in ports:
        for key in (port.name, port.name.split("(")[0], port.unlocode or ""):
            index.setdefault(_fold(key), port)
    for port in ports:
        for alias in port.aliases:
            index.setdefault(_fold(alias), port)
    index.pop("", None)
    return index


@lru_cache(maxsize=1)
def _default_index() -> dict[str, Port]:
    return _index(all_ports())


def find_port(query: str, ports: tuple[Port, ...] | None = None) -> Port:
    """The port named ``query``: its name, its UN/LOCODE (with or without the space) or an alias.

    Raises :class:`UnknownPort` naming up to three close matches (aliases count,
    but the port is named by its label).

    >>> find_port("nlrtm").name, find_port("St. Petersburg").unlocode, find_port("CNSHA").label
    ('Rotterdam', 'RULED', 'Shanghai (CNSGH)')
    >>> find_port("Rotterdm")
    Traceback (most recent call last):
    ...
    arctic_routes.ports.UnknownPort: unknown port 'Rotterdm'; closest: Rotterdam (NLRTM)
    """
    index = _index(ports) if ports else _default_index()
    key = _fold(str(query))
    if key in index:
        return index[key]
    close = difflib.get_close_matches(key[:MAX_QUERY_CHARS], list(index), n=12, cutoff=0.6)
    labels = list(dict.fromkeys(index[c].label for c in close))[:3]
    raise UnknownPort(str(query)[:MAX_QUERY_CHARS], labels)


def port_key(query: str) -> str | None:
    """The :attr:`Port.key` of the port ``query`` names (as :func:`find_port`), or None: for share links.

    >>> port_key("SGSIN"), port_key("Pusan"), port_key("Atlantis")
    ('SGKEP', 'KRPUS', None)
    """
    port = _default_index().get(_fold(str(query)))
    return port.key if port else None

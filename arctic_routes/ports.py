"""Ports a reader can sail from or to, and finding one by what a reader types.

Two lists: :func:`all_ports` is the 75 curated voyage ports of ``geodata/ports.geojson`` (names, aliases and
sourced positions); :func:`all_world_ports` is every port of ``geodata/world-ports.csv`` (the NGA World Port
Index and the UN/LOCODE list, ``scripts/build_world_ports.py``), where a curated port stands for itself.

:func:`find_end` is what the command line, the share link and the page use: it resolves a name, an
alternate name or a UN/LOCODE (with or without its space, any case, accents folded, ``St``/``St.``/
``Saint``/``Ste`` alike and ``Pt`` for ``Port``), narrowed by a country (``Sydney, Australia``, ``Sydney
AU``) or a code in brackets (``Sydney (AU SYD)``), or a position ``LAT,LON`` in decimal degrees. It raises
:class:`AmbiguousPort` for a name several ports share, :class:`BadPosition` for a position off the globe
and :class:`UnknownPort` (naming close matches) otherwise; all three are :class:`UnknownPort` and so
``ValueError``, each one line. :func:`find_port` is the same for ports only; :func:`port_key` quietly
gives the key a share link uses; :func:`search_ports` answers a search as one types.

The index is built once, on first use (about a tenth of a second), from plain tuples. Knows nothing of
routes or the sea network: whether a position is at sea is the voyage's business.

Examples
--------
>>> find_end("nl rtm").label, find_end("Gdańsk").country_name, find_end("-33.86, 151.21").key
('Rotterdam (NLRTM)', 'Poland', '-33.86,151.21')
>>> find_end("Sydney")
Traceback (most recent call last):
...
arctic_routes.ports.AmbiguousPort: "Sydney" names 2 ports: Sydney, Australia (AU SYD) · Sydney, Canada (CA SYD)
"""

from __future__ import annotations

import bisect
import csv
import difflib
import math
import re
import unicodedata
from array import array
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from arctic_routes.datafiles import WORLD_PORTS_FILE, geodata_file
from arctic_routes.model import Port
from arctic_routes.routes import load_ports

#: What an error message repeats of a query, and how much of it is compared with the names.
MAX_QUERY_CHARS = 60
#: How many ports an ambiguous name's message lists before "and N more".
MAX_LISTED = 6
#: North of this latitude (the Arctic Circle, degrees) a World Port Index port or a position is ``arctic``.
ARCTIC_CIRCLE_DEG = 66.56
#: Decimal places a typed position keeps (1e-5 degree is about a metre).
POSITION_DECIMALS = 5
#: Words read alike in names: "St. John's" is "Saint John's", "Pt Hedland" is "Port Hedland".
SAME_WORDS = {"saint": "st", "ste": "st", "sainte": "st", "pt": "port"}
WPI_SOURCE = "NGA World Port Index (Pub. 150, public domain) record {}"
LOCODE_SOURCE = "UNECE UN/LOCODE list, as carried by PyPI searoute 1.6.0 (geodata/world-ports.csv)"
POSITION_SOURCE = "a position typed by the reader"

_NUMBER = r"[+\-\u2212]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+|nan|inf|infinity)(?:e[+\-]?[0-9]+)?"  # ASCII digits only
_POSITION = re.compile(rf"\s*({_NUMBER})\s*,\s*({_NUMBER})\s*", re.IGNORECASE)
_HEMISPHERES = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*°?\s*([NS])[\s,]+([0-9]+(?:\.[0-9]+)?)\s*°?\s*([EW])\s*",
                          re.IGNORECASE)
_NOT_IN_WORDS = re.compile(r"[\W_]+")
#: Letters without a decomposition, as they are written in plain Latin letters.
_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss",
                          "ı": "i", "’": ""})
_BRACKETED = re.compile(r"(.*?)\s*\(([^()]*)\)\s*")


class UnknownPort(ValueError):
    """A port name or UN/LOCODE that is not in the list; the message names the closest matches."""

    def __init__(self, query: str, suggestions: list[str]) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"unknown port {query!r}{hint}")


class AmbiguousPort(UnknownPort):
    """A name several ports share: the message lists them (name, country, code), one line."""

    def __init__(self, query: str, candidates: list[Port]) -> None:
        self.candidates = candidates
        shown = " · ".join(p.title for p in candidates[:MAX_LISTED])
        more = f" · and {len(candidates) - MAX_LISTED} more" if len(candidates) > MAX_LISTED else ""
        ValueError.__init__(self, f'"{query}" names {len(candidates)} ports: {shown}{more}')
        self.query, self.suggestions = query, [p.label for p in candidates]


class BadPosition(UnknownPort):
    """A ``LAT,LON`` that is no place on the globe (out of range, NaN, infinite)."""

    def __init__(self, query: str, problem: str) -> None:
        ValueError.__init__(self, f"{query!r} is not a position: {problem}")
        self.query, self.suggestions = query, []


# ------------------------------------------------------------------ the lists


@lru_cache(maxsize=1)
def all_ports() -> tuple[Port, ...]:
    """The curated voyage ports of ``geodata/ports.geojson``, sorted by name."""
    frame = load_ports()
    countries = _curated_countries()
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
            country_name=countries.get(str(row["country"]), ""),
        )
        for _, row in frame.iterrows()
    ]
    return tuple(sorted(ports, key=lambda p: p.name))


def _aliases(value: object) -> tuple[str, ...]:
    """The alias names of a feature's ``aliases`` property (absent where a port has none)."""
    if not isinstance(value, list):
        return ()
    return tuple(str(a["alias"]) for a in value if isinstance(a, dict) and a.get("alias"))


class _Row(NamedTuple):
    """One line of ``world-ports.csv``."""

    key: str
    wpi: str
    name: str
    alternates: str
    unlocode: str
    country: str
    country_name: str
    lat: str
    lon: str
    source: str


def _rows() -> list[_Row]:
    with geodata_file(WORLD_PORTS_FILE).open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        if tuple(next(reader)) != _Row._fields:
            raise ValueError(f"{WORLD_PORTS_FILE}: unexpected columns (rebuild with scripts/build_world_ports.py)")
        return [_Row(*line) for line in reader]


@lru_cache(maxsize=1)
def _curated_countries() -> dict[str, str]:
    return {row.country: row.country_name for row in _rows()}


@lru_cache(maxsize=1)
def all_world_ports() -> tuple[Port, ...]:
    """Every port: the curated ones first (as :func:`all_ports`, with the World Port Index's names of the
    same port as further aliases), then the World Port Index and UN/LOCODE ports by name."""
    curated = {p.key: p for p in all_ports()}
    ports: list[Port] = []
    sources = {"UN/LOCODE": LOCODE_SOURCE}
    shared: dict[str, str] = {}  # one string per country, not one per port
    for row in _rows():
        alternates = tuple(row.alternates.split("|")) if row.alternates else ()
        own = curated.pop(row.key, None)
        if own is not None:
            ports.append(replace(own, aliases=own.aliases + alternates))
            continue
        unlocode = row.unlocode.replace(" ", "") or None
        lat, lon = float(row.lat), float(row.lon)
        ports.append(Port(
            name=row.name, unlocode=unlocode, lon=lon, lat=lat,
            region="arctic" if lat >= ARCTIC_CIRCLE_DEG else "world", country=shared.setdefault(row.country, row.country),
            source=sources.get(row.source) or WPI_SOURCE.format(row.wpi), aliases=alternates,
            country_name=shared.setdefault(row.country_name, row.country_name), ref="" if row.key in (unlocode, row.name) else row.key,
        ))
    if curated:
        raise ValueError(f"{WORLD_PORTS_FILE} lacks curated ports {sorted(curated)} (rebuild it)")
    return tuple(ports)


# ------------------------------------------------------------------ names as compared


def _fold(text: str) -> str:
    """Lower case without accents or punctuation: 'Tromsø' and 'tromso' match."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ø", "o").replace("Ø", "O"))
    return "".join(c for c in decomposed if c.isalnum()).lower()


def _words(text: str) -> list[str]:
    """The folded words of a name, with the words read alike made one (``Saint`` is ``st``)."""
    text = text.lower().replace("'", "")
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [SAME_WORDS.get(w, w) for w in _NOT_IN_WORDS.split(text) if w]


def _term(text: str) -> str:
    """How a name is looked up: its words joined (``St. John's`` and ``saint johns`` alike)."""
    return "".join(_words(text))


#: A port's index in the list and the rank of a term naming it, as one int: ``index * RANKS + rank``.
RANKS = 4
#: A query written as a code (``NLRTM``, ``NL RTM``, ``nl-rtm``, ``WPI12345``) is looked up among the codes
#: first: the code ARATU (Atucha) before the port named Aratu, typed so.
_CODE_TYPED = re.compile(r"[A-Z]{2}[A-Z0-9]{3}|[A-Za-z]{2}[ \-][A-Za-z0-9]{3}|WPI\d+")

_Table = dict[str, int | tuple[int, ...]]


class _Index(NamedTuple):
    ports: tuple[Port, ...]
    #: name term -> the ports it names, each ``index * RANKS + rank``, best rank first: 0 a curated port's own
    #: name or alias, 1 a port's name, 2 an alternate name. One int where one port.
    names: _Table
    #: code term (UN/LOCODE, key) -> the ports, as ``names`` (rank 0 a curated port, 1 another)
    codes: _Table
    #: sorted terms of each name taken from each of its words on ("sydney" finds North Sydney too) ...
    prefix_terms: list[str]
    #: ... and the port each belongs to
    prefix_ports: array
    #: folded country name or ISO code -> ISO code
    countries: dict[str, str]

    def named(self, term: str, codes_first: bool = False) -> list[tuple[int, int]]:
        """(port index, rank) of each port ``term`` names, best rank first: by name, else by code (or the
        other way round)."""
        for table in (self.codes, self.names) if codes_first else (self.names, self.codes):
            found = table.get(term)
            if found is not None:
                return [divmod(e, RANKS) for e in ((found,) if isinstance(found, int) else found)]
        return []


def _add(table: dict[str, dict[int, int]], term: str, i: int, rank: int) -> None:
    if term:
        entries = table.setdefault(term, {})
        entries[i] = min(rank, entries.get(i, rank))


def _packed(table: dict[str, dict[int, int]]) -> _Table:
    packed: _Table = {}
    for term, entries in table.items():
        codes = sorted((i * RANKS + r for i, r in entries.items()), key=lambda e: (e % RANKS, e))
        packed[term] = codes[0] if len(codes) == 1 else tuple(codes)
    return packed


@lru_cache(maxsize=1)
def _curated_aliases() -> frozenset[str]:
    return frozenset(a for p in all_ports() for a in p.aliases)


def _build(ports: tuple[Port, ...], curated_keys: frozenset[str]) -> _Index:
    names: dict[str, dict[int, int]] = {}
    codes: dict[str, dict[int, int]] = {}
    prefixes: set[tuple[str, int]] = set()
    countries: dict[str, str] = {}
    curated_aliases = _curated_aliases()
    for i, port in enumerate(ports):
        curated = port.key in curated_keys
        own = 0 if curated else 1
        for text in (port.name, port.name.split("(")[0]):
            _add(names, _term(text), i, own)
        for alias in port.aliases:
            _add(names, _term(alias), i, 0 if curated and alias in curated_aliases else 2)
        for code in {port.unlocode or "", port.key} - {port.name}:
            _add(codes, _term(code), i, own)
        for text in (port.name, *port.aliases):
            words = _words(text)
            prefixes.update(("".join(words[k:]), i) for k in range(len(words)))
        if port.country_name:
            countries[_term(port.country_name)] = port.country
        countries[port.country.lower()] = port.country
    packed_names, packed_codes = _packed(names), _packed(codes)
    ordered = sorted(prefixes)
    same = {t: t for t in packed_names}  # one string for a term in both tables
    terms = [same.get(t, t) for t, _ in ordered]
    return _Index(ports, packed_names, packed_codes, terms, array("i", (i for _, i in ordered)), countries)


@lru_cache(maxsize=1)
def _world_index() -> _Index:
    return _build(all_world_ports(), frozenset(p.key for p in all_ports()))


@lru_cache(maxsize=4)
def _index_of(ports: tuple[Port, ...]) -> _Index:
    return _build(ports, frozenset(p.key for p in ports))


# ------------------------------------------------------------------ finding


def parse_position(text: str) -> Port | None:
    """A ``LAT,LON`` in decimal degrees (or ``53.55°N 9.97°E``) as a :class:`Port` that is a point, or None
    when ``text`` is not written as a position. Raises :class:`BadPosition` off the globe.

    >>> p = parse_position(" 53.55 , 9.97 ")
    >>> p.name, p.key, p.unlocode, parse_position("Hamburg")
    ('53.55°N 9.97°E', '53.55,9.97', None, None)
    """
    text = str(text)[: MAX_QUERY_CHARS * 2]
    match = _POSITION.fullmatch(text)
    if match:
        lat_text, lon_text = (m.replace("\u2212", "-") for m in match.groups())
    else:
        hemispheres = _HEMISPHERES.fullmatch(text)
        if not hemispheres:
            return None
        lat_deg, ns, lon_deg, ew = hemispheres.groups()
        lat_text = ("-" if ns.upper() == "S" else "") + lat_deg
        lon_text = ("-" if ew.upper() == "W" else "") + lon_deg
    shown = text.strip()[:MAX_QUERY_CHARS]
    try:
        lat, lon = float(lat_text), float(lon_text)
    except (ValueError, OverflowError):  # pragma: no cover - the pattern only lets numbers through
        raise BadPosition(shown, "not two numbers") from None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise BadPosition(shown, "latitude and longitude must be finite numbers")
    if not -90.0 <= lat <= 90.0:
        raise BadPosition(shown, "a latitude is between -90 and 90 (LAT,LON: latitude first)")
    if not -180.0 <= lon <= 180.0:
        raise BadPosition(shown, "a longitude is between -180 and 180")
    return position(lat, lon)


def position(lat: float, lon: float) -> Port:
    """The point at ``lat``, ``lon`` (degrees) as an end of a voyage: named ``53.55°N 9.97°E``, keyed ``53.55,9.97``."""
    lat, lon = round(lat, POSITION_DECIMALS) + 0.0, round(lon, POSITION_DECIMALS) + 0.0  # + 0.0: -0 is 0

    def number(x: float) -> str:
        return f"{x:.{POSITION_DECIMALS}f}".rstrip("0").rstrip(".")

    name = f"{number(abs(lat))}°{'S' if lat < 0 else 'N'} {number(abs(lon))}°{'W' if lon < 0 else 'E'}"
    return Port(name=name, unlocode=None, lon=lon, lat=lat, region="arctic" if lat >= ARCTIC_CIRCLE_DEG else "world",
                country="", source=POSITION_SOURCE, ref=f"{number(lat)},{number(lon)}", point=True)


def _best(index: _Index, text: str, country: str | None = None) -> list[Port]:
    """The ports ``text`` names best (the lowest rank that names any), in ``country`` if given."""
    codes_first = _CODE_TYPED.fullmatch(text.strip()) is not None
    entries = [(i, r) for i, r in index.named(_term(text), codes_first)
               if country is None or index.ports[i].country == country]
    if not entries:
        return []
    top = entries[0][1]
    return [index.ports[i] for i, r in entries if r == top]


def _one(query: str, found: list[Port]) -> Port | None:
    if len(found) > 1:
        raise AmbiguousPort(query, found)
    return found[0] if found else None


def _narrowed(index: _Index, query: str) -> list[Port]:
    """``Sydney (AU SYD)``, ``Sydney, Australia``, ``Sydney AU``: a name with its code or country."""
    bracketed = _BRACKETED.fullmatch(query)
    if bracketed:
        by_code = _best(index, bracketed[2])
        if by_code:
            return by_code
    if "," in query:
        name, _, where = query.rpartition(",")
        country = index.countries.get(_term(where))
        if country:
            return _best(index, name, country)
    words = query.split()
    for k in range(len(words) - 1, 0, -1):  # "Sydney AU", "Saint John Canada", "Portland United States"
        country = index.countries.get(_term(" ".join(words[k:])))
        if country:
            found = _best(index, " ".join(words[:k]), country)
            if found:
                return found
    return []


def _suggestions(index: _Index, term: str) -> list[str]:
    """Up to three ports whose names are close to ``term`` (the curated ports first among equals)."""
    if not term:
        return []
    close = difflib.get_close_matches(term[:MAX_QUERY_CHARS], list(index.names), n=12, cutoff=0.6)  # ~10 ms
    labels: list[str] = []
    for t in close:
        best = _best(index, t)
        for port in best[:1]:
            if port.label not in labels:
                labels.append(port.label)
    return labels[:3]


def find_end(query: str) -> Port:
    """The end of a voyage ``query`` names: a port (by name, alternate name, UN/LOCODE or key, optionally with
    its country or code) or a position ``LAT,LON``.

    A curated port wins over the others of its name ("Vancouver" is Vancouver, Canada; "Vancouver US" the other).
    Raises :class:`AmbiguousPort`, :class:`BadPosition` or :class:`UnknownPort`: each a ``ValueError`` of one line.

    >>> find_end("Sydney, Australia").key, find_end("sydney au").key, find_end("Sydney (CA SYD)").key
    ('AUSYD', 'AUSYD', 'CASYD')
    """
    text = str(query).strip()
    point = parse_position(text)
    if point is not None:
        return point
    return _find(_world_index(), text)


def _find(index: _Index, text: str) -> Port:
    shown = text[:MAX_QUERY_CHARS]
    found = _one(shown, _best(index, text)) or _one(shown, _narrowed(index, text))
    if found is None:
        raise UnknownPort(shown, _suggestions(index, _term(text)))
    return found


def find_port(query: str, ports: tuple[Port, ...] | None = None) -> Port:
    """The port named ``query``: as :func:`find_end`, among ``ports`` if given, never a position.

    >>> find_port("nlrtm").name, find_port("St. Petersburg").unlocode, find_port("CNSHA").label
    ('Rotterdam', 'RULED', 'Shanghai (CNSGH)')
    >>> find_port("Rotterdm")
    Traceback (most recent call last):
    ...
    arctic_routes.ports.UnknownPort: unknown port 'Rotterdm'; closest: Rotterdam (NLRTM), Rotherham (GBRTH), Frontier (USFRO)
    """
    return _find(_index_of(tuple(ports)) if ports else _world_index(), str(query).strip())


def port_key(query: str) -> str | None:
    """The :attr:`Port.key` of the port or position ``query`` names (as :func:`find_end`), or None: for share links.

    >>> port_key("SGSIN"), port_key("Pusan"), port_key("53.5,10"), port_key("Atlantis"), port_key("Sydney")
    ('SGKEP', 'KRPUS', '53.5,10', None, None)
    """
    text = str(query).strip()
    try:
        point = parse_position(text)
        if point is not None:
            return point.key
        index = _world_index()
        found = _one(text, _best(index, text)) or _one(text, _narrowed(index, text))
    except UnknownPort:
        return None
    return found.key if found else None


def search_ports(text: str, limit: int = 10) -> list[Port]:
    """Ports whose name, alternate name or code starts with what was typed (or a word of it does), best first:
    a curated port, then a whole name, then shorter names.

    >>> [p.label for p in search_ports("rotter", 2)]
    ['Rotterdam (NLRTM)']
    """
    term = _term(text)
    if not term or limit <= 0:
        return []
    index = _world_index()
    start = bisect.bisect_left(index.prefix_terms, term)
    hits: dict[int, tuple[int, int, int]] = {}
    for k in range(start, len(index.prefix_terms)):
        t, i = index.prefix_terms[k], index.prefix_ports[k]
        if not t.startswith(term):
            break
        rank = min((r for j, r in index.named(t) if j == i), default=3)
        order = (rank, 0 if t == term else 1, len(index.ports[i].name))
        if i not in hits or order < hits[i]:
            hits[i] = order
    for i, r in index.named(term, codes_first=True):  # a code typed whole: NLRTM, WPI12345
        hits[i] = min(hits.get(i, (r, 0, 0)), (r, 0, len(index.ports[i].name)))
    best = sorted(hits, key=lambda i: (hits[i], index.ports[i].name))
    return [index.ports[i] for i in best[:limit]]

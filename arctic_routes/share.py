"""Share links: the page's state in the URL query string, read back defensively.

Everything from a URL is untrusted: unknown route ids, units or layers, empty,
over-long or repeated values (a parameter given twice, differently), numbers that
are not plain ASCII decimals (``²``, ``٣``, ``１``, ``1_0``, ``nan``, ``inf``) or
out of range are dropped, each with a one-line notice for the reader; the rest of
the link still applies. A dropped value takes the default, never a neighbour
(``month=0`` is no month, not December). Never raises on any input.

Examples
--------
>>> state, notices = parse_query({"routes": "tsr-pole,bogus", "unit": "km"}, ["tsr-pole", "nep-coastal"])
>>> state.route_ids, state.unit, notices
(('tsr-pole',), 'km', ['Ignored unknown route in the link: bogus'])
>>> to_query(state, ["tsr-pole", "nep-coastal"])["routes"]
'tsr-pole'
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from arctic_routes.navigation import DEFAULT_SHIP, SHIPS
from arctic_routes.notes import MAX_NOTE_CHARS, parse_notes
from arctic_routes.seaice import DEFAULT_MONTH, month_from_text
from arctic_routes.units import DEFAULT_SPEED_KN, SPEED_RANGE_KN, UNITS

LAYER_KEYS = ("ice", "straits", "ports", "icebreakers", "seasons")
#: The ice is on unless a link turns it off: whether a route is open depends on it.
DEFAULT_LAYERS = frozenset({"ice", "straits"})
#: The route whose details the page shows unless a link or a click picks another.
DEFAULT_ROUTE = "tsr-pole"
#: What ``highlight=`` takes besides route ids: the voyage drawn.
HIGHLIGHT_VOYAGE = "voyage"
#: Map views a link may ask for: centre within this many km of the Pole (the world's land reaches 50S, 33,700 km
#: away), Leaflet zoom in this range (the map's own).
VIEW_LIMIT_KM = 30000.0
ZOOM_RANGE = (-17.0, -6.0)
#: A query value longer than this is ignored whole (no route list is anywhere near it).
MAX_VALUE_CHARS = 1000
#: At most this many notices for one link (a link can repeat a bad note a hundred times); then one line more.
MAX_NOTICES = 12
#: A number in a link: ASCII decimal digits, an optional sign, point and exponent, as ``to_query`` writes
#: them. Not ``float()``'s grammar, which takes "nan", "inf", "1_000" and any Unicode digit ("١٢").
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")
MAX_NUMBER_CHARS = 40


@dataclass(frozen=True)
class PageState:
    route_ids: tuple[str, ...]
    unit: str = "nm"
    layers: frozenset[str] = field(default_factory=lambda: DEFAULT_LAYERS)
    selected: str | None = None
    embed: bool = False  #: the map alone (``view=map``)
    #: The map view: centre x, y (km in EPSG:3413) and Leaflet zoom; None = the default view.
    at: tuple[float, float, float] | None = None
    #: A port-to-port comparison: the two ports' keys (UN/LOCODE, else name), and the speed in knots.
    voyage: tuple[str, str] | None = None
    speed_kn: float = DEFAULT_SPEED_KN
    #: The month (1..12) whose median sea ice is drawn and used to judge each voyage, and who sails.
    month: int = DEFAULT_MONTH
    ship: str = DEFAULT_SHIP
    #: What the picture emphasises: route ids and/or "voyage"; every other line is muted. () = nothing muted.
    highlight: tuple[str, ...] = ()
    #: The journalist's own labels, each ``TEXT@PLACE`` (:mod:`arctic_routes.notes`), in order.
    notes: tuple[str, ...] = ()


def _value(params: Mapping[str, object], key: str, kind: str, notices: list[str]) -> str | None:
    """The one value of parameter ``key`` (None if absent); an empty, over-long or twice-given one (differently)
    is None too, with a notice naming ``kind``."""
    raw = params.get(key)
    items = list(raw) if isinstance(raw, list | tuple) else ([] if raw is None else [raw])
    texts = list(dict.fromkeys(str(item) for item in items))
    if not texts:
        return None
    if len(texts) > 1:
        notices.append(f"Ignored the {kind} in the link: it is given {len(texts)} different values")
        return None
    text = texts[0]
    if len(text) > MAX_VALUE_CHARS:
        notices.append(f"Ignored an over-long {kind} in the link ({len(text):,} characters)")
        return None
    if not text.strip():
        notices.append(f"Ignored an empty {kind} in the link")
        return None
    return text


def parse_number(text: str) -> float | None:
    """A finite number written as a link writes one (ASCII decimal: ``-12.5``, ``1e-05``), else None; -0 is 0.

    >>> parse_number("16.5"), parse_number("-0"), parse_number("1e400"), parse_number("nan"), parse_number("１")
    (16.5, 0.0, None, None, None)
    """
    text = text.strip(" ")
    if len(text) > MAX_NUMBER_CHARS or not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value + 0.0 if math.isfinite(value) else None  # + 0.0: -0.0 becomes 0.0


def _shown(text: str) -> str:
    """A bit of untrusted text for a notice: short, and only letters, digits and . _ - (others become ?)."""
    clean = "".join(c if (c.isascii() and c.isalnum()) or c in "._- " else "?" for c in text)
    return clean[:40] + ("..." if len(clean) > 40 else "")


def _pick(raw: str, allowed: Sequence[str], kind: str, notices: list[str]) -> list[str]:
    """The known items of a comma list, in order, once each ("none" is the empty list); a notice for the rest."""
    asked = [x.strip() for x in raw.split(",") if x.strip() and x.strip() != "none"]
    bad = [x for x in asked if x not in allowed]
    if bad:
        notices.append(f"Ignored unknown {kind} in the link: " + ", ".join(_shown(b) for b in bad[:5]))
    return [x for x in dict.fromkeys(asked) if x in allowed]


def _one(raw: str | None, allowed: Sequence[str], kind: str, notices: list[str]) -> str | None:
    """``raw`` if it is one of ``allowed``; otherwise None, with a notice when something was asked."""
    if raw is None or raw in allowed:
        return raw
    notices.append(f"Ignored unknown {kind} in the link: {_shown(raw)} (use {', '.join(allowed[:5])})")
    return None


def _port_key(text: str, port_keys: Sequence[str], resolve_port: Callable[[str], str | None] | None) -> str | None:
    """A link's port as one of ``port_keys`` (or a key ``resolve_port`` gives for itself: a position), or None."""
    if text in port_keys:
        return text
    if resolve_port is None:
        return None
    key = resolve_port(text)
    return key if key is not None and (key in port_keys or resolve_port(key) == key) else None


_DECIMAL = re.compile(r"\s*[+\-\u2212]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*")


def voyage_ends(raw: str) -> list[str]:
    """The ends a link's ``voyage=`` names, comma-separated: a number followed by a number is one position.

    >>> voyage_ends("NLRTM,JPYOK"), voyage_ends("53.55,9.97,JPYOK"), voyage_ends("53.55,9.97,-33.86,151.21")
    (['NLRTM', 'JPYOK'], ['53.55,9.97', 'JPYOK'], ['53.55,9.97', '-33.86,151.21'])
    """
    parts = raw.split(",")
    ends: list[str] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts) and _DECIMAL.fullmatch(parts[i]) and _DECIMAL.fullmatch(parts[i + 1]):
            ends.append(f"{parts[i].strip()},{parts[i + 1].strip()}")
            i += 2
        else:
            ends.append(parts[i].strip())
            i += 1
    return ends


def parse_query(params: Mapping[str, object], known_ids: Sequence[str],
                port_keys: Sequence[str] = (), *,
                resolve_port: Callable[[str], str | None] | None = None) -> tuple[PageState, list[str]]:
    """The page state a link asks for, and a notice for each part that was ignored.

    A voyage's ports are read as ``port_keys``; with ``resolve_port`` (say
    :func:`arctic_routes.ports.port_key`), another code or name of a port
    (``voyage=CNSHA,Pusan``) becomes its key, and a link written back names it so; so does a position
    (``voyage=53.55,9.97,NLRTM``: its key, ``53.55,9.97``, is what ``resolve_port`` gives for itself).
    """
    notices: list[str] = []
    route_ids: tuple[str, ...] = tuple(known_ids)
    raw = _value(params, "routes", "route list", notices)
    if raw is not None:
        picked = _pick(raw, known_ids, "route", notices)
        if picked or raw.strip() == "none":
            route_ids = tuple(picked)
    unit = _one(_value(params, "unit", "unit", notices), tuple(UNITS), "unit", notices) or "nm"
    layers = DEFAULT_LAYERS
    raw = _value(params, "layers", "layer list", notices)
    if raw is not None:
        picked = _pick(raw, LAYER_KEYS, "layer", notices)
        if picked or raw.strip() == "none":  # nothing known asked for: the default layers, not none
            layers = frozenset(picked)
    selected = _one(_value(params, "route", "selected route", notices), known_ids, "selected route", notices)
    if selected is None and DEFAULT_ROUTE in known_ids:
        selected = DEFAULT_ROUTE  # to_query leaves the default out
    # Streamlit keeps ?embed= for itself (hides its chrome); ours is view=map.
    view = _value(params, "view", "view", notices)
    if view not in (None, "map", "page"):
        notices.append(f"Ignored unknown view in the link: {_shown(view)} (use map or page)")
    embed = view == "map"
    at = None
    raw = _value(params, "at", "map view", notices)
    if raw is not None:
        at = parse_view(raw)
        if at is None:
            notices.append(f"Ignored a malformed map view in the link: {_shown(raw)} (x_km,y_km,zoom)")
    voyage = None
    raw = _value(params, "voyage", "voyage", notices)
    if raw is not None:
        ends = voyage_ends(raw)
        keys = [_port_key(e, port_keys, resolve_port) for e in ends] if len(ends) == 2 else []
        if len(keys) == 2 and keys[0] is not None and keys[1] is not None and keys[0] != keys[1]:
            voyage = (keys[0], keys[1])
        else:
            notices.append(f"Ignored a voyage in the link that is not two different known ports or positions: "
                           f"{_shown(raw)}")
    speed = DEFAULT_SPEED_KN
    raw = _value(params, "kn", "speed", notices)
    if raw is not None:
        asked = parse_number(raw)
        if asked is not None and SPEED_RANGE_KN[0] <= asked <= SPEED_RANGE_KN[1]:
            speed = round(asked * 2) / 2  # the page's step: half a knot
            if speed != asked:
                notices.append(f"Rounded the speed in the link to the page's half-knot step: {asked:g} to "
                               f"{speed:g} knots")
        else:
            notices.append(f"Ignored a speed in the link that is not a number of knots from "
                           f"{SPEED_RANGE_KN[0]:g} to {SPEED_RANGE_KN[1]:g}: {_shown(raw)}")
    month = DEFAULT_MONTH
    raw = _value(params, "month", "month", notices)
    if raw is not None:
        try:
            month = month_from_text(raw)
        except ValueError:
            notices.append(f"Ignored a month in the link that is not 1 to 12: {_shown(raw)}")
    ship = _one(_value(params, "ship", "ship", notices), tuple(SHIPS), "ship", notices) or DEFAULT_SHIP
    highlight: tuple[str, ...] = ()
    raw = _value(params, "highlight", "highlight", notices)
    if raw is not None:
        highlight = tuple(_pick(raw, [*known_ids, HIGHLIGHT_VOYAGE], "route to highlight", notices))
    specs = _values(params, "note")
    for spec in specs:
        if len(spec) > MAX_VALUE_CHARS:  # refused unread (its place could be 100 kB to look up)
            notices.append(f"Ignored a note: a note is at most {MAX_NOTE_CHARS} characters; this one has "
                           f"{len(spec.rsplit('@', 1)[0].strip()):,} (in the link)")
    notes, problems = parse_notes(spec for spec in specs if len(spec) <= MAX_VALUE_CHARS)
    notices.extend(f"{problem} (in the link)" for problem in problems)
    notices = list(dict.fromkeys(notices))  # a note refused ten times for one reason is one line
    if len(notices) > MAX_NOTICES:
        notices[MAX_NOTICES - 1:] = [f"... and {len(notices) - MAX_NOTICES + 1} more parts of the link ignored"]
    return (PageState(route_ids, unit, layers, selected, embed, at, voyage, speed, month, ship, highlight,
                      tuple(note.spec for note in notes)), notices)


def _values(params: Mapping[str, object], key: str) -> list[str]:
    """Every value of a repeatable parameter (the first 100), as text."""
    raw = params.get(key)
    if raw is None:
        return []
    items = list(raw) if isinstance(raw, list | tuple) else [raw]
    return [str(item) for item in items[:100]]


def parse_view(raw: str) -> tuple[float, float, float] | None:
    """``x_km,y_km,zoom`` within the map's limits, or None."""
    parts = raw.split(",")
    if len(parts) != 3:
        return None
    numbers = [parse_number(p) for p in parts]
    if any(v is None for v in numbers):
        return None
    x, y, zoom = (float(v) for v in numbers if v is not None)
    if abs(x) > VIEW_LIMIT_KM or abs(y) > VIEW_LIMIT_KM or not ZOOM_RANGE[0] <= zoom <= ZOOM_RANGE[1]:
        return None
    return (x, y, zoom)


def view_from_map(value: Mapping[str, object] | None) -> tuple[float, float, float] | None:
    """The view streamlit-folium reports (centre as lat=y, lng=x metres; zoom), rounded for a link."""
    if not value:
        return None
    center, zoom = value.get("center"), value.get("zoom")
    if not isinstance(center, Mapping) or not isinstance(zoom, int | float):
        return None
    try:
        x, y = float(center["lng"]) / 1000.0, float(center["lat"]) / 1000.0  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        return None
    return parse_view(f"{x:.0f},{y:.0f},{zoom:g}")


def to_query(state: PageState, known_ids: Sequence[str]) -> dict[str, str | list[str]]:
    """The query parameters that reproduce ``state`` (defaults left out, so links stay short); ``note`` is a
    list (the parameter repeats)."""
    query: dict[str, str | list[str]] = {}
    if tuple(state.route_ids) != tuple(known_ids):
        query["routes"] = ",".join(state.route_ids) or "none"
    if state.unit != "nm":
        query["unit"] = state.unit
    if state.layers != DEFAULT_LAYERS:
        query["layers"] = ",".join(k for k in LAYER_KEYS if k in state.layers) or "none"
    if state.selected and state.selected != DEFAULT_ROUTE:
        query["route"] = state.selected
    if state.embed:
        query["view"] = "map"
    if state.at:
        query["at"] = ",".join(f"{v:g}" for v in state.at)
    if state.voyage:
        query["voyage"] = ",".join(state.voyage)
        if state.speed_kn != DEFAULT_SPEED_KN:
            query["kn"] = f"{state.speed_kn:g}"
    if state.month != DEFAULT_MONTH:
        query["month"] = str(state.month)
    if state.ship != DEFAULT_SHIP:
        query["ship"] = state.ship
    if state.highlight:
        query["highlight"] = ",".join(state.highlight)
    if state.notes:
        query["note"] = list(state.notes)
    return query


def share_url(base: str, state: PageState, known_ids: Sequence[str]) -> str:
    query = to_query(state, known_ids)
    if state.embed:
        query["embed"] = "true"  # Streamlit's own: no header, toolbar or padding
    encoded = urlencode(query, doseq=True)
    return base.split("?")[0] + (f"?{encoded}" if encoded else "")

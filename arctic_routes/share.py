"""Share links: the page's state in the URL query string, read back defensively.

Everything from a URL is untrusted: unknown route ids, units or layers, over-long
or repeated values are dropped, each with a one-line notice for the reader; the
rest of the link still applies. Never raises on any input.

Examples
--------
>>> state, notices = parse_query({"routes": "tsr-pole,bogus", "unit": "km"}, ["tsr-pole", "nep-coastal"])
>>> state.route_ids, state.unit, notices
(('tsr-pole',), 'km', ['Ignored unknown route in the link: bogus'])
>>> to_query(state, ["tsr-pole", "nep-coastal"])["routes"]
'tsr-pole'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode

from arctic_routes.geodesy import UNITS

LAYER_KEYS = ("straits", "ports", "icebreakers", "seasons")
DEFAULT_LAYERS = frozenset({"straits"})
#: A query value longer than this is ignored whole (no route list is anywhere near it).
MAX_VALUE_CHARS = 1000


@dataclass(frozen=True)
class PageState:
    route_ids: tuple[str, ...]
    unit: str = "nm"
    layers: frozenset[str] = field(default_factory=lambda: DEFAULT_LAYERS)
    selected: str | None = None
    embed: bool = False  #: the map alone (``view=map``)


def _value(params: Mapping[str, object], key: str) -> str | None:
    raw = params.get(key)
    if isinstance(raw, list | tuple):  # repeated parameter: the last one wins
        raw = raw[-1] if raw else None
    if raw is None:
        return None
    text = str(raw)
    return text if len(text) <= MAX_VALUE_CHARS else ""


def _shown(text: str) -> str:
    """A bit of untrusted text for a notice: short, and only letters, digits and . _ - (others become ?)."""
    clean = "".join(c if (c.isascii() and c.isalnum()) or c in "._- " else "?" for c in text)
    return clean[:40] + ("..." if len(clean) > 40 else "")


def parse_query(params: Mapping[str, object], known_ids: Sequence[str]) -> tuple[PageState, list[str]]:
    """The page state a link asks for, and a notice for each part that was ignored."""
    notices: list[str] = []
    route_ids: tuple[str, ...] = tuple(known_ids)
    raw = _value(params, "routes")
    if raw is not None:
        if raw == "":
            notices.append("Ignored an empty or over-long route list in the link")
        else:
            asked = [r.strip() for r in raw.split(",") if r.strip()]
            good = [r for r in dict.fromkeys(asked) if r in known_ids]
            bad = [r for r in asked if r not in known_ids]
            if bad:
                notices.append("Ignored unknown route in the link: " + ", ".join(_shown(b) for b in bad[:5]))
            if raw.strip() == "none":
                good, notices = [], [n for n in notices if "unknown route" not in n]
            route_ids = tuple(good) if good or raw.strip() == "none" else route_ids
    unit = "nm"
    raw = _value(params, "unit")
    if raw is not None:
        if raw in UNITS:
            unit = raw
        else:
            notices.append(f"Ignored unknown unit in the link: {_shown(raw)} (use nm, km or mi)")
    layers = DEFAULT_LAYERS
    raw = _value(params, "layers")
    if raw is not None:
        asked = [x.strip() for x in raw.split(",") if x.strip()]
        bad = [x for x in asked if x not in LAYER_KEYS and x != "none"]
        if bad:
            notices.append("Ignored unknown layer in the link: " + ", ".join(_shown(b) for b in bad[:5]))
        layers = frozenset(x for x in asked if x in LAYER_KEYS)
    selected = None
    raw = _value(params, "route")
    if raw is not None:
        if raw in known_ids:
            selected = raw
        else:
            notices.append(f"Ignored unknown selected route in the link: {_shown(raw)}")
    # Streamlit keeps ?embed= for itself (hides its chrome); ours is view=map.
    view = _value(params, "view")
    if view not in (None, "map", "page"):
        notices.append(f"Ignored unknown view in the link: {_shown(view)}")
    embed = view == "map"
    return PageState(route_ids, unit, layers, selected, embed), notices


def to_query(state: PageState, known_ids: Sequence[str]) -> dict[str, str]:
    """The query parameters that reproduce ``state`` (defaults left out, so links stay short)."""
    query: dict[str, str] = {}
    if tuple(state.route_ids) != tuple(known_ids):
        query["routes"] = ",".join(state.route_ids) or "none"
    if state.unit != "nm":
        query["unit"] = state.unit
    if state.layers != DEFAULT_LAYERS:
        query["layers"] = ",".join(k for k in LAYER_KEYS if k in state.layers) or "none"
    if state.selected:
        query["route"] = state.selected
    if state.embed:
        query["view"] = "map"
    return query


def share_url(base: str, state: PageState, known_ids: Sequence[str]) -> str:
    query = to_query(state, known_ids)
    if state.embed:
        query["embed"] = "true"  # Streamlit's own: no header, toolbar or padding
    encoded = urlencode(query)
    return base.split("?")[0] + (f"?{encoded}" if encoded else "")


def iframe_snippet(base: str, state: PageState, known_ids: Sequence[str], height: int = 600) -> str:
    """An iframe that shows the map alone (embed mode), sized for an article column."""
    embed = PageState(state.route_ids, state.unit, state.layers, state.selected, embed=True)
    src = share_url(base, embed, known_ids)
    return (f'<iframe src="{src}" width="100%" height="{height}" style="border:0" '
            f'title="Arctic shipping routes map" loading="lazy"></iframe>')

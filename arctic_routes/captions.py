"""The words around the map and the images: legend, keys, tooltips, image credit and alt text.

HTML here is escaped (:func:`arctic_routes.leaflet.esc`); plain text is plain.
Both the interactive map (:mod:`arctic_routes.mapview`) and the images
(:mod:`arctic_routes.render`) take their words from here, so they say the same.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import geopandas as gpd
import pandas as pd

from arctic_routes.leaflet import esc
from arctic_routes.model import Port
from arctic_routes.navigation import SHIPS, OptionStatus
from arctic_routes.notes import Note
from arctic_routes.seaice import ICE_CREDIT, MONTH_NAMES
from arctic_routes.style import (
    FAMILY_COLOURS,
    FAMILY_LABELS,
    FAMILY_TEXT_COLOURS,
    ICE_COLOUR,
    ICE_EDGE_COLOUR,
    MUTED_OPACITY,
    route_dash,
    variant_index,
    voyage_style,
)
from arctic_routes.units import convert_m

#: The image credit line; the routes' own sources fill ``{sources}``.
IMAGE_CREDIT = ("Land and country names: Natural Earth (public domain). Sea names: Marine Regions, IHO Sea Areas "
                "(CC BY 4.0). Routes and lengths: Arctic Routes, geodesic on WGS84. Route sources: {sources}.")
VOYAGE_CREDIT = " Open-ocean legs of voyages: Eurostat SeaRoute network (PyPI searoute)."
MAX_TITLE_CHARS = 120


#: What a voyage's words say instead of days when it is not open to the ship that month (no sailing time).
NOT_OPEN = "not open to this ship this month"


def voyage_time(option: OptionStatus, speed_kn: float, *, space: str = " ", at_speed: bool = False) -> str:
    """``29.8 days`` (``at_speed``: ``29.8 days at 14 kn``) for an open option; :data:`NOT_OPEN` for a closed
    one, which has no sailing time and so never reads as faster or slower than another.

    >>> from arctic_routes.navigation import assess
    >>> from arctic_routes.voyage import compare
    >>> march = assess(compare("Shanghai", "Rotterdam"), 3, "ordinary")
    >>> voyage_time(next(o for o in march.options if o.voyage.variant == "tsr-pole"), 14)
    'not open to this ship this month'
    """
    days = option.days(speed_kn)
    if days is None:
        return NOT_OPEN
    return f"{days:.1f}{space}days" + (f" at {speed_kn:g}{space}kn" if at_speed else "")


def route_tooltip(route: pd.Series, unit: str) -> str:
    """``<name>: <length> <unit>``: a route's tooltip, and how a click on it is recognised."""
    length = convert_m(route["length_m"], unit)
    return f"{route['name']}: {length:,.0f} {unit}"


def _swatch(colour: str, dash: str | None, opacity: float = 1.0) -> str:
    # The map's dash patterns, halved so a whole period fits the 22 px swatch.
    legend_dash = ",".join(str(int(n) / 2) for n in dash.split()) if dash else None
    style = (f"stroke:{colour};stroke-width:3" + (f";stroke-dasharray:{legend_dash}" if legend_dash else "")
             + (f";stroke-opacity:{opacity:g}" if opacity < 1 else ""))
    return f'<svg width="22" height="8" aria-hidden="true"><line x1="0" y1="4" x2="22" y2="4" style="{style}"/></svg>'


def legend_html(routes: gpd.GeoDataFrame, shown: Sequence[str] | None = None,
                highlight: Collection[str] = ()) -> str:
    """A compact legend of the routes drawn: one row per family, its variants inline in their colour and dash.

    ``shown`` (default: all) are the route ids drawn; an uploaded track (family ``user``) is listed by name.
    With a ``highlight`` (route ids), the legend leads with the highlighted routes' families and variants,
    and the others follow faded, as the map draws them. Empty when nothing is drawn.
    """
    dash_index = variant_index(routes)
    ids = [r for r in (routes.index if shown is None else shown) if r in routes.index]
    muted = {r for r in ids if highlight and r not in highlight}
    drawn = routes.loc[sorted(ids, key=lambda r: r in muted)]  # highlighted first; stable otherwise
    if drawn.empty:
        return ""
    rows = []
    for family, group in drawn.groupby("family", sort=False):
        colour = FAMILY_COLOURS.get(str(family), "#000")
        variants = " ".join(
            f'<span style="white-space:nowrap{";color:#595959" if rid in muted else ""}">'
            f"{_swatch(colour, route_dash(dash_index[rid]), MUTED_OPACITY if rid in muted else 1.0)}&nbsp;"
            f"{esc(route['variant'] or route['name'])}</span>"
            for rid, route in group.iterrows())
        rows.append(f'<div style="margin-top:2px"><b style="color:{FAMILY_TEXT_COLOURS.get(str(family), "#000")}">'
                    f"{esc(FAMILY_LABELS.get(str(family), str(family)))}</b><br>{variants}</div>")
    rows.append('<div style="margin-top:3px;color:#555">Polar stereographic view · geodesic lengths (WGS84)</div>')
    return "".join(rows)


def ice_key_html(month: int) -> str:
    """The ice layer's key: what the white area is, that it is a climatology, and its source (escaped)."""
    swatch = (f'<svg width="22" height="12" aria-hidden="true"><rect x="1" y="1" width="20" height="10" '
              f'style="fill:{ICE_COLOUR};stroke:{ICE_EDGE_COLOUR}"/></svg>')
    return (f"{swatch}&nbsp;<b>Sea ice, {esc(MONTH_NAMES[month - 1])}</b> median 1981-2010,<br>"
            f"not this year's ice · <span style=\"color:#555\">NSIDC</span>")


def voyage_key_html(voyages: Sequence[OptionStatus], unit: str, speed_kn: float, ends: Sequence[Port] = ()) -> str:
    """The voyages' key: each one's swatch, name, length and days at ``speed_kn`` (escaped).

    ``voyages`` are :class:`arctic_routes.navigation.OptionStatus`: days count the miles in ice at ice speed;
    an option not open to the ship says so instead of days.
    """
    if not voyages:  # the ends alone: marked on the map, and said why nothing joins them
        if len(ends) != 2:
            return ""
        return (f"<b>{esc(ends[0].name)} → {esc(ends[1].name)}</b>"
                '<div style="color:#555">No voyage drawn: none is open to this ship this month, or none is chosen. '
                "The panel says which.</div>")
    rows = []
    if len(ends) == 2:
        rows.append(f"<b>{esc(ends[0].name)} → {esc(ends[1].name)}</b>")
    for option in voyages:
        v = option.voyage
        colour, dash = voyage_style(v)
        rows.append(f'<div style="margin-top:2px">{_swatch(colour, dash)}&nbsp;{esc(v.name)}: '
                    f"<b>{convert_m(v.length_m, unit):,.0f}&nbsp;{esc(unit)}</b>, "
                    f"{voyage_time(option, speed_kn, space='&nbsp;')}</div>")
    rows.append(f'<div style="color:#555">at {speed_kn:g} knots · geodesic lengths (WGS84)</div>')
    return "".join(rows)


def credit_text(routes: gpd.GeoDataFrame, route_ids: Sequence[str], voyages: Sequence[OptionStatus] = (),
                ice_month: int | None = None) -> str:
    """The image's credit line: Natural Earth, every source of the routes drawn or sailed, SeaRoute, NSIDC."""
    used = [*route_ids, *(o.voyage.variant for o in voyages if o.voyage.variant in routes.index)]
    sources = sorted({s for rid in used if rid in routes.index for s in routes.loc[rid, "sources"]})
    return (IMAGE_CREDIT.format(sources="; ".join(sources)) + (VOYAGE_CREDIT if voyages else "")
            + (f" {ICE_CREDIT}." if ice_month else ""))


def short_credit_text(voyages: Sequence[OptionStatus] = (), ice_month: int | None = None) -> str:
    """One line naming the sources an image draws on, for a graphic's credit line; the full list, with each
    route's sources, is :func:`credit_text` (for the alt text and a sources note)."""
    parts = ["Arctic Routes", "Natural Earth", "Marine Regions"]
    if ice_month:
        parts.append("NSIDC")
    if voyages:
        parts.append("SeaRoute")
    return " · ".join(parts)


def route_label(route: pd.Series, unit: str) -> str:
    return f"{route['name']}: {convert_m(route['length_m'], unit):,.0f} {unit}"


def alt_text(routes: gpd.GeoDataFrame, route_ids: Sequence[str], unit: str = "nm", voyages: Sequence[OptionStatus] = (),
             speed_kn: float = 14.0, ice_month: int | None = None, title: str = "", headline: OptionStatus | None = None,
             ends: Sequence[Port] = (), month: int | None = None, ship: str | None = None, *,
             highlight: Collection[str] = (), notes: Sequence[Note] = ()) -> str:
    """One paragraph for screen readers: what the image shows, the lengths, the month, the headline, what is
    highlighted and the notes written on it (as typed)."""
    chosen = [r for r in route_ids if r in routes.index]
    parts = [f"{check_title(title)}. " if title else "",
             "A map seen from above the North Pole (polar stereographic projection)"]
    if chosen:
        parts.append(", showing " + "; ".join(route_label(routes.loc[r], unit) for r in chosen))
    if ice_month:
        parts.append(f". The white area is the median sea-ice extent for {MONTH_NAMES[ice_month - 1]}, 1981-2010, "
                     "not this year's ice")
    if voyages:
        parts.append(". " + voyages_in_words(voyages, unit, speed_kn, ends).rstrip("."))
    if headline is not None:
        who = f" to {SHIPS[ship]}" if ship in SHIPS else ""
        when = f" in {MONTH_NAMES[month - 1]}" if month else ""
        parts.append(f". The fastest voyage open{who}{when}: {headline.voyage.name}")
    if highlight:
        named = [str(routes.loc[r, "name"]) for r in chosen if r in highlight]
        named += ["the voyage"] if "voyage" in highlight and voyages else []
        if named:
            parts.append(f". Highlighted: {'; '.join(named)}; the other lines are faded")
    if notes:
        parts.append(". Notes on the map: " + "; ".join(f"“{n.text}” at {n.place}" for n in notes))
    parts.append(". Lengths are geodesic on the WGS84 ellipsoid.")
    return "".join(parts).replace("..", ".")


def check_title(title: str) -> str:
    """``title`` stripped, or a one-line ValueError when it is over :data:`MAX_TITLE_CHARS`."""
    title = " ".join(str(title).split())
    if len(title) > MAX_TITLE_CHARS:
        raise ValueError(f"the title is {len(title)} characters; at most {MAX_TITLE_CHARS} fit an image")
    return title


def voyages_in_words(voyages: Sequence[OptionStatus], unit: str, speed_kn: float, ends: Sequence[Port] = ()) -> str:
    """Drawn voyages (:class:`arctic_routes.navigation.OptionStatus`) in one sentence, each closed one with why
    (and no days: it has no sailing time)."""
    where = f" from {ends[0].name} to {ends[1].name}" if len(ends) == 2 else ""
    return f"Voyages{where} at {speed_kn:g} knots: " + "; ".join(
        f"{o.voyage.name}, {convert_m(o.voyage.length_m, unit):,.0f} {unit}, "
        + (voyage_time(o, speed_kn) if o.open else f"not open: {o.why}") for o in voyages) + "."

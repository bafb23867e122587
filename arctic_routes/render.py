"""Static images of the polar map (PNG, SVG) for publication: same projection, same data as the page.

:func:`render_image` returns bytes; the same inputs give the same bytes
(no timestamps, fixed SVG ids).
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import matplotlib
import numpy as np
from matplotlib import patheffects
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure  # never pyplot: no global backend, safe in a server's threads
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from arctic_routes.geodesy import densify_geodesic, geometry_lonlat, to_polar
from arctic_routes.land import PARALLEL_LABEL_INDEX, decode_land, graticule, land_document
from arctic_routes.seaice import ICE_CREDIT, MONTH_NAMES, check_month, decode_ice, ice_display_document
from arctic_routes.style import (
    COAST_COLOUR,
    FAMILY_COLOURS,
    GRATICULE_COLOUR,
    ICE_COLOUR,
    ICE_EDGE_COLOUR,
    LAND_COLOUR,
    SEA_COLOUR,
    route_dash,
    variant_index,
    voyage_style,
)
from arctic_routes.units import convert_m

#: Size presets in pixels (width, height).
SIZES = {"social": (1200, 675), "square": (1080, 1080), "print": (2400, 1600)}
MAX_SIDE_PX = 6000
DPI = 100
CREDIT = ("Land: Natural Earth (public domain). Routes and lengths: Arctic Routes, geodesic on WGS84. "
          "Route sources: {sources}.")
VOYAGE_CREDIT = " Open-ocean legs of voyages: Eurostat SeaRoute network (PyPI searoute, Apache-2.0)."
#: A voyage widens the frame only by its part north of this (the land is drawn north of 50 N only).
VOYAGE_FRAME_LAT = 62.0


def parse_size(spec: str) -> tuple[int, int]:
    """A preset name or ``WxH`` in pixels (each 200..6000)."""
    if spec in SIZES:
        return SIZES[spec]
    match = re.fullmatch(r"(\d{3,4})x(\d{3,4})", spec.strip().lower())
    if not match:
        raise ValueError(f"size must be one of {', '.join(SIZES)} or WxH in pixels, not {spec!r}")
    w, h = int(match[1]), int(match[2])
    if not (200 <= w <= MAX_SIDE_PX and 200 <= h <= MAX_SIDE_PX):
        raise ValueError(f"width and height must be between 200 and {MAX_SIDE_PX} pixels")
    return w, h


def _extent(points: list[np.ndarray], aspect: float) -> tuple[float, float, float, float]:
    """Bounds around the routes and the Pole, padded, widened to the canvas aspect (w/h)."""
    allpts = np.vstack([*points, [[0.0, 0.0]]])
    (x0, y0), (x1, y1) = allpts.min(axis=0), allpts.max(axis=0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = (x1 - x0) * 1.18 + 400_000, (y1 - y0) * 1.18 + 400_000
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def _linestyle(dash: str | None) -> Any:
    """A map dash pattern ("12 8") as a matplotlib line style, halved to suit the image's line widths."""
    return (0.0, [float(n) / 2 for n in dash.split()]) if dash else "solid"


def credit_text(routes: gpd.GeoDataFrame, route_ids: Sequence[str], voyages: Sequence[Any] = (),
                ice_month: int | None = None) -> str:
    """The image's credit line: Natural Earth, every source of the routes drawn or sailed, SeaRoute, NSIDC."""
    used = [*route_ids, *(o.voyage.variant for o in voyages if o.voyage.variant in routes.index)]
    sources = sorted({s for rid in used if rid in routes.index for s in routes.loc[rid, "sources"]})
    return (CREDIT.format(sources="; ".join(sources)) + (VOYAGE_CREDIT if voyages else "")
            + (f" {ICE_CREDIT}." if ice_month else ""))


def render_image(routes: gpd.GeoDataFrame, route_ids: Sequence[str], unit: str = "nm",
                 size: tuple[int, int] = SIZES["social"], fmt: str = "png",
                 title: str = "Arctic shipping routes", subtitle: str | None = None,
                 voyages: Sequence[Any] = (), speed_kn: float = 14.0, ice_month: int | None = None) -> bytes:
    """The polar map with the chosen routes, legend with lengths, graticule, scale bar and credits.

    ``voyages`` (:class:`arctic_routes.navigation.OptionStatus`) are drawn over the routes and listed
    in the legend with their length and days at ``speed_kn``; the frame stays on the Arctic (where the
    land is drawn), so a voyage's ocean legs run off its edge. ``ice_month`` (1..12) draws that month's
    median sea-ice extent under the land, names it in the legend and credits NSIDC.
    """
    if fmt not in ("png", "svg"):
        raise ValueError(f"format must be png or svg, not {fmt!r}")
    chosen = [r for r in route_ids if r in routes.index]
    if not chosen and not voyages:
        raise ValueError("no known route to draw")
    width, height = size
    scale = min(width, height) / 675  # text scales with the canvas: readable on a phone
    pt = lambda px: px * scale * 72 / DPI  # noqa: E731  (pixels at the social size -> points)
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor=SEA_COLOUR)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_facecolor(SEA_COLOUR)

    lines = {rid: to_polar(densify_geodesic(geometry_lonlat(routes.loc[rid, "geojson"]), 20.0)) for rid in chosen}
    voyage_lonlat = [densify_geodesic(o.voyage.coordinates, 20.0) for o in voyages]
    voyage_lines = [to_polar(c) for c in voyage_lonlat]
    arctic_parts = [xy[c[:, 1] >= VOYAGE_FRAME_LAT] for c, xy in zip(voyage_lonlat, voyage_lines)
                    if (c[:, 1] >= VOYAGE_FRAME_LAT).any()]
    x0, x1, y0, y1 = _extent(list(lines.values()) + arctic_parts, width / height)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)

    if ice_month:
        ice = decode_ice(ice_display_document(), check_month(ice_month))
        ax.add_collection(PolyCollection([r for p in ice for r in p[:1]], facecolors=ICE_COLOUR,
                                         edgecolors=ICE_EDGE_COLOUR, linewidths=pt(0.6), zorder=0.5))
        holes = [r for p in ice for r in p[1:]]
        if holes:
            ax.add_collection(PolyCollection(holes, facecolors=SEA_COLOUR, edgecolors="none", zorder=0.6))
    polygons = decode_land(land_document())
    ax.add_collection(PolyCollection([p[0] for p in polygons], facecolors=LAND_COLOUR, edgecolors=COAST_COLOUR,
                                     linewidths=pt(0.6), zorder=1))
    holes = [r for p in polygons for r in p[1:]]
    if holes:
        ax.add_collection(PolyCollection(holes, facecolors=SEA_COLOUR, edgecolors=COAST_COLOUR,
                                         linewidths=pt(0.6), zorder=1))
    parallels, meridians = graticule()
    grid = [xy for _, xy in parallels + meridians]
    ax.add_collection(LineCollection(grid, colors=GRATICULE_COLOUR, linewidths=pt(0.7), alpha=0.55, zorder=2))
    halo = [patheffects.withStroke(linewidth=pt(3), foreground="white")]
    for label, xy in parallels:
        i = PARALLEL_LABEL_INDEX
        if x0 < xy[i, 0] < x1 and y0 < xy[i, 1] < y1:
            ax.text(xy[i, 0], xy[i, 1], label, fontsize=pt(11), color="#46627d", style="italic", ha="center",
                    va="center", path_effects=halo, zorder=3)
    ax.plot([0], [0], marker="o", ms=pt(7), mfc="white", mec="#222", mew=pt(1.5), zorder=6)
    ax.text(0, -90_000 * scale, "North Pole", fontsize=pt(11), weight="bold", ha="center", va="top",
            path_effects=halo, zorder=6)

    dash_index = variant_index(routes)
    handles: list[Any] = []
    for rid in chosen:
        route = routes.loc[rid]
        colour = FAMILY_COLOURS.get(route["family"], "#000")
        style = _linestyle(route_dash(dash_index.get(rid, 0)))
        xy = lines[rid]
        ax.plot(xy[:, 0], xy[:, 1], color=colour, lw=pt(3.2), linestyle=style, solid_capstyle="round", zorder=5,
                path_effects=[patheffects.withStroke(linewidth=pt(5.5), foreground="white")])
        length = convert_m(route["length_m"], unit)
        handles.append(Line2D([], [], color=colour, lw=pt(3.2), linestyle=style,
                              label=f"{route['name']}: {length:,.0f} {unit}"))
        mid = xy[int(len(xy) * (0.5 + 0.14 * dash_index.get(rid, 0)) * 0.9)]  # siblings' labels staggered
        ax.text(mid[0], mid[1], f"{length:,.0f} {unit}", fontsize=pt(11), weight="bold", color=colour,
                ha="center", va="center", path_effects=halo, zorder=7)

    for option, xy in zip(voyages, voyage_lines):
        v = option.voyage
        colour, dash = voyage_style(v)
        style = _linestyle(dash)
        ax.plot(xy[:, 0], xy[:, 1], color=colour, lw=pt(2.2), linestyle=style, zorder=6,
                path_effects=[patheffects.withStroke(linewidth=pt(4.5), foreground="white")])
        handles.append(Line2D([], [], color=colour, lw=pt(2.2), linestyle=style,
                              label=f"{v.name}: {convert_m(v.length_m, unit):,.0f} {unit}, "
                                    f"{option.days(speed_kn):.1f} days at {speed_kn:g} kn"))
    if ice_month:
        handles.append(Patch(facecolor=ICE_COLOUR, edgecolor=ICE_EDGE_COLOUR,
                             label=f"Sea ice, {MONTH_NAMES[ice_month - 1]} median 1981-2010 (not this year's)"))
    ax.text(0.02, 0.975, title, transform=ax.transAxes, fontsize=pt(24), weight="bold", va="top", color="#111",
            path_effects=halo, zorder=8)
    ax.text(0.02, 0.975 - 44 * scale / height, subtitle or
            "Polar stereographic view (EPSG:3413) · lengths are geodesic on the WGS84 ellipsoid",
            transform=ax.transAxes, fontsize=pt(13), va="top", color="#333", path_effects=halo, zorder=8)
    legend = ax.legend(handles=handles, loc="lower left", fontsize=pt(11.5), frameon=True, framealpha=0.93,
                       borderpad=0.6, handlelength=2.6, bbox_to_anchor=(0.01, 0.02 + 44 * scale / height))
    legend.set_zorder(9)

    # Scale bar: 1,000 km (true at 70N, the projection's standard parallel), bottom right.
    bar = 1_000_000.0
    bx, by = x1 - (x1 - x0) * 0.03 - bar, y0 + (y1 - y0) * 0.09
    ax.plot([bx, bx + bar], [by, by], color="#222", lw=pt(3), solid_capstyle="butt", zorder=8)
    ax.text(bx + bar / 2, by + (y1 - y0) * 0.012, "1,000 km (true at 70°N)", ha="center", va="bottom",
            fontsize=pt(10.5), path_effects=halo, zorder=8)

    credit = textwrap.fill(credit_text(routes, chosen, voyages, ice_month), width=int(width / (6.4 * scale)))
    fig.text(0.008, 0.01, credit, ha="left", va="bottom", fontsize=pt(8.5), color="#333", linespacing=1.25,
             path_effects=[patheffects.withStroke(linewidth=pt(2.5), foreground="white")])

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "arctic-routes", "svg.fonttype": "none"}):
        metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        fig.savefig(buffer, format=fmt, dpi=DPI, facecolor=SEA_COLOUR, metadata=metadata)
    return buffer.getvalue()

"""Static images of the polar map (PNG, SVG) for publication: same projection, same data as the page.

:func:`render_image` returns bytes; the same inputs give the same bytes
(no timestamps, fixed SVG ids). The canvas is split into bands that never
overlap: the title (wrapped onto at most two lines, never clipped), the map,
a legend panel beside or below the map (so it covers no drawn line) and the
credit line. SVG keeps every text as a ``<text>`` element with a font
fallback stack, so an editor can fix a typo. :func:`arctic_routes.captions.alt_text` describes the
same image in one paragraph for screen readers.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Literal

import geopandas as gpd
import matplotlib
import numpy as np
from matplotlib import patheffects
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure  # never pyplot: no global backend, safe in a server's threads
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from arctic_routes.captions import check_title, credit_text, route_label, short_credit_text, voyage_time
from arctic_routes.geodesy import densify_geodesic, geometry_lonlat, to_polar
from arctic_routes.land import (
    ARCTIC_LAND_REACH_M,
    PARALLEL_LABEL_INDEX,
    decode_land,
    graticule,
    land_document,
    world_land_document,
)
from arctic_routes.model import Port
from arctic_routes.navigation import OptionStatus
from arctic_routes.notes import Note
from arctic_routes.places import all_places
from arctic_routes.seaice import MONTH_NAMES, check_month, decode_ice, ice_month_document
from arctic_routes.share import HIGHLIGHT_VOYAGE
from arctic_routes.style import (
    COAST_COLOUR,
    COUNTRY_NAME_COLOUR,
    FAMILY_COLOURS,
    GRATICULE_COLOUR,
    ICE_COLOUR,
    ICE_EDGE_COLOUR,
    LAND_COLOUR,
    MUTED_OPACITY,
    SEA_COLOUR,
    SEA_NAME_COLOUR,
    SIZES,
    route_dash,
    variant_index,
    voyage_style,
)
from arctic_routes.units import convert_m

MAX_SIDE_PX = 6000
DPI = 100
#: Text in SVG: a stack of common fonts, so the file renders alike where DejaVu Sans is missing.
FONT_STACK = ["DejaVu Sans", "Helvetica Neue", "Helvetica", "Arial", "Liberation Sans", "sans-serif"]


def text_as_written() -> AbstractContextManager[None]:
    """The rc context every figure is built in: :data:`FONT_STACK`, and text as written.

    Matplotlib would read ``$...$`` as mathtext ("Costs $5 vs $10" in italics as "5vs10"; ``$\\foo$`` raises): a
    title, a note or a track name is what the user typed, so nothing is parsed. Text reads the setting when it is
    created, so build the whole figure inside this context.
    """
    return matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": FONT_STACK,
                                  "text.parse_math": False})


DEFAULT_SUBTITLE = "Polar stereographic view (EPSG:3413) · lengths are geodesic on the WGS84 ellipsoid"


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
    """Bounds around the routes and the Pole, padded, widened to the map's aspect (w/h)."""
    allpts = np.vstack([*points, [[0.0, 0.0]]])
    (x0, y0), (x1, y1) = allpts.min(axis=0), allpts.max(axis=0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = (x1 - x0) * 1.12 + 300_000, (y1 - y0) * 1.12 + 300_000
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


#: Pixels at the social size -> points at the image's size (``_build``'s ``pt``).
PointSize = Callable[[float], float]


def _linestyle(dash: str | None) -> Literal["solid"] | tuple[float, list[float]]:
    """A map dash pattern ("12 8") as a matplotlib line style, halved to suit the image's line widths."""
    return (0.0, [float(n) / 2 for n in dash.split()]) if dash else "solid"


def _wrap(renderer: RendererBase, fig: Figure, text: str, max_px: float, max_lines: int, *, fontsize: float,
          **props: str) -> tuple[str, float]:
    """``text`` wrapped to ``max_px`` (measured, not guessed), shrinking the font until it fits ``max_lines``."""
    size = fontsize
    while True:
        lines: list[str] = []
        for word in text.split():
            trial = f"{lines[-1]} {word}" if lines else word
            probe = fig.text(0, 0, trial, fontdict=None, fontsize=size, **props)
            fits = probe.get_window_extent(renderer).width <= max_px
            probe.remove()
            if lines and fits:
                lines[-1] = trial
            else:
                lines.append(word)
        if len(lines) <= max_lines or size < 6:
            return "\n".join(lines), size
        size *= 0.9


def _muted(highlight: frozenset[str], key: str) -> bool:
    return bool(highlight) and key not in highlight


def _legend_handles(routes: gpd.GeoDataFrame, chosen: Sequence[str], voyages: Sequence[OptionStatus], unit: str,
                    speed_kn: float, ice_month: int | None, dash_index: dict[str, int], pt: PointSize,
                    highlight: frozenset[str] = frozenset(), ice_legend: str | None = None) -> list[tuple[Artist, str]]:
    """One legend row per drawn layer: each route, each voyage, the ice month; as (handle, label).

    With a ``highlight``, what it names leads (routes, then the voyages), the muted rows follow, faded.
    ``ice_legend`` replaces the ice row's words (which name the month).
    """
    lines: list[tuple[bool, Artist, str]] = []
    for rid in chosen:
        route = routes.loc[rid]
        style = _linestyle(route_dash(dash_index.get(rid, 0)))
        muted = _muted(highlight, rid)
        lines.append((muted, Line2D([], [], color=FAMILY_COLOURS.get(route["family"], "#000"), lw=pt(3.2),
                                    linestyle=style, alpha=MUTED_OPACITY if muted else 1.0),
                      route_label(route, unit)))
    for option in voyages:
        v = option.voyage
        colour, dash = voyage_style(v)
        muted = _muted(highlight, HIGHLIGHT_VOYAGE)
        lines.append((muted, Line2D([], [], color=colour, lw=pt(2.2), linestyle=_linestyle(dash),
                                    alpha=MUTED_OPACITY if muted else 1.0),
                      f"Voyage {v.name}: {convert_m(v.length_m, unit):,.0f} {unit}, "
                      f"{voyage_time(option, speed_kn, at_speed=True)}"))
    rows: list[tuple[Artist, str]] = [(handle, label) for _, handle, label in sorted(lines, key=lambda r: r[0])]
    if ice_month:
        rows.append((Patch(facecolor=ICE_COLOUR, edgecolor=ICE_EDGE_COLOUR), ice_legend or
                     f"Sea ice, {MONTH_NAMES[ice_month - 1]}: median extent 1981-2010, not this year's ice"))
    return rows


@dataclass(frozen=True)
class Georeference:
    """Where an image's pixels lie on the map's plane (EPSG:3413, metres): what a world file says.

    The map panel is drawn at one scale and no rotation, so one affine maps every pixel of the image (the
    bands around the map included) to the plane: ``x = x_m + col * m_per_px``, ``y = y_m - row * m_per_px``
    for the centre of the pixel at (``col``, ``row``) from the top left.
    """

    m_per_px: float
    x_m: float  #: centre of the top-left pixel
    y_m: float

    def world_file(self) -> str:
        """The six lines of an ESRI world file (``.pgw`` beside a PNG): pixel size, rotations, top-left centre."""
        return "".join(f"{v:.6f}\n" for v in (self.m_per_px, 0.0, 0.0, -self.m_per_px, self.x_m, self.y_m))

    def svg_metadata(self, px_per_user_unit: float) -> str:
        """The same, for an SVG whose user unit is ``1 / px_per_user_unit`` pixels, as a ``<metadata>`` element."""
        scale = self.m_per_px * px_per_user_unit
        record = {"crs": "EPSG:3413", "crs_name": "NSIDC Sea Ice Polar Stereographic North", "units": "metre",
                  "world_file_pixels": [round(v, 6) for v in (self.m_per_px, 0.0, 0.0, -self.m_per_px, self.x_m,
                                                              self.y_m)],
                  "svg_user_units": [round(v, 6) for v in (scale, 0.0, 0.0, -scale,
                                                           self.x_m - self.m_per_px / 2 + scale / 2,
                                                           self.y_m + self.m_per_px / 2 - scale / 2)],
                  "note": "x = a*col + c, y = d*row + f (centre of a unit, from the top left), as a world file"}
        return f'<metadata id="arctic-routes-georeference">{json.dumps(record)}</metadata>'


def georeference(fig: Figure) -> Georeference:
    """Where ``fig``'s pixels (at its own dpi) lie on the map's plane, read from its map panel's transform."""
    ax = fig.axes[0]
    height = fig.bbox.height
    to_map = ax.transData.inverted()
    (x_a, y_a), (x_b, _) = to_map.transform([(0.5, height - 0.5), (1.5, height - 0.5)])
    return Georeference(m_per_px=float(x_b - x_a), x_m=float(x_a), y_m=float(y_a))


def render_image(routes: gpd.GeoDataFrame, route_ids: Sequence[str], unit: str = "nm",
                 size: tuple[int, int] = SIZES["social"], fmt: str = "png",
                 title: str = "Arctic shipping routes", subtitle: str | None = None,
                 voyages: Sequence[OptionStatus] = (), speed_kn: float = 14.0, ice_month: int | None = None,
                 ends: Sequence[Port] = (), *, highlight: Collection[str] = (), notes: Sequence[Note] = (),
                 short_credit: bool = False) -> bytes:
    """:func:`image_figure` saved as PNG or SVG bytes (deterministic: no dates, fixed SVG ids)."""
    return render_georeferenced(routes, route_ids, unit, size, fmt, title, subtitle, voyages, speed_kn, ice_month,
                                ends, highlight=highlight, notes=notes, short_credit=short_credit)[0]


def render_georeferenced(routes: gpd.GeoDataFrame, route_ids: Sequence[str], unit: str = "nm",
                         size: tuple[int, int] = SIZES["social"], fmt: str = "png",
                         title: str = "Arctic shipping routes", subtitle: str | None = None,
                         voyages: Sequence[OptionStatus] = (), speed_kn: float = 14.0,
                         ice_month: int | None = None, ends: Sequence[Port] = (), *,
                         highlight: Collection[str] = (), notes: Sequence[Note] = (),
                         short_credit: bool = False) -> tuple[bytes, Georeference]:
    """The image's bytes and where its pixels lie on the map's plane; an SVG records it in a ``<metadata>``."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"format must be png or svg, not {fmt!r}")
    fig = image_figure(routes, route_ids, unit, size, title, subtitle, voyages, speed_kn, ice_month, ends,
                       highlight=highlight, notes=notes, short_credit=short_credit)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "arctic-routes", "svg.fonttype": "none",
                                "font.family": "sans-serif", "font.sans-serif": FONT_STACK}):
        metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        fig.savefig(buffer, format=fmt, dpi=DPI, facecolor="white", metadata=metadata)
    where = georeference(fig)
    data = buffer.getvalue()
    if fmt == "svg":  # matplotlib's SVG user unit is the point: 72 to the inch, DPI pixels to the inch
        opening = data.index(b"<svg")
        end = data.index(b">", opening) + 1
        data = data[:end] + b"\n" + where.svg_metadata(DPI / 72.0).encode() + data[end:]
    return data, where


def image_figure(routes: gpd.GeoDataFrame, route_ids: Sequence[str], unit: str = "nm",
                 size: tuple[int, int] = SIZES["social"], title: str = "Arctic shipping routes",
                 subtitle: str | None = None, voyages: Sequence[OptionStatus] = (), speed_kn: float = 14.0,
                 ice_month: int | None = None, ends: Sequence[Port] = (), *, highlight: Collection[str] = (),
                 notes: Sequence[Note] = (), short_credit: bool = False, ice_legend: str | None = None,
                 stamp: tuple[str, str] | None = None) -> Figure:
    """The polar map with the chosen routes, legend with lengths, graticule, scale bar and credits.

    ``voyages`` (:class:`arctic_routes.navigation.OptionStatus`) are drawn over the routes and listed
    in the legend with their length and days at ``speed_kn``; ``ends`` (two ports) are marked and named,
    where they lie (the frame holds every route, voyage, port and note drawn, on the world's land when it
    reaches beyond the Arctic). ``ice_month`` (1..12) draws that month's median sea-ice extent under the
    land, lists it in the legend and credits NSIDC.

    ``highlight`` (route ids and/or "voyage") keeps those lines' colours and fades the others, the legend
    leading with them; ``notes`` (:class:`arctic_routes.notes.Note`) are drawn as typed beside their
    places, with a leader line where they must move off it; ``short_credit`` writes one line naming the
    sources (the full list is :func:`arctic_routes.captions.credit_text`, for the alt text and a note).

    For an animation (:mod:`arctic_routes.animate`): ``ice_legend`` words the legend's ice row without
    naming a month, and ``stamp`` (large words, a line under them) is drawn in the map's top-left corner,
    before the notes and place names, which keep clear of it; :func:`set_ice_month` and :func:`set_stamp`
    then change the ice and the stamp's large words without drawing the rest again.
    """
    title = check_title(title)
    chosen = [r for r in route_ids if r in routes.index]
    if not chosen and not voyages:
        raise ValueError("no known route to draw")
    with text_as_written():
        return _build(routes, chosen, unit, size, title, subtitle, voyages, speed_kn, ice_month, ends,
                      frozenset(highlight), tuple(notes), short_credit, ice_legend, stamp)


def _build(routes: gpd.GeoDataFrame, chosen: list[str], unit: str, size: tuple[int, int], title: str,
           subtitle: str | None, voyages: Sequence[OptionStatus], speed_kn: float, ice_month: int | None,
           ends: Sequence[Port], highlight: frozenset[str], notes: tuple[Note, ...], short_credit: bool,
           ice_legend: str | None = None, stamp: tuple[str, str] | None = None) -> Figure:
    width, height = size
    scale = min(width, height) / 675  # text scales with the canvas: readable on a phone
    pt = lambda px: px * scale * 72 / DPI  # noqa: E731  (pixels at the social size -> points)
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    renderer = FigureCanvasAgg(fig).get_renderer()  # to measure text; the format picks its own canvas on save
    margin = 16 * scale

    # Header band: the title (at most two lines, shrunk rather than clipped) and the subtitle.
    title_text, title_size = _wrap(renderer, fig, title, width - 2 * margin, 2, fontsize=pt(26), weight="bold")
    sub_text, sub_size = _wrap(renderer, fig, subtitle or DEFAULT_SUBTITLE, width - 2 * margin, 2,
                               fontsize=pt(14))
    top = height - margin
    t = fig.text(margin / width, top / height, title_text, fontsize=title_size, weight="bold", va="top",
                 color="#111111", linespacing=1.15)
    top -= t.get_window_extent(renderer).height + 6 * scale
    s = fig.text(margin / width, top / height, sub_text, fontsize=sub_size, va="top", color="#333333")
    top -= s.get_window_extent(renderer).height + 10 * scale

    # Footer band: the credit, at least 12 px at 1200 px wide.
    credit = short_credit_text(voyages, ice_month) if short_credit else credit_text(routes, chosen, voyages, ice_month)
    credit_text_wrapped, credit_size = _wrap(renderer, fig, credit,
                                             width - 2 * margin, 6, fontsize=pt(12.5))
    c = fig.text(margin / width, margin / 2 / height, credit_text_wrapped, fontsize=credit_size, va="bottom",
                 color="#333333", linespacing=1.25)
    bottom = margin / 2 + c.get_window_extent(renderer).height + 8 * scale

    # Map and legend: side by side on a wide canvas, stacked on a square or tall one. The legend is
    # measured first, then the map takes the rest: the legend never covers a drawn line.
    wide = width / height >= 1.3
    dash_index = variant_index(routes)
    handles = _legend_handles(routes, chosen, voyages, unit, speed_kn, ice_month, dash_index, pt, highlight,
                              ice_legend)
    legend_w = min(0.36 * width, 520 * scale) if wide else width
    font = pt(12.5)
    while True:
        for handle, label in handles:
            handle.set_label(_wrap(renderer, fig, label, legend_w - 2 * margin - 60 * scale, 3, fontsize=font)[0])
        anchor = ((width - legend_w + margin / 2) / width, top / height) if wide else (margin / width, bottom / height)
        legend = fig.legend(handles=[h for h, _ in handles], loc="upper left" if wide else "lower left",
                            bbox_to_anchor=anchor, fontsize=font, frameon=False, borderaxespad=0.0,
                            handlelength=2.6, labelspacing=0.6)
        legend_h = legend.get_window_extent(renderer).height
        room = (top - bottom) * (1.0 if wide else 0.5)
        if legend_h <= room or font < pt(8):
            break
        legend.remove()
        font *= 0.9
    if wide:
        map_box = (0.0, bottom / height, (width - legend_w) / width, (top - bottom) / height)
    else:
        map_bottom = bottom + legend_h + 12 * scale
        map_box = (0.0, map_bottom / height, 1.0, (top - map_bottom) / height)
    ax = fig.add_axes(map_box)
    ax.set_axis_off()
    ax.set_facecolor(SEA_COLOUR)
    ax.add_patch(matplotlib.patches.Rectangle((0, 0), 1, 1, transform=ax.transAxes, facecolor=SEA_COLOUR,
                                              edgecolor="none", zorder=-1))
    map_w_px, map_h_px = map_box[2] * width, map_box[3] * height

    lines = {rid: to_polar(densify_geodesic(geometry_lonlat(routes.loc[rid, "geojson"]), 20.0)) for rid in chosen}
    voyage_lines = [to_polar(densify_geodesic(o.voyage.coordinates, 20.0)) for o in voyages]
    # The frame follows the story: the routes, and both ports and every option of a voyage, wherever they go.
    places = [(p.lon, p.lat) for p in ends] + [(n.lon, n.lat) for n in notes]
    port_points = [to_polar(np.array(places, dtype=float).reshape(-1, 2))]
    x0, x1, y0, y1 = _extent(list(lines.values()) + voyage_lines + port_points, map_w_px / map_h_px)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    m_per_px = (x1 - x0) / map_w_px

    if ice_month:
        _draw_ice(ax, ice_month, pt(0.6))
    # The Arctic's 1:10m land, or the world's 1:50m once the frame reaches beyond it (a voyage's frame).
    beyond = max(np.hypot(x, y) for x in (x0, x1) for y in (y0, y1)) > ARCTIC_LAND_REACH_M
    polygons = decode_land(world_land_document() if beyond else land_document())
    ax.add_collection(PolyCollection([p[0] for p in polygons], facecolors=LAND_COLOUR, edgecolors=COAST_COLOUR,
                                     linewidths=pt(0.6), zorder=1))
    holes = [r for p in polygons for r in p[1:]]
    if holes:
        ax.add_collection(PolyCollection(holes, facecolors=SEA_COLOUR, edgecolors=COAST_COLOUR,
                                         linewidths=pt(0.6), zorder=1))
    parallels, meridians = graticule(south_deg=0.0, meridian_south_deg=-45.0) if beyond else graticule()
    grid = [xy for _, xy in parallels + meridians]
    ax.add_collection(LineCollection(grid, colors=GRATICULE_COLOUR, linewidths=pt(0.7), alpha=0.55, zorder=2))
    # Labels keep a white box instead of a stroked halo: a halo turns SVG text into paths.
    box = {"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.8, "edgecolor": "none"}
    for label, xy in parallels:
        i = PARALLEL_LABEL_INDEX
        if x0 < xy[i, 0] < x1 and y0 < xy[i, 1] < y1:
            ax.text(xy[i, 0], xy[i, 1], label, fontsize=pt(11), color="#46627d", style="italic", ha="center",
                    va="center", bbox=box, zorder=3)
    ax.plot([0], [0], marker="o", ms=pt(7), mfc="white", mec="#222", mew=pt(1.5), zorder=6)
    ax.text(0, -14 * scale * m_per_px, "North Pole", fontsize=pt(11), weight="bold", ha="center", va="top",
            bbox=box, zorder=6)

    for rid in sorted(chosen, key=lambda r: not _muted(highlight, r)):  # the muted ones under the others
        route = routes.loc[rid]
        colour = FAMILY_COLOURS.get(route["family"], "#000")
        style = _linestyle(route_dash(dash_index.get(rid, 0)))
        xy = lines[rid]
        muted = _muted(highlight, rid)
        ax.plot(xy[:, 0], xy[:, 1], color=colour, lw=pt(3.2), linestyle=style, solid_capstyle="round",
                zorder=4.8 if muted else 5, alpha=MUTED_OPACITY if muted else 1.0,
                path_effects=[] if muted else [patheffects.withStroke(linewidth=pt(5.5), foreground="white")])

    voyages_muted = _muted(highlight, HIGHLIGHT_VOYAGE)
    for option, xy in zip(voyages, voyage_lines):
        v = option.voyage
        colour, dash = voyage_style(v)
        style = _linestyle(dash)
        ax.plot(xy[:, 0], xy[:, 1], color=colour, lw=pt(2.2), linestyle=style, zorder=4.9 if voyages_muted else 6,
                alpha=MUTED_OPACITY if voyages_muted else 1.0,
                path_effects=[] if voyages_muted else [patheffects.withStroke(linewidth=pt(4.5), foreground="white")])
    for port in ends:
        _mark_port(ax, port, voyage_lines, (x0, x1, y0, y1), m_per_px, scale, pt, box)
    if stamp:
        _draw_stamp(ax, renderer, stamp, scale, pt)
    _write_notes(ax, renderer, notes, scale, pt)

    # Scale bar (true at 70N, the projection's standard parallel), bottom right of the map: the longest round
    # length that takes at most a fifth of the map's width.
    bar = max((km * 1000.0 for km in (500, 1000, 2000, 5000) if km * 1000.0 <= 0.2 * (x1 - x0)), default=500_000.0)
    bx, by = x1 - 14 * scale * m_per_px - bar, y0 + 16 * scale * m_per_px
    ax.plot([bx, bx + bar], [by, by], color="#222", lw=pt(3), solid_capstyle="butt", zorder=8)
    ax.text(bx + bar, by + 5 * scale * m_per_px, f"{bar / 1000:,.0f} km (true at 70°N)", ha="right", va="bottom",
            fontsize=pt(10.5), bbox=box, zorder=8)

    _name_places(ax, renderer, (x0, x1, y0, y1), m_per_px, scale, pt)

    return fig


#: The label of the sea ice's collections (an underscore: never a legend row), so :func:`set_ice_month` finds them.
ICE_LAYER_LABEL = "_sea-ice"
#: The labels of a stamp's two texts (:func:`image_figure`'s ``stamp``), so :func:`set_stamp` finds them.
STAMP_LABELS = ("_stamp-headline", "_stamp-line")


def _draw_ice(ax: Axes, month: int, linewidth: float) -> None:
    """``month``'s median sea-ice extent under the land (zorder 0.5), its holes in the sea's colour."""
    ice = decode_ice(ice_month_document(month), check_month(month))
    ax.add_collection(PolyCollection([r for p in ice for r in p[:1]], facecolors=ICE_COLOUR,
                                     edgecolors=ICE_EDGE_COLOUR, linewidths=linewidth, zorder=0.5,
                                     label=ICE_LAYER_LABEL))
    holes = [r for p in ice for r in p[1:]]
    if holes:
        ax.add_collection(PolyCollection(holes, facecolors=SEA_COLOUR, edgecolors="none", zorder=0.6,
                                         label=ICE_LAYER_LABEL))


def set_ice_month(fig: Figure, month: int) -> None:
    """Swap the sea ice of ``fig`` (an :func:`image_figure` drawn with an ``ice_month``) for ``month``'s.

    Everything else (land, routes, words, legend) stays as drawn: an animation builds the figure once and
    changes only its ice (and its :func:`set_stamp`) from frame to frame.
    """
    ax = fig.axes[0]
    old = [c for c in ax.collections if c.get_label() == ICE_LAYER_LABEL]
    if not old:
        raise ValueError("this figure was drawn without sea ice: pass ice_month to image_figure")
    linewidth = float(np.atleast_1d(old[0].get_linewidth())[0])
    for collection in old:
        collection.remove()
    _draw_ice(ax, month, linewidth)


def set_stamp(fig: Figure, headline: str) -> None:
    """Change the large words of ``fig``'s stamp (an :func:`image_figure` drawn with a ``stamp``)."""
    found = [t for t in fig.axes[0].texts if t.get_label() == STAMP_LABELS[0]]
    if not found:
        raise ValueError("this figure was drawn without a stamp: pass stamp to image_figure")
    found[0].set_text(headline)


def _draw_stamp(ax: Axes, renderer: RendererBase, stamp: tuple[str, str], scale: float, pt: PointSize) -> None:
    """Large words and a line under them in the map's top-left corner, on a white box: an animation's month."""
    headline, line = stamp
    inset = 12 * scale
    box = {"boxstyle": "square,pad=0.25", "facecolor": "white", "alpha": 0.88, "edgecolor": "none"}
    big = ax.annotate(headline, (0, 1), xycoords="axes fraction", xytext=(inset, -inset), textcoords="offset pixels",
                      ha="left", va="top", fontsize=pt(44), weight="bold", color="#111111", parse_math=False,
                      bbox=box, zorder=9.8, label=STAMP_LABELS[0])
    below = big.get_window_extent(renderer).height + 2 * scale
    ax.annotate(line, (0, 1), xycoords="axes fraction", xytext=(inset, -inset - below), textcoords="offset pixels",
                ha="left", va="top", fontsize=pt(15), color="#222222", parse_math=False, bbox=box, zorder=9.8,
                label=STAMP_LABELS[1])


#: Where a note's text may go, in pixels from its place (x right, y up): beside it first, then farther out.
NOTE_SPOTS = ((7, 5), (7, -5), (-7, 5), (-7, -5), (0, 10), (0, -10), (26, 22), (26, -22), (-26, 22), (-26, -22),
              (0, 40), (0, -40), (48, 0), (-48, 0), (56, 44), (-56, 44), (56, -44), (-56, -44))


def _write_notes(ax: Axes, renderer: RendererBase, notes: Sequence[Note], scale: float, pt: PointSize) -> None:
    """Each note: a dot at its place and its text as typed (plain text, no mathtext), beside the dot where it
    clears the labels drawn before, else farther out with a leader line; where nothing clears, beside it."""
    inside = ax.get_window_extent(renderer)
    gap = 3 * scale
    taken = [t.get_window_extent(renderer).padded(gap) for t in ax.texts]
    for note in notes:
        x, y = to_polar(np.array([[note.lon, note.lat]]))[0]
        ax.plot([x], [y], marker="o", ms=pt(7), mfc="#111111", mec="white", mew=pt(1.5), zorder=9.5)
        best = None
        for dx, dy in NOTE_SPOTS:
            text = ax.annotate(
                note.text, (x, y), xytext=(dx * scale, dy * scale), textcoords="offset pixels",
                ha="left" if dx > 0 else "right" if dx < 0 else "center",
                va="bottom" if dy > 0 else "top" if dy < 0 else "center", fontsize=pt(12.5), weight="bold",
                color="#111111", parse_math=False, zorder=9.6,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.9, "edgecolor": "#999999",
                      "linewidth": pt(0.8)},
                arrowprops={"arrowstyle": "-", "color": "#111111", "lw": pt(1.2), "shrinkA": 0, "shrinkB": 0}
                if np.hypot(dx, dy) > 14 else None)
            box = text.get_window_extent(renderer).padded(gap)
            clear = (inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1
                     and not any(box.overlaps(other) for other in taken))
            if clear:
                if best is not None:
                    best[0].remove()
                best = (text, box)
                break
            if best is None:
                best = (text, box)  # the first spot, kept if none clears
            else:
                text.remove()
        if best is not None:
            taken.append(best[1])


def _name_places(ax: Axes, renderer: RendererBase, frame: tuple[float, float, float, float], m_per_px: float,
                 scale: float, pt: Callable[[float], float]) -> None:
    """The countries and seas inside the frame, as SVG text, quietly under the routes; most important first, and
    none over a label already drawn (ports, the Pole, graticule) or another place, or cut by the frame."""
    x0, x1, y0, y1 = frame
    pad = 4 * scale * m_per_px
    gap = 3 * scale  # pixels: the white boxes of the labels drawn before, and a little air
    taken = [t.get_window_extent(renderer).expanded(1.0, 1.0).padded(gap) for t in ax.texts]
    for place in all_places():
        if not (x0 + pad < place.x_m < x1 - pad and y0 + pad < place.y_m < y1 - pad):
            continue
        size = pt({1: 12.5, 2: 11.5, 3: 11}.get(place.rank, 11))
        if place.kind == "sea":
            text = ax.text(place.x_m, place.y_m, place.name, fontsize=size, style="italic", color=SEA_NAME_COLOUR,
                           ha="center", va="center", zorder=4.5)
        else:
            text = ax.text(place.x_m, place.y_m, place.name.upper(), fontsize=size - pt(1), weight="bold",
                           color=COUNTRY_NAME_COLOUR, ha="center", va="center", zorder=4.5)
        box = text.get_window_extent(renderer).padded(gap)
        inside = ax.get_window_extent(renderer)
        cut = box.x0 < inside.x0 or box.x1 > inside.x1 or box.y0 < inside.y0 or box.y1 > inside.y1
        if cut or any(box.overlaps(other) for other in taken):
            text.remove()
            continue
        taken.append(box)


def _mark_port(ax: Axes, port: Port, lines: Sequence[np.ndarray], frame: tuple[float, float, float, float],
               m_per_px: float, scale: float, pt: PointSize, box: dict[str, object]) -> None:
    """A voyage's end port: a ring and its name where it lies, else its name where its voyage leaves the frame."""
    x0, x1, y0, y1 = frame
    x, y = to_polar([(port.lon, port.lat)])[0]
    pad = 30 * scale * m_per_px

    def inside(px: float, py: float) -> bool:
        return bool(x0 + pad < px < x1 - pad and y0 + pad < py < y1 - pad)

    if inside(x, y):
        ax.plot([x], [y], marker="o", ms=pt(8), mfc="white", mec="#000", mew=pt(2), zorder=9)
        ax.text(x + 8 * scale * m_per_px, y + 8 * scale * m_per_px, port.name, fontsize=pt(12), weight="bold",
                ha="left", va="bottom", bbox=box, zorder=9)
        return
    # Beyond the frame: follow the voyage from the port's end to its first point in the frame.
    for xy in lines:
        path = xy if np.hypot(*(xy[0] - (x, y))) <= np.hypot(*(xy[-1] - (x, y))) else xy[::-1]
        hits = [k for k in range(len(path)) if inside(*path[k])]
        if hits:
            ex, ey = path[hits[0]]
            ha = "right" if ex > (x0 + x1) / 2 else "left"
            ax.text(ex, ey, f"to {port.name}", fontsize=pt(12), weight="bold", ha=ha, va="center", bbox=box,
                    zorder=9)
            return

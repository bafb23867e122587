"""A chart of one month's Arctic sea-ice extent, year by year (PNG, SVG): the data of :mod:`arctic_routes.extent`.

The year's extent as a line with a dot per year (a missing year is a gap in the line), the 1981-2010 median as a
dashed line, the record low and the latest year marked and labelled with their values, the unit on the y axis,
a title naming the month and a one-line credit. Built like :mod:`arctic_routes.render`'s map: a
:class:`matplotlib.figure.Figure` (never pyplot), its size presets and ``WxH`` parsing, its fonts; text stays
text in SVG, written as given (no mathtext). Text is sized in pixels of the image and never drawn under
:data:`MIN_TEXT_PX`, so the ``phone`` preset stays legible at a phone's width.
:func:`arctic_routes.extent.extent_alt_text` describes the same chart.

Examples
--------
>>> from arctic_routes.extent import load_month
>>> svg = render_extent_chart(load_month(9), CHART_SIZES["phone"], "svg")
>>> b"2012" in svg and "million km²".encode() in svg
True
"""

from __future__ import annotations

import io

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure  # never pyplot: no global backend, safe in a server's threads
from matplotlib.ticker import FormatStrFormatter, MaxNLocator

from arctic_routes.extent import MEDIAN_YEARS, MonthSeries, format_mkm2, summarise
from arctic_routes.render import DPI, FONT_STACK, SIZES, _wrap, parse_size, text_as_written
from arctic_routes.style import CHART_SIZES

#: No text of the chart is drawn smaller than this, in pixels of the image.
MIN_TEXT_PX = 11.0
#: Under this height (pixels) the chart has no subtitle, under this width its credit names only the source.
SUBTITLE_MIN_PX = 380
#: The year's extent: the deep blue of the page's ice classes (style.ICE_SHARE_CLASSES), 4.9:1 on white.
EXTENT_COLOUR = "#2171b5"
#: The 1981-2010 median: a dark grey dashed line, 7:1 on white.
MEDIAN_COLOUR = "#595959"
#: The record low: Okabe-Ito vermillion darkened to 5:1 on white (as style.FAMILY_TEXT_COLOURS' vermillion).
RECORD_COLOUR = "#B34700"
#: The latest year and the text.
INK_COLOUR = "#111111"
GRID_COLOUR = "#dddddd"
BACKGROUND = "#ffffff"


def parse_chart_size(spec: str) -> tuple[int, int]:
    """A preset of :data:`CHART_SIZES` or ``WxH`` in pixels (as :func:`arctic_routes.render.parse_size`).

    Examples
    --------
    >>> parse_chart_size("phone"), parse_chart_size("social"), parse_chart_size("800x500")
    ((390, 600), (1200, 675), (800, 500))
    """
    if spec in CHART_SIZES:
        return CHART_SIZES[spec]
    try:
        return parse_size(spec)
    except ValueError:
        raise ValueError(f"size must be one of {', '.join(CHART_SIZES)} or WxH in pixels, not {spec[:20]!r}") from None


def chart_title(series: MonthSeries) -> str:
    """``Arctic sea-ice extent in September, 1979-2025``."""
    return f"Arctic sea-ice extent in {series.month_name}, {series.first_year}-{series.last_year}"


def render_extent_chart(series: MonthSeries, size: tuple[int, int] = SIZES["social"], fmt: str = "png") -> bytes:
    """:func:`extent_figure` as PNG or SVG bytes (the same input gives the same bytes: no dates, fixed SVG ids)."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"format must be png or svg, not {fmt!r}")
    fig = extent_figure(series, size)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "arctic-routes", "svg.fonttype": "none",
                                "font.family": "sans-serif", "font.sans-serif": FONT_STACK}):
        metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        fig.savefig(buffer, format=fmt, dpi=DPI, facecolor=BACKGROUND, metadata=metadata)
    return buffer.getvalue()


def extent_figure(series: MonthSeries, size: tuple[int, int] = SIZES["social"]) -> Figure:
    """The month's extent year by year, its 1981-2010 median, record low and latest year, on a canvas of ``size``
    pixels (at :data:`arctic_routes.render.DPI`)."""
    with text_as_written():
        return _build(series, size)


def _build(series: MonthSeries, size: tuple[int, int]) -> Figure:
    width, height = size
    scale = min(width, height) / 675  # sizes are pixels at the social preset, scaled with the canvas

    def pt(px: float) -> float:
        """Pixels at the social size -> points at this size, never under MIN_TEXT_PX."""
        return max(px * scale, MIN_TEXT_PX) * 72 / DPI

    def line_pt(px: float) -> float:
        return max(px * scale, 1.0) * 72 / DPI

    summary = summarise(series)
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor=BACKGROUND)
    renderer = FigureCanvasAgg(fig).get_renderer()  # to measure text; the format picks its own canvas on save
    margin = max(16 * scale, 8.0)

    # Header: the title (two lines at most, shrunk rather than clipped) and what is drawn.
    smallest = pt(0)  # _wrap shrinks a long text: never under MIN_TEXT_PX
    title, title_size = _wrap(renderer, fig, chart_title(series), width - 2 * margin, 2, fontsize=pt(26),
                              weight="bold")
    # A small canvas (a panel beside the map) keeps its height for the data: the alt text and the words around it
    # say what the subtitle would.
    sub, sub_size = _wrap(renderer, fig, _subtitle(series) if height >= SUBTITLE_MIN_PX else "",
                          width - 2 * margin, 3, fontsize=pt(14))
    title_size, sub_size = max(title_size, smallest), max(sub_size, smallest)
    top = height - margin
    t = fig.text(margin / width, top / height, title, fontsize=title_size, weight="bold", va="top",
                 color=INK_COLOUR, linespacing=1.15, parse_math=False)
    top -= t.get_window_extent(renderer).height + 6 * scale
    if sub:
        s = fig.text(margin / width, top / height, sub, fontsize=sub_size, va="top", color="#333333",
                     parse_math=False)
        top -= s.get_window_extent(renderer).height
    top -= 12 * scale

    # Footer: the credit, one line where it fits.
    what = ", monthly mean extent" if width >= SUBTITLE_MIN_PX else ""
    credit, credit_size = _wrap(renderer, fig, f"Source: {series.credit}{what}", width - 2 * margin, 2,
                                fontsize=pt(12.5))
    c = fig.text(margin / width, margin / 2 / height, credit, fontsize=max(credit_size, smallest), va="bottom",
                 color="#333333", parse_math=False)
    bottom = margin / 2 + c.get_window_extent(renderer).height + 10 * scale

    years = np.array([year for year, _ in series.values], dtype=float)
    values = np.array([np.nan if v is None else v for _, v in series.values], dtype=float)  # NaN: a gap
    ax = fig.add_axes((0.1, bottom / height, 0.85, (top - bottom) / height))
    ax.set_facecolor(BACKGROUND)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#767676")
    ax.grid(axis="y", color=GRID_COLOUR, linewidth=line_pt(1))
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=pt(12.5), colors="#333333", width=line_pt(1), length=4 * scale + 2)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6 if width >= 700 else 4, integer=True, steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6 if height >= 500 else 4, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(FormatStrFormatter("%g"))
    ax.set_ylabel("million km²", fontsize=pt(13), color="#333333")

    ax.plot(years, values, color=EXTENT_COLOUR, lw=line_pt(2.6), marker="o", ms=line_pt(6.5), mfc=EXTENT_COLOUR,
            mec=BACKGROUND, mew=line_pt(0.8), zorder=3)
    low_year, low = summary.record_low
    last_year, last = summary.latest
    span = float(np.nanmax(values) - np.nanmin(values)) or 1.0
    ax.set_xlim(years[0] - 1.5, years[-1] + 1.5)
    ax.set_ylim(min(float(np.nanmin(values)), summary.median_mkm2) - 0.28 * span,
                max(float(np.nanmax(values)), summary.median_mkm2) + 0.12 * span)

    box = {"boxstyle": "round,pad=0.2", "facecolor": BACKGROUND, "alpha": 0.85, "edgecolor": "none"}
    ax.axhline(summary.median_mkm2, color=MEDIAN_COLOUR, lw=line_pt(1.6), linestyle=(0, (5, 3)), zorder=2)
    # Named at the right end, over the line: the recent years it is compared with lie under it.
    ax.annotate(f"{MEDIAN_YEARS[0]}-{MEDIAN_YEARS[1]} median: {format_mkm2(summary.median_mkm2)}",
                (years[-1] + 1.5, summary.median_mkm2), xytext=(0, 4 * scale + 1), textcoords="offset pixels",
                ha="right", va="bottom", fontsize=pt(12.5), color=MEDIAN_COLOUR, bbox=box, zorder=4, parse_math=False)

    # The record low: a ring, its value and year under it; the latest year: a dot, its value over it.
    ax.plot([low_year], [low], marker="o", ms=line_pt(15), mfc="none", mec=RECORD_COLOUR, mew=line_pt(2.4), zorder=5)
    near_end = low_year > years[-1] - 0.15 * (years[-1] - years[0])
    record = (f"{last_year}: {format_mkm2(last)}, the record low" if summary.latest_is_record_low
              else f"Record low: {format_mkm2(low)} in {low_year}")
    ax.annotate(record, (low_year, low), xytext=(0, -12 * scale - 4), textcoords="offset pixels",
                ha="right" if near_end else "center", va="top", fontsize=pt(13), weight="bold",
                color=RECORD_COLOUR, bbox=box, zorder=6, parse_math=False)
    if not summary.latest_is_record_low:
        ax.plot([last_year], [last], marker="o", ms=line_pt(10), mfc=INK_COLOUR, mec=BACKGROUND, mew=line_pt(1.5),
                zorder=6)
        ax.annotate(f"{last_year}: {format_mkm2(last)}", (last_year, last), xytext=(0, 12 * scale + 4),
                    textcoords="offset pixels", ha="right", va="bottom", fontsize=pt(13), weight="bold",
                    color=INK_COLOUR, bbox=box, zorder=6, parse_math=False)

    _fit_axes(fig, ax, renderer, (margin, bottom, width - margin, top))
    return fig


def _subtitle(series: MonthSeries) -> str:
    gaps = series.gaps
    missing = f"; no value for {', '.join(map(str, gaps))}" if gaps else ""
    return f"Monthly mean extent: ocean with at least 15% ice{missing}"


def _fit_axes(fig: Figure, ax: Axes, renderer: RendererBase,
              band: tuple[float, float, float, float]) -> None:
    """Move and shrink the axes so they, their tick labels, axis label and annotations fill ``band`` (pixels:
    left, bottom, right, top) and nothing crosses its edges."""
    left, bottom, right, top = band
    width, height = fig.bbox.width, fig.bbox.height
    for _ in range(3):
        box = ax.get_window_extent(renderer)
        tight = ax.get_tightbbox(renderer)
        if tight is None:
            return
        # What sticks out of the axes on each side, kept inside the band.
        pad_left, pad_bottom = box.x0 - tight.x0, box.y0 - tight.y0
        pad_right, pad_top = tight.x1 - box.x1, tight.y1 - box.y1
        x0, y0 = left + pad_left, bottom + pad_bottom
        x1, y1 = right - pad_right, top - pad_top
        ax.set_position((x0 / width, y0 / height, max(x1 - x0, 10) / width, max(y1 - y0, 10) / height))

"""The year's sea ice as an animation to post (GIF, MP4): twelve frames of the polar map, January to December.

Each frame is the map :func:`arctic_routes.render.image_figure` draws (routes, legend, the short credit),
with the month named large in its top-left corner and "median ice extent 1981-2010" under it, so no
reader takes a frame for one year's ice. The figure is built once; each frame swaps only its sea ice
(:func:`arctic_routes.render.set_ice_month`) and the month's name (:func:`arctic_routes.render.set_stamp`)
before Agg draws it again.

The GIF is written by Pillow (one palette shared by all twelve frames, looping forever), the MP4 by the
ffmpeg binary that ships in the ``imageio-ffmpeg`` wheel (H.264, yuv420p, 24 frames a second, each month
repeated for its seconds: what browsers and social networks play). Either file is at most
:data:`MAX_BYTES`: when one is over, fewer colours (GIF) or a stronger compression (MP4) are tried, then
a smaller canvas, and :attr:`Animation.reductions` says what was done.

Builders return objects and bytes; nothing here imports streamlit or pyplot.

Examples
--------
>>> MONTH_SECONDS[8], sum(MONTH_SECONDS)  # September is held for two seconds
(2, 13)
>>> output_format("ice.GIF")
'gif'
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from arctic_routes.captions import check_title, route_label
from arctic_routes.notes import Note
from arctic_routes.render import (
    ICE_LAYER_LABEL,
    SIZES,
    STAMP_LABELS,
    image_figure,
    parse_size,
    set_ice_month,
    set_stamp,
    text_as_written,
)
from arctic_routes.seaice import DEFAULT_MONTH, ICE_CREDIT, MONTH_NAMES

#: The files an animation is written as.
FORMATS = ("gif", "mp4")
#: Size preset of a post: 1200 x 675 px, 16:9, what the social networks show whole in a feed.
DEFAULT_SIZE = "social"
#: Largest file (bytes) at every size: 8 MB (decimal, so under 8 MiB too), small enough to post or attach.
MAX_BYTES = 8_000_000
#: Seconds each month is shown, January first: one each, September (the least ice, seaice.DEFAULT_MONTH) two.
MONTH_SECONDS = tuple(2 if month == DEFAULT_MONTH else 1 for month in range(1, 13))
#: Frames a second of the MP4: each month's picture is repeated, as players and networks expect a film's
#: rate rather than one frame a second.
MP4_FPS = 24
#: What is tried, in order, while a file is over :data:`MAX_BYTES`: GIF colours, then H.264 CRF (higher is smaller).
GIF_COLOURS = (256, 128, 64)
MP4_CRF = (23, 28, 34)
#: Largest frame (pixels): twelve frames are held in memory, about 140 MB at this size (print's 2400 x 1600 fits).
MAX_FRAME_PIXELS = 4_000_000
#: Then the canvas is shrunk by this factor, down to :data:`MIN_SIDE_PX` on its shorter side.
SHRINK = 0.8
MIN_SIDE_PX = 200
DEFAULT_TITLE = "Arctic shipping routes and the sea ice, month by month"
#: The line under the month's name on every frame, and the legend's ice row.
STAMP_LINE = "median ice extent 1981-2010"
ICE_LEGEND = "Sea ice: median extent 1981-2010 in the month named on the map, not one year's ice"


@dataclass(frozen=True)
class Animation:
    """An encoded animation: its bytes, format, frame size in pixels (width, height) and what was reduced to fit."""

    data: bytes
    fmt: str
    size: tuple[int, int]
    seconds: float
    reductions: tuple[str, ...] = field(default=())


def output_format(path: str | Path) -> str:
    """``gif`` or ``mp4`` from a file name's extension, or a one-line ValueError."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{path}: the output file must end in .gif or .mp4")
    return fmt


def check_frame_size(size: tuple[int, int]) -> tuple[int, int]:
    """``size`` (width, height in pixels, as :func:`arctic_routes.render.parse_size` gives) if an animation may
    be that large, else a one-line ValueError."""
    width, height = size
    if width * height > MAX_FRAME_PIXELS:
        raise ValueError(f"an animation's frames are at most {MAX_FRAME_PIXELS / 1e6:.0f} million pixels "
                         f"(print, 2400x1600, fits), not {width}x{height}")
    return size


def animation_figure(routes: gpd.GeoDataFrame, route_ids: Sequence[str], month: int = 1,
                     size: tuple[int, int] = SIZES[DEFAULT_SIZE], *, unit: str = "nm", title: str = DEFAULT_TITLE,
                     subtitle: str | None = None, highlight: Collection[str] = (), notes: Sequence[Note] = (),
                     short_credit: bool = True) -> Figure:
    """One frame: the polar map with ``month``'s median ice and its name large in the corner (a ``Figure``).

    The frames of :func:`animation_frames` are this figure with only the ice and the month changed.
    """
    return image_figure(routes, route_ids, unit, size, title, subtitle, ice_month=month, highlight=highlight,
                        notes=notes, short_credit=short_credit, ice_legend=ICE_LEGEND,
                        stamp=(MONTH_NAMES[month - 1], STAMP_LINE))


def _longest_month() -> int:
    """The month with the longest name (September): the frame is laid out with it, so the place names keep clear
    of the stamp at its widest."""
    return max(range(1, 13), key=lambda m: len(MONTH_NAMES[m - 1]))


def animation_frames(routes: gpd.GeoDataFrame, route_ids: Sequence[str],
                     size: tuple[int, int] = SIZES[DEFAULT_SIZE], *, unit: str = "nm", title: str = DEFAULT_TITLE,
                     subtitle: str | None = None, highlight: Collection[str] = (), notes: Sequence[Note] = (),
                     short_credit: bool = True) -> list[np.ndarray]:
    """Twelve RGB frames (``height x width x 3``, uint8), January first, each ``size`` pixels.

    The map is laid out once (with the longest month's name) and drawn in three layers: under it the sea and
    the month's ice, drawn for each frame; everything that stays (land, routes, words, legend), drawn once on
    a transparent canvas; over it the month's name, drawn for each frame. Each frame is the three laid over
    one another: the pixels of the figure drawn whole, but for a few levels of rounding along edges.
    """
    fig = animation_figure(routes, route_ids, _longest_month(), size, unit=unit, title=check_title(title),
                           subtitle=subtitle, highlight=highlight, notes=notes, short_credit=short_credit)
    canvas = FigureCanvasAgg(fig)
    ax = fig.axes[0]
    artists: list[Artist] = [fig.patch, *fig.texts, *fig.legends, *ax.patches, *ax.collections, *ax.lines, *ax.texts]

    def under(artist: Artist) -> bool:  # the canvas, the sea and the ice (beneath everything else of the map)
        return artist is fig.patch or artist.get_zorder() < 0 or artist.get_label() == ICE_LAYER_LABEL

    def over(artist: Artist) -> bool:  # the month's name
        return artist.get_label() in STAMP_LABELS

    def draw(keep: Callable[[Artist], bool]) -> np.ndarray:
        shown = [*artists, *(c for c in ax.collections if c not in artists)]  # the ice of this frame too
        for artist in shown:
            artist.set_visible(keep(artist))
        canvas.draw()
        for artist in shown:
            artist.set_visible(True)
        return np.asarray(canvas.buffer_rgba())[: size[1], : size[0]].astype(np.float32)

    frames = []
    with text_as_written():
        still = draw(lambda a: not under(a) and not over(a))
        for month in range(1, 13):
            set_ice_month(fig, month)
            set_stamp(fig, MONTH_NAMES[month - 1])
            rgb = draw(under)[..., :3]
            for layer in (still, draw(over)):
                alpha = layer[..., 3:] / 255.0
                rgb = layer[..., :3] * alpha + rgb * (1.0 - alpha)
            frames.append(np.clip(np.rint(rgb), 0, 255).astype(np.uint8))
    return frames


def _keys(pixels: np.ndarray) -> np.ndarray:
    """RGB pixels (``... x 3``, uint8) as one 24-bit integer each."""
    flat = pixels.reshape(-1, 3).astype(np.int32)
    return (flat[:, 0] << 16) | (flat[:, 1] << 8) | flat[:, 2]


def _palette(frames: Sequence[np.ndarray], colours: int) -> list[int]:
    """One palette for every frame (flat RGB values): the map's most common colours exactly (white, sea, land,
    ice: median cut alone would shift them, white to grey), then median cut's for the rest (routes, text edges).
    One pixel in 16 of every frame is sampled."""
    sample = np.concatenate([frame[::4, ::4].reshape(-1, 3) for frame in frames])
    values, counts = np.unique(_keys(sample), return_counts=True)
    exact = values[np.argsort(-counts, kind="stable")[: colours // 4]]
    rest = colours - len(exact)
    image = Image.fromarray(np.ascontiguousarray(sample.reshape(-1, 1, 3)))
    cut = image.quantize(colors=rest, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).getpalette() or []
    flat = [int(v) for key in exact for v in ((key >> 16) & 255, (key >> 8) & 255, key & 255)]
    return flat + list(cut[: 3 * rest])


def _paletted(frames: Sequence[np.ndarray], palette: list[int]) -> list[np.ndarray]:
    """Each frame as indices of the nearest palette colour. Exact colours stay exact (Pillow's own mapping looks
    colours up at 5-6 bits a channel and turns white into a near-white grey); each colour any frame holds is
    looked up once, through a table of all 2**24 colours (16 MB)."""
    seen = np.zeros(1 << 24, dtype=bool)
    for frame in frames:
        seen[_keys(frame)] = True
    present = np.flatnonzero(seen)
    rgb = np.stack([(present >> 16) & 255, (present >> 8) & 255, present & 255], axis=1).astype(np.int32)
    entries = np.asarray(palette, dtype=np.int32).reshape(-1, 3)
    table = np.zeros(1 << 24, dtype=np.uint8)
    for start in range(0, len(present), 4096):  # 4096 colours x the palette's entries at a time
        chunk = rgb[start : start + 4096]
        nearest = ((chunk[:, None, :] - entries[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
        table[present[start : start + 4096]] = nearest
    return [table[_keys(frame)].reshape(frame.shape[:2]) for frame in frames]


def gif_bytes(frames: Sequence[np.ndarray], colours: int = 256) -> bytes:
    """The frames as a GIF that loops forever, each shown for its :data:`MONTH_SECONDS`, with one shared palette
    of at most ``colours`` (no dithering: the map's flat colours stay flat and compress well)."""
    palette = _palette(frames, colours)
    paletted = []
    for indices in _paletted(frames, palette):
        image = Image.frombytes("P", (indices.shape[1], indices.shape[0]), indices.tobytes())
        image.putpalette(palette)
        paletted.append(image)
    buffer = io.BytesIO()
    paletted[0].save(buffer, format="GIF", save_all=True, append_images=paletted[1:], loop=0, optimize=True,
                     duration=[1000 * s for s in MONTH_SECONDS[: len(paletted)]])
    return buffer.getvalue()


def mp4_bytes(frames: Sequence[np.ndarray], crf: int = MP4_CRF[0]) -> bytes:
    """The frames as an H.264 MP4 (yuv420p, :data:`MP4_FPS` frames a second, the index at the front for the web),
    each month held for its :data:`MONTH_SECONDS`. An odd width or height loses its last column or row:
    yuv420p needs even sides. The ffmpeg binary is the one ``imageio-ffmpeg`` ships; nothing is downloaded."""
    import imageio_ffmpeg

    height, width = frames[0].shape[0] // 2 * 2, frames[0].shape[1] // 2 * 2
    with tempfile.TemporaryDirectory(prefix="arctic-routes-") as folder:
        path = Path(folder) / "ice.mp4"
        # One input frame a second, each month sent for its seconds; ffmpeg repeats them at MP4_FPS.
        writer = imageio_ffmpeg.write_frames(
            str(path), (width, height), pix_fmt_in="rgb24", pix_fmt_out="yuv420p", fps=1, quality=None,
            codec="libx264", macro_block_size=2, ffmpeg_log_level="error",
            output_params=["-crf", str(crf), "-preset", "veryfast", "-tune", "stillimage", "-r", str(MP4_FPS),
                           "-movflags", "+faststart"])
        writer.send(None)  # start ffmpeg
        for frame, seconds in zip(frames, MONTH_SECONDS):
            data = np.ascontiguousarray(frame[:height, :width])
            for _ in range(seconds):
                writer.send(data)
        writer.close()
        return path.read_bytes()


def _encode(frames: Sequence[np.ndarray], fmt: str, setting: int) -> bytes:
    return gif_bytes(frames, setting) if fmt == "gif" else mp4_bytes(frames, setting)


def build_animation(routes: gpd.GeoDataFrame, route_ids: Sequence[str], fmt: str,
                    size: tuple[int, int] = SIZES[DEFAULT_SIZE], *, unit: str = "nm", title: str = DEFAULT_TITLE,
                    subtitle: str | None = None, highlight: Collection[str] = (), notes: Sequence[Note] = (),
                    short_credit: bool = True, max_bytes: int = MAX_BYTES) -> Animation:
    """The twelve months as a ``fmt`` ("gif" or "mp4") file of at most ``max_bytes``.

    Over the limit, fewer colours (GIF: :data:`GIF_COLOURS`) or a higher CRF (MP4: :data:`MP4_CRF`) are tried,
    then the canvas shrinks by :data:`SHRINK` (drawn again at the smaller size, so its words stay sharp);
    :attr:`Animation.reductions` says which. A ValueError if nothing fits.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be gif or mp4, not {fmt!r}")
    check_frame_size(size)
    settings = GIF_COLOURS if fmt == "gif" else MP4_CRF
    width, height = size
    tried: list[str] = []
    while True:
        frames = animation_frames(routes, route_ids, (width, height), unit=unit, title=title, subtitle=subtitle,
                                  highlight=highlight, notes=notes, short_credit=short_credit)
        for setting in settings:
            data = _encode(frames, fmt, setting)
            if len(data) <= max_bytes:
                drawn = (frames[0].shape[1] // 2 * 2, frames[0].shape[0] // 2 * 2) if fmt == "mp4" else (width, height)
                reductions = [*tried]
                if setting != settings[0]:
                    what = f"{setting} colours" if fmt == "gif" else f"CRF {setting}"
                    reductions.append(f"{what} at {width}x{height} px")
                return Animation(data, fmt, drawn, float(sum(MONTH_SECONDS)), tuple(reductions))
        tried.append(f"{width}x{height} px was {len(data) / 1e6:.1f} MB even at its smallest setting")
        smaller = (round(width * SHRINK), round(height * SHRINK))
        if min(smaller) < MIN_SIDE_PX:
            raise ValueError(f"the {fmt.upper()} stays over {max_bytes / 1e6:.0f} MB even at {width}x{height} px")
        width, height = smaller


def animation_bytes(fmt: str, size: str | tuple[int, int] = DEFAULT_SIZE, route_ids: Sequence[str] | None = None,
                    unit: str = "nm") -> bytes:
    """The animation's file for a download button: ``fmt`` "gif" or "mp4", a size preset or (width, height),
    the built-in routes named (all when None). Deterministic for its arguments, so a page may cache it."""
    from arctic_routes.routes import load_routes

    routes = load_routes()
    ids = list(routes.index) if route_ids is None else list(route_ids)
    pixels = parse_size(size if isinstance(size, str) else f"{size[0]}x{size[1]}")
    return build_animation(routes, ids, fmt, pixels, unit=unit).data


def animation_alt_text(routes: gpd.GeoDataFrame, route_ids: Sequence[str], unit: str = "nm", *,
                       title: str = DEFAULT_TITLE, highlight: Collection[str] = (), notes: Sequence[Note] = ()) -> str:
    """One paragraph for screen readers: what moves (the ice, month by month), what stays (the routes), that
    the ice is the 1981-2010 median and not one year's, and its source."""
    chosen = [r for r in route_ids if r in routes.index]
    held = [f"{MONTH_NAMES[m]} {s} seconds" for m, s in enumerate(MONTH_SECONDS) if s > 1]
    timing = "one second a month" + (f", {' and '.join(held)}" if held else "")
    parts = [f"{check_title(title)}. " if title else "",
             f"An animation of twelve frames, January to December ({timing}), looping: a map seen from above the "
             "North Pole (polar stereographic projection). What moves is the white area, the median sea-ice extent "
             "of the month named in large letters in the top-left corner, over the years 1981-2010 (not one "
             "year's ice): it spreads south through the winter and draws back towards the Pole in summer"]
    if chosen:
        parts.append(". The routes stay still: " + "; ".join(route_label(routes.loc[r], unit) for r in chosen))
    if highlight:
        named = [str(routes.loc[r, "name"]) for r in chosen if r in highlight]
        if named:
            parts.append(f". Highlighted: {'; '.join(named)}; the other routes are faded")
    if notes:
        parts.append(". Notes on the map: " + "; ".join(f"“{n.text}” at {n.place}" for n in notes))
    parts.append(f". Lengths are geodesic on the WGS84 ellipsoid. {ICE_CREDIT}.")
    return "".join(parts).replace("..", ".")

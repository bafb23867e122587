"""The ice animation: twelve frames, the month named on each, the ice moving, files that play and fit the limit."""

from __future__ import annotations

import io

import imageio_ffmpeg
import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from arctic_routes.animate import (
    DEFAULT_SIZE,
    GIF_COLOURS,
    ICE_LEGEND,
    MAX_BYTES,
    MONTH_SECONDS,
    MP4_FPS,
    SHRINK,
    STAMP_LINE,
    animation_alt_text,
    animation_bytes,
    animation_figure,
    animation_frames,
    build_animation,
    gif_bytes,
)
from arctic_routes.cli import main
from arctic_routes.render import SIZES, image_figure, set_ice_month, set_stamp
from arctic_routes.seaice import MONTH_NAMES
from arctic_routes.style import ICE_COLOUR

#: A small canvas (16:9, even sides), so most tests draw quickly.
SMALL = (480, 270)
ROUTES = ["tsr-pole", "nep-coastal", "nwp-mcclure"]
MARCH, SEPTEMBER = 3, 9


@pytest.fixture(scope="module")
def small_frames(routes):
    return animation_frames(routes, ROUTES, SMALL)


@pytest.fixture(scope="module")
def small_gif(small_frames):
    return Image.open(io.BytesIO(gif_bytes(small_frames)))


def ice_pixels(rgb: np.ndarray) -> int:
    """Pixels of the ice's own colour (white, 8 levels away, is not counted)."""
    target = np.array([int(ICE_COLOUR[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(rgb.astype(int) - target).max(axis=2) <= 2).sum())


def gif_frame(gif: Image.Image, month: int) -> np.ndarray:
    gif.seek(month - 1)
    return np.asarray(gif.convert("RGB"))


def test_the_gif_has_twelve_frames_of_the_canvas_size_held_a_second_and_loops(small_gif):
    assert small_gif.n_frames == 12
    assert small_gif.size == SMALL
    assert small_gif.info["loop"] == 0  # forever
    durations = []
    for month in range(1, 13):
        small_gif.seek(month - 1)
        durations.append(small_gif.info["duration"])
    assert durations == [1000 * s for s in MONTH_SECONDS]
    assert durations[SEPTEMBER - 1] == 2000 and sum(durations) == 13_000


def test_march_has_more_ice_than_september(small_gif):
    march, september = ice_pixels(gif_frame(small_gif, MARCH)), ice_pixels(gif_frame(small_gif, SEPTEMBER))
    assert september > 1000  # the ice is there in September too
    assert march > 1.3 * september, (march, september)


def test_the_frames_differ_only_in_the_map(small_frames):
    """The title, legend and credit stay; the ice and the month's name change."""
    march, september = small_frames[MARCH - 1].astype(int), small_frames[SEPTEMBER - 1].astype(int)
    changed_rows = np.flatnonzero(np.abs(march - september).max(axis=(1, 2)) > 0)
    changed_cols = np.flatnonzero(np.abs(march - september).max(axis=(0, 2)) > 0)
    assert changed_rows.size and changed_cols.size
    width = SMALL[0]
    assert changed_cols.max() < 0.7 * width  # the legend, right of the map, is the same on both frames


def test_each_frame_names_its_month_and_says_it_is_the_1981_2010_median(routes):
    fig = animation_figure(routes, ROUTES, MARCH, SMALL)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg")
    svg = buffer.getvalue().decode()
    assert ">March<" in svg and f">{STAMP_LINE}<" in svg and "September" not in svg
    assert "1981-2010" in STAMP_LINE
    legend = " ".join(t.get_text().replace("\n", " ") for t in fig.legends[0].get_texts())
    assert ICE_LEGEND in legend and "March" not in legend  # the legend holds for every frame


def test_the_month_label_changes_between_frames(small_frames):
    """March and May differ where the month is named (the top-left corner of the map)."""
    corner = (slice(25, 60), slice(5, 60))  # pixels, inside the name's box at 480 x 270
    march, may = small_frames[MARCH - 1][corner].astype(int), small_frames[5 - 1][corner].astype(int)
    assert np.abs(march - may).max() > 100


def test_swapping_the_ice_draws_what_a_figure_of_that_month_draws(routes):
    def pixels(fig):
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        return np.asarray(canvas.buffer_rgba()).copy()

    swapped = image_figure(routes, ROUTES, size=SMALL, ice_month=SEPTEMBER, ice_legend=ICE_LEGEND)
    set_ice_month(swapped, MARCH)
    fresh = image_figure(routes, ROUTES, size=SMALL, ice_month=MARCH, ice_legend=ICE_LEGEND)
    assert np.array_equal(pixels(swapped), pixels(fresh))
    with pytest.raises(ValueError, match="without sea ice"):
        set_ice_month(image_figure(routes, ROUTES, size=SMALL), MARCH)


def test_a_frame_is_the_figure_of_its_month_drawn_whole(routes, small_frames):
    """The layers (sea and ice, what stays, the month's name) laid over one another give the figure's pixels."""
    fig = animation_figure(routes, ROUTES, SEPTEMBER, SMALL)
    canvas = FigureCanvasAgg(fig)
    for month in (MARCH, SEPTEMBER):
        set_ice_month(fig, month)
        set_stamp(fig, MONTH_NAMES[month - 1])
        canvas.draw()
        whole = np.asarray(canvas.buffer_rgba())[..., :3].astype(int)
        difference = np.abs(whole - small_frames[month - 1].astype(int))
        assert difference.max() <= 8 and difference.mean() < 0.2, (difference.max(), difference.mean())


def test_the_mp4_decodes_with_its_size_codec_and_about_twelve_seconds(routes, tmp_path):
    made = build_animation(routes, ROUTES, "mp4", (481, 271))  # an odd side loses a row or column: yuv420p
    assert made.size == SMALL and made.reductions == ()
    path = tmp_path / "ice.mp4"
    path.write_bytes(made.data)
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    frames = sum(1 for _ in reader)
    assert meta["size"] == SMALL and meta["codec"] == "h264" and meta["pix_fmt"].startswith("yuv420p")
    assert meta["fps"] == MP4_FPS
    assert 12 <= meta["duration"] <= 14 and meta["duration"] == pytest.approx(sum(MONTH_SECONDS), abs=0.1)
    assert abs(frames - sum(MONTH_SECONDS) * MP4_FPS) <= 1


@pytest.mark.parametrize("fmt", ["gif", "mp4"])
def test_the_default_preset_file_is_under_the_limit(routes, fmt):
    made = build_animation(routes, list(routes.index), fmt, SIZES[DEFAULT_SIZE])
    assert len(made.data) <= MAX_BYTES and made.reductions == ()
    assert made.data[:6] == b"GIF89a" if fmt == "gif" else made.data[4:8] == b"ftyp"
    width, height = SIZES[DEFAULT_SIZE]
    assert made.size == ((width, height) if fmt == "gif" else (width // 2 * 2, height // 2 * 2))  # even: yuv420p


def test_over_the_limit_fewer_colours_then_a_smaller_canvas(routes, small_frames):
    full, fewest = len(gif_bytes(small_frames, GIF_COLOURS[0])), len(gif_bytes(small_frames, GIF_COLOURS[-1]))
    assert fewest < full
    fewer = build_animation(routes, ROUTES, "gif", SMALL, max_bytes=fewest)
    assert len(fewer.data) <= fewest and fewer.size == SMALL
    assert any(f"{GIF_COLOURS[-1]} colours" in r or f"{GIF_COLOURS[1]} colours" in r for r in fewer.reductions)
    smaller = build_animation(routes, ROUTES, "gif", SMALL, max_bytes=fewest - 1)
    assert smaller.size == (round(SMALL[0] * SHRINK), round(SMALL[1] * SHRINK)) and len(smaller.data) < fewest
    assert "480x270 px was" in smaller.reductions[0]
    with pytest.raises(ValueError, match="stays over"):
        build_animation(routes, ROUTES, "gif", (240, 240), max_bytes=1000)  # 192 px after one shrink: too small


def test_animation_bytes_for_a_download():
    data = animation_bytes("gif", SMALL, ["tsr-pole"])
    assert data[:6] == b"GIF89a" and Image.open(io.BytesIO(data)).n_frames == 12
    with pytest.raises(ValueError):
        animation_bytes("webm", SMALL)
    with pytest.raises(ValueError):
        animation_bytes("gif", "huge")


def test_the_alt_text_says_what_moves_and_whose_ice(routes):
    alt = animation_alt_text(routes, ["tsr-pole"], "km")
    assert alt.count("\n") == 0
    for words in ("twelve frames, January to December", "September 2 seconds", "median sea-ice extent",
                  "1981-2010 (not one year's ice)", "Trans-Arctic route over the North Pole: 3,915 km", "NSIDC"):
        assert words in alt, words
    assert "Northeast Passage" not in alt


def test_cli_animate_writes_the_gif_and_its_alt_text(tmp_path, capsys):
    out = tmp_path / "ice.gif"
    assert main(["animate", "--out", str(out), "--routes", "tsr-pole", "--size", "480x270"]) == 0
    gif = Image.open(out)
    assert gif.n_frames == 12 and gif.size == SMALL
    alt = (tmp_path / "ice.alt.txt").read_text()
    assert alt.count("\n") == 1 and "Trans-Arctic route" in alt and "Route sources" in alt  # short credit
    assert "Route sources" in (tmp_path / "ice.sources.txt").read_text()
    assert "wrote" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "why"), [
    (["--out", "{tmp}/ice.webm"], "must end in .gif or .mp4"),
    (["--out", "{tmp}/no-such-folder/ice.gif"], "no such folder"),
    (["--out", "{tmp}/ice.gif", "--size", "huge"], "size must be one of"),
    (["--out", "{tmp}/ice.gif", "--size", "6000x6000"], "at most 4 million pixels"),
    (["--out", "{tmp}/ice.gif", "--routes", "nope"], "unknown route id nope"),
    (["--out", "{tmp}/ice.gif", "--highlight", "nope"], "unknown: nope"),
])
def test_cli_animate_errors_are_one_line(tmp_path, capsys, args, why):
    assert main(["animate", *(a.format(tmp=tmp_path) for a in args)]) == 2
    err = capsys.readouterr().err
    assert why in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not list(tmp_path.glob("ice.*"))

"""Static images: size, not blank, route colours present, deterministic."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from arctic_routes.captions import credit_text
from arctic_routes.cli import main
from arctic_routes.render import (
    SIZES,
    georeference,
    image_figure,
    parse_size,
    render_georeferenced,
    render_image,
)
from arctic_routes.style import ARCTIC_VOYAGE_COLOUR, FAMILY_COLOURS


def has_colour(img: Image.Image, hex_colour: str, tolerance: int = 12, min_pixels: int = 30) -> bool:
    rgb = np.asarray(img.convert("RGB"), dtype=int)
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(rgb - target).max(axis=2) <= tolerance).sum()) >= min_pixels


def svg_text(svg: bytes) -> str:
    """All the text of an SVG, its elements joined by spaces (a legend row may wrap onto several)."""
    return " ".join((t.text or "").strip() for t in ET.fromstring(svg).iter() if t.tag.endswith("text"))


@pytest.mark.parametrize("preset", sorted(SIZES))
def test_png_presets(routes, preset):
    data = render_image(routes, ["nwp-mcclure", "nep-coastal", "tsr-pole"], size=SIZES[preset])
    img = Image.open(io.BytesIO(data))
    assert img.size == SIZES[preset]
    assert np.asarray(img.convert("L")).std() > 10  # not blank
    for family in ("northwest-passage", "northeast-passage", "transpolar"):
        assert has_colour(img, FAMILY_COLOURS[family]), family


def test_only_chosen_colours(routes):
    img = Image.open(io.BytesIO(render_image(routes, ["tsr-pole"])))
    assert has_colour(img, FAMILY_COLOURS["transpolar"])
    assert not has_colour(img, FAMILY_COLOURS["northwest-passage"], min_pixels=200)


def test_svg_parses_and_contains_routes(routes):
    data = render_image(routes, ["tsr-pole", "nep-coastal"], fmt="svg", unit="km")
    root = ET.fromstring(data)
    assert root.tag.endswith("svg")
    text = data.decode()
    assert "Trans-Arctic route over the North Pole: 3,915 km" in text
    assert FAMILY_COLOURS["transpolar"].lower() in text.lower()


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_deterministic(routes, fmt):
    assert render_image(routes, ["tsr-pole"], fmt=fmt) == render_image(routes, ["tsr-pole"], fmt=fmt)


@pytest.mark.parametrize("spec", ["huge", "100x100", "9000x800", "12x", ""])
def test_bad_size(spec):
    with pytest.raises(ValueError):
        parse_size(spec)


def test_cli_render(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert main(["render", "--out", str(out), "--routes", "tsr-pole", "--size", "800x600", "--unit", "km"]) == 0
    assert Image.open(out).size == (800, 600)
    assert main(["render", "--out", str(tmp_path / "m.gif")]) == 2
    assert main(["render", "--out", str(tmp_path / "m.png"), "--size", "giant"]) == 2
    assert main(["render", "--out", str(tmp_path / "m.png"), "--routes", "nope"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 3


def test_voyages_drawn_and_listed(routes):
    from arctic_routes.navigation import assess
    from arctic_routes.voyage import compare

    september = assess(compare("Rotterdam", "Yokohama"), month=9, ship="ordinary", speed_kn=12)
    coastal = next(o for o in september.options if o.voyage.variant == "nep-coastal")
    conventional = september.conventional
    data = render_image(routes, [], fmt="svg", voyages=(coastal, conventional), speed_kn=12)
    text = svg_text(data)
    assert f"Voyage Northeast Passage, coastal (Northern Sea Route): {coastal.voyage.length_m / 1852:,.0f} nm, " \
           f"{coastal.days(12):.1f} days at 12 kn" in text
    assert coastal.days(12) > coastal.voyage.days(12)  # its miles in ice are slower
    assert "via Suez: 11," in text
    credit = credit_text(routes, [], (coastal, conventional))
    assert "SeaRoute" in credit and "TASS" in credit  # the sailed route's sources, though it is not drawn alone
    assert "SeaRoute" not in credit_text(routes, ["tsr-pole"])
    png = Image.open(io.BytesIO(render_image(routes, [], voyages=(coastal,))))
    assert has_colour(png, ARCTIC_VOYAGE_COLOUR, min_pixels=300)
    assert not has_colour(png, FAMILY_COLOURS["northeast-passage"], min_pixels=30)  # not the route's own colour


def test_cli_render_voyage(tmp_path, capsys):
    out = tmp_path / "voyage.svg"
    assert main(["render", "--out", str(out), "--routes", "none", "--voyage", "Hamburg", "CAVAN", "--speed", "16"]) == 0
    text = out.read_text()
    assert "via Panama: " in text and "days at 16 kn" in text
    # Dudinka, up the Yenisei, had no voyage; the repair file's lane now joins it to the Northern Sea Route.
    assert main(["render", "--out", str(out), "--voyage", "Dudinka", "Rotterdam"]) == 0
    assert "Northeast Passage" in out.read_text()
    capsys.readouterr()
    assert main(["render", "--out", str(out), "--voyage", "Rotterdm", "Tokyo"]) == 2
    assert "closest: Rotterdam (NLRTM)" in capsys.readouterr().err


# ------------------------------------------------------------ publication-ready

TITLE_80 = "Rotterdam to Yokohama: the Northern Sea Route in September and the other ways ro"
assert len(TITLE_80) == 80


def _voyage_september():
    from arctic_routes.navigation import assess
    from arctic_routes.voyage import compare

    found = assess(compare("Rotterdam", "Yokohama"), month=9, ship="ordinary")
    return found.to_draw(), (found.comparison.origin, found.comparison.destination), found.headline


@pytest.mark.parametrize("preset", sorted(SIZES))
def test_an_80_character_title_is_whole_in_the_svg_as_text(routes, preset):
    svg = render_image(routes, list(routes.index), size=SIZES[preset], fmt="svg", title=TITLE_80).decode()
    assert TITLE_80 in svg_text(svg.encode())  # every word, as text elements (one per line), in order
    fig = image_figure(routes, list(routes.index), size=SIZES[preset], title=TITLE_80)
    (title,) = [t for t in fig.texts if t.get_text().startswith("Rotterdam")]
    assert title.get_text().count("\n") <= 1  # at most two lines
    assert "font-family: 'DejaVu Sans', 'Helvetica Neue', 'Helvetica', 'Arial'" in svg


@pytest.mark.parametrize("preset", sorted(SIZES))
def test_the_legend_covers_no_drawn_line_and_the_credit_is_readable(routes, preset):
    drawn, ends, _ = _voyage_september()
    fig = image_figure(routes, list(routes.index), size=SIZES[preset], voyages=drawn, ends=ends, ice_month=9,
                       title=TITLE_80)
    renderer = fig.canvas.get_renderer()
    (legend,) = fig.legends
    (map_ax,) = fig.axes
    legend_box, map_box = legend.get_window_extent(renderer), map_ax.get_window_extent(renderer)
    assert not legend_box.overlaps(map_box)  # every line is drawn in the map's axes, clipped to it
    assert all(0 <= v for v in (legend_box.x0, legend_box.y0))
    assert legend_box.x1 <= fig.bbox.width + 1 and legend_box.y1 <= fig.bbox.height + 1
    labels = [t.get_text() for t in legend.get_texts()]
    assert len(labels) == len(routes) + len(drawn) + 1  # one row per route, voyage and the ice month
    credit = next(t for t in fig.texts if t.get_text().startswith("Land and country names: Natural Earth"))
    credit_px = credit.get_fontsize() * fig.dpi / 72
    assert credit_px >= 12 * min(1.0, SIZES[preset][0] / 1200)
    assert "NSIDC" in credit.get_text().replace("\n", " ") and "SeaRoute" in credit.get_text().replace("\n", " ")
    title = next(t for t in fig.texts if t.get_text().startswith("Rotterdam to Yokohama"))
    assert title.get_window_extent(renderer).x1 <= fig.bbox.width  # not clipped


def test_a_title_over_120_characters_is_refused_in_one_line(routes):
    with pytest.raises(ValueError, match="at most 120 fit"):
        render_image(routes, ["tsr-pole"], title="x" * 121)


def test_voyage_ends_are_named(routes):
    drawn, ends, _ = _voyage_september()
    svg = render_image(routes, [], fmt="svg", voyages=drawn, ends=ends).decode().replace("\n", "")
    assert ">Rotterdam<" in svg and ">Yokohama<" in svg  # both ports are in the frame, named where they lie
    murmansk = __import__("arctic_routes.ports", fromlist=["find_port"]).find_port("Murmansk")
    from arctic_routes.navigation import assess
    from arctic_routes.voyage import compare

    found = assess(compare("Murmansk", "Pevek"), month=9, ship="icebreaker")
    svg = render_image(routes, [], fmt="svg", voyages=found.to_draw(),
                       ends=(found.comparison.origin, found.comparison.destination)).decode()
    assert f">{murmansk.name}<" in svg.replace("\n", "") and ">Pevek<" in svg.replace("\n", "")


def test_cli_render_writes_alt_text(tmp_path):
    out = tmp_path / "voyage.png"
    assert main(["render", "--out", str(out), "--voyage", "Rotterdam", "Yokohama", "--month", "3",
                 "--title", "In March"]) == 0
    alt = (tmp_path / "voyage.alt.txt").read_text()
    assert alt.count("\n") == 1  # one paragraph
    for route in ("Northwest Passage via M'Clure Strait: 2,", "Trans-Arctic route over the North Pole: 2,114 nm"):
        assert route in alt
    assert "March" in alt and "not this year's ice" in alt
    assert "The fastest voyage open to a ship without ice class in March: via Suez" in alt


#: What a picture of a voyage to Asia must show: the chokepoints of the Suez voyage (lon, lat).
SUEZ, BAB_EL_MANDEB, SINGAPORE_STRAIT = (32.56, 29.93), (43.4, 12.6), (103.8, 1.2)


@pytest.mark.parametrize("ports", [("Shanghai", "Rotterdam"), ("Rotterdam", "Yokohama")])
@pytest.mark.parametrize("size", ["social", "square", "story"])
def test_the_frame_holds_both_ports_and_the_suez_voyage(routes, ports, size):
    """Both ports, Suez, Bab-el-Mandeb and the Singapore Strait lie inside the map panel (not under the legend,
    which has a panel of its own), on the world's land."""
    from arctic_routes.geodesy import to_polar
    from arctic_routes.navigation import assess
    from arctic_routes.voyage import compare

    found = assess(compare(*ports), month=9, ship="ordinary")
    ends = (found.comparison.origin, found.comparison.destination)
    fig = image_figure(routes, [], size=SIZES[size], voyages=found.to_draw(), ends=ends)
    where = georeference(fig)
    panel = fig.axes[0].get_window_extent()
    height = fig.bbox.height
    for lon, lat in [(p.lon, p.lat) for p in ends] + [SUEZ, BAB_EL_MANDEB, SINGAPORE_STRAIT]:
        x, y = to_polar(np.array([[lon, lat]]))[0]
        col, row = (x - where.x_m) / where.m_per_px, (where.y_m - y) / where.m_per_px
        assert panel.x0 + 5 < col < panel.x1 - 5 and panel.y0 + 5 < height - row < panel.y1 - 5, (ports, lon, lat)


def test_the_world_file_places_a_route_on_its_pixels(routes):
    """The PNG's world file (EPSG:3413) puts the Trans-Arctic route's midpoint on a pixel of the route's colour."""
    from arctic_routes.geodesy import geometry_lonlat, to_polar

    data, where = render_georeferenced(routes, ["tsr-pole"], size=SIZES["social"])
    lines = where.world_file().splitlines()
    assert len(lines) == 6 and float(lines[0]) == -float(lines[3]) > 0 and float(lines[1]) == float(lines[2]) == 0
    png = np.asarray(Image.open(io.BytesIO(data)).convert("RGB")).astype(int)
    lonlat = geometry_lonlat(routes.loc["tsr-pole", "geojson"])
    x, y = to_polar(lonlat[len(lonlat) // 3 : len(lonlat) // 3 + 1])[0]
    col, row = round((x - where.x_m) / where.m_per_px), round((where.y_m - y) / where.m_per_px)
    target = np.array([int(FAMILY_COLOURS["transpolar"][i : i + 2], 16) for i in (1, 3, 5)])
    patch = png[row - 2 : row + 3, col - 2 : col + 3].reshape(-1, 3)
    assert (np.abs(patch - target).max(axis=1) < 40).any(), patch


def test_the_svg_records_its_projection_and_frame(routes):
    import json
    import re

    svg = render_image(routes, ["tsr-pole"], fmt="svg").decode()
    record = json.loads(re.search(r'<metadata id="arctic-routes-georeference">(.*?)</metadata>', svg).group(1))
    png_where = render_georeferenced(routes, ["tsr-pole"])[1]
    assert record["crs"] == "EPSG:3413" and record["world_file_pixels"][0] == pytest.approx(png_where.m_per_px)
    assert record["svg_user_units"][0] == pytest.approx(png_where.m_per_px * 100 / 72)


def test_countries_and_seas_are_named_as_svg_text(routes):
    """At least six countries and seas are named on the default image, as text an editor can change."""
    from arctic_routes.places import all_places

    text = svg_text(render_image(routes, ["tsr-pole", "nep-coastal", "nwp-mcclure"], fmt="svg"))
    named = [p.name for p in all_places() if (p.name.upper() if p.kind == "country" else p.name) in text]
    assert len(named) >= 6 and {"Barents Sea", "Greenland"} <= set(named), named


def test_cli_render_writes_a_world_file_beside_the_png(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert main(["render", "--out", str(out), "--routes", "tsr-pole"]) == 0
    world = (tmp_path / "map.pgw").read_text().split()
    assert len(world) == 6 and float(world[0]) > 1000  # metres per pixel on the polar plane
    assert "world file" in capsys.readouterr().out


def test_highlight_keeps_one_route_in_colour_fades_the_others_and_leads_the_legend(routes):
    ids = ["tsr-pole", "nep-coastal", "nwp-mcclure"]
    plain = Image.open(io.BytesIO(render_image(routes, ids)))
    emphasised = Image.open(io.BytesIO(render_image(routes, ids, highlight={"nep-coastal"})))
    assert has_colour(emphasised, FAMILY_COLOURS["northeast-passage"], min_pixels=300)
    for faded in ("transpolar", "northwest-passage"):  # full colour only where the route is not muted
        assert has_colour(plain, FAMILY_COLOURS[faded], min_pixels=300)
        assert not has_colour(emphasised, FAMILY_COLOURS[faded], tolerance=8, min_pixels=150)
    (legend,) = image_figure(routes, ids, highlight={"nep-coastal"}).legends
    rows = [t.get_text().replace("\n", " ") for t in legend.get_texts()]
    assert rows[0].startswith("Northeast Passage, coastal") and len(rows) == len(ids), rows


def test_notes_are_drawn_as_typed_with_a_dot_at_their_place(routes):
    from arctic_routes.notes import parse_note

    notes = [parse_note("<b>Costs $5 vs $10</b>@Murmansk"), parse_note(r"$\foo$@75,-100")]
    svg = render_image(routes, ["tsr-pole"], fmt="svg", notes=notes).decode()
    assert "&lt;b&gt;Costs $5 vs $10&lt;/b&gt;" in svg and r"$\foo$" in svg  # text, never markup or maths
    png = render_image(routes, ["tsr-pole"], notes=notes)
    assert png != render_image(routes, ["tsr-pole"])


def test_the_frame_holds_a_note_far_from_the_routes(routes):
    from arctic_routes.geodesy import to_polar
    from arctic_routes.notes import parse_note

    note = parse_note("Suez Canal@30.5,32.3")
    fig = image_figure(routes, ["tsr-pole"], notes=[note])
    where, panel, height = georeference(fig), fig.axes[0].get_window_extent(), fig.bbox.height
    x, y = to_polar(np.array([[note.lon, note.lat]]))[0]
    col, row = (x - where.x_m) / where.m_per_px, (where.y_m - y) / where.m_per_px
    assert panel.x0 < col < panel.x1 and panel.y0 < height - row < panel.y1


def test_a_short_credit_names_the_sources_in_one_line(routes):
    from arctic_routes.captions import short_credit_text

    text = svg_text(render_image(routes, ["tsr-pole"], fmt="svg", ice_month=9, short_credit=True))
    assert short_credit_text((), 9) in text and "Route sources" not in text
    assert short_credit_text((), 9) == "Arctic Routes · Natural Earth · Marine Regions · NSIDC"


def test_cli_render_with_highlight_notes_and_a_short_credit(tmp_path, capsys):
    out = tmp_path / "story.png"
    assert main(["render", "--out", str(out), "--routes", "tsr-pole,nep-coastal", "--highlight", "nep-coastal",
                 "--note", "Record low@Tiksi", "--note", "<i>x</i>@75,-100", "--credit", "short"]) == 0
    alt = (tmp_path / "story.alt.txt").read_text()
    assert "Highlighted: Northeast Passage, coastal" in alt and "“Record low” at" in alt and "“<i>x</i>”" in alt
    assert "Sources: " in alt and "Route sources" in (tmp_path / "story.sources.txt").read_text()
    for bad, why in ((["--highlight", "nope"], "unknown: nope"), (["--note", "Hi@91,0"], "latitude"),
                     (["--note", "x" * 5000 + "@Oslo"], "5,000")):
        assert main(["render", "--out", str(out), *bad]) == 2
        err = capsys.readouterr().err
        assert why in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("typed", ["Costs $5 vs $10", r"$\foo$ and $x^2$", "50% of $ice"])
def test_what_the_user_typed_is_drawn_as_written_never_as_maths(typed):
    """Title, subtitle and a note: matplotlib's mathtext would italicise ``$5 vs $`` or raise on ``$\\foo$``."""
    from arctic_routes.notes import parse_note
    from arctic_routes.routes import load_routes

    svg = render_image(load_routes(), ["tsr-pole"], size=SIZES["social"], fmt="svg", title=typed, subtitle=typed,
                       notes=(parse_note(f"{typed}@70,0"),))
    drawn = [t for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text") if t.text == typed]
    assert len(drawn) >= 3, [t.text for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert not [t for t in drawn if "italic" in (t.get("style") or "")]  # mathtext sets $...$ in italics

"""Static images: size, not blank, route colours present, deterministic."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from arctic_routes.cli import main
from arctic_routes.render import SIZES, credit_text, parse_size, render_image
from arctic_routes.style import FAMILY_COLOURS


def has_colour(img: Image.Image, hex_colour: str, tolerance: int = 12, min_pixels: int = 30) -> bool:
    rgb = np.asarray(img.convert("RGB"), dtype=int)
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(rgb - target).max(axis=2) <= tolerance).sum()) >= min_pixels


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
    text = data.decode()
    assert f"Northeast Passage, coastal (Northern Sea Route): {coastal.voyage.length_m / 1852:,.0f} nm, " \
           f"{coastal.days(12):.1f} days at 12 kn" in text
    assert coastal.days(12) > coastal.voyage.days(12)  # its miles in ice are slower
    assert "via Suez: 11," in text
    credit = credit_text(routes, [], (coastal, conventional))
    assert "SeaRoute" in credit and "TASS" in credit  # the sailed route's sources, though it is not drawn alone
    assert "SeaRoute" not in credit_text(routes, ["tsr-pole"])
    png = Image.open(io.BytesIO(render_image(routes, [], voyages=(coastal,))))
    assert has_colour(png, FAMILY_COLOURS["northeast-passage"], min_pixels=300)


def test_cli_render_voyage(tmp_path, capsys):
    out = tmp_path / "voyage.svg"
    assert main(["render", "--out", str(out), "--routes", "none", "--voyage", "Hamburg", "CAVAN", "--speed", "16"]) == 0
    text = out.read_text()
    assert "via Panama: " in text and "days at 16 kn" in text
    assert main(["render", "--out", str(out), "--voyage", "Dudinka", "Rotterdam"]) == 2
    assert "no voyage between Dudinka and Rotterdam" in capsys.readouterr().err
    assert main(["render", "--out", str(out), "--voyage", "Rotterdm", "Tokyo"]) == 2
    assert "closest: Rotterdam (NLRTM)" in capsys.readouterr().err

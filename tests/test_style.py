"""Colours readers can tell apart and see: lines at 3:1 against what they cross, table text at 4.5:1."""

from __future__ import annotations

import pytest

from arctic_routes.style import (
    ARCTIC_VOYAGE_COLOUR,
    CONVENTIONAL_COLOUR,
    COUNTRY_NAME_COLOUR,
    FAMILY_COLOURS,
    FAMILY_TEXT_COLOURS,
    ICE_COLOUR,
    ICE_SHARE_CLASSES,
    LAND_COLOUR,
    SEA_COLOUR,
    SEA_NAME_COLOUR,
    ice_cell_css,
)


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of an sRGB colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_of_known_pairs():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", [*FAMILY_COLOURS.values(), CONVENTIONAL_COLOUR, ARCTIC_VOYAGE_COLOUR])
@pytest.mark.parametrize("background", [SEA_COLOUR, ICE_COLOUR, LAND_COLOUR])
def test_every_line_is_at_least_3_to_1_against_sea_ice_and_land(colour, background):
    assert contrast(colour, background) >= 3.0, (colour, background)


@pytest.mark.parametrize("share", [0, 10, 15, 16, 39, 40, 41, 64, 65, 66, 89, 90, 91, 100])
def test_season_cells_are_readable(share):
    css = dict(part.split(":") for part in ice_cell_css(share).split(";"))
    assert contrast(css["background-color"], css["color"]) >= 4.5


def test_season_classes_are_ordered_and_cover_every_share():
    uppers = [upper for upper, _, _ in ICE_SHARE_CLASSES]
    assert uppers == sorted(uppers) and uppers[-1] == 100.0
    assert ice_cell_css(0) != ice_cell_css(100)


@pytest.mark.parametrize("family", sorted(FAMILY_TEXT_COLOURS))
def test_family_names_are_readable_on_white_and_on_the_sidebar(family):
    for background in ("#ffffff", "#f0f2f6"):  # map boxes; Streamlit's sidebar
        assert contrast(FAMILY_TEXT_COLOURS[family], background) >= 4.5, (family, background)


@pytest.mark.parametrize("colour", [SEA_NAME_COLOUR, COUNTRY_NAME_COLOUR])
@pytest.mark.parametrize("background", [SEA_COLOUR, ICE_COLOUR, LAND_COLOUR])
def test_place_names_are_readable_on_sea_ice_and_land(colour, background):
    assert contrast(colour, background) >= 4.5, (colour, background)


def test_a_voyage_never_takes_the_colour_of_a_route():
    assert ARCTIC_VOYAGE_COLOUR not in FAMILY_COLOURS.values() and ARCTIC_VOYAGE_COLOUR != CONVENTIONAL_COLOUR

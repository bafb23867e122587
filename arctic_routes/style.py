"""How the map and the images look: colours, dash patterns, which family gets which.

Data only, plus the few rules that pick a style for a route or a voyage. Both
the interactive map (:mod:`arctic_routes.mapview`) and the images
(:mod:`arctic_routes.render`) read it, so a route looks the same in both.
Imports nothing from folium or matplotlib.
"""

from __future__ import annotations

import geopandas as gpd

from arctic_routes.model import Voyage

SEA_COLOUR = "#d5e5f1"
LAND_COLOUR = "#efeadf"
COAST_COLOUR = "#a79f8d"
GRATICULE_COLOUR = "#7d98b3"
#: Place names, quiet but legible: at least 4.5:1 on the sea, the land and the ice (tests/test_style.py).
SEA_NAME_COLOUR = "#3b5f80"
COUNTRY_NAME_COLOUR = "#62594a"
#: Sea ice: near-white over the blue sea, its edge a darker grey-blue so the ice edge reads on land too.
ICE_COLOUR = "#f7fbff"
ICE_EDGE_COLOUR = "#9fb6cc"

#: Okabe-Ito colours (safe for the common colour-vision deficiencies), one per family; each at least 3:1
#: against the sea, the ice and the land (tests/test_style.py).
FAMILY_COLOURS = {
    "northwest-passage": "#D55E00",  # vermillion
    "northeast-passage": "#0072B2",  # blue
    "transpolar": "#B0508A",  # Okabe-Ito reddish purple (#CC79A7) darkened to 3.8:1 on the sea (WCAG 1.4.11)
    "user": "#000000",
}
#: The same hues darkened for text (family names in the legend, the sidebar, labels): at least 4.5:1
#: on white and on the page's grey sidebar (WCAG 1.4.3); lines keep the brighter colours above.
FAMILY_TEXT_COLOURS = {
    "northwest-passage": "#B34700",
    "northeast-passage": "#005A8C",
    "transpolar": "#8E3A6E",
    "user": "#000000",
}
FAMILY_LABELS = {
    "northwest-passage": "Northwest Passage",
    "northeast-passage": "Northeast Passage / Northern Sea Route",
    "transpolar": "Trans-Arctic route",
    "user": "Your track",
}
#: Variants within a family are told apart by dash pattern, in data order.
DASHES = [None, "12 8", "3 7"]

def variant_index(routes: gpd.GeoDataFrame) -> dict[str, int]:
    """Each route's place among its family's variants, in data order (picks its dash pattern)."""
    seen: dict[str, int] = {}
    out = {}
    for rid, family in zip(routes.index, routes["family"]):
        out[rid] = seen.get(family, 0)
        seen[family] = out[rid] + 1
    return out


def route_dash(index: int) -> str | None:
    """The dash pattern of the ``index``-th variant of a family (None: solid)."""
    return DASHES[index % len(DASHES)]


#: A line the highlight mutes keeps its colour and dash at this opacity (map, legend and images).
MUTED_OPACITY = 0.35

#: Voyages that use no Arctic route: dark grey, told apart by dash.
CONVENTIONAL_COLOUR = "#3b3b3b"
CONVENTIONAL_DASHES = {"suez": None, "panama": "12 8", "cape-of-good-hope": "3 7", "open-sea": None}


#: Voyages through an Arctic route: a colour no route has (Okabe-Ito's bluish green, darkened to 4:1 on the
#: sea), so the voyage never reads as the route it follows; told apart by dash when two are drawn.
ARCTIC_VOYAGE_COLOUR = "#007a5e"
ARCTIC_VOYAGE_DASHES = {"northeast-passage": None, "northwest-passage": "10 6", "transpolar": "2 6"}


def voyage_style(voyage: Voyage) -> tuple[str, str | None]:
    """(colour, dash) of a voyage: green with a dash per Arctic family, else dark grey with a dash per option."""
    if voyage.is_arctic:
        return ARCTIC_VOYAGE_COLOUR, ARCTIC_VOYAGE_DASHES.get(voyage.kind)
    return CONVENTIONAL_COLOUR, CONVENTIONAL_DASHES.get(voyage.kind)


#: Season-table classes: (upper bound of the share under ice, background, text), text at 4.5:1 or more.
ICE_SHARE_CLASSES = (
    (15.0, "#f7fbff", "#111111"),  # mostly ice-free
    (40.0, "#c6dbef", "#111111"),
    (65.0, "#6baed6", "#111111"),
    (90.0, "#2171b5", "#ffffff"),
    (100.0, "#08306b", "#ffffff"),
)


def ice_cell_css(share_pct: float) -> str:
    """CSS for a season-table cell: white (ice-free) to deep blue (all ice), in five readable classes."""
    for upper, background, text in ICE_SHARE_CLASSES:
        if share_pct <= upper:
            return f"background-color:{background};color:{text}"
    return f"background-color:{ICE_SHARE_CLASSES[-1][1]};color:{ICE_SHARE_CLASSES[-1][2]}"


#: The images' size presets in pixels (width, height): :mod:`arctic_routes.render` draws them; the page lists
#: them without loading matplotlib (about 27 MB of a server's memory, only loaded when an image is drawn).
SIZES = {"social": (1200, 675), "square": (1080, 1080), "print": (2400, 1600), "story": (1080, 1920)}
#: The sea-ice chart's presets: the map's, and one a phone shows at its own width (CSS pixels, as the page's
#: phone tests use).
CHART_SIZES = {**SIZES, "phone": (390, 600)}

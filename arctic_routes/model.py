"""What flows from the data to the drawing: ports, voyages, their comparison, and the sourced facts.

Plain immutable values at the bottom of the package: :mod:`arctic_routes.ports`
makes the :class:`Port` values, :mod:`arctic_routes.voyage` the :class:`Voyage`
and :class:`Comparison` values, :mod:`arctic_routes.navigation` judges them for a
ship and a month, and the map, the images, the captions and the exports draw or
describe them. :class:`Facts` is the shape of ``arctic_routes/data/facts.json``
(:func:`arctic_routes.tables.load_facts`). This module imports nothing from the
package but the units.

Examples
--------
>>> rotterdam = Port("Rotterdam", "NLRTM", 4.4, 51.9, "Europe", "NL", "UN/LOCODE")
>>> rotterdam.label, rotterdam.key
('Rotterdam (NLRTM)', 'NLRTM')
>>> Voyage("suez", None, "via Suez", ("Suez Canal",), ((4.4, 51.9),), length_m=1852.0 * 24 * 14).days(14.0)
1.0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NotRequired, TypedDict

from arctic_routes.units import METRES_PER_NM, check_speed

#: The Arctic route families a voyage's ``kind`` may name (the others are conventional options).
ARCTIC_FAMILIES = ("northeast-passage", "northwest-passage", "transpolar")


@dataclass(frozen=True, slots=True)  # thousands of ports (all_world_ports): no __dict__ each
class Port:
    name: str
    unlocode: str | None
    lon: float
    lat: float
    region: str
    country: str
    source: str
    #: Other UN/LOCODEs and everyday names of the port (the record each comes from is in the data).
    aliases: tuple[str, ...] = ()
    #: The country's name (``country`` is its ISO 3166 code); empty for a position.
    country_name: str = ""
    #: What a share link names the port by when not its UN/LOCODE or name: ``WPI12345`` (a World Port Index
    #: port whose code is shared or missing), ``53.55,9.97`` (a position). Empty: see :attr:`key`.
    ref: str = ""
    #: A position the reader typed (``lat,lon``), not a port.
    point: bool = False

    @property
    def key(self) -> str:
        """What a share link names the port by: ``ref`` if set, else its UN/LOCODE, else its name."""
        return self.ref or self.unlocode or self.name

    @property
    def label(self) -> str:
        """``Rotterdam (NLRTM)``: how the page and the CLI name a port (unique among the ports, a position alone)."""
        return self.name if self.point or self.key == self.name else f"{self.name} ({self.key})"

    @property
    def code(self) -> str:
        """What names the port besides its name: ``NL RTM`` (its UN/LOCODE as written), ``WPI12345``, or ''."""
        if self.point:
            return ""
        if self.unlocode and self.key == self.unlocode:
            return f"{self.unlocode[:2]} {self.unlocode[2:]}"
        return "" if self.key == self.name else self.key

    @property
    def title(self) -> str:
        """``Sydney, Australia (AU SYD)``: the port with its country, as a list of ports names it."""
        where = f", {self.country_name}" if self.country_name else ""
        return f"{self.name}{where} ({self.code})" if self.code else f"{self.name}{where}"


@dataclass(frozen=True)
class Voyage:
    """One way from port to port, with its geometry and its geodesic length (metres)."""

    #: What kind of voyage: a conventional option (suez, panama, cape-of-good-hope, open-sea) or the
    #: family of the Arctic route it sails (northeast-passage, northwest-passage, transpolar).
    kind: str
    variant: str | None  # the Arctic route id (geodata/routes.geojson), "direct" for a direct Arctic crossing, None for the others
    name: str
    via: tuple[str, ...]
    coordinates: tuple[tuple[float, float], ...] = field(repr=False)
    length_m: float
    #: Geodesic length (metres) of the Arctic leg, ``arctic_span``: the part of the Arctic route sailed, and a
    #: port's way to it when the port lies inside the Arctic (not an open-sea port's ocean leg).
    arctic_length_m: float = 0.0
    #: The Arctic leg as the first and last index of its vertices in ``coordinates`` (None: no Arctic leg).
    arctic_span: tuple[int, int] | None = None

    @property
    def is_arctic(self) -> bool:
        return self.kind in ARCTIC_FAMILIES

    @property
    def arctic_coordinates(self) -> tuple[tuple[float, float], ...]:
        """The Arctic leg's vertices, a part of ``coordinates`` (empty without an Arctic leg)."""
        if self.arctic_span is None:
            return ()
        first, last = self.arctic_span
        return self.coordinates[first : last + 1]

    def days(self, speed_kn: float) -> float:
        """Days at sea at a constant ``speed_kn`` knots, ignoring ice (see :mod:`arctic_routes.navigation`)."""
        return self.length_m / METRES_PER_NM / check_speed(speed_kn) / 24.0


@dataclass(frozen=True)
class Comparison:
    origin: Port
    destination: Port
    voyages: tuple[Voyage, ...]  # shortest first
    notes: tuple[str, ...] = ()

    @property
    def conventional(self) -> Voyage | None:
        """The shortest voyage that uses no Arctic route: what the saving is measured against."""
        return min((v for v in self.voyages if not v.is_arctic), key=lambda v: v.length_m, default=None)

    def saving_pct(self, voyage: Voyage) -> float | None:
        """How much shorter ``voyage`` is than the conventional route (negative: longer)."""
        base = self.conventional
        if base is None:
            return None
        return 100.0 * (base.length_m - voyage.length_m) / base.length_m


# ---- the sourced facts (arctic_routes/data/facts.json) ---------------------------------------------


class Claim(TypedDict):
    """One claim of the news story, with its source."""

    claim: str
    source: str
    note: NotRequired[str]


class Figure(TypedDict):
    """One published count of icebreakers: the figure, what it counts, who said it."""

    figure: str
    counts: str
    source: str


class IcebreakerTopic(TypedDict):
    """A country's icebreakers: the published figures, and why they disagree."""

    topic: str
    figures: list[Figure]
    disagreement: NotRequired[str]


class TrafficSeries(TypedDict):
    """Yearly traffic as published: year -> figure (null where there is none), with its note and source."""

    values: dict[str, float | None]
    note: str
    source: str
    #: Where one year's figure comes from, when the sources differ by year.
    year_sources: NotRequired[dict[str, str]]


class ObservedSeason(TypedDict):
    """What ships did in one year: the first and last (ISO dates) of ``what`` ("transit voyage") on a route
    family, with its source."""

    family: str
    year: int
    first: str
    last: str
    what: str
    source: str


class Outlook(TypedDict):
    """One published projection of the ice, in words, with its source."""

    text: str
    source: str


class Season(TypedDict):
    """A route family's navigation season in words, with its source."""

    text: str
    source: str


class Facts(TypedDict):
    """The sourced facts shown on the page: the story, icebreakers, yearly traffic, seasons per route family, the
    seasons ships actually sailed, and the projections."""

    story: list[Claim]
    icebreakers: list[IcebreakerTopic]
    transits: dict[str, TrafficSeries]
    seasons: dict[str, Season]
    observed_seasons: list[ObservedSeason]
    outlook: list[Outlook]

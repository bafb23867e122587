"""Arctic sea-ice extent of every year, month by month: the NSIDC Sea Ice Index monthly means, and what they say.

The twelve files in ``geodata/sea-ice-index/`` (``N_MM_extent_v4.0.csv``; January ``N_01_extent_v3.0.csv``, see
its README) are read here, each into a :class:`MonthSeries`: the month's extent in million km² year by year, a
missing month (``-9999`` or a blank in the file) kept as a gap (``None``), never a zero. :func:`summarise` gives
the numbers a reader is shown (the 1981-2010 median, the record low, the latest year and how far it is from the
median) and :func:`extent_sentence` says them in one sentence; :func:`extent_alt_text` describes the chart
:mod:`arctic_routes.extent_chart` draws. A broken file is a one-line :class:`~arctic_routes.reading.RouteDataError`.

Extent is the area of ocean with at least 15 % ice concentration, in million km² (``mkm2`` in names).

Examples
--------
>>> september = load_month(9)
>>> september.value(2012), september.first_year, september.last_year, september.version
(3.57, 1979, 2025, 4)
>>> extent_sentence(9)
'In September 2025 the ice covered 4.75 million km², 27% less than the 1981-2010 median (6.51); the record low \
was 3.57 in 2012.'
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

from arctic_routes.datafiles import SEA_ICE_INDEX_FILES, geodata_file
from arctic_routes.reading import RouteDataError, read_bytes
from arctic_routes.seaice import MONTH_NAMES, check_month

#: The Sea Ice Index version every month but January comes from; an older one is named wherever it is shown.
CURRENT_VERSION = 4
#: The reference period of the median, inclusive: NSIDC's.
MEDIAN_YEARS = (1981, 2010)
#: How the files write a missing value.
MISSING = "-9999"
#: Extents outside this range (million km²) cannot be a month's Arctic mean: the file is broken.
PLAUSIBLE_MKM2 = (0.0, 25.0)
#: The NSIDC citation of each version (the data set's DOI).
CITATIONS = {
    4: "Fetterer, F., K. Knowles, W. N. Meier, M. Savoie, A. K. Windnagel and J. Stafford. 2025. Sea Ice Index, "
       "Version 4. NSIDC. doi:10.7265/a98x-0f50",
    3: "Fetterer, F., K. Knowles, W. N. Meier, M. Savoie and A. K. Windnagel. 2017, updated daily. Sea Ice Index, "
       "Version 3. NSIDC. doi:10.7265/N5K072F8",
}

_VERSION_IN_NAME = re.compile(r"_v(\d+)\.\d+\.csv$")


@dataclass(frozen=True)
class MonthSeries:
    """One calendar month's Arctic sea-ice extent, year by year, as the NSIDC file gives it.

    ``values`` holds ``(year, extent_mkm2)`` in year order, every year from the first to the last row, a year
    without a value (``-9999``, a blank or no row) as ``(year, None)``.
    """

    month: int  #: 1..12
    values: tuple[tuple[int, float | None], ...]
    version: int  #: Sea Ice Index version (4; January 3)
    source: str  #: the file read (its name)

    @property
    def month_name(self) -> str:
        return MONTH_NAMES[self.month - 1]

    @property
    def measured(self) -> tuple[tuple[int, float], ...]:
        """The years with a value, as ``(year, extent_mkm2)``."""
        return tuple((year, v) for year, v in self.values if v is not None)

    @property
    def first_year(self) -> int:
        """The first year with a value."""
        return self.measured[0][0]

    @property
    def last_year(self) -> int:
        """The last year with a value."""
        return self.measured[-1][0]

    @property
    def gaps(self) -> tuple[int, ...]:
        """The years inside the record without a value."""
        return tuple(year for year, v in self.values if v is None)

    def value(self, year: int) -> float | None:
        """The extent in ``year`` (million km²), or None for a gap or a year outside the record."""
        return dict(self.values).get(year)

    @property
    def credit(self) -> str:
        """The short credit under a chart: ``NSIDC Sea Ice Index v4``, an older version with its last year."""
        if self.version == CURRENT_VERSION:
            return f"NSIDC Sea Ice Index v{self.version}"
        return f"NSIDC Sea Ice Index v{self.version} (ends {self.last_year})"


@dataclass(frozen=True)
class ExtentSummary:
    """What a reader is told about one month's series (million km²)."""

    month: int
    median_mkm2: float  #: median of the 1981-2010 values (:data:`MEDIAN_YEARS`, gaps left out)
    record_low: tuple[int, float]  #: (year, extent_mkm2), the earliest year if two share the value
    latest: tuple[int, float]  #: (year, extent_mkm2), the last year with a value
    pct_from_median: float  #: (latest - median) / median * 100: negative when there was less ice

    @property
    def latest_is_record_low(self) -> bool:
        return self.latest[0] == self.record_low[0]


def parse_extent_csv(name: str, data: bytes, month: int, version: int) -> MonthSeries:
    """The series in an NSIDC monthly extent file's bytes, or a one-line :class:`RouteDataError` naming ``name``.

    Lines before the header (``year, mo, ..., extent, area``; a copy may start with its download URL) and blank
    lines are skipped, spaces around fields stripped; ``-9999`` or an empty extent is a gap; a year missing
    between two rows is a gap too. Every row must be ``month``'s and every year given once.

    Examples
    --------
    >>> text = b"year, mo,source_dataset, region, extent,   area\\n1987, 12, -9999, N, -9999, -9999\\n" \\
    ...        b"1988, 12, NSIDC-0051, N,  13.63,  11.99\\n"
    >>> parse_extent_csv("N_12.csv", text, 12, 4).values
    ((1987, None), (1988, 13.63))
    >>> parse_extent_csv("N_12.csv", text, 9, 4)
    Traceback (most recent call last):
    ...
    arctic_routes.reading.RouteDataError: N_12.csv: line 2: month 12, not 9 as the file's name says
    """
    month = check_month(month)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RouteDataError(name, "not text (UTF-8 expected); is it a binary file?") from None
    lines = text.splitlines()
    header_at = next((i for i, line in enumerate(lines) if line.split(",")[0].strip().lower() == "year"), None)
    if header_at is None:
        raise RouteDataError(name, "no header line (year, mo, ..., extent, area): not a Sea Ice Index monthly file")
    header = [field.strip().lower() for field in lines[header_at].split(",")]
    if "mo" not in header or "extent" not in header:
        raise RouteDataError(name, f"line {header_at + 1}: the header needs the columns mo and extent")
    mo_at, extent_at = header.index("mo"), header.index("extent")
    found: dict[int, float | None] = {}
    for number, line in enumerate(lines[header_at + 1:], start=header_at + 2):
        if not line.strip():
            continue
        fields = [field.strip() for field in line.split(",")]
        where = f"line {number}"
        if len(fields) != len(header):
            raise RouteDataError(name, f"{where}: {len(fields)} fields, the header has {len(header)}")
        year, mo = _integer(name, where, "year", fields[0]), _integer(name, where, "month", fields[mo_at])
        if not 1850 <= year <= 2200:
            raise RouteDataError(name, f"{where}: year {year} is out of range")
        if mo != month:
            raise RouteDataError(name, f"{where}: month {mo}, not {month} as the file's name says")
        if year in found:
            raise RouteDataError(name, f"{where}: year {year} is given twice")
        found[year] = _extent(name, where, fields[extent_at])
    if not any(v is not None for v in found.values()):
        raise RouteDataError(name, "no extent in the file")
    years = range(min(found), max(found) + 1)
    return MonthSeries(month=month, values=tuple((year, found.get(year)) for year in years), version=version,
                       source=name)


def _integer(name: str, where: str, what: str, field: str) -> int:
    if not field.isdigit():
        raise RouteDataError(name, f"{where}: the {what} must be a whole number, not {field[:20]!r}")
    return int(field)


def _extent(name: str, where: str, field: str) -> float | None:
    """A field of the extent column: None for a gap, else million km² in the plausible range."""
    if field in ("", MISSING):
        return None
    try:
        value = float(field)
    except ValueError:
        raise RouteDataError(name, f"{where}: extent {field[:20]!r} is not a number") from None
    low, high = PLAUSIBLE_MKM2
    if not (math.isfinite(value) and low <= value <= high):
        raise RouteDataError(name, f"{where}: extent {field[:20]} is not a month's Arctic extent in million km² "
                                   f"({low:g}-{high:g}; -9999 marks a gap)")
    return value


def read_extent_file(path: Path | str, month: int) -> MonthSeries:
    """``month``'s series from an NSIDC file (``N_MM_extent_vX.Y.csv``; the version is read from its name)."""
    name = Path(path).name
    match = _VERSION_IN_NAME.search(name)
    if not match:
        raise RouteDataError(str(path), "the name must end in _vX.Y.csv, the Sea Ice Index version")
    return parse_extent_csv(str(path), read_bytes(path), month, int(match[1]))


@lru_cache(maxsize=12)
def load_month(month: int) -> MonthSeries:
    """``month``'s series (1..12) from ``geodata/sea-ice-index/``, read once per process."""
    month = check_month(month)
    return read_extent_file(geodata_file(SEA_ICE_INDEX_FILES[month - 1]), month)


def all_months() -> tuple[MonthSeries, ...]:
    """The twelve series, January first."""
    return tuple(load_month(month) for month in range(1, 13))


def summarise(series: MonthSeries) -> ExtentSummary:
    """The 1981-2010 median, the record low, the latest year and its difference from the median.

    Examples
    --------
    >>> s = summarise(load_month(3))
    >>> s.record_low, s.latest, round(s.median_mkm2, 3)
    ((2025, 14.12), (2026, 14.13), 15.475)
    """
    first, last = MEDIAN_YEARS
    reference = [v for year, v in series.measured if first <= year <= last]
    if not reference:
        raise ValueError(f"{series.source}: no value in {first}-{last}, so no median")
    median = round(statistics.median(reference), 6)  # the mean of two 2-decimal values: exact to 3 decimals
    low = min(series.measured, key=lambda item: (item[1], item[0]))
    latest = series.measured[-1]
    return ExtentSummary(month=series.month, median_mkm2=median, record_low=low, latest=latest,
                         pct_from_median=(latest[1] - median) / median * 100.0)


def format_mkm2(value: float) -> str:
    """Million km² to two decimals, a half rounded up as a reader expects (6.505 -> "6.51").

    Examples
    --------
    >>> format_mkm2(6.505), format_mkm2(4.75), format_mkm2(0.0)
    ('6.51', '4.75', '0.00')
    """
    return str(Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _from_median(summary: ExtentSummary, *, named: bool = True) -> str:
    """"27% less than the 1981-2010 median (6.51)" (``named``) or "27% less than the median"."""
    pct = int(Decimal(repr(abs(summary.pct_from_median))).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    median = (f"the {MEDIAN_YEARS[0]}-{MEDIAN_YEARS[1]} median ({format_mkm2(summary.median_mkm2)})" if named
              else "the median")
    if pct == 0:
        return f"about {median}"
    return f"{pct}% {'less' if summary.pct_from_median < 0 else 'more'} than {median}"


def _older_version(series: MonthSeries) -> str:
    """A sentence naming an older Sea Ice Index version and where it ends, or nothing for the current one."""
    if series.version == CURRENT_VERSION:
        return ""
    return (f" {series.month_name}'s figures come from Sea Ice Index version {series.version}, which ends in "
            f"{series.last_year} here.")


def extent_sentence(month: int) -> str:
    """The month's latest extent against the 1981-2010 median and the record low, in one sentence (two for a month
    from an older version of the index, which says so).

    Examples
    --------
    >>> extent_sentence(12)
    'In December 2024 the ice covered 11.41 million km², 12% less than the 1981-2010 median (12.92): the lowest \
December on record (since 1978).'
    >>> extent_sentence(1)[-83:]
    "2018. January's figures come from Sea Ice Index version 3, which ends in 2020 here."
    """
    series = load_month(month)
    return series_sentence(series, summarise(series))


def series_sentence(series: MonthSeries, summary: ExtentSummary) -> str:
    """:func:`extent_sentence` of any series (a test's, a file of one's own)."""
    year, value = summary.latest
    words = (f"In {series.month_name} {year} the ice covered {format_mkm2(value)} million km², "
             f"{_from_median(summary)}")
    if summary.latest_is_record_low:
        words += f": the lowest {series.month_name} on record (since {series.first_year})."
    else:
        low_year, low = summary.record_low
        words += f"; the record low was {format_mkm2(low)} in {low_year}."
    return words + _older_version(series)


def extent_alt_text(series: MonthSeries) -> str:
    """The chart of :mod:`arctic_routes.extent_chart` in plain words, for a screen reader.

    Examples
    --------
    >>> print(extent_alt_text(load_month(9)))  # doctest: +NORMALIZE_WHITESPACE
    Chart of the Arctic's sea-ice extent in September, each year from 1979 to 2025, in million km² (NSIDC Sea Ice
    Index version 4). In 1979 it was 7.05. The 1981-2010 median, drawn as a dashed line, is 6.51. The record low
    was 3.57 in 2012. In 2025 it was 4.75, 27% less than the median.
    """
    summary = summarise(series)
    first_year, first_value = series.measured[0]
    low_year, low = summary.record_low
    year, value = summary.latest
    median = f"{MEDIAN_YEARS[0]}-{MEDIAN_YEARS[1]} median"
    ends = "" if series.version == CURRENT_VERSION else f", which ends in {series.last_year} here"
    words = [f"Chart of the Arctic's sea-ice extent in {series.month_name}, each year from {first_year} to {year}, "
             f"in million km² (NSIDC Sea Ice Index version {series.version}{ends}).",
             f"In {first_year} it was {format_mkm2(first_value)}.",
             f"The {median}, drawn as a dashed line, is {format_mkm2(summary.median_mkm2)}."]
    gaps = series.gaps
    if gaps:
        words.append(f"No value for {', '.join(map(str, gaps))} (a gap in the line).")
    if summary.latest_is_record_low:
        words.append(f"In {year} it was {format_mkm2(value)}, the record low, {_from_median(summary, named=False)}.")
    else:
        words.append(f"The record low was {format_mkm2(low)} in {low_year}.")
        words.append(f"In {year} it was {format_mkm2(value)}, {_from_median(summary, named=False)}.")
    return " ".join(words)


def extent_rows(series: MonthSeries) -> list[dict[str, int | float | None]]:
    """The series as rows ``{"year": 1979, "extent_mkm2": 7.05}``, a gap as ``None`` (JSON null)."""
    return [{"year": year, "extent_mkm2": value} for year, value in series.values]

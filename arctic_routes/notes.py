"""A journalist's own notes on the map: short labels at a port or at a point, written ``TEXT@PLACE``.

``PLACE`` is a port (its name, UN/LOCODE or an everyday name, as :func:`arctic_routes.ports.find_port`
reads them) or ``lat,lon`` in decimal degrees. The text is kept exactly as typed: the map escapes it
(markup is text, never HTML) and the images draw it as plain text (no mathtext). A note that cannot be
used is refused with one line saying why; the others still apply.

Examples
--------
>>> note = parse_note("Ice-free since 2007@Murmansk")
>>> note.text, note.place, round(note.lat, 1)
('Ice-free since 2007', 'RUMMK', 69.0)
>>> parse_note("Here@71.5,-120").spec
'Here@71.5,-120'
>>> parse_note("Too far south@-60,0")
Traceback (most recent call last):
...
arctic_routes.notes.NoteError: the place of a note must lie between 50°S and the Pole, not -60
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from arctic_routes.ports import UnknownPort, find_port

#: At most this many notes on one map, each at most this many characters: labels, not paragraphs.
MAX_NOTES = 10
MAX_NOTE_CHARS = 60
#: The map reaches this far south (the polar projection stretches the far south without bound).
SOUTH_LIMIT_DEG = -50.0
#: ``lat,lon`` in ASCII digits (re.ASCII: "٣,٣" is no place, not 3,3).
_LAT_LON = re.compile(r"\s*([+-]?\d+(?:\.\d+)?)\s*,\s*([+-]?\d+(?:\.\d+)?)\s*", re.ASCII)


class NoteError(ValueError):
    """A note that cannot be drawn; the message says why, in one line."""


@dataclass(frozen=True)
class Note:
    text: str  #: as typed (trimmed)
    place: str  #: the port's key (UN/LOCODE, else name), or "lat,lon" as given
    lon: float
    lat: float

    @property
    def spec(self) -> str:
        """The note as a link and the command line write it: ``TEXT@PLACE``."""
        return f"{self.text}@{self.place}"


def _shown(text: str, limit: int = 30) -> str:
    clean = "".join(c if c.isprintable() else "?" for c in text)
    return clean[:limit] + ("..." if len(clean) > limit else "")


def parse_note(spec: str) -> Note:
    """``TEXT@PLACE`` as a :class:`Note`; :class:`NoteError` (one line) if it cannot be drawn."""
    if not isinstance(spec, str) or "@" not in spec:
        raise NoteError(f"a note is TEXT@PLACE (a port, or lat,lon), not {_shown(str(spec))!r}")
    text, place = (part.strip() for part in spec.rsplit("@", 1))
    if not text:
        raise NoteError("a note needs some text before the @")
    if len(text) > MAX_NOTE_CHARS:
        raise NoteError(f"a note is at most {MAX_NOTE_CHARS} characters; this one has {len(text):,}")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text):
        raise NoteError(f"a note is one line of text, without control characters: {_shown(text)!r}")
    match = _LAT_LON.fullmatch(place)
    if match:
        lat, lon = float(match[1]) + 0.0, float(match[2]) + 0.0  # + 0.0: -0 is 0
        if not (math.isfinite(lat) and math.isfinite(lon)) or not -90.0 <= lat <= 90.0:
            raise NoteError(f"a latitude is between -90 and 90, not {match[1][:12]}")
        if not -180.0 <= lon <= 180.0:
            raise NoteError(f"a longitude is between -180 and 180, not {match[2][:12]}")
        if lat < SOUTH_LIMIT_DEG:
            raise NoteError(f"the place of a note must lie between 50°S and the Pole, not {match[1][:12]}")
        return Note(text, f"{lat:g},{lon:g}", lon, lat)
    if not place:
        raise NoteError("a note needs a place after the @: a port, or lat,lon")
    try:
        port = find_port(place)
    except UnknownPort as exc:
        raise NoteError(f"no port or lat,lon {_shown(place)!r} for a note"
                        + (f"; closest: {', '.join(exc.suggestions)}" if exc.suggestions else "")) from None
    return Note(text, port.key, port.lon, port.lat)


def parse_notes(specs: Iterable[str]) -> tuple[tuple[Note, ...], list[str]]:
    """The notes that can be drawn (at most :data:`MAX_NOTES`, each once) and a line for each refused.

    >>> notes, problems = parse_notes(["A@Murmansk", "B@91,0", "A@Murmansk"])
    >>> [n.spec for n in notes], problems
    (['A@RUMMK'], ['Ignored a note: a latitude is between -90 and 90, not 91'])
    """
    notes: list[Note] = []
    problems: list[str] = []
    for spec in specs:
        try:
            note = parse_note(spec)
        except NoteError as exc:
            problems.append(f"Ignored a note: {exc}")
            continue
        if note in notes:
            continue
        if len(notes) == MAX_NOTES:
            problems.append(f"Ignored the notes after the first {MAX_NOTES}")
            break
        notes.append(note)
    return tuple(notes), problems

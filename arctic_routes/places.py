"""The names the map writes on its countries and seas, and where (``geodata/places.geojson``).

Built by ``scripts/build_places.py``: each label point is the pole of inaccessibility of the place's
largest polygon in the map's plane, and each place carries its source. ``rank`` orders them where labels
would overlap: rank 1 (Russia, the Arctic Ocean...) is kept, rank 3 makes way.

Examples
--------
>>> names = {p.name: p for p in all_places()}
>>> names["Barents Sea"].kind, names["Russia"].kind, names["Russia"].rank
('sea', 'country', 1)
>>> all(p.source for p in all_places())
True
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from arctic_routes.datafiles import PLACES_FILE, geodata_file
from arctic_routes.geodesy import to_polar
from arctic_routes.reading import RouteDataError

PlaceKind = Literal["country", "sea"]


@dataclass(frozen=True)
class Place:
    name: str
    kind: PlaceKind
    rank: int  #: 1 is named first; a higher rank makes way where labels would overlap
    lon: float
    lat: float
    x_m: float  #: the label point in the map's plane (EPSG:3413 metres)
    y_m: float
    source: str


@lru_cache(maxsize=1)
def all_places() -> tuple[Place, ...]:
    """Every place, most important first (rank, then countries before seas, then the file's order)."""
    path = geodata_file(PLACES_FILE)
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        rows = [(f["properties"], [float(v) for v in f["geometry"]["coordinates"]]) for f in features]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RouteDataError(path.name, f"not a places file ({exc.__class__.__name__})") from None
    xy = to_polar(np.array([lonlat for _, lonlat in rows], dtype=float).reshape(-1, 2))
    places = [Place(str(p["name"]), "sea" if p["kind"] == "sea" else "country", int(p["rank"]), lonlat[0], lonlat[1],
                    float(x), float(y), str(p["source"])) for (p, lonlat), (x, y) in zip(rows, xy)]
    return tuple(sorted(places, key=lambda p: (p.rank, p.kind != "country")))

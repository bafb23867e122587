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

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import numpy as np

from arctic_routes.datafiles import PLACES_FILE
from arctic_routes.geodesy import to_polar
from arctic_routes.routes import load_points

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
    frame = load_points(PLACES_FILE, ("name", "kind", "rank", "source"))
    lonlat = np.column_stack([frame.geometry.x, frame.geometry.y])
    xy = to_polar(lonlat)
    places = [Place(str(row["name"]), "sea" if row["kind"] == "sea" else "country", int(row["rank"]), float(lon),
                    float(lat), float(x), float(y), str(row["source"]))
              for (_, row), (lon, lat), (x, y) in zip(frame.iterrows(), lonlat, xy, strict=True)]
    return tuple(sorted(places, key=lambda p: (p.rank, p.kind != "country")))

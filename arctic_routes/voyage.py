"""Port-to-port voyages: the Arctic routes against Suez, Panama and the Cape.

Open-ocean legs are shortest paths on the Eurostat SeaRoute network
(:mod:`arctic_routes.seanet`); the Arctic legs are our own validated routes,
joined at their gateways (:mod:`arctic_routes.arctic_legs`). This module puts
them together into the options a reader compares, measures each once on its
final geometry, and presents them (JSON, table rows).

Examples
--------
>>> trip = compare("Rotterdam", "Yokohama")
>>> trip.conventional.name, round(trip.conventional.length_m / 1852, -2)  # nautical miles
('via Suez', 11300.0)
>>> nsr = next(v for v in trip.voyages if v.variant == "nep-coastal")
>>> f"{trip.saving_pct(nsr):.0f} %"  # shorter on paper; whether a ship may sail it: navigation.assess
'33 %'
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

import numpy as np

from arctic_routes.arctic_legs import (
    CENTRAL_ARCTIC,
    SEA_AREA_NAMES,
    Access,
    ArcticRoute,
    access,
    arctic_routes,
    connector_limit_m,
    direct_crossing,
    inside_arctic,
    sea_areas,
    sea_snap_m,
    seas_crossed,
    stranded,
)
from arctic_routes.geodesy import geodesic_length_m, split_antimeridian
from arctic_routes.land import land_near_coast, nearest_sea, sea_land
from arctic_routes.model import Comparison, Port, Voyage
from arctic_routes.navigation import ICE_SPEED_KN, Assessment, OptionStatus, headline_key
from arctic_routes.ports import find_port
from arctic_routes.reading import JSONObject
from arctic_routes.seanet import (
    APPROACH_M,
    ARCTIC,
    CAPE,
    INTEROCEAN,
    OPEN_SEA,
    PANAMA,
    PASSAGE_NAMES,
    SUEZ,
    clear_search_cache,
    drop_repeats,
    edge_tags,
    graph,
    ocean_leg,
    snap_node,
)
from arctic_routes.units import METRES_PER_KM, METRES_PER_NM, convert_m

#: A row of :func:`options_rows`: its keys name the unit (``length_nm``, ``ice_km``), so values stay untyped.
OptionRow = dict[str, Any]

#: Option name -> passage it must use (None: none of them).
CONVENTIONAL = {
    SUEZ: SUEZ,
    PANAMA: PANAMA,
    CAPE: CAPE,
    OPEN_SEA: None,
}

#: Options longer than this multiple of the conventional route are left out:
#: nobody sails Rotterdam to Singapore through Panama.
SENSIBLE_FACTOR = 1.5


def _arctic_name(route: ArcticRoute, whole: bool, a: Access, b: Access, along_m: float) -> str:
    """``route``'s name (", in part" unless sailed whole); both routes', in the order sailed, when an end's way
    to it sails farther along another route than the voyage does along ``route`` (near the Pole to the Beaufort
    Sea: down the Trans-Arctic route to the Bering Strait, then up the Northwest Passage)."""
    other = max((a, b), key=lambda x: x.along_m)
    if other.along_m <= along_m:
        return route.name if whole else f"{route.name}, in part"
    names = (n for n in (a.along, route.name, b.along) if n)
    return f"{' and '.join(dict.fromkeys(names))}, in part"


def _arctic_voyage(origin: Port, destination: Port, route: ArcticRoute) -> Voyage | None:
    best: tuple[float, Access, Access] | None = None
    for a in access(origin, route):
        for b in access(destination, route):
            if a.index == b.index:
                continue  # both ends at the same gateway: the route is not used
            along = abs(route.cumulative_m[b.index] - route.cumulative_m[a.index])
            total = a.length_m + along + b.length_m
            if best is None or total < best[0]:
                best = (total, a, b)
    if best is None:
        return None
    _, a, b = best
    arctic = route.slice(a.index, b.index)
    coords = drop_repeats(np.vstack([a.leg.coordinates, arctic, b.leg.coordinates[::-1]]))
    # The Arctic leg in the final line: the route sailed, and a port's way to it when that lies in the Arctic
    # too; an open-sea port's ocean leg is not (drop_repeats keeps a prefix's vertices where they were).
    first = 0 if a.inside else len(drop_repeats(np.vstack([a.leg.coordinates, arctic[:1]]))) - 1
    last = len(coords) - 1 if b.inside else len(drop_repeats(np.vstack([a.leg.coordinates, arctic]))) - 1
    whole = {a.index, b.index} == {0, len(route.coordinates) - 1}
    if whole:
        passes = list(route.via if b.index > a.index else route.via[::-1])
    else:
        passes = route.passes(a.index, b.index)
    via = [PASSAGE_NAMES.get(t, t) for t in a.leg.tags] + passes
    via += [PASSAGE_NAMES.get(t, t) for t in reversed(b.leg.tags)]
    return Voyage(
        kind=route.family,
        variant=route.id,
        name=_arctic_name(route, whole, a, b, float(abs(route.cumulative_m[b.index] - route.cumulative_m[a.index]))),
        via=tuple(dict.fromkeys(via)),
        coordinates=tuple(map(tuple, coords.tolist())),
        length_m=geodesic_length_m(coords),
        arctic_length_m=geodesic_length_m(coords[first : last + 1]),
        arctic_span=(first, last),
    )


#: A straight line between two ends inside the Arctic, across the central Arctic Ocean: judged by the
#: Trans-Arctic route's rules (navigation.RULES), drawn in that family's style.
DIRECT_FAMILY = "transpolar"
DIRECT_VARIANT = "direct"
DIRECT_NAME = "Direct across the Arctic Ocean"
#: A direct crossing is offered only if it is at least this share shorter than every Arctic option: a line
#: hardly shorter than a way along a route would repeat that voyage under stricter rules.
DIRECT_MIN_SAVING = 0.05


def _direct_voyage(origin: Port, destination: Port, arctic: list[Voyage]) -> Voyage | None:
    """The geodesic across the central Arctic between two ends inside the Arctic, if it stays at sea and
    saves :data:`DIRECT_MIN_SAVING` on every voyage of ``arctic``; else None.

    Both ends must lie inside the area the routes serve (:func:`~arctic_routes.arctic_legs.inside_arctic`),
    the line at sea as a connector (:func:`~arctic_routes.arctic_legs.direct_crossing`), and through the
    central Arctic: a line along one coast (Utqiagvik to Prudhoe Bay) is no crossing of the Arctic Ocean, and
    the Trans-Arctic rules would not fit it. The whole line is the Arctic leg.
    """
    if not (inside_arctic(origin) and inside_arctic(destination)):
        return None
    line = direct_crossing(origin, destination)
    if line is None:
        return None
    seas = seas_crossed(line)
    length_m = geodesic_length_m(line)
    if CENTRAL_ARCTIC not in seas or any(v.length_m * (1.0 - DIRECT_MIN_SAVING) < length_m for v in arctic):
        return None
    return Voyage(
        kind=DIRECT_FAMILY,
        variant=DIRECT_VARIANT,
        name=DIRECT_NAME,
        via=tuple(SEA_AREA_NAMES.get(s, s) for s in seas),
        coordinates=tuple(map(tuple, line.tolist())),
        length_m=length_m,
        arctic_length_m=length_m,
        arctic_span=(0, len(line) - 1),
    )


def _conventional_voyage(origin: Port, destination: Port, option: str) -> Voyage | None:
    must_use = CONVENTIONAL[option]
    blocked = INTEROCEAN - {must_use} if must_use else INTEROCEAN
    leg = ocean_leg((origin.lon, origin.lat), (destination.lon, destination.lat), blocked,
                    sea_snap_m(destination), sea_snap_m(origin))
    if leg is None or (must_use and must_use not in leg.tags):
        return None
    names = {SUEZ: "via Suez", PANAMA: "via Panama", CAPE: "via the Cape of Good Hope", OPEN_SEA: "open sea"}
    return Voyage(
        kind=option,
        variant=None,
        name=names[option],
        via=tuple(PASSAGE_NAMES.get(t, t) for t in leg.tags),
        coordinates=tuple(map(tuple, leg.coordinates.tolist())),
        length_m=leg.length_m,
    )


# ----------------------------------------------------------------- the ends at sea

#: An end on land (in the package's coastline data) this close to the sea is moved there, with a notice:
#: a coastline's imprecision, or a town's position inland of its quays.
MAX_NUDGE_M = 10_000.0


def end_at_sea(end: Port) -> tuple[Port, str | None]:
    """The end a voyage starts or ends at, and a notice if it was moved; refuses an end far inland.

    An end at sea (:func:`arctic_routes.land.nearest_sea`) is kept, and so is one on a river or lake the sea
    network sails (a node within :data:`MAX_NUDGE_M`; for a named port, within
    :data:`arctic_routes.seanet.APPROACH_M`: Montreal, Duluth, Dudinka). Else an end on land within
    :data:`MAX_NUDGE_M` of the sea is moved to the nearest water, with a notice; farther, it is refused with a
    one-line :class:`ValueError` naming the distance to the sea.

    Examples
    --------
    >>> end_at_sea(Port("53.00,10.00", None, 10.0, 53.0, "", "", "a point", point=True))
    Traceback (most recent call last):
    ...
    ValueError: 53.00,10.00 is on land, 62 km from the nearest sea; give a point at sea
    >>> moved, notice = end_at_sea(Port("60.39,5.33", None, 5.33, 60.39, "", "", "a point", point=True))
    >>> notice
    '60.39,5.33 is on land in our coastline data (2 km from the sea): the voyage starts or ends at the nearest water, 60.40,5.29.'
    """
    distance_m, (lon, lat) = nearest_sea(end.lon, end.lat)
    if distance_m == 0.0:
        return end, None
    waterway_m = MAX_NUDGE_M if getattr(end, "point", False) else APPROACH_M
    if snap_node(end.lon, end.lat, INTEROCEAN - {ARCTIC}, waterway_m) is not None:
        return end, None  # up a river or on a lake the network sails (Arctic lanes included)
    if distance_m > MAX_NUDGE_M:
        raise ValueError(f"{end.label} is on land, {distance_m / METRES_PER_KM:.0f} km from the nearest sea; "
                         "give a point at sea")
    notice = (f"{end.label} is on land in our coastline data ({distance_m / METRES_PER_KM:.0f} km from the sea): "
              f"the voyage starts or ends at the nearest water, {lat:.2f},{lon:.2f}.")
    return replace(end, lon=lon, lat=lat), notice


# ----------------------------------------------------------------- compare


def compare(origin: Port | str, destination: Port | str) -> Comparison:
    """Every sensible voyage from ``origin`` to ``destination``, shortest first.

    Ports may be given by name or UN/LOCODE. The result is cached and shared:
    it is immutable, and nothing a caller does changes what another sees.
    """
    o = origin if isinstance(origin, Port) else find_port(origin)
    d = destination if isinstance(destination, Port) else find_port(destination)
    return _compare(o, d)


@lru_cache(maxsize=64)  # about 1 MB a comparison (vertex tuples); one costs ~20 ms to redo
def _compare(origin: Port, destination: Port) -> Comparison:
    if (origin.lon, origin.lat) == (destination.lon, destination.lat):
        raise ValueError(f"{origin.label} is both the origin and the destination")
    (origin, moved_from), (destination, moved_to) = end_at_sea(origin), end_at_sea(destination)
    if (origin.lon, origin.lat) == (destination.lon, destination.lat):
        raise ValueError(f"{origin.label} and {destination.label} are the same point at sea")
    voyages = [v for opt in CONVENTIONAL if (v := _conventional_voyage(origin, destination, opt))]
    for route in arctic_routes():
        v = _arctic_voyage(origin, destination, route)
        # Variants that share the part sailed (Utqiagvik to Prudhoe Bay) are one voyage: keep the first.
        if v and all(u.coordinates != v.coordinates for u in voyages):
            voyages.append(v)
    direct = _direct_voyage(origin, destination, [v for v in voyages if v.is_arctic])
    if direct is not None:
        voyages.append(direct)
    notes = [n for n in (moved_from, moved_to) if n]
    notes += [
        f"{p.name} is off the open-sea network and over {connector_limit_m(p) / 1000:,.0f} km of open water from "
        f"every Arctic route{'' if p.point else ' (a river or bay port)'}: no voyage to or from it in our data."
        for p in (origin, destination)
        if stranded(p)
    ]
    if not voyages and not notes:
        notes.append(f"No voyage joins {origin.name} and {destination.name} in our data: they are on "
                     "different Arctic routes that share no gateway.")
    conventional = [v for v in voyages if not v.is_arctic]
    if conventional:
        limit = SENSIBLE_FACTOR * min(v.length_m for v in conventional)
    elif voyages:
        # Measured against the ways along the routes: a direct crossing, for icebreakers in summer only, must not
        # leave out the Northern Sea Route an ordinary ship may sail in September.
        along = [v for v in voyages if v is not direct] or voyages
        limit = SENSIBLE_FACTOR * min(v.length_m for v in along)
        notes.append("No voyage avoids the Arctic: there is no conventional route to compare with.")
    else:
        limit = 0.0
    dropped = [v.name for v in voyages if v.length_m > limit]
    if dropped:
        against = ("the conventional length" if conventional
                   else "the shortest length along the routes" if direct else "the shortest length")
        notes.append(f"Left out as more than {SENSIBLE_FACTOR:g} times {against}: {', '.join(dropped)}.")
    kept = sorted((v for v in voyages if v.length_m <= limit), key=lambda v: v.length_m)
    return Comparison(origin, destination, tuple(kept), tuple(notes))


def warm_up() -> None:
    """Load the sea network, the routes and the land checks (about 4 s) before a comparison needs them."""
    arctic_routes()
    edge_tags()
    land_near_coast()
    sea_land()
    sea_areas()
    for passage in CONVENTIONAL.values():
        graph(INTEROCEAN - {passage} if passage else INTEROCEAN)


def clear_cache() -> None:
    """Forget computed comparisons and searches (the network itself stays loaded)."""
    _compare.cache_clear()
    clear_search_cache()


def as_json(assessment: Assessment) -> JSONObject:
    """The CLI's JSON: ``{"from", "to", "month", "ship", "speed_kn", "headline", "options": [...], "notes"}``.

    ``headline`` is the fastest option open to that ship in that month: an Arctic option's ``variant``,
    or a conventional option's ``route``; every option carries ``ice_nm`` (ice along the whole voyage),
    ``arctic_ice_nm`` (along its Arctic leg only, what the ice rules weigh), ``open`` and ``why``. ``days`` is
    null for an option not open to that ship in that month: it has no sailing time.
    """
    comparison = assessment.comparison

    def port(p: Port) -> JSONObject:
        return {"name": p.name, "unlocode": p.unlocode, "lon": p.lon, "lat": p.lat}

    return {
        "from": port(comparison.origin),
        "to": port(comparison.destination),
        "month": assessment.month,
        "ship": assessment.ship,
        "speed_kn": assessment.speed_kn,
        "ice_speed_kn": ICE_SPEED_KN,
        "headline": headline_key(assessment.headline),
        "options": [option_properties(assessment, o) for o in assessment.options],
        "notes": list(comparison.notes),
    }


def option_properties(assessment: Assessment, option: OptionStatus) -> JSONObject:
    """One option as JSON-ready properties (the CLI's JSON options and its GeoJSON features)."""
    v = option.voyage
    saving = assessment.comparison.saving_pct(v)
    days = option.days(assessment.speed_kn)
    return {
        "route": v.kind,
        "variant": v.variant,
        "name": v.name,
        "via": list(v.via),
        "length_nm": round(v.length_m / METRES_PER_NM, 1),
        "length_km": round(v.length_m / METRES_PER_KM, 1),
        "arctic_length_nm": round(v.arctic_length_m / METRES_PER_NM, 1),
        "ice_nm": round(option.ice_m / METRES_PER_NM, 1),
        "arctic_ice_nm": round(option.arctic_ice_m / METRES_PER_NM, 1),
        "open": option.open,
        "why": option.why,
        "days": None if days is None else round(days, 2),
        "saving_pct": None if saving is None else round(saving, 1),
        "rule_source": option.rule_source,
    }


def as_geojson(assessment: Assessment) -> JSONObject:
    """One FeatureCollection, one LineString (split at 180 deg) per option, properties as in :func:`as_json`."""
    top = {k: v for k, v in as_json(assessment).items() if k != "options"}
    features = [
        {"type": "Feature", "properties": option_properties(assessment, o),
         "geometry": split_antimeridian(o.voyage.coordinates)}
        for o in assessment.options
    ]
    return {"type": "FeatureCollection", "properties": top, "features": features}


def options_rows(assessment: Assessment, unit: str) -> list[OptionRow]:
    """One row per option for a table: name, via, length in ``unit``, ice, days, saving, open, why (unrounded).

    ``ice_<unit>`` is the ice along the whole voyage, ``arctic_ice_<unit>`` along its Arctic leg only; ``days``
    is None for an option not open to the ship in that month (it has no sailing time).
    """
    comparison = assessment.comparison
    return [
        {
            "voyage": o.voyage.name,
            "via": ", ".join(o.voyage.via) or "open sea",
            f"length_{unit}": convert_m(o.voyage.length_m, unit),
            f"ice_{unit}": convert_m(o.ice_m, unit),
            f"arctic_ice_{unit}": convert_m(o.arctic_ice_m, unit),
            "days": o.days(assessment.speed_kn),
            "saving_pct": comparison.saving_pct(o.voyage),
            "open": o.open,
            "why": o.why or "",
        }
        for o in assessment.options
    ]

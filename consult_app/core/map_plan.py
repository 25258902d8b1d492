"""The plan and its injection points kept in step (issue 18), for the plan step's map.

Points are JSON-ready dicts ``{"region", "area", "side", "units", "x", "y"}`` as the draft keeps
them (``extra.map_points``) and as an administration's points are written. Pure functions:

* :func:`initial_points`: the usual points of the indications for the planned areas;
* :func:`plan_from_points`: the planned units per area and side that the points add up to;
* :func:`spread_units`: the grid changed an area's units: share them over its points again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from consult_app.core.diagrams import SIZE, Diagrams, default_points
from consult_app.core.protocol import Protocol
from consult_app.core.sides import LEFT, MIDLINE, RIGHT, Sides, entry_sides, entry_total

__all__ = ["given_points", "initial_points", "plan_from_points", "point_dict", "spread_units"]

Point = dict[str, Any]


def point_dict(region: str, area: str, side: str, units: float, x: float, y: float) -> Point:
    """Return a point as the draft stores it (coordinates rounded to 0.001)."""
    return {
        "region": region,
        "area": area,
        "side": side,
        "units": units,
        "x": round(x, 3),
        "y": round(y, 3),
    }


def _sides_of(protocol: Protocol, plan: Mapping[str, Any]) -> dict[str, Sides]:
    return {a: entry_sides(v) for a, v in plan.items() if a in protocol.areas}


def initial_points(
    diagrams: Diagrams, protocol: Protocol, indications: Iterable[str], plan: Mapping[str, Any]
) -> list[Point]:
    """Return the usual points for the planned areas, the plan's units shared over them."""
    totals = {a: entry_total(v) for a, v in plan.items() if a in protocol.areas}
    return [
        point_dict(p.region, p.area, p.side, p.units, p.x or 0.0, p.y or 0.0)
        for p in default_points(diagrams, protocol, indications, totals, _sides_of(protocol, plan))
    ]


def plan_from_points(
    protocol: Protocol, points: Sequence[Point], plan: Mapping[str, Any]
) -> dict[str, Any]:
    """Return the plan with every area that has points set to what its points add up to.

    A bilateral area becomes ``{"left": L, "right": R}``; a midline one a number. Areas without
    points keep their units; the plan's order is kept, new areas come last.
    """
    given: dict[str, dict[str, float]] = {}
    for p in points:
        sides = given.setdefault(p["area"], {})
        sides[p["side"]] = sides.get(p["side"], 0.0) + float(p["units"])
    result = dict(plan)
    for area, raw in given.items():
        sides = {side: round(units, 2) for side, units in raw.items()}  # float noise only
        if protocol.areas[area].bilateral:
            result[area] = {LEFT: sides.get(LEFT, 0.0), RIGHT: sides.get(RIGHT, 0.0)}
        else:
            result[area] = sides.get(MIDLINE, 0.0)
    return result


def spread_units(
    diagrams: Diagrams,
    protocol: Protocol,
    indications: Iterable[str],
    points: Sequence[Point],
    area: str,
    value: Any,
) -> list[Point]:
    """Return the points after the grid set an area's units (a number or left/right).

    Each side's units are shared evenly over that side's points; a side with units and no point
    gets the usual points of the pattern (or one point in the middle of its zone); a side set to
    0, or an area removed (``value`` None), loses its points.
    """
    kept = [p for p in points if p["area"] != area]
    if value is None:
        return kept
    wanted = (
        {MIDLINE: entry_total(value)}
        if not protocol.areas[area].bilateral
        else {LEFT: entry_sides(value).left, RIGHT: entry_sides(value).right}
    )
    mine = [p for p in points if p["area"] == area]
    region = protocol.areas[area].region
    diagram = diagrams.regions.get(region)
    out = list(kept)
    for side, units in wanted.items():
        if units <= 0:
            continue
        spots = [dict(p) for p in mine if p["side"] == side]
        if not spots:
            spots = [
                p
                for p in initial_points(diagrams, protocol, indications, {area: value})
                if p["side"] == side
            ]
        if not spots and diagram is not None:
            zone = next((z for z in diagram.zones if z.area == area and z.side == side), None)
            if zone is not None:
                cx, cy = zone.shape.centre()
                spots = [point_dict(region, area, side, units, cx / SIZE, cy / SIZE)]
        for spot in spots:
            spot["units"] = units / len(spots)
        out += spots
    return out


def given_points(protocol: Protocol, payload: Mapping[str, Any]) -> list[Point]:
    """Return the points a sealed administration gave, as map points (``Repeat last treatment``).

    Points without a position on the map get the middle of their zone's region drawing
    (0.5, 0.5) only when that lies on their zone; otherwise they are left out of the map (their
    units still count in :func:`plan_from_points` through the caller's plan).
    """
    out: list[Point] = []
    for item in payload.get("points") or []:
        if not isinstance(item, Mapping) or item.get("area") not in protocol.areas:
            continue
        if not isinstance(item.get("x"), int | float) or not isinstance(item.get("y"), int | float):
            continue
        area = str(item["area"])
        out.append(
            point_dict(
                protocol.areas[area].region,
                area,
                str(item.get("side") or MIDLINE),
                float(item.get("units") or 0),
                float(item["x"]),
                float(item["y"]),
            )
        )
    return out

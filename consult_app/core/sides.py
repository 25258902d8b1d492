"""Sides of the body: units per area and side (case-format 1.1, "Sides").

Every protocol area is ``bilateral`` or ``midline``. For a bilateral area a case file's
``plan.AREA`` is either a number (the total over both sides, split evenly) or
``{"left": U, "right": U}`` (either may be 0, as in a one-sided cervical dystonia); a midline area
takes a number only. :class:`Sides` holds the two halves; :func:`side_units` gives the units per
side of any planned area, so every screen and document shows the same split.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from consult_app.core.errors import CaseError
from consult_app.core.protocol import Protocol

__all__ = [
    "LEFT",
    "MIDLINE",
    "RIGHT",
    "SIDES",
    "Sides",
    "entry_sides",
    "entry_total",
    "is_half_units",
    "parse_plan_entry",
    "plan_entry_json",
    "side_units",
    "sides_allowed",
]

LEFT: Final = "left"
RIGHT: Final = "right"
MIDLINE: Final = "midline"
SIDES: Final = (LEFT, RIGHT, MIDLINE)
"""The sides a point or a planned amount can be on (the patient's own left and right)."""


@dataclass(frozen=True, slots=True)
class Sides:
    """Units of a bilateral area on each side (the patient's left and right).

    Attributes:
        left: units on the patient's left (0 or more).
        right: units on the patient's right (0 or more).
    """

    left: float
    right: float

    @property
    def total(self) -> float:
        """Both sides together."""
        return self.left + self.right


def sides_allowed(protocol: Protocol, area: str) -> tuple[str, ...]:
    """Return the sides an area can be treated on: left and right, or midline only."""
    return (LEFT, RIGHT) if protocol.areas[area].bilateral else (MIDLINE,)


def _side_number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise CaseError(f"{path}: expected a number")
    units = float(value)
    if units < 0:
        raise CaseError(f"{path}: must not be negative (got {value})")
    if units * 2 != math.floor(units * 2):
        raise CaseError(f"{path}: {value} is not a whole or half unit")
    return units


def parse_plan_entry(
    protocol: Protocol, area: str, value: Any, path: str
) -> tuple[float, Sides | None]:
    """Read one ``plan.AREA`` value that is a ``{"left", "right"}`` object.

    Args:
        protocol: the protocol (the area must exist).
        area: the area ID.
        value: the JSON object.
        path: the field's path for messages (``plan.sternocleidomastoid``).

    Returns:
        (total units, the sides as given).

    Raises:
        CaseError: naming the field: a midline area given sides, an unknown key, a side that is
            not a whole or half number of units, or both sides 0.
    """
    if not protocol.areas[area].bilateral:
        raise CaseError(
            f"{path}: {area} is a midline area: give its units as a number, not left/right"
        )
    if not isinstance(value, dict):
        raise CaseError(f'{path}: expected a number or {{"left": U, "right": U}}')
    for key in value:
        if key not in (LEFT, RIGHT):
            raise CaseError(f"{path}.{key}: unknown field (expected left and right)")
    left, right = (
        _side_number(0 if value.get(side) is None else value[side], f"{path}.{side}")
        for side in (LEFT, RIGHT)
    )
    sides = Sides(left, right)
    if sides.total <= 0:
        raise CaseError(f"{path}: must be positive (both sides are 0)")
    return sides.total, sides


def side_units(
    protocol: Protocol, area: str, total: float, given: Mapping[str, Sides] | None = None
) -> tuple[tuple[str, float], ...]:
    """Return the units of a planned area per side.

    Args:
        protocol: the protocol.
        area: the area ID.
        total: its planned total.
        given: the sides given explicitly (``Consultation.plan_sides``).

    Returns:
        ``(("left", L), ("right", R))`` for a bilateral area (an even split unless given),
        ``(("midline", total),)`` for a midline one.
    """
    if not protocol.areas[area].bilateral:
        return ((MIDLINE, total),)
    sides = (given or {}).get(area)
    if sides is None:
        sides = Sides(total / 2, total / 2)
    return ((LEFT, sides.left), (RIGHT, sides.right))


def plan_entry_json(units: float, sides: Sides | None) -> Any:
    """Return a plan value as a case file writes it: a number, or the two sides."""

    def num(value: float) -> int | float:
        return int(value) if float(value).is_integer() else value

    if sides is None:
        return num(units)
    return {LEFT: num(sides.left), RIGHT: num(sides.right)}


def entry_total(value: Any) -> float:
    """Return the total of a draft's plan value (a number or left/right); 0 when unreadable.

    For the GUI, which holds the plan as case-file JSON while it is being typed.
    """
    if isinstance(value, dict):
        return sum(entry_total(value.get(side)) for side in (LEFT, RIGHT))
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return 0.0
    return float(value)


def entry_sides(value: Any) -> Sides:
    """Return the units per side of a draft's plan value (a number splits evenly)."""
    if isinstance(value, dict):
        return Sides(entry_total(value.get(LEFT)), entry_total(value.get(RIGHT)))
    total = entry_total(value)
    return Sides(total / 2, total / 2)


def is_half_units(value: Any) -> bool:
    """True when a draft's plan value (and each of its sides) is in whole or half units."""
    parts = [value.get(LEFT), value.get(RIGHT)] if isinstance(value, dict) else [value]
    return all(entry_total(p) * 2 == math.floor(entry_total(p) * 2) for p in parts)

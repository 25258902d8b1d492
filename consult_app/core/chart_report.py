"""Chart wording for the documents: units per side, per area and in total (case-format 1.1).

Pure helpers used by ``core.reports``: they turn plan lines (and, when recorded, what was
actually given) into already-resolved strings in the document's language, with fixed wording
from the ``[chart]`` section of ``resources/labels/documents.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable

from consult_app.core.labels import Labels, fill
from consult_app.core.plan import PlanLine
from consult_app.core.screening import format_units
from consult_app.core.sides import LEFT, MIDLINE, RIGHT

__all__ = ["area_lines", "sides_text"]


def sides_text(sides: Iterable[tuple[str, float]], labels: Labels, lang: str) -> str:
    """Return ``10 U left, 10 U right`` for a bilateral area, ``Midline`` for a midline one."""
    units = dict(sides)
    if MIDLINE in units or not units:
        return labels.get("chart", "midline", lang)
    return fill(
        labels.get("chart", "sides_value", lang),
        left=format_units(units.get(LEFT, 0.0), lang),
        right=format_units(units.get(RIGHT, 0.0), lang),
    )


def area_lines(
    lines: Iterable[tuple[str, float, Iterable[tuple[str, float]]]],
    labels: Labels,
    lang: str,
) -> tuple[str, ...]:
    """Return one line per area (``Frontalis: 20 U (10 U left, 10 U right)``) and the total.

    Args:
        lines: (area name, units, units per side) per area.
        labels: the document labels.
        lang: the document's language.

    Returns:
        The area lines, then ``Total: N U``.
    """
    out: list[str] = []
    total = 0.0
    for name, units, sides in lines:
        total += units
        per_side = dict(sides)
        if MIDLINE in per_side or not per_side:
            out.append(
                fill(
                    labels.get("chart", "area_line", lang),
                    area=name,
                    units=format_units(units, lang),
                )
            )
        elif per_side.get(LEFT) == per_side.get(RIGHT):
            out.append(
                fill(
                    labels.get("chart", "area_each_side_line", lang),
                    area=name,
                    units=format_units(units, lang),
                    side=format_units(per_side[LEFT], lang),
                )
            )
        else:
            out.append(
                fill(
                    labels.get("chart", "area_sides_line", lang),
                    area=name,
                    units=format_units(units, lang),
                    left=format_units(per_side.get(LEFT, 0.0), lang),
                    right=format_units(per_side.get(RIGHT, 0.0), lang),
                )
            )
    out.append(fill(labels.get("chart", "total_line", lang), units=format_units(total, lang)))
    return tuple(out)


def plan_area_lines(
    plan_lines: Iterable[PlanLine], names: dict[str, str], labels: Labels, lang: str
) -> tuple[str, ...]:
    """Return :func:`area_lines` for the planned areas."""
    return area_lines(((names[x.area], x.units, x.sides) for x in plan_lines), labels, lang)

"""Chart wording for the documents: units per side, per area and in total (case-format 1.1).

Pure helpers used by ``core.reports``: they turn plan lines (and, when recorded, what was
actually given) into already-resolved strings in the document's language, with fixed wording
from the ``[chart]`` section of ``resources/labels/documents.toml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from consult_app.core.administration import compare, given_by_area
from consult_app.core.chart_model import AdministrationRecord, ChartTable, MapPoint, RegionMap
from consult_app.core.consultation import Decision
from consult_app.core.diagrams import Diagrams
from consult_app.core.labels import Labels, fill
from consult_app.core.plan import PlanLine
from consult_app.core.report_model import LabeledValue
from consult_app.core.screening import format_units
from consult_app.core.sides import LEFT, MIDLINE, RIGHT
from consult_app.core.usecase import Evaluation

__all__ = [
    "administration_record",
    "area_lines",
    "decision_text",
    "plan_area_lines",
    "region_maps",
    "sheet_area_lines",
    "sides_text",
]


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


def _diff(value: float, lang: str) -> str:
    if value == 0:
        return "0"
    sign = "+" if value > 0 else "\u2212"
    return f"{sign}{format_units(abs(value), lang)}"


def _minutes(when: dt.datetime | None) -> str:
    return when.strftime("%Y-%m-%d %H:%M") if when is not None else ""


def administration_record(
    ev: Evaluation, labels: Labels, lang: str, diagrams: Diagrams | None = None
) -> AdministrationRecord | None:
    """Return the record's administration block, or None when consent was not given.

    With consent given and no administration, the block says so (status ``consented``): the
    record never claims a treatment that was not recorded.
    """
    c = ev.consultation
    if c.consent is None or c.consent.decision is not Decision.GIVEN:
        return None
    protocol = ev.protocol

    def get(key: str) -> str:
        return labels.get("chart", key, lang)

    a = c.administration
    if a is None:
        return AdministrationRecord(
            heading=get("administration_heading"),
            fields=(LabeledValue(get("status"), get("status_consented")),),
            vials=None,
            comparison=None,
            points=None,
        )
    side_name = {s: get(f"side_{s}") for s in (LEFT, RIGHT, MIDLINE)}
    fields = [
        LabeledValue(get("status"), get("status_treated" if a.treated else "status_not_treated")),
        LabeledValue(get("time"), _minutes(a.time)),
        LabeledValue(get("injector"), a.clinician or ""),
        LabeledValue(get("not_given"), a.not_given or ""),
        LabeledValue(
            get("wasted"), format_units(a.wasted_units, lang) + " U" if a.wasted_units else ""
        ),
        LabeledValue(get("notes"), a.notes or ""),
    ]
    vials = ChartTable(
        header=(
            get("vial_lot"),
            get("vial_expiry"),
            get("vial_size"),
            get("vial_diluent"),
            get("vial_reconstituted"),
        ),
        rows=tuple(
            (
                v.lot,
                v.expiry.isoformat() if v.expiry else "",
                f"{format_units(v.size_units, lang)} U" if v.size_units is not None else "",
                f"{format_units(v.diluent_ml, lang)} mL" if v.diluent_ml is not None else "",
                _minutes(v.reconstituted),
            )
            for v in a.vials
        ),
        widths=(0.24, 0.18, 0.14, 0.16, 0.28),
    )
    rows = compare(protocol, c, a)
    comparison = ChartTable(
        header=(get("area"), get("side"), get("planned"), get("given"), get("difference")),
        rows=tuple(
            (
                protocol.areas[r.area].name.get(lang),
                side_name[r.side],
                f"{format_units(r.planned, lang)} U",
                f"{format_units(r.given, lang)} U",
                _diff(r.difference, lang),
            )
            for r in rows
        )
        + (
            (
                get("total"),
                "",
                f"{format_units(c.total_units, lang)} U",
                f"{format_units(a.total_units, lang)} U",
                _diff(a.total_units - c.total_units, lang),
            ),
        ),
        widths=(0.4, 0.15, 0.15, 0.15, 0.15),
    )
    points = ChartTable(
        header=(get("point"), get("area"), get("side"), get("units"), get("position")),
        rows=tuple(
            (
                str(number),
                protocol.areas[p.area].name.get(lang),
                side_name[p.side],
                f"{format_units(p.units, lang)} U",
                f"{p.x:.2f}, {p.y:.2f}"
                if p.x is not None and p.y is not None
                else get("not_drawn"),
            )
            for number, p in enumerate(a.points, start=1)
        ),
        widths=(0.1, 0.42, 0.16, 0.14, 0.18),
    )
    return AdministrationRecord(
        heading=get("administration_heading"),
        fields=tuple(f for f in fields if f.value.strip()),
        vials=vials if vials.rows else None,
        comparison=comparison if a.treated else None,
        points=points if points.rows else None,
        maps=region_maps(ev, diagrams, labels, lang),
    )


def decision_text(ev: Evaluation, labels: Labels, lang: str, product: str) -> str:
    """Return the record's decision line for a given consent: consented, treated or not treated."""
    c = ev.consultation
    a = c.administration
    if a is None:
        return fill(
            labels.get("chart", "decision_consented", lang),
            units=format_units(ev.plan.total_units, lang),
            product=product,
            sites=str(ev.plan.total_sites),
        )
    if not a.treated:
        return fill(labels.get("chart", "decision_not_treated", lang), reason=a.not_given or "")
    return fill(
        labels.get("chart", "decision_treated", lang),
        given=format_units(a.total_units, lang),
        planned=format_units(ev.plan.total_units, lang),
        product=product,
    )


def sheet_area_lines(ev: Evaluation, labels: Labels, lang: str) -> tuple[str, tuple[str, ...]]:
    """Return the sheet's areas label and lines: what was given when recorded, else the plan."""
    protocol = ev.protocol
    c = ev.consultation
    names = {a: protocol.areas[a].name.get(lang) for a in protocol.areas}
    a = c.administration
    if a is None or not a.treated:
        return labels.get("handout", "areas", lang), plan_area_lines(
            ev.plan.lines, names, labels, lang
        )
    given = given_by_area(a.points)
    lines = []
    for area, sides in given.items():
        total = sum(sides.values())
        per_side = (
            ((MIDLINE, total),)
            if MIDLINE in sides
            else ((LEFT, sides.get(LEFT, 0.0)), (RIGHT, sides.get(RIGHT, 0.0)))
        )
        lines.append((names[area], total, per_side))
    return labels.get("chart", "where_treated", lang), area_lines(lines, labels, lang)


def region_maps(
    ev: Evaluation, diagrams: Diagrams | None, labels: Labels, lang: str
) -> tuple[RegionMap, ...]:
    """Return one map per region holding given points with a position, in plan order.

    Each point is labelled with its units; points without x/y are listed, not drawn.
    """
    a = ev.consultation.administration
    if diagrams is None or a is None:
        return ()
    protocol = ev.protocol
    by_region: dict[str, list[MapPoint]] = {}
    for number, p in enumerate(a.points, start=1):
        region = protocol.areas[p.area].region
        if p.x is None or p.y is None or region not in diagrams.regions:
            continue
        by_region.setdefault(region, []).append(
            MapPoint(p.x, p.y, format_units(p.units, lang), number)
        )
    order = list(dict.fromkeys(protocol.areas[area].region for area in ev.consultation.plan))
    order += [r for r in by_region if r not in order]
    maps = []
    for region in order:
        if region not in by_region:
            continue
        diagram = diagrams.regions[region]
        note = labels.get("chart", "back_note" if diagram.view == "back" else "front_note", lang)
        maps.append(
            RegionMap(
                region=region,
                title=protocol.regions[region].name.get(lang),
                note=note,
                points=tuple(by_region[region]),
                diagram=diagram,
            )
        )
    return tuple(maps)

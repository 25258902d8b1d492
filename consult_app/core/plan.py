"""The dose plan: default units, totals, volumes per site, review and re-treatment dates.

Units always belong to the chosen product and are never converted. Volumes follow from the
dilution (units per mL): the consultation's own, else the dose pattern of its first indication
that has one for the product, else the product's usual dilution.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from consult_app.core.consultation import Consultation
from consult_app.core.protocol import Protocol
from consult_app.core.sides import side_units


@dataclass(frozen=True, slots=True)
class PlanLine:
    """One planned area.

    Attributes:
        area: area ID.
        region: its region ID.
        units: units of the product for the area (both sides together).
        sites: number of injection points.
        units_per_site: units at each point.
        volume_ml: total volume for the area.
        volume_per_site_ml: volume at each point.
        sides: units per side: ``(("left", L), ("right", R))`` for a bilateral area (an even
            split unless the plan gave the sides), ``(("midline", units),)`` for a midline one.
    """

    area: str
    region: str
    units: float
    sites: int
    units_per_site: float
    volume_ml: float
    volume_per_site_ml: float
    sides: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class PlanSummary:
    """The plan as the record shows it.

    Attributes:
        product: product ID.
        dilution_units_per_ml: the dilution used for volumes.
        lines: one line per planned area, in plan order.
        total_units: the plan total.
        total_volume_ml: the total volume.
        total_sites: the number of injection points.
        review_date: the follow-up review date.
        earliest_retreatment_date: the earliest date for the next treatment with this product.
    """

    product: str
    dilution_units_per_ml: float
    lines: tuple[PlanLine, ...]
    total_units: float
    total_volume_ml: float
    total_sites: int
    review_date: date
    earliest_retreatment_date: date


def default_plan(protocol: Protocol, indications: Iterable[str], product: str) -> dict[str, float]:
    """Return the default units per area for these indications and product.

    Areas come from each indication's default areas; units from its dose pattern for the
    product. An area proposed by two indications takes the larger of their units (never the sum:
    the same muscle is not injected twice). Areas without a pattern for the product get 0 units
    for the clinician to fill in.

    Args:
        protocol: the protocol.
        indications: indication IDs.
        product: product ID.

    Returns:
        Area ID -> units, in the order the areas were first proposed.
    """
    plan: dict[str, float] = {}
    for iid in indications:
        indication = protocol.indications[iid]
        pattern = indication.patterns.get(product)
        for area in indication.areas:
            units = pattern.units.get(area, 0.0) if pattern else 0.0
            plan[area] = max(plan.get(area, 0.0), units)
        if pattern:
            for area, units in pattern.units.items():
                plan[area] = max(plan.get(area, 0.0), units)
    return plan


def default_dilution(protocol: Protocol, indications: Iterable[str], product: str) -> float:
    """Return the usual dilution (units per mL) for these indications and product."""
    for iid in indications:
        pattern = protocol.indications[iid].patterns.get(product)
        if pattern is not None and pattern.dilution_units_per_ml is not None:
            return pattern.dilution_units_per_ml
    return protocol.products[product].dilution_units_per_ml


def dilution_for(protocol: Protocol, consultation: Consultation) -> float:
    """Return the dilution used for the consultation's volumes (units per mL)."""
    if consultation.dilution_units_per_ml is not None:
        return consultation.dilution_units_per_ml
    return default_dilution(protocol, consultation.indications, consultation.product)


def sites_for(
    protocol: Protocol, indications: Iterable[str], product: str, areas: Iterable[str]
) -> dict[str, int]:
    """Return the number of injection points per area.

    The first indication whose dose pattern for the product gives a site count for the area
    wins; otherwise the area's default.
    """
    patterns = [
        p
        for p in (protocol.indications[i].patterns.get(product) for i in indications)
        if p is not None
    ]
    result: dict[str, int] = {}
    for area in areas:
        count = next((p.sites[area] for p in patterns if area in p.sites), None)
        result[area] = count if count is not None else protocol.areas[area].sites
    return result


def volume_ml(units: float, dilution_units_per_ml: float) -> float:
    """Return the volume in mL holding ``units`` at the given dilution."""
    if dilution_units_per_ml <= 0:
        raise ValueError("the dilution must be positive")
    return units / dilution_units_per_ml


def review_date_for(protocol: Protocol, indications: Iterable[str], on: date) -> date:
    """Return the follow-up review date of a treatment on ``on`` for these indications.

    It is the earliest review of the indications (the protocol's ``review.days``); indications
    the protocol does not know are skipped (on ``on`` itself when none is known).
    """
    days = [protocol.indications[i].review_days for i in indications if i in protocol.indications]
    return on + timedelta(days=min(days) if days else 0)


def earliest_retreatment_for(protocol: Protocol, product: str, on: date) -> date:
    """Return the earliest date for the next treatment with ``product`` after one on ``on``.

    It is ``on`` plus the longer of the product's minimum interval and the
    ``retreatment_too_soon`` window, so that a treatment on that date raises no finding.
    """
    found = protocol.products.get(product)
    minimum = found.min_interval_days if found is not None else 0
    return on + timedelta(days=max(minimum, protocol.rules["retreatment_too_soon"].number("days")))


def review_date(protocol: Protocol, consultation: Consultation) -> date:
    """Return the follow-up review date: the earliest review of the consultation's indications."""
    return review_date_for(protocol, consultation.indications, consultation.date)


def earliest_retreatment_date(protocol: Protocol, consultation: Consultation) -> date:
    """Return the earliest date for the next treatment with the same product."""
    return earliest_retreatment_for(protocol, consultation.product, consultation.date)


def summarize(
    protocol: Protocol, consultation: Consultation, sites: Mapping[str, int] | None = None
) -> PlanSummary:
    """Return the plan's lines, totals, volumes and dates.

    Args:
        protocol: the protocol.
        consultation: the consultation.
        sites: area ID -> injection points chosen by the clinician (default: :func:`sites_for`).

    Returns:
        The plan summary.
    """
    dilution = dilution_for(protocol, consultation)
    chosen = dict(
        sites_for(protocol, consultation.indications, consultation.product, consultation.plan)
    )
    if sites:
        chosen.update({a: n for a, n in sites.items() if a in chosen and n > 0})
    lines = []
    for area, units in consultation.plan.items():
        sides = side_units(protocol, area, units, consultation.plan_sides)
        count = chosen[area]
        if len(sides) == 2 and min(u for _, u in sides) == 0:
            count = max(1, (count + 1) // 2)  # one side only: that side's share of the sites
        volume = volume_ml(units, dilution)
        lines.append(
            PlanLine(
                area=area,
                region=protocol.areas[area].region,
                units=units,
                sites=count,
                units_per_site=units / count,
                volume_ml=volume,
                volume_per_site_ml=volume / count,
                sides=sides,
            )
        )
    return PlanSummary(
        product=consultation.product,
        dilution_units_per_ml=dilution,
        lines=tuple(lines),
        total_units=consultation.total_units,
        total_volume_ml=sum(line.volume_ml for line in lines),
        total_sites=sum(line.sites for line in lines),
        review_date=review_date(protocol, consultation),
        earliest_retreatment_date=earliest_retreatment_date(protocol, consultation),
    )

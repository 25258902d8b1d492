"""What a consultation is once stored: its row, the patient's history and sealed treatments.

Plain values shared by storage (which fills them from the database), the consultation use case
and the screens. ``ConsultationNotEditable`` and ``ConsultationNotFound`` are the domain's words
for "sealed" and "no such consultation"; storage raises them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ConsultationNotEditable",
    "ConsultationNotFound",
    "ConsultationRow",
    "HistoryItem",
    "Treatment",
    "treatment_from_payload",
]


class ConsultationNotFound(LookupError):  # noqa: N818 - reads as a domain fact
    """No consultation has this id."""


class ConsultationNotEditable(Exception):  # noqa: N818 - reads as a domain fact
    """The consultation is sealed or declined and cannot change."""


@dataclass(frozen=True, slots=True)
class ConsultationRow:
    """A stored consultation.

    Attributes:
        id: database id.
        patient_id: the patient's id.
        status: ``draft``, ``deferred``, ``sealed`` or ``declined``.
        data: the draft state (a JSON object).
        revision: how many times it was saved.
        created_at: when it was started (UTC).
        updated_at: when it was last saved (UTC).
    """

    id: int
    patient_id: int
    status: str
    data: dict[str, Any]
    revision: int
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Treatment:
    """A toxin treatment recorded by a given, sealed consent.

    Attributes:
        date: the consultation date.
        product: product id.
        units_total: the plan's total units.
        indications: indication ids.
        areas: area id -> units.
        consultation_id: the consultation it comes from.
        consent_id: the sealed consent it comes from.
        status: ``treated`` (an administration with points), ``consented`` (no administration
            recorded: ``units_total`` is the plan's) or ``not_treated``.
        planned_units: the plan's total units.
        lots: the lot numbers of the vials recorded by the administration.
        outcomes: the baseline scores recorded at it (outcome ID -> score).
    """

    date: dt.date
    product: str
    units_total: float
    indications: tuple[str, ...]
    areas: dict[str, float] = field(default_factory=dict)
    consultation_id: int = 0
    consent_id: int = 0
    status: str = "consented"
    planned_units: float = 0.0
    lots: tuple[str, ...] = ()
    outcomes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """One consultation as listed on the patient's page.

    Attributes:
        consultation_id: the consultation's id.
        status: ``draft``, ``deferred``, ``sealed`` or ``declined``.
        created_at: when it was started (UTC).
        updated_at: when it was last saved (UTC).
        decision: the effective consent decision (latest correction), or None.
        consent_id: the effective consent's id, or None.
        sha256: the effective consent's seal, or None.
        sealed_at: when the effective consent was sealed, or None.
        treatment: the treatment it records, when consent was given.
        corrected: True when the first consent was later corrected.
    """

    consultation_id: int
    status: str
    created_at: dt.datetime
    updated_at: dt.datetime
    decision: str | None = None
    consent_id: int | None = None
    sha256: str | None = None
    sealed_at: dt.datetime | None = None
    treatment: Treatment | None = None
    corrected: bool = False


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def treatment_from_payload(
    payload: Mapping[str, Any], *, sealed_at: dt.datetime, consultation_id: int, consent_id: int
) -> Treatment | None:
    """Build the ``Treatment`` a sealed payload records, or None when it lacks a product/plan."""
    product = payload.get("product")
    plan = payload.get("plan")
    if not isinstance(product, str) or not isinstance(plan, Mapping):
        return None
    areas: dict[str, float] = {}
    for area, units in plan.items():
        number = _number(units)
        if isinstance(area, str) and number is not None:
            areas[area] = number
    date_text = payload.get("date")
    try:
        date = dt.date.fromisoformat(date_text) if isinstance(date_text, str) else None
    except ValueError:
        date = None
    indications = payload.get("indications")
    outcomes = payload.get("outcomes")
    return Treatment(
        date=date or sealed_at.astimezone(dt.UTC).date(),
        product=product,
        units_total=sum(areas.values()),
        indications=tuple(i for i in indications if isinstance(i, str))
        if isinstance(indications, list)
        else (),
        areas=areas,
        consultation_id=consultation_id,
        consent_id=consent_id,
        planned_units=sum(areas.values()),
        outcomes={
            k: int(v)
            for k, v in outcomes.items()
            if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
        }
        if isinstance(outcomes, Mapping)
        else {},
    )

"""Follow-up visits (``consult-followup/1``): outcomes over time and adverse events.

A follow-up is what the clinician records at a review after a treatment: the outcome scores of
the treated indications (as in a case file's ``outcomes``), adverse events picked from the
protocol's risk IDs with onset, severity and resolution, an optional global impression of change,
the clinician and notes. :func:`parse_followup` checks a decoded JSON value against
``case-format.md`` 1.1 "Follow-up visits" and raises :class:`~consult_app.core.errors.CaseError`
naming the field by its path (``adverse_events[0].risk: unknown risk 'x'``). A JSON ``null`` is
the same as an absent field; unknown fields, unknown IDs, wrong types and impossible values are
errors.

:class:`FollowUpRecord` is a stored follow-up as the screening rules read it (the product and date
of the treatment it follows, its outcomes and adverse events). :func:`compare_to_baseline` puts a
follow-up's scores beside the baseline of the first treatment for each indication.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any, Final

from consult_app.core.case_file import _date, _list, _obj, _outcomes, _string
from consult_app.core.errors import CaseError
from consult_app.core.followup_model import AdverseEvent, BaselineTreatment, FollowUpRecord
from consult_app.core.protocol import Protocol

__all__ = [
    "FOLLOWUP_FORMAT",
    "GLOBAL_IMPRESSIONS",
    "SEVERITIES",
    "AdverseEvent",
    "BaselineTreatment",
    "FollowUpPatient",
    "FollowUpRecord",
    "FollowUpVisit",
    "ScoreComparison",
    "compare_to_baseline",
    "followup_payload",
    "parse_followup",
]

FOLLOWUP_FORMAT: Final = "consult-followup/1"
SEVERITIES: Final = ("mild", "moderate", "severe")
#: Patient Global Impression of Change, best to worst (7 points).
GLOBAL_IMPRESSIONS: Final = (
    "very_much_improved",
    "much_improved",
    "minimally_improved",
    "no_change",
    "minimally_worse",
    "much_worse",
    "very_much_worse",
)

_TOP: Final = (
    "format",
    "date",
    "patient",
    "outcomes",
    "global_impression",
    "adverse_events",
    "clinician",
    "notes",
)
# The case file's patient fields are accepted; only the identity ones are read.
_PATIENT: Final = (
    "name",
    "birth_date",
    "sex",
    "chart_number",
    "phone",
    "email",
    "language",
    "allergies",
)
_EVENT: Final = ("risk", "severity", "onset", "resolved", "notes")


@dataclass(frozen=True, slots=True)
class FollowUpPatient:
    """Who the follow-up is for (the identity rule of ``run``)."""

    name: str
    birth_date: date
    chart_number: str | None = None


def _empty() -> Mapping[str, int]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class FollowUpVisit:
    """A follow-up visit as entered (file or GUI), validated.

    Attributes:
        date: the visit date.
        patient: who it is for.
        outcomes: outcome ID -> score.
        adverse_events: adverse events reported.
        global_impression: one of :data:`GLOBAL_IMPRESSIONS`, or ``None``.
        clinician: who saw the patient.
        notes: free text.
    """

    date: date
    patient: FollowUpPatient
    outcomes: Mapping[str, int] = field(default_factory=_empty)
    adverse_events: tuple[AdverseEvent, ...] = ()
    global_impression: str | None = None
    clinician: str | None = None
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class ScoreComparison:
    """One score at a follow-up beside its baseline.

    Attributes:
        indication: the indication whose first treatment gave the baseline.
        outcome: outcome ID.
        baseline: the score at that first treatment, or ``None`` when not recorded.
        baseline_date: the date of that first treatment.
        value: the score now.
        change_percent: (value - baseline) / baseline * 100, or ``None`` without a baseline
            (or a baseline of 0).
    """

    indication: str
    outcome: str
    baseline: int | None
    baseline_date: dt.date | None
    value: int
    change_percent: float | None


def _event(value: Any, path: str, protocol: Protocol, on: date) -> AdverseEvent:
    obj = _obj(value, path, _EVENT)
    for key in ("risk", "severity", "onset"):
        if key not in obj:
            raise CaseError(f"{path}.{key}: required")
    risk = _string(obj["risk"], f"{path}.risk")
    if risk not in protocol.content.risk_ids:
        raise CaseError(f"{path}.risk: unknown risk '{risk}'")
    severity = obj["severity"]
    if not isinstance(severity, str) or severity not in SEVERITIES:
        raise CaseError(
            f"{path}.severity: unknown value {severity!r} (expected mild, moderate or severe)"
        )
    onset = _date(obj["onset"], f"{path}.onset")
    if onset > on:
        raise CaseError(f"{path}.onset: {onset} is after the follow-up date {on}")
    resolved = None
    if "resolved" in obj:
        resolved = _date(obj["resolved"], f"{path}.resolved")
        if resolved < onset:
            raise CaseError(f"{path}.resolved: {resolved} is before the onset {onset}")
        if resolved > on:
            raise CaseError(f"{path}.resolved: {resolved} is after the follow-up date {on}")
    notes = _string(obj["notes"], f"{path}.notes") if "notes" in obj else None
    return AdverseEvent(risk, severity, onset, resolved, notes)


def _patient(value: Any, on: date) -> FollowUpPatient:
    if value is None:
        raise CaseError("patient: required")
    obj = _obj(value, "patient", _PATIENT)
    for key in ("name", "birth_date"):
        if key not in obj:
            raise CaseError(f"patient.{key}: required")
    name = _string(obj["name"], "patient.name")
    birth = _date(obj["birth_date"], "patient.birth_date")
    if birth > on:
        raise CaseError(f"patient.birth_date: {birth} is after the follow-up date {on}")
    for key in ("sex", "phone", "email", "language", "allergies"):
        if key in obj and not isinstance(obj[key], str):
            raise CaseError(f"patient.{key}: expected a string")
    chart = _string(obj["chart_number"], "patient.chart_number") if "chart_number" in obj else None
    return FollowUpPatient(name=name, birth_date=birth, chart_number=chart)


def parse_followup(data: object, protocol: Protocol, *, today: date) -> FollowUpVisit:
    """Validate a decoded ``consult-followup/1`` file.

    Args:
        data: the decoded JSON value.
        protocol: the protocol (outcome scales and risk IDs).
        today: the default visit date.

    Returns:
        The follow-up visit.

    Raises:
        CaseError: naming the first invalid field by its path.
    """
    obj = _obj(data, "", _TOP)
    if obj.get("format") != FOLLOWUP_FORMAT:
        if "format" not in obj:
            raise CaseError("format: required")
        raise CaseError(f"format: expected {FOLLOWUP_FORMAT!r} (got {obj['format']!r})")
    on = _date(obj["date"], "date") if "date" in obj else today
    patient = _patient(obj.get("patient"), on)
    outcomes = _outcomes(obj["outcomes"], protocol) if "outcomes" in obj else {}
    impression = None
    if "global_impression" in obj:
        impression = obj["global_impression"]
        if not isinstance(impression, str) or impression not in GLOBAL_IMPRESSIONS:
            raise CaseError(
                f"global_impression: unknown value {impression!r} "
                f"(expected one of {', '.join(GLOBAL_IMPRESSIONS)})"
            )
    events = tuple(
        _event(item, f"adverse_events[{i}]", protocol, on)
        for i, item in enumerate(_list(obj.get("adverse_events", []), "adverse_events"))
    )
    return FollowUpVisit(
        date=on,
        patient=patient,
        outcomes=MappingProxyType(dict(outcomes)),
        adverse_events=events,
        global_impression=impression,
        clinician=_string(obj["clinician"], "clinician") if "clinician" in obj else None,
        notes=_string(obj["notes"], "notes") if "notes" in obj else None,
    )


def followup_payload(
    visit: FollowUpVisit,
    *,
    patient_id: int,
    consultation_id: int,
    product: str,
    treatment_date: date,
    indications: Sequence[str],
) -> dict[str, Any]:
    """Return the canonical content stored (and hashed) for a follow-up."""
    return {
        "format": FOLLOWUP_FORMAT,
        "date": visit.date.isoformat(),
        "patient_id": patient_id,
        "consultation_id": consultation_id,
        "product": product,
        "treatment_date": treatment_date.isoformat(),
        "indications": list(indications),
        "outcomes": dict(visit.outcomes),
        "global_impression": visit.global_impression,
        "adverse_events": [
            {
                "risk": e.risk,
                "severity": e.severity,
                "onset": e.onset.isoformat(),
                "resolved": e.resolved.isoformat() if e.resolved else None,
                "notes": e.notes,
            }
            for e in visit.adverse_events
        ],
        "clinician": visit.clinician,
        "notes": visit.notes,
    }


def record_from_payload(payload: Mapping[str, Any], followup_id: int = 0) -> FollowUpRecord:
    """Rebuild a :class:`FollowUpRecord` from a stored payload (see :func:`followup_payload`)."""
    events = []
    for e in payload.get("adverse_events") or ():
        if not isinstance(e, Mapping):
            continue
        events.append(
            AdverseEvent(
                risk=str(e.get("risk")),
                severity=str(e.get("severity")),
                onset=date.fromisoformat(str(e.get("onset"))),
                resolved=date.fromisoformat(str(e["resolved"])) if e.get("resolved") else None,
                notes=str(e["notes"]) if e.get("notes") else None,
            )
        )
    outcomes = payload.get("outcomes") or {}
    return FollowUpRecord(
        date=date.fromisoformat(str(payload["date"])),
        product=str(payload.get("product")),
        treatment_date=date.fromisoformat(str(payload["treatment_date"])),
        indications=tuple(str(i) for i in payload.get("indications") or ()),
        outcomes=MappingProxyType(
            {str(k): int(v) for k, v in outcomes.items() if isinstance(v, int)}
        ),
        adverse_events=tuple(events),
        followup_id=followup_id,
        consultation_id=int(payload.get("consultation_id") or 0),
    )


def compare_to_baseline(
    outcomes: Mapping[str, int],
    indications: Iterable[str],
    treatments: Sequence[BaselineTreatment],
    protocol: Protocol,
) -> list[ScoreComparison]:
    """Put each score beside the baseline of the first treatment for each indication.

    Args:
        outcomes: the scores at the follow-up.
        indications: the indications of the treatment followed up.
        treatments: the patient's treatments, oldest first.
        protocol: for the outcomes each indication records.

    Returns:
        One comparison per (indication, outcome) scored now; outcomes no indication records are
        listed once under the first indication.
    """
    rows: list[ScoreComparison] = []
    shown: set[str] = set()
    inds = list(indications)
    for ind in inds:
        first = next((t for t in treatments if ind in t.indications), None)
        known = protocol.indications[ind].outcomes if ind in protocol.indications else ()
        for oid in known:
            if oid not in outcomes or oid in shown:
                continue
            shown.add(oid)
            rows.append(_comparison(ind, oid, outcomes[oid], first))
    for oid, value in outcomes.items():
        if oid not in shown and inds:
            first = next((t for t in treatments if inds[0] in t.indications), None)
            rows.append(_comparison(inds[0], oid, value, first))
    return rows


def _comparison(ind: str, oid: str, value: int, first: BaselineTreatment | None) -> ScoreComparison:
    base = first.outcomes.get(oid) if first is not None else None
    change = (value - base) / base * 100 if base else None
    return ScoreComparison(
        indication=ind,
        outcome=oid,
        baseline=base,
        baseline_date=first.date if first is not None else None,
        value=value,
        change_percent=change,
    )

"""The consultation use case's decisions, shared by the GUI and the case runner (pure).

A **draft** is the JSON dict the screens edit and storage keeps (docs/dev-contract.md, Round 2)::

    {"case": {...case-file fields WITHOUT "patient" and "format"...},
     "extra": {"step": "...", "patient_questions": "...", "confirmations": ["id", ...],
               "witness": {...}, "substitute": {...}}}

This module decides what a draft means and whether it may be sealed or deferred; the app's
service only fetches and stores (database, PDF files) around these functions:

- :func:`case_from_draft`: the case-file object a draft stands for (the patient comes from the
  database, never from the draft);
- :func:`repeated_draft`: what "Repeat last treatment" carries over (never answers, lot, risks,
  consent);
- :func:`check_deferral` / :func:`check_seal`: the rules for recording a deferral or sealing;
- :func:`seal_extras`: the confirmations and patient questions that are sealed with the consent;
- :func:`previous_reason`: the reason given at an earlier visit for the same finding;
- :func:`draft_is_stale`: whether a resumed draft's answers are too old to stand.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consult_app.core.case_file import TOP_KEYS
from consult_app.core.consultation import CASE_FORMAT, Decision
from consult_app.core.errors import CaseError
from consult_app.core.patient import PatientRow
from consult_app.core.records import Treatment
from consult_app.core.screening import Verdict
from consult_app.core.usecase import Evaluation

__all__ = [
    "CASE_KEYS",
    "REPEATED_KEYS",
    "STALE_AFTER",
    "ConsultationNotReady",
    "SealResult",
    "case_from_draft",
    "check_deferral",
    "check_seal",
    "clinicians_with",
    "draft_is_stale",
    "screening_asked_again",
    "previous_reason",
    "repeated_draft",
    "seal_extras",
]

CASE_KEYS = tuple(k for k in TOP_KEYS if k not in ("format", "id", "patient"))
"""Case-file fields a draft's ``case`` may hold (everything except ``format`` and ``patient``)."""

REPEATED_KEYS = (
    "jurisdiction",
    "indications",
    "diagnosis",
    "prescriber",
    "product",
    "dilution_units_per_ml",
    "plan",
)
"""What :func:`repeated_draft` carries over from the last treatment."""

STALE_AFTER = dt.timedelta(days=1)
"""A draft last saved longer ago than this asks for the screening again when resumed."""


class ConsultationNotReady(Exception):  # noqa: N818 - reads as a domain fact
    """The consultation cannot be sealed or deferred yet.

    Attributes:
        verdict: the screening verdict.
        missing: what is still missing (case-format ``missing``).
    """

    def __init__(self, message: str, verdict: Verdict, missing: tuple[str, ...]) -> None:
        super().__init__(message)
        self.verdict = verdict
        self.missing = missing


@dataclass(frozen=True, slots=True)
class SealResult:
    """What sealing produced.

    Attributes:
        consent_id: the sealed consent's id.
        sha256: its seal, as printed on the record and by ``verify``.
        handout: the patient sheet (consent given), else None.
        record: the consultation record.
    """

    consent_id: int
    sha256: str
    handout: Path | None
    record: Path

    @property
    def declined(self) -> bool:
        """True when the patient declined (no sheet was produced)."""
        return self.handout is None


def case_from_draft(patient: PatientRow, draft: Mapping[str, Any]) -> dict[str, Any]:
    """Return the case-file object a draft stands for.

    Args:
        patient: the patient, from the database.
        draft: the draft state.

    Raises:
        CaseError: the draft's ``case`` is not an object or holds an unknown field.
    """
    case = draft.get("case") or {}
    if not isinstance(case, Mapping):
        raise CaseError("case: expected an object")
    unknown = sorted(set(case) - set(CASE_KEYS))
    if unknown:
        raise CaseError(f"{unknown[0]}: unknown field")
    identity = {
        "name": patient.name,
        "birth_date": patient.birth_date.isoformat(),
        "sex": patient.sex,
        "chart_number": patient.chart_number,
        "phone": patient.phone,
        "email": patient.email,
        "language": patient.language,
        "allergies": patient.allergies,
    }
    data: dict[str, Any] = {"format": CASE_FORMAT, **dict(case)}
    data["patient"] = {k: v for k, v in identity.items() if v is not None}
    extra = draft.get("extra") or {}
    consent = data.get("consent")
    if isinstance(extra, Mapping) and isinstance(consent, Mapping):
        merged = dict(consent)
        for key in ("witness", "substitute"):
            if merged.get(key) is None and extra.get(key):
                merged[key] = extra[key]
        data["consent"] = merged
    return data


def repeated_draft(last_case: Mapping[str, Any], last: Treatment) -> dict[str, Any]:
    """Return a new draft repeating the last treatment's indications, product and plan.

    Answers, lot, risks and consent are never repeated: they must be asked again.
    """
    repeated = {k: last_case[k] for k in REPEATED_KEYS if k in last_case}
    if "plan" not in repeated:
        repeated["plan"] = dict(last.areas)
    repeated.setdefault("product", last.product)
    repeated.setdefault("indications", list(last.indications))
    return {"case": repeated, "extra": {"step": "indications"}}


def check_deferral(evaluation: Evaluation) -> None:
    """Raise ``ConsultationNotReady`` unless screening says STOP (the only reason to defer)."""
    result = evaluation.screening
    if result.verdict is not Verdict.STOP:
        raise ConsultationNotReady("screening does not say STOP", result.verdict, result.missing)


def check_seal(evaluation: Evaluation) -> Decision:
    """Return the patient's decision if the consultation may be sealed with it.

    Given: screening must not say STOP and nothing may be missing. Declined: a clinician must be
    named (STOP does not matter: nothing is given).

    Raises:
        ConsultationNotReady: not ready to seal (``missing`` says why).
    """
    consent = evaluation.consultation.consent
    result = evaluation.screening
    decision = consent.decision if consent else None
    if decision is None:
        raise ConsultationNotReady("consent: not asked", result.verdict, result.missing)
    if decision is Decision.GIVEN and (result.verdict is Verdict.STOP or result.missing):
        raise ConsultationNotReady(
            "the consultation is not ready for consent", result.verdict, result.missing
        )
    if decision is Decision.DECLINED and "consent.clinician" in result.missing:
        raise ConsultationNotReady(
            "consent.clinician: required", result.verdict, ("consent.clinician",)
        )
    return decision


def seal_extras(draft: Mapping[str, Any]) -> tuple[list[str] | None, str]:
    """Return the ticked confirmations (None when never shown) and the patient's questions."""
    extra = draft.get("extra")
    if not isinstance(extra, Mapping):
        return None, ""
    raw = extra.get("confirmations")
    confirmations = [str(x) for x in raw] if isinstance(raw, list) else None
    return confirmations, str(extra.get("patient_questions") or "")


def previous_reason(payloads: Iterable[Mapping[str, Any]], finding_id: str) -> str | None:
    """Return the first reason given for ``finding_id`` in sealed payloads (newest first)."""
    for payload in payloads:
        reasons = payload.get("reasons")
        if isinstance(reasons, Mapping) and isinstance(reasons.get(finding_id), str):
            return str(reasons[finding_id])
    return None


def draft_is_stale(saved_at: dt.datetime, now: dt.datetime) -> bool:
    """Whether a draft saved at ``saved_at`` is too old for its screening answers to stand."""
    return now - saved_at > STALE_AFTER


def clinicians_with(known: Iterable[str], name: str | None) -> tuple[str, ...] | None:
    """Return the clinic's clinician list with ``name`` added, or None when nothing changes.

    A clinician typed at signing is remembered for the next consultations (and a restart).
    """
    names = tuple(known)
    clean = (name or "").strip()
    if not clean or clean in names:
        return None
    return (*names, clean)


def screening_asked_again(
    draft: Mapping[str, Any], saved_at: dt.datetime, now: dt.datetime
) -> dict[str, Any] | None:
    """Return the draft with its screening to be asked again, or None when it still stands.

    A draft left for more than a day (``STALE_AFTER``) may no longer describe the patient
    (pregnancy, new medicines): its answers move to ``extra.previous_answers`` (shown as last
    time's, unconfirmed) and every question must be answered again.
    """
    case = draft.get("case")
    answers = case.get("answers") if isinstance(case, Mapping) else None
    if not answers or not draft_is_stale(saved_at, now):
        return None
    fresh = copy.deepcopy(dict(draft))
    fresh["case"].pop("answers", None)
    extra = fresh.setdefault("extra", {})
    extra["previous_answers"] = dict(answers)
    return fresh

"""The consultation use case shared by the GUI and the case runner (pure functions).

:func:`evaluate` takes a validated :class:`~consult_app.core.consultation.Consultation` (from a
case file or from a GUI draft) plus the treatments already sealed in the database and returns an
:class:`Evaluation`: screening (with the risks that must be discussed for this product and these
regions), the patient-facing texts in the patient's language, the plan with volumes, and the
review and re-treatment dates.

:func:`consent_payload` returns what is sealed when the patient decides: patient identity, date
and time, clinician, product, lot, plan, findings with reasons, risks discussed, the consent text
exactly as shown (sections, off-label statement, alternatives and confirmations in the patient's
language), the decision, the signatures and the protocol's version and hash. It carries the keys
``storage.consents`` and ``storage.consultations`` read (``consent.decision``, ``decision``,
``product``, ``plan``, ``date``, ``indications``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from consult_app.core.assembly import SheetContent, assemble, required_risk_ids
from consult_app.core.consultation import (
    RISKS_ALL,
    ConsentInput,
    Consultation,
    Decision,
    HistoryEntry,
)
from consult_app.core.followup_model import FollowUpRecord
from consult_app.core.plan import PlanSummary, summarize
from consult_app.core.protocol import Protocol
from consult_app.core.screening import ScreeningResult, screen

__all__ = [
    "PAYLOAD_FORMAT",
    "Evaluation",
    "Signed",
    "confirmed_ids",
    "parse_signed",
    "signing_moment",
    "consent_payload",
    "evaluate",
    "risks_discussed_ids",
]

PAYLOAD_FORMAT = "consult-consent/1"
"""``format`` of the sealed consent payload."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One consultation, screened and assembled.

    Attributes:
        protocol: the protocol it was evaluated with.
        consultation: the consultation, its ``history`` including the database's treatments.
        screening: verdict, findings, missing items, off-label indications.
        required_risks: the risk IDs that must be discussed (product and planned regions).
        sheet: every patient-facing text in the patient's language.
        plan: lines, totals and volumes.
        review_date: the follow-up review date.
        earliest_retreatment_date: the earliest date for the next treatment with this product.
    """

    protocol: Protocol
    consultation: Consultation
    screening: ScreeningResult
    required_risks: frozenset[str]
    sheet: SheetContent
    plan: PlanSummary
    review_date: dt.date
    earliest_retreatment_date: dt.date

    @property
    def regions(self) -> tuple[str, ...]:
        """Region IDs of the planned areas, in plan order, each once."""
        areas = self.protocol.areas
        return tuple(dict.fromkeys(areas[a].region for a in self.consultation.plan))

    def sheet_in(self, lang: str) -> SheetContent:
        """Return the patient-facing texts in another language (for the clinician's record)."""
        if lang == self.sheet.lang:
            return self.sheet
        return _assemble(self.protocol, self.consultation, self.screening, lang)


def _assemble(
    protocol: Protocol, c: Consultation, result: ScreeningResult, lang: str
) -> SheetContent:
    regions = [protocol.areas[a].region for a in c.plan]
    return assemble(
        protocol.content,
        lang=lang,
        product=c.product,
        regions=regions,
        indications=c.indications,
        findings=[(f.id, f.level.value) for f in result.findings],
        off_label=result.off_label,
        jurisdiction=c.jurisdiction.value,
        off_label_by_age=result.off_label_by_age,
    )


def evaluate(
    protocol: Protocol,
    consultation: Consultation,
    *,
    db_history: Iterable[HistoryEntry] = (),
    db_followups: Iterable[FollowUpRecord] = (),
) -> Evaluation:
    """Screen a consultation and assemble its texts.

    Args:
        protocol: the protocol.
        consultation: the validated consultation.
        db_history: treatments recorded by consents sealed in the database (case-format: every
            consent given and sealed counts as a treatment); they count in addition to the
            consultation's own ``history``.
        db_followups: follow-up visits recorded in the database; those on or before the
            consultation date become its ``followups``.

    Returns:
        The evaluation.
    """
    extra = tuple(db_history)
    c = replace(consultation, history=consultation.history + extra) if extra else consultation
    followups = tuple(f for f in db_followups if f.date <= c.date)
    if followups:
        c = replace(c, followups=followups)
    regions = [protocol.areas[a].region for a in c.plan]
    required = required_risk_ids(protocol.content, c.product, regions)
    result = screen(protocol, c, required)
    sheet = _assemble(protocol, c, result, c.patient.language)
    plan = summarize(protocol, c)
    return Evaluation(
        protocol=protocol,
        consultation=c,
        screening=result,
        required_risks=required,
        sheet=sheet,
        plan=plan,
        review_date=plan.review_date,
        earliest_retreatment_date=plan.earliest_retreatment_date,
    )


def risks_discussed_ids(evaluation: Evaluation) -> tuple[str, ...]:
    """Return the risk IDs discussed: every assembled risk for ``"all"``, else those listed."""
    discussed = evaluation.consultation.risks_discussed
    ordered = [r.id for r in evaluation.sheet.risks]
    if discussed == RISKS_ALL:
        return tuple(ordered)
    if discussed is None:
        return ()
    listed = set(discussed)
    return tuple([r for r in ordered if r in listed] + [r for r in discussed if r not in ordered])


def confirmed_ids(evaluation: Evaluation, confirmations: Sequence[str] | None) -> tuple[str, ...]:
    """Return the confirmation IDs the patient ticked.

    Args:
        evaluation: the evaluation.
        confirmations: the IDs ticked in the GUI, or ``None`` for a case file, which has no
            confirmations: a given consent then confirms every required statement, a declined
            one none.

    Returns:
        The ticked IDs among the statements shown, in the order shown.
    """
    shown = [c for c in evaluation.sheet.confirmations]
    if confirmations is None:
        consent = evaluation.consultation.consent
        if consent is None or consent.decision is not Decision.GIVEN:
            return ()
        return tuple(c.id for c in shown if c.required)
    ticked = set(confirmations)
    return tuple(c.id for c in shown if c.id in ticked)


def _consent_json(consent: ConsentInput) -> dict[str, Any]:
    return {
        "decision": consent.decision.value if consent.decision else None,
        "patient_signature": consent.patient_signature,
        "clinician": consent.clinician,
        "clinician_signature": consent.clinician_signature,
        "witness": (
            {"name": consent.witness.name, "signature": consent.witness.signature}
            if consent.witness
            else None
        ),
        "substitute": (
            {
                "name": consent.substitute.name,
                "relationship": consent.substitute.relationship,
                "signature": consent.substitute.signature,
            }
            if consent.substitute
            else None
        ),
    }


Signed = dt.datetime | dt.date
"""When a decision was signed: a time on the consultation's own day, or only its date when the
consultation was entered on a later (or earlier) day than it took place."""


def signing_moment(consultation_date: dt.date, now: dt.datetime) -> Signed:
    """Return when the patient signed, from the consultation itself, never from a later clock.

    A consultation entered on its own day (every GUI consultation, a case file dated today) was
    signed ``now``. A case file dated another day (an EMR or an intake form sending a past
    consultation) was signed on its date, at a time nobody recorded: only the date is returned,
    so no document prints the day it was typed in as the day the patient signed.

    Args:
        consultation_date: the consultation's date (``date`` of the case).
        now: the current local time (timezone-aware).
    """
    return now if now.date() == consultation_date else consultation_date


def parse_signed(text: object, fallback: dt.datetime) -> Signed:
    """Read a sealed ``signed_at`` back (a date-time, or a date alone; see :func:`signing_moment`).

    Args:
        text: the sealed value.
        fallback: used when the value is absent or unreadable (the seal's own time).
    """
    if isinstance(text, str):
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text)
        except ValueError:
            return fallback
    return fallback


def consent_payload(
    evaluation: Evaluation,
    *,
    signed_at: Signed,
    confirmations: Sequence[str] | None = None,
    patient_questions: str = "",
    chart_number: str | None = None,
) -> dict[str, Any]:
    """Return the canonical content sealed for the patient's decision.

    Args:
        evaluation: the evaluation the patient decided on.
        signed_at: when the decision was signed (timezone-aware), or its date alone
            (:func:`signing_moment`).
        confirmations: the confirmation IDs ticked (``None``: see :func:`confirmed_ids`).
        patient_questions: the patient's questions and the answers given, free text.
        chart_number: the chart number to record (default: the consultation patient's).

    Returns:
        A JSON-ready dict for ``storage.consents.seal_consent``.

    Raises:
        ValueError: no decision was made, or ``signed_at`` is naive.
    """
    c = evaluation.consultation
    consent = c.consent
    if consent is None or consent.decision is None:
        raise ValueError("consent.decision: the patient has not decided")
    if isinstance(signed_at, dt.datetime) and signed_at.tzinfo is None:
        raise ValueError("signed_at must be timezone-aware")
    protocol = evaluation.protocol
    product = protocol.products[c.product]
    jur = c.jurisdiction.value
    sheet = evaluation.sheet
    p = c.patient
    ticked = set(confirmed_ids(evaluation, confirmations))
    return {
        "format": PAYLOAD_FORMAT,
        "patient": {
            "name": p.name,
            "birth_date": p.birth_date.isoformat(),
            "sex": p.sex.value,
            "chart_number": chart_number if chart_number is not None else p.chart_number,
            "language": p.language,
        },
        "date": c.date.isoformat(),
        "signed_at": (
            signed_at.isoformat(timespec="seconds")
            if isinstance(signed_at, dt.datetime)
            else signed_at.isoformat()
        ),
        "jurisdiction": jur,
        "clinician": consent.clinician,
        "prescriber": c.prescriber,
        "indications": list(c.indications),
        "diagnosis": c.diagnosis,
        "outcomes": dict(c.outcomes),
        "product": c.product,
        "product_name": f"{product.display_name(jur)} ({product.generic})",
        "lot": (
            {
                "number": c.lot.number,
                "expiry": c.lot.expiry.isoformat() if c.lot.expiry else None,
            }
            if c.lot
            else None
        ),
        "dilution_units_per_ml": evaluation.plan.dilution_units_per_ml,
        "plan": dict(c.plan),
        "plan_sides": {line.area: dict(line.sides) for line in evaluation.plan.lines},
        "sites": {line.area: line.sites for line in evaluation.plan.lines},
        "total_units": evaluation.plan.total_units,
        "history": [
            {"date": h.date.isoformat(), "product": h.product, "units": h.units} for h in c.history
        ],
        "answers": {
            qid: c.answers[qid].value
            for qid in evaluation.screening.applicable_questions
            if qid in c.answers
        },
        "verdict": evaluation.screening.verdict.value,
        "findings": [
            {
                "id": f.id,
                "level": f.level.value,
                "kind": f.kind,
                "message": {"en": f.message.en, "fr": f.message.fr},
                "reason": c.reasons.get(f.id),
            }
            for f in evaluation.screening.findings
        ],
        "reasons": dict(c.reasons),
        "off_label": list(evaluation.screening.off_label),
        "risks_discussed": list(risks_discussed_ids(evaluation)),
        "consent_text": {
            "lang": sheet.lang,
            "sections": [
                {"id": s.id, "title": s.title, "text": s.text} for s in sheet.consent_sections
            ],
            "off_label_statement": sheet.off_label_statement,
            "alternatives": [
                {"indication": a.indication, "name": a.name, "text": a.text}
                for a in sheet.alternatives
            ],
            "confirmations": [
                {"id": k.id, "text": k.text, "required": k.required, "confirmed": k.id in ticked}
                for k in sheet.confirmations
            ],
        },
        "patient_questions": patient_questions,
        "decision": consent.decision.value,
        "consent": _consent_json(consent),
        "review_date": evaluation.review_date.isoformat(),
        "earliest_retreatment_date": evaluation.earliest_retreatment_date.isoformat(),
        "protocol": {"id": protocol.id, "version": protocol.version, "hash": protocol.hash},
    }

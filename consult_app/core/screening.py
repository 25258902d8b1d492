"""Screening: which questions apply, the findings, the verdict and what is still missing.

:func:`screen` is a pure function of the protocol and the consultation and implements exactly the
rules of ``case-format.md``: a question that does not apply is never asked (its answer is ignored,
it is never missing); "within N days" means fewer than N days before the consultation date; units
are never converted between products. The verdict is ``stop`` if any finding is STOP, else
``incomplete`` if an applicable question is unanswered or unsure, else ``caution`` if any finding
is CAUTION, else ``proceed``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any

from consult_app.core.computed_rules import (
    COMPUTED_RULES,
    age_above_indications,
    off_label_indications,
)
from consult_app.core.consultation import RISKS_ALL, Answer, Consultation, Decision
from consult_app.core.diagnosis import diagnosis_counts
from consult_app.core.protocol_model import Level, Protocol
from consult_app.core.reasons import reason_counts
from consult_app.core.rule_registry import Facts
from consult_app.core.texts import Text, format_units

__all__ = [
    "Finding",
    "Level",
    "ScreeningResult",
    "Verdict",
    "format_units",
    "needs_diagnosis",
    "screen",
    "screening_json",
]


class Verdict(Enum):
    """The screening verdict; ``.value`` is the case-format string."""

    STOP = "stop"
    INCOMPLETE = "incomplete"
    CAUTION = "caution"
    PROCEED = "proceed"


@dataclass(frozen=True, slots=True)
class Finding:
    """Something screening found.

    Attributes:
        id: the question ID (a yes) or the computed finding ID.
        level: STOP, CAUTION or NOTE.
        kind: ``question`` or ``computed``.
        message: what it means, in English and French.
    """

    id: str
    level: Level
    kind: str
    message: Text


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """The outcome of screening one consultation.

    Attributes:
        verdict: stop, incomplete, caution or proceed.
        findings: every finding that fired, questions first (in protocol order), then the
            computed findings (in case-format order).
        missing: what still stops the consultation: question IDs unanswered or unsure, CAUTION
            finding IDs without a reason that counts (``core.reasons``), ``diagnosis`` for a
            therapeutic indication without one, then ``risks_discussed``, ``lot``, ``consent``,
            ``consent.patient_signature``, ``consent.clinician`` where missing.
        off_label: indication IDs off-label for this patient: not authorized for the product in
            the jurisdiction, or outside the labeled age (``age_above_label``).
        applicable_questions: the question IDs asked for this consultation, in protocol order.
        off_label_by_age: indication ID -> the labeled age limit, for the indications that are
            authorized but off-label because of the patient's age.
    """

    verdict: Verdict
    findings: tuple[Finding, ...]
    missing: tuple[str, ...]
    off_label: tuple[str, ...]
    applicable_questions: tuple[str, ...]
    off_label_by_age: Mapping[str, int] = field(default_factory=dict)

    def finding(self, finding_id: str) -> Finding | None:
        """Return the finding with this ID, or ``None`` when it did not fire."""
        for f in self.findings:
            if f.id == finding_id:
                return f
        return None


# --------------------------------------------------------------------------- screening


def _computed(facts: Facts) -> list[Finding]:
    """Run every registered computed finding, in registration (report) order."""
    found: list[Finding] = []
    for rule in COMPUTED_RULES.values():
        fired = rule.check(facts.rule(rule.id), facts)
        if fired is not None:
            found.append(Finding(rule.id, fired.level, "computed", fired.message))
    return found


def needs_diagnosis(protocol: Protocol, c: Consultation) -> bool:
    """Whether a diagnosis is still missing (any indication therapeutic, none that counts).

    ``core.diagnosis`` decides what counts: "x" or "test" is not a diagnosis.
    """
    therapeutic = any(not protocol.indications[i].cosmetic for i in c.indications)
    return therapeutic and not diagnosis_counts(c.diagnosis)


def _missing_steps(c: Consultation, required_risks: frozenset[str] | None) -> list[str]:
    missing: list[str] = []
    discussed = c.risks_discussed
    if discussed is None or (
        discussed != RISKS_ALL
        and required_risks is not None
        and not required_risks.issubset(discussed)
    ):
        missing.append("risks_discussed")
    if c.lot is None or not c.lot.number.strip():
        missing.append("lot")
    consent = c.consent
    if consent is None or consent.decision is None:
        missing.append("consent")
        return missing
    if consent.decision is Decision.GIVEN and not (
        consent.patient_signature or consent.substitute is not None
    ):
        missing.append("consent.patient_signature")
    if not (consent.clinician and consent.clinician.strip()):
        missing.append("consent.clinician")
    return missing


def screen(
    protocol: Protocol,
    consultation: Consultation,
    required_risks: frozenset[str] | None = None,
) -> ScreeningResult:
    """Screen one consultation.

    Args:
        protocol: the protocol the consultation was checked against.
        consultation: a validated consultation (its IDs exist in ``protocol``).
        required_risks: the risk IDs assembled for this consultation
            (``core.assembly.required_risk_ids``); when ``None``, ``risks_discussed`` only has to
            be given (``"all"`` or a list).

    Returns:
        The verdict, findings, missing items, off-label indications and applicable questions.
    """
    c = consultation
    s = protocol.situation(
        jurisdiction=c.jurisdiction.value,
        product=c.product,
        areas=c.plan,
        indications=c.indications,
        sex=c.patient.sex.value,
    )
    findings: list[Finding] = []
    applicable: list[str] = []
    unanswered: list[str] = []
    for question in protocol.questions.values():
        if not question.when.holds(s):
            continue
        applicable.append(question.id)
        answer = c.answers.get(question.id)
        if answer is None or answer is Answer.UNSURE:
            unanswered.append(question.id)
        elif answer is Answer.YES:
            level = question.level_for(s)
            if level is not None:
                findings.append(Finding(question.id, level, "question", question.finding))
    facts = Facts.of(protocol, c, s)
    findings.extend(_computed(facts))

    levels = {f.level for f in findings}
    if Level.STOP in levels:
        verdict = Verdict.STOP
    elif unanswered:
        verdict = Verdict.INCOMPLETE
    elif Level.CAUTION in levels:
        verdict = Verdict.CAUTION
    else:
        verdict = Verdict.PROCEED

    unreasoned = [
        f.id
        for f in findings
        if f.level is Level.CAUTION and not reason_counts(c.reasons.get(f.id))
    ]
    # 1.1: a therapeutic indication needs a diagnosis (and who examined) before consent.
    undiagnosed = ["diagnosis"] if needs_diagnosis(protocol, c) else []
    off_label = tuple(ind.id for ind in off_label_indications(facts))
    limit = protocol.rules["age_above_label"].number("at_or_above")
    by_age = {
        ind.id: limit
        for ind in age_above_indications(facts)
        if protocol.is_authorized(ind.id, c.product, c.jurisdiction.value)
    }
    return ScreeningResult(
        verdict=verdict,
        findings=tuple(findings),
        missing=tuple(unanswered + unreasoned + undiagnosed + _missing_steps(c, required_risks)),
        off_label=off_label,
        applicable_questions=tuple(applicable),
        off_label_by_age=MappingProxyType(by_age),
    )


def screening_json(result: ScreeningResult, protocol: Protocol, lang: str = "en") -> dict[str, Any]:
    """Return the ``screening.json`` document of case-format.md for ``result``.

    Args:
        result: the screening result.
        protocol: the protocol it was computed with (its version and hash are recorded).
        lang: the language of the messages (``en`` or ``fr``).

    Returns:
        A JSON-ready dict.
    """
    return {
        "verdict": result.verdict.value,
        "findings": [
            {"id": f.id, "level": f.level.value, "kind": f.kind, "message": f.message.get(lang)}
            for f in result.findings
        ],
        "missing": list(result.missing),
        "off_label": list(result.off_label),
        "protocol": {"version": protocol.version, "hash": protocol.hash},
    }


def level_counts(findings: Iterable[Finding]) -> Mapping[Level, int]:
    """Return how many findings there are of each level (every level present, maybe 0)."""
    counts = dict.fromkeys(Level, 0)
    for f in findings:
        counts[f.level] += 1
    return counts

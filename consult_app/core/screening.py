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
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from consult_app.core.consultation import RISKS_ALL, Answer, Consultation, Decision, age_on
from consult_app.core.protocol import COMPUTED_FINDINGS, Level, Protocol, Situation
from consult_app.core.texts import Text

__all__ = [
    "Finding",
    "Level",
    "ScreeningResult",
    "Verdict",
    "format_units",
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
            finding IDs without a reason, then ``risks_discussed``, ``lot``, ``consent``,
            ``consent.patient_signature``, ``consent.clinician`` where missing.
        off_label: indication IDs not authorized for the product in the jurisdiction.
        applicable_questions: the question IDs asked for this consultation, in protocol order.
    """

    verdict: Verdict
    findings: tuple[Finding, ...]
    missing: tuple[str, ...]
    off_label: tuple[str, ...]
    applicable_questions: tuple[str, ...]

    def finding(self, finding_id: str) -> Finding | None:
        """Return the finding with this ID, or ``None`` when it did not fire."""
        for f in self.findings:
            if f.id == finding_id:
                return f
        return None


# --------------------------------------------------------------------------- formatting


def format_units(units: float, lang: str = "en") -> str:
    """Format a number of units: ``155`` or ``12.5`` (``12,5`` in French)."""
    if units == int(units):
        return str(int(units))
    text = f"{units:g}"
    return text.replace(".", ",") if lang == "fr" else text


Param = str | int | float | Text


def _value(value: Param, lang: str) -> str:
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, float):
        return format_units(value, lang)
    return str(value)


def _fill(template: Text, **params: Param) -> Text:
    """Fill a message template in both languages (placeholders were checked at load)."""
    return Text(
        template.en.format_map({k: _value(v, "en") for k, v in params.items()}),
        template.fr.format_map({k: _value(v, "fr") for k, v in params.items()}),
    )


def _join(texts: Iterable[Text]) -> Text:
    items = list(texts)
    return Text(", ".join(t.en for t in items), ", ".join(t.fr for t in items))


# --------------------------------------------------------------------------- screening


def _days_before(consultation_date: date, when: date) -> int:
    return (consultation_date - when).days


def _computed(protocol: Protocol, c: Consultation, s: Situation) -> list[Finding]:
    rules = protocol.rules
    product = protocol.products[c.product]
    jur = c.jurisdiction.value
    name = product.display_name(jur)
    total = c.total_units
    found: list[Finding] = []

    def add(fid: str, level: Level, message: Text) -> None:
        found.append(Finding(fid, level, "computed", message))

    # lot_expired: expiry before the consultation date (on the date itself is still valid).
    if c.lot is not None and c.lot.expiry is not None and c.lot.expiry < c.date:
        rule = rules.lot_expired
        add(
            "lot_expired",
            rule.level,
            _fill(rule.message, lot=c.lot.number, expiry=c.lot.expiry.isoformat()),
        )

    # dose_above_maximum: the product's ceiling; the window counts its own history only.
    maximum = product.maximum
    if maximum is not None:
        limits = [maximum.units]
        limits += [u for iid, u in maximum.by_indication.items() if iid in s.indications]
        limit = min(limits)
        history = 0.0
        if maximum.window_days is not None:
            history = sum(
                h.units
                for h in c.history
                if h.product == c.product
                and 0 <= _days_before(c.date, h.date) < maximum.window_days
            )
        if total + history > limit:
            rule_max = rules.dose_above_maximum
            if history > 0:
                message = _fill(
                    rule_max.cumulative_message,
                    product=name,
                    plan=total,
                    history=history,
                    total=total + history,
                    days=maximum.window_days or 0,
                    limit=limit,
                )
            else:
                message = _fill(rule_max.message, product=name, total=total, limit=limit)
            add("dose_above_maximum", rule_max.level, message)

    # dose_above_label: every indication on-label with a labeled dose, plan above their sum.
    indications = [protocol.indications[i] for i in c.indications]
    if all(
        protocol.is_authorized(ind.id, c.product, jur) and c.product in ind.labeled_dose
        for ind in indications
    ):
        label = sum(ind.labeled_dose[c.product] for ind in indications)
        if total > label:
            rule = rules.dose_above_label
            add(
                "dose_above_label",
                rule.level,
                _fill(
                    rule.message,
                    product=name,
                    total=total,
                    label=float(label),
                    indications=_join(ind.name for ind in indications),
                ),
            )

    # age_below_label / age_above_label: completed years on the consultation date.
    age = age_on(c.patient.birth_date, c.date)
    below = rules.age_below_label
    for band in below.bands:
        if age < band.below and band.when.holds(s):
            add("age_below_label", band.level, _fill(below.message, age=age, limit=band.below))
            break
    above = rules.age_above_label
    if age >= above.at_or_above and above.when.holds(s):
        concerned = [
            ind
            for ind in indications
            if above.when.indications is None or ind.id in above.when.indications
        ]
        add(
            "age_above_label",
            above.level,
            _fill(
                above.message,
                age=age,
                limit=above.at_or_above,
                product=name,
                indications=_join(ind.name for ind in concerned),
            ),
        )

    # retreatment_too_soon: the same product within N days (the most recent is shown).
    rule_rt = rules.retreatment_too_soon
    same = [
        h
        for h in c.history
        if h.product == c.product and 0 <= _days_before(c.date, h.date) < rule_rt.days
    ]
    if same:
        last = max(same, key=lambda h: h.date)
        add(
            "retreatment_too_soon",
            rule_rt.level,
            _fill(
                rule_rt.message,
                product=name,
                date=last.date.isoformat(),
                days=_days_before(c.date, last.date),
                limit=rule_rt.days,
            ),
        )

    # other_toxin_recent: a different product within N days; its own units, never converted.
    rule_ot = rules.other_toxin_recent
    others = sorted(
        (
            h
            for h in c.history
            if h.product != c.product and 0 <= _days_before(c.date, h.date) < rule_ot.days
        ),
        key=lambda h: (h.date, h.product),
        reverse=True,
    )
    if others and rule_ot.entry is not None:
        entry = rule_ot.entry
        entries = [
            _fill(
                entry,
                product=(
                    protocol.products[h.product].display_name(jur)
                    if h.product in protocol.products
                    else h.product
                ),
                units=h.units,
                date=h.date.isoformat(),
                days=_days_before(c.date, h.date),
            )
            for h in others
        ]
        joined = Text("; ".join(e.en for e in entries), "; ".join(e.fr for e in entries))
        add(
            "other_toxin_recent",
            rule_ot.level,
            _fill(rule_ot.message, entries=joined, limit=rule_ot.days),
        )

    # below_indication_threshold: silent when the score is not given.
    rule_th = rules.below_indication_threshold
    value = c.outcomes.get(rule_th.outcome)
    if rule_th.indication in s.indications and value is not None and value < rule_th.minimum:
        add(
            "below_indication_threshold",
            rule_th.level,
            _fill(
                rule_th.message,
                value=value,
                limit=rule_th.minimum,
                indication=protocol.indications[rule_th.indication].name,
                outcome=protocol.outcomes[rule_th.outcome].name,
            ),
        )

    # off_label: one finding listing every indication not authorized for the product here.
    off = [ind for ind in indications if not protocol.is_authorized(ind.id, c.product, jur)]
    if off:
        rule = rules.off_label
        add(
            "off_label",
            rule.level,
            _fill(
                rule.message,
                product=name,
                jurisdiction=protocol.jurisdictions[jur].name,
                indications=_join(ind.name for ind in off),
            ),
        )

    order = {fid: i for i, fid in enumerate(COMPUTED_FINDINGS)}
    found.sort(key=lambda f: order[f.id])
    return found


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
    findings.extend(_computed(protocol, c, s))

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
        if f.level is Level.CAUTION and not (c.reasons.get(f.id) or "").strip()
    ]
    off_label = tuple(
        i for i in c.indications if not protocol.is_authorized(i, c.product, c.jurisdiction.value)
    )
    return ScreeningResult(
        verdict=verdict,
        findings=tuple(findings),
        missing=tuple(unanswered + unreasoned + _missing_steps(c, required_risks)),
        off_label=off_label,
        applicable_questions=tuple(applicable),
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

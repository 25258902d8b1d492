"""Outcomes over time, per indication (pure): what the patient page charts and tabulates.

:func:`outcome_series` turns a patient's treatments (with the baseline scores recorded at each)
and follow-ups into one :class:`IndicationSeries` per treated indication: the scores of each
outcome the indication records, per visit (treatment baselines and follow-ups, oldest first), the
treatment dates, and for the indication a continuation rule reads (``insufficient_response``)
the line the score must fall below (the baseline less the rule's percentage).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from consult_app.core.followup_model import BaselineTreatment, FollowUpRecord
from consult_app.core.protocol import Protocol

__all__ = ["IndicationSeries", "OutcomePoint", "outcome_series"]


@dataclass(frozen=True, slots=True)
class OutcomePoint:
    """One visit's scores.

    Attributes:
        date: the visit date.
        kind: ``treatment`` (the score recorded at a treatment) or ``followup``.
        scores: outcome ID -> score (only those recorded).
    """

    date: dt.date
    kind: str
    scores: dict[str, int]


@dataclass(frozen=True, slots=True)
class IndicationSeries:
    """Scores of one indication over time.

    Attributes:
        indication: indication ID.
        outcomes: the outcome IDs shown, in the protocol's order for the indication.
        points: visits with at least one of those scores, oldest first.
        treatments: the dates of the treatments for the indication.
        baseline: outcome ID -> the score recorded at the first treatment for the indication.
        target: outcome ID -> the score a continuation rule requires to fall below (e.g. 70% of
            the baseline headache days), when the protocol has such a rule for the indication.
        target_percent: the rule's percentage (0 without one).
    """

    indication: str
    outcomes: tuple[str, ...]
    points: tuple[OutcomePoint, ...]
    treatments: tuple[dt.date, ...]
    baseline: dict[str, int]
    target: dict[str, float]
    target_percent: int = 0


def _continuation(protocol: Protocol, indication: str) -> tuple[str, int] | None:
    rule = protocol.rules.get("insufficient_response")
    if rule is None or rule.ids.get("indication") != indication:
        return None
    return rule.ids.get("outcome", ""), rule.number("percent")


def outcome_series(
    protocol: Protocol,
    treatments: Sequence[BaselineTreatment],
    followups: Sequence[FollowUpRecord],
) -> list[IndicationSeries]:
    """Return one series per indication treated, in the order first treated.

    Follow-ups count for every indication of the treatment they follow.
    """
    order: list[str] = []
    for t in sorted(treatments, key=lambda t: t.date):
        order += [i for i in t.indications if i not in order]
    out = []
    for ind in order:
        known = protocol.indications[ind].outcomes if ind in protocol.indications else ()
        mine = sorted((t for t in treatments if ind in t.indications), key=lambda t: t.date)
        points = [
            OutcomePoint(t.date, "treatment", {o: t.outcomes[o] for o in known if o in t.outcomes})
            for t in mine
        ]
        points += [
            OutcomePoint(f.date, "followup", {o: f.outcomes[o] for o in known if o in f.outcomes})
            for f in followups
            if ind in f.indications
        ]
        points = sorted((p for p in points if p.scores), key=lambda p: (p.date, p.kind))
        baseline = dict(mine[0].outcomes) if mine else {}
        baseline = {o: v for o, v in baseline.items() if o in known}
        target: dict[str, float] = {}
        percent = 0
        rule = _continuation(protocol, ind)
        if rule is not None and rule[0] in baseline:
            outcome, percent = rule
            target[outcome] = baseline[outcome] * (100 - percent) / 100
        out.append(
            IndicationSeries(
                indication=ind,
                outcomes=tuple(o for o in known if any(o in p.scores for p in points)),
                points=tuple(points),
                treatments=tuple(t.date for t in mine),
                baseline=baseline,
                target=target,
                target_percent=percent,
            )
        )
    return out

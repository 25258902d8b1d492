"""Follow-up values the screening rules and the chart read (no parsing, no storage).

Kept apart from :mod:`consult_app.core.followup` (which parses files and imports the case-file
parser) so that :class:`~consult_app.core.consultation.Consultation` can hold follow-ups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

__all__ = ["AdverseEvent", "BaselineTreatment", "FollowUpRecord"]


@dataclass(frozen=True, slots=True)
class AdverseEvent:
    """An adverse event reported at a follow-up.

    Attributes:
        risk: a risk ID of the protocol (``eyelid_droop``...).
        severity: ``mild``, ``moderate`` or ``severe``.
        onset: when it started.
        resolved: when it resolved, or ``None`` when ongoing.
        notes: free text, if any.
    """

    risk: str
    severity: str
    onset: date
    resolved: date | None = None
    notes: str | None = None

    @property
    def significant(self) -> bool:
        """Moderate or severe (what ``prior_adverse_event`` reads)."""
        return self.severity in ("moderate", "severe")


def _empty() -> Mapping[str, int]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class FollowUpRecord:
    """A stored follow-up, as the screening rules and the chart read it.

    Attributes:
        date: the visit date.
        product: product ID of the treatment it follows.
        treatment_date: the date of that treatment.
        indications: the indications of that treatment.
        outcomes: outcome ID -> score.
        adverse_events: adverse events reported.
        followup_id: its database id (0 when not stored).
        consultation_id: the consultation it follows.
    """

    date: date
    product: str
    treatment_date: dt.date
    indications: tuple[str, ...] = ()
    outcomes: Mapping[str, int] = field(default_factory=_empty)
    adverse_events: tuple[AdverseEvent, ...] = ()
    followup_id: int = 0
    consultation_id: int = 0


@dataclass(frozen=True, slots=True)
class BaselineTreatment:
    """A treatment with the baseline scores recorded at it (from its sealed consent)."""

    date: date
    product: str
    indications: tuple[str, ...]
    outcomes: Mapping[str, int]
    consultation_id: int = 0
    consent_id: int = 0

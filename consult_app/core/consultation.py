"""The consultation as values: everything a clinician enters, as in a case file.

A :class:`Consultation` is what ``core.case_file.parse_case`` builds from a case file and what the
GUI builds step by step; screening, plan and documents read it. Every value is already validated
against the protocol (IDs exist, dates are real, units are positive whole or half units).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from consult_app.core.followup_model import FollowUpRecord

if TYPE_CHECKING:
    from consult_app.core.administration import Administration

CASE_FORMAT = "consult-case/1"
"""The only case-file ``format`` this version reads and writes."""

RISKS_ALL: Literal["all"] = "all"
"""``risks_discussed`` value meaning every assembled risk was discussed."""


class Jurisdiction(Enum):
    """Whose labels apply; ``.value`` is the case-format string."""

    CA = "CA"
    US = "US"


class Sex(Enum):
    """The patient's sex as recorded; ``.value`` is the case-format string."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class Answer(Enum):
    """An answer to a screening question: YES means the condition is present."""

    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class Decision(Enum):
    """The patient's consent decision."""

    GIVEN = "given"
    DECLINED = "declined"


@dataclass(frozen=True, slots=True)
class PatientDetails:
    """The patient, as entered for this consultation.

    Attributes:
        name: full name.
        birth_date: date of birth.
        sex: recorded sex.
        chart_number: the clinic's chart number, if any.
        phone: the number the clinic calls the patient back on, if any.
        email: email address for the handout, if any.
        language: ``en`` or ``fr``, the language of the patient's documents.
        allergies: free-text allergies, if any.
    """

    name: str
    birth_date: date
    sex: Sex = Sex.UNKNOWN
    chart_number: str | None = None
    email: str | None = None
    language: str = "en"
    phone: str | None = None
    allergies: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """An earlier toxin treatment.

    Attributes:
        date: when it was given.
        product: product ID.
        units: total units of that product (never converted).
        indications: the indications treated (known for treatments recorded in the database).
        outcomes: the baseline scores recorded at that treatment (database treatments only).
    """

    date: date
    product: str
    units: float
    indications: tuple[str, ...] = ()
    outcomes: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class Lot:
    """The product lot used.

    Attributes:
        number: lot number.
        expiry: expiry date, if known.
    """

    number: str
    expiry: date | None = None


@dataclass(frozen=True, slots=True)
class Substitute:
    """A substitute decision-maker signing for the patient.

    Attributes:
        name: their name.
        relationship: their relationship to the patient.
        signature: ``typed:NAME`` or ``png:BASE64``.
    """

    name: str
    relationship: str
    signature: str


@dataclass(frozen=True, slots=True)
class Witness:
    """An optional witness of the consent.

    Attributes:
        name: their name.
        signature: ``typed:NAME`` or ``png:BASE64``, if they signed.
    """

    name: str
    signature: str | None = None


@dataclass(frozen=True, slots=True)
class ConsentInput:
    """The consent step as entered (before sealing).

    Attributes:
        decision: given, declined, or ``None`` when not yet asked.
        patient_signature: ``typed:NAME`` or ``png:BASE64``.
        clinician: the clinician's name.
        clinician_signature: ``typed:NAME`` or ``png:BASE64``.
        witness: an optional witness.
        substitute: a substitute decision-maker signing instead of the patient.
    """

    decision: Decision | None = None
    patient_signature: str | None = None
    clinician: str | None = None
    clinician_signature: str | None = None
    witness: Witness | None = None
    substitute: Substitute | None = None


def _empty() -> Mapping[Any, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Consultation:
    """One consultation: the fields of a case file, as validated values.

    Attributes:
        date: the consultation date.
        patient: the patient.
        indications: indication IDs (at least one), in the order given.
        product: product ID.
        plan: area ID -> units of the product (positive, whole or half), in the order given.
        jurisdiction: whose labels apply.
        history: earlier treatments (from the case file and from the database).
        diagnosis: the diagnosis basis, free text (required before consent when any
            indication is therapeutic).
        prescriber: who examined and authorized the treatment, when the injecting clinician is
            not the prescriber (a nurse injector under a physician's order).
        outcomes: outcome ID -> baseline score.
        lot: the lot used, or ``None`` when not yet entered.
        dilution_units_per_ml: the dilution, or ``None`` for the protocol's usual one.
        answers: question ID -> answer.
        reasons: finding ID -> the clinician's reason for going on despite a CAUTION.
        risks_discussed: ``"all"``, the risk IDs discussed, or ``None`` when not yet done.
        consent: the consent step, or ``None`` when not yet reached.
        followups: follow-up visits recorded in the database on or before the consultation
            date, oldest first (what ``prior_adverse_event`` and ``insufficient_response`` read).
        plan_sides: bilateral area ID -> units per side, for the areas whose sides were given
            as ``{"left", "right"}`` (1.1); other bilateral areas split evenly
            (``core.sides.side_units``). Each entry's total equals ``plan[area]``.
        administration: what was actually given after consent (1.1), or ``None`` when not
            recorded.
    """

    date: date
    patient: PatientDetails
    indications: tuple[str, ...]
    product: str
    plan: Mapping[str, float]
    jurisdiction: Jurisdiction = Jurisdiction.CA
    history: tuple[HistoryEntry, ...] = ()
    diagnosis: str | None = None
    prescriber: str | None = None
    outcomes: Mapping[str, int] = field(default_factory=_empty)
    lot: Lot | None = None
    dilution_units_per_ml: float | None = None
    answers: Mapping[str, Answer] = field(default_factory=_empty)
    reasons: Mapping[str, str] = field(default_factory=_empty)
    risks_discussed: Literal["all"] | tuple[str, ...] | None = None
    consent: ConsentInput | None = None
    plan_sides: Mapping[str, Any] = field(default_factory=_empty)
    administration: Administration | None = None
    followups: tuple[FollowUpRecord, ...] = ()

    @property
    def areas(self) -> frozenset[str]:
        """The planned area IDs."""
        return frozenset(self.plan)

    @property
    def total_units(self) -> float:
        """The plan total in units of the chosen product."""
        return float(sum(self.plan.values()))


def age_on(birth_date: date, on: date) -> int:
    """Return the age in completed years on date ``on``.

    A person born on 29 February completes a year on 1 March in common years.
    """
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years

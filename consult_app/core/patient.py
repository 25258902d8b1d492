"""Patient values shared by storage, the GUI and the command line.

``NewPatient`` is what a form or a case file supplies; ``PatientRow`` is what storage returns.
Both are plain frozen values: no validation beyond the allowed enumerations, which storage and the
form check. Names and free text are kept exactly as typed (any Unicode, quotes, ``<``, ``&``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

SEXES: Final = ("female", "male", "other", "unknown")
LANGUAGES: Final = ("en", "fr")


@dataclass(frozen=True, slots=True)
class NewPatient:
    """A patient's identity and contact details as entered.

    Attributes:
        name: full name exactly as typed (required, not blank).
        birth_date: date of birth.
        sex: one of ``female``, ``male``, ``other``, ``unknown``.
        chart_number: the clinic's chart number, unique among patients, or None.
        phone: phone number or None.
        email: email address or None.
        language: the patient's language for documents, ``en`` or ``fr``.
        allergies: free text or None.
    """

    name: str
    birth_date: dt.date
    sex: str = "unknown"
    chart_number: str | None = None
    phone: str | None = None
    email: str | None = None
    language: str = "en"
    allergies: str | None = None


@dataclass(frozen=True, slots=True)
class PatientRow:
    """A stored patient.

    Attributes:
        id: database id.
        name: full name exactly as stored.
        birth_date: date of birth.
        sex: one of ``SEXES``.
        chart_number: chart number or None.
        phone: phone number or None.
        email: email address or None.
        language: ``en`` or ``fr``.
        allergies: free text or None.
        created_at: when the patient was first stored (timezone-aware, UTC).
        last_visit: the date of the latest consultation, or None.
    """

    id: int
    name: str
    birth_date: dt.date
    sex: str
    chart_number: str | None
    phone: str | None
    email: str | None
    language: str
    allergies: str | None
    created_at: dt.datetime
    last_visit: dt.date | None = None

    def as_new(self) -> NewPatient:
        """Return the editable fields, e.g. to prefill a form or apply a correction."""
        return NewPatient(
            name=self.name,
            birth_date=self.birth_date,
            sex=self.sex,
            chart_number=self.chart_number,
            phone=self.phone,
            email=self.email,
            language=self.language,
            allergies=self.allergies,
        )

"""Checks on the patient details typed into the patient form.

Returns problem codes per field; the UI turns the codes into translated messages.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

MAX_NAME = 200
MAX_FIELD = 200
MAX_ALLERGIES = 4000
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]{2,}$")


class Problem(enum.Enum):
    """What is wrong with one field."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    NOT_A_DATE = "not_a_date"
    IN_FUTURE = "in_future"
    TOO_OLD = "too_old"
    BAD_EMAIL = "bad_email"
    CONTROL_CHARS = "control_chars"


@dataclass(frozen=True, slots=True)
class PatientForm:
    """The raw text of the patient form's fields."""

    name: str
    birth_date: str
    sex: str = "unknown"
    chart_number: str = ""
    phone: str = ""
    email: str = ""
    language: str = "en"
    allergies: str = ""


def _has_control(text: str) -> bool:
    return any(ord(c) < 32 and c not in "\n\t" for c in text)


def parse_date(text: str) -> dt.date | None:
    """Parse ``YYYY-MM-DD``; None when it is not a real date."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def validate_patient_form(form: PatientForm, today: dt.date) -> dict[str, Problem]:
    """Return a problem per field name; an empty dict when the form can be saved.

    Args:
        form: the typed values.
        today: the date to check the birth date against (must be in the past).
    """
    problems: dict[str, Problem] = {}
    name = form.name.strip()
    if not name:
        problems["name"] = Problem.REQUIRED
    elif len(name) > MAX_NAME:
        problems["name"] = Problem.TOO_LONG
    elif _has_control(name):
        problems["name"] = Problem.CONTROL_CHARS
    if not form.birth_date.strip():
        problems["birth_date"] = Problem.REQUIRED
    else:
        born = parse_date(form.birth_date)
        if born is None:
            problems["birth_date"] = Problem.NOT_A_DATE
        elif born >= today:
            problems["birth_date"] = Problem.IN_FUTURE
        elif today.year - born.year > 130:
            problems["birth_date"] = Problem.TOO_OLD
    email = form.email.strip()
    if email and (len(email) > MAX_FIELD or not _EMAIL.match(email)):
        problems["email"] = Problem.BAD_EMAIL
    for field in ("chart_number", "phone"):
        value = getattr(form, field).strip()
        if len(value) > MAX_FIELD:
            problems[field] = Problem.TOO_LONG
        elif _has_control(value):
            problems[field] = Problem.CONTROL_CHARS
    if len(form.allergies) > MAX_ALLERGIES:
        problems["allergies"] = Problem.TOO_LONG
    return problems

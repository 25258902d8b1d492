"""Case files (``consult-case/1``): JSON data in, a validated :class:`Consultation` out, and back.

:func:`parse_case` checks a decoded JSON value against ``case-format.md`` and the protocol and
raises :class:`~consult_app.core.errors.CaseError` whose message names the field by its path
(``plan.nose: unknown area``, ``date: 2026-02-30 is not a date``, ``patient.name: required``).
A JSON ``null`` is the same as an absent field; unknown fields, unknown IDs, wrong types and
impossible values are errors. :func:`case_to_json_dict` writes a consultation back in the same
form (for storage and for re-running a case).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from types import MappingProxyType
from typing import Any, Literal, TypeVar

from consult_app.core import limits
from consult_app.core.administration import administration_json, parse_administration
from consult_app.core.consultation import (
    CASE_FORMAT,
    RISKS_ALL,
    Answer,
    ConsentInput,
    Consultation,
    Decision,
    HistoryEntry,
    Jurisdiction,
    Lot,
    PatientDetails,
    Sex,
    Substitute,
    Witness,
)
from consult_app.core.errors import CaseError
from consult_app.core.protocol import Protocol
from consult_app.core.sides import Sides, parse_plan_entry, plan_entry_json

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
LANGUAGES = ("en", "fr")

TOP_KEYS = (
    "format",
    "id",
    "jurisdiction",
    "date",
    "patient",
    "history",
    "indications",
    "diagnosis",
    "prescriber",
    "outcomes",
    "product",
    "lot",
    "dilution_units_per_ml",
    "plan",
    "answers",
    "reasons",
    "risks_discussed",
    "consent",
    "administration",
)
"""The top-level fields of a case file, in their order."""
_PATIENT = (
    "name",
    "birth_date",
    "sex",
    "chart_number",
    "phone",
    "email",
    "language",
    "allergies",
)
_HISTORY = ("date", "product", "units")
_LOT = ("number", "expiry")
_CONSENT = (
    "decision",
    "patient_signature",
    "clinician",
    "clinician_signature",
    "witness",
    "substitute",
)
_WITNESS = ("name", "signature")
_SUBSTITUTE = ("name", "relationship", "signature")

T = TypeVar("T")


def _fail(path: str, message: str) -> CaseError:
    return CaseError(f"{path}: {message}")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _obj(value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    """An object with only ``allowed`` fields; ``null`` fields are dropped (same as absent)."""
    if not isinstance(value, dict):
        raise _fail(path or "case", "expected a JSON object")
    for key in value:
        if key not in allowed:
            raise _fail(_join(path, str(key)), "unknown field")
    return {k: v for k, v in value.items() if v is not None}


def _string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise _fail(path, "expected a string")
    text = value.strip()
    if not text:
        raise _fail(path, "must not be empty")
    return limits.check_text(text, path)


def _opt_string(obj: Mapping[str, Any], key: str, path: str) -> str | None:
    return _string(obj[key], _join(path, key)) if key in obj else None


def _date(value: Any, path: str) -> date:
    if not isinstance(value, str):
        raise _fail(path, "expected a date YYYY-MM-DD")
    if not _DATE.fullmatch(value):
        raise _fail(path, f"{value} is not a date (expected YYYY-MM-DD)")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise _fail(path, f"{value} is not a date") from None
    return limits.check_date(parsed, path)


def _number(value: Any, path: str) -> float:
    if isinstance(value, limits.TooLarge):
        raise _fail(path, f"a number of {value.digits} digits is too large")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(path, "expected a number")
    if not math.isfinite(value):
        raise _fail(path, f"{value} is not a number")
    return float(value)


def _units(value: Any, path: str) -> float:
    units = _number(value, path)
    if units <= 0:
        raise _fail(path, f"must be positive (got {_num(units)})")
    limits.check_units(units, path)
    if units * 2 != math.floor(units * 2):
        raise _fail(path, f"{_num(units)} is not a whole or half unit")
    return units


def _whole(value: Any, path: str) -> int:
    if isinstance(value, limits.TooLarge):
        raise _fail(path, f"a number of {value.digits} digits is too large")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(path, "expected a whole number")
    if isinstance(value, float):
        if not value.is_integer():
            raise _fail(path, f"{value} is not a whole number")
        return int(value)
    return value


def _enum(value: Any, path: str, kind: type[T], choices: tuple[str, ...]) -> T:
    if isinstance(value, str) and value in choices:
        return kind(value)  # type: ignore[call-arg]
    listed = ", ".join(choices[:-1]) + " or " + choices[-1]
    raise _fail(path, f"unknown value {value!r} (expected {listed})")


def _signature(value: Any, path: str) -> str:
    text = _string(value, path)
    if text.startswith("typed:"):
        if not text[len("typed:") :].strip():
            raise _fail(path, "typed signature without a name")
        limits.check_typed_signature(text[len("typed:") :].strip(), path)
        return text
    if text.startswith("png:"):
        limits.check_png(text[len("png:") :], path)
        return text
    raise _fail(path, "expected typed:NAME or png:BASE64")


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, "expected a list")
    return value


def _mapping(
    value: Any, path: str, parse_key: Callable[[str, str], None], parse: Callable[[Any, str], T]
) -> dict[str, T]:
    if not isinstance(value, dict):
        raise _fail(path, "expected a JSON object")
    result: dict[str, T] = {}
    for key, item in value.items():
        item_path = _join(path, key)
        parse_key(key, item_path)
        if item is not None:
            result[key] = parse(item, item_path)
    return result


def _not_after(when: date, consultation_date: date, path: str) -> None:
    if when > consultation_date:
        raise _fail(path, f"{when.isoformat()} is after the consultation date {consultation_date}")


def _patient(value: Any, on: date) -> PatientDetails:
    path = "patient"
    if value is None:
        raise _fail(path, "required")
    obj = _obj(value, path, _PATIENT)
    if "name" not in obj:
        raise _fail("patient.name", "required")
    name = _string(obj["name"], "patient.name")
    if "birth_date" not in obj:
        raise _fail("patient.birth_date", "required")
    birth = _date(obj["birth_date"], "patient.birth_date")
    _not_after(birth, on, "patient.birth_date")
    sex = (
        _enum(obj["sex"], "patient.sex", Sex, tuple(s.value for s in Sex))
        if "sex" in obj
        else Sex.UNKNOWN
    )
    email = _opt_string(obj, "email", path)
    if email is not None and not _EMAIL.fullmatch(email):
        raise _fail("patient.email", f"{email!r} is not an email address")
    language = "en"
    if "language" in obj:
        language = _enum(obj["language"], "patient.language", str, LANGUAGES)
    return PatientDetails(
        name=name,
        birth_date=birth,
        sex=sex,
        chart_number=_opt_string(obj, "chart_number", path),
        phone=_opt_string(obj, "phone", path),
        email=email,
        language=language,
        allergies=_opt_string(obj, "allergies", path),
    )


def _history(value: Any, protocol: Protocol, on: date) -> tuple[HistoryEntry, ...]:
    entries = []
    for index, item in enumerate(_list(value, "history")):
        path = f"history[{index}]"
        obj = _obj(item, path, _HISTORY)
        for key in _HISTORY:
            if key not in obj:
                raise _fail(f"{path}.{key}", "required")
        when = _date(obj["date"], f"{path}.date")
        _not_after(when, on, f"{path}.date")
        product = _string(obj["product"], f"{path}.product")
        if product not in protocol.products:
            raise _fail(f"{path}.product", f"unknown product '{product}'")
        entries.append(HistoryEntry(when, product, _units(obj["units"], f"{path}.units")))
    return tuple(entries)


def _indications(value: Any, protocol: Protocol) -> tuple[str, ...]:
    items = _list(value, "indications")
    if not items:
        raise _fail("indications", "at least one indication required")
    seen: list[str] = []
    for index, item in enumerate(items):
        path = f"indications[{index}]"
        iid = _string(item, path)
        if iid not in protocol.indications:
            raise _fail(path, f"unknown indication '{iid}'")
        if iid in seen:
            raise _fail(path, f"duplicate indication '{iid}'")
        seen.append(iid)
    return tuple(seen)


def _outcomes(value: Any, protocol: Protocol) -> dict[str, int]:
    def key(oid: str, path: str) -> None:
        if oid not in protocol.outcomes:
            raise _fail(path, "unknown outcome")

    def score(item: Any, path: str) -> int:
        oid = path.rsplit(".", 1)[1]
        outcome = protocol.outcomes[oid]
        number = _whole(item, path)
        if not outcome.min <= number <= outcome.max:
            raise _fail(path, f"{number} is out of range ({outcome.min}-{outcome.max})")
        return number

    return _mapping(value, "outcomes", key, score)


def _lot(value: Any) -> Lot:
    obj = _obj(value, "lot", _LOT)
    if "number" not in obj:
        raise _fail("lot.number", "required")
    expiry = _date(obj["expiry"], "lot.expiry") if "expiry" in obj else None
    return Lot(_string(obj["number"], "lot.number"), expiry)


def _plan(value: Any, protocol: Protocol) -> tuple[dict[str, float], dict[str, Sides]]:
    """The plan's totals per area, and the sides of the areas given as ``{"left", "right"}``."""
    sides: dict[str, Sides] = {}

    def key(aid: str, path: str) -> None:
        if aid not in protocol.areas:
            raise _fail(path, "unknown area")

    def units(item: Any, path: str) -> float:
        if isinstance(item, dict):
            aid = path.split(".", 1)[1]
            total, given = parse_plan_entry(protocol, aid, item, path)
            if given is not None:
                sides[aid] = given
            return total
        return _units(item, path)

    plan = _mapping(value, "plan", key, units)
    if not plan:
        raise _fail("plan", "at least one area required")
    return plan, sides


def _answers(value: Any, protocol: Protocol) -> dict[str, Answer]:
    def key(qid: str, path: str) -> None:
        if qid not in protocol.questions:
            raise _fail(path, "unknown question")

    def answer(item: Any, path: str) -> Answer:
        return _enum(item, path, Answer, tuple(a.value for a in Answer))

    return _mapping(value, "answers", key, answer)


def _reasons(value: Any, protocol: Protocol) -> dict[str, str]:
    def key(fid: str, path: str) -> None:
        if fid not in protocol.finding_levels:
            raise _fail(path, "unknown finding")

    return _mapping(value, "reasons", key, _string)


def _risks(value: Any, protocol: Protocol) -> Literal["all"] | tuple[str, ...]:
    if value == RISKS_ALL:
        return RISKS_ALL
    if not isinstance(value, list):
        raise _fail("risks_discussed", 'expected "all" or a list of risk IDs')
    known = protocol.content.risk_ids
    result: list[str] = []
    for index, item in enumerate(value):
        path = f"risks_discussed[{index}]"
        rid = _string(item, path)
        if rid not in known:
            raise _fail(path, f"unknown risk '{rid}'")
        if rid not in result:
            result.append(rid)
    return tuple(result)


def _consent(value: Any) -> ConsentInput:
    obj = _obj(value, "consent", _CONSENT)
    decision = None
    if "decision" in obj:
        decision = _enum(
            obj["decision"], "consent.decision", Decision, tuple(d.value for d in Decision)
        )
    witness = None
    if "witness" in obj:
        w = _obj(obj["witness"], "consent.witness", _WITNESS)
        if "name" not in w:
            raise _fail("consent.witness.name", "required")
        witness = Witness(
            _string(w["name"], "consent.witness.name"),
            _signature(w["signature"], "consent.witness.signature") if "signature" in w else None,
        )
    substitute = None
    if "substitute" in obj:
        sub = _obj(obj["substitute"], "consent.substitute", _SUBSTITUTE)
        for key in _SUBSTITUTE:
            if key not in sub:
                raise _fail(f"consent.substitute.{key}", "required")
        substitute = Substitute(
            _string(sub["name"], "consent.substitute.name"),
            _string(sub["relationship"], "consent.substitute.relationship"),
            _signature(sub["signature"], "consent.substitute.signature"),
        )
    return ConsentInput(
        decision=decision,
        patient_signature=(
            _signature(obj["patient_signature"], "consent.patient_signature")
            if "patient_signature" in obj
            else None
        ),
        clinician=_opt_string(obj, "clinician", "consent"),
        clinician_signature=(
            _signature(obj["clinician_signature"], "consent.clinician_signature")
            if "clinician_signature" in obj
            else None
        ),
        witness=witness,
        substitute=substitute,
    )


def parse_case(data: object, protocol: Protocol, *, today: date | None = None) -> Consultation:
    """Validate a decoded case file and build the consultation.

    Args:
        data: the decoded JSON value.
        protocol: the protocol whose IDs the case uses.
        today: the default consultation date (default: today, local time).

    Returns:
        The consultation.

    Raises:
        CaseError: the message names the field by its path and says what is wrong.
    """
    limits.check_depth(data)
    obj = _obj(data, "", TOP_KEYS)
    if "format" not in obj:
        raise _fail("format", "required")
    if obj["format"] != CASE_FORMAT:
        raise _fail("format", f"expected {CASE_FORMAT!r} (got {obj['format']!r})")
    if "id" in obj:
        limits.check_case_id(obj["id"])
    jurisdiction = Jurisdiction.CA
    if "jurisdiction" in obj:
        jurisdiction = _enum(
            obj["jurisdiction"], "jurisdiction", Jurisdiction, tuple(j.value for j in Jurisdiction)
        )
    on = _date(obj["date"], "date") if "date" in obj else (today or date.today())
    patient = _patient(obj.get("patient"), on)
    history = _history(obj["history"], protocol, on) if "history" in obj else ()
    if "indications" not in obj:
        raise _fail("indications", "required")
    indications = _indications(obj["indications"], protocol)
    diagnosis = _opt_string(obj, "diagnosis", "")
    prescriber = _opt_string(obj, "prescriber", "")
    outcomes = _outcomes(obj["outcomes"], protocol) if "outcomes" in obj else {}
    if "product" not in obj:
        raise _fail("product", "required")
    product = _string(obj["product"], "product")
    if product not in protocol.products:
        raise _fail("product", f"unknown product '{product}'")
    lot = _lot(obj["lot"]) if "lot" in obj else None
    dilution = None
    if "dilution_units_per_ml" in obj:
        dilution = _number(obj["dilution_units_per_ml"], "dilution_units_per_ml")
        if dilution <= 0:
            raise _fail("dilution_units_per_ml", "must be positive")
        limits.check_dilution(dilution, "dilution_units_per_ml")
    if "plan" not in obj:
        raise _fail("plan", "required")
    plan, plan_sides = _plan(obj["plan"], protocol)
    answers = _answers(obj["answers"], protocol) if "answers" in obj else {}
    reasons = _reasons(obj["reasons"], protocol) if "reasons" in obj else {}
    risks = _risks(obj["risks_discussed"], protocol) if "risks_discussed" in obj else None
    consent = _consent(obj["consent"]) if "consent" in obj else None
    consultation = Consultation(
        date=on,
        patient=patient,
        indications=indications,
        product=product,
        plan=MappingProxyType(plan),
        jurisdiction=jurisdiction,
        history=history,
        diagnosis=diagnosis,
        prescriber=prescriber,
        outcomes=MappingProxyType(outcomes),
        lot=lot,
        dilution_units_per_ml=dilution,
        answers=MappingProxyType(answers),
        reasons=MappingProxyType(reasons),
        risks_discussed=risks,
        consent=consent,
        plan_sides=MappingProxyType(plan_sides),
    )
    if "administration" in obj:
        administration = parse_administration(obj["administration"], protocol, consultation)
        consultation = replace(consultation, administration=administration)
    return consultation


# --------------------------------------------------------------------------- writing


def _num(value: float) -> int | float:
    """A whole number as an int (``155``), anything else as a float (``12.5``)."""
    return int(value) if float(value).is_integer() else value


def _drop_none(obj: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v is not None}


def case_to_json_dict(consultation: Consultation) -> dict[str, Any]:
    """Return the consultation as a ``consult-case/1`` JSON object (absent values left out).

    ``parse_case(case_to_json_dict(c), protocol)`` gives back ``c``.
    """
    c = consultation
    p = c.patient
    result: dict[str, Any] = {
        "format": CASE_FORMAT,
        "jurisdiction": c.jurisdiction.value,
        "date": c.date.isoformat(),
        "patient": _drop_none(
            {
                "name": p.name,
                "birth_date": p.birth_date.isoformat(),
                "sex": p.sex.value,
                "chart_number": p.chart_number,
                "phone": p.phone,
                "email": p.email,
                "language": p.language,
                "allergies": p.allergies,
            }
        ),
        "history": [
            {"date": h.date.isoformat(), "product": h.product, "units": _num(h.units)}
            for h in c.history
        ],
        "indications": list(c.indications),
        "diagnosis": c.diagnosis,
        "prescriber": c.prescriber,
        "outcomes": dict(c.outcomes),
        "product": c.product,
        "lot": (
            _drop_none(
                {
                    "number": c.lot.number,
                    "expiry": c.lot.expiry.isoformat() if c.lot.expiry else None,
                }
            )
            if c.lot
            else None
        ),
        "dilution_units_per_ml": (
            _num(c.dilution_units_per_ml) if c.dilution_units_per_ml is not None else None
        ),
        "plan": {
            area: plan_entry_json(units, c.plan_sides.get(area)) for area, units in c.plan.items()
        },
        "answers": {qid: a.value for qid, a in c.answers.items()},
        "reasons": dict(c.reasons),
        "risks_discussed": (
            c.risks_discussed
            if c.risks_discussed is None or c.risks_discussed == RISKS_ALL
            else list(c.risks_discussed)
        ),
        "consent": _consent_json(c.consent) if c.consent else None,
        "administration": (
            administration_json(c.administration) if c.administration is not None else None
        ),
    }
    return _drop_none(result)


def _consent_json(consent: ConsentInput) -> dict[str, Any]:
    return _drop_none(
        {
            "decision": consent.decision.value if consent.decision else None,
            "patient_signature": consent.patient_signature,
            "clinician": consent.clinician,
            "clinician_signature": consent.clinician_signature,
            "witness": (
                _drop_none({"name": consent.witness.name, "signature": consent.witness.signature})
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
    )

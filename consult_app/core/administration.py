"""What was actually given: the administration (case-format 1.1, "Administration").

A case file's optional ``administration`` object records, after consent, the time, the injector,
the vials used, every injection point with its area, side and units (and where it sits on the
region's diagram), the units wasted, and notes; or ``not_given`` with the reason the patient was
not injected. :func:`parse_administration` validates it against the consented consultation and
raises :class:`~consult_app.core.errors.CaseError` naming the field by its path
(``administration.points[2].area: ...``). :func:`compare` sets planned against given units per
area and side; :func:`administration_payload` is what is sealed.

Rules (1.1): only with consent given; ``clinician`` defaults to ``consent.clinician``; at least
one vial when points are given; an expired vial is an error; a point's area must be in the plan;
its side ``left``/``right`` for a bilateral area, ``midline`` for a midline one (the default for a
midline area); units positive, whole or half; ``x``/``y`` both or neither, in [0, 1];
``not_given`` excludes points.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from consult_app.core.consultation import Consultation, Decision
from consult_app.core.errors import CaseError
from consult_app.core.protocol import Protocol
from consult_app.core.sides import MIDLINE, side_units, sides_allowed

__all__ = [
    "ADMINISTRATION_FORMAT",
    "Administration",
    "AreaSideComparison",
    "Point",
    "Vial",
    "administration_json",
    "administration_payload",
    "compare",
    "given_by_area",
    "parse_administration",
]

ADMINISTRATION_FORMAT: Final = "consult-administration/1"
"""``format`` of the sealed administration payload."""

_FIELDS: Final = ("time", "clinician", "vials", "points", "wasted_units", "not_given", "notes")
_VIAL: Final = ("lot", "expiry", "size_units", "diluent_ml", "reconstituted")
_POINT: Final = ("area", "side", "units", "x", "y")
_DATE_TIME: Final = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?")
_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Vial:
    """One vial used.

    Attributes:
        lot: lot number.
        expiry: expiry date, if given.
        size_units: units in the vial, if given.
        diluent_ml: diluent added (mL), if given.
        reconstituted: when it was reconstituted (local), if given.
    """

    lot: str
    expiry: dt.date | None = None
    size_units: float | None = None
    diluent_ml: float | None = None
    reconstituted: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class Point:
    """One injection.

    Attributes:
        area: area ID (from the consented plan).
        side: ``left``, ``right`` or ``midline``.
        units: units given there.
        x: position across the region's diagram, 0-1 (None: listed, not drawn).
        y: position down the region's diagram, 0-1.
    """

    area: str
    side: str
    units: float
    x: float | None = None
    y: float | None = None


@dataclass(frozen=True, slots=True)
class Administration:
    """What was given (or why nothing was).

    Attributes:
        time: when (local), if given.
        clinician: who injected.
        vials: the vials used.
        points: every injection, in the order given.
        wasted_units: units drawn up and not injected.
        not_given: the reason the patient was not injected, or None.
        notes: free text (immediate reactions...).
    """

    time: dt.datetime | None
    clinician: str | None
    vials: tuple[Vial, ...] = ()
    points: tuple[Point, ...] = ()
    wasted_units: float = 0.0
    not_given: str | None = None
    notes: str | None = None

    @property
    def total_units(self) -> float:
        """Units given at every point together."""
        return float(sum(p.units for p in self.points))

    @property
    def treated(self) -> bool:
        """True when at least one point was injected."""
        return bool(self.points)


def _fail(path: str, message: str) -> CaseError:
    return CaseError(f"{path}: {message}")


def _obj(value: Any, path: str, allowed: Sequence[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, "expected a JSON object")
    for key in value:
        if key not in allowed:
            raise _fail(f"{path}.{key}", "unknown field")
    return {k: v for k, v in value.items() if v is not None}


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(path, "expected a non-empty string")
    return value.strip()


def _number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _fail(path, "expected a number")
    return float(value)


def _positive(value: Any, path: str) -> float:
    number = _number(value, path)
    if number <= 0:
        raise _fail(path, f"must be positive (got {value})")
    return number


def _half_units(value: Any, path: str, *, allow_zero: bool = False) -> float:
    units = _number(value, path)
    if units < 0 or (units == 0 and not allow_zero):
        raise _fail(path, f"must be positive (got {value})")
    if units * 2 != math.floor(units * 2):
        raise _fail(path, f"{value} is not a whole or half unit")
    return units


def _date_time(value: Any, path: str) -> dt.datetime:
    if not isinstance(value, str) or not _DATE_TIME.fullmatch(value):
        raise _fail(path, f"{value!r} is not a local date-time (expected YYYY-MM-DDTHH:MM)")
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise _fail(path, f"{value} is not a date-time") from None


def _date(value: Any, path: str) -> dt.date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise _fail(path, f"{value!r} is not a date (expected YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(path, f"{value} is not a date") from None


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, "expected a list")
    return value


def _vial(value: Any, path: str, on: dt.date, given_at: dt.datetime | None) -> Vial:
    obj = _obj(value, path, _VIAL)
    if "lot" not in obj:
        raise _fail(f"{path}.lot", "required")
    expiry = _date(obj["expiry"], f"{path}.expiry") if "expiry" in obj else None
    used_on = given_at.date() if given_at is not None else on
    if expiry is not None and expiry < used_on:
        raise _fail(
            f"{path}.expiry",
            f"the vial expired on {expiry.isoformat()}, before it was used ({used_on})",
        )
    reconstituted = (
        _date_time(obj["reconstituted"], f"{path}.reconstituted")
        if "reconstituted" in obj
        else None
    )
    if reconstituted is not None and given_at is not None and reconstituted > given_at:
        raise _fail(f"{path}.reconstituted", "is after the administration time")
    return Vial(
        lot=_text(obj["lot"], f"{path}.lot"),
        expiry=expiry,
        size_units=(
            _positive(obj["size_units"], f"{path}.size_units") if "size_units" in obj else None
        ),
        diluent_ml=(
            _positive(obj["diluent_ml"], f"{path}.diluent_ml") if "diluent_ml" in obj else None
        ),
        reconstituted=reconstituted,
    )


def _coordinate(obj: Mapping[str, Any], key: str, path: str) -> float | None:
    if key not in obj:
        return None
    value = _number(obj[key], f"{path}.{key}")
    if not 0 <= value <= 1:
        raise _fail(f"{path}.{key}", f"{obj[key]} is outside the diagram (expected 0 to 1)")
    return value


def _point(value: Any, path: str, protocol: Protocol, plan: Mapping[str, float]) -> Point:
    obj = _obj(value, path, _POINT)
    if "area" not in obj:
        raise _fail(f"{path}.area", "required")
    area = _text(obj["area"], f"{path}.area")
    if area not in protocol.areas:
        raise _fail(f"{path}.area", f"unknown area '{area}'")
    if area not in plan:
        raise _fail(f"{path}.area", f"'{area}' is not in the consented plan")
    allowed = sides_allowed(protocol, area)
    if "side" in obj:
        side = obj["side"]
        if not isinstance(side, str) or side not in allowed:
            listed = " or ".join(allowed)
            raise _fail(f"{path}.side", f"{side!r} is not a side of {area} (expected {listed})")
    elif allowed == (MIDLINE,):
        side = MIDLINE
    else:
        raise _fail(f"{path}.side", "required (left or right)")
    if "units" not in obj:
        raise _fail(f"{path}.units", "required")
    x = _coordinate(obj, "x", path)
    y = _coordinate(obj, "y", path)
    if (x is None) != (y is None):
        raise _fail(f"{path}.{'y' if y is None else 'x'}", "required with the other coordinate")
    return Point(area, side, _half_units(obj["units"], f"{path}.units"), x, y)


def parse_administration(
    value: Any, protocol: Protocol, consultation: Consultation
) -> Administration:
    """Validate an ``administration`` object against the consented consultation.

    Args:
        value: the decoded JSON value.
        protocol: the protocol.
        consultation: the consultation it belongs to (plan, consent, date).

    Returns:
        The administration.

    Raises:
        CaseError: naming the field (``administration.points[0].area: ...``).
    """
    path = "administration"
    obj = _obj(value, path, _FIELDS)
    consent = consultation.consent
    if consent is None or consent.decision is not Decision.GIVEN:
        raise _fail(path, "only with consent given (consent.decision)")
    given_at = _date_time(obj["time"], f"{path}.time") if "time" in obj else None
    if given_at is not None and given_at.date() < consultation.date:
        raise _fail(f"{path}.time", f"is before the consultation date {consultation.date}")
    clinician = _text(obj["clinician"], f"{path}.clinician") if "clinician" in obj else None
    vials = tuple(
        _vial(item, f"{path}.vials[{i}]", consultation.date, given_at)
        for i, item in enumerate(_list(obj.get("vials", []), f"{path}.vials"))
    )
    points = tuple(
        _point(item, f"{path}.points[{i}]", protocol, consultation.plan)
        for i, item in enumerate(_list(obj.get("points", []), f"{path}.points"))
    )
    not_given = _text(obj["not_given"], f"{path}.not_given") if "not_given" in obj else None
    if not_given is not None and points:
        raise _fail(f"{path}.points", "no points when not_given says nothing was injected")
    if not_given is None and not points:
        raise _fail(f"{path}.points", "at least one point, or not_given with the reason")
    if points and not vials:
        raise _fail(f"{path}.vials", "at least one vial when points are given")
    wasted = (
        _half_units(obj["wasted_units"], f"{path}.wasted_units", allow_zero=True)
        if "wasted_units" in obj
        else 0.0
    )
    return Administration(
        time=given_at,
        clinician=clinician or consent.clinician,
        vials=vials,
        points=points,
        wasted_units=wasted,
        not_given=not_given,
        notes=_text(obj["notes"], f"{path}.notes") if "notes" in obj else None,
    )


@dataclass(frozen=True, slots=True)
class AreaSideComparison:
    """Planned against given units for one area and side.

    Attributes:
        area: area ID.
        side: ``left``, ``right`` or ``midline``.
        planned: units planned there.
        given: units given there.
    """

    area: str
    side: str
    planned: float
    given: float

    @property
    def difference(self) -> float:
        """Given minus planned."""
        return self.given - self.planned


def given_by_area(points: Sequence[Point]) -> dict[str, dict[str, float]]:
    """Return area -> side -> units given, in the order the points came."""
    given: dict[str, dict[str, float]] = {}
    for point in points:
        sides = given.setdefault(point.area, {})
        sides[point.side] = sides.get(point.side, 0.0) + point.units
    return given


def compare(
    protocol: Protocol, consultation: Consultation, administration: Administration
) -> tuple[AreaSideComparison, ...]:
    """Return planned against given units per area and side, for every planned area and side.

    Sides of a bilateral area with nothing planned and nothing given are left out.
    """
    given = given_by_area(administration.points)
    rows = []
    for area, units in consultation.plan.items():
        for side, planned in side_units(protocol, area, units, consultation.plan_sides):
            got = given.get(area, {}).get(side, 0.0)
            if planned or got:
                rows.append(AreaSideComparison(area, side, planned, got))
    return tuple(rows)


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _minutes(when: dt.datetime | None) -> str | None:
    return when.isoformat(timespec="minutes") if when is not None else None


def administration_json(administration: Administration) -> dict[str, Any]:
    """Return the administration as a case file writes it (absent values left out)."""
    a = administration

    def drop(obj: Mapping[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in obj.items() if v is not None}

    return drop(
        {
            "time": _minutes(a.time),
            "clinician": a.clinician,
            "vials": [
                drop(
                    {
                        "lot": v.lot,
                        "expiry": v.expiry.isoformat() if v.expiry else None,
                        "size_units": _num(v.size_units) if v.size_units is not None else None,
                        "diluent_ml": _num(v.diluent_ml) if v.diluent_ml is not None else None,
                        "reconstituted": _minutes(v.reconstituted),
                    }
                )
                for v in a.vials
            ],
            "points": [
                drop({"area": p.area, "side": p.side, "units": _num(p.units), "x": p.x, "y": p.y})
                for p in a.points
            ],
            "wasted_units": _num(a.wasted_units),
            "not_given": a.not_given,
            "notes": a.notes,
        }
    )


def administration_payload(
    protocol: Protocol,
    consultation: Consultation,
    administration: Administration,
    *,
    consent_sha256: str,
    recorded_at: dt.datetime,
) -> dict[str, Any]:
    """Return the canonical content sealed for an administration.

    Args:
        protocol: the protocol.
        consultation: the consented consultation.
        administration: what was given.
        consent_sha256: the seal of the consent it follows.
        recorded_at: when it was recorded (timezone-aware).

    Returns:
        A JSON-ready dict for ``storage.administrations.seal_administration``: the case-file
        fields plus ``format``, the consent's seal, the product, the status (``treated`` or
        ``not_treated``), planned and given units per area and side, the total given and the
        protocol's version and hash.
    """
    if recorded_at.tzinfo is None:
        raise ValueError("recorded_at must be timezone-aware")
    rows = compare(protocol, consultation, administration)
    planned: dict[str, dict[str, float]] = {}
    for row in rows:
        planned.setdefault(row.area, {})[row.side] = row.planned
    return {
        "format": ADMINISTRATION_FORMAT,
        "consent_sha256": consent_sha256,
        "date": consultation.date.isoformat(),
        "recorded_at": recorded_at.isoformat(timespec="seconds"),
        "product": consultation.product,
        "status": "treated" if administration.treated else "not_treated",
        **administration_json(administration),
        "planned": planned,
        "given": given_by_area(administration.points),
        "total_planned": consultation.total_units,
        "total_given": administration.total_units,
        "protocol": {"id": protocol.id, "version": protocol.version, "hash": protocol.hash},
    }

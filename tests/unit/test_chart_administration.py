"""Case-format 1.1 "Administration" through ``consult-app run``: what was actually given, sealed.

Every rule of the contract: only with consent given, vials (an expired one is exit 2), points in
the consented plan with a side the area allows, units whole or half, x/y in [0, 1], not_given
(no sheet), the status, the record and sheet wording, the seal checked by ``verify``, and the dose
history counting given units (300 U given + 155 U planned 40 days later STOPs at 400).
"""

from __future__ import annotations

import copy
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from chart_cli import case, cli, pdf_text, run

VIAL = {
    "lot": "C1234A",
    "expiry": "2027-05-31",
    "size_units": 200,
    "diluent_ml": 4,
    "reconstituted": "2026-11-21T10:30",
}


def administration(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "time": "2026-11-21T10:42",
        "clinician": "N. Roy, RN",
        "vials": [dict(VIAL)],
        "points": [
            {"area": "procerus", "units": 5, "x": 0.5, "y": 0.42},
            {"area": "corrugator", "side": "left", "units": 5, "x": 0.58, "y": 0.4},
            {"area": "corrugator", "side": "right", "units": 5, "x": 0.42, "y": 0.4},
            {"area": "frontalis", "side": "left", "units": 10},
            {"area": "frontalis", "side": "right", "units": 12.5},
        ],
        "wasted_units": 2,
        "notes": "Tolerated well.",
    }
    data.update(changes)
    return data


def with_admin(**changes: Any) -> dict[str, Any]:
    return case(administration=administration(**changes))


def _rows(tmp_path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(tmp_path / "data" / "consult.sqlite3")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


# --------------------------------------------------------------------------- treated


def test_treated_administration_is_sealed_printed_and_verified(tmp_path: Path) -> None:
    result, out = run(tmp_path, with_admin())
    assert result.returncode == 0, result.stdout + result.stderr
    record = pdf_text(out / "record.pdf")
    assert "Treated: 37.5 U of Botox (onabotulinumtoxinA) given (155 U planned)" in record
    assert "Treated as planned" not in record
    assert "2026-11-21 10:42" in record and "N. Roy, RN" in record
    for text in ("C1234A", "200 U", "4 mL", "2026-11-21 10:30", "Tolerated well."):
        assert text in record
    # Planned vs given per area and side, with the difference.
    assert "Frontalis (forehead) Right 10 U 12.5 U +2.5" in record
    assert "Temporalis (temples) Left 20 U 0 U −20" in record
    assert "Total 155 U 37.5 U −117.5" in record
    sheet = pdf_text(out / "handout.pdf")
    assert "Where you were treated" in sheet
    assert "Frontalis (forehead): 22.5 U (10 U left, 12.5 U right)" in sheet
    assert "Total: 37.5 U" in sheet and "Temporalis" not in sheet.split("Get urgent help")[0]

    ((status, canonical, sha),) = _rows(
        tmp_path, "SELECT status, canonical, sha256 FROM administrations"
    )
    assert status == "treated"
    payload = json.loads(bytes(canonical))
    assert payload["given"]["frontalis"] == {"left": 10, "right": 12.5}
    assert payload["total_given"] == 37.5 and payload["clinician"] == "N. Roy, RN"
    assert payload["points"][0] == {
        "area": "procerus",
        "side": "midline",
        "units": 5,
        "x": 0.5,
        "y": 0.42,
    }
    events = [e for (e,) in _rows(tmp_path, "SELECT event FROM audit_log ORDER BY seq")]
    assert "administration_sealed" in events
    verify = cli("verify", "--data-dir", str(tmp_path / "data"))
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert sha not in verify.stderr


def test_injector_defaults_to_the_consent_clinician(tmp_path: Path) -> None:
    data = with_admin()
    del data["administration"]["clinician"]
    result, out = run(tmp_path, data)
    assert result.returncode == 0, result.stderr
    ((canonical,),) = _rows(tmp_path, "SELECT canonical FROM administrations")
    assert json.loads(bytes(canonical))["clinician"] == "Dr A. Smith"
    assert "Injected by Dr A. Smith" in pdf_text(out / "record.pdf")


def test_sealed_administration_is_immutable_and_verify_catches_an_edit(tmp_path: Path) -> None:
    result, _ = run(tmp_path, with_admin())
    assert result.returncode == 0, result.stderr
    raw = sqlite3.connect(tmp_path / "data" / "consult.sqlite3")
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        raw.execute("UPDATE administrations SET status = 'not_treated'")
    with pytest.raises(sqlite3.DatabaseError, match="immutable"):
        raw.execute("DELETE FROM administrations")
    raw.rollback()
    raw.execute("DROP TRIGGER administrations_no_update")
    blob = bytes(raw.execute("SELECT canonical FROM administrations").fetchone()[0])
    raw.execute("UPDATE administrations SET canonical = ?", (blob.replace(b"12.5", b"2.5"),))
    raw.commit()
    raw.close()
    verify = cli("verify", "--data-dir", str(tmp_path / "data"))
    assert verify.returncode == 6
    assert "administration 1" in verify.stdout + verify.stderr
    assert "administrations_no_update" in verify.stdout + verify.stderr


# --------------------------------------------------------------------------- consented, not given


def test_consent_without_administration_is_consented_not_treated_as_planned(tmp_path: Path) -> None:
    result, out = run(tmp_path, case())
    assert result.returncode == 0, result.stderr
    record = pdf_text(out / "record.pdf")
    assert "Treated as planned" not in record
    assert "The administration is not recorded." in record
    assert "Consented; the administration is not recorded" in record
    assert _rows(tmp_path, "SELECT count(*) FROM administrations") == [(0,)]


def test_not_given_writes_no_sheet_and_counts_no_treatment(tmp_path: Path) -> None:
    data = case(administration={"not_given": "Patient felt faint before the first injection."})
    result, out = run(tmp_path, data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (out / "record.pdf").exists()
    assert not (out / "handout.pdf").exists()
    record = pdf_text(out / "record.pdf")
    assert "Not treated: Patient felt faint before the first injection." in record
    assert _rows(tmp_path, "SELECT status FROM administrations") == [("not_treated",)]
    # The same patient the next day: no retreatment finding, nothing counted toward 400 U.
    later = case(date="2026-11-22")
    later["plan"] = {"trapezius": 200, "cervical_paraspinal": 190}
    later["reasons"]["dose_above_label"] = "Severe bilateral pain, discussed at length today."
    result, out = run(tmp_path, later, "later")
    findings = {f["id"] for f in json.loads((out / "screening.json").read_text())["findings"]}
    assert "retreatment_too_soon" not in findings and "dose_above_maximum" not in findings


# --------------------------------------------------------------------------- dose history


def test_given_units_count_in_the_90_day_total(tmp_path: Path) -> None:
    """300 U given (plan 155) + 155 U planned 40 days later: 455 U, above Botox's 400 U: STOP."""
    points = [{"area": "trapezius", "side": s, "units": 75} for s in ("left", "right")] * 2
    first = with_admin(points=points)
    result, _ = run(tmp_path, first, "first")
    assert result.returncode == 0, result.stderr
    second = case(date="2026-12-31", history=[])
    result, out = run(tmp_path, second, "second")
    assert result.returncode == 3, result.stdout + result.stderr
    findings = {f["id"] for f in json.loads((out / "screening.json").read_text())["findings"]}
    assert "dose_above_maximum" in findings


def test_planned_units_count_when_no_administration(tmp_path: Path) -> None:
    result, _ = run(tmp_path, case(), "first")
    assert result.returncode == 0, result.stderr
    second = case(date="2026-12-31", history=[])
    second["reasons"]["retreatment_too_soon"] = "Early flare, discussed with the patient today."
    result, out = run(tmp_path, second, "second")
    findings = {f["id"] for f in json.loads((out / "screening.json").read_text())["findings"]}
    assert "dose_above_maximum" not in findings  # 155 + 155 = 310 U


# --------------------------------------------------------------------------- bad input


def _points(*points: dict[str, Any]) -> list[dict[str, Any]]:
    return [copy.deepcopy(p) for p in points]


BAD: list[tuple[dict[str, Any], str]] = [
    (
        {"points": _points({"area": "masseter", "side": "left", "units": 5})},
        "administration.points[0].area",
    ),
    (
        {"points": _points({"area": "nose", "side": "left", "units": 5})},
        "administration.points[0].area",
    ),
    (
        {"points": _points({"area": "procerus", "side": "left", "units": 5})},
        "administration.points[0].side",
    ),
    (
        {"points": _points({"area": "corrugator", "side": "midline", "units": 5})},
        "administration.points[0].side",
    ),
    ({"points": _points({"area": "corrugator", "units": 5})}, "administration.points[0].side"),
    (
        {"points": _points({"area": "corrugator", "side": "left", "units": 2.25})},
        "administration.points[0].units",
    ),
    (
        {"points": _points({"area": "corrugator", "side": "left", "units": 0})},
        "administration.points[0].units",
    ),
    (
        {"points": _points({"area": "corrugator", "side": "left", "units": -5})},
        "administration.points[0].units",
    ),
    (
        {"points": _points({"area": "corrugator", "side": "left", "units": 5, "x": 1.2, "y": 0.5})},
        "administration.points[0].x",
    ),
    (
        {
            "points": _points(
                {"area": "corrugator", "side": "left", "units": 5, "x": 0.2, "y": -0.1}
            )
        },
        "administration.points[0].y",
    ),
    (
        {"points": _points({"area": "corrugator", "side": "left", "units": 5, "x": 0.2})},
        "administration.points[0].y",
    ),
    (
        {"points": _points({"area": "corrugator", "side": "left", "units": 5, "depth": 2})},
        "administration.points[0].depth",
    ),
    ({"vials": []}, "administration.vials"),
    ({"vials": [dict(VIAL, expiry="2026-11-20")]}, "administration.vials[0].expiry"),
    ({"vials": [dict(VIAL, expiry="2026-11-31")]}, "administration.vials[0].expiry"),
    ({"vials": [dict(VIAL, lot="")]}, "administration.vials[0].lot"),
    (
        {"vials": [dict(VIAL, reconstituted="2026-11-21T11:00")]},
        "administration.vials[0].reconstituted",
    ),
    ({"time": "21/11/2026 10:42"}, "administration.time"),
    ({"time": "2026-11-20T10:42"}, "administration.time"),
    ({"not_given": "Fainted."}, "administration.points"),
    ({"points": []}, "administration.points"),
    ({"wasted_units": -1}, "administration.wasted_units"),
    ({"colour": "blue"}, "administration.colour"),
]


@pytest.mark.parametrize(("changes", "field"), BAD, ids=[f for _, f in BAD])
def test_bad_administration_exits_2_naming_the_field(
    tmp_path: Path, changes: dict[str, Any], field: str
) -> None:
    result, out = run(tmp_path, with_admin(**changes))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{field}:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "record.pdf").exists()


@pytest.mark.parametrize("consent", [None, {"decision": "declined", "clinician": "Dr A. Smith"}])
def test_administration_only_with_consent_given(tmp_path: Path, consent: Any) -> None:
    data = with_admin()
    data["consent"] = consent
    result, _ = run(tmp_path, data)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "administration: only with consent given" in result.stderr

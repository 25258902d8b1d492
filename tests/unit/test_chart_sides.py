"""Case-format 1.1 "Sides" through ``consult-app run``: left/right units, midline areas, documents.

A bilateral area takes a number (split evenly) or ``{"left": U, "right": U}`` (either may be 0);
a midline area only a number (an object is exit 2 naming the field). The record prints units per
side; the sheet prints units per area and side and the total.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chart_cli import GLABELLAR, case, pdf_text, run


def _torticollis_plan() -> dict[str, object]:
    return {"sternocleidomastoid": {"left": 0, "right": 50}, "splenius_capitis": {"left": 60}}


def test_one_sided_plan_is_sealed_with_its_sides_and_printed(tmp_path: Path) -> None:
    data = case(indications=["cervical_dystonia"], plan=_torticollis_plan())
    data["diagnosis"] = "Cervical dystonia (torticollis to the right), examined by Dr A. Smith"
    data.pop("outcomes", None)
    result, out = run(tmp_path, data)
    assert result.returncode == 0, result.stdout + result.stderr
    record = pdf_text(out / "record.pdf")
    assert "0 U left, 50 U right" in record
    assert "60 U left, 0 U right" in record
    sheet = pdf_text(out / "handout.pdf")
    assert "(0 U left, 50 U right)" in sheet
    assert "(60 U left, 0 U right)" in sheet
    assert "Total: 110 U" in sheet


def test_number_splits_evenly_and_midline_prints_midline(tmp_path: Path) -> None:
    result, out = run(tmp_path, case(GLABELLAR, plan={"procerus": 4, "corrugator": 15}))
    assert result.returncode == 0, result.stdout + result.stderr
    record = pdf_text(out / "record.pdf")
    assert "7,5 U à gauche, 7,5 U à droite" not in record  # the record is in English (--lang en)
    assert "7.5 U left, 7.5 U right" in record
    assert "Midline" in record
    sheet = pdf_text(out / "handout.pdf")  # the patient's language is French
    assert "15 U (7,5 U de chaque côté)" in sheet
    assert "Procérus" in sheet and "Total : 19 U" in sheet


@pytest.mark.parametrize(
    ("plan", "field"),
    [
        ({"procerus": {"left": 2, "right": 2}, "corrugator": 10}, "plan.procerus"),
        ({"corrugator": {"left": 0, "right": 0}}, "plan.corrugator"),
        ({"corrugator": {"left": -2, "right": 12}}, "plan.corrugator.left"),
        ({"corrugator": {"left": 2.25, "right": 8}}, "plan.corrugator.left"),
        ({"corrugator": {"left": 5, "centre": 5}}, "plan.corrugator.centre"),
        ({"corrugator": {"left": "5", "right": 5}}, "plan.corrugator.left"),
        ({"corrugator": [5, 5]}, "plan.corrugator"),
    ],
)
def test_bad_sides_exit_2_naming_the_field(
    tmp_path: Path, plan: dict[str, object], field: str
) -> None:
    result, out = run(tmp_path, case(GLABELLAR, plan=plan))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{field}:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (out / "record.pdf").exists()


def test_half_units_per_side_count_in_the_dose_rules(tmp_path: Path) -> None:
    """Sides add up to the area's total: 200.5 + 200 U of Botox is above the 400 U maximum."""
    data = case(plan={"trapezius": {"left": 200.5, "right": 200}})
    result, out = run(tmp_path, data)
    assert result.returncode == 3, result.stdout + result.stderr
    findings = json.loads((out / "screening.json").read_text("utf-8"))["findings"]
    assert "dose_above_maximum" in {f["id"] for f in findings}


def test_sealed_consent_holds_units_per_side(tmp_path: Path) -> None:
    import sqlite3

    data = case(indications=["cervical_dystonia"], plan=_torticollis_plan())
    data.pop("outcomes", None)
    result, _ = run(tmp_path, data)
    assert result.returncode == 0, result.stdout + result.stderr
    conn = sqlite3.connect(tmp_path / "data" / "consult.sqlite3")
    (canonical,) = conn.execute("SELECT canonical FROM consents").fetchone()
    conn.close()
    payload = json.loads(bytes(canonical).decode("utf-8"))
    assert payload["plan"] == {"sternocleidomastoid": 50, "splenius_capitis": 60}
    assert payload["plan_sides"]["sternocleidomastoid"] == {"left": 0, "right": 50}
    assert payload["plan_sides"]["splenius_capitis"] == {"left": 60, "right": 0}


def test_case_json_round_trip_keeps_the_sides() -> None:
    from consult_app.app.services import load_protocol_for
    from consult_app.core.case_file import case_to_json_dict, parse_case
    from consult_app.core.sides import Sides

    protocol = load_protocol_for(None)
    consultation = parse_case(
        case(GLABELLAR, plan={"procerus": 4, "corrugator": {"left": 10, "right": 6}}), protocol
    )
    assert consultation.plan == {"procerus": 4, "corrugator": 16}
    assert consultation.plan_sides == {"corrugator": Sides(10, 6)}
    written = case_to_json_dict(consultation)
    assert written["plan"] == {"procerus": 4, "corrugator": {"left": 10, "right": 6}}
    assert parse_case(written, protocol) == consultation

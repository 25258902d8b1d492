"""Recording the administration after the consent is sealed (the GUI's step 7, issue 18).

A consent sealed by ``consult-app run`` without an administration is ``consented``; the service
then seals what was given (checked like a case file), writes the record and the sheet again, and
``verify`` stays intact; the dose history counts the given units.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from chart_cli import case, cli, pdf_text, run

from consult_app.app.consultation_service import ConsultationService
from consult_app.app.paths import AppPaths
from consult_app.app.services import load_protocol_for
from consult_app.core.errors import CaseError
from consult_app.core.settings import ClinicSettings
from consult_app.storage.administrations import AdministrationNotAllowed
from consult_app.storage.db import open_database

GIVEN = {
    "time": "2026-11-21T10:42",
    "clinician": "N. Roy, RN",
    "vials": [{"lot": "C1234A", "expiry": "2027-05-31", "size_units": 200}],
    "points": [
        {"area": "trapezius", "side": "left", "units": 100, "x": 0.3, "y": 0.23},
        {"area": "trapezius", "side": "right", "units": 100, "x": 0.7, "y": 0.23},
        {"area": "cervical_paraspinal", "side": "left", "units": 50},
        {"area": "cervical_paraspinal", "side": "right", "units": 50},
    ],
}


@pytest.fixture
def sealed(tmp_path: Path):
    result, out = run(tmp_path, case())
    assert result.returncode == 0, result.stderr
    data = tmp_path / "data"
    paths = AppPaths(data=data, config=tmp_path / "c", cache=tmp_path / "k", logs=tmp_path / "l")
    conn = open_database(data / "consult.sqlite3")
    service = ConsultationService(
        conn,
        load_protocol_for(None),
        paths,
        ClinicSettings(),
        out_dir=tmp_path / "after",
        clock=lambda: dt.datetime(2026, 11, 21, 10, 50, tzinfo=dt.UTC),
    )
    yield service, out
    conn.close()


def test_administration_recorded_after_consent(tmp_path: Path, sealed) -> None:
    service, first = sealed
    assert "The administration is not recorded." in pdf_text(first / "record.pdf")
    result = service.record_administration(1, GIVEN)
    record = pdf_text(result.record)
    assert "Treated: 300 U of Botox (onabotulinumtoxinA) given (155 U planned)" in record
    assert "Trapezius Left 15 U 100 U +85" in record
    assert result.handout is not None
    assert "Total: 300 U" in pdf_text(result.handout)
    ((status,),) = service.conn.execute("SELECT status FROM administrations").fetchall()
    assert status == "treated"
    assert service.history(1)[0].treatment.status == "treated"
    verify = cli("verify", "--data-dir", str(tmp_path / "data"))
    assert verify.returncode == 0, verify.stdout + verify.stderr
    # Recorded once: a second one is refused (a correction is an addendum).
    with pytest.raises(AdministrationNotAllowed):
        service.record_administration(1, GIVEN)
    # 40 days later the 300 U given count: 300 + 155 U is above Botox's 400 U.
    later = case(date="2026-12-31", history=[])
    outcome, out = run(tmp_path, later, "later")
    assert outcome.returncode == 3, outcome.stdout


def test_bad_administration_is_refused_naming_the_field(sealed) -> None:
    service, _ = sealed
    bad = dict(GIVEN, points=[{"area": "masseter", "side": "left", "units": 5}])
    with pytest.raises(CaseError, match=r"administration.points\[0\].area"):
        service.record_administration(1, bad)
    assert service.conn.execute("SELECT count(*) FROM administrations").fetchone()[0] == 0


def test_not_given_writes_the_record_and_no_sheet(sealed) -> None:
    service, _ = sealed
    result = service.record_administration(1, {"not_given": "Vasovagal episode before injecting."})
    assert result.handout is None
    assert "Not treated: Vasovagal episode before injecting." in pdf_text(result.record)
    with pytest.raises(sqlite3.DatabaseError):
        service.conn.execute("DELETE FROM administrations")


def test_repeat_last_treatment_repeats_the_given_points(sealed) -> None:
    service, _ = sealed
    service.record_administration(1, GIVEN)
    draft = service.repeat_last(1)
    assert draft is not None
    assert draft["case"]["plan"] == {
        "trapezius": {"left": 100, "right": 100},
        "cervical_paraspinal": {"left": 50, "right": 50},
    }
    points = draft["extra"]["map_points"]
    assert [(p["region"], p["area"], p["side"], p["units"]) for p in points] == [
        ("back_shoulder", "trapezius", "left", 100),
        ("back_shoulder", "trapezius", "right", 100),
    ]  # the two points without a position are in the plan, not on the map


def test_repeat_last_without_administration_repeats_the_plan(sealed) -> None:
    service, _ = sealed
    draft = service.repeat_last(1)
    assert draft is not None and "map_points" not in draft["extra"]
    assert draft["case"]["plan"]["temporalis"] == 40

"""``consult-app due`` and ``consult-app lot`` (case-format 1.1 "Lists") on a real database.

Treatments are sealed through ``consult-app run``; the lists are read through the real commands
(subprocess for the header and the exit codes, in process through ``main`` for the many windows).
The CSV is parsed back with the ``csv`` module.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest

from consult_app.app.main import main
from consult_app.storage.db import open_database
from consult_app.storage.patients import PatientRepository
from tests.unit.test_run_cli import BASE_CASE, ROOT, cli, run_case

DUE = "chart_number,name,phone,email,last_treatment,product,review_date,earliest_retreatment"
LOT = "date,chart_number,name,phone,email,product,units"
GLABELLAR = json.loads((ROOT / "tests/fixtures/cases/glabellar_us_proceed.json").read_text("utf-8"))
HOSTILE = 'Zoë, "Zed" O\'Brien-Łukasiewicz'


def _case(base: dict, **changes: object) -> dict:
    data = copy.deepcopy(base)
    data.update(changes)
    return data


@pytest.fixture(scope="module")
def clinic(tmp_path_factory) -> Path:
    """Jane: botox 2026-11-21 lot C1234A (review and re-treatment 2027-02-13); Marc: xeomin
    2026-06-15 lot X778 (review 2026-06-29, re-treatment 2026-09-07); a patient with a hostile
    name: xeomin 2026-06-20 lot ' c1234a' (review 2026-07-04, re-treatment 2026-09-12); Paul:
    declined with lot C1234A (never listed)."""
    tmp = tmp_path_factory.mktemp("clinic")
    data_dir = tmp / "data"
    hostile = _case(
        GLABELLAR,
        date="2026-06-20",
        patient={"name": HOSTILE, "birth_date": "1970-01-02", "chart_number": "Z,9", "sex": "male"},
        lot={"number": " c1234a", "expiry": "2027-01-01"},
    )
    hostile["consent"]["patient_signature"] = "typed:Zoe"
    declined = _case(
        BASE_CASE,
        patient={"name": "Paul Roy", "birth_date": "1960-05-05", "chart_number": "P-1"},
        consent={"decision": "declined", "clinician": "Dr A. Smith"},
    )
    for name, data, code in (
        ("jane", BASE_CASE, 0),
        ("marc", GLABELLAR, 0),
        ("hostile", hostile, 0),
        ("paul", declined, 5),
    ):
        result, _ = run_case(tmp, data, name, data_dir=data_dir)
        assert result.returncode == code, (name, result.stdout, result.stderr)
    conn = open_database(data_dir / "consult.sqlite3")
    repo = PatientRepository(conn)
    for p in repo.search("", limit=10):
        if p.name == "Jane O'Brien":
            repo.update(p.id, _with_phone(p.as_new(), "+1 514-555-0101"))
        if p.name == HOSTILE:
            repo.update(p.id, _with_phone(p.as_new(), '555 "0102", ext 3'))
    conn.close()
    return data_dir


def _with_phone(new, phone):
    from dataclasses import replace

    return replace(new, phone=phone)


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _due(capsys, data_dir: Path, *args: str) -> tuple[int, list[list[str]], str]:
    code = main(["due", "--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return code, _rows(captured.out), captured.err


def test_due_header_and_row_through_the_real_command(clinic):
    result = cli("due", "--from", "2027-02-13", "--to", "2027-02-13", "--data-dir", str(clinic))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == DUE
    assert _rows(result.stdout)[1:] == [
        [
            "A-1001",
            "Jane O'Brien",
            "+1 514-555-0101",
            "jane@example.org",
            "2026-11-21",
            "botox",
            "2027-02-13",
            "2027-02-13",
        ]
    ]


@pytest.mark.parametrize(
    ("start", "end", "charts"),
    [
        ("2027-02-13", "2027-02-13", ["A-1001"]),  # both ends on the date
        ("2027-02-12", "2027-02-12", []),  # the day before
        ("2027-02-14", "2027-03-01", []),  # the day after
        ("2027-01-30", "2027-02-13", ["A-1001"]),  # window ends on the date
        ("2027-02-13", "2027-02-27", ["A-1001"]),  # window starts on the date
        (
            "2026-06-29",
            "2026-06-29",
            [
                "",
            ],
        ),  # Marc's review date (no chart number)
        ("2026-09-07", "2026-09-07", [""]),  # Marc's earliest re-treatment
        ("2026-06-28", "2026-07-04", ["", "Z,9"]),  # both reviews, in date order
        ("2026-09-08", "2026-09-12", ["Z,9"]),
        ("2026-01-01", "2026-06-28", []),
    ],
)
def test_due_windows_at_their_edges(clinic, capsys, start, end, charts):
    code, rows, err = _due(capsys, clinic, "--from", start, "--to", end)
    assert code == 0, err
    assert ",".join(rows[0]) == DUE
    assert [r[0] for r in rows[1:]] == charts


def test_due_quotes_hostile_names_and_phones(clinic, capsys):
    code, rows, _ = _due(capsys, clinic, "--from", "2026-07-04", "--to", "2026-07-04")
    assert code == 0
    assert rows[1][:3] == ["Z,9", HOSTILE, '555 "0102", ext 3']
    assert rows[1][5:] == ["xeomin", "2026-07-04", "2026-09-12"]


def test_due_default_window_is_today_to_14_days(tmp_path, capsys):
    today = dt.date.today()
    data_dir = tmp_path / "data"
    for name, days_ago in (("in", 84 - 14), ("edge", 84), ("out", 84 - 15), ("past", 85)):
        data = _case(
            GLABELLAR,
            date=(today - dt.timedelta(days=days_ago)).isoformat(),
            patient={
                "name": f"Pat {name}",
                "birth_date": "1980-01-01",
                "chart_number": name,
                "sex": "male",
            },
            lot={"number": "L1", "expiry": (today + dt.timedelta(days=400)).isoformat()},
        )
        data["consent"]["patient_signature"] = f"typed:Pat {name}"
        result, _ = run_case(tmp_path, data, name, data_dir=data_dir)
        assert result.returncode == 0, result.stderr
    code, rows, _ = _due(capsys, data_dir)
    assert code == 0
    # re-treatment 84 days after: today (edge) and today + 14 (in); review 14 days after
    assert sorted(r[0] for r in rows[1:]) == ["edge", "in"]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--from", "2026-13-01"], "--from"),
        (["--to", "tomorrow"], "--to"),
        (["--from", "2026-12-01", "--to", "2026-11-30"], "--to"),
    ],
)
def test_due_bad_arguments_exit_2(clinic, capsys, args, named):
    code, _, err = _due(capsys, clinic, *args)
    assert code == 2
    assert named in err and "Traceback" not in err


def test_lot_finds_consent_lots_oldest_first_ignoring_case(clinic):
    result = cli("lot", "C1234A", "--data-dir", str(clinic))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == LOT
    rows = _rows(result.stdout)[1:]
    assert rows == [
        ["2026-06-20", "Z,9", HOSTILE, '555 "0102", ext 3', "", "xeomin", "20"],
        [
            "2026-11-21",
            "A-1001",
            "Jane O'Brien",
            "+1 514-555-0101",
            "jane@example.org",
            "botox",
            "155",
        ],
    ]


def test_lot_with_no_use_prints_the_header_alone(clinic, capsys):
    assert main(["lot", "NOPE-1", "--data-dir", str(clinic)]) == 0
    assert capsys.readouterr().out == LOT + "\n"


def test_lists_on_an_unreadable_database_exit_8(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "consult.sqlite3").write_bytes(b"not a database" * 100)
    for args in (["lot", "X"], ["due"]):
        result = cli(*args, "--data-dir", str(data_dir))
        assert result.returncode == 8, result.stderr


def test_lot_skips_a_consent_altered_into_non_json(clinic, tmp_path):
    target = tmp_path / "data"
    target.mkdir()
    src = sqlite3.connect(clinic / "consult.sqlite3")
    dst = sqlite3.connect(target / "consult.sqlite3")
    src.backup(dst)
    dst.execute("DROP TRIGGER consents_no_update")
    dst.execute("UPDATE consents SET canonical = X'00FF' WHERE id = 1")
    dst.commit()
    src.close()
    dst.close()
    result = cli("lot", "C1234A", "--data-dir", str(target))
    assert result.returncode == 0, result.stderr
    assert [r[1] for r in _rows(result.stdout)[1:]] == ["Z,9"]


def test_lot_finds_administration_vials_and_skips_not_treated(tmp_path):
    """Ann: consent lot L-CONS, vial V-ADM, 37.5 U given of 155 planned; Bob: consented with lot
    V-ADM but not injected (not listed by lot, not due)."""
    data_dir = tmp_path / "data"
    vial = {
        "lot": "V-ADM",
        "expiry": "2027-05-31",
        "size_units": 200,
        "diluent_ml": 4,
        "reconstituted": "2026-11-21T10:30",
    }
    ann = _case(
        BASE_CASE,
        patient={"name": "Ann Lee", "birth_date": "1970-01-01", "sex": "female"},
        lot={"number": "L-CONS", "expiry": "2027-05-31"},
        administration={
            "time": "2026-11-21T10:42",
            "vials": [vial],
            "points": [
                {"area": "procerus", "units": 5},
                {"area": "corrugator", "side": "left", "units": 5},
                {"area": "corrugator", "side": "right", "units": 5},
                {"area": "frontalis", "side": "left", "units": 10},
                {"area": "frontalis", "side": "right", "units": 12.5},
            ],
        },
    )
    ann["consent"]["patient_signature"] = "typed:Ann Lee"
    bob = _case(
        BASE_CASE,
        patient={"name": "Bob Lee", "birth_date": "1971-01-01", "sex": "male"},
        lot={"number": "V-ADM", "expiry": "2027-05-31"},
        administration={"not_given": "Felt faint before the first injection."},
    )
    bob["consent"]["patient_signature"] = "typed:Bob Lee"
    for name, data in (("ann", ann), ("bob", bob)):
        result, _ = run_case(tmp_path, data, name, data_dir=data_dir)
        assert result.returncode == 0, (name, result.stdout, result.stderr)
    for lot in ("V-ADM", "l-cons"):
        result = cli("lot", lot, "--data-dir", str(data_dir))
        assert result.returncode == 0, result.stderr
        rows = _rows(result.stdout)[1:]
        assert [(r[0], r[2], r[5], r[6]) for r in rows] == [
            ("2026-11-21", "Ann Lee", "botox", "37.5")
        ], lot
    result = cli("due", "--from", "2027-02-13", "--to", "2027-02-13", "--data-dir", str(data_dir))
    assert [r[1] for r in _rows(result.stdout)[1:]] == ["Ann Lee"]

"""CSV formula injection (issue 19): cells a spreadsheet would run as a formula are neutralised.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``
(OWASP), except a plain number or phone number, which cannot call a function and stays intact.
``find``, ``due``, ``lot`` and the GUI's CSV export all write through ``cmd_lists.to_csv``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from consult_app.app.cmd_lists import csv_cell, to_csv
from consult_app.core.patient import NewPatient
from consult_app.storage.db import open_database
from consult_app.storage.patients import PatientRepository
from tests.unit.test_find_cli import find, rows


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("=1+2", "'=1+2"),
        ("+1 604-555-1234", "+1 604-555-1234"),
        ("+1 (514) 555.0199", "+1 (514) 555.0199"),
        ("-5", "-5"),
        ("Rossi-O'Brien", "Rossi-O'Brien"),
        ("Zoë = Łukasiewicz", "Zoë = Łukasiewicz"),
        ("", ""),
    ],
)
def test_cells_that_start_a_formula_are_neutralised(value: str, written: str) -> None:
    assert csv_cell(value) == written


def test_to_csv_guards_every_cell_but_not_the_header() -> None:
    text = to_csv(("name", "phone"), [("=cmd", "+1 604 555 1234"), ("@x", "-y")])
    table = list(csv.reader(io.StringIO(text)))
    assert table == [["name", "phone"], ["'=cmd", "+1 604 555 1234"], ["'@x", "'-y"]]


def test_find_through_the_real_command_neutralises_a_hostile_name(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "consult.sqlite3")
    repo = PatientRepository(conn)
    born = dt.date(1984, 3, 9)
    repo.create(
        NewPatient(
            name='=HYPERLINK("http://evil","Ann") Keller',
            birth_date=born,
            chart_number="@A-7",
            phone="+1 604-555-1234",
        )
    )
    repo.create(NewPatient(name="Bob Keller", birth_date=born, phone="=2+5"))
    conn.close()
    found = {r[1]: r for r in rows(find(tmp_path, "keller"))}
    hostile = found['\'=HYPERLINK("http://evil","Ann") Keller']
    assert hostile[0] == "'@A-7"
    assert hostile[3] == "+1 604-555-1234"
    assert found["Bob Keller"][3] == "'=2+5"


# ---------------------------------------------------------------- due, lot and the GUI's export

PAYLOAD_NAME = '=HYPERLINK("http://evil.example","Ann") Keller'
PAYLOAD_LOT = "=cmd|' /C calc'!A0"


@pytest.fixture(scope="module")
def hostile_clinic(tmp_path_factory) -> Path:
    """One patient whose name, chart number, email and phone and whose consent lot start a
    formula, treated through the real ``run`` command."""
    import json

    from tests.unit.test_run_cli import ROOT, run_case

    tmp = tmp_path_factory.mktemp("hostile")
    data = json.loads((ROOT / "tests/fixtures/cases/glabellar_us_proceed.json").read_text("utf-8"))
    data["patient"] = {
        "name": PAYLOAD_NAME,
        "birth_date": "1970-01-02",
        "sex": "male",
        "chart_number": "@A-9",
        "phone": "=2+5",
        "email": "-2+3@evil.example",
    }
    data["lot"] = {"number": PAYLOAD_LOT, "expiry": "2027-01-01"}
    data["consent"]["patient_signature"] = "typed:Ann Keller"
    result, _ = run_case(tmp, data, "hostile", data_dir=tmp / "data")
    assert result.returncode == 0, (result.stdout, result.stderr)
    return tmp / "data"


def _guarded(row: list[str]) -> None:
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_due_through_the_real_command_neutralises_every_payload(hostile_clinic: Path) -> None:
    from tests.unit.test_run_cli import cli

    result = cli(
        "due", "--from", "2026-06-29", "--to", "2026-06-29", "--data-dir", str(hostile_clinic)
    )
    assert result.returncode == 0, result.stderr
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert len(table) == 2, result.stdout
    assert table[1][:4] == ["'@A-9", "'" + PAYLOAD_NAME, "'=2+5", "'-2+3@evil.example"]
    _guarded(table[1])


def test_lot_through_the_real_command_finds_and_neutralises(hostile_clinic: Path) -> None:
    from tests.unit.test_run_cli import cli

    result = cli("lot", PAYLOAD_LOT, "--data-dir", str(hostile_clinic))
    assert result.returncode == 0, result.stderr
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert len(table) == 2, result.stdout
    assert table[1][:5] == [
        "2026-06-15",
        "'@A-9",
        "'" + PAYLOAD_NAME,
        "'=2+5",
        "'-2+3@evil.example",
    ]
    _guarded(table[1])

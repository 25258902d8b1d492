"""``consult-app find QUERY``: CSV, best first, at most 50 rows, exit 0, never a traceback."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from consult_app.core.patient import NewPatient
from consult_app.storage.db import now_iso, open_database, transaction
from consult_app.storage.patients import PatientRepository

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["chart_number", "name", "birth_date", "phone", "last_visit"]


def find(data: Path, *query: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "CONSULT_APP_HOME"}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "consult_app", "find", "--data-dir", str(data), *query],
        capture_output=True,
        env=environ,
        cwd=ROOT,
        timeout=120,
    )


def rows(result: subprocess.CompletedProcess) -> list[list[str]]:
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    table = list(csv.reader(io.StringIO(result.stdout.decode("utf-8"))))
    assert table[0] == HEADER
    return table[1:]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    conn = open_database(folder / "consult.sqlite3")
    repo = PatientRepository(conn)
    born = dt.date(1984, 3, 9)
    people = [
        ("Maria Rossi-O'Brien", "A-1001", "+1 604-555-1234", "2026-11-02"),
        ("Mario O'Brien", "A-1002", None, "2026-11-20"),
        ('Zoë Łukasiewicz, "Zo"', None, "514 555 0199", None),
        ("Obrist Keller", "B-1", None, "2025-01-01"),
    ]
    for name, chart, phone, visit in people:
        pid = repo.create(NewPatient(name=name, birth_date=born, chart_number=chart, phone=phone))
        if visit:
            with transaction(conn):
                conn.execute(
                    "INSERT INTO consultations (patient_id, data, created_at, updated_at)"
                    " VALUES (?, ?, ?, ?)",
                    (pid, json.dumps({"case": {"date": visit}}), now_iso(), now_iso()),
                )
    for i in range(70):
        repo.create(NewPatient(name=f"Many Person{i}", birth_date=dt.date(1990, 1, 1)))
    conn.close()
    return folder


def test_csv_best_first(data: Path) -> None:
    table = rows(find(data, "obr"))
    # "Obrist" and "O'Brien" start with "obr"; none is an exact part: latest visit first
    assert [r[1] for r in table] == ["Mario O'Brien", "Maria Rossi-O'Brien", "Obrist Keller"]
    assert table[1] == ["A-1001", "Maria Rossi-O'Brien", "1984-03-09", "+1 604-555-1234",
                        "2026-11-02"]  # fmt: skip
    table = rows(find(data, "obrist"))
    assert [r[1] for r in table] == ["Obrist Keller"]


def test_quoting_accents_phone_date_and_chart(data: Path) -> None:
    (row,) = rows(find(data, "lukas"))
    assert row == ["", 'Zoë Łukasiewicz, "Zo"', "1984-03-09", "514 555 0199", ""]
    assert [r[1] for r in rows(find(data, "555-0199"))] == ['Zoë Łukasiewicz, "Zo"']
    assert len(rows(find(data, "09/03/1984"))) == 4
    assert len(rows(find(data, "9 mars 1984"))) == 4
    assert [r[0] for r in rows(find(data, "a-1002"))] == ["A-1002"]


def test_at_most_50_rows(data: Path) -> None:
    assert len(rows(find(data, "many"))) == 50


def test_clinic_date_order(data: Path, tmp_path: Path) -> None:
    (data / "clinic.toml").write_text('date_order = "mdy"\n', encoding="utf-8")
    try:
        assert len(rows(find(data, "03/09/1984"))) == 4
        assert rows(find(data, "09/03/1984")) == []  # 3 September 1984 in this clinic
    finally:
        (data / "clinic.toml").unlink()


@pytest.mark.parametrize(
    "query",
    ["", " ", "%", "'", "\"", "--", "; DROP TABLE patients", "x" * 5000, "\u202e", "🙂",
     "0", "99/99/9999", "+", "\\"],
)  # fmt: skip
def test_hostile_queries_give_the_header(data: Path, query: str) -> None:
    assert rows(find(data, "--", query) if query.startswith("-") else find(data, query)) == []


def test_undecodable_argument_does_not_crash(data: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "consult_app", "find", b"\xff\xfeobr", "--data-dir", str(data)],
        capture_output=True,
        env={k: v for k, v in os.environ.items() if k != "CONSULT_APP_HOME"},
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr


def test_no_database_gives_the_header(tmp_path: Path) -> None:
    assert rows(find(tmp_path / "empty", "obr")) == []


def test_corrupt_database_exit_8(tmp_path: Path) -> None:
    (tmp_path / "consult.sqlite3").write_bytes(b"this is not a database" * 100)
    result = find(tmp_path, "obr")
    assert result.returncode == 8
    assert b"Traceback" not in result.stderr

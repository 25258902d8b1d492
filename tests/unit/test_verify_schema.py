"""Attacker review of issue 14: the schema itself, and the patient facts screening reads.

With ``PRAGMA writable_schema`` an intruder edits a table's or an index's SQL in ``sqlite_master``
(drops a CHECK or a NOT NULL, redefines a trigger-protected table) without touching a trigger;
``verify`` said intact. A renamed table made ``verify`` fail its own queries and exit 8 (storage
unavailable) although the file is sound and was tampered with: exit 6 is the contract's code for
that. A patient's ``sex`` (it decides whether the pregnancy questions are asked) was not in the
audited identity. Real CLI, real database file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.unit.test_followup_rules import sealed, treatment
from tests.unit.test_run_cli import cli


def _sealed_data_dir(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    sealed(tmp_path, data_dir, "t1", treatment("2026-03-02"))
    clean = cli("verify", "--data-dir", str(data_dir))
    assert clean.returncode == 0, clean.stdout + clean.stderr
    return data_dir


def _edit_schema(db: Path, name: str, old: str, new: str) -> None:
    raw = sqlite3.connect(str(db), isolation_level=None)
    sql = raw.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
    assert old in sql, sql
    raw.execute("PRAGMA writable_schema = ON")
    raw.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (sql.replace(old, new), name))
    raw.execute("PRAGMA writable_schema = OFF")
    raw.close()
    check = sqlite3.connect(str(db))
    assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]  # a sound file
    check.close()


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("consents", "CHECK (decision IN ('given', 'declined'))", ""),
        ("patients", "name TEXT NOT NULL CHECK (length(trim(name)) > 0)", "name TEXT"),
        ("audit_log", "prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64)", "prev_hash TEXT"),
        ("consultations", "CHECK (status IN ('draft', 'deferred', 'sealed', 'declined'))", ""),
        ("patients_birth_date", "(birth_date)", "(birth_date DESC)"),
    ],
)
def test_writable_schema_edit_is_caught(tmp_path: Path, name: str, old: str, new: str) -> None:
    data_dir = _sealed_data_dir(tmp_path)
    _edit_schema(data_dir / "consult.sqlite3", name, old, new)
    result = cli("verify", "--data-dir", str(data_dir))
    assert result.returncode == 6, result.stdout + result.stderr
    assert f" {name} is not the app's (its SQL differs)" in result.stdout
    assert "Traceback" not in result.stderr


def test_extra_table_and_dropped_index_are_caught(tmp_path: Path) -> None:
    data_dir = _sealed_data_dir(tmp_path)
    raw = sqlite3.connect(str(data_dir / "consult.sqlite3"), isolation_level=None)
    raw.execute("DROP INDEX treatment_index_lot")
    raw.execute("CREATE TABLE stash (x)")
    raw.close()
    result = cli("verify", "--data-dir", str(data_dir))
    assert result.returncode == 6, result.stdout + result.stderr
    assert "schema altered: index treatment_index_lot is missing" in result.stdout
    assert "schema altered: table stash is not one of the app's" in result.stdout


@pytest.mark.parametrize("table", ["consents", "audit_log", "patients", "treatment_index"])
def test_renamed_table_is_tampering_not_storage(tmp_path: Path, table: str) -> None:
    """case-format: 6 is 'something sealed or audited was altered'; 8 is a file that cannot be
    used (corrupt, too new, locked, read-only). A renamed table is the first."""
    data_dir = _sealed_data_dir(tmp_path)
    raw = sqlite3.connect(str(data_dir / "consult.sqlite3"), isolation_level=None)
    raw.execute(f"ALTER TABLE {table} RENAME TO {table}_moved")
    raw.close()
    result = cli("verify", "--data-dir", str(data_dir))
    assert result.returncode == 6, result.stdout + result.stderr
    assert f"schema altered: table {table} is missing" in result.stdout
    assert f"schema altered: table {table}_moved is not one of the app's" in result.stdout
    assert "Traceback" not in result.stderr


def test_patient_sex_changed_behind_the_app_is_caught(tmp_path: Path) -> None:
    """Sex decides whether the pregnancy and breastfeeding questions are asked."""
    data_dir = _sealed_data_dir(tmp_path)
    raw = sqlite3.connect(str(data_dir / "consult.sqlite3"), isolation_level=None)
    assert raw.execute("SELECT sex FROM patients").fetchall() == [("female",)]
    raw.execute("UPDATE patients SET sex = 'male'")
    raw.close()
    result = cli("verify", "--data-dir", str(data_dir))
    assert result.returncode == 6, result.stdout + result.stderr
    assert "ALTERED patient 1: name, birth date, sex or chart number changed" in result.stdout

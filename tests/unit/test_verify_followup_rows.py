"""Attacker review of issue 14: the rows the follow-up rules read must match the sealed bytes.

``prior_adverse_event`` reads ``adverse_events.severity`` and ``followups.product``; with the
triggers dropped and put back, softening a moderate event to mild (or changing the product)
silenced the CAUTION while ``verify`` said intact. Real CLI, real database file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.unit.test_followup_rules import followup, sealed, treatment
from tests.unit.test_run_cli import cli


def _tamper(db: Path, statement: str) -> None:
    raw = sqlite3.connect(str(db), isolation_level=None)
    triggers = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        raw.execute(f"DROP TRIGGER {name}")
    raw.execute(statement)
    for _, sql in triggers:
        raw.execute(sql)
    raw.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE adverse_events SET severity = 'mild'",
        "DELETE FROM adverse_events",
        "UPDATE followups SET product = 'xeomin'",
        "UPDATE followups SET date = '2026-03-21'",
        "INSERT INTO adverse_events (followup_id, risk, severity, onset) "
        "VALUES (1, 'headache', 'severe', '2026-03-07')",
    ],
)
def test_followup_rows_edited_behind_the_app_are_caught(tmp_path: Path, statement: str) -> None:
    data_dir = tmp_path / "data"
    sealed(tmp_path, data_dir, "t1", treatment("2026-03-02"))
    followup(
        tmp_path,
        data_dir,
        "2026-03-20",
        "f1",
        adverse_events=[{"risk": "eyelid_droop", "onset": "2026-03-06", "severity": "moderate"}],
    )
    clean = cli("verify", "--data-dir", str(data_dir))
    assert clean.returncode == 0, clean.stdout
    _tamper(data_dir / "consult.sqlite3", statement)
    result = cli("verify", "--data-dir", str(data_dir))
    assert result.returncode == 6, result.stdout
    assert "follow-up 1: ALTERED" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM treatment_index",
        "UPDATE treatment_index SET lot = 'OTHER'",
        "UPDATE treatment_index SET date = '2020-01-01'",
        "INSERT INTO treatment_index VALUES (99, 1, 1, 'given', '2026-03-02', 'botox', '[]', 'X')",
    ],
)
def test_list_rows_edited_behind_the_app_are_caught(tmp_path: Path, statement: str) -> None:
    """``treatment_index`` has no triggers: a row deleted there hid a patient from ``lot``."""
    data_dir = tmp_path / "data"
    sealed(tmp_path, data_dir, "t1", treatment("2026-03-02"))
    assert cli("verify", "--data-dir", str(data_dir)).returncode == 0
    raw = sqlite3.connect(str(data_dir / "consult.sqlite3"), isolation_level=None)
    raw.execute(statement)
    raw.close()
    result = cli("verify", "--data-dir", str(data_dir))
    assert result.returncode == 6, result.stdout
    assert "treatment_index rows (read by the due and lot lists)" in result.stdout

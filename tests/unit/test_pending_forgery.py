"""Attacker review of issue 14: a forged pending-documents row.

``pending_documents`` tells the next command which documents a killed run left half-written and
where they go. A row inserted by hand (dead process id, a sealed consultation, a folder of the
intruder's choosing) made the next ``run`` write that patient's record and sheet into that folder,
and ``verify`` said intact. Each row is now registered in the audit log (its hash); a row the log
does not name is never acted on and ``verify`` reports it. Real CLI, real database file.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from consult_app.storage import idempotency
from consult_app.storage.db import open_database
from tests.unit.test_followup_rules import sealed, treatment
from tests.unit.test_run_cli import cli, run_case


def _forge(db: Path, folder: Path, pid: int) -> None:
    raw = sqlite3.connect(str(db), isolation_level=None)
    raw.execute(
        "INSERT INTO pending_documents (consultation_id, kind, temp_path, final_path, pid,"
        " created_at) VALUES (1, 'record', ?, ?, ?, '2026-03-02T10:00:00Z')",
        (str(folder / f".record.pdf.{pid}.part"), str(folder / "record.pdf"), pid),
    )
    raw.close()


def test_forged_pending_row_is_reported_and_never_acted_on(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    sealed(tmp_path, data_dir, "t1", treatment("2026-03-02"))
    elsewhere = tmp_path / "shared-folder"
    elsewhere.mkdir()
    _forge(data_dir / "consult.sqlite3", elsewhere, 2**22 + 12345)  # no such process

    result = cli("verify", "--data-dir", str(data_dir))
    assert result.returncode == 6, result.stdout + result.stderr
    assert "ALTERED consultation 1: pending document" in result.stdout
    assert "is not one the app registered" in result.stdout

    again, _ = run_case(tmp_path, treatment("2026-06-02"), "t2", data_dir=data_dir)
    assert again.returncode in (0, 4), again.stdout + again.stderr
    assert list(elsewhere.iterdir()) == []  # the patient's record was not written there


def test_forged_row_with_this_process_id_is_not_mine(tmp_path: Path) -> None:
    """A row forged for every process id must not make a sealing process move a file."""
    data_dir = tmp_path / "data"
    sealed(tmp_path, data_dir, "t1", treatment("2026-03-02"))
    db = data_dir / "consult.sqlite3"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _forge(db, elsewhere, os.getpid())
    conn = open_database(db)
    try:
        out = tmp_path / "out"
        out.mkdir()
        idempotency.register_pending(
            conn, 1, [("record", out / f".record.pdf.{os.getpid()}.part", out / "record.pdf")]
        )
        mine = idempotency.mine(conn, 1)
        assert [p.final_path for p in mine] == [out / "record.pdf"]
    finally:
        conn.close()

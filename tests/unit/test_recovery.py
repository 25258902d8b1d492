"""Recovery pieces without the GUI: listing backups, refusing when none verifies, what was lost."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from consult_app.app.paths import resolve_paths
from consult_app.app.recovery import Recovery
from consult_app.core.patient import NewPatient
from consult_app.storage.backup import backup_to
from consult_app.storage.consultations import ConsultationRepository
from consult_app.storage.db import open_database
from consult_app.storage.errors import StorageUnavailable
from consult_app.storage.patients import PatientRepository
from consult_app.storage.recovery import what_was_lost

TAKEN = dt.datetime(2026, 11, 28, 7, 0, tzinfo=dt.UTC)


def _data(tmp_path: Path) -> tuple[Path, int]:
    data = tmp_path / "data"
    conn = open_database(data / "consult.sqlite3")
    pid = PatientRepository(conn).create(
        NewPatient(name="Jane O'Brien", birth_date=dt.date(1984, 3, 9), chart_number="A-1")
    )
    ConsultationRepository(conn).create_draft(pid, {"case": {"date": "2026-11-01"}})
    backup_to(conn, data / "backups" / "consult-20261128T070000Z.sqlite3")
    lost = ConsultationRepository(conn).create_draft(pid, {"case": {"date": "2026-11-29"}})
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return data, lost


def test_lost_consultations_are_read_from_the_damaged_file(tmp_path: Path) -> None:
    data, lost = _data(tmp_path)
    restored = data / "backups" / "consult-20261128T070000Z.sqlite3"
    report = what_was_lost(data / "consult.sqlite3", restored, TAKEN)
    assert report.damaged_readable
    assert [(c.consultation_id, c.patient, c.status) for c in report.consultations] == [
        (lost, "Jane O'Brien (A-1)", "draft")
    ]


def test_unreadable_damaged_file_and_anchor(tmp_path: Path) -> None:
    data, _ = _data(tmp_path)
    restored = data / "backups" / "consult-20261128T070000Z.sqlite3"
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"\xa5" * 8192)
    (tmp_path / "audit-anchors.jsonl").write_text(
        json.dumps({"at": "2026-11-29T17:00:00+00:00", "seq": 999, "hash": "0" * 64})
        + "\nnot json\n",
        encoding="utf-8",
    )
    report = what_was_lost(junk, restored, TAKEN, [tmp_path])
    assert not report.damaged_readable and report.consultations == ()
    assert report.anchor_head == 999 and report.anchor_at.startswith("2026-11-29")


def test_no_sound_backup_changes_nothing(tmp_path: Path) -> None:
    data, _ = _data(tmp_path)
    (data / "backups" / "consult-20261128T070000Z.sqlite3").write_bytes(b"garbage" * 100)
    db = data / "consult.sqlite3"
    before = db.read_bytes()
    recovery = Recovery(resolve_paths(data), "damaged")
    (info,) = recovery.backups()
    assert not info.verifies and info.problem
    with pytest.raises(StorageUnavailable):
        recovery.restore_newest()
    assert db.read_bytes() == before
    assert sorted(p.name for p in data.iterdir() if p.name.endswith(".bak")) == []

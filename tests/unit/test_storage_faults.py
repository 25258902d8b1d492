"""Faults while saving: disk full and read-only give StorageUnavailable; nothing committed lost."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from consult_app.core.patient import NewPatient
from consult_app.storage.consents import seal_consent
from consult_app.storage.consultations import ConsultationRepository
from consult_app.storage.db import open_database
from consult_app.storage.errors import StorageProblem, StorageUnavailable
from consult_app.storage.patients import PatientRepository


def test_disk_full_keeps_everything_committed(tmp_path: Path) -> None:
    db = tmp_path / "consult.sqlite3"
    conn = open_database(db)
    patients = PatientRepository(conn)
    repo = ConsultationRepository(conn)
    pid = patients.create(NewPatient("Zoë", dt.date(1984, 3, 9)))
    cid = repo.create_draft(pid, {"answers": {"q1": "yes"}})
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full

    big = {"answers": {"q1": "yes", "q2": "no"}, "notes": "x" * 200_000}
    with pytest.raises(StorageUnavailable) as info:
        repo.save_draft(cid, big)
    assert info.value.problem is StorageProblem.DISK_FULL
    assert "disk is full" in info.value.message
    with pytest.raises(StorageUnavailable):
        for i in range(500):
            patients.create(NewPatient(f"Patient {i} " + "y" * 500, dt.date(1980, 1, 1)))
    assert not conn.in_transaction
    assert repo.get(cid).data == {"answers": {"q1": "yes"}}

    conn.execute("PRAGMA max_page_count = 1073741823")  # space freed: saving again works
    repo.save_draft(cid, big)
    seal_consent(
        conn,
        cid,
        {"product": "botox", "plan": {"frontalis": 10}, "consent": {"decision": "given"}},
    )
    conn.close()

    raw = sqlite3.connect(str(db))
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert raw.execute("SELECT status FROM consultations").fetchone()[0] == "sealed"
    raw.close()


def test_read_only_connection_write_is_storage_unavailable(tmp_path: Path) -> None:
    db = tmp_path / "consult.sqlite3"
    conn = open_database(db)
    PatientRepository(conn).create(NewPatient("Zoë", dt.date(1984, 3, 9)))
    conn.close()
    ro = open_database(db, readonly=True)
    try:
        with pytest.raises(StorageUnavailable) as info:
            PatientRepository(ro).create(NewPatient("New", dt.date(1984, 3, 9)))
        assert info.value.problem is StorageProblem.READ_ONLY
        assert PatientRepository(ro).count() == 1
    finally:
        ro.close()


def test_programming_errors_are_not_hidden() -> None:
    conn = open_database(":memory:")
    with pytest.raises(sqlite3.IntegrityError):
        ConsultationRepository(conn).create_draft(12345)  # no such patient: a bug, not storage
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("SELEC 1")
    conn.close()

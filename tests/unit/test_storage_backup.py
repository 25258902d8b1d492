"""Backups: API copies 0600, rotation, restore round trip, corrupt database handling."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from consult_app.app import cmd_backup, cmd_restore
from consult_app.core.patient import NewPatient
from consult_app.storage.backup import (
    auto_backup,
    backup_files,
    backup_to,
    check_backup,
    list_backups,
    newest_good_backup,
    restore,
)
from consult_app.storage.consultations import ConsultationRepository
from consult_app.storage.db import SCHEMA_VERSION, open_database
from consult_app.storage.errors import StorageProblem, StorageUnavailable
from consult_app.storage.patients import PatientRepository
from consult_app.storage.verify import verify


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def populate(db: Path, name: str = "Zoë O'Brien") -> sqlite3.Connection:
    conn = open_database(db)
    pid = PatientRepository(conn).create(NewPatient(name, dt.date(1984, 3, 9)))
    ConsultationRepository(conn).create_draft(pid, {"q": "yes"})
    return conn


def names(db: Path) -> list[str]:
    raw = sqlite3.connect(str(db))
    try:
        return [r[0] for r in raw.execute("SELECT name FROM patients ORDER BY id")]
    finally:
        raw.close()


def test_backup_to_is_private_and_complete(tmp_path: Path) -> None:
    conn = populate(tmp_path / "data" / "consult.sqlite3")
    target = backup_to(conn, tmp_path / "out" / "copy.sqlite3")
    conn.close()
    assert mode(target) == 0o600
    assert not target.with_name(target.name + "-wal").exists()
    assert check_backup(target) == SCHEMA_VERSION
    assert names(target) == ["Zoë O'Brien"]
    assert not list(target.parent.glob(".*tmp"))


def test_auto_backup_rotates(tmp_path: Path) -> None:
    conn = populate(tmp_path / "consult.sqlite3")
    backups = tmp_path / "backups"
    start = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC)
    first = auto_backup(conn, backups, keep=3, now=start)
    assert first is not None and mode(first) == 0o600 and mode(backups) == 0o700
    assert auto_backup(conn, backups, keep=3, now=start + dt.timedelta(hours=23)) is None
    made = [first]
    for day in range(1, 6):
        made.append(auto_backup(conn, backups, keep=3, now=start + dt.timedelta(days=day)))
    conn.close()
    kept = backup_files(backups)
    assert kept == made[-3:]
    listed = list_backups(backups)  # the recovery dialog's view: newest first, each verified
    assert [b.path for b in listed] == list(reversed(made[-3:]))
    assert all(b.verifies and b.size > 0 and b.taken_at.tzinfo for b in listed)
    (backups / "notes.txt").write_text("never deleted")
    assert (backups / "notes.txt").exists()


def test_restore_round_trip_keeps_current(tmp_path: Path) -> None:
    db = tmp_path / "data" / "consult.sqlite3"
    conn = populate(db)
    backup = backup_to(conn, tmp_path / "b.sqlite3")
    PatientRepository(conn).create(NewPatient("Added Later", dt.date(1990, 1, 1)))
    conn.close()
    assert names(db) == ["Zoë O'Brien", "Added Later"]

    saved = restore(backup, db)
    assert names(db) == ["Zoë O'Brien"]
    assert saved is not None and mode(saved) == 0o600
    assert names(saved) == ["Zoë O'Brien", "Added Later"]
    conn = open_database(db)
    assert verify(conn).ok
    events = [r[0] for r in conn.execute("SELECT event FROM audit_log ORDER BY seq")]
    assert events[-1] == "database_restored"
    conn.close()
    assert mode(db) == 0o600


def test_corrupt_database_detected_untouched_and_restorable(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = data / "consult.sqlite3"
    conn = populate(db)
    for i in range(300):
        PatientRepository(conn).create(NewPatient(f"Patient {i}", dt.date(1980, 1, 1)))
    backups = data / "backups"
    auto_backup(conn, backups)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(db.read_bytes())
    raw[4096 * 3 : 4096 * 5] = os.urandom(8192)  # overwrite two pages
    db.write_bytes(bytes(raw))
    damaged = db.read_bytes()

    with pytest.raises(StorageUnavailable) as info:
        open_database(db)
    assert info.value.problem is StorageProblem.CORRUPT
    assert "Restore the newest good backup" in info.value.message
    assert db.read_bytes() == damaged

    good = newest_good_backup(backups)
    assert good is not None
    saved = restore(good, db)
    assert saved is not None and saved.read_bytes() == damaged
    conn = open_database(db)
    assert PatientRepository(conn).count() == 301
    conn.close()


def test_restore_refuses_bad_sources_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "consult.sqlite3"
    populate(db).close()
    before = db.read_bytes()
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database" * 100)
    with pytest.raises(StorageUnavailable) as info:
        restore(garbage, db)
    assert info.value.problem is StorageProblem.CORRUPT
    newer = tmp_path / "newer.sqlite3"
    conn = open_database(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StorageUnavailable) as info:
        restore(newer, db)
    assert info.value.problem is StorageProblem.TOO_NEW
    with pytest.raises(FileNotFoundError):
        restore(tmp_path / "missing.sqlite3", db)
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("*.before-restore-*"))


def test_restore_refuses_while_in_use(tmp_path: Path) -> None:
    db = tmp_path / "consult.sqlite3"
    conn = populate(db)
    backup = backup_to(conn, tmp_path / "b.sqlite3")
    conn.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StorageUnavailable) as info:
            restore(backup, db, busy_timeout_ms=200)
        assert info.value.problem is StorageProblem.LOCKED
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_backup_and_restore_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    populate(data / "consult.sqlite3").close()
    target = tmp_path / "out" / "backup.sqlite3"
    assert cmd_backup.run(argparse.Namespace(data_dir=data, to=target)) == 0
    assert mode(target) == 0o600
    assert cmd_backup.run(argparse.Namespace(data_dir=data, to=tmp_path)) == 2
    assert cmd_backup.run(argparse.Namespace(data_dir=tmp_path / "none", to=target)) == 8
    assert not (tmp_path / "none" / "consult.sqlite3").exists()

    other = tmp_path / "other"
    assert cmd_restore.run(argparse.Namespace(data_dir=other, file=target)) == 0
    assert names(other / "consult.sqlite3") == ["Zoë O'Brien"]
    assert cmd_restore.run(argparse.Namespace(data_dir=other, file=tmp_path / "nope")) == 2
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"x" * 4096)
    assert cmd_restore.run(argparse.Namespace(data_dir=other, file=bad)) == 8
    out = capsys.readouterr()
    assert "damaged" in out.err

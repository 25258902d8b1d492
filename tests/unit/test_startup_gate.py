"""Background integrity check, held writes and the automatic backup at GUI startup."""

import datetime as dt

import pytest

from consult_app.app.startup import PATIENT_WRITES, HeldWrites, IntegrityGate
from consult_app.core.patient import NewPatient
from consult_app.storage.backup import backup_files as list_backups
from consult_app.storage.db import open_database
from consult_app.storage.errors import StorageUnavailable
from consult_app.storage.patients import PatientRepository

PATIENT = NewPatient(name="Zoë O'Brien <b> & Co", birth_date=dt.date(1984, 3, 9))


def test_sound_database_passes_and_is_backed_up(tmp_path):
    db = tmp_path / "consult.sqlite3"
    conn = open_database(db)
    PatientRepository(conn).create(PATIENT)
    gate = IntegrityGate(db, backups_dir=tmp_path / "backups", keep=3).start()
    assert gate.wait(10)
    assert gate.backup is not None and gate.backup.is_file()
    assert len(list_backups(tmp_path / "backups")) == 1
    # a second start the same day makes no new backup
    gate2 = IntegrityGate(db, backups_dir=tmp_path / "backups", keep=3).start()
    assert gate2.wait(10) and gate2.backup is None
    held = HeldWrites(PatientRepository(conn), gate, PATIENT_WRITES)
    assert held.create(NewPatient(name="B", birth_date=dt.date(1990, 1, 1))) > 0
    assert held.count() == 2
    conn.close()


def test_corrupt_database_holds_writes_and_is_not_touched(tmp_path):
    db = tmp_path / "consult.sqlite3"
    conn = open_database(db)
    repo = PatientRepository(conn)
    for i in range(300):
        repo.create(NewPatient(name=f"Patient {i} " + "x" * 200, birth_date=dt.date(1980, 1, 1)))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(db.read_bytes())
    # overwrite a run of bytes in the middle of the file (inside table pages, after the header)
    middle = len(raw) // 2
    raw[middle : middle + 4096] = b"\xff" * 4096
    db.write_bytes(bytes(raw))
    before = db.read_bytes()
    gate = IntegrityGate(db, backups_dir=tmp_path / "backups").start()
    assert gate.wait(10) is False
    assert not (tmp_path / "backups").exists() or not list_backups(tmp_path / "backups")
    fake_repo = type("Repo", (), {"create": lambda self, p: pytest.fail("write reached storage")})()
    held = HeldWrites(fake_repo, gate, PATIENT_WRITES)
    with pytest.raises(StorageUnavailable):
        held.create(PATIENT)
    assert db.read_bytes() == before


def test_attribute_set_on_proxy_reaches_target(tmp_path):
    gate = IntegrityGate(tmp_path / "x.sqlite3")
    target = type("T", (), {"settings": 1})()
    proxy = HeldWrites(target, gate, ())
    proxy.settings = 2
    assert target.settings == 2 and proxy.settings == 2

"""Issue 24: clinicians as users on a real SQLite file: PIN hash, lockout, audit user ids."""

import datetime as dt
import logging
import shutil
import sqlite3

import pytest

from consult_app.core.clinicians import NewClinician, SignIn
from consult_app.storage import audit
from consult_app.storage.db import open_database
from consult_app.storage.users import BadPin, UserRefused, UserRepository
from consult_app.storage.verify import verify

FAST = 2**10
PIN = "4821"
PASSPHRASE = "violet harbour lantern"


class Clock:
    def __init__(self):
        self.now = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)

    def __call__(self):
        return self.now


@pytest.fixture
def db(tmp_path):
    conn = open_database(tmp_path / "data" / "consult.sqlite3")
    yield conn
    audit.set_actor(conn, None)
    conn.close()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def users(db, clock):
    return UserRepository(db, now=clock, pin_cost=FAST)


def martin():
    return NewClinician("Dr A. Martin", "MD", "CMQ 12345", may_prescribe=True)


def test_the_pin_is_stored_only_as_a_salted_hash_and_never_logged(db, users, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    first = users.create(martin(), PASSPHRASE)
    second = users.create(NewClinician("Noor Haddad", "RN"), PIN)
    assert users.sign_in(second, PIN).ok
    assert not users.sign_in(second, "9137").ok
    users.reset_pin(second, "5830", confirmer_id=first, confirmer_pin=PASSPHRASE)
    hashes = [r[0] for r in db.execute("SELECT pin_hash FROM users ORDER BY id")]
    assert all(h.startswith("scrypt$") for h in hashes)
    assert PASSPHRASE not in hashes[0] and "5830" not in hashes[1]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = b"".join(p.read_bytes() for p in (tmp_path / "data").glob("consult.sqlite3*"))
    assert PASSPHRASE.encode() not in raw
    # and two clinicians with the same PIN get different hashes (salted)
    third = users.create(NewClinician("Dr B. Roy", "MD"), "5830")
    assert (
        db.execute("SELECT pin_hash FROM users WHERE id = ?", (third,)).fetchone()[0]
        != (db.execute("SELECT pin_hash FROM users WHERE id = ?", (second,)).fetchone()[0])
    )
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (PASSPHRASE, "5830", PIN, "9137"):
        assert secret not in logged


def test_five_wrong_pins_lock_for_five_minutes_and_the_lock_survives_a_restart(
    db, users, clock, tmp_path
):
    uid = users.create(martin(), PIN)
    for left in (4, 3, 2, 1):
        answer = users.sign_in(uid, "0000")
        assert answer.outcome is SignIn.WRONG_PIN and answer.attempts_left == left
    answer = users.sign_in(uid, "0000")
    assert answer.outcome is SignIn.LOCKED
    assert answer.locked_until == clock.now + dt.timedelta(minutes=5)
    # the right PIN is refused while locked, also through a new connection (app restarted)
    again = open_database(tmp_path / "data" / "consult.sqlite3")
    try:
        later = UserRepository(again, now=clock, pin_cost=FAST)
        clock.now += dt.timedelta(minutes=4, seconds=59)
        assert later.sign_in(uid, PIN).outcome is SignIn.LOCKED
        clock.now += dt.timedelta(seconds=1)
        assert later.sign_in(uid, PIN).ok
        assert later.attempts(uid).failures == 0
    finally:
        audit.set_actor(again, None)
        again.close()


def test_policy_and_names(users):
    with pytest.raises(BadPin):
        users.create(martin(), "1234")
    uid = users.create(martin(), PIN)
    with pytest.raises(UserRefused):
        users.create(NewClinician("  dr a.  MARTIN "), "5830")
    assert users.find_by_name("dr a. martin").id == uid
    assert users.find_by_name("Someone Else") is None
    assert [c.name for c in users.clinicians()] == ["Dr A. Martin"]


def test_deactivate_never_delete_and_keep_a_prescriber(db, users):
    first = users.create(martin(), PIN)
    nurse = users.create(NewClinician("Noor Haddad", "RN"), "5830")
    with pytest.raises(UserRefused):
        users.set_active(first, False)  # the only prescriber
    users.set_active(nurse, False)
    assert [c.id for c in users.clinicians()] == [first]
    assert users.sign_in(nurse, "5830").outcome is SignIn.INACTIVE
    with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
        db.execute("DELETE FROM users WHERE id = ?", (nurse,))
    users.set_active(nurse, True)
    assert users.sign_in(nurse, "5830").ok


def test_a_pin_reset_needs_another_prescribers_pin(users):
    first = users.create(martin(), PIN)
    nurse = users.create(NewClinician("Noor Haddad", "RN"), "5830")
    with pytest.raises(UserRefused):
        users.reset_pin(first, "7391", confirmer_id=first, confirmer_pin=PIN)  # self
    with pytest.raises(UserRefused):
        users.reset_pin(first, "7391", confirmer_id=nurse, confirmer_pin="5830")  # no prescriber
    with pytest.raises(UserRefused):
        users.reset_pin(nurse, "7391", confirmer_id=first, confirmer_pin="0000")  # wrong PIN
    for _ in range(5):
        users.sign_in(nurse, "0000")
    assert users.sign_in(nurse, "5830").outcome is SignIn.LOCKED
    users.reset_pin(nurse, "7391", confirmer_id=first, confirmer_pin=PIN)
    assert users.sign_in(nurse, "7391").ok  # and the lock is cleared


def test_audit_entries_carry_the_signed_in_clinician_and_the_chain_verifies(db, users):
    audit.append(db, "patient_created", patient_id=1)  # before anyone signed in
    uid = users.create(martin(), PIN)
    assert users.sign_in(uid, PIN).ok
    audit.append(db, "patient_changed", patient_id=1)
    users.sign_out(locked=True)
    audit.append(db, "patient_changed", patient_id=1)
    rows = [(e.event, e.user_id) for e in audit.entries(db)]
    assert rows == [
        ("patient_created", None),
        ("user_created", uid),
        ("signed_in", uid),
        ("patient_changed", uid),
        ("screen_locked", uid),
        ("patient_changed", None),
    ]
    assert "user_id" not in audit.entries(db)[0].body()
    report = verify(db)
    assert report.chain_ok, report.problems  # (patient 1 is a bare id here, not a stored patient)
    # a user id changed afterwards breaks the chain
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("UPDATE audit_log SET user_id = 99 WHERE event = 'patient_changed' AND user_id")
    assert not verify(db).chain_ok


def test_an_older_database_migrates_and_its_chain_still_verifies(tmp_path, repo_root):
    target = tmp_path / "data" / "consult.sqlite3"
    target.parent.mkdir()
    shutil.copy(repo_root / "tests" / "fixtures" / "db" / "consult-v1.sqlite3", target)
    conn = open_database(target)
    try:
        before = len(audit.entries(conn))
        assert before
        users = UserRepository(conn, pin_cost=FAST)
        uid = users.create(martin(), PIN)
        assert users.sign_in(uid, PIN).ok
        report = verify(conn)
        assert report.chain_ok, report.problems
        assert audit.entries(conn)[-1].user_id == uid
    finally:
        audit.set_actor(conn, None)
        conn.close()

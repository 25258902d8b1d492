"""Issue 14, points 3-5: verify never cries wolf, misses no edit, and is anchored outside the file.

- three writer processes seal, document and audit while ``verify`` loops: no false alarm;
- every edit made with the triggers dropped and put back is caught: a patient's name, birth date
  or chart number, a deleted patient, ``consultations.patient_id``, a consultation's status or
  stored state, ``consents.corrects_consent_id``, ``sealed_at``; a same-name no-op trigger and an
  extra trigger;
- a forgery that recomputes the whole chain is caught by the chain head written beside a backup
  (and by the keyring's MAC where there is a keyring); a tail cut after a backup as well; with
  neither anchor it cannot be caught, and ``verify`` says which anchors it used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

from consult_app.app import cmd_verify
from consult_app.core.patient import NewPatient
from consult_app.core.sealing import canonical_json, seal_hash
from consult_app.storage import anchors, idempotency
from consult_app.storage.audit import GENESIS_HASH, AuditEntry, entry_hash
from consult_app.storage.backup import backup_to
from consult_app.storage.consents import seal_consent
from consult_app.storage.consultations import ConsultationRepository
from consult_app.storage.db import open_database
from consult_app.storage.patients import PatientRepository
from consult_app.storage.verify import verify

ROOT = Path(__file__).resolve().parents[2]


def payload(decision: str = "given", units: int = 10) -> dict[str, object]:
    return {
        "date": "2026-11-21",
        "product": "botox",
        "plan": {"frontalis": units},
        "consent": {"decision": decision, "clinician": "Dr A. Smith"},
    }


def build(data_dir: Path) -> dict[str, int]:
    conn = open_database(data_dir / "consult.sqlite3")
    patients = PatientRepository(conn)
    pid = patients.create(NewPatient("Zoë O'Brien", dt.date(1984, 3, 9), chart_number="A-1"))
    other = patients.create(NewPatient("Sam Lee", dt.date(1970, 1, 2)))
    lonely = patients.create(NewPatient("No Visits", dt.date(1990, 5, 5)))
    repo = ConsultationRepository(conn)
    a = repo.create_draft(pid, {"case": {"plan": {"frontalis": 10}}})
    first = seal_consent(conn, a, payload())
    b = repo.create_draft(pid, {"case": {"plan": {"frontalis": 300}}})
    second = seal_consent(conn, b, payload(units=300))
    idempotency.bind_case(conn, "EMR-1", a, "0" * 64)
    conn.close()
    return {
        "patient": pid,
        "other": other,
        "lonely": lonely,
        "a": a,
        "b": b,
        "first": first.id,
        "second": second.id,
    }


def run_verify(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cmd_verify.run(argparse.Namespace(data_dir=data_dir))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def tamper(data_dir: Path, *statements: str, keep: dict[str, str] | None = None) -> None:
    """Drop every trigger, run ``statements``, put the triggers back (or ``keep``'s SQL)."""
    raw = sqlite3.connect(str(data_dir / "consult.sqlite3"), isolation_level=None)
    triggers = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        raw.execute(f"DROP TRIGGER {name}")
    for statement in statements:
        raw.execute(statement)
    for name, sql in triggers:
        raw.execute((keep or {}).get(name, sql))
    raw.close()


BLIND_SPOTS = {
    "patient name": ("UPDATE patients SET name = 'Someone Else' WHERE id = {patient}", "patient"),
    "birth date": ("UPDATE patients SET birth_date = '1990-01-01' WHERE id = {patient}", "patient"),
    "chart number": ("UPDATE patients SET chart_number = 'B-9' WHERE id = {patient}", "patient"),
    "deleted patient": ("DELETE FROM patients WHERE id = {lonely}", "DELETED patient"),
    "consultation moved": (
        "UPDATE consultations SET patient_id = {other} WHERE id = {b}",
        "moved to another patient",
    ),
    "status reopened": ("UPDATE consultations SET status = 'draft' WHERE id = {b}", "status"),
    "status flipped": ("UPDATE consultations SET status = 'declined' WHERE id = {b}", "status"),
    "stored state": (
        "UPDATE consultations SET data = '{{\"case\":{{}}}}' WHERE id = {a}",
        "stored state",
    ),
    "started_at": (
        "UPDATE consultations SET created_at = '2020-01-01T00:00:00.000000+00:00' WHERE id = {a}",
        "start time",
    ),
    "corrects on update": (
        "UPDATE consents SET corrects_consent_id = {first} WHERE id = {second}",
        "corrects",
    ),
    "case id remapped": (
        "UPDATE case_ids SET consultation_id = {b} WHERE case_id = 'EMR-1'",
        "case id binding",
    ),
    "case id deleted": ("DELETE FROM case_ids WHERE case_id = 'EMR-1'", "case id binding"),
    "sealed_at": (
        "UPDATE consents SET sealed_at = '2020-01-01T00:00:00.000000+00:00' WHERE id = {first}",
        "sealing time",
    ),
}


@pytest.mark.parametrize("name", sorted(BLIND_SPOTS))
def test_every_blind_spot_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    ids = build(tmp_path)
    assert run_verify(tmp_path, capsys)[0] == 0
    statement, expected = BLIND_SPOTS[name]
    tamper(tmp_path, statement.format(**ids))
    code, out = run_verify(tmp_path, capsys)
    assert code == 6, out
    assert expected in out


def test_a_same_name_no_op_trigger_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(tmp_path)
    noop = "CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents BEGIN SELECT 1; END"
    tamper(tmp_path, keep={"consents_no_update": noop})
    code, out = run_verify(tmp_path, capsys)
    assert code == 6 and "trigger consents_no_update is not the app's" in out


def test_an_extra_trigger_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(tmp_path)
    tamper(
        tmp_path,
        "CREATE TRIGGER sneaky AFTER INSERT ON consents BEGIN SELECT 1; END",
    )
    code, out = run_verify(tmp_path, capsys)
    assert code == 6 and "trigger sneaky is not one of the app's" in out


def test_legitimate_patient_correction_is_not_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = build(tmp_path)
    conn = open_database(tmp_path / "consult.sqlite3")
    patients = PatientRepository(conn)
    stored = patients.get(ids["patient"])
    patients.update(
        ids["patient"], NewPatient("Zoé O'Brien-Smith", stored.birth_date, chart_number="A-1")
    )
    conn.close()
    assert run_verify(tmp_path, capsys)[0] == 0


# ---------------------------------------------------------------- forgery and anchors


def _forge(db: Path, consent_id: int) -> None:
    """What an intruder with the file can do: rewrite a consent and recompute the whole chain."""
    raw = sqlite3.connect(str(db), isolation_level=None)
    raw.row_factory = sqlite3.Row
    for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        raw.execute(f"DROP TRIGGER {name}")
    data = canonical_json(payload(units=30))
    digest = seal_hash(data)
    raw.execute(
        "UPDATE consents SET canonical = ?, sha256 = ? WHERE id = ?", (data, digest, consent_id)
    )
    prev = GENESIS_HASH
    for row in raw.execute("SELECT * FROM audit_log ORDER BY seq").fetchall():
        detail = row["detail"]
        if row["event"] == "consent_sealed" and row["consent_id"] == consent_id:
            detail = digest + detail[64:]
        entry = AuditEntry(
            row["seq"], row["at"], row["event"], row["patient_id"], row["consultation_id"],
            row["consent_id"], row["document_id"], detail, prev, "",
        )  # fmt: skip
        new_hash = entry_hash(prev, entry.body())
        raw.execute(
            "UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ?, mac = NULL WHERE seq = ?",
            (detail, prev, new_hash, row["seq"]),
        )
        prev = new_hash
    raw.close()
    # the triggers are recreated by the next open (no: put them back as they were)
    conn = sqlite3.connect(str(db), isolation_level=None)
    from consult_app.storage.verify import expected_triggers

    for sql in expected_triggers().values():
        conn.execute(sql)
    conn.close()


def test_recomputed_chain_passes_without_any_anchor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit the README states: with no keyring and no backup anchor, nothing can tell."""
    monkeypatch.setenv("CONSULT_APP_NO_KEYRING", "1")
    ids = build(tmp_path)
    _forge(tmp_path / "consult.sqlite3", ids["second"])
    code, out = run_verify(tmp_path, capsys)
    assert code == 0, out
    assert "keyring: no audit key" in out and "backup anchors: none found" in out


def test_recomputed_chain_is_caught_by_a_backup_anchor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = build(tmp_path)
    conn = open_database(tmp_path / "consult.sqlite3")
    backup_to(conn, tmp_path / "backups" / "consult-20261121T120000Z.sqlite3")
    conn.close()
    assert (tmp_path / "backups" / anchors.ANCHOR_FILE).is_file()
    code, out = run_verify(tmp_path, capsys)
    assert code == 0 and "backup anchors: 1 in" in out and "agree" in out
    _forge(tmp_path / "consult.sqlite3", ids["second"])
    code, out = run_verify(tmp_path, capsys)
    assert code == 6, out
    assert "differs from the anchor written" in out and anchors.ANCHOR_FILE in out


def test_tail_cut_after_a_backup_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(tmp_path)
    conn = open_database(tmp_path / "consult.sqlite3")
    backup_to(conn, tmp_path / "backups" / "consult-20261121T120000Z.sqlite3")
    conn.close()
    tamper(
        tmp_path,
        "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 2 FROM audit_log)",
        "DELETE FROM consents WHERE id = (SELECT max(id) FROM consents)",
        "UPDATE consultations SET status = 'draft' WHERE id = (SELECT max(id) FROM consultations)",
        "UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM audit_log)"
        " WHERE name = 'audit_log'",
    )
    code, out = run_verify(tmp_path, capsys)
    assert code == 6, out
    assert "tail missing" in out and anchors.ANCHOR_FILE in out


class MemoryKeyring(KeyringBackend):
    """A keyring backend held in memory (a real backend API, no OS service)."""

    priority = -1  # type: ignore[assignment]  # never chosen on its own (fail.Keyring is 0)

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[MemoryKeyring]:
    monkeypatch.delenv("CONSULT_APP_NO_KEYRING")
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    anchors.forget_cached_keys()
    try:
        yield ring
    finally:
        keyring.set_keyring(previous)
        anchors.forget_cached_keys()


def test_recomputed_chain_is_caught_by_the_keyring_mac(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], memory_keyring: MemoryKeyring
) -> None:
    ids = build(tmp_path)
    assert memory_keyring.store, "the first audit entry created a key"
    code, out = run_verify(tmp_path, capsys)
    assert code == 0 and "keyring: audit key from entry 1 on" in out
    _forge(tmp_path / "consult.sqlite3", ids["second"])
    code, out = run_verify(tmp_path, capsys)
    assert code == 6, out
    assert "do not carry the keyring's MAC" in out


# ---------------------------------------------------------------- one snapshot

WRITER = r"""
import datetime as dt, sys, time
from consult_app.core.patient import NewPatient
from consult_app.storage.consents import seal_consent
from consult_app.storage.consultations import ConsultationRepository
from consult_app.storage.db import open_database
from consult_app.storage.document_log import record_document
from consult_app.storage.patients import PatientRepository

conn = open_database(sys.argv[1], check=False, busy_timeout_ms=10000)
repo = ConsultationRepository(conn)
end = time.monotonic() + float(sys.argv[2])
n = 0
while time.monotonic() < end:
    pid = PatientRepository(conn).create(NewPatient(f"W{sys.argv[3]} {n}", dt.date(1980, 1, 1)))
    cid = repo.create_draft(pid, {"case": {}})
    repo.complete_step(cid, "screening")
    plan = {"product": "botox", "plan": {"frontalis": 10}, "consent": {"decision": "given"}}
    seal_consent(conn, cid, plan)
    record_document(conn, cid, "record", "a" * 64)
    n += 1
print(n)
"""


def test_verify_while_three_writers_run_never_cries_wolf(tmp_path: Path) -> None:
    db = tmp_path / "consult.sqlite3"
    open_database(db).close()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    seconds = 6.0
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(seconds), str(w)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for w in range(3)
    ]
    runs: list[Any] = []
    try:
        time.sleep(1.0)  # the writers are importing
        end = time.monotonic() + seconds - 1.5
        while time.monotonic() < end:
            conn = open_database(db, readonly=True, check=False, busy_timeout_ms=10000)
            try:
                report = verify(conn)
            finally:
                conn.close()
            runs.append(report.audit_entries)
            assert report.ok, report.problems
    finally:
        written = [int(w.communicate(timeout=60)[0] or 0) for w in writers]
    assert len(runs) >= 5 and sum(written) >= 3
    assert len(set(runs)) > 1  # the log grew while verify ran
    conn = open_database(db, readonly=True)
    try:
        assert verify(conn).ok
    finally:
        conn.close()


def test_report_names_its_anchors_in_json_safe_text(tmp_path: Path) -> None:
    build(tmp_path)
    conn = open_database(tmp_path / "consult.sqlite3", readonly=True)
    try:
        report = verify(conn, anchor_folders=[tmp_path / "backups"], keyring_checked=True)
    finally:
        conn.close()
    assert report.ok
    json.dumps(report.anchors)
    assert any("none found" in line for line in report.anchors)

"""verify: intact records pass; any edit, deletion or reordering is caught and named."""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from consult_app.app import cmd_verify
from consult_app.core.patient import NewPatient
from consult_app.storage.consents import seal_consent
from consult_app.storage.consultations import ConsultationRepository
from consult_app.storage.db import open_database
from consult_app.storage.document_log import record_document
from consult_app.storage.patients import PatientRepository
from consult_app.storage.verify import verify


def payload(decision: str = "given", product: str = "botox") -> dict[str, object]:
    return {
        "date": "2026-11-21",
        "product": product,
        "plan": {"frontalis": 10},
        "consent_text": "I understand the risks.",
        "consent": {"decision": decision, "clinician": "Dr A. Smith"},
    }


def build(data_dir: Path) -> dict[str, int]:
    """A database with two sealed consultations, a correction, a draft and a document."""
    conn = open_database(data_dir / "consult.sqlite3")
    pid = PatientRepository(conn).create(NewPatient("Zoë O'Brien", dt.date(1984, 3, 9)))
    repo = ConsultationRepository(conn)
    a = repo.create_draft(pid)
    repo.complete_step(a, "screening")
    first = seal_consent(conn, a, payload())
    seal_consent(conn, a, payload(product="xeomin"), corrects=first.id)
    record_document(conn, a, "record", "d" * 64)
    b = repo.create_draft(pid)
    seal_consent(conn, b, payload("declined"))
    c = repo.create_draft(pid)
    repo.set_field(c, "q", "yes")
    conn.close()
    return {"a": a, "b": b, "c": c, "patient": pid}


def run_verify(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cmd_verify.run(argparse.Namespace(data_dir=data_dir))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def tamper(data_dir: Path, *statements: str, hide: bool = True) -> None:
    """Edit the database directly: drop every trigger, run ``statements``, and (``hide``)
    put the triggers back so the file looks untouched."""
    raw = sqlite3.connect(str(data_dir / "consult.sqlite3"), isolation_level=None)
    triggers = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _ in triggers:
        raw.execute(f"DROP TRIGGER {name}")
    for statement in statements:
        raw.execute(statement)
    if hide:
        for _, sql in triggers:
            raw.execute(sql)
    raw.close()


def test_intact_database_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(tmp_path)
    code, out = run_verify(tmp_path, capsys)
    assert code == 0, out
    lines = out.splitlines()
    assert sum(1 for line in lines if line.startswith("consultation ")) == 3
    assert all(" OK" in line for line in lines if line.startswith("consultation "))
    assert "audit chain:" in out and "intact" in out


def test_printed_seal_is_the_stored_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = build(tmp_path)
    raw = sqlite3.connect(str(tmp_path / "consult.sqlite3"))
    sha = raw.execute(
        "SELECT sha256 FROM consents WHERE consultation_id = ?", (ids["b"],)
    ).fetchone()[0]
    raw.close()
    _, out = run_verify(tmp_path, capsys)
    assert f"consultation {ids['b']} consent 3 declined {sha} OK" in out


def test_one_character_changed_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = build(tmp_path)
    tamper(
        tmp_path,
        f"UPDATE consents SET canonical = CAST(replace(CAST(canonical AS TEXT), 'risks', 'risk5')"
        f" AS BLOB) WHERE consultation_id = {ids['b']}",
    )
    code, out = run_verify(tmp_path, capsys)
    assert code == 6
    assert f"ALTERED consultation {ids['b']}: consent 3: its bytes do not match its seal" in out
    assert f"consultation {ids['b']} consent 3 declined" in out and "ALTERED" in out
    assert f"consultations {ids['b']})" in out


def test_changed_bytes_with_recomputed_hash_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = build(tmp_path)
    from consult_app.core.sealing import canonical_json, seal_hash

    forged = canonical_json(payload("given"))
    tamper(
        tmp_path,
        f"UPDATE consents SET canonical = X'{forged.hex()}', sha256 = '{seal_hash(forged)}',"
        f" decision = 'given' WHERE consultation_id = {ids['b']}",
    )
    code, out = run_verify(tmp_path, capsys)
    assert code == 6
    assert f"consultation {ids['b']}: consent 3: its seal differs from the one in the audit" in out


def test_deleted_audit_row_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(tmp_path)
    tamper(tmp_path, "DELETE FROM audit_log WHERE seq = 4")
    code, out = run_verify(tmp_path, capsys)
    assert code == 6
    assert "audit log: entries 4 deleted" in out
    assert "BROKEN" in out


def test_deleted_audit_tail_is_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(tmp_path)
    tamper(tmp_path, "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    code, out = run_verify(tmp_path, capsys)
    assert code == 6
    assert "tail missing" in out


def test_reordered_audit_rows_are_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(tmp_path)
    tamper(
        tmp_path,
        "UPDATE audit_log SET seq = 1000 WHERE seq = 2",
        "UPDATE audit_log SET seq = 2 WHERE seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE seq = 1000",
    )
    code, out = run_verify(tmp_path, capsys)
    assert code == 6
    assert "audit log: entry 2" in out


def test_deleted_whole_consultation_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = build(tmp_path)
    b = ids["b"]
    tamper(
        tmp_path,
        f"DELETE FROM consents WHERE consultation_id = {b}",
        f"DELETE FROM consultations WHERE id = {b}",
    )
    code, out = run_verify(tmp_path, capsys)
    assert code == 6
    assert f"DELETED consultation {b}" in out


def test_deleted_draft_consultation_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = build(tmp_path)
    tamper(tmp_path, f"DELETE FROM consultations WHERE id = {ids['c']}")
    code, out = run_verify(tmp_path, capsys)
    assert code == 6
    assert f"DELETED consultation {ids['c']}" in out


def test_discarded_draft_is_not_a_problem(tmp_path: Path) -> None:
    ids = build(tmp_path)
    conn = open_database(tmp_path / "consult.sqlite3")
    ConsultationRepository(conn).discard_draft(ids["c"])
    assert verify(conn).ok
    conn.close()


def test_dropped_trigger_alone_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build(tmp_path)
    tamper(tmp_path, hide=False)
    code, out = run_verify(tmp_path, capsys)
    assert code == 6
    assert "trigger consents_no_update is missing" in out


def test_document_record_changed_is_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = build(tmp_path)
    tamper(tmp_path, f"UPDATE documents SET sha256 = '{'e' * 64}'")
    code, out = run_verify(tmp_path, capsys)
    assert code == 6
    assert f"ALTERED consultation {ids['a']}: document 1 record changed" in out


def test_verify_does_not_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    build(tmp_path)
    db = tmp_path / "consult.sqlite3"
    before = db.read_bytes()
    assert run_verify(tmp_path, capsys)[0] == 0
    assert db.read_bytes() == before


def test_storage_unavailable_exits_8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_verify(tmp_path / "missing", capsys)
    assert code == 8 and "no database" in out
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "consult.sqlite3").write_bytes(b"garbage" * 100)
    code, out = run_verify(tmp_path / "bad", capsys)
    assert code == 8 and "damaged" in out

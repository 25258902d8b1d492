"""Sealing: exact bytes and hash, immutability triggers, corrections, declined consents."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator

import pytest

from consult_app.core.patient import NewPatient
from consult_app.core.sealing import canonical_json, seal_hash
from consult_app.storage.consents import AlreadyCorrected, get_consent, seal_consent
from consult_app.storage.consultations import (
    ConsultationNotEditable,
    ConsultationNotFound,
    ConsultationRepository,
)
from consult_app.storage.db import open_database
from consult_app.storage.document_log import record_delivery, record_document
from consult_app.storage.patients import PatientRepository

PAYLOAD = {
    "patient": {"name": "Zoë O'Brien <b> & Co", "birth_date": "1984-03-09"},
    "date": "2026-11-21",
    "product": "botox",
    "lot": "C1234",
    "plan": {"frontalis": 10},
    "consent_text": "Je comprends les risques… «texte exact»",
    "consent": {"decision": "given", "clinician": "Dr A. Smith", "patient_signature": "typed:Zoë"},
}


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    c = open_database(":memory:")
    yield c
    c.close()


def draft(conn: sqlite3.Connection) -> int:
    pid = PatientRepository(conn).create(NewPatient("Zoë", dt.date(1984, 3, 9)))
    return ConsultationRepository(conn).create_draft(pid, {"answers": {}})


def test_seal_stores_exact_bytes_and_hash(conn: sqlite3.Connection) -> None:
    cid = draft(conn)
    sealed = seal_consent(conn, cid, PAYLOAD)
    stored = get_consent(conn, sealed.id)
    assert stored.canonical == canonical_json(PAYLOAD)
    assert stored.sha256 == sealed.sha256 == seal_hash(stored.canonical)
    assert stored.decision == "given"
    assert sealed.sealed_at.tzinfo is not None
    entry = conn.execute("SELECT * FROM audit_log WHERE event = 'consent_sealed'").fetchone()
    assert entry["consent_id"] == sealed.id and entry["consultation_id"] == cid
    assert entry["detail"].split(":")[0] == sealed.sha256  # then corrects:0, then the data hash
    assert entry["at"] == stored.sealed_at.isoformat()  # the chain covers sealed_at


def test_declined_is_sealed_too(conn: sqlite3.Connection) -> None:
    cid = draft(conn)
    sealed = seal_consent(conn, cid, {"consent": {"decision": "declined", "clinician": "Dr"}})
    assert get_consent(conn, sealed.id).decision == "declined"
    assert ConsultationRepository(conn).get(cid).status == "declined"


def test_bad_decisions_refused_and_nothing_written(conn: sqlite3.Connection) -> None:
    cid = draft(conn)
    with pytest.raises(ValueError):
        seal_consent(conn, cid, {"consent": {"decision": None}})
    with pytest.raises(ValueError):
        seal_consent(conn, cid, {"consent": {"decision": "given"}})  # no product/plan
    with pytest.raises(ConsultationNotFound):
        seal_consent(conn, 999, PAYLOAD)
    assert conn.execute("SELECT count(*) FROM consents").fetchone()[0] == 0
    assert ConsultationRepository(conn).get(cid).status == "draft"


def test_sealing_twice_needs_a_correction(conn: sqlite3.Connection) -> None:
    cid = draft(conn)
    first = seal_consent(conn, cid, PAYLOAD)
    with pytest.raises(ConsultationNotEditable):
        seal_consent(conn, cid, PAYLOAD)
    fixed = {**PAYLOAD, "lot": "C1235"}
    second = seal_consent(conn, cid, fixed, corrects=first.id)
    assert get_consent(conn, second.id).corrects_consent_id == first.id
    assert get_consent(conn, first.id).canonical == canonical_json(PAYLOAD)
    with pytest.raises(AlreadyCorrected):
        seal_consent(conn, cid, fixed, corrects=first.id)
    other = draft(conn)
    with pytest.raises(ConsultationNotEditable):
        seal_consent(conn, other, fixed, corrects=second.id)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE consents SET canonical = X'00'",
        "UPDATE consents SET sha256 = ?",
        "UPDATE consents SET decision = 'declined'",
        "DELETE FROM consents",
        "UPDATE consultations SET data = '{}'",
        "UPDATE consultations SET status = 'draft'",
        "DELETE FROM consultations",
        "UPDATE audit_log SET event = 'patient_changed'",
        "DELETE FROM audit_log",
        "UPDATE documents SET sha256 = ?",
        "DELETE FROM documents",
    ],
)
def test_sealed_rows_cannot_change(conn: sqlite3.Connection, sql: str) -> None:
    cid = draft(conn)
    seal_consent(conn, cid, PAYLOAD)
    record_document(conn, cid, "record", "a" * 64)
    params = ("b" * 64,) if "?" in sql else ()
    before = conn.execute("SELECT count(*), group_concat(sha256) FROM consents").fetchone()
    with pytest.raises(sqlite3.IntegrityError, match="immutable|append-only"):
        conn.execute(sql, params)
    after = conn.execute("SELECT count(*), group_concat(sha256) FROM consents").fetchone()
    assert tuple(before) == tuple(after)


def test_documents_and_deliveries_are_audited(conn: sqlite3.Connection) -> None:
    cid = draft(conn)
    doc = record_document(conn, cid, "handout", "C" * 64)
    record_delivery(conn, doc, "document_emailed")
    record_delivery(conn, doc, "document_printed")
    events = [
        (r["event"], r["document_id"])
        for r in conn.execute("SELECT * FROM audit_log WHERE document_id IS NOT NULL")
    ]
    assert events == [
        ("document_produced", doc),
        ("document_emailed", doc),
        ("document_printed", doc),
    ]
    with pytest.raises(ValueError):
        record_document(conn, cid, "Free text!", "c" * 64)
    with pytest.raises(ValueError):
        record_delivery(conn, doc, "document_burned")
    with pytest.raises(LookupError):
        record_delivery(conn, 999, "document_saved")


def test_audit_detail_must_be_an_identifier(conn: sqlite3.Connection) -> None:
    from consult_app.storage import audit

    with pytest.raises(ValueError):
        audit.append(conn, "step_completed", consultation_id=1, detail="patient Zoë said no")
    with pytest.raises(ValueError):
        audit.append(conn, "no_such_event")

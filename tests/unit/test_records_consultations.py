"""Draft autosave, deferral, history and sealed treatments."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from consult_app.core.patient import NewPatient
from consult_app.storage.consents import seal_consent
from consult_app.storage.consultations import (
    ConsultationNotEditable,
    ConsultationNotFound,
    ConsultationRepository,
)
from consult_app.storage.db import open_database
from consult_app.storage.patients import PatientRepository


@pytest.fixture
def conn() -> Iterator[sqlite3.Connection]:
    c = open_database(":memory:")
    yield c
    c.close()


def patient(conn: sqlite3.Connection, name: str = "Zoë O'Brien") -> int:
    return PatientRepository(conn).create(NewPatient(name, dt.date(1984, 3, 9), "female"))


def payload(
    decision: str = "given", date: str = "2026-11-21", **extra: object
) -> dict[str, object]:
    data: dict[str, object] = {
        "date": date,
        "product": "botox",
        "plan": {"frontalis": 10, "procerus": 5.5},
        "indications": ["forehead_lines"],
        "consent": {"decision": decision, "clinician": "Dr A. Smith"},
    }
    data.update(extra)
    return data


def test_draft_round_trip_and_set_field(conn: sqlite3.Connection) -> None:
    repo = ConsultationRepository(conn)
    pid = patient(conn)
    cid = repo.create_draft(pid, {"answers": {"toxin_allergy": "no"}, "note": "Zoë <b> & 王"})
    repo.set_field(cid, "product", "botox")
    repo.set_field(cid, "plan", {"frontalis": 10})
    row = repo.get(cid)
    assert row.status == "draft"
    assert row.data == {
        "answers": {"toxin_allergy": "no"},
        "note": "Zoë <b> & 王",
        "product": "botox",
        "plan": {"frontalis": 10},
    }
    assert row.revision == 2
    repo.save_draft(cid, {"replaced": True})
    assert repo.get(cid).data == {"replaced": True}
    assert [d.id for d in repo.list_drafts(pid)] == [cid]
    with pytest.raises(ConsultationNotFound):
        repo.get(999)
    with pytest.raises(ConsultationNotFound):
        repo.save_draft(999, {})


def test_each_save_is_committed_immediately(tmp_path: Path) -> None:
    path = tmp_path / "consult.sqlite3"
    conn = open_database(path)
    repo = ConsultationRepository(conn)
    cid = repo.create_draft(patient(conn))
    repo.set_field(cid, "q1", "yes")
    other = sqlite3.connect(str(path))  # a second reader sees it without any close/commit
    assert '"q1":"yes"' in other.execute("SELECT data FROM consultations").fetchone()[0]
    other.close()
    conn.close()


def test_deferred_discarded_and_sealed_states(conn: sqlite3.Connection) -> None:
    repo = ConsultationRepository(conn)
    pid = patient(conn)
    deferred = repo.create_draft(pid)
    repo.mark_deferred(deferred, {"verdict": "stop"})
    assert repo.get(deferred).status == "deferred"
    assert repo.list_drafts(pid) == []
    gone = repo.create_draft(pid)
    repo.discard_draft(gone)
    with pytest.raises(ConsultationNotFound):
        repo.get(gone)
    sealed = repo.create_draft(pid, {"x": 1})
    seal_consent(conn, sealed, payload())
    assert repo.get(sealed).status == "sealed"
    with pytest.raises(ConsultationNotEditable):
        repo.save_draft(sealed, {"x": 2})
    with pytest.raises(ConsultationNotEditable):
        repo.set_field(sealed, "x", 2)
    with pytest.raises(ConsultationNotEditable):
        repo.discard_draft(sealed)
    with pytest.raises(ConsultationNotEditable):
        repo.mark_deferred(sealed, {})
    assert repo.get(sealed).data == {"x": 1}
    events = [r[0] for r in conn.execute("SELECT event FROM audit_log ORDER BY seq")]
    assert events == [
        "patient_created",
        "consultation_started",
        "consultation_deferred",
        "consultation_started",
        "consultation_discarded",
        "consultation_started",
        "consent_sealed",
    ]


def test_sealed_treatments_follow_the_history_rule(conn: sqlite3.Connection) -> None:
    repo = ConsultationRepository(conn)
    pid = patient(conn)
    other = patient(conn, "Someone Else")
    first = repo.create_draft(pid)
    seal_consent(conn, first, payload(date="2026-08-01"))
    declined = repo.create_draft(pid)
    seal_consent(conn, declined, payload("declined", date="2026-09-01"))
    repo.create_draft(pid, {"product": "botox", "plan": {"frontalis": 99}})  # draft: not history
    corrected = repo.create_draft(pid)
    original = seal_consent(conn, corrected, payload(date="2026-10-01"))
    seal_consent(
        conn, corrected, payload(date="2026-10-01", plan={"masseter": 50}), corrects=original.id
    )
    seal_consent(conn, repo.create_draft(other), payload(date="2026-10-05"))

    treatments = repo.sealed_treatments(pid)
    assert [(t.date.isoformat(), t.units_total) for t in treatments] == [
        ("2026-08-01", 15.5),
        ("2026-10-01", 50.0),
    ]
    assert treatments[0].product == "botox"
    assert treatments[0].indications == ("forehead_lines",)
    assert treatments[0].areas == {"frontalis": 10.0, "procerus": 5.5}
    assert treatments[1].consultation_id == corrected

    history = repo.history(pid)
    assert len(history) == 4
    by_id = {h.consultation_id: h for h in history}
    assert by_id[declined].decision == "declined" and by_id[declined].status == "declined"
    assert by_id[corrected].corrected and by_id[corrected].treatment is not None
    assert by_id[first].sha256 is not None and len(by_id[first].sha256) == 64


def test_patient_correction_does_not_touch_sealed_history(conn: sqlite3.Connection) -> None:
    repo = ConsultationRepository(conn)
    pid = patient(conn)
    cid = repo.create_draft(pid)
    sealed = seal_consent(conn, cid, payload(patient={"name": "Zoë O'Brien"}))
    PatientRepository(conn).update(pid, NewPatient("Zoë Smith", dt.date(1984, 3, 9), "female"))
    assert repo.history(pid)[0].sha256 == sealed.sha256

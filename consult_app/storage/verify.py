"""Check that nothing sealed or audited was altered, deleted or reordered.

``verify(conn)`` recomputes every consent's SHA-256 from its stored bytes and walks the audit hash
chain, then cross-checks the two (the gap row checksums alone leave: a deleted row leaves no
checksum behind, but it leaves its audit entry):

- a consent whose bytes do not give its stored hash, whose hash differs from the one its
  ``consent_sealed`` audit entry recorded, or whose decision differs from its bytes: ALTERED;
- an audit ``consent_sealed`` entry whose consent is gone, or a sealed consultation with no
  consent: deleted consent;
- a consultation started in the audit log, never discarded, that no longer exists: deleted
  consultation; a consent or document with no audit entry: inserted behind the app's back;
- an audit entry whose hash does not match, whose ``prev_hash`` is not the previous entry's
  hash, a gap in ``seq`` or a missing tail (``sqlite_sequence``): chain broken;
- a missing immutability trigger.

Every problem names the consultation (or audit ``seq``) concerned. Read-only: safe on a
read-only connection.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Final

from consult_app.core.sealing import seal_hash
from consult_app.storage import administrations
from consult_app.storage.audit import GENESIS_HASH, AuditEntry, entries, entry_hash
from consult_app.storage.consents import decision_of, parse_sealing_detail
from consult_app.storage.followups import REQUIRED_TRIGGERS as FOLLOWUP_TRIGGERS
from consult_app.storage.followups import check_followups

__all__ = ["REQUIRED_TRIGGERS", "ConsentCheck", "VerifyReport", "verify"]

REQUIRED_TRIGGERS: Final = (
    "consents_no_update",
    "consents_no_delete",
    "consultations_sealed_no_update",
    "consultations_sealed_no_delete",
    "audit_log_no_update",
    "audit_log_no_delete",
    "documents_no_update",
    "documents_no_delete",
    *administrations.REQUIRED_TRIGGERS,
)


@dataclass(frozen=True, slots=True)
class ConsentCheck:
    """The state of one sealed consent.

    Attributes:
        consent_id: the consent's id.
        consultation_id: its consultation.
        decision: ``given`` or ``declined`` (as stored).
        sha256: the stored seal.
        ok: True when the bytes, the seal and the audit log agree.
        corrects_consent_id: the consent it corrects, if any.
    """

    consent_id: int
    consultation_id: int
    decision: str
    sha256: str
    ok: bool
    corrects_consent_id: int | None = None


@dataclass(slots=True)
class VerifyReport:
    """What ``verify`` found.

    Attributes:
        consents: one check per stored consent, in id order.
        audit_entries: how many audit entries were read.
        chain_ok: True when the audit hash chain is whole and in order.
        problems: one line per problem, naming the consultation or audit entry.
        altered_consultations: ids of consultations with any problem.
    """

    consents: list[ConsentCheck] = field(default_factory=list)
    audit_entries: int = 0
    chain_ok: bool = True
    problems: list[str] = field(default_factory=list)
    altered_consultations: set[int] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        """True when nothing was altered, deleted or reordered."""
        return not self.problems

    def _problem(self, text: str, consultation_id: int | None = None) -> None:
        self.problems.append(text)
        if consultation_id is not None:
            self.altered_consultations.add(consultation_id)


def verify(conn: sqlite3.Connection) -> VerifyReport:
    """Recompute every seal and the audit chain; see the module docstring.

    Raises:
        sqlite3.Error: when the database cannot be read (callers map it to exit 8).
    """
    report = VerifyReport()
    log = entries(conn)
    report.audit_entries = len(log)
    _check_chain(conn, log, report)

    sealed_by_consent: dict[int, tuple[int | None, str | None]] = {}
    started: set[int] = set()
    discarded: set[int] = set()
    documents_logged: dict[int, tuple[int | None, str | None]] = {}
    followups_logged: dict[int, str] = {}
    for entry in log:
        if entry.event == "consent_sealed" and entry.consent_id is not None:
            sealed_by_consent[entry.consent_id] = (
                entry.consultation_id,
                parse_sealing_detail(entry.detail)[0],
            )
        elif entry.event == "consultation_started" and entry.consultation_id is not None:
            started.add(entry.consultation_id)
        elif entry.event == "consultation_discarded" and entry.consultation_id is not None:
            discarded.add(entry.consultation_id)
        elif entry.event == "document_produced" and entry.document_id is not None:
            documents_logged[entry.document_id] = (entry.consultation_id, entry.detail)
        elif entry.event == "followup_recorded" and entry.detail and ":" in entry.detail:
            fid, _, digest = entry.detail.partition(":")
            if fid.isdigit():
                followups_logged[int(fid)] = digest

    _check_consents(conn, sealed_by_consent, report)
    _check_consultations(conn, started, discarded, report)
    _check_documents(conn, documents_logged, report)
    administrations.check_administrations(conn, log, report._problem)
    _check_triggers(conn, report)
    for problem in check_followups(conn, followups_logged):
        report._problem(problem)
    return report


def _check_chain(conn: sqlite3.Connection, log: list[AuditEntry], report: VerifyReport) -> None:
    prev_hash = GENESIS_HASH
    expected_seq = 1
    for entry in log:
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                missing = (
                    f"{expected_seq}"
                    if entry.seq == expected_seq + 1
                    else f"{expected_seq}-{entry.seq - 1}"
                )
                report._problem(f"audit log: entries {missing} deleted")
            else:
                report._problem(f"audit log: entry {entry.seq} out of order")
            report.chain_ok = False
        if entry.prev_hash != prev_hash:
            report._problem(
                f"audit log: entry {entry.seq} does not follow the previous entry "
                "(chain broken: rows deleted, inserted or reordered)",
                entry.consultation_id,
            )
            report.chain_ok = False
        if entry_hash(entry.prev_hash, entry.body()) != entry.hash:
            report._problem(f"audit log: entry {entry.seq} altered", entry.consultation_id)
            report.chain_ok = False
        prev_hash = entry.hash
        expected_seq = entry.seq + 1
    issued = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").fetchone()
    last = log[-1].seq if log else 0
    if issued is not None and int(issued[0]) > last:
        report._problem(f"audit log: entries {last + 1}-{int(issued[0])} deleted (tail missing)")
        report.chain_ok = False


def _check_consents(
    conn: sqlite3.Connection,
    sealed_by_consent: dict[int, tuple[int | None, str | None]],
    report: VerifyReport,
) -> None:
    seen: set[int] = set()
    rows = conn.execute(
        "SELECT id, consultation_id, decision, canonical, sha256, corrects_consent_id"
        " FROM consents ORDER BY id"
    ).fetchall()
    for row in rows:
        consent_id = int(row["id"])
        consultation_id = int(row["consultation_id"])
        seen.add(consent_id)
        raw = row["canonical"]
        data = bytes(raw) if isinstance(raw, bytes | memoryview) else str(raw).encode("utf-8")
        stored = str(row["sha256"])
        ok = True
        where = f"consultation {consultation_id}: consent {consent_id}"
        if seal_hash(data) != stored:
            report._problem(f"ALTERED {where}: its bytes do not match its seal", consultation_id)
            ok = False
        logged = sealed_by_consent.get(consent_id)
        if logged is None:
            report._problem(f"ALTERED {where}: not in the audit log", consultation_id)
            ok = False
        else:
            logged_consultation, logged_hash = logged
            if logged_hash != stored:
                report._problem(
                    f"ALTERED {where}: its seal differs from the one in the audit log",
                    consultation_id,
                )
                ok = False
            if logged_consultation != consultation_id:
                report._problem(
                    f"ALTERED {where}: the audit log sealed it for consultation "
                    f"{logged_consultation}",
                    consultation_id,
                )
                ok = False
        try:
            payload = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            payload = None
        if not isinstance(payload, dict) or decision_of(payload) != row["decision"]:
            report._problem(f"ALTERED {where}: decision differs from its bytes", consultation_id)
            ok = False
        report.consents.append(
            ConsentCheck(
                consent_id=consent_id,
                consultation_id=consultation_id,
                decision=str(row["decision"]),
                sha256=stored,
                ok=ok,
                corrects_consent_id=row["corrects_consent_id"],
            )
        )
    for consent_id, (logged_for, _) in sorted(sealed_by_consent.items()):
        if consent_id not in seen:
            report._problem(
                f"DELETED consultation {logged_for}: consent {consent_id} is missing", logged_for
            )


def _check_consultations(
    conn: sqlite3.Connection, started: set[int], discarded: set[int], report: VerifyReport
) -> None:
    existing = {int(r[0]): str(r[1]) for r in conn.execute("SELECT id, status FROM consultations")}
    with_consent = {
        int(r[0]) for r in conn.execute("SELECT DISTINCT consultation_id FROM consents")
    }
    for consultation_id in sorted(started - discarded):
        if consultation_id not in existing:
            report._problem(f"DELETED consultation {consultation_id}", consultation_id)
    for consultation_id, status in sorted(existing.items()):
        if status in ("sealed", "declined") and consultation_id not in with_consent:
            report._problem(
                f"DELETED consultation {consultation_id}: {status} but its consent is missing",
                consultation_id,
            )
        if consultation_id not in started:
            report._problem(
                f"ALTERED consultation {consultation_id}: not in the audit log", consultation_id
            )


def _check_documents(
    conn: sqlite3.Connection,
    logged: dict[int, tuple[int | None, str | None]],
    report: VerifyReport,
) -> None:
    rows = {
        int(r[0]): (int(r[1]), f"{r[2]}:{r[3]}")
        for r in conn.execute("SELECT id, consultation_id, kind, sha256 FROM documents")
    }
    for document_id, (consultation_id, detail) in sorted(logged.items()):
        row = rows.get(document_id)
        if row is None:
            report._problem(
                f"DELETED consultation {consultation_id}: document {document_id} record missing",
                consultation_id,
            )
        elif row != (consultation_id, detail):
            report._problem(
                f"ALTERED consultation {row[0]}: document {document_id} record changed", row[0]
            )
    for document_id, (owner, _) in sorted(rows.items()):
        if document_id not in logged:
            report._problem(
                f"ALTERED consultation {owner}: document {document_id} not in the audit log",
                owner,
            )


def _check_triggers(conn: sqlite3.Connection, report: VerifyReport) -> None:
    present = {
        str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    for name in (*REQUIRED_TRIGGERS, *FOLLOWUP_TRIGGERS):
        if name not in present:
            report._problem(f"protection removed: trigger {name} is missing")

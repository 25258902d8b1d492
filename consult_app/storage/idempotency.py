"""Runs that can be repeated and documents that are never lost between sealing and the disk.

Case ids (case-format 1.1 "Idempotent runs"): a case's own ``id`` is bound to the consultation it
created, with the SHA-256 of the case's canonical content (``content_sha256``: nulls dropped, so
``null`` and absent are the same). ``bind`` runs inside the transaction that creates the
consultation, so two runs of one ``id`` started together share one consultation.

Pending documents: before sealing, the documents about to be written are registered (kind, the
temporary file, the final file, the writing process). The seal, the document rows and the audit
entries commit together; only then are the temporary files moved into place and the rows
cleared. ``stale`` returns the rows left by processes that died: the caller moves the temporary
file into place when the sealed record names its hash, deletes it otherwise, and writes a missing
document again from the sealed record.

Each pending row is registered in the audit log (``documents_pending``, detail ``<row id>:<hash
of the row>``): a row inserted or changed behind the app (a dead process id and a folder of the
intruder's choosing would make the next command write a patient's record there, or move a file
it names) is never returned by ``mine`` or ``stale_pending``, and ``verify`` reports it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consult_app.core.sealing import canonical_json, seal_hash
from consult_app.storage import audit
from consult_app.storage._files import pid_alive
from consult_app.storage.backend import Connection
from consult_app.storage.db import now_iso, transaction

__all__ = [
    "BoundCase",
    "PendingDocument",
    "bind_case",
    "check_case_ids",
    "check_pending",
    "clear_pending",
    "content_sha256",
    "find_case",
    "pid_alive",
    "register_pending",
    "stale_pending",
]


@dataclass(frozen=True, slots=True)
class BoundCase:
    """A case id already used: its consultation and the hash of its content."""

    consultation_id: int
    content_sha256: str


@dataclass(frozen=True, slots=True)
class PendingDocument:
    """A document registered before sealing and not yet moved into place."""

    id: int
    consultation_id: int
    kind: str
    temp_path: Path
    final_path: Path
    pid: int


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


def content_sha256(case: Mapping[str, Any]) -> str:
    """Return the SHA-256 of a case's canonical content (JSON ``null`` = absent)."""
    return seal_hash(canonical_json(_drop_nulls(case)))


def find_case(conn: Connection, case_id: str) -> BoundCase | None:
    """Return the consultation bound to ``case_id``, or None."""
    row = conn.execute(
        "SELECT consultation_id, content_sha256 FROM case_ids WHERE case_id = ?", (case_id,)
    ).fetchone()
    return BoundCase(int(row[0]), str(row[1])) if row is not None else None


def bind_case(conn: Connection, case_id: str, consultation_id: int, sha: str) -> None:
    """Bind ``case_id`` to a consultation (inside the transaction that created it)."""
    with transaction(conn):
        conn.execute(
            "INSERT INTO case_ids (case_id, consultation_id, content_sha256, created_at)"
            " VALUES (?, ?, ?, ?)",
            (case_id, consultation_id, sha, now_iso()),
        )
        audit.append(conn, "case_bound", consultation_id=consultation_id, detail=f"{case_id}:{sha}")


def check_case_ids(
    conn: Connection,
    log: list[audit.AuditEntry],
    problem: Callable[[str, int | None], None],
) -> None:
    """``verify``'s check: every case id bound as the log says (a rerun replays that record)."""
    logged = {
        e.detail.rpartition(":")[0]: (e.consultation_id, e.detail.rpartition(":")[2])
        for e in log
        if e.event == "case_bound" and e.detail
    }
    rows = {
        str(r[0]): (int(r[1]), str(r[2]))
        for r in conn.execute("SELECT case_id, consultation_id, content_sha256 FROM case_ids")
    }
    for case_id, (cid, sha) in sorted(rows.items()):
        if logged.get(case_id) != (cid, sha):
            problem(f"ALTERED consultation {cid}: its case id binding is not the logged one", cid)
    existing = {int(r[0]) for r in conn.execute("SELECT id FROM consultations")}
    for case_id, (logged_cid, _) in sorted(logged.items()):
        if case_id not in rows and logged_cid in existing:
            problem(f"DELETED consultation {logged_cid}: its case id binding is gone", logged_cid)


def register_pending(
    conn: Connection, consultation_id: int, items: Iterable[tuple[str, Path, Path]]
) -> None:
    """Register documents (kind, temporary file, final file) this process is about to write."""
    now = now_iso()
    pid = os.getpid()
    with transaction(conn):
        for kind, temp, final in items:
            cur = conn.execute(
                "INSERT INTO pending_documents (consultation_id, kind, temp_path, final_path, pid,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (consultation_id, kind, str(temp), str(final), pid, now),
            )
            row_id = int(cur.lastrowid or 0)
            digest = _pending_sha256(consultation_id, kind, str(temp), str(final), pid)
            audit.append(
                conn,
                "documents_pending",
                consultation_id=consultation_id,
                detail=f"{row_id}:{digest}",
            )


def _pending_sha256(consultation_id: int, kind: str, temp: str, final: str, pid: int) -> str:
    return seal_hash(
        canonical_json(
            {
                "consultation_id": consultation_id,
                "kind": kind,
                "temp_path": temp,
                "final_path": final,
                "pid": pid,
            }
        )
    )


def _registered(conn: Connection, item: PendingDocument) -> bool:
    """True when the audit log registered this row exactly as it is."""
    digest = _pending_sha256(
        item.consultation_id, item.kind, str(item.temp_path), str(item.final_path), item.pid
    )
    row = conn.execute(
        "SELECT 1 FROM audit_log WHERE consultation_id = ? AND event = 'documents_pending'"
        " AND detail = ?",
        (item.consultation_id, f"{item.id}:{digest}"),
    ).fetchone()
    return row is not None


def check_pending(
    conn: Connection,
    log: list[audit.AuditEntry],
    problem: Callable[[str, int | None], None],
) -> None:
    """``verify``'s check: every pending-document row is one the app registered."""
    logged = {
        (e.consultation_id, e.detail) for e in log if e.event == "documents_pending" and e.detail
    }
    for item in _rows(conn, "", ()):
        digest = _pending_sha256(
            item.consultation_id, item.kind, str(item.temp_path), str(item.final_path), item.pid
        )
        if (item.consultation_id, f"{item.id}:{digest}") not in logged:
            problem(
                f"ALTERED consultation {item.consultation_id}: pending document {item.id} is not "
                "one the app registered (a forged row would make the next command write the "
                "record elsewhere)",
                item.consultation_id,
            )


def clear_pending(conn: Connection, ids: Iterable[int]) -> None:
    """Forget pending documents once they are in place (or given up)."""
    with transaction(conn):
        conn.executemany("DELETE FROM pending_documents WHERE id = ?", [(i,) for i in ids])


def mine(conn: Connection, consultation_id: int) -> list[PendingDocument]:
    """Return this process's pending documents for a consultation."""
    return [
        p
        for p in _rows(conn, "WHERE consultation_id = ?", (consultation_id,))
        if p.pid == os.getpid() and _registered(conn, p)
    ]


def stale_pending(conn: Connection) -> list[PendingDocument]:
    """Return pending documents whose writing process is gone."""
    return [
        p
        for p in _rows(conn, "", ())
        if p.pid != os.getpid() and not pid_alive(p.pid) and _registered(conn, p)
    ]


def _rows(conn: Connection, where: str, params: tuple[Any, ...]) -> list[PendingDocument]:
    rows = conn.execute(
        "SELECT id, consultation_id, kind, temp_path, final_path, pid FROM pending_documents "
        + where
        + " ORDER BY id",
        params,
    ).fetchall()
    return [
        PendingDocument(int(r[0]), int(r[1]), str(r[2]), Path(r[3]), Path(r[4]), int(r[5]))
        for r in rows
    ]

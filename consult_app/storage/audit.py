"""Append-only, hash-chained audit log.

Each entry holds an event name and ids (patient, consultation, consent, document) plus an
optional ``detail`` that must itself be an identifier (a step id, a document kind, a seal hash):
never names or clinical free text. ``hash = sha256(prev_hash_hex + canonical_json(entry))`` where
the entry includes its ``seq`` and time, so altering, deleting or reordering rows breaks the chain
(``storage.verify``). Triggers reject UPDATE and DELETE on ``audit_log``.

Call ``append`` inside the transaction of the change it records, so the entry commits or rolls
back with it.

Each entry names the signed-in clinician (``user_id``, issue 24): ``set_actor(conn, user_id)``
registers who works through a connection and every later ``append`` on it records them. The
hashed body includes ``user_id`` only when there is one, so entries written before users existed
verify unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from consult_app.core.sealing import canonical_json, seal_hash
from consult_app.storage import anchors
from consult_app.storage.backend import Connection, is_postgres
from consult_app.storage.db import database_path, now_iso, transaction

__all__ = [
    "EVENTS",
    "GENESIS_HASH",
    "AuditEntry",
    "actor",
    "append",
    "entries",
    "entry_hash",
    "head",
    "sealing_entry",
    "set_actor",
]

EVENTS: Final = frozenset(
    {
        "patient_created",
        "patient_changed",
        "consultation_started",
        "consultation_deferred",
        "consultation_discarded",
        "step_completed",
        "consent_sealed",
        "administration_sealed",
        "document_produced",
        "document_printed",
        "document_saved",
        "document_emailed",
        "database_restored",
        "followup_recorded",
        "case_bound",
        "documents_pending",
        "user_created",
        "user_changed",
        "user_deactivated",
        "user_reactivated",
        "pin_reset",
        "signed_in",
        "sign_in_refused",
        "signed_out",
        "screen_locked",
    }
)
GENESIS_HASH: Final = "0" * 64
#: The highest ``seq`` ever issued, so one is never reused (SQLite's AUTOINCREMENT record; on
#: PostgreSQL the ``audit_issued`` row kept by a trigger, see ``storage.migrations_pg``).
_ISSUED_SQLITE: Final = "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'"
_ISSUED_PG: Final = "SELECT seq FROM audit_issued"
_DETAIL: Final = re.compile(r"[A-Za-z0-9_.:\-]{1,200}")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One row of the audit log."""

    seq: int
    at: str
    event: str
    patient_id: int | None
    consultation_id: int | None
    consent_id: int | None
    document_id: int | None
    detail: str | None
    prev_hash: str
    hash: str
    mac: str | None = None
    user_id: int | None = None

    def body(self) -> dict[str, object]:
        """Return the hashed fields (everything but the hashes; ``user_id`` only when set)."""
        body: dict[str, object] = {
            "seq": self.seq,
            "at": self.at,
            "event": self.event,
            "patient_id": self.patient_id,
            "consultation_id": self.consultation_id,
            "consent_id": self.consent_id,
            "document_id": self.document_id,
            "detail": self.detail,
        }
        if self.user_id is not None:
            body["user_id"] = self.user_id
        return body


# Who works through each connection: id(conn) -> (conn, user_id). The connection is held so its
# id is never reused while registered (sqlite3 connections take no weak references).
_actors: dict[int, tuple[object, int]] = {}


def set_actor(conn: Connection, user_id: int | None) -> None:
    """Record that ``user_id`` (None: nobody) is signed in on ``conn``; later entries name them."""
    if user_id is None:
        _actors.pop(id(conn), None)
    else:
        _actors[id(conn)] = (conn, int(user_id))


def actor(conn: Connection) -> int | None:
    """The clinician signed in on ``conn`` (``set_actor``), or None."""
    found = _actors.get(id(conn))
    return found[1] if found is not None and found[0] is conn else None


def entry_hash(prev_hash: str, body: dict[str, object]) -> str:
    """Return the chain hash of an entry ``body`` following ``prev_hash``."""
    return seal_hash(prev_hash.encode("ascii") + canonical_json(body))


def append(
    conn: Connection,
    event: str,
    *,
    patient_id: int | None = None,
    consultation_id: int | None = None,
    consent_id: int | None = None,
    document_id: int | None = None,
    detail: str | None = None,
    at: str | None = None,
    user_id: int | None = None,
) -> int:
    """Append an audit entry and return its ``seq``.

    Args:
        conn: the connection (joins its open transaction, or runs its own).
        event: one of ``EVENTS``.
        patient_id: the patient concerned, if any.
        consultation_id: the consultation concerned, if any.
        consent_id: the consent concerned, if any.
        document_id: the document concerned, if any.
        detail: an identifier (letters, digits, ``_.:-``), e.g. a step id or a seal hash.
        at: the entry's time (default: now); a seal passes its own ``sealed_at`` so the chain
            covers it.
        user_id: the clinician concerned (default: the one signed in on ``conn``).

    Raises:
        ValueError: an unknown event or a detail that is not an identifier.
        StorageUnavailable: when the storage fails.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    if detail is not None and not _DETAIL.fullmatch(detail):
        raise ValueError("audit detail must be an identifier, not free text")
    with transaction(conn):
        last = conn.execute("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        prev_hash = last[0] if last is not None else GENESIS_HASH
        issued = conn.execute(_ISSUED_PG if is_postgres(conn) else _ISSUED_SQLITE).fetchone()
        top = conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]
        seq = max(int(issued[0]) if issued is not None else 0, int(top)) + 1
        entry = AuditEntry(
            seq=seq,
            at=at or now_iso(),
            event=event,
            patient_id=patient_id,
            consultation_id=consultation_id,
            consent_id=consent_id,
            document_id=document_id,
            detail=detail,
            prev_hash=prev_hash,
            hash="",
            user_id=user_id if user_id is not None else actor(conn),
        )
        digest = entry_hash(prev_hash, entry.body())
        key = anchors.audit_key(database_path(conn), create_since=seq)
        mac = anchors.entry_mac(key.key, seq, digest) if key is not None else None
        conn.execute(
            "INSERT INTO audit_log (seq, at, event, patient_id, consultation_id, consent_id,"
            " document_id, detail, prev_hash, hash, mac, user_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                entry.seq,
                entry.at,
                entry.event,
                entry.patient_id,
                entry.consultation_id,
                entry.consent_id,
                entry.document_id,
                entry.detail,
                prev_hash,
                digest,
                mac,
                entry.user_id,
            ),
        )
    return seq


def entries(conn: Connection) -> list[AuditEntry]:
    """Return every audit entry in ``seq`` order."""
    rows = conn.execute(
        "SELECT seq, at, event, patient_id, consultation_id, consent_id, document_id, detail,"
        " prev_hash, hash, mac, user_id FROM audit_log ORDER BY seq"
    ).fetchall()
    return [AuditEntry(*tuple(row)) for row in rows]


def head(conn: Connection) -> tuple[int, str] | None:
    """Return the chain head ``(seq, hash)``, or None for an empty log."""
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row is not None else None


def sealing_entry(conn: Connection, consent_id: int) -> tuple[int, str] | None:
    """Return ``(seq, hash)`` of the entry that sealed a consent (printed on its record)."""
    row = conn.execute(
        "SELECT seq, hash FROM audit_log WHERE event = 'consent_sealed' AND consent_id = ?",
        (consent_id,),
    ).fetchone()
    return (int(row[0]), str(row[1])) if row is not None else None

"""Documents produced for a consultation, and what was done with them (audited).

Only the document's kind (``handout``, ``record``, ``deferral``, ``fhir``...), the SHA-256 of
its bytes, and (since schema 8) its SHA-1, size and the path it was written to are kept, never
its content; rows are immutable (triggers). Each production is audited
as ``document_produced`` (detail ``<kind>:<sha256>``); printing, saving and emailing as
``document_printed``, ``document_saved`` and ``document_emailed``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from consult_app.storage import audit
from consult_app.storage.backend import Connection
from consult_app.storage.db import now_iso, transaction

__all__ = ["DELIVERY_EVENTS", "FileFacts", "file_facts", "record_delivery", "record_document"]

DELIVERY_EVENTS: Final = ("document_printed", "document_saved", "document_emailed")
_KIND: Final = re.compile(r"[a-z][a-z0-9_]{0,31}")
_SHA: Final = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class FileFacts:
    """A produced file's digests (hex) and size in bytes."""

    sha256: str
    sha1: str
    size: int


def file_facts(path: Path) -> FileFacts:
    """Read ``path`` once and return its SHA-256, SHA-1 and size."""
    data = path.read_bytes()
    return FileFacts(
        hashlib.sha256(data).hexdigest(),
        hashlib.sha1(data, usedforsecurity=False).hexdigest(),
        len(data),
    )


def record_document(
    conn: Connection,
    consultation_id: int,
    kind: str,
    sha256: str,
    *,
    facts: FileFacts | None = None,
    path: Path | None = None,
) -> int:
    """Record that a document was produced; return its id.

    ``facts`` (whose SHA-256 must be ``sha256``) adds the SHA-1 and size, ``path`` where the
    file was written (absolute), for the FHIR export.

    Raises:
        ValueError: a kind that is not an identifier or a malformed hash.
        sqlite3.IntegrityError: no such consultation.
        StorageUnavailable: when the storage fails.
    """
    if not _KIND.fullmatch(kind):
        raise ValueError(f"document kind {kind!r} is not an identifier")
    sha256 = sha256.lower()
    if not _SHA.fullmatch(sha256):
        raise ValueError("sha256 must be 64 hex digits")
    if facts is not None and facts.sha256 != sha256:
        raise ValueError("the file facts are not of this document")
    with transaction(conn):
        patient = conn.execute(
            "SELECT patient_id FROM consultations WHERE id = ?", (consultation_id,)
        ).fetchone()
        cur = conn.execute(
            "INSERT INTO documents (consultation_id, kind, sha256, created_at, sha1, size, path)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                consultation_id,
                kind,
                sha256,
                now_iso(),
                facts.sha1 if facts is not None else None,
                facts.size if facts is not None else None,
                str(path.resolve()) if path is not None else None,
            ),
        )
        document_id = int(cur.lastrowid or 0)
        audit.append(
            conn,
            "document_produced",
            patient_id=int(patient[0]) if patient is not None else None,
            consultation_id=consultation_id,
            document_id=document_id,
            detail=f"{kind}:{sha256}",
        )
    return document_id


def record_delivery(conn: Connection, document_id: int, event: str) -> None:
    """Record that a document was printed, saved or emailed.

    Raises:
        ValueError: an event not in ``DELIVERY_EVENTS``.
        LookupError: no such document.
        StorageUnavailable: when the storage fails.
    """
    if event not in DELIVERY_EVENTS:
        raise ValueError(f"unknown delivery event {event!r}")
    with transaction(conn):
        row = conn.execute(
            "SELECT d.consultation_id, c.patient_id FROM documents d"
            " JOIN consultations c ON c.id = d.consultation_id WHERE d.id = ?",
            (document_id,),
        ).fetchone()
        if row is None:
            raise LookupError(document_id)
        audit.append(
            conn,
            event,
            patient_id=int(row[1]),
            consultation_id=int(row[0]),
            document_id=document_id,
        )

"""What the FHIR export reads from storage, through the repositories, as plain values.

One :class:`PatientRecord` per patient: the patient, each consultation with a sealed consent
(its effective consent's canonical payload and seal, its effective administration, the SHA-256 of
its latest record PDF), and the follow-ups with their adverse events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consult_app.core.patient import PatientRow
from consult_app.storage.administrations import latest_payload
from consult_app.storage.backend import Connection
from consult_app.storage.consents import get_consent
from consult_app.storage.consultations import ConsultationRepository
from consult_app.storage.followups import FollowUpRepository, StoredFollowUp
from consult_app.storage.patients import PatientRepository

__all__ = ["ConsultationRecord", "PatientRecord", "RecordDocument", "patient_ids", "read_patient"]


@dataclass(frozen=True, slots=True)
class RecordDocument:
    """The latest record PDF produced for a consultation.

    Attributes:
        sha256: its SHA-256 (hex), as the documents table keeps it.
        sha1: its SHA-1 (hex, FHIR ``Attachment.hash``), or None when neither the table nor a
            file with that SHA-256 gives it.
        size: its size in bytes, or None likewise.
        data: its bytes, when asked for and found (``--with-documents``).
    """

    sha256: str
    sha1: str | None
    size: int | None
    data: bytes | None = None


@dataclass(frozen=True, slots=True)
class ConsultationRecord:
    """A consultation whose consent was sealed (given or declined).

    Attributes:
        id: consultation id.
        consent_id: the effective consent's id.
        decision: ``given`` or ``declined``.
        consent: the consent's sealed canonical payload.
        seal: its SHA-256 (hex).
        sealed_at: when it was sealed (UTC).
        administration: the effective administration payload, or None.
        record: the latest record PDF produced for it, or None.
    """

    id: int
    consent_id: int
    decision: str
    consent: dict[str, Any]
    seal: str
    sealed_at: dt.datetime
    administration: dict[str, Any] | None
    record: RecordDocument | None


@dataclass(frozen=True, slots=True)
class PatientRecord:
    """Everything exported for one patient."""

    patient: PatientRow
    consultations: tuple[ConsultationRecord, ...]
    followups: tuple[StoredFollowUp, ...]


def patient_ids(conn: Connection, chart_number: str | None = None) -> list[int]:
    """Every patient's id (oldest first), or the one whose chart number is ``chart_number``."""
    if chart_number is None:
        return [int(r[0]) for r in conn.execute("SELECT id FROM patients ORDER BY id")]
    return [
        int(r[0])
        for r in conn.execute("SELECT id FROM patients WHERE chart_number = ?", (chart_number,))
    ]


def _read_file(sha256: str, candidates: list[Path]) -> bytes | None:
    """The bytes of the first candidate file whose SHA-256 is ``sha256``."""
    for path in candidates:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() == sha256:
            return data
    return None


def _record_document(
    conn: Connection,
    consultation_id: int,
    documents_dir: Path | None,
    with_data: bool,
) -> RecordDocument | None:
    row = conn.execute(
        "SELECT sha256, sha1, size, path FROM documents"
        " WHERE consultation_id = ? AND kind = 'record'"
        " ORDER BY id DESC LIMIT 1",
        (consultation_id,),
    ).fetchone()
    if row is None:
        return None
    sha256 = str(row[0])
    sha1 = str(row[1]) if row[1] is not None else None
    size = int(row[2]) if row[2] is not None else None
    if sha1 is not None and size is not None and not with_data:
        return RecordDocument(sha256, sha1, size)
    candidates = [Path(str(row[3]))] if row[3] else []
    if documents_dir is not None:
        candidates.append(documents_dir / f"consultation-{consultation_id:06d}" / "record.pdf")
    data = _read_file(sha256, candidates)
    if data is not None:
        sha1, size = hashlib.sha1(data, usedforsecurity=False).hexdigest(), len(data)
    return RecordDocument(sha256, sha1, size, data if with_data else None)


def read_patient(
    conn: Connection,
    patient_id: int,
    *,
    documents_dir: Path | None = None,
    with_documents: bool = False,
) -> PatientRecord:
    """Read one patient's exported data (consultations oldest first).

    A record PDF's SHA-1 and size come from the documents table (recorded when it was made);
    for rows made before those columns, and for ``with_documents``, from the file itself: the
    path the table keeps, else ``documents_dir/consultation-NNNNNN/record.pdf`` (the GUI's
    place), used only when its SHA-256 is the recorded one.

    Raises:
        PatientNotFound: no such patient.
    """
    patient = PatientRepository(conn).get(patient_id)
    consultations = []
    for item in reversed(ConsultationRepository(conn).history(patient_id)):
        if item.consent_id is None or item.decision is None or item.sha256 is None:
            continue
        try:
            payload = json.loads(get_consent(conn, item.consent_id).canonical.decode("utf-8"))
        except (LookupError, UnicodeDecodeError, ValueError):
            payload = None
        consultations.append(
            ConsultationRecord(
                id=item.consultation_id,
                consent_id=item.consent_id,
                decision=item.decision,
                consent=payload if isinstance(payload, dict) else {},
                seal=item.sha256,
                sealed_at=item.sealed_at or item.created_at,
                administration=latest_payload(conn, item.consultation_id),
                record=_record_document(conn, item.consultation_id, documents_dir, with_documents),
            )
        )
    followups = tuple(FollowUpRepository(conn).for_patient(patient_id))
    return PatientRecord(patient, tuple(consultations), followups)

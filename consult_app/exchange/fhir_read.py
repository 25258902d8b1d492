"""What the FHIR export reads from storage, through the repositories, as plain values.

One :class:`PatientRecord` per patient: the patient, each consultation with a sealed consent
(its effective consent's canonical payload and seal, its effective administration, the SHA-256 of
its latest record PDF), and the follow-ups with their adverse events.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from consult_app.core.patient import PatientRow
from consult_app.storage.administrations import latest_payload
from consult_app.storage.backend import Connection
from consult_app.storage.consents import get_consent
from consult_app.storage.consultations import ConsultationRepository
from consult_app.storage.followups import FollowUpRepository, StoredFollowUp
from consult_app.storage.patients import PatientRepository

__all__ = ["ConsultationRecord", "PatientRecord", "patient_ids", "read_patient"]


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
        record_sha256: SHA-256 of the latest record PDF produced for it, or None.
    """

    id: int
    consent_id: int
    decision: str
    consent: dict[str, Any]
    seal: str
    sealed_at: dt.datetime
    administration: dict[str, Any] | None
    record_sha256: str | None


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


def _record_sha256(conn: Connection, consultation_id: int) -> str | None:
    row = conn.execute(
        "SELECT sha256 FROM documents WHERE consultation_id = ? AND kind = 'record'"
        " ORDER BY id DESC LIMIT 1",
        (consultation_id,),
    ).fetchone()
    return str(row[0]) if row is not None else None


def read_patient(conn: Connection, patient_id: int) -> PatientRecord:
    """Read one patient's exported data (consultations oldest first).

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
                record_sha256=_record_sha256(conn, item.consultation_id),
            )
        )
    followups = tuple(FollowUpRepository(conn).for_patient(patient_id))
    return PatientRecord(patient, tuple(consultations), followups)

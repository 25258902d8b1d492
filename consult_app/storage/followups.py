"""Follow-up visits: stored append-only, hashed, in the audit chain (case-format 1.1).

A follow-up belongs to a patient and to the consultation it follows (the patient's latest treated
or consented consultation on or before its date; see :meth:`FollowUpRepository.attach_to`). Its
content is canonical JSON (``core.followup.followup_payload``) with its SHA-256; the audit entry
``followup_recorded`` carries ``<id>:<sha256>`` so ``verify`` can tell an altered, deleted or
smuggled-in row. Recording the same content twice for a patient stores it once (a re-run of the
same file is not a second visit).

The baseline scores of a treatment are read from its sealed consent (``outcomes``).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from consult_app.core.followup import (
    AdverseEvent,
    BaselineTreatment,
    FollowUpRecord,
    record_from_payload,
)
from consult_app.core.sealing import canonical_json, seal_hash
from consult_app.storage import audit
from consult_app.storage.backend import Connection
from consult_app.storage.consents import get_consent
from consult_app.storage.consultations import ConsultationRepository, Treatment
from consult_app.storage.db import now_iso, transaction

__all__ = [
    "REQUIRED_TRIGGERS",
    "FollowUpRepository",
    "StoredFollowUp",
    "check_followups",
]

REQUIRED_TRIGGERS: Final = (
    "followups_no_update",
    "followups_no_delete",
    "adverse_events_no_update",
    "adverse_events_no_delete",
)


@dataclass(frozen=True, slots=True)
class StoredFollowUp:
    """A stored follow-up.

    Attributes:
        id: database id.
        patient_id: the patient.
        consultation_id: the consultation it follows.
        payload: its canonical content.
        sha256: the hash of that content.
        recorded_at: when it was stored (UTC).
        created: False when the same content was already stored (nothing new was written).
    """

    id: int
    patient_id: int
    consultation_id: int
    payload: dict[str, Any]
    sha256: str
    recorded_at: dt.datetime
    created: bool = True

    @property
    def record(self) -> FollowUpRecord:
        """The follow-up as the rules read it."""
        return record_from_payload(self.payload, self.id)


def _stored(row: sqlite3.Row, created: bool = True) -> StoredFollowUp:
    raw = row["canonical"]
    try:
        payload = json.loads(raw if isinstance(raw, str) else bytes(raw).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        payload = None
    return StoredFollowUp(
        id=int(row["id"]),
        patient_id=int(row["patient_id"]),
        consultation_id=int(row["consultation_id"]),
        payload=payload if isinstance(payload, dict) else {},
        sha256=row["sha256"],
        recorded_at=dt.datetime.fromisoformat(row["recorded_at"]),
        created=created,
    )


class FollowUpRepository:
    """Follow-ups stored in the database behind ``conn``."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._consultations = ConsultationRepository(conn)

    def attach_to(self, patient_id: int, on: dt.date) -> Treatment | None:
        """Return the patient's latest treated or consented consultation on or before ``on``."""
        found = [t for t in self._consultations.sealed_treatments(patient_id) if t.date <= on]
        return found[-1] if found else None

    def baselines(self, patient_id: int) -> list[BaselineTreatment]:
        """Return the patient's treatments, oldest first, with the scores recorded at each."""
        out = []
        for t in self._consultations.sealed_treatments(patient_id):
            outcomes: dict[str, int] = {}
            try:
                payload = json.loads(get_consent(self._conn, t.consent_id).canonical)
            except (LookupError, ValueError):
                payload = None
            if isinstance(payload, dict) and isinstance(payload.get("outcomes"), Mapping):
                outcomes = {
                    str(k): int(v)
                    for k, v in payload["outcomes"].items()
                    if isinstance(v, int) and not isinstance(v, bool)
                }
            out.append(
                BaselineTreatment(
                    date=t.date,
                    product=t.product,
                    indications=t.indications,
                    outcomes=outcomes,
                    consultation_id=t.consultation_id,
                    consent_id=t.consent_id,
                )
            )
        return out

    def record(
        self, patient_id: int, consultation_id: int, payload: Mapping[str, Any]
    ) -> StoredFollowUp:
        """Store a follow-up (audited) and return it; the same content twice is stored once.

        Args:
            patient_id: the patient.
            consultation_id: the consultation it follows.
            payload: ``core.followup.followup_payload(...)``.

        Raises:
            ValueError: the payload lacks its date or product, or holds unsealable values.
            StorageUnavailable: when the storage fails; nothing is stored then.
        """
        data = canonical_json(payload)
        digest = seal_hash(data)
        date = str(payload.get("date") or "")
        product = payload.get("product")
        if not isinstance(product, str):
            raise ValueError("a follow-up must name the product of the treatment it follows")
        with transaction(self._conn):
            same = self._conn.execute(
                "SELECT * FROM followups WHERE patient_id = ? AND sha256 = ?",
                (patient_id, digest),
            ).fetchone()
            if same is not None:
                return _stored(same, created=False)
            recorded_at = now_iso()
            cur = self._conn.execute(
                "INSERT INTO followups (patient_id, consultation_id, date, product, canonical,"
                " sha256, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (patient_id, consultation_id, date, product, data, digest, recorded_at),
            )
            fid = int(cur.lastrowid or 0)
            for event in payload.get("adverse_events") or ():
                self._conn.execute(
                    "INSERT INTO adverse_events (followup_id, risk, severity, onset, resolved)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (fid, event["risk"], event["severity"], event["onset"], event.get("resolved")),
                )
            audit.append(
                self._conn,
                "followup_recorded",
                patient_id=patient_id,
                consultation_id=consultation_id,
                detail=f"{fid}:{digest}",
            )
            row = self._conn.execute("SELECT * FROM followups WHERE id = ?", (fid,)).fetchone()
        return _stored(row)

    def for_patient(self, patient_id: int) -> list[StoredFollowUp]:
        """Return the patient's follow-ups, oldest first."""
        rows = self._conn.execute(
            "SELECT * FROM followups WHERE patient_id = ? ORDER BY date, id", (patient_id,)
        ).fetchall()
        return [_stored(r) for r in rows]

    def records(self, patient_id: int) -> tuple[FollowUpRecord, ...]:
        """Return the patient's follow-ups as the screening rules read them, oldest first.

        A row whose content cannot be read (altered behind the app's back; ``verify`` reports it)
        is left out rather than stopping every consultation of the patient.
        """
        out = []
        for f in self.for_patient(patient_id):
            try:
                out.append(f.record)
            except (KeyError, TypeError, ValueError, AttributeError):
                continue
        return tuple(out)

    def adverse_events(self, consultation_id: int) -> list[tuple[dt.date, AdverseEvent]]:
        """Return (follow-up date, event) for every adverse event reported after a consultation."""
        rows = self._conn.execute(
            "SELECT f.date, a.risk, a.severity, a.onset, a.resolved FROM adverse_events a"
            " JOIN followups f ON f.id = a.followup_id WHERE f.consultation_id = ?"
            " ORDER BY f.date, a.id",
            (consultation_id,),
        ).fetchall()
        return [
            (
                dt.date.fromisoformat(r[0]),
                AdverseEvent(
                    risk=r[1],
                    severity=r[2],
                    onset=dt.date.fromisoformat(r[3]),
                    resolved=dt.date.fromisoformat(r[4]) if r[4] else None,
                ),
            )
            for r in rows
        ]


def _columns_of(data: bytes) -> tuple[tuple[object, ...], list[tuple[object, ...]]] | None:
    """The column values and adverse event rows a sealed follow-up's bytes imply."""
    try:
        payload = json.loads(data.decode("utf-8"))
        columns = tuple(payload[k] for k in ("patient_id", "consultation_id", "date", "product"))
        events: list[tuple[object, ...]] = [
            (e["risk"], e["severity"], e["onset"], e.get("resolved"))
            for e in payload.get("adverse_events") or ()
        ]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return columns, events


def check_followups(conn: Connection, logged: Mapping[int, str]) -> list[str]:
    """Return one problem per follow-up altered, deleted or stored behind the app's back.

    Args:
        conn: the database.
        logged: follow-up id -> the sha256 its ``followup_recorded`` audit entry recorded.
    """
    problems: list[str] = []
    try:
        rows = conn.execute(
            "SELECT id, canonical, sha256, patient_id, consultation_id, date, product"
            " FROM followups ORDER BY id"
        ).fetchall()
        events: dict[int, list[tuple[object, ...]]] = {}
        for ev in conn.execute(
            "SELECT followup_id, risk, severity, onset, resolved FROM adverse_events ORDER BY id"
        ):
            events.setdefault(int(ev[0]), []).append(tuple(ev[1:]))
    except sqlite3.OperationalError:  # a database from before follow-ups
        return problems
    seen: set[int] = set()
    for row in rows:
        fid = int(row[0])
        seen.add(fid)
        raw = row[1]
        data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw or b"")
        actual = seal_hash(data)
        stored_events = events.pop(fid, [])
        if actual != row[2] or fid in logged and logged[fid] != actual:
            problems.append(f"follow-up {fid}: ALTERED (its content no longer matches its hash)")
        elif fid not in logged:
            problems.append(f"follow-up {fid}: not in the audit log (inserted behind the app)")
        elif _columns_of(data) != (tuple(row[3:7]), stored_events):
            # the rows the screening rules read (patient, product, date, adverse events and
            # their severity) must say what the sealed bytes say
            problems.append(
                f"follow-up {fid}: ALTERED (its patient, consultation, date, product or adverse "
                "events differ from its sealed content)"
            )
    for fid in sorted(set(events) - seen):
        problems.append(f"follow-up {fid}: adverse events stored behind the app")
    for fid in sorted(set(logged) - seen):
        problems.append(f"follow-up {fid}: deleted (the audit log recorded it)")
    return problems

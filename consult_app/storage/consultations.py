"""Consultations: draft autosave, deferral, the patient's history and sealed treatments.

A consultation starts as a ``draft`` whose state is a JSON object in ``consultations.data``.
Every change (``save_draft`` or ``set_field``) is committed in its own transaction before the call
returns, so a crash or power cut never costs an answer that was acknowledged. A draft can be
``deferred`` (screening said STOP) or discarded; it becomes ``sealed`` or ``declined`` only
through ``consents.seal_consent``, after which the row is immutable (database triggers).

History rule (case-format.md): every consent *given* and sealed counts as a treatment of its
patient on its date with its plan. ``sealed_treatments`` reads those from the sealed canonical
bytes (the latest consent of each correction chain), not from the mutable draft:

- ``date``: the payload's ``date`` (``YYYY-MM-DD``), else the day it was sealed (UTC);
- ``product``: the payload's ``product``;
- ``plan``: the payload's ``plan`` (area id -> units), summed for ``units_total``;
- ``indications``: the payload's ``indications``.

1.1: where an administration is sealed for the consultation (``storage.administrations``), the
treatment counts the units *given* (``status`` ``treated``); one recorded as not given
(``not_treated``) is no treatment at all; a consent without an administration counts its plan
(``consented``).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Final

from consult_app.core.records import (
    ConsultationNotEditable,
    ConsultationNotFound,
    ConsultationRow,
    HistoryItem,
    Treatment,
    treatment_from_payload,
)
from consult_app.storage import administrations, audit
from consult_app.storage.backend import Connection
from consult_app.storage.db import now_iso, transaction

__all__ = [
    "ConsultationNotEditable",
    "ConsultationNotFound",
    "ConsultationRepository",
    "ConsultationRow",
    "HistoryItem",
    "Treatment",
    "treatment_from_payload",
]

EDITABLE: Final = ("draft", "deferred")


def _row(row: sqlite3.Row) -> ConsultationRow:
    data = json.loads(row["data"])
    return ConsultationRow(
        id=int(row["id"]),
        patient_id=int(row["patient_id"]),
        status=row["status"],
        data=data if isinstance(data, dict) else {},
        revision=int(row["revision"]),
        created_at=dt.datetime.fromisoformat(row["created_at"]),
        updated_at=dt.datetime.fromisoformat(row["updated_at"]),
    )


def _dump(data: Mapping[str, Any]) -> str:
    if not isinstance(data, Mapping):
        raise TypeError("draft data must be a mapping")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


# The effective consent of each chain: the one no other consent corrects.
_EFFECTIVE_CONSENTS: Final = """
    SELECT c.id, c.consultation_id, c.decision, c.canonical, c.sha256, c.sealed_at,
           (SELECT count(*) FROM consents p WHERE p.consultation_id = c.consultation_id) AS n
    FROM consents c JOIN consultations k ON k.id = c.consultation_id
    WHERE k.patient_id = ?
      AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.corrects_consent_id = c.id)
"""


class ConsultationRepository:
    """Consultations stored in the database behind ``conn``."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def create_draft(self, patient_id: int, data: Mapping[str, Any] | None = None) -> int:
        """Start a consultation for a patient and return its id (audited).

        Raises:
            sqlite3.IntegrityError: no such patient.
            StorageUnavailable: when the storage fails.
        """
        now = now_iso()
        with transaction(self._conn):
            cur = self._conn.execute(
                "INSERT INTO consultations (patient_id, status, data, created_at, updated_at)"
                " VALUES (?, 'draft', ?, ?, ?)",
                (patient_id, _dump(data or {}), now, now),
            )
            consultation_id = int(cur.lastrowid or 0)
            audit.append(
                self._conn,
                "consultation_started",
                patient_id=patient_id,
                consultation_id=consultation_id,
            )
        return consultation_id

    def save_draft(self, consultation_id: int, data: Mapping[str, Any]) -> None:
        """Replace the draft state; committed before returning.

        Raises:
            ConsultationNotFound: no such consultation.
            ConsultationNotEditable: it is sealed or declined.
            StorageUnavailable: when the storage fails (nothing committed is lost).
        """
        text = _dump(data)
        with transaction(self._conn):
            self._update_data(consultation_id, text)

    def set_field(self, consultation_id: int, key: str, value: Any) -> None:
        """Set one top-level key of the draft state; committed before returning.

        Raises:
            ConsultationNotFound: no such consultation.
            ConsultationNotEditable: it is sealed or declined.
            StorageUnavailable: when the storage fails (nothing committed is lost).
        """
        with transaction(self._conn):
            current = self.get(consultation_id)
            data = dict(current.data)
            data[key] = value
            self._update_data(consultation_id, _dump(data))

    def complete_step(self, consultation_id: int, step: str) -> None:
        """Record in the audit log that a step (an id such as ``screening``) was completed."""
        with transaction(self._conn):
            row = self.get(consultation_id)
            audit.append(
                self._conn,
                "step_completed",
                patient_id=row.patient_id,
                consultation_id=consultation_id,
                detail=step,
            )

    def mark_deferred(self, consultation_id: int, data: Mapping[str, Any]) -> None:
        """Save the final state of a consultation deferred by screening (audited)."""
        text = _dump(data)
        with transaction(self._conn):
            row = self.get(consultation_id)
            if row.status not in EDITABLE:
                raise ConsultationNotEditable(consultation_id)
            self._conn.execute(
                "UPDATE consultations SET data = ?, status = 'deferred',"
                " revision = revision + 1, updated_at = ? WHERE id = ?",
                (text, now_iso(), consultation_id),
            )
            audit.append(
                self._conn,
                "consultation_deferred",
                patient_id=row.patient_id,
                consultation_id=consultation_id,
            )

    def discard_draft(self, consultation_id: int) -> None:
        """Delete a draft or deferred consultation (audited); sealed ones cannot be deleted."""
        with transaction(self._conn):
            row = self.get(consultation_id)
            if row.status not in EDITABLE:
                raise ConsultationNotEditable(consultation_id)
            self._conn.execute("DELETE FROM consultations WHERE id = ?", (consultation_id,))
            audit.append(
                self._conn,
                "consultation_discarded",
                patient_id=row.patient_id,
                consultation_id=consultation_id,
            )

    def get(self, consultation_id: int) -> ConsultationRow:
        """Return a consultation.

        Raises:
            ConsultationNotFound: no such consultation.
        """
        row = self._conn.execute(
            "SELECT * FROM consultations WHERE id = ?", (consultation_id,)
        ).fetchone()
        if row is None:
            raise ConsultationNotFound(consultation_id)
        return _row(row)

    def list_drafts(self, patient_id: int) -> list[ConsultationRow]:
        """Return the patient's unfinished drafts, most recently saved first."""
        rows = self._conn.execute(
            "SELECT * FROM consultations WHERE patient_id = ? AND status = 'draft'"
            " ORDER BY updated_at DESC, id DESC",
            (patient_id,),
        ).fetchall()
        return [_row(r) for r in rows]

    def unfinished(self, limit: int = 20) -> list[ConsultationRow]:
        """Return every patient's unfinished drafts, most recently saved first."""
        rows = self._conn.execute(
            "SELECT * FROM consultations WHERE status = 'draft'"
            " ORDER BY updated_at DESC, id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [_row(r) for r in rows]

    def sealed_treatments(self, patient_id: int) -> list[Treatment]:
        """Return the treatments recorded by the patient's given, sealed consents, oldest first."""
        treatments = [
            item.treatment
            for item in self._effective(patient_id).values()
            if item.decision == "given"
            and item.treatment is not None
            and item.treatment.status != "not_treated"
        ]
        return sorted(treatments, key=lambda t: (t.date, t.consultation_id))

    def history(self, patient_id: int) -> list[HistoryItem]:
        """Return every consultation of the patient, newest first, with its effective consent."""
        effective = self._effective(patient_id)
        rows = self._conn.execute(
            "SELECT id, status, created_at, updated_at FROM consultations WHERE patient_id = ?"
            " ORDER BY created_at DESC, id DESC",
            (patient_id,),
        ).fetchall()
        items = []
        for row in rows:
            base = HistoryItem(
                consultation_id=int(row["id"]),
                status=row["status"],
                created_at=dt.datetime.fromisoformat(row["created_at"]),
                updated_at=dt.datetime.fromisoformat(row["updated_at"]),
            )
            found = effective.get(base.consultation_id)
            if found is not None:
                base = HistoryItem(
                    consultation_id=base.consultation_id,
                    status=base.status,
                    created_at=base.created_at,
                    updated_at=base.updated_at,
                    decision=found.decision,
                    consent_id=found.consent_id,
                    sha256=found.sha256,
                    sealed_at=found.sealed_at,
                    treatment=found.treatment,
                    corrected=found.corrected,
                )
            items.append(base)
        return items

    def _effective(self, patient_id: int) -> dict[int, HistoryItem]:
        out: dict[int, HistoryItem] = {}
        given = administrations.effective_by_consultation(self._conn, patient_id)
        for row in self._conn.execute(_EFFECTIVE_CONSENTS, (patient_id,)).fetchall():
            sealed_at = dt.datetime.fromisoformat(row["sealed_at"])
            try:
                payload = json.loads(bytes(row["canonical"]).decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                payload = None
            treatment = (
                treatment_from_payload(
                    payload,
                    sealed_at=sealed_at,
                    consultation_id=int(row["consultation_id"]),
                    consent_id=int(row["id"]),
                )
                if isinstance(payload, dict)
                else None
            )
            recorded = given.get(int(row["consultation_id"]))
            if treatment is not None and recorded is not None:
                treatment = replace(
                    treatment,
                    status=recorded.status,
                    units_total=recorded.total_units,
                    areas=dict(recorded.areas),
                    lots=recorded.vials,
                )
            out[int(row["consultation_id"])] = HistoryItem(
                consultation_id=int(row["consultation_id"]),
                status="",
                created_at=sealed_at,
                updated_at=sealed_at,
                decision=row["decision"],
                consent_id=int(row["id"]),
                sha256=row["sha256"],
                sealed_at=sealed_at,
                treatment=treatment,
                corrected=int(row["n"]) > 1,
            )
        return out

    def _update_data(self, consultation_id: int, text: str) -> None:
        cur = self._conn.execute(
            "UPDATE consultations SET data = ?, revision = revision + 1, updated_at = ?"
            " WHERE id = ? AND status IN ('draft', 'deferred')",
            (text, now_iso(), consultation_id),
        )
        if cur.rowcount != 1:
            self.get(consultation_id)  # raises ConsultationNotFound
            raise ConsultationNotEditable(consultation_id)

"""Clinic-wide lists read from the sealed consents: each patient's latest treatment, lot recall.

Both read the *effective* given consents (the latest of each correction chain, decision
``given``) and the effective administrations with SQLite's JSON functions, so a clinic's whole
history is one query rather than one per patient; only the patients a lot search matches are then
read through ``ConsultationRepository`` (given units, status). A consultation recorded as not
treated is not a treatment. A consent whose bytes are not JSON (altered behind the app's back;
``verify`` reports it) is skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Final

from consult_app.storage.consultations import ConsultationRepository

__all__ = ["LatestTreatment", "LotUse", "latest_treatments", "lot_uses"]

# Effective given consents: no other consent corrects them.
_GIVEN: Final = """
    SELECT c.id AS consent_id, c.consultation_id, c.sealed_at, CAST(c.canonical AS TEXT) AS j
    FROM consents c
    WHERE c.decision = 'given'
      AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.corrects_consent_id = c.id)
"""

# Effective administrations (no correction of them), with their canonical JSON as text.
_ADMINISTERED: Final = """
    SELECT a.consultation_id, a.status, CAST(a.canonical AS TEXT) AS j
    FROM administrations a
    WHERE NOT EXISTS (SELECT 1 FROM administrations n WHERE n.corrects_administration_id = a.id)
"""


@dataclass(frozen=True, slots=True)
class Contact:
    """A patient's identity and contact details as listed."""

    patient_id: int
    chart_number: str | None
    name: str
    phone: str | None
    email: str | None


@dataclass(frozen=True, slots=True)
class LatestTreatment:
    """A patient's most recent treatment.

    Attributes:
        patient: who.
        date: the treatment date.
        product: product ID.
        indications: indication IDs.
        consultation_id: the consultation.
    """

    patient: Contact
    date: dt.date
    product: str
    indications: tuple[str, ...]
    consultation_id: int


@dataclass(frozen=True, slots=True)
class LotUse:
    """A consultation that used a lot.

    Attributes:
        patient: who.
        date: the consultation date.
        product: product ID.
        units: the units given (or planned where no administration is recorded).
        consultation_id: the consultation.
    """

    patient: Contact
    date: dt.date
    product: str
    units: float
    consultation_id: int


def _date(text: object, sealed_at: str) -> dt.date:
    if isinstance(text, str):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    return dt.datetime.fromisoformat(sealed_at).astimezone(dt.UTC).date()


def _contacts(conn: sqlite3.Connection, ids: set[int]) -> dict[int, Contact]:
    out: dict[int, Contact] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT id, chart_number, name, phone, email FROM patients WHERE id IN ({marks})",
            chunk,
        ):
            out[int(row[0])] = Contact(int(row[0]), row[1], row[2], row[3], row[4])
    return out


def latest_treatments(conn: sqlite3.Connection) -> list[LatestTreatment]:
    """Return every treated patient's most recent treatment (by date, then consultation)."""
    rows = conn.execute(
        "SELECT k.patient_id, g.consultation_id, g.sealed_at,"
        " json_extract(g.j, '$.date'), json_extract(g.j, '$.product'),"
        " json_extract(g.j, '$.indications')"
        f" FROM ({_GIVEN}) g JOIN consultations k ON k.id = g.consultation_id"
        " WHERE json_valid(g.j) AND NOT EXISTS (SELECT 1 FROM"
        f" ({_ADMINISTERED}) a WHERE a.consultation_id = g.consultation_id"
        " AND a.status = 'not_treated')"
    ).fetchall()
    best: dict[int, tuple[dt.date, int, str, str | None]] = {}
    for pid, cid, sealed_at, date_text, product, indications in rows:
        if not isinstance(product, str):
            continue
        key = (_date(date_text, sealed_at), int(cid))
        current = best.get(int(pid))
        if current is None or key > current[:2]:
            best[int(pid)] = (*key, product, indications)
    contacts = _contacts(conn, set(best))
    out = []
    for pid, (date, cid, product, indications) in best.items():
        try:
            decoded = json.loads(indications) if indications else []
        except ValueError:
            decoded = []
        out.append(
            LatestTreatment(
                patient=contacts[pid],
                date=date,
                product=product,
                indications=tuple(i for i in decoded if isinstance(i, str)),
                consultation_id=cid,
            )
        )
    return out


def lot_uses(conn: sqlite3.Connection, lot: str) -> list[LotUse]:
    """Return every treatment that used ``lot``, oldest first.

    A consultation used the lot when its effective given consent names it or its effective
    administration lists a vial of it (lot numbers match ignoring case and surrounding spaces).
    Consultations recorded as not treated are left out (no vial reached the patient); units are
    those given where an administration is recorded, else those planned.
    """
    wanted = lot.strip()
    rows = conn.execute(
        "SELECT k.patient_id, g.consultation_id"
        f" FROM ({_GIVEN}) g JOIN consultations k ON k.id = g.consultation_id"
        " WHERE json_valid(g.j) AND lower(trim(json_extract(g.j, '$.lot.number'))) = lower(?)"
        " UNION"
        " SELECT k.patient_id, a.consultation_id"
        f" FROM ({_ADMINISTERED}) a JOIN consultations k ON k.id = a.consultation_id"
        " WHERE json_valid(a.j) AND EXISTS (SELECT 1 FROM json_each(a.j, '$.vials') v"
        "   WHERE lower(trim(json_extract(v.value, '$.lot'))) = lower(?))",
        (wanted, wanted),
    ).fetchall()
    by_patient: dict[int, set[int]] = {}
    for pid, cid in rows:
        by_patient.setdefault(int(pid), set()).add(int(cid))
    contacts = _contacts(conn, set(by_patient))
    repo = ConsultationRepository(conn)
    out = []
    for pid, cids in by_patient.items():
        for t in repo.sealed_treatments(pid):
            if t.consultation_id in cids:
                out.append(
                    LotUse(
                        patient=contacts[pid],
                        date=t.date,
                        product=t.product,
                        units=t.units_total,
                        consultation_id=t.consultation_id,
                    )
                )
    return sorted(out, key=lambda u: (u.date, u.consultation_id))

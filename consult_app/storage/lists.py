"""Clinic-wide lists read from the sealed consents: each patient's latest treatment, lot recall.

Both read the indexed rows the database derives from every sealed consent and administration
(``treatment_index``, ``vial_lots``: see ``migrations``), so a clinic's ten years answer in one
indexed query rather than by parsing every consent; only the patients a lot search matches are
then read through ``ConsultationRepository`` (given units, status, effective records). The
*effective* given consent counts (the latest of each correction chain); a consultation recorded as
not treated is not a treatment. A consent whose bytes are not JSON (altered behind the app's
back; ``verify`` reports it) is skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Final

from consult_app.storage.backend import Connection, is_postgres
from consult_app.storage.consultations import ConsultationRepository

__all__ = ["LatestTreatment", "LotUse", "latest_treatments", "lot_uses"]


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


def _contacts(conn: Connection, ids: set[int]) -> dict[int, Contact]:
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


# Effective given consents (no correction of them) not recorded as "not treated".
_TREATMENTS: Final = """
    FROM treatment_index i
    WHERE i.decision = 'given' AND i.product IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.corrects_consent_id = i.consent_id)
      AND NOT EXISTS (SELECT 1 FROM administrations a
                      WHERE a.consultation_id = i.consultation_id AND a.status = 'not_treated'
                        AND NOT EXISTS (SELECT 1 FROM administrations n
                                        WHERE n.corrects_administration_id = a.id))
"""


def latest_treatments(conn: Connection, since: dt.date) -> list[LatestTreatment]:
    """Return the most recent treatment of every patient treated on or after ``since``.

    Only treatments from ``since`` on are read (an indexed range): a patient's latest treatment
    is among them whenever it is on or after ``since``.
    """
    rows = conn.execute(
        "SELECT i.patient_id, i.date, i.consultation_id, i.product, i.indications"
        f" {_TREATMENTS} AND i.date >= ?",
        (since.isoformat(),),
    ).fetchall()
    best: dict[int, tuple[dt.date, int, str, str | None]] = {}
    for pid, date_text, cid, product, indications in rows:
        try:
            when = dt.date.fromisoformat(str(date_text))
        except ValueError:
            continue
        current = best.get(int(pid))
        if current is None or (when, int(cid)) > current[:2]:
            best[int(pid)] = (when, int(cid), str(product), indications)
    contacts = _contacts(conn, set(best))
    out = []
    for pid, (when, cid, product, indications) in best.items():
        try:
            decoded = json.loads(indications) if indications else []
        except ValueError:
            decoded = []
        out.append(
            LatestTreatment(
                patient=contacts[pid],
                date=when,
                product=product,
                indications=tuple(i for i in decoded if isinstance(i, str)),
                consultation_id=cid,
            )
        )
    return out


def lot_uses(conn: Connection, lot: str) -> list[LotUse]:
    """Return every treatment that used ``lot``, oldest first.

    A consultation used the lot when its effective given consent names it or its effective
    administration lists a vial of it (lot numbers match ignoring case and surrounding spaces).
    Consultations recorded as not treated are left out (no vial reached the patient); units are
    those given where an administration is recorded, else those planned.
    """
    wanted = lot.strip()
    if is_postgres(conn):  # ``lower`` under COLLATE "C" folds A-Z only, as NOCASE does
        sql = (
            "SELECT patient_id, consultation_id FROM treatment_index"
            " WHERE lower(lot) = lower(? COLLATE \"C\") AND decision = 'given'"
            " UNION SELECT k.patient_id, v.consultation_id FROM vial_lots v"
            " JOIN consultations k ON k.id = v.consultation_id"
            ' WHERE lower(v.lot) = lower(? COLLATE "C")'
        )
    else:
        sql = (
            "SELECT patient_id, consultation_id FROM treatment_index"
            " WHERE lot = ? COLLATE NOCASE AND decision = 'given'"
            " UNION SELECT k.patient_id, v.consultation_id FROM vial_lots v"
            " JOIN consultations k ON k.id = v.consultation_id"
            " WHERE v.lot = ? COLLATE NOCASE"
        )
    rows = conn.execute(sql, (wanted, wanted)).fetchall()
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

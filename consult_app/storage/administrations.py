"""Sealing what was actually given: the administration, stored like a consent (1.1).

``seal_administration`` stores the exact ``core.sealing.canonical_json`` bytes of the payload
(``core.administration.administration_payload``) and their SHA-256 for a consultation whose
consent was given and sealed, and appends an ``administration_sealed`` audit entry (its detail is
``<administration id>:<sha256>``), all in one transaction. Database triggers reject UPDATE and
DELETE (schema step 2 in ``migrations``). A correction is an addendum: a new row whose
``corrects_administration_id`` names the one it corrects; the last of the chain is effective.

:func:`check_administrations` is ``verify``'s check of this table: bytes against seal, seal
against the audit log, rows deleted or inserted behind the app's back.

:func:`effective_by_consultation` returns, for a patient, each consultation's effective
administration (status, total given, units per area), which ``consultations`` uses for the dose
history: given units where an administration is recorded, else the plan.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from consult_app.core.sealing import canonical_json, seal_hash
from consult_app.storage import audit
from consult_app.storage.backend import Connection
from consult_app.storage.db import now_iso, transaction

__all__ = [
    "EVENT",
    "REQUIRED_TRIGGERS",
    "AdministrationNotAllowed",
    "Given",
    "SealedAdministration",
    "check_administrations",
    "effective_by_consultation",
    "latest_payload",
    "seal_administration",
]

EVENT: Final = "administration_sealed"

REQUIRED_TRIGGERS: Final = ("administrations_no_update", "administrations_no_delete")


class AdministrationNotAllowed(ValueError):  # noqa: N818 - reads as a domain fact
    """The consultation has no given, sealed consent, or the correction does not fit."""


@dataclass(frozen=True, slots=True)
class SealedAdministration:
    """The result of sealing.

    Attributes:
        id: the administration's id.
        sha256: its seal.
        sealed_at: when it was sealed (UTC).
    """

    id: int
    sha256: str
    sealed_at: dt.datetime


@dataclass(frozen=True, slots=True)
class Given:
    """A consultation's effective administration, as the history counts it.

    Attributes:
        status: ``treated`` or ``not_treated``.
        total_units: units given.
        areas: area id -> units given (both sides).
        vials: the lot numbers used.
    """

    status: str
    total_units: float
    areas: dict[str, float]
    vials: tuple[str, ...]


def seal_administration(
    conn: Connection,
    consultation_id: int,
    payload: Mapping[str, Any],
    corrects: int | None = None,
) -> SealedAdministration:
    """Seal an administration (or an addendum correcting one) for a consented consultation.

    Args:
        conn: the connection (joins an open transaction, or runs its own).
        consultation_id: the consultation, sealed with consent given.
        payload: ``core.administration.administration_payload`` (its ``status`` is stored).
        corrects: the administration this one corrects, or None.

    Raises:
        ValueError: the payload has no valid ``status``.
        AdministrationNotAllowed: no given consent, already recorded (without ``corrects``), or
            ``corrects`` belongs elsewhere or was already corrected.
        StorageUnavailable: the storage failed; nothing is sealed then.
    """
    status = payload.get("status")
    if status not in ("treated", "not_treated"):
        raise ValueError("administration status must be 'treated' or 'not_treated'")
    data = canonical_json(payload)
    digest = seal_hash(data)
    sealed_at = now_iso()
    with transaction(conn):
        consent = conn.execute(
            "SELECT c.id, k.patient_id FROM consents c JOIN consultations k"
            " ON k.id = c.consultation_id WHERE c.consultation_id = ? AND c.decision = 'given'"
            " AND NOT EXISTS (SELECT 1 FROM consents n WHERE n.corrects_consent_id = c.id)",
            (consultation_id,),
        ).fetchone()
        if consent is None:
            raise AdministrationNotAllowed(f"consultation {consultation_id}: no given consent")
        existing = conn.execute(
            "SELECT id FROM administrations WHERE consultation_id = ?", (consultation_id,)
        ).fetchall()
        ids = {int(r[0]) for r in existing}
        if corrects is None and ids:
            raise AdministrationNotAllowed(
                f"consultation {consultation_id}: already recorded (add a correction)"
            )
        if corrects is not None:
            taken = conn.execute(
                "SELECT 1 FROM administrations WHERE corrects_administration_id = ?", (corrects,)
            ).fetchone()
            if corrects not in ids or taken is not None:
                raise AdministrationNotAllowed(
                    f"consultation {consultation_id}: cannot correct administration {corrects}"
                )
        cur = conn.execute(
            "INSERT INTO administrations (consultation_id, consent_id, status, canonical, sha256,"
            " sealed_at, corrects_administration_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (consultation_id, int(consent[0]), status, data, digest, sealed_at, corrects),
        )
        admin_id = int(cur.lastrowid or 0)
        audit.append(
            conn,
            EVENT,
            patient_id=int(consent[1]),
            consultation_id=consultation_id,
            consent_id=int(consent[0]),
            detail=f"{admin_id}:{digest}",
        )
    return SealedAdministration(admin_id, digest, dt.datetime.fromisoformat(sealed_at))


_EFFECTIVE: Final = """
    SELECT a.id, a.consultation_id, a.status, a.canonical
    FROM administrations a JOIN consultations k ON k.id = a.consultation_id
    WHERE k.patient_id = ?
      AND NOT EXISTS (SELECT 1 FROM administrations n WHERE n.corrects_administration_id = a.id)
"""


def _payload(raw: object) -> dict[str, Any] | None:
    data = bytes(raw) if isinstance(raw, bytes | memoryview) else str(raw).encode("utf-8")
    try:
        payload = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return payload if isinstance(payload, dict) else None


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def effective_by_consultation(conn: Connection, patient_id: int) -> dict[int, Given]:
    """Return consultation id -> its effective administration, for one patient."""
    out: dict[int, Given] = {}
    for row in conn.execute(_EFFECTIVE, (patient_id,)).fetchall():
        payload = _payload(row["canonical"]) or {}
        given = payload.get("given")
        areas = {
            str(area): sum(_number(u) for u in sides.values())
            for area, sides in (given.items() if isinstance(given, dict) else ())
            if isinstance(sides, dict)
        }
        vials = payload.get("vials")
        lots = tuple(
            str(v["lot"])
            for v in (vials if isinstance(vials, list) else ())
            if isinstance(v, dict) and isinstance(v.get("lot"), str)
        )
        out[int(row["consultation_id"])] = Given(
            status=str(row["status"]), total_units=sum(areas.values()), areas=areas, vials=lots
        )
    return out


def latest_payload(conn: Connection, consultation_id: int) -> dict[str, Any] | None:
    """Return the effective administration payload of a consultation, or None."""
    row = conn.execute(
        "SELECT canonical FROM administrations a WHERE consultation_id = ? AND NOT EXISTS"
        " (SELECT 1 FROM administrations n WHERE n.corrects_administration_id = a.id)"
        " ORDER BY id DESC LIMIT 1",
        (consultation_id,),
    ).fetchone()
    return _payload(row[0]) if row is not None else None


def check_administrations(
    conn: Connection,
    log: list[audit.AuditEntry],
    problem: Callable[[str, int | None], None],
) -> None:
    """``verify``'s check of sealed administrations (reports through ``problem``).

    Args:
        conn: the database (read-only is fine).
        log: every audit entry, in order.
        problem: called with the problem's text and the consultation concerned.
    """
    logged: dict[int, tuple[int | None, str]] = {}
    for entry in log:
        if entry.event == EVENT and entry.detail and ":" in entry.detail:
            number, _, digest = entry.detail.partition(":")
            if number.isdigit():
                logged[int(number)] = (entry.consultation_id, digest)
    seen: set[int] = set()
    for row in conn.execute(
        "SELECT id, consultation_id, status, canonical, sha256 FROM administrations ORDER BY id"
    ).fetchall():
        admin_id, consultation_id = int(row["id"]), int(row["consultation_id"])
        seen.add(admin_id)
        where = f"consultation {consultation_id}: administration {admin_id}"
        raw = row["canonical"]
        data = bytes(raw) if isinstance(raw, bytes | memoryview) else str(raw).encode("utf-8")
        if seal_hash(data) != row["sha256"]:
            problem(f"ALTERED {where}: its bytes do not match its seal", consultation_id)
        record = logged.get(admin_id)
        if record is None:
            problem(f"ALTERED {where}: not in the audit log", consultation_id)
        elif record != (consultation_id, row["sha256"]):
            problem(
                f"ALTERED {where}: its seal differs from the one in the audit log", consultation_id
            )
        payload = _payload(raw)
        if payload is None or payload.get("status") != row["status"]:
            problem(f"ALTERED {where}: status differs from its bytes", consultation_id)
    for logged_id, (logged_for, _) in sorted(logged.items()):
        if logged_id not in seen:
            problem(
                f"DELETED consultation {logged_for}: administration {logged_id} is missing",
                logged_for,
            )

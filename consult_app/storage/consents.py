"""Sealing consent: exact canonical bytes, SHA-256, immutability.

``seal_consent`` turns the payload (what was agreed: patient identity, date and time, clinician,
product, lot, plan, findings with reasons, risks discussed, the consent text exactly as shown, the
decision, the signatures) into ``core.sealing.canonical_json`` bytes, stores those exact bytes
and their SHA-256, marks the consultation ``sealed`` (consent given) or ``declined``, and appends a
``consent_sealed`` audit entry carrying the hash, all in one transaction.

The decision is read from ``payload["consent"]["decision"]`` (the case-file shape) or
``payload["decision"]``; it must be ``given`` or ``declined``. A given consent must carry
``product`` and ``plan`` (it counts as a treatment, see ``consultations``).

Database triggers reject UPDATE and DELETE on ``consents`` and on a sealed consultation. A
correction is a new consent (same consultation) whose ``corrects`` names the consent it replaces;
each consent can be corrected once, so corrections form a chain whose last link is effective.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from consult_app.core.sealing import canonical_json, seal_hash
from consult_app.storage import audit
from consult_app.storage.backend import Connection
from consult_app.storage.consultations import ConsultationNotEditable, ConsultationNotFound
from consult_app.storage.db import now_iso, transaction

__all__ = [
    "AlreadyCorrected",
    "SealedConsent",
    "StoredConsent",
    "decision_of",
    "parse_sealing_detail",
    "sealing_detail",
    "state_sha256",
    "get_consent",
    "seal_consent",
]

DECISIONS = ("given", "declined")


class AlreadyCorrected(Exception):  # noqa: N818 - reads as a domain fact
    """The consent named in ``corrects`` was already corrected (correct the newest one)."""


@dataclass(frozen=True, slots=True)
class SealedConsent:
    """The result of sealing.

    Attributes:
        id: the consent's id.
        sha256: the seal (hex SHA-256 of the canonical bytes), as printed on the record.
        sealed_at: when it was sealed (UTC).
    """

    id: int
    sha256: str
    sealed_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StoredConsent:
    """A sealed consent as stored."""

    id: int
    consultation_id: int
    decision: str
    canonical: bytes
    sha256: str
    sealed_at: dt.datetime
    corrects_consent_id: int | None


def decision_of(payload: Mapping[str, Any]) -> str | None:
    """Return the decision a payload records (``consent.decision`` or ``decision``)."""
    consent = payload.get("consent")
    if isinstance(consent, Mapping) and consent.get("decision") is not None:
        value = consent.get("decision")
    else:
        value = payload.get("decision")
    return value if isinstance(value, str) else None


def sealing_detail(digest: str, corrects: int | None, data: str, started: str) -> str:
    """The ``consent_sealed`` audit detail: ``<seal>:<corrected consent or 0>:<state hash>``.

    The state hash covers the consultation's stored state (``data``) and when it was started, so
    the chain covers them and the consent it corrects (``verify`` reads a bare ``<seal>`` as
    written by earlier versions).
    """
    return f"{digest}:{corrects or 0}:{state_sha256(data, started)}"


def state_sha256(data: str, started: str) -> str:
    """The hash of a consultation's stored state and start time, as sealed."""
    return seal_hash(f"{started}\n{data}".encode())


def parse_sealing_detail(detail: str | None) -> tuple[str | None, int | None, str | None]:
    """Split a ``consent_sealed`` detail into (seal, corrects, data sha); None where absent."""
    if detail is None:
        return None, None, None
    parts = detail.split(":")
    if len(parts) == 3 and parts[1].isdigit():
        return parts[0], int(parts[1]) or None, parts[2]
    return detail, None, None


def seal_consent(
    conn: Connection,
    consultation_id: int,
    payload: Mapping[str, Any],
    corrects: int | None = None,
) -> SealedConsent:
    """Seal a consent (or a correction of one) for a consultation.

    Args:
        conn: the database connection (joins an open transaction, or runs its own).
        consultation_id: the consultation; a draft or deferred one, or for a correction the
            sealed consultation of the consent it corrects.
        payload: what was agreed (see the module docstring).
        corrects: the id of the consent this one corrects, or None.

    Returns:
        The new consent's id, seal and time.

    Raises:
        ValueError: no valid decision, or a given consent without product and plan.
        TypeError: the payload holds a value that cannot be sealed.
        ConsultationNotFound: no such consultation.
        ConsultationNotEditable: already sealed (without ``corrects``), or the consent to
            correct belongs to another consultation.
        AlreadyCorrected: ``corrects`` was already corrected.
        StorageUnavailable: when the storage fails; nothing is sealed then.
    """
    decision = decision_of(payload)
    if decision not in DECISIONS:
        raise ValueError("consent.decision: must be 'given' or 'declined' to seal")
    if decision == "given" and (
        not isinstance(payload.get("product"), str) or not isinstance(payload.get("plan"), Mapping)
    ):
        raise ValueError("a given consent must record its product and plan")
    data = canonical_json(payload)
    digest = seal_hash(data)
    sealed_at = now_iso()
    with transaction(conn):
        row = conn.execute(
            "SELECT patient_id, status, data, created_at FROM consultations WHERE id = ?",
            (consultation_id,),
        ).fetchone()
        if row is None:
            raise ConsultationNotFound(consultation_id)
        if corrects is None:
            if row["status"] not in ("draft", "deferred"):
                raise ConsultationNotEditable(consultation_id)
            conn.execute(
                "UPDATE consultations SET status = ?, revision = revision + 1, updated_at = ?"
                " WHERE id = ?",
                ("sealed" if decision == "given" else "declined", sealed_at, consultation_id),
            )
        else:
            old = conn.execute(
                "SELECT consultation_id FROM consents WHERE id = ?", (corrects,)
            ).fetchone()
            if old is None or int(old[0]) != consultation_id:
                raise ConsultationNotEditable(consultation_id)
            taken = conn.execute(
                "SELECT 1 FROM consents WHERE corrects_consent_id = ?", (corrects,)
            ).fetchone()
            if taken is not None:
                raise AlreadyCorrected(corrects)
        cur = conn.execute(
            "INSERT INTO consents (consultation_id, decision, canonical, sha256, sealed_at,"
            " corrects_consent_id) VALUES (?, ?, ?, ?, ?, ?)",
            (consultation_id, decision, data, digest, sealed_at, corrects),
        )
        consent_id = int(cur.lastrowid or 0)
        audit.append(
            conn,
            "consent_sealed",
            patient_id=int(row["patient_id"]),
            consultation_id=consultation_id,
            consent_id=consent_id,
            detail=sealing_detail(digest, corrects, str(row["data"]), str(row["created_at"])),
            at=sealed_at,
        )
    return SealedConsent(
        id=consent_id, sha256=digest, sealed_at=dt.datetime.fromisoformat(sealed_at)
    )


def get_consent(conn: Connection, consent_id: int) -> StoredConsent:
    """Return a stored consent.

    Raises:
        LookupError: no such consent.
    """
    row = conn.execute("SELECT * FROM consents WHERE id = ?", (consent_id,)).fetchone()
    if row is None:
        raise LookupError(consent_id)
    return StoredConsent(
        id=int(row["id"]),
        consultation_id=int(row["consultation_id"]),
        decision=row["decision"],
        canonical=bytes(row["canonical"]),
        sha256=row["sha256"],
        sealed_at=dt.datetime.fromisoformat(row["sealed_at"]),
        corrects_consent_id=row["corrects_consent_id"],
    )

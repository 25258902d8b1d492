"""``verify``'s checks of patients, consultations and documents against the audit log.

Each check has the registration signature ``(conn, log, problem)`` of ``verify.SealedTable``.
Entries written by earlier versions carry less (no identity hash, a bare seal as the
``consent_sealed`` detail); what they do not record is not held against them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from consult_app.core.sealing import canonical_json
from consult_app.storage.audit import AuditEntry
from consult_app.storage.backend import Connection, is_postgres
from consult_app.storage.consents import parse_sealing_detail, state_sha256
from consult_app.storage.patients import identity_detail, identity_sha256

__all__ = [
    "check_lists",
    "check_consultations",
    "check_documents",
    "check_patients",
    "consent_matches_entry",
]

Problem = Callable[[str, int | None], None]


def consent_matches_entry(row: sqlite3.Row, entry: AuditEntry) -> bool:
    """True when a consent's corrected consent and sealing time agree with its log entry."""
    _, corrects, data_sha = parse_sealing_detail(entry.detail)
    if data_sha is None:  # written before the detail carried them
        return True
    return bool(row["corrects_consent_id"] == corrects and row["sealed_at"] == entry.at)


def check_patients(conn: Connection, log: list[AuditEntry], problem: Problem) -> None:
    """A patient created in the log but gone; one not in the log; identity changed unlogged.

    The identity is the name, birth date, sex and chart number (``patients.identity_detail``).
    """
    created: set[int] = set()
    identity: dict[int, str] = {}
    for entry in log:
        if entry.event in ("patient_created", "patient_changed") and entry.patient_id is not None:
            created.add(entry.patient_id)
            if entry.detail:
                identity[entry.patient_id] = entry.detail
            else:
                identity.pop(entry.patient_id, None)
    rows = {
        int(r[0]): (str(r[1]), str(r[2]), str(r[3]), r[4])
        for r in conn.execute("SELECT id, name, birth_date, sex, chart_number FROM patients")
    }
    for patient_id in sorted(created - set(rows)):
        problem(f"DELETED patient {patient_id}", None)
    for patient_id, (name, birth, sex, chart) in sorted(rows.items()):
        if patient_id not in created:
            problem(f"ALTERED patient {patient_id}: not in the audit log", None)
        logged = identity.get(patient_id)
        if logged is None:
            continue
        if logged.startswith("v2:"):
            stored = identity_detail(name, birth, sex, chart)
        else:  # written before the identity carried the sex
            stored = identity_sha256(name, birth, chart)
        if logged != stored:
            problem(
                f"ALTERED patient {patient_id}: name, birth date, sex or chart number changed "
                "outside the app (not in the audit log)",
                None,
            )


def check_consultations(conn: Connection, log: list[AuditEntry], problem: Problem) -> None:
    """Deleted or inserted consultations, a changed patient, status or sealed state."""
    started: dict[int, int | None] = {}
    discarded: set[int] = set()
    sealed_data: dict[int, str] = {}
    sealed_patient: dict[int, int | None] = {}
    for entry in log:
        cid = entry.consultation_id
        if cid is None:
            continue
        if entry.event == "consultation_started":
            started[cid] = entry.patient_id
        elif entry.event == "consultation_discarded":
            discarded.add(cid)
        elif entry.event == "consent_sealed":
            sealed_patient[cid] = entry.patient_id
            data_sha = parse_sealing_detail(entry.detail)[2]
            if data_sha is not None:
                sealed_data[cid] = data_sha
    rows = {
        int(r[0]): (int(r[1]), str(r[2]), state_sha256(str(r[3]), str(r[4])))
        for r in conn.execute("SELECT id, patient_id, status, data, created_at FROM consultations")
    }
    effective = {
        int(r[0]): str(r[1])
        for r in conn.execute(
            "SELECT c.consultation_id, c.decision FROM consents c WHERE NOT EXISTS"
            " (SELECT 1 FROM consents n WHERE n.corrects_consent_id = c.id) ORDER BY c.id"
        )
    }
    for cid in sorted(set(started) - discarded):
        if cid not in rows:
            problem(f"DELETED consultation {cid}", cid)
    for cid, (patient_id, status, state) in sorted(rows.items()):
        if cid not in started:
            problem(f"ALTERED consultation {cid}: not in the audit log", cid)
        elif started[cid] not in (None, patient_id) or (
            sealed_patient.get(cid) not in (None, patient_id)
        ):
            problem(f"ALTERED consultation {cid}: moved to another patient", cid)
        decision = effective.get(cid)
        if decision is None:
            if status in ("sealed", "declined"):
                problem(f"DELETED consultation {cid}: {status} but its consent is missing", cid)
        elif status != ("sealed" if decision == "given" else "declined"):
            problem(
                f"ALTERED consultation {cid}: status {status} but its consent is {decision}", cid
            )
        if cid in sealed_data and sealed_data[cid] != state:
            problem(
                f"ALTERED consultation {cid}: its stored state or start time changed after sealing",
                cid,
            )


def check_documents(conn: Connection, log: list[AuditEntry], problem: Problem) -> None:
    """Document records deleted, changed, or not in the log."""
    logged: dict[int, tuple[int | None, str | None]] = {
        e.document_id: (e.consultation_id, e.detail)
        for e in log
        if e.event == "document_produced" and e.document_id is not None
    }
    rows = {
        int(r[0]): (int(r[1]), f"{r[2]}:{r[3]}")
        for r in conn.execute("SELECT id, consultation_id, kind, sha256 FROM documents")
    }
    for document_id, (consultation_id, detail) in sorted(logged.items()):
        row = rows.get(document_id)
        if row is None:
            problem(
                f"DELETED consultation {consultation_id}: document {document_id} record missing",
                consultation_id,
            )
        elif row != (consultation_id, detail):
            problem(f"ALTERED consultation {row[0]}: document {document_id} record changed", row[0])
    for document_id, (owner, _) in sorted(rows.items()):
        if document_id not in logged:
            problem(
                f"ALTERED consultation {owner}: document {document_id} not in the audit log", owner
            )


_J = "CAST({t}.canonical AS TEXT)"
_CONSENT_INDEX = f"""
    SELECT c.id, c.consultation_id, k.patient_id, c.decision,
           CASE WHEN json_valid({_J.format(t="c")})
                THEN json_extract({_J.format(t="c")}, '$.date') END,
           CASE WHEN json_valid({_J.format(t="c")})
                THEN json_extract({_J.format(t="c")}, '$.product') END,
           CASE WHEN json_valid({_J.format(t="c")})
                THEN json_extract({_J.format(t="c")}, '$.indications') END,
           CASE WHEN json_valid({_J.format(t="c")})
                THEN trim(json_extract({_J.format(t="c")}, '$.lot.number')) END
    FROM consents c JOIN consultations k ON k.id = c.consultation_id
"""
_TREATMENT_INDEX = (
    "SELECT consent_id, consultation_id, patient_id, decision, date, product, indications, lot"
    " FROM treatment_index"
)
_ADMIN_LOTS = f"""
    SELECT a.id, a.consultation_id, trim(json_extract(v.value, '$.lot'))
    FROM administrations a,
         json_each(CASE WHEN json_valid({_J.format(t="a")})
                        THEN {_J.format(t="a")} ELSE '{{}}' END, '$.vials') v
    WHERE json_type(v.value, '$.lot') = 'text'
"""
_VIAL_LOTS = "SELECT administration_id, consultation_id, lot FROM vial_lots"


def check_lists(conn: Connection, log: list[AuditEntry], problem: Problem) -> None:
    """The rows ``due`` and ``lot`` read must be what the sealed records imply.

    ``treatment_index`` and ``vial_lots`` have no triggers (they are derived); a row deleted or
    changed there would hide a patient from a lot recall, so they are recomputed and compared.
    """
    if is_postgres(conn):
        _check_lists_pg(conn, problem)
        return
    pairs = (
        ("treatment_index", _CONSENT_INDEX, _TREATMENT_INDEX),
        ("vial_lots", _ADMIN_LOTS, _VIAL_LOTS),
    )
    for table, source, stored in pairs:
        try:
            missing = conn.execute(f"{source} EXCEPT {stored}").fetchall()
            extra = conn.execute(f"{stored} EXCEPT {source}").fetchall()
        except sqlite3.OperationalError:  # a database from before the lists
            continue
        for cid in sorted({int(row[1]) for row in (*missing, *extra)}):
            problem(
                f"ALTERED consultation {cid}: the {table} rows (read by the due and lot lists) "
                "differ from its sealed record",
                cid,
            )


def _json_or_none(data: object) -> dict[str, Any] | None:
    try:
        value = (
            json.loads(bytes(data).decode("utf-8"))
            if isinstance(data, bytes | memoryview)
            else None
        )
    except (UnicodeDecodeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _text(value: object) -> str | None:
    """What PostgreSQL's ``json ->> key`` gives for a decoded value (canonical JSON spelling)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return _json_text(value)


def _json_text(value: object) -> str:
    """The canonical JSON text of a decoded value (as ``core.sealing.canonical_json``)."""
    try:
        return canonical_json(value).decode("utf-8")
    except (TypeError, ValueError):  # not sealable (NaN in altered bytes): flagged by its seal
        return json.dumps(value)


def _trim(value: str | None) -> str | None:
    return value.strip(" ") if value is not None else None


def _check_lists_pg(conn: Connection, problem: Problem) -> None:
    """PostgreSQL: recompute the derived rows from the sealed bytes and compare them as sets.

    The rules are those of the PL/pgSQL triggers of ``storage.migrations_pg``.
    """
    expected_index = set()
    for cid, kid, pid, decision, canonical in conn.execute(
        "SELECT c.id, c.consultation_id, k.patient_id, c.decision, c.canonical"
        " FROM consents c JOIN consultations k ON k.id = c.consultation_id"
    ):
        j = _json_or_none(canonical) or {}
        lot = j.get("lot")
        # ``json -> key`` then ``::text``: the value's own JSON text (a string keeps its quotes)
        indications = _json_text(j["indications"]) if "indications" in j else None
        expected_index.add(
            (
                int(cid), int(kid), int(pid), str(decision), _text(j.get("date")),
                _text(j.get("product")), indications,
                _trim(_text(lot.get("number"))) if isinstance(lot, dict) else None,
            )
        )  # fmt: skip
    stored_index = {tuple(r) for r in conn.execute(_TREATMENT_INDEX)}
    expected_lots = set()
    for aid, kid, canonical in conn.execute(
        "SELECT id, consultation_id, canonical FROM administrations"
    ):
        vials = (_json_or_none(canonical) or {}).get("vials")
        for vial in vials if isinstance(vials, list) else ():
            if isinstance(vial, dict) and isinstance(vial.get("lot"), str):
                expected_lots.add((int(aid), int(kid), _trim(vial["lot"])))
    stored_lots = [tuple(r) for r in conn.execute(_VIAL_LOTS)]
    for table, expected, stored in (
        ("treatment_index", expected_index, stored_index),
        ("vial_lots", expected_lots, set(stored_lots)),
    ):
        for cid in sorted({int(row[1]) for row in expected ^ stored}):
            problem(
                f"ALTERED consultation {cid}: the {table} rows (read by the due and lot lists) "
                "differ from its sealed record",
                cid,
            )

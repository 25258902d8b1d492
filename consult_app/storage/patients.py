"""Patients: create, correct, fetch and search.

Search (``PatientRepository.search``, implemented in ``storage.patient_search``) finds a patient
by the start of any part of the name (accents and case ignored), chart number, birth date or phone
digits, best match first: see ``core.patient_search`` for what a query means and
``storage.patient_search`` for the ranking and the indexes. An empty query lists the most
recently changed patients. Every create and update is written to the audit log in the same
transaction (ids only).

``search_key`` (the folded name, words joined by single spaces) identifies the same person
(``find_same``); ``patient_name_words`` holds the search terms, rewritten on every change.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from typing import Final

from consult_app.core.patient import LANGUAGES, SEXES, NewPatient, PatientRow
from consult_app.core.patient_search import days, fold, name_words, search_terms
from consult_app.core.sealing import canonical_json, seal_hash
from consult_app.storage import audit
from consult_app.storage.backend import Connection, is_postgres
from consult_app.storage.db import now_iso, transaction
from consult_app.storage.errors import DuplicateChartNumber

__all__ = [
    "PatientNotFound",
    "PatientRepository",
    "fold",
    "identity_detail",
    "identity_sha256",
    "name_words",
]

_JOINERS: Final = re.compile(r"[\s]+")
_NOT_WORD: Final = re.compile(r"[\W_]+")
COLUMNS: Final = (
    "id, name, birth_date, sex, chart_number, phone, email, language, allergies, created_at,"
    " last_visit"
)


class PatientNotFound(LookupError):  # noqa: N818 - reads as a domain fact
    """No patient has this id."""


def identity_sha256(name: str, birth_date: str, chart_number: str | None) -> str:
    """The SHA-256 of a patient's identity as stored (audited, so ``verify`` sees an edit)."""
    return seal_hash(
        canonical_json({"name": name, "birth_date": birth_date, "chart_number": chart_number})
    )


def identity_detail(name: str, birth_date: str, sex: str, chart_number: str | None) -> str:
    """The audit detail of a patient's identity: ``v2:`` and a SHA-256.

    The hash covers the stored name, birth date, sex and chart number (sex decides which
    screening questions are asked).

    Entries written before it carry ``identity_sha256`` (no sex, no prefix); ``verify`` reads both.
    """
    facts = {"name": name, "birth_date": birth_date, "sex": sex, "chart_number": chart_number}
    return "v2:" + seal_hash(canonical_json(facts))


def _query_tokens(query: str) -> list[str]:
    tokens = []
    for part in _JOINERS.split(fold(query)):
        token = "".join(p for p in _NOT_WORD.split(part) if p)
        if token:
            tokens.append(token)
    return tokens


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _validate(patient: NewPatient) -> None:
    if not patient.name.strip():
        raise ValueError("name: required")
    if patient.sex not in SEXES:
        raise ValueError(f"sex: {patient.sex!r} is not one of {', '.join(SEXES)}")
    if patient.language not in LANGUAGES:
        raise ValueError(f"language: {patient.language!r} is not one of {', '.join(LANGUAGES)}")
    if not isinstance(patient.birth_date, dt.date) or isinstance(patient.birth_date, dt.datetime):
        raise TypeError("birth_date: must be a datetime.date")


def row_to_patient(row: sqlite3.Row) -> PatientRow:
    """A ``PatientRow`` from a row selected with ``COLUMNS``."""
    return PatientRow(
        id=int(row["id"]),
        name=row["name"],
        birth_date=dt.date.fromisoformat(row["birth_date"]),
        sex=row["sex"],
        chart_number=row["chart_number"],
        phone=row["phone"],
        email=row["email"],
        language=row["language"],
        allergies=row["allergies"],
        created_at=dt.datetime.fromisoformat(row["created_at"]),
        last_visit=dt.date.fromisoformat(row["last_visit"]) if row["last_visit"] else None,
    )


class PatientRepository:
    """Patients stored in the database behind ``conn`` (from ``open_database``)."""

    def __init__(self, conn: Connection, *, date_order: str = "dmy") -> None:
        self._conn = conn
        #: the clinic's day/month order for dates typed with ``/`` (setting ``date_order``)
        self.date_order = date_order

    def create(self, patient: NewPatient) -> int:
        """Store a new patient and return its id.

        Raises:
            DuplicateChartNumber: the chart number belongs to another patient.
            ValueError: a required field is blank or an enumeration value is unknown.
            StorageUnavailable: when the storage fails.
        """
        _validate(patient)
        chart = _clean(patient.chart_number)
        now = now_iso()
        with transaction(self._conn):
            self._check_chart(chart, None)
            cur = self._conn.execute(
                "INSERT INTO patients (name, search_key, birth_date, sex, chart_number, phone,"
                " email, language, allergies, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    patient.name,
                    " ".join(_query_tokens(patient.name)),
                    patient.birth_date.isoformat(),
                    patient.sex,
                    chart,
                    _clean(patient.phone),
                    _clean(patient.email),
                    patient.language,
                    patient.allergies,
                    now,
                    now,
                ),
            )
            patient_id = int(cur.lastrowid or 0)
            self._write_words(patient_id, patient.name, _clean(patient.phone), None)
            audit.append(
                self._conn,
                "patient_created",
                patient_id=patient_id,
                detail=identity_detail(
                    patient.name, patient.birth_date.isoformat(), patient.sex, chart
                ),
            )
        return patient_id

    def update(self, patient_id: int, patient: NewPatient) -> None:
        """Replace a patient's details (a correction; sealed consents keep their own copy).

        Raises:
            PatientNotFound: no such patient.
            DuplicateChartNumber: the chart number belongs to another patient.
            ValueError: a required field is blank or an enumeration value is unknown.
            StorageUnavailable: when the storage fails.
        """
        _validate(patient)
        chart = _clean(patient.chart_number)
        with transaction(self._conn):
            self._check_chart(chart, patient_id)
            cur = self._conn.execute(
                "UPDATE patients SET name = ?, search_key = ?, birth_date = ?, sex = ?,"
                " chart_number = ?, phone = ?, email = ?, language = ?, allergies = ?,"
                " updated_at = ? WHERE id = ?",
                (
                    patient.name,
                    " ".join(_query_tokens(patient.name)),
                    patient.birth_date.isoformat(),
                    patient.sex,
                    chart,
                    _clean(patient.phone),
                    _clean(patient.email),
                    patient.language,
                    patient.allergies,
                    now_iso(),
                    patient_id,
                ),
            )
            if cur.rowcount != 1:
                raise PatientNotFound(patient_id)
            self._conn.execute("DELETE FROM patient_name_words WHERE patient_id = ?", (patient_id,))
            row = self._conn.execute(
                "SELECT last_visit FROM patients WHERE id = ?", (patient_id,)
            ).fetchone()
            last = dt.date.fromisoformat(row[0]) if row and row[0] else None
            self._write_words(patient_id, patient.name, _clean(patient.phone), last)
            audit.append(
                self._conn,
                "patient_changed",
                patient_id=patient_id,
                detail=identity_detail(
                    patient.name, patient.birth_date.isoformat(), patient.sex, chart
                ),
            )

    def get(self, patient_id: int) -> PatientRow:
        """Return the patient with this id.

        Raises:
            PatientNotFound: no such patient.
        """
        row = self._conn.execute(
            f"SELECT {COLUMNS} FROM patients WHERE id = ?", (patient_id,)
        ).fetchone()
        if row is None:
            raise PatientNotFound(patient_id)
        return row_to_patient(row)

    def count(self) -> int:
        """Return the number of patients."""
        return int(self._conn.execute("SELECT count(*) FROM patients").fetchone()[0])

    def find_same(
        self, name: str, birth_date: dt.date, chart_number: str | None
    ) -> PatientRow | None:
        """Return the stored patient who is this person, or None.

        Same person: same name (case- and accent-insensitive, spacing ignored) and birth date,
        and the same chart number when both have one. A chart number used by a different person
        is not a match (``create`` then raises ``DuplicateChartNumber``).
        """
        chart = _clean(chart_number)
        key = " ".join(_query_tokens(name))
        rows = self._conn.execute(
            f"SELECT {COLUMNS} FROM patients WHERE search_key = ? AND birth_date = ? ORDER BY id",
            (key, birth_date.isoformat()),
        ).fetchall()
        for row in rows:
            stored = row["chart_number"]
            if chart is None or stored is None or stored.casefold() == chart.casefold():
                return row_to_patient(row)
        return None

    def search(self, query: str, limit: int = 50) -> list[PatientRow]:
        """Find patients (see ``storage.patient_search.search``), best match first.

        Args:
            query: what the user typed; empty lists the most recently changed patients.
            limit: the most rows to return.
        """
        if not query.strip():
            rows = self._conn.execute(
                f"SELECT {COLUMNS} FROM patients ORDER BY updated_at DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
            return [row_to_patient(r) for r in rows]
        from consult_app.storage.patient_search import search

        return search(self._conn, query, limit=limit, date_order=self.date_order)

    def _check_chart(self, chart: str | None, patient_id: int | None) -> None:
        if chart is None:
            return
        sql = (
            "SELECT id FROM patients WHERE lower(chart_number) = lower(?) AND id IS DISTINCT FROM ?"
            if is_postgres(self._conn)  # SQLite: the column is COLLATE NOCASE
            else "SELECT id FROM patients WHERE chart_number = ? AND id IS NOT ?"
        )
        row = self._conn.execute(sql, (chart, patient_id)).fetchone()
        if row is not None:
            raise DuplicateChartNumber(chart, int(row[0]))

    def _write_words(
        self, patient_id: int, name: str, phone: str | None, last_visit: dt.date | None
    ) -> None:
        visit = days(last_visit)
        self._conn.executemany(
            "INSERT INTO patient_name_words (word, visit, patient_id) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING",
            [(term, visit, patient_id) for term in sorted(search_terms(name, phone))],
        )

"""Patients: create, correct, fetch and search.

Search (``PatientRepository.search``) matches, accent- and case-insensitively:

- a name prefix on any word of the name (every word of the query must match a word, so
  ``"zoe ob"`` finds ``Zoë O'Brien``; apostrophes and hyphens inside a word are ignored, so
  ``obr`` also finds her);
- a birth date ``YYYY-MM-DD`` or any prefix of one (``1984``, ``1984-03``);
- a chart number prefix (case-insensitive).

Words are kept folded in ``patient_name_words`` so every lookup is an index range scan (target:
under 20 ms with 100,000 patients). An empty query lists the most recently changed patients.
Every create and update is written to the audit log in the same transaction (ids only).
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from typing import Final

from consult_app.core.patient import LANGUAGES, SEXES, NewPatient, PatientRow
from consult_app.storage import audit
from consult_app.storage.db import now_iso, transaction
from consult_app.storage.errors import DuplicateChartNumber

__all__ = ["PatientNotFound", "PatientRepository", "fold", "name_words"]

# Letters that Unicode does not decompose into a base letter plus accent.
_EXTRA_FOLDS: Final = str.maketrans(
    {"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)
_JOINERS: Final = re.compile(r"[\s]+")
_NOT_WORD: Final = re.compile(r"[\W_]+")
_DATE_PREFIX: Final = re.compile(r"\d{4}(-(\d{1,2}(-\d{0,2})?)?)?")
_TOP: Final = "\U0010ffff"  # sorts after every other text: upper bound of a prefix range
_COLUMNS: Final = (
    "id, name, birth_date, sex, chart_number, phone, email, language, allergies, created_at"
)


class PatientNotFound(LookupError):  # noqa: N818 - reads as a domain fact
    """No patient has this id."""


def fold(text: str) -> str:
    """Return ``text`` case-folded without accents (``"Zoë"`` -> ``"zoe"``)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def name_words(name: str) -> set[str]:
    """Return the folded words a name can be found by.

    Each whitespace-separated part gives itself without punctuation (``o'brien`` -> ``obrien``)
    and each of its letter runs (``o``, ``brien``).
    """
    words: set[str] = set()
    for part in _JOINERS.split(fold(name)):
        pieces = [p for p in _NOT_WORD.split(part) if p]
        if pieces:
            words.add("".join(pieces))
            words.update(pieces)
    return words


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


def _row_to_patient(row: sqlite3.Row) -> PatientRow:
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
    )


class PatientRepository:
    """Patients stored in the database behind ``conn`` (from ``open_database``)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

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
            self._write_words(patient_id, patient.name)
            audit.append(self._conn, "patient_created", patient_id=patient_id)
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
            self._write_words(patient_id, patient.name)
            audit.append(self._conn, "patient_changed", patient_id=patient_id)

    def get(self, patient_id: int) -> PatientRow:
        """Return the patient with this id.

        Raises:
            PatientNotFound: no such patient.
        """
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM patients WHERE id = ?", (patient_id,)
        ).fetchone()
        if row is None:
            raise PatientNotFound(patient_id)
        return _row_to_patient(row)

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
            f"SELECT {_COLUMNS} FROM patients WHERE search_key = ? AND birth_date = ? ORDER BY id",
            (key, birth_date.isoformat()),
        ).fetchall()
        for row in rows:
            stored = row["chart_number"]
            if chart is None or stored is None or stored.casefold() == chart.casefold():
                return _row_to_patient(row)
        return None

    def search(self, query: str, limit: int = 50) -> list[PatientRow]:
        """Find patients by name words, birth date or chart number (see the module docstring).

        Args:
            query: what the user typed; empty lists the most recently changed patients.
            limit: the most rows to return.

        Returns:
            Matching patients ordered by name (case-insensitive), then id.
        """
        query = query.strip()
        if not query:
            rows = self._conn.execute(
                f"SELECT {_COLUMNS} FROM patients ORDER BY updated_at DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
            return [_row_to_patient(r) for r in rows]

        parts: list[str] = []
        params: list[object] = []
        tokens = _query_tokens(query)
        if tokens:
            parts.append(
                " INTERSECT ".join(
                    "SELECT patient_id FROM patient_name_words WHERE word >= ? AND word < ?"
                    for _ in tokens
                )
            )
            for token in tokens:
                params += [token, token + _TOP]
        parts.append("SELECT id FROM patients WHERE chart_number >= ? AND chart_number < ?")
        params += [query, query + _TOP]
        if _DATE_PREFIX.fullmatch(query):
            parts.append("SELECT id FROM patients WHERE birth_date >= ? AND birth_date < ?")
            params += [query, query + _TOP]
        sql = (
            f"SELECT {_COLUMNS} FROM patients WHERE id IN ("
            + " UNION ".join(f"SELECT * FROM ({p})" for p in parts)
            + ") ORDER BY name COLLATE NOCASE, id LIMIT ?"
        )
        params.append(limit)
        return [_row_to_patient(r) for r in self._conn.execute(sql, params).fetchall()]

    def _check_chart(self, chart: str | None, patient_id: int | None) -> None:
        if chart is None:
            return
        row = self._conn.execute(
            "SELECT id FROM patients WHERE chart_number = ? AND id IS NOT ?", (chart, patient_id)
        ).fetchone()
        if row is not None:
            raise DuplicateChartNumber(chart, int(row[0]))

    def _write_words(self, patient_id: int, name: str) -> None:
        self._conn.executemany(
            "INSERT OR IGNORE INTO patient_name_words (word, patient_id) VALUES (?, ?)",
            [(word, patient_id) for word in sorted(name_words(name))],
        )

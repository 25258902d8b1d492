"""Patient search as a receptionist types it, against a real SQLite file (issue 25).

A table of names and queries (hyphens, apostrophes, accents, Polish, French, German, Nordic, CJK,
Arabic, Korean, Hebrew, Cyrillic), birth dates in every accepted form, phone digits, chart
numbers; the ranking (exact name parts first, then most recent visit); the large-range path that
reads a bucket in visit order; the migration from schema v1.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from consult_app.core.patient import NewPatient
from consult_app.core.patient_search import name_words, parse_date_query, phone_terms
from consult_app.storage import patient_search
from consult_app.storage.db import now_iso, open_database, transaction
from consult_app.storage.migrations import MIGRATIONS
from consult_app.storage.patients import PatientRepository

PEOPLE = [
    # name, birth date, chart, phone
    ("Maria Rossi-O'Brien", "1984-03-09", "A-1001", "+1 604-555-1234"),
    ("Zoë Kowalski", "1990-07-21", "A-1002", "514 555 0199"),
    ("Jan Łukasiewicz", "1975-11-30", "B-77", None),
    ("Hélène Côté-Saint-Pierre", "1962-01-05", None, "(418) 222-3344"),
    ("Søren Østergaard", "1958-02-14", None, None),
    ("Günther Größer", "1949-12-01", None, None),
    ("Æsa Đorđević", "2001-04-04", None, None),
    ("Siobhán Ó Súilleabháin", "1988-08-08", None, None),
    ("Jean-François D'Amour", "1979-06-15", None, None),
    ("王小明", "2001-12-31", None, None),
    ("山田 太郎", "1970-10-10", None, None),
    ("محمد عبد الله", "1966-06-06", None, None),
    ("أحمد الهاشمي", "1967-07-07", None, None),
    ("김민준", "1995-05-05", None, None),
    ("דוד כהן", "1980-01-01", None, None),
    ("Анна Каренина", "1990-01-02", None, None),
    ("Ngozi Okafor", "1999-09-19", "C-0001", "+44 20 7946 0958"),
]

# query -> the names it must find (first result first when "first" is set)
CASES = [
    ("obr", ["Maria Rossi-O'Brien"]),
    ("rossi", ["Maria Rossi-O'Brien"]),
    ("o'b", ["Maria Rossi-O'Brien"]),
    ("O’Bri", ["Maria Rossi-O'Brien"]),  # typographic apostrophe
    ("brien", ["Maria Rossi-O'Brien"]),
    ("rossi-o'b", ["Maria Rossi-O'Brien"]),
    ("maria obrien", ["Maria Rossi-O'Brien"]),
    ("ROSSI O", ["Maria Rossi-O'Brien"]),
    ("zoe", ["Zoë Kowalski"]),
    ("ZOË", ["Zoë Kowalski"]),
    ("lukasiewicz", ["Jan Łukasiewicz"]),
    ("łuk", ["Jan Łukasiewicz"]),
    ("helene", ["Hélène Côté-Saint-Pierre"]),
    ("cote", ["Hélène Côté-Saint-Pierre"]),
    ("pierre", ["Hélène Côté-Saint-Pierre"]),
    ("saint-p", ["Hélène Côté-Saint-Pierre"]),
    ("soren oster", ["Søren Østergaard"]),
    ("grosser", ["Günther Größer"]),
    ("gunther", ["Günther Größer"]),
    ("aesa", ["Æsa Đorđević"]),
    ("djordj", []),  # Đ folds to d, not dj
    ("dorde", ["Æsa Đorđević"]),
    ("siobhan suil", ["Siobhán Ó Súilleabháin"]),
    ("jean f", ["Jean-François D'Amour"]),
    ("francois", ["Jean-François D'Amour"]),
    ("damour", ["Jean-François D'Amour"]),
    ("amour", ["Jean-François D'Amour"]),
    ("jeanfr", ["Jean-François D'Amour"]),
    ("王", ["王小明"]),
    ("小明", ["王小明"]),
    ("明", ["王小明"]),
    ("山田", ["山田 太郎"]),
    ("太", ["山田 太郎"]),
    ("محمد", ["محمد عبد الله"]),
    ("عبد", ["محمد عبد الله"]),
    ("احمد", ["أحمد الهاشمي"]),  # hamza-less alef as typed on most keyboards
    ("أحم", ["أحمد الهاشمي"]),
    ("김", ["김민준"]),
    ("김민", ["김민준"]),
    ("כהן", ["דוד כהן"]),
    ("кар", ["Анна Каренина"]),
    ("анна", ["Анна Каренина"]),
    # dates: ISO and prefixes, the clinic's day/month order, month names in French and English
    ("1984-03-09", ["Maria Rossi-O'Brien"]),
    ("1984-3-9", ["Maria Rossi-O'Brien"]),
    ("1984-03", ["Maria Rossi-O'Brien"]),
    ("09/03/1984", ["Maria Rossi-O'Brien"]),
    ("9/3/1984", ["Maria Rossi-O'Brien"]),
    ("09.03.1984", ["Maria Rossi-O'Brien"]),
    ("09/03/84", ["Maria Rossi-O'Brien"]),
    ("9 mars 1984", ["Maria Rossi-O'Brien"]),
    ("9 March 1984", ["Maria Rossi-O'Brien"]),
    ("March 9, 1984", ["Maria Rossi-O'Brien"]),
    ("1er décembre 1949", ["Günther Größer"]),
    ("30 nov. 1975", ["Jan Łukasiewicz"]),
    ("30/11/1975", ["Jan Łukasiewicz"]),  # day 30 cannot be a month: still found
    ("21 juillet 1990", ["Zoë Kowalski"]),
    ("14 février 1958", ["Søren Østergaard"]),
    # phone digits (3 or more)
    ("1234", ["Maria Rossi-O'Brien"]),
    ("555-1234", ["Maria Rossi-O'Brien"]),
    ("604555", ["Maria Rossi-O'Brien"]),
    ("+1 604 555 1234", ["Maria Rossi-O'Brien"]),
    ("6045551234", ["Maria Rossi-O'Brien"]),
    ("0199", ["Zoë Kowalski"]),
    ("(418) 222", ["Hélène Côté-Saint-Pierre"]),
    ("222-33", ["Hélène Côté-Saint-Pierre"]),
    ("0958", ["Ngozi Okafor"]),
    ("12", []),  # fewer than 3 digits is not a phone search
    # chart numbers
    ("A-1001", ["Maria Rossi-O'Brien"]),
    ("a-1001", ["Maria Rossi-O'Brien"]),
    ("b-7", ["Jan Łukasiewicz"]),
    ("c-00", ["Ngozi Okafor"]),
    # nothing
    ("smith", []),
    ("zoe smith", []),
]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PatientRepository]:
    conn = open_database(tmp_path_factory.mktemp("search") / "consult.sqlite3")
    repository = PatientRepository(conn)
    for name, born, chart, phone in PEOPLE:
        repository.create(
            NewPatient(
                name=name, birth_date=dt.date.fromisoformat(born), chart_number=chart, phone=phone
            )
        )
    yield repository
    conn.close()


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[q for q, _ in CASES])
def test_query_finds_the_patient(repo: PatientRepository, query: str, expected: list[str]) -> None:
    names = [p.name for p in repo.search(query)]
    if expected:
        assert names[: len(expected)] == expected, names
        # nothing else matches these distinctive queries
        assert len(names) == len(expected), names
    else:
        assert names == []


def test_month_day_order_clinic(repo: PatientRepository) -> None:
    repo.date_order = "mdy"
    try:
        assert [p.name for p in repo.search("03/09/1984")] == ["Maria Rossi-O'Brien"]
        assert [p.name for p in repo.search("11/30/1975")] == ["Jan Łukasiewicz"]
    finally:
        repo.date_order = "dmy"


@pytest.mark.parametrize(
    "query",
    ["%", "_", "'", "''", "\\", '"', "--", "; DROP TABLE patients; --", "\x00", "a\x00b",
     "\ud800", "x" * 10_000, "*", "(", ")", "[", "🙂", "\u200b", "NULL", "0", "9999-99-99",
     "31/02/1984", "0/0/0", "1 1 1", "#", "#555", "+", "+++"],
)  # fmt: skip
def test_hostile_queries_do_not_crash(repo: PatientRepository, query: str) -> None:
    assert isinstance(repo.search(query), list)


def test_name_words_split_on_hyphens_and_apostrophes() -> None:
    assert name_words("Rossi-O'Brien") == {"rossiobrien", "rossi", "obrien", "o", "brien"}
    assert name_words("Zoë O'Brien") == {"zoe", "obrien", "o", "brien"}
    assert name_words("Jean-Luc") == {"jeanluc", "jean", "luc"}
    assert {"小明", "明", "王小明"} <= name_words("王小明")
    assert phone_terms("+1 (604) 555-1234") == {"#16045551234", "#6045551234", "#5551234", "#1234"}
    assert phone_terms("12") == set()


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("1984", "dmy", ["1984"]),
        ("1984-03-1", "dmy", ["1984-03-01", "1984-03-1"]),
        ("09/03/1984", "dmy", ["1984-03-09"]),
        ("09/03/1984", "mdy", ["1984-09-03"]),
        ("25/12/1984", "mdy", ["1984-12-25"]),
        ("mars 1984", "dmy", ["1984-03-"]),
        ("9 mars", "dmy", []),
        ("31 février 1984", "dmy", []),
        ("smith", "dmy", []),
    ],
)
def test_date_queries(text: str, order: str, expected: list[str]) -> None:
    assert parse_date_query(text, order) == expected


def _visit(conn: sqlite3.Connection, patient_id: int, date: str) -> None:
    data = json.dumps({"case": {"date": date}, "extra": {}})
    with transaction(conn):
        conn.execute(
            "INSERT INTO consultations (patient_id, data, created_at, updated_at)"
            " VALUES (?, ?, ?, ?)",
            (patient_id, data, now_iso(), now_iso()),
        )


def test_exact_name_parts_first_then_most_recent_visit(tmp_path: Path) -> None:
    conn = open_database(tmp_path / "consult.sqlite3")
    repo = PatientRepository(conn)
    born = dt.date(1980, 1, 1)
    marielle = repo.create(NewPatient(name="Marielle Roy", birth_date=born))
    marie_old = repo.create(NewPatient(name="Marie Tremblay", birth_date=born))
    marie_new = repo.create(NewPatient(name="Marie Gagnon", birth_date=born))
    mariette = repo.create(NewPatient(name="Mariette Côté", birth_date=born))
    _visit(conn, marielle, "2026-11-20")
    _visit(conn, marie_old, "2020-01-01")
    _visit(conn, marie_new, "2026-10-01")
    _visit(conn, mariette, "2025-01-01")
    assert [p.id for p in repo.search("marie")] == [marie_new, marie_old, marielle, mariette]
    assert [p.id for p in repo.search("mari")] == [marielle, marie_new, mariette, marie_old]
    assert repo.get(marielle).last_visit == dt.date(2026, 11, 20)
    # a correction keeps the visit order
    repo.update(marie_old, NewPatient(name="Marie Tremblay-Roy", birth_date=born))
    _visit(conn, marie_old, "2026-11-21")
    assert [p.id for p in repo.search("mari")][0] == marie_old
    assert [p.id for p in repo.search("roy")] == [marie_old, marielle]
    # a follow-up visit counts as a visit
    cid = conn.execute("SELECT max(id) FROM consultations WHERE patient_id = ?", (mariette,))
    with transaction(conn):
        conn.execute(
            "INSERT INTO followups (patient_id, consultation_id, date, product, canonical,"
            " sha256, recorded_at) VALUES (?, ?, '2026-11-25', 'botox', x'00', ?, ?)",
            (mariette, cid.fetchone()[0], "0" * 64, now_iso()),
        )
    assert [p.id for p in repo.search("mari")][0] == mariette
    assert repo.get(mariette).last_visit == dt.date(2026, 11, 25)
    conn.close()


def test_large_ranges_are_read_in_visit_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above CAP matches the bucket path gives the same answer as ranking the whole range."""
    conn = open_database(tmp_path / "consult.sqlite3")
    repo = PatientRepository(conn)
    ids = []
    for i in range(60):
        first = ("Marie", "Mario", "Martin", "Maxime", "Mathis")[i % 5]
        name = f"{first} Test{i:02d}" if i % 7 else f"Ma Test{i:02d}"
        ids.append(repo.create(NewPatient(name=name, birth_date=dt.date(1980, 1, 1 + i % 28))))
        if i % 3:
            _visit(conn, ids[-1], f"2026-{1 + i % 12:02d}-{1 + i % 27:02d}")
    queries = ["m", "ma", "mar", "mari", "marie", "ma te", "m t", "te", "t", "test1", "1980-01"]
    small = {q: [p.id for p in repo.search(q, limit=7)] for q in queries}
    monkeypatch.setattr(patient_search, "CAP", 3)
    large = {q: [p.id for p in repo.search(q, limit=7)] for q in queries}
    assert large == small
    assert small["ma"][0] in {ids[i] for i in range(0, 60, 7)}  # "Ma" is an exact part
    conn.close()


def test_migration_from_v1_rebuilds_terms_and_visits(tmp_path: Path) -> None:
    path = tmp_path / "consult.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    now = now_iso()
    conn.execute(
        "INSERT INTO patients (id, name, search_key, birth_date, phone, created_at, updated_at)"
        " VALUES (1, 'Maria Rossi-O''Brien', 'maria rossiobrien', '1984-03-09', '604-555-1234',"
        " ?, ?)",
        (now, now),
    )
    conn.execute(
        "INSERT INTO patient_name_words (word, patient_id) VALUES ('rossiobrien', 1), ('maria', 1)"
    )
    conn.execute(
        "INSERT INTO consultations (patient_id, data, created_at, updated_at) VALUES (1, ?, ?, ?)",
        (json.dumps({"case": {"date": "2026-05-04"}}), now, now),
    )
    conn.close()
    conn = open_database(path)
    repo = PatientRepository(conn)
    assert [p.id for p in repo.search("obr")] == [1]
    assert [p.id for p in repo.search("1234")] == [1]
    assert repo.get(1).last_visit == dt.date(2026, 5, 4)
    assert repo.find_same("maria rossi-o'brien", dt.date(1984, 3, 9), None) is not None
    conn.close()

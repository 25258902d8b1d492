"""The bench generator is deterministic and writes rows the real schema and search accept."""

import sqlite3

from bench.generator import build_database, generate_patients, patient_rows, word_rows
from consult_app.core.patient_search import search_terms
from consult_app.storage.db import open_database
from consult_app.storage.patients import PatientRepository, name_words


def test_same_seed_same_patients():
    a = list(patient_rows(generate_patients(300, seed=7), seed=7))
    b = list(patient_rows(generate_patients(300, seed=7), seed=7))
    assert a == b
    assert a != list(patient_rows(generate_patients(300, seed=8), seed=8))


def test_names_are_varied_and_accented():
    names = [p.name for p in generate_patients(2000)]
    assert len(set(names)) > 1000
    assert any(ch in "".join(names) for ch in "éëłøÓ")
    assert any("'" in n for n in names) and any("-" in n for n in names)


def test_words_match_the_repository():
    rows = list(patient_rows(generate_patients(50)))
    words = set(word_rows(rows))
    for row in rows:
        expected = search_terms(str(row[1]), row[6])  # type: ignore[arg-type]
        assert {w for w, _, pid in words if pid == row[0]} == expected
    assert any(w.startswith("#") for w, _, _ in words)


def test_small_database_is_valid_and_searchable(tmp_path):
    path = tmp_path / "consult.sqlite3"
    stats = build_database(path, patients=200, consultations=300)
    assert (stats.patients, stats.consultations) == (200, 300)
    conn = open_database(path)  # header, schema version and quick_check accepted
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT count(*) FROM consultations").fetchone()[0] == 300
        repo = PatientRepository(conn)
        someone = repo.get(17)
        first_word = sorted(name_words(someone.name))[0]
        assert someone.id in {p.id for p in repo.search(first_word[:3], limit=200)}
    finally:
        conn.close()


def test_search_only_database(tmp_path):
    from bench.generator import build_search_database

    path = tmp_path / "consult.sqlite3"
    stats = build_search_database(path, patients=300)
    assert stats.patients == 300
    conn = open_database(path)
    try:
        repo = PatientRepository(conn)
        found = repo.search("m", limit=20)
        assert found and all(any(w.startswith("m") for w in name_words(p.name)) for p in found)
        visits = [p.last_visit for p in found]
        known = [v for v in visits if v is not None]
        assert known == sorted(known, reverse=True)
    finally:
        conn.close()


def test_audit_chain_verifies(tmp_path):
    from consult_app.storage.audit import GENESIS_HASH, entries, entry_hash

    path = tmp_path / "consult.sqlite3"
    build_database(path, patients=30, consultations=40)
    conn = sqlite3.connect(path)
    try:
        prev = GENESIS_HASH
        for entry in entries(conn):
            assert entry.prev_hash == prev
            assert entry.hash == entry_hash(prev, entry.body())
            prev = entry.hash
    finally:
        conn.close()

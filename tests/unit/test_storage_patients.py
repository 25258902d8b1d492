"""PatientRepository: exact round trip of any text, search, duplicates, audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from consult_app.core.patient import NewPatient
from consult_app.storage.db import open_database
from consult_app.storage.errors import DuplicateChartNumber
from consult_app.storage.patients import PatientNotFound, PatientRepository, fold, name_words


@pytest.fixture
def repo() -> Iterator[PatientRepository]:
    conn = open_database(":memory:")
    yield PatientRepository(conn)
    conn.close()


def make(name: str, born: str = "1984-03-09", chart: str | None = None, **kw: object) -> NewPatient:
    return NewPatient(name=name, birth_date=dt.date.fromisoformat(born), chart_number=chart, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name",
    ["Zoë O'Brien <b> & Co", "Анна Каренина", "王小明", 'José "Pepe" Núñez-García', "  spaced  "],
)
def test_round_trip_exact(repo: PatientRepository, name: str) -> None:
    patient = make(
        name,
        chart="A-1",
        sex="female",
        phone="+1 555",
        email="a@b.c",
        language="fr",
        allergies="penicillin <severe> & latex\nline 2",
    )
    pid = repo.create(patient)
    row = repo.get(pid)
    assert row.as_new() == patient
    assert row.created_at.tzinfo is not None


def test_search_by_word_prefix_accent_and_case_insensitive(repo: PatientRepository) -> None:
    zoe = repo.create(make("Zoë O'Brien <b> & Co"))
    anna = repo.create(make("Анна Каренина", born="1990-01-02"))
    wang = repo.create(make("王小明", born="2001-12-31"))
    repo.create(make("Bob Smith", born="1950-05-05"))
    assert [p.id for p in repo.search("zoe")] == [zoe]
    assert [p.id for p in repo.search("ZOË")] == [zoe]
    assert [p.id for p in repo.search("bri")] == [zoe]
    assert [p.id for p in repo.search("o'b")] == [zoe]
    assert [p.id for p in repo.search("obr")] == [zoe]
    assert [p.id for p in repo.search("zo ob")] == [zoe]
    assert repo.search("zo smith") == []
    assert [p.id for p in repo.search("кар")] == [anna]
    assert [p.id for p in repo.search("анна")] == [anna]
    assert [p.id for p in repo.search("王")] == [wang]
    assert repo.search("%") == []
    assert repo.search("_") == []


def test_search_by_birth_date_and_chart(repo: PatientRepository) -> None:
    a = repo.create(make("Alice", born="1984-03-09", chart="A-1001"))
    b = repo.create(make("Bea", born="1984-11-20", chart="B-77"))
    c = repo.create(make("Cy", born="1999-03-09", chart="1984"))
    assert [p.id for p in repo.search("1984-03-09")] == [a]
    assert {p.id for p in repo.search("1984")} == {a, b, c}  # dates and chart "1984"
    assert [p.id for p in repo.search("1984-1")] == [b]
    assert [p.id for p in repo.search("a-10")] == [a]
    assert [p.id for p in repo.search("B-77")] == [b]


def test_empty_query_lists_most_recent_first(repo: PatientRepository) -> None:
    ids = [repo.create(make(f"P{i}", chart=str(i))) for i in range(5)]
    assert [p.id for p in repo.search("")] == list(reversed(ids))
    repo.update(ids[0], make("P0 renamed", chart="0"))
    assert repo.search("  ", limit=2)[0].id == ids[0]
    assert len(repo.search("", limit=2)) == 2


def test_duplicate_chart_number(repo: PatientRepository) -> None:
    first = repo.create(make("Ann", chart="C-1"))
    with pytest.raises(DuplicateChartNumber) as info:
        repo.create(make("Ben", chart="c-1"))
    assert info.value.existing_id == first
    other = repo.create(make("Ben", chart="C-2"))
    with pytest.raises(DuplicateChartNumber):
        repo.update(other, make("Ben", chart="C-1"))
    repo.update(first, make("Ann B", chart="C-1"))  # keeping one's own chart is fine
    assert repo.count() == 2
    repo.create(make("No chart 1"))
    repo.create(make("No chart 2", chart="  "))
    assert repo.count() == 4


def test_find_same(repo: PatientRepository) -> None:
    pid = repo.create(make("Jane O'Brien", born="1984-03-09", chart="A-1"))
    born = dt.date(1984, 3, 9)
    found = repo.find_same("jane  o'brien", born, None)
    assert found is not None and found.id == pid
    found = repo.find_same("Jane O'Brien", born, "a-1")
    assert found is not None and found.id == pid
    assert repo.find_same("Jane O'Brien", born, "A-2") is None
    assert repo.find_same("Jane O'Brien", dt.date(1984, 3, 10), None) is None


def test_update_changes_search_words(repo: PatientRepository) -> None:
    pid = repo.create(make("Old Name"))
    repo.update(pid, make("New Name"))
    assert repo.search("old") == []
    assert [p.id for p in repo.search("new")] == [pid]
    with pytest.raises(PatientNotFound):
        repo.update(999, make("X"))
    with pytest.raises(PatientNotFound):
        repo.get(999)


def test_invalid_values_rejected(repo: PatientRepository) -> None:
    with pytest.raises(ValueError, match="name"):
        repo.create(make("   "))
    with pytest.raises(ValueError, match="sex"):
        repo.create(make("A", sex="x"))
    with pytest.raises(ValueError, match="language"):
        repo.create(make("A", language="de"))
    assert repo.count() == 0


def test_writes_are_audited_with_ids_only(repo: PatientRepository) -> None:
    pid = repo.create(make("Zoë Secret", allergies="nuts"))
    repo.update(pid, make("Zoë Secret2"))
    conn = repo._conn
    rows = conn.execute("SELECT * FROM audit_log ORDER BY seq").fetchall()
    assert [r["event"] for r in rows] == ["patient_created", "patient_changed"]
    assert all(r["patient_id"] == pid for r in rows)
    dump = "\n".join(str(tuple(r)) for r in rows)
    assert "Secret" not in dump and "nuts" not in dump


def test_fold_and_words() -> None:
    assert fold("ZOË") == "zoe"
    assert fold("Søren Łukasz Straße") == "soren lukasz strasse"
    assert name_words("Zoë O'Brien") == {"zoe", "obrien", "o", "brien"}
    assert name_words("Jean-Luc") == {"jeanluc", "jean", "luc"}

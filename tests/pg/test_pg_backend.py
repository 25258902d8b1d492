"""PostgreSQL behind the storage interface: schema, adapter, sealed rows immutable, verify.

Everything runs against the real server of the ``pg_server`` fixture; records are made through
the real command line (``consult_app.app.main.main``), then attacked with raw SQL as the
database owner would.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import sqlite3
from pathlib import Path

import psycopg
import pytest

from consult_app.app.main import main
from consult_app.core.patient import NewPatient
from consult_app.storage import audit
from consult_app.storage.db import transaction
from consult_app.storage.errors import StorageProblem, StorageUnavailable
from consult_app.storage.migrations import MIGRATIONS, SCHEMA_VERSION
from consult_app.storage.migrations_pg import PG_MIGRATIONS
from consult_app.storage.patients import PatientRepository
from consult_app.storage.postgres import PgConnection, open_postgres, translate

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "tests/fixtures/cases/chronic_migraine_ca.json"


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _sealed(pg_url: str, tmp_path: Path) -> None:
    code, out, err = _cli(
        "run", str(CASE), "--out", str(tmp_path / "out"), "--data-dir", str(tmp_path / "data"),
        "--database", pg_url,
    )  # fmt: skip
    assert code == 0, out + err


def test_both_backends_have_every_migration_step() -> None:
    assert len(PG_MIGRATIONS) == len(MIGRATIONS) == SCHEMA_VERSION


def test_placeholders_outside_literals_only() -> None:
    sql, key = translate("SELECT '?', \"a?\", x FROM t WHERE y = ? AND z LIKE 'a%'")
    assert sql == "SELECT '?', \"a?\", x FROM t WHERE y = %s AND z LIKE 'a%%'"
    assert key is None
    sql, key = translate("INSERT INTO consents (decision) VALUES (?)")
    assert sql.endswith("VALUES (%s) RETURNING id") and key == "id"


def test_new_database_is_migrated_once_and_rows_read_like_sqlite(pg_url: str) -> None:
    conn = open_postgres(pg_url)
    try:
        repo = PatientRepository(conn)
        pid = repo.create(
            NewPatient(name="Zoë O'Brien", birth_date=dt.date(1984, 3, 9), chart_number="A-9")
        )
        row = conn.execute("SELECT id, name FROM patients WHERE id = ?", (pid,)).fetchone()
        assert (row[0], row["name"], tuple(row)) == (pid, "Zoë O'Brien", (pid, "Zoë O'Brien"))
        assert repo.find_same("zoe o'brien", dt.date(1984, 3, 9), "a-9").id == pid
        assert [p.id for p in repo.search("zoe")] == [pid]
        assert [p.id for p in repo.search("a-9")] == [pid]
        assert [e.event for e in audit.entries(conn)] == ["patient_created"]
    finally:
        conn.close()
    again = open_postgres(pg_url)  # a second room: nothing to migrate
    try:
        version = again.execute("SELECT version FROM nmc_schema").fetchone()[0]
        assert version == SCHEMA_VERSION
        assert PatientRepository(again).count() == 1
    finally:
        again.close()


def test_chart_number_unique_ignoring_case(pg_url: str) -> None:
    from consult_app.storage.errors import DuplicateChartNumber

    conn = open_postgres(pg_url)
    try:
        repo = PatientRepository(conn)
        repo.create(NewPatient(name="A B", birth_date=dt.date(1990, 1, 1), chart_number="x-1"))
        with pytest.raises(DuplicateChartNumber):
            repo.create(NewPatient(name="C D", birth_date=dt.date(1991, 1, 1), chart_number="X-1"))
        with pytest.raises(sqlite3.IntegrityError):  # the index itself, past the app's check
            conn.execute(
                "INSERT INTO patients (name, search_key, birth_date, chart_number, created_at,"
                " updated_at) VALUES ('E', 'e', '1990-01-01', 'X-1', 'now', 'now')"
            )
    finally:
        conn.close()


def test_failed_transaction_rolls_back_everything(pg_url: str) -> None:
    conn = open_postgres(pg_url)
    try:
        with pytest.raises(RuntimeError), transaction(conn):
            PatientRepository(conn).create(NewPatient(name="Gone", birth_date=dt.date(1990, 1, 1)))
            raise RuntimeError
        assert not conn.in_transaction
        assert PatientRepository(conn).count() == 0
        assert audit.entries(conn) == []
    finally:
        conn.close()


def test_too_new_and_foreign_databases_are_refused(pg_server, pg_url: str) -> None:
    open_postgres(pg_url).close()
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute("UPDATE nmc_schema SET version = version + 1")
    with pytest.raises(StorageUnavailable) as info:
        open_postgres(pg_url)
    assert info.value.problem is StorageProblem.TOO_NEW
    foreign = pg_server.new_database()
    with psycopg.connect(foreign, autocommit=True) as raw:
        raw.execute("CREATE TABLE invoices (id integer)")
    with pytest.raises(StorageUnavailable) as info:
        open_postgres(foreign)
    assert info.value.problem is StorageProblem.CORRUPT
    with psycopg.connect(foreign, autocommit=True) as raw:  # untouched
        tables = raw.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        assert tables.fetchone()[0] == 1


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE consents SET decision = 'declined'",
        "DELETE FROM consents",
        "TRUNCATE consents CASCADE",
        "UPDATE consultations SET data = '{}' WHERE status = 'sealed'",
        "DELETE FROM consultations WHERE status = 'sealed'",
        "UPDATE audit_log SET detail = 'x'",
        "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)",
        "TRUNCATE audit_log",
        "UPDATE audit_issued SET seq = 0",
        "DELETE FROM documents",
    ],
)
def test_sealed_rows_are_immutable_in_the_database(
    pg_url: str, tmp_path: Path, statement: str
) -> None:
    _sealed(pg_url, tmp_path)
    with psycopg.connect(pg_url, autocommit=True) as raw:
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation) as info:
            raw.execute(statement)
        assert (
            "immutable" in str(info.value)
            or "append-only" in str(info.value)
            or ("never reused" in str(info.value))
        )
    assert _cli("verify", "--data-dir", str(tmp_path / "data"), "--database", pg_url)[0] == 0


def test_the_adapter_raises_sqlite3_integrity_error(pg_url: str, tmp_path: Path) -> None:
    _sealed(pg_url, tmp_path)
    conn = open_postgres(pg_url)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="sealed consent is immutable"):
            conn.execute("DELETE FROM consents")
    finally:
        conn.close()


def _as_owner_bypassing(pg_url: str, *statements: str) -> None:
    """What a superuser can still do: statements with every trigger off for the session."""
    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute("SET session_replication_role = replica")
        for statement in statements:
            raw.execute(statement)


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        (
            ["UPDATE consents SET canonical = canonical || '\\x20'::bytea"],
            "ALTERED consultation 1",
        ),
        (["DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)"], "audit log"),
        (["INSERT INTO vial_lots VALUES (99, 1, 'FAKE')"], "vial_lots rows"),
        (["DELETE FROM treatment_index"], "treatment_index rows"),
        (["ALTER TABLE consents DISABLE TRIGGER consents_no_update"], "turned off"),
        (["DROP TRIGGER consents_no_delete ON consents"], "consents_no_delete is missing"),
        (
            [
                "CREATE OR REPLACE FUNCTION nmc_refuse() RETURNS trigger LANGUAGE plpgsql"
                " AS $$ BEGIN RETURN NEW; END $$"
            ],
            "function nmc_refuse is not the app's",
        ),
        (
            [
                "CREATE FUNCTION evil() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW;"
                " END $$",
                "CREATE TRIGGER sneaky BEFORE INSERT ON consents FOR EACH ROW"
                " EXECUTE FUNCTION evil()",
            ],
            "trigger sneaky is not one of the app's",
        ),
    ],
)
def test_verify_catches_what_an_owner_did_behind_the_triggers(
    pg_url: str, tmp_path: Path, statements: list[str], expected: str
) -> None:
    _sealed(pg_url, tmp_path)
    _as_owner_bypassing(pg_url, *statements)
    code, out, err = _cli("verify", "--data-dir", str(tmp_path / "data"), "--database", pg_url)
    assert code == 6, out + err
    assert expected in out


def test_verify_reads_one_snapshot(pg_url: str, tmp_path: Path) -> None:
    """``BEGIN`` in ``verify`` is REPEATABLE READ on PostgreSQL: a commit meanwhile is unseen."""
    _sealed(pg_url, tmp_path)
    conn = open_postgres(pg_url)
    assert isinstance(conn, PgConnection)
    try:
        conn.execute("BEGIN")
        before = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        other = open_postgres(pg_url)
        PatientRepository(other).create(NewPatient(name="Late", birth_date=dt.date(1990, 1, 1)))
        other.close()
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
        level = conn.execute("SHOW transaction_isolation").fetchone()[0]
        assert level == "repeatable read"
        conn.execute("ROLLBACK")
    finally:
        conn.close()

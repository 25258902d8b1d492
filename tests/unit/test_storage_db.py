"""open_database: private files, pragmas, migrations, refusals (too new, corrupt, RO, locked)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from consult_app.storage import db as db_module
from consult_app.storage import migrations
from consult_app.storage.db import SCHEMA_VERSION, open_database, quick_check, transaction
from consult_app.storage.errors import StorageProblem, StorageUnavailable

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "db"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_memory_database_is_migrated() -> None:
    conn = open_database(":memory:")
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.row_factory is sqlite3.Row
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"patients", "settings", "consultations", "consents", "audit_log", "documents"} <= (
            tables
        )
    finally:
        conn.close()


def test_new_file_is_private_and_in_wal(tmp_path: Path) -> None:
    path = tmp_path / "data" / "nested" / "consult.sqlite3"
    old = os.umask(0o022)
    try:
        conn = open_database(path)
    finally:
        os.umask(old)
    try:
        with transaction(conn):
            conn.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
        assert mode(path.parent) == 0o700
        assert mode(path.parent.parent) == 0o700
        assert mode(path) == 0o600
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                assert mode(side) == 0o600
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
    finally:
        conn.close()


def test_reopen_keeps_data_and_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "consult.sqlite3"
    conn = open_database(path)
    with transaction(conn):
        conn.execute("INSERT INTO settings (key, value) VALUES ('k', 'v')")
    conn.close()
    conn = open_database(path)
    assert conn.execute("SELECT value FROM settings WHERE key='k'").fetchone()[0] == "v"
    conn.close()
    assert not list(tmp_path.glob("*.bak"))


def _make_db(path: Path, user_version: int, *, wal: bool = False) -> None:
    raw = sqlite3.connect(str(path))
    if wal:
        raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("CREATE TABLE t (x)")
    raw.execute("INSERT INTO t VALUES (1)")
    raw.execute(f"PRAGMA application_id = {migrations.APPLICATION_ID}")
    raw.execute(f"PRAGMA user_version = {user_version}")
    raw.commit()
    raw.close()


def test_too_new_database_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "consult.sqlite3"
    _make_db(path, SCHEMA_VERSION + 5)
    before = path.read_bytes()
    mtime = path.stat().st_mtime_ns
    with pytest.raises(StorageUnavailable) as info:
        open_database(path)
    assert info.value.problem is StorageProblem.TOO_NEW
    assert "newer version" in str(info.value)
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["consult.sqlite3"]


def test_garbage_file_is_corrupt_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "consult.sqlite3"
    garbage = os.urandom(8192)
    path.write_bytes(garbage)
    with pytest.raises(StorageUnavailable) as info:
        open_database(path)
    assert info.value.problem is StorageProblem.CORRUPT
    assert path.read_bytes() == garbage


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "consult.sqlite3"
    raw = sqlite3.connect(str(path))
    raw.execute("CREATE TABLE other (x)")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    with pytest.raises(StorageUnavailable) as info:
        open_database(path)
    assert info.value.problem is StorageProblem.CORRUPT
    assert path.read_bytes() == before


def test_overwritten_pages_fail_quick_check_and_stay_untouched(tmp_path: Path) -> None:
    path = tmp_path / "consult.sqlite3"
    conn = open_database(path)
    with transaction(conn):
        conn.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?)",
            [(f"k{i}", "x" * 200) for i in range(2000)],
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 20 * page
    data[10 * page : 12 * page] = os.urandom(2 * page)
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(StorageUnavailable) as info:
        open_database(path)
    assert info.value.problem is StorageProblem.CORRUPT
    assert path.read_bytes() == before


def test_quick_check_true_on_sound_database() -> None:
    conn = open_database(":memory:")
    assert quick_check(conn)
    conn.close()


def test_locked_database_fails_fast(tmp_path: Path) -> None:
    path = tmp_path / "consult.sqlite3"
    open_database(path).close()
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        start = time.monotonic()
        with pytest.raises(StorageUnavailable) as info:
            open_database(path, busy_timeout_ms=300)
        assert time.monotonic() - start < 5
        assert info.value.problem is StorageProblem.LOCKED
        assert "another program" in str(info.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_locked_database_default_timeout_is_short(tmp_path: Path) -> None:
    path = tmp_path / "consult.sqlite3"
    open_database(path).close()
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        start = time.monotonic()
        with pytest.raises(StorageUnavailable):
            open_database(path)
        assert time.monotonic() - start < 4
    finally:
        holder.execute("ROLLBACK")
        holder.close()


_READ_ONLY_SCRIPT = textwrap.dedent(
    """
    import sys
    from consult_app.storage.db import open_database
    from consult_app.storage.errors import StorageUnavailable
    try:
        open_database(sys.argv[1])
    except StorageUnavailable as exc:
        print(exc.problem.value)
        sys.exit(0)
    print("opened")
    sys.exit(1)
    """
)


def _run_without_privileges(db: Path) -> str:
    """Open in a child process; as root, drop the capabilities that bypass file modes."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file modes cannot be enforced")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner"]
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    result = subprocess.run(
        [*prefix, sys.executable, "-c", _READ_ONLY_SCRIPT, str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def test_read_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "consult.sqlite3"
    open_database(path).close()
    path.chmod(0o400)
    before = path.read_bytes()
    try:
        assert _run_without_privileges(path) == "read_only"
    finally:
        path.chmod(0o600)
    assert path.read_bytes() == before


def test_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o500)
    folder.chmod(0o500)
    try:
        assert _run_without_privileges(folder / "consult.sqlite3") == "read_only"
        assert not (folder / "consult.sqlite3").exists()
    finally:
        folder.chmod(0o700)


def test_read_only_error_while_writing_is_storage_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "consult.sqlite3"
    open_database(path).close()
    ro = sqlite3.connect(path.as_uri() + "?mode=ro", uri=True, isolation_level=None)
    try:
        with pytest.raises(StorageUnavailable) as info, transaction(ro):
            ro.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
        assert info.value.problem is StorageProblem.READ_ONLY
    finally:
        ro.close()


def test_migration_backs_up_first_and_runs_each_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "consult.sqlite3"
    conn = open_database(path)
    with transaction(conn):
        conn.execute("INSERT INTO settings (key, value) VALUES ('before', '1')")
    conn.close()
    before = path.read_bytes()  # checkpointed on close

    step = ("CREATE TABLE extra (x TEXT)", "INSERT INTO extra (x) VALUES ('v2')")
    monkeypatch.setattr(db_module, "MIGRATIONS", (*migrations.MIGRATIONS, step))
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    conn = open_database(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert conn.execute("SELECT x FROM extra").fetchone()[0] == "v2"
    finally:
        conn.close()
    backup = tmp_path / f"consult.sqlite3.v{SCHEMA_VERSION}.bak"
    assert backup.exists()
    assert mode(backup) == 0o600
    raw = sqlite3.connect(str(backup))
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert raw.execute("SELECT value FROM settings WHERE key='before'").fetchone()[0] == "1"
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    assert len(before) > 0


def test_failed_migration_step_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "consult.sqlite3"
    open_database(path).close()
    step = ("CREATE TABLE extra (x TEXT)", "INSERT INTO no_such_table VALUES (1)")
    monkeypatch.setattr(db_module, "MIGRATIONS", (*migrations.MIGRATIONS, step))
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        open_database(path)
    raw = sqlite3.connect(str(path))
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert raw.execute("SELECT count(*) FROM sqlite_master WHERE name='extra'").fetchone()[0] == 0
    raw.close()


def test_committed_v1_fixture_opens(tmp_path: Path) -> None:
    fixture = FIXTURES / "consult-v1.sqlite3"
    target = tmp_path / "consult.sqlite3"
    target.write_bytes(fixture.read_bytes())
    conn = open_database(target)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM patients").fetchone()[0] >= 1
    finally:
        conn.close()


def test_transaction_rolls_back_on_error() -> None:
    conn = open_database(":memory:")
    with pytest.raises(RuntimeError), transaction(conn):
        conn.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')")
        raise RuntimeError
    assert conn.execute("SELECT count(*) FROM settings").fetchone()[0] == 0
    with transaction(conn):
        conn.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        with pytest.raises(RuntimeError), transaction(conn):
            conn.execute("INSERT INTO settings (key, value) VALUES ('b', '2')")
            raise RuntimeError
    assert [r[0] for r in conn.execute("SELECT key FROM settings")] == ["a"]
    conn.close()

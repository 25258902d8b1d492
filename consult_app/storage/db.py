"""Open, check and migrate the database.

``open_database(path)`` is the one way to get a connection: ``row_factory = sqlite3.Row``, foreign
keys on, WAL journal, ``synchronous = NORMAL``, a short busy timeout (a locked database gives a
clear message, not a hang) and autocommit mode (``isolation_level=None``): every change runs in an
explicit ``transaction(conn)``.

Opening an existing file is careful: the file is first opened read-only to validate the header,
``user_version`` and (when ``check``) ``PRAGMA quick_check``; a corrupt, foreign or too-new
database is refused with ``StorageUnavailable`` and is never written, not even its header. Only
then is it opened for writing, probed for a lock or read-only storage with a rolled-back write,
copied to ``<name>.v<old>.bak`` when it needs migrating, and migrated step by step.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Final, TypeVar

from consult_app.storage._files import (
    SIDE_SUFFIXES,
    copy_database,
    create_private_file,
    ensure_private_dir,
    sweep_dead_temps,
    tighten,
)
from consult_app.storage.backend import Connection, is_postgres
from consult_app.storage.errors import (
    StorageProblem,
    StorageUnavailable,
    from_sqlite_error,
    storage_errors,
)
from consult_app.storage.migrations import (
    APPLICATION_ID,
    FUNCTIONS,
    MIGRATIONS,
    SCHEMA_VERSION,
)

__all__ = [
    "DEFAULT_BUSY_TIMEOUT_MS",
    "close_readonly",
    "SCHEMA_VERSION",
    "database_path",
    "now_iso",
    "open_database",
    "quick_check",
    "read_header",
    "transaction",
]

logger = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT_MS: Final = 2000
MEMORY: Final = ":memory:"
_HEADER_MAGIC: Final = b"SQLite format 3\x00"
_HEADER_SIZE: Final = 100
_savepoints = itertools.count(1)
C = TypeVar("C", bound=Connection)


def now_iso() -> str:
    """Return the current time as ISO-8601 UTC text with microseconds (``...+00:00``)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def database_path(conn: Connection) -> Path | None:
    """Return the file behind ``conn``'s main database, or None for an in-memory or server one."""
    if is_postgres(conn):
        return None
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main":
            return Path(row[2]) if row[2] else None
    return None


def read_header(path: Path) -> tuple[int, int] | None:
    """Read ``(user_version, application_id)`` from a database file's header.

    Returns:
        None for an empty file (a new database).

    Raises:
        StorageUnavailable: CORRUPT when the bytes are not an SQLite header.
        OSError: when the file cannot be read.
    """
    with path.open("rb") as fh:
        head = fh.read(_HEADER_SIZE)
    if not head:
        return None
    if len(head) < _HEADER_SIZE or not head.startswith(_HEADER_MAGIC):
        raise StorageUnavailable(StorageProblem.CORRUPT, path=path, detail="not an SQLite file")
    user_version = int.from_bytes(head[60:64], "big")
    application_id = int.from_bytes(head[68:72], "big")
    return user_version, application_id


@contextlib.contextmanager
def transaction(conn: C) -> Iterator[C]:
    """Run the block in one transaction (a savepoint when one is already open).

    The outermost level uses ``BEGIN IMMEDIATE`` so a writer waits for the lock up front. On any
    exception everything is rolled back; environment failures (disk full, read-only, locked)
    surface as ``StorageUnavailable`` with nothing committed lost.

    Raises:
        StorageUnavailable: when the storage fails.
    """
    with storage_errors(database_path_safe(conn), os_errors=False):
        if conn.in_transaction:
            name = f"sp_{next(_savepoints)}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
                raise
            conn.execute(f"RELEASE {name}")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def database_path_safe(conn: Connection) -> Path | None:
    """Like ``database_path`` but never raises (used while reporting another error)."""
    try:
        return database_path(conn)
    except sqlite3.Error:
        return None


def quick_check(conn: sqlite3.Connection) -> bool:
    """Run ``PRAGMA quick_check``; return True when the database is sound.

    Safe to run from a background thread on its own connection.

    Raises:
        StorageUnavailable: LOCKED when the check cannot get at the database.
    """
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        wrapped = from_sqlite_error(exc)
        if wrapped is not None and wrapped.problem is StorageProblem.LOCKED:
            raise wrapped from exc
        return False
    return len(rows) == 1 and rows[0][0] == "ok"


def open_database(
    path: Path | str,
    *,
    check: bool = True,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    readonly: bool = False,
) -> sqlite3.Connection:
    """Open (creating and migrating as needed) the database at ``path``.

    Args:
        path: the database file, or ``":memory:"``.
        check: run ``PRAGMA quick_check`` before using an existing file (the command line and
            ``--smoke-test`` do; the GUI passes False and runs ``quick_check`` in the background).
        busy_timeout_ms: how long to wait for another connection's lock.
        readonly: open an existing database for reading only (``verify``): nothing is created
            and nothing is written, except that a database of an older schema is migrated first.

    Returns:
        A connection in autocommit mode; use ``transaction(conn)`` for changes.

    Raises:
        StorageUnavailable: locked, read-only, corrupt, foreign, too new or disk full. The file
            is left untouched.
    """
    if str(path) == MEMORY:
        conn = _connect(MEMORY, busy_timeout_ms)
        _configure(conn, None)
        _migrate(conn, None)
        return conn

    path = Path(path)
    if readonly:
        return _open_readonly(path, check=check, busy_timeout_ms=busy_timeout_ms)
    with storage_errors(path):
        ensure_private_dir(path.parent)
        sweep_dead_temps(path.parent, f".{path.name}.", ".new")
        if not path.exists():
            if not os.access(path.parent, os.W_OK):
                raise StorageUnavailable(StorageProblem.READ_ONLY, path=path)
            _create_new(path, busy_timeout_ms)
        if path.stat().st_size == 0:
            # A new database is built aside and linked into place whole, so an empty file is
            # never ours: refused like a corrupt one, untouched (case-format 1.1).
            raise StorageUnavailable(StorageProblem.CORRUPT, path=path, detail="empty file")
        _validate_existing(path, check=check, busy_timeout_ms=busy_timeout_ms, write=True)
        conn = _connect(str(path), busy_timeout_ms)
    try:
        _probe_writable(conn, path)
        _configure(conn, path)
        _migrate(conn, path)
        tighten(path)
    except BaseException:
        conn.close()
        raise
    logger.info("database open, schema v%d", SCHEMA_VERSION)
    return conn


def _create_new(path: Path, busy_timeout_ms: int) -> None:
    """Build a new, migrated database beside ``path`` and link it into place atomically.

    Two processes creating the same database at once each build their own; the first link wins
    and the other copy is removed. A process killed half-way leaves only its own temporary file.
    """
    temp = path.with_name(f".{path.name}.{os.getpid()}.new")
    for suffix in ("", *SIDE_SUFFIXES):
        with contextlib.suppress(FileNotFoundError):
            temp.with_name(temp.name + suffix).unlink()
    create_private_file(temp)
    try:
        conn = _connect(str(temp), busy_timeout_ms)
        try:
            _configure(conn, temp)
            _migrate(conn, None)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        try:
            os.link(temp, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                temp.replace(path)
    finally:
        for suffix in ("", *SIDE_SUFFIXES):
            with contextlib.suppress(FileNotFoundError):
                temp.with_name(temp.name + suffix).unlink()


def _connect(target: str, busy_timeout_ms: int, *, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=busy_timeout_ms / 1000, isolation_level=None, uri=uri)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    return conn


def _open_readonly(path: Path, *, check: bool, busy_timeout_ms: int) -> sqlite3.Connection:
    with storage_errors(path):
        if not path.is_file() or path.stat().st_size == 0:
            raise StorageUnavailable(
                StorageProblem.CANNOT_OPEN, path=path, detail="no database in this data folder"
            )
        version = _validate_existing(path, check=check, busy_timeout_ms=busy_timeout_ms)
    if version < SCHEMA_VERSION:
        open_database(path, check=False, busy_timeout_ms=busy_timeout_ms).close()
    if os.access(path, os.R_OK | os.W_OK) and os.access(path.parent, os.W_OK):
        # A writable connection that never writes: when it closes, SQLite removes the -wal and
        # -shm files it found or made, so checking a file leaves nothing beside it.
        conn = _connect(str(path), busy_timeout_ms)
    else:
        before = {s for s in ("-wal", "-shm") if path.with_name(path.name + s).exists()}
        conn = _connect(readonly_uri(path), busy_timeout_ms, uri=True)
        _cleanups[id(conn)] = (path, before)
    with storage_errors(path):
        conn.execute("PRAGMA query_only = ON")
    return conn


_cleanups: dict[int, tuple[Path, set[str]]] = {}


def close_readonly(conn: sqlite3.Connection) -> None:
    """Close a connection from ``open_database(readonly=True)``, leaving no side files.

    A read-only connection to a file it cannot write may create ``-wal`` and ``-shm`` beside it;
    they are removed when empty and not there before.
    """
    conn.close()
    found = _cleanups.pop(id(conn), None)
    if found is None:
        return
    path, before = found
    wal = path.with_name(path.name + "-wal")
    with contextlib.suppress(OSError):
        if "-wal" not in before and wal.exists() and wal.stat().st_size == 0:
            wal.unlink()
            if "-shm" not in before:
                path.with_name(path.name + "-shm").unlink()


def readonly_uri(path: Path) -> str:
    """The URI to read ``path`` without writing anything beside it.

    In a folder no one can write, with no ``-wal`` file, the file cannot change while it is read,
    so it is opened ``immutable`` (SQLite could not create the ``-shm`` it needs otherwise).
    """
    uri = path.resolve().as_uri() + "?mode=ro"
    wal = path.with_name(path.name + "-wal")
    if not os.access(path.parent, os.W_OK) and not wal.exists():
        uri += "&immutable=1"
    return uri


def _validate_existing(
    path: Path, *, check: bool, busy_timeout_ms: int, write: bool = False
) -> int:
    """Validate an existing file through a read-only connection; raise if it must be refused.

    Returns:
        The file's schema version.
    """
    header = read_header(path)
    if header is not None:
        _, application_id = header
        if application_id not in (0, APPLICATION_ID):
            raise StorageUnavailable(
                StorageProblem.CORRUPT, path=path, detail="not a Neuromodulator Consult database"
            )
    if write and (not os.access(path, os.R_OK | os.W_OK) or not os.access(path.parent, os.W_OK)):
        raise StorageUnavailable(StorageProblem.READ_ONLY, path=path)
    probe = _connect(readonly_uri(path), busy_timeout_ms, uri=True)
    try:
        with storage_errors(path):
            version = int(probe.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise StorageUnavailable(
                    StorageProblem.TOO_NEW,
                    path=path,
                    detail=f"schema v{version}, this app knows v{SCHEMA_VERSION}",
                )
            if version == 0:
                foreign = probe.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                if foreign:
                    raise StorageUnavailable(
                        StorageProblem.CORRUPT,
                        path=path,
                        detail="not a Neuromodulator Consult database",
                    )
            if check and not quick_check(probe):
                raise StorageUnavailable(
                    StorageProblem.CORRUPT, path=path, detail="quick_check failed"
                )
    finally:
        probe.close()
    return version


def _probe_writable(conn: sqlite3.Connection, path: Path) -> None:
    """Take the write lock and make a rolled-back write: reveals a lock or read-only storage."""
    with storage_errors(path):
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(f"PRAGMA user_version = {version}")
        finally:
            conn.execute("ROLLBACK")


def _configure(conn: sqlite3.Connection, path: Path | None) -> None:
    with storage_errors(path):
        conn.execute("PRAGMA foreign_keys = ON")
        if path is not None:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StorageUnavailable(
                    StorageProblem.READ_ONLY, path=path, detail=f"journal mode {mode}"
                )
        conn.execute("PRAGMA synchronous = NORMAL")


def _migrate(conn: sqlite3.Connection, path: Path | None) -> None:
    """Bring the schema to ``SCHEMA_VERSION``, one transaction per step."""
    with storage_errors(path):
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:  # raced with a newer app since validation
        raise StorageUnavailable(StorageProblem.TOO_NEW, path=path)
    if version == SCHEMA_VERSION:
        return
    if path is not None and version > 0:
        _backup_before_migration(conn, path, version)
    for name, (n_args, function) in FUNCTIONS.items():
        conn.create_function(name, n_args, function, deterministic=True)
    for index in range(version, SCHEMA_VERSION):
        with transaction(conn):
            # Another process may have migrated while this one waited for the write lock.
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) > index:
                continue
            for statement in MIGRATIONS[index]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {index + 1}")
        logger.info("migrated database schema v%d -> v%d", index, index + 1)


def _backup_before_migration(conn: sqlite3.Connection, path: Path, version: int) -> None:
    target = path.with_name(f"{path.name}.v{version}.bak")
    if target.exists():
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
        target = path.with_name(f"{path.name}.v{version}.{stamp}.bak")
    with storage_errors(path):
        copy_database(conn, target)
    logger.info("copied schema v%d database to %s before migrating", version, target.name)

"""Backups with the sqlite3 backup API, automatic rotation, and a careful restore.

- ``backup_to(conn, target)``: a consistent copy of the live database (0600), written to a
  temporary file beside ``target`` and renamed into place, so a failed backup never leaves a
  half file.
- ``auto_backup(conn, backups_dir, keep=14, max_age=1 day)``: at startup, when the newest backup
  in ``backups_dir`` (``backups/`` in the data folder, or a folder the clinic set: another disk, a
  network share) is older than ``max_age``, writes ``consult-<UTC time>.sqlite3`` and deletes the
  oldest beyond ``keep``. Only files named that way are ever deleted.
- ``check_backup(source)``: header, application id, schema version (not newer than this app) and
  full ``PRAGMA integrity_check``, read-only.
- ``restore(source, db_path)``: checks ``source`` first, refuses while another program holds the
  database, keeps the current database byte-for-byte as ``<name>.before-restore-<time>.bak`` (with
  its ``-wal``), then replaces it and records ``database_restored`` in the restored audit log.
- ``newest_good_backup(backups_dir)``: what to offer when the database is corrupt.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
import re
import shutil
import sqlite3
from pathlib import Path
from typing import Final

from consult_app.storage import audit
from consult_app.storage._files import (
    FILE_MODE,
    SIDE_SUFFIXES,
    copy_database,
    ensure_private_dir,
)
from consult_app.storage.db import (
    DEFAULT_BUSY_TIMEOUT_MS,
    open_database,
    read_header,
    transaction,
)
from consult_app.storage.errors import (
    StorageProblem,
    StorageUnavailable,
    from_sqlite_error,
    storage_errors,
)
from consult_app.storage.migrations import APPLICATION_ID, SCHEMA_VERSION

__all__ = [
    "DEFAULT_KEEP",
    "DEFAULT_MAX_AGE",
    "auto_backup",
    "backup_to",
    "check_backup",
    "list_backups",
    "newest_good_backup",
    "restore",
]

logger = logging.getLogger(__name__)

DEFAULT_KEEP: Final = 14
DEFAULT_MAX_AGE: Final = dt.timedelta(days=1)
_NAME: Final = re.compile(r"consult-(\d{8}T\d{6}(?:\d{6})?)Z\.sqlite3")


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%f")


def backup_to(conn: sqlite3.Connection, target: Path | str) -> Path:
    """Copy the live database to ``target`` (replaced if it exists), mode 0600.

    Returns:
        The path written.

    Raises:
        StorageUnavailable: the target cannot be written (read-only, disk full) or the database
            cannot be read.
        IsADirectoryError: ``target`` is a folder.
    """
    target = Path(target)
    if target.is_dir():
        raise IsADirectoryError(str(target))
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with storage_errors(target):
        ensure_private_dir(target.parent)
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        try:
            copy_database(conn, temp)
            with temp.open("rb") as fh:
                os.fsync(fh.fileno())
            temp.replace(target)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        target.chmod(FILE_MODE)
    logger.info("database backed up to %s", target.name)
    return target


def list_backups(backups_dir: Path) -> list[Path]:
    """Return the automatic backups in ``backups_dir``, oldest first."""
    if not backups_dir.is_dir():
        return []
    found = [p for p in backups_dir.iterdir() if _NAME.fullmatch(p.name) and p.is_file()]
    return sorted(found, key=lambda p: p.name)


def _backup_time(path: Path) -> dt.datetime:
    match = _NAME.fullmatch(path.name)
    assert match is not None
    text = match.group(1)
    fmt = "%Y%m%dT%H%M%S%f" if len(text) > 15 else "%Y%m%dT%H%M%S"
    return dt.datetime.strptime(text, fmt).replace(tzinfo=dt.UTC)


def auto_backup(
    conn: sqlite3.Connection,
    backups_dir: Path,
    *,
    keep: int = DEFAULT_KEEP,
    max_age: dt.timedelta = DEFAULT_MAX_AGE,
    now: dt.datetime | None = None,
) -> Path | None:
    """Back up when the newest backup is older than ``max_age``; keep the newest ``keep``.

    Args:
        conn: the open database.
        backups_dir: where backups go (created 0700).
        keep: how many automatic backups to keep (at least 1).
        max_age: back up when the newest is at least this old.
        now: the current time (tests).

    Returns:
        The new backup, or None when a recent one exists.

    Raises:
        StorageUnavailable: the backup folder cannot be written.
    """
    now = now or dt.datetime.now(dt.UTC)
    existing = list_backups(backups_dir)
    if existing:
        newest = _backup_time(existing[-1])
        if dt.timedelta(0) <= now - newest < max_age:
            return None
    target = backups_dir / f"consult-{_stamp(now)}Z.sqlite3"
    backup_to(conn, target)
    for old in list_backups(backups_dir)[: -max(1, keep)]:
        with contextlib.suppress(OSError):
            old.unlink()
            logger.info("removed old backup %s", old.name)
    return target


def check_backup(source: Path | str) -> int:
    """Check that ``source`` is a sound database this app can open; return its schema version.

    Raises:
        FileNotFoundError: no such file.
        StorageUnavailable: CORRUPT (not ours, damaged) or TOO_NEW; the file is not changed.
    """
    source = Path(source)
    if not source.is_file():
        raise FileNotFoundError(str(source))
    with storage_errors(source):
        header = read_header(source)
        if header is None:
            raise StorageUnavailable(StorageProblem.CORRUPT, path=source, detail="empty file")
        version, application_id = header
        if application_id != APPLICATION_ID:
            raise StorageUnavailable(
                StorageProblem.CORRUPT,
                path=source,
                detail="not a Neuromodulator Consult database",
            )
        if version > SCHEMA_VERSION:
            raise StorageUnavailable(StorageProblem.TOO_NEW, path=source)
        conn = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    if len(rows) != 1 or rows[0][0] != "ok":
        raise StorageUnavailable(
            StorageProblem.CORRUPT, path=source, detail="integrity_check failed"
        )
    if version > SCHEMA_VERSION:
        raise StorageUnavailable(StorageProblem.TOO_NEW, path=source)
    return version


def newest_good_backup(backups_dir: Path) -> Path | None:
    """Return the newest automatic backup that passes ``check_backup``, or None."""
    for candidate in reversed(list_backups(backups_dir)):
        try:
            check_backup(candidate)
        except (StorageUnavailable, OSError):
            logger.warning("backup %s fails its check", candidate.name)
            continue
        return candidate
    return None


def _refuse_if_in_use(db_path: Path, busy_timeout_ms: int) -> None:
    """Raise LOCKED when another connection holds the database's write lock."""
    conn = sqlite3.connect(str(db_path), timeout=busy_timeout_ms / 1000, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        wrapped = from_sqlite_error(exc, db_path)
        if wrapped is not None and wrapped.problem is StorageProblem.LOCKED:
            raise wrapped from exc
        # A damaged current database cannot be locked; it is kept as it is below.
    finally:
        conn.close()


def restore(
    source: Path | str, db_path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> Path | None:
    """Replace the database at ``db_path`` with the backup ``source``.

    Args:
        source: a backup file (checked first; never modified).
        db_path: the database to replace (it may be missing or corrupt).
        busy_timeout_ms: how long to wait for another program's lock.

    Returns:
        Where the previous database was kept, or None when there was none.

    Raises:
        FileNotFoundError: ``source`` does not exist.
        StorageUnavailable: ``source`` is corrupt or too new (nothing changed), the database is
            in use (nothing changed), or the data folder cannot be written.
    """
    source = Path(source)
    check_backup(source)
    source_sha = hashlib.sha256(source.read_bytes()).hexdigest()
    saved: Path | None = None
    with storage_errors(db_path):
        ensure_private_dir(db_path.parent)
        if db_path.exists():
            _refuse_if_in_use(db_path, busy_timeout_ms)
            stamp = _stamp(dt.datetime.now(dt.UTC))
            saved = db_path.with_name(f"{db_path.name}.before-restore-{stamp}.bak")
            shutil.copyfile(db_path, saved)
            saved.chmod(FILE_MODE)
            wal = db_path.with_name(db_path.name + "-wal")
            if wal.exists():
                saved_wal = saved.with_name(saved.name + "-wal")
                shutil.copyfile(wal, saved_wal)
                saved_wal.chmod(FILE_MODE)
        temp = db_path.with_name(f".{db_path.name}.restore.tmp")
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            copy_database(src, temp)
        finally:
            src.close()
        for suffix in SIDE_SUFFIXES:
            with contextlib.suppress(FileNotFoundError):
                db_path.with_name(db_path.name + suffix).unlink()
        temp.replace(db_path)
    conn = open_database(db_path, check=False, busy_timeout_ms=busy_timeout_ms)
    try:
        with transaction(conn):
            audit.append(conn, "database_restored", detail=source_sha)
    finally:
        conn.close()
    logger.info("database restored from %s", source.name)
    return saved

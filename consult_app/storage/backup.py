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
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from consult_app.storage import anchors, audit
from consult_app.storage._files import (
    FILE_MODE,
    SIDE_SUFFIXES,
    copy_database,
    ensure_private_dir,
    sweep_dead_temps,
)
from consult_app.storage.backend import Connection
from consult_app.storage.db import (
    DEFAULT_BUSY_TIMEOUT_MS,
    database_path,
    open_database,
    read_header,
    readonly_uri,
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
    "BackupAltered",
    "BackupInfo",
    "RestoreResult",
    "backup_files",
    "backup_folders",
    "restore_newest",
    "verify_backup",
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


def backup_to(conn: Connection, target: Path | str) -> Path:
    """Copy the live database to ``target`` (replaced if it exists), mode 0600.

    The chain head is appended to ``audit-anchors.jsonl`` beside it (``storage.anchors``).

    Returns:
        The path written.

    Raises:
        StorageUnavailable: the target cannot be written (read-only, disk full) or the database
            cannot be read; the message names the target.
        IsADirectoryError: ``target`` is a folder.
    """
    if not isinstance(conn, sqlite3.Connection):
        raise TypeError("a PostgreSQL database is backed up with pg_dump (storage.pg_backup)")
    target = Path(target)
    if target.is_dir():
        raise IsADirectoryError(str(target))
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with storage_errors(target):
            ensure_private_dir(target.parent)
            sweep_dead_temps(target.parent, f".{target.name}.", ".tmp")
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
    except StorageUnavailable as exc:
        raise _target_problem(exc, target) from exc
    _anchor(conn, target.parent)
    logger.info("database backed up to %s", target.name)
    return target


def _target_problem(exc: StorageUnavailable, target: Path) -> StorageUnavailable:
    if exc.problem is StorageProblem.DISK_FULL:
        text = f"The backup could not be written to {target}: the disk is full."
    else:
        reason = f" ({exc.detail})" if exc.detail else ""
        text = f"The backup cannot be written to {target}{reason}. Choose another place."
    return StorageUnavailable(exc.problem, text)


def _anchor(conn: Connection, folder: Path, *, base_seq: int | None = None) -> None:
    """Append the chain head to ``folder``'s anchor file (a failure is logged, not fatal)."""
    try:
        head = audit.head(conn)
        root = conn.execute("SELECT hash FROM audit_log ORDER BY seq LIMIT 1").fetchone()
        key = anchors.audit_key(database_path(conn))
        written = anchors.append_anchor(
            folder, head, key, root=str(root[0]) if root else None, base_seq=base_seq
        )
        if written is not None:
            anchors.remember_folder(database_path(conn), folder)
    except (OSError, sqlite3.Error):
        logger.warning("the audit chain head could not be written beside the backup")


def backup_files(backups_dir: Path) -> list[Path]:
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
    conn: Connection,
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
    existing = backup_files(backups_dir)
    if existing:
        newest = _backup_time(existing[-1])
        if dt.timedelta(0) <= now - newest < max_age:
            return None
    target = backups_dir / f"consult-{_stamp(now)}Z.sqlite3"
    backup_to(conn, target)
    for old in backup_files(backups_dir)[: -max(1, keep)]:
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
    try:
        with source.open("rb"):
            pass
    except OSError as exc:
        raise StorageUnavailable(
            StorageProblem.CANNOT_OPEN,
            f"The backup {source} cannot be read ({exc.strerror or exc}).",
        ) from None
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
        conn = sqlite3.connect(readonly_uri(source), uri=True)
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
    for candidate in reversed(backup_files(backups_dir)):
        try:
            check_backup(candidate)
        except (StorageUnavailable, OSError):
            logger.warning("backup %s fails its check", candidate.name)
            continue
        return candidate
    return None


class BackupAltered(Exception):  # noqa: N818 - reads as a domain fact
    """A backup whose seals or audit chain were altered (``verify`` exit 6); never restored.

    Attributes:
        problems: what ``verify`` found.
    """

    def __init__(self, source: Path, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        first = problems[0] if problems else "altered"
        super().__init__(f"The backup {source} was altered and was not restored: {first}")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup in the backup folder, as a recovery dialog lists it.

    Attributes:
        path: the file.
        taken_at: when it was written (UTC, from its name).
        size: its size in bytes.
        verifies: True when it is sound and ``verify`` finds nothing altered in it.
        problem: why it does not verify ("" when it does).
    """

    path: Path
    taken_at: dt.datetime
    size: int
    verifies: bool
    problem: str = ""


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore did.

    Attributes:
        source: the backup restored.
        kept_as: where the replaced database file was kept (None: there was none).
        skipped: newer backups that did not verify, with why (``restore_newest``).
    """

    source: Path
    kept_as: Path | None
    skipped: tuple[tuple[Path, str], ...] = ()


def backup_folders(data_dir: Path, conn: Connection | None = None) -> list[Path]:
    """Return the backup folders of a data folder: ``DATA/backups``, then the clinic's own.

    The clinic's folder (``backup_dir`` in the app's settings or ``clinic.toml``; relative to the
    data folder) is read from ``conn`` when given, else from ``clinic.toml`` alone.
    """
    from consult_app.core.settings import SettingsError, parse_clinic_toml_values
    from consult_app.storage.settings import SettingsRepository

    folders = [data_dir / "backups"]
    configured: object = None
    try:
        if conn is not None:
            configured = SettingsRepository(conn).effective(data_dir / "clinic.toml").backup_dir
        else:
            text = (data_dir / "clinic.toml").read_text(encoding="utf-8")
            configured = parse_clinic_toml_values(text).get("backup_dir")
    except (SettingsError, StorageUnavailable, sqlite3.Error, OSError, UnicodeDecodeError):
        configured = None
    if isinstance(configured, str) and configured.strip():
        folder = data_dir / Path(configured).expanduser()
        if folder not in folders:
            folders.append(folder)
    return folders


def verify_backup(source: Path, db_path: Path | None = None) -> None:
    """Check a backup like ``verify`` before anything is replaced.

    Args:
        source: the backup file.
        db_path: the live database it would replace (its keyring key also keys the backup).

    Raises:
        FileNotFoundError: no such file.
        StorageUnavailable: unreadable, corrupt or too new (exit 8).
        BackupAltered: something sealed or audited in it was altered (exit 6).
    """
    from consult_app.storage.verify import verify  # verify imports the whole storage layer

    version = check_backup(source)
    if version < SCHEMA_VERSION:
        return  # an older schema cannot be read with this app's checks; quick_check passed
    conn = sqlite3.connect(readonly_uri(source), uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        with storage_errors(source):
            report = verify(
                conn,
                key=anchors.audit_key(db_path) if db_path is not None else None,
                keyring_checked=db_path is not None,
            )
    finally:
        conn.close()
    if not report.ok:
        raise BackupAltered(source, report.problems)


def list_backups(backups_dir: Path, db_path: Path | None = None) -> list[BackupInfo]:
    """Return the automatic backups in ``backups_dir``, newest first, each verified.

    Args:
        backups_dir: the clinic's backup folder (``DATA/backups`` by default).
        db_path: the live database (its keyring key checks the backups' chains too).
    """
    found = []
    for path in reversed(backup_files(backups_dir)):
        problem = ""
        try:
            verify_backup(path, db_path)
            size = path.stat().st_size
        except (StorageUnavailable, BackupAltered) as exc:
            problem = str(exc).splitlines()[0]
            size = path.stat().st_size if path.exists() else 0
        except OSError as exc:
            problem, size = exc.strerror or str(exc), 0
        found.append(BackupInfo(path, _backup_time(path), size, not problem, problem))
    return found


def restore_newest(
    backups_dir: Path, db_path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> RestoreResult:
    """Restore the newest backup in ``backups_dir`` that verifies (the GUI's recovery dialog).

    The replaced database file is kept in the data folder (never deleted).

    Raises:
        StorageUnavailable: no backup verifies (CORRUPT), the database is in use (LOCKED), or
            the data folder cannot be written; nothing is changed then.
    """
    skipped: list[tuple[Path, str]] = []
    for info in list_backups(backups_dir, db_path):
        if not info.verifies:
            skipped.append((info.path, info.problem))
            continue
        kept = restore(info.path, db_path, busy_timeout_ms=busy_timeout_ms)
        return RestoreResult(info.path, kept, tuple(skipped))
    where = f"in {backups_dir}" if backups_dir.is_dir() else f"({backups_dir} does not exist)"
    raise StorageUnavailable(
        StorageProblem.CORRUPT,
        f"No sound backup was found {where}: nothing was restored and the database was not "
        "changed.",
    )


def _lock_exclusively(db_path: Path, busy_timeout_ms: int) -> Connection | None:
    """Take the database's exclusive lock; raise LOCKED while any other process has it open.

    Every connection of this app holds a shared lock on the WAL index for as long as it is
    open, so an exclusive lock is granted only when no other process has the file open (even
    idle). The returned connection holds the lock until it is closed.
    """
    conn = sqlite3.connect(str(db_path), timeout=busy_timeout_ms / 1000, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.close()
        wrapped = from_sqlite_error(exc, db_path)
        if wrapped is not None and wrapped.problem is StorageProblem.LOCKED:
            raise StorageUnavailable(
                StorageProblem.LOCKED,
                "The database is open in another program (Neuromodulator Consult or a "
                "'consult-app' command). Close it, then restore again. Nothing was changed.",
                path=db_path,
            ) from exc
        return None  # a damaged current database cannot be locked; it is kept as it is
    return conn


def restore(
    source: Path | str, db_path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
) -> Path | None:
    """Replace the database at ``db_path`` with the backup ``source``.

    Args:
        source: a backup file (verified first; never modified).
        db_path: the database to replace (it may be missing or corrupt).
        busy_timeout_ms: how long to wait for another program's lock.

    Returns:
        Where the previous database was kept, or None when there was none.

    Raises:
        FileNotFoundError: ``source`` does not exist.
        BackupAltered: ``source`` was altered (nothing changed).
        StorageUnavailable: ``source`` is unreadable, corrupt or too new, the database is open
            in another process, or the data folder cannot be written (nothing changed).
    """
    source = Path(source)
    verify_backup(source, db_path)
    source_sha = hashlib.sha256(source.read_bytes()).hexdigest()
    saved: Path | None = None
    lock: Connection | None = None
    with storage_errors(db_path):
        ensure_private_dir(db_path.parent)
        if not os.access(db_path.parent, os.W_OK):
            raise StorageUnavailable(StorageProblem.READ_ONLY, path=db_path)
        temp = db_path.with_name(f".{db_path.name}.{os.getpid()}.restore")
        sweep_dead_temps(db_path.parent, f".{db_path.name}.", ".restore")
        try:
            if db_path.exists():
                lock = _lock_exclusively(db_path, busy_timeout_ms)
                stamp = _stamp(dt.datetime.now(dt.UTC))
                saved = db_path.with_name(f"{db_path.name}.before-restore-{stamp}.bak")
                shutil.copyfile(db_path, saved)
                saved.chmod(FILE_MODE)
                wal = db_path.with_name(db_path.name + "-wal")
                if wal.exists():
                    saved_wal = saved.with_name(saved.name + "-wal")
                    shutil.copyfile(wal, saved_wal)
                    saved_wal.chmod(FILE_MODE)
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
            src = sqlite3.connect(readonly_uri(source), uri=True)
            try:
                copy_database(src, temp)
            finally:
                src.close()
            if lock is not None:
                lock.close()
                lock = None
            for suffix in SIDE_SUFFIXES:
                with contextlib.suppress(FileNotFoundError):
                    db_path.with_name(db_path.name + suffix).unlink()
            temp.replace(db_path)
        finally:
            if lock is not None:
                lock.close()
            with contextlib.suppress(OSError):
                temp.unlink()
    anchors.forget_cached_keys()
    conn = open_database(db_path, check=False, busy_timeout_ms=busy_timeout_ms)
    try:
        before = audit.head(conn)
        with transaction(conn):
            audit.append(conn, "database_restored", detail=source_sha)
        base = before[0] if before else 0
        # the restore line goes wherever anchors of the replaced history may be, so none of
        # them is later held against the restored chain
        folders = [
            db_path.parent / "backups",
            source.parent,
            *backup_folders(db_path.parent, conn),
            *anchors.remembered_folders(db_path),
        ]
        seen: set[Path] = set()
        for folder in folders:
            where = folder.resolve()
            if where in seen:
                continue
            seen.add(where)
            if folder == db_path.parent / "backups":
                with contextlib.suppress(OSError):
                    ensure_private_dir(folder)
            if folder.is_dir():
                _anchor(conn, folder, base_seq=base)
    finally:
        conn.close()
    logger.info("database restored from %s", source.name)
    return saved

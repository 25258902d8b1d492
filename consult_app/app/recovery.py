"""Recovery from a damaged database in one step (issue 25): what the recovery dialog drives.

``Recovery(paths)`` lists the backups of the clinic's backup folders (date, size, whether each
verifies) and ``restore_newest()`` restores the newest one that verifies through
``storage.backup.restore`` (which keeps the replaced, damaged file aside in the data folder, never
deleting it), then verifies the restored database (``PRAGMA quick_check`` and ``verify``) and
reads what was lost from the damaged file (``storage.recovery.what_was_lost``).

Backups are listed and restored with ``storage.backup.list_backups`` / ``restore_newest`` when
they return backup descriptions (the ``sealing`` work, issue 14); until then with the thin
equivalents below (same names, integrity check only: ``check_backup``).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consult_app.app.paths import AppPaths
from consult_app.storage import backup as storage_backup
from consult_app.storage.errors import StorageProblem, StorageUnavailable
from consult_app.storage.recovery import LostReport, what_was_lost

__all__ = ["BackupInfo", "Recovery", "RecoveryOutcome", "backup_files", "list_backups"]

logger = logging.getLogger(__name__)
_NAME = re.compile(r"consult-(\d{8}T\d{6}(?:\d{6})?)Z\.sqlite3")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup as the dialog lists it (the fields of ``storage.backup.BackupInfo``)."""

    path: Path
    taken_at: dt.datetime
    size: int
    verifies: bool
    problem: str = ""


@dataclass(frozen=True, slots=True)
class RecoveryOutcome:
    """What ``restore_newest`` did.

    Attributes:
        source: the backup restored.
        taken_at: when that backup was written (UTC).
        kept_as: where the damaged database file was kept (None: there was none).
        verified: the restored database passed its checks.
        verify_note: what the check found ("" when all is well).
        lost: what the damaged file holds that the restored database does not.
    """

    source: Path
    taken_at: dt.datetime
    kept_as: Path | None
    verified: bool
    verify_note: str
    lost: LostReport


def _taken_at(path: Path) -> dt.datetime:
    match = _NAME.fullmatch(path.name)
    if match is None:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    text = match.group(1)
    fmt = "%Y%m%dT%H%M%S%f" if len(text) > 15 else "%Y%m%dT%H%M%S"
    return dt.datetime.strptime(text, fmt).replace(tzinfo=dt.UTC)


def backup_files(folder: Path) -> list[Path]:
    """The backup files in ``folder``, oldest first (not checked)."""
    files = getattr(storage_backup, "backup_files", None)
    if callable(files):
        return list(files(folder))
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _NAME.fullmatch(p.name) and p.is_file())


def list_backups(folder: Path, db_path: Path | None = None) -> list[BackupInfo]:
    """The backups in ``folder``, newest first, each checked (``storage.backup`` when it can)."""
    native: Any = storage_backup.list_backups
    if hasattr(storage_backup, "restore_newest"):
        return [
            BackupInfo(i.path, i.taken_at, i.size, i.verifies, i.problem)
            for i in native(folder, db_path)
        ]
    found = []
    for path in reversed(backup_files(folder)):
        problem = ""
        try:
            storage_backup.check_backup(path)
        except StorageUnavailable as exc:
            problem = str(exc).splitlines()[0]
        except OSError as exc:
            problem = exc.strerror or str(exc)
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        found.append(BackupInfo(path, _taken_at(path), size, not problem, problem))
    return found


class Recovery:
    """The recovery dialog's source: backups of the data folder and the one-step restore."""

    def __init__(
        self, paths: AppPaths, problem: str, backup_dirs: list[Path] | None = None
    ) -> None:
        self.paths = paths
        #: why the database needs recovering (the ``StorageUnavailable`` message)
        self.problem = problem
        self.backup_dirs = backup_dirs or _backup_dirs(paths)
        #: called just before the database file is replaced (the GUI closes its connection)
        self.before_restore: Callable[[], None] | None = None

    def backups(self) -> list[BackupInfo]:
        """Every backup of the backup folders, newest first, with whether it verifies."""
        found: list[BackupInfo] = []
        for folder in self.backup_dirs:
            found += list_backups(folder, self.paths.database)
        return sorted(found, key=lambda b: b.taken_at, reverse=True)

    def restore_newest(self) -> RecoveryOutcome:
        """Restore the newest backup that verifies; keep the damaged file aside; verify.

        Raises:
            StorageUnavailable: no backup verifies, or the database is in use or cannot be
                written; nothing was changed then.
        """
        sound = [b for b in self.backups() if b.verifies]
        if not sound:
            raise StorageUnavailable(
                StorageProblem.CORRUPT,
                path=self.paths.database,
                detail="no backup that verifies was found; nothing was changed",
            )
        chosen = sound[0]
        if self.before_restore is not None:
            self.before_restore()
        kept = _restore(chosen.path, self.paths.database)
        verified, note = _verify(self.paths.database)
        lost = what_was_lost(kept, self.paths.database, chosen.taken_at, self.backup_dirs)
        logger.info("restored the newest sound backup %s", chosen.path.name)
        return RecoveryOutcome(chosen.path, chosen.taken_at, kept, verified, note, lost)


def _restore(source: Path, db_path: Path) -> Path | None:
    restore: Any = storage_backup.restore
    try:
        return restore(source, db_path)  # type: ignore[no-any-return]
    except (StorageUnavailable, OSError):
        raise
    except Exception as exc:  # e.g. an altered backup (verify exit 6): nothing was restored
        raise StorageUnavailable(StorageProblem.CORRUPT, path=source, detail=str(exc)) from exc


def _verify(db_path: Path) -> tuple[bool, str]:
    from consult_app.storage.db import open_database
    from consult_app.storage.verify import verify

    try:
        conn = open_database(db_path, readonly=True, check=True)
    except StorageUnavailable as exc:
        return False, str(exc)
    try:
        report = verify(conn)
    except sqlite3.Error as exc:
        return False, str(exc)
    finally:
        conn.close()
    return report.ok, "; ".join(report.problems[:3])


def _backup_dirs(paths: AppPaths) -> list[Path]:
    """``DATA/backups``, then the clinic's own backup folder from ``clinic.toml`` if set."""
    folders = [paths.backups]
    try:
        from consult_app.core.settings import parse_clinic_toml_values

        text = paths.clinic_toml.read_text(encoding="utf-8")
        configured = parse_clinic_toml_values(text).get("backup_dir")
    except Exception:  # noqa: BLE001 - no or bad clinic.toml: the default folder only
        configured = None
    if isinstance(configured, str) and configured.strip():
        folder = paths.data / Path(configured).expanduser()
        if folder not in folders:
            folders.append(folder)
    return folders

"""The GUI's side of recovering a damaged database (issue 25): when to offer it and the dialog.

``open_checked`` opens the database and reads what the window reads first (damaged pages there
made the app crash); a damaged database then offers ``recover``, the recovery dialog
(``ui.dialogs.recover_dialog``) over ``app.recovery.Recovery``. The background integrity check
offers the same dialog once the window is up (``gui._Startup``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def drop_pending_quit(app: Any) -> None:
    """Forget a quit still queued from an event loop that ended (it would end the next one)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    if app is not None:
        QCoreApplication.removePostedEvents(app, QEvent.Type.Quit)


def probe_startup_reads(conn: Any, path: Path) -> None:
    """Read what the window reads first; damaged pages there mean a corrupt database.

    Raises:
        StorageUnavailable: CORRUPT (``conn`` is closed then), or what the error says.
    """
    import sqlite3

    from consult_app.storage.errors import StorageProblem, StorageUnavailable, from_sqlite_error
    from consult_app.storage.patients import PatientRepository
    from consult_app.storage.settings import SettingsRepository

    try:
        SettingsRepository(conn).load()
        PatientRepository(conn).search("", limit=200)
    except sqlite3.DatabaseError as exc:
        conn.close()
        wrapped = from_sqlite_error(exc, path)
        if wrapped is not None and wrapped.problem is not StorageProblem.CORRUPT:
            raise wrapped from exc
        raise StorageUnavailable(
            StorageProblem.CORRUPT, path=path, detail="damaged pages found while reading"
        ) from exc


def open_checked(paths: Any) -> Any:
    """Open the database (no full check: the background one follows) and probe the first reads.

    Raises:
        StorageUnavailable: as ``open_database``, or CORRUPT from the probe.
    """
    from consult_app.storage.db import open_database

    conn = open_database(paths.database, check=False)
    probe_startup_reads(conn, paths.database)
    return conn


def backup_dirs(paths: Any, settings: Any) -> list[Path]:
    """The default backup folder, then the clinic's own when set."""
    folders = [paths.backups]
    if settings is not None and settings.backup_dir:
        folders.append(paths.data / Path(settings.backup_dir).expanduser())
    return folders


def recover(
    paths: Any,
    problem: str,
    *,
    parent: Any = None,
    before_restore: Any = None,
    backup_dirs: list[Path] | None = None,
    quit_text: str = "",
) -> bool:
    """Show the recovery dialog; True once a backup was restored and the user chose to open."""
    from PySide6.QtWidgets import QApplication

    from consult_app.app.recovery import Recovery
    from consult_app.ui.dialogs.recover_dialog import RecoverDialog

    source = Recovery(paths, problem, backup_dirs)
    source.before_restore = before_restore
    dialog = RecoverDialog(source, quit_text=quit_text, parent=parent)
    drop_pending_quit(QApplication.instance())
    accepted = dialog.exec() == RecoverDialog.DialogCode.Accepted and dialog.outcome is not None
    if accepted:
        logger.info("startup: database restored from a backup")
    return accepted

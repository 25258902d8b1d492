"""Private files: create folders 0700 and files 0600, copy a database with the backup API."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
from pathlib import Path

logger = logging.getLogger(__name__)

DIR_MODE = 0o700
FILE_MODE = 0o600
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and missing parents) with mode 0700; leave an existing one as it is.

    Raises:
        OSError: when the folder cannot be created.
    """
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for item in reversed(missing):
        with contextlib.suppress(FileExistsError):
            item.mkdir(mode=DIR_MODE)
        # mkdir's mode is reduced by the umask; set it exactly.
        item.chmod(DIR_MODE)


def create_private_file(path: Path) -> bool:
    """Create an empty file with mode 0600 unless it exists; return True when created.

    The file is created before SQLite opens it, so the process umask never widens it.

    Raises:
        OSError: when the file cannot be created.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return False
    os.close(fd)
    path.chmod(FILE_MODE)
    return True


def tighten(path: Path) -> None:
    """Make an existing file of ours (and its -wal/-shm/-journal companions) 0600."""
    for candidate in (path, *(path.with_name(path.name + s) for s in SIDE_SUFFIXES)):
        try:
            st = candidate.stat()
        except FileNotFoundError:
            continue
        if stat.S_IMODE(st.st_mode) & 0o077 and st.st_uid == os.geteuid():
            candidate.chmod(FILE_MODE)
            logger.info("made %s private (0600)", candidate.name)


def copy_database(source: sqlite3.Connection, target: Path) -> None:
    """Copy ``source`` into a new file ``target`` (0600) with the sqlite3 backup API.

    The copy is a self-contained rollback-journal database (no -wal file needed to read it).

    Raises:
        FileExistsError: when ``target`` exists and is not empty.
        OSError, sqlite3.Error: when the copy cannot be written.
    """
    if target.exists() and target.stat().st_size > 0:
        raise FileExistsError(str(target))
    ensure_private_dir(target.parent)
    create_private_file(target)
    try:
        dest = sqlite3.connect(str(target), isolation_level=None)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    except BaseException:
        with contextlib.suppress(OSError):
            target.unlink()
        raise
    tighten(target)


def pid_alive(pid: int) -> bool:
    """Return True when a process with this id runs on this machine (or when unsure)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: someone else's; Windows: no signal 0 for another process
        return True
    return True


def sweep_dead_temps(folder: Path, prefix: str, marker: str) -> None:
    """Delete ``<prefix><pid><marker>...`` files in ``folder`` left by processes that are gone."""
    with contextlib.suppress(OSError):
        for item in folder.iterdir():
            name = item.name
            if not name.startswith(prefix):
                continue
            pid_text, sep, _ = name[len(prefix) :].partition(marker)
            if sep and pid_text.isdigit() and not pid_alive(int(pid_text)):
                with contextlib.suppress(OSError):
                    item.unlink()

"""Storage errors: the environment's fault (``StorageUnavailable``) versus our own bugs.

Following qutebrowser's KnownError/BugError split: a database that is locked by another
instance, read-only, corrupt, newer than this app or on a full disk is the environment's fault and
becomes ``StorageUnavailable`` carrying a ``StorageProblem`` code and a plain English message (the
UI may translate by ``problem``; the command line prints ``message`` and exits 8). SQL mistakes,
constraint and trigger violations stay ``sqlite3`` exceptions and propagate as bugs.

Messages never contain patient data; they may name the database file.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

__all__ = [
    "DuplicateChartNumber",
    "StorageProblem",
    "StorageUnavailable",
    "from_os_error",
    "from_sqlite_error",
    "storage_errors",
]


class StorageProblem(enum.Enum):
    """Why the database cannot be used."""

    LOCKED = "locked"
    READ_ONLY = "read_only"
    CORRUPT = "corrupt"
    TOO_NEW = "too_new"
    DISK_FULL = "disk_full"
    CANNOT_OPEN = "cannot_open"


_MESSAGES: dict[StorageProblem, str] = {
    StorageProblem.LOCKED: (
        "The database is in use by another program. Is Neuromodulator Consult already open? "
        "Close the other window and try again."
    ),
    StorageProblem.READ_ONLY: (
        "The database cannot be written (read-only file, folder or disk). "
        "Nothing was changed; check the permissions of the data folder."
    ),
    StorageProblem.CORRUPT: (
        "The database is damaged or is not a Neuromodulator Consult database. "
        "It was not changed. Restore the newest good backup (consult-app restore FILE)."
    ),
    StorageProblem.TOO_NEW: (
        "The database was written by a newer version of Neuromodulator Consult. "
        "It was not changed; please install the newer version."
    ),
    StorageProblem.DISK_FULL: (
        "Cannot save: the disk is full. The last change was not saved. "
        "Everything saved before is kept. Free some space and try again."
    ),
    StorageProblem.CANNOT_OPEN: (
        "The database file cannot be opened. Check that the data folder exists and is accessible."
    ),
}

# Primary SQLite result codes (https://www.sqlite.org/rescode.html).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

_PROBLEM_BY_CODE: dict[int, StorageProblem] = {
    _SQLITE_PERM: StorageProblem.READ_ONLY,
    _SQLITE_BUSY: StorageProblem.LOCKED,
    _SQLITE_LOCKED: StorageProblem.LOCKED,
    _SQLITE_READONLY: StorageProblem.READ_ONLY,
    _SQLITE_IOERR: StorageProblem.CANNOT_OPEN,
    _SQLITE_CORRUPT: StorageProblem.CORRUPT,
    _SQLITE_FULL: StorageProblem.DISK_FULL,
    _SQLITE_CANTOPEN: StorageProblem.CANNOT_OPEN,
    _SQLITE_NOTADB: StorageProblem.CORRUPT,
}

# SQLITE_IOERR_NOSPC reports "disk full" through the I/O error family; SQLITE_IOERR_SHMSIZE is
# what a full disk gives when the WAL index (-shm) cannot grow.
_SQLITE_IOERR_NOSPC = 13 << 8 | _SQLITE_IOERR
_SQLITE_IOERR_SHMSIZE = 19 << 8 | _SQLITE_IOERR
_NEARLY_FULL_BYTES = 1024 * 1024


def _disk_nearly_full(path: Path | None) -> bool:
    """True when the file system holding ``path`` has (almost) no room left."""
    if path is None:
        return False
    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


class StorageUnavailable(Exception):  # noqa: N818 - name fixed by the team contract
    """The database cannot be used because of its environment (exit code 8).

    Attributes:
        problem: the kind of problem, for the UI to pick a translated message.
        message: a plain English message for the user, naming no patient.
        path: the database file concerned, when known.
    """

    def __init__(
        self,
        problem: StorageProblem,
        message: str | None = None,
        *,
        path: Path | None = None,
        detail: str | None = None,
    ) -> None:
        self.problem = problem
        self.path = path
        self.detail = detail
        self.message = message or _MESSAGES[problem]
        text = self.message
        if path is not None:
            text = f"{text}\nDatabase: {path}"
        if detail:
            text = f"{text}\n({detail})"
        super().__init__(text)


class DuplicateChartNumber(Exception):  # noqa: N818 - reads as a domain fact
    """The chart number is already used by another patient.

    Attributes:
        chart_number: the chart number that is taken.
        existing_id: the id of the patient that has it.
    """

    def __init__(self, chart_number: str, existing_id: int | None) -> None:
        self.chart_number = chart_number
        self.existing_id = existing_id
        super().__init__(f"chart number {chart_number!r} is already used by another patient")


def from_sqlite_error(exc: sqlite3.Error, path: Path | None = None) -> StorageUnavailable | None:
    """Translate an environment-caused ``sqlite3`` error; None for a programming error.

    Args:
        exc: the error raised by sqlite3.
        path: the database file, for the message.

    Returns:
        The matching ``StorageUnavailable``, or None when the error is ours (syntax, constraint,
        trigger, misuse) and must propagate.
    """
    pg_problem = getattr(exc, "storage_problem", None)  # storage.postgres.PgError
    if isinstance(pg_problem, StorageProblem):
        return StorageUnavailable(
            pg_problem, path=path, detail=f"SQLSTATE {getattr(exc, 'sqlstate', None)}"
        )
    if hasattr(exc, "sqlstate"):
        return None  # a PostgreSQL constraint, trigger or SQL error: ours
    code = getattr(exc, "sqlite_errorcode", None)
    detail = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    if isinstance(code, int):
        if code in (_SQLITE_IOERR_NOSPC, _SQLITE_IOERR_SHMSIZE) or (
            code & 0xFF in (_SQLITE_IOERR, _SQLITE_CANTOPEN) and _disk_nearly_full(path)
        ):
            return StorageUnavailable(StorageProblem.DISK_FULL, path=path, detail=detail)
        problem = _PROBLEM_BY_CODE.get(code & 0xFF)
        if problem is not None:
            return StorageUnavailable(problem, path=path, detail=detail)
        return None
    # Errors raised before SQLite answered (no code): recognise the classic texts.
    text = str(exc).lower()
    for needle, problem in (
        ("locked", StorageProblem.LOCKED),
        ("readonly", StorageProblem.READ_ONLY),
        ("read-only", StorageProblem.READ_ONLY),
        ("not a database", StorageProblem.CORRUPT),
        ("malformed", StorageProblem.CORRUPT),
        ("disk is full", StorageProblem.DISK_FULL),
        ("unable to open", StorageProblem.CANNOT_OPEN),
    ):
        if needle in text:
            return StorageUnavailable(problem, path=path, detail=text)
    return None


def from_os_error(exc: OSError, path: Path | None = None) -> StorageUnavailable:
    """Translate an ``OSError`` met while preparing files into ``StorageUnavailable``."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        problem = StorageProblem.DISK_FULL
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        problem = StorageProblem.READ_ONLY
    else:
        problem = StorageProblem.CANNOT_OPEN
    return StorageUnavailable(problem, path=path, detail=exc.strerror or type(exc).__name__)


@contextlib.contextmanager
def storage_errors(path: Path | None = None, *, os_errors: bool = True) -> Iterator[None]:
    """Turn environment-caused ``sqlite3``/``OSError`` failures into ``StorageUnavailable``.

    Programming errors (SQL mistakes, constraint or trigger violations) pass through unchanged.

    Args:
        path: the database file, for the message.
        os_errors: also translate ``OSError`` (file and folder preparation).

    Raises:
        StorageUnavailable: for locked, read-only, corrupt, full or unopenable storage.
    """
    try:
        yield
    except sqlite3.Error as exc:
        wrapped = from_sqlite_error(exc, path)
        if wrapped is None:
            raise
        raise wrapped from exc
    except OSError as exc:
        if not os_errors:
            raise
        raise from_os_error(exc, path) from exc

"""``consult-app backup --to FILE [--data-dir D]``: copy the database with the backup API.

The database is checked (``PRAGMA quick_check``) first; the copy is written 0600 through a
temporary file. Exit codes: 0 done, 2 ``--to`` is a folder, 8 storage unavailable (the database
or the target).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from consult_app.app.paths import DB_NAME, resolve_data_dir
from consult_app.storage.backup import backup_to
from consult_app.storage.db import open_database
from consult_app.storage.errors import StorageProblem, StorageUnavailable

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_STORAGE = 8


def run(args: argparse.Namespace) -> int:
    """Run ``backup``; return the exit code."""
    target = Path(args.to).expanduser()
    if target.is_dir():
        sys.stderr.write(f"backup: --to {target}: is a folder, give a file name\n")
        return EXIT_USAGE
    db_path = resolve_data_dir(getattr(args, "data_dir", None)) / DB_NAME
    if not db_path.is_file():
        error = StorageUnavailable(
            StorageProblem.CANNOT_OPEN, path=db_path, detail="no database in this data folder"
        )
        sys.stderr.write(f"backup: {error}\n")
        return EXIT_STORAGE
    try:
        conn = open_database(db_path, check=True)
    except StorageUnavailable as exc:
        sys.stderr.write(f"backup: {exc}\n")
        return EXIT_STORAGE
    try:
        written = backup_to(conn, target)
    except StorageUnavailable as exc:
        sys.stderr.write(f"backup: {exc}\n")
        return EXIT_STORAGE
    finally:
        conn.close()
    sys.stdout.write(f"backup written: {written}\n")
    return EXIT_OK

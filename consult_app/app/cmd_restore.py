"""``consult-app restore FILE [--data-dir D]``: replace the database with a backup.

The backup is checked first (integrity and schema version); the current database, even a damaged
one, is kept as ``consult.sqlite3.before-restore-<time>.bak``. Exit codes: 0 restored, 2 FILE not
found, 8 the backup is damaged or too new, the database is in use, or the folder is not writable
(nothing changed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from consult_app.app.paths import DB_NAME, resolve_data_dir
from consult_app.storage.backup import restore
from consult_app.storage.errors import StorageUnavailable

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_STORAGE = 8


def run(args: argparse.Namespace) -> int:
    """Run ``restore``; return the exit code."""
    source = Path(args.file).expanduser()
    if not source.is_file():
        sys.stderr.write(f"restore: FILE {source}: not found\n")
        return EXIT_USAGE
    db_path = resolve_data_dir(getattr(args, "data_dir", None)) / DB_NAME
    try:
        saved = restore(source, db_path)
    except StorageUnavailable as exc:
        sys.stderr.write(f"restore: {exc}\n")
        return EXIT_STORAGE
    sys.stdout.write(f"database restored from {source}\n")
    if saved is not None:
        sys.stdout.write(f"the previous database was kept as {saved}\n")
    return EXIT_OK

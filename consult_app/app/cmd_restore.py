"""``consult-app restore FILE | --newest [--data-dir D]``: replace the database with a backup.

The backup is checked like ``verify`` first: an altered one is refused with exit 6, a damaged,
unreadable or too new one with exit 8; the live database is untouched either way. While another
process has the database open (even idle), the restore is refused (exit 8) so no one loses a
write. The current database, even a damaged one, is kept as
``consult.sqlite3.before-restore-<time>.bak`` in the data folder (never deleted). ``--newest``
restores the newest backup in the clinic's backup folder that verifies (exit 8 when none does).
Exit codes: 0 restored, 2 FILE not found, 6 altered, 8 as above.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from consult_app.app.paths import DB_NAME, resolve_data_dir
from consult_app.storage.backup import BackupAltered, backup_folders, restore, restore_newest
from consult_app.storage.errors import StorageUnavailable

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_ALTERED = 6
EXIT_STORAGE = 8


def run(args: argparse.Namespace) -> int:
    """Run ``restore``; return the exit code."""
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    db_path = data_dir / DB_NAME
    newest = bool(getattr(args, "newest", False))
    file = getattr(args, "file", None)
    if newest == (file is not None):
        sys.stderr.write("restore: give either FILE or --newest\n")
        return EXIT_USAGE
    try:
        if newest:
            result = restore_newest(backup_folders(data_dir)[-1], db_path)
            for path, problem in result.skipped:
                sys.stdout.write(f"skipped {path.name}: {problem}\n")
            source, saved = result.source, result.kept_as
        else:
            source = Path(str(file)).expanduser()
            if not source.exists():
                sys.stderr.write(f"restore: FILE {source}: not found\n")
                return EXIT_USAGE
            saved = restore(source, db_path)
    except BackupAltered as exc:
        sys.stderr.write(f"restore: {exc}\nThe database was not changed.\n")
        return EXIT_ALTERED
    except StorageUnavailable as exc:
        sys.stderr.write(f"restore: {exc}\n")
        return EXIT_STORAGE
    sys.stdout.write(f"database restored from {source}\n")
    if saved is not None:
        sys.stdout.write(f"the previous database was kept as {saved}\n")
    return EXIT_OK

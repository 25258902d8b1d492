"""``consult-app find QUERY [--data-dir D]``: find patients, best match first, as CSV.

Prints ``chart_number,name,birth_date,phone,last_visit`` then at most 50 rows, best first (see
``storage.patient_search``); exit 0, the header alone when nothing matches (also when the data
folder has no database yet, with a note on stderr). Dates typed with ``/`` follow the clinic's
``date_order`` setting. Exit 8 when the database is unavailable (corrupt, too new, locked).
The database is opened read-only; no patient data is logged.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

from consult_app.app.cmd_lists import to_csv
from consult_app.app.database import DatabaseUrlError, choose_database, open_store
from consult_app.app.paths import resolve_data_dir
from consult_app.core.patient import PatientRow
from consult_app.storage.backend import Connection
from consult_app.storage.errors import StorageUnavailable, from_sqlite_error

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_STORAGE = 8
HEADER = ("chart_number", "name", "birth_date", "phone", "last_visit")
MAX_ROWS = 50


def format_csv(rows: list[PatientRow]) -> str:
    """The CSV ``find`` prints for ``rows`` (header first, newline line ends)."""
    return to_csv(
        HEADER,
        (
            (
                p.chart_number or "",
                p.name,
                p.birth_date.isoformat(),
                p.phone or "",
                p.last_visit.isoformat() if p.last_visit else "",
            )
            for p in rows
        ),
    )


def _write(text: str) -> None:
    stream = getattr(sys.stdout, "buffer", None)
    if stream is not None:
        sys.stdout.flush()
        stream.write(text.encode("utf-8", "replace"))
        stream.flush()
    else:
        sys.stdout.write(text)


def _date_order(conn: Connection, args: argparse.Namespace) -> str:
    from consult_app.app.paths import resolve_paths
    from consult_app.storage.settings import SettingsRepository

    try:
        paths = resolve_paths(getattr(args, "data_dir", None))
        settings = SettingsRepository(conn).effective(paths.clinic_toml)
        return str(getattr(settings, "date_order", "dmy"))
    except Exception:  # a settings problem must not stop a search; dmy is the default
        return "dmy"


def run(args: argparse.Namespace) -> int:
    """Run ``find``; return the exit code."""
    try:
        choice = choose_database(
            resolve_data_dir(getattr(args, "data_dir", None)), getattr(args, "database", None)
        )
    except DatabaseUrlError as exc:
        sys.stderr.write(f"find: {exc}\n")
        return EXIT_USAGE
    db_path = choice.sqlite
    if db_path is not None and (not db_path.is_file() or db_path.stat().st_size == 0):
        sys.stderr.write("find: no database in this data folder yet\n")
        _write(format_csv([]))
        return EXIT_OK
    try:
        conn = open_store(choice, readonly=True, check=False)
    except StorageUnavailable as exc:
        sys.stderr.write(f"find: {exc}\n")
        return EXIT_STORAGE
    try:
        from consult_app.storage.patient_search import search

        rows = search(conn, str(args.query), limit=MAX_ROWS, date_order=_date_order(conn, args))
    except sqlite3.Error as exc:
        wrapped = from_sqlite_error(exc, db_path)
        sys.stderr.write(f"find: {wrapped or 'the database cannot be read'}\n")
        return EXIT_STORAGE
    finally:
        conn.close()
    _write(format_csv(rows))
    return EXIT_OK

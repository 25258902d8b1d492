"""``consult-app verify [--data-dir D]``: recompute every seal and the audit chain.

Prints one line per sealed consent (consultation, consent, decision, SHA-256, OK/ALTERED), then the
audit chain's state and every problem found, naming the consultation. Exit codes
(case-format.md): 0 intact, 6 anything altered, deleted or reordered, 8 storage unavailable. The
database is opened read-only.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys

from consult_app.app.database import DatabaseUrlError, choose_database, open_store
from consult_app.app.paths import resolve_data_dir
from consult_app.storage import anchors
from consult_app.storage.backup import backup_folders
from consult_app.storage.db import close_readonly
from consult_app.storage.errors import StorageUnavailable, from_sqlite_error
from consult_app.storage.verify import VerifyReport, verify

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_ALTERED = 6
EXIT_STORAGE = 8


def format_report(report: VerifyReport) -> list[str]:
    """Return the lines ``verify`` prints for a report."""
    lines = []
    for check in report.consents:
        corrects = f" corrects {check.corrects_consent_id}" if check.corrects_consent_id else ""
        lines.append(
            f"consultation {check.consultation_id} consent {check.consent_id} "
            f"{check.decision:<8} {check.sha256} {'OK' if check.ok else 'ALTERED'}{corrects}"
        )
    state = "intact" if report.chain_ok else "BROKEN"
    lines.append(f"audit chain: {report.audit_entries} entries, {state}")
    lines.extend(f"anchor: {line}" for line in report.anchors)
    lines.extend(report.problems)
    if report.ok:
        lines.append(f"verify: intact ({len(report.consents)} sealed consents)")
    else:
        named = ", ".join(str(c) for c in sorted(report.altered_consultations))
        suffix = f" (consultations {named})" if named else ""
        lines.append(f"verify: {len(report.problems)} problem(s) found{suffix}")
    return lines


def run(args: argparse.Namespace) -> int:
    """Run ``verify``; return 0 intact, 6 altered, 8 storage unavailable."""
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    try:
        choice = choose_database(data_dir, getattr(args, "database", None))
    except DatabaseUrlError as exc:
        sys.stderr.write(f"verify: {exc}\n")
        return EXIT_USAGE
    db_path = choice.sqlite
    try:
        conn = open_store(choice, readonly=True)
    except StorageUnavailable as exc:
        sys.stderr.write(f"verify: {exc}\n")
        return EXIT_STORAGE
    try:
        folders = backup_folders(data_dir, conn)
        # every folder an anchor was ever written to, whatever the setting now says
        folders += [f for f in anchors.remembered_folders(db_path) if f not in folders]
        report = verify(
            conn,
            key=anchors.audit_key(db_path),
            anchor_folders=folders,
            keyring_checked=True,
        )
    except sqlite3.Error as exc:
        wrapped = from_sqlite_error(exc, db_path)
        sys.stderr.write(f"verify: {wrapped or exc}\n")
        return EXIT_STORAGE
    finally:
        if isinstance(conn, sqlite3.Connection):
            close_readonly(conn)
        else:
            conn.close()
    sys.stdout.write("\n".join(format_report(report)) + "\n")
    return EXIT_OK if report.ok else EXIT_ALTERED

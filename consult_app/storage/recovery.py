"""What a restore from a backup lost, read from the damaged file kept aside (issue 25).

``what_was_lost(damaged, restored, backup_taken_at, anchor_folders)`` compares the restored
database with the damaged file that was kept aside: every consultation of the damaged file that the
restored database does not have, as far as the damaged file can still be read (row by row: a
damaged page stops the reading there, what was read is kept), and the newest audit anchor
(``audit-anchors.jsonl`` beside the backups, see ``storage.anchors`` when present) when it shows
audit entries beyond the restored chain. Nothing is ever written to either file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from consult_app.storage.backend import Connection

__all__ = ["LostConsultation", "LostReport", "what_was_lost"]

ANCHOR_FILE: Final = "audit-anchors.jsonl"
MAX_LISTED: Final = 200


@dataclass(frozen=True, slots=True)
class LostConsultation:
    """A consultation of the damaged file that the restored database does not hold.

    Attributes:
        consultation_id: its id in the damaged file.
        started_at: when it was started (UTC ISO text), "" when unreadable.
        status: ``draft``, ``deferred``, ``sealed`` or ``declined`` ("" when unreadable).
        patient: the patient's name and chart number when readable, else "".
    """

    consultation_id: int
    started_at: str
    status: str
    patient: str = ""


@dataclass(frozen=True, slots=True)
class LostReport:
    """What the restore lost.

    Attributes:
        backup_taken_at: when the restored backup was written (UTC).
        consultations: consultations after the backup, read from the damaged file.
        damaged_readable: whether the damaged file could be read at all.
        restored_head: the restored audit chain's last entry number (0: empty).
        anchor_head: the newest anchored audit entry number beyond ``restored_head``, or None.
        anchor_at: when that anchor was written (UTC ISO text), or "".
    """

    backup_taken_at: dt.datetime
    consultations: tuple[LostConsultation, ...] = field(default=())
    damaged_readable: bool = False
    restored_head: int = 0
    anchor_head: int | None = None
    anchor_at: str = ""


def _readonly(path: Path) -> Connection:
    # immutable=1: no locks, no WAL recovery, nothing written beside the file
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def _rows(conn: Connection, sql: str, params: Iterable[object] = ()) -> Iterator[sqlite3.Row]:
    """Rows until the first damaged page (then stop, keeping what was read)."""
    try:
        cursor = conn.execute(sql, tuple(params))
        while True:
            row = cursor.fetchone()
            if row is None:
                return
            yield row
    except sqlite3.DatabaseError:
        return


def _restored_state(restored: Path) -> tuple[int, int, set[int]]:
    """(audit head, newest consultation id, ids) of the restored database."""
    conn = _readonly(restored)
    try:
        head = conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]
        ids = {int(r[0]) for r in conn.execute("SELECT id FROM consultations")}
    finally:
        conn.close()
    return int(head), max(ids, default=0), ids


def _lost_consultations(
    damaged: Path, known: set[int], newest_known: int, since: dt.datetime
) -> tuple[list[LostConsultation], bool]:
    try:
        conn = _readonly(damaged)
    except sqlite3.Error:
        return [], False
    found: dict[int, LostConsultation] = {}
    readable = False
    try:
        names: dict[int, str] = {}
        rows = _rows(
            conn,
            "SELECT id, patient_id, status, created_at FROM consultations WHERE id > ?"
            " OR created_at >= ? ORDER BY id",
            (newest_known, since.isoformat()),
        )
        pending: list[tuple[int, int, str, str]] = []
        for row in rows:
            readable = True
            cid = int(row["id"])
            if cid not in known:
                pending.append((cid, int(row["patient_id"]), row["status"], row["created_at"]))
        for pid in {p for _, p, _, _ in pending}:
            for row in _rows(conn, "SELECT name, chart_number FROM patients WHERE id = ?", [pid]):
                chart = f" ({row['chart_number']})" if row["chart_number"] else ""
                names[pid] = f"{row['name']}{chart}"
        for cid, pid, status, started in pending:
            found[cid] = LostConsultation(cid, started, status, names.get(pid, ""))
        # consultations named by the audit log but whose rows are unreadable
        for row in _rows(
            conn,
            "SELECT DISTINCT consultation_id, at FROM audit_log WHERE consultation_id > ?"
            " ORDER BY seq",
            [newest_known],
        ):
            readable = True
            cid = int(row["consultation_id"])
            if cid not in known and cid not in found:
                found[cid] = LostConsultation(cid, str(row["at"]), "", "")
    finally:
        conn.close()
    return sorted(found.values(), key=lambda c: c.consultation_id)[:MAX_LISTED], readable


def _newest_anchor(folders: Iterable[Path]) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for folder in folders:
        with contextlib.suppress(OSError):
            for line in (folder / ANCHOR_FILE).read_text("utf-8", errors="replace").splitlines():
                with contextlib.suppress(ValueError, TypeError, AttributeError):
                    item = json.loads(line)
                    seq, at = int(item["seq"]), str(item.get("at", ""))
                    if best is None or seq > best[0]:
                        best = (seq, at)
    return best


def what_was_lost(
    damaged: Path | None,
    restored: Path,
    backup_taken_at: dt.datetime,
    anchor_folders: Iterable[Path] = (),
) -> LostReport:
    """Compare the restored database with the damaged file kept aside (see the module doc).

    Never raises on a damaged file: what cannot be read is simply not listed.
    """
    try:
        head, newest, known = _restored_state(restored)
    except sqlite3.Error:
        head, newest, known = 0, 0, set()
    lost: list[LostConsultation] = []
    readable = False
    if damaged is not None and damaged.is_file():
        lost, readable = _lost_consultations(damaged, known, newest, backup_taken_at)
    anchor = _newest_anchor(anchor_folders)
    beyond = anchor if anchor is not None and anchor[0] > head else None
    return LostReport(
        backup_taken_at=backup_taken_at,
        consultations=tuple(lost),
        damaged_readable=readable,
        restored_head=head,
        anchor_head=beyond[0] if beyond else None,
        anchor_at=beyond[1] if beyond else "",
    )

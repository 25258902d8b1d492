"""``consult-app due`` and ``consult-app lot``: clinic lists as CSV on stdout (case-format 1.1).

``due [--from DATE] [--to DATE]`` (default: today to 14 days on): one row per patient whose latest
treatment's review date or earliest re-treatment date falls in the window (both ends included).
The dates come from the same functions the consultation uses (``core.plan``), from the
treatment's date, indications and product. Rows are ordered by the first of those dates in the
window, then name.

``lot LOT``: one row per consultation whose consent (or, once recorded, administration) used the
lot, oldest first; the header alone when none.

CSV via the ``csv`` module (fields with commas, quotes or newlines are quoted), UTF-8, LF line
ends. Exit 0; 2 for a bad argument; 8 when the database is unavailable.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import sys
from collections.abc import Iterable, Sequence
from typing import Final

from consult_app.app.database import DatabaseUrlError, choose_database, open_store
from consult_app.app.paths import resolve_paths
from consult_app.app.services import load_protocol_for
from consult_app.core.errors import ProtocolError
from consult_app.core.plan import earliest_retreatment_for, review_date_for
from consult_app.core.protocol import Protocol
from consult_app.storage.errors import StorageUnavailable
from consult_app.storage.lists import latest_treatments, lot_uses

__all__ = ["DUE_HEADER", "LOT_HEADER", "DueRow", "csv_cell", "due_rows", "run", "to_csv"]

DUE_HEADER = (
    "chart_number",
    "name",
    "phone",
    "email",
    "last_treatment",
    "product",
    "review_date",
    "earliest_retreatment",
)
LOT_HEADER = ("date", "chart_number", "name", "phone", "email", "product", "units")
DueRow = tuple[str, str, str, str, str, str, str, str]
DEFAULT_DAYS = 14


class _Usage(Exception):  # noqa: N818 - internal control flow
    pass


#: A cell a spreadsheet would read as a formula (OWASP "CSV injection"): it starts with one of
#: these characters.
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
#: A plain number or phone number ("+1 514 555-0100", "-2"): no letters or operators beyond signs
#: and separators, so no function can be called; left as it is so phone numbers stay intact.
_PLAIN_NUMBER: Final = re.compile(r"[+-]?[0-9][0-9 ().-]*")


def csv_cell(value: str) -> str:
    """``value`` made safe for a spreadsheet: a leading ``'`` when it would start a formula."""
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Return CSV text: the header, then the rows (each cell through :func:`csv_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([csv_cell(str(cell)) for cell in row] for row in rows)
    return buffer.getvalue()


def _units(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _date_arg(value: str | None, name: str, default: dt.date) -> dt.date:
    if value is None:
        return default
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Usage(f"{name}: {value} is not a date (expected YYYY-MM-DD)") from None


def due_rows(conn: object, protocol: Protocol, start: dt.date, end: dt.date) -> list[DueRow]:
    """Return the ``due`` rows for the window ``start``..``end`` (both included)."""
    found: list[tuple[tuple[dt.date, str, str], DueRow]] = []
    day = dt.date(2000, 1, 1)
    reach = max(
        [review_date_for(protocol, [i], day) for i in protocol.indications]
        + [earliest_retreatment_for(protocol, p, day) for p in protocol.products]
    )
    since = start - (reach - day)  # an older last treatment is due before the window
    for t in latest_treatments(conn, since):  # type: ignore[arg-type]
        review = review_date_for(protocol, t.indications, t.date)
        retreat = earliest_retreatment_for(protocol, t.product, t.date)
        inside = [d for d in (review, retreat) if start <= d <= end]
        if not inside:
            continue
        p = t.patient
        row: DueRow = (
            p.chart_number or "",
            p.name,
            p.phone or "",
            p.email or "",
            t.date.isoformat(),
            t.product,
            review.isoformat(),
            retreat.isoformat(),
        )
        found.append(((min(inside), p.name.casefold(), p.chart_number or ""), row))
    return [row for _, row in sorted(found, key=lambda f: f[0])]


def lot_rows(conn: object, lot: str) -> list[tuple[str, ...]]:
    """Return the ``lot`` rows, oldest first."""
    return [
        (
            u.date.isoformat(),
            u.patient.chart_number or "",
            u.patient.name,
            u.patient.phone or "",
            u.patient.email or "",
            u.product,
            _units(u.units),
        )
        for u in lot_uses(conn, lot)  # type: ignore[arg-type]
    ]


def _emit(text: str) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def run(args: argparse.Namespace) -> int:
    """Run ``due`` or ``lot``; return the exit code."""
    command = args.command
    try:
        if command == "lot":
            if not args.lot.strip():
                raise _Usage("LOT: must not be empty")
        else:
            start = _date_arg(args.date_from, "--from", dt.date.today())
            end = _date_arg(args.date_to, "--to", start + dt.timedelta(days=DEFAULT_DAYS))
            if end < start:
                raise _Usage(f"--to: {end} is before --from {start}")
            try:
                protocol = load_protocol_for(getattr(args, "protocol", None))
            except (ProtocolError, FileNotFoundError) as exc:
                raise _Usage(f"--protocol: {exc}") from None
    except _Usage as exc:
        sys.stderr.write(f"{command}: {exc}\n")
        return 2
    try:
        paths = resolve_paths(getattr(args, "data_dir", None))
        conn = open_store(choose_database(paths.data, getattr(args, "database", None)))
    except DatabaseUrlError as exc:
        sys.stderr.write(f"{command}: {exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"{command}: the data folder cannot be created ({exc.strerror})\n")
        return 8
    except StorageUnavailable as exc:
        sys.stderr.write(f"{command}: {exc}\n")
        return 8
    try:
        if command == "lot":
            text = to_csv(LOT_HEADER, lot_rows(conn, args.lot))
        else:
            text = to_csv(DUE_HEADER, due_rows(conn, protocol, start, end))
    finally:
        conn.close()
    _emit(text)
    return 0

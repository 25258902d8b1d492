"""The figures of the 1.1 milestone (issue 23), one small function each.

A figure whose capability does not exist yet returns ``not_measured`` (``"meets": null`` and a note
saying what is missing); whoever builds the capability replaces the body of its function with the
measurement, keeping the name, the target and the result format.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
from pathlib import Path

from bench.figures import ROOT, Result, _ms, not_measured, result
from bench.generator import END


# -- due_ms / lot_ms ----------------------------------------------------------------------------
def due(db: Path, runs: int = 7) -> Result:
    """``due`` over the 10-year database, in-process: the rows and their CSV, 14-day window."""
    from consult_app.app.cmd_lists import DEFAULT_DAYS, DUE_HEADER, due_rows, to_csv
    from consult_app.app.services import load_protocol_for
    from consult_app.storage.db import open_database

    protocol = load_protocol_for(None)
    start = END.date()
    end = start + dt.timedelta(days=DEFAULT_DAYS)
    conn = open_database(db, check=False)
    try:
        rows = due_rows(conn, protocol, start, end)
        samples = [_ms(lambda: to_csv(DUE_HEADER, due_rows(conn, protocol, start, end)))
                   for _ in range(runs)]  # fmt: skip
    finally:
        conn.close()
    return result(
        samples,
        200,
        f"cmd_lists.due_rows + to_csv for {start}..{end} on the open 10-year database "
        f"({len(rows)} patients due), warm page cache; opening the database is not included",
    )


def lot(db: Path, rounds: int = 3) -> Result:
    """``lot`` over the 10-year database, in-process, for a few lot numbers as typed."""
    from consult_app.app.cmd_lists import LOT_HEADER, lot_rows, to_csv
    from consult_app.storage.db import open_database

    lots = ("C1234A", " c5000a ", "C9999A", "C2468A", "NOSUCHLOT")
    conn = open_database(db, check=False)
    try:
        found = {number: len(lot_rows(conn, number)) for number in lots}
        samples = [
            _ms(lambda number=number: to_csv(LOT_HEADER, lot_rows(conn, number)))
            for _ in range(rounds)
            for number in lots
        ]
    finally:
        conn.close()
    return result(
        samples,
        200,
        f"cmd_lists.lot_rows + to_csv for {len(lots)} lot numbers (rows found: "
        f"{sorted(found.values())}) x {rounds} on the open 10-year database, warm page cache",
    )


# -- record_ms ----------------------------------------------------------------------------------
def record(runs: int = 20) -> Result:
    """The consultation record with a 31-point map (target 80 ms).

    The record has no injection map drawing yet; what it takes today without one, for the
    31-site chronic-migraine record, is kept as ``without_map_ms``.
    """
    sys.path.insert(0, str(ROOT / "tests" / "unit"))
    from document_samples import migraine_record

    from consult_app.documents.fonts import register_fonts
    from consult_app.documents.record import render_record
    from consult_app.resources import resource_path

    fonts = resource_path("fonts")
    register_fonts(fonts)
    model = migraine_record()
    with tempfile.TemporaryDirectory(prefix="bench-record-") as tmp:
        target = Path(tmp) / "record.pdf"
        for _ in range(3):
            render_record(model, target, fonts)
        samples = [_ms(lambda: render_record(model, target, fonts)) for _ in range(runs)]
    return not_measured(
        80,
        "the record has no injection map drawing yet (the administration lists points as a "
        "table); without_map_ms is document_samples.migraine_record() (31 sites) rendered warm",
        without_map_ms=round(statistics.median(samples), 1),
    )


# -- not yet measurable -------------------------------------------------------------------------
def map_redraw() -> Result:
    """The plan step's map with 31 points redrawn, target 16 ms."""
    return not_measured(16, "the plan step has no injection map yet")


def pg_autosave_p95() -> Result:
    """Autosave of a draft on PostgreSQL, 95th percentile, target 15 ms."""
    return not_measured(15, "no PostgreSQL storage yet (see the PostgreSQL issue)")


def pg_search() -> Result:
    """Patient name search on PostgreSQL, target 20 ms."""
    return not_measured(20, "no PostgreSQL storage yet (see the PostgreSQL issue)")


def fhir_export_per_patient(db: Path, patients: int = 100) -> Result:
    """FHIR export time per patient over the 10-year database, in-process, target 20 ms."""
    import json

    from consult_app.app.services import load_protocol_for
    from consult_app.core.settings import ClinicSettings
    from consult_app.exchange.fhir import build_bundle
    from consult_app.exchange.fhir_codes import load_fhir_codes
    from consult_app.exchange.fhir_context import export_context
    from consult_app.exchange.fhir_read import patient_ids, read_patient
    from consult_app.storage.db import open_database

    protocol = load_protocol_for(None)
    codes = load_fhir_codes()
    conn = open_database(db, check=False)
    try:
        context = export_context(conn, ClinicSettings())
        ids = patient_ids(conn)[:patients]
        samples = [
            _ms(
                lambda pid=pid: json.dumps(
                    build_bundle(read_patient(conn, pid), protocol, codes, context)
                )
            )
            for pid in ids
        ]
    finally:
        conn.close()
    return result(
        samples,
        20,
        f"read + build + validate (fhir.resources R4B) + JSON of one patient's bundle, for the "
        f"first {len(ids)} patients of the 10-year database; writing the file is not included",
    )

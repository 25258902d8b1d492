"""``python -m bench [--only NAME ...]``: run the figures, print a table, write results.json."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import cache, figures, milestone, patient_page, startup  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results.json"
ORDER = (
    "startup_ratio",
    "bundle_startup_ratio",
    "handout_ms",
    "handout_ratio",
    "record_ms",
    "screening_ms",
    "step_ms",
    "search_ms",
    "search_1m_ms",
    "open_ms",
    "peak_rss_mb",
    "map_redraw_ms",
    "patient_page_ms",
    "due_ms",
    "lot_ms",
    "pg_autosave_p95_ms",
    "pg_search_ms",
    "fhir_export_ms_per_patient",
)
NEEDS_DB = {"step_ms", "search_ms", "open_ms", "peak_rss_mb", "startup_ratio", "due_ms", "lot_ms",
           "fhir_export_ms_per_patient"}


def _fmt(value: float) -> str:
    return f"{value:.3g}" if value < 10 else f"{value:.1f}"


def print_table(results: dict[str, dict[str, Any]]) -> None:
    print()
    print(f"{'figure':<27} {'median':>9} {'target':>8} {'runs':>5}  meets  note")
    for name in ORDER:
        r = results.get(name)
        if r is None:
            continue
        mark = {True: "yes", False: "NO", None: "-"}[r["meets"]]
        median = "-" if r["median"] is None else _fmt(r["median"])
        note = r.get("note", "")
        print(
            f"{name:<27} {median:>9} {'<= ' + str(r['target']):>8} {r['runs']:>5}"
            f"  {mark:<5}  {note[:80]}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--only", nargs="*", choices=ORDER, help="run only these figures")
    parser.add_argument("--keep", action="store_true", help="keep the generated database")
    args = parser.parse_args(argv)
    wanted = set(args.only or ORDER)
    started = time.perf_counter()
    print(f"bench: Python {platform.python_version()}, {os.cpu_count()} CPUs, {sys.platform}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-db-"))
    results: dict[str, dict[str, Any]] = {}
    try:
        db = None
        if wanted & NEEDS_DB:
            db = tmp / "clinic" / "consult.sqlite3"
            stats, generated = cache.database(db)
            print(
                f"{'generated' if generated else 'copied from build/bench-cache'} "
                f"{stats.patients} patients ({stats.name_words} name words), "
                f"{stats.consultations} consultations, {stats.consents} consents, "
                f"{stats.documents} documents, {stats.audit} audit entries: "
                f"{stats.bytes / 1e6:.0f} MB generated in {stats.seconds:.1f} s"
            )

        def run(name: str, fn: Any) -> None:
            if name not in wanted:
                return
            t = time.perf_counter()
            results[name] = fn()
            print(f"  {name}: {results[name]['median']} ({time.perf_counter() - t:.1f} s)")

        run("screening_ms", figures.screening)
        if wanted & {"handout_ms", "handout_ratio"}:
            sheet, ratio = figures.handout()
            for name, value in (("handout_ms", sheet), ("handout_ratio", ratio)):
                if name in wanted:
                    results[name] = value
                    print(f"  {name}: {value['median']}")
        run("record_ms", milestone.record)
        assert db is not None or not wanted & NEEDS_DB
        run("search_ms", lambda: figures.search(db))
        run("search_1m_ms", lambda: figures.search_1m(tmp))
        run("open_ms", lambda: figures.open_db(db))
        run("due_ms", lambda: milestone.due(db))
        run("lot_ms", lambda: milestone.lot(db))
        run("step_ms", lambda: figures.step(db))
        run("startup_ratio", lambda: startup.startup_ratio(big_data_dir=db.parent if db else None))
        run("bundle_startup_ratio", startup.bundle_startup_ratio)
        run("peak_rss_mb", lambda: figures.peak_rss(db))  # last of the database ones: it writes
        run("map_redraw_ms", milestone.map_redraw)
        run("patient_page_ms", patient_page.patient_page)
        run("pg_autosave_p95_ms", milestone.pg_autosave_p95)
        run("pg_search_ms", milestone.pg_search)
        run("fhir_export_ms_per_patient", lambda: milestone.fhir_export_per_patient(db))
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    ordered = {name: results[name] for name in ORDER if name in results}
    if args.only and RESULTS.exists():
        previous = json.loads(RESULTS.read_text(encoding="utf-8"))
        ordered = {name: ordered.get(name, previous.get(name)) for name in ORDER}
        ordered = {k: v for k, v in ordered.items() if v is not None}
    RESULTS.write_text(json.dumps(ordered, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_table(ordered)
    missed = [name for name, r in ordered.items() if r["meets"] is False]
    pending = [name for name, r in ordered.items() if r["meets"] is None]
    met = len(ordered) - len(missed) - len(pending)
    summary = f"{met}/{len(ordered)} figures meet their target"
    if missed:
        summary += f"; missed: {', '.join(missed)}"
    if pending:
        summary += f"; not measurable yet: {', '.join(pending)}"
    print(f"\n{summary}; {time.perf_counter() - started:.0f} s; wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

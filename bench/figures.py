"""The figures of ``make bench`` (issues 10 and 23). Each returns a result dict for results.json.

Start-up figures are in bench/startup.py, the figures of the 1.1 milestone in bench/milestone.py.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CASE = ROOT / "tests" / "fixtures" / "cases" / "chronic_migraine_ca.json"

Result = dict[str, Any]


def not_measured(target: float, note: str, **extra: Any) -> Result:
    """A figure whose capability does not exist yet: ``meets`` is None and ``note`` says why."""
    out: Result = {"median": None, "target": target, "meets": None, "runs": 0, "min": None,
                   "max": None, "note": note}  # fmt: skip
    out.update(extra)
    return out


def result(samples: list[float], target: float, note: str = "", **extra: Any) -> Result:
    """Median of ``samples`` against an upper-bound ``target``."""
    median = statistics.median(samples)
    out: Result = {
        "median": round(median, 3),
        "target": target,
        "meets": median <= target,
        "runs": len(samples),
        "min": round(min(samples), 3),
        "max": round(max(samples), 3),
    }
    if note:
        out["note"] = note
    out.update(extra)
    return out


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def _qt_app() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0]])


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # An installed app runs from compiled bytecode (the PyInstaller bundle ships it); this
    # machine sets PYTHONDONTWRITEBYTECODE, so compile the app once instead of timing the
    # compiler at every start (~130 ms for our modules).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


# -- handout_ms / handout_ratio -----------------------------------------------------------------
def _plain_reportlab(target: Path) -> None:
    """A plain 2-page reportlab document with the same DejaVu fonts, a table and headings."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    body = ParagraphStyle("b", fontName="DejaVuSans", fontSize=10, leading=13)
    head = ParagraphStyle("h", fontName="DejaVuSans-Bold", fontSize=13, leading=16)
    text = (
        "Rarely, the medicine can spread and weaken muscles away from the injection sites. "
        "Get help right away if you notice trouble swallowing, breathing or speaking; "
        "<b>call 911</b> and then the clinic. Zoë O'Brien-Łukasiewicz, Élodie Bérubé. "
    )
    story: list[Any] = []
    for section in range(6):
        story.append(Paragraph(f"Section {section + 1}: aftercare and warning signs", head))
        story.append(Spacer(1, 4))
        story += [Paragraph(text * 2, body) for _ in range(2)]
        if section == 2:
            rows = [["Area", "Units", "Sites"]] + [
                [f"Area {i}", str(5 * i), str(i)] for i in range(8)
            ]
            table = Table(rows)
            table.setStyle(
                TableStyle(
                    [
                        ("FONT", (0, 0), (-1, -1), "DejaVuSans", 9),
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ]
                )
            )
            story.append(table)
    SimpleDocTemplate(str(target), pagesize=LETTER).build(story)


def _page_count(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def handout(runs: int = 30) -> tuple[Result, Result]:
    """The typical patient sheet rendered in-process (warm), and its ratio to plain reportlab."""
    sys.path.insert(0, str(ROOT / "tests" / "unit"))
    from document_samples import migraine_handout

    from consult_app.documents.fonts import register_fonts
    from consult_app.documents.handout import render_handout
    from consult_app.resources import resource_path

    fonts = resource_path("fonts")
    register_fonts(fonts)
    model = migraine_handout()
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        sheet, plain = Path(tmp) / "handout.pdf", Path(tmp) / "plain.pdf"
        for _ in range(3):  # warm: fonts parsed, modules imported, caches filled
            render_handout(model, sheet, fonts)
            _plain_reportlab(plain)
        pages = (_page_count(sheet), _page_count(plain))
        ours, base, ratios = [], [], []
        for _ in range(runs):
            a = _ms(lambda: render_handout(model, sheet, fonts))
            b = _ms(lambda: _plain_reportlab(plain))
            ours.append(a)
            base.append(b)
            ratios.append(a / b)
    sheet_result = result(
        ours,
        60,
        f"render_handout(document_samples.migraine_handout()) to a temp file, {pages[0]} pages",
    )
    maps = len(getattr(model, "maps", ()))
    ratio_result = result(
        ratios,
        1.3,
        f"per-run ratio to a plain {pages[1]}-page SimpleDocTemplate (DejaVu, a table), "
        f"sheet with {maps} injection map(s) (the map drawing does not exist yet), "
        "alternating",
        plain_ms_median=round(statistics.median(base), 2),
    )
    return sheet_result, ratio_result


# -- screening_ms -------------------------------------------------------------------------------
def screening(runs: int = 200) -> Result:
    """``core.screening.screen`` of the chronic-migraine 31-site case with the bundled protocol."""
    from consult_app.app.services import load_protocol_for
    from consult_app.core.case_file import parse_case
    from consult_app.core.screening import screen

    protocol = load_protocol_for(None)
    data = json.loads(FIXTURE_CASE.read_text(encoding="utf-8"))
    consultation = parse_case(data, protocol)
    for _ in range(20):
        screen(protocol, consultation)
    samples = [_ms(lambda: screen(protocol, consultation)) for _ in range(runs)]
    return result(samples, 5, "tests/fixtures/cases/chronic_migraine_ca.json, bundled protocol")


# -- search_ms ----------------------------------------------------------------------------------
SEARCHES = (
    "m", "ma", "mar", "mari", "marie", "tr", "tre", "tremb", "ga", "gag", "gagnon", "zo", "zoe",
    "zoe ob", "ob", "obr", "e", "el", "elo", "elodie", "lu", "luk", "łukasz", "be", "ber",
    "berube", "ng", "nguyen", "van", "van d", "o", "sa", "saint", "da s", "jean f", "ch", "chen",
    "a", "b", "c", "d", "j", "l", "s", "t", "w", "x", "q", "ro", "le", "al", "ja", "wi", "xi",
    "obri", "rossi", "c000", "1984", "1984-03-09", "09/03/1984", "9 mars 1984", "555-12",
    "6045", "0199",
)  # fmt: skip
SHORT = tuple(q for q in SEARCHES if len(q) <= 2)


def search(db: Path, rounds: int = 5) -> Result:
    """``PatientRepository.search`` (GUI page size 200) for typed name prefixes, dates, phone
    digits and chart numbers (the bench database)."""
    from consult_app.storage.db import open_database
    from consult_app.storage.patients import PatientRepository

    conn = open_database(db, check=False)
    try:
        repo = PatientRepository(conn)
        for q in SEARCHES:
            repo.search(q, limit=200)
        per_query: dict[str, list[float]] = {q: [] for q in SEARCHES}
        for _ in range(rounds):
            for q in SEARCHES:
                per_query[q].append(_ms(lambda q=q: repo.search(q, limit=200)))
        count = repo.count()
    finally:
        conn.close()
    samples = [t for ts in per_query.values() for t in ts]
    medians = {q: round(statistics.median(ts), 2) for q, ts in per_query.items()}
    slow = {q: m for q, m in sorted(medians.items(), key=lambda kv: -kv[1]) if m > 20}
    short = [t for q in SHORT for t in per_query[q]]
    return result(
        samples,
        20,
        f"{len(SEARCHES)} typed queries x {rounds} rounds on {count} patients, limit 200 "
        "(the main window's page)",
        slowest=dict(sorted(medians.items(), key=lambda kv: -kv[1])[:5]),
        over_target=slow,
        p90=round(statistics.quantiles(samples, n=10)[-1], 2),
        one_two_letter_max=round(max(short), 2),
        one_two_letter_median=round(statistics.median(short), 2),
    )


def search_1m(tmp: Path, patients: int = 1_000_000) -> Result:
    """The same searches on a database of ``patients`` patients (search terms only)."""
    from bench import cache

    db = tmp / "million" / "consult.sqlite3"
    stats, _ = cache.database(db, "--search-only", str(patients))
    out = search(db)
    out["note"] = (
        out.get("note", "")
        + f"; database {db.stat().st_size / 1e6:.0f} MB built in {stats.seconds:.0f} s"
    )
    return out


# -- open_ms ------------------------------------------------------------------------------------
def open_db(db: Path, runs: int = 15) -> Result:
    """Open the 10-year database and show the patient list's first page (offscreen)."""
    app = _qt_app()
    from consult_app.storage.db import open_database
    from consult_app.storage.patients import PatientRepository
    from consult_app.ui.main_window import MainWindow
    from consult_app.ui.prompts import QtPrompter

    parts: dict[str, list[float]] = {"open": [], "window": [], "refresh": [], "paint": []}
    totals = []
    for i in range(runs + 2):
        t0 = time.perf_counter()
        conn = open_database(db, check=False)
        t1 = time.perf_counter()
        window = MainWindow(PatientRepository(conn), QtPrompter())
        t2 = time.perf_counter()
        window.refresh()
        t3 = time.perf_counter()
        window.show()
        app.processEvents()
        t4 = time.perf_counter()
        rows = window.patient_model.rowCount()
        window.close()
        window.deleteLater()
        app.processEvents()
        conn.close()
        if i < 2:
            continue
        totals.append((t4 - t0) * 1000)
        for key, (a, b) in zip(parts, ((t0, t1), (t1, t2), (t2, t3), (t3, t4)), strict=True):
            parts[key].append((b - a) * 1000)
    checked = _ms(lambda: open_database(db, check=True).close())
    return result(
        totals,
        200,
        f"open_database(check=False) + MainWindow + refresh ({rows} rows) + show/paint, "
        "offscreen, warm page cache; the integrity check is not included",
        parts_ms={k: round(statistics.median(v), 2) for k, v in parts.items()},
        open_with_quick_check_ms=round(checked, 1),
    )


# -- step_ms ------------------------------------------------------------------------------------
def _step_in_consultation_view(db: Path, runs: int) -> Result | None:
    """Switch steps of the real ConsultationView driven by the real ConsultationService."""
    app = _qt_app()
    try:
        from consult_app.app.consultation_service import ConsultationService
        from consult_app.app.paths import resolve_paths
        from consult_app.app.services import load_protocol_for
        from consult_app.core.patient import NewPatient
        from consult_app.core.settings import ClinicSettings
        from consult_app.ui.consultation_view import ConsultationView
        from consult_app.ui.prompts import QtPrompter
    except ImportError:
        return None
    import datetime as dt

    from consult_app.storage.db import open_database
    from consult_app.storage.patients import PatientRepository

    case = json.loads(FIXTURE_CASE.read_text(encoding="utf-8"))
    draft = {"case": {k: v for k, v in case.items() if k not in ("patient", "format")},
             "extra": {"step": "indications"}}  # fmt: skip
    conn = open_database(db, check=False)
    try:
        paths = resolve_paths(db.parent)
        service = ConsultationService(conn, load_protocol_for(None), paths, ClinicSettings())
        pid = PatientRepository(conn).create(
            NewPatient(name="Jane O'Brien", birth_date=dt.date(1984, 3, 9), sex="female",
                       chart_number=None, phone=None, email=None, language="en", allergies=None)
        )  # fmt: skip
        cid = service.start(pid, draft)
        view = ConsultationView(service, QtPrompter())
        view.resize(1280, 800)
        view.open_consultation(pid, cid, "Jane O'Brien")
        view.show()
        app.processEvents()
        count = len(view.steps)

        def switch(i: int) -> None:
            view.show_step(i % count)
            app.processEvents()
            view.repaint()

        for i in range(count):
            switch(i)
        samples = [_ms(lambda i=i: switch(i)) for i in range(runs)]
        view.close()
        app.processEvents()
    finally:
        conn.close()
    return result(
        samples,
        30,
        f"ConsultationView.show_step over its {count} steps (each saves the draft through "
        "ConsultationService on the 10-year database), processEvents + repaint, offscreen",
    )


def step(db: Path, runs: int = 30) -> Result:
    """Switch consultation steps, offscreen, until painted (main window proxy as a fallback)."""
    real = _step_in_consultation_view(db, runs)
    if real is not None:
        return real
    app = _qt_app()
    from consult_app.storage.db import open_database
    from consult_app.storage.patients import PatientRepository
    from consult_app.ui.main_window import MainWindow
    from consult_app.ui.prompts import QtPrompter

    conn = open_database(db, check=False)
    try:
        window = MainWindow(PatientRepository(conn), QtPrompter())
        window.refresh()
        window.show()
        app.processEvents()

        def switch(i: int) -> None:
            if i % 3 == 2:
                window.start_new_patient()
            else:
                window.patient_table.selectRow(i % 150)
            app.processEvents()
            window.repaint()

        for i in range(6):
            switch(i)
        samples = [_ms(lambda i=i: switch(i)) for i in range(runs)]
        window.close()
        app.processEvents()
    finally:
        conn.close()
    return result(
        samples,
        30,
        "PROXY: consult_app/ui/consultation_view.py is not importable, so this times switching "
        "the main window's patient panel (select a patient / new patient form) until painted",
    )


# -- peak_rss_mb --------------------------------------------------------------------------------
def peak_rss(db: Path, runs: int = 3) -> Result:
    """Peak RSS of a child process going through a consultation (bench/consultation_child.py).

    The figure is the child's own VmHWM (Linux, per process); ``ru_maxrss`` from ``wait4`` is kept
    as ``ru_maxrss_mb``: Linux carries the forking parent's high-water mark over exec into it.
    """
    samples, maxrss, notes = [], [], ""
    for _ in range(runs):
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.consultation_child", str(db)],
            env=_child_env(),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdout is not None
        lines = proc.stdout.read().strip().splitlines()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise RuntimeError(f"consultation child exited {proc.returncode}: {lines}")
        hwm = [int(line.split()[1]) for line in lines if line.startswith("VmHWM_kB")]
        samples.append((hwm[0] if hwm and hwm[0] else usage.ru_maxrss) / 1024)
        maxrss.append(usage.ru_maxrss / 1024)  # KiB on Linux
        notes = lines[-1] if lines else ""
    return result(samples, 250, notes, ru_maxrss_mb=round(max(maxrss), 1))

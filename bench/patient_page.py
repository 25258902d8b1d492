"""``patient_page_ms``: a returning patient with 10 years of treatments and follow-ups opened.

A chronic-migraine patient treated every 13 weeks for 10 years (40 sealed consultations, each
with a follow-up 4 weeks later carrying headache days, HIT-6, a global impression and now and then
an adverse event) is made through the app's own services on a real SQLite file. The figure is
selecting that patient in the main window until the page is painted: the form, the history table
(with its adverse events), the drafts and the outcome chart per indication with its table.
Between two samples another patient is shown, so every sample fills the page again.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from bench.figures import Result, _ms, _qt_app, result

TREATMENTS = 40
FIRST = dt.date(2016, 12, 1)
PLAN = {
    "procerus": 5,
    "corrugator": 10,
    "frontalis": 20,
    "temporalis": 40,
    "occipitalis": 30,
    "cervical_paraspinal": 20,
    "trapezius": 30,
}


def _populate(service: Any, patient_id: int) -> None:
    followups = service.followups
    for n in range(TREATMENTS):
        day = FIRST + dt.timedelta(weeks=13 * n)
        case: dict[str, Any] = {
            "date": day.isoformat(),
            "indications": ["chronic_migraine"],
            "diagnosis": "Chronic migraine (ICHD-3), examined by Dr A. Smith",
            "outcomes": {"monthly_headache_days": 20, "hit6": 66} if n == 0 else {},
            "product": "botox",
            "lot": {"number": f"C{1000 + n}A", "expiry": "2030-01-01"},
            "plan": PLAN,
            "risks_discussed": "all",
            "reasons": {
                "insufficient_response": "Reviewed the diary with the patient, continuing.",
            },
            "consent": {
                "decision": "given",
                "patient_signature": "typed:Bench Patient",
                "clinician": "Dr A. Smith",
            },
        }
        draft: dict[str, Any] = {"case": case, "extra": {}}
        applicable = service.evaluate(patient_id, draft).screening.applicable_questions
        case["answers"] = dict.fromkeys(applicable, "no")
        cid = service.start(patient_id, draft)
        service.seal(cid, draft)
        visit: dict[str, Any] = {
            "date": (day + dt.timedelta(weeks=4)).isoformat(),
            "outcomes": {"monthly_headache_days": max(4, 14 - n % 9), "hit6": 60 - n % 7},
            "global_impression": "much_improved",
            "clinician": "Dr A. Smith",
            "notes": "Bench follow-up.",
        }
        if n % 10 == 3:
            onset = day + dt.timedelta(days=5)
            visit["adverse_events"] = [
                {"risk": "neck_weakness", "onset": onset.isoformat(), "severity": "mild"}
            ]
        followups.record(followups.parse_for_patient(patient_id, visit), patient_id=patient_id)


def patient_page(runs: int = 15) -> Result:
    """Open the 10-year patient's page in the main window until painted (target 100 ms)."""
    app = _qt_app()
    from consult_app.app.consultation_service import ConsultationService
    from consult_app.app.paths import AppPaths
    from consult_app.app.services import load_protocol_for
    from consult_app.core.patient import NewPatient
    from consult_app.core.settings import ClinicSettings
    from consult_app.storage.db import open_database
    from consult_app.storage.patients import PatientRepository
    from consult_app.ui.main_window import MainWindow
    from consult_app.ui.prompts import QtPrompter

    protocol = load_protocol_for(None)
    with tempfile.TemporaryDirectory(prefix="bench-patient-page-") as tmp:
        root = Path(tmp)
        paths = AppPaths(
            data=root / "data", config=root / "config", cache=root / "cache", logs=root / "logs"
        )
        paths.data.mkdir(parents=True)
        conn = open_database(paths.data / "consult.sqlite3")
        try:
            patients = PatientRepository(conn)
            pid = patients.create(
                NewPatient(name="Bench Patient", birth_date=dt.date(1975, 4, 2), sex="female")
            )
            other = patients.create(
                NewPatient(name="Other Patient", birth_date=dt.date(1980, 1, 1))
            )
            now = dt.datetime(2026, 12, 5, 9, 0).astimezone()
            service = ConsultationService(
                conn, protocol, paths, ClinicSettings(), clock=lambda: now
            )
            _populate(service, pid)
            window = MainWindow(patients, QtPrompter(), service=service, now=lambda: now)
            window.resize(1366, 768)
            window.refresh()
            window.show()
            app.processEvents()
            busy, quiet = patients.get(pid), patients.get(other)

            def open_patient() -> None:
                window.show_patient(busy)
                app.processEvents()
                window.repaint()

            def away() -> None:
                window.show_patient(quiet)
                app.processEvents()

            first = _ms(open_patient)  # the first open also builds the chart's widgets
            chart_shown = window.patient_page.outcomes_panel.isVisible()
            for _ in range(3):
                away()
                open_patient()
            samples = []
            for _ in range(runs):
                away()
                samples.append(_ms(open_patient))
            rows = window.patient_page.history_model.rowCount()
            window.close()
            app.processEvents()
        finally:
            conn.close()
    return result(
        samples,
        100,
        f"MainWindow.show_patient until painted, 1366x768 offscreen: {TREATMENTS} sealed "
        f"treatments over 10 years ({rows} history rows) with a follow-up each, chart and "
        "table drawn; another patient shown between samples; first_open_ms is the very first "
        "open of the page in this window (not in the median)",
        first_open_ms=round(first, 1),
        chart_shown=chart_shown,
    )

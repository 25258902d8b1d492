"""One consultation in a child process, for ``peak_rss_mb`` (the parent reads its ru_maxrss).

As much of the consultation as exists today: start the GUI objects on the given database, find
and create a patient, start a draft and save it step by step, evaluate the chronic-migraine case
(``core.usecase.evaluate`` when present, else screening), render the handout and the record, and
seal the consent. Prints what it did on one line.
"""

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _vm_hwm_kb() -> int:
    """Peak resident set of this process (unlike ru_maxrss, not inherited from the parent)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def main(db: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from consult_app.app.services import load_protocol_for
    from consult_app.core.case_file import parse_case
    from consult_app.core.patient import NewPatient
    from consult_app.documents.handout import render_handout
    from consult_app.documents.record import render_record
    from consult_app.resources import resource_path
    from consult_app.storage.consents import seal_consent
    from consult_app.storage.consultations import ConsultationRepository
    from consult_app.storage.db import open_database
    from consult_app.storage.patients import PatientRepository
    from consult_app.ui.main_window import MainWindow
    from consult_app.ui.prompts import QtPrompter

    done = []
    conn = open_database(db, check=False)
    protocol = load_protocol_for(None)
    patients = PatientRepository(conn)
    window = MainWindow(patients, QtPrompter())
    window.refresh()
    window.show()
    app.processEvents()
    done.append("window")

    for text in ("m", "ma", "mar", "marg", "margaret c"):
        window.search_edit.setText(text)
        window.refresh()
        app.processEvents()
    pid = patients.create(
        NewPatient(name="Margaret Chen-Ó Súilleabháin", birth_date=dt.date(1984, 3, 9),
                   sex="female", chart_number=None, phone=None, email=None, language="en",
                   allergies=None)
    )  # fmt: skip
    window.refresh()
    app.processEvents()
    done.append("patient")

    case = json.loads((ROOT / "tests/fixtures/cases/chronic_migraine_ca.json").read_text())
    consultation = parse_case(case, protocol)
    draft_case = {k: v for k, v in case.items() if k not in ("patient", "format")}
    consultations = ConsultationRepository(conn)
    cid = consultations.create_draft(pid, {"case": {}, "extra": {"step": "indications"}})
    for step in ("indications", "product", "screening", "risks", "consent"):
        consultations.save_draft(cid, {"case": draft_case, "extra": {"step": step}})
        consultations.complete_step(cid, step)
    history = consultations.sealed_treatments(pid)
    try:
        from consult_app.core.usecase import evaluate

        evaluate(protocol, consultation)
        done.append("usecase.evaluate")
    except ImportError:
        from consult_app.core.screening import screen

        screen(protocol, consultation)
        done.append("screen")

    sys.path.insert(0, str(ROOT / "tests" / "unit"))
    from document_samples import migraine_handout, migraine_record

    fonts = resource_path("fonts")
    with tempfile.TemporaryDirectory(prefix="bench-docs-") as tmp:
        render_handout(migraine_handout(), Path(tmp) / "handout.pdf", fonts)
        render_record(migraine_record(), Path(tmp) / "record.pdf", fonts)
    done.append("handout+record (document_samples models)")
    payload = dict(draft_case, patient=case["patient"], history=[str(h) for h in history])
    seal_consent(conn, cid, payload)
    done.append("sealed")
    window.close()
    conn.close()
    print(f"VmHWM_kB {_vm_hwm_kb()}")
    print("child on the 10-year database: " + ", ".join(done))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

"""Issue 8: a routine follow-up completes in at most 45 actions, counted here (issue 15 target).

An action is a click, a shortcut key, a field typed in, a barcode scan or a signature drawn.
Everything goes through the widgets of the real main window, on a real SQLite file, with the real
service and PDFs. Each screening question is still answered on its own (one key each).
"""

# ruff: noqa: F811 - the fixtures are shared with test_steps_part2

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from test_consultation_part1 import stored_draft
from test_steps_part2 import (  # noqa: F401 - fixtures
    _no_modal,
    make_window,
    paths,
    prompter,
    protocol,
)
from typing_helpers import type_text

from consult_app.core.patient import NewPatient

MAX_ACTIONS = 45

PREVIOUS_CASE = {
    "jurisdiction": "CA",
    "date": "2026-08-01",  # 112 days before the visit: past the 84-day minimum interval
    "indications": ["glabellar_lines"],
    "product": "botox",
    "lot": {"number": "C0999Z", "expiry": "2027-01-31"},
    "dilution_units_per_ml": 25,
    "plan": {"procerus": 4, "corrugator": 16},
    "answers": {},
    "risks_discussed": "all",
    "consent": {
        "decision": "given",
        "patient_signature": "typed:Claire Lambert",
        "clinician": "Dr A. Martin",
        "clinician_signature": "typed:A. Martin",
    },
}

# What a USB scanner types for the vial's GS1 DataMatrix: GTIN, expiry 2027-05-31, lot C1234A.
SCAN = "(01)03664798034561(17)270531(10)C1234A"


class Actions:
    """Drives the widgets and counts the clinician's actions."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.count = 0
        self.log: list[str] = []

    def _note(self, what):
        self.count += 1
        self.log.append(what)

    def click(self, widget, pos=None):
        self._note(f"click {widget.accessibleName() or widget.objectName()}")
        if pos is None:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)

    def key(self, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
        self._note(f"key {key.name}")
        self.qtbot.keyClick(widget, key, modifier)

    def type(self, widget, text):
        self._note(f"type into {widget.accessibleName()}")
        type_text(self.qtbot, widget, text)

    def scan(self, widget, code):
        # the scanner types the code and its Enter suffix; counted as one scan plus one key
        self._note("scan")
        type_text(self.qtbot, widget, code)
        self.key(widget, Qt.Key.Key_Return)

    def sign(self, pad, offset=0):
        self._note(f"signature {pad.accessibleName()}")
        points = [(40, 100), (90, 50 + offset), (140, 110), (200, 45), (260, 115), (330, 70)]
        self.qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
        for x, y in points[1:]:
            self.qtbot.mouseMove(pad, QPoint(x, y))
        self.qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def seed_returning_patient(window):
    """A patient with a sealed glabellar 20 U Botox treatment, through the real service."""
    service = window.consultation_view._service
    patient_id = service.patients.create(
        NewPatient(
            name="Claire Lambert",
            birth_date=dt.date(1979, 6, 2),
            sex="female",
            chart_number="L-0042",
            email="claire@example.org",
        )
    )
    case = dict(PREVIOUS_CASE)
    draft = {"case": case, "extra": {}}
    applicable = service.evaluate(patient_id, draft).screening.applicable_questions
    case["answers"] = {q: "no" for q in applicable}
    cid = service.start(patient_id, draft)
    service.seal(cid, draft)
    window.refresh()
    return patient_id


def focused():
    return QApplication.focusWidget()


def test_routine_follow_up_in_at_most_45_actions(qtbot, make_window, paths):
    window = make_window()
    seed_returning_patient(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    act = Actions(qtbot)

    # find the patient and open her page
    act.key(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is window.search_edit
    act.type(window.search_edit, "lambert")
    act.key(window.search_edit, Qt.Key.Key_Return)
    page = window.patient_page
    assert window.form.name_edit.text() == "Claire Lambert"
    assert page.repeat_button.isEnabled()

    # repeat last treatment: indications, product and plan carried over
    act.click(page.repeat_button)
    view = window.consultation_view
    assert window.pages.currentWidget() is view
    assert view.current_index() == 0
    assert view.indications_step.checks["glabellar_lines"].isChecked()
    act.click(view.next_button)
    assert view.current_index() == 1
    product = view.product_step
    assert product.product_combo.currentData() == "botox"

    # scan the vial
    act.scan(product.lot_edit, SCAN)
    assert product.lot_edit.text() == "C1234A"
    assert product.expiry_edit.text() == "2027-05-31"
    assert view.next_button.isEnabled(), view.message_label.text()
    act.click(view.next_button)
    assert view.current_index() == 2

    # screening: every question answered on its own, N, the focus moving on by itself
    screening = view.screening_step
    assert screening.rows
    for qid, row in screening.rows.items():
        assert focused() is row, f"focus is not on question {qid}"
        act.key(focused(), Qt.Key.Key_N)
    assert screening.banner.text().startswith("PROCEED")
    act.click(view.next_button)
    assert view.current_index() == 3

    # risks: a routine visit ticks them all as discussed
    risks = view.steps[3]
    act.click(risks.tick_all_button)
    assert risks.is_complete()
    act.click(view.next_button)
    assert view.current_index() == 4

    # consent: each confirmation ticked, two signatures, seal
    consent = view.steps[4]
    assert consent.confirm_checks
    for check in consent.confirm_checks.values():
        act.click(check, pos=QPoint(14, check.height() // 2))
        assert check.isChecked()
    assert consent.clinician_combo.currentText() == "Dr A. Martin"
    act.sign(consent.patient_box.pad)
    act.sign(consent.clinician_box.pad, offset=10)
    act.click(consent.seal_button)
    assert consent.is_sealed(), consent.message_label.text()
    assert "NOT SAVED" not in view.saved_label.text()

    # finish: the documents
    act.click(view.next_button)
    assert view.current_index() == 5
    finish = view.steps[5]
    handout, record = finish.document_path("handout"), finish.document_path("record")
    assert handout is not None and handout.exists()
    assert record is not None and record.exists()
    assert len(PdfReader(handout).pages) >= 1
    record_text = "".join(p.extract_text() for p in PdfReader(record).pages)
    assert "Claire Lambert" in record_text

    status, draft = stored_draft(paths, view.consultation_id)
    assert status == "sealed"
    assert draft["case"]["lot"] == {"number": "C1234A", "expiry": "2027-05-31"}
    assert set(draft["case"]["answers"]) == set(screening.rows)

    # measured: 43 (3 to find the patient, 1 repeat, 2 on the product step plus its Next,
    # one key per screening question, 2 on risks, one click per confirmation, 2 signatures, seal)
    assert act.count <= MAX_ACTIONS, f"{act.count} actions: " + "; ".join(act.log)

"""Steps 1-4 of the consultation through the widgets, on a real SQLite file and the real service."""

import datetime as dt
import json
import sqlite3

import pytest
from PySide6.QtCore import Qt
from typing_helpers import type_text

from consult_app.app.consultation_service import ConsultationService
from consult_app.app.paths import AppPaths
from consult_app.app.services import load_protocol_for
from consult_app.core.settings import ClinicSettings
from consult_app.storage.db import open_database
from consult_app.storage.patients import PatientRepository
from consult_app.ui.main_window import MainWindow

TODAY = dt.date(2026, 11, 21)
NOW = dt.datetime(2026, 11, 21, 14, 3, tzinfo=dt.UTC)


class FakePrompter:
    def __init__(self):
        self.asked = []

    def show_error(self, title, message):
        self.asked.append(("error", message))

    def show_info(self, title, message):
        self.asked.append(("info", message))

    def confirm(self, title, question):
        self.asked.append(("confirm", question))
        return False

    def ask_save_path(self, title, default, filter_text):
        return None

    def ask_open_path(self, title, start, filter_text):
        return None


@pytest.fixture(scope="module")
def protocol():
    return load_protocol_for(None)


@pytest.fixture
def paths(tmp_path):
    data = tmp_path / "data"
    return AppPaths(
        data=data, config=tmp_path / "config", cache=tmp_path / "cache", logs=tmp_path / "logs"
    )


@pytest.fixture
def make_window(qtbot, paths, protocol):
    conns = []

    def make():
        paths.data.mkdir(parents=True, exist_ok=True)
        conn = open_database(paths.data / "consult.sqlite3")
        conns.append(conn)
        service = ConsultationService(conn, protocol, paths, ClinicSettings(), clock=lambda: NOW)
        window = MainWindow(
            PatientRepository(conn),
            FakePrompter(),
            today=lambda: TODAY,
            service=service,
            now=lambda: dt.datetime(2026, 11, 21, 14, 3),
        )
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.refresh()
        window.show()
        return window

    yield make
    for conn in conns:
        conn.close()


def db_rows(paths, sql, args=()):
    conn = sqlite3.connect(paths.data / "consult.sqlite3")
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def stored_draft(paths, cid):
    (row,) = db_rows(paths, "SELECT status, data FROM consultations WHERE id = ?", (cid,))
    return row["status"], json.loads(row["data"])


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def create_patient(qtbot, window, name="Zoë O'Brien", birth="1984-03-09", sex="female"):
    click(qtbot, window.new_button)
    form = window.form
    type_text(qtbot, form.name_edit, name)
    qtbot.keyClicks(form.birth_edit, birth)
    form.sex_combo.setCurrentIndex(form.sex_combo.findData(sex))
    click(qtbot, form.save_button)
    assert form.status_label.text() == "Saved."


def start(qtbot, window):
    click(qtbot, window.patient_page.start_button)
    view = window.consultation_view
    assert window.pages.currentWidget() is view
    return view


def choose_indication(qtbot, view, iid):
    check = view.indications_step.checks[iid]
    check.setFocus()
    qtbot.keyClick(check, Qt.Key.Key_Space)
    assert check.isChecked()


def choose_product(qtbot, view, pid):
    combo = view.product_step.product_combo
    index = combo.findData(pid)
    combo.setFocus()
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def type_lot(qtbot, view, text):
    edit = view.product_step.lot_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def answer_all(qtbot, view, yes=(), unsure=()):
    step = view.screening_step
    for qid in list(step.rows):
        row = step.rows.get(qid)
        key = Qt.Key.Key_Y if qid in yes else Qt.Key.Key_U if qid in unsure else Qt.Key.Key_N
        qtbot.keyClick(row, key)


def to_screening_glabellar(qtbot, window):
    view = start(qtbot, window)
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    assert view.current_index() == 1
    choose_product(qtbot, view, "botox")
    type_lot(qtbot, view, "C1234A")
    qtbot.keyClicks(view.product_step.expiry_edit, "2027-05-31")
    qtbot.keyClick(view.product_step.expiry_edit, Qt.Key.Key_Tab)
    assert view.next_button.isEnabled(), view.message_label.text()
    click(qtbot, view.next_button)
    assert view.current_index() == 2
    return view


def test_new_patient_to_green_verdict(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    step = view.screening_step
    assert step.rows, "applicable questions are shown"
    assert "milk_protein_allergy" not in step.rows  # Dysport only
    assert not view.next_button.isEnabled()
    answer_all(qtbot, view)
    assert step.banner.text().startswith("PROCEED")
    assert view.next_button.isEnabled()
    assert view.saved_label.text() == "Saved 14:03"
    status, draft = stored_draft(paths, view.consultation_id)
    assert status == "draft"
    case = draft["case"]
    assert case["indications"] == ["glabellar_lines"]
    assert case["product"] == "botox"
    assert case["plan"] == {"procerus": 4, "corrugator": 16} or sum(case["plan"].values()) > 0
    assert case["lot"] == {"number": "C1234A", "expiry": "2027-05-31"}
    assert set(case["answers"]) == set(step.rows)
    assert set(case["answers"].values()) == {"no"}
    click(qtbot, view.next_button)
    assert view.current_index() == 3
    audit = db_rows(paths, "SELECT detail FROM audit_log WHERE event = 'step_completed'")
    assert [r["detail"] for r in audit] == ["indications", "product", "screening"]

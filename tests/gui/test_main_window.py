"""The main window through its widgets, on a real SQLite file."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from typing_helpers import type_text

from consult_app.storage.db import open_database
from consult_app.storage.patients import PatientRepository
from consult_app.ui.main_window import MainWindow


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


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "data" / "consult.sqlite3"


@pytest.fixture
def make_window(qtbot, db_path):
    conns = []

    def make():
        conn = open_database(db_path)
        conns.append(conn)
        window = MainWindow(
            PatientRepository(conn), FakePrompter(), today=lambda: dt.date(2026, 11, 21)
        )
        qtbot.addWidget(window)
        window.refresh()
        window.show()
        return window

    yield make
    for conn in conns:
        conn.close()


def type_patient(qtbot, window, name, birth, email=""):
    qtbot.mouseClick(window.new_button, Qt.MouseButton.LeftButton)
    form = window.form
    type_text(qtbot, form.name_edit, name)
    qtbot.keyClicks(form.birth_edit, birth)
    if email:
        qtbot.keyClicks(form.email_edit, email)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


HOSTILE = "Zoë O'Brien-Łukasiewicz <b> & Co"


def test_created_patient_is_found_after_restart(qtbot, make_window):
    window = make_window()
    type_patient(qtbot, window, HOSTILE, "1984-03-09", "zoe@example.org")
    assert window.form.status_label.text() == "Saved."
    window.close()

    window2 = make_window()
    type_text(qtbot, window2.search_edit, "łuka")
    qtbot.waitUntil(lambda: not window2._search_timer.isActive(), timeout=2000)
    assert window2.patient_model.rowCount() == 1
    index = window2.patient_model.index(0, 0)
    assert window2.patient_model.data(index) == HOSTILE
    window2.patient_table.selectRow(0)
    assert window2.form.name_edit.text() == HOSTILE
    assert window2.form.email_edit.text() == "zoe@example.org"


@pytest.mark.parametrize("query", ["1984-03", "zoë", "ZOE", "o'brien"])
def test_search_by_birth_date_and_name(qtbot, make_window, query):
    window = make_window()
    type_patient(qtbot, window, HOSTILE, "1984-03-09")
    type_patient(qtbot, window, "Иван Петров", "1990-01-02")
    window.search_edit.clear()
    type_text(qtbot, window.search_edit, query)
    qtbot.waitUntil(lambda: not window._search_timer.isActive(), timeout=2000)
    assert window.patient_model.rowCount() == 1
    assert window.patient_model.patient_at(0).name == HOSTILE


def test_bad_input_shows_message_beside_field_and_keeps_values(qtbot, make_window):
    window = make_window()
    type_patient(qtbot, window, "", "2026-02-30", "jane@")
    form = window.form
    assert form.errors["name"].isVisibleTo(window) and form.errors["name"].text() == "Required."
    assert "real date" in form.errors["birth_date"].text()
    assert "email" in form.errors["email"].text()
    assert form.birth_edit.text() == "2026-02-30"
    assert form.email_edit.text() == "jane@"
    window.search_edit.clear()
    window.refresh()
    assert window.patient_model.rowCount() == 0


def test_future_birth_date_refused(qtbot, make_window):
    window = make_window()
    type_patient(qtbot, window, "Jane Doe", "2027-01-01")
    assert "past" in window.form.errors["birth_date"].text()
    assert window.patient_model.rowCount() == 0


def test_edit_patient_details(qtbot, make_window):
    window = make_window()
    type_patient(qtbot, window, "Jane Doe", "1984-03-09")
    window.form.phone_edit.setText("")
    qtbot.keyClicks(window.form.phone_edit, "+1 416 555 0100")
    qtbot.mouseClick(window.form.save_button, Qt.MouseButton.LeftButton)
    window.refresh()
    assert window.patient_model.rowCount() == 1
    assert window.patient_model.patient_at(0).phone == "+1 416 555 0100"


def test_duplicate_chart_number_message(qtbot, make_window):
    window = make_window()
    qtbot.mouseClick(window.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.form.name_edit, "A One")
    qtbot.keyClicks(window.form.birth_edit, "1980-01-01")
    qtbot.keyClicks(window.form.chart_edit, "C-1")
    qtbot.mouseClick(window.form.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.form.name_edit, "B Two")
    qtbot.keyClicks(window.form.birth_edit, "1981-01-01")
    qtbot.keyClicks(window.form.chart_edit, "C-1")
    qtbot.mouseClick(window.form.save_button, Qt.MouseButton.LeftButton)
    assert "another patient" in window.form.errors["chart_number"].text()
    assert window.form.name_edit.text() == "B Two"


def test_ctrl_f_focuses_search(qtbot, make_window):
    window = make_window()
    window.activateWindow()
    window.new_button.setFocus()
    window.find_action.trigger()
    assert window.search_edit.hasFocus() or window.focusWidget() is window.search_edit

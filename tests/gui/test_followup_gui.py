"""A follow-up visit entered through the widgets of the patient page (issue 19).

The real main window and consultation service on a real database: a sealed migraine treatment,
then "Record follow-up" opens the form; scores and an adverse event are typed and picked with
the keyboard; Save stores the visit (the same validation as ``consult-app followup``), writes its
note and the outcomes panel shows the chart and the numbers beside it. A refused visit shows its
message in the form.
"""

# ruff: noqa: F811 - the fixtures are shared with test_consultation_part1

from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from test_consultation_part1 import (  # noqa: F401 - fixtures
    click,
    create_patient,
    db_rows,
    make_window,
    paths,
    protocol,
)
from test_patient_page import FIXTURE_CASE, current_patient_id
from typing_helpers import type_text


def seal(window, patient_id, date, outcomes=None):
    service = window.consultation_view._service
    case = dict(FIXTURE_CASE, date=date)
    if outcomes:
        case["outcomes"] = outcomes
    draft = {"case": case, "extra": {}}
    applicable = service.evaluate(patient_id, draft).screening.applicable_questions
    case["answers"] = {q: "no" for q in applicable}
    cid = service.start(patient_id, draft)
    service.seal(cid, draft)
    return cid


def test_followup_through_the_widgets_reaches_chart_and_database(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    page = window.patient_page
    pid = current_patient_id(window)
    assert not page.followup_button.isEnabled()  # nothing to follow up yet
    seal(window, pid, "2026-08-01", {"monthly_headache_days": 20, "hit6": 66})
    window.refresh_consultations()
    assert page.followup_button.isVisible() and page.followup_button.isEnabled()

    click(qtbot, page.followup_button)
    dialog = window.followup_controller.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.date_edit.setDate(QDate(2026, 9, 1))
    days = dialog.score_edits["monthly_headache_days"]
    days.setFocus()
    days.selectAll()
    type_text(qtbot, days, "12")
    hit6 = dialog.score_edits["hit6"]
    hit6.selectAll()
    type_text(qtbot, hit6, "58")
    click(qtbot, dialog.add_event_button)
    risk = dialog.events_table.cellWidget(0, 0)
    risk.setCurrentIndex(risk.findData("eyelid_droop"))
    severity = dialog.events_table.cellWidget(0, 1)
    severity.setFocus()
    qtbot.keyClick(severity, Qt.Key.Key_Down)  # mild -> moderate
    dialog.events_table.cellWidget(0, 2).setDate(QDate(2026, 8, 6))
    type_text(qtbot, dialog.clinician_edit, "Dr A. Smith")
    type_text(qtbot, dialog.notes_edit, "Fewer migraines; <b>droopy</b> lid & resolved?")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))

    assert not dialog.isVisible(), dialog.error_label.text()
    (row,) = db_rows(paths, "SELECT date, product FROM followups")
    assert (row["date"], row["product"]) == ("2026-09-01", "botox")
    (event,) = db_rows(paths, "SELECT risk, severity, onset, resolved FROM adverse_events")
    assert tuple(event) == ("eyelid_droop", "moderate", "2026-08-06", None)
    # the note was written and says the scores against the baseline
    message = page.consult_message.text()
    assert "Follow-up recorded" in message
    note = message.split("Note: ", 1)[1]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(note).pages).split())
    assert "20 (2026-08-01)" in text and "-40%" in text and "Moderate" in text
    # the history row of the treatment shows the adverse event as entered
    history = page.history_model
    events = history.data(history.index(0, history.COLUMNS.index("adverse_events")))
    assert events == "Drooping upper eyelid (ptosis): moderate, onset 2026-08-06, ongoing"
    # the outcomes panel: one box for chronic migraine, the table has both visits
    panel = page.outcomes_panel
    assert panel.isVisibleTo(window) and len(panel.tables) == 1
    table = panel.tables[0]
    assert table.rowCount() == 2
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(2)]
    assert cells[0][:4] == ["2026-08-01", "Treatment (baseline)", "20", "66"]
    assert cells[1][:4] == ["2026-09-01", "Follow-up", "12", "58"]
    assert cells[1][-1] == "-40%"
    assert (
        "responding" in panel.verdicts[0].text()
        and "not responding" not in panel.verdicts[0].text()
    )
    chart = panel.charts[0]
    chart.resize(360, 170)
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    chart.render(image)
    colours = {image.pixel(x, y) for x in range(0, 360, 3) for y in range(0, 170, 3)}
    assert len(colours) > 2  # something was drawn


def test_refused_followup_shows_the_field_in_the_form(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    seal(window, current_patient_id(window), "2026-08-01")
    window.refresh_consultations()
    click(qtbot, window.patient_page.followup_button)
    dialog = window.followup_controller.dialog
    dialog.date_edit.setDate(QDate(2026, 7, 1))  # before the treatment
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))
    assert dialog.isVisible()
    assert dialog.error_label.text().startswith("date:")
    assert db_rows(paths, "SELECT id FROM followups") == []


def test_due_list_and_lot_recall_through_the_widgets(qtbot, make_window, paths, tmp_path):
    window = make_window()
    create_patient(qtbot, window)
    seal(window, current_patient_id(window), "2026-08-01")  # review and re-treatment 2026-10-24
    assert window.lists_button.isEnabled()
    click(qtbot, window.lists_button)
    dialog = window.lists_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    dialog.from_edit.setDate(QDate(2026, 10, 24))
    dialog.to_edit.setDate(QDate(2026, 10, 24))
    click(qtbot, dialog.due_button)
    tab = dialog.due_tab
    assert tab.header[0] == "chart_number" and len(tab.rows) == 1
    assert tab.rows[0][4:] == ["2026-08-01", "botox", "2026-10-24", "2026-10-24"]
    assert tab.proxy.rowCount() == 1 and tab.export_button.isEnabled()
    dialog.from_edit.setDate(QDate(2026, 10, 25))
    dialog.to_edit.setDate(QDate(2026, 11, 30))
    click(qtbot, dialog.due_button)
    assert tab.rows == [] and not tab.export_button.isEnabled()

    dialog.tabs.setCurrentWidget(dialog.lot_tab)
    type_text(qtbot, dialog.lot_edit, "c1234a")
    qtbot.keyClick(dialog.lot_edit, Qt.Key.Key_Return)
    lot = dialog.lot_tab
    assert [r[0] for r in lot.rows] == ["2026-08-01"] and lot.rows[0][-2:] == ["botox", "155"]
    # export: the same CSV as the command, where the prompter says
    target = tmp_path / "recall.csv"
    window._prompter.ask_save_path = lambda *args: target
    click(qtbot, lot.export_button)
    text = target.read_text("utf-8")
    assert text.splitlines()[0] == "date,chart_number,name,phone,email,product,units"
    assert "2026-08-01" in text.splitlines()[1]
    assert "Exported to" in dialog.message.text()


def test_the_window_is_freed_with_follow_ups_attached(qtbot, paths, protocol):
    """The follow-up controller must not hold the main window (a leaked window kept answering
    later tests' shortcuts on a closed database)."""
    import gc
    import weakref

    from test_consultation_part1 import NOW, FakePrompter

    from consult_app.app.consultation_service import ConsultationService
    from consult_app.core.settings import ClinicSettings
    from consult_app.storage.db import open_database
    from consult_app.storage.patients import PatientRepository
    from consult_app.ui.main_window import MainWindow

    paths.data.mkdir(parents=True, exist_ok=True)
    conn = open_database(paths.data / "consult.sqlite3")
    service = ConsultationService(conn, protocol, paths, ClinicSettings(), clock=lambda: NOW)
    window = MainWindow(PatientRepository(conn), FakePrompter(), service=service)
    assert window.followup_controller is not None
    window.open_lists()
    ref = weakref.ref(window)
    window.close()
    del window
    gc.collect()
    assert ref() is None
    conn.close()

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


def test_stop_ends_in_recorded_deferral(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    step = view.screening_step
    answer_all(qtbot, view, yes={"pregnant"})
    assert step.banner.text().startswith("STOP")
    assert not view.next_button.isEnabled()
    assert "STOP" in view.step_list.item(2).text()
    assert step.deferral_button.isVisible()
    click(qtbot, step.deferral_button)
    assert "Deferral recorded" in step.deferral_label.text()
    status, draft = stored_draft(paths, view.consultation_id)
    assert status == "deferred"
    assert draft["case"]["answers"]["pregnant"] == "yes"
    docs = db_rows(
        paths, "SELECT kind FROM documents WHERE consultation_id = ?", (view.consultation_id,)
    )
    # 1.1: the chart's record of the deferred consultation is written with the letter.
    assert sorted(doc["kind"] for doc in docs) == ["deferral", "record"]
    letters = list(paths.data.rglob("deferral.pdf"))
    assert len(letters) == 1 and letters[0].read_bytes().startswith(b"%PDF")
    assert (letters[0].parent / "record.pdf").read_bytes().startswith(b"%PDF")


def test_caution_blocks_next_until_reason_typed(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    step = view.screening_step
    answer_all(qtbot, view, yes={"muscle_relaxants"})
    assert step.banner.text().startswith("CAUTION")
    assert not view.next_button.isEnabled()
    assert "reason" in view.message_label.text()
    assert list(step.reason_boxes) == ["muscle_relaxants"]
    edit = step.reason_boxes["muscle_relaxants"].edit
    assert edit.accessibleName().startswith("Reason")
    type_text(qtbot, edit, "Baclofen 10 mg at night; counselled on extra weakness — ok")
    assert view.next_button.isEnabled()
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["reasons"]["muscle_relaxants"].endswith("weakness — ok")
    click(qtbot, view.next_button)
    assert view.current_index() == 3


def test_unsure_keeps_verdict_incomplete(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    answer_all(qtbot, view, unsure={"bleeding_disorder"})
    assert view.screening_step.banner.text().startswith("INCOMPLETE")
    assert not view.next_button.isEnabled()
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["answers"]["bleeding_disorder"] == "unsure"


def test_product_change_after_screening_keeps_applicable_answers(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    answer_all(qtbot, view, yes={"anticoagulants"})
    before = set(view.screening_step.rows)
    assert view.next_button.isEnabled()
    # Reopen step 3 from the step list and change the product.
    rect = view.step_list.visualItemRect(view.step_list.item(1))
    qtbot.mouseClick(view.step_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current_index() == 1
    choose_product(qtbot, view, "dysport")
    _status, draft = stored_draft(paths, view.consultation_id)
    case = draft["case"]
    assert case["product"] == "dysport"
    assert case["plan"]["corrugator"] != 16  # Dysport units, never converted from Botox
    click(qtbot, view.next_button)
    step = view.screening_step
    assert view.current_index() == 2
    assert "milk_protein_allergy" in step.rows
    kept = before & set(step.rows)
    answers = case["answers"]
    assert all(answers[q] in ("yes", "no") for q in kept)
    assert step.rows["anticoagulants"].buttons["yes"].isChecked()
    assert step.banner.text().startswith("INCOMPLETE")
    assert not view.next_button.isEnabled()
    step.rows["milk_protein_allergy"].setFocus()
    qtbot.keyClick(step.rows["milk_protein_allergy"], Qt.Key.Key_N)
    assert step.banner.text().startswith("PROCEED")
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["answers"]["milk_protein_allergy"] == "no"
    assert draft["case"]["answers"]["anticoagulants"] == "yes"


def test_draft_resumed_after_reopening_the_window(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window, name="Ève Lambert")
    view = start(qtbot, window)
    choose_indication(qtbot, view, "chronic_migraine")
    assert not view.next_button.isEnabled()  # therapeutic: diagnosis basis required
    type_text(qtbot, view.indications_step.diagnosis_edit, "Chronic migraine (ICHD-3), Dr Côté")
    spin = view.indications_step.outcome_spins["monthly_headache_days"]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "18")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    cid = view.consultation_id
    window.close()

    window2 = make_window()
    type_text(qtbot, window2.search_edit, "lambert")
    window2.refresh()
    window2.patient_table.selectRow(0)
    page = window2.patient_page
    assert page.drafts_list.count() == 1
    click(qtbot, page.resume_button)
    view2 = window2.consultation_view
    assert window2.pages.currentWidget() is view2
    assert view2.consultation_id == cid
    assert view2.current_index() == 1
    assert view2.product_step.product_combo.currentData() == "botox"
    assert "Temporalis" in view2.product_step.unit_spins["temporalis"].accessibleName()
    view2.show_step(0)
    assert view2.indications_step.checks["chronic_migraine"].isChecked()
    assert "Côté" in view2.indications_step.diagnosis_edit.toPlainText()
    _status, draft = stored_draft(paths, cid)
    assert draft["case"]["outcomes"] == {"monthly_headache_days": 18}
    assert sum(draft["case"]["plan"].values()) == 155


@pytest.mark.parametrize(
    "scan",
    [
        "(01)03664798034561(17)270531(10)C1234A",
        "0103664798034561172705311" + "0C1234A",
        "]d2010366479803456117270531" + "10C1234A",
    ],
)
def test_gs1_string_typed_into_lot_field(qtbot, make_window, paths, scan):
    window = make_window()
    create_patient(qtbot, window)
    view = start(qtbot, window)
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    type_lot(qtbot, view, scan)
    step = view.product_step
    assert step.lot_edit.text() == "C1234A"
    assert step.expiry_edit.text() == "2027-05-31"
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["lot"] == {"number": "C1234A", "expiry": "2027-05-31"}


def test_gs1_expired_vial_refused_on_the_spot(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = start(qtbot, window)
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    type_lot(qtbot, view, "(01)03664798034561(17)251031(10)OLD99")
    step = view.product_step
    assert step.lot_message.isVisible()
    assert "Expired on 2025-10-31" in step.lot_message.text()
    # The expired vial's lot and expiry are cleared from the fields, not only from the draft.
    assert step.lot_edit.text() == "" and step.expiry_edit.text() == ""
    _status, draft = stored_draft(paths, view.consultation_id)
    assert "lot" not in draft["case"]
    # Screening may go ahead (the lot is needed to seal, not to screen).
    assert view.next_button.isEnabled()


def test_off_label_shown_and_units_total_live(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = start(qtbot, window)
    choose_indication(qtbot, view, "glabellar_lines")
    choose_indication(qtbot, view, "bruxism")
    type_text(qtbot, view.indications_step.diagnosis_edit, "Bruxism, examined by Dr Côté")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    step = view.product_step
    status = step.label_status.text()
    assert "Glabellar (frown) lines: <span" in status and "on-label" in status
    assert "Bruxism (jaw clenching, teeth grinding): <b" in status and "OFF-LABEL" in status
    # The masseter has no default for Botox here: the clinician types the units.
    spin = step.unit_spins["masseter"]
    assert spin.value() == 0
    assert not view.next_button.isEnabled()
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "50")
    assert "Total: 70 U of Botox" in step.total_label.text()
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["plan"]["masseter"] == 50
    assert sum(draft["case"]["plan"].values()) == 70
    click(qtbot, step.remove_buttons["masseter"])
    _status, draft = stored_draft(paths, view.consultation_id)
    assert "masseter" not in draft["case"]["plan"]


def test_alt_arrows_move_between_steps(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = start(qtbot, window)
    # Offscreen windows never become active, so Qt does not deliver shortcuts here: check the
    # key bindings, then trigger the actions (the keys themselves were tried under Xvfb).
    assert view.next_action.shortcut().toString() == "Alt+Right"
    assert view.back_action.shortcut().toString() == "Alt+Left"
    choose_indication(qtbot, view, "glabellar_lines")
    view.next_action.trigger()
    assert view.current_index() == 1
    assert window.focusWidget() is view.product_step.product_combo
    # Step 3 is not complete: Alt+Right does not move on.
    view.next_action.trigger()
    assert view.current_index() == 1
    assert "product" in view.message_label.text()
    view.back_action.trigger()
    assert view.current_index() == 0
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["extra"]["step"] == "indications"


def test_gs1_raw_with_group_separator(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = start(qtbot, window)
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    edit = view.product_step.lot_edit
    edit.setFocus()
    # A scanner sends the lot (variable length) then GS, then a serial number.
    type_text(qtbot, edit, "010366479803456117270531" + "10C1234A\x1d21SN998")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["lot"] == {"number": "C1234A", "expiry": "2027-05-31"}


def test_reason_box_says_what_is_missing_beside_it(qtbot, make_window, paths):
    """1.1: a reason counts with 2 words and 12 characters; the box says what is missing."""
    window = make_window()
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    step = view.screening_step
    answer_all(qtbot, view, yes={"muscle_relaxants"})
    box = step.reason_boxes["muscle_relaxants"]
    assert not box.shortfall.isHidden()
    assert "12 characters" in box.shortfall.text()
    type_text(qtbot, box.edit, "test")
    assert (
        box.shortfall.text() == "Reason too short: at least 2 words and 8 more characters needed."
    )
    assert not view.next_button.isEnabled()
    assert "12 characters" in view.message_label.text()
    type_text(qtbot, box.edit, " dose low")  # 11 characters, 3 words
    assert box.shortfall.text() == "Reason too short: 1 more character needed."
    assert not view.next_button.isEnabled()
    type_text(qtbot, box.edit, "!")  # 12 characters
    assert box.shortfall.isHidden()
    assert view.next_button.isEnabled()


def test_therapeutic_consent_cannot_be_sealed_without_a_diagnosis(qtbot, make_window, paths):
    """A draft without a diagnosis (from a case file) reaches the consent step: sealing refuses."""
    from consult_app.app.cmd_run import run_case

    answers = dict.fromkeys(load_protocol_for(None).questions, "no")
    case = {
        "format": "consult-case/1",
        "date": TODAY.isoformat(),
        "patient": {"name": "Lou Diagnosis", "birth_date": "1980-01-01", "sex": "male"},
        "indications": ["bruxism"],
        "product": "botox",
        "lot": {"number": "C1", "expiry": "2027-05-31"},
        "plan": {"masseter": 50},
        "answers": answers,
        "reasons": {"off_label": "Bruxism off-label, discussed with the patient."},
        "risks_discussed": "all",
        "consent": {"decision": "given", "patient_signature": "typed:Lou", "clinician": "Dr X"},
    }
    path = paths.data.parent / "case.json"
    paths.data.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(case), encoding="utf-8")
    outcome = run_case(path, paths.data.parent / "out", data_dir=paths.data)
    assert outcome.code == 4 and outcome.missing == ("diagnosis",)

    window = make_window()
    type_text(qtbot, window.search_edit, "diagnosis")
    window.refresh()
    window.patient_table.selectRow(0)
    click(qtbot, window.patient_page.resume_button)
    view = window.consultation_view
    view.show_step(view.steps.index(view.consent_step))
    step = view.consent_step
    assert "diagnosis" in step.hint()
    for check in step.confirm_checks.values():
        check.setChecked(True)
    click(qtbot, step.seal_button)
    assert not step.is_sealed()
    status, _draft = stored_draft(paths, outcome.consultation_id)
    assert status != "sealed"
    assert db_rows(paths, "SELECT id FROM consents") == []
    assert "Alternatives, including no treatment" in step.text_view.text()
    assert "night guard" in step.text_view.text()


def test_prescriber_is_entered_with_the_diagnosis_and_kept_in_the_draft(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = start(qtbot, window)
    choose_indication(qtbot, view, "bruxism")
    step = view.indications_step
    assert "required" in step.diagnosis_label.text()
    assert "diagnosis and who examined are required" in view.message_label.text()
    type_text(qtbot, step.diagnosis_edit, "x")  # a placeholder is not a diagnosis (1.1)
    assert "Not a diagnosis" in view.message_label.text()
    assert not view.next_button.isEnabled()
    step.diagnosis_edit.clear()
    type_text(qtbot, step.diagnosis_edit, "Sleep bruxism; examined by Dr L. Martin")
    type_text(qtbot, step.prescriber_edit, "Dr L. Martin, DMD")
    assert view.next_button.isEnabled()
    click(qtbot, view.next_button)
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["prescriber"] == "Dr L. Martin, DMD"
    assert draft["case"]["diagnosis"].startswith("Sleep bruxism")

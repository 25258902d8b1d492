"""The patient page through its widgets: details and allergies, history, repeat last treatment."""

# ruff: noqa: F811 - the fixtures are shared with test_consultation_part1

import json

from PySide6.QtCore import Qt
from test_consultation_part1 import (  # noqa: F401 - fixtures
    click,
    create_patient,
    db_rows,
    make_window,
    paths,
    protocol,
    stored_draft,
)
from typing_helpers import type_text

FIXTURE_CASE = {
    "jurisdiction": "CA",
    "date": "2026-08-01",
    "indications": ["chronic_migraine"],
    "diagnosis": "Chronic migraine (ICHD-3), examined by Dr A. Smith",
    "product": "botox",
    "lot": {"number": "C1234A", "expiry": "2027-05-31"},
    "dilution_units_per_ml": 50,
    "plan": {
        "procerus": 5,
        "corrugator": 10,
        "frontalis": 20,
        "temporalis": 40,
        "occipitalis": 30,
        "cervical_paraspinal": 20,
        "trapezius": 30,
    },
    "answers": {},
    "risks_discussed": "all",
    "consent": {
        "decision": "given",
        "patient_signature": "typed:Zoe",
        "clinician": "Dr A. Smith",
        "clinician_signature": "typed:A. Smith",
    },
}


def seal_previous_treatment(window, patient_id):
    """Arrange a sealed treatment in the history (through the service, as step 7 would)."""
    service = window.consultation_view._service
    case = dict(FIXTURE_CASE)
    draft = {"case": case, "extra": {}}
    applicable = service.evaluate(patient_id, draft).screening.applicable_questions
    case["answers"] = {q: "no" for q in applicable}
    cid = service.start(patient_id, draft)
    service.seal(cid, draft)
    return cid


def current_patient_id(window):
    return window._editing_id


def test_allergies_edited_and_audited(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    edit = window.form.allergies_edit
    edit.setFocus()
    type_text(qtbot, edit, "pénicilline; latex")
    click(qtbot, window.form.save_button)
    (row,) = db_rows(paths, "SELECT allergies FROM patients")
    assert row["allergies"] == "pénicilline; latex"
    events = [r["event"] for r in db_rows(paths, "SELECT event FROM audit_log ORDER BY seq")]
    assert events[:2] == ["patient_created", "patient_changed"]
    assert window.patient_page.consult_panel.isVisible()
    assert window.patient_page.history_model.rowCount() == 0
    assert not window.patient_page.repeat_button.isEnabled()


def test_history_and_repeat_last_treatment(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    patient_id = current_patient_id(window)
    seal_previous_treatment(window, patient_id)
    window.refresh_consultations()
    page = window.patient_page
    model = page.history_model
    assert model.rowCount() == 1
    cells = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert cells[0] == "2026-08-01"
    assert cells[1] == "Botox"
    assert cells[2] == "Chronic migraine"
    assert "Temporalis (temples) 40" in cells[3]
    assert cells[4] == "155"
    assert page.repeat_button.isEnabled()
    click(qtbot, page.repeat_button)
    view = window.consultation_view
    assert window.pages.currentWidget() is view
    assert view.indications_step.checks["chronic_migraine"].isChecked()
    status, draft = stored_draft(paths, view.consultation_id)
    assert status == "draft"
    case = draft["case"]
    assert case["product"] == "botox"
    assert case["plan"]["temporalis"] == 40
    assert "answers" not in case and "lot" not in case  # asked again every time
    # Back on the patient page the new draft is listed.
    click(qtbot, view.patient_button)
    assert page.drafts_list.count() == 1
    assert json.loads(
        db_rows(paths, "SELECT data FROM consultations WHERE id = ?", (view.consultation_id,))[0][0]
    )["case"]["indications"] == ["chronic_migraine"]


def test_keyboard_start_and_ctrl_f(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    page = window.patient_page
    page.start_button.setFocus()
    qtbot.keyClick(page.start_button, Qt.Key.Key_Space)
    assert window.pages.currentWidget() is window.consultation_view
    window.find_action.trigger()
    assert window.pages.currentWidget() is window.list_page
    assert page.drafts_list.count() == 1


def test_caution_offers_last_visits_reason(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    patient_id = current_patient_id(window)
    service = window.consultation_view._service
    case = dict(FIXTURE_CASE)
    draft = {"case": case, "extra": {}}
    applicable = service.evaluate(patient_id, draft).screening.applicable_questions
    case["answers"] = {q: "yes" if q == "muscle_relaxants" else "no" for q in applicable}
    case["reasons"] = {"muscle_relaxants": "Baclofen 10 mg at night; counselled."}
    service.seal(service.start(patient_id, draft), draft)
    window.refresh_consultations()

    click(qtbot, window.patient_page.repeat_button)
    view = window.consultation_view
    click(qtbot, view.next_button)
    step3 = view.product_step
    step3.lot_edit.setFocus()
    qtbot.keyClicks(step3.lot_edit, "D5678B")
    qtbot.keyClick(step3.lot_edit, Qt.Key.Key_Return)
    click(qtbot, view.next_button)
    assert view.current_index() == 2
    step = view.screening_step
    for qid, row in list(step.rows.items()):
        qtbot.keyClick(row, Qt.Key.Key_Y if qid == "muscle_relaxants" else Qt.Key.Key_N)
    box = step.reason_boxes["muscle_relaxants"]
    assert not view.next_button.isEnabled()
    assert box.previous == "Baclofen 10 mg at night; counselled."
    assert box.previous_button.isVisibleTo(box)
    click(qtbot, box.previous_button)
    assert box.edit.toPlainText() == "Baclofen 10 mg at night; counselled."
    type_text(qtbot, box.edit, " Same dose.")
    assert view.next_button.isEnabled()
    _status, stored = stored_draft(paths, view.consultation_id)
    assert stored["case"]["reasons"]["muscle_relaxants"].endswith("counselled. Same dose.")


def test_history_model_is_a_sound_qt_model(qtmodeltester, make_window, qtbot):
    window = make_window()
    create_patient(qtbot, window)
    seal_previous_treatment(window, current_patient_id(window))
    window.refresh_consultations()
    qtmodeltester.check(window.patient_page.history_model)


def _mnemonics(root):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    keys = []
    for widget in root.findChildren(QAbstractButton) + root.findChildren(QLabel):
        text = widget.text()
        if not widget.isVisibleTo(root) or "&" not in text.replace("&&", ""):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        keys.append((text.replace("&&", "")[text.replace("&&", "").index("&") + 1].lower(), text))
    return keys


def test_patient_page_mnemonics_are_unique(qtbot, make_window):
    """Alt+letter must reach one control: an ambiguous one does nothing at all."""
    window = make_window()
    create_patient(qtbot, window)
    keys = _mnemonics(window.list_page)
    letters = [k for k, _ in keys]
    assert len(letters) == len(set(letters)), sorted(keys)
    assert ("c", "Start &consultation") in keys


def test_export_for_emr_writes_the_patients_fhir_bundle(qtbot, make_window, paths, tmp_path):
    """Issue 22: "Export for EMR..." on the patient page writes the same validated bundle."""
    from fhir.resources.R4B import get_fhir_model_class

    window = make_window()
    create_patient(qtbot, window)
    seal_previous_treatment(window, current_patient_id(window))
    window.refresh_consultations()
    page = window.patient_page
    assert page.export_button.isVisible()
    out = tmp_path / "emr"
    window._prompter.ask_folder = lambda title, start: out
    click(qtbot, page.export_button)
    (written,) = list(out.iterdir())
    bundle = json.loads(written.read_text("utf-8"))
    get_fhir_model_class("Bundle").model_validate(bundle)
    kinds = sorted({e["resource"]["resourceType"] for e in bundle["entry"]})
    assert {"Patient", "Consent", "Encounter", "Provenance", "Medication"} <= set(kinds)
    urls = {e["fullUrl"] for e in bundle["entry"]}
    for entry in bundle["entry"]:
        for ref in _references(entry["resource"]):
            assert ref in urls
    (consent,) = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Consent"
    ]
    assert consent["sourceAttachment"]["size"] > 1000  # the record PDF in the data folder
    assert str(written) in page.consult_message.text()
    # a folder that cannot be written: said, nothing claimed
    blocked = tmp_path / "file"
    blocked.write_text("x")
    window._prompter.ask_folder = lambda title, start: blocked / "sub"
    click(qtbot, page.export_button)
    assert window._prompter.asked[-1][0] == "error"
    assert "Nothing was exported" in window._prompter.asked[-1][1]


def _references(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                yield item
            else:
                yield from _references(item)
    elif isinstance(value, list):
        for item in value:
            yield from _references(item)

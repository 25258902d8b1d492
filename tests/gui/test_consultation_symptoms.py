"""Issue 15's symptoms, each reproduced through the widgets on a real SQLite file and service.

Each test failed on main before the fix it names (sealed consultation still editable, screening
locked behind the lot, messages outliving their consultation, focus and stray keys, signatures
lost from the draft...).
"""

# ruff: noqa: F811 - the fixtures are shared with test_steps_part2

from PySide6.QtCore import QPoint, Qt
from test_consultation_part1 import (
    answer_all,
    choose_indication,
    choose_product,
    click,
    create_patient,
    db_rows,
    start,
    stored_draft,
    to_screening_glabellar,
    type_lot,
)
from test_steps_part2 import (  # noqa: F401 - fixtures
    _no_modal,
    draw,
    make_window,
    paths,
    prompter,
    protocol,
    to_consent,
)
from typing_helpers import type_text

from consult_app.storage.db import open_database
from consult_app.storage.settings import SettingsRepository


def seal(qtbot, window):
    view, step = to_consent(qtbot, window)
    draw(qtbot, step.patient_box.pad)
    draw(qtbot, step.clinician_box.pad, offset=10)
    click(qtbot, step.seal_button)
    assert step.is_sealed(), step.message_label.text()
    return view, step


# -- 1. a sealed consultation is read-only on every step, and says so ------------------------


def test_sealed_consultation_is_read_only_on_every_step(qtbot, make_window, paths):
    window = make_window()
    view, _consent = seal(qtbot, window)
    _status, sealed_draft = stored_draft(paths, view.consultation_id)
    assert view.read_only_banner.isVisible()
    assert "sealed" in view.read_only_banner.text()

    view.show_step(1)  # product and plan: the units cannot be changed any more
    product = view.product_step
    area = next(iter(product.unit_spins))
    spin = product.unit_spins[area]
    before = spin.value()
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "50")
    assert spin.value() == before
    assert not product.product_combo.isEnabled()
    assert view.read_only_banner.isVisible()

    view.show_step(2)  # screening: no false STOP from the consultation's own treatment
    screening = view.screening_step
    assert not screening.banner.text().startswith("STOP"), screening.banner.text()
    row = next(iter(screening.rows.values()))
    row.setFocus()
    qtbot.keyClick(row, Qt.Key.Key_Y)
    assert not row.buttons["yes"].isChecked()

    view.show_step(0)
    check = next(c for c in view.indications_step.checks.values() if not c.isChecked())
    assert not check.isEnabled()

    # every step still counts as done, and nothing was written to the sealed draft
    assert all(step.is_complete() for step in view.steps), [s.hint() for s in view.steps]
    assert stored_draft(paths, view.consultation_id) == ("sealed", sealed_draft)

    # reopened from the patient page: still read-only, still saying so
    click(qtbot, view.patient_button)
    window.open_consultation(view.consultation_id)
    assert view.read_only_banner.isVisible()
    assert view.consent_step.is_sealed()
    assert view.consent_step.correct_button.isEnabled()
    assert not view.screening_step.banner.text().startswith("STOP")


# -- 7. screening before a lot is entered; the lot is needed to seal --------------------------


def test_screening_opens_before_the_lot_and_sealing_needs_it(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = start(qtbot, window)
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    assert view.product_step.lot_edit.text() == ""
    assert view.next_button.isEnabled(), view.message_label.text()
    click(qtbot, view.next_button)
    assert view.current_index() == 2
    answer_all(qtbot, view, yes={"pregnant"})  # a pregnant patient is screened first
    assert view.screening_step.banner.text().startswith("STOP")


def test_seal_refused_without_a_lot(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = start(qtbot, window)
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    click(qtbot, view.next_button)
    answer_all(qtbot, view)
    click(qtbot, view.next_button)
    click(qtbot, view.risks_step.tick_all_button)
    click(qtbot, view.next_button)
    step = view.consent_step
    assert "lot" in view.message_label.text()
    for check in step.confirm_checks.values():
        check.setChecked(True)
    draw(qtbot, step.patient_box.pad)
    draw(qtbot, step.clinician_box.pad)
    click(qtbot, step.seal_button)
    assert not step.is_sealed()
    assert "lot" in step.message_label.text()
    assert stored_draft(paths, view.consultation_id)[0] == "draft"


# -- 3. no message outlives its consultation ---------------------------------------------------


def test_deferral_message_does_not_follow_the_next_patient(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    answer_all(qtbot, view, yes={"pregnant"})
    click(qtbot, view.screening_step.deferral_button)
    label = view.screening_step.deferral_label
    assert "deferral.pdf" in label.text()
    # Banner and hint say it is done, not still to do.
    assert "deferral is recorded" in view.screening_step.banner.text()
    assert "record the deferral" not in view.screening_step.hint_label.text().lower()
    assert "deferral is recorded" in view.screening_step.hint_label.text()
    assert "recorded" in view.screening_step.banner.text()
    click(qtbot, view.patient_button)

    create_patient(qtbot, window, name="Ann Other", birth="1970-01-02")
    view = to_screening_glabellar(qtbot, window)
    assert not label.isVisible() and label.text() == ""
    assert view.screening_step.deferral_button.isEnabled()
    assert "Deferral" not in view.saved_label.text()


# -- 4. focus on the step's first control; stray keys never type into a reason ---------------


def test_focus_lands_on_first_control_of_each_step(qtbot, make_window):
    window = make_window()
    view = to_consent(qtbot, window)[0]
    view.back_action.trigger()  # Alt+Left
    assert view.current_index() == 3
    assert window.focusWidget() is view.risks_step.checklist
    view.back_action.trigger()  # Alt+Left
    view.back_action.trigger()  # Alt+Left
    assert window.focusWidget() is view.product_step.product_combo
    view.next_action.trigger()  # Alt+Right
    view.next_action.trigger()  # Alt+Right
    assert view.current_index() == 3
    assert window.focusWidget() is view.risks_step.checklist
    view.next_action.trigger()  # Alt+Right
    assert view.current_index() == 4
    first = next(iter(view.consent_step.confirm_checks.values()))
    assert window.focusWidget() is first


def test_stray_answer_keys_never_type_into_a_reason(qtbot, make_window, protocol):
    window = make_window()
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    step = view.screening_step
    rows = list(step.rows.values())
    for row in rows:
        answer = Qt.Key.Key_Y if row.qid == "muscle_relaxants" else Qt.Key.Key_N
        qtbot.keyClick(window.focusWidget(), answer)  # each answer moves to the next
    assert step.reason_boxes, "muscle relaxants give a CAUTION that needs a reason"
    last = rows[-1]
    for _ in range(3):  # a clinician pressing N once too often
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_N)
    for box in step.reason_boxes.values():
        assert box.edit.toPlainText() == ""
    assert window.focusWidget() is last


# -- 6. signatures and the typed clinician are saved in the draft ------------------------------


def test_signatures_and_clinician_survive_leaving_the_step(qtbot, make_window, paths):
    window = make_window()
    view, step = to_consent(qtbot, window)
    step.clinician_combo.setEditText("")
    type_text(qtbot, step.clinician_combo.lineEdit(), "Dr Zoë Côté")
    draw(qtbot, step.patient_box.pad)
    _status, draft = stored_draft(paths, view.consultation_id)
    signing = draft["extra"]["signing"]
    assert signing["clinician"] == "Dr Zoë Côté"
    assert signing["patient_signature"].startswith("png:")

    # the app is closed and reopened on this draft (a crash): everything is back
    click(qtbot, view.patient_button)
    window2 = make_window()
    view2 = window2.consultation_view
    view2.open_consultation(view.patient_id, view.consultation_id, "Zoë O'Brien")
    view2.show_step(4)
    again = view2.consent_step
    assert again.clinician_combo.currentText() == "Dr Zoë Côté"
    assert not again.patient_box.pad.is_empty()
    draw(qtbot, again.clinician_box.pad)
    click(qtbot, again.seal_button)
    assert again.is_sealed(), again.message_label.text() + again.signature_message.text()
    _status, sealed = stored_draft(paths, view.consultation_id)
    assert sealed["case"]["consent"]["patient_signature"] == signing["patient_signature"]
    assert sealed["case"]["consent"]["clinician"] == "Dr Zoë Côté"


def test_typed_clinician_is_remembered_for_the_next_consultations(qtbot, make_window, paths):
    window = make_window()
    view, step = to_consent(qtbot, window)
    step.clinician_combo.setEditText("")
    type_text(qtbot, step.clinician_combo.lineEdit(), "Dr New Locum")
    draw(qtbot, step.patient_box.pad)
    draw(qtbot, step.clinician_box.pad, offset=10)
    click(qtbot, step.seal_button)
    assert step.is_sealed()
    conn = open_database(paths.data / "consult.sqlite3")
    try:
        stored = SettingsRepository(conn).load()["clinicians"]
    finally:
        conn.close()
    assert list(stored) == ["Dr A. Martin", "N. Roy, RN", "Dr New Locum"]
    names = [step.clinician_combo.itemText(i) for i in range(step.clinician_combo.count())]
    assert "Dr New Locum" in names


# -- 9. number boxes, step list width, tab order ------------------------------------------------


def test_not_recorded_box_takes_typing_after_a_click(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = start(qtbot, window)
    choose_indication(qtbot, view, "chronic_migraine")
    spin = next(s for s in view.indications_step.outcome_spins.values() if s.isVisible())
    assert spin.text() == "not recorded"
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton, pos=QPoint(30, 8))
    qtbot.wait(10)
    qtbot.keyClicks(spin, "7")
    assert spin.value() == 7
    _status, draft = stored_draft(paths, view.consultation_id)
    assert 7 in draft["case"]["outcomes"].values()


def test_step_list_is_not_cut_at_1280(qtbot, make_window):
    window = make_window()
    window.resize(1280, 720)
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    answer_all(qtbot, view, yes={"pregnant"})
    qtbot.wait(10)
    steps = view.step_list
    metrics = steps.fontMetrics()
    for row in range(steps.count()):
        text = steps.item(row).text()
        assert metrics.horizontalAdvance(text) <= steps.viewport().width() - 8, text


def _next_focus(widget):
    nxt = widget.nextInFocusChain()
    while not (nxt.focusPolicy() & Qt.FocusPolicy.TabFocus and nxt.isVisible() and nxt.isEnabled()):
        nxt = nxt.nextInFocusChain()
    return nxt


def test_consent_tab_order_follows_reading_order(qtbot, make_window):
    window = make_window()
    _view, step = to_consent(qtbot, window)
    checks = list(step.confirm_checks.values())
    for first, second in zip(checks, checks[1:], strict=False):
        assert _next_focus(first) is second
    assert _next_focus(checks[-1]) is step.signer_combo


# -- 2. the vial's barcode: misread refused, GTIN stored, typing cannot contradict a scan ------


def _to_product(qtbot, window):
    create_patient(qtbot, window)
    view = start(qtbot, window)
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    return view, view.product_step


def test_misread_barcode_is_refused(qtbot, make_window, paths):
    window = make_window()
    view, step = _to_product(qtbot, window)
    type_lot(qtbot, view, "(01)03664798034567(17)270531(10)C1234A")  # check digit should be 1
    assert step.lot_edit.text() == "" and step.expiry_edit.text() == ""
    assert "misread" in step.lot_message.text()
    _status, draft = stored_draft(paths, view.consultation_id)
    assert "lot" not in draft["case"] and "lot_scan" not in draft["extra"]


def test_scanned_gtin_is_stored_and_typed_expiry_cannot_contradict_it(qtbot, make_window, paths):
    window = make_window()
    view, step = _to_product(qtbot, window)
    type_lot(qtbot, view, "(01)03664798034561(17)270531(10)C1234A")
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["lot"] == {"number": "C1234A", "expiry": "2027-05-31"}
    assert draft["extra"]["lot_scan"]["gtin"] == "03664798034561"
    assert "03664798034561" in step.lot_message.text()

    step.expiry_edit.setFocus()
    step.expiry_edit.selectAll()
    qtbot.keyClicks(step.expiry_edit, "2029-12-31")
    qtbot.keyClick(step.expiry_edit, Qt.Key.Key_Tab)
    assert "contradicts" in step.lot_message.text()
    assert step.expiry_edit.text() == "2027-05-31"
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["lot"]["expiry"] == "2027-05-31"


def test_lot_scanned_expired_cannot_be_typed_back_with_a_later_expiry(qtbot, make_window, paths):
    window = make_window()
    view, step = _to_product(qtbot, window)
    type_lot(qtbot, view, "(01)03664798034561(17)250531(10)C1234A")  # expired 2025-05-31
    assert "Expired on 2025-05-31" in step.lot_message.text()

    # The same lot typed by hand: refused on the spot, the reason shown, the fields cleared.
    type_lot(qtbot, view, "C1234A")
    assert step.lot_message.isVisible()
    assert "scanned as expired on 2025-05-31" in step.lot_message.text()
    assert step.lot_edit.text() == "" and step.expiry_edit.text() == ""
    # With a future expiry typed after it: still refused, never stored.
    type_lot(qtbot, view, "C1234A")
    step.expiry_edit.setFocus()
    qtbot.keyClicks(step.expiry_edit, "2029-12-31")
    qtbot.keyClick(step.expiry_edit, Qt.Key.Key_Tab)
    _status, draft = stored_draft(paths, view.consultation_id)
    assert "lot" not in draft["case"]
    assert draft["extra"]["expired_scans"] == {"C1234A": "2025-05-31"}

    # Another vial's lot is taken.
    type_lot(qtbot, view, "D5678B")
    step.expiry_edit.setFocus()
    step.expiry_edit.selectAll()
    qtbot.keyClicks(step.expiry_edit, "2028-01-31")
    qtbot.keyClick(step.expiry_edit, Qt.Key.Key_Tab)
    assert step.lot_message.isHidden()
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["lot"] == {"number": "D5678B", "expiry": "2028-01-31"}


# -- 10. a past consultation reopens read-only from the history, with its documents ------------


def test_past_consultation_reopens_with_its_documents(qtbot, make_window, paths, prompter):
    window = make_window()
    view, _step = seal(qtbot, window)
    sealed_id = view.consultation_id
    click(qtbot, view.patient_button)
    page = window.patient_page
    assert page.history_model.rowCount() == 1
    click(qtbot, page.open_button)  # nothing chosen yet: said, nothing opened
    assert "Choose a consultation" in page.consult_message.text()
    page.history_table.selectRow(0)
    click(qtbot, page.open_button)
    assert window.pages.currentWidget() is view
    assert view.consultation_id == sealed_id
    assert view.current_index() == 5
    assert view.read_only_banner.isVisible()
    finish = view.finish_step
    assert finish.document_path("handout") is not None
    assert finish.handout_preview.page_count() >= 1
    click(qtbot, finish.print_button)  # printed again, and the audit log says so
    assert prompter.printed_to.exists()
    events = [r["event"] for r in db_rows(paths, "SELECT event FROM audit_log ORDER BY seq")]
    assert events.count("document_printed") == 1


# -- 5. a draft older than a day asks for the screening again; unfinished drafts at start -----


def test_old_draft_asks_the_screening_again(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    answer_all(qtbot, view)
    assert view.next_button.isEnabled()
    click(qtbot, view.patient_button)
    conn = open_database(paths.data / "consult.sqlite3")
    try:  # left a month ago (the window's clock says 2026-11-21)
        with conn:
            conn.execute(
                "UPDATE consultations SET updated_at = ? WHERE id = ?",
                ("2026-10-20T09:00:00+00:00", view.consultation_id),
            )
    finally:
        conn.close()
    window.refresh_consultations()
    window.patient_page.drafts_list.setCurrentRow(0)
    click(qtbot, window.patient_page.resume_button)
    assert view.current_index() == 2, "it opens at the screening, not past it"
    assert "ask the screening questions again" in view.message_label.text()
    assert "more than a day ago" in view.screening_step.hint()
    step = view.screening_step
    row = next(iter(step.rows.values()))
    assert not any(b.isChecked() for b in row.buttons.values())
    assert "last time: No" in row.label.text()
    assert not view.next_button.isEnabled()
    _status, draft = stored_draft(paths, view.consultation_id)
    assert "answers" not in draft["case"]
    assert set(draft["extra"]["previous_answers"].values()) == {"no"}
    answer_all(qtbot, view)
    assert view.next_button.isEnabled()
    assert "last time" not in row.label.text()


def test_unfinished_drafts_are_listed_at_start(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    cid = view.consultation_id
    window2 = make_window()  # the app started again
    start_page = window2.start_page
    assert window2.panel.currentWidget() is start_page
    assert start_page.empty_label.isVisibleTo(window2)
    assert "Find a patient" in start_page.empty_label.text()
    assert start_page.list.count() == 1
    item = start_page.list.item(0)
    assert "Zoë O'Brien" in item.text()
    start_page.list.itemActivated.emit(item)
    assert window2.pages.currentWidget() is window2.consultation_view
    assert window2.consultation_view.consultation_id == cid


# -- a recorded deferral reopened from the history is read-only (clinician review) -------------


def test_recorded_deferral_reopens_read_only_and_cannot_be_sealed(qtbot, make_window, paths):
    window = make_window()
    create_patient(qtbot, window)
    view = to_screening_glabellar(qtbot, window)
    answer_all(qtbot, view, yes={"pregnant"})
    click(qtbot, view.screening_step.deferral_button)
    consultation_id = view.consultation_id
    status, deferred_draft = stored_draft(paths, consultation_id)
    assert status == "deferred"
    click(qtbot, view.patient_button)

    window.open_consultation(consultation_id)
    assert view.read_only_banner.isVisible()
    assert "deferral is recorded" in view.read_only_banner.text()
    assert view.current_index() == 2  # at the screening that stopped it
    row = view.screening_step.rows["pregnant"]
    row.setFocus()
    qtbot.keyClick(row, Qt.Key.Key_N)
    assert row.buttons["yes"].isChecked() and not row.buttons["no"].isChecked()
    assert view.screening_step.banner.text().startswith("STOP")

    view.show_step(4)  # consent: nothing can be signed or sealed on a deferral
    step = view.consent_step
    draw(qtbot, step.patient_box.pad)
    assert not step.seal_button.isEnabled()
    click(qtbot, step.seal_button)
    assert stored_draft(paths, consultation_id) == ("deferred", deferred_draft)
    sql = "SELECT id FROM consents WHERE consultation_id = ?"
    assert not db_rows(paths, sql, (consultation_id,))

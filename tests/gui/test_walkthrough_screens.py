"""Whole consultations under Xvfb with a screenshot of every step (not a regular test).

Three runs in the real main window: keyboard only (a new patient), with the mouse (a returning
patient, "Repeat last treatment"), and a declined consent. Run:
    CONSULT_WALKTHROUGH=docs/screenshots QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m pytest \
    tests/gui/test_walkthrough_screens.py -p no:faulthandler
Each picture is the whole X screen (ImageMagick ``import -window root``), 1366x768.
"""

# ruff: noqa: F811 - the fixtures are shared with test_steps_part2

import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from test_consultation_part1 import stored_draft
from test_routine_followup import SCAN, seed_returning_patient
from test_steps_part2 import (  # noqa: F401 - fixtures
    _no_modal,
    draw,
    make_window,
    paths,
    prompter,
    protocol,
)
from typing_helpers import type_text

OUT = os.environ.get("CONSULT_WALKTHROUGH")
pytestmark = pytest.mark.skipif(not OUT, reason="set CONSULT_WALKTHROUGH to take screenshots")

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def shoot(qtbot, name):
    qtbot.wait(400)
    QApplication.processEvents()
    target = Path(OUT) / f"walkthrough-{name}.png"
    subprocess.run(["import", "-window", "root", str(target)], check=True)
    if target.stat().st_size > 150_000:
        subprocess.run(["convert", str(target), "-colors", "256", str(target)], check=True)


def focused():
    return QApplication.focusWidget()


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier):
    """A key pressed on the real keyboard: it goes to whatever has the focus."""
    widget = focused()
    assert widget is not None
    qtbot.keyClick(widget, k, modifier)
    if modifier & ALT:
        qtbot.wait(250)  # a button's mnemonic clicks it after a short animation


def type_here(qtbot, text):
    type_text(qtbot, focused(), text)


def tab_to(qtbot, widget, limit=60):
    """Press Tab until ``widget`` has the focus (a keyboard user's way there)."""
    for _ in range(limit):
        if focused() is widget:
            return
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.accessibleName()}; at {focused()}")


def click(qtbot, widget, pos=None):
    if pos is None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def activate(qtbot, window):
    window.move(0, 0)
    window.resize(1366, 768)
    with qtbot.waitActive(window):
        window.activateWindow()


def test_keyboard_only(qtbot, make_window, paths):
    window = make_window()
    activate(qtbot, window)
    shoot(qtbot, "01-main-window")
    key(qtbot, Qt.Key.Key_N, CTRL)
    form = window.form
    assert focused() is form.name_edit
    type_here(qtbot, "Zoë O'Brien")
    tab_to(qtbot, form.birth_edit)
    type_here(qtbot, "1984-03-09")
    tab_to(qtbot, form.sex_combo)
    while form.sex_combo.currentData() != "female":
        key(qtbot, Qt.Key.Key_Down)
    tab_to(qtbot, form.email_edit)
    type_here(qtbot, "zoe@example.org")
    shoot(qtbot, "02-new-patient")
    key(qtbot, Qt.Key.Key_S, ALT)
    assert form.status_label.text() == "Saved.", form.status_label.text()
    key(qtbot, Qt.Key.Key_C, ALT)  # Start &consultation
    view = window.consultation_view
    assert window.pages.currentWidget() is view

    # step 2: indications
    glabellar = view.indications_step.checks["glabellar_lines"]
    tab_to(qtbot, glabellar)
    key(qtbot, Qt.Key.Key_Space)
    assert glabellar.isChecked()
    shoot(qtbot, "03-indications")
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert view.current_index() == 1

    # step 3: product, lot scanned
    product = view.product_step
    tab_to(qtbot, product.product_combo)
    for _ in range(10):
        if product.product_combo.currentData() == "botox":
            break
        key(qtbot, Qt.Key.Key_Down)
    assert product.product_combo.currentData() == "botox"
    tab_to(qtbot, product.lot_edit)
    type_here(qtbot, SCAN)
    key(qtbot, Qt.Key.Key_Return)
    assert product.expiry_edit.text() == "2027-05-31"
    shoot(qtbot, "04-product")
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert view.current_index() == 2, view.message_label.text()

    # step 4: screening, one key per question
    screening = view.screening_step
    for row in screening.rows.values():
        assert focused() is row
        key(qtbot, Qt.Key.Key_N)
    shoot(qtbot, "05-screening")
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert view.current_index() == 3

    # step 5: risks with Space and Down
    risks = view.steps[3]
    tab_to(qtbot, risks.checklist)
    shoot(qtbot, "06-risks")
    for _ in range(risks.checklist.count() * 2):
        item = risks.checklist.currentItem()
        checkable = item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable
        if checkable and item.checkState() != Qt.CheckState.Checked:
            key(qtbot, Qt.Key.Key_Space)
        if risks.is_complete():
            break
        key(qtbot, Qt.Key.Key_Down)
    assert risks.is_complete()
    tab_to(qtbot, risks.questions_edit)
    type_here(qtbot, "Will it hurt? A little, like a pinch; ice helps.")
    shoot(qtbot, "07-risks-discussed")
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert view.current_index() == 4

    # step 6: confirmations by Tab and Space; signatures drawn (a pen on the pad)
    consent = view.steps[4]
    for check in consent.confirm_checks.values():
        tab_to(qtbot, check)
        key(qtbot, Qt.Key.Key_Space)
        assert check.isChecked()
    shoot(qtbot, "08-consent")
    consent.scroll_area.ensureWidgetVisible(consent.seal_button)
    draw(qtbot, consent.patient_box.pad)
    draw(qtbot, consent.clinician_box.pad, offset=15)
    key(qtbot, Qt.Key.Key_S, ALT)
    assert consent.is_sealed(), consent.message_label.text()
    consent.scroll_area.ensureWidgetVisible(consent.seal_label)
    shoot(qtbot, "09-consent-sealed")
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert view.current_index() == 5
    assert "NOT SAVED" not in view.saved_label.text()
    shoot(qtbot, "10-finish")
    status, _ = stored_draft(paths, view.consultation_id)
    assert status == "sealed"


def test_with_the_mouse(qtbot, make_window, paths):
    window = make_window()
    seed_returning_patient(window)
    activate(qtbot, window)
    click(qtbot, window.search_edit)
    type_text(qtbot, window.search_edit, "lambert")
    window.refresh()
    table = window.patient_table
    rect = table.visualRect(window.patient_model.index(0, 0))
    click(qtbot, table.viewport(), rect.center())
    shoot(qtbot, "11-returning-patient")
    click(qtbot, window.patient_page.repeat_button)
    view = window.consultation_view
    click(qtbot, view.next_button)
    product = view.product_step
    click(qtbot, product.lot_edit)
    type_text(qtbot, product.lot_edit, SCAN)
    qtbot.keyClick(product.lot_edit, Qt.Key.Key_Return)  # the scanner's Enter
    shoot(qtbot, "12-repeat-product")
    click(qtbot, view.next_button)
    screening = view.screening_step
    for row in screening.rows.values():
        click(qtbot, row.buttons["no"])
    click(qtbot, view.next_button)
    risks = view.steps[3]
    click(qtbot, risks.tick_all_button)
    click(qtbot, view.next_button)
    consent = view.steps[4]
    for check in consent.confirm_checks.values():
        consent.scroll_area.ensureWidgetVisible(check)
        click(qtbot, check, QPoint(14, check.height() // 2))
        assert check.isChecked()
    consent.scroll_area.ensureWidgetVisible(consent.seal_button)
    draw(qtbot, consent.patient_box.pad)
    draw(qtbot, consent.clinician_box.pad, offset=15)
    click(qtbot, consent.seal_button)
    assert consent.is_sealed(), consent.message_label.text()
    click(qtbot, view.next_button)
    finish = view.steps[5]
    click(qtbot, finish.tabs.tabBar(), finish.tabs.tabBar().tabRect(1).center())
    shoot(qtbot, "13-finish-record")
    status, _ = stored_draft(paths, view.consultation_id)
    assert status == "sealed"


def test_declined(qtbot, make_window, paths):
    window = make_window()
    seed_returning_patient(window)
    activate(qtbot, window)
    click(qtbot, window.search_edit)
    type_text(qtbot, window.search_edit, "lambert")
    window.refresh()
    table = window.patient_table
    click(qtbot, table.viewport(), table.visualRect(window.patient_model.index(0, 0)).center())
    click(qtbot, window.patient_page.repeat_button)
    view = window.consultation_view
    click(qtbot, view.next_button)
    product = view.product_step
    click(qtbot, product.lot_edit)
    type_text(qtbot, product.lot_edit, SCAN)
    qtbot.keyClick(product.lot_edit, Qt.Key.Key_Return)
    click(qtbot, view.next_button)
    for row in view.screening_step.rows.values():
        click(qtbot, row.buttons["no"])
    click(qtbot, view.next_button)
    click(qtbot, view.steps[3].tick_all_button)
    click(qtbot, view.next_button)
    consent = view.steps[4]
    consent.scroll_area.ensureWidgetVisible(consent.decline_button)
    click(qtbot, consent.decline_button)
    assert consent.is_sealed(), consent.message_label.text()
    consent.scroll_area.ensureWidgetVisible(consent.seal_label)
    shoot(qtbot, "14-declined")
    click(qtbot, view.next_button)
    shoot(qtbot, "15-declined-finish")
    status, _ = stored_draft(paths, view.consultation_id)
    assert status == "declined"

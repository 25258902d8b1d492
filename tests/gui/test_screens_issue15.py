"""Issue 15 walk-through: every step, four consultations, three screen sizes (not a regular test).

A new patient by keyboard, a STOP (pregnancy), an off-label case (bruxism with Botox) and a
returning patient (repeat last treatment, then the sealed visit reopened from the history), each
at 1280x720, 1366x768 and 1920x1080. One PNG per step (the window, 256 colours). Run:
    CONSULT_SCREENS15=docs/screenshots/issue15 QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m pytest \
    tests/gui/test_screens_issue15.py -p no:faulthandler
"""

# ruff: noqa: F811 - the fixtures are shared with test_steps_part2

import os
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, QPoint, Qt
from PySide6.QtWidgets import QApplication
from test_consultation_part1 import answer_all, choose_indication, choose_product, type_lot
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

OUT = os.environ.get("CONSULT_SCREENS15")
pytestmark = pytest.mark.skipif(not OUT, reason="set CONSULT_SCREENS15 to take screenshots")

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SIZES = [(1280, 720), (1366, 768), (1920, 1080)]


def shoot(qtbot, window, size, scenario, name):
    qtbot.wait(150)
    QApplication.processEvents()
    folder = Path(OUT) / f"{size[0]}x{size[1]}"
    folder.mkdir(parents=True, exist_ok=True)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    window.grab().save(buffer, "PNG")
    from io import BytesIO

    image = Image.open(BytesIO(bytes(buffer.data()))).convert("RGB")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    image.save(folder / f"{scenario}-{name}.png", optimize=True)


def focused():
    return QApplication.focusWidget()


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier):
    widget = focused()
    assert widget is not None
    qtbot.keyClick(widget, k, modifier)
    if modifier & ALT:
        qtbot.wait(200)


def click(qtbot, widget, pos=None):
    if pos is None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    else:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def open_window(qtbot, make_window, size):
    window = make_window()
    window.move(0, 0)
    window.resize(*size)
    with qtbot.waitActive(window):
        window.activateWindow()
    return window


def new_patient_by_keyboard(qtbot, window, name, birth="1984-03-09"):
    key(qtbot, Qt.Key.Key_N, CTRL)
    type_text(qtbot, focused(), name)
    form = window.form
    form.birth_edit.setFocus()
    type_text(qtbot, focused(), birth)
    key(qtbot, Qt.Key.Key_S, ALT)
    assert form.status_label.text() == "Saved.", form.status_label.text()


def sign_and_seal(qtbot, view):
    consent = view.consent_step
    for check in consent.confirm_checks.values():
        click(qtbot, check, pos=QPoint(14, check.height() // 2))
    consent.scroll_area.ensureWidgetVisible(consent.patient_box.pad)
    draw(qtbot, consent.patient_box.pad)
    consent.scroll_area.ensureWidgetVisible(consent.clinician_box.pad)
    draw(qtbot, consent.clinician_box.pad, offset=10)
    click(qtbot, consent.seal_button)
    assert consent.is_sealed(), consent.message_label.text() + consent.signature_message.text()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_new_patient_keyboard(qtbot, make_window, size):
    window = open_window(qtbot, make_window, size)
    shoot(qtbot, window, size, "new", "0-start")
    new_patient_by_keyboard(qtbot, window, "Zoë O'Brien")
    key(qtbot, Qt.Key.Key_C, ALT)  # Start &consultation
    view = window.consultation_view
    first = view.indications_step.checks["glabellar_lines"]
    for _ in range(40):
        if focused() is first:
            break
        key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Space)
    shoot(qtbot, window, size, "new", "2-indications")
    key(qtbot, Qt.Key.Key_Right, ALT)
    product = view.product_step
    assert focused() is product.product_combo
    for _ in range(10):
        if product.product_combo.currentData() == "botox":
            break
        key(qtbot, Qt.Key.Key_Down)
    product.lot_edit.setFocus()
    type_text(qtbot, focused(), SCAN)
    key(qtbot, Qt.Key.Key_Return)
    shoot(qtbot, window, size, "new", "3-product")
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert view.current_index() == 2, view.message_label.text()
    for _ in view.screening_step.rows:
        key(qtbot, Qt.Key.Key_N)
    shoot(qtbot, window, size, "new", "4-screening")
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert focused() is view.risks_step.checklist
    key(qtbot, Qt.Key.Key_T, ALT)  # &Tick all
    shoot(qtbot, window, size, "new", "5-risks")
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert view.current_index() == 4
    shoot(qtbot, window, size, "new", "6-consent-top")
    sign_and_seal(qtbot, view)
    shoot(qtbot, window, size, "new", "6-consent-sealed")
    key(qtbot, Qt.Key.Key_Right, ALT)
    shoot(qtbot, window, size, "new", "7-finish")
    view.show_step(1)
    shoot(qtbot, window, size, "new", "8-sealed-product-read-only")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_stop_mouse(qtbot, make_window, size):
    window = open_window(qtbot, make_window, size)
    new_patient_by_keyboard(qtbot, window, "Maya Singh", "1994-07-12")
    click(qtbot, window.patient_page.start_button)
    view = window.consultation_view
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    shoot(qtbot, window, size, "stop", "3-product-no-lot-yet")
    click(qtbot, view.next_button)  # screening before a vial is opened
    answer_all(qtbot, view, yes={"pregnant"})
    shoot(qtbot, window, size, "stop", "4-screening-stop")
    click(qtbot, view.screening_step.deferral_button)
    shoot(qtbot, window, size, "stop", "4-deferral-recorded")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_off_label_mouse(qtbot, make_window, size):
    window = open_window(qtbot, make_window, size)
    new_patient_by_keyboard(qtbot, window, "Luc Tremblay", "1971-02-03")
    click(qtbot, window.patient_page.start_button)
    view = window.consultation_view
    choose_indication(qtbot, view, "bruxism")
    type_text(qtbot, view.indications_step.diagnosis_edit, "Bruxism, examined by Dr Côté")
    shoot(qtbot, window, size, "offlabel", "2-indications")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    product = view.product_step
    for area, spin in product.unit_spins.items():
        if not spin.value():
            spin.setFocus()
            spin.selectAll()
            qtbot.keyClicks(spin, "20")
            del area
    type_lot(qtbot, view, SCAN)
    shoot(qtbot, window, size, "offlabel", "3-product")
    click(qtbot, view.next_button)
    answer_all(qtbot, view)
    shoot(qtbot, window, size, "offlabel", "4-screening-caution")
    for box in view.screening_step.reason_boxes.values():
        type_text(qtbot, box.edit, "Night guard failed for two years; off-label use explained.")
    shoot(qtbot, window, size, "offlabel", "4-screening-reason-written")
    assert view.next_button.isEnabled(), view.message_label.text()
    click(qtbot, view.next_button)
    click(qtbot, view.risks_step.tick_all_button)
    click(qtbot, view.next_button)
    shoot(qtbot, window, size, "offlabel", "6-consent")
    consent = view.consent_step
    consent.scroll_area.ensureWidgetVisible(consent.confirm_group)
    shoot(qtbot, window, size, "offlabel", "6-consent-confirmations")
    sign_and_seal(qtbot, view)
    click(qtbot, view.next_button)
    shoot(qtbot, window, size, "offlabel", "7-finish")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_returning_patient_mouse(qtbot, make_window, size):
    window = open_window(qtbot, make_window, size)
    seed_returning_patient(window)
    window.search_edit.setText("Claire")
    window.refresh()
    window.patient_table.selectRow(0)
    shoot(qtbot, window, size, "returning", "1-patient-page")
    click(qtbot, window.patient_page.repeat_button)
    view = window.consultation_view
    click(qtbot, view.next_button)
    type_lot(qtbot, view, SCAN)
    click(qtbot, view.next_button)
    answer_all(qtbot, view)
    click(qtbot, view.next_button)
    click(qtbot, view.risks_step.tick_all_button)
    click(qtbot, view.next_button)
    sign_and_seal(qtbot, view)
    click(qtbot, view.next_button)
    shoot(qtbot, window, size, "returning", "7-finish")
    click(qtbot, view.patient_button)
    page = window.patient_page
    page.history_table.selectRow(0)
    shoot(qtbot, window, size, "returning", "8-history")
    click(qtbot, page.open_button)
    shoot(qtbot, window, size, "returning", "9-reopened-read-only")
    view.show_step(2)
    shoot(qtbot, window, size, "returning", "9-reopened-screening")

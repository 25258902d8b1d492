"""At 1366x768 no widget of steps 1-4 lies outside the window or has its text cut."""

# ruff: noqa: F811 - the fixtures are shared with test_consultation_part1

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)
from test_consultation_part1 import (  # noqa: F401 - fixtures
    answer_all,
    choose_indication,
    choose_product,
    click,
    create_patient,
    make_window,
    paths,
    protocol,
    start,
    type_lot,
)


def _scroll_parent(widget):
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def _sideways_scrolling(window):
    """Scroll areas that need a horizontal scroll bar (something would be cut at the right)."""
    return [
        f"sideways scrolling in {type(area.widget()).__name__}: "
        f"{area.widget().minimumSizeHint()} in {area.viewport().size()}"
        for area in window.findChildren(QScrollArea)
        if area.isVisibleTo(window) and area.horizontalScrollBar().isVisible()
    ]


def problems_in(window):
    # Let the layouts settle first: a word-wrapped label's height is known once it has a width,
    # which posts another layout request (PySide6 6.11 needs that second pass, 6.12 did not).
    for _ in range(5):
        QApplication.processEvents()
    found = []
    frame = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.width() == 0:
            continue
        if widget.objectName().startswith("qt_"):  # Qt's own parts (spin box editors...)
            continue
        text = getattr(widget, "text", lambda: "")()
        name = f"{type(widget).__name__} {widget.objectName()} {text!r}"
        top_left = widget.mapTo(window, QPoint(0, 0))
        rect = QRect(top_left, widget.size())
        if _scroll_parent(widget) is None and not frame.contains(rect):
            found.append(f"outside the window: {name} {rect}")
        hint = widget.minimumSizeHint()
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 1:
                    found.append(f"label cut (height {widget.height()} < {needed}): {name}")
            elif widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height():
                found.append(f"label cut ({widget.size()} < {hint}): {name}")
        elif isinstance(widget, QAbstractButton | QComboBox | QLineEdit | QAbstractSpinBox) and (
            widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height()
        ):
            found.append(f"cut ({widget.size()} < {hint}): {name}")
    # Scrolling down is fine; scrolling sideways means something is cut.
    return found + _sideways_scrolling(window)


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (1366, 768),
        (910, 512),
    ],
    ids=["1366x768", "1366x768-at-150%"],  # 150 % scaling leaves 910x512 logical pixels
)
def test_steps_1_to_4_fit(qtbot, make_window, width, height):
    window = make_window()
    window.resize(width, height)
    create_patient(qtbot, window, name="Zoë O'Brien-Łukasiewicz-Montgomery")
    window.show()
    qtbot.waitExposed(window)
    assert window.width() <= width and window.height() <= height
    assert problems_in(window) == []
    view = start(qtbot, window)
    choose_indication(qtbot, view, "chronic_migraine")
    choose_indication(qtbot, view, "glabellar_lines")
    choose_indication(qtbot, view, "axillary_hyperhidrosis")
    view.indications_step.diagnosis_edit.setPlainText("Chronic migraine, examined by Dr A. Smith")
    assert problems_in(window) == []
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    type_lot(qtbot, view, "(01)03664798034561(17)270531(10)C1234A")
    assert problems_in(window) == []
    click(qtbot, view.next_button)
    assert view.current_index() == 2
    answer_all(qtbot, view, yes={"muscle_relaxants"})
    assert view.screening_step.reason_boxes
    assert problems_in(window) == []
    answer_all(qtbot, view, yes={"toxin_allergy"})
    assert view.screening_step.deferral_button.isVisible()
    assert problems_in(window) == []

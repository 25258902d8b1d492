"""The injection map widget through real mouse and keyboard events (issue 18).

Place, move and delete points with the mouse and with the keyboard; a click outside every zone is
refused with a message; the wheel and the units box set a point's units; the list does everything
without a mouse. A PREEMPT session from the pattern is 31 points.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from consult_app.app.services import load_diagrams_for, load_protocol_for
from consult_app.core.diagrams import SIZE
from consult_app.core.map_plan import initial_points
from consult_app.core.plan import default_plan
from consult_app.ui.widgets.injection_map import InjectionMap


@pytest.fixture(scope="module")
def protocol():
    return load_protocol_for(None)


@pytest.fixture(scope="module")
def diagrams(protocol):
    return load_diagrams_for(protocol)


@pytest.fixture
def widget(qtbot, protocol, diagrams):
    w = InjectionMap()
    qtbot.addWidget(w)
    w.resize(900, 500)
    w.show()
    qtbot.waitExposed(w)
    return w


def _view_point(widget, x, y) -> QPoint:
    """Where a diagram point (0-1) is on the view's viewport."""
    return widget.view.mapFromScene(QPointF(x * SIZE, y * SIZE))


def _click(qtbot, widget, x, y):
    qtbot.mouseClick(
        widget.view.viewport(), Qt.MouseButton.LeftButton, pos=_view_point(widget, x, y)
    )


def _glabellar(widget, protocol, diagrams):
    plan = default_plan(protocol, ["glabellar_lines"], "botox")
    points = initial_points(diagrams, protocol, ["glabellar_lines"], plan)
    widget.set_data(diagrams, protocol, "en", points, ["face_upper"])
    return points


def test_preempt_pattern_shows_31_points(widget, protocol, diagrams) -> None:
    plan = default_plan(protocol, ["chronic_migraine"], "botox")
    points = initial_points(diagrams, protocol, ["chronic_migraine"], plan)
    widget.set_data(
        diagrams, protocol, "en", points, ["face_upper", "head", "neck", "back_shoulder"]
    )
    assert widget.list.count() == 31
    assert len(widget._items) == 7  # the upper face's points are drawn
    assert widget.orientation.text() == "Front view: the patient's left is on your right."
    widget.region_combo.setCurrentIndex(widget.region_combo.findData("head"))
    widget.region_combo.activated.emit(widget.region_combo.currentIndex())
    assert len(widget._items) == 14
    assert "Back view" in widget.orientation.text()


def test_click_adds_a_point_on_the_zone_under_it(qtbot, widget, protocol, diagrams) -> None:
    _glabellar(widget, protocol, diagrams)
    with qtbot.waitSignal(widget.pointsChanged) as changed:
        _click(qtbot, widget, 0.29, 0.36)  # the viewer's left of the forehead: the patient's right
    added = changed.args[0][-1]
    assert (added["area"], added["side"]) == ("frontalis", "right")
    assert added["x"] == pytest.approx(0.29, abs=0.01)
    assert widget.list.count() == 6 and widget.list.currentRow() == 5


def test_click_outside_every_zone_is_refused(qtbot, widget, protocol, diagrams) -> None:
    _glabellar(widget, protocol, diagrams)
    _click(qtbot, widget, 0.5, 0.93)  # the chin
    assert widget.list.count() == 5
    assert "Not on a treatment area" in widget.message.text()


def test_drag_moves_a_point_to_another_zone_and_back_when_outside(
    qtbot, widget, protocol, diagrams
) -> None:
    points = _glabellar(widget, protocol, diagrams)
    start = _view_point(widget, points[1]["x"], points[1]["y"])  # a right corrugator point
    viewport = widget.view.viewport()
    with qtbot.waitSignal(widget.pointsChanged) as changed:
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(viewport, pos=_view_point(widget, 0.3, 0.36))
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=_view_point(widget, 0.3, 0.36))
    moved = changed.args[0][1]
    assert (moved["area"], moved["side"]) == ("frontalis", "right")
    start = _view_point(widget, moved["x"], moved["y"])
    with qtbot.waitSignal(widget.pointsChanged) as changed:
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(viewport, pos=_view_point(widget, 0.5, 0.93))
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=_view_point(widget, 0.5, 0.93))
    assert changed.args[0][1] == moved
    assert "went back" in widget.message.text()


def test_keyboard_only_select_change_units_delete_and_add(
    qtbot, widget, protocol, diagrams
) -> None:
    _glabellar(widget, protocol, diagrams)
    widget.list.setFocus()
    widget.list.setCurrentRow(0)
    qtbot.keyClick(widget.list, Qt.Key.Key_Plus)
    assert widget.points()[0]["units"] == 4.5
    qtbot.keyClick(widget.list, Qt.Key.Key_Minus)
    qtbot.keyClick(widget.list, Qt.Key.Key_Minus)
    assert widget.points()[0]["units"] == 3.5
    widget.units_spin.setFocus()
    widget.units_spin.selectAll()
    qtbot.keyClicks(widget.units_spin, "6")
    assert widget.points()[0]["units"] == 6
    widget.list.setFocus()
    qtbot.keyClick(widget.list, Qt.Key.Key_Delete)
    assert widget.list.count() == 4 and widget.points()[0]["area"] == "corrugator"
    widget.zone_combo.setCurrentIndex(widget.zone_combo.findData("orbicularis_oculi_lateral:left"))
    qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
    added = widget.points()[-1]
    assert (added["area"], added["side"]) == ("orbicularis_oculi_lateral", "left")
    assert added["x"] > 0.5  # front view: the patient's left is on the viewer's right


def test_wheel_over_a_point_changes_its_units(qtbot, widget, protocol, diagrams) -> None:
    from PySide6.QtCore import QPoint as P
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    points = _glabellar(widget, protocol, diagrams)
    pos = _view_point(widget, points[0]["x"], points[0]["y"])
    viewport = widget.view.viewport()
    event = QWheelEvent(
        QPointF(pos),
        QPointF(viewport.mapToGlobal(pos)),
        P(0, 0),
        P(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)
    assert widget.points()[0]["units"] == 4.5

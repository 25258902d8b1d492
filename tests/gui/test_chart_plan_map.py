"""The plan step's map and the units grid stay in step (issue 18), through the real window.

A glabellar plan shows the 5 usual points; typing an area's units in the grid shares them over
its points; clicking a muscle on the map adds a point and its area and side to the plan; deleting
a point takes its units off the plan. The points are autosaved in the draft.
"""

from PySide6.QtCore import QPointF, Qt
from test_consultation_part1 import (  # noqa: F401 - fixtures
    choose_indication,
    choose_product,
    click,
    create_patient,
    make_window,
    paths,
    protocol,
    start,
    stored_draft,
)

from consult_app.core.diagrams import SIZE


def _type(qtbot, spin, text):
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)


def test_map_and_grid_stay_in_step(qtbot, make_window, paths):  # noqa: F811
    window = make_window()
    create_patient(qtbot, window)
    view = start(qtbot, window)
    choose_indication(qtbot, view, "glabellar_lines")
    click(qtbot, view.next_button)
    choose_product(qtbot, view, "botox")
    step = view.product_step
    box = step.plan_map
    assert box.isVisible()
    chart = box.map
    assert chart.list.count() == 5
    assert [p["units"] for p in chart.points()] == [4] * 5

    # The grid sets the corrugators to 20 U: their 4 points get 5 U each.
    _type(qtbot, step.unit_spins["corrugator"], "20")
    corrugator = [p for p in chart.points() if p["area"] == "corrugator"]
    assert [p["units"] for p in corrugator] == [5] * 4
    _status, draft = stored_draft(paths, view.consultation_id)
    assert [p["units"] for p in draft["extra"]["map_points"] if p["area"] == "corrugator"] == [
        5
    ] * 4

    # A click on the patient's left forehead adds a frontalis point: the grid gets the area.
    chart.view.ensureVisible(0, 0, SIZE, SIZE)
    pos = chart.view.mapFromScene(QPointF(0.7 * SIZE, 0.36 * SIZE))
    qtbot.mouseClick(chart.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert "frontalis" in step.unit_spins
    left, right = step.side_spins["frontalis"]
    assert (left.value(), right.value()) == (5, 0)
    _status, draft = stored_draft(paths, view.consultation_id)
    assert draft["case"]["plan"]["frontalis"] == {"left": 5, "right": 0}

    # Delete a right corrugator point from the list: the right side loses its 5 U.
    row = next(
        i for i, p in enumerate(chart.points()) if (p["area"], p["side"]) == ("corrugator", "right")
    )
    chart.list.setFocus()
    chart.list.setCurrentRow(row)
    qtbot.keyClick(chart.list, Qt.Key.Key_Delete)
    left, right = step.side_spins["corrugator"]
    assert (left.value(), right.value()) == (10, 5)
    assert step.unit_spins["corrugator"].value() == 15
    assert "Total: 24 U of Botox" in step.total_label.text()  # procerus 4 + 15 + frontalis 5
